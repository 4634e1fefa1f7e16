/*
 * record.c - from a parsed record to the tagger's members.
 *
 * Which field is the text ("text", else "html", or --text-field), whether it is HTML,
 * and which title and language go with it: decided here once for every front-end,
 * from plain fields, whichever parser produced them.
 */
#include "record.h"

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
}

int record_tag(const tg_model *m, tg_scratch *s, const record_options *o,
               const record_fields *f, char **members, size_t *members_len, char *msg,
               size_t msg_cap)
{
    *members = NULL;
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
    tg_result *r = NULL;
    tg_error err;
    int rc = f->utf8_checked ? tg_tag_text_checked(&r, m, s, text, text_len, &d, &err)
                             : tg_tag_text(&r, m, s, text, text_len, &d, &err);
    if (rc == TG_OK)
        rc = tg_result_json_members(r, m, members, members_len);
    if (rc != TG_OK)
        snprintf(msg, msg_cap, "%s", rc == TG_ERR_NOMEM ? "out of memory" : err.message);
    tg_result_free(r);
    return rc;
}
