/*
 * place_sense.h - which country a town's name means when towns of several share it.
 * Internal.
 *
 * "Aberdeen" is a Scottish city and a town in South Dakota; "Savannah" a region of
 * Ghana and a city in Georgia. The gazetteer's prior (tag.c, pick_entity) takes the
 * bigger (a town of the text's language's home first: tag.c, home_town), which is
 * right in most texts, but not in one that names other places of
 * one of the other countries and nothing of the prior's: there the name means the
 * namesake in that country (one sense a text, and a text stays in a few countries).
 *
 * A tally of the countries that a segment's unambiguous gazetteer matches link to
 * decides. Its support counts every such match (a country, a nationality, a town, a
 * listed person); its places count towns and regions only (England and Scotland count
 * as regions: countries within the UK), each once, the names that
 * put a text in a country's territory (New York named six times is one place). A town or region of the prior's gives way when its
 * country has no support and another sense's country has a region named (a state,
 * "Alabama" or "Ala.") or three places: a sports report that names New York and
 * Boston still has Athens in Greece. A city of 300,000 or more (tag.c,
 * TG_BIG_TOWN_WEIGHT) needs both, a region and three places ("San Jose and San
 * Francisco, Calif., Atlanta": California's, not Costa Rica's capital), and so does
 * a country, which gives way to a region only ("Georgia" in a text of Atlanta,
 * Alabama and Savannah is the US state).
 */
#ifndef TG_PLACE_SENSE_H
#define TG_PLACE_SENSE_H

#include "model.h"

#include <stdint.h>

#define TG_SENSE_COUNTRIES 64 /* more countries in one segment than this: the rest
                               * are not counted (a list of results, say) */

typedef struct tg_sense_entry {
    uint32_t topic;
    uint16_t support, places, regions;
} tg_sense_entry;

typedef struct tg_sense_tally {
    uint32_t n, nplaces;
    tg_sense_entry v[TG_SENSE_COUNTRIES];
    uint32_t place[TG_SENSE_COUNTRIES]; /* the towns and regions counted: each once */
} tg_sense_tally;

/* The country topic of an entity: its strongest link's, or TG_NONE. */
uint32_t tg_sense_country(const tg_model *m, uint32_t def);

/* Count an unambiguous match of entity def. */
void tg_sense_add(const tg_model *m, tg_sense_tally *t, uint32_t def);

/* Count a rule's match of a region of the country topic ("Calif.", "N.Y."). */
void tg_sense_add_region(tg_sense_tally *t, uint32_t topic);

/* How strongly the tally puts the text in a country: 0 when not enough, else more
 * for more places. Enough is a region of it named or three of its places; when the
 * prior's pick is a big city (big), a region and three places. */
unsigned tg_sense_places(const tg_sense_tally *t, uint32_t topic, int big);

/* May the prior's pick def give way to a namesake: a place (town, region or country)
 * whose country has no support in the tally? */
int tg_sense_may_yield(const tg_model *m, const tg_sense_tally *t, uint32_t def);

/* Does the tally name no country but topic? */
int tg_sense_only(const tg_sense_tally *t, uint32_t topic);

#endif
