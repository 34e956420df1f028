"""Text into lines and units: cleaning, Markdown marks, headings and their sections, sentences."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

from jobscreen.errors import UNSAFE
from jobscreen.extract.words import _LOCAL_LEVELS, _LOCAL_MONTHS, _PROSE, _WORDING, _listed, _words

MAX_CHARS = 200_000  # no CV summary is longer; the rest is dropped, with a note
MAX_PIECE = 1_000  # longer sentences are read in slices, which keeps every pattern fast


# the characters no CV text keeps (errors.UNSAFE), line separators and lone surrogates
_INVISIBLE = re.compile(f"[{UNSAFE}\u2028\u2029\ud800-\udfff]")
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
        "military education",
        "professional military education",
        "military training",
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


def joined_lines(text: str) -> list[_Line | None]:
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


# small words that never end a line of their own, in English and the wording files' languages
_DANGLING = _words("of in the and for to with from at by an a") | frozenset(_listed("dangling"))
_CLAUSE = re.compile(r",|\b(?:is|are|est|sont)\b")
_WRAP_WIDTH = 70  # a line this long that tells and stops mid-sentence was wrapped


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
    if line.text.isupper() or _heading(line.text) is not None:
        return False
    last = previous.text.rsplit(" ", 1)[-1]
    # 'et d'un DEA de' / 'relations ...'; a sentence's clause ('..., à la' / 'Mission ...',
    # '... is the Head ... in the' / 'Defence ...'); a title ending on 'of' over an
    # employer's name stays apart
    if last in _DANGLING and (line.text[0].islower() or _CLAUSE.search(previous.text)):
        return True
    if not _PROSE.search(previous.text):
        return False
    # a comma, or a word of a line as long as wrapped prose, also goes on ('... Studies,' /
    # 'University of Sussex (2013), and a Master ... from the Graduate' / 'School of ...')
    full = len(previous.text) >= _WRAP_WIDTH and last.rstrip(",").isalpha()
    return line.text[0].islower() or (last.isalpha() and last.islower()) or full


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
        # 'Langue maternelle : kirundi': a heading word that is also a level keeps it
        level = " ".join(match[1].lower().replace("(s)", "").split()) in _LOCAL_LEVELS
        return section, text if level and section == "languages" else match[2]
    return None, text


_FORM_HEADING = re.compile(r"^([^\W\d_a-z][^\Wa-z\d]*(?:[ &/'-]+[^\Wa-z\d]+){0,4})\.\s+(\S.*)$")


def _form_heading(text: str) -> tuple[str, str] | None:
    """A form's heading in capitals and its question on one line ('17. LANGUAGES. What is
    your mother tongue? Italian'): the section it opens, and the rest of the line."""
    match = _FORM_HEADING.match(text)
    section = _heading(match[1]) if match else None
    return (section, match[2]) if match and section else None


def abbreviated(before: str) -> bool:
    """Whether a full stop ends an abbreviation ('Jan.', 'LL.M.', 'K.') rather than a sentence."""
    match = _LAST_WORD.search(before[-40:])
    word = match[1].strip("(\"'\u201c\u2018").rstrip(".").lower() if match else ""
    return before.endswith(".") and (len(word) <= 1 or "." in word or word in _ABBREVIATIONS)


def split_sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        # only the last 40 characters tell: a copy of the whole run since the last end
        # made a line of 'A. B. A. B. ...' (none ends a sentence) quadratic
        if not abbreviated(text[max(start, match.start() - 40) : match.start()]):
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
    for sentence in split_sentences(text):
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


def _level_cell(heading: str, section: str | None, units: list[_Unit], text: str) -> bool:
    """'Arabe' / 'langue maternelle': under a language inside the languages section, a level
    phrase that also names a heading ('langue maternelle') is that language's level."""
    if heading != "languages" or section != "languages" or not units:
        return False
    if units[-1].section != "languages" or len(units[-1].text.split()) > 3:
        return False
    return " ".join(text.lower().split()) in _LOCAL_LEVELS


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
    for line in joined_lines(text):
        if line is None:
            block += 1
            continue
        heading = _heading(line.text)
        shouted = line.text.isupper() and len(line.text.split()) <= 5
        if heading is None and (line.md_heading or shouted):
            heading = _sub_section(line.text)
            if heading is None and line.md_heading and 0 < line.md_heading <= depth:
                section, depth = None, line.md_heading
        if heading is not None and not _level_cell(heading, section, units, line.text):
            section, block, depth = heading, block + 1, line.md_heading
            continue
        form = _form_heading(line.text)
        if form is not None:
            section, block, depth = form[0], block + 1, line.md_heading
        labelled, body = _labelled(form[1] if form else line.text)
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
