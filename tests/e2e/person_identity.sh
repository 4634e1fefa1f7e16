#!/bin/sh
# End-to-end tests of which listed person a name found by a rule is, with the shipped
# model (src/resolve.c, absorb_contained): the surname and initials of official texts
# ("Путин В. В.") are the listed person whose given name the first initial begins, and
# a listed person's inflected name ("Камалу Харрис") is that person, not a new id.
# usage: person_identity.sh TAGGER SOURCE_DIR
set -u
T=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' \
  '{"id":"vv","lang":"ru","text":"Указ подписал Путин В. В. в пятницу."}' \
  '{"id":"ab","lang":"ru","text":"Указ подписал Путин А. Б. в пятницу."}' \
  '{"id":"da","lang":"ru","text":"Медведев Д. А. заявил о росте цен."}' \
  '{"id":"kh","lang":"ru","text":"Байден выбрал Камалу Харрис своим напарником."}' |
  "$T" --model "$SRC" --jsonl >"$tmp/out.jsonl" || exit 1
python3 - "$tmp/out.jsonl" <<'PY'
import json, sys
out = {}
for line in open(sys.argv[1]):
    o = json.loads(line)
    out[o["id"]] = o
def person(i, text):
    return [e["id"] for e in out[i]["entities"] if e["text"] == text and e["type"] == "PERSON"]
fail = 0
def check(desc, ok):
    global fail
    print(("ok   " if ok else "FAIL ") + desc)
    fail |= not ok
check("Путин В. В. is Vladimir Putin", person("vv", "Путин В. В.") == ["person:vladimir-putin"])
check("Путин А. Б. is someone else", person("ab", "Путин А. Б.") not in ([], ["person:vladimir-putin"]))
check("Медведев Д. А. is Dmitry Medvedev, and the text is Russia's",
      person("da", "Медведев Д. А.") == ["person:dmitry-medvedev"] and
      "country:RU" in {t["id"] for t in out["da"]["tags"]})
check("Камалу Харрис is Kamala Harris", person("kh", "Камалу Харрис") == ["person:kamala-harris"])
sys.exit(fail)
PY
