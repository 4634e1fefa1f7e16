/*
 * name_adjective.c - a place's or an organisation's name as an adjective of a
 * hyphenated compound (name_adjective.h).
 */
#include "name_adjective.h"

#include "model.h"
#include "token_at.h"

/* The second words of the compounds, folded. */
static const char *const SECOND_WORDS[] = {
    "based",  "owned",  "controlled", "listed",   "registered", "bound",    "led",
    "born",   "backed", "brokered",   "sponsored", "mediated",  "ruled",    "funded",
    "financed", "occupied", "held",   "allied",   "supported",  "headquartered", NULL};

/* The first words of the compounds whose second is the name ("pro-Moscow",
 * "ex-England", "anti-Rangoon", "mid-Norway"), folded. */
static const char *const FIRST_WORDS[] = {"pro", "anti", "ex", "non", "mid", NULL};

/* Is token t a hyphen right after the token before it, with a word right after it? */
static int joining_hyphen(const tg_token *t, const char *norm)
{
    return tg_token_is_char(t, norm, '-') && t[-1].byte_end == t->byte_start &&
           t[1].byte_start == t->byte_end;
}

/* Where the compound that the name starting at token `first` is part of begins, or
 * TG_NONE: the word before it, in lower case, "pro-Moscow" ("Mid-Glamorgan" is a
 * place's own name). */
static uint32_t compound_start(const tg_token *tokens, const char *norm, size_t first)
{
    if (first < 2 || !(tokens[first].flags & TK_FIRST_UPPER) ||
        !joining_hyphen(&tokens[first - 1], norm) ||
        !tg_token_in(&tokens[first - 2], norm, FIRST_WORDS) ||
        (tokens[first - 2].flags & TK_FIRST_UPPER))
        return TG_NONE;
    return tokens[first - 2].byte_start;
}

/* ... or where it ends, for a name that ends at byte `end`: the word after it,
 * "Boston-based". */
static uint32_t compound_end(const tg_token *tokens, size_t ntokens, const char *norm,
                             uint32_t end)
{
    size_t after = tg_token_at(tokens, ntokens, end);
    if (after == 0 || after + 1 >= ntokens || tokens[after].byte_start != end ||
        !joining_hyphen(&tokens[after], norm) ||
        !tg_token_in(&tokens[after + 1], norm, SECOND_WORDS))
        return TG_NONE;
    return tokens[after + 1].byte_end;
}

void tg_name_adjectives(const tg_model *m, const char *text, size_t len,
                        const tg_token *tokens, size_t ntokens, const char *norm,
                        tg_candidate_vec *cands)
{
    for (size_t i = 0; i < cands->n; i++) {
        tg_candidate *c = &cands->v[i];
        /* A hyphen at either end first: most names have none (the look-ups below
         * for every name cost 0.9% of tagging English news). */
        if (!(c->byte_end < len && text[c->byte_end] == '-') &&
            !(c->byte_start > 0 && text[c->byte_start - 1] == '-'))
            continue;
        /* A place or a body, listed or a rule's ("Mo.-based", "Viacom Inc-owned") */
        uint32_t type = tg_candidate_type_id(m, c);
        if (c->team || (type != m->kind.place && type != m->kind.org))
            continue;
        size_t first = tg_token_at(tokens, ntokens, c->byte_start);
        if (first >= ntokens || tokens[first].byte_start != c->byte_start)
            continue;
        uint32_t start = compound_start(tokens, norm, first);
        if (start != TG_NONE && (i == 0 || cands->v[i - 1].byte_end <= start)) {
            c->byte_start = start;
            c->adjective = 1;
            continue;
        }
        uint32_t end = compound_end(tokens, ntokens, norm, c->byte_end);
        if (end != TG_NONE && (i + 1 == cands->n || cands->v[i + 1].byte_start >= end)) {
            c->byte_end = end;
            c->adjective = 1;
        }
    }
}
