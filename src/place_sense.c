/*
 * place_sense.c - the tally of countries behind a segment's names (place_sense.h).
 *
 * A segment names few countries, so the tally is a short array searched from the
 * start, with no allocation and nothing to clear but its count.
 */
#include "place_sense.h"

#include "resolve.h"

#include <string.h>

uint32_t tg_sense_country(const tg_model *m, uint32_t def)
{
    const tg_entity_def *d = &m->entities.v[def];
    uint32_t best = TG_NONE;
    float w = -1.0f;
    for (uint32_t i = 0; i < d->link_count; i++) {
        const tg_link *l = &m->links.v[d->link_first + i];
        if (l->weight > w) {
            w = l->weight;
            best = l->topic;
        }
    }
    return best;
}

/* The tally's entry for a topic, added when there is room; NULL when there is not. */
static tg_sense_entry *entry(tg_sense_tally *t, uint32_t topic, int add)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (t->v[i].topic == topic)
            return &t->v[i];
    if (!add || t->n == TG_SENSE_COUNTRIES)
        return NULL;
    t->v[t->n].topic = topic;
    t->v[t->n].support = 0;
    t->v[t->n].places = 0;
    t->v[t->n].regions = 0;
    return &t->v[t->n++];
}

/* A country inside a country: England, Scotland, Wales, Northern Ireland (ISO 3166-2
 * subdivisions of GB that news and sport treat as countries, subtype country). It
 * puts a text in the territory as a region does: "Солсбери" in a story of England and
 * London is the English town, not the bigger one in North Carolina. */
static int country_within(const tg_model *m, uint32_t def)
{
    const tg_entity_def *d = &m->entities.v[def];
    return d->type == m->kind.place && d->subtype == m->kind.country &&
           !strncmp(tg_model_str(m, d->id), "region:", 7);
}

void tg_sense_add(const tg_model *m, tg_sense_tally *t, uint32_t def)
{
    uint32_t topic = tg_sense_country(m, def);
    if (topic == TG_NONE)
        return;
    tg_sense_entry *e = entry(t, topic, 1);
    if (!e)
        return;
    if (e->support < UINT16_MAX)
        e->support++;
    if (!tg_def_is_town_or_region(m, def) && !country_within(m, def))
        return;
    for (uint32_t i = 0; i < t->nplaces; i++)
        if (t->place[i] == def)
            return;
    if (t->nplaces == TG_SENSE_COUNTRIES)
        return;
    t->place[t->nplaces++] = def;
    e->places++;
    if (!tg_def_is_town(m, def))
        e->regions++;
}

void tg_sense_add_region(tg_sense_tally *t, uint32_t topic)
{
    tg_sense_entry *e = entry(t, topic, 1);
    if (!e)
        return;
    if (e->support < UINT16_MAX)
        e->support++;
    if (e->places < UINT16_MAX)
        e->places++;
    if (e->regions < UINT16_MAX)
        e->regions++;
}

unsigned tg_sense_places(const tg_sense_tally *t, uint32_t topic, int big)
{
    for (uint32_t i = 0; i < t->n; i++) {
        const tg_sense_entry *e = &t->v[i];
        if (e->topic != topic)
            continue;
        int enough = big ? e->regions >= 1 && e->places >= 3 : e->regions >= 1 || e->places >= 3;
        return enough ? e->places : 0;
    }
    return 0;
}

int tg_sense_may_yield(const tg_model *m, const tg_sense_tally *t, uint32_t def)
{
    if (m->entities.v[def].type != m->kind.place)
        return 0;
    uint32_t topic = tg_sense_country(m, def);
    for (uint32_t i = 0; i < t->n; i++)
        if (t->v[i].topic == topic)
            return t->v[i].support == 0;
    return 1;
}

int tg_sense_only(const tg_sense_tally *t, uint32_t topic)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (t->v[i].topic != topic && t->v[i].support > 0)
            return 0;
    return 1;
}
