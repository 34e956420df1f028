"""Rules decided only by uncertain extracted entries need review, not a verdict."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jobscreen.api import assess
from jobscreen.cv import CVFile
from jobscreen.engine.context import CompiledVacancy
from jobscreen.results import Status
from jobscreen.sources import Candidate
from jobscreen.vacancy import Vacancy

VACANCY = Vacancy.model_validate(
    {
        "id": "v",
        "title": "T",
        "organisation": "O",
        "requirements": [
            {"id": "edu", "kind": "education", "required": True, "min_level": "master"},
            {"id": "exp", "kind": "experience", "required": True, "min_years": 5},
            {"id": "en", "kind": "language", "required": True, "language": "en", "level": "C1"},
        ],
    }
)
CV: dict[str, Any] = {
    "education": [{"degree": "MA", "field": "Law"}],
    "experience": [
        {"title": "Officer", "start": "2010-01", "end": "2014-12"},
        {"title": "Adviser", "start": "2015-01", "end": "2020-12"},
    ],
    "languages": [{"language": "English", "level": "B1"}],
}


def statuses(uncertain: frozenset[tuple[str, int]]) -> dict[str, Status]:
    _, profile = CVFile.model_validate(CV).split()
    candidate = Candidate(
        "c", "c.txt", CVFile().split()[0], profile, "0" * 64, "extracted", uncertain
    )
    assessment = assess(CompiledVacancy.build(VACANCY), candidate, dt.date(2026, 1, 1))
    return {r.id: r.status for r in assessment.rules}


def test_certain_entries_decide_as_usual() -> None:
    assert statuses(frozenset()) == {"edu": Status.met, "exp": Status.met, "en": Status.partial}


def test_met_only_on_uncertain_evidence_needs_review() -> None:
    assert statuses(frozenset({("education", 0)}))["edu"] is Status.needs_review


def test_met_with_some_certain_evidence_stays_met() -> None:
    # 11 years from two posts; only the second is doubted, but both are the evidence
    assert statuses(frozenset({("experience", 1)}))["exp"] is Status.met


def test_not_met_while_the_section_holds_doubt_needs_review() -> None:
    assert statuses(frozenset({("languages", 0)}))["en"] is Status.needs_review
    assert statuses(frozenset({("education", 0)}))["en"] is Status.partial


def test_doubt_that_cannot_change_the_verdict_is_no_doubt() -> None:
    # 11 of 5 years without the doubted post: met whatever it holds
    assert statuses(frozenset({("experience", 0)}))["exp"] is Status.met


def _experience_status(min_years: float, uncertain: frozenset[tuple[str, int]]) -> Status:
    vacancy = VACANCY.model_copy(
        update={
            "requirements": [VACANCY.requirements[1].model_copy(update={"min_years": min_years})]
        }
    )
    _, profile = CVFile.model_validate(CV).split()
    candidate = Candidate("c", "c.txt", CVFile().split()[0], profile, "0" * 64, "x", uncertain)
    assessment = assess(CompiledVacancy.build(vacancy), candidate, dt.date(2026, 1, 1))
    return assessment.rules[0].status


def test_experience_depends_on_doubt_only_between_without_and_with() -> None:
    one = frozenset({("experience", 1)})  # the second post, 6 years
    assert _experience_status(20, one) is Status.partial  # fails even if it counts
    assert _experience_status(8, one) is Status.needs_review  # met only if it counts
    assert _experience_status(5, one) is Status.met  # met without it


def test_a_doubted_post_counts_at_its_widest_reading_before_a_rejection() -> None:
    # 02/12/2019 - 12/02/2022: read day first, 2.2 years; month first, 3.8. Counted whole
    # years (2019-2022) with the sure five, the rule might be met: a person checks.
    cv = {"experience": [
        {"title": "Officer", "start": "2010-01", "end": "2014-12"},
        {"title": "Adviser", "start": "2019-12-02", "end": "2022-02-12"},
    ]}  # fmt: skip
    rule = VACANCY.requirements[1].model_copy(update={"min_years": 8})
    vacancy = VACANCY.model_copy(update={"requirements": [rule]})
    _, profile = CVFile.model_validate(cv).split()
    doubted = frozenset({("experience", 1)})
    candidate = Candidate("c", "c.txt", CVFile().split()[0], profile, "0" * 64, "x", doubted)
    assessment = assess(CompiledVacancy.build(vacancy), candidate, dt.date(2026, 1, 1))
    assert assessment.rules[0].status is Status.needs_review


def _degree_status(degree: str, min_level: str) -> Status:
    vacancy = Vacancy.model_validate(
        {
            "id": "v",
            "title": "T",
            "organisation": "O",
            "requirements": [
                {"id": "edu", "kind": "education", "required": True, "min_level": min_level}
            ],
        }
    )
    _, profile = CVFile.model_validate({"education": [{"degree": degree}]}).split()
    candidate = Candidate("c", "c.yaml", CVFile().split()[0], profile, "0" * 64, "native")
    assessment = assess(CompiledVacancy.build(vacancy), candidate, dt.date(2026, 1, 1))
    return assessment.rules[0].status


def test_a_degree_whose_level_its_country_decides_meets_what_its_lowest_reading_meets() -> None:
    """A Licence is a bachelor's (France) or a master's (older Belgian and Swiss licences):
    a bachelor's rule is met either way, and only a master's rule needs a person."""
    assert _degree_status("Licence", "bachelor") is Status.met
    assert _degree_status("Licence", "master") is Status.needs_review


def test_a_degree_only_usually_of_a_level_still_needs_a_person_at_that_level() -> None:
    """A 'Diplom' is usually a master's, but its lower meanings are not listed: a person
    confirms it, even for a bachelor's rule."""
    assert _degree_status("Diplom", "bachelor") is Status.needs_review
    assert _degree_status("Diplom", "master") is Status.needs_review
