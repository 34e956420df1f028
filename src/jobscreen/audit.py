"""Adverse-impact audit of a screening record: selection and scoring rates per group.

Follows the four-fifths rule of the US Uniform Guidelines and the impact ratios of New York
City's Local Law 144: a group's rate divided by the highest group's rate, flagged under 0.8.
Groups are self-declared categories kept outside the CVs; a candidate without one is
reported as not declared (group None, shown "(not declared)"), never guessed, and never serves
as the reference group. A group a CSV names "unknown" is a declared group like any other.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jobscreen.csvinput import read_csv
from jobscreen.errors import InputError, Location, printable_name
from jobscreen.record import Record, ResultOut, RuleOut

NOT_DECLARED = "(not declared)"  # how candidates without a group are shown; no group's name
FOUR_FIFTHS = 0.8
SMALL_GROUP = 30


@dataclass(frozen=True)
class Rate:
    """A selection or scoring rate: selected of total; undefined (None) for 0/0."""

    selected: int
    total: int

    @property
    def value(self) -> float | None:
        return self.selected / self.total if self.total else None


@dataclass(frozen=True)
class GroupFigures:
    """One group's rates and impact ratios (None where undefined)."""

    group: str | None  # None: the candidates who declared no group
    count: int
    rates: dict[str, Rate]
    ratios: dict[str, float | None]
    flagged: tuple[str, ...]
    small: bool
    changed: dict[str, int] = field(default_factory=dict)  # eligibility changed, by how


@dataclass(frozen=True)
class Audit:
    """Per-group figures for each measure, with what the figures rest on."""

    measures: tuple[str, ...]
    groups: tuple[GroupFigures, ...]
    median_score: float | None
    top: int | None
    small_group: int
    not_in_record: tuple[str, ...]
    decided: bool = False  # whether any rule of the record was settled after the engine


def read_groups(text: str, source: str) -> dict[str, str | None]:
    """candidate -> group (None: declared none) from CSV text with 'candidate' and 'group'
    columns; every problem located (an unclosed quote, a column named twice)."""
    table = read_csv(text, source)
    fields = table.columns(("candidate", "group"))
    if "candidate" not in fields or "group" not in fields:
        raise InputError("groups CSV needs 'candidate' and 'group' columns", Location(source, 1, 1))
    groups: dict[str, str | None] = {}
    for line, row in table.rows:
        candidate = (row.get(fields["candidate"]) or "").strip()
        if not candidate:
            raise InputError("empty candidate", Location(source, line, 1))
        if candidate in groups:
            raise InputError(f"candidate {candidate!r} listed twice", Location(source, line, 1))
        # a group's name is shown in tables: control characters (terminal escapes) as codes
        group = printable_name((row.get(fields["group"]) or "").strip())
        if group == NOT_DECLARED:
            why = f"{NOT_DECLARED!r} is how candidates without a group are shown: rename it"
            raise InputError(why, Location(source, line, 1))
        groups[candidate] = group or None
    return groups


def _measures(results: list[ResultOut], top: int | None) -> dict[str, set[str]]:
    """For each measure, the candidates it selects."""
    median = statistics.median(r.score for r in results) if results else None
    chosen = {
        "eligible": {r.candidate for r in results if r.eligible},
        "scoring": {r.candidate for r in results if median is not None and r.score > median},
    }
    if top is not None:
        chosen[f"top {top}"] = {r.candidate for r in results if r.rank <= top}
    return chosen


# The order decisions are undone in to tell which changed an outcome: the candidates' own
# declarations first, then the panel's review, then its overrides of the engine.
STAGES = ("declared", "review", "override")


def _label(result: ResultOut, applied: frozenset[str]) -> str:
    """A result's eligibility with only the decisions settled ``applied`` ways (the rest as
    the engine had them): yes, review or no, as score labels it."""
    statuses = [(r.required, _status(r, applied)) for r in result.rules]
    if any(required and s in ("not_met", "partial") for required, s in statuses):
        return "no"
    return "review" if any(req and s == "needs_review" for req, s in statuses) else "yes"


def _status(rule: RuleOut, applied: frozenset[str]) -> str:
    decided = rule.decision
    return rule.status if decided is None or decided.how in applied else decided.engine_status


CHANGED_BY = (
    "Eligibility changed by = candidates whose eligibility differs from the engine's "
    "because of the candidates' declarations, the panel's review, or its overrides."
)


def changed_counts(figures: GroupFigures) -> list[str]:
    """'2 review', '1 override': how many of a group's eligibility each kind changed."""
    return [f"{count} {how}" for how, count in figures.changed.items() if count]


def changed_by(result: ResultOut) -> str | None:
    """Which kind of decision changed a result's eligibility from the engine's: the last
    stage (declared, review, override) after which it differs; None if unchanged."""
    labels = [_label(result, frozenset(STAGES[:n])) for n in range(len(STAGES) + 1)]
    changes = [STAGES[n] for n in range(len(STAGES)) if labels[n] != labels[n + 1]]
    return changes[-1] if changes else None


def _figures(
    group: str | None,
    members: set[str],
    chosen: dict[str, set[str]],
    best: dict[str, float | None],
    small: int,
    changes: dict[str, str | None] | None = None,
) -> GroupFigures:
    rates = {m: Rate(len(members & picked), len(members)) for m, picked in chosen.items()}
    ratios: dict[str, float | None] = {}
    for measure, rate in rates.items():
        top_rate, value = best[measure], rate.value
        ratios[measure] = value / top_rate if value is not None and top_rate else None
    flagged = tuple(
        m for m, r in ratios.items() if group is not None and r is not None and r < FOUR_FIFTHS
    )
    how = [changes.get(m) for m in members] if changes else []
    changed = {stage: how.count(stage) for stage in STAGES}
    return GroupFigures(group, len(members), rates, ratios, flagged, len(members) < small, changed)


def _results(record: Record) -> list[ResultOut]:
    """The record's results, each candidate once: an audit counting one twice would mislead."""
    seen: set[str] = set()
    for r in record.results:
        if r.candidate in seen:
            raise InputError(f"candidate {r.candidate!r} appears twice: ids must be unique")
        seen.add(r.candidate)
    return record.results


def audit(
    record: Record,
    groups: Mapping[str, str | None],
    top: int | None = None,
    small_group: int = SMALL_GROUP,
) -> Audit:
    """Selection rates (eligible, top N), scoring rate and impact ratios per group."""
    if record.options.top is not None or record.options.eligible_only:
        raise InputError(
            "the record must hold every candidate: score without --top or --eligible-only"
        )
    results = _results(record)
    chosen = _measures(results, top)
    members: dict[str | None, set[str]] = {}
    for r in results:
        members.setdefault(groups.get(r.candidate), set()).add(r.candidate)
    declared = [m for g, m in members.items() if g is not None]
    best = {
        measure: max((len(m & picked) / len(m) for m in declared), default=None)
        for measure, picked in chosen.items()
    }
    changes = {r.candidate: changed_by(r) for r in results}
    figures = tuple(
        _figures(g, members[g], chosen, best, small_group, changes)
        for g in sorted(members, key=_order)
    )
    decided = any(rule.decision for r in results for rule in r.rules)
    in_record = {r.candidate for r in results}
    return Audit(
        tuple(chosen),
        figures,
        statistics.median(r.score for r in results) if results else None,
        top,
        small_group,
        tuple(sorted(set(groups) - in_record)),
        decided,
    )


def _order(group: str | None) -> tuple[bool, str]:
    """Declared groups by name, then the candidates who declared none."""
    return (group is None, group or "")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def audit_dict(result: Audit) -> dict[str, Any]:
    """The audit as JSON-ready data: undefined rates and ratios are null, never a number;
    so is the group of the candidates who declared none."""
    return {
        "measures": list(result.measures),
        "median_score": result.median_score,
        "top": result.top,
        "four_fifths_threshold": FOUR_FIFTHS,
        "small_group_threshold": result.small_group,
        "not_in_record": list(result.not_in_record),
        "groups": [
            {
                "group": g.group,
                "count": g.count,
                "small": g.small,
                "rates": {
                    m: {"selected": r.selected, "total": r.total, "rate": _round(r.value)}
                    for m, r in g.rates.items()
                },
                "impact_ratios": {m: _round(v) for m, v in g.ratios.items()},
                "flagged": list(g.flagged),
                **({"changed_by": g.changed} if result.decided else {}),
            }
            for g in result.groups
        ],
    }
