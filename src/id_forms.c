/*
 * id_forms.c - one id for the inflected forms of a name in one text (id_forms.h).
 */
#include "id_forms.h"

#include "hash.h"
#include "token_at.h"
#include "utf8.h"

#include <stdint.h>
#include <string.h>

/* At most this many distinct slug ids of a text are compared (each with each). */
enum { MAX_IDS = 128 };

typedef struct id_ref {
    uint32_t off, len; /* in the pool */
    uint32_t group;    /* index of the id this one is a form of (itself at first) */
    uint64_t head;     /* the type prefix's length and the first word's first bytes, which
                        * forms of one name share (its stem is three letters or more):
                        * most pairs differ there (head_of) */
} id_ref;

static uint64_t head_of(const char *id, size_t len)
{
    const char *colon = memchr(id, ':', len);
    size_t p = colon ? (size_t)(colon - id) + 1 : 0;
    uint64_t h = p;
    for (size_t i = 0; i < 4 && p + i < len; i++)
        h |= (uint64_t)(unsigned char)id[p + i] << (8 * (i + 1));
    return h;
}

/* How many words of slug id s end in a letter that ends no nominative of a name but
 * many an oblique case's ("Ларису", "Людмилы", "Миколи", "Марії", "ради"): a tie-break
 * between forms of one length ("Лариса Анатоліївна", "Ларису Анатоліївну"). */
static uint32_t oblique_words(const char *s, size_t len)
{
    uint32_t n = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (i + 2 < len && s[i + 2] != '-')
            continue;
        uint32_t c = ((uint32_t)(unsigned char)s[i] << 8) | (unsigned char)s[i + 1];
        n += c == 0xD183 || c == 0xD18E || c == 0xD18B || c == 0xD0B5 || /* у ю ы е */
             c == 0xD0B8 || c == 0xD196 || c == 0xD197 || c == 0xD194;    /* и і ї є */
    }
    return n;
}

/* The next word of a slug from *at (words are joined by '-'): its start and length. */
static const char *next_word(const char *s, size_t len, size_t *at, size_t *n)
{
    if (*at >= len)
        return NULL;
    const char *w = s + *at;
    const char *dash = memchr(w, '-', len - *at);
    *n = dash ? (size_t)(dash - w) : len - *at;
    *at += *n + 1;
    return w;
}

/* Are words a and b (folded UTF-8) one Cyrillic stem with endings of at most
 * TG_ID_FORMS_ENDING code points, or the same word? */
static int word_forms(const char *a, size_t na, const char *b, size_t nb)
{
    if (na == nb && !memcmp(a, b, na))
        return 1;
    size_t ia = 0, ib = 0, stem = 0, cyr = 0;
    while (ia < na && ib < nb) {
        size_t ja = ia, jb = ib;
        int32_t ca = tg_utf8_next((const unsigned char *)a, na, &ja);
        int32_t cb = tg_utf8_next((const unsigned char *)b, nb, &jb);
        if (ca != cb)
            break;
        cyr += ca >= 0x400 && ca <= 0x4FF;
        stem++;
        ia = ja;
        ib = jb;
    }
    size_t rest_a = tg_count_cp(a + ia, na - ia), rest_b = tg_count_cp(b + ib, nb - ib);
    return stem >= TG_ID_FORMS_STEM && cyr == stem && rest_a <= TG_ID_FORMS_ENDING &&
           rest_b <= TG_ID_FORMS_ENDING;
}

/* Are slug ids a and b ("person:юрій-луценко") forms of one name: the same type
 * prefix, as many words, each pair forms of one word? */
static int id_forms(const char *a, size_t na, const char *b, size_t nb)
{
    const char *ca = memchr(a, ':', na), *cb = memchr(b, ':', nb);
    if (!ca || !cb || ca - a != cb - b || memcmp(a, b, (size_t)(ca - a)))
        return 0;
    size_t pa = (size_t)(ca - a) + 1, pb = pa, wa, wb;
    const char *x, *y;
    for (;;) {
        x = next_word(a, na, &pa, &wa);
        y = next_word(b, nb, &pb, &wb);
        if (!x || !y)
            return !x && !y;
        if (!word_forms(x, wa, y, wb))
            return 0;
    }
}

/* A slug id of a person or an organisation with a Cyrillic letter in it: one a name
 * in a case gives. */
static int may_inflect(const char *id, size_t len)
{
    if (!((len > 7 && !memcmp(id, "person:", 7)) || (len > 4 && !memcmp(id, "org:", 4))))
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)id[i] == 0xD0 || (unsigned char)id[i] == 0xD1)
            return 1;
    return 0;
}

static uint32_t root(id_ref *v, uint32_t k)
{
    while (v[k].group != k)
        k = v[k].group = v[v[k].group].group;
    return k;
}

void tg_unify_inflected_ids(tg_result *r, size_t first)
{
    id_ref ids[MAX_IDS];
    uint32_t n = 0;
    const char *pool = r->pool.v;
    for (size_t i = first; i < r->meta.n; i++) {
        const tg_entity_meta *mt = &r->meta.v[i];
        if (mt->id_off == UINT32_MAX || mt->def != TG_NONE ||
            !may_inflect(pool + mt->id_off, mt->id_len))
            continue;
        uint32_t k = 0;
        while (k < n && ids[k].off != mt->id_off)
            k++;
        if (k < n)
            continue; /* a later mention that took this id (coref) */
        if (n == MAX_IDS)
            break;
        ids[n] = (id_ref){mt->id_off, mt->id_len, n, head_of(pool + mt->id_off, mt->id_len)};
        n++;
    }
    if (n < 2)
        return;
    int any = 0;
    for (uint32_t a = 0; a < n; a++)
        for (uint32_t b = a + 1; b < n; b++) {
            if (ids[a].head != ids[b].head)
                continue;
            uint32_t ra = root(ids, a), rb = root(ids, b);
            if (ra == rb || !id_forms(pool + ids[a].off, ids[a].len, pool + ids[b].off, ids[b].len))
                continue;
            /* the group's id: the shorter; at a tie the one with fewer oblique endings,
             * then the earlier */
            const id_ref *x = &ids[ra], *y = &ids[rb];
            int keep_b = y->len < x->len;
            if (y->len == x->len) {
                uint32_t ox = oblique_words(pool + x->off, x->len);
                uint32_t oy = oblique_words(pool + y->off, y->len);
                keep_b = oy != ox ? oy < ox : rb < ra;
            }
            ids[keep_b ? ra : rb].group = keep_b ? rb : ra;
            any = 1;
        }
    if (!any)
        return;
    for (size_t i = first; i < r->meta.n; i++) {
        tg_entity_meta *mt = &r->meta.v[i];
        if (mt->id_off == UINT32_MAX)
            continue;
        for (uint32_t k = 0; k < n; k++)
            if (ids[k].off == mt->id_off) {
                const id_ref *g = &ids[root(ids, k)];
                mt->id_off = g->off;
                mt->id_len = g->len;
                break;
            }
    }
}
