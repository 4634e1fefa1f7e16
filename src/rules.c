/*
 * rules.c - the PCRE2 rule engine.
 *
 * Each pattern is compiled once (UTF + UCP) into the model, at load from the source
 * files, at its first attempt from an image; a rule tried often is JIT-compiled too
 * when the JIT is available (tg_rule_code).
 * Scanning runs every applicable rule under the model's match and depth limits; a
 * rule that hits a limit on a document is skipped there with a warning, because one
 * pathological pattern must not cost the whole document its other entities.
 */
#define _GNU_SOURCE /* memrchr */
#include "rules.h"

#include "datafile.h"
#include "error.h"
#include "gazetteer.h"
#include "model.h"
#include "prefilter.h"
#include "reach_tokens.h"
#include "bytes.h"
#include "digit_far.h"
#include "token.h"
#include "utf8.h"

#include <pthread.h>
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
    vec_free(r->lit_bytes);
    vec_free(r->lits);
    free(r->by_pair);
    r->by_pair = NULL;
    tg_rules_index_free(r);
    pcre2_match_context_free(r->mctx);
    r->mctx = NULL;
}

pcre2_match_data *tg_rules_match_data(const tg_rules *r)
{
    return pcre2_match_data_create(r->max_groups + 1, NULL);
}

pcre2_code *tg_rule_compile(const char *pattern, size_t len, int anchored, int *errcode,
                            PCRE2_SIZE *erroffset)
{
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, len,
                                   PCRE2_UTF | PCRE2_UCP | (anchored ? PCRE2_ANCHORED : 0),
                                   errcode, erroffset, NULL);
    return re;
}

/* One lock for every model: it is taken once per rule and model for its JIT, and
 * once more for its code when the model came from an image. */
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

/* Rule k's own code from its pattern, at its first attempt, when the model came from
 * an image (tg_image_load compiles nothing: 108 patterns were 6.7 ms of the 19.5 ms
 * that a process took to load the large model and tag nothing). The image holds
 * the pattern PCRE2 compiled when it was written, so a failure here means a crafted
 * file: the rule is marked broken and never runs. The group it reports must be one
 * of the pattern's and inside the match data (max_groups), as for a source rule. */
static pcre2_code *compile_own(const tg_model *m, uint32_t k)
{
    const tg_rules *r = &m->rules;
    tg_rule_jit *j = &r->jit[k];
    if (__atomic_load_n(&j->broken, __ATOMIC_ACQUIRE))
        return NULL;
    pthread_mutex_lock(&jit_lock);
    tg_rule *rule = &r->v.v[k];
    pcre2_code *own = __atomic_load_n(&rule->code, __ATOMIC_RELAXED);
    if (!own && !j->broken) {
        size_t len;
        const char *text = strmap_str(&m->strings, rule->pattern, &len);
        int code;
        PCRE2_SIZE at;
        own = tg_rule_compile(text, len ? len - 1 : 0, rule->anchored, &code, &at);
        uint32_t captures = 0;
        if (own && (pcre2_pattern_info(own, PCRE2_INFO_CAPTURECOUNT, &captures) != 0 ||
                    rule->group > captures || captures > r->max_groups)) {
            pcre2_code_free(own);
            own = NULL;
        }
        if (own)
            __atomic_store_n(&rule->code, own, __ATOMIC_RELEASE);
        else
            __atomic_store_n(&j->broken, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&jit_lock);
    return own;
}

/* Rule k's JIT code, compiled now unless another thread did (k's own code exists).
 * The threshold, measured with callgrind on the default model: the seed article
 * (3.7 KB) took 44.0M instructions, 42.3M of them the JIT compile of the rules it
 * tried, and takes 2.3M interpreted; a Ukrainian article of 1.6 KB 15.4M -> 1.5M;
 * cyr450 (300 articles) 239.2M -> 214.9M; en2k (2000) 446.7M -> 449.9M, the 32
 * interpreted attempts of each rule. 8 left the seed 3.6M of JIT compile, 16 made
 * cyr450 no cheaper (rules tried 17 to 31 times there), 64 and 256 cost en2k 6M and
 * 28M; a threshold by the size of a rule's code did no better. */
static const pcre2_code *jit_once(const tg_rules *r, uint32_t k)
{
    tg_rule_jit *j = &r->jit[k];
    pthread_mutex_lock(&jit_lock);
    pcre2_code *code = __atomic_load_n(&j->code, __ATOMIC_RELAXED);
    if (!code) {
        pcre2_code *own = r->v.v[k].code; /* no JIT: match_at interprets it */
#ifndef TG_NO_JIT /* -DTAGGER_NO_JIT=ON: the valgrind build (tools/valgrind.sh), because
                   * JIT code reads a few bytes past the subject, which memcheck flags */
        /* A copy: another thread may be interpreting the rule's own code. */
        pcre2_code *copy = pcre2_code_copy(own);
        if (copy) {
            pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE); /* match_at interprets it otherwise */
            j->own = 1;
            own = copy;
        }
#endif
        code = own;
        __atomic_store_n(&j->code, code, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&jit_lock);
    return code;
}

const pcre2_code *tg_rule_code(const tg_model *m, uint32_t k, int *jit)
{
    const tg_rules *r = &m->rules;
    tg_rule_jit *j = &r->jit[k];
    pcre2_code *code = __atomic_load_n(&j->code, __ATOMIC_ACQUIRE);
    *jit = 1;
    if (code)
        return code;
    pcre2_code *own = __atomic_load_n(&r->v.v[k].code, __ATOMIC_ACQUIRE);
    if (!own && !(own = compile_own(m, k)))
        return NULL;
    if (__atomic_fetch_add(&j->tries, 1, __ATOMIC_RELAXED) >= TG_RULE_JIT_AFTER)
        return jit_once(r, k);
    *jit = 0;
    return own;
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

/* Does the pattern open with a lookbehind that rejects a letter or digit before the
 * match? Then a lead literal inside a word cannot match. Read are
 *   - (?<![...\p{L}...\d...]), and (?<![...\p{L}...\d...]|...): a negative lookbehind
 *     fails wherever its first alternative matches, whatever the others say
 *     (org_ru_head's "(?<![\p{L}\d-]|Российская\h|...)");
 *   - (?<=...\h) or (?<=...\s), with no group nor alternative in it: the character
 *     before is whitespace (person_cyrillic_surname_shape's "(?<=[\p{Ll}\d,;:]\h)",
 *     person_cyrillic_initials' "(?<=\s)", a line break too).
 * Some 1.5M instructions of 337M on 450 Cyrillic news: the class-led rules among
 * them tried each capital inside a word ("ЗСУ", "НАТО"), and walked every one. */
static int after_nonword(const char *pattern)
{
    if (strncmp(pattern, "(?<=", 4) == 0) {
        for (const char *q = pattern + 4; *q; q++) {
            if (*q == '\\' && q[1]) {
                if ((q[1] == 'h' || q[1] == 's') && q[2] == ')')
                    return 1;
                q++;
            } else if (*q == '[') { /* a class, to its ']': one with a ']' or '[' of its
                                       own is not read */
                q++;
                while (*q && *q != ']' && *q != '[')
                    q += *q == '\\' && q[1] ? 2 : 1;
                if (*q != ']' || q[-1] == '[' || q[-1] == '^')
                    return 0;
            } else if (*q == '(' || *q == ')' || *q == '|') {
                return 0;
            }
        }
        return 0;
    }
    if (strncmp(pattern, "(?<![", 5) != 0 || pattern[5] == '^')
        return 0;
    const char *p = pattern + 5, *close = NULL;
    for (const char *q = p; *q && !close; q++) {
        if (*q == '\\' && q[1])
            q++;
        else if (*q == ']' && q > p)
            close = q;
    }
    if (!close || (strncmp(close, "])", 2) != 0 && strncmp(close, "]|", 2) != 0))
        return 0;
    const char *letter = strstr(p, "\\p{L}"), *digit = strstr(p, "\\d");
    return letter && letter < close && digit && digit < close;
}

/* Read the pattern for its required literals (prefilter.h); a rule that has them and
 * cannot match across a line runs only on the lines where one occurs. */
static int add_prefilter(tg_model *m, const block *b, tg_rule *rule)
{
    tg_pf_result *pf = malloc(sizeof *pf);
    if (!pf)
        return -1;
    tg_prefilter_analyze(&m->fold, b->pattern, b->pattern_len, pf);
    tg_rules *r = &m->rules;
    if ((pf->has_lits || pf->has_lead) && pf->line_local) {
        /* A lead is worth more than a more selective set: each of its hits costs
         * one anchored attempt instead of a scan of the line. */
        const tg_pf_lit *lits = pf->has_lead ? pf->lead : pf->lits;
        int n = pf->has_lead ? pf->nlead : pf->nlits;
        rule->windowed = 1;
        rule->lead_cls = (uint8_t)(pf->has_lead ? 0 : pf->lead_cls);
        rule->anchored = (uint8_t)(pf->has_lead || rule->lead_cls);
        rule->needs_digit = (uint8_t)pf->needs_digit;
        rule->lead_barrier = (uint16_t)(rule->lead_cls && !pf->has_lead ? pf->lit_barrier : 0);
        rule->lead_words = (uint8_t)(rule->lead_barrier ? pf->lit_words : 0);
        for (int i = 0; i < n; i++) {
            tg_rule_lit lit = {(uint32_t)r->lit_bytes.n, (uint32_t)r->v.n, lits[i].n,
                               lits[i].tokstart, lits[i].upper, lits[i].tokend,
                               lits[i].wordend, (uint8_t)(pf->has_lead && lits[i].no_cap),
                               {0}, lits[i].no_letter_before};
            if (vec_reserve(r->lit_bytes, lits[i].n) || vec_push(r->lits, lit)) {
                free(pf);
                return -1;
            }
            memcpy(r->lit_bytes.v + r->lit_bytes.n, lits[i].b, lits[i].n);
            r->lit_bytes.n += lits[i].n;
        }
    } else if (pf->lead_cls) { /* no windows, but a class of character leads */
        rule->lead_cls = (uint8_t)pf->lead_cls;
        rule->anchored = 1;
    }
    rule->lead_after_nonword = (uint8_t)(rule->anchored && after_nonword(b->pattern));
    for (int i = 0; rule->anchored && i < pf->nreach; i++)
        rule->reach[i] = pf->reach[i]; /* (run_anchored, run_class_lead) */
    if (rule->anchored)
        rule->follow = pf->follow;
    free(pf);
    return 0;
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
    /* The prefilter first: a rule whose literals lead every match is compiled
     * anchored, so that JIT code runs each attempt (PCRE2_ANCHORED at match time
     * would leave the JIT for the interpreter). */
    tg_rule r = {0};
    if (add_prefilter(m, b, &r))
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    int code;
    PCRE2_SIZE at;
    pcre2_code *re = tg_rule_compile(b->pattern, b->pattern_len, r.anchored, &code, &at);
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
    uint32_t groups = 0;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
    if ((uint32_t)b->group > groups) {
        pcre2_code_free(re);
        return tg_error_at(err, TG_ERR_DATA, path, b->line, 1,
                           "rule '%s': group %d but the pattern has %u groups", b->name,
                           b->group, groups);
    }
    r.code = re;
    r.pattern = tg_model_intern(m, b->pattern, b->pattern_len); /* for the image */
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

/* The sieve key of a literal's first n (2..4) bytes, or of the text's at a position:
 * a hash of n and the bytes, the first highest, in 32 bits (so n is shifted out at
 * four). Four bytes are one big-endian load rather than a shift and an or each (the
 * scan asks for them at many tokens' starts: 2.1M instructions of 509M on 2000
 * English news, 2.1M of 373M on 450 Cyrillic); the loop of the shorter ones shares
 * its work between the two and three bytes the sieves ask for, which the loads did
 * not (+1M on the English news). */
static inline unsigned gram_key(const unsigned char *b, unsigned n)
{
    uint32_t v;
    if (n == 4) {
        v = tg_load_be32(b);
    } else {
        v = n;
        for (unsigned i = 0; i < n; i++)
            v = v << 8 | b[i];
    }
    return (unsigned)((v * 0x9E3779B1u) >> 16) ^ n;
}

static inline int gram_set(const uint64_t *bits, const unsigned char *b, unsigned n)
{
    unsigned g = gram_key(b, n);
    return (bits[g >> 6] >> (g & 63)) & 1;
}

/* The bucket of a literal of two or more bytes: its first two bytes when it is
 * shorter than four, else a hash of its first four. A Cyrillic letter is two bytes, so
 * by a pair alone every literal starting with "п" would share one long bucket. */
static inline unsigned bucket_key(const unsigned char *b, size_t len)
{
    if (len < 4)
        return (unsigned)b[0] << 8 | b[1];
    uint32_t v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
                 (uint32_t)b[3] << 24;
    return (v * 0x9E3779B1u) >> 16;
}

int tg_rules_prepare(tg_rules *r)
{
    free(r->by_pair);
    r->by_pair = NULL;
    memset(r->by_byte, 0, sizeof r->by_byte);
    memset(r->pair_bits, 0, sizeof r->pair_bits);
    memset(r->byte_bits, 0, sizeof r->byte_bits);
    memset(r->gram_bits, 0, sizeof r->gram_bits);
    if (r->lits.n == 0)
        return tg_rules_index(r); /* as an image does: the JIT states, at least */
    /* Counting sort of the literals: one-byte ones by their byte first, then the
     * others by their bucket (bucket_key). */
    uint32_t *count = calloc(65536 + 256 + 1, sizeof *count);
    tg_rule_lit *sorted = malloc(r->lits.n * sizeof *sorted);
    r->by_pair = malloc(65537 * sizeof *r->by_pair);
    if (!count || !sorted || !r->by_pair) {
        free(count);
        free(sorted);
        free(r->by_pair);
        r->by_pair = NULL;
        return -1;
    }
    const unsigned char *bytes = (const unsigned char *)r->lit_bytes.v;
    for (size_t i = 0; i < r->lits.n; i++) {
        const tg_rule_lit *l = &r->lits.v[i];
        unsigned key = l->len == 1 ? bytes[l->off] : 256u + bucket_key(bytes + l->off, l->len);
        count[key + 1]++;
    }
    for (size_t k = 1; k <= 65536 + 256; k++)
        count[k] += count[k - 1];
    for (unsigned b = 0; b <= 256; b++)
        r->by_byte[b] = count[b];
    for (unsigned k = 0; k <= 65536; k++)
        r->by_pair[k] = count[256 + k];
    for (size_t i = 0; i < r->lits.n; i++) {
        const tg_rule_lit *l = &r->lits.v[i];
        unsigned key = l->len == 1 ? bytes[l->off] : 256u + bucket_key(bytes + l->off, l->len);
        sorted[count[key]++] = *l;
        if (l->len == 1) {
            r->byte_bits[key] = 1;
        } else {
            r->pair_bits[(key - 256) >> 6] |= 1ULL << ((key - 256) & 63);
            unsigned g = gram_key(bytes + l->off, l->len < 4 ? l->len : 4);
            r->gram_bits[g >> 6] |= 1ULL << (g & 63);
        }
    }
    memcpy(r->lits.v, sorted, r->lits.n * sizeof *sorted);
    free(sorted);
    free(count);
    return tg_rules_index(r);
}

/* An ASCII letter or digit: the word characters of ASCII (ascii_word.h). */
static inline int ascii_alnum(unsigned c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A literal that, inside a word, only matters where the character before it is
 * neither a letter nor a digit (lead_hit turns it down otherwise). */
static inline int lit_after_nonword(const tg_rules *r, const tg_rule_lit *l)
{
    const tg_rule *rule = &r->v.v[l->rule];
    return rule->lead_after_nonword && !rule->lead_cls;
}

/* The fine key of the first n (4, 6 or 8) bytes at b: a hash, whose low bits pick a
 * bucket (TG_FINE_BUCKETS) and higher ones a bit of the sieve. */
static inline uint32_t fine_hash(uint64_t v, unsigned n)
{
    return (uint32_t)((v * 0x9E3779B97F4A7C15u) >> 32) ^ n;
}

/* The first n bytes at b, little-endian, in the low bytes of a word. */
static inline uint64_t fine_bytes(const unsigned char *b, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

static inline uint32_t fine_key(const unsigned char *b, unsigned n)
{
    return fine_hash(fine_bytes(b, n), n);
}

/* How many first bytes of a literal of len (2 or more) bytes its fine key hashes. */
static inline unsigned fine_len(unsigned len)
{
    return len >= 8 ? 8 : len >= 6 ? 6 : len >= 4 ? 4 : len;
}

/* The DF_* answers (digit_far.h) that rule out a literal of rule k: DF_AFTER for an
 * anchored rule led by literals with a reach of digits (lead_hit's reaches_met fails,
 * and the rule's smallest such reach in *reach), DF_BEFORE for a rule led by a digit
 * with barriers (barrier_hit finds no digit since a barrier, and no window of it on
 * the line to extend, where none is on the line before the literal). */
static unsigned far_rules_out(const tg_rule *rule, uint32_t *reach)
{
    if (rule->lead_cls == TG_C_DIGIT && rule->lead_barrier)
        return DF_BEFORE;
    if (!rule->anchored || rule->lead_cls)
        return 0;
    unsigned out = 0;
    for (int i = 0; i < TG_PF_NREACH; i++)
        if (tg_reach_of_digits(&rule->reach[i]) && (!out || rule->reach[i].reach < *reach)) {
            *reach = rule->reach[i].reach;
            out = DF_AFTER;
        }
    return out;
}

/* far_words[lang]: the largest lead_words of the rules of lang_bit lang that DF_BEFORE
 * rules out, 0 when one has no bound or there is none (digit_far.h). */
static uint8_t far_words_of(const tg_rules *r, unsigned lang)
{
    uint8_t words = 0;
    for (size_t k = 0; k < r->v.n; k++) {
        uint32_t reach = 0;
        const tg_rule *rule = &r->v.v[k];
        if (!(far_rules_out(rule, &reach) & DF_BEFORE) || r->skip_of_lang.v[lang * r->v.n + k])
            continue;
        if (!rule->lead_words)
            return 0;
        if (rule->lead_words > words)
            words = rule->lead_words;
    }
    return words;
}

/* check, far_reach, far_words and the far sieves (tg_rules.check). */
static int index_far(tg_rules *r)
{
    memset(r->gram_far, 0, sizeof r->gram_far);
    memset(r->lower_gram_far, 0, sizeof r->lower_gram_far);
    memset(r->gram_after, 0, sizeof r->gram_after);
    memset(r->lower_gram_after, 0, sizeof r->lower_gram_after);
    memset(r->byte_bits_far, 0, sizeof r->byte_bits_far);
    r->check.n = 0;
    r->far_reach = 0;
    r->far_word_inner = 0;
    for (unsigned lang = 0; lang < TG_SKIP_LANGS; lang++)
        r->far_words[lang] = far_words_of(r, lang);
    if (vec_reserve(r->check, r->lits.n))
        return -1;
    const unsigned char *bytes = (const unsigned char *)r->lit_bytes.v;
    for (size_t i = 0; i < r->lits.n; i++) {
        const tg_rule_lit *l = &r->lits.v[i];
        const unsigned char *b = bytes + l->off;
        uint32_t reach = 0;
        unsigned out = far_rules_out(&r->v.v[l->rule], &reach);
        r->check.v[i] = (uint8_t)out;
        if ((out & DF_AFTER) && reach > r->far_reach)
            r->far_reach = reach;
        /* (One that starts with a digit never starts there: a token whose answer
         * has DF_BEFORE holds no digit. "18" of the year rules' lead "1[89]".) */
        if (!out && !l->tokstart && !lit_after_nonword(r, l) && ascii_alnum(b[0]) &&
            !(b[0] >= '0' && b[0] <= '9'))
            r->far_word_inner = 1;
        if (out & DF_AFTER)
            continue; /* left out of the far sieves */
        unsigned g = gram_key(b, l->len < 4 ? l->len : 4); /* as gram_bits, lower_gram */
        if (l->len > 1) {
            r->gram_after[g >> 6] |= 1ULL << (g & 63);
            if (!l->upper)
                r->lower_gram_after[g >> 6] |= 1ULL << (g & 63);
        }
        if (out)
            continue;
        if (l->len == 1) {
            r->byte_bits_far[b[0]] = 1;
            continue;
        }
        r->gram_far[g >> 6] |= 1ULL << (g & 63);
        if (!l->upper)
            r->lower_gram_far[g >> 6] |= 1ULL << (g & 63);
    }
    for (size_t i = 0; i < r->lits.n; i++) {
        const tg_rule_lit *l = &r->lits.v[i];
        r->check.v[i] = (uint8_t)(r->check.v[i] | (l->upper ? TG_LC_UPPER : 0) |
                                  (l->tokstart ? TG_LC_TOKSTART : 0) |
                                  (lit_after_nonword(r, l) ? TG_LC_NONWORD : 0) |
                                  (l->tokend ? TG_LC_TOKEND : 0) |
                                  (l->wordend ? TG_LC_WORDEND : 0));
    }
    r->check.n = r->lits.n;
    return 0;
}

/* Literal i into the table of start_pair of the DF_* answer far at sp, unless that
 * answer leaves it out (index_far first). */
static void start_mark(const tg_rules *r, size_t i, unsigned far, uint8_t *sp)
{
    const tg_rule_lit *l = &r->lits.v[i];
    const unsigned char *b = (const unsigned char *)r->lit_bytes.v + l->off;
    if (r->check.v[i] & far)
        return; /* left out where the token's answer is far, as by gram_far */
    if (l->len == 1) {
        for (unsigned second = 0; second < 256; second++) {
            const unsigned char pair[2] = {b[0], (unsigned char)second};
            sp[tg_rules_first_key(pair)] |=
                TG_START_BYTE << TG_START_ANY | TG_START_BYTE << TG_START_LOWER;
        }
        return;
    }
    unsigned kind = l->len == 2 ? TG_START_TWO : l->len == 3 ? TG_START_THREE : TG_START_LONG;
    unsigned bits = kind << TG_START_ANY;
    if (!l->upper)
        bits |= kind << TG_START_LOWER;
    sp[tg_rules_first_key(b)] |= (uint8_t)bits;
}

/* The languages of start_of_lang's rows, in order, and all of them. */
static const unsigned start_langs[TG_START_LANGS] = {TG_LANG_EN, TG_LANG_UK, TG_LANG_RU};
#define START_LANGS_ALL (TG_LANG_EN | TG_LANG_UK | TG_LANG_RU)

/* start_of_lang, then start_pair: each table of the first row from the literals of
 * the rules of every language of the rows, copied to the others, then each row with
 * the literals of its language's other rules; start_pair is all rows together and the
 * literals of the rules in none of their languages. (Each row from every literal on its
 * own cost the load 4.4M instructions more, twice the rest of the index.) */
static int index_start(tg_rules *r)
{
    const size_t table = 65536, row = 4 * table;
    r->start_of_lang.n = 0;
    if (vec_reserve(r->start_of_lang, TG_START_LANGS * row))
        return -1;
    uint8_t *rows = r->start_of_lang.v;
    memset(rows, 0, row);
    for (size_t i = 0; i < r->lits.n; i++) {
        unsigned langs = r->v.v[r->lits.v[i].rule].langs;
        if (!langs || (langs & START_LANGS_ALL) == START_LANGS_ALL)
            for (unsigned far = 0; far < 4; far++)
                start_mark(r, i, far, rows + far * table);
    }
    for (unsigned l = 1; l < TG_START_LANGS; l++)
        memcpy(rows + l * row, rows, row);
    memset(r->start_pair, 0, sizeof r->start_pair);
    for (size_t i = 0; i < r->lits.n; i++) {
        unsigned langs = r->v.v[r->lits.v[i].rule].langs;
        if (!langs || (langs & START_LANGS_ALL) == START_LANGS_ALL)
            continue;
        for (unsigned far = 0; far < 4; far++) {
            for (unsigned l = 0; l < TG_START_LANGS; l++)
                if (langs & start_langs[l])
                    start_mark(r, i, far, rows + l * row + far * table);
            if (!(langs & START_LANGS_ALL))
                start_mark(r, i, far, r->start_pair[far]);
        }
    }
    for (unsigned l = 0; l < TG_START_LANGS; l++)
        for (unsigned far = 0; far < 4; far++) {
            const uint8_t *from = rows + l * row + far * table;
            for (size_t k = 0; k < table; k++)
                r->start_pair[far][k] |= from[k];
        }
    r->start_of_lang.n = TG_START_LANGS * row;
    return 0;
}

/* The four tables of start_pair (start_pair[0] on) that the scan of a text of
 * lang_bit reads: its language's, or all. */
static const uint8_t *start_of_text(const tg_rules *r, unsigned lang_bit)
{
    for (unsigned l = 0; l < TG_START_LANGS; l++)
        if (lang_bit == start_langs[l] && r->start_of_lang.n)
            return r->start_of_lang.v + (size_t)l * 4 * 65536;
    return r->start_pair[0];
}

/* skip_of_lang, from the rules' languages. */
static int index_skip_of_lang(tg_rules *r)
{
    size_t nr = r->v.n;
    r->skip_of_lang.n = 0;
    if (vec_reserve(r->skip_of_lang, TG_SKIP_LANGS * nr))
        return -1;
    for (unsigned lang = 0; lang < TG_SKIP_LANGS; lang++)
        for (size_t k = 0; k < nr; k++) {
            unsigned langs = r->v.v[k].langs;
            r->skip_of_lang.v[lang * nr + k] = langs && lang && !(langs & lang) ? UINT32_MAX : 0;
        }
    r->skip_of_lang.n = TG_SKIP_LANGS * nr;
    return 0;
}

/* unwindowed, from the rules. */
static int index_unwindowed(tg_rules *r)
{
    size_t words = (r->v.n + 63) / 64;
    r->unwindowed.n = 0;
    if (vec_reserve(r->unwindowed, words))
        return -1;
    if (words) /* no rules: no vector either */
        memset(r->unwindowed.v, 0, words * sizeof *r->unwindowed.v);
    for (size_t k = 0; k < r->v.n; k++)
        if (!r->v.v[k].windowed)
            r->unwindowed.v[k / 64] |= 1ULL << (k % 64);
    r->unwindowed.n = words;
    return 0;
}

static void free_jit(tg_rules *r)
{
    for (size_t k = 0; r->jit && k < r->njit; k++)
        if (r->jit[k].own)
            pcre2_code_free(r->jit[k].code);
    free(r->jit);
    r->jit = NULL;
    r->njit = 0;
}

/* A JIT state for each rule, none compiled: the model is loaded, not yet run. */
static int index_jit(tg_rules *r)
{
    free_jit(r);
    r->jit = calloc(r->v.n ? r->v.n : 1, sizeof *r->jit);
    if (!r->jit)
        return -1;
    r->njit = r->v.n;
    return 0;
}

int tg_rules_index(tg_rules *r)
{
    if (index_unwindowed(r) || index_skip_of_lang(r) || index_jit(r))
        return -1;
    memset(r->lit_first, 0, sizeof r->lit_first);
    memset(r->inner_short, 0, sizeof r->inner_short);
    memset(r->inner_long, 0, sizeof r->inner_long);
    memset(r->inner_short_open, 0, sizeof r->inner_short_open);
    memset(r->nonword_short, 0, sizeof r->nonword_short);
    memset(r->nonword_long, 0, sizeof r->nonword_long);
    memset(r->fine_head, 0, sizeof r->fine_head);
    memset(r->fine_bits, 0, sizeof r->fine_bits);
    memset(r->lower_fine, 0, sizeof r->lower_fine);
    r->inner_fine.n = 0;
    if (vec_reserve(r->inner_fine, 1024))
        return -1;
    memset(r->inner_fine.v, 0, 1024 * sizeof *r->inner_fine.v);
    r->inner_fine.n = 1024;
    memset(r->lower_gram, 0, sizeof r->lower_gram);
    r->fine_lits.n = 0;
    const unsigned char *bytes = (const unsigned char *)r->lit_bytes.v;
    uint8_t *byte_whole = r->byte_whole;
    memset(byte_whole, 1, sizeof r->byte_whole);
    for (size_t i = 0; i < r->lits.n; i++) {
        const tg_rule_lit *l = &r->lits.v[i];
        const unsigned char *b = bytes + l->off;
        unsigned kind = l->len == 1 ? TG_LIT_BYTE : l->len < 4 ? TG_LIT_SHORT : TG_LIT_LONG;
        int nonword = lit_after_nonword(r, l);
        unsigned flags = (kind >> 1) << TG_FIRST_ANY;
        if (!l->tokstart)
            flags |= kind << (nonword ? TG_FIRST_NONWORD : TG_FIRST_INNER);
        if (kind == TG_LIT_BYTE) {
            byte_whole[b[0]] &= (uint8_t)(l->tokstart && l->tokend);
            for (unsigned second = 0; second < 256; second++) {
                const unsigned char pair[2] = {b[0], (unsigned char)second};
                r->lit_first[tg_rules_first_key(pair)] |= (uint8_t)flags;
            }
            continue;
        }
        r->lit_first[tg_rules_first_key(b)] |= (uint8_t)flags;
        if (!l->upper) { /* as tg_rules_prepare sets gram_bits */
            unsigned g = gram_key(b, l->len < 4 ? l->len : 4);
            r->lower_gram[g >> 6] |= 1ULL << (g & 63);
        }
        /* its fine bucket: every literal of two bytes or more has one */
        uint32_t h = fine_key(b, fine_len(l->len));
        r->fine_head[(h % TG_FINE_BUCKETS) + 1]++;
        r->fine_bits[(h >> 16) >> 6 & 1023] |= 1ULL << ((h >> 16) & 63);
        if (!l->upper)
            r->lower_fine[(h >> 16) >> 6 & 1023] |= 1ULL << ((h >> 16) & 63);
        if (l->tokstart)
            continue;
        unsigned key = kind == TG_LIT_SHORT ? gram_key(b, l->len) : bucket_key(b, 4);
        uint64_t *bits = kind == TG_LIT_SHORT ? (nonword ? r->nonword_short : r->inner_short)
                                              : (nonword ? r->nonword_long : r->inner_long);
        bits[key >> 6] |= 1ULL << (key & 63);
        if (kind == TG_LIT_SHORT && !nonword && !l->tokend && !l->wordend)
            r->inner_short_open[key >> 6] |= 1ULL << (key & 63);
        if (kind == TG_LIT_LONG && !nonword) {
            h = fine_key(b, l->len >= 6 ? 6 : 4);
            r->inner_fine.v[(h >> 16) >> 6 & 1023] |= 1ULL << ((h >> 16) & 63);
        }
    }
    /* The fine buckets: a counting sort of the literals of two bytes or more. */
    for (size_t h = 1; h <= TG_FINE_BUCKETS; h++)
        r->fine_head[h] += r->fine_head[h - 1];
    size_t n = r->fine_head[TG_FINE_BUCKETS];
    if (vec_reserve(r->fine_lits, n))
        return -1;
    uint32_t fill[TG_FINE_BUCKETS];
    memcpy(fill, r->fine_head, sizeof fill);
    for (size_t i = 0; i < r->lits.n; i++) {
        const tg_rule_lit *l = &r->lits.v[i];
        if (l->len >= 2) {
            uint64_t head = fine_bytes(bytes + l->off, fine_len(l->len));
            r->fine_lits.v[fill[fine_hash(head, fine_len(l->len)) % TG_FINE_BUCKETS]++] =
                (tg_rule_fine){head, (uint32_t)i, l->len};
        }
    }
    r->fine_lits.n = n;
    if (index_far(r) || index_start(r))
        return -1;
    return 0;
}

void tg_rules_index_free(tg_rules *r)
{
    free_jit(r);
    vec_free(r->unwindowed);
    vec_free(r->skip_of_lang);
    vec_free(r->fine_lits);
    vec_free(r->inner_fine);
    vec_free(r->check);
    vec_free(r->start_of_lang);
}

void tg_rules_scratch_free(tg_rules_scratch *rs)
{
    vec_free(rs->win);
    vec_free(rs->head);
    vec_free(rs->tail);
    vec_free(rs->skip);
    for (int i = 0; i < 3; i++)
        vec_free(rs->lead_tok[i]);
    vec_free(rs->active);
}

/* The tokens of a text that hold a digit, a capital, either (tg_rules_scratch.lead_tok):
 * a class-led rule walks these rather than every token of its windows, and the scan
 * for windows asks the first where the figures of a line are. */
static int lead_tokens(tg_rules_scratch *rs, const tg_token *tokens, size_t ntokens)
{
    for (int i = 0; i < 3; i++) {
        rs->lead_tok[i].n = 0;
        if (vec_reserve(rs->lead_tok[i], ntokens))
            return -1;
    }
    uint32_t *digit = rs->lead_tok[0].v, *upper = rs->lead_tok[1].v, *either = rs->lead_tok[2].v;
    size_t nd = 0, nu = 0, ne = 0;
    /* Four tokens a turn, and one test of the four flags or'ed first: nearly half the
     * groups of four of English news hold neither a digit nor a capital (a loop
     * unrolled by four with a test a token cost some 7 instructions a token, 6.0M of
     * 2000 English news; 0.23M fewer so). */
    const uint32_t lead = TK_DIGIT | TK_HAS_UPPER;
    size_t t = 0;
    for (; t + 4 <= ntokens; t += 4) {
        if (!((tokens[t].flags | tokens[t + 1].flags | tokens[t + 2].flags |
               tokens[t + 3].flags) & lead))
            continue;
        for (size_t j = t; j < t + 4; j++) {
            uint32_t f = tokens[j].flags;
            if (!(f & lead))
                continue;
            digit[nd] = upper[nu] = either[ne++] = (uint32_t)j;
            nd += (f & TK_DIGIT) != 0;
            nu += (f & TK_HAS_UPPER) != 0;
        }
    }
    for (; t < ntokens; t++) {
        uint32_t f = tokens[t].flags;
        if (!(f & lead))
            continue; /* most words */
        digit[nd] = upper[nu] = either[ne++] = (uint32_t)t;
        nd += (f & TK_DIGIT) != 0;
        nu += (f & TK_HAS_UPPER) != 0;
    }
    rs->lead_tok[0].n = nd;
    rs->lead_tok[1].n = nu;
    rs->lead_tok[2].n = ne;
    return 0;
}

const uint32_t *tg_rules_upper_tokens(const tg_rules *r, const tg_rules_scratch *rs,
                                      size_t ntokens, size_t *n)
{
    /* tg_rules_scan lists them (tg_rules_windows, lead_tokens) exactly when it
     * prefilters: with the pair index, in a text with tokens. */
    if (!r->by_pair || ntokens == 0) {
        *n = 0;
        return NULL;
    }
    *n = rs->lead_tok[1].n;
    return rs->lead_tok[1].v;
}

#define TG_BAR_RECENT 4 /* window_state.bar_recent_after */

typedef struct window_state {
    const tg_rules *r;
    const tg_fold *fold;
    unsigned lang_bit;
    const char *text;
    size_t len;
    const tg_token *tokens;
    size_t ntokens, t;          /* token cursor */
    size_t line_start, line_end; /* the last line looked up */
    int have_line;
    size_t line_digit_end;       /* the end of its last token with a digit, 0 if none;
                                    SIZE_MAX: not known yet */
    tg_rules_scratch *rs;
    /* The tokens with a digit (rs->lead_tok[0]), and how many of them come no later
     * than token t (digits_through): hits come in text order, so the count only
     * grows. */
    const uint32_t *digit;
    size_t ndigit, dcur;
    /* Where byte_of_norm's last walk through a token stopped, to go on from there:
     * the lead literals of a Cyrillic word hit it at many offsets. */
    int walk_ok;
    size_t walk_tok, walk_q, walk_b;
    uint32_t walk_before;
    /* One past the last barrier character (prefilter.h) of each kind, bit i of
     * tg_pf_barrier_bit at bar_after[i], of the tokens scanned so far, 0 if none; but
     * for the apostrophe (barrier_hit, note_barrier). */
    uint32_t bar_after[TG_PF_NBARRIERS];
    /* The last TG_BAR_RECENT of those barrier tokens, newest at bar_n - 1 (mod): where
     * each ends and its bit. The newest of a rule's kinds is mostly among them, found
     * in a step or two instead of a look at each kind (latest_barrier). */
    uint32_t bar_recent_after[TG_BAR_RECENT];
    uint16_t bar_recent_bit[TG_BAR_RECENT];
    unsigned bar_n;
    int plain;                   /* tg_rules_windows(..., plain = 1) */
    const uint8_t *start;        /* start_of_text: four tables of start_pair */
    tg_digit_far far;            /* which tokens are far from a digit (find_windows) */
} window_state;

/* The input byte where norm offset p, inside token tok, comes from: the token's
 * folded bytes are its characters folded one by one (token.c). Also gives the
 * characters before and at that byte. */
static size_t byte_of_norm(window_state *ws, const tg_token *tok, size_t p,
                           uint32_t *before, uint32_t *at)
{
    size_t b = tok->byte_start, q = tok->norm_off;
    size_t nb = tok->byte_end - tok->byte_start;
    if (nb == tok->cp_end - tok->cp_start && nb == tok->norm_len && p - q < nb) {
        /* An ASCII token folds byte for byte: no walk (most English words). */
        b += p - q;
        *before = p > q ? (unsigned char)ws->text[b - 1] : ' ';
        *at = (unsigned char)ws->text[b];
        return b;
    }
    char buf[4];
    *before = ' ';
    size_t ti = (size_t)(tok - ws->tokens);
    if (ws->walk_ok && ws->walk_tok == ti && ws->walk_q <= p) {
        b = ws->walk_b; /* a state the walk from the start passes through */
        q = ws->walk_q;
        *before = ws->walk_before;
    }
    while (q < p && b < tok->byte_end) {
        int32_t cp = tg_utf8_next((const unsigned char *)ws->text, tok->byte_end, &b);
        uint32_t c = cp < 0 ? 0xFFFD : (uint32_t)cp;
        uint32_t folded = tg_token_fold(tg_fold_get(ws->fold, c), c, tok->flags);
        if (!folded)
            continue; /* a format character: no folded byte, and no character before */
        *before = c;
        q += tg_utf8_put(folded, buf);
    }
    /* Nor is one at p: the folded byte there is the next character's. */
    for (size_t nx = b; b < tok->byte_end; b = nx) {
        int32_t cp = tg_utf8_next((const unsigned char *)ws->text, tok->byte_end, &nx);
        if (cp < 0 || !tg_fold_ignorable(tg_fold_get(ws->fold, (uint32_t)cp)))
            break;
    }
    ws->walk_ok = 1;
    ws->walk_tok = ti;
    ws->walk_q = q;
    ws->walk_b = b;
    ws->walk_before = *before;
    size_t next = b;
    int32_t cp = b < tok->byte_end ? tg_utf8_next((const unsigned char *)ws->text, tok->byte_end,
                                                  &next)
                                   : ' ';
    *at = cp < 0 ? 0xFFFD : (uint32_t)cp;
    return b;
}

/* Find the line around byte (a cached lookup: hits come in text order). */
static void find_line(window_state *ws, size_t byte)
{
    if (ws->have_line && byte >= ws->line_start && byte < ws->line_end)
        return;
    /* memrchr rather than a walk back: a line of news is a paragraph of hundreds of
     * bytes, and the walk cost some 380 instructions a line (3.4M on 2000 English news) */
    const char *prev = memrchr(ws->text, '\n', byte);
    const char *nl = memchr(ws->text + byte, '\n', ws->len - byte);
    ws->line_start = prev ? (size_t)(prev - ws->text) + 1 : 0;
    ws->line_end = nl ? (size_t)(nl - ws->text) : ws->len;
    ws->have_line = 1;
    ws->line_digit_end = SIZE_MAX;
}

/* Every literal of rule k is turned down from here to the end of the line looked up
 * last (it runs there already, or the line has no digit it needs): the scan need not
 * ask literal_hit again in a token that starts before that end. */
static int skip_line(window_state *ws, uint32_t k)
{
    ws->rs->skip.v[k] = (uint32_t)ws->line_end;
    return 0;
}

/* How many tokens with a digit there are up to token ws->t, that one included. */
static inline size_t digits_through(window_state *ws)
{
    while (ws->dcur < ws->ndigit && ws->digit[ws->dcur] <= ws->t)
        ws->dcur++;
    return ws->dcur;
}

/* Where the last token with a digit on the line looked up last (which holds token
 * ws->t) ends, 0 when it has none: from the list of the text's digit tokens, rather
 * than a walk over the line's tokens. */
static size_t line_digit_end(window_state *ws)
{
    if (ws->line_digit_end == SIZE_MAX) {
        size_t i = digits_through(ws), j = i;
        while (j < ws->ndigit && ws->tokens[ws->digit[j]].byte_start < ws->line_end)
            j++; /* the line's digit tokens after ws->t */
        size_t end = 0;
        if (j > 0 && ws->tokens[ws->digit[j - 1]].byte_start >= ws->line_start)
            end = ws->tokens[ws->digit[j - 1]].byte_end;
        ws->line_digit_end = end;
    }
    return ws->line_digit_end;
}

/* Does the line looked up last hold a digit? */
static int line_has_digit(window_state *ws)
{
    return line_digit_end(ws) != 0;
}

/* Append window w to rule k's list. */
static int push_window(tg_rules_scratch *rs, uint32_t k, tg_rule_window w)
{
    if (vec_push(rs->win, w))
        return -1;
    uint32_t at = (uint32_t)rs->win.n - 1;
    if (rs->tail.v[k] == TG_NONE) {
        rs->head.v[k] = at;
        rs->active.v[k / 64] |= 1ULL << (k % 64);
    }
    else
        rs->win.v[rs->tail.v[k]].next = at;
    rs->tail.v[k] = at;
    return 0;
}

/* Can an attempt of anchored rule k at text[at..to), in token t of tokens[0..n), match,
 * by its follow and reaches? A look at the next few characters instead of a PCRE2
 * attempt. The follow first: it reads a word and a stretch, where a reach may read
 * some 20 characters, and it says no as often ("in" before a word that is no year's
 * cue; after the reaches, 2.8M instructions more on 2000 English news). Its walk to
 * the first stretch starts at the end of token t, as no character of a token is
 * whitespace (token.c; test_reach_tokens: tokens_hold_no_blank): a walk over the
 * start's word cost 2M instructions of those news. Then the first reach of digits
 * asks the tokens (reach_tokens.h): most starts of the English date rules have their
 * line's figures too far, and the tokens say so for a fifth of what reading the bytes
 * costs. (Inlined in its two callers, as the compiler did until the follow's check
 * grew: a call of its own cost 1.4M instructions on 450 Cyrillic news.) */
static inline __attribute__((always_inline)) int
reaches_met(const tg_rule *rule, const tg_token *tokens, size_t n, size_t t, const char *text,
            size_t at, size_t to)
{
    size_t word_end = tokens[t].byte_end < to ? tokens[t].byte_end : to;
    if (rule->follow.ok && !tg_pf_follow_met(&rule->follow, text, word_end, to))
        return 0;
    for (int i = 0; rule->needs_digit && i < TG_PF_NREACH; i++) /* (the others: none) */
        if (tg_reach_of_digits(&rule->reach[i])) {
            if (tg_reach_tokens_out(tokens, n, t, at, text, rule->reach[i].reach))
                return 0;
            break;
        }
    for (int i = 0; i < TG_PF_NREACH; i++)
        if ((rule->reach[i].mask[0] | rule->reach[i].mask[1]) &&
            !tg_pf_reach_met(&rule->reach[i], text, at, to))
            return 0;
    return 1;
}

/* Does a token start at norm offset end, the end of a literal in token ws->t (or does
 * the text's last token end there)? Whitespace after the literal says so. */
static int token_ends_at(const window_state *ws, size_t end)
{
    size_t j = ws->t + 1;
    while (j < ws->ntokens && ws->tokens[j].norm_off < end)
        j++;
    const tg_token *last = &ws->tokens[j - 1];
    return j < ws->ntokens ? ws->tokens[j].norm_off == end
                           : (size_t)last->norm_off + last->norm_len == end;
}

/* A lead literal that says no_cap (prefilter.h) starts token tok, and holds no more
 * than it: is tok a word of letters alone followed by a space and a capital? Then no
 * match starts there: it would end with the word, where its (?!...|\h+\p{Lu}) fails
 * (a lone given name before a surname: 1.1K of the 2.3K attempts of the rule on 450
 * Cyrillic news, each a walk of all its names, twice). The capitals asked are those
 * surely \p{Lu}: A-Z, U+0400-U+042F and Ґ. */
static int space_capital_after(const window_state *ws, const tg_token *tok)
{
    if ((tok->flags & (TK_WORD | TK_APOS_MARK | TK_DIGIT)) != TK_WORD)
        return 0;
    const unsigned char *t = (const unsigned char *)ws->text;
    size_t e = tok->byte_end;
    if (ws->len - e < 2 || t[e] != ' ')
        return 0;
    unsigned c = t[e + 1];
    return (c >= 'A' && c <= 'Z') ||
           (ws->len - e >= 3 && ((c == 0xD0 && t[e + 2] >= 0x80 && t[e + 2] <= 0xAF) ||
                                 (c == 0xD2 && t[e + 2] == 0x90)));
}

/* A lead literal of anchored rule k starts at norm offset p: one attempt there,
 * unless what the pattern says about that character, or its reaches, rule it out. */
static int lead_hit(window_state *ws, uint32_t k, const tg_rule_lit *lit, const tg_token *tok,
                    size_t p)
{
    const tg_rule *rule = &ws->r->v.v[k];
    size_t byte;
    if (tok->norm_off == p) {
        if (lit->upper && !(tok->flags & TK_FIRST_UPPER))
            return 0;
        if (lit->no_cap && lit->len <= tok->norm_len && space_capital_after(ws, tok))
            return 0;
        byte = tok->byte_start;
    } else {
        uint32_t before, at;
        byte = byte_of_norm(ws, tok, p, &before, &at);
        if (rule->lead_after_nonword && (tg_fold_get(ws->fold, before).cls &
                                         (TG_C_LETTER | TG_C_DIGIT)))
            return 0; /* inside a word, where its lookbehind fails */
        if (lit->upper && !(tg_fold_get(ws->fold, at).cls & TG_C_UPPER))
            return 0;
    }
    /* The pattern has whitespace after it: "в" of "в г." at the start of "все", a
     * given name at the start of a longer word (place_ru_cue tried 9.7K such starts of
     * its 15.3K on 450 Cyrillic news, for 42 matches). */
    if (lit->tokend && !token_ends_at(ws, p + lit->len))
        return 0;
    tg_rules_scratch *rs = ws->rs;
    uint32_t tail = rs->tail.v[k];
    if (tail != TG_NONE && rs->win.v[tail].start == byte)
        return 0; /* another literal of the rule starts here too */
    find_line(ws, byte);
    /* Every match holds a digit (prefilter.h; a lookaround's is not in it): one that
     * starts at byte, and ends on its line, holds one in a token that ends past byte.
     * The rule's later leads on the line start later still. A fifth of the attempts
     * of the English date rules ("in", "the" before a year) go here. */
    if (ws->r->v.v[k].needs_digit && byte >= line_digit_end(ws))
        return skip_line(ws, k);
    /* Checked here rather than before the attempt (run_anchored): a start that fails
     * costs no window (most starts of the English year and decade rules, "the" and
     * "in" without a year after them). */
    if (!reaches_met(rule, ws->tokens, ws->ntokens, ws->t, ws->text, byte, ws->line_end))
        return 0;
    return push_window(rs, k, (tg_rule_window){(uint32_t)byte, (uint32_t)ws->line_end, TG_NONE,
                                               (uint32_t)byte});
}

/* Token tok has been scanned: if it is a barrier character (prefilter.h), note where,
 * for barrier_hit. Every character but a space is in a token (token.c), and a barrier
 * character, ASCII punctuation and never a word character, is a token of its own, but
 * for an apostrophe, which may be inside a word ("don't") or left out with a
 * possessive's 's: barrier_hit looks for those in the text. */
static inline void note_barrier(window_state *ws, const tg_token *tok)
{
    if (tok->flags & TK_WORD)
        return;
    unsigned char c = (unsigned char)ws->text[tok->byte_start];
    unsigned bit = tg_pf_barrier_bit(c);
    if (bit && c != '\'') {
        ws->bar_after[__builtin_ctz(bit)] = tok->byte_start + 1;
        ws->bar_recent_after[ws->bar_n % TG_BAR_RECENT] = tok->byte_start + 1;
        ws->bar_recent_bit[ws->bar_n++ % TG_BAR_RECENT] = (uint16_t)bit;
    }
}

/* One past the latest barrier token of the kinds in `bits` noted so far (note_barrier),
 * 0 if none: the newest of the recent ones of those kinds, else the latest of each
 * kind. (A look at each of the rule's kinds, 16 for most, cost some 3M instructions
 * of 2000 English news.) */
static inline size_t latest_barrier(const window_state *ws, unsigned bits)
{
    for (unsigned i = 1; i <= TG_BAR_RECENT && i <= ws->bar_n; i++) {
        unsigned at = (ws->bar_n - i) % TG_BAR_RECENT;
        if (ws->bar_recent_bit[at] & bits)
            return ws->bar_recent_after[at]; /* (the latest of any kind in bits) */
    }
    size_t latest = 0;
    for (; bits; bits &= bits - 1) {
        size_t after = ws->bar_after[__builtin_ctz(bits)];
        if (after > latest)
            latest = after;
    }
    return latest;
}

/* Does a token with a digit, no later than token ws->t, end after byte from? */
static int digit_since(window_state *ws, size_t from)
{
    size_t i = digits_through(ws);
    return i > 0 && ws->tokens[ws->digit[i - 1]].byte_end > from;
}

/* tg_pf_words_back from the start of token t, over the tokens: whitespace lies only
 * between two of them (token.c: every character of it is a space of the tokenizer's),
 * and most gaps are one space, a stretch of its own; the bytes of the others are
 * read. Some 480 instructions a hit when every byte was (11M on 2000 English news). */
static size_t words_back(const window_state *ws, size_t lo, size_t t, unsigned words)
{
    const tg_token *tk = ws->tokens;
    for (size_t j = t;; j--) {
        size_t s = tk[j].byte_start, e = j > 0 ? tk[j - 1].byte_end : lo;
        if (s <= lo)
            return lo;
        if (e < lo)
            e = lo;
        if (s - e == 1 && ws->text[e] == ' ') {
            if (--words == 0)
                return s;
        } else if (e < s) { /* (a token's characters are never whitespace: a stretch
                               of the gap ends with it, or before) */
            size_t w = tg_pf_words_back(ws->text, e, s, &words);
            if (words == 0)
                return w;
        }
        if (j == 0)
            return lo;
    }
}

/* tg_pf_words_back by its definition, for tg_rules_windows(..., plain = 1): a walk
 * forward over text[lo, at) that notes where each stretch of whitespace ends. A start
 * has the stretches that end after it before at: no earlier than the end of the
 * words-th from the last. */
static size_t words_from_plain(const unsigned char *text, size_t lo, size_t at, unsigned words)
{
    size_t ends[256]; /* where the last stretches end, a ring of them */
    size_t n = 0;
    for (size_t b = lo; b < at;) {
        size_t k = tg_pf_skip_len(text + b, text + at);
        if (!k) { /* to the next character */
            for (b++; b < at && (text[b] & 0xC0) == 0x80; b++)
                ;
            continue;
        }
        while (b < at && (k = tg_pf_skip_len(text + b, text + at)) != 0)
            b += k;
        ends[n++ % 256] = b;
    }
    return n >= words ? ends[(n - words) % 256] : lo;
}

/* A literal of class-led rule k with barriers is in token tok. A match that holds it
 * starts on its line, after the last barrier character before it, or holds an earlier
 * literal: the stretch from there (or from the end of the previous stretch, when
 * that is later) up to the token's end is one window, and the previous window is
 * extended instead when no barrier lies between the two. */
static int barrier_hit(window_state *ws, uint32_t k, const tg_token *tok)
{
    const tg_rule *rule = &ws->r->v.v[k];
    tg_rules_scratch *rs = ws->rs;
    uint32_t tail = rs->tail.v[k];
    size_t byte = tok->byte_start;
    find_line(ws, byte);
    if (rule->needs_digit && !line_has_digit(ws))
        return skip_line(ws, k); /* no number on this line: the rule cannot match here */
    size_t lo = ws->line_start;
    int same_line = tail != TG_NONE && rs->win.v[tail].end == ws->line_end;
    if (same_line) {
        if (byte < rs->win.v[tail].lit_end) /* the same token again, or inside it */
            return 0;
        lo = rs->win.v[tail].lit_end;
    }
    /* After the last of its barrier characters in [lo, byte), or from lo. */
    const unsigned char *text = (const unsigned char *)ws->text;
    size_t from = lo;
    if (ws->plain) { /* the definition: a walk back over the bytes */
        from = byte;
        while (from > lo && !(tg_pf_barrier_bit(text[from - 1]) & rule->lead_barrier))
            from--;
    } else {
        /* The latest of the rule's kinds that the scan noted in the tokens before tok
         * (note_barrier), then an apostrophe after it. Nothing is read again for a
         * hit, however many class-led rules look back into a line (each walked back
         * over its bytes on its own once: 42M instructions of the 1,167M of tagging
         * 2000 English news; then the line's tokens were read into a list up to each
         * hit: 10M of 620M). find_windows_plain walks the bytes, and the tests hold
         * the two to the same windows. */
        unsigned apos = tg_pf_barrier_bit('\'');
        size_t after = latest_barrier(ws, rule->lead_barrier & ~apos);
        if (after > from)
            from = after;
        const char *a = rule->lead_barrier & apos && from < byte
                            ? memrchr(ws->text + from, '\'', byte - from)
                            : NULL;
        if (a)
            from = (size_t)(a - ws->text) + 1;
    }
    /* Nor more stretches of whitespace before the literal than the pattern puts there
     * (lead_words): a contest's name of three words at most before "Cup", where a full
     * stop does not bound it ("U.S."), a number a few words before its unit. On 2000
     * English news event_contest_named_en tried 1,386 starts, 815 now, quantity_en 4,282,
     * 1,208; on 450 Cyrillic news org_ru_head 3,229, 1,289: the same matches. */
    if (rule->lead_words) {
        size_t w = ws->plain ? words_from_plain(text, from, byte, rule->lead_words)
                             : words_back(ws, from, ws->t, rule->lead_words);
        if (w > from)
            from = w;
    }
    /* A rule led by a digit tries the digits of its stretch's tokens (run_class_lead):
     * none, no window - half of them on English news, a full stop or "ha" in
     * "that" with no figure before it. A later hit on the line that reaches back over
     * this stretch finds no digit in it either. Nor is the previous window stretched
     * over it (which would add no start): so a hit with no figure in its stretch
     * changes nothing, and the scan may leave out the hits of the tokens that have
     * none within the rules' words (digit_far.h, DF_BEFORE). */
    if (rule->lead_cls == TG_C_DIGIT && !digit_since(ws, from))
        return 0;
    if (same_line && from == lo) {
        rs->win.v[tail].lit_end = tok->byte_end; /* no barrier since the last one */
        return 0;
    }
    return push_window(rs, k, (tg_rule_window){(uint32_t)from, (uint32_t)ws->line_end,
                                               TG_NONE, tok->byte_end});
}

/* Does an ASCII letter or digit follow norm offset end, inside token tok? Told only
 * where the text's byte there is known: in a token that folds byte for byte (as
 * byte_of_norm tells), before its end (most English words); elsewhere no. */
static inline int letter_after(const window_state *ws, const tg_token *tok, size_t end)
{
    size_t nb = tok->byte_end - tok->byte_start;
    if (end - tok->norm_off >= tok->norm_len || nb != tok->norm_len ||
        nb != tok->cp_end - tok->cp_start)
        return 0;
    return ascii_alnum((unsigned char)ws->text[tok->byte_start + (end - tok->norm_off)]);
}

/* letter_after, and at the end of a token that folds byte for byte or is not a word (a
 * single character, "$" or "€", whose folded bytes are all its own): the text's byte
 * after the token. The figures of "$50" gave money_symbol_last's "$" 1,444 attempts
 * and no match on 2000 English news. (Apart from letter_after, which try_literal
 * inlines: grown, it cost literals_at the inlining of walk_fine, 6M instructions.) */
static int letter_after_token(const window_state *ws, const tg_token *tok, size_t end)
{
    size_t nb = tok->byte_end - tok->byte_start;
    if (end - tok->norm_off == tok->norm_len &&
        (!(tok->flags & TK_WORD) || (nb == tok->norm_len && nb == tok->cp_end - tok->cp_start)))
        return tok->byte_end < ws->len && ascii_alnum((unsigned char)ws->text[tok->byte_end]);
    return letter_after(ws, tok, end);
}

/* Is the character before norm offset p, inside token tok, an ASCII letter of
 * `banned` (tg_rule_lit.no_letter_before)? Told only in a token that folds byte for
 * byte (as letter_after), where the text's byte there is that character; else no. */
static int letter_before_banned(const window_state *ws, const tg_token *tok, size_t p,
                                uint32_t banned)
{
    size_t nb = tok->byte_end - tok->byte_start;
    if (p <= tok->norm_off || nb != tok->norm_len || nb != tok->cp_end - tok->cp_start)
        return 0;
    unsigned c = (unsigned char)ws->text[tok->byte_start + (p - tok->norm_off) - 1] | 0x20;
    return c >= 'a' && c <= 'z' && ((banned >> (c - 'a')) & 1);
}

/* Literal `i` occurs at norm offset p, in token ws->t: make sure its rule runs on that
 * line. */
static int literal_hit(window_state *ws, size_t i, size_t p)
{
    const tg_rule_lit *lit = &ws->r->lits.v[i];
    uint32_t k = lit->rule;
    unsigned langs = ws->r->v.v[k].langs;
    if (langs && ws->lang_bit && !(langs & ws->lang_bit)) {
        ws->rs->skip.v[k] = UINT32_MAX; /* not in this document's language */
        return 0;
    }
    const tg_token *tok = &ws->tokens[ws->t];
    const tg_rule *rule = &ws->r->v.v[k];
    if (lit->tokstart && tok->norm_off != p)
        return 0;
    if (lit->wordend && letter_after_token(ws, tok, p + lit->len))
        return 0; /* "ha" of hectares in "that", "has"; "am" in "name" */
    if (rule->anchored && !rule->lead_cls)
        return lead_hit(ws, k, lit, tok, p);
    tg_rules_scratch *rs = ws->rs;
    uint32_t tail = rs->tail.v[k];
    if (!rule->lead_cls && tail != TG_NONE && tok->byte_start < rs->win.v[tail].end) {
        /* this line already runs, and nothing reads lit_end but a class lead */
        find_line(ws, tok->byte_start);
        return skip_line(ws, k);
    }
    if (lit->upper && !(tok->flags & TK_FIRST_UPPER))
        return 0; /* the pattern has a capital here */
    if (lit->tokend && !token_ends_at(ws, p + lit->len))
        return 0; /* ... and whitespace after: a token starts right after it */
    size_t byte = tok->byte_start;
    if (rule->lead_barrier) {
        /* (Looked at here alone: the rules it serves, led by a digit, have barriers,
         * and at every literal's hit the look cost 0.3M instructions on 450 Cyrillic
         * news.) */
        if (lit->no_letter_before && letter_before_banned(ws, tok, p, lit->no_letter_before))
            return 0; /* "ft" of feet in "left", "soft" */
        return barrier_hit(ws, k, tok);
    }
    if (tail != TG_NONE && byte < rs->win.v[tail].end) {
        rs->win.v[tail].lit_end = tok->byte_end;
        return 0; /* this line already runs */
    }
    find_line(ws, byte);
    if (rule->needs_digit && !line_has_digit(ws))
        return skip_line(ws, k); /* no number on this line: the rule cannot match here */
    if (tail != TG_NONE && (size_t)rs->win.v[tail].end + 1 >= ws->line_start) {
        rs->win.v[tail].end = (uint32_t)ws->line_end; /* the next line: one window */
        rs->win.v[tail].lit_end = tok->byte_end;
        return 0;
    }
    return push_window(rs, k,
                       (tg_rule_window){(uint32_t)ws->line_start, (uint32_t)ws->line_end, TG_NONE,
                                        tok->byte_end});
}

/* Is every character of the token a letter or a digit? Then no lead literal of a rule
 * whose lookbehind rejects them (lead_after_nonword) can start inside it: lead_hit
 * would find a letter or digit before it. So for nearly every word, where the given
 * names' literals begin at nearly every pair of letters. The tokenizer tells. */
static inline int token_all_word(const tg_token *tok)
{
    return (tok->flags & (TK_WORD | TK_APOS_MARK)) == TK_WORD;
}

static inline int bit_set(const uint64_t *bits, unsigned k)
{
    return (bits[k >> 6] >> (k & 63)) & 1;
}

/* What word_before knows of token scan_pos.t. */
enum { WB_UNKNOWN = -1, WB_SOME = 0, WB_ALL = 1, WB_ASCII = 2 };

/* Where the scan is: in token t, which starts at norm offset p or not (at_token). */
typedef struct scan_pos {
    size_t t;
    int at_token;
    int word;                  /* WB_*: not looked at yet; not all letters and digits;
                                  all (token_all_word); else ASCII, folded byte for byte */
    const unsigned char *tb;   /* WB_ASCII: tb[p] is the input byte of norm offset p */
    unsigned reject;           /* the bits of tg_rules.check that turn a literal down
                                  here (scan_reject) */
} scan_pos;

/* scan_pos.reject: at a token's first character, the digit_far answers of the token
 * and, unless it starts with a capital, a literal that wants one; inside it, a digit
 * far before it and a literal that wants a token's start. */
static inline unsigned scan_reject(int at_token, unsigned far, uint32_t flags)
{
    if (at_token)
        return far | (flags & TK_FIRST_UPPER ? 0 : TG_LC_UPPER);
    return (far & DF_BEFORE) | TG_LC_TOKSTART;
}

/* Inside token at->t, at norm offset p: is a letter or digit before it, as far as a
 * literal of a rule that rejects one there can tell? Always when the token is all
 * letters and digits (token_all_word); else exactly so in an ASCII token, by the byte
 * before, and lead_hit looks closer in the others. */
static inline int word_before(const window_state *ws, scan_pos *at, size_t p)
{
    if (at->word == WB_ASCII)
        return (ws->fold->table[at->tb[p - 1]].cls & (TG_C_LETTER | TG_C_DIGIT)) != 0;
    if (at->word == WB_UNKNOWN) {
        const tg_token *tok = &ws->tokens[at->t];
        if (token_all_word(tok)) {
            at->word = WB_ALL;
        } else if (tok->byte_end - tok->byte_start == tok->norm_len &&
                   tok->cp_end - tok->cp_start == tok->norm_len) { /* as byte_of_norm tells */
            at->word = WB_ASCII;
            at->tb = (const unsigned char *)ws->text + tok->byte_start - tok->norm_off;
            return word_before(ws, at, p);
        } else {
            at->word = WB_SOME;
        }
    }
    return at->word;
}

/* Literal i occurs at norm offset p: literal_hit, unless it would turn it down
 * without a trace. */
static inline int try_literal(window_state *ws, uint32_t i, size_t p, scan_pos *at)
{
    const tg_rules *r = ws->r;
    const tg_token *tok = &ws->tokens[at->t];
    if (tok->byte_start < ws->rs->skip.v[r->lits.v[i].rule])
        return 0; /* skip_line */
    /* In one byte (tg_rules.check): a rule that needs a digit, far from every digit
     * (digit_far.h: its reach counts from the token's start, a digit before it from
     * anywhere in the token); a literal that wants a capital, or a token's start. */
    unsigned c = r->check.v[i];
    if (c & at->reject)
        return 0;
    if (!at->at_token && (c & TG_LC_NONWORD) && word_before(ws, at, p))
        return 0; /* lead_hit would find a letter or digit before it */
    /* literal_hit's own checks of what follows the literal, before the call: "ha" in
     * "that", "am" in "name" (wordend); "the" in "there", "other" (tokend: the
     * literal ends inside its token, where no token can start). Some 50K of its 158K
     * calls on 2000 English news. */
    if (c & (TG_LC_TOKEND | TG_LC_WORDEND)) {
        size_t end = p + r->lits.v[i].len;
        if ((c & TG_LC_TOKEND) && end < (size_t)tok->norm_off + tok->norm_len)
            return 0;
        if ((c & TG_LC_WORDEND) && letter_after(ws, tok, end))
            return 0;
    }
    ws->t = at->t;
    return literal_hit(ws, i, p);
}

/* Every literal that occurs at norm offset p and whose fine key hashes n bytes
 * (fine_len: a literal of 2 or 3 bytes all of them; of 4 or 6 bytes or more, and fewer
 * than n + 2, the first n; of 8 or more the first 8), the first n there being v
 * (little-endian): its fine bucket, after the sieve. A literal whose head is not v is
 * passed over without a look at its bytes (a Cyrillic given name's bucket holds its
 * stems with other endings, twice: the lone name's rule has them too); of the others
 * only the bytes past the head are compared. */
static inline int walk_fine(window_state *ws, const unsigned char *norm, size_t nn, size_t p,
                            uint64_t v, unsigned n, scan_pos *at)
{
    const tg_rules *r = ws->r;
    uint32_t h = fine_hash(v, n);
    if (!bit_set(r->fine_bits, (h >> 16) & 0xFFFF))
        return 0;
    h %= TG_FINE_BUCKETS;
    for (uint32_t j = r->fine_head[h]; j < r->fine_head[h + 1]; j++) {
        const tg_rule_fine *f = &r->fine_lits.v[j];
        if (f->head != v)
            continue;
        if (f->len > n &&
            (f->len > nn - p ||
             !tg_bytes_equal(norm + p + n,
                             (const unsigned char *)r->lit_bytes.v + r->lits.v[f->lit].off + n,
                             f->len - n)))
            continue;
        if (try_literal(ws, f->lit, p, at))
            return -1;
    }
    return 0;
}

/* The literals of the kinds in `kinds` (TG_LIT_*) that occur at norm offset p, which
 * starts a character: those of one byte, then the fine buckets of two and three bytes
 * (a pair's bucket held the initials "в." of four rules, "в" of two that want a
 * capital and two that do not: nine literals to walk at each "в"), then those of
 * four, six and eight (longer ones). */
static int literals_at(window_state *ws, const unsigned char *norm, size_t nn, size_t p,
                       unsigned kinds, scan_pos *at)
{
    const tg_rules *r = ws->r;
    unsigned b0 = norm[p];
    if (kinds & TG_LIT_BYTE)
        for (uint32_t i = r->by_byte[b0]; i < r->by_byte[b0 + 1]; i++)
            if (try_literal(ws, i, p, at))
                return -1;
    if (kinds & TG_LIT_SHORT) {
        uint64_t v = tg_load_le16(norm + p);
        if (walk_fine(ws, norm, nn, p, v, 2, at))
            return -1;
        if (nn - p >= 3 && walk_fine(ws, norm, nn, p, v | (uint64_t)norm[p + 2] << 16, 3, at))
            return -1;
    }
    if (kinds & TG_LIT_LONG) {
        /* (the key's bytes in little-endian order, as fine_bytes builds it) */
        uint64_t v = tg_load_le32(norm + p);
        if (walk_fine(ws, norm, nn, p, v, 4, at))
            return -1;
        if (nn - p >= 6) {
            v |= (uint64_t)tg_load_le16(norm + p + 4) << 32;
            if (walk_fine(ws, norm, nn, p, v, 6, at))
                return -1;
        }
        if (nn - p >= 8) {
            v |= (uint64_t)tg_load_le16(norm + p + 6) << 48;
            if (walk_fine(ws, norm, nn, p, v, 8, at))
                return -1;
        }
    }
    return 0;
}

/* Of the kinds of literal (TG_LIT_*), which may occur at norm offset p, by the
 * first-pair flags `first` and the sieves of the short and long ones (nn - p >= 2). */
static inline unsigned sieve(const unsigned char *norm, size_t nn, size_t p, unsigned first,
                             const uint64_t *short_bits, const uint64_t *long_bits)
{
    unsigned kinds = first & TG_LIT_BYTE;
    if ((first & TG_LIT_SHORT) &&
        (bit_set(short_bits, gram_key(norm + p, 2)) ||
         (p + 2 < nn && bit_set(short_bits, gram_key(norm + p, 3)))))
        kinds |= TG_LIT_SHORT;
    if ((first & TG_LIT_LONG) && p + 3 < nn && bit_set(long_bits, bucket_key(norm + p, 4)))
        kinds |= TG_LIT_LONG;
    return kinds;
}

/* The positions of a token past its first character, from *pp (its first
 * character) up to pair_end, with the flags of lit_first in `mask`: the literals that
 * occur there. *pp ends at pair_end or past it. No literal begins with a continuation
 * byte, which they get no flags for; and one follows a byte of 0xC0 or more, so that
 * `multibyte` steps over it, to halve the positions of a Cyrillic word (a test per
 * character that an English one would pay for nothing). */
static inline int inner_positions(window_state *ws, const unsigned char *norm, size_t nn,
                                  size_t *pp, size_t pair_end, unsigned mask, scan_pos *at,
                                  int multibyte)
{
    const tg_rules *r = ws->r;
    const uint8_t *first = r->lit_first;
    size_t p = *pp;
    for (p += 1 + (norm[p] >= 0xC0); p < pair_end; p += multibyte ? 1 + (norm[p] >= 0xC0) : 1) {
        unsigned f = first[tg_rules_first_key(norm + p)] & mask;
        if (!f)
            continue;
        unsigned kinds = sieve(norm, nn, p, (f >> TG_FIRST_INNER) & 7, r->inner_short,
                               r->inner_long);
        /* A given name's literal: first the character before it, mostly a letter */
        unsigned nonword = (f >> TG_FIRST_NONWORD) & 7 & ~kinds;
        if (nonword && !word_before(ws, at, p))
            kinds |= sieve(norm, nn, p, nonword, r->nonword_short, r->nonword_long);
        if (kinds && literals_at(ws, norm, nn, p, kinds, at))
            return -1;
    }
    *pp = p;
    return 0;
}

/* Is the fine key of the first 4, 6 or 8 bytes at p (p + 3 < nn) in bits (fine_bits,
 * or lower_fine at a token without a capital first), as a literal of four bytes or
 * more there would set it? walk_fine's first test for each length literals_at walks
 * for the long ones, asked before that call, and without the capitals' literals
 * where try_literal would turn them down: at the start of a Cyrillic word, the sieves
 * of the first four bytes (two letters) let through some 104K of 140K starts on 450
 * news, and three in four found no literal, each a call with its scan position and
 * three hashes, most of them the given names' at a word in lower case. */
static inline int long_fine_set(const uint64_t *bits, const unsigned char *norm, size_t nn,
                                size_t p)
{
    uint64_t v = tg_load_le32(norm + p);
    if (bit_set(bits, (fine_hash(v, 4) >> 16) & 0xFFFF))
        return 1;
    if (nn - p < 6)
        return 0;
    v |= (uint64_t)tg_load_le16(norm + p + 4) << 32;
    if (bit_set(bits, (fine_hash(v, 6) >> 16) & 0xFFFF))
        return 1;
    if (nn - p < 8)
        return 0;
    v |= (uint64_t)tg_load_le16(norm + p + 6) << 48;
    return bit_set(bits, (fine_hash(v, 8) >> 16) & 0xFFFF);
}

/* The kinds of literal (TG_LIT_*) that may start at norm offset p, the first character
 * of a token, with a byte after it (p + 1 < nn): by start_pair (the table of the
 * token's digit_far answer), then for one of three bytes the sieve `gram` of its first
 * three, for a longer one a bucket's bit and `gram` of its first four
 * (tg_rules_prepare), then the fine keys (long_fine_set). shift and gram are
 * TG_START_LOWER and lower_gram when the token has no capital to start with, where
 * try_literal turns the literals down that want one. The one- and two-byte kinds come
 * out of the table as they are (TG_START_*). */
static inline unsigned start_kinds(const tg_rules *r, const unsigned char *norm, size_t nn,
                                   size_t p, const uint8_t *start, unsigned shift,
                                   const uint64_t *gram)
{
    unsigned s = start[tg_rules_first_key(norm + p)] >> shift;
    unsigned kinds = s & (TG_LIT_BYTE | TG_LIT_SHORT);
    if ((s & TG_START_THREE) && !(kinds & TG_LIT_SHORT) && p + 2 < nn &&
        gram_set(gram, norm + p, 3))
        kinds |= TG_LIT_SHORT;
    if ((s & TG_START_LONG) && p + 3 < nn && bit_set(r->pair_bits, bucket_key(norm + p, 4)) &&
        gram_set(gram, norm + p, 4) &&
        long_fine_set(shift == TG_START_LOWER ? r->lower_fine : r->fine_bits, norm, nn, p))
        kinds |= TG_LIT_LONG;
    return kinds;
}

/* The literals of the kinds in `kinds` found at norm offset p inside token t, a word
 * of letters and digits alone (token_all_word). Out of line, so that the loop over
 * such a word keeps its cursor in registers: one in five positions with inner flags
 * gets here after the sieve, one in fifty of all. The long literals first ask the
 * third sieve (inner_fine): in a Cyrillic word inner_long's four bytes are two
 * letters, and nine in ten positions that got through ("ен", "ин", "ра": 95K of 110K
 * on 450 Cyrillic news) had no literal, each a call of literals_at and a look at
 * three fine buckets. */
static __attribute__((noinline)) int word_literals_at(window_state *ws,
                                                      const unsigned char *norm, size_t nn,
                                                      size_t p, unsigned kinds, size_t t,
                                                      unsigned far)
{
    if (kinds & TG_LIT_LONG) {
        const tg_rules *r = ws->r;
        uint64_t v = tg_load_le32(norm + p);
        uint32_t h = fine_hash(v, 4);
        if (!bit_set(r->inner_fine.v, (h >> 16) & 0xFFFF)) {
            if (nn - p >= 6) {
                v |= (uint64_t)tg_load_le16(norm + p + 4) << 32;
                h = fine_hash(v, 6);
            }
            if (nn - p < 6 || !bit_set(r->inner_fine.v, (h >> 16) & 0xFFFF))
                kinds &= ~(unsigned)TG_LIT_LONG;
        }
    }
    if (!kinds)
        return 0;
    scan_pos at = {t, 0, WB_ALL, NULL, scan_reject(0, far, 0)};
    return literals_at(ws, norm, nn, p, kinds, &at);
}

/* word_literals_at in a word that starts with ASCII. A literal of two or three bytes
 * that ends inside the word, before its last byte, is followed by a letter or digit
 * of it: one that wants a token's end after it is turned down there (try_literal),
 * and one that wants a word's end too, in a word folded byte for byte (ASCII:
 * letter_after). So before the walk, a second look with the sieve of the other short
 * literals (inner_short_open) for each length that would end inside the word: most
 * short literals found inside English words are units that want a word's end ("ha"
 * in "that", "am" in "name", "ft" in "after"). (A word that starts with Cyrillic is
 * never folded byte for byte: word_literals_at.) */
static __attribute__((noinline)) int ascii_word_literals_at(window_state *ws,
                                                            const unsigned char *norm,
                                                            size_t nn, size_t p,
                                                            unsigned kinds, size_t t,
                                                            unsigned far)
{
    const tg_rules *r = ws->r;
    const tg_token *tok = &ws->tokens[t];
    size_t nb = tok->byte_end - tok->byte_start, e = (size_t)tok->norm_off + tok->norm_len;
    if ((kinds & TG_LIT_SHORT) && p + 2 < e && nb == tok->norm_len &&
        nb == tok->cp_end - tok->cp_start) {
        /* the sieve again (as sieve() reads it), of two bytes and of three, each
         * without those literals where they would end inside the word */
        if (!bit_set(r->inner_short_open, gram_key(norm + p, 2)) &&
            !bit_set(p + 3 < e ? r->inner_short_open : r->inner_short, gram_key(norm + p, 3)))
            kinds &= ~(unsigned)TG_LIT_SHORT;
        if (!kinds)
            return 0;
    }
    scan_pos at = {t, 0, WB_ALL, NULL, scan_reject(0, far, 0)};
    return literals_at(ws, norm, nn, p, kinds, &at);
}

/* inner_positions for token t, a word of letters and digits alone (token_all_word),
 * most tokens: a literal that wants no letter or digit before it cannot start past
 * its first character there, so only the inner flags count, and the loop needs no
 * scan_pos (word_literals_at makes one). Returns where the positions end, or
 * SIZE_MAX on an error. */
static inline size_t word_positions(window_state *ws, const unsigned char *norm, size_t nn,
                                    size_t p, size_t pair_end, size_t t, unsigned far,
                                    int multibyte)
{
    const tg_rules *r = ws->r;
    const uint8_t *first = r->lit_first;
    for (p += 1 + (norm[p] >= 0xC0); p < pair_end; p += multibyte ? 1 + (norm[p] >= 0xC0) : 1) {
        unsigned f = first[tg_rules_first_key(norm + p)] & (7u << TG_FIRST_INNER);
        if (!f)
            continue;
        unsigned kinds =
            sieve(norm, nn, p, f >> TG_FIRST_INNER, r->inner_short, r->inner_long);
        if (kinds && word_literals_at(ws, norm, nn, p, kinds, t, far))
            return SIZE_MAX;
    }
    return p;
}

/* The tables of the scan at a token's first character, by the token's digit_far
 * answer (digit_far.h): without the literals of the rules that the answer rules out
 * (most of the literals found at a token's start: "the", "in" of the year rules far
 * from a figure after them, the units of the quantity rules far from one before).
 * gram[1] for a token with a capital first, gram[0] for one without. */
typedef struct start_tables {
    const uint8_t *start;
    const uint64_t *gram[2];
} start_tables;

static inline void start_tables_of(const window_state *ws, unsigned far, start_tables *st)
{
    const tg_rules *r = ws->r;
    st->start = ws->start + (size_t)far * 65536;
    if (far == (DF_AFTER | DF_BEFORE)) {
        st->gram[1] = r->gram_far;
        st->gram[0] = r->lower_gram_far;
    } else if (far == DF_AFTER) {
        st->gram[1] = r->gram_after;
        st->gram[0] = r->lower_gram_after;
    } else { /* (DF_BEFORE alone: a token just before a figure, far from the one before
              * it, one in twenty of English news) */
        st->gram[1] = r->gram_bits;
        st->gram[0] = r->lower_gram;
    }
}

/* The positions past the first character of token t, up to pair_end, in a token
 * that is not a word of letters and digits alone: a literal that wants no letter or
 * digit before it looks at the character before (word_before). Then its barrier
 * character, if it is one (note_barrier). Returns where the positions end, or
 * SIZE_MAX on an error. */
static __attribute__((noinline)) size_t other_positions(window_state *ws,
                                                        const unsigned char *norm, size_t nn,
                                                        size_t t, size_t pair_end, unsigned far)
{
    const tg_token *tok = &ws->tokens[t];
    size_t p = tok->norm_off;
    const unsigned inner_mask = 7u << TG_FIRST_INNER | 7u << TG_FIRST_NONWORD;
    scan_pos at = {t, 0, WB_UNKNOWN, NULL, scan_reject(0, far, 0)};
    int rc = norm[p] < 0x80 ? inner_positions(ws, norm, nn, &p, pair_end, inner_mask, &at, 0)
                            : inner_positions(ws, norm, nn, &p, pair_end, inner_mask, &at, 1);
    note_barrier(ws, tok);
    return rc ? SIZE_MAX : p;
}

/* Does word token tok fold byte for byte, each of its characters one ASCII byte (as
 * byte_of_norm tells)? A word of letters and digits alone (token_all_word) that does
 * is [a-z0-9] in norm. The tokenizer's TK_ASCII says so: comparing the three lengths
 * cost 4.7M instructions on 2000 English news. */
static inline int ascii_folded(const tg_token *tok)
{
    return (tok->flags & TK_ASCII) != 0;
}

/*
 * far_word_inner_out: inside a word of ASCII letters and digits far from every digit
 * (DF_AFTER | DF_BEFORE), with the next token far too, no literal is found that
 * literal_hit would not turn down without a trace, unless far_word_inner says one
 * may start there; so the scan passes over such a word's inner positions (half the
 * words of English news, 1.4M positions of 2000: the units, "the" of the decades,
 * "am", all of rules that need a digit, are all the literals that start with an
 * ASCII letter inside a word). DF_BEFORE turns the literals of the rules led by a
 * digit down anywhere in the token (scan_reject). DF_AFTER speaks for a start at the
 * token's first character; a start inside it counts none of its characters
 * (reach_tokens.h), so what decides is whether the start of the next token meets
 * the reach: it does not when that token's answer is DF_AFTER too, as every token's
 * but the last of a run of one answer (find_windows).
 */

/* The literals of the tokens [t, to), which end before the text's last byte (every
 * position has a pair of bytes) and share the digit_far answer far (start_tables_of);
 * both says that it is DF_AFTER | DF_BEFORE, a constant in each of the two copies.
 * The loop keeps its cursor and tables in registers, and what is rare is out of
 * line: a literal found (literals_at), a token that is not a word of letters and
 * digits alone (other_positions). A word that starts with ASCII is walked a byte at a
 * time, one that starts with a character of two bytes or more (Cyrillic) steps over
 * them. (With the loop over every token in one, and its digit_far answer asked at
 * each, the common token took some 55 instructions of glue, 38 now.) */
static inline __attribute__((always_inline)) int scan_run(window_state *ws,
                                                          const unsigned char *norm, size_t nn,
                                                          size_t t, size_t to, unsigned far,
                                                          int both)
{
    const tg_rules *r = ws->r;
    start_tables st;
    start_tables_of(ws, far, &st);
    /* A cursor beside the index, and the run's invariants in locals: the loop's glue
     * is paid at every token. */
    const tg_token *tok = ws->tokens + t, *end = ws->tokens + to;
    const int pass_far_words = both && !r->far_word_inner; /* far_word_inner_out */
    for (; tok < end; tok++, t++) {
        size_t p = tok->norm_off, e = p + tok->norm_len;
        uint32_t flags = tok->flags;
        if (p >= e)
            continue;
        int upper = (flags & TK_FIRST_UPPER) != 0;
        const uint64_t *gram = upper ? st.gram[1] : st.gram[0];
        unsigned kinds =
            start_kinds(r, norm, nn, p, st.start, upper ? TG_START_ANY : TG_START_LOWER, gram);
        if (kinds && !(kinds == TG_LIT_BYTE && e - p > 1 && r->byte_whole[norm[p]])) {
            scan_pos at = {t, 1, WB_UNKNOWN, NULL, scan_reject(1, far, flags)};
            if (literals_at(ws, norm, nn, p, kinds, &at))
                return -1;
        }
        if ((flags & (TK_WORD | TK_APOS_MARK)) != TK_WORD) {
            /* (one byte, most punctuation, has no position past its first) */
            if (e - p == 1)
                note_barrier(ws, tok);
            else if (other_positions(ws, norm, nn, t, e, far) == SIZE_MAX)
                return -1;
        } else if (norm[p] < 0x80) {
            if (pass_far_words && tok + 1 < end && ascii_folded(tok))
                continue; /* far_word_inner_out */
            for (size_t q = p + 1; q < e; q++) {
                unsigned f = r->lit_first[tg_rules_first_key(norm + q)] & (7u << TG_FIRST_INNER);
                if (!f)
                    continue;
                unsigned in =
                    sieve(norm, nn, q, f >> TG_FIRST_INNER, r->inner_short, r->inner_long);
                if (in && ascii_word_literals_at(ws, norm, nn, q, in, t, far))
                    return -1;
            }
        } else if (word_positions(ws, norm, nn, p, e, t, far, 1) == SIZE_MAX) {
            return -1;
        }
    }
    return 0;
}

/* scan_run for one of the text's last tokens (which end at its last byte or past it,
 * where a position may have no pair of bytes): the checks for the end of the text,
 * which cost some 8M instructions on 2000 English news when every token asked them,
 * are here alone. */
static int scan_last_token(window_state *ws, const unsigned char *norm, size_t nn, size_t t,
                           const start_tables *st, unsigned far)
{
    const tg_rules *r = ws->r;
    const tg_token *tok = &ws->tokens[t];
    size_t p = tok->norm_off, e = p + tok->norm_len;
    uint32_t flags = tok->flags;
    if (e > nn)
        e = nn;
    if (p >= e)
        return 0;
    int upper = (flags & TK_FIRST_UPPER) != 0;
    unsigned kinds;
    if (p + 1 < nn)
        kinds = start_kinds(r, norm, nn, p, st->start, upper ? TG_START_ANY : TG_START_LOWER,
                            st->gram[upper]);
    else /* the text's last byte */
        kinds = st->start[norm[p] | (unsigned)' ' << 8] & TG_START_BYTE;
    if (kinds) {
        scan_pos at = {t, 1, WB_UNKNOWN, NULL, scan_reject(1, far, flags)};
        if (literals_at(ws, norm, nn, p, kinds, &at))
            return -1;
    }
    size_t pair_end = e >= nn ? nn - 1 : e; /* the positions with a pair */
    if ((flags & (TK_WORD | TK_APOS_MARK)) == TK_WORD) /* token_all_word */
        p = word_positions(ws, norm, nn, p, pair_end, t, far, norm[p] >= 0x80);
    else
        p = other_positions(ws, norm, nn, t, pair_end, far);
    if (p == SIZE_MAX)
        return -1;
    if (e == nn && p < e && (norm[p] & 0xC0) != 0x80 && r->byte_bits[norm[p]]) {
        /* the text's last byte */
        scan_pos at = {t, 0, WB_UNKNOWN, NULL, scan_reject(0, far, 0)};
        if (literals_at(ws, norm, nn, p, TG_LIT_BYTE, &at))
            return -1;
    }
    return 0;
}

/* One pass over the folded tokens: the windows of every windowed rule. Every literal
 * is looked for at the first character of each token; inside a word, only where the
 * first two bytes of one that may start there are (lit_first) and a sieve of its
 * first three or four lets it through. That keeps the buckets off most characters
 * of a text: a word starts at one in six of English, one in eight of Cyrillic, where
 * the given names' literals begin with nearly every pair of letters but count inside
 * a word only after an apostrophe. */
static int find_windows(window_state *ws, const unsigned char *norm, size_t nn)
{
    const tg_rules *r = ws->r;
    const tg_token *tokens = ws->tokens;
    /* A rule not in the document's language is turned down at once (literal_hit would
     * say so at its first literal, after the walk to it): a copy of the row of the
     * language (skip_of_lang), or the same worked out rule by rule. */
    size_t nr = r->v.n;
    if (ws->lang_bit < TG_SKIP_LANGS && r->skip_of_lang.n == TG_SKIP_LANGS * nr) {
        memcpy(ws->rs->skip.v, r->skip_of_lang.v + ws->lang_bit * nr, nr * sizeof(uint32_t));
    } else {
        for (size_t k = 0; k < nr; k++) {
            unsigned langs = r->v.v[k].langs;
            ws->rs->skip.v[k] = langs && ws->lang_bit && !(langs & ws->lang_bit) ? UINT32_MAX : 0;
        }
    }
    /* The tokens from `body` on end at the text's last byte or past it: norm is the
     * tokens' folded bytes in order, so the ends only grow. */
    size_t nt = ws->ntokens, body = nt;
    while (body > 0 && (size_t)tokens[body - 1].norm_off + tokens[body - 1].norm_len >= nn)
        body--;
    unsigned far = 0; /* digit_far.h, for the tokens before far_until */
    size_t far_until = 0;
    for (size_t t = 0, to; t < body; t = to) {
        far = tg_digit_far_at(&ws->far, t, &far_until);
        to = far_until < body ? far_until : body;
        if (far == (DF_AFTER | DF_BEFORE) ? scan_run(ws, norm, nn, t, to, far, 1)
                                          : scan_run(ws, norm, nn, t, to, far, 0))
            return -1;
    }
    start_tables st;
    start_tables_of(ws, far, &st);
    for (size_t t = body; t < nt; t++) {
        if (t >= far_until) {
            far = tg_digit_far_at(&ws->far, t, &far_until);
            start_tables_of(ws, far, &st);
        }
        if (scan_last_token(ws, norm, nn, t, &st, far))
            return -1;
    }
    return 0;
}

/* The same windows by the definition: every literal tried at every character, with
 * nothing but literal_hit to judge it. For the tests of find_windows. */
static int find_windows_plain(window_state *ws, const unsigned char *norm, size_t nn)
{
    const tg_rules *r = ws->r;
    const unsigned char *bytes = (const unsigned char *)r->lit_bytes.v;
    /* The literals by their first byte, each byte's in the literals' order: the same
     * literals tried in the same order as a walk over them all, which at every
     * position was quadratic in the literals for the tests (12,000 given names). */
    size_t from[257] = {0};
    uint32_t *by_first = malloc((r->lits.n ? r->lits.n : 1) * sizeof *by_first);
    if (!by_first)
        return -1;
    for (size_t i = 0; i < r->lits.n; i++)
        from[bytes[r->lits.v[i].off] + 1]++;
    for (size_t b = 1; b <= 256; b++)
        from[b] += from[b - 1];
    size_t fill[256];
    memcpy(fill, from, sizeof fill);
    for (size_t i = 0; i < r->lits.n; i++)
        by_first[fill[bytes[r->lits.v[i].off]]++] = (uint32_t)i;
    int rc = 0;
    for (size_t p = 0; p < nn && !rc; p++) {
        if ((norm[p] & 0xC0) == 0x80)
            continue;
        for (size_t j = from[norm[p]]; j < from[norm[p] + 1] && !rc; j++) {
            uint32_t i = by_first[j];
            const tg_rule_lit *l = &r->lits.v[i];
            if (l->len > nn - p || memcmp(norm + p, bytes + l->off, l->len))
                continue;
            while (ws->t + 1 < ws->ntokens && ws->tokens[ws->t + 1].norm_off <= p)
                ws->t++; /* the token that holds p */
            rc = literal_hit(ws, i, p) ? -1 : 0;
        }
    }
    free(by_first);
    return rc;
}

int tg_rules_windows(const tg_model *m, unsigned lang_bit, const char *text, size_t len,
                     const tg_token *tokens, size_t ntokens, const char *norm, size_t norm_len,
                     tg_rules_scratch *rs, int plain)
{
    const tg_rules *r = &m->rules;
    size_t nr = r->v.n;
    size_t words = (nr + 63) / 64;
    rs->win.n = 0;
    rs->active.n = 0;
    if (vec_reserve(rs->head, nr) || vec_reserve(rs->tail, nr) || vec_reserve(rs->skip, nr) ||
        vec_reserve(rs->active, words))
        return -1;
    for (size_t k = 0; k < nr; k++)
        rs->head.v[k] = rs->tail.v[k] = TG_NONE;
    memset(rs->active.v, 0, words * sizeof *rs->active.v);
    rs->active.n = words;
    if (!r->by_pair || ntokens == 0)
        return 0;
    if (lead_tokens(rs, tokens, ntokens))
        return -1;
    window_state ws = {.r = r, .fold = &m->fold, .lang_bit = lang_bit, .text = text,
                       .len = len, .tokens = tokens, .ntokens = ntokens,
                       .line_digit_end = SIZE_MAX, .rs = rs, .digit = rs->lead_tok[0].v,
                       .ndigit = rs->lead_tok[0].n, .plain = plain,
                       .start = start_of_text(r, lang_bit)};
    tg_digit_far_init(&ws.far, tokens, ntokens, text, len, rs->lead_tok[0].v,
                      rs->lead_tok[0].n, r->far_reach,
                      r->far_words[lang_bit < TG_SKIP_LANGS ? lang_bit : 0]);
    return plain ? find_windows_plain(&ws, (const unsigned char *)norm, norm_len)
                 : find_windows(&ws, (const unsigned char *)norm, norm_len);
}

/* One match attempt of rule code at text[at..to). Straight into the JIT code when
 * there is some: pcre2_jit_match skips pcre2_match's checks of its arguments, which
 * hold here (the text is valid UTF-8 and at starts a character), and its dispatch,
 * a tenth of a short anchored attempt. It answers PCRE2_ERROR_JIT_BADOPTION when the
 * code has no JIT (a platform without it), and the interpreter runs instead. */
static inline int match_at(const pcre2_code *code, const char *text, size_t to, size_t at,
                           pcre2_match_data *md, pcre2_match_context *mctx)
{
#ifndef TG_NO_JIT
    int rc = pcre2_jit_match(code, (PCRE2_SPTR)text, to, at, 0, md, mctx);
    if (rc != PCRE2_ERROR_JIT_BADOPTION)
        return rc;
#endif
    return pcre2_match(code, (PCRE2_SPTR)text, to, at, PCRE2_NO_UTF_CHECK, md, mctx);
}

/* Run rule k over text[from, to): 0, 1 when it stopped with a warning, -1 no memory. */
static int run_rule(const tg_model *m, uint32_t k, const char *text, size_t from, size_t to,
                    pcre2_match_data *md, tg_rule_match_vec *out, tg_rule_warn_fn warn,
                    void *warn_ctx, size_t *end)
{
    const tg_rules *r = &m->rules;
    const tg_rule *rule = &r->v.v[k];
    PCRE2_SIZE at = from;
    int jit;
    const pcre2_code *code = tg_rule_code(m, k, &jit);
    if (!code) {
        if (warn)
            warn(warn_ctx, tg_model_str(m, rule->name), "its pattern does not compile");
        return 1;
    }
    while (at <= to) {
        int rc = jit ? match_at(code, text, to, at, md, r->mctx)
                     : pcre2_match(code, (PCRE2_SPTR)text, to, at, PCRE2_NO_UTF_CHECK, md,
                                   r->mctx);
        if (rc == PCRE2_ERROR_NOMATCH && rule->anchored && !end) {
            /* An anchored pattern asked to scan (no prefilter): the next start. */
            at++;
            while (at < to && ((unsigned char)text[at] & 0xC0) == 0x80)
                at++;
            continue;
        }
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0) {
            if (warn) {
                PCRE2_UCHAR msg[128];
                pcre2_get_error_message(rc, msg, sizeof msg);
                warn(warn_ctx, tg_model_str(m, rule->name), (const char *)msg);
            }
            return 1;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        PCRE2_SIZE s = ov[2 * rule->group], e = ov[2 * rule->group + 1];
        if (s != PCRE2_UNSET && e > s &&
            vec_push(*out, ((tg_rule_match){k, (uint32_t)s, (uint32_t)e})))
            return -1;
        PCRE2_SIZE next = ov[1];
        if (next <= at) { /* empty match: step one character */
            next = at + 1;
            while (next < to && ((unsigned char)text[next] & 0xC0) == 0x80)
                next++;
        }
        at = next;
        if (end) { /* one anchored attempt: where the rule may try next */
            *end = next;
            break;
        }
    }
    return 0;
}

/* Class-led rule k over [from, to) (a window of its literals, or the text): one
 * anchored attempt at each digit or capital before starts_before that may start a
 * match (not inside a word when the pattern's lookbehind says so), skipping those
 * inside the previous match. lead[0..nlead): the tokens that may hold one, in order. */
static int run_class_lead(const tg_model *m, uint32_t k, const char *text, size_t from,
                          size_t to, size_t starts_before, const tg_token *tokens,
                          size_t ntokens, const uint32_t *lead, size_t nlead, size_t *next,
                          pcre2_match_data *md, tg_rule_match_vec *out, tg_rule_warn_fn warn,
                          void *warn_ctx)
{
    const tg_rule *rule = &m->rules.v.v[k];
    size_t lo = 0, hi = nlead; /* the first token ending after from (a window may
                                  start inside a word, after an apostrophe) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tokens[lead[mid]].byte_end <= from)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* A word of letters and digits only may start a match at its first character
     * alone when the pattern's lookbehind rejects a letter or digit before it: the
     * others need not be read (most of the capitals' words before a month). */
    uint32_t whole = rule->lead_after_nonword ? TK_WORD | TK_APOS_MARK : 0;
    for (size_t i = lo; i < nlead && tokens[lead[i]].byte_start < starts_before; i++) {
        const tg_token *tok = &tokens[lead[i]];
        uint32_t before = 0; /* a word token follows a non-word character */
        size_t stop = whole && (tok->flags & whole) == TK_WORD ? tok->byte_start + 1
                                                                : tok->byte_end;
        for (size_t b = tok->byte_start; b < stop;) {
            size_t nb = b + 1;
            int32_t cp = (unsigned char)text[b];
            if (cp >= 0x80) {
                nb = b;
                cp = tg_utf8_next((const unsigned char *)text, tok->byte_end, &nb);
            }
            uint32_t cls = tg_fold_get(&m->fold, cp < 0 ? 0xFFFD : (uint32_t)cp).cls;
            if ((cls & rule->lead_cls) && b >= *next && b >= from && b < starts_before &&
                !(rule->lead_after_nonword && (before & (TG_C_LETTER | TG_C_DIGIT))) &&
                reaches_met(rule, tokens, ntokens, lead[i], text, b, to)) {
                int rc = run_rule(m, k, text, b, to, md, out, warn, warn_ctx, next);
                if (rc)
                    return rc;
            }
            before = cls;
            b = nb;
        }
    }
    return 0;
}

/* Anchored rule k: one attempt at each of its windows' starts, skipping those inside
 * the previous match, exactly as a scan of the line would. Each start met the rule's
 * reaches (lead_hit). */
static int run_anchored(const tg_model *m, uint32_t k, const char *text,
                        const tg_rules_scratch *rs, pcre2_match_data *md, tg_rule_match_vec *out,
                        tg_rule_warn_fn warn, void *warn_ctx)
{
    size_t next = 0;
    int rc = 0;
    for (uint32_t w = rs->head.v[k]; w != TG_NONE && rc == 0; w = rs->win.v[w].next)
        if (rs->win.v[w].start >= next)
            rc = run_rule(m, k, text, rs->win.v[w].start, rs->win.v[w].end, md, out, warn,
                          warn_ctx, &next);
    return rc;
}

/* Run rule k over the text, as its windows say (prefilter) or everywhere: 0, 1 when
 * it stopped with a warning, -1 no memory. */
static int scan_rule(const tg_model *m, uint32_t k, unsigned lang_bit, const char *text,
                     size_t len, const tg_token *tokens, size_t ntokens, int prefilter,
                     const tg_rules_scratch *rs, pcre2_match_data *md, tg_rule_match_vec *out,
                     tg_rule_warn_fn warn, void *warn_ctx)
{
    const tg_rules *r = &m->rules;
    const tg_rule *rule = &r->v.v[k];
    if (rule->langs && lang_bit && !(rule->langs & lang_bit))
        return 0;
    int rc = 0;
    if (prefilter && rule->lead_cls) {
        /* rs->lead_tok is this text's: tg_rules_windows listed them. */
        int digit = (rule->lead_cls & TG_C_DIGIT) != 0;
        int upper = (rule->lead_cls & TG_C_UPPER) != 0;
        int which = digit && upper ? 2 : upper;
        const uint32_t *lead = rs->lead_tok[which].v;
        size_t nlead = digit || upper ? rs->lead_tok[which].n : 0, next = 0;
        if (!rule->windowed)
            rc = run_class_lead(m, (uint32_t)k, text, 0, len, len, tokens, ntokens, lead,
                                nlead, &next, md, out, warn, warn_ctx);
        for (uint32_t w = rule->windowed ? rs->head.v[k] : TG_NONE; w != TG_NONE && rc == 0;
             w = rs->win.v[w].next)
            rc = run_class_lead(m, (uint32_t)k, text, rs->win.v[w].start, rs->win.v[w].end,
                                rs->win.v[w].lit_end, tokens, ntokens, lead, nlead, &next,
                                md, out, warn, warn_ctx);
    } else if (rule->windowed && prefilter && rule->anchored) {
        rc = run_anchored(m, (uint32_t)k, text, rs, md, out, warn, warn_ctx);
    } else if (rule->windowed && prefilter) {
        for (uint32_t w = rs->head.v[k]; w != TG_NONE && rc == 0; w = rs->win.v[w].next)
            rc = run_rule(m, (uint32_t)k, text, rs->win.v[w].start, rs->win.v[w].end, md,
                          out, warn, warn_ctx, NULL);
    } else if (!rule->windowed || ntokens > 0) {
        rc = run_rule(m, (uint32_t)k, text, 0, len, md, out, warn, warn_ctx, NULL);
    }
    return rc;
}

int tg_rules_scan(const tg_model *m, unsigned lang_bit, const char *text, size_t len,
                  const tg_token *tokens, size_t ntokens, const char *norm, size_t norm_len,
                  tg_rules_scratch *rs, pcre2_match_data *md, tg_rule_match_vec *out,
                  tg_rule_warn_fn warn, void *warn_ctx)
{
    out->n = 0;
    const tg_rules *r = &m->rules;
    size_t nr = r->v.n;
    int prefilter = r->by_pair && ntokens > 0;
    if (!prefilter) {
        for (size_t k = 0; k < nr; k++)
            if (scan_rule(m, (uint32_t)k, lang_bit, text, len, tokens, ntokens, 0, rs, md, out,
                          warn, warn_ctx) < 0)
                return -1;
        return 0;
    }
    if (tg_rules_windows(m, lang_bit, text, len, tokens, ntokens, norm, norm_len, rs, 0))
        return -1;
    /* A windowed rule without a window runs nowhere: only the rules with one, and those
     * that are not windowed, in the model's order (as the matches were always found). */
    for (size_t w = 0; w < rs->active.n; w++)
        for (uint64_t bits = rs->active.v[w] | r->unwindowed.v[w]; bits; bits &= bits - 1)
            if (scan_rule(m, (uint32_t)(w * 64 + (unsigned)__builtin_ctzll(bits)), lang_bit,
                          text, len, tokens, ntokens, 1, rs, md, out, warn, warn_ctx) < 0)
                return -1;
    return 0;
}
