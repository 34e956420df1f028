"""Posts told in sentences, round 3: a promotion, French sequences ('d'abord comme ..., puis
comme ...'), two posts in one sentence, a post that starts where the one before ended, and
a dated sentence that names no post. Every input here is written for these tests."""

from __future__ import annotations

from typing import Any

from jobscreen.extract import extract


def _posts(text: str) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in post.items() if k != "description"}
        for post in extract(text).data.get("experience", [])
    ]


def test_a_promotion_is_two_posts_at_one_employer() -> None:
    text = (
        "In 2011 she joined the World Health Organization as Technical Officer and became "
        "Team Leader in 2015, a post she still holds.\n"
    )
    assert _posts(text) == [
        {
            "title": "Technical Officer",
            "organisation": "World Health Organization",
            "start": "2011",
            "end": "2015",
        },
        {
            "title": "Team Leader",
            "organisation": "World Health Organization",
            "start": "2015",
            "end": "present",
        },
    ]


def test_a_promotion_held_until_a_date_ends_there() -> None:
    text = (
        "I joined the Pacific Islands Forum Secretariat in May 2010 as Trade Adviser, Market "
        "Access, and was promoted to Director of Trade in June 2014, a role I held until I "
        "moved to Geneva in January 2019.\n"
    )
    first, second = _posts(text)
    assert first["title"] == "Trade Adviser, Market Access"
    assert (first["start"], first["end"]) == ("2010-05", "2014-06")
    assert (second["title"], second["start"], second["end"]) == (
        "Director of Trade",
        "2014-06",
        "2019-01",
    )


def test_a_promotion_with_no_end_said_is_current_but_uncertain() -> None:
    text = (
        "He joined the Asian Development Bank in 2009 as Economist and became Lead Economist "
        "in 2016.\n"
    )
    extraction = extract(text)
    assert extraction.data["experience"][1]["end"] == "present"
    assert ("experience", 1) in extraction.uncertain
    assert ("experience", 0) not in extraction.uncertain


def test_a_promotion_beside_a_stated_total_is_still_read() -> None:
    text = (
        "I spent nine years with the Red Cross: I joined the Federation Secretariat in 2005 as "
        "Logistics Delegate and became Head of Logistics in 2009, a post I held until 2014.\n"
    )
    assert [p["title"] for p in _posts(text)] == ["Logistics Delegate", "Head of Logistics"]


def test_a_french_sequence_keeps_the_employer_for_both_posts() -> None:
    text = (
        "Il a servi à l'ambassade de France au Caire, d'abord comme attaché culturel de 2005 à "
        "2008, puis comme premier secrétaire de 2008 à 2011.\n"
    )
    first, second = _posts(text)
    assert (first["title"], first["start"], first["end"]) == ("attaché culturel", "2005", "2008")
    assert (second["title"], second["start"], second["end"]) == (
        "premier secrétaire",
        "2008",
        "2011",
    )
    assert first["organisation"] == second["organisation"]
    assert first["organisation"].startswith("ambassade de France")


def test_a_french_title_in_lower_case_after_comme() -> None:
    text = "Elle a travaillé de 2004 à 2009 comme juriste au Conseil d'État.\n"
    [post] = _posts(text)
    assert (post["title"], post["organisation"]) == ("juriste", "Conseil d'État")


def test_two_posts_in_one_sentence_each_keep_their_own_title() -> None:
    text = (
        "She was Legal Officer at the International Labour Organization from 2003 to 2007 and "
        "Senior Legal Officer at the World Trade Organization from 2007 to 2012.\n"
    )
    assert [(p["title"], p["organisation"]) for p in _posts(text)] == [
        ("Legal Officer", "International Labour Organization"),
        ("Senior Legal Officer", "World Trade Organization"),
    ]


def test_then_posted_until_a_date_starts_where_the_post_before_ended() -> None:
    text = (
        "He worked at the Ministry of Trade from 2004 to 2009 and was then posted to Nairobi "
        "as First Secretary at the Embassy of Ghana, where he stayed until 2013.\n"
    )
    first, second = _posts(text)
    assert (first["start"], first["end"]) == ("2004", "2009")
    assert (second["title"], second["organisation"]) == ("First Secretary", "Embassy of Ghana")
    assert (second["start"], second["end"]) == ("2009", "2013")


def test_french_puis_jusqu_en_starts_where_the_post_before_ended() -> None:
    text = (
        "De 2001 à 2006, il a été conseiller au ministère de la Santé, puis il a été nommé "
        "comme directeur adjoint à l'Agence nationale de santé publique jusqu'en 2012.\n"
    )
    posts = _posts(text)
    assert [(p["start"], p["end"]) for p in posts] == [("2001", "2006"), ("2006", "2012")]
    assert posts[1]["title"] == "directeur adjoint"


def test_a_dated_sentence_outside_the_career_that_names_no_post_is_not_one() -> None:
    text = (
        "I speak Portuguese fluently and have a working knowledge of Amharic, which I have "
        "been learning since 2017.\n"
    )
    assert _posts(text) == []


def test_a_promotion_after_moving_to_a_city_takes_the_unit_as_employer() -> None:
    text = (
        "I moved to Vienna in May 2012 as a Programme Officer in the Gender Section and was "
        "promoted to Senior Programme Officer in June 2016, the role I held until I left in "
        "March 2020.\n"
    )
    first, second = _posts(text)
    assert (first["title"], first["organisation"]) == ("Programme Officer", "Gender Section")
    assert (first["start"], first["end"]) == ("2012-05", "2016-06")
    assert (second["title"], second["start"], second["end"]) == (
        "Senior Programme Officer",
        "2016-06",
        "2020-03",
    )


def test_a_promotion_with_no_employer_named_is_not_read_as_one() -> None:
    text = (
        "I moved to Vienna in 2012 as a Programme Officer and became Senior Programme "
        "Officer in 2016.\n"
    )
    assert len(_posts(text)) < 2


def test_left_the_employer_in_a_year_ends_the_post() -> None:
    text = (
        "I began my career in 2004 at the Ministry of Health as a Planning Officer in the "
        "Statistics Division, and left the Ministry in 2009.\n"
    )
    [post] = _posts(text)
    assert (post["start"], post["end"]) == ("2004", "2009")
    assert post["title"] == "Planning Officer"


def test_from_a_year_until_she_left_in_a_year() -> None:
    text = (
        "Before that, from 2010 until she left for Nairobi in 2014, she was a Programme "
        "Analyst with the United Nations Environment Programme (UNEP).\n"
    )
    [post] = _posts(text)
    assert (post["start"], post["end"]) == ("2010", "2014")
    assert (post["title"], post["organisation"]) == (
        "Programme Analyst",
        "United Nations Environment Programme (UNEP)",
    )
