"""Names to inputs: what each file, folder or '-' given to a command stands for, and how
it is read. Every command and the batch runner decide it here, and nowhere else.

:func:`resolve` turns names into :data:`Input` objects under what a command accepts
(:class:`Accept`: :data:`CVS` for score, explain, match and the batch runner, :data:`DATA` for
validate, :data:`VACANCIES` for match's vacancies, :data:`TEXT` for extract): a data file
(YAML or JSON, read whole), a JSON Lines stream (one CV a line), a text document (a CV in
plain text, Markdown, PDF or Word, extracted) or a refusal with its reason (a .doc CV, a FIFO
found in a folder, an empty folder). A folder stands for the files found under it
(:func:`scan`).

To read a new kind of input, add it here: a class with ``documents`` (or, for one more
document format that yields text, a reader in :mod:`jobscreen.documents`), a place in
:func:`classify`, and a field of :class:`Accept` for the commands that take it.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from jobscreen.documents import medium_of, read_document, reader_for
from jobscreen.errors import InputError, JobscreenError, Location, UsageError, guard
from jobscreen.loading import (
    DATA_SUFFIXES,
    JSONL_SUFFIXES,
    STDIN,
    Document,
    Record,
    bounded_lines,
    cannot_read,
    documents_from_text,
    jsonl_record,
    kind_of,
    load_documents,
    numbered,
    read_text,
)
from jobscreen.yamlsafe import Limits, Positions

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
CV_SUFFIXES = DATA_SUFFIXES | TEXT_SUFFIXES
UNREADABLE_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages"})
CV_SCAN = CV_SUFFIXES | UNREADABLE_SUFFIXES  # a folder's PDF and Word CVs are reported
EMPTY_FOLDER = "directory holds no data files"
# An organisation's own vocabulary, beside its vacancies (jobscreen.orgvocab): never a
# vacancy or a CV; validate checks it as a vocabulary, other commands skip it in a folder.
VOCABULARY_FILE = "jobscreen-vocabulary.yaml"
NOT_AN_INPUT = "is an organisation's vocabulary: it is read beside the vacancies of its folder"


@dataclass(frozen=True, slots=True)
class _Named:
    name: str  # as given, or as found in a folder; '-' is stdin

    @property
    def source(self) -> str:
        """The name errors and results give: '<stdin>' for '-'."""
        return "<stdin>" if self.name == STDIN else self.name


@dataclass(frozen=True, slots=True)
class DataFile(_Named):
    """A YAML or JSON file, read whole ('-': stdin, read as YAML); validate reads a JSON
    Lines file whole too, record by record within the byte limit for the whole file."""

    @property
    def kind(self) -> str:
        """'yaml', 'json' or 'jsonl', by its name."""
        return "yaml" if self.name == STDIN else kind_of(Path(self.name))

    def documents(self, limits: Limits, phrases: tuple[str, ...] = ()) -> Sequence[Record]:
        if self.name == STDIN:
            return documents_from_text(
                read_text(STDIN, limits.max_bytes), self.source, "yaml", limits
            )
        return load_documents(Path(self.name), limits)


@dataclass(frozen=True, slots=True)
class JsonLines(_Named):
    """A JSON Lines stream, one CV a line (a .jsonl or .ndjson file, or stdin), read a line
    at a time: its size is bounded only by each record's."""

    def lines(self, limit: int) -> Iterator[tuple[int, bytes]]:
        """Its lines that hold a record, with their 0-based numbers, none held longer than
        ``limit`` bytes; an InputError if the file cannot be opened."""
        if self.name == STDIN:
            yield from numbered(bounded_lines(sys.stdin.buffer, limit))
            return
        try:
            handle = Path(self.name).open("rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(cannot_read(exc), Location(self.name)) from None
        with handle:
            yield from numbered(bounded_lines(handle, limit))

    def records(self, limit: int) -> tuple[InputError | None, Iterator[tuple[int, bytes]]]:
        """Its lines from the first that opens a JSON object, and, when lines came before
        that one (a YAML or text CV piped in), the one error that says how many were not
        read; an InputError if the file cannot be opened."""
        first, skipped, lines = _object_start(self.lines(limit), limit)
        if not skipped:
            return None, lines
        counted = f"{skipped} line{'s' if skipped > 1 else ''}"
        error = InputError(NOT_JSON_LINES.format(skipped=counted), Location(self.source, first, 1))
        return error, lines

    def documents(self, limits: Limits, phrases: tuple[str, ...] = ()) -> Iterator[Record]:
        """Its records: a broken one is its LineError, in its place; lines before the first
        record are one error, in their place."""
        skipped, lines = self.records(limits.max_bytes)
        if skipped is not None:
            yield skipped
        for number, raw in lines:
            yield jsonl_record(number, raw, self.source, limits)


NOT_JSON_LINES = (
    "not JSON Lines (one CV a line, each a JSON object): {skipped} not read; "
    "give a YAML, text, PDF or Word CV as a file"
)


def _object_start(
    lines: Iterator[tuple[int, bytes]], limit: int
) -> tuple[int, int, Iterator[tuple[int, bytes]]]:
    """Where a stream's records start: the first line's number (1-based) and how many lines
    come before the first that opens a JSON object (none in JSON Lines), and the lines from
    that one on (an over-long line among them: its record refuses it)."""
    first, skipped = 1, 0
    for number, raw in lines:
        if len(raw) > limit or raw.lstrip(b"\xef\xbb\xbf \t").startswith(b"{"):
            return first, skipped, itertools.chain([(number, raw)], lines)
        first, skipped = (number + 1 if not skipped else first), skipped + 1
    return first, skipped, iter(())


@dataclass
class ExtractedDocument(Document):
    """A plain-text CV read into the native format; the entries it doubts are named."""

    uncertain: frozenset[tuple[str, int]] = frozenset()
    medium: str = "text"  # what the text was read from: text, PDF or Word

    def positions(self) -> Positions:
        """None: errors in extracted data point at the file, not into the text."""
        return Positions()


@dataclass(frozen=True, slots=True)
class TextDocument(_Named):
    """A CV in plain text, Markdown, PDF or Word: its text read into the native format by the
    extractor (`jobscreen extract` prints what it reads)."""

    def text(self, limits: Limits) -> str:
        """Its text: a PDF's or Word file's through its reader, any other file's decoded."""
        found = read_document(self.name, limits)
        return (
            read_text(self.name, limits.max_bytes, limits.hint("max-bytes"))
            if found is None
            else found
        )

    def documents(self, limits: Limits, phrases: tuple[str, ...] = ()) -> list[Document]:
        """The CV, extracted with the vacancy's competency ``phrases``."""
        from jobscreen.extract import extract

        source = self.source
        text = self.text(limits)
        if not text.strip():
            raise InputError("empty file", Location(source, 1, 1))
        found = extract(text, phrases)
        cut = [
            n.message for n in found.notes if not n.path and n.message.startswith("only the first")
        ]
        if cut:  # scoring part of a CV would give a verdict on what it does not say
            why = f"plain-text CV too long to read whole ({'; '.join(cut)}): shorten it for scoring"
            raise InputError(why, Location(source, 1, 1))
        medium = medium_of(self.name)
        return [
            ExtractedDocument(found.data, source, text, uncertain=found.uncertain, medium=medium)
        ]


@dataclass(frozen=True)
class Refusal:
    """A name that is not read, and why (``error``, located). ``listing``: the problem is in
    listing a folder (nothing found in it, a FIFO or a folder too deep in it), not in a name."""

    name: str
    error: JobscreenError
    listing: bool = False

    @property
    def source(self) -> str:
        return self.name  # '-' is never refused


Readable = DataFile | JsonLines | TextDocument
Input = Readable | Refusal
Kind = type[DataFile] | type[JsonLines] | type[TextDocument]


@dataclass(frozen=True)
class Accept:
    """What a command reads: what a folder is searched for, what '-' and each file name are
    read as (by suffix), or why a name is refused."""

    listed: frozenset[str] = DATA_SUFFIXES  # searched for in a folder; none: a folder is a name
    stdin: Kind | None = None  # what '-' is; None: a file named '-'
    jsonl: Kind = DataFile  # a .jsonl or .ndjson file
    text: Kind | str = DataFile  # a .txt or .md file, or why it is refused
    other: Kind = DataFile  # any other file (YAML when unknown: it reads JSON too)
    pdf: str | None = None  # closes the refusal of a PDF or Word file; None: read as others
    documents: bool = False  # PDF and Word files with a reader are read as TextDocuments
    structured: str | None = None  # why a data file is refused (a usage error); None: read
    vocabulary: bool = False  # an organisation's vocabulary file is read (validate) or refused


CV_ADVICE = "save the CV as .docx, PDF, text (.txt) or YAML first"
CVS = Accept(CV_SCAN, JsonLines, JsonLines, TextDocument, DataFile, CV_ADVICE, documents=True)
DATA = Accept(
    DATA_SUFFIXES,
    stdin=DataFile,
    text="plain-text CVs are not validated: `jobscreen extract` shows what is read from one",
    pdf="validate reads YAML and JSON files",
    vocabulary=True,
)
VACANCIES = Accept(DATA_SUFFIXES)
TEXT = Accept(
    frozenset(),  # a folder given is read as a file, which says it is a directory
    TextDocument,
    text=TextDocument,
    other=TextDocument,
    pdf=CV_ADVICE,
    documents=True,
    structured="is already a structured CV: extract reads text, Markdown, PDF and Word CVs",
)


Seen = set[tuple[int, int] | str]  # the files resolved so far: by identity, else by name


def resolve(names: Iterable[str], accept: Accept, seen: Seen | None = None) -> Iterator[Input]:
    """Every input the names stand for, in order: each name itself, or, for a folder, what
    is found under it, each read as ``accept`` says or refused with its reason.

    A file named twice (twice itself, by a link, or itself and under a folder also given)
    is read once, and so is '-': ``seen`` holds the files already given, for a caller that
    resolves its names one at a time."""
    seen = set() if seen is None else seen
    for name in names:
        if not accept.listed:
            if _first(name, seen):
                yield classify(name, accept)
            continue
        for item in scan(name, accept.listed):
            if isinstance(item, str) and item != name and _skipped(item, accept):
                continue  # a folder's vocabulary file is read with its vacancies
            if isinstance(item, str):
                if _first(item, seen):
                    yield classify(item, accept)
            else:
                yield Refusal(item.location.path if item.location else name, item, listing=True)


def _first(name: str, seen: Seen) -> bool:
    """Whether the file ``name`` is not yet among those ``seen`` (then it is, after): the
    same file by its identity (a link to it, another spelling of its name), or the standard
    input again (read once, it is empty the second time)."""
    try:
        info = Path(name).stat() if name != STDIN else None
    except (OSError, ValueError):  # not there, or no file name: a problem of its own later
        info = None
    key = (info.st_dev, info.st_ino) if info else os.path.normpath(Path(name).absolute())
    if key in seen:
        return False
    seen.add(key)
    return True


def classify(name: str, accept: Accept) -> Input:
    """What one file name (never a folder's listing) is read as under ``accept``."""
    if name == STDIN and accept.stdin is not None:
        return accept.stdin(name)
    if is_vocabulary(name) and not accept.vocabulary:
        return Refusal(name, UsageError(f"{name} {NOT_AN_INPUT}"))
    suffix = Path(name).suffix.lower()
    if accept.structured is not None and suffix in DATA_SUFFIXES:
        return Refusal(name, UsageError(f"{name} {accept.structured}"))
    if accept.documents and reader_for(name) is not None:
        return TextDocument(name)
    if accept.pdf is not None and suffix in UNREADABLE_SUFFIXES:
        return _refused(name, f"{suffix} files are not read: {accept.pdf}")
    kind = (
        accept.jsonl
        if suffix in JSONL_SUFFIXES
        else accept.text
        if suffix in TEXT_SUFFIXES
        else accept.other
    )
    return _refused(name, kind) if isinstance(kind, str) else kind(name)


def _skipped(name: str, accept: Accept) -> bool:
    """A file found in a folder that is not read: an organisation's vocabulary, unless the
    command reads it."""
    return is_vocabulary(name) and not accept.vocabulary


def is_vocabulary(name: str) -> bool:
    """Whether a file is an organisation's vocabulary file, by its name."""
    return Path(name).name == VOCABULARY_FILE


def _refused(name: str, why: str) -> Refusal:
    return Refusal(name, InputError(why, Location(name, 1, 1)))


def read(
    item: Input, limits: Limits, phrases: tuple[str, ...] = ()
) -> Iterator[Document | JobscreenError]:
    """Every document of an input, in order, or the error that stopped it (its refusal, or
    an error reading it). A bug met reading one file is that file's error."""
    if isinstance(item, Refusal):
        yield item.error
    elif item.name == STDIN:  # not one file: what goes wrong reading it ends the run
        yield from item.documents(limits, phrases)
    else:
        try:
            with guard(Location(item.name, 1, 1)):
                yield from item.documents(limits, phrases)
        except JobscreenError as exc:
            yield exc


FOLDER_DEPTH = 64  # folders nested deeper below a folder given are reported, never entered
NOT_REGULAR = "not a regular file (a FIFO, device or socket): not read"


def is_folder(name: str) -> bool:
    """Whether an input name is a folder. Never raises: a name the file system cannot even
    look up (too long, a loop of links) is no folder, and reading it says why, located."""
    try:
        return name != STDIN and Path(name).is_dir()
    except OSError:
        return False


def scan(name: str, suffixes: frozenset[str] = DATA_SUFFIXES) -> Iterator[str | InputError]:
    """What one input name stands for: itself (a file, '-'), or, for a folder, every file
    with one of the suffixes found under it, in sorted order, and an error for each thing
    found there that is not read (a FIFO or device, a folder nested too deep).

    :func:`resolve` lists folders with this, so that the files a command reads and the files
    --output may not replace are the same. Hidden files and folders (.git, .venv, .github)
    are skipped, so that `jobscreen validate .` checks a repository's data, not its tools'.
    """
    path = Path(name)
    try:
        folder = name != STDIN and path.is_dir()
    except OSError as exc:  # a name too long for the file system: that input's error
        yield InputError(cannot_read(exc), Location(name, 1, 1))
        return
    if not folder:
        yield name
        return
    found = sorted(walk(str(path), suffixes))
    if not found:
        yield InputError(EMPTY_FOLDER, Location(name, 1, 1))
    for each, why in found:
        yield each if why is None else InputError(why, Location(each, 1, 1))


def _suffix(name: str) -> str:
    """Path(name).suffix, without making a Path: '.yaml' of 'cv.yaml', '' of 'cv.'."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def walk(top: str, suffixes: frozenset[str]) -> Iterator[tuple[str, str | None]]:
    """Files under ``top`` with one of the suffixes, each with why it is not read (else
    None), in no set order; hidden files and folders are skipped.

    Iterative, one os.scandir a folder, which tells files from folders without a further
    look. A symbolic link to a folder is not followed (no loop), and a folder more than
    FOLDER_DEPTH levels below ``top`` is reported, not entered. A folder that cannot be
    listed is given as if it were a file, so that reading it says why, instead of its CVs
    dropping out of a batch unseen.
    """
    folders = [(top, 0)]
    while folders:
        folder, depth = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            yield folder, None
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.path[2:] if folder == "." else entry.path  # "cv.yaml", not "./cv.yaml"
            kind = _kind(entry, suffixes)
            if kind == "folder" and depth < FOLDER_DEPTH:
                folders.append((path, depth + 1))
            elif kind == "folder":
                yield path, f"folder nested more than {FOLDER_DEPTH} levels deep: not searched"
            elif kind is not None:
                yield path, None if kind == "file" else NOT_REGULAR


def _kind(entry: os.DirEntry[str], suffixes: frozenset[str]) -> str | None:
    """'folder' to walk; for a name with one of the suffixes, 'file' to read (a regular one,
    or one whose reading says why not: a broken link) or 'other' (a FIFO, device, socket);
    None for the rest (other names, a symbolic link to a folder)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        if _suffix(entry.name).lower() not in suffixes:
            return None
        if entry.is_file() or not os.path.exists(entry.path):  # noqa: PTH110 - no Path made
            return "file"
        return None if entry.is_dir() else "other"
    except OSError:  # a link loop: reading it says so
        return "file"
