/*
 * person_title.h - a listed person's title left out of the span: "Pope Leo XIV" is
 * tagged "Leo XIV", "патриарх Московский и всея Руси Кирилл" "Кирилл". Internal.
 */
#ifndef TG_PERSON_TITLE_H
#define TG_PERSON_TITLE_H

#include "model.h"
#include "resolve.h"
#include "token.h"

/* In `won` (resolved, sorted by start), start each listed person whose alias begins
 * with a title (a word of a short list, and the words that go on it: "Crown Prince",
 * "папа Римский") at the name after it, and move the mentions that refer to it
 * (same_as) along. Starts stay sorted: a span only loses its first words. */
void tg_person_titles(const tg_model *m, const tg_token *tokens, size_t ntokens,
                      const char *norm, tg_candidate_vec *won);

#endif
