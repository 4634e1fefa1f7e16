/*
 * zones.c - telling the story from the page around it, in plain text.
 *
 * The method is jusText's, adapted to news: cut the text into paragraphs; a
 * paragraph long enough and dense enough in stop words is "good" (prose); runs of
 * short capitalised lines that never end a sentence are lists (menus, related
 * headlines; on a page printed one element a line, without blank lines, the runs
 * between its paragraphs: mark_lists); cue lines ("Advertisement:", "RECENT NEWS",
 * "Реклама"), navigation bars ("Home | World | Business") and bare timestamps are
 * boilerplate. The story runs from the first good paragraph to the last before any
 * heading of readers' comments (comments_heading), and on over sentence paragraphs
 * right after it with half a good one's stop words (near_good_paragraph); its first
 * paragraph is the lead, the longest short line before it is the title (or, on a page
 * printed one element a line, the headline among the lines just above it; headlines
 * under a list heading such as "Most read" are a list, not the title), and
 * everything outside is boilerplate. A text with no good paragraph at all is too
 * short to judge, and all of it is body. A line ends before its '\n', and before a
 * '\r' there (CRLF files).
 *
 * Stop words are looked up by the hash the matcher made of every token (stop_hash),
 * in a table built once from STOP_WORDS rather than in the model's strmap: the same
 * words (the strmap is filled from this list, and a compiled model is only loaded by
 * the build that wrote it), with no string hashed again. And they are looked up
 * lazily: the count of a paragraph's stop words only ever meets a threshold in
 * good_paragraph, so it
 * is counted there, only for a paragraph that nothing else rules out, and only
 * until it reaches the least count that makes the paragraph good (news prose is
 * a third or more stop words against a threshold of a tenth or so). Once, that
 * lookup per word was most of the classifier's time. Nor is every paragraph
 * judged: only the first and the last good one matter, so they are sought from
 * each end, and the paragraphs between them are neither judged nor counted.
 */
#include "zones.h"

#include "bytes.h"
#include "token_at.h"
#include "word_hash.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *tg_zone_name(tg_zone z)
{
    static const char *const names[] = {"title", "dateline", "lead", "body", "boilerplate"};
    return z < TG_ZONE_COUNT ? names[z] : "body";
}

static const char *const STOP_WORDS[] = {
    /* en */
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "with", "as", "was",
    "at", "by", "it", "from", "be", "has", "have", "are", "said", "will", "its", "an",
    "this", "which", "not", "but", "or", "were", "been", "their", "he", "she", "they",
    "his", "her", "had", "would", "after", "who", "also", "than", "more", "into",
    "about", "over", "when", "there", "we", "can", "could", "if", "our", "one", "all",
    "up", "out", "no", "so", "what", "do", "says", "say", "while", "since", "other",
    /* uk */
    "і", "й", "в", "у", "на", "з", "що", "не", "до", "за", "та", "як", "це", "від",
    "про", "для", "по", "а", "але", "він", "вона", "вони", "його", "її", "їх", "був",
    "була", "було", "буде", "які", "який", "яка", "також", "із", "зі", "так", "ще",
    "після", "під", "через", "при", "між", "ми", "ви", "щоб", "коли", "вже", "де",
    "чи", "або", "же", "б", "би", "тому", "того", "цей", "ця", "ці", "цього", "цієї",
    "цих", "свої", "своїх", "має", "мають", "може", "можуть", "бути", "є", "ні", "теж",
    "лише", "тільки", "навіть", "проти", "щодо", "понад", "серед", "без", "над", "перед",
    "якщо", "хоча", "адже", "бо", "зараз", "там", "тут", "ним", "нею", "них", "нас",
    "нам", "себе", "собі", "весь", "вся", "все", "всі", "усі", "всього",
    /* ru */
    "и", "с", "что", "к", "из", "о", "от", "как", "это", "но", "он", "она", "они",
    "ее", "был", "была", "было", "будет", "который", "которые", "которая", "также",
    "еще", "после", "под", "при", "между", "мы", "вы", "то", "же", "бы", "чтобы",
    "когда", "уже", "где", "его", "их", "для", "по", "на", "не", "за", "в", "у", "а",
    "ли", "ни", "или", "тому", "тем", "того", "этот", "эта", "эти", "этого", "этой",
    "этих", "свои", "своих", "имеет", "может", "могут", "быть", "есть", "тоже", "только",
    "даже", "против", "более", "без", "над", "перед", "если", "хотя", "ведь", "потому",
    "сейчас", "там", "тут", "ей", "ним", "ней", "них", "нас", "нам", "себя", "себе",
    "весь", "вся", "все", "всего", "всех", "со", "во", "об",
    NULL};

static int stop_set_failed;
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

/*
 * The stop words again, by tg_word_hash: the hash the matcher has made of every
 * token (tg_matcher_candidates), so that a paragraph's stop words are counted from
 * the tokens' hashes. A slot is the hash's top bits; only a token whose hash is the
 * slot's has its bytes compared, and most tokens are no stop word. The wordset asked
 * of every word its filter of lengths and end bytes first, which was three in four
 * of the instructions this count took on English news. Two stop words of one hash
 * would make the second unreachable: the table refuses them.
 */
enum { STOP_HASH_BITS = 10, STOP_HASH_SLOTS = 1 << STOP_HASH_BITS };
/* At most half full: add_stop_hash and stop_word_hashed stop at an empty slot, and
 * there is always one (and probes stay short). */
_Static_assert(sizeof STOP_WORDS / sizeof *STOP_WORDS - 1 <= STOP_HASH_SLOTS / 2,
               "STOP_WORDS fills more than half of the stop-word hash table");

static struct stop_slot {
    uint64_t hash;
    const char *word; /* NULL: empty */
    size_t len;
} stop_hash[STOP_HASH_SLOTS];

static size_t stop_hash_slot(uint64_t h) { return (size_t)(h >> (64 - STOP_HASH_BITS)); }

static int add_stop_hash(const char *word)
{
    size_t len = strlen(word);
    uint64_t h = tg_word_hash(word, len);
    size_t j = stop_hash_slot(h);
    for (; stop_hash[j].word; j = (j + 1) & (STOP_HASH_SLOTS - 1))
        if (stop_hash[j].hash == h)
            return strcmp(stop_hash[j].word, word) ? -1 : 0; /* listed twice: fine */
    stop_hash[j] = (struct stop_slot){h, word, len};
    return 0;
}

/* Is the word w of len bytes and tg_word_hash h a stop word? */
static inline int stop_word_hashed(const char *w, size_t len, uint64_t h)
{
    for (size_t j = stop_hash_slot(h);; j = (j + 1) & (STOP_HASH_SLOTS - 1)) {
        const struct stop_slot *e = &stop_hash[j];
        if (!e->word)
            return 0;
        if (e->hash == h)
            return e->len == len && tg_bytes_equal(e->word, w, len);
    }
}

static void build_stop_set(void)
{
    for (size_t i = 0; STOP_WORDS[i] && !stop_set_failed; i++)
        stop_set_failed = add_stop_hash(STOP_WORDS[i]);
}

int tg_zone_stop_word(const char *w, size_t len, uint64_t h)
{
    pthread_once(&stop_once, build_stop_set);
    return !stop_set_failed && stop_word_hashed(w, len, h);
}

/* The cues that head a list of other stories' headlines ("Most read", "Читайте також",
 * "Популярное"), folded: cues as CUES are (the cue map holds both lists), and
 * mark_headline_lists asks for them by name. */
static const char *const LIST_HEADINGS[] = {
    "all news", "recent news", "latest news", "related", "related news", "related articles",
    "read more", "read also", "see also", "more news", "most read", "most popular", "popular",
    "most viewed", "trending", "усі новини", "всі новини", "все новости", "останні новини",
    "последние новости", "свіжі новини", "свежие новости", "читайте також", "читайте также",
    "дивіться також", "смотрите также", "популярне", "популярное", "найпопулярніше",
    "самое популярное", "найчитаніше", "самое читаемое", "головне", "главное",
    "новини по темі", "новости по теме", "схожі новини", "похожие новости", "більше новин",
    "больше новостей", NULL};

/* Lines of page furniture by their whole text (four words at most), folded; the cue map
 * also holds LIST_HEADINGS. */
static const char *const CUES[] = {
    "advertisement", "ad", "all sections", "support us", "share", "subscribe", "follow us",
    "tags", "topics", "comments", "news", "menu", "home", "sponsored", "реклама", "підтримати",
    "поддержать", "новини", "новости", "теги", "тэги", "підписатися", "подписаться",
    "коментарі", "комментарии", "усі розділи", "все разделы", "підтримайте нас",
    "поддержите нас", "підтримати нас", "поддержать нас", "пов'язані новини", "читати більше",
    "читать далее", "поділитися", "поделиться", "стежте за нами", "следите за нами", "теми",
    "темы", "меню", "головна", "главная", "на правах реклами", "на правах рекламы",
    "новини партнерів", "новости партнеров", "спецпроєкти", "спецпроекты", "newsletter",
    "sign up", "partner content", NULL};

/* "Tags: Ukraine, Turkey", "Читайте також: ...": a label and a colon open a line
 * of page furniture, whatever follows. */
static const char *const LABELS[] = {
    "tags", "topics", "read also", "read more", "see also", "related", "also read",
    "more on this", "теги", "теми", "читайте також", "дивіться також", "читати також",
    "по темі", "тэги", "темы", "читайте также", "смотрите также", "по теме", NULL};

/* First words of a call to action ending in '!': "Support Ukrainska Pravda on
 * Patreon!", "Підпишіться на наш Telegram!". */
static const char *const ACTIONS[] = {
    "support", "subscribe", "donate", "follow", "join", "підтримайте", "підтримати",
    "підпишіться", "підписуйтесь", "стежте", "долучайтеся", "поддержите", "поддержать",
    "подпишитесь", "подписывайтесь", "следите", "присоединяйтесь", NULL};

static int add_words(strmap *m, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strmap_intern(m, words[i], strlen(words[i])) == TG_NONE)
            return -1;
    return 0;
}

static int fill(strmap *m, const char *const *words)
{
    return strmap_init(m) || add_words(m, words) ? -1 : 0;
}

/* Is s of n bytes one of the NULL-ended words? For short lists asked of few lines. */
static int word_listed(const char *const *words, const char *s, size_t n)
{
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && !memcmp(words[i], s, n))
            return 1;
    return 0;
}

int tg_zone_words_init(tg_zone_words *w)
{
    memset(w, 0, sizeof *w);
    pthread_once(&stop_once, build_stop_set);
    if (stop_set_failed)
        return -1;
    return fill(&w->stop, STOP_WORDS) || fill(&w->cues, CUES) ||
                   add_words(&w->cues, LIST_HEADINGS) || fill(&w->labels, LABELS) ||
                   fill(&w->actions, ACTIONS)
               ? -1
               : 0;
}

void tg_zone_words_free(tg_zone_words *w)
{
    strmap_free(&w->stop);
    strmap_free(&w->cues);
    strmap_free(&w->labels);
    strmap_free(&w->actions);
}


typedef struct para {
    uint32_t start, end;
    uint32_t tok_start, tok_end;
    uint32_t words; /* UNCOUNTED until para_words is asked */
    int ends_sentence, cue, timestamp, in_list;
    size_t first_line;
    tg_zone forced;
} para;

#define UNCOUNTED UINT32_MAX

static int ends_sentence(const char *text, uint32_t start, uint32_t end)
{
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    if (end == start)
        return 0;
    unsigned char c = (unsigned char)text[end - 1];
    if (c == '.' || c == '!' || c == '?' || c == '"' || c == ')')
        return 1;
    /* ” » … as UTF-8 */
    if (end - start >= 3 && memcmp(text + end - 3, "\xE2\x80\x9D", 3) == 0)
        return 1;
    if (end - start >= 3 && memcmp(text + end - 3, "\xE2\x80\xA6", 3) == 0)
        return 1;
    if (end - start >= 2 && memcmp(text + end - 2, "\xC2\xBB", 2) == 0)
        return 1;
    return 0;
}

static int starts_item(const char *text, uint32_t start, uint32_t end)
{
    if (start < end && (text[start] == ' ' || text[start] == '\t'))
        return 1; /* indented: a new paragraph in hard-wrapped text */
    return end - start >= 3 && (memcmp(text + start, "\xE2\x80\xA2", 3) == 0); /* • */
}

/* The zone a hint gives the byte, or TG_ZONE_COUNT. */
static tg_zone hint_at(const tg_zone_vec *hints, uint32_t byte)
{
    if (!hints || !hints->n)
        return TG_ZONE_COUNT;
    size_t lo = 0, hi = hints->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (hints->v[mid].byte_end <= byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < hints->n && hints->v[lo].byte_start <= byte ? hints->v[lo].zone : TG_ZONE_COUNT;
}

/* The words among n tokens: four a round into two sums, with no test of the line's
 * end per token (the caller found the line's last token first). Long lines are
 * most of a text's tokens, and this runs over every one of them. */
static uint32_t count_words(const tg_token *tokens, size_t n)
{
    uint32_t a = 0, b = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        a += (tokens[i].flags & TK_WORD) + (tokens[i + 1].flags & TK_WORD);
        b += (tokens[i + 2].flags & TK_WORD) + (tokens[i + 3].flags & TK_WORD);
    }
    for (; i < n; i++)
        a += tokens[i].flags & TK_WORD;
    return a + b;
}

enum { KEY_MAX = 128 };

/* The key of a line's first words (tokens [from, to), at most four of them words): the
 * words, one space between, in key[KEY_MAX]; *klen its length. Returns 0 when a word
 * did not fit (no cue or label is that long). Made only for a line short enough to be
 * a cue, or at a label's colon: rather than copied word by word on every line, most of
 * which are prose. */
static int line_key(const tg_token *tokens, size_t from, size_t to, const char *norm,
                    char *key, size_t *klen)
{
    size_t n = 0;
    int ok = 1;
    for (size_t t = from; t < to; t++) {
        const tg_token *tk = &tokens[t];
        if (!(tk->flags & TK_WORD))
            continue;
        if (n + tk->norm_len + 1 < KEY_MAX) {
            if (n)
                key[n++] = ' ';
            memcpy(key + n, norm + tk->norm_off, tk->norm_len);
            n += tk->norm_len;
        } else {
            ok = 0;
        }
    }
    *klen = n;
    return ok;
}

/* Is the line of tokens [from, to) a key of map (line_key)? */
static int line_key_in(const strmap *map, const tg_token *tokens, size_t from, size_t to,
                       const char *norm)
{
    char key[KEY_MAX];
    size_t klen;
    return line_key(tokens, from, to, norm, key, &klen) && strmap_get(map, key, klen) != TG_NONE;
}

/* A navigation bar: items with '|' between them, two or more ("Главная | Новости |
 * Политика", "Home | World | Business"). A title has one at most ("Headline | Site"),
 * and prose ends its sentence (asked only of lines that do not). */
static int menu_bar(const char *text, uint32_t start, uint32_t end)
{
    const char *bar = memchr(text + start, '|', end - start);
    return bar && memchr(bar + 1, '|', (size_t)(text + end - (bar + 1))) != NULL;
}

/* A page's copyright line ("© 2026 News. All rights reserved.", "Copyright 2025 Reuters"):
 * furniture, however long, and no good paragraph to stretch the story to. */
static int copyright_line(const char *text, uint32_t start, uint32_t end)
{
    while (start < end && (text[start] == ' ' || text[start] == '\t'))
        start++;
    if (end - start >= 2 && !memcmp(text + start, "\xC2\xA9", 2))
        return 1;
    /* "Copyright" or "COPYRIGHT" as a word: not wrapped prose's "copyrights for ..." */
    return end - start >= 9 && text[start] == 'C' && !strncasecmp(text + start, "copyright", 9) &&
           (end - start == 9 || !isalpha((unsigned char)text[start + 9]));
}

/* Describe each line: words, stop words, cue, timestamp. */
static int describe_lines(const tg_zone_words *w, const char *text, size_t len,
                          const tg_token *tokens, size_t ntokens, const char *norm,
                          const tg_zone_vec *hints, tg_zone_line_vec *lines)
{
    lines->n = 0;
    size_t t = 0;
    uint32_t pos = 0;
    while (pos <= len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        uint32_t end = nl ? (uint32_t)(nl - text) : (uint32_t)len;
        if (end > pos && text[end - 1] == '\r')
            end--; /* a line of a CRLF file ends where its LF file's would */
        struct tg_zone_line l = {0};
        l.start = pos;
        l.end = end;
        l.tok_start = (uint32_t)t;
        l.forced = hint_at(hints, pos);
        l.ends_sentence = (uint8_t)ends_sentence(text, pos, end);
        l.starts_item = (uint8_t)starts_item(text, pos, end);
        /* A call to action ends in '!': its first word is looked up only then. */
        int all_time = 1, ntok = 0, label = 0, action = 0;
        int bang = end > pos && text[end - 1] == '!';
        for (; t < ntokens && tokens[t].byte_start < end; t++) {
            const tg_token *tk = &tokens[t];
            ntok++;
            if (!(tk->flags & TK_WORD)) {
                int colon = tk->norm_len == 1 && norm[tk->norm_off] == ':';
                if (!(tk->flags & TK_DIGIT) && !colon)
                    all_time = 0;
                /* A label: one to three words, then ':' as the first other token. */
                if (colon && ntok == (int)l.words + 1 && l.words && l.words <= 3)
                    label = line_key_in(&w->labels, tokens, l.tok_start, t, norm);
                continue;
            }
            all_time &= (tk->flags & TK_DIGIT) != 0; /* a word is never ':' */
            if (ntok == 1) {
                action = bang && strmap_get(&w->actions, norm + tk->norm_off, tk->norm_len) !=
                                     TG_NONE;
                l.starts_lower = (tk->flags & TK_HAS_LOWER) && !(tk->flags & TK_FIRST_UPPER) &&
                                 !(tk->flags & TK_DIGIT);
            }
            l.words++;
            if (l.words > 4) {
                /* Past its fifth word nothing but the count can change: a label
                 * needs ':' within three words, an action or a lower-case start is
                 * the first token's, and five tokens are too many for a timestamp.
                 * And the count only matters to a call to action (at most ten
                 * words): a cue has at most four, and a paragraph's words are
                 * counted over its tokens when asked for (para_words). So the
                 * rest of the line is skipped. */
                size_t stop = tg_token_at_from(tokens, ntokens, t + 1, end);
                if (action)
                    l.words += count_words(tokens + t + 1, stop - (t + 1));
                t = stop;
                break;
            }
        }
        l.tok_end = (uint32_t)t;
        l.blank = ntok == 0;
        l.timestamp = ntok > 0 && all_time && ntok <= 3;
        l.cue = (l.words && l.words <= 4 && line_key_in(&w->cues, tokens, l.tok_start, t, norm)) ||
                label || (action && l.words <= 10) ||
                (!l.ends_sentence && menu_bar(text, pos, end)) || copyright_line(text, pos, end);
        if (vec_push(*lines, l))
            return -1;
        if (!nl)
            break;
        pos = (uint32_t)(nl - text) + 1;
    }
    return 0;
}

/* Have tokens [from, to) `need` stop words or more? Counted only until there are
 * enough, by the tokens' hashes (stop_hash). */
static int has_stop_words(uint32_t from, uint32_t to, const tg_token *tokens, const char *norm,
                          const uint64_t *hash, uint32_t need)
{
    uint32_t stops = 0;
    for (uint32_t t = from; t < to; t++)
        if ((tokens[t].flags & TK_WORD) &&
            stop_word_hashed(norm + tokens[t].norm_off, tokens[t].norm_len, hash[t]) &&
            ++stops >= need)
            return 1;
    return 0;
}

/* Do lines [i, j) read as a list, not as wrapped prose: three or more, hardly any
 * followed by a line in lower case, at most a third ending a sentence? */
static int reads_as_list(const tg_zone_line_vec *lines, size_t i, size_t j)
{
    size_t n = j - i, ends = 0, lower_next = 0;
    for (size_t k = i; k < j; k++) {
        ends += lines->v[k].ends_sentence;
        if (k + 1 < j)
            lower_next += lines->v[k + 1].starts_lower;
    }
    return n >= 3 && lower_next * 10 < n && ends * 3 <= n;
}

/* Mark lines [i, j) as a list. A list among cue lines and timestamps ("RECENT NEWS",
 * "18:15") is a headline list even on a page with no story to compare it with. */
static void mark_list(tg_zone_line_vec *lines, size_t i, size_t j)
{
    int cues = 0;
    for (size_t k = i; k < j; k++)
        cues |= lines->v[k].cue || lines->v[k].timestamp;
    for (size_t k = i; k < j; k++)
        lines->v[k].in_list = cues ? 2 : 1;
}

/* Words of letters (not numbers) in tokens [from, to): a headline's, not a date line's. */
static uint32_t letter_words(const tg_token *tokens, uint32_t from, uint32_t to)
{
    uint32_t n = 0;
    for (uint32_t t = from; t < to; t++)
        n += (tokens[t].flags & (TK_WORD | TK_DIGIT)) == TK_WORD;
    return n;
}

/* Where a line's words are counted and its stop words looked up. */
typedef struct line_reader {
    const tg_token *tokens;
    const char *norm;
    const uint64_t *hash;
} line_reader;

/* A paragraph on one line: it ends a sentence, has PROSE_LINE_WORDS words of letters
 * or more (more than a headline has; a table's row of figures has fewer) and the stop
 * words of a good paragraph (good_paragraph). */
enum { PROSE_LINE_WORDS = 10 };

static int prose_line(const struct tg_zone_line *l, const line_reader *rd)
{
    if (!l->ends_sentence || l->words <= 4)
        return 0;
    uint32_t words = count_words(rd->tokens + l->tok_start, l->tok_end - l->tok_start);
    return words >= PROSE_LINE_WORDS &&
           letter_words(rd->tokens, l->tok_start, l->tok_end) >= PROSE_LINE_WORDS &&
           has_stop_words(l->tok_start, l->tok_end, rd->tokens, rd->norm, rd->hash,
                          tg_zone_stops_needed(words, 1));
}

/* Does a line hold a figure (a token with a digit)? */
static int has_figure(const struct tg_zone_line *l, const tg_token *tokens)
{
    for (uint32_t t = l->tok_start; t < l->tok_end; t++)
        if (tokens[t].flags & TK_DIGIT)
            return 1;
    return 0;
}

/* Is a block of lines [i, j) that reads as a list a page's story among its menus and
 * headlines (printed one element a line), not a list? It holds two paragraphs
 * (prose_line) with at most one line between them (a photo credit, "Advertisement"),
 * or paragraphs apart among lines of words, three in four of those without a figure.
 * A table has prose above it and notes below, a paragraph here and there, and rows of
 * figures; so has a scoreboard. */
static int story_in_list(const tg_zone_line_vec *lines, size_t i, size_t j,
                         const line_reader *rd)
{
    size_t last = SIZE_MAX, paragraphs = 0, figures = 0;
    for (size_t k = i; k < j; k++) {
        if (!prose_line(&lines->v[k], rd)) {
            figures += has_figure(&lines->v[k], rd->tokens);
            continue;
        }
        if (last != SIZE_MAX && k - last <= 2)
            return 1;
        last = k;
        paragraphs++;
    }
    return paragraphs && figures * 4 <= j - i - paragraphs;
}

/* Mark the blocks of lines (between blank lines) that read as a list. A page printed
 * one element a line with no blank line anywhere (menu items, headline, paragraphs,
 * related headlines) is one block, and as most of its lines are short and end no
 * sentence it reads as a list, story and all. So a block that reads as a list but
 * holds paragraphs on a line of their own is judged in the runs between them. */
static void mark_lists(tg_zone_line_vec *lines, const line_reader *rd)
{
    size_t i = 0;
    while (i < lines->n) {
        if (lines->v[i].blank) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < lines->n && !lines->v[j].blank)
            j++;
        if (reads_as_list(lines, i, j)) {
            if (!story_in_list(lines, i, j, rd)) {
                mark_list(lines, i, j);
            } else {
                size_t run = i; /* the start of the run after the last paragraph so far */
                for (size_t k = i; k < j; k++) {
                    if (prose_line(&lines->v[k], rd)) {
                        if (reads_as_list(lines, run, k))
                            mark_list(lines, run, k);
                        run = k + 1;
                    }
                }
                if (reads_as_list(lines, run, j))
                    mark_list(lines, run, j);
            }
        }
        i = j;
    }
}

/* Prose by its density of stop words: at least 8 words of which a tenth are stop
 * words and a sentence end, or 25 words of which 15% are stop words. As the least
 * count of stop words that makes a paragraph of `words` prose (UINT32_MAX when none
 * does), so that the count is compared with it rather than divided per stop word.
 * In integers: stops / words >= 0.10 is 10 * stops >= words, and >= 0.15 is
 * 20 * stops >= 3 * words, exactly as the doubles compared: a quotient that is not
 * exactly 1/10 (3/20) is at least 1 / (20 * words) away from it, far more than the
 * rounding of a double, so it falls on the same side of 0.10 (0.15) either way. */
uint32_t tg_zone_stops_needed(uint32_t words, int ends_sentence)
{
    uint64_t need = UINT32_MAX;
    if (words >= 8 && ends_sentence)
        need = ((uint64_t)words + 9) / 10;
    if (words >= 25) {
        uint64_t n15 = (3 * (uint64_t)words + 19) / 20;
        if (n15 < need)
            need = n15;
    }
    return (uint32_t)need;
}

/* The words of a paragraph: its lines' counts stop at five, so they are counted
 * here, over its tokens, once. Only the paragraphs that good_paragraph or the
 * choice of the title looks at ask: the story's first and last few, not the many
 * in between. */
static uint32_t para_words(para *p, const tg_token *tokens)
{
    if (p->words == UNCOUNTED)
        p->words = count_words(tokens + p->tok_start, p->tok_end - p->tok_start);
    return p->words;
}

/* A paragraph of prose: not ruled out by its lines, and dense enough in stop words. */
static int good_paragraph(para *p, const tg_token *tokens, const char *norm,
                          const uint64_t *hash)
{
    if (p->cue || p->timestamp || p->in_list || p->forced != TG_ZONE_COUNT)
        return 0;
    uint32_t words = para_words(p, tokens);
    if (words < 8 || (words < 25 && !p->ends_sentence))
        return 0;
    return has_stop_words(p->tok_start, p->tok_end, tokens, norm, hash,
                          tg_zone_stops_needed(words, p->ends_sentence));
}

/* A sentence paragraph right after the story's last good one, with half the stop words a
 * good one needs: the story's still (jusText's near-good paragraph next to a good one).
 * Ukrainian and Russian news have no articles, and a short report's last paragraph ("Тим
 * часом у Харкові ... поранено п'ятьох людей, повідомив голова Харківської ОВА") can fall
 * short of the count. Boilerplate sentences ("Підписуйтесь на наш канал, щоб ...") are
 * good paragraphs already: this adds only what is dense in names. */
static int near_good_paragraph(para *p, const tg_token *tokens, const char *norm,
                               const uint64_t *hash)
{
    if (p->cue || p->timestamp || p->in_list || p->forced != TG_ZONE_COUNT || !p->ends_sentence)
        return 0;
    uint32_t words = para_words(p, tokens);
    return words >= 8 &&
           has_stop_words(p->tok_start, p->tok_end, tokens, norm, hash,
                          (tg_zone_stops_needed(words, 1) + 1) / 2);
}

/* "By Timour Azhari, Suleiman Al-Khalidi and Maya Gebeily": a byline, which is no
 * title, though as long as the headline above it or longer. */
static int byline(const para *p, const tg_token *tokens, size_t ntokens, const char *norm)
{
    size_t t = p->tok_start;
    return t + 1 < ntokens && t + 1 < p->tok_end && tg_byline_by(&tokens[t], norm) &&
           (tokens[t + 1].flags & TK_FIRST_UPPER);
}

/* An en or em dash, as a token's folded bytes. */
static int is_dash(const char *s, size_t n)
{
    return n == 3 && (!memcmp(s, "\xE2\x80\x94", 3) || !memcmp(s, "\xE2\x80\x93", 3));
}

/* Is the folded word w (n bytes) a month's name as a day-first dateline writes it:
 * Ukrainian or Russian, in the genitive or abbreviated ("листопада", "ноя", "июл")? */
static int month_word(const char *w, size_t n)
{
    static const char *const MONTHS[] = {
        "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
        "вересня", "жовтня", "листопада", "грудня", "января", "февраля", "марта",
        "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
        "декабря", "янв", "фев", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт",
        "ноя", "дек"};
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++)
        if (strlen(MONTHS[i]) == n && !memcmp(MONTHS[i], w, n))
            return 1;
    return 0;
}

/* A dateline with the day first, as Ukrainian and Russian agencies write it: after
 * the city in capitals (token t), a full stop or a comma, the day, the month
 * (month_word), and the agency's credit ("КИЇВ. 18 листопада. УНН.", "МОСКВА, 8 ноября,
 * ФедералПресс.", "МОСКВА, 9 июл ПРАЙМ."). Returns the byte after it, or 0. */
static uint32_t day_first_dateline_end(const tg_token *tokens, size_t ntokens,
                                       const char *norm, size_t t, uint32_t end)
{
    if (t + 3 >= ntokens || tokens[t + 3].byte_start >= end)
        return 0;
    const tg_token *mark = &tokens[t + 1], *day = &tokens[t + 2], *month = &tokens[t + 3];
    char m = norm[mark->norm_off];
    if (mark->norm_len != 1 || (m != '.' && m != ',') || !(day->flags & TK_DIGIT) ||
        day->norm_len > 2 || (month->flags & (TK_DIGIT | TK_HAS_UPPER)) ||
        !month_word(norm + month->norm_off, month->norm_len))
        return 0;
    /* The month's full stop or comma, then the agency's credit up to its full stop:
     * capitalised words, commas and dashes ("УНН.", "— РИА Новости, Татьяна
     * Пичугина."). Without a credit, the month and its mark end the dateline. */
    size_t k = t + 4;
    uint32_t dateline_end = month->byte_end;
    if (k < ntokens && tokens[k].byte_start < end && tokens[k].norm_len == 1 &&
        (norm[tokens[k].norm_off] == '.' || norm[tokens[k].norm_off] == ','))
        dateline_end = tokens[k++].byte_end;
    for (; k < ntokens && k < t + 12 && tokens[k].byte_start < end; k++) {
        const tg_token *tk = &tokens[k];
        char c = norm[tk->norm_off];
        if (tk->norm_len == 1 && c == '.')
            return tk->byte_end;
        if (!(tk->flags & TK_FIRST_UPPER) &&
            !(tk->norm_len == 1 && (c == ',' || c == '-' || c == '/')) &&
            !is_dash(norm + tk->norm_off, tk->norm_len))
            break; /* "/УНІАН/." is a credit too */
    }
    return dateline_end;
}

/* Is the start of this paragraph a dateline ("HOUSTON, July 29 (Reuters) -", or
 * day_first_dateline_end's)? Returns the byte where the dateline ends, or 0. */
static uint32_t dateline_end(const tg_token *tokens, size_t ntokens, const char *norm,
                             uint32_t start, uint32_t end)
{
    size_t t = tg_token_at(tokens, ntokens, start);
    if (t >= ntokens || tokens[t].byte_start >= end)
        return 0;
    const tg_token *first = &tokens[t];
    if (!(first->flags & TK_WORD) || !(first->flags & TK_FIRST_UPPER) || first->norm_len < 3)
        return 0;
    /* A town, its day and month: the town may be written in capitals or not ("Київ, 27
     * листопада. /УНІАН/."); the other shapes want capitals ("HOUSTON, July 29"). */
    uint32_t day_first = day_first_dateline_end(tokens, ntokens, norm, t, end);
    if (day_first)
        return day_first;
    if ((first->flags & TK_HAS_LOWER) || !(first->flags & TK_HAS_UPPER))
        return 0;
    int saw_date = 0;
    for (size_t k = t + 1; k < ntokens && k < t + 16 && tokens[k].byte_start < end; k++) {
        const tg_token *tk = &tokens[k];
        const char *s = norm + tk->norm_off;
        if (tk->flags & TK_DIGIT)
            saw_date = 1;
        if (tk->norm_len == 1 && s[0] == ')')
            saw_date = 1;
        if (tk->norm_len == 1 && s[0] == '-' && saw_date)
            return tk->byte_end;
        /* A sentence's full stop before any date: no dateline. Not an abbreviation's,
         * right after a short word ("MINNEAPOLIS, MINN., March 3 -", "N.Y."). */
        if (tk->norm_len == 1 && s[0] == '.' && k > t + 1 && !saw_date &&
            !(tokens[k - 1].byte_end == tk->byte_start && (tokens[k - 1].flags & TK_WORD) &&
              tokens[k - 1].norm_len <= 5))
            return 0;
    }
    return 0;
}

/* A paragraph right before the story's first good one that is the story's opening: a
 * near-good sentence paragraph longer than a headline (25 words: a summary line that
 * ends with a full stop, "Sri Lanka's banks face hard times following December's
 * tsunami disaster, officials have warned.", stays the title), or one of 8 words or
 * more ending a sentence that opens with a dateline ("KYIV, Nov 20 (Reuters) -"),
 * which only a story has. */
static int story_opening(para *p, const tg_token *tokens, size_t ntokens, const char *norm,
                         const uint64_t *hash)
{
    if (para_words(p, tokens) >= 25 && near_good_paragraph(p, tokens, norm, hash))
        return 1;
    return !p->cue && !p->timestamp && !p->in_list && p->forced == TG_ZONE_COUNT &&
           p->ends_sentence && para_words(p, tokens) >= 8 &&
           dateline_end(tokens, ntokens, norm, p->start, p->end) != 0;
}

static int push_span(tg_zone_vec *out, uint32_t start, uint32_t end, tg_zone z)
{
    if (out->n && out->v[out->n - 1].zone == z && out->v[out->n - 1].byte_end <= start) {
        out->v[out->n - 1].byte_end = end;
        return 0;
    }
    return vec_push(*out, ((tg_zone_span){start, end, z}));
}

/* The lines of a whole title: their bytes and tokens only, since the classifier does
 * not read a title's lines. A title is one line: its tokens are all its tokens, found
 * with no walk over them (2000 English records' titles were described in 0.9M
 * instructions). */
static int bare_lines(const char *text, size_t len, const tg_token *tokens, size_t ntokens,
                      tg_zone_line_vec *lines)
{
    lines->n = 0;
    size_t t = 0;
    for (uint32_t pos = 0;;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        uint32_t end = nl ? (uint32_t)(nl - text) : (uint32_t)len;
        size_t stop = nl ? tg_token_at_from(tokens, ntokens, t, end) : ntokens;
        struct tg_zone_line l = {0};
        l.start = pos;
        l.end = end;
        l.tok_start = (uint32_t)t;
        l.tok_end = (uint32_t)stop;
        l.blank = stop == t;
        l.forced = TG_ZONE_COUNT;
        if (vec_push(*lines, l))
            return -1;
        if (!nl)
            return 0;
        t = stop;
        pos = end + 1;
    }
}

int tg_zone_lines(const tg_zone_words *w, const char *text, size_t len,
                  const tg_token *tokens, size_t ntokens, const char *norm,
                  int whole_title, const tg_zone_vec *hints, tg_zone_line_vec *lines)
{
    return whole_title ? bare_lines(text, len, tokens, ntokens, lines)
                       : describe_lines(w, text, len, tokens, ntokens, norm, hints, lines);
}

int tg_zones_compute(const tg_zone_words *w, const char *text, size_t len,
                     const tg_token *tokens, size_t ntokens, const char *norm,
                     int whole_title, const tg_zone_vec *hints, tg_zone_line_vec *lines,
                     tg_zone_vec *out)
{
    if (!whole_title && describe_lines(w, text, len, tokens, ntokens, norm, hints, lines))
        return -1;
    uint64_t *hash = malloc((ntokens + 1) * sizeof *hash);
    if (!hash)
        return -1;
    for (size_t t = 0; t < ntokens; t++)
        hash[t] = tg_word_hash(norm + tokens[t].norm_off, tokens[t].norm_len);
    int rc = tg_zones_from_lines(text, len, tokens, ntokens, norm, hash, whole_title, lines, out);
    free(hash);
    return rc;
}

/* The title of a page printed one element a line, where the headline is the last line
 * of the run of menu items above the story, or near it (mark_lists): of the
 * HEADLINE_REACH paragraphs before the story's first, the one with the most words of
 * letters, four at least (menu items, a date line, a photo credit have fewer; a byline
 * with its date line fewer than the headline) and not more than 40 words; -1 when none. */
enum { HEADLINE_REACH = 5 };

static long headline_in_list(para *paras, size_t first_good, const tg_token *tokens)
{
    long best = -1;
    uint32_t most = 3;
    for (size_t i = first_good; i > 0 && first_good - i < HEADLINE_REACH; i--) {
        para *p = &paras[i - 1];
        if (p->cue || p->timestamp || p->forced != TG_ZONE_COUNT || para_words(p, tokens) > 40)
            continue;
        uint32_t n = letter_words(tokens, p->tok_start, p->tok_end);
        if (n > most) {
            most = n;
            best = (long)(i - 1);
        }
    }
    return best;
}

/* The words of a heading over readers' comments ("Comments (12)", "Leave a comment",
 * "Коментарі", "Комментариев: 5"), folded. */
static const char *const COMMENT_WORDS[] = {"comments", "comment", "коментарі", "коментар",
                                            "коментарів", "комментарии", "комментарий",
                                            "комментариев", NULL};

/* The first paragraph after the story's first (first_good) that heads readers'
 * comments: a line of four words at most, one of them COMMENT_WORDS, and no full stop
 * ("Comments (3)" ends in ')', which may end a sentence). Readers write prose too,
 * and name other countries: the story ends before them. npara when none. */
static long comments_heading(const char *text, const para *paras, size_t npara,
                             size_t first_good, const tg_zone_line_vec *lines,
                             const tg_token *tokens, const char *norm)
{
    for (size_t i = first_good + 1; i < npara; i++) {
        const para *p = &paras[i];
        const struct tg_zone_line *l = &lines->v[p->first_line];
        if (!l->words || l->words > 4 || p->end != l->end ||
            memchr(text + l->start, '.', l->end - l->start))
            continue; /* "The government declined comment." */
        for (uint32_t t = p->tok_start; t < p->tok_end; t++)
            if ((tokens[t].flags & TK_WORD) &&
                word_listed(COMMENT_WORDS, norm + tokens[t].norm_off, tokens[t].norm_len))
                return (long)i;
    }
    return (long)npara;
}

static int list_heading(const para *p, const tg_token *tokens, const char *norm)
{
    char key[KEY_MAX];
    size_t klen;
    return p->cue && line_key(tokens, p->tok_start, p->tok_end, norm, key, &klen) &&
           word_listed(LIST_HEADINGS, key, klen);
}

/* The headlines under a list heading, each a paragraph of its own (blank lines between
 * them, so mark_lists saw no list): short lines that end no sentence, up to the first
 * that does not look so. Not the two paragraphs right above the story's first: there
 * stand its headline and byline, which the list may run into ("Most read", two
 * headlines, the story's headline, its byline, the lead). */
static void mark_headline_lists(para *paras, size_t npara, size_t first_good,
                                const tg_token *tokens, const char *norm)
{
    for (size_t i = 0; i < npara; i++) {
        if (!list_heading(&paras[i], tokens, norm))
            continue;
        size_t k = i + 1;
        for (; k < npara && !(k + 2 >= first_good && k < first_good); k++) {
            para *p = &paras[k];
            if (p->cue || p->timestamp || p->ends_sentence || p->forced != TG_ZONE_COUNT ||
                para_words(p, tokens) > 20)
                break;
            if (!p->in_list)
                p->in_list = 2;
        }
        i = k - 1;
    }
}

int tg_zones_from_lines(const char *text, size_t len, const tg_token *tokens,
                        size_t ntokens, const char *norm, const uint64_t *token_hash,
                        int whole_title, tg_zone_line_vec *lines, tg_zone_vec *out)
{
    out->n = 0;
    if (whole_title)
        return vec_push(*out, ((tg_zone_span){0, (uint32_t)len, TG_ZONE_TITLE}));
    pthread_once(&stop_once, build_stop_set); /* a compiled model skips tg_zone_words_init */
    if (stop_set_failed)
        return -1;
    line_reader rd = {tokens, norm, token_hash};
    mark_lists(lines, &rd);

    /* Paragraphs: a line joins the previous one when that did not end a sentence,
     * both are prose lines of one block, and it does not start a new item. */
    /* At most one a line: room for them all at once, on the stack for most texts
     * (a few dozen lines), rather than an array grown from nothing for every text. */
    enum { PARAS_ON_STACK = 64 };
    para on_stack[PARAS_ON_STACK];
    struct {
        para *v;
        size_t n;
    } paras = {lines->n <= PARAS_ON_STACK ? on_stack : malloc(lines->n * sizeof(para)), 0};
    if (!paras.v)
        return -1;
    for (size_t i = 0; i < lines->n; i++) {
        struct tg_zone_line *l = &lines->v[i];
        if (l->blank) {
            l->paragraph = -1;
            continue;
        }
        struct tg_zone_line *prev = i ? &lines->v[i - 1] : NULL;
        int join = prev && !prev->blank && !prev->ends_sentence && !prev->in_list &&
                   !l->in_list && !l->starts_item && !prev->cue && !l->cue &&
                   !prev->timestamp && !l->timestamp && prev->forced == l->forced;
        if (join) {
            para *p = &paras.v[paras.n - 1];
            p->end = l->end;
            p->tok_end = l->tok_end;
            p->ends_sentence = l->ends_sentence;
        } else {
            para p = {l->start, l->end, l->tok_start, l->tok_end, UNCOUNTED, l->ends_sentence,
                      l->cue, l->timestamp, l->in_list, i, l->forced};
            paras.v[paras.n++] = p;
        }
        l->paragraph = (int)paras.n - 1;
    }
    /* Only the first and the last good paragraph are wanted, so the paragraphs are
     * judged from each end until one is: a story's paragraphs between them, most of
     * its text, are not read for stop words (nor counted) at all. */
    long first_good = -1, last_good = -1;
    for (size_t i = 0; i < paras.n && first_good < 0; i++)
        if (good_paragraph(&paras.v[i], tokens, norm, token_hash))
            first_good = (long)i;
    if (first_good >= 0) {
        long story_end = comments_heading(text, paras.v, paras.n, (size_t)first_good, lines,
                                          tokens, norm);
        last_good = first_good;
        for (long i = story_end - 1; i > first_good; i--) {
            if (good_paragraph(&paras.v[i], tokens, norm, token_hash)) {
                last_good = i;
                break;
            }
        }
        while (last_good + 1 < story_end &&
               near_good_paragraph(&paras.v[last_good + 1], tokens, norm, token_hash))
            last_good++;
        /* The story's opening can be as thin in stop words as its end: a wire lead
         * dense in titles and names ("ЕКАТЕРИНБУРГ, 27 октября. /ТАСС/. Губернатор
         * Свердловской области Денис Паслер вручил ..."), then a paragraph of awards
         * and names, went to boilerplate and title before the first good paragraph. */
        while (first_good > 0 &&
               story_opening(&paras.v[first_good - 1], tokens, ntokens, norm, token_hash))
            first_good--;
    }
    if (first_good >= 0)
        mark_headline_lists(paras.v, paras.n, (size_t)first_good, tokens, norm);
    /* The title: the one the page's structure names, else the longest short prose
     * paragraph before the story. */
    long title = -1;
    for (size_t i = 0; i < paras.n && title < 0; i++)
        if (paras.v[i].forced == TG_ZONE_TITLE)
            title = (long)i;
    int forced_title = title >= 0;
    for (long i = 0; i < first_good && !forced_title; i++) {
        para *p = &paras.v[i];
        if (p->cue || p->timestamp || p->in_list || p->forced != TG_ZONE_COUNT ||
            para_words(p, tokens) < 3 || p->words > 40 || byline(p, tokens, ntokens, norm))
            continue;
        if (title < 0 || p->words > para_words(&paras.v[title], tokens))
            title = i;
    }
    if (title < 0 && !forced_title && first_good > 0)
        title = headline_in_list(paras.v, (size_t)first_good, tokens);
    int rc = 0;
    for (size_t i = 0; i < paras.n && !rc; i++) {
        const para *p = &paras.v[i];
        tg_zone z;
        if (p->forced != TG_ZONE_COUNT)
            z = p->forced;
        else if (first_good < 0)
            z = (p->cue || p->timestamp || p->in_list == 2) ? TG_ZONE_BOILERPLATE : TG_ZONE_BODY;
        else if ((long)i == title)
            z = TG_ZONE_TITLE;
        else if (p->cue || p->timestamp)
            z = TG_ZONE_BOILERPLATE;
        else if (title >= 0 && (long)i > title && (long)i < first_good)
            z = TG_ZONE_BODY; /* byline, date line, photo caption: part of the story */
        else if ((long)i < first_good || (long)i > last_good || p->in_list)
            z = TG_ZONE_BOILERPLATE;
        else if ((long)i == first_good)
            z = TG_ZONE_LEAD;
        else
            z = TG_ZONE_BODY;
        /* A repeated copy of the title (pages print it twice) is title too. */
        if (title >= 0 && z == TG_ZONE_BOILERPLATE && (long)i != title &&
            p->end - p->start == paras.v[title].end - paras.v[title].start &&
            memcmp(text + p->start, text + paras.v[title].start, p->end - p->start) == 0)
            z = TG_ZONE_TITLE;
        uint32_t start = p->start;
        /* The text's first paragraph opens with its dateline even where the rest is
         * no story's: a wire report that is a table of figures ("HOUSTON, March 3 -
         * Qtr ended Jan 31 Shr 33 cts vs 29 cts ...", a sentence further down) names
         * its place only there (47 of Reuters-21578's stories had no tag for it). */
        int opens_text = i == 0 && (first_good < 0 || (z == TG_ZONE_BOILERPLATE && !p->cue &&
                                                       !p->timestamp && !p->in_list &&
                                                       p->forced == TG_ZONE_COUNT));
        if (z == TG_ZONE_LEAD || opens_text) {
            uint32_t d = dateline_end(tokens, ntokens, norm, p->start, p->end);
            if (d) {
                rc = push_span(out, start, d, TG_ZONE_DATELINE);
                start = d;
            }
        }
        if (!rc)
            rc = push_span(out, start, p->end, z);
    }
    if (paras.v != on_stack)
        free(paras.v);
    return rc;
}

tg_zone tg_zone_at(const tg_zone_vec *zones, uint32_t byte)
{
    size_t lo = 0, hi = zones->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (zones->v[mid].byte_end <= byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < zones->n && zones->v[lo].byte_start <= byte)
        return zones->v[lo].zone;
    return TG_ZONE_BOILERPLATE; /* between paragraphs: whitespace only */
}
