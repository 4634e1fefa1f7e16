/*
 * reach_tokens.h - a reach of digits ruled out by the tokens alone. Internal.
 *
 * An anchored rule is tried only where its reaches (prefilter.h) are met; most of the
 * English date rules' leads ("the", "in" before a year, a capital that might start a
 * weekday) have a digit somewhere on their line, and tg_pf_reach_met reads the bytes
 * after the start to learn that it is too far: some 130 to 200 instructions a start,
 * 57K of the 97K checks of 2000 English news being "the" or "in" of the year and
 * decade rules. The tokens tell most of those no's for a few instructions a token:
 * a digit is always inside a token that holds a digit (TK_DIGIT), so the characters
 * of the tokens before the next such token all come before any digit, and when they
 * are more than the reach counts, no digit is in time.
 *
 * Sound because what is counted here is never more than tg_pf_reach_met counts:
 *   - a word token is letters, marks, digits and apostrophes (token.h), none of them
 *     whitespace that tg_pf_skip_len passes over nor an ASCII control character, so
 *     every one of its code points is counted there (the tests check the fold
 *     table);
 *   - a token of one other character counts when it is ASCII above the space or a
 *     character tg_pf_skip_len does not pass over - a control character is a token
 *     of its own and counts nothing, as there;
 *   - what lies between tokens (whitespace, a possessive's 's) holds no digit and is
 *     not counted here at all;
 *   - a start inside its token counts nothing of that token.
 * An answer of "maybe" leaves the exact check to tg_pf_reach_met.
 */
#ifndef TG_REACH_TOKENS_H
#define TG_REACH_TOKENS_H

#include "prefilter.h"
#include "token.h"

#include <stddef.h>
#include <stdint.h>

/* Is every character of reach c's mask an ASCII digit, and is it bounded in characters?
 * Then tg_reach_tokens_out may speak for it. (A reach of letters has mask[1]: one
 * test says no to it.) */
static inline int tg_reach_of_digits(const tg_pf_reach *c)
{
    const uint64_t digits = 0x3FFull << '0';
    return !c->mask[1] && c->mask[0] && !(c->mask[0] & ~digits) &&
           c->reach != TG_PF_REACH_NONE;
}

/* Characters of token q that tg_pf_reach_met surely counts. */
static inline uint32_t tg_reach_token_chars(const tg_token *q, const char *text)
{
    if (q->flags & TK_WORD)
        return q->cp_end - q->cp_start;
    const unsigned char *p = (const unsigned char *)text + q->byte_start;
    return p[0] < 0x80 ? p[0] > ' ' : !tg_pf_skip_len(p, (const unsigned char *)text + q->byte_end);
}

/* A start at byte at, inside or at the start of token t of tokens[0..n): does no digit
 * come within the first reach + 1 counted characters (a reach of digits,
 * tg_reach_of_digits), by the tokens? 1: surely not met; 0: maybe. */
static inline int tg_reach_tokens_out(const tg_token *tokens, size_t n, size_t t, size_t at,
                                      const char *text, uint32_t reach)
{
    if (tokens[t].flags & TK_DIGIT)
        return 0;
    uint32_t seen = tokens[t].byte_start >= at ? tg_reach_token_chars(&tokens[t], text) : 0;
    for (size_t j = t + 1; seen <= reach; j++) {
        if (j >= n)
            return 1; /* no digit after at at all */
        if (tokens[j].flags & TK_DIGIT)
            return 0;
        seen += tg_reach_token_chars(&tokens[j], text);
    }
    return 1;
}

#endif
