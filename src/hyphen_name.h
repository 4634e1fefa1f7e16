/*
 * hyphen_name.h - a listed place that is one part of a hyphenated name. Internal.
 *
 * "«Кубань-Агро»", "Интерфакс-Казахстан", "Каменск-Уральской городской больницы",
 * "Kyiv-Mohyla Academy": the gazetteer finds Kuban, Kazakhstan, a Kamensk (the wrong
 * one) and Kyiv in names that are a firm's, an agency's branch, a town's that the
 * list lacks, a university's. A place glued by a hyphen to a capitalised word that is
 * no listed place, nationality or international body is part of such a name; two
 * places so joined are each themselves ("Russia-Ukraine talks", "US-German carmaker",
 * "EU-US deal"), and so is a place before any listed body ("Turkey-Gazprom"), but not
 * after a firm or a paper ("АиФ-Москва").
 */
#ifndef TG_HYPHEN_NAME_H
#define TG_HYPHEN_NAME_H

#include "model.h"
#include "scratch.h"

#include <stddef.h>

/* Is gazetteer match s->gaz.v[gi] glued by a hyphen, on either side, to a capitalised
 * word (no space around the hyphen) that is no partner of it (hyphen_name.c)? */
int tg_place_in_hyphenated_name(const tg_model *m, const tg_scratch *s, size_t gi);

#endif
