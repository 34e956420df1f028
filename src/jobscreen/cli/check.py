"""Commands for vacancy files: validate, schema, show."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from jobscreen.cli.app import (
    EXIT_INPUT,
    EXIT_OK,
    MaxBytesOpt,
    MaxDepthOpt,
    MaxItemsOpt,
    MaxNodesOpt,
    OutputOpt,
    app,
    choice,
    debug_trace,
    limits_from,
    not_an_input,
    parse_as_of,
    report_problems,
    usage,
)
from jobscreen.limits import DEFAULT_LIMITS

if TYPE_CHECKING:
    from jobscreen.validation import LintOptions


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; '-' reads stdin.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text, json, github or junit.")
    ] = "text",
    kind: Annotated[str, typer.Option("--kind", help="auto, vacancy or cv.")] = "auto",
    strict: Annotated[
        bool, typer.Option("--strict", help="Report lint warnings as errors (exit 1).")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date closing dates are checked against (default: today)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Skip a lint code (JS101...); may be repeated."),
    ] = None,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_LIMITS.max_bytes,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    max_nodes: MaxNodesOpt = DEFAULT_LIMITS.max_nodes,
    max_items: MaxItemsOpt = DEFAULT_LIMITS.max_items,
) -> None:
    """Check vacancy files and CV summaries: one line per problem or warning, path:line:col."""
    from jobscreen.outputs import open_output
    from jobscreen.report.validation import VALIDATE_FORMATS, WRITERS, ValidateFormat
    from jobscreen.validation import check_paths

    choice(fmt, VALIDATE_FORMATS, "--format")
    choice(kind, ("auto", "vacancy", "cv"), "--kind")
    not_an_input(output, list(paths))
    limits = limits_from(max_bytes, max_depth, max_nodes, max_items)
    options = _lint_options(strict, as_of, ignore or [])
    checks = check_paths(paths, kind, limits, options)  # type: ignore[arg-type]
    with open_output(output) as out:
        WRITERS[ValidateFormat(fmt)](checks, out, fmt == "text" and color_wanted(out))
    for error in (error for check in checks for error in check.errors):
        debug_trace(error.trace)
    raise typer.Exit(EXIT_OK if all(c.ok for c in checks) else EXIT_INPUT)


def _lint_options(strict: bool, as_of: str | None, ignore: list[str]) -> LintOptions:
    """Lint options from the command line; the clock is read here, never in the library."""
    from jobscreen.lint import CODES
    from jobscreen.validation import LintOptions

    for code in ignore:
        choice(code, tuple(sorted(CODES)), "--ignore")
    day = parse_as_of(as_of) or dt.date.today()
    return LintOptions(as_of=day, ignore=frozenset(ignore), strict=strict)


def color_wanted(out: object) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to a non-empty value."""
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="vacancy, cv or vocabulary.")] = "vacancy",
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema (draft-07) of the vacancy or CV format, or of an organisation's
    vocabulary file, for editors and CI."""
    from jobscreen.outputs import open_output
    from jobscreen.schemas import SCHEMAS, schema_text

    choice(which, tuple(SCHEMAS), "schema")
    with open_output(output) as out:
        out.write(schema_text(which))


@app.command()
def show(
    vacancy: Annotated[str, typer.Argument(help="A vacancy file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Show a vacancy's requirements as a table a recruiter can read."""
    from jobscreen.report.vacancy import VACANCY_WRITERS, VacancyFormat
    from jobscreen.sources import load_vacancy

    choice(fmt, tuple(VacancyFormat), "--format")
    VACANCY_WRITERS[VacancyFormat(fmt)](load_vacancy(vacancy), sys.stdout)


@app.command()
def concepts(
    concept: Annotated[
        str | None, typer.Argument(help="A concept id; without one, every concept.")
    ] = None,
    vacancies: Annotated[
        list[str] | None,
        typer.Option(
            "--vacancies", help="Vacancy files or folders to search for uses (default: vacancies/)."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """What a concept of the thesaurus accepts, and which vacancy rules use it."""

    from jobscreen.orgvocab import shared_vocabulary
    from jobscreen.report.concepts import (
        ConceptFormat,
        concept_data,
        concept_items,
        concept_lines,
        concept_list,
        write_concepts,
    )
    from jobscreen.sources import read_vacancies

    choice(fmt, tuple(ConceptFormat), "--format")
    from jobscreen.inputs import is_folder

    names = vacancies if vacancies is not None else ["vacancies"] * is_folder("vacancies")
    vocab = shared_vocabulary(names)
    if concept is None:
        lines = concept_list(vocab)
        data: object = concept_items(vocab)
    elif concept not in vocab.concepts:
        usage(f"unknown concept {concept!r}; 'jobscreen concepts' lists them")
    else:
        found, problems = read_vacancies(names)
        report_problems(p for error in problems for p in error.problems())
        vocab = shared_vocabulary(names, [v.vocabulary for v in found])
        searched = [(v.path, v.vacancy, v.vocabulary) for v in found]
        data = concept_data(vocab, concept, searched)
        lines = concept_lines(data)
    write_concepts(ConceptFormat(fmt), data, lines, sys.stdout)
    if concept is not None and problems:
        raise typer.Exit(EXIT_INPUT)
