#!/usr/bin/env python3
"""The English given-name list of rules/given_names.rules, as tools/gen_given_names.py
wrote it: every hand-written name of tools/data/given-names-en.txt is in it, and no word
the generator keeps out (English words, gazetteer places, months, weekdays) is.

    check_given_names.py REPO
"""
import re
import sys

repo = sys.argv[1]
BEGIN = "# BEGIN given names: written by tools/gen_given_names.py"
END = "# END given names"
KEPT_OUT = ["Will", "May", "Grace", "Hope", "Jordan", "Georgia", "Paris", "June", "Monday",
            "August", "Bill", "Rose"]

text = open(repo + "/rules/given_names.rules", encoding="utf-8").read()
if BEGIN not in text or END not in text:
    sys.exit("FAIL: rules/given_names.rules has no generated given-name list")
body = text.split(BEGIN + "\n", 1)[1].split(END + "\n", 1)[0]
alternation = "".join(l[len("pattern "):] for l in body.splitlines() if l.startswith("pattern "))
names = re.compile(alternation + r"\Z")
hand = [l.strip() for l in open(repo + "/tools/data/given-names-en.txt", encoding="utf-8")
        if l.strip() and not l.startswith("#")]
errors = ["hand-written name %r is not in the rule" % n for n in hand if not names.match(n)]
errors += ["%r is in the rule" % w for w in KEPT_OUT if w not in hand and names.match(w)]
# a name matches as a whole word only: no prefix of a name is taken for it
errors += ["%r matches" % p for p in ("Alexan", "Natash", "Chri") if names.match(p)]
# the Cyrillic rule's generated stems: none of a name that is also a common word
CYR_BEGIN = "# BEGIN Cyrillic given names: written by tools/gen_given_names.py"
CYR_END = "# END Cyrillic given names"
if CYR_BEGIN not in text or CYR_END not in text:
    errors.append("no generated Cyrillic stems")
else:
    cyr = text.split(CYR_BEGIN + "\n", 1)[1].split(CYR_END + "\n", 1)[0]
    stems = set("".join(l[len("pattern "):] for l in cyr.splitlines()).strip("|").split("|"))
    errors += ["Cyrillic stem %r is a word's" % w for w in ("Вер", "Надежд", "Любов", "Лев")
               if w in stems]
    if len(stems) < 100:
        errors.append("only %d generated Cyrillic stems" % len(stems))
if errors:
    sys.exit("FAIL: " + "; ".join(errors[:10]))
print("given names: %d hand-written names in the rule, %d words kept out"
      % (len(hand), len(KEPT_OUT)))
