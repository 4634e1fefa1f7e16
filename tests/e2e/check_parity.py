#!/usr/bin/env python3
"""Cross-language parity on the gold corpora: the English, Ukrainian and Russian
versions of a story must get the same tags and the same entities, by id, in the
story (title, lead, body; boilerplate is ignored).

    check_parity.py TAGGER CORPORA_DIR [--model DIR] [--known FILE] [--verbose]

For every story <name> that has corpora/{en,uk,ru}/<name>.txt the tagger runs on
each text with the language left to detection (so detection is tested too), then:

- tags: the set of tag ids must be the same in the three languages;
- entities: for every id the gold marks in the story, the tagger must find it in
  all three languages or in none of them (a name found in English but not in its
  Ukrainian or Russian translation is an inflection or alias gap); an id the gold
  does not mark but the tagger finds in one or two languages only is a spurious
  match in those.

City and region ids are compared by their prefix against the gold (the gold uses
readable slugs, the gazetteers GeoNames numbers), exactly across languages.
Differences are printed by id with the languages that have it. Differences listed
in --known (tests/e2e/parity-known.tsv: gaps in the data that are understood and
waiting for a fix) are reported without failing; a listed one that has gone away
fails until it is removed from the list. Exit status 1 on any other difference.
"""
import argparse, json, os, subprocess, sys

LANGS = ('en', 'uk', 'ru')
LOOSE = ('city:', 'region:')


def tag(tagger, path, model):
    cmd = [tagger, '--format', 'json', path] + (['--model', model] if model else [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f'{" ".join(cmd)}: exit {p.returncode}\n{p.stderr[-500:]}')
    return json.loads(p.stdout)


def gold_records(corpora):
    gold = {}
    for lang in LANGS:
        with open(os.path.join(corpora, f'gold-{lang}.jsonl'), encoding='utf-8') as f:
            for line in f:
                r = json.loads(line)
                gold[r['id']] = r
    return gold


def story_ids(entities, gazetteer_only=False):
    """Ids of the named entities in the story. Of the tagger's, only gazetteer ones:
    a rule's match has no shared id, only a slug of its text in that language."""
    return {e['id'] for e in entities if e.get('id') and e.get('zone') != 'boilerplate'
            and (not gazetteer_only or e.get('source') == 'gazetteer')}


def key(i):
    """Ids the gold and the gazetteers spell differently compare by prefix."""
    return i.split(':', 1)[0] + ':*' if i.startswith(LOOSE) else i


def load_known(path):
    """Known differences: story<TAB>id<TAB>langs (en/ru)<TAB>why. A known difference is
    reported but does not fail; one that no longer occurs fails, so the list only
    shrinks as the gaps are fixed."""
    known = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            f4 = line.split('\t')
            if len(f4) != 4:
                sys.exit(f'{path}:{n}: expected story, id, languages, why')
            known[tuple(f4[:3])] = f4[3]
    return known


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('tagger')
    ap.add_argument('corpora')
    ap.add_argument('--model')
    ap.add_argument('--known', help='TSV of known differences: story, id, languages, why')
    ap.add_argument('--verbose', action='store_true')
    a = ap.parse_args()
    gold = gold_records(a.corpora)
    names = sorted(n[:-4] for n in os.listdir(os.path.join(a.corpora, 'en')) if n.endswith('.txt'))
    known = load_known(a.known) if a.known else {}
    seen = set()
    failures = 0
    for name in names:
        if not all(os.path.exists(os.path.join(a.corpora, l, name + '.txt')) for l in LANGS):
            continue
        out = {l: tag(a.tagger, os.path.join(a.corpora, l, name + '.txt'), a.model) for l in LANGS}
        problems, notes = [], []
        for l in LANGS:
            if out[l].get('lang') != l:
                problems.append(f'{l}: detected as {out[l].get("lang")}')
        tags = {l: sorted(t['id'] for t in out[l]['tags']) for l in LANGS}
        if len({tuple(v) for v in tags.values()}) != 1:
            problems.append('tags differ: ' + ', '.join(f'{l} {tags[l]}' for l in LANGS))
        gold_tags = sorted(gold[f'en/{name}']['tags'])
        # Gold story ids: the same in every language (corpora/check_gold.py checks it).
        # Against the gold, city and region ids compare by prefix; across languages,
        # the tagger's own ids compare exactly.
        want = {key(i) for i in story_ids(gold[f'en/{name}']['entities'])}
        found = {l: story_ids(out[l]['entities'], True) for l in LANGS}
        loose = {l: {key(i) for i in found[l]} for l in LANGS}
        diffs = []
        for i in sorted(want):
            have = [l for l in LANGS if i in loose[l]]
            if 0 < len(have) < len(LANGS):
                diffs.append((i, have, 'gold'))
        for i in sorted(set().union(*found.values())):
            have = [l for l in LANGS if i in found[l]]
            if key(i) not in want and 0 < len(have) < len(LANGS):
                diffs.append((i, have, 'not in gold'))
        for i, have, what in diffs:
            entry = (name, i, '/'.join(have))
            if entry in known:
                seen.add(entry)
                notes.append(f'known: {i} ({what}): found in {"/".join(have)} only: {known[entry]}')
            else:
                problems.append(f'{i} ({what}): found in {"/".join(have)} only')
        status = 'FAIL' if problems else 'ok  '
        print(f'{status} {name}: tags {tags["en"]} (gold {gold_tags}); story ids found in all '
              f'three: {sum(1 for i in want if all(i in loose[l] for l in LANGS))}/{len(want)} of gold')
        for p in problems + notes:
            print('     ' + p)
        if a.verbose:
            for i in sorted(want - set().union(*loose.values())):
                print(f'     {i} (gold): found in no language')
        failures += bool(problems)
    for entry in sorted(set(known) - seen):
        print(f'FAIL stale entry in {a.known}: {" ".join(entry)} no longer differs: remove it')
        failures += 1
    print(f'{failures} failures ({len(seen)} known differences, listed in {a.known})')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
