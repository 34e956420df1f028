"""HTML: the panel report, one self-contained page a recruiter can email or print.

The page holds the vacancy and its rules, the counts, the ranked list, a matrix of
candidates by mandatory rules, each candidate's explanation with its evidence, the record's digests
and empty sign-off lines. It needs nothing to be read: no script, no external resource, no
web font; its styles are inline, with print rules for the browser's "print to PDF".

Every text from a CV or a vacancy goes through :func:`text`: markup shows literally, never as
tags, and control characters as codes. A status is drawn by :func:`status_cell` alone, in
words and a symbol, colour only a second cue, so that it reads in black and white.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from typing import TextIO

from jobscreen.errors import CONTROL, char_code
from jobscreen.report.base import Reporter
from jobscreen.report.data import (
    STATUS_WORDS,
    decision_line,
    eligibility_label,
    extracted_from,
    rule_ids,
    shown_candidate,
    shown_evidence,
)
from jobscreen.report.vacancy import describe
from jobscreen.results import Assessment, Ranked, RuleResult, Screening, Status
from jobscreen.vacancy import AtLeastRule, GroupRule, Requirement, Vacancy

STATUS_MARKS = {Status.met: "✓", Status.not_met: "✗", Status.partial: "◐", Status.needs_review: "?"}
ELIGIBLE_WORDS = {"yes": "✓ yes", "review": "? review", "no": "✗ no"}
AID = "A screening aid, not a decision: a person reviews every candidate."
SIGN_OFF = ("Screened by", "Panel chair")

STYLE = """
:root { color: #111; background: #fff; }
body { font: 10.5pt/1.4 "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 1.5em auto;
  max-width: 60em; padding: 0 1em; overflow-wrap: break-word; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h2 { font-size: 1.2em; border-bottom: 2px solid #111; margin: 1.6em 0 .5em; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
p.meta, p.note { margin: .2em 0; }
p.note { font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { border: 1px solid #555; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
.id { font-family: "DejaVu Sans Mono", monospace; font-size: .92em; overflow-wrap: break-word; }
.path { overflow-wrap: anywhere; }
.sub { color: #444; font-size: .9em; }
.quote { font-style: italic; color: #333; }
.who, .reason { overflow-wrap: anywhere; }
ul.evidence { margin: .2em 0 0; padding-left: 1.2em; }
dl.counts { display: flex; flex-wrap: wrap; gap: .4em 1.6em; margin: .4em 0; }
dl.counts div { display: flex; gap: .4em; }
dl.counts dt { font-weight: bold; }
dl.counts dd { margin: 0; }
.st { white-space: nowrap; font-weight: bold; padding: 0 .25em; border-radius: 3px; }
.st-met { color: #0a5d1f; background: #dff3e3; }
.st-not_met { color: #8a1010; background: #fbe0e0; }
.st-partial { color: #7a4d00; background: #fdf0d2; }
.st-needs_review { color: #4b2a86; background: #ece4fa; }
.st-none { color: #444; font-weight: normal; }
table.matrix td, table.matrix th.rule { text-align: center; }
table.matrix td:nth-child(-n+2) { text-align: left; }
table.matrix th.rule { font-size: .85em; overflow-wrap: anywhere; }
section.candidate { margin-top: 2em; }
.sign { display: flex; gap: 2em; margin-top: 2.5em; }
.sign div { flex: 1; border-top: 1px solid #111; padding-top: .2em; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font: 12px "DejaVu Sans", Arial, Helvetica, sans-serif; fill: #111;
  paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  section.candidate, section.record { break-before: page; }
  h2, h3 { break-after: avoid; }
  th { background: none; }
  .st { background: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
}
"""


def text(value: str) -> str:
    """Text from an input as a page shows it literally: markup escaped, controls as codes."""
    return html.escape(CONTROL.sub(char_code, value))


def status_cell(rule: RuleResult | None) -> str:
    """A rule's status in a symbol and words, colour only a second cue: the one place a
    status is drawn, in the matrix and in the explanations alike."""
    if rule is None:
        return '<span class="st st-none">- not assessed</span>'
    mark, word = STATUS_MARKS[rule.status], STATUS_WORDS[rule.status]
    return f'<span class="st st-{rule.status}">{mark} {word}</span>'


def row(cells: Iterable[str], tag: str = "td") -> str:
    """A table row of cells already made HTML: a cell that is already a <td> or <th> (one
    with a class) is kept as it is, any other is put in a ``tag``. Input text cannot start
    with "<t": :func:`text` has escaped its "<"."""
    return (
        "<tr>"
        + "".join(c if c.startswith("<t") else f"<{tag}>{c}</{tag}>" for c in cells)
        + "</tr>"
    )


def table_of(header: Iterable[str], rows: Iterable[str], css: str = "") -> str:
    """A table: its header's words (not escaped: they are ours) and rows already made."""
    head = row(header, "th")
    attr = f' class="{css}"' if css else ""
    return f"<table{attr}><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _who(a: Assessment, blind: bool) -> str:
    """The candidate's name above their id, or the opaque key alone when blind."""
    key = f'<span class="id">{text(shown_candidate(a, blind))}</span>'
    source = extracted_from(a)
    marked = key + (f' <span class="sub">(extracted from {source})</span>' if source else "")
    if blind or not a.name:
        return f'<span class="who">{marked}</span>'
    return f'<span class="who">{text(a.name)}<br>{marked}</span>'


class HtmlReporter(Reporter):
    """Writes a screening as one HTML page: the panel report (score) or one candidate's
    account (explain). It needs the vacancy, for its rules and the notice's words."""

    name = "html"

    def __init__(self, out: TextIO, vacancy: Vacancy) -> None:
        super().__init__(out)
        self.vacancy = vacancy

    def screening(self, screening: Screening) -> None:
        self.out.write(page(screening, self.vacancy, explain=False))

    def explanation(self, screening: Screening) -> None:
        self.out.write(page(screening, self.vacancy, explain=True))


def page(screening: Screening, vacancy: Vacancy, explain: bool) -> str:
    """The whole document; the same inputs give the same bytes (no date but as-of)."""
    title = f"{'Explanation' if explain else 'Panel report'}: {vacancy.title}"
    return document(title, _body(screening, vacancy, explain))


def document(title: str, body: Iterable[str]) -> str:
    """A self-contained HTML document: its title (escaped here) and body parts (HTML)."""
    return "\n".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
            *body,
            "</body>\n</html>\n",
        ]
    )


def _body(screening: Screening, vacancy: Vacancy, explain: bool) -> Iterator[str]:
    blind = screening.options.blind
    yield _heading(screening, vacancy, explain)
    if not explain:  # the outcome first; the rules' words next, before the accounts
        yield _counts(screening)
        yield _ranking(screening, blind)
        yield _matrix(screening, vacancy, blind)
    yield _errors(screening)
    yield _rules(vacancy)
    yield from (_candidate(ranked, blind) for ranked in screening.results)
    yield _record(screening, blind)
    yield _sign_off()


def _heading(screening: Screening, vacancy: Vacancy, explain: bool) -> str:
    what = "Explanation of one candidate" if explain else "Panel report"
    meta = [vacancy.organisation, vacancy.grade, vacancy.duty_station]
    closing = f"closing {vacancy.closing_date}" if vacancy.closing_date else "no closing date"
    facts = " · ".join(text(m) for m in [*(m for m in meta if m), closing])
    return (
        f'<header><p class="sub">{what} · jobscreen {text(screening.version)}</p>'
        f"<h1>{text(vacancy.title)}</h1>"
        f'<p class="meta">Vacancy <span class="id">{text(vacancy.id)}</span> · {facts}</p>'
        f'<p class="meta">Experience counted to <strong>{screening.as_of}</strong> '
        f'(as of).</p><p class="note">{AID}</p></header>'
    )


def _counts(screening: Screening) -> str:
    counts = screening.counts
    items = [
        ("screened", counts.screened),
        ("eligible", counts.eligible),
        ("to review", counts.to_review),
        ("not eligible", counts.not_eligible),
        ("unreadable", counts.unreadable),
    ]
    items += [
        (word, n)
        for word, n in (
            ("decided by review", counts.by_review),
            ("overrides", counts.overrides),
            ("declared", counts.declared),
        )
        if n
    ]
    if len(screening.results) != counts.screened:
        items.append(("shown below", len(screening.results)))
    cells = "".join(f"<div><dt>{word}</dt><dd>{n}</dd></div>" for word, n in items)
    return f'<h2>Counts</h2><dl class="counts">{cells}</dl>'


# --- the vacancy's rules ---


def _rules(vacancy: Vacancy) -> str:
    rows = list(_rule_rows(vacancy.requirements, 0))
    header = ["Rule", "Kind", "Need", "Weight", "What it asks (and the notice's words)"]
    return "<h2>The vacancy's rules</h2>" + table_of(header, rows)


def _rule_rows(rules: list[Requirement], depth: int) -> Iterator[str]:
    for rule in rules:
        need = ("mandatory" if rule.required else "desirable") if depth == 0 else ""
        asks = text(describe(rule))
        if rule.text:
            asks += f'<br><span class="quote">“{text(rule.text)}”</span>'
        indent = f' style="padding-left:{0.4 + 1.2 * depth:g}em"' if depth else ""
        rule_id = f'<td class="id"{indent}>{text(rule.id)}</td>'
        yield row([rule_id, text(rule.kind), need, f"{rule.weight:g}", asks])
        if isinstance(rule, GroupRule | AtLeastRule):
            yield from _rule_rows(rule.rules, depth + 1)


# --- the ranking and the matrix ---


def _ranking(screening: Screening, blind: bool) -> str:
    rows = [_ranked_row(ranked, blind) for ranked in screening.results]
    header = ["#", "Candidate", "Eligible", "Score", "Unmet mandatory", "Needs review"]
    return "<h2>Ranking</h2>" + table_of(header, rows)


def _ranked_row(ranked: Ranked, blind: bool) -> str:
    a = ranked.assessment
    rank = f'<td class="num"><a href="#candidate-{ranked.rank}">{ranked.rank}</a></td>'
    return row(
        [
            rank,
            _who(a, blind),
            ELIGIBLE_WORDS[eligibility_label(a)],
            f'<td class="num">{a.score:.1f}</td>',
            f'<td class="id">{text(rule_ids(a.unmet_mandatory))}</td>',
            f'<td class="id">{text(rule_ids(a.review))}</td>',
        ]
    )


def _matrix(screening: Screening, vacancy: Vacancy, blind: bool) -> str:
    mandatory = [rule.id for rule in vacancy.requirements if rule.required]
    header = ["#", "Candidate", *(f'<th class="rule id">{text(r)}</th>' for r in mandatory)]
    rows = []
    for ranked in screening.results:
        outcomes = {r.id: r for r in ranked.assessment.rules}
        cells = [status_cell(outcomes.get(rule_id)) for rule_id in mandatory]
        rows.append(row([str(ranked.rank), _who(ranked.assessment, blind), *cells]))
    legend = "✓ met · ✗ not met · ◐ partial (not met) · ? a person must review"
    return (
        f'<h2>Mandatory rules, candidate by candidate</h2><p class="meta">{legend}</p>'
        + table_of(header, rows, "matrix")
    )


def _errors(screening: Screening) -> str:
    if not screening.errors:
        return ""
    blind = screening.options.blind
    items = "".join(
        f'<li><span class="id">{text(e.shown_where(blind, n))}</span>: {text(e.message)}</li>'
        for n, e in enumerate(screening.errors, 1)
    )
    return f"<h2>Not screened: inputs that could not be read</h2><ul>{items}</ul>"


# --- each candidate's explanation ---


def _candidate(ranked: Ranked, blind: bool) -> str:
    a = ranked.assessment
    verdict = f"Eligible: {ELIGIBLE_WORDS[eligibility_label(a)]} · score {a.score:.1f}"
    rows = list(_result_rows(a.rules, 0))
    header = ["Rule", "Status", "Credit", "Reason and evidence"]
    return (
        f'<section class="candidate" id="candidate-{ranked.rank}">'
        f"<h2>{ranked.rank}. {_who(a, blind)}</h2>"
        f'<p class="meta">{verdict}</p>{_to_review(a)}' + table_of(header, rows) + "</section>"
    )


def _to_review(a: Assessment) -> str:
    """The rules a person must decide for this candidate, named before the account."""
    if not a.review:
        return ""
    ids = ", ".join(f'<span class="id">{text(r.id)}</span>' for r in a.review)
    return f'<p class="meta">For the panel to review: {ids}.</p>'


def _result_rows(rules: Iterable[RuleResult], depth: int) -> Iterator[str]:
    for rule in rules:
        need = ("mandatory" if rule.required else "desirable") if depth == 0 else "in the group"
        indent = f' style="padding-left:{0.4 + 1.2 * depth:g}em"' if depth else ""
        kind = f'<span class="sub">{text(rule.kind)}, {need}</span>'
        who = f'<span class="id">{text(rule.id)}</span><br>{kind}'
        cells = [
            f"<td{indent}>{who}</td>",
            status_cell(rule),
            f'<td class="num">{rule.credit:.2f}</td>',
        ]
        yield row([*cells, _reason(rule)])
        yield from _result_rows(rule.children, depth + 1)


def _reason(rule: RuleResult) -> str:
    """The reason, then each piece of evidence shown to people."""
    evidence, more = shown_evidence(rule)
    items = [f"{text(e.heading)}: {text(e.quote)}" for e in evidence]
    items += [text(more)] if more else []
    listed = "".join(f"<li>{item}</li>" for item in items)
    decided = f"<strong>{text(decision_line(rule))}</strong><br>" if rule.decision else ""
    shown = text(rule.reason) + (f'<ul class="evidence">{listed}</ul>' if listed else "")
    return f'<div class="reason">{decided}{shown}</div>'


# --- the record and the sign-off ---


def _record(screening: Screening, blind: bool) -> str:
    record = screening.record
    facts = [
        ("jobscreen version", text(screening.version)),
        ("as of", screening.as_of.isoformat()),
        ("vacancy file", _digest(record.get("vacancy", {}).get("path"))),
        ("vacancy SHA-256", _digest(record.get("vacancy", {}).get("sha256"))),
        ("vocabulary SHA-256", _digest(record.get("vocabulary", {}).get("sha256"))),
        ("options", text(_options(screening))),
    ]
    own = record.get("vocabulary", {}).get("organisation")
    if own:  # the organisation's vocabulary file beside the vacancy
        facts.append(("organisation's vocabulary", _digest(own.get("path"))))
        facts.append(("its SHA-256", _digest(own.get("sha256"))))
    for file in record.get("decisions") or ():  # each decisions file given with --decisions
        facts.append(("decisions file", _digest(file["path"])))
        facts.append(("decisions SHA-256", _digest(file["sha256"])))
    rows = [row([f"<th>{key}</th>", value]) for key, value in facts]
    documents = [_document_row(ranked, blind) for ranked in screening.results]
    header = ["#", "Candidate", *([] if blind else ["File"]), "CV SHA-256"]
    return (
        '<section class="record"><h2>Record</h2>'
        "<table><tbody>" + "".join(rows) + "</tbody></table>"
        '<p class="meta">Each CV document as read, by its digest:</p>'
        + table_of(header, documents)
        + '<p class="note"><code>jobscreen score -f json</code> writes the full decision '
        "record, which <code>jobscreen verify</code> re-runs.</p></section>"
    )


def _digest(value: object) -> str:
    return f'<span class="id path">{text(value)}</span>' if isinstance(value, str) else "-"


def _options(screening: Screening) -> str:
    options = screening.options
    shown = [
        "blind" if options.blind else "",
        f"top {options.top}" if options.top else "",
        "eligible only" if options.eligible_only else "",
        "" if options.as_of is not None else "as-of by default",
    ]
    return ", ".join(s for s in shown if s) or "none"


def _document_row(ranked: Ranked, blind: bool) -> str:
    a = ranked.assessment
    file = [] if blind else [f'<td class="id path">{text(a.source)}</td>']
    key = f'<td class="id">{text(shown_candidate(a, blind))}</td>'
    return row([str(ranked.rank), key, *file, _digest(a.sha256)])


def _sign_off() -> str:
    lines = "".join(
        f'<div class="sign"><div>{who}</div><div>Signature</div><div>Date</div></div>'
        for who in SIGN_OFF
    )
    return f"<h2>Sign-off</h2>{lines}"
