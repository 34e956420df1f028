"""Decisions applied after the engine, as a pure step: assessment + decisions -> decided
assessment.

The engine's assessment is left as it is computed; this step settles its top-level rules
from two sources: a panel's decisions (a decisions file), and the candidate's declarations
(answers to the application form's screening questions, named by a review rule's
``declaration``). A panel's decision wins over a declaration; a declaration settles only a
rule the engine left to review. Each settled result keeps the engine's status and credit in
its :class:`~jobscreen.results.Decision`; score, eligibility and ranking follow the decided
status. No I/O, no clock: the same inputs give the same output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from jobscreen.cv import Declaration
from jobscreen.engine.screen import score_of
from jobscreen.results import Assessment, Decision, RuleResult, Settled, Status
from jobscreen.vacancy import Vacancy

DECLARED_BY = "the candidate"


@dataclass(frozen=True)
class PanelDecision:
    """A person's decision on one rule for one candidate: met or not, by whom, when, why."""

    met: bool
    by: str
    date: dt.date
    note: str = ""


Panel = Mapping[tuple[str, str], PanelDecision]  # (candidate id or blind key, rule id)


@dataclass(frozen=True)
class Decisions:
    """What settles rules after the engine: the panel's decisions by (candidate id or blind
    key, rule id), and the vacancy's questions by the id of the review rule they settle."""

    panel: Panel = field(default_factory=dict)
    questions: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.panel or self.questions)


NO_DECISIONS = Decisions()


def decisions_for(vacancy: Vacancy, panel: Panel | None = None) -> Decisions:
    """What settles a vacancy's rules after the engine: a panel's decisions, if any, and
    the candidates' answers to the questions its review rules name."""
    return Decisions(panel or {}, vacancy.declarations())


def decide(
    assessment: Assessment,
    decisions: Decisions,
    declarations: Mapping[str, Declaration] | None = None,
) -> Assessment:
    """The assessment with each rule a decision or a declaration settles, and its score."""
    if not decisions:
        return assessment
    keys = (assessment.candidate, assessment.opaque_key)
    rules = tuple(_settled(r, decisions, keys, declarations or {}) for r in assessment.rules)
    if rules == assessment.rules:
        return assessment
    return replace(assessment, rules=rules, score=score_of(rules))


def _settled(
    result: RuleResult,
    decisions: Decisions,
    keys: tuple[str, str],
    declarations: Mapping[str, Declaration],
) -> RuleResult:
    panel = next((d for k in keys if (d := decisions.panel.get((k, result.id)))), None)
    if panel is not None:
        how = Settled.review if result.status is Status.needs_review else Settled.override
        return settle(
            result, panel.met, Decision(*_engine(result), how, panel.by, panel.date, panel.note)
        )
    question = decisions.questions.get(result.id)
    declared = declarations.get(question) if question else None
    if declared is None or result.status is not Status.needs_review:
        return result
    decision = Decision(*_engine(result), Settled.declared, DECLARED_BY, None, declared.text or "")
    return settle(result, declared.answer, decision)


def _engine(result: RuleResult) -> tuple[Status, float]:
    return result.status, result.credit


def settle(result: RuleResult, met: bool, decision: Decision) -> RuleResult:
    """A result as a decision leaves it: met with full credit, or not met with none."""
    status, credit = (Status.met, 1.0) if met else (Status.not_met, 0.0)
    return replace(result, status=status, credit=credit, provisional=False, decision=decision)
