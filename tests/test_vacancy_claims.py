"""What the bundled vacancies' notes say the matcher does, checked against the matcher.

A note that leaves a word out of a rule "because the matcher takes it for" another word is
only honest if the matcher does; the claims found false were withdrawn and the words put
back. Those still standing are checked to hold.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jobscreen.api import assess
from jobscreen.cv import CVFile
from jobscreen.engine.context import CompiledVacancy
from jobscreen.engine.matching import PhraseIndex, compile_phrases, normalise
from jobscreen.results import Status
from jobscreen.sources import Candidate, load_vacancy
from tests.conftest import VACANCIES


def finds(phrase: str, text: str) -> bool:
    return bool(PhraseIndex(compile_phrases([phrase])).scan(normalise(text)))


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("mediation", "handled media relations"),
        ("mediation", "daily meditation"),
        ("political", "drafted the travel policy"),
        ("ethics", "country director for Ethiopia"),
        ("vision", "visiting scholar"),
        ("impact", "impartial observer"),
        ("envoy", "environment programme"),
        ("audit", "a large audience"),
    ],
)
def test_withdrawn_claims_the_matcher_does_not_confuse_these(phrase: str, text: str) -> None:
    assert not finds(phrase, text)
    assert finds(phrase, phrase)  # and it still finds the word itself


def test_spellings_in_ise_and_ize_are_one() -> None:
    assert normalise("organising events") == normalise("organizing events")


@pytest.mark.parametrize(
    ("phrase", "text"),
    [("values", "value for money"), ("development", "policy development")],
)
def test_claims_that_stand_a_bare_word_would_match_these(phrase: str, text: str) -> None:
    assert finds(phrase, text)


def judged(vacancy: str, rule_id: str, **post: object) -> Status:
    """A bundled vacancy's rule against one post, 2000-2019 (twenty years)."""
    found = load_vacancy(str(VACANCIES / f"{vacancy}.yaml"))
    cv = {"experience": [{"start": "2000-01", "end": "2019-12", **post}]}
    identity, profile = CVFile.model_validate(cv).split()
    candidate = Candidate("c", "c.yaml", identity, profile, "")
    results = assess(CompiledVacancy.build(found), candidate, dt.date(2024, 1, 1)).rules
    return next(r for r in results if r.id == rule_id).status


def test_directing_organisations_is_managerial_not_only_senior() -> None:
    """NATO: 'creating a high-level vision and directing organisations to develop and
    implement the necessary policies'."""
    analyst = judged(
        "nato-asg-pasp", "exp-vision-policy", title="Senior Analyst", description="Security policy."
    )
    director = judged(
        "nato-asg-pasp",
        "exp-vision-policy",
        title="Director, Security Policy Department",
        description="Led a department of 45 staff; drafted the security policy strategy.",
    )
    assert (analyst, director) == (Status.not_met, Status.met)


def test_work_in_international_relations_is_international() -> None:
    """CCM: '10 years professional work experience in the field of international relations
    and cooperation': a national society's disaster response at home is not it."""
    post = {"title": "Communications Officer", "description": "Regional disaster response."}
    home = judged("ccm-isu-director", "exp-international-relations", **post)
    abroad = judged("ccm-isu-director", "exp-international-relations", organisation="ICRC", **post)
    assert (home, abroad) == (Status.not_met, Status.met)


def degree_judged(vacancy: str, rule_id: str, degree: str, field: str) -> Status:
    """A bundled vacancy's education rule against one degree."""
    found = load_vacancy(str(VACANCIES / f"{vacancy}.yaml"))
    identity, profile = CVFile.model_validate(
        {"education": [{"degree": degree, "field": field}]}
    ).split()
    candidate = Candidate("c", "c.yaml", identity, profile, "")
    results = assess(CompiledVacancy.build(found), candidate, dt.date(2024, 1, 1)).rules
    return next(r for r in results if r.id == rule_id).status


@pytest.mark.parametrize(
    ("field", "status"),
    [
        ("Development Studies", Status.met),
        ("International Development", Status.met),
        ("Social Policy", Status.met),
        ("Civil Engineering", Status.needs_review),  # "another relevant field": a person
    ],
)
def test_inter_disciplinary_social_sciences_are_social_sciences(field: str, status: Status) -> None:
    """CCM: 'a master's degree ... in political/social sciences ...': a master's in
    development studies is one in the social sciences, not a field for a person to weigh."""
    assert degree_judged("ccm-isu-director", "edu-master", "MSc", field) is status
