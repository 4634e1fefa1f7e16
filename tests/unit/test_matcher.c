/*
 * test_matcher.c - gazetteer matching through the public API on the mini model:
 * table-driven from tests/data/matcher.cases (text, then the expected
 * "surface=id" list in order, or "-" for none).
 */
#include "harness.h"

#include "hash.h"
#include "matcher.h"
#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_DATA_DIR "/model-mini")

/* The gazetteer matches of text, as matcher.cases writes them. */
static void gazetteer_matches(const char *text, char *got, size_t size)
{
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, model, NULL, text, strlen(text), NULL, &err), TG_OK);
    got[0] = '\0';
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        if (strcmp(e->source, "gazetteer") == 0)
            snprintf(got + strlen(got), size - strlen(got), "%s%s=%s", got[0] ? " " : "",
                     e->text, e->id);
    }
    tg_result_free(r);
}

/* A name wraps onto the next line, but does not go on over a blank one (a paragraph's
 * end, CRLF or not): the words after it are matched on their own. */
static void names_stop_at_a_blank_line(void **state)
{
    (void)state;
    char got[512];
    gazetteer_matches("Russia and the United\nStates met.", got, sizeof got);
    assert_string_equal(got, "Russia=country:RU United\nStates=country:US");
    gazetteer_matches("Russia and the United\n\nStates met.", got, sizeof got);
    assert_string_equal(got, "Russia=country:RU");
    gazetteer_matches("the United\r\n \r\nStates and the United\r\nStates", got, sizeof got);
    assert_string_equal(got, "United\r\nStates=country:US");
}

static void run_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(TEST_DATA_DIR "/matcher.cases", "r");
    assert_non_null(fp);
    char line[2048], *expect;
    int line_no = 0, n = 0;
    while ((expect = test_next_case(fp, line, sizeof line, &line_no))) {
        char got[2048];
        gazetteer_matches(line, got, sizeof got);
        if (!got[0])
            strcpy(got, "-");
        if (strcmp(got, expect) != 0)
            fail_msg("matcher.cases:%d: '%s'\n  expected: %s\n  got:      %s", line_no, line,
                     expect, got);
        n++;
    }
    fclose(fp);
    assert_true(n >= 10);
}

/* The string table behind the vocabulary takes the empty string, first or later
 * (the pool is still unallocated the first time: UBSan flags NULL + 0). */
static void empty_string_interns(void **state)
{
    (void)state;
    strmap m;
    assert_int_equal(strmap_init(&m), 0);
    assert_int_equal(strmap_intern(&m, "", 0), 0);
    assert_int_equal(strmap_intern(&m, "x", 1), 1);
    assert_int_equal(strmap_get(&m, "", 0), 0);
    size_t len = 9;
    strmap_str(&m, 0, &len);
    assert_int_equal(len, 0);
    strmap_free(&m);
}

/* tg_hash as first written, with a plain copy of the tail: the compiled model stores
 * these values, so a faster tg_hash must give exactly them. */
static uint64_t ref_mix(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

static uint64_t ref_hash(const unsigned char *p, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (len * 0x100000001b3ULL);
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w = 0;
        for (int k = 0; k < 8; k++)
            w |= (uint64_t)p[k] << (8 * k);
        h = (h ^ ref_mix(w)) * 0x100000001b3ULL;
    }
    uint64_t w = 0;
    for (size_t k = 0; k < len; k++)
        w |= (uint64_t)p[k] << (8 * k);
    h ^= ref_mix(w ^ ((uint64_t)len << 56));
    return ref_mix(h);
}

/* tg_word_hash written plainly: bytes one at a time, no overlapping loads. */
static uint64_t ref_word_mix(uint64_t x)
{
    /* The 128-bit product by shifts and adds, one bit of x at a time. */
    const uint64_t k = 0x9e3779b97f4a7c15ULL;
    uint64_t lo = 0, hi = 0;
    for (int b = 0; b < 64; b++) {
        if (!(x >> b & 1))
            continue;
        uint64_t add_lo = k << b, add_hi = b ? k >> (64 - b) : 0;
        lo += add_lo;
        hi += add_hi + (lo < add_lo);
    }
    return lo ^ hi;
}

static uint64_t ref_le(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
    for (size_t k = 0; k < n; k++)
        w |= (uint64_t)p[k] << (8 * k);
    return w;
}

static uint64_t ref_word_hash(const unsigned char *p, size_t len)
{
    if (len <= 8)
        return ref_word_mix(ref_le(p, len) ^ len);
    uint64_t h = len;
    for (size_t k = 0; k + 8 < len; k += 8)
        h = ref_word_mix(h ^ ref_le(p + k, 8));
    return ref_word_mix(h ^ ref_le(p + len - 8, 8) ^ 0x5851f42d4c957f2dULL);
}

/* Both ways of hashing a vocabulary word give the plain value: anywhere (at the end
 * of an allocation of exactly its bytes) and inside a buffer at every offset, where
 * the bytes before it are read (the buffer is its own allocation, so ASan sees any
 * read before its start or past the word's end). Lengths up to 64 take each of
 * tg_word_hash's ways: one load (1..8), two mixes (9..16), the loop (17 and more). */
static void word_hash_agrees(void **state)
{
    (void)state;
    unsigned char buf[64];
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int round = 0; round < 100; round++)
        for (size_t off = 0; off <= 12; off++)
            for (size_t len = 0; off + len <= sizeof buf; len++) {
                for (size_t k = 0; k < off + len; k++) {
                    xorshift(&x);
                    buf[k] = (unsigned char)(round % 2 ? 'a' + x % 4 : x);
                }
                uint64_t want = ref_word_hash(buf + off, len);
                char *copy = malloc(off + len ? off + len : 1);
                assert_non_null(copy);
                memcpy(copy, buf, off + len);
                if (tg_word_hash(copy + off, len) != want)
                    fail_msg("length %zu: tg_word_hash differs", len);
                if (tg_word_hash_at(copy, off, len) != want)
                    fail_msg("offset %zu, length %zu: tg_word_hash_at differs", off, len);
                free(copy);
            }
}

static void hash_values_do_not_change(void **state)
{
    (void)state;
    unsigned char buf[64];
    uint64_t x = 88172645463325252ULL;
    for (int round = 0; round < 200; round++)
        for (size_t len = 0; len <= sizeof buf; len++) {
            for (size_t k = 0; k < len; k++) {
                xorshift(&x);
                buf[k] = (unsigned char)x;
            }
            /* At the end of an allocation of exactly len bytes, for ASan. */
            unsigned char *copy = malloc(len ? len : 1);
            assert_non_null(copy);
            memcpy(copy, buf, len);
            uint64_t got = tg_hash(copy, len);
            free(copy);
            if (got != ref_hash(buf, len))
                fail_msg("length %zu: tg_hash changed", len);
        }
}

/* Lookups compare the bytes when the stored hash is equal. Real collisions are too
 * rare to test with, so the one string's slot is moved to where a string one byte
 * different (at every position of every length up to 40) probes first, with that
 * string's hash tag: the lookup of that string must compare, see the difference and
 * miss, and the original, put back, must still be found. */
static void lookups_compare_bytes(void **state)
{
    (void)state;
    char s[41], t[41];
    for (size_t len = 1; len <= 40; len++)
        for (size_t pos = 0; pos < len; pos++) {
            strmap m;
            assert_int_equal(strmap_init_small(&m, 16), 0);
            for (size_t k = 0; k < len; k++)
                s[k] = (char)('a' + (k * 7 + len) % 26);
            memcpy(t, s, len);
            t[pos] ^= 0x20;
            assert_int_equal(strmap_intern(&m, s, len), 0);
            uint64_t hs = tg_hash(s, len), ht = tg_hash(t, len);
            assert_int_equal(m.slots[hs & m.mask].id1, 1);
            m.slots[hs & m.mask] = (tg_strslot){0, 0};
            m.slots[ht & m.mask] = (tg_strslot){1, tg_strslot_tag(ht)};
            assert_int_equal(strmap_get(&m, t, len), TG_NONE);
            m.slots[ht & m.mask] = (tg_strslot){0, 0};
            m.slots[hs & m.mask] = (tg_strslot){1, tg_strslot_tag(hs)};
            assert_int_equal(strmap_get(&m, s, len), 0);
            strmap_free(&m);
        }
}

/* The matcher's own vocabulary lookup (a word of up to eight bytes compared as one
 * number) likewise, on the hashes it uses: a word's slot is moved to where a word
 * one letter different probes first, with that word's tag, and the different word,
 * written after a long word or first in the text, with a long word first in the
 * vocabulary's pool or not, must find no candidate; put back, the word must. */
static void vocab_lookups_compare_bytes(void **state)
{
    (void)state;
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    tg_u32_vec cand = {0}, cand_off = {0}, starts = {0};
    tg_u64_vec hash = {0};
    char s[24], t[24], text[64];
    int compared = 0;
    for (size_t len = 1; len <= 12; len++)
        for (size_t pos = 0; pos < len; pos++)
            for (int variant = 0; variant < 4; variant++) {
                for (size_t k = 0; k < len; k++)
                    s[k] = (char)('a' + (k * 7 + len) % 26);
                memcpy(t, s, len);
                t[pos] = (char)('a' + (t[pos] - 'a' + 1) % 26);
                tg_matcher m;
                assert_int_equal(tg_matcher_init(&m), 0);
                if (variant & 1)
                    assert_int_equal(
                        tg_matcher_add(&m, &model->fold, "qqqqqqqqqq", 10, "en", 0, 0, &toks, &norm),
                        0);
                assert_int_equal(tg_matcher_add(&m, &model->fold, s, len, "en", 1, 0, &toks, &norm),
                                 0);
                uint32_t id = tg_matcher_token_id(&m, s, len);
                assert_int_not_equal(id, TG_NONE);
                uint64_t hs = tg_word_hash(s, len), ht = tg_word_hash(t, len);
                size_t at = hs & m.vocab.mask;
                while (m.vocab.slots[at].id1 != id + 1)
                    at = (at + 1) & m.vocab.mask;
                if (m.vocab.slots[ht & m.vocab.mask].id1) { /* taken by the other word */
                    tg_matcher_free(&m);
                    continue;
                }
                tg_hash_filter_add(m.vocab_filter, ht);
                const char *prefix = variant & 2 ? "zzzzzzzzzz " : "";
                for (int put_back = 0; put_back < 2; put_back++) {
                    if (!put_back) {
                        m.vocab.slots[at] = (tg_strslot){0, 0};
                        m.vocab.slots[ht & m.vocab.mask] = (tg_strslot){id + 1, tg_strslot_tag(ht)};
                    } else {
                        m.vocab.slots[ht & m.vocab.mask] = (tg_strslot){0, 0};
                        m.vocab.slots[at] = (tg_strslot){id + 1, tg_strslot_tag(hs)};
                    }
                    int n = snprintf(text, sizeof text, "%s%.*s", prefix, (int)len,
                                     put_back ? s : t);
                    assert_int_equal(tg_tokenize(&model->fold, text, (size_t)n, &toks, &norm), 0);
                    assert_int_equal(tg_matcher_candidates(&m, toks.v, toks.n, norm.v, 1, &cand,
                                                           &cand_off, &starts, &hash),
                                     0);
                    size_t last = toks.n - 1;
                    uint32_t got = cand_off.v[last + 1] - cand_off.v[last];
                    if (got != (uint32_t)put_back || (put_back && cand.v[cand_off.v[last]] != id))
                        fail_msg("length %zu, letter %zu, variant %d: '%.*s' found %u times",
                                 len, pos, variant, (int)len, put_back ? s : t, got);
                }
                compared++;
                tg_matcher_free(&m);
            }
    assert_true(compared > 250);
    vec_free(toks);
    vec_free(norm);
    vec_free(cand);
    vec_free(cand_off);
    vec_free(starts);
    vec_free(hash);
}

/* A random lower-case word of 1..16 letters from a few letters, so that lookups of
 * non-words also meet near misses (shared prefixes, one letter off). */
static size_t random_word(uint64_t *x, char *w)
{
    size_t n = 1 + xorshift(x) % 16;
    for (size_t k = 0; k < n; k++)
        w[k] = (char)('a' + xorshift(x) % 6);
    return n;
}

/* The vocabulary filter and the root-child array are shortcuts: every word added
 * is found by tg_matcher_token_id under its id, every other string gets what a plain
 * table lookup gives, and each token's root child is the root's edge in the trie.
 * 30,000 aliases of one to three random words, then 200,000 random strings. */
static void token_lookup_shortcuts_agree(void **state)
{
    (void)state;
    tg_matcher m;
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    assert_int_equal(tg_matcher_init(&m), 0);
    uint64_t x = 88172645463325252ULL;
    char alias[64];
    for (uint32_t e = 0; e < 30000; e++) {
        size_t len = 0, words = 1 + e % 3;
        for (size_t k = 0; k < words; k++) {
            if (k)
                alias[len++] = ' ';
            len += random_word(&x, alias + len);
        }
        assert_int_equal(tg_matcher_add(&m, &model->fold, alias, len, "en", e, 0, &toks, &norm),
                         0);
    }
    vec_free(toks);
    vec_free(norm);
    assert_true(m.vocab.count > 1000);
    assert_int_equal(m.root_child.n, m.vocab.count);
    for (uint32_t id = 0; id < m.vocab.count; id++) {
        size_t len;
        const char *w = strmap_str(&m.vocab, id, &len);
        if (tg_matcher_token_id(&m, w, len) != id)
            fail_msg("vocabulary word %u '%.*s' not found", id, (int)len, w);
        if (m.root_child.v[id] != u64map_get(&m.edges, id))
            fail_msg("token %u: root child %u, edge %u", id, m.root_child.v[id],
                     u64map_get(&m.edges, id));
    }
    /* The plain lookup: the same words interned in the same order into a table of
     * tg_hash, which gives them the same ids. */
    strmap plain_map;
    assert_int_equal(strmap_init(&plain_map), 0);
    for (uint32_t id = 0; id < m.vocab.count; id++) {
        size_t len;
        const char *w = strmap_str(&m.vocab, id, &len);
        assert_int_equal(strmap_intern(&plain_map, w, len), id);
    }
    char w[32];
    size_t words = 0, passed = 0;
    for (int i = 0; i < 200000; i++) {
        size_t len = random_word(&x, w);
        uint32_t plain = strmap_get(&plain_map, w, len);
        if (tg_matcher_token_id(&m, w, len) != plain)
            fail_msg("'%.*s': %u, a plain lookup %u", (int)len, w,
                     tg_matcher_token_id(&m, w, len), plain);
        words += plain != TG_NONE;
        passed += plain == TG_NONE && tg_hash_filter_maybe(m.vocab_filter, tg_word_hash(w, len));
    }
    strmap_free(&plain_map);
    assert_true(words > 1000 && words < 150000); /* both answers were asked for */
    /* The filter turns non-words away (else it only costs a load). */
    assert_true(passed < (200000 - words) / 50);
    tg_matcher_free(&m);
}

/* tg_matcher_candidates as first written: each form of each token looked up in
 * turn, no lookup ahead of its time. */
static void plain_candidates(const tg_matcher *m, const tg_token *t, const char *norm,
                             tg_u32_vec *cand)
{
    const char *w = norm + t->norm_off;
    size_t n = t->norm_len;
    uint32_t id = tg_matcher_token_id(m, w, n);
    if (id != TG_NONE)
        assert_int_equal(vec_push(*cand, id), 0);
    if (!m->has_inflected || !(t->flags & TK_CYRILLIC) || n + 2 > 512)
        return;
    tg_inflect_split split[TG_INFLECT_MAX_ENDING + 1];
    size_t nsplit = tg_inflect_splits(w, n, t->cp_end - t->cp_start, split);
    for (size_t s = 0; s < nsplit; s++) {
        if (!tg_inflect_maybe_stem(&m->inflect, tg_inflect_stem_hash(w, split[s].cut)))
            continue;
        for (int c = 0; c < 64; c++) {
            if (!(split[s].classes >> c & 1))
                continue;
            char key[512];
            size_t klen = tg_inflect_key(c, w, split[s].cut, key);
            uint32_t sid = tg_matcher_token_id(m, key, klen);
            if (sid == TG_NONE)
                continue;
            if (!tg_inflect_is_nominative(c, w + split[s].cut, n - split[s].cut))
                sid |= 0x80000000u; /* matcher.c's INFLECTED_BIT */
            assert_int_equal(vec_push(*cand, sid), 0);
        }
    }
}

/* tg_matcher_scan as first written: leftmost-longest from every token in turn, each
 * token's candidates looked up plainly as a path reaches it, no filter. */
static void plain_scan(const tg_matcher *m, const char *text, const tg_token *toks, size_t n,
                       const char *norm, tg_gaz_match_vec *out)
{
    struct path {
        uint32_t last, node, inflected;
    } stack[64];
    tg_u32_vec c = {0};
    out->n = 0;
    for (uint32_t i = 0; i < n;) {
        size_t sp = 0;
        c.n = 0;
        plain_candidates(m, &toks[i], norm, &c);
        for (size_t k = 0; k < c.n && sp < 64; k++) {
            uint32_t child = u64map_get(&m->edges, c.v[k] & ~0x80000000u);
            if (child != TG_NONE)
                stack[sp++] = (struct path){i, child, (c.v[k] & 0x80000000u) != 0};
        }
        tg_gaz_match best = {0, 0, TG_NONE, 0};
        while (sp) {
            struct path p = stack[--sp];
            uint32_t chain = m->node_alias.v[p.node];
            if (chain != TG_NONE && p.inflected && p.last == i &&
                tg_inflect_is_common(&m->inflect, norm + toks[i].norm_off, toks[i].norm_len))
                chain = TG_NONE;
            if (chain != TG_NONE && (best.alias == TG_NONE || p.last > best.last ||
                                     (p.last == best.last && best.inflected && !p.inflected)))
                for (uint32_t a = chain; a != TG_NONE; a = m->aliases.v[a].next)
                    if (tg_matcher_alias_ok(m, &model->fold, text, toks, n, i, &m->aliases.v[a])) {
                        best = (tg_gaz_match){i, p.last, a, p.inflected};
                        break;
                    }
            uint32_t j = p.last + 1;
            if (j >= n)
                continue;
            c.n = 0;
            plain_candidates(m, &toks[j], norm, &c);
            for (size_t k = 0; k < c.n && sp < 64; k++) {
                uint32_t child =
                    u64map_get(&m->edges, (uint64_t)p.node << 32 | (c.v[k] & ~0x80000000u));
                if (child != TG_NONE)
                    stack[sp++] = (struct path){j, child,
                                                p.inflected | ((c.v[k] & 0x80000000u) != 0)};
            }
        }
        if (best.alias == TG_NONE) {
            i++;
            continue;
        }
        assert_int_equal(vec_push(*out, best), 0);
        i = best.last + 1;
    }
    vec_free(c);
}

/* Words before some Cyrillic aliases (with their space): one Cyrillic, one Latin (a
 * token without inflected readings, whose match can start only because the next one
 * inflects: the start filter must let it through). */
#define PRE "над "
#define PRE_LATIN "upon "
static const char *prefix_of(uint32_t stem, int nclass)
{
    uint32_t kind = stem / (uint32_t)nclass % 4;
    return kind == 1 ? PRE : kind == 2 ? PRE_LATIN : "";
}

/* A random Cyrillic stem of 2..7 letters. */
static size_t random_stem(uint64_t *x, char *w)
{
    static const char *const letters[] = {"б", "в", "д", "к", "л", "м", "н",
                                          "р", "с", "т", "а", "о", "і", "и"};
    size_t len = 0, n = 2 + xorshift(x) % 6;
    for (size_t k = 0; k < n; k++) {
        const char *l = letters[xorshift(x) % (sizeof letters / sizeof *letters)];
        memcpy(w + len, l, strlen(l));
        len += strlen(l);
    }
    return len;
}

/* The candidates found with lookups under way ahead of time are those found one at a
 * time, for every token of texts of every length from none across several of the
 * blocks hashed at once: English words of the vocabulary and not, Cyrillic aliases
 * of every inflecting class in their nominative, inflected forms of them (every
 * ending the class takes) and near misses. The starts listed are those where a
 * match may start (first words of longer aliases only, "zza" like "the", left out
 * when no second word follows), the hashes kept are each token's, and the scan
 * finds what a plain scan from every token does. */
static void candidates_agree_with_plain_lookups(void **state)
{
    (void)state;
    tg_matcher m;
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    assert_int_equal(tg_matcher_init(&m), 0);
    uint64_t x = 0x2545f4914f6cdd1dULL;
    char word[128];
    int nclass = 0;
    while (tg_inflect_class_lang(nclass))
        nclass++;
    assert_true(nclass > 4);
    /* Aliases: English words, and per class Cyrillic stems with its nominative. */
    enum { NSTEM = 400 };
    char stems[NSTEM][64];
    size_t stem_len[NSTEM];
    enum { NSECOND = 1250 };
    char seconds[NSECOND][32];
    size_t second_len[NSECOND];
    for (uint32_t e = 0; e < 5000; e++) {
        size_t len = random_word(&x, word);
        if (e % 16 == 0) { /* like "the": only ever the first of two words */
            memcpy(word, "zz", 2);
            word[2] = (char)('a' + e / 16 % 6);
            len = 3;
        }
        if (e % 4 == 0) { /* two words: the second need not start a match */
            word[len++] = ' ';
            second_len[e / 4] = random_word(&x, seconds[e / 4]);
            memcpy(word + len, seconds[e / 4], second_len[e / 4]);
            len += second_len[e / 4];
        }
        assert_true(tg_matcher_add(&m, &model->fold, word, len, "en", e, 0, &toks, &norm) >= 0);
    }
    for (uint32_t k = 0; k < NSTEM; k++) {
        int c = (int)(k % (uint32_t)nclass);
        stem_len[k] = random_stem(&x, stems[k]);
        const char *nom = tg_inflect_class_nominative(c);
        /* Some after a word that begins no other alias, so that a match may start at
         * a word only because the one after it inflects. */
        size_t pre = strlen(prefix_of(k, nclass));
        memcpy(word, prefix_of(k, nclass), pre);
        memcpy(word + pre, stems[k], stem_len[k]);
        memcpy(word + pre + stem_len[k], nom, strlen(nom));
        assert_true(tg_matcher_add(&m, &model->fold, word, pre + stem_len[k] + strlen(nom),
                                   tg_inflect_class_lang(c), 10000 + k, TG_ALIAS_INFLECT, &toks,
                                   &norm) >= 0);
    }
    assert_true(m.has_inflected);
    tg_u32_vec cand = {0}, cand_off = {0}, starts = {0}, want = {0}, got = {0}, next = {0};
    tg_u64_vec hash = {0};
    static char text[32768];
    size_t inflected = 0, found = 0, ntexts = 0, nstarts = 0, with_cand = 0, listed_ahead = 0;
    size_t left_out = 0, nmatches = 0, longer = 0, unlisted_first = 0, latin_texts = 0;
    tg_gaz_match_vec matches = {0}, plain = {0};
    /* Every length up to 80 tokens, then some about the ends of the blocks of 256
     * tokens and of the tokens hashed 32 ahead of their filter question (matcher.c's
     * BLOCK and AHEAD). */
    static const size_t long_texts[] = {255, 256, 257, 288, 289, 511, 512, 513, 545, 700};
    const size_t nlong = sizeof long_texts / sizeof *long_texts;
    for (size_t nt = 0; nt <= 80 + nlong; nt++)
        for (int rep = 0; rep < (nt <= 80 ? 20 : 4); rep++, ntexts++) {
            size_t ntok = nt <= 80 ? nt : long_texts[nt - 81];
            size_t len = 0;
            int latin = rep % 5 == 4; /* English words only: no Cyrillic to inflect */
            for (size_t k = 0; k < ntok; k++) {
                assert_true(len + 64 < sizeof text); /* room for two more words */
                if (k)
                    text[len++] = ' ';
                uint64_t pick = latin ? 0 : xorshift(&x) % 4;
                if (pick == 0 && xorshift(&x) % 2) {
                    if (xorshift(&x) % 3 == 0) {
                        uint32_t e = 16 * (uint32_t)(xorshift(&x) % (5000 / 16));
                        memcpy(text + len, "zz", 2);
                        text[len + 2] = (char)('a' + e / 16 % 6);
                        len += 3;
                        if (k + 1 < ntok && xorshift(&x) % 2) { /* and its alias's second */
                            text[len++] = ' ';
                            memcpy(text + len, seconds[e / 4], second_len[e / 4]);
                            len += second_len[e / 4];
                            k++;
                        }
                    } else {
                        len += random_word(&x, text + len);
                    }
                    continue;
                }
                if (pick == 0) { /* a word that follows another in an alias */
                    size_t k2 = xorshift(&x) % NSECOND;
                    memcpy(text + len, seconds[k2], second_len[k2]);
                    len += second_len[k2];
                    continue;
                }
                uint32_t s = (uint32_t)(xorshift(&x) % NSTEM);
                int c = (int)(s % (uint32_t)nclass);
                const char *pre = prefix_of(s, nclass);
                if (k + 1 < ntok && *pre && xorshift(&x) % 2) {
                    memcpy(text + len, pre, strlen(pre));
                    len += strlen(pre);
                    k++;
                }
                memcpy(text + len, stems[s], stem_len[s]);
                len += stem_len[s];
                if (pick == 3) { /* a near miss: another stem's ending letters */
                    len += random_stem(&x, text + len);
                    continue;
                }
                size_t nend = 0;
                while (tg_inflect_class_ending(c, nend))
                    nend++;
                const char *end = pick == 1 || nend == 0
                                      ? tg_inflect_class_nominative(c)
                                      : tg_inflect_class_ending(c, xorshift(&x) % nend);
                memcpy(text + len, end, strlen(end));
                len += strlen(end);
            }
            /* A text without a Cyrillic word is scanned without asking for inflected
             * readings (tg_matcher_candidates' `cyrillic`), and must come out the same. */
            int has_cyrillic;
            assert_int_equal(
                tg_tokenize_cyrillic(&model->fold, text, len, &toks, &norm, &has_cyrillic), 0);
            assert_int_equal(toks.n, ntok);
            latin_texts += !has_cyrillic;
            assert_int_equal(tg_matcher_candidates(&m, toks.v, toks.n, norm.v, has_cyrillic, &cand,
                                                   &cand_off, &starts, &hash),
                             0);
            assert_int_equal(cand_off.n, toks.n + 1);
            assert_int_equal(hash.n, toks.n + 1);
            size_t next_start = 0;
            for (size_t i = 0; i < toks.n; i++) {
                if (hash.v[i] != tg_word_hash(norm.v + toks.v[i].norm_off, toks.v[i].norm_len))
                    fail_msg("text %zu, token %zu: hash kept for the scan differs", ntexts, i);
                want.n = 0;
                plain_candidates(&m, &toks.v[i], norm.v, &want);
                next.n = 0;
                if (i + 1 < toks.n)
                    plain_candidates(&m, &toks.v[i + 1], norm.v, &next);
                /* One token's candidates, as the scan's paths ask for them. */
                got.n = 0;
                assert_int_equal(tg_matcher_token_candidates(&m, &toks.v[i], norm.v, &got), 0);
                if (got.n != want.n || (want.n && memcmp(got.v, want.v, want.n * sizeof *want.v)))
                    fail_msg("text %zu, token %zu: %zu candidates alone, plainly %zu", ntexts, i,
                             got.n, want.n);
                /* Listed ahead: those that start a path, in order (the others may be
                 * left out); all of them for a listed start and for a word with
                 * inflected readings (the scan reads those), while a token that is
                 * neither may have none listed (the start filter). */
                int listed = next_start < starts.n && starts.v[next_start] == i;
                int cyr = (toks.v[i].flags & TK_CYRILLIC) != 0;
                uint32_t from = cand_off.v[i], to = cand_off.v[i + 1];
                size_t w = 0;
                for (uint32_t c = from; c < to; c++) {
                    if (u64map_get(&m.edges, cand.v[c] & ~0x80000000u) == TG_NONE)
                        continue;
                    while (w < want.n && u64map_get(&m.edges, want.v[w] & ~0x80000000u) == TG_NONE)
                        w++;
                    if (w == want.n || want.v[w] != cand.v[c])
                        fail_msg("text %zu of %zu tokens, token %zu '%.*s': candidate %u, "
                                 "plainly not next",
                                 ntexts, ntok, i, (int)toks.v[i].norm_len,
                                 norm.v + toks.v[i].norm_off, cand.v[c]);
                    w++;
                }
                while (w < want.n && u64map_get(&m.edges, want.v[w] & ~0x80000000u) == TG_NONE)
                    w++;
                if (w != want.n && (listed || cyr))
                    fail_msg("text %zu, token %zu: a candidate that starts a path is missing",
                             ntexts, i);
                unlisted_first += w != want.n;
                found += want.n;
                with_cand += want.n > 0;
                /* A path starts here when a candidate is a child of the root; a match
                 * may start when that child ends an alias or has a child by a
                 * candidate of the next token. */
                int starts_here = 0, may_match = 0;
                for (size_t k = 0; k < want.n; k++) {
                    inflected += (want.v[k] & 0x80000000u) != 0;
                    uint32_t node = u64map_get(&m.edges, want.v[k] & ~0x80000000u);
                    if (node == TG_NONE)
                        continue;
                    starts_here = 1;
                    may_match |= m.node_alias.v[node] != TG_NONE;
                    for (size_t c = 0; c < next.n; c++) {
                        uint64_t edge = (uint64_t)node << 32 | (next.v[c] & ~0x80000000u);
                        may_match |= u64map_get(&m.edges, edge) != TG_NONE;
                    }
                }
                /* Listed when a match may start here; never when no path does. */
                if (listed ? !starts_here : may_match)
                    fail_msg("text %zu, token %zu: listed as a start %d, a path starts %d, a "
                             "match may %d",
                             ntexts, i, listed, starts_here, may_match);
                left_out += starts_here && !listed;
                next_start += (size_t)listed;
                nstarts += (size_t)listed;
            }
            assert_int_equal(next_start, starts.n);
            assert_int_equal(cand.n, cand_off.v[toks.n]);
            /* The scan, visiting the listed starts only, finds the plain scan's
             * matches. */
            assert_int_equal(tg_matcher_scan(&m, &model->fold, text, toks.v, toks.n, norm.v,
                                             has_cyrillic, &cand, &cand_off, &starts, &hash,
                                             &matches),
                             0);
            plain_scan(&m, text, toks.v, toks.n, norm.v, &plain);
            if (matches.n != plain.n ||
                (plain.n && memcmp(matches.v, plain.v, plain.n * sizeof *plain.v)))
                fail_msg("text %zu of %zu tokens: %zu matches, plainly %zu", ntexts, ntok,
                         matches.n, plain.n);
            for (size_t k = 0; k < plain.n; k++)
                longer += plain.v[k].last > plain.v[k].first;
            nmatches += plain.n;
            /* Fewer forms looked up ahead than all: the filter asks of first words. */
            listed_ahead += cand.n;
        }
    /* Both kinds of candidate were asked for; and texts with no Cyrillic word were. */
    assert_true(found > 5000 && inflected > 1000);
    assert_true(latin_texts > 300);
    assert_true(nstarts > 1000 && nstarts < with_cand - 1000);
    assert_true(listed_ahead < found - 1000);
    assert_true(left_out > 100); /* first words of longer aliases only, and not followed */
    assert_true(unlisted_first > 100); /* of which the start filter ruled some out early */
    assert_true(nmatches > 5000 && longer > 500);
    vec_free(matches);
    vec_free(plain);
    vec_free(cand);
    vec_free(next);
    vec_free(hash);
    vec_free(starts);
    vec_free(cand_off);
    vec_free(want);
    vec_free(got);
    vec_free(toks);
    vec_free(norm);
    tg_matcher_free(&m);
}

/* The form filter lets every inflected form of every alias word through: the
 * candidates listed for a Cyrillic token (all of its candidates, tg_matcher_candidates)
 * are those found without the filter (tg_matcher_token_candidates), for each form of
 * each stem stored, under every class, for stems short and long (past the eight bytes
 * of one hash word), and for random words that are mostly no form, which the filter
 * must turn away for it to be worth asking. */
static void form_filter_keeps_inflected_candidates(void **state)
{
    (void)state;
    tg_matcher m;
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    assert_int_equal(tg_matcher_init(&m), 0);
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    int nclass = 0;
    while (tg_inflect_class_lang(nclass))
        nclass++;
    enum { PER_CLASS = 6 };
    static char forms[64 * PER_CLASS * 16][96];
    size_t nforms = 0;
    char word[96];
    for (int c = 0; c < nclass; c++) {
        for (int k = 0; k < PER_CLASS; k++) {
            size_t len = random_stem(&x, word);
            if (k == 0) /* a stem of two letters, for the classes that take one */
                len = (size_t)(memcpy(word, "бр", 4), 4);
            for (int more = 0; k == 1 && more < 2; more++) /* a long one: two hash words */
                len += random_stem(&x, word + len);
            const char *nom = tg_inflect_class_nominative(c);
            memcpy(word + len, nom, strlen(nom));
            len += strlen(nom);
            assert_true(tg_matcher_add(&m, &model->fold, word, len, tg_inflect_class_lang(c),
                                       (uint32_t)(c * PER_CLASS + k), TG_ALIAS_INFLECT, &toks,
                                       &norm) >= 0);
            /* The forms of what was stored: the class and stem the alias word got. */
            size_t stem_len;
            int got = tg_inflect_classify(tg_inflect_class_lang(c), norm.v, norm.n, &stem_len);
            if (got < 0)
                continue;
            const char *e;
            for (size_t j = 0; (e = tg_inflect_class_ending(got, j)) != NULL; j++) {
                if (stem_len == 0 && !*e)
                    continue;
                memcpy(forms[nforms], norm.v, stem_len);
                strcpy(forms[nforms] + stem_len, e);
                nforms++;
            }
        }
    }
    assert_true(m.has_inflected);
    assert_true(nforms > 1000);
    tg_u32_vec cand = {0}, cand_off = {0}, starts = {0}, want = {0};
    tg_u64_vec hash = {0};
    char text[4096];
    size_t checked = 0, random_words = 0, turned_away = 0;
    for (size_t f = 0; f < nforms + 2000;) {
        /* Texts of up to 70 words (blocks of 32 and a part), forms then random words. */
        size_t len = 0, ntok = 1 + f % 70;
        for (size_t k = 0; k < ntok; k++, f++) {
            if (f < nforms) {
                len += (size_t)sprintf(text + len, "%s ", forms[f]);
            } else {
                len += random_stem(&x, text + len);
                int c = (int)(xorshift(&x) % (uint64_t)nclass);
                const char *e = tg_inflect_class_ending(c, xorshift(&x) % 3);
                len += (size_t)sprintf(text + len, "%s ", e ? e : "");
            }
        }
        assert_int_equal(tg_tokenize(&model->fold, text, len, &toks, &norm), 0);
        assert_int_equal(toks.n, ntok);
        assert_int_equal(
            tg_matcher_candidates(&m, toks.v, toks.n, norm.v, 1, &cand, &cand_off, &starts, &hash),
            0);
        for (size_t i = 0; i < toks.n; i++) {
            const tg_token *t = &toks.v[i];
            assert_true(t->flags & TK_CYRILLIC);
            want.n = 0;
            assert_int_equal(tg_matcher_token_candidates(&m, t, norm.v, &want), 0);
            uint32_t from = cand_off.v[i], to = cand_off.v[i + 1];
            if (to - from != want.n ||
                (want.n && memcmp(cand.v + from, want.v, want.n * sizeof *want.v)))
                fail_msg("'%.*s': %u candidates listed, %zu without the form filter",
                         (int)t->norm_len, norm.v + t->norm_off, to - from, want.n);
            int is_form = f - toks.n + i < nforms;
            if (is_form && want.n == 0)
                fail_msg("'%.*s', a form of an alias word, has no candidate", (int)t->norm_len,
                         norm.v + t->norm_off);
            checked += is_form;
            random_words += !is_form;
            turned_away += !is_form && !tg_hash_filter_maybe(m.form_filter, hash.v[i]);
        }
    }
    assert_int_equal(checked, nforms);
    assert_true(turned_away > random_words / 2);
    vec_free(cand);
    vec_free(cand_off);
    vec_free(starts);
    vec_free(want);
    vec_free(hash);
    vec_free(toks);
    vec_free(norm);
    tg_matcher_free(&m);
}

/* The loader prepares all of an entity's aliases (tg_matcher_prepare) before it adds
 * them (tg_matcher_add_prepared); the matcher must come out as from tg_matcher_add
 * of each in turn, array for array. And the form filter and the stem filter must
 * hold the forms and stem of every inflecting word, though they are written only
 * when its (class, stem) key is new: built again here for every word. */
static void prepared_aliases_build_the_same_matcher(void **state)
{
    (void)state;
    static const struct {
        const char *alias, *lang;
        unsigned flags;
    } ALIASES[] = {
        {"Київська область", "uk", TG_ALIAS_INFLECT}, {"Львівська область", "uk", TG_ALIAS_INFLECT},
        {"Одеська область", "uk", TG_ALIAS_INFLECT},  {"Московская область", "ru", TG_ALIAS_INFLECT},
        {"область", "uk", TG_ALIAS_INFLECT},           {"Росія", "uk", TG_ALIAS_INFLECT},
        {"Росія", "ru", TG_ALIAS_INFLECT},             {"Росія", "uk", 0},
        {"Nice", "en", TG_ALIAS_CASE | TG_ALIAS_WORD}, {"New York City", "en", 0},
        {"new york", "en", 0},                         {"Путін", "uk", TG_ALIAS_INFLECT},
        {"Володимир Путін", "uk", TG_ALIAS_INFLECT},   {"Путин", "ru", TG_ALIAS_INFLECT},
        {"O'Brien's", "en", TG_ALIAS_CASE},            {"Прага", "uk", TG_ALIAS_INFLECT},
        {"Празька весна", "uk", TG_ALIAS_INFLECT},     {"Київ", "uk", TG_ALIAS_INFLECT},
        {"U.S.", "en", TG_ALIAS_CASE},                 {"Київ", "ru", TG_ALIAS_INFLECT},
    };
    const size_t n = sizeof ALIASES / sizeof ALIASES[0];
    tg_matcher one, batch;
    tg_matcher_prep prep = {0};
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    assert_int_equal(tg_matcher_init(&one), 0);
    assert_int_equal(tg_matcher_init(&batch), 0);
    uint64_t *forms = calloc(TG_HASH_FILTER_WORDS, sizeof *forms);
    tg_inflect stems;
    assert_non_null(forms);
    assert_int_equal(tg_inflect_init(&stems), 0);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(ALIASES[i].alias);
        assert_int_equal(tg_matcher_add(&one, &model->fold, ALIASES[i].alias, len,
                                        ALIASES[i].lang, (uint32_t)i, ALIASES[i].flags, &toks,
                                        &norm),
                         0);
        assert_int_equal(tg_matcher_prepare(&batch, &model->fold, ALIASES[i].alias, len,
                                            ALIASES[i].lang, ALIASES[i].flags, &prep),
                         0);
        if (!(ALIASES[i].flags & TG_ALIAS_INFLECT))
            continue;
        /* every form of every inflecting word, whether its key was new or not */
        for (size_t k = 0; k < toks.n; k++) {
            const char *w = norm.v + toks.v[k].norm_off;
            size_t stem_len, wl = toks.v[k].norm_len;
            int cls = tg_inflect_classify(ALIASES[i].lang, w, wl, &stem_len);
            if (cls < 0)
                continue;
            tg_inflect_add_stem(&stems, w, stem_len);
            for (size_t e = 0; tg_inflect_class_ending(cls, e); e++) {
                char form[256];
                const char *end = tg_inflect_class_ending(cls, e);
                memcpy(form, w, stem_len);
                memcpy(form + stem_len, end, strlen(end));
                tg_hash_filter_add(forms, tg_word_hash(form, stem_len + strlen(end)));
            }
        }
    }
    for (size_t i = 0; i < prep.aliases.n; i++)
        assert_int_equal(tg_matcher_add_prepared(&batch, &prep, i, (uint32_t)i), 0);
    assert_int_equal(prep.aliases.n, n);
    assert_int_equal(one.vocab.count, batch.vocab.count);
    assert_int_equal(one.vocab.mask, batch.vocab.mask);
    assert_memory_equal(one.vocab.slots, batch.vocab.slots,
                        (one.vocab.mask + 1) * sizeof *one.vocab.slots);
    assert_memory_equal(one.vocab.pool, batch.vocab.pool, one.vocab.pool_n);
    assert_int_equal(one.edges.mask, batch.edges.mask);
    assert_memory_equal(one.edges.keys, batch.edges.keys, (one.edges.mask + 1) * sizeof(uint64_t));
    assert_memory_equal(one.edges.vals, batch.edges.vals, (one.edges.mask + 1) * sizeof(uint32_t));
    assert_int_equal(one.aliases.n, batch.aliases.n);
    assert_memory_equal(one.aliases.v, batch.aliases.v, one.aliases.n * sizeof *one.aliases.v);
    assert_int_equal(one.case_masks.n, batch.case_masks.n);
    assert_memory_equal(one.case_masks.v, batch.case_masks.v,
                        one.case_masks.n * sizeof *one.case_masks.v);
    assert_int_equal(one.node_alias.n, batch.node_alias.n);
    assert_memory_equal(one.node_alias.v, batch.node_alias.v,
                        one.node_alias.n * sizeof *one.node_alias.v);
    assert_memory_equal(one.root_child.v, batch.root_child.v,
                        one.root_child.n * sizeof *one.root_child.v);
    size_t fw = TG_HASH_FILTER_WORDS * sizeof(uint64_t);
    assert_memory_equal(one.vocab_filter, batch.vocab_filter, fw);
    assert_memory_equal(one.edge_filter, batch.edge_filter, fw);
    assert_memory_equal(one.start_filter, batch.start_filter, fw);
    assert_memory_equal(one.form_filter, batch.form_filter, fw);
    assert_memory_equal(one.form_filter, forms, fw);
    assert_memory_equal(one.inflect.stem_bloom, stems.stem_bloom, TG_INFLECT_BLOOM_BITS / 8);
    assert_memory_equal(batch.inflect.stem_bloom, stems.stem_bloom, TG_INFLECT_BLOOM_BITS / 8);
    assert_int_equal(one.has_inflected, 1);
    assert_int_equal(batch.has_inflected, 1);
    tg_inflect_free(&stems);
    free(forms);
    tg_matcher_prep_free(&prep);
    vec_free(toks);
    vec_free(norm);
    tg_matcher_free(&one);
    tg_matcher_free(&batch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases),
                                       cmocka_unit_test(names_stop_at_a_blank_line),
                                       cmocka_unit_test(empty_string_interns),
                                       cmocka_unit_test(hash_values_do_not_change),
                                       cmocka_unit_test(word_hash_agrees),
                                       cmocka_unit_test(lookups_compare_bytes),
                                       cmocka_unit_test(vocab_lookups_compare_bytes),
                                       cmocka_unit_test(token_lookup_shortcuts_agree),
                                       cmocka_unit_test(candidates_agree_with_plain_lookups),
                                       cmocka_unit_test(form_filter_keeps_inflected_candidates),
                                       cmocka_unit_test(prepared_aliases_build_the_same_matcher)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
