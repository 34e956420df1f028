"""CSV inputs a person writes (groups for an audit, a panel's decisions): rows with their
line numbers, and every problem located (an unclosed quote, a column named twice).

The delimiter is the header's: a comma, or the semicolon (or tab) that a spreadsheet saves in
locales where the comma is the decimal mark, so that a decisions file written by `jobscreen
review`, filled in Excel and saved again reads back as it is."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jobscreen.errors import InputError, Location


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read: its header as written, and each row (column -> cell) with its line."""

    source: str
    names: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]

    def columns(self, wanted: Sequence[str]) -> dict[str, str]:
        """Each header name by its key (lowercase, no spaces around); a wanted column named
        twice is an error at its second place."""
        fields: dict[str, str] = {}
        for index, name in enumerate(self.names):
            key = name.strip().lower()
            if key in fields and key in wanted:
                where = Location(self.source, 1, column_of(self.names, index))
                raise InputError(f"column {key!r} appears twice in the header", where)
            fields.setdefault(key, name)
        return fields

    def column(self, row: dict[str, str], name: str) -> int:
        """Where a row's cell of a column starts on its line (as written without quotes)."""
        cells = list(row)
        return column_of(list(row.values()), cells.index(name)) if name in cells else 1


DELIMITERS = (",", ";", "\t")
Row = tuple[int, dict[str, str]]


def delimiter_of(text: str) -> str:
    """The delimiter the header line uses most (outside quotes); a comma if it uses none."""
    header, quoted = [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            break
        elif not quoted:
            header.append(char)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the first, the comma
    return best if counts[best] else ","


def read_csv(text: str, source: str) -> CsvTable:
    """The rows of CSV text, or a located InputError if it cannot be read as CSV."""
    delimiter = delimiter_of(text)
    reader = csv.reader(io.StringIO(text), strict=True, delimiter=delimiter)
    try:
        names = tuple(next(reader, ()))
        rows = tuple(_rows(reader, names, source))
    except csv.Error as exc:
        opened = open_quote(text, delimiter)
        if opened is not None:
            where = Location(source, *opened)
            raise InputError("not a readable CSV: this quote is never closed", where) from None
        where = Location(source, reader.line_num, 1)  # the line it stopped on
        raise InputError(f"not a readable CSV: {exc}", where) from None
    return CsvTable(source, names, rows)


def _rows(reader: Iterator[list[str]], names: Sequence[str], source: str) -> Iterator[Row]:
    """Each row that is not blank, with the line it starts on (a quoted cell may hold line
    breaks: the row then ends lines later)."""
    while True:
        start = reader.line_num + 1  # type: ignore[attr-defined]
        row = next(reader, None)
        if row is None:
            return
        if row:
            _none_past_header(names, row, Location(source, start, 1))
            yield start, _cells(names, row)


def _none_past_header(names: Sequence[str], row: list[str], where: Location) -> None:
    """A filled cell past the header's columns is an error: it would be silently lost."""
    extra = next((i for i in range(len(names), len(row)) if row[i].strip()), None)
    if extra is not None:
        at = Location(where.path, where.line, column_of(row, extra))
        why = f"a cell past the header's {len(names)} columns: {row[extra][:40]!r}"
        raise InputError(why, at)


def _cells(names: Sequence[str], row: list[str]) -> dict[str, str]:
    """A row's cells by column; a missing cell is empty, cells past the header are left out."""
    return {name: row[i] if i < len(row) else "" for i, name in enumerate(names)}


def column_of(names: Sequence[str], index: int) -> int:
    """Where a field starts, as written without quotes (the usual header and rows)."""
    return sum(len(name) + 1 for name in names[:index]) + 1


def open_quote(text: str, delimiter: str = ",") -> tuple[int, int] | None:
    """Where a quoted field that is never closed opens (line, column), if one is."""
    start, line, column = None, 1, 0
    quoted = closed = False  # closed: a quote just ended a quoted field ("" reopens it)
    field_start = True
    for char in text:
        column += 1
        if quoted:
            quoted, closed = char != '"', char == '"'
        elif char == '"' and closed:
            quoted, closed = True, False
        elif char == '"' and field_start:
            quoted, start = True, (line, column)
        else:
            closed = False
        field_start = not quoted and char in (delimiter, "\n")
        if char == "\n":
            line, column = line + 1, 0
    return start if quoted else None
