/*
 * serve_record.c - the body of POST /tag.
 *
 * The record is the pipeline stage's record (id, text or html, title, lang, any
 * other fields), so a tool can move between `tagger --jsonl` and the service
 * without changing what it sends. As there, the record is returned with its own
 * bytes kept: the tagger's members are spliced in before the closing brace rather
 * than the whole record being re-serialised, which keeps numbers, key order and
 * escapes as sent and saves a dump of a 5 KB string per request. Only a record
 * that already carries one of our keys is rewritten without them.
 *
 * The record is read as the pipeline stage reads it: by record_scan when
 * that gives exactly jansson's answer, else by jansson, which also writes every
 * "not valid JSON" message and rewrites a record that carries one of our keys.
 *
 * The status says whose fault a failure is: 400 for what the client sent, 413 for
 * a text over the limit, 500 for our own memory running out.
 */
#include "serve_record.h"

#include "record.h"
#include "record_scan.h"

#include "utf8.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void serve_error_body(strbuf *out, unsigned status, const char *message, const char *model)
{
    sb_printf(out, "{\"error\":{\"status\":%u,\"message\":", status);
    sb_json_string(out, message, strlen(message));
    sb_puts(out, "},\"model\":");
    sb_json_string(out, model, strlen(model));
    sb_putc(out, '}');
}

static unsigned fail(strbuf *out, unsigned status, const char *message, const tg_model *m,
                     json_t *id)
{
    serve_error_body(out, status, message, tg_model_version(m));
    if (id && out->n) {
        char *s = json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY | JSON_ENSURE_ASCII);
        if (s) {
            out->n--; /* reopen the object to add the id */
            sb_puts(out, ",\"id\":");
            sb_puts(out, s);
            sb_putc(out, '}');
        }
        free(s);
    }
    return status;
}

static unsigned tag_status(int rc)
{
    return rc == TG_ERR_LIMIT ? 413 : rc == TG_ERR_NOMEM ? 500 : 400;
}

/* The body through record_scan: the status, or 0 when jansson must read it. */
static unsigned tag_scanned(const tg_model *m, tg_scratch *s, const serve_record_options *o,
                            const char *body, size_t len, strbuf *out)
{
    record_options ro = {o->text_field, o->lang, o->labels, o->replace_invalid};
    record_fields f;
    size_t base = out->n;
    if (o->jansson_only || record_scan(&f, body, len, &ro, record_our_keys, out))
        return 0;
    char msg[600];
    int rc = record_tag_scanned(m, s, &ro, &f, body, len, out, base, msg, sizeof msg);
    unsigned status;
    if (rc == TG_OK) {
        status = out->failed ? 500 : 200;
    } else {
        /* Rare: parse again for the "id" that the error body carries. */
        json_t *rec = json_loadb(body, len, JSON_ALLOW_NUL, NULL);
        status = fail(out, tag_status(rc), msg, m, json_object_get(rec, "id"));
        json_decref(rec);
    }
    return status;
}

unsigned serve_tag_record(const tg_model *m, tg_scratch *s, const serve_record_options *o,
                          const char *body, size_t len, strbuf *out)
{
    unsigned status = tag_scanned(m, s, o, body, len, out);
    if (status)
        return status;
    char *repaired = NULL;
    size_t bad = tg_utf8_check(body, len);
    if (bad != len) {
        if (!o->replace_invalid) {
            char msg[96];
            snprintf(msg, sizeof msg, "request body is not valid UTF-8 (byte %zu)", bad);
            return fail(out, 400, msg, m, NULL);
        }
        repaired = tg_utf8_repair(body, len, &len);
        if (!repaired)
            return fail(out, 500, "out of memory", m, NULL);
        body = repaired;
    }
    json_error_t jerr;
    json_t *rec = json_loadb(body, len, JSON_ALLOW_NUL, &jerr);
    if (!rec) {
        char msg[300];
        snprintf(msg, sizeof msg, "not valid JSON: %s (line %d, column %d)", jerr.text,
                 jerr.line, jerr.column);
        status = fail(out, 400, msg, m, NULL);
        free(repaired);
        return status;
    }
    if (!json_is_object(rec)) {
        status = fail(out, 400, "the record must be a JSON object", m, NULL);
        goto done;
    }
    json_t *id = json_object_get(rec, "id");
    record_options ro = {o->text_field, o->lang, o->labels, o->replace_invalid};
    record_fields f;
    record_fields_from_json(&f, rec, &ro);
    char *members = NULL, msg[600];
    size_t members_len = 0;
    int rc = record_tag(m, s, &ro, &f, &members, &members_len, msg, sizeof msg);
    if (rc == TG_OK) {
        record_splice(out, body, len, rec, members, members_len);
        status = out->failed ? 500 : 200;
    } else {
        status = fail(out, tag_status(rc), msg, m, id);
    }
    free(members);
done:
    json_decref(rec);
    free(repaired);
    return status;
}
