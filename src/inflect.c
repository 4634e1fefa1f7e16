/*
 * inflect.c - the paradigm tables and the stem/ending split.
 *
 * The classes cover what names in news take: nouns in -а/-я/-ія/-ия, -о, consonant
 * stems (Путін, Трамп, Баканов: including the surname instrumental -им/-ым), soft
 * -ь and -й, adjectives (Зеленський, Російська, Российская, Запорожская), and
 * plural group nouns (росіяни/россияне). Endings are in folded form (ё -> е).
 * Stem alternations (Київ/Києва, Львів/Львова) are not modelled: list both forms as
 * aliases.
 */
#include "inflect.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ENDINGS 16

typedef struct paradigm {
    const char *lang;
    const char *nominative; /* the ending that selects the class; "" = consonant */
    const char *endings[MAX_ENDINGS];
} paradigm;

static const paradigm PARADIGMS[] = {
    /* Ukrainian */
    {"uk", "ія", {"ія", "ії", "ію", "ією", "іє"}},
    {"uk", "а", {"а", "и", "і", "у", "ою", "о", "ої", "ій"}},
    {"uk", "я", {"я", "і", "ю", "ею", "ї", "ю"}},
    {"uk", "ий", {"ий", "ого", "ому", "им", "ім", "і", "их", "ими"}},
    {"uk", "ій", {"ій", "ія", "ію", "ієм", "ієві", "ого", "ому", "ім"}},
    {"uk", "е", {"е", "ого", "ому", "им", "ім"}},
    {"uk", "і", {"і", "их", "им", "ими"}},
    {"uk", "яни", {"яни", "ян", "янам", "янами", "янах"}},
    {"uk", "ани", {"ани", "ан", "анам", "анами", "анах"}},
    {"uk", "и", {"и", "ів", "ам", "ами", "ах"}},
    {"uk", "о", {"о", "а", "у", "ом", "і", "ові"}},
    {"uk", "ь", {"ь", "і", "ю", "я", "ем", "ям"}},
    {"uk", "", {"", "а", "у", "ом", "ем", "ові", "еві", "і", "е", "им", "я", "ю"}},
    /* Russian */
    {"ru", "ия", {"ия", "ии", "ию", "ией", "ие"}},
    {"ru", "ая", {"ая", "ой", "ую", "ою", "ие", "их", "ими"}},
    {"ru", "яя", {"яя", "ей", "юю", "ею"}},
    {"ru", "а", {"а", "ы", "и", "е", "у", "ой", "ою"}},
    {"ru", "я", {"я", "и", "е", "ю", "ей", "ею"}},
    {"ru", "ий", {"ий", "ого", "ому", "им", "ом", "ия", "ию", "ием", "ии", "ие", "их", "ими"}},
    {"ru", "ый", {"ый", "ого", "ому", "ым", "ом", "ые", "ых", "ыми"}},
    {"ru", "ой", {"ой", "ого", "ому", "ым", "ом"}},
    {"ru", "ое", {"ое", "ого", "ому", "ым", "ом"}},
    {"ru", "ее", {"ее", "его", "ему", "им", "ем"}},
    {"ru", "ие", {"ие", "их", "им", "ими"}},
    {"ru", "ые", {"ые", "ых", "ым", "ыми"}},
    {"ru", "яне", {"яне", "ян", "янам", "янами", "янах"}},
    {"ru", "ане", {"ане", "ан", "анам", "анами", "анах"}},
    {"ru", "ы", {"ы", "ов", "ам", "ами", "ах"}},
    {"ru", "о", {"о", "а", "у", "ом", "е"}},
    {"ru", "ь", {"ь", "и", "ью", "я", "ю", "ем", "е"}},
    {"ru", "й", {"й", "я", "ю", "ем", "е"}},
    {"ru", "", {"", "а", "у", "ом", "ем", "е", "ым", "ы", "ов"}},
};
#define NPARADIGMS (sizeof PARADIGMS / sizeof PARADIGMS[0])

static int is_cyrillic_consonant_end(const char *word, size_t len)
{
    /* The last code point: a Cyrillic letter that is not a vowel, ь or й. */
    if (len == 0)
        return 0;
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)word[i] & 0xC0) == 0x80)
        i--;
    size_t j = i;
    int32_t cp = tg_utf8_next((const unsigned char *)word, len, &j);
    if (cp < 0x0430 || cp > 0x045F)
        return 0;
    static const char vowels[] = "аеиіїоуюяєыэьй";
    char one[4];
    size_t n = tg_utf8_put((uint32_t)cp, one);
    for (const char *v = vowels; *v;) {
        size_t k = ((unsigned char)*v < 0x80) ? 1 : 2;
        if (k == n && memcmp(v, one, n) == 0)
            return 0;
        v += k;
    }
    return 1;
}

static size_t count_cps(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += (((unsigned char)s[i] & 0xC0) != 0x80);
    return n;
}

int tg_inflect_classify(const char *lang, const char *word, size_t len, size_t *stem_len)
{
    int best = -1;
    size_t best_len = 0;
    for (size_t c = 0; c < NPARADIGMS; c++) {
        const paradigm *p = &PARADIGMS[c];
        if (strcmp(p->lang, lang) != 0)
            continue;
        size_t e = strlen(p->nominative);
        if (e == 0) {
            if (best < 0 && is_cyrillic_consonant_end(word, len))
                best = (int)c, best_len = 0;
            continue;
        }
        if (e <= len && memcmp(word + len - e, p->nominative, e) == 0 &&
            (best < 0 || e > best_len))
            best = (int)c, best_len = e;
    }
    if (best < 0 || count_cps(word, len - best_len) < TG_INFLECT_MIN_STEM)
        return -1;
    *stem_len = len - best_len;
    return best;
}

size_t tg_inflect_key(int cls, const char *stem, size_t stem_len, char *key)
{
    key[0] = '\x01'; /* cannot occur in a folded token */
    key[1] = (char)(cls + 1);
    memcpy(key + 2, stem, stem_len);
    return stem_len + 2;
}

int tg_inflect_init(tg_inflect *inf)
{
    memset(inf, 0, sizeof *inf);
    if (strmap_init(&inf->endings))
        return -1;
    inf->masks = calloc(NPARADIGMS * MAX_ENDINGS, sizeof *inf->masks);
    if (!inf->masks)
        return -1;
    for (size_t c = 0; c < NPARADIGMS; c++) {
        for (size_t k = 0; k < MAX_ENDINGS && PARADIGMS[c].endings[k]; k++) {
            const char *e = PARADIGMS[c].endings[k];
            uint32_t id = strmap_intern(&inf->endings, e, strlen(e));
            if (id == TG_NONE)
                return -1;
            inf->masks[id] |= 1ULL << c;
        }
    }
    inf->mask_count = inf->endings.count;
    return 0;
}

void tg_inflect_free(tg_inflect *inf)
{
    strmap_free(&inf->endings);
    free(inf->masks);
    inf->masks = NULL;
}

uint64_t tg_inflect_classes_for(const tg_inflect *inf, const char *ending, size_t len)
{
    uint32_t id = strmap_get(&inf->endings, ending, len);
    return id == TG_NONE ? 0 : inf->masks[id];
}
