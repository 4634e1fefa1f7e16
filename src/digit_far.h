/*
 * digit_far.h - is a token too far from the text's digits for the rules that need
 * one? Internal.
 *
 * Most literals the scan for windows finds at the start of a token belong to rules
 * that need a digit: "the" and "in" of the English year and decade rules (whose reach
 * of digits, prefilter.h, wants a figure within some 20 characters after the start),
 * and the units and words of the rules led by a digit ("million", "km", "am"), which
 * want one before them on their line (rules.c, barrier_hit). On 2000 English news,
 * 262K of the 328K literals tried at a token's start were theirs, for some 7K
 * windows: literal_hit spent some 190 instructions to turn each down. The scan asks
 * here first, once per token, and where an answer is "far" it sieves with tables
 * that leave those literals out (tg_rules.start_pair, gram_far, gram_after).
 *
 * Both answers are read off the tokens alone, since a digit is always inside a token
 * with TK_DIGIT, and both are only ever "surely no window" when the rule's own check
 * would say so without a trace:
 *   - after (DF_AFTER): a start at token t's first character meets no reach of
 *     digits of at most `reach` characters: tg_reach_tokens_out's answer
 *     (reach_tokens.h). The characters from t's start up to the next digit token d
 *     only grow as t moves back from d, so the tokens where the answer is "near" are
 *     those from some token `zone` on up to d: found once per digit token, by counting
 *     back from it;
 *   - before (DF_BEFORE): no token with a digit lies on token t's line before it or at
 *     it, or none within `words` stretches of whitespace (tg_pf_skip_len) before it:
 *     t starts after the first line break that follows the last digit token before
 *     it, or after that token's words-th stretch (`before`), found once per digit
 *     token. A rule led by a digit starts its matches no more stretches before its
 *     literal than its words (tg_rule.lead_words), and barrier_hit turns a literal
 *     with no figure in those down without a trace; `words` is the largest of those
 *     rules' (0: one has no bound, and the line alone counts). Most lines of news
 *     hold a figure, most words are far from one.
 * So a token costs a few compares, a digit token a short count back and a memchr
 * (a count forward from every start asked, and the answer asked only where a literal
 * of those rules was found, cost about what they spared).
 * Asked for tokens in text order (t never decreases).
 */
#ifndef TG_DIGIT_FAR_H
#define TG_DIGIT_FAR_H

#include "reach_tokens.h"
#include "token_at.h"
#include "token.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { DF_AFTER = 1, DF_BEFORE = 2 };

typedef struct tg_digit_far {
    const tg_token *tokens;
    size_t ntokens;
    const char *text;
    size_t len;
    const uint32_t *digit;  /* the tokens with a digit, in order */
    size_t ndigit;
    uint32_t reach;         /* the largest reach asked about */
    uint32_t words;         /* the most stretches asked about (0: the line's) */
    size_t next;            /* digit[next]: the next digit token, d */
    size_t d;               /* (ntokens: none) */
    size_t zone;            /* the first token before d that is near it (SIZE_MAX: none) */
    size_t before;          /* DF_BEFORE from this token on, up to d: past the line break
                               after the last digit token before d, or past its words-th
                               stretch (d: none) */
} tg_digit_far;

/* The first token of [lo, to) with f->words stretches of whitespace or more between
 * the end of token lo - 1 and its start (to: none). They are counted as barrier_hit's
 * words_back counts them, gap by gap: no token holds whitespace (token.c). */
static inline size_t tg_digit_far_words(const tg_digit_far *f, size_t lo, size_t to)
{
    unsigned left = f->words;
    for (size_t j = lo; j < to; j++) {
        size_t e = f->tokens[j - 1].byte_end, s = f->tokens[j].byte_start;
        if (s - e == 1 && f->text[e] == ' ')
            left--;
        else if (e < s)
            tg_pf_words_back(f->text, e, s, &left);
        if (left == 0)
            return j;
    }
    return to;
}

/* The state for the next digit token, digit[next]. */
static inline void tg_digit_far_next(tg_digit_far *f)
{
    /* the tokens after the previous digit token, and the byte where they end */
    size_t lo = f->next ? f->digit[f->next - 1] + 1 : 0, to = f->len;
    f->d = f->ntokens;
    f->zone = SIZE_MAX;
    if (f->next < f->ndigit) {
        f->d = f->digit[f->next];
        to = f->tokens[f->d].byte_start;
        /* count back from d: near while the characters up to d are no more than reach */
        uint32_t sum = 0;
        size_t j = f->d;
        while (j > lo) {
            uint32_t c = tg_reach_token_chars(&f->tokens[j - 1], f->text);
            if (sum + c > f->reach)
                break;
            sum += c;
            j--;
        }
        f->zone = j;
    }
    f->before = lo; /* no digit before d: from the first token on */
    if (f->next > 0) {
        size_t from = f->tokens[lo - 1].byte_end;
        const char *nl = from < to ? memchr(f->text + from, '\n', to - from) : NULL;
        f->before = nl ? tg_token_search(f->tokens, lo, f->d, (uint32_t)(nl - f->text)) : f->d;
        if (f->words)
            f->before = tg_digit_far_words(f, lo, f->before);
    }
}

static inline void tg_digit_far_init(tg_digit_far *f, const tg_token *tokens, size_t ntokens,
                                     const char *text, size_t len, const uint32_t *digit,
                                     size_t ndigit, uint32_t reach, uint32_t words)
{
    *f = (tg_digit_far){tokens, ntokens, text, len, digit, ndigit, reach, words, 0, 0, 0, 0};
    tg_digit_far_next(f);
}

/* DF_AFTER and DF_BEFORE, as they hold for token t (no earlier than the last asked)
 * and every token after it up to *until, where they may change: the scan asks again
 * only there. */
static inline unsigned tg_digit_far_at(tg_digit_far *f, size_t t, size_t *until)
{
    if (t > f->d) {
        while (f->next < f->ndigit && f->digit[f->next] < t)
            f->next++;
        tg_digit_far_next(f);
    }
    if (t == f->d) {
        *until = t + 1;
        return 0;
    }
    size_t u = f->d;
    if (f->zone > t && f->zone < u)
        u = f->zone;
    if (f->before > t && f->before < u)
        u = f->before;
    *until = u;
    return (t < f->zone ? DF_AFTER : 0) | (t >= f->before ? DF_BEFORE : 0);
}

#endif
