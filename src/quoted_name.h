/*
 * quoted_name.h - a place's name in quotation marks after a common noun is some
 * other thing's name. Internal.
 *
 * Ukrainian and Russian news put the names of newspapers, firms, cinemas, clubs,
 * ships and albums in quotation marks after the word for what they are: "газети
 * «Житомирщина»", "кінотеатрі «Україна»", "фірма «Київ»", "корабль «Колумбия»",
 * "альбомом «Sofia»". The name is a place's only by origin: the newspaper is no
 * region, and the story is not about Ukraine for its cinema. The eval sets agree
 * (ner-uk marks such names ORG or ART, SlavicNER PRO, factRuEval nothing), so the
 * gazetteer's place there is no candidate, and a rule's reading ("фірма «Київ»",
 * org_cyrillic_quoted_after_cue) or none stands.
 *
 * Not after a word for a place, whose quoted name is the place's: "аеропорт
 * «Бориспіль»", "урочища «Маяк»", "станцію метро «Палац Україна»" (nor after a news
 * site's section: "в разделе «Украина»" is the country's news); not after a
 * preposition or conjunction ("рейсы в «Борисполь»", "\"Бориспіль\" та \"Львів\"")
 * nor after a capitalised word or a quoted name before it (a list of names).
 */
#ifndef TG_QUOTED_NAME_H
#define TG_QUOTED_NAME_H

#include "token.h"

#include <stddef.h>
#include <stdint.h>

/* May a quotation mark end right before byte `start` of text (one space between at
 * most)? The last byte of each opening mark: '"', « (C2 AB), “ (E2 80 9C), „ (E2 80
 * 9E). Asked first, inline: nearly every name has none, and then nothing else is. */
static inline int tg_quote_may_open(const char *text, uint32_t start)
{
    const unsigned char *t = (const unsigned char *)text;
    if (start > 0 && t[start - 1] == ' ')
        start--;
    if (start == 0)
        return 0;
    unsigned char c = t[start - 1];
    return c == '"' || c == 0xAB || c == 0x9C || c == 0x9E;
}

/* Are the n bytes at b one quotation mark that may open a quoted name (« " “ „), or,
 * when closing, one that may close one (» " ” “)? */
int tg_quote_mark(const char *b, size_t n, int closing);

/* Are tokens[first..last] of text (len bytes; norm, the tokens' folded text) all
 * that stands between a pair of quotation marks (« », " ", “ ”, „ “; a space inside
 * each at most), right after a Cyrillic word of four letters or more that names no
 * kind of place, in lower case or with a capital first at a sentence's start
 * ("Бригада «Азов»")? */
int tg_quoted_after_noun(const char *text, size_t len, const tg_token *tokens, size_t ntokens,
                         const char *norm, uint32_t first, uint32_t last);

/* Are tokens[first..last] of text a place's name inside a quoted name of a few words
 * (with 1 to TG_QUOTED_NAME_WORDS words besides), in one paragraph, that has a Cyrillic
 * word and starts with a capital or a figure: "«Сильної України»", "«ІНГО Україна»",
 * "«Наші гроші. Львів»", "«Мисливство Волині»"? Ukrainian and Russian news quote the
 * names of parties, firms, papers and works so; the place is part of that name, as
 * the eval sets mark it (ner-uk, SlavicNER, factRuEval: 75 such places were none of
 * theirs, 3 were). Not a quoted sentence of speech: ended by a full stop, after a
 * colon, or followed by a dash ("«Повернуся після Вільнюса», — сказала"). Between
 * the marks only words, full stops and commas. */
#define TG_QUOTED_NAME_WORDS 4
#define TG_QUOTED_NAME_TOKENS 8 /* tokens looked at on each side of the place */
int tg_quoted_in_name(const char *text, size_t len, const tg_token *tokens, size_t ntokens,
                      uint32_t first, uint32_t last);

#endif
