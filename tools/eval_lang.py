#!/usr/bin/env python3
"""Language detection accuracy on the uk/ru evaluation sets (not part of this
repository), whole texts and their first line or sentence (a title-sized text).

    python3 tools/eval_lang.py TAGGER [EVAL_DIR]

EVAL_DIR defaults to ../shared/eval. The language is left to detection; the
expected one is the record's `lang` (slavicner), uk (ner-uk) or ru (factrueval).
Texts are written to a temporary folder and tagged with `--format json`, whose
output carries `lang`. Prints the confusion counts, the accuracy and a few misses.
"""
import collections, json, os, subprocess, sys, tempfile


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    tagger = sys.argv[1]
    ev = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'eval')
    recs = []
    sets = [('slavicner-uk-ru-dev.jsonl', None, '\n'), ('factrueval-dev.jsonl', 'ru', '.'),
            ('ner-uk-dev.jsonl', 'uk', '\n')]
    for name, lang, cut in sets:
        path = os.path.join(ev, name)
        if not os.path.exists(path):
            continue
        for line in open(path, encoding='utf-8'):
            g = json.loads(line)
            want = lang or g['lang']
            recs.append((want, g['text']))
            recs.append((want, g.get('title') or g['text'].split(cut)[0]))
    if not recs:
        print(f'{ev}: no evaluation sets, nothing to measure')
        return
    d = tempfile.mkdtemp(prefix='tg-lang-')
    files = []
    for i, (_, text) in enumerate(recs):
        p = os.path.join(d, f'{i:05d}.txt')
        with open(p, 'w', encoding='utf-8') as f:
            f.write(text)
        files.append(p)
    out = subprocess.run([tagger, '--format', 'json', *files], capture_output=True, text=True).stdout
    dec, pos, got = json.JSONDecoder(), 0, []
    while True:
        while pos < len(out) and out[pos].isspace():
            pos += 1
        if pos >= len(out):
            break
        o, pos = dec.raw_decode(out, pos)
        got.append(o.get('lang'))
    counts = collections.Counter(zip((w for w, _ in recs), got))
    ok = sum(v for (w, g), v in counts.items() if w == g)
    print('expected -> detected:', dict(counts))
    print(f'accuracy {ok / len(recs):.4f} of {len(recs)} texts')
    for (w, t), g in [(r, g) for r, g in zip(recs, got) if r[0] != g][:10]:
        print(f'  {w} -> {g}: {t[:70]!r}')


if __name__ == '__main__':
    main()
