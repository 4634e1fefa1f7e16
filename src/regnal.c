/*
 * regnal.c - a monarch's or a pope's number after the name (regnal.h).
 *
 * The name rules want letters in a surname, so "Queen Elizabeth II" was "Queen
 * Elizabeth" and "Бенедикт XVI" "Бенедикт": the numeral, which tells Elizabeth I from
 * Elizabeth II, was left out. Here the numeral is a word of capitals I, V and X only,
 * the value from 1 to 39 ("XLV" and "MMXX" are not kings), written right after the
 * name. "I", "V" and "X" alone are the pronoun, "versus" and the network as often,
 * so they count only before punctuation or the text's end ("Elizabeth I.", "Baudouin
 * I,"), never before a word ("Biden I said").
 */
#include "regnal.h"

#include "token_at.h"

#include <string.h>

/* Is the folded word w (n bytes) a Roman numeral from 1 to 39 in its usual form? */
static int roman_1_to_39(const char *w, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && w[i] == 'x') /* tens: x, xx, xxx */
        i++;
    static const char *const units[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
        if (strlen(units[u]) == n - i && !memcmp(units[u], w + i, n - i))
            return n > 0;
    return 0;
}

int tg_regnal_numeral(const tg_token *t, const char *norm)
{
    return (t->flags & (TK_WORD | TK_HAS_UPPER | TK_HAS_LOWER | TK_CYRILLIC | TK_DIGIT)) ==
               (TK_WORD | TK_HAS_UPPER) &&
           roman_1_to_39(norm + t->norm_off, t->norm_len);
}

static int numeral_at(const tg_token *tokens, size_t ntokens, size_t k, const char *norm)
{
    const tg_token *t = &tokens[k];
    if (!tg_regnal_numeral(t, norm))
        return 0;
    if (t->norm_len > 1)
        return 1;
    return k + 1 == ntokens || !(tokens[k + 1].flags & TK_WORD);
}

void tg_regnal_numbers(const tg_model *m, const char *text, size_t len, const tg_token *tokens,
                       size_t ntokens, const char *norm, tg_candidate_vec *won)
{
    for (size_t i = 0; i < won->n; i++) {
        tg_candidate *c = &won->v[i];
        /* A look at the two bytes after the mention turns nearly all away; then the
         * token there: right after the name (one space; tokens leave out only
         * whitespace), before the next mention, and a numeral. */
        size_t e = c->byte_end;
        if (e + 1 >= len || (text[e] != ' ' && text[e] != '\n') ||
            (text[e + 1] != 'I' && text[e + 1] != 'V' && text[e + 1] != 'X'))
            continue;
        size_t k = tg_token_at(tokens, ntokens, (uint32_t)e);
        if (k >= ntokens || tokens[k].byte_start != e + 1 ||
            (i + 1 < won->n && won->v[i + 1].byte_start < tokens[k].byte_end) ||
            !numeral_at(tokens, ntokens, k, norm) || tg_candidate_type_id(m, c) != m->kind.person)
            continue;
        c->byte_end = tokens[k].byte_end;
    }
}
