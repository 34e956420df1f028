"""A post's title and organisation from the lines beside its dates, labelled fields and prose."""

from __future__ import annotations

import re

from jobscreen.extract.dates import _DURATION, _LEAD, _Dates
from jobscreen.extract.narrative import Role, _narrative_role
from jobscreen.extract.sections import _split_outside
from jobscreen.extract.state import _named, _tidy
from jobscreen.extract.words import _JOINERS, _PROSE, _alternation, _listed

_TITLE_WORDS = re.compile(
    r"\b(?:officer|advis[eo]r|director|head|chief|manager|co-?ordinator|consultant|specialist"
    r"|assistant|associate|analyst|secretary|attach[ée]|ambassador|counsell?or|representative"
    r"|researcher|fellow|lecturer|professor|intern|expert|envoy|delegate|deputy|organi[sz]er"
    r"|editor|rapporteur|facilitator|trainer|inspector|monitor|administrator|economist|lawyer"
    r"|judge|volunteer|leader|president|chair(?:person)?|member|clerk|engineer|scientist"
    r"|journalist|teacher|interpreter|translator|commissioner"
    rf"|{_alternation(_listed('title_words'))})(?!\w)",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(?:ministry|department|office|organi[sz]ation|united nations|UN|UNDP|UNICEF|UNHCR"
    r"|UNFPA|UNODC|UNESCO|UNIDIR|OSCE|OHCHR|OPCW|IOM|NATO|EU|NGO|council|commission|committee"
    r"|embassy|mission|delegation|agency|fund|bank|foundation|institute|university|college"
    r"|school|cent(?:re|er)|secretariat|court|tribunal|union|network|coalition|association"
    r"|society|government|parliament|authority|company|ltd|inc|gmbh|forum|alliance|group"
    r"|corps|federation|trust"
    rf"|{_alternation(_listed('organisation_words'))})(?!\w)",
    re.IGNORECASE,
)
_AT = re.compile(r"\s+at\s+(?:the\s+)?(?=[A-Z])")

_FIELD = re.compile(
    r"^(?P<label>(?:functional|job|post|position|official|exact)\s+title"
    r"(?:\s+of\s+(?:your\s+)?(?:post|position))?|title|positions?(?:\s+held)?"
    r"|function|occupation|(?:name\s+(?:and\s+address\s+)?of\s+)?employer|organi[sz]ation"
    r"|agency|(?:description\s+of\s+)?(?:main\s+)?(?:duties|responsibilities|activities)"
    r"(?:\s+and\s+responsibilities)?|description|achievements"
    rf"|{_alternation(_listed('post_labels'))})\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_FIELD_KEYS = (
    ("description", r"dut|respons|activit|descr|achiev|attribution"),
    ("organisation", r"employ|organi|agency"),
    ("title", r"."),
)
_NO_ROLE = "no title or organisation found"


def _rest(text: str, periods: list[_Dates]) -> str:
    """A post line without its dates, durations and lead-in label: title and organisation."""
    bounds = [0, *(i for d in periods for i in d.span), len(text)]
    rest = " ".join(text[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True))
    rest = re.sub(r"\(\s*[,;]?\s*\)|\[\s*[,;]?\s*\]", " ", _DURATION.sub(" ", rest))
    rest = _tidy(_JOINERS.sub("", _LEAD.sub("", _tidy(rest))))
    return "" if re.fullmatch(r"[A-Z]", rest) else rest  # 'A. From: ...': a form's item letter


# small words inside a place's name or between two ('Rio de Janeiro and Port-au-Prince')
_PLACE_JOINS = frozenset({"and", "et", "und", "y", "e", "de", "del", "do", "da", "du", "la", "of"})


def _is_place(text: str) -> bool:
    words = [w for w in text.replace(",", " ").split() if w not in _PLACE_JOINS]
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
    # 'Jan 2019 - present, Geneva', or 'Jan 2019 - present  Vienna, Austria' (Europass)
    spaced = text[dates.span[1] : dates.span[1] + 1].isspace() and "," in rest
    placed = after[:1] in {",", "·", "|"} or spaced
    return (placed and _is_place(rest)) or _remark(after) is not None


def _remark(text: str) -> str | None:
    """A bracketed remark after a post's dates ('(on secondment from ...)'), else None."""
    match = re.fullmatch(r"\s*\(([^()]+)\)\s*[.;]?\s*", text)
    return _tidy(match[1]) if match else None


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
    for separator in (" | ", " \u00b7 ", " \u2014 ", " \u2013 ", " - "):
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


def _wrapped_title(first: str, second: str) -> Role | None:
    """'Senior Adviser on Humanitarian Access and Civil-Military' / 'Coordination, Office
    for the Coordination of ...': a long title wrapped onto the employer's line, whose
    first part names no employer while the rest does."""
    parts = _split_outside(second, ",")
    if len(parts) < 2 or len(first.split()) < 5 or not _TITLE_WORDS.search(first):
        return None
    head, rest = parts[0], ",".join(parts[1:])
    if _ORG_WORDS.search(head) or _TITLE_WORDS.search(head) or not _ORG_WORDS.search(rest):
        return None
    return _tidy(f"{first} {head}"), _tidy(rest), ""


def _role(lines: list[str]) -> Role:
    """Title and organisation from one line ('Title, Org') or two (title, then org)."""
    if len(lines) == 2:
        return _wrapped_title(*lines) or (_tidy(lines[0]), _tidy(lines[1]), "")
    return _split_role(lines[0]) if lines else (None, None, "")
