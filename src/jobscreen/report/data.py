"""Plain data views of results, shared by the machine-readable formats (no rich here)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from jobscreen.results import (  # re-exported: the JSON form lives with the results
    EXTRACTED_FROM,
    Assessment,
    Evidence,
    Matching,
    RuleResult,
    Screening,
    Settled,
    Status,
    eligibility_label,
    result_dict,
    screening_dict,
    screening_parts,
    shown_candidate,
)

__all__ = [
    "STATUS_WORDS",
    "SafeWriter",
    "credit_shown",
    "decision_line",
    "decisions_cell",
    "eligibility_label",
    "extracted_from",
    "knock_outs",
    "matching_line",
    "result_dict",
    "rule_ids",
    "screening_dict",
    "screening_parts",
    "shown_candidate",
    "shown_evidence",
    "shown_name",
    "spreadsheet_safe",
    "summary_line",
]

# Evidence lines a rule shows people (table, Markdown): a CV of 10,000 posts would otherwise
# fill screens with them (and take rich seconds to lay out). JSON keeps every one.
EVIDENCE_SHOWN = 10

# A rule's status in words, as a panel reads it (xlsx cells, the HTML report)
STATUS_WORDS = {
    Status.met: "met",
    Status.not_met: "not met",
    Status.partial: "partial",
    Status.needs_review: "review",
}

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a quote."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


class SafeWriter:
    """csv.writer whose cells are made spreadsheet-safe: CVs are untrusted text."""

    def __init__(self, out: TextIO, delimiter: str = ",") -> None:
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def summary_line(screening: Screening) -> str:
    """The counts of what was screened, and how many are shown when --top or --eligible-only
    kept fewer: '31 screened · 2 eligible · 2 to review · 27 not eligible · 2 unreadable'."""
    counts = screening.counts
    shown = len(screening.results)
    return counts.line() + (f" · {shown} shown" if shown != counts.screened else "")


def matching_line(matching: Matching) -> str:
    """'5 vacancies ranked · 1 eligible · 0 to review · 4 not eligible · 0 unreadable'."""
    return matching.counts.line("vacancies ranked")


def knock_outs(assessment: Assessment) -> str:
    """'; not met: edu-master, lang-english' naming the mandatory rules failed, or ''."""
    unmet = assessment.unmet_mandatory
    return f"; not met: {rule_ids(unmet)}" if unmet else ""


def credit_shown(rule: RuleResult) -> str:
    """A rule's credit for people: '-' for a rule left to a person's review (it earns none,
    and weighs nothing in the score), never a misleading 0.00."""
    return "-" if rule.status is Status.needs_review else f"{rule.credit:.2f}"


def extracted_from(assessment: Assessment) -> str:
    """What a CV was extracted from (text, PDF, Word), '' for a structured CV."""
    return EXTRACTED_FROM.get(assessment.origin, "")


def rule_ids(rules: Iterable[RuleResult]) -> str:
    """'a, b' for people, '-' when there are none."""
    return ", ".join(r.id for r in rules) or "-"


def shown_name(assessment: Assessment, blind: bool) -> str:
    """'Name (id)' for people, or only the opaque key in blind mode."""
    if blind:
        return assessment.opaque_key
    if assessment.name:
        return f"{assessment.name} ({assessment.candidate})"
    return assessment.candidate


def shown_evidence(rule: RuleResult) -> tuple[tuple[Evidence, ...], str]:
    """The evidence a rule shows people, and a line saying how many more JSON lists ('' if
    none)."""
    shown, hidden = rule.evidence[:EVIDENCE_SHOWN], rule.evidence[EVIDENCE_SHOWN:]
    if not hidden:
        return shown, ""
    posts = all(e.ref is not None and e.ref[0] == "experience" for e in hidden)
    return shown, f"… and {len(hidden)} more{' posts' if posts else ''} (-f json lists them all)"


def decision_line(rule: RuleResult) -> str:
    """What settled a rule after the engine, for people: 'met by review: A. Officer,
    2026-12-04', 'not met by override: ... (the engine: met)', 'met: declared by the
    candidate (not verified)'; '' when the engine's status stands."""
    d = rule.decision
    if d is None:
        return ""
    word = STATUS_WORDS[rule.status]
    if d.how is Settled.declared:
        said = f": {d.note}" if d.note else ""
        return f"{word}: declared by the candidate (not verified){said}"
    line = f"{word} by {d.how}: {d.by}, {d.date}" + (f" ({d.note})" if d.note else "")
    if d.how is Settled.override:
        line += f"; the engine said {STATUS_WORDS[d.engine_status]}"
    return line


def decisions_cell(assessment: Assessment) -> str:
    """Every decision on a candidate's rules, in one cell: 'rule: met by review: ...; ...'."""
    return "; ".join(f"{r.id}: {decision_line(r)}" for r in assessment.rules if r.decision)
