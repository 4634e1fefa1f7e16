/*
 * coref.h - document-level consistency: later mentions of a name found earlier.
 * Internal.
 *
 * Once "Dmitry Bakanov" is a PERSON, a later "Bakanov" (or "Бакановим") is the same
 * person; once "Russian Direct Investment Fund (RDIF)" defines an acronym, "RDIF"
 * is that fund. Each such mention becomes a candidate whose `same_as` points at the
 * first mention, so it is reported with the same id and type.
 */
#ifndef TG_COREF_H
#define TG_COREF_H

#include "model.h"
#include "resolve.h"
#include "token.h"

/* Add the later mentions to `won` (resolved, sorted by start; kept sorted). `upper`,
 * when not NULL, lists the nupper tokens with TK_HAS_UPPER, in order (and only those
 * are read for later mentions); NULL: every token is read. */
int tg_coref(const tg_model *m, const tg_token *tokens, size_t ntokens, const char *norm,
             const uint32_t *upper, size_t nupper, tg_candidate_vec *won);

#endif
