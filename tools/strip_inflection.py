#!/usr/bin/env python3
"""Copy a model directory with every inflection marker (~) removed from its aliases.

    python3 tools/strip_inflection.py [SRC_MODEL] DEST

SRC_MODEL defaults to the repository (its gazetteers/ and rules/). The copy matches
only the forms written in the gazetteers, so tagging with it against the original
shows what inflection-aware matching adds (tools/eval_inflection.sh does that).
Only alias columns (language codes) are touched; comments and other columns are
copied byte for byte.
"""
import os, re, shutil, sys

LANG = re.compile(r'^[a-z]{2,3}$')
KNOWN = {'id', 'type', 'subtype', 'name', 'topics', 'note'}


def strip_file(src, dst):
    header = None
    with open(src, encoding='utf-8', newline='') as f, open(dst, 'w', encoding='utf-8', newline='') as g:
        for line in f:
            body = line.rstrip('\r\n')
            end = line[len(body):]
            if not body.strip() or body.lstrip('\ufeff').startswith('#'):
                g.write(line)
                continue
            cols = body.split('\t')
            if header is None:
                header = [c.lstrip('\ufeff') for c in cols]
                g.write(line)
                continue
            for i, name in enumerate(header):
                if i < len(cols) and name not in KNOWN and LANG.match(name):
                    cols[i] = '|'.join(a.rstrip(' ').rstrip('~') if a.rstrip(' ').endswith('~') else a
                                       for a in cols[i].split('|'))
            g.write('\t'.join(cols) + end)


def main():
    args = sys.argv[1:]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    src = args[0] if len(args) == 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    dst = args[-1]
    shutil.copytree(os.path.join(src, 'rules'), os.path.join(dst, 'rules'), dirs_exist_ok=True)
    os.makedirs(os.path.join(dst, 'gazetteers'), exist_ok=True)
    n = 0
    for name in sorted(os.listdir(os.path.join(src, 'gazetteers'))):
        s = os.path.join(src, 'gazetteers', name)
        if name.endswith('.tsv'):
            strip_file(s, os.path.join(dst, 'gazetteers', name))
            n += 1
        elif os.path.isfile(s):
            shutil.copy(s, os.path.join(dst, 'gazetteers', name))
    print(f'{dst}: {n} gazetteer files without ~', file=sys.stderr)


if __name__ == '__main__':
    main()
