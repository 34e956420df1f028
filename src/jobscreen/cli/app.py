"""The typer app, its shared options and the small helpers every command uses.

Library modules are imported inside functions so that --help and --version start fast.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from jobscreen.entry import EXIT_INPUT as EXIT_INPUT
from jobscreen.entry import EXIT_INTERNAL as EXIT_INTERNAL
from jobscreen.entry import EXIT_INTERRUPTED as EXIT_INTERRUPTED
from jobscreen.entry import EXIT_OK as EXIT_OK
from jobscreen.entry import EXIT_USAGE as EXIT_USAGE
from jobscreen.entry import debug_trace as debug_trace
from jobscreen.entry import handle as handle
from jobscreen.entry import quiet_stdout as quiet_stdout
from jobscreen.entry import report_problems as report_problems
from jobscreen.entry import stderr as stderr
from jobscreen.entry import write_version
from jobscreen.limits import FIRST_YEAR, LAST_YEAR, MAX_LIMIT, Limits

if TYPE_CHECKING:
    from pathlib import Path

    from jobscreen.inputs import Accept


class HandledGroup(TyperGroup):
    """Hands a JobscreenError or an OSError from any command to the one error handler
    (:func:`jobscreen.entry.handle`) and exits with its code.

    Here as well as in main() so that the in-process test runner sees the same handling.
    """

    # typer.Context is the public name of the context typer passes (a subclass of the base
    # class the signature names, which typer keeps private)
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from jobscreen.errors import JobscreenError

        try:
            return super().invoke(ctx)
        except (JobscreenError, OSError) as exc:  # the rest reach main(), or a test's runner
            ctx.exit(handle(exc))


app = typer.Typer(
    cls=HandledGroup,
    name="jobscreen",
    help="Screen candidates' CV summaries against vacancy rules; every score explained.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rendering it with rich costs ~200 ms at start-up
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        write_version()
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


def writable_file(value: str | None) -> str | None:
    """Refuse an output path that cannot be written, before any work is done."""
    from pathlib import Path

    if value is None or value == "-":
        return value
    if not value:
        raise typer.BadParameter("is empty: give a file name, or '-' for stdout")
    try:
        return _writable(Path(value), value)
    except OSError as exc:  # a name too long, a loop of links
        raise typer.BadParameter(f"{value!r} cannot be written: {exc.strerror}") from None


def _writable(target: Path, value: str) -> str:
    import os

    if target.is_symlink():
        try:
            target.resolve()
        except RuntimeError:  # Python 3.11 and 3.12 (3.13 raises OSError ELOOP)
            raise typer.BadParameter(f"{value!r} is a loop of symbolic links") from None
    if target.exists() and not target.is_file() and not target.is_dir():
        return value  # /dev/null or a FIFO: written to as it is
    if target.is_dir():
        raise typer.BadParameter(f"{value!r} is a directory")
    parent = target.parent
    if not parent.is_dir():
        raise typer.BadParameter(f"directory {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise typer.BadParameter(f"directory {str(parent)!r} is not writable")
    return value


OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically) instead of stdout.",
        callback=writable_file,
    ),
]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Largest input file accepted.")]
MaxDepthOpt = Annotated[int, typer.Option("--max-depth", help="Deepest nesting accepted.")]
MaxNodesOpt = Annotated[
    int, typer.Option("--max-nodes", help="Most values one document may expand to (aliases too).")
]
MaxItemsOpt = Annotated[int, typer.Option("--max-items", help="Longest list accepted.")]


def not_an_input(
    output: str | None,
    inputs: list[str | None],
    option: str = "--output",
    accept: Accept | None = None,
) -> None:
    """Refuse an output file that is one of the command's inputs, named or found in a folder
    as the command resolves them (``accept``; default: the data files validate reads), files
    it refuses among them: writing would replace it. A device such as /dev/null is written
    to, never replaced."""
    import os
    import stat
    from pathlib import Path

    if output is None or output == "-":
        return
    try:
        target = Path(output).stat()
    except OSError:
        return  # not there yet: no input can be it
    if not stat.S_ISREG(target.st_mode):
        return
    from jobscreen.inputs import is_folder

    real_output = os.path.realpath(output)
    for name in inputs:
        if name is not None and is_folder(name):
            folder = os.path.realpath(name)
            if os.path.commonpath([folder, real_output]) != folder:
                continue  # a folder the output is not in: no need to list it
        for each in _visited(name, accept):
            try:
                same = os.path.samestat(target, Path(each).stat())
            except OSError:
                continue
            if same:
                usage(f"{option} {output!r} is an input file ({each!r}): it would be replaced")


def _visited(name: str | None, accept: Accept | None) -> Iterator[str]:
    """The files an input name stands for, as the command resolves them (none for stdin),
    and the organisation's vocabulary beside them, which is read without being named."""
    from pathlib import Path

    from jobscreen.inputs import DATA, VOCABULARY_FILE, is_folder, resolve

    if name is None or name == "-":
        return
    for item in resolve([name], accept or DATA):
        yield item.name
    yield str((Path(name) if is_folder(name) else Path(name).parent) / VOCABULARY_FILE)


def limits_from(max_bytes: int, max_depth: int, max_nodes: int, max_items: int) -> Limits:

    for name, value in (
        ("--max-bytes", max_bytes),
        ("--max-depth", max_depth),
        ("--max-nodes", max_nodes),
        ("--max-items", max_items),
    ):
        if not 1 <= value <= MAX_LIMIT:
            usage(f"{name} must be from 1 to {MAX_LIMIT}")
    return Limits(max_bytes, max_depth, max_nodes, max_items)


def binary_output(output: str | None, what: str) -> None:
    """An xlsx workbook is a file: refuse stdout unless it is redirected (never a terminal)."""
    if output is None or (output == "-" and sys.stdout.isatty()):
        usage(f"{what} writes a binary file: give --output FILE (e.g. -o shortlist.xlsx)")


def usage(message: str) -> NoReturn:
    from jobscreen.errors import UsageError

    raise UsageError(message)


def choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        usage(f"{option} must be one of {', '.join(choices)}; got {value!r}")
    return value


# YYYY-MM-DD only: date.fromisoformat also reads week dates (2026-W26-2) and 20260630
_AS_OF = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value) if _AS_OF.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        usage(f"--as-of must be a date YYYY-MM-DD; got {value!r}")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        usage(f"--as-of must be between {FIRST_YEAR} and {LAST_YEAR}; got {value!r}")
    return day
