"""Phrase matching: normalised text, compiled phrases, word by word on Snowball stems.

A phrase matches a text when the stems of its words appear in the text in order:
"negotiation" finds "negotiations" and "negotiate", "manager" finds "management", "policy"
finds "policies", but "mediation" does not find "meditation" or "media", nor "chair"
"change". British and American spellings and common abbreviations are normalised first.
A long word (seven letters or more) may also differ by one typing slip of the same length
("diplomasy"), found with rapidfuzz's Levenshtein distance among same-length words only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import Levenshtein

TYPO_MIN_LENGTH = 7
_SPELLING = (
    (re.compile(r"\bprogramme"), "program"),
    (re.compile(r"isation"), "ization"),
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing)\b"), r"iz\1"),
    (re.compile(r"\blabour"), "labor"),
    (re.compile(r"\bcentre"), "center"),
    (re.compile(r"\bdefence"), "defense"),
    (re.compile(r"\banalys(e|ing)\b"), r"analyz\1"),
    (re.compile(r"\bjudgement"), "judgment"),
)
ABBREVIATIONS = {
    "ir": "international relations",
    "intl": "international",
    "int'l": "international",
    "polisci": "political science",
    "poli sci": "political science",
    "pol sci": "political science",
    "ihl": "international humanitarian law",
    "ihrl": "international human rights law",
    "mgmt": "management",
    "mgt": "management",
    "govt": "government",
    "admin": "administration",
    "econ": "economics",
    "pr": "public relations",
    "m&e": "monitoring and evaluation",
    "un": "united nations",
}
_ABBREV = re.compile(
    r"(?<![\w'&])(" + "|".join(re.escape(k) for k in ABBREVIATIONS) + r")(?![\w'&])"
)
_PUNCT = re.compile(r"[^\w&']+")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower case, US spelling, abbreviations expanded, punctuation to single spaces."""
    text = text.lower().replace("\u2019", "'").replace(".", "")
    text = _ABBREV.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    return " ".join(_PUNCT.sub(" ", text).split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word.strip("'")))


@dataclass(frozen=True)
class Words:
    """A normalised text as stems, with a set and same-length buckets for fast look-ups."""

    stems: tuple[str, ...]
    present: frozenset[str]
    by_shape: dict[tuple[int, str], tuple[str, ...]]


@lru_cache(maxsize=4096)
def words_of(norm_text: str) -> Words:
    stems = tuple(stem(w) for w in norm_text.split())
    shapes: dict[tuple[int, str], list[str]] = {}
    for s in set(stems):
        if len(s) >= TYPO_MIN_LENGTH:
            shapes.setdefault((len(s), s[0]), []).append(s)
    by_shape = {k: tuple(sorted(v)) for k, v in shapes.items()}
    return Words(stems, frozenset(stems), by_shape)


@dataclass(frozen=True)
class Phrase:
    """A phrase compiled once per vacancy: its original words and their stems."""

    original: str
    norm: str
    stems: tuple[str, ...]


def compile_phrases(phrases: list[str] | tuple[str, ...]) -> tuple[Phrase, ...]:
    """Normalise and stem each phrase once per vacancy; empty phrases are dropped."""
    compiled = []
    for phrase in phrases:
        norm = normalise(phrase)
        if norm:
            compiled.append(Phrase(phrase, norm, tuple(stem(w) for w in norm.split())))
    return tuple(compiled)


def _variants(word: str, words: Words) -> frozenset[str]:
    """The text's stems that count as this phrase stem: itself, or a same-length slip."""
    if word in words.present:
        return frozenset((word,))
    if len(word) < TYPO_MIN_LENGTH:
        return frozenset()
    shape = words.by_shape.get((len(word), word[0]), ())
    return frozenset(w for w in shape if Levenshtein.distance(word, w, score_cutoff=1) <= 1)


def find(phrase: Phrase, norm_text: str) -> tuple[int, int] | None:
    """The word span of the phrase in an already normalised text, or None."""
    if not norm_text or not phrase.stems:
        return None
    words = words_of(norm_text)
    allowed = [_variants(s, words) for s in phrase.stems]
    if not all(allowed):
        return None
    size = len(allowed)
    for start in range(len(words.stems) - size + 1):
        if all(words.stems[start + i] in allowed[i] for i in range(size)):
            return start, start + size
    return None


def first_match(phrases: tuple[Phrase, ...], norm_text: str) -> tuple[Phrase, str] | None:
    """The first phrase found in the text, with the matched words as they read normalised."""
    for phrase in phrases:
        span = find(phrase, norm_text)
        if span is not None:
            words = norm_text.split()
            return phrase, " ".join(words[span[0] : span[1]])
    return None


def snippet(original: str, matched: str, width: int = 90) -> str:
    """A short quote of the original text around the matched words."""
    text = " ".join(original.split())
    if len(text) <= width:
        return text
    first = matched.split()[0] if matched else ""
    at = text.lower().find(first[:5]) if first else -1
    start = max(0, at - width // 3) if at >= 0 else 0
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
