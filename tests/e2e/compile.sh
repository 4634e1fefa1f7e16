#!/bin/sh
# `tagger compile` end to end: the compiled model tags every corpus file exactly as
# the source files do; a stale image is passed over with one note on stderr; an
# explicit stale, truncated or foreign image is refused with a clear message.
# usage: compile.sh TAGGER SOURCE_DIR
set -eu
T=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
M="$tmp/model"
mkdir "$M"
cp -a "$SRC/gazetteers" "$SRC/rules" "$M/"
fail() { echo "FAIL $*"; exit 1; }

"$T" compile --model "$M" 2>"$tmp/compile.err" || fail "tagger compile: $(cat "$tmp/compile.err")"
test -s "$M/model.tgm" || fail "no model.tgm written"
grep -q "compiled $M/model.tgm" "$tmp/compile.err" || fail "no summary: $(cat "$tmp/compile.err")"
echo "ok   tagger compile writes DIR/model.tgm"

# Same output from the image (automatic and explicit) as from the source files.
n=0
for f in "$SRC"/corpora/en/*.txt "$SRC"/corpora/uk/*.txt "$SRC"/corpora/ru/*.txt; do
    "$T" --model "$M" --no-compiled -f json "$f" >"$tmp/src.json" 2>"$tmp/src.err"
    "$T" --model "$M" -f json "$f" >"$tmp/img.json" 2>"$tmp/img.err"
    "$T" --model "$M/model.tgm" -f json "$f" >"$tmp/file.json"
    cmp -s "$tmp/src.json" "$tmp/img.json" || fail "image output differs on $f"
    cmp -s "$tmp/src.json" "$tmp/file.json" || fail "--model FILE output differs on $f"
    test ! -s "$tmp/img.err" || fail "stderr with a fresh image: $(cat "$tmp/img.err")"
    n=$((n + 1))
done
test "$n" -ge 9 || fail "only $n corpus files"
grep -q '"entities"' "$tmp/src.json" || fail "no output compared"
echo "ok   $n corpus files tag byte-identically from the image and from the sources"

# The pipeline stage too.
cat "$SRC"/corpora/gold-en.jsonl | head -20 >"$tmp/in.jsonl"
"$T" --model "$M" --no-compiled --jsonl <"$tmp/in.jsonl" >"$tmp/a.jsonl"
"$T" --model "$M" --jsonl <"$tmp/in.jsonl" >"$tmp/b.jsonl"
cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl" || fail "--jsonl output differs"
echo "ok   --jsonl output identical"

# Stale: an edited gazetteer. The automatic load falls back and says so once.
f="$SRC/corpora/en/000_68d5fd724831ed0d.txt"
sleep 0.01
printf '\n' >>"$M/gazetteers/people.tsv"
"$T" --model "$M" -f json "$f" >"$tmp/stale.json" 2>"$tmp/stale.err"
grep -q "note: .*stale: gazetteers/people.tsv changed after it was compiled.*loaded from source files; run .tagger compile." \
    "$tmp/stale.err" || fail "no stale note: $(cat "$tmp/stale.err")"
test "$(wc -l <"$tmp/stale.err")" -eq 1 || fail "more than one line on stderr"
"$T" --model "$M/model.tgm" -f json "$f" >/dev/null 2>"$tmp/explicit.err" && fail "stale image accepted"
grep -q "stale: gazetteers/people.tsv changed after it was compiled" "$tmp/explicit.err" \
    || fail "explicit stale message: $(cat "$tmp/explicit.err")"
echo "ok   stale image: note and fallback; explicit load refused"

"$T" compile --quiet --model "$M" 2>"$tmp/quiet.err"
test ! -s "$tmp/quiet.err" || fail "--quiet printed: $(cat "$tmp/quiet.err")"
"$T" --model "$M" -f json "$f" >/dev/null 2>"$tmp/fresh.err"
test ! -s "$tmp/fresh.err" || fail "recompiled image not used: $(cat "$tmp/fresh.err")"
echo "ok   recompiling makes it fresh"

# Damaged files.
head -c 1000 "$M/model.tgm" >"$tmp/short.tgm"
"$T" --model "$tmp/short.tgm" -f json "$f" >/dev/null 2>"$tmp/e" && fail "truncated accepted"
grep -q "short.tgm: truncated" "$tmp/e" || fail "truncated message: $(cat "$tmp/e")"
: >"$tmp/empty.tgm"
"$T" --model "$tmp/empty.tgm" -f json "$f" >/dev/null 2>"$tmp/e" && fail "empty accepted"
grep -q "truncated: empty file" "$tmp/e" || fail "empty message: $(cat "$tmp/e")"
cp "$M/model.tgm" "$tmp/flip.tgm"
size=$(wc -c <"$tmp/flip.tgm")
printf 'Z' | dd of="$tmp/flip.tgm" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
"$T" --model "$tmp/flip.tgm" -f json "$f" >/dev/null 2>"$tmp/e" && fail "corrupt accepted"
grep -q "corrupt: checksum mismatch" "$tmp/e" || fail "corrupt message: $(cat "$tmp/e")"
head -c 5000 /dev/urandom >"$tmp/rand.tgm"
"$T" --model "$tmp/rand.tgm" -f json "$f" >/dev/null 2>"$tmp/e" && fail "random accepted"
grep -q "not a compiled tagger model" "$tmp/e" || fail "random message: $(cat "$tmp/e")"
echo "ok   truncated, empty, flipped and random files refused with a message"

# A corrupt DIR/model.tgm: falls back with a note.
cp "$tmp/flip.tgm" "$M/model.tgm"
"$T" --model "$M" -f json "$f" >"$tmp/c.json" 2>"$tmp/e" || fail "fallback failed"
grep -q "note: .*corrupt: checksum mismatch" "$tmp/e" || fail "corrupt note: $(cat "$tmp/e")"
echo "ok   corrupt DIR/model.tgm: sources used, with a note"

"$T" compile --model "$M" -o "$tmp/other.tgm" 2>/dev/null
"$T" --model "$tmp/other.tgm" -f json "$f" >/dev/null || fail "-o FILE"
"$T" compile --model "$tmp/nonexistent" 2>"$tmp/e" && fail "compile of a missing dir"
grep -q "model directory not found" "$tmp/e" || fail "missing dir message: $(cat "$tmp/e")"
"$T" --help | grep -q "tagger compile" || fail "--help does not mention compile"
echo "ok   compile -o, errors, help"
