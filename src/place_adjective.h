/*
 * place_adjective.h - a place named as an adjective of a hyphenated compound:
 * "Boston-based", "UK-listed", "U.S.-backed", "Amman-bound", "pro-Moscow",
 * "ex-England". Internal.
 *
 * The compound describes something else (a firm, a plane): it is no mention of the
 * place as a place, and news annotation marks the compound as a whole, as it marks
 * "American" (CoNLL-2003: 23 of 27 such compounds in its validation part are MISC,
 * none has the place alone). But it still says where that firm is, so its country
 * counts toward tags as the place's would: the compound becomes a NORP (an adjective of
 * a place, as "American" is of a country), subtype "place-adjective", with the place's
 * topics.
 */
#ifndef TG_PLACE_ADJECTIVE_H
#define TG_PLACE_ADJECTIVE_H

#include "resolve.h"
#include "token.h"

struct tg_model;

/* Set `place_adjective` on each winning candidate (sorted by start and disjoint) that
 * is a listed place in such a compound, with nothing between its words, and extend it
 * over the compound: after "pro", "anti", "ex", "non" or "mid" in lower case and a
 * hyphen, or before a hyphen and "based", "owned", "controlled", "listed", "backed",
 * "brokered", "ruled", "led", "born" and the like (place_adjective.c lists them); not
 * where another candidate holds those words, nor on a team (teams.h). A place that a
 * rule found counts too ("Kansas City, Mo.-based"). */
void tg_place_adjectives(const struct tg_model *m, const tg_token *tokens, size_t ntokens,
                         const char *norm, tg_candidate_vec *cands);

#endif
