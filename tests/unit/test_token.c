/*
 * test_token.c - the tokenizer, table-driven from tests/data/tokens.cases:
 * each case is a text and the folded tokens it must give, separated by " | ".
 */
#include "harness.h"

#include "ascii_word.h"
#include "cyr_word.h"
#include "token.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_fold fold;

static void run_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(TEST_DATA_DIR "/tokens.cases", "r");
    assert_non_null(fp);
    char line[1024];
    int n = 0, line_no = 0;
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    const char *expect;
    while ((expect = test_next_case(fp, line, sizeof line, &line_no))) {
        const char *text = line;
        assert_int_equal(tg_tokenize(&fold, text, strlen(text), &toks, &norm), 0);
        char got[1024] = "";
        for (size_t i = 0; i < toks.n; i++) {
            if (i)
                strcat(got, " | ");
            strncat(got, norm.v + toks.v[i].norm_off, toks.v[i].norm_len);
            if (toks.v[i].flags & TK_POSSESSIVE)
                strcat(got, "+'s");
        }
        if (strcmp(got, expect) != 0)
            fail_msg("tokens.cases:%d: '%s'\n  expected: %s\n  got:      %s", line_no, text,
                     expect, got);
        n++;
    }
    fclose(fp);
    vec_free(toks);
    vec_free(norm);
    assert_true(n >= 10);
}

static void offsets_slice_the_input(void **state)
{
    (void)state;
    const char *text = "Росія’s «Роскосмос» — NASA’s partner, U.S.";
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    assert_int_equal(tg_tokenize(&fold, text, strlen(text), &toks, &norm), 0);
    size_t cps = 0, byte = 0;
    for (size_t i = 0; i < toks.n; i++) {
        const tg_token *t = &toks.v[i];
        for (; byte < t->byte_start; byte++)
            cps += ((text[byte] & 0xC0) != 0x80);
        assert_int_equal(t->cp_start, cps);
        for (; byte < t->byte_end; byte++)
            cps += ((text[byte] & 0xC0) != 0x80);
        assert_int_equal(t->cp_end, cps);
    }
    /* "NASA’s" ends before the apostrophe and is possessive. */
    int found = 0;
    for (size_t i = 0; i < toks.n; i++)
        if (toks.v[i].norm_len == 4 && !memcmp(norm.v + toks.v[i].norm_off, "nasa", 4)) {
            assert_memory_equal(text + toks.v[i].byte_start, "NASA", 4);
            assert_int_equal(toks.v[i].byte_end - toks.v[i].byte_start, 4);
            assert_true(toks.v[i].flags & TK_POSSESSIVE);
            found = 1;
        }
    assert_true(found);
    vec_free(toks);
    vec_free(norm);
}

/* Flags: each word's, whether its letters are ASCII or not. */
static void flags_of_words(void **state)
{
    (void)state;
    static const struct {
        const char *word;
        uint32_t set, clear;
    } cases[] = {
        {"Paris", TK_WORD | TK_FIRST_UPPER | TK_HAS_UPPER | TK_HAS_LOWER, TK_DIGIT | TK_CYRILLIC},
        {"5G", TK_WORD | TK_FIRST_UPPER | TK_HAS_UPPER | TK_DIGIT, TK_HAS_LOWER},
        {"iPhone", TK_WORD | TK_HAS_UPPER | TK_HAS_LOWER, TK_FIRST_UPPER},
        {"Su34", TK_WORD | TK_FIRST_UPPER | TK_DIGIT, TK_CYRILLIC},
        {"nASA", TK_WORD | TK_HAS_UPPER, TK_FIRST_UPPER},
        {"2024р", TK_WORD | TK_DIGIT | TK_CYRILLIC | TK_HAS_LOWER, TK_FIRST_UPPER},
        {"9Київ", TK_WORD | TK_DIGIT | TK_CYRILLIC | TK_FIRST_UPPER, 0},
        {"Kyiv’ська", TK_WORD | TK_FIRST_UPPER | TK_CYRILLIC, 0},
        {"résumé", TK_WORD | TK_HAS_LOWER, TK_HAS_UPPER | TK_APOS_MARK},
        {"Paris", TK_WORD, TK_APOS_MARK},
        {"м'ясо", TK_WORD | TK_APOS_MARK, 0},
        {"O’Brien", TK_WORD | TK_APOS_MARK, 0},
        {"NASA’s", TK_WORD | TK_POSSESSIVE, TK_APOS_MARK}, /* the apostrophe is not in it */
        {"e\xCC\x81te", TK_WORD | TK_APOS_MARK, 0},     /* a combining acute */
        {"5\xCC\x81", TK_WORD | TK_DIGIT | TK_APOS_MARK, TK_FIRST_UPPER},
        /* TK_ASCII: every character of the word one byte; never on a non-word */
        {"Paris", TK_ASCII, 0},
        {"x9", TK_ASCII, 0},
        {"don't", TK_ASCII | TK_APOS_MARK, 0},
        {"NASA’s", TK_ASCII | TK_POSSESSIVE, 0},
        {"O’Brien", TK_WORD, TK_ASCII},
        {"résumé", TK_WORD, TK_ASCII},
        {"Київ", TK_WORD, TK_ASCII},
        {",", 0, TK_ASCII | TK_WORD},
        {"\xE2\x80\x94", 0, TK_ASCII | TK_WORD},
    };
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *w = cases[i].word;
        assert_int_equal(tg_tokenize(&fold, w, strlen(w), &toks, &norm), 0);
        if (toks.n != 1)
            fail_msg("'%s': %zu tokens, expected 1", w, toks.n);
        uint32_t f = toks.v[0].flags;
        if ((f & cases[i].set) != cases[i].set || (f & cases[i].clear))
            fail_msg("'%s': flags %#x, want %#x set and %#x clear", w, f, cases[i].set,
                     cases[i].clear);
    }
    vec_free(toks);
    vec_free(norm);
}

/* A format character inside a word (a soft hyphen, a zero-width space) is part of
 * it and folds to nothing; one at its edge is whitespace. A word of both scripts is
 * folded as the script of most of its letters when the others look like letters of
 * it, and left alone otherwise. */
static void format_characters_and_look_alikes(void **state)
{
    (void)state;
    static const struct {
        const char *text, *folded; /* folded: the first token's */
        size_t ntokens, first_end;  /* the first token's byte_end */
        uint32_t set, clear;
    } cases[] = {
        {"\xD0\xA3\xD0\xBA\xD1\x80\xD0\xB0\xC2\xAD\xD1\x97\xD0\xBD\xD0\xB8",
         "\xD1\x83\xD0\xBA\xD1\x80\xD0\xB0\xD1\x97\xD0\xBD\xD0\xB8", 1, 16, TK_APOS_MARK, 0},
        {"Ukra\xE2\x80\x8Bine is", "ukraine", 2, 10, TK_APOS_MARK | TK_FIRST_UPPER, TK_ASCII},
        {"Ukra\xEF\xBB\xBFine", "ukraine", 1, 10, TK_APOS_MARK, 0},
        {"word\xC2\xAD next", "word", 2, 4, TK_ASCII, TK_APOS_MARK},
        {"\xC2\xADword", "word", 1, 6, TK_ASCII, 0},
        /* "Моcква" with a Latin c */
        {"\xD0\x9C\xD0\xBE" "c" "\xD0\xBA\xD0\xB2\xD0\xB0",
         "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", 1, 11, TK_TO_CYRILLIC | TK_CYRILLIC,
         TK_TO_LATIN},
        /* "Сatholic" with a Cyrillic С */
        {"\xD0\xA1" "atholic", "catholic", 1, 9, TK_TO_LATIN | TK_FIRST_UPPER, TK_CYRILLIC},
        /* "СхідSide": as many of each, and і, д are no Latin letters: left */
        {"\xD0\xA1\xD1\x85\xD1\x96\xD0\xB4Side",
         "\xD1\x81\xD1\x85\xD1\x96\xD0\xB4side", 1, 12, TK_CYRILLIC,
         TK_TO_LATIN | TK_TO_CYRILLIC},
        /* "UAЮ": Ю looks like no Latin letter */
        {"UA\xD0\xAE", "ua\xD1\x8E", 1, 4, TK_CYRILLIC, TK_TO_LATIN | TK_TO_CYRILLIC},
    };
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *w = cases[i].text;
        assert_int_equal(tg_tokenize(&fold, w, strlen(w), &toks, &norm), 0);
        const tg_token *t = &toks.v[0];
        if (toks.n != cases[i].ntokens || t->byte_end != cases[i].first_end ||
            t->norm_len != strlen(cases[i].folded) ||
            memcmp(norm.v + t->norm_off, cases[i].folded, t->norm_len) != 0)
            fail_msg("case %zu: %zu tokens, the first ends at %u and folds to '%.*s'", i, toks.n,
                     t->byte_end, (int)t->norm_len, norm.v + t->norm_off);
        if ((t->flags & cases[i].set) != cases[i].set || (t->flags & cases[i].clear))
            fail_msg("case %zu: flags %#x, want %#x set and %#x clear", i, t->flags,
                     cases[i].set, cases[i].clear);
    }
    vec_free(toks);
    vec_free(norm);
}

/* The tokenizer's rules written plainly, one code point at a time, with no fast
 * paths: tg_tokenize must give exactly this, field for field and byte for byte. */
typedef struct ref_tok {
    size_t norm_off, norm_len, byte_start, byte_end, cp_start, cp_end;
    uint32_t flags;
} ref_tok;

static uint32_t ref_at(const char *text, size_t len, size_t i, size_t *next)
{
    size_t j = i;
    int32_t cp = tg_utf8_next((const unsigned char *)text, len, &j);
    *next = j;
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

/* A word of Cyrillic and ASCII letters, more of one script, whose letters of the
 * other all look like letters of it: folded again with those as the ones they look
 * like, and flagged. Returns the word's folded length. */
static size_t ref_unmix(const char *text, ref_tok *t, char *word, size_t n)
{
    size_t cyr = 0, lat = 0, cyr_like = 0, lat_like = 0, other = 0, next;
    for (size_t i = t->byte_start; i < t->byte_end; i = next) {
        uint32_t cp = ref_at(text, t->byte_end, i, &next);
        tg_charinfo ci = tg_fold_get(&fold, cp);
        if (!(ci.cls & TG_C_LETTER))
            continue;
        if (cp >= 0x400 && cp <= 0x52F) {
            cyr++;
            cyr_like += tg_fold_homoglyph(cp, 0) != 0;
        } else if (cp < 0x80) {
            lat++;
            lat_like += tg_fold_homoglyph(cp, 1) != 0;
        } else {
            other++;
        }
    }
    int to_cyr = cyr > lat && lat && lat_like == lat, to_lat = lat > cyr && cyr && cyr_like == cyr;
    if (other || !(to_cyr || to_lat))
        return n;
    t->flags |= to_cyr ? TK_TO_CYRILLIC : TK_TO_LATIN;
    if (to_lat)
        t->flags &= ~(uint32_t)TK_CYRILLIC;
    size_t m = 0;
    for (size_t i = t->byte_start; i < t->byte_end; i = next) {
        uint32_t cp = ref_at(text, t->byte_end, i, &next);
        tg_charinfo ci = tg_fold_get(&fold, cp);
        uint32_t h = tg_fold_homoglyph(cp, to_cyr);
        if (h)
            m += tg_utf8_put(h, word + m);
        else if (!(ci.fold == 0 && (ci.cls & TG_C_SPACE)))
            m += tg_utf8_put(ci.fold, word + m);
    }
    return m;
}

static size_t ref_tokenize(const char *text, size_t len, ref_tok *out, size_t max, char *norm,
                           size_t *norm_n)
{
    size_t n = 0, i = 0, cps = 0, nn = 0;
    uint32_t pending = TK_LINE_START | TK_SENT_START;
    while (i < len && n < max) {
        size_t next;
        uint32_t cp = ref_at(text, len, i, &next);
        tg_charinfo ci = tg_fold_get(&fold, cp);
        if (ci.cls & TG_C_SPACE) {
            if (cp == '\n')
                pending |= TK_LINE_START | TK_SENT_START;
            i = next;
            cps++;
            continue;
        }
        ref_tok t = {nn, 0, i, 0, cps, 0, pending};
        pending = 0;
        int possessive = 0, seen_letter = 0, ascii = 1;
        if (!(ci.cls & TG_C_WORD)) {
            nn += tg_utf8_put(ci.fold, norm + nn);
            i = next;
            cps++;
            if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
                pending = TK_SENT_START;
        } else {
            t.flags |= TK_WORD;
            for (;;) { /* ci: a character of the word (or an apostrophe inside it) */
                if (!seen_letter && (ci.cls & TG_C_LETTER)) {
                    seen_letter = 1;
                    if (ci.cls & TG_C_UPPER)
                        t.flags |= TK_FIRST_UPPER;
                }
                t.flags |= ((ci.cls & TG_C_UPPER) ? TK_HAS_UPPER : 0) |
                           ((ci.cls & TG_C_LOWER) ? TK_HAS_LOWER : 0) |
                           ((ci.cls & TG_C_CYRILLIC) ? TK_CYRILLIC : 0) |
                           ((ci.cls & TG_C_DIGIT) ? TK_DIGIT : 0) |
                           ((ci.cls & (TG_C_LETTER | TG_C_DIGIT)) ? 0 : TK_APOS_MARK);
                ascii &= cp < 0x80;
                nn += tg_utf8_put(ci.fold, norm + nn);
                i = next;
                cps++;
                if (i >= len)
                    break;
                cp = ref_at(text, len, i, &next);
                ci = tg_fold_get(&fold, cp);
                if (ci.cls & TG_C_WORD)
                    continue;
                if (ci.fold == 0 && (ci.cls & TG_C_SPACE) && next < len) {
                    /* a format character (Cf) before a word character: inside the
                     * word, with no folded byte */
                    size_t after;
                    uint32_t c2 = ref_at(text, len, next, &after);
                    if (tg_fold_get(&fold, c2).cls & TG_C_WORD) {
                        t.flags |= TK_APOS_MARK;
                        ascii = 0;
                        i = next;
                        cps++;
                        cp = c2;
                        ci = tg_fold_get(&fold, c2);
                        next = after;
                        continue;
                    }
                }
                if (!(ci.cls & TG_C_APOS) || next >= len)
                    break;
                size_t after_letter;
                uint32_t letter = ref_at(text, len, next, &after_letter);
                if (!(tg_fold_get(&fold, letter).cls & TG_C_LETTER))
                    break;
                if (!(t.flags & TK_CYRILLIC) && tg_fold_get(&fold, letter).fold == 's') {
                    size_t after_s;
                    if (after_letter >= len ||
                        !(tg_fold_get(&fold, ref_at(text, len, after_letter, &after_s)).cls &
                          TG_C_WORD)) {
                        possessive = 1;
                        t.flags |= TK_POSSESSIVE;
                        t.byte_end = i;
                        t.cp_end = cps;
                        i = after_letter;
                        cps += 2;
                        break;
                    }
                }
            }
        }
        if (!possessive) {
            t.byte_end = i;
            t.cp_end = cps;
        }
        if ((t.flags & TK_WORD) && ascii)
            t.flags |= TK_ASCII;
        if (t.flags & TK_WORD)
            nn = t.norm_off + ref_unmix(text, &t, norm + t.norm_off, nn - t.norm_off);
        t.norm_len = nn - t.norm_off;
        out[n++] = t;
    }
    *norm_n = nn;
    return n;
}

/* Random texts built from pieces that exercise every branch: ASCII and Cyrillic
 * words, apostrophes of each kind before 's and other letters, marks, digits,
 * three- and four-byte characters, spaces, newlines, sentence ends, and now and then
 * invalid bytes (callers validate, but the tokenizer must still not differ). */
static void matches_plain_rules(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "B", "z", "Q", "5", "0", "the", "NASA", "Kyiv", " ", " ", "  ", "\n", "\t", ".",
        "!", "?", "\xE2\x80\xA6", "'", "\xE2\x80\x99", "s", "S", "'s", "\xE2\x80\x99s", "'t",
        "\xD1\x96", "\xD0\x87", "\xD1\x8B", "\xD0\x96", "\xD0\x9F\xD1\x83\xD1\x82\xD1\x96\xD0\xBD",
        "\xD0\x81", "\xC3\xA9", "\xC3\x89", "e\xCC\x81", "\xCC\x81", "\xEF\xBC\xAE\xEF\xBC\xA1", "\xEF\xAC\x81",
        "-", "\xE2\x80\x94", ":", ",", "\xF0\x9F\x98\x80", "\xCA\xBC", "`", "\xC3\x9F", "\xC4\xB0",
        "\xC2\xAB", "\xC2\xA0", "\xE3\x80\x80", "\xC2\xB2", "\xD9\xA3", "\x80", "\xC3", "\xED\xA0\x80",
        /* Where the fast path hands over to the general one, or stays: longer ASCII
         * and Cyrillic runs, two-byte punctuation (« » £) that ends a word, two-byte
         * letters that fold to one byte (ſ ª) or three (Ⱥ), the two-byte apostrophe ´,
         * a three-byte quote, \r. */
        "Warner", "x9", "9x", "\r", "\r\n", ". ", "\xC2\xBB", "\xC2\xA3", "\xC5\xBF",
        "\xC2\xAA", "\xC8\xBA", "\xC2\xB4", "\xE2\x80\x9D", "\xD1\x8C\xD0\xBA\xD0\x98",
        "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2",
        /* Words of sixteen bytes and more, which tg_ascii_word_run takes in passes,
         * and runs that end right at sixteen. */
        "internationalization", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789abcdef",
        "McDonald2024xYz", "zZ9", "@", "[", "`", "{", "/", "\x7F",
        /* fast_tokens' one-pass words: fifteen bytes, first letters after digits,
         * and its hand-overs to mixed_tokens. */
        "abcdefghijklmno", "Zx0123456789abc", "9999999999999zQ", "42nd", "4th", "a1B2",
        /* its words of a character and lower-case letters, flags from the first
         * byte's entry: one byte, and sixteen (the longest it takes whole) */
        "x", "I", "7", "Abcdefghijklmnop", "abcdefghijklmnop", "9lives", "Tu",
        /* its flags from the masks: the first letter after digits, either case, and
         * words of digits only or of one case */
        "5G", "7g", "iPhone", "aB", "Ab", "AB", "123", "0x1F", "G5g", "a b", "A-B.",
        /* fast_tokens' ASCII apostrophes: possessives it takes ('s 'S before a
         * non-word byte), apostrophes before a non-letter, and what it leaves to the
         * general path ('s before a letter, a digit or a multibyte character; other
         * letters after it; the text's end) */
        "Russia's ", "Russia's", "players' ", "don't", "'s,", "'S.", "'sx", "'s5",
        "abc's\xD0\x96", "abc'\xD0\x96", "'9", "''", "'s'", "O'Brien", "`s ",
        /* mixed_tokens' characters of U+2000..U+2FFF (E2 xx xx): dashes, quotes,
         * the ellipsis, spaces (thin, zero-width, line separator), the left-to-right
         * mark, a prime, a superscript letter, N-ary symbols, a Roman numeral, arrows,
         * and sequences cut short (before ASCII or at the text's end) or with a lead
         * other than E2 */
        "\xE2\x80\x93", "\xE2\x80\x98", "\xE2\x80\x9C", "\xE2\x80\x9E", "\xE2\x80\x8B",
        "\xE2\x80\x89", "\xE2\x80\xAF", "\xE2\x80\xA8", "\xE2\x80\x8E", "\xE2\x80\xB2",
        "\xE2\x81\xBF", "\xE2\x84\x96", "\xE2\x85\xA0", "\xE2\x86\x92", "\xE2\x88\x92",
        "\xE2\x96\xBA", "\xE2\x80\xA2", "\xE2\x80\x91", "\xE2\x82\xAC", "\xE2\x80",
        "\xE2", "\xE2\x80" "a", "\xE1\x80\x80", "\xE3\x80\x8C", "word\xE2\x80\x94word",
        "Russia\xE2\x80\x99s", "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\xE2\x80\x94",
        /* format characters inside words and between them: the soft hyphen, the
         * byte order mark, the word joiner */
        "\xC2\xAD", "Ukra\xC2\xADine", "\xEF\xBB\xBF", "\xE2\x81\xA0", "\xC2\xAD\xC2\xAD",
        /* words of both scripts: Latin look-alikes in Cyrillic and the reverse */
        "\xD0\x9C\xD0\xBE" "c" "\xD0\xBA\xD0\xB2\xD0\xB0", "\xD0\xA1" "atholic", "Co",
        "\xD0\xA1" "o"};
    /* Letters of generated Cyrillic words (cyr_word.h's passes and where they stop):
     * both alphabets in both cases, і ї є ґ ё and capitals, and now and then a Latin
     * letter, a digit, an apostrophe (' ’ ʼ) or a combining acute. */
    static const char *const cyr_letters[] = {
        "Ð°", "Ð", "Ð¿", "Ð", "Ñ", "Ð ", "Ñ",
        "Ð¯", "Ð¶", "Ð", "Ñ", "Ð©", "Ð¹", "Ð",
        "Ñ", "Ð«", "Ð¾", "Ð", "Ñ", "Ð¬", "Ð½",
        "Ð", "Ñ", "Ð", "Ñ", "Ð", "Ñ", "Ð",
        "Ò", "Ò", "Ñ", "Ð", "Ñ", "Ð", "Ñ",
        "Ð", "Ñ ", "Ñ¡", "Ó", "a", "Z", "7", "'", "â",
        "Ê¼", "Ì"};
    enum { NCYR = sizeof cyr_letters / sizeof cyr_letters[0], NCYR_PLAIN = 38 };
    enum { NPIECES = sizeof pieces / sizeof pieces[0], MAXTOK = 2048 };
    char text[4096], ref_norm[16384];
    ref_tok ref[MAXTOK];
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    uint64_t rng = 0x9E3779B97F4A7C15ull;
    int with_cyrillic = 0;
    for (int iter = 0; iter < 30000; iter++) {
        size_t len = 0;
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        int npieces = (int)((rng >> 33) % 24);
        for (int k = 0; k < npieces; k++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            if ((rng >> 40) % 4 == 0) {
                /* A Cyrillic word of 1..40 letters, across sixteen-byte blocks; one in
                 * two of only plain letters (the ones the passes take whole). */
                int nl = 1 + (int)((rng >> 16) % 40), plain = (rng >> 12) % 2;
                for (int l = 0; l < nl; l++) {
                    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
                    unsigned r = (unsigned)(rng >> 33);
                    const char *c = cyr_letters[plain || r % 8 ? r / 8 % NCYR_PLAIN : r / 8 % NCYR];
                    memcpy(text + len, c, strlen(c));
                    len += strlen(c);
                }
                continue;
            }
            const char *p = pieces[(rng >> 33) % NPIECES];
            if ((rng >> 20) % 64 != 0 && p[0] & 0x80 && tg_utf8_check(p, strlen(p)) != strlen(p))
                continue; /* invalid bytes only one time in 64 */
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        size_t ref_n_norm;
        size_t n = ref_tokenize(text, len, ref, MAXTOK, ref_norm, &ref_n_norm);
        /* Tokenized from a copy of exactly len bytes, so that a sanitized build sees
         * any read past the end (the fuzzer found one after a last Cyrillic letter). */
        char *exact = malloc(len ? len : 1);
        assert_non_null(exact);
        memcpy(exact, text, len);
        int cyrillic;
        assert_int_equal(tg_tokenize_cyrillic(&fold, exact, len, &toks, &norm, &cyrillic), 0);
        free(exact);
        /* Whether some token has a Cyrillic letter, as the matcher is told. */
        int any = 0;
        for (size_t i = 0; i < toks.n; i++)
            any |= (toks.v[i].flags & TK_CYRILLIC) != 0;
        if (cyrillic != any)
            fail_msg("'%.*s': told Cyrillic %d, a token has it %d", (int)len, text, cyrillic, any);
        with_cyrillic += any;
        if (toks.n != n || norm.n != ref_n_norm || memcmp(norm.v, ref_norm, ref_n_norm) != 0)
            fail_msg("'%.*s': %zu tokens (%zu folded bytes), plain rules give %zu (%zu)",
                     (int)len, text, toks.n, norm.n, n, ref_n_norm);
        for (size_t i = 0; i < n; i++) {
            const tg_token *t = &toks.v[i];
            const ref_tok *r = &ref[i];
            /* The matcher takes a word's length in code points from cp_end - cp_start,
             * less the format characters inside it (TK_APOS_MARK): folding keeps the
             * count of the others. */
            size_t folded_cps = 0, ignored = 0, next;
            for (size_t b = t->norm_off; b < t->norm_off + t->norm_len; b++)
                folded_cps += ((unsigned char)norm.v[b] & 0xC0) != 0x80;
            for (size_t b = t->byte_start; b < t->byte_end; b = next)
                ignored += tg_fold_ignorable(tg_fold_get(&fold, ref_at(text, t->byte_end, b, &next)));
            if (ignored && !(t->flags & TK_APOS_MARK))
                fail_msg("'%.*s' token %zu: a format character inside, no TK_APOS_MARK",
                         (int)len, text, i);
            if (folded_cps + ignored != t->cp_end - t->cp_start)
                fail_msg("'%.*s' token %zu: %zu folded code points for %u in the input",
                         (int)len, text, i, folded_cps, t->cp_end - t->cp_start);
            if (t->norm_off != r->norm_off || t->norm_len != r->norm_len ||
                t->byte_start != r->byte_start || t->byte_end != r->byte_end ||
                t->cp_start != r->cp_start || t->cp_end != r->cp_end || t->flags != r->flags)
                fail_msg("'%.*s' token %zu: bytes %u-%u cps %u-%u norm %u+%u flags %#x; plain "
                         "rules: bytes %zu-%zu cps %zu-%zu norm %zu+%zu flags %#x",
                         (int)len, text, i, t->byte_start, t->byte_end, t->cp_start, t->cp_end,
                         t->norm_off, t->norm_len, t->flags, r->byte_start, r->byte_end,
                         r->cp_start, r->cp_end, r->norm_off, r->norm_len, r->flags);
        }
        /* Spaces after the text change no token (tg_matcher_add pads aliases with
         * sixteen, to keep their words on the fast path and its sixteen-byte passes;
         * the last of them are not handed to the general path). One or sixteen. */
        size_t pad = iter % 2 ? 16 : 1;
        assert_true(len + pad <= sizeof text);
        memset(text + len, ' ', pad);
        tg_token_vec padded = {0};
        tg_char_vec padded_norm = {0};
        assert_int_equal(tg_tokenize(&fold, text, len + pad, &padded, &padded_norm), 0);
        if (padded.n != toks.n || padded_norm.n != norm.n ||
            memcmp(padded.v, toks.v, toks.n * sizeof *toks.v) != 0 ||
            memcmp(padded_norm.v, norm.v, norm.n) != 0)
            fail_msg("'%.*s': tokens differ with %zu spaces after it", (int)len, text, pad);
        vec_free(padded);
        vec_free(padded_norm);
        /* Now and then from an empty token vector, so that the fast path also meets
         * the end of the vector's room. */
        if (iter % 8 == 0)
            vec_free(toks);
    }
    assert_true(with_cyrillic > 10000 && with_cyrillic < 25000); /* texts of both kinds */
    vec_free(toks);
    vec_free(norm);
}

/* Long texts of Cyrillic words, most after one space (mixed_tokens goes from one to
 * the next without its loop's tests), now and then after a comma, a newline, a
 * dash (E2 80 94) or an ASCII word, each from an empty token vector: the runs cross
 * the end of the vector's room (16, 32, 64... tokens) and the text's last sixteen
 * bytes, where the passes must stop. */
static void long_cyrillic_runs(void **state)
{
    (void)state;
    static const char *const seps[] = {" ", " ", " ", " ", " ", " ", ", ", "\n",
                                       " \xE2\x80\x94 ", "\xE2\x80\x94", " ok ", "  "};
    enum { MAXTOK = 2048 };
    static char text[8192], ref_norm[32768];
    static ref_tok ref[MAXTOK];
    uint64_t rng = 0x2545F4914F6CDD1Dull;
    for (int iter = 0; iter < 400; iter++) {
        size_t len = 0;
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        int nwords = 1 + (int)((rng >> 33) % 600);
        for (int w = 0; w < nwords && len < sizeof text - 64; w++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            int nl = 1 + (int)((rng >> 20) % 12);
            for (int l = 0; l < nl; l++) {
                rng = rng * 6364136223846793005ull + 1442695040888963407ull;
                unsigned cp = 0x410 + (unsigned)(rng >> 40) % 0x40; /* А..я */
                len += tg_utf8_put(cp, text + len);
            }
            const char *sep = seps[(rng >> 50) % (sizeof seps / sizeof seps[0])];
            memcpy(text + len, sep, strlen(sep));
            len += strlen(sep);
        }
        len -= (rng >> 61) % 2; /* and now and then a text that ends in a word */
        size_t ref_n_norm;
        size_t n = ref_tokenize(text, len, ref, MAXTOK, ref_norm, &ref_n_norm);
        tg_token_vec toks = {0};
        tg_char_vec norm = {0};
        char *exact = malloc(len);
        assert_non_null(exact);
        memcpy(exact, text, len);
        assert_int_equal(tg_tokenize(&fold, exact, len, &toks, &norm), 0);
        free(exact);
        assert_int_equal(toks.n, n);
        assert_int_equal(norm.n, ref_n_norm);
        assert_memory_equal(norm.v, ref_norm, ref_n_norm);
        for (size_t i = 0; i < n; i++) {
            const tg_token *t = &toks.v[i];
            const ref_tok *r = &ref[i];
            if (t->norm_off != r->norm_off || t->norm_len != r->norm_len ||
                t->byte_start != r->byte_start || t->byte_end != r->byte_end ||
                t->cp_start != r->cp_start || t->cp_end != r->cp_end || t->flags != r->flags)
                fail_msg("text %d token %zu: bytes %u-%u flags %#x; plain rules: bytes %zu-%zu "
                         "flags %#x", iter, i, t->byte_start, t->byte_end, t->flags,
                         r->byte_start, r->byte_end, r->flags);
        }
        vec_free(toks);
        vec_free(norm);
    }
}

/* fast_tokens' ASCII words of every shape it tells apart: one to seventeen bytes, a
 * first byte of each class, the rest lower-case letters or with an upper-case
 * letter or a digit at each place, and after them each kind of byte that ends a
 * word or hands it over (space, punctuation - '{' and '~' too, above the letters -
 * newline, an apostrophe, a possessive, a Cyrillic or three-byte character, the
 * text's end), far from the text's end and near it: field for field what the plain
 * rules give. */
static void ascii_words_of_every_shape(void **state)
{
    (void)state;
    static const char *const firsts[] = {"a", "Q", "7"};
    static const char *const ends[] = {" ",   "  ",  ",",  ".",  "\n", "-",
                                       "{x",  "~",   "'",  "'s ", "'t", "\xD0\x96",
                                       "\xE2\x80\x99", "\xE2\x80\x94", ""};
    static const char *const tails[] = {" and some more words after it.", ""};
    enum { MAXTOK = 64 };
    char text[128], ref_norm[512];
    ref_tok ref[MAXTOK];
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    for (size_t n = 1; n <= 17; n++)
        for (size_t fi = 0; fi < 3; fi++)
            for (size_t odd = 1; odd <= n; odd++) /* the place of a K or 5; n: none */
                for (int kind = 0; kind < 2; kind++)
                    for (size_t ei = 0; ei < sizeof ends / sizeof ends[0]; ei++)
                        for (size_t ti = 0; ti < 2; ti++) {
                            size_t len = (size_t)sprintf(text, "It is %s", firsts[fi]);
                            for (size_t k = 1; k < n; k++)
                                text[len++] = k == odd ? (kind ? '5' : 'K') : (char)('a' + k % 26);
                            len += (size_t)sprintf(text + len, "%s%s", ends[ei], tails[ti]);
                            size_t ref_n_norm;
                            size_t nref = ref_tokenize(text, len, ref, MAXTOK, ref_norm, &ref_n_norm);
                            /* from an exact copy, for a sanitized build (see above) */
                            char *exact = malloc(len);
                            assert_non_null(exact);
                            memcpy(exact, text, len);
                            assert_int_equal(tg_tokenize(&fold, exact, len, &toks, &norm), 0);
                            free(exact);
                            if (toks.n != nref || norm.n != ref_n_norm ||
                                memcmp(norm.v, ref_norm, ref_n_norm) != 0)
                                fail_msg("'%s': %zu tokens, plain rules give %zu", text, toks.n,
                                         nref);
                            for (size_t i = 0; i < nref; i++) {
                                const tg_token *t = &toks.v[i];
                                const ref_tok *r = &ref[i];
                                if (t->norm_off != r->norm_off || t->norm_len != r->norm_len ||
                                    t->byte_start != r->byte_start || t->byte_end != r->byte_end ||
                                    t->cp_start != r->cp_start || t->cp_end != r->cp_end ||
                                    t->flags != r->flags)
                                    fail_msg("'%s' token %zu: bytes %u-%u flags %#x; plain rules: "
                                             "bytes %zu-%zu flags %#x",
                                             text, i, t->byte_start, t->byte_end, t->flags,
                                             r->byte_start, r->byte_end, r->flags);
                            }
                        }
    vec_free(toks);
    vec_free(norm);
}

/* Tokenize text[0, len) from an exact copy (for a sanitized build) and compare every
 * token, field for field, and the folded bytes with the plain rules. */
static void check_plain(const char *text, size_t len, tg_token_vec *toks, tg_char_vec *norm)
{
    enum { MAXTOK = 2048 };
    static ref_tok ref[MAXTOK];
    static char ref_norm[16384];
    size_t ref_n_norm;
    size_t nref = ref_tokenize(text, len, ref, MAXTOK, ref_norm, &ref_n_norm);
    char *exact = malloc(len ? len : 1);
    assert_non_null(exact);
    memcpy(exact, text, len);
    assert_int_equal(tg_tokenize(&fold, exact, len, toks, norm), 0);
    free(exact);
    if (toks->n != nref || norm->n != ref_n_norm || memcmp(norm->v, ref_norm, ref_n_norm) != 0)
        fail_msg("'%.*s': %zu tokens, plain rules give %zu", (int)len, text, toks->n, nref);
    for (size_t i = 0; i < nref; i++) {
        const tg_token *t = &toks->v[i];
        const ref_tok *r = &ref[i];
        if (t->norm_off != r->norm_off || t->norm_len != r->norm_len ||
            t->byte_start != r->byte_start || t->byte_end != r->byte_end ||
            t->cp_start != r->cp_start || t->cp_end != r->cp_end || t->flags != r->flags)
            fail_msg("'%.*s' token %zu: bytes %u-%u flags %#x; plain rules: bytes %zu-%zu "
                     "flags %#x",
                     (int)len, text, i, t->byte_start, t->byte_end, t->flags, r->byte_start,
                     r->byte_end, r->flags);
    }
}

/* fast_tokens' chain of lower-case words after one space each, which it takes
 * without loading their first bytes' entries: words of one to seventeen letters
 * (sixteen is the longest a pass takes whole), now and then one with an upper-case
 * letter or a digit after its first (the chain hands it back), a capital first, an
 * apostrophe, a possessive, a Cyrillic or three-byte character, two spaces or other
 * whitespace, punctuation; texts of every length around the sixteen bytes before
 * the end where the chain must stop, and from an empty token vector now and then,
 * so that the chain meets the end of the vector's room too. */
static void lower_case_chains(void **state)
{
    (void)state;
    static const char *const odd[] = {"Kx", "x5", "xQy", "'s", "'t", "' ",
                                      "\xD0\x96", "\xE2\x80\x99s", "  ", "\n", ",", ". ", "\t"};
    static char text[4096];
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    uint64_t rng = 0x51AB1E5EEDull;
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = 0;
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        size_t want = 1 + (size_t)(rng >> 33) % (iter % 4 ? 80 : 1500);
        while (len < want) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            unsigned r = (unsigned)(rng >> 33);
            size_t nl = 1 + r % 17;
            for (size_t k = 0; k < nl; k++)
                text[len++] = (char)('a' + ((r >> 5) + 7 * k) % 26);
            if (r >> 10 & 7)
                text[len++] = ' ';
            else {
                const char *o = odd[(r >> 13) % (sizeof odd / sizeof odd[0])];
                memcpy(text + len, o, strlen(o));
                len += strlen(o);
            }
        }
        len -= (rng >> 20) % 2; /* sometimes ending in a word */
        check_plain(text, len, &toks, &norm);
        if (iter % 8 == 0)
            vec_free(toks);
    }
    vec_free(toks);
    vec_free(norm);
}

/* The packed byte entries the tokenizer reads for ASCII say what the code point
 * table says, and a byte >= 0x80 is never taken for a character of its own. */
static void byte_entries_match_the_table(void **state)
{
    (void)state;
    for (unsigned b = 0; b < 256; b++) {
        uint32_t e = fold.byte[b];
        if (b >= 0x80) {
            assert_int_equal(e, TG_FB_MULTI);
            continue;
        }
        assert_int_equal(e & TG_FB_FOLD, fold.table[b].fold);
        assert_int_equal((e & (TG_FB_MULTI - 1)) >> TG_FB_CLS_SHIFT, fold.table[b].cls);
        assert_int_equal((e & TG_FB_LINE_END) != 0, b == '\n');
        assert_int_equal((e & TG_FB_SENT_END) != 0, b == '\n' || b == '.' || b == '!' || b == '?');
        assert_false(e & TG_FB_MULTI);
        /* A word character's flags are those of the token it makes alone. */
        uint32_t word = e >> TG_FB_WORD_SHIFT;
        if (!(fold.table[b].cls & TG_C_WORD)) {
            assert_int_equal(word, 0);
            continue;
        }
        char text[1] = {(char)b};
        tg_token_vec toks = {0};
        tg_char_vec norm = {0};
        assert_int_equal(tg_tokenize(&fold, text, 1, &toks, &norm), 0);
        assert_int_equal(toks.n, 1);
        assert_int_equal(word, toks.v[0].flags & ~(uint32_t)(TK_LINE_START | TK_SENT_START));
        vec_free(toks);
        vec_free(norm);
    }
    /* A two-byte character's entry: its class, and its folded bytes when it is a
     * word character that folds to two bytes. */
    for (uint32_t cp = 0x80; cp < 0x800; cp++) {
        uint32_t e = fold.two[cp];
        tg_charinfo ci = fold.table[cp];
        assert_int_equal(e >> TG_F2_CLS_SHIFT & 0x1FF, ci.cls);
        int run = (ci.cls & TG_C_WORD) && ci.fold >= 0x80 && ci.fold < 0x800;
        assert_int_equal((e & TG_F2_RUN) != 0, run);
        if (run) {
            char want[4], got[2];
            assert_int_equal(tg_utf8_put(ci.fold, want), 2);
            uint16_t bytes = (uint16_t)e;
            memcpy(got, &bytes, 2);
            assert_memory_equal(got, want, 2);
        }
    }
    assert_true(fold.two[0x0416] & TG_F2_RUN); /* Ж */
    /* Marks are word characters of their own class; letters and digits are not marks. */
    assert_int_equal(tg_fold_get(&fold, 0x0301).cls, TG_C_WORD | TG_C_MARK);
    assert_false(tg_fold_get(&fold, 'a').cls & TG_C_MARK);
    assert_false(tg_fold_get(&fold, 0x0436).cls & TG_C_MARK);
}

/* tg_ascii_word_run finds ASCII's word characters, folds and classes by their bytes:
 * the table must say the same, and the run must be what a byte loop over the table
 * gives, on random bytes weighted towards letters. */
static void ascii_runs_match_the_table(void **state)
{
    (void)state;
    for (unsigned b = 0; b < 0x80; b++) {
        int upper = b >= 'A' && b <= 'Z', lower = b >= 'a' && b <= 'z', digit = b >= '0' && b <= '9';
        tg_charinfo ci = fold.table[b];
        assert_int_equal((ci.cls & TG_C_WORD) != 0, upper || lower || digit);
        if (upper)
            assert_int_equal(ci.cls, TG_C_WORD | TG_C_LETTER | TG_C_UPPER);
        if (lower)
            assert_int_equal(ci.cls, TG_C_WORD | TG_C_LETTER | TG_C_LOWER);
        if (digit)
            assert_int_equal(ci.cls, TG_C_WORD | TG_C_DIGIT);
        if (ci.cls & TG_C_WORD)
            assert_int_equal(ci.fold, b | 0x20);
    }
#if TG_ASCII_WORD_SIMD
    static const char alphabet[] = "aAzZmM0959 .,'-@[`{/\x7f\x80\xc3\xff\n";
    uint64_t rng = 12345;
    for (int iter = 0; iter < 200000; iter++) {
        unsigned char in[16];
        char out[16];
        for (int i = 0; i < 16; i++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            unsigned r = (unsigned)(rng >> 33);
            /* mostly letters and digits, so that runs are long */
            in[i] = r % 8 ? (unsigned char)alphabet[r / 8 % 6 + (r % 3 == 0 ? 6 : 0)]
                          : (r / 8 % 4 ? (unsigned char)alphabet[r / 32 % (sizeof alphabet - 1)]
                                       : (unsigned char)(r >> 8));
        }
        unsigned up, lo, dg, want_up = 0, want_lo = 0, want_dg = 0;
        size_t k = tg_ascii_word_run(in, out, &up, &lo, &dg), want = 0;
        while (want < 16 && in[want] < 0x80 && (fold.table[in[want]].cls & TG_C_WORD)) {
            unsigned cls = fold.table[in[want]].cls;
            want_up |= cls & TG_C_UPPER ? 1u << want : 0;
            want_lo |= cls & TG_C_LOWER ? 1u << want : 0;
            want_dg |= cls & TG_C_DIGIT ? 1u << want : 0;
            assert_int_equal((unsigned char)out[want], fold.table[in[want]].fold);
            want++;
        }
        assert_int_equal(k, want);
        assert_int_equal(up, want_up);
        assert_int_equal(lo, want_lo);
        assert_int_equal(dg, want_dg);
        /* fast_tokens' mask of lower-case letters, over all sixteen bytes */
        unsigned want_lower = 0;
        for (int i = 0; i < 16; i++)
            want_lower |= in[i] < 0x80 && (fold.table[in[i]].cls & TG_C_LOWER) ? 1u << i : 0;
        assert_int_equal(tg_ascii_lower_bits(tg_ascii_load(in, out)), want_lower);
    }
#endif
}

/* tg_cyr_word_run takes exactly the letters of U+0400..U+045F but Ё ё, eight
 * lanes of two bytes: what it takes must fold and class as the table says, for
 * every code point of U+0400..U+04FF in every lane; and on random sequences of
 * those and other characters its run is what a loop over its definition gives. */
static void cyr_runs_match_the_table(void **state)
{
    (void)state;
#if TG_CYR_WORD_SIMD
    int taken = 0;
    for (uint32_t cp = 0x0400; cp < 0x0500; cp++) {
        tg_charinfo ci = fold.table[cp];
        int want = cp < 0x0460 && cp != 0x0401 && cp != 0x0451;
        for (int lane = 0; lane < 8; lane++) {
            /* lanes before it hold а (taken), the one after a space */
            unsigned char in[18];
            char out[16];
            for (int i = 0; i < 8; i++) {
                in[2 * i] = 0xD0;
                in[2 * i + 1] = 0xB0;
            }
            tg_utf8_put(cp, (char *)in + 2 * lane);
            in[2 * lane + 2] = ' ';
            unsigned up, lo;
            size_t n = tg_cyr_word_run(in, out, &up, &lo);
            assert_int_equal(n, want ? (size_t)lane + 1 : (size_t)lane);
            if (!want)
                continue;
            char folded[4];
            assert_int_equal(tg_utf8_put(ci.fold, folded), 2);
            assert_memory_equal(out + 2 * lane, folded, 2);
            uint32_t cls = TG_C_WORD | TG_C_LETTER | TG_C_CYRILLIC |
                           ((up >> 2 * lane & 3) == 3 ? TG_C_UPPER : 0) |
                           ((lo >> 2 * lane & 3) == 3 ? TG_C_LOWER : 0);
            assert_int_equal(cls, ci.cls);
            assert_int_equal((up | lo) >> 2 * lane & 3, 3);
            assert_int_equal(up & lo, 0);
        }
        taken += want;
    }
    assert_int_equal(taken, 0x60 - 2);
    /* Every pair of bytes in every lane, a lead and a continuation byte or not: the
     * pass compares the lanes as read, so a byte that is no continuation (D1 41)
     * must not pass for one. */
    for (unsigned pair = 0; pair < 0x10000; pair++) {
        unsigned b0 = pair >> 8, b1 = pair & 0xFF;
        int want = (b0 == 0xD0 || b0 == 0xD1) && (b1 & 0xC0) == 0x80;
        uint32_t cp = ((b0 & 0x1F) << 6) | (b1 & 0x3F);
        want = want && cp < 0x0460 && cp != 0x0401 && cp != 0x0451;
        for (int lane = 0; lane < 8; lane++) {
            unsigned char in[16];
            char out[16];
            for (int i = 0; i < 8; i++) {
                in[2 * i] = 0xD0;
                in[2 * i + 1] = 0xB0;
            }
            in[2 * lane] = (unsigned char)b0;
            in[2 * lane + 1] = (unsigned char)b1;
            unsigned up, lo;
            size_t n = tg_cyr_word_run(in, out, &up, &lo);
            assert_int_equal(n, want ? 8 : (size_t)lane);
            if (want) {
                char folded[4];
                assert_int_equal(tg_utf8_put(fold.table[cp].fold, folded), 2);
                assert_memory_equal(out + 2 * lane, folded, 2);
                assert_int_equal((up >> 2 * lane & 3) == 3,
                                 (fold.table[cp].cls & TG_C_UPPER) != 0);
            }
        }
    }
    /* Random runs: taken letters, ё, ґ, other two-byte characters, ASCII, a
     * three-byte quote, so lanes fall out of step. */
    static const char *const chars[] = {"Ð°", "Ð", "Ñ", "Ð",
                                        "Ñ", "Ð", "Ñ", "Ò",
                                        "Â«", "a", " ", "â", "Ñ"};
    uint64_t rng = 777;
    for (int iter = 0; iter < 100000; iter++) {
        unsigned char in[40];
        size_t len = 0;
        while (len < 16) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            const char *c = chars[(rng >> 33) % (sizeof chars / sizeof chars[0])];
            memcpy(in + len, c, strlen(c));
            len += strlen(c);
        }
        size_t want = 0;
        unsigned want_up = 0, want_lo = 0;
        for (size_t i = 0; i + 1 < 16; i += 2) {
            size_t next = i;
            int32_t cp = tg_utf8_next(in, 16, &next);
            if (next != i + 2 || cp < 0x400 || cp >= 0x460 || cp == 0x401 || cp == 0x451)
                break;
            want_up |= (fold.table[cp].cls & TG_C_UPPER) ? 3u << i : 0;
            want_lo |= (fold.table[cp].cls & TG_C_LOWER) ? 3u << i : 0;
            want++;
        }
        char out[16];
        unsigned up, lo;
        assert_int_equal(tg_cyr_word_run(in, out, &up, &lo), want);
        assert_int_equal(up, want_up);
        assert_int_equal(lo, want_lo);
    }
#endif
}

int main(void)
{
    tg_fold_init(&fold);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(run_cases),
        cmocka_unit_test(offsets_slice_the_input),
        cmocka_unit_test(flags_of_words),
        cmocka_unit_test(format_characters_and_look_alikes),
        cmocka_unit_test(matches_plain_rules),
        cmocka_unit_test(long_cyrillic_runs),
        cmocka_unit_test(ascii_words_of_every_shape),
        cmocka_unit_test(lower_case_chains),
        cmocka_unit_test(byte_entries_match_the_table),
        cmocka_unit_test(ascii_runs_match_the_table),
        cmocka_unit_test(cyr_runs_match_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
