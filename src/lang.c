/*
 * lang.c - language detection from script and frequent words.
 *
 * Latin words against Cyrillic words decide English; for Cyrillic, the letters
 * і ї є ґ are Ukrainian and ы э ъ Russian, and a handful of frequent words (що/что,
 * це/это, від/от ...) settle texts where letters alone are few.
 */
#include "lang.h"

#include <string.h>

static int has(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

static int in_list(const char *s, size_t n, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
            return 1;
    return 0;
}

const char *tg_detect_lang(const tg_token *tokens, size_t ntokens, const char *norm)
{
    static const char *const UK[] = {"що", "це", "від", "та", "також", "які", "був", "її",
                                     "для", "він", "вона", "як", "до", "із", "зі", NULL};
    static const char *const RU[] = {"что", "это", "от", "также", "который", "которые",
                                     "был", "его", "он", "она", "как", "для", "из", NULL};
    size_t latin = 0, cyr = 0;
    long uk = 0, ru = 0;
    for (size_t i = 0; i < ntokens; i++) {
        const tg_token *t = &tokens[i];
        if (!(t->flags & TK_WORD) || (t->flags & TK_DIGIT))
            continue;
        const char *s = norm + t->norm_off;
        size_t n = t->norm_len;
        if (!(t->flags & TK_CYRILLIC)) {
            latin += ((unsigned char)s[0] < 0x80);
            continue;
        }
        cyr++;
        if (has(s, n, "і") || has(s, n, "ї") || has(s, n, "є") || has(s, n, "ґ"))
            uk += 2;
        if (has(s, n, "ы") || has(s, n, "э") || has(s, n, "ъ"))
            ru += 2;
        if (in_list(s, n, UK))
            uk += 3;
        if (in_list(s, n, RU))
            ru += 3;
    }
    if (latin == 0 && cyr == 0)
        return "und";
    if (latin >= cyr)
        return "en";
    return uk >= ru ? "uk" : "ru";
}
