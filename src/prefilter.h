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
 *
 * The analysis is conservative: whatever it does not understand gives "no literal
 * set" or "may cross lines", and the rule then runs over the whole text as before.
 */
#ifndef TG_PREFILTER_H
#define TG_PREFILTER_H

#include "fold.h"

#include <stddef.h>
#include <stdint.h>

#define TG_PF_MAX_LITS 1024 /* more alternatives than this: no literal set */
#define TG_PF_MAX_LEN 48  /* longer literals are cut (a prefix is required as well) */

typedef struct tg_pf_lit {
    uint8_t n;        /* bytes */
    uint8_t tokstart; /* a match has whitespace before it: starts a token */
    uint8_t upper;    /* ... and that token starts with a capital (TK_FIRST_UPPER) */
    uint8_t tokend;   /* a match has whitespace right after it: a token starts there */
    uint8_t tail;     /* the reader's own: nothing has been read after it yet */
    uint8_t cap;      /* it starts with a capital outside any (?i) */
    unsigned char b[TG_PF_MAX_LEN];
} tg_pf_lit;

typedef struct tg_pf_result {
    int has_lits;  /* lits[0..nlits) is a required set */
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

/* Analyse a pattern (compiled with PCRE2_UTF | PCRE2_UCP). Never fails: a pattern it
 * cannot read gives has_lits = 0, line_local = 0. */
void tg_prefilter_analyze(const tg_fold *fold, const char *pattern, size_t len,
                          tg_pf_result *out);

#endif
