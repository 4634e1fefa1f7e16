/*
 * test_score.c - the topic scorer with the bundled model: the example article's
 * tags come from its story (exactly Russia and USA, with or without the page
 * around it; the page around it alone gives nothing), the explanation adds up to
 * the score, boilerplate never contributes, and scorer.conf errors say where.
 */
#include "harness.h"

#include "model.h"
#include "result.h"
#include "score.h"
#include "tagger.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_SOURCE_DIR)

/* The result of tagging text (the language detected); the test fails on an error. */
static tg_result *tag_text(const char *text, size_t len)
{
    tg_result *r = NULL;
    tg_error err;
    if (tg_tag_text(&r, model, NULL, text, len, NULL, &err))
        fail_msg("%s", err.message);
    return r;
}

static tg_result *tag_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    return tag_text(buf, n);
}

/* The tag ids of r, sorted, joined by spaces. */
static const char *tag_ids(const tg_result *r)
{
    static char out[512];
    const char *ids[32];
    size_t n = tg_result_tag_count(r) < 32 ? tg_result_tag_count(r) : 32;
    for (size_t i = 0; i < n; i++)
        ids[i] = tg_result_tag(r, i)->id;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(ids[j - 1], ids[j]) > 0; j--) {
            const char *t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "", ids[i]);
    return out;
}

static void example_article_in_three_languages(void **state)
{
    (void)state;
    static const char *const PATHS[] = {
        TEST_SOURCE_DIR "/corpora/en/000_68d5fd724831ed0d.txt",
        TEST_SOURCE_DIR "/corpora/uk/000_68d5fd724831ed0d.txt",
        TEST_SOURCE_DIR "/corpora/ru/000_68d5fd724831ed0d.txt",
    };
    for (size_t i = 0; i < 3; i++) {
        tg_result *r = tag_file(PATHS[i]);
        if (strcmp(tag_ids(r), "country:RU country:US"))
            fail_msg("%s: tags '%s'", PATHS[i], tag_ids(r));
        tg_result_free(r);
    }
}

/* tests/data/000_story_only.txt is the example with its menus, ad markers, tag
 * line and headline lists cut out by hand; 000_boilerplate_only.txt is what was
 * cut. */
static void story_alone_keeps_the_tags(void **state)
{
    (void)state;
    tg_result *r = tag_file(TEST_DATA_DIR "/000_story_only.txt");
    assert_string_equal(tag_ids(r), "country:RU country:US");
    tg_result_free(r);
}

/* The tag ids of a text tagged in language lang. */
static const char *tags_of(const char *lang, const char *text)
{
    tg_doc_options o = {0};
    o.lang = lang;
    tg_result *r = NULL;
    tg_error err;
    if (tg_tag_text(&r, model, NULL, text, strlen(text), &o, &err))
        fail_msg("%s", err.message);
    static char ids[512];
    snprintf(ids, sizeof ids, "%s", tag_ids(r));
    tg_result_free(r);
    return ids;
}

/* A Ukrainian or Russian agency's own city in the dateline is where the newsroom is:
 * no evidence for its country when the story has topics of its own. English wire
 * copy is dated where the reporter is, and its dateline counts. */
static void newsrooms_home_dateline(void **state)
{
    (void)state;
    const char *uk = "Мей заявила про вирішальні сім днів\n\n"
                     "КИЇВ. 18 листопада. УНН. Прем'єр-міністр Великої Британії Тереза Мей "
                     "заявила, що наступні сім днів будуть вирішальними для майбутнього "
                     "Великої Британії, передає агентство з посиланням на Лондон.\n";
    assert_string_equal(tags_of("uk", uk), "country:GB");
    const char *ru = "Вакцинация началась\n\n"
                     "МОСКВА, 15 янв — РИА Новости. Массовая вакцинация россиян от "
                     "коронавируса стартует на следующей неделе, сообщили в правительстве "
                     "России. Это больше, чем ожидали в министерстве.\n";
    assert_string_equal(tags_of("ru", ru), "country:RU");
    const char *en = "May says next seven days are crucial\n\n"
                     "KYIV, Nov 18 - British Prime Minister Theresa May said the next seven "
                     "days would be crucial for the future of Britain, speaking in London "
                     "on Sunday to reporters.\n";
    assert_non_null(strstr(tags_of("en", en), "country:UA"));
    /* A regional city's dateline is where the reporter is, and its story the region's:
     * it counts, though a foreign partner is named too. */
    const char *lviv = "Місто підтримає ветеранів\n\n"
                       "ЛЬВІВ. 12 квітня. Міська рада затвердила програму підтримки ветеранів "
                       "на три роки. Окремо влада домовилася з польським містом Жешув про "
                       "стажування ветеранів на підприємствах Підкарпатського воєводства.\n";
    assert_non_null(strstr(tags_of("uk", lviv), "country:UA"));
}

static void boilerplate_alone_gives_no_tag(void **state)
{
    (void)state;
    tg_result *r = tag_file(TEST_DATA_DIR "/000_boilerplate_only.txt");
    assert_true(tg_result_entity_count(r) > 20); /* the names are there ... */
    assert_string_equal(tag_ids(r), "");         /* ... and count for nothing */
    tg_result_free(r);
}

static void explanation_adds_up(void **state)
{
    (void)state;
    tg_result *r = tag_file(TEST_SOURCE_DIR "/corpora/en/000_68d5fd724831ed0d.txt");
    assert_true(tg_result_tag_count(r) > 0);
    for (size_t t = 0; t < tg_result_tag_count(r); t++) {
        double sum = 0;
        size_t n = 0;
        for (size_t i = 0; i < tg_result_contribution_count(r); i++) {
            const tg_contribution *c = tg_result_contribution(r, i);
            if (c->tag != t)
                continue;
            const tg_entity *e = tg_result_entity(r, c->entity);
            assert_string_not_equal(e->zone, "boilerplate");
            assert_true(c->value > 0 && c->value <= c->weight * c->zone_weight * (1 + 1e-6));
            sum += c->value;
            n++;
        }
        assert_int_equal(n, tg_result_tag(r, t)->evidence_count);
        double want = round((1 - exp(-sum / model->scorer.scale)) * 1000) / 1000;
        assert_true(fabs(tg_result_tag(r, t)->score - want) < 1e-9);
    }
    tg_result_free(r);
}

static double zone_weight_of(const char *zone);

/* The links of entity i of r, found again here the plain way: its gazetteer entry's,
 * its rule's, or those of the place its rule's name holds. */
static const tg_link *entity_links(const tg_result *r, size_t i, uint32_t *n)
{
    const tg_entity_meta *mi = &r->meta.v[i];
    const tg_entity_def *d = mi->def != TG_NONE ? &model->entities.v[mi->def] : NULL;
    if (!d && mi->rule != TG_NONE && model->rules.v.v[mi->rule].link_count) {
        *n = model->rules.v.v[mi->rule].link_count;
        return model->links.v + model->rules.v.v[mi->rule].link_first;
    }
    if (!d && mi->topic_def != TG_NONE)
        d = &model->entities.v[mi->topic_def];
    *n = d ? d->link_count : 0;
    return d ? model->links.v + d->link_first : NULL;
}

/* A tag's evidence is every link of every mention outside boilerplate to its topic,
 * in the order of the mentions and of their links, and nothing else; entities with
 * links to several countries (Nord Stream, Baikonur) among them. */
static void evidence_is_every_linked_mention(void **state)
{
    (void)state;
    static const char TEXT[] =
        "Russia and Germany argued over Nord Stream on Monday, as Kazakhstan and Russia "
        "met at Baikonur Cosmodrome. Germany said Nord Stream 2 would stay shut; Russia "
        "said the Baikonur Cosmodrome lease with Kazakhstan stands.\n";
    tg_result *r = tag_text(TEXT, sizeof TEXT - 1);
    assert_true(tg_result_tag_count(r) >= 3);
    size_t at = 0, several = 0;
    for (size_t t = 0; t < tg_result_tag_count(r); t++) {
        const tg_tag *tag = tg_result_tag(r, t);
        uint32_t topic = tg_model_topic(model, tag->id, strlen(tag->id));
        assert_int_not_equal(topic, TG_NONE);
        size_t first = at;
        for (size_t i = 0; i < tg_result_entity_count(r); i++) {
            double zw = zone_weight_of(tg_result_entity(r, i)->zone);
            uint32_t nl;
            const tg_link *l = entity_links(r, i, &nl);
            several += zw > 0 && nl > 1;
            for (uint32_t q = 0; q < nl && zw > 0; q++) {
                if (l[q].topic != topic)
                    continue;
                assert_true(at < tg_result_contribution_count(r));
                const tg_contribution *c = tg_result_contribution(r, at++);
                assert_int_equal(c->tag, t);
                assert_int_equal(c->entity, i);
                assert_true(c->weight == l[q].weight && c->zone_weight == zw);
            }
        }
        assert_int_equal(tag->evidence_count, at - first);
        for (size_t k = 0; k < tag->evidence_count; k++)
            assert_int_equal(tag->evidence[k], tg_result_contribution(r, first + k)->entity);
    }
    assert_int_equal(at, tg_result_contribution_count(r));
    assert_true(several > 0);
    tg_result_free(r);
}

static double zone_weight_of(const char *zone)
{
    const tg_scorer_conf *c = &model->scorer;
    return !strcmp(zone, "title")      ? c->zone_title
           : !strcmp(zone, "dateline") ? c->zone_dateline
           : !strcmp(zone, "lead")     ? c->zone_lead
           : !strcmp(zone, "body")     ? c->zone_body
                                       : 0;
}

/* The id a mention of entity i is counted under: its own, or that of the place whose
 * links its rule's name carries (entity_links). */
static const char *counted_id(const tg_result *r, size_t i)
{
    const tg_entity_meta *mi = &r->meta.v[i];
    if (mi->def == TG_NONE && mi->topic_def != TG_NONE &&
        !(mi->rule != TG_NONE && model->rules.v.v[mi->rule].link_count))
        return tg_model_str(model, model->entities.v[mi->topic_def].id);
    return tg_result_entity(r, i)->id;
}

/* Every contribution decays by the number of earlier scoring mentions counted under
 * the same id string, counted here the slow way (the scorer looks ids up in a hash
 * table). */
static void check_repeats(const tg_result *r)
{
    for (size_t i = 0; i < tg_result_contribution_count(r); i++) {
        const tg_contribution *c = tg_result_contribution(r, i);
        const char *id = counted_id(r, c->entity);
        size_t k = 0;
        for (size_t j = 0; j < c->entity; j++)
            k += zone_weight_of(tg_result_entity(r, j)->zone) > 0 && !strcmp(counted_id(r, j), id);
        double want = c->weight * c->zone_weight * pow(model->scorer.repeat_decay, (double)k);
        assert_true(fabs(c->value - want) <= 1e-9 * want);
    }
}

static void repeats_counted_by_id(void **state)
{
    (void)state;
    static const char *const files[] = {"/corpora/en/000_68d5fd724831ed0d.txt",
                                        "/corpora/uk/001_ua_tr_grain_istanbul.txt",
                                        "/corpora/ru/002_de_fr_energy_berlin.txt"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", TEST_SOURCE_DIR, files[f]);
        size_t len;
        char *text = test_read_file(path, &len);
        /* Once (a small table) and five times over (a larger one, with more ids to
         * share slots), with rule-made ids that are equal strings at different
         * addresses. */
        for (int times = 1; times <= 5; times += 4) {
            char *buf = malloc(len * (size_t)times);
            assert_non_null(buf);
            for (int k = 0; k < times; k++)
                memcpy(buf + (size_t)k * len, text, len);
            tg_result *r = NULL;
            tg_error err;
            assert_int_equal(tg_tag_text(&r, model, NULL, buf, len * (size_t)times, NULL, &err),
                             TG_OK);
            assert_true(tg_result_contribution_count(r) > 0);
            check_repeats(r);
            tg_result_free(r);
            free(buf);
        }
        free(text);
    }
}

/* The same on a made-up result: mentions of a few linked entities, in body and
 * boilerplate, whose ids are the model's strings or copies of them at other
 * addresses, in random order and numbers (up to several hundred: tables of every
 * size). The count must go by the string, not by the pointer. One scratch for all:
 * nothing of one document may count in the next, not even when the stamp that
 * tells the table's slots of this document from the others' wraps around. */
static void repeats_counted_by_id_string(void **state)
{
    (void)state;
    uint32_t defs[4];
    size_t nd = 0;
    for (uint32_t d = 0; d < model->entities.n && nd < 4; d++)
        if (model->entities.v[d].link_count)
            defs[nd++] = d;
    assert_int_equal(nd, 4);
    tg_score_scratch scratch = {0};
    uint64_t x = 0x853C49E6748FEA9BULL;
    size_t contributions = 0;
    for (int round = 0; round < 200; round++) {
        tg_result r = {0};
        size_t n = 1 + (size_t)(xorshift(&x) % (round < 100 ? 40 : 600));
        char **copies = calloc(n, sizeof *copies);
        assert_non_null(copies);
        for (size_t i = 0; i < n; i++) {
            uint32_t def = defs[xorshift(&x) % nd];
            const char *id = tg_model_str(model, model->entities.v[def].id);
            if (xorshift(&x) % 2) {
                copies[i] = strdup(id);
                assert_non_null(copies[i]);
                id = copies[i];
            }
            tg_zone z = xorshift(&x) % 4 ? TG_ZONE_BODY : TG_ZONE_BOILERPLATE;
            tg_entity e = {.text = "x", .type = "PLACE", .subtype = "", .id = id,
                           .zone = tg_zone_name(z), .source = "gazetteer", .field = "text"};
            tg_entity_meta meta = {def, TG_NONE, 0, UINT32_MAX, z, 0, TG_NONE};
            assert_int_equal(vec_push(r.entities, e), 0);
            assert_int_equal(vec_push(r.meta, meta), 0);
        }
        assert_int_equal(tg_score(model, &r, NULL, &scratch), 0);
        contributions += r.contributions.n; /* none when no topic passes */
        check_repeats(&r);
        if (round == 0) /* the next document's stamp wraps to this one's */
            scratch.stamp = UINT32_MAX;
        for (size_t i = 0; i < n; i++)
            free(copies[i]);
        free(copies);
        vec_free(r.entities);
        vec_free(r.meta);
        vec_free(r.tags);
        vec_free(r.evidence);
        vec_free(r.contributions);
    }
    assert_true(contributions > 1000);
    tg_score_scratch_free(&scratch);
}

/* A name that a rule found around a country still points at it: the country's
 * mention is inside the name, and without its topics the text would lose the tag
 * (resolve.h, topic_def). A name around a town does not. */
static void names_carry_their_countrys_topics(void **state)
{
    (void)state;
    static const char TEXT[] = "The Ghana Cocoa Board raised prices on Monday.\n";
    tg_result *r = tag_text(TEXT, sizeof TEXT - 1);
    assert_int_equal(tg_result_entity_count(r), 1);
    assert_string_equal(tg_result_entity(r, 0)->type, "ORG");
    assert_string_equal(tag_ids(r), "country:GH");
    tg_result_free(r);
    static const char TOWN[] = "The Bristol Tile Company raised prices on Monday.\n";
    r = tag_text(TOWN, sizeof TOWN - 1);
    assert_int_equal(tg_result_entity_count(r), 1);
    assert_string_equal(tag_ids(r), "");
    tg_result_free(r);
}

/* A body named after its country is the country named once more: "U.S." and then "the
 * U.S. Agriculture Department" count as two mentions of the United States, the
 * second decayed, as "U.S." twice would. As a first mention of its own, each such
 * body outweighed the other country of a story ("U.S. National Association" and
 * "U.S. grain" against the Soviet Union). */
static void a_body_named_after_its_country_repeats_it(void **state)
{
    (void)state;
    static const char TEXT[] = "Officials in the U.S. said on Monday that the U.S. Agriculture "
                               "Department would buy more grain.\n";
    tg_result *r = tag_text(TEXT, sizeof TEXT - 1);
    assert_int_equal(tg_result_entity_count(r), 2);
    assert_string_equal(tg_result_entity(r, 1)->type, "ORG");
    assert_string_equal(tg_result_entity(r, 1)->text, "U.S. Agriculture Department");
    assert_string_equal(tag_ids(r), "country:US");
    assert_int_equal(tg_result_contribution_count(r), 2);
    const tg_contribution *first = tg_result_contribution(r, 0);
    const tg_contribution *second = tg_result_contribution(r, 1);
    assert_int_equal(second->entity, 1);
    assert_true(fabs(second->value - first->value * model->scorer.repeat_decay) < 1e-9);
    tg_result_free(r);
}

/* An amount's currency names no topic: a loan in US dollars to Ukraine is Ukraine's
 * story, in any of the three languages; a bond in New Zealand dollars is no story about
 * New Zealand. The country named on its own still counts. */
static void currency_of_an_amount_is_no_topic(void **state)
{
    (void)state;
    static const char *const CASES[][3] = {
        {"uk", "Уряд України отримав кредит на 500 млн доларів США від ЄБРР. Ще 200 млн "
               "доларів США надасть Світовий банк.\n", "country:UA"},
        {"ru", "Правительство Украины получило кредит на 500 млн долларов США от ЕБРР. Еще 200 "
               "млн долларов США даст Всемирный банк.\n", "country:UA"},
        {"en", "The Ukrainian government received a loan of 500 million US dollars from the "
               "EBRD, and another 200 mln U.S. dlrs will follow.\n", "country:UA"},
        {"en", "Sweden is issuing 75 mln New Zealand dlr eurobonds due 1990, the finance "
               "ministry in Stockholm said.\n", "country:SE"},
        {"en", "The US lent Ukraine 500 million dollars on Monday.\n", "country:UA country:US"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++)
        if (strcmp(tags_of(CASES[i][0], CASES[i][1]), CASES[i][2]))
            fail_msg("case %zu: tags '%s', want '%s'", i, tags_of(CASES[i][0], CASES[i][1]),
                     CASES[i][2]);
}

/* Brussels in a story that names the EU or NATO is the body ("Brussels wants London to
 * keep paying"), no evidence for Belgium; in a story that names neither it is the city,
 * and in the dateline it says where the reporter is, which counts. */
static void brussels_for_the_eu(void **state)
{
    (void)state;
    static const char *const CASES[][2] = {
        {"Brussels wants London to keep paying into the budget. The EU says Brussels will not "
         "move, and London says the same.\n", "country:GB"},
        {"Brussels wants London to keep paying into the budget. The city says Brussels will not "
         "move, and London says the same.\n", "country:BE country:GB"},
        {"BRUSSELS, March 3 - The EU says London must pay. Officials in London disagree.\n",
         "country:BE country:GB"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++)
        if (strcmp(tags_of("en", CASES[i][0]), CASES[i][1]))
            fail_msg("case %zu: tags '%s', want '%s'", i, tags_of("en", CASES[i][0]), CASES[i][1]);
}

/* A place as a word of a compound ("UK-based", "pro-Moscow": src/name_adjective.h) is
 * one NORP entity over the compound, not a place, with the place's id, and counts for
 * its country as one more mention of it: "the UK-based bank and the UK" is the UK named
 * twice, the second decayed, as "the UK bank and the UK" is. Brussels so named is still
 * the EU's seat in a story on the EU. With spaces around the hyphen it is the place. */
static void a_place_as_an_adjective(void **state)
{
    (void)state;
    static const char ADJ[] = "The UK-based bank said the UK economy grew.\n";
    static const char NOUN[] = "The UK bank said the UK economy grew.\n";
    tg_result *a = tag_text(ADJ, sizeof ADJ - 1);
    tg_result *b = tag_text(NOUN, sizeof NOUN - 1);
    assert_string_equal(tg_result_entity(a, 0)->text, "UK-based");
    assert_string_equal(tg_result_entity(a, 0)->type, "NORP");
    assert_string_equal(tg_result_entity(a, 0)->subtype, "place-adjective");
    assert_string_equal(tg_result_entity(a, 0)->id, "country:GB"); /* still the UK */
    assert_string_equal(tag_ids(a), "country:GB");
    assert_int_equal(tg_result_tag_count(a), 1);
    assert_int_equal(tg_result_tag_count(b), 1);
    assert_true(fabs(tg_result_tag(a, 0)->score - tg_result_tag(b, 0)->score) < 1e-9);
    tg_result_free(a);
    tg_result_free(b);
    assert_string_equal(tags_of("en", "The Brussels-based think tank said the EU would wait. "
                                      "London disagreed, and London said so.\n"),
                        "country:GB");
    assert_string_equal(tags_of("en", "The pro-Moscow leaders met.\n"), "country:RU");
    assert_string_equal(tags_of("en", "The U.S.-backed talks resumed.\n"), "country:US");
    /* an organisation too: its topics, as the body's own mention would give them */
    assert_string_equal(tags_of("en", "The Kremlin-backed channel said so.\n"),
                        tags_of("en", "The Kremlin channel said so.\n"));
    static const char KB[] = "The Kremlin-backed channel said so.\n";
    tg_result *kb = tag_text(KB, sizeof KB - 1);
    assert_string_equal(tg_result_entity(kb, 0)->subtype, "org-adjective");
    tg_result_free(kb);
    static const char MO[] = "Kansas City, Mo.-based Zorvek Inc. said profits rose.\n";
    tg_result *mo = tag_text(MO, sizeof MO - 1);
    assert_string_equal(tg_result_entity(mo, 1)->text, "Mo.-based"); /* a rule's place */
    assert_string_equal(tg_result_entity(mo, 1)->type, "NORP");
    tg_result_free(mo);
    static const char PRO[] = "The pro-Moscow leaders met.\n";
    tg_result *p = tag_text(PRO, sizeof PRO - 1);
    assert_string_equal(tg_result_entity(p, 0)->text, "pro-Moscow");
    assert_string_equal(tg_result_entity(p, 0)->type, "NORP");
    tg_result_free(p);
    static const char SPACED[] = "The Ohio - based firm said so.\n";
    tg_result *c = tag_text(SPACED, sizeof SPACED - 1);
    assert_string_equal(tg_result_entity(c, 0)->text, "Ohio");
    assert_string_equal(tg_result_entity(c, 0)->type, "PLACE");
    tg_result_free(c);
}

static void conf_errors_say_where(void **state)
{
    (void)state;
    static const struct { const char *text; unsigned line; const char *what; } CASES[] = {
        {"zone.title = 1\nzone.body = lots\n", 2, "number"},
        {"# c\n\nzone.bodyy = 1\n", 3, "unknown setting"},
        {"threshold 0.5\n", 1, "key = value"},
        {"scale = 0\n", 0, "scale"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char path[] = "/tmp/tg_scorer_conf_XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        FILE *fp = fdopen(fd, "w");
        fputs(CASES[i].text, fp);
        fclose(fp);
        tg_scorer_conf c;
        tg_scorer_conf_defaults(&c);
        tg_error err = {0};
        assert_int_equal(tg_scorer_conf_load(&c, path, &err), TG_ERR_DATA);
        assert_int_equal(err.line, CASES[i].line);
        if (!strstr(err.message, CASES[i].what))
            fail_msg("case %zu: '%s'", i, err.message);
        remove(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(example_article_in_three_languages),
        cmocka_unit_test(story_alone_keeps_the_tags),
        cmocka_unit_test(boilerplate_alone_gives_no_tag),
        cmocka_unit_test(newsrooms_home_dateline),
        cmocka_unit_test(explanation_adds_up),
        cmocka_unit_test(repeats_counted_by_id),
        cmocka_unit_test(repeats_counted_by_id_string),
        cmocka_unit_test(evidence_is_every_linked_mention),
        cmocka_unit_test(names_carry_their_countrys_topics),
        cmocka_unit_test(a_body_named_after_its_country_repeats_it),
        cmocka_unit_test(brussels_for_the_eu),
        cmocka_unit_test(currency_of_an_amount_is_no_topic),
        cmocka_unit_test(a_place_as_an_adjective),
        cmocka_unit_test(conf_errors_say_where),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
