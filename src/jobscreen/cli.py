"""The command line: options in, library calls, a reporter out, an exit code.

Exit codes: 0 success; 1 invalid input or some inputs failed (the rest are still reported);
2 usage error; 3 internal error (a bug: please report it); 130 interrupted.
Library modules are imported inside commands so that --help and --version start fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer._click.exceptions import ClickException

from jobscreen import __version__

if TYPE_CHECKING:
    from jobscreen.errors import JobscreenError
    from jobscreen.results import Screening
    from jobscreen.sources import Candidate, Failed
    from jobscreen.vacancy import Vacancy
    from jobscreen.yamlsafe import Limits

app = typer.Typer(
    name="jobscreen",
    help="Screen candidates' CV summaries against vacancy rules; every score explained.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"jobscreen {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Screen candidates' CV summaries against vacancy rules; every score explained."""


# --- shared option types -----------------------------------------------------------------

FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="table, json, jsonl, csv or markdown.")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Count experience to this date (YYYY-MM-DD). "
        "Default: the vacancy's closing date, else today.",
    ),
]
OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")
]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Largest input file accepted.")]
MaxDepthOpt = Annotated[int, typer.Option("--max-depth", help="Deepest nesting accepted.")]
MaxNodesOpt = Annotated[
    int, typer.Option("--max-nodes", help="Most values one document may expand to (aliases too).")
]
MaxItemsOpt = Annotated[int, typer.Option("--max-items", help="Longest list accepted.")]


def _limits(max_bytes: int, max_depth: int, max_nodes: int, max_items: int) -> Limits:
    from jobscreen.yamlsafe import Limits

    for name, value in (
        ("--max-bytes", max_bytes),
        ("--max-depth", max_depth),
        ("--max-nodes", max_nodes),
        ("--max-items", max_items),
    ):
        if value < 1:
            _usage(f"{name} must be a positive number")
    return Limits(max_bytes, max_depth, max_nodes, max_items)


def _usage(message: str) -> NoReturn:
    from jobscreen.errors import UsageError

    raise UsageError(message)


def _choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        _usage(f"{option} must be one of {', '.join(choices)}; got {value!r}")
    return value


def _parse_as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _usage(f"--as-of must be a date YYYY-MM-DD; got {value!r}")


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def _report_errors(errors: list[JobscreenError]) -> None:
    for error in errors:
        _stderr(f"{error}")


def _load_vacancy(path: str) -> Vacancy:
    from jobscreen.sources import load_vacancy

    return load_vacancy(path)


# --- validate, schema, show ----------------------------------------------------------------

DEFAULT_LIMITS = (2 * 1024 * 1024, 64, 200_000, 10_000)


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; '-' reads stdin.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text, json, github or junit.")
    ] = "text",
    kind: Annotated[str, typer.Option("--kind", help="auto, vacancy or cv.")] = "auto",
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS[0],
    max_depth: MaxDepthOpt = DEFAULT_LIMITS[1],
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS[2],
    max_items: MaxItemsOpt = DEFAULT_LIMITS[3],
) -> None:
    """Check vacancy files and CV summaries: one line per problem, path:line:col."""
    from jobscreen.outputs import open_output
    from jobscreen.report.validation import VALIDATE_FORMATS, WRITERS
    from jobscreen.validation import check_paths

    _choice(fmt, VALIDATE_FORMATS, "--format")
    _choice(kind, ("auto", "vacancy", "cv"), "--kind")
    limits = _limits(max_bytes, max_depth, max_nodes, max_items)
    checks = check_paths(paths, kind, limits)  # type: ignore[arg-type]
    with open_output(output) as out:
        WRITERS[fmt](checks, out, fmt == "text" and _color(out))
    raise typer.Exit(EXIT_OK if all(c.ok for c in checks) else EXIT_INPUT)


def _color(out: object) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="vacancy or cv.")] = "vacancy",
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema (draft-07) of the vacancy or CV format, for editors and CI."""
    from jobscreen.outputs import open_output
    from jobscreen.schemas import schema_text

    _choice(which, ("vacancy", "cv"), "schema")
    with open_output(output) as out:
        out.write(schema_text(which))


@app.command()
def show(
    vacancy: Annotated[str, typer.Argument(help="A vacancy file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Show a vacancy's requirements as a table a recruiter can read."""
    _choice(fmt, ("table", "json"), "--format")
    loaded = _load_vacancy(vacancy)
    if fmt == "json":
        sys.stdout.write(loaded.model_dump_json(indent=2, exclude_none=True) + "\n")
        return
    from jobscreen.report.vacancy import print_vacancy

    print_vacancy(loaded, sys.stdout)


# --- score, explain, match -----------------------------------------------------------------


def _screen(
    vacancy: Vacancy,
    items: list[Candidate | Failed] | object,
    as_of: dt.date | None,
    options: dict[str, object],
) -> Screening:
    from jobscreen.api import default_as_of, screen

    when = as_of or default_as_of(vacancy, dt.date.today())
    return screen(vacancy, items, when, options)  # type: ignore[arg-type]


def _select(screening: Screening, top: int | None, eligible_only: bool) -> Screening:
    import dataclasses

    results = screening.results
    if eligible_only:
        results = tuple(r for r in results if r.assessment.eligible)
    if top is not None:
        results = results[:top]
    return dataclasses.replace(screening, results=results)


def _emit(screening: Screening, fmt: str, output: str | None, explain: bool = False) -> None:
    from jobscreen.outputs import open_output
    from jobscreen.report.base import reporter_for

    for error in screening.errors:
        where = ":".join(str(p) for p in (error.source, error.line, error.column) if p)
        _stderr(f"{where}: error: {error.message}")
    with open_output(output) as out:
        reporter = reporter_for(fmt, out)
        if explain:
            reporter.explanation(screening)
        else:
            reporter.screening(screening)


@app.command()
def score(
    vacancy: Annotated[str, typer.Argument(help="The vacancy file.")],
    cvs: Annotated[
        list[str], typer.Argument(help="CV files, directories, or '-' (JSON Lines on stdin).")
    ],
    fmt: FormatOpt = "table",
    top: Annotated[int | None, typer.Option("--top", help="Show only the first N.")] = None,
    eligible_only: Annotated[
        bool, typer.Option("--eligible-only", help="Hide candidates a mandatory rule rules out.")
    ] = False,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS[0],
    max_depth: MaxDepthOpt = DEFAULT_LIMITS[1],
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS[2],
    max_items: MaxItemsOpt = DEFAULT_LIMITS[3],
) -> None:
    """Score and rank CVs against a vacancy. Exit 1 if any input could not be read."""
    from jobscreen.report.base import FORMATS
    from jobscreen.sources import iter_candidates

    _choice(fmt, FORMATS, "--format")
    if top is not None and top < 1:
        _usage("--top must be at least 1")
    when = _parse_as_of(as_of)
    limits = _limits(max_bytes, max_depth, max_nodes, max_items)
    loaded = _load_vacancy(vacancy)
    options: dict[str, object] = {
        "as_of_override": as_of,
        "top": top,
        "eligible_only": eligible_only,
    }
    screening = _screen(loaded, iter_candidates(cvs, limits), when, options)
    _emit(_select(screening, top, eligible_only), fmt, output)
    raise typer.Exit(EXIT_OK if screening.ok else EXIT_INPUT)


@app.command()
def explain(
    vacancy: Annotated[str, typer.Argument(help="The vacancy file.")],
    cv: Annotated[str, typer.Argument(help="One CV file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or markdown.")] = "table",
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
) -> None:
    """Explain one candidate's result rule by rule, with the evidence."""
    from jobscreen.sources import iter_candidates

    _choice(fmt, ("table", "json", "markdown"), "--format")
    when = _parse_as_of(as_of)
    loaded = _load_vacancy(vacancy)
    screening = _screen(loaded, iter_candidates([cv]), when, {"as_of_override": as_of})
    _emit(screening, fmt, output, explain=True)
    raise typer.Exit(EXIT_OK if screening.ok else EXIT_INPUT)


@app.command()
def match(
    cv: Annotated[str, typer.Argument(help="One CV file.")],
    vacancies: Annotated[list[str], typer.Argument(help="Vacancy files or directories.")],
    fmt: FormatOpt = "table",
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
) -> None:
    """Rank vacancies for one candidate: where do they fit best?"""
    from jobscreen.api import match_vacancies
    from jobscreen.loading import expand_paths
    from jobscreen.outputs import open_output
    from jobscreen.report.base import FORMATS, reporter_for
    from jobscreen.sources import load_cv

    _choice(fmt, FORMATS, "--format")
    when = _parse_as_of(as_of)
    candidate = load_cv(cv)
    loaded = [_load_vacancy(p) for p in expand_paths(vacancies)]
    matching = match_vacancies(candidate, loaded, when, dt.date.today())
    with open_output(output) as out:
        reporter_for(fmt, out).matching(matching)


# --- the one place errors become messages and exit codes -----------------------------------


def _fail(message: str, code: int) -> NoReturn:
    _stderr(f"jobscreen: {message}")
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app and turn every failure into a message and exit code."""
    from jobscreen.errors import JobscreenError, UsageError

    try:
        code = app(args=argv, standalone_mode=False)
    except UsageError as exc:
        _fail(f"error: {exc}", EXIT_USAGE)
    except JobscreenError as exc:
        errors = getattr(exc, "errors", [exc])
        _report_errors(errors)
        _fail(
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''}; nothing was scored",
            EXIT_INPUT,
        )
    except ClickException as exc:
        _fail(f"error: {exc.format_message()} (see --help)", exc.exit_code)
    except (KeyboardInterrupt, Exception) as exc:
        _unexpected(exc)
    _finish(code if isinstance(code, int) else EXIT_OK)


def _unexpected(exc: BaseException) -> NoReturn:
    if isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "Abort":
        _fail("interrupted", EXIT_INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        _quiet_exit(EXIT_OK)
    if os.environ.get("JOBSCREEN_DEBUG"):
        raise exc
    _fail(
        f"internal error: {type(exc).__name__}: {exc} (a bug; set JOBSCREEN_DEBUG=1 "
        "for the trace and please report it)",
        EXIT_INTERNAL,
    )


def _quiet_exit(code: int) -> NoReturn:
    # stdout's reader went away (e.g. `| head`): silence the flush at exit, exit quietly.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)


def _finish(code: int) -> NoReturn:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_exit(code)
    sys.exit(code)
