/*
 * main.c - the tagger program: options, model lookup, and the loop over inputs.
 *
 * Exit status: 0 when every input was tagged, 1 when some input failed (each with a
 * message naming it on stderr), 2 for a usage error or a model that does not load.
 */
#include "input.h"
#include "jsonl.h"
#include "output_text.h"
#include "tagger.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: tagger [OPTIONS] [FILE...]\n"
    "Tag news articles with named entities and topic tags (English, Ukrainian, Russian).\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT    output for files: text (a summary, the default) or json\n"
    "                         (one JSON object per input, as in docs/output.md)\n"
    "      --jsonl            pipeline stage: JSON Lines records in (stdin or FILEs),\n"
    "                         one JSON Lines record out per input line, in order\n"
    "      --text-field NAME  with --jsonl: the field holding the text (default text,\n"
    "                         then html)\n"
    "  -m, --model DIR        model directory (holding gazetteers/ and rules/); default:\n"
    "                         $TAGGER_MODEL, else the installed model\n"
    "  -l, --lang LANG        language of the input: en, uk or ru (default: detect)\n"
    "      --labels LANG      language of tag labels: en (default), uk or ru\n"
    "      --explain          with --format text: show every contribution to each tag\n"
    "      --replace-invalid  replace invalid UTF-8 with U+FFFD instead of failing\n"
    "      --max-document N   refuse documents over N bytes (default 16777216)\n"
    "      --max-line N       with --jsonl: lines over N bytes become error records\n"
    "                         (default 16777216)\n"
    "      --max-entities N   list at most N entities per document (default 100000)\n"
    "      --match-limit N    PCRE2 match limit per rule and document (default 1000000)\n"
    "  -h, --help             show this help and exit\n"
    "  -V, --version          show the version and exit\n"
    "\n"
    "Exit status: 0 all inputs tagged, 1 some inputs failed, 2 usage or model error.\n";

typedef struct options {
    const char *format, *model, *lang, *labels, *text_field;
    int jsonl, explain, replace_invalid;
    size_t max_document, max_line, max_entities, match_limit;
} options;

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --model, $TAGGER_MODEL, the model installed beside this program, the installed
 * default, and last the source tree this program was built from. */
static const char *find_model(const char *given, char *buf, size_t cap)
{
    if (given)
        return given;
    const char *env = getenv("TAGGER_MODEL");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, cap, "%.*s/../share/tagger", (int)(cap > 32 ? cap - 32 : 0), exe);
            if (is_dir(buf))
                return buf;
        }
    }
    if (is_dir(TG_INSTALLED_MODEL_DIR "/gazetteers"))
        return TG_INSTALLED_MODEL_DIR;
    return TG_SOURCE_MODEL_DIR;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || v == 0 || *s == '-')
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

static int tag_file(const tg_model *m, tg_scratch *s, const char *path, const options *o)
{
    char why[600];
    size_t len;
    char *text = read_input(path, o->max_document, &len, why, sizeof why);
    if (!text) {
        fprintf(stderr, "tagger: %s\n", why);
        return 1;
    }
    tg_doc_options d = {0};
    d.lang = o->lang;
    d.labels = o->labels;
    d.replace_invalid = o->replace_invalid;
    tg_result *r = NULL;
    tg_error err;
    int rc = tg_tag_text(&r, m, s, text, len, &d, &err);
    const char *name = strcmp(path, "-") ? path : "stdin";
    if (rc) {
        fprintf(stderr, "tagger: %s: %s\n", name, err.message);
        free(text);
        return 1;
    }
    if (!strcmp(o->format, "json")) {
        char *json = NULL;
        if (tg_result_to_json(r, m, name, &json, NULL) == TG_OK)
            printf("%s\n", json);
        else
            rc = 1;
        free(json);
    } else {
        print_text(stdout, name, r, m);
        if (o->explain)
            print_explain(stdout, r);
    }
    tg_result_free(r);
    free(text);
    return rc ? 1 : 0;
}

static int run_jsonl(const tg_model *m, int argc, char **argv, const options *o)
{
    jsonl_options jo = {o->text_field, o->lang, o->labels, o->max_line, o->replace_invalid};
    jsonl_stats st = {0, 0};
    int status = 0;
    if (optind >= argc)
        return jsonl_run(m, stdin, stdout, &jo, &st) ? 1 : 0;
    for (int i = optind; i < argc; i++) {
        FILE *in = strcmp(argv[i], "-") ? fopen(argv[i], "rb") : stdin;
        if (!in || is_dir(argv[i])) {
            fprintf(stderr, "tagger: %s: %s\n", argv[i], in ? "is a directory" : "cannot open");
            if (in && in != stdin)
                fclose(in);
            status = 1;
            continue;
        }
        if (jsonl_run(m, in, stdout, &jo, &st))
            status = 1;
        if (in != stdin)
            fclose(in);
    }
    return status;
}

int main(int argc, char **argv)
{
    options o = {"text", NULL, NULL, NULL, NULL, 0, 0, 0, 16u << 20, 16u << 20, 100000, 1000000};
    enum { OPT_JSONL = 256, OPT_TEXT_FIELD, OPT_LABELS, OPT_EXPLAIN, OPT_REPLACE,
           OPT_MAX_DOC, OPT_MAX_LINE, OPT_MAX_ENT, OPT_MATCH };
    static const struct option longs[] = {
        {"format", required_argument, 0, 'f'}, {"jsonl", no_argument, 0, OPT_JSONL},
        {"text-field", required_argument, 0, OPT_TEXT_FIELD},
        {"model", required_argument, 0, 'm'}, {"lang", required_argument, 0, 'l'},
        {"labels", required_argument, 0, OPT_LABELS}, {"explain", no_argument, 0, OPT_EXPLAIN},
        {"replace-invalid", no_argument, 0, OPT_REPLACE},
        {"max-document", required_argument, 0, OPT_MAX_DOC},
        {"max-line", required_argument, 0, OPT_MAX_LINE},
        {"max-entities", required_argument, 0, OPT_MAX_ENT},
        {"match-limit", required_argument, 0, OPT_MATCH},
        {"help", no_argument, 0, 'h'}, {"version", no_argument, 0, 'V'}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "f:m:l:hV", longs, NULL)) != -1) {
        size_t *size_opt = c == OPT_MAX_DOC ? &o.max_document : c == OPT_MAX_LINE ? &o.max_line
                           : c == OPT_MAX_ENT ? &o.max_entities : c == OPT_MATCH ? &o.match_limit
                                                                             : NULL;
        if (size_opt) {
            if (parse_size(optarg, size_opt)) {
                fprintf(stderr, "tagger: %s needs a positive whole number, not '%s'\n",
                        argv[optind - 1], optarg);
                return 2;
            }
            continue;
        }
        switch (c) {
        case 'f': o.format = optarg; break;
        case OPT_JSONL: o.jsonl = 1; break;
        case OPT_TEXT_FIELD: o.text_field = optarg; break;
        case 'm': o.model = optarg; break;
        case 'l': o.lang = optarg; break;
        case OPT_LABELS: o.labels = optarg; break;
        case OPT_EXPLAIN: o.explain = 1; break;
        case OPT_REPLACE: o.replace_invalid = 1; break;
        case 'h': fputs(USAGE, stdout); return 0;
        case 'V': printf("tagger %s\n", tg_version()); return 0;
        default: fputs("Try 'tagger --help'.\n", stderr); return 2;
        }
    }
    if (strcmp(o.format, "text") && strcmp(o.format, "json")) {
        fprintf(stderr, "tagger: --format must be text or json, not '%s'\n", o.format);
        return 2;
    }
    if (check_lang("--lang", o.lang) || check_lang("--labels", o.labels))
        return 2;
    char buf[PATH_MAX];
    const char *dir = find_model(o.model, buf, sizeof buf);
    tg_model *m = NULL;
    tg_error err;
    if (tg_model_load(&m, dir, &err)) {
        if (err.line)
            fprintf(stderr, "tagger: %s:%u:%u: %s\n", err.file, err.line, err.column, err.message);
        else if (err.file[0])
            fprintf(stderr, "tagger: %s: %s\n", err.file, err.message);
        else
            fprintf(stderr, "tagger: cannot load model %s: %s\n", dir, err.message);
        return 2;
    }
    if (tg_model_set_limit(m, TG_LIMIT_DOCUMENT, o.max_document) ||
        tg_model_set_limit(m, TG_LIMIT_ENTITIES, o.max_entities) ||
        tg_model_set_limit(m, TG_LIMIT_MATCH, o.match_limit)) {
        fprintf(stderr, "tagger: --max-document must be below 4 GiB\n");
        tg_model_free(m);
        return 2;
    }
    int status = 0;
    if (o.jsonl) {
        status = run_jsonl(m, argc, argv, &o);
    } else {
        tg_scratch *s = NULL;
        if (tg_scratch_new(&s, m, &err)) {
            fprintf(stderr, "tagger: %s\n", err.message);
            tg_model_free(m);
            return 2;
        }
        if (optind >= argc)
            status = tag_file(m, s, "-", &o);
        for (int i = optind; i < argc; i++)
            status |= tag_file(m, s, argv[i], &o);
        tg_scratch_free(s);
    }
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "tagger: error writing output\n");
        status = 1;
    }
    tg_model_free(m);
    return status;
}
