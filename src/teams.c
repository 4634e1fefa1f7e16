/*
 * teams.c - places that name sports teams (the rule itself is stated in teams.h).
 *
 * Two questions, both cheap. Is the segment sports? It holds TG_TEAMS_MIN_CUES words
 * that hardly occur outside sports pages ("innings", "striker", "league", "матч"):
 * words such as "match", "coach", "cup" or "season" do, and are left out. Is this
 * place a team? Its line says so right next to it: a score after it ("Fulham 1",
 * "Surrey 429-7", "BALTIMORE 70 63"), or a word of a match before or after it ("v",
 * "beat", "drew", "against", "captain"). A year after a place is a dateline
 * ("LONDON 1996-08-30"), not a score, hence at most three digits. Tables of places
 * and numbers outside sports (weather, prices by city) never get this far.
 */
#include "teams.h"

#include "model.h"
#include "token_at.h"
#include "wordset.h"

#include <pthread.h>

enum { CUE = 1, BEFORE = 2, AFTER = 4 };

/* Folded. English, Ukrainian and Russian; a form per case where it inflects. */
static const char *const CUES[] = {
    "soccer", "football", "footballer", "cricket", "cricketer", "baseball", "basketball",
    "hockey", "rugby", "tennis", "innings", "inning", "wicket", "wickets", "batsman",
    "batsmen", "bowler", "bowlers", "halftime", "half-time", "striker", "midfielder",
    "goalkeeper", "league", "premiership", "bundesliga", "standings", "fixtures",
    "pitcher", "homer", "homers", "playoff", "playoffs", "touchdown", "goals", "uefa",
    "fifa", "nba", "nhl", "nfl", "stadium",
    "футбол", "футболу", "футболі", "футболіст", "футболист", "хокей", "хоккей",
    "баскетбол", "теніс", "теннис", "матч", "матчу", "матчі", "матче", "матчів",
    "матчей", "ліга", "ліги", "лізі", "лига", "лиги", "лиге", "чемпіонат", "чемпіонату",
    "чемпионат", "чемпионата", "нападник", "нападающий", "півзахисник", "полузащитник",
    "воротар", "вратарь", "стадіон", "стадион", "гол", "голи", "голы", "голів", "голов",
    NULL};

/* A team follows these. */
static const char *const BEFORE_WORDS[] = {
    "v", "vs", "versus", "against", "beat", "beating", "defeated", "joined", "champions",
    "rivals", "hosts", "visitors", NULL};

/* A team comes before these. */
static const char *const AFTER_WORDS[] = {
    "v", "vs", "versus", "beat", "beats", "drew", "lost", "won", "defeated", "captain",
    "skipper", "manager", "coach", "striker", "goalkeeper", "midfielder", "defender",
    "declared", NULL};

static tg_wordset words;
static int words_failed;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void build_words(void)
{
    words_failed = tg_wordset_add(&words, CUES, CUE) ||
                   tg_wordset_add(&words, BEFORE_WORDS, BEFORE) ||
                   tg_wordset_add(&words, AFTER_WORDS, AFTER);
}

static unsigned word_bits(const tg_token *t, const char *norm)
{
    return (t->flags & TK_WORD) ? tg_wordset_get(&words, norm + t->norm_off, t->norm_len) : 0;
}

/* A score: one to three digits and nothing else. */
static int is_score(const tg_token *t, const char *norm)
{
    if (t->norm_len < 1 || t->norm_len > 3)
        return 0;
    for (uint32_t i = 0; i < t->norm_len; i++)
        if (norm[t->norm_off + i] < '0' || norm[t->norm_off + i] > '9')
            return 0;
    return 1;
}

/* The string ids of a listed place's type and of the subtypes that can be teams
 * (not a country: a national side is its country); TG_NONE when a model has none. */
typedef struct team_kinds {
    uint32_t place, city, region;
} team_kinds;

static team_kinds team_kinds_of(const tg_model *m)
{
    return (team_kinds){strmap_get(&m->strings, "PLACE", sizeof "PLACE"),
                        strmap_get(&m->strings, "city", sizeof "city"),
                        strmap_get(&m->strings, "region", sizeof "region")};
}

static int is_town_or_region(const tg_model *m, const team_kinds *k, uint32_t def)
{
    const tg_entity_def *d = &m->entities.v[def];
    return d->type == k->place && (d->subtype == k->city || d->subtype == k->region);
}

static int sports_segment(const tg_token *tokens, size_t ntokens, const char *norm)
{
    unsigned cues = 0;
    for (size_t i = 0; i < ntokens && cues < TG_TEAMS_MIN_CUES; i++)
        cues += (word_bits(&tokens[i], norm) & CUE) != 0;
    return cues >= TG_TEAMS_MIN_CUES;
}

void tg_teams_mark(const tg_model *m, const tg_token *tokens, size_t ntokens,
                   const char *norm, tg_candidate_vec *cands)
{
    pthread_once(&words_once, build_words);
    if (words_failed)
        return;
    /* The places whose line reads as a match first: there are few, and most texts
     * have none, so the count of sports words over the whole text is mostly skipped. */
    team_kinds kinds = team_kinds_of(m);
    size_t first = 0, teams = 0;
    for (size_t i = 0; i < cands->n; i++) {
        tg_candidate *c = &cands->v[i];
        if (c->def == TG_NONE || c->rule != TG_NONE || c->same_as != TG_NONE ||
            !is_town_or_region(m, &kinds, c->def))
            continue;
        first = tg_token_at_from(tokens, ntokens, first, c->byte_start);
        if (first >= ntokens)
            continue;
        size_t next = tg_token_at_from(tokens, ntokens, first, c->byte_end);
        const tg_token *after = next < ntokens && !(tokens[next].flags & TK_LINE_START)
                                    ? &tokens[next]
                                    : NULL;
        const tg_token *before =
            first > 0 && !(tokens[first].flags & TK_LINE_START) ? &tokens[first - 1] : NULL;
        /* A capitalised word after it: the place is part of a longer name ("beat
         * Florencia Labat", "Bayern Munich"), whatever that is. */
        if (after && (after->flags & TK_FIRST_UPPER) && !(word_bits(after, norm) & AFTER))
            continue;
        if ((after && (is_score(after, norm) || (word_bits(after, norm) & AFTER))) ||
            (before && (word_bits(before, norm) & BEFORE))) {
            c->team = 1;
            teams++;
        }
    }
    if (teams && !sports_segment(tokens, ntokens, norm))
        for (size_t i = 0; i < cands->n; i++)
            cands->v[i].team = 0;
}
