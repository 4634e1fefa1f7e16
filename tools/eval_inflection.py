#!/usr/bin/env python3
"""What inflection-aware matching buys and costs on Ukrainian and Russian text.

    python3 tools/eval_inflection.py TAGGER [EVAL_DIR]

EVAL_DIR defaults to ../shared/eval (not part of this repository). For the uk/ru gold
sets it prints PER/ORG/LOC precision and recall (../shared/eval/score/ner.py) with the
repository's model and with a copy whose ~ markers are stripped
(tools/strip_inflection.py), then the throughput of `TAGGER --jsonl` on all their
Cyrillic text with each model: MB/s by wall time and by CPU time, median of 3 runs.
"""
import json, os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SETS = [('slavicner-uk-ru-dev.jsonl', None), ('ner-uk-dev.jsonl', 'uk'), ('factrueval-dev.jsonl', 'ru')]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    tagger = os.path.abspath(sys.argv[1])
    ev = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, '..', 'shared', 'eval')
    if not os.path.isdir(ev):
        print(f'{ev}: not present, nothing to measure')
        return
    tmp = tempfile.mkdtemp(prefix='tg-infl-')
    plain = os.path.join(tmp, 'plain')
    subprocess.run([sys.executable, os.path.join(HERE, 'strip_inflection.py'), ROOT, plain], check=True)
    models = [('with ~', ROOT), ('without ~', plain)]
    for name, lang in SETS:
        path = os.path.join(ev, name)
        if not os.path.exists(path):
            continue
        for label, model in models:
            cmd = [sys.executable, os.path.join(ev, 'score', 'ner.py'), tagger, path]
            if lang:
                cmd += ['--lang', lang]
            out = subprocess.run(cmd, env={**os.environ, 'TAGGER_MODEL': model},
                                 capture_output=True, text=True).stdout
            print(f'== {name} {label}\n{out.rstrip()}')
    # Throughput on the Cyrillic text of the three sets.
    recs = []
    for name, lang in SETS:
        path = os.path.join(ev, name)
        if os.path.exists(path):
            for l in open(path, encoding='utf-8'):
                g = json.loads(l)
                recs.append({'id': g['id'], 'text': g['text'], 'lang': lang or g.get('lang', 'uk')})
    data = ''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in recs).encode()
    mb = sum(len(r['text'].encode()) for r in recs) / 1e6
    # Wall time and the child's CPU time (user + system): on a shared, loaded machine
    # the CPU figure is the steadier one.
    for label, model in models:
        wall, cpu = [], []
        for _ in range(3):
            before = os.times()
            t = time.perf_counter()
            subprocess.run([tagger, '--jsonl', '--model', model], input=data, check=True,
                           stdout=subprocess.DEVNULL)
            wall.append(time.perf_counter() - t)
            after = os.times()
            cpu.append(after.children_user - before.children_user +
                       after.children_system - before.children_system)
        w, c = statistics.median(wall), statistics.median(cpu)
        print(f'throughput {label}: {mb / w:.2f} MB/s wall, {mb / c:.2f} MB/s CPU '
              f'({mb:.2f} MB of text, {len(recs)} records, median of 3: {w:.3f} s wall, {c:.3f} s CPU)')


if __name__ == '__main__':
    main()
