#!/usr/bin/env python3
"""Measure the gazetteers: their size, and how much of real annotated news they find alone.

    python3 tools/gazetteer_stats.py [--model DIR]
    python3 tools/gazetteer_stats.py --eval TAGGER [--model DIR] [--eval-dir DIR] [--misses N]

Without --eval: entities per file, type and subtype, and aliases per type and language
(with how many are case-sensitive `=` and inflecting `~`), read from DIR/gazetteers/*.tsv.

With --eval: the share of gold PER/LOC/ORG mentions of the development sets in
../shared/eval (see SOURCES.md there) that the gazetteers alone find. The tagger runs on
a copy of the model without rules/*.rules (topics.tsv kept), so every entity comes from a
gazetteer. A gold mention counts as found
  - exact:   an entity with the same start, end and type family (PER, ORG, LOC);
  - overlap: an entity of the same type family that shares at least one character.
Precision is exact-span precision of those gazetteer entities against the gold mentions
(PER/ORG/LOC only; NORP, products and events are not counted either way).
--misses N prints the N most frequent missed mention texts per set (to find quick wins).
Python 3 standard library only.
"""
import argparse
import collections
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ("en", "uk", "ru")
# type families of the gold sets and of the tagger (as in ../shared/eval/score/tagjsonl.py)
FAMILY = {"PERSON": "PER", "PERS": "PER", "PER": "PER", "ORG": "ORG",
          "PLACE": "LOC", "LOC": "LOC", "GPE": "LOC", "FACILITY": "LOC"}


def read_gazetteer(path):
    """(header, rows) of one gazetteer file; rows are dicts by column name."""
    header, rows = None, []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
            else:
                rows.append(dict(zip(header, cells)))
    return header or [], rows


def alias_columns(header):
    # as the loader reads them: the fixed columns first, then 2-3 letter language codes
    fixed = {"id", "type", "subtype", "name", "topics", "note"}
    return [c for c in header if c not in fixed and 2 <= len(c) <= 3 and c.isalpha() and c.islower()]


def split_aliases(cell):
    return [] if cell in ("", "-") else cell.split("|")


def stats(model):
    files = sorted(glob.glob(os.path.join(model, "gazetteers", "*.tsv")))
    by_file = collections.Counter()
    by_type = collections.Counter()
    by_subtype = collections.Counter()
    aliases = collections.defaultdict(collections.Counter)   # type -> lang -> n
    flags = collections.defaultdict(collections.Counter)     # lang -> '=' / '~' -> n
    with_lang = collections.defaultdict(collections.Counter)  # type -> lang -> entities
    for path in files:
        header, rows = read_gazetteer(path)
        langs = alias_columns(header)
        for r in rows:
            name = os.path.basename(path)
            by_file[name] += 1
            by_type[r["type"]] += 1
            by_subtype[(r["type"], r["subtype"])] += 1
            for l in langs:
                al = split_aliases(r.get(l, ""))
                aliases[r["type"]][l] += len(al)
                if al:
                    with_lang[r["type"]][l] += 1
                for a in al:
                    flags[l]["="] += a.startswith("=")
                    flags[l]["~"] += a.endswith("~")
    langs = sorted({l for t in aliases for l in aliases[t]}, key=lambda l: (l not in LANGS, LANGS.index(l) if l in LANGS else 0, l))
    print("entities per file")
    for f, n in sorted(by_file.items()):
        print("  %-32s %7d" % (f, n))
    print("  %-32s %7d" % ("total", sum(by_file.values())))
    print("\nentities and aliases per type (entities with an alias in that language / aliases)")
    print("  %-10s %8s" % ("type", "entities") + "".join("  %17s" % l for l in langs) + "  %9s" % "aliases")
    for t in sorted(by_type):
        cells = "".join("  %7d / %7d" % (with_lang[t][l], aliases[t][l]) for l in langs)
        print("  %-10s %8d%s  %9d" % (t, by_type[t], cells, sum(aliases[t].values())))
    tot = collections.Counter()
    for t in aliases:
        tot.update(aliases[t])
    print("  %-10s %8d" % ("total", sum(by_type.values())) +
          "".join("  %17d" % tot[l] for l in langs) + "  %9d" % sum(tot.values()))
    print("\nalias flags per language: case-sensitive (=) / inflecting (~)")
    for l in langs:
        print("  %-3s %7d / %7d" % (l, flags[l]["="], flags[l]["~"]))
    print("\nentities per subtype")
    for (t, s), n in sorted(by_subtype.items(), key=lambda x: (-x[1], x[0])):
        print("  %-10s %-22s %7d" % (t, s, n))


# ---------------------------------------------------------------- evaluation

def rule_free_model(model, into):
    """A copy of the model without rules/*.rules: gazetteers only."""
    shutil.copytree(os.path.join(model, "gazetteers"), os.path.join(into, "gazetteers"))
    os.makedirs(os.path.join(into, "rules"))
    for f in os.listdir(os.path.join(model, "rules")):
        if not f.endswith(".rules"):
            shutil.copy(os.path.join(model, "rules", f), os.path.join(into, "rules", f))
    return into


def eval_sets(eval_dir):
    """(name, lang, records) of the development sets, one per language part."""
    def read(name):
        with open(os.path.join(eval_dir, name), encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]
    slav = read("slavicner-uk-ru-dev.jsonl")
    return [("conll2003-valid", "en", read("conll2003-valid.jsonl")),
            ("ner-uk-dev", "uk", read("ner-uk-dev.jsonl")),
            ("slavicner-uk", "uk", [r for r in slav if r.get("lang") == "uk"]),
            ("factrueval-dev", "ru", read("factrueval-dev.jsonl")),
            ("slavicner-ru", "ru", [r for r in slav if r.get("lang") == "ru"])]


def run_tagger(tagger, model, lang, records):
    data = "".join(json.dumps({"id": r["id"], "text": r["text"], "lang": lang}, ensure_ascii=False) + "\n"
                   for r in records).encode()
    p = subprocess.run([tagger, "--model", model, "--jsonl"], input=data, capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit("tagger failed: " + p.stderr.decode(errors="replace")[-500:])
    out = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    if len(out) != len(records):
        sys.exit("%d records in, %d out" % (len(records), len(out)))
    return out


def evaluate(tagger, model, eval_dir, misses):
    tmp = tempfile.mkdtemp(prefix="gazstats-")
    try:
        m = rule_free_model(model, os.path.join(tmp, "model"))
        print("%-16s %-4s %6s  %-22s %-22s %-22s %-22s %s" % (
            "set", "fam", "gold", "exact recall", "overlap recall", "exact precision", "", ""))
        for name, lang, recs in eval_sets(eval_dir):
            out = run_tagger(tagger, m, lang, recs)
            c = {f: collections.Counter() for f in ("PER", "ORG", "LOC", "all")}
            missed = collections.Counter()
            for g, o in zip(recs, out):
                gold = [(e["start"], e["end"], FAMILY[e["type"]]) for e in g["entities"]
                        if e["type"] in FAMILY]
                pred = [(e["start"], e["end"], FAMILY[e["type"]]) for e in o.get("entities", [])
                        if e["type"] in FAMILY and e.get("source", "gazetteer") == "gazetteer"]
                pset = set(pred)
                gset = set(gold)
                for s, e, f in gold:
                    ex = (s, e, f) in pset
                    ov = ex or any(pf == f and ps < e and s < pe for ps, pe, pf in pred)
                    for k in (f, "all"):
                        c[k]["gold"] += 1
                        c[k]["exact"] += ex
                        c[k]["overlap"] += ov
                    if not ov:
                        missed[(g["text"][s:e], f)] += 1
                for p in pset:
                    for k in (p[2], "all"):
                        c[k]["pred"] += 1
                        c[k]["tp"] += p in gset
            for f in ("PER", "ORG", "LOC", "all"):
                x = c[f]
                g = x["gold"] or 1
                print("%-16s %-4s %6d  %5.1f%% (%5d)         %5.1f%% (%5d)         %5.1f%% (%5d/%5d)" % (
                    name, f, x["gold"], 100.0 * x["exact"] / g, x["exact"],
                    100.0 * x["overlap"] / g, x["overlap"],
                    100.0 * x["tp"] / (x["pred"] or 1), x["tp"], x["pred"]))
            if misses:
                print("  most frequent misses (no overlapping entity of the family):")
                print("  " + "; ".join("%s/%s x%d" % (t.replace("\n", " "), f, n)
                                       for (t, f), n in missed.most_common(misses)))
    finally:
        shutil.rmtree(tmp)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=ROOT, help="model directory (default: the repo)")
    ap.add_argument("--eval", metavar="TAGGER", help="measure gazetteer-only recall with this tagger program")
    ap.add_argument("--eval-dir", default=os.path.join(os.path.dirname(ROOT), "shared", "eval"))
    ap.add_argument("--misses", type=int, default=0)
    a = ap.parse_args()
    if a.eval:
        if not os.path.isdir(a.eval_dir):
            sys.exit("no evaluation data at %s" % a.eval_dir)
        evaluate(a.eval, a.model, a.eval_dir, a.misses)
    else:
        stats(a.model)


if __name__ == "__main__":
    main()
