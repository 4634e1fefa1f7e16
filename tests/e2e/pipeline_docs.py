#!/usr/bin/env python3
"""--help, the man page and the README say the same thing.

usage: pipeline_docs.py TAGGER SOURCE_DIR

The options of `tagger --help` and of docs/tagger.1 are the same set, with the same
short forms and the same defaults; every option the README mentions exists; the
formats named by --help, the man page, the README and the program's own error
message are the same list, and each of them is accepted. The man page renders
without groff warnings when groff is installed.
"""
import re, shutil, subprocess, sys

TAGGER, SRC = sys.argv[1:3]
fail = 0


def check(ok, what):
    global fail
    print(('ok   ' if ok else 'FAIL ') + what)
    fail |= not ok


help_text = subprocess.run([TAGGER, '--help'], capture_output=True, text=True, check=True).stdout
man = open(f'{SRC}/docs/tagger.1', encoding='utf-8').read()
readme = open(f'{SRC}/README.md', encoding='utf-8').read()
man_plain = man.replace('\\-', '-').replace('\\fB', '').replace('\\fR', '').replace('\\fI', '')

help_opts = set(re.findall(r'^\s+(?:-\w, )?(--[a-z-]+)', help_text, re.M))
options_section = man_plain.split('.SH OPTIONS')[1].split('.SH ')[0]
man_opts = set(re.findall(r'^\.(?:BR?I?|TP\n\.B)\s+(?:-\w\s*(?:"?, "?)\s*)?(--[a-z-]+)', options_section, re.M))
check(help_opts == man_opts and len(help_opts) > 10,
      f'--help and the man page list the same {len(help_opts)} options'
      + (f' (only in --help: {sorted(help_opts - man_opts)}, only in man: {sorted(man_opts - help_opts)})'
         if help_opts != man_opts else ''))

help_short = dict((l, s) for s, l in re.findall(r'^\s+(-\w), (--[a-z-]+)', help_text, re.M))
man_short = dict((l, s) for s, l in re.findall(r'^\.BR (-\w) ", " (--[a-z-]+)', options_section, re.M))
check(help_short == man_short, f'the same short forms ({" ".join(sorted(help_short.values()))})')

help_defaults = dict(re.findall(r'(--[a-z-]+) N .*?\n?.*?\(default (\d+)\)', help_text))
man_defaults = dict(re.findall(r'(--[a-z-]+) " N"\n.*?\(default\s+(\d+)\)', options_section, re.S))
check(help_defaults == man_defaults and help_defaults,
      f'the same numeric defaults {help_defaults} / {man_defaults}')

readme_opts = set(re.findall(r'(?<![\w-])(--[a-z][a-z-]+)', readme))
readme_opts -= {'--test', '--pipe', '--block', '--cflags', '--libs', '--lang', '--bar', '--errors',
                '--install'} - help_opts
# Options of the subcommands (`tagger serve --help`, `tagger worker --help`) count too.
sub_opts = set()
for sub in ('serve', 'worker'):
    sub_help = subprocess.run([TAGGER, sub, '--help'], capture_output=True, text=True).stdout
    sub_opts |= set(re.findall(r'^\s+(?:-\w, )?(--[a-z-]+)', sub_help, re.M))
unknown = sorted(o for o in readme_opts if o not in help_opts | sub_opts)
check(not unknown, f'every option the README names exists ({unknown or "all known"})')


def formats_in(text):
    return re.findall(r'\b(text|json|jsonl|tsv|brat|conll|html)\b \(', re.sub(r'\s+', ' ', text))


f_help = formats_in(help_text.split('--format FORMAT')[1].split('-o, --output-dir')[0])
f_man = formats_in(options_section.split('--format')[1].split('--output-dir')[0].replace('\n', ' '))
readme_use = readme.split('Formats for files')[1].split('\n\n')[0].replace('`', '').replace('\n', ' ')
f_readme = formats_in(readme_use)
err = subprocess.run([TAGGER, '--format', 'nope'], capture_output=True, text=True).stderr
f_prog = re.findall(r'\b(\w+)\b', err.split('one of')[1].split(', not')[0]) if 'one of' in err else []
check(f_help == f_man == f_readme == f_prog and len(f_prog) == 7,
      f'--help, man, README and the program name the same formats {f_prog}')
accepted = all(subprocess.run([TAGGER, '--model', SRC, '-f', f, '/dev/null'],
                              capture_output=True).returncode == 0 for f in f_prog)
check(accepted, 'each named format is accepted')

if shutil.which('groff'):
    p = subprocess.run(['groff', '-man', '-Tutf8', '-ww', '-z', f'{SRC}/docs/tagger.1'],
                       capture_output=True, text=True)
    check(p.returncode == 0 and not p.stderr.strip(), f'the man page renders cleanly {p.stderr[:200]}')
else:
    print('skip groff is not installed: the man page was not rendered')
sys.exit(fail)
