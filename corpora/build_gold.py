#!/usr/bin/env python3
"""Build the gold files of corpora/ from the hand-annotated sources in ann/.

Annotators write each article once, as text with inline marks, in
ann/<lang>/<name>.ann; this script turns those into the article text
(<lang>/<name>.txt) and one record per article in gold-<lang>.jsonl, with the
offsets computed here rather than counted by hand.

Source format (UTF-8):

    #: tags country:RU country:US      header lines come first, each "#: key value"
    #: frozen                          the .txt is authoritative: check, never write it
    #: final-newline no                the text has no final newline
    {{boilerplate}}All Sections        a zone starts here and runs to the next zone mark
    {{title}}[[Russia|PLACE|country:RU]]'s [[Roscosmos|ORG|org:roscosmos]] ...
    [[29 July 2025|DATE]]              no id: DATE, TIME, MONEY, PERCENT, QUANTITY

Removing the marks gives the text exactly. An entity gets the zone it starts in.

    python3 corpora/build_gold.py           write <lang>/*.txt (unless frozen) and gold-*.jsonl
    python3 corpora/build_gold.py --check   exit 1 if any written file would change

Warnings name places where an annotated surface occurs again, as a whole word,
without a mark: usually a missed mention, sometimes a deliberate choice.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LANGS = ("en", "uk", "ru")
TYPES = {"PERSON", "ORG", "PLACE", "NORP", "DATE", "TIME", "MONEY", "PERCENT",
         "QUANTITY", "EVENT", "PRODUCT", "FACILITY"}
VALUE_TYPES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
ZONES = {"title", "lead", "body", "boilerplate"}
MARK = re.compile(r"\[\[(.*?)\]\]|\{\{(.*?)\}\}", re.S)


class AnnError(Exception):
    pass


def parse_ann(path):
    """Return (headers, text, entities, zones) for one .ann file."""
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    headers = {}
    n = 0
    while n < len(lines) and lines[n].startswith("#:"):
        key, _, value = lines[n][2:].strip().partition(" ")
        headers[key] = value.strip()
        n += 1
    src = "\n".join(lines[n:])
    if headers.get("final-newline") == "no":
        if not src.endswith("\n"):
            raise AnnError(f"{path}: 'final-newline no' but the file does not end with a newline")
        src = src[:-1]

    parts, entities, zones = [], [], []
    pos = 0  # code points of text emitted so far
    last = 0

    def where(offset):
        line = len(lines[:n]) + src.count("\n", 0, offset) + 1
        return f"{path}:{line}"

    def emit(chunk, at):
        for stray in ("[[", "]]", "{{", "}}"):
            if stray in chunk:
                raise AnnError(f"{where(at + chunk.index(stray))}: stray '{stray}'")
        parts.append(chunk)
        return len(chunk)

    for m in MARK.finditer(src):
        pos += emit(src[last:m.start()], last)
        last = m.end()
        if m.group(1) is not None:
            fields = m.group(1).split("|")
            if len(fields) not in (2, 3):
                raise AnnError(f"{where(m.start())}: expected [[text|TYPE|id]] or [[text|TYPE]]")
            surface, etype = fields[0], fields[1]
            eid = fields[2] if len(fields) == 3 else None
            if not surface or surface != surface.strip():
                raise AnnError(f"{where(m.start())}: empty or space-padded span {surface!r}")
            if etype not in TYPES:
                raise AnnError(f"{where(m.start())}: unknown type {etype!r}")
            if (etype in VALUE_TYPES) != (eid is None):
                raise AnnError(f"{where(m.start())}: {etype} {'takes no' if etype in VALUE_TYPES else 'needs an'} id")
            entities.append({"start": pos, "end": pos + len(surface), "type": etype,
                             "text": surface, "id": eid})
            pos += emit(surface, m.start())
        else:
            zone = m.group(2)
            if zone not in ZONES:
                raise AnnError(f"{where(m.start())}: unknown zone {zone!r}")
            if zones and zones[-1]["start"] == pos:
                raise AnnError(f"{where(m.start())}: empty zone")
            if zones:
                zones[-1]["end"] = pos
            zones.append({"start": pos, "end": None, "zone": zone})
    pos += emit(src[last:], last)
    text = "".join(parts)
    if not zones or zones[0]["start"] != 0:
        raise AnnError(f"{path}: the text must begin with a zone mark")
    zones[-1]["end"] = len(text)
    for e in entities:
        e["zone"] = next(z["zone"] for z in zones if z["start"] <= e["start"] < z["end"])
    return headers, text, entities, zones


def lint(path, text, entities):
    """Warn about whole-word repeats of an annotated surface that carry no mark."""
    covered = [(e["start"], e["end"]) for e in entities]
    seen = set()
    warnings = []
    for e in entities:
        s = e["text"]
        if s in seen or e["type"] in VALUE_TYPES:
            continue
        seen.add(s)
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
            if not any(a <= m.start() and m.end() <= b for a, b in covered):
                line = text.count("\n", 0, m.start()) + 1
                warnings.append(f"{path}: text line {line}: unmarked {s!r}")
    return warnings


def build():
    """Return ({path: content}, warnings) for everything this script writes."""
    out, warnings = {}, []
    for lang in LANGS:
        records = []
        for ann in sorted((ROOT / "ann" / lang).glob("*.ann")):
            headers, text, entities, zones = parse_ann(ann)
            warnings += lint(ann.relative_to(ROOT), text, entities)
            txt = ROOT / lang / (ann.stem + ".txt")
            if "frozen" in headers:
                if not txt.exists() or txt.read_text(encoding="utf-8") != text:
                    raise AnnError(f"{ann}: marks removed, the text differs from frozen {txt}")
            else:
                out[txt] = text
            records.append({
                "id": f"{lang}/{ann.stem}",
                "lang": lang,
                "text": text,
                "tags": headers.get("tags", "").split(),
                "entities": entities,
                "zones": zones,
            })
        out[ROOT / f"gold-{lang}.jsonl"] = "".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return out, warnings


def main(argv):
    check = "--check" in argv[1:]
    try:
        out, warnings = build()
    except AnnError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    stale = []
    for path, content in out.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            continue
        if check:
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            # newline="" keeps "\n" as written on every platform
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(content)
            print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"stale: {path.relative_to(ROOT)} (run build_gold.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
