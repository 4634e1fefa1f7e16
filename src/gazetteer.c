/*
 * gazetteer.c - reading the editable TSV gazetteers (docs/formats.md).
 *
 * Columns are found by name in the header, so editors may reorder them and add
 * languages. Every check reports file:line:column and stops loading: a model that
 * loads is a model whose every line was understood.
 */
#include "gazetteer.h"

#include "datafile.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 32

static const char *const TYPES[] = {"PERSON", "ORG", "PLACE", "NORP", "DATE", "TIME",
                                    "MONEY", "PERCENT", "QUANTITY", "EVENT", "PRODUCT",
                                    "FACILITY", NULL};

int tg_known_type(const char *type)
{
    for (int i = 0; TYPES[i]; i++)
        if (strcmp(type, TYPES[i]) == 0)
            return 1;
    return 0;
}

static unsigned column_of(const char *line, const char *at) { return (unsigned)(at - line) + 1; }

/* 10^k for k <= 22: every one is a double exactly (5^22 < 2^53). */
static const double POW10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* strtod's double of a weight written as digits with at most one point ("0.85",
 * "1", ".5", "1.") and nothing else, at most 19 digits: its digits make an integer
 * m < 2^53 and the digits after the point a power of ten 10^k, k <= 19, both exact
 * doubles, and one IEEE division of two exact doubles is correctly rounded - the
 * double nearest m / 10^k, which is what strtod returns. 0 when the string has
 * another form or more digits (signs, exponents, spaces, "inf", hex): strtod reads
 * those. A large model has 100,000 weights, and strtod took 600 instructions for
 * each, most of a tenth of the load. */
int tg_parse_decimal(const char *s, double *out)
{
    uint64_t m = 0;
    int digits = 0, frac = -1; /* frac: digits after the point, -1 before it */
    for (;; s++) {
        unsigned d = (unsigned)(unsigned char)*s - '0';
        if (d <= 9) {
            if (++digits > 19)
                return 0;
            m = m * 10 + d;
            frac += frac >= 0;
        } else if (*s == '.' && frac < 0) {
            frac = 0;
        } else {
            break;
        }
    }
    if (*s != '\0' || digits == 0 || m > (1ULL << 53))
        return 0;
    *out = (double)m / POW10[frac > 0 ? frac : 0];
    return 1;
}

static int parse_weight(const char *s, float *out)
{
    double w;
    if (tg_parse_decimal(s, &w)) {
        if (!(w > 0.0) || w > 1.0)
            return -1;
        *out = (float)w;
        return 0;
    }
    errno = 0;
    char *end;
    w = strtod(s, &end);
    if (end == s || *end || errno || !(w > 0.0) || w > 1.0)
        return -1;
    *out = (float)w;
    return 0;
}

int tg_parse_topics(tg_model *m, const char *field, const char *path, unsigned line,
                    unsigned column, uint32_t *first, uint32_t *count, float *max,
                    tg_error *err)
{
    *first = (uint32_t)m->links.n;
    *count = 0;
    *max = 0;
    if (strcmp(field, "-") == 0 || *field == '\0')
        return TG_OK;
    const char *p = field;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        unsigned col = column + (unsigned)(p - field);
        if (!eq)
            return tg_error_at(err, TG_ERR_DATA, path, line, col,
                               "topic link needs TOPIC=WEIGHT: '%.*s'", (int)n, p);
        char wbuf[32];
        size_t wn = n - (size_t)(eq + 1 - p);
        float w;
        if (wn >= sizeof wbuf || (memcpy(wbuf, eq + 1, wn), wbuf[wn] = '\0', parse_weight(wbuf, &w)))
            return tg_error_at(err, TG_ERR_DATA, path, line, col,
                               "topic weight must be a number in (0, 1]: '%.*s'", (int)n, p);
        uint32_t topic = tg_model_topic(m, p, (size_t)(eq - p));
        if (topic == TG_NONE)
            return tg_error_at(err, TG_ERR_DATA, path, line, col,
                               "unknown topic '%.*s' (not in rules/topics.tsv)", (int)(eq - p), p);
        if (vec_push(m->links, ((tg_link){topic, w})))
            return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        (*count)++;
        if (w > *max)
            *max = w;
        p += n + (comma ? 1 : 0);
    }
    return TG_OK;
}

typedef struct header {
    int id, type, subtype, name, topics;
    int lang_col[MAX_COLUMNS]; /* column -> 1 when it holds aliases */
    char langs[MAX_COLUMNS][8];
    size_t ncols;
} header;

static int is_lang(const char *name)
{
    size_t n = strlen(name);
    if (n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (name[i] < 'a' || name[i] > 'z')
            return 0;
    return 1;
}

static int parse_header(char *line, const char *path, unsigned line_no, header *h, tg_error *err)
{
    memset(h, 0, sizeof *h);
    h->id = h->type = h->subtype = h->name = h->topics = -1;
    char *f[MAX_COLUMNS];
    size_t n = tg_split_tabs(line, f, MAX_COLUMNS);
    if (n > MAX_COLUMNS)
        return tg_error_at(err, TG_ERR_DATA, path, line_no, 1, "too many columns");
    int langs = 0;
    for (size_t i = 0; i < n; i++) {
        int *slot = strcmp(f[i], "id") == 0        ? &h->id
                    : strcmp(f[i], "type") == 0    ? &h->type
                    : strcmp(f[i], "subtype") == 0 ? &h->subtype
                    : strcmp(f[i], "name") == 0    ? &h->name
                    : strcmp(f[i], "topics") == 0  ? &h->topics
                                                   : NULL;
        if (slot) {
            *slot = (int)i;
        } else if (is_lang(f[i])) {
            h->lang_col[i] = 1;
            snprintf(h->langs[i], sizeof h->langs[i], "%s", f[i]);
            langs++;
        } else if (strcmp(f[i], "note") != 0) {
            return tg_error_at(err, TG_ERR_DATA, path, line_no, column_of(line, f[i]),
                               "unknown column '%s' (expected id, type, subtype, name, "
                               "topics, note, or a language code)", f[i]);
        }
    }
    h->ncols = n;
    const char *missing = h->id < 0 ? "id" : h->type < 0 ? "type" : h->subtype < 0 ? "subtype"
                          : h->name < 0 ? "name" : h->topics < 0 ? "topics" : NULL;
    if (missing)
        return tg_error_at(err, TG_ERR_DATA, path, line_no, 1,
                           "header lacks the '%s' column", missing);
    if (!langs)
        return tg_error_at(err, TG_ERR_DATA, path, line_no, 1,
                           "header names no alias language column (en, uk, ru ...)");
    return TG_OK;
}

/* Add an alias's first word to a person's given names (model.h, tg_entity_def.given)
 * when the alias has more words after it and the word is not there yet. toks and norm
 * hold the alias as tg_matcher_prepare tokenized it. */
static int note_given_name(tg_char_vec *given, const tg_token_vec *toks, const tg_char_vec *norm)
{
    if (toks->n < 2 || !(toks->v[0].flags & TK_WORD))
        return 0;
    const char *w = norm->v + toks->v[0].norm_off;
    size_t n = toks->v[0].norm_len;
    for (size_t i = 0; i < given->n;) {
        size_t end = i;
        while (end < given->n && given->v[end] != ' ')
            end++;
        if (end - i == n && !memcmp(given->v + i, w, n))
            return 0;
        i = end + 1;
    }
    if (given->n && vec_push(*given, ' '))
        return -1;
    if (vec_reserve(*given, n))
        return -1;
    memcpy(given->v + given->n, w, n);
    given->n += n;
    return 0;
}

/* Prepare the aliases of one language column (tg_matcher_prepare) into prep; the
 * entity's line adds them once all are read. A person's given names go into given
 * (NULL: not a person). */
static int prepare_aliases(tg_model *m, char *field, const char *lang, const char *path,
                           unsigned line_no, unsigned column, tg_matcher_prep *prep,
                           tg_char_vec *given, tg_error *err)
{
    if (*field == '\0' || strcmp(field, "-") == 0)
        return TG_OK;
    char *p = field;
    for (;;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        unsigned col = column + (unsigned)(p - field);
        char *a = p;
        size_t n = strlen(a);
        while (n && (a[n - 1] == ' '))
            a[--n] = '\0';
        while (*a == ' ')
            a++, n--;
        unsigned flags = 0;
        if (*a == '%') { /* "%=Orioles": a club's nickname, in sports news alone */
            flags |= TG_ALIAS_SPORTS;
            a++, n--;
        }
        if (*a == '=') {
            flags |= TG_ALIAS_CASE;
            a++, n--;
            if (*a == '=') { /* "==Nice": a common word too */
                flags |= TG_ALIAS_WORD;
                a++, n--;
            }
        }
        if (n && a[n - 1] == '~') {
            flags |= TG_ALIAS_INFLECT;
            a[--n] = '\0';
        }
        if (n == 0)
            return tg_error_at(err, TG_ERR_DATA, path, line_no, col, "empty alias");
        int rc = tg_matcher_prepare(&m->gaz, &m->fold, a, n, lang, flags, prep);
        if (rc < 0)
            return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        if (rc > 0)
            return tg_error_at(err, TG_ERR_DATA, path, line_no, col,
                               "alias '%s' has no word or character to match", a);
        if (given && note_given_name(given, &prep->toks, &prep->norm))
            return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        if (!bar)
            return TG_OK;
        p = bar + 1;
    }
}

int tg_gazetteer_load(tg_model *m, const char *path, tg_error *err)
{
    tg_datafile df;
    int rc = tg_datafile_open(&df, path, err);
    if (rc)
        return rc;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int curated = strncmp(base, "generated-", 10) != 0;
    header h;
    int have_header = 0;
    tg_matcher_prep prep = {0};
    tg_char_vec given = {0};
    uint32_t last_type = TG_NONE, last_subtype = TG_NONE; /* string ids */
    size_t last_type_len = 0, last_subtype_len = 0;
    char *line;
    while (rc == TG_OK && (line = tg_datafile_next(&df))) {
        if (tg_datafile_skippable(line))
            continue;
        if (!have_header) {
            rc = parse_header(line, path, df.line_no, &h, err);
            have_header = 1;
            continue;
        }
        char *start = line;
        char *f[MAX_COLUMNS + 1];
        size_t n = tg_split_tabs(line, f, MAX_COLUMNS);
        if (n != h.ncols) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, 1,
                             "expected %zu tab-separated columns, found %zu", h.ncols,
                             n > MAX_COLUMNS ? n - 1 : n);
            break;
        }
        /* The next line's id, when it is the first column: its slot in the entity
         * index is fetched a line ahead, for the duplicate check, which comes too
         * soon after the fetch below to find it there. (A comment line or a long
         * first field fetches a slot for nothing.) */
        if (h.id == 0 && df.pos < df.len) {
            const char *next = df.data + df.pos;
            size_t room = df.len - df.pos;
            const char *tab = memchr(next, '\t', room < 128 ? room : 128);
            if (tab) {
                uint64_t next_hash = tg_hash_inline(next, (size_t)(tab - next));
                __builtin_prefetch(&m->entity_index.slots[next_hash & m->entity_index.mask]);
            }
        }
        /* The id's slot in the entity index and the id's and the name's in the
         * string table (with their NULs, as tg_model_intern stores them): tables of
         * megabytes, where each probe is a cache miss. Fetched now, they arrive
         * while the line is checked, its topics parsed and its aliases prepared;
         * the strings are interned after that. */
        const char *id = f[h.id], *name = f[h.name];
        size_t id_len = strlen(id), name_len = strlen(name);
        uint64_t id_hash = tg_hash_inline(id, id_len); /* for the lookup and the insert */
        uint64_t id_str_hash = tg_hash_inline(id, id_len + 1);
        uint64_t name_str_hash = tg_hash_inline(name, name_len + 1);
        __builtin_prefetch(&m->entity_index.slots[id_hash & m->entity_index.mask]);
        __builtin_prefetch(&m->strings.slots[id_str_hash & m->strings.mask]);
        __builtin_prefetch(&m->strings.slots[name_str_hash & m->strings.mask]);
        if (id_len == 0 || memchr(id, ' ', id_len)) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, column_of(start, f[h.id]),
                             "id must be non-empty and without spaces");
            break;
        }
        if (m->entity_index.slots[tg_strmap_slot(&m->entity_index, id, id_len, id_hash)].id1) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, column_of(start, f[h.id]),
                             "duplicate id '%s'", id);
            break;
        }
        /* Most lines repeat the type and subtype of the line before: their ids are
         * kept, and a line that repeats them interns them no more. */
        const char *type = f[h.type], *subtype = f[h.subtype];
        size_t type_len = strlen(type), subtype_len = strlen(subtype);
        int same_type = last_type != TG_NONE && type_len == last_type_len &&
                        memcmp(type, tg_model_str(m, last_type), type_len) == 0;
        if (!same_type && !tg_known_type(type)) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, column_of(start, f[h.type]),
                             "unknown type '%s'", f[h.type]);
            break;
        }
        if (name_len == 0) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, column_of(start, f[h.name]),
                             "empty name");
            break;
        }
        tg_entity_def e = {0};
        e.given = TG_NONE;
        e.curated = (uint8_t)curated;
        rc = tg_parse_topics(m, f[h.topics], path, df.line_no, column_of(start, f[h.topics]),
                             &e.link_first, &e.link_count, &e.max_weight, err);
        if (rc)
            break;
        /* The aliases are prepared now, their vocabulary slots fetched while the
         * strings below are interned; they are added after the entity. */
        tg_matcher_prep_clear(&prep);
        int person = !strcmp(type, "PERSON");
        given.n = 0;
        for (size_t c = 0; c < n && rc == TG_OK; c++)
            if (h.lang_col[c])
                rc = prepare_aliases(m, f[c], h.langs[c], path, df.line_no,
                                     column_of(start, f[c]), &prep, person ? &given : NULL, err);
        if (rc)
            break;
        if (given.n && (e.given = tg_model_intern(m, given.v, given.n)) == TG_NONE) {
            rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
            break;
        }
        e.id = strmap_intern_hashed(&m->strings, id, id_len + 1, id_str_hash);
        e.type = same_type ? last_type : tg_model_intern_z(m, type, type_len);
        e.subtype = last_subtype != TG_NONE && subtype_len == last_subtype_len &&
                            memcmp(subtype, tg_model_str(m, last_subtype), subtype_len) == 0
                        ? last_subtype
                        : tg_model_intern_z(m, subtype, subtype_len);
        e.name = strmap_intern_hashed(&m->strings, name, name_len + 1, name_str_hash);
        last_type = e.type, last_type_len = type_len;
        last_subtype = e.subtype, last_subtype_len = subtype_len;
        if (e.id == TG_NONE || e.type == TG_NONE || e.subtype == TG_NONE || e.name == TG_NONE) {
            rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
            break;
        }
        uint32_t index = (uint32_t)m->entities.n;
        if (vec_push(m->entities, e) ||
            strmap_intern_hashed(&m->entity_index, id, id_len, id_hash) != index) {
            rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < prep.aliases.n && rc == TG_OK; i++)
            if (tg_matcher_add_prepared(&m->gaz, &prep, i, index))
                rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        if (rc == TG_OK && prep.aliases.n == 0)
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, 1,
                             "entity '%s' has no alias", id);
    }
    if (rc == TG_OK && !have_header)
        rc = tg_error_at(err, TG_ERR_DATA, path, 1, 1, "no header line");
    tg_matcher_prep_free(&prep);
    vec_free(given);
    tg_datafile_close(&df);
    return rc;
}

int tg_topics_load(tg_model *m, const char *path, tg_error *err)
{
    tg_datafile df;
    int rc = tg_datafile_open(&df, path, err);
    if (rc)
        return rc;
    int have_header = 0;
    int col_id = -1, col_label = -1, col_uk = -1, col_ru = -1, col_thr = -1;
    size_t ncols = 0;
    char *line;
    while (rc == TG_OK && (line = tg_datafile_next(&df))) {
        if (tg_datafile_skippable(line))
            continue;
        char *start = line;
        char *f[MAX_COLUMNS + 1];
        size_t n = tg_split_tabs(line, f, MAX_COLUMNS);
        if (!have_header) {
            for (size_t i = 0; i < n && i < MAX_COLUMNS; i++) {
                if (!strcmp(f[i], "id")) col_id = (int)i;
                else if (!strcmp(f[i], "label")) col_label = (int)i;
                else if (!strcmp(f[i], "uk")) col_uk = (int)i;
                else if (!strcmp(f[i], "ru")) col_ru = (int)i;
                else if (!strcmp(f[i], "threshold")) col_thr = (int)i;
            }
            if (col_id < 0 || col_label < 0)
                rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, 1,
                                 "header needs the columns id and label");
            ncols = n;
            have_header = 1;
            continue;
        }
        if (n != ncols) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, 1,
                             "expected %zu tab-separated columns, found %zu", ncols, n);
            break;
        }
        const char *id = f[col_id];
        if (!*id || !*f[col_label]) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, 1, "empty id or label");
            break;
        }
        if (tg_model_topic(m, id, strlen(id)) != TG_NONE) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, column_of(start, f[col_id]),
                             "duplicate topic '%s'", id);
            break;
        }
        tg_topic t;
        t.id = tg_model_intern(m, id, strlen(id));
        t.label = tg_model_intern(m, f[col_label], strlen(f[col_label]));
        const char *uk = col_uk >= 0 && *f[col_uk] ? f[col_uk] : f[col_label];
        const char *ru = col_ru >= 0 && *f[col_ru] ? f[col_ru] : f[col_label];
        t.label_uk = tg_model_intern(m, uk, strlen(uk));
        t.label_ru = tg_model_intern(m, ru, strlen(ru));
        t.threshold = -1;
        if (col_thr >= 0 && strcmp(f[col_thr], "-") != 0 && *f[col_thr]) {
            if (parse_weight(f[col_thr], &t.threshold)) {
                rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no,
                                 column_of(start, f[col_thr]),
                                 "threshold must be a number in (0, 1] or -");
                break;
            }
        }
        uint32_t index = (uint32_t)m->topics.n;
        if (t.id == TG_NONE || t.label == TG_NONE || t.label_uk == TG_NONE ||
            t.label_ru == TG_NONE || vec_push(m->topics, t) ||
            strmap_intern(&m->topic_index, id, strlen(id)) != index)
            rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    }
    if (rc == TG_OK && !have_header)
        rc = tg_error_at(err, TG_ERR_DATA, path, 1, 1, "no header line");
    tg_datafile_close(&df);
    return rc;
}
