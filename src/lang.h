/* lang.h - telling English, Ukrainian and Russian apart. Internal. */
#ifndef TG_LANG_H
#define TG_LANG_H

#include "token.h"

#include <stddef.h>

/* "en", "uk", "ru" or "und", from the script of the words and the letters and
 * frequent words that only one of Ukrainian and Russian has. tokens and norm are
 * tg_tokenize's, whose token buffer has room for reads of sixteen bytes past a
 * token's end. */
const char *tg_detect_lang(const tg_token *tokens, size_t ntokens, const char *norm);

/* The language a caller gave, read as a BCP 47 tag: "en", "uk" or "ru" when its
 * primary subtag is one of them in any case ("EN", "en-GB", "uk_UA", "ru-RU"); NULL
 * when it says nothing ("", "und") and the text must be detected; else the tag as
 * given (a language we have no rules for: only language-neutral rules run). */
const char *tg_lang_given(const char *tag);

#endif
