/*
 * rule_matches.h - the check that the prefilter changes no rule match: a text's rule
 * matches with the windows (tg_rules_scan as it runs) and with every rule over the
 * whole text (rules.by_pair NULL) are the same. Shared by test_prefilter (the
 * leads and reaches) and test_rules_scan (the windows); header-only.
 */
#ifndef TEST_RULE_MATCHES_H
#define TEST_RULE_MATCHES_H

#include "harness.h"

#include "model.h"
#include "rules.h"
#include "token.h"

#include <stdlib.h>

static inline int rule_match_cmp(const void *a, const void *b)
{
    const tg_rule_match *x = a, *y = b;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    if (x->byte_start != y->byte_start)
        return x->byte_start < y->byte_start ? -1 : 1;
    return x->byte_end < y->byte_end ? -1 : x->byte_end > y->byte_end;
}

/* Tokenize text and scan it both ways into with and without (sorted); fail naming
 * the first match that differs and `what` (a file, or "random text"). */
static inline void assert_same_rule_matches(tg_model *m, const char *text, size_t len,
                                            unsigned lang_bit, tg_token_vec *tokens,
                                            tg_char_vec *norm, tg_rules_scratch *rs,
                                            pcre2_match_data *md, tg_rule_match_vec *with,
                                            tg_rule_match_vec *without, const char *what)
{
    assert_int_equal(tg_tokenize(&m->fold, text, len, tokens, norm), 0);
    assert_int_equal(tg_rules_scan(m, lang_bit, text, len, tokens->v, tokens->n, norm->v,
                                   norm->n, rs, md, with, NULL, NULL),
                     0);
    uint32_t *saved = m->rules.by_pair;
    m->rules.by_pair = NULL;
    int rc = tg_rules_scan(m, lang_bit, text, len, tokens->v, tokens->n, norm->v, norm->n, rs,
                           md, without, NULL, NULL);
    m->rules.by_pair = saved;
    assert_int_equal(rc, 0);
    if (with->n) /* (v may be NULL) */
        qsort(with->v, with->n, sizeof *with->v, rule_match_cmp);
    if (without->n)
        qsort(without->v, without->n, sizeof *without->v, rule_match_cmp);
    for (size_t i = 0; i < with->n || i < without->n; i++) {
        if (i < with->n && i < without->n && !rule_match_cmp(&with->v[i], &without->v[i]))
            continue;
        const tg_rule_match *x = i < without->n ? &without->v[i] : &with->v[i];
        fail_msg("%s: rule %s at bytes %u-%u '%.*s': %s the prefilter, in '%.*s'", what,
                 tg_model_str(m, m->rules.v.v[x->rule].name), x->byte_start, x->byte_end,
                 (int)(x->byte_end - x->byte_start), text + x->byte_start,
                 i < without->n ? "missed with" : "only with", (int)(len > 300 ? 300 : len),
                 text);
    }
}

#endif
