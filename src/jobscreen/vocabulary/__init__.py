"""jobscreen's vocabularies: data files the engine reads, not code.

- ``concepts.yaml``: a SKOS-like thesaurus of what vacancies ask for (diplomacy, mine action,
  anti-racism, programme management ...): preferred and alternative labels in English and
  French, acronyms, broader and related concepts, false friends and a scope note for each.
  A vacancy rule names concepts (``concepts: [diplomacy]``); a concept accepts its own labels
  and those of every narrower concept, never a related one.
- ``contexts.yaml``: phrases that change what a match means: the text is *about* a concept
  rather than practising it ("thesis on"), an organisation *funded* or *partnered* the work
  rather than employing the candidate ("funded by"), or the concept is *negated*.
- ``organisations.yaml``: kinds of employer (ministries of foreign affairs, permanent
  missions, the UN system, NATO ...), their names and case-sensitive acronyms, and the
  qualifiers (international, multilateral, diplomatic, governmental, defence) they imply.
- ``fields.yaml``: fields of study on ISCED-F 2013 (broad, narrow and detailed codes) with the
  names people give their degree's subject.
- ``degrees.yaml``: degree names from many national systems mapped to ISCED 2011 levels.

Their JSON Schemas are in ``schemas/vocabulary/``. :func:`vocabulary` reads them once a
process, from the installed package; the engine takes the result as an argument. An
organisation's own file beside its vacancies is merged over them by
:mod:`jobscreen.orgvocab`, with :func:`build`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the files are trusted package data


@dataclass(frozen=True)
class Concept:
    """One concept: every label that means it in a CV, in any language, and its false friends."""

    id: str
    label: str  # the English preferred label, for explanations
    labels: tuple[str, ...]  # preferred and alternative labels, every language
    acronyms: tuple[str, ...]  # matched only as written
    broader: tuple[str, ...]
    narrower: tuple[str, ...]
    false_friends: tuple[str, ...]
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """Cue phrases that change what a match after them means, and how far they reach."""

    kind: str
    phrases: tuple[str, ...]
    reach: int
    exempt: frozenset[str]  # concepts whose practice this context is ("research on X")
    false_friends: tuple[str, ...]


@dataclass(frozen=True)
class EmployerKind:
    """A kind of employer, the names that make an organisation one, what it implies."""

    id: str
    label: str
    names: tuple[str, ...]
    acronyms: tuple[str, ...]
    implies: tuple[str, ...]
    evidence_for: tuple[str, ...]
    false_friends: tuple[str, ...]


@dataclass(frozen=True)
class Field:
    """A field of study on ISCED-F 2013: its code (2, 3 or 4 digits) and every name for it."""

    code: str
    label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class OrganisationFile:
    """An organisation's own vocabulary file, merged over the package's: where it is, its
    digest, and what it did to each entry it names."""

    path: str
    sha256: str
    changes: dict[str, dict[str, str]]  # section (concepts, kinds, fields) -> id -> change


@dataclass(frozen=True, eq=False)  # one object a process: compared and hashed by identity
class Vocabulary:
    """The concepts, contexts, employer kinds and fields of study a screening matches with,
    and their digest."""

    concepts: dict[str, Concept]
    contexts: dict[str, Context]
    employers: dict[str, EmployerKind]
    fields: dict[str, Field]
    degrees: tuple[dict[str, Any], ...]  # degrees.yaml's entries, read by jobscreen.levels
    sha256: str  # the package's files
    organisation: OrganisationFile | None = None  # merged in, when a vacancy's folder has one

    def accepted(self, concept_id: str) -> tuple[Concept, ...]:
        """The concept and every concept narrower than it, each once, the concept first."""
        seen: dict[str, Concept] = {}
        todo = [concept_id]
        while todo:
            current = todo.pop(0)
            if current not in seen and current in self.concepts:
                seen[current] = self.concepts[current]
                todo.extend(self.concepts[current].narrower)
        return tuple(seen.values())


def _words(entry: Any) -> tuple[str, ...]:
    """Labels from a {language: label or [labels]} mapping (or a plain list), in file order."""
    if entry is None:
        return ()
    if isinstance(entry, dict):
        found: list[str] = []
        for value in entry.values():
            found.extend([value] if isinstance(value, str) else value)
        return tuple(found)
    return tuple(entry)


def _concepts(data: dict[str, Any]) -> dict[str, Concept]:
    raw = data["concepts"]
    narrower: dict[str, list[str]] = {}
    for cid, entry in raw.items():
        for parent in entry.get("broader", ()):
            narrower.setdefault(parent, []).append(cid)
    return {
        cid: Concept(
            cid,
            entry["label"]["en"],
            _words(entry["label"]) + _words(entry.get("alt")),
            tuple(entry.get("acronyms", ())),
            tuple(entry.get("broader", ())),
            tuple(narrower.get(cid, ())),
            _words(entry.get("not")),
            tuple(entry.get("related", ())),
        )
        for cid, entry in raw.items()
    }


def _contexts(data: dict[str, Any]) -> dict[str, Context]:
    return {
        kind: Context(
            kind,
            _words(entry["phrases"]),
            int(entry.get("reach", 3)),
            frozenset(entry.get("except", ())),
            _words(entry.get("not")),
        )
        for kind, entry in data["contexts"].items()
    }


def _employers(data: dict[str, Any]) -> dict[str, EmployerKind]:
    return {
        kind: EmployerKind(
            kind,
            entry["label"]["en"],
            _words(entry.get("names")),
            tuple(entry.get("acronyms", ())),
            tuple(entry.get("implies", ())),
            tuple(entry.get("evidence_for", ())),
            _words(entry.get("not")),
        )
        for kind, entry in data["kinds"].items()
    }


def _fields(data: dict[str, Any]) -> dict[str, Field]:
    return {
        str(code): Field(
            str(code), entry["label"]["en"], _words(entry["label"]) + _words(entry.get("alt"))
        )
        for code, entry in data["fields"].items()
    }


NAMES = ("concepts", "contexts", "organisations", "fields", "degrees")


def _text(name: str) -> str:
    return files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")


@cache
def package_data() -> tuple[dict[str, Any], str]:
    """The package's files as plain data, by name, and their digest. Callers copy before
    changing anything in it."""
    texts = {name: _text(name) for name in NAMES}
    loaded = {name: yaml.load(text, Loader=_LOADER) for name, text in texts.items()}
    digest = hashlib.sha256()
    for name, text in texts.items():
        digest.update(f"{name}\0{len(text)}\0{text}".encode())
    return loaded, digest.hexdigest()


def build(
    loaded: dict[str, Any], sha256: str, organisation: OrganisationFile | None = None
) -> Vocabulary:
    """A vocabulary from the files' data (the package's, or merged with an organisation's)."""
    return Vocabulary(
        _concepts(loaded["concepts"]),
        _contexts(loaded["contexts"]),
        _employers(loaded["organisations"]),
        _fields(loaded["fields"]),
        tuple(loaded["degrees"]["degrees"].values()),
        sha256,
        organisation,
    )


@cache
def vocabulary() -> Vocabulary:
    """The package's vocabulary, read once a process (the files are part of the install)."""
    return build(*package_data())
