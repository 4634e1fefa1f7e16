/*
 * inflect.c - the paradigm tables, the stem/ending split and the common words.
 *
 * A class is selected by the alias word's ending (its nominative) and, where the
 * ending alone is ambiguous, by the last letters of the stem: the surname class
 * (Путін, Баканов: instrumental -им/-ым) needs a stem in -ов/-ев/-ін/-ин, the
 * Ukrainian velar class (Маск, Донецьк) has no locative -і, Russian -о declines
 * only in -ово/-ево/-ино and -ство (Иваново, Королевство) and is indeclinable
 * elsewhere (Осло, Комо).
 * The longest matching nominative wins; among equals, the first in the table, so
 * the specific classes come before the general ones.
 *
 * Stem alternations are modelled where they are regular and frequent in names by
 * putting the alternating letters into the endings: uk Америка/Америці (-ка: ці),
 * Прага/Празі, Львів/Львова (-ів: ова), Київ/Києва (-їв: єва), Тернопіль/Тернополя,
 * Схід/Сходу (-ід: оду), Кам'янець/Кам'янця (-ець: ця), Відень/Відня (-ень: ня), Павел/Павла
 * (-ел: ла).
 * Others (Кривий Ріг/Рогу, Річ/Речі, Лев/Льва) are not: list those forms as aliases.
 *
 * Every word of a multi-word alias is classified and declined, the words after its
 * head noun too ("організація охорони здоров'я"): each class takes its own
 * nominative, so such a word still matches as written.
 *
 * Endings are in folded form (ё -> е). Classes index a uint64_t mask: at most 64.
 */
#include "inflect.h"

#include "utf8.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENDINGS 16
#define MAX_STEM_ENDS 12
#define BLOOM_BITS TG_INFLECT_BLOOM_BITS /* 128 KiB: stays in cache while a text is scanned */

typedef struct paradigm {
    const char *lang;
    const char *name;
    const char *nominative;                /* "" = a consonant-final word */
    const char *stem_ends[MAX_STEM_ENDS];  /* the stem must end in one; none = any */
    int min_stem;                          /* code points */
    const char *endings[MAX_ENDINGS];
} paradigm;

#define ANY {NULL}
#define SURNAME_UK {"ов", "ев", "єв", "ін", "їн", "ин"}
#define SURNAME_RU {"ов", "ев", "ин", "ын"}
#define ADJ_UK {"н", "ськ", "цьк", "зьк", "ов", "ев", "єв", "ин", "ін", "ч", "ж", "ш"}

static const paradigm PARADIGMS[] = {
    /* Ukrainian. Nouns in -а/-я (1st declension; -ка/-га/-ха alternate before -і),
     * adjectives in -ська/-ий/-е/-і, neuters in -о/-я, plurals, masculine consonant
     * stems (2nd declension) split by their last letter. */
    {"uk", "uk -ія", "ія", ANY, 2, {"ія", "ії", "ію", "ією"}},
    {"uk", "uk -ська", "ська", ANY, 3, {"ська", "ської", "ській", "ську", "ською", "ські"}},
    {"uk", "uk -цька", "цька", ANY, 3, {"цька", "цької", "цькій", "цьку", "цькою", "цькі"}},
    {"uk", "uk -зька", "зька", ANY, 3, {"зька", "зької", "зькій", "зьку", "зькою", "зькі"}},
    {"uk", "uk -ка", "ка", ANY, 2, {"ка", "ки", "ці", "ку", "кою", "кої", "кій"}},
    {"uk", "uk -га", "га", ANY, 2, {"га", "ги", "зі", "гу", "гою", "гої", "гій"}},
    {"uk", "uk -ха", "ха", ANY, 2, {"ха", "хи", "сі", "ху", "хою", "хої", "хій"}},
    /* The mixed group: a stem in ж, ч, ш, щ takes -ею (Польщею, Межею). */
    {"uk", "uk -а sibilant", "а", {"ж", "ч", "ш", "щ"}, 3, {"а", "і", "у", "ею", "ою", "ої", "ій"}},
    {"uk", "uk -а", "а", ANY, 3, {"а", "и", "і", "у", "ою", "ої", "ій"}},
    {"uk", "uk -я neuter", "я", {"жж", "лл", "сс", "тт", "чч", "нн", "дд", "зз", "цц", "шш", "'"},
     3, {"я", "ю", "ям", "і", "ї"}},
    /* The soft adjectives (Нижня, Всесвітня) share the nominative -я with the nouns,
     * and their cases are in the same class: a noun stem takes no -ьої. */
    {"uk", "uk -я", "я", ANY, 3, {"я", "і", "ю", "ею", "ї", "ьої", "ій", "ьою"}},
    {"uk", "uk -ий", "ий", ANY, 3, {"ий", "ого", "ому", "им", "ім", "і", "их", "ими"}},
    /* Андрій, and the soft adjectives (Нижній, Всесвітній, Середній). */
    {"uk", "uk -ій", "ій", ANY, 3,
     {"ій", "ія", "ію", "ієм", "ієві", "ього", "ьому", "ім", "і", "іх", "іми"}},
    {"uk", "uk -є adjective", "є", {"н"}, 3, {"є", "ього", "ьому", "ім"}},
    {"uk", "uk -е adjective", "е", ADJ_UK, 3, {"е", "ого", "ому", "им", "ім"}},
    {"uk", "uk -е noun", "е", {"р", "л", "ц", "щ"}, 3, {"е", "я", "ю", "ем", "і"}},
    {"uk", "uk -ці", "ці", ANY, 3, {"ці", "ців", "цям", "цями", "цях"}},
    {"uk", "uk -і adjective", "і", {"н", "ськ", "цьк", "зьк", "ов", "ів"}, 4,
     {"і", "их", "им", "ими"}},
    /* Кияни/киян, громадяни/громадян: the stem keeps its я or а (one class of the two
     * that were, for room in the mask: uk -р). */
    {"uk", "uk -ни", "ни", {"я", "а"}, 4, {"ни", "н", "нам", "нами", "нах"}},
    {"uk", "uk -и", "и", ANY, 3, {"и", "ів", "ам", "ами", "ах", ""}},
    {"uk", "uk -о", "о", {"к", "л", "ов", "ев", "єв", "ін", "ин", "р", "ств", "цтв"}, 3,
     {"о", "а", "у", "ом", "і", "ові"}},
    {"uk", "uk -іль", "іль", ANY, 3, {"іль", "оля", "олю", "олем", "олі"}},
    {"uk", "uk -ів", "ів", ANY, 3, {"ів", "ова", "ову", "ові", "овом"}},
    /* і -> о in the other cases (Схід/Сходу, Білий дім/Білого дому); the forms with
     * і kept are there too, for the names that keep it (Ібрагім/Ібрагіма). */
    {"uk", "uk -ід", "ід", ANY, 2,
     {"ід", "ода", "оду", "оді", "одом", "іда", "іду", "іді", "ідом", "ідові"}},
    {"uk", "uk -ім", "ім", ANY, 1,
     {"ім", "ома", "ому", "омі", "омом", "іма", "іму", "імі", "імом", "імові"}},
    /* The е drops: Кам'янець/Кам'янця, Кременець/Кременця. */
    {"uk", "uk -ець", "ець", ANY, 2, {"ець", "ця", "цю", "цем", "ці", "цеві"}},
    /* Відень/Відня; the forms that keep the е (Тюмень/Тюмені) are there too. */
    {"uk", "uk -ень", "ень", ANY, 2,
     {"ень", "ня", "ню", "нем", "ні", "еня", "еню", "енем", "ені"}},
    {"uk", "uk -їв", "їв", ANY, 2, {"їв", "єва", "єву", "єві", "євом"}},
    /* A feminine noun (3rd declension) doubles its last consonant before -ю: of the
     * names, Білорусь/Білоруссю ("сю" after the stem); Кремль's cases are the rest.
     * And the plural: a list of regions ends in one noun ("Харківській та Полтавській
     * областях"), so the last region's is plural. */
    {"uk", "uk -ь", "ь", ANY, 3, {"ь", "я", "ю", "ем", "і", "еві", "сю", "ей", "ям", "ями", "ях"}},
    {"uk", "uk -й", "й", ANY, 3, {"й", "ю", "я", "єм", "ї", "єві"}},
    {"uk", "uk surname", "", SURNAME_UK, 3, {"", "а", "у", "ові", "ом", "им", "і"}},
    /* Донецьк, Краматорськ: the genitive -а is the feminine adjective too, but only
     * a capitalised word matches, and a longer name wins ("Донецька область",
     * "Українська правда"); a capital adjective alone ("Краматорська ТЕЦ") is mostly
     * the town's. The genitive is the case news names a town in most ("біля
     * Покровська", "мешканці Краматорська"). */
    {"uk", "uk -ськ", "", {"ськ", "цьк", "зьк"}, 3, {"", "а", "у", "ом", "ові"}},
    {"uk", "uk velar", "", {"к", "г", "х", "ґ"}, 3, {"", "а", "у", "ом", "ові"}},
    {"uk", "uk sibilant", "", {"ж", "ч", "ш", "щ", "ц"}, 3, {"", "а", "у", "ем", "еві", "і"}},
    /* A stem in -р is soft in many names (Ігор/Ігоря/Ігорем, Шахтар/Шахтаря) and hard in
     * others (Гончар/Гончара): both sets of endings. */
    {"uk", "uk -р", "", {"р"}, 3, {"", "а", "у", "ом", "ові", "і", "я", "ю", "ем", "еві"}},
    {"uk", "uk consonant", "", ANY, 3, {"", "а", "у", "ом", "ові", "і"}},
    /* Russian. */
    {"ru", "ru -ия", "ия", ANY, 2, {"ия", "ии", "ию", "ией"}},
    {"ru", "ru -ая", "ая", ANY, 3, {"ая", "ой", "ую", "ою"}},
    {"ru", "ru -яя", "яя", ANY, 3, {"яя", "ей", "юю", "ею"}},
    /* An unstressed -а after ж, ш, щ, ч, ц takes -ей (Польшей, Ниццей). */
    {"ru", "ru -а sibilant", "а", {"ж", "ш", "щ", "ч", "ц"}, 3, {"а", "и", "ы", "е", "у", "ей", "ой", "ою", "ею"}},
    {"ru", "ru -а", "а", ANY, 3, {"а", "ы", "и", "е", "у", "ой", "ою"}},
    {"ru", "ru -я", "я", ANY, 3, {"я", "и", "е", "ю", "ей", "ею"}},
    /* Зеленский, Юрий, and the soft adjectives (Нижний, Ближний Восток: -его). */
    {"ru", "ru -ий", "ий", ANY, 3,
     {"ий", "ого", "ому", "им", "ом", "ия", "ию", "ием", "ии", "ие", "их", "ими", "его",
      "ему", "ем"}},
    {"ru", "ru -ый", "ый", ANY, 3, {"ый", "ого", "ому", "ым", "ом", "ые", "ых", "ыми"}},
    {"ru", "ru -ой", "ой", ANY, 3, {"ой", "ого", "ому", "ым", "ом"}},
    {"ru", "ru -ое", "ое", ANY, 3, {"ое", "ого", "ому", "ым", "ом"}},
    {"ru", "ru -ее", "ее", ANY, 3, {"ее", "его", "ему", "им", "ем"}},
    {"ru", "ru -е noun", "е", {"р", "л", "ц", "щ"}, 3, {"е", "я", "ю", "ем"}},
    {"ru", "ru -ье", "ье", ANY, 3, {"ье", "ья", "ью", "ьем"}},
    {"ru", "ru -ие", "ие", ANY, 4, {"ие", "их", "им", "ими"}},
    {"ru", "ru -ые", "ые", ANY, 4, {"ые", "ых", "ым", "ыми"}},
    {"ru", "ru -яне", "яне", ANY, 3, {"яне", "ян", "янам", "янами", "янах"}},
    {"ru", "ru -ане", "ане", ANY, 3, {"ане", "ан", "анам", "анами", "анах"}},
    {"ru", "ru -цы", "цы", ANY, 3, {"цы", "цев", "цам", "цами", "цах"}},
    {"ru", "ru -ы", "ы", ANY, 3, {"ы", "ов", "ам", "ами", "ах", ""}},
    /* The е drops: Донец/Донца, Каменец/Каменца, and Павел/Павла, Орёл/Орла (folded
     * ё is е); the forms that keep it are there too. */
    {"ru", "ru -ел", "ел", ANY, 2, {"ел", "ла", "лу", "лом", "ле", "ела", "елу", "елом", "еле"}},
    {"ru", "ru -ец", "ец", ANY, 2, {"ец", "ца", "цу", "цем", "цом", "це"}},
    {"ru", "ru -о", "о", {"ов", "ев", "ин", "ын", "ств", "цтв"}, 3, {"о", "а", "у", "ом", "е"}},
    /* Церковь/церкви: the о drops before -и (Русской православной церкви). */
    {"ru", "ru -рковь", "ковь", {"р"}, 3, {"ковь", "кви", "ковью"}},
    /* The plural too, for the last of a list of regions ("Курской и Брянской
     * областями"), as in Ukrainian. */
    {"ru", "ru -ь", "ь", ANY, 3, {"ь", "я", "ю", "ем", "е", "и", "ью", "ей", "ям", "ями", "ях"}},
    {"ru", "ru -й", "й", ANY, 3, {"й", "я", "ю", "ем", "е"}},
    {"ru", "ru surname", "", SURNAME_RU, 3, {"", "а", "у", "ым", "ом", "е"}},
    {"ru", "ru sibilant", "", {"ж", "ч", "ш", "щ", "ц"}, 3, {"", "а", "у", "ем", "ом", "е"}},
    {"ru", "ru consonant", "", ANY, 3, {"", "а", "у", "ом", "е"}},
};
#define NPARADIGMS (sizeof PARADIGMS / sizeof PARADIGMS[0])
_Static_assert(NPARADIGMS <= 64, "classes are bits of a uint64_t");

/* Frequent words (folded) that inflected forms of short names run into: pronouns,
 * conjunctions, adverbs, frequent verbs and adjectives. A single-token match that
 * needed inflection is dropped when the token is one of these. */
static const char *const COMMON[] = {
    /* uk */
    "або", "але", "аби", "вона", "вони", "воно", "його", "її", "їх", "їм", "їми", "нею",
    "ним", "ними", "нього", "неї", "них", "нам", "вам", "вас", "нас", "мене", "тебе",
    "собі", "себе", "собою", "мені", "мною", "тобі", "тобою", "йому", "ньому", "ній", "коли", "тоді", "тому", "того", "тим", "той", "ту", "те",
    "ті", "цей", "ця", "це", "ці", "цього", "цьому", "цим", "цієї", "цій", "цю", "цих",
    "цими", "який", "яка", "яке", "які", "якого", "якому", "яким", "якій", "якої",
    "яку", "якою", "яких", "якими", "кого", "кому", "ким", "чого", "чому", "чим",
    "весь", "вся", "все", "всі", "всього", "всьому", "всім", "всіх", "усі", "усіх",
    "також", "тільки", "лише", "вже", "ще", "дуже", "можна", "треба", "тепер", "зараз",
    "сьогодні", "вчора", "завтра", "потім", "часто", "рано", "пізно", "знову", "тут",
    "там", "туди", "звідси", "звідти", "навіть", "майже", "саме", "також", "проте",
    "однак", "адже", "бо", "хоча", "якщо", "ніби", "наче", "разом", "окрім", "крім",
    "після", "перед", "через", "щодо", "завдяки", "згідно", "серед", "між", "понад",
    "новий", "нова", "нове", "нові", "нового", "новому", "новим", "новій", "нової",
    "нову", "новою", "нових", "новими", "великий", "велика", "велике", "великі",
    "великого", "великої", "великим", "перший", "перша", "перше", "першого", "першої",
    "першим", "інший", "інша", "інше", "інші", "іншого", "іншої", "іншим", "інших",
    "кожен", "кожна", "кожне", "кожного", "кожної", "свій", "своя", "своє", "свої",
    "свого", "своєї", "своїм", "своїх", "свою", "наш", "наша", "наше", "наші", "нашого",
    "нашої", "нашим", "наших", "ваш", "ваша", "ваше", "ваші", "вашого", "вашої",
    "був", "була", "було", "були", "буде", "будуть", "бути", "є", "має", "мали", "мав",
    "мала", "каже", "сказав", "сказала", "заявив", "заявила", "думаю", "думає", "знає",
    "зокрема", "раніше", "пізніше", "тобто", "справді", "звісно", "утім", "втім",
    "ранком", "вранці", "ввечері", "вночі", "вдень", "роки", "року", "році", "роком",
    "рік", "днів", "дня", "дні", "день", "суду", "суді", "судом", "суд", "ради", "раді",
    "радою", "уряду", "уряді", "урядом", "мира", "миру", "миром", "світу", "світі",
    "решта", "решти", "решту", "рештою", "мати", "матір", "матері",
    /* ru */
    "она", "они", "оно", "его", "ее", "их", "ему", "ей", "им", "ими", "ней", "нее",
    "него", "нему", "ним", "ними", "них", "нам", "вам", "вас", "нас", "меня", "тебя",
    "себе", "себя", "собой", "мне", "мной", "тобой", "нем", "когда", "тогда", "тому", "того", "тем", "том", "той",
    "ту", "те", "тот", "та", "то", "этот", "эта", "это", "эти", "этого", "этому",
    "этим", "этой", "эту", "этих", "этими", "который", "которая", "которое", "которые",
    "которого", "которой", "которому", "которым", "которую", "которых", "какой",
    "какая", "какое", "какие", "каким", "какого", "какую", "каких", "кто", "кого",
    "кому", "кем", "ком", "что", "чего", "чему", "чем", "чём", "весь", "вся", "все",
    "всего", "всему", "всем", "всех", "всеми", "также", "только", "лишь", "уже", "еще",
    "очень", "можно", "нужно", "надо", "теперь", "сейчас", "сегодня", "вчера", "завтра",
    "потом", "часто", "рано", "поздно", "реже", "чаще", "снова", "опять", "здесь", "там",
    "туда", "отсюда", "оттуда", "даже", "почти", "именно", "однако", "хотя", "если",
    "будто", "вместе", "кроме", "после", "перед", "через", "между", "среди", "благодаря",
    "согласно", "обе", "оба", "обоих", "новый", "новая", "новое", "новые", "нового",
    "новому", "новым", "новой", "новую", "новых", "новыми", "большой", "большая",
    "большое", "большие", "большого", "большой", "большим", "первый", "первая",
    "первое", "первого", "первой", "первым", "другой", "другая", "другое", "другие",
    "другого", "другому", "другим", "других", "каждый", "каждая", "каждое", "каждого",
    "свой", "своя", "свое", "свои", "своего", "своей", "своим", "своих", "свою", "наш",
    "наша", "наше", "наши", "нашего", "нашей", "нашим", "наших", "ваш", "ваша", "ваше",
    "ваши", "вашего", "вашей", "был", "была", "было", "были", "будет", "будут", "быть",
    "есть", "имеет", "говорит", "сказал", "сказала", "заявил", "заявила", "думаю",
    "думает", "знает", "таким", "такой", "такая", "такое", "такие", "такого", "такую",
    "таких", "утром", "днем", "вечером", "ночью", "года", "году", "годом", "лет", "дня",
    "дней", "суда", "суде", "суду", "судом", "совета", "совете", "совету", "советом",
    "мира", "миру", "мире", "миром", "белую", "белой", "красной", "красную", "белые",
    "красные", NULL};

/* Code points: the bytes that are not continuation bytes (10xxxxxx), counted eight
 * at a time, since the scan counts every Cyrillic token. */
static size_t count_cps(const char *s, size_t len)
{
    size_t cont = 0, i = 0;
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t c = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7; /* 1 per 10xxxxxx */
        cont += (size_t)((c * 0x0101010101010101ULL) >> 56);       /* their sum */
    }
    for (; i < len; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return len - cont;
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t k = strlen(suffix);
    /* The last byte first: most suffixes differ there, and this runs for every
     * paradigm of every word of every alias at load. */
    return k <= len && (k == 0 || s[len - 1] == suffix[k - 1]) &&
           memcmp(s + len - k, suffix, k) == 0;
}

/* Is the last code point a Cyrillic consonant letter (not a vowel, ь, й or ')? */
static int consonant_end(const char *word, size_t len)
{
    if (len == 0)
        return 0;
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)word[i] & 0xC0) == 0x80)
        i--;
    size_t j = i;
    int32_t cp = tg_utf8_next((const unsigned char *)word, len, &j);
    if (cp < 0x0430 || cp > 0x045F)
        return 0;
    static const char vowels[] = "аеиіїоуюяєыэьйё";
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

/* Nominatives whose stem must end in a consonant, as that of the consonant classes
 * (nominative ""): a noun in a vowel and -а is foreign and does not decline (Самоа,
 * Гоа, Папуа), and read as the -а class "Самоа" would match "Самое" ("the most"). */
static const char *const CONSONANT_STEM_NOMINATIVES[] = {"а", NULL};

static int wants_consonant_stem(const paradigm *p)
{
    if (p->nominative[0] == '\0')
        return 1;
    for (size_t i = 0; CONSONANT_STEM_NOMINATIVES[i]; i++)
        if (strcmp(p->nominative, CONSONANT_STEM_NOMINATIVES[i]) == 0)
            return 1;
    return 0;
}

static int stem_fits(const paradigm *p, const char *stem, size_t len)
{
    if (count_cps(stem, len) < (size_t)p->min_stem)
        return 0;
    if (wants_consonant_stem(p) && !consonant_end(stem, len))
        return 0;
    if (!p->stem_ends[0])
        return 1;
    for (int k = 0; k < MAX_STEM_ENDS && p->stem_ends[k]; k++)
        if (ends_with(stem, len, p->stem_ends[k]))
            return 1;
    return 0;
}

/* The reference classification, as the rule above reads: every paradigm of the
 * language in table order, each one's strings measured and compared. Kept for the
 * tests, which hold tg_inflect_classify to it. */
int tg_inflect_classify_reference(const char *lang, const char *word, size_t len,
                                  size_t *stem_len)
{
    int best = -1;
    size_t best_len = 0;
    if (len == 0)
        return -1;
    for (size_t c = 0; c < NPARADIGMS; c++) {
        const paradigm *p = &PARADIGMS[c];
        if (strcmp(p->lang, lang) != 0)
            continue;
        size_t e = strlen(p->nominative);
        if (!ends_with(word, len, p->nominative) || (best >= 0 && e <= best_len))
            continue;
        if (stem_fits(p, word, len - e))
            best = (int)c, best_len = e;
    }
    if (best < 0)
        return -1;
    *stem_len = len - best_len;
    return best;
}

/* What tg_inflect_classify needs of PARADIGMS, measured once per process: for each
 * language and last byte of a word, the paradigms (in table order) whose nominative
 * ends in that byte or is empty, the only ones to try; the byte and code point
 * lengths of each nominative and the byte lengths of the stem endings; which
 * paradigms want a consonant before the nominative; the vowels of consonant_end
 * as bits. Loading a large model classifies some 100,000 alias words, and measuring
 * and comparing each candidate's strings again for every word cost a tenth of the
 * load. */
#define MAX_LANGS 4
#define VOWEL_BASE 0x0430 /* consonant_end looks at U+0430..U+045F only */
static struct {
    const char *langs[MAX_LANGS];
    size_t nlangs;
    uint8_t by_last[MAX_LANGS][256][NPARADIGMS + 1]; /* lists end with 0xFF */
    uint8_t nom_len[NPARADIGMS], nom_cps[NPARADIGMS], consonant_stem[NPARADIGMS];
    uint8_t stem_end_len[NPARADIGMS][MAX_STEM_ENDS]; /* 0 after the last */
    uint64_t vowels;                                 /* bit cp - VOWEL_BASE */
    int ok; /* the tables hold PARADIGMS; else tg_inflect_classify is the reference */
} ct;
static pthread_once_t ct_once = PTHREAD_ONCE_INIT;
static int ct_ready; /* set, with release order, when build_classify is done */

static void build_classify(void)
{
    ct.ok = 1;
    for (size_t c = 0; c < NPARADIGMS; c++) {
        const paradigm *p = &PARADIGMS[c];
        size_t l = 0;
        while (l < ct.nlangs && strcmp(ct.langs[l], p->lang) != 0)
            l++;
        if (l == ct.nlangs) {
            if (l == MAX_LANGS) {
                ct.ok = 0;
                return;
            }
            ct.langs[ct.nlangs++] = p->lang;
        }
        size_t e = strlen(p->nominative);
        if (e > UINT8_MAX) {
            ct.ok = 0;
            return;
        }
        ct.nom_len[c] = (uint8_t)e;
        ct.nom_cps[c] = (uint8_t)count_cps(p->nominative, e);
        ct.consonant_stem[c] = (uint8_t)wants_consonant_stem(p);
        for (int k = 0; k < MAX_STEM_ENDS && p->stem_ends[k]; k++) {
            size_t n = strlen(p->stem_ends[k]);
            if (n == 0 || n > UINT8_MAX) { /* "" would end the list early */
                ct.ok = 0;
                return;
            }
            ct.stem_end_len[c][k] = (uint8_t)n;
        }
    }
    size_t max_nom = 0;
    for (size_t c = 0; c < NPARADIGMS; c++)
        if (ct.nom_len[c] > max_nom)
            max_nom = ct.nom_len[c];
    /* Longest nominative first, and in table order among equals: the first that
     * fits is the one the rule chooses. */
    for (size_t l = 0; l < ct.nlangs; l++) {
        for (unsigned b = 0; b < 256; b++) {
            size_t n = 0;
            for (int e = (int)max_nom; e >= 0; e--)
                for (size_t c = 0; c < NPARADIGMS; c++)
                    if (ct.nom_len[c] == e && strcmp(PARADIGMS[c].lang, ct.langs[l]) == 0 &&
                        (e == 0 || (unsigned char)PARADIGMS[c].nominative[e - 1] == b))
                        ct.by_last[l][b][n++] = (uint8_t)c;
            ct.by_last[l][b][n] = 0xFF;
        }
    }
    for (uint32_t cp = VOWEL_BASE; cp < VOWEL_BASE + 48; cp++) {
        char one[4];
        size_t n = tg_utf8_put(cp, one);
        if (!consonant_end(one, n))
            ct.vowels |= 1ULL << (cp - VOWEL_BASE);
    }
    __atomic_store_n(&ct_ready, 1, __ATOMIC_RELEASE);
}

/* consonant_end by the vowels' bits. */
static int consonant_end_fast(const char *word, size_t len)
{
    if (len == 0)
        return 0;
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)word[i] & 0xC0) == 0x80)
        i--;
    int32_t cp = tg_utf8_next((const unsigned char *)word, len, &i);
    if (cp < VOWEL_BASE || cp >= VOWEL_BASE + 48)
        return 0;
    return !((ct.vowels >> (cp - VOWEL_BASE)) & 1);
}

/* Does s[0, len) end with the n bytes of suffix? Compared from the last byte, where
 * most candidates differ; a loop of a few bytes, not a call. */
static inline int ends_in(const char *s, size_t len, const char *suffix, size_t n)
{
    if (n > len)
        return 0;
    s += len - n;
    while (n > 0 && s[n - 1] == suffix[n - 1])
        n--;
    return n == 0;
}

/* tg_inflect_classify_reference from the measured tables. The candidates come
 * longest nominative first, so the first that fits is the answer. The stem's code
 * points are the word's less the nominative's, and the consonant classes ask about
 * the same stem, so consonant_end is asked once per stem length. */
int tg_inflect_classify(const char *lang, const char *word, size_t len, size_t *stem_len)
{
    if (len == 0)
        return -1;
    if (!__atomic_load_n(&ct_ready, __ATOMIC_ACQUIRE)) /* a flag, not a call per word */
        pthread_once(&ct_once, build_classify);
    if (!ct.ok) /* cannot happen with PARADIGMS as they are: test_inflect checks */
        return tg_inflect_classify_reference(lang, word, len, stem_len);
    size_t l = 0;
    while (l < ct.nlangs && strcmp(ct.langs[l], lang) != 0)
        l++;
    if (l == ct.nlangs)
        return -1; /* no paradigm of this language */
    const uint8_t *cands = ct.by_last[l][(unsigned char)word[len - 1]];
    size_t cps = count_cps(word, len), cons_len = SIZE_MAX;
    int cons = 0;
    for (size_t i = 0; cands[i] != 0xFF; i++) {
        size_t c = cands[i], e = ct.nom_len[c];
        const paradigm *p = &PARADIGMS[c];
        if (!ends_in(word, len, p->nominative, e))
            continue;
        size_t sl = len - e;
        if (cps - ct.nom_cps[c] < (size_t)p->min_stem)
            continue;
        if (ct.consonant_stem[c]) {
            if (sl != cons_len)
                cons_len = sl, cons = consonant_end_fast(word, sl);
            if (!cons)
                continue;
        }
        if (p->stem_ends[0]) {
            size_t k = 0, n;
            while (k < MAX_STEM_ENDS && (n = ct.stem_end_len[c][k]) != 0 &&
                   !ends_in(word, sl, p->stem_ends[k], n))
                k++;
            if (k == MAX_STEM_ENDS || ct.stem_end_len[c][k] == 0)
                continue;
        }
        *stem_len = sl;
        return (int)c;
    }
    return -1;
}

const char *tg_inflect_class_name(int cls)
{
    return cls >= 0 && (size_t)cls < NPARADIGMS ? PARADIGMS[cls].name : "none";
}

const char *tg_inflect_class_lang(int cls)
{
    return cls >= 0 && (size_t)cls < NPARADIGMS ? PARADIGMS[cls].lang : NULL;
}

const char *tg_inflect_class_nominative(int cls)
{
    return cls >= 0 && (size_t)cls < NPARADIGMS ? PARADIGMS[cls].nominative : NULL;
}

const char *tg_inflect_class_ending(int cls, size_t k)
{
    if (cls < 0 || (size_t)cls >= NPARADIGMS || k >= MAX_ENDINGS)
        return NULL;
    return PARADIGMS[cls].endings[k];
}

int tg_inflect_init(tg_inflect *inf)
{
    memset(inf, 0, sizeof *inf);
    if (strmap_init(&inf->endings) || strmap_init(&inf->common))
        return -1;
    inf->masks = calloc(NPARADIGMS * MAX_ENDINGS, sizeof *inf->masks);
    inf->stem_bloom = calloc(BLOOM_BITS / 64, sizeof *inf->stem_bloom);
    if (!inf->masks || !inf->stem_bloom)
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
    for (size_t i = 0; COMMON[i]; i++)
        if (strmap_intern(&inf->common, COMMON[i], strlen(COMMON[i])) == TG_NONE)
            return -1;
    return 0;
}

void tg_inflect_free(tg_inflect *inf)
{
    strmap_free(&inf->endings);
    strmap_free(&inf->common);
    free(inf->stem_bloom);
    inf->stem_bloom = NULL;
    free(inf->masks);
    inf->masks = NULL;
}

uint64_t tg_inflect_classes_for(const tg_inflect *inf, const char *ending, size_t len)
{
    uint32_t id = strmap_get(&inf->endings, ending, len);
    return id == TG_NONE ? 0 : inf->masks[id];
}

int tg_inflect_is_common(const tg_inflect *inf, const char *word, size_t len)
{
    return strmap_get(&inf->common, word, len) != TG_NONE;
}

const char *const *tg_inflect_common_words(void) { return COMMON; }

/* Compared byte by byte up to the first difference: a nominative is a few bytes, and
 * the scan asks this of every inflected reading it finds (strlen and memcmp, two
 * calls, cost four times as much). The nominative's NUL ends the loop as a
 * difference, so no byte past it is read. */
int tg_inflect_is_nominative(int cls, const char *ending, size_t len)
{
    const char *nom = PARADIGMS[cls].nominative;
    for (size_t i = 0; i < len; i++)
        if (nom[i] == '\0' || nom[i] != ending[i])
            return 0;
    return nom[len] == '\0';
}

void tg_inflect_add_stem(tg_inflect *inf, const char *stem, size_t len)
{
    size_t a, b;
    tg_inflect_bloom_bits(tg_inflect_stem_hash(stem, len), &a, &b);
    inf->stem_bloom[a / 64] |= 1ULL << (a % 64);
    inf->stem_bloom[b / 64] |= 1ULL << (b % 64);
}

/* ---- Splitting text words: a table of the endings, read from their last letter ----
 *
 * The scan asks, for every Cyrillic token, which splits into stem + ending some alias
 * could match. Looking each of the seven suffixes up in `endings` costs a hash each;
 * instead a trie of the endings spelled backwards is walked from the end of the word,
 * and the walk stops at the first suffix that no ending has. Each node holds the
 * classes of the ending it spells. The stem conditions of stem_fits are then applied
 * in a form that needs only the stem's last code point and its length, which can
 * only let through more than stem_fits would, never less: any (class, stem) an alias
 * was stored under passes. Everything here derives from PARADIGMS alone, like
 * the classification tables (ct), so it is built once per process. */

#define LETTER_BASE 0x400 /* endings are spelled in U+0400..U+047F */
#define LETTER_SPAN 0x80
#define MAX_LETTERS 48
#define MAX_NODES 256 /* the endings of the 62 classes take 246; unit_inflect fails past it */
#define MIN_STEM_CAP 8 /* stem lengths are counted up to this many code points */

static struct {
    uint8_t letter[LETTER_SPAN];              /* code point - LETTER_BASE -> index + 1 */
    uint8_t child[MAX_NODES][MAX_LETTERS];    /* node 0 = the empty ending; 0 = none */
    uint64_t classes[MAX_NODES];              /* classes taking this node's ending */
    uint64_t by_last[LETTER_SPAN + 2];        /* classes a stem ending in cp may fit */
    uint64_t by_cps[MIN_STEM_CAP + 1];        /* classes a stem of n code points may fit */
    size_t nodes, letters;
    int ok;                                   /* every ending fitted in the tables */
} ends;
static pthread_once_t ends_once = PTHREAD_ONCE_INIT;
static int ends_ready; /* set, with release order, when build_ends is done */

/* Index for by_last: the Cyrillic block, the apostrophe, anything else. */
static size_t last_index(int32_t cp)
{
    if (cp >= LETTER_BASE && cp < LETTER_BASE + LETTER_SPAN)
        return (size_t)(cp - LETTER_BASE);
    return cp == '\'' ? LETTER_SPAN : LETTER_SPAN + 1;
}

/* The last code point of s[0, len) and where it starts; -1 when len is 0. */
static int32_t last_cp(const char *s, size_t len, size_t *start)
{
    if (len == 0)
        return -1;
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    *start = i;
    size_t j = i;
    return tg_utf8_next((const unsigned char *)s, len, &j);
}

static int add_ending(const char *e, int cls)
{
    size_t node = 0, len = strlen(e), start;
    while (len > 0) {
        int32_t cp = last_cp(e, len, &start);
        if (cp < LETTER_BASE || cp >= LETTER_BASE + LETTER_SPAN)
            return -1;
        uint8_t *l = &ends.letter[cp - LETTER_BASE];
        if (!*l) {
            if (ends.letters == MAX_LETTERS)
                return -1;
            *l = (uint8_t)++ends.letters;
        }
        uint8_t *c = &ends.child[node][*l - 1];
        if (!*c) {
            if (ends.nodes == MAX_NODES)
                return -1;
            *c = (uint8_t)ends.nodes++;
        }
        node = *c;
        len = start;
    }
    ends.classes[node] |= 1ULL << cls;
    return 0;
}

static void build_ends(void)
{
    _Static_assert(MAX_NODES <= 256, "child indices are bytes");
    ends.nodes = 1;
    ends.ok = 1;
    for (size_t c = 0; c < NPARADIGMS; c++) {
        const paradigm *p = &PARADIGMS[c];
        for (size_t k = 0; k < MAX_ENDINGS && p->endings[k]; k++)
            if (add_ending(p->endings[k], (int)c))
                ends.ok = 0;
        if (p->min_stem > MIN_STEM_CAP)
            ends.ok = 0;
        for (size_t n = (size_t)p->min_stem; n <= MIN_STEM_CAP; n++)
            ends.by_cps[n] |= 1ULL << c;
        /* by_last: the stem's last code point against consonant_end (classes whose
         * nominative is empty) and against the last code point of each stem_ends. */
        for (size_t x = 0; x < LETTER_SPAN + 2; x++) {
            int32_t cp = x < LETTER_SPAN ? (int32_t)(LETTER_BASE + x) : x == LETTER_SPAN ? '\'' : -1;
            char one[4];
            size_t n = cp >= 0 ? tg_utf8_put((uint32_t)cp, one) : 0;
            if (p->nominative[0] == '\0' && (cp < 0 || !consonant_end(one, n)))
                continue;
            int fits = !p->stem_ends[0] || cp < 0; /* "anything else" may end any way */
            for (int k = 0; !fits && k < MAX_STEM_ENDS && p->stem_ends[k]; k++) {
                size_t start, sl = strlen(p->stem_ends[k]);
                fits = last_index(last_cp(p->stem_ends[k], sl, &start)) == x;
            }
            if (fits)
                ends.by_last[x] |= 1ULL << c;
        }
    }
    __atomic_store_n(&ends_ready, 1, __ATOMIC_RELEASE);
}

/* The code point that ends s[0, len) (len > 0) and where it starts, for the walk:
 * exact for ASCII and U+0400..U+047F (the letters of the endings), -1 for anything
 * else, whose start is then not needed. */
static int32_t last_letter(const unsigned char *s, size_t len, size_t *start)
{
    unsigned b = s[len - 1];
    if (b < 0x80) {
        *start = len - 1;
        return (int32_t)b;
    }
    if (len >= 2 && (s[len - 2] == 0xD0 || s[len - 2] == 0xD1) && (b & 0xC0) == 0x80) {
        *start = len - 2;
        return (int32_t)(((s[len - 2] & 0x1Fu) << 6) | (b & 0x3Fu));
    }
    return -1;
}

size_t tg_inflect_splits(const char *word, size_t len, size_t cps, tg_inflect_split *out)
{
    /* pthread_once is a call per token; once the tables are built, a flag says so. */
    if (!__atomic_load_n(&ends_ready, __ATOMIC_ACQUIRE))
        pthread_once(&ends_once, build_ends);
    if (!ends.ok) /* cannot happen with PARADIGMS as they are: test_inflect checks */
        return 0;
    const unsigned char *w = (const unsigned char *)word;
    size_t n = 0, cut = len, node = 0;
    for (int k = 0; cut > 0; k++, cps--) {
        size_t start = 0;
        int32_t cp = last_letter(w, cut, &start); /* the stem's last: the next ending's first */
        uint64_t classes = ends.classes[node];
        if (classes) {
            classes &= ends.by_last[last_index(cp)] &
                       ends.by_cps[cps < MIN_STEM_CAP ? cps : MIN_STEM_CAP];
            if (classes)
                out[n++] = (tg_inflect_split){cut, classes};
        }
        if (k == TG_INFLECT_MAX_ENDING || cp < LETTER_BASE || cp >= LETTER_BASE + LETTER_SPAN)
            break;
        uint8_t l = ends.letter[cp - LETTER_BASE];
        if (!l || !(node = ends.child[node][l - 1]))
            break;
        cut = start;
    }
    return n;
}
