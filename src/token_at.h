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

#include "bytes.h"
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

/* The continuation bytes (10xxxxxx) among the eight of x: bit 7 set and bit 6, moved
 * up to bit 7 of the same byte by the shift, clear; the 0/1 per byte summed by one
 * multiply into the top byte. */
static inline size_t tg_count_cont8(uint64_t x)
{
    uint64_t cont = (x & ~(x << 1) & 0x8080808080808080ULL) >> 7;
    return (size_t)((cont * 0x0101010101010101ULL) >> 56);
}

/* Code points in s[0, n) of valid UTF-8: the bytes that do not continue one. Every
 * entity's end offset counts its bytes (tag.c), some 20 on average: eight at a time,
 * and the last few by one more load of the eight ending at the last byte, the bytes
 * already counted shifted out. */
static inline size_t tg_count_cp(const char *s, size_t n)
{
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8)
        cont += tg_count_cont8(tg_load_le64(s + i));
    if (i < n) {
        if (n >= 8) {
            cont += tg_count_cont8(tg_load_le64(s + n - 8) >> (8 * (8 - (n - i))));
        } else {
            for (; i < n; i++)
                cont += ((unsigned char)s[i] & 0xC0) == 0x80;
        }
    }
    return n - cont;
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
