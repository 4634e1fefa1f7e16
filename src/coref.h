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
#include "vec.h"

/* The working arrays of tg_coref, kept from one call to the next so that a document
 * costs no allocation and no free of its own (en2k: two frees and some two grows a
 * call, 1.3M instructions of the 18M coref cost). Zero it to start. */
struct name_key;
typedef VEC(struct name_key) tg_name_key_vec;

typedef struct tg_coref_scratch {
    tg_name_key_vec keys;   /* the names' keys (coref.c) */
    tg_candidate_vec added; /* the later mentions found */
} tg_coref_scratch;

void tg_coref_scratch_free(tg_coref_scratch *s);

/* Add the later mentions to `won` (resolved, sorted by start; kept sorted). `upper`,
 * when not NULL, lists the nupper tokens with TK_HAS_UPPER, in order (and only those
 * are read for later mentions); NULL: every token is read. `sc`: the arrays to reuse,
 * or NULL for arrays of this call's own. */
int tg_coref(const tg_model *m, const tg_token *tokens, size_t ntokens, const char *norm,
             const uint32_t *upper, size_t nupper, tg_candidate_vec *won, tg_coref_scratch *sc);

#endif
