/*
 * resolve.c - overlap resolution (the rule itself is stated in resolve.h).
 *
 * Containment is found with the candidates sorted by start, looking only at the
 * gazetteer matches that start inside each rule match, so it costs the length of the
 * rule spans, not candidates squared. Then sort by precedence and accept greedily: a
 * candidate wins if it overlaps no winner so far. Winners are kept sorted by start so
 * the overlap test is a binary search.
 *
 * Both sorts are a stable merge sort of our own with the comparison inlined, not
 * qsort: qsort's call per comparison was most of this step's cost. Stable, like
 * glibc's qsort (a merge sort), so ties come out in the same order as before.
 */
#include "resolve.h"

#include "hash.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

const char *tg_candidate_type(const tg_model *m, const tg_candidate *c)
{
    if (c->def != TG_NONE)
        return tg_model_str(m, m->entities.v[c->def].type);
    if (c->rule == TG_NONE)
        return "ORG"; /* a team that a line's layout found (teams.h) */
    return tg_model_str(m, m->rules.v.v[c->rule].type);
}

/* A gazetteer match (not a rule's, nor a team that a line's layout found). */
static inline int listed(const tg_candidate *c)
{
    return c->rule == TG_NONE && c->def != TG_NONE;
}

static inline int by_start(const tg_candidate *a, const tg_candidate *b)
{
    if (a->byte_start != b->byte_start)
        return a->byte_start < b->byte_start ? -1 : 1;
    return a->byte_end > b->byte_end ? -1 : a->byte_end < b->byte_end;
}

static inline int by_precedence(const tg_candidate *a, const tg_candidate *b)
{
    if (a->priority != b->priority)
        return a->priority > b->priority ? -1 : 1;
    uint32_t la = a->byte_end - a->byte_start, lb = b->byte_end - b->byte_start;
    if (la != lb)
        return la > lb ? -1 : 1;
    if (a->byte_start != b->byte_start)
        return a->byte_start < b->byte_start ? -1 : 1;
    int ga = listed(a), gb = listed(b);
    if (ga != gb)
        return ga ? -1 : 1;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    return 0;
}

/* A stable merge sort of v[0..n) by CMP; tmp holds n / 2 candidates. Short runs by
 * insertion; a merge is skipped when the halves are already in order (common: the
 * gazetteer's and the rules' matches each come sorted by start). */
#define DEFINE_SORT(name, CMP)                                                          \
    static void name(tg_candidate *v, size_t n, tg_candidate *tmp)                      \
    {                                                                                   \
        if (n <= 12) {                                                                  \
            for (size_t i = 1; i < n; i++) {                                            \
                tg_candidate x = v[i];                                                  \
                size_t j = i;                                                           \
                for (; j > 0 && CMP(&x, &v[j - 1]) < 0; j--)                            \
                    v[j] = v[j - 1];                                                    \
                v[j] = x;                                                               \
            }                                                                           \
            return;                                                                     \
        }                                                                               \
        size_t h = n / 2;                                                               \
        name(v, h, tmp);                                                                \
        name(v + h, n - h, tmp);                                                        \
        if (CMP(&v[h], &v[h - 1]) >= 0)                                                 \
            return;                                                                     \
        memcpy(tmp, v, h * sizeof *v);                                                  \
        size_t i = 0, j = h, k = 0;                                                     \
        while (i < h && j < n)                                                          \
            v[k++] = CMP(&v[j], &tmp[i]) < 0 ? v[j++] : tmp[i++];                       \
        while (i < h)                                                                   \
            v[k++] = tmp[i++];                                                          \
    }

DEFINE_SORT(sort_by_start, by_start)
DEFINE_SORT(sort_by_precedence, by_precedence)

int tg_def_is_town_or_region(const tg_model *m, uint32_t def)
{
    const tg_entity_def *d = &m->entities.v[def];
    if (strcmp(tg_model_str(m, d->type), "PLACE"))
        return 0;
    const char *sub = tg_model_str(m, d->subtype);
    return !strcmp(sub, "city") || !strcmp(sub, "region");
}

/* The topic weight from which a listed town is too big to be a person's name after
 * a person's cue: a capital (0.9) or a city of a million (0.85); Clinton, Iowa is
 * 0.65 (tools/gen_gazetteers.py, base_weight). */
#define TOWN_PERSON_WEIGHT 0.85f

/* A listed country or nationality, whose topics a name around it carries: "Bank of
 * China", "Ghana Cocoa Board", "British Petroleum", "британского правительства" still
 * point at their countries. Not a town's or a region's: inside a company's name they
 * are mostly a surname's or a word's namesakes (McDonnell Douglas, Harper and Row,
 * Georgia-Pacific), which cost Reuters' places 0.009 of precision. */
static int carries_topics(const tg_model *m, const tg_candidate *c)
{
    const tg_entity_def *d = &m->entities.v[c->def];
    const char *type = tg_model_str(m, d->type);
    return !strcmp(type, "NORP") ||
           (!strcmp(type, "PLACE") && !strcmp(tg_model_str(m, d->subtype), "country"));
}

/* Does entity a point at its topics more strongly than b (TG_NONE: none)? The
 * strongest link first, then the first entity in the model: an order that does not
 * depend on the candidates'. */
static int stronger(const tg_model *m, uint32_t a, uint32_t b)
{
    if (b == TG_NONE)
        return 1;
    float wa = m->entities.v[a].max_weight, wb = m->entities.v[b].max_weight;
    return wa > wb || (wa == wb && a < b);
}

/* A gazetteer match of a country (PLACE, subtype country). */
static int is_country(const tg_model *m, const tg_candidate *c)
{
    const tg_entity_def *d = &m->entities.v[c->def];
    return !strcmp(tg_model_str(m, d->type), "PLACE") &&
           !strcmp(tg_model_str(m, d->subtype), "country");
}

int tg_def_is_town(const tg_model *m, uint32_t def)
{
    const tg_entity_def *d = &m->entities.v[def];
    return !strcmp(tg_model_str(m, d->type), "PLACE") &&
           !strcmp(tg_model_str(m, d->subtype), "city");
}

int tg_candidate_is_town(const tg_model *m, const tg_candidate *c)
{
    return listed(c) && tg_def_is_town(m, c->def);
}

/* Steps 1 and 3 of resolve.h: lift rule matches that contain gazetteer matches, and
 * give a PERSON rule match the identity of the listed person it ends with. Step 3 is
 * decided here, before step 2, because a rule match that loses in step 2 is dropped
 * and a winning one has by then beaten every match it contains. */

static void absorb_contained(const tg_model *m, tg_candidate_vec *cands, tg_candidate *tmp)
{
    if (cands->n > 1) /* v is NULL when there are none (fuzzing) */
        sort_by_start(cands->v, cands->n, tmp);
    for (size_t i = 0; i < cands->n; i++) {
        tg_candidate *r = &cands->v[i];
        if (listed(r))
            continue;
        int person = r->rule != TG_NONE &&
                     !strcmp(tg_model_str(m, m->rules.v.v[r->rule].type), "PERSON");
        unsigned langs = person ? m->rules.v.v[r->rule].langs : 0;
        int cyrillic_person = langs && !(langs & (TG_LANG_EN | TG_LANG_OTHER));
        /* Candidates starting at r's start sort longest first, so those inside r
         * come after it (or before it, at its start, when they are longer: skip). */
        size_t j = i;
        while (j > 0 && cands->v[j - 1].byte_start == r->byte_start)
            j--;
        for (; j < cands->n && cands->v[j].byte_start < r->byte_end; j++) {
            const tg_candidate *g = &cands->v[j];
            /* A person's cue beats a town's name, but not a capital's or a big
             * city's (TOWN_PERSON_WEIGHT): "министра ... Великобритании Москва". */
            if (person && g->byte_start == r->byte_start && g->byte_end == r->byte_end &&
                r->priority <= g->priority && tg_candidate_is_town(m, g) &&
                m->entities.v[g->def].max_weight < TOWN_PERSON_WEIGHT)
                r->priority = g->priority + 1;
            if (!listed(g) || g->byte_end > r->byte_end ||
                g->byte_end - g->byte_start >= r->byte_end - r->byte_start)
                continue;
            /* A Ukrainian or Russian person's name around a country's is a
             * sentence's first word read as a given name: "Власти Пакистана"
             * (Власта, a Czech name, and "власти", the authorities). English has
             * such surnames (Neil Jordan, Trevor Holland); Cyrillic news names a
             * country in the genitive there. */
            if (cyrillic_person && is_country(m, g))
                continue;
            if (r->priority < g->priority)
                r->priority = g->priority;
            if (!person && carries_topics(m, g) && stronger(m, g->def, r->topic_def))
                r->topic_def = g->def;
            if (person && g->byte_end == r->byte_end &&
                !strcmp(tg_model_str(m, m->entities.v[g->def].type), "PERSON"))
                r->def = g->def;
        }
    }
}

int tg_resolve(const tg_model *m, tg_candidate_vec *cands, tg_candidate_vec *won)
{
    /* `won` is the sorts' merge buffer until the winners go into it. */
    won->n = 0;
    if (vec_reserve(*won, cands->n / 2 + 1))
        return -1;
    absorb_contained(m, cands, won->v);
    /* An empty document has no candidate array at all (v is NULL), and the sort and
     * memcpy must not be given NULL even for zero elements (found by fuzzing). */
    if (cands->n > 1)
        sort_by_precedence(cands->v, cands->n, won->v);
    for (size_t i = 0; i < cands->n; i++) {
        const tg_candidate *c = &cands->v[i];
        size_t lo = tg_candidates_after(won, c->byte_start);
        if (lo < won->n && won->v[lo].byte_start < c->byte_end)
            continue; /* overlaps */
        if (vec_reserve(*won, 1))
            return -1;
        memmove(won->v + lo + 1, won->v + lo, (won->n - lo) * sizeof *won->v);
        won->v[lo] = *c;
        won->n++;
    }
    cands->n = 0;
    if (vec_reserve(*cands, won->n))
        return -1;
    if (won->n)
        memcpy(cands->v, won->v, won->n * sizeof *won->v);
    cands->n = won->n;
    return 0;
}
