/*
 * html.c - the text of an HTML page, its map back to the source, and zone hints
 * from the page's structure.
 *
 * libxml2's HTML parser builds the tree; libxml2 does not say where in the source a
 * text node came from, so the text is placed by walking the source alongside the
 * tree: each character of each text node, in document order, is looked for at the
 * source cursor, stepping over markup (tags, comments, the raw content of script
 * and style) and decoding character references (&amp; &#233; &eacute;) on the way.
 * A character is thus tied to the exact source bytes it came from, and a character
 * the parser made up (rare: repairs of broken input) is dropped rather than given a
 * guessed position, so offsets are exact or absent, never approximate.
 *
 * The tree is walked without recursion (parent pointers), so a page nested a
 * million deep costs time, not stack. Elements below the depth limit are still
 * walked to keep the source cursor in step, but their text is not read.
 *
 * Structure becomes hints for the zone classifier, per line of extracted text: the
 * h1 (else <title>) is title; nav, aside, footer, a page-level header, forms, and
 * elements whose class, id or role name a menu, sidebar, share bar, related list or
 * advert are boilerplate, and so are lines that are mostly link text and lines
 * repeated on the page (the same "Advertisement" slot, the same menu twice).
 */
#include "html.h"

#include "error.h"
#include "hash.h"
#include "strbuf.h"
#include "utf8.h"
#include "vec.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

static pthread_once_t libxml_once = PTHREAD_ONCE_INIT;
static void libxml_init(void) { xmlInitParser(); }

enum {
    EL_LINE = 1,     /* ends a line: li, br, tr, dt, dd */
    EL_PARA = 2,     /* ends a paragraph: p, div, h1-h6, section ... */
    EL_SKIP = 4,     /* its text is not read */
    EL_BOILER = 8,   /* page furniture */
    EL_H1 = 16,
    EL_TITLE = 32,   /* <title> */
    EL_LINK = 64,
    EL_ARTICLE = 128,
    EL_HEAD = 256,
    EL_HEADER = 512  /* boilerplate when outside article/main and without an h1 */
};

static const struct {
    const char *name;
    unsigned flags;
} ELEMENTS[] = {
    {"a", EL_LINK},
    {"address", EL_PARA},
    {"article", EL_PARA | EL_ARTICLE},
    {"aside", EL_PARA | EL_BOILER},
    {"blockquote", EL_PARA},
    {"body", EL_PARA},
    {"br", EL_LINE},
    {"button", EL_BOILER},
    {"canvas", EL_SKIP},
    {"caption", EL_PARA},
    {"dd", EL_LINE},
    {"details", EL_PARA},
    {"dialog", EL_PARA | EL_BOILER},
    {"div", EL_PARA},
    {"dl", EL_PARA},
    {"dt", EL_LINE},
    {"embed", EL_SKIP},
    {"fieldset", EL_PARA},
    {"figcaption", EL_PARA},
    {"figure", EL_PARA},
    {"footer", EL_PARA | EL_BOILER},
    {"form", EL_PARA | EL_BOILER},
    {"h1", EL_PARA | EL_H1},
    {"h2", EL_PARA},
    {"h3", EL_PARA},
    {"h4", EL_PARA},
    {"h5", EL_PARA},
    {"h6", EL_PARA},
    {"head", EL_HEAD},
    {"header", EL_PARA | EL_HEADER},
    {"hr", EL_PARA},
    {"html", EL_PARA},
    {"iframe", EL_SKIP},
    {"li", EL_LINE},
    {"main", EL_PARA | EL_ARTICLE},
    {"math", EL_SKIP},
    {"menu", EL_PARA | EL_BOILER},
    {"nav", EL_PARA | EL_BOILER},
    {"noscript", EL_SKIP},
    {"object", EL_SKIP},
    {"ol", EL_PARA},
    {"option", EL_LINE},
    {"p", EL_PARA},
    {"pre", EL_PARA},
    {"script", EL_SKIP},
    {"section", EL_PARA},
    {"select", EL_SKIP},
    {"style", EL_SKIP},
    {"summary", EL_PARA},
    {"svg", EL_SKIP},
    {"table", EL_PARA},
    {"td", EL_LINE},
    {"template", EL_SKIP},
    {"textarea", EL_SKIP},
    {"th", EL_LINE},
    {"title", EL_PARA | EL_TITLE},
    {"tr", EL_LINE},
    {"ul", EL_PARA},
};

/* Words in class, id or role that mark page furniture, and words that veto it
 * ("article-body has-sidebar" is the story, not the sidebar). */
static const char *const BOILER_WORDS[] = {
    "ad", "ads", "advert", "advertisement", "banner", "breadcrumb", "breadcrumbs",
    "comment", "comments", "complementary", "contentinfo", "cookie", "cookies", "footer",
    "menu", "menubar", "nav", "navbar", "navigation", "newsletter", "popular", "promo",
    "recommended", "related", "search", "share", "sharing", "sidebar", "social",
    "sponsored", "subscribe", "tags", "trending", "widget", NULL};
static const char *const KEEP_WORDS[] = {"article", "body", "content", "entry", "main",
                                         "post", "story", "text", NULL};

static unsigned element_flags(const xmlNode *n)
{
    const char *name = (const char *)n->name;
    size_t lo = 0, hi = sizeof ELEMENTS / sizeof ELEMENTS[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcasecmp(ELEMENTS[mid].name, name);
        if (c == 0)
            return ELEMENTS[mid].flags;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

/* Does the element's class, id or role name page furniture? Reads the attribute
 * values in place: no allocation per element. */
static int boiler_by_attributes(const xmlNode *n)
{
    int boiler = 0;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *an = (const char *)a->name;
        if (!strcasecmp(an, "hidden") || !strcasecmp(an, "aria-hidden"))
            return 1;
        if (strcasecmp(an, "class") && strcasecmp(an, "id") && strcasecmp(an, "role"))
            continue;
        for (const xmlNode *v = a->children; v; v = v->next) {
            const char *s = (const char *)v->content;
            if (!s)
                continue;
            while (*s) {
                while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
                    s++;
                const char *w = s;
                while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
                    s++;
                if (s == w)
                    continue;
                if (word_in(w, (size_t)(s - w), KEEP_WORDS))
                    return 0;
                boiler |= word_in(w, (size_t)(s - w), BOILER_WORDS);
            }
        }
    }
    return boiler;
}

/* Is there an h1 below n? (Decides whether a page-level <header> is the story's.) */
static int has_h1_below(const xmlNode *top)
{
    const xmlNode *n = top->children;
    while (n && n != top) {
        if (n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, "h1"))
            return 1;
        if (n->children) {
            n = n->children;
            continue;
        }
        while (n != top && !n->next)
            n = n->parent;
        if (n != top)
            n = n->next;
    }
    return 0;
}

/* Where one character of a text node lies in the source. */
typedef struct placement {
    uint32_t off, len;  /* in the node's text */
    uint32_t s0, s1;    /* in the source */
    uint8_t found;
} placement;

/* One line of extracted text and what its characters were inside of. */
typedef struct block {
    uint32_t start, end;
    uint32_t chars, link, boiler, h1, title;
} block;

typedef struct walker {
    const char *src;
    size_t len, pos;            /* the source and the cursor that text is placed from */
    strbuf text;
    VEC(uint32_t) s0, s1;
    VEC(block) blocks;
    VEC(placement) place;       /* scratch for one text node */
    block cur;
    int pending_break, pending_space;
    uint32_t space0, space1;    /* source of the first white space of a pending run */
    int skip, head, title, boiler, h1, link, article, deep;
    size_t unplaced, depth_skipped;
    int nomem;
} walker;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* If src[p] ('<') opens markup, the position after it; else p (a literal '<').
 * Script and style are skipped up to their end tag, as the parser reads them raw. */
static size_t skip_markup(const char *s, size_t len, size_t p)
{
    if (p + 1 >= len)
        return p;
    unsigned char c = (unsigned char)s[p + 1];
    if (c == '!' && p + 3 < len && s[p + 2] == '-' && s[p + 3] == '-') {
        for (size_t i = p + 4; i + 2 < len; i++)
            if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
                return i + 3;
        return len;
    }
    if (c == '!' || c == '?' || (c == '/' && p + 2 < len && is_alpha((unsigned char)s[p + 2]))) {
        const char *gt = memchr(s + p, '>', len - p);
        return gt ? (size_t)(gt - s) + 1 : len;
    }
    if (!is_alpha(c))
        return p;
    size_t i = p + 1;
    while (i < len && (is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9') ||
                       s[i] == '-' || s[i] == ':' || s[i] == '_'))
        i++;
    size_t name = p + 1, name_len = i - name;
    /* Attributes: a quote opens a value only right after '='. */
    int after_eq = 0;
    while (i < len && s[i] != '>') {
        if ((s[i] == '"' || s[i] == '\'') && after_eq) {
            const char *q = memchr(s + i + 1, s[i], len - i - 1);
            i = q ? (size_t)(q - s) + 1 : len;
            after_eq = 0;
            continue;
        }
        if (s[i] == '=')
            after_eq = 1;
        else if (!is_space((unsigned char)s[i]))
            after_eq = 0;
        i++;
    }
    if (i < len)
        i++;
    int raw = (name_len == 6 && !strncasecmp(s + name, "script", 6)) ||
              (name_len == 5 && !strncasecmp(s + name, "style", 5));
    if (raw) {
        for (size_t k = i; k + 2 + name_len <= len; k++)
            if (s[k] == '<' && s[k + 1] == '/' && !strncasecmp(s + k + 2, s + name, name_len))
                return k;
        return len;
    }
    return i;
}

/* The character or entity reference at src[p] ('&'): its code point and length, or
 * 0 when it is not one the parser decodes. */
static size_t decode_reference(const char *s, size_t len, size_t p, uint32_t *cp)
{
    size_t i = p + 1;
    if (i < len && s[i] == '#') {
        i++;
        int hex = i < len && (s[i] == 'x' || s[i] == 'X');
        i += (size_t)hex;
        uint32_t v = 0;
        size_t digits = 0;
        for (; i < len; i++, digits++) {
            unsigned char c = (unsigned char)s[i];
            unsigned d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f')
                d = (c | 32) - 'a' + 10;
            else
                break;
            v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + d;
        }
        if (!digits || v > 0x10FFFF)
            return 0;
        if (i < len && s[i] == ';')
            i++;
        *cp = v;
        return i - p;
    }
    char name[40];
    size_t k = 0;
    while (i < len && k + 1 < sizeof name &&
           (is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9')))
        name[k++] = s[i++];
    if (!k || i >= len || s[i] != ';')
        return 0;
    name[k] = '\0';
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return 0;
    *cp = e->value;
    return i + 1 - p;
}

static void put(walker *w, const char *b, size_t n, uint32_t s0, uint32_t s1)
{
    if (vec_reserve(w->s0, n) || vec_reserve(w->s1, n)) {
        w->nomem = 1;
        return;
    }
    sb_append(&w->text, b, n);
    for (size_t i = 0; i < n; i++) {
        w->s0.v[w->s0.n++] = s0;
        w->s1.v[w->s1.n++] = s1;
    }
}

static void close_block(walker *w)
{
    w->cur.end = (uint32_t)w->text.n;
    if (w->cur.chars && vec_push(w->blocks, w->cur))
        w->nomem = 1;
    memset(&w->cur, 0, sizeof w->cur);
}

/* Emit one character of text with its source range, after any pending break or
 * collapsed white space. */
static void emit(walker *w, const char *b, size_t n, uint32_t s0, uint32_t s1)
{
    if (is_space((unsigned char)b[0])) {
        if (!w->pending_space && !w->pending_break) {
            w->space0 = s0;
            w->space1 = s1;
        }
        w->pending_space = 1;
        return;
    }
    if (w->text.n && w->pending_break) {
        close_block(w);
        for (int i = 0; i < w->pending_break; i++)
            put(w, "\n", 1, s0, s0);
        w->cur.start = (uint32_t)w->text.n;
    } else if (w->text.n && w->pending_space) {
        put(w, " ", 1, w->space0, w->space1);
    }
    w->pending_break = w->pending_space = 0;
    put(w, b, n, s0, s1);
    w->cur.chars++;
    w->cur.link += w->link > 0;
    w->cur.boiler += w->boiler > 0;
    w->cur.h1 += w->h1 > 0;
    w->cur.title += w->title > 0;
}

/* Find one character of a text node in the source from *pos, passing over markup
 * and at most `max_skip` other source characters (white space is free). On
 * success sets s0 and s1 to its source bytes, moves *pos past them and returns 1. */
static int locate(const char *s, size_t len, size_t *pos, const char *c, size_t n,
                  size_t max_skip, uint32_t *s0, uint32_t *s1)
{
    size_t p = *pos, skipped = 0;
    int space = is_space((unsigned char)c[0]);
    while (p < len) {
        unsigned char ch = (unsigned char)s[p];
        if (ch == '<') {
            size_t q = skip_markup(s, len, p);
            if (q != p) {
                p = q;
                continue;
            }
        }
        size_t end = 0;
        if (space && is_space(ch)) {
            end = p + 1 + (ch == '\r' && p + 1 < len && s[p + 1] == '\n');
        } else if (ch == '&') {
            uint32_t cp;
            char buf[4];
            size_t rl = decode_reference(s, len, p, &cp);
            if (rl && tg_utf8_put(cp, buf) == n && !memcmp(buf, c, n))
                end = p + rl;
        }
        if (!end && p + n <= len && !memcmp(s + p, c, n))
            end = p + n;
        if (end) {
            *s0 = (uint32_t)p;
            *s1 = (uint32_t)end;
            *pos = end;
            return 1;
        }
        if (space || (!is_space(ch) && ++skipped > max_skip))
            return 0;
        p++;
        while (p < len && ((unsigned char)s[p] & 0xC0) == 0x80)
            p++;
    }
    return 0;
}

/* Place a text node in the source, then emit it when `out`. The node is placed as
 * a whole: its first character may lie some way on (past markup, scripts, text the
 * parser dropped), the rest must follow closely. A node whose characters mostly
 * cannot be found is text the parser made up (a repair of broken markup) and is
 * dropped whole, so that it cannot claim characters of the nodes after it. */
static void text_node(walker *w, const xmlChar *content)
{
    enum { FIRST_SKIP = 256, NEXT_SKIP = 16 };
    if (!content)
        return;
    int out = !w->skip && !w->deep && (!w->head || w->title);
    const char *t = (const char *)content;
    size_t n = strlen(t), pos = w->pos, chars = 0, missing = 0;
    w->place.n = 0;
    if (vec_reserve(w->place, n)) {
        w->nomem = 1;
        return;
    }
    int placed_any = 0;
    for (size_t i = 0; i < n;) {
        size_t k = i + 1;
        while (k < n && ((unsigned char)t[k] & 0xC0) == 0x80)
            k++;
        placement pl = {(uint32_t)i, (uint32_t)(k - i), 0, 0, 0};
        int space = is_space((unsigned char)t[i]);
        pl.found = (uint8_t)locate(w->src, w->len, &pos, t + i, k - i,
                                   placed_any ? NEXT_SKIP : FIRST_SKIP, &pl.s0, &pl.s1);
        placed_any |= pl.found && !space;
        if (!space) {
            chars++;
            missing += !pl.found;
        }
        w->place.v[w->place.n++] = pl;
        i = k;
    }
    if (missing * 4 > chars) {
        w->unplaced += chars;
        return;
    }
    w->unplaced += missing;
    w->pos = pos;
    for (size_t i = 0; out && i < w->place.n && !w->nomem; i++) {
        const placement *pl = &w->place.v[i];
        if (pl->found)
            emit(w, t + pl->off, pl->len, pl->s0, pl->s1);
    }
}

static void request_break(walker *w, int kind)
{
    if (kind > w->pending_break)
        w->pending_break = kind;
}

/* Enter (dir 1) or leave (dir -1) an element: breaks and context counters. The
 * flags are recomputed on leaving; they depend only on the element and on its
 * ancestors, which are the same both times. */
static void element(walker *w, const xmlNode *n, int dir)
{
    unsigned f = element_flags(n);
    if (f & EL_HEADER)
        f |= !w->article && !has_h1_below(n) ? EL_BOILER : 0;
    if (!(f & (EL_ARTICLE | EL_SKIP)) && boiler_by_attributes(n))
        f |= EL_BOILER;
    if (f & EL_PARA)
        request_break(w, 2);
    else if (f & EL_LINE)
        request_break(w, 1);
    w->skip += dir * !!(f & EL_SKIP);
    w->head += dir * !!(f & EL_HEAD);
    w->title += dir * !!(f & EL_TITLE);
    w->boiler += dir * !!(f & EL_BOILER);
    w->h1 += dir * !!(f & EL_H1);
    w->link += dir * !!(f & EL_LINK);
    w->article += dir * !!(f & EL_ARTICLE);
}

static void walk(walker *w, xmlNode *root, size_t max_depth)
{
    xmlNode *n = root;
    size_t depth = 1; /* of n */
    while (n && !w->nomem) {
        int down = 0;
        if (n->type == XML_ELEMENT_NODE) {
            element(w, n, 1);
            if (n->children) {
                down = 1;
                if (depth == max_depth) {
                    w->deep++;
                    w->depth_skipped++;
                }
            } else {
                element(w, n, -1);
            }
        } else if (n->type == XML_TEXT_NODE) {
            text_node(w, n->content);
        }
        if (down) {
            n = n->children;
            depth++;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            depth--;
            if (!n || n->type != XML_ELEMENT_NODE || depth == 0) {
                n = NULL;
                break;
            }
            if (depth == max_depth)
                w->deep--;
            element(w, n, -1);
        }
        if (n)
            n = n->next;
    }
}

/* Turn the lines' make-up into zone hints. */
static int make_hints(walker *w, tg_zone_vec *hints)
{
    strmap seen;
    if (strmap_init_small(&seen, 64))
        return -1;
    VEC(uint32_t) count = {0};
    int rc = 0, has_h1 = 0;
    for (size_t i = 0; i < w->blocks.n; i++) {
        const block *b = &w->blocks.v[i];
        has_h1 |= b->h1 * 2 > b->chars && b->boiler * 2 <= b->chars;
        uint32_t id = strmap_intern(&seen, w->text.v + b->start, b->end - b->start);
        if (id == TG_NONE || (id >= count.n && vec_push(count, 0))) {
            rc = -1;
            break;
        }
        count.v[id] += !(b->h1 * 2 > b->chars || b->title * 2 > b->chars);
    }
    for (size_t i = 0; i < w->blocks.n && !rc; i++) {
        const block *b = &w->blocks.v[i];
        tg_zone z = TG_ZONE_COUNT;
        if (b->title * 2 > b->chars)
            z = has_h1 ? TG_ZONE_BOILERPLATE : TG_ZONE_TITLE;
        else if (b->boiler * 2 > b->chars || b->link * 2 > b->chars)
            z = TG_ZONE_BOILERPLATE;
        else if (b->h1 * 2 > b->chars)
            z = TG_ZONE_TITLE;
        else if (count.v[strmap_get(&seen, w->text.v + b->start, b->end - b->start)] > 1)
            z = TG_ZONE_BOILERPLATE;
        if (z != TG_ZONE_COUNT)
            rc = vec_push(*hints, ((tg_zone_span){b->start, b->end, z}));
    }
    vec_free(count);
    strmap_free(&seen);
    return rc;
}

int tg_html_extract(tg_html_text *out, const char *src, size_t len, size_t max_depth,
                    tg_error *err)
{
    memset(out, 0, sizeof *out);
    if (len > INT32_MAX)
        return tg_error_set(err, TG_ERR_LIMIT, "HTML of %zu bytes is too large to parse", len);
    pthread_once(&libxml_once, libxml_init);
    walker w = {0};
    w.src = src;
    w.len = len;
    int rc = TG_OK;
    /* HUGE lifts libxml2's own depth and text-node limits: ours apply instead.
     * IGNORE_ENC: the bytes are UTF-8 whatever a <meta> says (they were checked). */
    htmlDocPtr doc = htmlReadMemory(len ? src : " ", len ? (int)len : 1, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
    if (doc) {
        walk(&w, xmlDocGetRootElement(doc), max_depth ? max_depth : TG_HTML_DEFAULT_MAX_DEPTH);
        xmlFreeDoc(doc);
    }
    close_block(&w);
    if (w.nomem || make_hints(&w, &out->hints))
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    sb_putc(&w.text, '\0');
    if (w.text.failed && rc == TG_OK)
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    out->len = w.text.n ? w.text.n - 1 : 0;
    out->text = sb_detach(&w.text, NULL);
    out->src_start = w.s0.v;
    out->src_end = w.s1.v;
    out->depth_skipped = w.depth_skipped;
    out->unplaced = w.unplaced;
    vec_free(w.blocks);
    vec_free(w.place);
    if (rc == TG_OK && !out->text)
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    return rc;
}

void tg_html_text_free(tg_html_text *h)
{
    if (!h)
        return;
    free(h->text);
    free(h->src_start);
    free(h->src_end);
    vec_free(h->hints);
    memset(h, 0, sizeof *h);
}

void tg_html_map_entities(const tg_html_text *h, const char *src, size_t src_len,
                          tg_entity *e, size_t n)
{
    size_t byte = 0, cp = 0;
    for (size_t i = 0; i < n; i++) {
        size_t b0 = e[i].byte_start < h->len ? h->src_start[e[i].byte_start] : src_len;
        size_t b1 = e[i].byte_end && e[i].byte_end <= h->len ? h->src_end[e[i].byte_end - 1]
                                                              : b0;
        if (b1 < b0)
            b1 = b0;
        if (b0 < byte) /* not sorted: count again from the start */
            byte = cp = 0;
        for (; byte < b0; byte++)
            cp += (((unsigned char)src[byte] & 0xC0) != 0x80);
        e[i].start = cp;
        for (; byte < b1; byte++)
            cp += (((unsigned char)src[byte] & 0xC0) != 0x80);
        e[i].end = cp;
        e[i].byte_start = b0;
        e[i].byte_end = b1;
    }
}
