"""Phrase matching: normalised text, compiled phrases, fuzzy but word-aligned (rapidfuzz).

A phrase matches a text when its words appear in it in order, each word allowed a
different ending ("negotiation"/"negotiations", "manager"/"management", "policy"/"policies")
but not a different stem ("mediation" is not "meditation"). British and American spellings
and common abbreviations are normalised first. A cheap C check (rapidfuzz's partial_ratio
with a cut-off) rules out most texts before the word-window check runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

PREFILTER = 70.0
_SPELLING = (
    (re.compile(r"\bprogramme"), "program"),
    (re.compile(r"isation"), "ization"),
    (re.compile(r"\blabour"), "labor"),
    (re.compile(r"\bcentre"), "center"),
    (re.compile(r"\bdefence"), "defense"),
    (re.compile(r"\banalys(e|ing)"), r"analyz\1"),
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
    "dev": "development",
    "pr": "public relations",
    "m&e": "monitoring and evaluation",
    "un": "united nations",
}
_ABBREV = re.compile(
    r"(?<![\w'&])(" + "|".join(re.escape(k) for k in ABBREVIATIONS) + r")(?![\w'&])"
)
_PUNCT = re.compile(r"[^\w&']+")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, US spelling, abbreviations expanded, punctuation to single spaces."""
    text = text.lower().replace("\u2019", "'").replace(".", "")
    text = _ABBREV.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    return " ".join(_PUNCT.sub(" ", text).split())


@dataclass(frozen=True)
class Phrase:
    """A phrase compiled once: the original words and their normalised form."""

    original: str
    norm: str
    words: tuple[str, ...]


def compile_phrases(phrases: list[str] | tuple[str, ...]) -> tuple[Phrase, ...]:
    """Normalise each phrase once per vacancy; empty phrases are dropped."""
    compiled = []
    for phrase in phrases:
        norm = normalise(phrase)
        if norm:
            compiled.append(Phrase(phrase, norm, tuple(norm.split())))
    return tuple(compiled)


def same_stem(a: str, b: str) -> bool:
    """Words that differ only in their ending: a shared prefix of all but two letters."""
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= 3 and shared >= min(len(a), len(b)) - 2


def _window_match(phrase: Phrase, words: list[str]) -> tuple[int, int] | None:
    size = len(phrase.words)
    for start in range(0, len(words) - size + 1):
        window = words[start : start + size]
        if all(same_stem(p, w) for p, w in zip(phrase.words, window, strict=True)):
            return start, start + size
    return None


def find(phrase: Phrase, norm_text: str) -> tuple[int, int] | None:
    """The word span of the phrase in an already normalised text, or None."""
    if not norm_text:
        return None
    padded = f" {norm_text} "
    if f" {phrase.norm} " in padded:
        before = padded.index(f" {phrase.norm} ")
        start = padded[:before].count(" ")
        return start, start + len(phrase.words)
    if fuzz.partial_ratio(phrase.norm, norm_text, score_cutoff=PREFILTER) == 0:
        return None
    return _window_match(phrase, norm_text.split())


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
    first = matched.split()[0] if matched else ""
    at = text.lower().find(first[:5]) if first else -1
    if len(text) <= width:
        return text
    start = max(0, at - width // 3) if at >= 0 else 0
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
