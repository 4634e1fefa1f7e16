/* compile.h - `tagger compile`: write a model's compiled file (compile.c). */
#ifndef TAGGER_COMPILE_H
#define TAGGER_COMPILE_H

/* argv[0] is "compile". Returns the exit status. */
int compile_main(int argc, char **argv);

#endif
