/*
 * jsonl.c - the pipeline stage.
 *
 * One output line per input line, in order: a tagged record, or an error record
 * ({"error": {"line": N, "message": ...}, "id": ...}) that takes the bad line's
 * place. The input record is kept byte for byte: the tags and entities are spliced
 * in before its closing brace, so numbers, key order and escapes stay as they came.
 * Lines over the limit are consumed without being stored, so memory stays flat.
 */
#include "jsonl.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Read one line into *buf (without the newline). Returns 0 at end of input, 1 for
 * a line; *over is set when the line was longer than max (then only max bytes are
 * kept, the rest is skipped). */
static int read_line(FILE *in, char **buf, size_t *cap, size_t *len, size_t max, int *over)
{
    size_t n = 0;
    int c, any = 0;
    *over = 0;
    while ((c = getc(in)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (n >= max) {
            *over = 1;
            continue;
        }
        if (n + 1 >= *cap) {
            size_t grown_cap = *cap ? *cap * 2 : 4096;
            char *grown = realloc(*buf, grown_cap);
            if (!grown) {
                *over = 1;
                continue;
            }
            *buf = grown;
            *cap = grown_cap;
        }
        (*buf)[n++] = (char)c;
    }
    if (!any)
        return 0;
    if (n && (*buf)[n - 1] == '\r')
        n--;
    if (*buf)
        (*buf)[n] = '\0';
    *len = n;
    return 1;
}

static void write_error(FILE *out, size_t line_no, const char *message, json_t *id)
{
    json_t *err = json_pack("{s:{s:I,s:s}}", "error", "line", (json_int_t)line_no, "message",
                            message);
    if (err && id)
        json_object_set(err, "id", id);
    char *s = err ? json_dumps(err, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    if (s)
        fprintf(out, "%s\n", s);
    else
        fprintf(out, "{\"error\":{\"line\":%zu,\"message\":\"out of memory\"}}\n", line_no);
    free(s);
    json_decref(err);
}

/* Write the record with the tagger's members spliced before its closing brace. */
static void write_tagged(FILE *out, const char *line, size_t len, json_t *rec,
                         const char *members, size_t members_len)
{
    if (json_object_get(rec, "tags") || json_object_get(rec, "entities")) {
        /* The record already has our keys: rewrite it without them. */
        json_object_del(rec, "tags");
        json_object_del(rec, "entities");
        char *s = json_dumps(rec, JSON_COMPACT);
        size_t n = s ? strlen(s) : 0;
        if (s && n >= 2) {
            fwrite(s, 1, n - 1, out);
            fwrite(json_object_size(rec) ? members : members + 1, 1,
                   json_object_size(rec) ? members_len : members_len - 1, out);
            fputs("}\n", out);
        }
        free(s);
        return;
    }
    size_t end = len;
    while (end && (line[end - 1] == ' ' || line[end - 1] == '\t'))
        end--;
    /* end - 1 is the closing brace (the line parsed as an object). */
    fwrite(line, 1, end - 1, out);
    if (json_object_size(rec))
        fwrite(members, 1, members_len, out);
    else
        fwrite(members + 1, 1, members_len - 1, out); /* no leading comma in {} */
    fputs("}\n", out);
}

static const char *string_field(json_t *rec, const char *key, size_t *len)
{
    json_t *v = json_object_get(rec, key);
    if (!json_is_string(v))
        return NULL;
    *len = json_string_length(v);
    return json_string_value(v);
}

int jsonl_run(const tg_model *m, FILE *in, FILE *out, const jsonl_options *opts,
              jsonl_stats *stats)
{
    tg_scratch *scratch = NULL;
    tg_error err;
    if (tg_scratch_new(&scratch, m, &err))
        return -1;
    char *buf = NULL;
    size_t cap = 0, len = 0, line_no = 0;
    int over;
    while (read_line(in, &buf, &cap, &len, opts->max_line, &over)) {
        line_no++;
        stats->records++;
        if (over) {
            char msg[128];
            snprintf(msg, sizeof msg, "line is over the limit of %zu bytes", opts->max_line);
            write_error(out, line_no, msg, NULL);
            stats->errors++;
            continue;
        }
        json_error_t jerr;
        json_t *rec = json_loadb(buf ? buf : "", len, JSON_ALLOW_NUL, &jerr);
        if (!rec) {
            char msg[300];
            snprintf(msg, sizeof msg, "not valid JSON: %s (column %d)", jerr.text, jerr.column);
            write_error(out, line_no, msg, NULL);
            stats->errors++;
            continue;
        }
        json_t *id = json_object_get(rec, "id");
        if (!json_is_object(rec)) {
            write_error(out, line_no, "not a JSON object", NULL);
            stats->errors++;
            json_decref(rec);
            continue;
        }
        size_t text_len = 0, title_len = 0, lang_len = 0;
        const char *field = opts->text_field ? opts->text_field : "text";
        const char *text = string_field(rec, field, &text_len);
        if (!text && !opts->text_field)
            text = string_field(rec, "html", &text_len);
        if (!text) {
            char msg[200];
            snprintf(msg, sizeof msg, "record has no string field \"%s\"", field);
            write_error(out, line_no, msg, id);
            stats->errors++;
            json_decref(rec);
            continue;
        }
        tg_doc_options o = {0};
        o.title = string_field(rec, "title", &title_len);
        o.title_len = title_len;
        const char *lang = string_field(rec, "lang", &lang_len);
        o.lang = opts->lang ? opts->lang : lang;
        o.labels = opts->labels;
        o.replace_invalid = opts->replace_invalid;
        tg_result *r = NULL;
        char *members = NULL;
        size_t members_len = 0;
        int rc = tg_tag_text(&r, m, scratch, text, text_len, &o, &err);
        if (rc == TG_OK)
            rc = tg_result_json_members(r, m, &members, &members_len);
        if (rc == TG_OK) {
            write_tagged(out, buf, len, rec, members, members_len);
        } else {
            write_error(out, line_no, rc == TG_ERR_NOMEM ? "out of memory" : err.message, id);
            stats->errors++;
        }
        free(members);
        tg_result_free(r);
        json_decref(rec);
    }
    free(buf);
    tg_scratch_free(scratch);
    fflush(out);
    return ferror(out) ? -1 : 0;
}
