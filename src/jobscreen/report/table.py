"""Rich tables for people at a terminal: the ranking, one candidate's account, the matches."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from jobscreen.report.base import Reporter
from jobscreen.report.data import (
    decision_line,
    eligibility_label,
    extracted_from,
    rule_ids,
    shown_candidate,
    shown_evidence,
    shown_name,
    summary_line,
)
from jobscreen.results import Assessment, Matching, RuleResult, Screening, Status

STATUS_STYLE = {
    Status.met: ("met", "green"),
    Status.partial: ("partial", "yellow"),
    Status.not_met: ("not met", "red"),
    Status.needs_review: ("review", "magenta"),
}
ELIGIBLE_STYLE = {"yes": "bold green", "review": "bold magenta", "no": "red"}
LEGEND = (
    "A screening aid, not a decision: a person reviews every candidate. "
    "Eligible 'review' = no mandatory rule failed, but some need a person's check."
)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`| head`): rich would exit 1; the CLI exits 0, as for JSON."""
        self.quiet = True
        raise BrokenPipeError


def console_for(out: TextIO) -> Console:
    return _Console(file=out, highlight=False, soft_wrap=False)


def score_bar(score: float, width: int = 10) -> Text:
    filled = round(score / 100 * width)
    return Text.assemble(
        (f"{score:5.1f} ", "bold"), ("█" * filled, "cyan"), ("·" * (width - filled), "dim")
    )


def _who(a: Assessment, blind: bool) -> Text:
    who = (
        Text(shown_candidate(a, blind))
        if blind or not a.name
        else Text.assemble(a.name, ("\n" + a.candidate, "dim"))
    )
    if source := extracted_from(a):
        who.append(f"\n(extracted from {source})", "yellow")
    return who


class TableReporter(Reporter):
    name = "table"

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self.console = console_for(out)

    def screening(self, screening: Screening) -> None:
        blind = bool(screening.options.get("blind"))
        table = Table(
            title=escape(f"{screening.vacancy_title} ({screening.vacancy_id})"),
            caption=f"as of {screening.as_of} · {summary_line(screening)}\n{LEGEND}",
            caption_justify="left",
        )
        table.add_column("#", justify="right")
        # a name never wraps onto a line of its own, where it could pass for an id line: a
        # long one ends in "…" instead
        table.add_column("Candidate", no_wrap=True, overflow="ellipsis")
        for column in ("Eligible", "Score", "Unmet mandatory", "Needs review"):
            table.add_column(column)
        for ranked in screening.results:
            a = ranked.assessment
            label = eligibility_label(a)
            table.add_row(
                str(ranked.rank),
                _who(a, blind),
                Text(label, ELIGIBLE_STYLE[label]),
                score_bar(a.score),
                rule_ids(a.unmet_mandatory),
                rule_ids(a.review),
            )
        self.console.print(table)

    def explanation(self, screening: Screening) -> None:
        blind = bool(screening.options.get("blind"))
        for ranked in screening.results:
            a = ranked.assessment
            label = eligibility_label(a)
            # the candidate on a line of its own, never wrapped: nothing in a name can make
            # a line of the header
            self.console.print(
                Text(shown_name(a, blind), "bold"), no_wrap=True, overflow="ellipsis"
            )
            self.console.print(
                Text.assemble(
                    "for ",
                    (screening.vacancy_title, "bold"),
                    f" as of {screening.as_of}: eligible ",
                    (label, ELIGIBLE_STYLE[label]),
                    f", score {a.score:.1f}",
                )
            )
            table = Table(show_lines=True)
            for column in ("Rule", "Status", "Credit", "Reason and evidence"):
                table.add_column(column)
            for rule in a.rules:
                self.add_rule(table, rule, 0)
            self.console.print(table)
            self.console.print(Text(LEGEND, "dim"))

    def add_rule(self, table: Table, rule: RuleResult, depth: int) -> None:
        word, style = STATUS_STYLE[rule.status]
        kind = "mandatory" if rule.required else "desirable"
        name = Text("  " * depth + rule.id)
        name.append(f"\n{'  ' * depth}{rule.kind}" + ("" if depth else f", {kind}"), style="dim")
        body = Text(rule.reason)
        if rule.decision is not None:
            body = Text.assemble((decision_line(rule), "bold"), "\n", body)
        evidence, more = shown_evidence(rule)
        for ev in evidence:
            body.append(f"\n· {ev.heading}: {ev.quote}", style="dim")
        if more:
            body.append(f"\n{more}", style="dim")
        table.add_row(name, Text(word, style), f"{rule.credit:.2f}", body)
        for child in rule.children:
            self.add_rule(table, child, depth + 1)

    def matching(self, matching: Matching) -> None:
        table = Table(
            title=escape(f"Vacancies for {matching.candidate}"),
            caption=LEGEND,
            caption_justify="left",
        )
        for column in ("#", "Vacancy", "Eligible", "Score", "Unmet mandatory", "Needs review"):
            table.add_column(column)
        for m in matching.matches:
            a = m.assessment
            label = eligibility_label(a)
            table.add_row(
                str(m.rank),
                Text.assemble(m.vacancy_title, ("\n" + m.vacancy_id, "dim")),
                Text(label, ELIGIBLE_STYLE[label]),
                score_bar(a.score),
                rule_ids(a.unmet_mandatory),
                rule_ids(a.review),
            )
        self.console.print(table)
