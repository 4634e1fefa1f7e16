/*
 * place_adjective.c - a place named as an adjective of a hyphenated compound
 * (place_adjective.h).
 */
#include "place_adjective.h"

#include "model.h"
#include "token_at.h"

/* The second words of the compounds, folded. */
static const char *const SECOND_WORDS[] = {"based",      "owned", "controlled", "listed",
                                           "registered", "bound", "led",        "born",
                                           "headquartered", NULL};

/* Is token t a hyphen right after the token before it, with a word right after it? */
static int joining_hyphen(const tg_token *t, const char *norm)
{
    return !(t->flags & TK_WORD) && t->norm_len == 1 && norm[t->norm_off] == '-' &&
           t[-1].byte_end == t->byte_start && t[1].byte_start == t->byte_end;
}

void tg_place_adjectives(const tg_model *m, const tg_token *tokens, size_t ntokens,
                         const char *norm, tg_candidate_vec *cands)
{
    for (size_t i = 0; i < cands->n; i++) {
        tg_candidate *c = &cands->v[i];
        if (c->def == TG_NONE || c->team || m->entities.v[c->def].type != m->kind.place)
            continue;
        size_t k = tg_token_at(tokens, ntokens, c->byte_end);
        if (k == 0 || k + 1 >= ntokens || tokens[k].byte_start != c->byte_end ||
            !joining_hyphen(&tokens[k], norm) || !tg_token_in(&tokens[k + 1], norm, SECOND_WORDS))
            continue;
        uint32_t end = tokens[k + 1].byte_end;
        if (i + 1 < cands->n && cands->v[i + 1].byte_start < end)
            continue;
        c->byte_end = end;
        c->place_adjective = 1;
    }
}
