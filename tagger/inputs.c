/*
 * inputs.c - from command-line arguments to the files to tag.
 *
 * Shells expand globs before the program sees them, but not when they are quoted,
 * not in a Makefile variable handed through, and not past ARG_MAX; expanding here
 * too lets a quoted *.html work everywhere. Folders are walked
 * in sorted order so that output order does not depend on the file system.
 */
#include "inputs.h"

#include "vec.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int add(input_list *list, const char *path, const char *rel, unsigned long long size)
{
    if (tg_vec_grow((void **)&list->v, &list->cap, list->n + 1, sizeof *list->v))
        return -1;
    input_file *f = &list->v[list->n];
    f->path = strdup(path);
    f->rel = strdup(rel);
    f->size = size;
    if (!f->path || !f->rel) {
        free(f->path);
        free(f->rel);
        return -1;
    }
    list->n++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add every non-hidden regular file below dir; rel_prefix names dir in rel paths
 * ("" for the folder given on the command line). */
static int walk(input_list *list, const char *dir, const char *rel_prefix)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "tagger: %s: %s\n", dir, strerror(errno));
        list->failed++;
        return 0;
    }
    VEC(char *) names = {0};
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *name = strdup(de->d_name);
        if (!name || vec_push(names, name)) {
            free(name);
            rc = -1;
        }
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, by_name);
    for (size_t i = 0; rc == 0 && i < names.n; i++) {
        size_t plen = strlen(dir) + strlen(names.v[i]) + 2;
        size_t rlen = strlen(rel_prefix) + strlen(names.v[i]) + 2;
        char *path = malloc(plen), *rel = malloc(rlen);
        if (!path || !rel) {
            rc = -1;
        } else {
            snprintf(path, plen, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
                     names.v[i]);
            snprintf(rel, rlen, "%s%s%s", rel_prefix, *rel_prefix ? "/" : "", names.v[i]);
            struct stat st;
            if (stat(path, &st) != 0)
                ; /* vanished or a dangling link: nothing to tag */
            else if (S_ISDIR(st.st_mode))
                rc = walk(list, path, rel);
            else if (S_ISREG(st.st_mode))
                rc = add(list, path, rel, (unsigned long long)st.st_size);
        }
        free(path);
        free(rel);
    }
    for (size_t i = 0; i < names.n; i++)
        free(names.v[i]);
    vec_free(names);
    return rc;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static int add_arg(input_list *list, const char *arg)
{
    struct stat st;
    if (!strcmp(arg, "-"))
        return add(list, "-", "stdin", 0);
    if (stat(arg, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return walk(list, arg, "");
        return add(list, arg, base_name(arg), (unsigned long long)st.st_size);
    }
    if (strpbrk(arg, "*?[")) {
        glob_t g;
        int rc = glob(arg, GLOB_MARK, NULL, &g);
        if (rc == GLOB_NOMATCH) {
            fprintf(stderr, "tagger: %s: no file matches\n", arg);
            list->failed++;
            return 0;
        }
        if (rc != 0)
            return -1;
        for (size_t i = 0; rc == 0 && i < g.gl_pathc; i++) {
            const char *p = g.gl_pathv[i];
            size_t n = strlen(p);
            if (n && p[n - 1] == '/')
                rc = walk(list, p, "");
            else if (stat(p, &st) == 0)
                rc = add(list, p, base_name(p), (unsigned long long)st.st_size);
        }
        globfree(&g);
        return rc;
    }
    /* Left for the reader to report, so the message comes with the others. */
    return add(list, arg, base_name(arg), 0);
}

int inputs_expand(input_list *list, char **args, size_t nargs)
{
    if (nargs == 0)
        return add(list, "-", "stdin", 0);
    for (size_t i = 0; i < nargs; i++)
        if (add_arg(list, args[i]))
            return -1;
    return 0;
}

void inputs_free(input_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i].path);
        free(list->v[i].rel);
    }
    free(list->v);
    list->v = NULL;
    list->n = list->cap = 0;
}
