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
from jobscreen.errors import Location
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
    vacancy: str = ""  # the vacancy it was made for; "" for any that has the rule
    sha256: str = ""  # the CV it was made on; "" for any CV of the candidate
    where: Location | None = field(default=None, compare=False)  # its row in the file


Panel = Mapping[tuple[str, str], tuple[PanelDecision, ...]]  # (candidate or blind key, rule)


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
    """What settles a vacancy's rules after the engine: a panel's decisions made for it (or
    for no vacancy in particular), if any, and the candidates' answers to the questions its
    review rules name."""
    return Decisions(_for_vacancy(panel or {}, vacancy.id), vacancy.declarations())


def _for_vacancy(panel: Panel, vacancy_id: str) -> Panel:
    kept = {k: tuple(d for d in ds if d.vacancy in ("", vacancy_id)) for k, ds in panel.items()}
    return {k: ds for k, ds in kept.items() if ds}


def decide(
    assessment: Assessment,
    decisions: Decisions,
    declarations: Mapping[str, Declaration] | None = None,
) -> Assessment:
    """The assessment with each rule a decision or a declaration settles, and its score."""
    if not decisions:
        return assessment
    keys = (assessment.candidate, assessment.opaque_key)
    panel = {
        rule: found
        for (who, rule), made in decisions.panel.items()
        if who in keys and (found := on_cv(made, assessment.sha256))
    }
    rules = tuple(_settled(r, decisions, panel, declarations or {}) for r in assessment.rules)
    if rules == assessment.rules:
        return assessment
    return replace(assessment, rules=rules, score=score_of(rules))


def _settled(
    result: RuleResult,
    decisions: Decisions,
    decided: Mapping[str, PanelDecision],
    declarations: Mapping[str, Declaration],
) -> RuleResult:
    panel = decided.get(result.id)
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


def on_cv(made: tuple[PanelDecision, ...], sha256: str) -> PanelDecision | None:
    """The decision made on this CV (its digest), else one made on no CV in particular."""
    exact = next((d for d in made if d.sha256 and d.sha256 == sha256), None)
    return exact or next((d for d in made if not d.sha256), None)


@dataclass(frozen=True)
class Use:
    """A panel's row met by one CV: made on no CV in particular (``stale`` False), or made
    on another version of this candidate's CV (``stale`` True); for the batch's checks."""

    where: Location | None
    stale: bool
    sha256: str
    source: str


def uses_of(assessment: Assessment, decisions: Decisions) -> tuple[Use, ...]:
    """The rows naming this CV's candidate id that were made on no CV in particular, and
    those made on another CV of the same id and so not applied to it."""
    uses = []
    for (who, _), made in decisions.panel.items():
        if who != assessment.candidate:
            continue
        mine = on_cv(made, assessment.sha256)
        for d in made:
            if not d.sha256 or (d.sha256 != assessment.sha256 and mine is None):
                uses.append(Use(d.where, bool(d.sha256), assessment.sha256, assessment.source))
    return tuple(uses)


def _engine(result: RuleResult) -> tuple[Status, float]:
    return result.status, result.credit


def settle(result: RuleResult, met: bool, decision: Decision) -> RuleResult:
    """A result as a decision leaves it: met with full credit, or not met with none."""
    status, credit = (Status.met, 1.0) if met else (Status.not_met, 0.0)
    return replace(result, status=status, credit=credit, provisional=False, decision=decision)
