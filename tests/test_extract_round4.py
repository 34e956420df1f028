"""Extraction fixes of issue 17, round 4, each from a small input of its own (not the corpus)."""

from __future__ import annotations

from typing import Any

from jobscreen.extract import extract


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
