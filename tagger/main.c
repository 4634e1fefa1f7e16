/*
 * main.c - the tagger program: options, model lookup, and the two ways of running:
 * files (each rendered in a --format, to stdout or one file each under
 * --output-dir) and the --jsonl pipeline stage. Both run on -j workers over one
 * shared model and write in input order.
 *
 * Exit status: 0 when every input was tagged, 1 when some input failed (each with a
 * message naming it on stderr), 2 for a usage error or a model that does not load.
 */
#include "compile.h"
#include "format.h"
#include "input.h"
#include "inputs.h"
#include "paths.h"
#include "pool.h"
#include "progress.h"
#include "serve.h"
#include "stream.h"
#include "tag.h"
#include "tagger.h"
#include "utf8.h"
#include "worker.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: tagger [OPTIONS] [FILE|DIR|GLOB...]\n"
    "       tagger --jsonl [OPTIONS] [FILE...] < records.jsonl > tagged.jsonl\n"
    "Tag news articles with named entities and topic tags (English, Ukrainian, Russian).\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input. A DIR is walked recursively\n"
    "(hidden files skipped, sorted by name); a quoted GLOB such as '*.txt' is expanded\n"
    "by tagger. Files ending in .html or .htm, or starting with <html or <!doctype\n"
    "html, are read as HTML.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT    output for files: text (a summary, the default), json\n"
    "                         (indented), jsonl (one line per file), tsv (one entity a\n"
    "                         row), brat (standoff .ann), conll (BIO tokens) or html (a\n"
    "                         page with the entities highlighted)\n"
    "  -o, --output-dir DIR   write one file per input under DIR (the input's name, or\n"
    "                         its path below a DIR argument, with the format's\n"
    "                         extension) instead of to standard output\n"
    "      --jsonl            pipeline stage: JSON Lines records in (stdin or FILEs),\n"
    "                         one JSON Lines record out per input line, in order\n"
    "      --text-field NAME  with --jsonl: the field holding the text (default text,\n"
    "                         then html)\n"
    "  -j, --jobs N           tag with N threads (default 1); output is the same\n"
    "  -m, --model DIR|FILE   model directory (holding gazetteers/ and rules/), or a\n"
    "                         compiled model.tgm; default: $TAGGER_MODEL, else the\n"
    "                         installed model. DIR/model.tgm (from `tagger compile`)\n"
    "                         is used while it is newer than the files in DIR\n"
    "      --no-compiled      read the model's source files even when DIR/model.tgm is\n"
    "                         there\n"
    "  -l, --lang LANG        language of the input: en, uk or ru (default: detect)\n"
    "      --labels LANG      language of tag labels (and of entity types in text and\n"
    "                         html): en (default), uk or ru\n"
    "      --explain          with --format text: show every contribution to each tag\n"
    "      --replace-invalid  replace invalid UTF-8 with U+FFFD instead of failing\n"
    "      --max-document N   refuse documents over N bytes (default 16777216)\n"
    "      --max-line N       with --jsonl: lines over N bytes become error records\n"
    "                         (default 16777216)\n"
    "      --max-entities N   list at most N entities per document (default 100000)\n"
    "      --match-limit N    PCRE2 match limit per rule and document (default 1000000)\n"
    "      --depth-limit N    PCRE2 depth limit, for rules run without JIT (default 10000)\n"
    "  -q, --quiet            no progress bar and no summary line\n"
    "  -h, --help             show this help and exit\n"
    "  -V, --version          show the version and exit\n"
    "\n"
    "With several files or --output-dir, a progress bar (when stderr is a terminal)\n"
    "and a summary line go to stderr; --jsonl prints its summary only to a terminal.\n"
    "\n"
    "Other commands: tagger compile (see tagger compile --help), tagger serve, tagger\n"
    "worker.\n"
    "\n"
    "Exit status: 0 all inputs tagged, 1 some inputs failed, 2 usage or model error.\n"
    "In --jsonl mode a bad record is an error record in the output, not a failure.\n";

typedef struct options {
    const char *format, *model, *lang, *labels, *text_field, *output_dir;
    int jsonl, explain, replace_invalid, quiet;
    size_t max_document, max_line, max_entities, match_limit, jobs, depth_limit;
} options;


static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || v == 0 || *s == '-' || errno)
        return -1;
    *out = (size_t)v;
    return 0;
}

static int check_lang(const char *what, const char *lang)
{
    if (!lang || !strcmp(lang, "en") || !strcmp(lang, "uk") || !strcmp(lang, "ru"))
        return 0;
    fprintf(stderr, "tagger: %s must be en, uk or ru, not '%s'\n", what, lang);
    return -1;
}

/* HTML by extension, or by how the file starts. */
static int looks_html(const char *path, const char *text, size_t len)
{
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/') && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm")))
        return 1;
    size_t i = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
        i++;
    return (len - i >= 5 && !strncasecmp(text + i, "<html", 5)) ||
           (len - i >= 14 && !strncasecmp(text + i, "<!doctype html", 14));
}

/* ---- files ---------------------------------------------------------------- */

typedef struct file_job {
    size_t index;
    strbuf out;
    char why[700];
    int failed;
} file_job;

typedef struct file_run {
    const tg_model *m;
    const options *o;
    const fmt_info *fmt;
    input_list *inputs;
    size_t next;
    int header_done;
    progress prog;
    int status;
} file_run;

typedef struct file_worker {
    file_run *run;
    tg_scratch *scratch;
} file_worker;

static int file_fill(void *ctx, void *slot)
{
    file_run *run = ctx;
    file_job *job = slot;
    if (run->next >= run->inputs->n)
        return 0;
    job->index = run->next++;
    job->out.n = 0;
    job->out.failed = 0;
    job->why[0] = '\0';
    job->failed = 0;
    return 1;
}

static void file_work(void *ctx, void *slot)
{
    file_worker *w = ctx;
    file_job *job = slot;
    const options *o = w->run->o;
    const input_file *f = &w->run->inputs->v[job->index];
    size_t len;
    char *text = read_input(f->path, o->max_document, &len, job->why, sizeof job->why);
    if (!text) {
        job->failed = 1;
        return;
    }
    const char *name = strcmp(f->path, "-") ? f->path : "stdin";
    if (o->replace_invalid && tg_utf8_check(text, len) != len) {
        /* Repair here, not in the library, so offsets and renderers see one text. */
        char *fixed = tg_utf8_repair(text, len, &len);
        free(text);
        if (!(text = fixed)) {
            snprintf(job->why, sizeof job->why, "%s: out of memory", name);
            job->failed = 1;
            return;
        }
    }
    tg_doc_options d = {0};
    d.lang = o->lang;
    d.labels = o->labels;
    d.html = looks_html(f->path, text, len);
    tg_result *r = NULL;
    tg_error err;
    if (tg_tag_text(&r, w->run->m, w->scratch, text, len, &d, &err) != TG_OK) {
        snprintf(job->why, sizeof job->why, "%s: %s", name, err.message);
        job->failed = 1;
    } else {
        fmt_doc doc = {name, text, len, d.html, o->explain, o->labels, r, w->run->m};
        w->run->fmt->render(&job->out, &doc);
        if (job->out.failed) {
            snprintf(job->why, sizeof job->why, "%s: out of memory", name);
            job->failed = 1;
        }
    }
    /* Back to the worker's scratch, which keeps the result's arrays for its next
     * file rather than freeing them and allocating them again there. */
    tg_result_recycle(r, w->scratch);
    free(text);
}

/* mkdir -p for the directories of path. */
static int make_parents(char *path)
{
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return -1;
    }
    return 0;
}

/* Write one file's output under --output-dir; returns 0 or fills why. */
static int write_output_file(const file_run *run, const input_file *f, const strbuf *out,
                             char *why, size_t why_len)
{
    const char *dot = strrchr(f->rel, '.');
    const char *slash = strrchr(f->rel, '/');
    int stem = dot && dot != f->rel && (!slash || dot > slash + 1) ? (int)(dot - f->rel)
                                                                   : (int)strlen(f->rel);
    size_t cap = strlen(run->o->output_dir) + strlen(f->rel) + strlen(run->fmt->ext) + 3;
    char *path = malloc(cap);
    if (!path) {
        snprintf(why, why_len, "%s: out of memory", f->path);
        return -1;
    }
    snprintf(path, cap, "%s/%.*s.%s", run->o->output_dir, stem, f->rel, run->fmt->ext);
    FILE *fp = make_parents(path) == 0 ? fopen(path, "wb") : NULL;
    int ok = fp != NULL;
    if (fp && run->fmt->header)
        ok = fputs(run->fmt->header, fp) >= 0;
    if (fp && ok && out->n)
        ok = fwrite(out->v, 1, out->n, fp) == out->n;
    if (fp && fclose(fp) != 0)
        ok = 0;
    if (!ok)
        snprintf(why, why_len, "%s: %s", path, strerror(errno));
    free(path);
    return ok ? 0 : -1;
}

static void file_drain(void *ctx, void *slot)
{
    file_run *run = ctx;
    file_job *job = slot;
    const input_file *f = &run->inputs->v[job->index];
    if (!job->failed) {
        if (run->o->output_dir) {
            job->failed = write_output_file(run, f, &job->out, job->why, sizeof job->why) != 0;
        } else {
            if (run->fmt->header && !run->header_done)
                fputs(run->fmt->header, stdout);
            run->header_done = 1;
            if (job->out.n) /* fwrite(NULL, 1, 0) is undefined */
                fwrite(job->out.v, 1, job->out.n, stdout);
        }
    }
    if (job->failed) {
        progress_clear(&run->prog);
        fprintf(stderr, "tagger: %s\n", job->why);
        run->status = 1;
    }
    progress_step(&run->prog, f->size, job->failed);
}

static int run_files(const tg_model *m, const options *o, const fmt_info *fmt,
                     input_list *inputs)
{
    size_t nw = o->jobs, nslots = nw > 1 ? 2 * nw + 2 : 1;
    file_run run = {m, o, fmt, inputs, 0, 0, {0}, inputs->failed ? 1 : 0};
    unsigned long long bytes = 0;
    for (size_t i = 0; i < inputs->n; i++)
        bytes += inputs->v[i].size;
    int report = !o->quiet && (inputs->n > 1 || o->output_dir);
    progress_start(&run.prog, report && isatty(STDERR_FILENO), inputs->n, bytes);
    run.prog.failed = inputs->failed; /* folders and globs that named nothing */
    file_job *jobs = calloc(nslots, sizeof *jobs);
    void **slots = calloc(nslots, sizeof *slots);
    file_worker *workers = calloc(nw, sizeof *workers);
    void **wctx = calloc(nw, sizeof *wctx);
    int rc = jobs && slots && workers && wctx ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < nslots; i++)
        slots[i] = &jobs[i];
    for (size_t i = 0; rc == 0 && i < nw; i++) {
        tg_error err;
        workers[i].run = &run;
        wctx[i] = &workers[i];
        if (tg_scratch_new(&workers[i].scratch, m, &err)) {
            fprintf(stderr, "tagger: %s\n", err.message);
            rc = -1;
        }
    }
    if (rc == 0)
        rc = pool_run(&(pool_ops){&run, file_fill, file_work, file_drain}, slots, nslots, wctx,
                      nw);
    progress_clear(&run.prog);
    if (report)
        progress_summary(&run.prog, "file", "files");
    for (size_t i = 0; jobs && i < nslots; i++)
        sb_free(&jobs[i].out);
    for (size_t i = 0; workers && i < nw; i++)
        tg_scratch_free(workers[i].scratch);
    free(jobs);
    free(slots);
    free(workers);
    free(wctx);
    if (rc != 0)
        fprintf(stderr, "tagger: cannot start the workers\n");
    return rc != 0 ? 1 : run.status;
}

/* ---- the pipeline stage ---------------------------------------------------- */

static int run_jsonl(const tg_model *m, const options *o, input_list *inputs)
{
    jsonl_options jo = {o->text_field, o->lang, o->labels, o->max_line, o->replace_invalid};
    stream_stats st = {0};
    char **paths = calloc(inputs->n ? inputs->n : 1, sizeof *paths);
    if (!paths)
        return 1;
    for (size_t i = 0; i < inputs->n; i++)
        paths[i] = inputs->v[i].path;
    progress p;
    progress_start(&p, 0, 0, 0);
    int rc = stream_run(m, &jo, paths, inputs->n, stdout, o->jobs, &st);
    free(paths);
    if (!o->quiet && isatty(STDERR_FILENO)) {
        p.files_done = st.records;
        p.bytes_done = st.bytes;
        p.failed = st.errors;
        progress_summary(&p, "record", "records");
    }
    if (rc != 0)
        fprintf(stderr, "tagger: error writing output\n");
    return rc != 0 || st.failed_inputs || inputs->failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "serve"))
        return serve_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "worker"))
        return worker_main(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "compile"))
        return compile_main(argc - 1, argv + 1);
    int no_compiled = 0;
    options o = {"text", NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0,
                 16u << 20, 16u << 20, 100000, 1000000, 1, 10000};
    enum { OPT_JSONL = 256, OPT_TEXT_FIELD, OPT_LABELS, OPT_EXPLAIN, OPT_REPLACE,
           OPT_MAX_DOC, OPT_MAX_LINE, OPT_MAX_ENT, OPT_MATCH, OPT_DEPTH, OPT_NO_COMPILED };
    static const struct option longs[] = {
        {"format", required_argument, 0, 'f'}, {"output-dir", required_argument, 0, 'o'},
        {"jsonl", no_argument, 0, OPT_JSONL},
        {"text-field", required_argument, 0, OPT_TEXT_FIELD},
        {"jobs", required_argument, 0, 'j'},
        {"model", required_argument, 0, 'm'}, {"lang", required_argument, 0, 'l'},
        {"labels", required_argument, 0, OPT_LABELS}, {"explain", no_argument, 0, OPT_EXPLAIN},
        {"replace-invalid", no_argument, 0, OPT_REPLACE},
        {"max-document", required_argument, 0, OPT_MAX_DOC},
        {"max-line", required_argument, 0, OPT_MAX_LINE},
        {"max-entities", required_argument, 0, OPT_MAX_ENT},
        {"match-limit", required_argument, 0, OPT_MATCH}, {"quiet", no_argument, 0, 'q'},
        {"depth-limit", required_argument, 0, OPT_DEPTH},
        {"no-compiled", no_argument, 0, OPT_NO_COMPILED},
        {"help", no_argument, 0, 'h'}, {"version", no_argument, 0, 'V'}, {0, 0, 0, 0}};
    int c, idx = 0;
    while ((c = getopt_long(argc, argv, "f:o:j:m:l:qhV", longs, &idx)) != -1) {
        size_t *size_opt = c == OPT_MAX_DOC ? &o.max_document : c == OPT_MAX_LINE ? &o.max_line
                           : c == OPT_MAX_ENT ? &o.max_entities : c == OPT_MATCH ? &o.match_limit
                           : c == OPT_DEPTH ? &o.depth_limit : c == 'j' ? &o.jobs : NULL;
        if (size_opt) {
            if (parse_size(optarg, size_opt)) {
                /* Name the option itself: argv[optind - 1] is the value in "--opt N". */
                fprintf(stderr, "tagger: --%s needs a positive whole number, not '%s'\n",
                        c == 'j' ? "jobs" : longs[idx].name, optarg);
                return 2;
            }
            continue;
        }
        switch (c) {
        case 'f': o.format = optarg; break;
        case 'o': o.output_dir = optarg; break;
        case OPT_JSONL: o.jsonl = 1; break;
        case OPT_TEXT_FIELD: o.text_field = optarg; break;
        case 'm': o.model = optarg; break;
        case 'l': o.lang = optarg; break;
        case OPT_LABELS: o.labels = optarg; break;
        case OPT_EXPLAIN: o.explain = 1; break;
        case OPT_REPLACE: o.replace_invalid = 1; break;
        case 'q': o.quiet = 1; break;
        case OPT_NO_COMPILED: no_compiled = 1; break;
        case 'h': fputs(USAGE, stdout); return 0;
        case 'V': printf("tagger %s\n", tg_version()); return 0;
        default: fputs("Try 'tagger --help'.\n", stderr); return 2;
        }
    }
    const fmt_info *fmt = format_find(o.format);
    if (!fmt) {
        fprintf(stderr, "tagger: --format must be one of %s, not '%s'\n", format_names(),
                o.format);
        return 2;
    }
    if (o.jobs > 256) {
        fprintf(stderr, "tagger: --jobs %zu is more than 256\n", o.jobs);
        return 2;
    }
    if (o.jsonl && o.output_dir) {
        fprintf(stderr, "tagger: --output-dir is for files; --jsonl writes to stdout\n");
        return 2;
    }
    if (check_lang("--lang", o.lang) || check_lang("--labels", o.labels))
        return 2;
    input_list inputs = {0};
    if (inputs_expand(&inputs, argv + optind, (size_t)(argc - optind))) {
        fprintf(stderr, "tagger: out of memory\n");
        inputs_free(&inputs);
        return 2;
    }
    if (!o.jsonl && fmt->one_per_stream && !o.output_dir && inputs.n > 1) {
        fprintf(stderr, "tagger: --format %s writes one document; give --output-dir for "
                        "%zu inputs\n", fmt->name, inputs.n);
        inputs_free(&inputs);
        return 2;
    }
    char buf[PATH_MAX];
    const char *dir = find_model_dir(o.model, buf, sizeof buf);
    tg_model *m = NULL;
    tg_error err;
    struct stat model_st;
    int model_file = stat(dir, &model_st) == 0 && S_ISREG(model_st.st_mode);
    if ((model_file ? tg_model_load_file(&m, dir, &err)
         : no_compiled ? tg_model_load_source(&m, dir, &err)
                       : tg_model_load(&m, dir, &err))) {
        if (err.line)
            fprintf(stderr, "tagger: %s:%u:%u: %s\n", err.file, err.line, err.column, err.message);
        else if (err.file[0])
            fprintf(stderr, "tagger: %s: %s\n", err.file, err.message);
        else
            fprintf(stderr, "tagger: cannot load model %s: %s\n", dir, err.message);
        inputs_free(&inputs);
        return 2;
    }
    const char *note;
    tg_model_origin(m, &note);
    if (*note) /* an image was there but not used: say so once */
        fprintf(stderr, "tagger: note: %s/model.tgm not used (%s); loaded from source files; "
                        "run `tagger compile`\n", dir, note);
    if (tg_model_set_limit(m, TG_LIMIT_DOCUMENT, o.max_document) ||
        tg_model_set_limit(m, TG_LIMIT_ENTITIES, o.max_entities) ||
        tg_model_set_limit(m, TG_LIMIT_MATCH, o.match_limit) ||
        tg_model_set_limit(m, TG_LIMIT_DEPTH, o.depth_limit)) {
        fprintf(stderr, "tagger: --max-document must be below 4 GiB\n");
        tg_model_free(m);
        inputs_free(&inputs);
        return 2;
    }
    /* jansson seeds its hash function on first use; do it before threads exist. */
    json_object_seed(0);
    int status = o.jsonl ? run_jsonl(m, &o, &inputs) : run_files(m, &o, fmt, &inputs);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "tagger: error writing output\n");
        status = 1;
    }
    tg_model_free(m);
    inputs_free(&inputs);
    return status;
}
