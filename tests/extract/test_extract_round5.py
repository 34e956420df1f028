"""Extraction fixes of issue 17, round 5, each from a small input of its own (not the corpus)."""

from __future__ import annotations

from typing import Any

from jobscreen.extract import extract


def _languages(text: str) -> list[tuple[str, Any]]:
    return [(d["language"], d.get("level")) for d in extract(text).data.get("languages", [])]


def test_a_language_label_ending_a_line_takes_the_level_below() -> None:
    text = "LANGUES\nAllemand : langue maternelle. Espagnol :\navancé (C1). Italien : notions.\n"
    names = dict(_languages(text))
    assert names.get("Spanish") == "C1", names
    assert names.get("German") == "native"
    assert names.get("Italian") is not None


def test_a_bare_label_outside_languages_stays_a_sub_heading() -> None:
    text = "LANGUAGES\nOther languages:\nGerman (B1)\n"
    assert _languages(text) == [("German", "B1")]


def test_a_level_first_then_a_remark_after_a_dash() -> None:
    text = (
        "Languages\n| Language | Level |\n|---|---|\n"
        "| Swahili | fluent — used daily in the field office |\n"
    )
    assert _languages(text) == [("Swahili", "fluent")]


def test_a_level_word_is_not_read_from_a_remark_without_a_break() -> None:
    text = "Languages\nItalian - advanced course at the Dante Alighieri society\n"
    assert _languages(text) == [("Italian", None)]


def test_a_level_told_with_is_in_a_sentence() -> None:
    text = (
        "Languages\n"
        "Arabic is my first language. My German is basic (A2): I read the papers slowly.\n"
        "My Dutch is good.\n"
    )
    assert _languages(text) == [("Arabic", "first language"), ("German", "A2"), ("Dutch", "good")]


def _posts(text: str) -> list[tuple[Any, Any, Any]]:
    return [
        (p.get("title"), p.get("organisation"), p.get("start"))
        for p in extract(text).data.get("experience", [])
    ]


def test_a_middle_dot_parts_title_and_employer_after_dates_in_code_spans() -> None:
    text = (
        "# Kofi Mensah\n\n## Experience\n\n"
        "`2019 \u2013 2023` **Programme Officer, Health Systems** · Ghana Health Service, Accra\n\n"
        "- Ran a team of four\n\n"
        "`2014 \u2013 2019` Analyst · Ministry of Finance, Accra\n"
    )
    assert _posts(text) == [
        ("Programme Officer, Health Systems", "Ghana Health Service, Accra", "2019"),
        ("Analyst", "Ministry of Finance, Accra", "2014"),
    ]


def test_a_heading_title_over_an_employer_holding_a_title_word() -> None:
    text = (
        "# Awa Diallo\n\n## EXPERIENCE\n\n"
        "### Senior Adviser, Mediation Support\n"
        "**Office of the Special Envoy for the Sahel**, Dakar \u2014 since March 2018\n\n"
        "* led a team of six\n"
    )
    assert _posts(text) == [
        (
            "Senior Adviser, Mediation Support",
            "Office of the Special Envoy for the Sahel, Dakar",
            "2018-03",
        )
    ]


def test_a_heading_naming_the_employer_leaves_the_title_on_the_dated_line() -> None:
    text = (
        "# Awa Diallo\n\n## EXPERIENCE\n\n"
        "### Office of the Special Envoy\n"
        "Political Officer, Dakar \u2014 since March 2018\n"
    )
    assert [p[0] for p in _posts(text)] == ["Political Officer"]


def test_a_post_told_with_appointed_names_title_and_employer() -> None:
    text = (
        "CAREER\n\n"
        "After the elections, Maria was appointed Head of Field Operations at Mercy Relief "
        "Kenya, a national charity (March 2015 to June 2019). She led a team of forty.\n"
    )
    assert _posts(text) == [("Head of Field Operations", "Mercy Relief Kenya", "2015-03")]


def test_a_cefr_level_in_a_remark_after_a_local_level_word_wins() -> None:
    text = "LANGUES\nItalien : courant (séjour d'études à Bologne, B2). Espagnol : courant.\n"
    assert _languages(text) == [("Italian", "B2"), ("Spanish", "fluent")]


def test_a_clause_after_the_institution_is_not_part_of_it() -> None:
    text = (
        "Amara Okafor\n\n"
        "I completed my MSc in Economics at the University of Ibadan in 2004 and my PhD in "
        "Development Studies at the University of Sussex in 2010, with a thesis on tariffs.\n"
    )
    education = extract(text).data["education"]
    assert [(d["degree"], d.get("institution")) for d in education] == [
        ("MSc", "University of Ibadan"),
        ("PhD", "University of Sussex"),
    ]


def test_an_employer_alone_below_the_dates_then_an_office_line_is_not_a_crash() -> None:
    """The line below a dates-only line read as an employer alone, then a line naming an
    office: the 'title, employer' widening once looked up a title that was not there."""
    text = (
        "PROFESSIONAL EXPERIENCE\n\n2019 - present\nSecretariat of the Pacific Community\n"
        "Regional Forum Office\n"
    )
    assert _posts(text) == [(None, "Secretariat of the Pacific Community", "2019")]
