"""Degree names in a text: the vocabulary's (vocabulary/degrees.yaml, as written, national
systems included) and the English forms the vocabulary cannot list ('Master of X')."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from jobscreen.extract.words import _alternation, _listed, _words
from jobscreen.levels import degree_names as level_names
from jobscreen.levels import degree_of, degree_spellings, normalise_degree

_DEGREE_ABBREVIATIONS = sorted(
    _words(
        "BA BSc BEng BCom BBA BEd LLB LLM LLD MA MSc MPhil MBA MPA MPP MIA MPIA MPH MRes "
        "MLitt MEd MEng MSW PhD DPhil EdD JD DEA DESS"
    ),
    key=lambda name: (-len(name), name),  # longest first; a fixed order keeps runs identical
)


def _abbreviation(name: str) -> str:
    chunks = re.findall(r"[A-Z][a-z]*", name)
    return r"(?:\.\s?)?".join(chunks) + r"\.?"


_ABBR = "|".join(_abbreviation(n) for n in _DEGREE_ABBREVIATIONS)
_OF = (
    r"(?:\s+of\s+(?:Arts|Science|Sciences|Laws|Law|Philosophy|Public Administration|Public Policy"
    r"|Public Health|Business Administration|International Affairs|Social Sciences|Education"
    r"|Engineering|Commerce|Research|Letters|Social Work|Fine Arts))?"
)
_WORD_DEGREES = (
    rf"[Bb]achelor(?:'s|\u2019s|s)?(?:\s+[Dd]egree)?{_OF}",
    rf"[Mm]aster(?:'s|\u2019s|s)(?:\s+[Dd]egree)?{_OF}",
    rf"Master(?:\s+[Dd]egree)?{_OF}",
    r"master\s+degree",
    r"Doctor\s+of\s+(?:Philosophy|Laws|Education)",
    r"[Dd]octorate",
    r"[Dd]octoral\s+(?:[Dd]egree|[Cc]andidate|[Ss]tudent)",
    r"[Pp]ost-?\s?[Gg]raduate\s+(?:[Dd]iploma|[Cc]ertificate)",
    r"[Aa]dvanced\s+(?:[Uu]niversity\s+)?[Dd]egree",
    r"[Ff]irst(?:-level|\s+level|\s+university)\s+[Dd]egree",
    r"(?:[Uu]ndergraduate|[Gg]raduate)\s+[Dd]egree",
    r"Licence|licence(?=\s+(?:en|in)\b)|[Ll]icenciatura|Licenciado|Diplom|Magister",
    r"Laurea(?:\s+[Mm]agistrale)?|[Mm]aestr[ií]a",
)
_DEGREE = re.compile(
    rf"(?<![\w.])(?:(?P<word>{'|'.join(_WORD_DEGREES)})"
    rf"(?:\s*(?:[-\u2013\u2014]\s*|\(\s*)(?P<alias>{_ABBR})(?!\w)\s*\)?)?|(?P<abbr>{_ABBR}))(?!\w)"
)

_HONOURS = re.compile(
    r"\(?\b(?:Hons|Honours|Honors|with (?:first[- ]class )?honou?rs|cum laude|magna cum laude"
    r"|summa cum laude|with distinction|distinction|merit"
    r"|(?:first|second|third|upper second|lower second)[- ]class(?:\s+honou?rs)?"
    rf"|{_alternation(_listed('honours'))})\b\.?\)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """A degree name in a text: where it is, and the name as the CV will give it."""

    start: int
    end: int
    name: str
    national: bool = False  # found in the vocabulary only, not by the English forms


def _regex_name(match: re.Match[str]) -> str:
    """'LL.M.' -> 'LLM'; 'Master of Arts - MA' -> 'MA'; word forms as written."""
    short = match["alias"] or match["abbr"]
    if short:
        return re.sub(r"[.\s]", "", short)
    word = " ".join(match["word"].replace("\u2019", "'").split())
    return word[:1].upper() + word[1:]


# A word of a name: 'Cand.mag.', 'LL.B.', 'Master', '2' (in 'Master 2'); a bracket after it
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019.+-]*|\d+(?![\d.])|\([^()]{1,40}\)")
_MAX_WORDS = 6
# before a name in lower case, what makes it a degree ('une maîtrise', 'holds a cand.mag.')
_ARTICLE = re.compile(
    rf"(?:\b(?:an?|the|his|her|my|their|(?:{_alternation(_listed('degree_before'))})))\s*$",
    re.IGNORECASE,
)
# names of one word that are also everyday words, or words of a job title ('Associate')
_CONNECTORS = frozenset({"in", "en", "em", "ès", "es", "de", "d'", "d\u2019"})
_EVERYDAY = frozenset(
    {"associate", "certificate", "diploma", "diplôme", "doctor", "secondary", "kandidat"}
)


@functools.cache
def _first_words() -> dict[str, frozenset[str]]:
    """Each vocabulary name, normalised, with its first word as written where it is an
    acronym ('PhD', 'LL.M.'): an acronym matches in its own capitals only."""
    table: dict[str, set[str]] = {}
    for norm, spellings in degree_spellings().items():
        firsts = table.setdefault(norm, set())
        for spelling in spellings:
            first = spelling.split()[0]
            firsts.add(re.sub(r"[.\s]", "", first) if first.lower() != first else "")
    return {norm: frozenset(firsts) for norm, firsts in table.items()}


def _written_as(norm: str, span: str, before: str) -> bool:
    """Whether a span the vocabulary names is written as a degree is: an acronym in its own
    capitals, a word capitalised or after an article ('a Licence', 'une maîtrise')."""
    firsts = _first_words()[norm]
    first = re.sub(r"[.\s]", "", span.split()[0])
    if first in firsts or (first.isupper() and first in {f.upper() for f in firsts}):
        return True
    if "" not in firsts or (" " not in norm and (len(norm) < 5 or norm in _EVERYDAY)):
        return False
    return span[0].isupper() or bool(_ARTICLE.search(before[-40:]))


def _longest(text: str, tokens: list[re.Match[str]], first: int) -> Found | None:
    """The longest vocabulary name starting at a token, with a bracket that completes it."""
    found = None
    names = _first_words()
    for last in range(first, min(first + _MAX_WORDS, len(tokens))):
        if last > first and not text[tokens[last - 1].end() : tokens[last].start()].isspace():
            break
        span = text[tokens[first].start() : tokens[last].end()]
        norm = normalise_degree(span)
        if found is not None and _subject(found, norm, tokens[first + len(found.name.split())]):
            break
        if norm in names and _written_as(norm, span, text[: tokens[first].start()]):
            found = Found(tokens[first].start(), tokens[last].end(), " ".join(span.split()), True)
    return found if found is None else _bracketed(text, found)


def _subject(found: Found, norm: str, next_word: re.Match[str]) -> bool:
    """Whether the words after a name are its subject ('Licence en droit' is a Licence in
    law): they follow a connector and name no other degree than the name alone does."""
    if next_word[0].lower() not in _CONNECTORS:
        return False
    table = level_names()
    return norm not in table or table[norm] == table.get(normalise_degree(found.name))


def _bracketed(text: str, found: Found) -> Found:
    """A bracket after a name that gives the degree another name stays with it ('Magister
    Artium (M.A.)', 'Bachelor of Arts Honours (BA Hons)'); honours or one capitalised word
    stay where they change what it means ('MA (Hons)', a Scottish first degree)."""
    bracket = re.match(r"\s*\(([^()]{1,40})\)", text[found.end :])
    if bracket is None:
        return found
    inside = bracket[1].strip()
    named = normalise_degree(inside) in _first_words() or _DEGREE.fullmatch(inside)
    if not (named or _HONOURS.fullmatch(inside) or re.fullmatch(r"[A-Z][a-zà-ÿ]{3,}", inside)):
        return found
    end = found.end + bracket.end()
    longer = Found(found.start, end, " ".join(text[found.start : end].split()), True)
    return longer if named or degree_of(longer.name) != degree_of(found.name) else found


@functools.cache
def _starts() -> frozenset[str]:
    """The first words of the vocabulary's names, normalised: where a name may start."""
    return frozenset(norm.split()[0] for norm in _first_words() if norm)


_normalised = functools.lru_cache(maxsize=8192)(normalise_degree)


def _in_a_name(text: str, previous: re.Match[str], token: re.Match[str]) -> bool:
    """'Durban Girls' High School': a name after a capitalised word on its line is part of
    a proper name (a school's), not a degree."""
    between = text[previous.end() : token.start()]
    word = previous[0].rstrip("'\u2019")
    return between.isspace() and "\n" not in between and word[:1].isupper() and word.isalpha()


def _vocabulary_names(text: str) -> list[Found]:
    tokens = [t for t in _TOKEN.finditer(text) if not t[0].startswith("(")]
    found: list[Found] = []
    starts = _starts()
    for index, token in enumerate(tokens):
        if (found and token.start() < found[-1].end) or _normalised(token[0]) not in starts:
            continue
        if index and _in_a_name(text, tokens[index - 1], token):
            continue
        name = _longest(text, tokens, index)
        if name is not None:
            found.append(name)
    return found


def degree_names(text: str) -> list[Found]:
    """Degree names in a text, the longest where two overlap; 'MA (Master of Arts)' is one
    degree, not two."""
    candidates = [Found(m.start(), m.end(), _regex_name(m)) for m in _DEGREE.finditer(text)]
    candidates += _vocabulary_names(text)
    candidates.sort(key=lambda f: (f.start, -f.end))
    names: list[Found] = []
    for found in candidates:
        if names and found.start < names[-1].end:
            continue
        if names and re.fullmatch(r"\s*[(\-\u2013\u2014]\s*", text[names[-1].end : found.start]):
            continue
        if names and _GLOSS_AFTER.fullmatch(text[names[-1].end : found.start]):
            names[-1] = replace(names[-1], name=f"{names[-1].name} ({found.name})")
            continue
        names.append(found)
    return names


# 'Maîtrise en droit international (LL.M.)', 'Mestrado em Ciência Política (MA in Political
# Science)': a degree in brackets after a degree and its subject glosses it, on one line
_GLOSS_AFTER = re.compile(r"[^\n(),;]*\(\s*")
