/*
 * test_quoted_name.c - a place's name in quotation marks after a common noun, or
 * inside a quoted name of a few words (src/quoted_name.c): the tests on tokens of the
 * mini model's tokenizer, each case a text and the word of it asked about, and the
 * answer.
 */
#include "harness.h"

#include "model.h"
#include "quoted_name.h"
#include "token.h"

#include <string.h>

TEST_MODEL_FIXTURE(TEST_DATA_DIR "/model-mini")

typedef int (*quoted_fn)(const char *text, size_t len, const tg_token *tokens, size_t ntokens,
                         const char *norm, uint32_t first, uint32_t last);

/* tg_quoted_in_name as quoted_fn: it reads no folded text. */
static int in_name_fn(const char *text, size_t len, const tg_token *tokens, size_t ntokens,
                      const char *norm, uint32_t first, uint32_t last)
{
    (void)norm;
    return tg_quoted_in_name(text, len, tokens, ntokens, first, last);
}

/* fn for the tokens of `name`'s first occurrence in text (name's words are whole
 * tokens). */
static int ask_with(quoted_fn fn, const char *text, const char *name)
{
    tg_token_vec tokens = {0};
    tg_char_vec norm = {0};
    assert_int_equal(tg_tokenize(&model->fold, text, strlen(text), &tokens, &norm), 0);
    const char *at = strstr(text, name);
    assert_non_null(at);
    uint32_t start = (uint32_t)(at - text), end = start + (uint32_t)strlen(name);
    uint32_t first = UINT32_MAX, last = UINT32_MAX;
    for (uint32_t i = 0; i < tokens.n; i++) {
        if (tokens.v[i].byte_start == start)
            first = i;
        if (tokens.v[i].byte_end == end)
            last = i;
    }
    assert_true(first != UINT32_MAX && last != UINT32_MAX);
    int got = fn(text, strlen(text), tokens.v, tokens.n, norm.v, first, last);
    /* tag.c asks the inline test first and nothing else when it says no */
    if (got && fn == tg_quoted_after_noun)
        assert_true(tg_quote_may_open(text, tokens.v[first].byte_start));
    free(tokens.v);
    free(norm.v);
    return got;
}

static int ask(const char *text, const char *name)
{
    return ask_with(tg_quoted_after_noun, text, name);
}

static int in_name(const char *text, const char *name)
{
    return ask_with(in_name_fn, text, name);
}

static void other_things_names(void **state)
{
    (void)state;
    assert_true(ask("Редакція газети «Житомирщина» повідомила.", "Житомирщина"));
    assert_true(ask("редакції газети « Житомирщина » .", "Житомирщина"));      /* tokenized */
    assert_true(ask("У кінотеатрі \"Україна\" показали фільм.", "Україна"));
    assert_true(ask("После гибели корабля „Колумбия“ полёты прекратили.", "Колумбия"));
    assert_true(ask("після гибели шатла “Колумбія” полети", "Колумбія"));
    assert_true(ask("стане альбомом « Sofia » .", "Sofia"));
    assert_true(ask("реконструкція стадіону «Нова Каховка» триває", "Нова Каховка"));
    /* the noun with its capital at a sentence's or a line's start */
    assert_true(ask("Бригада «Азов» відбила атаку.", "Азов"));
    assert_true(ask("Атаку відбито. Клуб «Бавария» победил.", "Бавария"));
    assert_false(ask("Аеропорт «Бориспіль» закрито.", "Бориспіль"));
}

static void the_places_own_names(void **state)
{
    (void)state;
    /* after a word for a place or a news section */
    assert_false(ask("Рейси до аеропорту «Бориспіль» скасовано.", "Бориспіль"));
    assert_false(ask("Читайте в разделе «Украина».", "Украина"));
    assert_false(ask("в урочищі «Маяк» знайшли", "Маяк"));
    /* after a preposition, a conjunction, a capitalised word, a quote, or nothing */
    assert_false(ask("рейсы в «Борисполь» отменены", "Борисполь"));
    assert_false(ask("\"Бориспіль\" та \"Львів\".", "Львів"));
    assert_false(ask("Вчера Клуб «Бавария» победил.", "Бавария"));
    assert_false(ask("«Дніпро», «Прут» і «Дунай»", "Прут"));
    assert_false(ask("«Україна» перемогла.", "Україна"));
    /* after English words: not asked of Latin-script words */
    assert_false(ask("the newspaper \"Ukraine\" wrote", "Ukraine"));
    /* a comma or a full stop between the word and the quote */
    assert_false(ask("За іронією , « Sofia » – найкращий", "Sofia"));
}

static void quotes_that_do_not_enclose_the_name(void **state)
{
    (void)state;
    assert_false(ask("газети «Житомирщина сьогодні» немає", "Житомирщина"));
    assert_false(ask("газети «Нова Житомирщина» немає", "Житомирщина"));
    assert_false(ask("газети «Житомирщина\" немає", "Житомирщина"));   /* unpaired */
    assert_false(ask("газети Житомирщина» немає", "Житомирщина"));
    assert_false(ask("газети «Житомирщина", "Житомирщина"));           /* the text ends */
    assert_false(ask("газети «  Житомирщина » немає", "Житомирщина"));  /* two spaces */
}

/* A place inside a quoted name of a few words: a party's, a firm's, a paper's. */
static void places_inside_quoted_names(void **state)
{
    (void)state;
    assert_true(in_name("Депутат від «Сильної України» заявив.", "України"));
    assert_true(in_name("страхова «ІНГО Україна» виплатила", "Україна"));
    assert_true(in_name("Про це пишуть «Наші гроші. Львів» з посиланням", "Львів"));
    assert_true(in_name("Про це пишуть «Наші гроші.\nЛьвів» з посиланням", "Львів")); /* wrapped */
    assert_true(in_name("орендарі угідь «Мисливство Волині».", "Волині"));
    assert_true(in_name("в эфире телеканала «Россия 1», передает", "Россия"));
    assert_true(in_name("редактор « Молоді України » Іван", "України"));    /* tokenized */
    assert_true(in_name("компанія \"Майкрософт Україна\" створила", "Україна"));
    assert_true(in_name("радио „Голос Америки“ сообщило", "Америки"));
    assert_true(in_name("«Альянс Нова Каховка» переміг", "Нова Каховка"));
}

static void places_in_quoted_speech_or_alone(void **state)
{
    (void)state;
    /* speech: a dash after, a colon before, a full stop, ! or ? at its end */
    assert_false(in_name("«Повернуся після Вільнюса», — сказала вона.", "Вільнюса"));
    assert_false(in_name("«Повернуся до Вільнюса» – сказала вона.", "Вільнюса"));
    assert_false(in_name("На прапорі: «Воля України».", "України"));
    assert_false(in_name("Він сказав «Вітаю Україну.» і пішов", "Україну"));
    assert_false(in_name("проморолик «Ввімкни Україну!» вийшов", "Україну"));
    /* lower case first, too many words, a blank line between, no Cyrillic word */
    assert_false(in_name("до рівня «ціна у порту Роттердама» плюс", "Роттердама"));
    assert_false(in_name("книга «Олімпійські ігри Древньої Греції та їх відродження»", "Греції"));
    assert_false(in_name("пишуть «Наші гроші.\n\nЛьвів» з посиланням", "Львів"));
    assert_false(in_name("пишуть «Наші гроші.\r\n \r\nЛьвів» з посиланням", "Львів"));
    assert_false(in_name("the \"Made in China\" label", "China"));
    /* the place alone, or no quote mark on either side */
    assert_false(in_name("газети «Житомирщина» немає", "Житомирщина"));
    assert_false(in_name("Сильної України немає", "України"));
    assert_false(in_name("«Сильної України немає", "України"));
    assert_false(in_name("Сильної України» немає", "України"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(other_things_names),
        cmocka_unit_test(the_places_own_names),
        cmocka_unit_test(quotes_that_do_not_enclose_the_name),
        cmocka_unit_test(places_inside_quoted_names),
        cmocka_unit_test(places_in_quoted_speech_or_alone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
