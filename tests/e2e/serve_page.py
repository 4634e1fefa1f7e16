#!/usr/bin/env python3
"""serve_page.py - the editor's page end to end in headless Chromium.

    serve_page.py TAGGER SOURCE_DIR [CHROMIUM]

Starts `tagger serve` on a free loopback port with tests/data/model-mini, opens the
page in headless Chromium with an article in the link (#text=...&tag=country:RU, which
makes the page tag the text through POST /tag and click that tag), and checks:

- the DOM Chromium ended with: the tags and scores are the service's own answer
  for the same record, every entity of the text is a <mark> holding exactly the
  entity's text (code point offsets, Cyrillic included), the clicked tag is
  selected and its evidence is listed and marked;
- a screenshot: a PNG of the window's size with the evidence highlight, the tag
  score bars and the header drawn in their colours (decoded here with zlib).

Exits 77 (ctest: skipped, not passed) when no Chromium is installed.
"""

import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zlib

TAGGER, SOURCE = sys.argv[1], sys.argv[2]
CHROMIUM = sys.argv[3] if len(sys.argv) > 3 else shutil.which("chromium") or "/usr/bin/chromium"
MODEL = os.path.join(SOURCE, "tests", "data", "model-mini")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=8000", "--window-size=1280,900"]

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def start_server():
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen([TAGGER, "serve", "--model", MODEL, "--port", "0", "--watch", "0",
                             "--web", os.path.join(SOURCE, "web")],
                            stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(400):
        log.seek(0)
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", log.read())
        if m:
            return proc, int(m.group(1))
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    log.seek(0)
    sys.exit("tagger serve did not start: " + log.read())


def chromium(args, url):
    profile = tempfile.mkdtemp(prefix="tagger-chromium-")
    try:
        p = subprocess.run([CHROMIUM, *FLAGS, "--user-data-dir=" + profile, *args, url],
                           capture_output=True, timeout=120, cwd=profile)
        return p
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class Dom(html.parser.HTMLParser):
    """Just enough of the DOM: elements with their attributes, text and depth."""

    def __init__(self):
        super().__init__()
        self.stack, self.elements = [], []

    def handle_starttag(self, tag, attrs):
        e = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(e)
        if tag not in ("input", "meta", "link", "br", "img"):
            self.stack.append(e)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for e in self.stack:
            e["text"] += data

    def find(self, tag=None, cls=None, **attrs):
        out = []
        for e in self.elements:
            classes = e["attrs"].get("class", "") or ""
            if tag and e["tag"] != tag:
                continue
            if cls and cls not in classes.split():
                continue
            if any(e["attrs"].get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(e)
        return out


def api(port, record):
    req = urllib.request.Request("http://127.0.0.1:%d/tag" % port, json.dumps(record).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as r:
        return json.loads(r.read())


def check_page(port, text, title, lang, tag_id):
    link = urllib.parse.urlencode({"text": text, "title": title, "lang": lang, "tag": tag_id})
    url = "http://127.0.0.1:%d/#%s" % (port, link)
    p = chromium(["--dump-dom"], url)
    dom = Dom()
    dom.feed(p.stdout.decode("utf-8", "replace"))
    want = api(port, {"id": "editor", "title": title, "text": text, "lang": lang})
    body = dom.find("body")
    check(body and body[0]["attrs"].get("data-ready") == "1", "page finished (data-ready)")
    buttons = dom.find("button", "tag")
    check([b["attrs"]["data-tag-id"] for b in buttons] == [t["id"] for t in want["tags"]],
          "tags on the page are the service's: %r" % [b["attrs"].get("data-tag-id") for b in buttons])
    for b, t in zip(buttons, want["tags"]):
        check(t["label"] in b["text"] and "%.2f" % t["score"] in b["text"],
              "tag %s shows its label and score (%r)" % (t["id"], b["text"]))
    sel = [b["attrs"]["data-tag-id"] for b in buttons if "selected" in b["attrs"]["class"].split()]
    check(sel == [tag_id], "the clicked tag is selected: %r" % sel)
    marks = dom.find("mark", "ent")
    by_index = {int(m["attrs"]["data-index"]): m for m in marks}
    check(len(marks) == len(want["entities"]) and len(marks) >= 3,
          "%d marks for %d entities" % (len(marks), len(want["entities"])))
    for i, e in enumerate(want["entities"]):
        m = by_index.get(i)
        check(m is not None and m["text"] == e["text"],
              "entity %d %r is highlighted as itself (%r)" % (i, e["text"], m and m["text"]))
    tag = [t for t in want["tags"] if t["id"] == tag_id][0]
    marked = sorted(int(m["attrs"]["data-index"]) for m in marks
                    if "evidence-of" in m["attrs"]["class"].split())
    check(marked == sorted(tag["evidence"]), "evidence marked %r, want %r" % (marked, tag["evidence"]))
    items = dom.find("li", None)
    ev = [li for li in items if "data-index" in li["attrs"]]
    check(len(ev) == len(tag["evidence"]), "evidence list has %d items" % len(ev))
    for li in ev:
        e = want["entities"][int(li["attrs"]["data-index"])]
        check(e["text"] in li["text"] and e["id"] in li["text"], "evidence item %r" % li["text"])
    model = dom.find("span", None, id="model")
    check(model and model[0]["text"] == want["model"], "model version shown in the footer")
    return url


def png_pixels(data):
    """(width, height, rows of RGB tuples) of an 8-bit RGB/RGBA non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, [[tuple(r[x * bpp:x * bpp + 3]) for x in range(w)] for r in rows]


def check_screenshot(url):
    out = tempfile.mkdtemp(prefix="tagger-shot-")
    try:
        path = os.path.join(out, "page.png")
        chromium(["--screenshot=" + path], url)
        check(os.path.exists(path), "screenshot written")
        if not os.path.exists(path):
            return
        data = open(path, "rb").read()
        check(len(data) > 20000, "screenshot is %d bytes" % len(data))
        w, h, px = png_pixels(data)
        check((w, h) == (1280, 900), "screenshot is 1280x900, not %dx%d" % (w, h))

        def count(rgb, tol=8):
            return sum(1 for row in px for p in row
                       if all(abs(p[i] - rgb[i]) <= tol for i in range(3)))

        header = count((0x1D, 0x35, 0x57))
        evidence = count((0xFF, 0xD6, 0x0A))
        bars = count((0xE6, 0x39, 0x46))
        print("screenshot: %d bytes, header %d px, evidence highlight %d px, score bars %d px"
              % (len(data), header, evidence, bars))
        check(header > 1280 * 30, "header drawn (%d px)" % header)
        check(evidence > 500, "evidence highlighted (%d px)" % evidence)
        check(bars > 300, "score bars drawn (%d px)" % bars)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    if not os.access(CHROMIUM, os.X_OK):
        print("no Chromium at %s: skipped" % CHROMIUM)
        return 77
    proc, port = start_server()
    try:
        url = check_page(port, "NASA said Russia and the United States will talk. Putin agreed, "
                         "and Russian officials met NASA in Russia.", "Putin in Russia", "en",
                         "country:RU")
        check_page(port, "Путін заявив, що Росія і США домовилися. У Росії раді.",
                   "Зеленський і Путін", "uk", "country:RU")
        check_screenshot(url)
    finally:
        proc.terminate()
        proc.wait(20)
    check(proc.returncode == 0, "server exit status %r" % proc.returncode)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
