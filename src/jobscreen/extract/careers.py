"""Two posts told in one sentence: a promotion ('joined X in 2014 as Y and became Z in 2017')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobscreen.extract.dates import _DATE, _date_value, _ordered
from jobscreen.extract.state import _quote, _tidy

_ARTICLE = r"(?:an?\s+|the\s+)?"
_PROMOTION = re.compile(
    rf"(?:\b(?:in|since)\s+(?P<early>{_DATE}),?\s+(?:I|he|she|they)\s+)?"
    r"\b(?:(?:joined|entered|was\s+recruited\s+by)\s+(?:the\s+)?(?P<org>[A-Z][^;]{0,120}?)"
    # 'came to London in January 2016 as a Political Officer in the Good Offices section'
    r"|(?:came|moved|went|returned)\s+to\s+[A-Z][^\s,;]*(?:\s+[A-Z][^\s,;]*)?)"
    rf"\s+(?:in\s+(?P<joined>{_DATE}),?\s+)?as\s+{_ARTICLE}(?P<first>[A-Z][^;]{{0,100}}?)"
    r"(?:\s+(?:in|at|with)\s+(?:the\s+)?(?P<unit>[A-Z][^;,]{0,100}?))??"
    rf"(?:\s+in\s+(?P<late>{_DATE}))?,?\s+and\s+(?:was\s+)?(?:then\s+|later\s+)?"
    r"(?:became|promoted\s+to|appointed|rose\s+to(?:\s+become)?)\s+"
    rf"{_ARTICLE}(?P<second>[A-Z][^;,]{{0,100}}?)\s+in\s+(?P<changed>{_DATE})(?P<after>[^.;]*)",
    re.IGNORECASE,
)
_HELD_UNTIL = re.compile(rf"\b(?:until|till|leaving\s+in)\b[^.;]*?(?P<end>{_DATE})", re.IGNORECASE)
_STILL = re.compile(
    r"\b(?:still\s+holds?|holds?\s+(?:today|to\s+this\s+day)|(?:she|he|I|they)\s+holds?\b)",
    re.IGNORECASE,
)
_NO_END = "a promotion told in a sentence, with no end said for the later post: read as current"


@dataclass(frozen=True)
class Told:
    """A post read from a promotion sentence: its role, dates and how they were read."""

    title: str
    organisation: str
    start: str
    end: str
    note: str
    doubt: str = ""


def _second_end(after: str) -> tuple[str, str] | None:
    """The later post's end: 'a role I held until ... August 2020', 'the position she holds
    today' (current); no end said is current too, but in doubt."""
    until = _HELD_UNTIL.search(after)
    if until:
        end = _date_value(until["end"])
        return (end, "") if end else None
    return "present", "" if _STILL.search(after) else _NO_END


def promotion(text: str) -> tuple[Told, Told] | None:
    """'I joined the Regional Office in March 2014 as Programme Specialist, and became Regional
    Policy Adviser in July 2017, a role I held until August 2020': two posts at one employer,
    the change date ending the first and starting the second."""
    match = _PROMOTION.search(text)
    if match is None:
        return None
    start = _date_value(match["joined"] or match["late"] or match["early"] or "")
    changed = _date_value(match["changed"])
    ending = _second_end(match["after"])
    if not (start and changed and ending and _ordered(start, changed)):
        return None
    end, doubt = ending
    if not _ordered(changed, end):
        return None
    org = _tidy(", ".join(part for part in (match["org"], match["unit"]) if part))
    if not org:
        return None
    note = f"a promotion told in a sentence: {_quote(match[0])}"
    first = Told(_tidy(match["first"]), org, start, changed, note)
    return first, Told(_tidy(match["second"]), org, changed, end, note, doubt)
