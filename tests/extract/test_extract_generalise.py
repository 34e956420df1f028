"""Extraction rules that generalise beyond the development corpus (issue 17, round 2): each
test is written from its own invented CV lines, not from a corpus document."""

from __future__ import annotations

from typing import Any

import pytest

from jobscreen.extract import extract
from jobscreen.levels import EducationLevel, degree_of


def _degrees(text: str) -> list[dict[str, Any]]:
    education: list[dict[str, Any]] = extract(text).data.get("education", [])
    return education


@pytest.mark.parametrize(
    ("line", "degree", "field", "level"),
    [
        (
            "- Maîtrise en science politique (M.A.), Université de Montréal, 2011",
            "Maîtrise (MA)",
            "science politique",
            EducationLevel.master,
        ),
        (
            "- Baccalauréat en économie (B.Sc.), Université de Sherbrooke, 2008",
            "Baccalauréat (BSc)",
            "économie",
            EducationLevel.bachelor,
        ),
        (
            "Mestrado em Economia (MSc in Economics), Universidade do Porto, 2012",
            "Mestrado (MSc)",
            "Economia",
            EducationLevel.master,
        ),
    ],
)
def test_a_degree_glossed_in_brackets_after_its_subject_is_one_degree(
    line: str, degree: str, field: str, level: EducationLevel
) -> None:
    found = _degrees(f"EDUCATION\n{line}\n")
    assert [(d["degree"], d.get("field")) for d in found] == [(degree, field)]
    assert degree_of(found[0]["degree"]).level == level


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Licencjat", EducationLevel.bachelor),
        ("Bakalář", EducationLevel.bachelor),
        ("Diplomă de licență", EducationLevel.bachelor),
        ("Diplomă de master", EducationLevel.master),
        ("Yüksek lisans", EducationLevel.master),
        ("Lisans", EducationLevel.bachelor),
        ("DES", EducationLevel.master),
    ],
)
def test_national_degree_names_have_their_isced_level(name: str, level: EducationLevel) -> None:
    found = _degrees(f"EDUCATION\n{name} in History, University of Somewhere, 2010\n")
    assert [(d["degree"], d.get("year")) for d in found] == [(name, 2010)]
    assert degree_of(name).level == level


def test_a_gloss_does_not_decide_a_name_known_as_written() -> None:
    assert degree_of("MA (Hons)").uncertain
    assert degree_of("Maîtrise").uncertain
    assert not degree_of("Maîtrise (LL.M.)").uncertain


def test_two_degrees_on_one_line_stay_two() -> None:
    found = _degrees("EDUCATION\nBA in History (2005), MA in Politics (2007), Some University\n")
    assert [d["degree"] for d in found] == ["BA", "MA"]


def test_french_europass_headings_open_their_sections() -> None:
    text = (
        "ÉDUCATION ET FORMATION\n2009 \u2013 2010\nMaster en droit public\nUniversité de Lyon\n"
        "FORMATION CONTINUE\n2014\nStage de négociation, Institut Exemple\n"
    )
    data = extract(text).data
    assert [(d["degree"], d.get("year")) for d in data["education"]] == [("Master", 2010)]
    assert "experience" not in data


def _languages(text: str) -> list[dict[str, Any]]:
    languages: list[dict[str, Any]] = extract(text).data.get("languages", [])
    return languages


@pytest.mark.parametrize(
    ("line", "language", "level"),
    [
        ("portugais langue maternelle", "Portuguese", "native"),
        ("allemand courant (niveau C1)", "German", "C1"),
        ("italien lu, écrit, parlé", "Italian", "B2"),
        ("polonais notions", "Polish", "A2"),
        ("Turkish: ILR 2 (Anatolian)", "Turkish", "ILR 2"),
        ("Hausa (ILR 3)", "Hausa", "ILR 3"),
        ("Shona (native)", "Shona", "native"),
        ("hassaniya : langue maternelle", "Hassaniya Arabic", "native"),
    ],
)
def test_a_level_beside_a_listed_language(line: str, language: str, level: str) -> None:
    assert _languages(f"LANGUES\n{line}\n") == [{"language": language, "level": level}]


def test_a_stanag_profile_alone_gives_each_skill_its_level() -> None:
    found = _languages("LANGUAGES\nSpanish - STANAG 6001 SLP 3332\n")
    assert found == [
        {
            "language": "Spanish",
            "level": {"understand": "C1", "speak": "C1", "read": "C1", "write": "B1"},
        }
    ]


def test_a_europass_grid_as_a_markdown_table_with_a_labelled_mother_tongue() -> None:
    text = (
        "COMPÉTENCES PERSONNELLES\n**Langue(s) maternelle(s) :** bulgare\n\n"
        "| | Écouter | Lire | Conversation | Expression orale | Écrire |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| anglais | C1 | C1 | C1 | C1 | C1 |\n| grec | B2 | B1 | A2 | A2 | A1 |\n"
    )
    assert _languages(text) == [
        {"language": "Bulgarian", "level": "native"},
        {"language": "English", "level": "C1"},
        {
            "language": "Greek",
            "level": {"understand": "B2", "read": "B1", "speak": "A2", "write": "A1"},
        },
    ]


def _posts(text: str) -> list[dict[str, Any]]:
    posts: list[dict[str, Any]] = extract(text).data.get("experience", [])
    return [{k: p.get(k) for k in ("title", "organisation", "start", "end")} for p in posts]


def test_a_title_above_an_employer_place_and_dates_line() -> None:
    text = (
        "Sam Example\n\nExperience\nSenior Analyst (P-4)\n"
        "Asian Development Bank, Governance Unit | Manila | 03/2018 - present\n"
        "- Leads the governance portfolio.\nField Coordinator\n"
        "Acme Relief | Juba and Wau | 2012 - 02/2018\n"
    )
    assert _posts(text) == [
        {
            "title": "Senior Analyst (P-4)",
            "organisation": "Asian Development Bank, Governance Unit",
            "start": "2018-03",
            "end": "present",
        },
        {
            "title": "Field Coordinator",
            "organisation": "Acme Relief",
            "start": "2012",
            "end": "2018-02",
        },
    ]


def test_a_dates_and_places_line_under_a_title_and_employer_heading() -> None:
    text = (
        "Expérience\nConseillère \u2013 Réseau Exemple\n"
        "mars 2004 \u2013 déc. 2009 | Dakar et Bamako\n"
    )
    assert _posts(text) == [
        {
            "title": "Conseillère",
            "organisation": "Réseau Exemple",
            "start": "2004-03",
            "end": "2009-12",
        }
    ]


def test_a_year_range_in_a_duty_sentence_under_a_post_is_no_post() -> None:
    text = (
        "EXPERIENCE\nProgramme Officer, Example Fund, Nairobi (June 2015 - present)\n"
        "Ran the water project (2016-2018 cycle) and the school programme.\n"
        "- Wrote the review of the 2015-2017 strategy (2015-2017).\n"
    )
    assert _posts(text) == [
        {
            "title": "Programme Officer",
            "organisation": "Example Fund, Nairobi",
            "start": "2015-06",
            "end": "present",
        }
    ]


_FORM = """\
12. LANGUAGES.  What is your mother tongue? Greek

    Other languages        Read        Write       Speak       Understand
    German                 Easily      Not easily  Easily      Easily      (intermediate)

14. EDUCATION.  Give full details.

    Name, place and country       | Attended      | Degrees       | Main course of study
                                  | From    To    |               |
    ------------------------------+---------------+---------------+----------------------
    University of Athens,         | 2001    2005  | BA            | Political
    Athens, Greece                |               |               | Science
    Example Institute,            | 2005    2006  | MA            | Economics
    Geneva                        |               |               |

    Gymnasium of Patras, Greece   1995 - 2001   Apolytirion
"""


def test_a_form_with_headings_and_questions_on_one_line_and_a_table_without_row_rules() -> None:
    data = extract(_FORM).data
    assert data["languages"] == [
        {"language": "Greek", "level": "mother tongue"},
        {"language": "German", "level": "intermediate"},
    ]
    assert [(d["degree"], d.get("field"), d.get("year")) for d in data["education"]] == [
        ("BA", "Political Science", 2005),
        ("MA", "Economics", 2006),
    ]
    assert "experience" not in data


def test_a_degree_told_in_prose_wrapped_after_a_small_word() -> None:
    text = (
        "Diplômée d'une licence en droit de l'Université de Lomé (2004) et d'un "
        "DESS de\ngestion des crises de l'Université de Lyon (2006), elle est aussi membre "
        "d'un réseau (2015).\n"
    )
    found = _degrees(text)
    assert [(d["degree"], d.get("field"), d.get("year")) for d in found] == [
        ("Licence", "droit", 2004),
        ("DESS", "gestion des crises", 2006),
    ]


def test_a_degree_year_is_the_first_given_with_it_not_a_later_one() -> None:
    text = "He holds a PhD from the University of Oslo (2012), with a thesis published (2015).\n"
    assert [(d["degree"], d.get("year")) for d in _degrees(text)] == [("PhD", 2012)]
    ranged = _degrees("EDUCATION\nMSc in Economics, University of Ghana, 2008 - 2010\n")
    assert [d.get("year") for d in ranged] == [2010]


def test_a_subject_wrapped_by_a_narrow_column_stays_with_its_degree() -> None:
    text = (
        "EDUCATION\nMaster (MA) in Public\nPolicy\nUniversity of Bergen, 2011\nSKILLS\nDrafting\n"
    )
    assert [(d["degree"], d.get("field"), d.get("year")) for d in _degrees(text)] == [
        ("MA", "Public Policy", 2011)
    ]


def test_a_sentence_wrapped_after_a_small_word_goes_on_but_a_title_does_not() -> None:
    told = (
        "Maria Example is the **Head of the Border Management Unit** in the\n"
        "Regional Office of the International Organization for Migration, a post she has "
        "held since May 2021.\n"
    )
    [post] = _posts(told)
    assert (post["start"], post["end"]) == ("2021-05", "present")
    assert "Regional Office" in str(post["organisation"])
    listed = "Experience\n\nCoordinator of the Programme for Displaced People in the region of\n"
    [titled] = _posts(listed + "Ministry of the Interior\n2015 - 2018\n")
    assert titled["organisation"] == "Ministry of the Interior"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Welsh and English are both her mother tongues.",
            [
                {"language": "Welsh", "level": "mother tongue"},
                {"language": "English", "level": "mother tongue"},
            ],
        ),
        ("He has a basic level of Italian.", [{"language": "Italian", "level": "basic"}]),
        ("Her Spanish is at level B1.", [{"language": "Spanish", "level": "B1"}]),
        ("Sa langue maternelle est le Wolof.", [{"language": "Wolof", "level": "native"}]),
    ],
)
def test_languages_told_in_a_sentence(sentence: str, expected: list[dict[str, str]]) -> None:
    assert _languages(sentence + "\n") == expected
