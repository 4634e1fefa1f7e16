/* worker.h - `tagger worker`: one member of a fleet tagging a Redis Stream. */
#ifndef TAGGER_WORKER_H
#define TAGGER_WORKER_H

/* Run the worker; argv[0] is "worker". Returns the exit status: 0 after SIGTERM
 * or SIGINT, 2 for a usage error or a model that does not load. */
int worker_main(int argc, char **argv);

#endif
