/*
 * town_region.c - "Town, Region" (what and why: town_region.h).
 *
 * These tests run only where a gazetteer match is followed by a comma; types and
 * subtypes compare as the string ids of m->kind.
 */
#include "town_region.h"

#include "model.h"

#include <string.h>

uint32_t tg_region_topic(const tg_model *m, uint32_t def, uint32_t rule)
{
    uint32_t first, count;
    if (def != TG_NONE) {
        const tg_entity_def *d = &m->entities.v[def];
        if (d->type != m->kind.place ||
            !(d->subtype == m->kind.region || d->subtype == m->kind.country))
            return TG_NONE;
        first = d->link_first;
        count = d->link_count;
    } else if (rule != TG_NONE) {
        const tg_rule *r = &m->rules.v.v[rule];
        if (r->type != m->kind.place)
            return TG_NONE;
        first = r->link_first;
        count = r->link_count;
    } else {
        return TG_NONE;
    }
    return count == 1 ? m->links.v[first].topic : TG_NONE;
}

int tg_links_to(const tg_model *m, uint32_t def, uint32_t topic)
{
    const tg_entity_def *d = &m->entities.v[def];
    for (uint32_t i = 0; i < d->link_count; i++)
        if (m->links.v[d->link_first + i].topic == topic)
            return 1;
    return 0;
}

static int token_is(const char *text, const tg_token *t, const char *word)
{
    size_t n = strlen(word);
    return t->byte_end - t->byte_start == n && !memcmp(text + t->byte_start, word, n);
}

int tg_comma_after(const char *text, const tg_token *tokens, size_t ntokens, uint32_t last)
{
    return (size_t)last + 2 < ntokens && token_is(text, &tokens[last + 1], ",");
}

/* "and", "or" in English, Ukrainian and Russian, and "&". */
static int is_conjunction(const char *text, const tg_token *t)
{
    static const char *const words[] = {"and", "or", "&", "і", "й", "та", "або", "чи", "и", "или"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (token_is(text, t, words[i]))
            return 1;
    return 0;
}

int tg_in_list(const char *text, const tg_token *tokens, uint32_t first)
{
    return first > 0 && (token_is(text, &tokens[first - 1], ",") ||
                         is_conjunction(text, &tokens[first - 1]));
}

int tg_list_goes_on(const char *text, const tg_token *tokens, size_t ntokens, uint32_t last)
{
    size_t t = (size_t)last + 1;
    if (t < ntokens && token_is(text, &tokens[t], ","))
        t++;
    return t < ntokens && is_conjunction(text, &tokens[t]);
}

uint32_t tg_region_rule_at(const tg_model *m, const tg_rule_match *rm, size_t nrm,
                           uint32_t start, uint32_t *end_byte)
{
    for (size_t i = 0; i < nrm; i++) {
        if (rm[i].byte_start != start)
            continue;
        uint32_t topic = tg_region_topic(m, TG_NONE, rm[i].rule);
        if (topic != TG_NONE) {
            *end_byte = rm[i].byte_end;
            return topic;
        }
    }
    return TG_NONE;
}
