/*
 * serve_watch.c - the model directory's fingerprint, polled every few seconds.
 *
 * Polling stat() rather than inotify: it works the same on every filesystem
 * (network mounts, bind mounts in containers, an editor that saves by rename), a
 * model is a few dozen files, and a reload a few seconds late is fine for a
 * gazetteer edit. The inode is in the fingerprint so that a save-by-rename within
 * the mtime's resolution is still seen.
 */
#include "serve_watch.h"

#include "hash.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t mix(uint64_t acc, const void *data, size_t len)
{
    return (acc ^ tg_hash(data, len)) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
}

static uint64_t fold_dir(uint64_t acc, const char *dir, const char *sub)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0)
        return mix(acc, "missing", 7);
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        struct stat st;
        if (name[0] != '.' &&
            snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name) < (int)sizeof path &&
            stat(path, &st) == 0) {
            int64_t facts[5] = {(int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
                                (int64_t)st.st_mtim.tv_nsec, (int64_t)st.st_ino,
                                (int64_t)st.st_ctim.tv_nsec};
            acc = mix(acc, name, strlen(name));
            acc = mix(acc, facts, sizeof facts);
        }
        free(names[i]);
    }
    free(names);
    return acc;
}

uint64_t serve_watch_signature(const char *dir)
{
    uint64_t acc = 0xcbf29ce484222325ULL;
    acc = fold_dir(acc, dir, "gazetteers");
    return fold_dir(acc, dir, "rules");
}
