/*
 * record_scan.c - a record's fields read straight from its bytes, without building
 * the record.
 *
 * The record is written out byte for byte (jsonl.c, serve_record.c), so reading it
 * only has to say "this is an object that jansson accepts" and hand over a few
 * top-level strings. jansson builds the whole tree, lexes a byte at a time through
 * function calls and decodes every string; a general callback parser (yajl, used
 * here before) still decodes every string into its own buffer and calls out per
 * token. This scanner checks the syntax in one pass, finds the end of each string
 * sixteen bytes at a time, and decodes only the strings it hands over (and top-level
 * keys with escapes, to compare them). A news record is a few keys and one long
 * text, so nearly all of the work is the string loop.
 *
 * jansson stays the judge. Everything accepted here jansson accepts and reads the
 * same way; for anything else the answer is 1 ("ask jansson"), so every error
 * record, and every record that is rewritten, still comes from the jansson path.
 * Accepted: strict JSON (RFC 8259) with an object at the top, minus what jansson
 * refuses beyond the grammar, and minus what is not worth the code:
 *
 * - UTF-8: jansson refuses overlong forms, surrogates and code points past
 *   U+10FFFF anywhere in the input. tg_utf8_check, as strict, runs over the line
 *   first; the string loop then takes any byte from 0x80 up.
 * - \u escapes: jansson refuses a lone surrogate of either kind and a high one not
 *   followed by an escaped low one.
 * - "\u0000" in an object key at any depth: jansson refuses it even with
 *   JSON_ALLOW_NUL (and takes it in values, as we do).
 * - Numbers: jansson refuses integers outside int64_t (strtoll's ERANGE) and reals
 *   that overflow a double (strtod's HUGE_VAL with ERANGE). We check each number the
 *   same way; reals of 64 bytes or more with an exponent are left to jansson.
 * - Depth: jansson stops at 2048 levels; we stop at SCAN_MAX_DEPTH, below it.
 * - Whitespace is jansson's: space, tab, LF and CR, nothing else, before and after
 *   the object too. A NUL byte is never valid JSON, so the end of the input reads
 *   as one (peek).
 * - A top-level array is JSON to jansson but not a record: the caller's error.
 *
 * The program never calls setlocale, so strtod reads '.' as jansson's locale-aware
 * strtod does.
 */
#include "record_scan.h"

#include "bytes.h"
#include "utf8.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Below jansson's JSON_PARSER_MAX_DEPTH (2048): deeper records are jansson's call. */
#define SCAN_MAX_DEPTH 512

enum { SLOT_TEXT, SLOT_HTML, SLOT_TITLE, SLOT_LANG, NSLOTS };

typedef struct scan_value {
    int set;    /* the last such key had a string value */
    int copied; /* off is into spare, else into json */
    size_t off, len;
} scan_value;

typedef struct scan {
    const char *json, *end;
    strbuf *spare;
    const char *keys[NSLOTS]; /* NULL: slot not wanted */
    size_t key_len[NSLOTS];
    const char *const *refuse;
    scan_value val[NSLOTS];
    unsigned keys_seen; /* bit per slot: its key is there, whatever the value */
} scan;

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL


/*
 * The high bit of the first byte of w (the lowest) that ends a plain run of string
 * bytes: '"', '\\' or a control character (below 0x20); 0 when there is none. Each
 * term flags its own bytes exactly up to the first; a borrow can flag bytes above a
 * flagged one, never below, so the lowest bit set is the first such byte. Bytes from
 * 0x80 up are never flagged (~w clears them) and never borrow.
 */
static inline uint64_t run_end(uint64_t w)
{
    uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
    return (((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - ONES * 0x20) & ~w)) & HIGHS;
}

static inline int ends_run(unsigned char c) { return c == '"' || c == '\\' || c < 0x20; }

#if defined(__SSE2__)
/* The bytes of v that end a plain run, as 0xFF (see plain_run). */
static inline __m128i run_end_mask(__m128i v)
{
    const __m128i two = _mm_set1_epi8(2), space = _mm_set1_epi8(0x20);
    const __m128i backslash = _mm_set1_epi8('\\');
    __m128i x = _mm_xor_si128(v, two);
    return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, space), x), _mm_cmpeq_epi8(v, backslash));
}

static inline __m128i load16(const char *p)
{
    return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline void store16(char *o, __m128i v) { _mm_storeu_si128((__m128i *)(void *)o, v); }
#endif

/*
 * The first byte from p that ends a plain run of string bytes (see run_end), or end;
 * with `out`, the run's bytes are also copied to *out, which is moved past them (it
 * needs room for end - p bytes: each block is stored whole before it is tested).
 * Almost every byte of a record goes through here: thirty-two at a time with SSE2
 * (every x86-64 has it), two tests joined into one branch (runs between the escapes
 * of a news text's line breaks are a hundred bytes and more), then sixteen, then
 * eight with run_end, then one. In the SSE2 test, '"' (0x22) xor 2 is 0x20 and xor 2
 * maps 0x00-0x1F onto itself, so one unsigned "x <= 0x20" of x = v ^ 2 finds the
 * quotes and the control characters together. Inline, so that without `out` no
 * store is left.
 */
static inline const char *plain_run_copy(const char *p, const char *end, char **out)
{
    const char *from = p;
#if defined(__SSE2__)
    while (end - p >= 32) {
        __m128i v0 = load16(p), v1 = load16(p + 16);
        __m128i m0 = run_end_mask(v0), m1 = run_end_mask(v1);
        if (out) {
            store16(*out + (p - from), v0);
            store16(*out + (p - from) + 16, v1);
        }
        if (_mm_movemask_epi8(_mm_or_si128(m0, m1))) {
            unsigned bits = (unsigned)_mm_movemask_epi8(m0) |
                            (unsigned)_mm_movemask_epi8(m1) << 16;
            p += __builtin_ctz(bits);
            goto found;
        }
        p += 32;
    }
    if (end - p >= 16) {
        __m128i v = load16(p);
        if (out)
            store16(*out + (p - from), v);
        unsigned bits = (unsigned)_mm_movemask_epi8(run_end_mask(v));
        if (bits) {
            p += __builtin_ctz(bits);
            goto found;
        }
        p += 16;
    }
#endif
    while (end - p >= 8) {
        uint64_t w = tg_load_le64(p), m = run_end(w);
        if (out)
            memcpy(*out + (p - from), &w, 8);
        if (m) {
            p += __builtin_ctzll(m) >> 3;
            goto found;
        }
        p += 8;
    }
    for (; p < end && !ends_run((unsigned char)*p); p++)
        if (out)
            (*out)[p - from] = *p;
found:
    if (out)
        *out += p - from;
    return p;
}

static inline const char *plain_run(const char *p, const char *end)
{
    return plain_run_copy(p, end, NULL);
}

static inline int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static inline const char *skip_ws(const char *p, const char *end)
{
    while (p < end && is_ws((unsigned char)*p))
        p++;
    return p;
}

/* The byte at p, or NUL at the end (a NUL byte is no more valid JSON than the end). */
static inline unsigned char peek(const char *p, const char *end)
{
    return p < end ? (unsigned char)*p : 0;
}

static inline int is_digit(unsigned char c) { return (unsigned)c - '0' < 10u; }

static int hex4(const char *p, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = (unsigned char)p[i], d;
        if (c - '0' < 10u)
            d = c - '0';
        else if ((c | 0x20) - 'a' < 6u)
            d = (c | 0x20) - 'a' + 10;
        else
            return 0;
        x = x << 4 | d;
    }
    *v = x;
    return 1;
}

/* The escape at p (a backslash) as jansson reads it: past its end, or NULL when
 * jansson refuses it. */
static const char *escape_end(const char *p, const char *end, int in_key)
{
    if (end - p < 2)
        return NULL;
    switch (p[1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return p + 2;
    case 'u':
        break;
    default:
        return NULL;
    }
    unsigned u, lo;
    if (end - p < 6 || !hex4(p + 2, &u))
        return NULL;
    p += 6;
    if (u - 0xDC00u < 0x400u)
        return NULL; /* a low surrogate first */
    if (u - 0xD800u < 0x400u) {
        if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) ||
            lo - 0xDC00u >= 0x400u)
            return NULL;
        return p + 6;
    }
    return u == 0 && in_key ? NULL : p;
}

/*
 * The string whose bytes start at p (just past its opening quote): past its closing
 * quote, or NULL when jansson would refuse it. *escaped tells whether it holds an
 * escape.
 */
static const char *scan_string(const char *p, const char *end, int in_key, int *escaped)
{
    *escaped = 0;
    for (;;) {
        if ((p = plain_run(p, end)) == end)
            return NULL;
        if (*p == '"')
            return p + 1;
        if (*p != '\\')
            return NULL; /* a raw control character */
        *escaped = 1;
        if (!(p = escape_end(p, end, in_key)))
            return NULL;
    }
}

/* The escape at bs (a backslash), which scan_string took, decoded to o: past what it
 * wrote. *next is moved past the escape. */
static inline char *decode_escape(const char *bs, char *o, const char **next)
{
    const char *s = bs + 2;
    switch (bs[1]) {
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case 'n': *o++ = '\n'; break;
    case 'r': *o++ = '\r'; break;
    case 't': *o++ = '\t'; break;
    case 'u': {
        unsigned u = 0, lo = 0;
        hex4(s, &u);
        s += 4;
        if (u - 0xD800u < 0x400u) { /* scan_string saw the low half follow */
            hex4(s + 2, &lo);
            s += 6;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        }
        o += tg_utf8_put(u, o);
        break;
    }
    default: /* '"', '\\', '/' */
        *o++ = bs[1];
    }
    *next = s;
    return o;
}

/*
 * Append the string s[0..n), scanned by scan_string, decoded. A decoded string is
 * never longer than its escaped form, so the room is reserved once. 0 when out of
 * memory.
 */
static int decode(strbuf *sb, const char *s, size_t n)
{
    if (sb_reserve(sb, n))
        return 0;
    char *o = sb->v + sb->n;
    const char *end = s + n;
    for (;;) {
        const char *bs = memchr(s, '\\', (size_t)(end - s));
        size_t run = (size_t)((bs ? bs : end) - s);
        memcpy(o, s, run);
        o += run;
        if (!bs)
            break;
        o = decode_escape(bs, o, &s);
    }
    sb->n = (size_t)(o - sb->v);
    return 1;
}

/* Would jansson take this number (syntax checked by scan_number)? */
static int number_ok(const char *s, size_t n, int real, int exponent)
{
    if (real) {
        /* Without an exponent a double overflows only past 309 digits. */
        if (!exponent && n < 300)
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

/* The number at p: past it, or NULL. A leading zero ends the number, and the digit
 * after it is then an error where the caller expects ',' or a bracket. */
static const char *scan_number(const char *p, const char *end)
{
    const char *s = p;
    int real = 0, exponent = 0;
    if (peek(p, end) == '-')
        p++;
    if (peek(p, end) == '0') {
        p++;
    } else {
        if (!is_digit(peek(p, end)))
            return NULL;
        while (is_digit(peek(p, end)))
            p++;
    }
    if (peek(p, end) == '.') {
        p++;
        if (!is_digit(peek(p, end)))
            return NULL;
        while (is_digit(peek(p, end)))
            p++;
        real = 1;
    }
    if ((peek(p, end) | 0x20) == 'e') {
        p++;
        if (peek(p, end) == '+' || peek(p, end) == '-')
            p++;
        if (!is_digit(peek(p, end)))
            return NULL;
        while (is_digit(peek(p, end)))
            p++;
        real = exponent = 1;
    }
    return number_ok(s, (size_t)(p - s), real, exponent) ? p : NULL;
}

static int same_key(const char *want, size_t want_len, const char *key, size_t n)
{
    return want && want_len == n && !memcmp(want, key, n);
}

/*
 * A top-level key, its bytes k[0..n) as in the line: the slots it names, in
 * *pending, or 0 when the record must go to jansson (a key the caller refuses, or
 * out of memory). A key with escapes is decoded at the end of spare, compared, and
 * dropped again.
 */
static int top_key(scan *sc, const char *k, size_t n, int escaped, unsigned *pending)
{
    strbuf *spare = sc->spare;
    size_t base = spare->n;
    if (escaped) {
        if (!decode(spare, k, n))
            return 0;
        k = spare->v + base;
        n = spare->n - base;
    }
    int ok = 1;
    for (const char *const *r = sc->refuse; r && *r; r++)
        if (same_key(*r, strlen(*r), k, n))
            ok = 0;
    *pending = 0;
    for (int i = 0; i < NSLOTS; i++)
        if (same_key(sc->keys[i], sc->key_len[i], k, n))
            *pending |= 1u << i;
    sc->keys_seen |= *pending;
    spare->n = base;
    return ok;
}

/* The slots in `pending` take the value at spare[off, off + len) (NUL-terminated). */
static void take_copied(scan *sc, unsigned pending, size_t off, size_t len)
{
    for (int i = 0; i < NSLOTS; i++)
        if (pending >> i & 1)
            sc->val[i] = (scan_value){1, 1, off, len};
}

/*
 * A top-level string value s[0..n) (between its quotes) without escapes, for the
 * slots its key named. It points into the line unless it is the language (handed on
 * NUL-terminated): then it is copied to the end of spare, with a NUL. 0 when out of
 * memory.
 */
static int take(scan *sc, unsigned pending, const char *s, size_t n)
{
    for (int i = 0; i < NSLOTS; i++)
        if (i != SLOT_LANG && pending >> i & 1)
            sc->val[i] = (scan_value){1, 0, (size_t)(s - sc->json), n};
    if (pending >> SLOT_LANG & 1) {
        size_t off = sc->spare->n;
        sb_append(sc->spare, s, n);
        sb_putc(sc->spare, '\0');
        if (sc->spare->failed)
            return 0;
        take_copied(sc, 1u << SLOT_LANG, off, n);
    }
    return 1;
}

/*
 * A top-level string value for the slots its key named, from s (just past its
 * opening quote): past its closing quote, or NULL as for scan_string (or out of
 * memory). The same scan, and a value with escapes is decoded to the end of spare,
 * with a NUL, on the way: from its first escape on, each run is copied as it is
 * tested rather than found again by a second pass (a news text has an escape, its
 * line breaks' "\n", every hundred bytes or so).
 */
static const char *take_string(scan *sc, unsigned pending, const char *s)
{
    const char *end = sc->end, *p = plain_run(s, end);
    if (p == end)
        return NULL;
    if (*p == '"')
        return take(sc, pending, s, (size_t)(p - s)) ? p + 1 : NULL;
    strbuf *spare = sc->spare;
    size_t off = spare->n;
    /* Decoded, the value is no longer than the rest of the line; and the NUL. */
    if (sb_reserve(spare, (size_t)(end - s) + 1))
        return NULL;
    char *o = spare->v + off;
    memcpy(o, s, (size_t)(p - s));
    o += p - s;
    while (*p == '\\') {
        if (!escape_end(p, end, 0))
            return NULL;
        o = decode_escape(p, o, &p);
        if ((p = plain_run_copy(p, end, &o)) == end)
            return NULL;
    }
    if (*p != '"')
        return NULL; /* a raw control character */
    *o = '\0';
    size_t len = (size_t)(o - (spare->v + off));
    spare->n = off + len + 1;
    take_copied(sc, pending, off, len);
    return p + 1;
}

/* A top-level value that is not a string: the slots its key named have none. */
static void untake(scan *sc, unsigned pending)
{
    for (int i = 0; i < NSLOTS; i++)
        if (pending >> i & 1)
            sc->val[i].set = 0;
}

/*
 * The whole line: 1 when it is an object jansson accepts (with the limits above)
 * and none of the refused keys at the top; the slots are filled on the way.
 *
 * One loop for every depth, with the open containers as a bit stack (1: array), so
 * that depth costs no recursion. The labels are the parser's three states: at a
 * member's key, at a value, after a value.
 */
static int scan_record(scan *sc)
{
    const char *p = skip_ws(sc->json, sc->end), *end = sc->end;
    uint64_t arrays[SCAN_MAX_DEPTH / 64 + 1] = {0}; /* bit d: depth d is an array */
    size_t depth = 1;
    unsigned pending = 0;
    int escaped;
    if (peek(p, end) != '{')
        return 0;
    p = skip_ws(p + 1, end);
    if (peek(p, end) == '}') {
        p++;
        goto done;
    }
member:
    if (peek(p, end) != '"')
        return 0;
    {
        const char *k = p + 1;
        if (!(p = scan_string(k, end, 1, &escaped)))
            return 0;
        if (depth == 1 && !top_key(sc, k, (size_t)(p - 1 - k), escaped, &pending))
            return 0;
    }
    p = skip_ws(p, end);
    if (peek(p, end) != ':')
        return 0;
    p = skip_ws(p + 1, end);
value:
    switch (peek(p, end)) {
    case '"':
        if (!(p = depth == 1 && pending ? take_string(sc, pending, p + 1)
                                        : scan_string(p + 1, end, 0, &escaped)))
            return 0;
        break;
    case '{':
    case '[': {
        int array = *p == '[';
        if (depth == 1)
            untake(sc, pending);
        if (depth == SCAN_MAX_DEPTH)
            return 0;
        depth++;
        arrays[depth / 64] = (arrays[depth / 64] & ~(1ULL << depth % 64)) |
                             (uint64_t)array << depth % 64;
        p = skip_ws(p + 1, end);
        if (peek(p, end) == (array ? ']' : '}')) {
            p++;
            depth--;
            break;
        }
        if (array)
            goto value;
        goto member;
    }
    case 't':
    case 'f':
    case 'n': {
        const char *word = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
        size_t n = strlen(word);
        if ((size_t)(end - p) < n || memcmp(p, word, n))
            return 0;
        p += n;
        if (depth == 1)
            untake(sc, pending);
        break;
    }
    default:
        if (!(p = scan_number(p, end)))
            return 0;
        if (depth == 1)
            untake(sc, pending);
    }
    /* After a value: a comma and the next, or the container's closing bracket. */
    for (;;) {
        int array = (int)(arrays[depth / 64] >> depth % 64 & 1);
        p = skip_ws(p, end);
        if (peek(p, end) == ',') {
            p = skip_ws(p + 1, end);
            if (array)
                goto value;
            goto member;
        }
        if (peek(p, end) != (array ? ']' : '}'))
            return 0;
        p++;
        if (--depth == 0)
            goto done;
    }
done:
    return skip_ws(p, end) == end;
}

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
    if (!json || spare->failed || tg_utf8_check(json, len) != len)
        return 1;
    scan sc = {json, json + len, spare, {NULL}, {0}, refuse, {{0}}, 0};
    sc.keys[SLOT_TEXT] = o->text_field ? o->text_field : "text";
    sc.keys[SLOT_HTML] = o->text_field ? NULL : "html";
    sc.keys[SLOT_TITLE] = "title";
    sc.keys[SLOT_LANG] = "lang";
    for (int i = 0; i < NSLOTS; i++)
        sc.key_len[i] = sc.keys[i] ? strlen(sc.keys[i]) : 0;
    size_t base = spare->n;
    if (!scan_record(&sc) || spare->failed) {
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
    f->has_lang = sc.keys_seen >> SLOT_LANG & 1;
    /* The line passed tg_utf8_check and every \u escape in it names a scalar value or
     * a proper pair, which decode writes as valid UTF-8: each string is valid. */
    f->utf8_checked = 1;
    return 0;
}
