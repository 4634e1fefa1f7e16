/*
 * branch_name.h - a state body's regional branch, named with the region it serves.
 * Internal.
 *
 * Ukrainian names a ministry's or a service's branch by the region after it:
 * "Управління СБУ у Чернігівській області", "Головне управління ДСНС у Харківській
 * області", "ГУ Нацполіції в Київській області". The whole is the branch's name, as
 * ner-uk annotates it and as the organisation rules read "Прокуратура Одеської
 * області", whose region is in the genitive; the rules ended at the body and the
 * gazetteer found the region beside it, which gave an organisation and a place where
 * there is one organisation.
 *
 * A won organisation one of whose words names a branch, in any case (управління,
 * відділу, департамент, прокуратури, служби, інспекції ...), or a listed body of a
 * kind with a branch in each region (an agency, a security or intelligence service:
 * "СБУ у Волинській області", "Держгеокадастру у ..."), is extended over "у|в
 * <region>" right after it, or over a city named "м. Києві", "місті Києві"; not over
 * the first of several regions ("СБУ в Донецькій та Луганській областях"). "ГУ" right
 * before a listed body joins it, and so does a regional unit named before a body with
 * its place's adjective ("Черкаське ОТВ АМКУ", "Луганського обласного тервідділення
 * АМКУ", "Регіональному відділенню ФДМУ"), taking in the place found for the adjective.
 * The region's topics stay with a rule's name (topic_def), as a rule's name that holds
 * a country keeps the country's.
 *
 * Not Russian "Управление ФСБ по Курской области": factRuEval annotates the body and
 * the region inside such a name as well, each on its own, and merging them there cost
 * more matches (ORG and LOC recall) than the whole names gained.
 *
 * Both languages name a state body's state or region right after it, in the genitive:
 * "Госдума России", "Нацгвардії України", "МИД ФРГ", "Мінфін Британії", "Минздрав
 * Карелии", "райсуду Миколаєва". A won organisation of a state body's kind (a listed
 * ministry, parliament, court, service ...; a rule's body head, court, council or
 * compound name), in Cyrillic, followed after one space by a listed country, region
 * or city of 300,000 (not the first of several), takes that place in. ner-uk and
 * SlavicNER annotate the whole as the body's name (factRuEval the whole and the place
 * inside it). A listed body that links to the place's country stays that entry; any
 * other is the place's body (kind_only: "Мінфін", Ukraine's ministry in Ukrainian
 * news, before "Британії" is Britain's, a generic "МИД" before "ФРГ" Germany's): its
 * id is its slug and its topics are the place's. A branch may follow ("ГУ ДСНС
 * України у Львівській області").
 */
#ifndef TG_BRANCH_NAME_H
#define TG_BRANCH_NAME_H

#include "model.h"
#include "resolve.h"
#include "token.h"

/* Extend the branches' and the bodies' names in `won` (resolved: sorted by start,
 * disjoint) over the places they serve or belong to, which leave `won`. In place;
 * allocates nothing. */
void tg_branch_names(const tg_model *m, const char *text, const tg_token *tokens,
                     size_t ntokens, const char *norm, tg_candidate_vec *won);

#endif
