"""The command line: options in, library calls, a reporter out, an exit code.

Exit codes: as jobscreen.entry lists them, where the one error handler sets them.
Each command group lives in its own module; importing them registers the commands.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import typer.main

from jobscreen.cli import authoring, check, records, screening  # noqa: F401 - registers the commands
from jobscreen.cli.app import EXIT_INTERRUPTED, EXIT_OK, app, handle, quiet_stdout

__all__ = ["app", "main"]


def _tolerant_streams() -> None:
    """Text that UTF-8 cannot encode (a file name's undecodable bytes, kept by Python as lone
    surrogates) is written as a backslash escape rather than failing the run."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


@functools.cache
def _command() -> Callable[..., Any]:
    """The click command typer builds from the app (what ``app(...)`` builds on every call),
    built once: a real process runs main() once, the in-process tests run it thousands of
    times. The app's commands are all registered on import, so the command never changes."""
    return typer.main.get_command(app)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app; every failure goes to the one error handler
    (:func:`jobscreen.entry.handle`) for its message and exit code."""
    _tolerant_streams()
    try:
        code = _command()(args=argv, standalone_mode=False)
    except (KeyboardInterrupt, Exception) as exc:  # click's usage errors among them
        sys.exit(handle(exc))
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into Exit(130) before we see it
        sys.exit(handle(KeyboardInterrupt()))
    _finish(code if isinstance(code, int) else EXIT_OK)


def _finish(code: int) -> NoReturn:
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # stdout's reader went away (`| head`): the run's code, quietly
        quiet_stdout()
    except OSError as exc:
        code = handle(exc)
    sys.exit(code)
