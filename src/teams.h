/*
 * teams.h - places that name sports teams. Internal.
 *
 * In sports news a city, county or region is more often a club than the place:
 * "Leicestershire beat Somerset", "Fulham 1 Carlisle 0", "BALTIMORE 70 63 .526",
 * "joined Newcastle for 15 million pounds". A listed city or region in a document
 * that reads as sports (tg_teams_mark) is a team where the line around it says so,
 * with the places listed next to it ("rivals Essex, Derbyshire and Surrey"), and then
 * wherever it stands alone in that text (one sense a text).
 * Countries are left alone: a national side is reported, and tagged, as its country.
 */
#ifndef TG_TEAMS_H
#define TG_TEAMS_H

#include "resolve.h"
#include "token.h"
#include "zones.h"

#include <stddef.h>

struct tg_model;

/* Set `team` on the winning candidates (sorted by start) that name a sports team:
 * a gazetteer city or region, in a segment with at least TG_TEAMS_MIN_CUES sports
 * words or with results enough (by_layout, from tg_teams_lines), followed on its line
 * by a score (a number of one to three digits) or next to a word of a match ("v",
 * "beat", "against", "captain", "has won" ...), before a plural verb ("Essex are"), in
 * quotation marks ("перешел в «Краснодар»"), or in brackets after a person (a
 * player's club). After "in" or a
 * capitalised "at" it stays the place, the venue of a game, unless possessive. A word
 * or two before a team with a score after it are the club's name ("Sturm Graz 3"). */
void tg_teams_mark(const struct tg_model *m, const tg_token *tokens, size_t ntokens,
                   const char *norm, tg_candidate_vec *cands, int by_layout);

/* Add a candidate (ORG, subtype team, no gazetteer entry and no rule: `team` set, def
 * and rule TG_NONE) for each name that a line's layout shows to be a team: a result,
 * "Stenhousemuir 0 Stranraer 1" (both names, perhaps a remark in brackets after), or a
 * row of a table, "Queen of South 3 2 0 1 5 4 6" (a name, then three to nine scores to
 * the line's end, or then its shares and margins: "Lotte 46 6 54 .462 14 1/2"). A name is one to four capitalised words, "of" or "de" between them.
 * The name need not be listed anywhere: its place in the line says what it is. Only in
 * a segment that reads as sports, as a table of names and numbers elsewhere (profit by
 * quarter, prices by city) is not one of clubs: one with TG_TEAMS_MIN_CUES sports
 * words, or with TG_TEAMS_MIN_RESULTS results (two names, a score after each, the
 * line's end or a remark in brackets after that), a shape no other table has;
 * *by_layout says whether the results were enough. `lines` are the text's, as
 * tg_zone_lines describes them (their token ranges are read). Returns -1 when out of
 * memory. */
int tg_teams_lines(const tg_token *tokens, size_t ntokens, const char *norm,
                   const tg_zone_line_vec *lines, tg_candidate_vec *cands, int *by_layout);

/* Does the segment read as sports: at least TG_TEAMS_MIN_CUES of its words hardly
 * occur outside sports pages ("innings", "league", "матч")? */
int tg_teams_sports_text(const tg_token *tokens, size_t ntokens, const char *norm);

/* Do tokens [a, b) join two names of a list: a comma, an ampersand, a conjunction
 * ("and", "та", "и" ...), or a comma and a conjunction (", and")? */
int tg_list_joint(const tg_token *tokens, size_t a, size_t b, const char *norm);

/* The longest conjunction tg_list_joint knows, in folded bytes ("або", "или"): a longer
 * word is no joint, told without a lookup. */
enum { TG_LIST_JOINT_MAX_BYTES = 6 };

/* Their priority: below the given-name rules (45), so "Billy Mayfair 70 68 72" in golf
 * scores stays a person; below gazetteer matches (60), whose cities and regions
 * tg_teams_mark turns into teams on the same lines. */
enum { TG_TEAMS_LINE_PRIORITY = 44 };

/* Sports words a segment needs before any place in it is read as a team. */
enum { TG_TEAMS_MIN_CUES = 2 };

/* Results that make a segment sports without its words (tg_teams_lines). */
enum { TG_TEAMS_MIN_RESULTS = 3 };

#endif
