/*
 * format.c - the table of output formats: a name for --format, a file extension
 * for --output-dir, and the renderer. Adding a format is one line here and one
 * format_*.c file.
 */
#include "format.h"

#include <string.h>

static const fmt_info formats[] = {
    {"text", "txt", format_text, NULL, 0},
    {"json", "json", format_json, NULL, 0},
    {"jsonl", "jsonl", format_jsonl, NULL, 0},
    {"tsv", "tsv", format_tsv, format_tsv_header, 0},
    {"brat", "ann", format_brat, NULL, 1},
    {"conll", "conll", format_conll, NULL, 0},
    {"html", "html", format_html, NULL, 1},
};

const fmt_info *format_find(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (!strcmp(formats[i].name, name))
            return &formats[i];
    return NULL;
}

const char *format_names(void) { return "text, json, jsonl, tsv, brat, conll, html"; }
