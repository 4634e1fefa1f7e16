#!/bin/sh
# Run the libFuzzer targets of a -DTAGGER_FUZZ=ON build, one after the other.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# Each target starts from a corpus in BUILD_DIR/fuzz-corpus/TARGET seeded from the
# repository (corpora/, tests/data/, tests/fuzz/seeds/, the model's own files) and
# from the saved crash inputs, so runs build on each other. A crash, leak, timeout
# (10 s per input) or failed invariant leaves its input in
# BUILD_DIR/fuzz-artifacts/TARGET/ and makes this script exit 1: copy the input to
# tests/fuzz/regressions/TARGET/ once fixed, and ctest replays it from then on.
# Prints executions and time per target.
set -u
B=$1
SECS=$2
shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
TARGETS=${*:-tag_text tag_html jsonl record_scan gazetteer rules image}

seed() { # target, then files or directories to copy into its corpus
    t=$1; shift
    mkdir -p "$B/fuzz-corpus/$t"
    for s in "$@"; do
        if [ -d "$s" ]; then
            find "$s" -maxdepth 1 -type f -exec cp {} "$B/fuzz-corpus/$t/" \;
        elif [ -f "$s" ]; then
            cp "$s" "$B/fuzz-corpus/$t/"
        fi
    done
}

status=0
for t in $TARGETS; do
    c="$B/fuzz-corpus/$t"
    case $t in
    tag_text) seed "$t" "$SRC/corpora/en" "$SRC/corpora/uk" "$SRC/corpora/ru" ;;
    tag_html) seed "$t" "$HERE/seeds/tag_html" "$SRC/corpora/en" ;;
    jsonl)
        seed "$t" "$HERE/seeds/jsonl"
        for f in "$SRC"/corpora/gold-*.jsonl; do # one record per seed
            [ -f "$f" ] && head -n 2 "$f" >"$c/$(basename "$f")"
        done ;;
    record_scan) seed "$t" "$HERE/seeds/record_scan" ;; # one record per file
    gazetteer)
        seed "$t" "$HERE/seeds/gazetteer" "$SRC/tests/data/model-mini/gazetteers"
        for f in "$SRC"/gazetteers/*.tsv; do # the head of each real file
            head -n 40 "$f" >"$c/$(basename "$f")"
        done ;;
    rules) seed "$t" "$HERE/seeds/rules" "$SRC/tests/data/model-mini/rules" "$SRC"/rules/*.rules ;;
    image) seed "$t" "$HERE/seeds/image" ;; # edits to a compiled tests/data/model-mini
    esac
    seed "$t" "$HERE/regressions/$t"
    mkdir -p "$B/fuzz-artifacts/$t"
    dict=""
    [ -f "$HERE/dict/$t.dict" ] && dict="-dict=$HERE/dict/$t.dict"
    log="$B/fuzz-artifacts/$t.log"
    start=$(date +%s)
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$B/tests/fuzz/fuzz_$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 $dict \
        -artifact_prefix="$B/fuzz-artifacts/$t/" "$c" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "fuzz $t: ${execs:-?} executions in $(( $(date +%s) - start )) s, corpus $(ls "$c" | wc -l) inputs, exit $rc"
    if [ $rc -ne 0 ]; then
        status=1
        grep -m 5 -E "ERROR|SUMMARY|invariant|runtime error" "$log"
        echo "  log: $log; input: $(ls -t "$B/fuzz-artifacts/$t" | head -n 1)"
    fi
done
exit $status
