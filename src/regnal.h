/*
 * regnal.h - a monarch's or a pope's number after the name: "Elizabeth II", "Pope
 * Leo XIV", "Карл XVI Густав", "Бенедикта XVI". Internal.
 */
#ifndef TG_REGNAL_H
#define TG_REGNAL_H

#include "model.h"
#include "resolve.h"
#include "token.h"

/* Is token t (its folded form in norm) a Roman numeral from 1 to 39 written in
 * capitals ("II", "XIV")? */
int tg_regnal_numeral(const tg_token *t, const char *norm);

/* Extend each person of `won` (resolved, sorted by start) over a Roman numeral that
 * follows it after a space or a line break and that nothing else covers. text is the
 * segment (len bytes) the tokens are of. */
void tg_regnal_numbers(const tg_model *m, const char *text, size_t len, const tg_token *tokens,
                       size_t ntokens, const char *norm, tg_candidate_vec *won);

#endif
