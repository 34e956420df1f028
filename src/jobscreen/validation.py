"""Checking files: vacancies and CV summaries, told apart by their content."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jobscreen.errors import JobscreenError, Location
from jobscreen.jsonresume import is_jsonresume
from jobscreen.loading import (
    STDIN,
    Document,
    decode,
    documents_from_text,
    expand_paths,
    kind_of,
    load_documents,
)
from jobscreen.sources import DocumentErrors, candidate_from_document, vacancy_from_document
from jobscreen.yamlsafe import Limits

Kind = Literal["auto", "vacancy", "cv"]
CV_KEYS = frozenset({"experience", "education", "languages", "competencies", "summary", "name"})


@dataclass(frozen=True)
class FileCheck:
    """The outcome of checking one file: what it was taken for, and its problems."""

    source: str
    kind: str
    errors: tuple[JobscreenError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def detect_kind(data: Any) -> str | None:
    """'vacancy' for a mapping with requirements, 'cv' for a CV summary, else None."""
    if not isinstance(data, dict):
        return None
    if "requirements" in data:
        return "vacancy"
    if is_jsonresume(data) or CV_KEYS & data.keys():
        return "cv"
    return None


def _check_document(doc: Document, kind: Kind, count: int) -> tuple[str, list[JobscreenError]]:
    chosen = kind if kind != "auto" else detect_kind(doc.data)
    if chosen is None and not isinstance(doc.data, dict):
        found = "a list" if isinstance(doc.data, list) else "a single value"
        what = f"expected a vacancy or CV summary (a mapping of keys), found {found}"
        return "unknown", [JobscreenError(what, doc.locate(()))]
    if chosen is None:
        what = "neither a vacancy (no 'requirements') nor a CV summary"
        return "unknown", [JobscreenError(what, doc.locate(()))]
    if chosen == "vacancy" and count > 1:
        where = Location(doc.source, 1, 1)
        return "vacancy", [
            JobscreenError(f"a vacancy file holds one document, found {count}", where)
        ]
    try:
        if chosen == "vacancy":
            vacancy_from_document(doc)
        else:
            candidate_from_document(doc)
    except DocumentErrors as exc:
        return chosen, list(exc.errors)
    return chosen, []


def _read(name: str, limits: Limits) -> list[Document]:
    if name == STDIN:
        text = decode(sys.stdin.buffer.read(limits.max_bytes + 1), "<stdin>")
        return documents_from_text(text, "<stdin>", "yaml", limits)
    return load_documents(Path(name), limits)


def check_file(name: str, kind: Kind = "auto", limits: Limits | None = None) -> FileCheck:
    """Every problem of one file (all documents), never raising for bad input."""
    source = "<stdin>" if name == STDIN else name
    try:
        docs = _read(name, limits or Limits())
    except JobscreenError as exc:
        return FileCheck(source, kind if kind != "auto" else "unknown", (exc,))
    kinds, errors = set(), []
    for doc in docs:
        found, problems = _check_document(doc, kind, len(docs))
        kinds.add(found)
        errors.extend(problems)
    return FileCheck(source, "/".join(sorted(kinds)), tuple(errors))


def check_paths(
    paths: Iterable[str], kind: Kind = "auto", limits: Limits | None = None
) -> tuple[FileCheck, ...]:
    """Check files, and data files found under directories, in order."""
    checks = []
    for path in paths:
        try:
            names = list(expand_paths([path]))
        except JobscreenError as exc:
            checks.append(FileCheck(path, "unknown", (exc,)))
            continue
        checks.extend(check_file(n, kind, limits) for n in names if kind_of(Path(n)) != "jsonl")
    return tuple(checks)
