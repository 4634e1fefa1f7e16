#!/bin/sh
# serve_load.sh - load and fault test of `tagger serve` on loopback.
#
#   serve_load.sh TAGGER SOURCE_DIR [SECONDS=30] [CONNECTIONS=32]
#
# wrk posts ~5 KB articles (the corpora's texts, repeated to size) at CONNECTIONS
# connections for SECONDS while the model is reloaded (SIGHUP) every 2 s. Fails on
# any non-200 answer or socket error, a dead server, a reload that did not happen,
# or an old model still held once the load stops. Prints requests/s and p50/p99.
# CI runs it for 5 s (tests/CMakeLists.txt); the figures in the README are from 30 s.
# Exits 77 (skipped) when wrk is not installed.
set -eu
TAGGER=$1
SOURCE=$2
SECONDS_=${3:-30}
CONNS=${4:-32}
command -v wrk >/dev/null 2>&1 || { echo "serve_load: wrk not installed: skipped"; exit 77; }

TMP=$(mktemp -d)
SERVER=""
HUPPER=""
cleanup() {
    [ -n "$HUPPER" ] && kill "$HUPPER" 2>/dev/null || true
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# A private copy of the model: what is reloaded is what we loaded.
mkdir -p "$TMP/model"
cp -R "$SOURCE/gazetteers" "$SOURCE/rules" "$TMP/model/"

# The requests: 5 KB records built from the corpora, cycled by a wrk Lua script.
python3 - "$SOURCE" "$TMP/load.lua" <<'PY'
import glob, json, sys
src, out = sys.argv[1], sys.argv[2]
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(src + "/corpora/*/*.txt"))]
bodies = []
for i, t in enumerate(texts):
    s = t
    while len(s.encode()) < 5120:
        s += "\n\n" + t
    s = s.encode()[:5120].decode("utf-8", "ignore")
    bodies.append(json.dumps({"id": "load-%d" % i, "title": t.split("\n")[0][:120], "text": s}))
with open(out, "w", encoding="utf-8") as f:
    f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
    f.write("local bodies = {\n")
    for b in bodies:
        assert "]=====]" not in b
        f.write("[=====[" + b + "]=====],\n")
    f.write("}\nlocal n = 0\n")
    f.write("request = function()\n  n = n + 1\n"
            "  return wrk.format(nil, \"/tag\", nil, bodies[(n % #bodies) + 1])\nend\n")
    f.write("local bad = 0\nresponse = function(status, headers, body)\n"
            "  if status ~= 200 then bad = bad + 1 end\nend\n")
    f.write("done = function(summary, latency, requests)\n"
            "  local e = summary.errors\n"
            "  io.write(string.format('RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f "
            "p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\\n',"
            " summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),"
            " latency:percentile(50) / 1000, latency:percentile(90) / 1000,"
            " latency:percentile(99) / 1000, latency.max / 1000, e.status, e.connect, e.read,"
            " e.write, e.timeout))\nend\n")
print("serve_load: %d distinct records of %d bytes" % (len(bodies), len(bodies[0])))
PY

# The log exists before the server starts: the background child opens it when it is
# scheduled, and under load the loop below could read first (with set -e, the failed
# read ended the test: "server.log: No such file").
: >"$TMP/server.log"
"$TAGGER" serve --model "$TMP/model" --port 0 --watch 0 --web "$SOURCE/web" 2>>"$TMP/server.log" &
SERVER=$!
i=0
PORT=""
while [ $i -lt 200 ] && [ -z "$PORT" ]; do
    PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/server.log")
    [ -n "$PORT" ] || sleep 0.1
    i=$((i + 1))
done
[ -n "$PORT" ] || { echo "serve_load: server did not start"; cat "$TMP/server.log"; exit 1; }
URL="http://127.0.0.1:$PORT"
rss() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER/status"; }

# Warm up (scratches, page cache), then load with reloads every 2 s.
wrk -t2 -c"$CONNS" -d2s -s "$TMP/load.lua" "$URL" >/dev/null
RSS0=$(rss)
( while :; do sleep 2; kill -HUP "$SERVER" 2>/dev/null || exit 0; done ) &
HUPPER=$!
wrk -t2 -c"$CONNS" -d"${SECONDS_}s" --timeout 10s -s "$TMP/load.lua" "$URL" >"$TMP/wrk.out"
kill "$HUPPER" 2>/dev/null || true
HUPPER=""
cat "$TMP/wrk.out"

fail=0
kill -0 "$SERVER" 2>/dev/null || { echo "serve_load: FAIL: the server died"; fail=1; }
RESULT=$(grep '^RESULT' "$TMP/wrk.out" || true)
echo "$RESULT" | grep -q 'non2xx=0 connect=0 read=0 write=0 timeout=0' ||
    { echo "serve_load: FAIL: failed requests: $RESULT"; fail=1; }
# A slow (sanitizer) build may still be loading the last model: give it time.
WANT=$((SECONDS_ / 4))
[ "$WANT" -ge 1 ] || WANT=1
i=0
while :; do
    RELOADS=$(grep -c 'model reloaded (SIGHUP)' "$TMP/server.log" || true)
    [ "$RELOADS" -lt "$WANT" ] && [ $i -lt 60 ] || break
    sleep 0.5
    i=$((i + 1))
done
[ "$RELOADS" -ge "$WANT" ] || { echo "serve_load: FAIL: $RELOADS reloads, want >= $WANT"; fail=1; }
# Reloads run at a low priority, so the last SIGHUP's may still be loading beside the
# current model: measure once no reload has finished for 2 s.
i=0
while [ $i -lt 15 ]; do
    sleep 2
    NOW=$(grep -c 'model reloaded (SIGHUP)' "$TMP/server.log" || true)
    [ "$NOW" != "$RELOADS" ] || break
    RELOADS=$NOW
    i=$((i + 1))
done
# Every old model is let go once its last request is answered and the reload that
# replaced it is done: asked until so (a reload still under way holds two; the slow
# sanitized build needs seconds), then the counters.
python3 -c "
import json, sys, time, urllib.request
deadline = time.time() + 60
while True:
    m = json.loads(urllib.request.urlopen(sys.argv[1] + '/metrics').read().decode())
    if m['model']['loaded'] == 1 or time.time() > deadline:
        break
    time.sleep(0.5)
assert m['model']['loaded'] == 1, 'old models still held after 60 s: %d' % m['model']['loaded']
assert m['status_5xx'] == 0 and m['errors'] == 0, m
print('serve_load: service metrics: documents=%d errors=%d p50=%.2f ms p99=%.2f ms reloads=%d' % (
    m['documents'], m['errors'], m['latency_ms']['p50'], m['latency_ms']['p99'], m['reloads']))
" "$URL" || fail=1
RSS1=$(rss)
grep -q 'failed' "$TMP/server.log" && { echo "serve_load: FAIL: a reload failed"; cat "$TMP/server.log"; fail=1; }
# No leak across reloads: the heap is trimmed when an old model goes, so RSS ends
# near where the warmed-up server started (AddressSanitizer's quarantine aside: a
# sanitized binary, recognised by its runtime's entry point, is not held to it).
if ! grep -q __asan_init "$TAGGER" && [ "$RSS1" -gt $((RSS0 + 16384)) ]; then
    echo "serve_load: FAIL: RSS grew from $RSS0 kB to $RSS1 kB over $RELOADS reloads"
    fail=1
fi
echo "serve_load: $RESULT reloads=$RELOADS rss_kb_before=$RSS0 rss_kb_after=$RSS1 cpus=$(nproc)"
kill "$SERVER"
wait "$SERVER" || { echo "serve_load: FAIL: server exit status $?"; fail=1; }
SERVER=""
exit $fail
