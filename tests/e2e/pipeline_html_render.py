#!/usr/bin/env python3
"""The HTML page renders: headless Chromium draws the tags and the highlights.

usage: pipeline_html_render.py TAGGER MODEL_DIR ARTICLE

Renders ARTICLE with --format html, screenshots the page with Debian's chromium
(headless, no network, a throw-away profile) and reads the PNG back (zlib and the
PNG filters, stdlib only). The picture must be a real page: many colours, the blue
of the tag pills, and the background colours of at least three entity types, each
over a good number of pixels, which is only true if the marks and the stylesheet
were laid out. Exits 77 (ctest: skipped) when chromium is not installed.
"""
import os, shutil, struct, subprocess, sys, tempfile, zlib

TAGGER, MODEL, ARTICLE = sys.argv[1:4]
TAG_BLUE = (0x1a, 0x4d, 0x8f)
TYPE_COLOURS = {'PERSON': (0xff, 0xd8, 0xa8), 'ORG': (0xa5, 0xd8, 0xff), 'PLACE': (0xb2, 0xf2, 0xbb),
                'NORP': (0xd0, 0xbf, 0xff), 'DATE': (0xe9, 0xec, 0xef)}


def read_png(path):
    """Width, height and rows of (r, g, b) tuples of an 8-bit RGB or RGBA PNG."""
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            assert depth == 8 and ctype in (2, 6), f'unexpected PNG type {depth}/{ctype}'
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


def main():
    chromium = shutil.which('chromium') or shutil.which('chromium-browser')
    if not chromium:
        print('skip: chromium is not installed (apt-get install chromium); '
              'open the page from `tagger --format html` in a browser to check it by hand')
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, 'page.html')
        with open(page, 'wb') as f:
            f.write(subprocess.run([TAGGER, '--model', MODEL, '--format', 'html', ARTICLE],
                                   capture_output=True, check=True).stdout)
        shot = os.path.join(tmp, 'page.png')
        profile = os.path.join(tmp, 'profile')
        p = subprocess.run([chromium, '--headless', '--no-sandbox', '--disable-gpu',
                            '--disable-background-networking', '--disable-component-update',
                            '--disable-sync', '--no-first-run', '--hide-scrollbars',
                            f'--user-data-dir={profile}', '--window-size=1000,1400',
                            f'--screenshot={shot}', 'file://' + page],
                           capture_output=True, timeout=120)
        if not os.path.exists(shot):
            print(f'FAIL chromium wrote no screenshot (exit {p.returncode}): '
                  f'{p.stderr.decode(errors="replace")[-500:]}')
            return 1
        size = os.path.getsize(shot)
        w, h, rows = read_png(shot)
    counts = {}
    for row in rows:
        for px in row:
            counts[px] = counts.get(px, 0) + 1
    fail = 0

    def check(ok, what):
        nonlocal fail
        print(('ok   ' if ok else 'FAIL ') + what)
        fail |= not ok

    print(f'     {w}x{h} PNG, {size} bytes, {len(counts)} colours')
    check(w >= 800 and h >= 800, 'the screenshot has the window size')
    check(len(counts) > 50, 'the page is not blank: many colours (text is anti-aliased)')
    check(counts.get(TAG_BLUE, 0) > 500, f'tag pills drawn ({counts.get(TAG_BLUE, 0)} px of their blue)')
    seen = {t: counts.get(c, 0) for t, c in TYPE_COLOURS.items()}
    check(sum(n > 200 for n in seen.values()) >= 3, f'entities highlighted by type: {seen}')
    return fail


if __name__ == '__main__':
    sys.exit(main())
