/*
 * matcher.h - the gazetteer matcher: a trie over token ids. Internal.
 *
 * Every alias is tokenized like text and becomes a path of token ids in a trie
 * whose edges live in one hash table keyed by (node, token id). Scanning looks each
 * text token up once and walks the trie from each position; the cost per token is a
 * few hash lookups, whatever the number of aliases.
 */
#ifndef TG_MATCHER_H
#define TG_MATCHER_H

#include "fold.h"
#include "hash.h"
#include "hash_filter.h"
#include "inflect.h"
#include "mul_fold.h"
#include "token.h"
#include "vec.h"
#include "word_hash.h"

#include <stdint.h>

enum {
    TG_ALIAS_CASE = 1,    /* match only the exact capitalisation */
    TG_ALIAS_INFLECT = 2, /* words inflect (uk/ru) */
    TG_ALIAS_PROPER = 4,  /* written with a capital: never matches all-lower text */
    TG_ALIAS_WORD = 8,    /* also a common word: with CASE, and not as a sentence's
                             first word when only its capital would tell */
    TG_ALIAS_SPORTS = 16  /* a club's bare nickname ("Orioles", "Celtic"): only in a
                             sports text whose names are mostly of its country (tag.c) */
};

typedef struct tg_alias {
    uint32_t entity;
    uint32_t next;        /* next alias on the same trie node, or TG_NONE */
    uint32_t case_off;    /* per-token upper-case masks, in matcher.case_masks */
    uint16_t ntokens;
    uint16_t flags;
} tg_alias;

typedef struct tg_matcher {
    strmap vocab;         /* folded token (or inflection key) -> token id, placed by
                           * tg_word_hash (not tg_hash: strmap_get does not find them) */
    uint64_t *vocab_filter; /* tg_word_hash of every vocab string, TG_HASH_FILTER_WORDS */
    /* Every edge of the trie, (node, token), as tg_matcher_edge_key of the node and
     * the token's tg_word_hash, TG_HASH_FILTER_WORDS: the root's edges are the
     * aliases' first words, where a match can start; the others are asked whether
     * a path goes on, nearly always not, before the token is looked up. */
    uint64_t *edge_filter;
    /* Where a match may start without inflection, TG_HASH_FILTER_WORDS: the
     * tg_word_hash of the first word of every one-word alias, and
     * tg_matcher_pair_key of the first two words of every longer one. Most first
     * words in text ("the", "a", "in") begin only longer aliases and are followed by
     * none of their second words; this says so from the two tokens' hashes, before
     * the first is looked up in the vocabulary and its child of the root read: two
     * reads from tables of megabytes saved for most of a fifth of English tokens. */
    uint64_t *start_filter;
    /* Every inflected form an alias word may take, TG_HASH_FILTER_WORDS: the
     * tg_word_hash of each (class, stem) key's stem with every ending of its class
     * ("рос" + ія ії ію ією). A Cyrillic token has inflected candidates only when
     * it is one of those forms, so a "no" here saves the walk of its splits and a
     * stem hash and filter question per split: 85% of Cyrillic tokens, asked with
     * the hash the scan holds anyway. */
    uint64_t *form_filter;
    u64map edges;         /* (node << 32 | token id) -> child node */
    /* token id -> its child of the root, or TG_NONE: the edges from the root again,
     * as a dense array. Every text token found in the vocabulary asks for one; a
     * 4-byte read from an array a tenth the size of the edge table, rather than a
     * probe of keys and values there, both far beyond the cache. */
    VEC(uint32_t) root_child;
    VEC(uint32_t) node_alias; /* node -> first alias, or TG_NONE */
    VEC(tg_alias) aliases;
    VEC(uint32_t) case_masks;
    tg_inflect inflect;
    int has_inflected;
} tg_matcher;

int tg_matcher_init(tg_matcher *m);
void tg_matcher_free(tg_matcher *m);

/* The token id of a folded token (or inflection key), or TG_NONE: strmap_get on the
 * vocabulary, but the filter first, which turns most strings that are not there away
 * without touching the table. Inline: the scan asks for every token. */
static inline uint32_t tg_matcher_token_id(const tg_matcher *m, const char *s, size_t len)
{
    uint64_t h = tg_word_hash(s, len);
    if (!tg_hash_filter_maybe(m->vocab_filter, h))
        return TG_NONE;
    return m->vocab.slots[tg_strmap_slot(&m->vocab, s, len, h)].id1 - 1;
}

/* The edge filter's key of the edge from node by the token of tg_word_hash h. The
 * root's is the hash itself (the scan asks of every token whether it starts a match);
 * the others' differ from it by a multiple of the node, which h's mix makes as good
 * as independent for a Bloom filter. */
static inline uint64_t tg_matcher_edge_key(uint64_t h, uint32_t node)
{
    return h ^ ((uint64_t)node * 0x9e3779b97f4a7c15ULL);
}

/* The start filter's key of two consecutive words of tg_word_hash h1 and h2. */
static inline uint64_t tg_matcher_pair_key(uint64_t h1, uint64_t h2)
{
    return tg_mul_fold(h1 ^ 0x243f6a8885a308d3ULL, h2 ^ 0x13198a2e03707344ULL);
}

/* Add an alias as written (after the = and ~ markers were stripped). `lang` is the
 * alias column's language, used for inflection. Returns 0; 1 when the alias has no
 * token; -1 when out of memory. tg_matcher_prepare and tg_matcher_add_prepared in
 * one, for one alias. */
int tg_matcher_add(tg_matcher *m, const tg_fold *fold, const char *alias, size_t len,
                   const char *lang, uint32_t entity, unsigned flags, tg_token_vec *tmp_tokens,
                   tg_char_vec *tmp_norm);

/* The longest word (or inflection key) an alias word is read as inflecting. */
#define TG_MATCHER_MAX_KEY 512

/* Aliases made ready for the trie but not yet in it: tokenized, their words
 * classified, keyed and hashed, and the vocabulary slot of each fetched. The loader
 * prepares all of an entity's aliases, then adds them in the same order: the
 * vocabulary is megabytes, and a probe that waited for its slot was a sixth of
 * loading a large model. */
typedef struct tg_prep_word {
    uint64_t hash;     /* tg_word_hash of the word or its inflection key */
    uint32_t off, len; /* the word or key, in tg_matcher_prep.bytes */
    uint32_t upper;    /* the token's upper-case mask as written */
    int cls;           /* its inflection class, -1 for none */
} tg_prep_word;

typedef struct tg_prep_alias {
    uint32_t first, n; /* words[first, first + n) */
    uint16_t flags;    /* tg_alias.flags */
} tg_prep_alias;

typedef struct tg_matcher_prep {
    VEC(tg_prep_word) words;
    VEC(tg_prep_alias) aliases;
    tg_char_vec bytes;
    tg_token_vec toks; /* scratch */
    tg_char_vec norm;
} tg_matcher_prep;

/* Empty the prepared aliases, keeping the memory; free it. */
void tg_matcher_prep_clear(tg_matcher_prep *p);
void tg_matcher_prep_free(tg_matcher_prep *p);

/* Prepare an alias as tg_matcher_add takes it, appended to p->aliases; m is only
 * read. Returns 0; 1 when the alias has no token; -1 when out of memory. */
int tg_matcher_prepare(const tg_matcher *m, const tg_fold *fold, const char *alias, size_t len,
                       const char *lang, unsigned flags, tg_matcher_prep *p);

/* Add the i-th prepared alias to the trie, for entity. Returns 0, -1 when out of
 * memory. */
int tg_matcher_add_prepared(tg_matcher *m, const tg_matcher_prep *p, size_t i, uint32_t entity);

/* One match: tokens [first, last] and the aliases (a chain) that end there. */
typedef struct tg_gaz_match {
    uint32_t first, last;
    uint32_t alias; /* first alias of the chain on the accepting node */
    uint32_t inflected;
} tg_gaz_match;

typedef VEC(tg_gaz_match) tg_gaz_match_vec;
typedef VEC(uint32_t) tg_u32_vec;
typedef VEC(uint64_t) tg_u64_vec;

/* The candidate ids of a token: its folded form's id, when in the vocabulary, then for
 * Cyrillic words the ids of the (class, stem) keys of its inflected readings, with
 * INFLECTED_BIT (bit 31) when the ending is not the nominative's; the same as
 * tg_matcher_token_id asked for each form in turn. Appended to cand. Returns 0, -1
 * when out of memory. */
int tg_matcher_token_candidates(const tg_matcher *m, const tg_token *t, const char *norm,
                                tg_u32_vec *cand);

/* Where in a text a match can start: `starts` gets, in order, the tokens of which
 * some candidate is a child of the trie's root that is an alias's end or may lead on
 * to the next token (the edge filter lets that token's form through from it, or the
 * token has inflected readings); every token where a match starts is listed. The
 * candidates of tokens[i] are cand[cand_off[i] .. cand_off[i+1]) (cand_off gets
 * ntokens + 1 entries), in the order of tg_matcher_token_candidates, with the
 * lookups of several under way at once; but only for tokens that may begin an
 * alias: of the others, a form that is no alias's first word may be left out, and
 * so may every candidate of a token without inflected readings that is no start (a
 * listed start's candidates with a child of the root are all there, and all of a
 * token with inflected readings). `hash` gets
 * ntokens + 1 entries: each token's tg_word_hash_at, for the scan's steps, then 0.
 * `cyrillic` is 0 only when no token has TK_CYRILLIC (tg_tokenize_cyrillic): then
 * no token is asked for inflected readings, which only such a token has. The
 * vectors are overwritten. Returns 0, -1 when out of memory. */
int tg_matcher_candidates(const tg_matcher *m, const tg_token *tokens, size_t ntokens,
                          const char *norm, int cyrillic, tg_u32_vec *cand,
                          tg_u32_vec *cand_off, tg_u32_vec *starts, tg_u64_vec *hash);

/* Find leftmost-longest non-overlapping matches in tokens of text. `cyrillic` as for
 * tg_matcher_candidates. `cand`, `cand_off`, `starts` and `hash` are scratch space.
 * The alias chain of each match holds only aliases whose case conditions the text
 * meets (others are unlinked from the chain by reporting `alias` = the first
 * acceptable one; check tg_matcher_alias_ok for the rest). */
int tg_matcher_scan(const tg_matcher *m, const tg_fold *fold, const char *text,
                    const tg_token *tokens, size_t ntokens, const char *norm, int cyrillic,
                    tg_u32_vec *cand, tg_u32_vec *cand_off, tg_u32_vec *starts,
                    tg_u64_vec *hash, tg_gaz_match_vec *out);

/* tg_matcher_alias_ok of an alias with TG_ALIAS_CASE. */
int tg_matcher_case_ok(const tg_matcher *m, const tg_fold *fold, const char *text,
                       const tg_token *tokens, size_t ntokens, uint32_t first,
                       const tg_alias *alias);

/* Do the tokens [first, first + alias->ntokens) of text (of ntokens) meet the alias's
 * case rules? Inline: asked of every match found and kept, mostly of aliases whose rule
 * is a capital anywhere or none; the exact capitalisation's check is out of line. */
static inline int tg_matcher_alias_ok(const tg_matcher *m, const tg_fold *fold,
                                      const char *text, const tg_token *tokens,
                                      size_t ntokens, uint32_t first, const tg_alias *alias)
{
    if (alias->flags & TG_ALIAS_CASE)
        return tg_matcher_case_ok(m, fold, text, tokens, ntokens, first, alias);
    if (alias->flags & TG_ALIAS_PROPER) {
        for (uint32_t k = 0; k < alias->ntokens; k++)
            if (tokens[first + k].flags & TK_HAS_UPPER)
                return 1;
        return 0;
    }
    return 1;
}

#endif
