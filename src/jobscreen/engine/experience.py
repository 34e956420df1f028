"""Years of experience from dated posts: intervals clipped to the as-of date, merged.

Overlapping posts are merged before counting, so two concurrent jobs never count twice.
A post given to the year runs from 1 January of its start year to 31 December of its end
year (a month: first to last day), the way a reader takes "2010-2015" to include 2015.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from jobscreen.cv import Post, days_in_month

_COUNT = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|a hundred|over \d+|more than \d+|around \d+)"
)
_HEADS = (
    r"head of|head(?=,)|director|chief|minister|ambassador|permanent representative|"
    r"high commissioner|special representative|special envoy|commander|commandant|"
    r"secretary-general|secretary general|under-secretary|assistant secretary|"
    # French: chef, directeur, ambassadeur, représentant permanent, envoyé spécial ...
    r"chef|cheffe|directeur|directrice|ministre|ambassadeur|ambassadrice|"
    r"représentant permanent|représentante permanente|représentant spécial|"
    r"représentante spéciale|envoyé spécial|envoyée spéciale|haut-commissaire|"
    r"secrétaire général|secrétaire générale"
)
QUALIFIER_HINTS = {
    "managerial": re.compile(
        rf"\b(manager|management of|managed|managing|{_HEADS}|supervis\w*|team lead\w*|"
        r"led (a|the) (team|unit|section|division|office)|line manag\w*)\b"
    ),
    "senior": re.compile(
        rf"\b(senior|principal|principale|deputy|adjoint|adjointe|{_HEADS}|vice[- ]president|"
        r"president|président|présidente|ceo|envoy|minister[- ]counsell?or|"
        r"p-?5|d-?1|d-?2)\b"  # the UN's senior professional and director grades
    ),
    # organisations by name (the UN, NATO, an embassy ...) are the employer kinds of
    # organisations.yaml, found by the context; these are the words that say it of any post
    "international": re.compile(r"\b(international|mission to|abroad|multinational)\b"),
    "multilateral": re.compile(
        r"\b(multilateral|intergovernmental|states parties|state parties|review conference|"
        r"delegations of member states|member states' delegations)\b"
    ),
}
# What a post's description may say of it, beyond its title: a team led or staff
# supervised; colleagues from several countries.
DESCRIPTION_HINTS = {
    "managerial": re.compile(
        r"\b(?:(?:managed|manage|managing|led|lead|leading|headed|heading|ran|running|"
        r"supervised|supervise|supervises|supervising|oversaw|oversee|oversees|directed|"
        r"directing|coordinated a team of|dirige|dirigé|dirigée|diriger|encadre|encadré|"
        r"encadrée|supervisé|supervisée|pilote|piloté)\s+"
        r"(?:a |an |the |my |our |his |her |une |un |l'|le |la |les |des )?"
        rf"(?:team|unit|section|office|staff|division|department|branch|directorate|secretariat|"
        rf"mission|delegation|personnel|{_COUNT}|équipe|unité|service|bureau|direction|"
        r"directions|délégation|personnel|agents|\d+)"
        rf"|team of {_COUNT}|équipe de \d+|(?:supervis\w+|managing|managed|leading|led) {_COUNT} "
        r"(?:staff|direct reports|people|officers|colleagues)"
        r"|line manag\w+|direct reports)\b",
        re.IGNORECASE,
    ),
    "international": re.compile(
        rf"\b(?:of {_COUNT} nationalities|from {_COUNT} (?:\w+ )?(?:countries|member states|"
        r"member countries|nations)|de \d+ nationalités|de \d+ pays|"
        r"multinational|multicultural team|international team|international staff)\b",
        re.IGNORECASE,
    ),
}
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n")
# Denials of a qualifier in a description: "no direct line management".
_DENIED = re.compile(
    r"\b(?:no|not|never|without|non-)\s*(?:direct\s+)?(?:line\s+)?"
    r"(?:management|managerial|manage|managed|supervis\w*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """One post's counted interval, inclusive, with its 0-based index in the CV."""

    start: dt.date
    end: dt.date
    index: int


def post_span(post: Post, index: int, as_of: dt.date) -> Span | None:
    """The post's interval up to the as-of date, or None if it starts after it."""
    start = post.start.first_day()
    if start > as_of:
        return None
    end = post.end.last_day() if post.end is not None else as_of
    return Span(start, min(end, as_of), index)


def _plus_months(day: dt.date, months: int) -> dt.date:
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return dt.date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


def calendar_months(first: dt.date, last: dt.date) -> float:
    """Months from the first to the last day, inclusive: whole calendar months, then the
    fraction of the next, so that 2014-01-01 to 2023-12-31 is exactly 120 (days / 365.25
    would make it 9.998 years, and ten years of posts would fall short of ten)."""
    stop = last + dt.timedelta(days=1)
    whole = (stop.year - first.year) * 12 + stop.month - first.month
    if _plus_months(first, whole) > stop:
        whole -= 1
    base = _plus_months(first, whole)
    return whole + (stop - base).days / (_plus_months(first, whole + 1) - base).days


def merged_years(spans: Iterable[Span]) -> float:
    """Years covered by the spans, counting overlapping time once."""
    months = 0.0
    current: tuple[dt.date, dt.date] | None = None
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if current is None or span.start > current[1] + dt.timedelta(days=1):
            if current is not None:
                months += calendar_months(*current)
            current = (span.start, span.end)
        elif span.end > current[1]:
            current = (current[0], span.end)
    if current is not None:
        months += calendar_months(*current)
    return months / 12


def qualifier_source(
    post: Post, qualifier: str, own: Callable[[str], str] = lambda text: text
) -> str | None:
    """Why a post has a qualifier: 'stated', 'inferred from ...', or None if it has not.

    Read from the title and employer, and from the description for what it can show
    (international, multilateral, managerial). ``own`` removes the names a text gives as a
    donor's or a partner's ("funded by UNDP"): they say nothing of the post.
    """
    flag = getattr(post, qualifier)
    if flag is not None:
        return "stated" if flag else None
    fields = [("title", post.title), ("organisation", post.organisation)]
    if qualifier in {"international", "multilateral"}:
        fields.append(("description", post.description))
    for name, value in fields:
        if value and QUALIFIER_HINTS[qualifier].search(own(value).lower()):
            return f"inferred from {name}"
    described = DESCRIPTION_HINTS.get(qualifier)
    if described is not None and post.description:
        for sentence in _SENTENCE.split(own(post.description)):  # a denial holds its own
            found = described.search(sentence)
            if found and not _DENIED.search(sentence):
                return f"inferred from description ('{found[0]}')"
    return None


def years_text(years: float) -> str:
    """Years to one decimal, rounded down so that 9.96 never reads as 10."""
    # 1e-9: a sum of fractions of years may land a hair under a whole tenth
    return f"{int(years * 10 + 1e-9) / 10:g}"
