#!/usr/bin/env python3
"""End-to-end check of the tagger on the gold corpus of one language.

    check_corpus.py TAGGER CORPORA_DIR LANG [--min-recall R]

For every article in CORPORA_DIR/gold-LANG.jsonl, runs `TAGGER --format json` on its
.txt file and checks:
  * the tags are exactly the gold tags;
  * every entity's start/end (code points) and byte_start/byte_end slice its text;
  * the named people, organisations and places of the story (zones title, lead, body)
    are found with the right type family, at a recall of at least --min-recall.
Gold files are made by hand (see corpora/README.md); this script never writes them.
"""
import argparse, json, os, subprocess, sys

FAMILY = {'PERSON': 'PER', 'ORG': 'ORG', 'PLACE': 'LOC', 'FACILITY': 'LOC', 'NORP': 'NORP'}
STORY = {'title', 'lead', 'body', 'dateline'}

ap = argparse.ArgumentParser()
ap.add_argument('tagger'); ap.add_argument('corpora'); ap.add_argument('lang')
ap.add_argument('--min-recall', type=float, default=0.8)
a = ap.parse_args()

failures = []
found_all = total_all = 0
for line in open(os.path.join(a.corpora, f'gold-{a.lang}.jsonl'), encoding='utf-8'):
    gold = json.loads(line)
    name = gold['id'].split('/', 1)[1]
    path = os.path.join(a.corpora, a.lang, name + '.txt')
    p = subprocess.run([a.tagger, '--format', 'json', '--lang', a.lang, path],
                       capture_output=True, timeout=60)
    if p.returncode != 0:
        failures.append(f'{name}: exit {p.returncode}: {p.stderr.decode()[:300]}')
        continue
    out = json.loads(p.stdout)
    raw = open(path, 'rb').read()
    text = raw.decode('utf-8')
    for e in out['entities']:
        if text[e['start']:e['end']] != e['text']:
            failures.append(f'{name}: code points {e["start"]}:{e["end"]} do not slice {e["text"]!r}')
        if raw[e['byte_start']:e['byte_end']].decode('utf-8') != e['text']:
            failures.append(f'{name}: bytes {e["byte_start"]}:{e["byte_end"]} do not slice {e["text"]!r}')
    tags = sorted(t['id'] for t in out['tags'])
    if tags != sorted(gold['tags']):
        failures.append(f'{name}: tags {tags}, gold {sorted(gold["tags"])}')
    want = [(g['start'], g['end'], FAMILY[g['type']]) for g in gold['entities']
            if g['type'] in FAMILY and FAMILY[g['type']] != 'NORP' and g['zone'] in STORY]
    got = {(e['start'], e['end'], FAMILY.get(e['type'])) for e in out['entities']}
    missed = [text[s:e] + '/' + t for s, e, t in want if (s, e, t) not in got]
    found_all += len(want) - len(missed)
    total_all += len(want)
    print(f'{name}: tags {tags}; story PER/ORG/LOC {len(want) - len(missed)}/{len(want)}'
          + (f'; missed {missed}' if missed else ''))

recall = found_all / total_all if total_all else 1.0
print(f'story PER/ORG/LOC recall {recall:.3f} (bar {a.min_recall})')
if recall < a.min_recall:
    failures.append(f'recall {recall:.3f} is under {a.min_recall}')
for f in failures:
    print('FAIL', f)
sys.exit(1 if failures else 0)
