/*
 * prefilter.h - what a rule's pattern needs before PCRE2 is worth running. Internal.
 *
 * Running every rule over the whole text costs one pass per rule, so each rule added
 * divides throughput. Most rules name words they cannot match without ("Oblast",
 * "million", a month, "%"). tg_prefilter_analyze reads a PCRE2 pattern and finds:
 *
 *   - a set of literals one of which every match contains, folded and stripped of
 *     whitespace exactly as the tokenizer folds text, so they can be searched for in
 *     the token buffer (tg_token.norm_off) of the text;
 *   - whether every match contains a digit (money, dates, quantities);
 *   - whether a match can contain a line feed. When it cannot, the rule only runs on
 *     the lines where one of its literals occurs.
 *   - reaches: characters one of which every match has within so many characters
 *     of its start (a year's digit a few words after "in"), checked before each
 *     anchored attempt (tg_pf_reach_met).
 *
 * The analysis is conservative: whatever it does not understand gives "no literal
 * set" or "may cross lines", and the rule then runs over the whole text as before.
 */
#ifndef TG_PREFILTER_H
#define TG_PREFILTER_H

#include "fold.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TG_PF_MAX_LITS 8192 /* more alternatives than this: no literal set (the
                              * English given names are some 4,400: past this, their
                              * rule would be tried at every capital, +20% time) */
#define TG_PF_MAX_LEN 48  /* longer literals are cut (a prefix is required as well) */

typedef struct tg_pf_lit {
    uint8_t n;        /* bytes */
    uint8_t tokstart; /* a match has whitespace before it: starts a token */
    uint8_t upper;    /* ... and that token starts with a capital (TK_FIRST_UPPER) */
    uint8_t tokend;   /* a match has whitespace right after it: a token starts there */
    uint8_t tail;     /* the reader's own: nothing has been read after it yet */
    uint8_t cap;      /* it starts with a capital outside any (?i) */
    unsigned char b[TG_PF_MAX_LEN];
    uint8_t wordend;  /* a match has no letter or digit right after it: a \b after its
                       * last letter, a (?![\p{L}\d]) ("ha" of hectares is not "that") */
    uint8_t no_cap;   /* a lead's: only letters follow it in a match, and then a
                       * (?![\p{L}...]|\h+\p{Lu}): a match that starts with it in a word of
                       * letters alone ends with the word, which no space and capital
                       * follow (a lone given name is not one before a surname) */
    uint8_t ctrack;   /* the reader's own: no_cap is being read for it */
    uint8_t words;    /* a required literal's (lits): one more than the stretches of
                       * whitespace (tg_pf_skip_len) that may begin in a match before it,
                       * at its first place there; 0: no bound. As a reach's words. */
    /* A required literal's (lits), of a rule whose every match starts with a digit
     * (lead_cls TG_C_DIGIT): the ASCII letters (bit i: 'a' + i, either case) that never
     * come right before it in a match, as no item that may come right before it ends
     * with them (the reader's last_letters). A unit after a number follows a digit,
     * whitespace, the "n" of "million" or the "d" of "thousand": "ft" in "left",
     * "soft" or "aircraft" is none. 0: nothing known. */
    uint32_t no_letter_before;
} tg_pf_lit;

/* A reach: every match has, among its first reach + 1 counted characters, one of the
 * ASCII characters of mask (bit c of mask[c >> 6]). Counted are the characters that
 * are not whitespace (tg_pf_skip_len): "in the year 1990" has its first digit after
 * 9 of them, however it is spaced. The pattern bounds what any match can consume
 * before that character; a start whose text has no such character in time cannot
 * start a match, and PCRE2 (a few hundred instructions a try) is not asked. The
 * mask as at most TG_PF_RANGES ranges lo[i]..hi[i] (nranges, 0: more) lets the
 * check read eight ASCII bytes at a time.
 *
 * A reach may be counted in words as well (words > 0): the character comes before
 * the words-th stretch of whitespace (tg_pf_skip_len) of the text from the start
 * begins. Names of any length are bounded in words, not in characters: "Sergei
 * Lavrov, foreign minister" has its comma before its second stretch. A reach
 * without a bound in characters has reach TG_PF_REACH_NONE. */
#define TG_PF_RANGES 4
#define TG_PF_REACH_NONE UINT32_MAX

typedef struct tg_pf_reach {
    uint64_t mask[2]; /* 0: no reach */
    uint32_t reach;
    uint8_t nranges;
    uint8_t lo[TG_PF_RANGES], hi[TG_PF_RANGES];
    uint8_t words; /* 0: no bound in words */
} tg_pf_reach;

#define TG_PF_NREACH 2

/* A follow: every match has whitespace (tg_pf_skip_len) in it, and the character
 * right after its first stretch of whitespace is one of the ASCII characters of mask
 * (bits as a reach's) or, when wide, any other than ASCII, or the text there starts
 * with one of the short literals lit[0..nlits) (first: the mask of their first
 * bytes; a ' ' in one stands for any whitespace, or any byte past ASCII; a letter at
 * a position of fold's bits, lower-case, for either case: (?i), never 'k' or 's',
 * which match the Kelvin sign and the long s too). As no match
 * has whitespace before that stretch, it is the text's first after the match's start:
 * "Gordon was" cannot start a given name and a surname, nor "Agriculture is" the
 * words of an organisation's name, whose next word starts with a capital or is a
 * particle ("van ", "al-", "and "): "Bob in" is turned down though 'i' may start
 * "ibn ". A look at a few bytes instead of a PCRE2 attempt (tg_pf_follow_met), for a
 * rule whose lead says little of what comes after it. */
#define TG_PF_FOLLOW_LITS 24
#define TG_PF_FOLLOW_LIT_LEN 4

typedef struct tg_pf_follow {
    uint64_t mask[2];
    uint64_t first[2]; /* the first bytes of lit[], none of them in mask */
    uint8_t ok; /* 0: no follow */
    uint8_t wide;
    uint8_t nlits;
    uint8_t not_small; /* wide, but for a small Cyrillic letter (tg_pf_small_cyr): the
                          place or body named after a Cyrillic cue starts with a capital
                          or a quote mark, and a lower-case word is the common case */
    uint8_t spare[4]; /* zero: an image holds no stray padding bytes */
    uint8_t len[TG_PF_FOLLOW_LITS]; /* 1..TG_PF_FOLLOW_LIT_LEN */
    uint8_t fold[TG_PF_FOLLOW_LITS]; /* bit k: lit[i][k] is of either case */
    char lit[TG_PF_FOLLOW_LITS][TG_PF_FOLLOW_LIT_LEN];
} tg_pf_follow;

typedef struct tg_pf_result {
    int has_lits;  /* lits[0..nlits) is a required set ("k(?:m|g)" requires "km|kg"; a
                    * rule with a lead may get a coarser one, as it does not use it) */
    int nlits;
    int line_local; /* no match contains '\n' (nor depends on what follows the line) */
    int needs_digit; /* every match contains a digit (tokens flagged TK_DIGIT) */
    tg_pf_lit lits[TG_PF_MAX_LITS];
    /* The lead: literals one of which every match starts with, zero-width items
     * (lookbehinds, \b) aside: "President|Minister|Mr" in front of a name. A rule
     * with a lead is tried only where a lead literal starts, anchored there. A lead
     * literal's upper says its first character is a capital, wherever it is.
     * Optional items in front add their leads ("(?:Monday,\h+)?July"), or join it
     * when one item is nothing but a literal ("(?:US|A)?\$": "$|us$|a$"); a literal
     * before a group joins its branches' leads ("A(?:lex|dam)": "alex|adam"); a class
     * of a few letters leads with each ("[уУвВ]": "у|в"); literals and digits that
     * cannot be one class lead as literals and the ten digits. */
    int has_lead;
    int nlead;
    unsigned lead_cls; /* no lead literals, but every match starts with a character of
                          this class: TG_C_DIGIT (\d, [0-9]), TG_C_UPPER (\p{Lu}) */
    tg_pf_lit lead[TG_PF_MAX_LITS];
    /* Characters of TG_PF_BARRIERS (bit i: the i-th) that no match consumes before the
     * required literal it holds (lits): a match starting before one of them holds a
     * literal that starts before it too. Lets a rule led by a class skip the
     * capitals or digits that have one between them and the next literal. */
    unsigned lit_barrier;
    /* The largest words of the required literals (tg_pf_lit.words), 0 when one has no
     * bound: a match starts before its literal with fewer than lit_words stretches of
     * whitespace beginning between. Lets a rule led by a class skip the capitals that
     * lie more words before the next literal than its pattern puts there ("U.S.
     * President Joe Biden's Cup" holds no barrier, but three words at most come
     * before "Cup" in a contest's name). */
    unsigned lit_words;
    /* Up to TG_PF_NREACH reaches that every match meets (the most selective ones,
     * by the frequency of their characters in text), from the match's start. */
    int nreach;
    tg_pf_reach reach[TG_PF_NREACH];
    /* What comes after the first stretch of whitespace of every match, from its
     * start (ok 0: nothing known, or too little to be worth a look). */
    tg_pf_follow follow;
} tg_pf_result;

/* The punctuation that lit_barrier speaks of, bit i for the i-th. */
#define TG_PF_BARRIERS ",.;:!?()[]\"'/|{}"
#define TG_PF_NBARRIERS 16

/* The lit_barrier bit of a byte of text, 0 for the others (a table: the scan asks
 * for every byte it walks back over). */
static const uint16_t tg_pf_barrier_bits[256] = {
    [','] = 1u << 0, ['.'] = 1u << 1, [';'] = 1u << 2, [':'] = 1u << 3,
    ['!'] = 1u << 4, ['?'] = 1u << 5, ['('] = 1u << 6, [')'] = 1u << 7,
    ['['] = 1u << 8, [']'] = 1u << 9, ['"'] = 1u << 10, ['\''] = 1u << 11,
    ['/'] = 1u << 12, ['|'] = 1u << 13, ['{'] = 1u << 14, ['}'] = 1u << 15,
};

static inline unsigned tg_pf_barrier_bit(unsigned char c)
{
    return tg_pf_barrier_bits[c];
}

/* Bytes of the character at p (p < end) when it is whitespace that no reach counts:
 * PCRE2's \h and \v (ASCII 9-13 and 32, U+0085, U+00A0, U+1680, U+180E,
 * U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000); 0 for the others. A
 * pattern item that counts nothing matches only these. */
static inline size_t tg_pf_skip_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    if (c < 0x80)
        return c == ' ' || (c >= 9 && c <= 13);
    if (c == 0xC2)
        return end - p >= 2 && (p[1] == 0x85 || p[1] == 0xA0) ? 2 : 0;
    if (c < 0xE1 || c > 0xE3 || end - p < 3)
        return 0;
    unsigned v = (unsigned)p[1] << 8 | p[2];
    if (c == 0xE1)
        return v == 0x9A80 || v == 0xA08E ? 3 : 0;
    if (c == 0xE3)
        return v == 0x8080 ? 3 : 0;
    return (v >= 0x8080 && v <= 0x808A) || v == 0x80A8 || v == 0x80A9 || v == 0x80AF ||
                   v == 0x819F
               ? 3
               : 0;
}

/* Eight bytes at once (all ASCII): the high bit of each byte that is >= n (n <= 128);
 * how many bytes have it set. */
#define TG_PF_L 0x0101010101010101ull
#define TG_PF_H 0x8080808080808080ull

static inline uint64_t tg_pf_ge(uint64_t w, unsigned n)
{
    return ((w | TG_PF_H) - n * TG_PF_L) & TG_PF_H;
}

static inline unsigned tg_pf_count8(uint64_t bits)
{
    return (unsigned)(((bits >> 7) * TG_PF_L) >> 56);
}

/* The high bit of each byte of w (all ASCII) that tg_pf_skip_len passes over. */
static inline uint64_t tg_pf_blank8(uint64_t w)
{
    return (tg_pf_ge(w, 9) & ~tg_pf_ge(w, 14)) | (tg_pf_ge(w, 0x20) & ~tg_pf_ge(w, 0x21));
}

/* Does text[at, to) meet reach c (tg_pf_reach)? PCRE2 sees no further than to, so a
 * match starting at at lies inside. Of the ASCII characters it counts only those
 * above the space (the control characters that are not whitespace it passes over
 * too): fewer counted is a later "no", never a wrong one. A stretch of whitespace
 * is exactly the characters tg_pf_skip_len passes over: a control character ends
 * one, as it does in the pattern's reading. */
static inline __attribute__((always_inline)) int
tg_pf_reach_met_(const tg_pf_reach *c, const char *text, size_t at, size_t to, int words)
{
    const unsigned char *p = (const unsigned char *)text + at;
    const unsigned char *end = (const unsigned char *)text + to;
    uint32_t left = c->reach == TG_PF_REACH_NONE ? UINT32_MAX : c->reach + 1; /* counted
                                                        characters that may still come */
    uint32_t wleft = words ? c->words : UINT32_MAX; /* stretches that may begin, + 1 */
    uint64_t prev_blank = 0; /* 0x80: the byte before p is whitespace */
    while (p < end) {
        uint64_t w;
        if (c->nranges && end - p >= 8 && (memcpy(&w, p, 8), !(w & TG_PF_H))) {
            uint64_t hit = 0;
            for (unsigned i = 0; i < c->nranges; i++)
                hit |= tg_pf_ge(w, c->lo[i]) & ~tg_pf_ge(w, c->hi[i] + 1u);
            uint64_t counted = tg_pf_ge(w, 0x21), starts = 0;
            if (words) { /* the bytes where a stretch of whitespace begins */
                uint64_t bl = tg_pf_blank8(w);
                starts = bl & ~(bl << 8 | prev_blank);
                prev_blank = bl >> 56;
            }
            if (hit) {
                unsigned at_byte = (unsigned)__builtin_ctzll(hit) >> 3;
                uint64_t below = at_byte ? (1ull << (8 * at_byte)) - 1 : 0;
                return tg_pf_count8(counted & below) < left &&
                       tg_pf_count8(starts & below) < wleft;
            }
            unsigned n = tg_pf_count8(counted), g = tg_pf_count8(starts);
            if (n >= left || g >= wleft)
                return 0;
            left -= n;
            wleft -= g;
            p += 8;
            continue;
        }
        unsigned b = *p;
        size_t sk = 0;
        if (b < 0x80) {
            if ((c->mask[b >> 6] >> (b & 63)) & 1)
                return 1;
            p++;
            if (b == ' ' || (b >= 9 && b <= 13))
                sk = 1;
            else if (b < ' ') {
                prev_blank = 0;
                continue;
            }
        } else {
            sk = tg_pf_skip_len(p, end);
            p += sk ? sk : 1;
            while (!sk && p < end && (*p & 0xC0) == 0x80)
                p++;
        }
        if (sk) {
            if (!prev_blank && --wleft == 0)
                return 0;
            prev_blank = 0x80;
            continue;
        }
        prev_blank = 0;
        if (--left == 0)
            return 0;
    }
    return 0;
}

/* Where in text[lo, at) a match may start at the earliest when fewer than *words
 * (>= 1) stretches of whitespace (tg_pf_skip_len) begin in it before at (tg_pf_lit.
 * words): right after the *words-th stretch back from at. When fewer lie between, lo,
 * and *words less those that do (what is left for the text before lo, when the
 * character at at is not whitespace). lo and at start characters. A walk back over
 * the bytes. */
static inline size_t tg_pf_words_back(const char *text, size_t lo, size_t at, unsigned *words)
{
    const unsigned char *t = (const unsigned char *)text;
    int in_stretch = 0; /* the character after q is whitespace */
    for (size_t q = at; q > lo;) {
        size_t c = q - 1;
        int blank;
        if (t[c] < 0x80) {
            blank = t[c] == ' ' || (t[c] >= 9 && t[c] <= 13);
        } else {
            while (c > lo && (t[c] & 0xC0) == 0x80)
                c--; /* to the character's first byte */
            blank = tg_pf_skip_len(t + c, t + q) == q - c;
        }
        if (blank && !in_stretch && --*words == 0)
            return q;
        in_stretch = blank;
        q = c;
    }
    return lo;
}

/* (Two copies: most reaches have no bound in words, and their check counts no
 * stretches.) */
static inline int tg_pf_reach_met(const tg_pf_reach *c, const char *text, size_t at, size_t to)
{
    return c->words ? tg_pf_reach_met_(c, text, at, to, 1) : tg_pf_reach_met_(c, text, at, to, 0);
}

/* Does the text at p (before end) start with one of f's literals? */
static inline int tg_pf_follow_lit(const tg_pf_follow *f, const unsigned char *p,
                                   const unsigned char *end)
{
    for (unsigned i = 0; i < f->nlits; i++) {
        unsigned n = f->len[i], k = 0;
        if ((size_t)(end - p) < n)
            continue; /* (PCRE2 sees no further than end) */
        for (; k < n; k++) {
            unsigned b = p[k], l = (unsigned char)f->lit[i][k];
            if (l == ' ' ? !(b == ' ' || (b >= 9 && b <= 13) || b >= 0x80)
                         : (((f->fold[i] >> k) & 1) ? b | 0x20 : b) != l)
                break;
        }
        if (k == n)
            return 1;
    }
    return 0;
}

/* Is the character at p (before end, not ASCII) a small Cyrillic letter, U+0430-U+045F
 * or U+0491 (ґ)? Those of Ukrainian and Russian words. */
static inline int tg_pf_small_cyr(const unsigned char *p, const unsigned char *end)
{
    if (end - p < 2)
        return 0;
    unsigned b = p[1];
    return (p[0] == 0xD0 && b >= 0xB0 && b <= 0xBF) || (p[0] == 0xD1 && b >= 0x80 && b <= 0x9F) ||
           (p[0] == 0xD2 && b == 0x91);
}

/* Does text[at, to) meet follow f? Its first stretch of whitespace (the first
 * character tg_pf_skip_len passes over, and those right after it) must end before to
 * with a character of f, or begin one of its literals. PCRE2 sees no further than to. */
static inline int tg_pf_follow_met(const tg_pf_follow *f, const char *text, size_t at,
                                   size_t to)
{
    const unsigned char *p = (const unsigned char *)text + at;
    const unsigned char *end = (const unsigned char *)text + to;
    size_t sk = 0;
    while (p < end) { /* to the first whitespace */
        while (p < end && *p > ' ' && *p < 0x80) /* (the common bytes, first) */
            p++;
        if (p >= end)
            break;
        unsigned b = *p;
        if (b < 0x80) {
            if (b == ' ' || (b >= 9 && b <= 13))
                break;
            p++;
            continue;
        }
        /* Of the others, only C2, E1, E2 and E3 may start whitespace (tg_pf_skip_len);
         * a character of two bytes that is not (a Cyrillic letter) is stepped over
         * whole. (Any other byte one at a time: none of a character's later bytes
         * starts whitespace.) */
        if ((b == 0xC2 || (b >= 0xE1 && b <= 0xE3)) && (sk = tg_pf_skip_len(p, end)) != 0)
            break;
        p += b >= 0xC3 && b <= 0xDF && end - p >= 2 ? 2 : 1;
    }
    while (p < end) { /* over the stretch */
        unsigned b = *p;
        if (b < 0x80) {
            if (b == ' ' || (b >= 9 && b <= 13)) {
                p++;
                continue;
            }
            if ((f->mask[b >> 6] >> (b & 63)) & 1)
                return 1;
            return ((f->first[b >> 6] >> (b & 63)) & 1) && tg_pf_follow_lit(f, p, end);
        }
        if ((sk = tg_pf_skip_len(p, end)) == 0)
            return f->wide && !(f->not_small && tg_pf_small_cyr(p, end));
        p += sk;
    }
    return 0;
}

/* Analyse a pattern (compiled with PCRE2_UTF | PCRE2_UCP). Never fails: a pattern it
 * cannot read gives has_lits = 0, line_local = 0. */
void tg_prefilter_analyze(const tg_fold *fold, const char *pattern, size_t len,
                          tg_pf_result *out);

#endif
