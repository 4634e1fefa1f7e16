/*
 * format_json.c - DESIGN.md's JSON for one document: `json` indented for a reader,
 * `jsonl` one line per document for programs.
 *
 * The indented form re-flows the library's compact text rather than re-serialising
 * it, so both forms hold the same bytes for every value (scores keep their three
 * decimals). Only the outer two levels are broken into lines: a tag or an entity
 * stays on one line, which is what makes a long entity list readable, and a member
 * keeps the compact "key":value shape that grep-based scripts rely on.
 */
#include "format.h"

#include <stdlib.h>

static void indent(strbuf *out, int depth)
{
    sb_putc(out, '\n');
    for (int i = 0; i < depth; i++)
        sb_puts(out, "  ");
}

static void reflow(strbuf *out, const char *s, size_t n)
{
    int depth = 0, in_string = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_string) {
            sb_putc(out, c);
            if (c == '\\' && i + 1 < n)
                sb_putc(out, s[++i]);
            else if (c == '"')
                in_string = 0;
            continue;
        }
        if (c == '"') {
            in_string = 1;
            sb_putc(out, c);
        } else if ((c == '{' || c == '[') && i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
            sb_putc(out, c); /* an empty {} or [] stays whole */
            sb_putc(out, s[++i]);
        } else if (c == '{' || c == '[') {
            sb_putc(out, c);
            if (++depth <= 2)
                indent(out, depth);
        } else if (c == '}' || c == ']') {
            if (depth-- <= 2)
                indent(out, depth);
            sb_putc(out, c);
        } else if (c == ',') {
            sb_putc(out, c);
            if (depth <= 2)
                indent(out, depth);
        } else {
            sb_putc(out, c);
        }
    }
}

static void render(strbuf *out, const fmt_doc *d, int pretty)
{
    char *json = NULL;
    size_t n = 0;
    if (tg_result_to_json(d->r, d->m, d->name, &json, &n) != TG_OK) {
        out->failed = 1;
        return;
    }
    if (pretty)
        reflow(out, json, n);
    else
        sb_append(out, json, n);
    sb_putc(out, '\n');
    free(json);
}

void format_json(strbuf *out, const fmt_doc *d)
{
    render(out, d, 1);
}

void format_jsonl(strbuf *out, const fmt_doc *d)
{
    render(out, d, 0);
}
