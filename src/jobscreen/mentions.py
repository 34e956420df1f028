"""What a notice's sentence names from the vocabularies: thesaurus concepts, fields of study.

Pure text matching over the package vocabulary, shared by the notice drafter (to fill a
rule's lists) and lint (to flag a rule whose list is empty while its text names them). A
label counts as a whole phrase, longest first, never inside a false friend of its concept.
"""

from __future__ import annotations

import re
from functools import cache

from jobscreen.vocabulary import Vocabulary, vocabulary

# An education sentence's fields follow the first "in" after its degree: "Master's degree
# (or equivalent) in law, sociology or a related field".
_DEGREE_IN = re.compile(
    r"\b(?:degree|diploma|doctorate|ph\.?d|master['\u2019]?s?|bachelor['\u2019]?s?)\b[^.;]*?\bin\b([^.;]*)",
    re.IGNORECASE,
)


def _phrases(owners: dict[str, str]) -> re.Pattern[str]:
    """One pattern of every phrase, longest first, each a whole phrase."""
    alternation = "|".join(re.escape(p) for p in sorted(owners, key=lambda p: (-len(p), p)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


@cache
def _concept_index() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str] | None]:
    vocab = vocabulary()
    owners: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for concept in vocab.concepts.values():
        for label in concept.labels:
            owners.setdefault(label.lower(), concept.id)
        for acronym in concept.acronyms:
            acronyms.setdefault(acronym, concept.id)
    written = "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True))
    return (
        _phrases(owners),
        owners | acronyms,
        re.compile(rf"\b(?:{written})\b") if written else None,
    )


@cache
def _field_index() -> tuple[re.Pattern[str], dict[str, str]]:
    owners: dict[str, str] = {}
    for field in vocabulary().fields.values():
        for name in field.names:
            owners.setdefault(name.lower(), field.code)
    return _phrases(owners), owners


def _plain(text: str) -> str:
    return " ".join(text.split())


def concepts_named(text: str) -> list[str]:
    """The ids of the thesaurus concepts a text names, in the order it names them."""
    plain = _plain(text)
    pattern, owners, acronyms = _concept_index()
    hits = [(m.start(), m.end(), owners[m.group(0).lower()]) for m in pattern.finditer(plain)]
    if acronyms is not None:
        hits += [(m.start(), m.end(), owners[m.group(0)]) for m in acronyms.finditer(plain)]
    vocab = vocabulary()
    found = (
        cid for start, end, cid in sorted(hits) if not _false_friend(plain, start, end, cid, vocab)
    )
    return list(dict.fromkeys(found))


def _false_friend(text: str, start: int, end: int, concept: str, vocab: Vocabulary) -> bool:
    """Whether a match lies inside a phrase the concept lists as not itself."""
    lowered = text.lower()
    for phrase in vocab.concepts[concept].false_friends:
        for m in re.finditer(re.escape(phrase.lower()), lowered):
            if m.start() <= start and end <= m.end():
                return True
    return False


def fields_named(text: str) -> list[str]:
    """The fields of study an education sentence names after its degree, as it writes them
    (each a name of the fields vocabulary, so it reads as that field), one per field."""
    match = _DEGREE_IN.search(_plain(text))
    if match is None:
        return []
    pattern, owners = _field_index()
    found: dict[str, str] = {}
    for m in pattern.finditer(match.group(1)):
        found.setdefault(owners[m.group(0).lower()], m.group(0).lower())
    return list(found.values())
