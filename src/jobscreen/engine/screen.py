"""A profile against a compiled vacancy, and the ranking of many assessments.

The engine sees only a :class:`~jobscreen.cv.Profile`: identity and contact fields cannot
reach it. It reads no clock: the as-of date is always passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from jobscreen.cv import Profile
from jobscreen.engine.context import CompiledVacancy, Context
from jobscreen.engine.rules import evaluate
from jobscreen.results import Assessment, Ranked, RuleResult


def evaluate_rules(
    compiled: CompiledVacancy, profile: Profile, as_of: dt.date
) -> tuple[RuleResult, ...]:
    """Every top-level rule's result, in file order.

    Education rules with in-lieu alternatives run first: when one is met in lieu, the
    experience rule it names has its minimum raised for this candidate.
    """
    ctx = Context(compiled, profile, as_of, evaluate)
    for rule in compiled.lieu_rules():
        ctx.run(rule)
    return tuple(ctx.run(rule) for rule in compiled.vacancy.requirements)


def score_of(results: Iterable[RuleResult]) -> float:
    """Weighted credit over the decided rules, 0-100, to one decimal."""
    decided = [r for r in results if r.decided]
    total = sum(r.weight for r in decided)
    if not total:
        return 0.0
    return round(100 * sum(r.weight * r.credit for r in decided) / total, 1)


def rank_key(assessment: Assessment) -> tuple[bool, float, str, str]:
    """Eligible first, then score, then candidate id and source: a total order."""
    return (not assessment.eligible, -assessment.score, assessment.candidate, assessment.source)


def rank(assessments: Iterable[Assessment]) -> tuple[Ranked, ...]:
    """Assessments in ranking order with 1-based ranks."""
    ordered = sorted(assessments, key=rank_key)
    return tuple(Ranked(i + 1, a) for i, a in enumerate(ordered))
