/*
 * token_at.h - finding the token at a byte offset. Internal.
 *
 * Tokens come out of the tokenizer in text order, so the token that starts at or
 * after a byte is a binary search away. Later stages (entity ids and code point
 * offsets in tag.c, coref) need it per entity; a walk from the first token, or a
 * count of every byte before the entity, would make those quadratic in the
 * document's length or cost a pass over the text.
 */
#ifndef TG_TOKEN_AT_H
#define TG_TOKEN_AT_H

#include "token.h"

/* The first token of [lo, hi) whose byte_start is at or after `byte`, hi when none
 * is; the tokens before lo start before it. */
static inline size_t tg_token_search(const tg_token *tokens, size_t lo, size_t hi, uint32_t byte)
{
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tokens[mid].byte_start < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The index of the first token whose byte_start is at or after `byte` (ntokens when
 * none is). */
static inline size_t tg_token_at(const tg_token *tokens, size_t ntokens, uint32_t byte)
{
    return tg_token_search(tokens, 0, ntokens, byte);
}

/* tg_token_at where the answer is known to be at or after token `from`, and
 * usually near it (the end of the line that token `from` is on): steps of 8, 16,
 * 32... from `from` find a token past the answer, then a binary search between the
 * last two. Cost grows with the log of the distance, not of the whole array. */
static inline size_t tg_token_at_from(const tg_token *tokens, size_t ntokens, size_t from,
                                      uint32_t byte)
{
    size_t lo = from, hi = from, step = 8;
    for (;;) {
        hi = ntokens - lo > step ? lo + step : ntokens;
        if (hi == ntokens || tokens[hi].byte_start >= byte)
            break;
        lo = hi + 1;
        step *= 2;
    }
    return tg_token_search(tokens, lo, hi, byte);
}

/* Code points in s[0, n) of valid UTF-8: the bytes that do not continue one. */
static inline size_t tg_count_cp(const char *s, size_t n)
{
    size_t cp = 0;
    for (size_t i = 0; i < n; i++)
        cp += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cp;
}

/* The code point offset of byte `byte` of the (valid UTF-8) text the tokens were
 * made from, where t is tg_token_at(tokens, ntokens, byte): the nearest token at or
 * before it knows its own, so only the bytes from there are counted rather than the
 * whole text before it. */
static inline size_t tg_token_cp_near(const tg_token *tokens, size_t ntokens, const char *text,
                                      size_t t, uint32_t byte)
{
    if (t < ntokens && tokens[t].byte_start == byte)
        return tokens[t].cp_start;
    if (t == 0)
        return tg_count_cp(text, byte);
    const tg_token *before = &tokens[t - 1];
    return before->cp_start + tg_count_cp(text + before->byte_start, byte - before->byte_start);
}

/* The same, finding t first. */
static inline size_t tg_token_cp_at(const tg_token *tokens, size_t ntokens, const char *text,
                                    uint32_t byte)
{
    return tg_token_cp_near(tokens, ntokens, text, tg_token_at(tokens, ntokens, byte), byte);
}

#endif
