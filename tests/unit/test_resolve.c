/*
 * test_resolve.c - overlap resolution against the plain statement of its rule.
 *
 * src/resolve.c sorts with a merge sort of its own and skips merges of halves that
 * are already in order; here the rule of resolve.h is written out the obvious way
 * (qsort, then every candidate against every winner) and both are run on random
 * candidate sets over the bundled model's entities and rules: the winners, their
 * priorities and identities must be the same, in the same order.
 */
#include "harness.h"

#include "model.h"
#include "resolve.h"
#include "teams.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_SOURCE_DIR)

static int ref_by_start(const void *pa, const void *pb)
{
    const tg_candidate *a = pa, *b = pb;
    if (a->byte_start != b->byte_start)
        return a->byte_start < b->byte_start ? -1 : 1;
    return a->byte_end > b->byte_end ? -1 : a->byte_end < b->byte_end;
}

/* A gazetteer match: not a rule's, nor a team that a line's layout found. */
static int is_listed(const tg_candidate *c)
{
    return c->rule == TG_NONE && c->def != TG_NONE;
}

static int ref_by_precedence(const void *pa, const void *pb)
{
    const tg_candidate *a = pa, *b = pb;
    if (a->priority != b->priority)
        return a->priority > b->priority ? -1 : 1;
    uint32_t la = a->byte_end - a->byte_start, lb = b->byte_end - b->byte_start;
    if (la != lb)
        return la > lb ? -1 : 1;
    if (a->byte_start != b->byte_start)
        return a->byte_start < b->byte_start ? -1 : 1;
    if (is_listed(a) != is_listed(b))
        return is_listed(a) ? -1 : 1;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    /* Ties left are identical for the rule; order them by identity so that the
     * reference does not depend on which sort is stable. */
    return a->def < b->def ? -1 : a->def > b->def;
}

static int is_type(const tg_candidate *c, const char *type)
{
    return !strcmp(tg_candidate_type(model, c), type);
}

static const char *subtype_of(const tg_candidate *g)
{
    return tg_model_str(model, model->entities.v[g->def].subtype);
}

static int is_town(const tg_candidate *g)
{
    const tg_entity_def *d = &model->entities.v[g->def];
    return !strcmp(tg_model_str(model, d->type), "PLACE") &&
           !strcmp(tg_model_str(model, d->subtype), "city");
}

/* Does a rule of type PLACE match exactly g's span? */
static int place_rule_on(const tg_candidate *v, size_t n, const tg_candidate *g)
{
    for (size_t j = 0; j < n; j++)
        if (v[j].rule != TG_NONE && v[j].byte_start == g->byte_start &&
            v[j].byte_end == g->byte_end &&
            !strcmp(tg_model_str(model, model->rules.v.v[v[j].rule].type), "PLACE"))
            return 1;
    return 0;
}

/* Is the person's name r a listed place at its start and a country or a city of a
 * million (0.85) after it at its end ("Paris France")? Then nothing lifts it. Without
 * tokens (here) every two matches count as side by side. */
static int two_places(const tg_candidate *v, size_t n, const tg_candidate *r)
{
    int first = 0, last = 0;
    for (size_t j = 0; j < n; j++) {
        const tg_candidate *g = &v[j];
        if (!is_listed(g) || !is_type(g, "PLACE") || g->byte_start < r->byte_start ||
            g->byte_end > r->byte_end ||
            g->byte_end - g->byte_start >= r->byte_end - r->byte_start)
            continue;
        first |= g->byte_start == r->byte_start;
        last |= g->byte_start > r->byte_start && g->byte_end == r->byte_end &&
                (!strcmp(subtype_of(g), "country") ||
                 model->entities.v[g->def].max_weight >= 0.85f);
    }
    return first && last;
}

/* resolve.h, steps 1 to 3, the slow way. Returns the number of winners. */
static size_t reference(tg_candidate *v, size_t n, tg_candidate *out)
{
    for (size_t i = 0; i < n; i++) {
        tg_candidate *r = &v[i];
        if (is_listed(r))
            continue;
        int person = r->rule != TG_NONE && is_type(r, "PERSON");
        unsigned langs = person ? model->rules.v.v[r->rule].langs : 0;
        int cyrillic = langs && !(langs & (TG_LANG_EN | TG_LANG_OTHER));
        uint32_t person_start = 0; /* of the listed person taken so far: the innermost wins */
        /* The town's rule asks the rule's own priority, whatever a name inside it lifts
         * it to (resolve.c meets the town first, the names inside after it). */
        int own = r->priority;
        /* A Ukrainian or Russian person's two words are no list of places ("Лариса
         * Соколова"): resolve.c asks it of the others only. */
        if (person && !cyrillic && two_places(v, n, r))
            continue;
        for (size_t j = 0; j < n; j++) {
            const tg_candidate *g = &v[j];
            /* a person's cue beats a town's name, not a capital's or a big city's,
             * nor one that a place's rule finds there too; a rule below priority 40
             * reads no cue */
            if (person && is_listed(g) && g->byte_start == r->byte_start &&
                g->byte_end == r->byte_end && is_town(g) && own >= 40 && own <= g->priority &&
                model->entities.v[g->def].max_weight < 0.85f && !place_rule_on(v, n, g))
                r->priority = g->priority + 1;
            if (!is_listed(g) || g->byte_start < r->byte_start ||
                g->byte_end > r->byte_end ||
                g->byte_end - g->byte_start >= r->byte_end - r->byte_start)
                continue;
            if (cyrillic && is_type(g, "PLACE") && !strcmp(subtype_of(g), "country"))
                continue; /* "Власти Пакистана" */
            if (cyrillic && is_type(g, "ORG") && g->byte_start == r->byte_start)
                continue; /* "представители Госдумы России" */
            if (r->priority < g->priority)
                r->priority = g->priority;
            /* the strongest country or nationality inside a name: its topics; not an
             * amount's currency */
            if (!person && !(r->rule != TG_NONE && is_type(r, "MONEY")) &&
                (is_type(g, "NORP") ||
                            (is_type(g, "PLACE") && !strcmp(subtype_of(g), "country")))) {
                float w = model->entities.v[g->def].max_weight;
                uint32_t t = r->topic_def;
                if (t == TG_NONE || w > model->entities.v[t].max_weight ||
                    (w == model->entities.v[t].max_weight && g->def < t))
                    r->topic_def = g->def;
            }
            if (person && g->byte_end == r->byte_end && is_type(g, "PERSON") &&
                g->byte_start >= person_start) {
                r->def = g->def;
                person_start = g->byte_start;
            }
        }
    }
    qsort(v, n, sizeof *v, ref_by_precedence);
    size_t won = 0;
    for (size_t i = 0; i < n; i++) {
        int overlaps = 0;
        for (size_t w = 0; w < won && !overlaps; w++)
            overlaps = v[i].byte_start < out[w].byte_end && out[w].byte_start < v[i].byte_end;
        if (!overlaps)
            out[won++] = v[i];
    }
    qsort(out, won, sizeof *out, ref_by_start);
    return won;
}

static void same_winners_as_the_plain_rule(void **state)
{
    (void)state;
    assert_true(model->entities.n > 0 && model->rules.v.n > 0);
    uint32_t x = 2024;
#define RND(n) ((x = x * 1103515245u + 12345u), (x >> 8) % (n))
    tg_candidate_vec cands = {0}, work = {0};
    tg_candidate *copy = malloc(600 * sizeof *copy), *want = malloc(600 * sizeof *want);
    assert_non_null(copy);
    assert_non_null(want);
    /* The entities the policies single out, a quarter of the gazetteer matches:
     * countries (a Cyrillic person's name around one is not lifted) and towns of
     * every weight (a person's cue takes the small ones' spans). */
    uint32_t *places = malloc(model->entities.n * sizeof *places), nplaces = 0;
    assert_non_null(places);
    for (uint32_t d = 0; d < model->entities.n; d++) {
        tg_candidate g = {0, 1, 0, d, TG_NONE, TG_NONE, 0, TG_NONE};
        if (is_type(&g, "PLACE") && (!strcmp(subtype_of(&g), "country") || is_town(&g)) &&
            (nplaces < 200 || model->entities.v[d].max_weight >= 0.8f))
            places[nplaces++] = d;
    }
    assert_true(nplaces > 300);
    size_t rounds = 0, contested = 0;
    for (int round = 0; round < 3000; round++) {
        size_t n = round % 50 == 0 ? 300 + RND(300) : RND(40);
        /* Dense enough to overlap often; every other round crowded, with few
         * lengths, so that equal spans and every tie-break of precedence occur. */
        int crowded = round % 2;
        uint32_t span = (uint32_t)(crowded ? n + 5 : n * 6 + 10);
        /* Now and then spans past 16 MB, or a priority below 0: outside what the
         * precedence keys hold (resolve.c), so that their way round is taken too. */
        uint32_t base = round % 10 == 3 ? (UINT32_C(1) << 24) - span / 2 : 0;
        int low_priority = round % 10 == 7;
        cands.n = 0;
        for (size_t i = 0; i < n; i++) {
            tg_candidate c;
            c.byte_start = base + (uint32_t)RND(span);
            c.byte_end = c.byte_start + 1 + (uint32_t)RND(crowded ? 3 : 24);
            int rule = RND(3) == 0, layout = !rule && RND(8) == 0;
            c.rule = rule ? (uint32_t)RND(model->rules.v.n) : TG_NONE;
            /* A rule match has no entity before step 3; nor has a team that a
             * line's layout found (teams.h). */
            c.def = rule || layout ? TG_NONE
                    : RND(4) == 0  ? places[RND(nplaces)] /* countries, big cities */
                                   : (uint32_t)RND(model->entities.n);
            c.priority = rule     ? 55 + 5 * (int)RND(3) /* ties */
                         : layout ? TG_TEAMS_LINE_PRIORITY
                                  : TG_GAZETTEER_PRIORITY;
            if (low_priority && RND(8) == 0)
                c.priority = -1 - (int)RND(2);
            c.same_as = TG_NONE;
            c.team = (uint32_t)layout;
            c.topic_def = TG_NONE;
            c.token = TG_NONE;
            c.in_list = 0; /* name_list.h adds its names after resolution */
            /* One gazetteer match per span, as the matcher reports them; rules may
             * match the same span, once each. */
            int dup = 0;
            for (size_t j = 0; j < cands.n && !dup; j++)
                dup = cands.v[j].byte_start == c.byte_start &&
                      cands.v[j].byte_end == c.byte_end && cands.v[j].rule == c.rule;
            if (!dup)
                assert_int_equal(vec_push(cands, c), 0);
        }
        /* Every third round as tag.c gives them: the gazetteer's matches first, in
         * start order, then the rest (resolve.c keeps that first run in place). */
        if (round % 3 == 1 && cands.n) {
            size_t ng = 0;
            for (size_t i = 0; i < cands.n; i++)
                if (is_listed(&cands.v[i]))
                    copy[ng++] = cands.v[i];
            qsort(copy, ng, sizeof *copy, ref_by_start);
            for (size_t i = 0, k = ng; i < cands.n; i++)
                if (!is_listed(&cands.v[i]))
                    copy[k++] = cands.v[i];
            memcpy(cands.v, copy, cands.n * sizeof *copy);
        }
        size_t given = cands.n;
        memcpy(copy, cands.v, cands.n * sizeof *copy);
        size_t nwant = reference(copy, cands.n, want);
        assert_int_equal(tg_resolve(model, NULL, 0, NULL, &cands, &work), 0);
        assert_int_equal(cands.n, nwant);
        for (size_t i = 0; i < nwant; i++) {
            assert_int_equal(cands.v[i].byte_start, want[i].byte_start);
            assert_int_equal(cands.v[i].byte_end, want[i].byte_end);
            assert_int_equal(cands.v[i].priority, want[i].priority);
            assert_int_equal(cands.v[i].def, want[i].def);
            assert_int_equal(cands.v[i].rule, want[i].rule);
            assert_int_equal(cands.v[i].topic_def, want[i].topic_def);
        }
        rounds++;
        contested += nwant < given;
    }
    assert_int_equal(rounds, 3000);
    assert_true(contested > 1000); /* the sets did overlap: winners were chosen */
    vec_free(cands);
    vec_free(work);
    free(copy);
    free(want);
    free(places);
}

/* The entity or rule of the model with that id or name (the test fails without). */
static uint32_t def_named(const char *id)
{
    for (uint32_t d = 0; d < model->entities.n; d++)
        if (!strcmp(tg_model_str(model, model->entities.v[d].id), id))
            return d;
    fail_msg("no entity %s", id);
    return TG_NONE;
}

static uint32_t rule_named(const char *name)
{
    for (uint32_t k = 0; k < model->rules.v.n; k++)
        if (!strcmp(tg_model_str(model, model->rules.v.v[k].name), name))
            return k;
    fail_msg("no rule %s", name);
    return TG_NONE;
}

/* The one winner of a rule match r and a listed match g (no tokens): its rule (the
 * rule won) or TG_NONE (the listed match did), and its topic_def. */
static uint32_t winner_of(tg_candidate r, tg_candidate g, uint32_t *topic_def)
{
    tg_candidate_vec cands = {0}, work = {0};
    assert_int_equal(vec_push(cands, r), 0);
    assert_int_equal(vec_push(cands, g), 0);
    assert_int_equal(tg_resolve(model, NULL, 0, NULL, &cands, &work), 0);
    assert_int_equal(cands.n, 1);
    uint32_t won = cands.v[0].rule;
    *topic_def = cands.v[0].topic_def;
    vec_free(cands);
    vec_free(work);
    return won;
}

/* The winner of a rule match over [0, 20) with priority 45 around a listed match
 * of def over [8, 20) (winner_of). */
static uint32_t winner_around(uint32_t rule, uint32_t def, uint32_t *topic_def)
{
    tg_candidate r = {0, 20, 45, TG_NONE, rule, TG_NONE, 0, TG_NONE};
    tg_candidate g = {8, 20, TG_GAZETTEER_PRIORITY, def, TG_NONE, TG_NONE, 0, TG_NONE};
    return winner_of(r, g, topic_def);
}

/* A Ukrainian or Russian person's name around a country is not lifted ("Власти
 * Пакистана"), an English one is (Neil Jordan); a name of another type around a
 * country carries its topics ("Bank of Pakistan"), around a town not. */
static void countries_inside_names(void **state)
{
    (void)state;
    uint32_t pk = def_named("country:PK"), kyiv = def_named("city:703448"), topic;
    uint32_t cyr = rule_named("person_cyrillic_given_name");
    uint32_t en = rule_named("person_en_given_name"), org = rule_named("org_en_head");
    assert_int_equal(winner_around(cyr, pk, &topic), TG_NONE);
    assert_int_equal(winner_around(en, pk, &topic), en);
    assert_int_equal(topic, TG_NONE);
    assert_int_equal(winner_around(org, pk, &topic), org);
    assert_int_equal(topic, pk);
    assert_int_equal(winner_around(org, kyiv, &topic), org);
    assert_int_equal(topic, TG_NONE);
}

/* A Ukrainian or Russian person's name that starts with a listed organisation is that
 * body after a cue ("представители Госдумы России"): not lifted, it loses to the
 * organisation. One that ends with it is (the rule read past the body); so is an
 * English one. */
static void organisation_at_a_names_start(void **state)
{
    (void)state;
    uint32_t duma = def_named("org:state-duma"), topic;
    uint32_t cyr = rule_named("person_ru_title"), en = rule_named("person_en_given_name");
    tg_candidate r = {0, 20, 45, TG_NONE, cyr, TG_NONE, 0, TG_NONE};
    tg_candidate g = {0, 8, TG_GAZETTEER_PRIORITY, duma, TG_NONE, TG_NONE, 0, TG_NONE};
    assert_int_equal(winner_of(r, g, &topic), TG_NONE);
    assert_int_equal(winner_around(cyr, duma, &topic), cyr);
    r.rule = en;
    assert_int_equal(winner_of(r, g, &topic), en);
}


/* An empty candidate, which no scan makes, still goes by the rule as first written:
 * in order of precedence, each one wins unless a winner so far ends after its start
 * and starts before its end; each new winner is put before the first winner that ends
 * after its start. Here [1, 10) wins, then the empty [1, 1) (it starts where [1, 10)
 * does, so does not overlap it) is put before it, and [5, 7) loses to [1, 10). */
static void empty_candidate_keeps_the_rule(void **state)
{
    (void)state;
    uint32_t org = rule_named("org_en_head");
    tg_candidate_vec cands = {0}, work = {0};
    tg_candidate a = {1, 10, 70, TG_NONE, org, TG_NONE, 0, TG_NONE};
    tg_candidate b = {1, 1, 65, TG_NONE, org, TG_NONE, 0, TG_NONE};
    tg_candidate c = {5, 7, 60, TG_NONE, org, TG_NONE, 0, TG_NONE};
    assert_int_equal(vec_push(cands, c), 0);
    assert_int_equal(vec_push(cands, b), 0);
    assert_int_equal(vec_push(cands, a), 0);
    assert_int_equal(tg_resolve(model, NULL, 0, NULL, &cands, &work), 0);
    assert_int_equal(cands.n, 2);
    assert_int_equal(cands.v[0].byte_end, 1);
    assert_int_equal(cands.v[1].byte_end, 10);
    vec_free(cands);
    vec_free(work);
}

/* A listed match of entity id over the first occurrence of word in text. */
static tg_candidate listed_at(const char *text, const char *word, const char *id)
{
    uint32_t at = (uint32_t)(strstr(text, word) - text);
    tg_candidate g = {at, at + (uint32_t)strlen(word), TG_GAZETTEER_PRIORITY, def_named(id),
                      TG_NONE, TG_NONE, 0, TG_NONE};
    return g;
}

/* tg_resolve on text's tokens, a match of rule over the whole of text (priority 45)
 * and the listed matches given: the winners, in *won (the caller frees it). */
static void resolve_text(const char *text, const char *rule, const tg_candidate *listed,
                         size_t nlisted, tg_candidate_vec *won)
{
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    tg_candidate_vec work = {0};
    uint32_t len = (uint32_t)strlen(text);
    assert_int_equal(tg_tokenize(&model->fold, text, len, &toks, &norm), 0);
    tg_candidate r = {0, len, 45, TG_NONE, rule_named(rule), TG_NONE, 0, TG_NONE};
    won->n = 0;
    assert_int_equal(vec_push(*won, r), 0);
    for (size_t i = 0; i < nlisted; i++)
        assert_int_equal(vec_push(*won, listed[i]), 0);
    assert_int_equal(tg_resolve(model, toks.v, toks.n, norm.v, won, &work), 0);
    vec_free(toks);
    vec_free(norm);
    vec_free(work);
}

/* The identity that the rule's name over the whole of text takes from the listed
 * match of entity id over `word` inside it (the whole name must win). */
static uint32_t identity_of(const char *text, const char *rule, const char *id,
                            const char *word)
{
    tg_candidate g = listed_at(text, word, id);
    tg_candidate_vec won = {0};
    resolve_text(text, rule, &g, 1, &won);
    assert_int_equal(won.n, 1);
    assert_int_equal(won.v[0].rule, rule_named(rule));
    uint32_t def = won.v[0].def;
    vec_free(won);
    return def;
}

/* Does a person's name found by a rule over the whole of text win over the listed
 * places first_id (its first word) and last_id (the word `last`, at its end)? */
static int name_wins_over_places(const char *text, const char *first_id, const char *last,
                                 const char *last_id)
{
    char first[64];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(text, " "), text);
    tg_candidate places[2] = {listed_at(text, first, first_id), listed_at(text, last, last_id)};
    tg_candidate_vec won = {0};
    resolve_text(text, "person_en_given_name", places, 2, &won);
    int name = won.n == 1 && won.v[0].rule == rule_named("person_en_given_name");
    assert_true(name || won.n == 2); /* else both places */
    vec_free(won);
    return name;
}

/* A listed company and its legal form are that company; with another word after it,
 * another company ("Gazprom Transgaz"). */
static void legal_form_keeps_the_company(void **state)
{
    (void)state;
    uint32_t chrysler = def_named("org:chrysler");
    assert_int_equal(identity_of("Chrysler Corp", "org_en_head", "org:chrysler", "Chrysler"), chrysler);
    assert_int_equal(identity_of("Chrysler, Inc.", "org_en_head", "org:chrysler", "Chrysler"), chrysler);
    assert_int_equal(identity_of("Gazprom Transgaz", "org_en_head", "org:gazprom", "Gazprom"), TG_NONE);
    assert_int_equal(identity_of("Chrysler Corp Ltd Group", "org_en_head", "org:chrysler", "Chrysler"),
                     TG_NONE);
    /* a form written as initials with full stops, or with a slash */
    uint32_t heineken = def_named("org:heineken");
    assert_int_equal(identity_of("Heineken N.V.", "org_en_head", "org:heineken", "Heineken"), heineken);
    assert_int_equal(identity_of("Heineken N.V", "org_en_head", "org:heineken", "Heineken"), heineken);
    assert_int_equal(identity_of("Heineken S.p.A.", "org_en_head", "org:heineken", "Heineken"),
                     heineken);
    assert_int_equal(identity_of("Heineken A/S", "org_en_head", "org:heineken", "Heineken"), heineken);
    assert_int_equal(identity_of("Heineken KGaA", "org_en_head", "org:heineken", "Heineken"), heineken);
    assert_int_equal(identity_of("Heineken N. V.", "org_en_head", "org:heineken", "Heineken"), TG_NONE);
    assert_int_equal(identity_of("Heineken U.S.", "org_en_head", "org:heineken", "Heineken"), TG_NONE);
    /* "& Co.", "and Co." */
    uint32_t merrill = def_named("org:merrill-lynch");
    assert_int_equal(identity_of("Merrill Lynch and Co.", "org_en_head", "org:merrill-lynch",
                                 "Merrill Lynch"), merrill);
    assert_int_equal(identity_of("Merrill Lynch & Co.", "org_en_head", "org:merrill-lynch",
                                 "Merrill Lynch"), merrill);
    assert_int_equal(identity_of("Merrill Lynch and Cohen Co.", "org_en_head",
                                 "org:merrill-lynch", "Merrill Lynch"), TG_NONE);
}


/* Two listed places side by side, the second a country or a city of a million, are a
 * list ("Paris France"), not a name; a town or a country further on may be a surname
 * (Henderson, Nevada; "David M. Holland"). */
static void two_places_are_no_name(void **state)
{
    (void)state;
    assert_false(name_wins_over_places("Paris France", "city:2988507", "France", "country:FR"));
    assert_false(name_wins_over_places("Georgia Moscow", "country:GE", "Moscow", "city:524901"));
    assert_true(name_wins_over_places("Jordan Henderson", "country:JO", "Henderson",
                                      "city:5505411"));
    assert_true(name_wins_over_places("David M. Holland", "city:3711668", "Holland",
                                      "country:NL"));
}


/* A name around a listed person's surname is that person only when its first word is
 * one of the person's given names (an inflected form, an initial, a spelling one letter
 * apart): the son, wife or namesake is someone else. */
static void given_names_decide_identity(void **state)
{
    (void)state;
    const char *en = "person_en_given_name", *cyr = "person_cyrillic_given_name";
    uint32_t biden = def_named("person:joe-biden");
    assert_int_equal(identity_of("Joe Biden", en, "person:joe-biden", "Biden"), biden);
    assert_int_equal(identity_of("J. Biden", en, "person:joe-biden", "Biden"), biden);
    assert_int_equal(identity_of("Hunter Biden", en, "person:joe-biden", "Biden"), TG_NONE);
    assert_int_equal(identity_of("Joel Biden", en, "person:joe-biden", "Biden"), TG_NONE);
    assert_int_equal(identity_of("Джо Байдена", cyr, "person:joe-biden", "Байдена"), biden);
    assert_int_equal(identity_of("Хантера Байдена", cyr, "person:joe-biden", "Байдена"),
                     TG_NONE);
    assert_int_equal(identity_of("Володимира Зеленського", cyr, "person:volodymyr-zelensky",
                                 "Зеленського"),
                     def_named("person:volodymyr-zelensky"));
    assert_int_equal(identity_of("Дональт Туск", cyr, "person:donald-tusk", "Туск"),
                     def_named("person:donald-tusk"));
    assert_int_equal(identity_of("Mikhael Gorbachev", en, "person:mikhail-gorbachev",
                                 "Gorbachev"),
                     def_named("person:mikhail-gorbachev"));
    assert_int_equal(identity_of("Віктор Герасимов", cyr, "person:valery-gerasimov",
                                 "Герасимов"),
                     TG_NONE);
}

/* The winners when rule `outer` matches the whole of text (priority 45) and rule
 * `inner` the word `word` in it, at its own priority. */
static tg_candidate_vec rule_inside_rule(const char *text, const char *outer, const char *inner,
                                         const char *word, int inner_priority)
{
    uint32_t at = (uint32_t)(strstr(text, word) - text);
    tg_candidate g = {at, at + (uint32_t)strlen(word), inner_priority, TG_NONE,
                      rule_named(inner), TG_NONE, 0, TG_NONE};
    tg_candidate_vec won = {0};
    resolve_text(text, outer, &g, 1, &won);
    return won;
}

/* An organisation's name that a rule reads around another rule's one-word name of an
 * organisation wins with that one's priority ("Управління Держпраці" around the
 * compound "Держпраці", which outranks title cues); around a longer one it does not. */
static void org_rule_around_a_one_word_org(void **state)
{
    (void)state;
    tg_candidate_vec won = rule_inside_rule("Управління Держпраці", "org_uk_head",
                                            "org_cyrillic_compound", "Держпраці", 46);
    assert_int_equal(won.n, 1);
    assert_int_equal(won.v[0].rule, rule_named("org_uk_head"));
    vec_free(won);
    won = rule_inside_rule("Київської міської ради розглянути питання", "org_uk_head",
                           "org_cyrillic_local_body", "Київської міської ради", 62);
    assert_int_equal(won.n, 1);
    assert_int_equal(won.v[0].rule, rule_named("org_cyrillic_local_body"));
    vec_free(won);
}

/* The winner's rule (TG_NONE: the listed town) when a PERSON rule of that priority
 * and the town Jerusalem have the same span. */
static uint32_t person_or_town(const char *rule, int priority)
{
    const char *text = "Иерусалим";
    tg_candidate r = {0, (uint32_t)strlen(text), priority, TG_NONE, rule_named(rule), TG_NONE,
                      0, TG_NONE};
    uint32_t topic;
    return winner_of(r, listed_at(text, text, "city:281184"), &topic);
}

/* A person's cue beats a town of its span; a verb of speech is none, as places speak
 * too ("считает Иерусалим"): below TG_PERSON_CUE_PRIORITY the town stays. */
static void speech_is_no_person_cue(void **state)
{
    (void)state;
    assert_int_equal(person_or_town("person_cyrillic_said", 39), TG_NONE);
    assert_int_equal(person_or_town("person_ru_title", 45), rule_named("person_ru_title"));
}

/* tg_candidate_token is tg_token_at_from whatever the hint: right, wrong, the 0 of a
 * maker that does not set it, or TG_NONE; at every byte, token starts and bytes inside
 * or between tokens alike, and from every token at or before the answer. */
static void candidate_token_hint_is_checked(void **state)
{
    (void)state;
    const char *text = "Mr. Joe  Biden met \"Kyiv\" folk.";
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    uint32_t len = (uint32_t)strlen(text);
    assert_int_equal(tg_tokenize(&model->fold, text, len, &toks, &norm), 0);
    assert_true(toks.n > 5);
    for (uint32_t byte = 0; byte <= len; byte++) {
        size_t want = tg_token_at(toks.v, toks.n, byte);
        for (uint32_t hint = 0; hint <= toks.n + 2; hint++) {
            tg_candidate c = {byte, len, 45, TG_NONE, TG_NONE, TG_NONE, 0, TG_NONE,
                              hint > toks.n + 1 ? TG_NONE : hint};
            for (size_t from = 0; from <= want; from++)
                assert_int_equal(tg_candidate_token(&c, toks.v, toks.n, from), want);
        }
    }
    vec_free(toks);
    vec_free(norm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_winners_as_the_plain_rule),
        cmocka_unit_test(countries_inside_names),
        cmocka_unit_test(organisation_at_a_names_start),
        cmocka_unit_test(empty_candidate_keeps_the_rule),
        cmocka_unit_test(given_names_decide_identity),
        cmocka_unit_test(two_places_are_no_name),
        cmocka_unit_test(legal_form_keeps_the_company),
        cmocka_unit_test(org_rule_around_a_one_word_org),
        cmocka_unit_test(speech_is_no_person_cue),
        cmocka_unit_test(candidate_token_hint_is_checked),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
