/* serve_record.h - POST /tag: one JSON record in, the tagged record (or an error) out. */
#ifndef TAGGER_SERVE_RECORD_H
#define TAGGER_SERVE_RECORD_H

#include "record.h"
#include "strbuf.h"
#include "tagger.h"

/* What a request may ask for: the same as a pipeline record's options. */
typedef record_options serve_record_options;

/*
 * Tag the record in body[0..len) with `model` and `scratch` and append the
 * response body to `out`: the record with "model", "tags" and "entities" added
 * (its own fields kept as sent), or {"error": {"status", "message"}, "model", "id"}.
 * Returns the HTTP status: 200, 400 (bad UTF-8, bad JSON, not an object, no text),
 * 413 (text over the model's document limit) or 500 (out of memory).
 */
unsigned serve_tag_record(const tg_model *model, tg_scratch *scratch,
                          const serve_record_options *o, const char *body, size_t len,
                          strbuf *out);

/* Append an error body {"error":{"status":N,"message":...},"model":...}. */
void serve_error_body(strbuf *out, unsigned status, const char *message, const char *model);

#endif
