/*
 * hyphen_name.c - a listed place that is one part of a hyphenated name (what and
 * why: hyphen_name.h).
 */
#include "hyphen_name.h"

/* Are tokens a and b (b right after a) side by side, no space between? */
static int glued(const tg_token *a, const tg_token *b)
{
    return a->byte_end == b->byte_start;
}

static int is_hyphen(const tg_token *t, const char *norm)
{
    return t->norm_len == 1 && norm[t->norm_off] == '-';
}

/* Does some alias of match g name a place, a nationality ("US-German carmaker") or an
 * international body ("EU-US talks")? Or, with any = 1, anything listed ("Turkey-EU",
 * "Russia-Gazprom deal")? */
static int names_partner(const tg_model *m, const tg_gaz_match *g, int any)
{
    for (uint32_t a = g->alias; a != TG_NONE; a = m->gaz.aliases.v[a].next) {
        const tg_entity_def *d = &m->entities.v[m->gaz.aliases.v[a].entity];
        if (any || d->type == m->kind.place || d->type == m->kind.norp ||
            d->subtype == m->kind.international)
            return 1;
    }
    return 0;
}

/* Is the word at token w the other part of a name: a capitalised word where no
 * partner's match ends (before = 1: the word is before the hyphen) or starts (after
 * it)? Before the place only a place, a nationality or an international body is its
 * partner: another listed body there names its branch ("Интерфакс-Казахстан",
 * "АиФ-Москва"). The matches are in token order; `from` is the place's own. */
static int other_part(const tg_model *m, const tg_scratch *s, size_t from, size_t w,
                      int before)
{
    if (!(s->tokens.v[w].flags & TK_FIRST_UPPER))
        return 0;
    if (before) {
        for (size_t i = from; i-- > 0 && s->gaz.v[i].last >= w;)
            if (s->gaz.v[i].last == w && names_partner(m, &s->gaz.v[i], 0))
                return 0;
    } else {
        for (size_t i = from + 1; i < s->gaz.n && s->gaz.v[i].first <= w; i++)
            if (s->gaz.v[i].first == w && names_partner(m, &s->gaz.v[i], 1))
                return 0;
    }
    return 1;
}

int tg_place_in_hyphenated_name(const tg_model *m, const tg_scratch *s, size_t gi)
{
    const tg_token *tk = s->tokens.v;
    size_t n = s->tokens.n;
    const tg_gaz_match *g = &s->gaz.v[gi];
    size_t f = g->first, l = g->last;
    if (l + 2 < n && is_hyphen(&tk[l + 1], s->norm.v) && glued(&tk[l], &tk[l + 1]) &&
        glued(&tk[l + 1], &tk[l + 2]) && other_part(m, s, gi, l + 2, 0))
        return 1;
    return f >= 2 && is_hyphen(&tk[f - 1], s->norm.v) && glued(&tk[f - 2], &tk[f - 1]) &&
           glued(&tk[f - 1], &tk[f]) && other_part(m, s, gi, f - 2, 1);
}
