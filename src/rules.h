/*
 * rules.h - PCRE2 rules: loading the .rules files and running them over a text.
 * Internal.
 */
#ifndef TG_RULES_H
#define TG_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "prefilter.h"
#include "tagger.h"
#include "vec.h"

#include <stdint.h>
#include <string.h>

enum { TG_LANG_EN = 1, TG_LANG_UK = 2, TG_LANG_RU = 4, TG_LANG_OTHER = 8 };
#define TG_SKIP_LANGS 16 /* lang_bit values with a row in tg_rules.skip_of_lang */
#define TG_START_LANGS 3 /* languages with tables of their own in tg_rules.start_of_lang */

typedef struct tg_rule {
    uint32_t name, type, subtype;  /* model string ids */
    uint32_t source;               /* "rule:NAME" */
    uint32_t pattern;              /* its pattern text: an image compiles it again
                                      rather than trust stored byte code */
    uint8_t lead_words;            /* a class lead with barriers (lead_barrier): its
                                      literals' words (prefilter.h, lit_words), which
                                      end the stretch where an attempt may start that
                                      many stretches of whitespace before the literal;
                                      0: no bound. In the padding: the size stays */
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
    uint8_t unused;                /* zero (was a JIT flag: tg_rules.jit now) */
    uint16_t lead_barrier;         /* a class lead: punctuation no match has before its
                                      literal (prefilter.h, lit_barrier), which ends the
                                      stretch of the line where an attempt may start.
                                      In the padding: the size, and an image, stay */
    tg_pf_reach reach[TG_PF_NREACH]; /* anchored: what the text after an attempt's start
                                      must hold in time (prefilter.h); mask 0: none */
    tg_pf_follow follow;           /* anchored: what must come after the first stretch
                                      of whitespace from an attempt's start (ok 0: none) */
} tg_rule;

/* A required literal of a windowed rule (prefilter.h), in tg_rules.lit_bytes. */
typedef struct tg_rule_lit {
    uint32_t off;
    uint32_t rule;
    uint8_t len, tokstart, upper, tokend;
    uint8_t wordend; /* no letter or digit right after it (tg_pf_lit.wordend) */
    uint8_t no_cap;  /* a lead's tg_pf_lit.no_cap (lead_hit) */
    uint8_t spare[2]; /* zero: an image holds no stray padding bytes */
    uint32_t no_letter_before; /* tg_pf_lit.no_letter_before (literal_hit) */
} tg_rule_lit;

/* A literal of two bytes or more in a fine bucket (tg_rules.fine_lits): its index in
 * lits and its first 2, 3, 4, 6 or 8 bytes (as many as its fine key hashes, fine_len),
 * little-endian in the low bytes of `head`: the walk of a bucket compares one word
 * with the text's bytes that it hashed, not the literal's bytes. A literal's bytes are
 * never zero, so heads of different lengths never compare equal. */
typedef struct tg_rule_fine {
    uint64_t head;
    uint32_t lit;
    uint32_t len; /* lits.v[lit].len */
} tg_rule_fine;

/* Bits of tg_rules.check, over the DF_* answers (digit_far.h, 1 and 2): the literal
 * wants a capital first (upper), a token's start (tokstart), no letter or digit before
 * it (its rule's lead_after_nonword, but for a class lead), a token's end right after
 * it (tokend), no letter or digit after it (wordend). */
enum {
    TG_LC_UPPER = 4,
    TG_LC_TOKSTART = 8,
    TG_LC_NONWORD = 16,
    TG_LC_TOKEND = 32,
    TG_LC_WORDEND = 64
};

/* Kinds of literal that begin with a pair of bytes (tg_rules.lit_first): of one
 * byte (the pair's first), of two or three, of four or more. Flagged three times: any
 * of them (but those of one byte, which byte_bits has), then those that need not
 * start a token, apart from those of a rule that wants a non-word character before
 * them (lead_after_nonword), each kind shifted by its TG_FIRST_*. */
enum {
    TG_LIT_BYTE = 1,
    TG_LIT_SHORT = 2,
    TG_LIT_LONG = 4,
    TG_FIRST_ANY = 0,     /* (TG_LIT_SHORT and TG_LIT_LONG >> 1) */
    TG_FIRST_INNER = 2,
    TG_FIRST_NONWORD = 5
};

/* The fine buckets (tg_rules.fine_head): some 8,100 literals of two bytes or more in
 * the model, two a bucket at 4096, where a walk passed over as many literals of
 * another head as it compared (cyr450: 270K of 395K in the buckets of eight bytes). */
#define TG_FINE_BUCKETS 16384

/* The entry of the pair of bytes at b in tg_rules.lit_first: the two bytes as one
 * 16-bit load reads them (so the scan spends one load on it, at every character). */
static inline unsigned tg_rules_first_key(const unsigned char *b)
{
    uint16_t v;
    memcpy(&v, b, 2);
    return v;
}

/* A rule's JIT code, once the rule is hot, and whether its own code could be compiled
 * (tg_rule_code). */
typedef struct tg_rule_jit {
    pcre2_code *code; /* NULL until then; atomic. A copy of the rule's code, JIT-compiled
                         (the rule's own code when no copy could be made) */
    uint32_t tries;   /* interpreted attempts so far, atomic */
    uint8_t own;      /* code is a copy, freed with the index */
    uint8_t broken;   /* atomic: the pattern of a rule from an image did not compile at
                         its first attempt, or reports a group it does not have */
} tg_rule_jit;

typedef struct tg_rules {
    VEC(tg_rule) v;
    pcre2_match_context *mctx;     /* limits; read-only while tagging */
    uint32_t max_groups;
    /* The prefilter: every windowed rule's literals, found in one pass over the
     * folded tokens. lits is ordered by first two bytes; by_pair[k]..by_pair[k+1]
     * are the literals (of two bytes or more) starting with the pair k = b0 << 8 | b1,
     * by_byte[b]..by_byte[b+1] those of one byte b. pair_bits: a pair has literals.
     * (The scan finds those of two bytes or more by the fine buckets, fine_lits.) */
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
    /* byte_whole[b]: every literal of the one byte b is a token of its own (tokend at
     * a token's start, as the scorecards' "c" and "b"): none is found at the first
     * byte of a longer token, where try_literal would turn each down after the call
     * (tg_rules_index). */
    uint8_t byte_whole[256];
    /* Where a literal may start. By the pair of bytes there (tg_rules_first_key), which
     * kinds of literal begin with it (TG_LIT_* << TG_FIRST_*). Inside a word only those
     * that need not start a token may, and there, before a walk of a bucket, a second
     * sieve: the key of the first two or three bytes (gram_key) of a literal of two or
     * three, the bucket key of the first four of a longer one (as by_pair's), in
     * inner_short and inner_long, or nonword_short and nonword_long for a rule whose
     * lookbehind rejects a letter or digit before its literal: only a word holding
     * another kind of character (an apostrophe, a mark) lets that one through. Most
     * characters of a text are inside words, and most fail here. Built from the
     * literals and their rules (tg_rules_index), not stored in an image. */
    uint8_t lit_first[65536];
    uint64_t inner_short[1024], inner_long[1024];
    uint64_t nonword_short[1024], nonword_long[1024];
    /* inner_short without the literals that want a token's or a word's end after
     * them (tokend, wordend): the sieve of a position more than three bytes before
     * the end of an ASCII word ("ha" in "that", "am" in "name"), where those are turned
     * down (word_literals_at). */
    uint64_t inner_short_open[1024];
    /* A third sieve of the literals of inner_long, by the fine key (fine_hash) of
     * their first 6 bytes, of 4 for one shorter: inner_long's first four are two
     * letters of a Cyrillic word ("ра" of "рада" in "країна"), and most positions that
     * get through it inside a Cyrillic word have no literal (word_literals_at).
     * 1024 words, allocated by tg_rules_index. */
    VEC(uint64_t) inner_fine;
    /* The literals of two bytes or more again, by a finer key than by_pair's: a hash
     * of their first 4, 6 or 8 bytes (the most they have; fine_key), or all of one of
     * two or three, so that the inflected forms of the given names that share two first
     * letters are not one long bucket to walk at each word that starts with them, nor
     * the initials "в." of four rules at each "в". fine_lits[fine_head[h]]
     * .. fine_lits[fine_head[h + 1]] are the literals of bucket h, each with the bytes
     * its key hashes (tg_rule_fine); fine_bits a sieve of the keys. Derived
     * (tg_rules_index), not stored in an image. */
    uint32_t fine_head[TG_FINE_BUCKETS + 1];
    uint64_t fine_bits[1024];
    VEC(tg_rule_fine) fine_lits;
    /* gram_bits of the literals that are not upper (a capital starts their token):
     * the sieve at the first character of a token that starts without one, where
     * a capital's literal cannot start (most English words: "an" and "be" of the
     * aircraft, the given names). Derived (tg_rules_index). */
    uint64_t lower_gram[1024];
    /* fine_bits of the literals that are not upper: long_fine_set's sieve at the first
     * character of a token that starts without a capital. Derived (tg_rules_index). */
    uint64_t lower_fine[1024];
    /* What the scan checks of lits.v[i] before literal_hit, in one byte: the TG_LC_*
     * of it, and the DF_* answers that rule it out at a token far from every digit
     * (digit_far.h), where the scan drops the literals of the rules that need a digit
     * near them: DF_AFTER for an anchored rule with a reach of digits, DF_BEFORE for a
     * rule led by a digit that reads back to a barrier. far_reach: the largest of
     * those rules' smallest reach of digits; far_words: the largest words of the
     * latter (tg_rule.lead_words; 0 when one has no bound), for each lang_bit of
     * skip_of_lang, of the rules that run in it (a union of languages takes row 0's,
     * every rule's). gram_far, lower_gram_far and
     * byte_bits_far: gram_bits, lower_gram and byte_bits without those literals, the
     * sieves at the start of a token where both answers are "far"; gram_after and
     * lower_gram_after the same without the literals DF_AFTER alone rules out, where
     * that is the answer (a figure earlier on the line, none soon after it: a third
     * of the words of English news, where "the" and "in" of the year rules came
     * through the sieve). Derived
     * (tg_rules_index). far_word_inner: some literal that neither of those answers
     * rules out may start inside a word of ASCII letters and digits (at its second
     * character or later); without one the scan passes over such words far from every
     * digit (scan_run). */
    VEC(uint8_t) check;
    uint32_t far_reach;
    uint8_t far_words[TG_SKIP_LANGS];
    uint32_t far_word_inner;
    uint64_t gram_far[1024], lower_gram_far[1024];
    uint64_t gram_after[1024], lower_gram_after[1024];
    uint8_t byte_bits_far[256];
    /* The checks at a token's first character in one load (TG_START_*): by the pair
     * of bytes there (tg_rules_first_key), what of byte_bits, lit_first and the first
     * sieve say, start_pair[far] without the literals that the token's DF_* answer
     * `far` rules out (start_pair[0]: none). A literal of two bytes is known exactly by
     * its pair, so only a longer one still asks the gram sieve (for its third or
     * fourth byte). Derived (tg_rules_index). */
    uint8_t start_pair[4][65536];
    /* Bit k: rule k is not windowed, and runs on every text of its languages; with
     * the prefilter, tg_rules_scan runs these and the rules with a window
     * (tg_rules_scratch.active) alone, rather than asking each rule of the model
     * (some 2,400 instructions a text, as many as the literals of a short one).
     * (nrules + 63) / 64 words. Derived (tg_rules_index). */
    VEC(uint64_t) unwindowed;
    /* Each rule's JIT code and interpreted attempts (tg_rule_code), v.n entries:
     * the state of a run, not of the model; never in an image (tg_rules_index). */
    tg_rule_jit *jit;
    size_t njit;
    /* What find_windows sets tg_rules_scratch.skip to first, for each lang_bit below
     * TG_SKIP_LANGS (the TG_LANG_* bits and their unions): row lang_bit of nrules,
     * UINT32_MAX for a rule not in that language, else 0. One copy instead of a look
     * at each rule's languages, for each text (some 1.8M instructions on 2000
     * English news). Derived (tg_rules_index). */
    VEC(uint32_t) skip_of_lang;
    /* start_pair again for a text in English, in Ukrainian and in Russian (lang_bit
     * TG_LANG_EN, TG_LANG_UK, TG_LANG_RU, the rows in that order, each of four tables),
     * without the literals of the rules not in that language (skip_of_lang), which
     * try_literal turns down: the figures that lead the Ukrainian and Russian
     * day-and-month rules ("5 травня") sent the scan into literals_at at every number
     * of an English text (some 1.1M instructions of 488M on 2000 English news, 0.5M of
     * 249M on 450 Cyrillic). A text of another lang_bit reads start_pair. 3 * 4 * 65536
     * bytes. Derived (tg_rules_index). */
    VEC(uint8_t) start_of_lang;
} tg_rules;

/* Bits of tg_rules.start_pair, two nibbles: that of the literals of any case (at
 * TG_START_ANY) and that of those that want no capital first (TG_START_LOWER). In
 * each: a literal of one byte begins with the pair's first byte (in both); one of two
 * bytes is the pair; one of three begins with it; one of four or more begins with it.
 * The first two are the TG_LIT_* kinds themselves, so that the scan takes them as they
 * are (start_kinds). */
enum {
    TG_START_BYTE = 1,  /* = TG_LIT_BYTE */
    TG_START_TWO = 2,   /* = TG_LIT_SHORT */
    TG_START_THREE = 4,
    TG_START_LONG = 8,
    TG_START_ANY = 0,
    TG_START_LOWER = 4
};

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
    VEC(uint32_t) skip;       /* per rule: the scan turns its literals down in the tokens
                                 that start before this byte (the rest of a line where
                                 they cannot change its windows) */
    VEC(uint32_t) lead_tok[3]; /* the tokens with a digit, a capital, either: where a
                                  class-led rule may be tried (run_class_lead) */
    VEC(uint64_t) active;     /* bit k: rule k has a window in this text (push_window), so
                                 that tg_rules_scan visits those rules alone */
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
 * The JIT comes later, once the rule is hot (tg_rule_code). */
pcre2_code *tg_rule_compile(const char *pattern, size_t len, int anchored, int *errcode,
                            PCRE2_SIZE *erroffset);

/* A rule runs in PCRE2's interpreter for its first TG_RULE_JIT_AFTER attempts in a
 * process, and as JIT code after: the JIT compile of a rule costs as much as some
 * hundreds of its attempts, and most of a short document's work was the JIT of the
 * rules it ran (see tg_rule_code). */
#define TG_RULE_JIT_AFTER 32

/* The code to make an attempt of rule k with, *jit telling which: its JIT code
 * (*jit = 1) once the rule has been tried TG_RULE_JIT_AFTER times (compiled then,
 * once), its own code before (*jit = 0, for the interpreter). A model loaded from an
 * image has no code for a rule until its first attempt, which compiles the pattern:
 * most of a compiled model's load was compiling every pattern, and a document runs
 * only some of them. NULL when that pattern does not compile or has fewer groups
 * than the rule reports (a crafted image: the checksum rules out damage), at every
 * attempt after. Safe from any number of threads on a shared model: the compiles
 * run under a lock, the JIT on a copy of the code, so that nobody interprets a code
 * while it is being compiled, and the others wait for it. */
const pcre2_code *tg_rule_code(const struct tg_model *m, uint32_t k, int *jit);

/* The TG_LANG_* bit of a language code. */
unsigned tg_lang_bit(const char *lang);

/* A warning callback: rule `name` was skipped on this document. */
typedef void (*tg_rule_warn_fn)(void *ctx, const char *rule_name, const char *why);

/* Build the prefilter index once every rule is loaded. Returns 0, -1 when out of
 * memory. */
int tg_rules_prepare(tg_rules *r);

/* Derive lit_first, the inner and nonword sieves and the fine index from the literals
 * and their rules' flags: tg_rules_prepare does, and a compiled model's load, once its
 * rules are in. Returns 0, -1 when out of memory. tg_rules_index_free frees what it
 * allocated (tg_rules_free does too). */
int tg_rules_index(tg_rules *r);
void tg_rules_index_free(tg_rules *r);

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

/* The tokens with a capital (TK_HAS_UPPER), in order, of the text of ntokens tokens
 * that tg_rules_scan last scanned with rs: *n of them. NULL when that scan did not
 * list them (rules without an index, or no tokens), and a caller must look at every
 * token itself. */
const uint32_t *tg_rules_upper_tokens(const tg_rules *r, const tg_rules_scratch *rs,
                                      size_t ntokens, size_t *n);

/* tg_rules_scan's first step: every windowed rule's windows (rs->head, rs->win) in
 * the text, and its tokens with a digit or a capital (rs->lead_tok). plain = 0 is the indexed scan tg_rules_scan runs; plain = 1 tries every
 * literal at every character, the definition the tests hold the scan to. Returns 0,
 * -1 when out of memory. */
int tg_rules_windows(const struct tg_model *m, unsigned lang_bit, const char *text, size_t len,
                     const struct tg_token *tokens, size_t ntokens, const char *norm,
                     size_t norm_len, tg_rules_scratch *rs, int plain);

#endif
