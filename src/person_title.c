/*
 * person_title.c - a listed person's title left out of the span (person_title.h).
 *
 * The gazetteer lists some people with their title ("Pope Leo XIV", "King Charles
 * III", "патриарх Кирилл", "папа Римський Франциск"): the title tells the person from
 * a namesake ("Charles" alone is anyone). But a person's name is the name alone, as
 * the rules take it ("President Emmanuel Macron" gives "Emmanuel Macron") and as news
 * corpora annotate it: CoNLL-2003 (train and valid) and SlavicNER put such a title
 * inside a person's span 8 and 3 times, before it 38 and 4 times. So the span starts
 * after the title; the id stays the listed person's.
 *
 * A title is the first word and one of TITLES, then any words of GOES_ON ("Prince" of
 * "Crown Prince", "Римский", "Московский и всея Руси"), as long as a capitalised word
 * is left. Not "Sheikh" (Sheikh Hasina's name has it), nor "Sir" or "Lady" (Lady Gaga).
 */
#include "person_title.h"

#include <stddef.h>
#include <string.h>

/* Folded, as norm holds them. An English word is the whole token; a Cyrillic one of two
 * letters or more is a stem that a case ending of up to three letters may follow ("Папе
 * Римскому Франциску", "патріарха Кирила"). */
static const char *const TITLES[] = {
    "pope", "king", "queen", "prince", "princess", "crown", "emperor", "empress", "emir",
    "patriarch", "cardinal", "archbishop", "metropolitan", "ayatollah", "пап", "корол",
    "принц", "кронпринц", "император", "імператор", "эмир", "емір", "патриарх", "патріарх",
    "кардинал", "митрополит", "аятол", NULL};
static const char *const GOES_ON[] = {
    "prince", "римск", "римськ", "московск", "московськ", "киевск", "київськ", "и", "і",
    "всея", "всієї", "руси", "русі", "украин", "україн", NULL};

/* Is token t one of words, as tg_token_in asks, or a Cyrillic stem of them and at most
 * three letters (two bytes each) more? */
static int title_word(const tg_token *t, const char *norm, const char *const *words)
{
    for (; *words; words++) {
        size_t k = strlen(*words);
        int stem = (unsigned char)(*words)[0] >= 0x80 && k > 2;
        if (t->norm_len >= k && t->norm_len <= k + (stem ? 6 : 0) &&
            !memcmp(*words, norm + t->norm_off, k))
            return 1;
    }
    return 0;
}

/* The token after the title that starts a name at token t (the name ends at byte end),
 * or t when no title does. */
static size_t after_title(const tg_token *tokens, size_t ntokens, const char *norm, size_t t,
                          uint32_t end)
{
    if (!title_word(&tokens[t], norm, TITLES))
        return t;
    size_t k = t + 1;
    while (k < ntokens && tokens[k].byte_end <= end && title_word(&tokens[k], norm, GOES_ON))
        k++;
    if (k >= ntokens || tokens[k].byte_end > end ||
        (tokens[k].flags & (TK_WORD | TK_FIRST_UPPER)) != (TK_WORD | TK_FIRST_UPPER))
        return t;
    return k;
}

void tg_person_titles(const tg_model *m, const tg_token *tokens, size_t ntokens,
                      const char *norm, tg_candidate_vec *won)
{
    size_t from = 0;
    for (size_t i = 0; i < won->n; i++) {
        tg_candidate *c = &won->v[i];
        if (c->def == TG_NONE || c->rule != TG_NONE || c->same_as != TG_NONE || c->team ||
            m->entities.v[c->def].type != m->kind.person)
            continue;
        size_t t = tg_candidate_token(c, tokens, ntokens, from);
        if (t >= ntokens)
            continue;
        from = t;
        size_t k = after_title(tokens, ntokens, norm, t, c->byte_end);
        if (k == t)
            continue;
        uint32_t was = c->byte_start;
        c->byte_start = tokens[k].byte_start;
        c->token = (uint32_t)k;
        /* Other mentions name it by its start (coref.c; a headline's before it too). */
        for (size_t j = 0; j < won->n; j++)
            if (won->v[j].same_as == was)
                won->v[j].same_as = c->byte_start;
    }
}
