"""The command line: options in, library calls, a reporter out, an exit code.

Exit codes: 0 success; 1 invalid input or some inputs failed (the rest are still reported);
2 usage error; 3 internal error (a bug: please report it); 130 interrupted.
Each command group lives in its own module; importing them registers the commands.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import NoReturn

import typer

from jobscreen.cli import authoring, check, records, screening  # noqa: F401 - registers the commands
from jobscreen.cli.app import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    app,
    quiet_stdout,
    stderr,
)

__all__ = ["app", "main"]


def _fail(message: str, code: int) -> NoReturn:
    stderr(f"jobscreen: {message}")
    sys.exit(code)


def _tolerant_streams() -> None:
    """Text that UTF-8 cannot encode (a file name's undecodable bytes, kept by Python as lone
    surrogates) is written as a backslash escape rather than failing the run."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app and turn every failure into a message and exit code."""
    _tolerant_streams()
    try:
        code = app(args=argv, standalone_mode=False)
    except typer.TyperException as exc:  # click's usage errors, as typer exports them
        _fail(f"error: {exc.format_message()} (see --help)", exc.exit_code)
    except (KeyboardInterrupt, Exception) as exc:
        _unexpected(exc)
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into Exit(130) before we see it
        _fail("interrupted", EXIT_INTERRUPTED)
    _finish(code if isinstance(code, int) else EXIT_OK)


def _unexpected(exc: BaseException) -> NoReturn:
    if isinstance(exc, KeyboardInterrupt | typer.Abort):
        _fail("interrupted", EXIT_INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        _quiet_exit(EXIT_OK)
    if isinstance(exc, OSError) and exc.errno == errno.EBADF:  # e.g. --help with stdout closed
        _fail(f"error: cannot write the output: {exc.strerror}", EXIT_INPUT)
    if os.environ.get("JOBSCREEN_DEBUG"):
        raise exc
    _fail(
        f"internal error: {type(exc).__name__}: {exc} (a bug; set JOBSCREEN_DEBUG=1 "
        "for the trace and please report it)",
        EXIT_INTERNAL,
    )


def _quiet_exit(code: int) -> NoReturn:
    # stdout's reader went away (e.g. `| head`): silence the flush at exit, exit quietly.
    quiet_stdout()
    sys.exit(code)


def _finish(code: int) -> NoReturn:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_exit(code)
    sys.exit(code)
