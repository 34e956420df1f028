"""French CVs and further date styles in the text extractor (words from wording/fr.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from jobscreen.extract import extract


def _data(text: str) -> dict[str, Any]:
    return extract(text).data


FRENCH = """Amélie Dubois

EXPÉRIENCE PROFESSIONNELLE
janvier 2015 \u2013 à ce jour
Spécialiste de la protection de l'enfance (P-3)
UNICEF, Bureau régional, Dakar

sept. 2010 \u2013 juin 2014
Coordinatrice de programme
Terre des hommes (Tdh), Niamey

FORMATION
Master 2 en droit international, Université Paris Nanterre, 2008

LANGUES
français : langue maternelle
anglais (courant)
espagnol : bonnes notions
arabe : notions
"""


def test_french_sections_months_and_present() -> None:
    posts = _data(FRENCH)["experience"]
    assert [(p["start"], p["end"]) for p in posts] == [
        ("2015-01", "present"),
        ("2010-09", "2014-06"),
    ]
    assert posts[0]["title"] == "Spécialiste de la protection de l'enfance (P-3)"  # grade kept


def test_french_language_levels() -> None:
    languages = {x["language"]: x["level"] for x in _data(FRENCH)["languages"]}
    assert languages == {"French": "native", "English": "fluent", "Spanish": "B1", "Arabic": "A2"}


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Depuis 2018 \u2014 Cheffe de mission, OIM", "2018", "present"),
        ("févr. 2012 \u2013 août 2016 : Chargée de mission, SGDSN", "2012-02", "2016-08"),
        ("2016-03/2021-05 Senior Political Officer, OSCE", "2016-03", "2021-05"),
        ("2021-06/present Head of Section, NATO", "2021-06", "present"),
        ("2015.10 \u2013 2020.03 Humanitarian Affairs Officer, UN OCHA", "2015-10", "2020-03"),
    ],
)
def test_date_styles(line: str, start: str, end: str) -> None:
    post = _data(f"Jane Doe\n\nEXPERIENCE\n{line}\n")["experience"][0]
    assert (post["start"], post["end"]) == (start, end)


def test_bilingue_and_cefr_beside_a_phrase() -> None:
    text = "Jane Doe\n\nLANGUES\nanglais : bilingue\nallemand : lu, écrit, parlé \u2013 niveau C1\n"
    languages = {x["language"]: x["level"] for x in _data(text)["languages"]}
    assert languages == {"English": "bilingual", "German": "C1"}
