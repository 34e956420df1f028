"""Immutable results: a rule's outcome, a candidate's assessment, a whole screening."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from jobscreen.errors import JobscreenError, Problem
from jobscreen.options import ScreenOptions

# What a result says of a CV read by the extractor, by the medium its text came from
EXTRACTED_ORIGIN = {"text": "extracted", "PDF": "extracted-pdf", "Word": "extracted-word"}
EXTRACTED_FROM = {origin: medium for medium, origin in EXTRACTED_ORIGIN.items()}


class Status(StrEnum):
    """How a rule came out for a candidate."""

    met = "met"
    partial = "partial"
    not_met = "not_met"
    needs_review = "needs_review"


class Settled(StrEnum):
    """How a person's or a candidate's word settled a rule after the engine's assessment."""

    review = "review"  # a panel decided a rule the engine left to review
    override = "override"  # a panel decided a rule the engine had decided: counted apart
    declared = "declared"  # the candidate's own answer to a screening question, not verified


@dataclass(frozen=True)
class Decision:
    """A decision applied to a rule's result: what the engine said, and who settled it how."""

    engine_status: Status
    engine_credit: float
    how: Settled
    by: str
    date: dt.date | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "how": str(self.how),
            "by": self.by,
            "date": self.date.isoformat() if self.date else None,
            "note": self.note,
            "engine_status": str(self.engine_status),
            "engine_credit": round(self.engine_credit, 3),
        }


class Strength(StrEnum):
    """How directly a piece of evidence shows what a rule asks, strongest first (issue 16).

    A mandatory rule is met on strong evidence (stated, title, description); evidence that
    is only related needs a person; a rule is not met only when nothing could count.
    """

    stated = "stated"  # a field of its own: a post's flag or domain tag, a degree, a level
    titled = "title"  # a post's title or employer: what the post is (str has .title)
    described = "description"  # prose: a post's description, a summary
    related = "related"  # only near it: a related concept, the work off its subject, a
    # degree whose level or field a person must confirm, a level not given


STRENGTH_ORDER = tuple(Strength)


def weakest(*strengths: Strength) -> Strength:
    """The weakest of some strengths: evidence is as strong as its weakest part."""
    return max(strengths, key=STRENGTH_ORDER.index)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the CV a rule found (or missed) what it looked for, quoted, and how strongly
    it shows it (None for what is no evidence of the rule: a check that does not apply)."""

    where: str
    quote: str
    ref: tuple[str, int] | None = None  # the CV entry, e.g. ("experience", 1); not in output
    strength: Strength | None = None

    @property
    def heading(self) -> str:
        """'post 2 (...) [title]': where, and the strength when there is one (for people)."""
        return f"{self.where} [{self.strength}]" if self.strength else self.where

    def to_dict(self) -> dict[str, str]:
        data = {"where": self.where, "quote": self.quote}
        if self.strength is not None:
            data["strength"] = str(self.strength)
        return data


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule's outcome: status, credit 0-1, a one-line reason and the evidence."""

    id: str
    kind: str
    required: bool
    weight: float
    status: Status
    credit: float
    reason: str
    evidence: tuple[Evidence, ...] = ()
    children: tuple[RuleResult, ...] = ()
    text: str | None = None
    provisional: bool = False  # needs review only because an extraction is unsure: scored
    decision: Decision | None = None  # set after the engine, by jobscreen.decide

    @property
    def decided(self) -> bool:
        """Counted in the score: not waiting on a person, or decided on doubtful entries."""
        return self.status is not Status.needs_review or self.provisional

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "required": self.required,
            "status": str(self.status),
            "weight": self.weight,
            "credit": round(self.credit, 3),
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.children:
            data["rules"] = [c.to_dict() for c in self.children]
        if self.decision is not None:
            data["decision"] = self.decision.to_dict()
        return data


@dataclass(frozen=True)
class Assessment:
    """A candidate against one vacancy: rule results, eligibility and score."""

    candidate: str
    source: str
    rules: tuple[RuleResult, ...]
    score: float
    sha256: str = ""
    origin: str = "native"
    name: str | None = None

    @property
    def opaque_key(self) -> str:
        """A stable key derived from the CV's content, not its name or file: for blind mode."""
        return f"cand-{self.sha256[:12]}"

    @property
    def unmet_mandatory(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.rules if r.required and r.status in _FAILED)

    @property
    def review(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.rules if r.status is Status.needs_review)

    @property
    def eligible(self) -> bool:
        """No mandatory rule failed; mandatory rules needing review do not disqualify."""
        return not self.unmet_mandatory


_FAILED = frozenset({Status.not_met, Status.partial})


@dataclass(frozen=True, slots=True)
class Ranked:
    """An assessment with its place in the ranking (1-based)."""

    rank: int
    assessment: Assessment


@dataclass(frozen=True)
class Summary:
    """What a screening counted: every candidate scored by eligibility, and the inputs that
    could not be read, whatever --top or --eligible-only then kept; and the rules settled
    after the engine (by a panel's review, against it, or by a candidate's declaration)."""

    screened: int
    eligible: int
    to_review: int
    not_eligible: int
    unreadable: int
    by_review: int = 0
    overrides: int = 0
    declared: int = 0

    @classmethod
    def of(cls, labels: Iterable[str], unreadable: int, settled: Iterable[str] = ()) -> Summary:
        """From each scored candidate's eligibility label (yes, review, no), and how each
        decision applied settled its rule (:class:`Settled`)."""
        counts, how = Counter(labels), Counter(settled)
        screened = sum(counts.values())
        return cls(
            screened,
            counts["yes"],
            counts["review"],
            counts["no"],
            unreadable,
            how[Settled.review],
            how[Settled.override],
            how[Settled.declared],
        )

    def line(self, screened: str = "screened") -> str:
        """'31 screened · 2 eligible · 2 to review · 27 not eligible · 2 unreadable', then
        ' · 3 decided by review · 1 override · 2 declared' for those there are."""
        line = (
            f"{self.screened} {screened} · {self.eligible} eligible · {self.to_review} to review"
            f" · {self.not_eligible} not eligible · {self.unreadable} unreadable"
        )
        for count, words in (
            (self.by_review, "decided by review"),
            (self.overrides, "override" if self.overrides == 1 else "overrides"),
            (self.declared, "declared"),
        ):
            line += f" · {count} {words}" if count else ""
        return line

    def to_dict(self) -> dict[str, int]:
        """Every count; those of decisions only when there are some (older records have none)."""
        return {k: v for k, v in asdict(self).items() if v or k not in _DECISION_COUNTS}


_DECISION_COUNTS = frozenset({"by_review", "overrides", "declared"})


def settled_by(assessment: Assessment) -> list[str]:
    """How each decided rule of an assessment was settled, as Summary.of counts them."""
    return [str(r.decision.how) for r in assessment.rules if r.decision is not None]


@dataclass(frozen=True)
class Screening:
    """A vacancy, the as-of date, the ranked results and the inputs that failed.

    ``summary`` counts every candidate scored; without it (a screening built by hand), it is
    counted from ``results`` and ``errors`` (:func:`summary_of`).
    """

    vacancy_id: str
    vacancy_title: str
    as_of: dt.date
    version: str
    results: Sequence[Ranked]
    errors: tuple[Problem, ...] = ()  # the inputs that could not be scored
    options: ScreenOptions = field(default_factory=ScreenOptions)
    record: dict[str, Any] = field(default_factory=dict)
    summary: Summary | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> Summary:
        """The summary, counted from the results when none was given."""
        if self.summary is not None:
            return self.summary
        labels = [eligibility_label(r.assessment) for r in self.results]
        settled = [how for r in self.results for how in settled_by(r.assessment)]
        return Summary.of(labels, len({e.source for e in self.errors}), settled)


@dataclass(frozen=True)
class VacancyMatch:
    """One vacancy's outcome for a candidate, with its place among the vacancies."""

    rank: int
    vacancy_id: str
    vacancy_title: str
    assessment: Assessment
    as_of: dt.date | None = None  # the date this vacancy's experience was counted to


@dataclass(frozen=True)
class Matching:
    """One candidate against several vacancies, best first."""

    candidate: str
    as_of: dt.date | None
    version: str
    matches: tuple[VacancyMatch, ...]
    # a bug met scoring the candidate against a vacancy: that vacancy's error, never the end
    errors: tuple[JobscreenError, ...] = ()

    @property
    def counts(self) -> Summary:
        """The vacancies ranked, by the candidate's eligibility, and those that failed."""
        labels = (eligibility_label(m.assessment) for m in self.matches)
        return Summary.of(labels, len(self.errors))


# --- the JSON form: what every machine-readable output and a decision record holds ---


def eligibility_label(assessment: Assessment) -> str:
    """'yes', 'no', or 'review' when eligible only pending items a person must check."""
    if not assessment.eligible:
        return "no"
    return "review" if any(r.required for r in assessment.review) else "yes"


def shown_candidate(assessment: Assessment, blind: bool) -> str:
    """The candidate as outputs show it: the opaque content key in blind mode."""
    return assessment.opaque_key if blind else assessment.candidate


def result_dict(ranked: Ranked, blind: bool = False) -> dict[str, Any]:
    """A ranked result's JSON form; blind, without the name and file."""
    a = ranked.assessment
    return {
        "candidate": shown_candidate(a, blind),
        "name": None if blind else a.name,
        "source": None if blind else a.source,
        "rank": ranked.rank,
        "eligible": a.eligible,
        "eligibility": eligibility_label(a),
        "origin": a.origin,
        "score": a.score,
        "unmet": [r.id for r in a.unmet_mandatory],
        "review": [r.id for r in a.review],
        "sha256": a.sha256,
        "rules": [r.to_dict() for r in a.rules],
    }


def screening_dict(screening: Screening) -> dict[str, Any]:
    """The screening as -f json writes it; a decision record with its digest."""
    blind = screening.options.blind
    head, tail = screening_parts(screening)
    document = {**head, "results": [result_dict(r, blind) for r in screening.results], **tail}
    if "record" in document:
        document["record"] = {**document["record"], "digest": content_digest(document)}
    return document


def screening_parts(screening: Screening) -> tuple[dict[str, Any], dict[str, Any]]:
    """A screening's JSON form before its results and after them."""
    head = {
        "vacancy": {"id": screening.vacancy_id, "title": screening.vacancy_title},
        "as_of": screening.as_of.isoformat(),
        "jobscreen_version": screening.version,
        "options": screening.options.to_dict(screening.as_of),
        "summary": screening.counts.to_dict(),
    }
    blind = screening.options.blind
    tail: dict[str, Any] = {"errors": [e.to_dict(blind) for e in screening.errors]}
    if screening.record:
        tail["record"] = screening.record
    return head, tail


# A record's digest: the SHA-256 of its JSON text as -f json writes it (this encoder, then a
# newline; UTF-8, a file name's undecodable bytes as backslash escapes, as outputs write them),
# without record.digest. Computed from the parsed record, it does not depend on the file's
# spacing, but on every value, its type (1 is not 1.0) and the order of the keys.
JSON_TEXT = json.JSONEncoder(ensure_ascii=False, indent=2, check_circular=False)


def digest_bytes(text: str) -> bytes:
    """JSON text as a record's digest reads it (and as outputs write it)."""
    return text.encode("utf-8", "backslashreplace")


def content_digest(document: dict[str, Any]) -> str:
    """The digest of a record's content: everything but its ``record.digest``."""
    record = {k: v for k, v in document["record"].items() if k != "digest"}
    text = JSON_TEXT.encode({**document, "record": record}) + "\n"
    return hashlib.sha256(digest_bytes(text)).hexdigest()
