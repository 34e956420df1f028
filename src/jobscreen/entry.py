"""The console entry point: answers --version before importing the CLI framework."""

from __future__ import annotations

import errno
import io
import os
import sys


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
    if sys.argv[1:] == ["--version"]:
        from jobscreen import __version__

        try:
            sys.stdout.write(f"jobscreen {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:  # the reader went away: it did not want the line
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError as exc:
            sys.stderr.write(f"jobscreen: error: cannot write the output: {exc.strerror}\n")
            sys.exit(1)
        return
    try:
        from jobscreen.cli import main as cli_main
    except KeyboardInterrupt:  # Ctrl-C while the CLI is still being imported
        sys.stderr.write("jobscreen: interrupted\n")
        sys.exit(130)
    cli_main()
