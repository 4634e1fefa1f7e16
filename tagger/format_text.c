/*
 * format_text.c - what a person reads at a terminal: tags first, then entities in
 * text order, then any warnings; --explain lists what each tag's score is made of.
 */
#include "format.h"

#include "token_at.h"

#include <string.h>

static void explain(strbuf *out, const tg_result *r)
{
    for (size_t g = 0; g < tg_result_tag_count(r); g++) {
        const tg_tag *t = tg_result_tag(r, g);
        sb_printf(out, "  %s (%s) score %.3f:\n", t->label, t->id, t->score);
        for (size_t i = 0; i < tg_result_contribution_count(r); i++) {
            const tg_contribution *c = tg_result_contribution(r, i);
            if (c->tag != g)
                continue;
            const tg_entity *e = tg_result_entity(r, c->entity);
            sb_printf(out, "    +%.3f  %s \"%s\" (%s) link %.2f x zone %s %.2f\n", c->value,
                      e->id, e->text, e->type, c->weight, e->zone, c->zone_weight);
        }
    }
}

/* s, then spaces up to `width` columns, counted in code points (tg_count_cp), so that
 * Cyrillic names and labels line up as Latin ones do; nothing past width, as printf's
 * %-Ns. */
static void put_padded(strbuf *out, const char *s, size_t width)
{
    size_t cols = tg_count_cp(s, strlen(s));
    sb_puts(out, s);
    for (; cols < width; cols++)
        sb_putc(out, ' ');
}

void format_text(strbuf *out, const fmt_doc *d)
{
    const tg_result *r = d->r;
    sb_printf(out, "%s (%s, model %s)\n", d->name, tg_result_lang(r), tg_model_version(d->m));
    sb_puts(out, "  tags:");
    size_t nt = tg_result_tag_count(r);
    if (nt == 0)
        sb_puts(out, " none");
    for (size_t i = 0; i < nt; i++) {
        const tg_tag *t = tg_result_tag(r, i);
        sb_printf(out, "%s %s (%.2f)", i ? "," : "", t->label, t->score);
    }
    sb_puts(out, "\n  entities:\n");
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        sb_puts(out, "    ");
        put_padded(out, e->zone, 11);
        sb_putc(out, ' ');
        put_padded(out, tg_type_label(e->type, d->labels), 8);
        sb_putc(out, ' ');
        put_padded(out, e->text, 28);
        sb_printf(out, " %s%s%s [%zu,%zu]\n", e->id, *e->subtype ? " " : "", e->subtype,
                  e->start, e->end);
    }
    for (size_t i = 0; i < tg_result_warning_count(r); i++)
        sb_printf(out, "  warning: %s\n", tg_result_warning(r, i));
    if (d->explain)
        explain(out, r);
}
