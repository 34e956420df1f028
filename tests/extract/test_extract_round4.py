"""Extraction fixes of issue 17, round 4, each from a small input of its own (not the corpus)."""

from __future__ import annotations

from typing import Any

from jobscreen.extract import extract
from jobscreen.levels import level_value


def _education(text: str) -> list[dict[str, Any]]:
    return list(extract(text).data.get("education", []))


def _levels(text: str) -> list[tuple[str, str | None]]:
    return [(d["degree"], d.get("level")) for d in _education(text)]


def test_the_awarding_country_decides_a_licence() -> None:
    text = (
        "EDUCATION\n"
        "Licence en sociologie, Université de Neuchâtel, 1998\n"
        "Licence en économie, Université de Namur (Belgique), 1995\n"
        "Licence de géographie, Université de Bordeaux, 2012\n"
        "Licence en histoire, 2010\n"
    )
    assert _levels(text) == [
        ("Licence", "master"),
        ("Licence", "master"),
        ("Licence", "bachelor"),
        ("Licence", None),  # no country: the name's level stays uncertain
    ]
    notes = [n.message for n in extract(text).notes]
    assert any("awarded in CH" in note for note in notes), notes


def test_school_leaving_and_course_certificates_are_not_degrees() -> None:
    text = (
        "EDUCATION\n"
        "MSc in Economics, University of Toronto, 2014\n"
        "Graduate Certificate in Conflict Resolution, 2016\n"
        "Diplomado en Gestión Pública, Universidad Centroamericana, Nicaragua, 2017\n"
        "Matura, Gymnasium Bern, 2008\n"
    )
    result = extract(text)
    assert [d["degree"] for d in result.data["education"]] == ["MSc"]
    assert any("Graduate Certificate" in line for line in result.unplaced), result.unplaced


def test_a_spanish_diplomado_is_the_degree_it_names() -> None:
    text = "EDUCATION\nDiplomado en Trabajo Social, Universidad de Granada, 1996\n"
    assert _levels(text) == [("Diplomado", "bachelor")]


def _posts(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    posts = extract(text).data.get("experience", [])
    return [(p.get("title"), p.get("organisation"), p.get("start"), p.get("end")) for p in posts]


def test_months_in_roman_numerals_and_month_year_with_a_hyphen() -> None:
    text = (
        "EXPERIENCE\n"
        "Legal Officer  (XI.2019\u2013 present)\n"
        "Ministry of Justice, Warsaw\n"
        "Analyst  (IV.2015\u2013 X.2019)\n"
        "National Bank, Krakow\n"
        "Clerk, City Council\n"
        "Mar-2012 to Feb-2015\n"
    )
    assert _posts(text) == [
        ("Legal Officer", "Ministry of Justice, Warsaw", "2019-11", "present"),
        ("Analyst", "National Bank, Krakow", "2015-04", "2019-10"),
        ("Clerk", "City Council", "2012-03", "2015-02"),
    ]


def test_year_slash_month_in_square_brackets_and_an_open_arrow_range() -> None:
    text = (
        "EXPÉRIENCE\n"
        "Conseiller juridique\n"
        "Ministère de la Justice, Niamey   [2017/05\u2013 2020/02]\n"
        "09/2020 →  Juriste, Cour suprême\n"
    )
    assert _posts(text) == [
        ("Conseiller juridique", "Ministère de la Justice, Niamey", "2017-05", "2020-02"),
        ("Juriste", "Cour suprême", "2020-09", "present"),
    ]


def test_an_academic_year_is_still_a_range_of_years() -> None:
    assert _posts("EXPERIENCE\n2005/06 Officer, Town Hall\n") == [
        ("Officer", "Town Hall", "2005", "2006")
    ]


def test_a_long_title_and_employer_joined_by_a_plain_hyphen_below_the_dates() -> None:
    text = (
        "EXPERIENCE\n"
        "2016-02 - now\n"
        "Chief of Section, Regional Planning and Evaluation - Ministry of Transport and "
        "Public Works, Strategy Directorate\n"
        "  - Drafted the plan.\n"
    )
    assert _posts(text) == [
        (
            "Chief of Section, Regional Planning and Evaluation",
            "Ministry of Transport and Public Works, Strategy Directorate",
            "2016-02",
            "present",
        )
    ]


def test_a_list_item_above_a_dates_only_line_is_the_post() -> None:
    text = (
        "Work history\n"
        "1. Country Director, Oxfam, Malawi Office\n"
        "Jan 2019 to date\n"
        "- Led a team of 40.\n"
        "2. Finance Officer, Red Cross\n"
        "Feb 2015 to Dec 2018\n"
    )
    assert _posts(text) == [
        ("Country Director", "Oxfam, Malawi Office", "2019-01", "present"),
        ("Finance Officer", "Red Cross", "2015-02", "2018-12"),
    ]


def _languages(text: str) -> list[tuple[str, str | None]]:
    found = extract(text).data.get("languages", [])
    return [(entry["language"], entry.get("level")) for entry in found]


def test_a_level_in_the_cell_under_its_language_and_in_a_markdown_table() -> None:
    text = (
        "LANGUES\n\n"
        "Allemand\nexcellente maîtrise (C2)\n\n"
        "Anglais\nbon niveau \u2013 B2 (TOEFL)\n\n"
        "## Langues\n\n| Langue | Niveau |\n|---|---|\n"
        "| Portugais | langue maternelle |\n| Espagnol | intermédiaire |\n"
    )
    assert _languages(text) == [
        ("German", "C2"),
        ("English", "B2"),
        ("Portuguese", "native"),
        ("Spanish", "intermediate"),
    ]


def test_level_words_fair_rudiments_working_command_and_perfect_mastery() -> None:
    text = (
        "LANGUAGES\n"
        "Swahili - fair\nDutch - rudiments\nRussian - a working command\n"
        "Français : maîtrise parfaite\n"
    )
    assert [(name, level_value(str(level))) for name, level in _languages(text)] == [
        ("Swahili", 2),
        ("Dutch", 1),
        ("Russian", 3),
        ("French", 6),
    ]


def test_any_language_iso_639_names_is_read_under_a_languages_heading() -> None:
    text = "LANGUAGES\n- Luganda \u2013 mother tongue\n- Tigrinya \u2013 basic\n- Fluent: C1\n"
    assert _languages(text) == [("Ganda", "mother tongue"), ("Tigrinya", "basic")]


def test_an_open_range_in_a_markdown_table_row() -> None:
    text = "EXPERIENCE\n| 03/2021 \u2192 | Field Officer | Danish Refugee Council |\n"
    assert _posts(text) == [("Field Officer", "Danish Refugee Council", "2021-03", "present")]


def test_subject_and_institution_told_before_the_degrees_of_a_sentence() -> None:
    text = (
        "EDUCATION\n"
        "She read economics at Makerere University: a B.S.S. in 2001 and an M.S.S. in 2003.\n"
    )
    assert [
        (d["degree"], d.get("field"), d.get("institution"), d.get("year")) for d in _education(text)
    ] == [
        ("B.S.S.", "economics", "Makerere University", 2001),
        ("M.S.S.", "economics", "Makerere University", 2003),
    ]


def test_varieties_of_one_language_joined_by_slashes_are_one_entry() -> None:
    text = "LANGUAGES\nSERBIAN/CROATIAN: C1\nCroatian / Bosnian \u2013 B2\nGerman/Dutch: A2\n"
    assert _languages(text) == [
        ("Serbian/Croatian", "C1"),
        ("Croatian/Bosnian", "B2"),
        ("German", "A2"),  # two languages, each its own entry
        ("Dutch", "A2"),
    ]


def _degrees(text: str) -> list[tuple[str, str | None, str | None, int | None]]:
    found = _education(text)
    return [(d["degree"], d.get("field"), d.get("institution"), d.get("year")) for d in found]


def test_a_subject_and_an_institution_wrapped_by_a_narrow_column() -> None:
    text = (
        "FORMATION\n"
        "Licence en lettres (philosophie et\n"
        "linguistique)\n"
        "Université de Fribourg, 1996\n"
        "DESS en gestion publique\n"
        "Institut de hautes études en administration\n"
        "publique (IDHEAP), Lausanne, 1999\n"
    )
    assert _degrees(text) == [
        ("Licence", "lettres (philosophie et linguistique)", "Université de Fribourg", 1996),
        (
            "DESS",
            "gestion publique",
            "Institut de hautes études en administration publique (IDHEAP), Lausanne",
            1999,
        ),
    ]


def test_french_honours_are_not_part_of_the_subject() -> None:
    text = "FORMATION\nMaîtrise en histoire (mention très bien), Université de Nantes, 2001\n"
    assert _degrees(text) == [("Maîtrise", "histoire", "Université de Nantes", 2001)]


def test_a_post_a_person_took_up_on_a_date_and_years_inside_a_duty_bracket() -> None:
    text = (
        "Maria Lopes is Chief of the Protection Cluster at the UNHCR Regional Bureau,\n"
        "Nairobi, a position she took up on 3 March 2020.\n\n"
        "From May 2014 to February 2020 she worked at the OSCE Secretariat as Adviser in the\n"
        "Gender Section, where she ran the regional dialogues (2015-2018 cycles).\n"
    )
    posts = _posts(text)
    assert [(p[2], p[3]) for p in posts] == [("2020-03", "present"), ("2014-05", "2020-02")]
    assert posts[0][0] == "Chief of the Protection Cluster"


def test_a_french_first_person_post_after_je_suis() -> None:
    text = "Depuis mai 2019, je suis Conseillère juridique au Ministère de la Justice.\n"
    assert _posts(text) == [
        ("Conseillère juridique", "Ministère de la Justice", "2019-05", "present")
    ]


def test_a_level_that_is_also_a_heading_word_under_its_language() -> None:
    text = "LANGUES\n\nWolof\nlangue maternelle\n\nAnglais\nnotions\n"
    assert _languages(text) == [("Wolof", "native"), ("English", "A2")]
