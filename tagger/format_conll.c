/*
 * format_conll.c - CoNLL-style BIO tokens: one "token<TAB>tag" line per token, a
 * blank line between sentences, "-DOCSTART-" before each document.
 *
 * Tokens come from the library's own tokenizer, the one the matcher sees, so an
 * entity boundary always falls on a token boundary. Text the tokenizer leaves
 * between tokens (a possessive 's) is written as a token of its own, so that
 * joining the tokens loses nothing but whitespace. Tags are B-TYPE on the first
 * token of an entity, I-TYPE on the rest, O outside.
 */
#include "format.h"

#include "fold.h"
#include "token.h"

#include <pthread.h>
#include <string.h>

/* The folding table is filled once and only read afterwards. */
static tg_fold fold;
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;
static void fold_init(void) { tg_fold_init(&fold); }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Tag for bytes [start, end) given the entities (sorted by start); *next is the
 * first entity that may still cover a later token, *open the one last labelled. */
static void put_tag(strbuf *out, const tg_result *r, size_t *next, size_t *open, size_t start,
                    size_t end)
{
    size_t n = tg_result_entity_count(r);
    while (*next < n) {
        const tg_entity *e = tg_result_entity(r, *next);
        if (strcmp(e->field, "text") == 0 && e->byte_end > start)
            break;
        (*next)++;
    }
    const tg_entity *e = *next < n ? tg_result_entity(r, *next) : NULL;
    if (!e || e->byte_start >= end) {
        sb_puts(out, "\tO\n");
        return;
    }
    sb_printf(out, "\t%s-%s\n", *open == *next ? "I" : "B", e->type);
    *open = *next;
}

/* Words of a gap the tokenizer skipped, each as a token. */
static void gap(strbuf *out, const fmt_doc *d, size_t *next, size_t *open, size_t from,
                size_t to)
{
    size_t i = from;
    while (i < to) {
        while (i < to && is_space(d->text[i]))
            i++;
        size_t s = i;
        while (i < to && !is_space(d->text[i]))
            i++;
        if (i > s) {
            sb_append(out, d->text + s, i - s);
            put_tag(out, d->r, next, open, s, i);
        }
    }
}

void format_conll(strbuf *out, const fmt_doc *d)
{
    pthread_once(&fold_once, fold_init);
    tg_token_vec tokens = {0};
    tg_char_vec norm = {0};
    if (tg_tokenize(&fold, d->text, d->len, &tokens, &norm)) {
        out->failed = 1;
        return;
    }
    sb_puts(out, "-DOCSTART-\tO\n\n");
    size_t next = 0, open = (size_t)-1, pos = 0;
    for (size_t i = 0; i < tokens.n; i++) {
        const tg_token *t = &tokens.v[i];
        gap(out, d, &next, &open, pos, t->byte_start);
        if (i && (t->flags & TK_SENT_START))
            sb_putc(out, '\n');
        sb_append(out, d->text + t->byte_start, t->byte_end - t->byte_start);
        put_tag(out, d->r, &next, &open, t->byte_start, t->byte_end);
        pos = t->byte_end;
    }
    gap(out, d, &next, &open, pos, d->len);
    sb_putc(out, '\n');
    vec_free(tokens);
    vec_free(norm);
}
