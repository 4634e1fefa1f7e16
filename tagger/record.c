/*
 * record.c - from a parsed record to the tagger's members.
 *
 * Which field is the text ("text", else "html", or --text-field), whether it is HTML,
 * and which title and language go with it: decided here once for every front-end,
 * from plain fields, whichever parser produced them.
 */
#include "record.h"

#include "render_json.h"
#include "tag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *string_field(json_t *rec, const char *key, size_t *len)
{
    json_t *v = json_object_get(rec, key);
    if (!json_is_string(v))
        return NULL;
    *len = json_string_length(v);
    return json_string_value(v);
}

void record_fields_from_json(record_fields *f, json_t *rec, const record_options *o)
{
    memset(f, 0, sizeof *f);
    f->text = string_field(rec, o->text_field ? o->text_field : "text", &f->text_len);
    if (!o->text_field)
        f->html = string_field(rec, "html", &f->html_len);
    f->title = string_field(rec, "title", &f->title_len);
    size_t lang_len;
    f->lang = string_field(rec, "lang", &lang_len);
    f->has_lang = json_object_get(rec, "lang") != NULL;
}

const char *const record_our_keys[] = {"tags", "entities", "model", NULL};

/* members: the result's, after "lang" (when the record has none) and "model", appended
 * to sb (not the library's string copied after ours); with the members the scratch
 * keeps from one record to the next. */
static void put_members(strbuf *sb, const tg_result *r, const tg_model *m, tg_scratch *s,
                        int add_lang)
{
    if (add_lang) {
        const char *lang = tg_result_lang(r);
        sb_puts(sb, ",\"lang\":");
        sb_json_string(sb, lang, strlen(lang));
    }
    const char *version = tg_model_version(m);
    sb_puts(sb, ",\"model\":");
    sb_json_string(sb, version, strlen(version));
    tg_render_members(sb, r, tg_scratch_member_cache(s));
}

static int our_members(const tg_result *r, const tg_model *m, tg_scratch *s, int add_lang,
                       char **members, size_t *members_len)
{
    strbuf sb = {0};
    sb_reserve(&sb, tg_render_members_size(r) + 64);
    put_members(&sb, r, m, s, add_lang);
    *members = sb_detach(&sb, members_len);
    return *members ? TG_OK : TG_ERR_NOMEM;
}

/* The record's length without the whitespace after its closing brace. */
static size_t trimmed_len(const char *json, size_t len)
{
    while (len && (json[len - 1] == ' ' || json[len - 1] == '\t' || json[len - 1] == '\n' ||
                   json[len - 1] == '\r'))
        len--;
    return len;
}

void record_splice(strbuf *out, const char *json, size_t len, json_t *rec,
                   const char *members, size_t members_len)
{
    int rewrite = 0;
    for (const char *const *k = record_our_keys; rec && *k; k++)
        rewrite |= json_object_get(rec, *k) != NULL;
    char *dumped = NULL;
    if (rewrite) {
        for (const char *const *k = record_our_keys; *k; k++)
            json_object_del(rec, *k);
        dumped = json_dumps(rec, JSON_COMPACT);
        json = dumped ? dumped : "{}";
        len = strlen(json);
    }
    len = trimmed_len(json, len);
    sb_append(out, json, len - 1); /* len - 1: the closing brace */
    /* members start with a comma, which an empty object's brace must not get. */
    int empty = rec && json_object_size(rec) == 0;
    sb_append(out, members + empty, members_len - empty);
    sb_putc(out, '}');
    free(dumped);
}

/* Tag the record's text: TG_OK and the result in *r, or the status with the message
 * for the error record in msg. */
static int tag_fields(const tg_model *m, tg_scratch *s, const record_options *o,
                      const record_fields *f, tg_result **r, char *msg, size_t msg_cap)
{
    *r = NULL;
    const char *field = o->text_field ? o->text_field : "text";
    tg_doc_options d = {0};
    const char *text = f->text;
    size_t text_len = f->text_len;
    d.html = o->text_field && !strcmp(o->text_field, "html");
    if (!text && !o->text_field) {
        text = f->html;
        text_len = f->html_len;
        d.html = 1;
    }
    if (!text) {
        snprintf(msg, msg_cap, "record has no string field \"%.100s\"%s", field,
                 o->text_field ? "" : " or \"html\"");
        return TG_ERR_ARG;
    }
    d.title = f->title;
    d.title_len = f->title ? f->title_len : 0;
    d.lang = o->lang ? o->lang : f->lang;
    d.labels = o->labels;
    d.replace_invalid = o->replace_invalid;
    tg_error err;
    int rc = f->utf8_checked ? tg_tag_text_checked(r, m, s, text, text_len, &d, &err)
                             : tg_tag_text(r, m, s, text, text_len, &d, &err);
    if (rc != TG_OK)
        snprintf(msg, msg_cap, "%s", rc == TG_ERR_NOMEM ? "out of memory" : err.message);
    return rc;
}

int record_tag(const tg_model *m, tg_scratch *s, const record_options *o,
               const record_fields *f, char **members, size_t *members_len, char *msg,
               size_t msg_cap)
{
    *members = NULL;
    tg_result *r;
    int rc = tag_fields(m, s, o, f, &r, msg, msg_cap);
    if (rc == TG_OK) {
        rc = our_members(r, m, s, !f->has_lang, members, members_len);
        if (rc != TG_OK)
            snprintf(msg, msg_cap, "%s", "out of memory");
    }
    tg_result_recycle(r, s);
    return rc;
}

int record_tag_scanned(const tg_model *m, tg_scratch *s, const record_options *o,
                       const record_fields *f, const char *json, size_t len, strbuf *out,
                       size_t base, char *msg, size_t msg_cap)
{
    tg_result *r;
    int rc = tag_fields(m, s, o, f, &r, msg, msg_cap);
    /* The result holds its own copies (texts in its pool, the language in place): f,
     * and record_scan's copies in out past base, are not needed any more. */
    out->n = base;
    if (rc == TG_OK) {
        len = trimmed_len(json, len);
        /* Once, for the record, our members and the closing brace and newline. */
        sb_reserve(out, len + tg_render_members_size(r) + 64 + strlen(tg_model_version(m)));
        sb_append(out, json, len - 1); /* len - 1: the closing brace */
        put_members(out, r, m, s, !f->has_lang);
        sb_putc(out, '}');
        if (out->failed) {
            snprintf(msg, msg_cap, "%s", "out of memory");
            rc = TG_ERR_NOMEM;
        }
    }
    tg_result_recycle(r, s);
    return rc;
}
