"""The engine's fast paths against the plain versions they replace.

``normalise`` works word by word with a cache and ``PhraseIndex.scan`` looks each text word
up once; both must give exactly what the straightforward versions give: substitutions over
the whole text, and every phrase tried at every position.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jobscreen.engine import matching
from jobscreen.engine.matching import (
    ABBREVIATIONS,
    ACRONYMS,
    PhraseIndex,
    compile_exact,
    compile_phrases,
    exact_keys,
    normalise,
    stem,
)

SETTINGS = settings(max_examples=400, deadline=None, database=None)

_ABBREV = re.compile(
    r"(?<![\w'&])(" + "|".join(re.escape(k) for k in ABBREVIATIONS) + r")(?![\w'&])"
)
_PUNCT = re.compile(r"[^\w&']+")


def reference_normalise(text: str) -> str:
    """The whole-text pipeline: acronyms, lower case, abbreviations, spelling, punctuation."""
    text = matching._ACRONYM.sub(lambda m: ACRONYMS[m.group(1)], text.replace("\u2019", "'"))
    text = text.lower().replace(".", "")
    text = _ABBREV.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    text = matching._SPELLING.sub(matching._american, text)
    return " ".join(_PUNCT.sub(" ", text).split())


# Words chosen to meet every substitution at and around word edges.
PIECES = [
    *ACRONYMS,
    *ABBREVIATIONS,
    "programme",
    "Programmes",
    "labour",
    "centre",
    "defence",
    "judgement",
    "organisation",
    "analyse",
    "analysing",
    "organised",
    "realise",
    "is",
    "Paris",
    "un",
    "UNDP",
    "sci",
    "poli",
    "pol",
    "U.N.",
    "e.g.",
    "3.5",
    "l'analyse",
    "M&E",
    "R&D",
    "Ünïcödé",
    "İstanbul",
    "naïve",
    "\u2019",
    "'",
    "&",
    ".",
    ",",
    "-",
    "/",
    "(",
    ")",
    " ",
    "  ",
    "\t",
    "\n",
    "x",
    "",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=14).map("".join) | st.text(max_size=40)


@SETTINGS
@given(TEXTS)
def test_normalise_matches_the_whole_text_pipeline(text: str) -> None:
    assert normalise(text) == reference_normalise(text)


def test_no_abbreviation_expands_to_another() -> None:
    # normalise looks each token up once: an expansion holding an abbreviation would differ
    assert not {w for v in ABBREVIATIONS.values() for w in v.split()} & set(ABBREVIATIONS)


def test_long_tokens_are_normalised_but_not_cached() -> None:
    token = "organisation" * 10
    assert normalise(f"x {token} y") == f"x {'organization' * 10} y"
    assert token not in matching._WORD_CACHE


def test_normalise_examples() -> None:
    assert normalise("Intl. Programme Mgmt (poli sci), UN/IR") == (
        "international program management political science united nations international relations"
    )
    assert normalise("un programme") == "un program"  # French "un" stays
    assert normalise("pol  sci") == "pol sci"  # two spaces: not the abbreviation


def reference_scan(index: PhraseIndex, norm_text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Every phrase tried at every position; the first span of each found."""
    stems = [stem(word) for word in norm_text.split()]
    phrases = [p for group in index.by_first.values() for p in group]
    hits: dict[tuple[str, ...], tuple[int, int]] = {}
    for i in range(len(stems)):
        for phrase in phrases:
            end = i + len(phrase.stems)
            if phrase.stems in hits or end > len(stems):
                continue
            if all(phrase.stems[k] in index.canon(stems[i + k]) for k in range(len(phrase.stems))):
                hits[phrase.stems] = (i, end)
    return hits


PHRASES = compile_phrases(
    [
        "programme management",
        "management",
        "human rights",
        "international relations",
        "mediation",
        "diplomacy",
        "political science",
        "peace and security",
        "negotiation",
    ]
)
WORDS = [
    "programme",
    "program",
    "management",
    "managers",
    "human",
    "rights",
    "international",
    "relations",
    "IR",
    "mediation",
    "meditation",
    "diplomasy",
    "diplomacy",
    "polisci",
    "peace",
    "and",
    "security",
    "negotiations",
    "of",
    "the",
]


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=20).map(" ".join))
def test_scan_finds_what_trying_every_phrase_everywhere_finds(text: str) -> None:
    index = PhraseIndex(PHRASES)
    norm = normalise(text)
    assert index.scan(norm) == reference_scan(index, norm)


def test_scan_examples() -> None:
    index = PhraseIndex(PHRASES)
    text = "Led negotiations; diplomasy and human rights programme management"
    hits = index.scan(normalise(text))
    found = {" ".join(stems): span for stems, span in hits.items()}
    assert found == {
        "negoti": (1, 2),
        "diplomaci": (2, 3),
        "human right": (4, 6),
        "program manag": (6, 8),
        "manag": (7, 8),
    }


def reference_exact(phrases: list[str], text: str) -> list[str]:
    """The extractor's search before the index: one pattern per phrase over the text."""
    found = []
    for phrase in phrases:
        words = phrase.split()
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
        if words and re.search(pattern, text, re.IGNORECASE):
            found.append(" ".join(words))
    return found


def exact_scan(phrases: list[str], text: str) -> list[str]:
    compiled = compile_exact(phrases)
    hits = PhraseIndex(compiled, exact=True).scan(" ".join(exact_keys(text)))
    return [" ".join(p.original.split()) for p in compiled if p.stems in hits]


EXACT_PIECES = [
    *("Team", "team", "TEAMWORK", "work", "M&E", "m", "E", "C#", "C", "ASP.NET", ".NET", "net"),
    *("problem-solving", "problem", "solving", "_", "1", "x", "é", "É", "ß", "\u017f", "s", "S"),
    *("\u0131", "I", "\u0130", "i", "\u03a3", "\u03c3", "\u03c2", "\u00b5", "\u03bc", "K"),
    *("\u212a", "k", "Ünïcödé", "ünïcödé"),
    *(" ", "  ", "\n", "\t", "\xa0", ".", ",", "-", "(", ")", "#", "&", "'", "/", "+"),
]  # not U+0345: a mark that re takes as the letter iota, though not part of a word
EXACT_TEXTS = st.lists(st.sampled_from(EXACT_PIECES), max_size=16).map("".join)


@SETTINGS
@given(st.lists(EXACT_TEXTS, min_size=1, max_size=5), EXACT_TEXTS)
def test_an_exact_index_finds_what_a_pattern_per_phrase_finds(
    phrases: list[str], text: str
) -> None:
    assert exact_scan(phrases, text) == reference_exact(phrases, text)


def test_exact_scan_examples() -> None:
    phrases = ["Team", "teamwork", "M&E", "C#", ".NET", "problem solving", "Σοφία", "x y"]
    text = "TEAMWORK; m&e (c#) ASP.NET and problem-solving, ΣΟΦΊΑ: x\n y"
    assert exact_scan(phrases, text) == ["teamwork", "M&E", "C#", "Σοφία", "x y"]


def test_days_in_month_agrees_with_the_calendar() -> None:
    import calendar

    from jobscreen.cv import days_in_month

    for year in range(1896, 2105):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
