/* record_scan.h - the fast way to read a JSON record's fields: a strict scanner
 * that answers only where its answer is exactly jansson's (see record_scan.c). */
#ifndef TAGGER_RECORD_SCAN_H
#define TAGGER_RECORD_SCAN_H

#include "record.h"
#include "strbuf.h"

#include <stddef.h>

/*
 * Read the top-level fields of the record json[0..len) into *f, as
 * record_fields_from_json would after json_loadb(json, len, JSON_ALLOW_NUL).
 * Returns 0 when it could, 1 when the caller must parse with jansson instead: the
 * bytes are not valid UTF-8, not JSON that jansson accepts, not an object, too
 * deeply nested, or the record has a top-level key listed in `refuse` (a
 * NULL-terminated list: keys the caller rewrites the record without). Nothing is
 * allocated but room in `spare`.
 *
 * Strings that had escapes, and the language, are decoded to the end of `spare`
 * (any buffer of the caller's that outlives the use of *f, typically the output
 * buffer the record is written to next). On 0 the copies stay there: use *f, then set spare->n back to what it was before the call.
 * On 1 spare is as it was. Other strings point into json.
 */
int record_scan(record_fields *f, const char *json, size_t len, const record_options *o,
                const char *const *refuse, strbuf *spare);

#endif
