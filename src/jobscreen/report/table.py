"""Rich tables for people at a terminal: the ranking, one candidate's account, the matches."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from jobscreen.report.base import Reporter
from jobscreen.report.data import (
    credit_shown,
    decision_line,
    eligibility_label,
    extracted_from,
    knock_outs,
    matching_line,
    shown_candidate,
    shown_evidence,
    shown_name,
    summary_line,
)
from jobscreen.results import (
    Assessment,
    Matching,
    RuleResult,
    Screening,
    Status,
    VacancyMatch,
)

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


def _who(a: Assessment, blind: bool) -> RenderableType:
    """The name on one line (a long one ends in "…": a part of it on a line of its own could
    pass for an id), then the id, whole: folded if it is wider than the column, never cut."""
    lines: list[RenderableType] = []
    if a.name and not blind:
        lines.append(Text(a.name, no_wrap=True, overflow="ellipsis"))
    lines.append(_whole(shown_candidate(a, blind), "dim" if lines else ""))
    if marker := _marker(a):
        lines.append(Text(marker, "yellow", no_wrap=False, overflow="fold"))
    return Group(*lines)


def _vacancy(match: VacancyMatch) -> RenderableType:
    """The title, wrapped, then the id, whole."""
    title = Text(match.vacancy_title, no_wrap=False)
    return Group(title, _whole(match.vacancy_id, "dim"))


def _whole(an_id: str, style: str) -> Text:
    """An id, folded onto more lines if it is wider than its column: never cut."""
    return Text(an_id, style, no_wrap=False, overflow="fold")


def _marker(a: Assessment) -> str:
    """'(extracted from PDF)' for a CV jobscreen extracted from a document, else ''."""
    source = extracted_from(a)
    return f"(extracted from {source})" if source else ""


# What a ranking's columns other than what is ranked and the rule ids need at least: the
# borders of six columns, "Eligible", and a score's bar (its figure wraps above it if need be).
_FIXED = 6 * 3 + 1 + len("Eligible") + len("██████████")
RULE_HEADER = len("mandatory")  # "Unmet mandatory" and "Needs review" wrap to this


def _unmet(a: Assessment) -> Sequence[RuleResult]:
    return a.unmet_mandatory


def _review(a: Assessment) -> Sequence[RuleResult]:
    return a.review


RULE_COLUMNS = (_unmet, _review)


class RuleLegend:
    """Rule ids as a ranking's two columns of them show them: whole, one a line; when the
    columns would not fit in ``room``, the longest ids as [1], [2]... with a legend below."""

    def __init__(self, rows: Sequence[Assessment], room: int) -> None:
        columns = [[r.id for a in rows for r in rules(a)] for rules in RULE_COLUMNS]
        self.refs: dict[str, str] = {}
        for rule_id in sorted({i for c in columns for i in c}, key=lambda i: (-len(i), i)):
            if sum(self._width(c) for c in columns) <= room:
                break
            self.refs[rule_id] = "[99]"  # numbered below, in the order the table shows them
        shown = dict.fromkeys(r.id for a in rows for rules in RULE_COLUMNS for r in rules(a))
        in_order = [rule_id for rule_id in shown if rule_id in self.refs]
        self.refs = {rule_id: f"[{n}]" for n, rule_id in enumerate(in_order, 1)}
        self.width = sum(self._width(c) for c in columns)  # of the two columns' contents

    def _width(self, ids: Iterable[str]) -> int:
        return max([RULE_HEADER, *(len(self.refs.get(i, i)) for i in ids)])

    def cell(self, rules: Sequence[RuleResult]) -> str:
        return "\n".join(self.refs.get(r.id, r.id) for r in rules) or "-"

    def column(self, table: Table, header: str, cells: list[str]) -> None:
        """A column of rule ids, as wide as its longest: never cut, never wrapped."""
        width = self._width(line for cell in cells for line in cell.splitlines())
        table.add_column(Text(header, no_wrap=False), no_wrap=True, width=width)

    def lines(self) -> str:
        return "".join(f"\n{ref} {rule_id}" for rule_id, ref in self.refs.items())


def _rule_width(rules: Sequence[RuleResult], depth: int) -> int:
    """The Rule column's width: its longest id at its indent, whole."""
    widths = [len("Rule")]
    for rule in rules:
        widths += [2 * depth + len(rule.id), _rule_width(rule.children, depth + 1)]
    return max(widths)


class TableReporter(Reporter):
    name = "table"

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self.console = console_for(out)

    def screening(self, screening: Screening) -> None:
        blind = screening.options.blind
        rows = [ranked.assessment for ranked in screening.results]
        ids = [shown_candidate(a, blind) for a in rows]
        names = [] if blind else [a.name or "" for a in rows]
        names += [_marker(a) for a in rows]
        who, legend = self._first_column(rows, "Candidate", ids, names)
        table = Table(
            title=escape(f"{screening.vacancy_title} ({screening.vacancy_id})"),
            caption=f"as of {screening.as_of} · {summary_line(screening)}"
            f"{legend.lines()}\n{LEGEND}",
            caption_justify="left",
        )
        table.add_column("#", justify="right")
        table.add_column("Candidate", no_wrap=True, width=who)
        ranked = [(r.rank, _who(a, blind), a) for r, a in zip(screening.results, rows, strict=True)]
        self._ranking(table, legend, ranked)
        self.console.print(table)

    def _first_column(
        self, rows: Sequence[Assessment], header: str, ids: list[str], names: list[str]
    ) -> tuple[int, RuleLegend]:
        """The width of the column of what is ranked, and the rule ids' legend: the ids whole
        (one wider than the console leaves folds onto more lines, never cut), the names on
        one line as far as the room left allows."""
        room = self.console.width - _FIXED - len(str(len(rows)))
        widest = max([len(header), *map(len, ids)])
        legend = RuleLegend(rows, room - widest)
        spare = room - legend.width
        width = max(widest, min(max(map(len, names), default=0), spare))
        return min(width, max(len(header), spare)), legend

    def _ranking(
        self,
        table: Table,
        legend: RuleLegend,
        rows: Sequence[tuple[int, RenderableType, Assessment]],
    ) -> None:
        """The columns after what is ranked (candidates or vacancies), then a row for each."""
        unmet = [legend.cell(a.unmet_mandatory) for *_, a in rows]
        review = [legend.cell(a.review) for *_, a in rows]
        table.add_column("Eligible")
        table.add_column("Score")
        legend.column(table, "Unmet mandatory", unmet)
        legend.column(table, "Needs review", review)
        for (rank, what, a), unmet_ids, review_ids in zip(rows, unmet, review, strict=True):
            label = eligibility_label(a)
            table.add_row(
                str(rank),
                what,
                Text(label, ELIGIBLE_STYLE[label]),
                score_bar(a.score),
                unmet_ids,
                review_ids,
            )

    def explanation(self, screening: Screening) -> None:
        blind = screening.options.blind
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
                    knock_outs(a),
                )
            )
            table = Table(show_lines=True)
            table.add_column("Rule", no_wrap=True, width=_rule_width(a.rules, 0))
            for column in ("Status", "Credit", "Reason and evidence"):
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
        table.add_row(name, Text(word, style), credit_shown(rule), body)
        for child in rule.children:
            self.add_rule(table, child, depth + 1)

    def matching(self, matching: Matching) -> None:
        rows = [m.assessment for m in matching.matches]
        ids, legend = self._first_column(
            rows, "Vacancy", [m.vacancy_id for m in matching.matches], []
        )
        table = Table(
            title=escape(f"Vacancies for {matching.candidate}"),
            caption=f"{matching_line(matching)}{legend.lines()}\n{LEGEND}",
            caption_justify="left",
        )
        table.add_column("#")
        table.add_column("Vacancy", no_wrap=True, width=ids)
        vacancies = [(m.rank, _vacancy(m), m.assessment) for m in matching.matches]
        self._ranking(table, legend, vacancies)
        self.console.print(table)
