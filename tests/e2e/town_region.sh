#!/bin/sh
# End-to-end tests of "Town, Region" (src/town_region.h) with the shipped model: the
# region after a comma picks the town's namesake in its country, or leaves the town
# untagged (unless the town is a big city and the "region" a country: "Atlanta,
# Georgia"); in a list it settles nothing.
# usage: town_region.sh TAGGER SOURCE_DIR
set -u
T=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' \
  '{"id":"stp","text":"ST. PETERSBURG, Fla., March 3 - The bank said profits rose."}' \
  '{"id":"cam","text":"CAMBRIDGE, Mass., March 3 - The firm said sales rose."}' \
  '{"id":"list","text":"The firm has offices in Tokyo, California and Texas."}' \
  '{"id":"cyr","lang":"uk","text":"Ніякого Бейрута, Каїра, Туніса."}' \
  '{"id":"plain","text":"Talks in Cambridge ended on Friday."}' \
  '{"id":"atl","text":"The Atlanta, Georgia, company said sales rose."}' |
  "$T" --model "$SRC" --jsonl >"$tmp/out.jsonl" || exit 1
python3 - "$tmp/out.jsonl" <<'PY'
import json, sys
out = {}
for line in open(sys.argv[1]):
    o = json.loads(line)
    out[o["id"]] = o
def tags(i): return {t["id"] for t in out[i]["tags"]}
def place(i, text):
    return [e for e in out[i]["entities"] if e["text"] == text and e["type"] == "PLACE"]
fail = 0
def check(desc, ok):
    global fail
    print(("ok   " if ok else "FAIL ") + desc)
    fail |= not ok
check("a Florida dateline's St. Petersburg is not Russia's", tags("stp") == {"country:US"})
check("Cambridge, Mass. is the US town, still a PLACE",
      tags("cam") == {"country:US"} and len(place("cam", "CAMBRIDGE")) == 1)
check("Tokyo in a list before California and Texas stays Japan's", "country:JP" in tags("list"))
check("Cairo in a list of cities stays a PLACE", len(place("cyr", "Каїра")) == 1)
check("Cambridge alone keeps the model's prior, another namesake",
      len(place("plain", "Cambridge")) == 1 and
      place("plain", "Cambridge")[0]["id"] != place("cam", "CAMBRIDGE")[0]["id"])
check("a big city before a country it is not in keeps its name",
      "country:US" in tags("atl") and len(place("atl", "Atlanta")) == 1)
sys.exit(fail)
PY
