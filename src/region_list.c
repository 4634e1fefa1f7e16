/*
 * region_list.c - the listed region that an item of a list of regions names (what
 * and why: region_list.h).
 */
#include "region_list.h"

#include "matcher.h"

#include <stdlib.h>
#include <string.h>

/* How far after the item the list's noun may be: the items between, each a comma or
 * a conjunction and an adjective ("Белгородской, Курской, Брянской и Орловской
 * областями"). */
enum { NOUN_REACH = 16 };

/* The conjunctions that join a list's items (folded), which are not its noun. */
static int conjunction(const char *w, size_t n)
{
    static const char *const WORDS[] = {"та", "і", "й", "и", "а", "також", NULL};
    for (size_t i = 0; WORDS[i]; i++)
        if (strlen(WORDS[i]) == n && !memcmp(w, WORDS[i], n))
            return 1;
    return 0;
}

/* The list's noun after token `item`: the first word with no capital that is no
 * conjunction, or SIZE_MAX. */
static size_t list_noun(const tg_token *tokens, size_t ntokens, const char *norm, size_t item)
{
    for (size_t t = item + 1; t < ntokens && t <= item + NOUN_REACH; t++) {
        const tg_token *k = &tokens[t];
        if (!(k->flags & TK_WORD) || (k->flags & TK_HAS_UPPER))
            continue;
        if (!conjunction(norm + k->norm_off, k->norm_len))
            return t;
    }
    return SIZE_MAX;
}

uint32_t tg_region_of_list_item(const tg_model *m, const char *text, const tg_token *tokens,
                                size_t ntokens, const char *norm, size_t item)
{
    size_t noun = list_noun(tokens, ntokens, norm, item);
    if (noun == SIZE_MAX)
        return TG_NONE;
    /* The two words side by side, as a text of their own: their input bytes and their
     * folded bytes, a space between, and the tokens moved there. */
    const tg_token *a = &tokens[item], *b = &tokens[noun];
    size_t a_bytes = a->byte_end - a->byte_start, b_bytes = b->byte_end - b->byte_start;
    size_t text_len = a_bytes + 1 + b_bytes, norm_len = a->norm_len + 1 + b->norm_len;
    char *buf = malloc(text_len + norm_len);
    if (!buf)
        return TG_NONE;
    char *t2 = buf, *n2 = buf + text_len;
    memcpy(t2, text + a->byte_start, a_bytes);
    t2[a_bytes] = ' ';
    memcpy(t2 + a_bytes + 1, text + b->byte_start, b_bytes);
    memcpy(n2, norm + a->norm_off, a->norm_len);
    n2[a->norm_len] = ' ';
    memcpy(n2 + a->norm_len + 1, norm + b->norm_off, b->norm_len);
    tg_token two[2] = {*a, *b};
    two[0].byte_start = 0;
    two[0].byte_end = (uint32_t)a_bytes;
    two[0].norm_off = 0;
    two[1].byte_start = (uint32_t)a_bytes + 1;
    two[1].byte_end = (uint32_t)text_len;
    two[1].norm_off = a->norm_len + 1;
    two[1].flags &= ~(uint32_t)(TK_LINE_START | TK_SENT_START);
    uint32_t cp_len = a->cp_end - a->cp_start;
    two[0].cp_start = 0;
    two[0].cp_end = cp_len;
    two[1].cp_start = cp_len + 1;
    two[1].cp_end = cp_len + 1 + (b->cp_end - b->cp_start);
    tg_u32_vec cand = {0}, cand_off = {0}, starts = {0};
    tg_u64_vec hash = {0};
    tg_gaz_match_vec out = {0};
    uint32_t region = TG_NONE;
    if (!tg_matcher_scan(&m->gaz, &m->fold, t2, two, 2, n2, 1, &cand, &cand_off, &starts,
                         &hash, &out))
        for (size_t i = 0; i < out.n && region == TG_NONE; i++) {
            if (out.v[i].first != 0 || out.v[i].last != 1)
                continue;
            for (uint32_t al = out.v[i].alias; al != TG_NONE && region == TG_NONE;
                 al = m->gaz.aliases.v[al].next) {
                const tg_entity_def *d = &m->entities.v[m->gaz.aliases.v[al].entity];
                if (d->type == m->kind.place && d->subtype == m->kind.region)
                    region = m->gaz.aliases.v[al].entity;
            }
        }
    vec_free(cand);
    vec_free(cand_off);
    vec_free(starts);
    vec_free(hash);
    vec_free(out);
    free(buf);
    return region;
}
