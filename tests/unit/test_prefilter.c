/*
 * test_prefilter.c - the rules prefilter: what it reads from patterns, and that the
 * rules find exactly the same matches with it as without it.
 *
 * The equivalence test runs the model's rules over the repository's articles and,
 * when ../shared/eval is present, over real news (the first records of each file),
 * once with the windows and once with every rule over the whole text.
 */
#include "harness.h"
#include "eval_texts.h"
#include "rule_matches.h"

#include "model.h"
#include "prefilter.h"
#include "token.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

static tg_fold fold;

/* Literals as "a|^b|c" (^ = token start), "-" when there is no set. */
static void analyze(const char *pattern, char *lits, size_t cap, int *line_local)
{
    static tg_pf_result r;
    tg_prefilter_analyze(&fold, pattern, strlen(pattern), &r);
    *line_local = r.line_local;
    if (!r.has_lits) {
        snprintf(lits, cap, "-");
        return;
    }
    size_t n = 0;
    lits[0] = '\0';
    for (int i = 0; i < r.nlits && n + 64 < cap; i++)
        n += (size_t)snprintf(lits + n, cap - n, "%s%s%.*s", i ? "|" : "",
                              r.lits[i].tokstart ? "^" : "", r.lits[i].n, (char *)r.lits[i].b);
}

static void test_analysis(void **state)
{
    (void)state;
    static const struct {
        const char *pattern, *lits;
        int line_local;
    } cases[] = {
        {"Oblast", "oblast", 1},
        {"(?<![\\p{L}\\d])\\d+(?:[.,]\\d+)?\\h?%", "%", 1},
        {"\\d+\\h+(?:million|billion)\\b", "^million|^billion", 1},
        {"(?:ab)?cd", "cd", 1},
        {"ab?cd", "cd", 1},          /* the optional b ends the run "a" */
        {"foo|", "-", 1},            /* an empty branch needs nothing */
        {"foo|\\d+", "-", 1},
        {"[Tt]he\\h+year", "^year", 1},
        {"[Tt]he", "the", 1},
        {"(?i:Київ)", "київ", 1},
        {"People['’]s\\h+Republic", "^republic", 1},
        {"Sen\\.|Rep\\.", "sen.|rep.", 1},
        {"x[^y]z", "x", 0},          /* a negated class takes a line feed */
        {"(?<=\\n|\\A)Oblast", "oblast", 1},   /* a lookbehind may see the line before */
        {"Oblast(?=\\h*\\n)", "oblast", 0},    /* a lookahead may not see the next */
        {"(?:(?<a>)|b)(?(<a>)Agency|Bureau)", "agency|bureau", 1}, /* either branch */
        {"(?(<a>)Agency)xy", "xy", 1},           /* no "no" branch: not required */
        {"(?(1)Agency|Bureau)", "agency|bureau", 1},
        {"(?(?=a)Agency|Bureau)", "-", 0},       /* an assertion condition: not read */
        {"x[^y\\n]z", "x", 1},
        {"a\\s+b", "^b", 0},       /* after whitespace: a token start, preferred */
        {"a\\h+b", "^b", 1},
        {"a.b", "a", 1},
        {"(?s)a.b", "a", 0},
        {"ab$", "ab", 0},
        {"\\p{Cc}ab", "ab", 0},
        {"\\p{Lu}ab", "ab", 1},
        {"ab(?=\\s)", "ab", 0},
        {"a(?:\\h+b)+c", "^b", 1}, /* every repeat starts after \\h */
        {"(?x) a b", "-", 0},        /* not read: runs over the whole text */
        {"\\Qa.b\\E", "-", 0},
        {"Ё", "е", 1},               /* folded as the tokenizer folds */
        {"a\\x{2019}s", "a", 1},
        {"(?:\\h|^)Inc", "inc", 1},  /* ^ is not whitespace: no token-start promise */
        {"\\h(?:Inc|Ltd)", "^inc|^ltd", 1},
        /* a lookbehind that ends with whitespace in every branch: a token start too */
        {"(?<=[\\p{L}],\\h)(?:Ind\\.|Ore\\.)", "^ind.|^ore.", 1},
        {"(?<=\\s|\\h\\h)(?=I)Inc", "^inc", 1},
        {"(?<!\\h)Inc", "inc", 1},       /* negative: no promise */
        {"(?<=\\h|,)Inc", "inc", 1},     /* a branch without whitespace */
        {"(?<=\\h\\h?)Inc", "^inc", 1},
        {"(?<=\\h,?)Inc", "inc", 1},      /* may end with the comma */
        {"(?<=\\h)?Inc", "inc", 1},      /* an optional assertion */
        {"(?<=\\h)x?Inc", "inc", 1},
        {"x{2}", "x", 1},
        {"a{,3}b", "b", 1},
        /* a count past any long (PCRE2 refuses it anyway): read without overflow */
        {"ab{88888888888888888888}c", "ab", 1},
        {"a{1,88888888888888888888}b", "a", 1},
        {"(a)\\1", "a", 1},
    };
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char lits[2048];
        int line_local;
        analyze(cases[i].pattern, lits, sizeof lits, &line_local);
        if (strcmp(lits, cases[i].lits) || line_local != cases[i].line_local)
            print_error("pattern %s: literals '%s' line_local %d, expected '%s' %d\n",
                        cases[i].pattern, lits, line_local, cases[i].lits, cases[i].line_local),
                failed++;
    }
    assert_int_equal(failed, 0);
}

/* A token-start literal that the pattern spells with a capital, outside (?i), needs a
 * token that starts with a capital ("News" is not woken by "news"). */
static void test_upper(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        int upper;
    } cases[] = {
        {"\\h+News", 1},
        {"\\h+news", 0},
        {"News", 0},                 /* not known to start a token */
        {"\\h+[Nn]ews", 0},
        {"(?i)\\h+News", 0},
        {"(?i:x)\\h+News", 0},    /* an (?i) anywhere before: not promised */
        {"\\h+(?:Inc|Ltd)", 1},
        {"\\h+Київ", 1},
        {"\\h+\\p{Lu}ews", 0},
        {"(?<=,\\h)News", 1},
        {"(?<=,\\h)(?i:News)", 0},
    };
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static tg_pf_result r;
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        int upper = r.has_lits && r.nlits > 0;
        for (int k = 0; k < r.nlits; k++)
            upper &= r.lits[k].upper;
        if (upper != cases[i].upper)
            print_error("pattern %s: upper %d, expected %d\n", cases[i].pattern, upper,
                        cases[i].upper),
                failed++;
    }
    assert_int_equal(failed, 0);
}

/* A literal that the pattern follows with mandatory whitespace must end a token
 * ("leader" is not woken by "leadership"). */
static void test_tokend(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        int tokend;
    } cases[] = {
        {"\\h+leader\\h+\\p{Lu}", 1},
        {"\\h+leader\\h*\\p{Lu}", 0},
        {"\\h+leader\\b", 0},
        {"(?:leader|chief)\\h+\\p{Lu}", 1},
        {"(?:(?i:leader)|chief)\\h+\\p{Lu}", 1},
        {"(?:leader|chief)+\\h+\\p{Lu}", 0},   /* a repeat may follow */
        {"(?:leader|chief)?x\\h+", 1},     /* x: the group is optional */
        {"(?:leader|chief\\d)\\h+\\p{Lu}", 0},  /* chief: a digit follows */
        {"leader(?=\\h)", 0},
        {"leaders?\\h+x", 0},
        {"leader \\p{Lu}", 0},      /* one space joins the run: not promised */
    };
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static tg_pf_result r;
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        int tokend = r.has_lits && r.nlits > 0;
        for (int k = 0; k < r.nlits; k++)
            tokend &= r.lits[k].tokend;
        if (tokend != cases[i].tokend)
            print_error("pattern %s: tokend %d, expected %d\n", cases[i].pattern, tokend,
                        cases[i].tokend),
                failed++;
    }
    assert_int_equal(failed, 0);
}

/* A literal after which the pattern allows no letter or digit ends a word: "ha" of
 * hectares is not looked at in "that" or "has". A \b after its last letter or a
 * negative lookahead of a class that holds every letter and digit says so; a class
 * that misses some, a lookahead that wants more than one character, an optional or
 * repeated item in between do not. */
static void test_wordend(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        int wordend;
    } cases[] = {
        {"\\d\\h?(?:ha|km)(?![\\p{L}\\d])", 1},
        {"\\d\\h?(?:ha|km)(?!\\w)", 1},
        {"\\d\\h?(?:ha|km)(?![a-zA-Z0-9])", 1},
        {"\\d\\h?(?:ha|km)(?![\\pL\\p{N}]|x)", 1},
        {"\\d\\h?(?:ha|km)(?!\\p{Xan})", 1},
        {"\\d\\h?(?:am\\b|pm\\b)", 1},
        {"\\d\\h?(?:am|pm)\\b", 1},
        {"\\d\\h?(?:ha|km)(?![\\p{L}])", 0},    /* a digit may follow */
        {"\\d\\h?(?:ha|km)(?![a-y0-9A-Z])", 0}, /* a "z" may */
        {"\\d\\h?(?:ha|km)(?![^\\p{L}\\d])", 0},
        {"\\d\\h?(?:ha|km)(?![\\p{L}\\d]x)", 0},
        {"\\d\\h?(?:ha|km)(?=[\\p{L}\\d])", 0},
        {"\\d\\h?(?:ha|km)(?<![\\p{L}\\d])", 0},
        {"\\d\\h?(?:ha|km)?(?![\\p{L}\\d])x", 0},
        {"\\d\\h?(?:ha|km)+(?![\\p{L}\\d])", 0}, /* a repeat may follow */
        {"\\d\\h?(?:ha|kms?)(?![\\p{L}\\d])", 0},
        {"\\d\\h?(?:ha|km)\\B", 0},
        {"\\d\\h?(?:ha|km)\\b?", 0},
        {"\\d\\h?(?:ha|km)x?\\b", 0},
        {"\\d\\h?(?:ha|km\\.)\\b", 0}, /* after a full stop, \\b wants a letter */
        {"\\d\\h?(?:ha|km(?:\\h+x)?)\\b", 0},
        /* a mandatory ASCII character that is not a letter or digit next */
        {"\\d\\h?(?:ha|km)-", 1},
        {"\\d\\h?(?:ha|km)\\.", 1},
        {"\\d\\h?(?:ha|km)-?x", 0},
        {"\\d\\h?(?:ha|km)\\.?", 0},
        {"\\d\\h?(?:ha|km)(?i:x)", 0},
        {"\\d\\h?(?:ha|km)\\x{212A}", 0}, /* (not ASCII: not told) */
    };
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static tg_pf_result r;
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        int wordend = r.has_lits && r.nlits > 0;
        for (int k = 0; k < r.nlits; k++)
            wordend &= r.lits[k].wordend;
        if (wordend != cases[i].wordend)
            print_error("pattern %s: wordend %d, expected %d\n", cases[i].pattern, wordend,
                        cases[i].wordend),
                failed++;
    }
    assert_int_equal(failed, 0);
}

/* A required literal of a rule whose every match starts with a digit knows the ASCII
 * letters that may come right before it (tg_pf_lit.no_letter_before): its last
 * literal's, as the letters that may ("" none), or "*" when nothing is known. */
static void test_no_letter_before(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        const char *letters;
    } cases[] = {
        {"\\d+ft\\b", ""},
        {"\\d+\\h?ft\\b", ""},
        {"(?>\\d+)(?:\\.\\d+)?ft", ""},
        {"(?<![\\p{L}\\d])\\d+ft", ""},      /* a lookbehind consumes nothing */
        {"\\d+(?:\\h+million)?\\h?ft", "n"}, /* "5 millionft": its last letter alone */
        {"\\d+(?:\\h+(?:million|thousand)|\\h?bn)?\\h?ft", "dn"},
        {"\\d(?:e|x?ft)+", "x"},                 /* "5eft": "e" comes first */
        {"\\d+(?:ab|c)?\\h?ft", "bc"},
        {"\\d+(?:ab|c)ft", "bc"},                /* (of either branch) */
        {"\\d+(?:a|bc?)ft", "abc"},              /* (what may be empty, and before it) */
        {"\\d+(?:xy\\h*)*ft", "y"},              /* (a repeat's end, or empty) */
        {"\\d+(?:ab)?(?=\\w)(?<=\\w)ft", "b"},   /* lookarounds consume nothing */
        {"\\d+a(?:(?:bc)?)ft", "ac"},
        {"\\d+(?:a|bx?ft)", "bx"},               /* (not "a", a sibling's) */
        {"\\d+\\p{L}ft", "*"},
        {"\\d+.ft", "*"},
        {"\\d+[^x]ft", "*"},
        {"(?i)\\d+ft", "*"},                     /* (the Kelvin sign, and so on) */
        {"(\\d)\\1ft", "*"},                    /* (a back reference) */
        {"ft\\d+", "*"},                          /* no digit leads */
        {"\\p{Lu}\\d+ft", "*"},
    };
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static tg_pf_result r;
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        char got[32] = "-";
        if (r.has_lits && r.nlits > 0) {
            uint32_t banned = r.lits[r.nlits - 1].no_letter_before;
            size_t n = 0;
            for (unsigned c = 0; banned && c < 26; c++)
                if (!((banned >> c) & 1))
                    got[n++] = (char)('a' + c);
            got[banned ? n : 1] = '\0';
            if (!banned)
                got[0] = '*';
        }
        if (strcmp(got, cases[i].letters) != 0)
            print_error("pattern %s: letters before %s, expected %s\n", cases[i].pattern, got,
                        cases[i].letters),
                failed++;
    }
    assert_int_equal(failed, 0);
}

/* Does a flag of the pattern's lead literals (the uint8_t at offset field of
 * tg_pf_lit, '1' or '0' per literal, in order) differ from want? Prints the pattern
 * when it does. */
static int lead_flags_differ(const char *pattern, size_t field, const char *name,
                             const char *want)
{
    static tg_pf_result r;
    tg_prefilter_analyze(&fold, pattern, strlen(pattern), &r);
    char got[64] = "";
    for (int k = 0; r.has_lead && k < r.nlead && k < 63; k++)
        got[k] = ((const uint8_t *)&r.lead[k])[field] ? '1' : '0';
    if (strcmp(got, want) == 0)
        return 0;
    print_error("pattern %s: lead %s %s, expected %s\n", pattern, name, got, want);
    return 1;
}

/* A lead literal that the pattern follows with mandatory whitespace ends a token
 * too (lead_hit turns down "в" at the start of "все"); one that may run on does not. */
static void test_lead_tokend(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        const char *tokend; /* per lead literal, in order: '1' or '0' */
    } cases[] = {
        {"(?<![\\p{L}\\d-])(?:(?i:сел(?:о|а))|[вВ]\\h+(?:г|с)\\.)\\h+\\p{Lu}", "111"},
        {"\\b[Tt]he\\h+\\d", "1"},
        {"[вВ]\\h*г\\.", "0"},
        {"[вВ]+\\h+г\\.", "0"},
        {"leader\\h+\\p{Lu}", "1"},
        {"leader \\p{Lu}", "0"},     /* one space joins the run */
        {"leader\\b\\h+\\p{Lu}", "0"}, /* (not read through \\b) */
        {"leaders?\\h+x", "0"},
        {"(?:Mr|Dr)\\.?\\h+\\p{Lu}", "00"},
        {"(?:US|A)?\\$\\h+\\d", "000"}, /* (not promised after optional items) */
        {"(?:US|A)?\\$\\d", "000"},
        /* through what consumes nothing or starts with whitespace, when optional: a
         * given name, then perhaps an initial, then a surname */
        {"(?:Al|Alex)(?:\\h+\\p{Lu}\\.)?\\h+\\p{Lu}", "11"},
        {"(?:Al|Alex)(?!z)(?:\\h+(?:van|de)){0,2}\\h+\\p{Lu}", "11"},
        {"(?:Al|Alex)\\h?\\h+x", "11"},
        {"(?:(?:Al|Alex)(?:\\h+x)?)\\h+y", "11"},
        {"(?:Al|Alex)(?:\\h+x|y)?\\h+\\p{Lu}", "00"}, /* a branch without */
        {"(?:Al|Alex)(?:\\h*x)?\\h+\\p{Lu}", "00"},   /* no whitespace first */
        {"(?:Al|Alex)(?:\\h+x)?y", "00"},
        {"(?:Al|Alex)\\h?x", "00"},
        {"(?:Al|Alex)(?:\\h+x)?", "00"},
        {"(?:(?:Al|Alex)(?:\\h+x)?)y", "00"},
        {"(?:Al|Alex)(?:\\h+x)+\\h+y", "00"},          /* mandatory: x follows */
    };
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        failed += lead_flags_differ(cases[i].pattern, offsetof(tg_pf_lit, tokend), "tokend",
                                    cases[i].tokend);
    assert_int_equal(failed, 0);
}

/* A lead literal that a mandatory ASCII character other than a letter or digit
 * follows says wordend ("Su" of "Su-34": not at "Sunday"); one that something
 * else may follow, no. */
static void test_lead_wordend(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        const char *wordend; /* per lead literal, in order: '1' or '0' */
    } cases[] = {
        {"(?<![\\p{L}\\d])(?:Su|MiG)-\\d{1,3}", "11"},
        {"(?:(?:Su|MiG)-\\d{1,3}|F-(?:4|16))", "1100"},
        {"(?:Su|MiG)\\h?-\\d", "11"},  /* (whitespace or "-" after them) */
        {"(?:Su|MiG)(?:x-)?-\\d", "00"},
        {"(?:Su|MiG)-?\\d", "00"},
        {"(?:Su|MiG)\\d", "00"},
        {"(?:Su|MiG)(?i:x)", "00"},
    };
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        failed += lead_flags_differ(cases[i].pattern, offsetof(tg_pf_lit, wordend), "wordend",
                                    cases[i].wordend);
    assert_int_equal(failed, 0);
}

/* A lead literal after which a match holds letters alone, then a (?!...) with a branch
 * of every letter and one of \h+\p{Lu}, says no_cap: a match that starts with it in a
 * word of letters alone ends with the word, and no space and capital follow it
 * (lead_hit turns down a lone given name before a surname). Anything else, no. */
static void test_lead_no_cap(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        const char *no_cap; /* per lead literal, in order: '1' or '0' */
    } cases[] = {
        {"(?<![\\p{L}])(?:Anna|Ivan)(?:a|ov)?(?![\\p{L}\\d'-]|\\h+\\p{Lu})", "11"},
        {"(?:Anna|Ivan)(?![\\p{L}]|\\h+\\p{Lu})", "11"},
        {"(?:Anna|Ivan)(?!\\w|\\s+\\p{Lu})(?(1)|x)", "11"},
        {"(?:Anna|Ivan)(?![\\p{L}]|\\h\\p{Lu})", "11"},
        {"(?:Anna|Ivan(?:a)?)(?![\\p{L}]|\\h+\\p{Lu})", "10"}, /* (not read in the group) */
        {"(?:Anna|Ivan)\\h?(?![\\p{L}]|\\h+\\p{Lu})", "00"},  /* may end with a space */
        {"(?:Anna|Ivan)\\d?(?![\\p{L}]|\\h+\\p{Lu})", "00"},  /* or a digit */
        {"(?:Anna|Ivan)[a-z]?(?![\\p{L}]|\\h+\\p{Lu})", "00"},  /* (a class: not read) */
        {"(?:Anna|Ivan)(?![\\p{L}\\d])", "00"},            /* no space and capital */
        {"(?:Anna|Ivan)(?!\\h+\\p{Lu})", "00"},            /* may end inside a word */
        {"(?:Anna|Ivan)(?![a-z]|\\h+\\p{Lu})", "00"},       /* not every letter */
        {"(?:Anna|Ivan)(?![^\\p{L}]|\\h+\\p{Lu})", "00"},
        {"(?:Anna|Ivan)(?![\\p{L}]|\\h+\\p{Lu}\\p{Ll})", "00"}, /* a capital, then more */
        {"(?:Anna|Ivan)(?![\\p{L}]|\\h+[\\p{Lu}])", "00"},   /* (a class: not read) */
        {"(?:Anna|Ivan)(?![\\p{L}]|\\h*\\p{Lu})", "00"},
        {"(?:Anna|Ivan)(?![\\p{L}]|[\\t]\\p{Lu})", "00"},     /* not a space */
        {"(?:Anna|Ivan)(?![\\p{L}]|(?=x)\\h+\\p{Lu})", "00"},
        {"(?:Anna|Ivan)(?=[\\p{L}]|\\h+\\p{Lu})", "00"},  /* a positive one */
        {"(?:Anna|Ivan)+(?![\\p{L}]|\\h+\\p{Lu})", "00"}, /* repeated */
        {"(?:Anna|Ivan)(?:x|\\h)?(?![\\p{L}]|\\h+\\p{Lu})", "00"},
    };
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        failed += lead_flags_differ(cases[i].pattern, offsetof(tg_pf_lit, no_cap), "no_cap",
                                    cases[i].no_cap);
    assert_int_equal(failed, 0);
}

static void test_needs_digit(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        int digit;
    } cases[] = {
        {"\\d+%", 1},
        {"(?:1[89]|20)\\d\\d\\h+year", 1},
        {"[0-9]+\\h?km", 1},
        {"[0-9a]+\\h?km", 0},
        {"(?:\\d|x)%", 0},
        {"\\d?%", 0},
        {"(?:\\d+|\\d*\\.\\d+)\\h?bn", 1},
        {"[^0-9]km", 0},
        {"km2", 1},
    };
    static tg_pf_result r;
    tg_fold_init(&fold);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        if (r.needs_digit != cases[i].digit)
            fail_msg("pattern %s: needs_digit %d, expected %d", cases[i].pattern, r.needs_digit,
                     cases[i].digit);
    }
}

/* The lead: literals every match starts with ("-" when there is none). */
static void test_lead(void **state)
{
    (void)state;
    static const struct {
        const char *pattern, *lead;
    } cases[] = {
        {"(?<![\\p{L}\\d])(?:President|Mr)\\h+\\p{Lu}\\p{Ll}+", "president|mr"},
        {"\\bKing\\h+\\p{Lu}", "king"},
        /* optional first items: a match starts with one of them or what follows */
        {"(?:Prime\\h+)?Minister\\h+\\p{Lu}", "minister|prime"},
        {"(?:(?:Mon|Tue),?\\h+)?(?:May|June)\\h+\\d", "may|june|mon|tue"},
        /* one optional item, each branch all of it, right before the lead: joined to
         * it, so that "a" does not wake the rule at every letter a */
        {"(?:US|AU)?\\$\\d|£\\d", "$|us$|au$|£"},
        {"(?:US|A)?\\$\\d", "$|us$|a$"},
        {"(?:US|U\\.S\\.)?\\$", "$|us$|u.s.$"},
        {"(?:A\\b)?\\$\\d", "-"},        /* more than the literal in the item: "a" */
        {"(?:A|B)*\\$\\d", "-"},           /* repeated: "ab$" too */
        {"(?:A|B\\h+)?\\$\\d", "-"},     /* whitespace after "b" */
        {"(?:Ab)?C(?:d|e)", "cd|ce|abcd|abce"},
        {"(?:xy)?(?:ab|cd)z", "ab|cd|xyab|xycd"},
        {"(?:xy)?(?:ab|cd)+z", "ab|cd|xyab|xycd"}, /* repeated after it, not before */
        {"(?:xy\\h+)?ab", "ab|xy"},
        {"(?:ab[c-e])?\\$", "$|ab"},          /* "ab" is not all of the item */
        {"(?:ab[cd])?\\$", "$|abc$|abd$"},    /* ... "abc" and "abd" are */
        /* a literal run, then a class of a few letters or digits: the run and each */
        {"(?:1[89]|20)\\d\\d", "18|19|20"},
        {"x[ab]z\\d", "xa|xb"},
        {"x[Yy]z\\d", "xyz"},                  /* (one letter folded: a literal) */
        {"ab[^cd]\\d", "ab"},
        {"ab[c-e]\\d", "ab"},
        {"ab[cd]?\\d", "ab"},
        /* a class of a few letters leads with each of them (one-letter Latin ones are
         * refused as ever) */
        {"(?<![\\p{L}\\d])[уУвВ]\\h+м\\.", "у|в"},
        {"(?i:село)|[уУвВ]\\h+(?:м|с)\\.", "село|у|в"},
        {"[ab]x", "-"},
        {"[^уУвВ]x", "-"},
        {"[у-я]x", "-"},
        {"(?:[уУ]\\h+)?місто", "місто|у"},
        /* a caseless weekday before a day number: the digits as literals */
        {"(?:(?i:monday),?\\h+)?\\d+\\h+July", "0|1|2|3|4|5|6|7|8|9|monday"},
        {"(?:(?i:вт),?\\h+)?(?:3[01]|[12]\\d|0?[1-9])\\h+июля", "0|1|2|3|4|5|6|7|8|9|вт"},
        {"(?:xx)?(?:yy)?zz\\d", "zz|xx|yy"},
        {"(?:a|bb)x", "-"},                        /* a one-letter lead */
        {"(?:a\\h+)?\\w*b", "-"},                      /* the next item has no lead */
        {"(?:a\\h+)?(?:b\\h+)?", "-"},                 /* nothing mandatory */
        {"(?:\\w+\\h+)?Minister", "-"},                 /* an optional item without one */
        {"(?:ab|cd+)x", "ab|cd"},
        {"(?:foo|\\w+)bar", "-"},                     /* a branch without a lead */
        {"\\d+\\h+million", "-"},                      /* a class first */
        {"\\h+Oblast", "-"},                           /* whitespace first */
        {"(?=[A-Z])Sen\\.", "sen."},                     /* a lookahead is zero-width */
        {"(?:(?:Dr|Prof)\\.?\\h+)+\\p{Lu}", "dr|prof"},    /* nested, repeated group */
        {"in\\h+(\\d{4})", "in"},
        /* an apostrophe first: it and the next item's lead, when that starts with a
         * letter other than s (the tokenizer keeps the apostrophe in the token buffer
         * then, and drops a possessive 's) */
        {"В(?:['’ʼ](?:ячеслав)|а(?:дим|сил))", "в'ячеслав|вадим|васил"},
        {"['’](?:ab|cd)x", "'ab|'cd"},
        {"['’]abc", "'abc"},
        {"(?<![\\p{L}])['’]ab", "'ab"},
        {"['’](?:ab|sb)", "-"},    /* "'sb": a possessive 's may be dropped */
        {"['’](?:ab|Sb)", "-"},
        {"['’]s\\b", "-"},
        {"['’](?:ab|\\d)", "-"}, /* a branch without a lead */
        {"['’](?:ab|cd)+", "-"},   /* repeated */
        {"['’]5x", "-"},           /* not a letter */
        {"['’]\\p{L}+", "-"},
        {"['’]?abc", "-"},         /* optional: "abc" alone too (as before) */
        {"['’](?:x)?ab", "-"},     /* "'xab" too */
        {"['’]\\b(?:ab)", "'ab"},   /* (zero-width items between) */
    };
    static tg_pf_result r;
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        char got[512] = "-";
        size_t n = 0;
        for (int j = 0; r.has_lead && j < r.nlead && n + 64 < sizeof got; j++)
            n += (size_t)snprintf(got + n, sizeof got - n, "%s%.*s", j ? "|" : "", r.lead[j].n,
                                  (char *)r.lead[j].b);
        if (strcmp(got, cases[i].lead))
            print_error("pattern %s: lead %s, expected %s\n", cases[i].pattern, got,
                        cases[i].lead),
                failed++;
    }
    assert_int_equal(failed, 0);
}

/* A class of character that leads every match: digits, capitals, or none. */
static void test_lead_class(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        unsigned cls;
    } cases[] = {
        {"(?<![\\p{L}\\d.,])\\d+(?:\\.\\d+)?\\h+(?:million|billion)", TG_C_DIGIT},
        {"(?:\\d{1,3}(?:,\\d{3})+|[0-9]+)\\h?km", TG_C_DIGIT},
        {"(?!The\\b)\\p{Lu}\\p{Ll}+\\h+Agency", TG_C_UPPER},
        {"(?:\\d+|\\p{Lu}\\p{Ll}+)\\h+Oblast", TG_C_DIGIT | TG_C_UPPER},
        {"\\p{Ll}+\\h+Agency", 0},                 /* lower case leads */
        {"(?:\\d+|one)\\h+million", 0},             /* a literal branch */
        {"\\d*\\h+million", 0},                      /* the digit is optional */
        {"President\\h+\\p{Lu}", 0},                 /* a literal lead instead */
        /* a lookahead names the first character's class; either branch then leads
         * with a capital */
        {"(?:\\p{Lu}\\p{Ll}+\\h+|(?=\\p{Lu})(?i:банк|фонд))x", TG_C_UPPER},
        /* zero-width groups before the first item are assertions, not the lead */
        {"(?:(?<=\\n)(?<ss>)|(?<!\\n))\\p{Lu}\\p{Ll}+\\h+Bank", TG_C_UPPER},
        {"(?=\\p{Lu})?\\p{Ll}+", 0},                  /* optional: says nothing */
        {"(?!\\p{Lu})\\d+", TG_C_DIGIT},                /* a negative one neither */
        /* optional digits before a digit; literals that start with a digit or a
         * capital join a class (a clock's hour, a weekday before a day) */
        {"(?<![\\d:.,])(?:[01]?\\d|2[0-3]):[0-5]\\d", TG_C_DIGIT},
        {"(?:3[01]|[12]\\d|0?[1-9])\\.\\d", TG_C_DIGIT},
        {"(?:(?:Monday|Mon\\.),?\\h+)?(?:3[01]|[12]\\d|0?[1-9])\\h+July",
         TG_C_DIGIT | TG_C_UPPER},
        {"(?:(?i:monday),?\\h+)?\\d+\\h+July", 0},    /* a caseless weekday: literals */
        {"(?:a|\\d)?\\d+x", 0},                         /* a lower-case letter */
        {"\\p{Lu}?\\d+x", TG_C_DIGIT | TG_C_UPPER},
        {"(?=\\p{Lu})\\d?\\p{Lu}", TG_C_UPPER},          /* the lookahead first */
        {"\\d?(?=\\p{Lu})\\w", 0},                    /* a later character's */
    };
    static tg_pf_result r;
    tg_fold_init(&fold);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        if (r.lead_cls != cases[i].cls)
            fail_msg("pattern %s: lead class %u, expected %u", cases[i].pattern, r.lead_cls,
                     cases[i].cls);
    }
}

/* The punctuation no match has before its literal: a class-led rule's attempts stop
 * at it. Shown as the barrier characters (TG_PF_BARRIERS) that are not barriers. */
static void test_barrier(void **state)
{
    (void)state;
    static const struct {
        const char *pattern, *allowed;
    } cases[] = {
        {"\\p{Lu}\\p{Ll}+\\h+Agency", ""},              /* letters only before it */
        {"\\d+(?:[.,]\\d+)?\\h?%", ",."},                  /* a number's separators */
        {"\\d+\\h?(?:%|per\\h+cent)", ""},
        {"(?<![\\p{L}'-])\\p{Lu}\\w+\\h+Bank", "'"},      /* a lookbehind counts too */
        {"\\p{Lu}.*Bank", ",.;:!?()[]\"'/|{}"},          /* anything */
        {"\\p{Lu}[^\n]*Bank", ",.;:!?()[]\"'/|{}"},     /* a negated class */
        {"\\p{Lu}\\S+\\h+Bank", ",.;:!?()[]\"'/|{}"},
        {"\\p{Lu}\\P{L}\\h+Bank", ",.;:!?()[]\"'/|{}"},
        {"\\p{Lu}\\p{P}\\h+Bank", ",.;:!?()[]\"'/|{}"},   /* punctuation */
        {"(\\p{Lu})x\\1Bank", ",.;:!?()[]\"'/|{}"},       /* a back reference */
        {"\\p{Lu}[!-/]Bank", ",.!()\"'/"},               /* a range */
        {"\\p{Lu}\\w+(?:Corp\\.|Bank)", ""},       /* after its literal: not counted */
        {"(?:\\p{Lu}\\.|\\d)Bank", "."},           /* a branch before it */
        {"(?:Inc\\.|Ltd|Bank)", ""},              /* a sibling branch does not count */
        {"\\p{Lu}\\w+(?:\\h+of\\h+\\p{Lu}[\\w.]+)*\\h+Bank", "."}, /* a repeat */
        {"(?:\\p{Lu}\\w+,\\h+)?Bank", ","},       /* optional, but before it */
    };
    static tg_pf_result r;
    static const char list[] = TG_PF_BARRIERS;
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        assert_true(r.has_lits);
        char got[TG_PF_NBARRIERS + 1];
        size_t n = 0;
        for (int b = 0; b < TG_PF_NBARRIERS; b++) {
            assert_int_equal(tg_pf_barrier_bit((unsigned char)list[b]), 1u << b);
            if (!(r.lit_barrier & (1u << b)))
                got[n++] = list[b];
        }
        got[n] = '\0';
        if (strcmp(got, cases[i].allowed))
            print_error("pattern %s: allowed before the literal '%s', expected '%s'\n",
                        cases[i].pattern, got, cases[i].allowed),
                failed++;
    }
    assert_int_equal(tg_pf_barrier_bit('a'), 0);
    assert_int_equal(tg_pf_barrier_bit('-'), 0);
    assert_int_equal(failed, 0);
}

/* A reach as "[chars]@reach" ('-': no bound in characters), then "wN" for a bound in
 * words, the pattern's reaches joined by a space, "-" for none. */
/* A pattern and what a describer (reaches_str, follow_str) writes of its analysis. */
typedef struct described_case {
    const char *pattern, *expect;
} described_case;

typedef void (*describer)(const tg_pf_result *r, char *out, size_t cap);

/* How many of the n cases describe otherwise than expected, each one printed. */
static int described_failures(const described_case *cases, size_t n, describer describe,
                              const char *what)
{
    static tg_pf_result r;
    tg_fold_init(&fold);
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        tg_prefilter_analyze(&fold, cases[i].pattern, strlen(cases[i].pattern), &r);
        char got[512];
        describe(&r, got, sizeof got);
        if (strcmp(got, cases[i].expect))
            print_error("pattern %s: %s %s, expected %s\n", cases[i].pattern, what, got,
                        cases[i].expect),
                failed++;
    }
    return failed;
}

static void reaches_str(const tg_pf_result *r, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < r->nreach && n + 140 < cap; i++) {
        n += (size_t)snprintf(out + n, cap - n, "%s[", i ? " " : "");
        for (unsigned b = 0; b < 128; b++)
            if ((r->reach[i].mask[b >> 6] >> (b & 63)) & 1)
                out[n++] = (char)b;
        if (r->reach[i].reach == TG_PF_REACH_NONE)
            n += (size_t)snprintf(out + n, cap - n, "]@-");
        else
            n += (size_t)snprintf(out + n, cap - n, "]@%u", r->reach[i].reach);
        if (r->reach[i].words)
            n += (size_t)snprintf(out + n, cap - n, "w%u", r->reach[i].words);
    }
    if (!n)
        snprintf(out, cap, "-");
}

/* What the reaches read from patterns: how far, which characters. */
static void test_reach(void **state)
{
    (void)state;
    static const described_case cases[] = {
        /* whitespace counts nothing, however long; the lead's own letters are no use */
        {"the\\h+(?:early\\h+|mid-)?(?:1[89]|20)\\d0s", "[12]@8 [0]@11"},
        {"in\\h+the\\h+year\\h+\\d\\d", "[h]@3 [y]@5"}, /* digits are \\d: not ASCII alone */
        {"in\\h+the\\h+year\\h+[0-9]", "[h]@3 [y]@5"}, /* two at most, of other characters */
        /* a lookahead's characters follow where it stands */
        /* (its lead 18|19|20 holds one of [289] in time: no reach of those) */
        {"(?:1[89]|20)\\d\\d(?=\\h+year\\b)", "[y]@4 [r]@7"},
        {"ab(?=\\h*cd)", "[c]@2 [d]@3"},
        {"ab(?!\\h*x)(?=\\h*q)", "[q]@2"},
        /* an alternation keeps what each branch has, joined */
        {"go\\h+(?:to\\h+1|by\\h+22)", "[bt]@2 [12]@4"},
        {"go\\h+(?:to\\h+1|by\\h+x)", "[bt]@2 [1x]@4"},
        /* optional and unbounded items: a reach only before them, a bound after */
        {"go\\h+(?:xx\\h+)?7", "[7]@4"},
        {"go\\h+\\w+7", "[7]@-w2"},
        {"go\\h+\\w{1,3}7", "[7]@5"},
        {"go\\h+(\\w)\\1?7", "-"}, /* a back reference may be long */
        {"go\\h+\\X7", "-"},       /* a grapheme cluster too */
        /* under (?i) a letter may be a non-ASCII one (the Kelvin sign): no reach */
        {"go\\h+(?i:k)", "-"},
        {"go\\h+[Kk]", "[Kk]@2"},
        {"go\\h+[-–]", "-"},
        /* in words: a name of any length, whitespace of any kind between its words;
         * what may be whitespace counts once each time, a stretch of it once */
        {"\\p{Lu}\\p{Ll}+(?:\\h+(?:van|de)){0,2}\\s+\\p{Lu}[\\p{Ll}'-]+,", "[,]@-w4"},
        {"\\p{Lu}\\p{Ll}+(?:\\h+\\p{Ll}+)*,", "-"},
        {"\\p{Lu}\\p{Ll}+[a-z\\t]+,", "-"},
        {"\\p{Lu}\\p{Ll}+[^\\d]+,", "-"},
        {"\\p{Lu}\\p{Ll}+.,", "[,]@-w2"},
        /* both bounds when the one in words may say no first; else characters only */
        {"xy[a-z]{1,9}%", "[%]@11w1"},
        {"xy[a-z]{1,9}\\h[a-z]{1,9}%", "[%]@20w2"},
        {"xy[a-z]{1,3}%", "[%]@5"},
        {"\\p{Lu}\\p{Ll}+[\\x{2000}-\\x{2005}x]{0,3},", "[,]@-w4"},
        {"\\p{Lu}\\p{Ll}+(?:\\h|\\x{3000}),", "[,]@-w2"},
        {"\\p{Lu}\\p{Ll}+(?:\\h|\\x{3000})+,", "-"}, /* (a group counts once a time) */
        /* a class lead: its digits do not count at the first character */
        {"\\d{1,2}:[0-5]\\d", "[:]@2"},
        /* a count too large for a long: no bound on what follows */
        {"go\\h+x{99999999999999999999}7", "[x]@2 [7]@-w2"},
        {"go\\h+x{2,99999999999999999999}7", "[x]@2 [7]@-w2"},
    };
    assert_int_equal(
        described_failures(cases, sizeof cases / sizeof cases[0], reaches_str, "reaches"), 0);
}

/* ---- alternatives grouped by their first characters (prefixed_group) ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The required literals of a pattern with their flags, sorted (an order-free
 * fingerprint), "-" when it has none. */
static void lit_key(const char *pattern, char *out, size_t cap)
{
    static tg_pf_result r;
    static char one[TG_PF_MAX_LITS][TG_PF_MAX_LEN + 8];
    static char *ptr[TG_PF_MAX_LITS];
    tg_prefilter_analyze(&fold, pattern, strlen(pattern), &r);
    if (!r.has_lits) {
        snprintf(out, cap, "-");
        return;
    }
    for (int i = 0; i < r.nlits; i++) {
        const tg_pf_lit *l = &r.lits[i];
        snprintf(one[i], sizeof one[i], "%.*s/%d%d%d%d", l->n, (const char *)l->b, l->tokstart,
                 l->upper, l->tokend, l->wordend);
        ptr[i] = one[i];
    }
    qsort(ptr, (size_t)r.nlits, sizeof ptr[0], cmp_str);
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < r.nlits && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%s ", ptr[i]);
}

/* The top-level alternatives of s[0, n): where each starts and ends. */
#define MAX_ALTS 128

static int split_alts(const char *s, size_t n, size_t *from, size_t *to)
{
    int k = 0, depth = 0;
    from[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\') {
            i++;
        } else if (s[i] == '[') {
            while (i + 1 < n && s[++i] != ']')
                ;
        } else if (s[i] == '(') {
            depth++;
        } else if (s[i] == ')') {
            depth--;
        } else if (s[i] == '|' && depth == 0) {
            assert_true(k + 1 < MAX_ALTS);
            to[k++] = i;
            from[k] = i + 1;
        }
    }
    to[k++] = n;
    return k;
}

/* Bytes of the plain literal character that alternative s[0, n) starts with, which
 * may be taken out in front of a group: 0 for an escape, a class, a group, a
 * character under a quantifier, an empty alternative. */
static size_t initial_len(const char *s, size_t n)
{
    if (n == 0 || strchr("\\[(.^$", s[0]))
        return 0;
    size_t len = 1;
    while (len < n && ((unsigned char)s[len] & 0xC0) == 0x80)
        len++;
    return len < n && strchr("?*+{", s[len]) ? 0 : len;
}

/* The alternation s[0, n) with its alternatives grouped by their first characters,
 * the order kept within each ("km|kg|mm" as "k(?:m|g)|mm"), levels deep (a trie). */
static void group_alts(const char *s, size_t n, int levels, char *out, size_t cap, size_t *at)
{
    size_t from[MAX_ALTS], to[MAX_ALTS];
    int k = split_alts(s, n, from, to), done[MAX_ALTS] = {0};
    for (int i = 0, first = 1; i < k; i++) {
        if (done[i])
            continue;
        size_t len = initial_len(s + from[i], to[i] - from[i]);
        int same = 0;
        for (int j = i + 1; len && j < k; j++)
            same += initial_len(s + from[j], to[j] - from[j]) == len &&
                    !memcmp(s + from[j], s + from[i], len);
        *at += (size_t)snprintf(out + *at, cap - *at, "%s", first ? "" : "|");
        first = 0;
        if (!same || levels == 0) {
            *at += (size_t)snprintf(out + *at, cap - *at, "%.*s", (int)(to[i] - from[i]),
                                    s + from[i]);
            continue;
        }
        /* the rests, in their order, as one alternation */
        char rest[4096];
        size_t rn = 0;
        for (int j = i; j < k; j++)
            if (initial_len(s + from[j], to[j] - from[j]) == len &&
                !memcmp(s + from[j], s + from[i], len)) {
                rn += (size_t)snprintf(rest + rn, sizeof rest - rn, "%s%.*s", j > i ? "|" : "",
                                       (int)(to[j] - from[j] - len), s + from[j] + len);
                done[j] = 1;
            }
        *at += (size_t)snprintf(out + *at, cap - *at, "%.*s(?:", (int)len, s + from[i]);
        group_alts(rest, rn, levels - 1, out, cap, at);
        *at += (size_t)snprintf(out + *at, cap - *at, ")");
    }
    assert_true(*at < cap);
}

/* Pattern pre (?:alts) post, with alts flat or grouped levels deep. */
static void make_pattern(const char *pre, const char *alts, const char *post, int levels,
                         char *out, size_t cap)
{
    size_t at = (size_t)snprintf(out, cap, "%s(?:", pre);
    if (levels)
        group_alts(alts, strlen(alts), levels, out, cap, &at);
    else
        at += (size_t)snprintf(out + at, cap - at, "%s", alts);
    snprintf(out + at, cap - at, ")%s", post);
}

/* The same alternatives give the same required literals, flags and all, whether
 * written flat or grouped by their first letters (one or two levels): the real
 * lists of quantity_en and org_en_head in their contexts, then random ones. */
static void test_grouped_alternatives(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    static const struct {
        const char *pre, *alts, *post;
    } real[] = {
        {"(?<![\\p{L}\\d.,])\\d+(?:\\h+(?:million|billion)|\\h?(?:mn|bn)\\b)?\\h?",
         "square\\h+(?:kilometres|kilometers|miles|metres|meters)|sq\\h?km|km²|km2|km/h|kph|"
         "mph|kilometres|kilometers|km|miles|metres|meters|cm|mm|feet|ft|kilograms|"
         "kilogrammes|kilos|kg|tonnes|tons|barrels(?:\\h+(?:a|per)\\h+day)?|bpd|b/d|"
         "megawatts|gigawatts|MWh|GWh|TWh|kWh|MW|GW|kW|bcm|cubic\\h+metres|cubic\\h+meters|"
         "litres|liters|gallons|hectares|ha|acres|bags|degrees\\h+(?:Celsius|Fahrenheit)|°C|°F",
         "(?![\\p{L}\\d])"},
        {"(?<![\\p{L}\\d'’ʼ-])(?:\\p{Lu}[\\p{L}\\d]*+\\h++(?:(?:and|&)\\h+)?){1,4}",
         "Agency|Ministry|Fund|Council|Corporation|Corp\\.|Committee|Commission|Bank|Bureau|"
         "Service|Party|Union|Institute|University|Inc\\.?|Ltd\\.?|LLC|PLC|plc|Group|Company|"
         "Co\\.|Authority|Court|Office|Association|Federation|Foundation|Organi[sz]ation|"
         "Department|Administration|Directorate|Inspectorate|Academy|Society|Alliance|"
         "Airlines|Airways|Holdings|Holding|Exchange|Board|Tribunal|Police|Guard|Force|Forces|"
         "Navy|Army|Command|Brigade|Regiment|Battalion|Legion|Cabinet|Assembly|Senate|"
         "Congress|Centre|Center|School|College|Network|News|Times|Post|Broadcasting|Railways",
         "(?:\\h+(?:of|for|on)\\h+\\p{Lu}[\\p{L}\\d]*){0,2}(?![\\p{L}\\d])"},
    };
    static char flat[8192], grouped[8192], kf[65536], kg[65536];
    int failed = 0;
    for (size_t i = 0; i < sizeof real / sizeof real[0]; i++)
        for (int levels = 1; levels <= 2; levels++) {
            make_pattern(real[i].pre, real[i].alts, real[i].post, 0, flat, sizeof flat);
            make_pattern(real[i].pre, real[i].alts, real[i].post, levels, grouped,
                         sizeof grouped);
            assert_true(strcmp(grouped, flat) != 0); /* (grouped, really) */
            lit_key(flat, kf, sizeof kf);
            lit_key(grouped, kg, sizeof kg);
            assert_true(strlen(kf) > 40); /* the units and head nouns themselves */
            if (strcmp(kf, kg))
                print_error("%s\n  flat:    %s\n%s\n  grouped: %s\n", flat, kf, grouped, kg),
                    failed++;
        }
    /* Random lists of words made of a few letters, with what the rules hang on them. */
    static const char *const pres[] = {"\\d+\\h?", "\\d+\\h+", "\\p{Lu}\\w*\\h+q",
                                       "(?<![\\p{L}])\\d\\h?x", "\\d+\\h?xy\\h+"};
    static const char *const posts[] = {"", "(?![\\p{L}\\d])", "\\b", "\\h+of", "\\.", "s?z"};
    static const char *const tails[] = {"", "", "", "\\.?", "s?", "(?:\\h+x)?", "\\h+day",
                                        "[sz]e", "\\h?km", "(?:a|bb)", "'s"};
    static const char letters[] = "aabkmKk";
    unsigned long seed = 777;
#define NEXT() (seed = seed * 6364136223846793005ul + 1442695040888963407ul, seed >> 33)
    int compared = 0;
    for (int t = 0; t < 3000; t++) {
        /* distinct alternatives: "mk|mk" grouped is "m(?:k(?:|))", whose empty group
         * reads as zero-width, which no list of names or units has */
        char alts[1024], word[64];
        size_t n = 0;
        int k = 1 + (int)(NEXT() % 14);
        for (int i = 0; i < k; i++) {
            int len = 1 + (int)(NEXT() % 5), w = 0;
            for (int j = 0; j < len; j++)
                word[w++] = letters[NEXT() % (sizeof letters - 1)];
            snprintf(word + w, sizeof word - (size_t)w, "%s|",
                     tails[NEXT() % (sizeof tails / sizeof tails[0])]);
            alts[n] = '\0';
            char with_bar[1040];
            snprintf(with_bar, sizeof with_bar, "|%s|", alts);
            char find[66];
            snprintf(find, sizeof find, "|%s", word);
            if (!strstr(with_bar, find))
                n += (size_t)snprintf(alts + n, sizeof alts - n, "%s", word);
        }
        alts[n - 1] = '\0'; /* (the last '|') */
        const char *pre = pres[NEXT() % (sizeof pres / sizeof pres[0])];
        const char *post = posts[NEXT() % (sizeof posts / sizeof posts[0])];
        int levels = 1 + (int)(NEXT() % 3);
        make_pattern(pre, alts, post, 0, flat, sizeof flat);
        make_pattern(pre, alts, post, levels, grouped, sizeof grouped);
        lit_key(flat, kf, sizeof kf);
        lit_key(grouped, kg, sizeof kg);
        compared += strcmp(flat, grouped) != 0;
        if (strcmp(kf, kg) && failed++ < 10)
            print_error("%s\n  flat:    %s\n%s\n  grouped: %s\n", flat, kf, grouped, kg);
    }
#undef NEXT
    assert_true(compared > 2000);
    assert_int_equal(failed, 0);
}

/* A group after a literal is read again for each literal run before it, and so are
 * the groups inside it: a trie 40 levels deep, "a(?:b|a(?:b|...c))", would be read
 * 2^40 times. The budget bounds it, and what is given still holds (any literal of a
 * match made of a, b and c); three levels are read out in full, as written flat. */
static void trie(char *out, size_t cap, int depth)
{
    size_t n = (size_t)snprintf(out, cap, "\\d\\h?");
    for (int i = 0; i < depth; i++)
        n += (size_t)snprintf(out + n, cap - n, "a(?:b|");
    n += (size_t)snprintf(out + n, cap - n, "c");
    for (int i = 0; i < depth; i++)
        n += (size_t)snprintf(out + n, cap - n, ")");
}

static void test_grouped_budget(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    static char pattern[4096], k1[256], k2[256];
    static tg_pf_result r;
    trie(pattern, sizeof pattern, 40);
    tg_prefilter_analyze(&fold, pattern, strlen(pattern), &r);
    assert_true(r.has_lits);
    for (int i = 0; i < r.nlits; i++)
        for (int j = 0; j < r.lits[i].n; j++)
            assert_true(r.lits[i].b[j] >= 'a' && r.lits[i].b[j] <= 'c');
    trie(pattern, sizeof pattern, 3);
    lit_key(pattern, k1, sizeof k1);
    lit_key("\\d\\h?(?:ab|aab|aaab|aaac)", k2, sizeof k2);
    assert_string_equal(k1, k2);
}

/* ---- soundness of the pre-checks: random texts, every rule ---- */

/* The whitespace (and none, and a control character) between the pieces of a random
 * text: every kind that the analysis may count or skip. */
static const char *const GAPS[] = {" ", "", "  ", "\t", "\xc2\xa0", "\xe2\x80\x83",
                                       "\n", "\x0b", "\x01", " \x01 ", " ", " ", " ",
                                       "\xe3\x80\x80", " \xc2\xa0"};

/* A check of an analysis made before PCRE2 is asked: does r have one, and may a match
 * start at text[at] (of n bytes)? */
typedef struct precheck {
    const char *name;
    int (*has)(const tg_pf_result *r);
    int (*met)(const tg_pf_result *r, const char *text, size_t at, size_t n);
} precheck;

/* Where check c says no, PCRE2 finds no match starting there: every rule of the model
 * and the patterns `made`, anchored at every character of `docs` random texts of
 * `pieces` spaced with GAPS; and c must have said no often. */
static void check_sound(const precheck *c, const char *const *made, size_t nmade,
                        const char *const *pieces, size_t npieces, int docs, unsigned long seed)
{
    tg_model *m;
    tg_error err;
    assert_int_equal(tg_model_load(&m, TEST_SOURCE_DIR, &err), TG_OK);
    size_t npat = m->rules.v.n + nmade;
    static tg_pf_result r;
    pcre2_match_data *md = pcre2_match_data_create(32, NULL);
    unsigned long said_no = 0, patterns_with = 0;
    char text[2048];
    for (size_t k = 0; k < npat; k++) {
        const char *pat = k < m->rules.v.n ? tg_model_str(m, m->rules.v.v[k].pattern)
                                           : made[k - m->rules.v.n];
        tg_prefilter_analyze(&m->fold, pat, strlen(pat), &r);
        if (!c->has(&r))
            continue;
        patterns_with++;
        int code;
        PCRE2_SIZE off;
        pcre2_code *re = tg_rule_compile(pat, strlen(pat), 1, &code, &off);
        assert_non_null(re);
        for (int doc = 0; doc < docs; doc++) {
            size_t n = 0;
            for (int w = 0; w < 60; w++) {
                seed = seed * 6364136223846793005ul + 1442695040888963407ul;
                const char *p = pieces[(seed >> 33) % npieces];
                const char *g = GAPS[(seed >> 17) % (sizeof GAPS / sizeof GAPS[0])];
                n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", p, g);
            }
            for (size_t at = 0; at < n; at++) {
                if (((unsigned char)text[at] & 0xC0) == 0x80 || c->met(&r, text, at, n))
                    continue;
                said_no++;
                int rc = pcre2_match(re, (PCRE2_SPTR)text, n, at, 0, md, NULL);
                if (rc >= 0)
                    fail_msg("pattern %s: a match at %zu ('%.*s') that its %s rule out", pat,
                             at, (int)(pcre2_get_ovector_pointer(md)[1] - at), text + at, c->name);
            }
        }
        pcre2_code_free(re);
    }
    print_message("%lu of %zu patterns have %s; %lu starts turned down\n", patterns_with, npat,
                  c->name, said_no);
    assert_true(patterns_with > 10);
    assert_true(said_no > 10000);
    pcre2_match_data_free(md);
    tg_model_free(m);
}

static int has_reaches(const tg_pf_result *r)
{
    return r->nreach > 0;
}

static int reaches_met(const tg_pf_result *r, const char *text, size_t at, size_t n)
{
    for (int i = 0; i < r->nreach; i++)
        if (!tg_pf_reach_met(&r->reach[i], text, at, n))
            return 0;
    return 1;
}

/* Where a pattern's reach says no, PCRE2 finds no match starting there: every rule of
 * the model and patterns made to bend the analysis, anchored at every character of
 * random texts of the pieces they are made of (spaced with every kind of whitespace,
 * non-ASCII look-alikes among them), and the reach check must have said no often. */
static void test_reach_sound(void **state)
{
    (void)state;
    static const char *const made[] = {
        "the\\h+(?:early\\h+|mid-)?(?:1[89]|20)\\d0s",
        "in\\h+(?:the\\h+year\\h+)?(?:1[89]|20)\\d\\d(?=\\h*(?:am|pm))",
        "go\\h*(?:to\\h+1|by\\s+22|(?:x\\h?){2,3}-)[.,/]",
        "go\\h+(?:\\w{1,3}\\h+)?7|gone\\h*\\.",
        "go(?:\\h+[a-z]){0,2}\\h+[Kk]\\h?(?i:m)",
        "\\d{1,2}(?:[:.][0-5]\\d)?\\h?(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b)",
        "(?:1[89]|20)\\d\\d(?=\\h+year\\b(?!-))",
        "(?:go|in)\\h+(?:[^,]{1,3}|the)\\h*,",
        "\\p{Lu}\\p{Ll}{1,3}\\h+(?:[Oo]f\\h+)?[0-9]",
        /* bounds in words: names of any length, whitespace of every kind between */
        "\\p{Lu}\\p{Ll}+(?:\\h+(?:van|de)){0,2}\\h+\\p{Lu}\\p{Ll}+,\\h+minister",
        "\\p{Lu}\\p{Ll}+(?:\\s+\\p{Ll}+){0,2}[\\h\\x01]?,",
        "go(?:\\h+\\w+){1,3}\\h*\\.",
        "(?:\\p{Lu}\\p{Ll}+\\h){2}(?:\\h|\\x{3000})\\p{Ll}+,",
    };
    static const char *const pieces[] = {
        "the", "The", "in", "go", "gone", "to", "by", "year", "early", "mid-", "1990s", "2019",
        "1", "22", "7", "x", "km", "K", "\xe2\x84\xaa", "M", "am", "pm", "a.m.", "p.m.",
        "12:30", "9.45", ".", ",", "/", "-", "of", "Of", "Kyiv", "\xc5\xbf", "é", "°C",
        "Sergei", "van", "de", "minister", "Kyiv,", "gone.",
    };
    static const precheck reach = {"reaches", has_reaches, reaches_met};
    check_sound(&reach, made, sizeof made / sizeof made[0], pieces,
                sizeof pieces / sizeof pieces[0], 300, 4242);
}

/* ---- the words before a required literal (lit_words) ---- */

static void lit_words_str(const tg_pf_result *r, char *out, size_t cap)
{
    if (!r->has_lits)
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%u", r->lit_words);
}

/* What lit_words reads from patterns: one more than the stretches of whitespace that
 * may begin in a match before its literal, 0 for no bound. */
static void test_lit_words(void **state)
{
    (void)state;
    static const described_case cases[] = {
        {"\\p{Lu}\\p{Ll}+\\h+Bank", "2"},
        {"Bank", "1"},
        /* a contest's name: up to three words before its kind, "U.S." one of them */
        {"(?:U\\.S\\.|\\p{Lu}[\\p{L}-]*+)(?:\\h+(?:U\\.S\\.|\\p{Lu}[\\p{L}-]*+)){0,2}\\h+"
         "(?:Open|Cup)",
         "4"},
        /* whitespace of any length is one stretch; each repeat of it one more */
        {"(?:\\p{Lu}\\w*\\h+){1,3}Bank", "4"},
        {"(?:\\p{Lu}\\w*\\h+)+Bank", "0"},
        {"\\p{Lu}\\w+(?:\\h+of\\h+\\p{Lu}\\w+)*\\h+Bank", "0"},
        /* what may be whitespace counts once each time */
        {"\\p{Lu}.{0,20}Bank", "21"},
        {"\\p{Lu}[^,]+Bank", "0"},
        {"\\p{Lu}[\\p{L}\\d-]+Bank", "1"},
        /* optional items before it count, the longest branch counts */
        {"\\d+\\h?(?:million\\h+)?(?:km|miles)", "3"},
        {"(?:(?:\\p{Lu}\\w+\\h+){2}|\\p{Lu}\\w+\\h+)Bank", "3"},
        /* each literal its own: the set's largest */
        {"\\p{Lu}\\w*\\h+Bank|\\p{Lu}\\w*\\h+\\w+\\h+Fund", "3"},
        {"\\p{Lu}\\w*\\h+B(?:ank|ureau)", "2"},
        /* a literal's own space is after its start; lookarounds consume nothing */
        {"\\p{Lu}\\w+\\h+Grand Prix", "2"},
        {"(?<=\\h\\h)(?=\\w+\\h+\\w+)\\p{Lu}\\w*\\h+Bank", "2"},
        /* a literal after its group's first round: the rounds before it, none */
        {"(?:\\p{Lu}\\w*\\h+Bank\\h+){1,5}", "2"},
        /* a back reference may hold any number of stretches */
        {"(\\w+)\\h+\\1Bank", "0"},
    };
    assert_int_equal(described_failures(cases, sizeof cases / sizeof cases[0], lit_words_str,
                                        "lit_words"),
                     0);
}

static int has_lit_words(const tg_pf_result *r)
{
    return r->has_lits && r->lit_words > 0;
}

/* Does one of r's literals begin in text[at, n) with fewer than r->lit_words stretches
 * of whitespace begun before it? The text is read as the scan reads tokens: each
 * character folded, the tokenizer's spaces left out (lit_words' own definition). */
static int lit_words_met(const tg_pf_result *r, const char *text, size_t at, size_t n)
{
    unsigned char folded[4 * 2048];
    unsigned stretches[4 * 2048]; /* begun before each folded byte */
    size_t nf = 0;
    unsigned count = 0;
    int prev_blank = 0;
    for (size_t i = at; i < n;) {
        size_t sk = tg_pf_skip_len((const unsigned char *)text + i, (const unsigned char *)text + n);
        if (sk) {
            count += !prev_blank;
            prev_blank = 1;
            i += sk;
            continue;
        }
        prev_blank = 0;
        int32_t cp = tg_utf8_next((const unsigned char *)text, n, &i);
        tg_charinfo ci = tg_fold_get(&fold, cp < 0 ? 0xFFFD : (uint32_t)cp);
        if (ci.cls & TG_C_SPACE)
            continue; /* an ignorable: not in the token buffer */
        char buf[4];
        size_t k = tg_utf8_put(ci.fold, buf);
        for (size_t j = 0; j < k; j++, nf++) {
            folded[nf] = (unsigned char)buf[j];
            stretches[nf] = count;
        }
    }
    for (size_t p = 0; p < nf && stretches[p] < r->lit_words; p++)
        for (int l = 0; l < r->nlits; l++)
            if (r->lits[l].n <= nf - p && !memcmp(folded + p, r->lits[l].b, r->lits[l].n))
                return 1;
    return 0;
}

/* Where no literal begins within lit_words, PCRE2 finds no match starting there: every
 * rule of the model and patterns made to bend the count, anchored at every character
 * of random texts of their pieces, spaced with every kind of whitespace. */
static void test_lit_words_sound(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    static const char *const made[] = {
        "(?:U\\.S\\.|\\p{Lu}[\\p{L}-]*+)(?:\\h+(?:U\\.S\\.|\\p{Lu}[\\p{L}-]*+)){0,2}\\h+"
        "(?:Open|Cup)(?![\\p{L}\\d]|\\h+\\p{Lu}\\p{Ll})",
        "(?:\\p{Lu}\\w*\\h+){1,3}Bank",
        "\\p{Lu}.{0,6}Bank",
        "\\d+\\h?(?:million\\h+)?(?:km|miles)",
        "(?:(?:\\p{Lu}\\w+\\h+){2}|\\p{Lu}\\w+\\h+)Bank",
        "\\p{Lu}\\w*\\h+Bank|\\p{Lu}\\w*\\h+\\w+\\h+Fund",
        "\\p{Lu}\\w*\\h+B(?:ank|ureau)",
        "\\p{Lu}\\w+\\h+Grand Prix",
        "(?:\\p{Lu}\\w*\\h+Bank\\h+){1,5}",
        "\\p{Lu}[\\s\\x{2003}]*Bank",
    };
    static const char *const pieces[] = {
        "U.S.", "Open", "Cup", "Davis", "Hong", "Kong", "World", "Bank", "of", "Fund", "B",
        "ank", "ureau", "Grand", "Prix", "Grand Prix", "5", "12", "million", "km", "miles",
        ",", ".", "the", "A", "x", "\xc3\x89mile", "\xc2\xad", "Bank\xc2\xad", "'s", "Cup's",
    };
    static const precheck words = {"lit_words", has_lit_words, lit_words_met};
    check_sound(&words, made, sizeof made / sizeof made[0], pieces,
                sizeof pieces / sizeof pieces[0], 200, 777);
}

static int has_no_letter_before(const tg_pf_result *r)
{
    for (int i = 0; r->has_lits && i < r->nlits; i++)
        if (r->lits[i].no_letter_before)
            return 1;
    return 0;
}

/* Does one of r's literals begin in text[at, n), read folded as lit_words_met reads it,
 * at its start or after a character that is not an ASCII letter it bans
 * (no_letter_before)? */
static int no_letter_before_met(const tg_pf_result *r, const char *text, size_t at, size_t n)
{
    unsigned char folded[4 * 2048];
    uint32_t before[4 * 2048]; /* the text's character before each folded byte's, or
                                  UINT32_MAX at the start */
    size_t nf = 0;
    uint32_t prev = UINT32_MAX;
    for (size_t i = at; i < n;) {
        int32_t cp = tg_utf8_next((const unsigned char *)text, n, &i);
        uint32_t c = cp < 0 ? 0xFFFD : (uint32_t)cp;
        tg_charinfo ci = tg_fold_get(&fold, c);
        if (!(ci.cls & TG_C_SPACE)) {
            char buf[4];
            size_t k = tg_utf8_put(ci.fold, buf);
            for (size_t j = 0; j < k; j++, nf++) {
                folded[nf] = (unsigned char)buf[j];
                before[nf] = prev;
            }
        }
        prev = c;
    }
    for (size_t p = 0; p < nf; p++)
        for (int l = 0; l < r->nlits; l++) {
            const tg_pf_lit *lit = &r->lits[l];
            if (lit->n > nf - p || memcmp(folded + p, lit->b, lit->n))
                continue;
            uint32_t c = before[p] | 0x20;
            if (before[p] == UINT32_MAX || c < 'a' || c > 'z' ||
                !((lit->no_letter_before >> (c - 'a')) & 1))
                return 1;
        }
    return 0;
}

/* Where no literal begins after a character it allows, PCRE2 finds no match starting
 * there: every rule of the model (the units after a number) and patterns made to bend
 * the reading, anchored at every character of random texts of their pieces. */
static void test_no_letter_before_sound(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    static const char *const made[] = {
        "\\d+(?:\\h+(?:million|thousand)|\\h?bn)?\\h?(?:ft|km|feet)\\b",
        "\\d(?:e|x?ft)+",
        "\\d+(?:ab|c)?\\h?ft",
        "\\d+(?:a|bc?)ft",
        "\\d+(?:xy\\h*)*ft",
        "\\d+(?:ab)?(?=\\w)(?<=\\w)ft",
        "\\d+a(?:(?:bc)?)ft",
        "\\d+(?i:k)?m",
    };
    static const char *const pieces[] = {
        "5", "12", "1,000", "2.5", "million", "thousand", "bn", "ft", "km", "feet", "soft",
        "left", "shift", "aircraft", "x", "y", "xy", "ab", "a", "b", "c", "bc", "e", "m",
        "\xe2\x84\xaa", "K", "%", "miles", "-", ",", ".", "metres", "kilometres", "tonnes",
        /* what a wrong reading would turn down, whole */
        "5 millionft", "3 thousandkm", "7bnfeet", "9 bn ft", "4abft", "4cft", "4bft", "4xyft",
        "4eft", "4xft", "4aft", "4abcft", "6 million km", "8 miles",
    };
    static const precheck before = {"no_letter_before", has_no_letter_before,
                                    no_letter_before_met};
    check_sound(&before, made, sizeof made / sizeof made[0], pieces,
                sizeof pieces / sizeof pieces[0], 200, 4343);
}

/* ---- the follow: what comes after the first stretch of whitespace ---- */

/* A follow as "[chars]" with "+" when any other than ASCII may come ("+~": but a
 * small Cyrillic letter, not_small), then its literals sorted, each as "|lit" ('_'
 * for whitespace); "-" for none. */
static int lit_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void follow_str(const tg_pf_result *r, char *out, size_t cap)
{
    size_t n = 0;
    if (!r->follow.ok) {
        snprintf(out, cap, "-");
        return;
    }
    out[n++] = '[';
    for (unsigned b = 33; b < 128 && n + 3 < cap; b++)
        if ((r->follow.mask[b >> 6] >> (b & 63)) & 1)
            out[n++] = (char)b;
    out[n++] = ']';
    if (r->follow.wide)
        out[n++] = '+';
    if (r->follow.not_small) {
        assert_true(r->follow.wide);
        out[n++] = '~';
    }
    char lits[TG_PF_FOLLOW_LITS][2 * TG_PF_FOLLOW_LIT_LEN + 1];
    for (unsigned i = 0; i < r->follow.nlits; i++) {
        size_t m = 0;
        for (unsigned k = 0; k < r->follow.len[i]; k++) {
            if ((r->follow.fold[i] >> k) & 1)
                lits[i][m++] = '^'; /* of either case */
            lits[i][m++] = r->follow.lit[i][k] == ' ' ? '_' : r->follow.lit[i][k];
        }
        lits[i][m] = 0;
        assert_true((r->follow.first[r->follow.lit[i][0] >> 6] >> (r->follow.lit[i][0] & 63)) & 1);
    }
    qsort(lits, r->follow.nlits, sizeof lits[0], lit_cmp);
    for (unsigned i = 0; i < r->follow.nlits && n + 2 * TG_PF_FOLLOW_LIT_LEN + 2 < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "|%s", lits[i]);
    out[n] = 0;
}

/* What the follows read from patterns. */
static void test_follow(void **state)
{
    (void)state;
    static const described_case cases[] = {
        /* a name, particles, a surname */
        {"(?:Ann|Bob)(?:\\h+(?:van|de)){0,2}\\h+\\p{Lu}\\p{Ll}+",
         "[ABCDEFGHIJKLMNOPQRSTUVWXYZ]+~|de_|van_"},
        /* each branch's own stretch: "of" after the first word of one title */
        {"(?:Mr|Secretary\\h+of)\\h+\\p{Lu}", "[ABCDEFGHIJKLMNOPQRSTUVWXYZ]+~|of_"},
        /* a repeated group: its next round or what comes after it */
        {"\\p{Lu}\\w*\\h+(?:and\\h+)?(?:\\p{Lu}\\w*\\h+){0,3}(?:Bank|plc)",
         "[ABCDEFGHIJKLMNOPQRSTUVWXYZ]+~|and_|plc"},
        {"[Gg]o\\h+(?:to|by)\\h+1", "[]|by_|to_"},
        /* literals: read on after a group, cut at four bytes, ended by a class; an
         * optional item is either read or not */
        {"go\\h+(?:to|by)x", "[]|byx|tox"},
        {"go\\h+abcdef", "[]|abcd"},
        {"go\\h+ab\\w", "[]|ab"},
        {"go\\h+de\\h*x", "[]|de_|dex"},
        {"go\\h+(?:de)?x", "[]|dex|x"},
        {"go\\h+(?:de\\h+){1,2}x", "[]|de_"},
        {"go\\h+(?:x|)de", "[]|de|xde"},
        {"go\\h+(?:ab|a)(?:cd|c)", "[]|a|ab"}, /* (a group ends them) */
        /* more literals than a follow holds: the first bytes of the others, and then
         * the literals that begin with them go */
        {"go\\h+(?:aa|ab|ac|ad|ae|af|ag|ah|ai|aj|ak|al|am|an|ao|ap|aq|ar|as|at|au|av|aw|ax|"
         "ay|az|ba)",
         "[ab]"},
        {"go\\h+\\d", "[0123456789]+~"}, /* (\d under UCP: other digits) */
        /* (?i): a letter of either case; but the Kelvin sign for 'k', the long s */
        {"go\\h+(?i:to)", "[]|^t^o"},
        {"go\\h+(?i:ok)", "[]|^o"},
        {"go\\h+(?i:so)", "[Ss]+~"},
        {"go\\h+[a-c]x", "[abc]"},
        {"go\\h+(?:[a-c]|\\x{e9})x", "[abc]+~"},
        {"go\\h+(?:[a-c]|\xd0\xb1)x", "[abc]+"}, /* б: a small Cyrillic letter */
        /* a match may end before the stretch, or in it, or have none: no follow */
        {"go(?:\\h+x)?", "-"},
        {"go\\h+", "-"},
        {"go\\h*x", "-"},
        /* what may be whitespace or not: the stretch may end at it or go on */
        {"go\\h+.x", "-"},
        {"go[\\h,]+x", "-"},
        {"go\\h+[^,]x", "-"},
        {"go\\h+(\\w)\\1x", "-"}, /* a back reference may be anything */
        /* too little to say: a lower-case word of any letter may follow */
        {"go\\h+\\p{Ll}", "-"},
        /* lookarounds consume nothing */
        {"(?<=\\h)go(?=\\h+x)\\h+y", "[]|y"},
        /* not anchored (no lead): no attempts to save */
        {"\\w+\\h+x", "-"},
        /* led by another script: a follow that lets any such character through says
         * no too seldom; one that turns the small Cyrillic letters down does not */
        {"\xd0\xb2\\h+\\p{Ll}", "-"},
        {"\xd0\xb2\\h+\\w", "-"},
        {"\xd0\xb2\\h+\\p{Lu}", "[ABCDEFGHIJKLMNOPQRSTUVWXYZ]+~"},
        {"\xd0\xb2\\h+[\xd0\x90-\xd0\xaf\xd2\x90]", "[]+~"}, /* А-Я, Ґ */
        {"\xd0\xb2\\h+[\xd0\x90-\xd1\x8f]", "-"},            /* А-я */
        {"\xd0\xb2\\h+[\xd1\x90-\xd1\x9f]", "-"},            /* ѐ-џ */
        {"\xd0\xb2\\h+\xd2\x91", "-"},                        /* ґ */
        {"\xd0\xb2\\h+[\xc2\xab\"]\\p{Lu}", "[\"]+~"},        /* « or " */
        /* under (?i) \p{Lu} is \p{L&}, and a capital stands for its small letter too:
         * while it is in force, to the end of the group where it was set */
        {"\xd0\xb2(?i)\\h+\\p{Lu}", "-"},
        {"(?i:\xd0\xb2)\\h+\\p{Lu}", "[ABCDEFGHIJKLMNOPQRSTUVWXYZ]+~"},
        {"(?:(?i)\xd0\xb2\xd1\x85|\xd0\xb2\xd0\xb1)\\h+\\p{Lu}", "[ABCDEFGHIJKLMNOPQRSTUVWXYZ]+~"},
        {"(?:(?i)\xd0\xb2\xd1\x85|\xd0\xb2\xd0\xb1\\h+\\p{Lu})\\h+\\p{Lu}", "-"},
        {"(?i:\xd0\xb2)\\h+[\xd0\x90-\xd0\xaf]", "[]+~"},
        {"(?i:\xd0\xb2\\h+[\xd0\x90-\xd0\xaf])", "-"},
        {"(?i:\xd0\xb2\\h+\xd0\x86)", "-"}, /* І, and і */
    };
    assert_int_equal(
        described_failures(cases, sizeof cases / sizeof cases[0], follow_str, "follow"), 0);
}

/* A follow that turns the small Cyrillic letters down (not_small) says no to those
 * alone: а-я, ѐ-џ, ґ, and yes to the capitals, other letters than ASCII, marks. */
static void test_follow_small(void **state)
{
    (void)state;
    tg_model *m;
    tg_error err;
    assert_int_equal(tg_model_load(&m, TEST_SOURCE_DIR, &err), TG_OK);
    static tg_pf_result r;
    const char *pat = "\xd0\xb2\\h+\\p{Lu}";
    tg_prefilter_analyze(&m->fold, pat, strlen(pat), &r);
    assert_true(r.follow.ok && r.follow.wide && r.follow.not_small);
    static const struct {
        const char *text;
        int met;
    } cases[] = {
        {"\xd0\xb2 \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", 1}, /* в Київ */
        {"\xd0\xb2 \xd0\xba\xd0\xb8\xd1\x97\xd0\xb2", 0}, /* в київ */
        {"\xd0\xb2 \xd0\xb0", 0}, {"\xd0\xb2 \xd0\xbf", 0}, {"\xd0\xb2 \xd1\x80", 0},
        {"\xd0\xb2 \xd1\x8f", 0}, {"\xd0\xb2 \xd1\x90", 0}, {"\xd0\xb2 \xd1\x9f", 0},
        {"\xd0\xb2 \xd2\x91", 0},                          /* ґ */
        {"\xd0\xb2 \xd0\x90", 1}, {"\xd0\xb2 \xd0\xaf", 1}, /* А, Я */
        {"\xd0\xb2 \xd0\x8f", 1}, {"\xd0\xb2 \xd2\x90", 1}, /* Џ, Ґ */
        {"\xd0\xb2 \xd1\xa0", 1}, {"\xd0\xb2 \xc3\xa9", 1}, /* Ѡ, é: not known small */
        {"\xd0\xb2 \xc2\xab", 1}, {"\xd0\xb2 \xd2\x92", 1}, /* «, Ғ */
        {"\xd0\xb2\xc2\xa0\xd0\xb0", 0},                   /* after a no-break space */
        {"\xd0\xb2 ", 0}, {"\xd0\xb2 a", 0}, {"\xd0\xb2 A", 1},
        {"\xd0\xb2\xd0\xb0\xd0\xb1 \xd0\x9a", 1}, /* the first stretch after a word */
        {"\xd0\xb2\xd0\xb0\xd0\xb1 \xd0\xba", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        if (tg_pf_follow_met(&r.follow, t, 0, strlen(t)) != cases[i].met)
            fail_msg("follow of %s at '%s': want %d", pat, t, cases[i].met);
    }
    tg_model_free(m);
}

/* Where a pattern's follow says no, PCRE2 finds no match starting there: every rule of
 * the model and patterns made to bend the analysis, anchored at every character of
 * random texts of pieces spaced with every kind of whitespace (and none, and
 * punctuation), and the follow must have said no often. */
static int has_follow(const tg_pf_result *r)
{
    return r->follow.ok;
}

static int follow_met(const tg_pf_result *r, const char *text, size_t at, size_t n)
{
    return tg_pf_follow_met(&r->follow, text, at, n);
}

static void test_follow_sound(void **state)
{
    (void)state;
    static const char *const made[] = {
        "(?:Ann|Bob)(?:\\h+\\p{Lu}\\.)?(?:\\h+(?:van|de)){0,2}\\h+\\p{Lu}\\p{Ll}+",
        "\\p{Lu}\\p{Ll}*+\\h++(?:(?:and|&)\\h+)?(?:\\p{Lu}\\w*\\h+){0,3}(?:Bank|plc)",
        "(?:Mr|Secretary\\h+of|(?i:prime\\h+minister))\\h+\\p{Lu}",
        "go\\h+(?:to|by)\\h+\\d|gone\\s+[x\\x{e9}]",
        "go\\h+(?:to|by)\\h+1",
        "(?:go|in)(?:[,.]\\h*|\\h+)(?:the\\h+)?\\p{Lu}",
        "\\d+\\h?(?:km|bn)?\\h*(?:\\$|\\x{20ac})",
        /* literals after the stretch: ended by whitespace or not, of either case */
        "(?:Ann|Bob)\\h+(?:de\\h*|van)(?:x|\\h+(?:al-)?\\p{Lu})",
        "go\\h+(?i:to|ok|so|minister)(?:\\h+of)?\\h+x",
        /* Cyrillic: capitals and quote marks after the stretch, or small letters */
        "(?i:\xd0\xb2|\xd1\x83|\xd0\xbc\xd1\x96\xd1\x81\xd1\x82\xd0\xbe)\\h+"
        "(?:\\p{Lu}\\p{Ll}+|[\xc2\xab\"])",
        "(?:\xd0\xb2|\xd1\x83)\\h+[\xd0\x90-\xd0\xaf\xd0\x86\xd0\x87\xd0\x84\xd2\x90]",
        "(?i)\xd0\xb2\\h+\\p{Lu}",
        "(?i:\xd0\xb2\\h+\xd0\x86)",
        "\xd0\xb2\\h+[\xd0\x90-\xd1\x8f\xd1\x96]\\w",
        "(?:go|in)\\h+(?:\\p{Lu}|\xd0\xb2|\xd1\x96)",
    };
    static const char *const pieces[] = {
        "the", "The", "in", "go", "gone", "to", "by", "Ann", "Bob", "van", "de", "Smith",
        "and", "&", "Bank", "plc", "Mr", "Secretary", "of", "prime", "minister", "Kyiv",
        "\xc3\x89mile", "\xc3\xa9", "\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", "x", "1", "22", "km",
        "$", "\xe2\x82\xac", ",", ".", "J.", "\xe2\x84\xaa", "ibn", "al-", "bin-", "al",
        "le", "deal", "vanish", "for", "Minister", "MINISTER", "TO", "o\xe2\x84\xaa",
        "\xc5\xbfo", "dex", "dos",
        /* в, у, В, місто, Київ, київ, І, і, ґ, Ґ, ѐ, «, " */
        "\xd0\xb2", "\xd1\x83", "\xd0\x92", "\xd0\xbc\xd1\x96\xd1\x81\xd1\x82\xd0\xbe",
        "\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", "\xd0\xba\xd0\xb8\xd1\x97\xd0\xb2", "\xd0\x86",
        "\xd1\x96", "\xd2\x91", "\xd2\x90", "\xd1\x90", "\xc2\xab", "\"",
    };
    static const precheck follow = {"follow", has_follow, follow_met};
    check_sound(&follow, made, sizeof made / sizeof made[0], pieces,
                sizeof pieces / sizeof pieces[0], 200, 777);
}

/* ---- equivalence over real text ---- */

typedef struct ctx {
    tg_model *m;
    tg_token_vec tokens;
    tg_char_vec norm;
    tg_rules_scratch rs;
    tg_rule_match_vec with, without;
    pcre2_match_data *md;
    size_t docs, matches, windowed_rules, anchored_rules;
} ctx;

static void check_text(ctx *c, const char *text, size_t len, const char *lang, const char *what)
{
    tg_model *m = c->m;
    if (tg_utf8_check(text, len) != len)
        return;
    assert_same_rule_matches(m, text, len, tg_lang_bit(lang), &c->tokens, &c->norm, &c->rs,
                             c->md, &c->with, &c->without, what);
    c->docs++;
    c->matches += c->with.n;
}

static void check_news_text(void *arg, const char *text, size_t len, const char *lang,
                            const char *path)
{
    check_text(arg, text, len, lang, path);
}

static void check_jsonl(ctx *c, const char *name, size_t max_records)
{
    eval_texts_each(name, max_records, check_news_text, c);
}

/* Random texts of the pieces the leads are made of, in random order and spacing:
 * numbers, weekdays and months, prepositions and abbreviations, currency prefixes
 * and symbols, inside words and out, so that a lead missing a start shows. */
static void check_fragments(ctx *c)
{
    static const char *const pieces[] = {
        "1", "29", "3-го", "12.5", "2025", "вівторок", "Вторник", "п'ятницю", "пятницу",
        "серпня", "июля", "мая", "July", "Friday", "у", "В", "в", "м.", "с.", "смт", "село",
        "міста", "Буча", "Гостомель", "US", "U.S.", "A", "AU", "HK", "$", "£", "€", "million",
        "x", "на", ",", ".", ";", "(", "'", "-", "d'Friday 29 July", "l'Europe", "5'July",
    };
    static const char *const gaps[] = {" ", "", "  ", "\xc2\xa0", "\n", ", "};
    static const char *const langs[] = {"en", "uk", "ru"};
    unsigned long seed = 12345;
    char text[1024];
    for (int doc = 0; doc < 600; doc++) {
        size_t n = 0;
        for (int w = 0; w < 40; w++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            const char *p = pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])];
            const char *g = gaps[(seed >> 17) % (sizeof gaps / sizeof gaps[0])];
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", p, g);
        }
        check_text(c, text, n, langs[doc % 3], "random pieces");
    }
}

static void test_same_matches(void **state)
{
    (void)state;
    ctx c = {0};
    tg_error err;
    assert_int_equal(tg_model_load(&c.m, TEST_SOURCE_DIR, &err), TG_OK);
    for (size_t k = 0; k < c.m->rules.v.n; k++) {
        c.windowed_rules += c.m->rules.v.v[k].windowed;
        c.anchored_rules += c.m->rules.v.v[k].anchored;
    }
    assert_true(c.windowed_rules > 0);
    assert_true(c.anchored_rules > 0); /* both kinds are compared below */
    c.md = tg_rules_match_data(&c.m->rules);
    /* Texts made for the kinds of skipping: a stretch cut by punctuation before a
     * head noun (barriers), a capital right after an apostrophe inside a word (a
     * stretch may start there), lead literals inside words after a letter, a mark or
     * an apostrophe, and a non-ASCII word around them (token_all_word, byte_of_norm). */
    static const struct {
        const char *lang, *text;
    } made[] = {
        {"en", "Officials said, Reserve Bank of India and O'Neill Capital Partners Bank, "
               "(Northern Rock Bank) met; \"Federal Reserve Bank\" and d'Estaing Holdings "
               "Group. Shares of Acme.Widget Company fell 5.5% to $1,200.50 m, 3 km2 and "
               "12.5 per cent, said Mr. Smith, the Acme spokesman."},
        {"en", "Dianne Watson met Ann Lee, x\xcc\x81John Smith, O'John Brown, "
               "\xe2\x93\x90John Smith and Plann Danny Boyle in Kyiv's Bank of Ukraine."},
        {"uk", "Голова Національного банку України, Олександр Петренко, та "
               "зО\xcc\x81лександр Іваненко; Міністерство оборони України і «Фонд» "
               "державного майна. Ткаченко Олександра Івановича і пані Олена Коваль."},
        {"ru", "Министерство обороны России, Сергей Иванов и поСергей Петров, "
               "Федеральная служба безопасности; 5,5 млн рублей, 3 км и 12 %."},
        /* leads made of a caseless weekday and the ten digits, of the letters of a
         * class ([уУвВ]), of an optional prefix joined to a symbol (US$, A$) */
        {"uk", "У п'ятницю, 1 серпня 2025 року, у м. Буча і в с. Гостомель; Вівторок, "
               "29 липня; село Мощун, у смт Бородянка, зв с. Ірпінь, 3-го серпня, у12 липня."},
        {"ru", "Во вторник, 29 июля 2025 г., и в Среду 30 июля; 1-го сентября, во2 мая, "
               "12.3 мая, х5 июня, вторник,  7 июля."},
        {"en", "Prices: US$5, U.S.$10 million, A$ 20, AU$3bn, HK$ 4.5, S$1, xA$7, NZ$$8; "
               "£3 and €4, aUS$9 and US$ 1,200,000."},
    };
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
        check_text(&c, made[i].text, strlen(made[i].text), made[i].lang, "made-up text");
    check_fragments(&c);
    corpus_texts_each("en", check_news_text, &c);
    corpus_texts_each("uk", check_news_text, &c);
    corpus_texts_each("ru", check_news_text, &c);
    check_jsonl(&c, "bulk-en.jsonl", 3000);
    check_jsonl(&c, "conll2003-valid.jsonl", 1000);
    check_jsonl(&c, "slavicner-uk-ru-dev.jsonl", 400);
    check_jsonl(&c, "ner-uk-dev.jsonl", 200);
    check_jsonl(&c, "factrueval-dev.jsonl", 200);
    print_message("%zu texts, %zu rule matches, %zu of %zu rules windowed (%zu anchored)\n",
                  c.docs, c.matches, c.windowed_rules, c.m->rules.v.n, c.anchored_rules);
    assert_true(c.docs > 0);
    pcre2_match_data_free(c.md);
    vec_free(c.tokens);
    vec_free(c.norm);
    vec_free(c.with);
    vec_free(c.without);
    tg_rules_scratch_free(&c.rs);
    tg_model_free(c.m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_analysis),
        cmocka_unit_test(test_upper),
        cmocka_unit_test(test_tokend),
        cmocka_unit_test(test_wordend),
        cmocka_unit_test(test_no_letter_before),
        cmocka_unit_test(test_lead_tokend),
        cmocka_unit_test(test_lead_wordend),
        cmocka_unit_test(test_lead_no_cap),
        cmocka_unit_test(test_needs_digit),
        cmocka_unit_test(test_lead),
        cmocka_unit_test(test_lead_class),
        cmocka_unit_test(test_barrier),
        cmocka_unit_test(test_reach),
        cmocka_unit_test(test_reach_sound),
        cmocka_unit_test(test_no_letter_before_sound),
        cmocka_unit_test(test_lit_words),
        cmocka_unit_test(test_lit_words_sound),
        cmocka_unit_test(test_follow),
        cmocka_unit_test(test_follow_sound),
        cmocka_unit_test(test_follow_small),
        cmocka_unit_test(test_grouped_alternatives),
        cmocka_unit_test(test_grouped_budget),
        cmocka_unit_test(test_same_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
