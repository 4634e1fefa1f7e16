#!/usr/bin/env python3
"""End-to-end tests of which listed person a name found by a rule is, with the shipped
model (src/resolve.c, absorb_contained): the surname and initials of official texts
("Путин В. В.") are the listed person whose given name the first initial begins, and a
listed person's inflected name ("Камалу Харрис") is that person, not a new id; initials
that open a paragraph are the name's.

usage: person_identity.py TAGGER SOURCE_DIR"""
import json
import subprocess
import sys

TEXTS = {
    "vv": "Указ подписал Путин В. В. в пятницу.",
    "ab": "Указ подписал Путин А. Б. в пятницу.",
    "da": "Медведев Д. А. заявил о росте цен.",
    "kh": "Байден выбрал Камалу Харрис своим напарником.",
    "par": "Визит в Казань.\n\nВ. В. Путин прибыл в Казань.",
}
# (record, the name as written, the id it must have, or None: any id but Putin's)
EXPECT = [
    ("vv", "Путин В. В.", "person:vladimir-putin"),
    ("ab", "Путин А. Б.", None),
    ("da", "Медведев Д. А.", "person:dmitry-medvedev"),
    ("kh", "Камалу Харрис", "person:kamala-harris"),
    # a paragraph's first word: both initials are the name's (person_cyrillic_initials)
    ("par", "В. В. Путин", "person:vladimir-putin"),
]

tagger, source = sys.argv[1], sys.argv[2]
lines = "".join(json.dumps({"id": k, "lang": "ru", "text": t}, ensure_ascii=False) + "\n"
                for k, t in TEXTS.items())
run = subprocess.run([tagger, "--model", source, "--jsonl"], input=lines, text=True,
                     capture_output=True, check=True)
results = {r["id"]: r for r in map(json.loads, run.stdout.splitlines())}
failed = 0
for rec, name, want in EXPECT:
    ids = [e["id"] for e in results[rec]["entities"]
           if e["text"] == name and e["type"] == "PERSON"]
    ok = ids == [want] if want else len(ids) == 1 and ids[0] != "person:vladimir-putin"
    print("ok  " if ok else "FAIL", rec, name, ids)
    failed += not ok
topics = {t["id"] for t in results["da"]["tags"]}
print("ok  " if "country:RU" in topics else "FAIL", "da tagged Russia", sorted(topics))
failed += "country:RU" not in topics
sys.exit(1 if failed else 0)
