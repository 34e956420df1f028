"""Unblinding a shortlist: names and files filled back into a blind xlsx shortlist.

A blind `score -f xlsx` shows each candidate by its opaque key, with empty name and source
columns; `--key-map` wrote key → candidate, name and source apart. Once the panel has
shortlisted, :func:`unblind` fills the names and files in from the key map, row by row,
leaving everything else (the panel's decisions and notes among it) as it was.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from jobscreen.errors import InputError, Location
from jobscreen.loading import read_bytes, read_text
from jobscreen.report.data import FORMULA_START
from jobscreen.report.xlsx import SHORTLIST, VACANCY, cell_text, save

KEY_MAP_HEADER = ["key", "candidate", "name", "source"]
MOST_BYTES = 256 * 1024 * 1024  # a shortlist of 100,000 candidates is some tens of MB
NOT_A_SHORTLIST = "not a jobscreen shortlist (make one with score --blind -f xlsx)"


@dataclass(frozen=True)
class Unblinded:
    """How many rows got their name and file back, and the keys the key map lacks."""

    filled: int
    unknown: tuple[str, ...]


def read_key_map(path: str) -> dict[str, tuple[str, str]]:
    """Key → (name, source) from a key map written by `score --blind --key-map`."""
    text = read_text(path, MOST_BYTES, hint="").removeprefix("\ufeff")
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows, None)
        if header != KEY_MAP_HEADER:
            what = f"not a key map: its header is not {','.join(KEY_MAP_HEADER)}"
            raise InputError(what, Location(path, 1, 1))
        found: dict[str, tuple[str, str]] = {}
        for row in rows:
            if not row:
                continue
            if len(row) != len(KEY_MAP_HEADER):
                what = f"expected {len(KEY_MAP_HEADER)} cells, found {len(row)}"
                raise InputError(what, Location(path, rows.line_num, 1))
            key, _, name, source = (_as_written(cell) for cell in row)
            if key in found:  # which name is the candidate's? never the last one silently
                raise InputError(f"key {key!r} listed twice", Location(path, rows.line_num, 1))
            found[key] = (name, source)
    except csv.Error as exc:
        raise InputError(f"not CSV: {exc}", Location(path, rows.line_num, 1)) from None
    return found


def _as_written(cell: str) -> str:
    """A cell's text before the key map made it formula-safe (a leading quote)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def _load(path: str) -> Any:
    import openpyxl

    data = read_bytes(Path(path), MOST_BYTES, hint="")
    try:
        return openpyxl.load_workbook(io.BytesIO(data))
    except Exception:  # a damaged zip or XML raises whatever its parser raises
        raise InputError(NOT_A_SHORTLIST, Location(path, 1, 1)) from None


def unblind(shortlist: str, key_map: str, out: BinaryIO) -> Unblinded:
    """Fill names and sources from ``key_map`` into a blind ``shortlist``, written to ``out``."""
    keys = read_key_map(key_map)
    book = _load(shortlist)
    if SHORTLIST not in book.sheetnames:
        raise InputError(NOT_A_SHORTLIST, Location(shortlist, 1, 1))
    sheet = book[SHORTLIST]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1), ())]
    if not {"candidate", "name", "source"} <= set(header):
        raise InputError(NOT_A_SHORTLIST, Location(shortlist, 1, 1))
    key_at, name_at, source_at = (header.index(c) for c in ("candidate", "name", "source"))
    filled, unknown = 0, []
    for row in sheet.iter_rows(min_row=2):
        key = row[key_at].value
        if key is None:
            continue
        if str(key) not in keys:
            unknown.append(str(key))
            continue
        for cell, text in zip((row[name_at], row[source_at]), keys[str(key)], strict=True):
            cell.value = cell_text(text)
            cell.data_type = "s"  # text, never a formula
        filled += 1
    if VACANCY in book.sheetnames:
        for fact, value in book[VACANCY].iter_rows(min_row=1, max_col=2):
            if fact.value == "blind":
                value.value = "unblinded: names and sources from the key map"
                break
    save(book, out)
    return Unblinded(filled, tuple(unknown))
