"""CSV: one row per candidate (and one per input error), for spreadsheets."""

from __future__ import annotations

from jobscreen.report.base import Reporter
from jobscreen.report.data import SafeWriter, eligibility_label, shown_candidate
from jobscreen.results import Matching, Screening

HEADER = ("rank", "candidate", "name", "source", "eligible", "score", "unmet", "review", "error")


class CsvReporter(Reporter):
    name = "csv"

    def screening(self, screening: Screening) -> None:
        blind = bool(screening.options.get("blind"))
        writer = SafeWriter(self.out)
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
                    f"{a.score:.1f}",
                    " ".join(r.id for r in a.unmet_mandatory),
                    " ".join(r.id for r in a.review),
                    "",
                )
            )
        for error in screening.errors:
            where = error.where
            writer.writerow(("", "", "", where, "", "", "", "", error.message))

    def matching(self, matching: Matching) -> None:
        writer = SafeWriter(self.out)
        writer.writerow(("rank", "vacancy", "title", "eligible", "score", "unmet", "review"))
        for m in matching.matches:
            a = m.assessment
            writer.writerow(
                (
                    m.rank,
                    m.vacancy_id,
                    m.vacancy_title,
                    eligibility_label(a),
                    f"{a.score:.1f}",
                    " ".join(r.id for r in a.unmet_mandatory),
                    " ".join(r.id for r in a.review),
                )
            )
