/*
 * quoted_name.c - a place's name in quotation marks after a common noun (what and
 * why: quoted_name.h).
 *
 * Asked once per gazetteer match of a place; most are not in quotation marks, and
 * the first byte before the name tells.
 */
#include "quoted_name.h"

#include <string.h>

/* Words for a kind of place, as a lower-case word begins (Ukrainian, Russian): a
 * quoted name after one of them is the place's own. And a news site's section,
 * named for its place: "в разделе «Украина»", "новости \"Ближний Восток\"". */
static const char *const PLACE_NOUNS[] = {
    "розділ", "раздел", "рубрик", "новин", "новост",
    "аеропорт", "аэропорт", "летовищ", "станці", "станци", "метро", "вокзал", "порт",
    "урочищ", "заповідник", "заповедник", "парк", "сквер", "степ", "регіон", "регион",
    "район", "мікрорайон", "микрорайон", "квартал", "селищ", "посел", "місто", "міста",
    "город", "курорт", "пляж", "остров", "острів", "озер", "площ", "вулиц", "улиц",
    "проспект", "шосе", "шоссе", "траса", "трасс", "перевал", "кордон", "границ",
};

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* The quotation mark that closes one opening at text[at] (its length in *open_len),
 * as the UTF-8 of the closing marks it may have, or NULL when none opens there.
 * Bytes at and after `end` are not read. */
static const char *closing_for(const char *text, size_t end, size_t at, size_t *open_len)
{
    const unsigned char *p = (const unsigned char *)text + at;
    size_t n = end - at;
    if (n >= 1 && p[0] == '"') {
        *open_len = 1;
        return "\"";
    }
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xAB) { /* « */
        *open_len = 2;
        return "\xC2\xBB";
    }
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9C) { /* “ */
        *open_len = 3;
        return "\xE2\x80\x9D";
    }
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9E) { /* „ closes with “ or ” */
        *open_len = 3;
        return "\xE2\x80\x9C\xE2\x80\x9D";
    }
    return NULL;
}

/* The byte where an opening quotation mark ends the bytes before `end` (a space
 * between at most, as tg_quote_may_open asks), with its start in *mark; -1 when
 * there is none. The marks are 1 to 3 bytes long. */
static long opening_before(const char *text, size_t end, size_t *mark)
{
    if (end > 0 && text[end - 1] == ' ')
        end--;
    for (size_t n = 1; n <= 3 && n <= end; n++) {
        size_t open_len;
        if (closing_for(text, end, end - n, &open_len) && open_len == n) {
            *mark = end - n;
            return (long)end;
        }
    }
    return -1;
}

/* Does one of the closing marks (3-byte UTF-8 marks listed back to back, or a
 * 1- or 2-byte mark alone) stand at text[at] (len bytes in all)? */
static int closes_at(const char *text, size_t len, size_t at, const char *marks)
{
    size_t mlen = strlen(marks);
    size_t step = mlen % 3 == 0 ? 3 : mlen;
    for (size_t i = 0; i + step <= mlen; i += step)
        if (at + step <= len && !memcmp(text + at, marks + i, step))
            return 1;
    return 0;
}

/* Does the folded word (n bytes) begin with one of PLACE_NOUNS? */
static int names_a_place(const char *word, size_t n)
{
    for (size_t i = 0; i < sizeof PLACE_NOUNS / sizeof *PLACE_NOUNS; i++) {
        size_t k = strlen(PLACE_NOUNS[i]);
        if (k <= n && !memcmp(word, PLACE_NOUNS[i], k))
            return 1;
    }
    return 0;
}

int tg_quoted_after_noun(const char *text, size_t len, const tg_token *tokens, size_t ntokens,
                         const char *norm, uint32_t first, uint32_t last)
{
    if (first == 0 || last >= ntokens)
        return 0;
    size_t mark, open_len;
    if (opening_before(text, tokens[first].byte_start, &mark) < 0)
        return 0;
    const char *close = closing_for(text, tokens[first].byte_start, mark, &open_len);
    size_t after = tokens[last].byte_end;
    if (after < len && text[after] == ' ')
        after++;
    if (!closes_at(text, len, after, close))
        return 0;
    /* The word right before the opening mark, spaces between. */
    size_t before = mark;
    while (before > 0 && is_space(text[before - 1]))
        before--;
    uint32_t w = first;
    while (w > 0 && tokens[w - 1].byte_start >= before)
        w--;
    if (w == 0)
        return 0;
    const tg_token *t = &tokens[w - 1];
    uint32_t need = TK_WORD | TK_CYRILLIC | TK_HAS_LOWER;
    /* In lower case, or a capital first at a sentence's start ("Бригада «Азов»") */
    int lower = (t->flags & (need | TK_HAS_UPPER)) == need;
    int opens = (t->flags & (need | TK_FIRST_UPPER)) == (need | TK_FIRST_UPPER) &&
                (t->flags & (TK_SENT_START | TK_LINE_START));
    return t->byte_end == before && (lower || opens) && t->cp_end - t->cp_start >= 4 &&
           !names_a_place(norm + t->norm_off, t->norm_len);
}

int tg_quote_mark(const char *b, size_t n, int closing)
{
    size_t open_len;
    if (!closing)
        return closing_for(b, n, 0, &open_len) && open_len == n;
    /* the marks that close one of closing_for's openings: '"', », ” and “ */
    return n == 1 ? closes_at(b, n, 0, "\"")
                  : n == 2 ? closes_at(b, n, 0, "\xC2\xBB")
                           : n == 3 && closes_at(b, n, 0, "\xE2\x80\x9D\xE2\x80\x9C");
}

/* The token's first byte, when it is a one-byte token (punctuation), else 0. */
static char punct_of(const char *text, const tg_token *t)
{
    return !(t->flags & TK_WORD) && t->byte_end == t->byte_start + 1 ? text[t->byte_start] : 0;
}

/* Is the token a dash ("-", "–", "—")? */
static int is_dash(const char *text, const tg_token *t)
{
    size_t n = t->byte_end - t->byte_start;
    const char *b = text + t->byte_start;
    return (t->flags & TK_WORD) == 0 &&
           ((n == 1 && *b == '-') || (n == 3 && (!memcmp(b, "\xE2\x80\x93", 3) ||
                                                 !memcmp(b, "\xE2\x80\x94", 3))));
}

/* Does a blank line (two line ends, only spaces or a carriage return between) stand
 * in text[from, to)? */
static int blank_line_in(const char *text, size_t from, size_t to)
{
    const char *p = text + from, *end = text + to;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        const char *q = p + 1;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q < end && *q == '\n')
            return 1;
        p = q;
    }
    return 0;
}

int tg_quoted_in_name(const char *text, size_t len, const tg_token *tokens, size_t ntokens,
                      uint32_t first, uint32_t last)
{
    /* Back to the opening mark over words alone (a full stop or a comma between, as
     * "«Наші гроші. Львів»"), then on to the mark that closes it. */
    uint32_t open = first, words = 0, cyrillic = 0;
    for (;;) {
        if (open == 0 || first - open > TG_QUOTED_NAME_TOKENS)
            return 0;
        const tg_token *t = &tokens[--open];
        if (t->flags & TK_WORD) {
            words++;
            continue;
        }
        if (tg_quote_mark(text + t->byte_start, t->byte_end - t->byte_start, 0))
            break;
        char c = punct_of(text, t);
        if (c != '.' && c != ',')
            return 0;
    }
    size_t open_len;
    const char *marks = closing_for(text, tokens[open].byte_end, tokens[open].byte_start, &open_len);
    uint32_t close = last;
    for (;;) {
        if (++close >= ntokens || close - last > TG_QUOTED_NAME_TOKENS)
            return 0;
        const tg_token *t = &tokens[close];
        if (t->flags & TK_WORD) {
            words++;
            continue;
        }
        if (closes_at(text, len, t->byte_start, marks))
            break;
        char c = punct_of(text, t);
        if (c != '.' && c != ',')
            return 0;
    }
    /* A name of a few words that starts with a capital or a figure, in one
     * paragraph, and no sentence of speech: not ended by a full stop, not after a
     * colon, not followed by a dash ("«Повернуся після Вільнюса», — сказала"). A
     * line may break inside it: "«Наші гроші.\nЛьвів»" of a hard-wrapped text. */
    const tg_token *head = &tokens[open + 1];
    if (words < 1 || words > TG_QUOTED_NAME_WORDS || !(head->flags & TK_WORD) ||
        !(head->flags & (TK_FIRST_UPPER | TK_DIGIT)) || punct_of(text, &tokens[close - 1]) == '.' ||
        blank_line_in(text, tokens[open].byte_start, tokens[close].byte_start))
        return 0;
    for (uint32_t t = open + 1; t < close; t++)
        cyrillic |= tokens[t].flags & TK_CYRILLIC;
    if (!cyrillic || (open > 0 && punct_of(text, &tokens[open - 1]) == ':'))
        return 0;
    uint32_t after = close + 1;
    if (after < ntokens && punct_of(text, &tokens[after]) == ',')
        after++;
    return !(after < ntokens && is_dash(text, &tokens[after]));
}
