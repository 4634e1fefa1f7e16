/* error.h - filling a tg_error. Internal. */
#ifndef TG_ERROR_H
#define TG_ERROR_H

#include "tagger.h"

/* Set err (may be NULL) to code and a printf-style message; returns code. */
int tg_error_set(tg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Same, for a data file: file:line:column. */
int tg_error_at(tg_error *err, int code, const char *file, unsigned line, unsigned column,
                const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
