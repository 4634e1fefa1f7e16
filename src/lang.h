/* lang.h - telling English, Ukrainian and Russian apart. Internal. */
#ifndef TG_LANG_H
#define TG_LANG_H

#include "token.h"

#include <stddef.h>

/* "en", "uk", "ru" or "und", from the script of the words and the letters and
 * frequent words that only one of Ukrainian and Russian has. */
const char *tg_detect_lang(const tg_token *tokens, size_t ntokens, const char *norm);

#endif
