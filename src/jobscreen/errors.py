"""One exception family: every error a user can cause, with the place it points at."""

from __future__ import annotations

import contextlib
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

# The characters no input may bring to a reader, in one class: C0 and C1 controls but tab and
# newline (terminal escapes among them), and the invisible ones that reorder or hide text, so
# that one name can pass for another: bidirectional controls (U+061C, U+200E/F, U+202A-202E,
# U+2066-2069) and zero-width characters (U+200B-200D, U+2060, U+FEFF). Models drop them from
# every text (model.py); messages and file names show them as codes.
UNSAFE = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
CONTROL = re.compile(f"[{UNSAFE}]")
# a file name is one line: tabs, newlines and Unicode's line and paragraph separators too
_CONTROL_IN_NAME = re.compile(f"[\\t\\n\\u2028\\u2029{UNSAFE}]")


def char_code(match: re.Match[str]) -> str:
    """The matched character as a code: \\x1b, \\u202e."""
    point = ord(match.group())
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def printable(text: str) -> str:
    """Text with control and invisible characters (terminal escapes, bidirectional controls)
    shown as \\x.. or \\u.... codes."""
    return CONTROL.sub(char_code, text)


def printable_name(name: str) -> str:
    """A file name on one line: every control and invisible character, newline and tab too,
    as a code."""
    return _CONTROL_IN_NAME.sub(char_code, name)


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


class DocumentErrors(JobscreenError):
    """Several located errors from one document (its schema errors, a file's problems)."""

    def __init__(self, errors: list[JobscreenError]) -> None:
        first = errors[0]
        super().__init__(first.message, first.location)
        self.errors = errors

    def every(self) -> list[JobscreenError]:
        return list(self.errors)


class InputError(JobscreenError):
    """An input file could not be read or parsed (bytes, encoding, YAML/JSON syntax, limits)."""


class LineError(InputError):
    """An error in one JSON Lines record; the stream goes on."""


class SchemaError(JobscreenError):
    """An input parsed but does not fit the vacancy or CV model."""


class LintError(JobscreenError):
    """A lint finding reported as an error (--strict); it keeps its code."""

    def __init__(self, code: str, message: str, location: Location) -> None:
        super().__init__(message, location)
        self.code = code


class UsageError(JobscreenError):
    """The command line asks for something that cannot be done."""


INTERNAL = (
    "internal error reading this file; please report it (set JOBSCREEN_DEBUG=1 for the trace)"
)

# A worker process that ended while it read an input (killed for its memory, or a crash in
# an extension): the input is named, the batch goes on.
WORKER_DIED = "internal error reading this file: its worker process died; please report it"


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
