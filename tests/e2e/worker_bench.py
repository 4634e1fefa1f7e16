#!/usr/bin/env python3
"""Throughput of `tagger worker` against `tagger --jsonl`, and fail-over time.

usage: worker_bench.py TAGGER MODEL_DIR RECORDS.jsonl [--jobs J] [--rounds R]
                       [--claim-idle MS] [--batch N]

Not part of ctest (it measures, it does not check). On the same records:

  jsonl      `tagger --jsonl -j J` from a file to /dev/null
  1 worker   one `tagger worker -j J` draining a stream pre-filled with the records
  2 workers  two `tagger worker -j J` draining it together
  fail-over  two workers, one killed with SIGKILL a third of the way through: the
             time from the kill until every entry it held is tagged by the other

Wall time runs from starting the program(s) (model load included, as for --jsonl)
to the last output; CPU is the programs' user+system time (redis-server's is shown
apart). Each throughput figure is the best of R rounds, run in turn, so that a
busy machine's noise hits all of them alike.
"""
import argparse, os, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from worker_resp import RedisServer


def cpu_of(pid):
    """user+system seconds of a live process, from /proc."""
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def run_jsonl(a, path):
    t0 = time.time()
    with open(path, 'rb') as f:
        p = subprocess.Popen([a.tagger, '--model', a.model, '--jsonl', '-q', '-j', str(a.jobs)],
                             stdin=f, stdout=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
    return time.time() - t0, ru.ru_utime + ru.ru_stime


def fill(r, key, records):
    r('DEL', key, 'out', 'dead')
    for i in range(0, len(records), 1000):
        r.pipeline([('XADD', key, '*', 'record', rec) for rec in records[i:i + 1000]])


def start_worker(a, port, key, name, claim_idle=30000):
    return subprocess.Popen(
        [a.tagger, 'worker', '--redis', f'127.0.0.1:{port}', '--input', key, '--output', 'out',
         '--dead-letter', 'dead', '--group', 'g', '--consumer', name, '--model', a.model, '-q',
         '-j', str(a.jobs), '--claim-idle', str(claim_idle)]
        + (['--batch', str(a.batch)] if a.batch else []),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def drained(r, n):
    return r('XLEN', 'out') + r('XLEN', 'dead') >= n


def run_workers(a, server, r, records, nworkers, key):
    fill(r, key, records)
    redis_cpu0 = cpu_of(server.proc.pid)
    t0 = time.time()
    procs = [start_worker(a, server.port, key, f'w{i}') for i in range(nworkers)]
    while not drained(r, len(records)):
        time.sleep(0.02)  # gently: the poll shares the CPUs with what it measures
    wall = time.time() - t0
    cpu = sum(cpu_of(p.pid) for p in procs)
    redis_cpu = cpu_of(server.proc.pid) - redis_cpu0
    for p in procs:
        p.send_signal(signal.SIGTERM)
        p.wait()
    return wall, cpu, redis_cpu


def failover(a, server, r, records):
    fill(r, 'fo', records)
    victim = start_worker(a, server.port, 'fo', 'victim', a.claim_idle)
    other = start_worker(a, server.port, 'fo', 'other', a.claim_idle)
    while r('XLEN', 'out') < len(records) // 3 or not r('XPENDING', 'fo', 'g', '-', '+', 1, 'victim'):
        time.sleep(0.002)
    victim.kill()
    t_kill = time.time()
    victim.wait()
    held = [e[0] for e in r('XPENDING', 'fo', 'g', '-', '+', 100000, 'victim')]
    while any(r('XPENDING', 'fo', 'g', i, i, 1) for i in held):
        time.sleep(0.005)
    took = time.time() - t_kill
    other.send_signal(signal.SIGTERM)
    other.wait()
    return took, len(held)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('tagger')
    ap.add_argument('model')
    ap.add_argument('records')
    ap.add_argument('--jobs', type=int, default=1)
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--claim-idle', type=int, default=30000)
    ap.add_argument('--batch', type=int, default=0)
    a = ap.parse_args()
    with open(a.records, 'rb') as f:
        records = [line.rstrip(b'\n') for line in f if line.strip()]
    mb = sum(len(x) for x in records) / 1e6
    n = len(records)
    print(f'{n} records, {mb:.1f} MB, -j {a.jobs}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}')
    tmp = tempfile.mkdtemp(prefix='tagger-worker-bench-')
    server = RedisServer(tmp)
    r = server.start()
    best = {}
    try:
        for rnd in range(a.rounds):
            runs = {'jsonl': run_jsonl(a, a.records) + (0.0,),
                    '1 worker': run_workers(a, server, r, records, 1, f's{rnd}a'),
                    '2 workers': run_workers(a, server, r, records, 2, f's{rnd}b')}
            for name, (wall, cpu, rcpu) in runs.items():
                print(f'  round {rnd + 1} {name:9s}: {wall:6.2f} s wall, {cpu:6.2f} s CPU'
                      + (f' (+ redis-server {rcpu:.2f} s)' if rcpu else ''))
                if name not in best or wall < best[name][0]:
                    best[name] = (wall, cpu, rcpu)
        print('best of rounds:')
        for name, (wall, cpu, rcpu) in best.items():
            print(f'  {name:9s}: {n / wall:7.0f} records/s, {mb / wall:5.2f} MB/s wall; '
                  f'{n / cpu:7.0f} records per CPU-second')
        j, w1, w2 = best['jsonl'], best['1 worker'], best['2 workers']
        print(f'  1 worker / jsonl: {j[0] / w1[0]:.0%} of the wall-clock rate, '
              f'{j[1] / w1[1]:.0%} of the per-CPU rate')
        print(f'  2 workers / 1 worker: {w1[0] / w2[0]:.2f}x')
        took, held = failover(a, server, r, records)
        print(f'fail-over: worker killed holding {held} entries; all tagged by the other '
              f'{took:.2f} s later (--claim-idle {a.claim_idle} ms)')
    finally:
        server.stop()


if __name__ == '__main__':
    main()
