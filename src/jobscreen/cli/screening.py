"""Commands that score: score, explain, match."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

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
    debug_trace,
    limits_from,
    not_an_input,
    parse_as_of,
    report_errors,
    stderr,
    usage,
    writable_file,
)
from jobscreen.limits import DEFAULT_LIMITS, FIXED_LIMITS

if TYPE_CHECKING:
    from jobscreen.report.base import Reporter
    from jobscreen.report.csvfmt import CsvStyle
    from jobscreen.report.html import HtmlReporter
    from jobscreen.results import Screening
    from jobscreen.runs import Run
    from jobscreen.sources import Candidate
    from jobscreen.vacancy import Vacancy


def _emit(
    run: Run,
    fmt: str,
    output: str | None,
    explain: bool = False,
    csv_style: CsvStyle | None = None,
) -> None:
    from jobscreen.outputs import open_output

    _errors(run.screening)
    with open_output(output) as out:
        reporter = _reporter(run, fmt, out, csv_style)
        if explain:
            reporter.explanation(run.screening)
        else:
            reporter.screening(run.screening)


def _reporter(
    run: Run, fmt: str, out: TextIO, csv_style: CsvStyle | None
) -> Reporter | HtmlReporter:
    """The format's reporter; the HTML one also shows the vacancy's rules, so it takes them."""
    from jobscreen.report.base import reporter_for

    if fmt == "html":
        from jobscreen.report.html import HtmlReporter

        return HtmlReporter(out, run.vacancy)
    return reporter_for(fmt, out, csv_style)


def _emit_xlsx(run: Run, output: str | None) -> None:
    from jobscreen.outputs import open_binary_output
    from jobscreen.report.xlsx import XlsxReporter

    _errors(run.screening)
    with open_binary_output(output) as out:
        XlsxReporter(out, run.vacancy).screening(run.screening)


def _errors(screening: Screening) -> None:
    """The inputs that could not be scored, on stderr (every format lists them too)."""
    for error in screening.errors:
        stderr(f"{error.where}: error: {error.message}")
        debug_trace(error.trace)


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
) -> None:
    """Score and rank CVs against a vacancy. Exit 1 if any input could not be read."""
    from jobscreen.batch import default_jobs
    from jobscreen.inputs import CVS
    from jobscreen.report.base import DOCUMENT_FORMATS, FORMATS
    from jobscreen.report.progress import progress_bar
    from jobscreen.runs import RunOptions, screen_files

    choice(fmt, (*FORMATS, *DOCUMENT_FORMATS), "--format")
    if fmt == "xlsx":
        binary_output(output, "--format xlsx")
    csv_style = _csv_style(fmt, excel, delimiter)
    if top is not None and top < 1:
        usage("--top must be at least 1")
    if jobs is not None and not 1 <= jobs <= MAX_JOBS:
        usage(f"--jobs must be from 1 to {MAX_JOBS}")
    if key_map and not blind:
        usage("--key-map goes with --blind")
    if key_map and _same_target(key_map, output):
        usage("--key-map and --output name the same file: the key map would replace the results")
    not_an_input(output, [vacancy, *cvs], accept=CVS)
    not_an_input(key_map, [vacancy, *cvs], "--key-map", CVS)
    limits = limits_from(max_bytes, max_depth, max_nodes, max_items)
    options = RunOptions(parse_as_of(as_of), top, eligible_only, blind, limits)
    today, workers = dt.date.today(), jobs or default_jobs()
    with progress_bar("scoring") as progress:
        run = screen_files(vacancy, cvs, options, today, workers, progress)
    with run:
        if fmt == "xlsx":
            _emit_xlsx(run, output)
        else:
            _emit(run, fmt, output, csv_style=csv_style)
        if key_map:
            _write_key_map(run, key_map)
    raise typer.Exit(_exit_code(run.screening))


@app.command()
def explain(
    vacancy: Annotated[str, typer.Argument(help="The vacancy file.")],
    cv: Annotated[str, typer.Argument(help="One CV file.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json, markdown or html.")
    ] = "table",
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    blind: BlindOpt = False,
) -> None:
    """Explain one candidate's result rule by rule, with the evidence."""
    from jobscreen.inputs import CVS
    from jobscreen.report.base import EXPLAIN_FORMATS
    from jobscreen.runs import RunOptions, screen_files

    choice(fmt, EXPLAIN_FORMATS, "--format")
    if Path(cv).is_dir():  # it would explain the first of many and say nothing of the rest
        usage(f"explain takes one CV file, and {cv} is a directory: name one file, or use score")
    not_an_input(output, [vacancy, cv], accept=CVS)
    # explain has no limit options: its errors name none
    options = RunOptions(as_of=parse_as_of(as_of), blind=blind, limits=FIXED_LIMITS)
    with screen_files(vacancy, [cv], options, dt.date.today()) as run:
        if len(run.screening.results) > 1:  # a JSON Lines file or a multi-document YAML
            many = len(run.screening.results)
            usage(f"explain takes one CV, and {cv} holds {many}: name one file, or use score")
        _emit(run, fmt, output, explain=True)
    raise typer.Exit(_exit_code(run.screening))


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
) -> None:
    """Rank vacancies for one candidate: where do they fit best? Exit 1 if a vacancy could
    not be read (the others are still ranked)."""
    from jobscreen.api import match_vacancies
    from jobscreen.errors import JobscreenError
    from jobscreen.outputs import open_output
    from jobscreen.report.base import FORMATS, reporter_for
    from jobscreen.sources import DocumentErrors, load_cv, read_vacancies

    choice(fmt, FORMATS, "--format")
    csv_style = _csv_style(fmt, excel, delimiter)
    not_an_input(output, [cv, *vacancies])
    when, today = parse_as_of(as_of), dt.date.today()
    loaded, problems = read_vacancies(vacancies)
    if not loaded:
        report_errors(problems)
        stderr("jobscreen: no vacancy could be read; stopped")
        raise typer.Exit(EXIT_INPUT)

    def candidate_for(vacancy: Vacancy) -> Candidate:
        return load_cv(cv, FIXED_LIMITS, today, vacancy.competency_phrases())

    try:
        files, read = [v.path for v in loaded], [v.vacancy for v in loaded]
        vocabularies = [v.vocabulary for v in loaded]
        matching = match_vacancies(candidate_for, read, when, today, blind, files, vocabularies)
    except JobscreenError as exc:  # the CV itself: nothing to rank; report all, as for any
        raise DocumentErrors([*problems, *exc.every()]) from None
    problems += matching.errors  # a bug met scoring one vacancy: its error, the rest ranked
    report_errors(problems)
    with open_output(output) as out:
        reporter_for(fmt, out, csv_style).matching(matching)
    raise typer.Exit(EXIT_INPUT if problems else EXIT_OK)
