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
 *
 * tg_teams_lines reads the layout of a line instead of a list: results and table rows
 * name clubs that no gazetteer holds ("Stenhousemuir 0 Stranraer 1"). It looks at a
 * line only when its first token is capitalised and its last a figure or ")", so most
 * texts cost a test of two flags a line. The lines are those the zone classifier
 * found (tg_zone_lines), not found again here.
 */
#include "teams.h"

#include "model.h"
#include "quoted_name.h"
#include "token_at.h"
#include "wordset.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum {
    CUE = 1, BEFORE = 2, AFTER = 4, VENUE = 8, JOINT = 16, AUX = 32, GROUNDS = 64, PLURAL = 128
};

/* Folded. English, Ukrainian and Russian; a form per case where it inflects. */
static const char *const CUES[] = {
    "soccer", "football", "footballer", "cricket", "cricketer", "baseball", "basketball",
    "hockey", "rugby", "tennis", "innings", "inning", "wicket", "wickets", "batsman",
    "batsmen", "bowler", "bowlers", "halftime", "half-time", "striker", "midfielder",
    "goalkeeper", "league", "premiership", "bundesliga", "standings", "fixtures",
    "pitcher", "homer", "homers", "playoff", "playoffs", "touchdown", "goals", "uefa",
    "fifa", "nba", "nhl", "nfl", "stadium", "winger", "playmaker", "full-back", "fullback",
    "centre-back", "center-back", "wicketkeeper", "all-rounder", "scoreboard", "quarterback",
    "shortstop", "hat-trick", "championship", "championships", "overs", "lbw",
    "футбол", "футболу", "футболі", "футболіст", "футболист", "хокей", "хоккей",
    "баскетбол", "теніс", "теннис", "матч", "матчу", "матчі", "матче", "матчів",
    "матчей", "ліга", "ліги", "лізі", "лига", "лиги", "лиге", "чемпіонат", "чемпіонату",
    "чемпионат", "чемпионата", "нападник", "нападающий", "півзахисник", "полузащитник",
    "воротар", "вратарь", "стадіон", "стадион", "гол", "голи", "голы", "голів", "голов",
    NULL};

/* A team follows these: English words of a match ("winners over Worcestershire"), and
 * Ukrainian and Russian words of a player or coach, whom a club's name follows in the
 * genitive ("нападник Барселони"). */
static const char *const BEFORE_WORDS[] = {
    "v", "vs", "versus", "against", "beat", "beating", "defeated", "joined", "champions",
    "rivals", "hosts", "visitors", "side", "over",
    "нападник", "нападника", "півзахисник", "півзахисника", "захисник", "захисника",
    "воротар", "воротаря", "голкіпер", "голкіпера", "форвард", "форварда", "тренер",
    "тренера", "наставник", "наставника", "нападающий", "нападающего", "полузащитник",
    "полузащитника", "защитник", "защитника", "вратарь", "вратаря", "голкипер",
    "голкипера", NULL};

/* A team comes before these: a result or a verb of play right after its name ("Essex
 * need another 148", "Kent reached 108", "Cleveland led"), or a player's, a coach's or
 * the fans' word ("Liverpool forward", "Lancashire batsman", "Milan boss"). */
static const char *const AFTER_WORDS[] = {
    "v", "vs", "versus", "beat", "beats", "drew", "lost", "won", "defeated", "captain",
    "need", "needs", "needed", "reached", "scored", "trail", "trailed", "lead", "leads",
    "led", "host", "hosted", "face", "faces", "faced", "thrashed", "routed", "edged",
    "rallied", "batted", "bowled", "tied",
    "skipper", "manager", "coach", "striker", "goalkeeper", "midfielder", "defender",
    "declared", "forward", "winger", "playmaker", "full-back", "fullback", "centre-back",
    "keeper", "batsman", "bowler", "all-rounder", "wicketkeeper", "opener", "spinner",
    "paceman", "quarterback", "pitcher", "shortstop", "outfielder", "boss", "fans",
    "supporters", NULL};

/* A plural verb right after a place: a British team takes one, a place does not
 * ("Essex are set to step up their title challenge", "Kent were bowled out"). Not
 * after a joint or a comma, where the verb is the list's ("Chang and Washington were
 * the only seeds", a player named like a town), nor after a possessive. */
static const char *const PLURAL_WORDS[] = {"are", "were", NULL};

/* A place after these is where a game was played, not who played it: "In Montreal ,
 * Scott Sanders allowed one hit", "a win over Como in Lviv". "at" only with a capital
 * (venue_before): "CLEVELAND AT TEXAS" and "At California" in fixtures and results are
 * venues, but "took over at Liverpool" is a club. Nor a possessive: "in Liverpool's
 * 3-2 defeat". */
static const char *const VENUE_WORDS[] = {"in", "at", NULL};

/* An auxiliary between a team and its verb of play: "Milwaukee has won 10 of its last
 * 15", "By stumps Kent had reached 108". */
static const char *const AUX_WORDS[] = {"has", "have", "had", NULL};

/* The last word of a place's own venue, school or event after its possessive, which
 * is no player's name (before_its_player): "Sydney's Olympic Stadium", "London's
 * Christ College", "Seville's Olympic Stadium". ("Munster's Heineken Cup" loses that
 * cue with them: a team's cup and a city's read alike.) */
static const char *const GROUND_WORDS[] = {
    "stadium", "arena", "park", "ground", "field", "college", "university", "school",
    "airport", "hospital", "cathedral", "hotel", "museum", "theatre", "theater", "centre",
    "center", "hall", "street", "road", "square", "bridge", "cup", "open", "games",
    "olympics", "marathon", "prix", "festival", "club", NULL};

/* The conjunctions that join two names of a list (tg_list_joint), none longer than
 * TG_LIST_JOINT_MAX_BYTES folded (build_words checks). */
static const char *const JOINT_WORDS[] = {"and", "or", "і", "й", "та", "або", "и", "или", NULL};

static tg_wordset words;
static int words_failed;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void build_words(void)
{
    for (const char *const *w = JOINT_WORDS; *w; w++)
        if (strlen(*w) > TG_LIST_JOINT_MAX_BYTES)
            words_failed = 1;
    words_failed = words_failed || tg_wordset_add(&words, CUES, CUE) ||
                   tg_wordset_add(&words, BEFORE_WORDS, BEFORE) ||
                   tg_wordset_add(&words, AFTER_WORDS, AFTER) ||
                   tg_wordset_add(&words, VENUE_WORDS, VENUE) ||
                   tg_wordset_add(&words, JOINT_WORDS, JOINT) ||
                   tg_wordset_add(&words, AUX_WORDS, AUX) ||
                   tg_wordset_add(&words, GROUND_WORDS, GROUNDS) ||
                   tg_wordset_add(&words, PLURAL_WORDS, PLURAL);
}

static unsigned word_bits(const tg_token *t, const char *norm)
{
    return (t->flags & TK_WORD) ? tg_wordset_get(&words, norm + t->norm_off, t->norm_len) : 0;
}

static int is_word(const tg_token *t, const char *norm, const char *w, size_t n)
{
    return t->norm_len == n && !memcmp(norm + t->norm_off, w, n);
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

/* A figure of a table's row after its scores: a share, a fraction, a margin (".596",
 * "14 1/2", "-"): digits and . / - : alone. */
static int is_stat(const tg_token *t, const char *norm)
{
    if (t->norm_len < 1 || t->norm_len > 6)
        return 0;
    for (uint32_t i = 0; i < t->norm_len; i++) {
        char c = norm[t->norm_off + i];
        if ((c < '0' || c > '9') && c != '.' && c != '/' && c != '-' && c != ':')
            return 0;
    }
    return 1;
}

/* A dateline's date after a place: a token that begins with a year ("1996-08-22",
 * "2025"). */
static int year_first(const tg_token *t, const char *norm)
{
    if (t->norm_len < 4)
        return 0;
    for (uint32_t i = 0; i < 4; i++)
        if (norm[t->norm_off + i] < '0' || norm[t->norm_off + i] > '9')
            return 0;
    return t->norm_len == 4 || norm[t->norm_off + 4] < '0' || norm[t->norm_off + 4] > '9';
}

/* Is candidate c the place of a dateline: first on its line, a date right after it
 * ("NEW YORK 1996-08-22")? Where the story was filed is a place, whatever its
 * teams. */
static int dateline_place(const tg_token *tokens, size_t ntokens, const char *norm,
                          const tg_candidate *c)
{
    size_t first = tg_candidate_token(c, tokens, ntokens, 0);
    if (first >= ntokens || !(tokens[first].flags & TK_LINE_START))
        return 0;
    size_t next = tg_token_at_from(tokens, ntokens, first, c->byte_end);
    return next < ntokens && !(tokens[next].flags & TK_LINE_START) &&
           year_first(&tokens[next], norm);
}

static int sports_segment(const tg_token *tokens, size_t ntokens, const char *norm)
{
    unsigned cues = 0;
    for (size_t i = 0; i < ntokens && cues < TG_TEAMS_MIN_CUES; i++)
        cues += (word_bits(&tokens[i], norm) & CUE) != 0;
    return cues >= TG_TEAMS_MIN_CUES;
}

int tg_teams_sports_text(const tg_token *tokens, size_t ntokens, const char *norm)
{
    pthread_once(&words_once, build_words);
    return !words_failed && sports_segment(tokens, ntokens, norm);
}

static int by_def(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* One sense a text: in a sports text, a place that a line shows to be a team is the
 * team wherever it stands alone ("Derbyshire kept up the hunt for their first title"
 * in the report whose table has "Derbyshire 471 and 71-1"). Alone: exactly the
 * gazetteer's match, as the marked one is; not a dateline's place. */
static void same_place_same_team(const tg_model *m, const tg_token *tokens, size_t ntokens,
                                 const char *norm, tg_candidate_vec *cands)
{
    VEC(uint32_t) defs = {0};
    for (size_t i = 0; i < cands->n; i++)
        if (cands->v[i].team && cands->v[i].def != TG_NONE && vec_push(defs, cands->v[i].def)) {
            vec_free(defs); /* out of memory: the marks of the lines stay */
            return;
        }
    if (defs.n > 1)
        qsort(defs.v, defs.n, sizeof *defs.v, by_def);
    for (size_t i = 0; i < cands->n && defs.n; i++) {
        tg_candidate *c = &cands->v[i];
        if (c->team || c->def == TG_NONE || c->rule != TG_NONE || c->same_as != TG_NONE ||
            !tg_def_is_town_or_region(m, c->def))
            continue;
        c->team = bsearch(&c->def, defs.v, defs.n, sizeof *defs.v, by_def) != NULL &&
                  !dateline_place(tokens, ntokens, norm, c);
    }
    vec_free(defs);
}

int tg_list_joint(const tg_token *tk, size_t a, size_t b, const char *norm)
{
    if (b <= a || b - a > 2)
        return 0;
    /* most tokens asked about are told apart by their length alone */
    for (size_t k = a; k < b; k++)
        if (tk[k].norm_len > ((tk[k].flags & TK_WORD) ? TG_LIST_JOINT_MAX_BYTES : 1))
            return 0;
    pthread_once(&words_once, build_words);
    if (words_failed)
        return 0;
    for (size_t k = a; k < b; k++) {
        const tg_token *t = &tk[k];
        int joint = (t->flags & TK_WORD) ? (word_bits(t, norm) & JOINT) != 0
                                         : is_word(t, norm, ",", 1) || is_word(t, norm, "&", 1);
        if (!joint)
            return 0;
    }
    return 1;
}

/* A list of places of which one is a team is one of teams: "title rivals Essex ,
 * Derbyshire and Surrey", "Kent and Essex both face tense finishes" once a line has
 * shown Kent to be a team. Each listed town or region next to a team across a list's
 * joint becomes one, forward and then back, so that a whole list turns. */
static void lists_of_teams(const tg_model *m, const tg_token *tokens, size_t ntokens,
                           const char *norm, tg_candidate_vec *cands)
{
    for (int pass = 0; pass < 2; pass++) {
        /* the place read last: its index, and the token where the joint to it starts
         * (its end going forward, its first token going back) */
        size_t prev = SIZE_MAX, prev_end = 0;
        for (size_t k = 0; k < cands->n; k++) {
            size_t i = pass ? cands->n - 1 - k : k;
            tg_candidate *c = &cands->v[i];
            if (c->def == TG_NONE || c->rule != TG_NONE || c->same_as != TG_NONE ||
                !tg_def_is_town_or_region(m, c->def))
                continue;
            size_t first = tg_candidate_token(c, tokens, ntokens, 0);
            size_t end = tg_token_at_from(tokens, ntokens, first, c->byte_end);
            if (prev != SIZE_MAX && cands->v[prev].team && !c->team) {
                size_t a = pass ? end : prev_end, b = pass ? prev_end : first;
                c->team = tg_list_joint(tokens, a, b, norm) && !dateline_place(tokens, ntokens, norm, c);
            }
            prev = i;
            prev_end = pass ? first : end;
        }
    }
}

/* Is token t, right before a place, a word of its venue (VENUE_WORDS): "in", or "at"
 * with a capital? */
static int venue_before(const tg_token *t, const char *norm)
{
    return (word_bits(t, norm) & VENUE) &&
           ((t->flags & TK_FIRST_UPPER) || !is_word(t, norm, "at", 2));
}

/* Is a place between `before` and `after` in quotation marks ("перешел в «Краснодар»",
 * "«Ростов» уступил", "Матч «Зоря» — «Дніпро-1»")? Ukrainian and Russian sports news
 * write a club's name so, and a quoted place after a common noun ("клуба
 * «Краснодар»") is no candidate at all (quoted_name.h). */
static int quoted(const tg_token *before, const tg_token *after, const char *norm)
{
    return before && after && !(before->flags & TK_WORD) && !(after->flags & TK_WORD) &&
           tg_quote_mark(norm + before->norm_off, before->norm_len, 0) &&
           tg_quote_mark(norm + after->norm_off, after->norm_len, 1);
}

/* Do tokens[next] and tokens[next + 1] spell a possessive written apart, "'" and "s"
 * (CoNLL's "Atlanta 's")? */
static int apart_possessive(const tg_token *tokens, size_t ntokens, const char *norm,
                            size_t next)
{
    return next + 1 < ntokens && is_word(&tokens[next], norm, "'", 1) &&
           is_word(&tokens[next + 1], norm, "s", 1);
}

/* Does a possessive and a name of two capitalised words follow the place that ends
 * before token `next` ("Baltimore's Eddie Murray", CoNLL's "Atlanta 's Tom Glavine"),
 * not a venue's (GROUND_WORDS)? In a sports text the place is the player's team. */
static int before_its_player(const tg_token *tokens, size_t ntokens, const char *norm,
                             size_t next)
{
    size_t k = next;
    if (next == 0 || !(tokens[next - 1].flags & TK_POSSESSIVE)) {
        if (!apart_possessive(tokens, ntokens, norm, next))
            return 0;
        k = next + 2;
    }
    const uint32_t cap = TK_WORD | TK_FIRST_UPPER;
    return k + 1 < ntokens && (tokens[k].flags & (cap | TK_LINE_START)) == cap &&
           (tokens[k + 1].flags & cap) == cap && !(word_bits(&tokens[k + 1], norm) & GROUNDS);
}

/* Is candidate i (tokens [first, next)) a place in brackets right after a person?
 * In a sports text that is the player's club: squads and scorers are listed so
 * ("Marc Hottiger ( Everton ) , Yvan Quentin ( Sion )", "3 - Anto Drobnjak ( Bastia )"). */
static int players_club(const tg_model *m, const tg_token *tokens, size_t ntokens,
                        const char *norm, const tg_candidate_vec *cands, size_t i,
                        size_t first, size_t next)
{
    if (i == 0 || first < 2 || next >= ntokens || !is_word(&tokens[first - 1], norm, "(", 1) ||
        !is_word(&tokens[next], norm, ")", 1))
        return 0;
    const tg_candidate *person = &cands->v[i - 1];
    return person->byte_end == tokens[first - 2].byte_end &&
           tg_candidate_type_id(m, person) == m->kind.person;
}

/* The listed places that a line or a list made teams, but that stand after "in" or
 * "at", are places again: one sense a text does not reach the venue of a game. */
static void venues_stay_places(const tg_token *tokens, size_t ntokens, const char *norm,
                               tg_candidate_vec *cands)
{
    size_t first = 0;
    for (size_t i = 0; i < cands->n; i++) {
        tg_candidate *c = &cands->v[i];
        if (!c->team || c->def == TG_NONE)
            continue;
        first = tg_token_at_from(tokens, ntokens, first, c->byte_start);
        if (first == 0 || first >= ntokens || (tokens[first].flags & TK_LINE_START) ||
            !venue_before(&tokens[first - 1], norm))
            continue;
        size_t end = tg_token_at_from(tokens, ntokens, first, c->byte_end);
        c->team = (tokens[end - 1].flags & TK_POSSESSIVE) != 0;
    }
}

/* Words of a line that start a sentence or join a result, not a club's name. */
static const char *const NOT_A_CLUB_WORD[] = {"the", "a", "an", "in", "at", "on", "by", "for",
                                              "and", "but", "of", "to", "with", "from", "v",
                                              "vs", "over", "after", NULL};

/* A club named by a word or two before its town, a score right after ("Sturm Graz 3",
 * "Bochum 1 ( Jack 66th minute ) Arminia Bielefeld 1", "OFK Kikinda 1"): the team is
 * the whole name. Up to two capitalised words no other entity covers, on the team's
 * line, right before it; not in a line in capitals, where a headline's verb looks the
 * same ("BEAT KENT 3"). The name is the club's own then: the town stays only for its
 * topics (topic_def), and the id is the name's. */
static void clubs_named_before_their_town(const tg_token *tokens, size_t ntokens,
                                          const char *norm, tg_candidate_vec *cands)
{
    size_t first = 0;
    for (size_t i = 0; i < cands->n; i++) {
        tg_candidate *c = &cands->v[i];
        if (!c->team || c->def == TG_NONE)
            continue;
        first = tg_candidate_token(c, tokens, ntokens, first);
        if (first >= ntokens || first == 0 || (tokens[first].flags & TK_LINE_START) ||
            !(tokens[first].flags & TK_HAS_LOWER))
            continue;
        size_t next = first;
        while (next < ntokens && tokens[next].byte_start < c->byte_end)
            next++;
        if (next >= ntokens || (tokens[next].flags & TK_LINE_START) ||
            !is_score(&tokens[next], norm))
            continue;
        uint32_t floor = i > 0 ? cands->v[i - 1].byte_end : 0;
        const uint32_t cap = TK_WORD | TK_FIRST_UPPER;
        size_t start = first;
        for (int n = 0; n < 2 && start > 0; n++) {
            const tg_token *w = &tokens[start - 1];
            if ((w->flags & (cap | TK_DIGIT)) != cap || w->byte_start < floor ||
                tg_token_in(w, norm, NOT_A_CLUB_WORD))
                break;
            start--;
            if (w->flags & TK_LINE_START)
                break;
        }
        if (start == first)
            continue;
        c->topic_def = c->def;
        c->def = TG_NONE;
        c->byte_start = tokens[start].byte_start;
        c->token = (uint32_t)start;
        first = start;
    }
}

void tg_teams_mark(const tg_model *m, const tg_token *tokens, size_t ntokens,
                   const char *norm, tg_candidate_vec *cands, int by_layout)
{
    pthread_once(&words_once, build_words);
    if (words_failed)
        return;
    /* The places whose line reads as a match first: there are few, and most texts
     * have none, so the count of sports words over the whole text is mostly skipped. */
    size_t first = 0, teams = 0;
    for (size_t i = 0; i < cands->n; i++) {
        tg_candidate *c = &cands->v[i];
        if (c->def == TG_NONE || c->rule != TG_NONE || c->same_as != TG_NONE ||
            !tg_def_is_town_or_region(m, c->def))
            continue;
        first = tg_candidate_token(c, tokens, ntokens, first);
        if (first >= ntokens)
            continue;
        /* The token after the name: a name is a token or two, fewer than a search's
         * steps. */
        size_t next = first;
        while (next < ntokens && tokens[next].byte_start < c->byte_end)
            next++;
        const tg_token *after = next < ntokens && !(tokens[next].flags & TK_LINE_START)
                                    ? &tokens[next]
                                    : NULL;
        if (after && (word_bits(after, norm) & AUX) && next + 1 < ntokens &&
            !(tokens[next + 1].flags & TK_LINE_START))
            after = &tokens[next + 1];
        /* A possessive written apart, as CoNLL's tokens are ("Cleveland 's lead"), is
         * read through as the tokenizer's own one is. */
        int possessive = next > first && (tokens[next - 1].flags & TK_POSSESSIVE);
        if (after && !possessive && apart_possessive(tokens, ntokens, norm, next)) {
            possessive = 1;
            after = next + 2 < ntokens && !(tokens[next + 2].flags & TK_LINE_START)
                        ? &tokens[next + 2]
                        : NULL;
        }
        const tg_token *before =
            first > 0 && !(tokens[first].flags & TK_LINE_START) ? &tokens[first - 1] : NULL;
        /* A capitalised word after it: the place is part of a longer name ("beat
         * Florencia Labat", "Bayern Munich"), whatever that is; not after a
         * possessive ("Baltimore's Eddie Murray"). */
        if (after && (after->flags & TK_FIRST_UPPER) && !(word_bits(after, norm) & AFTER) &&
            !possessive)
            continue;
        unsigned after_bits = after ? word_bits(after, norm) : 0;
        unsigned before_bits = before ? word_bits(before, norm) : 0;
        if ((after && (is_score(after, norm) || (after_bits & AFTER))) ||
            ((after_bits & PLURAL) && !possessive && !(before_bits & JOINT) &&
             !(before && before->norm_len == 1 && norm[before->norm_off] == ',')) ||
            (before_bits & BEFORE) || quoted(before, after, norm) ||
            before_its_player(tokens, ntokens, norm, next) ||
            players_club(m, tokens, ntokens, norm, cands, i, first, next)) {
            c->team = 1;
            teams++;
        }
    }
    if (teams && !by_layout && !sports_segment(tokens, ntokens, norm)) {
        for (size_t i = 0; i < cands->n; i++)
            if (cands->v[i].def != TG_NONE) /* tg_teams_lines' are teams or nothing */
                cands->v[i].team = 0;
        return;
    }
    if (teams) {
        lists_of_teams(m, tokens, ntokens, norm, cands);
        same_place_same_team(m, tokens, ntokens, norm, cands);
        venues_stay_places(tokens, ntokens, norm, cands);
        clubs_named_before_their_town(tokens, ntokens, norm, cands);
    }
}

/* The end (exclusive) of a team's name that starts at token i (< end): one to four
 * capitalised words without digits, "of" or "de" between two of them; i when none. */
static size_t name_end(const tg_token *tk, size_t i, size_t end, const char *norm)
{
    const uint32_t cap = TK_WORD | TK_FIRST_UPPER;
    size_t j = i, nwords = 0;
    while (j < end && nwords < 4 && (tk[j].flags & (cap | TK_DIGIT)) == cap) {
        j++;
        nwords++;
        if (j + 1 < end && (is_word(&tk[j], norm, "of", 2) || is_word(&tk[j], norm, "de", 2)) &&
            (tk[j + 1].flags & (cap | TK_DIGIT)) == cap)
            j++;
    }
    return j;
}

/* Tokens [a, b) hold a remark in brackets: "(" first, ")" last. */
static int bracketed(const tg_token *tk, size_t a, size_t b, const char *norm)
{
    return b - a >= 2 && is_word(&tk[a], norm, "(", 1) && is_word(&tk[b - 1], norm, ")", 1);
}

/* The names of line [ls, le) when its layout is a result or a table row: *n of them,
 * as token ranges in names[]. */
static void line_names(const tg_token *tk, size_t ls, size_t le, const char *norm,
                       size_t names[2][2], int *n)
{
    *n = 0;
    size_t e1 = name_end(tk, ls, le, norm);
    if (e1 == ls || e1 >= le || !is_score(&tk[e1], norm))
        return;
    size_t k = e1;
    while (k < le && is_score(&tk[k], norm))
        k++;
    size_t stats = k;
    while (stats < le && stats - e1 < 12 && is_stat(&tk[stats], norm))
        stats++;
    if (stats == le && k - e1 >= 3 && k - e1 <= 9) { /* a table row */
        names[0][0] = ls, names[0][1] = e1, *n = 1;
        return;
    }
    if (k != e1 + 1) /* a result has one score after each name */
        return;
    size_t e2 = name_end(tk, k, le, norm);
    if (e2 == k || e2 >= le || !is_score(&tk[e2], norm))
        return;
    if (e2 + 1 == le || bracketed(tk, e2 + 1, le, norm)) {
        names[0][0] = ls, names[0][1] = e1;
        names[1][0] = k, names[1][1] = e2;
        *n = 2;
    }
}

/* The names of a line whose layout is a result or a table row (line_names): *n, 0 for
 * most lines, which fail the test of their first and last tokens' flags. */
static int layout_names(const tg_token *tokens, size_t ls, size_t le, const char *norm,
                        size_t names[2][2])
{
    int n = 0;
    if (ls < le && (tokens[ls].flags & TK_FIRST_UPPER) &&
        (is_stat(&tokens[le - 1], norm) || is_word(&tokens[le - 1], norm, ")", 1)))
        line_names(tokens, ls, le, norm, names, &n);
    return n;
}

int tg_teams_lines(const tg_token *tokens, size_t ntokens, const char *norm,
                   const tg_zone_line_vec *lines, tg_candidate_vec *cands, int *by_layout)
{
    *by_layout = 0;
    pthread_once(&words_once, build_words);
    if (words_failed)
        return 0;
    /* The results first: enough of them are a sports page whatever its words ("Results
     * of Italian Cup matches :" over a column of "Empoli 1 Milan 1"). */
    size_t results = 0, first = lines->n;
    for (size_t i = 0; i < lines->n; i++) {
        size_t names[2][2];
        int n = layout_names(tokens, lines->v[i].tok_start, lines->v[i].tok_end, norm, names);
        if (n && first == lines->n)
            first = i;
        results += n == 2;
    }
    if (first == lines->n) /* most texts have no such line */
        return 0;
    *by_layout = results >= TG_TEAMS_MIN_RESULTS;
    if (!*by_layout && !sports_segment(tokens, ntokens, norm))
        return 0;
    for (size_t i = first; i < lines->n; i++) {
        size_t names[2][2];
        int n = layout_names(tokens, lines->v[i].tok_start, lines->v[i].tok_end, norm, names);
        for (int k = 0; k < n; k++) {
            tg_candidate c = {tokens[names[k][0]].byte_start, tokens[names[k][1] - 1].byte_end,
                              TG_TEAMS_LINE_PRIORITY, TG_NONE, TG_NONE, TG_NONE, 1, TG_NONE};
            if (vec_push(*cands, c))
                return -1;
        }
    }
    return 0;
}
