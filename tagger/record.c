/*
 * record.c - from a parsed record to the tagger's members.
 *
 * Which field is the text ("text", else "html", or --text-field), whether it is HTML,
 * and which title and language go with it: decided here once for every front-end.
 */
#include "record.h"

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

int record_tag(const tg_model *m, tg_scratch *s, const record_options *o, json_t *rec,
               char **members, size_t *members_len, char *msg, size_t msg_cap)
{
    *members = NULL;
    size_t text_len = 0, title_len = 0, lang_len = 0;
    const char *field = o->text_field ? o->text_field : "text";
    tg_doc_options d = {0};
    const char *text = string_field(rec, field, &text_len);
    d.html = o->text_field && !strcmp(o->text_field, "html");
    if (!text && !o->text_field) {
        text = string_field(rec, "html", &text_len);
        d.html = 1;
    }
    if (!text) {
        snprintf(msg, msg_cap, "record has no string field \"%.100s\"%s", field,
                 o->text_field ? "" : " or \"html\"");
        return TG_ERR_ARG;
    }
    d.title = string_field(rec, "title", &title_len);
    d.title_len = title_len;
    const char *lang = string_field(rec, "lang", &lang_len);
    d.lang = o->lang ? o->lang : lang;
    d.labels = o->labels;
    d.replace_invalid = o->replace_invalid;
    tg_result *r = NULL;
    tg_error err;
    int rc = tg_tag_text(&r, m, s, text, text_len, &d, &err);
    if (rc == TG_OK)
        rc = tg_result_json_members(r, m, members, members_len);
    if (rc != TG_OK)
        snprintf(msg, msg_cap, "%s", rc == TG_ERR_NOMEM ? "out of memory" : err.message);
    tg_result_free(r);
    return rc;
}
