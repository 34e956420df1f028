"""Dates of posts and degrees: ranges, open ends ('since 2016'), single years, day/month order."""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from jobscreen.cv import PRESENT, parse_partial_date
from jobscreen.extract.narrative import _narrative_role
from jobscreen.extract.state import _quote, _tidy
from jobscreen.extract.words import _LOCAL_MONTHS, _SINCE_WORDS, _alternation, _listed

# The years a number in a CV's text is read as (a career's, not 1900 staff or 2100 hours);
# narrower than the years a CV may state (limits.FIRST_YEAR to LAST_YEAR).
FIRST_TEXT_YEAR, LAST_TEXT_YEAR = 1950, 2049


def years_pattern(first: int, last: int) -> str:
    """A regex for the years first..last, by whole decades where it can ('19[5-9]\\d')."""
    parts, year = [], first
    while year <= last:
        if year % 10 or year + 9 > last:
            parts.append(str(year))
            year += 1
            continue
        decade = year // 10
        top = decade
        while (top + 1) * 10 + 9 <= last and (top + 1) // 10 == decade // 10:
            top += 1
        tens = f"[{decade % 10}-{top % 10}]" if top > decade else str(decade % 10)
        parts.append(f"{decade // 10}{tens}\\d")
        year = (top + 1) * 10
    return f"(?:{'|'.join(parts)})"


YEAR = years_pattern(FIRST_TEXT_YEAR, LAST_TEXT_YEAR)
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
# months in Roman numerals ('IX.2022'), as Ukrainian, Polish and other CVs write them
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN = rf"(?-i:{'|'.join(sorted(_ROMAN_MONTHS, key=len, reverse=True))})"
_DATE = (
    rf"(?:\b{_MONTH}\.?,?\s+(?:\d{{1,2}},?\s+)?{YEAR}"
    rf"|\b{_MONTH}-{YEAR}"  # 'Jul-2018'
    rf"|(?<![\w.]){_ROMAN}\.{YEAR}"
    rf"|{YEAR}/(?:0[1-9]|1[0-2])(?![\d/])"  # '2019/01'
    rf"|\b\d{{1,2}}\s+{_MONTH}\.?,?\s+{YEAR}"
    rf"|(?<![\d/.])\d{{1,2}}[/.]\d{{1,2}}[/.]{YEAR}"
    rf"|(?<![\d/.])(?:0?[1-9]|1[0-2])[/.]{YEAR}"
    rf"|{YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?"
    rf"|{YEAR}\.(?:0[1-9]|1[0-2])(?![\d.])"
    rf"|(?<!\d){YEAR})(?!\d)"
)
# the words a CV's end date says 'current' with (cv.PRESENT), after 'to', 'till' or 'until'
_PRESENT_WORDS = sorted(
    {re.sub(r"^(?:to|till)\s+", "", word) for word in PRESENT} | set(_listed("present")),
    key=lambda word: (-len(word), word),
)
_PRESENT = rf"(?:(?:to|till|until)\s+)?(?:the\s+)?(?:{_alternation(_PRESENT_WORDS)})(?!\w)"
_SEP = (
    r"[-\u2013\u2014\u2012\u2212\u2192]+|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b"
    # '2016-03/2021-05', '2021-06/present': a slash between year-months only
    rf"|(?<=\d-\d\d)/(?=\s*{YEAR}-\d\d|\s*{_PRESENT})"
    rf"|(?<!\w)(?:{_alternation(_listed('range_to'))})(?!\w)"
)
_RANGE = re.compile(
    rf"(?P<pre>\b(?:from|between|{_alternation(_listed('range_from'))})\s*:?\s+)?(?<![\w/.-])(?P<start>{_DATE})\s*(?P<sep>{_SEP})\s*:?\s*"
    rf"(?P<end>{_DATE}|{_PRESENT})(?![\w/])",
    re.IGNORECASE,
)
_MONTH_RANGE = re.compile(
    rf"(?<![\w/.-])(?P<from>{_MONTH})\.?\s*[-\u2013\u2014]\s*(?P<to>{_MONTH})\.?,?\s+"
    rf"(?P<year>{YEAR})(?![\w/])",
    re.IGNORECASE,
)
_SHORT = re.compile(rf"(?<![\w/.-])(?P<start>{YEAR})\s*[-\u2013\u2014/]\s*(?P<end>\d\d)(?![\w/.-])")
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
# '..., a position he took up on 1 February 2022': the start of the post the sentence names
_TOOK_UP = re.compile(
    r"\b(?:a|the)\s+(?:post|position|role|job|function)\s+(?:that\s+|which\s+)?"
    r"(?:I|he|she|they)\s+(?:took\s+up|assumed|took\s+on|started|began)\s+(?:on\s+|in\s+)?"
    rf"(?P<start>{_DATE})",
    re.IGNORECASE,
)
_NARRATED = re.compile(
    rf"\b(?:in|from)\s+(?P<start>{_DATE})(?P<middle>[^.;]{{1,200}}?)"
    # '... until 2003', '..., leaving in 2021', '... and left the Ministry in 2011'
    rf"\b(?:until|till|leaving(?:\s+(?:in|on))?|left(?:\s+[^.;,]{{1,60}}?)?\s+in)\s+(?P<end>{_DATE})",
    re.IGNORECASE,
)
# '... and was then posted to Vienna as Counsellor, where he served until March 2022': a post
# that starts where the one before it in the sentence ended
_CONTINUED = re.compile(
    rf"\b(?:then|later|subsequently|(?i:{_alternation(_listed('then'))}))\b[^.;]{{1,200}}?"
    rf"(?P<until>\b(?:until|till|(?i:{_alternation(_listed('until'))}))\s+(?P<end>{_DATE}))",
    re.IGNORECASE,
)
# 'from 2012 until she left for Djibouti in 2016': the end told in a clause of its own
_UNTIL_CLAUSE = re.compile(
    rf"\b(?:from|in)\s+(?P<start>{_DATE})\s+until\s+(?:I|he|she|they|we)\s+"
    rf"[^.;,]{{1,60}}?\bin\s+(?P<end>{_DATE})",
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
_YEARS = re.compile(rf"(?<!\d){YEAR}(?!\d)")


_EITHER = "day and month could be either way round; read day first"
_FULL_DATE = re.compile(rf"(?<![\d/.])\d{{1,2}}[/.]\d{{1,2}}[/.]{YEAR}(?!\d)")


@dataclass(frozen=True)
class _Dates:
    """The dates of a post: start, end ('present' for a current post), where, and how read."""

    start: str
    end: str
    span: tuple[int, int]
    note: str
    doubt: str = ""
    opens: int = (
        -1
    )  # where the words of a continued period begin ('then posted ...'), if not at span


def _day_month(text: str) -> tuple[str, str] | None:
    """'31/12/2018' -> ('2018-12-31', 'day first'); '01/09/2015' is read day first, 'either'."""
    match = re.fullmatch(rf"(\d{{1,2}})[/.](\d{{1,2}})[/.]({YEAR})", text)
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
    numeric = re.fullmatch(rf"(\d{{1,2}})[/.]({YEAR})", text)
    dotted = re.fullmatch(rf"({YEAR})[./](\d\d)", text)  # '2020.04' (Japanese), '2019/01'
    if dotted:
        text = f"{dotted[1]}-{dotted[2]}"
    roman = re.fullmatch(rf"({_ROMAN})\.({YEAR})", text)
    if roman:
        text = f"{roman[2]}-{_ROMAN_MONTHS.index(roman[1]) + 1:02d}"
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
    if re.match(r"\s*[)\]]?\s*[.;,]?\s*$", after):
        return True
    if before.endswith(("(", "[")):  # '(2013-2019 rounds)': a bracket's words are no post's
        return bool(re.match(r"\s*[)\],;]", after)) or not before[:-1].strip()
    if not before:
        return True
    return bool(re.match(r"\s*[)\]]?\s*(?:[:|·]|\s\s)", after))


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


def _month_range(text: str) -> _Dates | None:
    """'avril - septembre 2012', 'June-August 2015': months of one year, given once."""
    for match in _MONTH_RANGE.finditer(text):
        end = _date_value(f"{match['to']} {match['year']}")
        start = _date_value(f"{match['from']} {match['year']}")
        if start and end and start < end and _well_placed(text, *match.span()):
            return _Dates(start, end, match.span(), f"from {_quote(match[0])}: one year for both")
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


def _taken_up(text: str) -> _Dates | None:
    """'..., a position he took up on 1 February 2022': a post still held since then."""
    return _held_since(_TOOK_UP.search(text))


def _still_held(text: str) -> _Dates | None:
    """'joined the OSCE as Senior Adviser in 2009, a post she still holds': still in post."""
    return _held_since(_STILL.search(text))


def _held_since(match: re.Match[str] | None, why: str = "still in post") -> _Dates | None:
    """A post held from a match's start date to the present."""
    start = _date_value(match["start"]) if match else None
    if match is None or start is None:
        return None
    return _Dates(start, "present", match.span(), f"{_quote(match[0])}: {why}")


def _narrated(text: str) -> _Dates | None:
    """'She began her career in 1999 as a Researcher at the Peace Research Institute Oslo,
    where she worked ... until 2003', 'From 2016 until I joined the Fund I was ... at ...,
    leaving in February 2021': a start and an end told apart in one sentence, read only
    where the words between name both the title and the employer."""
    match = _NARRATED.search(text)
    if match is None:
        return None
    role = _narrative_role(match["middle"])
    start, end = _date_value(match["start"]), _date_value(match["end"])
    if not (role and role[0] and role[1] and start and end and _ordered(start, end)):
        return None
    note = f"told in a sentence: {_quote(match['start'])} ... {_quote(match['end'])}"
    return _Dates(start, end, match.span("start"), note)


def _continued(text: str) -> _Dates | None:
    """'... and was then posted to Vienna ..., where he served until March 2022': an end only;
    the start is the end of the period before it (see _all_dates)."""
    match = _CONTINUED.search(text)
    end = _date_value(match["end"]) if match else None
    if match is None or end is None:
        return None
    note = f"{_quote(match[0])}: from the post before"
    return _Dates("", end, match.span("until"), note, opens=match.start())


def _until_clause(text: str) -> _Dates | None:
    """'from 2012 until she left for Djibouti in 2016, she was ...': a start and an end."""
    match = _UNTIL_CLAUSE.search(text)
    if match is None:
        return None
    start, end = _date_value(match["start"]), _date_value(match["end"])
    if not (start and end and _ordered(start, end)):
        return None
    return _Dates(start, end, match.span(), f"told in a sentence: {_quote(match[0])}")


_OPEN = re.compile(
    rf"(?<![\w/.-])(?P<start>{_DATE})\s*[-\u2013\u2014\u2192]\s*(?=[)|]|\s\s|\t|$)", re.IGNORECASE
)


def _open_range(text: str) -> _Dates | None:
    """'10/2019 →', '1.3.2019 -': a range with nothing after its dash, a post still held."""
    match = _OPEN.search(text)
    if match is None or not _well_placed(text, *match.span()):
        return None
    return _held_since(match, "an open range, still in post")


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
    readers = (
        *(_ranged, _short_range, _month_range, _open_ended, _still_held, _narrated),
        *(_continued, _until_clause, _open_range, _taken_up),
    )
    found = [d for d in (f(text) for f in readers) if d]
    if found:
        return min(found, key=lambda d: d.span[0])
    return _single_year(text) if experience else None


def _shifted(dates: _Dates, offset: int) -> _Dates:
    opens = dates.opens + offset if dates.opens >= 0 else -1
    return dataclasses.replace(
        dates, span=(dates.span[0] + offset, dates.span[1] + offset), opens=opens
    )


def _all_dates(text: str, experience: bool) -> list[_Dates]:
    found: list[_Dates] = []
    offset = 0
    while len(found) < 20 and (dates := _find_dates(text[offset:], experience)) is not None:
        offset += dates.span[1]
        if dates.start == "":  # continued: it starts where the period before it ended
            before = found[-1].end if found else "present"
            if before == "present" or not _ordered(before, dates.end):
                continue
            dates = dataclasses.replace(dates, start=before)
        found.append(_shifted(dates, offset - dates.span[1]))
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
        cuts = [max(group[0].opens, 0) or group[0].span[0] for group in groups[1:]]
    else:
        cuts = [
            g[-1].span[1] + (text[g[-1].span[1] : g[-1].span[1] + 1] == ")") for g in groups[:-1]
        ]
    bounds = list(itertools.pairwise([0, *cuts, len(text)]))
    return [
        (text[a:b], [_shifted(d, -a) for d in group])
        for (a, b), group in zip(bounds, groups, strict=True)
    ]
