/*
 * prefilter.c - reading a PCRE2 pattern for the literals every match needs.
 *
 * A small recursive-descent reader over the pattern syntax. For a sequence of items
 * it keeps the best required set among its literal runs and its mandatory groups;
 * for an alternation it takes the union of the branches' sets (every branch must
 * have one). Optional items, classes and lookarounds end a literal run and give
 * nothing. Literals are folded with the tokenizer's table and whitespace is dropped,
 * because they are searched for in the folded token buffer, where tokens sit back
 * to back. An apostrophe ends a run and a following 's' is skipped: the tokenizer
 * drops a possessive 's.
 *
 * A literal that the pattern puts right after whitespace (\h, \s, a space) is marked
 * tokstart: in the text it begins a token, so the scan only looks for it there, and
 * "Inc" no longer fires on "since"; so does one after a lookbehind that ends so,
 * (?<=[\p{L}],\h)Ind\. When such a literal starts with a capital outside
 * any (?i), it is marked upper as well: the token must start with a capital, so the
 * head noun "News" no longer wakes org_en_head on every lower-case "news". A literal
 * that the pattern follows with mandatory whitespace is marked tokend: a token must
 * start right after it, so "leader" no longer fires on "leadership". A lead literal
 * stays so through what lies between that consumes nothing or is optional and starts
 * with whitespace: a given name before "(?:\h+\p{Lu}\.)?\h+" wakes the rule only
 * where it is a whole word ("Ann", not at "Annual").
 *
 * Alongside, each item's span: the most characters it may consume that are not
 * whitespace (tg_pf_skip_len), and the reaches (prefilter.h) that all its matches
 * meet, from its start. A mandatory item of ASCII characters gives one ("[0-9]": a
 * digit, reach 0), a sequence moves its items' reaches by the span of what comes
 * before them, a positive lookahead's count too, and an alternation keeps what every
 * branch gives: the unions of one reach from each branch, at the larger reach. So a
 * rule led by "in"/"the" that needs a year soon after is not tried at every "the"
 * of a line with a number somewhere.
 *
 * A literal run right before a group joins each of its branches: the group is read
 * again with the run in front of each (prefixed_group), so that "k(?:m|g|ilometres)"
 * requires "km|kg|kilometres", as the list written flat does, not "k" or "m|g|...".
 * Long lists are grouped by their first letters because PCRE2 then tries a branch
 * only where its letter is; the literals must not lose what the flat list gave.
 *
 * Anything unusual (\Q, (?x), conditionals, verbs, octal escapes) makes the reader
 * give up on the rule, which then runs as before.
 */
#include "prefilter.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define PF_SPAN_INF (1u << 30) /* no bound */
#define PF_SPAN_CANDS 16       /* reaches kept per item, the most selective */
/* Pattern bytes that second readings of groups (prefixed_group) may take in all: a
 * trie of names two levels deep takes about three times its length. */
#define PF_REREAD_BUDGET(len) (8 * (long)(len) + 4096)
#define PF_REREAD_FIRST 1024 /* ... in the first reading (tg_prefilter_analyze) */
/* A run of this many bytes or more before a group is not joined to its branches: it
 * picks few places of a text already, and its endings ("агентств(?:о|а|у|і|ом)")
 * would only multiply the literals that the scan compares there (cyr450: 1.9M more
 * instructions for 160 fewer attempts). The first letters of a grouped list join. */
#define PF_JOIN_RUN 8

/* What an item consumes, for the reaches: at most max counted characters, in which
 * at most gaps stretches of whitespace begin, and every match meets each of v[0..n).
 * While read, a reach's words is one more than the stretches that may begin before
 * its character (0: no bound), its reach PF_SPAN_INF when only words bound it. */
typedef struct pf_span {
    uint32_t max;
    uint32_t gaps;
    int n;
    tg_pf_reach v[PF_SPAN_CANDS];
    double pass[PF_SPAN_CANDS]; /* reach_pass of each */
} pf_span;

/* Literals of a follow (tg_pf_follow.lit): at most TG_PF_FOLLOW_LITS of at most
 * TG_PF_FOLLOW_LIT_LEN bytes, ' ' for any whitespace. One more than fits gives up its
 * bytes after the first: its first goes into the mask beside the set. */
typedef struct pf_lits {
    uint8_t n;
    uint8_t len[TG_PF_FOLLOW_LITS];
    uint8_t fold[TG_PF_FOLLOW_LITS]; /* (tg_pf_follow.fold) */
    char b[TG_PF_FOLLOW_LITS][TG_PF_FOLLOW_LIT_LEN];
} pf_lits;

/* What an item does to the follow (prefilter.h), read as phases of a match: 0, no
 * whitespace consumed yet; 1, in the first stretch; 2, past it (the character after
 * it consumed). From phase p (0, 1) at its start, an item may end in the phases of
 * out[p] (bit i: phase i) and may consume, as that character, one of mask[p] (ASCII)
 * or, when wide[p], of the others, or begin there one of the literals done[p]; or
 * begin there one of open[p] and end right after it, so that what comes next may
 * lengthen it ("de" then \h: "de "). Phase 2 stays. starts_ws: every match of the
 * item starts with whitespace (an open literal before it gets a ' '). */
typedef struct pf_fol {
    uint8_t out[2];
    uint8_t wide[2];
    uint8_t small[2]; /* of the others, maybe a small Cyrillic letter (atom.fsmall) */
    uint8_t starts_ws;
    uint64_t mask[2][2];
    pf_lits done[2], open[2];
} pf_fol;

typedef struct pf_set {
    pf_span span; /* of the sequence or alternation read into it */
    pf_fol fol;   /* of the sequence or alternation read into it */
    int ok; /* a required set */
    int digit; /* every match contains a digit */
    unsigned lead_cls; /* a lead set without literals: TG_C_DIGIT / TG_C_UPPER */
    unsigned pre; /* barrier characters a match may consume before its literal */
    int n;
    tg_pf_lit v[TG_PF_MAX_LITS];
} pf_set;

typedef struct reader {
    const unsigned char *p, *end;
    const tg_fold *fold;
    int line_local;
    int fail;
    int depth;
    int caseless; /* an (?i) was seen: literals from here on may match either case */
    int case_now; /* an (?i) is in force here: set as caseless is, but cleared again at
                     the end of the group it was set in (read_group), for the follow's
                     small letters (atom.fsmall) after a (?i:...) cue */
    int branches; /* how many branches the last read_alt read */
    /* For tg_pf_lit.no_cap: the last read_seq read one mandatory class of every letter
     * and nothing else (one_letter), \h+\p{Lu} and nothing else (space_upper), items
     * that consume letters alone (only_letters); read_alt: one of its branches did, one
     * did, all did */
    int one_letter, space_upper, only_letters;
    int one_word; /* the last read_seq read one mandatory class of every ASCII letter
                     and digit, and nothing else; read_alt: one of its branches did */
    int consumed; /* a character-consuming item was read (in the current group) */
    int span_off; /* inside branches whose alternation has no reach left: spans keep
                     their max only */
    unsigned alpha; /* barrier characters (TG_PF_BARRIERS) of every item read so far,
                       lookarounds included: more than a match consumes before any
                       point of the pattern, which is the safe side */
    /* The ASCII letters (PF_LETTERS' bits) that the character right before the point
     * being read may be in a match: those an item read last may end with, and those
     * before it when it may be empty; PF_LETTERS at the match's start, where that
     * character is the text's. For tg_pf_lit.no_letter_before: after "million" or
     * "thousand" a unit follows an 'n' or a 'd', not their other letters. */
    uint32_t last_letters;
    /* The literal run right before the group being read, when each of its branches
     * is to be read as if it started with the run (read_alt takes it): "k(?:m|g)" is
     * read as "km|kg" would be (prefixed_group). NULL otherwise. */
    const tg_pf_lit *prefix;
    unsigned prefix_pre; /* the run's pre (pf_set.pre) */
    long budget; /* pattern bytes that such second readings may still take */
    int missed;  /* a group was not read again for want of budget */
    int looking; /* inside a lookaround, whose literals are not kept: none is read again */
    int fol_bad; /* an item of unknown length (a back reference): no follow */
    /* The stretches of whitespace that may begin in a match before the sequence being
     * read (its enclosing sequences' items before it), PF_SPAN_INF when no bound: with
     * its own items' gaps, what a literal run starting there has before it
     * (tg_pf_lit.words). */
    uint32_t gaps_outer;
} reader;

enum { A_LIT, A_CLASS, A_ZERO, A_GROUP };

#define TG_PF_CLASS_LETTERS 8 /* a class of more letters leads with none of them */

typedef struct atom {
    int kind;
    uint32_t cp;   /* A_LIT */
    int space;     /* A_CLASS: always a whitespace character */
    int digit;     /* A_CLASS: always a digit */
    int upper;     /* A_CLASS: always an upper-case letter (\p{Lu}) */
    pf_set *group; /* A_GROUP: the literals its matches contain */
    pf_set *lead;  /* A_GROUP: the literals its matches start with */
    int ends_space;
    int starts_space; /* A_GROUP: each of its matches starts with whitespace */
    unsigned ahead_cls; /* A_ZERO from (?=...): the class the next character is in */
    unsigned alpha;     /* A_CLASS: the barrier characters it may match */
    /* A_CLASS of a few letters only, listed one by one ([уУвВ]): their folded forms,
     * which a lead may start with one of (nletters 0: another kind of class) */
    uint32_t letters[TG_PF_CLASS_LETTERS];
    int nletters;
    /* A_CLASS of a few single characters, letters or digits ([89]), listed: their folded
     * forms, which a lead's literal run before it joins one by one ("1[89]": "18|19")
     * (nchars 0: another kind of class) */
    uint32_t chars[TG_PF_CLASS_LETTERS];
    int nchars;
    /* For the spans: the ASCII characters it matches, when it matches no other
     * (mask_ok); it may consume any number of characters (a back reference, \X);
     * it consumes only whitespace that no reach counts (\h, \s, a space) */
    uint64_t mask[2];
    int mask_ok, wide, blank;
    int noblank; /* it matches no whitespace that tg_pf_skip_len passes over */
    pf_span *ahead; /* A_ZERO from a mandatory (?=...): its span */
    /* For the literals' ends (tg_pf_lit.wordend): the ASCII letters and digits it
     * surely matches (A_CLASS, a lower bound: bits as mask's); it is \b (A_ZERO);
     * it is a (?!...) that fails before any letter or digit (A_ZERO) */
    uint64_t cov[2];
    int bound, word_end;
    /* For tg_pf_lit.no_cap: A_CLASS, it matches every letter (\p{L}, \w); A_GROUP, it
     * consumes letters alone; A_ZERO, it is a (?!...) with a branch of such a class and
     * one that is \h+\p{Lu} */
    int all_letters, letters_only, no_cap;
    /* A_ZERO from a positive lookbehind each of whose branches ends with mandatory
     * whitespace, (?<=[\p{L}],\h): the character before here is whitespace, as after
     * \h itself, so a literal right after it begins a token */
    int behind_space;
    /* For the follow: the characters other than whitespace it may match, ASCII
     * (fm, bits as mask's) and any other (fwide); all of them unless narrowed */
    uint64_t fm[2];
    int fwide, fset; /* fset: narrowed */
    /* fwide, and among those it may match a small Cyrillic letter, U+0430-U+045F or
     * U+0491 (tg_pf_follow.not_small): a class of capitals (\p{Lu}, [А-ЯІЇЄҐ]) or a
     * quote mark («) does not, so that a follow can turn down a lower-case Cyrillic
     * word after the stretch. Read as fwide is; unnarrowed, it may. */
    int fsmall;
} atom;

#define ALL_BARRIERS ((1u << TG_PF_NBARRIERS) - 1)

#define PF_LETTERS ((1u << 26) - 1) /* bit i: the ASCII letter 'a' + i, either case */

/* The ASCII letters (PF_LETTERS' bits) that a character-consuming item may match.
 * Under (?i) a character past ASCII may match one (the Kelvin sign 'k'); an item of
 * unknown members (unnarrowed, a back reference), any; of whitespace (\h), none. */
static uint32_t atom_letters(const reader *r, const atom *a)
{
    if (a->kind == A_CLASS && a->blank && !a->wide)
        return 0;
    if (a->wide || (a->kind == A_CLASS && !a->fset) || (r->caseless && a->fwide))
        return PF_LETTERS;
    if (a->kind == A_LIT)
        return a->cp < 0x80 && ((a->cp | 0x20) - 'a') < 26 ? 1u << ((a->cp | 0x20) - 'a') : 0;
    if (a->kind != A_CLASS)
        return 0;
    uint32_t bits = 0;
    for (unsigned c = 'a'; c <= 'z'; c++)
        if ((a->fm[1] >> (c & 63)) & 1 || (a->fm[1] >> ((c ^ 0x20) & 63)) & 1)
            bits |= 1u << (c - 'a');
    return bits;
}

/* The barrier bit of a character, 0 for the others. */
static unsigned barrier_bit(uint32_t cp)
{
    return cp < 0x80 ? tg_pf_barrier_bit((unsigned char)cp) : 0;
}

/* The barrier bits of a range of characters. */
static unsigned barrier_range(uint32_t lo, uint32_t hi)
{
    unsigned bits = 0;
    for (uint32_t c = lo; c <= hi && c < 0x80; c++)
        bits |= barrier_bit(c);
    return bits;
}

/* ---- spans and reaches ---- */

/* How often each ASCII character is among the counted characters of English news,
 * per ten thousand (rough): to rank reaches, never to decide what matches. */
static unsigned char_freq(unsigned c)
{
    static const unsigned short lower[26] = {650, 120, 230, 310, 1000, 180, 160, 400, 570, 12,
                                             60,  330, 200, 560, 600,  160, 8,   500, 520, 720,
                                             220, 80,  150, 15,  140,  6};
    if (c >= 'a' && c <= 'z')
        return lower[c - 'a'];
    if (c >= 'A' && c <= 'Z')
        return 15;
    if (c >= '0' && c <= '9')
        return 20;
    if (c == ',' || c == '.')
        return 100;
    if (c == '"' || c == '\'' || c == '-')
        return 25;
    return 5;
}

/* The chance that a start of text meets the reach by accident: lower is better.
 * Above PF_PASS_MAX it is not worth a look, and joining or moving it only adds. */
#define PF_PASS_MAX 0.5
#define PF_WORD_CHARS 6

static double reach_pass(const tg_pf_reach *c)
{
    unsigned f = 0;
    for (int h = 0; h < 2; h++)
        for (uint64_t m = c->mask[h]; m; m &= m - 1)
            f += char_freq((unsigned)(64 * h + __builtin_ctzll(m)));
    double miss = 1.0 - (f > 10000 ? 10000 : f) / 10000.0, all = 1.0;
    uint32_t len = c->reach; /* a word of news is about six counted characters */
    if (c->words && (uint32_t)c->words * PF_WORD_CHARS - 1 < len)
        len = (uint32_t)c->words * PF_WORD_CHARS - 1;
    for (uint32_t i = 0; i <= len && all > 1.0 - PF_PASS_MAX; i++)
        all *= miss;
    return 1.0 - all;
}

/* *to = *from, its reaches in use only (a span is copied for every item read). */
static void span_copy(pf_span *to, const pf_span *from)
{
    to->max = from->max;
    to->gaps = from->gaps;
    to->n = from->n;
    memcpy(to->v, from->v, (size_t)from->n * sizeof from->v[0]);
    memcpy(to->pass, from->pass, (size_t)from->n * sizeof from->pass[0]);
}

static uint32_t span_add(uint32_t a, uint32_t b)
{
    return a >= PF_SPAN_INF || b >= PF_SPAN_INF || a + b >= PF_SPAN_INF ? PF_SPAN_INF : a + b;
}

/* Words (tg_pf_reach.words, as read: 0 no bound) after gaps more stretches may
 * begin; the larger of two. */
static uint8_t words_add(uint8_t words, uint32_t gaps)
{
    return !words || gaps >= 255 || words + gaps > 255 ? 0 : (uint8_t)(words + gaps);
}

static uint8_t words_max(uint8_t a, uint8_t b)
{
    return !a || !b ? 0 : a > b ? a : b;
}

/* Keep reach c in s when there is room or it is better than the worst there. Two
 * reaches of one mask are one: its first character in the text comes no later than
 * either's, so within the nearer bound of each kind. */
static void span_keep(pf_span *s, tg_pf_reach c)
{
    if ((c.reach >= PF_SPAN_INF && !c.words) || !(c.mask[0] | c.mask[1]))
        return;
    for (int i = 0; i < s->n; i++)
        if (s->v[i].mask[0] == c.mask[0] && s->v[i].mask[1] == c.mask[1]) {
            tg_pf_reach *o = &s->v[i];
            uint8_t words = !o->words ? c.words : !c.words || o->words < c.words ? o->words
                                                                                  : c.words;
            if (c.reach < o->reach || words != o->words) {
                o->reach = c.reach < o->reach ? c.reach : o->reach;
                o->words = words;
                s->pass[i] = reach_pass(o);
            }
            return;
        }
    double pass = reach_pass(&c);
    if (pass >= PF_PASS_MAX)
        return;
    int at = s->n;
    if (s->n == PF_SPAN_CANDS) {
        at = 0;
        for (int i = 1; i < s->n; i++)
            if (s->pass[i] > s->pass[at])
                at = i;
        if (pass >= s->pass[at])
            return;
    } else {
        s->n++;
    }
    s->v[at] = c;
    s->pass[at] = pass;
}

/* An item follows what seq has read: its reaches move by seq's span, and its own
 * span (already times its repeats) adds to seq's. The stretches of whitespace that
 * begin in a text are no more than those that begin in its parts. */
static void span_then(pf_span *seq, const pf_span *item, uint32_t item_max, uint32_t item_gaps)
{
    for (int i = 0; item && i < item->n && (seq->max < PF_SPAN_INF || seq->gaps < PF_SPAN_INF);
         i++) {
        tg_pf_reach c = item->v[i];
        c.reach = span_add(c.reach, seq->max);
        c.words = words_add(c.words, seq->gaps);
        span_keep(seq, c);
    }
    seq->max = span_add(seq->max, item_max);
    seq->gaps = span_add(seq->gaps, item_gaps);
}

/* A branch joins an alternation: what every match meets is a reach of each side. */
/* The indices of s's PF_OR_BEST most selective reaches, into best; how many. */
#define PF_OR_BEST 4

static int span_best(const pf_span *s, int *best)
{
    int n = 0;
    for (int i = 0; i < s->n; i++) {
        int at = n < PF_OR_BEST ? n++ : PF_OR_BEST;
        while (at > 0 && s->pass[best[at - 1]] > s->pass[i]) {
            if (at < PF_OR_BEST)
                best[at] = best[at - 1];
            at--;
        }
        if (at < PF_OR_BEST)
            best[at] = i;
    }
    return n;
}

static void span_or(pf_span *acc, const pf_span *br)
{
    pf_span both;
    both.n = 0;
    int ai[PF_OR_BEST], bi[PF_OR_BEST];
    int na = span_best(acc, ai), nb = span_best(br, bi);
    for (int x = 0; x < na; x++)
        for (int y = 0; y < nb; y++) {
            int i = ai[x], j = bi[y];
            tg_pf_reach c = {{acc->v[i].mask[0] | br->v[j].mask[0],
                              acc->v[i].mask[1] | br->v[j].mask[1]},
                             acc->v[i].reach > br->v[j].reach ? acc->v[i].reach
                                                              : br->v[j].reach,
                             0, {0}, {0}, words_max(acc->v[i].words, br->v[j].words)};
            span_keep(&both, c);
        }
    both.max = acc->max > br->max ? acc->max : br->max;
    both.gaps = acc->gaps > br->gaps ? acc->gaps : br->gaps;
    span_copy(acc, &both);
}

static void mask_set(uint64_t *mask, uint32_t c)
{
    mask[c >> 6] |= 1ull << (c & 63);
}

/* Is cp a letter with another case? (Under (?i) it may match a non-ASCII one too:
 * 'k' the Kelvin sign, 's' the long s.) */
static int is_alnum(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The ASCII letters and digits, as a mask; cov of a range lo..hi (those of them in it). */
static const uint64_t ALNUM[2] = {0x03FF000000000000ull, 0x07FFFFFE07FFFFFEull};

static void cov_range(uint64_t *cov, uint32_t lo, uint32_t hi)
{
    for (uint32_t c = lo; c <= hi && c < 0x80; c++)
        if (is_alnum(c))
            mask_set(cov, c);
}

static int covers_alnum(const uint64_t *cov)
{
    return (cov[0] & ALNUM[0]) == ALNUM[0] && (cov[1] & ALNUM[1]) == ALNUM[1];
}

static int ascii_cased(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Whitespace that tg_pf_skip_len passes over, as a code point. */
static int cp_blank(uint32_t cp)
{
    return cp == ' ' || (cp >= 9 && cp <= 13) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           cp == 0x180E || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Does lo..hi hold whitespace that tg_pf_skip_len passes over? */
static int range_blank(uint32_t lo, uint32_t hi)
{
    static const uint32_t blank[][2] = {{9, 13},         {32, 32},         {0x85, 0x85},
                                        {0xA0, 0xA0},    {0x1680, 0x1680}, {0x180E, 0x180E},
                                        {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F},
                                        {0x205F, 0x205F}, {0x3000, 0x3000}};
    for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++)
        if (lo <= blank[i][1] && hi >= blank[i][0])
            return 1;
    return 0;
}

/* A literal code point as an atom's mask: itself, when it is ASCII and no case
 * applies to it. */
static void lit_mask(const reader *r, atom *a, uint32_t cp)
{
    a->mask[0] = a->mask[1] = 0;
    a->mask_ok = cp < 0x80 && !(r->caseless && ascii_cased(cp));
    if (a->mask_ok)
        mask_set(a->mask, cp);
    a->blank = cp_blank(cp);
    a->noblank = !a->blank;
}

/* ---- the follow (pf_fol) ---- */

/* Does lo..hi hold a small Cyrillic letter of those tg_pf_small_cyr knows? */
static int cyr_small_range(uint32_t lo, uint32_t hi)
{
    return (lo <= 0x45F && hi >= 0x430) || (lo <= 0x491 && hi >= 0x491);
}

/* cp among the characters an item may match (atom.fm, fwide, fsmall); under (?i) its
 * other case too, and any other than ASCII (the Kelvin sign for 'k'); where an (?i) is
 * in force (case_now), a capital's small letter. */
static void fol_char(uint64_t *fm, int *fwide, int *fsmall, uint32_t cp, int caseless,
                     int case_now)
{
    if (cp >= 0x80) {
        *fwide = 1;
        *fsmall |= case_now || cyr_small_range(cp, cp);
        return;
    }
    mask_set(fm, cp);
    if (caseless && ascii_cased(cp)) {
        mask_set(fm, cp ^ 0x20);
        *fwide = 1;
    }
}

/* The first byte of a literal, in either case when fold says so, among mask. */
static void lit_first(uint64_t *mask, const char *b, unsigned fold)
{
    mask_set(mask, (unsigned char)b[0]);
    if (fold & 1)
        mask_set(mask, (unsigned char)b[0] ^ 0x20);
}

/* Literal b[0..len) (fold: tg_pf_follow.fold) among s; when s is full, its first
 * byte among mask instead (the text there must start with it all the same). */
static void lits_add(pf_lits *s, uint64_t *mask, const char *b, unsigned len, unsigned fold)
{
    for (unsigned i = 0; i < s->n; i++)
        if (s->len[i] == len && s->fold[i] == fold && !memcmp(s->b[i], b, len))
            return;
    if (s->n == TG_PF_FOLLOW_LITS) {
        lit_first(mask, b, fold);
        return;
    }
    s->len[s->n] = (uint8_t)len;
    s->fold[s->n] = (uint8_t)fold;
    memcpy(s->b[s->n++], b, len);
}

static void lits_union(pf_lits *s, uint64_t *mask, const pf_lits *from)
{
    for (unsigned i = 0; i < from->n; i++)
        lits_add(s, mask, from->b[i], from->len[i], from->fold[i]);
}

/* The open literals are read to their end, with a ' ' when whitespace comes next:
 * they join done. */
static void lits_close(pf_lits *done, uint64_t *mask, const pf_lits *open, int ws)
{
    for (unsigned i = 0; i < open->n; i++) {
        char b[TG_PF_FOLLOW_LIT_LEN];
        unsigned len = open->len[i];
        memcpy(b, open->b[i], len);
        if (ws && len < TG_PF_FOLLOW_LIT_LEN)
            b[len++] = ' ';
        lits_add(done, mask, b, len, open->fold[i]);
    }
}

static int lits_same(const pf_lits *a, const pf_lits *b)
{
    if (a->n != b->n)
        return 0;
    for (unsigned i = 0; i < a->n; i++) {
        unsigned j = 0;
        while (j < b->n && !(b->len[j] == a->len[i] && b->fold[j] == a->fold[i] &&
                             !memcmp(b->b[j], a->b[i], a->len[i])))
            j++;
        if (j == b->n)
            return 0;
    }
    return 1;
}

/* Narrow a to ASCII characters lo..hi and, when wide, any other than ASCII, of them
 * a small Cyrillic letter when small. */
static void fol_narrow(atom *a, uint32_t lo, uint32_t hi, int wide, int small)
{
    a->fset = 1;
    a->fwide = wide;
    a->fsmall = small;
    a->fm[0] = a->fm[1] = 0;
    for (uint32_t c = lo; c <= hi && c < 0x80; c++)
        mask_set(a->fm, c);
}

/* What an item of one character does (an item that consumes nothing does nothing). */
static void fol_one(const atom *a, pf_fol *f)
{
    int may_blank = !a->noblank, may_other = !a->blank;
    memset(f, 0, sizeof *f);
    f->starts_ws = (uint8_t)(a->blank && !a->wide);
    f->out[0] = (uint8_t)((may_other ? 1 : 0) | (may_blank ? 2 : 0));
    f->out[1] = (uint8_t)((may_blank ? 2 : 0) | (may_other ? 4 : 0));
    if (may_other) {
        f->mask[1][0] = a->fset ? a->fm[0] : ~0ull;
        f->mask[1][1] = a->fset ? a->fm[1] : ~0ull;
        f->wide[1] = (uint8_t)(a->fset ? a->fwide : 1);
        f->small[1] = (uint8_t)(a->fset ? a->fsmall : 1);
    }
}

/* A match read from one phase at its start: the phases it may be in (bits) and the
 * characters it may have taken after the first stretch, or the literals it began
 * there (done), or has been reading up to here (open). */
typedef struct fol_track {
    unsigned ph;
    uint64_t mask[2];
    int wide, small;
    pf_lits done, open;
} fol_track;

static void fol_track_init(fol_track *t, unsigned ph)
{
    memset(t, 0, sizeof *t);
    t->ph = ph;
}

static void fol_step(fol_track *t, const pf_fol *f)
{
    unsigned ph = t->ph & 4;
    pf_lits open;
    open.n = 0;
    lits_close(&t->done, t->mask, &t->open, f->starts_ws); /* (f reads on after them) */
    for (int p = 0; p < 2; p++)
        if (t->ph & (1u << p)) {
            ph |= f->out[p];
            t->mask[0] |= f->mask[p][0];
            t->mask[1] |= f->mask[p][1];
            t->wide |= f->wide[p];
            t->small |= f->small[p];
            lits_union(&t->done, t->mask, &f->done[p]);
            lits_union(&open, t->mask, &f->open[p]);
        }
    t->ph = ph;
    t->open = open;
}

static int fol_same(const fol_track *a, const fol_track *b)
{
    return a->ph == b->ph && a->mask[0] == b->mask[0] && a->mask[1] == b->mask[1] &&
           a->wide == b->wide && a->small == b->small && lits_same(&a->done, &b->done) && lits_same(&a->open, &b->open);
}

/* A literal character a->cp (ASCII; literal 2: a letter under (?i), not 'k' or 's')
 * read after the stretch: the open literals go on with it, and a match in the
 * stretch begins one. Any other character (literal 0) ends the open literals, and is
 * the character after the stretch as the mask says. */
static void fol_char_item(fol_track *t, const atom *a, int literal)
{
    pf_lits open;
    open.n = 0;
    char c = (char)(literal == 2 ? a->cp | 0x20 : a->cp);
    for (unsigned i = 0; i < t->open.n; i++) {
        unsigned len = t->open.len[i], fold = t->open.fold[i];
        char b[TG_PF_FOLLOW_LIT_LEN];
        memcpy(b, t->open.b[i], len);
        if (literal && len < TG_PF_FOLLOW_LIT_LEN) {
            fold |= (literal == 2 ? 1u : 0u) << len;
            b[len++] = c;
        }
        lits_add(len == TG_PF_FOLLOW_LIT_LEN || !literal ? &t->done : &open, t->mask, b, len,
                 fold);
    }
    if (t->ph & 2) { /* in the stretch: it is the character after */
        t->ph = (t->ph & ~2u) | 4;
        if (literal) {
            lits_add(&open, t->mask, &c, 1, literal == 2);
        } else {
            t->mask[0] |= a->fm[0];
            t->mask[1] |= a->fm[1];
            t->wide |= a->fwide;
            t->small |= a->fsmall;
        }
    }
    t->open = open;
}

/* f repeated min to max times (max -1: no bound). Once a repeat leaves the phases as
 * they were, more repeats change nothing (what they may take is what it took);
 * phases only move on, so that comes soon: a repeat that has not settled after a
 * few more than min gives up the follow. */
static void fol_repeat(reader *r, fol_track *t, const pf_fol *f, long min, long max)
{
    if (min == 1 && max == 1) { /* (most items) */
        fol_step(t, f);
        return;
    }
    unsigned acc = min == 0 ? t->ph : 0;
    pf_lits acc_open;
    acc_open.n = 0;
    if (min == 0)
        acc_open = t->open; /* (no repeat: they go on after it) */
    for (long i = 1; max < 0 || i <= max; i++) {
        fol_track before = *t;
        fol_step(t, f);
        if (fol_same(t, &before)) {
            acc |= t->ph;
            lits_union(&acc_open, t->mask, &t->open);
            break;
        }
        if (i >= min) {
            acc |= t->ph;
            lits_union(&acc_open, t->mask, &t->open);
        }
        if (i > min + 8) {
            r->fol_bad = 1;
            break;
        }
    }
    t->ph = acc;
    t->open = acc_open;
}

static void fol_or(pf_fol *acc, const pf_fol *f)
{
    acc->starts_ws = acc->starts_ws && f->starts_ws;
    for (int p = 0; p < 2; p++) {
        acc->out[p] |= f->out[p];
        acc->wide[p] |= f->wide[p];
        acc->small[p] |= f->small[p];
        acc->mask[p][0] |= f->mask[p][0];
        acc->mask[p][1] |= f->mask[p][1];
        lits_union(&acc->done[p], acc->mask[p], &f->done[p]);
        lits_union(&acc->open[p], acc->mask[p], &f->open[p]);
    }
}

/* The sets an analysis frees, kept for its next set_new (each holds TG_PF_MAX_LITS
 * literals, half a megabyte): a list of 3,400 given names read as a trie takes and frees
 * hundreds of them. Reused, they stay in memory already touched; allocated afresh each
 * time, AddressSanitizer's allocator faulted in new pages for every one (a model load took
 * 3.8 s under it). Per thread, as models may load on several; freed when
 * tg_prefilter_analyze ends (set_pool_drain). */
enum { SET_POOL_MAX = 32 };
static __thread pf_set *set_pool[SET_POOL_MAX];
static __thread int set_pool_n;

static void set_free(pf_set *s)
{
    if (s && set_pool_n < SET_POOL_MAX)
        set_pool[set_pool_n++] = s;
    else
        free(s);
}

static void set_pool_drain(void)
{
    while (set_pool_n > 0)
        free(set_pool[--set_pool_n]);
}

static pf_set *set_new(void)
{
    pf_set *s = set_pool_n > 0 ? set_pool[--set_pool_n] : malloc(sizeof *s);
    if (s) {
        s->span.max = 0;
        s->span.gaps = 0;
        s->span.n = 0;
        s->ok = 0;
        s->digit = 0;
        s->lead_cls = 0;
        s->pre = 0;
        s->n = 0;
        memset(&s->fol, 0, sizeof s->fol);
    }
    return s;
}

/* min length of a set's literals, with a bonus for token-start ones: bigger is
 * more selective. */
static int set_score(const pf_set *s)
{
    if (!s->ok || s->n == 0)
        return -1;
    int best = 1 << 30;
    for (int i = 0; i < s->n; i++) {
        int sc = s->v[i].n * 4 + (s->v[i].tokstart ? 3 : 0);
        if (sc < best)
            best = sc;
    }
    return best;
}

static void set_copy(pf_set *to, const pf_set *from)
{
    to->ok = from->ok;
    to->digit = from->digit;
    to->lead_cls = from->lead_cls;
    to->pre = from->pre;
    to->n = from->n;
    memcpy(to->v, from->v, (size_t)from->n * sizeof from->v[0]);
}

/* Keep cand in best when it is more selective. */
static void consider(pf_set *best, const pf_set *cand)
{
    int a = set_score(best), b = set_score(cand);
    if (b < 0)
        return;
    if (b > a || (b == a && cand->n < best->n))
        set_copy(best, cand);
}

static void consider_run(pf_set *best, const tg_pf_lit *run, unsigned pre)
{
    if (run->n == 0)
        return;
    pf_set *one = set_new();
    if (!one)
        return;
    one->ok = 1;
    one->n = 1;
    one->v[0] = *run;
    one->pre = pre;
    consider(best, one);
    set_free(one);
}

/* Literals that end where the reader is now (tail) and the item read next. */
static void tails_end_token(pf_set *s)
{
    for (int i = 0; i < s->n; i++)
        s->v[i].tokend |= s->v[i].tail;
}

/* ... and an item after which no letter or digit comes (\b: bound). */
static void tails_end_word(pf_set *s, int bound)
{
    for (int i = 0; i < s->n; i++) {
        const tg_pf_lit *l = &s->v[i];
        if (l->tail && l->n && (!bound || is_alnum(l->b[l->n - 1])))
            s->v[i].wordend = 1;
    }
}

static void tails_clear(pf_set *s)
{
    for (int i = 0; i < s->n; i++)
        s->v[i].tail = 0;
}

/* tg_pf_lit.no_cap of a lead's literals that end where the reader is (tail): mark
 * them (on) or give up (off), and set it for those marked (caps_end). */
static void caps_mark(pf_set *s, int on)
{
    for (int i = 0; i < s->n; i++)
        s->v[i].ctrack = (uint8_t)(on && s->v[i].tail);
}

static void caps_end(pf_set *s)
{
    for (int i = 0; i < s->n; i++)
        if (s->v[i].ctrack) {
            s->v[i].no_cap = 1;
            s->v[i].ctrack = 0;
        }
}

static void set_union(pf_set *acc, const pf_set *add)
{
    if (!acc->ok || !add->ok || acc->n + add->n > TG_PF_MAX_LITS) {
        acc->ok = 0;
        return;
    }
    memcpy(acc->v + acc->n, add->v, (size_t)add->n * sizeof add->v[0]);
    acc->n += add->n;
    acc->pre |= add->pre;
}

/* The class of character that a lead set's literals all start with: a digit, or a
 * capital written outside any (?i) (upper), 0 when some literal starts otherwise. */
static unsigned lits_as_class(const pf_set *s)
{
    unsigned cls = 0;
    for (int i = 0; i < s->n; i++) {
        if (s->v[i].n && s->v[i].b[0] >= '0' && s->v[i].b[0] <= '9')
            cls |= TG_C_DIGIT;
        else if (s->v[i].upper)
            cls |= TG_C_UPPER;
        else
            return 0;
    }
    return cls;
}

/* A lead of the digits as literals: the ten of them. */
static void digits_as_lits(pf_set *s)
{
    s->ok = 1;
    s->lead_cls = 0;
    s->n = 10;
    for (int d = 0; d < 10; d++) {
        tg_pf_lit l = {1, 0, 0, 0, 0, 0, {(unsigned char)('0' + d)}};
        s->v[d] = l;
    }
}

/* Branches' leads: literals with literals, classes with classes; literals with a
 * class when they all start with a digit or a capital ("2[0-3]" and "[01]?\d" of a
 * clock, a capitalised weekday before a day number), as that class. Other literals
 * with the digits (a weekday of any case before a day number) take the digits as
 * ten one-byte literals: a lead with one of each kind tried at every number of the
 * text costs less than no lead, a scan of every line that holds a month. Else none. */
static void lead_union(pf_set *acc, const pf_set *add)
{
    unsigned acc_cls = acc->ok && acc->n == 0 ? acc->lead_cls : 0;
    unsigned add_cls = add->ok && add->n == 0 ? add->lead_cls : 0;
    if (acc->ok && add->ok && (acc_cls == TG_C_DIGIT) != (add_cls == TG_C_DIGIT) &&
        (acc_cls ? add : acc)->n > 0 && !lits_as_class(acc_cls ? add : acc)) {
        pf_set *lits = set_new();
        if (!lits) {
            acc->ok = 0;
            return;
        }
        digits_as_lits(lits);
        set_union(lits, acc_cls ? add : acc);
        set_copy(acc, lits);
        set_free(lits);
        return;
    }
    if ((acc_cls || add_cls) && acc->ok && add->ok) {
        if (!acc_cls)
            acc_cls = lits_as_class(acc);
        if (!add_cls)
            add_cls = lits_as_class(add);
        acc->n = 0;
    }
    if (acc_cls || add_cls) {
        acc->ok = acc_cls && add_cls;
        acc->lead_cls = acc_cls | add_cls;
        return;
    }
    set_union(acc, add);
    if (acc->n == 0)
        acc->ok = 0;
}

static uint32_t next_cp(reader *r)
{
    size_t i = 0;
    int32_t cp = tg_utf8_next(r->p, (size_t)(r->end - r->p), &i);
    r->p += i;
    if (cp < 0)
        r->fail = 1;
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

/* \p{...} / \pX / \P...: may it match a line feed? */
static int property_may_match_lf(const unsigned char *name, size_t n, int negated)
{
    if (negated || (n && name[0] == '^'))
        return 1;
    if (n == 8 && !memcmp(name, "Cyrillic", 8))
        return 0;
    if (n && (name[0] == 'C' || name[0] == 'X'))
        return 1; /* Cc and friends, Common, Xsp, Xps ... */
    if ((n == 3 && !memcmp(name, "Any", 3)) || (n == 4 && !memcmp(name, "Zyyy", 4)))
        return 1;
    return 0;
}

/* \p{...}: letters, marks or numbers, which no barrier character is? */
static int property_is_word(const unsigned char *name, size_t n)
{
    static const char *const names[] = {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "L&", "N",
                                        "Nd", "Nl", "No", "M", "Mn", "Mc", "Me",
                                        "Cyrillic", "Latin", "Greek", "Xan"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && !memcmp(names[i], name, n))
            return 1;
    return 0;
}

/* Read an escape after '\'. Fills a as a literal, class or zero-width item. */
static void read_escape(reader *r, atom *a, int in_class)
{
    if (r->p >= r->end) {
        r->fail = 1;
        return;
    }
    unsigned c = *r->p++;
    a->kind = A_CLASS;
    a->bound = c == 'b' && !in_class;
    a->space = 0;
    a->alpha = 0; /* the classes below that may match punctuation say so */
    switch (c) {
    case 'd':
        fol_narrow(a, '0', '9', 1, 0);
        a->digit = 1;
        a->noblank = 1;
        cov_range(a->cov, '0', '9');
        return;
    case 'w': /* letters, digits and '_' */
        fol_narrow(a, '0', 'z', 1, 1); /* (and some punctuation: it only widens) */
        a->noblank = 1;
        a->all_letters = 1;
        cov_range(a->cov, 0, 0x7F);
        return;
    case 'N':
        a->alpha = ALL_BARRIERS;
        return;
    case 'h':
        a->space = 1;
        a->blank = 1;
        return;
    case 's':
        a->space = 1;
        a->blank = 1;
        r->line_local = 0;
        return;
    case 'v': case 'R':
        r->line_local = 0;
        return;
    case 'D': case 'W': case 'S': case 'H': case 'X': case 'C':
        a->alpha = ALL_BARRIERS;
        a->wide = c == 'X'; /* a grapheme cluster: several characters */
        r->line_local = 0;
        return;
    case 'V':
        a->alpha = ALL_BARRIERS;
        return;
    case 'p': case 'P': {
        const unsigned char *name = r->p;
        size_t n = 1;
        if (r->p < r->end && *r->p == '{') {
            const unsigned char *close = memchr(r->p, '}', (size_t)(r->end - r->p));
            if (!close) {
                r->fail = 1;
                return;
            }
            name = r->p + 1;
            n = (size_t)(close - name);
            r->p = close + 1;
        } else if (r->p < r->end) {
            r->p++;
        }
        if (property_may_match_lf(name, n, c == 'P'))
            r->line_local = 0;
        a->upper = c == 'p' && n == 2 && !memcmp(name, "Lu", 2);
        if (a->upper) /* (under (?i) PCRE2 reads \p{Lu} as \p{L&}: small letters too) */
            fol_narrow(a, 'A', 'Z', 1, r->case_now);
        else if (c == 'p' && n == 2 && !memcmp(name, "Ll", 2))
            fol_narrow(a, 'a', 'z', 1, 1);
        else if (c == 'p' && ((n == 1 && name[0] == 'L') || (n == 2 && !memcmp(name, "L&", 2)) ||
                              (n == 5 && !memcmp(name, "Latin", 5))))
            fol_narrow(a, 'A', 'z', 1, 1);
        else if (c == 'p' && ((n == 1 && name[0] == 'N') || (n == 2 && !memcmp(name, "Nd", 2))))
            fol_narrow(a, '0', '9', 1, 0);
        a->all_letters = c == 'p' && ((n == 1 && name[0] == 'L') ||
                                      (n == 3 && (!memcmp(name, "Xan", 3) ||
                                                  !memcmp(name, "Xwd", 3))));
        if (c == 'p' && ((n == 1 && name[0] == 'L') || (n == 2 && !memcmp(name, "L&", 2)) ||
                         (n == 5 && !memcmp(name, "Latin", 5))))
            cov_range(a->cov, 'A', 'z'); /* (the letters among them) */
        else if (c == 'p' && ((n == 1 && name[0] == 'N') || (n == 2 && !memcmp(name, "Nd", 2))))
            cov_range(a->cov, '0', '9');
        else if (c == 'p' && n == 3 && (!memcmp(name, "Xan", 3) || !memcmp(name, "Xwd", 3)))
            cov_range(a->cov, 0, 0x7F);
        if (c == 'P' || !property_is_word(name, n))
            a->alpha = ALL_BARRIERS;
        else
            a->noblank = 1; /* letters, marks, numbers, a script's letters */
        return;
    }
    case 'b': case 'B': case 'A': case 'K': case 'E':
        a->kind = in_class ? A_LIT : A_ZERO;
        a->cp = c == 'b' ? 8 : c; /* [\b] is a backspace */
        if (in_class && c != 'b')
            r->fail = 1;
        return;
    case 'z': case 'Z': case 'G':
        a->kind = A_ZERO;
        r->line_local = 0; /* the end of a line is not the end of the text */
        return;
    case 'n':
        a->kind = A_LIT;
        a->cp = '\n';
        if (!in_class) /* in a class, read_class decides */
            r->line_local = 0;
        return;
    case 't': a->kind = A_LIT; a->cp = '\t'; return;
    case 'r': a->kind = A_LIT; a->cp = '\r'; return;
    case 'f': a->kind = A_LIT; a->cp = '\f'; return;
    case 'e': a->kind = A_LIT; a->cp = 0x1B; return;
    case 'a': a->kind = A_LIT; a->cp = 7; return;
    case 'x': {
        uint32_t v = 0;
        int digits = 0;
        if (r->p < r->end && *r->p == '{') {
            r->p++;
            while (r->p < r->end && *r->p != '}') {
                unsigned h = *r->p++;
                int d = h >= '0' && h <= '9' ? (int)h - '0' : h >= 'a' && h <= 'f' ? (int)h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? (int)h - 'A' + 10 : -1;
                if (d < 0 || ++digits > 6) {
                    r->fail = 1;
                    return;
                }
                v = v * 16 + (uint32_t)d;
            }
            if (r->p >= r->end) {
                r->fail = 1;
                return;
            }
            r->p++;
        } else {
            while (digits < 2 && r->p < r->end) {
                unsigned h = *r->p;
                int d = h >= '0' && h <= '9' ? (int)h - '0' : h >= 'a' && h <= 'f' ? (int)h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? (int)h - 'A' + 10 : -1;
                if (d < 0)
                    break;
                v = v * 16 + (uint32_t)d;
                digits++;
                r->p++;
            }
        }
        a->kind = A_LIT;
        a->cp = v;
        if (v == '\n' && !in_class)
            r->line_local = 0;
        return;
    }
    case 'g': case 'k':
        /* A back reference: consumes what its group took (no line feed there). */
        a->alpha = ALL_BARRIERS;
        a->wide = 1;
        if (in_class) {
            r->fail = 1;
            return;
        }
        if (r->p < r->end && (*r->p == '{' || *r->p == '<' || *r->p == '\'')) {
            unsigned char close = *r->p == '{' ? '}' : *r->p == '<' ? '>' : '\'';
            const unsigned char *e = memchr(r->p, close, (size_t)(r->end - r->p));
            if (!e) {
                r->fail = 1;
                return;
            }
            r->p = e + 1;
        } else {
            if (r->p < r->end && (*r->p == '-' || *r->p == '+'))
                r->p++;
            while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
                r->p++;
        }
        return;
    default:
        break;
    }
    if (c >= '1' && c <= '9' && !in_class) {
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            r->p++;
        a->alpha = ALL_BARRIERS;
        a->wide = 1;
        return; /* back reference */
    }
    if (is_alnum(c) || c >= 0x80) {
        r->fail = 1; /* \0 octal, \c, \o, \Q, \u ... : not worth reading */
        return;
    }
    a->kind = A_LIT;
    a->cp = c;
}

/* Add x to the set v[0, *n) of at most TG_PF_CLASS_LETTERS code points; 0 when it is
 * full and x is not in it (the class has too many to list). */
static int small_set_add(uint32_t *v, int *n, uint32_t x)
{
    for (int i = 0; i < *n; i++)
        if (v[i] == x)
            return 1;
    if (*n == TG_PF_CLASS_LETTERS)
        return 0;
    v[(*n)++] = x;
    return 1;
}

/* A character class [...]. A class of letters that all fold to one character
 * ([Tt], ['’ʼ], [-–]) is that character for our purposes. */
static void read_class(reader *r, atom *a)
{
    int negated = 0, first = 1, simple = 1, has_lf_escape = 0, digits = 1;
    int letters = 1; /* every item is one letter: a->letters lists their folds */
    int chars = 1;   /* every item is one letter or digit: a->chars lists their folds */
    unsigned alpha = 0;
    uint32_t same = UINT32_MAX;
    uint64_t mask[2] = {0, 0}; /* its members, while they are ASCII without case */
    int mask_ok = 1;
    int noblank = 1; /* no member is whitespace (tg_pf_skip_len) */
    uint64_t cov[2] = {0, 0}; /* the ASCII letters and digits among its members */
    int all_letters = 0;      /* a member matches every letter (atom.all_letters) */
    uint64_t fm[2] = {0, 0}; /* the follow's (atom.fm, fwide, fsmall); fok: known */
    int fwide = 0, fsmall = 0, fok = 1;
    a->kind = A_CLASS;
    a->space = 0;
    a->nletters = 0;
    a->nchars = 0;
    if (r->p < r->end && *r->p == '^') {
        negated = 1;
        r->p++;
    }
    for (;;) {
        if (r->p >= r->end) {
            r->fail = 1;
            return;
        }
        unsigned c = *r->p;
        if (c == ']' && !first) {
            r->p++;
            break;
        }
        first = 0;
        if (c == '[' && r->p + 1 < r->end && r->p[1] == ':') {
            const unsigned char *e = r->p + 2;
            while (e + 1 < r->end && !(e[0] == ':' && e[1] == ']'))
                e++;
            if (e + 1 >= r->end) {
                r->fail = 1;
                return;
            }
            size_t n = (size_t)(e - r->p - 2);
            const char *name = (const char *)r->p + 2;
            if (n == 0 || name[0] == '^' || !strncmp(name, "space", n) ||
                !strncmp(name, "cntrl", n))
                r->line_local = 0;
            r->p = e + 2;
            simple = 0;
            digits = 0;
            letters = chars = 0;
            mask_ok = 0;
            noblank = 0;
            fok = 0;
            alpha = ALL_BARRIERS;
            continue;
        }
        atom item = {A_LIT, 0, 0, 0, 0, NULL, NULL, 0, 0, 0};
        if (c == '\\') {
            r->p++;
            read_escape(r, &item, 1);
            if (r->fail)
                return;
            if (item.kind != A_LIT) {
                simple = 0;
                letters = chars = 0;
                mask_ok = 0;
                alpha |= item.alpha;
                cov[0] |= item.cov[0];
                cov[1] |= item.cov[1];
                all_letters |= item.all_letters;
                noblank = noblank && item.noblank;
                digits = digits && item.digit;
                if (item.fset) {
                    fm[0] |= item.fm[0];
                    fm[1] |= item.fm[1];
                    fwide |= item.fwide;
                    fsmall |= item.fsmall;
                } else if (!item.blank) {
                    fok = 0;
                }
                if (item.space) /* \s \h \v listed: a negated class then excludes them */
                    has_lf_escape = 1;
                continue;
            }
            if (item.cp == '\n')
                has_lf_escape = 1;
        } else {
            item.cp = next_cp(r);
        }
        /* A range a-b. */
        if (r->p + 1 < r->end && *r->p == '-' && r->p[1] != ']') {
            r->p++;
            uint32_t hi;
            if (*r->p == '\\') {
                r->p++;
                atom h = {A_LIT, 0, 0, 0, 0, NULL, NULL, 0, 0, 0};
                read_escape(r, &h, 1);
                if (r->fail || h.kind != A_LIT) {
                    r->fail = 1;
                    return;
                }
                hi = h.cp;
            } else {
                hi = next_cp(r);
            }
            if (!(item.cp >= '0' && hi <= '9'))
                digits = 0;
            for (uint32_t m = item.cp; m <= hi && m < 0x80; m++)
                fol_char(fm, &fwide, &fsmall, m, r->caseless, r->case_now);
            fwide |= hi >= 0x80;
            fsmall |= hi >= 0x80 && (r->case_now || cyr_small_range(item.cp, hi));
            for (uint32_t m = item.cp; mask_ok && m <= hi; m++) {
                if (m >= 0x80 || (r->caseless && ascii_cased(m)))
                    mask_ok = 0;
                else
                    mask_set(mask, m);
            }
            alpha |= barrier_range(item.cp, hi);
            cov_range(cov, item.cp, hi);
            noblank = noblank && !range_blank(item.cp, hi);
            letters = chars = 0;
            if (item.cp <= '\n' && hi >= '\n') {
                if (negated)
                    has_lf_escape = 1;
                else
                    r->line_local = 0;
            }
            simple = 0;
            continue;
        }
        if (item.cp == '\n' && !negated)
            r->line_local = 0;
        if (!(item.cp >= '0' && item.cp <= '9'))
            digits = 0;
        fol_char(fm, &fwide, &fsmall, item.cp, r->caseless, r->case_now);
        if (item.cp >= 0x80 || (r->caseless && ascii_cased(item.cp)))
            mask_ok = 0;
        else
            mask_set(mask, item.cp);
        alpha |= barrier_bit(item.cp);
        cov_range(cov, item.cp, item.cp);
        noblank = noblank && !cp_blank(item.cp);
        tg_charinfo ci = tg_fold_get(r->fold, item.cp);
        if (same == UINT32_MAX)
            same = ci.fold;
        else if (same != ci.fold)
            simple = 0;
        if (ci.cls & TG_C_SPACE)
            simple = 0;
        if (!(ci.cls & TG_C_LETTER))
            letters = 0;
        if (letters)
            letters = small_set_add(a->letters, &a->nletters, ci.fold);
        if (!(ci.cls & (TG_C_LETTER | TG_C_DIGIT)))
            chars = 0;
        if (chars)
            chars = small_set_add(a->chars, &a->nchars, ci.fold);
    }
    if (!letters || negated)
        a->nletters = 0;
    if (!chars || negated)
        a->nchars = 0;
    a->mask_ok = mask_ok && !negated;
    a->noblank = noblank && !negated;
    a->mask[0] = mask[0];
    a->mask[1] = mask[1];
    a->cov[0] = negated ? 0 : cov[0];
    a->cov[1] = negated ? 0 : cov[1];
    a->all_letters = all_letters && !negated;
    a->alpha = negated ? ALL_BARRIERS : alpha;
    a->fset = fok && !negated;
    a->fm[0] = fm[0];
    a->fm[1] = fm[1];
    a->fwide = fwide;
    a->fsmall = fsmall;
    if (negated) {
        if (!has_lf_escape)
            r->line_local = 0;
        return;
    }
    a->digit = digits && !first;
    if (simple && same != UINT32_MAX) {
        a->kind = A_LIT;
        a->cp = same; /* already folded; folding again is harmless */
    }
}

static void read_alt(reader *r, pf_set *out, pf_set *lead, int *ends_space, int *starts_space,
                     int prev_space);

/* Skip an option setting "(?i)" / "(?i-s:" ; returns 1 for a group "(?opts:". */
static int read_options(reader *r)
{
    while (r->p < r->end && (*r->p == '-' || *r->p == '^' || (*r->p >= 'a' && *r->p <= 'z'))) {
        if (*r->p == 's')
            r->line_local = 0; /* dot-all: '.' may take a line feed */
        if (*r->p == 'x')
            r->fail = 1; /* extended syntax: spaces are not literals */
        if (*r->p == 'i')
            r->caseless = r->case_now = 1; /* caseless: kept to the end of the pattern,
                                              which errs on the safe side */
        r->p++;
    }
    if (r->p < r->end && *r->p == ')') {
        r->p++;
        return 0;
    }
    if (r->p < r->end && *r->p == ':') {
        r->p++;
        return 1;
    }
    r->fail = 1;
    return 0;
}

/* After '(': read the group into a. */
static void read_group(reader *r, atom *a, int prev_space)
{
    int lookaround = 0, lookbehind = 0, conditional = 0, ahead = 0, positive = 0;
    /* An option set inside the group ("(?i:", or "(?i)" in a branch) ends with it; one
     * set by "(?i)" alone ends with the group around it (the early return below). */
    int case_before = r->case_now;
    if (r->p < r->end && *r->p == '*') {
        r->fail = 1; /* verbs and (*pla: ...) */
        return;
    }
    if (r->p < r->end && *r->p == '?') {
        r->p++;
        if (r->p >= r->end) {
            r->fail = 1;
            return;
        }
        unsigned c = *r->p;
        if (c == ':' || c == '|' || c == '>') {
            r->p++;
        } else if (c == '=' || c == '!') {
            r->p++;
            lookaround = 1;
            ahead = c == '=';
        } else if (c == '<' && r->p + 1 < r->end && (r->p[1] == '=' || r->p[1] == '!')) {
            positive = r->p[1] == '=';
            r->p += 2;
            lookaround = lookbehind = 1;
        } else if (c == '<' || c == '\'' || (c == 'P' && r->p + 1 < r->end && r->p[1] == '<')) {
            unsigned char close = c == '\'' ? '\'' : '>';
            const unsigned char *e = memchr(r->p + 1, close, (size_t)(r->end - r->p - 1));
            if (!e) {
                r->fail = 1;
                return;
            }
            r->p = e + 1;
        } else if (c == '#') {
            const unsigned char *e = memchr(r->p, ')', (size_t)(r->end - r->p));
            if (!e) {
                r->fail = 1;
                return;
            }
            r->p = e + 1;
            a->kind = A_ZERO;
            return;
        } else if (c == 'R' || c == '&' || c == '+' || (c >= '0' && c <= '9') ||
                   (c == 'P' && r->p + 1 < r->end && r->p[1] == '>') ||
                   (c == '-' && r->p + 1 < r->end && r->p[1] >= '0' && r->p[1] <= '9')) {
            /* A subroutine call: consumes, requires nothing we know of. */
            const unsigned char *e = memchr(r->p, ')', (size_t)(r->end - r->p));
            if (!e) {
                r->fail = 1;
                return;
            }
            r->p = e + 1;
            a->kind = A_CLASS;
            a->space = 0;
            a->wide = 1;
            a->alpha = ALL_BARRIERS;
            return;
        } else if (c == '(') {
            /* A conditional on a group, (?(<name>)yes|no) or (?(1)yes|no): either
             * branch may be taken, so it reads as an alternation. Conditions that
             * are assertions, recursion or DEFINE are not read. */
            const unsigned char *q = r->p + 1;
            if (q < r->end && (*q == '<' || *q == '\'')) {
                unsigned char close = *q == '<' ? '>' : '\'';
                q = memchr(q + 1, close, (size_t)(r->end - q - 1));
                q = q ? q + 1 : NULL;
            } else {
                const unsigned char *d = q;
                while (q < r->end && *q >= '0' && *q <= '9')
                    q++;
                if (q == d)
                    q = NULL;
            }
            if (!q || q >= r->end || *q != ')') {
                r->fail = 1;
                return;
            }
            r->p = q + 1;
            conditional = 1;
        } else {
            if (!read_options(r)) {
                a->kind = A_ZERO;
                return;
            }
        }
    }
    if (++r->depth > 64) {
        r->fail = 1;
        return;
    }
    pf_set *inner = set_new(), *lead = set_new();
    if (!inner || !lead) {
        set_free(inner);
        set_free(lead);
        r->fail = 1;
        return;
    }
    int es = 0, ss = 0, line_local = r->line_local, consumed = r->consumed;
    uint32_t last_in = r->last_letters;
    r->consumed = 0;
    r->looking += lookaround;
    read_alt(r, inner, lead, &es, &ss, lookaround ? 0 : prev_space);
    r->looking -= lookaround;
    r->depth--;
    r->case_now = case_before;
    int group_consumes = r->consumed;
    r->consumed = consumed || (group_consumes && !lookaround);
    /* A lookbehind may look at the line before: a window's subject is the whole
     * text, so it sees what a scan would. Only lookaheads are cut at the line end. */
    if (lookbehind)
        r->line_local = line_local;
    if (lookaround || !group_consumes)
        r->last_letters = last_in; /* it consumes nothing */
    if (conditional && r->branches < 2) { /* no "no" branch: it may match empty */
        r->last_letters |= last_in;
        inner->fol.out[0] |= 1;
        inner->fol.out[1] |= 2;
        inner->fol.starts_ws = 0;
        inner->ok = 0;
        lead->ok = 0;
        inner->span.n = 0;
    }
    if (r->p >= r->end || *r->p != ')') {
        set_free(inner);
        set_free(lead);
        r->fail = 1;
        return;
    }
    r->p++;
    if (lookaround) {
        /* (?![\p{L}\d]): no letter or digit comes next (a branch of one class that
         * holds them all fails the match before any). */
        a->word_end = !ahead && !lookbehind && r->one_word;
        a->no_cap = !ahead && !lookbehind && r->one_letter && r->space_upper;
        /* (its branches were read with no whitespace before them: es is their own) */
        a->behind_space = lookbehind && positive && es;
        /* (?=\p{Lu}) in front: whatever follows starts with a capital. */
        if (ahead && lead->ok && lead->n == 0)
            a->ahead_cls = lead->lead_cls;
        if (ahead && inner->span.n && (a->ahead = malloc(sizeof *a->ahead)))
            span_copy(a->ahead, &inner->span); /* what follows here meets these */
        set_free(inner);
        set_free(lead);
        a->kind = A_ZERO;
        return;
    }
    if (!group_consumes) { /* (?<ss>), (?:(?<=\n)|\b): zero-width, like an assertion */
        set_free(inner);
        set_free(lead);
        a->kind = A_ZERO;
        return;
    }
    a->kind = A_GROUP;
    a->letters_only = r->only_letters;
    a->group = inner;
    a->lead = lead;
    a->ends_space = es;
    a->starts_space = ss;
}

/* PCRE2 refuses a repeat count above 65535; a larger one (reading it on would overflow
 * a long: a rule file is untrusted) is read as this, at least, as a minimum and as no
 * bound as a maximum, so that what is derived from it holds whatever it said. */
#define PF_COUNT_CAP 65536L

/* The decimal count at *q, saturated at PF_COUNT_CAP; *q moves past its digits. */
static long read_count(const unsigned char **q, const unsigned char *end)
{
    long n = 0;
    while (*q < end && **q >= '0' && **q <= '9') {
        n = n * 10 + (**q - '0');
        if (n > PF_COUNT_CAP)
            n = PF_COUNT_CAP;
        (*q)++;
    }
    return n;
}

/* A quantifier after an atom, if any: min and max (max -1 = unbounded). */
static void read_quantifier(reader *r, long *min, long *max)
{
    *min = *max = 1;
    if (r->p >= r->end)
        return;
    unsigned c = *r->p;
    if (c == '?' || c == '*' || c == '+') {
        r->p++;
        *min = c == '+';
        *max = c == '?' ? 1 : -1;
    } else if (c == '{') {
        const unsigned char *q = r->p + 1;
        long lo = -1, hi;
        if (q < r->end && *q >= '0' && *q <= '9') {
            lo = read_count(&q, r->end);
        }
        hi = lo;
        if (q < r->end && *q == ',') {
            q++;
            hi = -1;
            if (q < r->end && *q >= '0' && *q <= '9') {
                hi = read_count(&q, r->end);
            }
            if (lo < 0)
                lo = 0;
        }
        if (lo < 0 || q >= r->end || *q != '}')
            return; /* not a quantifier: a literal '{' comes next */
        if (hi >= PF_COUNT_CAP)
            hi = -1;
        r->p = q + 1;
        *min = lo;
        *max = hi;
    } else {
        return;
    }
    if (r->p < r->end && (*r->p == '?' || *r->p == '+'))
        r->p++; /* lazy or possessive */
}

/* Append a folded code point to a literal run. */
static int run_put(tg_pf_lit *run, uint32_t folded)
{
    char buf[4];
    size_t n = tg_utf8_put(folded, buf);
    if (run->n + n > TG_PF_MAX_LEN)
        return 0; /* the prefix so far is required too */
    memcpy(run->b + run->n, buf, n);
    run->n = (uint8_t)(run->n + n);
    return 1;
}

/* A class of a few letters as a lead ([уУвВ] before "\h+м."): a literal of each. */
static void class_lead(pf_set *s, const atom *a)
{
    s->ok = 1;
    s->lead_cls = 0;
    s->n = a->nletters;
    for (int i = 0; i < a->nletters; i++) {
        tg_pf_lit l = {0, 0, 0, 0, 0, 0, {0}};
        run_put(&l, a->letters[i]);
        s->v[i] = l;
    }
}

/* Where a sequence stands on its lead: the literals every match starts with, or
 * a class of character (a lead set that is ok with no literals and lead_cls set). */
enum { LEAD_NONE_YET, LEAD_IN_RUN, LEAD_DONE };

typedef struct seq_lead {
    pf_set *set;
    int state;
    /* The leads of the optional items read before the first mandatory one, NULL when
     * there are none: a match starts with one of them or with the mandatory item,
     * so the sequence's lead is their union ("(?:Monday,\h+)?" before "July"). */
    pf_set *pending;
    int pending_items; /* how many optional items were read into pending */
    int pending_whole; /* each of its literals is all that its item matches */
} seq_lead;

/* Does literal l start with a letter other than 's' (folded)? Then an apostrophe right
 * before it is in the token buffer: the tokenizer keeps one inside a word, or as a
 * token of its own, and drops only the one of a possessive 's. */
static int after_apos_kept(const reader *r, const tg_pf_lit *l)
{
    size_t i = 0;
    int32_t cp = l->n ? tg_utf8_next(l->b, l->n, &i) : -1;
    return cp > 0 && cp != 's' && (tg_fold_get(r->fold, (uint32_t)cp).cls & TG_C_LETTER);
}

/* The sequence's lead is decided: join the optional items' leads to it. When one
 * optional item gave them and each is all that the item matches ("(?:US|A)?\$"), a
 * match starts with one of them right before the lead, or with the lead: the lead
 * and each of them followed by each lead literal ("us$|a$|$"), rather than "us|a|$",
 * which would wake the rule at every word that starts with an "a". */
static void lead_add_pending(seq_lead *lead)
{
    pf_set *set = lead->set, *p = lead->pending;
    if (!p || !set->ok)
        return;
    int n = set->n;
    if (lead->pending_items == 1 && lead->pending_whole && p->ok && p->n > 0 && n > 0 &&
        n + p->n * n <= TG_PF_MAX_LITS) {
        for (int i = 0; i < p->n; i++)
            for (int j = 0; j < n; j++) {
                tg_pf_lit l = p->v[i];
                size_t take = set->v[j].n;
                if (l.n + take > TG_PF_MAX_LEN)
                    take = TG_PF_MAX_LEN - l.n; /* a prefix leads as well */
                memcpy(l.b + l.n, set->v[j].b, take);
                l.n = (uint8_t)(l.n + take);
                l.tokend = l.wordend = 0;
                l.tail = take == set->v[j].n ? set->v[j].tail : 0;
                l.no_cap = take == set->v[j].n ? set->v[j].no_cap : 0; /* (where it ends) */
                l.ctrack = 0;
                set->v[set->n++] = l;
            }
        return;
    }
    tails_clear(p); /* they do not end where the sequence does */
    lead_union(set, p);
}

/* A leading literal run is followed by a mandatory group whose branches all lead
 * with literals: the sequence's lead is the run joined to each of them, so that a
 * list written as a trie, "A(?:aron|dam|lex)", leads with "aaron|adam|alex" rather
 * than with "a". Too many, or a class lead: the run alone, as before. */
static void lead_extend(seq_lead *lead, const tg_pf_lit *run, const pf_set *group)
{
    if (!group->ok || group->n == 0 || run->n == 0)
        return;
    pf_set *set = lead->set;
    set->ok = 1;
    set->lead_cls = 0;
    set->n = group->n;
    for (int i = 0; i < group->n; i++) {
        tg_pf_lit l = *run;
        size_t take = group->v[i].n;
        if (l.n + take > TG_PF_MAX_LEN)
            take = TG_PF_MAX_LEN - l.n; /* a prefix leads as well */
        memcpy(l.b + l.n, group->v[i].b, take);
        l.n = (uint8_t)(l.n + take);
        l.tail = take == group->v[i].n ? group->v[i].tail : 0;
        l.no_cap = take == group->v[i].n ? group->v[i].no_cap : 0;
        l.tokend = l.wordend = 0;
        l.upper = run->cap;
        set->v[i] = l;
    }
    lead->state = LEAD_DONE;
    lead_add_pending(lead);
}

/* A leading literal run is followed by a mandatory class of a few characters (nchars):
 * the sequence's lead is the run joined to each of them, as for a group
 * (lead_extend): "1[89]\d\d" leads with "18|19" rather than with "1", which every
 * figure of a text that starts with a one began. 0 when that could not be done. */
static int lead_run_class(seq_lead *lead, const tg_pf_lit *run, const atom *a)
{
    pf_set *each = set_new();
    if (!each)
        return 0;
    each->ok = 1;
    each->n = a->nchars;
    for (int i = 0; i < a->nchars; i++) {
        tg_pf_lit l = {0, 0, 0, 0, 0, 0, {0}};
        run_put(&l, a->chars[i]);
        l.tail = 1; /* all of the item */
        each->v[i] = l;
    }
    lead_extend(lead, run, each);
    set_free(each);
    return lead->state == LEAD_DONE;
}

/* The literal run ends: offer it as a required literal, and as the lead when the
 * sequence started with it. at_end: the sequence ends with the run, all of it (the
 * lead literal gets tail, for lead_add_pending of an enclosing sequence). */
static void flush_run_lead(seq_lead *lead, tg_pf_lit *run, int at_end)
{
    if (lead->state == LEAD_IN_RUN && run->n > 0) {
        lead->set->ok = 1;
        lead->set->lead_cls = 0;
        lead->set->n = 1;
        lead->set->v[0] = *run;
        lead->set->v[0].tail = (uint8_t)at_end;
        lead->set->v[0].tokend = lead->set->v[0].wordend = 0;
        lead->set->v[0].upper = run->cap; /* a lead need not start a token */
        lead_add_pending(lead);
    }
    if (lead->state == LEAD_IN_RUN)
        lead->state = LEAD_DONE;
    run->n = 0;
}

static void flush_run_at(pf_set *best, seq_lead *lead, tg_pf_lit *run, unsigned run_pre,
                         int at_end)
{
    consider_run(best, run, run_pre);
    flush_run_lead(lead, run, at_end);
}

static void flush_run(pf_set *best, seq_lead *lead, tg_pf_lit *run, unsigned run_pre)
{
    flush_run_at(best, lead, run, run_pre, 0);
}

/* Item a, repeated min to max (-1: no bound) times, follows the items of seq. */
static void item_span(const reader *r, pf_span *seq, const atom *a, long min, long max)
{
    const pf_span *it = NULL; /* its reaches, when a match cannot do without it */
    pf_span one;
    uint32_t width = 0, gaps = 0; /* (each time) */
    if (a->kind == A_LIT || a->kind == A_CLASS) {
        width = a->wide ? PF_SPAN_INF : a->blank ? 0 : 1;
        /* whitespace alone is one stretch however often repeated (below) */
        gaps = a->wide ? PF_SPAN_INF : a->noblank ? 0 : 1;
        if (a->mask_ok && !a->blank && (a->mask[0] | a->mask[1])) {
            one.max = width;
            one.n = 1;
            one.v[0] = (tg_pf_reach){{a->mask[0], a->mask[1]}, 0, 0, {0}, {0}, 1};
            it = &one;
        }
    } else if (a->kind == A_GROUP) {
        it = &a->group->span;
        width = it->max;
        gaps = it->gaps;
    } else if (a->ahead) { /* consumes nothing, but what follows meets its reaches */
        it = a->ahead;
    }
    uint32_t total = 0, total_gaps = 0;
    if (max < 0)
        total = width ? PF_SPAN_INF : 0;
    else if (width)
        for (long i = 0; i < max && total < PF_SPAN_INF; i++)
            total = span_add(total, width);
    if ((a->kind == A_LIT || a->kind == A_CLASS) && a->blank && !a->wide)
        total_gaps = max != 0;
    else if (max < 0)
        total_gaps = gaps ? PF_SPAN_INF : 0;
    else if (gaps)
        for (long i = 0; i < max && total_gaps < PF_SPAN_INF; i++)
            total_gaps = span_add(total_gaps, gaps);
    span_then(seq, min >= 1 && !r->span_off ? it : NULL, total, total_gaps);
}

/* The group at atom_start (its '('), which the literal run run directly precedes, read
 * again with run in front of each branch, on a copy of the reader: the literals one
 * of which every match of run and the group contains, as the same alternatives
 * written out in full would give ("k(?:m|g|ilometres)" as "km|kg|kilometres"): a
 * list grouped by its first letters, which PCRE2 runs faster, keeps the literals
 * that it had written flat. NULL when that does not give a set (the TG_PF_MAX_LITS
 * cap: the run and the group are then offered apart, as before), or when second
 * readings have taken the budget (a trie nested deep would be read 2^depth times).
 * alpha, last and prev_space: the reader's before the group (last_letters). */
static pf_set *prefixed_group(reader *r, const unsigned char *atom_start,
                              const tg_pf_lit *run, unsigned run_pre, unsigned alpha,
                              uint32_t last, int prev_space)
{
    long cost = (long)(r->p - atom_start);
    if (r->budget < cost) {
        r->missed = 1;
        return NULL;
    }
    reader again = *r;
    again.p = atom_start + 1;
    again.alpha = alpha;
    again.last_letters = last;
    again.budget = r->budget - cost;
    again.prefix = run;
    again.prefix_pre = run_pre;
    again.span_off = 1; /* only its literals are kept: no reaches to work out */
    atom b = {A_LIT, 0, 0, 0, 0, NULL, NULL, 0, 0, 0, 0};
    read_group(&again, &b, prev_space);
    r->budget = again.budget; /* (nested second readings spent it too) */
    r->missed |= again.missed;
    pf_set *joined = NULL;
    if (!again.fail && b.kind == A_GROUP && b.group->ok && b.group->n > 0) {
        joined = b.group;
        b.group = NULL;
    }
    set_free(b.group);
    set_free(b.lead);
    free(b.ahead);
    return joined;
}

/* The reader's last_letters after item a, repeated min to max times, when they were
 * `last` before it: the letters it may end with (a group's, group_last, as read from
 * `last`), and `last` as well when it may be empty. A zero-width item keeps them. */
static uint32_t last_after(const reader *r, const atom *a, long min, long max, uint32_t last,
                           uint32_t group_last)
{
    if (a->kind == A_ZERO || max == 0)
        return last;
    uint32_t ends = a->kind == A_GROUP ? group_last : atom_letters(r, a);
    return min == 0 ? last | ends : ends;
}

/* A sequence up to '|' or ')' or the end. best: the most selective set of literals
 * one of which every match contains; lead_set: the literals one of which every match
 * starts with (after zero-width items), when the sequence starts with a literal or a
 * mandatory group whose branches all do. */
static void read_seq(reader *r, pf_set *best, pf_set *lead_set, int *ends_space,
                     int *starts_space, int prev_space, const tg_pf_lit *prefix,
                     unsigned prefix_pre)
{
    tg_pf_lit run = {0, 0, 0, 0, 1, 0, {0}}; /* a run ends where it is flushed: tail */
    seq_lead lead = {lead_set, LEAD_NONE_YET, NULL, 0, 1};
    int lead_tails = 0; /* the lead's literals may end where the item read last does */
    int caps = 0;       /* 1: the lead's tails of an item before are marked (caps_mark),
                           only letters since; 2: no_cap is read */
    int one_letter = 0, space_upper = 0, only_letters = 1; /* (r->one_letter ...) */
    int lead_apos = 0;  /* the first item that consumes is an apostrophe: the lead is
                           an apostrophe and the next item's lead, when that starts with
                           a letter other than 's' (after_apos_kept), else none */
    int run_cut = 0;    /* the run is longer than a literal: its prefix */
    unsigned ahead_cls = 0; /* from a (?=...) before the first item */
    lead_set->ok = 0;
    lead_set->lead_cls = 0;
    lead_set->n = 0;
    int last_space = prev_space; /* the character before here is whitespace */
    int consumer = 0;            /* an item that consumes has been read */
    *starts_space = 0;
    int skip_s = 0;              /* after an apostrophe: a possessive 's may vanish */
    int digit = 0;               /* a mandatory item is a digit */
    unsigned run_pre = 0;        /* r->alpha where the literal run began */
    int items = 0, one_word = 0; /* items read; the first is a class of every ASCII letter
                                    and digit, mandatory (r->one_word) */
    fol_track fol[2]; /* from phase 0, 1 */
    fol_track_init(&fol[0], 1);
    fol_track_init(&fol[1], 2);
    int fol_first = 1, fol_ws = 0; /* the first item that consumes: to come, whitespace */
    pf_span seq; /* the span of the items read so far */
    seq.max = 0;
    seq.gaps = 0;
    seq.n = 0;
    uint32_t gaps_outer = r->gaps_outer; /* (restored at the end: the enclosing
                                            sequence's next item sets its own) */
    uint32_t last = r->last_letters; /* (r->last_letters where the item read next starts) */
    best->ok = 0;
    best->n = 0;
    if (prefix) { /* the run before the group continues into this branch */
        run = *prefix;
        run.tail = 1;
        run_pre = prefix_pre;
    }
    while (!r->fail && r->p < r->end && *r->p != '|' && *r->p != ')') {
        atom a = {A_LIT, 0, 0, 0, 0, NULL, NULL, 0, 0, 0, 0};
        int before_space = last_space;
        unsigned alpha_before = r->alpha;
        unsigned c = *r->p;
        const unsigned char *atom_start = r->p;
        /* The stretches that may begin before this item: those before the sequence and
         * in the items read so far (a group read next starts its own from here). */
        uint32_t gaps_here = span_add(gaps_outer, seq.gaps);
        r->gaps_outer = gaps_here;
        r->last_letters = last;
        uint32_t group_last = 0; /* a group's: the letters its matches may end with */
        if (c == '\\') {
            r->p++;
            read_escape(r, &a, 0);
        } else if (c == '[') {
            r->p++;
            read_class(r, &a);
        } else if (c == '(') {
            r->p++;
            read_group(r, &a, last_space);
            group_last = r->last_letters;
        } else if (c == '.') {
            r->p++;
            a.kind = A_CLASS;
            a.alpha = ALL_BARRIERS;
        } else if (c == '^') {
            r->p++;
            a.kind = A_ZERO;
        } else if (c == '$') {
            r->p++;
            a.kind = A_ZERO;
            r->line_local = 0;
        } else if (c == '*' || c == '+' || c == '?') {
            r->fail = 1;
        } else {
            a.cp = next_cp(r);
        }
        if (c != '[' && a.kind == A_LIT) { /* (a class knows its own members) */
            lit_mask(r, &a, a.cp);
            a.fset = 1;
            fol_char(a.fm, &a.fwide, &a.fsmall, a.cp, r->caseless, r->case_now);
        }
        if (r->fail) {
            set_free(a.group);
            set_free(a.lead);
            free(a.ahead);
            break;
        }
        long min, max;
        read_quantifier(r, &min, &max);
        if (a.kind == A_CLASS)
            r->alpha |= a.alpha; /* (A_LIT: below, once it is in the run) */
        if ((a.kind == A_LIT || a.kind == A_CLASS) && max != 0)
            r->consumed = 1;
        if (a.kind == A_GROUP && max != 1 && !a.ends_space && before_space) {
            /* Repeats start after the group's own end, not after whitespace: read
             * it again with that assumption. */
            const unsigned char *after = r->p;
            set_free(a.group);
            set_free(a.lead);
            a.group = a.lead = NULL;
            r->p = atom_start + 1;
            r->last_letters = last;
            read_group(r, &a, 0);
            group_last = r->last_letters;
            if (r->fail) {
                set_free(a.group);
                set_free(a.lead);
                break;
            }
            r->p = after;
        }
        /* A group right after a literal run: its literals joined to the run. */
        pf_set *joined = NULL;
        if (a.kind == A_GROUP && min == 1 && max == 1 && run.n > 0 && run.n < PF_JOIN_RUN &&
            !run_cut && !r->looking)
            joined = prefixed_group(r, atom_start, &run, run_pre, alpha_before, last,
                                    before_space);
        item_span(r, &seq, &a, min, max);
        if (a.kind != A_ZERO && max != 0 && fol_first) {
            fol_first = 0;
            fol_ws = min >= 1 && (a.kind == A_GROUP ? a.group->fol.starts_ws : a.blank && !a.wide);
        }
        if (a.kind == A_LIT && min == 1 && max == 1 && a.noblank) {
            /* (most items of long lists: one character, never whitespace) */
            int literal = a.cp >= 0x80                           ? 0
                          : !(r->caseless && ascii_cased(a.cp))      ? 1
                          : (a.cp | 0x20) != 'k' && (a.cp | 0x20) != 's' ? 2
                                                                     : 0;
            for (int p = 0; p < 2; p++)
                if (fol[p].ph & 2 || fol[p].open.n)
                    fol_char_item(&fol[p], &a, literal);
        } else if (a.kind != A_ZERO) {
            pf_fol f;
            if (a.kind == A_GROUP)
                f = a.group->fol;
            else
                fol_one(&a, &f);
            r->fol_bad |= a.kind != A_GROUP && a.wide; /* more than one character */
            fol_repeat(r, &fol[0], &f, min, max);
            fol_repeat(r, &fol[1], &f, min, max);
        }
        one_letter = items == 0 && a.kind == A_CLASS && min >= 1 && a.all_letters;
        space_upper = items == 0   ? c == '\\' && a.kind == A_CLASS && a.space && min == 1
                      : items == 1 ? space_upper && c == '\\' && a.kind == A_CLASS && a.upper &&
                                         min >= 1
                                   : 0;
        int letters = a.kind == A_ZERO || max == 0 ||
                      (a.kind == A_GROUP ? a.letters_only
                                         : a.kind == A_LIT &&
                                               (tg_fold_get(r->fold, a.cp).cls & TG_C_LETTER));
        only_letters &= letters;
        /* The lead's no_cap: letters alone after its tails, then the (?!...) */
        if (caps == 1 && a.kind == A_ZERO && a.no_cap && min >= 1) {
            caps_end(lead.set);
            caps = 2;
        } else if (caps == 1 && !letters) {
            caps_mark(lead.set, 0);
            caps = 2;
        }
        one_word = items++ == 0 && a.kind == A_CLASS && min >= 1 && covers_alnum(a.cov);
        /* No letter or digit next: the literals that end here end a word (for \b, those
         * that end with a letter or digit; \b after another character wants one). */
        int word_item = min >= 1 && a.kind == A_ZERO && (a.word_end || a.bound);
        if (word_item)
            tails_end_word(best, a.bound);
        /* Nor after a mandatory ASCII character that is neither: the "-" of "Su-34"
         * (under (?i) too: only a letter has another case, and only 'k' and 's' one
         * past ASCII). The lead's literals as well, when this item follows them:
         * aircraft_latin's "su", "an", "mi" and event_summit_en's "nato" woke their
         * rules at 5.3K words of 2000 English news ("Sunday", "Michael") for 3 windows. */
        int nonword_item = min >= 1 && a.kind == A_LIT && a.cp < 0x80 && !is_alnum(a.cp);
        if (nonword_item)
            tails_end_word(best, 0);
        free(a.ahead);
        a.ahead = NULL;
        /* Mandatory whitespace next: the literals that end here end a token. */
        int space_item = min >= 1 && ((a.kind == A_CLASS && a.space) ||
                                      (a.kind == A_LIT &&
                                       (tg_fold_get(r->fold, a.cp).cls & TG_C_SPACE)));
        /* Every match of the sequence starts with whitespace: its first item that
         * consumes is mandatory and does. */
        if (!consumer && a.kind != A_ZERO)
            *starts_space = space_item || (min >= 1 && a.kind == A_GROUP && a.starts_space);
        consumer |= a.kind != A_ZERO;
        /* Or it consumes nothing, or whitespace first: what follows the lead's tails
         * is whitespace or what follows this item, which the next item decides
         * ("Jean(?:\h+\p{Lu}\.)?\h+": the name ends a token). */
        int space_or_none = a.kind == A_ZERO || max == 0 ||
                            (min == 0 && ((a.kind == A_CLASS && a.space) ||
                                          (a.kind == A_LIT &&
                                           (tg_fold_get(r->fold, a.cp).cls & TG_C_SPACE)) ||
                                          (a.kind == A_GROUP && a.starts_space)));
        if (space_item)
            tails_end_token(best);
        tails_clear(best);
        int keep_tails = 0;
        if (lead_tails && !space_or_none) { /* this item follows them */
            if (space_item) /* as for the required literals: they end a token */
                tails_end_token(lead.set);
            if (nonword_item)
                tails_end_word(lead.set, 0);
            tails_clear(lead.set);
            lead_tails = 0;
        }
        if (lead.state == LEAD_NONE_YET && a.kind == A_ZERO && a.ahead_cls && min >= 1 &&
            !lead.pending) /* (after an optional item it speaks of a later character) */
            ahead_cls = a.ahead_cls;
        if (lead.state == LEAD_NONE_YET && a.kind != A_ZERO && ahead_cls) {
            lead.set->ok = 1; /* a lookahead said which class comes first */
            lead.set->n = 0;
            lead.set->lead_cls = ahead_cls;
            lead.state = LEAD_DONE;
        }
        if (lead.state == LEAD_NONE_YET && a.kind == A_LIT && min == 1 && max == 1 &&
            !lead_apos && !lead.pending && tg_fold_get(r->fold, a.cp).fold == '\'') {
            /* An apostrophe first: the next item decides. Without a lead here, the
             * group "В(?:['’ʼ](?:ячеслав)|а(?:дим|...)|...)" of the Cyrillic given names
             * had none, and the name's lead was "в": two PCRE2 attempts at every
             * capitalised word with a В or a П (П'єр), two in three of the given-name
             * rules' 15K on 450 Cyrillic news, for 1.3K matches. */
            lead_apos = 1;
        } else if (lead.state == LEAD_NONE_YET && a.kind != A_ZERO && lead_apos) {
            lead.state = LEAD_DONE;
            tg_charinfo ci = tg_fold_get(r->fold, a.cp);
            if (a.kind == A_LIT && min >= 1 && ci.fold != 's' && (ci.cls & TG_C_LETTER)) {
                lead.state = LEAD_IN_RUN; /* the run starts with the apostrophe (below) */
            } else if (a.kind == A_GROUP && min == 1 && max == 1 && a.lead->ok &&
                       a.lead->n > 0) {
                int ok = 1;
                for (int i = 0; i < a.lead->n && ok; i++)
                    ok = after_apos_kept(r, &a.lead->v[i]);
                if (ok) { /* the apostrophe and each of the group's lead literals */
                    set_copy(lead.set, a.lead);
                    for (int i = 0; i < lead.set->n; i++) {
                        tg_pf_lit *l = &lead.set->v[i];
                        int cut = l->n >= TG_PF_MAX_LEN; /* a prefix leads as well */
                        memmove(l->b + 1, l->b, l->n - (size_t)cut);
                        l->b[0] = '\'';
                        l->n = (uint8_t)(l->n + !cut);
                        l->upper = l->cap = l->tokstart = 0;
                        if (cut)
                            l->tail = l->tokend = l->wordend = l->no_cap = 0;
                    }
                    lead_tails = 1;
                }
            }
            lead_add_pending(&lead);
        } else if (lead.state == LEAD_NONE_YET && a.kind != A_ZERO && min == 0) {
            /* An optional item first: its lead joins the pending ones and the
             * lead is decided by a later item; an item without one ends it. */
            if (!lead.pending && !(lead.pending = set_new()))
                r->fail = 1;
            tg_charinfo ci = tg_fold_get(r->fold, a.cp);
            pf_set *opt = lead.pending;
            int first = opt && !opt->ok && opt->n == 0 && !opt->lead_cls;
            pf_set *one = opt ? set_new() : NULL;
            lead.pending_items++;
            if (one) {
                if (a.kind == A_LIT && !(ci.cls & (TG_C_SPACE | TG_C_APOS)) && ci.fold != '\'') {
                    tg_pf_lit l = {0, 0, 0, 0, 0, 0, {0}};
                    run_put(&l, ci.fold);
                    l.upper = (uint8_t)(!r->caseless && (ci.cls & TG_C_UPPER));
                    l.cap = l.upper;
                    l.tail = 1; /* all of the item */
                    one->ok = l.n > 0;
                    one->n = 1;
                    one->v[0] = l;
                } else if (a.kind == A_CLASS && (a.digit || a.upper)) {
                    one->ok = 1;
                    one->lead_cls = a.digit ? TG_C_DIGIT : TG_C_UPPER;
                } else if (a.kind == A_CLASS && a.nletters) {
                    class_lead(one, &a);
                    for (int i = 0; i < one->n; i++)
                        one->v[i].tail = 1;
                } else if (a.kind == A_GROUP && a.lead->ok) {
                    set_copy(one, a.lead);
                }
                for (int i = 0; i < one->n; i++)
                    lead.pending_whole &= max == 1 && one->v[i].tail;
                if (one->n == 0)
                    lead.pending_whole = 0;
                if (!one->ok)
                    opt->ok = 0;
                else if (first)
                    set_copy(opt, one);
                else
                    lead_union(opt, one);
                set_free(one);
            } else if (opt) {
                r->fail = 1;
            }
            if (!opt || !opt->ok) {
                lead.state = LEAD_DONE; /* no lead */
                lead.set->ok = 0;
            }
        } else if (lead.state == LEAD_NONE_YET && a.kind != A_ZERO) {
            /* The first item that consumes: the lead is its literal run, the
             * lead of a mandatory group, or nothing. */
            tg_charinfo ci = tg_fold_get(r->fold, a.cp);
            if (a.kind == A_LIT && min >= 1 && !(ci.cls & (TG_C_SPACE | TG_C_APOS)) &&
                ci.fold != '\'')
                lead.state = LEAD_IN_RUN;
            else {
                if (a.kind == A_GROUP && min >= 1 && a.lead->ok) {
                    set_copy(lead.set, a.lead);
                    if (max != 1) /* another round may follow them */
                        tails_clear(lead.set);
                    lead_tails = 1;
                }
                else if (a.kind == A_CLASS && (a.digit || a.upper) && min >= 1) {
                    lead.set->ok = 1; /* a digit or a capital leads */
                    lead.set->n = 0;
                    lead.set->lead_cls = a.digit ? TG_C_DIGIT : TG_C_UPPER;
                } else if (a.kind == A_CLASS && a.nletters && min >= 1) {
                    class_lead(lead.set, &a);
                    if (max == 1) { /* each is all that the item matches */
                        for (int i = 0; i < lead.set->n; i++)
                            lead.set->v[i].tail = 1;
                        lead_tails = 1;
                    }
                }
                lead.state = LEAD_DONE;
                lead_add_pending(&lead);
            }
        }
        int lead_in_run = lead.state == LEAD_IN_RUN;
        switch (a.kind) {
        case A_ZERO:
            flush_run(best, &lead, &run, run_pre);
            if (a.behind_space && min >= 1)
                last_space = 1;
            break;
        case A_CLASS:
            digit |= a.digit && min >= 1;
            if (lead.state == LEAD_IN_RUN && min == 1 && max == 1 && a.nchars && !run_cut &&
                lead_run_class(&lead, &run, &a))
                lead_tails = 1;
            flush_run(best, &lead, &run, run_pre);
            skip_s = 0;
            last_space = a.space ? (min >= 1 ? 1 : last_space) : 0;
            break;
        case A_GROUP:
            if (lead.state == LEAD_IN_RUN && min == 1 && max == 1) {
                lead_extend(&lead, &run, a.lead);
                lead_tails = 1;
            }
            if (joined) /* (its literals hold the run: not offered alone) */
                flush_run_lead(&lead, &run, 0);
            else
                flush_run(best, &lead, &run, run_pre);
            skip_s = 0;
            tails_clear(best); /* the group follows the run */
            if (min != 1 || max != 1)
                tails_clear(a.group); /* a repeat may follow them */
            keep_tails = 1;
            if (min >= 1)
                consider(best, joined ? joined : a.group);
            set_free(joined);
            digit |= a.group->digit && min >= 1;
            last_space = min >= 1 ? a.ends_space : (last_space && a.ends_space);
            set_free(a.group);
            set_free(a.lead);
            break;
        case A_LIT: {
            tg_charinfo ci = tg_fold_get(r->fold, a.cp);
            if (min == 0) {
                flush_run(best, &lead, &run, run_pre);
                skip_s = 0;
                last_space = (ci.cls & TG_C_SPACE) ? last_space : 0;
                break;
            }
            if (ci.cls & TG_C_SPACE) { /* not in the token buffer */
                last_space = 1;
                skip_s = 0;
                if (max != 1)
                    flush_run(best, &lead, &run, run_pre);
                break;
            }
            if ((ci.cls & TG_C_APOS) || ci.fold == '\'') {
                flush_run(best, &lead, &run, run_pre);
                skip_s = 1;
                last_space = 0;
                break;
            }
            if (skip_s && ci.fold == 's') {
                skip_s = 0;
                last_space = 0;
                break;
            }
            skip_s = 0;
            digit |= (ci.cls & TG_C_DIGIT) != 0;
            if (run.n == 0) {
                run_cut = 0;
                run_pre = r->alpha;
                run.tokstart = (uint8_t)last_space;
                run.cap = (uint8_t)(!r->caseless && (tg_fold_get(r->fold, a.cp).cls & TG_C_UPPER));
                run.upper = (uint8_t)(last_space && run.cap);
                run.no_letter_before = ~last & PF_LETTERS;
                run.words = gaps_here < 255 ? (uint8_t)(gaps_here + 1) : 0;
                if (lead_in_run && lead_apos) { /* the apostrophe before it (lead_apos) */
                    run_put(&run, '\'');
                    run.tokstart = run.upper = run.cap = 0;
                }
            }
            if (!run_put(&run, ci.fold))
                run_cut = 1;
            last_space = 0;
            if (max != 1)
                flush_run(best, &lead, &run, run_pre);
            break;
        }
        }
        /* Whitespace ended the lead's run: that run, alone in the lead (no optional
         * item's before it), ends a token ("в" of "в г. Курск" is not "все"). */
        if (lead_in_run && lead.state == LEAD_DONE && space_item && !lead.pending &&
            lead.set->ok && lead.set->n == 1)
            lead.set->v[0].tokend = 1;
        if (a.kind == A_LIT)
            r->alpha |= a.alpha | barrier_bit(a.cp);
        last = last_after(r, &a, min, max, last, group_last);
        if (space_item)
            tails_end_token(best); /* a run flushed just before the whitespace */
        if (word_item)
            tails_end_word(best, a.bound); /* a run flushed just before it */
        if (!keep_tails)
            tails_clear(best);
        if (lead_tails && !caps && lead.state == LEAD_DONE) { /* the lead, read last */
            caps_mark(lead.set, 1);
            caps = 1;
        }
    }
    r->gaps_outer = gaps_outer;
    r->last_letters = last;
    r->one_word = items == 1 && one_word;
    r->one_letter = items == 1 && one_letter;
    r->space_upper = items == 2 && space_upper;
    r->only_letters = only_letters;
    if (caps == 1) /* no (?!...) in this sequence */
        caps_mark(lead.set, 0);
    flush_run_at(best, &lead, &run, run_pre, !run_cut);
    if (lead.state == LEAD_NONE_YET) /* nothing mandatory: a match may be empty */
        lead_set->ok = 0;
    set_free(lead.pending);
    best->digit = digit;
    span_copy(&best->span, &seq);
    best->fol.starts_ws = (uint8_t)fol_ws;
    for (int p = 0; p < 2; p++) {
        best->fol.out[p] = (uint8_t)fol[p].ph;
        best->fol.wide[p] = (uint8_t)fol[p].wide;
        best->fol.small[p] = (uint8_t)fol[p].small;
        best->fol.mask[p][0] = fol[p].mask[0];
        best->fol.mask[p][1] = fol[p].mask[1];
        best->fol.done[p] = fol[p].done;
        best->fol.open[p] = fol[p].open;
    }
    *ends_space = last_space;
}

static void read_alt(reader *r, pf_set *out, pf_set *lead, int *ends_space, int *starts_space,
                     int prev_space)
{
    pf_set *branch = set_new(), *branch_lead = set_new();
    if (!branch || !branch_lead) {
        set_free(branch);
        set_free(branch_lead);
        r->fail = 1;
        return;
    }
    int first = 1, branches = 0, span_off = r->span_off, one_word = 0;
    int one_letter = 0, space_upper = 0, only_letters = 1;
    const tg_pf_lit *prefix = r->prefix; /* for these branches, not for groups in them */
    unsigned prefix_pre = r->prefix_pre;
    r->prefix = NULL;
    /* A match takes one branch: what a branch's literal may have before it is what
     * came before the alternation and in that branch, not in its siblings. */
    unsigned alpha0 = r->alpha, alpha = 0;
    uint32_t last0 = r->last_letters, last = 0;
    *ends_space = 1;
    *starts_space = 1;
    for (;;) {
        int es = 0, ss = 0;
        r->alpha = alpha0;
        r->last_letters = last0; /* (each branch follows what came before) */
        read_seq(r, first ? out : branch, first ? lead : branch_lead, &es, &ss, prev_space,
                 prefix, prefix_pre);
        one_word |= r->one_word;
        one_letter |= r->one_letter;
        space_upper |= r->space_upper;
        only_letters &= r->only_letters;
        alpha |= r->alpha;
        last |= r->last_letters;
        if (!first) {
            span_or(&out->span, &branch->span);
            fol_or(&out->fol, &branch->fol);
        }
        if (out->span.n == 0) /* the other branches cannot bring one back */
            r->span_off = 1;
        if (!first) {
            set_union(out, branch);
            out->digit = out->digit && branch->digit;
            lead_union(lead, branch_lead);
        }
        *ends_space = *ends_space && es;
        *starts_space = *starts_space && ss;
        first = 0;
        branches++;
        if (r->fail || r->p >= r->end || *r->p != '|')
            break;
        r->p++;
    }
    r->branches = branches;
    r->one_word = one_word;
    r->one_letter = one_letter;
    r->space_upper = space_upper;
    r->only_letters = only_letters;
    r->alpha = alpha;
    r->last_letters = last;
    r->span_off = span_off;
    set_free(branch);
    set_free(branch_lead);
}

/* The share of a rule's attempts that meet reach c whatever follows, because their
 * lead holds one of its characters in time (the 'n' of "in", a digit of [0-9]). */
static double lead_share(const tg_pf_result *out, const tg_pf_reach *c)
{
    double met = 0, all = 0;
    for (int i = 0; out->has_lead && i < out->nlead; i++) {
        const tg_pf_lit *l = &out->lead[i];
        double weight = 1; /* how often it is in text: short ones weigh most */
        int hit = 0;
        for (uint32_t k = 0; k < l->n; k++) {
            unsigned b = l->b[k];
            unsigned u = b >= 'a' && b <= 'z' ? b - 32 : b;
            weight *= b < 0x80 ? char_freq(b) / 10000.0 : 0.2;
            hit |= k <= c->reach && b < 0x80 &&
                   (((c->mask[b >> 6] >> (b & 63)) & 1) || ((c->mask[u >> 6] >> (u & 63)) & 1));
        }
        met += hit ? weight : 0;
        all += weight;
    }
    for (unsigned b = 0; !out->has_lead && b < 128; b++) {
        int in_cls = ((out->lead_cls & TG_C_DIGIT) && b >= '0' && b <= '9') ||
                     ((out->lead_cls & TG_C_UPPER) && b >= 'A' && b <= 'Z');
        met += in_cls && ((c->mask[b >> 6] >> (b & 63)) & 1);
        all += in_cls;
    }
    return all > 0 ? met / all : 1.0;
}

/* The reaches an anchored rule checks before an attempt: the most selective of the
 * pattern's, and a second of other characters, when they are worth a look. */
static void pick_reaches(tg_pf_result *out, const pf_span *span)
{
    int used[PF_SPAN_CANDS] = {0};
    if (!out->has_lead && !out->lead_cls)
        return; /* not anchored: no attempts to save */
    while (out->nreach < TG_PF_NREACH) {
        int best = -1;
        double best_pass = PF_PASS_MAX;
        for (int i = 0; i < span->n; i++) {
            const tg_pf_reach *c = &span->v[i];
            double share = lead_share(out, c), pass = share + (1 - share) * span->pass[i];
            int other = 1; /* the second looks for other characters than the first */
            for (int j = 0; j < out->nreach; j++)
                other &= !(c->mask[0] & out->reach[j].mask[0]) &&
                         !(c->mask[1] & out->reach[j].mask[1]);
            if (!used[i] && other && pass < best_pass) {
                best = i;
                best_pass = pass;
            }
        }
        if (best < 0)
            break;
        used[best] = 1;
        tg_pf_reach c = span->v[best];
        c.nranges = 0; /* its mask as ranges, for tg_pf_reach_met's eight at a time */
        for (unsigned b = 0; b < 128; b++) {
            int in = (c.mask[b >> 6] >> (b & 63)) & 1;
            int prev = b > 0 && ((c.mask[(b - 1) >> 6] >> ((b - 1) & 63)) & 1);
            if (in && !prev && c.nranges++ < TG_PF_RANGES)
                c.lo[c.nranges - 1] = (uint8_t)b;
            if (in && c.nranges <= TG_PF_RANGES)
                c.hi[c.nranges - 1] = (uint8_t)b;
        }
        if (c.nranges > TG_PF_RANGES)
            c.nranges = 0;
        if (c.reach >= PF_SPAN_INF)
            c.reach = TG_PF_REACH_NONE; /* bound in words only */
        else if (c.words && (uint32_t)c.words * PF_WORD_CHARS - 1 >= c.reach)
            c.words = 0; /* the bound in characters says no first, mostly: the words
                            would cost the check a count of stretches at every byte */
        out->reach[out->nreach++] = c;
    }
    /* The nearer first: it says no after fewer bytes. */
    if (out->nreach == 2 && out->reach[1].reach < out->reach[0].reach) {
        tg_pf_reach c = out->reach[0];
        out->reach[0] = out->reach[1];
        out->reach[1] = c;
    }
}

/* The follow of a pattern whose every match ends past its first stretch (pf_fol
 * from phase 0), when the words of news that start otherwise are many: a lower-case
 * word after the stretch is the common case, and a follow that lets through most of
 * them costs its look at each attempt for little. */
#define PF_FOLLOW_PASS_MAX 0.6
#define PF_FOLLOW_LIT_PASS 0.2

static void pick_follow(tg_pf_result *out, const pf_fol *f)
{
    if (!out->has_lead && !out->lead_cls)
        return; /* not anchored: no attempts to save */
    if (f->out[0] != 4)
        return; /* a match may have no stretch, or end in it */
    /* A rule led by words of another script than ASCII runs on text of that script,
     * where a follow that lets any such character through says no too seldom. */
    int other = 0;
    for (int i = 0; out->has_lead && i < out->nlead; i++)
        other += out->lead[i].n && out->lead[i].b[0] >= 0x80;
    if (f->wide[0] && f->small[0] && 2 * other > out->nlead)
        return;
    tg_pf_follow *fo = &out->follow;
    fo->mask[0] = f->mask[0][0];
    fo->mask[1] = f->mask[0][1];
    pf_lits lits = f->done[0];
    lits_close(&lits, fo->mask, &f->open[0], 0); /* (read to the pattern's end) */
    for (unsigned i = 0; i < lits.n; i++) { /* (its first bytes may let anything through) */
        uint64_t first[2] = {0, 0};
        lit_first(first, lits.b[i], lits.fold[i]);
        if ((first[0] & ~fo->mask[0]) | (first[1] & ~fo->mask[1])) {
            fo->len[fo->nlits] = lits.len[i];
            fo->fold[fo->nlits] = lits.fold[i];
            memcpy(fo->lit[fo->nlits++], lits.b[i], lits.len[i]);
            fo->first[0] |= first[0];
            fo->first[1] |= first[1];
        }
    }
    /* A lower-case word that begins one of the literals is let through: a few of the
     * words of that letter ("de " of "decided", "delay" ...: none). */
    double in = 0, all = 0;
    for (unsigned c = 'a'; c <= 'z'; c++) {
        all += char_freq(c);
        in += ((fo->mask[c >> 6] >> (c & 63)) & 1)    ? char_freq(c)
              : ((fo->first[c >> 6] >> (c & 63)) & 1) ? PF_FOLLOW_LIT_PASS * char_freq(c)
                                                      : 0;
    }
    if (in / all > PF_FOLLOW_PASS_MAX) {
        memset(fo, 0, sizeof *fo);
        return;
    }
    fo->ok = 1;
    fo->wide = f->wide[0];
    fo->not_small = (uint8_t)(f->wide[0] && !f->small[0]);
}

/* The largest words (tg_pf_lit.words) of a set's literals, 0 when one has none. */
static unsigned lits_words(const pf_set *s)
{
    unsigned most = 0;
    for (int i = 0; i < s->n; i++) {
        if (!s->v[i].words)
            return 0;
        if (s->v[i].words > most)
            most = s->v[i].words;
    }
    return most;
}

/* One reading of the whole pattern, groups read again (prefixed_group) within budget
 * bytes; *missed: some group was not for want of it. */
/* Zero a result but for its literal arrays (half a megabyte, which a load from source
 * would clear twice a rule): only their first nlits and nlead entries are ever read. */
static void result_clear(tg_pf_result *out)
{
    size_t lits = offsetof(tg_pf_result, lits), lits_end = lits + sizeof out->lits;
    size_t lead = offsetof(tg_pf_result, lead), lead_end = lead + sizeof out->lead;
    memset(out, 0, lits);
    memset((char *)out + lits_end, 0, lead - lits_end);
    memset((char *)out + lead_end, 0, sizeof *out - lead_end);
}

static void analyze(const tg_fold *fold, const char *pattern, size_t len, tg_pf_result *out,
                    long budget, int *missed)
{
    result_clear(out);
    reader r = {(const unsigned char *)pattern, (const unsigned char *)pattern + len, fold, 1,
                0, 0};
    r.budget = budget;
    r.last_letters = PF_LETTERS; /* (the text's character before a match) */
    pf_set *set = set_new(), *lead = set_new();
    if (!set || !lead) {
        set_free(set);
        set_free(lead);
        return;
    }
    int es, ss;
    read_alt(&r, set, lead, &es, &ss, 0);
    if (r.fail || r.p != r.end) {
        set_free(set);
        set_free(lead);
        return; /* has_lits = 0, line_local = 0 */
    }
    out->line_local = r.line_local;
    out->needs_digit = set->digit;
    if (set->ok && set->n > 0) {
        out->has_lits = 1;
        out->lit_barrier = ~set->pre & ALL_BARRIERS;
        out->nlits = set->n;
        memcpy(out->lits, set->v, (size_t)set->n * sizeof set->v[0]);
        out->lit_words = lits_words(set);
    }
    out->lead_cls = lead->ok && lead->n == 0 ? lead->lead_cls : 0;
    /* no_letter_before speaks of the character before a literal in the match, where
     * an item consumed it: only of a literal that no match starts with, one of letters
     * when every match starts with a digit. (A literal of a set every match holds
     * comes, at its first place in a match, after items read before it, since each
     * iteration of a repeat holds one.) */
    for (int i = 0; i < out->nlits; i++)
        if (out->lead_cls != TG_C_DIGIT || out->lits[i].b[0] < 'a' || out->lits[i].b[0] > 'z')
            out->lits[i].no_letter_before = 0;
    for (int i = 0; i < lead->n; i++)
        lead->v[i].no_letter_before = 0;
    /* A one-letter lead literal (the "A" of an optional "A$") would wake the rule at
     * every such letter of the text: its required literals serve better. */
    for (int i = 0; lead->ok && i < lead->n; i++)
        if (lead->v[i].n == 1 && lead->v[i].b[0] < 0x80 &&
            tg_fold_get(fold, lead->v[i].b[0]).cls & TG_C_LETTER)
            lead->ok = 0;
    if (lead->ok && lead->n > 0) {
        out->has_lead = 1;
        out->nlead = lead->n;
        memcpy(out->lead, lead->v, (size_t)lead->n * sizeof lead->v[0]);
    }
    pick_reaches(out, &set->span);
    if (!r.fol_bad)
        pick_follow(out, &set->fol);
    *missed = r.missed;
    set_free(set);
    set_free(lead);
}

/* Second readings of groups only refine the literals (lits), and they cost: a list of
 * 3,400 given names written as a trie two levels deep would be read some four times.
 * The literals serve a rule only when it has no lead and stays on its lines (rules.c):
 * the first reading has a small budget (a list of units or head nouns grouped by
 * their first letters takes a few hundred bytes), and only a rule that the literals
 * serve is read again with the full one when that was not enough. */
void tg_prefilter_analyze(const tg_fold *fold, const char *pattern, size_t len,
                          tg_pf_result *out)
{
    int missed = 0;
    analyze(fold, pattern, len, out, PF_REREAD_FIRST, &missed);
    if (missed && out->line_local && !out->has_lead)
        analyze(fold, pattern, len, out, PF_REREAD_BUDGET(len), &missed);
    set_pool_drain();
}
