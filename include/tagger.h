/*
 * tagger.h - the public interface of libtagger.
 *
 * libtagger finds named entities (people, organisations, places, nationalities,
 * dates, money ...) in news text with gazetteers and PCRE2 rules, and assigns topic
 * tags ("Russia", "USA") backed by the entities that earned them.
 *
 * The shape follows Hyperscan's compile/scan split:
 *
 *   tg_model    immutable, loaded once from a model directory (gazetteers/ and
 *               rules/); safe to share between any number of threads.
 *   tg_scratch  per-thread working memory; reuse it across calls on one thread.
 *   tg_result   the entities and tags of one document; owned by the caller.
 *
 * Every function that can fail returns an int status (TG_OK on success) and, when
 * given a non-NULL tg_error, fills it with a message and, for data files, the file,
 * line and column. The library never prints and never exits.
 *
 * Offsets: `start`/`end` count Unicode code points of the input text, end exclusive;
 * `byte_start`/`byte_end` count bytes of the input as given.
 */
#ifndef TAGGER_H
#define TAGGER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Public functions are the library's only exported symbols. */
#if defined(__GNUC__)
#define TG_API __attribute__((visibility("default")))
#else
#define TG_API
#endif

#define TG_VERSION_MAJOR 0
#define TG_VERSION_MINOR 1
#define TG_VERSION_PATCH 0
#define TG_VERSION_STRING "0.1.0"

/* Status codes. */
enum {
    TG_OK = 0,
    TG_ERR_NOMEM = -1,     /* out of memory */
    TG_ERR_IO = -2,        /* a file or directory could not be read */
    TG_ERR_DATA = -3,      /* a gazetteer, rule or topic file is malformed */
    TG_ERR_INPUT = -4,     /* the text is not valid UTF-8 (and replacement is off) */
    TG_ERR_LIMIT = -5,     /* the text is larger than the model's document limit */
    TG_ERR_ARG = -6        /* a NULL or otherwise invalid argument */
};

/*
 * An error: what went wrong and, for data files, where. Allocate it yourself
 * (usually on the stack); the library fills it. `file` is empty and `line`/`column`
 * are 0 when the error is not about a data file. For TG_ERR_INPUT, `offset` is the
 * byte offset of the first invalid byte.
 */
typedef struct tg_error {
    int code;
    char message[512];
    char file[512];
    unsigned line;
    unsigned column;
    size_t offset;
} tg_error;

typedef struct tg_model tg_model;
typedef struct tg_scratch tg_scratch;
typedef struct tg_result tg_result;

/* One entity found in the text. All strings are owned by the result (or the model)
 * and live as long as the tg_result they came from. */
typedef struct tg_entity {
    const char *text;    /* the span as it appears in the input, NUL-terminated */
    const char *type;    /* PERSON, ORG, PLACE, NORP, DATE, TIME, MONEY, ... */
    const char *subtype; /* agency, country, city, ...; "" when none */
    const char *id;      /* stable id: country:RU, org:roscosmos, ... */
    const char *zone;    /* title, lead, body, boilerplate */
    const char *source;  /* "gazetteer" or "rule:<name>" */
    const char *field;   /* "text", or "title" for a span of the separate title */
    size_t start, end;           /* code point offsets into `field` */
    size_t byte_start, byte_end; /* byte offsets into `field` */
} tg_entity;

/* One topic tag. `evidence` holds indexes into the result's entities. */
typedef struct tg_tag {
    const char *id;    /* topic id: country:RU */
    const char *label; /* display label in the requested language: Russia */
    double score;      /* in [0, 1] */
    const size_t *evidence;
    size_t evidence_count;
} tg_tag;

/* One contribution to a tag's score, for --explain. */
typedef struct tg_contribution {
    size_t tag;      /* index into the tags */
    size_t entity;   /* index into the entities */
    double weight;   /* entity -> topic link weight */
    double zone_weight;
    double value;    /* what this mention added to the raw sum */
} tg_contribution;

/* Options for one document. Zero-initialise and set what you need. */
typedef struct tg_doc_options {
    const char *title;     /* optional separate title (UTF-8), NULL if none */
    size_t title_len;
    const char *lang;      /* "en", "uk", "ru" (any case, region allowed: "en-GB"),
                            * or NULL, "" or "und" to detect */
    const char *labels;    /* language of tag labels: NULL or "en", "uk", "ru" */
    int replace_invalid;   /* nonzero: invalid UTF-8 becomes U+FFFD instead of an error */
    /* Nonzero: the text is HTML (UTF-8), read with libxml2's HTML parser. Entities
     * are found in the page's text (references such as &amp; decoded, script and
     * style left out) and their start/end and byte_start/byte_end point into the
     * HTML source, so source[byte_start, byte_end) is the span (with any markup
     * inside it); `text` is the decoded span. The page's structure sets zones: h1
     * (else <title>) is title; nav, aside, footer, link lists and repeated blocks
     * are boilerplate. */
    int html;
    /* With html: elements nested deeper than this are not read, and the result
     * carries a warning saying so; 0 means 256. */
    size_t html_max_depth;
} tg_doc_options;

/* The library version at run time, e.g. "0.1.0". */
TG_API const char *tg_version(void);

/*
 * Load a model from a directory holding gazetteers/ and rules/. `dir` NULL means the
 * default model: $TAGGER_MODEL if set, else share/tagger beside the installed
 * library, else the install location configured at build time. On success *out owns a new model; free it with
 * tg_model_free. On failure *out is NULL and err says what and where.
 */
TG_API int tg_model_load(tg_model **out, const char *dir, tg_error *err);

/*
 * Compiled models. tg_model_load uses DIR/model.tgm (written by tg_model_compile or
 * `tagger compile`) when it exists, is valid, was made by this build and its source
 * files have not changed since (same names, sizes and mtimes); it then maps the file
 * instead of parsing the sources (milliseconds instead of hundreds). Otherwise it
 * loads from the sources, and tg_model_origin says why the image was passed over.
 */

/* Like tg_model_load, never using a compiled image. */
TG_API int tg_model_load_source(tg_model **out, const char *dir, tg_error *err);

/* Load a compiled image explicitly. When the image's directory holds source files
 * (rules/topics.tsv) it is checked against them. Fails with TG_ERR_IO when the file
 * cannot be opened and TG_ERR_DATA, err->file naming it, when it is stale, corrupt,
 * truncated or from another version ("stale: gazetteers/people.tsv changed after it
 * was compiled", "corrupt: checksum mismatch", "made by tagger 0.1.0 format 1, this
 * is tagger 0.2.0 format 2"). On success *out owns a model to free with
 * tg_model_free; it keeps the file mapped until then. */
TG_API int tg_model_load_file(tg_model **out, const char *path, tg_error *err);

/* Write `model` (loaded from source files) into one compiled file at `path`, or at
 * DIR/model.tgm when path is NULL. The file is replaced atomically. TG_ERR_ARG for a
 * model that was itself loaded from an image; TG_ERR_IO when it cannot be written. */
TG_API int tg_model_compile(const tg_model *model, const char *path, tg_error *err);

/* "image" or "source": how the model was loaded. When note is non-NULL, *note is
 * set to why a compiled image beside the sources was not used ("stale: ...",
 * "corrupt: ..."), or "" when there was none or it was used. Strings owned by the
 * model (or static). */
TG_API const char *tg_model_origin(const tg_model *model, const char **note);

/* Free a model. Accepts NULL. No tag call may be running on it. */
TG_API void tg_model_free(tg_model *model);

/* Short hash of the model's files (8 hex digits); owned by the model. */
TG_API const char *tg_model_version(const tg_model *model);

/* The directory the model was loaded from; owned by the model. */
TG_API const char *tg_model_dir(const tg_model *model);

/* Limits, each with a default; see tg_model_set_limit. */
typedef enum tg_limit {
    TG_LIMIT_DOCUMENT,    /* bytes of one text (default 16 MiB) */
    TG_LIMIT_ENTITIES,    /* entities listed per document (default 100000) */
    TG_LIMIT_MATCH,       /* PCRE2 match limit per rule and document (default 1000000) */
    TG_LIMIT_DEPTH        /* PCRE2 depth limit (default 10000) */
} tg_limit;

/* Change a limit. Call it after loading and before the model is shared between
 * threads or given to tg_scratch_new. Returns TG_ERR_ARG for a zero value. */
TG_API int tg_model_set_limit(tg_model *model, tg_limit which, size_t value);

/* Number of entities and of aliases in the model's gazetteers, and of rules. */
TG_API void tg_model_counts(const tg_model *model, size_t *entities, size_t *aliases, size_t *rules);

/*
 * Working memory for tag calls on one thread. A scratch belongs to one model and
 * must not be used by two threads at once. Free with tg_scratch_free (accepts NULL).
 */
TG_API int tg_scratch_new(tg_scratch **out, const tg_model *model, tg_error *err);
TG_API void tg_scratch_free(tg_scratch *scratch);

/*
 * Tag `text` (UTF-8, `len` bytes, need not be NUL-terminated). `scratch` may be NULL
 * (a temporary one is made, which is slower). `opts` may be NULL. On success *out
 * owns a new result; free it with tg_result_free. Invalid UTF-8 fails with
 * TG_ERR_INPUT and err->offset, unless opts->replace_invalid is set.
 */
TG_API int tg_tag_text(tg_result **out, const tg_model *model, tg_scratch *scratch,
                const char *text, size_t len, const tg_doc_options *opts, tg_error *err);

/* Free a result. Accepts NULL. */
TG_API void tg_result_free(tg_result *result);

/* The detected or given language of the document ("en", "uk", "ru" or "und"). */
TG_API const char *tg_result_lang(const tg_result *result);

TG_API size_t tg_result_entity_count(const tg_result *result);
/* The i-th entity, sorted by field (title first) then start offset; borrowed. */
TG_API const tg_entity *tg_result_entity(const tg_result *result, size_t i);

TG_API size_t tg_result_tag_count(const tg_result *result);
/* The i-th tag, highest score first; borrowed. */
TG_API const tg_tag *tg_result_tag(const tg_result *result, size_t i);

TG_API size_t tg_result_contribution_count(const tg_result *result);
TG_API const tg_contribution *tg_result_contribution(const tg_result *result, size_t i);

/* Warnings raised while tagging (a rule skipped at its match limit ...), or 0. */
TG_API size_t tg_result_warning_count(const tg_result *result);
TG_API const char *tg_result_warning(const tg_result *result, size_t i);

/*
 * Render the result as one JSON object in DESIGN.md's schema (no trailing newline).
 * `id` may be NULL. On success *out is a malloc'd NUL-terminated string the caller
 * frees with free(); *out_len (may be NULL) receives its length.
 */
TG_API int tg_result_to_json(const tg_result *result, const tg_model *model, const char *id,
                      char **out, size_t *out_len);

/* Append the "tags" and "entities" members (with a leading comma, no braces) to let
 * a caller splice them into an object it writes itself. Same ownership as above. */
TG_API int tg_result_json_members(const tg_result *result, const tg_model *model, char **out,
                           size_t *out_len);

/* The display label of an entity type in a language: "PERSON" in "uk" is "Особа".
 * For "en", NULL or an unknown type, the type itself. Static strings. */
TG_API const char *tg_type_label(const char *type, const char *lang);

/* Message text for a status code. */
TG_API const char *tg_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif /* TAGGER_H */
