/*
 * test_model_image.c - the compiled model (src/model_image.c, src/image_write.c):
 * an image tags exactly as the sources do, is used only while fresh, and a damaged
 * or foreign file is a clear TG_ERR_DATA, never a crash (run this under ASan too).
 */
#define _GNU_SOURCE /* memmem */
#include "harness.h"

#include "image_format.h"
#include "matcher.h"
#include "model.h"
#include "model_image.h"
#include "tagger.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A copy of a model's gazetteers/ and rules/ in a new temporary directory. */
static void copy_model(const char *from, char *dir, size_t cap)
{
    snprintf(dir, cap, "/tmp/tg-image-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp -a '%s/gazetteers' '%s/rules' '%s/'", from, from, dir);
    assert_int_equal(system(cmd), 0);
}

static void remove_dir(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void compile_dir(const char *dir)
{
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(tg_model_load_source(&m, dir, &err), TG_OK);
    assert_string_equal(tg_model_origin(m, NULL), "source");
    assert_int_equal(tg_model_compile(m, NULL, &err), TG_OK);
    tg_model_free(m);
}

/* A private copy of the mini model, compiled: dir gets its path, path the image's. */
static void compiled_mini(char *dir, size_t dir_cap, char *path, size_t path_cap)
{
    copy_model(TEST_DATA_DIR "/model-mini", dir, dir_cap);
    snprintf(path, path_cap, "%s/model.tgm", dir);
    compile_dir(dir);
}

/* compiled_mini, its image read into memory (*len bytes), and bad: where a test
 * writes its edited copies. dir holds 64 bytes, path and bad 600. */
static unsigned char *read_mini(char *dir, char *path, char *bad, size_t *len)
{
    compiled_mini(dir, 64, path, 600);
    snprintf(bad, 600, "%s/bad.tgm", dir);
    unsigned char *img = (unsigned char *)test_read_file(path, len);
    assert_non_null(img);
    return img;
}

static void write_all(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

static char *render(const tg_model *m, tg_scratch *s, const char *text, size_t len)
{
    tg_result *r = NULL;
    tg_error err;
    tg_doc_options opts = {0};
    opts.replace_invalid = 1;
    assert_int_equal(tg_tag_text(&r, m, s, text, len, &opts, &err), TG_OK);
    char *json = NULL;
    assert_int_equal(tg_result_to_json(r, m, "doc", &json, NULL), TG_OK);
    tg_result_free(r);
    return json;
}

/* The matcher's shortcuts as the image stores them (format 4): every vocabulary
 * word passes the image's filter and is found under its id, with the same root
 * child as in the model read from the sources. */
static void image_vocab_like_sources(const tg_model *src, const tg_model *img)
{
    const tg_matcher *a = &src->gaz, *b = &img->gaz;
    assert_int_equal(a->vocab.count, b->vocab.count);
    assert_true(a->vocab.count > 1000);
    assert_int_equal(b->root_child.n, a->vocab.count);
    for (uint32_t id = 0; id < a->vocab.count; id++) {
        size_t len;
        const char *w = strmap_str(&a->vocab, id, &len);
        if (tg_matcher_token_id(b, w, len) != id || b->root_child.v[id] != a->root_child.v[id])
            fail_msg("vocabulary word %u '%.*s': id %u, root child %u instead of %u", id,
                     (int)len, w, tg_matcher_token_id(b, w, len), b->root_child.v[id],
                     a->root_child.v[id]);
    }
}

/* The kinds (model.h), found at load from either: the same ids, and found (the mini
 * model has towns, regions, countries, people, organisations, nationalities, and
 * rules that know a given name). A
 * rule's type is the same id as an entity's: resolve.c compares them as ids. */
static void image_kinds_like_sources(const tg_model *src, const tg_model *img)
{
    assert_int_not_equal(src->kind.place, TG_NONE);
    assert_int_not_equal(src->kind.city, TG_NONE);
    assert_int_not_equal(src->kind.region, TG_NONE);
    assert_int_not_equal(src->kind.country, TG_NONE);
    assert_int_not_equal(src->kind.person, TG_NONE);
    assert_int_not_equal(src->kind.org, TG_NONE);
    assert_int_not_equal(src->kind.norp, TG_NONE);
    assert_int_not_equal(src->kind.given_name, TG_NONE);
    assert_memory_equal(&src->kind, &img->kind, sizeof src->kind);
    assert_string_equal(tg_model_str(img, img->kind.city), "city");
    assert_string_equal(tg_model_str(img, img->kind.person), "PERSON");
    size_t person_rules = 0;
    for (size_t i = 0; i < img->rules.v.n; i++)
        if (!strcmp(tg_model_str(img, img->rules.v.v[i].type), "PERSON")) {
            assert_int_equal(img->rules.v.v[i].type, img->kind.person);
            person_rules++;
        }
    assert_true(person_rules > 0);
}

/* (a) Every corpus article, en/uk/ru: the same JSON from the image as from the
 * sources. */
static void image_tags_like_sources(void **state)
{
    (void)state;
    char dir[64], path[1200];
    copy_model(TEST_SOURCE_DIR, dir, sizeof dir);
    compile_dir(dir);
    tg_model *src = NULL, *img = NULL, *autom = NULL;
    tg_error err;
    assert_int_equal(tg_model_load_source(&src, dir, &err), TG_OK);
    snprintf(path, sizeof path, "%s/model.tgm", dir);
    assert_int_equal(tg_model_load_file(&img, path, &err), TG_OK);
    assert_string_equal(tg_model_origin(img, NULL), "image");
    assert_int_equal(tg_model_load(&autom, dir, &err), TG_OK);
    const char *note = NULL;
    assert_string_equal(tg_model_origin(autom, &note), "image");
    assert_string_equal(note, "");
    assert_string_equal(tg_model_version(src), tg_model_version(img));
    size_t e1, a1, r1, e2, a2, r2;
    tg_model_counts(src, &e1, &a1, &r1);
    tg_model_counts(img, &e2, &a2, &r2);
    assert_int_equal(e1, e2);
    assert_int_equal(a1, a2);
    assert_int_equal(r1, r2);
    image_vocab_like_sources(src, img);
    image_kinds_like_sources(src, img);
    tg_scratch *s1 = NULL, *s2 = NULL;
    assert_int_equal(tg_scratch_new(&s1, src, &err), TG_OK);
    assert_int_equal(tg_scratch_new(&s2, img, &err), TG_OK);
    const char *langs[] = {"en", "uk", "ru"};
    size_t articles = 0, entities = 0;
    for (int l = 0; l < 3; l++) {
        char cdir[600];
        snprintf(cdir, sizeof cdir, "%s/corpora/%s", TEST_SOURCE_DIR, langs[l]);
        struct dirent **names;
        int n = scandir(cdir, &names, NULL, alphasort);
        assert_true(n > 2);
        for (int i = 0; i < n; i++) {
            if (strstr(names[i]->d_name, ".txt")) {
                snprintf(path, sizeof path, "%s/%s", cdir, names[i]->d_name);
                size_t len;
                char *text = test_read_file(path, &len);
                char *a = render(src, s1, text, len), *b = render(img, s2, text, len);
                assert_string_equal(a, b);
                entities += strstr(a, "\"entities\":[]") ? 0 : 1;
                free(a);
                free(b);
                free(text);
                articles++;
            }
            free(names[i]);
        }
        free(names);
    }
    assert_true(articles >= 9);
    assert_true(entities >= articles - 1); /* the comparison saw real output */
    tg_scratch_free(s1);
    tg_scratch_free(s2);
    tg_model_free(src);
    tg_model_free(img);
    tg_model_free(autom);
    remove_dir(dir);
}

static void expect_error(const char *path, const char *what)
{
    tg_model *m = (tg_model *)1;
    tg_error err;
    memset(&err, 0, sizeof err);
    int rc = tg_model_load_file(&m, path, &err);
    assert_int_equal(rc, TG_ERR_DATA);
    assert_null(m);
    assert_string_equal(err.file, path);
    if (!strstr(err.message, what))
        fail_msg("expected '%s' in '%s'", what, err.message);
}

/* Set the mtime of dir/rel to now + secs. */
static void touch(const char *dir, const char *rel, int secs)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    struct timespec ts[2];
    clock_gettime(CLOCK_REALTIME, &ts[0]);
    ts[0].tv_sec += secs;
    ts[1] = ts[0];
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* (b) An edited, added or removed source file makes the image stale: the automatic
 * load falls back to the sources and says why; the explicit load refuses. */
static void stale_images(void **state)
{
    (void)state;
    char dir[64], path[600], added[600];
    compiled_mini(dir, sizeof dir, path, sizeof path);
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(tg_model_load_file(&m, path, &err), TG_OK);
    tg_model_free(m);

    touch(dir, "gazetteers/test.tsv", 5);
    expect_error(path, "stale: gazetteers/test.tsv changed after it was compiled");
    assert_int_equal(tg_model_load(&m, dir, &err), TG_OK);
    const char *note;
    assert_string_equal(tg_model_origin(m, &note), "source");
    assert_non_null(strstr(note, "stale: gazetteers/test.tsv"));
    tg_model_free(m);

    compile_dir(dir); /* fresh again */
    assert_int_equal(tg_model_load(&m, dir, &err), TG_OK);
    assert_string_equal(tg_model_origin(m, &note), "image");
    tg_model_free(m);

    snprintf(added, sizeof added, "%s/rules/extra.rules", dir);
    write_all(added, "# nothing\n", 10);
    expect_error(path, "stale: rules/extra.rules is newer than the compiled model");
    unlink(added);
    assert_int_equal(tg_model_load(&m, dir, &err), TG_OK);
    assert_string_equal(tg_model_origin(m, NULL), "image");
    tg_model_free(m);

    snprintf(added, sizeof added, "%s/gazetteers/generated-towns.tsv", dir);
    unlink(added);
    expect_error(path, "stale: gazetteers/generated-towns.tsv was removed");

    /* An image away from any sources stands alone. */
    char lone[64];
    snprintf(lone, sizeof lone, "/tmp/tg-lone-XXXXXX");
    assert_non_null(mkdtemp(lone));
    char cmd[800], lone_path[600];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s/m.tgm'", path, lone);
    assert_int_equal(system(cmd), 0);
    snprintf(lone_path, sizeof lone_path, "%s/m.tgm", lone);
    assert_int_equal(tg_model_load_file(&m, lone_path, &err), TG_OK);
    tg_model_free(m);
    remove_dir(lone);

    /* An image loaded from an image cannot be compiled again. */
    compile_dir(dir);
    assert_int_equal(tg_model_load_file(&m, path, &err), TG_OK);
    assert_int_equal(tg_model_compile(m, "/tmp/never.tgm", &err), TG_ERR_ARG);
    tg_model_free(m);
    remove_dir(dir);
}

/* (c) Damaged files: each a clear TG_ERR_DATA. */
static void corrupt_images(void **state)
{
    (void)state;
    char dir[64], path[600], bad[600];
    size_t len;
    unsigned char *img = read_mini(dir, path, bad, &len);
    assert_true(len > 4096);
    unsigned char *copy = malloc(len);
    assert_non_null(copy);

    write_all(bad, img, 0);
    expect_error(bad, "truncated: empty file");
    write_all(bad, img, len / 2);
    expect_error(bad, "truncated");
    write_all(bad, img, len - 1);
    expect_error(bad, "truncated");
    /* Every length of the first 300 bytes. */
    for (size_t n = 1; n < 300; n++) {
        write_all(bad, img, n);
        tg_model *m = NULL;
        tg_error err;
        assert_int_equal(tg_model_load_file(&m, bad, &err), TG_ERR_DATA);
        assert_null(m);
    }

    /* Every byte of the header flipped, one at a time. */
    for (size_t i = 0; i < 256; i++) {
        memcpy(copy, img, len);
        copy[i] ^= 0x5a;
        write_all(bad, copy, len);
        tg_model *m = NULL;
        tg_error err;
        if (tg_model_load_file(&m, bad, &err) != TG_ERR_DATA)
            fail_msg("flipped header byte %zu was not caught", i);
    }
    memcpy(copy, img, len);
    copy[100] ^= 1; /* inside the build id */
    write_all(bad, copy, len);
    expect_error(bad, "corrupt: header checksum mismatch");

    /* The section table (bytes 512..1952 of this image: 1024 is in it) and sections. */
    size_t spots[] = {1024, 2048, 4000, len / 3, len / 2, len - 70, len - 1};
    for (size_t k = 0; k < sizeof spots / sizeof spots[0]; k++) {
        memcpy(copy, img, len);
        copy[spots[k]] ^= 0x01;
        write_all(bad, copy, len);
        expect_error(bad, "corrupt: checksum mismatch");
    }
    write_all(bad, img, len);
    FILE *fp = fopen(bad, "ab");
    fputc('x', fp);
    fclose(fp);
    expect_error(bad, "corrupt:");

    /* Another format version: named as such, not as corrupt. */
    memcpy(copy, img, len);
    copy[8] = 99;
    write_all(bad, copy, len);
    char want[96];
    snprintf(want, sizeof want, "format 99, this is tagger %s format %d", TG_VERSION_STRING,
             TG_IMAGE_FORMAT);
    expect_error(bad, want);

    /* Random bytes behind the magic. */
    srand(7);
    for (int round = 0; round < 50; round++) {
        size_t n = 8 + (size_t)(rand() % 5000);
        for (size_t i = 8; i < n; i++)
            copy[i] = (unsigned char)rand();
        memcpy(copy, img, 8);
        if (round % 2) /* and with the right format and header size */
            memcpy(copy + 8, img + 8, 8);
        write_all(bad, copy, n);
        tg_model *m = NULL;
        tg_error err;
        assert_int_equal(tg_model_load_file(&m, bad, &err), TG_ERR_DATA);
    }
    write_all(bad, "hello, world", 12);
    expect_error(bad, "not a compiled tagger model");

    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(tg_model_load_file(&m, "/nonexistent/model.tgm", &err), TG_ERR_IO);
    assert_int_equal(tg_model_load_file(&m, dir, &err), TG_ERR_IO); /* a directory */

    /* A corrupt image beside the sources: the automatic load uses the sources. */
    memcpy(copy, img, len);
    copy[len / 2] ^= 0x10;
    write_all(path, copy, len);
    assert_int_equal(tg_model_load(&m, dir, &err), TG_OK);
    const char *note;
    assert_string_equal(tg_model_origin(m, &note), "source");
    assert_non_null(strstr(note, "corrupt: checksum mismatch"));
    tg_model_free(m);

    free(copy);
    free(img);
    remove_dir(dir);
}

/* The lines of /proc/self/maps that map the file at `path`. */
static size_t count_mappings(const char *path)
{
    FILE *fp = fopen("/proc/self/maps", "r");
    assert_non_null(fp);
    size_t n = 0;
    char line[4096];
    while (fgets(line, sizeof line, fp))
        n += strstr(line, path) != NULL;
    fclose(fp);
    return n;
}

/* (d) Loading and freeing an image again and again leaves no mapping of it behind
 * (and, under ASan, no leak). The image's own mappings are counted, not the
 * process's: an allocator may map more as it pleases (ASan's quarantine of freed
 * blocks grows its regions now and then), which says nothing about the image. */
static void load_free_leaves_nothing(void **state)
{
    (void)state;
    char dir[64], path[600];
    compiled_mini(dir, sizeof dir, path, sizeof path);
    tg_model *m = NULL;
    tg_error err;
    for (int i = 0; i < 30; i++) {
        assert_int_equal(tg_model_load_file(&m, path, &err), TG_OK);
        assert_true(count_mappings(path) >= 1); /* mapped, not read into memory */
        tg_scratch *s = NULL;
        assert_int_equal(tg_scratch_new(&s, m, &err), TG_OK);
        char *json = render(m, s, "Moscow said on Monday.", 22);
        free(json);
        tg_scratch_free(s);
        tg_model_free(m);
        assert_int_equal(count_mappings(path), 0);
    }
    tg_model_free(NULL);
    remove_dir(dir);
}

/* Where section `id` of an image lies, and how many elements it has. */
static unsigned char *find_section(unsigned char *img, uint32_t id, uint64_t *count)
{
    tg_image_header h;
    memcpy(&h, img, sizeof h);
    for (uint64_t i = 0; i < h.table_count; i++) {
        tg_image_section sec;
        memcpy(&sec, img + h.table_off + i * sizeof sec, sizeof sec);
        if (sec.id == id) {
            *count = sec.count;
            return img + sec.off;
        }
    }
    fail_msg("no section %u", id);
    return NULL;
}

/* (e) The trie's checks hold on their own: a file edited and then given right
 * checksums (what a checksum cannot catch) is still refused, with what is wrong. */
static void crafted_trie(void **state)
{
    (void)state;
    char dir[64], path[600], bad[600];
    size_t len;
    unsigned char *img = read_mini(dir, path, bad, &len);
    unsigned char *copy = malloc(len);
    assert_non_null(copy);
    uint64_t nodes = 0, naliases = 0, nslots = 0;
    size_t depth_at = (size_t)(find_section(img, TG_IMG_SEC_NODE_DEPTH, &nodes) - img);
    size_t alias_at = (size_t)(find_section(img, TG_IMG_SEC_ALIASES, &naliases) - img);
    size_t vals_at = (size_t)(find_section(img, TG_IMG_SEC_EDGE_VALS, &nslots) - img);
    assert_true(nodes > 2 && naliases > 1);

    /* Unchanged but for the checksums: loads. */
    memcpy(copy, img, len);
    tg_image_fix_checksums(copy, len);
    write_all(bad, copy, len);
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(tg_model_load_file(&m, bad, &err), TG_OK);
    tg_model_free(m);

    /* The root not at depth 0. */
    memcpy(copy, img, len);
    uint16_t d = 1;
    memcpy(copy + depth_at, &d, sizeof d);
    tg_image_fix_checksums(copy, len);
    write_all(bad, copy, len);
    expect_error(bad, "corrupt: trie: the root at depth 1");

    /* Each node one deeper than it is: its edges (in and out) no longer step by one,
     * or, for a leaf, its aliases' lengths no longer match. */
    for (uint64_t n = 1; n < nodes; n++) {
        memcpy(copy, img, len);
        memcpy(&d, img + depth_at + 2 * n, sizeof d);
        d++;
        memcpy(copy + depth_at + 2 * n, &d, sizeof d);
        tg_image_fix_checksums(copy, len);
        write_all(bad, copy, len);
        expect_error(bad, "corrupt: trie: edge");
    }

    /* An edge to a node past the end. */
    memcpy(copy, img, len);
    for (uint64_t i = 0; i < nslots; i++) {
        uint32_t v;
        memcpy(&v, img + vals_at + 4 * i, sizeof v);
        if (v != 0) {
            v = (uint32_t)nodes;
            memcpy(copy + vals_at + 4 * i, &v, sizeof v);
            break;
        }
    }
    tg_image_fix_checksums(copy, len);
    write_all(bad, copy, len);
    expect_error(bad, "corrupt: trie: edge");

    /* An alias chain that loops (next = itself), or runs to a later alias. */
    for (uint32_t next = 0; next < 2; next++) {
        memcpy(copy, img, len);
        tg_alias a;
        memcpy(&a, img + alias_at, sizeof a);
        a.next = next;
        memcpy(copy + alias_at, &a, sizeof a);
        tg_image_fix_checksums(copy, len);
        write_all(bad, copy, len);
        expect_error(bad, "corrupt: alias 0: next");
    }
    /* An alias one token longer than its node is deep. */
    memcpy(copy, img, len);
    tg_alias a;
    memcpy(&a, img + alias_at + sizeof a, sizeof a);
    a.ntokens++;
    memcpy(copy + alias_at + sizeof a, &a, sizeof a);
    tg_image_fix_checksums(copy, len);
    write_all(bad, copy, len);
    expect_error(bad, "corrupt:");

    free(copy);
    free(img);
    remove_dir(dir);
}

/* (e2) An image of a megabyte or more (the default model's) has its checksum worked
 * out on a thread beside the build and its checks: damage is still named a checksum
 * mismatch, in the middle of the file or where a structural check would fail too
 * (the root's depth), and nothing is leaked or read after the unmapping (ASan). */
static void damaged_large_image(void **state)
{
    (void)state;
    char dir[64], path[600], bad[600];
    copy_model(TEST_SOURCE_DIR, dir, sizeof dir);
    compile_dir(dir);
    snprintf(path, sizeof path, "%s/model.tgm", dir);
    snprintf(bad, sizeof bad, "%s/bad.tgm", dir);
    size_t len;
    unsigned char *img = (unsigned char *)test_read_file(path, &len);
    assert_true(len >= ((size_t)1 << 20));
    uint64_t nodes = 0;
    size_t depth_at = (size_t)(find_section(img, TG_IMG_SEC_NODE_DEPTH, &nodes) - img);
    size_t at[] = {len / 2, depth_at};
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        img[at[i]] ^= 0x01;
        write_all(bad, img, len);
        expect_error(bad, "corrupt: checksum mismatch");
        img[at[i]] ^= 0x01;
    }
    write_all(bad, img, len); /* the same bytes again: loads */
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(tg_model_load_file(&m, bad, &err), TG_OK);
    tg_model_free(m);
    free(img);
    remove_dir(dir);
}

/* (f) The rules are compiled at their first attempt and JIT-compiled once they are
 * hot, not at load: a load compiles nothing, a rule without a window in a text is
 * not compiled by it, a rule's first TG_RULE_JIT_AFTER attempts run in the
 * interpreter, the next JIT-compiles a copy of its code (never the code the
 * interpreter may be running), and the answers are the same either way. */
static void rules_jit_when_hot(void **state)
{
    (void)state;
    char dir[64], path[600];
    compiled_mini(dir, sizeof dir, path, sizeof path);
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(tg_model_load_file(&m, path, &err), TG_OK);
    assert_true(m->rules.v.n >= 2);
    assert_int_equal(m->rules.njit, m->rules.v.n);
    size_t year = SIZE_MAX;
    for (size_t i = 0; i < m->rules.v.n; i++) {
        assert_null(m->rules.v.v[i].code);
        assert_null(m->rules.jit[i].code);
        assert_int_equal(m->rules.jit[i].tries, 0);
        if (!strcmp(tg_model_str(m, m->rules.v.v[i].name), "year"))
            year = i;
    }
    assert_true(year != SIZE_MAX);
    tg_scratch *s = NULL;
    assert_int_equal(tg_scratch_new(&s, m, &err), TG_OK);
    /* No "in" or "since" before a year: the year rule has no window, and is not
     * compiled; the rule without literals runs on every text. */
    char *none = render(m, s, "Nothing at all.", 15);
    free(none);
    assert_null(m->rules.v.v[year].code);
    assert_int_equal(m->rules.jit[year].tries, 0);
    for (size_t i = 0; i < m->rules.v.n; i++)
        if (i != year)
            assert_non_null(m->rules.v.v[i].code);
    const char *text = "Founded in 1990.";
    char *first = render(m, s, text, strlen(text));
    assert_non_null(strstr(first, "1990"));
    assert_non_null(m->rules.v.v[year].code);
    assert_null(m->rules.jit[year].code); /* one attempt: interpreted */
    for (int i = 0; i < TG_RULE_JIT_AFTER + 1; i++) {
        char *json = render(m, s, text, strlen(text));
        assert_string_equal(json, first);
        free(json);
    }
    const pcre2_code *jit = m->rules.jit[year].code;
    assert_non_null(jit);
    uint32_t has_jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &has_jit);
    size_t size = 0;
    assert_int_equal(pcre2_pattern_info(jit, PCRE2_INFO_JITSIZE, &size), 0);
#ifndef TG_NO_JIT
    if (has_jit)
        assert_true(size > 0);
#endif
    for (size_t i = 0; i < m->rules.v.n; i++) {
        /* The rules' own codes are never JIT-compiled. */
        size = 1;
        assert_int_equal(pcre2_pattern_info(m->rules.v.v[i].code, PCRE2_INFO_JITSIZE, &size), 0);
        assert_int_equal(size, 0);
    }
    free(first);
    tg_scratch_free(s);
    tg_model_free(m);
    remove_dir(dir);
}

/* The tagging of text with m: its JSON and its warnings, one per line. */
static void tag_warned(const tg_model *m, const char *text, char **json, char *warnings,
                       size_t cap)
{
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, m, NULL, text, strlen(text), NULL, &err), TG_OK);
    assert_int_equal(tg_result_to_json(r, m, "doc", json, NULL), TG_OK);
    warnings[0] = '\0';
    for (size_t i = 0; i < tg_result_warning_count(r); i++) {
        size_t n = strlen(warnings);
        snprintf(warnings + n, cap - n, "%s\n", tg_result_warning(r, i));
    }
    tg_result_free(r);
}

/* Replace the only occurrence of `from` in img by `to` (as long). */
static void replace_once(unsigned char *img, size_t len, const char *from, const char *to)
{
    size_t n = strlen(from);
    assert_int_equal(strlen(to), n);
    unsigned char *at = memmem(img, len, from, n);
    assert_non_null(at);
    assert_null(memmem(at + 1, len - (size_t)(at + 1 - img), from, n));
    memcpy(at, to, n);
}

/* (g) A pattern is checked when it is compiled, at its rule's first attempt: a
 * crafted image (edited, then given right checksums) whose pattern does not compile,
 * or has no group where its rule reports one, loads; that rule runs nowhere, with a
 * warning on each document that would run it, and the others tag as before. */
static void crafted_patterns(void **state)
{
    (void)state;
    char dir[64], path[600], bad[600];
    size_t len;
    unsigned char *img = read_mini(dir, path, bad, &len);
    const char *text = "Founded in 1990.";
    char *json, warnings[512];
    static const struct {
        const char *from, *to, *broken, *kept;
    } edits[] = {
        {"(a+)+$", "(a+)+(", "backtrack", "\"1990\""},
        {"((?:19|20)\\d\\d)", "(?:[12]\\d{3,3})", "year", NULL},
    };
    for (size_t e = 0; e < sizeof edits / sizeof *edits; e++) {
        unsigned char *copy = malloc(len);
        assert_non_null(copy);
        memcpy(copy, img, len);
        replace_once(copy, len, edits[e].from, edits[e].to);
        tg_image_fix_checksums(copy, len);
        write_all(bad, copy, len);
        free(copy);
        tg_model *m = NULL;
        tg_error err;
        assert_int_equal(tg_model_load_file(&m, bad, &err), TG_OK);
        for (int twice = 0; twice < 2; twice++) {
            tag_warned(m, text, &json, warnings, sizeof warnings);
            assert_non_null(strstr(warnings, edits[e].broken));
            assert_non_null(strstr(warnings, "its pattern does not compile"));
            assert_ptr_equal(strchr(warnings, '\n'), strrchr(warnings, '\n')); /* one */
            if (edits[e].kept)
                assert_non_null(strstr(json, edits[e].kept));
            else
                assert_null(strstr(json, "\"DATE\""));
            free(json);
        }
        tg_model_free(m);
    }
    free(img);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(image_tags_like_sources),
        cmocka_unit_test(stale_images),
        cmocka_unit_test(corrupt_images),
        cmocka_unit_test(load_free_leaves_nothing),
        cmocka_unit_test(crafted_trie),
        cmocka_unit_test(damaged_large_image),
        cmocka_unit_test(rules_jit_when_hot),
        cmocka_unit_test(crafted_patterns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
