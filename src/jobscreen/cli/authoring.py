"""Commands that write new files: `jobscreen new vacancy`, `jobscreen new cv`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from jobscreen.cli.app import OutputOpt, app, not_an_input, stderr, usage
from jobscreen.errors import InputError, Location, guard, printable_name

new_app = typer.Typer(
    help="Write a new file to start from: a vacancy or CV skeleton.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(new_app, name="new")

NOTICE_LIMIT = 2 * 1024 * 1024


@new_app.command("vacancy")
def new_vacancy(
    from_notice: Annotated[
        str | None,
        typer.Option(
            "--from-notice",
            help="A notice as plain text: draft rules from its education, experience and "
            "language sentences, each marked for review.",
        ),
    ] = None,
    vacancy_id: Annotated[
        str | None,
        typer.Option("--id", help="The vacancy's id; default: the output's or notice's stem."),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write a commented vacancy file that validates: one rule of each kind, or drafted ones."""
    from jobscreen.outputs import open_output
    from jobscreen.scaffold import read_notice, vacancy_skeleton

    _not_replaced(output, force)
    not_an_input(output, [from_notice])  # not even with --force: the notice is the source
    notice = None
    if from_notice is not None:
        if not from_notice:
            usage("--from-notice: give a file name, or '-' for stdin")
        text = _read_text(from_notice)
        if not text.strip():  # as an empty CV or vacancy is: an input error, located
            raise InputError("empty file", Location(from_notice, 1, 1))
        notice = read_notice(text)
        if not notice.sentences:
            stderr(
                f"jobscreen: warning: no education, experience or language sentence found in "
                f"{printable_name(from_notice)}; the draft holds the skeleton's example rules"
            )
    source = Path(from_notice).name if from_notice else None
    chosen = _valid_id(vacancy_id or _default_id(output, from_notice))
    with open_output(output) as out:
        out.write(vacancy_skeleton(chosen, notice, source))


ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing --output.")]


@new_app.command("cv")
def new_cv(
    cv_id: Annotated[
        str | None,
        typer.Option("--id", help="The candidate's id; default: the output's stem."),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write a commented CV summary to fill in: one entry of each section, marked EXAMPLE."""
    from jobscreen.outputs import open_output
    from jobscreen.scaffold import cv_skeleton

    _not_replaced(output, force)
    chosen = _valid_id(cv_id or _default_id(output, None, "new-cv"))
    with open_output(output) as out:
        out.write(cv_skeleton(chosen))


def _not_replaced(output: str | None, force: bool) -> None:
    if output not in (None, "-") and Path(output).exists() and not force:
        usage(f"--output: {output!r} exists; add --force to overwrite it")


def _valid_id(chosen: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", chosen):
        usage(f"--id must be letters, digits, '.', '_' or '-'; got {chosen!r}")
    return chosen


def _read_text(path: str) -> str:
    from jobscreen.loading import read_text

    return read_text(path, NOTICE_LIMIT, hint="")  # a fixed limit: no option raises it


def _default_id(output: str | None, notice: str | None, default: str = "new-vacancy") -> str:
    """A valid id from the output's or the notice's file name, else ``default``."""
    for name in (output, notice):
        if name and name != "-":
            stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(name).stem).strip("-._")
            if stem:
                return stem
    return default


@app.command()
def extract(
    cv: Annotated[
        str, typer.Argument(help="A plain-text, Markdown, PDF or Word CV; '-' for stdin.")
    ],
    vacancy: Annotated[
        str | None,
        typer.Option("--vacancy", help="Look for this vacancy's competency phrases too."),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Print a plain-text, PDF or Word CV as native YAML, a comment on every inferred value."""

    from jobscreen.extract import extract as read_cv
    from jobscreen.extract import to_yaml
    from jobscreen.inputs import TEXT, Refusal, TextDocument, classify
    from jobscreen.limits import FIXED_LIMITS
    from jobscreen.outputs import open_output
    from jobscreen.sources import load_vacancy

    document = classify(cv, TEXT)
    if isinstance(document, Refusal):  # a data file (a usage error), an unreadable format
        raise document.error
    not_an_input(output, [cv, vacancy])
    phrases = load_vacancy(vacancy).competency_phrases() if vacancy else ()
    assert isinstance(document, TextDocument)  # what TEXT reads every other name as
    text = document.text(FIXED_LIMITS)  # fixed limits: no option raises them
    with guard(Location(document.source, 1, 1)):  # a bug met is its error
        summary = to_yaml(read_cv(text, phrases))
    with open_output(output) as out:
        out.write(summary)
