/* test_utf8.c - strict decoding: every kind of invalid UTF-8 is caught at its byte. */
#include "harness.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct { const char *name, *bytes; size_t len, bad_at; } case_t;

static const case_t CASES[] = {
    {"ascii", "hello", 5, 5},
    {"cyrillic", "\xD0\xA0\xD0\xBE\xD1\x81", 6, 6},
    {"emoji", "a\xF0\x9F\x98\x80", 5, 5},
    {"nul inside", "a\0b", 3, 3},
    {"stray continuation", "ab\x80", 3, 2},
    {"overlong slash", "x\xC0\xAF", 3, 1},
    {"overlong 3-byte", "\xE0\x80\xAF", 3, 0},
    {"surrogate", "ok\xED\xA0\x80", 5, 2},
    {"above U+10FFFF", "\xF4\x90\x80\x80", 4, 0},
    {"truncated at end", "abc\xE2\x82", 5, 3},
    {"truncated then ascii", "\xE2\x82z", 3, 0},
    {"invalid lead", "\xFF", 1, 0},
};

static void check_finds_first_bad_byte(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t got = tg_utf8_check(CASES[i].bytes, CASES[i].len);
        if (got != CASES[i].bad_at)
            fail_msg("%s: expected %zu, got %zu", CASES[i].name, CASES[i].bad_at, got);
    }
}

static void repair_replaces_each_bad_byte(void **state)
{
    (void)state;
    size_t n;
    char *fixed = tg_utf8_repair("a\xFF" "b\xC0\xAF", 5, &n);
    assert_non_null(fixed);
    assert_string_equal(fixed, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(tg_utf8_check(fixed, n), n);
    free(fixed);
}

static void encode_decode_round_trip(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x41, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        size_t n = tg_utf8_put(cps[i], buf);
        size_t at = 0;
        assert_int_equal(tg_utf8_next((const unsigned char *)buf, n, &at), cps[i]);
        assert_int_equal(at, n);
    }
}

/* The well-formed sequences of the Unicode standard (table 3-7), written as byte
 * ranges rather than decoded values, so that it shares no logic with utf8.c: the
 * length of the sequence at s[i], or 0 when it is not well formed. */
static size_t ref_seq_len(const unsigned char *s, size_t len, size_t i)
{
    static const struct { unsigned char lo[4], hi[4]; size_t n; } FORMS[] = {
        {{0x00}, {0x7F}, 1},
        {{0xC2, 0x80}, {0xDF, 0xBF}, 2},
        {{0xE0, 0xA0, 0x80}, {0xE0, 0xBF, 0xBF}, 3},
        {{0xE1, 0x80, 0x80}, {0xEC, 0xBF, 0xBF}, 3},
        {{0xED, 0x80, 0x80}, {0xED, 0x9F, 0xBF}, 3},
        {{0xEE, 0x80, 0x80}, {0xEF, 0xBF, 0xBF}, 3},
        {{0xF0, 0x90, 0x80, 0x80}, {0xF0, 0xBF, 0xBF, 0xBF}, 4},
        {{0xF1, 0x80, 0x80, 0x80}, {0xF3, 0xBF, 0xBF, 0xBF}, 4},
        {{0xF4, 0x80, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, 4},
    };
    for (size_t f = 0; f < sizeof FORMS / sizeof FORMS[0]; f++) {
        if (s[i] < FORMS[f].lo[0] || s[i] > FORMS[f].hi[0])
            continue;
        for (size_t k = 1; k < FORMS[f].n; k++)
            if (i + k >= len || s[i + k] < FORMS[f].lo[k] || s[i + k] > FORMS[f].hi[k])
                return 0;
        return FORMS[f].n;
    }
    return 0;
}

static size_t ref_check(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = ref_seq_len(s, len, i);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

/* tg_utf8_check on a private copy of exactly len bytes (so that ASan sees any read
 * past the end), compared with the reference. */
static void expect_check_as_ref(const unsigned char *s, size_t len, const char *what,
                                size_t pos)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, s, len);
    size_t want = ref_check(s, len), got = tg_utf8_check(copy, len);
    free(copy);
    if (got != want)
        fail_msg("%s at %zu (length %zu): expected %zu, got %zu", what, pos, len, want, got);
}

/* One of each kind of invalid sequence, and valid ones of each length for contrast. */
static const struct { const char *name, *bytes; } PIECES[] = {
    {"stray continuation", "\x80"},
    {"stray continuation BF", "\xBF"},
    {"overlong C0", "\xC0\x80"},
    {"overlong C1", "\xC1\xBF"},
    {"overlong E0", "\xE0\x9F\xBF"},
    {"overlong F0", "\xF0\x8F\xBF\xBF"},
    {"surrogate low end", "\xED\xA0\x80"},
    {"surrogate high end", "\xED\xBF\xBF"},
    {"above U+10FFFF", "\xF4\x90\x80\x80"},
    {"lead F5", "\xF5\x80\x80\x80"},
    {"lead FF", "\xFF"},
    {"lead FE", "\xFE"},
    {"2-byte lead then ASCII", "\xD0z"},
    {"2-byte lead then lead", "\xD0\xD0\xB0"},
    {"3-byte cut after 1", "\xE2z"},
    {"3-byte cut after 2", "\xE2\x82z"},
    {"4-byte cut after 3", "\xF0\x9F\x98z"},
    {"2-byte lead at end", "\xD0"},
    {"3-byte lead at end", "\xE2\x82"},
    {"valid U+0080", "\xC2\x80"},
    {"valid U+07FF", "\xDF\xBF"},
    {"valid U+D7FF", "\xED\x9F\xBF"},
    {"valid U+E000", "\xEE\x80\x80"},
    {"valid U+10FFFF", "\xF4\x8F\xBF\xBF"},
    {"valid em dash", "\xE2\x80\x94"},
};

/* Each piece at every offset 0..40 of ASCII, Cyrillic and mixed text, so that it
 * falls at every position of an eight-byte window, with text after it or not. */
static void check_every_class_at_every_position(void **state)
{
    (void)state;
    static const char *const FILLERS[] = {
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ",
        "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2 \xD0\xA0\xD0\xBE\xD1\x81\xD1\x96\xD1\x8F "
        "\xD0\xBC\xD0\xB8\xD1\x80 \xD0\xB2\xD1\x96\xD0\xB9\xD0\xBD\xD0\xB0",
        "a\xD0\xB1 c\xC3\xA9" "d\xE2\x80\x94" "e \xF0\x9F\x98\x80" "f\xD1\x8Fgh ij\xD0\xB0kl",
    };
    unsigned char buf[128];
    for (size_t f = 0; f < sizeof FILLERS / sizeof FILLERS[0]; f++) {
        size_t flen = strlen(FILLERS[f]);
        for (size_t p = 0; p < sizeof PIECES / sizeof PIECES[0]; p++) {
            size_t plen = strlen(PIECES[p].bytes);
            for (size_t at = 0; at <= 40 && at <= flen; at++) {
                for (int tail = 0; tail < 2; tail++) {
                    /* A filler prefix may end inside a sequence: that is a case too. */
                    size_t n = 0;
                    memcpy(buf, FILLERS[f], at);
                    n = at;
                    memcpy(buf + n, PIECES[p].bytes, plen);
                    n += plen;
                    if (tail) {
                        memcpy(buf + n, FILLERS[f], flen);
                        n += flen;
                    }
                    expect_check_as_ref(buf, n, PIECES[p].name, at);
                }
            }
        }
    }
}

/* Every one- and two-byte string, every three-byte string, and the four-byte strings
 * with leads F0..F7, each after 0..39 bytes of Cyrillic so that the offset in the
 * sixteen-byte block (and an odd pad ending inside a sequence) varies too. */
static void check_matches_reference_exhaustively(void **state)
{
    (void)state;
    static const unsigned char PAD[] = "\xD1\x8F\xD0\xB0\xD1\x8F\xD0\xB0\xD1\x8F\xD0\xB0"
                                       "\xD1\x8F\xD0\xB0\xD1\x8F\xD0\xB0\xD1\x8F\xD0\xB0"
                                       "\xD1\x8F\xD0\xB0\xD1\x8F\xD0\xB0\xD1\x8F\xD0\xB0"
                                       "\xD1\x8F\xD0\xB0";
    unsigned char buf[48];
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (unsigned c = 0; c < 256; c++) {
                size_t pad = (a + b + c) % 40;
                memcpy(buf, PAD, pad);
                buf[pad] = (unsigned char)a;
                buf[pad + 1] = (unsigned char)b;
                buf[pad + 2] = (unsigned char)c;
                buf[pad + 3] = 'x';
                size_t want = ref_check(buf, pad + 4);
                size_t got = tg_utf8_check((const char *)buf, pad + 4);
                if (got != want)
                    fail_msg("%02X %02X %02X after %zu: expected %zu, got %zu", a, b, c,
                             pad, want, got);
                if (c == 0) {
                    want = ref_check(buf, pad + 2);
                    got = tg_utf8_check((const char *)buf, pad + 2);
                    if (got != want)
                        fail_msg("%02X %02X: expected %zu, got %zu", a, b, want, got);
                }
            }
    for (unsigned a = 0xF0; a < 0xF8; a++)
        for (unsigned b = 0x80; b < 0xC0; b++)
            for (unsigned c = 0x7F; c < 0xC1; c += 0x41)
                for (unsigned d = 0x7F; d < 0xC1; d++) {
                    const unsigned char s[5] = {(unsigned char)a, (unsigned char)b,
                                                (unsigned char)c, (unsigned char)d, 'x'};
                    size_t want = ref_check(s, 5), got = tg_utf8_check((const char *)s, 5);
                    if (got != want)
                        fail_msg("%02X %02X %02X %02X: expected %zu, got %zu", a, b, c, d,
                                 want, got);
                }
}

/* tg_utf8_next against the reference on every two- and three-byte string: the same
 * length when valid, one byte and -1 when not; and the code point agrees with
 * tg_utf8_put's encoding. */
static void next_matches_reference(void **state)
{
    (void)state;
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (unsigned c = 0; c < 256; c += (a >= 0xE0 && a < 0xF0) ? 1 : 255) {
                const unsigned char s[3] = {(unsigned char)a, (unsigned char)b,
                                            (unsigned char)c};
                for (size_t len = 1; len <= 3; len++) {
                    size_t want = ref_seq_len(s, len, 0), at = 0;
                    int32_t cp = tg_utf8_next(s, len, &at);
                    if (want == 0 ? (cp != -1 || at != 1) : (cp < 0 || at != want))
                        fail_msg("%02X %02X %02X len %zu: cp %d, advanced %zu", a, b, c, len,
                                 (int)cp, at);
                    if (cp >= 0) {
                        char enc[4];
                        if (tg_utf8_put((uint32_t)cp, enc) != at || memcmp(enc, s, at) != 0)
                            fail_msg("%02X %02X %02X: U+%04X does not encode back", a, b, c,
                                     (unsigned)cp);
                    }
                }
            }
}

/* Long random strings of valid and invalid pieces: the first bad byte, whatever the
 * mix, agrees with the reference. */
static void check_matches_reference_on_random_text(void **state)
{
    (void)state;
    static const char *const ATOMS[] = {"a", " ", "Zz", "\xD0\xB0", "\xD1\x97", "\xC3\xA9",
                                        "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\x80",
                                        "\xC1\x81", "\xED\xA0\x80", "\xD0", "\xE2\x80"};
    unsigned char buf[300];
    uint64_t x = 0x243F6A8885A308D3ULL;
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        /* Mostly valid pieces, so that the first bad one lands anywhere. */
        while (n < sizeof buf - 4) {
            xorshift(&x);
            size_t k = (x >> 8) % 100 < 97 ? (x >> 20) % 8 : 8 + (x >> 20) % 5;
            size_t len = strlen(ATOMS[k]);
            memcpy(buf + n, ATOMS[k], len);
            n += len;
            if ((x >> 40) % 64 == 0)
                break;
        }
        expect_check_as_ref(buf, n, "random", (size_t)round);
    }
}

/* Appends to buf at n one of PIECES after a run of filler (fill writes it, from the
 * random word x), invalid pieces one time in four so that most strings run long;
 * returns the new length. */
static size_t append_run_and_piece(unsigned char *buf, size_t n, uint64_t x,
                                   size_t (*fill)(unsigned char *out, uint64_t x))
{
    n += fill(buf + n, x);
    size_t p = (x >> 24) % (sizeof PIECES / sizeof PIECES[0]);
    if (p < 19 && (x >> 32) % 4)
        p = 19 + (x >> 40) % 6;
    size_t plen = strlen(PIECES[p].bytes);
    memcpy(buf + n, PIECES[p].bytes, plen);
    return n + plen;
}

/* Strings of runs and pieces (append_run_and_piece) in buf[0..cap - room), 20,000
 * of them from seed: the first bad byte agrees with the reference. */
static void expect_runs_as_ref(unsigned char *buf, size_t cap, size_t room, uint64_t seed,
                               size_t (*fill)(unsigned char *out, uint64_t x),
                               const char *what)
{
    uint64_t x = seed;
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        while (n < cap - room) {
            xorshift(&x);
            n = append_run_and_piece(buf, n, x, fill);
            if ((x >> 50) % 16 == 0)
                break;
        }
        expect_check_as_ref(buf, n, what, (size_t)round);
    }
}

/* 0 to 99 printable ASCII bytes. */
static size_t ascii_run(unsigned char *out, uint64_t x)
{
    size_t run = (x >> 3) % 100;
    for (size_t k = 0; k < run; k++)
        out[k] = (unsigned char)(0x20 + (x >> (k % 40)) % 0x5F);
    return run;
}

/* 0 to 79 letters of two bytes (and spaces), after an odd ASCII byte or not. */
static size_t cyrillic_run(unsigned char *out, uint64_t x)
{
    static const char *const LETTERS[] = {"\xD0\xB0", "\xD1\x97", "\xD0\x90", "\xC3\xA9",
                                          "\xDF\xBF", "\xC2\x80", " ", "\xD1\x8F"};
    size_t n = 0;
    if ((x >> 60) & 1)
        out[n++] = 'q';
    size_t run = (x >> 3) % 80;
    for (size_t k = 0; k < run; k++) {
        const char *l = LETTERS[(x >> (k % 50)) % 8];
        size_t ll = strlen(l);
        memcpy(out + n, l, ll);
        n += ll;
    }
    return n;
}

/* Long ASCII runs (0 to 99 bytes, so that the 32-byte blocks start and stop at every
 * offset) between random pieces, valid and invalid: the first bad byte agrees with
 * the reference wherever a block or a word boundary falls. */
static void check_matches_reference_across_ascii_runs(void **state)
{
    (void)state;
    unsigned char buf[600];
    expect_runs_as_ref(buf, sizeof buf, 104, 0x9E3779B97F4A7C15ULL, ascii_run, "ascii runs");
}

/* Runs of Cyrillic (0 to 79 letters, after an odd ASCII byte or not, so that the
 * sixteen-byte blocks start and stop at every offset, in and between sequences)
 * between random pieces, valid and invalid: the first bad byte agrees with the
 * reference. */
static void check_matches_reference_across_cyrillic_runs(void **state)
{
    (void)state;
    unsigned char buf[700];
    expect_runs_as_ref(buf, sizeof buf, 170, 0x452821E638D01377ULL, cyrillic_run,
                       "cyrillic runs");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_finds_first_bad_byte),
        cmocka_unit_test(repair_replaces_each_bad_byte),
        cmocka_unit_test(encode_decode_round_trip),
        cmocka_unit_test(check_every_class_at_every_position),
        cmocka_unit_test(check_matches_reference_exhaustively),
        cmocka_unit_test(next_matches_reference),
        cmocka_unit_test(check_matches_reference_on_random_text),
        cmocka_unit_test(check_matches_reference_across_ascii_runs),
        cmocka_unit_test(check_matches_reference_across_cyrillic_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
