/* worker_team.h - the threads that tag a worker's batch, and the model they share. */
#ifndef TAGGER_WORKER_TEAM_H
#define TAGGER_WORKER_TEAM_H

#include "jsonl.h"
#include "tagger.h"
#include "worker_batch.h"

typedef struct worker_team worker_team;

/*
 * Start a team of `nthreads` taggers (the calling thread is one of them, so 1
 * starts no thread) over `model`, whose ownership passes to the team (it is freed
 * on failure too). `o` is borrowed for the team's life. Returns 0, or -1 with
 * `err` filled when memory or threads ran out.
 */
int worker_team_new(worker_team **out, size_t nthreads, tg_model *model, const jsonl_options *o,
                    tg_error *err);

/* Tag every WORKER_PENDING entry of `b`, spread over the team; returns when all are
 * done. Only one thread may call it, and not during worker_team_swap. */
void worker_team_tag(worker_team *t, worker_batch *b);

/*
 * Make `model` the team's model (ownership passes to the team): its scratches are
 * made first, so on failure (-1, `err` filled, `model` freed) the old model stays.
 * On success the old model and scratches are freed. Call between batches only.
 */
int worker_team_swap(worker_team *t, tg_model *model, tg_error *err);

const tg_model *worker_team_model(const worker_team *t);

/* Stop the threads and free the model; accepts NULL. */
void worker_team_free(worker_team *t);

#endif
