/*
 * org_short.c - a company named once with its legal form is the same company without
 * it, everywhere in the text.
 *
 * Business news names a company in full once ("McDonnell Douglas Corp said ...",
 * "Boston Scientific Corp", "Texas Instruments Inc") and then without the form
 * ("McDonnell Douglas said", "Boston Scientific shares rose"). Without this step the
 * short form is read word by word: "Douglas" the capital of the Isle of Man,
 * "Boston" the city, "Texas" the state, and each gives its place's topic to a story
 * about a company. Here the words before the form become a key; every other place
 * in the text where those words stand, capitalised, is that organisation, and
 * replaces the places, people or rule matches found inside it (one sense a text).
 * A key of one word ("Chrysler Corp": "Chrysler") only takes words no entity
 * covers, or a small town's name ("Magna International Inc": Magna, Utah): "Israel
 * Corp" must not make every "Israel" a company. A name that ends in a word any
 * company may have ("Magna International", "Ford Motor") has its first word for a
 * key as well: "Magna was up 1/8"; so does an organisation of two such words without
 * a form ("Barrick Gold" ... "Barrick", "Amnesty International" ... "Amnesty").
 *
 * The mentions refer to the full name's (`same_as`), before it as well as after:
 * tag.c gives a mention whose full name comes later that name's identity too.
 */
#include "org_short.h"

#include "resolve.h"
#include "token_at.h"

#include <string.h>

/* Legal forms that end a company's name, folded, with their lengths (asked once per
 * ORG a text has). "Co" only after "&" or a word: it is always the last token here. */
#define FORM(s) {s, sizeof s - 1}
static const struct {
    const char *s;
    size_t n;
} FORMS[] = {FORM("corp"), FORM("corporation"), FORM("inc"), FORM("incorporated"), FORM("co"),
             FORM("ltd"),  FORM("limited"),     FORM("plc"), FORM("llc"),          FORM("lp"),
             FORM("llp"),  FORM("ag"),          FORM("nv"),  FORM("sa"),           FORM("spa"),
             FORM("gmbh"), FORM("bhd"),         FORM("pty"), FORM("ab"),           FORM("asa"),
             FORM("oyj"),  FORM("oy"),          FORM("bv"),  FORM("kgaa")};
#undef FORM

/* The legal forms written as initials with full stops, their letters folded: "S.A.",
 * "N.V.", "S.p.A.", "B.V.", "L.P.", "A.G." (a token each letter and each stop). */
static const char *const DOTTED[] = {"sa", "nv", "spa", "bv", "lp", "ag"};

int tg_org_legal_form(const tg_token *t, const char *norm)
{
    if (!(t->flags & TK_WORD) || !(t->flags & TK_FIRST_UPPER) || (t->flags & TK_CYRILLIC))
        return 0;
    for (size_t i = 0; i < sizeof FORMS / sizeof *FORMS; i++)
        if (FORMS[i].n == t->norm_len && !memcmp(norm + t->norm_off, FORMS[i].s, FORMS[i].n))
            return 1;
    return 0;
}

/* Is t one ASCII letter? */
static int one_letter(const tg_token *t, const char *norm)
{
    unsigned char c = (unsigned char)norm[t->norm_off];
    return (t->flags & TK_WORD) && t->norm_len == 1 && c >= 'a' && c <= 'z';
}

/* Is t the character ch alone, right after the token before it (no space between)? */
static int joined_char(const tg_token *t, const char *norm, char ch)
{
    return tg_token_is_char(t, norm, ch) && t[-1].byte_end == t->byte_start;
}

static const char *const AND[] = {"and", NULL};

/* Is t a joint that may stand before "Co": "&" or "and" ("Merrill Lynch & Co")? */
static int co_joint(const tg_token *t, const char *norm)
{
    return tg_token_is_char(t, norm, '&') || tg_token_in(t, norm, AND);
}

size_t tg_org_legal_form_at(const tg_token *tokens, size_t ntokens, size_t k, const char *norm)
{
    if (k >= ntokens)
        return 0;
    if (tg_org_legal_form(&tokens[k], norm))
        return 1;
    const tg_token *t = &tokens[k];
    if (k + 1 < ntokens && co_joint(t, norm) && tg_org_legal_form(&t[1], norm) &&
        t[1].norm_len == 2 && !memcmp(norm + t[1].norm_off, "co", 2))
        return 2; /* "& Co", "and Co" */
    if (!(t->flags & TK_FIRST_UPPER) || !one_letter(t, norm))
        return 0;
    if (k + 2 < ntokens && norm[t->norm_off] == 'a' && joined_char(&t[1], norm, '/') &&
        one_letter(&t[2], norm) && t[2].byte_start == t[1].byte_end &&
        norm[t[2].norm_off] == 's')
        return 3; /* "A/S" */
    char letters[4];
    size_t n = 0, j = k, end;
    for (;;) {
        letters[n++] = norm[tokens[j].norm_off];
        if (j + 1 >= ntokens || !joined_char(&tokens[j + 1], norm, '.')) {
            end = j + 1;
            break;
        }
        if (n == sizeof letters || j + 2 >= ntokens || !one_letter(&tokens[j + 2], norm) ||
            tokens[j + 2].byte_start != tokens[j + 1].byte_end) {
            end = j + 2;
            break;
        }
        j += 2;
    }
    for (size_t i = 0; n >= 2 && i < sizeof DOTTED / sizeof *DOTTED; i++)
        if (strlen(DOTTED[i]) == n && !memcmp(DOTTED[i], letters, n))
            return end - k;
    return 0;
}

/* Words that end many companies' names, folded: a name "X International Inc" is
 * "X" too. Only after a first word that is no common adjective of names (GENERIC_FIRST):
 * "General Motors" is not "General", nor "American Airlines" "American". */
static const char *const GENERIC_LAST[] = {
    "international", "group", "holdings", "holding", "industries", "motor", "motors",
    "airlines", "systems", "technologies", "communications", "resources", "energy",
    "petroleum", "pharmaceuticals", "electric", "electronics", "enterprises", "bancorp",
    "financial", "entertainment", "networks", "software", "steel", "mining", "chemical",
    "chemicals", "gold", "laboratories", "mines", "minerals", "airways", "foods", "stores",
    "computer", "semiconductor", "telecommunications", NULL};
static const char *const GENERIC_FIRST[] = {
    "general", "united", "national", "international", "american", "british", "first",
    "royal", "standard", "universal", "continental", "pacific", "atlantic", "western",
    "eastern", "northern", "southern", "central", "new", "global", "world", "the", NULL};

/* A listed town under a big city's weight that is exactly tokens[t]: a one-word key
 * may take its place ("Magna" after "Magna International Inc"). */
static int small_town_at(const tg_model *m, const tg_candidate *o, const tg_token *t)
{
    return o->rule == TG_NONE && o->def != TG_NONE && o->same_as == TG_NONE &&
           o->byte_start == t->byte_start && o->byte_end == t->byte_end &&
           tg_def_is_town(m, o->def) && m->entities.v[o->def].max_weight < TG_BIG_TOWN_WEIGHT;
}

typedef struct org_key {
    size_t first, n;   /* the name's tokens before its form: tokens[first .. first+n) */
    size_t ante;       /* index in won of the full name */
} org_key;

/* Do the n tokens at t fold to the key's, with a capital on the first, and not after
 * a hyphen that joins them to a longer name ("PMC-Sierra" is no "Sierra")? */
static int key_at(const tg_token *tokens, size_t ntokens, const char *norm, const org_key *k,
                  size_t t)
{
    if (t + k->n > ntokens || !(tokens[t].flags & TK_HAS_UPPER))
        return 0;
    if (t > 0 && tokens[t - 1].byte_end == tokens[t].byte_start &&
        tokens[t - 1].norm_len == 1 && norm[tokens[t - 1].norm_off] == '-')
        return 0;
    for (size_t i = 0; i < k->n; i++) {
        const tg_token *a = &tokens[k->first + i], *b = &tokens[t + i];
        if (a->norm_len != b->norm_len ||
            memcmp(norm + a->norm_off, norm + b->norm_off, a->norm_len))
            return 0;
    }
    return 1;
}

static int is_full_stop(const tg_token *t, const char *norm)
{
    return tg_token_is_char(t, norm, '.');
}

/* Is t a comma, "&" or "and", which may stand before a legal form ("Boston Scientific,
 * Inc", "Merrill Lynch & Co") and is no part of the name without it? */
static int is_joint(const tg_token *t, const char *norm)
{
    return tg_token_is_char(t, norm, ',') || co_joint(t, norm);
}

/* The key of candidate c (an ORG): the words before its last token, a legal form,
 * with a comma, "&", "and" or a full stop before the form left out ("Boston
 * Scientific, Inc", "Goldman Sachs and Co").
 * 0 when it has none. */
static int key_of(const tg_token *tokens, size_t ntokens, size_t first, const char *norm,
                  const tg_candidate *c, org_key *k)
{
    size_t last = first;
    while (last + 1 < ntokens && tokens[last + 1].byte_start < c->byte_end)
        last++;
    if (first >= ntokens)
        return 0;
    /* The legal form that ends c, with a full stop after it or not ("Inc.", "Corp.",
     * "S.A.", "N.V"): the first token of the form, found from the end back. */
    size_t form = 0;
    for (size_t j = last; j > first && last - j < 8 && !form; j--) {
        size_t n = tg_org_legal_form_at(tokens, ntokens, j, norm);
        if (n && (j + n - 1 == last || (j + n == last && is_full_stop(&tokens[last], norm))))
            form = j;
    }
    if (!form)
        return 0;
    size_t end = form; /* one past the key's last token */
    while (end > first &&
           (is_full_stop(&tokens[end - 1], norm) || is_joint(&tokens[end - 1], norm)))
        end--;
    if (end == first || !(tokens[first].flags & TK_FIRST_UPPER) ||
        !(tokens[end - 1].flags & TK_WORD))
        return 0;
    k->first = first;
    k->n = end - first;
    return 1;
}

/* Is candidate c, whose first token is first, two words and nothing else? Its key
 * is both then (the caller keeps the first alone, for a firm's generic second). */
static int two_words(const tg_token *tokens, size_t ntokens, size_t first,
                     const tg_candidate *c, org_key *k)
{
    if (first + 1 >= ntokens || tokens[first + 1].byte_end != c->byte_end ||
        !(tokens[first].flags & TK_WORD) || !(tokens[first + 1].flags & TK_WORD) ||
        !(tokens[first].flags & TK_FIRST_UPPER))
        return 0;
    k->first = first;
    k->n = 2;
    return 1;
}

int tg_org_short_forms(const tg_model *m, const tg_token *tokens, size_t ntokens,
                       const char *norm, tg_candidate_vec *won, tg_candidate_vec *work)
{
    VEC(org_key) keys = {0};
    size_t from = 0; /* won is sorted by start: each name's first token from the last's */
    uint64_t heads = 0; /* a bit per key's first byte: most capitalised words have none */
    for (size_t i = 0; i < won->n; i++) {
        const tg_candidate *c = &won->v[i];
        if (c->same_as != TG_NONE || tg_candidate_type_id(m, c) != m->kind.org)
            continue;
        from = tg_candidate_token(c, tokens, ntokens, from);
        org_key k;
        int formal = key_of(tokens, ntokens, from, norm, c, &k);
        if (!formal && !two_words(tokens, ntokens, from, c, &k))
            continue;
        k.ante = i;
        heads |= UINT64_C(1) << (norm[tokens[k.first].norm_off] & 63);
        if (formal && vec_push(keys, k))
            goto oom;
        /* "Magna International Inc": "Magna" as well; so "Berlex Laboratories",
         * without a form, is "Berlex". */
        if (k.n == 2 && tg_token_in(&tokens[k.first + 1], norm, GENERIC_LAST) &&
            !tg_token_in(&tokens[k.first], norm, GENERIC_FIRST) &&
            (tokens[k.first].flags & TK_HAS_LOWER)) {
            k.n = 1;
            if (vec_push(keys, k))
                goto oom;
        }
    }
    if (keys.n == 0) {
        vec_free(keys);
        return 0;
    }
    /* Longer keys first, so that a word takes the longest name that stands there:
     * "Dome Mines" is not "Dome" of "Dome Petroleum Ltd". (Few keys: an insertion
     * sort, stable, so equal lengths keep their text order.) */
    for (size_t i = 1; i < keys.n; i++) {
        org_key k = keys.v[i];
        size_t j = i;
        for (; j > 0 && keys.v[j - 1].n < k.n; j--)
            keys.v[j] = keys.v[j - 1];
        keys.v[j] = k;
    }
    /* The new mentions, in text order (work), and the candidates they replace
     * (marked by an empty span, removed below). */
    work->n = 0;
    for (size_t t = 0; t < ntokens; t++) {
        if (!(tokens[t].flags & TK_FIRST_UPPER) ||
            !(heads >> (norm[tokens[t].norm_off] & 63) & 1))
            continue;
        for (size_t j = 0; j < keys.n; j++) {
            const org_key *k = &keys.v[j];
            if (!key_at(tokens, ntokens, norm, k, t))
                continue;
            uint32_t s = tokens[t].byte_start, e = tokens[t + k->n - 1].byte_end;
            /* Inside a candidate that reaches past it (the full name itself), or
             * exactly one already: nothing to do. A key of one word takes only a
             * word no entity covers. */
            size_t at = tg_candidates_after(won, s), to = at;
            int ok = 1;
            for (; to < won->n && won->v[to].byte_start < e; to++) {
                const tg_candidate *o = &won->v[to];
                if (k->n == 1 ? !small_town_at(m, o, &tokens[t])
                              : o->byte_start < s || o->byte_end > e ||
                                    (o->byte_start == s && o->byte_end == e) ||
                                    o->byte_start == o->byte_end)
                    ok = 0;
            }
            if (!ok)
                break;
            const tg_candidate *ante = &won->v[k->ante];
            tg_candidate c = {s, e, ante->priority, ante->def, ante->rule, ante->byte_start,
                              0, ante->topic_def};
            if (vec_push(*work, c))
                goto oom;
            for (size_t o = at; o < to; o++)
                won->v[o].byte_end = won->v[o].byte_start; /* replaced */
            t += k->n - 1;
            break;
        }
    }
    if (work->n) {
        size_t n = 0; /* (the keys' indices into won are not used after this) */
        for (size_t i = 0; i < won->n; i++)
            if (won->v[i].byte_start != won->v[i].byte_end)
                won->v[n++] = won->v[i];
        won->n = n;
        if (vec_reserve(*won, work->n))
            goto oom;
        /* Both sorted by start and disjoint: merge from the back, in place. */
        size_t i = won->n, j = work->n, k = won->n + work->n;
        while (j > 0) {
            if (i > 0 && won->v[i - 1].byte_start > work->v[j - 1].byte_start)
                won->v[--k] = won->v[--i];
            else
                won->v[--k] = work->v[--j];
        }
        won->n += work->n;
    }
    vec_free(keys);
    return 0;
oom:
    vec_free(keys);
    return -1;
}
