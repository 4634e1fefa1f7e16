/*
 * test_render_json.c - the JSON writer and the entity offsets against plain answers.
 *
 * The writer copies an id it has escaped before from earlier in its own buffer, an
 * entity's type and subtype, zone and source from a cache kept across results, and
 * a byte offset equal to the code point one from that one's digits; the tag call
 * takes an entity's code point offsets from the nearest token, and its end's from
 * the token that ends there, rather than counting every byte. All are checked
 * here on real articles with many entities: the written JSON, read back by jansson,
 * must say exactly what the result's accessors say, and every offset must be the
 * count of code points before the span in its field. Random entities (escapes,
 * control characters, offsets up to SIZE_MAX) are also written by a plain printf
 * writer, and the bytes must be the same.
 */
#include "harness.h"

#include "tagger.h"

#include "render_json.h"
#include "result.h"
#include "strbuf.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static tg_model *model;

static int setup(void **state)
{
    (void)state;
    return test_load_model(&model, TEST_SOURCE_DIR); /* the default model: many entities */
}

static int teardown(void **state)
{
    (void)state;
    tg_model_free(model);
    return 0;
}

static const char *const ARTICLES[] = {
    "en/000_68d5fd724831ed0d.txt", "en/001_ua_tr_grain_istanbul.txt",
    "en/002_de_fr_energy_berlin.txt", "uk/000_68d5fd724831ed0d.txt",
    "uk/001_ua_tr_grain_istanbul.txt", "uk/002_de_fr_energy_berlin.txt",
    "ru/000_68d5fd724831ed0d.txt", "ru/001_ua_tr_grain_istanbul.txt",
    "ru/002_de_fr_energy_berlin.txt",
};

/* Code points in s[0, n), one byte at a time. */
static size_t slow_cp(const char *s, size_t n)
{
    size_t cp = 0;
    for (size_t i = 0; i < n; i++)
        cp += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cp;
}

static void assert_member_str(json_t *obj, const char *key, const char *want)
{
    json_t *v = json_object_get(obj, key);
    assert_true(json_is_string(v));
    assert_string_equal(json_string_value(v), want);
}

static void assert_member_uint(json_t *obj, const char *key, size_t want)
{
    json_t *v = json_object_get(obj, key);
    assert_true(json_is_integer(v));
    assert_int_equal((size_t)json_integer_value(v), want);
}

/* The result written as JSON says what its accessors say; offsets are code points. */
static void check_result(const tg_result *r, const char *text, size_t len, const char *title,
                         size_t title_len)
{
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(tg_result_to_json(r, model, "a \"quoted\"\nid", &out, &out_len), TG_OK);
    assert_int_equal(strlen(out), out_len);
    json_error_t jerr;
    json_t *doc = json_loads(out, 0, &jerr);
    assert_non_null(doc);
    assert_member_str(doc, "id", "a \"quoted\"\nid");
    json_t *ents = json_object_get(doc, "entities");
    assert_int_equal(json_array_size(ents), tg_result_entity_count(r));
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        json_t *o = json_array_get(ents, i);
        assert_member_str(o, "text", e->text);
        assert_member_str(o, "type", e->type);
        assert_member_str(o, "subtype", e->subtype);
        assert_member_str(o, "id", e->id);
        assert_member_str(o, "zone", e->zone);
        assert_member_str(o, "source", e->source);
        assert_member_uint(o, "start", e->start);
        assert_member_uint(o, "end", e->end);
        assert_member_uint(o, "byte_start", e->byte_start);
        assert_member_uint(o, "byte_end", e->byte_end);
        if (strcmp(e->field, "text") == 0)
            assert_null(json_object_get(o, "field"));
        else
            assert_member_str(o, "field", e->field);
        /* Offsets: the code points before the span in its field (for HTML, in the
         * page's source). */
        int in_title = strcmp(e->field, "title") == 0;
        const char *f = in_title ? title : text;
        assert_true(e->byte_start <= e->byte_end && e->byte_end <= (in_title ? title_len : len));
        assert_int_equal(e->start, slow_cp(f, e->byte_start));
        assert_int_equal(e->end, slow_cp(f, e->byte_end));
    }
    json_t *tags = json_object_get(doc, "tags");
    assert_int_equal(json_array_size(tags), tg_result_tag_count(r));
    for (size_t i = 0; i < tg_result_tag_count(r); i++) {
        const tg_tag *t = tg_result_tag(r, i);
        json_t *o = json_array_get(tags, i);
        assert_member_str(o, "id", t->id);
        assert_member_str(o, "label", t->label);
        json_t *ev = json_object_get(o, "evidence");
        assert_int_equal(json_array_size(ev), t->evidence_count);
        for (size_t k = 0; k < t->evidence_count; k++)
            assert_int_equal((size_t)json_integer_value(json_array_get(ev, k)), t->evidence[k]);
    }
    json_decref(doc);
    free(out);
}

static void written_json_matches_the_accessors(void **state)
{
    (void)state;
    size_t total = 0;
    for (size_t a = 0; a < sizeof ARTICLES / sizeof ARTICLES[0]; a++) {
        char path[512];
        snprintf(path, sizeof path, "%s/corpora/%s", TEST_SOURCE_DIR, ARTICLES[a]);
        size_t len;
        char *text = test_read_file(path, &len);
        tg_error err;
        tg_result *r = NULL;
        /* As a text alone, */
        assert_int_equal(tg_tag_text(&r, model, NULL, text, len, NULL, &err), TG_OK);
        check_result(r, text, len, NULL, 0);
        total += tg_result_entity_count(r);
        tg_result_free(r);
        /* with its first line as a separate title (entities in two fields), */
        const char *nl = memchr(text, '\n', len);
        size_t tl = nl ? (size_t)(nl - text) : len;
        tg_doc_options o = {0};
        o.title = text;
        o.title_len = tl;
        assert_int_equal(tg_tag_text(&r, model, NULL, text + tl, len - tl, &o, &err), TG_OK);
        check_result(r, text + tl, len - tl, text, tl);
        tg_result_free(r);
        /* and three times over, so that types, zones and sources repeat many times. */
        char *thrice = malloc(3 * len);
        assert_non_null(thrice);
        for (int k = 0; k < 3; k++)
            memcpy(thrice + k * len, text, len);
        assert_int_equal(tg_tag_text(&r, model, NULL, thrice, 3 * len, NULL, &err), TG_OK);
        check_result(r, thrice, 3 * len, NULL, 0);
        tg_result_free(r);
        free(thrice);
        free(text);
    }
    assert_true(total > 100); /* the articles did exercise the writer */
}

/* Rule-made ids: the type lowercased, ':' and the slug of the span. The sentence has
 * entities of ten types (more than tag.c keeps prefixes for, so types share its
 * slots and take them from each other), and comes twice (the prefixes kept are
 * used). */
static void rule_ids_are_type_and_slug(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "person:richard-parsons", "org:us-securities-exchange-commission",
        "org:menatep-group", "money:639m", "date:31-december-2004", "time:10-38am",
        "percent:76", "quantity:14-27-million-tonnes", "product:airbus-a321",
        "event:euro-2004", "place:zorvath-province",
    };
    enum { N = sizeof ids / sizeof ids[0] };
    static const char sentence[] =
        "Richard Parsons said the US Securities Exchange Commission fined Menatep Group "
        "$639m on 31 December 2004 at 10.38am, up 76%, after 14.27 million tonnes went by "
        "Airbus A321 to Euro 2004 in Zorvath Province. ";
    char text[2 * sizeof sentence];
    memcpy(text, sentence, sizeof sentence - 1);
    memcpy(text + sizeof sentence - 1, sentence, sizeof sentence - 1);
    size_t len = 2 * (sizeof sentence - 1);
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, model, NULL, text, len, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 2 * N);
    for (size_t i = 0; i < 2 * N; i++)
        assert_string_equal(tg_result_entity(r, i)->id, ids[i % N]);
    check_result(r, text, len, NULL, 0);
    tg_result_free(r);
}

static void html_entities_match_too(void **state)
{
    (void)state;
    size_t len;
    char *page = test_read_file(TEST_DATA_DIR "/000_page.html", &len);
    tg_doc_options o = {0};
    o.html = 1;
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, model, NULL, page, len, &o, &err), TG_OK);
    assert_true(tg_result_entity_count(r) > 0);
    check_result(r, page, len, NULL, 0);
    tg_result_free(r);
    free(page);
}

/* JSON string escaping one byte at a time, the obvious way. */
static void ref_json_string(strbuf *sb, const char *s)
{
    sb_putc(sb, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            sb_printf(sb, "\\%c", c);
        else if (c == '\n')
            sb_puts(sb, "\\n");
        else if (c == '\r')
            sb_puts(sb, "\\r");
        else if (c == '\t')
            sb_puts(sb, "\\t");
        else if (c < 0x20)
            sb_printf(sb, "\\u%04x", c);
        else
            sb_putc(sb, (char)c);
    }
    sb_putc(sb, '"');
}

/* The entities' members written plainly, with printf and no caches. */
static void ref_entities(strbuf *sb, const tg_entity *e, size_t n)
{
    sb_puts(sb, ",\"tags\":[],\"entities\":[");
    for (size_t i = 0; i < n; i++, e++) {
        sb_puts(sb, i ? ",{" : "{");
        const char *keys[] = {"text", "type", "subtype", "id"};
        const char *vals[] = {e->text, e->type, e->subtype, e->id};
        for (int k = 0; k < 4; k++) {
            sb_printf(sb, "%s\"%s\":", k ? "," : "", keys[k]);
            ref_json_string(sb, vals[k]);
        }
        sb_printf(sb, ",\"start\":%zu,\"end\":%zu,\"byte_start\":%zu,\"byte_end\":%zu",
                  e->start, e->end, e->byte_start, e->byte_end);
        sb_puts(sb, ",\"zone\":");
        ref_json_string(sb, e->zone);
        sb_puts(sb, ",\"source\":");
        ref_json_string(sb, e->source);
        if (strcmp(e->field, "text") != 0) {
            sb_puts(sb, ",\"field\":");
            ref_json_string(sb, e->field);
        }
        sb_putc(sb, '}');
    }
    sb_putc(sb, ']');
}

/* tg_render_members of entities ents[0, n) (with the lengths tag.c keeps in their
 * meta), with `cache` or none, against the plain reference. */
static void assert_written_plainly(tg_entity *ents, size_t n, tg_member_cache *cache,
                                   int round)
{
    static tg_entity_meta meta[200];
    assert_true(n <= 200);
    for (size_t i = 0; i < n; i++) {
        meta[i].text_len = (uint32_t)strlen(ents[i].text);
        meta[i].id_len = (uint32_t)strlen(ents[i].id);
    }
    tg_result r;
    memset(&r, 0, sizeof r);
    r.entities.v = ents;
    r.entities.n = n;
    r.meta.v = meta;
    r.meta.n = n;
    strbuf got = {0}, want = {0};
    tg_render_members(&got, &r, cache);
    ref_entities(&want, ents, n);
    assert_false(got.failed || want.failed);
    if (got.n != want.n || memcmp(got.v, want.v, got.n) != 0)
        fail_msg("round %d: %zu entities written differently:\n%.*s\n%.*s", round, n,
                 (int)got.n, got.v, (int)want.n, want.v);
    sb_free(&got);
    sb_free(&want);
}

/* Random entities (strings with escapes and control characters, repeated so that the
 * writer's caches hit and miss, offsets of every size up to SIZE_MAX, byte offsets
 * often equal to the code point ones) written by tg_render_members, with a member
 * cache kept across the rounds or with none, and by the plain reference: the same
 * bytes. */
static void members_match_a_plain_writer(void **state)
{
    (void)state;
    tg_member_cache cache;
    memset(&cache, 0, sizeof cache);
    static const char *const STRS[] = {"", "a", "ORG", "agency", "body", "gazetteer",
                                       "Kyiv \"City\"", "tab\there", "line\nbreak",
                                       "back\\slash", "\x01\x1f ctl",
                                       "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2",
                                       "country:UA", "rule:date_long_name", "title", "text",
                                       "\x7f del is fine", "a long name of an organisation"};
    enum { NS = sizeof STRS / sizeof STRS[0] };
    tg_entity ents[200];
    uint64_t x = 0xD1B54A32D192ED03ULL;
    for (int round = 0; round < 300; round++) {
        size_t n = round % 200;
        for (size_t i = 0; i < n; i++) {
            const char **f[] = {&ents[i].text, &ents[i].type, &ents[i].subtype, &ents[i].id,
                                &ents[i].zone, &ents[i].source};
            for (int k = 0; k < 6; k++) {
                xorshift(&x);
                /* A few strings often, so that the caches see repeats. */
                *f[k] = STRS[(x >> 10) % 4 ? (x >> 20) % 5 + 2 : (x >> 20) % NS];
            }
            /* "text" as tag.c sets it (tg_field_text, known by its pointer) and
             * as any other string */
            ents[i].field = (x >> 30) % 8 ? ((x >> 29) & 1 ? tg_field_text : "text") : "title";
            size_t *o[] = {&ents[i].start, &ents[i].end, &ents[i].byte_start,
                           &ents[i].byte_end};
            for (int k = 0; k < 4; k++) {
                xorshift(&x);
                /* Numbers of every bit length, with powers of ten and their
                 * neighbours among them. */
                size_t bits = (x >> 8) % 65;
                size_t v = bits == 64 ? (size_t)x : (size_t)(x & ((UINT64_C(1) << bits) - 1));
                if ((x >> 60) == 0)
                    v = (size_t)tg_pow10[(x >> 40) % 20] - (x >> 50) % 3 + 1;
                *o[k] = v;
            }
            /* As in ASCII text: each byte offset the code point one. */
            if ((x >> 4) % 2) {
                ents[i].byte_start = ents[i].start;
                ents[i].byte_end = ents[i].end;
            }
        }
        assert_written_plainly(ents, n, round % 3 ? &cache : NULL, round);
    }
    tg_member_cache_free(&cache);
}

/* More distinct pairs than the member cache holds (its bytes fill up and are dropped
 * again, and pairs take each other's slots), each seen in many documents: the bytes
 * written are still the plain reference's. */
static void member_cache_fills_and_starts_over(void **state)
{
    (void)state;
    enum { NSTR = 600, LEN = 64 };
    static char strs[NSTR][LEN];
    for (int i = 0; i < NSTR; i++)
        snprintf(strs[i], LEN, "%s-%d-%.*s", i % 7 ? "kind" : "a \"quoted\" kind", i,
                 i % 23, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    tg_member_cache cache;
    memset(&cache, 0, sizeof cache);
    tg_entity ents[200];
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < 200; i++) {
            xorshift(&x);
            /* Two of 2000 pairs, some 140 KB of members in all. */
            size_t kind = x % 2000, place = (x >> 20) % 2000;
            ents[i] = (tg_entity){"text", strs[kind % NSTR], strs[(kind * 7 + 3) % NSTR], "id",
                                  strs[place % NSTR], strs[(place * 11 + 5) % NSTR], "text",
                                  i, i + 1, i, i + 1};
        }
        assert_written_plainly(ents, 200, &cache, round);
    }
    tg_member_cache_free(&cache);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_json_matches_the_accessors),
        cmocka_unit_test(rule_ids_are_type_and_slug),
        cmocka_unit_test(html_entities_match_too),
        cmocka_unit_test(members_match_a_plain_writer),
        cmocka_unit_test(member_cache_fills_and_starts_over),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
