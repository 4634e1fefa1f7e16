/*
 * rules.h - PCRE2 rules: loading the .rules files and running them over a text.
 * Internal.
 */
#ifndef TG_RULES_H
#define TG_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "tagger.h"
#include "vec.h"

#include <stdint.h>

enum { TG_LANG_EN = 1, TG_LANG_UK = 2, TG_LANG_RU = 4, TG_LANG_OTHER = 8 };

typedef struct tg_rule {
    uint32_t name, type, subtype;  /* model string ids */
    uint32_t source;               /* "rule:NAME" */
    pcre2_code *code;
    uint32_t group;
    int priority;
    unsigned langs;                /* TG_LANG_* bits; 0 = every language */
    uint32_t link_first, link_count;
    float max_weight;
} tg_rule;

typedef struct tg_rules {
    VEC(tg_rule) v;
    pcre2_match_context *mctx;     /* limits; read-only while tagging */
    uint32_t max_groups;
} tg_rules;

/* One rule match, in input bytes. */
typedef struct tg_rule_match {
    uint32_t rule;
    uint32_t byte_start, byte_end;
} tg_rule_match;

typedef VEC(tg_rule_match) tg_rule_match_vec;

struct tg_model;

int tg_rules_init(tg_rules *r, uint32_t match_limit, uint32_t depth_limit);
void tg_rules_free(tg_rules *r);

/* Load one .rules file into the model. */
int tg_rules_load(struct tg_model *m, const char *path, tg_error *err);

/* The TG_LANG_* bit of a language code. */
unsigned tg_lang_bit(const char *lang);

/* A warning callback: rule `name` was skipped on this document. */
typedef void (*tg_rule_warn_fn)(void *ctx, const char *rule_name, const char *why);

/* Run every rule that applies to `lang_bit` over text (valid UTF-8). Matches are
 * appended to out (cleared first). match_data must come from tg_rules_match_data. */
int tg_rules_scan(const struct tg_model *m, unsigned lang_bit, const char *text, size_t len,
                  pcre2_match_data *match_data, tg_rule_match_vec *out, tg_rule_warn_fn warn,
                  void *warn_ctx);

pcre2_match_data *tg_rules_match_data(const tg_rules *r);

#endif
