/*
 * name_adjective.h - a place's or an organisation's name as an adjective of a
 * hyphenated compound: "Boston-based", "UK-listed", "U.S.-backed", "Amman-bound",
 * "pro-Moscow", "ex-England", "NATO-led", "IMF-backed". Internal.
 *
 * The compound describes something else (a firm, a plane, a force): it is no mention
 * of the place or the body as such, and news annotation marks the compound as a whole,
 * as it marks "American" (CoNLL-2003: 23 of 27 such compounds of a place in its
 * validation part are MISC, none has the place alone). But it still says where that
 * firm is or who leads that force, so its topics count toward tags as the name's would:
 * the compound becomes a NORP (an adjective of a place or a group, as "American" is of a
 * country), subtype "place-adjective" or "org-adjective", with the name's id (so it
 * still links to the place or the body) and its topics, as one more mention of it.
 */
#ifndef TG_NAME_ADJECTIVE_H
#define TG_NAME_ADJECTIVE_H

#include "resolve.h"
#include "token.h"

struct tg_model;

/* Set `adjective` on each winning candidate (sorted by start and disjoint) that is a
 * place or an organisation (listed, or a rule's) in such a compound, with nothing
 * between its words, and extend it over the compound: after "pro", "anti", "ex", "non"
 * or "mid" in lower case and a hyphen, or before a hyphen and "based", "owned",
 * "controlled", "listed", "backed", "brokered", "ruled", "led", "born" and the like
 * (name_adjective.c lists them); not where another candidate holds those words, nor
 * on a team (teams.h). A place that a rule found counts too ("Kansas City,
 * Mo.-based"). */
void tg_name_adjectives(const struct tg_model *m, const char *text, size_t len,
                        const tg_token *tokens, size_t ntokens, const char *norm,
                        tg_candidate_vec *cands);

#endif
