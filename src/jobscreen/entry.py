"""The console entry point and the one error handler: --version answered before the CLI
framework is imported, and every exception, wherever it is met, turned into its one-line
message and exit code.

Exit codes: 0 success; 1 invalid input or some inputs failed (the rest are still reported);
2 usage error; 3 internal error (a bug: please report it); 130 interrupted.
"""

from __future__ import annotations

import errno
import io
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: --version stays fast
if TYPE_CHECKING:
    from collections.abc import Iterable

    from jobscreen.errors import JobscreenError, Problem

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class _ClosedStdout(io.TextIOBase):
    """Standard output when the process started without one (`jobscreen ... >&-`): Python
    sets sys.stdout to None; writing a result is then an error the CLI reports in one line,
    and a command writing to --output still works."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


class _Discard(io.TextIOBase):
    """Standard error when the process started without one: there is nowhere to report."""

    def write(self, text: str) -> int:
        return len(text)


def _standard_streams() -> None:
    if sys.stdin is None:  # started with stdin closed ('<&-'): '-' reads nothing
        sys.stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    if sys.stderr is None:
        sys.stderr = _Discard()


def main() -> None:
    """`jobscreen`: the version at once, anything else through the typer app."""
    _standard_streams()
    try:
        if sys.argv[1:] == ["--version"]:  # the fast path: no CLI framework to import
            write_version()
            return
        from jobscreen.cli import main as cli_main
    except (KeyboardInterrupt, Exception) as exc:  # Ctrl-C while the CLI is still imported
        sys.exit(handle(exc))
    cli_main()


def write_version() -> None:
    """`jobscreen --version`: the one place that answers it (the CLI's option calls it)."""
    from jobscreen import __version__

    sys.stdout.write(f"jobscreen {__version__}\n")
    sys.stdout.flush()


def handle(exc: BaseException) -> int:
    """The one error handler: any exception as its one-line message on stderr (each problem
    of a JobscreenError on a line of its own, with its trace when JOBSCREEN_DEBUG is set),
    and the exit code to end with. An unexpected exception is an internal error, raised as
    it is when JOBSCREEN_DEBUG is set."""
    if isinstance(exc, KeyboardInterrupt):
        return _fail("interrupted", EXIT_INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        quiet_stdout()  # the reader (`| head`) has what it wanted: not a failure
        return EXIT_OK
    if isinstance(exc, OSError):  # inputs become JobscreenErrors: this is writing the output
        return _fail(f"error: cannot write the output: {exc.strerror or exc}", EXIT_INPUT)
    from jobscreen.errors import JobscreenError, UsageError

    if isinstance(exc, UsageError):
        return _fail(f"error: {exc}", EXIT_USAGE)
    if isinstance(exc, JobscreenError):
        return _stopped(exc)
    return _unexpected(exc)


def _stopped(exc: JobscreenError) -> int:
    problems = exc.problems()
    report_problems(problems)
    return _fail(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; stopped", EXIT_INPUT)


def _unexpected(exc: BaseException) -> int:
    typer = sys.modules.get("typer")  # its exceptions come only once it is imported
    if typer is not None and isinstance(exc, typer.Abort):  # Ctrl-C at a prompt
        return _fail("interrupted", EXIT_INTERRUPTED)
    if typer is not None and isinstance(exc, typer.TyperException):  # click's usage errors
        code: int = exc.exit_code
        return _fail(f"error: {exc.format_message()} (see --help)", code)
    if env_flag("JOBSCREEN_DEBUG"):
        raise exc
    return _fail(
        f"internal error: {type(exc).__name__}: {exc} (a bug; set JOBSCREEN_DEBUG=1 "
        "for the trace and please report it)",
        EXIT_INTERNAL,
    )


def _fail(message: str, code: int) -> int:
    stderr(f"jobscreen: {message}")
    return code


def stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def quiet_stdout() -> None:
    """Point stdout at /dev/null so that the flush at exit cannot fail on a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def report_problems(problems: Iterable[Problem]) -> None:
    """One `path:line:col: error: message` line per problem, as validate prints them, each
    followed by its trace when JOBSCREEN_DEBUG is set."""
    from jobscreen.errors import located

    for problem in problems:
        stderr(located(problem.location, f"error: {problem.message}"))
        debug_trace(problem.trace)


def env_flag(name: str) -> bool:
    """Whether an environment variable is set on: to anything but empty, 0, false or no
    (CI=false and JOBSCREEN_DEBUG=0 are off, as a person writing them means)."""
    return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no"}


def debug_trace(trace: str) -> None:
    """A bug's trace on stderr, when JOBSCREEN_DEBUG is set."""
    if trace and env_flag("JOBSCREEN_DEBUG"):
        sys.stderr.write(trace)
