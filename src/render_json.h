/*
 * render_json.h - a result's JSON members written into a caller's buffer. Internal.
 *
 * tg_result_json_members hands out a malloc'd string; the pipeline stage writes its
 * own members ("lang", "model") first and would copy that string after them. These
 * write into its buffer directly: one buffer and no copy per record.
 */
#ifndef TG_RENDER_JSON_H
#define TG_RENDER_JSON_H

#include "tagger.h"

#include "strbuf.h"

#include <stddef.h>

/* About the bytes tg_render_members writes for r: a size to reserve, not a bound. */
size_t tg_render_members_size(const tg_result *r);

/* Append the "tags" and "entities" (and "warnings") members of r, each with a leading
 * comma, as tg_result_json_members writes them. Failure is left in sb->failed. */
void tg_render_members(strbuf *sb, const tg_result *r);

#endif
