/*
 * test_rules.c - every case of tests/data/rules.cases through the real engine.
 *
 * The cases are data (jq's tests as the model): one sentence each, with the span a
 * rule must (or must not) produce. They run through tg_tag_text on the default model
 * at the repository root, so gazetteers, resolution and coreference all take part: a
 * `+` case passes when some entity of that type has exactly that text, whether a rule
 * or the gazetteer found it; a `-` case passes when none has. Each failure names its
 * line in the cases file and what was found instead, so a broken rule is easy to see.
 */
#include "harness.h"

#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_model *model;
static tg_scratch *scratch;

static int setup(void **state)
{
    (void)state;
    tg_error err;
    if (test_load_model(&model, TEST_SOURCE_DIR))
        return -1;
    return tg_scratch_new(&scratch, model, &err) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    tg_scratch_free(scratch);
    tg_model_free(model);
    return 0;
}

/* Print what was found, to explain a failure. */
static void print_entities(const tg_result *r)
{
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        fprintf(stderr, "      found %s \"%s\" (%s)\n", e->type, e->text, e->source);
    }
}

/* Run one case; returns 1 when it passes. */
static int run_case(const char *lang, char expect, const char *type, const char *span,
                    const char *text, unsigned line_no)
{
    tg_doc_options o = {0};
    o.lang = lang;
    tg_result *r = NULL;
    tg_error err;
    if (tg_tag_text(&r, model, scratch, text, strlen(text), &o, &err) != TG_OK) {
        fprintf(stderr, "rules.cases:%u: tag failed: %s\n", line_no, err.message);
        return 0;
    }
    int found = 0;
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        found |= !strcmp(e->type, type) && !strcmp(e->text, span);
    }
    int ok = expect == '+' ? found : !found;
    if (!ok) {
        fprintf(stderr, "rules.cases:%u: %s %c %s \"%s\" in: %s\n", line_no, lang, expect, type,
                span, text);
        print_entities(r);
    }
    tg_result_free(r);
    return ok;
}

static void every_case_of_rules_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(TEST_DATA_DIR "/rules.cases", "r");
    assert_non_null(fp);
    char *line = NULL;
    size_t cap = 0;
    unsigned line_no = 0, cases = 0, failed = 0, plus = 0, minus = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        line_no++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char *f[5] = {0};
        size_t nf = 0;
        for (char *p = line; nf < 5; nf++) {
            f[nf] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                nf++;
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        if (nf != 5 || (f[1][0] != '+' && f[1][0] != '-') || f[1][1] || !strstr(f[4], f[3]))
            fail_msg("rules.cases:%u: malformed case (want lang, +/-, type, span, text; "
                     "the span must occur in the text)",
                     line_no);
        test_unescape_newlines(f[4]); /* ("\\n" a line break, as in the other cases files) */
        cases++;
        if (f[1][0] == '+')
            plus++;
        else
            minus++;
        failed += !run_case(f[0], f[1][0], f[2], f[3], f[4], line_no);
    }
    free(line);
    fclose(fp);
    fprintf(stderr, "rules.cases: %u cases (%u +, %u -), %u failed\n", cases, plus, minus, failed);
    assert_true(cases >= 300); /* the file was read whole */
    assert_int_equal(failed, 0);
}

/* The lists of given names are the rules' longest alternations. Past TG_PF_MAX_LITS
 * names a rule has no literal set and is tried at every capital of a text: the
 * English list growing past it cost 20% of the time of tagging English news, with
 * the same output. So each must stay led by its names' literals; so must the list of
 * regnal names, which a "$" in a lookahead once left with none (src/prefilter.c reads
 * no "$": the rule ran over every text, 20% again). */
static void given_name_rules_keep_their_literals(void **state)
{
    (void)state;
    static const char *const lists[] = {"person_en_given_name", "person_en_given_name_2",
                                        "person_en_given_name_3", "person_en_given_name_4",
                                        "person_cyrillic_given_name",
                                        "person_cyrillic_lone_given_name", "person_regnal"};
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
        const tg_rule *found = NULL;
        for (size_t i = 0; i < model->rules.v.n; i++)
            if (!strcmp(tg_model_str(model, model->rules.v.v[i].name), lists[k]))
                found = &model->rules.v.v[i];
        if (!found)
            fail_msg("no rule %s", lists[k]);
        if (!found->windowed || !found->anchored || found->lead_cls)
            fail_msg("%s has no literal lead (windowed %d, anchored %d, class %d): more "
                     "names than TG_PF_MAX_LITS?",
                     lists[k], found->windowed, found->anchored, found->lead_cls);
    }
}

/* A rule without a literal the prefilter waits for runs over every text of its
 * languages, at every capital or digit when a class leads it: place_en_admin, its
 * unit once moved into a lookahead, cost half again the instructions of tagging
 * English news, with the same output. Every rule of the model waits for its
 * literals; one that may not must say why here. */
static void every_rule_waits_for_its_literals(void **state)
{
    (void)state;
    /* A byline ends where its line does ("\n" or the text's end in its lookahead),
     * which src/prefilter.c does not read as a line's: 0.8% of the instructions of
     * English news (4.9M of 591M on 4 MB, callgrind). */
    static const char *const may_not[] = {"person_en_byline"};
    size_t unwindowed = 0;
    for (size_t i = 0; i < model->rules.v.n; i++) {
        const char *name = tg_model_str(model, model->rules.v.v[i].name);
        int allowed = 0;
        for (size_t k = 0; k < sizeof may_not / sizeof *may_not; k++)
            allowed |= !strcmp(name, may_not[k]);
        if (!model->rules.v.v[i].windowed && !allowed) {
            fprintf(stderr, "rule %s has no literal to wait for\n", name);
            unwindowed++;
        }
    }
    assert_int_equal(unwindowed, 0);
}

/* The block of rule `name` in text (from its "rule" line to the blank line after it),
 * less its list of names and its first line, in a new string; NULL when there is none. */
static char *rule_without_names(const char *text, const char *name)
{
    char head[64];
    snprintf(head, sizeof head, "\nrule %s\n", name);
    const char *start = strstr(text, head);
    if (!start)
        return NULL;
    start += strlen(head);
    const char *end = strstr(start, "\n\n");
    const char *begin = strstr(start, "# BEGIN given names");
    const char *stop = begin ? strstr(begin, "# END given names") : NULL;
    if (!end || !stop || stop > end)
        return NULL;
    size_t n1 = (size_t)(begin - start), n2 = (size_t)(end - stop);
    char *out = malloc(n1 + n2 + 1);
    assert_non_null(out);
    memcpy(out, start, n1);
    memcpy(out + n1, stop, n2);
    out[n1 + n2] = '\0';
    return out;
}

/* The English list is too long for one pattern (PCRE2 compiles one to 64K bytes at
 * most), so tools/gen_given_names.py writes copies of the rule with the rest of the
 * names. A copy is the rule itself but for its names: an edit of the rule that did not
 * reach its copies (the script was not run again) fails here. */
static void copies_of_the_english_rule_agree(void **state)
{
    (void)state;
    size_t len;
    char *text = test_read_file(TEST_SOURCE_DIR "/rules/given_names.rules", &len);
    char *first = rule_without_names(text, "person_en_given_name");
    assert_non_null(first);
    int copies = 0;
    for (int k = 2; k < 10; k++) {
        char name[64];
        snprintf(name, sizeof name, "person_en_given_name_%d", k);
        char *copy = rule_without_names(text, name);
        if (!copy)
            break;
        if (strcmp(first, copy))
            fail_msg("%s differs from person_en_given_name outside its names: run "
                     "tools/gen_given_names.py", name);
        free(copy);
        copies++;
    }
    assert_true(copies >= 1);
    free(first);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_case_of_rules_cases),
        cmocka_unit_test(given_name_rules_keep_their_literals),
        cmocka_unit_test(every_rule_waits_for_its_literals),
        cmocka_unit_test(copies_of_the_english_rule_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
