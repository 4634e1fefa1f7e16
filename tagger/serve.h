/* serve.h - `tagger serve`: the tagging service for editorial tools. */
#ifndef TAGGER_SERVE_H
#define TAGGER_SERVE_H

/* Run the service; argv[0] is "serve". Returns the exit status. */
int serve_main(int argc, char **argv);

#endif
