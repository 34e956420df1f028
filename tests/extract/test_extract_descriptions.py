"""Post descriptions: what follows a post's own lines belongs to it, up to the next post or
heading, and Markdown sub-headings of a career are neither the summary nor a description."""

from __future__ import annotations

from jobscreen.extract import extract

STRUCTURED = """\
## Professional experience

### Deputy Head, Division of Security
Ministry of Foreign Affairs, Santiago
January 2022 \u2013 present

I am second in charge of the division. Since 2023 I have represented Chile on the
Coordination Committee.

- Chaired the regional group (2023)

### Senior Adviser, Pasto Regional Office
Organization of American States
January 2019 \u2013 December 2021 (on secondment from the Foreign Service)

In practice I ran the Pasto office for three years.
"""


def test_paragraphs_after_a_blank_line_describe_the_post_above() -> None:
    extraction = extract(STRUCTURED)
    first, second = extraction.data["experience"]
    assert first["description"].startswith("I am second in charge of the division.")
    assert "Chaired the regional group" in first["description"]
    assert second["description"].endswith("In practice I ran the Pasto office for three years.")
    assert not extraction.unplaced


def test_a_dated_sentence_inside_a_post_is_no_post_of_its_own() -> None:
    """'Since 2023 ...' in a post held since 2022, and '(2023)' in a bullet, are mentions."""
    posts = extract(STRUCTURED).data["experience"]
    assert [(p["start"], p["end"]) for p in posts] == [
        ("2022-01", "present"),
        ("2019-01", "2021-12"),
    ]
    assert "Since 2023 I have represented Chile" in posts[0]["description"]


def test_a_remark_beside_the_dates_leaves_title_and_employer_above() -> None:
    post = extract(STRUCTURED).data["experience"][1]
    assert (post["title"], post["organisation"]) == (
        "Senior Adviser, Pasto Regional Office",
        "Organization of American States",
    )
    assert post["description"].startswith("(on secondment from the Foreign Service)")


ACADEMIC = """\
# Fiona McAllister

## Summary

Professor of Peace and Conflict Studies.

## Academic appointments

**Professor of Peace and Conflict Studies and Director, Centre for Conflict and Peace Research**
University of Glasgow
August 2016 \u2013 present

- Direct a research centre of 11 staff.

### Advisory and other work

- Member of the expert roster, 2012 \u2013 2019: three desk reviews on mediation support.
- Peer reviewer for the Journal of Peace Research.
"""


def test_a_heading_that_names_a_career_opens_an_experience_section() -> None:
    extraction = extract(ACADEMIC)
    assert extraction.data["summary"] == "Professor of Peace and Conflict Studies."
    first, second = extraction.data["experience"]
    assert first["title"].startswith("Professor of Peace and Conflict Studies and Director")
    assert first["organisation"] == "University of Glasgow"
    assert first["description"] == "Direct a research centre of 11 staff."
    assert (second["title"], second["start"], second["end"]) == (
        "Member of the expert roster",
        "2012",
        "2019",
    )
    assert second["description"] == "three desk reviews on mediation support."


def test_a_sub_heading_ends_the_post_above_and_is_no_content() -> None:
    extraction = extract(ACADEMIC)
    assert "Advisory and other work" not in str(extraction.data)
    assert extraction.unplaced == ("Peer reviewer for the Journal of Peace Research.",)


def test_an_unlisted_heading_of_the_summary_level_ends_the_summary() -> None:
    text = "## Profile\n\nA diplomat.\n\n## Prizes and fellowships\n\nFulbright fellow.\n"
    extraction = extract(text)
    assert extraction.data["summary"] == "A diplomat."
    assert extraction.unplaced == ("Fulbright fellow.",)


def test_a_deeper_unlisted_heading_stays_in_its_section() -> None:
    text = "## Profile\n\nA diplomat.\n\n### In short\n\nA mediator.\n"
    assert extract(text).data["summary"] == "A diplomat. A mediator."


def test_a_post_told_in_prose_does_not_take_the_closing_lines() -> None:
    text = (
        "Dear panel,\n\nSince June 2021 I have been Equality Officer at the Council of Europe.\n\n"
        "Kind regards,\nInês Carvalho\n"
    )
    extraction = extract(text)
    [post] = extraction.data["experience"]
    assert "description" not in post
    assert "Kind regards," in extraction.unplaced


def test_french_career_words_of_a_heading_are_data() -> None:
    text = "## Profil\n\nDiplomate.\n\n## Missions d'expertise\n\n2015 : Experte, PNUD\n"
    extraction = extract(text)
    assert extraction.data["summary"] == "Diplomate."
    [post] = extraction.data["experience"]
    assert (post["start"], post["end"]) == ("2015", "2015")  # a lone year: experience only
