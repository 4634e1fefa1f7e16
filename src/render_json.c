/*
 * render_json.c - a result as JSON, in the names DESIGN.md fixes.
 *
 * Written by hand rather than through a JSON library because it is on the hot path
 * of the pipeline stage and the shape is fixed; strings go through one escaper.
 */
#include "tagger.h"

#include "result.h"
#include "strbuf.h"

#include <string.h>

static void member_str(strbuf *sb, const char *key, const char *val, int comma)
{
    if (comma)
        sb_putc(sb, ',');
    sb_json_string(sb, key, strlen(key));
    sb_putc(sb, ':');
    sb_json_string(sb, val, strlen(val));
}

static void member_num(strbuf *sb, const char *key, size_t val)
{
    sb_putc(sb, ',');
    sb_json_string(sb, key, strlen(key));
    sb_printf(sb, ":%zu", val);
}

static void members(strbuf *sb, const tg_result *r)
{
    sb_puts(sb, ",\"tags\":[");
    for (size_t i = 0; i < r->tags.n; i++) {
        const tg_tag *t = &r->tags.v[i];
        if (i)
            sb_putc(sb, ',');
        sb_putc(sb, '{');
        member_str(sb, "label", t->label, 0);
        member_str(sb, "id", t->id, 1);
        sb_printf(sb, ",\"score\":%.3f,\"evidence\":[", t->score);
        for (size_t k = 0; k < t->evidence_count; k++)
            sb_printf(sb, k ? ",%zu" : "%zu", t->evidence[k]);
        sb_puts(sb, "]}");
    }
    sb_puts(sb, "],\"entities\":[");
    for (size_t i = 0; i < r->entities.n; i++) {
        const tg_entity *e = &r->entities.v[i];
        if (i)
            sb_putc(sb, ',');
        sb_putc(sb, '{');
        member_str(sb, "text", e->text, 0);
        member_str(sb, "type", e->type, 1);
        member_str(sb, "subtype", e->subtype, 1);
        member_str(sb, "id", e->id, 1);
        member_num(sb, "start", e->start);
        member_num(sb, "end", e->end);
        member_num(sb, "byte_start", e->byte_start);
        member_num(sb, "byte_end", e->byte_end);
        member_str(sb, "zone", e->zone, 1);
        member_str(sb, "source", e->source, 1);
        if (strcmp(e->field, "text") != 0)
            member_str(sb, "field", e->field, 1);
        sb_putc(sb, '}');
    }
    sb_putc(sb, ']');
    if (r->warnings.n) {
        sb_puts(sb, ",\"warnings\":[");
        for (size_t i = 0; i < r->warnings.n; i++) {
            if (i)
                sb_putc(sb, ',');
            sb_json_string(sb, r->warnings.v[i], strlen(r->warnings.v[i]));
        }
        sb_putc(sb, ']');
    }
}

int tg_result_json_members(const tg_result *r, const tg_model *m, char **out, size_t *out_len)
{
    (void)m;
    if (!r || !out)
        return TG_ERR_ARG;
    strbuf sb = {0};
    members(&sb, r);
    *out = sb_detach(&sb, out_len);
    return *out ? TG_OK : TG_ERR_NOMEM;
}

int tg_result_to_json(const tg_result *r, const tg_model *m, const char *id, char **out,
                      size_t *out_len)
{
    if (!r || !m || !out)
        return TG_ERR_ARG;
    strbuf sb = {0};
    sb_putc(&sb, '{');
    int comma = 0;
    if (id) {
        member_str(&sb, "id", id, 0);
        comma = 1;
    }
    member_str(&sb, "lang", r->lang, comma);
    member_str(&sb, "model", tg_model_version(m), 1);
    members(&sb, r);
    sb_putc(&sb, '}');
    *out = sb_detach(&sb, out_len);
    return *out ? TG_OK : TG_ERR_NOMEM;
}
