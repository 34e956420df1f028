"""Checking files: vacancies and CV summaries, told apart by their content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from jobscreen.errors import DocumentErrors, JobscreenError, Location, Problem, guard
from jobscreen.inputs import DATA, VOCABULARY_FILE, DataFile, Input, Refusal, is_vocabulary, resolve
from jobscreen.jsonresume import is_jsonresume
from jobscreen.lint import Finding, lint
from jobscreen.loading import Document, Record
from jobscreen.orgvocab import load, vocabulary_beside
from jobscreen.sources import (
    candidate_from_document,
    not_mapping,
    vacancy_from_document,
)
from jobscreen.vacancy import Vacancy
from jobscreen.vocabulary import Vocabulary
from jobscreen.yamlsafe import Limits

Kind = Literal["auto", "vacancy", "cv"]
CV_KEYS = frozenset({"experience", "education", "languages", "competencies", "summary", "name"})


@dataclass(frozen=True)
class LintOptions:
    """How valid vacancies are linted: the date for JS104, codes to skip, strictness."""

    as_of: dt.date | None = None
    ignore: frozenset[str] = field(default_factory=frozenset)
    strict: bool = False


@dataclass(frozen=True)
class FileCheck:
    """The outcome of checking one file: what it was taken for, its problems and warnings."""

    source: str
    kind: str
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()  # lint findings: severity "warning", a JS1xx code

    @property
    def ok(self) -> bool:
        return not self.errors

    def strict(self) -> FileCheck:
        """The same check with every warning turned into an error."""
        promoted = tuple(replace(w, severity="error") for w in self.warnings)
        return replace(self, errors=self.errors + promoted, warnings=())


def detect_kind(data: Any) -> str | None:
    """'vacancy' for a mapping with requirements, 'cv' for a CV summary, else None."""
    if not isinstance(data, dict):
        return None
    if "requirements" in data:
        return "vacancy"
    if is_jsonresume(data) or CV_KEYS & data.keys():
        return "cv"
    return None


Outcome = tuple[str, list[JobscreenError], list[Problem]]


def _check_document(doc: Document, kind: Kind, count: int, options: LintOptions) -> Outcome:
    """What a document was taken for, its errors and, for a valid vacancy, its lint warnings."""
    chosen, errors = _classify(doc, kind, count)
    if errors:
        return chosen, errors, []
    try:
        if chosen == "vacancy":
            vacancy = vacancy_from_document(doc, vocab=_vocabulary_of(doc))
            return chosen, [], lint_warnings(vacancy, doc, options)
        candidate_from_document(doc, options.as_of)
    except DocumentErrors as exc:
        return chosen, list(exc.errors), []
    return chosen, [], []


def _vocabulary_of(doc: Document) -> Vocabulary:
    """The vocabulary a vacancy document is checked with: its folder's; DocumentErrors with
    one error, on the vacancy, when that folder's vocabulary file is wrong (validating it
    lists why)."""
    try:
        return vocabulary_beside(doc.source)
    except JobscreenError as exc:
        where = exc.location.path if exc.location else VOCABULARY_FILE
        why = f"not checked: the vocabulary beside it, {where}, has errors"
        if not Path(where).is_file():  # a folder or a FIFO: no check of it says why
            why = f"not checked: the vocabulary beside it, {exc}"
        raise DocumentErrors([JobscreenError(why, Location(doc.source, 1, 1))]) from None


def _check_vocabulary(item: DataFile) -> FileCheck:
    """An organisation's vocabulary file: every problem, located."""
    try:
        with guard(Location(item.source, 1, 1)):
            load(item.name)
    except JobscreenError as exc:
        return FileCheck(item.source, "vocabulary", tuple(exc.problems()))
    return FileCheck(item.source, "vocabulary")


def lint_warnings(vacancy: Vacancy, doc: Document, options: LintOptions) -> list[Problem]:
    """The lint findings of a valid vacancy, located in its document, in file order."""
    found = [
        Problem(_placed(f, doc), f.message, "warning", f.code)
        for f in lint(vacancy, options.as_of, doc.text)
        if f.code not in options.ignore
    ]
    return sorted(found, key=_place)


def _placed(finding: Finding, doc: Document) -> Location:
    """Where a finding points in its document: its model loc, or its place in the text."""
    if finding.position is None:
        return doc.locate(finding.loc)
    line, column = finding.position
    return Location(doc.source, doc.line_offset + line, column)


def _classify(doc: Document, kind: Kind, count: int) -> tuple[str, list[JobscreenError]]:
    """The kind a document is checked as, or the error that stops it being checked."""
    chosen = kind if kind != "auto" else detect_kind(doc.data)
    if chosen is None and not isinstance(doc.data, dict):
        return "unknown", [not_mapping(doc, "a vacancy or CV summary")]
    if chosen is None:
        what = "neither a vacancy (no 'requirements') nor a CV summary"
        return "unknown", [JobscreenError(what, doc.locate(()))]
    if chosen == "vacancy" and count > 1:
        where = Location(doc.source, 1, 1)
        return "vacancy", [
            JobscreenError(f"a vacancy file holds one document, found {count}", where)
        ]
    return chosen, []


def check_input(
    item: Input,
    kind: Kind = "auto",
    limits: Limits | None = None,
    options: LintOptions | None = None,
) -> FileCheck:
    """Every problem and lint warning of one input, or why it is not read."""
    if isinstance(item, Refusal) and item.listing:  # nothing named: no kind to give it
        return FileCheck(item.name, "unknown", (item.error.problem(),))
    if isinstance(item, DataFile) and is_vocabulary(item.name):
        return _check_vocabulary(item)
    source = item.source
    options = options or LintOptions()
    if kind == "auto" and isinstance(item, DataFile) and item.kind == "jsonl":
        kind = "cv"  # JSON Lines hold CVs, one a line
    try:
        with guard(Location(source, 1, 1)):  # a bug met checking the file is its error
            if isinstance(item, Refusal):
                raise item.error
            check = _checked(source, list(item.documents(limits or Limits())), kind, options)
    except JobscreenError as exc:
        return FileCheck(source, kind if kind != "auto" else "unknown", (exc.problem(),))
    return check.strict() if options.strict else check


def _checked(source: str, docs: list[Record], kind: Kind, options: LintOptions) -> FileCheck:
    """A file's check from its documents: every error and warning, one line each."""
    kinds, errors, warnings = set(), [], []
    for doc in docs:
        if isinstance(doc, JobscreenError):  # a broken JSON Lines record
            kinds.add("cv")
            errors.append(doc)
            continue
        found, problems, advice = _check_document(doc, kind, len(docs), options)
        kinds.add(found)
        errors.extend(problems)
        warnings.extend(advice)
    unique = {str(e): e.problem() for e in errors}  # one line per problem, not per document
    ordered = tuple(sorted(unique.values(), key=_place))  # in file order
    return FileCheck(source, "/".join(sorted(kinds)), ordered, tuple(warnings))


def _place(problem: Problem) -> tuple[int, int]:
    loc = problem.location
    return (loc.line or 0, loc.column or 0) if loc else (0, 0)


def check_paths(
    paths: Iterable[str],
    kind: Kind = "auto",
    limits: Limits | None = None,
    options: LintOptions | None = None,
) -> tuple[FileCheck, ...]:
    """Check files, and data files found under directories (hidden ones skipped), in order."""
    return tuple(check_input(item, kind, limits, options) for item in resolve(paths, DATA))
