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

static tg_model *model;

static int setup(void **state)
{
    (void)state;
    return test_load_model(&model, TEST_DATA_DIR "/model-mini");
}

static int teardown(void **state)
{
    (void)state;
    tg_model_free(model);
    return 0;
}

static void run_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(TEST_DATA_DIR "/matcher.cases", "r");
    assert_non_null(fp);
    char line[2048];
    int line_no = 0, n = 0;
    while (fgets(line, sizeof line, fp)) {
        line_no++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        tg_result *r = NULL;
        tg_error err;
        assert_int_equal(tg_tag_text(&r, model, NULL, line, strlen(line), NULL, &err), TG_OK);
        char got[2048] = "";
        for (size_t i = 0; i < tg_result_entity_count(r); i++) {
            const tg_entity *e = tg_result_entity(r, i);
            if (strcmp(e->source, "gazetteer") != 0)
                continue;
            if (got[0])
                strcat(got, " ");
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s=%s", e->text, e->id);
        }
        if (!got[0])
            strcpy(got, "-");
        if (strcmp(got, tab + 1) != 0)
            fail_msg("matcher.cases:%d: '%s'\n  expected: %s\n  got:      %s", line_no, line,
                     tab + 1, got);
        tg_result_free(r);
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

static void hash_values_do_not_change(void **state)
{
    (void)state;
    unsigned char buf[64];
    uint64_t x = 88172645463325252ULL;
    for (int round = 0; round < 200; round++)
        for (size_t len = 0; len <= sizeof buf; len++) {
            for (size_t k = 0; k < len; k++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
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
            m.slots[ht & m.mask] = (tg_strslot){1, (uint32_t)(ht >> 32)};
            assert_int_equal(strmap_get(&m, t, len), TG_NONE);
            m.slots[ht & m.mask] = (tg_strslot){0, 0};
            m.slots[hs & m.mask] = (tg_strslot){1, (uint32_t)(hs >> 32)};
            assert_int_equal(strmap_get(&m, s, len), 0);
            strmap_free(&m);
        }
}

/* A random lower-case word of 1..16 letters from a few letters, so that lookups of
 * non-words also meet near misses (shared prefixes, one letter off). */
static size_t random_word(uint64_t *x, char *w)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    size_t n = 1 + *x % 16;
    for (size_t k = 0; k < n; k++) {
        *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
        w[k] = (char)('a' + *x % 6);
    }
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
    char w[32];
    size_t words = 0, passed = 0;
    for (int i = 0; i < 200000; i++) {
        size_t len = random_word(&x, w);
        uint32_t plain = strmap_get(&m.vocab, w, len);
        if (tg_matcher_token_id(&m, w, len) != plain)
            fail_msg("'%.*s': %u, a plain lookup %u", (int)len, w,
                     tg_matcher_token_id(&m, w, len), plain);
        words += plain != TG_NONE;
        passed += plain == TG_NONE && tg_hash_filter_maybe(m.vocab_filter, tg_hash(w, len));
    }
    assert_true(words > 1000 && words < 150000); /* both answers were asked for */
    /* The filter turns non-words away (else it only costs a load). */
    assert_true(passed < (200000 - words) / 50);
    tg_matcher_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases),
                                       cmocka_unit_test(empty_string_interns),
                                       cmocka_unit_test(hash_values_do_not_change),
                                       cmocka_unit_test(lookups_compare_bytes),
                                       cmocka_unit_test(token_lookup_shortcuts_agree)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
