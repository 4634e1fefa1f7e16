/*
 * error.c - filling a tg_error and naming status codes.
 *
 * Errors are values the caller owns (usually on its stack), so the library never has
 * to allocate to report that allocation failed.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void clear(tg_error *err, int code)
{
    err->code = code;
    err->file[0] = '\0';
    err->line = 0;
    err->column = 0;
    err->offset = 0;
}

int tg_error_set(tg_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    clear(err, code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

int tg_error_at(tg_error *err, int code, const char *file, unsigned line, unsigned column,
                const char *fmt, ...)
{
    if (!err)
        return code;
    clear(err, code);
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

const char *tg_strerror(int code)
{
    switch (code) {
    case TG_OK: return "success";
    case TG_ERR_NOMEM: return "out of memory";
    case TG_ERR_IO: return "cannot read file";
    case TG_ERR_DATA: return "malformed data file";
    case TG_ERR_INPUT: return "invalid input text";
    case TG_ERR_LIMIT: return "input over a limit";
    case TG_ERR_ARG: return "invalid argument";
    }
    return "unknown error";
}
