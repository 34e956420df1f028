"""One exception family: every error a user can cause, with the place it points at."""

from __future__ import annotations

import contextlib
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

# C0 and C1 control characters but tab and newline: an input that carries ESC sequences
# must not reach a terminal through an error message or a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # a file name has no line breaks


def _code(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def printable(text: str) -> str:
    """Text with control characters (terminal escapes among them) shown as \\x.. codes."""
    return _CONTROL.sub(_code, text)


def printable_name(name: str) -> str:
    """A file name on one line: every control character, newline and tab too, as a code."""
    return _CONTROL_IN_NAME.sub(_code, name)


@dataclass(frozen=True)
class Location:
    """A place in an input: path, and 1-based line and column when known."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [printable_name(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            parts.append(str(self.column if self.column is not None else 1))
        return ":".join(parts)


class JobscreenError(Exception):
    """Base of every error jobscreen reports to a user; the message is complete."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        message = printable(message)
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"

    def every(self) -> list[JobscreenError]:
        """Each error this one stands for: itself (DocumentErrors: all of a document's)."""
        return [self]


class InputError(JobscreenError):
    """An input file could not be read or parsed (bytes, encoding, YAML/JSON syntax, limits)."""


class SchemaError(JobscreenError):
    """An input parsed but does not fit the vacancy or CV model."""


class UsageError(JobscreenError):
    """The command line asks for something that cannot be done."""


INTERNAL = (
    "internal error reading this file; please report it (set JOBSCREEN_DEBUG=1 for the trace)"
)


class InternalError(JobscreenError):
    """A bug in jobscreen met on one input: that input's error, never the end of a batch.

    ``trace`` is the bug's traceback, which the CLI shows when JOBSCREEN_DEBUG is set.
    """

    def __init__(self, location: Location | None, trace: str = "") -> None:
        super().__init__(INTERNAL, location)
        self.trace = trace


@contextlib.contextmanager
def guard(location: Location) -> Iterator[None]:
    """Raise any exception but a JobscreenError met inside as the InternalError of the one
    input at ``location``: reading, extracting or scoring it."""
    try:
        yield
    except JobscreenError:
        raise
    except Exception as exc:
        raise InternalError(location, "".join(traceback.format_exception(exc))) from exc
