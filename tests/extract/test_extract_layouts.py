"""Layouts of round 3: the Europass online editor's dates-and-place line, with the title in
capitals below it after a blank line and the employer under that; a degree's subject in
capitals before its institution. Every input here is written for these tests."""

from __future__ import annotations

from jobscreen.extract import extract

_EUROPASS = (
    "### WORK EXPERIENCE\n\n"
    "**01/04/2020 \u2013 CURRENT** Vienna, Austria\n\n"
    "**SENIOR ANALYST, SAFEGUARDS DEPARTMENT**\n"
    "International Atomic Energy Agency (IAEA)\n\n"
    "- Leads a team of six.\n\n"
    "**15/03/2016 \u2013 31/03/2020** Geneva, Switzerland\n\n"
    "**PROGRAMME OFFICER**\n"
    "World Meteorological Organization\n\n"
    "### EDUCATION AND TRAINING\n\n"
    "**2004 \u2013 2006** Lisbon, Portugal\n\n"
    "**MESTRADO IN EUROPEAN STUDIES** University of Lisbon\n\n"
    "**2001 \u2013 2004** Lisbon, Portugal\n\n"
    "**LICENCIATURA (LIC.) IN LAW** University of Lisbon\n"
)


def test_a_place_after_the_dates_is_neither_title_nor_employer() -> None:
    first, second = extract(_EUROPASS).data["experience"]
    assert first["title"] == "SENIOR ANALYST, SAFEGUARDS DEPARTMENT"
    assert first["organisation"] == "International Atomic Energy Agency (IAEA)"
    assert (first["start"], first["end"]) == ("2020-04-01", "present")
    assert (second["title"], second["organisation"]) == (
        "PROGRAMME OFFICER",
        "World Meteorological Organization",
    )


def test_a_capitalised_subject_ends_where_the_institution_begins() -> None:
    first, second = extract(_EUROPASS).data["education"]
    assert (first["field"], first["institution"], first["year"]) == (
        "EUROPEAN STUDIES",
        "University of Lisbon",
        2006,
    )
    assert (second["field"], second["year"]) == ("LAW", 2004)


def test_a_title_and_employer_on_one_line_below_the_dates_stay_split() -> None:
    text = (
        "Experience\n\n2015 - 2019\nPolicy Officer, Ministry of Health\n"
        "Drafted the national strategy.\n"
    )
    [post] = extract(text).data["experience"]
    assert (post["title"], post["organisation"]) == ("Policy Officer", "Ministry of Health")


def test_a_flattened_table_row_title_duties_then_employer() -> None:
    text = (
        "EXPÉRIENCE PROFESSIONNELLE\n\n"
        "mars 2016 \u2013 ce jour\n"
        "Coordinatrice de programme\n"
        "Suivi des projets de 2017 ; appui aux élections de 2018-2019.\n"
        "Organisation internationale pour les migrations (OIM)\n"
        "Dakar\n"
    )
    [post] = extract(text).data["experience"]
    assert post["title"] == "Coordinatrice de programme"
    assert post["organisation"] == "Organisation internationale pour les migrations (OIM)"
    assert (post["start"], post["end"]) == ("2016-03", "present")


def test_a_part_of_a_sentence_cut_at_a_semicolon_is_no_employer() -> None:
    text = (
        "Experience\n\n2012 - 2015\nField Officer\n"
        "Registration of returnees; monitoring of 12 sites.\n"
    )
    [post] = extract(text).data["experience"]
    assert "organisation" not in post


def test_a_long_title_wrapped_onto_the_employers_line() -> None:
    text = (
        "Experience\n\nSenior Adviser on Humanitarian Access and Civil-Military\n"
        "Coordination, Office for the Coordination of Humanitarian Affairs\n2016 - 2020\n"
    )
    [post] = extract(text).data["experience"]
    assert post["title"] == "Senior Adviser on Humanitarian Access and Civil-Military Coordination"
    assert post["organisation"] == "Office for the Coordination of Humanitarian Affairs"


def test_an_employer_line_with_a_place_is_not_a_wrapped_title() -> None:
    text = (
        "Experience\n\nHead of Programmes for the Horn of Africa region\n"
        "Norwegian Church Aid, Oslo\n2015 - 2019\n"
    )
    [post] = extract(text).data["experience"]
    assert post["organisation"] == "Norwegian Church Aid, Oslo"
