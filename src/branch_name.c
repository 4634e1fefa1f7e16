/*
 * branch_name.c - a state body's regional branch, named with the region it serves
 * (what and why: branch_name.h).
 */
#include "branch_name.h"

#include <string.h>

/* Words (folded) of a branch's name, in the cases a name takes, which "у" or "в" and
 * the region in the locative follow: the first word ("Управління СБУ", "Головного
 * управління юстиції") or a later one ("Державної фінансової інспекції", "Слідче
 * управління ГУ Національної поліції"). */
static const char *const HEADS[] = {
    "управління", "управлінню", "управлінням", "управлінні",
    "головне", "головного", "головному", "головним", "гу",
    "відділ", "відділу", "відділом", "відділі",
    "відділення", "відділенню", "відділенням", "відділенні",
    "департамент", "департаменту", "департаментом", "департаменті",
    "прокуратура", "прокуратури", "прокуратурі", "прокуратуру", "прокуратурою",
    "служба", "служби", "службі", "службу", "службою",
    "інспекція", "інспекції", "інспекцію", "інспекцією",
    "митниця", "митниці", "митницю", "митницею",
    "філія", "філії", "філію", "філією",
    "слідче", "слідчого", "територіальне", "територіального", "регіональне",
    "регіонального", NULL};

/* Subtypes of listed bodies that have a branch in each region ("СБУ у Волинській
 * області", "ДСНС України в Івано-Франківській області", "Держгеокадастру у ..."). */
static const char *const BRANCHED_SUBTYPES[] = {"agency", "security-service", "intelligence",
                                                NULL};

/* The byte after token t's folded text. */
static const char *norm_end(const tg_token *t, const char *norm)
{
    return norm + t->norm_off + t->norm_len;
}

static int word_in(const tg_token *t, const char *norm, const char *const *words)
{
    return (t->flags & TK_WORD) && tg_token_in(t, norm, words);
}

static int is_word(const tg_token *t, const char *norm, const char *w)
{
    const char *const words[] = {w, NULL};
    return word_in(t, norm, words);
}

/* Only spaces between bytes a and b: the words are on one line, nothing between. */
static int spaces_only(const char *text, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b; i++)
        if (text[i] != ' ' && text[i] != '\t')
            return 0;
    return a < b;
}

/* Is candidate p a region, listed or found by a rule? */
static int is_region(const tg_model *m, const tg_candidate *p)
{
    if (p->def != TG_NONE) {
        const tg_entity_def *d = &m->entities.v[p->def];
        return d->type == m->kind.place && d->subtype == m->kind.region;
    }
    if (p->rule == TG_NONE)
        return 0;
    const tg_rule *r = &m->rules.v.v[p->rule];
    return r->type == m->kind.place &&
           (r->subtype == m->kind.region || r->subtype == m->kind.admin_unit);
}

typedef struct branch_scan {
    const tg_model *m;
    const char *text;
    const tg_token *tokens;
    size_t ntokens;
    const char *norm;
    tg_candidate_vec *won;
} branch_scan;

/* Is candidate p a city? */
static int is_city(const tg_model *m, const tg_candidate *p)
{
    return p->def != TG_NONE && m->entities.v[p->def].subtype == m->kind.city;
}

/* The token after "м." or "місті" at token k (k itself when neither is there): a city
 * is named so in a branch's name ("ГУ ДФС у м. Києві", "в місті Києві"). */
static size_t after_city_word(const branch_scan *b, size_t k)
{
    const tg_token *tk = b->tokens;
    if (k + 2 < b->ntokens && is_word(&tk[k], b->norm, "м") && tk[k + 1].norm_len == 1 &&
        b->norm[tk[k + 1].norm_off] == '.')
        return k + 2;
    return k + 1 < b->ntokens && is_word(&tk[k], b->norm, "місті") ? k + 1 : k;
}

/* Does token `after`, right after a place, go on to another: "та", "і", "й", or a
 * comma and a capital ("СБУ в Донецькій та Луганській областях", "МЗС Польщі і Литви")? */
static int more_places_after(const branch_scan *b, size_t after)
{
    static const char *const AND[] = {"та", "і", "й", "и", NULL};
    const tg_token *tk = b->tokens;
    return after < b->ntokens &&
           (word_in(&tk[after], b->norm, AND) ||
            (tk[after].norm_len == 1 && b->norm[tk[after].norm_off] == ',' &&
             after + 1 < b->ntokens && (tk[after + 1].flags & TK_FIRST_UPPER)));
}

/* Token k is the joiner "у" or "в" right after byte `end` on the line, and
 * won->v[next] a region that starts at token k + 1, or a city after "м." or "місті"? */
static int region_after(const branch_scan *b, uint32_t end, size_t k, size_t next)
{
    const tg_token *tk = b->tokens;
    /* (Both joiners are two bytes: most tokens after a name are told apart by their
     * length, before any compare; this runs after every organisation in any text.) */
    if (!(k + 1 < b->ntokens && next < b->won->n && tk[k].norm_len == 2 &&
          (is_word(&tk[k], b->norm, "у") || is_word(&tk[k], b->norm, "в")) &&
          spaces_only(b->text, end, tk[k].byte_start) &&
          spaces_only(b->text, tk[k].byte_end, tk[k + 1].byte_start)))
        return 0;
    const tg_candidate *p = &b->won->v[next];
    /* Not the first of several. */
    if (more_places_after(b, tg_token_at_from(tk, b->ntokens, k + 1, p->byte_end)))
        return 0;
    size_t at = after_city_word(b, k + 1);
    return at == k + 1 ? p->byte_start == tk[k + 1].byte_start && is_region(b->m, p)
                       : p->byte_start == tk[at].byte_start && is_city(b->m, p) &&
                             tk[at].byte_start - tk[at - 1].byte_end <= 1;
}

/* Does organisation c, whose first token is tok, name a branch: a word of its name
 * among HEADS, or a listed body of a BRANCHED_SUBTYPES kind? */
static int names_a_branch(const branch_scan *b, const tg_candidate *c, size_t tok)
{
    if (c->def != TG_NONE && c->rule == TG_NONE) {
        const char *subtype = tg_model_str(b->m, b->m->entities.v[c->def].subtype);
        for (const char *const *s = BRANCHED_SUBTYPES; *s; s++)
            if (!strcmp(subtype, *s))
                return 1;
    }
    for (size_t t = tok; t < b->ntokens && b->tokens[t].byte_start < c->byte_end; t++)
        if (word_in(&b->tokens[t], b->norm, HEADS))
            return 1;
    return 0;
}

/* Kinds of listed bodies, and of names the rules find, that belong to a state or a
 * region: its ministries, parliament, courts, services and councils (owner_tail). */
static const char *const STATE_BODY_KINDS[] = {
    "ministry", "parliament", "legislature", "government", "agency", "central-bank", "court",
    "military", "intelligence", "security-service", "statistics", "police", "local-body",
    "org-head", "compound-name", NULL};

/* Is organisation c, whose first token is tok, a state body by its kind, and written in
 * Cyrillic (a Latin name before a place is a firm's: "Deutsche Bank", "Ryanair")? */
static int is_state_body(const branch_scan *b, const tg_candidate *c, size_t tok)
{
    if (!((unsigned char)b->norm[b->tokens[tok].norm_off] & 0x80))
        return 0;
    uint32_t subtype = c->def != TG_NONE    ? b->m->entities.v[c->def].subtype
                       : c->rule != TG_NONE ? b->m->rules.v.v[c->rule].subtype
                                            : TG_NONE;
    if (subtype == TG_NONE)
        return 0;
    const char *kind = tg_model_str(b->m, subtype);
    for (const char *const *k = STATE_BODY_KINDS; *k; k++)
        if (!strcmp(kind, *k))
            return 1;
    return 0;
}

/* Is candidate p a listed country or region, or a city of 300,000 people or more?
 * A big city's districts have their own courts and councils, named after the city
 * ("Корабельного райсуду Миколаєва"); a small town's are named by its adjective, and
 * a small place's name in the genitive is often a word ("Центрального" of a village
 * Центральне in "Управління розслідувань Центрального апарату"). */
static int is_listed_owner(const tg_model *m, const tg_candidate *p)
{
    if (p->def == TG_NONE || p->rule != TG_NONE)
        return 0;
    const tg_entity_def *d = &m->entities.v[p->def];
    return d->type == m->kind.place &&
           (d->subtype == m->kind.country || d->subtype == m->kind.region ||
            (d->subtype == m->kind.city && d->max_weight >= TG_BIG_TOWN_WEIGHT));
}

/* Do listed entries a and b link to a topic in common? */
static int share_topic(const tg_model *m, uint32_t a, uint32_t b)
{
    const tg_entity_def *da = &m->entities.v[a], *db = &m->entities.v[b];
    for (uint32_t i = 0; i < da->link_count; i++)
        for (uint32_t j = 0; j < db->link_count; j++)
            if (m->links.v[da->link_first + i].topic == m->links.v[db->link_first + j].topic)
                return 1;
    return 0;
}

/* Is state body c (won->v[i], its first token tok) followed, past one space, by the
 * listed place it belongs to, won->v[i + 1], in the genitive ("Госдумы России",
 * "Нацгвардії України", "МИД ФРГ", "Минздрава Карелии", "райсуду Миколаєва")? Then c is
 * extended over the place, which it takes in. A listed body that links to the place's
 * country stays that entry; another (a generic "МИД", Ukraine's "Мінфін" before
 * "Британії") is that place's body: its kind without the entry's identity, and the
 * place's topics. */
static int owner_tail(const branch_scan *b, size_t i, tg_candidate *c, size_t tok)
{
    if (i + 1 >= b->won->n)
        return 0;
    const tg_candidate *owner = &b->won->v[i + 1];
    if (owner->byte_start != c->byte_end + 1 || b->text[c->byte_end] != ' ' ||
        !is_listed_owner(b->m, owner) || !is_state_body(b, c, tok) ||
        more_places_after(b, tg_token_at_from(b->tokens, b->ntokens, tok, owner->byte_end)))
        return 0;
    if (c->def != TG_NONE && !share_topic(b->m, c->def, owner->def)) {
        c->kind_only = 1;
        c->topic_def = owner->def;
    } else if (c->def == TG_NONE && c->topic_def == TG_NONE) {
        c->topic_def = owner->def; /* a rule's name carries the place's topics */
    }
    c->byte_end = owner->byte_end;
    return 1;
}

/* A body's regional unit, named before it: "Черкаське ОТВ АМКУ", "Луганського
 * обласного тервідділення АМКУ", "Вінницьке обласне відділення Фонду ...", "Регіональному
 * відділенню ФДМУ". The unit's noun, in its cases, right before the body ... */
static const char *const UNITS[] = {
    "відділення", "відділенню", "відділенням", "відділенні",
    "тервідділення", "тервідділенню", "тервідділенням", "тервідділенні",
    "облтервідділення", "облтервідділенню", "облтервідділенням", "облтервідділенні",
    "отв", "філія", "філії", "філію", "філією", NULL};
/* ... at most two of these words before the noun ... */
static const char *const UNIT_QUALIFIERS[] = {
    "обласне", "обласного", "обласному", "обласним", "обласна", "обласної", "обласній",
    "обласною", "обласну", "територіальне", "територіального", "територіальному",
    "територіальним", "регіональне", "регіонального", "регіональному", "регіональним",
    "регіональна", "регіональної", "регіональній", "регіональною", "регіональну", NULL};

/* ... and first a capitalised place's adjective (Черкаське, Луганського, Київській), or
 * a capitalised qualifier. */
static int place_adjective(const tg_token *t, const char *norm)
{
    static const char *const ENDS[] = {"ське", "ського", "ському", "ським", "цьке", "цького",
                                       "цькому", "цьким", "зьке", "зького", "зькому", "зьким",
                                       "ська", "ської", "ській", "ською", "ську", "цька",
                                       "цької", "цькій", "цькою", "цьку", NULL};
    if ((t->flags & (TK_WORD | TK_FIRST_UPPER)) != (TK_WORD | TK_FIRST_UPPER))
        return 0;
    for (const char *const *e = ENDS; *e; e++) {
        size_t n = strlen(*e);
        if (t->norm_len > n + 4 && !memcmp(norm_end(t, norm) - n, *e, n))
            return 1;
    }
    return 0;
}

/* Where a regional unit's name before organisation c (first token tok) begins: its
 * first token, or tok when there is none. Only spaces between its words. */
static size_t unit_before(const branch_scan *b, size_t tok)
{
    const tg_token *tk = b->tokens;
    /* (Every unit's noun has three letters or more: most words before a name, "в",
     * "з", "та", are told apart by their length, before any compare.) */
    if (tok < 2 || tk[tok - 1].norm_len < 6 || !word_in(&tk[tok - 1], b->norm, UNITS) ||
        !spaces_only(b->text, tk[tok - 1].byte_end, tk[tok].byte_start))
        return tok;
    size_t t = tok - 1, quals = 0;
    while (t > 0 && quals < 2 && word_in(&tk[t - 1], b->norm, UNIT_QUALIFIERS) &&
           spaces_only(b->text, tk[t - 1].byte_end, tk[t].byte_start)) {
        t--;
        quals++;
    }
    if (t > 0 && place_adjective(&tk[t - 1], b->norm) &&
        spaces_only(b->text, tk[t - 1].byte_end, tk[t].byte_start))
        return t - 1;
    return quals && (tk[t].flags & TK_FIRST_UPPER) ? t : tok;
}

/* Does organisation c (won->v[i], moved down to its place among the kept ones; its
 * first token is tok) name a branch and the region after it, won->v[i + 1]? Then c is
 * extended over the region, which it takes in; prev_end: where the candidate kept
 * before c ends. */
static int branch_tail(const branch_scan *b, size_t i, tg_candidate *c, size_t tok,
                       uint32_t prev_end)
{
    const tg_token *tk = b->tokens;
    /* "ГУ" right before a listed body heads its name ("ГУ Нацполіції"). */
    int gu = tok > 0 && c->rule == TG_NONE && c->def != TG_NONE && tk[tok - 1].norm_len == 4 &&
             is_word(&tk[tok - 1], b->norm, "гу") && tk[tok - 1].byte_start >= prev_end &&
             spaces_only(b->text, tk[tok - 1].byte_end, tk[tok].byte_start);
    if (!region_after(b, c->byte_end, tg_token_at_from(tk, b->ntokens, tok, c->byte_end), i + 1) ||
        !(gu || names_a_branch(b, c, tok)))
        return 0;
    const tg_candidate *region = &b->won->v[i + 1];
    if (c->def == TG_NONE && c->topic_def == TG_NONE)
        c->topic_def = region->def; /* a rule's name carries the region's topics */
    c->byte_end = region->byte_end;
    if (gu) {
        c->byte_start = tk[tok - 1].byte_start;
        c->token = (uint32_t)(tok - 1);
    }
    return 1;
}

/* Extend organisation c (won->v[kept], its first token tok) back over a regional unit's
 * name before it (unit_before), taking in the place the kept candidate before it found
 * for the unit's adjective ("Черкаське"). Returns 1 when that candidate was taken in
 * (c must then move down one), else 0. */
static int unit_head(const branch_scan *b, size_t kept, tg_candidate *c, size_t tok)
{
    size_t start = unit_before(b, tok);
    if (start == tok)
        return 0;
    const tg_token *first = &b->tokens[start];
    const tg_candidate *prev = kept ? &b->won->v[kept - 1] : NULL;
    int absorb = prev && prev->byte_end > first->byte_start;
    if (absorb && (prev->byte_start != first->byte_start || prev->byte_end != first->byte_end ||
                   tg_candidate_type_id(b->m, prev) != b->m->kind.place))
        return 0; /* a name runs into the unit's: leave both */
    if (absorb && c->def == TG_NONE && c->topic_def == TG_NONE)
        c->topic_def = prev->def;
    c->byte_start = first->byte_start;
    c->token = (uint32_t)start;
    return absorb;
}

void tg_branch_names(const tg_model *m, const char *text, const tg_token *tokens,
                     size_t ntokens, const char *norm, tg_candidate_vec *won)
{
    branch_scan b = {m, text, tokens, ntokens, norm, won};
    size_t kept = 0, tok = 0;
    uint32_t prev_end = 0;
    for (size_t i = 0; i < won->n; i++) {
        tg_candidate *c = &won->v[kept];
        if (kept != i)
            *c = won->v[i];
        size_t took = 0;
        if (!c->team && !c->in_list && tg_candidate_type_id(m, c) == m->kind.org) {
            tok = tg_candidate_token(c, tokens, ntokens, tok);
            if (tok < ntokens) {
                /* "ГУ ДСНС України у Львівській області": the state, then the region. */
                took = (size_t)owner_tail(&b, i, c, tok);
                took += (size_t)branch_tail(&b, i + took, c, tok, prev_end);
                if (unit_head(&b, kept, c, tok)) {
                    won->v[kept - 1] = *c; /* the unit's place, taken in */
                    c = &won->v[--kept];
                }
            }
        }
        kept++;
        prev_end = c->byte_end;
        i += took;
    }
    won->n = kept;
}
