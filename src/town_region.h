/*
 * town_region.h - "Town, Region": the country that a region or country named right
 * after a town puts the town in. Internal.
 *
 * News writes a town with its state or country after a comma, most of all in
 * datelines: "CAMBRIDGE, Mass.", "ST. PETERSBURG, Fla.", "PORTLAND, Maine",
 * "BADEN, Switzerland". A town name alone is ambiguous, and the gazetteer's prior
 * (the bigger namesake) picks Cambridge in England and St Petersburg in Russia; the
 * region after the comma settles it. Among the town's listed namesakes the one in
 * that country is taken, and when none is listed the town is left untagged rather
 * than given to the wrong country.
 *
 * Not in a list: "offices in Tokyo, California and Texas" names three places, so a
 * town after a comma or a conjunction, or a region followed by "and", "or" or "&" (or
 * their Ukrainian and Russian words), settles nothing.
 */
#ifndef TG_TOWN_REGION_H
#define TG_TOWN_REGION_H

#include "matcher.h"
#include "rules.h"
#include "token.h"

#include <stddef.h>
#include <stdint.h>

struct tg_model;

/* The topic (a country) of a region or country, listed (def) or found by a PLACE
 * rule with topics (rule; def TG_NONE): its only topic link, or TG_NONE when it is
 * no region or country of exactly one country. */
uint32_t tg_region_topic(const struct tg_model *m, uint32_t def, uint32_t rule);

/* Does entity def link to topic? */
int tg_links_to(const struct tg_model *m, uint32_t def, uint32_t topic);

/* Is tokens[last + 1] a comma with a token after it, so that a region may begin at
 * tokens[last + 2]? */
int tg_comma_after(const char *text, const tg_token *tokens, size_t ntokens, uint32_t last);

/* Is the town that begins with token `first` an item of a list: after a comma or
 * a conjunction ("Бейрута, Каїра, Туніса": Туніс is also the country)? */
int tg_in_list(const char *text, const tg_token *tokens, uint32_t first);

/* Does a list go on after the region that ends with token `last`: an optional comma,
 * then "and", "or" or "&"? */
int tg_list_goes_on(const char *text, const tg_token *tokens, size_t ntokens, uint32_t last);

/* The rule match of a PLACE rule with one country (tg_region_topic) that starts at
 * byte `start`, if any: its topic, else TG_NONE; *end_byte is set to its end. */
uint32_t tg_region_rule_at(const struct tg_model *m, const tg_rule_match *rm, size_t nrm,
                           uint32_t start, uint32_t *end_byte);

#endif
