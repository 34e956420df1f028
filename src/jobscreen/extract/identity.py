"""The candidate's name, id and email, and stated totals ('over 12 years of ...') kept as claims."""

from __future__ import annotations

import re

from jobscreen.extract.roles import _ORG_WORDS, _TITLE_WORDS
from jobscreen.extract.sections import _Unit
from jobscreen.extract.state import _quote, _State, _tidy
from jobscreen.extract.words import _words

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
