#!/usr/bin/env python3
"""The given-name lists of rules/given_names.rules, as tools/gen_given_names.py wrote
them: every hand-written name of tools/data/given-names-en.txt is in the English rule,
and no word the generator keeps out (English words, gazetteer places, months, weekdays)
is; every hand-written stem of tools/data/given-stems-cyr.txt is in the Cyrillic rules,
and the lone-name rule refuses the common words among its forms at a sentence's start.

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
# the list is an atomic group (the generator's pattern_lines): it must give each name
# when whitespace follows, also when a shorter name begins it (Alex, Alexander), as the
# rule's \h+ after it wants; a wrong order would commit to the shorter one
if not alternation.startswith("(?>"):
    errors.append("the English list is not an atomic group")
whole = re.compile(alternation + r"(?=\s)")
errors += ["%r is not taken whole before a space" % n for n in hand + ["Alexander", "Abdullah"]
           if not (whole.match(n + " ") and whole.match(n + " ").group(0) == n)]
# the Cyrillic rules' stems, as the generator wrote them: every hand-written stem, and
# none of a name that is also a common word
CYR_BEGIN = "# BEGIN Cyrillic given names: written by tools/gen_given_names.py"
CYR_END = "# END Cyrillic given names"
LONE_BEGIN = "# BEGIN Cyrillic lone given names: written by tools/gen_given_names.py"
LONE_END = "# END Cyrillic lone given names"


def between(begin, end):
    if begin not in text or end not in text:
        errors.append("no %r ... %r markers" % (begin, end))
        return []
    body = text.split(begin + "\n", 1)[1].split(end + "\n", 1)[0]
    return [l[len("pattern "):] for l in body.splitlines() if l.startswith("pattern ")]


cyr = between(CYR_BEGIN, CYR_END)
if cyr:
    stems = re.compile("".join(cyr[:cyr.index(")") + 1]) + r"\Z")
    hand_stems = [l.strip() for l in open(repo + "/tools/data/given-stems-cyr.txt", encoding="utf-8")
                  if l.strip() and not l.startswith("#")]
    errors += ["hand-written stem %r is not in the Cyrillic rule" % w for w in hand_stems
               if not stems.match(w.replace("'", "’"))]
    errors += ["Cyrillic stem %r is a word's" % w for w in ("Вер", "Надежд", "Любов", "Лев")
               if stems.match(w)]
    errors += ["faker's stem %r is not in the Cyrillic rule" % w for w in ("Егор", "Алин")
               if not stems.match(w)]
# the lone-name rule: the same stems; word forms it refuses at a sentence's start
lone = between(LONE_BEGIN, LONE_END)
if cyr and lone:
    if "".join(cyr[:cyr.index(")") + 1]) not in "".join(lone):
        errors.append("the lone-name rule's stems differ from the two-word rule's")
    joined = "".join(lone)
    refused = set(joined.split("(?(1)|(?<!", 1)[-1].rstrip(")").split("|"))
    if "(?(1)|(?<!" not in joined or len(refused) < 100:
        errors.append("the lone-name rule refuses %d word forms" % len(refused))
    errors += ["%r is not refused alone" % w for w in ("Фото", "Марка", "Власти") if w not in refused]
    errors += ["%r is refused alone" % w for w in ("Ігор", "Роман", "Олена") if w in refused]
if errors:
    sys.exit("FAIL: " + "; ".join(errors[:10]))
print("given names: %d hand-written names in the rule, %d words kept out"
      % (len(hand), len(KEPT_OUT)))
