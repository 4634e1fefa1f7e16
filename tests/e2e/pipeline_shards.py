#!/usr/bin/env python3
"""Running the stage sharded gives the single-process output.

usage: pipeline_shards.py TAGGER MODEL_DIR CORPORA_DIR

Builds a stream from the annotated articles in CORPORA_DIR (plus bad lines), splits
it into shards the way a batch engine would (contiguous runs of whole lines), tags
each shard in its own process, concatenates the outputs, and compares them with one
process over the whole stream. Tagged records must be equal byte for byte; error
records too, except their "line", which counts within the input the process saw
(the README says so). When GNU parallel is installed, the README's own recipe
(`parallel --pipe -k`) is run as well and must give the same bytes as the shards.
"""
import json, os, re, shlex, shutil, subprocess, sys, tempfile

TAGGER, MODEL, CORPORA = sys.argv[1:4]
BASE = [TAGGER, '--model', MODEL, '--jsonl']


def stream():
    lines = []
    for lang in ('en', 'uk', 'ru'):
        gold = os.path.join(CORPORA, f'gold-{lang}.jsonl')
        if not os.path.exists(gold):
            continue
        for row in open(gold, encoding='utf-8'):
            g = json.loads(row)
            path = os.path.join(CORPORA, lang, g['file']) if 'file' in g else None
            if path and os.path.exists(path):
                text = open(path, encoding='utf-8').read()
            else:
                text = g.get('text', '')
            lines.append(json.dumps({'id': g.get('id', f'{lang}{len(lines)}'), 'lang': lang,
                                     'text': text}, ensure_ascii=False).encode())
    base = list(lines)
    i = 0
    while len(lines) < 1200:  # enough lines for shards of about a hundred
        rec = json.loads(base[i % len(base)])
        rec['id'] = f'{rec["id"]}#{i}'
        lines.append(json.dumps(rec, ensure_ascii=False).encode())
        if i % 37 == 0:
            lines.append(b'{"id":"bad%d", not json' % i)
        if i % 53 == 0:
            lines.append(json.dumps({'id': f'nt{i}', 'body': 'x'}).encode())
        i += 1
    return lines


def strip_line_numbers(data):
    return re.sub(rb'^\{"error":\{"line":\d+,', b'{"error":{"line":0,', data, flags=re.M)


def main():
    lines = stream()
    fail = 0

    def check(ok, what):
        nonlocal fail
        print(('ok   ' if ok else 'FAIL ') + what)
        fail |= not ok

    with tempfile.TemporaryDirectory() as tmp:
        whole = os.path.join(tmp, 'all.jsonl')
        with open(whole, 'wb') as f:
            f.write(b''.join(l + b'\n' for l in lines))
        single = subprocess.run(BASE + [whole], capture_output=True, check=True).stdout
        n_out = single.count(b'\n')
        check(n_out == len(lines), f'{len(lines)} lines in, {n_out} out')
        errors = single.count(b'{"error":')
        check(errors > 10, f'the stream holds bad lines ({errors} error records)')

        # Shards as `split -n l/K` cuts them: contiguous, whole lines, uneven sizes.
        for k in (2, 5, 13):
            cuts = [len(lines) * j // k for j in range(k + 1)]
            procs = []
            for j in range(k):
                shard = os.path.join(tmp, f'shard{j}')
                with open(shard, 'wb') as f:
                    f.write(b''.join(l + b'\n' for l in lines[cuts[j]:cuts[j + 1]]))
                procs.append(subprocess.Popen(BASE + [shard], stdout=subprocess.PIPE))
            joined = b''.join(p.communicate()[0] for p in procs)
            check(all(p.returncode == 0 for p in procs), f'{k} shards: every shard exits 0')
            check(strip_line_numbers(joined) == strip_line_numbers(single),
                  f'{k} shards concatenated equal the single-process output')

        if shutil.which('parallel'):
            with open(whole, 'rb') as f:
                p = subprocess.run(['parallel', '--pipe', '-k', '--block', '512k', '-j', '3',
                                    shlex.join(BASE)], stdin=f, capture_output=True)
            check(p.returncode == 0, 'GNU parallel --pipe -k exits 0')
            same = strip_line_numbers(p.stdout) == strip_line_numbers(single)
            if not same:
                got, want = strip_line_numbers(p.stdout).split(b'\n'), strip_line_numbers(single).split(b'\n')
                print(f'     {len(got)} lines from parallel, {len(want)} expected; stderr: {p.stderr[-300:]!r}')
                for n, (a, b) in enumerate(zip(got, want), 1):
                    if a != b:
                        print(f'     first difference at line {n}: {a[:100]!r} vs {b[:100]!r}')
                        break
            check(same, 'GNU parallel --pipe -k (the README recipe) gives the single-process output')
        else:
            print('skip GNU parallel recipe: parallel is not installed (apt-get install parallel)')
    return fail


if __name__ == '__main__':
    sys.exit(main())
