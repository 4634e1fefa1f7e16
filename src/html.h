/*
 * html.h - the text of an HTML page, with a map back to its source. Internal.
 *
 * libxml2's HTML parser reads the page (it copes with the broken markup real pages
 * have); the tagger then works on the extracted text as on any plain text. Every byte
 * of that text knows the source bytes of the character it came from, so entity spans
 * found in the text are reported in bytes and code points of the HTML source, and a
 * span always slices the source. The page's structure becomes zone hints: the
 * headline (h1, else <title>) is title; navigation, asides, footers, link lists,
 * repeated blocks and the like are boilerplate.
 */
#ifndef TG_HTML_H
#define TG_HTML_H

#include "tagger.h"
#include "zones.h"

#include <stddef.h>
#include <stdint.h>

/* Elements nested deeper than this are not read unless tg_doc_options says
 * otherwise; libxml2 itself stops at the same depth without XML_PARSE_HUGE. */
#define TG_HTML_DEFAULT_MAX_DEPTH 256

typedef struct tg_html_text {
    char *text;           /* extracted text, NUL-terminated, valid UTF-8 */
    size_t len;
    uint32_t *src_start;  /* per text byte: first source byte of its character */
    uint32_t *src_end;    /* per text byte: source byte after its character */
    tg_zone_vec hints;    /* structural zones (title, boilerplate) over text bytes */
    size_t depth_skipped; /* elements not read because they lie below max_depth */
    size_t unplaced;      /* parser characters not found in the source (dropped) */
} tg_html_text;

/*
 * Parse `src` (UTF-8 HTML, `len` bytes) and fill *out, which the caller frees with
 * tg_html_text_free (also after a failure). Text inside script, style, noscript,
 * template and the head (except <title>) is left out; entity and character
 * references are decoded; runs of white space become one space; block elements
 * become line breaks. Elements deeper than `max_depth` (0: the default) are left
 * out and counted in depth_skipped. Returns TG_OK or TG_ERR_NOMEM.
 */
int tg_html_extract(tg_html_text *out, const char *src, size_t len, size_t max_depth,
                    tg_error *err);

void tg_html_text_free(tg_html_text *h);

/* Point `n` entities found in h->text at the source instead: bytes through the map,
 * code points counted over `src`. The entities must be sorted by byte_start. */
void tg_html_map_entities(const tg_html_text *h, const char *src, size_t src_len,
                          tg_entity *entities, size_t n);

#endif
