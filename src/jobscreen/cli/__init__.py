"""The command line: options in, library calls, a reporter out, an exit code.

Exit codes: as jobscreen.entry lists them, where the one error handler sets them.
Each command group lives in its own module; importing them registers the commands.
"""

from __future__ import annotations

import sys
from typing import NoReturn

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


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app; every failure goes to the one error handler
    (:func:`jobscreen.entry.handle`) for its message and exit code."""
    _tolerant_streams()
    try:
        code = app(args=argv, standalone_mode=False)
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
