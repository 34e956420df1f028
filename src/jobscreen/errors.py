"""Errors, in one module: every exception class jobscreen defines (tests/test_errors.py keeps
them here), each error with the place it points at, and :class:`Problem`, the one value of a
problem that is reported rather than raised (an exception's :meth:`JobscreenError.problem`)."""

from __future__ import annotations

import contextlib
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

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


def located(location: Location | None, message: str) -> str:
    """'path:line:col: message', or the message alone where there is no place."""
    return message if location is None else f"{location}: {message}"


Severity = Literal["error", "warning"]

# The codes a Problem carries: one a kind of problem, stable, written in machine outputs
# only where a format already had a code (validate's lint findings).
#   input     an input could not be read or parsed: bytes, encoding, syntax, limits, its ids
#   schema    an input parsed but does not fit the vacancy, CV, vocabulary or record model
#   usage     the command line asks for something that cannot be done
#   internal  a bug met on one input (its traceback kept, shown with JOBSCREEN_DEBUG=1)
#   JS1xx     validate's lint findings, one code a check (jobscreen.lint.CODES)
INPUT, SCHEMA, USAGE, INTERNAL_CODE = "input", "schema", "usage", "internal"
KINDS = frozenset({INPUT, SCHEMA, USAGE, INTERNAL_CODE})  # the codes that are not a check's


@dataclass(frozen=True)
class Problem:
    """A problem reported rather than raised: where, what, how serious, and its code.

    ``trace``: a bug's traceback (code "internal"); ``candidate``: the id the input gave,
    when it parsed as far as that.
    """

    location: Location | None
    message: str
    severity: Severity = "error"
    code: str = INPUT
    trace: str = field(default="", repr=False)
    candidate: str | None = None

    def __str__(self) -> str:
        return located(self.location, self.message)

    @property
    def source(self) -> str:
        """The file it is in ('' when it has no place)."""
        return self.location.path if self.location else ""

    @property
    def where(self) -> str:
        """'path:line:column', as far as known; a file name's control characters as codes."""
        loc = self.location or Location("")
        return ":".join(str(p) for p in (printable_name(loc.path), loc.line, loc.column) if p)

    def shown_where(self, blind: bool, number: int) -> str:
        """Where it is, as outputs show it: blind, 'input 3' (its place among the inputs
        that could not be read), never its file; the operator sees that on stderr."""
        return f"input {number}" if blind else self.where

    def shown_candidate(self, blind: bool) -> str | None:
        """The candidate id it gave, as outputs show it: never in blind mode."""
        return None if blind else self.candidate

    def to_dict(self, blind: bool = False) -> dict[str, Any]:
        """Its JSON form in a screening; with the candidate id when known, and not blind;
        blind, without its file and place."""
        loc = self.location or Location("")
        data: dict[str, Any] = {
            "source": None if blind else loc.path,
            "line": None if blind else loc.line,
            "column": None if blind else loc.column,
            "message": self.message,
        }
        if (who := self.shown_candidate(blind)) is not None:
            data["candidate"] = who
        return data


class JobscreenError(Exception):
    """Base of every error jobscreen reports to a user; the message is complete."""

    code: ClassVar[str] = INPUT  # its Problem's code
    trace = ""  # a bug's traceback (InternalError)

    def __init__(self, message: str, location: Location | None = None) -> None:
        message = printable(message)
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return located(self.location, self.message)

    def every(self) -> list[JobscreenError]:
        """Each error this one stands for: itself (DocumentErrors: all of a document's)."""
        return [self]

    def problem(self, source: str = "", candidate: str | None = None) -> Problem:
        """This error as a reported problem; ``source`` places one without a location of
        its own, ``candidate`` is the id its input gave."""
        where = self.location or (Location(source) if source else None)
        return Problem(where, self.message, "error", self.code, self.trace, candidate)

    def problems(self, source: str = "", candidate: str | None = None) -> list[Problem]:
        """Each error this one stands for, as a problem (see :meth:`problem`)."""
        return [error.problem(source, candidate) for error in self.every()]


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

    code = SCHEMA


class UsageError(JobscreenError):
    """The command line asks for something that cannot be done."""

    code = USAGE


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

    code = INTERNAL_CODE

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
