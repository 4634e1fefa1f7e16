/*
 * format_tsv.c - one entity a row, for spreadsheets, `cut` and `sort`.
 *
 * The first column names the document, so the rows of many files can be
 * concatenated and still be told apart; the last lists the tags the entity is
 * evidence for. A tab, newline, carriage return or backslash inside a value is
 * written as \t, \n, \r or \\ so that a row is always one line of fixed width.
 */
#include "format.h"

#include <string.h>

static void cell(strbuf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\t': sb_puts(out, "\\t"); break;
        case '\n': sb_puts(out, "\\n"); break;
        case '\r': sb_puts(out, "\\r"); break;
        case '\\': sb_puts(out, "\\\\"); break;
        default: sb_putc(out, *s);
        }
    }
}

const char format_tsv_header[] =
    "doc\tstart\tend\tbyte_start\tbyte_end\ttype\tsubtype\tid\ttext\tzone\tsource\ttags\n";

void format_tsv(strbuf *out, const fmt_doc *d)
{
    const tg_result *r = d->r;
    size_t ntags = tg_result_tag_count(r);
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        cell(out, d->name);
        sb_printf(out, "\t%zu\t%zu\t%zu\t%zu\t", e->start, e->end, e->byte_start, e->byte_end);
        cell(out, e->type);
        sb_putc(out, '\t');
        cell(out, e->subtype);
        sb_putc(out, '\t');
        cell(out, e->id);
        sb_putc(out, '\t');
        cell(out, e->text);
        sb_putc(out, '\t');
        cell(out, e->zone);
        sb_putc(out, '\t');
        cell(out, e->source);
        sb_putc(out, '\t');
        int listed = 0;
        for (size_t g = 0; g < ntags; g++) {
            const tg_tag *t = tg_result_tag(r, g);
            for (size_t k = 0; k < t->evidence_count; k++) {
                if (t->evidence[k] != i)
                    continue;
                sb_puts(out, listed++ ? "," : "");
                cell(out, t->id);
                break;
            }
        }
        sb_putc(out, '\n');
    }
}
