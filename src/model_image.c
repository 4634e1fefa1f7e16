/*
 * model_image.c - loading a compiled model (model.tgm) by mapping it.
 *
 * The file is mapped read-only and the model's arrays (string tables, trie, aliases,
 * entities, rule prefilter tables ...) point straight into the mapping: nothing is
 * copied but the fold table (an array inside tg_model), a few small scalar tables and
 * the rule records, whose patterns are compiled again from their text at each rule's
 * first attempt (stored PCRE2 byte code would be something PCRE2 cannot check).
 * Pages are shared between processes that load the same image and cost memory only
 * once read.
 *
 * Checks, in order, each failing with its own message: the magic, the format and
 * tagger version (at fixed offsets in every format), the header checksum, byte order
 * and struct sizes, the build id (an image holds this build's structs and tokenizer
 * output, so another build's image is stale), the file size (truncated), the checksum
 * of everything after the header, then every section's bounds, alignment and element
 * size, then the source files. The whole-file checksum runs at memory speed (under
 * half a millisecond per 10 MB; docs/formats.md gives the figures), on a thread of its
 * own beside the later checks and the build (sum_start), and a mismatch is the error
 * whatever else failed, as when it came first: no byte of an image is used unchecked,
 * so a damaged file is an error and not a crash. A checksum is no defence against a crafted file, so everything tagging later
 * follows without a bound is checked too (check_strmap .. check_rule below: string
 * ids, entity, link, topic, alias and trie indexes, literal ranges, capture groups,
 * the fold table), each in one pass over its arrays in storage order, and a pattern
 * when it is compiled (tg_rule_code: a rule whose pattern fails runs nowhere, with a
 * warning on each document);
 * tests/fuzz/fuzz_image.c feeds it edited images whose checksums were fixed. Nothing
 * in an image is trusted unchecked.
 */
#include "image_format.h"

#include "error.h"
#include "mul_fold.h"
#include "tg_build_id.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct tg_image_map {
    void *base;
    size_t len;
};

const char *tg_image_build_id(void) { return TG_BUILD_ID; }

/* ---- checksum ----
 *
 * Four lanes of 16 bytes each, 64 bytes a round. A lane keys its first word with its
 * state, multiplies it by a constant into 128 bits, folds the halves together and
 * adds the second word: one multiply per 16 bytes (the previous hash took two per 8
 * and was bound by them at 10 GB/s), four independent chains to hide its latency, so
 * the loop runs at memory speed. A changed second word changes the state by as much;
 * a changed first word changes the multiplier's input, lost only with the odds of a
 * 64-bit collision; the state runs through the blocks in order, so swapped or
 * missing blocks change it too. Not a defence against a crafted file (the checks
 * below are). */

#define CK_MUL 0x9e3779b97f4a7c15ULL /* odd, bits spread: 2^64 / golden ratio */

static uint64_t lane(uint64_t h, uint64_t w0, uint64_t w1)
{
    return tg_mul_fold(h ^ w0, CK_MUL) + w1;
}

uint64_t tg_image_checksum(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t a = 0x243f6a8885a308d3ULL, b = 0x13198a2e03707344ULL,
             c = 0xa4093822299f31d0ULL, d = 0x082efa98ec4e6c89ULL;
    size_t n = len;
    while (n >= 64) {
        uint64_t w[8];
        memcpy(w, p, 64);
        a = lane(a, w[0], w[1]);
        b = lane(b, w[2], w[3]);
        c = lane(c, w[4], w[5]);
        d = lane(d, w[6], w[7]);
        p += 64;
        n -= 64;
    }
    uint64_t h = lane(len, a, b);
    h = lane(h, c, d);
    return tg_mul_fold(h ^ tg_hash(p, n), CK_MUL ^ 0x5851f42d4c957f2dULL) + h;
}

/* ---- source files ---- */

void tg_image_sources_free(tg_image_sources *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].name);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

static int add_source(tg_image_sources *s, const char *dir, const char *rel, int required)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, rel);
    struct stat st;
    if (n < 0 || (size_t)n >= sizeof path || stat(path, &st) != 0)
        return required ? 1 : 0; /* the source loader reports a missing file */
    tg_image_source *grown = realloc(s->v, (s->n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    s->v = grown;
    tg_image_source *src = &s->v[s->n];
    src->name = strdup(rel);
    if (!src->name)
        return -1;
    src->size = (uint64_t)st.st_size;
    src->mtime_sec = (int64_t)st.st_mtim.tv_sec;
    src->mtime_nsec = (int64_t)st.st_mtim.tv_nsec;
    s->n++;
    return 0;
}

/* The same files model.c loads: names ending in suffix, not hidden, in name order. */
static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0 && name[0] != '.';
}

static int add_dir(tg_image_sources *s, const char *dir, const char *sub, const char *suffix,
                   tg_error *err)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, sub);
    if (n < 0 || (size_t)n >= sizeof path)
        return tg_error_at(err, TG_ERR_IO, dir, 0, 0, "path too long");
    struct dirent **names;
    int k = scandir(path, &names, NULL, alphasort);
    if (k < 0)
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "cannot read directory: %s",
                           strerror(errno));
    int rc = TG_OK;
    for (int i = 0; i < k; i++) {
        if (rc == TG_OK && has_suffix(names[i]->d_name, suffix)) {
            char rel[NAME_MAX + 64];
            snprintf(rel, sizeof rel, "%s/%s", sub, names[i]->d_name);
            if (add_source(s, dir, rel, 0) < 0)
                rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int tg_image_sources_scan(tg_image_sources *out, const char *dir, tg_error *err)
{
    out->v = NULL;
    out->n = 0;
    int rc = TG_OK;
    if (add_source(out, dir, "rules/topics.tsv", 1) < 0 ||
        add_source(out, dir, "rules/scorer.conf", 0) < 0)
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    if (rc == TG_OK)
        rc = add_dir(out, dir, "gazetteers", ".tsv", err);
    if (rc == TG_OK)
        rc = add_dir(out, dir, "rules", ".rules", err);
    if (rc)
        tg_image_sources_free(out);
    return rc;
}

/* ---- loading ---- */

typedef struct reader {
    const unsigned char *base;
    size_t len;
    const tg_image_section *table;
    size_t ntable;
    const char *path;
    tg_error *err;
    int failed;
} reader;

static int fail(reader *rd, const char *what, unsigned id)
{
    if (!rd->failed)
        tg_error_at(rd->err, TG_ERR_DATA, rd->path, 0, 0, "corrupt: section %u %s", id, what);
    rd->failed = 1;
    return TG_ERR_DATA;
}

/* Section id: bounds, alignment and element size checked; NULL (and the error set)
 * when any is wrong. `want` is the element count it must have, or UINT64_MAX. */
static const void *section(reader *rd, uint32_t id, size_t elem, uint64_t want, uint64_t *count)
{
    for (size_t i = 0; i < rd->ntable; i++) {
        const tg_image_section *s = &rd->table[i];
        if (s->id != id)
            continue;
        if (s->elem_size != elem)
            return fail(rd, "has the wrong element size", id), NULL;
        if (s->off % TG_IMAGE_ALIGN || s->off > rd->len ||
            s->count > (rd->len - s->off) / elem)
            return fail(rd, "lies outside the file", id), NULL;
        if (want != UINT64_MAX && s->count != want)
            return fail(rd, "has the wrong length", id), NULL;
        if (count)
            *count = s->count;
        return rd->base + s->off;
    }
    return fail(rd, "is missing", id), NULL;
}

static int map_strmap(reader *rd, strmap *s, int k, const tg_image_meta *meta)
{
    uint32_t base = TG_IMG_SEC_STRMAP + 4u * (uint32_t)k;
    uint64_t mask = meta->sm_mask[k], count = meta->sm_count[k], pool = meta->sm_pool[k];
    if (mask == 0 || mask > UINT32_MAX || (mask & (mask + 1)) || count * 2 > mask ||
        pool > UINT32_MAX)
        return fail(rd, "holds an impossible string table", base);
    s->slots = (tg_strslot *)section(rd, base, sizeof *s->slots, mask + 1, NULL);
    s->pool = (char *)section(rd, base + 2, 1, pool, NULL);
    s->offs = (uint32_t *)section(rd, base + 3, sizeof *s->offs, count + 1, NULL);
    s->mask = (size_t)mask;
    s->count = (size_t)count;
    s->pool_n = s->pool_cap = (size_t)pool;
    s->offs_cap = (size_t)count + 1;
    return rd->failed ? TG_ERR_DATA : TG_OK;
}

#define MAP_VEC(rd, vec, id)                                                                  \
    do {                                                                                      \
        uint64_t n_ = 0;                                                                      \
        (vec).v = (void *)section(rd, id, sizeof *(vec).v, UINT64_MAX, &n_);                  \
        (vec).n = (vec).cap = (size_t)n_;                                                     \
    } while (0)

/* ---- what tagging follows: every index checked against what it indexes ----
 *
 * The checksums catch damage, not a crafted file, so a file that passes them is
 * still checked for everything tagging dereferences without a bound: string ids,
 * entity, link, topic, alias and trie node indexes, literal ranges, capture groups.
 * Each check is one pass over its array (no hashing, no allocation but two arrays
 * for the trie), so together they cost a fraction of the checksum's time. */

static int corrupt(reader *rd, const char *what, ...) __attribute__((format(printf, 2, 3)));
static int corrupt(reader *rd, const char *what, ...)
{
    if (!rd->failed) {
        char msg[256];
        va_list ap;
        va_start(ap, what);
        vsnprintf(msg, sizeof msg, what, ap);
        va_end(ap);
        tg_error_at(rd->err, TG_ERR_DATA, rd->path, 0, 0, "corrupt: %s", msg);
    }
    rd->failed = 1;
    return TG_ERR_DATA;
}

static const char *const STRMAP_NAMES[TG_IMG_NSTRMAPS] = {
    "strings", "topic index", "entity index", "vocabulary", "endings",
    "common words", "stop words", "cues", "labels", "actions"};

/* A string table: offsets ascending inside the pool, every slot empty or an id below
 * the count, exactly count slots used (so a probe always ends at an empty one).
 * `nul`: its strings carry their NUL (tg_model_str hands them out as C strings). */
static int check_strmap(reader *rd, const strmap *s, int k, int nul)
{
    const char *name = STRMAP_NAMES[k];
    if (s->offs[0] != 0)
        return corrupt(rd, "string table %s: first offset %u", name, s->offs[0]);
    for (size_t i = 0; i < s->count; i++) {
        uint32_t a = s->offs[i], b = s->offs[i + 1];
        if (b < a || b > s->pool_n || (nul && (b == a || s->pool[b - 1] != '\0')))
            return corrupt(rd, "string table %s: string %zu out of order or unterminated",
                           name, i);
    }
    size_t used = 0;
    for (size_t i = 0; i <= s->mask; i++) {
        uint32_t v = s->slots[i].id1;
        if (v > s->count)
            return corrupt(rd, "string table %s: slot %zu holds id %u of %zu", name, i, v - 1,
                           s->count);
        used += v != 0;
    }
    if (used != s->count)
        return corrupt(rd, "string table %s: %zu slots used for %zu strings", name, used,
                       s->count);
    return TG_OK;
}

static int check_str(reader *rd, const tg_model *m, uint32_t id, const char *what, size_t i)
{
    if (id >= m->strings.count)
        return corrupt(rd, "%s %zu: string id %u of %zu", what, i, id, m->strings.count);
    return TG_OK;
}

/* An id that the scorer keys a table on: never empty, as the source loader ensures. */
static int check_id(reader *rd, const tg_model *m, uint32_t id, const char *what, size_t i)
{
    if (check_str(rd, m, id, what, i))
        return TG_ERR_DATA;
    if (!tg_model_str(m, id)[0])
        return corrupt(rd, "%s %zu: empty id", what, i);
    return TG_OK;
}

/* A range [first, first + count) inside n elements, without overflow. */
static int in_range(uint32_t first, uint32_t count, size_t n)
{
    return first <= n && count <= n - first;
}

static int check_entities(reader *rd, const tg_model *m)
{
    for (size_t i = 0; i < m->entities.n; i++) {
        const tg_entity_def *e = &m->entities.v[i];
        if (check_id(rd, m, e->id, "entity", i) || check_str(rd, m, e->type, "entity", i) ||
            check_str(rd, m, e->subtype, "entity", i) || check_str(rd, m, e->name, "entity", i) ||
            (e->given != TG_NONE && check_str(rd, m, e->given, "entity", i)))
            return TG_ERR_DATA;
        if (!in_range(e->link_first, e->link_count, m->links.n))
            return corrupt(rd, "entity %zu: links %u+%u of %zu", i, e->link_first,
                           e->link_count, m->links.n);
    }
    for (size_t i = 0; i < m->links.n; i++)
        if (m->links.v[i].topic >= m->topics.n)
            return corrupt(rd, "link %zu: topic %u of %zu", i, m->links.v[i].topic,
                           m->topics.n);
    for (size_t i = 0; i < m->topics.n; i++) {
        const tg_topic *t = &m->topics.v[i];
        if (check_id(rd, m, t->id, "topic", i) || check_str(rd, m, t->label, "topic", i) ||
            check_str(rd, m, t->label_uk, "topic", i) || check_str(rd, m, t->label_ru, "topic", i))
            return TG_ERR_DATA;
    }
    /* The index tables' ids are indexes into topics and entities. */
    if (m->topic_index.count > m->topics.n || m->entity_index.count > m->entities.n)
        return corrupt(rd, "index of %zu topics, %zu entities for %zu, %zu",
                       m->topic_index.count, m->entity_index.count, m->topics.n,
                       m->entities.n);
    return TG_OK;
}

/* The trie. The matcher reads an alias's tokens back from where its match ends, as
 * many as the alias has, so an alias must have as many tokens as its node is deep,
 * and every walk from the root must reach a node after as many tokens as that depth.
 * The image stores each node's depth (format 3): the root is at 0 and every edge
 * leads one deeper, which makes both hold. An alias chain runs from its node's head
 * to lower indexes (an alias is prepended to its node's chain), so it ends, and its
 * aliases have as many tokens as its head. So three passes, each in storage order
 * over one array with lookups in a small one, and no branch on the data (an empty
 * slot or a node without aliases reads as one that passes): computing the depths
 * here, and walking each node's chain, took four times as long, mostly in random
 * reads and mispredicted branches. */
static int check_trie(reader *rd, const tg_model *m, const uint16_t *depth)
{
    const tg_matcher *g = &m->gaz;
    const tg_alias *al = g->aliases.v;
    size_t nodes = g->node_alias.n, naliases = g->aliases.n, used = 0;
    if (nodes == 0)
        return corrupt(rd, "trie without a root");
    if (depth[0] != 0)
        return corrupt(rd, "trie: the root at depth %u", depth[0]);
    for (size_t i = 0; i <= g->edges.mask; i++) {
        uint64_t key = g->edges.keys[i], has = key != 0;
        uint64_t parent = ((key - 1) >> 32) & -has, child = g->edges.vals[i] & -has;
        int ok = (parent < nodes) & (child < nodes);
        parent &= -(uint64_t)ok; /* read inside the array even when wrong */
        child &= -(uint64_t)ok;
        used += has;
        if (!(ok & (depth[child] == depth[parent] + has)))
            return corrupt(rd, "trie: edge %zu from node %llu to %u of %zu", i,
                           (unsigned long long)((key - 1) >> 32), g->edges.vals[i], nodes);
    }
    if (used != g->edges.count) /* a probe must end at an empty slot */
        return corrupt(rd, "trie: %zu edges used for %zu", used, g->edges.count);
    for (size_t n = 0; n < nodes; n++) {
        uint32_t head = g->node_alias.v[n];
        int has = head != TG_NONE, in = head < naliases;
        uint32_t a = head & -(uint32_t)(has & in);
        if (!((in | !has) & ((al[a].ntokens == depth[n]) | !has)))
            return corrupt(rd, "trie: node %zu at depth %u: alias %u of %zu", n, depth[n], head,
                           naliases);
    }
    for (size_t i = 0; i < naliases; i++) {
        uint32_t next = al[i].next;
        int down = next < i; /* TG_NONE is never below */
        size_t j = down ? next : i;
        if (!((down | (next == TG_NONE)) & (al[j].ntokens == al[i].ntokens) &
              (al[i].entity < m->entities.n) & (al[i].case_off <= g->case_masks.n) &
              (al[i].ntokens <= g->case_masks.n - al[i].case_off)))
            return corrupt(rd, "alias %zu: next %u, entity %u of %zu, %u tokens at %u of %zu", i,
                           next, al[i].entity, m->entities.n, al[i].ntokens, al[i].case_off,
                           g->case_masks.n);
    }
    /* The root's children by token (format 4): each none or a node one token deep. */
    for (size_t i = 0; i < g->root_child.n; i++) {
        uint32_t c = g->root_child.v[i];
        int none = c == TG_NONE, in = c < nodes;
        if (!(none | (in & (depth[c & -(uint32_t)in] == 1))))
            return corrupt(rd, "trie: token %zu has root child %u of %zu", i, c, nodes);
    }
    return TG_OK;
}

/* The prefilter: every range of literals inside lits and ascending, one-byte
 * literals under by_byte and longer ones under by_pair (the scan compares from the
 * third byte on), each literal's bytes inside lit_bytes and its rule a real one. */
static int check_prefilter(reader *rd, const tg_rules *r, size_t nrules)
{
    for (size_t i = 0; i < r->lits.n; i++) {
        const tg_rule_lit *l = &r->lits.v[i];
        if (l->rule >= nrules || l->len == 0 || !in_range(l->off, l->len, r->lit_bytes.n))
            return corrupt(rd, "rule literal %zu: rule %u of %zu, bytes %u+%u of %zu", i,
                           l->rule, nrules, l->off, l->len, r->lit_bytes.n);
    }
    uint32_t prev = 0;
    for (size_t b = 0; b <= 256; b++) {
        uint32_t at = r->by_byte[b];
        if (at < prev || at > r->lits.n)
            return corrupt(rd, "rule literal index: byte %zu", b);
        for (uint32_t i = prev; i < at; i++)
            if (r->lits.v[i].len != 1)
                return corrupt(rd, "rule literal %u under a byte has %u bytes", i,
                               r->lits.v[i].len);
        prev = at;
    }
    if (!r->by_pair)
        return TG_OK;
    prev = r->by_pair[0];
    if (prev < r->by_byte[256])
        return corrupt(rd, "rule literal index: pairs overlap bytes");
    for (size_t k = 1; k <= 65536; k++) {
        uint32_t at = r->by_pair[k];
        if (at < prev || at > r->lits.n)
            return corrupt(rd, "rule literal index: pair %zu", k - 1);
        for (uint32_t i = prev; i < at; i++)
            if (r->lits.v[i].len < 2)
                return corrupt(rd, "rule literal %u under a pair has %u bytes", i,
                               r->lits.v[i].len);
        prev = at;
    }
    return TG_OK;
}

/* A rule record: its strings, links, and the capture group it reports (read from an
 * ovector of max_groups + 1 pairs; that the pattern has it is checked when it is
 * compiled, tg_rule_code). */
static int check_rule(reader *rd, const tg_model *m, size_t i, const tg_rule *r)
{
    if (check_str(rd, m, r->name, "rule", i) || check_str(rd, m, r->type, "rule", i) ||
        check_str(rd, m, r->subtype, "rule", i) || check_str(rd, m, r->source, "rule", i))
        return TG_ERR_DATA;
    if (!in_range(r->link_first, r->link_count, m->links.n))
        return corrupt(rd, "rule %zu: links %u+%u of %zu", i, r->link_first, r->link_count,
                       m->links.n);
    if (r->group > m->rules.max_groups)
        return corrupt(rd, "rule %zu: group %u of %u", i, r->group, m->rules.max_groups);
    if (check_str(rd, m, r->pattern, "rule", i))
        return TG_ERR_DATA;
    for (int k = 0; k < TG_PF_NREACH; k++) /* tg_pf_reach_met reads lo/hi[0..nranges) */
        if (r->reach[k].nranges > TG_PF_RANGES)
            return corrupt(rd, "rule %zu: reach %d has %u ranges", i, k, r->reach[k].nranges);
    if (r->follow.nlits > TG_PF_FOLLOW_LITS) /* tg_pf_follow_met reads lit[0..nlits) */
        return corrupt(rd, "rule %zu: follow has %u literals", i, r->follow.nlits);
    for (unsigned k = 0; k < r->follow.nlits; k++)
        if (r->follow.len[k] > TG_PF_FOLLOW_LIT_LEN)
            return corrupt(rd, "rule %zu: follow literal %u has %u bytes", i, k, r->follow.len[k]);
    return TG_OK;
}

/* The fold table: a code point folds to one in Unicode's range, and ASCII to ASCII
 * (the tokenizer copies ASCII words byte for byte and sizes its buffer on that). */
static int check_fold(reader *rd, const tg_fold *f)
{
    for (uint32_t cp = 0; cp < TG_FOLD_TABLE; cp++) {
        uint32_t to = f->table[cp].fold;
        if (to > 0x10FFFF || (to >= 0xD800 && to <= 0xDFFF) || (cp < 0x80 && to >= 0x80))
            return corrupt(rd, "fold table: U+%04X folds to %#x", cp, to);
    }
    return TG_OK;
}

void tg_image_model_free(tg_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->rules.v.n; i++)
        pcre2_code_free(m->rules.v.v[i].code);
    free(m->rules.v.v);
    tg_rules_index_free(&m->rules);
    pcre2_match_context_free(m->rules.mctx);
    if (m->image) {
        munmap(m->image->base, m->image->len);
        free(m->image);
    }
    tg_image_sources_free(&m->sources);
    free(m->note);
    free(m->dir);
    free(m);
}

/* Is the image older than the source files in srcdir? */
static int check_sources(reader *rd, const tg_image_header *h, const char *srcdir)
{
    if (h->sources_off % 8 || h->sources_off > rd->len ||
        h->sources_count > (rd->len - h->sources_off) / sizeof(tg_image_source_rec) ||
        h->names_off > rd->len || h->names_len > rd->len - h->names_off)
        return tg_error_at(rd->err, TG_ERR_DATA, rd->path, 0, 0, "corrupt: source list out of bounds");
    const tg_image_source_rec *recs = (const void *)(rd->base + h->sources_off);
    const char *names = (const char *)rd->base + h->names_off;
    tg_image_sources now;
    int rc = tg_image_sources_scan(&now, srcdir, rd->err);
    if (rc)
        return rc;
    char *seen = calloc(now.n + 1, 1);
    if (!seen) {
        tg_image_sources_free(&now);
        return tg_error_set(rd->err, TG_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < h->sources_count && rc == TG_OK; i++) {
        const tg_image_source_rec *r = &recs[i];
        if (r->name_off > h->names_len || r->name_len > h->names_len - r->name_off) {
            rc = tg_error_at(rd->err, TG_ERR_DATA, rd->path, 0, 0, "corrupt: source list out of bounds");
            break;
        }
        const char *name = names + r->name_off;
        size_t j = 0;
        while (j < now.n && !(strlen(now.v[j].name) == r->name_len &&
                              !memcmp(now.v[j].name, name, r->name_len)))
            j++;
        if (j == now.n) {
            rc = tg_error_at(rd->err, TG_ERR_DATA, rd->path, 0, 0,
                             "stale: %.*s was removed after it was compiled", (int)r->name_len,
                             name);
            break;
        }
        seen[j] = 1;
        /* Any other mtime counts, older too: a file restored from a backup is a change. */
        if (now.v[j].size != r->size || now.v[j].mtime_sec != r->mtime_sec ||
            now.v[j].mtime_nsec != r->mtime_nsec)
            rc = tg_error_at(rd->err, TG_ERR_DATA, rd->path, 0, 0,
                             "stale: %s changed after it was compiled", now.v[j].name);
    }
    for (size_t j = 0; j < now.n && rc == TG_OK; j++)
        if (!seen[j])
            rc = tg_error_at(rd->err, TG_ERR_DATA, rd->path, 0, 0,
                             "stale: %s is newer than the compiled model", now.v[j].name);
    free(seen);
    tg_image_sources_free(&now);
    return rc;
}

/* Header checks up to (not including) the payload checksum. */
static int check_header(reader *rd, const tg_image_header *h)
{
    tg_error *err = rd->err;
    const char *path = rd->path;
    if (rd->len == 0)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0, "truncated: empty file");
    if (rd->len < 8 || memcmp(rd->base, TG_IMAGE_MAGIC, 8) != 0)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0,
                           rd->len < 8 ? "truncated: not a compiled tagger model"
                                       : "not a compiled tagger model (bad magic)");
    if (rd->len < 32)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0, "truncated: %zu bytes", rd->len);
    char version[17];
    memcpy(version, h->tagger_version, 16);
    version[16] = '\0';
    for (char *p = version; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            *p = '?';
    if (h->format != TG_IMAGE_FORMAT)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0,
                           "made by tagger %s format %u, this is tagger %s format %u", version,
                           h->format, TG_VERSION_STRING, TG_IMAGE_FORMAT);
    if (rd->len < sizeof *h || h->header_size != sizeof *h)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0,
                           rd->len < sizeof *h ? "truncated: %zu bytes, shorter than the header"
                                               : "corrupt: header size %zu",
                           rd->len < sizeof *h ? rd->len : (size_t)h->header_size);
    tg_image_header copy = *h;
    copy.header_sum = 0;
    if (tg_image_checksum(&copy, sizeof copy) != h->header_sum)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0, "corrupt: header checksum mismatch");
    if (strcmp(version, TG_VERSION_STRING) != 0)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0,
                           "made by tagger %s format %u, this is tagger %s format %u", version,
                           h->format, TG_VERSION_STRING, TG_IMAGE_FORMAT);
    const uint32_t abi[TG_IMAGE_ABI_N] = TG_IMAGE_ABI_LIST;
    if (h->endian != TG_IMAGE_ENDIAN || memcmp(h->abi, abi, sizeof abi) != 0)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0,
                           "made for another machine (byte order or struct sizes differ)");
    if (memchr(h->build_id, 0, sizeof h->build_id) == NULL ||
        strcmp(h->build_id, tg_image_build_id()) != 0)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0,
                           "stale: compiled by another build of tagger (build %.12s, this is "
                           "%.12s)", h->build_id, tg_image_build_id());
    if (h->file_size > rd->len)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0, "truncated: %zu of %llu bytes",
                           rd->len, (unsigned long long)h->file_size);
    if (h->file_size < rd->len)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0,
                           "corrupt: %zu bytes where the header says %llu", rd->len,
                           (unsigned long long)h->file_size);
    if (memchr(h->model_version, 0, sizeof h->model_version) == NULL)
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0, "corrupt: model version");
    return TG_OK;
}

/* The rules: records copied, none compiled. Each pattern is compiled again from its
 * text at the rule's first attempt (byte code from a file is something PCRE2 cannot
 * check, and compiling the 108 rules took 6.7 ms, a third of a load), and
 * JIT-compiled once it is hot (tg_rule_code). */
static int load_rules(reader *rd, tg_model *m, const tg_image_meta *meta)
{
    tg_rules *r = &m->rules;
    r->mctx = pcre2_match_context_create(NULL);
    if (!r->mctx)
        return tg_error_set(rd->err, TG_ERR_NOMEM, "out of memory");
    pcre2_set_match_limit(r->mctx, m->limits.match_limit);
    pcre2_set_depth_limit(r->mctx, m->limits.depth_limit);
    /* The match data holds max_groups + 1 pairs, and PCRE2 at most 65535. */
    if (meta->max_groups >= UINT16_MAX)
        return corrupt(rd, "rules: %u capture groups", meta->max_groups);
    r->max_groups = meta->max_groups;
    const tg_rule *recs = section(rd, TG_IMG_SEC_RULES, sizeof *recs, meta->nrules, NULL);
    if (rd->failed)
        return TG_ERR_DATA;
    if (meta->nrules == 0)
        return TG_OK;
    r->v.v = calloc(meta->nrules, sizeof *r->v.v);
    if (!r->v.v)
        return tg_error_set(rd->err, TG_ERR_NOMEM, "out of memory");
    r->v.cap = meta->nrules;
    for (uint32_t i = 0; i < meta->nrules; i++) {
        tg_rule rule = recs[i];
        rule.code = NULL;
        if (check_rule(rd, m, i, &rule))
            return TG_ERR_DATA;
        r->v.v[r->v.n++] = rule;
    }
    return TG_OK;
}

static int build(reader *rd, tg_model *m, const tg_image_header *h)
{
    const tg_image_meta *meta = section(rd, TG_IMG_SEC_META, sizeof *meta, 1, NULL);
    if (!meta)
        return TG_ERR_DATA;
    memcpy(m->version, h->model_version, sizeof m->version - 1);
    m->version[sizeof m->version - 1] = '\0';
    m->scorer = meta->scorer;
    m->limits = meta->limits;
    const tg_charinfo *fold = section(rd, TG_IMG_SEC_FOLD, sizeof *fold, TG_FOLD_TABLE, NULL);
    if (fold) {
        memcpy(m->fold.table, fold, sizeof m->fold.table);
        check_fold(rd, &m->fold);
        tg_fold_index(&m->fold);
    }
    strmap *maps[TG_IMG_NSTRMAPS] = {
        [TG_IMG_SM_STRINGS] = &m->strings,       [TG_IMG_SM_TOPIC_INDEX] = &m->topic_index,
        [TG_IMG_SM_ENTITY_INDEX] = &m->entity_index, [TG_IMG_SM_VOCAB] = &m->gaz.vocab,
        [TG_IMG_SM_ENDINGS] = &m->gaz.inflect.endings, [TG_IMG_SM_COMMON] = &m->gaz.inflect.common,
        [TG_IMG_SM_STOP] = &m->zone_words.stop,  [TG_IMG_SM_CUES] = &m->zone_words.cues,
        [TG_IMG_SM_LABELS] = &m->zone_words.labels, [TG_IMG_SM_ACTIONS] = &m->zone_words.actions};
    for (int k = 0; k < TG_IMG_NSTRMAPS && !rd->failed; k++)
        if (map_strmap(rd, maps[k], k, meta) == TG_OK)
            check_strmap(rd, maps[k], k, k == TG_IMG_SM_STRINGS);
    MAP_VEC(rd, m->entities, TG_IMG_SEC_ENTITIES);
    MAP_VEC(rd, m->links, TG_IMG_SEC_LINKS);
    MAP_VEC(rd, m->topics, TG_IMG_SEC_TOPICS);
    tg_matcher *g = &m->gaz;
    uint64_t emask = meta->edges_mask;
    if (emask == 0 || emask > UINT32_MAX || (emask & (emask + 1)) || meta->edges_count * 2 > emask)
        return fail(rd, "holds an impossible trie table", TG_IMG_SEC_EDGE_KEYS);
    g->edges.keys = (uint64_t *)section(rd, TG_IMG_SEC_EDGE_KEYS, sizeof *g->edges.keys, emask + 1, NULL);
    g->edges.vals = (uint32_t *)section(rd, TG_IMG_SEC_EDGE_VALS, sizeof *g->edges.vals, emask + 1, NULL);
    g->edges.mask = (size_t)emask;
    g->edges.count = (size_t)meta->edges_count;
    MAP_VEC(rd, g->node_alias, TG_IMG_SEC_NODE_ALIAS);
    g->vocab_filter = (uint64_t *)section(rd, TG_IMG_SEC_VOCAB_FILTER, sizeof *g->vocab_filter,
                                          TG_HASH_FILTER_WORDS, NULL);
    g->edge_filter = (uint64_t *)section(rd, TG_IMG_SEC_EDGE_FILTER, sizeof *g->edge_filter,
                                          TG_HASH_FILTER_WORDS, NULL);
    g->start_filter = (uint64_t *)section(rd, TG_IMG_SEC_START_FILTER, sizeof *g->start_filter,
                                          TG_HASH_FILTER_WORDS, NULL);
    g->form_filter = (uint64_t *)section(rd, TG_IMG_SEC_FORM_FILTER, sizeof *g->form_filter,
                                         TG_HASH_FILTER_WORDS, NULL);
    g->root_child.v = (uint32_t *)section(rd, TG_IMG_SEC_ROOT_CHILD, sizeof *g->root_child.v,
                                          meta->sm_count[TG_IMG_SM_VOCAB], NULL);
    g->root_child.n = g->root_child.cap = (size_t)meta->sm_count[TG_IMG_SM_VOCAB];
    const uint16_t *depth =
        section(rd, TG_IMG_SEC_NODE_DEPTH, sizeof *depth, g->node_alias.n, NULL);
    MAP_VEC(rd, g->aliases, TG_IMG_SEC_ALIASES);
    MAP_VEC(rd, g->case_masks, TG_IMG_SEC_CASE_MASKS);
    g->has_inflected = (int)meta->has_inflected;
    g->inflect.masks = (uint64_t *)section(rd, TG_IMG_SEC_INFLECT_MASKS, sizeof *g->inflect.masks,
                                           meta->sm_count[TG_IMG_SM_ENDINGS], NULL);
    g->inflect.mask_count = (size_t)meta->sm_count[TG_IMG_SM_ENDINGS];
    g->inflect.stem_bloom = (uint64_t *)section(rd, TG_IMG_SEC_STEM_BLOOM, sizeof(uint64_t),
                                                TG_INFLECT_BLOOM_BITS / 64, NULL);
    tg_rules *r = &m->rules;
    MAP_VEC(rd, r->lit_bytes, TG_IMG_SEC_LIT_BYTES);
    MAP_VEC(rd, r->lits, TG_IMG_SEC_LITS);
    if (meta->has_by_pair)
        r->by_pair = (uint32_t *)section(rd, TG_IMG_SEC_BY_PAIR, sizeof *r->by_pair, 65537, NULL);
    const void *p;
    if ((p = section(rd, TG_IMG_SEC_BY_BYTE, sizeof r->by_byte[0],
                     sizeof r->by_byte / sizeof r->by_byte[0], NULL)))
        memcpy(r->by_byte, p, sizeof r->by_byte);
    if ((p = section(rd, TG_IMG_SEC_PAIR_BITS, sizeof r->pair_bits[0],
                     sizeof r->pair_bits / sizeof r->pair_bits[0], NULL)))
        memcpy(r->pair_bits, p, sizeof r->pair_bits);
    if ((p = section(rd, TG_IMG_SEC_BYTE_BITS, 1, sizeof r->byte_bits, NULL)))
        memcpy(r->byte_bits, p, sizeof r->byte_bits);
    if ((p = section(rd, TG_IMG_SEC_GRAM_BITS, sizeof r->gram_bits[0],
                     sizeof r->gram_bits / sizeof r->gram_bits[0], NULL)))
        memcpy(r->gram_bits, p, sizeof r->gram_bits);
    if (rd->failed || check_entities(rd, m) || check_trie(rd, m, depth) ||
        check_prefilter(rd, r, meta->nrules))
        return rd->failed ? TG_ERR_DATA : TG_ERR_NOMEM;
    int rc = load_rules(rd, m, meta);
    if (rc == TG_OK && tg_rules_index(r)) /* derived from the literals and rules, not stored */
        rc = tg_error_set(rd->err, TG_ERR_NOMEM, "out of memory");
    return rc;
}

/* The payload's checksum, on a thread of its own while the loading one checks the
 * sources and builds and checks the model: the two were the larger part of a load
 * (the large model's 38 MB: the checksum about 2 ms, the structural checks about 4).
 * Both only read the mapping. Not for a small image, whose checksum takes less than
 * starting a thread. */
#define SUM_THREAD_MIN ((size_t)1 << 20)

typedef struct payload_sum {
    const unsigned char *p;
    size_t n;
    uint64_t sum;
    pthread_t thread;
    int threaded;
} payload_sum;

static void *sum_payload(void *arg)
{
    payload_sum *s = arg;
    s->sum = tg_image_checksum(s->p, s->n);
    return NULL;
}

/* Start the checksum of p[0, n): on a thread when n is large and one can be made. */
static void sum_start(payload_sum *s, const unsigned char *p, size_t n)
{
    s->p = p;
    s->n = n;
    s->threaded = n >= SUM_THREAD_MIN && pthread_create(&s->thread, NULL, sum_payload, s) == 0;
    if (!s->threaded)
        sum_payload(s);
}

static uint64_t sum_wait(payload_sum *s)
{
    if (s->threaded)
        pthread_join(s->thread, NULL);
    s->threaded = 0;
    return s->sum;
}

int tg_image_load(tg_model **out, const char *path, const char *dir, const char *srcdir,
                  tg_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "not a regular file");
    }
    size_t len = (size_t)st.st_size;
    void *base = NULL;
    if (len > 0) {
        base = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (base == MAP_FAILED) {
            int e = errno;
            close(fd);
            return tg_error_at(err, TG_ERR_IO, path, 0, 0, "cannot map: %s", strerror(e));
        }
    }
    close(fd);
    reader rd = {base, len, NULL, 0, path, err, 0};
    /* A short file is read through a zeroed copy of the header, never past the end. */
    tg_image_header h;
    memset(&h, 0, sizeof h);
    if (len)
        memcpy(&h, base, len < sizeof h ? len : sizeof h);
    int rc = check_header(&rd, &h);
    payload_sum sum = {0};
    int summing = rc == TG_OK;
    if (summing)
        sum_start(&sum, rd.base + sizeof h, len - sizeof h);
    if (rc == TG_OK && (h.table_off % 8 || h.table_off > len ||
                        h.table_count > (len - h.table_off) / sizeof(tg_image_section)))
        rc = tg_error_at(err, TG_ERR_DATA, path, 0, 0, "corrupt: section table out of bounds");
    if (rc == TG_OK && srcdir)
        rc = check_sources(&rd, &h, srcdir);
    tg_model *m = NULL;
    if (rc == TG_OK) {
        m = calloc(1, sizeof *m);
        if (m)
            m->image = malloc(sizeof *m->image);
        if (m)
            m->dir = strdup(dir);
        if (!m || !m->image || !m->dir) {
            if (m)
                free(m->image), m->image = NULL;
            rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        } else {
            m->image->base = base;
            m->image->len = len;
            base = NULL; /* the model owns the mapping now */
            rd.table = (const void *)(rd.base + h.table_off);
            rd.ntable = (size_t)h.table_count;
            rc = build(&rd, m, &h);
        }
    }
    /* A damaged file is named so whatever else went wrong, as when the checksum came
     * first; and the mapping stays until the thread is done with it. */
    if (summing && sum_wait(&sum) != h.payload_sum)
        rc = tg_error_at(err, TG_ERR_DATA, path, 0, 0, "corrupt: checksum mismatch");
    if (rc) {
        tg_image_model_free(m);
        if (base)
            munmap(base, len);
        return rc;
    }
    tg_model_find_kinds(m);
    *out = m;
    return TG_OK;
}

/* ---- the public entry points ---- */

int tg_image_load_beside(tg_model **out, const char *dir, char *note, size_t cap)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, TG_IMAGE_NAME);
    struct stat st;
    if (n < 0 || (size_t)n >= sizeof path || stat(path, &st) != 0)
        return TG_ERR_IO; /* no image: nothing to say */
    tg_error e;
    int rc = tg_image_load(out, path, dir, dir, &e);
    if (rc)
        snprintf(note, cap, "%s", e.message);
    return rc;
}

int tg_model_load_file(tg_model **out, const char *path, tg_error *err)
{
    if (!out || !path)
        return tg_error_set(err, TG_ERR_ARG, "tg_model_load_file: NULL argument");
    *out = NULL;
    /* The model directory is the image's; its sources are checked when it has any. */
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    int n = slash ? snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path)
                  : snprintf(dir, sizeof dir, ".");
    if (n < 0 || (size_t)n >= sizeof dir)
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "path too long");
    if (!dir[0])
        strcpy(dir, "/");
    char topics[PATH_MAX + 32];
    snprintf(topics, sizeof topics, "%s/rules/topics.tsv", dir);
    struct stat st;
    int has_sources = stat(topics, &st) == 0;
    return tg_image_load(out, path, dir, has_sources ? dir : NULL, err);
}

int tg_model_compile(const tg_model *m, const char *path, tg_error *err)
{
    if (!m)
        return tg_error_set(err, TG_ERR_ARG, "tg_model_compile: NULL model");
    char buf[PATH_MAX];
    if (!path) {
        int n = snprintf(buf, sizeof buf, "%s/%s", m->dir, TG_IMAGE_NAME);
        if (n < 0 || (size_t)n >= sizeof buf)
            return tg_error_at(err, TG_ERR_IO, m->dir, 0, 0, "path too long");
        path = buf;
    }
    return tg_image_write(m, path, err);
}

const char *tg_model_origin(const tg_model *m, const char **note)
{
    if (note)
        *note = m && m->note ? m->note : "";
    return m && m->image ? "image" : "source";
}
