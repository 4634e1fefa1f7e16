#!/usr/bin/env python3
"""The output formats for files, and many files at once.

usage: pipeline_formats.py TAGGER MODEL_DIR CORPORA_DIR

Each format is checked against the JSON output of the same file (the reference the
other formats are rendered from): TSV rows carry the same values, brat offsets cut
the annotated text out of the file, CoNLL tokens rebuild the text and open one B- per
entity, the HTML page marks every entity and escapes what it shows. Then folders,
quoted globs, --output-dir, -j, the summary line and the progress bar.
"""
import json, os, pty, re, shutil, subprocess, sys, tempfile

TAGGER, MODEL, CORPORA = sys.argv[1:4]
BASE = [TAGGER, '--model', MODEL]
fail = 0


def check(ok, what):
    global fail
    print(('ok   ' if ok else 'FAIL ') + what)
    fail |= not ok


def run(*args, code=0):
    p = subprocess.run(BASE + list(args), capture_output=True)
    if p.returncode != code:
        print(f'     {" ".join(args)}: exit {p.returncode}: {p.stderr.decode(errors="replace")[-300:]}')
    return p


def corpus_texts():
    out = {}
    for lang in ('en', 'uk', 'ru'):
        for row in open(os.path.join(CORPORA, f'gold-{lang}.jsonl'), encoding='utf-8'):
            g = json.loads(row)
            if len([k for k in out if k.startswith(lang)]) < 2:
                out[f'{lang}{len(out)}'] = g['text']
    return out


def main():
    tmp = tempfile.mkdtemp()
    try:
        texts = corpus_texts()
        root = os.path.join(tmp, 'corpus')
        files = []
        for i, (name, text) in enumerate(sorted(texts.items())):
            sub = os.path.join(root, name[:2], 'deep' if i % 2 else '')
            os.makedirs(sub, exist_ok=True)
            path = os.path.join(sub, f'{name}.txt')
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
            files.append(path)
        hostile = os.path.join(root, 'hostile.txt')
        with open(hostile, 'w', encoding='utf-8') as f:
            f.write('<script>alert("x")</script> & Russia\tand the "United States"\n'
                    'met in <b>Geneva</b> & Paris.\n')
        page = os.path.join(root, 'page.html')
        with open(page, 'w', encoding='utf-8') as f:
            f.write('<!doctype html><html><head><title>Kyiv</title><script>var x="<b>";'
                    '</script><style>p{}</style></head><body><!-- Moscow --><h1>Talks in '
                    'Warsaw</h1><p>Ukraine &amp; Poland met.</p></body></html>')
        with open(os.path.join(root, '.hidden.txt'), 'w') as f:
            f.write('Russia')
        files += [hostile, page]

        check_formats(files, hostile, page)
        check_many(root, files)
    finally:
        shutil.rmtree(tmp)
    return fail


def cp_text(path):
    return open(path, encoding='utf-8').read()


def check_formats(files, hostile, page):
    tsv_ok = brat_ok = conll_ok = html_ok = True
    for path in files:
        doc = json.loads(run('-f', 'json', path).stdout)
        line = run('-f', 'jsonl', path).stdout
        check_jsonl = line.count(b'\n') == 1 and json.loads(line) == doc
        if not check_jsonl:
            print(f'     {path}: jsonl differs from json')
            tsv_ok = False
        ents = doc['entities']
        text = cp_text(path)
        raw = open(path, 'rb').read()

        # TSV: a header, then one row per entity with the JSON's values.
        rows = run('-f', 'tsv', path).stdout.decode().split('\n')
        header = rows[0].split('\t')
        rows = [dict(zip(header, r.split('\t'))) for r in rows[1:] if r]
        unesc = lambda s: re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r'}.get(m[1], m[1]), s)
        if len(rows) != len(ents) or any(
                unesc(r['text']) != e['text'] or int(r['start']) != e['start'] or
                int(r['byte_end']) != e['byte_end'] or r['type'] != e['type'] or
                r['id'] != e['id'] or r['doc'] != path for r, e in zip(rows, ents)):
            print(f'     {path}: TSV rows differ from the JSON entities')
            tsv_ok = False
        for i, r in enumerate(rows):
            want = sorted(t['id'] for t in doc['tags'] if i in t['evidence'])
            if sorted(filter(None, r['tags'].split(','))) != want:
                print(f'     {path}: TSV row {i} tags {r["tags"]!r}, want {want}')
                tsv_ok = False

        # brat: offsets are characters of the file; fragments joined by a space.
        ann = run('-f', 'brat', path).stdout.decode().splitlines()
        tlines = [a for a in ann if a.startswith('T')]
        notes = [a for a in ann if a.startswith('#')]
        if len(tlines) != len(ents) or len(notes) != len(ents):
            print(f'     {path}: {len(tlines)} brat spans for {len(ents)} entities')
            brat_ok = False
        for a, e in zip(tlines, ents):
            tid, spec, shown = a.split('\t')
            typ, frags = spec.split(' ', 1)
            parts = [text[int(s):int(t)] for s, t in (f.split() for f in frags.split(';'))]
            if typ != e['type'] or ' '.join(parts) != shown or shown.replace(' ', '') != \
                    re.sub(r'\s', '', e['text']):
                print(f'     {path}: brat {a!r} does not cut {e["text"]!r} out of the file')
                brat_ok = False

        # CoNLL: tokens rebuild the text without whitespace; one B- per entity, typed.
        conll = run('-f', 'conll', path).stdout.decode().split('\n')
        toks = [l.split('\t') for l in conll[1:] if l]
        if ''.join(t[0] for t in toks) != re.sub(r'\s', '', text):
            print(f'     {path}: CoNLL tokens do not rebuild the text')
            conll_ok = False
        begins = [t for t in toks if t[1].startswith('B-')]
        if path != page and [t[1][2:] for t in begins] != [e['type'] for e in ents]:
            print(f'     {path}: {len(begins)} B- tags for {len(ents)} entities')
            conll_ok = False
        if any(t[1].startswith('I-') and (i == 0 or toks[i - 1][1] == 'O')
               for i, t in enumerate(toks)):
            print(f'     {path}: an I- tag follows an O')
            conll_ok = False

        # HTML: one mark per entity, with its text; nothing from the input unescaped.
        html = run('-f', 'html', path).stdout.decode()
        marks = re.findall(r'<mark class="t-(\w+)[^"]*" title="[^"<>]*">(.*?)</mark>', html, re.S)
        if path != page and [(m[0], m[1]) for m in marks] != \
                [(e['type'], e['text'].replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
                  .replace('"', '&quot;').replace("'", '&#39;')) for e in ents]:
            print(f'     {path}: {len(marks)} marks for {len(ents)} entities')
            html_ok = False
        if html.count('<script') or html.count('<b>'):
            print(f'     {path}: markup from the input reached the page')
            html_ok = False
        if not all(t['label'] in html for t in doc['tags']):
            print(f'     {path}: a tag label is missing from the page')
            html_ok = False
    check(tsv_ok, 'json, jsonl and tsv agree on every entity of every file')
    check(brat_ok, 'brat offsets cut each entity out of its file')
    check(conll_ok, 'CoNLL tokens rebuild each text and open one B- per entity')
    check(html_ok, 'HTML pages mark every entity, list the tags and escape the input')

    h = run('-f', 'html', hostile).stdout.decode()
    check('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in h, 'a .txt file\'s markup is shown escaped')
    p = run('-f', 'html', page).stdout.decode()
    article = p[p.index('<article>'):]
    check('Warsaw' in article and 'Moscow' not in article and 'var x' not in article,
          'an HTML file shows its visible text: no comments, scripts or styles')
    doc = json.loads(run('-f', 'json', page).stdout)
    marked = re.findall(r'<mark[^>]*>(.*?)</mark>', article)
    # Entities the library finds outside the visible text (in a comment, until it
    # reads HTML) have nowhere to be shown; every visible one is marked, in order.
    visible = [e['text'] for e in doc['entities'] if e['text'] != 'Moscow']
    check(marked == visible and {'Warsaw', 'Ukraine', 'Poland'} <= set(marked),
          f'an HTML file\'s entities are marked in its visible text ({marked})')


def check_many(root, files):
    # A folder, walked in order; hidden files skipped.
    one = run('-f', 'jsonl', root).stdout.decode().splitlines()
    ids = [json.loads(l)['id'] for l in one]
    want = sorted(files, key=lambda p: os.path.relpath(p, root).split(os.sep))
    check(ids == want, f'a folder is walked recursively in sorted order, hidden files skipped ({len(ids)} files)')
    # -j 2 writes what -j 1 writes, in every stream format.
    same = all(run('-f', f, '-j', '1', root).stdout == run('-f', f, '-j', '2', root).stdout
               for f in ('text', 'json', 'jsonl', 'tsv', 'conll'))
    check(same, '-j 2 writes the same bytes as -j 1 for text, json, jsonl, tsv and conll')
    tsv = run('-f', 'tsv', root).stdout.decode()
    check(tsv.count('doc\tstart') == 1, 'TSV of many files has one header')
    # A quoted glob is expanded by the program.
    g = run('-f', 'jsonl', os.path.join(root, 'en', '*.txt')).stdout.decode().splitlines()
    check([json.loads(l)['id'] for l in g] == sorted(p for p in files if os.path.dirname(p) == os.path.join(root, 'en')),
          'a quoted glob is expanded')
    p = run('-f', 'json', os.path.join(root, 'nothing*.txt'), code=1)
    check(p.returncode == 1 and b'no file matches' in p.stderr, 'a glob that matches nothing fails, named')
    # One page per input needs --output-dir.
    p = run('-f', 'html', root, code=2)
    check(p.returncode == 2 and b'--output-dir' in p.stderr, '--format html for many files asks for --output-dir')
    # --output-dir: one file per input, below-folder paths kept, the format's extension.
    for fmt, ext in (('html', 'html'), ('brat', 'ann'), ('tsv', 'tsv'), ('json', 'json')):
        outs = {}
        for j in ('1', '2'):
            out = os.path.join(os.path.dirname(root), f'out-{fmt}-{j}')
            p = run('-f', fmt, '-j', j, '-o', out, root)
            outs[j] = {os.path.relpath(os.path.join(d, n), out): open(os.path.join(d, n), 'rb').read()
                       for d, _, ns in os.walk(out) for n in ns}
        want = sorted(os.path.splitext(os.path.relpath(f, root))[0] + '.' + ext for f in files)
        check(sorted(outs['1']) == want, f'--output-dir with {fmt}: {len(outs["1"])} .{ext} files where the inputs were')
        check(outs['1'] == outs['2'], f'--output-dir with {fmt}: -j 2 writes the same files')
        first = os.path.splitext(os.path.relpath(files[0], root))[0] + '.' + ext
        check(outs['1'][first] == run('-f', fmt, files[0]).stdout,
              f'--output-dir with {fmt}: a file holds what stdout would')
    # The summary line: for many files, on stderr; not for one file.
    p = run('-f', 'jsonl', root)
    check(re.search(rb'^tagger: %d files, [\d.]+ MB in [\d.]+ s \([\d.]+ MB/s\), 0 failed$' % len(files),
                    p.stderr, re.M) is not None, 'a summary line closes a run over many files')
    check(run(files[0]).stderr == b'', 'one file: nothing on stderr')
    check(run('-q', root).stderr == b'', '--quiet: no summary')
    # The progress bar: only when stderr is a terminal.
    master, slave = pty.openpty()
    subprocess.run(BASE + ['-f', 'jsonl', root], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    tty = b''
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        tty += chunk
    os.close(master)
    check(re.search(rb'\r\[[#.]{30}\] %d/%d files' % (len(files), len(files)), tty) is not None and b'MB/s' in tty,
          f'a progress bar on a terminal ({tty[:80]!r}...)')
    check(b'\r' not in run('-f', 'jsonl', root).stderr, 'no progress bar when stderr is not a terminal')


if __name__ == '__main__':
    sys.exit(main())
