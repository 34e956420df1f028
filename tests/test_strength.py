"""Evidence strength (issue 16): each piece of evidence says how directly it shows the rule.

stated > title > description > related. A mandatory rule is met on strong evidence, needs a
person only when the evidence is weak, and is not met only when nothing could count; the
reason then names the nearest miss.
"""

from __future__ import annotations

from typing import Any

import pytest

from jobscreen.results import Evidence, RuleResult, Status, Strength, weakest
from tests.engine.test_concepts import experience, judge, research


def strengths(found: RuleResult) -> list[Strength | None]:
    return [e.strength for e in found.evidence]


@pytest.mark.parametrize(
    ("post", "strength"),
    [
        ({"title": "Analyst", "domains": ["mediation"]}, Strength.stated),
        ({"title": "Mediation Adviser"}, Strength.titled),
        ({"title": "Adviser", "description": "Mediated between the parties."}, Strength.described),
        ({"title": "Adviser", "description": "Ran the DDR programme."}, Strength.described),
        ({"title": "DDR Adviser"}, Strength.titled),  # an acronym, where it is
    ],
)
def test_a_post_s_evidence_is_as_strong_as_the_place_it_is_found(
    post: dict[str, Any], strength: Strength
) -> None:
    rule = experience("mediation", "ddr")
    found = judge(rule, **post)
    assert found.status is Status.met, found.reason
    assert strengths(found) == [strength]


def test_a_qualifier_inferred_from_prose_weakens_a_titled_post_to_prose() -> None:
    rule = experience("mediation", qualifiers=["managerial"])
    stated = judge(rule, title="Mediation Adviser", managerial=True)
    described = judge(rule, title="Mediation Adviser", description="Led a team of five.")
    assert (strengths(stated), strengths(described)) == ([Strength.titled], [Strength.described])


def test_the_work_off_its_subject_is_related_evidence_and_needs_a_person() -> None:
    off = research("Research on supply chains.")
    assert off.status is Status.needs_review
    assert strengths(off) == [Strength.related]
    assert off.evidence[0].quote.startswith("the work but not its subject (preventive diplomacy")


@pytest.mark.parametrize(
    ("description", "named"),
    [
        ("Led the negotiations with the unions.", True),  # negotiation is related to mediation
        ("Led supplier negotiations.", False),  # a false friend of the related concept
        ("Research on negotiation.", False),  # about it, not doing it
        ("Payroll.", False),
    ],
)
def test_only_a_related_concept_is_named_as_the_nearest_miss_never_counted(
    description: str, named: bool
) -> None:
    found = judge(experience("mediation"), title="Officer", description=description)
    assert (found.status, found.evidence) == (Status.not_met, ())
    miss = "; nearest miss: post 1 (only related work: matched 'negotiations')"
    assert found.reason.endswith(miss) is named, found.reason


def test_a_rule_not_met_names_the_nearest_miss() -> None:
    rule = experience("conflict-prevention", qualifiers=["international", "managerial"])
    found = judge(rule, title="Adviser", international=True, description="Conflict prevention.")
    assert found.status is Status.not_met
    assert found.reason.endswith(
        "nearest miss: post 1 (matched 'conflict prevention' (conflict prevention); "
        "international stated) shows nothing managerial"
    )
    nothing = judge(rule, title="Adviser", description="Payroll.")
    assert "nearest miss" not in nothing.reason  # no post has the work at all


def test_the_weakest_part_decides_and_strength_is_in_the_output() -> None:
    assert weakest(Strength.stated, Strength.described, Strength.titled) is Strength.described
    shown = Evidence("post 1 (A)", "q", ("experience", 0), Strength.related)
    assert (shown.heading, shown.to_dict()["strength"]) == ("post 1 (A) [related]", "related")
    plain = Evidence("summary", "q")
    assert (plain.heading, "strength" in plain.to_dict()) == ("summary", False)
