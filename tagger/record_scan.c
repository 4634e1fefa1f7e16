/*
 * record_scan.c - a record's fields from yajl's callback parser, without building
 * the record.
 *
 * The record is written out byte for byte (jsonl.c, serve_record.c), so parsing only
 * has to say "this is a JSON object" and hand over a few top-level strings. jansson
 * builds the whole tree and lexes strings a byte at a time through function calls,
 * then decodes them in a second pass: about a quarter of `tagger --jsonl`. yajl's
 * lexer scans strings with a table and calls us per token, so we keep only the
 * top-level members we need and never build anything.
 *
 * jansson stays the judge. Where the two libraries disagree, this file answers 1
 * ("ask jansson") rather than guess, so every record that is not plainly good, and
 * every error message, still comes from the jansson path. The disagreements, each
 * checked here before or while yajl runs:
 *
 * - UTF-8: yajl's check lets overlong forms, surrogates and code points past
 *   U+10FFFF through; jansson refuses them. We check the whole line with the
 *   project's strict tg_utf8_check first and then switch yajl's check off.
 * - Whitespace: yajl also skips \v and \f between tokens. Raw \v or \f is an error
 *   inside a string for both, so any such byte at all means "ask jansson".
 * - \u escapes: yajl turns a lone high surrogate into '?', pairs a high surrogate
 *   with any following \u, and encodes a lone low surrogate as invalid UTF-8;
 *   jansson refuses all three. Every escape in the line is checked first.
 * - "\u0000" in an object key: jansson refuses it even with JSON_ALLOW_NUL.
 * - Numbers: yajl takes any length; jansson refuses integers outside int64_t and
 *   reals that overflow a double (strtod's HUGE_VAL with ERANGE). We check each
 *   number the same way; reals of 64 characters or more are left to jansson.
 * - Depth: jansson stops at 2048 levels, yajl has no limit. We stop at
 *   SCAN_MAX_DEPTH, below it, and let jansson decide.
 *
 * - After the object: yajl's trailing-garbage check lets an unfinished token
 *   through (an unterminated string, which it takes for one cut at the end of a
 *   chunk), so we check that only jansson's whitespace follows the closing brace.
 *
 * Comments, several values and partial values are off in yajl by default, as in
 * jansson. The program never calls setlocale, so strtod reads '.'
 * as jansson's locale-aware strtod does.
 */
#include "record_scan.h"

#include "utf8.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* Below jansson's JSON_PARSER_MAX_DEPTH (2048): deeper records are jansson's call. */
#define SCAN_MAX_DEPTH 512

enum { SLOT_TEXT, SLOT_HTML, SLOT_TITLE, SLOT_LANG, NSLOTS };

typedef struct scan_value {
    int set;    /* the last such key had a string value */
    int copied; /* off is into spare, else into json */
    size_t off, len;
} scan_value;

typedef struct scan {
    const char *json;
    size_t len;
    strbuf *spare;
    const char *keys[NSLOTS]; /* NULL: slot not wanted */
    const char *const *refuse;
    unsigned pending; /* slots named by the top-level key whose value comes next */
    size_t depth;
    int object; /* the top-level value is an object */
    int closed; /* ... and its closing brace has been read */
    scan_value val[NSLOTS];
} scan;

static int hex4(const char *p, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = (unsigned char)p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return 0;
        x = x << 4 | d;
    }
    *v = x;
    return 1;
}

/*
 * Every \u escape names a scalar value or a proper surrogate pair. Backslashes only
 * occur inside strings in JSON that yajl accepts, so taking escapes pairwise from
 * the left reads them as the lexer does; for anything else yajl fails anyway.
 */
static int escapes_ok(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while ((p = memchr(p, '\\', (size_t)(end - p)))) {
        if (end - p < 2)
            return 0;
        if (p[1] != 'u') {
            p += 2;
            continue;
        }
        unsigned hi, lo;
        if (end - p < 6 || !hex4(p + 2, &hi))
            return 0;
        p += 6;
        if (hi >= 0xDC00 && hi <= 0xDFFF)
            return 0;
        if (hi >= 0xD800 && hi <= 0xDBFF) {
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF)
                return 0;
            p += 6;
        }
    }
    return 1;
}

/* Would jansson take this number token? (yajl's lexer has checked its syntax.) */
static int number_ok(const char *s, size_t n)
{
    int real = memchr(s, '.', n) || memchr(s, 'e', n) || memchr(s, 'E', n);
    if (real) {
        /* Without an exponent a double overflows only past 309 digits. */
        if (!memchr(s, 'e', n) && !memchr(s, 'E', n) && n < 300)
            return 1;
        char buf[64];
        if (n >= sizeof buf)
            return 0;
        memcpy(buf, s, n);
        buf[n] = '\0';
        errno = 0;
        double d = strtod(buf, NULL);
        return !((d == HUGE_VAL || d == -HUGE_VAL) && errno == ERANGE);
    }
    int neg = s[0] == '-';
    size_t digits = n - (size_t)neg;
    if (digits != 19)
        return digits < 19;
    return memcmp(s + neg, neg ? "9223372036854775808" : "9223372036854775807", 19) <= 0;
}

/* A value at the top level: remember it for the slots its key named. */
static int take(scan *sc, const char *s, size_t n, int is_string)
{
    unsigned pending = sc->pending;
    sc->pending = 0;
    for (int i = 0; pending; i++, pending >>= 1) {
        if (!(pending & 1))
            continue;
        scan_value *v = &sc->val[i];
        v->set = is_string;
        if (!is_string)
            continue;
        v->len = n;
        uintptr_t p = (uintptr_t)s, j = (uintptr_t)sc->json;
        /* lang is handed on NUL-terminated, so it is always copied. */
        if (i != SLOT_LANG && p >= j && p + n <= j + sc->len) {
            v->copied = 0;
            v->off = (size_t)(p - j);
        } else {
            v->copied = 1;
            v->off = sc->spare->n;
            sb_append(sc->spare, s, n);
            sb_putc(sc->spare, '\0');
            if (sc->spare->failed)
                return 0;
        }
    }
    return 1;
}

/* A scalar: top-level scalars are not records; depth-1 ones are member values. */
static int scalar(scan *sc, const char *s, size_t n, int is_string)
{
    if (sc->depth == 0)
        return 0;
    return sc->depth == 1 ? take(sc, s, n, is_string) : 1;
}

static int open_container(scan *sc, int is_map)
{
    if (sc->depth == 0) {
        if (!is_map)
            return 0;
        sc->object = 1;
    } else if (sc->depth == 1 && !take(sc, NULL, 0, 0)) {
        return 0;
    }
    return ++sc->depth <= SCAN_MAX_DEPTH;
}

static int on_null(void *ctx) { return scalar(ctx, NULL, 0, 0); }

static int on_boolean(void *ctx, int b)
{
    (void)b;
    return scalar(ctx, NULL, 0, 0);
}

static int on_number(void *ctx, const char *s, size_t n)
{
    return number_ok(s, n) && scalar(ctx, NULL, 0, 0);
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
    return scalar(ctx, (const char *)s, n, 1);
}

static int on_start_map(void *ctx) { return open_container(ctx, 1); }

static int on_start_array(void *ctx) { return open_container(ctx, 0); }

static int on_end(void *ctx)
{
    scan *sc = ctx;
    sc->closed = --sc->depth == 0;
    return 1;
}

static int key_is(const char *want, const unsigned char *key, size_t n)
{
    return want && strlen(want) == n && !memcmp(want, key, n);
}

static int on_map_key(void *ctx, const unsigned char *key, size_t n)
{
    scan *sc = ctx;
    if (memchr(key, '\0', n))
        return 0; /* jansson: "NUL byte in object key not supported" */
    if (sc->depth != 1)
        return 1;
    for (const char *const *r = sc->refuse; r && *r; r++)
        if (key_is(*r, key, n))
            return 0;
    sc->pending = 0;
    for (int i = 0; i < NSLOTS; i++)
        if (key_is(sc->keys[i], key, n))
            sc->pending |= 1u << i;
    return 1;
}

static const yajl_callbacks callbacks = {
    on_null,     on_boolean, NULL,   NULL,           on_number, on_string,
    on_start_map, on_map_key, on_end, on_start_array, on_end,
};

static const char *value_ptr(const scan *sc, int slot, size_t *len)
{
    const scan_value *v = &sc->val[slot];
    if (!v->set)
        return NULL;
    *len = v->len;
    return v->copied ? sc->spare->v + v->off : sc->json + v->off;
}

int record_scan(record_fields *f, const char *json, size_t len, const record_options *o,
                const char *const *refuse, strbuf *spare)
{
    if (!json || spare->failed || tg_utf8_check(json, len) != len || memchr(json, '\v', len) ||
        memchr(json, '\f', len) || !escapes_ok(json, len))
        return 1;
    scan sc = {json, len, spare, {NULL}, refuse, 0, 0, 0, 0, {{0}}};
    sc.keys[SLOT_TEXT] = o->text_field ? o->text_field : "text";
    sc.keys[SLOT_HTML] = o->text_field ? NULL : "html";
    sc.keys[SLOT_TITLE] = "title";
    sc.keys[SLOT_LANG] = "lang";
    size_t base = spare->n;
    yajl_handle h = yajl_alloc(&callbacks, NULL, &sc);
    if (!h)
        return 1;
    yajl_config(h, yajl_dont_validate_strings, 1); /* tg_utf8_check did, strictly */
    /* yajl's own trailing-garbage check passes an unfinished token (`} "`, which the
     * lexer takes for a string cut at a chunk's end), so it stops after the object
     * and we check what follows for jansson's whitespace ourselves. */
    yajl_config(h, yajl_allow_trailing_garbage, 1);
    int ok = yajl_parse(h, (const unsigned char *)json, len) == yajl_status_ok && sc.closed;
    for (size_t i = ok ? yajl_get_bytes_consumed(h) : len; i < len; i++)
        if (json[i] != ' ' && json[i] != '\t' && json[i] != '\n' && json[i] != '\r')
            ok = 0;
    yajl_free(h);
    if (!ok) {
        spare->n = base;
        spare->failed = 0; /* it was clear on entry, and a failed append changes nothing */
        return 1;
    }
    memset(f, 0, sizeof *f);
    f->text = value_ptr(&sc, SLOT_TEXT, &f->text_len);
    f->html = value_ptr(&sc, SLOT_HTML, &f->html_len);
    f->title = value_ptr(&sc, SLOT_TITLE, &f->title_len);
    size_t lang_len;
    f->lang = value_ptr(&sc, SLOT_LANG, &lang_len);
    /* The line passed tg_utf8_check and every \u escape in it names a scalar value or
     * a proper pair, which yajl decodes to valid UTF-8: each string is valid. */
    f->utf8_checked = 1;
    return 0;
}
