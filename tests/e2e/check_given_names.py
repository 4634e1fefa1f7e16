#!/usr/bin/env python3
"""The given-name lists of rules/given_names.rules, as tools/gen_given_names.py wrote
them: every hand-written name of tools/data/given-names-en.txt is in one of the English
rules (the list is split among person_en_given_name and its copies), and no word the
generator keeps out (English words, gazetteer places, months, weekdays)
is; every hand-written stem of tools/data/given-stems-cyr.txt is in the Cyrillic rules,
every pet name of tools/data/given-diminutives-cyr.txt in the lone-name rule (and in the
two-word rule unless a form of it is a word), and the lone-name rule refuses the common
words among its forms at a sentence's start.

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
# The English list is split among person_en_given_name and its copies (_2 ...): one
# block of names each, by initial.
alternations = ["".join(l[len("pattern "):] for l in block.split(END + "\n", 1)[0].splitlines()
                        if l.startswith("pattern "))
                for block in text.split(BEGIN + "\n")[1:]]
parts = [re.compile(a + r"\Z") for a in alternations]


def listed(n):
    return sum(1 for p in parts if p.match(n))


hand = [l.strip() for l in open(repo + "/tools/data/given-names-en.txt", encoding="utf-8")
        if l.strip() and not l.startswith("#")]
errors = [] if len(parts) >= 2 else ["the English list is in %d rule(s), not split" % len(parts)]
errors += ["hand-written name %r is in %d rules" % (n, listed(n)) for n in hand if listed(n) != 1]
errors += ["%r is in the rule" % w for w in KEPT_OUT if w not in hand and listed(w)]
# a name matches as a whole word only: no prefix of a name is taken for it
errors += ["%r matches" % p for p in ("Alexan", "Natash", "Chri") if listed(p)]
# each list is an atomic group (the generator's pattern_lines): it must give each name
# when whitespace follows, also when a shorter name begins it (Alex, Alexander), as the
# rule's \h+ after it wants; a wrong order would commit to the shorter one
errors += ["an English list is not an atomic group" for a in alternations
           if not a.startswith("(?>")]
wholes = [re.compile(a + r"(?=\s)") for a in alternations]
errors += ["%r is not taken whole before a space" % n for n in hand + ["Alexander", "Abdullah"]
           if not any(w.match(n + " ") and w.match(n + " ").group(0) == n for w in wholes)]
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
    # PCRE's named groups, (?<stem>...), in Python's spelling
    return [re.sub(r"\(\?<(\w+)>", r"(?P<\1>", l[len("pattern "):])
            for l in body.splitlines() if l.startswith("pattern ")]


cyr = between(CYR_BEGIN, CYR_END)
lone = between(LONE_BEGIN, LONE_END)
# the lone-name rule's lines: two lookbehinds, a lookahead of the word forms it refuses at
# a sentence's start ("(?(1)|(?!" ... "(?![\p{L}...])))"), the stems with their endings
# (as the two-word rule's block is), then a lookahead that starts "(?!["
refuse_start = next((i for i, l in enumerate(lone) if l == "(?(1)|(?!"), None)
refuse_end = next((i for i, l in enumerate(lone) if l.endswith(")))") and l.startswith("(?![")),
                  None)
if refuse_start is None or refuse_end is None:
    errors.append("the lone-name rule has no lookahead of word forms")
    refuse_start = refuse_end = 1
stems_end = next((i for i in range(refuse_end + 1, len(lone)) if lone[i].startswith("(?![")),
                 refuse_end + 1)
lone_stems = lone[refuse_end + 1:stems_end]
hand_stems = [l.strip() for l in open(repo + "/tools/data/given-stems-cyr.txt", encoding="utf-8")
              if l.strip() and not l.startswith("#")]
pets = [l.strip() for l in open(repo + "/tools/data/given-diminutives-cyr.txt", encoding="utf-8")
        if l.strip() and not l.startswith("#")]
if cyr and lone_stems:
    two_word = re.compile("".join(cyr) + r"\Z")  # a stem and its case ending
    alone = re.compile("".join(lone_stems) + r"\Z")
    errors += ["hand-written stem %r is not in the Cyrillic rule" % w for w in hand_stems
               if not two_word.match(w.replace("'", "’"))]
    errors += ["Cyrillic stem %r is a word's" % w for w in ("Вер", "Надежд", "Любов", "Лев")
               if two_word.match(w)]
    # faker's rare names whose forms are frequent words (RARE_NAME_WORD_STEMS)
    errors += ["%r is in the two-word rule" % w for w in ("Власти", "Автономія")
               if two_word.match(w)]
    errors += ["faker's stem %r is not in the Cyrillic rule" % w for w in ("Егор", "Алин")
               if not two_word.match(w)]
    # pet names: all in the lone-name rule, in their cases; a stem that wants an ending
    # is no name without one; one whose forms are words ("Соня": сон) is not in the
    # two-word rule ("Коли Петро прийшов" would be a name)
    errors += ["pet name %r is not in the lone-name rule" % w for w in pets + ["Толі", "Сашкові"]
               if not alone.match(w)]
    errors += ["%r is a pet name alone" % w for w in ("Тан", "Тол", "Сашк") if alone.match(w)]
    errors += ["%r is in the two-word rule" % w for w in ("Соня", "Коли", "Над") if two_word.match(w)]
    errors += ["%r is not in the two-word rule" % w for w in ("Сашко", "Славік") if not two_word.match(w)]
    # what the two-word rule takes, the lone-name rule takes too
    errors += ["%r is in the two-word rule, not in the lone-name rule" % w
               for w in hand_stems + pets if two_word.match(w) and not alone.match(w)]
# the lone-name rule refuses word forms at a sentence's start
if lone and refuse_end > refuse_start + 1:
    refused = re.compile("".join(lone[refuse_start + 1:refuse_end]) + r"\Z")
    errors += ["%r is not refused alone" % w for w in ("Фото", "Марка", "Тихоня", "Сон")
               if not refused.match(w)]
    errors += ["%r is refused alone" % w for w in ("Ігор", "Роман", "Олена", "Соня")
               if refused.match(w)]
if errors:
    sys.exit("FAIL: " + "; ".join(errors[:10]))
print("given names: %d hand-written names in the rule, %d words kept out"
      % (len(hand), len(KEPT_OUT)))
