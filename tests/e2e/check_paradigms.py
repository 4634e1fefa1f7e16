#!/usr/bin/env python3
"""tools/paradigms.py (the generators' reading of src/inflect.c) against the cases
that pin the C classes, tests/data/inflect.cases: the same class for every word, and
every form the C matcher must match among the Python forms, none it must refuse.

    python3 check_paradigms.py ROOT"""
import os
import sys

root = sys.argv[1]
sys.path.insert(0, os.path.join(root, "tools"))
import paradigms  # noqa: E402

classes = paradigms.load(os.path.join(root, "src", "inflect.c"))
bad = checked = 0
with open(os.path.join(root, "tests", "data", "inflect.cases"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        lang, word, want = cols[0], cols[1], cols[2]
        c, _ = paradigms.classify(classes, lang, paradigms.fold(word))
        got = c["name"] if c else "none"
        forms = paradigms.forms(classes, lang, word)
        must = [paradigms.fold(w) for w in cols[3].split()] if len(cols) > 3 else []
        must_not = [paradigms.fold(w) for w in cols[4].split() if w != "-"] if len(cols) > 4 else []
        missing = [w for w in must if w not in forms]
        extra = [w for w in must_not if w in forms]
        checked += 1
        if got != want or missing or extra:
            bad += 1
            print("inflect.cases:%d: %s %s: class %s (C: %s), missing %s, refused but made %s"
                  % (n, lang, word, got, want, missing, extra))
print("check_paradigms: %d words, %d differ" % (checked, bad))
sys.exit(1 if bad or checked < 50 else 0)
