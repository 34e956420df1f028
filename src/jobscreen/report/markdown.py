"""Markdown tables, for pasting into a report or an issue.

Every text from an input (names, titles, reasons and their evidence) goes through :func:`md`:
a CV's HTML, images and links show as text, never as markup a renderer would run or fetch.
"""

from __future__ import annotations

from jobscreen.report.base import Reporter
from jobscreen.report.data import (
    credit_shown,
    decision_line,
    eligibility_label,
    extracted_from,
    knock_outs,
    matching_line,
    rule_ids,
    shown_evidence,
    summary_line,
)
from jobscreen.results import Assessment, Matching, RuleResult, Screening

# HTML as entities; link, image and code syntax and table pipes behind a backslash (and the
# backslash itself, so that a CV's own backslash cannot undo an escape); line breaks as
# spaces: a cell and a heading are one line.
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "[": "\\[",
        "]": "\\]",
        "(": "\\(",
        ")": "\\)",
        "!": "\\!",
        "`": "\\`",
        "|": "\\|",
        "\n": " ",
        "\r": " ",
        "\u2028": " ",
        "\u2029": " ",
    }
)


def md(text: str) -> str:
    """Text as Markdown shows it literally, on one line, in a table cell or a heading."""
    return text.translate(_ESCAPES)


def _who(a: Assessment, blind: bool) -> str:
    """'Name (id)', each escaped, or only the opaque key in blind mode."""
    if blind:
        return md(a.opaque_key)
    return f"{md(a.name)} ({md(a.candidate)})" if a.name else md(a.candidate)


def _marked(a: Assessment, blind: bool) -> str:
    """The candidate, and what the CV was extracted from when it was, as the table shows."""
    source = extracted_from(a)
    return _who(a, blind) + (f" *{md(f'(extracted from {source})')}*" if source else "")


def _reason(rule: RuleResult) -> str:
    """The reason, then each piece of evidence shown to people, on one escaped line."""
    evidence, more = shown_evidence(rule)
    decided = [f"**{md(decision_line(rule))}**"] if rule.decision else []
    lines = [rule.reason, *(f"· {e.heading}: {e.quote}" for e in evidence)]
    return "<br>".join([*decided, *(md(line) for line in [*lines, *([more] if more else [])])])


def _row(cells: list[str]) -> str:
    """A table row of cells already escaped."""
    return "| " + " | ".join(cells) + " |"


class MarkdownReporter(Reporter):
    name = "markdown"

    def write(self, header: list[str], rows: list[list[str]]) -> None:
        lines = [_row(header), "|" + "|".join("---" for _ in header) + "|"]
        lines += [_row(r) for r in rows]
        self.out.write("\n".join(lines) + "\n")

    def screening(self, screening: Screening) -> None:
        blind = screening.options.blind
        self.out.write(f"## {md(screening.vacancy_title)}\n\nAs of {screening.as_of}. ")
        self.out.write("A screening aid: a person makes every decision.\n\n")
        self.out.write(f"{summary_line(screening)}\n\n")
        rows = []
        for ranked in screening.results:
            a = ranked.assessment
            rows.append(
                [
                    str(ranked.rank),
                    _marked(a, blind),
                    eligibility_label(a),
                    f"{a.score:.1f}",
                    md(rule_ids(a.unmet_mandatory)),
                    md(rule_ids(a.review)),
                ]
            )
        self.write(["Rank", "Candidate", "Eligible", "Score", "Unmet mandatory", "Review"], rows)
        for n, e in enumerate(screening.errors, 1):
            who = e.shown_candidate(blind)
            where = md(e.shown_where(blind, n)) + (f" \\({md(who)}\\)" if who else "")
            self.out.write(f"\n- **error** {where}: {md(e.message)}")
        if screening.errors:
            self.out.write("\n")

    def explanation(self, screening: Screening) -> None:
        blind = screening.options.blind
        for ranked in screening.results:
            a = ranked.assessment
            verdict = f"{eligibility_label(a)}, score {a.score:.1f}{md(knock_outs(a))}"
            self.out.write(f"## {_who(a, blind)}: {verdict}\n\n")
            self.out.write(f"{md(screening.vacancy_title)}, as of {screening.as_of}. ")
            self.out.write("A screening aid: a person makes every decision.\n\n")
            self.write(
                ["Rule", "Kind", "Mandatory", "Status", "Credit", "Reason"],
                [
                    [
                        md(r.id),
                        r.kind,
                        "yes" if r.required else "no",
                        str(r.status),
                        credit_shown(r),
                        _reason(r),
                    ]
                    for r in a.rules
                ],
            )

    def matching(self, matching: Matching) -> None:
        self.out.write(f"{matching_line(matching)}\n\n")
        self.write(
            ["Rank", "Vacancy", "Title", "Eligible", "Score", "Unmet mandatory"],
            [
                [
                    str(m.rank),
                    md(m.vacancy_id),
                    md(m.vacancy_title),
                    eligibility_label(m.assessment),
                    f"{m.assessment.score:.1f}",
                    md(rule_ids(m.assessment.unmet_mandatory)),
                ]
                for m in matching.matches
            ],
        )
