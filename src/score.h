/* score.h - topic tags from entity evidence. Internal. */
#ifndef TG_SCORE_H
#define TG_SCORE_H

#include "model.h"
#include "result.h"

/* Load rules/scorer.conf (key = value lines) over the defaults. */
int tg_scorer_conf_load(tg_scorer_conf *conf, const char *path, tg_error *err);
void tg_scorer_conf_defaults(tg_scorer_conf *conf);

/* Fill the result's tags, evidence and contributions from its entities. */
int tg_score(const tg_model *m, tg_result *r, const char *labels);

#endif
