"""xlsx: a shortlist a hiring panel can sort, filter and fill in (openpyxl, write-only).

The first sheet has one row per candidate: rank, candidate, name, source, eligibility, score,
one column per mandatory rule, the review items, the unmet rules, and empty "panel decision"
and "notes" columns; its header row is frozen and filtered. The second sheet names the
vacancy and the run (as-of date, jobscreen version) and lists the vacancy's rules with the
notice's own words.

CV text is untrusted: every text is written as a string cell, so that a name beginning with
"=" is text, never a formula. The same screening gives the same bytes: the workbook's
created and modified dates are the as-of date, and every zip entry has one fixed date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from jobscreen.errors import CONTROL, char_code, printable_name
from jobscreen.report.base import Reporter
from jobscreen.report.data import (
    STATUS_WORDS,
    decisions_cell,
    eligibility_label,
    shown_candidate,
)
from jobscreen.report.vacancy import describe
from jobscreen.results import Assessment, Screening
from jobscreen.vacancy import Vacancy

Value = str | int | float | None
BEFORE_RULES = ("rank", "candidate", "name", "source", "eligible", "score")
AFTER_RULES = ("review", "unmet", "panel decision", "notes")
SHORTLIST, VACANCY = "shortlist", "vacancy"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold
MOST_CHARS = 32767  # the most characters a cell holds in Excel
WIDTHS = {"candidate": 24, "name": 24, "source": 30, "review": 30, "unmet": 30}
WIDTHS |= {"panel decision": 16, "notes": 40}
# what XML 1.0 cannot hold (C0 controls but tab and newline) and lone surrogates (a file
# name's undecodable bytes)
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def cell_text(text: str) -> str:
    """Text a cell can hold: control characters and undecodable bytes as codes, cut to fit."""
    text = _UNWRITABLE.sub(char_code, CONTROL.sub(char_code, text))
    return text if len(text) <= MOST_CHARS else text[: MOST_CHARS - 1] + "…"


class XlsxReporter(Reporter):
    """Writes a screening as an xlsx workbook to a binary stream (a file: never a terminal)."""

    name = "xlsx"

    def __init__(self, out: IO[bytes], vacancy: Vacancy) -> None:
        self.binary, self.vacancy = out, vacancy
        self.workbook = Workbook(write_only=True)
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def screening(self, screening: Screening) -> None:
        self._shortlist(screening)
        self._vacancy_sheet(screening)
        self._save(screening.as_of)

    # --- cells ---

    def _cell(self, sheet: WriteOnlyWorksheet, value: Value, bold: bool = False) -> Cell:
        """A cell holding ``value``; any text stored as a string, never as a formula."""
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, cell_text(value))
            cell.data_type = "s"  # openpyxl takes "=..." for a formula otherwise
        else:
            cell = WriteOnlyCell(sheet, value)
        if bold:
            cell.font = self.bold
        return cell

    def _row(self, sheet: WriteOnlyWorksheet, values: Iterable[Value], bold: bool = False) -> None:
        sheet.append([self._cell(sheet, value, bold) for value in values])

    # --- the shortlist ---

    def _mandatory(self) -> list[str]:
        return [rule.id for rule in self.vacancy.requirements if rule.required]

    def _shortlist(self, screening: Screening) -> None:
        sheet = self.workbook.create_sheet(SHORTLIST)
        mandatory = self._mandatory()
        header = [*BEFORE_RULES, *mandatory, *AFTER_RULES]
        for index, column in enumerate(header, 1):
            width = WIDTHS.get(column, max(10, min(len(column) + 2, 30)))
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        last = f"{get_column_letter(len(header))}{len(screening.results) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"
        self._row(sheet, header, bold=True)
        blind = screening.options.blind
        for ranked in screening.results:
            self._row(sheet, self._candidate(ranked.rank, ranked.assessment, blind, mandatory))

    def _candidate(
        self, rank: int, a: Assessment, blind: bool, mandatory: list[str]
    ) -> Iterator[Value]:
        yield rank
        yield shown_candidate(a, blind)
        yield "" if blind else a.name or ""
        yield "" if blind else printable_name(a.source)
        yield eligibility_label(a)
        yield a.score
        outcomes = {rule.id: rule.status for rule in a.rules}
        for rule_id in mandatory:
            status = outcomes.get(rule_id)
            yield STATUS_WORDS[status] if status is not None else ""
        yield ", ".join(r.id for r in a.review)
        yield ", ".join(r.id for r in a.unmet_mandatory)
        yield decisions_cell(a)  # the panel's decisions so far, and the declarations
        yield ""  # notes

    # --- the vacancy and the run ---

    def _vacancy_sheet(self, screening: Screening) -> None:
        sheet = self.workbook.create_sheet(VACANCY)
        for letter, width in zip("ABCDEF", (28, 14, 12, 16, 50, 70), strict=True):
            sheet.column_dimensions[letter].width = width
        for key, value in (
            ("vacancy", screening.vacancy_id),
            ("title", screening.vacancy_title),
            ("organisation", self.vacancy.organisation),
            ("as of", screening.as_of.isoformat()),
            ("jobscreen version", screening.version),
            ("blind", "yes" if screening.options.blind else "no"),
        ):
            self._row(sheet, (key, value))
        for key, count in screening.counts.to_dict().items():
            self._row(sheet, (key.replace("_", " "), count))
        blind = screening.options.blind
        for n, error in enumerate(screening.errors, 1):
            where = error.shown_where(blind, n)
            self._row(sheet, ("not screened", f"{where}: {error.message}"))
        sheet.append([])
        self._row(sheet, ("rule", "kind", "group", "mandatory", "what it asks", "notice"), True)
        texts, rules = self.vacancy.notice_texts(), dict(self.vacancy.walk())
        for location, rule in rules.items():
            # a nested rule: its group's id, and its top-level rule's mandatory or desirable
            group = rules[location[:-2]].id if len(location) > 2 else ""
            kind = "mandatory" if rules[location[:2]].required else "desirable"
            text = texts.get(location) or ""
            values = (rule.id, rule.kind, group, kind, describe(rule), text)
            cells = [self._cell(sheet, value) for value in values]
            for cell in cells[4:]:
                cell.alignment = self.wrap
            sheet.append(cells)

    # --- saving ---

    def _save(self, as_of: dt.date) -> None:
        """The workbook, dated its as-of date, written to ``out``."""
        when = dt.datetime(as_of.year, as_of.month, as_of.day)
        self.workbook.properties.created = when
        self.workbook.properties.modified = when
        self.workbook.properties.creator = "jobscreen"
        save(self.workbook, self.binary)


def save(workbook: Workbook, out: IO[bytes]) -> None:
    """A workbook's bytes, the same for the same content, written to ``out``: its own
    properties kept (Workbook.save would stamp "now"), every zip entry dated ZIP_DATE."""
    made = io.BytesIO()
    with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    out.write(fixed_dates(made.getvalue()))


def fixed_dates(data: bytes) -> bytes:
    """A zip archive again, each entry in the same order, dated ZIP_DATE."""
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry))
    return fixed.getvalue()
