/*
 * tag.c - tagging one document: the flow of DESIGN.md, start to end.
 *
 *   validate -> tokenize (fold) -> gazetteer scan -> rule scan -> resolve
 *            -> mentions (org short forms, coref) -> zones -> entities -> score
 *
 * A separate title is tagged as its own segment (field "title", zone title) with
 * offsets into the title; the text's entities have offsets into the text.
 */
#include "tagger.h"

#include "branch_name.h"
#include "coref.h"
#include "hyphen_name.h"
#include "id_forms.h"
#include "name_adjective.h"
#include "name_after_town.h"
#include "name_list.h"
#include "org_short.h"
#include "person_title.h"
#include "place_sense.h"
#include "quoted_name.h"
#include "region_list.h"
#include "regnal.h"
#include "error.h"
#include "html.h"
#include "lang.h"
#include "model.h"
#include "result.h"
#include "scratch.h"
#include "score.h"
#include "tag.h"
#include "teams.h"
#include "town_region.h"
#include "token_at.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char tg_field_text[] = "text";

int tg_scratch_new(tg_scratch **out, const tg_model *model, tg_error *err)
{
    if (!out || !model)
        return tg_error_set(err, TG_ERR_ARG, "tg_scratch_new: NULL argument");
    *out = NULL;
    tg_scratch *s = calloc(1, sizeof *s);
    if (!s)
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    s->model = model;
    s->match_data = tg_rules_match_data(&model->rules);
    if (!s->match_data) {
        free(s);
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    }
    *out = s;
    return TG_OK;
}

void tg_scratch_free(tg_scratch *s)
{
    if (!s)
        return;
    vec_free(s->tokens);
    vec_free(s->norm);
    vec_free(s->cand);
    vec_free(s->cand_off);
    vec_free(s->starts);
    vec_free(s->token_hash);
    vec_free(s->gaz);
    vec_free(s->gaz_shared);
    vec_free(s->sports_homes);
    vec_free(s->sports_places);
    vec_free(s->rule_matches);
    vec_free(s->cands);
    vec_free(s->won);
    vec_free(s->zones);
    vec_free(s->lines);
    pcre2_match_data_free(s->match_data);
    tg_rules_scratch_free(&s->rules);
    tg_score_scratch_free(&s->score);
    tg_coref_scratch_free(&s->coref);
    tg_member_cache_free(&s->members);
    tg_result_free(s->spare);
    free(s);
}

/* Is match g a lone frequent word (tg_inflect_is_common of its one token)? Asked
 * only for an alias of a generated entry, the one kind it can rule out, and then
 * once a match: *known is -1 until asked, then the answer. Most matches' aliases
 * are all curated, and the common words' table is a hash of the whole word. The
 * words are Ukrainian and Russian ones (docs/formats.md), so a token without a
 * Cyrillic letter is none: most English towns' names are not looked up. */
static int lone_common_word(const tg_model *m, const tg_scratch *s, const tg_gaz_match *g,
                            int *known)
{
    if (*known < 0) {
        const tg_token *t = &s->tokens.v[g->first];
        *known = g->first == g->last && (t->flags & TK_CYRILLIC) &&
                 tg_inflect_is_common(&m->gaz.inflect, s->norm.v + t->norm_off, t->norm_len);
    }
    return *known;
}

/* Does match g start right after an Arabic article joined by a hyphen ("Al-Ain",
 * "al-Sabah", "El-Arish")? Then its word is part of an Arabic name, a club's, a
 * family's or a town's, and not the generated town or region of that spelling (Ain in
 * France, Sabah in Malaysia). */
static int after_arabic_article(const tg_scratch *s, const tg_gaz_match *g)
{
    const tg_token *t = s->tokens.v + g->first;
    if (g->first < 2 || t[-1].byte_end != t->byte_start || t[-2].byte_end != t[-1].byte_start ||
        t[-1].norm_len != 1 || s->norm.v[t[-1].norm_off] != '-' || t[-2].norm_len != 2)
        return 0;
    const char *article = s->norm.v + t[-2].norm_off;
    return !memcmp(article, "al", 2) || !memcmp(article, "el", 2);
}

/* May a club's nickname (TG_ALIAS_SPORTS) of country `country` apply here: does the
 * segment read as sports and name that country's things most? The "Eagles" of a game
 * report from Philadelphia are its club, those of a story on Crystal Palace are not;
 * "Rangers" of a Glasgow derby is the Scottish club, not Texas's (find_sports_homes
 * lists the countries). */
static int sports_home(const tg_scratch *s, uint32_t country)
{
    if (!s->sports_homes_ready || country == TG_NONE)
        return 0;
    for (size_t i = 0; i < s->sports_homes.n; i++)
        if (s->sports_homes.v[i] == country)
            return 1;
    return 0;
}

/* Does name start with the words of place, full stops left out and letters in any
 * case ("St. Louis Cardinals", "St Louis")? */
static int named_after(const char *name, const char *place)
{
    for (;;) {
        while (*name == '.')
            name++;
        while (*place == '.')
            place++;
        if (!*place)
            return *name == ' ';
        if ((*name | 0x20) != (*place | 0x20) || !*name)
            return 0;
        name++, place++;
    }
}

/* Of two clubs that share a nickname (the St. Louis and the Arizona Cardinals), is
 * `club` the one whose town or region the segment names (s->sports_places)? */
static int club_of_named_place(const tg_model *m, const tg_scratch *s, uint32_t club)
{
    const char *name = tg_model_str(m, m->entities.v[club].name);
    for (size_t i = 0; i < s->sports_places.n; i++)
        if (named_after(name, tg_model_str(m, m->entities.v[s->sports_places.v[i]].name)))
            return 1;
    return 0;
}

/* Does alias a of match g apply here? A generated entry (a GeoNames town) never
 * takes a lone frequent word: "Усі" opening a menu line is "all", not a town in
 * China, nor a word joined to an Arabic article (after_arabic_article). Curated
 * entries may. lone_common: lone_common_word's *known, for g. The first alias of g's
 * chain meets its case rules (the scan reports the first that does,
 * tg_matcher_scan): only the others are asked. */
static int alias_applies(const tg_model *m, const tg_scratch *s, const char *text,
                         const tg_gaz_match *g, const tg_alias *al, int *lone_common)
{
    if ((al->flags & TG_ALIAS_SPORTS) && !sports_home(s, tg_sense_country(m, al->entity)))
        return 0;
    return (m->entities.v[al->entity].curated ||
            (!lone_common_word(m, s, g, lone_common) && !after_arabic_article(s, g))) &&
           (al == &m->gaz.aliases.v[g->alias] ||
            tg_matcher_alias_ok(&m->gaz, &m->fold, text, s->tokens.v, s->tokens.n, g->first, al));
}

/* Is alias al's entity a better pick than `best`: hand-curated before generated, then
 * the strongest topic link, then of two clubs of one nickname the one whose town the
 * text names? */
static int better_pick(const tg_model *m, const tg_scratch *s, const tg_alias *al, uint32_t best)
{
    const tg_entity_def *x = &m->entities.v[al->entity], *y = &m->entities.v[best];
    if (x->curated != y->curated)
        return x->curated > y->curated;
    if (x->max_weight != y->max_weight)
        return x->max_weight > y->max_weight;
    return (al->flags & TG_ALIAS_SPORTS) && club_of_named_place(m, s, al->entity) &&
           !club_of_named_place(m, s, best);
}

/* Among the acceptable aliases on a match's chain, the entity to report (better_pick),
 * on a tie the first on the chain (the entity loaded last). With `want` (a topic, not
 * TG_NONE), only entities linked to it are taken. With `shared` (not NULL): set when
 * an acceptable entity of another country is on the chain too (place_sense.h). */
static uint32_t pick_entity(const tg_model *m, const tg_scratch *s, const char *text,
                            const tg_gaz_match *g, uint32_t want, int *shared)
{
    uint32_t best = TG_NONE, first_country = TG_NONE;
    int lone_common = -1;
    if (shared)
        *shared = 0;
    for (uint32_t a = g->alias; a != TG_NONE; a = m->gaz.aliases.v[a].next) {
        const tg_alias *al = &m->gaz.aliases.v[a];
        if (!alias_applies(m, s, text, g, al, &lone_common))
            continue;
        if (want != TG_NONE && !tg_links_to(m, al->entity, want))
            continue;
        if (best == TG_NONE) {
            best = al->entity;
            if (shared && m->gaz.aliases.v[a].next != TG_NONE)
                first_country = tg_sense_country(m, best);
            continue;
        }
        if (shared && !*shared && tg_sense_country(m, al->entity) != first_country)
            *shared = 1;
        if (better_pick(m, s, al, best))
            best = al->entity;
    }
    return best;
}

/* The countries whose towns a text's language names first, by the newsroom's readers:
 * Ukrainian news names Ukraine's towns far more than their namesakes abroad, Russian
 * news those of Ukraine, Russia and Belarus; English news has no such home. */
#define TG_HOME_COUNTRIES 3
static size_t home_countries(const tg_model *m, const char *lang, uint32_t *out)
{
    uint32_t ids[TG_HOME_COUNTRIES] = {m->home.ua, TG_NONE, TG_NONE};
    if (!strcmp(lang, "ru")) {
        ids[1] = m->home.ru;
        ids[2] = m->home.by;
    } else if (strcmp(lang, "uk")) {
        return 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < TG_HOME_COUNTRIES; i++)
        if (ids[i] != TG_NONE)
            out[n++] = ids[i];
    return n;
}

/* A town's name that a town of the language's home shares with one abroad that is
 * no city of 300,000 is the home's town (the bigger of them, when several): "у
 * Токмаку" is Ukraine's, not Kyrgyzstan's bigger Tokmok; "в Умани" not Umán in Mexico.
 * The text's other places still decide after (place_sense.h). def: the prior's pick. */
static uint32_t home_town(const tg_model *m, const tg_scratch *s, const char *text,
                          const tg_gaz_match *g, uint32_t def, const uint32_t *homes,
                          size_t nhomes)
{
    if (!tg_def_is_town(m, def) || m->entities.v[def].max_weight >= TG_BIG_TOWN_WEIGHT)
        return def;
    for (size_t i = 0; i < nhomes; i++)
        if (tg_links_to(m, def, homes[i]))
            return def;
    uint32_t best = TG_NONE;
    for (size_t i = 0; i < nhomes; i++) {
        uint32_t there = pick_entity(m, s, text, g, homes[i], NULL);
        if (there != TG_NONE && tg_def_is_town(m, there) &&
            (best == TG_NONE || m->entities.v[there].max_weight > m->entities.v[best].max_weight))
            best = there;
    }
    return best != TG_NONE ? best : def;
}

/* s->sports_homes for the segment, when one of its names is a club's nickname and it
 * reads as sports (tg_teams_sports_text): the country most of its listed names are
 * of (all of them, on a tie), told by each match's pick, nicknames and small towns
 * left out; else none. And s->sports_places: the towns and regions it names. A name
 * of another country comes up in most sports stories (the "Dallas" of a referee, the
 * "Austin" of a player): so the country most named, not any. */
static int find_sports_homes(const tg_model *m, tg_scratch *s, const char *text)
{
    tg_u32_vec *h = &s->sports_homes; /* (country, count) pairs, then the countries */
    h->n = 0;
    s->sports_places.n = 0;
    s->sports_homes_ready = 0;
    int nickname = 0;
    for (size_t i = 0; i < s->gaz.n && !nickname; i++)
        for (uint32_t a = s->gaz.v[i].alias; a != TG_NONE && !nickname;
             a = m->gaz.aliases.v[a].next)
            nickname = (m->gaz.aliases.v[a].flags & TG_ALIAS_SPORTS) != 0;
    if (!nickname || !tg_teams_sports_text(s->tokens.v, s->tokens.n, s->norm.v))
        return 0;
    uint32_t most = 0;
    for (size_t i = 0; i < s->gaz.n; i++) { /* (sports_home says no to every nickname) */
        uint32_t def = pick_entity(m, s, text, &s->gaz.v[i], TG_NONE, NULL);
        if (def != TG_NONE && tg_def_is_town_or_region(m, def) &&
            vec_push(s->sports_places, def)) /* (for club_of_named_place) */
            return -1;
        /* A small town says little of the country: most have namesakes in others
         * ("Hillsborough" of a story on Liverpool is a town in New Jersey too). */
        if (def == TG_NONE ||
            (tg_def_is_town(m, def) && m->entities.v[def].max_weight < TG_BIG_TOWN_WEIGHT))
            continue;
        uint32_t country = tg_sense_country(m, def);
        if (country == TG_NONE)
            continue;
        size_t k = 0;
        while (k < h->n && h->v[k] != country)
            k += 2;
        if (k == h->n && (vec_push(*h, country) || vec_push(*h, 0)))
            return -1;
        if (++h->v[k + 1] > most)
            most = h->v[k + 1];
    }
    size_t n = 0;
    for (size_t k = 0; k < h->n; k += 2)
        if (h->v[k + 1] == most)
            h->v[n++] = h->v[k];
    h->n = n;
    s->sports_homes_ready = 1;
    return 0;
}

/* The country of a namesake of match g's pick that the tally puts the text in: of
 * the acceptable entities' countries, the one with the most towns and regions named
 * (none: TG_NONE). A country gives way to a town or a big town's namesake only where
 * that namesake's country has a region and three places named (tg_sense_places, big),
 * but to a region where it has a region named and no other country is: "Georgia and
 * Arizona", "the Carolinas, Georgia, Tennessee" are the US state, "Russia and Georgia
 * ... Texas" the country. */
static uint32_t namesake_country(const tg_model *m, const tg_scratch *s, const char *text,
                                 const tg_gaz_match *g, uint32_t prior,
                                 const tg_sense_tally *tally)
{
    uint32_t best = TG_NONE;
    unsigned most = 0;
    int lone_common = -1;
    int country = !tg_def_is_town_or_region(m, prior);
    int big = country ||
              (tg_def_is_town(m, prior) && m->entities.v[prior].max_weight >= TG_BIG_TOWN_WEIGHT);
    for (uint32_t a = g->alias; a != TG_NONE; a = m->gaz.aliases.v[a].next) {
        const tg_alias *al = &m->gaz.aliases.v[a];
        if (!tg_def_is_town_or_region(m, al->entity) ||
            !alias_applies(m, s, text, g, al, &lone_common))
            continue;
        uint32_t topic = tg_sense_country(m, al->entity);
        int region_alone =
            country && !tg_def_is_town(m, al->entity) && tg_sense_only(tally, topic);
        unsigned places =
            topic == TG_NONE ? 0 : tg_sense_places(tally, topic, big && !region_alone);
        if (places > most) {
            most = places;
            best = topic;
        }
    }
    return best;
}

/* The gazetteer match (an index of s->gaz) of a winner that starts at byte and has
 * a name that towns of other countries share, or -1. s->gaz_shared holds pairs
 * (start byte, match index) in text order. */
static long shared_match_at(const tg_scratch *s, uint32_t byte)
{
    size_t lo = 0, hi = s->gaz_shared.n / 2;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->gaz_shared.v[2 * mid] < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->gaz_shared.n / 2 && s->gaz_shared.v[2 * lo] == byte
               ? (long)s->gaz_shared.v[2 * lo + 1]
               : -1;
}

/* Give the winners whose names towns of several countries share the namesake in the
 * country that the segment's other names put it in (place_sense.h). The tally is of
 * the winners, so a name inside a person's ("Campbell" in "Darren Campbell") or a
 * team's does not vote. */
static void settle_shared_names(const tg_model *m, tg_scratch *s, const char *text)
{
    if (s->gaz_shared.n == 0)
        return;
    tg_sense_tally tally;
    tally.n = tally.nplaces = 0;
    for (size_t i = 0; i < s->cands.n; i++) {
        const tg_candidate *c = &s->cands.v[i];
        if (c->team)
            continue;
        if (c->def != TG_NONE) {
            if (c->rule != TG_NONE || c->same_as != TG_NONE || shared_match_at(s, c->byte_start) < 0)
                tg_sense_add(m, &tally, c->def);
        } else if (c->rule != TG_NONE) {
            uint32_t topic = tg_region_topic(m, TG_NONE, c->rule);
            if (topic != TG_NONE)
                tg_sense_add_region(&tally, topic);
        }
    }
    for (size_t i = 0; i < s->cands.n; i++) {
        tg_candidate *c = &s->cands.v[i];
        if (c->def == TG_NONE || c->rule != TG_NONE || c->same_as != TG_NONE || c->team ||
            !tg_sense_may_yield(m, &tally, c->def))
            continue;
        long k = shared_match_at(s, c->byte_start);
        if (k < 0)
            continue;
        const tg_gaz_match *g = &s->gaz.v[k];
        uint32_t topic = namesake_country(m, s, text, g, c->def, &tally);
        uint32_t there = topic == TG_NONE ? TG_NONE : pick_entity(m, s, text, g, topic, NULL);
        if (there != TG_NONE)
            c->def = there;
    }
}

/* The subtype of a name as the adjective of a compound (name_adjective.h). */
static const char *adjective_subtype(const tg_model *m, const tg_candidate *c)
{
    return tg_candidate_type_id(m, c) == m->kind.org ? "org-adjective" : "place-adjective";
}

/* The country that a region or country right after gazetteer match i and a comma
 * puts it in ("CAMBRIDGE, Mass.": town_region.h), or TG_NONE. The gazetteer matches
 * are in text order and do not overlap, so the region's, if listed, is soon after.
 * *country: the region is a listed country. */
static uint32_t town_region_topic(const tg_model *m, const tg_scratch *s, const char *text,
                                  size_t i, int *country)
{
    *country = 0;
    const tg_token *tokens = s->tokens.v;
    size_t ntokens = s->tokens.n;
    uint32_t last = s->gaz.v[i].last;
    if (!tg_comma_after(text, tokens, ntokens, last) ||
        tg_in_list(text, tokens, s->gaz.v[i].first))
        return TG_NONE;
    uint32_t at = last + 2, region_last = TG_NONE, topic = TG_NONE;
    for (size_t j = i + 1; j < s->gaz.n && s->gaz.v[j].first <= at; j++) {
        if (s->gaz.v[j].first != at)
            continue;
        uint32_t region = pick_entity(m, s, text, &s->gaz.v[j], TG_NONE, NULL);
        topic = tg_region_topic(m, region, TG_NONE);
        *country = topic != TG_NONE && !tg_def_is_town_or_region(m, region);
        region_last = s->gaz.v[j].last;
    }
    if (topic == TG_NONE) { /* a rule's: "Mass.", "N.Y." */
        uint32_t end = 0;
        topic = tg_region_rule_at(m, s->rule_matches.v, s->rule_matches.n, tokens[at].byte_start,
                                  &end);
        for (region_last = at; region_last + 1 < ntokens && tokens[region_last].byte_end < end;)
            region_last++;
    }
    if (topic == TG_NONE || tg_list_goes_on(text, tokens, ntokens, region_last))
        return TG_NONE;
    return topic;
}

typedef struct warn_ctx {
    tg_result *r;
} warn_ctx;

/* tg_quoted_after_noun for the span [start, end) of text, which starts and ends where
 * tokens do. */
static int quoted_after_noun(const char *text, size_t len, const tg_scratch *s, uint32_t start,
                             uint32_t end)
{
    size_t first = tg_token_at(s->tokens.v, s->tokens.n, start),
           after = tg_token_at(s->tokens.v, s->tokens.n, end);
    return first < after && after <= s->tokens.n &&
           tg_quoted_after_noun(text, len, s->tokens.v, s->tokens.n, s->norm.v, (uint32_t)first,
                                (uint32_t)(after - 1));
}

static void add_warning(void *ctx, const char *rule, const char *why)
{
    tg_result *r = ((warn_ctx *)ctx)->r;
    char buf[300];
    snprintf(buf, sizeof buf, "rule '%s' skipped on this document: %s", rule, why);
    char *copy = strdup(buf);
    if (copy && vec_push(r->warnings, copy))
        free(copy);
}

/* How much of token tk's folded form belongs to a span ending at byte `to`: all of
 * it, but for a span that ends inside the token ("Oleksii Artemchuk" of a scraped
 * "ArtemchukTuesday"), where folding kept the token's length (then its bytes line up
 * with the text's) and the cut falls between two characters. */
static size_t slug_len(const tg_scratch *s, const tg_token *tk, uint32_t to)
{
    size_t cut = to - tk->byte_start;
    if (tk->byte_end <= to || tk->norm_len != tk->byte_end - tk->byte_start ||
        ((unsigned char)s->norm.v[tk->norm_off + cut] & 0xC0) == 0x80)
        return tk->norm_len;
    return cut;
}

/* Is token t a letter of an initialism written with full stops ("U.S.", "J.P."): one
 * character, right after a '.' that comes right after another such letter? */
static int initial_after_stop(const tg_scratch *s, size_t t)
{
    const tg_token *tk = s->tokens.v;
    return t >= 2 && tk[t].cp_end - tk[t].cp_start == 1 && tk[t - 1].norm_len == 1 &&
           s->norm.v[tk[t - 1].norm_off] == '.' && tk[t - 1].byte_start == tk[t - 2].byte_end &&
           tk[t].byte_start == tk[t - 1].byte_end && (tk[t - 2].flags & TK_WORD) &&
           tk[t - 2].cp_end - tk[t - 2].cp_start == 1;
}

/* The slug of an entity text, for ids of rule-found entities: folded words joined
 * by '-', the letters of an initialism with none ("U.S. Agriculture Department" is
 * us-agriculture-department, as "US Agriculture Department" is). `first` is the first
 * token at or after the entity's start. */
static void append_slug(strbuf *pool, const tg_scratch *s, size_t first, uint32_t to)
{
    int any = 0;
    for (size_t t = first; t < s->tokens.n; t++) {
        const tg_token *tk = &s->tokens.v[t];
        if (tk->byte_start >= to)
            break;
        if (!(tk->flags & TK_WORD))
            continue;
        if (any && !initial_after_stop(s, t))
            sb_putc(pool, '-');
        sb_append(pool, s->norm.v + tk->norm_off, slug_len(s, tk, to));
        any = 1;
    }
    if (!any)
        sb_puts(pool, "x");
}

/* The slug of a listed entity's name ("Poltava", "Queen's Park"): its folded letters
 * and digits, a '-' for each run of anything else ("queen-s-park"). For a team that a
 * listed place names, so that "«Полтавою»" and "Poltava" give one id in any case and
 * language, where the slug of the text would give one per case. */
static void append_name_slug(strbuf *pool, const tg_fold *fold, const char *name)
{
    size_t len = strlen(name), i = 0, start = pool->n;
    int dash = 0;
    while (i < len) {
        int32_t cp = tg_utf8_next((const unsigned char *)name, len, &i);
        tg_charinfo ci = tg_fold_get(fold, cp < 0 ? 0xFFFD : (uint32_t)cp);
        if (!(ci.cls & (TG_C_LETTER | TG_C_DIGIT)) || ci.fold == 0) {
            dash = pool->n > start;
            continue;
        }
        if (dash)
            sb_putc(pool, '-');
        dash = 0;
        char buf[4];
        sb_append(pool, buf, tg_utf8_put(ci.fold, buf));
    }
    if (pool->n == start)
        sb_puts(pool, "x");
}

/*
 * The start of a rule-made id: the entity's type lowercased, and ':' ("person:").
 * Rule entities have a few types between them, each one model string (one pointer,
 * fixed for the scratch's model) or a literal, so each type's prefix is made once
 * per scratch, in a slot of a small table keyed by the pointer (id_prefixes,
 * scratch.h), and then copied as sixteen bytes of which the prefix's are kept: no
 * strlen and no byte loop per entity, nor per segment. A type too long for a slot
 * is made in place.
 */
static void append_id_prefix(strbuf *pool, id_prefixes *ids, const char *type)
{
    size_t slot = (size_t)(((uintptr_t)type * UINT64_C(0x9E3779B97F4A7C15)) >> 61);
    if (ids->type[slot] != type) {
        size_t n = strlen(type);
        char *o = n < ID_PREFIX_MAX ? ids->v[slot] : NULL;
        if (!o) {
            if (sb_reserve(pool, n + 1))
                return;
            o = pool->v + pool->n;
        }
        for (size_t i = 0; i < n; i++)
            o[i] = (char)(type[i] >= 'A' && type[i] <= 'Z' ? type[i] + 32 : type[i]);
        o[n] = ':';
        if (o != ids->v[slot]) {
            pool->n += n + 1;
            return;
        }
        ids->type[slot] = type;
        ids->len[slot] = (uint8_t)(n + 1);
    }
    if (sb_reserve(pool, ID_PREFIX_MAX))
        return;
    memcpy(pool->v + pool->n, ids->v[slot], ID_PREFIX_MAX);
    pool->n += ids->len[slot];
}

/* The entity of this segment (from `first` on) that starts at byte, or NULL. */
static const tg_entity *find_entity(const tg_result *r, size_t first, uint32_t byte)
{
    size_t lo = first, hi = r->entities.n; /* sorted by start within a segment */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->entities.v[mid].byte_start < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->entities.n && r->entities.v[lo].byte_start == byte ? &r->entities.v[lo]
                                                                      : NULL;
}

/* The scratch's spare result emptied (as calloc leaves a new one, but with its
 * arrays' room), or a new one; NULL when out of memory. */
static tg_result *reused_result(tg_scratch *s)
{
    tg_result *r = s->spare;
    if (!r)
        return calloc(1, sizeof *r);
    s->spare = NULL;
    for (size_t i = 0; i < r->warnings.n; i++)
        free(r->warnings.v[i]);
    r->warnings.n = r->entities.n = r->meta.n = r->tags.n = 0;
    r->evidence.n = r->contributions.n = 0;
    if (r->pool.failed)
        sb_free(&r->pool);
    r->pool.n = 0;
    return r;
}

/* Tag one segment (the title or the text) and append its entities to r. */
/* r->lang = code, cut to its three bytes: what snprintf(r->lang, 4, "%s", code) wrote,
 * at a tenth of its cost (two calls a document were 0.5% of tagging English news). */
static void set_lang(tg_result *r, const char *code)
{
    size_t n = strnlen(code, sizeof r->lang - 1);
    memcpy(r->lang, code, n);
    r->lang[n] = '\0';
}

static int tag_segment(const tg_model *m, tg_scratch *s, const char *text, size_t len,
                       int is_title, const char *lang, const tg_zone_vec *hints,
                       tg_result *r, tg_error *err)
{
    int cyrillic;
    if (tg_tokenize_cyrillic(&m->fold, text, len, &s->tokens, &s->norm, &cyrillic))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    if (!lang) {
        lang = tg_detect_lang(s->tokens.v, s->tokens.n, s->norm.v);
        set_lang(r, lang);
    }
    if (tg_matcher_scan(&m->gaz, &m->fold, text, s->tokens.v, s->tokens.n, s->norm.v, cyrillic,
                        &s->cand, &s->cand_off, &s->starts, &s->token_hash, &s->gaz))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    warn_ctx wc = {r};
    if (tg_rules_scan(m, tg_lang_bit(lang), text, len, s->tokens.v, s->tokens.n, s->norm.v,
                      s->norm.n, &s->rules, s->match_data, &s->rule_matches, add_warning, &wc))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    s->cands.n = 0;
    s->gaz_shared.n = 0;
    if (find_sports_homes(m, s, text))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    uint32_t prev = TG_NONE, prev_last = 0; /* the last match's pick and last token */
    uint32_t homes[TG_HOME_COUNTRIES];
    size_t nhomes = home_countries(m, lang, homes);
    for (size_t i = 0; i < s->gaz.n; i++) {
        const tg_gaz_match *g = &s->gaz.v[i];
        int shared;
        uint32_t def = pick_entity(m, s, text, g, TG_NONE, &shared);
        if (shared && nhomes && def != TG_NONE)
            def = home_town(m, s, text, g, def, homes, nhomes);
        uint32_t prior = def;
        /* "Atlanta, Georgia": a region after a town and a comma is the one in the
         * town's country when the name has one there (the US state, not the country). */
        if (def != TG_NONE && shared && prev != TG_NONE && g->first == prev_last + 2 &&
            tg_comma_after(text, s->tokens.v, s->tokens.n, prev_last) &&
            !tg_list_goes_on(text, s->tokens.v, s->tokens.n, g->last) && tg_def_is_town(m, prev)) {
            uint32_t country = tg_sense_country(m, prev);
            uint32_t there = country == TG_NONE || tg_links_to(m, def, country)
                                 ? TG_NONE
                                 : pick_entity(m, s, text, g, country, NULL);
            if (there != TG_NONE && tg_def_is_town_or_region(m, there) && !tg_def_is_town(m, there)) {
                def = there;
                shared = 0; /* settled: it votes for the town's country */
            }
        }
        if (def != TG_NONE) {
            /* "CAMBRIDGE, Mass.": the namesake in that country, or none. But a city
             * of 300,000 or more before a country it is not in, with no namesake
             * there, stays: the country is a region's name too ("Atlanta, Georgia",
             * the US state), or the comma is no "Town, Region" ("the draw in Paris,
             * Ireland face ..."). */
            int country;
            uint32_t topic = town_region_topic(m, s, text, i, &country);
            if (topic != TG_NONE && tg_def_is_town_or_region(m, def) && !tg_links_to(m, def, topic)) {
                uint32_t there = pick_entity(m, s, text, g, topic, NULL);
                if (there != TG_NONE || !country || !tg_def_is_town(m, def) ||
                    m->entities.v[def].max_weight < TG_BIG_TOWN_WEIGHT)
                    def = there;
            }
        }
        prev = def;
        prev_last = g->last;
        if (def == TG_NONE ||
            tg_tokens_in_handle(s->tokens.v, s->tokens.n, s->norm.v, g->first, g->last))
            continue;
        /* "«Кубань-Агро»", "Kyiv-Mohyla Academy": a part of another hyphenated name. */
        if (m->entities.v[def].type == m->kind.place && tg_place_in_hyphenated_name(m, s, i))
            continue;
        /* "газети «Житомирщина»", "кінотеатрі «Україна»": some other thing's name. */
        if (tg_quote_may_open(text, s->tokens.v[g->first].byte_start) &&
            m->entities.v[def].type == m->kind.place &&
            tg_quoted_after_noun(text, len, s->tokens.v, s->tokens.n, s->norm.v, g->first, g->last))
            continue;
        /* "«Сильної України»", "«ІНГО Україна»": a place in a quoted name (which
         * has a Cyrillic word: not asked of a text without one). */
        if (cyrillic && m->entities.v[def].type == m->kind.place &&
            tg_quoted_in_name(text, len, s->tokens.v, s->tokens.n, g->first, g->last))
            continue;
        tg_candidate c = {s->tokens.v[g->first].byte_start, s->tokens.v[g->last].byte_end,
                          TG_GAZETTEER_PRIORITY, def, TG_NONE, TG_NONE, 0, TG_NONE, g->first};
        if (vec_push(s->cands, c))
            return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        /* A name that towns of other countries share, which no region after it
         * settled: place_sense.h decides once the text's other names are known. */
        if (shared && def == prior &&
            (vec_push(s->gaz_shared, c.byte_start) || vec_push(s->gaz_shared, (uint32_t)i)))
            return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    }
    size_t ngaz = s->cands.n;
    for (size_t i = 0; i < s->rule_matches.n; i++) {
        const tg_rule_match *rm = &s->rule_matches.v[i];
        const tg_rule *rule = &m->rules.v.v[rm->rule];
        tg_candidate c = {rm->byte_start, rm->byte_end, rule->priority,
                          TG_NONE, rm->rule, TG_NONE, 0, TG_NONE, TG_NONE};
        if (cyrillic) {
            c.byte_start = tg_name_after_town(m, s, rule, &c, ngaz);
            /* "Белгородской" of "Белгородской, Курской и Брянской областями". */
            if (rule->type == m->kind.place && rule->subtype == m->kind.admin_unit) {
                size_t t = tg_token_at(s->tokens.v, s->tokens.n, c.byte_start);
                size_t last = tg_token_at_from(s->tokens.v, s->tokens.n, t, c.byte_end);
                if (t < last && last <= s->tokens.n &&
                    s->tokens.v[last - 1].byte_end == c.byte_end)
                    c.def = tg_region_of_list_item(m, text, s->tokens.v, s->tokens.n,
                                                   s->norm.v, t, last - 1);
            }
            /* "оперы «Борис Годунов»", "Фильм «Анна Каренина»": a work's title. */
            if (rule->type == m->kind.person && tg_quote_may_open(text, c.byte_start) &&
                quoted_after_noun(text, len, s, c.byte_start, c.byte_end))
                continue;
        }
        if (vec_push(s->cands, c))
            return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    }
    /* The lines once, for the teams' layouts here and the zones below. */
    int results = 0; /* results enough to read the segment as sports (teams.h) */
    if (tg_zone_lines(&m->zone_words, text, len, s->tokens.v, s->tokens.n, s->norm.v, is_title,
                      hints, &s->lines) ||
        tg_teams_lines(s->tokens.v, s->tokens.n, s->norm.v, &s->lines, &s->cands, &results))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    size_t nupper;
    const uint32_t *upper = tg_rules_upper_tokens(&m->rules, &s->rules, s->tokens.n, &nupper);
    if (tg_resolve(m, s->tokens.v, s->tokens.n, s->norm.v, &s->cands, &s->won))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    if (cyrillic) /* (Ukrainian names only: English text pays nothing for it) */
        tg_branch_names(m, text, s->tokens.v, s->tokens.n, s->norm.v, &s->cands);
    if (tg_org_short_forms(m, s->tokens.v, s->tokens.n, s->norm.v, &s->cands, &s->won) ||
        tg_people_in_lists(m, s->tokens.v, s->tokens.n, s->norm.v, &s->cands) ||
        tg_coref(m, s->tokens.v, s->tokens.n, s->norm.v, upper, nupper, &s->cands,
                 &s->coref) ||
        tg_zones_from_lines(text, len, s->tokens.v, s->tokens.n, s->norm.v, s->token_hash.v,
                            is_title, &s->lines, &s->zones))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    tg_regnal_numbers(m, text, len, s->tokens.v, s->tokens.n, s->norm.v, &s->cands);
    tg_person_titles(m, s->tokens.v, s->tokens.n, s->norm.v, &s->cands);
    tg_teams_mark(m, s->tokens.v, s->tokens.n, s->norm.v, &s->cands, results);
    settle_shared_names(m, s, text);
    tg_name_adjectives(m, text, len, s->tokens.v, s->tokens.n, s->norm.v, &s->cands);

    /* Entities. Their code point offsets are those a sweep over the text would give:
     * a span that overlaps the one before it starts where that one ended. The sweep's
     * start only grows, and so do the candidates' starts (sorted by resolve and
     * coref), so the tokens and the zone span at them are found from the ones
     * found last (tg_token_at_from, tg_zone_at_from) rather than searched for in
     * the whole document; a listed name's or a person's token is known already
     * (tg_candidate_token: the gazetteer and coref keep it). A span nearly always ends where a token does, a token or
     * two on, and that token knows its end's offset (cp_end): the span's bytes are
     * counted only when none does. The token at `from` is also where a rule-made
     * id's slug starts, unless the span overlaps the one before.
     *
     * type, subtype, zone and source are model strings or literals, never the
     * pool: render_json.c keeps their written bytes from one result to the next
     * (tg_member_cache). */
    size_t byte = 0, first_entity = r->entities.n;
    size_t t_from = 0; /* the token at `from` */
    size_t zone_at = 0; /* the zone span of the last entity, and its start */
    uint32_t zone_byte = 0;
    /* Room for them all at once rather than doubling up from nothing in a fresh
     * result: each span's text, and an id about as long for a rule-found one. */
    size_t pool_need = 0;
    for (size_t i = 0; i < s->cands.n; i++)
        pool_need += 2 * (size_t)(s->cands.v[i].byte_end - s->cands.v[i].byte_start) + 24;
    if (vec_reserve(r->entities, s->cands.n) || vec_reserve(r->meta, s->cands.n) ||
        sb_reserve(&r->pool, pool_need))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < s->cands.n; i++) {
        if (r->entities.n >= m->limits.max_entities) {
            char buf[128];
            snprintf(buf, sizeof buf, "entity limit (%zu) reached: later entities not listed",
                     m->limits.max_entities);
            char *copy = strdup(buf);
            if (copy && vec_push(r->warnings, copy))
                free(copy);
            break;
        }
        const tg_candidate *c = &s->cands.v[i];
        /* Built in place, in the room reserved above, rather than copied in. */
        tg_entity *e = &r->entities.v[r->entities.n];
        tg_entity_meta *meta = &r->meta.v[r->meta.n];
        /* Not zeroed first: every member is set below, the text and a rule-made id
         * at the end (fix_pointers), NULL until then. */
        e->text = NULL;
        e->id = NULL;
        /* Another state's body (kind_only) and a name as an adjective ("Boston-based")
         * carry the name's topics (topic_def), and are numbered among its mentions. */
        *meta = (tg_entity_meta){c->kind_only || c->adjective ? TG_NONE : c->def,
                                 c->rule, 0, UINT32_MAX, TG_ZONE_BODY, c->priority,
                                 c->adjective ? c->def : c->topic_def,
                                 c->byte_end - c->byte_start, 0};
        size_t from = byte > c->byte_start ? byte : c->byte_start;
        size_t to = from > c->byte_end ? from : c->byte_end;
        t_from = from == c->byte_start ? tg_candidate_token(c, s->tokens.v, s->tokens.n, t_from)
                                       : tg_token_at_from(s->tokens.v, s->tokens.n, t_from,
                                                          (uint32_t)from);
        e->start = tg_token_cp_near(s->tokens.v, s->tokens.n, text, t_from, (uint32_t)from);
        size_t t_end = t_from;
        while (t_end < s->tokens.n && s->tokens.v[t_end].byte_end < to)
            t_end++;
        e->end = t_end < s->tokens.n && s->tokens.v[t_end].byte_end == to
                     ? s->tokens.v[t_end].cp_end
                     : e->start + tg_count_cp(text + from, to - from);
        byte = to;
        e->byte_start = c->byte_start;
        e->byte_end = c->byte_end;
        e->field = is_title ? "title" : tg_field_text;
        if (c->byte_start < zone_byte)
            zone_at = 0; /* not in order after all: look from the first span */
        zone_byte = c->byte_start;
        meta->zone = tg_zone_at_from(&s->zones, &zone_at, c->byte_start);
        e->zone = tg_zone_name(meta->zone);
        meta->text_off = (uint32_t)r->pool.n;
        sb_append(&r->pool, text + c->byte_start, c->byte_end - c->byte_start);
        sb_putc(&r->pool, '\0');
        const tg_entity *ante = c->same_as != TG_NONE ? find_entity(r, first_entity, c->same_as)
                                                       : NULL;
        if (ante) {
            /* A later mention (surname, acronym): the first mention's identity. */
            const tg_entity_meta *am = &r->meta.v[ante - r->entities.v];
            e->id = ante->id;
            e->type = ante->type;
            e->subtype = ante->subtype;
            e->source = "coref";
            meta->id_off = am->id_off;
            meta->id_len = am->id_len;
        } else if (c->def != TG_NONE && !c->team && !c->kind_only) {
            const tg_entity_def *d = &m->entities.v[c->def];
            size_t id_len; /* with the NUL it was interned with */
            e->id = strmap_str(&m->strings, d->id, &id_len);
            meta->id_len = (uint32_t)id_len - 1;
            e->type = tg_model_str(m, d->type);
            e->subtype = tg_model_str(m, d->subtype);
            /* A rule match that resolve gave a listed person's identity says so. */
            e->source = c->same_as != TG_NONE ? "coref"
                        : c->rule != TG_NONE  ? tg_model_str(m, m->rules.v.v[c->rule].source)
                                              : "gazetteer";
            if (c->adjective) { /* "Boston-based", "NATO-led": the name's id */
                e->type = "NORP";
                e->subtype = adjective_subtype(m, c);
            }
        } else {
            /* A mention before the name it refers to (org_short.h: "MCDONNELL DOUGLAS"
             * in a title, "McDonnell Douglas Corp" below) takes the id that name will
             * get: the slug of the name's span. */
            const tg_candidate *named =
                c->same_as != TG_NONE ? tg_candidate_starting(s->cands.v, s->cands.n, c->same_as)
                                      : NULL;
            if (c->team) {
                /* A club, not the place (teams.h); the place's topics still count.
                 * Without a place, the layout of its line found it. */
                e->type = "ORG";
                e->subtype = "team";
                e->source = c->def != TG_NONE ? "gazetteer" : "layout";
            } else if (c->adjective) { /* a rule's name in a compound: "Mo.-based" */
                e->type = "NORP";
                e->subtype = adjective_subtype(m, c);
                e->source = tg_model_str(m, m->rules.v.v[c->rule].source);
            } else if (c->in_list) {
                e->type = "PERSON"; /* its place in a list of people (name_list.h) */
                e->subtype = "list";
                e->source = "layout";
            } else if (c->kind_only) {
                const tg_entity_def *d = &m->entities.v[c->def]; /* (branch_name.h) */
                e->type = tg_model_str(m, d->type);
                e->subtype = tg_model_str(m, d->subtype);
                e->source = "gazetteer";
            } else {
                const tg_rule *rule = &m->rules.v.v[c->rule];
                e->type = tg_model_str(m, rule->type);
                e->subtype = tg_model_str(m, rule->subtype);
                e->source = named ? "coref" : tg_model_str(m, rule->source);
            }
            meta->id_off = (uint32_t)r->pool.n;
            append_id_prefix(&r->pool, &s->id_prefix, e->type);
            if (c->team && c->def != TG_NONE) {
                append_name_slug(&r->pool, &m->fold,
                                 tg_model_str(m, m->entities.v[c->def].name));
            } else if (named) {
                append_slug(&r->pool, s, tg_token_at(s->tokens.v, s->tokens.n, named->byte_start),
                            named->byte_end);
            } else {
                append_slug(&r->pool, s,
                            from == c->byte_start
                                ? t_from
                                : tg_token_at(s->tokens.v, s->tokens.n, c->byte_start),
                            c->byte_end);
            }
            meta->id_len = (uint32_t)(r->pool.n - meta->id_off);
            sb_putc(&r->pool, '\0');
        }
        r->entities.n++;
        r->meta.n++;
    }
    if (r->pool.failed)
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    if (cyrillic)
        tg_unify_inflected_ids(r, first_entity);
    return TG_OK;
}

/* Point entity texts and rule ids into the finished pool. */
static void fix_pointers(tg_result *r)
{
    for (size_t i = 0; i < r->entities.n; i++) {
        r->entities.v[i].text = r->pool.v + r->meta.v[i].text_off;
        if (r->meta.v[i].id_off != UINT32_MAX)
            r->entities.v[i].id = r->pool.v + r->meta.v[i].id_off;
    }
}

static int check_text(const char *text, size_t len, int replace, char **fixed, size_t *fixed_len,
                      const char *what, tg_error *err)
{
    *fixed = NULL;
    size_t bad = tg_utf8_check(text, len);
    if (bad == len)
        return TG_OK;
    if (!replace) {
        tg_error_set(err, TG_ERR_INPUT, "%s is not valid UTF-8 at byte %zu", what, bad);
        if (err)
            err->offset = bad;
        return TG_ERR_INPUT;
    }
    *fixed = tg_utf8_repair(text, len, fixed_len);
    return *fixed ? TG_OK : tg_error_set(err, TG_ERR_NOMEM, "out of memory");
}

/* tg_tag_text, and tg_tag_text_checked when `checked`: then the caller has found
 * text and title valid UTF-8, and they are not walked a second time here. */
static int tag_text(tg_result **out, const tg_model *m, tg_scratch *scratch, const char *text,
                    size_t len, const tg_doc_options *opts, int checked, tg_error *err)
{
    if (!out || !m || (!text && len))
        return tg_error_set(err, TG_ERR_ARG, "tg_tag_text: NULL argument");
    *out = NULL;
    if (!text)
        text = "";
    tg_doc_options none = {0};
    if (!opts)
        opts = &none;
    size_t title_len = opts->title ? opts->title_len : 0;
    if (len > m->limits.max_document || title_len > m->limits.max_document)
        return tg_error_set(err, TG_ERR_LIMIT,
                            "document of %zu bytes is over the limit of %zu bytes", len,
                            m->limits.max_document);
    if (scratch && scratch->model != m)
        return tg_error_set(err, TG_ERR_ARG, "scratch belongs to another model");
    char *fixed_text = NULL, *fixed_title = NULL;
    size_t fixed_text_len = 0, fixed_title_len = 0;
    int rc = checked ? TG_OK
                     : check_text(text, len, opts->replace_invalid, &fixed_text,
                                  &fixed_text_len, "text", err);
    if (rc == TG_OK && title_len && !checked)
        rc = check_text(opts->title, title_len, opts->replace_invalid, &fixed_title,
                        &fixed_title_len, "title", err);
    if (rc) {
        free(fixed_text);
        return rc;
    }
    if (fixed_text) {
        text = fixed_text;
        len = fixed_text_len;
    }
    const char *title = fixed_title ? fixed_title : opts->title;
    if (fixed_title)
        title_len = fixed_title_len;

    tg_scratch *own = NULL;
    if (!scratch) {
        rc = tg_scratch_new(&own, m, err);
        scratch = own;
    }
    tg_result *r = scratch ? reused_result(scratch) : NULL;
    if (!r && rc == TG_OK)
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    const char *lang = tg_lang_given(opts->lang);
    if (rc == TG_OK) {
        set_lang(r, lang ? lang : "und");
        /* Detect on the text (the bulk); the title then uses that language. */
        /* HTML: tag the page's text, then point the spans back into the source. */
        tg_html_text html = {0};
        if (opts->html)
            rc = tg_html_extract(&html, text, len, opts->html_max_depth, err);
        if (rc == TG_OK)
            rc = tag_segment(m, scratch, opts->html ? html.text : text,
                             opts->html ? html.len : len, 0, lang,
                             opts->html ? &html.hints : NULL, r, err);
        if (rc == TG_OK && opts->html) {
            tg_html_map_entities(&html, text, len, r->entities.v, r->entities.n);
            char buf[160], *copy;
            snprintf(buf, sizeof buf, "HTML nested deeper than %zu elements: the text of %zu "
                     "elements below that depth was not read", opts->html_max_depth ?
                     opts->html_max_depth : (size_t)TG_HTML_DEFAULT_MAX_DEPTH,
                     html.depth_skipped);
            if (html.depth_skipped && (copy = strdup(buf)) && vec_push(r->warnings, copy))
                free(copy);
        }
        tg_html_text_free(&html);
        if (rc == TG_OK && title_len) {
            /* Title entities go first: move the text's aside and append after. */
            size_t n_text = r->entities.n;
            rc = tag_segment(m, scratch, title, title_len, 1, r->lang, NULL, r, err);
            if (rc == TG_OK && r->entities.n > n_text) {
                size_t n_title = r->entities.n - n_text;
                /* A title has a few entities: set aside on the stack, not in two
                 * allocations and two frees a document (en2k: 943 titles with
                 * entities, most with one to three). */
                enum { TITLE_LOCAL = 8 };
                tg_entity te_local[TITLE_LOCAL];
                tg_entity_meta tm_local[TITLE_LOCAL];
                int local = n_title <= TITLE_LOCAL;
                tg_entity *te = local ? te_local : malloc(n_title * sizeof *te);
                tg_entity_meta *tm = local ? tm_local : malloc(n_title * sizeof *tm);
                if (!te || !tm) {
                    rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
                } else {
                    memcpy(te, r->entities.v + n_text, n_title * sizeof *te);
                    memcpy(tm, r->meta.v + n_text, n_title * sizeof *tm);
                    memmove(r->entities.v + n_title, r->entities.v, n_text * sizeof *te);
                    memmove(r->meta.v + n_title, r->meta.v, n_text * sizeof *tm);
                    memcpy(r->entities.v, te, n_title * sizeof *te);
                    memcpy(r->meta.v, tm, n_title * sizeof *tm);
                }
                if (!local) {
                    free(te);
                    free(tm);
                }
            }
        }
    }
    if (rc == TG_OK) {
        fix_pointers(r);
        if (tg_score(m, r, opts->labels ? opts->labels : "en", &scratch->score))
            rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    }
    tg_scratch_free(own);
    free(fixed_text);
    free(fixed_title);
    if (rc) {
        tg_result_free(r);
        return rc;
    }
    *out = r;
    return TG_OK;
}

int tg_tag_text(tg_result **out, const tg_model *m, tg_scratch *scratch, const char *text,
                size_t len, const tg_doc_options *opts, tg_error *err)
{
    return tag_text(out, m, scratch, text, len, opts, 0, err);
}

int tg_tag_text_checked(tg_result **out, const tg_model *m, tg_scratch *scratch,
                        const char *text, size_t len, const tg_doc_options *opts, tg_error *err)
{
    return tag_text(out, m, scratch, text, len, opts, 1, err);
}

tg_member_cache *tg_scratch_member_cache(tg_scratch *s) { return s ? &s->members : NULL; }

void tg_result_recycle(tg_result *r, tg_scratch *s)
{
    if (!s || !r) {
        tg_result_free(r);
        return;
    }
    tg_result_free(s->spare);
    s->spare = r;
}

void tg_result_free(tg_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->warnings.n; i++)
        free(r->warnings.v[i]);
    vec_free(r->warnings);
    vec_free(r->entities);
    vec_free(r->meta);
    vec_free(r->tags);
    vec_free(r->evidence);
    vec_free(r->contributions);
    sb_free(&r->pool);
    free(r);
}

const char *tg_result_lang(const tg_result *r) { return r ? r->lang : "und"; }
size_t tg_result_entity_count(const tg_result *r) { return r ? r->entities.n : 0; }
const tg_entity *tg_result_entity(const tg_result *r, size_t i)
{
    return r && i < r->entities.n ? &r->entities.v[i] : NULL;
}
size_t tg_result_tag_count(const tg_result *r) { return r ? r->tags.n : 0; }
const tg_tag *tg_result_tag(const tg_result *r, size_t i)
{
    return r && i < r->tags.n ? &r->tags.v[i] : NULL;
}
size_t tg_result_contribution_count(const tg_result *r) { return r ? r->contributions.n : 0; }
const tg_contribution *tg_result_contribution(const tg_result *r, size_t i)
{
    return r && i < r->contributions.n ? &r->contributions.v[i] : NULL;
}
size_t tg_result_warning_count(const tg_result *r) { return r ? r->warnings.n : 0; }
const char *tg_result_warning(const tg_result *r, size_t i)
{
    return r && i < r->warnings.n ? r->warnings.v[i] : NULL;
}
