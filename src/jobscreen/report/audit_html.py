"""The adverse-impact audit as one HTML page: each measure's rates drawn as an inline SVG,
a bar per group and a line at four-fifths of the highest rate, with the figures as text.

Group names come from a CSV and the record from a file: both go through :func:`text`.
"""

from __future__ import annotations

from collections.abc import Iterator

from jobscreen.audit import (
    CHANGED_BY,
    FOUR_FIFTHS,
    NOT_DECLARED,
    Audit,
    GroupFigures,
    changed_counts,
)
from jobscreen.record import Record
from jobscreen.report.html import document, row, table_of, text

LABEL_WIDTH = 190  # the group names' column in a chart, in SVG units
BAR_WIDTH = 360  # a rate of 100%
FIGURE_WIDTH = 210  # the figures after a bar
BAR_HEIGHT, GAP, TOP, BOTTOM = 20, 8, 26, 22
LONGEST_LABEL = 26  # characters of a group name in a chart; the table has it whole


def audit_page(result: Audit, record: Record) -> str:
    """The whole document; the same record and groups give the same bytes."""
    return document(f"Adverse-impact audit: {record.vacancy.title}", _body(result, record))


def _body(result: Audit, record: Record) -> Iterator[str]:
    yield (
        f'<header><p class="sub">Adverse-impact audit · jobscreen {text(record.jobscreen_version)}'
        f"</p><h1>{text(record.vacancy.title)}</h1>"
        f'<p class="meta">Vacancy <span class="id">{text(record.vacancy.id)}</span> · '
        f"as of <strong>{record.as_of}</strong> · {len(record.results)} candidates</p>"
        f'<p class="note">{_explained(result)}</p></header>'
    )
    for measure in result.measures:
        yield f"<h2>{text(measure)} rate</h2>"
        yield _chart(result, measure)
        yield _figures_table(result, measure)
    if result.decided:
        yield _changed_table(result)
    if result.not_in_record:
        count = len(result.not_in_record)
        yield f'<p class="note">{count} candidates in the groups file are not in the record.</p>'


def _explained(result: Audit) -> str:
    median = "n/a" if result.median_score is None else f"{result.median_score:g}"
    return (
        "Impact ratio = the group's rate / the highest rate among declared groups; flagged ⚑ "
        f"under {FOUR_FIFTHS} (four-fifths rule). Scoring rate = share scoring above the "
        f"sample's median score ({median}). Groups under {result.small_group} candidates are "
        f"marked small: their ratios can swing on one person. {NOT_DECLARED} = no "
        "self-declared group; it is reported, never guessed, and never the reference."
    )


def _name(figures: GroupFigures) -> str:
    return NOT_DECLARED if figures.group is None else figures.group


def _highest(result: Audit, measure: str) -> float | None:
    """The highest rate among declared groups: the reference of the impact ratios."""
    rates = [g.rates[measure].value for g in result.groups if g.group is not None]
    return max((r for r in rates if r is not None), default=None)


def _figures(figures: GroupFigures, measure: str) -> str:
    """'42.9% (3/7), ratio 0.60 ⚑' as text beside a bar and in the table."""
    rate, ratio = figures.rates[measure], figures.ratios[measure]
    shown = "undefined" if rate.value is None else f"{rate.value:.1%}"
    said = f"{shown} ({rate.selected}/{rate.total})"
    if ratio is not None:
        said += f", ratio {ratio:.2f}" + (" ⚑" if measure in figures.flagged else "")
    return said


# --- the chart ---


def _chart(result: Audit, measure: str) -> str:
    height = TOP + len(result.groups) * (BAR_HEIGHT + GAP) + BOTTOM
    width = LABEL_WIDTH + BAR_WIDTH + FIGURE_WIDTH
    parts = [_axis(height), *_bars(result, measure), _line(_highest(result, measure), height)]
    return (
        f'<svg class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{text(measure)} rate by group">{"".join(parts)}</svg>'
    )


def _axis(height: int) -> str:
    """The 0% and 100% marks of the rate scale."""
    left, right = LABEL_WIDTH, LABEL_WIDTH + BAR_WIDTH
    return "".join(
        f'<line x1="{x}" y1="{TOP - 4}" x2="{x}" y2="{height - BOTTOM}" stroke="#999"/>'
        f'<text x="{x}" y="{TOP - 8}" text-anchor="middle">{label}</text>'
        for x, label in ((left, "0%"), (right, "100%"))
    )


def _bars(result: Audit, measure: str) -> Iterator[str]:
    for index, figures in enumerate(result.groups):
        yield _bar(figures, measure, TOP + index * (BAR_HEIGHT + GAP))


def _bar(figures: GroupFigures, measure: str, y: int) -> str:
    """A group's name, its bar (none for an undefined rate) and its figures, at height y."""
    value = figures.rates[measure].value
    length = round((value or 0) * BAR_WIDTH, 1)
    middle = f"{y + BAR_HEIGHT / 2 + 4:g}"
    name = f'<text x="{LABEL_WIDTH - 6}" y="{middle}" text-anchor="end">{_label(figures)}</text>'
    bar = (
        ""
        if value is None
        else (
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:g}" height="{BAR_HEIGHT}" '
            f'fill="{_fill(figures, measure)}" stroke="#111" stroke-width="1"/>'
        )
    )
    said = text(_figures(figures, measure))
    return f'{name}{bar}<text x="{LABEL_WIDTH + length + 6:g}" y="{middle}">{said}</text>'


def _fill(figures: GroupFigures, measure: str) -> str:
    """Red under four-fifths, grey for the undeclared, blue otherwise (the text says it too)."""
    if measure in figures.flagged:
        return "#b23b3b"
    return "#999" if figures.group is None else "#3b6ea8"


def _label(figures: GroupFigures) -> str:
    """A group's name in the chart: a long one keeps its start and its end, where names
    of related groups often differ ('..., region north', '..., region south')."""
    name = _name(figures)
    if len(name) > LONGEST_LABEL:
        name = name[: LONGEST_LABEL // 2] + "…" + name[-(LONGEST_LABEL - 1 - LONGEST_LABEL // 2) :]
    return text(name) + (" (small)" if figures.small else "")


def _line(highest: float | None, height: int) -> str:
    """The four-fifths line: four-fifths of the highest declared group's rate."""
    if not highest:
        return ""
    x = round(LABEL_WIDTH + FOUR_FIFTHS * highest * BAR_WIDTH, 1)
    label = f"4/5 of highest ({FOUR_FIFTHS * highest:.1%})"
    return (
        f'<line x1="{x:g}" y1="{TOP - 4}" x2="{x:g}" y2="{height - BOTTOM + 4}" stroke="#111" '
        f'stroke-width="2" stroke-dasharray="6 3"/>'
        f'<text x="{x:g}" y="{height - 4}" text-anchor="middle">{label}</text>'
    )


# --- the same figures as a table ---


def _figures_table(result: Audit, measure: str) -> str:
    header = ["Group", "n", "Rate (selected/total), impact ratio", "Flag"]
    return table_of(header, (_figures_row(g, measure) for g in result.groups))


def _figures_row(figures: GroupFigures, measure: str) -> str:
    small = ' <span class="sub">(small: caution)</span>' if figures.small else ""
    flag = f"⚑ under {FOUR_FIFTHS}" if measure in figures.flagged else ""
    count = f'<td class="num">{figures.count}</td>'
    return row([text(_name(figures)) + small, count, text(_figures(figures, measure)), flag])


def _changed_table(result: Audit) -> str:
    """Per group, how many candidates' eligibility the decisions changed, and by which kind."""
    rows = (
        row([text(_name(g)), f'<td class="num">{g.count}</td>', text(_changed_cell(g))])
        for g in result.groups
    )
    return (
        "<h2>Eligibility changed by</h2>"
        + table_of(["Group", "n", "Eligibility changed by"], rows)
        + f'<p class="note">{text(CHANGED_BY)}</p>'
    )


def _changed_cell(figures: GroupFigures) -> str:
    return ", ".join(changed_counts(figures)) or "-"
