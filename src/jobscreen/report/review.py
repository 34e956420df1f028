"""The file `review` writes: one row per item left to review, to be filled in and given back
to score, explain or match with --decisions (read by jobscreen.decisionfile)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from jobscreen.report.data import SafeWriter, shown_candidate
from jobscreen.results import Assessment, RuleResult

COLUMNS = ("candidate", "rule", "decision", "by", "date", "note", "evidence", "vacancy", "sha256")


def review_rows(assessment: Assessment, blind: bool, vacancy: str) -> Iterator[tuple[str, ...]]:
    """One row per rule of the assessment still left to review: candidate (or blind key),
    rule, empty decision, by, date and note, the reason and evidence quoted, and the vacancy
    and the CV's SHA-256 the decision will apply to."""
    who = shown_candidate(assessment, blind)
    for rule in assessment.review:
        yield who, rule.id, "", "", "", "", evidence_text(rule), vacancy, assessment.sha256


def evidence_text(rule: RuleResult) -> str:
    """The rule's reason and its evidence, on one line."""
    return " · ".join([rule.reason, *(f"{e.heading}: {e.quote}" for e in rule.evidence)])


def write_review(assessments: Iterable[Assessment], blind: bool, vacancy: str, out: TextIO) -> int:
    """The review file's CSV, header first; how many open items it holds."""
    writer = SafeWriter(out)
    writer.writerow(COLUMNS)
    count = 0
    for assessment in assessments:
        for row in review_rows(assessment, blind, vacancy):
            writer.writerow(row)
            count += 1
    return count
