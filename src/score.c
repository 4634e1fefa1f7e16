/*
 * score.c - the topic scorer.
 *
 * Each mention is evidence for the topics its entity links to: the link weight
 * times the weight of the zone it stands in (boilerplate counts nothing). Repeats of
 * one entity add less and less (decay^(k-1) for the k-th mention), so one name
 * repeated ten times does not outweigh five different names. A topic's raw sum S
 * maps to a score 1 - exp(-S / scale) in [0, 1]; it becomes a tag when the score
 * passes its threshold and S is at least `relative` of the best topic's S, which
 * keeps a passing mention of a third country out of a two-country story.
 */
#include "score.h"

#include "datafile.h"
#include "error.h"
#include "hash.h"
#include "word_hash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void tg_scorer_conf_defaults(tg_scorer_conf *c)
{
    c->zone_title = 1.0f;
    c->zone_dateline = 1.5f;
    c->zone_lead = 1.0f;
    c->zone_body = 0.7f;
    c->repeat_decay = 0.5f;
    c->scale = 1.0f;
    c->threshold = 0.5f;
    c->relative = 0.3f;
    c->min_entities = 1.0f;
}

int tg_scorer_conf_load(tg_scorer_conf *c, const char *path, tg_error *err)
{
    tg_datafile df;
    int rc = tg_datafile_open(&df, path, err);
    if (rc)
        return rc;
    static const struct { const char *key; size_t off; } KEYS[] = {
        {"zone.title", offsetof(tg_scorer_conf, zone_title)},
        {"zone.dateline", offsetof(tg_scorer_conf, zone_dateline)},
        {"zone.lead", offsetof(tg_scorer_conf, zone_lead)},
        {"zone.body", offsetof(tg_scorer_conf, zone_body)},
        {"repeat_decay", offsetof(tg_scorer_conf, repeat_decay)},
        {"scale", offsetof(tg_scorer_conf, scale)},
        {"threshold", offsetof(tg_scorer_conf, threshold)},
        {"relative", offsetof(tg_scorer_conf, relative)},
        {"min_entities", offsetof(tg_scorer_conf, min_entities)},
    };
    char *line;
    while (rc == TG_OK && (line = tg_datafile_next(&df))) {
        if (tg_datafile_skippable(line))
            continue;
        char *eq = strchr(line, '=');
        if (!eq) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, 1, "expected 'key = value'");
            break;
        }
        char *k = line, *kend = eq;
        while (kend > k && (kend[-1] == ' ' || kend[-1] == '\t'))
            kend--;
        *kend = '\0';
        char *v = eq + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        char *end;
        double val = strtod(v, &end);
        while (*end == ' ' || *end == '\t')
            end++;
        if (end == v || *end || !(val >= 0) || val > 100) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, (unsigned)(v - line) + 1,
                             "value must be a number from 0 to 100");
            break;
        }
        size_t i;
        for (i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
            if (!strcmp(KEYS[i].key, k))
                break;
        if (i == sizeof KEYS / sizeof KEYS[0]) {
            rc = tg_error_at(err, TG_ERR_DATA, path, df.line_no, 1, "unknown setting '%s'", k);
            break;
        }
        *(float *)((char *)c + KEYS[i].off) = (float)val;
    }
    tg_datafile_close(&df);
    if (rc == TG_OK && !(c->scale > 0))
        rc = tg_error_at(err, TG_ERR_DATA, path, 0, 0, "scale must be above 0");
    return rc;
}

static float zone_weight(const tg_scorer_conf *c, tg_zone z)
{
    switch (z) {
    case TG_ZONE_TITLE: return c->zone_title;
    case TG_ZONE_DATELINE: return c->zone_dateline;
    case TG_ZONE_LEAD: return c->zone_lead;
    case TG_ZONE_BODY: return c->zone_body;
    default: return 0;
    }
}

/* The weight of every zone (zone_weight), made once a document. */
typedef struct zone_weights {
    float w[TG_ZONE_COUNT];
} zone_weights;

static zone_weights zone_weights_of(const tg_scorer_conf *c)
{
    zone_weights t;
    for (int z = 0; z < TG_ZONE_COUNT; z++)
        t.w[z] = zone_weight(c, (tg_zone)z);
    return t;
}

/* zone_weight from the table: asked twice an entity, where the switch's compares
 * and jump cost 0.2M instructions on 2000 English news records. */
static inline float weight_of(const zone_weights *t, tg_zone z)
{
    return (unsigned)z < TG_ZONE_COUNT ? t->w[z] : 0;
}

/* Does an entity carry the topics of the listed place or nationality its rule's name
 * holds (resolve.h, topic_def): no gazetteer entry, no links of its rule's own? */
static int carries_place_topics(const tg_model *m, const tg_entity_meta *meta)
{
    return meta->def == TG_NONE && meta->topic_def != TG_NONE &&
           !(meta->rule != TG_NONE && m->rules.v.v[meta->rule].link_count);
}

/* The links of entity i: from its gazetteer entry, its rule, or the listed place or
 * nationality its rule's name holds. */
static const tg_link *links_of(const tg_model *m, const tg_entity_meta *meta, uint32_t *n)
{
    if (meta->def != TG_NONE) {
        const tg_entity_def *d = &m->entities.v[meta->def];
        *n = d->link_count;
        return d->link_count ? m->links.v + d->link_first : NULL;
    }
    if (meta->rule != TG_NONE && m->rules.v.v[meta->rule].link_count) {
        const tg_rule *r = &m->rules.v.v[meta->rule];
        *n = r->link_count;
        return m->links.v + r->link_first;
    }
    if (carries_place_topics(m, meta)) {
        const tg_entity_def *d = &m->entities.v[meta->topic_def];
        *n = d->link_count;
        return d->link_count ? m->links.v + d->link_first : NULL;
    }
    *n = 0;
    return NULL;
}

/* Is topic t the home of a newsroom writing in `lang`? Ukrainian and Russian agencies
 * date every story from their own city, foreign news too ("КИЇВ. 18 листопада. УНН."
 * over a story on Brexit; "МОСКВА, 8 ноября, ФедералПресс." over one on Pakistan):
 * such a dateline says where the newsroom is. Russian is written by Ukrainian and
 * Belarusian newsrooms as well. English wire copy is dated where the reporter is, and
 * Reuters' places include the dateline's (calibrated: zone.dateline). */
static int home_topic(const tg_model *m, const char *lang, uint32_t t)
{
    static const char *const UK[] = {"country:UA", NULL};
    static const char *const RU[] = {"country:RU", "country:UA", "country:BY", NULL};
    const char *const *home = !strcmp(lang, "uk") ? UK : !strcmp(lang, "ru") ? RU : NULL;
    const char *id = tg_model_str(m, m->topics.v[t].id);
    for (; home && *home; home++)
        if (!strcmp(id, *home))
            return 1;
    return 0;
}

/* Does the text's dateline name the city national newsrooms of Ukraine, Russia and
 * Belarus sit in: Kyiv, Moscow, Minsk (GeoNames ids)? Only such a dateline says where
 * the newsroom is; a regional one ("ЛЬВІВ. 12 квітня.", "ХАРКІВ") is where the reporter
 * is, as in English wire copy, and the story is mostly the region's own (a Lviv
 * council's programme with a passing Polish partner was tagged Poland alone). */
static int newsroom_dateline(const tg_model *m, const tg_result *r)
{
    static const char *const CITIES[] = {"city:703448", "city:524901", "city:625144", NULL};
    for (size_t i = 0; i < r->meta.n; i++) {
        const tg_entity_meta *mi = &r->meta.v[i];
        if (mi->zone != TG_ZONE_DATELINE || mi->def == TG_NONE)
            continue;
        const char *id = tg_model_str(m, m->entities.v[mi->def].id);
        for (const char *const *c = CITIES; *c; c++)
            if (!strcmp(id, *c))
                return 1;
    }
    return 0;
}

/* A city that seats an international body stands for the body in a story that names
 * it: "Brussels wants London to pay" in a story on the EU is the EU, not Belgium
 * (Brexit news in Ukrainian and Russian were tagged Belgium for "Брюссель планує",
 * "У Брюсселі хочуть"). GeoNames' Brussels, and the EU and NATO. */
static const char SEAT_CITY[] = "city:2800866";
static const char *const SEATED_BODIES[TG_SEATED_BODIES] = {"place:eu", "org:eu", "org:nato"};

/* The entity of id in m, or TG_NONE. */
static uint32_t entity_of(const tg_model *m, const char *id)
{
    return strmap_get(&m->entity_index, id, strlen(id));
}

/* Every entity of a text is compared with these, so they are compared by index (by
 * their ids' strings it cost 0.6% of tagging English news). */
void tg_score_find_seats(tg_model *m)
{
    m->seat.city = entity_of(m, SEAT_CITY);
    for (size_t b = 0; b < TG_SEATED_BODIES; b++)
        m->seat.bodies[b] = entity_of(m, SEATED_BODIES[b]);
}

/* Does r name one of the seated bodies where a zone counts? */
static int names_a_seated_body(const tg_model *m, const tg_result *r, const zone_weights *zws)
{
    if (m->seat.city == TG_NONE)
        return 0;
    for (size_t i = 0; i < r->meta.n; i++) {
        const tg_entity_meta *mi = &r->meta.v[i];
        if (mi->def == TG_NONE || !(weight_of(zws, mi->zone) > 0))
            continue;
        for (size_t b = 0; b < TG_SEATED_BODIES; b++)
            if (mi->def == m->seat.bodies[b])
                return 1;
    }
    return 0;
}

/* Does a mention count nothing toward its topics as the seat of a body the story names
 * (`bodies`)? Not in the dateline, which says where the reporter is (Reuters' places
 * include a dateline's country). */
static int stands_for_a_body(const tg_model *m, const tg_entity_meta *mi, int bodies)
{
    /* (the city itself, or a name that carries its topics: "Brussels-based") */
    uint32_t place = carries_place_topics(m, mi) ? mi->topic_def : mi->def;
    return bodies && place == m->seat.city && mi->zone != TG_ZONE_DATELINE;
}

static int by_score(const void *a, const void *b)
{
    const tg_tag *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return strcmp(x->id, y->id);
}

void tg_score_scratch_free(tg_score_scratch *s)
{
    vec_free(s->acc);
    vec_free(s->topics);
    vec_free(s->order);
    vec_free(s->seen);
    vec_free(s->links);
    s->stamp = 0;
    s->decay_ready = 0;
}

/* pow(decay, k) from the table: the same double pow() gives, computed once. */
static inline double decay_pow(const tg_score_scratch *s, float decay, uint32_t k)
{
    return k < TG_SCORE_DECAY_POWERS ? s->decay[k] : pow(decay, k);
}

/* One id's scoring mentions so far, in a slot of an open-addressing table keyed by
 * a hash of the id's bytes: a mention's number is the count of its id before it, so
 * one pass in text order with a lookup each numbers them all, where grouping equal
 * ids by a sort cost a comparison per pair of neighbours on top. tg_word_hash, eight
 * bytes a mix, is the cheaper hash (ids run to some 20 bytes; tg_hash cost 75
 * instructions a mention); strcmp is left for equal hashes, which are nearly all the
 * same id (and then mostly the same pointer). The table is not cleared between
 * documents: a slot belongs to this document when it bears its stamp, and any other
 * slot is free, so a document costs no pass over the whole table (zeroing it cost
 * some fifty bytes of memset a mention). */
typedef struct tg_score_mention {
    uint64_t hash;
    const char *id;
    uint32_t count; /* scoring mentions of the id seen so far, less one */
    uint32_t stamp; /* the document that filled it (tg_score_scratch.stamp); 0: never */
} tg_score_mention;

/* The id whose mentions entity i's are numbered among: its own, but for a rule's name
 * that carries the topics of a place inside it (links_of), the place's. "U.S.
 * Agriculture Department" or "Прокуратура Одеської області" is the place named once
 * more, as "U.S." or "Одеської області" alone would be: each such body counted as a
 * first mention made the country of a wire story's "U.S. National Association" and
 * "U.S. grain" outweigh the other country it was about. */
static const char *scoring_id(const tg_model *m, const tg_result *r, size_t i, size_t *len)
{
    const tg_entity_meta *mi = &r->meta.v[i];
    if (carries_place_topics(m, mi)) {
        const char *id = tg_model_str(m, m->entities.v[mi->topic_def].id);
        *len = strlen(id);
        return id;
    }
    *len = mi->id_len; /* its strlen, kept by tag.c */
    return r->entities.v[i].id;
}

/* k-th mention of an entity: how many scoring mentions of its id came before. */
static int mention_numbers(const tg_model *m, const tg_result *r, const zone_weights *zws,
                           tg_score_scratch *s)
{
    size_t n = r->entities.n;
    if (!n) /* nothing to number, and v may still be NULL: not for memset (UBSan) */
        return 0;
    size_t size = 16; /* at most half full: short probes */
    while (size < 2 * n)
        size *= 2;
    /* order.n: the slots ever stamped or zeroed; new ones are zeroed when reserved */
    if (size > s->order.n) {
        if (vec_reserve(s->order, size - s->order.n))
            return -1;
        memset(s->order.v + s->order.n, 0, (size - s->order.n) * sizeof *s->order.v);
        s->order.n = size;
    }
    if (vec_reserve(s->seen, n))
        return -1;
    tg_score_mention *tab = s->order.v;
    if (++s->stamp == 0) { /* wrapped: no slot may still bear the new stamp */
        memset(tab, 0, s->order.n * sizeof *tab);
        s->stamp = 1;
    }
    const uint32_t stamp = s->stamp;
    uint32_t *seen = s->seen.v;
    for (size_t i = 0; i < n; i++) {
        seen[i] = 0;
        if (!(weight_of(zws, r->meta.v[i].zone) > 0))
            continue;
        size_t len;
        const char *id = scoring_id(m, r, i, &len);
        uint64_t h = tg_word_hash(id, len);
        size_t slot = (size_t)h & (size - 1);
        while (tab[slot].stamp == stamp &&
               !(tab[slot].hash == h && (tab[slot].id == id || !strcmp(tab[slot].id, id))))
            slot = (slot + 1) & (size - 1);
        if (tab[slot].stamp == stamp)
            seen[i] = ++tab[slot].count;
        else
            tab[slot] = (tg_score_mention){h, id, 0, stamp};
    }
    return 0;
}

static int by_topic(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Zero what this document added, so the next one starts from nothing. */
static void clear_topics(tg_score_scratch *s)
{
    for (size_t i = 0; i < s->topics.n; i++)
        memset(&s->acc.v[s->topics.v[i]], 0, sizeof *s->acc.v);
    s->topics.n = 0;
}

int tg_score(const tg_model *m, tg_result *r, const char *labels, tg_score_scratch *s)
{
    const tg_scorer_conf *c = &m->scorer;
    size_t ntopics = m->topics.n;
    if (!ntopics)
        return 0;
    if (s->acc.n != ntopics) {
        s->acc.n = 0;
        if (vec_reserve(s->acc, ntopics))
            return -1;
        memset(s->acc.v, 0, ntopics * sizeof *s->acc.v);
        s->acc.n = ntopics;
    }
    if (!s->decay_ready) {
        for (uint32_t k = 0; k < TG_SCORE_DECAY_POWERS; k++)
            s->decay[k] = pow(c->repeat_decay, k);
        s->decay_ready = 1;
    }
    const zone_weights zws = zone_weights_of(c);
    if (mention_numbers(m, r, &zws, s) || vec_reserve(s->links, r->entities.n))
        return -1;
    tg_score_acc *a = s->acc.v;
    const uint32_t *seen = s->seen.v;
    /* Each entity's links and zone weight, found once here for the evidence of every
     * tag below too; no links where the zone counts nothing. */
    tg_score_links *el = s->links.v;
    int rc = 0;
    size_t nlinks = 0; /* of the entities that count: the most evidence there can be */
    const int newsroom = newsroom_dateline(m, r);
    const int bodies = names_a_seated_body(m, r, &zws);
    for (size_t i = 0; i < r->entities.n && !rc; i++) {
        const tg_entity_meta *mi = &r->meta.v[i];
        float zw = weight_of(&zws, mi->zone);
        el[i] = (tg_score_links){NULL, 0, zw};
        if (zw <= 0 || stands_for_a_body(m, mi, bodies))
            continue;
        uint32_t k = seen[i];
        double dk = decay_pow(s, c->repeat_decay, k);
        uint32_t nl;
        const tg_link *l = links_of(m, mi, &nl);
        el[i].link = l;
        el[i].n = nl;
        nlinks += nl;
        for (uint32_t q = 0; q < nl; q++) {
            tg_score_acc *at = &a[l[q].topic];
            if (!at->touched) {
                if (vec_push(s->topics, l[q].topic)) {
                    rc = -1;
                    break;
                }
                at->touched = 1;
            }
            double value = l[q].weight * zw * dk;
            at->sum += value;
            if (mi->zone == TG_ZONE_DATELINE && newsroom)
                at->dateline += value;
            if (k == 0)
                at->entities++;
        }
    }
    /* The touched topics in index order: the order the tags were made in when every
     * topic was visited, which by_score's ties (none: ids differ) would not need. */
    uint32_t *tv = s->topics.v;
    size_t tn = s->topics.n;
    if (tn > 32) {
        qsort(tv, tn, sizeof *tv, by_topic);
    } else {
        for (size_t i = 1; i < tn; i++) {
            uint32_t x = tv[i];
            size_t j = i;
            for (; j > 0 && tv[j - 1] > x; j--)
                tv[j] = tv[j - 1];
            tv[j] = x;
        }
    }
    /* A newsroom's home named in the dateline is no evidence for the story, when the
     * story has topics of its own (home_topic). */
    int story_topics = 0;
    for (size_t i = 0; i < tn; i++)
        story_topics |= a[tv[i]].sum > a[tv[i]].dateline;
    double best = 0;
    for (size_t i = 0; i < tn; i++) {
        tg_score_acc *at = &a[tv[i]];
        if (story_topics && at->dateline > 0 && home_topic(m, r->lang, tv[i]))
            at->sum -= at->dateline;
        if (at->sum > best)
            best = at->sum;
    }
    for (size_t i = 0; i < tn && !rc; i++) {
        size_t t = tv[i];
        if (a[t].sum <= 0)
            continue;
        const tg_topic *tp = &m->topics.v[t];
        double score = 1.0 - exp(-a[t].sum / c->scale);
        double threshold = tp->threshold >= 0 ? tp->threshold : c->threshold;
        if (score < threshold || a[t].sum < c->relative * best ||
            a[t].entities < c->min_entities)
            continue;
        uint32_t label = labels && !strcmp(labels, "uk")   ? tp->label_uk
                         : labels && !strcmp(labels, "ru") ? tp->label_ru
                                                           : tp->label;
        tg_tag tag = {tg_model_str(m, tp->id), tg_model_str(m, label),
                      round(score * 1000) / 1000, NULL, (size_t)t /* topic, for now */};
        rc = vec_push(r->tags, tag);
    }
    clear_topics(s);
    if (!rc && r->tags.n > 1) /* no tags: v is NULL, which qsort must not get (fuzzing) */
        qsort(r->tags.v, r->tags.n, sizeof *r->tags.v, by_score);
    /* Evidence and contributions, in tag order: an entity's link is evidence for one
     * tag at most (the tags' topics differ), so there is room for them all at once. */
    if (!rc && r->tags.n &&
        (vec_reserve(r->evidence, nlinks) || vec_reserve(r->contributions, nlinks)))
        rc = -1;
    for (size_t g = 0; g < r->tags.n && !rc; g++) {
        uint32_t topic = (uint32_t)r->tags.v[g].evidence_count;
        size_t first = r->evidence.n;
        for (size_t i = 0; i < r->entities.n && !rc; i++) {
            const tg_link *l = el[i].link;
            float zw = el[i].zone_weight;
            for (uint32_t q = 0; q < el[i].n && !rc; q++) {
                if (l[q].topic != topic)
                    continue;
                double value = l[q].weight * zw * decay_pow(s, c->repeat_decay, seen[i]);
                tg_contribution con = {g, i, l[q].weight, zw, value};
                rc = vec_push(r->evidence, i) || vec_push(r->contributions, con);
            }
        }
        r->tags.v[g].evidence_count = r->evidence.n - first;
        r->tags.v[g].evidence = (const size_t *)(uintptr_t)first; /* fixed up below */
    }
    for (size_t g = 0; g < r->tags.n; g++)
        r->tags.v[g].evidence = r->tags.v[g].evidence_count
                                    ? r->evidence.v + (uintptr_t)r->tags.v[g].evidence
                                    : NULL;
    return rc ? -1 : 0;
}
