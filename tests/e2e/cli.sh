#!/bin/sh
# End-to-end tests of the command line: exit codes, messages naming the input,
# --help/--version, and the JSON Lines stage keeping one line out per line in.
# usage: cli.sh TAGGER SOURCE_DIR
set -u
T=$1
SRC=$2
M="--model $SRC"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description, then a command that must succeed
    desc=$1; shift
    if "$@"; then echo "ok   $desc"; else echo "FAIL $desc"; fail=1; fi
}

"$T" --help >"$tmp/help" 2>&1; check "--help exits 0" test $? -eq 0
check "--help names --jsonl and --model" grep -q -- "--jsonl" "$tmp/help"
"$T" --version >"$tmp/v"; check "--version prints the version" grep -q "^tagger [0-9]" "$tmp/v"
"$T" --bogus >/dev/null 2>&1; check "unknown option exits 2" test $? -eq 2
"$T" $M --format xml /dev/null >/dev/null 2>&1; check "bad --format exits 2" test $? -eq 2
"$T" --model /nonexistent /dev/null 2>"$tmp/err"; check "missing model exits 2" test $? -eq 2

# The text format's columns line up in characters, Cyrillic names and labels too: every
# entity line's id starts at one column.
printf 'Россия и Соединённые Штаты. Russia and the United States.\n' >"$tmp/cols.txt"
"$T" $M --labels ru "$tmp/cols.txt" >"$tmp/cols.out" 2>/dev/null
check "text columns line up in characters" python3 -c '
import sys
rows = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("    ")]
cols = {l.index(" country:") for l in rows if " country:" in l}
sys.exit(0 if len(rows) >= 4 and len(cols) == 1 else 1)' "$tmp/cols.out"

printf 'Russia and the United States.' >"$tmp/ok.txt"
printf 'bad \300\257 bytes' >"$tmp/bad.txt"
"$T" $M "$tmp/ok.txt" "$tmp/bad.txt" "$tmp/missing.txt" >"$tmp/out" 2>"$tmp/err"
check "some inputs failed: exit 1" test $? -eq 1
check "invalid UTF-8 named with its byte offset" grep -q "bad.txt: text is not valid UTF-8 at byte 4" "$tmp/err"
check "missing file named" grep -q "missing.txt: No such file" "$tmp/err"
check "summary line counts the failures" grep -q "^tagger: 3 files, .* 2 failed$" "$tmp/err"
check "good file still tagged" grep -q "country:RU" "$tmp/out"
"$T" $M --replace-invalid "$tmp/bad.txt" >/dev/null 2>&1; check "--replace-invalid tags it" test $? -eq 0
: >"$tmp/empty.txt"
"$T" $M --format json "$tmp/empty.txt" >"$tmp/out" 2>&1; check "empty file tags to nothing" grep -q '"entities":\[\]' "$tmp/out"
printf 'Russia' | "$T" $M --format json >"$tmp/out"; check "stdin is read" grep -q '"id":"stdin"' "$tmp/out"

printf '%s\n' '{"id":"a","text":"Russia","extra":1.50}' 'not json' '[1]' '{"id":7}' \
  '{"id":"b","body":"x"}' '{}' '{"id":"c","text":"US","tags":"old"}' >"$tmp/in.jsonl"
"$T" $M --jsonl <"$tmp/in.jsonl" >"$tmp/out.jsonl"
check "jsonl: as many lines out as in" test "$(wc -l <"$tmp/out.jsonl")" -eq 7
check "jsonl: fields kept byte for byte" grep -q '^{"id":"a","text":"Russia","extra":1.50,"lang":"en","model":"[0-9a-f]\{8\}","tags":' "$tmp/out.jsonl"
check "jsonl: broken JSON is an error record with its line" grep -q '"line":2' "$tmp/out.jsonl"
check "jsonl: missing text keeps the id" grep -q '{"error":{"line":4,.*"id":7' "$tmp/out.jsonl"
"$T" $M --jsonl --text-field body <"$tmp/in.jsonl" >"$tmp/out2.jsonl"
check "jsonl: --text-field" grep -q '"id":"b","body":"x","lang":"[a-z]*","model":"[0-9a-f]*","tags"' "$tmp/out2.jsonl"
# A record's language is a BCP 47 tag in any case: "EN-gb" runs the English rules (the
# year after "in"), "de" only the language-neutral ones; the record keeps its own
# "lang", and one without gets the detected language.
printf '%s\n' '{"id":"g","text":"Talks ended in 2019.","lang":"EN-gb"}' \
  '{"id":"d","text":"Talks ended in 2019.","lang":"de"}' '{"id":"n","text":"Talks ended in 2019."}' |
  "$T" $M --jsonl >"$tmp/lang.jsonl"
check "jsonl: lang en-GB is English" grep -q '"id":"g",.*"lang":"EN-gb",.*"text":"2019","type":"DATE"' "$tmp/lang.jsonl"
check "jsonl: lang de runs no English rule" sh -c "grep '\"id\":\"d\"' '$tmp/lang.jsonl' | grep -vq DATE"
check "jsonl: no lang: the detected one is added" grep -q '"id":"n","text":"Talks ended in 2019.","lang":"en","model":' "$tmp/lang.jsonl"
printf '%s\n' '{"id":"big","text":"Russia Russia Russia Russia"}' >"$tmp/big.jsonl"
"$T" $M --jsonl --max-line 20 <"$tmp/big.jsonl" >"$tmp/out3.jsonl"
check "jsonl: over-long line is an error record" grep -q 'over the limit of 20 bytes' "$tmp/out3.jsonl"
printf '{"id":"cr","text":"Russia"}\r\r\n{"id":"ws","text":"US"} \t\r\n' >"$tmp/cr.jsonl"
"$T" $M --jsonl <"$tmp/cr.jsonl" | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' 2>/dev/null
check "jsonl: trailing CR and blanks after the object still give valid JSON" test $? -eq 0
# A rule's topics count like a gazetteer entry's: a US dateline's state abbreviation
# (rules/names.rules place_us_state_abbrev) tags the story USA.
printf '%s\n' '{"id":"dl","text":"MARTINSVILLE, Va., Feb 26 - Qtly div eight cts vs eight cts prior."}' |
  "$T" $M --jsonl >"$tmp/dl.jsonl"
check "jsonl: a US state abbreviation in a dateline tags USA" grep -q '"tags":\[{"label":"USA","id":"country:US"' "$tmp/dl.jsonl"
exit $fail
