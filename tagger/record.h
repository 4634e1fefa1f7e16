/* record.h - tagging one parsed JSON record: shared by the pipeline stage (jsonl.c)
 * and the service (serve_record.c), so both read a record the same way. */
#ifndef TAGGER_RECORD_H
#define TAGGER_RECORD_H

#include "tagger.h"

#include <jansson.h>
#include <stddef.h>

typedef struct record_options {
    const char *text_field; /* NULL: "text", then "html" */
    const char *lang;       /* forced language, or NULL: the record's "lang" or detect */
    const char *labels;     /* language of tag labels, or NULL */
    int replace_invalid;
} record_options;

/*
 * Tag the record's text (with its "title" and "lang"). On success returns TG_OK and
 * *members is a malloc'd `,"tags":[...],"entities":[...]` to splice into the record.
 * Otherwise returns the library's status, or TG_ERR_ARG when the record has no text
 * field, with a message for the error record in msg.
 */
int record_tag(const tg_model *m, tg_scratch *s, const record_options *o, json_t *rec,
               char **members, size_t *members_len, char *msg, size_t msg_cap);

#endif
