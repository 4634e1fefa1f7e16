/*
 * format_html.c - a page an editor can open: the tags above the article, and the
 * article with each entity highlighted in its type's colour.
 *
 * The page is self-contained (one file, inline CSS, no scripts, no fetches) so it
 * can be mailed or attached to a ticket. Everything taken from the input or the
 * model is escaped. For HTML input the article is shown as its visible text: the
 * markup, scripts, styles and comments are dropped, block elements become line
 * breaks, and entity offsets (which point into the source) are applied as the
 * source is walked, so no second offset map is needed.
 */
#define _GNU_SOURCE /* memmem */
#include "format.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char STYLE[] =
    "body{font:16px/1.55 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "color:#222;background:#fff}\n"
    "header{border-bottom:1px solid #ccc;margin-bottom:1.5em;padding-bottom:1em}\n"
    "h1{font:600 1.1em system-ui,sans-serif;margin:0 0 .3em;word-break:break-all}\n"
    ".meta{font:.85em system-ui,sans-serif;color:#666;margin:0 0 .8em}\n"
    "ul{list-style:none;padding:0;margin:.4em 0}\n"
    "li{display:inline-block;margin:0 .4em .4em 0}\n"
    ".tag{font:600 .95em system-ui,sans-serif;background:#1a4d8f;color:#fff;"
    "border-radius:1em;padding:.2em .8em}\n"
    ".tag small{font-weight:400;opacity:.8;margin-left:.4em}\n"
    ".legend li{font:.8em system-ui,sans-serif;padding:.1em .5em;border-radius:.3em}\n"
    "article{white-space:pre-wrap}\n"
    "mark{border-radius:.2em;padding:0 .1em}\n"
    ".t-PERSON{background:#ffd8a8}.t-ORG{background:#a5d8ff}.t-PLACE{background:#b2f2bb}\n"
    ".t-NORP{background:#d0bfff}.t-DATE,.t-TIME{background:#e9ecef}\n"
    ".t-MONEY,.t-PERCENT,.t-QUANTITY{background:#fff3bf}\n"
    ".t-EVENT{background:#ffc9c9}.t-PRODUCT{background:#c3fae8}.t-FACILITY{background:#eebefa}\n"
    ".boilerplate{opacity:.55}\n";

static void esc(strbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': sb_puts(out, "&amp;"); break;
        case '<': sb_puts(out, "&lt;"); break;
        case '>': sb_puts(out, "&gt;"); break;
        case '"': sb_puts(out, "&quot;"); break;
        case '\'': sb_puts(out, "&#39;"); break;
        case '\0': break;
        default: sb_putc(out, s[i]);
        }
    }
}

static void esc_str(strbuf *out, const char *s) { esc(out, s, strlen(s)); }

/* A class name from a type: letters and digits only, whatever the model says. */
static void type_class(strbuf *out, const char *type)
{
    sb_puts(out, "t-");
    for (; *type; type++)
        if ((*type >= 'A' && *type <= 'Z') || (*type >= 'a' && *type <= 'z') ||
            (*type >= '0' && *type <= '9'))
            sb_putc(out, *type);
}

static void header(strbuf *out, const fmt_doc *d)
{
    const tg_result *r = d->r;
    sb_puts(out, "<header>\n<h1>");
    esc_str(out, d->name);
    sb_puts(out, "</h1>\n<p class=\"meta\">language ");
    esc_str(out, tg_result_lang(r));
    sb_printf(out, " · %zu entities · model ", tg_result_entity_count(r));
    esc_str(out, tg_model_version(d->m));
    sb_puts(out, "</p>\n<ul class=\"tags\">");
    if (tg_result_tag_count(r) == 0)
        sb_puts(out, "<li class=\"meta\">no tags</li>");
    for (size_t i = 0; i < tg_result_tag_count(r); i++) {
        const tg_tag *t = tg_result_tag(r, i);
        sb_puts(out, "<li class=\"tag\" title=\"");
        esc_str(out, t->id);
        sb_printf(out, ", %zu mentions\">", t->evidence_count);
        esc_str(out, t->label);
        sb_printf(out, "<small>%.2f</small></li>", t->score);
    }
    sb_puts(out, "</ul>\n<ul class=\"legend\">");
    /* One legend entry per type present, in order of first appearance (a dozen types
     * at most, so a short list of those seen keeps this linear in the entities). */
    const char *seen[32];
    size_t nseen = 0;
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const char *type = tg_result_entity(r, i)->type;
        size_t k = 0;
        while (k < nseen && strcmp(seen[k], type) != 0)
            k++;
        if (k < nseen || nseen == sizeof seen / sizeof seen[0])
            continue;
        seen[nseen++] = type;
        sb_puts(out, "<li class=\"");
        type_class(out, type);
        sb_puts(out, "\">");
        esc_str(out, tg_type_label(type, d->labels));
        sb_puts(out, "</li>");
    }
    sb_puts(out, "</ul>\n</header>\n");
}

static void open_mark(strbuf *out, const tg_entity *e, const char *labels)
{
    sb_puts(out, "<mark class=\"");
    type_class(out, e->type);
    if (!strcmp(e->zone, "boilerplate"))
        sb_puts(out, " boilerplate");
    sb_puts(out, "\" title=\"");
    esc_str(out, tg_type_label(e->type, labels));
    if (*e->subtype) {
        sb_putc(out, ' ');
        esc_str(out, e->subtype);
    }
    sb_puts(out, " · ");
    esc_str(out, e->id);
    sb_puts(out, " · ");
    esc_str(out, e->zone);
    sb_puts(out, "\">");
}

/* Elements whose end or start is a line break in the visible text. */
static int is_block(const char *name, size_t n)
{
    static const char *const blocks[] = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4",
                                         "h5", "h6", "title", "article", "section", "blockquote",
                                         "header", "footer", "ul", "ol", "table", "figure"};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        if (strlen(blocks[i]) == n && strncasecmp(blocks[i], name, n) == 0)
            return 1;
    return 0;
}

/* Skip the markup at s[i] == '<'; returns the index after it. Sets *block when it
 * is a block element; skips the body of script and style too. */
static size_t skip_markup(const char *s, size_t len, size_t i, int *block)
{
    *block = 0;
    if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
        const char *end = memmem(s + i + 4, len - i - 4, "-->", 3);
        return end ? (size_t)(end - s) + 3 : len;
    }
    size_t j = i + 1 + (i + 1 < len && s[i + 1] == '/');
    size_t name = j;
    while (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                       (s[j] >= '0' && s[j] <= '9')))
        j++;
    size_t name_len = j - name;
    const char *gt = memchr(s + j, '>', len - j);
    size_t after = gt ? (size_t)(gt - s) + 1 : len;
    *block = is_block(s + name, name_len);
    int raw = s[i + 1] != '/' && ((name_len == 6 && strncasecmp(s + name, "script", 6) == 0) ||
                                  (name_len == 5 && strncasecmp(s + name, "style", 5) == 0));
    if (raw) {
        char close[9];
        snprintf(close, sizeof close, "</%.*s", (int)name_len, s + name);
        for (size_t k = after; k + name_len + 2 <= len; k++)
            if (strncasecmp(s + k, close, name_len + 2) == 0) {
                const char *end = memchr(s + k, '>', len - k);
                return end ? (size_t)(end - s) + 1 : len;
            }
        return len;
    }
    return after;
}

static void article(strbuf *out, const fmt_doc *d)
{
    const tg_result *r = d->r;
    size_t n = tg_result_entity_count(r), next = 0, i = 0;
    const tg_entity *open = NULL;
    int space = 0;
    sb_puts(out, "<article>");
    while (i < d->len) {
        if (open && i >= open->byte_end) {
            sb_puts(out, "</mark>");
            open = NULL;
        }
        while (!open && next < n) {
            const tg_entity *e = tg_result_entity(r, next);
            if (strcmp(e->field, "text") != 0 || e->byte_end <= i) {
                next++; /* a title's entity, or one overlapped by the last */
                continue;
            }
            if (e->byte_start <= i) {
                open_mark(out, e, d->labels);
                open = e;
                next++;
            }
            break;
        }
        size_t stop = open ? open->byte_end
                      : next < n ? tg_result_entity(r, next)->byte_start : d->len;
        if (stop <= i)
            stop = i + 1;
        if (stop > d->len)
            stop = d->len;
        if (!d->html) {
            esc(out, d->text + i, stop - i);
            i = stop;
            continue;
        }
        /* HTML: the visible text only, whitespace collapsed as a browser would. */
        while (i < stop) {
            char c = d->text[i];
            if (c == '<') {
                int block;
                i = skip_markup(d->text, d->len, i, &block);
                if (block) {
                    sb_putc(out, '\n');
                    space = 1;
                }
            } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                if (!space)
                    sb_putc(out, ' ');
                space = 1;
                i++;
            } else {
                /* Character references pass through: they are already HTML. */
                if (c == '>')
                    sb_puts(out, "&gt;");
                else if (c != '\0')
                    sb_putc(out, c);
                space = 0;
                i++;
            }
        }
    }
    if (open)
        sb_puts(out, "</mark>");
    sb_puts(out, "</article>\n");
}

void format_html(strbuf *out, const fmt_doc *d)
{
    sb_puts(out, "<!DOCTYPE html>\n<html lang=\"");
    esc_str(out, tg_result_lang(d->r));
    sb_puts(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>");
    esc_str(out, d->name);
    sb_puts(out, " · tagger</title>\n<style>\n");
    sb_puts(out, STYLE);
    sb_puts(out, "</style>\n</head>\n<body>\n");
    header(out, d);
    article(out, d);
    sb_puts(out, "</body>\n</html>\n");
}
