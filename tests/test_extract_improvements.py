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
