"""Extraction improvements of issue 17, each from a small input of its own (not the corpus)."""

from __future__ import annotations

from typing import Any

from jobscreen.extract import extract


def _education(text: str) -> list[dict[str, Any]]:
    return list(extract(text).data.get("education", []))


def test_prose_wrapped_after_a_comma_or_a_capitalised_word_is_one_sentence() -> None:
    text = (
        "EDUCATION\n"
        "She holds a Doctorate in Marine Ecology from the Faculty of Natural Sciences,\n"
        "Lund University (2015), and a Bachelor of Science from the National Polytechnic\n"
        "School of Engineering, Quito (2009).\n"
    )
    assert [(d["degree"], d.get("year")) for d in _education(text)] == [
        ("Doctorate", 2015),
        ("Bachelor of Science", 2009),
    ]
    assert _education(text)[1]["institution"] == "National Polytechnic School of Engineering, Quito"


def test_short_lines_are_not_joined() -> None:
    text = (
        "EXPERIENCE\nShe was Adviser at the Ministry of Health\n"
        "Finance Officer, UNDP, 2019 - 2021\n"
    )
    titles = [p["title"] for p in extract(text).data.get("experience", [])]
    assert titles == ["Finance Officer"]


def _degree(text: str) -> list[tuple[str, str | None, int | None]]:
    return [(d["degree"], d.get("field"), d.get("year")) for d in _education(text)]


def test_national_degree_names_come_from_the_degree_vocabulary() -> None:
    text = (
        "EDUCATION\n"
        "Laurea triennale in Economia, Università di Torino, 2010\n"
        "Master 2 Droit public, Université de Lille, 2012\n"
        "Licence en droit, Université de Genève, 2008\n"
    )
    assert _degree(text) == [
        ("Laurea triennale", "Economia", 2010),
        ("Master 2", "Droit public", 2012),
        ("Licence", "droit", 2008),
    ]


def test_a_bracket_stays_with_a_name_only_where_it_changes_the_level() -> None:
    extraction = extract(
        "EDUCATION\nMA (Hons) in Geography, University of Aberdeen, 2011\n"
        "BA (Hons) in History, University of Leeds, 2007\n"
    )
    names = [d["degree"] for d in extraction.data["education"]]
    assert names == ["MA (Hons)", "BA"]
    assert ("education", 0) in extraction.uncertain  # Scottish or not: a person decides
    assert ("education", 1) not in extraction.uncertain


def test_everyday_words_and_lower_case_acronyms_are_no_degree() -> None:
    text = (
        "EXPERIENCE\nAssociate Political Affairs Officer, UNDP, 2019 - 2021\n"
        "Since 2021 he has served as Adviser at the OSCE.\n"
    )
    assert _education(text) == []


def test_a_date_column_gives_the_degree_below_its_year() -> None:
    text = (
        "EDUCATION\n2011\nLaurea magistrale in Economia   EQF level 7\nUniversità di Pavia\n"
        "2008\nLicence de sociologie\nUniversité de Nantes\n2015\n"
    )
    extraction = extract(text)
    assert _degree(text) == [
        ("Laurea magistrale", "Economia", 2011),
        ("Licence", "sociologie", 2008),
    ]
    assert extraction.unplaced == ("2015",)  # dates no degree takes are left, not guessed


def test_a_year_below_a_degree_and_its_institution_is_the_degree_s() -> None:
    text = "EDUCATION\nMPhil, development studies\nUniversity of Cambridge,\n2013\n"
    assert _degree(text) == [("MPhil", "development studies", 2013)]


def _languages(text: str) -> list[dict[str, Any]]:
    return list(extract(text).data.get("languages", []))


def test_a_europass_grid_read_from_a_pdf_is_a_column_of_five_levels() -> None:
    text = (
        "LANGUAGES\nMother tongue(s)\nGreek\nOther language(s)\nListening\nReading\n"
        "German\nB2\nC1\nB1\nB1\nA2\nDutch\nA2\nA2\nA2\nA2\nA2\n"
    )
    assert _languages(text) == [
        {"language": "Greek", "level": "mother tongue"},
        {
            "language": "German",
            "level": {"understand": "B2", "read": "C1", "speak": "B1", "write": "A2"},
        },
        {"language": "Dutch", "level": "A2"},  # one level where all five skills agree
    ]


def test_a_level_over_no_language_is_unplaced() -> None:
    extraction = extract("LANGUAGES\nFluent\n\nEXPERIENCE\nAnalyst, UNDP, 2019 - 2020\n")
    assert "Fluent" in extraction.unplaced


def test_a_cefr_level_stated_beside_other_words_wins() -> None:
    text = (
        "LANGUAGES\nTurkish — near-native (C2)\nGerman (B2 - good, used at work daily)\n"
        "Farsi (Persian language): B1\n"
    )
    assert [(e["language"], e["level"]) for e in _languages(text)] == [
        ("Turkish", "C2"),
        ("German", "B2"),
        ("Persian", "B1"),
    ]


def test_a_level_told_in_a_sentence() -> None:
    text = (
        "PROFILE\nLogistics officer. French is my main working language (C1). "
        "My Polish is certified at STANAG 6001 SLP 3332 by the language school.\n"
    )
    levels = {e["language"]: e.get("level") for e in _languages(text)}
    assert levels["French"] == "C1"
    assert levels["Polish"] == {"understand": "C1", "speak": "C1", "read": "C1", "write": "B1"}


def _posts(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [
        (p.get("title"), p.get("organisation"), p.get("start"), p.get("end"))
        for p in extract(text).data.get("experience", [])
    ]


def test_months_of_one_year_given_once() -> None:
    text = "EXPERIENCE\nStagiaire — Ambassade de France, Dakar\navril \u2013 septembre 2012\n"
    assert _posts(text) == [("Stagiaire", "Ambassade de France, Dakar", "2012-04", "2012-09")]


def test_a_long_title_and_employer_line_above_its_dates() -> None:
    text = (
        "EXPERIENCE\nHuman Rights Officer — Rule of Law Section, United Nations Mission "
        "in South Sudan (then UNMIS), Juba\nMarch 2011 - June 2014\n"
    )
    assert _posts(text) == [
        (
            "Human Rights Officer",
            "Rule of Law Section, United Nations Mission in South Sudan (then UNMIS), Juba",
            "2011-03",
            "2014-06",
        )
    ]


def test_a_course_under_military_education_is_no_post() -> None:
    text = (
        "EXPERIENCE\nBattalion Commander, German Army, 2014 - 2016\n"
        "MILITARY EDUCATION\n2010 \u2013 2012 General Staff Officer Course, Command College\n"
    )
    assert [p[0] for p in _posts(text)] == ["Battalion Commander"]


def test_degrees_told_in_prose_in_english_and_french() -> None:
    english = (
        "Ingrid holds an MPhil in Social Anthropology from the University of Tromsø (2001) and\n"
        "a Cand.mag. in History from the University of Oslo (1998).\n"
    )
    french = "Titulaire d'une maîtrise en droit public de l'Université de Dakar (2004).\n"
    assert _degree(english) == [
        ("MPhil", "Social Anthropology", 2001),
        ("Cand.mag.", "History", 1998),
    ]
    assert _degree(french) == [("maîtrise", "droit public", 2004)]
    assert _education(french)[0]["institution"] == "Université de Dakar"


def test_a_national_name_in_a_post_s_bullets_is_no_degree() -> None:
    text = (
        "EXPERIENCE\nChargée de mission — Ministère des Armées, Paris\n2015 - 2019\n"
        "- Maîtrise des armements conventionnels, Document de Vienne\n"
    )
    assert _education(text) == []
    assert len(_posts(text)) == 1


def test_titles_below_their_dates_keep_that_layout_for_every_post() -> None:
    text = (
        "WORK EXPERIENCE\nMay 2018 - Present\nLogistics Officer\nUNICEF, Kampala\n"
        "- Supply chain for 40 health centres; training\nof district staff\n"
        "Business or sector  Humanitarian assistance\nJune 2012 - April 2018\n"
        "Field Assistant\nOxfam, Gulu\n"
    )
    assert _posts(text) == [
        ("Logistics Officer", "UNICEF, Kampala", "2018-05", "present"),
        ("Field Assistant", "Oxfam, Gulu", "2012-06", "2018-04"),
    ]


def test_a_un_form_s_employment_record() -> None:
    text = (
        "EMPLOYMENT RECORD\n"
        "   A. PRESENT POST\n      From: 02/2020        To: present\n"
        "      Exact title of your post: Legal Officer, Treaty Section\n"
        "      Name of employer: Office of Legal Affairs\n"
    )
    assert _posts(text) == [
        ("Legal Officer, Treaty Section", "Office of Legal Affairs", "2020-02", "present")
    ]


def test_a_post_told_with_its_start_and_end_apart() -> None:
    told = (
        "He began his career in 2004 as an Analyst at the Stockholm Centre for Eastern "
        "European Studies (SCEEUS), where he followed Belarus until 2008.\n"
    )
    assert _posts(told) == [
        ("Analyst", "Stockholm Centre for Eastern European Studies (SCEEUS)", "2004", "2008")
    ]
    leaving = (
        "From 2011 until I moved to Geneva I was Legal Adviser at the Ministry of Justice of "
        "Ghana, leaving in June 2015.\n"
    )
    assert _posts(leaving) == [("Legal Adviser", "Ministry of Justice of Ghana", "2011", "2015-06")]
    # no title and employer between the two years: no post
    assert _posts("In 2004 the project began; it ran until 2008 in three regions.\n") == []


def test_a_plain_text_table_with_wrapped_cells_reads_a_row_a_degree() -> None:
    rule = "   ----------------+----------------+-------------------+--------------\n"
    text = (
        "EDUCATION\n"
        "   Name and place   | Attended       | Degree            | Main course\n"
        + rule
        + "   University of    | 09/2001 06/2004| Bachelor of Arts  | Economics and\n"
        "   Ghana, Legon     |                | (BA), first class | Statistics\n"
        + rule
        + "   Achimota High    | 01/1996 12/2000| Senior Secondary  | General Arts\n"
        "   School, Accra    |                | School Certificate|\n"
    )
    assert _degree(text) == [("BA", "Economics and Statistics", 2004)]


def test_a_markdown_table_keeps_a_row_a_line() -> None:
    text = (
        "EDUCATION\n| Degree | Year |\n| --- | --- |\n| MA in Law, Univ. of Ghana | 2004 |\n"
        "| BA in History, Univ. of Lagos | 2001 |\n"
    )
    assert [d[0] for d in _degree(text)] == ["MA", "BA"]
