#!/usr/bin/env python3
"""The pipeline stage loses nothing.

usage: pipeline_nothing_lost.py TAGGER MODEL_DIR

Generates (in a temporary directory) a stream of more than 10,000 JSON Lines
records that mixes good records with every kind of bad one: broken JSON, records
that are not objects, missing or non-string text, invalid UTF-8, empty text, empty
lines, and one 50 MB record over the line limit. Then checks that

  - there are exactly as many output lines as input lines, each valid JSON;
  - line i of the output belongs to line i of the input: the same id, or an error
    record naming line i (and the id, when the bad record had a readable one);
  - every good record comes out as its own bytes plus exactly the tags and entities
    that tagging its text alone gives (and a sample is compared with tagging the
    whole record alone, byte for byte);
  - -j 1 and -j 2 write the same bytes;
  - memory stays flat: the 50 MB line is never held (peak RSS well under it).
"""
import json, os, random, subprocess, sys, tempfile, time

TAGGER, MODEL = sys.argv[1], sys.argv[2]


def sanitized(binary):
    """Built with AddressSanitizer? Its shadow memory makes RSS meaningless. Read off
    the binary itself, so a sanitized build run by hand is recognised too."""
    with open(binary, 'rb') as f:
        return b'__asan_init' in f.read()
BASE = [TAGGER, '--model', MODEL, '--jsonl']
N_TARGET = 10_000
HUGE = 50 * 1024 * 1024

TEXTS = [
    ('Russia and the United States agreed on a prisoner exchange in Geneva.', None, None),
    ("Roscosmos and NASA prepare for talks; Russia's envoy arrived in Washington.", None, None),
    ('Ukraine said on Monday that Russian forces shelled Kharkiv overnight.', None, 'en'),
    ('Президент України провів переговори з Польщею у Варшаві.', None, 'uk'),
    ('Росія та Китай підписали угоду про постачання газу.', 'Газ для Китаю', None),
    ('В Москве прошли переговоры России и Турции.', None, 'ru'),
    ('Germany and France back new EU sanctions, Berlin said.', 'EU sanctions', None),
    ('Shares rose 4% to $12.5bn on 31 July, Reuters reported from London.', None, None),
    ('No entities here at all, just words about the weather.', None, None),
    ('Tab\tand "quotes" and a back\\slash next to Japan and India.', None, None),
    ('Emoji 🚀 then Brazil; zero-width\u200bjoiner near Canada.', None, None),
    ('A' * 3000 + ' Russia ' + 'b' * 3000, None, None),
]
HTML = '<html><body><h1>Kyiv talks</h1><p>Ukraine &amp; Poland met in Warsaw.</p></body></html>'


def run(args, data):
    p = subprocess.run(BASE + args, input=data, capture_output=True, timeout=300)
    if p.returncode not in (0, 1):
        sys.exit(f'FAIL {" ".join(args)} exit {p.returncode}: {p.stderr.decode(errors="replace")[-500:]}')
    return p.stdout


def good_record(i, rng):
    text, title, lang = rng.choice(TEXTS)
    rec = {'id': f'r{i}', 'text': text, 'n': rng.randint(0, 10**9), 'keep': [1.50, None, True]}
    if title:
        rec['title'] = title
    if lang:
        rec['lang'] = lang
    # Vary the encoding of the fields the stage must pass through untouched.
    s = json.dumps(rec, ensure_ascii=rng.random() < 0.5, separators=(',', ':') if i % 3 else (', ', ': '))
    return s.replace('1.5,', '1.50,').encode()


def build(rng, f):
    """Write the stream to f; return its lines (the huge one as None, so that this
    process stays small) and, for each, what must come out."""
    lines, expect = [], []

    def add(line, kind, rid=None):
        f.write(line + b'\n')
        lines.append(line if len(line) < 1 << 20 else None)
        expect.append((kind, rid))

    i = 0
    while len(lines) < N_TARGET:
        i += 1
        r = rng.random()
        if r < 0.80:
            add(good_record(i, rng), 'good', f'r{i}')
        elif r < 0.83:
            add(b'{"id":"x%d","text":"unterminated' % i, 'error')
        elif r < 0.85:
            add(b'[1,2,3]' if i % 2 else b'null', 'error')
        elif r < 0.88:
            add(json.dumps({'id': f'm{i}', 'body': 'Russia'}).encode(), 'error', f'm{i}')
        elif r < 0.89:
            add(json.dumps({'id': i, 'text': 42}).encode(), 'error', i)
        elif r < 0.92:
            add(b'{"id":"u%d","text":"Russia \xff\xfe and \xc0\xaf"}' % i, 'error')
        elif r < 0.95:
            add(json.dumps({'id': f'e{i}', 'text': ''}).encode(), 'good', f'e{i}')
        elif r < 0.96:
            add(b'', 'error')
        elif r < 0.97:
            add(json.dumps({'id': f'h{i}', 'html': HTML}).encode(), 'good', f'h{i}')
        else:
            add(json.dumps({'id': f'w{i}', 'text': 'Poland', 'tags': 'old', 'entities': []}).encode(),
                'good', f'w{i}')
        if len(lines) == N_TARGET // 2:
            add(b'{"id":"huge","text":"' + (b'Russia ' * (HUGE // 7 + 1))[:HUGE] + b'"}', 'error')
    return lines, expect


def run_watching_memory(args, tmp):
    """Run args; return the CompletedProcess and the peak resident memory (KB) of the
    program itself, read from /proc while it runs (VmHWM starts afresh at exec)."""
    out_path, err_path = os.path.join(tmp, 'out'), os.path.join(tmp, 'err')
    with open(out_path, 'wb') as out, open(err_path, 'wb') as err:
        p = subprocess.Popen(args, stdout=out, stderr=err)
        peak = 0
        while p.poll() is None:
            try:
                with open(f'/proc/{p.pid}/status') as st:
                    for row in st:
                        if row.startswith('VmHWM:'):
                            peak = max(peak, int(row.split()[1]))
            except (OSError, ValueError):
                pass
            time.sleep(0.005)
    with open(out_path, 'rb') as out, open(err_path, 'rb') as err:
        return subprocess.CompletedProcess(args, p.returncode, out.read(), err.read()), peak


def main():
    rng = random.Random(20240601)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'stream.jsonl')
        with open(path, 'wb') as f:
            lines, expect = build(rng, f)
        size = os.path.getsize(path)
        t0 = time.time()
        p1, peak_kb = run_watching_memory(BASE + ['-j', '1', path], tmp)
        t1 = time.time()
        p2 = subprocess.run(BASE + ['-j', '2'], stdin=open(path, 'rb'), capture_output=True, timeout=300)
        t2 = time.time()
    fail = 0

    def check(ok, what):
        nonlocal fail
        print(('ok   ' if ok else 'FAIL ') + what)
        fail |= not ok

    print(f'     {len(lines)} lines, {size / 1e6:.1f} MB; -j 1 {t1 - t0:.1f} s, -j 2 {t2 - t1:.1f} s')
    check(p1.returncode == 0 and p2.returncode == 0, f'exit 0 (got {p1.returncode}, {p2.returncode})')
    check(p1.stdout == p2.stdout, '-j 1 and -j 2 write the same bytes')
    out = p1.stdout.split(b'\n')
    check(out[-1] == b'', 'output ends with a newline')
    out = out[:-1]
    check(len(out) == len(lines), f'{len(lines)} lines in, {len(out)} out')
    # Had the 50 MB line been held, it alone would pass the bar.
    flat = f'memory stays flat: peak RSS {peak_kb // 1024} MB with a {HUGE >> 20} MB line'
    if sanitized(TAGGER):
        print(f'skip {flat} (not measured under AddressSanitizer, whose shadow memory dominates)')
    else:
        check(peak_kb < 70 * 1024, flat + ' (bar 70 MB)')

    alone = {}
    kinds = {'good': 0, 'error': 0}
    wrong = []
    for n, (line, (kind, rid), got) in enumerate(zip(lines, expect, out), 1):
        if line is None:
            line = b'{}'  # the huge record: an error record, checked below like the others
        try:
            rec = json.loads(got)
        except ValueError:
            wrong.append(f'line {n}: output is not JSON')
            continue
        kinds[kind] += 1
        if kind == 'error':
            err = rec.get('error')
            if not isinstance(err, dict) or err.get('line') != n or not err.get('message'):
                wrong.append(f'line {n}: expected an error record for line {n}, got {got[:120]!r}')
            elif rec.get('id') != rid:
                wrong.append(f'line {n}: error record id {rec.get("id")!r}, expected {rid!r}')
            continue
        src = json.loads(line)
        if rec.get('id') != rid or 'error' in rec:
            wrong.append(f'line {n}: expected record {rid!r}, got {got[:120]!r}')
            continue
        key = (src.get('text'), src.get('html'), src.get('title'), src.get('lang'))
        if key not in alone:
            r = {k: v for k, v in zip(('text', 'html', 'title', 'lang'), key) if v is not None}
            alone[key] = json.loads(run([], (json.dumps(r) + '\n').encode()))
        ref = alone[key]
        # The record's own bytes, then the members, then the brace. Ours replace a
        # record's own; "lang" is added only to a record that has none.
        ours = ('tags', 'entities', 'model')
        added = ours if 'lang' in src else ours + ('lang',)
        first = b',"model":' if 'lang' in src else b',"lang":'
        if any(k in src for k in ours):
            prefix_ok = {k: v for k, v in rec.items() if k not in added} == \
                {k: v for k, v in src.items() if k not in ours}
        else:
            prefix_ok = got.startswith(line.rstrip()[:-1] + first)
        if not prefix_ok:
            wrong.append(f'line {n}: input fields not kept as they were')
        if any(rec.get(k) != ref[k] for k in ('tags', 'entities', 'model')):
            wrong.append(f'line {n}: tagged differently than alone')
        if 'lang' not in src and rec.get('lang') != ref.get('lang'):
            wrong.append(f'line {n}: language {rec.get("lang")!r}, alone {ref.get("lang")!r}')
    for w in wrong[:10]:
        print('     ' + w)
    check(not wrong, f'every line matches its input ({kinds["good"]} good, {kinds["error"]} errors, '
                     f'{len(alone)} distinct texts tagged alone)')
    check(kinds['good'] > 8000 and kinds['error'] > 1000, 'the stream mixes good and bad records')

    # A sample of whole records tagged alone, compared byte for byte.
    sample = [n for n, (k, _) in enumerate(expect) if k == 'good']
    random.Random(7).shuffle(sample)
    same = all(run([], lines[n] + b'\n') == out[n] + b'\n' for n in sample[:25])
    check(same, '25 records tagged alone give the same bytes as in the stream')
    return fail


if __name__ == '__main__':
    sys.exit(main())
