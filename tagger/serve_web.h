/* serve_web.h - the editor's page: static files read once from share/tagger/web. */
#ifndef TAGGER_SERVE_WEB_H
#define TAGGER_SERVE_WEB_H

#include <stddef.h>

typedef struct serve_file {
    char *path;               /* URL path: "/", "/app.js" ... */
    const char *content_type;
    char *data;
    size_t len;
} serve_file;

typedef struct serve_web {
    serve_file *files;
    size_t n;
} serve_web;

/* Read the page's files (index.html, app.js, style.css) from dir. Returns 0, or -1
 * when index.html cannot be read (the other files are optional). */
int serve_web_load(serve_web *w, const char *dir);

/* The file served at `url`, or NULL. */
const serve_file *serve_web_find(const serve_web *w, const char *url);

void serve_web_free(serve_web *w);

#endif
