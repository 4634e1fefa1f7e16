#!/bin/sh
# End-to-end tests of a town's name that towns of several countries share
# (src/place_sense.h) with the shipped model: the text's other places decide which
# country's town it is; a country the text supports otherwise, or too little evidence
# (more for a big city) keep the gazetteer's prior.
# usage: place_sense.sh TAGGER SOURCE_DIR
set -u
T=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' \
  '{"id":"sd","text":"Officials in Sioux Falls and Rapid City, South Dakota, said a storm hit Aberdeen on Monday."}' \
  '{"id":"scot","text":"The oil firm moved staff from Aberdeen to Stavanger."}' \
  '{"id":"both","text":"Scotland sent help to Sioux Falls and Rapid City, South Dakota, after a storm hit Aberdeen."}' \
  '{"id":"ala","text":"The airline will serve Huntsville and Mobile in Alabama, and Birmingham from May."}' \
  '{"id":"towns","text":"Runners from New York and Boston met in Athens, and New York won again."}' \
  '{"id":"bham","text":"Officials in Huntsville, Alabama, said Birmingham needed help."}' \
  '{"id":"odessa","text":"Officials in Houston, Texas, said Odessa needed help."}' \
  '{"id":"ga","text":"Atlanta, Georgia - The governor of Georgia signed the bill. Voters in Georgia and Alabama went to the polls."}' \
  '{"id":"ge","text":"Georgia passed the foreign agent law; Washington criticised it and the EU warned Georgia."}' \
  '{"id":"eng","lang":"ru","text":"Полиция Англии расследует отравление в Солсбери."}' \
  '{"id":"gaus","text":"Sun Banks in Florida and Trust Co banks in Georgia raised their prime rate."}' \
  '{"id":"gaboth","text":"Russia and Georgia fought a war in 2008, and Texas oil prices rose."}' \
  '{"id":"tokmak","lang":"uk","text":"Уночі вибухи пролунали у Токмаку."}' \
  '{"id":"uman","lang":"ru","text":"Ночью взрывы прогремели в Умани."}' \
  '{"id":"tokmok","lang":"uk","text":"Протести охопили Бішкек, Каракол і Джалал-Абад, потім Токмак."}' |
  "$T" --model "$SRC" --jsonl >"$tmp/out.jsonl" || exit 1
python3 - "$tmp/out.jsonl" "$SRC" <<'PY'
import json, sys, os
out = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1])}
# each entity id's country, from the shipped gazetteers
country = {}
gdir = os.path.join(sys.argv[2], "gazetteers")
for f in os.listdir(gdir):
    if not f.endswith(".tsv"):
        continue
    for line in open(os.path.join(gdir, f), encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) > 4 and ":" in c[0] and c[4].startswith("country:"):
            country[c[0]] = c[4].split("=")[0].split(",")[0]
def where(i, text):
    ids = [e["id"] for e in out[i]["entities"] if e["text"] == text and e["type"] == "PLACE"]
    return country.get(ids[0]) if ids else None
fail = 0
def check(desc, ok):
    global fail
    print(("ok   " if ok else "FAIL ") + desc)
    fail |= not ok
check("Aberdeen among South Dakota's towns is the one in the US", where("sd", "Aberdeen") == "country:US")
check("Aberdeen alone keeps the prior, Scotland's", where("scot", "Aberdeen") == "country:GB")
check("a text that names Scotland too keeps Scotland's", where("both", "Aberdeen") == "country:GB")
check("Birmingham after Alabama's towns is Alabama's", where("ala", "Birmingham") == "country:US")
check("two US cities are not enough to move Athens", where("towns", "Athens") == "country:GR")
check("a region and a town move Birmingham to Alabama", where("bham", "Birmingham") == "country:US")
check("but not a big city: Odessa needs a region and three places", where("odessa", "Odessa") == "country:UA")
ga = [e["id"] for e in out["ga"]["entities"] if e["text"] == "Georgia"]
check("Georgia after Atlanta and a comma, and in that text, is the US state",
      len(ga) == 3 and set(ga) == {"region:US-GA"})
check("Georgia in a text of its own law and Washington is the country", where("ge", "Georgia") == "country:GE")
check("Georgia beside one US state and no other country is the US state",
      where("gaus", "Georgia") == "country:US")
check("but not where another country is named too", where("gaboth", "Georgia") == "country:GE")
check("England, a country within the UK, counts as a region: Солсбери is the English town",
      where("eng", "Солсбери") == "country:GB")
check("a town of Ukraine in Ukrainian text is Ukraine's, not a bigger namesake abroad's",
      where("tokmak", "Токмаку") == "country:UA")
check("a town of Ukraine, Russia or Belarus in Russian text is that town, not one in Mexico",
      where("uman", "Умани") == "country:UA")
check("but the text's other places decide: Токмак after three towns of Kyrgyzstan is Kyrgyzstan's",
      where("tokmok", "Токмак") == "country:KG")
sys.exit(fail)
PY
