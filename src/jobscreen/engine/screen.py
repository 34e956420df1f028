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


RankKey = tuple[bool, float, str, str]


def rank_key(assessment: Assessment, blind: bool = False) -> RankKey:
    """Eligible first, then score, then candidate id (the opaque key when blind), then source.

    Ties never fall back on anything that is not in the key, so the order is total and the
    same for the same input; in blind mode ties are broken without the candidate's name or file.
    """
    who = assessment.opaque_key if blind else assessment.candidate
    where = "" if blind else assessment.source
    return (not assessment.eligible, -assessment.score, who, where)


def rank(assessments: Iterable[Assessment], blind: bool = False) -> tuple[Ranked, ...]:
    """Assessments in ranking order with 1-based ranks."""
    ordered = sorted(assessments, key=lambda a: rank_key(a, blind))
    return tuple(Ranked(i + 1, a) for i, a in enumerate(ordered))
