/*
 * teams.h - places that name sports teams. Internal.
 *
 * In sports news a city, county or region is more often a club than the place:
 * "Leicestershire beat Somerset", "Fulham 1 Carlisle 0", "BALTIMORE 70 63 .526",
 * "joined Newcastle for 15 million pounds". A listed city or region in a document
 * that reads as sports (tg_teams_mark) is a team where the line around it says so.
 * Countries are left alone: a national side is reported, and tagged, as its country.
 */
#ifndef TG_TEAMS_H
#define TG_TEAMS_H

#include "resolve.h"
#include "token.h"

#include <stddef.h>

struct tg_model;

/* Set `team` on the winning candidates (sorted by start) that name a sports team:
 * a gazetteer city or region, in a segment with at least TG_TEAMS_MIN_CUES sports
 * words, followed on its line by a score (a number of one to three digits) or next
 * to a word of a match ("v", "beat", "against", "captain" ...). */
void tg_teams_mark(const struct tg_model *m, const tg_token *tokens, size_t ntokens,
                   const char *norm, tg_candidate_vec *cands);

/* Sports words a segment needs before any place in it is read as a team. */
enum { TG_TEAMS_MIN_CUES = 2 };

#endif
