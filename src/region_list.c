/*
 * region_list.c - the listed region that an item of a list of regions names (what
 * and why: region_list.h).
 */
#include "region_list.h"

#include "matcher.h"
#include "token_at.h"

#include <stdlib.h>
#include <string.h>

/* How far after the item the list's noun may be: the items between, each a comma or
 * a conjunction and an adjective ("Белгородской, Курской, Брянской и Орловской
 * областями"), a hyphenated one three tokens. Lists of eight or more regions are
 * common in reports of shelling and blackouts ("Закарпатська, Івано-Франківська,
 * Львівська, Одеська, Чернівецька, Чернігівська, Сумська й Харківська області":
 * 19 tokens from the first); Ukraine has 24 oblasts. */
enum { NOUN_REACH = 64 };

/* The most tokens an item may have: "Івано-Франківська" has three. */
enum { ITEM_MAX_TOKENS = 7 };

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
                                size_t ntokens, const char *norm, size_t first, size_t last)
{
    if (last < first || last - first + 1 > ITEM_MAX_TOKENS)
        return TG_NONE;
    size_t noun = list_noun(tokens, ntokens, norm, last);
    if (noun == SIZE_MAX)
        return TG_NONE;
    /* The item's words as they stand ("Івано-Франківська") and the noun after a space,
     * as a text of their own: their input bytes and their folded bytes, and the tokens
     * moved there. "обл." abbreviates the noun ("Львівська, Рівненська обл."): the item
     * is looked up with the word in full, as the gazetteer lists it. */
    const tg_token *a = &tokens[first], *b = &tokens[noun];
    static const char OBLAST[] = "область";
    static const char *const ABBREVIATED[] = {"обл", NULL};
    int abbreviated = tg_token_in(b, norm, ABBREVIATED);
    const char *b_text = abbreviated ? OBLAST : text + b->byte_start;
    const char *b_norm = abbreviated ? OBLAST : norm + b->norm_off;
    size_t nitem = last - first + 1, ntok = nitem + 1;
    size_t a_bytes = tokens[last].byte_end - a->byte_start;
    size_t b_bytes = abbreviated ? strlen(OBLAST) : b->byte_end - b->byte_start;
    size_t b_norm_len = abbreviated ? strlen(OBLAST) : b->norm_len;
    size_t b_cps = abbreviated ? tg_count_cp(OBLAST, b_bytes) : b->cp_end - b->cp_start;
    size_t text_len = a_bytes + 1 + b_bytes, norm_len = b_norm_len;
    for (size_t k = first; k <= last; k++)
        norm_len += tokens[k].norm_len + 1;
    char *buf = malloc(text_len + norm_len);
    if (!buf)
        return TG_NONE;
    char *t2 = buf, *n2 = buf + text_len;
    memcpy(t2, text + a->byte_start, a_bytes);
    t2[a_bytes] = ' ';
    memcpy(t2 + a_bytes + 1, b_text, b_bytes);
    tg_token moved[ITEM_MAX_TOKENS + 1];
    size_t n_off = 0;
    for (size_t k = 0; k < ntok; k++) {
        const tg_token *from = k < nitem ? &tokens[first + k] : b;
        moved[k] = *from;
        if (k < nitem) { /* where it was, from the item's start */
            moved[k].byte_start = from->byte_start - a->byte_start;
            moved[k].byte_end = from->byte_end - a->byte_start;
            moved[k].cp_start = from->cp_start - a->cp_start;
            moved[k].cp_end = from->cp_end - a->cp_start;
        } else { /* after a space */
            moved[k].byte_start = (uint32_t)a_bytes + 1;
            moved[k].byte_end = (uint32_t)text_len;
            moved[k].cp_start = tokens[last].cp_end - a->cp_start + 1;
            moved[k].cp_end = moved[k].cp_start + (uint32_t)b_cps;
            moved[k].norm_len = (uint32_t)b_norm_len;
            moved[k].flags &= ~(uint32_t)(TK_LINE_START | TK_SENT_START);
        }
        memcpy(n2 + n_off, k < nitem ? norm + from->norm_off : b_norm, moved[k].norm_len);
        moved[k].norm_off = (uint32_t)n_off;
        n_off += moved[k].norm_len;
        if (k + 1 < ntok)
            n2[n_off++] = ' ';
    }
    tg_u32_vec cand = {0}, cand_off = {0}, starts = {0};
    tg_u64_vec hash = {0};
    tg_gaz_match_vec out = {0};
    uint32_t region = TG_NONE;
    if (!tg_matcher_scan(&m->gaz, &m->fold, t2, moved, ntok, n2, 1, &cand, &cand_off, &starts,
                         &hash, &out))
        for (size_t i = 0; i < out.n && region == TG_NONE; i++) {
            if (out.v[i].first != 0 || out.v[i].last != nitem)
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
