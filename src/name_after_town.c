/*
 * name_after_town.c - a town before a name after a role's word (what and why:
 * name_after_town.h).
 *
 * Asked of each Cyrillic person's rule match; most start with no listed place, and
 * the search of the gazetteer's candidates tells at once.
 */
#include "name_after_town.h"

#include "token_at.h"

#include <string.h>

/* Was the gazetteer's match that starts at token `first` read in an inflected form
 * (not its nominative)? s->gaz is in token order. */
static int match_inflected_at(const tg_scratch *s, size_t first)
{
    size_t lo = 0, hi = s->gaz.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->gaz.v[mid].first < first)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->gaz.n && s->gaz.v[lo].first == first && s->gaz.v[lo].inflected;
}

/* May token t be a role's word before a name: a word in lower case ("мером"), or one
 * that starts a sentence or a line ("Мер Миколаєва ...")? Not a capitalised word
 * inside a sentence, which is a name itself: "Голова Калмикії Бату Хасиков" (Бату,
 * read as the dative of Bath). */
static int role_word_before(const tg_token *t)
{
    return (t->flags & TK_WORD) &&
           (!(t->flags & TK_FIRST_UPPER) || (t->flags & (TK_SENT_START | TK_LINE_START)));
}

/* Does the word that ends at byte `end` look like a woman's patronymic in any case
 * (Петрівна, Петровны, Ильиничной: "вн" or "чн" and at most two letters after) or a
 * man's in an oblique one (Николаевича, Петровичем: "ич" and one or two letters)?
 * Such a name is a surname first ("Иванова Мария Петровна", "Петрова Сергея
 * Николаевича"), and a surname in -ова is the genitive of a town in -ово or -ов too.
 * Not a man's in the nominative: "Мер Миколаєва Олександр Сєнкевич" ends in a
 * surname that looks like one. */
static int patronymic_ends(const tg_scratch *s, uint32_t end)
{
    size_t k = tg_token_at(s->tokens.v, s->tokens.n, end);
    if (k == 0 || (k < s->tokens.n && s->tokens.v[k].byte_start < end))
        return 0;
    const tg_token *t = &s->tokens.v[k - 1];
    const char *w = s->norm.v + t->norm_off;
    /* folded Cyrillic letters are two bytes each: the pair, then one or two letters */
    for (size_t tail = 2; tail <= 4; tail += 2) {
        if (t->norm_len < tail + 4)
            break;
        const char *pair = w + t->norm_len - tail - 4;
        if ((!memcmp(pair + 2, "н", 2) && (!memcmp(pair, "в", 2) || !memcmp(pair, "ч", 2))) ||
            (!memcmp(pair, "и", 2) && !memcmp(pair + 2, "ч", 2)))
            return 1;
    }
    return 0;
}

uint32_t tg_name_after_town(const tg_model *m, const tg_scratch *s, const tg_rule *rule,
                            const tg_candidate *c, size_t ngaz)
{
    if (rule->type != m->kind.person || rule->subtype == m->kind.given_name || !rule->langs ||
        (rule->langs & (TG_LANG_EN | TG_LANG_OTHER)))
        return c->byte_start;
    const tg_candidate *place = tg_candidate_starting(s->cands.v, ngaz, c->byte_start);
    if (!place || place->byte_end >= c->byte_end || !tg_def_is_town_or_region(m, place->def))
        return c->byte_start;
    const tg_token *tk = s->tokens.v;
    size_t n = s->tokens.n, first = tg_token_at(tk, n, c->byte_start),
           next = tg_token_at(tk, n, place->byte_end);
    if (first == 0 || first >= n || !role_word_before(&tk[first - 1]) || next >= n ||
        tk[next].byte_start >= c->byte_end ||
        (tk[next].flags & (TK_WORD | TK_FIRST_UPPER)) != (TK_WORD | TK_FIRST_UPPER) ||
        tk[next].cp_end - tk[next].cp_start < 2 || !match_inflected_at(s, first) ||
        patronymic_ends(s, c->byte_end))
        return c->byte_start;
    return tk[next].byte_start;
}
