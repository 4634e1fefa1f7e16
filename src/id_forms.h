/*
 * id_forms.h - one id for the inflected forms of a name in one text. Internal.
 *
 * A name that no list holds gets the slug of its text for an id (tag.c), and in
 * Ukrainian and Russian the text is inflected: "Юрій Луценко", "з Юрієм Луценком",
 * "Львівської міської ради", "Львівська міська рада" were four ids for two entities.
 * Within one text, the slug ids of people and organisations (`person:`, `org:`)
 * whose words are pairwise one stem with different endings become one: the shortest,
 * which is the nominative when the text has it (the nominative is the shortest form,
 * or as short as the others, in the paradigms of names), at a tie the one with fewer
 * words ending in у, ю, ы, е, и, і, ї or є (oblique endings: "Ларису" and "Лариса"
 * are one length), then the first. Ids of
 * listed entities, other types, and words that are the same or not Cyrillic are left
 * as they are. Two people of one surname whose given names differ by an ending only
 * (Іван and Іванна) are read as one: a text that names both is rare, one name in
 * three cases is not.
 */
#ifndef TG_ID_FORMS_H
#define TG_ID_FORMS_H

#include "result.h"

#include <stddef.h>

/* The longest ending two forms of a word may differ by, in code points ("-ому",
 * "-ією"), and the shortest stem they must share. */
enum { TG_ID_FORMS_ENDING = 3, TG_ID_FORMS_STEM = 3 };

/* Point the slug ids of entities [first, r->entities.n) that are forms of one name at
 * one of them (r->meta's id_off and id_len; the pointers are set later, as for every
 * id in the pool). */
void tg_unify_inflected_ids(tg_result *r, size_t first);

#endif
