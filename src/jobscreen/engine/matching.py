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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import snowballstemmer
from rapidfuzz.distance import Levenshtein

TYPO_MIN_LENGTH = 7
# British to American spelling, in one pass (normalising is the engine's hottest loop).
_WORDS = {
    "programme": "program",
    "labour": "labor",
    "centre": "center",
    "defence": "defense",
    "judgement": "judgment",
}
SPELLING = re.compile(
    r"\b(?P<word>programme|labour|centre|defence|judgement)"
    r"|isation"
    r"|\banalys(?P<analyse>e|ing)\b"
    r"|(?<=\w{3})is(?P<ise>e|es|ed|ing)\b"
)


def american_spelling(match: re.Match[str]) -> str:
    if match.group("word"):
        return _WORDS[match.group("word")]
    if match.group("analyse"):
        return "analyz" + match.group("analyse")
    if match.group("ise"):
        return "iz" + match.group("ise")
    return "ization"


# Acronyms are expanded only in capitals ("UN", never the French and Spanish "un").
ACRONYMS = {
    "IR": "international relations",
    "IHL": "international humanitarian law",
    "IHRL": "international human rights law",
    "PR": "public relations",
    "M&E": "monitoring and evaluation",
    "UN": "United Nations",
}
ABBREVIATIONS = {
    "intl": "international",
    "int'l": "international",
    "polisci": "political science",
    "poli sci": "political science",
    "pol sci": "political science",
    "mgmt": "management",
    "mgt": "management",
    "govt": "government",
    "admin": "administration",
    "econ": "economics",
    "&": "and",  # "Diversity & Inclusion" is "diversity and inclusion"; "R&D" stays a word
}
_ACRONYM = re.compile(r"(?<![\w'&])(" + "|".join(re.escape(k) for k in ACRONYMS) + r")(?![\w'&])")
_STEMMER = snowballstemmer.stemmer("english")


_TOKEN = re.compile(r"[\w&']+")
# Abbreviations of two words ("poli sci") are expanded on the whole text; those of one word,
# like every spelling change, never reach past a word, so they are looked up word by word.
_MULTI_WORD = re.compile(
    r"(?<![\w'&])(" + "|".join(re.escape(k) for k in ABBREVIATIONS if " " in k) + r")(?![\w'&])"
)
_WORD_CACHE: dict[str, str] = {}
_WORD_CACHE_SIZE = 200_000


_CACHED_WORD_LENGTH = 64  # longer tokens (a pasted URL, a run of letters) are not kept


def _word(token: str) -> str:
    """A token's normal form: its abbreviation expanded (one or more words), US spelling.

    Cached, as words repeat from CV to CV; the cache is bounded in entries and their length.
    The expansion of an abbreviation is not looked up again: no expansion holds another one.
    """
    found = _WORD_CACHE.get(token)
    if found is None:
        found = SPELLING.sub(american_spelling, ABBREVIATIONS.get(token, token))
        if len(token) <= _CACHED_WORD_LENGTH:
            if len(_WORD_CACHE) >= _WORD_CACHE_SIZE:
                _WORD_CACHE.clear()
            _WORD_CACHE[token] = found
    return found


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower case, US spelling, abbreviations expanded, punctuation to single spaces.

    The same as substituting acronyms, abbreviations and spellings over the whole text and
    then collapsing punctuation (tests/engine/test_matching.py checks it against that pipeline),
    but each distinct word is normalised once per process.
    """
    text = text.replace("\u2019", "'")
    if any(acronym in text for acronym in ACRONYMS):  # in capitals only: "un" is French
        text = _ACRONYM.sub(lambda m: ACRONYMS[m.group(1)], text)
    text = text.lower().replace(".", "")
    if " sci" in text:
        text = _MULTI_WORD.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    known = _WORD_CACHE  # no word's normal form is empty, so a miss is the only falsy get
    return " ".join([known.get(token) or _word(token) for token in _TOKEN.findall(text)])


# Words Snowball cuts down to another word: "publications" to "public".
_OWN_STEMS = {"publication": "publicat", "publications": "publicat"}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.strip("'")
    return _OWN_STEMS.get(word) or str(_STEMMER.stemWord(word))


# A Snowball English stem is its word's first letters, then at most two letters of "eily"
# that the word need not have (hoping: hope; possibility: possible; happy: happi). So a
# word can stem to a phrase's stem only if it starts with one of the stem's heads; words
# that cannot stand for any phrase are not stemmed (about 30 us a word).
_STEM_ENDINGS = frozenset("eily")


def stem_heads(stemmed: str) -> set[str]:
    """What every word with this stem starts with: the stem less up to two ending letters
    of "eily" (tests/engine/test_matching.py checks the rule against the stemmer)."""
    cuts = [cut for cut in (1, 2) if cut <= len(stemmed) and set(stemmed[-cut:]) <= _STEM_ENDINGS]
    return {stemmed, *(stemmed[:-cut] for cut in cuts)}


_NOTHING: tuple[frozenset[str], tuple[Phrase, ...]] = (frozenset(), ())


@dataclass(frozen=True)
class Phrase:
    """A phrase compiled once per vacancy: its original words and their stems."""

    original: str
    norm: str
    stems: tuple[str, ...]


def compile_phrases(
    phrases: Iterable[str], form: Callable[[str], str] | None = None
) -> tuple[Phrase, ...]:
    """Normalise each phrase and take its words' forms (default: Snowball stems) once per
    vacancy; empty phrases are dropped."""
    form = form or stem
    compiled = []
    for phrase in phrases:
        norm = normalise(phrase)
        if norm:
            compiled.append(Phrase(phrase, norm, tuple(form(w) for w in norm.split())))
    return tuple(compiled)


LEMMA_LANGUAGES = ("en", "fr")  # the thesaurus's languages: a word is tried in each, in order
_LEMMA_CACHE: dict[str, str] = {}


def lemma(word: str) -> str:
    """A normalised word's dictionary form, by simplemma's English then French lexicons:
    "negotiations" and "negotiating" are "negotiation" and "negotiate", never "negoti";
    "publications" is "publication", not "public"; an unknown word stays as it is. An
    English possessive is its noun ("the Special Envoy's talks" are the envoy's), and a French
    elided article or preposition is left off ("l'Envoyé spécial" is "envoyé spécial")."""
    found = _LEMMA_CACHE.get(word)
    if found is None:
        bare = _possessor(word)
        if bare is not word:
            return lemma(bare)
        found = simplemma.lemmatize(word, lang=LEMMA_LANGUAGES).lower() if word.isalpha() else word
        if len(_LEMMA_CACHE) >= _WORD_CACHE_SIZE:
            _LEMMA_CACHE.clear()
        if len(word) <= _CACHED_WORD_LENGTH:
            _LEMMA_CACHE[word] = found
    return found


_ELIDED = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\w)")


def _possessor(word: str) -> str:
    """The noun of an English possessive ("envoy's", "states'") or of a French elision
    ("l'envoyé", "d'allocutions"), else the word itself."""
    if len(word) > 3 and word.endswith("'s"):
        return word[:-2]
    if len(word) > 2 and word.endswith("s'"):
        return word[:-1]
    if "'" in word[1:8]:
        bare = _ELIDED.sub("", word)
        if bare != word:
            return bare
    return word


LEMMA_HEAD = 3  # the first letters of a word, which a phrase's word or lemma must share


def lemma_heads(phrases: Iterable[Phrase]) -> frozenset[str]:
    """The first letters of every phrase's words, as written and as lemmas: a text's word
    with other first letters is no phrase's word in any form ("led" is written among the
    labels, so it is lemmatised to "lead"), and is not lemmatised (tens of microseconds for
    a word simplemma does not know)."""
    return frozenset(
        word[:LEMMA_HEAD] for phrase in phrases for word in (*phrase.norm.split(), *phrase.stems)
    )


def lemma_text(norm_text: str, heads: frozenset[str]) -> str:
    """A normalised text with each word that may be a phrase's as its lemma (see
    ``lemma_heads``), word for word, so places agree."""
    return " ".join(
        [
            lemma(w)
            if w[:LEMMA_HEAD] in heads or ("'" in w and _possessor(w)[:LEMMA_HEAD] in heads)
            else w
            for w in norm_text.split()
        ]
    )


def compile_lemmas(phrases: Iterable[str]) -> tuple[Phrase, ...]:
    """Phrases to find by lemma, for ``PhraseIndex(..., exact=True)`` over ``lemma_text``:
    their ``stems`` are their words' lemmas."""
    return compile_phrases(phrases, lemma)


# Phrases as written (the extractor's): a text as keys of its tokens, words and single
# punctuation marks, in lower case, marked where nothing stands between two of them.
_EXACT_TOKEN = re.compile(r"(\w+)|[^\w\s]")
_GLUED = "\x01"  # the token follows the one before it without a space
_AFTER_WORD = "\x02"  # a punctuation mark right after a word: '.' in 'ASP.NET'
_BEFORE_WORD = "\x03"  # a punctuation mark right before a word: '#' in 'C#x'
# Case as re.IGNORECASE compares it: simple lower case (capital I with a dot is 'i', where
# str.lower adds a combining dot), and the letters it also takes as one: long s and s,
# dotless i and i, the micro sign and mu, final and other sigma ...
try:  # re's own table of those letters (Python 3.11 and later)
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - without it, only those few letters differ
    _EXTRA_CASES = {}
_CASELESS = str.maketrans({chr(k): chr(min(k, *v)) for k, v in _EXTRA_CASES.items()})


def _caseless(token: str) -> str:
    if token.isascii():
        return token.lower()
    return token.replace("\u0130", "i").lower().translate(_CASELESS)


def exact_keys(text: str) -> list[str]:
    r"""The keys of a text's tokens for finding phrases as written: case aside, a space in
    the text where the phrase has one, neither starting nor ending inside a word.

    A phrase's keys then stand in a text's keys exactly where the pattern
    ``(?<!\w)word1\s+word2...(?!\w)`` matches it, ignoring case.
    """
    tokens = list(_EXACT_TOKEN.finditer(text))
    keys = []
    for i, token in enumerate(tokens):
        key = _caseless(token[0])
        glued = i > 0 and tokens[i - 1].end() == token.start()
        if token[1] is None:  # a punctuation mark
            if glued and tokens[i - 1][1] is not None:
                key = _AFTER_WORD + key
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if after is not None and after.start() == token.end() and after[1] is not None:
                key += _BEFORE_WORD
        keys.append(_GLUED + key if glued else key)
    return keys


def compile_exact(phrases: Iterable[str]) -> tuple[Phrase, ...]:
    """Phrases to find as written (see ``exact_keys``), for ``PhraseIndex(..., exact=True)``;
    their ``stems`` are their keys."""
    compiled = []
    for phrase in phrases:
        keys = exact_keys(" ".join(phrase.split()))
        if keys:
            compiled.append(Phrase(phrase, " ".join(keys), tuple(keys)))
    return tuple(compiled)


class PhraseIndex:
    """Every phrase of a vacancy, indexed by first stem: one pass over a text finds them all.

    Built once per run. ``scan`` walks the text's stems once and tries only the phrases
    whose first stem (or a same-length slip of it) stands at each position, so its cost
    grows with the text, not with the number of phrases. A text word's stem, what the stem
    can stand for and which phrases may start at it are worked out once per distinct word.
    With ``exact``, phrases of ``compile_exact`` are found as written in ``exact_keys``
    of a text instead: no stems, no slips.
    """

    def __init__(self, phrases: Iterable[Phrase], exact: bool = False) -> None:
        self.exact = exact
        self.by_first: dict[str, list[Phrase]] = {}
        shapes: dict[tuple[int, str], set[str]] = {}
        for phrase in {p.stems: p for p in phrases if p.stems}.values():
            self.by_first.setdefault(phrase.stems[0], []).append(phrase)
            for s in phrase.stems:
                if len(s) >= TYPO_MIN_LENGTH:
                    shapes.setdefault((len(s), s[0]), set()).add(s)
        self.shapes = {k: tuple(sorted(v)) for k, v in shapes.items()}
        stems = {s for group in self.by_first.values() for p in group for s in p.stems}
        heads = sorted({head for s in stems for head in stem_heads(s)})
        self._heads: dict[str, tuple[str, ...]] = {}  # by first letter, for str.startswith
        for head in heads:
            self._heads[head[:1]] = (*self._heads.get(head[:1], ()), head)
        # a slip is one letter, not the first, in a stem of 7 letters or more, whose first
        # 5 letters its word starts with: so the word shares letters 1-3, or 4-5, with it
        slips = [s for shape in self.shapes.values() for s in shape]
        self._slip_heads = {s[:3] for s in slips} | {s[0] + "." + s[3:5] for s in slips}
        self._canon: dict[str, frozenset[str]] = {}
        self._starts: dict[str, tuple[frozenset[str], tuple[Phrase, ...]]] = {}

    def canon(self, word: str) -> frozenset[str]:
        """The phrase stems a text stem can stand for: itself, or one slip away."""
        found = self._canon.get(word)
        if found is None:
            near = self.shapes.get((len(word), word[0]), ()) if len(word) >= TYPO_MIN_LENGTH else ()
            found = frozenset(
                {word, *(s for s in near if Levenshtein.distance(word, s, score_cutoff=1) <= 1)}
            )
            if len(self._canon) >= _WORD_CACHE_SIZE:
                self._canon.clear()
            self._canon[word] = found
        return found

    def starts(self, word: str) -> tuple[frozenset[str], tuple[Phrase, ...]]:
        """What a normalised text word's stem can stand for, and the phrases that may start
        at it."""
        found = self._starts.get(word)
        if found is None:
            found = self._exact_starts(word) if self.exact else self._stem_starts(word)
            if len(self._starts) >= _WORD_CACHE_SIZE:
                self._starts.clear()
            self._starts[word] = found
        return found

    def may_match(self, word: str) -> bool:
        """Whether a normalised text word's stem could be a phrase's, or a slip of one:
        whether it starts as one of their stems or, for a slip, shares its head letters."""
        word = word.strip("'")  # as stem() does
        if "" in self._heads or word.startswith(self._heads.get(word[:1], ())):
            return True
        slips = self._slip_heads
        return word[:3] in slips or word[:1] + "." + word[3:5] in slips

    def _stem_starts(self, word: str) -> tuple[frozenset[str], tuple[Phrase, ...]]:
        if not self.may_match(word):
            return _NOTHING  # its stem is no phrase stem and no slip of one: never stemmed
        forms = self.canon(stem(word))
        return forms, tuple(p for form in forms for p in self.by_first.get(form, ()))

    def _exact_starts(self, key: str) -> tuple[frozenset[str], tuple[Phrase, ...]]:
        first = key.removeprefix(_GLUED)  # a phrase may start right after a mark: '(word'
        if first.startswith(_AFTER_WORD):  # not inside a word: no '.NET' in 'ASP.NET'
            return frozenset((key,)), ()
        return frozenset((key,)), tuple(self.by_first.get(first, ()))

    def scan(self, norm_text: str) -> dict[tuple[str, ...], tuple[int, int]]:
        """The first word span of every indexed phrase found in a normalised text (for an
        exact index, in the ``exact_keys`` of a text, joined by spaces)."""
        hits: dict[tuple[str, ...], tuple[int, int]] = {}
        for stems, span in self._found(norm_text, first_only=True):
            hits.setdefault(stems, span)
        return hits

    def occurrences(self, norm_text: str) -> list[tuple[tuple[str, ...], tuple[int, int]]]:
        """Every word span of every indexed phrase in a normalised text, in text order."""
        return list(self._found(norm_text, first_only=False))

    def _found(
        self, norm_text: str, first_only: bool
    ) -> Iterator[tuple[tuple[str, ...], tuple[int, int]]]:
        if self.exact:
            yield from self._exact_found(norm_text.split(), first_only)
            return
        known = self._starts
        words = [known.get(w) or self.starts(w) for w in norm_text.split()]
        count = len(words)
        seen: set[tuple[str, ...]] = set()
        for i, (_, starts) in enumerate(words):
            for phrase in starts:  # most words start no phrase
                stems = phrase.stems
                end = i + len(stems)
                if end > count or (first_only and stems in seen):
                    continue
                k = i + 1
                for following in stems[1:]:
                    if following not in words[k][0]:
                        break
                    k += 1
                else:
                    seen.add(stems)
                    yield stems, (i, end)

    def _exact_found(
        self, keys: list[str], first_only: bool
    ) -> Iterator[tuple[tuple[str, ...], tuple[int, int]]]:
        """As _found, for an exact index: keys compared as they are, nothing cached (a text
        of many distinct words would only fill a cache)."""
        by_first, count = self.by_first, len(keys)
        seen: set[tuple[str, ...]] = set()
        for i, key in enumerate(keys):
            first = key.removeprefix(_GLUED)  # a phrase may start right after a mark: '(word'
            phrases = by_first.get(first)
            if phrases is None or first.startswith(_AFTER_WORD):  # no '.NET' in 'ASP.NET'
                continue
            for phrase in phrases:
                stems = phrase.stems
                end = i + len(stems)
                if end > count or (first_only and stems in seen):
                    continue
                if all(keys[k] == s for k, s in enumerate(stems[1:], i + 1)):
                    seen.add(stems)
                    yield stems, (i, end)


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
