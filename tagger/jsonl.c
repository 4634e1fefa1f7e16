/*
 * jsonl.c - one record of the pipeline stage.
 *
 * One output line per input line: a tagged record, or an error record
 * ({"error": {"line": N, "message": ...}, "id": ...}) that takes the bad line's
 * place. The input record is kept byte for byte: the language (unless the record
 * has its own), the model version, the tags and the entities are spliced in before
 * its closing brace, so numbers, key order and escapes stay as they came.
 * The function is pure (line in, bytes out) so that the stream can run it on any
 * worker and still write exactly what a single thread would.
 *
 * A record is read by record_scan (no tree) when that gives exactly jansson's
 * answer, which is the common case; anything else (bad UTF-8, bad JSON, not an
 * object, a record carrying our keys) goes through jansson, which writes the error
 * record or the rewritten record. A record that fails to tag is parsed by jansson
 * too, for its "id". So the fast path changes no output byte, only the cost.
 */
#include "jsonl.h"

#include "record.h"
#include "record_scan.h"

#include "utf8.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void put_error(strbuf *out, size_t line_no, const char *message, json_t *id)
{
    json_t *err = json_pack("{s:{s:I,s:s}}", "error", "line", (json_int_t)line_no, "message",
                            message);
    if (err && id)
        json_object_set(err, "id", id);
    char *s = err ? json_dumps(err, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    if (s)
        sb_puts(out, s);
    else
        sb_printf(out, "{\"error\":{\"line\":%zu,\"message\":\"out of memory\"}}", line_no);
    sb_putc(out, '\n');
    free(s);
    json_decref(err);
}

static int tag_record(const tg_model *m, tg_scratch *s, const jsonl_options *o,
                      const char *line, size_t len, size_t line_no, json_t *rec, strbuf *out)
{
    record_options ro = {o->text_field, o->lang, o->labels, o->replace_invalid};
    record_fields f;
    record_fields_from_json(&f, rec, &ro);
    char *members = NULL, msg[600];
    size_t members_len = 0;
    int rc = record_tag(m, s, &ro, &f, &members, &members_len, msg, sizeof msg);
    if (rc == TG_OK) {
        record_splice(out, line, len, rec, members, members_len);
        sb_putc(out, '\n');
    } else {
        put_error(out, line_no, msg, json_object_get(rec, "id"));
    }
    free(members);
    return rc != TG_OK;
}

/* The record through record_scan: 0 or 1 as jsonl_tag_line returns, or -1 when
 * jansson must read it. */
static int tag_scanned(const tg_model *m, tg_scratch *s, const jsonl_options *o,
                       const char *line, size_t len, size_t line_no, strbuf *out)
{
    record_options ro = {o->text_field, o->lang, o->labels, o->replace_invalid};
    record_fields f;
    size_t base = out->n;
    if (record_scan(&f, line, len, &ro, record_our_keys, out))
        return -1;
    char msg[600];
    int rc = record_tag_scanned(m, s, &ro, &f, line, len, out, base, msg, sizeof msg);
    if (rc == TG_OK) {
        sb_putc(out, '\n');
    } else {
        /* Rare: parse again for the "id" that the error record carries. */
        json_t *rec = json_loadb(line, len, JSON_ALLOW_NUL, NULL);
        put_error(out, line_no, msg, json_object_get(rec, "id"));
        json_decref(rec);
    }
    return rc != TG_OK;
}

int jsonl_tag_line(const tg_model *m, tg_scratch *s, const jsonl_options *o,
                   const char *line, size_t len, int over, size_t line_no, strbuf *out)
{
    if (over) {
        char msg[128];
        snprintf(msg, sizeof msg, "line is over the limit of %zu bytes", o->max_line);
        put_error(out, line_no, msg, NULL);
        return 1;
    }
    if (!o->jansson_only) {
        int failed = tag_scanned(m, s, o, line, len, line_no, out);
        if (failed >= 0)
            return failed;
    }
    char *repaired = NULL;
    if (o->replace_invalid && tg_utf8_check(line, len) != len) {
        repaired = tg_utf8_repair(line, len, &len);
        if (!repaired) {
            put_error(out, line_no, "out of memory", NULL);
            return 1;
        }
        line = repaired;
    }
    json_error_t jerr;
    json_t *rec = json_loadb(line ? line : "", len, JSON_ALLOW_NUL, &jerr);
    int failed = 1;
    if (!rec) {
        char msg[300];
        snprintf(msg, sizeof msg, "not valid JSON: %s (column %d)", jerr.text, jerr.column);
        put_error(out, line_no, msg, NULL);
    } else if (!json_is_object(rec)) {
        put_error(out, line_no, "not a JSON object", NULL);
    } else {
        failed = tag_record(m, s, o, line, len, line_no, rec, out);
    }
    json_decref(rec);
    free(repaired);
    return failed;
}
