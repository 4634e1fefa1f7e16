#!/usr/bin/env python3
"""Entity precision, recall and F1 of the tagger on gold JSON Lines, gazetteers only
versus gazetteers plus rules.

    tools/eval.py TAGGER GOLD.jsonl [GOLD.jsonl ...] [--lang en|uk|ru] [--model DIR]
                  [--no-rules] [--errors N]

Each gold record has `text` and `entities` (`start`, `end` in code points, end
exclusive, and `type`); `lang` is optional. The tagger runs as a pipeline stage
(`TAGGER --jsonl --model DIR`) on the texts. An entity counts when its start, end and
type all equal a gold one (exact span). Two runs: the model as it is, and a temporary
copy of it without its rules/*.rules (gazetteers only); --no-rules makes only the
second.

Types are folded onto the gold sets' classes: PER (PERSON, PERS), ORG, LOC (PLACE,
FACILITY, GPE), the headline three and their micro average; then, reported apart,
every other class the gold annotates and the tagger can produce: MISC (our NORP,
EVENT and PRODUCT, where the gold has no class of their own), EVENT, PRODUCT, DATE,
TIME, MONEY, PERCENT, QUANTITY. Gold classes the tagger has no type for (JOB, ART ...)
are listed with their counts only.

--lang keeps only the records of that language when the records say theirs
(SlavicNER mixes uk and ru), and tells the tagger the language of the others.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

GOLD_CLASS = {'PER': 'PER', 'PERS': 'PER', 'PERSON': 'PER', 'ORG': 'ORG', 'LOC': 'LOC',
              'GPE': 'LOC', 'MISC': 'MISC', 'EVT': 'EVENT', 'EVENT': 'EVENT', 'PRO': 'PRODUCT',
              'PRODUCT': 'PRODUCT', 'DATE': 'DATE', 'TIME': 'TIME', 'MON': 'MONEY',
              'MONEY': 'MONEY', 'PCT': 'PERCENT', 'PERCENT': 'PERCENT', 'QUANT': 'QUANTITY',
              'QUANTITY': 'QUANTITY', 'NORP': 'NORP'}
OUR_CLASS = {'PERSON': 'PER', 'ORG': 'ORG', 'PLACE': 'LOC', 'FACILITY': 'LOC', 'NORP': 'NORP',
             'EVENT': 'EVENT', 'PRODUCT': 'PRODUCT', 'DATE': 'DATE', 'TIME': 'TIME',
             'MONEY': 'MONEY', 'PERCENT': 'PERCENT', 'QUANTITY': 'QUANTITY'}
HEADLINE = ('PER', 'ORG', 'LOC')
APART = ('MISC', 'NORP', 'EVENT', 'PRODUCT', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY')


def read_gold(paths, lang):
    records = []
    for path in paths:
        with open(path, encoding='utf-8') as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                if lang and r.get('lang') and r['lang'] != lang:
                    continue
                records.append(r)
    return records


def rules_free_copy(model):
    """A temporary model: the same gazetteers and rules/ files, no *.rules."""
    tmp = tempfile.mkdtemp(prefix='tagger-eval-')
    os.symlink(os.path.join(model, 'gazetteers'), os.path.join(tmp, 'gazetteers'))
    os.mkdir(os.path.join(tmp, 'rules'))
    for name in os.listdir(os.path.join(model, 'rules')):
        if not name.endswith('.rules'):
            os.symlink(os.path.join(model, 'rules', name), os.path.join(tmp, 'rules', name))
    return tmp


def run_tagger(tagger, model, records, lang):
    lines = []
    for i, r in enumerate(records):
        rec = {'id': str(i), 'text': r['text']}
        if lang or r.get('lang'):
            rec['lang'] = lang or r['lang']
        lines.append(json.dumps(rec, ensure_ascii=False))
    data = ('\n'.join(lines) + '\n').encode('utf-8')
    p = subprocess.run([tagger, '--jsonl', '--quiet', '--model', model], input=data,
                       capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit('%s --jsonl failed (exit %d): %s' % (tagger, p.returncode,
                                                     p.stderr.decode(errors='replace')[-500:]))
    out = [json.loads(l) for l in p.stdout.decode('utf-8').splitlines() if l.strip()]
    if len(out) != len(records):
        sys.exit('%d records in, %d out' % (len(records), len(out)))
    return out


def fold_ours(t, gold_classes):
    c = OUR_CLASS.get(t)
    if c in ('NORP', 'EVENT', 'PRODUCT') and c not in gold_classes:
        return 'MISC' if 'MISC' in gold_classes else None
    return c if c in gold_classes else None


def score(records, outputs, gold_classes):
    counts = {}  # class -> [tp, fp, fn]
    errors = {'missed': [], 'spurious': []}
    for g, o in zip(records, outputs):
        G = {(e['start'], e['end'], GOLD_CLASS[e['type']]) for e in g['entities']
             if GOLD_CLASS.get(e['type']) in gold_classes}
        P = {(e['start'], e['end'], fold_ours(e['type'], gold_classes))
             for e in o.get('entities', []) if e.get('field', 'text') == 'text'}
        P = {x for x in P if x[2]}
        for c in gold_classes:
            gc = {x for x in G if x[2] == c}
            pc = {x for x in P if x[2] == c}
            k = counts.setdefault(c, [0, 0, 0])
            k[0] += len(gc & pc)
            k[1] += len(pc - gc)
            k[2] += len(gc - pc)
        errors['missed'] += [(g['text'][s:e], c) for s, e, c in sorted(G - P)]
        errors['spurious'] += [(g['text'][s:e], c) for s, e, c in sorted(P - G)]
    head = [0, 0, 0]
    for c in HEADLINE:
        for i in range(3):
            head[i] += counts.get(c, [0, 0, 0])[i]
    counts['PER+ORG+LOC'] = head
    return counts, errors


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('tagger')
    ap.add_argument('gold', nargs='+')
    ap.add_argument('--lang', choices=('en', 'uk', 'ru'))
    ap.add_argument('--model', default=os.path.dirname(HERE),
                    help='model directory (default: this repository)')
    ap.add_argument('--no-rules', action='store_true', help='gazetteers only')
    ap.add_argument('--errors', type=int, default=0,
                    help='print N missed and N spurious entities of the last run')
    a = ap.parse_args()

    records = read_gold(a.gold, a.lang)
    if not records:
        sys.exit('no gold records')
    gold_types = {}
    for r in records:
        for e in r['entities']:
            gold_types[e['type']] = gold_types.get(e['type'], 0) + 1
    gold_classes = {GOLD_CLASS[t] for t in gold_types if t in GOLD_CLASS}
    model = os.path.abspath(a.model)

    runs = []
    tmp = rules_free_copy(model)
    try:
        runs.append(('gazetteers only', score(records, run_tagger(a.tagger, tmp, records, a.lang),
                                              gold_classes)))
    finally:
        shutil.rmtree(tmp)
    if not a.no_rules:
        runs.append(('gazetteers + rules',
                     score(records, run_tagger(a.tagger, model, records, a.lang), gold_classes)))

    names = ', '.join(os.path.basename(g) for g in a.gold)
    print('%s: %d records%s, exact span' % (names, len(records),
                                             ', lang ' + a.lang if a.lang else ''))
    print('%-12s %6s' % ('type', 'gold') + ''.join('   %-22s' % n for n, _ in runs))
    print('%-12s %6s' % ('', '') + '   P     R     F1    ' * len(runs))
    rows = list(HEADLINE) + ['PER+ORG+LOC'] + [c for c in APART if c in gold_classes]
    for i, c in enumerate(rows):
        if i == len(HEADLINE) + 1:
            print('reported apart:')
        k0 = runs[0][1][0].get(c, [0, 0, 0])
        line = '%-12s %6d' % (c, k0[0] + k0[2])
        for _, (counts, _) in runs:
            line += '   %.3f %.3f %.3f' % prf(*counts.get(c, [0, 0, 0]))
        print(line)
    unscored = sorted(t for t in gold_types if t not in GOLD_CLASS)
    if unscored:
        print('not scored (no such type in the tagger): ' +
              ', '.join('%s %d' % (t, gold_types[t]) for t in unscored))
    if a.errors:
        errors = runs[-1][1][1]
        print('missed (%s):' % runs[-1][0], errors['missed'][:a.errors])
        print('spurious (%s):' % runs[-1][0], errors['spurious'][:a.errors])


if __name__ == '__main__':
    main()
