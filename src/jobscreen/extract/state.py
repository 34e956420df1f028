"""What the extractor builds as it reads: the entries, the reading state, and the result types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobscreen.extract.sections import _ALNUM, _Unit


@dataclass(frozen=True)
class Note:
    """A comment for the YAML output, on the value at ``path`` (``()`` for the document)."""

    path: tuple[str | int, ...]
    message: str


@dataclass(frozen=True)
class Extraction:
    """What :func:`extract` read from a text, and what it could not place."""

    data: dict[str, Any]
    notes: tuple[Note, ...]
    unplaced: tuple[str, ...]
    uncertain: frozenset[tuple[str, int]]
    claims: tuple[str, ...]


@dataclass
class _Entry:
    """An entry being built: its fields, a note per field, and why it is uncertain."""

    source: str
    index: int
    block: int
    bullet: bool = False
    indent: int = 0
    fields: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    doubt: str = ""
    stacked: bool = False  # dates, title and employer each on a line of their own
    told: bool = False  # read from a sentence of prose, not from a post's own lines

    def set(self, key: str, value: Any, note: str = "") -> None:
        if value is None or value == "":
            return
        self.fields[key] = value
        if note:
            self.notes[key] = note


@dataclass
class _State:
    units: list[_Unit]
    education: list[_Entry] = field(default_factory=list)
    experience: list[_Entry] = field(default_factory=list)
    languages: list[_Entry] = field(default_factory=list)
    competencies: list[tuple[str, str]] = field(default_factory=list)
    top: dict[str, tuple[str, str]] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)  # text units waiting for their post
    post: _Entry | None = None  # the post that following lines may describe
    awaiting: _Entry | None = None  # a post read from a dates-only line, title still to come
    institution: int | None = None  # an institution line waiting for its degree
    degree_end: int = -1  # the last line of the last degree: its own, or its institution's
    degree_year: int | None = None  # a line of dates waiting for the degree below it
    grid: list[str] = field(default_factory=list)  # CEFR levels in a column under a language
    level_above: tuple[int, str] | None = None  # 'Mother tongue(s)' over its languages
    section: str | None = None
    day_first: bool = False  # the text's full dates are settled as day/month/year


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return "'" + (text if len(text) <= limit else text[: limit - 3] + "...") + "'"


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:.|·\u2013\u2014-")


def _named(text: str) -> bool:
    """Whether a text has a letter or digit: punctuation alone names no title or employer."""
    return _ALNUM.search(text) is not None
