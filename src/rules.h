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
    uint32_t pattern;              /* its pattern text: an image compiles it again
                                      rather than trust stored byte code */
    pcre2_code *code;
    uint32_t group;
    int priority;
    unsigned langs;                /* TG_LANG_* bits; 0 = every language */
    uint32_t link_first, link_count;
    float max_weight;
    uint8_t windowed;              /* prefiltered: runs only on lines with a literal */
    uint8_t needs_digit;           /* ... and a digit */
    uint8_t anchored;              /* its literals lead every match: tried only where
                                      one starts, anchored there (prefilter.h) */
    uint8_t lead_after_nonword;    /* ... never right after a letter or digit */
    uint8_t lead_cls;              /* anchored, but led by a class of character, not a
                                      literal (TG_C_DIGIT, TG_C_UPPER): tried at each such
                                      character of its literal windows, or of the text */
    uint8_t jit_done;              /* JIT compiled (or tried): tg_rule_jit, atomic */
    uint16_t lead_barrier;         /* a class lead: punctuation no match has before its
                                      literal (prefilter.h, lit_barrier), which ends the
                                      stretch of the line where an attempt may start.
                                      In the padding: the size, and an image, stay */
} tg_rule;

/* A required literal of a windowed rule (prefilter.h), in tg_rules.lit_bytes. */
typedef struct tg_rule_lit {
    uint32_t off;
    uint32_t rule;
    uint8_t len, tokstart, upper, tokend;
} tg_rule_lit;

typedef struct tg_rules {
    VEC(tg_rule) v;
    pcre2_match_context *mctx;     /* limits; read-only while tagging */
    uint32_t max_groups;
    /* The prefilter: every windowed rule's literals, found in one pass over the
     * folded tokens. lits is ordered by first two bytes; by_pair[k]..by_pair[k+1]
     * are the literals (of two bytes or more) starting with the pair k = b0 << 8 | b1,
     * by_byte[b]..by_byte[b+1] those of one byte b. pair_bits: a pair has literals. */
    VEC(char) lit_bytes;
    VEC(tg_rule_lit) lits;
    uint32_t *by_pair;             /* 65537 entries, NULL when no rule is windowed */
    uint32_t by_byte[257];
    uint64_t pair_bits[1024];
    /* A second sieve after the pair: a hash of the literal's first 2, 3 or 4 bytes
     * (fewer only when it is shorter), so that a frequent pair ("an" of the given
     * names) does not walk its literals at every occurrence. tg_rules_gram(). */
    uint64_t gram_bits[1024];
    uint8_t byte_bits[256];
} tg_rules;

/* Where a windowed rule runs: a run of lines, or for an anchored rule one start
 * position (start) on its line (which ends at end). */
typedef struct tg_rule_window {
    uint32_t start, end, next; /* input bytes [start, end); next window of the rule */
    uint32_t lit_end;          /* a run of lines: the end of the token of its last
                                  literal; a match, which holds one, starts before */
} tg_rule_window;

/* Per-thread working memory of tg_rules_scan (in tg_scratch). */
typedef struct tg_rules_scratch {
    VEC(tg_rule_window) win;
    VEC(uint32_t) head, tail; /* per rule: first and last window, TG_NONE */
} tg_rules_scratch;

void tg_rules_scratch_free(tg_rules_scratch *rs);

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

/* Compile a rule's pattern as every rule is (UTF, UCP; anchored when its lead
 * literals or class start every match). NULL with PCRE2's error code and offset.
 * The JIT comes later, at the rule's first match (tg_rule_jit). */
pcre2_code *tg_rule_compile(const char *pattern, size_t len, int anchored, int *errcode,
                            PCRE2_SIZE *erroffset);

/* JIT-compile a rule's pattern once, before its first match (every match runs
 * through here). Not at load: the JIT of the 65 rules costs more than the rest of
 * a compiled model's load (5 ms of 12), and a run that tags a few documents needs
 * only the rules their text triggers. Safe from any number of threads on a shared
 * model: the first one compiles under a lock, the others wait for it, and nobody
 * matches a code while it is being compiled. */
void tg_rule_jit(const tg_rule *rule);

/* The TG_LANG_* bit of a language code. */
unsigned tg_lang_bit(const char *lang);

/* A warning callback: rule `name` was skipped on this document. */
typedef void (*tg_rule_warn_fn)(void *ctx, const char *rule_name, const char *why);

/* Build the prefilter index once every rule is loaded. Returns 0, -1 when out of
 * memory. */
int tg_rules_prepare(tg_rules *r);

struct tg_token;

/* Run every rule that applies to `lang_bit` over text (valid UTF-8) whose tokens and
 * folded token bytes (tg_tokenize) are given; windowed rules run only on the lines
 * where one of their literals occurs. Matches are appended to out (cleared first).
 * match_data must come from tg_rules_match_data. */
int tg_rules_scan(const struct tg_model *m, unsigned lang_bit, const char *text, size_t len,
                  const struct tg_token *tokens, size_t ntokens, const char *norm,
                  size_t norm_len, tg_rules_scratch *rs, pcre2_match_data *match_data,
                  tg_rule_match_vec *out, tg_rule_warn_fn warn, void *warn_ctx);

pcre2_match_data *tg_rules_match_data(const tg_rules *r);

#endif
