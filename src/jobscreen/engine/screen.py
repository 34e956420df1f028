"""A profile against a compiled vacancy, and the ranking of many assessments.

The engine sees only a :class:`~jobscreen.cv.Profile`: identity and contact fields cannot
reach it. It reads no clock: the as-of date is always passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from jobscreen.cv import Profile
from jobscreen.engine.context import CompiledVacancy, Context
from jobscreen.engine.experience import Span, merged_years
from jobscreen.engine.rules import EPSILON, EXPERIENCE, evaluate
from jobscreen.results import Assessment, RuleResult, Status, eligibility_label
from jobscreen.vacancy import ExperienceRule


def evaluate_rules(
    compiled: CompiledVacancy,
    profile: Profile,
    as_of: dt.date,
    uncertain: frozenset[tuple[str, int]] = frozenset(),
) -> tuple[RuleResult, ...]:
    """Every top-level rule's result, in file order.

    Education rules with in-lieu alternatives run first: when one is met in lieu, the
    experience rule it names has its minimum raised for this candidate. ``uncertain`` names
    CV entries an extraction is unsure of (see :func:`doubt`).
    """
    check = (lambda r, c: doubt(evaluate(r, c), uncertain, c)) if uncertain else evaluate
    ctx = Context(compiled, profile, as_of, check)
    for rule in compiled.lieu:
        ctx.run(rule)
    return tuple(ctx.run(rule) for rule in compiled.vacancy.requirements)


SECTION_OF_KIND = {"education": "education", "experience": "experience", "language": "languages"}


def doubt(result: RuleResult, uncertain: frozenset[tuple[str, int]], ctx: Context) -> RuleResult:
    """A result that uncertain extracted entries could change needs review, not a verdict.

    Doubt matters only where the verdict depends on it. An experience rule met without its
    uncertain posts stays met, and one that fails even when every uncertain post counts in
    full stays failed; in between, a person checks. For other kinds: met on evidence that is
    all uncertain, or not met while the section holds uncertain entries. The credit still
    counts in the score (a doubt must not raise it). Groups are left alone: they are made of
    results already doubted.
    """
    section = SECTION_OF_KIND.get(result.kind)
    if result.status is Status.needs_review or section is None:
        return result
    rule = ctx.compiled.rule(result.id)
    if isinstance(rule, ExperienceRule):
        unsure = _experience_depends_on(rule, ctx, result, uncertain)
    elif result.status is Status.met:
        refs = [e.ref for e in result.evidence if e.ref is not None]
        unsure = bool(refs) and all(ref in uncertain for ref in refs)
    else:
        unsure = any(kind == section for kind, _ in uncertain)
    if not unsure:
        return result
    reason = f"uncertain extraction, check the CV: {result.reason}"
    return replace(result, status=Status.needs_review, reason=reason, provisional=True)


def _experience_depends_on(
    rule: ExperienceRule, ctx: Context, result: RuleResult, uncertain: frozenset[tuple[str, int]]
) -> bool:
    """Whether counting the uncertain posts, or not counting them, changes the verdict."""
    doubted = {index for kind, index in uncertain if kind == "experience"}
    spans, _ = EXPERIENCE.counted(rule, ctx)
    minimum = rule.min_years + ctx.extra_years.get(rule.id, (0.0, ""))[0]
    if result.status is Status.met:
        sure = [s for s in spans if s.index not in doubted]
        return not sure if minimum <= 0 else ctx.years(sure) + EPSILON < minimum
    sure = [s for s in spans if s.index not in doubted]
    more = [_widest(s, ctx.as_of) for s in ctx.spans if s is not None and s.index in doubted]
    if not more:
        return False
    return minimum <= 0 or merged_years([*sure, *more]) + EPSILON >= minimum


def _widest(span: Span, as_of: dt.date) -> Span:
    """A doubted post at its widest reading: its years whole (a date whose day and month
    cannot be told apart may fall anywhere in its year), never past the as-of date."""
    return Span(
        dt.date(span.start.year, 1, 1), min(dt.date(span.end.year, 12, 31), as_of), span.index
    )


def score_of(results: Iterable[RuleResult]) -> float:
    """Weighted credit over the decided rules, 0-100, to one decimal."""
    decided = [r for r in results if r.decided]
    total = sum(r.weight for r in decided)
    if not total:
        return 0.0
    return round(100 * sum(r.weight * r.credit for r in decided) / total, 1)


RankKey = tuple[bool, float, bool, str, str]


def rank_key(
    assessment: Assessment, blind: bool = False, then: tuple[str, str] | None = None
) -> RankKey:
    """Eligible first, then score, then "yes" before "review" (at equal scores, the candidate
    no person needs to check first), then candidate id (the opaque key when blind), then source;
    ``then``: what breaks ties instead of id and source (a vacancy's id, ranking vacancies).

    Equal keys (the same CV twice, blind) keep their input order, so the order is the same for
    the same input; in blind mode ties are broken without the candidate's name or file.
    """
    who = assessment.opaque_key if blind else assessment.candidate
    where = "" if blind else assessment.source
    pending = eligibility_label(assessment) == "review"
    return (not assessment.eligible, -assessment.score, pending, *(then or (who, where)))
