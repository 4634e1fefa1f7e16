#!/usr/bin/env python3
"""Write the country adjectives of rule org_ru_government_adjective (rules/names.rules) from the
Russian nationality adjectives of gazetteers/nationalities.tsv.

    gen_government_rule.py [REPO] [--check]

The rule finds "британского правительства", "российского МИДа": a country's adjective
before a government's word. Its stems are the gazetteer's, so a nationality added there
is a government's adjective here once this is run again; --check exits 1 when the rule's
list is not what this would write (the test e2e_government_rule runs it). The stems lead
the rule: PCRE2 is tried only where one starts, not at every word of a line that names a
government. On 450 Cyrillic news, tagging cost 336.1M instructions before the rule, 345.6M
with these stems, 393.4M with any adjective in -ск-/-цк- in their place.
"""
import os
import re
import sys

BEGIN = "# BEGIN country adjectives: written by tools/gen_government_rule.py"
END = "# END country adjectives"
PER_LINE = 8

# A masculine adjective as the gazetteer lists it ("британский~"), its stem before the
# ending: the rule adds the endings of every case ("британского", "британскому").
ADJECTIVE = re.compile(r"^(\w+?(?:ск|цк))(?:ий|ой)~?$")


def stems(repo):
    """The sorted stems of the Russian masculine adjectives of the nationalities."""
    found = set()
    path = os.path.join(repo, "gazetteers", "nationalities.tsv")
    header = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if header is None:
            header = cols
            continue
        ru = cols[header.index("ru")] if len(cols) > header.index("ru") else ""
        for alias in ru.split("|"):
            m = ADJECTIVE.match(alias.strip().lower())
            if m:
                found.add(m.group(1))
    # Longest first: in the atomic group, a stem that begins a longer one comes after it.
    return sorted(found, key=lambda s: (-len(s), s))


def section(repo):
    words = stems(repo)
    lines = [BEGIN]
    for i in range(0, len(words), PER_LINE):
        chunk = "|".join(words[i:i + PER_LINE])
        first, last = i == 0, i + PER_LINE >= len(words)
        lines.append("pattern " + ("(?i:(?>" if first else "|") + chunk + ("))" if last else ""))
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    repo = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    path = os.path.join(repo, "rules", "names.rules")
    text = open(path, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        sys.exit("%s: no '%s' ... '%s' section" % (path, BEGIN, END))
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END + "\n", 1)[1]
    new = head + section(repo) + tail
    if "--check" in sys.argv:
        if new != text:
            sys.exit("FAIL: %s: the country adjectives are not those of "
                     "gazetteers/nationalities.tsv; run tools/gen_government_rule.py" % path)
        print("ok: %d country adjectives" % len(stems(repo)))
        return
    if new != text:
        open(path, "w", encoding="utf-8").write(new)
    print("%s: %d country adjectives" % (path, len(stems(repo))))


if __name__ == "__main__":
    main()
