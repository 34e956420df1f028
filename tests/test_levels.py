"""The scales: degree names, languages and every language-level vocabulary, as tables."""

from __future__ import annotations

import pytest

from jobscreen.cv import LanguageEntry
from jobscreen.levels import (
    SKILLS,
    EducationLevel,
    country_in,
    degree_of,
    known_language,
    language_of,
    level_value,
    parse_level,
    skill_name,
    slp_profile,
    vacancy_level,
)

BACHELOR, MASTER, DOCTORATE = (
    EducationLevel.bachelor,
    EducationLevel.master,
    EducationLevel.doctorate,
)

# --- degrees ---------------------------------------------------------------------------

DEGREES = [
    ("BA", BACHELOR),
    ("B.A.", BACHELOR),
    ("BSc", BACHELOR),
    ("B.Sc.", BACHELOR),
    ("LLB", BACHELOR),
    ("LL.B.", BACHELOR),
    ("Licence LMD", BACHELOR),
    ("Licence professionnelle", BACHELOR),
    ("Bachelor of Arts in History", BACHELOR),
    ("Bachelor's", BACHELOR),
    ("MA", MASTER),
    ("M.A.", MASTER),
    ("MSc", MASTER),
    ("LLM", MASTER),
    ("LL.M.", MASTER),
    ("MPhil", MASTER),
    ("M.Phil.", MASTER),
    ("MBA", MASTER),
    ("MPA", MASTER),
    ("Master's degree in X", MASTER),
    ("Master\u2019s degree in International Relations", MASTER),
    ("Master of Laws", MASTER),
    ("PhD", DOCTORATE),
    ("Ph.D.", DOCTORATE),
    ("DPhil", DOCTORATE),
    ("D.Phil.", DOCTORATE),
    ("Doctorate", DOCTORATE),
    ("Doctor of Philosophy in Physics", DOCTORATE),
]


@pytest.mark.parametrize(("name", "level"), DEGREES)
def test_degree_names_map_to_their_ladder_level(name: str, level: EducationLevel) -> None:
    degree = degree_of(name)
    assert (degree.level, degree.uncertain) == (level, False), degree


VOCABULARY_DEGREES = [
    ("MALD", MASTER),
    ("LL.M.", MASTER),
    ("MPhil", MASTER),
    ("Laurea magistrale", MASTER),
    ("Magíster en Ciencia Política", MASTER),
    ("DEA", MASTER),
    ("DESS", MASTER),
    ("Master 2", MASTER),
    ("Shushi", MASTER),
    ("Magister Artium (M.A.)", MASTER),
    ("Kandidatexamen", BACHELOR),
    ("Laurea triennale", BACHELOR),
    ("Gakushi", BACHELOR),
    ("Doctorat", DOCTORATE),
]


@pytest.mark.parametrize(("name", "level"), VOCABULARY_DEGREES)
def test_degree_names_of_other_systems_from_the_vocabulary(
    name: str, level: EducationLevel
) -> None:
    """levels reads src/jobscreen/vocabulary/degrees.yaml, the one home of degree names."""
    degree = degree_of(name)
    assert (degree.level, degree.uncertain) == (level, False), degree


@pytest.mark.parametrize(
    ("name", "level", "highest"),
    [
        ("MA (Hons)", BACHELOR, MASTER),  # Scottish first degree; a master's in New Zealand
        ("Maîtrise", BACHELOR, MASTER),
        ("Licence", BACHELOR, MASTER),  # pre-Bologna Belgian, Swiss, pre-LMD Burundian
        ("Licence en droit", BACHELOR, MASTER),
        ("Licenciatura", BACHELOR, MASTER),
        ("Cand.mag.", BACHELOR, MASTER),
        ("Diplom", MASTER, MASTER),
    ],
)
def test_a_name_a_person_must_decide_is_uncertain_with_its_highest_meaning(
    name: str, level: EducationLevel, highest: EducationLevel
) -> None:
    degree = degree_of(name)
    assert (degree.level, degree.uncertain, degree.highest) == (level, True, highest), degree
    assert degree.note


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Université de Lausanne, 2007", "CH"),
        ("Universite libre de Bruxelles", "BE"),
        ("Université du Burundi, Bujumbura, Burundi", "BI"),
        ("Universidad de Salamanca (España)", "ES"),
        ("Université de Kinshasa", "CD"),
        ("Universidad Iberoamericana", None),  # no country named
        ("Sorbonne, then ETH", None),  # two countries: none decided
        ("Genèveville Institute", None),  # a city's name inside a word is no city
    ],
)
def test_a_degree_line_names_its_awarding_country(text: str, country: str | None) -> None:
    assert country_in(text) == country


@pytest.mark.parametrize(
    ("name", "country", "level"),
    [
        ("Licence", "CH", MASTER),
        ("Licence en droit", "BI", MASTER),
        ("Licence", "FR", BACHELOR),
        ("Licence", None, None),
        ("Diplomado", "ES", BACHELOR),
        ("Diplomado", "MX", None),
    ],
)
def test_the_awarding_country_decides_where_the_vocabulary_says(
    name: str, country: str | None, level: EducationLevel | None
) -> None:
    assert degree_of(name).in_country(country) == level


def test_course_certificates_are_marked_as_courses_not_degrees() -> None:
    assert degree_of("Graduate Certificate").course
    assert degree_of("Diplomado en Derechos Humanos").course
    assert not degree_of("Postgraduate Diploma").course


def test_postgraduate_diploma_ranks_as_a_master_that_a_person_must_confirm() -> None:
    degree = degree_of("postgraduate diploma")
    assert degree.level is MASTER
    assert degree.uncertain
    assert "Master" in degree.note


@pytest.mark.parametrize(
    "name", ["PhD candidate", "MSc student", "Master's (in progress)", "PhD (ongoing)"]
)
def test_degree_in_progress_has_no_level(name: str) -> None:
    degree = degree_of(name)
    assert degree.level is None
    assert not degree.uncertain
    assert "in progress" in degree.note


def test_unknown_degree_name_is_uncertain_not_rejected() -> None:
    degree = degree_of("Hogwarts NEWTs")
    assert degree.level is None
    assert degree.uncertain
    assert "'Hogwarts NEWTs'" in degree.note


@pytest.mark.parametrize(
    ("text", "level"),
    [("master", MASTER), ("bachelor", BACHELOR), ("short_cycle", EducationLevel.short_cycle)],
)
def test_parse_level_reads_the_vacancy_ladder_names(text: str, level: EducationLevel) -> None:
    assert parse_level(text) is level


# --- languages -------------------------------------------------------------------------

LANGUAGES = [
    ("English", "English"),
    ("english", "English"),
    (" English ", "English"),
    ("en", "English"),
    ("EN", "English"),
    ("eng", "English"),
    ("anglais", "English"),
    ("English (UK)", "English"),
    ("en-GB", "English"),
    ("en_US", "English"),
    ("Norwegian", "Norwegian"),
    ("no", "Norwegian"),
    ("NO", "Norwegian"),
    ("nb", "Norwegian"),
    ("Norsk", "Norwegian"),
    ("fr", "French"),
    ("Fran\u00e7ais", "French"),
    ("Mandarin", "Chinese"),
    ("zh-Hans", "Chinese"),
    ("Klingon", "Klingon"),  # ISO 639-2 tlh, known through langcodes
    ("Qwertyish", None),
    ("none", None),
]


@pytest.mark.parametrize(("text", "name"), LANGUAGES)
def test_language_of_normalises_names_codes_and_endonyms(text: str, name: str | None) -> None:
    assert language_of(text) == name


# --- language levels: one table per vocabulary -------------------------------------------

CEFR: list[tuple[str | int, int]] = [
    ("A1", 1),
    ("A2", 2),
    ("B1", 3),
    ("B2", 4),
    ("C1", 5),
    ("C2", 6),
    ("c1", 5),
    (" b2 ", 4),
]
PHRASES: list[tuple[str | int, int]] = [
    ("native", 6),
    ("Native speaker", 6),
    ("mother tongue", 6),
    ("Mother-tongue", 6),
    ("fluent", 5),
    ("fluency", 5),
    ("Fluency", 5),
    ("working knowledge", 3),
    ("knowledge", 3),
    ("basic", 2),
    # a modifier beats the generic noun it qualifies
    ("basic knowledge", 2),
    # a negated phrase is no level: what remains decides
    ("Fluent (non-native)", 5),
]
LINKEDIN: list[tuple[str | int, int]] = [
    ("elementary", 2),
    ("limited working", 3),
    ("professional working", 4),
    ("full professional", 5),
    ("native or bilingual", 6),
    ("Elementary proficiency", 2),
    ("Limited working proficiency", 3),
    ("Professional working proficiency", 4),
    ("Full professional proficiency", 5),
    ("Native or bilingual proficiency", 6),
]
# STANAG 6001: 0 none, 1 A2, 2 B1, 3 C1, 4-5 C2; "2+" counts as 2.
STANAG: list[tuple[str | int, int]] = [
    ("0", 0),
    ("1", 2),
    ("2", 3),
    ("2+", 3),
    ("3", 5),
    ("3+", 5),
    ("4", 6),
    ("5", 6),
    ("STANAG 3", 5),
    ("SLP 2", 3),
    ("level 1", 2),
    (3, 5),
]
NATO: list[tuple[str | int, int]] = [
    ("I", 1),
    ("II", 2),
    ("III", 3),
    ("IV", 4),
    ("V", 5),
    ("VI", 6),
    ("NATO IV", 4),
]
INSPIRA: list[tuple[str | int, int]] = [
    ("fluent", 5),
    ("confident", 3),
    ("not fluent", 1),
    ("Not Fluent", 1),
]
VOCABULARIES: dict[str, list[tuple[str | int, int]]] = {
    "cefr": CEFR,
    "phrase": PHRASES,
    "linkedin": LINKEDIN,
    "stanag": STANAG,
    "nato": NATO,
    "inspira": INSPIRA,
}
LEVELS = [
    pytest.param(text, value, id=f"{name}-{text}")
    for name, table in VOCABULARIES.items()
    for text, value in table
]


@pytest.mark.parametrize(("text", "value"), LEVELS)
def test_level_value_of_every_vocabulary(text: str | int, value: int) -> None:
    assert level_value(text) == value


@pytest.mark.parametrize(
    "text", ["can order coffee", "", "6", "A0", "C3", "VII", "non-native", "Non native speaker"]
)
def test_unknown_level_is_none_never_zero(text: str) -> None:
    assert level_value(text) is None


# Digits are listening, speaking, reading, writing; each is a STANAG level (3 -> C1 = 5, 2 -> B1
# = 3, 2+ -> 3).
SLP = [
    ("3332", {"understand": 5, "speak": 5, "read": 5, "write": 3}),
    (3332, {"understand": 5, "speak": 5, "read": 5, "write": 3}),
    ("SLP 3332", {"understand": 5, "speak": 5, "read": 5, "write": 3}),
    ("STANAG 3332", {"understand": 5, "speak": 5, "read": 5, "write": 3}),
    ("3/3/3/2", {"understand": 5, "speak": 5, "read": 5, "write": 3}),
    ("1234", {"understand": 2, "speak": 3, "read": 5, "write": 6}),
    ("2+2+2+2+", {"understand": 3, "speak": 3, "read": 3, "write": 3}),
]


@pytest.mark.parametrize(("text", "skills"), SLP)
def test_slp_profile_reads_four_skills(text: str | int, skills: dict[str, int]) -> None:
    assert slp_profile(text) == skills


@pytest.mark.parametrize("text", ["333", "33321", "6332", "C1", "fluent"])
def test_slp_profile_needs_four_stanag_digits(text: str) -> None:
    assert slp_profile(text) is None


EUROPASS = [
    ("listening", "understand"),
    ("reading", "read"),
    ("spoken interaction", "speak"),
    ("spoken production", "speak"),
    ("writing", "write"),
    ("Spoken_Interaction", "speak"),
    ("smell", None),
]


@pytest.mark.parametrize(("text", "skill"), EUROPASS)
def test_skill_names_accept_europass_dimensions(text: str, skill: str | None) -> None:
    assert skill_name(text) == skill


# (vacancy text, skills asked, minimum, how many of the skills must reach it)
VACANCY_LEVELS = [
    ("knowledge", None, 3, 2),  # UN: confident (B1) in at least two of the four
    ("Knowledge", None, 3, 2),
    ("knowledge", ("read",), 3, 1),  # never more skills than are asked
    ("fluent", None, 5, 4),
    ("fluency", None, 5, 4),
    ("working knowledge", None, 3, 4),
    ("native", None, 6, 4),
    ("basic", None, 2, 4),
    ("B2", ("read", "write"), 4, 2),
    ("C1", None, 5, 4),
    ("I", None, 1, 4),
    ("IV", None, 4, 4),
    ("VI", None, 6, 4),
]


@pytest.mark.parametrize(("text", "skills", "minimum", "needed"), VACANCY_LEVELS)
def test_vacancy_level(
    text: str, skills: tuple[str, ...] | None, minimum: int, needed: int
) -> None:
    spec = vacancy_level(text, skills)
    assert spec is not None
    assert (spec.minimum, spec.needed) == (minimum, needed)
    assert spec.skills == (skills or SKILLS)


@pytest.mark.parametrize("text", ["can order coffee", "VII", ""])
def test_unknown_vacancy_level_is_none(text: str) -> None:
    assert vacancy_level(text) is None


def test_degree_names_are_kept_once_read_but_not_long_ones() -> None:
    from jobscreen.levels import known_degree, read_degree

    known_degree.cache_clear()
    assert degree_of("LL.M.") == degree_of("LL.M.") == read_degree("LL.M.")
    assert known_degree.cache_info().hits == 1
    long_name = "Master of Arts " + "x" * 200
    assert degree_of(long_name) == read_degree(long_name)
    assert known_degree.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Tok Pisin", "Tok Pisin"),
        ("Twi", "Twi"),
        ("Kiswahili", "Swahili"),
        ("anglais", "English"),
        ("Deutsch", "German"),
        ("wolof", "Wolof"),
        ("tw", "Twi"),
    ],
)
def test_every_iso_language_is_known_by_name_endonym_or_code(name: str, canonical: str) -> None:
    assert known_language(name) == canonical


def test_a_language_no_table_knows_is_kept_in_a_cv_and_refused_in_a_vacancy() -> None:
    assert known_language("Qwertyish  dialect", keep_unknown=True) == "Qwertyish dialect"
    with pytest.raises(ValueError, match="unknown language"):
        known_language("Qwertyish dialect")
    entry = LanguageEntry.model_validate({"language": "Qwertyish", "level": "C1"})
    assert entry.language == "Qwertyish"


@pytest.mark.parametrize("name", ["Java", "zxx", "mul", "und"])
def test_what_is_no_language_by_its_english_french_or_own_name_is_unknown(name: str) -> None:
    assert language_of(name) is None  # Java is a Javanese name of it; zxx: no content
