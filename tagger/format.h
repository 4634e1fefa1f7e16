/*
 * format.h - the output formats for files: each renders one tagged document into
 * a byte buffer, so that workers can render in parallel and the writer only copies.
 */
#ifndef TAGGER_FORMAT_H
#define TAGGER_FORMAT_H

#include "strbuf.h"
#include "tagger.h"

/* One tagged document, borrowed for the duration of a render call. */
typedef struct fmt_doc {
    const char *name; /* the input's path, or "stdin" */
    const char *text; /* the document as tagged (HTML source when html is set) */
    size_t len;
    int html;
    int explain;      /* text format: list every contribution to each tag */
    const char *labels; /* language of tag and type labels for people: NULL, en, uk, ru */
    const tg_result *r;
    const tg_model *m;
} fmt_doc;

/* Render d into out (a failed allocation leaves out->failed set). */
typedef void (*fmt_render_fn)(strbuf *out, const fmt_doc *d);

typedef struct fmt_info {
    const char *name; /* as given to --format */
    const char *ext;  /* of files written under --output-dir */
    fmt_render_fn render;
    const char *header; /* written once at the top of each output stream, or NULL */
    int one_per_stream; /* the output is one document (an HTML page, a brat file) */
} fmt_info;

/* The format called name, or NULL. */
const fmt_info *format_find(const char *name);

/* The names of every format, separated by ", " (for messages). */
const char *format_names(void);

void format_text(strbuf *out, const fmt_doc *d);
void format_json(strbuf *out, const fmt_doc *d);
void format_jsonl(strbuf *out, const fmt_doc *d);
void format_tsv(strbuf *out, const fmt_doc *d);
extern const char format_tsv_header[];
void format_brat(strbuf *out, const fmt_doc *d);
void format_conll(strbuf *out, const fmt_doc *d);
void format_html(strbuf *out, const fmt_doc *d);

#endif
