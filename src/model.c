/*
 * model.c - loading a model directory into an immutable tg_model.
 *
 * Order matters once: topics first (gazetteer links point into them), then the
 * gazetteers and rules in file-name order, so the same directory always gives the
 * same model. The version is a hash of every file's name and bytes: two processes
 * report the same version exactly when they load the same data.
 */
#define _GNU_SOURCE /* dladdr */
#include "model.h"

#include "datafile.h"
#include "error.h"
#include "gazetteer.h"
#include "score.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef TG_DEFAULT_MODEL_DIR
#define TG_DEFAULT_MODEL_DIR "/usr/local/share/tagger"
#endif

const char *tg_version(void) { return TG_VERSION_STRING; }

uint32_t tg_model_intern(tg_model *m, const char *s, size_t len)
{
    char stack[256];
    char *buf = len < sizeof stack ? stack : malloc(len + 1);
    if (!buf)
        return TG_NONE;
    memcpy(buf, s, len);
    buf[len] = '\0';
    uint32_t id = strmap_intern(&m->strings, buf, len + 1);
    if (buf != stack)
        free(buf);
    return id;
}

uint32_t tg_model_topic(const tg_model *m, const char *id, size_t len)
{
    return strmap_get(&m->topic_index, id, len);
}

const char *tg_model_version(const tg_model *m) { return m ? m->version : ""; }
const char *tg_model_dir(const tg_model *m) { return m ? m->dir : ""; }

void tg_model_counts(const tg_model *m, size_t *entities, size_t *aliases, size_t *rules)
{
    if (entities)
        *entities = m ? m->entities.n : 0;
    if (aliases)
        *aliases = m ? m->gaz.aliases.n : 0;
    if (rules)
        *rules = m ? m->rules.v.n : 0;
}

int tg_model_set_limit(tg_model *m, tg_limit which, size_t value)
{
    if (!m || value == 0)
        return TG_ERR_ARG;
    switch (which) {
    case TG_LIMIT_DOCUMENT:
        if (value > UINT32_MAX - 1)
            return TG_ERR_ARG; /* offsets are 32-bit inside */
        m->limits.max_document = value;
        return TG_OK;
    case TG_LIMIT_ENTITIES:
        m->limits.max_entities = value;
        return TG_OK;
    case TG_LIMIT_MATCH:
        m->limits.match_limit = value > UINT32_MAX ? UINT32_MAX : (uint32_t)value;
        pcre2_set_match_limit(m->rules.mctx, m->limits.match_limit);
        return TG_OK;
    case TG_LIMIT_DEPTH:
        m->limits.depth_limit = value > UINT32_MAX ? UINT32_MAX : (uint32_t)value;
        pcre2_set_depth_limit(m->rules.mctx, m->limits.depth_limit);
        return TG_OK;
    }
    return TG_ERR_ARG;
}

void tg_model_free(tg_model *m)
{
    if (!m)
        return;
    if (m->image) { /* arrays point into the compiled file */
        tg_image_model_free(m);
        return;
    }
    tg_image_sources_free(&m->sources);
    free(m->note);
    free(m->dir);
    strmap_free(&m->strings);
    strmap_free(&m->topic_index);
    strmap_free(&m->entity_index);
    vec_free(m->entities);
    vec_free(m->links);
    vec_free(m->topics);
    tg_matcher_free(&m->gaz);
    tg_rules_free(&m->rules);
    tg_zone_words_free(&m->zone_words);
    free(m);
}

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0 && name[0] != '.';
}

/* Fold a file's name and bytes into the version hash. */
static int hash_file(uint64_t *acc, const char *path, const char *name, tg_error *err)
{
    tg_datafile df;
    int rc = tg_datafile_open(&df, path, err);
    if (rc)
        return rc;
    *acc = tg_hash(acc, sizeof *acc) ^ tg_hash(name, strlen(name)) ^
           (tg_hash(df.data, df.len) * 0x9e3779b97f4a7c15ULL);
    tg_datafile_close(&df);
    return TG_OK;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The default model: $TAGGER_MODEL, then share/tagger beside the installed library
 * (so a relocated install works), then the directory configured at build time. */
static const char *default_dir(char *buf, size_t cap)
{
    const char *env = getenv("TAGGER_MODEL");
    if (env && *env)
        return env;
    Dl_info info;
    if (dladdr((void *)tg_model_load, &info) && info.dli_fname) {
        const char *slash = strrchr(info.dli_fname, '/');
        if (slash) {
            snprintf(buf, cap, "%.*s/../share/tagger", (int)(slash - info.dli_fname),
                     info.dli_fname);
            if (is_dir(buf))
                return buf;
        }
    }
    return TG_DEFAULT_MODEL_DIR;
}

/* dir + "/" + rel into buf; a path too long to fit is an error, not a truncation. */
static int join_path(char *buf, size_t cap, const char *dir, const char *rel, tg_error *err)
{
    int n = snprintf(buf, cap, "%s/%s", dir, rel);
    if (n < 0 || (size_t)n >= cap)
        return tg_error_at(err, TG_ERR_IO, dir, 0, 0, "path too long");
    return TG_OK;
}

typedef int (*load_fn)(tg_model *m, const char *path, tg_error *err);

/* Load every file in dir/sub ending with suffix, in name order. */
static int load_all(tg_model *m, const char *sub, const char *suffix, load_fn load,
                    uint64_t *acc, size_t *count, tg_error *err)
{
    char path[PATH_MAX];
    if (join_path(path, sizeof path, m->dir, sub, err))
        return TG_ERR_IO;
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0)
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "cannot read directory: %s",
                           strerror(errno));
    int rc = TG_OK;
    *count = 0;
    for (int i = 0; i < n; i++) {
        if (rc == TG_OK && has_suffix(names[i]->d_name, suffix)) {
            char rel[NAME_MAX + 64];
            snprintf(rel, sizeof rel, "%s/%s", sub, names[i]->d_name);
            rc = join_path(path, sizeof path, m->dir, rel, err);
            if (rc == TG_OK)
                rc = hash_file(acc, path, names[i]->d_name, err);
            if (rc == TG_OK)
                rc = load(m, path, err);
            (*count)++;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

/* DIR/model.tgm when it is there, valid and as new as the sources; else the sources,
 * with the reason the image was passed over kept for tg_model_origin. */
int tg_model_load(tg_model **out, const char *dir, tg_error *err)
{
    if (!out)
        return tg_error_set(err, TG_ERR_ARG, "tg_model_load: NULL argument");
    *out = NULL;
    char buf[PATH_MAX];
    if (!dir)
        dir = default_dir(buf, sizeof buf);
    char note[sizeof err->message] = "";
    if (tg_image_load_beside(out, dir, note, sizeof note) == TG_OK)
        return TG_OK;
    int rc = tg_model_load_source(out, dir, err);
    if (rc == TG_OK && note[0])
        (*out)->note = strdup(note); /* NULL when out of memory: only the note is lost */
    return rc;
}

void tg_model_find_kinds(tg_model *m)
{
    /* Interned with their NUL: sizeof counts it. */
    m->kind.place = strmap_get(&m->strings, "PLACE", sizeof "PLACE");
    m->kind.city = strmap_get(&m->strings, "city", sizeof "city");
    m->kind.region = strmap_get(&m->strings, "region", sizeof "region");
    m->kind.country = strmap_get(&m->strings, "country", sizeof "country");
    m->kind.person = strmap_get(&m->strings, "PERSON", sizeof "PERSON");
    m->kind.org = strmap_get(&m->strings, "ORG", sizeof "ORG");
    m->kind.norp = strmap_get(&m->strings, "NORP", sizeof "NORP");
    m->kind.product = strmap_get(&m->strings, "PRODUCT", sizeof "PRODUCT");
    m->kind.facility = strmap_get(&m->strings, "FACILITY", sizeof "FACILITY");
    m->kind.event = strmap_get(&m->strings, "EVENT", sizeof "EVENT");
    m->kind.money = strmap_get(&m->strings, "MONEY", sizeof "MONEY");
    m->kind.given_name = strmap_get(&m->strings, "given-name", sizeof "given-name");
    m->kind.admin_unit = strmap_get(&m->strings, "admin-unit", sizeof "admin-unit");
    m->kind.international = strmap_get(&m->strings, "international", sizeof "international");
    m->home.ua = tg_model_topic(m, "country:UA", sizeof "country:UA" - 1);
    m->home.ru = tg_model_topic(m, "country:RU", sizeof "country:RU" - 1);
    m->home.by = tg_model_topic(m, "country:BY", sizeof "country:BY" - 1);
    tg_score_find_seats(m);
}

int tg_model_load_source(tg_model **out, const char *dir, tg_error *err)
{
    if (!out)
        return tg_error_set(err, TG_ERR_ARG, "tg_model_load_source: NULL argument");
    *out = NULL;
    char buf[PATH_MAX];
    if (!dir)
        dir = default_dir(buf, sizeof buf);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return tg_error_at(err, TG_ERR_IO, dir, 0, 0, "model directory not found");
    tg_model *m = calloc(1, sizeof *m);
    if (!m)
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    /* The files as they are before any is read: an edit during the load makes a
     * compiled image of this model stale, never wrongly fresh. */
    tg_error scan_err; /* a directory it cannot read fails the load below, with its own message */
    if (tg_image_sources_scan(&m->sources, dir, &scan_err))
        m->sources.n = 0;
    m->dir = strdup(dir);
    m->limits = (tg_limits){16u << 20, 100000, 1000000, 10000};
    tg_scorer_conf_defaults(&m->scorer);
    tg_fold_init(&m->fold);
    int rc = TG_OK;
    if (!m->dir || strmap_init(&m->strings) || strmap_init(&m->topic_index) ||
        strmap_init(&m->entity_index) || tg_matcher_init(&m->gaz) ||
        tg_rules_init(&m->rules, m->limits.match_limit, m->limits.depth_limit) ||
        tg_zone_words_init(&m->zone_words))
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    uint64_t acc = 0;
    char path[PATH_MAX];
    if (rc == TG_OK)
        rc = join_path(path, sizeof path, dir, "rules/topics.tsv", err);
    if (rc == TG_OK) {
        rc = hash_file(&acc, path, "topics.tsv", err);
        if (rc == TG_OK)
            rc = tg_topics_load(m, path, err);
    }
    if (rc == TG_OK && join_path(path, sizeof path, dir, "rules/scorer.conf", err) == TG_OK) {
        if (stat(path, &st) == 0) {
            rc = hash_file(&acc, path, "scorer.conf", err);
            if (rc == TG_OK)
                rc = tg_scorer_conf_load(&m->scorer, path, err);
        }
    }
    size_t files = 0;
    if (rc == TG_OK)
        rc = load_all(m, "gazetteers", ".tsv", tg_gazetteer_load, &acc, &files, err);
    if (rc == TG_OK && files == 0 && join_path(path, sizeof path, dir, "gazetteers", err) == TG_OK)
        rc = tg_error_at(err, TG_ERR_DATA, path, 0, 0, "no .tsv gazetteer files");
    if (rc == TG_OK)
        rc = load_all(m, "rules", ".rules", tg_rules_load, &acc, &files, err);
    if (rc == TG_OK && tg_rules_prepare(&m->rules))
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    if (rc) {
        tg_model_free(m);
        return rc;
    }
    snprintf(m->version, sizeof m->version, "%08x", (unsigned)(acc ^ (acc >> 32)));
    tg_model_find_kinds(m);
    *out = m;
    return TG_OK;
}
