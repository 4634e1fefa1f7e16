/*
 * test_rules_scan.c - the literal scan of the rule engine (rules.c, find_windows)
 * against its definition.
 *
 * tg_rules_scan runs a windowed rule only where the scan of the folded tokens found
 * one of its literals. The scan is fast by skipping: literals that must start a
 * token are looked for only at token starts, the rest inside words only where a
 * table of first pairs and a sieve let them through, a given name's literal inside a
 * word only after a non-word character, and a rule's literals not at all for the rest
 * of a line where they cannot change its windows. tg_rules_windows(..., plain = 1)
 * does none of that: it tries every literal at every character and lets literal_hit
 * judge, and there barrier_hit walks back over the bytes where the scan reads the
 * last barrier character of each kind noted in the tokens before (and looks back for
 * an apostrophe). Every rule must get the very same windows both ways, on the
 * corpora, on the evaluation news when present, and on random texts made of the
 * rules' own literals cut and joined with letters, capitals, digits (near the
 * literals and far from them, on their line and not), apostrophes, marks,
 * punctuation and line breaks, where a wrong skip would show.
 *
 * That comparison cannot judge what both ways share: literal_hit, which turns down an
 * anchored rule that needs a digit where none follows on the line or whose reaches
 * fail (lead_hit), and a rule led by a digit where no figure comes before its literal
 * (barrier_hit). So texts of year and number cues, units and punctuation, digits
 * before and after them, are also run through tg_rules_scan with the windows and with
 * every rule over the whole text: the same matches.
 */
#include "harness.h"
#include "eval_texts.h"
#include "rule_matches.h"

#include "model.h"
#include "reach_tokens.h"
#include "rules.h"
#include "token.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct ctx {
    tg_model *m;
    tg_token_vec tokens;
    tg_char_vec norm;
    tg_rules_scratch fast, plain;
    size_t texts, windows, rules_with_windows;
    unsigned char seen[1024]; /* rules that got a window somewhere */
} ctx;

/* Compare rule k's windows in the two scratches; fail naming the first difference. */
static void same_windows(ctx *c, uint32_t k, const char *text, const char *what,
                         unsigned lang_bit)
{
    const tg_rules_scratch *a = &c->fast, *b = &c->plain;
    uint32_t wa = a->head.v[k], wb = b->head.v[k];
    for (size_t n = 0;; n++) {
        if (wa == TG_NONE && wb == TG_NONE)
            return;
        const tg_rule_window *x = wa != TG_NONE ? &a->win.v[wa] : NULL;
        const tg_rule_window *y = wb != TG_NONE ? &b->win.v[wb] : NULL;
        if (!x || !y || x->start != y->start || x->end != y->end || x->lit_end != y->lit_end) {
            const tg_rule_window *w = y ? y : x;
            fail_msg("%s (lang bit %u): rule %s, window %zu: scan %u-%u (%u), plain %u-%u "
                     "(%u), at '%.40s'",
                     what, lang_bit, tg_model_str(c->m, c->m->rules.v.v[k].name), n,
                     x ? x->start : 0, x ? x->end : 0, x ? x->lit_end : 0, y ? y->start : 0,
                     y ? y->end : 0, y ? y->lit_end : 0, text + w->start);
        }
        c->windows++;
        if (k < sizeof c->seen)
            c->seen[k] = 1;
        wa = x->next;
        wb = y->next;
    }
}

static void check_text_langs(ctx *c, const char *text, size_t len, const char *what,
                             const unsigned *langs, size_t nlangs)
{
    tg_model *m = c->m;
    if (tg_utf8_check(text, len) != len)
        return;
    assert_int_equal(tg_tokenize(&m->fold, text, len, &c->tokens, &c->norm), 0);
    /* The folded text in a block of its own size, so that under ASan a read past its
     * end (the scan takes the text's last token apart for that) would fail. */
    char *norm = malloc(c->norm.n ? c->norm.n : 1);
    assert_non_null(norm);
    memcpy(norm, c->norm.v, c->norm.n);
    for (size_t l = 0; l < nlangs; l++) {
        assert_int_equal(tg_rules_windows(m, langs[l], text, len, c->tokens.v, c->tokens.n,
                                          norm, c->norm.n, &c->fast, 0),
                         0);
        assert_int_equal(tg_rules_windows(m, langs[l], text, len, c->tokens.v, c->tokens.n,
                                          c->norm.v, c->norm.n, &c->plain, 1),
                         0);
        for (uint32_t k = 0; k < m->rules.v.n; k++)
            same_windows(c, k, text, what, langs[l]);
    }
    free(norm);
    c->texts++;
}

static void check_text(ctx *c, const char *text, size_t len, const char *what)
{
    static const unsigned langs[] = {0, TG_LANG_EN, TG_LANG_UK, TG_LANG_RU};
    check_text_langs(c, text, len, what, langs, sizeof langs / sizeof *langs);
}

/* Up to max_records records of an evaluation file, when there is one. */
static void check_news_text(void *arg, const char *text, size_t len, const char *lang,
                            const char *path)
{
    (void)lang; /* check_text tries every language setting */
    check_text(arg, text, len, path);
}

static void check_jsonl(ctx *c, const char *name, size_t max_records)
{
    eval_texts_each(name, max_records, check_news_text, c);
}

/* Append a piece to buf (room checked by the caller). */
static size_t put(char *buf, size_t n, const char *s, size_t len)
{
    memcpy(buf + n, s, len);
    return n + len;
}

/* A random text: the rules' literals (whole, cut, or with a capital first letter)
 * among words, digits and the characters the scan's skips depend on. */
static size_t random_text(const tg_model *m, uint64_t *seed, char *buf, size_t room)
{
    static const char *const pieces[] = {
        " ", " ", " ", "  ", "\n", "\n\n", ".", ",", "'", "\xe2\x80\x99", "-", "/", ":",
        "$", "%", "(", ")", "\"", "0", "1", "20", "3.5", "1,200", "a", "e", "m", "th",
        "an", "in", "A", "M", "T", "\xd0\xb0", "\xd0\x90", "\xd0\xbd", "\xd0\xbe",
        "\xd0\x9e", "\xd1\x96", "\xd0\x86", "\xcc\x81", /* a combining acute */
        "\xc3\xa9", "\xe2\x93\x90", "\xd2\x83", "x", "St", "Mr", "km", "O'", "d'",
        /* the rest of the barrier characters (barrier_hit reads them from the tokens, an
         * apostrophe also inside a word or before a possessive's s) */
        ";", "!", "?", "[", "]", "{", "}", "|", "`", "'s", "n't", "'t",
        /* words of several lengths, so that a digit is within the reach of a year or
         * date cue's literal or just past it, before a unit's on its line or not: the
         * scan drops those rules' literals far from every digit (digit_far.h) */
        "the ", "in ", "word ", "government ", "administration ", "1990", "2024 ", "\n7",
        /* literals that go on in their word or token, which try_literal turns down
         * before literal_hit (wordend, tokend): "ha" in "that", "the" in "there" */
        "that ", "has", "name", "there", "other", "ha", "am", "5ft", "1.13bn"};
    const size_t npieces = sizeof pieces / sizeof *pieces;
    const tg_rules *r = &m->rules;
    size_t n = 0;
    size_t parts = 1 + xorshift(seed) % 120;
    for (size_t i = 0; i < parts && n + 64 < room; i++) {
        uint64_t x = xorshift(seed);
        if (x % 3 == 0 && r->lits.n > 0) {
            const tg_rule_lit *l = &r->lits.v[(x >> 8) % r->lits.n];
            const char *b = r->lit_bytes.v + l->off;
            size_t len = l->len;
            if ((x >> 40) % 4 == 0) { /* cut at a character boundary */
                size_t cut = 1 + (x >> 44) % len;
                while (cut < len && ((unsigned char)b[cut] & 0xC0) == 0x80)
                    cut++;
                len = cut;
            }
            if (n + len + 4 >= room)
                break;
            size_t at = n;
            n = put(buf, n, b, len);
            /* a capital first letter, as names are written */
            if ((x >> 50) % 2 && buf[at] >= 'a' && buf[at] <= 'z')
                buf[at] = (char)(buf[at] - 'a' + 'A');
            else if ((x >> 50) % 2 && (unsigned char)buf[at] == 0xD0 && at + 1 < n &&
                     (unsigned char)buf[at + 1] >= 0xB0 && (unsigned char)buf[at + 1] <= 0xBF)
                buf[at + 1] = (char)(buf[at + 1] - 0x20); /* а..п to А..П */
        } else {
            const char *p = pieces[(x >> 8) % npieces];
            n = put(buf, n, p, strlen(p));
        }
    }
    return n;
}

/* A ctx for the model in dir. */
static ctx *ctx_new(const char *dir)
{
    ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    assert_int_equal(test_load_model(&c->m, dir), 0);
    assert_true(c->m->rules.lits.n > 0);
    return c;
}

static void ctx_free(ctx *c)
{
    tg_rules_scratch_free(&c->fast);
    tg_rules_scratch_free(&c->plain);
    vec_free(c->tokens);
    vec_free(c->norm);
    tg_model_free(c->m);
    free(c);
}

static void test_same_windows(void **state)
{
    (void)state;
    ctx *c = ctx_new(TEST_SOURCE_DIR);
    corpus_texts_each("en", check_news_text, c);
    corpus_texts_each("uk", check_news_text, c);
    corpus_texts_each("ru", check_news_text, c);
    check_jsonl(c, "bulk-en.jsonl", 150);
    check_jsonl(c, "slavicner-uk-ru-dev.jsonl", 150);
    check_jsonl(c, "ner-uk-dev.jsonl", 100);
    check_jsonl(c, "factrueval-dev.jsonl", 50);
    size_t real_windows = c->windows;
    /* Every literal as a whole text, and with a letter after it: the text's last
     * token, which the scan takes apart from the others (scan_last_token), and a literal
     * that wants a word's or token's end there. */
    for (size_t i = 0; i < c->m->rules.lits.n; i++) {
        const tg_rule_lit *l = &c->m->rules.lits.v[i];
        char text[300];
        memcpy(text, c->m->rules.lit_bytes.v + l->off, l->len);
        check_text(c, text, l->len, "a literal alone");
        text[l->len] = 's';
        check_text(c, text, l->len + 1, "a literal and a letter");
        memcpy(text, "x ", 2);
        memcpy(text + 2, c->m->rules.lit_bytes.v + l->off, l->len);
        check_text(c, text, l->len + 2, "a literal after a word");
        /* at a word's end and inside it, where word_literals_at looks again at the
         * short ones that want a word's or a token's end */
        text[1] = 'y';
        check_text(c, text, l->len + 2, "a literal ending a word");
        text[l->len + 2] = 'z';
        check_text(c, text, l->len + 3, "a literal inside a word");
        text[l->len + 3] = '.';
        check_text(c, text, l->len + 4, "a literal inside a word, and a stop");
    }
    uint64_t seed = 0x9E3779B97F4A7C15u;
    static char buf[8192];
    for (int i = 0; i < 2000; i++) {
        size_t len = random_text(c->m, &seed, buf, sizeof buf);
        char what[64];
        snprintf(what, sizeof what, "random text %d", i);
        check_text(c, buf, len, what);
    }
    /* Not an empty comparison: real texts and random ones give windows, to many
     * rules. */
    assert_true(real_windows > 100);
    assert_true(c->windows > real_windows + 1000);
    size_t rules = 0;
    for (size_t k = 0; k < sizeof c->seen; k++)
        rules += c->seen[k];
    assert_true(rules >= c->m->rules.v.n / 2);
    ctx_free(c);
}

/* The scan passes over the inner positions of a word of ASCII letters far from every
 * digit when the next token is far too (far_word_inner_out, rules.c). Where the next
 * one is near a figure, "the" of the decades may end the word ("breathe") or start at
 * its last "t" and go on into the next token ("that he"): words before a stretch of
 * 0-40 letters and a figure, so that one of the stretches puts the word just out of
 * the decade rule's reach and the token after it just in. */
static void test_far_word_ends(void **state)
{
    (void)state;
    ctx *c = ctx_new(TEST_SOURCE_DIR);
    /* (and words that start with ASCII but hold Cyrillic, where the literals of the
     * Cyrillic bodies may start inside: the scan looks there) */
    static const char *const words[] = {"breathe", "bathe", "Clothe", "that", "sat",
                                        "at",      "xфонд", "Zцентру", "y\xcc\x81the"};
    static const char *const after[] = {"", " he", "he", " the", "'s"};
    static const char *const figures[] = {"1990s", "2024", "7", ""};
    const size_t nw = sizeof words / sizeof *words, na = sizeof after / sizeof *after;
    for (size_t w = 0; w < nw; w++)
        for (size_t a = 0; a < na; a++)
            for (size_t f = 0; f < sizeof figures / sizeof *figures; f++)
                for (int gap = 0; gap <= 40; gap++) {
                    char text[128];
                    int n = snprintf(text, sizeof text, "word %s%s %.*s %s", words[w],
                                     after[a], gap, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                                     figures[f]);
                    check_text(c, text, (size_t)n, "a word far from a figure");
                }
    assert_true(c->windows > 100); /* not an empty comparison */
    ctx_free(c);
}

/* Write text to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* A model directory of its own in dir (a mkdtemp template): one town in the gazetteer,
 * the repository's topics, and rules/name holding rules. */
static void make_model_dir(char *dir, const char *name, const char *rules)
{
    char sub[64];
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/gazetteers", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/rules", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file(dir, "gazetteers/places.tsv",
               "id\ttype\tsubtype\tname\ttopics\ten\tuk\n"
               "city:clinton\tPLACE\tcity\tClinton\t-\tClinton\t-\n");
    write_file(dir, name, rules);
    snprintf(sub, sizeof sub, "%s/rules/topics.tsv", dir);
    assert_int_equal(symlink(TEST_SOURCE_DIR "/rules/topics.tsv", sub), 0);
}

/* Remove what make_model_dir (and the test after it) wrote. */
static void remove_model_dir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* The same as test_far_word_ends where it shows: the default model's "the" of the
 * decades wants a figure within 8 characters, and the far answers count to 21
 * (another rule's reach), so that a word out of that count ends too far from the
 * figure for it. A model of one rule whose literal "yy" may end a word and wants a
 * figure two characters on: "abyy 1990s" is out of the count (four characters before
 * the figure) where the figure's token is in it. */
static void test_far_word_before_figure(void **state)
{
    (void)state;
    char dir[] = "/tmp/tg-rules-scan-XXXXXX";
    make_model_dir(dir, "rules/figure.rules",
                   "rule yy_decade\ntype DATE\nsubtype decade\nlang en\ngroup 1\n"
                   "pattern \\byy\\h+((?:1[89]|20)\\d0s)\\b\n");
    ctx *c = ctx_new(dir);
    assert_true(c->m->rules.far_reach > 0 && c->m->rules.far_reach < 4);
    static const char *const texts[] = {"word abyy 1990s", "abyy 2000s", "x, abyy 1890s.",
                                        "abyy word 1990s", "zzzzzzyy 1990s\nabyy",
                                        "abyy\n1990s abyy 1990s"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        check_text(c, texts[i], strlen(texts[i]), texts[i]);
    assert_true(c->windows >= 4); /* not an empty comparison */
    assert_int_equal(c->m->rules.far_word_inner, 0);
    ctx_free(c);
    /* And with a rule whose literal may start inside such a word far from any figure
     * (far_word_inner), the scan looks there. */
    write_file(dir, "rules/word.rules",
               "rule qq_word\ntype DATE\nsubtype decade\nlang en\npattern qq[a-z]\n");
    c = ctx_new(dir);
    assert_int_equal(c->m->rules.far_word_inner, 1);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char text[64];
        snprintf(text, sizeof text, "abqqz xqqq word %s", texts[i]);
        check_text(c, text, strlen(text), text);
    }
    assert_true(c->windows >= 12);
    ctx_free(c);
    remove_model_dir(dir);
}

/* A rule led by a digit whose unit comes no more than three stretches of whitespace
 * after the figure: a token with no figure within the rules' largest words before it
 * is far (DF_BEFORE, digit_far.h) though its line has one, and its literals are left
 * out there. The figure 0-6 words of 1-3 letters before the unit, with gaps of one
 * space, two, a tab, a no-break space, an em space, a possessive's 's and none (each
 * counted as barrier_hit counts stretches): the same windows as the definition's,
 * where a token left out too soon would lose one. A rule with no bound in words
 * leaves the line alone to count (far_words 0). */
static void test_far_words_before_unit(void **state)
{
    (void)state;
    char dir[] = "/tmp/tg-rules-scan-XXXXXX";
    make_model_dir(dir, "rules/unit.rules",
                   "rule zunit\ntype QUANTITY\nsubtype unit\nlang en\n"
                   "pattern \\b\\d+(?:\\h+[a-z]+){0,2}\\h+zunits\\b\n");
    ctx *c = ctx_new(dir);
    const uint32_t words = c->m->rules.far_words[TG_LANG_EN];
    assert_true(words >= 3 && words <= 4);
    assert_int_equal(c->m->rules.far_words[0], words); /* (every rule's) */
    assert_int_equal(c->m->rules.far_words[TG_LANG_UK], 0); /* (none) */
    static const char *const gaps[] = {" ", "  ", "\t", "\xc2\xa0", "\xe2\x80\x83", "'s ", ""};
    static const char *const fill[] = {"a", "bb", "ccc"};
    const size_t ngaps = sizeof gaps / sizeof *gaps;
    for (size_t g = 0; g < ngaps; g++)
        for (size_t h = 0; h < ngaps; h++)
            for (size_t n = 0; n <= 6; n++) {
                char text[256];
                size_t len = (size_t)snprintf(text, sizeof text, "x 12 zunits; 7");
                for (size_t i = 0; i < n; i++)
                    len += (size_t)snprintf(text + len, sizeof text - len, "%s%s",
                                            i % 2 ? gaps[h] : gaps[g], fill[(i + g) % 3]);
                len += (size_t)snprintf(text + len, sizeof text - len, "%szunits zunits",
                                        gaps[(g + h + n) % ngaps]);
                check_text(c, text, len, text);
            }
    assert_true(c->windows > 400); /* not an empty comparison */
    ctx_free(c);
    write_file(dir, "rules/unbound.rules",
               "rule zunbound\ntype QUANTITY\nsubtype unit\nlang en\n"
               "pattern \\b\\d+(?:\\h+[a-z]+)*\\h+zunbound\\b\n");
    c = ctx_new(dir);
    assert_int_equal(c->m->rules.far_words[TG_LANG_EN], 0);
    ctx_free(c);
    remove_model_dir(dir);
}

/* 1500 texts of 1-40 random pieces, each followed by a random gap, in the languages
 * given in turn: the rules find the same matches with their windows as over the whole
 * text (assert_same_rule_matches). Returns the number of matches found. */
static size_t same_matches_on_random_texts(tg_model *m, const char *const *pieces,
                                           size_t npieces, const char *const *gaps,
                                           size_t ngaps, const unsigned *langs, size_t nlangs,
                                           uint64_t seed)
{
    tg_token_vec tokens = {0};
    tg_char_vec norm = {0};
    tg_rules_scratch rs = {0};
    tg_rule_match_vec with = {0}, without = {0};
    pcre2_match_data *md = tg_rules_match_data(&m->rules);
    assert_non_null(md);
    size_t matches = 0;
    char text[2048];
    for (int doc = 0; doc < 1500; doc++) {
        size_t n = 0, words = 1 + xorshift(&seed) % 40;
        for (size_t w = 0; w < words; w++) {
            uint64_t x = xorshift(&seed);
            const char *p = pieces[(x >> 8) % npieces];
            const char *g = gaps[(x >> 40) % ngaps];
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", p, g);
        }
        assert_same_rule_matches(m, text, n, langs[doc % nlangs], &tokens, &norm, &rs, md,
                                 &with, &without, "random text");
        matches += with.n;
    }
    pcre2_match_data_free(md);
    vec_free(tokens);
    vec_free(norm);
    vec_free(with);
    vec_free(without);
    tg_rules_scratch_free(&rs);
    return matches;
}

/* find_windows turns the rules of other languages down from a row of skip_of_lang
 * for each lang_bit below TG_SKIP_LANGS, or rule by rule above: the same windows as
 * the definition's for unions of languages and for a bit past the table, on texts
 * with the literals of English, Ukrainian and Russian rules. */
static void test_skip_of_lang(void **state)
{
    (void)state;
    ctx *c = ctx_new(TEST_SOURCE_DIR);
    const tg_rules *r = &c->m->rules;
    assert_int_equal(r->skip_of_lang.n, TG_SKIP_LANGS * r->v.n);
    static const unsigned langs[] = {TG_LANG_EN | TG_LANG_UK, TG_LANG_UK | TG_LANG_RU,
                                     TG_LANG_OTHER,          TG_LANG_EN | TG_LANG_OTHER,
                                     TG_SKIP_LANGS,          TG_SKIP_LANGS | TG_LANG_RU,
                                     TG_LANG_RU,             0};
    static const char *const texts[] = {
        "President Joe Biden met Mr Smith in 2024 at the summit in Kyiv, 5 km away, $3bn.",
        "ÐÑÐµÐ·Ð¸Ð´ÐµÐ½Ñ "
        "ÐÐ¾Ð»Ð¾Ð´Ð¸Ð¼Ð¸Ñ "
        "ÐÐµÐ»ÐµÐ½ÑÑÐºÐ¸Ð¹ "
        "29 Ð»Ð¸Ð¿Ð½Ñ 2025 ÑÐ¾ÐºÑ "
        "Ñ Ð¼ÑÑÑÑ ÐÐ´ÐµÑÐ°, "
        "Ð² Ð³Ð¾ÑÐ¾Ð´Ðµ ÐÑÑÑÐº."};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        check_text_langs(c, texts[i], strlen(texts[i]), texts[i], langs,
                         sizeof langs / sizeof *langs);
    assert_true(c->windows >= 40); /* not an empty comparison */
    ctx_free(c);
}

/* tg_rules_scan runs the rules with a window and those that are not windowed alone
 * (tg_rules_scratch.active, tg_rules.unwindowed), in the model's order. A model of
 * windowed rules around two that are not (one led by a class of character, one that
 * may match across a line): the same matches with the windows as without, each rule's
 * matches appended in the model's order, and a text where none of the windowed rules
 * has a literal still gets the others'. */
static void test_rules_without_windows(void **state)
{
    (void)state;
    char dir[] = "/tmp/tg-rules-scan-XXXXXX";
    make_model_dir(dir, "rules/mixed.rules",
                   "rule ww_first\ntype EVENT\nsubtype contest\npattern \\bwwfoo\\b\n"
                   "rule cc_class\ntype PRODUCT\nsubtype aircraft\npattern [A-Z]{2}\\d{3}\\b\n"
                   "rule ww_middle\ntype EVENT\nsubtype contest\npattern \\bwwbar\\h+\\d+\n"
                   "rule ll_lines\ntype EVENT\nsubtype contest\npattern zzq\\s+\\w+\n"
                   "rule ww_last\ntype EVENT\nsubtype contest\npattern \\bwwbaz\\b\n");
    tg_model *m;
    assert_int_equal(test_load_model(&m, dir), 0);
    const tg_rules *r = &m->rules;
    assert_int_equal(r->v.n, 5);
    assert_non_null(r->by_pair);
    assert_int_equal(r->unwindowed.n, 1);
    assert_int_equal(r->unwindowed.v[0], 1u << 1 | 1u << 3); /* cc_class, ll_lines */
    tg_token_vec tokens = {0};
    tg_char_vec norm = {0};
    tg_rules_scratch rs = {0};
    tg_rule_match_vec with = {0}, without = {0};
    pcre2_match_data *md = tg_rules_match_data(r);
    assert_non_null(md);
    static const char *const texts[] = {
        "wwbaz AB123 zzq\nnext wwfoo wwbar 12", "nothing windowed: AB123 and zzq\nhere",
        "wwbar 7 wwbaz wwfoo", "AB123", "wwfoo zzq word CD456 wwbaz"};
    static const size_t want[] = {5, 2, 3, 1, 4};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        size_t len = strlen(texts[i]);
        assert_int_equal(tg_tokenize(&m->fold, texts[i], len, &tokens, &norm), 0);
        assert_int_equal(tg_rules_scan(m, TG_LANG_EN, texts[i], len, tokens.v, tokens.n, norm.v,
                                       norm.n, &rs, md, &with, NULL, NULL),
                         0);
        assert_int_equal(with.n, want[i]);
        for (size_t j = 1; j < with.n; j++)
            assert_true(with.v[j - 1].rule <= with.v[j].rule); /* the model's order */
        assert_same_rule_matches(m, texts[i], len, TG_LANG_EN, &tokens, &norm, &rs, md, &with,
                                 &without, texts[i]);
    }
    pcre2_match_data_free(md);
    vec_free(tokens);
    vec_free(norm);
    vec_free(with);
    vec_free(without);
    tg_rules_scratch_free(&rs);
    tg_model_free(m);
    remove_model_dir(dir);
}

/* Cues of a year, a decade, a time, a sum before a number (an anchored rule that needs
 * a digit, whose reaches lead_hit checks), and numbers before them, after them, or none
 * on the line; units and punctuation after numbers or without one (a rule led by a
 * digit gets no window where none precedes its literal). */
static void test_digit_after_lead(void **state)
{
    (void)state;
    tg_model *m;
    assert_int_equal(test_load_model(&m, TEST_SOURCE_DIR), 0);
    static const char *const pieces[] = {
        "in", "In", "the", "The", "since", "until", "till", "fiscal", "financial", "year",
        "early", "mid-", "late", "1990", "2025", "1990s", "2000s", "1890", "7", "12", "3.5",
        "pm", "a.m.", "MiG", "MiG-", "29", "Euro", "USD", "EUR", "March", "May", "5th",
        "вересня", "у", "2024", "році", "р.", "per", "cent", "%", "people", "word", "x1",
        ",", ".", "-", "'", "(", ")",
        /* rules led by a digit whose literal comes later, and the punctuation that ends
         * the stretch a match may start in (barrier_hit): a unit or "am" inside a word,
         * a full stop or a unit with no figure before it since the last barrier */
        "ha", "that", "5ha", "am", "team", "5am", "10.30", "ft", "km", "mph", "bn",
        "million", "$", "£", "USD", ";", ":", "!", "?", "\"", "/", "12.03.", "03/04/",
        "x.", "O'", "d'am",
        /* a unit's literal, or "am", followed by a letter or a digit in the same word, or
         * by something else (the pattern allows no letter or digit after them) */
        "has", "5has", "ha1", "5ha.", "amx", "5am1", "5pm-", "ft2", "5ft", "km²", "kmh",
        "5kmh", "mm_", "5mm'", "hé", "5haé"};
    static const char *const gaps[] = {" ", " ", "  ", "", "\n", "\t", ", "};
    static const unsigned langs[] = {TG_LANG_EN, TG_LANG_UK, TG_LANG_RU, 0};
    size_t matches = same_matches_on_random_texts(
        m, pieces, sizeof pieces / sizeof *pieces, gaps, sizeof gaps / sizeof *gaps, langs,
        sizeof langs / sizeof *langs, 0x2545F4914F6CDD1Du);
    assert_true(matches > 300); /* not an empty comparison */
    tg_model_free(m);
}

/* Where a match may start: the Cyrillic given names lead with their stems, an
 * apostrophe within them ("в'ячеслав", not "в" of every capitalised word with a В);
 * the lone given name is not tried before a space and a capital (no_cap, lead_hit);
 * the rules whose lookbehind is "(?<![\p{L}\d-]|Российская\h|...)" or "(?<=...\h)"
 * start no match inside a word (lead_after_nonword: run_class_lead tries a word's
 * first capital alone). Random texts of those words and their pieces, joined with
 * apostrophes, capitals and punctuation inside words, give the same matches with the
 * windows as with every rule over the whole text. */
static void test_word_starts(void **state)
{
    (void)state;
    tg_model *m;
    assert_int_equal(test_load_model(&m, TEST_SOURCE_DIR), 0);
    static const struct {
        const char *rule;
        int after_nonword;
    } flags[] = {
        {"org_ru_head", 1}, {"org_uk_head", 1}, {"person_cyrillic_surname_shape", 1},
        {"person_cyrillic_initials", 1}, {"person_cyrillic_given_name", 1},
        {"date_en_decade", 0}, /* (\b: not read) */
    };
    size_t found = 0;
    for (size_t k = 0; k < m->rules.v.n; k++) {
        const tg_rule *rule = &m->rules.v.v[k];
        const char *name = tg_model_str(m, rule->name);
        for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
            if (!strcmp(name, flags[i].rule)) {
                found++;
                if (rule->lead_after_nonword != flags[i].after_nonword)
                    fail_msg("rule %s: lead_after_nonword %d", name, rule->lead_after_nonword);
            }
        if (strcmp(name, "person_cyrillic_given_name"))
            continue;
        int apos = 0; /* its lead literals: "в'ячеслав", and no lone "в" */
        for (size_t i = 0; i < m->rules.lits.n; i++) {
            const tg_rule_lit *l = &m->rules.lits.v[i];
            const char *b = m->rules.lit_bytes.v + l->off;
            if (l->rule != k)
                continue;
            if (l->len == 2 && !memcmp(b, "\xd0\xb2", 2))
                fail_msg("person_cyrillic_given_name leads with \"в\"");
            apos += l->len == strlen("в'ячеслав") && !memcmp(b, "в'ячеслав", l->len);
        }
        assert_int_equal(apos, 1);
    }
    assert_int_equal(found, sizeof flags / sizeof *flags);
    static const char *const pieces[] = {
        "В'ячеслав", "В’ячеслава", "Вʼячеславом", "В'ячеслав's", "П'єр", "П’єра", "П'єру",
        "Вадим", "Вадима", "Вівторок", "Відомо", "В", "в", "П", "'ячеслав", "єр", "s",
        "Петренко", "Іваненко", "Коваль", "Сергей", "Сергея", "Петров", "Олександр",
        "Министерство", "обороны", "России", "Российская", "Российской", "Федеральная",
        "служба", "безопасности", "Міністерство", "оборони", "України", "Російська",
        "Національного", "банку", "ЗСУ", "НАТО", "поМинистерство", "ТОВ", "сказал",
        "заявив", "і", "та", "и", "у", "в", "на", "2025", "5", ",", ".", "-", ";", "«", "»"};
    static const char *const gaps[] = {" ", " ", " ", "", "'", "’", "\n", ", ", ". ", "-"};
    static const unsigned langs[] = {TG_LANG_UK, TG_LANG_RU, 0};
    size_t matches = same_matches_on_random_texts(
        m, pieces, sizeof pieces / sizeof *pieces, gaps, sizeof gaps / sizeof *gaps, langs,
        sizeof langs / sizeof *langs, 0x9E3779B97F4A7C15u);
    assert_true(matches > 1000); /* not an empty comparison */
    tg_model_free(m);
}

/* The DF_* answers (digit_far.h) that leave literal l out far from every digit, by
 * its rule: DF_BEFORE for a rule led by a digit with barriers, DF_AFTER for an
 * anchored one led by literals with a reach of digits. */
static unsigned far_rules_out(const tg_rules *r, const tg_rule_lit *l)
{
    const tg_rule *rule = &r->v.v[l->rule];
    if (rule->lead_cls == TG_C_DIGIT && rule->lead_barrier)
        return 2;
    if (!rule->anchored || rule->lead_cls)
        return 0;
    for (int i = 0; i < TG_PF_NREACH; i++)
        if (tg_reach_of_digits(&rule->reach[i]))
            return 1;
    return 0;
}

/* The bits start_pair gives literal l at its first pair: by its length, in those of
 * any case and, wanting no capital, of the lower case (a one-byte literal in both). */
static unsigned start_bits(const tg_rule_lit *l)
{
    unsigned want = l->len == 1   ? TG_START_BYTE << TG_START_ANY | TG_START_BYTE << TG_START_LOWER
                    : l->len == 2 ? TG_START_TWO << TG_START_ANY
                    : l->len == 3 ? TG_START_THREE << TG_START_ANY
                                  : TG_START_LONG << TG_START_ANY;
    if (l->len > 1 && !l->upper)
        want |= want >> TG_START_ANY << TG_START_LOWER;
    return want;
}

/* The table of start_pair of the DF_* answer far by its definition, into out (65536
 * entries): each literal (of a rule that runs on a text of lang_bit; 0: every rule),
 * unless the answer leaves it out (check), flagged at its first pair by its length, in
 * the bits of any case and, wanting no capital, of the lower case; one of a byte at
 * every pair that starts with it. */
static void start_table_by_definition(const tg_rules *r, unsigned lang_bit, unsigned far,
                                      uint8_t *out)
{
    memset(out, 0, 65536);
    for (size_t i = 0; i < r->lits.n; i++) {
        const tg_rule_lit *l = &r->lits.v[i];
        unsigned langs = r->v.v[l->rule].langs;
        const unsigned char *p = (const unsigned char *)r->lit_bytes.v + l->off;
        if ((r->check.v[i] & far) || (lang_bit && langs && !(langs & lang_bit)))
            continue;
        for (unsigned second = 0; second < 256; second += l->len == 1 ? 1 : 256) {
            const unsigned char two[2] = {p[0], l->len > 1 ? p[1] : (unsigned char)second};
            unsigned want = start_bits(l);
            out[tg_rules_first_key(two)] |= (uint8_t)want;
        }
    }
}

/* start_pair and start_of_lang, which start_kinds reads at every token's first
 * character, are their definitions exactly; a text in English has fewer literals at
 * its figures' first byte than one in any language: the Ukrainian and Russian
 * day-and-month rules' are not there. */
static void check_start_tables(const tg_rules *a)
{
    static const unsigned langs[TG_START_LANGS] = {TG_LANG_EN, TG_LANG_UK, TG_LANG_RU};
    uint8_t *want = malloc(65536);
    assert_non_null(want);
    assert_int_equal(a->start_of_lang.n, (size_t)TG_START_LANGS * 4 * 65536);
    size_t fewer = 0;
    for (unsigned far = 0; far < 4; far++) {
        start_table_by_definition(a, 0, far, want);
        assert_memory_equal(a->start_pair[far], want, 65536);
        for (unsigned l = 0; l < TG_START_LANGS; l++) {
            start_table_by_definition(a, langs[l], far, want);
            assert_memory_equal(a->start_of_lang.v + ((size_t)l * 4 + far) * 65536, want,
                                65536);
        }
    }
    for (unsigned d = '0'; d <= '9'; d++) {
        const unsigned char two[2] = {(unsigned char)d, ' '};
        unsigned k = tg_rules_first_key(two);
        fewer += a->start_of_lang.v[k] != a->start_pair[0][k];
    }
    assert_true(fewer > 0);
    free(want);
}

/* The index is the same whether the model came from its sources or from a compiled
 * image, where it is not stored: tg_rules_index runs on both loads. */
static void test_index_of_image(void **state)
{
    (void)state;
    tg_model *src, *img;
    tg_error err;
    assert_int_equal(tg_model_load_source(&src, TEST_SOURCE_DIR, &err), TG_OK);
    char path[] = "/tmp/test_rules_scan_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(tg_model_compile(src, path, &err), TG_OK);
    assert_int_equal(tg_model_load_file(&img, path, &err), TG_OK);
    unlink(path);
    const tg_rules *a = &src->rules, *b = &img->rules;
    size_t set = 0;
    for (size_t i = 0; i < sizeof a->lit_first; i++)
        set += a->lit_first[i] != 0;
    assert_true(set > 0);
    assert_memory_equal(a->lit_first, b->lit_first, sizeof a->lit_first);
    assert_int_equal(a->unwindowed.n, (a->v.n + 63) / 64);
    assert_int_equal(b->unwindowed.n, a->unwindowed.n);
    assert_memory_equal(a->unwindowed.v, b->unwindowed.v, a->unwindowed.n * sizeof(uint64_t));
    assert_memory_equal(a->inner_short, b->inner_short, sizeof a->inner_short);
    assert_memory_equal(a->inner_long, b->inner_long, sizeof a->inner_long);
    assert_memory_equal(a->nonword_short, b->nonword_short, sizeof a->nonword_short);
    assert_memory_equal(a->nonword_long, b->nonword_long, sizeof a->nonword_long);
    assert_int_equal(a->inner_fine.n, 1024);
    assert_int_equal(b->inner_fine.n, 1024);
    assert_memory_equal(a->inner_fine.v, b->inner_fine.v, 1024 * sizeof *a->inner_fine.v);
    /* The fine buckets, which find every literal of two bytes or more: each literal in
     * the bucket of its first 2, 3, 4, 6 or 8 bytes, under that head, and let through
     * by fine_bits; a long one that inner_long lets through inside a word also by
     * inner_fine, at its first 6 bytes or, shorter, 4. */
    assert_memory_equal(a->fine_head, b->fine_head, sizeof a->fine_head);
    assert_memory_equal(a->fine_bits, b->fine_bits, sizeof a->fine_bits);
    assert_memory_equal(a->lower_fine, b->lower_fine, sizeof a->lower_fine);
    assert_int_equal(b->skip_of_lang.n, a->skip_of_lang.n);
    assert_memory_equal(a->skip_of_lang.v, b->skip_of_lang.v,
                        a->skip_of_lang.n * sizeof *a->skip_of_lang.v);
    assert_int_equal(a->fine_lits.n, b->fine_lits.n);
    assert_memory_equal(a->fine_lits.v, b->fine_lits.v, a->fine_lits.n * sizeof *a->fine_lits.v);
    assert_int_equal(a->fine_lits.n, a->lits.n - a->by_byte[256]);
    size_t inner_long_lits = 0, lower_fine_left_out = 0;
    for (size_t i = 0; i < a->lits.n; i++) {
        const tg_rule_lit *l = &a->lits.v[i];
        const unsigned char *p = (const unsigned char *)a->lit_bytes.v + l->off;
        if (l->len < 2)
            continue;
        unsigned n = l->len >= 8 ? 8 : l->len >= 6 ? 6 : l->len >= 4 ? 4 : l->len;
        uint64_t head = 0;
        for (unsigned k = 0; k < n; k++)
            head |= (uint64_t)p[k] << (8 * k);
        uint32_t h = (uint32_t)((head * 0x9E3779B97F4A7C15u) >> 32) ^ n; /* fine_hash */
        assert_true((a->fine_bits[(h >> 16) >> 6] >> ((h >> 16) & 63)) & 1);
        /* and in lower_fine, the sieve of a token's start without a capital, unless it
         * wants one */
        if (!l->upper)
            assert_true((a->lower_fine[(h >> 16) >> 6] >> ((h >> 16) & 63)) & 1);
        lower_fine_left_out += l->upper;
        int found = 0;
        for (uint32_t j = a->fine_head[h % TG_FINE_BUCKETS];
             j < a->fine_head[h % TG_FINE_BUCKETS + 1]; j++)
            found += a->fine_lits.v[j].lit == i && a->fine_lits.v[j].head == head &&
                     a->fine_lits.v[j].len == l->len;
        assert_int_equal(found, 1);
        if (l->len >= 4 && (a->lit_first[tg_rules_first_key(p)] & TG_LIT_LONG << TG_FIRST_INNER)) {
            n = l->len >= 6 ? 6 : 4;
            head = 0;
            for (unsigned k = 0; k < n; k++)
                head |= (uint64_t)p[k] << (8 * k);
            h = (uint32_t)((head * 0x9E3779B97F4A7C15u) >> 32) ^ n;
            if (!l->tokstart && !(a->check.v[i] & TG_LC_NONWORD)) {
                assert_true((a->inner_fine.v[(h >> 16) >> 6] >> ((h >> 16) & 63)) & 1);
                inner_long_lits++;
            }
        }
    }
    assert_true(inner_long_lits > 50);
    assert_true(lower_fine_left_out > 50); /* (the given names, the titles) */
    /* gram_bits, which an image stores, so that its key must stay what it was when the
     * image was written, whatever reads it now (gram_key): each literal of two bytes or
     * more by its first 2, 3 or 4, the key as defined - n, then the bytes, the first
     * highest, in 32 bits - hashed; and lower_gram, derived, unless it wants a capital. */
    assert_memory_equal(a->gram_bits, b->gram_bits, sizeof a->gram_bits);
    assert_memory_equal(a->lower_gram, b->lower_gram, sizeof a->lower_gram);
    size_t grams_of_four = 0;
    for (size_t i = 0; i < a->lits.n; i++) {
        const tg_rule_lit *l = &a->lits.v[i];
        const unsigned char *p = (const unsigned char *)a->lit_bytes.v + l->off;
        if (l->len < 2)
            continue;
        unsigned n = l->len < 4 ? l->len : 4;
        uint32_t v = n;
        for (unsigned k = 0; k < n; k++)
            v = v << 8 | p[k];
        unsigned g = (unsigned)((v * 0x9E3779B1u) >> 16) ^ n; /* gram_key */
        assert_true((a->gram_bits[g >> 6] >> (g & 63)) & 1);
        if (!l->upper)
            assert_true((a->lower_gram[g >> 6] >> (g & 63)) & 1);
        grams_of_four += n == 4;
    }
    assert_true(grams_of_four > 50);
    /* and what the scan leaves out far from every digit (digit_far.h): the DF_* bits
     * of check */
    assert_int_equal(a->far_reach, b->far_reach);
    assert_true(a->far_reach > 0);
    assert_memory_equal(a->far_words, b->far_words, sizeof a->far_words);
    assert_true(a->far_words[0] > 0 && a->far_words[TG_LANG_EN] > 0);
    assert_true(a->far_words[TG_LANG_EN] <= a->far_words[0]);
    assert_memory_equal(a->gram_far, b->gram_far, sizeof a->gram_far);
    assert_memory_equal(a->lower_gram_far, b->lower_gram_far, sizeof a->lower_gram_far);
    assert_memory_equal(a->gram_after, b->gram_after, sizeof a->gram_after);
    assert_memory_equal(a->lower_gram_after, b->lower_gram_after, sizeof a->lower_gram_after);
    assert_memory_equal(a->byte_bits_far, b->byte_bits_far, sizeof a->byte_bits_far);
    /* check, which try_literal reads for each literal found: the far answers and the
     * literal's wants, as the definition says; some of each kind. */
    assert_int_equal(a->check.n, a->lits.n);
    assert_int_equal(b->check.n, b->lits.n);
    assert_memory_equal(a->check.v, b->check.v, a->check.n);
    unsigned kinds_seen = 0;
    for (size_t i = 0; i < a->lits.n; i++) {
        const tg_rule_lit *l = &a->lits.v[i];
        const tg_rule *rule = &a->v.v[l->rule];
        unsigned want = far_rules_out(a, l) | (l->upper ? TG_LC_UPPER : 0) |
                        (l->tokstart ? TG_LC_TOKSTART : 0) |
                        (rule->lead_after_nonword && !rule->lead_cls ? TG_LC_NONWORD : 0) |
                        (l->tokend ? TG_LC_TOKEND : 0) | (l->wordend ? TG_LC_WORDEND : 0);
        assert_int_equal(a->check.v[i], want);
        kinds_seen |= want;
    }
    assert_int_equal(kinds_seen & ~3u, TG_LC_UPPER | TG_LC_TOKSTART | TG_LC_NONWORD |
                                           TG_LC_TOKEND | TG_LC_WORDEND);
    /* Every literal's first pair is flagged with its kind. */
    for (size_t i = 0; i < a->lits.n; i++) {
        const tg_rule_lit *l = &a->lits.v[i];
        const unsigned char *p = (const unsigned char *)a->lit_bytes.v + l->off;
        unsigned kind = l->len == 1 ? TG_LIT_BYTE : l->len < 4 ? TG_LIT_SHORT : TG_LIT_LONG;
        const unsigned char two[2] = {p[0], l->len > 1 ? p[1] : 'x'};
        unsigned pair = tg_rules_first_key(two);
        if (kind == TG_LIT_BYTE)
            assert_true(a->byte_bits[p[0]]);
        else
            assert_true(a->lit_first[pair] & ((kind >> 1) << TG_FIRST_ANY));
        if (!l->tokstart) /* inside a word, as one kind or the other */
            assert_true(a->lit_first[pair] & (kind << TG_FIRST_INNER | kind << TG_FIRST_NONWORD));
    }
    /* start_pair, which start_kinds reads at every token's first character: the same
     * from an image, and every literal flagged at its first pair, by its length, in
     * the bits of any case and, wanting no capital, of the lower case; in the table
     * of a DF_* answer only when that answer does not leave it out (check[i]). */
    assert_memory_equal(a->start_pair, b->start_pair, sizeof a->start_pair);
    size_t far_left_out = 0;
    for (size_t i = 0; i < a->lits.n; i++) {
        const tg_rule_lit *l = &a->lits.v[i];
        const unsigned char *p = (const unsigned char *)a->lit_bytes.v + l->off;
        for (unsigned second = 0; second < 256; second += l->len == 1 ? 1 : 256) {
            const unsigned char two[2] = {p[0], l->len > 1 ? p[1] : (unsigned char)second};
            unsigned want = start_bits(l);
            for (unsigned far = 0; far < 4; far++) {
                unsigned got = a->start_pair[far][tg_rules_first_key(two)];
                if (!(a->check.v[i] & far))
                    assert_int_equal(got & want, want);
            }
        }
        far_left_out += (a->check.v[i] & 3) != 0;
    }
    assert_true(far_left_out > 0);
    assert_int_equal(b->start_of_lang.n, a->start_of_lang.n);
    assert_memory_equal(a->start_of_lang.v, b->start_of_lang.v, a->start_of_lang.n);
    check_start_tables(a);
    tg_model_free(src);
    tg_model_free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_windows),
        cmocka_unit_test(test_far_word_ends),
        cmocka_unit_test(test_far_word_before_figure),
        cmocka_unit_test(test_far_words_before_unit),
        cmocka_unit_test(test_digit_after_lead),
        cmocka_unit_test(test_word_starts),
        cmocka_unit_test(test_index_of_image),
        cmocka_unit_test(test_rules_without_windows),
        cmocka_unit_test(test_skip_of_lang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
