"""The scales: the education ladder, degree names, languages and every level vocabulary.

Everything here is data plus small pure lookups. Language levels are expressed on one
numeric scale, 0 (none) to 6 (C2 / native), per skill (read, write, speak, understand).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import cache, lru_cache
from typing import Any

# --- education -------------------------------------------------------------------------


class EducationLevel(IntEnum):
    """The ISCED 2011 ladder from upper secondary up."""

    secondary = 3
    post_secondary = 4
    short_cycle = 5
    bachelor = 6
    master = 7
    doctorate = 8

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    EducationLevel.secondary: "secondary education",
    EducationLevel.post_secondary: "post-secondary certificate",
    EducationLevel.short_cycle: "short-cycle (associate) degree",
    EducationLevel.bachelor: "Bachelor's degree",
    EducationLevel.master: "Master's degree",
    EducationLevel.doctorate: "doctorate",
}

LEVEL_ALIASES: dict[str, EducationLevel] = {
    "secondary": EducationLevel.secondary,
    "upper secondary": EducationLevel.secondary,
    "post-secondary": EducationLevel.post_secondary,
    "post secondary": EducationLevel.post_secondary,
    "short-cycle": EducationLevel.short_cycle,
    "short cycle": EducationLevel.short_cycle,
    "associate": EducationLevel.short_cycle,
    "bachelor": EducationLevel.bachelor,
    "first-level": EducationLevel.bachelor,
    "master": EducationLevel.master,
    "advanced": EducationLevel.master,
    "doctorate": EducationLevel.doctorate,
    "doctoral": EducationLevel.doctorate,
}


@dataclass(frozen=True)
class Degree:
    """What a degree name on a CV means: its level, and whether equivalence needs a person.

    ``highest`` is the highest level the name may mean where a person must decide (a
    Scottish or a New Zealand MA (Hons)): a rule asking for more than ``level`` but no more
    than ``highest`` needs review, never a silent 'not met'; ``lowest`` is the lowest: a rule
    it meets whatever the name means is met, the doubt does not matter to it."""

    level: EducationLevel | None
    uncertain: bool = False
    note: str = ""
    highest: EducationLevel | None = None
    lowest: EducationLevel | None = None  # the lowest it may mean, where a person must decide
    by_country: tuple[tuple[str, EducationLevel], ...] = ()  # where the country decides
    course: bool = False  # a course's certificate, not a degree (unless by_country)

    def in_country(self, country: str | None) -> EducationLevel | None:
        """The level the awarding country gives this name, where its vocabulary says."""
        return dict(self.by_country).get(country) if country else None


def _ladder(name: str) -> EducationLevel:
    return EducationLevel[name.replace("-", "_")]


def _vocabulary_degree(entry: dict[str, Any]) -> Degree:
    """One entry of vocabulary/degrees.yaml as a Degree, with where its country decides."""
    countries = tuple((code, _ladder(v)) for code, v in entry.get("by_country", {}).items())
    return replace(_decided(entry), by_country=countries, course=entry.get("award") == "course")


def _decided(entry: dict[str, Any]) -> Degree:
    """A decided level, or for 'review' the usual (or else the lowest) meaning, uncertain,
    with the highest one it may have."""
    if entry["level"] != "review":
        return Degree(_ladder(entry["level"]))
    options = [
        _ladder(v) for v in (entry.get("likely"), *entry.get("by_country", {}).values()) if v
    ]
    name = str(entry["names"][0])
    if not options:
        return Degree(None, True, f"the level of a {name!r} depends on the awarding system")
    level = _ladder(entry["likely"]) if entry.get("likely") else min(options)
    highest, lowest = max(options), min(options)
    if highest == lowest:
        note = f"a {name!r} is usually a {level.label}; a person confirms it"
    else:
        note = f"a {name!r} may be a {lowest.label} or a {highest.label}; a person decides"
    # the lowest meaning is known only where the vocabulary lists the name's meanings by
    # country and they differ; a name that is 'usually' one level may be less: a person
    # confirms it whatever the rule asks
    known = lowest if entry.get("by_country") and highest != lowest else None
    return Degree(level, True, note, highest, known)


@cache
def degree_names() -> dict[str, Degree]:
    """Every spelling in vocabulary/degrees.yaml, normalised, with what it means: the one
    home of degree names, read with the other vocabularies on first use, not at import."""
    from jobscreen.vocabulary import vocabulary

    table: dict[str, Degree] = {}
    for entry in vocabulary().degrees:
        degree = _vocabulary_degree(entry)
        for name in entry["names"]:
            table.setdefault(normalise_degree(str(name)), degree)
    return table


@cache
def _country_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """degrees.yaml's countries: the words naming a degree's awarding country, as one
    pattern, and the country each names (accents dropped)."""
    from jobscreen.vocabulary import package_data

    countries = package_data()[0]["degrees"].get("countries") or {}
    table = {_plain(str(word)): code for code, words in countries.items() for word in words}
    words = sorted(table, key=lambda w: (-len(w), w))
    return re.compile(rf"(?<![\w.])(?:{'|'.join(map(re.escape, words))})(?!\w)"), table


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def country_in(text: str) -> str | None:
    """The country (ISO 3166-1 alpha-2) a degree's line names by a country or a university
    city ('Université de Lausanne': CH), where it names exactly one; else None."""
    pattern, table = _country_words()
    found = {table[m[0]] for m in pattern.finditer(_plain(text))}
    return found.pop() if len(found) == 1 else None


@cache
def degree_spellings() -> dict[str, tuple[str, ...]]:
    """Every degree name of vocabulary/degrees.yaml as written, by its normalised form: what
    the extractor looks for in a CV's text."""
    from jobscreen.vocabulary import vocabulary

    table: dict[str, list[str]] = {}
    for entry in vocabulary().degrees:
        for name in entry["names"]:
            table.setdefault(normalise_degree(str(name)), []).append(str(name))
    return {norm: tuple(names) for norm, names in table.items()}


@cache
def _degree_fields() -> dict[str, str]:
    """The field each degree name of vocabulary/degrees.yaml says by itself (LL.B.: law)."""
    from jobscreen.vocabulary import vocabulary

    return {
        normalise_degree(str(name)): str(entry["field"])
        for entry in vocabulary().degrees
        if entry.get("field")
        for name in entry["names"]
    }


def degree_field(name: str) -> str | None:
    """The field a degree's name says by itself ('LL.B. (Hons)', 'Gakushi (Bachelor of
    Laws)': law), from the name as written, its first word or its bracketed gloss."""
    fields = _degree_fields()
    gloss = _GLOSS.search(name)
    norm = normalise_degree(name)
    candidates = (
        norm,
        normalise_degree(_GLOSS.sub("", name)),
        gloss and normalise_degree(gloss[1]),
    )
    return next((fields[c] for c in candidates if c and c in fields), None)


_IN_PROGRESS = re.compile(r"\b(candidate|student|ongoing|in progress|pending|studies|abd)\b")
_CONNECTORS = re.compile(r"\s+(in|of|en|em|de|on|w|z)\b.*$")
# 'Baccalauréat en droit (LL.B.)', 'Maîtrise (LL.M.)': the writer's own gloss in brackets
_GLOSS = re.compile(r"\(([^()]{1,40})\)\s*$")


def normalise_degree(text: str) -> str:
    """Lower case, no dots or apostrophes, single spaces: 'LL.M.' -> 'llm'."""
    text = text.lower().replace("\u2019", "'").replace("'s", "s")
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)|\.", "", text)
    text = re.sub(r"[()\[\],;:]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def degree_of(name: str) -> Degree:
    """The level of a degree name as written on a CV ('MA', 'LL.M.', "Master's in ...")."""
    # A batch's CVs share their degree names; a long free text is read but not kept.
    return known_degree(name) if len(name) <= _KEPT_DEGREE_LENGTH else read_degree(name)


def read_degree(name: str) -> Degree:
    norm = normalise_degree(name)
    if norm in LEVEL_ALIASES:
        return Degree(LEVEL_ALIASES[norm])
    if _IN_PROGRESS.search(norm):
        return Degree(None, False, "a degree in progress does not count")
    if (glossed := _glossed(name)) is not None:
        return glossed
    # the name as written, then its first words ('doctor of philosophy' in 'Doctor of
    # Philosophy in Physics'), then the name before its subject, then its first word
    words = norm.split()
    heads = [" ".join(words[:size]) for size in range(min(4, len(words)), 1, -1)]
    for candidate in (norm, *heads, _CONNECTORS.sub("", norm), *words[:1]):
        if candidate in (names := degree_names()):
            return names[candidate]
    return Degree(None, True, f"degree {name!r} is not a known degree name")


def _glossed(name: str) -> Degree | None:
    """The level a bracketed gloss decides where the name before it is not one known name
    as written: 'Baccalauréat (LL.B.)' is a bachelor's, 'Maîtrise (LL.M.)' a master's."""
    gloss = _GLOSS.search(name)
    if gloss is None or normalise_degree(name) in degree_names():
        return None
    inside = read_degree(gloss[1])
    return inside if inside.level is not None and not inside.uncertain else None


_KEPT_DEGREE_LENGTH = 80
known_degree = lru_cache(maxsize=4096)(read_degree)


def parse_level(text: str) -> EducationLevel | None:
    """A ladder level as a vacancy names it ('master', 'bachelor', ...), else None."""
    norm = text.strip().lower().replace("_", "-").replace("'s", "")
    return LEVEL_ALIASES.get(norm) or LEVEL_ALIASES.get(norm.replace("-", " "))


# --- languages -------------------------------------------------------------------------

_LANGUAGES: dict[str, tuple[str, ...]] = {
    # canonical name: ISO 639-1, 639-2/3 codes, and names in other languages
    "English": ("en", "eng", "anglais", "inglés", "ingles", "englisch", "inglese", "inglês"),
    "French": ("fr", "fra", "fre", "français", "francais", "francés", "frances", "französisch"),
    "Spanish": ("es", "spa", "español", "espanol", "espagnol", "castilian", "castellano"),
    "Arabic": ("ar", "ara", "arabe", "árabe", "العربية"),
    "Chinese": ("zh", "zho", "chi", "mandarin", "chinois", "chino", "putonghua", "cmn"),
    "Russian": ("ru", "rus", "russe", "ruso", "русский"),
    "Portuguese": ("pt", "por", "portugais", "português", "portugues"),
    "German": ("de", "deu", "ger", "deutsch", "allemand", "alemán"),
    "Italian": ("it", "ita", "italien", "italiano"),
    "Norwegian": ("no", "nor", "nob", "nno", "norsk", "bokmål", "bokmal", "nynorsk", "nb", "nn"),
    "Dutch": ("nl", "nld", "dut", "nederlands", "flemish", "néerlandais"),
    "Swedish": ("sv", "swe", "svenska", "suédois"),
    "Danish": ("da", "dan", "dansk", "danois"),
    "Finnish": ("fi", "fin", "suomi", "finnois"),
    "Icelandic": ("is", "isl", "ice"),
    "Polish": ("pl", "pol", "polski", "polonais"),
    "Czech": ("cs", "ces", "cze", "tchèque"),
    "Slovak": ("sk", "slk", "slo", "slovaque"),
    "Hungarian": ("hu", "hun", "magyar", "hongrois"),
    "Romanian": ("ro", "ron", "rum", "română", "roumain"),
    "Bulgarian": ("bg", "bul", "bulgare"),
    "Greek": ("el", "ell", "gre", "grec"),
    "Turkish": ("tr", "tur", "türkçe", "turc"),
    "Ukrainian": ("uk", "ukr", "українська", "ukrainien"),
    "Serbian": (
        "sr",
        "srp",
    ),
    "Croatian": (
        "hr",
        "hrv",
    ),
    "Bosnian": (
        "bs",
        "bos",
    ),
    "Slovenian": ("sl", "slv", "slovene"),
    "Albanian": ("sq", "sqi", "alb"),
    "Macedonian": ("mk", "mkd", "mac"),
    "Lithuanian": ("lt", "lit"),
    "Latvian": ("lv", "lav"),
    "Estonian": ("et", "est"),
    "Georgian": ("ka", "kat", "geo", "géorgien"),
    "Armenian": ("hy", "hye", "arm", "arménien"),
    "Azerbaijani": ("az", "aze", "azeri"),
    "Kazakh": ("kk", "kaz"),
    "Uzbek": ("uz", "uzb"),
    "Mongolian": ("mn", "mon"),
    "Persian": ("fa", "fas", "per", "farsi", "dari", "prs", "persan"),
    "Pashto": ("ps", "pus", "pashtu"),
    "Kurdish": ("ku", "kur", "kurde"),
    "Hebrew": ("he", "heb", "ivrit", "hébreu"),
    "Hindi": ("hi", "hin"),
    "Urdu": ("ur", "urd", "ourdou"),
    "Bengali": ("bn", "ben", "bangla"),
    "Punjabi": ("pa", "pan"),
    "Tamil": ("ta", "tam"),
    "Nepali": ("ne", "nep"),
    "Sinhala": ("si", "sin", "sinhalese"),
    "Japanese": ("ja", "jpn", "japonais"),
    "Korean": ("ko", "kor", "coréen"),
    "Vietnamese": ("vi", "vie", "vietnamien"),
    "Thai": ("th", "tha"),
    "Khmer": ("km", "khm", "cambodian"),
    "Lao": ("lo", "lao"),
    "Burmese": ("my", "mya", "bur", "myanmar"),
    "Indonesian": ("id", "ind", "bahasa indonesia", "indonésien"),
    "Malay": ("ms", "msa", "may", "bahasa melayu"),
    "Tagalog": ("tl", "tgl", "filipino", "fil"),
    "Swahili": ("sw", "swa", "kiswahili", "souahéli"),
    "Amharic": ("am", "amh", "amharique"),
    "Tigrinya": ("ti", "tir"),
    "Somali": ("so", "som"),
    "Hausa": ("ha", "hau", "haoussa"),
    "Yoruba": ("yo", "yor"),
    "Igbo": ("ig", "ibo"),
    "Fula": ("ff", "ful", "fulani", "fulfulde", "pulaar", "peul", "peulh"),
    "Wolof": ("wo", "wol"),
    "Bambara": ("bm", "bam", "bamanankan"),
    "Mossi": ("mos", "mooré", "moore", "mòoré"),
    "Dyula": ("dyu", "dioula", "jula"),
    "Malayalam": ("ml", "mal"),
    "Lingala": ("ln", "lin"),
    "Kinyarwanda": ("rw", "kin"),
    "Malagasy": ("mg", "mlg", "malgache"),
    "Zulu": ("zu", "zul", "isizulu", "zoulou"),
    "Xhosa": ("xh", "xho", "isixhosa"),
    "Afrikaans": ("af", "afr"),
    "Catalan": ("ca", "cat", "català"),
    "Basque": ("eu", "eus", "baq", "euskara"),
    "Galician": ("gl", "glg"),
    "Irish": ("ga", "gle", "gaelic", "irlandais"),
    "Welsh": ("cy", "cym", "wel"),
    "Maltese": ("mt", "mlt"),
    "Luxembourgish": ("lb", "ltz"),
    "Haitian Creole": ("ht", "hat", "kreyòl", "haitian", "créole haïtien"),
    "Quechua": ("qu", "que"),
    "Latin": ("la", "lat"),
    "Sign language": ("sgn", "sign"),
    "Shona": ("sn", "sna", "chishona"),
    "Ndebele": ("nd", "nde", "isindebele"),
    "Chichewa": ("ny", "nya", "nyanja", "chinyanja"),
    "Tswana": ("tn", "tsn", "setswana"),
    "Kirundi": ("rn", "run", "rundi"),
    "Tamazight": ("ber", "zgh", "berber", "berbère", "amazigh", "tamazigh"),
    "Hassaniya Arabic": ("mey", "hassaniya", "hassaniyya", "hassanya"),
    "Tajik": ("tg", "tgk", "tadjik"),
    "Kyrgyz": ("ky", "kir", "kirghiz"),
    "Turkmen": ("tk", "tuk", "turkmène"),
    "Belarusian": ("be", "bel", "biélorusse"),
    "Tetum": ("tet", "tetun"),
    # short codes that are also words or abbreviations (mi, to, bis, ton) are left out
    "Maori": ("mri", "māori", "te reo", "te reo māori", "reo māori"),
    "Samoan": ("smo", "gagana samoa"),
    "Tongan": ("lea faka-tonga",),
    "Fijian": ("fij", "vosa vakaviti"),
    "Bislama": (),
    "Tok Pisin": ("tpi",),
    "Nahuatl": ("nah", "náhuatl"),
    "Guarani": ("grn", "guaraní"),
    "Aymara": ("aym",),
}

LANGUAGE_NAMES: dict[str, str] = {}
for _name, _aliases in _LANGUAGES.items():
    LANGUAGE_NAMES[_name.lower()] = _name
    for _alias in _aliases:
        LANGUAGE_NAMES[_alias.lower()] = _name


# Languages that are standard varieties of one (ISO 639's macrolanguage 'sh', Serbo-Croatian):
# a CV's 'Bosnian/Croatian/Serbian' names one language, as written
ONE_LANGUAGE = (frozenset({"Bosnian", "Croatian", "Serbian", "Montenegrin"}),)


def one_language(names: list[str]) -> bool:
    """Whether several canonical names are standard varieties of one language."""
    return len(names) > 1 and any(set(names) <= group for group in ONE_LANGUAGE)


def language_of(text: str) -> str | None:
    """The canonical English name of a language given by name, endonym or ISO 639 code.

    jobscreen's own table first (the names its vacancies use), then every language ISO 639
    knows, by langcodes with its language-data: English and French names, a language's own
    name (Kiswahili, español) and codes. None for a name neither knows.
    """
    norm = re.sub(r"\s+", " ", text.strip().lower())
    norm = re.sub(r"\s*\(.*\)$", "", norm)  # "English (UK)" -> "english"
    found = LANGUAGE_NAMES.get(norm) or LANGUAGE_NAMES.get(norm.split("-")[0].split("_")[0])
    return found or _iso_language(norm)


@lru_cache(maxsize=4096)
def _iso_language(norm: str) -> str | None:
    if not norm or len(norm) > 60 or not any(c.isalpha() for c in norm):
        return None
    import langcodes  # loads its name data on first use only

    try:
        if re.fullmatch(r"[a-z]{2,3}", norm):
            language = langcodes.Language.get(norm)
            if not language.is_valid():
                return None
        else:
            language = langcodes.find(norm)
    except (LookupError, ValueError):
        return None
    code = language.language or ""
    if not code or code in _NOT_LANGUAGES or "qaa" <= code <= "qtz":  # none, many, private
        return None
    names = {language.display_name(), language.display_name("fr"), language.autonym()}
    if len(norm) > 3 and norm not in {n.lower() for n in names}:
        return None  # a name of it in some other language only: "Java", "the"
    return language.display_name()


_NOT_LANGUAGES = frozenset({"zxx", "mul", "mis", "und"})


def known_language(text: str, keep_unknown: bool = False) -> str:
    """The canonical name of a language, or ValueError: what both models validate with.

    With ``keep_unknown`` (a CV), a name no table knows is kept as written: it never refuses
    a CV, and a rule asking for a language matches it only by that name.
    """
    name = language_of(text)
    if name is None:
        if keep_unknown and text.strip():
            return " ".join(text.split())
        raise ValueError(f"unknown language {text!r}")
    return name


# --- language levels -------------------------------------------------------------------

SKILLS = ("read", "write", "speak", "understand")
SKILL_ALIASES = {
    "read": "read",
    "reading": "read",
    "write": "write",
    "writing": "write",
    "speak": "speak",
    "speaking": "speak",
    "spoken": "speak",
    "oral": "speak",
    "spoken interaction": "speak",
    "spoken production": "speak",
    "understand": "understand",
    "understanding": "understand",
    "listening": "understand",
    "listen": "understand",
    "comprehension": "understand",
}
# a CEFR level as written in a text, either case: the one pattern for it
CEFR_PATTERN = "[ABCabc][12]"
CEFR = {"a1": 1, "a2": 2, "b1": 3, "b2": 4, "c1": 5, "c2": 6}
CEFR_NAMES = {0: "none", 1: "A1", 2: "A2", 3: "B1", 4: "B2", 5: "C1", 6: "C2"}
NATO = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
STANAG = {0: 0, 1: 2, 2: 3, 3: 5, 4: 6, 5: 6}

# Phrases used by notices and CVs, LinkedIn's five levels, NATO's level names. Longest first
# when searched in free text, so "not fluent" wins over "fluent".
PHRASES: dict[str, int] = {
    "native or bilingual": 6,
    "native speaker": 6,
    "native": 6,
    "mother tongue": 6,
    "mother-tongue": 6,
    "first language": 6,
    "bilingual": 6,
    "proficiency": 6,
    "full professional": 5,
    "fluent": 5,
    "fluency": 5,
    "proficient": 5,
    "advanced": 5,
    "excellent": 5,
    "professional working": 4,
    "upper intermediate": 4,
    "good": 4,
    # CEFR B1 ('can deal with most situations ... at work', 'can produce simple connected
    # text on familiar topics') is what 'working knowledge' claims; B2 ('fluency and
    # spontaneity', 'clear, detailed text on a wide range of subjects') is more. ILR 2
    # 'limited working proficiency' is B1 too (LinkedIn's scale, 'limited working' below).
    "working knowledge": 3,
    "confident": 3,
    "limited working": 3,
    "intermediate": 3,
    "conversational": 3,
    "knowledge": 3,
    "working command": 3,
    "elementary": 2,
    "basic": 2,
    "fair": 2,  # a CV's 'French - fair' after 'excellent' and 'good': below intermediate
    "beginner": 1,
    "rudiments": 1,
    "not fluent": 1,
    "none": 0,
}
# Generic nouns come last in free text: LinkedIn's "Elementary proficiency" is elementary and
# "basic knowledge" is basic; alone, "proficiency" or "knowledge" still matches exactly.
_GENERIC = frozenset({"proficiency", "knowledge", "fluency"})
_PHRASE_ORDER = sorted(PHRASES, key=lambda p: (p in _GENERIC, -len(p)))
_SLP = re.compile(
    r"^(?:(?:stanag(?: 6001)?|slp)\s*)?"
    r"([0-5])\+?[\s/-]*([0-5])\+?[\s/-]*([0-5])\+?[\s/-]*([0-5])\+?$"
)
_STANAG = re.compile(r"^(?:stanag(?: 6001)?|slp|ilr)?\s*(?:level\s*)?([0-5])\+?$")
_NATO = re.compile(r"^(?:nato\s*)?(?:level\s*)?(i|ii|iii|iv|v|vi)$")
_CEFR = re.compile(rf"\b({CEFR_PATTERN})\b")


@dataclass(frozen=True)
class LevelSpec:
    """A required language level: at least ``minimum`` in ``count`` of ``skills``."""

    minimum: int
    skills: tuple[str, ...] = SKILLS
    count: int | None = None
    label: str = ""

    @property
    def needed(self) -> int:
        return len(self.skills) if self.count is None else self.count


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).strip().lower().replace("_", " "))


@lru_cache(maxsize=2048)
def level_value(text: str | int) -> int | None:
    """One level on the 0-6 scale from any single-level vocabulary, else None."""
    norm = _norm(str(text))
    if norm in CEFR:
        return CEFR[norm]
    if norm in PHRASES:
        return PHRASES[norm]
    for pattern, table in ((_NATO, NATO), (_STANAG, None)):
        match = pattern.match(norm)
        if match:
            return NATO[match.group(1)] if table is NATO else STANAG[int(match.group(1))]
    cefr = _CEFR.search(norm)
    if cefr:
        return CEFR[cefr.group(1)]
    for phrase in _PHRASE_ORDER:
        # "non-native" is not "native": a negated phrase is no level
        if re.search(rf"(?<!\bnon-)(?<!\bnon )\b{re.escape(phrase)}\b", norm):
            return PHRASES[phrase]
    return None


def slp_profile(text: str | int) -> dict[str, int] | None:
    """A STANAG 6001 four-digit profile (listening, speaking, reading, writing), else None."""
    match = _SLP.match(_norm(str(text)))
    if not match:
        return None
    listening, speaking, reading, writing = (STANAG[int(g)] for g in match.groups())
    return {"understand": listening, "speak": speaking, "read": reading, "write": writing}


@lru_cache(maxsize=512)
def vacancy_level(text: str, skills: tuple[str, ...] | None = None) -> LevelSpec | None:
    """A vacancy's minimum level: CEFR, notice phrases or NATO levels; None if unknown.

    'knowledge' follows the UN definition: confident or better in at least two of the four
    skills; 'fluent' means that level in every skill asked for.
    """
    norm = _norm(text)
    chosen = skills or SKILLS
    if norm == "knowledge":
        return LevelSpec(3, chosen, min(2, len(chosen)), text)
    value = level_value(norm)
    if value is None:
        return None
    return LevelSpec(value, chosen, None, text)


def skill_name(text: str) -> str | None:
    """The canonical skill (read, write, speak, understand) for a skill or Europass name."""
    return SKILL_ALIASES.get(_norm(text))
