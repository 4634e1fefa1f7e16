#!/bin/sh
# valgrind memcheck over the test suite: every cmocka unit test, the fuzz targets'
# replays, the end-to-end scripts with the program run under memcheck, and the
# soak program (repeated model load/free, then many tag calls).
#
#   tools/valgrind.sh            build (BUILD_DIR, default build-valgrind) and check
#   SOAK_CALLS=100000 tools/valgrind.sh    the full soak under memcheck (slow: ~1 h)
#   VG_TIMEOUT=N        seconds allowed per checked program (default 3600)
#   VG_SKIP=REGEX       unit tests to leave out (default test_prefilter; see below)
#
# Any memcheck error, or any definitely or indirectly lost byte, fails the run.
# Reachable memory at exit is not a leak (libc caches) and is ignored. The build
# uses -DTAGGER_NO_JIT=ON: PCRE2's JIT code reads the subject in aligned blocks, a
# few bytes past its end (harmless, never across a page), and memcheck reports each
# such read of a heap buffer as a use of uninitialised memory, from code it cannot
# name (frames '???'), so it cannot be suppressed narrowly.
set -eu
cd "$(dirname "$0")/.."
SRC=$(pwd)
B=${BUILD_DIR:-build-valgrind}
SOAK_LOADS=${SOAK_LOADS:-5}
SOAK_CALLS=${SOAK_CALLS:-2000}
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }

cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Debug -DTAGGER_SANITIZE=OFF -DTAGGER_FUZZ=OFF -DTAGGER_NO_JIT=ON \
      -DTAGGER_TSAN=OFF >/dev/null
cmake --build "$B" -j "$(nproc)" >/dev/null
B=$(cd "$B" && pwd)
logs="$B/valgrind"
rm -rf "$logs"
mkdir -p "$logs"
VG="valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --track-origins=yes
    --trace-children=no --log-file=$logs/%p.log"

status=0
run() { # name, command...: the command's exit status must be 0
    name=$1; shift
    start=$(date +%s)
    if timeout "${VG_TIMEOUT:-3600}" "$@" >"$logs/$name.out" 2>&1; then
        echo "ok   $name ($(( $(date +%s) - start )) s)"
    else
        echo "FAIL $name (exit $?; see $logs/$name.out)"
        status=1
    fi
}

# test_prefilter runs every rule over whole real-news articles twice: hours under
# memcheck with the interpreter; the same scan code runs in test_rules, test_tag
# and the fuzz replays. VG_SKIP (a grep -E pattern) names tests to leave out.
VG_SKIP=${VG_SKIP-test_prefilter}
for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    if [ -n "$VG_SKIP" ] && basename "$t" | grep -q -E "^($VG_SKIP)\$"; then
        echo "skip $(basename "$t") (VG_SKIP='$VG_SKIP'; VG_SKIP= to include it)"
        continue
    fi
    run "$(basename "$t")" $VG "$t"
done
# The fuzz targets' replays, with the arguments ctest gives them.
ctest --test-dir "$B" -R '^fuzz_replay_' --show-only=json-v1 | python3 -c '
import json, shlex, sys
for t in json.load(sys.stdin)["tests"]:
    print(t["name"], shlex.join(t["command"]))' >"$logs/replays"
while read -r name cmd; do
    eval "run $name \$VG $cmd" </dev/null
done <"$logs/replays"
run soak $VG "$B/tests/fuzz/tagger_soak" "$SRC" "$SOAK_LOADS" "$SOAK_CALLS"

# The program under memcheck, through the end-to-end scripts.
cat >"$B/tagger-vg" <<WRAP
#!/bin/sh
exec $(echo $VG) "$B/tagger" "\$@"
WRAP
chmod +x "$B/tagger-vg"
run e2e_cli sh "$SRC/tests/e2e/cli.sh" "$B/tagger-vg" "$SRC"
HOSTILE_STREAM_MB=1 run e2e_hostile sh "$SRC/tests/e2e/hostile.sh" "$B/tagger-vg" "$SRC"

# Every process's log: errors, and leaks that were not reachable.
bad=$(grep -l -E "ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]" "$logs"/*.log || true)
echo "valgrind: $(ls "$logs"/*.log | wc -l) processes checked"
if [ -n "$bad" ]; then
    echo "valgrind: memcheck errors or leaks in:"
    for f in $bad; do
        echo "== $f"
        grep -E -A 12 "Invalid|uninitialised|definitely lost|indirectly lost" "$f" | head -40
    done
    status=1
fi
grep -h "^soak:" "$logs/soak.out" || true
exit $status
