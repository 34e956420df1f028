"""Commands that score: score, explain, match."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from jobscreen.cli.app import (
    DEFAULT_LIMITS,
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
    choice,
    limits_from,
    load_vacancy_file,
    parse_as_of,
    stderr,
    usage,
)

if TYPE_CHECKING:
    from jobscreen.results import Screening
    from jobscreen.sources import Candidate, Failed
    from jobscreen.vacancy import Vacancy


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
        stderr(f"{where}: error: {error.message}")
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

    choice(fmt, FORMATS, "--format")
    if top is not None and top < 1:
        usage("--top must be at least 1")
    when = parse_as_of(as_of)
    limits = limits_from(max_bytes, max_depth, max_nodes, max_items)
    loaded = load_vacancy_file(vacancy)
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

    choice(fmt, ("table", "json", "markdown"), "--format")
    when = parse_as_of(as_of)
    loaded = load_vacancy_file(vacancy)
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

    choice(fmt, FORMATS, "--format")
    when = parse_as_of(as_of)
    candidate = load_cv(cv)
    loaded = [load_vacancy_file(p) for p in expand_paths(vacancies)]
    matching = match_vacancies(candidate, loaded, when, dt.date.today())
    with open_output(output) as out:
        reporter_for(fmt, out).matching(matching)
