#!/bin/sh
# ThreadSanitizer: one model shared by 8 tagging threads, in the library and in the
# program. Builds with -DTAGGER_TSAN=ON (clang when installed, else gcc) in
# BUILD_DIR (default build-tsan), then runs
#   - unit_hostile's eight_threads_default_model: 8 threads x 50 documents on the
#     full default model (three languages, titles, replaced bytes), each result
#     compared with the single-threaded one;
#   - unit_tag's threads test on the small model;
#   - tagger --jsonl -j 8 over 2000 records, checking N lines out;
#   - the service's tagging queue (unit_serve_queue) and `tagger serve` end to end
#     (tests/e2e/serve_api.py: requests across reloads, SIGTERM with requests queued).
# Any data race report fails the run (TSAN_OPTIONS halt_on_error=1, exitcode=66).
set -eu
cd "$(dirname "$0")/.."
SRC=$(pwd)
B=${BUILD_DIR:-build-tsan}
CC_TSAN=${CC_TSAN:-$(command -v clang-14 || command -v clang || echo gcc)}
CC=$CC_TSAN cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAGGER_TSAN=ON \
    -DTAGGER_SANITIZE=OFF -DTAGGER_FUZZ=OFF >/dev/null
cmake --build "$B" -j "$(nproc)" --target test_hostile test_tag test_serve_queue tagger_cli >/dev/null
export TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1"
status=0
"$B/tests/test_hostile" >"$B/tsan-hostile.out" 2>&1 || status=1
grep -E "eight_threads|WARNING: ThreadSanitizer" "$B/tsan-hostile.out" || true
"$B/tests/test_tag" >"$B/tsan-tag.out" 2>&1 || status=1
grep -E "threads_share|WARNING: ThreadSanitizer" "$B/tsan-tag.out" || true
"$B/tests/test_serve_queue" >"$B/tsan-queue.out" 2>&1 || status=1
grep -E "PASSED|FAILED|WARNING: ThreadSanitizer" "$B/tsan-queue.out" || true
python3 tests/e2e/serve_api.py "$B/tagger" "$SRC" >"$B/tsan-serve.out" 2>&1 || status=1
grep -E "^Ran|^OK|FAILED|WARNING: ThreadSanitizer" "$B/tsan-serve.out" || true
python3 - "$SRC" >"$B/tsan.jsonl" <<'PY'
import json, pathlib, sys
src = pathlib.Path(sys.argv[1])
texts = [p.read_text() for p in sorted(src.glob("corpora/*/*.txt"))] or ["Russia and Ukraine"]
for i in range(2000):
    print(json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False))
PY
if "$B/tagger" --model "$SRC" --jsonl -j 8 "$B/tsan.jsonl" >"$B/tsan.out" 2>"$B/tsan.err"; then
    n=$(wc -l <"$B/tsan.out")
    [ "$n" -eq 2000 ] || { echo "tsan: --jsonl -j 8 wrote $n lines for 2000"; status=1; }
    echo "tsan: tagger --jsonl -j 8: 2000 records in, $n out"
else
    echo "tsan: tagger --jsonl -j 8 failed:"; head -n 40 "$B/tsan.err"; status=1
fi
[ $status -eq 0 ] && echo "tsan: no data race reported" || {
    echo "tsan: FAILED"; grep -h -A 30 "WARNING: ThreadSanitizer\|FAIL" "$B"/tsan-*.out "$B/tsan.err" | head -80; }
exit $status
