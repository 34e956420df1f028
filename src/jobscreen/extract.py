"""Plain-text and Markdown CV summaries read into jobscreen's native CV format, with notes.

Pure and deterministic: no I/O, no clock, no printing. :func:`extract` reads the text of a
summary into the native mapping, with a note on every value it inferred, the lines it could
not place, and stated totals ("over 12 years of ..."), which stay claims and never become
posts. It is conservative: a doubtful entry is kept, noted and listed as uncertain; a line it
cannot read is listed as unplaced, never guessed. :func:`to_yaml` writes the mapping as YAML
with those notes as comments.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from jobscreen.cv import parse_partial_date
from jobscreen.engine.matching import Phrase, PhraseIndex, compile_exact, exact_keys
from jobscreen.levels import LANGUAGE_NAMES, degree_of, level_value, skill_name

__all__ = ["Extraction", "Note", "extract", "to_yaml"]

MAX_CHARS = 200_000  # no CV summary is longer; the rest is dropped, with a note
MAX_PIECE = 1_000  # longer sentences are read in slices, which keeps every pattern fast
MAX_ENTRIES = 200  # per list: no CV has more degrees, posts or languages; the rest is noted


@dataclass(frozen=True)
class Note:
    """A comment for the YAML output, on the value at ``path`` (``()`` for the document)."""

    path: tuple[str | int, ...]
    message: str


@dataclass(frozen=True)
class Extraction:
    """What :func:`extract` read from a text, and what it could not place."""

    data: dict[str, Any]
    notes: tuple[Note, ...]
    unplaced: tuple[str, ...]
    uncertain: frozenset[tuple[str, int]]
    claims: tuple[str, ...]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- other languages' words, from data (src/jobscreen/wording/*.yaml) -------------------


def _wording() -> list[dict[str, Any]]:
    """Each language's words the extractor reads beside English: one YAML file a language."""
    from importlib.resources import files

    folder = files("jobscreen").joinpath("wording")
    found = sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=str)
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in found]


_WORDING = _wording()


def _listed(key: str) -> list[str]:
    """Every language's words under ``key``, longest first (as a regex alternation wants)."""
    words = {str(w).lower() for data in _WORDING for w in data.get(key) or ()}
    return sorted(words, key=lambda w: (-len(w), w))


def _alternation(words: Sequence[str]) -> str:
    """Words as a regex alternation: spacing free, either apostrophe; never empty."""
    parts = [re.sub("['\u2019]", "['\u2019]", re.escape(w).replace(r"\ ", r"\s+")) for w in words]
    return "|".join(parts) or "(?!)"


_LOCAL_MONTHS = {
    str(k).lower(): int(v) for data in _WORDING for k, v in (data.get("months") or {}).items()
}
_LOCAL_LEVELS = {
    " ".join(str(k).lower().replace("-", " ").split()): str(v)
    for data in _WORDING
    for k, v in (data.get("levels") or {}).items()
}
_SINCE_WORDS = ("since", *_listed("since"))


# --- text to lines to units ------------------------------------------------------------

_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff\ud800-\udfff]")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^(?:[-*+•·▪◦‣●○■□➢►\u2013\u2014]|\d{1,2}[.)])\s+")
_RULE = re.compile(r"(?:[-*_=~]\s*){3,}")
_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?|\|\s*:?-{3,}:?\s*\|")
# No bracket inside a link's text or target: each try stops at the next bracket, so a line
# of thousands of '[' or '[a](' is read in linear time (anything wider is quadratic).
_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^)\[\]\n]*\)")
_EMPHASIS = re.compile(r"\*+|`+|(?<!\w)_{1,2}(?=\S)|(?<=\S)_{1,2}(?!\w)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9À-Þ])")
_ALNUM = re.compile(r"[^\W_]")
_LAST_WORD = re.compile(r"([^\s/(\u2013\u2014-]+)$")
_ABBREVIATIONS = _words(
    "mr mrs ms dr prof st no nos vol e.g i.e etc vs approx dept govt inc ltd co hon amb h.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec ss"
) | frozenset(_LOCAL_MONTHS)

_SECTIONS: dict[str, tuple[str, ...]] = {
    "education": (
        "education",
        "education and training",
        "academic background",
        "academic qualifications",
        "academic record",
        "academic education",
        "university education",
        "qualifications",
        "degrees",
        "degree",
        "highest degree",
        "studies",
    ),
    "experience": (
        "experience",
        "professional experience",
        "work experience",
        "relevant experience",
        "employment",
        "employment history",
        "employment record",
        "work history",
        "work",
        "career",
        "career history",
        "professional background",
        "professional history",
        "professional career",
        "positions held",
        "posts held",
        "volunteer experience",
        "volunteering",
    ),
    "languages": (
        "languages",
        "language",
        "language skills",
        "language proficiency",
        "languages spoken",
        "personal skills",
    ),
    "skills": (
        "skills",
        "key skills",
        "core skills",
        "technical skills",
        "competencies",
        "competences",
        "core competencies",
        "key competencies",
        "skills and competencies",
        "areas of expertise",
        "expertise",
        "job-related skills",
        "communication skills",
        "organisational skills",
        "organizational skills",
        "digital skills",
        "digital competence",
        "computer skills",
        "other skills",
    ),
    "summary": (
        "summary",
        "profile",
        "professional profile",
        "professional summary",
        "executive summary",
        "career summary",
        "about",
        "about me",
        "overview",
        "personal statement",
        "objective",
        "career objective",
    ),
    "other": (
        "publications",
        "selected publications",
        "references",
        "referees",
        "awards",
        "honours",
        "honors",
        "certifications",
        "certificates",
        "training",
        "courses",
        "interests",
        "hobbies",
        "memberships",
        "projects",
        "additional information",
    ),
    "personal": (
        "personal information",
        "personal details",
        "personal data",
        "contact",
        "contact details",
        "contact information",
    ),
}
_HEADINGS = {name: section for section, names in _SECTIONS.items() for name in names}
for _data in _WORDING:
    for _section, _names in (_data.get("headings") or {}).items():
        for _name in _names:
            _HEADINGS.setdefault(" ".join(str(_name).lower().replace("&", "and").split()), _section)
_LABEL = re.compile(r"^([^\W\d_][\w &/'\u2019-]{0,38}?)\s*:\s*(\S.*)$")
# words of a heading no list names that make it a part of the career ('Academic
# appointments', 'Advisory and other work'), unless it also names something else
_EXPERIENCE_WORDS = _words(
    "experience experiences employment employments appointment appointments career careers "
    "positions posts work assignments consultancies consultancy secondments"
) | frozenset(_listed("experience_words"))
_NOT_EXPERIENCE = _words(
    "education educational training publications publication languages "
    "skills references referees interests hobbies awards courses studies"
) | frozenset(_listed("not_experience_words"))


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    indent: int
    bullet: bool
    md_heading: int  # the level of a Markdown heading ('### ...' is 3), 0 for other lines


@dataclass(frozen=True)
class _Unit:
    """A sentence or line piece: what each reader looks at, with where it stood."""

    text: str
    section: str | None
    block: int
    line: int
    indent: int
    bullet: bool
    first: bool
    tail: str = ""  # the ';' that ended it, if one did
    heading: bool = False  # a heading that opens no section: a post's title or a sub-section


def _clean(text: str) -> tuple[str, list[str]]:
    """Plain newlines, no control characters, NFC; the text cut to MAX_CHARS, with a note."""
    text = text if isinstance(text, str) else str(text)
    notes = []
    if len(text) > MAX_CHARS:
        notes.append(f"only the first {MAX_CHARS} characters were read")
        text = text[:MAX_CHARS]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _INVISIBLE.sub(" ", text.replace("\xa0", " "))
    return unicodedata.normalize("NFC", text), notes


def _unmark(text: str) -> str:
    """The text of a line without Markdown emphasis, links and table pipes."""
    text = _EMPHASIS.sub("", _LINK.sub(r"\1", text))
    if text.startswith("|") or text.endswith("|"):
        text = " | ".join(cell.strip() for cell in text.strip("|").split("|") if cell.strip())
    return re.sub(r"\s{3,}", "  ", text).strip()


def _line(number: int, raw: str) -> _Line | None:
    stripped = raw.strip()
    if not stripped or _RULE.fullmatch(stripped):
        return None
    marks = _MD_HEADING.match(stripped)
    heading = marks[0].count("#") if marks else 0
    text = _MD_HEADING.sub("", stripped)
    bullet = bool(_BULLET.match(text))
    text = _unmark(_BULLET.sub("", text))
    indent = len(raw) - len(raw.lstrip())
    return _Line(number, text, indent, bullet, heading) if text else None


def _lines(text: str) -> list[_Line | None]:
    """The lines of a text, None for a blank one; a Markdown table's header row is dropped."""
    lines: list[_Line | None] = []
    for number, raw in enumerate(text.split("\n")):
        if _TABLE_RULE.fullmatch(raw.strip()):
            if lines:
                lines[-1] = None
            lines.append(None)
        else:
            line = _line(number, raw)
            previous = lines[-1] if lines else None
            if line is not None and previous is not None and _wrapped(previous, line):
                line = dataclasses.replace(previous, text=f"{previous.text} {line.text}")
                lines.pop()
            lines.append(line)
    return lines


def _wrapped(previous: _Line, line: _Line) -> bool:
    """Whether a line goes on with the sentence of the line above, as prose wrapped at a
    fixed width does ('... with the OHCHR Country Office' / 'in Guatemala, where ...'):
    the line above is a long sentence that tells (I, she, was, has ...) and stops
    mid-sentence, on a small word or before one. Title and employer lines never tell."""
    if line.bullet or line.md_heading or previous.md_heading or len(previous.text) < 50:
        return False
    if len(previous.text) > MAX_PIECE:  # a paragraph, not a sentence: joining it again
        return False  # and again would cost time in the square of its length
    if previous.text[-1] in ".:;!?|" or "  " in line.text:  # a joined line has none left
        return False
    if line.text.isupper() or _heading(line.text) is not None or not _PROSE.search(previous.text):
        return False
    last = previous.text.rsplit(" ", 1)[-1]
    return line.text[0].islower() or (last.isalpha() and last.islower())


def _heading(text: str) -> str | None:
    """The section a heading names ('Professional experience' -> experience), else None."""
    if len(text) > 60:
        return None
    key = text.strip().rstrip(":").strip().lower().replace("&", "and")
    return _HEADINGS.get(re.sub(r"\s+", " ", key))


def _labelled(text: str) -> tuple[str | None, str]:
    """'Languages: English, French' -> ('languages', 'English, French')."""
    match = _LABEL.match(text)
    if match and (section := _heading(match[1])) is not None:
        return section, match[2]
    return None, text


def _abbreviated(before: str) -> bool:
    """Whether a full stop ends an abbreviation ('Jan.', 'LL.M.', 'K.') rather than a sentence."""
    match = _LAST_WORD.search(before[-40:])
    word = match[1].strip("(\"'\u201c\u2018").rstrip(".").lower() if match else ""
    return before.endswith(".") and (len(word) <= 1 or "." in word or word in _ABBREVIATIONS)


def _sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        # only the last 40 characters tell: a copy of the whole run since the last end
        # made a line of 'A. B. A. B. ...' (none ends a sentence) quadratic
        if not _abbreviated(text[max(start, match.start() - 40) : match.start()]):
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


def _split_outside(text: str, separators: str) -> list[str]:
    """Split at any of ``separators`` outside parentheses and brackets."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


def _pieces(text: str) -> list[tuple[str, str]]:
    """Sentences, then their ';' parts (with the ';' that ended each), in MAX_PIECE slices."""
    pieces = []
    for sentence in _sentences(text):
        parts = _split_outside(sentence, ";")
        pieces += [(part.strip(), ";" * (n < len(parts) - 1)) for n, part in enumerate(parts)]
    return [
        (text[i : i + MAX_PIECE], tail)
        for text, tail in pieces
        if text
        for i in range(0, len(text), MAX_PIECE)
    ]


def _sub_section(text: str) -> str | None:
    """The section an unlisted heading names by its words ('Academic appointments',
    'Advisory and other work': experience), else None."""
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    if len(words) > 6 or words & _NOT_EXPERIENCE:
        return None
    return "experience" if words & _EXPERIENCE_WORDS else None


def _units(text: str) -> list[_Unit]:
    """The units of a text, each with its section (headings and labels) and paragraph.

    A Markdown heading that names no listed section opens an experience section when its
    words say so ('## Academic appointments'); otherwise it ends the section it follows
    when it is of that section's level or above ('## Awards' after '## Summary'), and is a
    sub-heading of it when deeper (a post's title, '### Advisory work' under experience)."""
    units: list[_Unit] = []
    section: str | None = None
    depth = 0  # the Markdown level of the heading that opened the section, 0 for a plain one
    block = 0
    for line in _lines(text):
        if line is None:
            block += 1
            continue
        heading = _heading(line.text)
        shouted = line.text.isupper() and len(line.text.split()) <= 5
        if heading is None and (line.md_heading or shouted):
            heading = _sub_section(line.text)
            if heading is None and line.md_heading and 0 < line.md_heading <= depth:
                section, depth = None, line.md_heading
        if heading is not None:
            section, block, depth = heading, block + 1, line.md_heading
            continue
        labelled, body = _labelled(line.text)
        where = (labelled or section, block, line.number, line.indent)
        for i, (piece, tail) in enumerate(_pieces(body)):
            units.append(
                _Unit(
                    piece,
                    *where,
                    bullet=line.bullet,
                    first=i == 0,
                    tail=tail,
                    heading=bool(line.md_heading) and not labelled,
                )
            )
    return units


# --- entries and state -----------------------------------------------------------------


@dataclass
class _Entry:
    """An entry being built: its fields, a note per field, and why it is uncertain."""

    source: str
    index: int
    block: int
    bullet: bool = False
    indent: int = 0
    fields: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    doubt: str = ""
    stacked: bool = False  # dates, title and employer each on a line of their own
    told: bool = False  # read from a sentence of prose, not from a post's own lines

    def set(self, key: str, value: Any, note: str = "") -> None:
        if value is None or value == "":
            return
        self.fields[key] = value
        if note:
            self.notes[key] = note


@dataclass
class _State:
    units: list[_Unit]
    education: list[_Entry] = field(default_factory=list)
    experience: list[_Entry] = field(default_factory=list)
    languages: list[_Entry] = field(default_factory=list)
    competencies: list[tuple[str, str]] = field(default_factory=list)
    top: dict[str, tuple[str, str]] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)  # text units waiting for their post
    post: _Entry | None = None  # the post that following lines may describe
    awaiting: _Entry | None = None  # a post read from a dates-only line, title still to come
    institution: int | None = None  # an institution line waiting for its degree
    section: str | None = None
    day_first: bool = False  # the text's full dates are settled as day/month/year


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return "'" + (text if len(text) <= limit else text[: limit - 3] + "...") + "'"


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:.|·\u2013\u2014-")


def _named(text: str) -> bool:
    """Whether a text has a letter or digit: punctuation alone names no title or employer."""
    return _ALNUM.search(text) is not None


# --- dates -----------------------------------------------------------------------------

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    rf"|{_alternation(sorted(_LOCAL_MONTHS, key=lambda w: (-len(w), w)))})"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DATE = (
    rf"(?:\b{_MONTH}\.?,?\s+(?:\d{{1,2}},?\s+)?{_YEAR}"
    rf"|\b\d{{1,2}}\s+{_MONTH}\.?,?\s+{_YEAR}"
    rf"|(?<![\d/.])\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR}"
    rf"|(?<![\d/.])(?:0?[1-9]|1[0-2])[/.]{_YEAR}"
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?"
    rf"|{_YEAR}\.(?:0[1-9]|1[0-2])(?![\d.])"
    rf"|(?<!\d){_YEAR})(?!\d)"
)
_PRESENT = (
    r"(?:(?:to|till|until)\s+)?(?:the\s+)?(?:present|current|now|date|ongoing|today"
    rf"|{_alternation(_listed('present'))})(?!\w)"
)
_SEP = (
    r"[-\u2013\u2014\u2012\u2212]+|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b"
    # '2016-03/2021-05', '2021-06/present': a slash between year-months only
    rf"|(?<=\d-\d\d)/(?=\s*{_YEAR}-\d\d|\s*{_PRESENT})"
    rf"|(?<!\w)(?:{_alternation(_listed('range_to'))})(?!\w)"
)
_RANGE = re.compile(
    rf"(?P<pre>\b(?:from|between|{_alternation(_listed('range_from'))})\s*:?\s+)?(?<![\w/.-])(?P<start>{_DATE})\s*(?P<sep>{_SEP})\s*:?\s*"
    rf"(?P<end>{_DATE}|{_PRESENT})(?![\w/])",
    re.IGNORECASE,
)
_SHORT = re.compile(
    rf"(?<![\w/.-])(?P<start>{_YEAR})\s*[-\u2013\u2014/]\s*(?P<end>\d\d)(?![\w/.-])"
)
_SINCE = re.compile(
    rf"\b(?:{_alternation(_SINCE_WORDS)}|from)\s+(?P<start>{_DATE})"
    # no range ('from 2010 - 2012'); a dash before a title is no range ('Depuis 2018 — Cheffe')
    rf"(?:\s+onwards?\b|(?!\s*(?:[-\u2013\u2014]\s*(?:{_DATE}|{_PRESENT})|to\b|until\b|till\b)))",
    re.IGNORECASE,
)
_STILL = re.compile(
    rf"\b(?:in|since)\s+(?P<start>{_DATE}),?\s+(?:a|the|which\s+is\s+a)\s+(?:post|position|role|job)"
    r"\s+(?:that\s+|which\s+)?(?:I|he|she|they)\s+(?:still\s+holds?|holds?\s+to\s+this\s+day)\b",
    re.IGNORECASE,
)
_SINGLE = re.compile(
    rf"^\(?(?P<start>{_DATE})\)?(?=\s*[:|]|\s\s)|\((?P<end>{_DATE})\)\s*[.;]?\s*$", re.IGNORECASE
)
_LEAD = re.compile(
    r"^(?:\s*(?:current(?:ly)?|present|now|previous(?:ly)?|before that|prior to that|earlier"
    r"|then|later|position|post|role|job|employer|(?:current|previous|present) "
    r"(?:posts?|positions?|roles?|employer))\s*:)+",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"[·•]?\s*\(?\s*\d+\s*(?:yrs?|years?)(?:\s*\d+\s*(?:mos?|months?))?\s*\)?(?=\s*$|\s*[·,|])"
    r"|[·•]\s*\d+\s*(?:mos?|months?)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(rf"(?<!\d){_YEAR}(?!\d)")


_EITHER = "day and month could be either way round; read day first"
_FULL_DATE = re.compile(rf"(?<![\d/.])\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR}(?!\d)")


@dataclass(frozen=True)
class _Dates:
    """The dates of a post: start, end ('present' for a current post), where, and how read."""

    start: str
    end: str
    span: tuple[int, int]
    note: str
    doubt: str = ""


def _day_month(text: str) -> tuple[str, str] | None:
    """'31/12/2018' -> ('2018-12-31', 'day first'); '01/09/2015' is read day first, 'either'."""
    match = re.fullmatch(rf"(\d{{1,2}})[/.](\d{{1,2}})[/.]({_YEAR})", text)
    if match is None:
        return None
    first, second = int(match[1]), int(match[2])
    day, month = (second, first) if second > 12 >= first else (first, second)
    order = "month first" if second > 12 >= first else "day first"
    return f"{match[3]}-{month:02d}-{day:02d}", "either" if max(first, second) <= 12 else order


def _order_doubt(*tokens: str) -> str:
    """Why full dates like 01/09/2015 are in doubt: no date of the range settles their order."""
    orders = {found[1] for t in tokens if (found := _day_month(" ".join(t.split())))}
    if "month first" in orders:
        return "some dates are written month first; any ambiguous one was read day first"
    return _EITHER if "either" in orders and "day first" not in orders else ""


def _day_first(text: str) -> bool:
    """Whether a text's full dates, where one settles it, are all written day first."""
    found = (_day_month(m[0]) for m in _FULL_DATE.finditer(text))
    orders = {f[1] for f in found if f}
    return "day first" in orders and "month first" not in orders


def _date_value(token: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD from one date as a CV writes it; None if invalid."""
    text = " ".join(token.split())
    year = _YEARS.search(text)
    month = re.search(rf"\b{_MONTH}(?!\w)", text, re.IGNORECASE)
    numeric = re.fullmatch(rf"(\d{{1,2}})[/.]({_YEAR})", text)
    dotted = re.fullmatch(rf"({_YEAR})\.(\d\d)", text)  # '2020.04', as Japanese CVs write
    if dotted:
        text = f"{dotted[1]}-{dotted[2]}"
    full = _day_month(text)
    if full:
        value = full[0]
    elif month and year:
        word = month[0].lower()  # a dotted capital I or a long s matches caselessly, but no key
        number = _LOCAL_MONTHS.get(word) or _MONTHS.get(word[:3])
        if number is None:
            return None
        value = f"{year[0]}-{number:02d}"
    elif numeric:
        value = f"{numeric[2]}-{int(numeric[1]):02d}"
    else:
        value = text
    try:
        return str(parse_partial_date(value))
    except ValueError:
        return None


def _ordered(start: str, end: str) -> bool:
    if end == "present":
        return True
    return parse_partial_date(end).last_day() >= parse_partial_date(start).first_day()


def _well_placed(text: str, start: int, end: int) -> bool:
    """A date range heads or ends its line, sits in parentheses, or leads a column."""
    before = _LEAD.sub("", text[:start]).strip(" *-\u2013\u2014•·|:,;")
    after = text[end:]
    if not before or before.endswith("(") or re.match(r"\s*\)?\s*[.;,]?\s*$", after):
        return True
    return bool(re.match(r"\s*\)?\s*(?:[:|·]|\s\s)", after))


def _ranged(text: str) -> _Dates | None:
    for match in _RANGE.finditer(text):
        prefix = (match["pre"] or "").lower()
        if match["sep"].lower() == "and" and not prefix.startswith("between"):
            continue
        if not (prefix or _well_placed(text, *match.span())):
            continue
        start = _date_value(match["start"])
        is_present = re.fullmatch(_PRESENT, match["end"], re.IGNORECASE)
        end = "present" if is_present else _date_value(match["end"])
        if start and end and _ordered(start, end):
            doubt = _order_doubt(match["start"], match["end"])
            return _Dates(start, end, match.span(), f"from {_quote(match[0])}", doubt)
    return None


def _short_range(text: str) -> _Dates | None:
    """'2008-10' or '(2011-15)': a range with the end year cut to two digits."""
    for match in _SHORT.finditer(text):
        start = int(match["start"])
        end = start // 100 * 100 + int(match["end"])
        if end > start and _well_placed(text, *match.span()):
            note = f"{_quote(match[0])} read as {start} to {end}"
            return _Dates(str(start), str(end), match.span(), note)
    return None


def _open_ended(text: str) -> _Dates | None:
    """'since 2019', 'from March 2020 onwards': a post still held."""
    match = _SINCE.search(text)
    if match is None or not (match[0].lower().startswith(_SINCE_WORDS) or "onward" in match[0]):
        return None
    start = _date_value(match["start"])
    if start is None:
        return None
    return _Dates(start, "present", match.span(), f"{_quote(match[0])}: still in post")


def _still_held(text: str) -> _Dates | None:
    """'joined the OSCE as Senior Adviser in 2009, a post she still holds': still in post."""
    match = _STILL.search(text)
    start = _date_value(match["start"]) if match else None
    if match is None or start is None:
        return None
    return _Dates(start, "present", match.span(), f"{_quote(match[0])}: still in post")


def _single_year(text: str) -> _Dates | None:
    """'2015: Consultant, UNODC' or 'Consultant, UNODC (2015)': one year, in post sections."""
    match = _SINGLE.search(text)
    value = _date_value(match["start"] or match["end"]) if match else None
    if match is None or value is None:
        return None
    return _Dates(value, value, match.span(), f"a single date {_quote(match[0])}: start and end")


def _find_dates(text: str, experience: bool) -> _Dates | None:
    """The first well-placed dates of a post in a line or sentence; a lone year is a last
    resort, and only in a post section."""
    found = [d for d in (f(text) for f in (_ranged, _short_range, _open_ended, _still_held)) if d]
    if found:
        return min(found, key=lambda d: d.span[0])
    return _single_year(text) if experience else None


def _shifted(dates: _Dates, offset: int) -> _Dates:
    return dataclasses.replace(dates, span=(dates.span[0] + offset, dates.span[1] + offset))


def _all_dates(text: str, experience: bool) -> list[_Dates]:
    found: list[_Dates] = []
    offset = 0
    while len(found) < 20 and (dates := _find_dates(text[offset:], experience)) is not None:
        found.append(_shifted(dates, offset))
        offset = found[-1].span[1]
    return found


def _dated_pieces(text: str, found: list[_Dates]) -> list[tuple[str, list[_Dates]]]:
    """A text cut into one piece per role it dates, each with its periods: cut before each
    date when the text opens with one ('2016 - present: ...; 2012-2016: ...'), else after.
    Periods with nothing but punctuation between them ('2010-2012, 2014-2016') share a role."""
    groups: list[list[_Dates]] = []
    for dates in found:
        if groups and not re.search(r"[^\W\d_]", text[groups[-1][-1].span[1] : dates.span[0]]):
            groups[-1].append(dates)
        else:
            groups.append([dates])
    if not _tidy(_LEAD.sub("", text[: found[0].span[0]])):
        cuts = [group[0].span[0] for group in groups[1:]]
    else:
        cuts = [
            g[-1].span[1] + (text[g[-1].span[1] : g[-1].span[1] + 1] == ")") for g in groups[:-1]
        ]
    bounds = list(itertools.pairwise([0, *cuts, len(text)]))
    return [
        (text[a:b], [_shifted(d, -a) for d in group])
        for (a, b), group in zip(bounds, groups, strict=True)
    ]


# --- posts -----------------------------------------------------------------------------

_TITLE_WORDS = re.compile(
    r"\b(?:officer|advis[eo]r|director|head|chief|manager|co-?ordinator|consultant|specialist"
    r"|assistant|associate|analyst|secretary|attach[ée]|ambassador|counsell?or|representative"
    r"|researcher|fellow|lecturer|professor|intern|expert|envoy|delegate|deputy|organi[sz]er"
    r"|editor|rapporteur|facilitator|trainer|inspector|monitor|administrator|economist|lawyer"
    r"|judge|volunteer|leader|president|chair(?:person)?|member|clerk|engineer|scientist"
    r"|journalist|teacher|interpreter|translator|commissioner)\b",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(?:ministry|department|office|organi[sz]ation|united nations|UN|UNDP|UNICEF|UNHCR"
    r"|UNFPA|UNODC|UNESCO|UNIDIR|OSCE|OHCHR|OPCW|IOM|NATO|EU|NGO|council|commission|committee"
    r"|embassy|mission|delegation|agency|fund|bank|foundation|institute|university|college"
    r"|school|cent(?:re|er)|secretariat|court|tribunal|union|network|coalition|association"
    r"|society|government|parliament|authority|company|ltd|inc|gmbh|forum|alliance|group"
    r"|corps|federation|trust)\b",
    re.IGNORECASE,
)
_NARRATIVE = re.compile(
    r"\b(?:I|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|has|have|had|was|were|been)\b|\bas\s+(?:an?\s+)?[A-Z]"
)
# words of a sentence that tells a career, in every language the wording files name
_PROSE = re.compile(rf"{_NARRATIVE.pattern}|(?<!\w)(?:{_alternation(_listed('narrative'))})(?!\w)")
_ORG_STOP = (
    # an acronym in brackets is the employer's own: 'Green Climate Fund (GCF)'
    r"(?=\s*[,;]|\s*\((?![A-Z][A-Za-z&./-]{1,11}\))|\.(?:\s|$)|\s+in\s+(?:the\s+)?[A-Z\d]|\s*$"
    r"|\s+(?:where|from|until|since|covering|working|leading|based)\b|\s+and\s+[a-z])"
)
_TITLE_FIRST = tuple(
    re.compile(
        rf"\b(?:as|was|is|been|became)\s+(?:an?\s+|the\s+)?(?P<title>[A-Z][^,;.]{{0,80}}?)"
        rf"\s+{connector}\s+(?:the\s+)?(?P<org>[A-Z][^,;]{{0,120}}?){_ORG_STOP}"
    )
    for connector in ("(?:at|with)", "for", "in")
)
# 'I was Director of the Technical Cooperation Office of AECID': where the title ends is a
# guess (the first 'of'), so the post is uncertain
_TITLE_OF = re.compile(
    r"\b(?:as|was|is|been|became)\s+(?:an?\s+|the\s+)?(?P<title>[A-Z][^,;.]{0,80}?)"
    rf"\s+of\s+(?:the\s+)?(?P<org>[A-Z][^,;]{{0,120}}?){_ORG_STOP}"
)
# the same in other languages, from the wording files: 'elle est Représentante adjointe du
# Haut-Commissariat ...', 'en tant que Chercheuse à Amnesty International'
_LOCAL_TITLE_FIRST = re.compile(
    rf"(?<!\w)(?:{_alternation(_listed('title_before'))})\s+(?:une?\s+)?"
    r"(?P<title>[A-ZÀ-Þ][^,;.]{0,80}?)\s+"
    rf"(?:{_alternation(_listed('employer_before'))})\s*(?P<org>[A-ZÀ-Þ][^,;]{{0,120}}?)"
    r"(?=\s*[,;(]|\.(?:\s|$)|\s*$)"
)
_ORG_FIRST = re.compile(
    r"\b(?:(?:worked|served|was|been)\s+(?:at|with|for|in)|joined)\s+(?:the\s+)?"
    rf"(?P<org>[A-Z](?:(?!\s(?:in|and|from|until|where)\s)[^,;]){{0,120}}?)"
    rf"\s+as\s+(?:an?\s+|the\s+)?(?P<title>[A-Z][^,;.]{{0,80}}?){_ORG_STOP}"
)
_ORG_ONLY = re.compile(
    rf"\b(?:worked|served)\s+(?:at|with|for)\s+(?:the\s+)?(?P<org>[A-Z][^,;]{{0,120}}?){_ORG_STOP}"
)
_AT = re.compile(r"\s+at\s+(?:the\s+)?(?=[A-Z])")

_FIELD = re.compile(
    r"^(?P<label>(?:functional|job|post|position|official)\s+title|title|positions?(?:\s+held)?"
    r"|function|occupation|(?:name\s+(?:and\s+address\s+)?of\s+)?employer|organi[sz]ation"
    r"|agency|(?:description\s+of\s+)?(?:main\s+)?(?:duties|responsibilities|activities)"
    r"(?:\s+and\s+responsibilities)?|description|achievements)\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_FIELD_KEYS = (
    ("description", r"dut|respons|activit|descr|achiev"),
    ("organisation", r"employer|organi|agency"),
    ("title", r"."),
)
Role = tuple[str | None, str | None, str]  # title, organisation, doubt
_NO_ROLE = "no title or organisation found"


def _rest(text: str, periods: list[_Dates]) -> str:
    """A post line without its dates, durations and lead-in label: title and organisation."""
    bounds = [0, *(i for d in periods for i in d.span), len(text)]
    rest = " ".join(text[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True))
    rest = re.sub(r"\(\s*[,;]?\s*\)", " ", _DURATION.sub(" ", rest))
    return _tidy(_LEAD.sub("", _tidy(rest)))


def _is_place(text: str) -> bool:
    words = text.replace(",", " ").split()
    return (
        0 < len(words) <= 3
        and all(w[0].isupper() for w in words)
        and not (_TITLE_WORDS.search(text) or _ORG_WORDS.search(text))
    )


def _dates_only(text: str, dates: _Dates, rest: str) -> bool:
    """A line of dates alone ('Jan 2019 - present, Geneva'): the post's name is elsewhere."""
    if not rest:
        return True
    after = text[dates.span[1] :].lstrip(" )")
    if _tidy(text[: dates.span[0]]):
        return False
    return (after[:1] in {",", "·", "|"} and _is_place(rest)) or _remark(after) is not None


def _remark(text: str) -> str | None:
    """A bracketed remark after a post's dates ('(on secondment from ...)'), else None."""
    match = re.fullmatch(r"\s*\(([^()]+)\)\s*[.;]?\s*", text)
    return _tidy(match[1]) if match else None


def _narrative_role(rest: str) -> Role | None:
    """'he was a Policy Adviser at the Ministry ...' -> ('Policy Adviser', 'Ministry ...');
    'She joined the OSCE as Senior Adviser', 'elle est Représentante adjointe du HCDH'."""
    for pattern in (*_TITLE_FIRST, _ORG_FIRST, _LOCAL_TITLE_FIRST, _TITLE_OF):
        match = pattern.search(rest)
        if match and len(match["title"].split()) <= 8:
            doubt = _TITLE_OF_DOUBT if pattern is _TITLE_OF else ""
            return _tidy(match["title"]), _tidy(match["org"]), doubt
    employer = _ORG_ONLY.search(rest)
    return (None, _tidy(employer["org"]), "") if employer else None


_TITLE_OF_DOUBT = "told in a sentence: where the title ends and the employer begins is a guess"


def _split_parts(parts: list[str]) -> Role:
    """'Title, Organisation[, place]', or 'Organisation, Title' when the words say so."""
    first, last = parts[0], parts[-1]
    if _ORG_WORDS.search(first) and not _TITLE_WORDS.search(first) and _TITLE_WORDS.search(last):
        return _tidy(last), _tidy(", ".join(parts[:-1])), ""
    return _tidy(first), _tidy(", ".join(parts[1:])), ""


_GRADE = re.compile(r"(?:[PDG]|NO|FS|GS|SB|SC|[AB]|OF)-?\d{1,2}|NO-?[A-E]|ASG|USG|S\d|[JS]PO|UNV")


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", text))


def _single_role(text: str) -> Role:
    bracketed = re.fullmatch(r"([^()]+?)\s*\(([^()]+)\)", text) if text.endswith(")") else None
    if bracketed and (_GRADE.fullmatch(bracketed[2]) or _initials(bracketed[1]) == bracketed[2]):
        return _tidy(text), None, ""  # 'Officer (P-4)', 'Junior Professional Officer (JPO)'
    if bracketed and _TITLE_WORDS.search(bracketed[1]) and not _TITLE_WORDS.search(bracketed[2]):
        return _tidy(bracketed[1]), _tidy(bracketed[2]), ""
    if _TITLE_WORDS.search(text):
        return _tidy(text), None, ""
    if _ORG_WORDS.search(text):
        return None, _tidy(text), ""
    return _tidy(text), None, "one name only, read as the job title"


def _split_role(rest: str) -> Role:
    """Title and organisation from what a post line says besides its dates."""
    if not _named(rest):
        return None, None, _NO_ROLE
    if _PROSE.search(rest):
        return _narrative_role(rest) or (None, None, "no title or organisation in the sentence")
    for separator in (" | ", " \u2014 ", " \u2013 ", " - "):
        if separator in rest:
            parts = [p for p in rest.split(separator) if _tidy(p)]
            return _split_parts(parts) if len(parts) > 1 else _single_role(parts[0])
    at = _AT.search(rest)
    if at and len(rest[: at.start()].split()) <= 8:
        return _tidy(rest[: at.start()]), _tidy(rest[at.end() :]), ""
    parts = [p for p in _split_outside(rest, ",") if p.strip()]
    return _split_parts(parts) if len(parts) > 1 else _single_role(rest)


def _field(text: str) -> tuple[str, str] | None:
    """'Name of employer: UNDP' -> ('organisation', 'UNDP'), as forms like the P11 label them."""
    match = _FIELD.match(text)
    if match is None:
        return None
    label = match["label"].lower()
    key = next(k for k, pattern in _FIELD_KEYS if re.search(pattern, label))
    return key, " ".join(match["value"].split())


def _role(lines: list[str]) -> Role:
    """Title and organisation from one line ('Title, Org') or two (title, then org)."""
    if len(lines) == 2:
        return _tidy(lines[0]), _tidy(lines[1]), ""
    return _split_role(lines[0]) if lines else (None, None, "")


_SAME_LINE = "from the same line as the dates"


def _set_role(entry: _Entry, lines: list[str], how: str) -> None:
    """Title and organisation, from labelled lines first, then from their order."""
    plain = []
    for line in lines:
        found = _field(line)
        if found is None or found[0] in entry.fields:
            plain.append(line)
        else:
            entry.set(found[0], _tidy(found[1]), how)
    title, organisation, doubt = _role(plain) if plain else (None, None, "")
    # a title on a line of its own is already short (see _header_like): two clauses at most
    most = 10 if len(plain) == 1 and how == _SAME_LINE else 16
    if title and len(title.split()) > most:
        entry.set("description", title, "no clear job title: the text is kept here")
        title, doubt = None, "no clear job title"
    entry.set("title", None if "title" in entry.fields else title, how)
    entry.set("organisation", None if "organisation" in entry.fields else organisation, how)
    entry.doubt = doubt or ("" if _has_role(entry) else _NO_ROLE)


def _take_header(state: _State, index: int, unit: _Unit) -> list[_Unit]:
    """Up to two short lines right above a dates-only line: the post's title and employer."""
    taken: list[_Unit] = []
    while state.pending and len(taken) < 2:
        candidate = state.units[state.pending[-1]]
        if state.pending[-1] != index - 1 - len(taken) or not _header_like(candidate, unit.block):
            break
        taken.insert(0, candidate)
        state.pending.pop()
    return taken


def _header_like(unit: _Unit, block: int) -> bool:
    words = len(unit.text.split())
    most = 30 if unit.heading else 14  # a Markdown heading names a post at any length
    shaped = unit.block == block and not unit.bullet and 0 < words <= most
    return shaped and unit.text[-1] != "." and _named(unit.text)


def _within(post: _Entry, dates: _Dates) -> bool:
    """Whether a period lies inside a post's own ('Since 2023 I have ...' in a post held
    since 2022), or is one bracketed year ('the Vilnius summit (2023)')."""
    if dates.note.startswith("a single date"):
        return True
    start, end = post.fields.get("start"), post.fields.get("end")
    if start is None or end is None:
        return False
    inside = parse_partial_date(dates.start).first_day() >= parse_partial_date(start).first_day()
    if end == "present" or not inside:
        return inside
    return dates.end != "present" and _ordered(dates.end, end)


def _mentioned(state: _State, unit: _Unit, found: list[_Dates]) -> bool:
    """Dates that a post's description mentions, which date no post of their own: a later
    sentence of a paragraph, or a bullet, under a post, inside its period."""
    post = state.post
    if post is None or post.bullet or not (unit.bullet or not unit.first):
        return False
    return all(_within(post, dates) for dates in found)


def _post(state: _State, index: int, unit: _Unit) -> bool:
    """One post per dated period of the unit; False if it dates none."""
    found = _all_dates(unit.text, unit.section == "experience")
    if found and _mentioned(state, unit, found):
        return False
    pieces = _dated_pieces(unit.text, found) if found else []
    for text, periods in pieces:
        part = unit if len(pieces) == 1 else dataclasses.replace(unit, text=text)
        role = _piece_role(state, index, part, periods)
        for dates in periods:
            _add_post(state, part, role, dates)
    return bool(pieces)


def _piece_role(state: _State, index: int, unit: _Unit, periods: list[_Dates]) -> _Entry:
    """The title and employer a dated piece names, or the lines above it when it is dates only."""
    rest = _rest(unit.text, periods)
    header = _take_header(state, index, unit) if _dates_only(unit.text, periods[0], rest) else None
    _flush(state)  # what the header left belongs to the post before
    source = " / ".join([u.text for u in header or ()] + [unit.text])
    role = _Entry(source, index, unit.block, unit.bullet, unit.indent)
    after = unit.text[periods[-1].span[1] :]
    if header is None:
        role.told = _PROSE.search(rest) is not None
        colon = re.match(r"\s*(?:\)\s*)?:(.*)", after) if periods[0].span[0] else None
        told = _tidy(colon[1]) if colon and _named(colon[1]) else None
        if told:  # 'Member of the roster, 2012 - 2019: three desk reviews ...'
            rest = _rest(unit.text[: periods[-1].span[1]], periods)
            told = colon[1].strip() if colon else told
        _set_role(role, [rest], _SAME_LINE)
        role.set("description", told, "what the line says after its dates")
        return role
    _set_role(role, [u.text for u in header], "from the line(s) above the dates")
    remark = _remark(after)
    role.set("description", remark and f"({remark})", "the remark beside the dates")
    return role


def _add_post(state: _State, unit: _Unit, role: _Entry, dates: _Dates) -> None:
    entry = dataclasses.replace(role, fields=dict(role.fields), notes=dict(role.notes))
    entry.set("start", dates.start, dates.note)
    entry.set("end", dates.end, "still in post" if dates.end == "present" else dates.note)
    if dates.doubt == _EITHER and state.day_first:
        entry.notes["start"] += "; read day first, as the text's other dates are"
    else:
        entry.doubt = dates.doubt or entry.doubt
    state.experience.append(entry)
    state.post = entry
    state.awaiting = None if "organisation" in entry.fields else entry


def _describes(unit: _Unit, post: _Entry) -> bool:
    """Whether a line under a post describes it: a bullet or paragraph after its title,
    employer and dates (after a blank line too), up to the next post or heading; under a
    post told in a sentence, its paragraph and bullets ('Kind regards' is no duty); under
    a post that is itself a bullet, only the bullets indented under it."""
    if post.bullet:
        return unit.bullet and unit.indent > post.indent
    return not post.told or unit.bullet or unit.block == post.block


def _flush(state: _State) -> None:
    """Lines held back: the current post's description when they belong to it, else
    unplaced; a sub-heading that names no post is the text's structure, not its content."""
    for index in state.pending:
        unit = state.units[index]
        if state.post is not None and _describes(unit, state.post) and not unit.heading:
            _describe(state.post, unit)
        elif not unit.heading:
            state.unplaced.append(unit.text)
        elif state.post is None or _describes(unit, state.post):
            state.post = None  # a sub-heading ends the post above: what follows is not its
    state.pending.clear()


def _describe(post: _Entry, unit: _Unit) -> None:
    found = _field(unit.text)
    line = found[1] if found and found[0] == "description" else unit.text
    old = post.fields.get("description", "")
    post.set("description", f"{old} {line}{unit.tail}".strip(), "the lines under the post")


def _labelled_field(post: _Entry, unit: _Unit, key: str, value: str) -> bool:
    if key == "description":
        _describe(post, unit)
    elif key in post.fields:
        return False
    else:
        post.set(key, _tidy(value), f"from the labelled line {_quote(unit.text)}")
    return True


def _completes(post: _Entry, unit: _Unit) -> bool:
    """Whether the line under a post supplies what it lacks: a labelled field, its title
    (dates on a line of their own), or its employer (under such a title, or named so)."""
    found = _field(unit.text)
    if found is not None:
        done = _labelled_field(post, unit, *found)
    elif not _header_like(unit, post.block):
        done = False
    elif "title" not in post.fields and "organisation" not in post.fields:
        post.stacked = True
        _set_role(post, [unit.text], "from the line below the dates")
        done = True
    elif "organisation" not in post.fields and (post.stacked or _ORG_WORDS.search(unit.text)):
        post.set("organisation", _tidy(unit.text), "from the line below the title")
        done = True
    else:
        done = False
    if done:
        post.source = f"{post.source} / {unit.text}"
        post.doubt = "" if post.doubt == _NO_ROLE and _has_role(post) else post.doubt
    return done


def _has_role(post: _Entry) -> bool:
    return "title" in post.fields or "organisation" in post.fields


def _text(state: _State, index: int, unit: _Unit) -> None:
    """A line nothing else read: what a post still lacks, or held for a description."""
    post, state.awaiting = state.awaiting, None
    follows = post is not None and post.index == index - 1 and unit.block == post.block
    if follows and post is not None and _completes(post, unit):
        post.index = index
        lacking = "title" not in post.fields or "organisation" not in post.fields
        state.awaiting = post if lacking or _FIELD.match(unit.text) else None
    else:
        state.pending.append(index)


# --- degrees ---------------------------------------------------------------------------

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
_DEGREE_VERB = re.compile(
    r"\b(?:holds?|holding|held|obtained|earned|completed|received|awarded|graduated|pursuing"
    r"|completing|gained|has|have|had|with|is|am|doing|studying|enrolled)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
_PROGRESS_AFTER = re.compile(
    r"^\s*\(?\s*(?:candidate|student|researcher|in progress|ongoing|underway|pending|ABD"
    r"|expected\b[^)]{0,20})\)?",
    re.IGNORECASE,
)
_PROGRESS_BEFORE = re.compile(
    r"\b(?:pursuing|completing|currently\s+(?:completing|enrolled|studying|doing|writing)"
    r"|working\s+towards|enrolled\s+in|studying\s+for)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_PROGRESS_DATES = re.compile(
    rf"\bsince\s+{_YEAR}|{_YEAR}\s*[-\u2013\u2014]\s*(?:present|ongoing|now)\b", re.IGNORECASE
)
_INSTITUTION = re.compile(
    r"\b(?:Universi\w*|College|Institut\w*|School|Academy|Acad[ée]mie|Hochschule|Polytechnic"
    r"|Politecnico|Sciences Po|SOAS|LSE|[ÉE]cole|Faculty|Facult[ée]|Conservatoire)\b"
)
_HONOURS = re.compile(
    r"\(?\b(?:Hons|Honours|Honors|with (?:first[- ]class )?honou?rs|cum laude|magna cum laude"
    r"|summa cum laude|with distinction|distinction|merit)\b\.?\)?",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"[A-Z]{3,}")  # 'MBA, INSEAD 2007': a lone acronym names the school
_PART = r",|\s[|\u2013\u2014-]\s"
_TRAILING_AND = re.compile(r"[\s,;]*\b(?:and|&)\s*(?:an?|the|her|his|my|their)?\s*$")


def _degree_name(match: re.Match[str]) -> str:
    """'LL.M.' -> 'LLM'; 'Master of Arts - MA' -> 'MA'; word forms as written."""
    short = match["alias"] or match["abbr"]
    if short:
        return re.sub(r"[.\s]", "", short)
    word = " ".join(match["word"].replace("\u2019", "'").split())
    return word[:1].upper() + word[1:]


def _progress(text: str, match: re.Match[str], rest: str) -> str:
    """Why a degree is in progress ('PhD candidate', 'pursuing a PhD'), else ''."""
    after = _PROGRESS_AFTER.match(rest)
    before = _PROGRESS_BEFORE.search(text[max(0, match.start() - 50) : match.start()])
    named = re.search(r"candidate|student", match[0], re.IGNORECASE)
    dated = _PROGRESS_DATES.search(rest)
    found = after or before or named or dated
    return found[0].strip(" ()") if found else ""


def _degree_parts(rest: str) -> tuple[str | None, str | None]:
    """Field and institution from what follows a degree name."""
    rest = _TRAILING_AND.sub("", _HONOURS.sub(" ", rest).strip(" .;"))
    inside = [p.strip() for group in re.findall(r"\(([^()]*)\)", rest) for p in group.split(",")]
    outside = re.sub(r"\([^()]*\)", " ", rest)
    main, *place = re.split(r"\s(?:from|at)\s+(?:the\s+)?", f" {outside}", maxsplit=1)
    chunks = [c for c in (_chunk(c) for c in re.split(_PART, main)) if c]
    named = chunks and (
        _INSTITUTION.search(chunks[0]) or (len(chunks) == 1 and _ACRONYM.fullmatch(chunks[0]))
    )
    field_ = None if not chunks or named else chunks.pop(0)
    places = [c for c in (_chunk(c) for c in re.split(_PART, ",".join(place))) if c] + chunks
    places += [p for p in inside if _INSTITUTION.search(p)]
    if field_ is None:
        field_ = next((p for p in inside if p and not _YEARS.search(p) and p not in places), None)
    return field_, ", ".join(places) or None


def _chunk(text: str) -> str:
    """A comma-separated part of a degree line without connectors and bare years."""
    text = re.sub(r"^\s*(?:in|of|en|on|de)\s+", "", _YEARS.sub(" ", text).strip(" -\u2013\u2014:"))
    text = _tidy(re.sub(r"\s+(?:in|on|of|en|de|since)\s*$", "", text.strip()))
    return "" if not re.search(r"[^\W\d_]", text) else text


def _degree_year(rest: str, before: str, progress: str) -> int | None:
    if progress:
        expected = re.search(rf"expected\D{{0,10}}({_YEAR})", rest, re.IGNORECASE)
        return int(expected[1]) if expected else None
    years = _YEARS.findall(rest) or _YEARS.findall(before)
    return int(years[-1]) if years else None


def _degree_entry(index: int, unit: _Unit, match: re.Match[str], end: int, alone: bool) -> _Entry:
    rest = unit.text[match.end() : end]
    progress = _progress(unit.text, match, rest)
    name = _degree_name(match)
    entry = _Entry(unit.text, index, unit.block)
    if progress:
        name = re.sub(r"\s+(?:candidate|student)$", "", name, flags=re.IGNORECASE) + " candidate"
        rest = _PROGRESS_AFTER.sub("", rest, count=1)
        note = f"in progress ({progress!r}): recorded as {name!r}, not a completed degree"
        entry.set("degree", name, note)
    else:
        entry.set("degree", name)
        degree = degree_of(name)
        entry.doubt = degree.note if degree.level is None or degree.uncertain else ""
    field_, institution = _degree_parts(rest)
    if field_ and len(field_.split()) > 8:
        field_, entry.doubt = None, "no clear field of study"
    entry.set("field", field_)
    entry.set("institution", institution)
    before = unit.text[: match.start()] if alone else ""
    entry.set("year", _degree_year(rest, before, progress))
    return entry


def _degree_context(text: str, start: int) -> bool:
    """A degree heads its line (after dates or a label) or follows 'holds', 'obtained' ..."""
    before = text[:start]
    return not re.search(r"[^\W\d_]", before) or bool(_DEGREE_VERB.search(before[-60:]))


def _degree_matches(text: str) -> list[re.Match[str]]:
    """Degree names in a text; 'MA (Master of Arts)' is one degree, not two."""
    matches: list[re.Match[str]] = []
    for match in _DEGREE.finditer(text):
        if matches and re.fullmatch(
            r"\s*[(\-\u2013\u2014]\s*", text[matches[-1].end() : match.start()]
        ):
            continue
        matches.append(match)
    return matches


def _degrees(state: _State, index: int, unit: _Unit, anywhere: bool) -> bool:
    matches = _degree_matches(unit.text)
    if not matches or not (anywhere or _degree_context(unit.text, matches[0].start())):
        return False
    ends = [m.start() for m in matches[1:]] + [len(unit.text)]
    entries = [
        _degree_entry(index, unit, m, end, len(matches) == 1)
        for m, end in zip(matches, ends, strict=True)
    ]
    if state.institution == index - 1 and "institution" not in entries[0].fields:
        line = state.units[state.institution].text
        entries[0].set("institution", _tidy(_YEARS.sub("", line)), "from the line above")
        state.institution = None
    state.education += entries
    return True


def _only_dates(text: str) -> bool:
    leftover = re.sub(
        rf"{_DATE}|{_PRESENT}|\b(?:to|until|since|from|expected)\b", " ", text, flags=re.I
    )
    return bool(_YEARS.search(text)) and not re.search(r"[^\W\d_]", leftover)


def _degree_dates(state: _State, index: int, unit: _Unit) -> bool:
    """A line of dates under a degree: its year (the last one), or 'present': in progress."""
    last = state.education[-1] if state.education else None
    if last is None or last.index != index - 1 or not _only_dates(unit.text):
        return False
    if re.search(_PRESENT, unit.text, re.IGNORECASE) and "candidate" not in last.fields["degree"]:
        name = f"{last.fields['degree']} candidate"
        last.set("degree", name, f"in progress (dates {_quote(unit.text)}): recorded as {name!r}")
        last.doubt = ""
    elif "year" not in last.fields:
        last.set("year", int(_YEARS.findall(unit.text)[-1]), f"from the line below: {unit.text}")
    return True


def _institution(state: _State, index: int, unit: _Unit) -> bool:
    """An institution on its own line: for the degree above, or the one below."""
    if not _INSTITUTION.search(unit.text) or len(unit.text.split()) > 12:
        return False
    last = state.education[-1] if state.education else None
    if last is not None and last.index == index - 1 and "institution" not in last.fields:
        last.set("institution", _tidy(_YEARS.sub("", unit.text)), "from the line below")
        years = _YEARS.findall(unit.text)
        if years and "year" not in last.fields and "candidate" not in last.fields["degree"]:
            last.set("year", int(years[-1]), "from the line below")
        return True
    state.institution = index
    return True


def _expire_institution(state: _State, index: int) -> None:
    if state.institution is not None and state.institution < index - 1:
        state.unplaced.append(state.units[state.institution].text)
        state.institution = None


# --- languages -------------------------------------------------------------------------

_LEVEL = (
    rf"(?:{_alternation(sorted(_LOCAL_LEVELS, key=lambda w: (-len(w), w)))}"
    r"|native\s+or\s+bilingual(?:\s+proficiency)?|full\s+professional(?:\s+proficiency)?"
    r"|professional\s+working(?:\s+proficiency)?|limited\s+working(?:\s+proficiency)?"
    r"|elementary(?:\s+proficiency)?|native(?:\s+speaker|\s+language)?|mother[- ]tongues?(?:\(s\))?"
    r"|first\s+language|bilingual|(?:very\s+)?good\s+(?:working\s+)?knowledge"
    r"|(?:basic\s+|some\s+|limited\s+)?working\s+knowledge|basic\s+knowledge|some\s+knowledge"
    r"|knowledge|fluent(?:ly)?|fluency|proficient|advanced|excellent|good"
    r"|upper[- ]intermediate|intermediate|conversational|basic|beginner|limited|[ABC][12]\+?)"
)
_LEVEL_RE = re.compile(rf"(?<!\w){_LEVEL}(?!\w)", re.IGNORECASE)
_LEVEL_LINE = re.compile(rf"\s*{_LEVEL}\s*\.?\s*", re.IGNORECASE)
_BEFORE = re.compile(
    rf"(?<!\w)(?P<level>{_LEVEL})\s*(?:(?:in|of|command\s+of|de)\s+|d['\u2019]\s*"
    r"|[:\u2013\u2014-]\s*)?$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"\s*(?:\s+is\s+(?:his|her|their|my|the)\s+(?P<is>mother[- ]tongue|native\s+language"
    r"|first\s+language)\b|\((?P<paren>[^()]{0,80})\)"
    r"|[:\u2013\u2014-]\s*(?P<dash>"
    rf"(?:{_alternation(sorted(_LOCAL_LEVELS, key=lambda w: (-len(w), w)))})[^,;|/()]{{0,40}}"
    r"|[^,;|/()]{0,80}(?:\([^()]{0,40}\))?)"
    r"|(?P<bare>(?:mother[- ]tongue|native(?:\s+speaker)?|fluent(?:ly)?|first\s+language"
    r"|bilingual|[ABC][12]\+?)(?!\w))|,\s*(?P<comma>[^,;|]{0,60}?)\s*$)",
    re.IGNORECASE,
)
_SPEAK = re.compile(r"\b(?:speaks?|speaking)\s+$", re.IGNORECASE)
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|/|&|\band\b|\bor\b)\s*", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_MULTIWORD = re.compile(
    r"\b(?:"
    + "|".join(re.escape(k) for k in sorted(LANGUAGE_NAMES, key=len, reverse=True) if " " in k)
    + r")\b",
    re.IGNORECASE,
)
# "sign" (sign language is named in full); NATO's levels I-VI are never the codes of Ido,
# Inuktitut or Vietnamese ("English — NATO Level VI", "SLP 3333, level IV")
_NOT_LANGUAGES = frozenset({"sign", "ii", "iii", "iv", "vi"})
_FOLLOWERS = _words(
    "and or as at is was to with plus but level levels proficiency skills speaker speakers "
    "language mother tongue first native natively fluent fluently bilingual basic good very "
    "intermediate upper advanced working knowledge conversational proficient excellent "
    "elementary beginner limited full professional written spoken reading writing speaking "
    "oral " + " ".join(_listed("followers"))
)
_CEFR = re.compile(r"[ABC][12]\+?", re.IGNORECASE)
_SKILL_WORDS = re.compile(
    r"\b(?:level|proficiency|skills?|written|spoken|oral|reading|writing|speaking|listening"
    r"|understanding|interaction|production|and|very|both|in|cefr|language|speaker"
    rf"|{_alternation(_listed('followers'))})(?!\w)",
    re.IGNORECASE,
)
_FIVE = re.compile(
    r"\s*[:\u2013-]?\s*" + r"\s+".join([r"([ABC][12])"] * 5) + r"\s*$", re.IGNORECASE
)
_GRID_SKILLS = ("understand", "read", "speak", "speak", "write")
_SKILL_LEVEL = re.compile(
    r"(listening|reading|spoken\s+interaction|spoken\s+production|speaking|writing|understanding)"
    r"\s*:?\s*([ABC][12])",
    re.IGNORECASE,
)
Level = str | dict[str, str] | None


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int
    end: int


def _language_word(word: str, listed: bool) -> str | None:
    """The language a word names; codes only under a languages heading, in capitals."""
    key = word.lower()
    if key not in LANGUAGE_NAMES or key in _NOT_LANGUAGES:
        return None
    if len(key) <= 3:
        return LANGUAGE_NAMES[key] if listed and word.isupper() else None
    return LANGUAGE_NAMES[key] if listed or word[0].isupper() else None


def _adjectival(text: str, end: int) -> bool:
    """'Russian politics', 'Latin America': the name qualifies a word, not a language."""
    following = re.match(r"\s+([^\s,;:()/&.]+)", text[end:])
    if following is None:
        return False
    word = following[1].lower()
    return not (word in _FOLLOWERS or _CEFR.fullmatch(word) or word in LANGUAGE_NAMES)


def _mentions(text: str, listed: bool) -> list[_Mention]:
    found = [_Mention(LANGUAGE_NAMES[m[0].lower()], *m.span()) for m in _MULTIWORD.finditer(text)]
    taken = {i for m in found for i in range(m.start, m.end)}
    for match in _WORD.finditer(text):
        name = _language_word(match[0], listed)
        if name and match.start() not in taken:
            found.append(_Mention(name, *match.span()))
    found.sort(key=lambda m: m.start)
    return [m for m in found if listed or not _adjectival(text, m.end)]


def _level_text(raw: str) -> str:
    """A level as the YAML gives it: CEFR in capitals, phrases in lower case."""
    text = " ".join(raw.lower().replace("-", " ").replace("(s)", "").split())
    text = "mother tongue" if text == "mother tongues" else text
    if _CEFR.fullmatch(text):
        return text.upper()
    if text in _LOCAL_LEVELS:
        return _LOCAL_LEVELS[text]
    replaced = {"fluently": "fluent", "fluency": "fluent", "native speaker": "native"}
    return replaced.get(text, "native" if text == "native language" else text)


def _level_in(text: str) -> str | None:
    """The level named in a text, a CEFR level first ('fluent (C1)' -> 'C1')."""
    found = [m[0] for m in _LEVEL_RE.finditer(text)]
    cefr = [f for f in found if _CEFR.fullmatch(f)]
    return _level_text((cefr or found)[0]) if found else None


def _level_after(gap: str, listed: bool) -> str | None:
    match = _AFTER.match(gap)
    if match is None:
        return None
    comma = match["comma"] if listed else None
    text = match["is"] or match["paren"] or match["dash"] or match["bare"] or comma
    return _level_in(text) if text and _only_levels(text) else None


def _only_levels(text: str) -> bool:
    """'fluent (C1)', 'C1 reading, B2 speaking': levels alone, not 'advanced course'."""
    rest = _SKILL_WORDS.sub(" ", _LEVEL_RE.sub(" ", text))
    return not re.search(r"[^\W\d_]", rest)


def _level_before(gap: str) -> str | None:
    match = _BEFORE.search(gap[-80:])
    return _level_text(match["level"]) if match else None


def _groups(text: str, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions joined by ',', 'and', '/' or '&' form a list that can share one level."""
    groups: list[list[_Mention]] = []
    for mention in mentions:
        if groups and _LIST_SEP.fullmatch(text[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _grid(gap: str) -> dict[str, str] | None:
    """Europass self-assessment: five CEFR levels in its column order, or skills named."""
    five = _FIVE.match(gap)
    pairs: list[tuple[str | None, str]]
    if five:
        pairs = list(zip(_GRID_SKILLS, five.groups(), strict=True))
    else:
        pairs = [(skill_name(" ".join(m[1].split())), m[2]) for m in _SKILL_LEVEL.finditer(gap)]
    levels: dict[str, str] = {}
    for skill, level in pairs:
        if skill and (skill not in levels or level.upper() < levels[skill]):
            levels[skill] = level.upper()  # the lower of spoken interaction and production
    return levels if len(levels) >= 2 else None


def _group_levels(
    text: str, group: list[_Mention], bounds: tuple[int, int], listed: bool
) -> list[Level]:
    """Each member's level: one before the list for all; one after it for the last member,
    or for all when the list is joined by 'and' or '/' rather than commas."""
    grid = _grid(text[group[-1].end : bounds[1]]) if listed and len(group) == 1 else None
    if grid is not None:
        return [grid]
    before = _level_before(text[bounds[0] : group[0].start])
    after = _level_after(text[group[-1].end : bounds[1]], listed)
    joins = [text[a.end : b.start] for a, b in itertools.pairwise(group)]
    shared = not any("," in j for j in joins)
    levels: list[Level] = []
    for position, _ in enumerate(group):
        mine = after if shared or position == len(group) - 1 else None
        cefr = [v for v in (mine, before) if v and _CEFR.fullmatch(v)]
        levels.append(cefr[0] if cefr else mine or before)
    return levels


def _read_languages(text: str, listed: bool) -> list[tuple[str, Level]]:
    """(language, level) pairs; outside a languages section only with a level or 'speaks'."""
    mentions = _mentions(text, listed)
    found: list[tuple[str, Level]] = []
    groups = _groups(text, mentions)
    for number, group in enumerate(groups):
        start = groups[number - 1][-1].end if number else 0
        end = groups[number + 1][0].start if number + 1 < len(groups) else len(text)
        levels = _group_levels(text, group, (start, end), listed)
        speaks = bool(_SPEAK.search(text[start : group[0].start]))
        if listed or speaks or any(levels):
            found += [(m.name, level) for m, level in zip(group, levels, strict=True)]
    return found


def _level_doubt(level: Level) -> str:
    if isinstance(level, str) and level_value(level) is None:
        return f"level {level!r} is not on any known scale"
    return ""


def _add_language(state: _State, index: int, unit: _Unit, name: str, level: Level) -> None:
    known = next((e for e in state.languages if e.fields["language"] == name), None)
    if known is not None:
        if "level" not in known.fields and level:
            known.set("level", level, f"stated again in {_quote(unit.text)}")
            known.doubt = _level_doubt(level)
        return
    entry = _Entry(unit.text, index, unit.block)
    entry.set("language", name)
    entry.set("level", level, "CEFR self-assessment grid" if isinstance(level, dict) else "")
    entry.doubt = _level_doubt(level)
    state.languages.append(entry)


def _languages(state: _State, index: int, unit: _Unit, listed: bool) -> bool:
    found = _read_languages(unit.text, listed)
    for name, level in found:
        _add_language(state, index, unit, name, level)
    return bool(found)


def _late_level(state: _State, index: int, unit: _Unit) -> bool:
    """A level alone on the line under its language, as LinkedIn pastes them."""
    last = state.languages[-1] if state.languages else None
    if last is None or last.index != index - 1 or "level" in last.fields:
        return False
    if not _LEVEL_LINE.fullmatch(unit.text):
        return False
    last.set("level", _level_in(unit.text), f"from the line below: {_quote(unit.text)}")
    return True


# --- claims, names, competencies -------------------------------------------------------

_NUMBER = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ]\w+)?|thirty)"
)
_CLAIM = re.compile(
    r"\b(?:(?:over|more\s+than|nearly|almost|around|about|some|approximately|at\s+least"
    rf"|close\s+to|upwards\s+of|in\s+excess\s+of)\s+)?{_NUMBER}\+?\s*(?:full\s+)?(?:years?|yrs)"
    r"['\u2019]?\s+(?:of|in|experience|working|with|as|at|on|professional|international"
    r"|progressively|relevant|field|managing|leading)\b"
    r"|\b(?:(?:over|more\s+than|nearly|almost|some)\s+)?(?:a|one|two|three)\s+(?:full\s+)?"
    r"(?:decades?|quarter[- ]century)\b",
    re.IGNORECASE,
)
_TITLE_LINE = re.compile(
    r"^(?:europass\s*$|(?:europass\s+)?(?:curriculum\s+vitae|cv(?:\s+summary)?|r[ée]sum[ée]"
    r"|candidate\s+summary)(?:\s*[:\u2014\u2013|-]\s*|\s+of\s+|\s*$))",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HONORIFIC = re.compile(r"^(?:(?:dr|mr|mrs|ms|mx|prof|h\.\s?e)\.?\s+)+", re.IGNORECASE)
_NAME_LABEL = re.compile(r"^(?:full\s+|candidate(?:'s)?\s+)?name\s*:\s*(.+)$", re.IGNORECASE)
_ID_LABEL = re.compile(r"^(?:candidate\s+)?id\s*:\s*(\S{1,40})$", re.IGNORECASE)
_MY_NAME = re.compile(r"\b[Mm]y name is\s+(.+?)(?=\s+and\b|\s*[,.;(]|$)")
_OPENING = re.compile(r"^(.{3,60}?)\s+is\s+(?:a|an|the)\b")
_NAME_AND_MORE = re.compile(r"^(.{3,60}?)\s*(?:[\u2014\u2013|]|\s-\s)\s*\S")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019.-][^\W\d_]+)*\.?")
_PARTICLES = _words("de da do dos das del della di van von der den la le el al bin ibn y e du")
_NOT_NAME = _words(
    "curriculum vitae cv resume résumé summary profile notes note panel interview candidate "
    "review desk officer adviser advisor manager director head chief senior junior "
    "associate assistant programme program political affairs university ministry department "
    "office united nations experience education languages skills contact personal details "
    "information dear members kind regards sincerely best the and of for at in to target "
    "post about"
)


def _claims(state: _State, unit: _Unit) -> bool:
    """Stated totals ('over 12 years of experience in ...'): kept as claims, never as posts."""
    found = False
    for match in _CLAIM.finditer(unit.text):
        clause = re.split(r";|\.(?:\s|$)", unit.text[match.start() :], maxsplit=1)[0]
        if _tidy(clause) not in state.claims:
            state.claims.append(_tidy(clause))
        found = True
    return found


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 60:
        return False
    named = [w for w in words if w.lower() not in _PARTICLES]
    acronyms = [w for w in named if len(w) > 1 and w.isupper()]
    if (acronyms and len(acronyms) < len(named)) or _TITLE_WORDS.search(text):
        return False
    return all(_NAME_WORD.fullmatch(w) and w[0].isupper() for w in named) and not (
        _ORG_WORDS.search(text) or any(w.lower().strip(".,") in _NOT_NAME for w in words)
    )


def _set_name(state: _State, text: str, note: str) -> None:
    name = " ".join(_HONORIFIC.sub("", text).split())
    state.top["name"] = (name.title() if name.isupper() else name, note)


def _opening_name(state: _State, unit: _Unit) -> bool:
    """A name on one of the first lines: alone, after 'CV:', or before a dash."""
    text = _TITLE_LINE.sub("", unit.text).strip()
    if not text:
        return True  # a bare 'Curriculum vitae' title
    if _looks_like_name(text):
        _set_name(state, text, "the name at the top of the text")
        return True
    match = _NAME_AND_MORE.match(text)
    if match and _looks_like_name(match[1]):
        _set_name(state, match[1], "the name at the top of the text")
    return False


def _spoken_name(state: _State, index: int, unit: _Unit) -> None:
    """'My name is ...', or a first sentence 'Jonas Berg is a ...'."""
    match = _MY_NAME.search(unit.text) or (_OPENING.match(unit.text) if index == 0 else None)
    if match and _looks_like_name(match[1]):
        _set_name(state, match[1], f"from {_quote(unit.text)}")


def _email(state: _State, unit: _Unit) -> bool:
    """An e-mail address near the top or under personal details; True if that is the line."""
    match = _EMAIL.search(unit.text)
    if match is None or "email" in state.top or unit.section not in {None, "personal"}:
        return False
    state.top["email"] = (match[0], f"from {_quote(unit.text)}")
    return not _tidy(re.sub(r"(?i)\be-?mail\s*:?", "", unit.text.replace(match[0], "")))


def _identity(state: _State, index: int, unit: _Unit) -> bool:
    """The candidate's id, name and e-mail; True when that is all the unit says."""
    if _email(state, unit):
        return True
    labelled_id = _ID_LABEL.match(unit.text)
    if labelled_id and "id" not in state.top:
        state.top["id"] = (labelled_id[1], "the 'ID:' line")
        return True
    if "name" in state.top:
        return False
    labelled = _NAME_LABEL.match(unit.text)
    if labelled and _looks_like_name(labelled[1]):
        _set_name(state, labelled[1], "the 'Name:' line")
        return True
    first_line = state.units[0].line
    top = unit.section is None and unit.line <= first_line + 2
    opening = unit.first and (top or unit.section == "personal")
    if opening and _opening_name(state, unit):
        return True
    _spoken_name(state, index, unit)
    return False


def _add_competency(state: _State, value: str, note: str) -> None:
    if value.casefold() not in {c.casefold() for c, _ in state.competencies}:
        state.competencies.append((value, note))


@functools.lru_cache(maxsize=8)
def _phrase_index(phrases: tuple[str, ...]) -> tuple[tuple[Phrase, ...], PhraseIndex]:
    """A vacancy's competency phrases compiled and indexed once, for every CV of a run."""
    compiled = compile_exact(phrases)
    return compiled, PhraseIndex(compiled, exact=True)


def _phrases(state: _State, text: str, phrases: Sequence[str]) -> None:
    """Each competency phrase found in the text, case-insensitive and word-bounded: every
    phrase in one pass over the text, through the engine's phrase index."""
    compiled, index = _phrase_index(tuple(str(p) for p in phrases))
    if not compiled:
        return
    found = index.scan(" ".join(exact_keys(text)))
    for phrase in compiled:
        if phrase.stems in found:
            value = " ".join(phrase.original.split())
            _add_competency(state, value, f"found {_quote(value)} in the text")


# --- sections --------------------------------------------------------------------------


def _summary(state: _State, index: int, unit: _Unit) -> bool:
    if unit.heading:  # a sub-heading of the summary is its structure, not its text
        return True
    if _told_post(state, index, unit):
        return True
    state.summary.append(unit.text + unit.tail)
    _claims(state, unit)
    _languages(state, index, unit, listed=False)
    return True


_IN_SUMMARY = "a post told in the summary: read from prose"


def _told_post(state: _State, index: int, unit: _Unit) -> bool:
    """A post told in a sentence of the summary ('Since March 2021 I have been Head of the
    Policy Unit at the Green Climate Fund'), when the sentence names both title and
    employer; uncertain, as prose is."""
    found = _all_dates(unit.text, experience=False) if _PROSE.search(unit.text) else []
    role = _narrative_role(_rest(unit.text, found)) if found else None
    if role is None or not (role[0] and role[1]) or _CLAIM.search(unit.text):
        return False
    before = len(state.experience)
    _post(state, index, unit)
    for entry in state.experience[before:]:
        entry.doubt = entry.doubt or _IN_SUMMARY
    return len(state.experience) > before


def _skills(state: _State, index: int, unit: _Unit) -> bool:
    """Short items of a skills list; a long one is a sentence, left unplaced."""
    items = [i for i in (_tidy(i) for i in _split_outside(unit.text, ",;•·|")) if i]
    short = [i for i in items if len(i.split()) <= 6]
    for item in short:
        _add_competency(state, item, "listed under the skills heading")
    if short:
        state.unplaced += [i for i in items if i not in short]
    return bool(short)


def _language_section(state: _State, index: int, unit: _Unit) -> bool:
    return _languages(state, index, unit, listed=True) or _late_level(state, index, unit)


def _education(state: _State, index: int, unit: _Unit) -> bool:
    return (
        _degrees(state, index, unit, anywhere=True)
        or _degree_dates(state, index, unit)
        or _institution(state, index, unit)
    )


def _other(state: _State, index: int, unit: _Unit) -> bool:
    claims = _claims(state, unit)
    return _languages(state, index, unit, listed=False) or claims


def _free(state: _State, index: int, unit: _Unit) -> bool:
    """Outside the typed sections: claims, languages, then a degree or a dated post."""
    claims = _claims(state, unit)
    languages = _languages(state, index, unit, listed=False)
    if _degrees(state, index, unit, anywhere=False):
        return True
    return (not claims and _post(state, index, unit)) or claims or languages


_BARE_LABEL = re.compile(r"[^\W\d_][\w ()/'\u2019-]{0,40}:")  # 'Other language(s):', a sub-heading
_HANDLERS: dict[str, Callable[[_State, int, _Unit], bool]] = {
    "summary": _summary,
    "skills": _skills,
    "languages": _language_section,
    "education": _education,
    "other": _other,
    "personal": _other,
}


def _place(state: _State, index: int, unit: _Unit) -> None:
    if unit.section != state.section:
        _flush(state)
        _expire_institution(state, len(state.units) + 1)
        state.post = state.awaiting = None
        state.section = unit.section
    _expire_institution(state, index)
    if _identity(state, index, unit) or _BARE_LABEL.fullmatch(unit.text):
        return
    if not _HANDLERS.get(unit.section or "", _free)(state, index, unit):
        _text(state, index, unit)


# --- result ----------------------------------------------------------------------------

_FIELDS = {
    "education": ("degree", "field", "institution", "year"),
    "experience": ("title", "organisation", "start", "end", "description"),
    "languages": ("language", "level"),
}
_DEFAULT_NOTES = {
    "degree": "degree as written",
    "field": "the subject named with the degree",
    "institution": "the institution named with the degree",
    "year": "the year given with the degree",
    "title": "job title as written",
    "organisation": "organisation as written",
    "start": "start date as written",
    "end": "end date as written",
    "description": "the lines under the post",
    "language": "language as named",
    "level": "the level stated with the language",
}


def _entries(kind: str, entries: list[_Entry]) -> tuple[list[dict[str, Any]], list[Note]]:
    data, notes = [], []
    for number, entry in enumerate(entries):
        keys = [k for k in _FIELDS[kind] if k in entry.fields]
        data.append({k: entry.fields[k] for k in keys})
        for position, key in enumerate(keys):
            message = entry.notes.get(key, "" if position == 0 else _DEFAULT_NOTES[key])
            if position == 0:
                message = "; ".join(
                    filter(None, [f"inferred from {_quote(entry.source)}", message])
                )
            notes.append(Note((kind, number, key), message))
        if entry.doubt:
            notes.append(Note((kind, number), f"uncertain: {entry.doubt}"))
    return data, notes


def _cap(state: _State) -> list[str]:
    """Each list cut to MAX_ENTRIES, with a note saying so."""
    notes = []
    for kind in ("education", "experience", "languages", "competencies"):
        entries = getattr(state, kind)
        if len(entries) > MAX_ENTRIES:
            notes.append(f"only the first {MAX_ENTRIES} of {len(entries)} {kind} entries are kept")
            del entries[MAX_ENTRIES:]
    return notes


def _result(state: _State, document_notes: list[str]) -> Extraction:
    data: dict[str, Any] = {}
    notes = [Note((), message) for message in document_notes]
    for key in ("id", "name", "email"):
        if key in state.top:
            data[key], message = state.top[key]
            notes.append(Note((key,), message))
    for kind in ("education", "experience", "languages"):
        entries = getattr(state, kind)
        if entries:
            data[kind], entry_notes = _entries(kind, entries)
            notes += entry_notes
    if state.competencies:
        data["competencies"] = [value for value, _ in state.competencies]
        notes += [Note(("competencies", i), n) for i, (_, n) in enumerate(state.competencies)]
    if state.summary:
        data["summary"] = " ".join(state.summary)
        notes.append(Note(("summary",), "the text under the summary heading"))
    uncertain = frozenset(
        (kind, number)
        for kind in ("education", "experience", "languages")
        for number, entry in enumerate(getattr(state, kind))
        if entry.doubt
    )
    return Extraction(data, tuple(notes), tuple(state.unplaced), uncertain, tuple(state.claims))


def extract(text: str, competency_phrases: Sequence[str] = ()) -> Extraction:
    """Read a plain-text or Markdown CV summary into the native CV mapping, with notes."""
    cleaned, document_notes = _clean(text)
    state = _State(_units(cleaned), day_first=_day_first(cleaned))
    for index, unit in enumerate(state.units):
        _place(state, index, unit)
    _flush(state)
    _expire_institution(state, len(state.units) + 1)
    _phrases(state, cleaned, competency_phrases)
    return _result(state, document_notes + _cap(state))


# --- YAML ------------------------------------------------------------------------------

_NOT_IN_COMMENT = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


# plain scalars that YAML 1.2 readers, unlike PyYAML, would take for numbers or booleans
_PLAIN_12 = re.compile(
    r"[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|0o[0-7]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|true|false|True|False|TRUE|FALSE|null|Null|NULL|~"
)


def _scalar(value: Any) -> str:
    """One value as YAML that loads back as itself: '2016', 'no' and '12' stay strings."""
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    options: dict[str, Any] = {"allow_unicode": True, "width": 1 << 30}
    text = str(yaml.safe_dump(value, **options)).removesuffix("\n").removesuffix("\n...")
    if re.search("[\n\r\x85\u2028\u2029]", text):
        text = yaml.safe_dump(value, default_style='"', **options).removesuffix("\n")
    elif isinstance(value, str) and text == value and _PLAIN_12.fullmatch(value):
        text = yaml.safe_dump(value, default_style="'", **options).removesuffix("\n")
    return text


def _comment_text(message: str) -> str:
    return " ".join(_NOT_IN_COMMENT.sub(" ", message).split())


def _comment(notes: dict[tuple[str | int, ...], list[str]], path: tuple[str | int, ...]) -> str:
    messages = notes.get(path)
    return f"  # {_comment_text('; '.join(messages))}" if messages else ""


Notes = dict[tuple[str | int, ...], list[str]]


def _mapping_lines(
    data: dict[str, Any], path: tuple[str | int, ...], notes: Notes, indent: str
) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        lines += _item_lines(f"{indent}{_scalar(key)}:", value, (*path, key), notes, indent)
    return lines


def _item_lines(
    lead: str, value: Any, path: tuple[str | int, ...], notes: Notes, indent: str
) -> list[str]:
    if isinstance(value, dict) and value:
        return [lead + _comment(notes, path), *_mapping_lines(value, path, notes, indent + "  ")]
    if isinstance(value, list) and value:
        return [lead + _comment(notes, path), *_sequence_lines(value, path, notes, indent + "  ")]
    return [f"{lead} {_scalar(value)}{_comment(notes, path)}"]


def _sequence_lines(
    items: list[Any], path: tuple[str | int, ...], notes: Notes, indent: str
) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(items):
        here = (*path, number)
        if isinstance(item, dict) and item:
            lines += [f"{indent}# {_comment_text(m)}" for m in notes.get(here, [])]
            body = _mapping_lines(item, here, notes, indent + "  ")
            lines += [f"{indent}- {body[0].lstrip()}", *body[1:]]
        else:
            lines += _item_lines(f"{indent}-", item, here, notes, indent)
    return lines


def _comment_block(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return []
    return ["", f"# {title}:", *(f"#   - {_comment_text(item)}" for item in items)]


def to_yaml(extraction: Extraction) -> str:
    """Native YAML for ``extraction.data``, a comment on every inferred value, then comment
    blocks listing the unplaced sentences and the claims; it loads back to ``data``."""
    notes: Notes = {}
    for note in extraction.notes:
        notes.setdefault(note.path, []).append(note.message)
    lines = [f"# {_comment_text(m)}" for m in notes.get((), [])]
    lines += _mapping_lines(extraction.data, (), notes, "") or ["{}"]
    lines += _comment_block(
        "Unplaced (not read into any field; check by hand)", extraction.unplaced
    )
    lines += _comment_block("Claims (stated totals, not counted as posts)", extraction.claims)
    return "\n".join(lines) + "\n"
