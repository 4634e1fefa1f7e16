#!/bin/sh
# valgrind memcheck over the test suite: every cmocka unit test, the fuzz targets'
# replays, the end-to-end scripts with the program run under memcheck, and the
# soak program (repeated model load/free, then many tag calls).
#
#   tools/valgrind.sh            build (BUILD_DIR, default build-valgrind) and check
#   SOAK_CALLS=100000 tools/valgrind.sh    the full soak under memcheck (slow: ~1 h)
#
# Any memcheck error, or any definitely or indirectly lost byte, fails the run.
# Reachable memory at exit is not a leak (libc and PCRE2 JIT caches) and is ignored.
set -eu
cd "$(dirname "$0")/.."
SRC=$(pwd)
B=${BUILD_DIR:-build-valgrind}
SOAK_LOADS=${SOAK_LOADS:-5}
SOAK_CALLS=${SOAK_CALLS:-2000}
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }

cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Debug -DTAGGER_SANITIZE=OFF -DTAGGER_FUZZ=OFF \
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
    if "$@" >"$logs/$name.out" 2>&1; then
        echo "ok   $name ($(( $(date +%s) - start )) s)"
    else
        echo "FAIL $name (exit $?; see $logs/$name.out)"
        status=1
    fi
}

for t in "$B"/tests/test_*; do
    [ -x "$t" ] && run "$(basename "$t")" $VG "$t"
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
