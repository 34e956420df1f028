"""Markdown tables, for pasting into a report or an issue."""

from __future__ import annotations

from jobscreen.report.base import Reporter
from jobscreen.report.data import eligibility_label, rule_ids, shown_name
from jobscreen.results import Matching, Screening


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


class MarkdownReporter(Reporter):
    name = "markdown"

    def write(self, header: list[str], rows: list[list[str]]) -> None:
        lines = [_row(header), "|" + "|".join("---" for _ in header) + "|"]
        lines += [_row(r) for r in rows]
        self.out.write("\n".join(lines) + "\n")

    def screening(self, screening: Screening) -> None:
        blind = bool(screening.options.get("blind"))
        self.out.write(f"## {screening.vacancy_title}\n\nAs of {screening.as_of}. ")
        self.out.write("A screening aid: a person makes every decision.\n\n")
        rows = []
        for ranked in screening.results:
            a = ranked.assessment
            who = shown_name(a, blind)
            rows.append(
                [
                    str(ranked.rank),
                    who,
                    eligibility_label(a),
                    f"{a.score:.1f}",
                    rule_ids(a.unmet_mandatory),
                    rule_ids(a.review),
                ]
            )
        self.write(["Rank", "Candidate", "Eligible", "Score", "Unmet mandatory", "Review"], rows)
        for e in screening.errors:
            where = e.where
            self.out.write(f"\n- **error** `{where}`: {_cell(e.message)}")
        if screening.errors:
            self.out.write("\n")

    def explanation(self, screening: Screening) -> None:
        blind = bool(screening.options.get("blind"))
        for ranked in screening.results:
            a = ranked.assessment
            who = shown_name(a, blind)
            self.out.write(f"## {_cell(who)}: {eligibility_label(a)}, score {a.score:.1f}\n\n")
            self.out.write(f"{_cell(screening.vacancy_title)}, as of {screening.as_of}. ")
            self.out.write("A screening aid: a person makes every decision.\n\n")
            self.write(
                ["Rule", "Kind", "Mandatory", "Status", "Credit", "Reason"],
                [
                    [
                        r.id,
                        r.kind,
                        "yes" if r.required else "no",
                        str(r.status),
                        f"{r.credit:.2f}",
                        r.reason + "".join(f"<br>· {e.where}: {e.quote}" for e in r.evidence),
                    ]
                    for r in a.rules
                ],
            )

    def matching(self, matching: Matching) -> None:
        self.write(
            ["Rank", "Vacancy", "Title", "Eligible", "Score", "Unmet mandatory"],
            [
                [
                    str(m.rank),
                    m.vacancy_id,
                    m.vacancy_title,
                    eligibility_label(m.assessment),
                    f"{m.assessment.score:.1f}",
                    rule_ids(m.assessment.unmet_mandatory),
                ]
                for m in matching.matches
            ],
        )
