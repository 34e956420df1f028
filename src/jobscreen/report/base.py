"""The reporter interface and the one registry of score/explain/match formats."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from jobscreen.results import Matching, Screening

if TYPE_CHECKING:
    from jobscreen.report.csvfmt import CsvStyle
    from jobscreen.vacancy import Vacancy


class Reporter(ABC):
    """Writes a result object to a stream in one format."""

    name: ClassVar[str]

    def __init__(self, out: TextIO) -> None:
        self.out = out

    @abstractmethod
    def screening(self, screening: Screening) -> None:
        """A ranked screening (the score command)."""

    def explanation(self, screening: Screening) -> None:
        """One candidate's rule-by-rule account (the explain command)."""
        self.screening(screening)

    def matching(self, matching: Matching) -> None:
        """One candidate against several vacancies (the match command): MATCH_FORMATS'."""
        raise NotImplementedError(f"{self.name} shows no matching")


class Format(StrEnum):
    """Every output format of score, in the order --format lists them."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"  # a binary file, with the vacancy's rules
    html = "html"  # the panel report, with the vacancy's rules

    @property
    def binary(self) -> bool:
        return self is Format.xlsx


# each command's --format choices, from the one enum: explain shows one candidate, match
# one candidate against several vacancies (the document formats show one vacancy's rules)
SCORE_FORMATS = tuple(Format)
EXPLAIN_FORMATS = (Format.table, Format.json, Format.markdown, Format.html)
MATCH_FORMATS = (Format.table, Format.json, Format.jsonl, Format.csv, Format.markdown)


@dataclass(frozen=True)
class Target:
    """Where and how a reporter writes: its stream (binary for xlsx), how CSV is written
    (delimiter, byte order mark; other formats ignore it) and the vacancy, whose rules the
    document formats (html, xlsx) show."""

    out: Any  # a TextIO; an IO[bytes] for a binary format (Format.binary)
    csv_style: CsvStyle | None = None
    vacancy: Vacancy | None = None

    def rules(self) -> Vacancy:
        """The vacancy, which a document format cannot do without."""
        if self.vacancy is None:
            raise ValueError("html and xlsx reports need the vacancy")
        return self.vacancy


# Each format's reporter; each lives in its own module, imported on demand (the CLI starts
# without rich or openpyxl).
def _table(target: Target) -> Reporter:
    from jobscreen.report.table import TableReporter

    return TableReporter(target.out)


def _json(target: Target) -> Reporter:
    from jobscreen.report.jsonfmt import JsonReporter

    return JsonReporter(target.out)


def _jsonl(target: Target) -> Reporter:
    from jobscreen.report.jsonfmt import JsonLinesReporter

    return JsonLinesReporter(target.out)


def _csv(target: Target) -> Reporter:
    from jobscreen.report.csvfmt import CsvReporter

    return CsvReporter(target.out, target.csv_style)


def _markdown(target: Target) -> Reporter:
    from jobscreen.report.markdown import MarkdownReporter

    return MarkdownReporter(target.out)


def _xlsx(target: Target) -> Reporter:
    from jobscreen.report.xlsx import XlsxReporter

    return XlsxReporter(target.out, target.rules())


def _html(target: Target) -> Reporter:
    from jobscreen.report.html import HtmlReporter

    return HtmlReporter(target.out, target.rules())


REPORTERS: dict[Format, Callable[[Target], Reporter]] = {
    Format.table: _table,
    Format.json: _json,
    Format.jsonl: _jsonl,
    Format.csv: _csv,
    Format.markdown: _markdown,
    Format.xlsx: _xlsx,
    Format.html: _html,
}


def reporter_for(name: str, target: Target) -> Reporter:
    """The reporter of a format name, writing to ``target``; a ValueError for a name that
    is no format."""
    if name not in REPORTERS:
        raise ValueError(f"unknown format {name!r}")
    return REPORTERS[Format(name)](target)
