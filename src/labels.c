/*
 * labels.c - entity types in the reader's language.
 *
 * The JSON keeps DESIGN.md's type names (PERSON, ORG ...), which other programs rely
 * on; these labels are for what people read: the text summary and the HTML page.
 */
#include "tagger.h"

#include <string.h>

static const struct { const char *type, *uk, *ru; } LABELS[] = {
    {"PERSON", "Особа", "Лицо"},
    {"ORG", "Організація", "Организация"},
    {"PLACE", "Місце", "Место"},
    {"NORP", "Національність", "Национальность"},
    {"DATE", "Дата", "Дата"},
    {"TIME", "Час", "Время"},
    {"MONEY", "Гроші", "Деньги"},
    {"PERCENT", "Відсоток", "Процент"},
    {"QUANTITY", "Кількість", "Количество"},
    {"EVENT", "Подія", "Событие"},
    {"PRODUCT", "Продукт", "Продукт"},
    {"FACILITY", "Об'єкт", "Объект"},
};

const char *tg_type_label(const char *type, const char *lang)
{
    if (!type)
        return "";
    if (!lang || (strcmp(lang, "uk") != 0 && strcmp(lang, "ru") != 0))
        return type;
    for (size_t i = 0; i < sizeof LABELS / sizeof LABELS[0]; i++)
        if (strcmp(LABELS[i].type, type) == 0)
            return lang[0] == 'u' ? LABELS[i].uk : LABELS[i].ru;
    return type;
}
