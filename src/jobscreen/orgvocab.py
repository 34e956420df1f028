"""An organisation's own vocabulary: ``jobscreen-vocabulary.yaml`` beside its vacancies.

The file adds concepts and kinds of employer, extends the package's (more labels, acronyms,
false friends, broader, narrower and related links; more names for a field of study) or
replaces one (``replace: true``). It is checked as the package's files are, every problem
located in it, and merged over the package's vocabulary at the I/O boundary: the engine is
given the merged :class:`~jobscreen.vocabulary.Vocabulary` and never reads a file.
"""

from __future__ import annotations

import copy
import hashlib
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, ValidationError

from jobscreen.errors import (
    CONTROL,
    DocumentErrors,
    InputError,
    Location,
    SchemaError,
    UsageError,
    guard,
    printable_name,
)
from jobscreen.inputs import NOT_REGULAR, VOCABULARY_FILE, is_folder
from jobscreen.loading import STDIN, Document, decode, documents_from_text, kind_of, read_bytes
from jobscreen.model import Int, Model
from jobscreen.vocabulary import OrganisationFile, Vocabulary, build, package_data, vocabulary
from jobscreen.yamlsafe import Limits

Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


def _visible(value: Any) -> Any:
    """A label without control or invisible characters (the models' own cleaning stops
    short of a list in a mapping, where labels are)."""
    return CONTROL.sub("", value) if isinstance(value, str) else value


Label = Annotated[
    str,
    StringConstraints(min_length=2, max_length=160, pattern=r"^\S(.*\S)?$"),
    BeforeValidator(_visible),  # wraps the constraints: it runs first
]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Acronym = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9&./-]*[A-Z][A-Za-z0-9&./-]*$", max_length=20)
]
Note = Annotated[str, StringConstraints(min_length=10, max_length=600, pattern=r"^\S(.*\S)?$")]
Code = Annotated[str, StringConstraints(pattern=r"^[0-9]{2,4}$")]
Qualifier = Literal["international", "multilateral", "diplomatic", "governmental", "defence"]
Labels = dict[Language, list[Label]]

REPLACE = "Replace the package's entry of this id rather than extend it."
PREFERRED = "The preferred label in each language, English at least: for a new or replaced entry."


class _Entry(Model):
    """What a concept and a kind of employer both have."""

    replace: bool = Field(False, description=REPLACE)
    label: dict[Language, Label] | None = Field(None, description=PREFERRED)
    acronyms: list[Acronym] | None = Field(None, description="Acronyms, matched as written.")
    not_: Labels | None = Field(None, alias="not", description="False friends by language.")
    note: Note | None = Field(None, description="Scope note, for people.")


class ConceptEntry(_Entry):
    """A concept to add, to extend (its id is the package's) or to replace (replace: true)."""

    alt: Labels | None = Field(None, description="Alternative labels by language.")
    broader: list[Id] | None = Field(None, description="Broader concepts.")
    narrower: list[Id] | None = Field(None, description="Concepts to make narrower than it.")
    related: list[Id] | None = Field(None, description="Related concepts (never a substitute).")


class KindEntry(_Entry):
    """A kind of employer to add, extend or replace (replace: true)."""

    names: Labels | None = Field(None, description="Names by language, found in an employer's.")
    implies: list[Qualifier] | None = Field(None, description="Qualifiers a post there has.")
    evidence_for: list[Id] | None = Field(None, description="Concepts a post there shows.")


class FieldEntry(Model):
    """More names for a field of study of fields.yaml (ISCED-F codes are fixed)."""

    alt: Labels = Field(description="Other names of the field, by language.")


class OrganisationVocabulary(Model):
    """An organisation's vocabulary file, merged over the package's."""

    version: Int = Field(ge=1, le=1, description="Format version of the file: 1.")
    concepts: dict[Id, ConceptEntry] = Field(default_factory=dict, description="By id.")
    kinds: dict[Id, KindEntry] = Field(default_factory=dict, description="Employer kinds.")
    fields: dict[Code, FieldEntry] = Field(default_factory=dict, description="By ISCED-F code.")


SECTIONS = {"concepts": "concepts", "kinds": "organisations", "fields": "fields"}
PACKAGE_KEY = {"concepts": "concepts", "organisations": "kinds", "fields": "fields"}
LISTS = ("acronyms", "broader", "related", "implies", "evidence_for")
BY_LANGUAGE = ("alt", "names", "not")
NEW_NEEDS = {"concepts": ("label",), "kinds": ("label", "names")}
Loc = tuple[str | int, ...]
KEY_RULE = "an id: lowercase letters and digits, in words joined by hyphens"
LANGUAGE_RULE = "a language code: two lowercase letters (ISO 639-1: en, fr)"
Problem = tuple[Loc, str]


def vocabulary_beside(vacancy_path: str | Path, limits: Limits | None = None) -> Vocabulary:
    """The vocabulary a vacancy is matched with: the package's, merged with the organisation's
    file in the vacancy's folder when there is one; DocumentErrors when that file is wrong."""
    path = Path(vacancy_path).parent / VOCABULARY_FILE
    if str(vacancy_path) in (STDIN, "<stdin>") or not (path.exists() or path.is_symlink()):
        return vocabulary()
    if path.exists() and not (path.is_file() or path.is_dir()):  # never opened: no writer
        raise InputError(NOT_REGULAR, Location(str(path), 1, 1))
    with guard(Location(str(path), 1, 1)):  # a bug met reading it is its error
        return load(str(path), limits)


def shared_vocabulary(names: Iterable[str], more: Iterable[Vocabulary] = ()) -> Vocabulary:
    """The one vocabulary of vacancy files and folders (and of ``more``): the package's,
    merged with their organisation's file; a UsageError when they have different ones."""
    found = [vocabulary_beside(Path(n) / "-" if is_folder(n) else n) for n in names]
    own = {v.organisation.path: v for v in [*found, *more] if v.organisation is not None}
    if len(own) > 1:
        listed = ", ".join(printable_name(p) for p in own)
        raise UsageError(f"the vacancies have different vocabularies ({listed}): name one folder")
    return next(iter(own.values()), vocabulary())


def load(path: str, limits: Limits | None = None) -> Vocabulary:
    """An organisation's file merged over the package's vocabulary (DocumentErrors: every
    problem, located); cached by its name and content, so two folders never mix."""
    limits = limits or Limits()
    raw = read_bytes(Path(path), limits.max_bytes, limits.hint("max-bytes"))
    return _merged(path, raw, limits)


@lru_cache(maxsize=32)
def _merged(path: str, raw: bytes, limits: Limits) -> Vocabulary:
    docs = documents_from_text(decode(raw, path), path, kind_of(Path(path)), limits)
    if len(docs) != 1:
        found = f"holds one YAML document, found {len(docs)}"
        raise DocumentErrors([SchemaError(f"a vocabulary file {found}", Location(path, 1, 1))])
    file = _validated(docs[0])
    loaded, sha256 = package_data()
    merged = copy.deepcopy(loaded)
    changes = _merge(file, merged)
    problems = _problems(file, merged, changes)
    if problems:
        raise DocumentErrors([SchemaError(why, docs[0].locate(loc)) for loc, why in problems])
    digest = hashlib.sha256(raw).hexdigest()
    return build(merged, sha256, OrganisationFile(path, digest, changes))


def _validated(doc: Document) -> OrganisationVocabulary:
    from jobscreen.sources import not_mapping, schema_errors

    if not isinstance(doc.data, dict):
        raise DocumentErrors([not_mapping(doc, "an organisation's vocabulary")])
    try:
        return OrganisationVocabulary.model_validate(doc.data)
    except ValidationError as exc:
        raise DocumentErrors(schema_errors(exc, doc, describe=_described)) from None


def _described(error: Any) -> tuple[str, bool]:
    """An id or code that is not one is named at its key; the rest as any file's."""
    from jobscreen.sources import describe_error

    loc = error["loc"]
    if loc and loc[-1] == "[key]" and len(loc) >= 2:
        what = "a code of fields.yaml" if loc[0] == "fields" else KEY_RULE
        if len(loc) >= 5 and loc[-3] in ("label", *BY_LANGUAGE):  # a language's key
            what = LANGUAGE_RULE
        return f"{loc[-2]!r} is not {what}", True
    return describe_error(error)


def _dumped(file: OrganisationVocabulary, section: str) -> dict[str, dict[str, Any]]:
    """A section's entries as written (with 'not', not 'not_'), without what is unset."""
    entries: dict[str, Any] = getattr(file, section)
    return {
        key: entry.model_dump(by_alias=True, exclude_none=True, exclude={"replace"})
        for key, entry in entries.items()
    }


# --- merging ------------------------------------------------------------------------------


def _merge(file: OrganisationVocabulary, merged: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Merge each section's entries into the package's data; what happened to each id."""
    changes: dict[str, dict[str, str]] = {}
    for section, name in SECTIONS.items():
        target = merged[name][PACKAGE_KEY[name]]
        changes[section] = {}
        for key, written in _dumped(file, section).items():
            replace = getattr(getattr(file, section)[key], "replace", False)
            changes[section][key] = _merge_entry(target, key, written, replace)
    for parent, concept_entry in file.concepts.items():  # narrower: the child's broader
        for child in concept_entry.narrower or ():
            concept = merged["concepts"]["concepts"].get(child)
            if concept is not None:
                concept["broader"] = _union(concept.get("broader", []), [parent])
                changes["concepts"].setdefault(child, "extended")
    return changes


def _merge_entry(target: dict[str, Any], key: str, entry: dict[str, Any], replace: bool) -> str:
    entry = {k: v for k, v in entry.items() if k != "narrower"}
    if key not in target or replace:
        change = "replaced" if key in target else "added"
        target[key] = entry
        return change
    base = target[key]
    for field, value in entry.items():
        if field in LISTS:
            base[field] = _union(base.get(field, []), value)
        elif field in BY_LANGUAGE:
            into = base.setdefault(field, {})
            for language, words in value.items():
                into[language] = _union(into.get(language, []), words)
    return "extended"


def _union(first: list[Any], second: list[Any]) -> list[Any]:
    return list(dict.fromkeys([*first, *second]))


# --- checks the schema cannot make ---------------------------------------------------------


def _problems(
    file: OrganisationVocabulary, merged: dict[str, Any], changes: dict[str, dict[str, str]]
) -> list[Problem]:
    concepts = merged["concepts"]["concepts"]
    return [
        *_shape_problems(file, changes),
        *_link_problems(file, concepts),
        *cycle_problems(file, concepts),
        *_label_problems(file, concepts),
        *_false_friend_problems(file, concepts),
    ]


def _shape_problems(
    file: OrganisationVocabulary, changes: dict[str, dict[str, str]]
) -> Iterator[Problem]:
    """A new entry has what the package's must; an extension never redefines; a replacement
    replaces something; a field of study is one fields.yaml has."""
    for section, needs in NEW_NEEDS.items():
        for key, entry in getattr(file, section).items():
            if changes[section][key] == "added" and entry.replace:
                yield (section, key, "replace"), f"nothing to replace: no {section[:-1]} {key!r}"
            elif changes[section][key] != "extended":
                yield from _needs(section, key, entry, needs)
            elif "label" in entry.model_fields_set:
                why = f"{key!r} has a preferred label: add 'alt' labels, or give 'replace: true'"
                yield (section, key, "label"), why
    for code in file.fields:
        if changes["fields"][code] == "added":
            yield ("fields", code), f"no field of study {code!r} in fields.yaml (ISCED-F 2013)"


def _needs(section: str, key: str, entry: Any, needs: tuple[str, ...]) -> Iterator[Problem]:
    for need in needs:
        value = getattr(entry, need)
        if not value or "en" not in value:
            what = f"a new or replaced {section[:-1]} needs {need!r} with at least 'en'"
            yield ((section, key, need) if value else (section, key)), what


def _link_problems(file: OrganisationVocabulary, concepts: dict[str, Any]) -> Iterator[Problem]:
    """Every concept id the file names is a concept of the merged vocabulary."""
    for section in ("concepts", "kinds"):
        for key, entry in getattr(file, section).items():
            for field in ("broader", "narrower", "related", "evidence_for"):
                for index, name in enumerate(getattr(entry, field, None) or ()):
                    if name not in concepts:
                        yield (section, key, field, index), f"unknown concept {name!r}"


def cycle_problems(file: OrganisationVocabulary, concepts: dict[str, Any]) -> Iterator[Problem]:
    """A broader (or narrower) link the file adds that closes a loop, at that link: one whose
    two ends are in one strongly connected set of the broader links (found once, in linear
    time; a long chain is no slower to check than its length)."""
    up = {
        cid: [p for p in concept.get("broader", ()) if p in concepts]
        for cid, concept in concepts.items()
    }
    loops = _loops(up)
    for key, entry in file.concepts.items():
        links = [("broader", i, key, p) for i, p in enumerate(entry.broader or ())]
        links += [("narrower", i, c, key) for i, c in enumerate(entry.narrower or ())]
        for field, index, child, parent in links:
            if child == parent or (child in loops and loops[child] is loops.get(parent)):
                why = f"broader links make a loop: {_loop(child, parent, up, loops)}"
                yield ("concepts", key, field, index), why


LOOP_SHOWN = 8  # the concepts of a loop named in full; a longer one is told by its length


def _loop(child: str, parent: str, up: dict[str, list[str]], loops: dict[str, set[str]]) -> str:
    """The loop a link closes, 'child > parent > ... > child', shortest first."""
    members = {child} if child == parent else loops[child]
    if len(members) > LOOP_SHOWN:
        return f"{child} > {parent} > … > {child} ({len(members)} concepts)"
    came_from: dict[str, str] = {}
    todo = deque([parent])
    while todo and (current := todo.popleft()) != child:
        for above in up[current]:
            if above in members and above not in came_from:
                came_from[above] = current
                todo.append(above)
    path = [child]
    while path[-1] != parent:
        path.append(came_from[path[-1]])
    return " > ".join([child, *reversed(path)])


def _loops(up: dict[str, list[str]]) -> dict[str, set[str]]:
    """Each concept in a loop of broader links, with the set of concepts in its loop
    (Tarjan's strongly connected components, without recursion)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    found: dict[str, set[str]] = {}
    for root in up:
        if root not in order:
            _walk(root, up, order, low, found)
    return {cid: members for cid, members in found.items() if len(members) > 1}


def _walk(
    root: str,
    up: dict[str, list[str]],
    order: dict[str, int],
    low: dict[str, int],
    found: dict[str, set[str]],
) -> None:
    """Tarjan's depth-first walk from ``root``, with its own stack of work."""
    stack: list[str] = []
    work: list[tuple[str, Iterator[str]]] = []

    def enter(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        work.append((node, iter(up[node])))

    enter(root)
    while work:
        node, parents = work[-1]
        for above in parents:
            if above not in order:
                enter(above)
                break
            if above not in found:  # on the stack: in the component being walked
                low[node] = min(low[node], order[above])
        else:
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == order[node]:
                _close(node, stack, found)


def _close(node: str, stack: list[str], found: dict[str, set[str]]) -> None:
    """Pop the component rooted at ``node`` off the stack; each member names it."""
    members: set[str] = set()
    member = ""
    while member != node:
        member = stack.pop()
        members.add(member)
        found[member] = members


def _key(phrase: str) -> str:
    """A phrase as matching sees it: case, hyphens and spacing ignored."""
    return " ".join(phrase.lower().replace("-", " ").split())


def _label_problems(file: OrganisationVocabulary, concepts: dict[str, Any]) -> Iterator[Problem]:
    """A label or acronym the file gives that another concept, not linked to it, has too."""
    owners = _owners(concepts)
    for key, entry in file.concepts.items():
        for loc, label, acronym in _given_labels(key, entry):
            if not any(char.isalnum() for char in label):
                yield loc, f"label {label!r} has no letter or digit: it would never match"
                continue
            word = label if acronym else _key(label)
            others = sorted(o for o in owners[acronym].get(word, ()) if o != key)
            clash = [o for o in others if not _linked(key, o, concepts)]
            if clash:
                what = "acronym" if acronym else "label"
                why = f"{what} {label!r} is also {clash[0]!r}'s"
                yield loc, f"{why}: link the two concepts (broader or related) or drop it"


def _owners(concepts: dict[str, Any]) -> dict[bool, dict[str, set[str]]]:
    """Who has each label (False: by its matching key) and each acronym (True: as written)."""
    owners: dict[bool, dict[str, set[str]]] = {False: defaultdict(set), True: defaultdict(set)}
    for cid, concept in concepts.items():
        for label in _labels_of(concept):
            owners[False][_key(label)].add(cid)
        for acronym in concept.get("acronyms", ()):
            owners[True][acronym].add(cid)
    return owners


def _labels_of(concept: dict[str, Any]) -> list[str]:
    """A concept's preferred and alternative labels, every language."""
    return [*concept.get("label", {}).values(), *_flat(concept.get("alt"))]


def _flat(by_language: dict[str, list[str]] | None) -> list[str]:
    return [word for words in (by_language or {}).values() for word in words]


def _given_labels(key: str, entry: ConceptEntry) -> Iterator[tuple[Loc, str, bool]]:
    """The labels and acronyms an entry of the file gives, each with its place."""
    for language, label in (entry.label or {}).items():
        yield ("concepts", key, "label", language), label, False
    for language, words in (entry.alt or {}).items():
        for index, word in enumerate(words):
            yield ("concepts", key, "alt", language, index), word, False
    for index, acronym in enumerate(entry.acronyms or ()):
        yield ("concepts", key, "acronyms", index), acronym, True


def _linked(a: str, b: str, concepts: dict[str, Any]) -> bool:
    """Whether two concepts are declared broader or related, either way."""
    ca, cb = concepts[a], concepts[b]
    return any(b in ca.get(f, []) or a in cb.get(f, []) for f in ("broader", "related"))


def _false_friend_problems(
    file: OrganisationVocabulary, concepts: dict[str, Any]
) -> Iterator[Problem]:
    """A label and a false friend of one concept that are the same words: the label would
    never match. Named at what the file gave: the label, else the false friend."""
    for key, entry in file.concepts.items():
        friends = {_key(word) for word in _flat(concepts[key].get("not"))}
        clashes = set()
        for loc, label, acronym in _given_labels(key, entry):
            if not acronym and _key(label) in friends:
                clashes.add(_key(label))
                why = f"label {label!r} is also one of {key!r}'s false friends (not)"
                yield loc, f"{why}: it would never match"
        labels = {_key(label) for label in _labels_of(concepts[key])} - clashes
        yield from _friends_in(key, entry, labels)


def _friends_in(key: str, entry: ConceptEntry, labels: set[str]) -> Iterator[Problem]:
    """The false friends an entry gives that are among ``labels`` (matching keys)."""
    for language, words in (entry.not_ or {}).items():
        for index, word in enumerate(words):
            if _key(word) in labels:
                why = f"false friend {word!r} is also one of {key!r}'s labels: that label"
                yield ("concepts", key, "not", language, index), f"{why} would never match"
