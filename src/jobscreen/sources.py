"""Inputs to models: vacancies and CV summaries, each error located in its file.

A batch never stops at a bad file: :func:`load_candidates` yields a :class:`Candidate` or a
list of errors for every document it is given, in order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from jobscreen.cv import CVFile, Declaration, Identity, Profile
from jobscreen.errors import (
    DocumentErrors,
    InputError,
    JobscreenError,
    Location,
    Problem,
    SchemaError,
    UsageError,
    guard,
    printable_name,
)
from jobscreen.inputs import (
    CVS,
    NOT_AN_INPUT,
    VACANCIES,
    ExtractedDocument,
    Refusal,
    is_vocabulary,
    read,
    resolve,
)
from jobscreen.jsonresume import from_jsonresume, is_jsonresume, original_loc, shape_problems
from jobscreen.limits import FIXED_LIMITS
from jobscreen.loading import STDIN, Document, decode, documents_from_text, kind_of, read_bytes
from jobscreen.results import EXTRACTED_ORIGIN
from jobscreen.vacancy import Vacancy, semantic_problems
from jobscreen.vocabulary import Vocabulary
from jobscreen.yamlsafe import Limits

M = TypeVar("M", bound=BaseModel)

# the bounds validate applies by default; fixed for a vacancy read by score, explain, match...
VACANCY_LIMITS = FIXED_LIMITS


@dataclass(frozen=True)
class Candidate:
    """A loaded CV: its key and source, identity (never scored) and profile (scored)."""

    key: str
    source: str
    identity: Identity
    profile: Profile
    sha256: str
    origin: str = "native"
    uncertain: frozenset[tuple[str, int]] = frozenset()  # entries an extraction doubts
    declarations: Mapping[str, Declaration] = field(default_factory=dict)  # never scored


@dataclass(frozen=True)
class Failed:
    """An input that could not become a candidate, with every problem found in it (each
    with the candidate id a record gave, when it parsed as far as that)."""

    source: str
    errors: tuple[Problem, ...]


def describe_error(error: Any) -> tuple[str, bool]:
    """A one-line message for a pydantic error, and whether it points at a key."""
    kind, loc, msg = error["type"], error["loc"], error["msg"]
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind == "extra_forbidden":
        return f"unknown key {name!r}", True
    if kind == "missing":
        return f"missing required key {name!r}", False
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return f"unknown kind {ctx.get('tag')!r}; expected one of {ctx.get('expected_tags')}", False
    if kind == "union_tag_not_found":
        return "missing required key 'kind'", False
    msg = msg.removeprefix("Value error, ")
    return f"{name}: {msg[:1].lower()}{msg[1:]}", False


def schema_errors(
    exc: ValidationError, doc: Document, translate: Any = None, describe: Any = None
) -> list[JobscreenError]:
    """Every pydantic error of a document as a located SchemaError (``describe``: how each
    is worded, as describe_error does by default)."""
    found: list[JobscreenError] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if translate is not None:  # name and place the file's own keys, not the mapped ones
            loc = translate(loc)
        message, at_key = (describe or describe_error)({**error, "loc": loc})
        found.append(SchemaError(message, doc.locate(loc, at_key=at_key)))
    return found


def validate_document(model: type[M], data: Any, doc: Document) -> M:
    """Validate data against a model, raising the first located error."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DocumentErrors(schema_errors(exc, doc)) from None


def not_mapping(doc: Document, what: str) -> JobscreenError:
    """The error of a document that is not a mapping where ``what`` was expected."""
    kind = "a list" if isinstance(doc.data, list) else "a single value"
    return SchemaError(f"expected {what} (a mapping of keys), found {kind}", doc.locate(()))


def vacancy_from_document(doc: Document, vocab: Vocabulary | None = None) -> Vacancy:
    """A vacancy from a parsed document, or DocumentErrors with every problem located; the
    concepts and employers it names are looked up in ``vocab`` (default: the package's)."""
    if not isinstance(doc.data, dict):
        raise DocumentErrors([not_mapping(doc, "a vacancy")])
    vacancy = validate_document(Vacancy, doc.data, doc)
    problems = semantic_problems(vacancy, vocab)
    if problems:
        raise DocumentErrors([SchemaError(msg, doc.locate(loc)) for loc, msg in problems])
    return vacancy


def load_vacancy(path: str | Path, limits: Limits = VACANCY_LIMITS) -> Vacancy:
    """Read one vacancy file; raises a JobscreenError (DocumentErrors for several).

    The vacancy alone: to match with the organisation's vocabulary file beside it, as
    `score` does, read it with :func:`read_vacancy_file` and give ``screen`` its vocabulary.
    """
    return read_vacancy_file(path, limits).vacancy


@dataclass(frozen=True)
class VacancyFile:
    """A vacancy as read from its file: the SHA-256 of its bytes (for decision records) and
    the vocabulary it is matched with (the package's, merged with its folder's own)."""

    path: str
    vacancy: Vacancy
    sha256: str
    vocabulary: Vocabulary


def read_vacancy_file(path: str | Path, limits: Limits = VACANCY_LIMITS) -> VacancyFile:
    """A vacancy, its digest and its vocabulary; the organisation's vocabulary file beside it
    is read first, and its errors are the vacancy's."""
    from jobscreen.orgvocab import vocabulary_beside

    if is_vocabulary(str(path)):
        raise UsageError(f"{path} {NOT_AN_INPUT}")
    vocab = vocabulary_beside(path)
    with guard(Location(str(path), 1, 1)):  # a bug met reading it is its error
        vacancy, sha256 = _read_vacancy(path, limits, vocab)
    return VacancyFile(str(path), vacancy, sha256, vocab)


def _read_vacancy(path: str | Path, limits: Limits, vocab: Vocabulary) -> tuple[Vacancy, str]:
    raw = read_bytes(Path(path), limits.max_bytes, limits.hint("max-bytes"))
    text = decode(raw, str(path))
    docs = documents_from_text(text, str(path), kind_of(Path(path)), limits)
    where = Location(str(path), 1, 1)
    if not docs:  # a JSON Lines file of blank lines
        raise InputError("empty file", where)
    if len(docs) > 1:
        raise InputError(f"a vacancy file holds one YAML document, found {len(docs)}", where)
    return vacancy_from_document(docs[0], vocab=vocab), hashlib.sha256(raw).hexdigest()


def read_vacancies(names: Iterable[str]) -> tuple[list[VacancyFile], list[JobscreenError]]:
    """Every vacancy in the files and folders named, and every problem met: one broken
    vacancy (or empty folder) never loses the others."""
    loaded: list[VacancyFile] = []
    problems: list[JobscreenError] = []
    for item in resolve(names, VACANCIES):
        if isinstance(item, Refusal):
            problems.append(item.error)
            continue
        try:
            loaded.append(read_vacancy_file(item.name))
        except JobscreenError as exc:
            problems.extend(exc.every())
    # a folder's broken vocabulary is every vacancy's error there: say it once
    return loaded, list({str(e): e for e in problems}.values())


def _candidate_key(given: str | None, doc: Document, stem: str) -> str:
    """The CV's own id, else its file's stem (with the line or document number)."""
    if given and given.strip():
        return given.strip()
    if doc.record:
        return f"{stem}:{doc.line_offset + 1}"
    return f"{stem}#{doc.index + 1}" if doc.index else stem


def _stem(source: str) -> str:
    """A file's name less its suffix; 'x.resume.json' (JSON Resume's convention) gives 'x'.

    Control characters in the name are shown as codes, and bytes that are not UTF-8 as
    backslash escapes: the stem is the candidate's id, shown in tables and terminals (an id
    written in the CV is cleaned likewise), and a table measures the text it is given.
    """
    if source == STDIN:
        return "stdin"
    stem = Path(source).stem.removesuffix(".resume") or Path(source).stem
    return printable_name(stem).encode("utf-8", "backslashreplace").decode("utf-8")


def candidate_from_document(doc: Document, today: dt.date | None = None) -> Candidate:
    """A candidate from a parsed document (native or JSON Resume), or DocumentErrors.

    With ``today``, a post starting after it is an error (a slip in the CV, not a plan).
    """
    if not isinstance(doc.data, dict):
        raise DocumentErrors([not_mapping(doc, "a CV summary")])
    data, origin, translate = doc.data, "native", None
    if is_jsonresume(data):
        if problems := shape_problems(data):
            raise DocumentErrors([SchemaError(why, doc.locate(loc)) for loc, why in problems])
        data, origins = from_jsonresume(data)
        origin = "jsonresume"

        def translate(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
            return original_loc(loc, origins)

    try:
        cv = CVFile.model_validate(data, context={"today": today})
    except ValidationError as exc:
        raise DocumentErrors(schema_errors(exc, doc, translate)) from None
    identity, profile = cv.split()
    stem = _stem(doc.source)
    # one file's documents each get their own digest (and so their own blind key)
    hashed = doc.text if not doc.index else f"document {doc.index + 1}\n{doc.text}"
    digest = hashlib.sha256(hashed.encode("utf-8")).hexdigest()
    key = _candidate_key(cv.id, doc, stem)  # the validated id: cleaned, like all text
    if isinstance(doc, ExtractedDocument):
        origin = EXTRACTED_ORIGIN[doc.medium]
        uncertain = doc.uncertain
    else:
        uncertain = frozenset()
    return Candidate(key, doc.label, identity, profile, digest, origin, uncertain, cv.declarations)


def load_candidates(
    names: Iterable[str],
    limits: Limits | None = None,
    today: dt.date | None = None,
    phrases: tuple[str, ...] = (),
) -> Iterator[Candidate | Failed]:
    """Every CV document under the given files, directories or '-', in order, never stopping.

    Plain-text and Markdown CVs are extracted on the fly; ``phrases`` are the competency
    phrases the extractor looks for (the vacancy's).
    """
    for item in iter_documents(names, limits or Limits(), phrases):
        yield to_candidate(item, today)


def iter_documents(
    names: Iterable[str], limits: Limits, phrases: tuple[str, ...] = ()
) -> Iterator[Document | JobscreenError]:
    """Every CV document under the given names, in order, or the error that stopped one."""
    for item in resolve(names, CVS):
        yield from read(item, limits, phrases)


def to_candidate(item: Document | JobscreenError, today: dt.date | None) -> Candidate | Failed:
    """A candidate, or a failure holding every problem: from a file's error, a broken JSON
    Lines record, a document that does not fit the model, or a bug met on the document."""
    try:
        return _candidate(item, today)
    except JobscreenError as exc:
        if not isinstance(item, Document):
            return Failed(exc.location.path if exc.location else "", (exc.problem(),))
        return Failed(item.label, tuple(exc.problems(item.label, given_id(item.data))))


def _candidate(item: Document | JobscreenError, today: dt.date | None) -> Candidate:
    """A candidate from a document, or the JobscreenError that stops it (a bug met on the
    document is its InternalError)."""
    if isinstance(item, JobscreenError):
        raise item
    with guard(item.start):
        return candidate_from_document(item, today)


def given_id(data: object) -> str | None:
    """The candidate id a document gives (a string under ``id``), else None."""
    given = data.get("id") if isinstance(data, dict) else None
    return given if isinstance(given, str) else None


def load_cv(
    path: str | Path,
    limits: Limits | None = None,
    today: dt.date | None = None,
    phrases: tuple[str, ...] = (),
) -> Candidate:
    """Read a file holding one CV; raises DocumentErrors with every problem."""
    items = iter_documents([str(path)], limits or Limits(), phrases)
    for item in items:
        try:
            candidate = _candidate(item, today)
        except JobscreenError as exc:
            raise DocumentErrors(exc.every()) from None
        if next(items, None) is not None:
            raise InputError("holds several CVs; give one CV", Location(str(path), 1, 1))
        return candidate
    raise InputError("no CV found", Location(str(path)))
