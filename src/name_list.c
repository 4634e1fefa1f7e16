/*
 * name_list.c - people named in a list of people (name_list.h).
 */
#include "name_list.h"

#include "model.h"
#include "teams.h"
#include "token_at.h"
#include "vec.h"
#include "word_hash.h"
#include "zones.h"

#include <stdlib.h>
#include <string.h>

/* Is token t a list's joint by itself (tg_list_joint), not a capitalised word ("And"
 * opening a sentence)? */
static int joint_token(const tg_token *tk, size_t t, const char *norm)
{
    return !(tk[t].flags & TK_HAS_UPPER) && tg_list_joint(tk, t, t + 1, norm);
}

/* Does a list open right before token s: a line's start, a colon, an opening bracket,
 * a dash (folding made every dash "-") or a byline's "By": "Squad: Alan Kelly, Shay
 * Given"? */
static int list_opens_before(const tg_token *tk, size_t s, const char *norm)
{
    if (tk[s].flags & TK_LINE_START)
        return 1;
    if (s == 0)
        return 0;
    const tg_token *b = &tk[s - 1];
    /* "By Nidal al-Mughrabi and Maayan Lubell" */
    return tg_byline_by(b, norm) || tg_token_is_char(b, norm, ':') || tg_token_is_char(b, norm, '(') ||
           tg_token_is_char(b, norm, '-');
}

/* Does an item of a list start at token f: the text's start, where a list opens, or
 * after a list's joint or a semicolon? */
static int item_starts(const tg_token *tk, size_t f, const char *norm)
{
    return f == 0 || list_opens_before(tk, f, norm) || joint_token(tk, f - 1, norm) ||
           tg_token_is_char(&tk[f - 1], norm, ';');
}

/* Does an item of a list end at token l: the text's or the line's end, or before a
 * list's joint, a closing bracket, a full stop or a semicolon? */
static int item_ends(const tg_token *tk, size_t ntokens, size_t l, const char *norm)
{
    if (l + 1 >= ntokens || (tk[l + 1].flags & TK_LINE_START))
        return 1;
    const tg_token *a = &tk[l + 1];
    return joint_token(tk, l + 1, norm) || tg_token_is_char(a, norm, ')') ||
           tg_token_is_char(a, norm, '.') || tg_token_is_char(a, norm, ';');
}

/* A word of a name: capitalised, with a lower-case letter or a single letter (an
 * initial, "W Pozzebon"), no digit, not followed by 's. */
static int name_word(const tg_token *t)
{
    unsigned f = t->flags;
    unsigned want = TK_WORD | TK_FIRST_UPPER;
    return (f & (want | TK_DIGIT | TK_POSSESSIVE)) == want &&
           ((f & TK_HAS_LOWER) || t->cp_end - t->cp_start == 1);
}

/* The end (exclusive) of a run of one to TG_LIST_NAME_MAX_WORDS name words from token
 * f on one line, a word being name words joined by hyphens ("Jean-Pierre"), or f
 * when there is none; *words: how many. */
static size_t name_run(const tg_token *tk, size_t ntokens, size_t f, const char *norm,
                       unsigned *words)
{
    size_t t = f;
    *words = 0;
    while (t < ntokens && *words < TG_LIST_NAME_MAX_WORDS && name_word(&tk[t]) &&
           (t == f ||
            (!(tk[t].flags & TK_LINE_START) && tk[t].byte_start == tk[t - 1].byte_end + 1))) {
        t++;
        while (t + 1 < ntokens && tg_token_is_char(&tk[t], norm, '-') &&
               tk[t].byte_start == tk[t - 1].byte_end && tk[t + 1].byte_start == tk[t].byte_end &&
               name_word(&tk[t + 1]))
            t += 2;
        (*words)++;
    }
    return t;
}

/* Might token t be part of a list's joint: a comma, "&", or a short lower-case word? */
static int may_join(const tg_token *t, const char *norm)
{
    if (t->flags & TK_WORD)
        return t->norm_len <= TG_LIST_JOINT_MAX_BYTES && !(t->flags & TK_HAS_UPPER);
    return t->norm_len == 1 && (norm[t->norm_off] == ',' || norm[t->norm_off] == '&');
}

/* Might a joint of one or two tokens and a capitalised word stand after token l, or
 * before token f? Most persons are in no list: this turns them down by a few flags
 * and bytes before any word is looked up. */
static int may_have_neighbour(const tg_token *tk, size_t ntokens, size_t f, size_t l,
                              const char *norm)
{
    for (size_t j = 1; j <= 2; j++) {
        if (l + 1 + j < ntokens && (tk[l + 1 + j].flags & TK_FIRST_UPPER) &&
            may_join(&tk[l + 1], norm) && (j == 1 || may_join(&tk[l + 2], norm)))
            return 1;
        if (f >= j + 1 && (tk[f - 1 - j].flags & TK_FIRST_UPPER) && may_join(&tk[f - 1], norm) &&
            (j == 1 || may_join(&tk[f - 2], norm)))
            return 1;
    }
    return 0;
}

/* Tokens [f, l] of candidate c, whose first token is at or after token `from`: a person
 * named in full (two words or more) that is a whole item of a list and may have a
 * neighbour. */
static int person_item(const struct tg_model *m, const tg_candidate *c, const tg_token *tk,
                       size_t ntokens, const char *norm, size_t from, size_t *f, size_t *l)
{
    if (c->same_as != TG_NONE || tg_candidate_type_id(m, c) != m->kind.person)
        return 0;
    size_t a = tg_candidate_token(c, tk, ntokens, from), b = a;
    unsigned words = 0;
    while (b < ntokens && tk[b].byte_end <= c->byte_end) {
        words += (tk[b].flags & TK_WORD) != 0;
        b++;
    }
    *f = a;
    if (b == a || words < 2 || !may_have_neighbour(tk, ntokens, a, b - 1, norm))
        return 0;
    *l = b - 1;
    return item_starts(tk, a, norm) && item_ends(tk, ntokens, b - 1, norm);
}

/* Is [f, e) (e > f) a name to take: two words or more, a whole item, the first word no
 * stop word, and no candidate of won's first `sorted` (those sorted by start) over it? */
static int name_item(const tg_candidate_vec *won, size_t sorted, const tg_token *tk,
                     size_t ntokens, size_t f, size_t e, unsigned words, const char *norm)
{
    if (words < 2 || !item_starts(tk, f, norm) || !item_ends(tk, ntokens, e - 1, norm))
        return 0;
    const char *w = norm + tk[f].norm_off;
    if (tg_zone_stop_word(w, tk[f].norm_len, tg_word_hash(w, tk[f].norm_len)))
        return 0;
    tg_candidate_vec view = {won->v, sorted, sorted}; /* the part sorted by start */
    size_t i = tg_candidates_after(&view, tk[f].byte_start);
    return i == sorted || won->v[i].byte_start >= tk[e - 1].byte_end;
}

static int by_start(const void *a, const void *b)
{
    const tg_candidate *x = a, *y = b;
    return x->byte_start < y->byte_start ? -1 : x->byte_start > y->byte_start;
}

/* Add the name at tokens [f, e), next to person p (its priority). 0, -1 out of memory. */
static int take(tg_candidate_vec *won, const tg_candidate *p, const tg_token *tk, size_t f,
                size_t e)
{
    tg_candidate c = {tk[f].byte_start, tk[e - 1].byte_end, p->priority, TG_NONE, TG_NONE,
                      TG_NONE, 0, TG_NONE, (uint32_t)f, 1};
    return vec_push(*won, c);
}

/* The longest run of name words (name_run) that ends at token e, or e when none. */
static size_t run_ending_at(const tg_token *tk, size_t ntokens, size_t e, const char *norm,
                            unsigned *words)
{
    size_t lo = e > 2 * TG_LIST_NAME_MAX_WORDS ? e - 2 * TG_LIST_NAME_MAX_WORDS : 0;
    for (size_t s = lo; s < e; s++)
        if (name_run(tk, ntokens, s, norm, words) == e)
            return s;
    return e;
}

/* Does a joint of one or two tokens and then a capitalised word follow token e - 1
 * (start at token e)? */
static int list_on_after(const tg_token *tk, size_t ntokens, size_t e, const char *norm)
{
    for (size_t j = e + 1; j <= e + 2 && j < ntokens; j++)
        if ((tk[j].flags & TK_FIRST_UPPER) && joint_token(tk, e, norm) &&
            tg_list_joint(tk, e, j, norm))
            return 1;
    return 0;
}

/* Does a capitalised word and then a joint of one or two tokens come before token s? */
static int list_on_before(const tg_token *tk, size_t s, const char *norm)
{
    for (size_t j = 1; j <= 2 && j < s; j++)
        if ((tk[s - j - 1].flags & TK_FIRST_UPPER) && joint_token(tk, s - j, norm) &&
            tg_list_joint(tk, s - j, s, norm))
            return 1;
    return 0;
}

/* Is [a, b) a joint with a conjunction in it ("and", ", та"), not only a comma? */
static int has_conjunction(const tg_token *tk, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (tk[k].flags & TK_WORD)
            return 1;
    return 0;
}

/* Take the names next to person item [f, l] (won->v[p]) that are whole items across a
 * joint of one or two tokens: the one after it and the one before it. Two items joined
 * by a comma alone are a list only where it goes on (a conjunction between them, or a
 * joint and a capitalised word beyond either) or where it opens (a colon, a bracket, a
 * dash or a line's start before the first): "In his new book, Lawless World, Philippe
 * Sands, a QC ..." is a title and a name in apposition. Returns how many were added, -1
 * when out of memory. */
static int next_to(tg_candidate_vec *won, size_t sorted, size_t p, const tg_token *tk,
                   size_t ntokens, const char *norm, size_t f, size_t l)
{
    int added = 0;
    for (size_t joint = 1; joint <= 2; joint++) {
        unsigned words;
        size_t s = l + 1 + joint, e;
        if (s < ntokens && joint_token(tk, l + 1, norm) && tg_list_joint(tk, l + 1, s, norm) &&
            (e = name_run(tk, ntokens, s, norm, &words)) > s &&
            name_item(won, sorted, tk, ntokens, s, e, words, norm) &&
            (has_conjunction(tk, l + 1, s) || list_on_after(tk, ntokens, e, norm) ||
             list_on_before(tk, f, norm) || list_opens_before(tk, f, norm))) {
            if (take(won, &won->v[p], tk, s, e))
                return -1;
            added++;
            break;
        }
    }
    for (size_t joint = 1; joint <= 2; joint++) {
        unsigned words;
        size_t e = f >= joint ? f - joint : 0, s;
        if (e > 0 && joint_token(tk, e, norm) && tg_list_joint(tk, e, f, norm) &&
            (s = run_ending_at(tk, ntokens, e, norm, &words)) < e &&
            name_item(won, sorted, tk, ntokens, s, e, words, norm) &&
            (has_conjunction(tk, e, f) || list_on_before(tk, s, norm) ||
             list_opens_before(tk, s, norm) || list_on_after(tk, ntokens, l + 1, norm))) {
            if (take(won, &won->v[p], tk, s, e))
                return -1;
            added++;
            break;
        }
    }
    return added;
}

int tg_people_in_lists(const struct tg_model *m, const tg_token *tokens, size_t ntokens,
                       const char *norm, tg_candidate_vec *won)
{
    if (m->kind.person == TG_NONE)
        return 0;
    /* Each round's new names are neighbours in the next; a list of unknown names
     * between two known ones is taken from both ends. */
    for (unsigned round = 0; round < 8; round++) {
        size_t sorted = won->n, added = 0, from = 0;
        for (size_t i = 0; i < sorted; i++) {
            size_t f = from, l;
            int item = person_item(m, &won->v[i], tokens, ntokens, norm, from, &f, &l);
            from = f < ntokens ? f : from; /* won is sorted: the next starts at or after */
            if (!item)
                continue;
            int r = next_to(won, sorted, i, tokens, ntokens, norm, f, l);
            if (r < 0)
                return -1;
            added += (size_t)r;
        }
        if (!added)
            break;
        qsort(won->v, won->n, sizeof *won->v, by_start);
        /* Two persons may have found the same name between them: keep one. */
        size_t k = 0;
        for (size_t i = 0; i < won->n; i++)
            if (k == 0 || won->v[i].byte_start >= won->v[k - 1].byte_end)
                won->v[k++] = won->v[i];
        won->n = k;
    }
    return 0;
}
