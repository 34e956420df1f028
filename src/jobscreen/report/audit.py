"""audit's formats (a rich table, JSON, the HTML page) and verify's report, as lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from rich.table import Table
from rich.text import Text

from jobscreen.audit import (
    CHANGED_BY,
    FOUR_FIFTHS,
    NOT_DECLARED,
    Audit,
    GroupFigures,
    audit_dict,
    changed_counts,
)
from jobscreen.errors import printable_name
from jobscreen.report.table import console_for
from jobscreen.runs import ABSENT, Difference, Verification

if TYPE_CHECKING:
    from jobscreen.record import Record

MOST_SHOWN = 20  # differences listed by verify; the rest are counted
LONGEST_VALUE = 60  # characters of a value shown in a difference


def _rate(figures: GroupFigures, measure: str) -> str:
    rate = figures.rates[measure]
    value = rate.value
    shown = "undefined" if value is None else f"{value:.1%}"
    return f"{shown} ({rate.selected}/{rate.total})"


def _ratio(figures: GroupFigures, measure: str) -> Text:
    ratio = figures.ratios[measure]
    if ratio is None:
        return Text("undefined", "dim")
    if measure in figures.flagged:
        return Text(f"{ratio:.2f} ⚑ under {FOUR_FIFTHS}", "bold red")
    return Text(f"{ratio:.2f}")


def _changed(figures: GroupFigures) -> str:
    return "\n".join(changed_counts(figures)) or "-"


def print_audit(result: Audit, out: TextIO) -> None:
    table = Table(title="Adverse-impact audit", show_lines=True)
    table.add_column("Group")
    table.add_column("n", justify="right")
    for measure in result.measures:
        table.add_column(f"{measure} rate")
        table.add_column(f"{measure} impact ratio")
    if result.decided:
        table.add_column("eligibility changed by")
    for figures in result.groups:
        name = Text(NOT_DECLARED, "dim") if figures.group is None else Text(figures.group)
        if figures.small:
            name.append("\n(small: caution)", "yellow")
        cells: list[str | Text] = [name, str(figures.count)]
        for measure in result.measures:
            cells += [_rate(figures, measure), _ratio(figures, measure)]
        if result.decided:
            cells.append(_changed(figures))
        table.add_row(*cells)
    console = console_for(out)
    console.print(table)
    median = "n/a" if result.median_score is None else f"{result.median_score:g}"
    notes = [
        f"Impact ratio = the group's rate / the highest rate among declared groups; flagged "
        f"under {FOUR_FIFTHS} (four-fifths rule). Scoring rate = share scoring above the "
        f"sample's median score ({median}).",
        f"Groups under {result.small_group} candidates are marked small: their ratios can "
        "swing on one person. (not declared) = no self-declared group; it is reported, never "
        "guessed, and never the reference.",
    ]
    if result.decided:
        notes.append(CHANGED_BY)
    if result.not_in_record:
        notes.append(
            f"{len(result.not_in_record)} candidates in the groups file are not in the record."
        )
    for note in notes:
        console.print(Text(note, "dim"))


def _table(result: Audit, _: Record, out: TextIO) -> None:
    print_audit(result, out)


def _json(result: Audit, _: Record, out: TextIO) -> None:
    out.write(json.dumps(audit_dict(result), indent=2) + "\n")


def _html(result: Audit, record: Record, out: TextIO) -> None:
    from jobscreen.report.audit_html import audit_page

    out.write(audit_page(result, record))


class AuditFormat(StrEnum):
    """Every output format of audit, in the order --format lists them."""

    table = "table"
    json = "json"
    html = "html"  # the rates drawn


AUDIT_WRITERS: dict[AuditFormat, Callable[[Audit, Record, TextIO], None]] = {
    AuditFormat.table: _table,
    AuditFormat.json: _json,
    AuditFormat.html: _html,
}


def write_verification(outcome: Verification, name: str, out: TextIO) -> None:
    """verify's report of the record ``name``: :func:`verify_lines`, each ended."""
    out.write("".join(line + "\n" for line in verify_lines(outcome, name)))


def verify_lines(outcome: Verification, name: str) -> list[str]:
    """verify's report: a verdict, the notes, and the first differences, each on one line
    with every control character as a code (a record's values are untrusted text)."""
    shown = printable_name(name)
    count = len(outcome.differences)
    if not count:
        lines = [f"{shown}: identical: every result reproduced"]
    else:
        lines = [f"{shown}: {count} difference{'s' if count != 1 else ''}"]
    lines += [f"  note: {note}" for note in outcome.notes]
    lines += [f"  {_difference(d)}" for d in outcome.differences[:MOST_SHOWN]]
    if count > MOST_SHOWN:
        lines.append(f"  and {count - MOST_SHOWN} more")
    return [printable_name(line) for line in lines]


def _difference(difference: Difference) -> str:
    if difference.told:
        return difference.what
    return f"{difference.what}: {_value(difference.recorded)} → {_value(difference.rerun)}"


def _value(value: Any) -> str:
    if value is ABSENT:
        return "(absent)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"
