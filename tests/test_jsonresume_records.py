"""JSON Resume's publications and awards: jobscreen's CV model has no field for them, so each
becomes a sentence of the summary (what a reviewer and the summary's phrase matching read)."""

from __future__ import annotations

from typing import Any

from jobscreen.jsonresume import from_jsonresume


def _summary(data: dict[str, Any]) -> str | None:
    cv, _ = from_jsonresume(data)
    return cv.get("summary")


def test_publications_and_awards_are_sentences_of_the_summary() -> None:
    data = {
        "basics": {"name": "A. Writer", "summary": "Mediation adviser."},
        "publications": [
            {"name": "Ceasefires that hold", "publisher": "Peace Press", "releaseDate": "2019-05"},
            {"name": "Notes on talks"},
        ],
        "awards": [{"title": "Mediator of the year", "awarder": "The Forum", "date": "2021-01-01"}],
    }
    assert _summary(data) == (
        "Mediation adviser. Publication: Ceasefires that hold (Peace Press, 2019). "
        "Publication: Notes on talks. Award: Mediator of the year (The Forum, 2021)."
    )


def test_records_without_a_title_or_of_the_wrong_shape_are_left_out() -> None:
    data = {"basics": {}, "publications": [{"publisher": "X"}, "a text", None], "awards": {}}
    assert _summary(data) is None


def test_a_cv_without_them_keeps_its_summary_as_it_is() -> None:
    assert _summary({"basics": {"summary": "  Analyst. "}}) == "Analyst."
