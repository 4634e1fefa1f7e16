/*
 * token.h - splitting folded text into tokens. Internal.
 *
 * A token is a word (letters, marks and digits, with apostrophes inside it:
 * м'ясо, O'Brien) or a single other character (punctuation, symbols). Whitespace
 * separates tokens and is not one. A possessive 's ends a Latin word and is recorded
 * as a flag, so "Russia's" is the token "russia". Offsets refer to the input.
 */
#ifndef TG_TOKEN_H
#define TG_TOKEN_H

#include "fold.h"
#include "vec.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
    TK_WORD = 1,
    TK_FIRST_UPPER = 2,  /* first letter upper case (so a word with TK_HAS_UPPER) */
    TK_HAS_UPPER = 4,
    TK_HAS_LOWER = 8,
    TK_CYRILLIC = 16,    /* contains a Cyrillic letter */
    /* A word all of whose characters are ASCII (so one byte each, in the input and
     * folded: byte_end - byte_start == cp_end - cp_start == norm_len). Never set on
     * a non-word token. Below 128, with the flags an ASCII byte's table entry holds
     * (fold.h, TG_FB_WORD_SHIFT): the fast path sets it at no cost. */
    TK_ASCII = 32,
    TK_DIGIT = 64,       /* contains a digit */
    TK_LINE_START = 128, /* first token of its line */
    TK_SENT_START = 256, /* first token of a sentence (after . ! ? or a line start) */
    /* A word holding an apostrophe or a combining mark: some character of
     * [byte_start, byte_end) is neither a letter nor a digit. Never set on a
     * non-word token. So a token is all letters and digits exactly when
     * (flags & (TK_WORD | TK_APOS_MARK)) == TK_WORD. */
    TK_APOS_MARK = 512,
    TK_POSSESSIVE = 1024, /* followed by 's, which is not part of the token */
    /* A word of Latin and Cyrillic letters, more of one script, whose letters of the
     * other all look like letters of it (tg_fold_homoglyph): they are folded as
     * those ("Моcква" with a Latin c is "москва", "Сatholic" with a Cyrillic С is
     * "catholic"). Set by the general path (slow_token). */
    TK_TO_CYRILLIC = 2048,
    TK_TO_LATIN = 4096
};

typedef struct tg_token {
    uint32_t norm_off, norm_len;   /* folded UTF-8 in the token buffer */
    uint32_t byte_start, byte_end; /* input bytes */
    uint32_t cp_start, cp_end;     /* input code points */
    uint32_t flags;
} tg_token;

/* The folded code point that character cp, of info ci, adds to the folded bytes of a
 * word token with these flags; 0 when it adds none (tg_fold_ignorable). A walk that
 * maps a token's folded bytes back to its input asks this (rules.c, byte_of_norm). */
static inline uint32_t tg_token_fold(tg_charinfo ci, uint32_t cp, uint32_t flags)
{
    if (flags & (TK_TO_CYRILLIC | TK_TO_LATIN)) {
        uint32_t h = tg_fold_homoglyph(cp, (flags & TK_TO_CYRILLIC) != 0);
        if (h)
            return h;
    }
    return ci.fold;
}

/* Is token t the character c alone, no word: a comma, a full stop, a hyphen (folding
 * made every dash "-")? */
static inline int tg_token_is_char(const tg_token *t, const char *norm, char c)
{
    return !(t->flags & TK_WORD) && t->norm_len == 1 && norm[t->norm_off] == c;
}

/* Is token t's folded text one of words, a NULL-ended list of folded words? A word's
 * first two bytes are compared before its length is counted: most words of a list
 * differ there (a strlen of each word for each token asked was 0.4% of tagging
 * Cyrillic news). */
static inline int tg_token_in(const tg_token *t, const char *norm, const char *const *words)
{
    const char *w = norm + t->norm_off;
    if (t->norm_len == 0)
        return 0;
    for (; *words; words++)
        if ((*words)[0] == w[0] && (t->norm_len < 2 || (*words)[1] == w[1]) &&
            strlen(*words) == t->norm_len && !memcmp(w, *words, t->norm_len))
            return 1;
    return 0;
}

typedef VEC(tg_token) tg_token_vec;
typedef VEC(char) tg_char_vec;

/* Tokenize valid UTF-8 text. Tokens and their folded bytes are appended to the
 * (cleared) vectors, which keep their memory for the next call. Returns 0, or -1
 * when out of memory. */
int tg_tokenize(const tg_fold *fold, const char *text, size_t len, tg_token_vec *tokens,
                tg_char_vec *norm);

/* tg_tokenize, and *cyrillic set to whether some token has a Cyrillic letter
 * (TK_CYRILLIC): the matcher asks of no token of a text without one whether it is an
 * inflected form (tg_matcher_scan). */
int tg_tokenize_cyrillic(const tg_fold *fold, const char *text, size_t len,
                         tg_token_vec *tokens, tg_char_vec *norm, int *cyrillic);

/* Are tokens[first..last] part of an account's handle or an identifier, joined to
 * the rest by "_" with no space between ("@Nigel_Farage" of an embedded tweet,
 * "@Kyiv_Post")? Such words name an account, not the person or place, and the text
 * names those beside it: "Nigel Farage (@Nigel_Farage)". A handle of one word
 * ("@Ryanair", "#BioNTech /@Pfizer vaccine") stands for its name in a tweet's
 * sentence, as a hashtag ("#Ukraine") does, and is not asked about. */
static inline int tg_tokens_in_handle(const tg_token *tokens, size_t ntokens, const char *norm,
                                      size_t first, size_t last)
{
    if (first > 0) {
        const tg_token *b = &tokens[first - 1];
        if (b->byte_end == tokens[first].byte_start && b->norm_len == 1 && norm[b->norm_off] == '_')
            return 1;
    }
    if (last + 1 < ntokens) {
        const tg_token *a = &tokens[last + 1];
        if (a->byte_start == tokens[last].byte_end && a->norm_len == 1 && norm[a->norm_off] == '_')
            return 1;
    }
    return 0;
}

#endif
