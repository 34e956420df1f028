"""CSV: one row per candidate (and one per input error), for spreadsheets.

``--excel`` starts the file with a UTF-8 byte order mark, by which Excel knows the encoding
(without it, "Zoë" opens as "ZoÃ«"); ``--delimiter ';'`` is for the locales whose Excel
reads a comma as the decimal mark and expects semicolons between cells: scores are then
written with a decimal comma (73,9), which such an Excel reads as a number, where it would
read 12.5 as a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from jobscreen.report.base import Reporter
from jobscreen.report.data import (
    SafeWriter,
    decisions_cell,
    eligibility_label,
    extracted_from,
    shown_candidate,
)
from jobscreen.results import Matching, Screening

HEADER = (
    *("rank", "candidate", "name", "source", "eligible", "score", "unmet", "review", "error"),
    "extracted from",
    "decisions",
)
BOM = "\ufeff"
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t"}


@dataclass(frozen=True)
class CsvStyle:
    """How CSV is written: the delimiter, and whether a byte order mark starts it."""

    delimiter: str = ","
    bom: bool = False

    def number(self, value: float) -> str:
        """A score to one decimal: with a decimal comma where cells are split by ';'."""
        text = f"{value:.1f}"
        return text.replace(".", ",") if self.delimiter == ";" else text


class CsvReporter(Reporter):
    name = "csv"

    def __init__(self, out: TextIO, style: CsvStyle | None = None) -> None:
        super().__init__(out)
        self.style = style or CsvStyle()

    def writer(self) -> SafeWriter:
        if self.style.bom:
            self.out.write(BOM)
        return SafeWriter(self.out, self.style.delimiter)

    def screening(self, screening: Screening) -> None:
        blind = screening.options.blind
        writer = self.writer()
        writer.writerow(HEADER)
        for ranked in screening.results:
            a = ranked.assessment
            writer.writerow(
                (
                    ranked.rank,
                    shown_candidate(a, blind),
                    "" if blind else a.name or "",
                    "" if blind else a.source,
                    eligibility_label(a),
                    self.style.number(a.score),
                    " ".join(r.id for r in a.unmet_mandatory),
                    " ".join(r.id for r in a.review),
                    "",
                    extracted_from(a),
                    decisions_cell(a),
                )
            )
        for n, error in enumerate(screening.errors, 1):
            who, where = error.shown_candidate(blind) or "", error.shown_where(blind, n)
            writer.writerow(("", who, "", where, "", "", "", "", error.message, "", ""))

    def matching(self, matching: Matching) -> None:
        writer = self.writer()
        writer.writerow(("rank", "vacancy", "title", "eligible", "score", "unmet", "review"))
        for m in matching.matches:
            a = m.assessment
            writer.writerow(
                (
                    m.rank,
                    m.vacancy_id,
                    m.vacancy_title,
                    eligibility_label(a),
                    self.style.number(a.score),
                    " ".join(r.id for r in a.unmet_mandatory),
                    " ".join(r.id for r in a.review),
                )
            )
