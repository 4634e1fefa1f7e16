/*
 * zones.h - where in the article a span is: title, dateline, lead, body, or
 * boilerplate (menus, ads, related-news lists). Internal.
 */
#ifndef TG_ZONES_H
#define TG_ZONES_H

#include "hash.h"
#include "token.h"
#include "vec.h"

#include <stddef.h>
#include <stdint.h>

typedef enum tg_zone {
    TG_ZONE_TITLE,
    TG_ZONE_DATELINE,
    TG_ZONE_LEAD,
    TG_ZONE_BODY,
    TG_ZONE_BOILERPLATE,
    TG_ZONE_COUNT
} tg_zone;

const char *tg_zone_name(tg_zone z);

/* The word lists behind the classifier, folded: stop words of en/uk/ru, cue
 * lines ("advertisement", "all news", "реклама" ...), labels that open a
 * boilerplate line ("tags:", "читайте також:") and the first words of calls to
 * action ("Support ... on Patreon!"). Part of the model. */
typedef struct tg_zone_words {
    strmap stop;
    strmap cues;
    strmap labels;
    strmap actions;
} tg_zone_words;

int tg_zone_words_init(tg_zone_words *w);
void tg_zone_words_free(tg_zone_words *w);

/* A byte range of the text and its zone; ranges cover the text in order. */
typedef struct tg_zone_span {
    uint32_t byte_start, byte_end;
    tg_zone zone;
} tg_zone_span;

typedef VEC(tg_zone_span) tg_zone_vec;

/* A line of the text as the classifier describes it (tg_zone_lines). Others that read
 * a text line by line (teams.c) take its token range from here rather than finding
 * the lines again. */
typedef struct tg_zone_line {
    uint32_t start, end;         /* bytes, without the newline */
    uint32_t tok_start, tok_end; /* its tokens: those that start in [start, end) */
    uint32_t words;              /* exact up to four and in a call to action (a line
                                  * ending in '!'); else 5 */
    uint8_t blank, ends_sentence, starts_lower, starts_item, cue, timestamp;
    uint8_t in_list;
    tg_zone forced;              /* zone from a hint, TG_ZONE_COUNT when none */
    int paragraph;               /* index of its paragraph */
} tg_zone_line;
typedef VEC(struct tg_zone_line) tg_zone_line_vec;

/* The first step of tg_zones_compute: describe each line of the text (one for each
 * '\n', and the last) into `lines`. With `whole_title` only each line's bytes, tokens
 * and `blank` are set (tg_zones_from_lines does not read a title's lines). `hints` as
 * for tg_zones_compute. Returns 0, -1 when out of memory. */
int tg_zone_lines(const tg_zone_words *w, const char *text, size_t len,
                  const tg_token *tokens, size_t ntokens, const char *norm,
                  int whole_title, const tg_zone_vec *hints, tg_zone_line_vec *lines);

/* The rest of tg_zones_compute, from the lines tg_zone_lines described (and here
 * marks further); with `whole_title`, lines is not read. token_hash[t] is the
 * tg_word_hash of token t's folded bytes (the matcher's, tg_matcher_candidates), by
 * which stop words are looked up. Returns 0, -1 when out of memory. */
int tg_zones_from_lines(const char *text, size_t len, const tg_token *tokens,
                        size_t ntokens, const char *norm, const uint64_t *token_hash,
                        int whole_title, tg_zone_line_vec *lines, tg_zone_vec *out);

/* Classify the text's lines. `whole_title` nonzero: the text is a separate title,
 * all of it zone title. `hints` (may be NULL) are zones known from elsewhere (the
 * structure of an HTML page): a line starting inside a hint span takes its zone
 * (title or boilerplate) and the classifier judges the rest. Returns 0, -1 when out
 * of memory. */
int tg_zones_compute(const tg_zone_words *w, const char *text, size_t len,
                     const tg_token *tokens, size_t ntokens, const char *norm,
                     int whole_title, const tg_zone_vec *hints, tg_zone_line_vec *lines,
                     tg_zone_vec *out);

/* Is the folded word w (len bytes, tg_word_hash h) a stop word? The classifier asks
 * it of a paragraph's tokens. For its test. */
int tg_zone_stop_word(const char *w, size_t len, uint64_t h);

/* The least count of stop words that makes a paragraph of `words` words prose
 * (the classifier's density rule), UINT32_MAX when none does. For its test. */
uint32_t tg_zone_stops_needed(uint32_t words, int ends_sentence);

/* The zone of a byte offset (binary search over the spans). */
tg_zone tg_zone_at(const tg_zone_vec *zones, uint32_t byte);

/* tg_zone_at for offsets asked in order (each at or after the one before), as the
 * entities of a text are: *at is the span found last (0 before the first ask) and
 * only moves forward, a step or two an entity rather than a search of all spans. */
static inline tg_zone tg_zone_at_from(const tg_zone_vec *zones, size_t *at, uint32_t byte)
{
    size_t i = *at;
    while (i < zones->n && zones->v[i].byte_end <= byte)
        i++;
    *at = i;
    return i < zones->n && zones->v[i].byte_start <= byte ? zones->v[i].zone
                                                          : TG_ZONE_BOILERPLATE;
}

/* Is token t a byline's "By", the first word of its line ("By Timour Azhari, Suleiman
 * Al-Khalidi and Maya Gebeily")? zones.c keeps such a line from the title, and
 * name_list.c reads it as a list's opening. */
static inline int tg_byline_by(const tg_token *t, const char *norm)
{
    return (t->flags & (TK_LINE_START | TK_FIRST_UPPER)) == (TK_LINE_START | TK_FIRST_UPPER) &&
           t->norm_len == 2 && norm[t->norm_off] == 'b' && norm[t->norm_off + 1] == 'y';
}

#endif
