/*
 * format_brat.c - brat standoff annotations (.ann) for the document's text.
 *
 * brat counts offsets in characters of the .txt file, which are our code point
 * offsets. A span may not cross a line break in brat, so an entity whose text holds
 * a newline is written as fragments ("T1<TAB>ORG 0 5;6 11<TAB>text"), with the
 * newline shown as a space. The entity id goes in an AnnotatorNotes line, where
 * brat's annotation dialog shows it to the editor.
 */
#include "format.h"

#include "utf8.h"

#include <string.h>

static void text_one_line(strbuf *out, const char *s)
{
    for (; *s; s++)
        sb_putc(out, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

/* "START END" pieces of the span, split at line ends. */
static void fragments(strbuf *out, const tg_entity *e)
{
    const unsigned char *s = (const unsigned char *)e->text;
    size_t n = strlen(e->text), i = 0, cp = e->start, from = e->start;
    int sep = 0;
    while (i < n) {
        int32_t c = tg_utf8_next(s, n, &i);
        if (c == '\n' || c == '\r') {
            if (cp > from)
                sb_printf(out, "%s%zu %zu", sep++ ? ";" : "", from, cp);
            from = cp + 1;
        }
        cp++;
    }
    if (e->end > from || !sep)
        sb_printf(out, "%s%zu %zu", sep ? ";" : "", from, e->end > from ? e->end : from);
}

void format_brat(strbuf *out, const fmt_doc *d)
{
    const tg_result *r = d->r;
    size_t t = 0;
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        if (strcmp(e->field, "text") != 0)
            continue; /* a separate title has no place in the .txt */
        t++;
        sb_printf(out, "T%zu\t%s ", t, e->type);
        fragments(out, e);
        sb_putc(out, '\t');
        text_one_line(out, e->text);
        sb_printf(out, "\n#%zu\tAnnotatorNotes T%zu\t", t, t);
        text_one_line(out, e->id);
        if (*e->subtype) {
            sb_puts(out, " (");
            text_one_line(out, e->subtype);
            sb_putc(out, ')');
        }
        sb_putc(out, '\n');
    }
}
