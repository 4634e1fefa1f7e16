/*
 * name_list.h - people named in a list of people. Internal.
 *
 * A line-up, a cast, a board: "Mark Calcavecchia, Payne Stewart, Billy Mayfair",
 * "Anna Semenova, Veronika Bogma, Murat Zaripov". The rules find the names whose given
 * names they know or that a cue introduces; the one in between whose given name no
 * list holds (Payne, Olin, Kumara) was nothing. Here a run of two or three capitalised
 * words that no entity covers is a person when it is a whole item of a list (a comma,
 * "&" or a conjunction on each side, or the list's start or end) next to a person
 * named in full who is a whole item too. A title in front of that person ("Prime
 * Minister Jim Bolger, Deputy Prime Minister Don McKinnon") makes it no such item, and
 * a run that starts with a stop word ("On Wednesday, Jacques Barrot ...", "The Edge")
 * or holds a word in capitals, a digit or a possessive is no name here.
 *
 * Two items joined by a comma alone are a list only where it goes on or opens: not a
 * title in apposition ("In his new book, Lawless World, Philippe Sands, a QC").
 *
 * The names it finds, exact gold spans of PER: CoNLL-2003 valid 10 of 10, train 28 of
 * 29, ner-uk 5 of 5, SlavicNER 1 of 1. On 2,000 BBC stories it finds 60 names (81
 * mentions with their later surnames); the wrong ones, about one in seven, are bands
 * and films listed with people ("Green Day", "Finding Neverland").
 */
#ifndef TG_NAME_LIST_H
#define TG_NAME_LIST_H

#include "resolve.h"
#include "token.h"

#include <stddef.h>

struct tg_model;

/* Add a candidate (PERSON, `in_list` set, no gazetteer entry and no rule) for each
 * such name to `won` (resolved: sorted by start, disjoint), which stays sorted. A
 * name found so is a neighbour for the next item too, so a list's run of unknown
 * names is taken one after the other. Returns -1 when out of memory. */
int tg_people_in_lists(const struct tg_model *m, const tg_token *tokens, size_t ntokens,
                       const char *norm, tg_candidate_vec *won);

/* Longest run of capitalised words taken as one name. */
enum { TG_LIST_NAME_MAX_WORDS = 3 };

#endif
