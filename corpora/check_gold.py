#!/usr/bin/env python3
"""Check the gold files in corpora/ (Python 3 standard library only).

For every gold-<lang>.jsonl:
  - each record has id "<lang>/<name>", lang, text, tags, entities (and zones);
  - the text equals <lang>/<name>.txt byte for byte;
  - each entity lies inside the text, text[start:end] == its "text", has no
    surrounding space, a known type and zone, and an id that fits its type
    (PERSON person:, ORG org:, PLACE country:/city:/region:/place:, NORP norp:,
    FACILITY facility:, PRODUCT product:, EVENT event:; DATE, TIME, MONEY,
    PERCENT and QUANTITY have id null); entities are sorted and do not overlap;
  - zones cover the text end to end, and each entity lies in one zone, the one
    it names.
Across languages, each uk/ and ru/ article matches the en/ article with the same
name: the same tags, and the same set of entity ids outside boilerplate. A
difference in how many DATE/TIME/... values the story zones hold is a warning.
If ann/ and build_gold.py are present, the gold files must also be what
build_gold.py makes from ann/ (no hand edits of generated files).

    python3 corpora/check_gold.py        exit 0 when all is well, 1 otherwise
"""

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LANGS = ("en", "uk", "ru")
PIVOT = "en"
ZONES = {"title", "lead", "body", "boilerplate"}
ID_PREFIXES = {
    "PERSON": ("person:",),
    "ORG": ("org:",),
    "PLACE": ("country:", "city:", "region:", "place:"),
    "NORP": ("norp:",),
    "FACILITY": ("facility:",),
    "PRODUCT": ("product:",),
    "EVENT": ("event:",),
}
VALUE_TYPES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
TYPES = set(ID_PREFIXES) | VALUE_TYPES
FIELDS = ("id", "lang", "text", "tags", "entities")


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"error: {where}: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"warning: {where}: {msg}")


def check_entity(rep, where, text, e, zones):
    keys = ("start", "end", "type", "text", "id", "zone")
    missing = [k for k in keys if k not in e]
    if missing:
        rep.error(where, f"missing {', '.join(missing)}")
        return False
    s, t = e["start"], e["end"]
    if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
        rep.error(where, f"offsets {s}..{t} not inside text of length {len(text)}")
        return False
    ok = True
    if text[s:t] != e["text"]:
        rep.error(where, f"text[{s}:{t}] is {text[s:t]!r}, entity says {e['text']!r}")
        ok = False
    if e["text"] != e["text"].strip():
        rep.error(where, f"span {e['text']!r} has surrounding space")
        ok = False
    if e["type"] not in TYPES:
        rep.error(where, f"unknown type {e['type']!r}")
        ok = False
    elif e["type"] in VALUE_TYPES:
        if e["id"] is not None:
            rep.error(where, f"{e['type']} {e['text']!r} should have id null")
            ok = False
    elif not (isinstance(e["id"], str) and e["id"].startswith(ID_PREFIXES[e["type"]])
              and len(e["id"].split(":", 1)[1]) > 0):
        rep.error(where, f"{e['type']} {e['text']!r} has id {e['id']!r}, "
                         f"expected {' or '.join(ID_PREFIXES[e['type']])}...")
        ok = False
    if e["zone"] not in ZONES:
        rep.error(where, f"unknown zone {e['zone']!r}")
        ok = False
    elif zones:
        inside = [z for z in zones if z["start"] <= s and t <= z["end"]]
        if not inside:
            rep.error(where, f"{e['text']!r} crosses a zone boundary")
            ok = False
        elif inside[0]["zone"] != e["zone"]:
            rep.error(where, f"{e['text']!r} is marked {e['zone']} but lies in {inside[0]['zone']}")
            ok = False
    return ok


def check_zones(rep, where, text, zones):
    pos = 0
    for z in zones:
        if z.get("zone") not in ZONES:
            rep.error(where, f"zones: unknown zone {z.get('zone')!r}")
            return False
        if z.get("start") != pos or not isinstance(z.get("end"), int) or z["end"] <= pos:
            rep.error(where, f"zones: {z} does not continue from {pos}")
            return False
        pos = z["end"]
    if pos != len(text):
        rep.error(where, f"zones end at {pos}, text has length {len(text)}")
        return False
    return True


def check_file(rep, lang, path):
    """Check one gold file; return {name: record} for the cross-language check."""
    articles = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            where = f"{path.name}:{lineno}"
            try:
                r = json.loads(line)
            except json.JSONDecodeError as err:
                rep.error(where, f"bad JSON: {err}")
                continue
            missing = [k for k in FIELDS if k not in r]
            if missing:
                rep.error(where, f"missing {', '.join(missing)}")
                continue
            where = f"{path.name}:{lineno} ({r['id']})"
            prefix, _, name = r["id"].partition("/")
            if prefix != lang or r["lang"] != lang or not name:
                rep.error(where, f"id and lang must be '{lang}/<name>' and '{lang}'")
                continue
            if name in articles:
                rep.error(where, "duplicate id")
            text = r["text"]
            txt = ROOT / lang / f"{name}.txt"
            if not txt.exists():
                rep.error(where, f"no {txt.relative_to(ROOT)}")
            elif txt.read_bytes() != text.encode("utf-8"):
                rep.error(where, f"text differs from {txt.relative_to(ROOT)}")
            tags = r["tags"]
            if (not isinstance(tags, list) or len(set(tags)) != len(tags)
                    or not all(isinstance(t, str) and ":" in t for t in tags)):
                rep.error(where, f"tags must be a list of distinct ids: {tags!r}")
            zones = r.get("zones")
            if zones is not None and not check_zones(rep, where, text, zones):
                zones = None
            good = []
            for i, e in enumerate(r["entities"]):
                if check_entity(rep, f"{where} entity {i}", text, e, zones):
                    good.append(e)
            for a, b in zip(good, good[1:]):
                if b["start"] < a["end"]:
                    rep.error(where, f"entities overlap or are unsorted: "
                                     f"{a['text']!r}@{a['start']} and {b['text']!r}@{b['start']}")
            articles[name] = r
    return articles


def story(r):
    return [e for e in r["entities"] if e["zone"] != "boilerplate"]


def check_parity(rep, by_lang):
    pivot = by_lang.get(PIVOT, {})
    for lang, articles in by_lang.items():
        if lang == PIVOT:
            continue
        for name in sorted(set(pivot) | set(articles)):
            where = f"{lang}/{name} vs {PIVOT}/{name}"
            if name not in articles or name not in pivot:
                rep.error(where, f"article missing in {lang if name not in articles else PIVOT}")
                continue
            a, b = pivot[name], articles[name]
            if set(a["tags"]) != set(b["tags"]):
                rep.error(where, f"tags differ: {sorted(a['tags'])} vs {sorted(b['tags'])}")
            ia = {e["id"] for e in story(a) if e["id"] is not None}
            ib = {e["id"] for e in story(b) if e["id"] is not None}
            if ia != ib:
                rep.error(where, f"story entity ids differ: only in {PIVOT}: {sorted(ia - ib)}; "
                                 f"only in {lang}: {sorted(ib - ia)}")
            va = Counter(e["type"] for e in story(a) if e["type"] in VALUE_TYPES)
            vb = Counter(e["type"] for e in story(b) if e["type"] in VALUE_TYPES)
            if va != vb:
                rep.warn(where, f"story value counts differ: {dict(va)} vs {dict(vb)}")


def check_generated(rep):
    """The gold files must be exactly what build_gold.py makes from ann/."""
    if not (ROOT / "ann").is_dir() or not (ROOT / "build_gold.py").exists():
        return
    sys.path.insert(0, str(ROOT))
    sys.dont_write_bytecode = True  # leave no __pycache__ in the corpus
    try:
        import build_gold
        out, _ = build_gold.build()
    except Exception as err:  # report any failure of the builder as a check failure
        rep.error("build_gold.py", str(err))
        return
    finally:
        sys.path.pop(0)
    for path, content in out.items():
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            rep.error(str(path.relative_to(ROOT)), "differs from what build_gold.py makes from ann/")


def main():
    rep = Report()
    by_lang = {}
    for lang in LANGS:
        path = ROOT / f"gold-{lang}.jsonl"
        if not path.exists():
            rep.error(path.name, "missing")
            continue
        by_lang[lang] = check_file(rep, lang, path)
    check_parity(rep, by_lang)
    check_generated(rep)
    for lang, articles in by_lang.items():
        types = Counter(e["type"] for r in articles.values() for e in r["entities"])
        print(f"gold-{lang}.jsonl: {len(articles)} articles, {sum(types.values())} entities "
              + " ".join(f"{t}={n}" for t, n in sorted(types.items())))
    print(f"{rep.errors} errors, {rep.warnings} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
