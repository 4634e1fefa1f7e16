#!/usr/bin/env python3
"""A fleet of `tagger worker`s on a real redis-server loses nothing and writes nothing twice.

usage: worker_fleet.py TAGGER MODEL_DIR

Skipped (exit 77) only when redis-server is not installed. Starts redis-server on a
free loopback port in a temporary directory (no persistence), then:

 1. The fleet. 10,000 entries (good records in en/uk/ru, and broken ones: bad
    JSON, not an object, no text, invalid UTF-8, text over --max-document, record
    over --max-line, and entries with no `record` field) go through workers A and
    B; A is killed with SIGKILL while it holds a batch, C is started after, B is
    sent SIGHUP (reload) and then SIGTERM while work remains. Then:
      - every input id has exactly one entry in the output or dead-letter stream;
      - each output `record` is byte for byte the line `tagger --jsonl` writes for
        the same record (so the same tags and entities), with `model` set;
      - each broken record is in the dead-letter stream with its own bytes and the
        error message `tagger --jsonl` gives for it;
      - the entries A held were claimed by another worker (the time from the kill
        to their being tagged is printed);
      - B and C exit 0 after SIGTERM, leaving nothing pending.
 2. Racing. Two workers with --claim-idle 1 keep claiming each other's batches
    mid-tagging; still exactly one output per input.
 3. Recovery. Entries handed out once to a consumer that never acknowledges them
    are claimed, and with --max-deliveries 1 dead-lettered untagged; a SIGHUP with
    a broken model keeps the old one; redis-server is killed and restarted, and the
    worker reconnects and goes on tagging.
"""
import json, os, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from worker_resp import Redis, RedisServer, have_redis_server

if not have_redis_server():
    print('SKIP: redis-server is not installed (Debian: apt-get install redis-server; '
          'tools/setup installs it)')
    sys.exit(77)

TAGGER, MODEL = sys.argv[1], sys.argv[2]
N = 10_000
MAX_DOC, MAX_LINE = 20_000, 60_000
FAILURES = []
PROCS = []  # every worker started, killed at the end whatever happened


def check(cond, msg):
    if not cond:
        FAILURES.append(msg)
        print('FAIL', msg)


def fatal(msg):
    print('FAIL', msg)
    sys.exit(1)


def corpus_texts():
    texts = []
    for lang in ('en', 'uk', 'ru'):
        d = os.path.join(MODEL, 'corpora', lang)
        if os.path.isdir(d):
            for name in sorted(os.listdir(d)):
                with open(os.path.join(d, name), encoding='utf-8') as f:
                    texts.append((f.read(), lang))
    texts += [
        ('Russia and the United States agreed on a prisoner exchange in Geneva.', None),
        ('Президент України провів переговори з Польщею у Варшаві.', 'uk'),
        ('В Москве прошли переговоры России и Турции.', 'ru'),
        ('No entities here at all, just words about the weather.', None),
        ('Emoji 🚀 then Brazil; "quotes", a back\\slash and Japan.', None),
    ]
    return texts


def build_entries():
    """[(record bytes or None, kind)], kind 'good' or the kind of breakage."""
    texts, out = corpus_texts(), []
    for i in range(N):
        k = i % 100
        if k == 7:
            out.append((b'{"id":"j%d","text":"unterminated' % i, 'bad-json'))
        elif k == 19:
            out.append((b'[1,2,%d]' % i, 'not-object'))
        elif k == 31:
            out.append((json.dumps({'id': f'n{i}', 'body': 'Kyiv'}).encode(), 'no-text'))
        elif k == 43:
            out.append((b'{"id":"u%d","text":"bad \xff\xfe byte in Kyiv"}' % i, 'bad-utf8'))
        elif k == 55 and i % 200 == 55:
            out.append((json.dumps({'id': f'd{i}', 'text': 'Kyiv ' * 5000}).encode(), 'too-long-text'))
        elif k == 55:
            out.append((json.dumps({'id': f'l{i}', 'text': 'x' * 70_000}).encode(), 'too-long-line'))
        elif k == 67:
            out.append((None, 'no-record-field'))
        else:
            text, lang = texts[i % len(texts)]
            rec = {'id': f'r{i}', 'text': text, 'n': i, 'keep': [1.5, None, True]}
            if lang and i % 2:
                rec['lang'] = lang
            out.append((json.dumps(rec, ensure_ascii=bool(i % 3)).encode(), 'good'))
    return out


def expected_lines(entries, tmp):
    """What `tagger --jsonl` writes for each entry that has a record."""
    path = os.path.join(tmp, 'records.jsonl')
    with open(path, 'wb') as f:
        for rec, _ in entries:
            if rec is not None:
                f.write(rec + b'\n')
    p = subprocess.run([TAGGER, '--model', MODEL, '--jsonl', '--max-document', str(MAX_DOC),
                        '--max-line', str(MAX_LINE), path], capture_output=True, timeout=600)
    if p.returncode not in (0, 1):
        fatal(f'tagger --jsonl exit {p.returncode}: {p.stderr[-500:]!r}')
    lines = p.stdout.split(b'\n')[:-1]
    it = iter(lines)
    out = [next(it) if rec is not None else None for rec, _ in entries]
    check(next(it, None) is None, 'tagger --jsonl wrote more lines than records')
    return out


def worker(port, name, log, *extra, stream='articles', out='tagged', dead='dead', group='taggers',
           model=None):
    args = [TAGGER, 'worker', '--redis', f'127.0.0.1:{port}', '--input', stream, '--output', out,
            '--group', group, '--dead-letter', dead, '--consumer', name, '--stats',
            '--model', model or MODEL, '--max-document', str(MAX_DOC), '--max-line', str(MAX_LINE)]
    p = subprocess.Popen(args + list(extra), stdout=subprocess.PIPE, stderr=log)
    PROCS.append(p)
    return p


def stop(proc, name):
    proc.send_signal(signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        fatal(f'worker {name} did not stop within 30 s of SIGTERM')
    check(proc.returncode == 0, f'worker {name} exit {proc.returncode} after SIGTERM, want 0')
    try:
        return json.loads(out.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        check(False, f'worker {name} --stats printed no JSON: {out[-300:]!r}')
        return {}


def wait_for(cond, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    fatal(f'timed out after {timeout} s waiting for {what}')


def pending_of(r, stream, group, consumer):
    return [e[0] for e in r('XPENDING', stream, group, '-', '+', 100000, consumer)]


def log_text(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return f.read()


def fleet(tmp, server, r):
    entries = build_entries()
    expect = expected_lines(entries, tmp)
    ids = []
    for start in range(0, N, 500):
        cmds = [('XADD', 'articles', '*', 'record', rec) if rec is not None
                else ('XADD', 'articles', '*', 'note', 'no record here')
                for rec, _ in entries[start:start + 500]]
        ids += [i.decode() for i in r.pipeline(cmds)]
    by_id = {eid: (entries[k], expect[k]) for k, eid in enumerate(ids)}

    logs = {n: os.path.join(tmp, f'worker-{n}.log') for n in 'ABC'}
    files = {n: open(logs[n], 'wb') for n in 'ABC'}
    common = ('-j', '1', '--batch', '16', '--claim-idle', '1500')
    t0 = time.time()
    a = worker(server.port, 'A', files['A'], *common)
    b = worker(server.port, 'B', files['B'], *common)

    def done():
        return r('XLEN', 'tagged') + r('XLEN', 'dead')

    # Kill A a quarter of the way through, at a moment it holds entries. A is
    # frozen first (SIGSTOP) so that what it holds cannot change between the look
    # and the kill; a commit it sent just before may still sit in Redis's input
    # buffer for its connection, so what it holds is what stays pending once that
    # has been served. If it holds nothing then (it had just committed a batch),
    # it is let go on and caught again.
    def settled_pending():
        held = pending_of(r, 'articles', 'taggers', 'A')
        while True:
            time.sleep(0.3)
            now_held = pending_of(r, 'articles', 'taggers', 'A')
            if now_held == held:
                return held
            held = now_held

    held, looks = [], 0
    while looks < 20:
        looks += 1
        wait_for(lambda: done() >= N // 4 and len(pending_of(r, 'articles', 'taggers', 'A')) > 0,
                 120, 'a quarter of the records, with A holding a batch')
        a.send_signal(signal.SIGSTOP)
        held = settled_pending()
        if held:
            break
        a.send_signal(signal.SIGCONT)
    a.kill()
    t_kill = time.time()
    a.wait()
    held = settled_pending()
    check(held, 'A held no entries when it was killed')
    print(f'killed A at {done()}/{N} records done, holding {len(held)} entries '
          f'(frozen {looks} time{"s" if looks > 1 else ""} to catch it holding some)')
    c = worker(server.port, 'C', files['C'], *common)
    b.send_signal(signal.SIGHUP)

    def held_tagged():
        return all(not r('XPENDING', 'articles', 'taggers', i, i, 1) for i in held)

    wait_for(lambda: not pending_of(r, 'articles', 'taggers', 'A'), 60, "A's entries claimed")
    t_claimed = time.time()
    wait_for(held_tagged, 60, "A's entries tagged")
    t_tagged = time.time()
    print(f'death to claim: {t_claimed - t_kill:.2f} s, death to tagged: {t_tagged - t_kill:.2f} s '
          f'(--claim-idle 1.5 s)')

    # B stops on SIGTERM, mid-stream if there is still work: its batch is committed.
    busy = done() < N
    stats_b = stop(b, 'B')
    check(not pending_of(r, 'articles', 'taggers', 'B'), 'B left entries pending after SIGTERM')
    print(f'B stopped by SIGTERM {"while" if busy else "after"} work remained')
    wait_for(lambda: done() >= N, 300, 'every record (C alone)')
    stats_c = stop(c, 'C')
    elapsed = time.time() - t0
    for f in files.values():
        f.close()

    tagged = r.xrange_all('tagged')
    dead = r.xrange_all('dead')
    check(r('XPENDING', 'articles', 'taggers')[0] == 0, 'entries still pending at the end')
    seen = {}
    for _, fields in tagged + dead:
        iid = fields.get(b'input_id', b'').decode()
        seen[iid] = seen.get(iid, 0) + 1
    twice = [i for i, n in seen.items() if n > 1]
    missing = [i for i in ids if i not in seen]
    check(not twice, f'{len(twice)} input ids written more than once, e.g. {twice[:3]}')
    check(not missing, f'{len(missing)} input ids missing, e.g. {missing[:3]}')
    check(set(seen) <= set(ids), 'output names input ids that were never added')

    model = stats_c.get('model')
    check(model and stats_b.get('model') == model, f'workers report models {model} and {stats_b.get("model")}')
    with_tags = 0
    for _, fields in tagged:
        iid = fields[b'input_id'].decode()
        (rec, kind), line = by_id[iid]
        if kind != 'good':
            check(False, f'{iid} ({kind}) was tagged instead of dead-lettered')
            continue
        check(fields[b'record'] == line,
              f'{iid}: worker record differs from tagger --jsonl:\n {fields[b"record"][:300]!r}\n {line[:300]!r}')
        check(fields.get(b'model', b'').decode() == model, f'{iid}: model {fields.get(b"model")!r}')
        got = json.loads(fields[b'record'])
        with_tags += bool(got['tags']) and bool(got['entities'])
    check(with_tags > N // 2, f'only {with_tags} tagged records have tags and entities')
    kinds = {}
    for _, fields in dead:
        iid = fields[b'input_id'].decode()
        (rec, kind), line = by_id[iid]
        kinds[kind] = kinds.get(kind, 0) + 1
        check(kind != 'good', f'{iid}: a good record was dead-lettered: {fields.get(b"error")!r}')
        want = (json.loads(line)['error']['message'] if line is not None
                else 'stream entry has no "record" field')
        check(fields[b'error'].decode() == want, f'{iid} ({kind}): error {fields[b"error"]!r}, want {want!r}')
        check(fields[b'record'] == (rec or b''), f'{iid} ({kind}): dead letter does not keep the record')
    for kind in ('bad-json', 'not-object', 'no-text', 'bad-utf8', 'too-long-text', 'too-long-line',
                 'no-record-field'):
        check(kinds.get(kind), f'no dead letter of kind {kind}')
    claimed = stats_b.get('claimed', 0) + stats_c.get('claimed', 0)
    check(claimed >= len(held), f'B and C claimed {claimed} entries, A held {len(held)}')
    check('model reloaded' in log_text(logs['B']), 'B did not report the SIGHUP reload')
    print(f'fleet: {len(tagged)} tagged, {len(dead)} dead-lettered {kinds}, {claimed} claimed, '
          f'{elapsed:.1f} s')


def recovery(tmp, server, r):
    model = os.path.join(tmp, 'model')
    shutil.copytree(os.path.join(MODEL, 'tests', 'data', 'model-mini'), model)
    r('XGROUP', 'CREATE', 'p_in', 'pg', '0', 'MKSTREAM')
    for i in range(3):
        r('XADD', 'p_in', '*', 'record', json.dumps({'id': f'p{i}', 'text': 'anything'}))
    # A consumer takes them and dies without acknowledging: delivery count 1.
    r('XREADGROUP', 'GROUP', 'pg', 'ghost', 'COUNT', 10, 'STREAMS', 'p_in', '>')
    log = os.path.join(tmp, 'worker-D.log')
    with open(log, 'wb') as f:
        d = worker(server.port, 'D', f, '-j', '2', '--claim-idle', '200', '--max-deliveries', '1',
                   stream='p_in', out='p_out', dead='p_dead', group='pg', model=model)
    wait_for(lambda: r('XLEN', 'p_dead') == 3, 30, 'the three redelivered entries dead-lettered')
    for _, fields in r.xrange_all('p_dead'):
        check(fields[b'error'] == b'delivered 2 times, more than --max-deliveries 1',
              f'dead letter error {fields[b"error"]!r}')
    check(r('XLEN', 'p_out') == 0, 'an entry past --max-deliveries was tagged')

    # A reload with a broken model keeps the old one.
    with open(os.path.join(model, 'rules', 'test.rules'), 'a', encoding='utf-8') as f:
        f.write('\nbroken rule line (\n')
    d.send_signal(signal.SIGHUP)
    wait_for(lambda: 'reload failed' in log_text(log), 30, 'the failed reload reported')
    r('XADD', 'p_in', '*', 'record', json.dumps({'id': 'after-reload', 'text': 'text'}))
    wait_for(lambda: r('XLEN', 'p_out') == 1, 30, 'a record tagged after the failed reload')

    # Redis goes away and comes back (empty: no persistence): the worker reconnects.
    server.kill()
    wait_for(lambda: 'retrying in' in log_text(log), 30, 'the lost connection reported')
    time.sleep(0.5)
    r2 = server.start()
    r2('XADD', 'p_in', '*', 'record', json.dumps({'id': 'after-restart', 'text': 'text'}))
    wait_for(lambda: r2('XLEN', 'p_out') == 1, 30, 'a record tagged after redis-server restarted')
    check(d.poll() is None, 'the worker exited when redis-server went away')
    stats = stop(d, 'D')
    check('again' in log_text(log), 'the reconnection was not reported')
    check(stats.get('reconnects', 0) >= 1, f'stats report {stats.get("reconnects")} reconnects')
    check(stats.get('dead_by_deliveries') == 3, f'stats: {stats}')
    print(f'recovery: redeliveries dead-lettered, failed reload kept the model, reconnected '
          f'({stats.get("reconnects")} reconnects)')
    return r2


def racing(tmp, server, r):
    """Workers that steal each other's batches (--claim-idle 1) still write each
    input exactly once: the commit skips inputs another worker committed."""
    n, texts = 800, corpus_texts()
    r.pipeline([('XADD', 's_in', '*', 'record',
                 json.dumps({'id': f's{i}', 'text': texts[i % len(texts)][0]}))
                for i in range(n)])
    logs = [open(os.path.join(tmp, f'worker-race-{k}.log'), 'wb') for k in range(2)]
    procs = [worker(server.port, f'race{k}', logs[k], '-j', '1', '--batch', '8', '--claim-idle', '1',
                    '--max-deliveries', '1000000', stream='s_in', out='s_out', dead='s_dead',
                    group='sg') for k in range(2)]
    wait_for(lambda: r('XLEN', 's_out') + r('XLEN', 's_dead') >= n
             and r('XPENDING', 's_in', 'sg')[0] == 0, 120, 'the racing workers to finish')
    time.sleep(0.3)  # a late duplicate commit would land now
    stats = [stop(p, f'race{k}') for k, p in enumerate(procs)]
    for f in logs:
        f.close()
    ids = [fields[b'input_id'] for _, fields in r.xrange_all('s_out')]
    check(len(ids) == n and len(set(ids)) == n and r('XLEN', 's_dead') == 0,
          f'racing workers wrote {len(ids)} outputs for {len(set(ids))} of {n} inputs')
    claimed = sum(s.get('claimed', 0) for s in stats)
    dups = sum(s.get('duplicates', 0) for s in stats)
    print(f'racing: {n} inputs, {len(ids)} outputs; {claimed} claims, {dups} duplicate commits skipped')


def main():
    tmp = tempfile.mkdtemp(prefix='tagger-worker-')
    server = RedisServer(tmp)
    try:
        r = server.start()
        fleet(tmp, server, r)
        racing(tmp, server, r)
        recovery(tmp, server, r)
    finally:
        for p in PROCS:
            if p.poll() is None:
                p.kill()
                p.wait()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILURES:
        print(f'{len(FAILURES)} failures')
        sys.exit(1)
    print('ok')


if __name__ == '__main__':
    main()
