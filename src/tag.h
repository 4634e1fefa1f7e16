/*
 * tag.h - the tag call for callers that have checked their text. Internal.
 *
 * tg_tag_text walks the text and title once to check their UTF-8 before the
 * tokenizer walks them again. The pipeline stage has already checked the whole
 * record line strictly (record_scan.c), and a JSON string cut from a valid line,
 * with its escapes decoded, is valid too; for it that first walk is a repeat.
 */
#ifndef TG_TAG_H
#define TG_TAG_H

#include "tagger.h"

/*
 * tg_tag_text without its UTF-8 check: text[0, len) and the title, when there is
 * one, must each be valid UTF-8 (tg_utf8_check returns their length). Invalid bytes
 * are undefined behaviour here rather than TG_ERR_INPUT, so only a caller that has
 * run that check itself may use this.
 */
int tg_tag_text_checked(tg_result **out, const tg_model *m, tg_scratch *scratch,
                        const char *text, size_t len, const tg_doc_options *opts, tg_error *err);

/* The scratch's cache of rendered members (render_json.h), for results tagged with
 * it; NULL for NULL. */
struct tg_member_cache *tg_scratch_member_cache(tg_scratch *s);

/*
 * Done with r (which may be NULL), tagged with scratch s: s keeps its arrays for the
 * next result it tags, so a caller that tags one record after another allocates
 * them once. It frees the result s kept before. r must not be used again; s owns
 * it now and frees it in tg_scratch_free. A NULL s frees r.
 */
void tg_result_recycle(tg_result *r, tg_scratch *s);

#endif
