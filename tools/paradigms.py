"""The forms the tagger matches for an inflecting (~) alias word, for the generators.

The paradigm table lives in one place, src/inflect.c (PARADIGMS); this module reads
it from there rather than keeping a copy, and chooses a word's class as
tg_inflect_classify does: among the classes of the alias's language whose
nominative ending the word has, the longest ending wins (the first in the table
among equals), provided the stem left over is long enough, ends as the class
requires, and ends in a consonant where the class says so. tests/e2e/check_paradigms.py
compares the two on tests/data/inflect.cases.
"""

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "src", "inflect.c")

# What src/inflect.c's consonant_end counts as not a consonant.
NOT_CONSONANT = set("аеиіїоуюяєыэьйё")
CYRILLIC_LOWER = (0x0430, 0x045F)


def _strings(body):
    return re.findall(r'"((?:[^"\\]|\\.)*)"', body)


def load(path=SOURCE):
    """The classes of src/inflect.c in table order: dicts of lang, name, nominative,
    stem_ends (empty: any stem), min_stem, endings, vowel_stem (may the stem end in
    a vowel: not for the consonant classes and -а)."""
    src = open(path, encoding="utf-8").read()
    src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
    macros = dict(re.findall(r"#define\s+(\w+)\s+(\{[^}\n]*\})", src))
    body = re.search(r"PARADIGMS\[\]\s*=\s*\{(.*?)\n\};", src, re.S)
    if not body:
        raise ValueError("%s: no PARADIGMS table" % path)
    text = body.group(1)
    for name, value in macros.items():
        text = re.sub(r"\b%s\b" % name, value, text)
    entry = re.compile(r'\{\s*"(\w+)",\s*"([^"]*)",\s*"([^"]*)",\s*\{([^}]*)\},\s*(\d+),'
                       r'\s*\{([^}]*)\}\s*\}')
    classes = []
    for lang, name, nom, ends, min_stem, endings in entry.findall(text):
        classes.append({"lang": lang, "name": name, "nominative": nom,
                        "stem_ends": _strings(ends), "min_stem": int(min_stem),
                        "endings": _strings(endings)})
    if not classes:
        raise ValueError("%s: could not read PARADIGMS" % path)
    consonant_noms = set(re.findall(r'CONSONANT_STEM_NOMINATIVES\[\]\s*=\s*\{([^}]*)\}', src))
    extra = set(_strings(" ".join(consonant_noms)))
    for c in classes:
        c["vowel_stem"] = c["nominative"] != "" and c["nominative"] not in extra
    return classes


def fold(word):
    return word.lower().replace("ё", "е").replace("ґ", "г")


def _consonant_end(stem):
    if not stem:
        return False
    c = stem[-1]
    return CYRILLIC_LOWER[0] <= ord(c) <= CYRILLIC_LOWER[1] and c not in NOT_CONSONANT


def classify(classes, lang, word):
    """The class tg_inflect_classify gives the folded word in lang, and its stem; or
    (None, None)."""
    best, best_len, stem = None, -1, None
    for c in classes:
        nom = c["nominative"]
        if c["lang"] != lang or not word.endswith(nom) or (best and len(nom) <= best_len):
            continue
        s = word[:len(word) - len(nom)]
        if len(s) < c["min_stem"]:
            continue
        if not c["vowel_stem"] and not _consonant_end(s):
            continue
        if c["stem_ends"] and not any(s.endswith(e) for e in c["stem_ends"]):
            continue
        best, best_len, stem = c, len(nom), s
    return best, stem


def forms(classes, lang, word):
    """Every folded form an alias word of lang matches: itself, and when it inflects,
    its stem with each ending of its class."""
    w = fold(word)
    c, stem = classify(classes, lang, w)
    if not c:
        return {w}
    return {w} | {stem + e for e in c["endings"]}
