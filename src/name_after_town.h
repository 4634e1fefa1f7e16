/*
 * name_after_town.h - a listed town or region in the genitive that opens a Cyrillic
 * person's name found by a rule is whose mayor or governor, not part of the name.
 * Internal.
 *
 * "Мер Миколаєва Олександр Сєнкевич": the title rule reads a name after the role's
 * word, and the surname-first rule reads "Миколаєва Олександр Сєнкевич" (a surname,
 * a given name and a patronymic in -евич); either way the town was lost inside a
 * person and the mayor got a wrong name. Ukrainian and Russian news name an official
 * so all the time ("мер Житомира", "мэр Тольятти"), and put the place in the genitive
 * right after the role.
 */
#ifndef TG_NAME_AFTER_TOWN_H
#define TG_NAME_AFTER_TOWN_H

#include "model.h"
#include "resolve.h"
#include "scratch.h"

#include <stddef.h>
#include <stdint.h>

/* Where a Cyrillic person's name that a rule found starts: after a listed town or
 * region that opens its span in an inflected form, when a role's word stands before
 * it (a word in lower case, or a sentence's first) and a capitalised word of two
 * letters or more follows the place. After a role's word the place in the genitive
 * is whose mayor or governor: "Мер Миколаєва Олександр Сєнкевич" -> "Миколаєва" and
 * "Олександр Сєнкевич". Not a place's name in its nominative, which is as often a
 * given name or a surname ("глава Роспотребнадзора Анна Попова", Anna in Voronezh
 * Oblast; "Люк Ван Велли"); not after a capitalised word inside a sentence ("Голова
 * Калмикії Бату Хасиков": Бату reads as the dative of Bath); not before initials
 * ("редактор Лузина О.А."); not a name with a woman's patronymic or a man's in an
 * oblique case ("Ответчик Иванова Мария Петровна": her surname is the genitive of
 * Иваново; "арестовал Петрова Сергея Николаевича"). A given-name rule's span
 * is left as it is: its first word is a given name ("Софія Ротару"). The gazetteer's
 * candidates are the first ngaz of s->cands, in start order. Returns the byte where
 * the name starts: c's own start when nothing is trimmed. */
uint32_t tg_name_after_town(const tg_model *m, const tg_scratch *s, const tg_rule *rule,
                            const tg_candidate *c, size_t ngaz);

#endif
