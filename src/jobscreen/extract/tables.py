"""Plain-text tables whose cells wrap over several lines (a UN P.11 form's education table):
each row's lines are joined cell by cell, so that a row reads as one line."""

from __future__ import annotations

import re

_RULE_ROW = re.compile(r"\s*[-=+|:\s]*[-=]{3,}[-=+|:\s]*")


def _cells(line: str) -> list[str]:
    return line.split("|")


def _joined(group: list[str]) -> list[str]:
    """A row's lines as one (the first line's place) and blanks for the rest, when every
    line has the same columns; the lines as they are otherwise."""
    if len(group) < 2 or len({len(_cells(line)) for line in group}) != 1:
        return group
    columns = zip(*(_cells(line) for line in group), strict=True)
    row = " | ".join(
        " ".join(" ".join(part.split()) for part in c if part.strip()) for c in columns
    )
    indent = group[0][: len(group[0]) - len(group[0].lstrip())]
    return [indent + row, *([""] * (len(group) - 1))]


def _table(lines: list[str]) -> list[str]:
    """A table's lines, each row between two rule lines joined; a table with one rule line
    (Markdown's, under its header) has a row a line and is left as it is."""
    if sum(1 for line in lines if _RULE_ROW.fullmatch(line)) < 2:
        return lines if lines[0].lstrip().startswith("|") else _rows_by_fill(lines)
    out: list[str] = []
    group: list[str] = []
    for line in lines:
        if _RULE_ROW.fullmatch(line):
            out += [*_joined(group), line]
            group = []
        else:
            group.append(line)
    return out + _joined(group)


def _filled(line: str) -> int:
    return sum(1 for cell in _cells(line) if cell.strip())


def _rows_by_fill(lines: list[str]) -> list[str]:
    """A plain-text table with no rule between its rows: a line that fills every cell starts
    a row, and the lines with empty cells under it are its wrapped cells."""
    full = max(_filled(line) for line in lines)
    out: list[str] = []
    group: list[str] = []
    for line in lines:
        if _RULE_ROW.fullmatch(line) or _filled(line) == full:
            out += _joined(group)
            group = []
        if _RULE_ROW.fullmatch(line):
            out.append(line)
        else:
            group.append(line)
    return out + _joined(group)


def _in_table(line: str, started: bool) -> bool:
    """A row of two or more cells, or a rule line inside a table."""
    return line.count("|") >= 2 or (started and _RULE_ROW.fullmatch(line) is not None)


def join_table_rows(text: str) -> str:
    """The text with each wrapped row of its plain-text tables on one line; as many lines
    as before, so that every line keeps its number."""
    lines = text.split("\n")
    out: list[str] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and _in_table(lines[end], end > start):
            end += 1
        if end - start >= 3:
            out += _table(lines[start:end])
            start = end
        else:
            out.append(lines[start])
            start += 1
    return "\n".join(out)
