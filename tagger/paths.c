/*
 * paths.c - one answer, for every subcommand, to "where is the model?": the same
 * order for `tagger`, `tagger serve` and `tagger worker`, so they never disagree.
 */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int path_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *share_path(const char *sub, char *buf, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            int k = snprintf(buf, cap, "%s/../share/tagger%s%s", exe, *sub ? "/" : "", sub);
            if (k > 0 && (size_t)k < cap && path_is_dir(buf))
                return buf;
        }
    }
    int k = snprintf(buf, cap, "%s%s%s", TG_INSTALLED_MODEL_DIR, *sub ? "/" : "", sub);
    if (k > 0 && (size_t)k < cap && path_is_dir(buf))
        return buf;
    snprintf(buf, cap, "%s%s%s", TG_SOURCE_MODEL_DIR, *sub ? "/" : "", sub);
    return buf;
}

const char *find_model_dir(const char *given, char *buf, size_t cap)
{
    if (given)
        return given;
    const char *env = getenv("TAGGER_MODEL");
    if (env && *env)
        return env;
    /* A directory counts as the model when it holds gazetteers/. */
    share_path("gazetteers", buf, cap);
    buf[strlen(buf) - strlen("/gazetteers")] = '\0';
    return buf;
}
