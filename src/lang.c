/*
 * lang.c - language detection from script, letters and frequent words.
 *
 * English against Cyrillic: Latin words count against Cyrillic words, and English
 * function words ("the", "of", "said") count extra, so a Ukrainian sentence that
 * names Pfizer and BioNTech stays Ukrainian and an English one quoting «Слава
 * Україні» stays English. Then Ukrainian against Russian: the letters і ї є ґ and an
 * apostrophe inside a word (м'ясо) are Ukrainian, ы э ъ Russian (ё is folded to е
 * before we see it); frequent words that only one language has (що/что, від/от,
 * вона/она, і/и) and a few suffixes (-ння/-ние) settle texts where letters are few.
 * A Cyrillic text with no evidence either way (a bare "Москва") is Russian: short
 * Russian phrases without ы/э/ъ are common, Ukrainian ones without і/ї/є are not.
 *
 * Detection looks at every word of a document, so the word lists are hashed into one
 * static table once rather than scanned per token.
 */
#include "lang.h"

#include "hash.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

static int has(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

static int ends(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return k < n && memcmp(s + n - k, suffix, k) == 0;
}

static const char *const EN[] = {
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "at",
    "by", "it", "from", "has", "have", "are", "said", "will", "its", "this", "which",
    "were", "been", "their", "he", "she", "they", "his", "her", "had", "would", "after",
    "who", "also", "than", "into", "about", "over", "when", "says", NULL};

static const char *const UK[] = {
    "що", "це", "від", "та", "також", "які", "який", "яка", "яке", "був", "була", "було",
    "були", "її", "його", "їх", "він", "вона", "вони", "як", "із", "зі", "з", "і", "й",
    "але", "або", "чи", "ще", "вже", "після", "року", "році", "років", "може", "коли",
    "де", "між", "щоб", "навіть", "лише", "тільки", "сьогодні", "буде", "будуть", "цього",
    "цей", "ця", "ці", "має", "мають", "заявив", "заявила", "повідомив", "повідомили",
    "проти", "ми", "ви", "ні", "свої", "своїх", "тому", "щодо", "дуже", "тобто", "дещо",
    "щось", "теж", "зараз", "ось", "нині", "досі", "якщо", "хоча", "адже", NULL};

static const char *const RU[] = {
    "что", "это", "от", "также", "который", "которые", "которая", "которого", "был",
    "была", "было", "были", "его", "ее", "он", "она", "они", "как", "из", "и", "с", "к",
    "о", "но", "или", "ли", "еще", "уже", "после", "года", "году", "лет", "может", "когда",
    "где", "между", "чтобы", "даже", "лишь", "только", "сегодня", "будет", "будут", "этого",
    "этот", "эта", "эти", "этом", "имеет", "заявил", "заявила", "сообщил", "сообщили",
    "против", "мы", "вы", "ни", "свои", "своих", "потому", "однако", "очень", "сейчас",
    "тоже", "вот", "если", "хотя", "ведь", "пока", "теперь", NULL};

/* The three lists in one open-addressing table, built once: a token costs one hash
 * and usually one probe instead of a strlen and memcmp per list word. The table
 * lives in static storage, so there is nothing to free and no allocation. */
enum { IN_EN = 1, IN_UK = 2, IN_RU = 4, WORDS_SLOTS = 512 };

static struct word_slot {
    const char *s; /* NULL = empty */
    uint64_t h;
    uint8_t n, lists;
} words[WORDS_SLOTS];
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void add_list(const char *const *list, uint8_t bit)
{
    for (int i = 0; list[i]; i++) {
        size_t n = strlen(list[i]);
        uint64_t h = tg_hash(list[i], n);
        size_t j = h & (WORDS_SLOTS - 1);
        while (words[j].s && !(words[j].h == h && words[j].n == n &&
                               memcmp(words[j].s, list[i], n) == 0))
            j = (j + 1) & (WORDS_SLOTS - 1);
        words[j].s = list[i];
        words[j].h = h;
        words[j].n = (uint8_t)n;
        words[j].lists |= bit;
    }
}

static void build_words(void)
{
    add_list(EN, IN_EN);
    add_list(UK, IN_UK);
    add_list(RU, IN_RU);
}

/* Which lists (IN_*) hold the word s. No list word is longer than 20 bytes. */
static unsigned lists_of(const char *s, size_t n)
{
    if (n > 24)
        return 0;
    uint64_t h = tg_hash(s, n);
    for (size_t j = h & (WORDS_SLOTS - 1); words[j].s; j = (j + 1) & (WORDS_SLOTS - 1))
        if (words[j].h == h && words[j].n == n && memcmp(words[j].s, s, n) == 0)
            return words[j].lists;
    return 0;
}

const char *tg_detect_lang(const tg_token *tokens, size_t ntokens, const char *norm)
{
    size_t latin = 0, cyr = 0, en = 0;
    long uk = 0, ru = 0;
    pthread_once(&words_once, build_words);
    for (size_t i = 0; i < ntokens; i++) {
        /* English is decided once the tokens left, all Cyrillic, could not outweigh
         * the Latin ones: the answer is the same as after reading them all. */
        if (latin + 2 * en > cyr + (ntokens - i))
            return "en";
        const tg_token *t = &tokens[i];
        if (!(t->flags & TK_WORD) || (t->flags & TK_DIGIT))
            continue;
        const char *s = norm + t->norm_off;
        size_t n = t->norm_len;
        if (!(t->flags & TK_CYRILLIC)) {
            if ((unsigned char)s[0] < 0x80) {
                latin++;
                /* Lower case only: "The Guardian" in Cyrillic news is a name. No English
                 * list word is longer than five letters. */
                en += (size_t)(!(t->flags & TK_FIRST_UPPER) && n <= 5 &&
                               (lists_of(s, n) & IN_EN));
            }
            continue;
        }
        cyr++;
        if (has(s, n, "і") || has(s, n, "ї") || has(s, n, "є") || has(s, n, "ґ") ||
            has(s, n, "'"))
            uk += 2;
        if (has(s, n, "ы") || has(s, n, "э") || has(s, n, "ъ"))
            ru += 2;
        /* -ння (рішення) and plural -ини (новини, країни) against -ние/-ния; Russian
         * writes the plural -ины. */
        if (ends(s, n, "ння") || ends(s, n, "нню") || ends(s, n, "нням") || ends(s, n, "ини"))
            uk += 1;
        if (ends(s, n, "ние") || ends(s, n, "нием") || ends(s, n, "ния"))
            ru += 1;
        /* Past-tense reflexives: uk -лася/-лося/-лися, ru -лась/-лось/-лись. */
        if (ends(s, n, "лася") || ends(s, n, "лося") || ends(s, n, "лися") || ends(s, n, "тися"))
            uk += 1;
        if (ends(s, n, "лась") || ends(s, n, "лось") || ends(s, n, "лись"))
            ru += 1;
        /* Past tense masculine: uk заявив, сказав; ru заявил, сказал (weak: архив). */
        if (n >= 8 && (ends(s, n, "ив") || ends(s, n, "ав")))
            uk += 1;
        if (n >= 8 && (ends(s, n, "ил") || ends(s, n, "ал")))
            ru += 1;
        unsigned in = lists_of(s, n);
        if (in & IN_UK)
            uk += 3;
        if (in & IN_RU)
            ru += 3;
    }
    if (latin == 0 && cyr == 0)
        return "und";
    /* An English function word is worth two more Latin words: names and brands in
     * Latin letters are common in Cyrillic news, "the" and "said" are not. */
    if (latin + 2 * en > cyr)
        return "en";
    return uk > ru ? "uk" : "ru";
}
