/*
 * org_short.h - the short form of a company named with its legal form ("McDonnell
 * Douglas" after "McDonnell Douglas Corp"), everywhere in a text. Internal.
 */
#ifndef TG_ORG_SHORT_H
#define TG_ORG_SHORT_H

#include "model.h"
#include "resolve.h"
#include "token.h"

/* Is token t (its folded form in norm) a legal form that ends a company's name:
 * "Corp", "Inc", "Ltd", "plc", "AG" ...? */
int tg_org_legal_form(const tg_token *t, const char *norm);

/* How many tokens from tokens[k] a legal form takes: 1 for one token
 * (tg_org_legal_form), more for one written as initials with full stops ("S.A.",
 * "N.V.", "S.p.A.": its letters and stops, the last stop included when there), "A/S",
 * or "Co" after "&" or "and" ("Merrill Lynch & Co"); 0 when none begins there. */
size_t tg_org_legal_form_at(const tg_token *tokens, size_t ntokens, size_t k, const char *norm);

/* Add the short forms' mentions to `won` (resolved, sorted by start; kept sorted),
 * in place of what was found inside them. `work` is scratch. Returns -1 when out of
 * memory. */
int tg_org_short_forms(const tg_model *m, const tg_token *tokens, size_t ntokens,
                       const char *norm, tg_candidate_vec *won, tg_candidate_vec *work);

#endif
