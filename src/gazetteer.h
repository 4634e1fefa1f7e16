/* gazetteer.h - loading topics.tsv and the gazetteer TSV files into a model. Internal. */
#ifndef TG_GAZETTEER_H
#define TG_GAZETTEER_H

#include "model.h"

/* Load rules/topics.tsv (the topic list every link must point into). */
int tg_topics_load(tg_model *m, const char *path, tg_error *err);

/* Load one gazetteer file into the model's entities and matcher. */
int tg_gazetteer_load(tg_model *m, const char *path, tg_error *err);

/* Is this one of the entity types of DESIGN.md? */
int tg_known_type(const char *type);

/* strtod's value of s when s is only digits with at most one point, 19 digits or
 * fewer: returns 1 and sets *out; 0 for any other string, which the caller gives to
 * strtod. */
int tg_parse_decimal(const char *s, double *out);

/* Parse "TOPIC=W,TOPIC=W" or "-" into the model links; sets first, count and max. */
int tg_parse_topics(tg_model *m, const char *field, const char *path, unsigned line,
                    unsigned column, uint32_t *first, uint32_t *count, float *max,
                    tg_error *err);

#endif
