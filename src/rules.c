/*
 * rules.c - the PCRE2 rule engine.
 *
 * Each pattern is compiled once (UTF + UCP, JIT when available) into the model.
 * Scanning runs every applicable rule under the model's match and depth limits; a
 * rule that hits a limit on a document is skipped there with a warning, because one
 * pathological pattern must not cost the whole document its other entities.
 */
#include "rules.h"

#include "datafile.h"
#include "error.h"
#include "gazetteer.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned tg_lang_bit(const char *lang)
{
    if (!lang)
        return 0;
    if (!strcmp(lang, "en")) return TG_LANG_EN;
    if (!strcmp(lang, "uk")) return TG_LANG_UK;
    if (!strcmp(lang, "ru")) return TG_LANG_RU;
    return TG_LANG_OTHER;
}

int tg_rules_init(tg_rules *r, uint32_t match_limit, uint32_t depth_limit)
{
    memset(r, 0, sizeof *r);
    r->mctx = pcre2_match_context_create(NULL);
    if (!r->mctx)
        return -1;
    pcre2_set_match_limit(r->mctx, match_limit);
    pcre2_set_depth_limit(r->mctx, depth_limit);
    r->max_groups = 1;
    return 0;
}

void tg_rules_free(tg_rules *r)
{
    for (size_t i = 0; i < r->v.n; i++)
        pcre2_code_free(r->v.v[i].code);
    vec_free(r->v);
    pcre2_match_context_free(r->mctx);
    r->mctx = NULL;
}

pcre2_match_data *tg_rules_match_data(const tg_rules *r)
{
    return pcre2_match_data_create(r->max_groups + 1, NULL);
}

/* Where each piece of a multi-line pattern came from, to place compile errors. */
typedef struct piece {
    unsigned line, column;
    size_t offset; /* in the joined pattern */
} piece;

typedef struct block {
    char name[128], type[32], subtype[64], topics[512];
    unsigned line, topics_line, topics_col;
    char *pattern;
    size_t pattern_len;
    VEC(piece) pieces;
    int group, priority;
    unsigned langs;
    int has_group;
} block;

static void block_reset(block *b)
{
    free(b->pattern);
    vec_free(b->pieces);
    memset(b, 0, sizeof *b);
    b->priority = 50;
}

static int finish_block(tg_model *m, block *b, const char *path, tg_error *err)
{
    if (!b->name[0])
        return TG_OK;
    if (!b->type[0])
        return tg_error_at(err, TG_ERR_DATA, path, b->line, 1, "rule '%s' has no type", b->name);
    if (!tg_known_type(b->type))
        return tg_error_at(err, TG_ERR_DATA, path, b->line, 1, "rule '%s': unknown type '%s'",
                           b->name, b->type);
    if (!b->pattern)
        return tg_error_at(err, TG_ERR_DATA, path, b->line, 1, "rule '%s' has no pattern",
                           b->name);
    for (size_t i = 0; i < m->rules.v.n; i++)
        if (!strcmp(tg_model_str(m, m->rules.v.v[i].name), b->name))
            return tg_error_at(err, TG_ERR_DATA, path, b->line, 6, "duplicate rule name '%s'",
                               b->name);
    int code;
    PCRE2_SIZE at;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)b->pattern, b->pattern_len,
                                   PCRE2_UTF | PCRE2_UCP, &code, &at, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        piece where = b->pieces.v[0];
        for (size_t i = 0; i < b->pieces.n; i++)
            if (b->pieces.v[i].offset <= at)
                where = b->pieces.v[i];
        return tg_error_at(err, TG_ERR_DATA, path, where.line,
                           where.column + (unsigned)(at - where.offset), "rule '%s': %s",
                           b->name, (char *)msg);
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if absent */
    uint32_t groups = 0;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
    if ((uint32_t)b->group > groups) {
        pcre2_code_free(re);
        return tg_error_at(err, TG_ERR_DATA, path, b->line, 1,
                           "rule '%s': group %d but the pattern has %u groups", b->name,
                           b->group, groups);
    }
    tg_rule r = {0};
    r.code = re;
    r.name = tg_model_intern(m, b->name, strlen(b->name));
    char source[160];
    snprintf(source, sizeof source, "rule:%s", b->name);
    r.source = tg_model_intern(m, source, strlen(source));
    r.type = tg_model_intern(m, b->type, strlen(b->type));
    r.subtype = tg_model_intern(m, b->subtype, strlen(b->subtype));
    r.group = (uint32_t)b->group;
    r.priority = b->priority;
    r.langs = b->langs;
    int rc = tg_parse_topics(m, b->topics[0] ? b->topics : "-", path, b->topics_line,
                             b->topics_col, &r.link_first, &r.link_count, &r.max_weight, err);
    if (rc || vec_push(m->rules.v, r)) {
        pcre2_code_free(re);
        return rc ? rc : tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    }
    if (groups > m->rules.max_groups)
        m->rules.max_groups = groups;
    return TG_OK;
}

static int copy_value(char *dst, size_t cap, const char *v, const char *path, unsigned line,
                      unsigned col, tg_error *err)
{
    if (strlen(v) >= cap)
        return tg_error_at(err, TG_ERR_DATA, path, line, col, "value too long");
    strcpy(dst, v);
    return TG_OK;
}

static int parse_langs(const char *v, unsigned *out)
{
    *out = 0;
    char buf[64];
    if (strlen(v) >= sizeof buf)
        return -1;
    strcpy(buf, v);
    for (char *tok = strtok(buf, ", "); tok; tok = strtok(NULL, ", ")) {
        unsigned bit = tg_lang_bit(tok);
        if (bit == TG_LANG_OTHER && strcmp(tok, "other") != 0)
            return -1;
        *out |= bit;
    }
    return 0;
}

static int parse_line(tg_model *m, block *b, char *line, const char *path, unsigned line_no,
                      tg_error *err)
{
    char *sp = line + strcspn(line, " \t");
    if (!*sp)
        return tg_error_at(err, TG_ERR_DATA, path, line_no, 1, "expected 'key value'");
    *sp = '\0';
    char *v = sp + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    unsigned col = (unsigned)(v - line) + 1;
    const char *key = line;
    if (!strcmp(key, "rule")) {
        int rc = finish_block(m, b, path, err);
        if (rc)
            return rc;
        block_reset(b);
        b->line = line_no;
        return copy_value(b->name, sizeof b->name, v, path, line_no, col, err);
    }
    if (!b->name[0])
        return tg_error_at(err, TG_ERR_DATA, path, line_no, 1,
                           "'%s' outside a rule (a block starts with 'rule NAME')", key);
    if (!strcmp(key, "type"))
        return copy_value(b->type, sizeof b->type, v, path, line_no, col, err);
    if (!strcmp(key, "subtype"))
        return copy_value(b->subtype, sizeof b->subtype, v, path, line_no, col, err);
    if (!strcmp(key, "topics")) {
        b->topics_line = line_no;
        b->topics_col = col;
        return copy_value(b->topics, sizeof b->topics, v, path, line_no, col, err);
    }
    if (!strcmp(key, "group") || !strcmp(key, "priority")) {
        char *end;
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 0 || n > 1000)
            return tg_error_at(err, TG_ERR_DATA, path, line_no, col,
                               "%s must be an integer from 0 to 1000", key);
        *(key[0] == 'g' ? &b->group : &b->priority) = (int)n;
        return TG_OK;
    }
    if (!strcmp(key, "lang")) {
        if (parse_langs(v, &b->langs))
            return tg_error_at(err, TG_ERR_DATA, path, line_no, col,
                               "lang must list en, uk, ru or other");
        return TG_OK;
    }
    if (!strcmp(key, "pattern")) {
        size_t n = strlen(v);
        char *grown = realloc(b->pattern, b->pattern_len + n + 1);
        if (!grown)
            return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        b->pattern = grown;
        if (vec_push(b->pieces, ((piece){line_no, col, b->pattern_len})))
            return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        memcpy(b->pattern + b->pattern_len, v, n + 1);
        b->pattern_len += n;
        return TG_OK;
    }
    return tg_error_at(err, TG_ERR_DATA, path, line_no, 1, "unknown key '%s'", key);
}

int tg_rules_load(tg_model *m, const char *path, tg_error *err)
{
    tg_datafile df;
    int rc = tg_datafile_open(&df, path, err);
    if (rc)
        return rc;
    block b = {0};
    block_reset(&b);
    char *line;
    while (rc == TG_OK && (line = tg_datafile_next(&df))) {
        if (tg_datafile_skippable(line))
            continue;
        rc = parse_line(m, &b, line, path, df.line_no, err);
    }
    if (rc == TG_OK)
        rc = finish_block(m, &b, path, err);
    block_reset(&b);
    tg_datafile_close(&df);
    return rc;
}

int tg_rules_scan(const tg_model *m, unsigned lang_bit, const char *text, size_t len,
                  pcre2_match_data *md, tg_rule_match_vec *out, tg_rule_warn_fn warn,
                  void *warn_ctx)
{
    out->n = 0;
    const tg_rules *r = &m->rules;
    for (size_t k = 0; k < r->v.n; k++) {
        const tg_rule *rule = &r->v.v[k];
        if (rule->langs && lang_bit && !(rule->langs & lang_bit))
            continue;
        PCRE2_SIZE at = 0;
        while (at <= len) {
            int rc = pcre2_match(rule->code, (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK,
                                 md, r->mctx);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0) {
                if (warn) {
                    PCRE2_UCHAR msg[128];
                    pcre2_get_error_message(rc, msg, sizeof msg);
                    warn(warn_ctx, tg_model_str(m, rule->name), (const char *)msg);
                }
                break;
            }
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            PCRE2_SIZE s = ov[2 * rule->group], e = ov[2 * rule->group + 1];
            if (s != PCRE2_UNSET && e > s &&
                vec_push(*out, ((tg_rule_match){(uint32_t)k, (uint32_t)s, (uint32_t)e})))
                return -1;
            PCRE2_SIZE next = ov[1];
            if (next <= at) { /* empty match: step one character */
                next = at + 1;
                while (next < len && ((unsigned char)text[next] & 0xC0) == 0x80)
                    next++;
            }
            at = next;
        }
    }
    return 0;
}
