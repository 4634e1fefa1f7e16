#!/bin/sh
# End-to-end hostile input (docs/robustness.md): the real program on broken bytes,
# broken files, broken data files, a pathological rule, every limit, and a 1 GB
# JSON Lines stream generated on the fly (never stored), checking exit status,
# messages, N lines in = N lines out, and flat memory.
#
# usage: hostile.sh TAGGER SOURCE_DIR
# HOSTILE_STREAM_MB (default 1024) sets the size of the big stream; 0 skips it
# (the sanitizer and valgrind passes use a smaller one: they are 5-50x slower), and
# HOSTILE_RSS_MAX_KB (default 409600) its peak RSS bound.
set -u
T=$1
SRC=$2
M="--model $SRC"
STREAM_MB=${HOSTILE_STREAM_MB:-1024}
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
check() { # description, then a command that must succeed
    desc=$1; shift
    if "$@"; then echo "ok   $desc"; else echo "FAIL $desc"; fail=1; fi
}
has() { grep -q -- "$1" "$2"; }

# --- invalid UTF-8 of every kind, NUL bytes, binary, empty ----------------------
n=0
for bytes in '\300\257' '\340\200\257' '\360\200\200\257' '\355\240\200' '\355\277\277' \
             '\364\220\200\200' '\377' '\200' '\303' '\342\202' '\360\237\230'; do
    n=$((n + 1))
    printf "Russia $bytes" >"$tmp/bad$n.txt"
    "$T" $M "$tmp/bad$n.txt" >/dev/null 2>"$tmp/err"
    check "invalid UTF-8 #$n ($bytes): exit 1" test $? -eq 1
    check "invalid UTF-8 #$n: message names file and byte 7" \
        has "bad$n.txt: text is not valid UTF-8 at byte 7" "$tmp/err"
    "$T" $M --replace-invalid --format json "$tmp/bad$n.txt" >"$tmp/out" 2>&1
    check "invalid UTF-8 #$n with --replace-invalid: tagged" has '"country:RU"' "$tmp/out"
done
printf 'Russia\000\000Ukraine\000' >"$tmp/nul.txt"
"$T" $M --format json "$tmp/nul.txt" >"$tmp/out" 2>&1
check "NUL bytes: exit 0" test $? -eq 0
check "NUL bytes: both entities found" sh -c "grep -q country:RU '$tmp/out' && grep -q country:UA '$tmp/out'"
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 800)' >"$tmp/binary.bin"
"$T" $M "$tmp/binary.bin" >/dev/null 2>"$tmp/err"
check "binary file: exit 1 with a UTF-8 message" sh -c "test $? -eq 1 && grep -q 'not valid UTF-8' '$tmp/err'"
"$T" $M --replace-invalid "$tmp/binary.bin" >/dev/null 2>&1
check "binary file with --replace-invalid: exit 0" test $? -eq 0
: >"$tmp/empty.txt"
"$T" $M --format json "$tmp/empty.txt" >"$tmp/out" 2>&1
check "empty file: exit 0, no entities" sh -c "test $? -eq 0 && grep -q '\"entities\":\[\]' '$tmp/out'"

# --- files that are not readable files ------------------------------------------
# A folder given where a file is expected is walked (DESIGN.md: "or a folder"), in
# both modes; a folder among the model's gazetteers is an error (below).
mkdir -p "$tmp/folder/sub"
printf 'Russia' >"$tmp/folder/sub/a.txt"
printf '{"id":"a","text":"Russia"}\n' >"$tmp/folder/b.jsonl"
"$T" $M --format json "$tmp/folder/sub" >"$tmp/out" 2>"$tmp/err"
check "folder as input: its files tagged" sh -c "test $? -eq 0 && grep -q country:RU '$tmp/out'"
"$T" $M --jsonl "$tmp/folder" >"$tmp/out" 2>"$tmp/err"
check "jsonl: folder as input: its records tagged" has '"id":"a","text":"Russia","lang":"en","model":"[0-9a-f]*","tags"' "$tmp/out"
"$T" $M "$tmp/nonexistent.txt" >/dev/null 2>"$tmp/err"
check "missing file: exit 1, named" sh -c "test $? -eq 1 && grep -q 'nonexistent.txt' '$tmp/err'"
printf 'Russia' >"$tmp/secret.txt"
chmod 000 "$tmp/secret.txt"
chmod 755 "$tmp"
AS="" # root reads a chmod 000 file: then run the program as user nobody
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
if cat "$tmp/secret.txt" >/dev/null 2>&1 && $NOBODY "$T" --version >/dev/null 2>&1; then
    AS=$NOBODY
    echo "     (running as root: the unreadable-file cases run as user nobody)"
fi
if [ -z "$AS" ] && cat "$tmp/secret.txt" >/dev/null 2>&1; then
    echo "skip unreadable file: chmod 000 does not block reading for this user, and the program cannot be run as nobody (setpriv)"
else
    $AS "$T" $M "$tmp/secret.txt" >/dev/null 2>"$tmp/err"
    check "unreadable file: exit 1" test $? -eq 1
    check "unreadable file: 'Permission denied' with its name" has "secret.txt.*Permission denied" "$tmp/err"
    $AS "$T" $M --jsonl "$tmp/secret.txt" >/dev/null 2>"$tmp/err"
    check "jsonl: unreadable input: exit 1" test $? -eq 1
    check "jsonl: unreadable input named" has "secret.txt" "$tmp/err"
fi
chmod 600 "$tmp/secret.txt"

# --- broken model data files: exit 2 with file:line:column ----------------------
model() { # make a model dir $tmp/m with topics.tsv, the gazetteer $1, rules $2
    rm -rf "$tmp/m"; mkdir -p "$tmp/m/gazetteers" "$tmp/m/rules"
    printf 'id\tlabel\ncountry:RU\tRussia\ncountry:UA\tUkraine\n' >"$tmp/m/rules/topics.tsv"
    printf "$1" >"$tmp/m/gazetteers/g.tsv"
    [ -z "${2:-}" ] || printf "$2" >"$tmp/m/rules/r.rules"
}
H='id\ttype\tsubtype\tname\ttopics\ten'
model "\357\273\277$H\r\ncountry:RU\tPLACE\tcountry\tRussia\tcountry:RU=1\tRussia\r\n"
printf 'In Russia.' | "$T" --model "$tmp/m" --format json >"$tmp/out" 2>"$tmp/err"
check "gazetteer with BOM and CRLF loads and tags" sh -c "test $? -eq 0 && grep -q '\"id\":\"country:RU\"' '$tmp/out'"
model "$H\ncountry:RU\tPLACE\tcountry\tRussia\t-\tRussia\ncountry:RU\tPLACE\tcountry\tRF\t-\tRF\n"
"$T" --model "$tmp/m" /dev/null >/dev/null 2>"$tmp/err"
check "duplicate id: exit 2" test $? -eq 2
check "duplicate id: file:line:column" has "g.tsv:3:1: duplicate id 'country:RU'" "$tmp/err"
model "$H\ncountry:RU\tPLACE\tcountry\tRussia\tRussia\n"
"$T" --model "$tmp/m" /dev/null >/dev/null 2>"$tmp/err"
check "missing column: exit 2" test $? -eq 2
check "missing column: file:line:column" has "g.tsv:2:1: expected 6 tab-separated columns, found 5" "$tmp/err"
model ""
"$T" --model "$tmp/m" /dev/null >/dev/null 2>"$tmp/err"
check "empty gazetteer: exit 2, 'no header line'" sh -c "test $? -eq 2 && grep -q 'g.tsv:1:1: no header line' '$tmp/err'"
model "$H\nx\tPLACE\tcity\tX\t-\tX\n"
mkdir "$tmp/m/gazetteers/sub.tsv"
"$T" --model "$tmp/m" /dev/null >/dev/null 2>"$tmp/err"
check "directory among gazetteers: exit 2, 'not a regular file'" sh -c "test $? -eq 2 && grep -q 'sub.tsv: not a regular file' '$tmp/err'"

# --- catastrophic backtracking: bounded, reported, the rest still tagged ---------
model "$H\ncountry:RU\tPLACE\tcountry\tRussia\tcountry:RU=1\tRussia\n" \
      'rule backtrack\ntype QUANTITY\npattern (a+)+$\n'
{ printf 'Russia '; head -c 200000 /dev/zero | tr '\0' a; printf 'b'; } >"$tmp/aaa.txt"
start=$(date +%s)
"$T" --model "$tmp/m" "$tmp/aaa.txt" >"$tmp/out" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
check "(a+)+\$ on 200000 a's: exit 0" test $rc -eq 0
check "(a+)+\$: warning names the rule and the limit" has "warning: rule 'backtrack' skipped on this document: .* limit exceeded" "$tmp/out"
check "(a+)+\$: Russia still tagged" has "country:RU" "$tmp/out"
check "(a+)+\$: finished in ${secs}s (bound 120s)" test "$secs" -lt 120

# --- limits: option, default, message ---------------------------------------------
"$T" --help >"$tmp/help"
for opt in --max-document --max-line --max-entities --match-limit --depth-limit; do
    check "$opt documented in --help with its default" sh -c "grep -A1 -- '$opt' '$tmp/help' | grep -q default"
    "$T" $M $opt 0 /dev/null >/dev/null 2>"$tmp/err"
    check "$opt 0: exit 2 with a message" sh -c "test $? -eq 2 && grep -q -- '$opt' '$tmp/err'"
done
printf 'Russia and Ukraine' >"$tmp/ru.txt"
"$T" $M --max-document 10 "$tmp/ru.txt" >/dev/null 2>"$tmp/err"
check "--max-document: exit 1, message with the limit" sh -c "test $? -eq 1 && grep -q 'ru.txt: .*over the .*limit of 10 bytes' '$tmp/err'"
printf '%s\n' '{"id":"big","text":"Russia and Ukraine and more"}' '{"id":"ok","text":"Kyiv"}' >"$tmp/lim.jsonl"
"$T" $M --jsonl --max-document 10 "$tmp/lim.jsonl" >"$tmp/out" 2>/dev/null
check "jsonl --max-document: error record keeps id, line count kept" sh -c \
    "grep -q '\"id\":\"big\"' '$tmp/out' && grep -q 'over the limit of 10 bytes' '$tmp/out' && test \$(wc -l <'$tmp/out') -eq 2"
"$T" $M --jsonl --max-line 30 "$tmp/lim.jsonl" >"$tmp/out" 2>/dev/null
check "jsonl --max-line: error record, next line tagged" sh -c \
    "grep -q 'line is over the limit of 30 bytes' '$tmp/out' && grep -q '\"id\":\"ok\",\"text\":\"Kyiv\",\"lang\":\"[a-z]*\",\"model\":' '$tmp/out'"
"$T" $M --max-entities 1 "$tmp/ru.txt" >"$tmp/out" 2>&1
check "--max-entities: warning says entities were not listed" has "entity limit (1) reached" "$tmp/out"
printf 'Russia since 2018, on 29 July 2025.' >"$tmp/date.txt"
"$T" $M --match-limit 1 "$tmp/date.txt" >"$tmp/out" 2>&1
check "--match-limit: rules skipped with a warning, gazetteer kept" sh -c \
    "grep -q 'match limit exceeded' '$tmp/out' && grep -q country:RU '$tmp/out'"
"$T" $M --depth-limit 1 "$tmp/date.txt" >"$tmp/out" 2>&1
check "--depth-limit 1: exit 0 (JIT rules ignore it; interpreted rules warn)" test $? -eq 0

# --- JSON Lines: hostile records, one line out per line in -----------------------
{
    printf '{"id":"nul","text":"Russia\\u0000Ukraine"}\n'
    printf '{"id":"raw-nul","text":"Russia\000"}\n'
    printf '{"id":"bad-utf8","text":"Russia \300\257"}\n'
    printf '{"id":"surrogate","text":"\\ud800 Russia"}\n'
    printf '\n'
    printf '\r\n'
    printf '{"id":"deep","text":%s"Russia"%s}\n' "$(head -c 5000 /dev/zero | tr '\0' '[')" "$(head -c 5000 /dev/zero | tr '\0' ']')"
    printf '{"id":"crlf","text":"Kyiv"}\r\n'
    printf '{"id":"last","text":"Russia"}'
} >"$tmp/hostile.jsonl"
"$T" $M --jsonl "$tmp/hostile.jsonl" >"$tmp/out" 2>"$tmp/err"
check "jsonl hostile records: exit 0" test $? -eq 0
check "jsonl hostile records: 9 lines in, 9 lines out" test "$(wc -l <"$tmp/out")" -eq 9
check "jsonl: escaped NUL in text is tagged" has '"id":"nul",.*"country:UA"' "$tmp/out"
check "jsonl: deep nesting is an error record, not a crash" has '"line":7' "$tmp/out"
check "jsonl: CRLF record tagged" has '"id":"crlf","text":"Kyiv","lang":"[a-z]*","model":"[0-9a-f]*","tags"' "$tmp/out"
check "jsonl: last line without newline tagged" has '"id":"last"' "$tmp/out"
check "jsonl: every output line is JSON" python3 -c "
import json,sys
for l in open(sys.argv[1], encoding='utf-8', errors='strict'): json.loads(l)" "$tmp/out"

# --- a 1 GB stream through a pipe: exit 0, N lines out, flat memory ---------------
if [ "$STREAM_MB" -gt 0 ]; then
    # One ~1 KiB record, repeated: generated, never stored.
    body=$(head -c 900 /dev/zero | tr '\0' x | sed 's/x\{90\}/& Russia said Ukraine /g')
    rec="{\"id\":\"r\",\"lang\":\"en\",\"text\":\"Moscow, Kyiv. $body\"}"
    reclen=$(( ${#rec} + 1 ))
    lines=$(( STREAM_MB * 1048576 / reclen ))
    timev=""
    [ -x /usr/bin/time ] && timev="/usr/bin/time -v -o $tmp/time"
    start=$(date +%s)
    yes "$rec" | head -n "$lines" | $timev "$T" $M --jsonl -j 2 | \
        awk '/"tags":\[\{"label":"Russia"/ {ok++} /^\{"error"/ {bad++} END {print NR, ok+0, bad+0}' >"$tmp/count"
    secs=$(( $(date +%s) - start ))
    read out ok bad <"$tmp/count"
    echo "     stream: $lines records ($STREAM_MB MiB) in ${secs}s; out $out, tagged $ok, errors $bad"
    check "stream: $lines lines in, $lines lines out" test "$out" -eq "$lines"
    check "stream: every record tagged, none an error" sh -c "test $ok -eq $lines && test $bad -eq 0"
    if [ -n "$timev" ]; then
        rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/time")
        status=$(awk -F: '/Exit status/ {gsub(/ /, "", $2); print $2}' "$tmp/time")
        echo "     stream: peak RSS ${rss} KiB"
        check "stream: tagger exit status 0" test "$status" -eq 0
        # The model and the bounded batches take ~40 MiB; a leak per record or a
        # stream held in memory would take GiBs. Sanitizer builds set a higher bound.
        max=${HOSTILE_RSS_MAX_KB:-409600}
        check "stream: peak RSS ${rss} KiB under $max KiB" test "$rss" -lt "$max"
    else
        echo "skip peak RSS: /usr/bin/time is not installed (Debian package 'time')"
    fi
fi
exit $fail
