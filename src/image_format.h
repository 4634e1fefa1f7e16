/*
 * image_format.h - the bytes of a compiled model file (model.tgm). Internal.
 *
 * Shared by the writer (image_write.c) and the loader (model_image.c); described for
 * people in docs/formats.md. The file is
 *
 *   header       tg_image_header, fixed size, at offset 0
 *   sources      tg_image_source_rec[sources_count], then their names (names_off)
 *   table        tg_image_section[table_count]
 *   sections     each at a 64-byte-aligned offset: raw arrays of the loaded model
 *
 * Arrays are stored exactly as they are in memory (host byte order, host struct
 * layout), which is what lets the loader point into the mapping without a copy. So an
 * image is only read by a build with the same layout: the header carries the byte
 * order and the size of every struct stored raw, and the _Static_asserts below make a
 * change to one of those structs break the build here instead of images silently.
 */
#ifndef TG_IMAGE_FORMAT_H
#define TG_IMAGE_FORMAT_H

#include "model.h"

#include <stdint.h>

#define TG_IMAGE_MAGIC "\x89TGMODEL" /* 8 bytes; the high byte catches 7-bit transfers */
#define TG_IMAGE_ALIGN 64
#define TG_IMAGE_ENDIAN 0x01020304u
#define TG_IMAGE_ABI_N 15 /* entries of TG_IMAGE_ABI_LIST */

/* Fields every format version keeps at these offsets, so a file of another version
 * is reported as such and not as corrupt. */
typedef struct tg_image_header {
    char magic[8];
    uint32_t format;          /* TG_IMAGE_FORMAT */
    uint32_t header_size;     /* sizeof(tg_image_header) */
    char tagger_version[16];  /* TG_VERSION_STRING of the writer */
    /* From here on the layout is this format's. */
    char build_id[32];        /* tg_image_build_id() of the writer */
    char model_version[16];   /* tg_model_version(): hash of the source files */
    uint32_t endian;          /* TG_IMAGE_ENDIAN as the writer stored it */
    uint32_t abi[TG_IMAGE_ABI_N];
    uint64_t file_size;
    uint64_t sources_off, sources_count;
    uint64_t names_off, names_len;
    uint64_t table_off, table_count;
    uint64_t payload_sum;     /* tg_image_checksum of bytes [header_size, file_size) */
    uint64_t header_sum;      /* of the header with this field zero */
} tg_image_header;

typedef struct tg_image_source_rec {
    uint64_t size;
    int64_t mtime_sec, mtime_nsec;
    uint32_t name_off, name_len; /* in the names block */
} tg_image_source_rec;

typedef struct tg_image_section {
    uint32_t id;
    uint32_t elem_size;
    uint64_t off;
    uint64_t count;
} tg_image_section;

/* The model's string tables, in this order. */
enum {
    TG_IMG_SM_STRINGS,
    TG_IMG_SM_TOPIC_INDEX,
    TG_IMG_SM_ENTITY_INDEX,
    TG_IMG_SM_VOCAB,
    TG_IMG_SM_ENDINGS,
    TG_IMG_SM_COMMON,
    TG_IMG_SM_STOP,
    TG_IMG_SM_CUES,
    TG_IMG_SM_LABELS,
    TG_IMG_SM_ACTIONS,
    TG_IMG_NSTRMAPS
};

/* Scalars: one record. */
typedef struct tg_image_meta {
    uint64_t sm_count[TG_IMG_NSTRMAPS];
    uint64_t sm_mask[TG_IMG_NSTRMAPS];
    uint64_t sm_pool[TG_IMG_NSTRMAPS];
    uint64_t edges_mask, edges_count;
    uint32_t has_inflected;
    uint32_t max_groups;
    uint32_t has_by_pair;
    uint32_t nrules;
    tg_scorer_conf scorer;
    uint32_t pad_;
    tg_limits limits;
} tg_image_meta;

/* Section ids. A strmap k has four: TG_IMG_SEC_STRMAP + 4k + {0 slots (id and hash
 * tag, tg_strslot: the tag is the hash's high half in format 4-5, its low half from
 * format 6; the vocabulary's slots and filters are placed by tg_word_hash, whose mix
 * changed in format 11), 1 unused (hashes before format 4), 2 pool, 3 offs}. */
enum {
    TG_IMG_SEC_META = 1,
    TG_IMG_SEC_FOLD,
    TG_IMG_SEC_ENTITIES,
    TG_IMG_SEC_LINKS,
    TG_IMG_SEC_TOPICS,
    TG_IMG_SEC_EDGE_KEYS,
    TG_IMG_SEC_EDGE_VALS,
    TG_IMG_SEC_NODE_ALIAS,
    TG_IMG_SEC_ALIASES,
    TG_IMG_SEC_CASE_MASKS,
    TG_IMG_SEC_INFLECT_MASKS,
    TG_IMG_SEC_STEM_BLOOM,  /* bits of tg_inflect_stem_hash (the word hash, format 14) */
    TG_IMG_SEC_RULES,       /* tg_rule with code = NULL */
    TG_IMG_SEC_PCRE2_UNUSED, /* format 1: PCRE2 byte code; rules now compile their text */
    TG_IMG_SEC_LIT_BYTES,
    TG_IMG_SEC_LITS,
    TG_IMG_SEC_BY_PAIR,     /* only when has_by_pair */
    TG_IMG_SEC_BY_BYTE,
    TG_IMG_SEC_PAIR_BITS,
    TG_IMG_SEC_BYTE_BITS,
    TG_IMG_SEC_GRAM_BITS,
    TG_IMG_SEC_NODE_DEPTH,  /* format 3: uint16 tokens from the root, per trie node */
    TG_IMG_SEC_ROOT_CHILD,  /* format 4: uint32 child of the root per vocabulary id */
    TG_IMG_SEC_VOCAB_FILTER, /* format 4: uint64[TG_HASH_FILTER_WORDS] */
    TG_IMG_SEC_EDGE_FILTER, /* format 10: uint64[TG_HASH_FILTER_WORDS] */
    TG_IMG_SEC_START_FILTER, /* format 12: uint64[TG_HASH_FILTER_WORDS] */
    TG_IMG_SEC_FORM_FILTER, /* format 19: uint64[TG_HASH_FILTER_WORDS] */
    TG_IMG_SEC_STRMAP = 64,
    TG_IMG_SEC_END = TG_IMG_SEC_STRMAP + 4 * TG_IMG_NSTRMAPS
};

/* Sizes of what is stored raw; an image whose list differs is for another build. */
#define TG_IMAGE_ABI_LIST                                                                   \
    {(uint32_t)sizeof(size_t), (uint32_t)sizeof(void *), (uint32_t)sizeof(tg_image_meta),      \
     (uint32_t)sizeof(tg_charinfo), (uint32_t)sizeof(tg_entity_def),                          \
     (uint32_t)sizeof(tg_link), (uint32_t)sizeof(tg_topic), (uint32_t)sizeof(tg_alias),       \
     (uint32_t)sizeof(tg_rule), (uint32_t)sizeof(tg_rule_lit), (uint32_t)sizeof(tg_scorer_conf), \
     (uint32_t)sizeof(tg_limits), (uint32_t)TG_FOLD_TABLE, (uint32_t)TG_INFLECT_BLOOM_BITS,      \
     (uint32_t)TG_HASH_FILTER_BITS}

/*
 * Drift guards. The writer and loader copy these structs field by field (tg_rules,
 * tg_matcher, tg_inflect, strmap, u64map, tg_zone_words, struct tg_model) or store
 * them raw (the rest). A field added to one of them must be handled in
 * image_write.c and model_image.c, then the size here updated; until then the build
 * fails here rather than an image losing the field without a word.
 */
#if UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(tg_rule) == 312, "tg_rule changed: update image_write.c/model_image.c");
_Static_assert(sizeof(tg_rules) == 509992, "tg_rules changed: update the image code");
_Static_assert(sizeof(tg_rule_lit) == 20, "tg_rule_lit changed: update the image code");
_Static_assert(sizeof(tg_matcher) == 384, "tg_matcher changed: update the image code");
_Static_assert(sizeof(tg_alias) == 16, "tg_alias changed: update the image code");
_Static_assert(sizeof(tg_inflect) == 152, "tg_inflect changed: update the image code");
_Static_assert(sizeof(strmap) == 64, "strmap changed: update the image code");
_Static_assert(sizeof(u64map) == 32, "u64map changed: update the image code");
_Static_assert(sizeof(tg_entity_def) == 36, "tg_entity_def changed: update the image code");
_Static_assert(sizeof(tg_link) == 8, "tg_link changed: update the image code");
_Static_assert(sizeof(tg_topic) == 20, "tg_topic changed: update the image code");
_Static_assert(sizeof(tg_zone_words) == 256, "tg_zone_words changed: update the image code");
_Static_assert(sizeof(tg_scorer_conf) == 36, "tg_scorer_conf changed: update the image code");
_Static_assert(sizeof(tg_limits) == 24, "tg_limits changed: update the image code");
_Static_assert(sizeof(tg_charinfo) == 8, "tg_charinfo changed: update the image code");
_Static_assert(sizeof(struct tg_model) == 618624,
               "struct tg_model changed: update the image code");
#endif

#endif
