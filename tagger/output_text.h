/* output_text.h - the human-readable summary of a result (--format text). */
#ifndef TAGGER_OUTPUT_TEXT_H
#define TAGGER_OUTPUT_TEXT_H

#include "tagger.h"

#include <stdio.h>

void print_text(FILE *out, const char *name, const tg_result *r, const tg_model *m);

/* --explain: every contribution to every tag. */
void print_explain(FILE *out, const tg_result *r);

#endif
