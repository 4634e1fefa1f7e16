/*
 * region_list.h - the listed region that an item of a list of regions names, in
 * Ukrainian and Russian. Internal.
 *
 * A list of regions carries its noun once, after the last item: "над Белгородской,
 * Курской и Брянской областями", "по Харківській та Полтавській областях". The last
 * item with the noun is the gazetteer's region ("Брянской областями" inflects
 * "Брянская область~"); the others are adjectives alone, which rules
 * place_uk_admin_list and place_ru_admin_list find as places with no id of their own
 * and no country: the region is the item's adjective with the list's noun, looked up
 * as the gazetteer would look up the two words side by side ("обл." as "область").
 */
#ifndef TG_REGION_LIST_H
#define TG_REGION_LIST_H

#include "model.h"
#include "token.h"

#include <stddef.h>
#include <stdint.h>

/* The region (an entity index) that the item of a list of regions at tokens
 * first..last ("Курской", "Івано-Франківська") names with the list's noun, the first
 * word in lower case after it that is no conjunction, within a few dozen tokens;
 * TG_NONE when there is none, or when the words are no listed region's name.
 * Allocates only for the look-up (a few words), on this rare path. */
uint32_t tg_region_of_list_item(const tg_model *m, const char *text, const tg_token *tokens,
                                size_t ntokens, const char *norm, size_t first, size_t last);

#endif
