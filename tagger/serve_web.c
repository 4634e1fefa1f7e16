/*
 * serve_web.c - the editor's page, held in memory.
 *
 * The page is three files read at start-up: no path from a request ever reaches
 * the filesystem (so no traversal to guard against), and serving one is a memcpy.
 * They are files rather than strings compiled in so that a newsroom can restyle
 * the page without rebuilding; a restart picks up an edit.
 */
#include "serve_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *path, *type;
} PAGE[] = {
    {"index.html", "/", "text/html; charset=utf-8"},
    {"app.js", "/app.js", "text/javascript; charset=utf-8"},
    {"style.css", "/style.css", "text/css; charset=utf-8"},
};

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int serve_web_load(serve_web *w, const char *dir)
{
    size_t count = sizeof PAGE / sizeof PAGE[0];
    w->files = calloc(count, sizeof *w->files);
    w->n = 0;
    if (!w->files)
        return -1;
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, PAGE[i].name);
        size_t len = 0;
        char *data = read_all(path, &len);
        if (!data) {
            if (i == 0)
                return -1;
            continue;
        }
        serve_file *f = &w->files[w->n++];
        f->path = strdup(PAGE[i].path);
        f->content_type = PAGE[i].type;
        f->data = data;
        f->len = len;
        if (!f->path)
            return -1;
    }
    return 0;
}

const serve_file *serve_web_find(const serve_web *w, const char *url)
{
    if (!strcmp(url, "/index.html"))
        url = "/";
    for (size_t i = 0; i < w->n; i++)
        if (!strcmp(w->files[i].path, url))
            return &w->files[i];
    return NULL;
}

void serve_web_free(serve_web *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->files[i].path);
        free(w->files[i].data);
    }
    free(w->files);
    w->files = NULL;
    w->n = 0;
}
