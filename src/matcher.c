/*
 * matcher.c - building and scanning the gazetteer trie.
 *
 * Node 0 is the root. A node's aliases form a chain through tg_alias.next, so many
 * entities can share one alias ("Georgia") and the resolver picks among them.
 * Candidates of a text token: its folded form, plus for Cyrillic words every
 * (class, stem) split whose ending the class takes. Inflected candidates carry
 * INFLECTED_BIT so an exact reading of the same span wins over an inflected one.
 */
#include "matcher.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define INFLECTED_BIT 0x80000000u
#define MAX_PATHS 64

int tg_matcher_init(tg_matcher *m)
{
    memset(m, 0, sizeof *m);
    m->vocab_filter = calloc(TG_HASH_FILTER_WORDS, sizeof *m->vocab_filter);
    m->edge_filter = calloc(TG_HASH_FILTER_WORDS, sizeof *m->edge_filter);
    m->start_filter = calloc(TG_HASH_FILTER_WORDS, sizeof *m->start_filter);
    m->form_filter = calloc(TG_HASH_FILTER_WORDS, sizeof *m->form_filter);
    if (!m->vocab_filter || !m->edge_filter || !m->start_filter || !m->form_filter ||
        strmap_init(&m->vocab) ||
        u64map_init(&m->edges) || tg_inflect_init(&m->inflect))
        return -1;
    return vec_push(m->node_alias, TG_NONE); /* the root */
}

void tg_matcher_free(tg_matcher *m)
{
    strmap_free(&m->vocab);
    free(m->vocab_filter);
    m->vocab_filter = NULL;
    free(m->edge_filter);
    m->edge_filter = NULL;
    free(m->start_filter);
    m->start_filter = NULL;
    free(m->form_filter);
    m->form_filter = NULL;
    u64map_free(&m->edges);
    tg_inflect_free(&m->inflect);
    vec_free(m->root_child);
    vec_free(m->node_alias);
    vec_free(m->aliases);
    vec_free(m->case_masks);
}

/* Bit k set when the k-th code point (of the first 32) of the span is upper case. */
static uint32_t upper_mask(const tg_fold *fold, const char *text, uint32_t from, uint32_t to)
{
    uint32_t mask = 0;
    size_t i = from;
    for (unsigned k = 0; i < to && k < 32; k++) {
        int32_t cp = tg_utf8_next((const unsigned char *)text, to, &i);
        if (cp >= 0 && (tg_fold_get(fold, (uint32_t)cp).cls & TG_C_UPPER))
            mask |= 1u << k;
    }
    return mask;
}

/* upper_mask of a token: of a word of ASCII characters alone (TK_ASCII) from its
 * bytes, which are its code points, the upper-case ones A-Z - a compare a byte
 * instead of a decode and a table load a character (2000 English news ask some
 * 10,000 tokens, nearly all ASCII). */
static uint32_t token_upper_mask(const tg_fold *fold, const char *text, const tg_token *t)
{
    if (!(t->flags & TK_ASCII))
        return upper_mask(fold, text, t->byte_start, t->byte_end);
    uint32_t mask = 0, n = t->byte_end - t->byte_start;
    const unsigned char *w = (const unsigned char *)text + t->byte_start;
    for (uint32_t k = 0; k < n && k < 32; k++)
        mask |= (uint32_t)(w[k] - (unsigned)'A' < 26u) << k;
    return mask;
}

/* Does this one-character token open a sentence or a line of dialogue when it comes
 * first: a quotation mark, an opening bracket, a dash or a bullet ("— Мама хотіла",
 * "“Добре”", "(The")? The word after it is then the sentence's first. */
static int opens_sentence(const char *text, const tg_token *t)
{
    if (t->flags & TK_WORD || t->cp_end - t->cp_start != 1)
        return 0;
    size_t i = t->byte_start;
    switch (tg_utf8_next((const unsigned char *)text, t->byte_end, &i)) {
    case '"': case '\'': case '(': case '[': case '-': case '*':
    case 0x00AB: case 0x00BB: /* « » */
    case 0x2018: case 0x2019: case 0x201A: case 0x201C: case 0x201D: case 0x201E: /* ‘’‚“”„ */
    case 0x2039: case 0x203A: /* ‹ › */
    case 0x2010: case 0x2012: case 0x2013: case 0x2014: case 0x2015: /* ‐ ‒ – — ― */
    case 0x2022: /* • */
        return 1;
    default:
        return 0;
    }
}

/* Is token k a sentence's first word: flagged so by the tokenizer (after . ! ? or at a
 * line's start), or after punctuation that opens one there (opens_sentence)? A
 * quotation or dash after a colon opens quoted speech: "said: «Добре»". */
static int sentence_first(const char *text, const tg_token *tokens, uint32_t k)
{
    int opened = 0;
    while (!(tokens[k].flags & TK_SENT_START)) {
        if (k == 0)
            return 0;
        const tg_token *before = &tokens[k - 1];
        if (!opens_sentence(text, before))
            return opened && before->byte_end - before->byte_start == 1 &&
                   text[before->byte_start] == ':';
        opened = 1;
        k--;
    }
    return 1;
}

static uint32_t child_of(const tg_matcher *m, uint32_t node, uint32_t token)
{
    token &= ~INFLECTED_BIT;
    if (node == 0)
        return m->root_child.v[token];
    return u64map_get(&m->edges, ((uint64_t)node << 32) | token);
}

/* Put every form of the stem of key (tg_inflect_key of class cls, klen bytes) in the
 * form filter: the stem followed by each ending of the class, hashed as a text token
 * of those bytes is. */
static void add_forms(tg_matcher *m, int cls, const char *key, size_t klen)
{
    char form[512 + 2 * TG_INFLECT_MAX_ENDING * 2];
    size_t stem_len = klen - 2;
    memcpy(form, key + 2, stem_len);
    const char *e;
    for (size_t k = 0; (e = tg_inflect_class_ending(cls, k)) != NULL; k++) {
        /* Copied and measured in one loop of a few bytes, not strlen and memcpy. */
        size_t elen = 0;
        while (e[elen] && stem_len + elen < sizeof form) {
            form[stem_len + elen] = e[elen];
            elen++;
        }
        if (e[elen])
            continue; /* cannot happen: endings are at most TG_INFLECT_MAX_ENDING letters */
        tg_hash_filter_add(m->form_filter, tg_word_hash(form, stem_len + elen));
    }
}

void tg_matcher_prep_clear(tg_matcher_prep *p)
{
    p->words.n = 0;
    p->aliases.n = 0;
    p->bytes.n = 0;
}

void tg_matcher_prep_free(tg_matcher_prep *p)
{
    vec_free(p->words);
    vec_free(p->aliases);
    vec_free(p->bytes);
    vec_free(p->toks);
    vec_free(p->norm);
}

int tg_matcher_prepare(const tg_matcher *m, const tg_fold *fold, const char *alias, size_t len,
                       const char *lang, unsigned flags, tg_matcher_prep *p)
{
    /* The tokenizer's fast path stops short of a text's last word, and its passes of
     * sixteen bytes at a time short of a text's last sixteen (token.c); spaces after
     * the alias, which change no token, let them take the whole alias. Loading a
     * model tokenizes some 300,000 aliases. */
    enum { PAD = 16 };
    char padded[256];
    size_t pad = len + PAD <= sizeof padded ? PAD : 0;
    if (pad) {
        memcpy(padded, alias, len);
        memset(padded + len, ' ', PAD);
    }
    const tg_token_vec *toks = &p->toks;
    if (tg_tokenize(fold, pad ? padded : alias, len + pad, &p->toks, &p->norm))
        return -1;
    if (toks->n == 0)
        return 1;
    if (toks->n > UINT16_MAX)
        return 1;
    int inflects = (flags & TG_ALIAS_INFLECT) && lang &&
                   (strcmp(lang, "uk") == 0 || strcmp(lang, "ru") == 0);
    tg_prep_alias pa = {(uint32_t)p->words.n, (uint32_t)toks->n,
                        (uint16_t)(flags & (TG_ALIAS_CASE | TG_ALIAS_WORD | TG_ALIAS_SPORTS))};
    for (size_t k = 0; k < toks->n; k++) {
        const tg_token *t = &toks->v[k];
        const char *word = p->norm.v + t->norm_off;
        size_t wlen = t->norm_len, stem_len;
        int cls = -1;
        if (inflects && (t->flags & TK_CYRILLIC) && wlen + 2 <= TG_MATCHER_MAX_KEY)
            cls = tg_inflect_classify(lang, word, wlen, &stem_len);
        if (vec_reserve(p->bytes, wlen + 2))
            return -1;
        char *dst = p->bytes.v + p->bytes.n;
        if (cls >= 0) {
            wlen = tg_inflect_key(cls, word, stem_len, dst);
            pa.flags |= TG_ALIAS_INFLECT;
        } else {
            memcpy(dst, word, wlen);
        }
        if (t->flags & TK_HAS_UPPER)
            pa.flags |= TG_ALIAS_PROPER;
        tg_prep_word w = {tg_word_hash(dst, wlen), (uint32_t)p->bytes.n, (uint32_t)wlen,
                          /* A token with no upper-case letter (TK_HAS_UPPER, from the
                           * same classes) has the mask 0 without a second look. */
                          (t->flags & TK_HAS_UPPER) ? token_upper_mask(fold, alias, t) : 0,
                          cls};
        __builtin_prefetch(&m->vocab.slots[w.hash & m->vocab.mask]);
        p->bytes.n += wlen;
        if (vec_push(p->words, w))
            return -1;
    }
    return vec_push(p->aliases, pa);
}

int tg_matcher_add_prepared(tg_matcher *m, const tg_matcher_prep *p, size_t i, uint32_t entity)
{
    const tg_prep_alias *pa = &p->aliases.v[i];
    uint32_t node = 0;
    uint64_t first_hash = 0;
    tg_alias a = {entity, TG_NONE, (uint32_t)m->case_masks.n, (uint16_t)pa->n, pa->flags};
    for (size_t k = 0; k < pa->n; k++) {
        const tg_prep_word *w = &p->words.v[pa->first + k];
        const char *word = p->bytes.v + w->off;
        uint64_t h = w->hash; /* for the table and the filters */
        size_t known = m->vocab.count;
        uint32_t id = strmap_intern_hashed(&m->vocab, word, w->len, h);
        if (id == TG_NONE || (id == m->root_child.n && vec_push(m->root_child, TG_NONE)))
            return -1;
        if (w->cls >= 0) {
            m->has_inflected = 1;
            if (m->vocab.count > known) {
                /* A new (class, stem) key: its stem and forms go into the filters.
                 * A key seen before has them there already (keys are made only
                 * here, and the forms depend on nothing else): most are of words
                 * many aliases share ("область", "район"), and the forms are six or
                 * so random writes each. */
                tg_inflect_add_stem(&m->inflect, word + 2, w->len - 2);
                add_forms(m, w->cls, word, w->len);
            }
        }
        tg_hash_filter_add(m->vocab_filter, h);
        tg_hash_filter_add(m->edge_filter, tg_matcher_edge_key(h, node));
        if (k == 0)
            first_hash = h;
        else if (k == 1)
            tg_hash_filter_add(m->start_filter, tg_matcher_pair_key(first_hash, h));
        uint32_t child = child_of(m, node, id);
        if (child == TG_NONE) {
            child = (uint32_t)m->node_alias.n;
            if (vec_push(m->node_alias, TG_NONE) ||
                u64map_put(&m->edges, ((uint64_t)node << 32) | id, child))
                return -1;
            if (node == 0)
                m->root_child.v[id] = child;
        }
        node = child;
        if (vec_push(m->case_masks, w->upper))
            return -1;
    }
    if (pa->n == 1)
        tg_hash_filter_add(m->start_filter, first_hash);
    a.next = m->node_alias.v[node];
    if (vec_push(m->aliases, a))
        return -1;
    m->node_alias.v[node] = (uint32_t)m->aliases.n - 1;
    return 0;
}

int tg_matcher_add(tg_matcher *m, const tg_fold *fold, const char *alias, size_t len,
                   const char *lang, uint32_t entity, unsigned flags, tg_token_vec *toks,
                   tg_char_vec *norm)
{
    tg_matcher_prep p = {.toks = *toks, .norm = *norm}; /* the caller's scratch, lent */
    int rc = tg_matcher_prepare(m, fold, alias, len, lang, flags, &p);
    if (rc == 0)
        rc = tg_matcher_add_prepared(m, &p, 0, entity);
    *toks = p.toks;
    *norm = p.norm;
    vec_free(p.words);
    vec_free(p.aliases);
    vec_free(p.bytes);
    return rc;
}

#define CAPITALS_MIN_BYTES 5 /* alias_in_capitals */

/* Is every token of the line that holds tokens[k] without a lower-case letter, the
 * line holding two words or more: a headline or dateline in capitals ("SOCCER -
 * BELGIUM BEAT TURKEY 2-1"). */
static int capitals_line(const tg_token *tokens, size_t ntokens, uint32_t k)
{
    size_t from = k, to = k + 1, words = 0;
    while (from > 0 && !(tokens[from].flags & TK_LINE_START))
        from--;
    while (to < ntokens && !(tokens[to].flags & TK_LINE_START))
        to++;
    for (size_t i = from; i < to; i++) {
        if (tokens[i].flags & TK_HAS_LOWER)
            return 0;
        words += (tokens[i].flags & (TK_WORD | TK_HAS_UPPER)) == (TK_WORD | TK_HAS_UPPER);
    }
    return words >= 2;
}

/* Written in capitals where the alias has a capital first and lower case after it, in
 * each of its tokens: "TURKEY" for =Turkey, "OLD TRAFFORD" for =Old Trafford. */
static int alias_in_capitals(const tg_matcher *m, const tg_token *tokens, uint32_t first,
                             const tg_alias *a)
{
    size_t bytes = 0;
    for (uint32_t k = 0; k < a->ntokens; k++) {
        const tg_token *t = &tokens[first + k];
        if (m->case_masks.v[a->case_off + k] != 1 || (t->flags & TK_HAS_LOWER) ||
            !(t->flags & TK_HAS_UPPER))
            return 0;
        bytes += t->byte_end - t->byte_start;
    }
    return bytes >= CAPITALS_MIN_BYTES;
}

int tg_matcher_case_ok(const tg_matcher *m, const tg_fold *fold, const char *text,
                       const tg_token *tokens, size_t ntokens, uint32_t first,
                       const tg_alias *a)
{
    /* A name whose exact case tells it from a word or an acronym (=Turkey, =Shell,
     * =Golan) is the name in a line all in capitals too, as the line cannot tell;
     * not one of fewer than CAPITALS_MIN_BYTES, mostly small towns' names that are
     * acronyms in capitals ("Ufa", "Kos", "Sur"), and not a common word's (==Nice). */
    if (!(a->flags & TG_ALIAS_WORD) && alias_in_capitals(m, tokens, first, a) &&
        capitals_line(tokens, ntokens, first))
        return 1;
    /* A one-word name that is also a common word (==Nice, ==Так), written with an
     * initial capital only: as a sentence's first word (after an opening quotation
     * mark or dash too), the capital is the sentence's and says nothing of which one
     * is meant. */
    if ((a->flags & TG_ALIAS_WORD) && a->ntokens == 1 && m->case_masks.v[a->case_off] == 1 &&
        sentence_first(text, tokens, first))
        return 0;
    for (uint32_t k = 0; k < a->ntokens; k++) {
        const tg_token *t = &tokens[first + k];
        /* A token without a capital (TK_HAS_UPPER: every upper-case character is a
         * word's) has the mask 0, without a walk over its characters. */
        uint32_t mask = t->flags & TK_HAS_UPPER ? token_upper_mask(fold, text, t) : 0;
        if (mask != m->case_masks.v[a->case_off + k])
            return 0;
    }
    return 1;
}

/* Append the inflected candidate ids of one token (w, n) to cand. Always inline: in
 * tg_matcher_candidates, where nearly all calls are, the call cost 5% of a Cyrillic
 * text's tagging once tg_matcher_token_candidates called it too. */
static inline __attribute__((always_inline)) int inflected_candidates(const tg_matcher *m, const tg_token *t, const char *w, size_t n,
                                tg_u32_vec *cand)
{
    if (!m->has_inflected || !(t->flags & TK_CYRILLIC) || n + 2 > 512)
        return 0;
    /* The splits into stem + ending that some alias could match, longest stem first
     * (so the candidates come in order of the ending's length). */
    tg_inflect_split split[TG_INFLECT_MAX_ENDING + 1];
    /* Its code points: the input's, but that a format character inside the word (a
     * soft hyphen: TK_APOS_MARK) folds to none. */
    size_t cps = t->cp_end - t->cp_start;
    if (t->flags & TK_APOS_MARK) {
        cps = 0;
        for (size_t k = 0; k < n; k++)
            cps += ((unsigned char)w[k] & 0xC0) != 0x80;
    }
    size_t nsplit = tg_inflect_splits(w, n, cps, split);
    if (nsplit == 0)
        return 0;
    char key[512];
    for (size_t s = 0; s < nsplit; s++) {
        if (!tg_inflect_maybe_stem(&m->inflect, tg_inflect_stem_hash(w, split[s].cut)))
            continue;
        size_t cut = split[s].cut;
        /* The key of (class, stem) differs by class only in its class byte. All
         * classes' keys are hashed, and their filter words fetched, before the
         * first is looked up, as the text's own forms are (tg_matcher_candidates). */
        size_t klen = tg_inflect_key(0, w, cut, key);
        uint64_t key_hash[64]; /* a bit of split[s].classes each */
        size_t nkeys = 0;
        for (uint64_t classes = split[s].classes; classes; classes &= classes - 1) {
            int c = __builtin_ctzll(classes);
            uint64_t kh = tg_word_hash(tg_inflect_key_class(c, key), klen);
            __builtin_prefetch(tg_hash_filter_word(m->vocab_filter, kh));
            key_hash[nkeys++] = kh;
        }
        nkeys = 0;
        for (uint64_t classes = split[s].classes; classes; classes &= classes - 1) {
            int c = __builtin_ctzll(classes);
            uint64_t kh = key_hash[nkeys++];
            if (!tg_hash_filter_maybe(m->vocab_filter, kh))
                continue;
            (void)tg_inflect_key_class(c, key);
            uint32_t sid = m->vocab.slots[tg_strmap_slot(&m->vocab, key, klen, kh)].id1 - 1;
            if (sid == TG_NONE)
                continue;
            if (!tg_inflect_is_nominative(c, w + cut, n - cut))
                sid |= INFLECTED_BIT;
            if (vec_push(*cand, sid))
                return -1;
        }
    }
    return 0;
}

/* The id of the token at norm + off (len bytes, tg_word_hash h), or TG_NONE: the
 * vocabulary's tg_strmap_slot, but a word of up to eight bytes is compared as one
 * number, the eight bytes ending at its last in the text and in the pool, instead of
 * byte by byte - a loop whose count, the word's length, the branch predictor cannot
 * guess. (A tag equal to the hash's low half nearly always means the word itself.) */
static inline uint32_t vocab_id(const strmap *v, const char *norm, size_t off, size_t len,
                                uint64_t h)
{
    size_t i = h & v->mask;
    uint32_t tag = tg_strslot_tag(h);
    for (;; i = (i + 1) & v->mask) {
        uint32_t id1 = v->slots[i].id1;
        if (!id1)
            return TG_NONE;
        if (v->slots[i].tag != tag)
            continue;
        uint32_t start = v->offs[id1 - 1], end = v->offs[id1];
        if (end - start != len)
            continue;
        if (len - 1 < 8 && end >= 8 && off + len >= 8) {
            uint64_t x = tg_load_le64(norm + off + len - 8) ^ tg_load_le64(v->pool + end - 8);
            if (x >> (64 - 8 * len) == 0) /* the len bytes at the top */
                return id1 - 1;
        } else if (tg_bytes_equal(v->pool + start, norm + off, len)) {
            return id1 - 1;
        }
    }
}

/* Append to cand the id of a token without inflected readings (tg_word_hash h)
 * when it may lead on from node: when the edge filter lets (node, form) through -
 * any other id would be no child of node anyway. */
static int next_candidate(const tg_matcher *m, uint32_t node, const tg_token *t,
                          const char *norm, uint64_t h, tg_u32_vec *cand)
{
    if (tg_hash_filter_maybe(m->edge_filter, tg_matcher_edge_key(h, node))) {
        uint32_t id = vocab_id(&m->vocab, norm, t->norm_off, t->norm_len, h);
        if (id != TG_NONE && vec_push(*cand, id))
            return -1;
    }
    return 0;
}

int tg_matcher_token_candidates(const tg_matcher *m, const tg_token *t, const char *norm,
                                tg_u32_vec *cand)
{
    uint32_t id = tg_matcher_token_id(m, norm + t->norm_off, t->norm_len);
    if (id != TG_NONE && vec_push(*cand, id))
        return -1;
    return inflected_candidates(m, t, norm + t->norm_off, t->norm_len, cand);
}

/* A token's lookup waits for its hash (a chain of multiplies) and then for its
 * filter word (the filter is 256 KiB, mostly out of the first-level cache, often
 * evicted from the second by the stages between one text's scan and the next).
 * The tokens are independent, so they are taken a block at a time, in stages:
 *   1. hash each token and fetch its filter word, AHEAD tokens before stage 2 asks
 *      about it, in the same loop (ask_tokens);
 *   2. ask the filter (the word is in the cache now) and list the tokens to look
 *      up: those it lets through, and Cyrillic words when aliases inflect, without a
 *      branch per token. The filter asked is the edge filter at the root, of the
 *      aliases' first words only: 45% of English tokens are in the vocabulary (the,
 *      of, commas), fewer than half of those begin an alias, and a token that begins
 *      none needs no id unless a path reaches it with an edge to it - the scan looks
 *      those up when the filter says one may be there (next_candidates);
 *   3. of those, keep the ones that may start a match or have candidates at all
 *      (keep_tokens): the start filter asked of a word without inflected readings
 *      whether it, or it and the next token, may begin an alias ("the" begins
 *      hundreds of longer aliases, and is followed by none of their second words
 *      nearly always), the vocabulary's and the form filter of a Cyrillic word;
 *      then look the kept ones up, in order, fetching each found id's child of the
 *      root;
 *   4. read those children (arrived by now) to list the tokens where a match starts:
 *      where a child ends an alias or the edge filter lets the next token through
 *      from it. Most first words found in text ("the", "a", "in": 80% of them in
 *      English) begin only longer aliases ("The Hague") and are followed by none of
 *      their second words; the filter's word answers that here, where the scan
 *      would push, pop and ask it about a path of its own.
 * The token after a block's last is hashed with the block, for the start filter and
 * stage 4; the hashes stay for the scan, which asks the edge filter about the tokens
 * its paths reach. (Going further - fetching each token's vocabulary slot, then its
 * string, stages ahead - cost more in instructions and branches than it saved.)
 * Blocks of 256 tokens, the most a byte indexes: nearly every text is one or two,
 * and each block's calls, setup, prefetches ahead and end cost some hundreds of
 * instructions (blocks of 64: 3.7M more on 2000 English records). */
enum { BLOCK = 256 };
_Static_assert(BLOCK <= 256, "a block's token numbers are bytes (asked, found)");
/* How many tokens ahead of its filter question a token is hashed and its filter word
 * fetched. Hashing and asking in one pass over the tokens costs the fewest
 * instructions, but then nearly every question waits for its word: the stage took
 * a fifth more time than stages 1 and 2 as two loops did (perf samples on 10 MB of
 * English news). Fetched 32 tokens ahead, it takes a fifth less; 16 ahead did
 * about half as well, 64 no better. */
enum { AHEAD = 32 };

/* Stage 2's lists for a block: ask, the tokens to look up; maybe[k], what to look up
 * of token k: LOOK_UP its own form (first set when the filter lets that through;
 * in a text without Cyrillic words, set by keep_tokens for the tokens listed),
 * INFLECT its inflected readings. One struct: the loops address both from one
 * register. */
enum { LOOK_UP = 1, INFLECT = 2 };
typedef struct asked {
    unsigned char maybe[BLOCK], ask[BLOCK];
} asked;

/* The tg_word_hash of a token that ends at byte 8 or later of norm: a word of up to
 * eight bytes is one load of the eight ending at its last byte, with no test of
 * where it starts (tg_word_hash_at without its check). The shift by 64 - 8 * len is
 * written as -8 * len, the same modulo 64, where x86 takes the count: one
 * instruction fewer. No token is empty (the tokenizer puts each one's first
 * character), so every other one is longer than eight bytes. */
static inline __attribute__((always_inline)) uint64_t hash_token(const tg_token *t,
                                                                 const char *norm)
{
    size_t off = t->norm_off, len = t->norm_len;
    if (__builtin_expect(len - 1 < 8, 1)) /* nine tokens in ten */
        return tg_word_hash_mix((tg_load_le64(norm + off + len - 8) >> ((0 - 8 * len) & 63)) ^
                                len);
    return tg_word_hash_long((const unsigned char *)norm + off, len); /* len > 8 */
}

/* Stage 2's question of token k of a block, of hash h: maybe[k], does the filter let
 * its form through; listed in ask when that or it has inflected readings, without a
 * branch. Returns nask, the number listed. Without inflect_flag maybe[k] is left for
 * keep_tokens to write, of the tokens listed only: every one is a LOOK_UP then. */
static inline __attribute__((always_inline)) size_t
ask_token(const uint64_t *filter, uint64_t h, uint32_t flags, size_t k,
          const uint32_t inflect_flag, asked *l, size_t nask)
{
    unsigned char mb = (unsigned char)tg_hash_filter_maybe(filter, h);
    if (inflect_flag)
        l->maybe[k] = mb;
    l->ask[nask] = (unsigned char)k;
    return nask + (mb | ((flags & inflect_flag) != 0));
}

/* Stages 1 and 2 for the tokens k0 .. nb - 1 of a block (bt, its hashes at hash),
 * every one of which ends at byte 8 or later of norm (the caller hashes the few
 * before that): in one loop, a token is hashed and its filter word fetched AHEAD
 * tokens before its question is asked. Returns nask, the number listed. With
 * inflect_flag a constant the loop has a register more; it is short of them (the
 * multiply takes two, the shift one). */
static inline __attribute__((always_inline)) size_t
ask_tokens_for(const tg_token *bt, uint64_t *hash, asked *l, const char *norm,
               const uint64_t *filter, size_t k0, size_t nb, const uint32_t inflect_flag,
               size_t nask)
{
    size_t k = k0;
    for (size_t j = k0; j < nb && j < k0 + AHEAD; j++) {
        hash[j] = hash_token(&bt[j], norm);
        __builtin_prefetch(tg_hash_filter_word(filter, hash[j]));
    }
    for (; k + AHEAD < nb; k++) {
        uint64_t h = hash_token(&bt[k + AHEAD], norm);
        hash[k + AHEAD] = h;
        __builtin_prefetch(tg_hash_filter_word(filter, h));
        nask = ask_token(filter, hash[k], bt[k].flags, k, inflect_flag, l, nask);
    }
    for (; k < nb; k++)
        nask = ask_token(filter, hash[k], bt[k].flags, k, inflect_flag, l, nask);
    return nask;
}

/* Out of line: in the body of tg_matcher_candidates, short of registers, the loop
 * read its pointers from the stack and passed the 128-bit product of the long
 * words' mix through it. The pointers it uses are the first arguments, which come
 * in registers. */
static __attribute__((noinline)) size_t ask_tokens(const tg_token *bt, uint64_t *hash, asked *l,
                                                   const char *norm, const uint64_t *filter,
                                                   size_t k0, size_t nb, uint32_t inflect_flag,
                                                   size_t nask)
{
    if (inflect_flag == TK_CYRILLIC)
        return ask_tokens_for(bt, hash, l, norm, filter, k0, nb, TK_CYRILLIC, nask);
    return ask_tokens_for(bt, hash, l, norm, filter, k0, nb, 0, nask);
}

/* Of the tokens listed in l->ask (of a block bt, its hashes at hash, of which the
 * tokens from bt on number tail, the block's and those after), keep those to look
 * up: returns how many, listed in order at the start of ask.
 *   - A word without inflected readings is needed only as a start, and is one only
 *     by its own form: as a one-word alias, or as the first of a longer one whose
 *     second word is the next token's form (or may be one of its inflected
 *     readings). When the start filter rules all that out, a path from it could
 *     reach no alias. Most of the tokens asked about in English end here ("the",
 *     "of", "in").
 *   - A word with inflected readings has all its candidates listed, for the scan;
 *     but most Cyrillic words have none: no form in the vocabulary, no inflected
 *     reading (the vocabulary's and the form filter's answers, both from one filter
 *     word's position and bits; kept in maybe[k] for stage 3). Left out, a word that
 *     has none costs no more.
 * With inflect_flag a constant, as ask_tokens_for: with none (no Cyrillic word in
 * the text) its tests of the tokens' flags go. */
static inline __attribute__((always_inline)) size_t
keep_tokens_for(const tg_matcher *m, const tg_token *bt, const uint64_t *hash, asked *l,
                size_t nask, const uint32_t inflect_flag, size_t tail)
{
    const uint64_t *start = m->start_filter;
    size_t nkeep = 0;
    for (size_t a = 0; a < nask; a++) {
        size_t k = l->ask[a];
        l->ask[nkeep] = (unsigned char)k;
        if (__builtin_expect((bt[k].flags & inflect_flag) != 0, 0)) {
            unsigned char todo = (unsigned char)(
                (l->maybe[k] | tg_hash_filter_maybe(m->vocab_filter, hash[k])) |
                tg_hash_filter_maybe(m->form_filter, hash[k]) << 1);
            l->maybe[k] = todo;
            nkeep += todo != 0;
        } else {
            if (!inflect_flag)
                l->maybe[k] = LOOK_UP; /* not written by ask_token */
            nkeep += (k + 1 < tail && (bt[k + 1].flags & inflect_flag)) ||
                     tg_hash_filter_maybe(start, hash[k]) ||
                     tg_hash_filter_maybe(start, tg_matcher_pair_key(hash[k], hash[k + 1]));
        }
    }
    return nkeep;
}

/* Out of line, like ask_tokens. */
static __attribute__((noinline)) size_t keep_tokens(const tg_matcher *m, const tg_token *bt,
                                                    const uint64_t *hash, asked *l,
                                                    size_t nask, uint32_t inflect_flag,
                                                    size_t tail)
{
    if (inflect_flag == TK_CYRILLIC)
        return keep_tokens_for(m, bt, hash, l, nask, TK_CYRILLIC, tail);
    return keep_tokens_for(m, bt, hash, l, nask, 0, tail);
}

/* off[from .. to) = v, where the entries up to 7 beyond may be written too (the
 * caller overwrites them after): most blocks' tokens have no candidates, and their
 * offsets are one number stored eight at a time, rather than a prefix sum of counts
 * of every token. */
static inline void fill_offsets(uint32_t *off, size_t from, size_t to, uint32_t v)
{
#if defined(__SSE2__)
    __m128i x = _mm_set1_epi32((int)v);
    for (size_t j = from; j < to; j += 8) {
        _mm_storeu_si128((__m128i *)(off + j), x);
        _mm_storeu_si128((__m128i *)(off + j + 4), x);
    }
#else
    for (size_t j = from; j < to; j++)
        off[j] = v;
#endif
}

/* The token flag of the words that may have inflected readings: TK_CYRILLIC, or none
 * when the model's aliases do not inflect or the text has no Cyrillic word. Then
 * ask_tokens takes its loop that reads no flags (three instructions a token fewer
 * in English text, where the question was always no). */
static uint32_t inflecting(const tg_matcher *m, int cyrillic)
{
    return m->has_inflected && cyrillic ? TK_CYRILLIC : 0;
}

int tg_matcher_candidates(const tg_matcher *m, const tg_token *tokens, size_t ntokens,
                          const char *norm, int cyrillic, tg_u32_vec *cand,
                          tg_u32_vec *cand_off, tg_u32_vec *starts, tg_u64_vec *token_hash)
{
    cand->n = 0;
    cand_off->n = 0;
    starts->n = 0;
    token_hash->n = 0;
    /* cand_off: room for what fill_offsets writes beyond the last */
    if (vec_reserve(*cand_off, ntokens + BLOCK) || vec_reserve(*starts, ntokens) ||
        vec_reserve(*token_hash, ntokens + 1))
        return -1;
    const strmap *vocab = &m->vocab;
    const uint64_t *filter = m->edge_filter;
    const uint32_t *root_child = m->root_child.v;
    const uint32_t *node_alias = m->node_alias.v;
    uint32_t *off = cand_off->v;
    uint64_t *all_hash = token_hash->v;
    const uint32_t inflect_flag = inflecting(m, cyrillic);
    asked l;
    unsigned char *ask = l.ask, *maybe = l.maybe, found[BLOCK];
    /* The tokens that end before byte 8 of norm (a text's first one or two): hashed
     * here, where the eight bytes before their end are not all there to read. The
     * tokens' bytes follow each other in norm, so every later one ends further on. */
    size_t early = 0;
    for (; early < ntokens && tokens[early].norm_off + (size_t)tokens[early].norm_len < 8; early++)
        all_hash[early] = tg_word_hash(norm + tokens[early].norm_off, tokens[early].norm_len);
    all_hash[ntokens] = 0; /* after the last token: whatever the filter says of it */
    for (size_t b = 0; b < ntokens; b += BLOCK) {
        const tg_token *bt = tokens + b;
        uint64_t *hash = all_hash + b;
        size_t nb = ntokens - b < BLOCK ? ntokens - b : BLOCK;
        size_t nask = 0, k0 = 0;
        for (; b + k0 < early && k0 < nb; k0++) /* the first block's, hashed above */
            nask = ask_token(filter, hash[k0], bt[k0].flags, k0, inflect_flag, &l, nask);
        nask = ask_tokens(bt, hash, &l, norm, filter, k0, nb, inflect_flag, nask);
        /* The hash of the token after the block, for the start filter's pair and stage
         * 4 (hashed again as the next block's first, once in BLOCK tokens). */
        if (b + nb < ntokens)
            hash[nb] = tg_word_hash_at(norm, bt[nb].norm_off, bt[nb].norm_len);
        size_t nkeep = keep_tokens(m, bt, hash, &l, nask, inflect_flag, ntokens - b);
        size_t nfound = 0, filled = 0;
        for (size_t a = 0; a < nkeep; a++) {
            size_t k = ask[a];
            const tg_token *t = &bt[k];
            const char *w = norm + t->norm_off;
            size_t before = cand->n;
            fill_offsets(off + b, filled, k + 1, (uint32_t)before); /* up to k's own */
            filled = k + 1;
            /* A word with inflected readings has all its candidates listed (the
             * scan reads them again when a path reaches it, rather than finding
             * its readings twice): its own form too when in the vocabulary.
             * keep_tokens has said which to look for. */
            if (maybe[k] & LOOK_UP) {
                uint32_t id = vocab_id(vocab, norm, t->norm_off, t->norm_len, hash[k]);
                if (id != TG_NONE) {
                    __builtin_prefetch(&root_child[id]); /* read in stage 4 */
                    if (vec_push(*cand, id))
                        return -1;
                }
            }
            /* Inflected readings only for a word that is some alias word's form (the
             * form filter). The hint keeps the lookups' layout (without it, 0.14M
             * more instructions on 2000 English records and as many on 450
             * Cyrillic ones). */
            if (__builtin_expect((maybe[k] & INFLECT) != 0, 0) &&
                inflected_candidates(m, t, w, t->norm_len, cand))
                return -1;
            found[nfound] = (unsigned char)k;
            nfound += cand->n != before;
        }
        fill_offsets(off + b, filled, nb, (uint32_t)cand->n);
        for (size_t f = 0; f < nfound; f++) {
            size_t i = b + found[f];
            size_t to = (size_t)found[f] + 1 < nb ? off[i + 1] : cand->n;
            /* The scan reads the next token's listed candidates when it inflects. */
            int next_listed = i + 1 < ntokens && (tokens[i + 1].flags & inflect_flag);
            uint64_t next_hash = all_hash[i + 1];
            uint32_t any = 0;
            for (size_t c = off[i]; c < to; c++) {
                uint32_t node = root_child[cand->v[c] & ~INFLECTED_BIT];
                if (node != TG_NONE)
                    any |= node_alias[node] != TG_NONE || next_listed ||
                           tg_hash_filter_maybe(filter, tg_matcher_edge_key(next_hash, node));
            }
            starts->v[starts->n] = (uint32_t)i;
            starts->n += any;
        }
    }
    off[ntokens] = (uint32_t)cand->n;
    cand_off->n = ntokens + 1;
    token_hash->n = ntokens + 1;
    return 0;
}

/* Is there a blank line between token j - 1 and token j (which starts a line)? Two line
 * feeds with only whitespace between: a paragraph's end, which a name does not cross,
 * though it may wrap onto the next line ("Securities and Exchange\nCommission"). */
static int after_blank_line(const char *text, const tg_token *tokens, uint32_t j)
{
    int feeds = 0;
    for (uint32_t b = tokens[j - 1].byte_end; b < tokens[j].byte_start; b++)
        feeds += text[b] == '\n';
    return feeds >= 2;
}

static uint32_t first_ok_alias(const tg_matcher *m, const tg_fold *fold, const char *text,
                               const tg_token *tokens, size_t ntokens, uint32_t first,
                               uint32_t alias)
{
    for (; alias != TG_NONE; alias = m->aliases.v[alias].next)
        if (tg_matcher_alias_ok(m, fold, text, tokens, ntokens, first, &m->aliases.v[alias]))
            return alias;
    return TG_NONE;
}

int tg_matcher_scan(const tg_matcher *m, const tg_fold *fold, const char *text,
                    const tg_token *tokens, size_t ntokens, const char *norm, int cyrillic,
                    tg_u32_vec *cand, tg_u32_vec *cand_off, tg_u32_vec *starts,
                    tg_u64_vec *token_hash, tg_gaz_match_vec *out)
{
    out->n = 0;
    if (tg_matcher_candidates(m, tokens, ntokens, norm, cyrillic, cand, cand_off, starts,
                              token_hash))
        return -1;

    /* Leftmost-longest from each token in turn, but only the tokens where a match
     * can start are visited (at the others no path would be pushed, or none would
     * reach an alias: nothing to do but step on); a match moves past its last
     * token, skipping starts inside it. */
    struct path { uint32_t last, node, inflected; } stack[MAX_PATHS];
    const uint32_t inflect_flag = inflecting(m, cyrillic);
    uint32_t i = 0;
    for (size_t si = 0; si < starts->n; si++) {
        if (starts->v[si] < i)
            continue;
        i = starts->v[si];
        size_t sp = 0;
        for (uint32_t c = cand_off->v[i]; c < cand_off->v[i + 1] && sp < MAX_PATHS; c++) {
            uint32_t child = child_of(m, 0, cand->v[c]);
            if (child != TG_NONE)
                stack[sp++] = (struct path){i, child, (cand->v[c] & INFLECTED_BIT) != 0};
        }
        tg_gaz_match best = {0, 0, TG_NONE, 0};
        while (sp) {
            struct path p = stack[--sp];
            uint32_t chain = m->node_alias.v[p.node];
            if (chain != TG_NONE && (best.alias == TG_NONE || p.last > best.last ||
                                     (p.last == best.last && best.inflected && !p.inflected))) {
                uint32_t ok = first_ok_alias(m, fold, text, tokens, ntokens, i, chain);
                /* A lone word read as an inflected form must not be a frequent word:
                 * Оно (a town) inflects to "она", Комо to "кому". Asked last: most
                 * such readings fail their alias's case first (the town's capital),
                 * and the common words' table is a hash of the whole word. */
                if (ok != TG_NONE &&
                    !(p.inflected && p.last == i &&
                      tg_inflect_is_common(&m->inflect, norm + tokens[i].norm_off,
                                           tokens[i].norm_len)))
                    best = (tg_gaz_match){i, p.last, ok, p.inflected};
            }
            uint32_t j = p.last + 1;
            if (j >= ntokens ||
                ((tokens[j].flags & TK_LINE_START) && after_blank_line(text, tokens, j)))
                continue; /* no name goes on over a blank line ("м.\n\nКиїв") */
            /* The candidates of j: listed, for a word with inflected readings; else
             * found now, after those of every token, for as long as this step needs
             * them. */
            size_t keep = cand->n, from = keep, to;
            if (tokens[j].flags & inflect_flag) {
                from = cand_off->v[j];
                to = cand_off->v[j + 1];
            } else {
                if (next_candidate(m, p.node, &tokens[j], norm, token_hash->v[j], cand))
                    return -1;
                to = cand->n;
            }
            for (size_t c = from; c < to && sp < MAX_PATHS; c++) {
                uint32_t child = child_of(m, p.node, cand->v[c]);
                if (child != TG_NONE)
                    stack[sp++] = (struct path){j, child,
                                                p.inflected | ((cand->v[c] & INFLECTED_BIT) != 0)};
            }
            cand->n = keep;
        }
        if (best.alias == TG_NONE)
            continue;
        if (vec_push(*out, best))
            return -1;
        i = best.last + 1;
    }
    return 0;
}
