/*
 * image_write.c - writing a loaded model into one compiled file (model.tgm).
 *
 * The image is laid out in memory first (header, source list, section table, then
 * every array at a 64-byte boundary), checksummed, and written to a temporary file in
 * the same directory that is then renamed over the old one: a process that has the
 * old image mapped keeps reading a complete file, and a reader never sees half of a
 * new one. The layout is in image_format.h.
 */
#include "image_format.h"

#include "error.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct piece {
    uint32_t id, elem_size;
    const void *data;
    uint64_t count;
    uint64_t off;
} piece;

typedef struct layout {
    piece v[TG_IMG_SEC_END];
    size_t n;
} layout;

static void add(layout *l, uint32_t id, const void *data, size_t elem_size, size_t count)
{
    l->v[l->n++] = (piece){id, (uint32_t)elem_size, data, count, 0};
}

static uint64_t align_up(uint64_t x) { return (x + TG_IMAGE_ALIGN - 1) & ~(uint64_t)(TG_IMAGE_ALIGN - 1); }

static void add_strmap(layout *l, int k, const strmap *s, tg_image_meta *meta)
{
    uint32_t base = TG_IMG_SEC_STRMAP + 4u * (uint32_t)k;
    meta->sm_count[k] = s->count;
    meta->sm_mask[k] = s->mask;
    meta->sm_pool[k] = s->pool_n;
    add(l, base, s->slots, sizeof *s->slots, s->mask + 1);
    add(l, base + 2, s->pool, 1, s->pool_n);
    add(l, base + 3, s->offs, sizeof *s->offs, s->count + 1);
}

/* Each trie node's depth, the number of tokens from the root: stored so that the
 * loader checks the trie in one pass over its edges with nothing to compute
 * (model_image.c, check_trie). A model built from its sources makes every node after
 * its parent, so one pass in node order after one that finds the parents does it. */
static int node_depths(const tg_matcher *g, uint16_t **out, tg_error *err)
{
    size_t nodes = g->node_alias.n;
    uint32_t *parent = malloc((nodes ? nodes : 1) * sizeof *parent);
    uint16_t *depth = calloc(nodes ? nodes : 1, sizeof *depth);
    *out = NULL;
    if (!parent || !depth) {
        free(parent);
        free(depth);
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    }
    for (size_t n = 0; n < nodes; n++)
        parent[n] = UINT32_MAX;
    for (size_t i = 0; i <= g->edges.mask; i++)
        if (g->edges.keys[i])
            parent[g->edges.vals[i]] = (uint32_t)((g->edges.keys[i] - 1) >> 32);
    for (size_t n = 1; n < nodes; n++) {
        if (parent[n] >= n || depth[parent[n]] == UINT16_MAX) {
            int rc = parent[n] >= n ? tg_error_set(err, TG_ERR_DATA,
                                                   "trie node %zu made before its parent", n)
                                    : tg_error_set(err, TG_ERR_DATA,
                                                   "an alias of more than 65535 tokens");
            free(parent);
            free(depth);
            return rc;
        }
        depth[n] = (uint16_t)(depth[parent[n]] + 1);
    }
    free(parent);
    *out = depth;
    return TG_OK;
}

/* The aliases renumbered in trie node order, so that the loader's check of each
 * node's chain reads the aliases in storage order (model_image.c, check_trie) rather
 * than all over 3 MB. A chain keeps its order and runs to lower numbers: its last
 * alias gets the lowest of its run. Tagging only ever follows chains, so it sees the
 * same aliases in the same order. */
static int renumber_aliases(const tg_matcher *g, uint32_t **node_alias, tg_alias **aliases,
                            tg_error *err)
{
    size_t nodes = g->node_alias.n, n_al = g->aliases.n, next_id = 0;
    uint32_t *heads = malloc((nodes ? nodes : 1) * sizeof *heads);
    tg_alias *al = malloc((n_al ? n_al : 1) * sizeof *al);
    *node_alias = heads;
    *aliases = al;
    if (!heads || !al)
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory");
    for (size_t n = 0; n < nodes; n++) {
        size_t k = 0;
        for (uint32_t a = g->node_alias.v[n]; a != TG_NONE && k <= n_al; a = g->aliases.v[a].next)
            k++;
        if (k > n_al - next_id)
            return tg_error_set(err, TG_ERR_DATA, "trie node %zu: an alias chain that loops", n);
        heads[n] = k ? (uint32_t)(next_id + k - 1) : TG_NONE;
        size_t id = next_id + k;
        for (uint32_t a = g->node_alias.v[n]; a != TG_NONE; a = g->aliases.v[a].next) {
            id--;
            al[id] = g->aliases.v[a];
            al[id].next = id > next_id ? (uint32_t)id - 1 : TG_NONE;
        }
        next_id += k;
    }
    if (next_id != n_al)
        return tg_error_set(err, TG_ERR_DATA, "%zu aliases not on the trie", n_al - next_id);
    return TG_OK;
}

static int write_all(const char *path, const unsigned char *buf, size_t len, tg_error *err)
{
    char tmp[PATH_MAX];
    int n = snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof tmp)
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "path too long");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "cannot create: %s", strerror(errno));
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, buf + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            unlink(tmp);
            return tg_error_at(err, TG_ERR_IO, path, 0, 0, "cannot write: %s", strerror(e));
        }
        done += (size_t)w;
    }
    /* mkstemp makes the file 0600; an image is as readable as its sources. */
    if (fchmod(fd, 0644) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "cannot write: %s", strerror(e));
    }
    return TG_OK;
}

int tg_image_write(const tg_model *m, const char *path, tg_error *err)
{
    if (m->image || m->sources.n == 0)
        return tg_error_at(err, TG_ERR_ARG, path, 0, 0,
                           "a compiled model is written from a model loaded from its source "
                           "files (tg_model_load_source)");
    const tg_rules *r = &m->rules;
    const tg_matcher *g = &m->gaz;
    tg_image_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.edges_mask = g->edges.mask;
    meta.edges_count = g->edges.count;
    meta.has_inflected = (uint32_t)g->has_inflected;
    meta.max_groups = r->max_groups;
    meta.has_by_pair = r->by_pair != NULL;
    meta.nrules = (uint32_t)r->v.n;
    meta.scorer = m->scorer;
    meta.limits = m->limits;

    /* The rules without their compiled code: the loader compiles each rule's pattern
     * text (a model string) again, rather than trust byte code PCRE2 cannot check. */
    tg_rule *rules = malloc((r->v.n ? r->v.n : 1) * sizeof *rules);
    unsigned char *buf = NULL;
    uint16_t *depth = NULL;
    uint32_t *node_alias = NULL;
    tg_alias *aliases = NULL;
    int rc = TG_OK;
    if (!rules) {
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((rc = node_depths(g, &depth, err)) != TG_OK ||
        (rc = renumber_aliases(g, &node_alias, &aliases, err)) != TG_OK)
        goto done;
    for (size_t i = 0; i < r->v.n; i++) {
        rules[i] = r->v.v[i];
        rules[i].code = NULL;
    }

    layout l;
    l.n = 0;
    add(&l, TG_IMG_SEC_META, &meta, sizeof meta, 1);
    add(&l, TG_IMG_SEC_FOLD, m->fold.table, sizeof m->fold.table[0], TG_FOLD_TABLE);
    add(&l, TG_IMG_SEC_ENTITIES, m->entities.v, sizeof *m->entities.v, m->entities.n);
    add(&l, TG_IMG_SEC_LINKS, m->links.v, sizeof *m->links.v, m->links.n);
    add(&l, TG_IMG_SEC_TOPICS, m->topics.v, sizeof *m->topics.v, m->topics.n);
    add(&l, TG_IMG_SEC_EDGE_KEYS, g->edges.keys, sizeof *g->edges.keys, g->edges.mask + 1);
    add(&l, TG_IMG_SEC_EDGE_VALS, g->edges.vals, sizeof *g->edges.vals, g->edges.mask + 1);
    add(&l, TG_IMG_SEC_NODE_ALIAS, node_alias, sizeof *node_alias, g->node_alias.n);
    add(&l, TG_IMG_SEC_VOCAB_FILTER, g->vocab_filter, sizeof *g->vocab_filter,
        TG_HASH_FILTER_WORDS);
    add(&l, TG_IMG_SEC_EDGE_FILTER, g->edge_filter, sizeof *g->edge_filter,
        TG_HASH_FILTER_WORDS);
    add(&l, TG_IMG_SEC_START_FILTER, g->start_filter, sizeof *g->start_filter,
        TG_HASH_FILTER_WORDS);
    add(&l, TG_IMG_SEC_FORM_FILTER, g->form_filter, sizeof *g->form_filter,
        TG_HASH_FILTER_WORDS);
    add(&l, TG_IMG_SEC_ROOT_CHILD, g->root_child.v, sizeof *g->root_child.v, g->root_child.n);
    add(&l, TG_IMG_SEC_NODE_DEPTH, depth, sizeof *depth, g->node_alias.n);
    add(&l, TG_IMG_SEC_ALIASES, aliases, sizeof *aliases, g->aliases.n);
    add(&l, TG_IMG_SEC_CASE_MASKS, g->case_masks.v, sizeof *g->case_masks.v, g->case_masks.n);
    add(&l, TG_IMG_SEC_INFLECT_MASKS, g->inflect.masks, sizeof *g->inflect.masks,
        g->inflect.mask_count);
    add(&l, TG_IMG_SEC_STEM_BLOOM, g->inflect.stem_bloom, sizeof *g->inflect.stem_bloom,
        TG_INFLECT_BLOOM_BITS / 64);
    add(&l, TG_IMG_SEC_RULES, rules, sizeof *rules, r->v.n);
    add(&l, TG_IMG_SEC_LIT_BYTES, r->lit_bytes.v, 1, r->lit_bytes.n);
    add(&l, TG_IMG_SEC_LITS, r->lits.v, sizeof *r->lits.v, r->lits.n);
    if (r->by_pair)
        add(&l, TG_IMG_SEC_BY_PAIR, r->by_pair, sizeof *r->by_pair, 65537);
    add(&l, TG_IMG_SEC_BY_BYTE, r->by_byte, sizeof r->by_byte[0],
        sizeof r->by_byte / sizeof r->by_byte[0]);
    add(&l, TG_IMG_SEC_PAIR_BITS, r->pair_bits, sizeof r->pair_bits[0],
        sizeof r->pair_bits / sizeof r->pair_bits[0]);
    add(&l, TG_IMG_SEC_BYTE_BITS, r->byte_bits, 1, sizeof r->byte_bits);
    add(&l, TG_IMG_SEC_GRAM_BITS, r->gram_bits, sizeof r->gram_bits[0],
        sizeof r->gram_bits / sizeof r->gram_bits[0]);
    const strmap *maps[TG_IMG_NSTRMAPS] = {
        [TG_IMG_SM_STRINGS] = &m->strings,       [TG_IMG_SM_TOPIC_INDEX] = &m->topic_index,
        [TG_IMG_SM_ENTITY_INDEX] = &m->entity_index, [TG_IMG_SM_VOCAB] = &g->vocab,
        [TG_IMG_SM_ENDINGS] = &g->inflect.endings, [TG_IMG_SM_COMMON] = &g->inflect.common,
        [TG_IMG_SM_STOP] = &m->zone_words.stop,  [TG_IMG_SM_CUES] = &m->zone_words.cues,
        [TG_IMG_SM_LABELS] = &m->zone_words.labels, [TG_IMG_SM_ACTIONS] = &m->zone_words.actions};
    for (int k = 0; k < TG_IMG_NSTRMAPS; k++)
        add_strmap(&l, k, maps[k], &meta);

    /* Offsets: header, sources, names, table, sections. */
    size_t names_len = 0;
    for (size_t i = 0; i < m->sources.n; i++)
        names_len += strlen(m->sources.v[i].name);
    uint64_t pos = align_up(sizeof(tg_image_header));
    uint64_t sources_off = pos;
    pos += m->sources.n * sizeof(tg_image_source_rec);
    uint64_t names_off = pos;
    pos = align_up(pos + names_len);
    uint64_t table_off = pos;
    pos = align_up(pos + l.n * sizeof(tg_image_section));
    for (size_t i = 0; i < l.n; i++) {
        l.v[i].off = pos;
        pos = align_up(pos + l.v[i].count * l.v[i].elem_size);
    }
    buf = calloc(1, pos);
    if (!buf) {
        rc = tg_error_set(err, TG_ERR_NOMEM, "out of memory");
        goto done;
    }
    tg_image_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, TG_IMAGE_MAGIC, 8);
    h.format = TG_IMAGE_FORMAT;
    h.header_size = sizeof h;
    snprintf(h.tagger_version, sizeof h.tagger_version, "%s", TG_VERSION_STRING);
    snprintf(h.build_id, sizeof h.build_id, "%s", tg_image_build_id());
    snprintf(h.model_version, sizeof h.model_version, "%s", m->version);
    h.endian = TG_IMAGE_ENDIAN;
    const uint32_t abi[TG_IMAGE_ABI_N] = TG_IMAGE_ABI_LIST;
    memcpy(h.abi, abi, sizeof abi);
    h.file_size = pos;
    h.sources_off = sources_off;
    h.sources_count = m->sources.n;
    h.names_off = names_off;
    h.names_len = names_len;
    h.table_off = table_off;
    h.table_count = l.n;
    size_t name_at = 0;
    for (size_t i = 0; i < m->sources.n; i++) {
        const tg_image_source *s = &m->sources.v[i];
        size_t n = strlen(s->name);
        tg_image_source_rec rec = {s->size, s->mtime_sec, s->mtime_nsec, (uint32_t)name_at,
                                   (uint32_t)n};
        memcpy(buf + sources_off + i * sizeof rec, &rec, sizeof rec);
        memcpy(buf + names_off + name_at, s->name, n);
        name_at += n;
    }
    for (size_t i = 0; i < l.n; i++) {
        tg_image_section sec = {l.v[i].id, l.v[i].elem_size, l.v[i].off, l.v[i].count};
        memcpy(buf + table_off + i * sizeof sec, &sec, sizeof sec);
        if (l.v[i].count)
            memcpy(buf + l.v[i].off, l.v[i].data, l.v[i].count * l.v[i].elem_size);
    }
    h.payload_sum = tg_image_checksum(buf + sizeof h, pos - sizeof h);
    h.header_sum = 0;
    h.header_sum = tg_image_checksum(&h, sizeof h);
    memcpy(buf, &h, sizeof h);
    rc = write_all(path, buf, pos, err);
done:
    free(buf);
    free(rules);
    free(depth);
    free(node_alias);
    free(aliases);
    return rc;
}

void tg_image_fix_checksums(void *data, size_t len)
{
    tg_image_header h;
    if (len < sizeof h)
        return;
    memcpy(&h, data, sizeof h);
    h.payload_sum = tg_image_checksum((unsigned char *)data + sizeof h, len - sizeof h);
    h.header_sum = 0;
    h.header_sum = tg_image_checksum(&h, sizeof h);
    memcpy(data, &h, sizeof h);
}
