"""The field a degree's name says by itself (vocabulary/degrees.yaml 'field'): an LL.B. is in
law, where the CV names no other field. Every input here is written for these tests."""

from __future__ import annotations

import pytest

from jobscreen.extract import extract
from jobscreen.levels import EducationLevel, degree_field, degree_of


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("LL.B.", "law"),
        ("LLB (Hons)", "law"),
        ("Bachelor of Laws", "law"),
        ("LL.M.", "law"),
        ("Juris Doctor", "law"),
        ("Gakushi (Bachelor of Laws)", "law"),  # a gloss in brackets says it
        ("MA", None),
        ("Licence", None),
    ],
)
def test_a_degree_name_says_its_field(name: str, field: str | None) -> None:
    assert degree_field(name) == field


def test_an_extracted_llb_without_a_field_is_in_law() -> None:
    text = "Education\n\nLL.B. (Hons), University of Nairobi, 2004\n"
    [degree] = extract(text).data["education"]
    assert degree["field"] == "Law"
    notes = [n.message for n in extract(text).notes if n.path == ("education", 0, "field")]
    assert notes == ["the field the degree's name says"]


def test_a_field_written_on_the_cv_wins() -> None:
    text = "Education\n\nLL.M. in International Trade Law, University of Cape Town, 2009\n"
    [degree] = extract(text).data["education"]
    assert degree["field"] == "International Trade Law"


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Graduat", EducationLevel.bachelor),
        ("Ptychio", EducationLevel.bachelor),
        ("Mag.iur.", EducationLevel.master),
        ("Mag. phil.", EducationLevel.master),
    ],
)
def test_national_degree_names_have_their_level(name: str, level: EducationLevel) -> None:
    assert degree_of(name).level == level
    assert not degree_of(name).uncertain


def test_a_magister_iuris_is_in_law() -> None:
    assert degree_field("Mag.iur.") == "law"
    assert degree_field("Mag. phil.") is None


def test_a_colegio_is_an_institution_with_the_degrees_year() -> None:
    text = (
        "Education\n\nMaestría en Ciencia Política (MA in Political Science)\n"
        "El Colegio de la Frontera Norte — 2015\n"
    )
    [degree] = extract(text).data["education"]
    assert degree["year"] == 2015


def test_degrees_named_only_in_the_summary_are_read() -> None:
    text = (
        "Profile\n\nEconomist with an MSc in Development Economics from SOAS (2009) and a BA "
        "in Economics from the University of Ghana (2006), she has worked on trade policy "
        "for fifteen years.\n"
    )
    first, second = extract(text).data["education"]
    assert (first["degree"], first["field"], first["year"]) == (
        "MSc",
        "Development Economics",
        2009,
    )
    assert (second["degree"], second["institution"], second["year"]) == (
        "BA",
        "University of Ghana",
        2006,
    )
