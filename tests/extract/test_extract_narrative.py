"""Posts told in sentences: wrapped prose, 'I was Director of ...', 'joined X as Y in 2009,
a post she still holds', French 'Depuis 2018, elle est ...', and posts told in a summary."""

from __future__ import annotations

from jobscreen.extract import extract


def test_a_sentence_wrapped_over_lines_is_read_as_one() -> None:
    text = (
        "Dear panel,\n\n"
        "Since February 2021 I have served as Human Rights Officer (P-4) with the OHCHR "
        "Country Office\n"
        "in Guatemala, where I lead the unit on transitional justice.\n"
    )
    [post] = extract(text).data["experience"]
    assert (post["title"], post["organisation"]) == (
        "Human Rights Officer (P-4)",
        "OHCHR Country Office",
    )
    assert (post["start"], post["end"]) == ("2021-02", "present")
    assert "description" not in post  # the second line was the same sentence, not a duty


def test_title_and_employer_lines_are_never_joined() -> None:
    text = (
        "Experience\n\nHead of the Unit for Mediation Support and Dialogue in the region of\n"
        "Ministry of Foreign Affairs\n2015 - 2018\n"
    )
    [post] = extract(text).data["experience"]
    assert post["organisation"] == "Ministry of Foreign Affairs"


def test_a_title_of_an_employer_is_a_guess_and_uncertain() -> None:
    text = (
        "From January 2016 to December 2020 I was Director of the Technical Cooperation Office "
        "of the Spanish Agency for International Development Cooperation (AECID) in Guatemala, "
        "managing a portfolio of 40 million euros.\n"
    )
    extraction = extract(text)
    [post] = extraction.data["experience"]
    assert post["title"] == "Director"
    assert post["organisation"].startswith("Technical Cooperation Office of the Spanish Agency")
    assert (post["start"], post["end"]) == ("2016-01", "2020-12")
    assert ("experience", 0) in extraction.uncertain


def test_a_post_she_still_holds() -> None:
    text = "She joined the OSCE as Senior Adviser in 2009, a post she still holds.\n"
    [post] = extract(text).data["experience"]
    assert post == {
        "title": "Senior Adviser",
        "organisation": "OSCE",
        "start": "2009",
        "end": "present",
    }


def test_a_french_post_told_in_a_sentence() -> None:
    text = (
        "Depuis 2018, elle est Représentante adjointe du Haut-Commissariat des Nations Unies "
        "aux droits de l'homme (HCDH) au Niger, à Niamey, où elle dirige deux unités.\n"
    )
    [post] = extract(text).data["experience"]
    assert post["title"] == "Représentante adjointe"
    assert post["organisation"].startswith("Haut-Commissariat des Nations Unies")
    assert (post["start"], post["end"]) == ("2018", "present")


def test_a_post_told_in_the_summary_is_a_post_and_uncertain() -> None:
    text = (
        "## About me\n\nI am a development economist.\n\n"
        "Since March 2021 I have been **Head of the Policy Unit** at the **Green Climate Fund "
        "(GCF)** in Songdo.\n"
    )
    extraction = extract(text)
    [post] = extraction.data["experience"]
    assert (post["title"], post["organisation"], post["start"]) == (
        "Head of the Policy Unit",
        "Green Climate Fund (GCF)",
        "2021-03",
    )
    assert extraction.data["summary"] == "I am a development economist."
    assert ("experience", 0) in extraction.uncertain


def test_a_summary_sentence_without_an_employer_stays_in_the_summary() -> None:
    text = "## Profile\n\nSince 2010 I have worked on mediation.\n"
    extraction = extract(text)
    assert "experience" not in extraction.data
    assert extraction.data["summary"] == "Since 2010 I have worked on mediation."
