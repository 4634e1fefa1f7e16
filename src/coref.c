/*
 * coref.c - surnames, given names and acronyms that refer back to a full name.
 *
 * Only capitalised tokens are considered, and only those no entity covers - but for
 * a listed town of a person's surname: in a text about President Clinton, "Clinton"
 * is him, not the town in Iowa (one sense a text), and so is a country's or a region's
 * name after a person surely named in full ("Neil Jordan ... Jordan"); and for a
 * listed person's surname alone after a namesake in full: after "Hunter Biden",
 * "Biden" is Hunter unless the text named Joe Biden before. Otherwise this step adds mentions and never
 * overrides the gazetteers or the rules. A surname key is the last word of
 * a person's name in full, or a name alone that a rule found by its context. Cyrillic
 * surnames inflect ("Баканов", "Бакановим", "Зеленського"): a token matches when it is
 * the surname's stem plus one of a closed list of case endings, so a key found in any
 * case ("президента Володимира Зеленського") also finds the nominative later.
 * Acronyms link when defined in parentheses right after a name whose word initials
 * spell them, or after an organisation's name whatever its initials (a name
 * translated from another language keeps its own: "Party of Democratic Action ( SDA
 * )"), and an organisation's initials (three to six) link without that, later
 * in the text ("International Monetary Fund ... the IMF", "Служба безпеки України ...
 * СБУ"): implied_acronym. An organisation of one word that a Ukrainian or Russian
 * rule found by its cue is a key too ("фірма «Кріогенсервіс»" ... «Кріогенсервісу»), and
 * so is the quoted word of an organisation's name with its form in front ("ТОВ
 * «Альтком»" ... «Альткому»); its quoted words, when several or a short acronym, are
 * the organisation again in quotation marks of their own ("ПП «Легіон Експерт»" ...
 * «Легіон Експерт»), over whatever was found inside those marks. A person's given
 * name alone after the name in full is
 * the person too ("Асия" after "Асия Биби", "Sarah" after "Sarah Whitcombe"), when the
 * name is surely a person's (listed, or a known given name and a surname), over a
 * listed place of that name (the continent) but not at a sentence's start when
 * nothing covers it ("Will" after "Will Smith").
 *
 * A headline names a person by the surname before the story names them in full
 * ("Захарова прокомментировала отставку Джонсона", then "Бориса Джонсона"): such a
 * surname, where nothing covers it, is the person too when the name in full is surely
 * one (listed, or a known given name and a surname), and the word Cyrillic, in
 * capitals, or in the text's first line and no firm's first word (headline_word).
 *
 * The scan for mentions starts after the first key's mention (at the text's start when
 * a surname may come before its name) and tests a key's first two bytes before
 * anything else: most capitalised tokens match no key. Given the list of the tokens
 * with a capital (the rules scan makes one), it reads only those, not every token of
 * the text.
 */
#include "coref.h"

#include "org_short.h"
#include "quoted_name.h"
#include "regnal.h"
#include "token_at.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Case endings of Ukrainian and Russian surnames, noun-like (Баканов, Баканова,
 * Бакановим, Шмигаля) and adjective-like (Зеленський, Зеленського), in both languages,
 * folded. A key is the surname less its longest ending; a later token is the same
 * surname when it is that stem plus one of these endings (or none), so "Бакановим"
 * and "Зеленського" refer back while "Бакановка" does not. Longest first, with their
 * lengths: the first that fits is the longest (a key per person's name asks). */
#define E(s) {s, sizeof s - 1}
static const struct {
    const char *s;
    size_t n;
} ENDINGS[] = {
    E("ього"), E("ому"), E("ого"), E("ими"), E("ыми"), E("ові"), E("еві"),
    E("ий"), E("ій"), E("ый"), E("ой"), E("ая"), E("яя"), E("ої"), E("ую"), E("юю"), E("им"),
    E("ім"), E("ым"), E("ых"), E("их"), E("ом"), E("ем"), E("ей"), E("ою"), E("ею"), E("ів"),
    E("ам"), E("ах"), E("ям"),
    E("а"), E("я"), E("у"), E("ю"), E("і"), E("и"), E("ы"), E("е"), E("о"), E("ь"), E("й")};
#undef E
#define NENDINGS (sizeof ENDINGS / sizeof *ENDINGS)

#define MIN_STEM_BYTES 6 /* three Cyrillic letters */

/* The endings by their last byte: bit i of by_last[b] is set when ENDINGS[i] ends in
 * byte b. Every ending ends in the second byte of a Cyrillic letter, so most words'
 * last bytes select two or three of the 41. Made once (pthread_once). */
static uint64_t by_last[256];
static pthread_once_t by_last_once = PTHREAD_ONCE_INIT;

static void build_by_last(void)
{
    for (size_t i = 0; i < NENDINGS; i++)
        by_last[(unsigned char)ENDINGS[i].s[ENDINGS[i].n - 1]] |= UINT64_C(1) << i;
}
_Static_assert(NENDINGS <= 64, "by_last holds a bit per ending");

/* Length of the ending of w (len bytes) from ENDINGS, the longest (the first in
 * ENDINGS, the lowest bit); 0 when none. Only the endings with w's last byte are
 * compared. */
static size_t ending_len(const char *w, size_t len)
{
    pthread_once(&by_last_once, build_by_last);
    for (uint64_t x = by_last[(unsigned char)w[len - 1]]; x; x &= x - 1) {
        size_t i = (size_t)__builtin_ctzll(x), n = ENDINGS[i].n;
        if (len >= n + MIN_STEM_BYTES && !memcmp(w + len - n, ENDINGS[i].s, n))
            return n;
    }
    return 0;
}

static int is_ending(const char *w, size_t len)
{
    if (len == 0)
        return 1;
    for (size_t i = 0; i < NENDINGS; i++)
        if (ENDINGS[i].n == len && !memcmp(w, ENDINGS[i].s, len))
            return 1;
    return 0;
}

/* The bytes of token t's stem: less its case ending when it is Cyrillic. */
static size_t stem_len(const tg_token *t, const char *norm)
{
    return (t->flags & TK_CYRILLIC) ? t->norm_len - ending_len(norm + t->norm_off, t->norm_len)
                                    : t->norm_len;
}

enum { NOT_NAME, NAME, PERSON_NAME };

/* Which kind of name an entity type (tg_candidate_type_id) is: NOT_NAME, NAME, or
 * PERSON_NAME (which gives surname keys). ORG first: a team's type is kind.org even
 * when that is TG_NONE (no ORG in the model), and a team is a name. */
static int name_type(const tg_model *m, uint32_t type)
{
    if (type == m->kind.org)
        return NAME;
    if (type == m->kind.person)
        return PERSON_NAME;
    return type == m->kind.place || type == m->kind.product || type == m->kind.facility ||
                   type == m->kind.event
               ? NAME
               : NOT_NAME;
}

/* The resolved candidate that covers this byte range, or NULL (won is sorted by
 * start, and disjoint). *from: the first candidate that ends after an earlier start
 * asked, the place to look on from: the tokens are asked in text order, so a step or
 * two from there finds the first that ends after this one's start, where a search
 * of the whole list took ten (tg_candidates_after: 0.8M instructions on 2000
 * English news records). */
static tg_candidate *covering(const tg_candidate_vec *won, size_t *from, uint32_t start,
                              uint32_t end)
{
    size_t lo = *from;
    while (lo < won->n && won->v[lo].byte_end <= start)
        lo++;
    *from = lo;
    return lo < won->n && won->v[lo].byte_start < end ? &won->v[lo] : NULL;
}

/* A listed town that is exactly this token: one a person's surname may take over
 * ("Clinton" after "President Clinton", a town in Iowa too). */
static int town_token(const tg_model *m, const tg_candidate *c, const tg_token *t)
{
    return c->same_as == TG_NONE && c->byte_start == t->byte_start &&
           c->byte_end == t->byte_end && tg_candidate_is_town(m, c);
}

/* A listed place (any kind) that is exactly this token: one a person's given name
 * takes over after the name in full ("Асия Биби ... Асия", not the continent). */
static int place_token(const tg_model *m, const tg_candidate *c, const tg_token *t)
{
    return c->same_as == TG_NONE && c->rule == TG_NONE && c->def != TG_NONE &&
           c->byte_start == t->byte_start && c->byte_end == t->byte_end &&
           m->entities.v[c->def].type == m->kind.place;
}

/* A listed place that a given name alone does not take over: a country ("Jordan"
 * after "Jordan Henderson" is mostly the country still), or any place right after a
 * word that puts a place there ("premiered in Sofia" after "Sofia Coppola", "в Мілані"
 * after "Мілан Кундера"). prev: the token before, or NULL. */
static int place_stays(const tg_model *m, const tg_candidate *c, const tg_token *prev,
                       const char *norm)
{
    static const char *const BEFORE_PLACE[] = {
        "in", "at", "to", "from", "near", "into", "via", "across", "outside",
        "у", "в", "во", "до", "з", "із", "зі", "біля", "під", "на", "над", "поблизу",
        "из", "около", "под", "возле", NULL};
    return m->entities.v[c->def].subtype == m->kind.country ||
           (prev && tg_token_in(prev, norm, BEFORE_PLACE));
}

/* A person named by a listed name, or by a rule that knows its given name (subtype
 * "given-name"): not only by a cue. */
static int surely_person(const tg_model *m, const tg_candidate *c)
{
    if (c->rule == TG_NONE)
        return c->def != TG_NONE;
    return m->rules.v.v[c->rule].subtype == m->kind.given_name;
}

/* A listed person that is exactly this token: a surname alone ("Biden"), which an
 * earlier namesake named in full may take over. */
static int listed_person_token(const tg_model *m, const tg_candidate *c, const tg_token *t)
{
    return c->same_as == TG_NONE && c->rule == TG_NONE && c->def != TG_NONE &&
           c->byte_start == t->byte_start && c->byte_end == t->byte_end &&
           m->entities.v[c->def].type == m->kind.person;
}

/* A person a rule found by this one word and nothing else knows ("Тереза" alone, by
 * the lone given-name rule): the key of a name in full says which person it is. */
static int rule_person_token(const tg_model *m, const tg_candidate *c, const tg_token *t)
{
    return c->same_as == TG_NONE && c->rule != TG_NONE && c->def == TG_NONE &&
           c->byte_start == t->byte_start && c->byte_end == t->byte_end &&
           m->rules.v.v[c->rule].type == m->kind.person;
}

typedef struct name_key {
    const char *s;       /* folded surname or acronym */
    size_t len, stem;    /* stem: bytes that must match for an inflected form */
    uint32_t same_as;    /* byte_start of the first mention */
    int acronym;
    int given;           /* a given name: the first word of a person's name in full */
    int forward;         /* a surname of someone surely named in full: it may come
                            before the name too, as a headline's does */
    int full;            /* of a name of two words or more */
    uint16_t head;       /* the first two bytes of s: every match starts with them */
    uint32_t next;       /* the next key of the same head_slot, in key order, or TG_NONE */
    const char *first;   /* the name's first word, folded, and the bytes of its stem */
    size_t first_stem;   /* (without a Cyrillic case ending): see same_name */
    const tg_token *quoted; /* a name of several tokens in quotation marks: its tokens */
    size_t nquoted;         /* (quoted_words), or 0: a key of one word */
} name_key;

typedef tg_name_key_vec name_key_vec; /* coref.h: kept in tg_coref_scratch */

static uint16_t head_of(const char *s)
{
    uint16_t h;
    memcpy(&h, s, 2);
    return h;
}

/* One of 64 slots for a head: its bit in a filter of the keys' heads, and the list
 * of the keys with heads of that slot (name_key.next). */
static unsigned head_slot(uint16_t head) { return (head * 40503u) >> 10 & 63; }
static uint64_t head_bit(uint16_t head) { return UINT64_C(1) << head_slot(head); }

/* Is word w (n bytes) the stem's bytes and then one of the case endings, or nothing? */
static int stem_and_ending(const char *stem, size_t stem_n, const char *w, size_t n)
{
    return n >= stem_n && !memcmp(w, stem, stem_n) && is_ending(w + stem_n, n - stem_n);
}

static int key_matches(const name_key *k, const tg_token *t, const char *norm)
{
    const char *w = norm + t->norm_off;
    /* Keys have at least two bytes and stems at least MIN_STEM_BYTES, so a token
     * shorter than two bytes or with another head matches neither way below. */
    if (t->norm_len < 2 || head_of(w) != k->head)
        return 0;
    if (t->norm_len == k->len && !memcmp(w, k->s, k->len))
        return 1;
    if (k->acronym || !(t->flags & TK_CYRILLIC) || k->stem < MIN_STEM_BYTES)
        return 0;
    return stem_and_ending(k->s, k->stem, w, t->norm_len);
}

/* Is token t a quotation mark that may open a quoted name, or, when closing, end
 * one (quoted_name.h)? A mark's folded bytes are its own. */
static int quote_mark(const tg_token *t, const char *norm, int closing)
{
    return !(t->flags & TK_WORD) && tg_quote_mark(norm + t->norm_off, t->norm_len, closing);
}

/* Most tokens a quoted name of an organisation has: "«Беніш Джі Пі Ес Україна»" has
 * five, "«Пересувна механізована колона № 15»" six. */
#define QUOTED_MAX_TOKENS 8

/* The tokens of an organisation's name [first, last] that stand in quotation marks,
 * the first a capitalised word: those in the last marks its name opens ("Альтком" of
 * "ТОВ «Альтком»", "Енергоатом" of "ДП «НАЕК «Енергоатом»", "ІНГО Україна" of "ПАТ
 * «Страхова компанія «ІНГО Україна»", to the closing mark, which may follow the name),
 * or, of a name that a rule found by its cue, the whole name when the marks stand
 * around it ("Нео-Бізнес Системи" of "компанія «Нео-Бізнес Системи»"). Their first
 * token in *qa and their number returned; 0 when there are none such. */
static size_t quoted_words(const tg_token *tokens, size_t ntokens, size_t first, size_t last,
                           int by_rule, const char *norm, size_t *qa)
{
    size_t a = 0, end = 0;
    if (by_rule && first > 0 && last + 1 < ntokens && quote_mark(&tokens[first - 1], norm, 0) &&
        quote_mark(&tokens[last + 1], norm, 1)) {
        a = first;
        end = last + 1;
    } else {
        for (size_t t = first; t < last; t++)
            if (quote_mark(&tokens[t], norm, 0))
                a = t + 1;
        if (!a)
            return 0;
        for (end = a; end < ntokens && end <= last + 1 && !quote_mark(&tokens[end], norm, 1); end++)
            if (quote_mark(&tokens[end], norm, 0))
                return 0;
        if (end >= ntokens || end > last + 1)
            return 0;
    }
    const tg_token *w = &tokens[a];
    if (end - a > QUOTED_MAX_TOKENS || w->norm_len < 2 ||
        (w->flags & (TK_WORD | TK_FIRST_UPPER)) != (TK_WORD | TK_FIRST_UPPER))
        return 0;
    *qa = a;
    return end - a;
}

/* Is token t the key's token k again: the same folded bytes, or, when it may inflect
 * (a quoted name's last word: "«Трейн Лідер Сервісу»"), its Cyrillic stem and a case
 * ending? */
static int same_word(const tg_token *k, const tg_token *t, const char *norm, int inflects)
{
    const char *a = norm + k->norm_off, *b = norm + t->norm_off;
    if (k->norm_len == t->norm_len && !memcmp(a, b, k->norm_len))
        return 1;
    if (!inflects || !(k->flags & TK_CYRILLIC) || !(t->flags & TK_CYRILLIC))
        return 0;
    size_t stem = stem_len(k, norm);
    return stem >= MIN_STEM_BYTES && stem_and_ending(a, stem, b, t->norm_len);
}

/* The last token of a mention of quoted key k that starts at tokens[i], in quotation
 * marks of its own ("«Легіон Експерт»" after "ПП «Легіон Експерт»"), or 0 when there is
 * none. */
static size_t quoted_mention(const name_key *k, const tg_token *tokens, size_t ntokens, size_t i,
                             const char *norm)
{
    size_t n = k->nquoted;
    if (i == 0 || i + n >= ntokens || !quote_mark(&tokens[i - 1], norm, 0) ||
        !quote_mark(&tokens[i + n], norm, 1))
        return 0;
    for (size_t j = 0; j < n; j++)
        if (!same_word(&k->quoted[j], &tokens[i + j], norm, j + 1 == n))
            return 0;
    return i + n - 1;
}

static int is_acronym_token(const tg_token *t)
{
    return (t->flags & TK_WORD) && (t->flags & TK_HAS_UPPER) && !(t->flags & TK_HAS_LOWER) &&
           !(t->flags & TK_DIGIT) && t->norm_len >= 2 && t->cp_end - t->cp_start <= 8;
}

/* "Full Name (ACR)": is the acronym the initials of the name's words, in order, starting
 * with the first word and skipping some ("National Anti-Corruption Bureau of Ukraine
 * (NABU)", "Russian Direct Investment Fund (RDIF)", "Російський фонд прямих інвестицій
 * (РФПІ)")? Every letter of the acronym must be an initial. */
static int spells(const tg_token *tokens, size_t first, size_t last, const char *norm,
                  const tg_token *acr)
{
    const char *a = norm + acr->norm_off, *end = a + acr->norm_len;
    int at_first = 1;
    for (size_t t = first; t <= last && a < end; t++) {
        if (!(tokens[t].flags & TK_WORD))
            continue;
        const char *w = norm + tokens[t].norm_off;
        unsigned char lead = (unsigned char)w[0];
        size_t clen = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (clen <= tokens[t].norm_len && a + clen <= end && !memcmp(w, a, clen))
            a += clen;
        else if (at_first)
            return 0;
        at_first = 0;
    }
    return a == end;
}

/* A word an organisation's initials leave out: English ones are in lower case (of,
 * and, for, the), Ukrainian and Russian prepositions and conjunctions are too, but so
 * are the name's own words ("Служба безпеки України": СБУ), so those are listed. */
static int skipped_in_initials(const tg_token *t, const char *norm)
{
    static const char *const SMALL[] = {"з", "із", "зі", "у", "в", "і", "й", "та", "по",
                                        "при", "на", "для", "и", "с", "со", "к", "до", "о",
                                        "об", NULL};
    if (!(t->flags & TK_CYRILLIC))
        return !(t->flags & TK_FIRST_UPPER);
    return tg_token_in(t, norm, SMALL);
}

/* The initials (folded, as an acronym token folds) of an organisation's name of
 * tokens [first, last], three to six of them, into out (at least 25 bytes): the
 * acronym a text may use later without having given it ("International Monetary Fund
 * ... the IMF", "Служби безпеки України ... СБУ"). Returns their bytes, or 0 when the
 * name has a digit, fewer than three or more than six initials, or no words only. */
static size_t implied_acronym(const tg_token *tokens, size_t first, size_t last,
                              const char *norm, char *out)
{
    size_t n = 0, letters = 0;
    static const char *const JOINERS[] = {"у", "в", NULL};
    static const char *const SERVED[] = {"області", "району", "м", "місті", NULL};
    for (size_t t = first; t <= last; t++) {
        const tg_token *tk = &tokens[t];
        if (!(tk->flags & TK_WORD))
            continue;
        if (tk->flags & TK_DIGIT)
            return 0;
        /* A branch's name ends in the place it serves (branch_name.h): "Служба
         * автомобільних доріг у Київській області" is САД still. */
        if (t > first && t < last && tg_token_in(tk, norm, JOINERS) &&
            (tg_token_in(&tokens[last], norm, SERVED) || tg_token_in(&tokens[t + 1], norm, SERVED)))
            break;
        if (skipped_in_initials(tk, norm))
            continue;
        const char *w = norm + tk->norm_off;
        unsigned char lead = (unsigned char)w[0];
        size_t clen = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (++letters > 6 || clen > tk->norm_len)
            return 0;
        memcpy(out + n, w, clen);
        n += clen;
    }
    return letters >= 3 ? n : 0;
}

/* Was entity def named before byte (by one of the first `original`, sorted by start)? */
static int named_before(const tg_candidate_vec *won, size_t original, uint32_t def,
                        uint32_t byte)
{
    for (size_t i = 0; i < original && won->v[i].byte_start < byte; i++)
        if (won->v[i].def == def)
            return 1;
    return 0;
}

/* A word that may name a person before the name in full: Cyrillic, or in capitals
 * as an English headline is ("LYNAGH SEALS VICTORY"). An English capitalised word
 * before the name is too often a company or a title's word: "Ford reported" before
 * "Bill Ford", "Eastman Kodak", "the Tower commission report" (on 10 MB of English
 * news, most such mentions were wrong; the Cyrillic ones were right). In the first
 * line, a headline's, it is right mostly: CoNLL train +52 right spans, 2 wrong. */
static int headline_word(const tg_token *tokens, size_t ntokens, const tg_token *tk,
                         const char *norm)
{
    if ((tk->flags & TK_CYRILLIC) || !(tk->flags & TK_HAS_LOWER))
        return 1;
    /* In the text's first line, its headline's ("Arafat to meet Peres in Gaza"),
     * a Latin word in Title Case too, unless a capitalised word or a company's form
     * comes next: a firm's name, "Eastman Kodak Co said" or "Deere and Co said" in
     * a story's first line, before "John Deere". (Asked of the few tokens before a
     * name in full that match its surname.) */
    for (const tg_token *t = tokens + 1; t <= tk; t++)
        if (t->flags & TK_LINE_START)
            return 0;
    const tg_token *next = tk + 1 < tokens + ntokens ? tk + 1 : NULL;
    if (next && (next->flags & TK_LINE_START))
        return 1;
    if (next && ((next->flags & TK_FIRST_UPPER) || tg_org_legal_form(next, norm)))
        return 0;
    static const char *const joints[] = {"and", "&", NULL};
    return !(next && next + 1 < tokens + ntokens && !((next + 1)->flags & TK_LINE_START) &&
             tg_org_legal_form(next + 1, norm) && tg_token_in(next, norm, joints));
}

/* Are keys a and b of one name, its first words alike but for a case ending ("Денис
 * Дудко" twice, "Дениса Дудка")? */
static int same_name(const name_key *a, const name_key *b)
{
    return a->first && b->first && a->first_stem == b->first_stem &&
           !memcmp(a->first, b->first, a->first_stem);
}

/* Does the key of another name in full before tk match it too ("Clinton" after "Bill
 * Clinton" and "Hillary Clinton")? Not the same name named again. */
static int another_name_matches(const name_key *keys, size_t nkeys, size_t k,
                                const tg_token *tk, const char *norm)
{
    for (size_t j = 0; j < nkeys; j++)
        if (j != k && keys[j].full && keys[j].same_as != keys[k].same_as &&
            keys[j].same_as < tk->byte_start && !same_name(&keys[j], &keys[k]) &&
            key_matches(&keys[j], tk, norm))
            return 1;
    return 0;
}

/* Is token tk inside the last mention added (a quoted name's: mentions are disjoint)? */
static int inside_added(const tg_candidate_vec *added, const tg_token *tk)
{
    return added->n && added->v[added->n - 1].byte_end > tk->byte_start;
}

/* Capitalised token tk: when it is a later mention of a key (or an earlier one of a
 * forward key), a candidate for it goes into `added` (or over the town, the listed
 * namesake or the rule's lone person it covers, in won). Asked of tokens in text
 * order (cover_from: covering's). Returns -1 when out of memory. */
static int refer_back(const tg_model *m, const tg_token *tokens, size_t ntokens,
                      const tg_token *tk, const char *norm, const name_key *keys, size_t nkeys,
                      const uint32_t *slot_keys,
                      tg_candidate_vec *won, size_t original, size_t *cover_from,
                      tg_candidate_vec *added)
{
    /* Every match starts with its key's head (key_matches): only the keys of the
     * head's slot are asked (slot_keys: the first key of each slot), in key order,
     * and of them those with another head are passed over on that alone. */
    uint16_t head = head_of(norm + tk->norm_off);
    for (uint32_t k = slot_keys[head_slot(head)]; k != TG_NONE; k = keys[k].next) {
        const name_key *key = &keys[k];
        if (key->head != head)
            continue;
        if (key->nquoted) {
            size_t end = tk->byte_start > key->same_as
                             ? quoted_mention(key, tokens, ntokens, (size_t)(tk - tokens), norm)
                             : 0;
            if (!end)
                continue;
            const tg_candidate *ante = tg_candidate_starting(won->v, original, key->same_as);
            if (!ante)
                return 0;
            tg_candidate c = {tk->byte_start, tokens[end].byte_end, ante->priority, ante->def,
                              ante->rule, key->same_as, 0, TG_NONE, TG_NONE, ante->in_list};
            /* What was found inside the marks is a word of the name: "Київ" and "Арту"
             * of «Київ-Арту» after "ТОВ «Київ-Арт»", a role's person "Сервісу" of
             * "керівником «Трейн Лідер Сервісу»". Not a name that runs out of them
             * (its own first mention among them). */
            size_t lo = *cover_from, n = 0;
            if (covering(won, &lo, c.byte_start, c.byte_end)) {
                while (lo + n < won->n && won->v[lo + n].byte_start < c.byte_end) {
                    const tg_candidate *in = &won->v[lo + n++];
                    if (in->byte_start < c.byte_start || in->byte_end > c.byte_end)
                        return 0;
                }
                *cover_from = lo;
                won->v[lo] = c; /* in place: won stays sorted and disjoint */
                memmove(won->v + lo + 1, won->v + lo + n, (won->n - lo - n) * sizeof *won->v);
                won->n -= n - 1;
                return 0;
            }
            return !inside_added(added, tk) && vec_push(*added, c) ? -1 : 0;
        }
        int before = tk->byte_start <= key->same_as;
        if ((before && (!key->forward || tk->byte_end > key->same_as ||
                        !headline_word(tokens, ntokens, tk, norm))) ||
            !key_matches(key, tk, norm))
            continue;
        if (key->acronym && !is_acronym_token(tk))
            continue;
        tg_candidate *cover = covering(won, cover_from, tk->byte_start, tk->byte_end);
        if (before && cover)
            return 0; /* before the name, a surname only fills a gap */
        /* A person's surname overrides a town of that name, one sense a text
         * (the town is a bigger place's name too rarely to matter); and a listed
         * person's surname alone, when the text named someone else of that surname
         * in full, and the listed person not before: after "Hunter Biden", "Biden" is him.
         * Either name overrides a person a rule found by the word alone: "Тереза"
         * after "Тереза Мэй" is she, not someone called Тереза; "Mr Greenspan" after
         * "Alan Greenspan" is he. Not when two names of the text have the word. */
        int unnamed = cover && rule_person_token(m, cover, tk) &&
                      !another_name_matches(keys, nkeys, k, tk, norm);
        int town, namesake, place = cover && place_token(m, cover, tk);
        if (key->given) {
            town = (place && !place_stays(m, cover, tk > tokens ? tk - 1 : NULL, norm)) ||
                   unnamed;
            namesake = 0;
            if (!cover && (tk->flags & TK_SENT_START))
                continue;
        } else {
            town = cover && !key->acronym && (town_token(m, cover, tk) || unnamed);
            namesake = cover && !town && !key->acronym && listed_person_token(m, cover, tk);
        }
        if (cover && !town && !namesake && !place)
            return 0; /* (a place: see below) */
        /* The antecedent: copy its source so the entity gets its type. */
        const tg_candidate *ante = tg_candidate_starting(won->v, original, key->same_as);
        /* A surname that names a country or a region ("Neil Jordan ... Jordan", "John
         * Kerry ... Kerry", "David Holland ... Holland") is the person's too, when the
         * person is surely one: listed, or a known given name and a surname. A name
         * only a cue found may have run over into the place ("George Shultz China",
         * "Khmer Rouge"), and the place matters to the topics. */
        if (place && !town && !namesake && !key->acronym && !key->given && ante &&
            surely_person(m, ante))
            town = 1;
        if (cover && !town && !namesake)
            return 0;
        if (!ante || ((town || namesake) && name_type(m, tg_candidate_type_id(m, ante)) != PERSON_NAME))
            return 0;
        if (namesake && (ante->def == cover->def ||
                         named_before(won, original, cover->def, tk->byte_start)))
            return 0;
        tg_candidate c = {tk->byte_start, tk->byte_end, ante->priority, ante->def,
                          ante->rule, key->same_as, 0, TG_NONE, TG_NONE, ante->in_list};
        if (town || namesake)
            *cover = c; /* in place: same span, so won stays sorted */
        else if (!inside_added(added, tk) && vec_push(*added, c))
            return -1;
        return 0;
    }
    return 0;
}

/* Is token t a Chinese, Korean or Vietnamese family name, which comes first and is
 * what later mentions repeat ("Wang Donghai ... Wang", "Kim In-so ... Kim")? The
 * common ones, in Latin letters, less those that are English words (He, Sun, Song,
 * Park, Moon, Long ...), which a sentence may start with. */
static int family_name_first(const tg_token *t, const char *norm)
{
    /* Each name's bytes as a big-endian number, zero-padded to eight bytes: their
     * numeric order is the names' alphabetical order, so a word is looked for by a
     * binary search of numbers (one compare a step) rather than of strings (a call
     * to strncmp a step). */
#define FB(s, i) (sizeof(s) > (i) + 1 ? (uint64_t)(unsigned char)(s)[i] << (56 - 8 * (i)) : 0)
#define F(s) (FB(s, 0) | FB(s, 1) | FB(s, 2) | FB(s, 3) | FB(s, 4) | FB(s, 5) | FB(s, 6) | FB(s, 7))
    static const uint64_t FAMILY[] = {
        F("bai"), F("bui"), F("cai"), F("cao"), F("chen"), F("cheng"), F("cho"), F("choi"),
        F("chung"), F("cui"), F("dang"), F("deng"), F("ding"), F("dong"), F("du"), F("duan"),
        F("duong"), F("fang"), F("feng"), F("fu"), F("gao"), F("gu"), F("guo"), F("han"),
        F("hao"), F("hoang"), F("hou"), F("hu"), F("huang"), F("hwang"), F("jang"), F("jeon"),
        F("jia"), F("jiang"), F("jung"), F("kang"), F("kim"), F("kong"), F("kwon"), F("lai"),
        F("lee"), F("li"), F("liang"), F("liao"), F("lim"), F("lin"), F("liu"), F("lu"),
        F("luo"), F("mao"), F("meng"), F("ngo"), F("nguyen"), F("pan"), F("peng"), F("pham"),
        F("phan"), F("qian"), F("qin"), F("qiu"), F("shao"), F("shen"), F("shi"), F("shin"),
        F("su"), F("tang"), F("tian"), F("tran"), F("vu"), F("wan"), F("wang"), F("wei"),
        F("wu"), F("xi"), F("xia"), F("xiao"), F("xie"), F("xiong"), F("xu"), F("xue"),
        F("yan"), F("yang"), F("yao"), F("yin"), F("yoon"), F("yuan"), F("zeng"), F("zhang"),
        F("zhao"), F("zheng"), F("zhong"), F("zhou"), F("zhu"), F("zou")};
#undef F
#undef FB
    if ((t->flags & (TK_WORD | TK_FIRST_UPPER | TK_CYRILLIC)) != (TK_WORD | TK_FIRST_UPPER) ||
        t->norm_len > 8)
        return 0; /* no name is longer than six bytes */
    const unsigned char *w = (const unsigned char *)norm + t->norm_off;
    uint64_t key = 0;
    for (size_t i = 0; i < t->norm_len; i++)
        key |= (uint64_t)w[i] << (56 - 8 * i);
    size_t lo = 0, hi = sizeof FAMILY / sizeof *FAMILY;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (FAMILY[mid] == key)
            return 1;
        if (FAMILY[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* A key for token t of the name whose first word is first_word (its surname, or its
 * given name when given), first mentioned at byte same_as. A Cyrillic name matches
 * its inflected forms. */
static int push_name_key(name_key_vec *keys, const tg_token *t, const tg_token *first_word,
                         const char *norm, uint32_t same_as, int given, int forward, int full)
{
    name_key k = {norm + t->norm_off, t->norm_len, stem_len(t, norm), same_as, 0, given,
                  forward, full, head_of(norm + t->norm_off), TG_NONE,
                  norm + first_word->norm_off, stem_len(first_word, norm), NULL, 0};
    return vec_push(*keys, k);
}

/* Whether a token may be a later mention at all: a capitalised word of two bytes
 * or more whose head some key has. Most tokens are not capitalised. */
static inline int may_refer_back(const tg_token *tk, const char *norm, uint64_t heads)
{
    return (tk->flags & (TK_WORD | TK_FIRST_UPPER)) == (TK_WORD | TK_FIRST_UPPER) &&
           tk->norm_len >= 2 && (heads & head_bit(head_of(norm + tk->norm_off)));
}

void tg_coref_scratch_free(tg_coref_scratch *s)
{
    vec_free(s->keys);
    vec_free(s->added);
}

/* Hand the arrays back to the scratch for the next call, or free this call's own. */
static int keep_arrays(tg_coref_scratch *sc, tg_coref_scratch *own, name_key_vec keys,
                       tg_candidate_vec added, int rc)
{
    sc->keys = keys;
    sc->added = added;
    if (sc == own)
        tg_coref_scratch_free(own);
    return rc;
}

int tg_coref(const tg_model *m, const tg_token *tokens, size_t ntokens, const char *norm,
             const uint32_t *upper, size_t nupper, tg_candidate_vec *won, tg_coref_scratch *sc)
{
    tg_coref_scratch own = {{0}, {0}};
    if (!sc)
        sc = &own;
    /* Local copies, emptied: the loops below keep their fields in registers. */
    name_key_vec keys = sc->keys;
    tg_candidate_vec added = sc->added; /* new mentions; tokens are disjoint, so they never overlap */
    keys.n = 0;
    added.n = 0;
    size_t original = won->n;
    /* won is sorted by start (resolve keeps it so), so each name's first token is
     * found from the last one's rather than searched for in the whole text. */
    size_t from = 0;
    uint32_t last_start = 0;
    /* Keys from the resolved names: surnames of people, acronyms in parentheses, and
     * the initials of organisations named in full (their own buffer: keys point into
     * it, as into norm). */
    enum { IMPLIED_MAX = 32, IMPLIED_BYTES = 25 };
    char implied[IMPLIED_MAX][IMPLIED_BYTES];
    size_t nimplied = 0;
    for (size_t i = 0; i < original; i++) {
        const tg_candidate *c = &won->v[i];
        uint32_t type = tg_candidate_type_id(m, c);
        int kind = name_type(m, type);
        if (kind == NOT_NAME)
            continue;
        if (c->byte_start < last_start)
            from = 0; /* not in order after all: search from the start */
        last_start = c->byte_start;
        from = tg_candidate_token(c, tokens, ntokens, from);
        /* Kept for the entities (tag.c), which ask it again: rule matches come
         * without it. */
        won->v[i].token = (uint32_t)from;
        size_t first = from, last = first, words = 0;
        for (size_t t = first; t < ntokens && tokens[t].byte_start < c->byte_end; t++) {
            last = t;
            words += (tokens[t].flags & TK_WORD) != 0;
        }
        if (first >= ntokens)
            continue;
        const tg_token *tl = &tokens[last], *tf = &tokens[first];
        /* A surname: the last word of a name in full, or a name alone that a rule
         * found by its context ("President Clinton"); before a monarch's or a pope's
         * number, the name ("Leo" of "Pope Leo XIV": "XIV" alone is not him). Such a
         * name has no given name: a word before it is a title ("King", "Pope"), which
         * alone is not the person ("King Felipe VI" after "King Charles III"). */
        int regnal = last > first && tg_regnal_numeral(tl, norm);
        if (regnal)
            tl = &tokens[last - 1];
        if (kind == PERSON_NAME && (words >= 2 || c->rule != TG_NONE) &&
            (tl->flags & TK_FIRST_UPPER) && tl->norm_len >= 3) {
            if (push_name_key(&keys, tl, tf, norm, c->byte_start, 0,
                              words >= 2 && surely_person(m, c), words >= 2))
                goto oom;
        }
        /* A given name: the first word of a person's name in full that is surely one
         * (listed, or a known given name and a surname: surely_person), of three
         * letters or more and not in capitals ("Асия" of "Асия Биби", "Sarah" of
         * "Sarah Whitcombe", not "J." or "ДЖО"). Not of a name only a cue or a shape
         * found: those are wrong more often ("Santander Central Hispano"), and a wrong
         * given name spreads. (Of the given-name rule's names too: CoNLL valid R
         * 0.855 -> 0.858; some 93% of such mentions in the eval sets are gold
         * PER spans, the rest mostly a name the rules cut short.) */
        int family = kind == PERSON_NAME && words >= 2 && first < last && !regnal &&
                     family_name_first(tf, norm);
        if (family && push_name_key(&keys, tf, tf, norm, c->byte_start, 0, 0, 1))
            goto oom;
        if (!family && !regnal && kind == PERSON_NAME && surely_person(m, c) && words >= 2 &&
            first < last &&
            (tf->flags & (TK_WORD | TK_FIRST_UPPER | TK_HAS_LOWER)) ==
                (TK_WORD | TK_FIRST_UPPER | TK_HAS_LOWER) &&
            tf->cp_end - tf->cp_start >= 3 && push_name_key(&keys, tf, tf, norm, c->byte_start, 1, 0, 1))
            goto oom;
        /* An organisation's name of one word that a Ukrainian or Russian rule found
         * by its context ("фірма «Кріогенсервіс»", "профсоюз пилотов Cockpit"): the
         * same word later is the same organisation («Кріогенсервісу», "Cockpit"
         * without the cue). Not an English rule's: its one-word names are mostly
         * papers named by an adjective ("the Independent", "the Scottish"), which
         * later stand as adjectives. */
        if (type == m->kind.org && c->rule != TG_NONE && words == 1 && first == last &&
            !(m->rules.v.v[c->rule].langs & (TG_LANG_EN | TG_LANG_OTHER)) &&
            (tf->flags & (TK_WORD | TK_FIRST_UPPER)) == (TK_WORD | TK_FIRST_UPPER) &&
            tf->cp_end - tf->cp_start >= 4 && push_name_key(&keys, tf, tf, norm, c->byte_start, 0, 0, 0))
            goto oom;
        /* A place of one word that a rule found written in capitals, as a
         * dateline's town is ("TAVILDARA , Tajikistan 1996-08-30"): the same word
         * later is the same place ("troops took Tavildara"). */
        if (type == m->kind.place && c->rule != TG_NONE && words == 1 && first == last &&
            (tf->flags & (TK_WORD | TK_FIRST_UPPER | TK_HAS_LOWER)) == (TK_WORD | TK_FIRST_UPPER) &&
            tf->cp_end - tf->cp_start >= 4 && push_name_key(&keys, tf, tf, norm, c->byte_start, 0, 0, 0))
            goto oom;
        /* The words in quotation marks of an organisation's name: one word of four
         * letters or more, with the name's form or kind in front ("ТОВ «Альтком»",
         * "ПАТ «Укрнафта»"), is a key as a surname is (the word later, in any case:
         * «Альткому»); several words, or a short acronym, which only its marks make a
         * name ("ПП «Легіон Експерт»", "«УПС»"), are the same organisation later in
         * quotes alone, the last word in any case («Легіон Експерт», «Трейн Лідер
         * Сервісу»). (A rule's one-word name in marks has its key above.) */
        size_t qa = 0, nq = type == m->kind.org
                                ? quoted_words(tokens, ntokens, first, last, c->rule != TG_NONE,
                                               norm, &qa)
                                : 0;
        const tg_token *q = &tokens[qa];
        if (nq == 1 && q->cp_end - q->cp_start >= 4) {
            if (words >= 2 && push_name_key(&keys, q, q, norm, c->byte_start, 0, 0, 0))
                goto oom;
        } else if (nq > 1 || (nq == 1 && !(q->flags & TK_HAS_LOWER))) {
            name_key k = {norm + q->norm_off, q->norm_len, q->norm_len, c->byte_start, 0, 0, 0,
                          0, head_of(norm + q->norm_off), TG_NONE, NULL, 0, q, nq};
            if (vec_push(keys, k))
                goto oom;
        }
        if (words >= 2 && last + 3 < ntokens && tokens[last + 1].norm_len == 1 &&
            norm[tokens[last + 1].norm_off] == '(' && is_acronym_token(&tokens[last + 2]) &&
            tokens[last + 3].norm_len == 1 && norm[tokens[last + 3].norm_off] == ')' &&
            (type == m->kind.org || spells(tokens, first, last, norm, &tokens[last + 2]))) {
            const tg_token *a = &tokens[last + 2];
            name_key k = {norm + a->norm_off, a->norm_len, a->norm_len, c->byte_start, 1, 0, 0,
                          0, head_of(norm + a->norm_off), TG_NONE, NULL, 0, NULL, 0};
            if (vec_push(keys, k))
                goto oom;
        } else if (type == m->kind.org && words >= 3 && nimplied < IMPLIED_MAX) {
            char *acr = implied[nimplied];
            size_t len = implied_acronym(tokens, first, last, norm, acr);
            name_key k = {acr, len, len, c->byte_start, 1, 0, 0, 0, 0, TG_NONE, NULL, 0, NULL, 0};
            if (len) {
                k.head = head_of(acr);
                nimplied++;
                if (vec_push(keys, k))
                    goto oom;
            }
        }
    }
    if (keys.n == 0)
        return keep_arrays(sc, &own, keys, added, 0);
    /* Later uncovered capitalised tokens that match a key refer back to it: none
     * before the earliest key's mention. */
    uint32_t earliest = keys.v[0].same_as;
    uint64_t heads = 0; /* most capitalised tokens share their head with no key */
    uint32_t slot_keys[64];
    memset(slot_keys, 0xFF, sizeof slot_keys); /* TG_NONE */
    for (size_t k = keys.n; k-- > 0;) { /* from the last, so each list is in key order */
        if (keys.v[k].same_as < earliest)
            earliest = keys.v[k].same_as;
        if (keys.v[k].forward)
            earliest = 0;
        heads |= head_bit(keys.v[k].head);
        keys.v[k].next = slot_keys[head_slot(keys.v[k].head)];
        slot_keys[head_slot(keys.v[k].head)] = (uint32_t)k;
    }
    size_t after = earliest ? tg_token_at(tokens, ntokens, earliest + 1) : 0;
    size_t cover_from = 0; /* covering's place in won, for tokens in text order */
    if (upper) {
        /* Only the tokens with a capital, listed in order: a capitalised word has
         * one (token.h), and they are a small part of a text. From the first one
         * at or after `after`. */
        size_t lo = 0, hi = nupper;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (upper[mid] < after)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t u = lo; u < nupper; u++) {
            const tg_token *tk = &tokens[upper[u]];
            if (may_refer_back(tk, norm, heads) &&
                !tg_tokens_in_handle(tokens, ntokens, norm, upper[u], upper[u]) &&
                refer_back(m, tokens, ntokens, tk, norm, keys.v, keys.n, slot_keys, won, won->n,
                           &cover_from, &added))
                goto oom;
        }
    } else {
        /* Most tokens fail the first test: a pointer walk keeps that loop to one
         * increment and one flags test a token. */
        const tg_token *tend = tokens + ntokens;
        for (const tg_token *tk = tokens + after; tk < tend; tk++)
            if (may_refer_back(tk, norm, heads) &&
                !tg_tokens_in_handle(tokens, ntokens, norm, (size_t)(tk - tokens),
                                     (size_t)(tk - tokens)) &&
                refer_back(m, tokens, ntokens, tk, norm, keys.v, keys.n, slot_keys, won, won->n,
                           &cover_from, &added))
                goto oom;
    }
    if (added.n) {
        /* Both lists are sorted by start: merge them from the back, in place, an
         * original before an added mention at an equal start (as a stable sort of
         * the two appended would put them). */
        if (vec_reserve(*won, added.n))
            goto oom;
        size_t i = won->n, j = added.n, k = won->n + added.n;
        while (j > 0) {
            if (i > 0 && won->v[i - 1].byte_start > added.v[j - 1].byte_start)
                won->v[--k] = won->v[--i];
            else
                won->v[--k] = added.v[--j];
        }
        won->n += added.n;
    }
    return keep_arrays(sc, &own, keys, added, 0);
oom:
    return keep_arrays(sc, &own, keys, added, -1);
}
