/*
 * test_record_scan.c - the fast path (tagger/record_scan.c) against jansson.
 *
 * The fast path promises that no output byte changes: every line below goes
 * through the pipeline stage (jsonl_tag_line) and the service (serve_tag_record)
 * twice, once as shipped and once with jansson only, and the two outputs must be
 * identical. The lines are the places where jansson is stricter than the JSON
 * grammar or than other parsers (lone surrogates, \v and \f, big numbers, NUL in
 * keys, depth), what a strict scanner can get wrong (every token, every escape),
 * and what a record can get wrong (duplicate keys, nested or non-string text, our
 * own keys, garbage).
 * Since equal outputs would also follow from the fast path never running, the
 * table also says which lines it must take and which it must refuse; a seeded
 * mutation loop and, when present, the first records of ../shared/eval widen it.
 */
#include "harness.h"

#include "jsonl.h"
#include "record_scan.h"
#include "serve_record.h"
#include "utf8.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_model *model;
static tg_scratch *scratch;

static int setup(void **state)
{
    (void)state;
    if (test_load_model(&model, TEST_DATA_DIR "/model-mini"))
        return -1;
    tg_error err;
    return tg_scratch_new(&scratch, model, &err);
}

static int teardown(void **state)
{
    (void)state;
    tg_scratch_free(scratch);
    tg_model_free(model);
    return 0;
}

/* Option sets every line runs under. */
static const jsonl_options OPTIONS[] = {
    {NULL, NULL, NULL, 1 << 20, 0, 0},
    {NULL, NULL, NULL, 1 << 20, 1, 0},   /* --replace-invalid */
    {"html", NULL, NULL, 1 << 20, 0, 0}, /* --text-field html */
    {"title", "en", NULL, 1 << 20, 0, 0},
    {"body", NULL, "uk", 1 << 20, 0, 0},
};
#define NOPTIONS (sizeof OPTIONS / sizeof *OPTIONS)

static void show(const char *what, const char *s, size_t n)
{
    fprintf(stderr, "%s: %.*s\n", what, (int)(n > 2000 ? 2000 : n), s);
}

/* The fast path's answer (ra, a) is the jansson path's (rb, b); what differs is shown. */
static void assert_same(const char *front, size_t k, const char *line, size_t len, int ra, int rb,
                        const strbuf *a, const strbuf *b)
{
    if (ra != rb || a->n != b->n || memcmp(a->v, b->v, a->n)) {
        fprintf(stderr, "%s, options %zu\n", front, k);
        show("line", line, len);
        show("fast", a->v, a->n);
        show("jansson", b->v, b->n);
    }
    assert_int_equal(ra, rb);
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->v, b->v, a->n);
}

/* One line through both paths of both front-ends: identical bytes. */
static void same_both_ways(const char *line, size_t len)
{
    for (size_t k = 0; k < NOPTIONS; k++) {
        jsonl_options fast = OPTIONS[k], slow = OPTIONS[k];
        slow.jansson_only = 1;
        strbuf a = {0}, b = {0};
        sb_puts(&a, "earlier output\n"); /* the copies go after what is there */
        sb_puts(&b, "earlier output\n");
        int ra = jsonl_tag_line(model, scratch, &fast, line, len, 0, 42, &a);
        int rb = jsonl_tag_line(model, scratch, &slow, line, len, 0, 42, &b);
        assert_same("jsonl", k, line, len, ra, rb, &a, &b);

        record_options ro = {fast.text_field, fast.lang, fast.labels, fast.replace_invalid, 0};
        record_options rs = ro;
        rs.jansson_only = 1;
        a.n = b.n = 0;
        unsigned sa = serve_tag_record(model, scratch, &ro, line, len, &a);
        unsigned sb = serve_tag_record(model, scratch, &rs, line, len, &b);
        assert_same("serve", k, line, len, (int)sa, (int)sb, &a, &b);
        sb_free(&a);
        sb_free(&b);
    }
}

/* Does record_scan take the line (default options, refusing our keys)? */
static int fast(const char *line, size_t len)
{
    record_options ro = {0};
    record_fields f;
    strbuf spare = {0};
    sb_puts(&spare, "x");
    int rc = record_scan(&f, line, len, &ro, record_our_keys, &spare);
    if (rc) {
        assert_int_equal(spare.n, 1); /* refused: spare as it was */
    } else {
        /* Taken: the strings go to the tag call unchecked, so they must be valid. */
        assert_true(f.utf8_checked);
        assert_true(!f.text || tg_utf8_check(f.text, f.text_len) == f.text_len);
        assert_true(!f.html || tg_utf8_check(f.html, f.html_len) == f.html_len);
        assert_true(!f.title || tg_utf8_check(f.title, f.title_len) == f.title_len);
    }
    sb_free(&spare);
    return rc == 0;
}

typedef struct line_case {
    const char *s;
    size_t len;
    int fast; /* 1: the fast path must take it; 0: it must go to jansson */
} line_case;

#define T(s) {s, sizeof s - 1, 1}
#define J(s) {s, sizeof s - 1, 0}

static const line_case LINES[] = {
    /* Plain records. */
    T("{\"id\":1,\"text\":\"Paris is the capital of France.\"}"),
    T("{\"text\":\"London\",\"title\":\"UK news\",\"lang\":\"en\"}"),
    T("{\"html\":\"<p>Paris &amp; <b>London</b></p>\",\"id\":\"h1\"}"),
    T("{\"text\":\"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\",\"lang\":\"uk\",\"title\":\"\xD0\x97\"}"),
    T("  \t{ \"text\" : \"Paris\" , \"id\" : [1, 2.5, -3e2, true, false, null] }  \t\r"),
    T("{\"text\":\"Paris\",\"\":\"empty key\",\"x\":{},\"y\":[]}"),
    /* Escapes: decoded the same way, keys too. */
    T("{\"te\\u0078t\":\"Paris\"}"),
    T("{\"text\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t Paris\"}"),
    T("{\"text\":\"pair \\ud83d\\ude00 Paris \\u00e9\\u0416\"}"),
    T("{\"text\":\"escaped backslash then u: \\\\u12\",\"id\":\"\\\\ud800\"}"),
    T("{\"text\":\"Paris\",\"lang\":\"\\u0075k\",\"title\":\"T\\u00edtulo\"}"),
    T("{\"text\":\"NUL \\u0000 inside Paris\",\"title\":\"a\\u0000b\"}"),
    T("{\"text\":\"Paris\",\"lang\":\"e\\u0000n\"}"),
    T("{\"id\":{\"nested\":[1,\"\\u00e9\\ud83d\\ude00\"]},\"meta\":1}"), /* no text */
    /* Lone surrogates: jansson refuses them (other parsers make '?' or bad UTF-8). */
    J("{\"id\":7,\"text\":\"bad \\ud800 surrogate\"}"),
    J("{\"text\":\"high at end \\ud800\"}"),
    J("{\"text\":\"low alone \\udc00\"}"),
    J("{\"text\":\"high then non-low \\ud83d\\u0041\"}"),
    J("{\"text\":\"high then high \\ud83d\\ud83d\"}"),
    J("{\"text\":\"high then escape \\ud83d\\n\"}"),
    J("{\"text\":\"high then escaped backslash \\ud83d\\\\u0041\"}"),
    J("{\"text\":\"Paris\",\"x\":\"\\uDBFF\"}"),
    J("{\"text\":\"Paris\",\"\\udfff\":1}"),
    /* Whitespace jansson does not take. */
    J("{\"text\":\"Paris\",\f\"id\":1}"),
    J("{\"text\":\"Paris\"\v}"),
    J("\f{\"text\":\"Paris\"}"),
    J("{\"text\":\"Paris\"}\v"),
    /* Numbers. */
    T("{\"text\":\"Paris\",\"n\":9223372036854775807,\"m\":-9223372036854775808}"),
    J("{\"text\":\"Paris\",\"n\":9223372036854775808}"),
    J("{\"text\":\"Paris\",\"n\":-9223372036854775809}"),
    J("{\"text\":\"Paris\",\"n\":18446744073709551616}"),
    J("{\"text\":\"Paris\",\"n\":[1,[2,[123456789012345678901234567890]]]}"),
    T("{\"text\":\"Paris\",\"r\":1.5e308,\"s\":-1e-400,\"t\":0.00000000000000000001}"),
    J("{\"text\":\"Paris\",\"r\":1e400}"),
    J("{\"text\":\"Paris\",\"r\":-1.8e308}"),
    T("{\"text\":\"Paris\",\"r\":1.7976931348623157e308}"),
    J("{\"text\":\"Paris\",\"r\":1.0000000000000000000000000000000000000000000000000000000000000e5}"),
    T("{\"text\":\"Paris\",\"r\":12345678901234567890.5,\"z\":-0,\"e\":1E+2,\"f\":1e-2}"),
    J("{\"text\":\"Paris\",\"n\":01}"),
    J("{\"text\":\"Paris\",\"n\":-}"),
    J("{\"text\":\"Paris\",\"n\":1.}"),
    J("{\"text\":\"Paris\",\"n\":.5}"),
    J("{\"text\":\"Paris\",\"n\":+1}"),
    J("{\"text\":\"Paris\",\"n\":1e}"),
    J("{\"text\":\"Paris\",\"n\":0x1F}"),
    J("{\"text\":\"Paris\",\"n\":NaN}"),
    J("{\"text\":\"Paris\",\"n\":Infinity}"),
    /* Duplicate keys: the last one counts. */
    T("{\"text\":\"first Paris\",\"text\":\"second London\"}"),
    T("{\"text\":\"Paris\",\"text\":5,\"html\":\"<p>London</p>\"}"),
    T("{\"text\":5,\"text\":\"Berlin\",\"lang\":\"de\",\"lang\":null}"),
    T("{\"title\":\"A\",\"text\":\"Paris\",\"title\":\"B\\nC\"}"),
    /* Where the text is, or is not. */
    T("{\"meta\":{\"text\":\"Paris\"},\"html\":\"<b>London</b>\"}"),
    T("{\"meta\":{\"text\":\"Paris\"},\"id\":\"no text\"}"),
    T("{\"id\":\"a\",\"text\":[\"Paris\"]}"),
    T("{\"text\":null}"),
    T("{\"text\":true,\"html\":false}"),
    T("{\"text\":{\"text\":\"Paris\"}}"),
    T("{\"body\":\"Paris\",\"title\":\"London\"}"),
    /* Our own keys: the record is rewritten, by jansson. */
    J("{\"text\":\"Paris\",\"tags\":[]}"),
    J("{\"entities\":1,\"text\":\"Paris\"}"),
    J("{\"t\\u0061gs\":1,\"text\":\"Paris\"}"),
    T("{\"meta\":{\"tags\":1,\"entities\":2},\"text\":\"Paris\"}"),
    J("{\"model\":\"theirs\",\"text\":\"Paris\"}"), /* our key: rewritten */
    /* A "lang" of any value is the record's own: no detected "lang" is added. */
    T("{\"text\":\"Paris\",\"lang\":null}"),
    T("{\"text\":\"Paris\",\"lang\":[\"en\"]}"),
    T("{\"lang\":{},\"text\":\"Paris\"}"),
    T("{\"meta\":{\"lang\":\"en\"},\"text\":\"Paris\"}"),
    T("{\"l\\u0061ng\":7,\"text\":\"Paris\"}"),
    /* Not an object, empty, or more than one value. */
    T("{}"), /* no text: the error record, with no id */
    T("{ }"),
    J(""),
    J("   "),
    J("[]"),
    J("[{\"text\":\"Paris\"}]"),
    J("\"text\""),
    J("5"),
    J("null"),
    J("{\"text\":\"Paris\"} x"),
    J("{\"text\":\"Paris\"}{}"),
    J("{\"text\":\"Paris\"},"),
    J("{\"text\":\"Paris\""),
    J("{\"text\":\"Paris\",}"),
    J("{\"text\" \"Paris\"}"),
    J("{text:\"Paris\"}"),
    J("{'text':'Paris'}"),
    J("{\"text\":\"Paris\"/*c*/}"),
    J("{\"text\":\"Paris\"}//c"),
    J("{\"text\":tru}"),
    J("{\"text\":nulls}"),
    J("\xEF\xBB\xBF{\"text\":\"Paris\"}"), /* BOM */
    /* Bad escapes and raw control characters. */
    J("{\"text\":\"bad \\x escape\"}"),
    J("{\"text\":\"bad \\u12G4 hex\"}"),
    J("{\"text\":\"short \\u12\"}"),
    J("{\"text\":\"raw\ttab\"}"),
    J("{\"text\":\"raw\nnewline\"}"),
    T("{\"text\":\"DEL \x7F and C1 \xC2\x85 Paris\"}"),
    /* NUL bytes: raw, and escaped in keys at any depth. */
    J("{\"text\":\"raw \0 NUL\"}"),
    J("{\"text\":\"Paris\"}\0"),
    J("\0{\"text\":\"Paris\"}"),
    J("{\"text\":\"Paris\",\"a\\u0000b\":1}"),
    J("{\"text\":\"Paris\",\"x\":{\"\\u0000\":1}}"),
    /* Invalid UTF-8 in any field. */
    J("{\"text\":\"Paris\",\"x\":\"\xFF\"}"),
    J("{\"text\":\"Paris \xC0\xAF\"}"),
    J("{\"text\":\"Paris\",\"x\":\"\xED\xA0\x80\"}"),
    J("{\"text\":\"Paris\",\"\xF4\x90\x80\x80\":1}"),
    J("{\"id\":\"\xE2\x82\",\"text\":\"Paris\"}"),
    J("{\"text\":\"Paris\"}\xC3"),
    /* Every token of the grammar, right and nearly right. */
    T("{\"a\" : [ ] ,\r\n\"b\":{ },\"c\":[[],{}],\"text\":\"Paris\"\r\n}"),
    T("{\"a\":[true,false,null,\"x\",{\"b\":[1,{\"c\":\"\\u00E9\\/\"}]}],\"text\":\"Paris\"}"),
    T("{\"text\":\"Paris\",\"n\":[-0.0e-0,0,-0,0.5,2]}"),
    T("{\"text\":\"Paris\",\"n\":[1E-400,-1.5E+308,1e0,10,-10]}"),
    J("{\"text\":\"Paris\",\"n\":1E400}"),
    J("{\"text\":\"Paris\",\"n\":-01}"),
    J("{\"text\":\"Paris\",\"n\":1.5.3}"),
    J("{\"text\":\"Paris\",\"n\":1e+}"),
    J("{\"text\":\"Paris\",\"n\":--1}"),
    J("{\"text\":\"Paris\",\"n\":1x}"),
    J("{\"text\":\"Paris\",\"n\":[1 2]}"),
    J("{\"text\":\"Paris\",\"b\":truee}"),
    J("{\"text\":\"Paris\",\"b\":fals}"),
    J("{\"text\":\"Paris\",\"b\":nul}"),
    J("{\"text\":\"Paris\",\"b\":True}"),
    J("{\"text\":\"Paris\",\"b\":[true false]}"),
    J("{\"text\":\"Paris\",\"b\":tru"),
    J("{\"text\":\"Paris\",\"b\":[1,]}"),
    J("{\"text\":\"Paris\",\"b\":[,]}"),
    J("{\"text\":\"Paris\",\"b\":[}"),
    J("{\"text\":\"Paris\",\"b\":{]}"),
    J("{\"text\":\"Paris\",\"b\":{\"c\"}}"),
    J("{\"text\":\"Paris\",\"b\":{\"c\":}}"),
    J("{\"text\":\"Paris\",\"b\":{,}}"),
    J("{\"text\":\"Paris\",\"b\":{1:2}}"),
    J("{\"text\":\"Paris\",\"b\":[1]]}"),
    J("{\"text\":\"Paris\",\"b\":[1]}}"),
    J("{\"text\":\"Paris\",:1}"),
    J("{,\"text\":\"Paris\"}"),
    J("{\"text\":\"Paris\"::1}"),
    J("{\"text\":\"Paris\"]"),
    J("{\"text\":\"Paris"),
    J("{\"text\":\"Paris\\"),
    J("{\"text\":\"Paris\\\"}"),
    J("{"),
    J("}"),
    J("{\"text\":\"bad \\U00e9 escape\"}"),
    J("{\"text\":\"bad \\ escape\"}"),
    J("{\"text\":\"bad \\\xC3\xA9 escape\"}"),
    T("{\"te\\u0078t\":\"Paris\",\"x\":{\"t\\u0061gs\":1,\"\\u00e9\":2}}"),
    T("{\"lang\":\"en\",\"text\":\"Paris \\\"London\\\" \\\\ Berlin\",\"html\":\"<p>x\\/y</p>\"}"),
};
#define NLINES (sizeof LINES / sizeof *LINES)

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < NLINES; i++) {
        if (fast(LINES[i].s, LINES[i].len) != LINES[i].fast) {
            fprintf(stderr, "case %zu: expected the %s path\n", i,
                    LINES[i].fast ? "fast" : "jansson");
            show("line", LINES[i].s, LINES[i].len);
        }
        assert_int_equal(fast(LINES[i].s, LINES[i].len), LINES[i].fast);
        same_both_ways(LINES[i].s, LINES[i].len);
    }
}

/* A text over the document limit: the error record carries the id, both ways. */
static void test_limit(void **state)
{
    (void)state;
    assert_int_equal(tg_model_set_limit(model, TG_LIMIT_DOCUMENT, 20), TG_OK);
    static const char *const lines[] = {
        "{\"id\":{\"k\":[\"\\u00e9\",1.50]},\"text\":\"Paris is a long way from here\"}",
        "{\"text\":\"Paris is a long way from here\",\"id\":\"x\",\"id\":\"\\ud83d\\ude00\"}",
        "{\"title\":\"a title that is over twenty bytes\",\"text\":\"Paris\"}",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        assert_true(fast(lines[i], strlen(lines[i])));
        same_both_ways(lines[i], strlen(lines[i]));
    }
    assert_int_equal(tg_model_set_limit(model, TG_LIMIT_DOCUMENT, 1 << 24), TG_OK);
}

/* Depth: jansson stops at 2048; ours is lower. */
static void test_depth(void **state)
{
    (void)state;
    static const size_t depths[] = {100, 511, 512, 2047, 2048, 2049, 5000};
    for (size_t k = 0; k < sizeof depths / sizeof *depths; k++) {
        for (int arrays = 0; arrays < 2; arrays++) {
            size_t d = depths[k];
            strbuf sb = {0};
            sb_puts(&sb, "{\"text\":\"Paris\",\"deep\":");
            for (size_t i = 1; i < d; i++)
                sb_puts(&sb, arrays ? "[" : "{\"a\":");
            sb_puts(&sb, "1");
            for (size_t i = 1; i < d; i++)
                sb_putc(&sb, arrays ? ']' : '}');
            sb_putc(&sb, '}');
            assert_false(sb.failed);
            assert_int_equal(fast(sb.v, sb.n), d <= 512);
            same_both_ways(sb.v, sb.n);
            sb_free(&sb);
        }
    }
}

/* A long text with escapes: the decoded copy goes past spare's first allocation. */
static void test_long_escaped(void **state)
{
    (void)state;
    strbuf sb = {0};
    sb_puts(&sb, "{\"title\":\"T\\u00e9\",\"text\":\"");
    for (int i = 0; i < 4000; i++)
        sb_puts(&sb, "Paris\\nLondon \\\"Berlin\\\" \\u041a\\u0438\\u0457\\u0432. ");
    sb_puts(&sb, "\",\"lang\":\"en\"}");
    assert_true(fast(sb.v, sb.n));
    same_both_ways(sb.v, sb.n);
    sb_free(&sb);
}

/*
 * Each kind of byte that ends a plain run of string bytes, at every position of
 * strings of up to 48 bytes and of strings around 64 and 128, so that the scanner's
 * thirty-two-, sixteen-, eight- and one-byte steps each meet it at every offset; as a
 * top-level value, the same after an escape (the text is then decoded as it is
 * scanned, each run copied by those steps), a top-level key and a nested key.
 * jansson is the reference: the line is taken exactly when jansson takes it, and the
 * text read is jansson's string.
 */
static void test_positions(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int valid; /* jansson takes the line (so the test cannot pass vacuously) */
    } kinds[] = {
        {"\\n", 1},      {"\\\"", 1},    {"\\\\", 1},  {"\\/", 1},
        {"\\u00e9", 1},  {"\\u041A", 1},  {"\\ud83d\\ude00", 1},
        {"\xC3\xA9", 1}, {"\xE2\x80\x9C", 1}, {"\x7F", 1}, {" ", 1},
        {"!", 1},        {"#", 1},        {"\x02", 0},   {"\x1E", 0},
        {"\x01", 0},     {"\x1F", 0},     {"\t", 0},      {"\"", 0},
        {"\\", 0},       {"\\x", 0},      {"\\ud800", 0}, {"\\udc00", 0},
        {"\\u12", 0},    {"\xC3", 0},     {"\xFF", 0},
    };
    static const char *const frames[] = {
        "{\"id\":1,\"text\":\"%s\"}",
        "{\"id\":1,\"text\":\"\\n%s\"}",
        "{\"%s\":1,\"text\":\"x\"}",
        "{\"a\":[{\"%s\":1}],\"text\":\"x\"}",
    };
    size_t checked = 0;
    for (size_t fr = 0; fr < sizeof frames / sizeof *frames; fr++) {
        for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
            for (size_t n = 0; n <= 140; n = n == 48 ? 56 : n == 80 ? 120 : n + 1) {
                for (size_t at = 0; at <= n; at++) {
                    char str[256], line[512];
                    size_t kl = strlen(kinds[k].s);
                    memset(str, 'a', at);
                    memcpy(str + at, kinds[k].s, kl);
                    memset(str + at + kl, 'z', n - at); /* neither escape nor hex */
                    str[at + kl + n - at] = '\0';
                    snprintf(line, sizeof line, frames[fr], str);
                    size_t len = strlen(line);
                    json_t *rec = json_loadb(line, len, JSON_ALLOW_NUL, NULL);
                    if ((rec != NULL) != kinds[k].valid)
                        show("jansson disagrees with the table", line, len);
                    assert_int_equal(rec != NULL, kinds[k].valid);
                    record_options ro = {0};
                    record_fields f;
                    strbuf spare = {0};
                    int rc = record_scan(&f, line, len, &ro, NULL, &spare);
                    if (rc != !rec)
                        show("line", line, len);
                    assert_int_equal(rc, !rec);
                    if (rec) {
                        json_t *text = json_object_get(rec, "text");
                        assert_non_null(f.text);
                        assert_int_equal(f.text_len, json_string_length(text));
                        assert_memory_equal(f.text, json_string_value(text), f.text_len);
                        checked++;
                    }
                    sb_free(&spare);
                    json_decref(rec);
                }
            }
        }
    }
    assert_true(checked > 10000);
}

/* Seeded mutations of the table's good lines: inserted, replaced and dropped bytes
 * drawn mostly from JSON's own punctuation. */
static void test_mutations(void **state)
{
    (void)state;
    static const char alphabet[] = "{}[]\":,\\u0dDbBfF8e.-+9 \t\r\v\f\x7F\x80\xFF\xC3\xA9";
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    size_t taken = 0;
    char buf[512];
    for (int iter = 0; iter < 6000; iter++) {
        const line_case *c = &LINES[iter % NLINES];
        if (!c->fast || c->len >= sizeof buf - 8)
            continue;
        memcpy(buf, c->s, c->len);
        size_t n = c->len;
        for (int edits = 0; edits < 1 + iter % 3; edits++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t at = (size_t)(seed >> 33) % (n + 1);
            char ch = alphabet[(seed >> 17) % (sizeof alphabet - 1)];
            int op = (int)((seed >> 8) % 3);
            if (op == 0 && n + 1 < sizeof buf) {
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = ch;
                n++;
            } else if (op == 1 && at < n) {
                buf[at] = ch;
            } else if (at < n) {
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
            }
        }
        taken += (size_t)fast(buf, n);
        same_both_ways(buf, n);
    }
    assert_true(taken > 0); /* some mutants stay valid and take the fast path */
}

/* The first records of each ../shared/eval file, when it is there. */
static void test_eval(void **state)
{
    (void)state;
    const char *dir = TEST_SOURCE_DIR "/../shared/eval";
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "no %s: skipped\n", dir);
        return;
    }
    size_t lines = 0, taken = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 6, ".jsonl"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        char *line = NULL;
        size_t cap = 0;
        ssize_t got;
        for (int i = 0; i < 40 && (got = getline(&line, &cap, fp)) > 0; i++) {
            size_t len = (size_t)got - (line[got - 1] == '\n');
            /* Every object without our keys must take the fast path. */
            json_t *rec = json_loadb(line, len, JSON_ALLOW_NUL, NULL);
            int plain = json_is_object(rec) && !json_object_get(rec, "tags") &&
                        !json_object_get(rec, "entities");
            json_decref(rec);
            assert_int_equal(fast(line, len), plain);
            taken += (size_t)plain;
            same_both_ways(line, len);
            lines++;
        }
        free(line);
        fclose(fp);
    }
    closedir(d);
    fprintf(stderr, "eval: %zu records, %zu on the fast path\n", lines, taken);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),         cmocka_unit_test(test_limit),
        cmocka_unit_test(test_depth),         cmocka_unit_test(test_long_escaped),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_mutations),     cmocka_unit_test(test_eval),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
