"""Adverse-impact audit of a screening record: selection and scoring rates per group.

Follows the four-fifths rule of the US Uniform Guidelines and the impact ratios of New York
City's Local Law 144: a group's rate divided by the highest group's rate, flagged under 0.8.
Groups are self-declared categories kept outside the CVs; a candidate without one counts as
"unknown" and is reported, never guessed, and never serves as the reference group.
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass
from typing import Any

from jobscreen.errors import InputError, Location, printable_name
from jobscreen.record import Record, ResultOut

UNKNOWN = "unknown"
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

    group: str
    count: int
    rates: dict[str, Rate]
    ratios: dict[str, float | None]
    flagged: tuple[str, ...]
    small: bool


@dataclass(frozen=True)
class Audit:
    """Per-group figures for each measure, with what the figures rest on."""

    measures: tuple[str, ...]
    groups: tuple[GroupFigures, ...]
    median_score: float | None
    top: int | None
    small_group: int
    not_in_record: tuple[str, ...]


def read_groups(text: str, source: str) -> dict[str, str]:
    """candidate -> group from CSV text with 'candidate' and 'group' columns."""
    try:
        return _read_groups(csv.DictReader(io.StringIO(text)), source)
    except csv.Error as exc:
        raise InputError(f"not a readable CSV: {exc}", Location(source)) from None


def _read_groups(reader: csv.DictReader[str], source: str) -> dict[str, str]:
    fields = {name.strip().lower(): name for name in reader.fieldnames or []}
    if "candidate" not in fields or "group" not in fields:
        raise InputError("groups CSV needs 'candidate' and 'group' columns", Location(source, 1, 1))
    groups: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        candidate = (row.get(fields["candidate"]) or "").strip()
        if not candidate:
            raise InputError("empty candidate", Location(source, line, 1))
        if candidate in groups:
            raise InputError(f"candidate {candidate!r} listed twice", Location(source, line, 1))
        # a group's name is shown in tables: control characters (terminal escapes) as codes
        groups[candidate] = printable_name((row.get(fields["group"]) or "").strip()) or UNKNOWN
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


def _figures(
    group: str,
    members: set[str],
    chosen: dict[str, set[str]],
    best: dict[str, float | None],
    small: int,
) -> GroupFigures:
    rates = {m: Rate(len(members & picked), len(members)) for m, picked in chosen.items()}
    ratios: dict[str, float | None] = {}
    for measure, rate in rates.items():
        top_rate, value = best[measure], rate.value
        ratios[measure] = value / top_rate if value is not None and top_rate else None
    flagged = tuple(
        m for m, r in ratios.items() if group != UNKNOWN and r is not None and r < FOUR_FIFTHS
    )
    return GroupFigures(group, len(members), rates, ratios, flagged, len(members) < small)


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
    groups: dict[str, str],
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
    members: dict[str, set[str]] = {}
    for r in results:
        members.setdefault(groups.get(r.candidate, UNKNOWN), set()).add(r.candidate)
    known = {g: m for g, m in members.items() if g != UNKNOWN}
    best = {
        measure: max((len(m & picked) / len(m) for m in known.values() if m), default=None)
        for measure, picked in chosen.items()
    }
    figures = tuple(
        _figures(g, members[g], chosen, best, small_group) for g in sorted(members, key=_order)
    )
    in_record = {r.candidate for r in results}
    return Audit(
        tuple(chosen),
        figures,
        statistics.median(r.score for r in results) if results else None,
        top,
        small_group,
        tuple(sorted(set(groups) - in_record)),
    )


def _order(group: str) -> tuple[bool, str]:
    return (group == UNKNOWN, group)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def audit_dict(result: Audit) -> dict[str, Any]:
    """The audit as JSON-ready data: undefined rates and ratios are null, never a number."""
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
            }
            for g in result.groups
        ],
    }
