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
