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
 * Detection looks at every word of a document, so the word lists go into one static
 * wordset (wordset.h) once rather than being scanned per token, the telling letters
 * are found sixteen bytes at a time, and only the suffixes that end with a word's
 * last letter are compared. English text, the common case, is decided at its
 * first few dozen Latin words, against a bound on the Cyrillic words that the last
 * token's offsets give, without a pass over the tokens.
 */
#include "lang.h"

#include "wordset.h"

#include <pthread.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <string.h>

/* Whether the word s[0, n) ends with the string literal `lit` and has more before it. */
#define ENDS(s, n, lit) \
    (sizeof(lit) - 1 < (n) && memcmp((s) + (n) - (sizeof(lit) - 1), lit, sizeof(lit) - 1) == 0)

enum { UK_LETTER = 1, RU_LETTER = 2 };

/* Which of the letters only Ukrainian has (і ї є ґ, or an apostrophe) and only Russian
 * has (ы э ъ) the folded word s[0, n) holds: UK_LETTER, RU_LETTER, both or neither.
 * Each of them is a lead byte and the byte after it, or the apostrophe; a lead byte
 * is never a continuation byte, so a pair that starts with one is a character
 * wherever it is, and every position of the word can be tested at once. */
#if defined(__SSE2__)
/* Sixteen positions a pass, the pairs read as the bytes at p and at p + 1. The
 * passes read up to sixteen bytes past the word: a tokenizer's token buffer has that
 * room (tg_tokenize), and what is read there is masked off. The scalar loop below
 * took a fifth of the detection's instructions in Cyrillic text. */
static unsigned telling_letters(const unsigned char *s, size_t n)
{
    unsigned uk = 0, ru = 0;
    for (size_t k = 0; k < n; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + k + 1));
        __m128i w1 = _mm_or_si128(w, _mm_set1_epi8(1)); /* 96 and 97 alike, 8A and 8B */
        __m128i d1 = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD1));
        __m128i u = _mm_and_si128(d1, _mm_or_si128(_mm_cmpeq_epi8(w1, _mm_set1_epi8((char)0x97)),
                                                   _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x94))));
        u = _mm_or_si128(u, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD2)),
                                          _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x91))));
        u = _mm_or_si128(u, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
        __m128i r = _mm_and_si128(d1, _mm_or_si128(_mm_cmpeq_epi8(w1, _mm_set1_epi8((char)0x8B)),
                                                   _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x8D))));
        unsigned live = n - k >= 16 ? 0xFFFFu : (1u << (n - k)) - 1;
        uk |= (unsigned)_mm_movemask_epi8(u) & live;
        ru |= (unsigned)_mm_movemask_epi8(r) & live;
    }
    return (uk ? UK_LETTER : 0) | (ru ? RU_LETTER : 0);
}
#else
static unsigned telling_letters(const unsigned char *s, size_t n)
{
    unsigned found = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned c = s[k], pair = k + 1 < n ? c << 8 | s[k + 1] : 0;
        if (c == '\'' || pair == 0xD196 || pair == 0xD197 || pair == 0xD194 || pair == 0xD291)
            found |= UK_LETTER; /* і ї є ґ */
        if (pair == 0xD18B || pair == 0xD18D || pair == 0xD18A)
            found |= RU_LETTER; /* ы э ъ */
    }
    return found;
}
#endif

/* The votes of the Cyrillic word s[0, n) (n >= 2) by its ending, added to *uk and
 * *ru. Every ending tested ends with the word's last letter, so that letter (its two
 * bytes) picks the few to compare, and a word that ends otherwise, as most do,
 * compares none. */
static void ending_votes(const char *s, size_t n, long *uk, long *ru)
{
    switch ((unsigned char)s[n - 2] << 8 | (unsigned char)s[n - 1]) {
    case 0xD18F: /* я */
        /* -ння (рішення) against -ния; the past-tense reflexives uk -лася/-лося/-лися */
        *uk += ENDS(s, n, "ння");
        *ru += ENDS(s, n, "ния");
        *uk += ENDS(s, n, "лася") || ENDS(s, n, "лося") || ENDS(s, n, "лися") ||
               ENDS(s, n, "тися");
        break;
    case 0xD18E: /* ю */
        *uk += ENDS(s, n, "нню");
        break;
    case 0xD0BC: /* м */
        *uk += ENDS(s, n, "нням");
        *ru += ENDS(s, n, "нием");
        break;
    case 0xD0B8: /* и: plural -ини (новини, країни); Russian writes -ины */
        *uk += ENDS(s, n, "ини");
        break;
    case 0xD0B5: /* е */
        *ru += ENDS(s, n, "ние");
        break;
    case 0xD18C: /* ь: ru -лась/-лось/-лись */
        *ru += ENDS(s, n, "лась") || ENDS(s, n, "лось") || ENDS(s, n, "лись");
        break;
    case 0xD0B2: /* в: past tense masculine, uk заявив, сказав */
        *uk += n >= 8 && (ENDS(s, n, "ив") || ENDS(s, n, "ав"));
        break;
    case 0xD0BB: /* л: ru заявил, сказал (weak: архив) */
        *ru += n >= 8 && (ENDS(s, n, "ил") || ENDS(s, n, "ал"));
        break;
    default:
        break;
    }
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

/* The three lists in one static wordset, built once. Should the lists ever outgrow
 * it, words are looked up in the lists themselves: slower, same answers. */
enum { IN_EN = 1, IN_UK = 2, IN_RU = 4 };

static tg_wordset words;
static int words_failed;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void build_words(void)
{
    words_failed = tg_wordset_add(&words, EN, IN_EN) || tg_wordset_add(&words, UK, IN_UK) ||
                   tg_wordset_add(&words, RU, IN_RU);
}

static unsigned in_list(const char *const *list, const char *s, size_t n)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
            return 1;
    return 0;
}

/* Which lists (IN_*) hold the word s. Inline: asked of every Cyrillic word, a call
 * cost some twenty instructions of the fifty. */
static inline __attribute__((always_inline)) unsigned lists_of(const char *s, size_t n)
{
    if (!words_failed)
        return tg_wordset_get(&words, s, n);
    return (in_list(EN, s, n) ? IN_EN : 0) | (in_list(UK, s, n) ? IN_UK : 0) |
           (in_list(RU, s, n) ? IN_RU : 0);
}

#define IS_CYR_WORD(t) \
    (((t).flags & (TK_WORD | TK_DIGIT | TK_CYRILLIC)) == (TK_WORD | TK_CYRILLIC))
#define IS_OTHER_WORD(t) (((t).flags & (TK_WORD | TK_DIGIT | TK_CYRILLIC)) == TK_WORD)

/* The Cyrillic words among the tokens, and in *other the other words without a digit
 * (the Latin ones among them): a pass over the flags alone, two tokens a round into
 * two sums each, so that the loop's own test and the adds' chains cost less than the
 * tests (it runs over every token of every Cyrillic document). */
static size_t cyrillic_words(const tg_token *tokens, size_t ntokens, size_t *other)
{
    size_t a = 0, b = 0, i = 0;
    for (; i + 2 <= ntokens; i += 2) {
        a += (size_t)IS_CYR_WORD(tokens[i]) + (size_t)IS_CYR_WORD(tokens[i + 1]);
        b += (size_t)IS_OTHER_WORD(tokens[i]) + (size_t)IS_OTHER_WORD(tokens[i + 1]);
    }
    for (; i < ntokens; i++) {
        a += (size_t)IS_CYR_WORD(tokens[i]);
        b += (size_t)IS_OTHER_WORD(tokens[i]);
    }
    *other = b;
    return a;
}

/* The most votes one Cyrillic word adds to Ukrainian or to Russian: a telling
 * letter's 2, an ending's 1 and a list word's 3. */
#define MAX_WORD_VOTES 6

/* Tokens read against the bound of cyrillic_bound before the Cyrillic words are
 * counted: English text that has not outweighed its bound by then has many
 * characters of more than a byte (quotes, dashes, accented names). */
#define BOUND_TOKENS 64

/* At least the Cyrillic words among the tokens, from the last token's offsets alone:
 * a Cyrillic letter (U+0400..U+052F) takes two bytes of UTF-8, so a word that holds
 * one holds a continuation byte, and the text up to the last token's end holds
 * byte_end - cp_end of them. English news holds a few dozen (curly quotes, dashes),
 * Cyrillic text one a letter. */
static size_t cyrillic_bound(const tg_token *tokens, size_t ntokens)
{
    return ntokens ? tokens[ntokens - 1].byte_end - tokens[ntokens - 1].cp_end : 0;
}

const char *tg_detect_lang(const tg_token *tokens, size_t ntokens, const char *norm)
{
    size_t latin = 0, cyr = 0, en = 0;
    long uk = 0, ru = 0;
    pthread_once(&words_once, build_words);
    /* English is decided as soon as the Latin words seen outweigh all the Cyrillic
     * words: latin and en only grow, so the answer is the one a full pass would
     * give, and in English news that is within its first words instead of after
     * half of the document's words had been looked up in the word lists. What they
     * must outweigh is first a bound (cyrillic_bound), which takes no pass over the
     * tokens and is exceeded within the first few dozen words of most English text;
     * at the first Cyrillic word, or after BOUND_TOKENS tokens, the Cyrillic words
     * are counted from the flags, and the test goes on with their count. Either way
     * "en" is returned only when the Latin words outweigh every Cyrillic word. */
    size_t cyr_all = cyrillic_bound(tokens, ntokens), other_all = 0;
    int counted = 0, never_en = 0;
    for (size_t i = 0; i < ntokens; i++) {
        const tg_token *t = &tokens[i];
        if (!counted && (i == BOUND_TOKENS || (t->flags & TK_CYRILLIC))) {
            cyr_all = cyrillic_words(tokens, ntokens, &other_all);
            counted = 1;
            /* latin + 2 * en <= 3 * other_all: then it is never "en", and a word
             * seen is never "und"; Ukrainian against Russian is all that is left. */
            never_en = 3 * other_all <= cyr_all;
        }
        if (latin + 2 * en > cyr_all)
            return "en";
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
        unsigned letters = telling_letters((const unsigned char *)s, n);
        if (letters & UK_LETTER)
            uk += 2;
        if (letters & RU_LETTER)
            ru += 2;
        ending_votes(s, n, &uk, &ru);
        unsigned in = lists_of(s, n);
        if (in & IN_UK)
            uk += 3;
        if (in & IN_RU)
            ru += 3;
        /* Decided when the Cyrillic words left cannot turn it, as the full pass
         * would; in a Cyrillic document (where the words are counted before the
         * first of them is read) most often before its last fifth. */
        if (never_en) {
            long left = MAX_WORD_VOTES * (long)(cyr_all - cyr);
            if (uk - ru > left)
                return "uk";
            if (ru - uk >= left)
                return "ru";
        }
    }
    if (latin == 0 && cyr == 0)
        return "und";
    /* An English function word is worth two more Latin words: names and brands in
     * Latin letters are common in Cyrillic news, "the" and "said" are not. */
    if (latin + 2 * en > cyr)
        return "en";
    return uk > ru ? "uk" : "ru";
}

const char *tg_lang_given(const char *tag)
{
    static const char *const known[] = {"en", "uk", "ru"};
    if (!tag || !*tag)
        return NULL;
    /* Feeds say "en-US", "uk_UA" or "RU" as often as "en": the primary subtag
     * (letters up to '-' or '_') decides, whatever its case. */
    size_t n = strcspn(tag, "-_");
    char primary[4] = {0};
    if (n == 2 || n == 3) {
        for (size_t i = 0; i < n; i++)
            primary[i] = (char)(tag[i] | 0x20);
        if (!strcmp(primary, "und"))
            return NULL;
        for (size_t k = 0; k < sizeof known / sizeof *known; k++)
            if (!strcmp(primary, known[k]))
                return known[k];
    }
    return tag;
}
