"""Commands that score: score, explain, match."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from jobscreen.cli.app import (
    EXIT_INPUT,
    EXIT_OK,
    AsOfOpt,
    FormatOpt,
    MaxBytesOpt,
    MaxDepthOpt,
    MaxItemsOpt,
    MaxNodesOpt,
    OutputOpt,
    app,
    binary_output,
    choice,
    limits_from,
    not_an_input,
    parse_as_of,
    report_problems,
    stderr,
    usage,
    writable_file,
)
from jobscreen.limits import DEFAULT_LIMITS, FIXED_LIMITS

if TYPE_CHECKING:
    from jobscreen.api import Run
    from jobscreen.decide import Panel
    from jobscreen.report.csvfmt import CsvStyle
    from jobscreen.results import Matching, Screening
    from jobscreen.sources import Candidate
    from jobscreen.vacancy import Vacancy


def _emit(
    run: Run,
    fmt: str,
    output: str | None,
    explain: bool = False,
    csv_style: CsvStyle | None = None,
    screening: Screening | None = None,
) -> None:
    """Write ``screening`` (the run's own, or a part of it: one candidate of many)."""
    from jobscreen.outputs import open_binary_output, open_output
    from jobscreen.report.base import Format, Target, reporter_for
    from jobscreen.report.data import summary_line

    screening = screening or run.screening
    _errors(screening)
    opened = open_binary_output(output) if Format(fmt).binary else open_output(output)
    with opened as out:
        reporter = reporter_for(fmt, Target(out, csv_style, run.vacancy))
        if explain:
            reporter.explanation(screening)
        else:
            reporter.screening(screening)
    summary_aside(fmt, summary_line(screening))


def summary_aside(fmt: str, line: str) -> None:
    """CSV has no place for the counts that would not break its table: they go to stderr,
    for the person at a terminal (a script reading stderr sees only errors there)."""
    import sys

    if fmt == "csv" and sys.stderr.isatty():
        stderr(f"jobscreen: {line}")


def _errors(screening: Screening) -> None:
    """The inputs that could not be scored, on stderr (every format lists them too)."""
    report_problems(screening.errors)


SYNOPSIS = {
    "score": "score VACANCY CV...",
    "explain": "explain VACANCY CV",
    "match": "match CV VACANCY...",
}


def not_swapped(command: str, path: str) -> None:
    """Once ``path`` failed to read as what ``command`` takes first: a usage error when it
    reads as the other kind (the arguments swapped), rather than every key it lacks."""
    from jobscreen.errors import JobscreenError
    from jobscreen.sources import load_cv, load_vacancy

    takes_cv = command == "match"
    try:
        if takes_cv:
            load_vacancy(path)
        else:
            load_cv(path, FIXED_LIMITS, dt.date.today())
    except JobscreenError:
        return  # not the other kind either: its own errors say what is wrong
    other = "a vacancy" if takes_cv else "a CV"
    usage(f"{path} looks like {other}: usage is `jobscreen {SYNOPSIS[command]}`")


def _exit_code(screening: Screening) -> int:
    """0 when every input was scored; 1 when some could not be (a bug met on one included)."""
    return EXIT_OK if screening.ok else EXIT_INPUT


def _write_key_map(run: Run, path: str) -> None:
    from jobscreen.outputs import open_output
    from jobscreen.report.keymap import write_key_map

    with open_output(path) as out:
        write_key_map(run.everyone, out)


def _same_target(first: str, second: str | None) -> bool:
    """Whether two output options write to the same place (stdout is None or '-')."""
    import os

    first_out, second_out = first == "-", second is None or second == "-"
    if first_out or second_out:
        return first_out and second_out
    assert second is not None
    return os.path.realpath(first) == os.path.realpath(second)


ExcelOpt = Annotated[
    bool,
    typer.Option(
        "--excel", help="With -f csv: start with a UTF-8 byte order mark, as Excel expects."
    ),
]
DelimiterOpt = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        help="With -f csv: ',' (default), ';' (as Excel in many "
        "locales that write 0,5 expects) or 'tab'.",
    ),
]


def _csv_style(fmt: str, excel: bool, delimiter: str | None) -> CsvStyle | None:
    """How -f csv is written, or None for the default; a usage error with another format."""
    from jobscreen.report.csvfmt import DELIMITERS, CsvStyle

    if not excel and delimiter is None:
        return None
    if fmt != "csv":
        usage(f"{'--excel' if excel else '--delimiter'} goes with --format csv")
    if delimiter is not None and delimiter not in DELIMITERS:
        usage(f"--delimiter must be ',', ';' or 'tab'; got {delimiter!r}")
    return CsvStyle(DELIMITERS[delimiter or ","], excel)


DecisionsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--decisions",
        help="A panel's decisions (CSV or YAML: candidate,rule,decision,by,date,note; "
        "optional vacancy,sha256), applied after the engine and kept in the record. "
        "Repeatable: files are merged in order.",
    ),
]


def _none_applied(decisions: list[str], applied: int) -> None:
    """Warn once when decisions files were given and none of their rows applies here."""
    if decisions and not applied:
        named = ", ".join(decisions)
        stderr(f"jobscreen: warning: no decision in {named} applies to these candidates")


def _warn_decisions(decisions: list[str], run: Run, screening: Screening) -> None:
    """Each decision made on another version of a CV, and none applied at all, on stderr."""
    for warning in run.warnings:
        stderr(warning)
    _none_applied(decisions, _applied(screening))


def _stale(matching: Matching, panel: Panel | None) -> tuple[str, ...]:
    """A warning for each decision made on another version of the CV matched."""
    from jobscreen.decide import Decisions, uses_of
    from jobscreen.runs import decisions_met

    decided = Decisions(panel or {})
    return decisions_met([u for m in matching.matches for u in uses_of(m.assessment, decided)])


def _applied(screening: Screening) -> int:
    return screening.counts.by_review + screening.counts.overrides


MAX_JOBS = 64
BlindOpt = Annotated[
    bool,
    typer.Option("--blind", help="Show an opaque key from each CV's content, never name or file."),
]
KeyMapOpt = Annotated[
    str | None,
    typer.Option(
        "--key-map",
        help="With --blind: write key → candidate as CSV to FILE.",
        callback=writable_file,
    ),
]


@app.command()
def score(
    vacancy: Annotated[str, typer.Argument(help="The vacancy file.")],
    cvs: Annotated[
        list[str], typer.Argument(help="CV files, directories, or '-' (JSON Lines on stdin).")
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, json, jsonl, csv, markdown, html (the panel report) or xlsx "
            "(needs --output).",
        ),
    ] = "table",
    top: Annotated[int | None, typer.Option("--top", help="Show only the first N.")] = None,
    eligible_only: Annotated[
        bool, typer.Option("--eligible-only", help="Hide candidates a mandatory rule rules out.")
    ] = False,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    blind: BlindOpt = False,
    key_map: KeyMapOpt = None,
    excel: ExcelOpt = False,
    delimiter: DelimiterOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes (default: all cores; 1 = serial)."),
    ] = None,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS.max_bytes,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS.max_nodes,
    max_items: MaxItemsOpt = DEFAULT_LIMITS.max_items,
    decision_files: DecisionsOpt = None,
) -> None:
    """Score and rank CVs against a vacancy. Exit 1 if any input could not be read."""
    decisions = decision_files or []
    from jobscreen.batch import default_jobs
    from jobscreen.errors import JobscreenError
    from jobscreen.inputs import CVS
    from jobscreen.options import ScreenOptions
    from jobscreen.report.base import SCORE_FORMATS, Format
    from jobscreen.report.progress import progress_bar
    from jobscreen.runs import screen_files

    choice(fmt, SCORE_FORMATS, "--format")
    if Format(fmt).binary:
        binary_output(output, f"--format {fmt}")
    csv_style = _csv_style(fmt, excel, delimiter)
    if top is not None and top < 1:
        usage("--top must be at least 1")
    if jobs is not None and not 1 <= jobs <= MAX_JOBS:
        usage(f"--jobs must be from 1 to {MAX_JOBS}")
    if key_map and not blind:
        usage("--key-map goes with --blind")
    if key_map and _same_target(key_map, output):
        usage("--key-map and --output name the same file: the key map would replace the results")
    not_an_input(output, [vacancy, *cvs, *decisions], accept=CVS)
    not_an_input(key_map, [vacancy, *cvs, *decisions], "--key-map", CVS)
    limits = limits_from(max_bytes, max_depth, max_nodes, max_items)
    options = ScreenOptions(parse_as_of(as_of), top, eligible_only, blind, limits)
    today, workers = dt.date.today(), jobs or default_jobs()
    with progress_bar("scoring") as progress:
        try:
            run = screen_files(vacancy, cvs, options, today, workers, progress, decisions=decisions)
        except JobscreenError:  # the vacancy (each CV's errors are reported, not raised)
            not_swapped("score", vacancy)
            raise
    _warn_decisions(decisions, run, run.screening)
    with run:
        _emit(run, fmt, output, csv_style=csv_style)
        if key_map:
            _write_key_map(run, key_map)
    raise typer.Exit(_exit_code(run.screening))


CandidateOpt = Annotated[
    str | None,
    typer.Option(
        "--candidate",
        "-c",
        help="With a folder or a file of several CVs: the candidate to explain, by id or "
        "blind key (as score shows them).",
    ),
]


@app.command()
def explain(
    vacancy: Annotated[str, typer.Argument(help="The vacancy file.")],
    cv: Annotated[
        str, typer.Argument(help="One CV file; with --candidate, a folder or file of CVs.")
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json, markdown or html.")
    ] = "table",
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    blind: BlindOpt = False,
    decision_files: DecisionsOpt = None,
    candidate: CandidateOpt = None,
) -> None:
    """Explain one candidate's result rule by rule, with the evidence."""
    decisions = decision_files or []
    from jobscreen.errors import InputError, JobscreenError, Location
    from jobscreen.inputs import CVS, is_folder
    from jobscreen.options import ScreenOptions
    from jobscreen.report.base import EXPLAIN_FORMATS
    from jobscreen.runs import screen_files

    choice(fmt, EXPLAIN_FORMATS, "--format")
    if candidate is None and is_folder(cv):  # it would explain the first of many
        usage(f"explain takes one CV file, and {cv} is a directory: {ONE_OF_MANY}")
    not_an_input(output, [vacancy, cv, *decisions], accept=CVS)
    # explain has no limit options: its errors name none
    options = ScreenOptions(as_of=parse_as_of(as_of), blind=blind, limits=FIXED_LIMITS)
    try:
        run = screen_files(vacancy, [cv], options, dt.date.today(), decisions=decisions)
    except JobscreenError:
        not_swapped("explain", vacancy)
        raise
    with run:
        screening = run.screening
        if candidate is not None:
            screening = _one_candidate(run, candidate, cv)
        elif len(screening.results) > 1:  # a JSON Lines file or a multi-document YAML
            many = len(screening.results)
            usage(f"explain takes one CV, and {cv} holds {many}: {ONE_OF_MANY}")
        elif not screening.results and not screening.errors:  # a JSON Lines file of no line
            raise InputError("no CV found", Location(cv, 1, 1))
        _warn_decisions(decisions, run, screening)
        _emit(run, fmt, output, explain=True, screening=screening)
    raise typer.Exit(_exit_code(screening))


ONE_OF_MANY = "name one file, give --candidate ID, or use score"


def _one_candidate(run: Run, key: str, cv: str) -> Screening:
    """The screening with only the candidates whose id or blind key is ``key``, at their rank
    among all; without a decision record (verify re-runs whole screenings: score makes one)."""
    chosen = [r for r in run.everyone if key in (r.assessment.candidate, r.assessment.opaque_key)]
    if not chosen:
        screened = run.screening.counts.screened
        usage(f"--candidate {key!r} is none of the {screened} candidates in {cv}")
    return replace(run.screening, results=chosen, record=None)


@app.command()
def match(
    cv: Annotated[str, typer.Argument(help="One CV file.")],
    vacancies: Annotated[list[str], typer.Argument(help="Vacancy files or directories.")],
    fmt: FormatOpt = "table",
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    blind: BlindOpt = False,
    excel: ExcelOpt = False,
    delimiter: DelimiterOpt = None,
    decision_files: DecisionsOpt = None,
) -> None:
    """Rank vacancies for one candidate: where do they fit best? Exit 1 if a vacancy could
    not be read (the others are still ranked)."""
    decisions = decision_files or []
    from jobscreen.api import match_vacancies
    from jobscreen.decisionfile import read_all
    from jobscreen.errors import DocumentErrors, JobscreenError
    from jobscreen.outputs import open_output
    from jobscreen.report.base import MATCH_FORMATS, Target, reporter_for
    from jobscreen.report.data import matching_line
    from jobscreen.results import Settled
    from jobscreen.sources import load_cv, read_vacancies

    choice(fmt, MATCH_FORMATS, "--format")
    csv_style = _csv_style(fmt, excel, delimiter)
    not_an_input(output, [cv, *vacancies, *decisions])
    when, today = parse_as_of(as_of), dt.date.today()
    loaded, problems = read_vacancies(vacancies)
    if not loaded:
        not_swapped("match", cv)
        report_problems(p for error in problems for p in error.problems())
        stderr("jobscreen: no vacancy could be read; stopped")
        raise typer.Exit(EXIT_INPUT)

    def candidate_for(vacancy: Vacancy) -> Candidate:
        return load_cv(cv, FIXED_LIMITS, today, vacancy.competency_phrases())

    files, read = [v.path for v in loaded], [v.vacancy for v in loaded]
    vocabularies = [v.vocabulary for v in loaded]
    panel = read_all(decisions, read)[0] if decisions else None
    try:
        matching = match_vacancies(
            candidate_for, read, when, today, blind, files, vocabularies, panel
        )
    except JobscreenError as exc:  # the CV itself: nothing to rank; report all, as for any
        not_swapped("match", cv)
        raise DocumentErrors([*problems, *exc.every()]) from None
    # a bug met scoring one vacancy is its error, the rest ranked
    found = (*(p for error in problems for p in error.problems()), *matching.errors)
    report_problems(found)
    for warning in _stale(matching, panel):
        stderr(warning)
    settled = (r.decision for m in matching.matches for r in m.assessment.rules if r.decision)
    _none_applied(decisions, sum(d.how is not Settled.declared for d in settled))
    matching = replace(matching, errors=found)  # each counted as unreadable
    with open_output(output) as out:
        reporter_for(fmt, Target(out, csv_style)).matching(matching)
    summary_aside(fmt, matching_line(matching))
    raise typer.Exit(EXIT_INPUT if found else EXIT_OK)


@app.command()
def review(
    vacancy: Annotated[str, typer.Argument(help="The vacancy file.")],
    cvs: Annotated[
        list[str], typer.Argument(help="CV files, directories, or '-' (JSON Lines on stdin).")
    ],
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    blind: BlindOpt = False,
    decision_files: Annotated[
        list[str] | None,
        typer.Option(
            "--decisions", help="Decisions already made (repeatable): list only what is left."
        ),
    ] = None,
) -> None:
    """Write the items a person must review as a decisions file to fill in (CSV: one row per
    open item, its evidence quoted), for --decisions. Exit 1 if any input could not be read."""
    decisions = decision_files or []
    from jobscreen.inputs import CVS
    from jobscreen.options import ScreenOptions
    from jobscreen.outputs import open_output
    from jobscreen.report.review import write_review
    from jobscreen.runs import screen_files

    not_an_input(output, [vacancy, *cvs, *decisions], accept=CVS)
    options = ScreenOptions(as_of=parse_as_of(as_of), blind=blind, limits=FIXED_LIMITS)
    with screen_files(vacancy, cvs, options, dt.date.today(), decisions=decisions) as run:
        _errors(run.screening)
        _warn_decisions(decisions, run, run.screening)
        with open_output(output) as out:
            everyone = (ranked.assessment for ranked in run.everyone)
            count = write_review(everyone, blind, run.vacancy.id, out)
    stderr(f"jobscreen: {count} item{'s' if count != 1 else ''} to review")
    raise typer.Exit(_exit_code(run.screening))
