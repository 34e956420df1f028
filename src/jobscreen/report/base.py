"""The reporter interface and the registry of score/explain/match formats."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar, TextIO

from jobscreen.results import Matching, Screening

if TYPE_CHECKING:
    from jobscreen.report.csvfmt import CsvStyle


class Reporter(ABC):
    """Writes a result object to a text stream in one format."""

    name: ClassVar[str]

    def __init__(self, out: TextIO) -> None:
        self.out = out

    @abstractmethod
    def screening(self, screening: Screening) -> None:
        """A ranked screening (the score command)."""

    def explanation(self, screening: Screening) -> None:
        """One candidate's rule-by-rule account (the explain command)."""
        self.screening(screening)

    @abstractmethod
    def matching(self, matching: Matching) -> None:
        """One candidate against several vacancies (the match command)."""


FORMATS = ("table", "json", "jsonl", "csv", "markdown")
# score's formats that also show the vacancy's rules, each with its own reporter: xlsx (a
# binary file, report/xlsx.py) and html (the panel report, report/html.py)
DOCUMENT_FORMATS = ("xlsx", "html")
EXPLAIN_FORMATS = ("table", "json", "markdown", "html")


def reporter_for(name: str, out: TextIO, csv_style: CsvStyle | None = None) -> Reporter:
    """The reporter of a format name; each lives in its own module, imported on demand.

    ``csv_style`` is how CSV is written (delimiter, byte order mark); other formats ignore it.
    """
    if name == "table":
        from jobscreen.report.table import TableReporter

        return TableReporter(out)
    if name in {"json", "jsonl"}:
        from jobscreen.report.jsonfmt import JsonLinesReporter, JsonReporter

        return JsonReporter(out) if name == "json" else JsonLinesReporter(out)
    if name == "csv":
        from jobscreen.report.csvfmt import CsvReporter

        return CsvReporter(out, csv_style)
    if name == "markdown":
        from jobscreen.report.markdown import MarkdownReporter

        return MarkdownReporter(out)
    raise ValueError(f"unknown format {name!r}")
