/* record.h - tagging one JSON record: shared by the pipeline stage (jsonl.c) and the
 * service (serve_record.c), so both read a record the same way. Either parser
 * (jansson, or the fast path in record_scan.c) hands over the same plain
 * fields, so the choice of parser cannot change what is tagged. */
#ifndef TAGGER_RECORD_H
#define TAGGER_RECORD_H

#include "strbuf.h"
#include "tagger.h"

#include <jansson.h>
#include <stddef.h>

typedef struct record_options {
    const char *text_field; /* NULL: "text", then "html" */
    const char *lang;       /* forced language, or NULL: the record's "lang" or detect */
    const char *labels;     /* language of tag labels, or NULL */
    int replace_invalid;
    int jansson_only; /* serve_record.c: read every record with jansson (tests compare) */
} record_options;

/*
 * The top-level string members a record is tagged from, each NULL when the member
 * is absent or not a string (the last of duplicate keys counts). Pointers are
 * borrowed from whoever parsed the record and live as long as its parse.
 */
typedef struct record_fields {
    const char *text; /* the text field: o->text_field, else "text" */
    size_t text_len;
    const char *html; /* "html"; only read when there is no o->text_field */
    size_t html_len;
    const char *title;
    size_t title_len;
    const char *lang; /* NUL-terminated (a "\u0000" inside ends it) */
    int has_lang;     /* a top-level "lang" member is there, whatever its value */
    int utf8_checked; /* text, html and title are known to be valid UTF-8 */
} record_fields;

/* The fields of a record parsed by jansson; they live as long as rec. */
void record_fields_from_json(record_fields *f, json_t *rec, const record_options *o);

/*
 * Tag the record's text (with its title and lang). On success returns TG_OK and
 * *members is a malloc'd `,"lang":...,"model":...,"tags":[...],"entities":[...]` to
 * splice into the record; "lang" (the language tagged with) only when the record has
 * none of its own, which is passed through untouched. Otherwise returns the
 * library's status, or TG_ERR_ARG when the record has no text field, with a message
 * for the error record in msg.
 */
int record_tag(const tg_model *m, tg_scratch *s, const record_options *o,
               const record_fields *f, char **members, size_t *members_len, char *msg,
               size_t msg_cap);

/*
 * record_tag for a record read by record_scan (so carrying none of record_our_keys),
 * written straight to the output: the record json[0..len) with the members spliced
 * in, as record_splice writes it, replaces out's bytes from base on (where the
 * scan's copies lay: f may point there, and is not used once the text is tagged).
 * No buffer of its own per record, and the members are not copied a second time.
 * On anything but TG_OK out is cut back to base and msg holds the message.
 */
int record_tag_scanned(const tg_model *m, tg_scratch *s, const record_options *o,
                       const record_fields *f, const char *json, size_t len, strbuf *out,
                       size_t base, char *msg, size_t msg_cap);

/* The top-level keys the tagger writes: a record that carries one is rewritten
 * without it (record_splice), and record_scan hands such records to jansson. */
extern const char *const record_our_keys[];

/*
 * Append the record json[0..len) with members spliced in before its closing brace,
 * keeping the record's bytes as they came. rec is the record as jansson parsed it,
 * or NULL when record_scan read it (then it carries none of record_our_keys); a
 * record that carries one is re-serialised without them.
 */
void record_splice(strbuf *out, const char *json, size_t len, json_t *rec,
                   const char *members, size_t members_len);

#endif
