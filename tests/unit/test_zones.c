/*
 * test_zones.c - the zone classifier on page shapes news text comes in: a scraped
 * page with menus and headline lists, a hard-wrapped wire story with a dateline,
 * and a text too short to judge.
 */
#include "harness.h"

#include "word_hash.h"
#include "zones.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_fold fold;
static tg_zone_words words;

/* The zone of the first occurrence of needle in text. */
static const char *zone_of(const char *text, const char *needle)
{
    static tg_token_vec toks;
    static tg_char_vec norm;
    static tg_zone_line_vec lines;
    static tg_zone_vec zones;
    size_t len = strlen(text);
    assert_int_equal(tg_tokenize(&fold, text, len, &toks, &norm), 0);
    assert_int_equal(
        tg_zones_compute(&words, text, len, toks.v, toks.n, norm.v, 0, NULL, &lines, &zones), 0);
    const char *at = strstr(text, needle);
    if (!at)
        fail_msg("'%s' not in text", needle);
    return tg_zone_name(tg_zone_at(&zones, (uint32_t)(at - text)));
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

static void scraped_page(void **state)
{
    (void)state;
    const char *t = read_file(TEST_SOURCE_DIR "/corpora/en/000_68d5fd724831ed0d.txt");
    assert_string_equal(zone_of(t, "All Sections"), "boilerplate");
    assert_string_equal(zone_of(t, "Russia's Roscosmos space agency and NASA prepare"), "title");
    assert_string_equal(zone_of(t, "Dmitry Bakanov, head of"), "lead");
    assert_string_equal(zone_of(t, "Details: The talks"), "body");
    assert_string_equal(zone_of(t, "Advertisement:"), "boilerplate");
    assert_string_equal(zone_of(t, "Kirill Dmitriev"), "body");
    assert_string_equal(zone_of(t, "RussiaUSA"), "boilerplate");
    assert_string_equal(zone_of(t, "Kremlin reacts"), "boilerplate");
    assert_string_equal(zone_of(t, "Lithuania moves"), "boilerplate");
    assert_string_equal(zone_of(t, "18:15"), "boilerplate");
}

/* The same page with its blank lines taken out, as some text extractors print it: the
 * same zones where they matter. */
static void scraped_page_without_blank_lines(void **state)
{
    (void)state;
    const char *page = read_file(TEST_SOURCE_DIR "/corpora/en/000_68d5fd724831ed0d.txt");
    static char t[1 << 16];
    size_t n = 0;
    for (const char *line = page; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
        if (strspn(line, " \t\n") < len) { /* not blank */
            memcpy(t + n, line, len);
            n += len;
        }
        line += len;
    }
    t[n] = '\0';
    assert_null(strstr(t, "\n\n"));
    assert_string_equal(zone_of(t, "All Sections"), "boilerplate");
    assert_string_equal(zone_of(t, "Russia's Roscosmos space agency and NASA prepare"), "title");
    assert_string_equal(zone_of(t, "Dmitry Bakanov, head of"), "lead");
    assert_string_equal(zone_of(t, "Details: The talks"), "body");
    assert_string_equal(zone_of(t, "RussiaUSA"), "boilerplate");
    assert_string_equal(zone_of(t, "Kremlin reacts"), "boilerplate");
    assert_string_equal(zone_of(t, "Lithuania moves"), "boilerplate");
}

static void wire_story_with_dateline(void **state)
{
    (void)state;
    const char *t =
        "SALVADOR, Feb 26 - Showers continued throughout the week in\n"
        "the Bahia cocoa zone, alleviating the drought since early\n"
        "January and improving prospects for the coming temporao,\n"
        "although normal humidity levels have not been restored,\n"
        "Comissaria Smith said in its weekly review.\n"
        "    The dry period means the temporao will be late this year.\n"
        "    Arrivals for the week ended February 22 were 155,221 bags\n"
        "of 60 kilos making a cumulative total for the season of 5.93\n"
        "mln against 5.81 at the same stage last year.\n";
    assert_string_equal(zone_of(t, "SALVADOR"), "dateline");
    assert_string_equal(zone_of(t, "Showers"), "lead");
    assert_string_equal(zone_of(t, "Bahia"), "lead");
    assert_string_equal(zone_of(t, "Arrivals"), "body");
}

/* A dateline with a state's abbreviation ("MINNEAPOLIS, MINN.", "Calif.") is one too,
 * and a report that is a table of figures keeps its dateline, though its first
 * paragraph is no story's. */
static void dateline_with_abbreviation_and_table(void **state)
{
    (void)state;
    const char *t = "SANTA CLARA, Calif., March 24 - National Semiconductor Corp said\n"
                    "its third quarter loss narrowed as sales of its chips grew in the\n"
                    "United States and in Europe, the company said on Tuesday.\n";
    assert_string_equal(zone_of(t, "SANTA CLARA"), "dateline");
    assert_string_equal(zone_of(t, "National"), "lead");
    const char *abbr = "MINNEAPOLIS, MINN., March 3 - Oper shr loss 31 cts vs loss 30 cts\n";
    assert_string_equal(zone_of(abbr, "MINNEAPOLIS"), "dateline");
    const char *table = "HOUSTON, March 2 - Qtr ended Jan 31\n"
                        "    Shr 33 cts vs 29 cts\n"
                        "    Net 14.8 mln vs 11 mln\n"
                        "    Revs 108.6 mln vs 70.0 mln\n"
                        "    Note: Net for nine mths includes gains from the sale of two of\n"
                        "its units in the third quarter, the company said.\n"
                        "    Share data were restated to reflect a split of the stock in\n"
                        "January.\n";
    assert_string_equal(zone_of(table, "HOUSTON"), "dateline");
    assert_string_equal(zone_of(table, "Qtr ended"), "boilerplate");
    /* A sentence's full stop before the date: no dateline. */
    const char *no = "WARNING, the markets. Shares fell 2 pct - the index closed lower as "
                     "traders sold shares in banks and in energy firms across the board.\n";
    assert_string_not_equal(zone_of(no, "WARNING"), "dateline");
}

/* Ukrainian and Russian agencies put the day first and end with their credit: the
 * credit is dateline too, the story's first words are not. */
static void day_first_dateline_with_the_agency(void **state)
{
    (void)state;
    const char *uk = "Мей заявила про вирішальні сім днів\n\n"
                     "КИЇВ. 18 листопада. УНН. Прем'єр-міністр Великої Британії Тереза Мей "
                     "заявила, що наступні сім днів будуть вирішальними для країни.\n";
    assert_string_equal(zone_of(uk, "КИЇВ"), "dateline");
    assert_string_equal(zone_of(uk, "УНН"), "dateline");
    assert_string_equal(zone_of(uk, "Прем'єр"), "lead");
    const char *ru = "Вакцинация началась\n\n"
                     "МОСКВА, 12 ноя — РИА Новости, Татьяна Пичугина. Эффективность вакцины "
                     "составила девяносто два процента, сообщили в центре. Это больше, чем "
                     "ожидали в министерстве, и это хорошо для всех нас.\n";
    assert_string_equal(zone_of(ru, "РИА"), "dateline");
    assert_string_equal(zone_of(ru, "Пичугина"), "dateline");
    assert_string_equal(zone_of(ru, "Эффективность"), "lead");
    /* Not a sentence that starts with a word in capitals and a number. */
    const char *nato = "Учения завершились\n\n"
                       "НАТО. 5 тысяч солдат приняли участие в учениях, которые прошли в "
                       "Польше на этой неделе.\n";
    assert_string_equal(zone_of(nato, "тысяч"), "lead");
    /* The town in lower case but its capital, the credit between slashes. */
    const char *kyiv = "У Києві відкрили новий міст\n\n"
                       "Київ, 27 листопада. /УНІАН/. У столиці відкрили рух новим мостом, "
                       "повідомив міський голова, і це сталося після десяти років робіт.\n";
    assert_string_equal(zone_of(kyiv, "Київ,"), "dateline");
    assert_string_equal(zone_of(kyiv, "УНІАН"), "dateline");
    assert_string_equal(zone_of(kyiv, "У столиці"), "lead");
    /* Not a sentence that starts with a capitalised word and a number: no month. */
    const char *five = "Учения завершились\n\n"
                       "Польша, 5 тысяч солдат и два корабля приняли участие в учениях, которые "
                       "прошли на этой неделе.\n";
    assert_string_equal(zone_of(five, "Польша"), "lead");
}

/* The story runs to its last good paragraph, which is sought from the end: the
 * paragraphs between the first and the last good one are body whatever they are, a
 * cue among them is boilerplate, and what follows the last is boilerplate. A call to
 * action of ten words is a cue; of eleven it is prose (its words counted past the
 * five that a line's count otherwise stops at). */
static void story_to_its_last_good_paragraph(void **state)
{
    (void)state;
    const char *t =
        "The minister said on Monday that the talks with the union would resume soon.\n\n"
        "Support the newsroom and our reporters on Patreon today please!\n\n"
        "Photo: Reuters\n\n"
        "The union has said that it is ready to return to the table in the spring.\n\n"
        "Support the newsroom and all our reporters on Patreon today please!\n\n"
        "Both sides expect a deal to be signed by the end of the month, officials said.\n\n"
        "Related news\n";
    assert_string_equal(zone_of(t, "The minister"), "lead");
    assert_string_equal(zone_of(t, "Support the newsroom and our"), "boilerplate");
    assert_string_equal(zone_of(t, "Photo"), "body");
    assert_string_equal(zone_of(t, "The union"), "body");
    assert_string_equal(zone_of(t, "Support the newsroom and all"), "body");
    assert_string_equal(zone_of(t, "Both sides"), "body");
    assert_string_equal(zone_of(t, "Related news"), "boilerplate");
    /* Only two good paragraphs, next to each other; then one that is not. */
    const char *two =
        "The minister said on Monday that the talks with the union would resume soon.\n\n"
        "The union has said that it is ready to return to the table in the spring.\n\n"
        "Photo: Reuters\n";
    assert_string_equal(zone_of(two, "The minister"), "lead");
    assert_string_equal(zone_of(two, "The union"), "body");
    assert_string_equal(zone_of(two, "Photo"), "boilerplate");
    /* A last sentence paragraph with half the stop words a good one needs is the
     * story's still; one with fewer (one in 23 words, where a good one needs three),
     * or one after it, is not. */
    const char *near =
        "Президент України Володимир Зеленський у понеділок зустрівся з президентом Франції, "
        "і сторони обговорили постачання систем ППО та посилення санкцій.\n\n"
        "Тим часом у Харкові внаслідок удару дрона поранено п'ятьох людей, повідомив "
        "голова Харківської ОВА Олег Синєгубов.\n\n"
        "Харків Суми Одеса Київ Львів Дніпро Запоріжжя Херсон Полтава Чернігів Житомир Рівне "
        "Луцьк Ужгород Тернопіль Вінниця Черкаси Кропивницький Миколаїв Ірпінь Буча у Бучі.\n\n"
        "Читайте також:\n"
        "Трамп анонсував зустріч з Путіним\n";
    assert_string_equal(zone_of(near, "Тим часом"), "body");
    assert_string_equal(zone_of(near, "Харків Суми"), "boilerplate");
    assert_string_equal(zone_of(near, "Трамп"), "boilerplate");
}

/* The story's opening may be as thin in stop words as its end: a wire lead of titles
 * and names after a dateline, then a long paragraph of names and awards, are the
 * story's, not boilerplate and title; a short summary line that ends with a full stop
 * stays the title. */
static void story_from_its_opening_paragraphs(void **state)
{
    (void)state;
    const char *ru =
        "ЕКАТЕРИНБУРГ, 27 октября. /ТАСС/. Губернатор Свердловской области Денис Паслер "
        "вручил государственные награды жителям региона. Церемония прошла в резиденции "
        "губернатора.\n\n"
        "Медалью ордена «За заслуги перед Отечеством» II степени награждена учительница "
        "школы № 7 из Нижнего Тагила Валентина Петровна Сурикова. Почетное звание "
        "«Заслуженный врач Российской Федерации» присвоено хирургу городской больницы "
        "Рустаму Ильдаровичу Габдуллину.\n\n"
        "Кроме того, благодарность президента объявлена главному инженеру завода Евгению "
        "Коротаеву. Предприятие входит в госкорпорацию «Ростех».\n\n"
        "Паслер также сообщил, что в 2025 году в Верхней Пышме и Березовском откроются два "
        "новых детских сада.\n";
    assert_string_equal(zone_of(ru, "ЕКАТЕРИНБУРГ"), "dateline");
    assert_string_equal(zone_of(ru, "Губернатор"), "lead");
    assert_string_equal(zone_of(ru, "Медалью"), "body");
    assert_string_equal(zone_of(ru, "Кроме того"), "body");
    const char *en =
        "Sri Lanka's banks face hard times following December's tsunami, officials warn.\n\n"
        "The Sri Lanka Banks Association said the waves which killed more than 30,000 "
        "people also washed away huge amounts of property which was securing loans.\n";
    assert_string_equal(zone_of(en, "Sri Lanka's banks"), "title");
    assert_string_equal(zone_of(en, "The Sri Lanka Banks"), "lead");
}

/* A byline is no title, though it may be as long as the headline above it or longer. */
static void byline_is_not_the_title(void **state)
{
    (void)state;
    const char *t = "Syrian rebels seize Damascus, Assad flees to Moscow\n\n"
                    "By Timour Azhari, Suleiman Al-Khalidi and Maya Gebeily\n\n"
                    "DAMASCUS, Dec 8 (Reuters) - Syrian rebels took control of Damascus on "
                    "Sunday, and the president fled the country after years of war.\n";
    assert_string_equal(zone_of(t, "Syrian rebels seize"), "title");
    assert_string_equal(zone_of(t, "By Timour"), "body");
    assert_string_equal(zone_of(t, "DAMASCUS"), "dateline");
}

/* A text of more paragraphs than zones.c keeps on the stack (64 lines) is judged the
 * same way: lead, body to the last good paragraph, boilerplate after it. */
static void story_of_many_paragraphs(void **state)
{
    (void)state;
    static char t[16384];
    size_t n = 0;
    n += (size_t)snprintf(t + n, sizeof t - n, "Menu\n\n");
    for (int i = 0; i < 80; i++)
        n += (size_t)snprintf(t + n, sizeof t - n,
                              "Paragraph %d says that the talks with the union would resume "
                              "soon, and that it is ready to return to the table.\n\n",
                              i);
    snprintf(t + n, sizeof t - n, "Related news\n");
    assert_string_equal(zone_of(t, "Menu"), "boilerplate");
    assert_string_equal(zone_of(t, "Paragraph 0 "), "lead");
    assert_string_equal(zone_of(t, "Paragraph 40 "), "body");
    assert_string_equal(zone_of(t, "Paragraph 79 "), "body");
    assert_string_equal(zone_of(t, "Related news"), "boilerplate");
}

/* A navigation bar (items with two or more '|' between them) is boilerplate, not the
 * title, however long; a title with one '|' and its site's name is the title. */
static void menu_bar_is_boilerplate(void **state)
{
    (void)state;
    const char *t = "Главная | Новости | Политика | Экономика | Спорт\n"
                    "Курс доллара | Погода в Москве\n\n"
                    "Лавров обсудил с Ваном И ситуацию на полуострове | РИА\n\n"
                    "Министр иностранных дел России Сергей Лавров провел в Пекине переговоры, "
                    "и стороны обсудили подготовку визита в Китай, сообщили в МИД.\n";
    assert_string_equal(zone_of(t, "Главная"), "boilerplate");
    assert_string_equal(zone_of(t, "Погода"), "boilerplate");
    assert_string_equal(zone_of(t, "Лавров обсудил"), "title");
    assert_string_equal(zone_of(t, "Министр"), "lead");
}

/* A page printed one element a line, no blank line anywhere: menu items, headline,
 * date line, paragraphs on a line each, tag line and related headlines. As a whole it
 * reads as a list (most lines are short and end no sentence); its paragraphs must
 * still make the story, and the headline above the date line the title. */
static void page_without_blank_lines(void **state)
{
    (void)state;
    const char *t =
        "Головна\nНовини\nСвіт\nЕкономіка\nСпорт\nКультура\nУКР | РУС | ENG\n"
        "Польща і Німеччина підписали угоду про спільне виробництво снарядів\n"
        "27 листопада 2026, 14:05\n"
        "Прем'єр-міністр Польщі Дональд Туск і канцлер Німеччини Фрідріх Мерц у Варшаві "
        "підписали угоду про спільне виробництво артилерійських снарядів на заводах обох країн.\n"
        "Як повідомляє агенція PAP, заводи з'являться в Польщі та Німеччині до 2028 року, а "
        "вартість проєкту оцінюють у чотири мільярди євро.\n"
        "Мерц додав, що Берлін готовий фінансувати половину витрат, а Варшава надасть землю "
        "та робочу силу для нових виробництв.\n"
        "Теги: Польща, Німеччина\n"
        "Читайте також\n"
        "Росія атакувала Харків дронами\n"
        "США передадуть Україні нові системи ППО\n"
        "Литва закриває кордон з Білоруссю\n";
    assert_string_equal(zone_of(t, "Головна"), "boilerplate");
    assert_string_equal(zone_of(t, "Культура"), "boilerplate");
    assert_string_equal(zone_of(t, "Польща і Німеччина"), "title");
    assert_string_equal(zone_of(t, "Прем'єр-міністр"), "lead");
    assert_string_equal(zone_of(t, "Мерц додав"), "body");
    assert_string_equal(zone_of(t, "Теги"), "boilerplate");
    assert_string_equal(zone_of(t, "Росія атакувала"), "boilerplate");
    assert_string_equal(zone_of(t, "Литва"), "boilerplate");
    /* The same page with CRLF line ends: a line's '\r' is no part of it (a sentence
     * still ends in '.'). */
    static char crlf[4096];
    size_t n = 0;
    for (const char *c = t; *c && n + 2 < sizeof crlf; c++) {
        if (*c == '\n')
            crlf[n++] = '\r';
        crlf[n++] = *c;
    }
    crlf[n] = '\0';
    assert_string_equal(zone_of(crlf, "Культура"), "boilerplate");
    assert_string_equal(zone_of(crlf, "Польща і Німеччина"), "title");
    assert_string_equal(zone_of(crlf, "Прем'єр-міністр"), "lead");
    assert_string_equal(zone_of(crlf, "Мерц додав"), "body");
    assert_string_equal(zone_of(crlf, "Литва"), "boilerplate");
    /* A brief: one paragraph among menu items and headlines, and a footer's sentence. */
    const char *b = "Головна\nНовини\nСвіт\nЕкономіка\nСпорт\n"
                    "Польща і Німеччина підписали угоду про спільне виробництво снарядів\n"
                    "27 листопада 2026, 14:05\n"
                    "Прем'єр-міністр Польщі Дональд Туск і канцлер Німеччини Фрідріх Мерц у "
                    "Варшаві підписали угоду про спільне виробництво артилерійських снарядів.\n"
                    "Читайте також\n"
                    "Росія атакувала Харків дронами\n"
                    "Литва закриває кордон з Білоруссю\n"
                    "© 2026 Новини. Передрук матеріалів лише з посиланням на джерело та "
                    "згодою редакції.\n";
    assert_string_equal(zone_of(b, "Економіка"), "boilerplate");
    assert_string_equal(zone_of(b, "Польща і Німеччина"), "title");
    assert_string_equal(zone_of(b, "Прем'єр-міністр"), "lead");
    assert_string_equal(zone_of(b, "Литва"), "boilerplate");
    /* One paragraph among a block of result lines is no page of that kind: the block
     * stays one list, as it was (all body, the text having no story to tell apart). */
    const char *r = "Results of the second round matches on Thursday at the National Tennis "
                    "Centre in New York, where rain stopped play twice.\n"
                    "Anna Kournikova ( Russia ) beat Natalia Baudone ( Italy ) 6-3 6-3\n"
                    "Rita Grande ( Italy ) beat Tina Krizan ( Slovenia ) 6-2 6-0\n"
                    "Els Callens ( Belgium ) beat Annabel Ellwood ( Australia ) 6-4 1-6 6-1\n"
                    "Sandra Dopfer ( Austria ) beat Nanne Dahlman ( Finland ) 2-6 6-2 6-3\n";
    assert_string_equal(zone_of(r, "Results"), "body");
    assert_string_equal(zone_of(r, "Sandra"), "body");
}

/* Readers' comments after a story are prose too: a heading over them ends the story.
 * A sentence about a comment does not. */
static void comments_end_the_story(void **state)
{
    (void)state;
    const char *t = "Brazil and Argentina agree to scrap tariffs\n\n"
                    "Brazil and Argentina agreed on Thursday to scrap tariffs on steel and cars "
                    "traded between the two countries, in the biggest deal in a decade.\n\n"
                    "The government declined comment.\n\n"
                    "The agreement takes effect in March and will be phased in over three years, "
                    "officials of both ministries said.\n\n"
                    "Comments (2)\n\n"
                    "This is what the United States should have done with Canada years ago, "
                    "instead of all the tariffs on their goods.\n\n"
                    "Meanwhile Russia and China are signing their own deals, and Europe is "
                    "sleeping as it always does.\n";
    assert_string_equal(zone_of(t, "Brazil and Argentina agreed"), "lead");
    assert_string_equal(zone_of(t, "The agreement takes effect"), "body");
    assert_string_equal(zone_of(t, "Comments"), "boilerplate");
    assert_string_equal(zone_of(t, "United States"), "boilerplate");
    assert_string_equal(zone_of(t, "Russia"), "boilerplate");
    const char *r = "Вакцину начнут поставлять в регионы\n\n"
                    "Минздрав России сообщил, что вакцину начнут поставлять в регионы уже на "
                    "следующей неделе, а первыми ее получат врачи и учителя.\n\n"
                    "Комментарии\n\n"
                    "Почему вакцины сначала поставляются в Сербию и Венгрию, а у нас их нельзя "
                    "купить даже за деньги?\n";
    assert_string_equal(zone_of(r, "Минздрав"), "lead");
    assert_string_equal(zone_of(r, "Сербию"), "boilerplate");
}

/* A copyright line is furniture, and no good paragraph to stretch the story over the
 * headlines between it and the story ("Передрук ... лише з посиланням на джерело." has
 * stop words enough). */
static void copyright_line_is_boilerplate(void **state)
{
    (void)state;
    const char *t = "Польща і Німеччина підписали угоду про снаряди\n\n"
                    "Прем'єр-міністр Польщі Дональд Туск і канцлер Німеччини Фрідріх Мерц у "
                    "Варшаві підписали угоду про спільне виробництво артилерійських снарядів.\n\n"
                    "Мерц додав, що Берлін готовий фінансувати половину витрат, а Варшава надасть "
                    "землю та робочу силу.\n\n"
                    "Росія атакувала Харків дронами\n\n"
                    "Литва закриває кордон з Білоруссю\n\n"
                    "© 2026 Новини. Усі права захищено. Передрук матеріалів лише з посиланням на "
                    "джерело.\n";
    assert_string_equal(zone_of(t, "Мерц додав"), "body");
    assert_string_equal(zone_of(t, "Росія атакувала"), "boilerplate");
    assert_string_equal(zone_of(t, "Литва"), "boilerplate");
    assert_string_equal(zone_of(t, "Передрук"), "boilerplate");
}

/* Headlines under a list heading, blank lines between them, above the story: a list,
 * not the title (the longest short paragraph above the story would be a sidebar's
 * headline). The two paragraphs right above the story stay out of it: the story's
 * headline and byline. */
static void headlines_under_a_list_heading(void **state)
{
    (void)state;
    const char *t = "Home | World | Business | Sport\n\n"
                    "Most read\n\n"
                    "Russia and China sign a huge gas pipeline deal worth 400 billion dollars\n\n"
                    "US Senate passes defence budget\n\n"
                    "Brazil and Argentina agree to scrap tariffs\n\n"
                    "By Maria Lopez, 27 November 2026\n\n"
                    "Brazil and Argentina agreed on Thursday to scrap tariffs on steel and cars "
                    "traded between the two countries, in the biggest deal in a decade.\n";
    assert_string_equal(zone_of(t, "Russia and China"), "boilerplate");
    assert_string_equal(zone_of(t, "US Senate"), "boilerplate");
    assert_string_equal(zone_of(t, "Brazil and Argentina agree"), "title");
    assert_string_equal(zone_of(t, "Brazil and Argentina agreed"), "lead");
}

static void short_text_is_body(void **state)
{
    (void)state;
    assert_string_equal(zone_of("Putin met Biden in Geneva", "Geneva"), "body");
    assert_string_equal(zone_of("Russia\nUkraine\nPoland", "Poland"), "body");
}

static void cyrillic_cues(void **state)
{
    (void)state;
    const char *t =
        "Росія та США домовилися про продовження спільних польотів, повідомили в НАСА.\n\n"
        "Під час зустрічі сторони обговорили майбутнє станції та її безпечне зведення з орбіти.\n\n"
        "Реклама:\n\n"
        "Усі новини\n"
        "Литва перекидає ППО до кордону\n"
        "Зеленський провів нараду зі Ставкою\n"
        "Удар по Сумах: є загиблі\n";
    assert_string_equal(zone_of(t, "Росія та США"), "lead");
    assert_string_equal(zone_of(t, "Реклама"), "boilerplate");
    assert_string_equal(zone_of(t, "Литва"), "boilerplate");
}

/* The stop-word density rule at and around its thresholds, against the rule written
 * plainly: a single paragraph of n words, s of them stop words (first, last or
 * spread), with or without a sentence end, on one line or hard-wrapped on two, is
 * the lead when it is good prose and body (nothing to compare it with) when not.
 * The classifier counts stop words lazily and stops at enough; this is where an
 * off-by-one in that would show. */
static void density_thresholds(void **state)
{
    (void)state;
    char text[1024];
    int cases = 0, leads = 0;
    for (int n = 1; n <= 40; n++)
        for (int s = 0; s <= n && s <= 8; s++)
            for (int ends = 0; ends < 2; ends++)
                for (int place = 0; place < 3; place++)
                    for (int wrap = 0; wrap < 2; wrap++) {
                        size_t len = 0;
                        for (int k = 0; k < n; k++) {
                            int stop = place == 0   ? k < s
                                       : place == 1 ? k >= n - s
                                                    : s && k % (n / s > 0 ? n / s : 1) == 0 &&
                                                          k / (n / s > 0 ? n / s : 1) < s;
                            const char *sep = !k ? "" : wrap && k == n / 2 ? "\n" : " ";
                            len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", sep,
                                                    stop ? "the" : "kappa");
                        }
                        if (ends)
                            len += (size_t)snprintf(text + len, sizeof text - len, ".");
                        int stops = 0;
                        for (const char *p = text; (p = strstr(p, "the")); p += 3)
                            stops++;
                        double d = (double)stops / n;
                        int good = (n >= 8 && d >= 0.10 && ends) || (n >= 25 && d >= 0.15);
                        const char *z = zone_of(text, text[0] == 't' ? "the" : "kappa");
                        if (strcmp(z, good ? "lead" : "body"))
                            fail_msg("%d words, %d stop words, end %d: %s, want %s\n%s", n,
                                     stops, ends, z, good ? "lead" : "body", text);
                        cases++;
                        leads += good;
                    }
    assert_true(cases > 1000 && leads > 100 && leads < cases - 100);
}

/* The density rule as the classifier once computed it, in doubles. */
static int dense_by_doubles(uint32_t nw, uint32_t stops, int ends)
{
    double density = nw ? (double)stops / nw : 0;
    return (nw >= 8 && density >= 0.10 && ends) || (nw >= 25 && density >= 0.15);
}

/* tg_zone_stops_needed, which replaced that division per stop word by one integer
 * threshold: every count of every short paragraph, and counts around the threshold
 * of random long ones. */
static void stops_needed_matches_doubles(void **state)
{
    (void)state;
    for (int ends = 0; ends < 2; ends++) {
        for (uint32_t nw = 0; nw <= 3000; nw++) {
            uint32_t need = tg_zone_stops_needed(nw, ends);
            for (uint32_t stops = 0; stops <= nw + 1; stops++)
                if ((stops >= need) != dense_by_doubles(nw, stops, ends))
                    fail_msg("%u words, %u stops, end %d: need %u", nw, stops, ends, need);
        }
        uint64_t x = 0x9E3779B97F4A7C15ULL;
        for (int i = 0; i < 200000; i++) {
            uint32_t nw = (uint32_t)(xorshift(&x) % 2000000000u);
            uint32_t need = tg_zone_stops_needed(nw, ends);
            uint32_t base = need == UINT32_MAX ? nw : need;
            for (uint32_t stops = base > 2 ? base - 2 : 0; stops <= base + 2; stops++)
                if ((stops >= need) != dense_by_doubles(nw, stops, ends))
                    fail_msg("%u words, %u stops, end %d: need %u", nw, stops, ends, need);
        }
    }
}

/* A line's description as the classifier first made it: every token read, the key of
 * its first four words copied as they come. tg_zone_lines reads a prose line only to
 * its fifth word and makes a key only for a line that may be a cue or a label. */
static void describe_straight(const char *text, uint32_t start, uint32_t end,
                              const tg_token *tokens, size_t ntokens, const char *norm,
                              size_t *t, tg_zone_line *l)
{
    memset(l, 0, sizeof *l);
    l->tok_start = (uint32_t)*t;
    char key[128];
    size_t klen = 0;
    int key_ok = 1, all_time = 1, ntok = 0, label = 0, action = 0;
    uint32_t nwords = 0;
    for (; *t < ntokens && tokens[*t].byte_start < end; (*t)++) {
        const tg_token *tk = &tokens[*t];
        const char *s = norm + tk->norm_off;
        int colon = tk->norm_len == 1 && s[0] == ':';
        ntok++;
        if (ntok == (int)nwords + 1 && nwords && nwords <= 3 && key_ok && colon)
            label = strmap_get(&words.labels, key, klen) != TG_NONE;
        if (ntok == 1 && (tk->flags & TK_WORD)) {
            action = strmap_get(&words.actions, s, tk->norm_len) != TG_NONE &&
                     end > start && text[end - 1] == '!';
            l->starts_lower = (tk->flags & TK_HAS_LOWER) && !(tk->flags & TK_FIRST_UPPER) &&
                              !(tk->flags & TK_DIGIT);
        }
        if (!(tk->flags & TK_DIGIT) && !colon)
            all_time = 0;
        if (!(tk->flags & TK_WORD))
            continue;
        nwords++;
        if (nwords > 4)
            continue;
        if (klen + tk->norm_len + 1 < sizeof key) {
            if (klen)
                key[klen++] = ' ';
            memcpy(key + klen, s, tk->norm_len);
            klen += tk->norm_len;
        } else {
            key_ok = 0;
        }
    }
    l->tok_end = (uint32_t)*t;
    l->words = nwords <= 4 || action ? nwords : 5;
    l->blank = ntok == 0;
    l->timestamp = ntok > 0 && all_time && ntok <= 3;
    /* a copyright line: "©", or "Copyright" with a capital C as a whole word, after the
     * line's indent */
    char head[11] = {0};
    size_t indent = start;
    while (indent < end && (text[indent] == ' ' || text[indent] == '\t'))
        indent++;
    for (size_t k = 0; k < 10 && indent + k < end; k++)
        head[k] = (char)tolower((unsigned char)text[indent + k]);
    int copyright = !strncmp(head, "\xC2\xA9", 2) ||
                    (text[indent] == 'C' && !strncmp(head, "copyright", 9) && !isalpha(head[9]));
    l->cue = (key_ok && nwords && nwords <= 4 &&
              strmap_get(&words.cues, key, klen) != TG_NONE) ||
             label || (action && nwords <= 10 && end > start && text[end - 1] == '!') ||
             copyright;
}

/* tg_zone_lines against describe_straight on random texts made of cues, labels,
 * calls to action, colons, times, long words (a key that does not fit) and prose,
 * over one to a dozen lines. Each line's tokens are also those the tokenizer marks
 * as one line (from a token flagged TK_LINE_START to the next), as teams.c reads
 * them, and those a title's bare lines give. */
static void lines_match_straight_reading(void **state)
{
    (void)state;
    static const char *const PIECES[] = {
        "Read more", "read", "more", "Tags", "tags", ":", "Advertisement", "News", "news",
        "Support", "support", "subscribe", "Patreon", "!", "the", "of", "Kyiv", "Paris",
        "18:15", "12", "2024", ".", ",", "•", "Реклама", "читайте", "також", "Підтримайте",
        "related", "news", "see also", "all sections", "(", ")", "-", "a", "ok", "more on this",
        "©", "Copyright", "COPYRIGHT 2025", "copyright", "Copyrights",
        "Pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovol"
        "canoconiosispneumonoultramicroscopicsilicovolcanoconiosis"};
    static const char *const GAPS[] = {" ", " ", " ", "  ", "\n", "\n\n", "\t", " \n"};
    static tg_token_vec toks;
    static tg_char_vec norm;
    static tg_zone_line_vec lines, bare;
    char text[2048];
    uint64_t x = 0x2545F4914F6CDD1DULL;
    size_t cues = 0, labels = 0, stamps = 0;
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        int npieces = 1 + (int)(xorshift(&x) % 14);
        for (int k = 0; k < npieces; k++) {
            const char *p = PIECES[xorshift(&x) % (sizeof PIECES / sizeof *PIECES)];
            const char *g = GAPS[xorshift(&x) % (sizeof GAPS / sizeof *GAPS)];
            if (len + strlen(p) + strlen(g) + 1 >= sizeof text)
                break;
            len += (size_t)sprintf(text + len, "%s%s", p, xorshift(&x) % 3 ? g : "");
        }
        assert_int_equal(tg_tokenize(&fold, text, len, &toks, &norm), 0);
        assert_int_equal(
            tg_zone_lines(&words, text, len, toks.v, toks.n, norm.v, 0, NULL, &lines), 0);
        assert_int_equal(
            tg_zone_lines(&words, text, len, toks.v, toks.n, norm.v, 1, NULL, &bare), 0);
        assert_int_equal(bare.n, lines.n);
        for (size_t k = 0; k < lines.n; k++)
            if (bare.v[k].start != lines.v[k].start || bare.v[k].end != lines.v[k].end ||
                bare.v[k].tok_start != lines.v[k].tok_start ||
                bare.v[k].tok_end != lines.v[k].tok_end || bare.v[k].blank != lines.v[k].blank)
                fail_msg("title line %zu of \"%.*s\": tokens %u-%u, described %u-%u", k,
                         (int)len, text, bare.v[k].tok_start, bare.v[k].tok_end,
                         lines.v[k].tok_start, lines.v[k].tok_end);
        size_t t = 0, i = 0;
        for (uint32_t pos = 0;; i++) {
            const char *nl = memchr(text + pos, '\n', len - pos);
            uint32_t end = nl ? (uint32_t)(nl - text) : (uint32_t)len;
            tg_zone_line want;
            describe_straight(text, pos, end, toks.v, toks.n, norm.v, &t, &want);
            assert_true(i < lines.n);
            const tg_zone_line *got = &lines.v[i];
            if (got->start != pos || got->end != end || got->tok_start != want.tok_start ||
                got->tok_end != want.tok_end || got->words != want.words ||
                got->blank != want.blank || got->cue != want.cue ||
                got->timestamp != want.timestamp || got->starts_lower != want.starts_lower)
                fail_msg("line %zu of \"%.*s\": got tokens %u-%u words %u cue %d time %d "
                         "lower %d, want %u-%u words %u cue %d time %d lower %d",
                         i, (int)len, text, got->tok_start, got->tok_end, got->words,
                         got->cue, got->timestamp, got->starts_lower, want.tok_start,
                         want.tok_end, want.words, want.cue, want.timestamp, want.starts_lower);
            for (uint32_t k = got->tok_start; k < got->tok_end; k++)
                assert_int_equal((toks.v[k].flags & TK_LINE_START) != 0, k == got->tok_start);
            cues += got->cue;
            stamps += got->timestamp;
            const tg_token *last = got->blank ? NULL : &toks.v[got->tok_end - 1];
            labels += got->cue && last && last->norm_len == 1 && norm.v[last->norm_off] == ':';
            if (!nl)
                break;
            pos = end + 1;
        }
        assert_int_equal(lines.n, i + 1);
        assert_int_equal(t, toks.n);
    }
    /* the texts reach the cases compared */
    assert_true(cues > 1000 && stamps > 1000 && labels > 100);
    vec_free(toks);
    vec_free(norm);
    vec_free(lines);
    vec_free(bare);
}

/* tg_zone_at_from against tg_zone_at: random spans with gaps between some (and
 * none at all), asked for offsets in order from a fresh cursor, and from a cursor
 * reset to 0 at a random point as tag.c does when an offset goes back. */
static void zone_at_from_matches_search(void **state)
{
    (void)state;
    uint64_t x = 0x2545F4914F6CDD1DULL;
    tg_zone_vec spans = {0};
    for (int round = 0; round < 2000; round++) {
        spans.n = 0;
        uint32_t at = (uint32_t)(xorshift(&x) % 4);
        int nspans = (int)(xorshift(&x) % 9);
        for (int i = 0; i < nspans; i++) {
            uint32_t len = 1 + (uint32_t)(xorshift(&x) % 20);
            tg_zone_span sp = {at, at + len, (tg_zone)(xorshift(&x) % TG_ZONE_COUNT)};
            assert_int_equal(vec_push(spans, sp), 0);
            at += len + (uint32_t)(xorshift(&x) % 3); /* a gap now and then */
        }
        size_t cursor = 0;
        uint32_t byte = 0;
        for (int q = 0; q < 60; q++) {
            if (xorshift(&x) % 16 == 0) {
                byte = (uint32_t)(xorshift(&x) % (at + 5));
                cursor = 0;
            } else {
                byte += (uint32_t)(xorshift(&x) % 4);
            }
            assert_int_equal(tg_zone_at_from(&spans, &cursor, byte), tg_zone_at(&spans, byte));
        }
    }
    vec_free(spans);
}

/* Agreement with the hand-made zones of the gold articles, per non-space code point
 * (dateline counts as body: the annotators had no dateline zone). */
static double gold_agreement(const char *text, json_t *gold_zones, int verbose)
{
    static tg_token_vec toks;
    static tg_char_vec norm;
    static tg_zone_line_vec lines;
    static tg_zone_vec zones;
    size_t len = strlen(text);
    assert_int_equal(tg_tokenize(&fold, text, len, &toks, &norm), 0);
    assert_int_equal(
        tg_zones_compute(&words, text, len, toks.v, toks.n, norm.v, 0, NULL, &lines, &zones), 0);
    size_t cp = 0, same = 0, total = 0, gi = 0;
    for (size_t b = 0; b < len; b++) {
        if (((unsigned char)text[b] & 0xC0) == 0x80)
            continue;
        json_t *gz;
        while ((gz = json_array_get(gold_zones, gi)) &&
               (size_t)json_integer_value(json_object_get(gz, "end")) <= cp)
            gi++;
        unsigned char c = (unsigned char)text[b];
        if (gz && c != ' ' && c != '\n' && c != '\t') {
            tg_zone z = tg_zone_at(&zones, (uint32_t)b);
            const char *ours = tg_zone_name(z == TG_ZONE_DATELINE ? TG_ZONE_BODY : z);
            const char *want = json_string_value(json_object_get(gz, "zone"));
            total++;
            if (!strcmp(ours, want))
                same++;
            else if (verbose && (b == 0 || text[b - 1] == '\n' || text[b - 1] == ' '))
                fprintf(stderr, "  cp %zu %.20s: %s, gold %s\n", cp, text + b, ours, want);
        }
        cp++;
    }
    return total ? (double)same / total : 0;
}

static void gold_zones(void **state)
{
    (void)state;
    static const char *const LANGS[] = {"en", "uk", "ru"};
    for (int l = 0; l < 3; l++) {
        char path[512];
        snprintf(path, sizeof path, TEST_SOURCE_DIR "/corpora/gold-%s.jsonl", LANGS[l]);
        FILE *fp = fopen(path, "r");
        assert_non_null(fp);
        char line[1 << 16];
        int n = 0;
        while (fgets(line, sizeof line, fp)) {
            json_error_t jerr;
            json_t *rec = json_loads(line, 0, &jerr);
            assert_non_null(rec);
            const char *id = json_string_value(json_object_get(rec, "id"));
            const char *text = json_string_value(json_object_get(rec, "text"));
            json_t *z = json_object_get(rec, "zones");
            double a = gold_agreement(text, z, 0);
            printf("zones %-28s %.3f\n", id, a);
            if (a < 0.97)
                gold_agreement(text, z, 1);
            assert_true(a >= 0.97);
            json_decref(rec);
            n++;
        }
        fclose(fp);
        assert_true(n >= 3);
    }
}

/* The stop words by the tokens' hashes (zones.c, stop_hash) are the words of the
 * stop list (tg_zone_words.stop, a strmap filled from the same list): asked of
 * every word of the gold texts in three languages, of the list's words cut short or
 * run on ("th", "thee", "щоб"'s neighbours), and of words that are none. */
static void stop_words_by_hash(void **state)
{
    (void)state;
    static tg_token_vec toks;
    static tg_char_vec norm;
    size_t asked = 0, stops = 0;
    const char *const langs[] = {"en", "uk", "ru"};
    for (int li = 0; li < 3; li++) {
        char path[512];
        snprintf(path, sizeof path, "%s/corpora/gold-%s.jsonl", TEST_SOURCE_DIR, langs[li]);
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        static char line[1 << 16];
        while (fgets(line, sizeof line, fp)) {
            json_error_t jerr;
            json_t *rec = json_loads(line, 0, &jerr);
            assert_non_null(rec);
            const char *text = json_string_value(json_object_get(rec, "text"));
            assert_int_equal(tg_tokenize(&fold, text, strlen(text), &toks, &norm), 0);
            for (size_t t = 0; t < toks.n; t++) {
                const char *w = norm.v + toks.v[t].norm_off;
                size_t n = toks.v[t].norm_len;
                /* and the word without its last byte, and with one more */
                for (size_t cut = 0; cut < 3; cut++) {
                    size_t len = cut == 0 ? n : cut == 1 ? n - 1 : n + 1;
                    if (len == 0 || (cut == 2 && t + 1 == toks.n))
                        continue;
                    int want = strmap_get(&words.stop, w, len) != TG_NONE;
                    assert_int_equal(tg_zone_stop_word(w, len, tg_word_hash(w, len)), want);
                    asked++;
                    stops += want;
                }
            }
            json_decref(rec);
        }
        fclose(fp);
    }
    printf("stop words: %zu asked, %zu stop words\n", asked, stops);
    assert_true(asked > 5000);
    assert_true(stops > 300 && stops < asked / 2);
}

int main(void)
{
    tg_fold_init(&fold);
    if (tg_zone_words_init(&words))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scraped_page),
        cmocka_unit_test(scraped_page_without_blank_lines),
        cmocka_unit_test(wire_story_with_dateline),
        cmocka_unit_test(day_first_dateline_with_the_agency),
        cmocka_unit_test(dateline_with_abbreviation_and_table),
        cmocka_unit_test(story_to_its_last_good_paragraph),
        cmocka_unit_test(story_from_its_opening_paragraphs),
        cmocka_unit_test(byline_is_not_the_title),
        cmocka_unit_test(story_of_many_paragraphs),
        cmocka_unit_test(menu_bar_is_boilerplate),
        cmocka_unit_test(page_without_blank_lines),
        cmocka_unit_test(comments_end_the_story),
        cmocka_unit_test(copyright_line_is_boilerplate),
        cmocka_unit_test(headlines_under_a_list_heading),
        cmocka_unit_test(short_text_is_body),
        cmocka_unit_test(cyrillic_cues),
        cmocka_unit_test(density_thresholds),
        cmocka_unit_test(stops_needed_matches_doubles),
        cmocka_unit_test(zone_at_from_matches_search),
        cmocka_unit_test(lines_match_straight_reading),
        cmocka_unit_test(gold_zones),
        cmocka_unit_test(stop_words_by_hash),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tg_zone_words_free(&words);
    return rc;
}
