/*
 * test_coref.c - document-level consistency, the identity step of resolution, and
 * the spans of listed people (their titles, person_title.c).
 *
 * Two models. "Rules only" is the repository's rules/ with a one-entity gazetteer, so
 * the first mentions ("Dmitry Bakanov", "Russian Direct Investment Fund (RDIF)") come
 * from rules and the later ones can only come from src/coref.c. The default model at
 * the repository root lists some of these names, and there the later mentions must
 * still carry the same id as the first.
 */
#include "harness.h"

#include "coref.h"
#include "model.h"
#include "tagger.h"
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static tg_model *rules_only, *full;
static char dir[64];

static const char GAZETTEER[] =
    "id\ttype\tsubtype\tname\ttopics\ten\tuk\n"
    "person:emmanuel-macron\tPERSON\thead-of-state\tEmmanuel Macron\tcountry:FR=0.9\t=Macron\t=Макрон~\n"
    "city:poltavka\tPLACE\tcity\tPoltavka\t-\tPoltavka\tПолтавка~\n"
    "city:clinton\tPLACE\tcity\tClinton\t-\tClinton\t-\n";

static int setup(void **state)
{
    (void)state;
    char path[160];
    strcpy(dir, "/tmp/tg-coref-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/gazetteers", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/gazetteers/people.tsv", dir);
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return -1;
    fputs(GAZETTEER, fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/rules", dir);
    if (symlink(TEST_SOURCE_DIR "/rules", path))
        return -1;
    tg_error err;
    if (tg_model_load(&rules_only, dir, &err) || tg_model_load(&full, TEST_SOURCE_DIR, &err)) {
        fprintf(stderr, "%s:%u:%u: %s\n", err.file, err.line, err.column, err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tg_model_free(rules_only);
    tg_model_free(full);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) ? -1 : 0;
}

static tg_result *tag(const tg_model *m, const char *lang, const char *text)
{
    tg_doc_options o = {0};
    o.lang = lang;
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, m, NULL, text, strlen(text), &o, &err), TG_OK);
    return r;
}

/* The k-th (0-based) entity whose text is exactly `text`, or NULL. */
static const tg_entity *find(const tg_result *r, const char *text, int k)
{
    for (size_t i = 0; i < tg_result_entity_count(r); i++)
        if (!strcmp(tg_result_entity(r, i)->text, text) && k-- == 0)
            return tg_result_entity(r, i);
    return NULL;
}

static void dump(const tg_result *r)
{
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        fprintf(stderr, "  %s \"%s\" %s (%s)\n", e->type, e->text, e->id, e->source);
    }
}

/* The later mention `later` (its k-th occurrence) has the first mention's id and type. */
static void assert_same(const tg_model *m, const char *lang, const char *text, const char *first,
                        const char *type, const char *later, int k, const char *source)
{
    tg_result *r = tag(m, lang, text);
    const tg_entity *a = find(r, first, 0), *b = find(r, later, k);
    if (!a || !b || strcmp(a->type, type) || strcmp(a->id, b->id) || strcmp(a->type, b->type) ||
        (source && strcmp(b->source, source))) {
        fprintf(stderr, "in: %s\n", text);
        dump(r);
        fail_msg("\"%s\" should be %s \"%s\" again", later, type, first);
    }
    tg_result_free(r);
}

/* The k-th occurrence of `word` in text is an entity of that type. */
static void assert_type(const tg_model *m, const char *lang, const char *text, const char *word,
                        int k, const char *type)
{
    tg_result *r = tag(m, lang, text);
    const tg_entity *e = find(r, word, k);
    if (!e || strcmp(e->type, type)) {
        fprintf(stderr, "in: %s\n", text);
        dump(r);
        fail_msg("\"%s\" (%d) should be %s", word, k, type);
    }
    tg_result_free(r);
}

/* No entity is the text `word` (its k-th such entity) in text. */
static void assert_untagged(const tg_model *m, const char *lang, const char *text,
                            const char *word, int k)
{
    tg_result *r = tag(m, lang, text);
    if (find(r, word, k)) {
        fprintf(stderr, "in: %s\n", text);
        dump(r);
        fail_msg("\"%s\" (%d) should stay untagged", word, k);
    }
    tg_result_free(r);
}

/* In each of the Ukrainian texts none[i][0], the word none[i][1] is no later mention. */
static void assert_none_refers_back(const char *const none[][2], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        tg_result *r = tag(rules_only, "uk", none[i][0]);
        for (size_t j = 0; j < tg_result_entity_count(r); j++) {
            const tg_entity *e = tg_result_entity(r, j);
            if (!strcmp(e->text, none[i][1]) && !strcmp(e->source, "coref")) {
                dump(r);
                fail_msg("\"%s\" should not refer back in: %s", none[i][1], none[i][0]);
            }
        }
        tg_result_free(r);
    }
}

static void surname_refers_back(void **state)
{
    (void)state;
    const char *en = "The head of Roscosmos, Dmitry Bakanov, said the launch went well. "
                     "Bakanov added that the crew was healthy.";
    assert_same(rules_only, "en", en, "Dmitry Bakanov", "PERSON", "Bakanov", 0, "coref");
    assert_same(full, "en", en, "Dmitry Bakanov", "PERSON", "Bakanov", 0, NULL);
}

/* Keys are asked by their head's slot (coref.c, head_slot): surnames whose first two
 * letters differ but share a slot ("sm" and "ga", "ba" and "sh") each refer back to
 * their own name. (Two of one head: surname_after_a_namesake.) */
static void surnames_of_one_slot_refer_back(void **state)
{
    (void)state;
    const char *en = "The head of Roscosmos, Dmitry Smith, met Dmitry Gardner and Dmitry "
                     "Baker. Later Gardner said Smith and Baker agreed with Dmitry Shaw. "
                     "Shaw added nothing.";
    assert_same(rules_only, "en", en, "Dmitry Smith", "PERSON", "Smith", 0, "coref");
    assert_same(rules_only, "en", en, "Dmitry Gardner", "PERSON", "Gardner", 0, "coref");
    assert_same(rules_only, "en", en, "Dmitry Baker", "PERSON", "Baker", 0, "coref");
    assert_same(rules_only, "en", en, "Dmitry Shaw", "PERSON", "Shaw", 0, "coref");
}

static void inflected_surname_refers_back(void **state)
{
    (void)state;
    const char *uk = "Голова Роскосмосу Дмитро Баканов привітав екіпаж. Із Бакановим "
                     "зустрівся посол, а Баканову подякував прем'єр.";
    assert_same(rules_only, "uk", uk, "Дмитро Баканов", "PERSON", "Бакановим", 0, "coref");
    assert_same(rules_only, "uk", uk, "Дмитро Баканов", "PERSON", "Баканову", 0, "coref");
    assert_same(full, "uk", uk, "Дмитро Баканов", "PERSON", "Бакановим", 0, NULL);
    /* An adjective-like surname first seen in the genitive; the nominative later. */
    const char *gen = "Зустріч відбулася з ініціативи президента Філіпа Корнацького. "
                      "Корнацький подякував учасникам.";
    assert_same(rules_only, "uk", gen, "Філіпа Корнацького", "PERSON", "Корнацький", 0,
                "coref");
}

/* A town of the name a person has in this text is the person: the title rule's
 * "Clinton" beats the listed town (resolve), and so does every later "Clinton"
 * (coref). With no such person, the town stays a town. */
static void surname_takes_over_a_town(void **state)
{
    (void)state;
    const char *en = "President Clinton spoke on Monday. Later Clinton said the talks went well.";
    assert_same(rules_only, "en", en, "Clinton", "PERSON", "Clinton", 1, "coref");
    const char *town = "Clinton is a town in Iowa. Clinton has a museum of rivers.";
    tg_result *r = tag(rules_only, "en", town);
    const tg_entity *a = find(r, "Clinton", 0), *b = find(r, "Clinton", 1);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a->type, "PLACE");
    assert_string_equal(b->type, "PLACE");
    tg_result_free(r);
}

static void acronym_defined_in_parentheses(void **state)
{
    (void)state;
    const char *en = "Kirill Dmitriev heads the Russian Direct Investment Fund (RDIF). "
                     "RDIF invested in the project.";
    assert_same(rules_only, "en", en, "Russian Direct Investment Fund", "ORG", "RDIF", 0, NULL);
    assert_same(rules_only, "en", en, "Russian Direct Investment Fund", "ORG", "RDIF", 1,
                "coref");
    assert_same(full, "en", en, "Russian Direct Investment Fund", "ORG", "RDIF", 1, NULL);
    const char *uk = "Російський фонд прямих інвестицій (РФПІ) оголосив про угоду. "
                     "РФПІ інвестує в проєкт.";
    assert_same(rules_only, "uk", uk, "Російський фонд прямих інвестицій", "ORG", "РФПІ", 1,
                "coref");
    assert_same(full, "uk", uk, "Російський фонд прямих інвестицій", "ORG", "РФПІ", 1, NULL);
    /* Initials skipped in order: National Anti-Corruption Bureau of Ukraine (NABU). */
    const char *nabu = "The National Anti-Corruption Bureau of Ukraine (NABU) opened a case. "
                       "NABU detectives searched the office.";
    assert_same(rules_only, "en", nabu, "National Anti-Corruption Bureau of Ukraine", "ORG",
                "NABU", 1, "coref");
    /* After an organisation's name, whatever its initials: a translated name keeps the
     * acronym of its own language. */
    const char *sda = "The Party of Democratic Action (SDA) called a rally. "
                      "SDA leaders spoke.";
    assert_same(rules_only, "en", sda, "Party of Democratic Action", "ORG", "SDA", 1, "coref");
}

/* An organisation of one word that a Ukrainian or Russian rule found by its cue is the
 * same word later, in any case, without the cue. */
static void one_word_organisation_refers_back(void **state)
{
    (void)state;
    const char *uk = "Кисень постачала фірма «Кріогенсервіс». Пропозицію «Кріогенсервісу» "
                     "відхилили.";
    assert_same(rules_only, "uk", uk, "Кріогенсервіс", "ORG", "Кріогенсервісу", 0, "coref");
}

/* A dateline's town in capitals, which a rule found (the gazetteer does not list it),
 * is the same place later in the story's own case. */
static void dateline_town_refers_back(void **state)
{
    (void)state;
    const char *en = "Troops retake town.\nTAVILDARA , Tajikistan 1996-08-30\nGovernment "
                     "troops now control Tavildara, officials said.";
    assert_same(rules_only, "en", en, "TAVILDARA", "PLACE", "Tavildara", 0, "coref");
}

/* The quoted word of an organisation's name with its form in front ("ТОВ «Альтком»") is
 * the same organisation later in quotes alone, in any case. Not a word quoted with
 * others ("«Шляхове будівництво»"), nor one between two opening marks ("«ЛБК «Наш
 * Дом»"), nor a word that only an opening mark stands before. */
static void quoted_word_of_an_organisation_refers_back(void **state)
{
    (void)state;
    const char *uk = "ТОВ «Альтком» виграло тендер. Пізніше «Альткому» відмовили, і «Альтком» "
                     "подав позов.";
    assert_same(rules_only, "uk", uk, "ТОВ «Альтком»", "ORG", "Альткому", 0, "coref");
    assert_same(rules_only, "uk", uk, "ТОВ «Альтком»", "ORG", "Альтком", 0, "coref");
    static const char *const none[][2] = {
        {"ООО «ЛБК «Наш Дом» построило квартал. Потом «ЛБК» ответило.", "ЛБК"},
        {"ПАТ «Укрнафта Сервіс» звітувало. Потім «Укрнафта» мовчала.", "Укрнафта"},
        {"ТОВ «Альтком Груп» виграло тендер. Пізніше «Альтком» подав позов.", "Альтком"},
    };
    assert_none_refers_back(none, sizeof none / sizeof *none);
}

/* The words of an organisation's name in quotation marks, several of them or a short
 * acronym ("ПП «Легіон Експерт»", "«Страхова компанія «ІНГО Україна»", "«УПС»"), are
 * the organisation again in quotes alone, the last word in any case; what was found
 * inside those marks gives way ("Київ" of «Київ-Арту», a role's person "Сервісу").
 * Not the same words in a longer name, nor without the marks, nor before the name. */
static void quoted_words_of_an_organisation_refer_back(void **state)
{
    (void)state;
    const char *uk = "Тендер виграло ПП «Легіон Експерт». Мер пообіцяв закрити «Легіон Експерт».";
    assert_same(rules_only, "uk", uk, "ПП «Легіон Експерт»", "ORG", "Легіон Експерт", 0, "coref");
    const char *nested = "ПАТ «Страхова компанія «ІНГО Україна» звітувало. Рада уповноважує "
                         "«ІНГО Україна» щороку.";
    assert_same(rules_only, "uk", nested, "ПАТ «Страхова компанія «ІНГО Україна»", "ORG",
                "ІНГО Україна", 0, "coref");
    const char *inflected = "ТОВ «Трейн Лідер Сервіс» постачає тепловози. З 2015 року "
                            "керівником «Трейн Лідер Сервісу» є Зураб Месхі.";
    assert_same(rules_only, "uk", inflected, "ТОВ «Трейн Лідер Сервіс»", "ORG",
                "Трейн Лідер Сервісу", 0, "coref");
    const char *acronym = "ТОВ «Українсько-польське підприємство «УПС» подало пропозицію. "
                          "Замовник відхилив «УПС» двічі.";
    assert_same(rules_only, "uk", acronym, "ТОВ «Українсько-польське підприємство «УПС»", "ORG",
                "УПС", 0, "coref");
    const char *place = "ТОВ «Київ-Арт» будує центр. Вартість інвестицій «Київ-Арту» зросла.";
    assert_same(full, "uk", place, "ТОВ «Київ-Арт»", "ORG", "Київ-Арту", 0, "coref");
    tg_result *r = tag(full, "uk", place);
    for (size_t i = 0; i < tg_result_entity_count(r); i++)
        assert_string_not_equal(tg_result_entity(r, i)->type, "PLACE");
    tg_result_free(r);
    static const char *const none[][2] = {
        {"ДП «Червоноармійський лісгосп АПК» продало ліс. Потім «Червоноармійський лісгосп» "
         "відмовився.", "Червоноармійський лісгосп"},
        {"ПП «Легіон Експерт» виграло. Пізніше Легіон Експерт відмовився.", "Легіон Експерт"},
        {"Спершу «Легіон Експерт» відмовився. Потім ПП «Легіон Експерт» виграло.",
         "Легіон Експерт"},
    };
    assert_none_refers_back(none, sizeof none / sizeof *none);
}

/* An organisation named in full, then by its initials without having given them:
 * English initials of the capitalised words, Ukrainian and Russian ones of every word
 * but prepositions and conjunctions. Not initials of fewer than three letters, nor a
 * later acronym that is not them. */
static void acronym_implied_by_the_name(void **state)
{
    (void)state;
    const char *en = "The Reserve Bank of India raised rates. The RBI said inflation was high.";
    assert_same(rules_only, "en", en, "Reserve Bank of India", "ORG", "RBI", 0, "coref");
    const char *uk = "Український центр оцінювання якості освіти оприлюднив дані. "
                     "УЦОЯО відкрив реєстрацію.";
    assert_same(rules_only, "uk", uk, "Український центр оцінювання якості освіти", "ORG",
                "УЦОЯО", 0, "coref");
    tg_result *r = tag(rules_only, "en",
                       "The Reserve Bank of India raised rates. The RBA and the BI did not.");
    const tg_entity *rba = find(r, "RBA", 0), *bi = find(r, "BI", 0);
    assert_true(rba == NULL || strcmp(rba->source, "coref") != 0);
    assert_true(bi == NULL || strcmp(bi->source, "coref") != 0);
    tg_result_free(r);
}

static void unrelated_words_do_not_refer_back(void **state)
{
    (void)state;
    /* A word that is the stem plus something that is not a case ending, a lower-case
     * word, and an acronym a person's name does not spell (after an organisation's it
     * would be the organisation's: acronym_defined_in_parentheses). (An earlier mention of the surname
     * alone is the person: surname_before_the_name_in_full.) */
    tg_result *r = tag(rules_only, "uk",
                       "Голова Роскосмосу Дмитро Баканов привітав екіпаж. Бакановка - село. "
                       "Ось баканову.");
    assert_null(find(r, "Бакановка", 0));
    assert_null(find(r, "баканову", 0));
    tg_result_free(r);
    r = tag(rules_only, "en",
            "The fund is headed by Kirill Dmitriev (NATO). NATO said no.");
    const tg_entity *e = find(r, "NATO", 1);
    assert_true(e == NULL || strcmp(e->source, "coref") != 0);
    tg_result_free(r);
}

/* A monarch's or a pope's name has no given name: the word before "Charles III" is his
 * title, which alone is not him (coref.c, regnal): "King" of "King Felipe VI" is not
 * King Charles III, nor "Pope" alone Pope Leo XIV. The name before the number still
 * refers back. */
static void title_of_a_regnal_name_does_not_refer_back(void **state)
{
    (void)state;
    tg_result *r = tag(full, "en",
                       "King Charles III met King Felipe VI and Pope Leo XIV. The Pope spoke "
                       "first. Charles thanked him.");
    const tg_entity *king = find(r, "King", 0), *pope = find(r, "Pope", 0);
    if (king || pope) {
        dump(r);
        fail_msg("a title alone was taken for the person");
    }
    tg_result_free(r);
    assert_same(full, "en",
                 "King Charles III met King Felipe VI and Pope Leo XIV. The Pope spoke first. "
                 "Charles thanked him.",
                 "Charles III", "PERSON", "Charles", 0, NULL);
}

/* A listed person's title is left out of the span (person_title.c), in any case of a
 * Cyrillic one; the id is the listed person's, and a later mention still refers to it
 * (its start moved with the span). "Sheikh" is part of Sheikh Hasina's name. */
static void listed_persons_title_is_left_out(void **state)
{
    (void)state;
    tg_result *r = tag(full, "en", "Pope Leo XIV spoke, and Sheikh Hasina listened.");
    const tg_entity *leo = find(r, "Leo XIV", 0), *hasina = find(r, "Sheikh Hasina", 0);
    if (!leo || strcmp(leo->id, "person:pope-leo-xiv") || !hasina) {
        dump(r);
        fail_msg("\"Leo XIV\" (person:pope-leo-xiv) and \"Sheikh Hasina\" expected");
    }
    tg_result_free(r);
    const char *ru = "Патриарх Московский и всея Руси Кирилл обратился к Папе Римскому "
                     "Франциску. Кирилл сказал, что молится.";
    r = tag(full, "ru", ru);
    const tg_entity *kirill = find(r, "Кирилл", 0), *francis = find(r, "Франциску", 0);
    if (!kirill || strcmp(kirill->id, "person:patriarch-kirill") || !francis ||
        strcmp(francis->id, "person:pope-francis")) {
        dump(r);
        fail_msg("\"Кирилл\" and \"Франциску\" without their titles expected");
    }
    tg_result_free(r);
    assert_same(full, "ru", ru, "Кирилл", "PERSON", "Кирилл", 1, "coref");
}

/* Resolution, step 3: a rule's longer name around a listed surname is that person. */
static void rule_name_takes_listed_identity(void **state)
{
    (void)state;
    const char *texts[][2] = {
        {"en", "French President Emmanuel Macron arrived in Kyiv."},
        {"uk", "Президент Франції Емманюель Макрон прибув до Києва."},
    };
    const char *spans[] = {"Emmanuel Macron", "Емманюель Макрон"};
    for (int i = 0; i < 2; i++) {
        tg_result *r = tag(rules_only, texts[i][0], texts[i][1]);
        const tg_entity *e = find(r, spans[i], 0);
        if (!e) {
            dump(r);
            fail_msg("no entity \"%s\"", spans[i]);
        }
        assert_string_equal(e->id, "person:emmanuel-macron");
        assert_string_equal(e->type, "PERSON");
        assert_string_equal(e->subtype, "head-of-state");
        assert_non_null(strstr(e->source, "rule:"));
        tg_result_free(r);
    }
    /* A place rule around a listed name keeps its own id: other types do not merge. */
    tg_result *r = tag(rules_only, "uk", "Вибух стався у селі Нова Полтавка.");
    const tg_entity *e = find(r, "Нова Полтавка", 0);
    assert_non_null(e);
    assert_string_equal(e->type, "PLACE");
    assert_string_not_equal(e->id, "city:poltavka");
    tg_result_free(r);
}

/* A listed person's surname alone after a namesake named in full is the namesake,
 * unless the listed person was named before: "Biden" after "Hunter Biden". */
static void surname_after_a_namesake(void **state)
{
    (void)state;
    const char *en = "Gerhard Stoltenberg resigned on Monday. Stoltenberg had been "
                     "defence minister since 1989.";
    assert_same(full, "en", en, "Gerhard Stoltenberg", "PERSON", "Stoltenberg", 0, "coref");
    const char *uk = "Віктор Герасимов, директор школи, заявив про ремонт. Герасимов додав, "
                     "що роботи тривають.";
    assert_same(full, "uk", uk, "Віктор Герасимов", "PERSON", "Герасимов", 0, "coref");
    /* The listed man named first, in full or by his surname alone: later surnames
     * stay his. */
    const char *both = "Jens Stoltenberg met Gerhard Stoltenberg in Oslo. Stoltenberg said "
                       "the talks went well.";
    assert_same(full, "en", both, "Jens Stoltenberg", "PERSON", "Stoltenberg", 0, NULL);
    const char *alone = "Stoltenberg met Gerhard Stoltenberg in Oslo. Stoltenberg said the "
                        "talks went well.";
    tg_result *r = tag(full, "en", alone);
    const tg_entity *first = find(r, "Stoltenberg", 0), *later = find(r, "Stoltenberg", 1);
    if (!first || !later || strcmp(first->id, "person:jens-stoltenberg") ||
        strcmp(later->id, first->id)) {
        dump(r);
        fail_msg("\"Stoltenberg\" after the listed man's surname should stay his");
    }
    tg_result_free(r);
}

/* A surname that is a country's or a region's name is the person's after a person
 * surely named in full (a known given name, or listed): "Neil Jordan ... Jordan". Not
 * after a name only a cue found, which may have run over into the place. */
static void surname_takes_over_a_country(void **state)
{
    (void)state;
    const char *en = "Irish director Neil Jordan defends his film. Later Jordan said the film "
                     "was fair.";
    assert_same(full, "en", en, "Neil Jordan", "PERSON", "Jordan", 0, "coref");
    const char *cue = "Prime Minister Zoltrak Holland spoke on Monday. Later Holland said the "
                      "talks went well.";
    tg_result *r = tag(full, "en", cue);
    const tg_entity *later = find(r, "Holland", 0);
    if (!find(r, "Zoltrak Holland", 0) || !later || strcmp(later->type, "PLACE")) {
        dump(r);
        fail_msg("\"Holland\" after a name only a cue found should stay the country");
    }
    tg_result_free(r);
}

/* A headline names a person by the surname before the story names them in full: the
 * surname is that person, when someone surely named (here by a known given name) has
 * it. Not the surname of a name only a cue found, and never over another entity. */
static void surname_before_the_name_in_full(void **state)
{
    (void)state;
    const char *ru = "Захарова прокомментировала отставку Корнацкого\n\nОтставка Филиппа "
                     "Корнацкого стала неожиданной.";
    assert_same(rules_only, "ru", ru, "Филиппа Корнацкого", "PERSON", "Корнацкого", 0, "coref");
    const char *en = "SPACE - BAKANOV QUITS\n\nThe head of Roscosmos, Dmitry Bakanov, resigned.";
    assert_same(rules_only, "en", en, "Dmitry Bakanov", "PERSON", "BAKANOV", 0, "coref");
    /* An English word in lower case before the name: a company's, as often as not. */
    const char *firm = "Bakanov Motors reported a loss. Its founder, Dmitry Bakanov, resigned.";
    assert_untagged(rules_only, "en", firm, "Bakanov", 0);
    /* A Title Case word in the text's first line, a headline's, refers forward too;
     * not when a company's form or another capitalised word follows it, nor below the
     * first line. */
    const char *head = "Arafat to meet Bakanov in Gaza .\nJERUSALEM 1996-08-22\n"
                       "Dmitry Bakanov said on Friday he would go.";
    assert_same(rules_only, "en", head, "Dmitry Bakanov", "PERSON", "Bakanov", 0, "coref");
    const char *const not_head[] = {
        "Bakanov and Co said profit rose.\nIts founder, Dmitry Bakanov, resigned.",
        "Bakanov Trust said profit rose.\nIts founder, Dmitry Bakanov, resigned.",
        "Talks went on .\nBakanov in Gaza .\nDmitry Bakanov said on Friday he would go."};
    for (size_t i = 0; i < sizeof not_head / sizeof *not_head; i++)
        assert_untagged(rules_only, "en", not_head[i], "Bakanov", 0);
    /* Nor before a name only a cue found. */
    const char *cue = "ZOLTRAK RESIGNS\n\nPrime Minister Melvar Zoltrak resigned on Monday.";
    assert_untagged(rules_only, "en", cue, "ZOLTRAK", 0);
    /* "Полтавка" before the name stays the town */
    assert_type(rules_only, "ru",
                "Полтавка голосует\n\nМэр Иван Полтавка сказал, что выборы честные.",
                "Полтавка", 0, "PLACE");
}

/* A person a rule found by one word (a title and a surname, a given name alone) is the
 * person named in full before, when only one name of the text has that word (that name
 * may be named in full again). */
static void rule_found_word_takes_the_name(void **state)
{
    (void)state;
    const char *en = "Dmitry Bakanov spoke on Monday. Chairman Bakanov said the launch "
                     "would go ahead.";
    assert_same(rules_only, "en", en, "Dmitry Bakanov", "PERSON", "Bakanov", 0, "coref");
    const char *ru = "Премьер Тереза Мэй выступила в парламенте. Позже Тереза сказала, что "
                     "сделка будет.";
    assert_same(full, "ru", ru, "Тереза Мэй", "PERSON", "Тереза", 0, "coref");
    /* The same name in full twice (in two cases) is still one name. */
    const char *again = "Dmitry Bakanov spoke on Monday. Dmitry Bakanov spoke again. "
                        "Chairman Bakanov said the launch would go ahead.";
    assert_same(rules_only, "en", again, "Dmitry Bakanov", "PERSON", "Bakanov", 0, "coref");
    const char *cases = "Денис Дудко грає на контрабасі. Про Дениса Дудка пишуть. «Так», — "
                        "заявив Дудко.";
    assert_same(full, "uk", cases, "Денис Дудко", "PERSON", "Дудко", 0, "coref");
    const char *two = "Bill Clinton met Hillary Clinton on Monday. President Clinton said "
                      "the talks went well.";
    tg_result *r = tag(full, "en", two);
    const tg_entity *bill = find(r, "Bill Clinton", 0), *hillary = find(r, "Hillary Clinton", 0),
                    *later = find(r, "Clinton", 0);
    if (!bill || !hillary || !later || !strcmp(later->id, bill->id) ||
        !strcmp(later->id, hillary->id)) {
        dump(r);
        fail_msg("\"President Clinton\" after two Clintons should be neither");
    }
    tg_result_free(r);
}

/* A Chinese, Korean or Vietnamese name puts the family name first, and later mentions
 * repeat it; an English word among such names (Long) is left alone. */
static void family_name_first_refers_back(void **state)
{
    (void)state;
    const char *en = "Chinese dissident Wang Donghai was sentenced on Monday. Wang said he "
                     "would appeal the verdict.";
    assert_same(rules_only, "en", en, "Wang Donghai", "PERSON", "Wang", 0, "coref");
    /* The list's first and last names, and its longest (the lookup packs a name's bytes
     * into a number). */
    static const char *const names[] = {"Bai", "Zou", "Nguyen"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char text[160], full_name[32];
        snprintf(text, sizeof text, "Chinese dissident %s Donghai was sentenced on Monday. %s "
                 "said he would appeal the verdict.", names[i], names[i]);
        snprintf(full_name, sizeof full_name, "%s Donghai", names[i]);
        assert_same(rules_only, "en", text, full_name, "PERSON", names[i], 0, "coref");
    }
    const char *lng = "Chinese dissident Long Wei was sentenced on Monday. Long queues formed "
                      "outside the court.";
    tg_result *r = tag(rules_only, "en", lng);
    if (!find(r, "Long Wei", 0) || find(r, "Long", 0)) {
        dump(r);
        fail_msg("\"Long\" of \"Long queues\" should not refer back to Long Wei");
    }
    tg_result_free(r);
}

/* A rule-made id is the slug of the span, also when the span ends inside a token: a
 * scraped byline that runs into its date. */
static void id_of_a_name_glued_to_a_date(void **state)
{
    (void)state;
    tg_result *r = tag(rules_only, "en", "By Oleksii ArtemchukTuesday, 29 July 2025, the "
                                         "crew launched from Baikonur.");
    const tg_entity *e = find(r, "Oleksii Artemchuk", 0);
    if (!e || strcmp(e->id, "person:oleksii-artemchuk")) {
        dump(r);
        fail_msg("the byline's name should be \"Oleksii Artemchuk\", person:oleksii-artemchuk");
    }
    tg_result_free(r);
}

/* A listed person's given name alone, after the name in full, is the person: over
 * a listed place of that name (the Japanese town "Асия"), inflected, wherever it
 * stands; an uncovered word not at a sentence's start ("Bill" is a bill there). */
static void given_name_after_the_name_in_full(void **state)
{
    (void)state;
    const char *ru = "Христианка Асия Биби вышла на свободу. Муж Асии рад. Асия провела "
                     "восемь лет в тюрьме.";
    assert_same(full, "ru", ru, "Асия Биби", "PERSON", "Асии", 0, "coref");
    assert_same(full, "ru", ru, "Асия Биби", "PERSON", "Асия", 0, "coref");
    const char *en = "Bill Gates gave a talk. Later, Bill said the fund would grow. Bill "
                     "collectors were not invited.";
    assert_same(full, "en", en, "Bill Gates", "PERSON", "Bill", 0, "coref");
    tg_result *r = tag(full, "en", en);
    assert_null(find(r, "Bill", 1));
    tg_result_free(r);
    /* Not before the name in full, and not without it. */
    const char *alone = "Асия провела восемь лет в тюрьме.";
    r = tag(full, "ru", alone);
    const tg_entity *a = find(r, "Асия", 0);
    if (a && !strcmp(a->type, "PERSON")) {
        dump(r);
        fail_msg("\"Асия\" alone should not be a person");
    }
    tg_result_free(r);
}

/* A given name alone takes over no country ("Jordan" after "Jordan Henderson" is the
 * country that plays Israel), nor a place right after a word that puts a place there
 * ("in Sofia", "в Мілані"); elsewhere it does ("Sofia said"). */
static void given_name_leaves_a_country_and_a_place_after_in(void **state)
{
    (void)state;
    const char *en = "Sofia Coppola directed the film. It premiered in Sofia and Venice. "
                     "Sofia said she was proud.";
    assert_type(full, "en", en, "Sofia", 0, "PLACE");  /* in Sofia: the city */
    assert_type(full, "en", en, "Sofia", 1, "PERSON"); /* Sofia said: the director */
    assert_type(full, "uk",
                "Письменник Мілан Кундера жив у Парижі. Його книги видавали в Мілані.",
                "Мілані", 0, "PLACE");
    assert_type(full, "en", "Jordan Henderson scored twice. Jordan beat Israel 2-1 in Amman.",
                "Jordan", 0, "PLACE");
}

/* So is the given name of a person whom the given-name rule found (a known given name
 * and a surname): "Оксана" after "Оксана Коцюбинська", "Sarah" after "Sarah
 * Raman"; not of a name that only a cue found ("Dr Zanvor Quell ... Zanvor"). */
static void given_name_of_a_rule_found_person(void **state)
{
    (void)state;
    const char *uk = "Про неї згадує Оксана Коцюбинська. Оксана тоді жила у Львові. "
                     "Друзі любили Оксану.";
    assert_same(full, "uk", uk, "Оксана Коцюбинська", "PERSON", "Оксана", 0, "coref");
    assert_same(full, "uk", uk, "Оксана Коцюбинська", "PERSON", "Оксану", 0, "coref");
    const char *en = "The report was written by Sarah Whitcombe. In it, Sarah argues for reform.";
    assert_same(full, "en", en, "Sarah Whitcombe", "PERSON", "Sarah", 0, "coref");
    const char *cue = "The study was led by Dr Zanvor Quell. In it, Zanvor argues for reform.";
    tg_result *r = tag(full, "en", cue);
    const tg_entity *z = find(r, "Zanvor", 0);
    if (!find(r, "Dr Zanvor Quell", 0) && !find(r, "Zanvor Quell", 0)) {
        dump(r);
        fail_msg("the cue's name should be found");
    }
    if (z && !strcmp(z->type, "PERSON")) {
        dump(r);
        fail_msg("\"Zanvor\" of a name only a cue found should not be a person");
    }
    tg_result_free(r);
}

/* A company named with its legal form is the same company without it, before and
 * after, in place of the places inside the short form (src/org_short.c); a one-word
 * key takes no word another entity has. The companies are unlisted (Boston Scientific,
 * which this test named, is in the gazetteer now). */
static void company_without_its_legal_form(void **state)
{
    (void)state;
    const char *en = "MCDONNELL DOUGLAS WINS ORDER\n"
                     "McDonnell Douglas Corp said Korean Air signed orders for four jets. "
                     "McDonnell Douglas said on December 30 that it was pleased.\n\n"
                     "Boston Beer Corp said on Monday it would buy a rival. "
                     "Boston Beer shares rose.";
    assert_same(full, "en", en, "McDonnell Douglas Corp", "ORG", "McDonnell Douglas", 0, "coref");
    assert_same(full, "en", en, "McDonnell Douglas Corp", "ORG", "MCDONNELL DOUGLAS", 0, "coref");
    assert_same(full, "en", en, "Boston Beer Corp", "ORG", "Boston Beer", 0, "coref");
    tg_result *r = tag(full, "en", en);
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        if (!strcmp(e->type, "PLACE")) {
            dump(r);
            fail_msg("no place in a text about two companies: \"%s\"", e->text);
        }
    }
    tg_result_free(r);
    const char *one = "Israel Corp said profit rose. Israel said talks would go on. "
                      "Amdahl Corp sold computers. Amdahl said sales rose.";
    r = tag(full, "en", one);
    const tg_entity *israel = find(r, "Israel", 0);
    if (!israel || strcmp(israel->type, "PLACE")) {
        dump(r);
        fail_msg("\"Israel\" after \"Israel Corp\" should stay the country");
    }
    tg_result_free(r);
    assert_same(full, "en", one, "Amdahl Corp", "ORG", "Amdahl", 0, "coref");
    /* A name ending in a word any company may have is its first word too, over a
     * small town of that name (Magna, Utah) but not over a longer name that stands
     * there ("Dome Mines" after "Dome Petroleum"); not after an adjective of names
     * ("General Motors" is not "General"). */
    const char *magna = "Magna International Inc bought a rival. Magna shares rose. "
                        "Dome Petroleum Ltd and Dome Mines Ltd merged. Dome Mines said "
                        "Dome would pay. General Motors Corp cut jobs. The Attorney General "
                        "said the deal was legal.";
    assert_same(full, "en", magna, "Magna International Inc", "ORG", "Magna", 0, "coref");
    assert_same(full, "en", magna, "Dome Petroleum Ltd", "ORG", "Dome", 0, "coref");
    assert_same(full, "en", magna, "Dome Mines Ltd", "ORG", "Dome Mines", 0, "coref");
    r = tag(full, "en", magna);
    if (find(r, "General", 0)) {
        dump(r);
        fail_msg("\"General\" alone is no company after \"General Motors Corp\"");
    }
    tg_result_free(r);
    /* Two words whose second any firm may have are the first alone too, with no form
     * ("Zorvek Industries" ... "Zorvek"); not inside a longer name that a hyphen
     * joins ("PMC-Zorvek"). */
    const char *lab = "Zorvek Industries sued. Zorvek also charged that PMC-Zorvek erred.";
    assert_same(full, "en", lab, "Zorvek Industries", "ORG", "Zorvek", 0, "coref");
    assert_untagged(full, "en", lab, "Zorvek", 1);
    /* A form with its full stop ("Inc.", "Corp."), before a full stop of the sentence
     * too. */
    const char *stop = "KeyCorp Inc. and NationsBank Corp. bid. NationsBank rose and "
                       "KeyCorp fell.";
    assert_same(full, "en", stop, "KeyCorp Inc.", "ORG", "KeyCorp", 0, "coref");
    assert_same(full, "en", stop, "NationsBank Corp.", "ORG", "NationsBank", 0, "coref");
    /* A form written as initials with full stops: "S.A.", "N.V.", "S.p.A.". */
    const char *dots = "Zorvana S.A. and Kelbrio N.V. bid. Zorvana rose and Kelbrio fell. "
                       "Trevalli S.p.A. said Trevalli would pay.";
    assert_same(full, "en", dots, "Zorvana S.A.", "ORG", "Zorvana", 0, "coref");
    assert_same(full, "en", dots, "Kelbrio N.V.", "ORG", "Kelbrio", 0, "coref");
    assert_same(full, "en", dots, "Trevalli S.p.A.", "ORG", "Trevalli", 0, "coref");
    /* "and Co.", "& Co.": the key is the name before the joint */
    const char *and = "Brakstone and Co. cut its forecast. Brakstone shares fell. "
                      "Brakstone and Cohen is a law firm.";
    assert_same(full, "en", and, "Brakstone and Co.", "ORG", "Brakstone", 0, "coref");
    assert_untagged(full, "en", and, "Brakstone and", 0);
    /* No legal form, no key: the city stays. */
    r = tag(full, "en", "Boston Scientific said on Monday. Boston had snow.");
    const tg_entity *boston = find(r, "Boston", 0);
    assert_non_null(boston);
    assert_string_equal(boston->type, "PLACE");
    tg_result_free(r);
}

static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* The scan for later mentions over the list of the tokens with a capital (the rules
 * scan's) finds what the scan over every token finds, as the list holds every
 * capitalised word (token.h). Random texts of names, surnames in cases and cases of
 * letters, acronyms in brackets and other tokens, in which random spans are resolved
 * as people, towns and organisations. */
static void capitalised_tokens_find_what_every_token_finds(void **state)
{
    (void)state;
    static const char *const WORDS[] = {
        "Dmitry", "Bakanov", "bakanov", "BAKANOV", "Bakanova", "Clinton", "Poltavka", "Володимира",
        "Зеленського", "Зеленський", "Бакановим", "Баканов", "Russian", "Direct", "Investment",
        "Fund", "RDIF", "РФПІ", "(", ")", ",", ".", "the", "said", "5G", "O'Brien", "Éric", "\n"};
    const size_t nwords = sizeof WORDS / sizeof *WORDS;
    const tg_model *m = rules_only;
    uint32_t defs[2] = {TG_NONE, TG_NONE}, org_rule = TG_NONE; /* a person, a town */
    for (uint32_t d = 0; d < m->entities.n; d++) {
        const char *type = tg_model_str(m, m->entities.v[d].type);
        if (!strcmp(type, "PERSON") && defs[0] == TG_NONE)
            defs[0] = d;
        if (!strcmp(type, "PLACE") && defs[1] == TG_NONE)
            defs[1] = d;
    }
    for (uint32_t k = 0; k < m->rules.v.n && org_rule == TG_NONE; k++)
        if (!strcmp(tg_model_str(m, m->rules.v.v[k].type), "ORG"))
            org_rule = k;
    assert_true(defs[0] != TG_NONE && defs[1] != TG_NONE && org_rule != TG_NONE);
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    tg_candidate_vec won = {0}, every = {0}, listed = {0};
    VEC(uint32_t) upper = {0};
    tg_coref_scratch kept = {{0}, {0}};
    char text[1024];
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    size_t added = 0;
    for (int round = 0; round < 3000; round++) {
        size_t len = 0, n = 2 + next_random(&x) % 40;
        for (size_t i = 0; i < n; i++)
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", i ? " " : "",
                                    WORDS[next_random(&x) % nwords]);
        assert_int_equal(tg_tokenize(&m->fold, text, len, &toks, &norm), 0);
        won.n = upper.n = 0;
        for (size_t t = 0; t < toks.n;) {
            size_t span = 1 + next_random(&x) % 3;
            if (next_random(&x) % 3 || t + span > toks.n) {
                t++;
                continue;
            }
            unsigned kind = (unsigned)(next_random(&x) % 4);
            tg_candidate c = {toks.v[t].byte_start, toks.v[t + span - 1].byte_end, 50,
                              kind < 2 ? defs[kind] : TG_NONE, kind == 2 ? org_rule : TG_NONE,
                              TG_NONE, 0, TG_NONE};
            if (kind == 3) /* a person a rule found, its surname alone or in full */
                c.def = defs[0], c.rule = org_rule;
            assert_int_equal(vec_push(won, c), 0);
            t += span;
        }
        for (size_t t = 0; t < toks.n; t++)
            if (toks.v[t].flags & TK_HAS_UPPER)
                assert_int_equal(vec_push(upper, (uint32_t)t), 0);
        every.n = listed.n = 0;
        for (size_t i = 0; i < won.n; i++) {
            assert_int_equal(vec_push(every, won.v[i]), 0);
            assert_int_equal(vec_push(listed, won.v[i]), 0);
        }
        /* Fresh arrays for the one, arrays kept from the rounds before for the other:
         * what a call leaves in its scratch changes nothing of the next. */
        assert_int_equal(tg_coref(m, toks.v, toks.n, norm.v, NULL, 0, &every, NULL), 0);
        assert_int_equal(
            tg_coref(m, toks.v, toks.n, norm.v, upper.v, upper.n, &listed, &kept), 0);
        if (every.n != listed.n ||
            (every.n && memcmp(every.v, listed.v, every.n * sizeof *every.v)))
            fail_msg("'%s': %zu mentions over every token, %zu over the capitalised", text,
                     every.n, listed.n);
        added += every.n - won.n;
    }
    assert_true(added > 500);
    vec_free(toks);
    vec_free(norm);
    vec_free(won);
    vec_free(every);
    vec_free(listed);
    vec_free(upper);
    tg_coref_scratch_free(&kept);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(surname_refers_back),
        cmocka_unit_test(surnames_of_one_slot_refer_back),
        cmocka_unit_test(inflected_surname_refers_back),
        cmocka_unit_test(surname_takes_over_a_town), cmocka_unit_test(acronym_defined_in_parentheses),
        cmocka_unit_test(acronym_implied_by_the_name),
        cmocka_unit_test(one_word_organisation_refers_back),
        cmocka_unit_test(dateline_town_refers_back),
        cmocka_unit_test(unrelated_words_do_not_refer_back),
        cmocka_unit_test(title_of_a_regnal_name_does_not_refer_back),
        cmocka_unit_test(listed_persons_title_is_left_out),
        cmocka_unit_test(rule_name_takes_listed_identity),
        cmocka_unit_test(company_without_its_legal_form),
        cmocka_unit_test(surname_after_a_namesake),
        cmocka_unit_test(given_name_after_the_name_in_full),
        cmocka_unit_test(given_name_of_a_rule_found_person),
        cmocka_unit_test(given_name_leaves_a_country_and_a_place_after_in),
        cmocka_unit_test(surname_takes_over_a_country),
        cmocka_unit_test(surname_before_the_name_in_full),
        cmocka_unit_test(rule_found_word_takes_the_name),
        cmocka_unit_test(id_of_a_name_glued_to_a_date),
        cmocka_unit_test(family_name_first_refers_back),
        cmocka_unit_test(capitalised_tokens_find_what_every_token_finds),
        cmocka_unit_test(quoted_word_of_an_organisation_refers_back),
        cmocka_unit_test(quoted_words_of_an_organisation_refer_back),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
