"""Bytes to plain data: reading with limits, decoding, YAML/JSON/JSONL, and error locations.

Nothing here knows what a vacancy or a CV is: it yields :class:`Document` objects whose
``locate`` turns a pydantic error location into a file position, on demand.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from jobscreen.errors import InputError, InternalError, JobscreenError, LineError, Location, guard
from jobscreen.limits import BYTES_HINT
from jobscreen.yamlsafe import Limits, Positions, parse_yaml, yaml_positions

YAML_SUFFIXES = frozenset({".yaml", ".yml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
DATA_SUFFIXES = YAML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
BOM = "\ufeff"
STDIN = "-"


@dataclass
class Document:
    """One parsed document, with what is needed to point back into its source."""

    data: Any
    source: str
    text: str = field(repr=False)
    index: int = 0
    line_offset: int = 0
    record: bool = False  # one record of a JSON Lines stream: its label names the line
    _positions: Positions | None = field(default=None, repr=False)

    @property
    def start(self) -> Location:
        """Where the document starts: its file's 1:1, or a JSON Lines record's line."""
        return Location(self.source, self.line_offset + 1, 1)

    @property
    def label(self) -> str:
        """The source, with the line for a JSON Lines record."""
        return f"{self.source}:{self.line_offset + 1}" if self.record else self.source

    def positions(self) -> Positions:
        if self._positions is None:
            found = _file_positions(self.text, self.source)
            self._positions = found[self.index] if self.index < len(found) else Positions()
        return self._positions

    def locate(self, loc: Iterable[str | int], at_key: bool = False) -> Location:
        """The file position of a pydantic ``loc`` (see :meth:`Positions.find`)."""
        line, column = self.positions().find(loc, at_key)
        return Location(self.source, line + self.line_offset, column)


@lru_cache(maxsize=8)
def _file_positions(text: str, source: str) -> tuple[Positions, ...]:
    """Every document's positions, read once per file however many documents need them."""
    return tuple(yaml_positions(text, source, Limits(max_bytes=len(text) + 1)))


def decode(raw: bytes, source: str, start: bool = True) -> str:
    """UTF-8 text from bytes (a BOM is accepted), or a located error.

    ``start``: the bytes begin a file, where FF FE or FE FF marks UTF-16; inside a file (a
    JSON Lines record after the first) they are just bytes that are not UTF-8.
    """
    if start and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError("UTF-16 text: save the file as UTF-8", Location(source, 1, 1))
    if b"\x00" in raw[:8192]:
        raise InputError("binary file (contains NUL bytes), not text", Location(source, 1, 1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        hint = f"invalid UTF-8 (byte 0x{bad}): save the file as UTF-8"
        raise InputError(hint, Location(source, line, column)) from None
    return text.removeprefix(BOM)


def read_bytes(path: Path, max_bytes: int, hint: str = BYTES_HINT) -> bytes:
    """A file's bytes, refusing a directory, what cannot be read, and what is too large
    (``hint`` closes that error: the option that raises the limit, if one does)."""
    source = str(path)
    try:
        with path.open("rb") as handle:  # one open and one fstat: this runs once a CV
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise InputError(
                    f"file is {size} bytes, over the {max_bytes}-byte limit{hint}",
                    Location(source, 1, 1),
                )
            # one byte past the limit, to see a file that grew since it was measured; a FIFO
            # or device has no size to go by (0), and is read as stdin is
            raw = read_upto(handle, max_bytes + 1, size + 1 if size else BLOCK)
    except IsADirectoryError:
        raise InputError(_folder_problem(path), Location(source, 1, 1)) from None
    except FileNotFoundError:
        what = "broken symbolic link" if path.is_symlink() else "no such file"
        raise InputError(what, Location(source, 1, 1)) from None
    except PermissionError:
        raise InputError("permission denied", Location(source, 1, 1)) from None
    except OSError as exc:
        raise InputError(cannot_read(exc), Location(source, 1, 1)) from None
    if len(raw) > max_bytes:
        message = f"file is over the {max_bytes}-byte limit{hint}"
        raise InputError(message, Location(source, 1, 1))
    return raw


def cannot_read(exc: OSError) -> str:
    """Why a file could not be opened or read, as every reader says it."""
    return f"cannot read: {exc.strerror or exc}"


BLOCK = 1 << 16  # the first read of a stream of unknown size


def read_upto(stream: IO[bytes], limit: int, first: int) -> bytes:
    """Up to ``limit`` bytes of a stream: ``first`` at once, then reads that double in size.

    A read of n bytes sets n aside first: this never sets aside much more than the stream
    holds, whether its size is known (a file) or not (stdin, a FIFO, /dev/zero).
    """
    chunks, total, ask = [], 0, min(first, limit)
    while ask:
        chunk = stream.read(ask)
        chunks.append(chunk)
        total += len(chunk)
        if len(chunk) < ask:  # the end of the stream
            break
        ask = min(2 * ask, limit - total)
    return b"".join(chunks)


def _folder_problem(path: Path) -> str:
    """Why a folder was given where a file was expected: it cannot be read, or it is one."""
    try:
        with os.scandir(path):
            return "is a directory"
    except OSError as exc:
        return f"folder cannot be read: {(exc.strerror or str(exc)).lower()}"


def read_text(name: str, max_bytes: int, hint: str = BYTES_HINT) -> str:
    """The decoded text of a file, or of stdin for '-', refusing what is over ``max_bytes``
    (``hint``: as for read_bytes)."""
    if name != STDIN:
        return decode(read_bytes(Path(name), max_bytes, hint), name)
    raw = read_upto(sys.stdin.buffer, max_bytes + 1, BLOCK)
    if len(raw) > max_bytes:
        where = Location("<stdin>", 1, 1)
        raise InputError(f"input is over the {max_bytes}-byte limit{hint}", where)
    return decode(raw, "<stdin>")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


# JSON strings, skipped whole, or a value json.loads refuses: NaN, Infinity, or an integer
# longer than Python converts (sys.get_int_max_str_digits(), 4300 digits by default; 0 is
# no limit, and then no integer is refused)
_LONGEST = sys.get_int_max_str_digits()
_REFUSED_VALUE = re.compile(
    r'"(?:[^"\\]|\\.)*"|(?P<constant>-?(?:NaN|Infinity))'
    # an integer only: a float's digits (0.333..., 1e5000) are no limit's business
    + (
        rf"|(?P<digits>(?<![\d.eE+-])-?\d{{{_LONGEST + 1},}}(?![\d.eE]))"
        if _LONGEST
        else "|(?P<digits>(?!))"
    )
)


def _refused_value(text: str) -> tuple[str, int] | None:
    """Why json.loads refused a value of the text, and where: (message, offset), or None."""
    for match in _REFUSED_VALUE.finditer(text):
        if match.group("constant"):
            return f"{match.group('constant')} is not a JSON number", match.start()
        if match.group("digits"):
            return f"a number of more than {_LONGEST} digits", match.start()
    return None


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):  # a key came twice: name the first one repeated
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return result


def parse_json(text: str, source: str, limits: Limits, line_offset: int = 0) -> Any:
    """One JSON value within the limits; duplicate keys and NaN are errors, with positions."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        where = Location(source, exc.lineno + line_offset, exc.colno)
        raise InputError(f"JSON syntax error: {exc.msg}", where) from None
    except RecursionError:
        _locate_json_problem(text, source, limits, line_offset)
        raise InputError("JSON nested too deeply", Location(source, line_offset + 1, 1)) from None
    except ValueError as exc:
        _locate_json_problem(text, source, limits, line_offset)
        refused = _refused_value(text)
        if refused is None:
            raise InputError(str(exc), Location(source, line_offset + 1, 1)) from None
        message, offset = refused
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise InputError(message, Location(source, line_offset + line + 1, column)) from None
    if _too_small_to_break(text, limits):
        return data
    problem = json_limit_problem(data, limits)
    if problem is not None:
        _locate_json_problem(text, source, limits, line_offset)
        raise InputError(problem, Location(source, line_offset + 1, 1))
    return data


def _too_small_to_break(text: str, limits: Limits) -> bool:
    """Whether a JSON text is too small to break a limit, whatever it holds.

    Each value the limit walk counts takes a character of its own at least (a key two, a
    container its opening bracket), so no text holds more values than characters, nor a
    list more items; and nothing nests deeper than the brackets in the text. A CV's record
    is far inside all three, and is then not walked.
    """
    return len(text) <= min(limits.max_nodes, limits.max_items) and (
        text.count("{") + text.count("[") <= limits.max_depth
    )


def json_limit_problem(data: Any, limits: Limits) -> str | None:
    """The first limit parsed JSON breaks, in the YAML reader's words (keys count as values).

    Only containers are visited; their scalars are counted by length, which keeps this
    cheap enough to run on every JSON Lines record.
    """
    if not isinstance(data, dict | list):
        return None
    nodes, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limits.max_depth:
            return f"nesting deeper than {limits.max_depth} levels{limits.hint('max-depth')}"
        if isinstance(value, list) and len(value) > limits.max_items:
            return f"list longer than {limits.max_items} items{limits.hint('max-items')}"
        children = value.values() if isinstance(value, dict) else value
        nodes += 1 + len(value) * (2 if isinstance(value, dict) else 1)
        if nodes > limits.max_nodes:
            too_many = f"document expands to more than {limits.max_nodes} values"
            return too_many + limits.hint("max-nodes")
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return None


def _locate_json_problem(text: str, source: str, limits: Limits, line_offset: int) -> None:
    """Re-read JSON as YAML (its superset) to name the position of a duplicate key or a limit.

    A YAML syntax error is not passed on: some valid JSON is not YAML (keys over 1024
    characters), and the caller then reports the JSON problem at the record's first line.
    """
    try:
        parse_yaml(text, source, limits)
    except InputError as exc:
        if exc.message.startswith("YAML syntax error"):
            return
        if exc.location is not None and exc.location.line is not None:
            loc = Location(source, exc.location.line + line_offset, exc.location.column)
            raise InputError(exc.message, loc) from None


def documents_from_text(text: str, source: str, kind: str, limits: Limits) -> list[Document]:
    """Parse text by kind ('yaml', 'json' or 'jsonl') into documents; a JSON Lines record
    that cannot be one raises its error (a stream that goes on is read by iter_jsonl)."""
    if kind == "jsonl":
        return [_document(r) for r in iter_jsonl(text.encode("utf-8").splitlines(), source, limits)]
    if not text.strip():
        raise InputError("empty file", Location(source, 1, 1))
    if kind == "json":
        return [Document(parse_json(text, source, limits), source, text)]
    docs = parse_yaml(text, source, limits)
    if not docs or all(doc is None for doc in docs):
        raise InputError("empty file (no YAML content)", Location(source, 1, 1))
    # an empty document (a trailing '---', or two in a row) holds nothing to read; the others
    # keep their place in the file, which names and locates them
    return [
        Document(data, source, text, index=i) for i, data in enumerate(docs) if data is not None
    ]


def bounded_lines(handle: IO[bytes], limit: int) -> Iterator[bytes]:
    """Lines of a stream, none held longer than ``limit`` bytes, none read past its limit:
    an over-long line yields its first ``limit + 1`` bytes (which the record check refuses)
    and ends the stream, for its end may never come (/dev/zero on stdin)."""
    while line := handle.readline(limit + 1):
        yield line
        if _over_long(line, limit):
            return


def _over_long(line: bytes, limit: int) -> bool:
    """Whether bounded_lines cut this line at the limit."""
    return len(line) > limit and not line.endswith(b"\n")


def numbered(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """The lines of JSON Lines that hold a record, each with its 0-based line number."""
    return ((number, raw) for number, raw in enumerate(lines) if raw.strip())


# A JSON Lines record: its document, or the error that stopped it being one (a LineError,
# or the InternalError of a bug met reading it); the records after it are still read
Record = Document | JobscreenError


def _document(record: Record) -> Document:
    """A record where only a document will do: its error raised."""
    if isinstance(record, JobscreenError):
        raise record
    return record


def iter_jsonl(lines: Iterable[bytes], source: str, limits: Limits) -> Iterator[Record]:
    """Records from JSON Lines, in order; a bad line is its error, and the stream goes on."""
    for number, raw in numbered(lines):
        yield jsonl_record(number, raw, source, limits)


def jsonl_record(number: int, raw: bytes, source: str, limits: Limits) -> Record:
    """One JSON Lines record (0-based line number): its document, or its LineError, or the
    InternalError of a bug met on it; returned, never raised."""
    where = Location(source, number + 1, 1)
    try:
        with guard(where):
            return _record(number, raw, source, limits, where)
    except (LineError, InternalError) as exc:
        return exc


def _record(number: int, raw: bytes, source: str, limits: Limits, where: Location) -> Document:
    if _over_long(raw, limits.max_bytes):
        over = f"record over the {limits.max_bytes}-byte limit{limits.hint('max-bytes')}"
        raise LineError(f"{over}; the rest of this input is not read", where)
    try:
        text = decode(raw, source, start=number == 0).strip()
    except InputError as exc:
        column = exc.location.column if exc.location else 1
        raise LineError(exc.message, Location(source, number + 1, column)) from None
    try:
        data = parse_json(text, source, limits, line_offset=number)
    except InputError as exc:
        raise LineError(exc.message, exc.location or where) from None
    return Document(data, source, text, line_offset=number, record=True)


def kind_of(path: Path) -> str:
    """'yaml', 'json' or 'jsonl' from a file name (YAML when unknown: it reads JSON too)."""
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "yaml"


def load_documents(path: Path, limits: Limits) -> Sequence[Record]:
    """Read and parse one file into documents, raising a located InputError.

    A JSON Lines file is decoded record by record, so a bad byte in one record is that
    record's error (in the list, in its place) and the others are still read.
    """
    raw = read_bytes(path, limits.max_bytes, limits.hint("max-bytes"))
    kind = kind_of(path)
    if kind == "jsonl":
        return list(iter_jsonl(raw.splitlines(), str(path), limits))
    return documents_from_text(decode(raw, str(path)), str(path), kind, limits)
