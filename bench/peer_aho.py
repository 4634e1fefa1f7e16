#!/usr/bin/env python3
"""peer_aho.py - the peer we compare with: pyahocorasick over the same aliases and text.

Run by bench.py as a whole process, like tagger: read the aliases, build the automaton,
read the JSON Lines corpus, lower-case each record's title and text, and count the
matches that sit on word boundaries (the character before and after is not a letter or
digit). That is only the matching part of tagger's job, done the usual way in Python.

    python3 peer_aho.py ALIASES CORPUS.jsonl    -> one JSON line on stdout
"""
import json
import sys
import time

import ahocorasick


def main():
    aliases_path, corpus_path = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    auto = ahocorasick.Automaton()
    with open(aliases_path, encoding="utf-8") as f:
        for line in f:
            alias = line.rstrip("\n")
            if alias:
                auto.add_word(alias, len(alias))
    auto.make_automaton()
    build = time.perf_counter() - t0
    hits = records = 0
    with open(corpus_path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            records += 1
            for field in ("title", "text"):
                text = rec.get(field)
                if not isinstance(text, str):
                    continue
                t = text.lower()
                n = len(t)
                for end, length in auto.iter(t):
                    start = end - length + 1
                    if (start == 0 or not t[start - 1].isalnum()) and \
                       (end + 1 == n or not t[end + 1].isalnum()):
                        hits += 1
    print(json.dumps({"build_s": build, "hits": hits, "records": records,
                      "aliases": len(auto)}))


if __name__ == "__main__":
    main()
