"""The engine's fast paths against the plain versions they replace.

``normalise`` works word by word with a cache and ``PhraseIndex.scan`` looks each text word
up once; both must give exactly what the straightforward versions give: substitutions over
the whole text, and every phrase tried at every position.
"""

from __future__ import annotations

import re

import pytest
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
    stem_heads,
)
from tests.conftest import ROOT

SETTINGS = settings()  # conftest's profile

_ABBREV = re.compile(
    r"(?<![\w'&])(" + "|".join(re.escape(k) for k in ABBREVIATIONS) + r")(?![\w'&])"
)
_PUNCT = re.compile(r"[^\w&']+")


def reference_normalise(text: str) -> str:
    """The whole-text pipeline: acronyms, lower case, abbreviations, spelling, punctuation."""
    text = matching._ACRONYM.sub(lambda m: ACRONYMS[m.group(1)], text.replace("\u2019", "'"))
    text = text.lower().replace(".", "")
    text = _ABBREV.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    text = matching.SPELLING.sub(matching.american_spelling, text)
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
    assert normalise("Diversity, Equity & Inclusion; R&D") == "diversity equity and inclusion r&d"


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


PHRASES_TEXT = [
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
PHRASES = compile_phrases(PHRASES_TEXT)
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


LETTERS = st.text(alphabet="abcdeilmnorstuy'", min_size=1, max_size=12)
SUFFIXES = ["", "s", "es", "ies", "ied", "ed", "ing", "ingly", "edly", "eed", "ly", "y", "ational"]
SUFFIXES += ["ation", "ization", "izer", "ator", "alism", "ality", "fulness", "ousness", "ful"]
SUFFIXES += ["iveness", "ivity", "bility", "bly", "ably", "ogy", "ogist", "fully", "lessly", "ency"]
SUFFIXES += ["ancy", "ently", "alize", "icate", "icity", "ical", "ness", "ative", "ement", "ism"]
SUFFIXES += [
    "ous",
    "ive",
    "ize",
    "ion",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ence",
    "e",
    "'s",
    "ying",
]
WORDLIKE = st.builds(lambda a, b, c: a + b + c, LETTERS, *[st.sampled_from(SUFFIXES)] * 2)


@SETTINGS
@given(WORDLIKE | LETTERS)
def test_a_word_starts_with_a_head_of_its_stem(word: str) -> None:
    # The rule that lets the index skip stemming words that cannot match: a stem is its
    # word's first letters and at most two of e, i, l, y ('possibility': 'possibl|e').
    assert word.strip("'").startswith(tuple(stem_heads(stem(word))))


def test_every_word_of_the_examples_starts_with_a_head_of_its_stem() -> None:
    files = [*ROOT.glob("examples/candidates/*"), *ROOT.glob("vacancies/*.yaml")]
    words = {w for f in files for w in normalise(f.read_text(encoding="utf-8")).split()}
    assert len(words) > 1500
    assert all(w.strip("'").startswith(tuple(stem_heads(stem(w)))) for w in words)


@SETTINGS
@given(st.lists(WORDLIKE | st.sampled_from(WORDS), max_size=20).map(" ".join))
def test_scan_skipping_words_that_cannot_match_finds_what_trying_everything_finds(
    text: str,
) -> None:
    index = PhraseIndex(compile_phrases([*PHRASES_TEXT, "ability", "happy", "hoping", "die"]))
    norm = normalise(text)
    assert index.scan(norm) == reference_scan(index, norm)


def test_words_that_cannot_match_any_phrase_are_not_stemmed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Issue 14: a 2 MB CV of 230,000 distinct words took 7 s, about 30 us of stemming a
    # word. Only words that start as some phrase stem does (or as a slip of a long one
    # may) are stemmed now.
    index = PhraseIndex(PHRASES)
    stemmed: list[str] = []

    def counted(word: str) -> str:
        stemmed.append(word)
        return stem(word)

    monkeypatch.setattr(matching, "stem", counted)
    words = [f"zq{n}x" for n in range(1000)]
    text = " ".join([*words, "human rights", "meditation", "mediator", "diplomasy"])
    hits = index.scan(normalise(text))
    assert stemmed == ["human", "rights", "mediator", "diplomasy"]
    assert {" ".join(stems) for stems in hits} == {"human right", "mediat", "diplomaci"}


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


@pytest.mark.parametrize(
    ("possessive", "noun"),
    [
        ("envoy's", "envoy"),
        ("minister's", "minister"),
        ("states'", "states"),
        ("l'envoyé", "envoyé"),  # a French elision is left off
        ("d'allocutions", "allocutions"),
        ("jusqu'aux", "aux"),
    ],
)
def test_a_possessive_or_an_elision_lemmatises_as_its_word(possessive: str, noun: str) -> None:
    assert matching.lemma(possessive) == matching.lemma(noun)
    assert matching.lemma("'s") == "'s"  # nothing is left of a bare ending to be a noun
    assert matching.lemma("aujourd'hui") == "aujourd'hui"  # no elision: one word
