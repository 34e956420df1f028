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
from functools import lru_cache

from jobscreen.cv import Post, days_in_month

_COUNT = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|a hundred|over \d+|more than \d+|around \d+)"
)
_HEADS = (
    r"head of|head(?=,)|deputy head|director|chief|minister|ambassador|"
    r"permanent representative|high commissioner|special representative|special envoy|"
    r"commander|commandant|secretary-general|secretary general|under-secretary|"
    r"assistant secretary|permanent secretary|secretary of state|state secretary|"
    # French: chef, directeur, ambassadeur, représentant permanent, envoyé spécial ...
    r"chef|cheffe|directeur|directrice|sous-directeur|sous-directrice|ministre|ambassadeur|"
    r"ambassadrice|représentant permanent|représentante permanente|représentant spécial|"
    r"représentante spéciale|envoyé spécial|envoyée spéciale|haut-commissaire|"
    r"secrétaire général|secrétaire générale|secrétaire d'état"
)
# senior civil-service and diplomatic ranks that are not heads of anything by themselves
_RANKS = (
    r"undersecretary|under secretary|joint secretary|additional secretary|"
    r"chargé d'affaires|charge d'affaires|chargée d'affaires|minister[- ]counsell?or|"
    r"ministre[- ]conseiller|ministre[- ]conseillère"
)
QUALIFIER_HINTS = {
    "managerial": re.compile(
        rf"\b(manager|management of|managed|managing|{_HEADS}|supervis\w*|team lead\w*|"
        r"led (a|the) (team|unit|section|division|office)|line manag\w*)\b"
    ),
    "senior": re.compile(
        rf"\b(senior|principal|principale|deputy|adjoint|adjointe|{_HEADS}|vice[- ]president|"
        rf"president|président|présidente|ceo|envoy|{_RANKS}|"
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
# Verbs of running a group of people, in every form a CV uses them (English and French) ...
_LEAD = (
    r"lead|leads|led|leading|head|heads|headed|heading|manage|manages|managed|managing|"
    r"line[- ]manage[sd]?|line[- ]managing|supervise|supervises|supervised|supervising|"
    r"oversee|oversees|oversaw|overseeing|overseen|direct|directs|directed|directing|"
    r"run|runs|ran|running|coordinated a team of|"
    r"dirige|dirigé|dirigée|dirigeais|dirigeait|diriger|encadre|encadré|encadrée|encadrais|"
    r"encadrait|encadrer|supervise|supervisé|supervisée|supervisais|supervisait|pilote|"
    r"piloté|pilotée|anime|animé|animée|gère|géré|gérée|gérais|gérait"
)
# ... and the groups: units of an organisation, or people by what they do.
_GROUP = (
    r"team|teams|unit|units|section|sections|office|staff|division|department|branch|"
    r"directorate|secretariat|mission|delegation|personnel|workforce|officers|officials|"
    r"advisers|advisors|analysts|specialists|experts|consultants|colleagues|people|persons|"
    r"employees|researchers|engineers|diplomats|deminers|managers|professionals|"
    r"coordinators|assistants|associates|reports|"
    r"équipe|équipes|unité|service|bureau|direction|directions|délégation|agents|"
    r"conseillers|conseillères|collaborateurs|collaboratrices|fonctionnaires|analystes|"
    r"cadres|salariés|employés|personnes"
)
_DETERMINER = (
    r"a|an|the|my|our|his|her|its|their|this|that|une|un|l'|le|la|les|des|son|sa|ses|mon|ma|"
    r"mes|notre|nos|cette|ce"
)
# up to two other words before the group ("a small team", "12 national staff"), never a
# preposition ("led by the team leader" is no team led)
_FILLER = r"(?:(?!(?:by|to|for|with|on|in|of|and|from|par|pour|avec|sur|dans|et)\b)[\w'-]+\s+)"
# a description naming the post's rank: "served as Deputy Head of Mission", "rank of Ambassador"
_ROLE = (
    r"(?:served|serves|serving|acted|acting|appointed|promoted|rank|"
    r"en qualité|en tant que|au rang|avec rang)\s+(?:as|of|to|de|d'|que)?\s*"
    rf"(?:the\s+|a\s+|an\s+)?(?:deputy\s+|acting\s+|interim\s+)?(?:{_HEADS}|{_RANKS})"
)
_NOT_POSSESSIVE = r"(?!['\u2019]s\b)"  # "managed the office's budget" is no office managed
# What a post's description may say of it, beyond its title: a team led or staff
# supervised, the rank held; colleagues from several countries.
DESCRIPTION_HINTS = {
    "managerial": re.compile(
        rf"\b(?:(?:{_LEAD})\s+(?:(?:{_DETERMINER})\s*)?(?:{_COUNT}\s+)?{_FILLER}{{0,2}}"
        rf"(?:{_GROUP}){_NOT_POSSESSIVE}|team of {_COUNT}|staff of {_COUNT}|équipe de \d+|"
        rf"line manag\w+|direct reports|{_ROLE})\b",
        re.IGNORECASE,
    ),
    "international": re.compile(
        rf"\b(?:(?:of )?{_COUNT} (?:different )?nationalities|from {_COUNT} (?:\w+ )?(?:countries|"
        r"member states|member countries|nations)|(?:originaires )?de \d+ (?:nationalités|pays|"
        r"états membres|pays membres)|"
        r"multinational|multicultural team|international team|international staff)\b",
        re.IGNORECASE,
    ),
    # the rank, or a large group led: "managed a division", "supervised 25 staff"
    "senior": re.compile(
        rf"\b(?:{_ROLE}|"
        rf"(?:{_LEAD})\s+(?:(?:{_DETERMINER})\s*)?{_FILLER}{{0,2}}"
        rf"(?:division|department|directorate|branch|directions?|département){_NOT_POSSESSIVE}|"
        r"(?:team|staff|équipe) (?:of|de) (?:[1-9]\d{1,3}|twelve|fifteen|twenty|thirty)|"
        rf"(?:{_LEAD})\s+(?:(?:{_DETERMINER})\s+)?"
        r"(?:[1-9]\d{1,3}|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|over \d+|"
        r"more than \d+)\s+(?:[\w-]+\s+)?(?:staff|people|officers|officials|employees|"
        r"personnel|colleagues|advisers|advisors|analysts|experts|specialists|agents|"
        r"collaborateurs|fonctionnaires|personnes|conseillers))\b",
        re.IGNORECASE,
    ),
}
# people from a list of places: "advisers from Kenya, Uganda and Sudan" (tried only where a
# sentence has a list of capitalised words)
_PLACES = re.compile(
    rf"\b(?:{_GROUP}|members|nationals)\b[^.;:]{{0,40}}?\b(?:from|of|de|du|des)\s+"
    r"(?-i:[A-Z][\w'-]+(?: [A-Z][\w'-]+)?(?:, [A-Z][\w'-]+(?: [A-Z][\w'-]+)?)+,? "
    r"(?:and|et) (?:the )?[A-Z])",
    re.IGNORECASE,
)
_LIST = re.compile(r"[A-Z][\w'-]*, [A-Z]")
_WORD = re.compile(r"[^\W\d_][\w']*")
_TENS = re.compile(r"\b[1-9]\d")


def _words_of(pattern: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(pattern) if len(w) > 2 and w != "the")


_RANKED = frozenset({"served", "serves", "serving", "acted", "acting", "appointed", "promoted",
    "rank", "qualité", "tant", "rang"})  # fmt: skip
_LARGE = frozenset({"division", "department", "directorate", "branch", "direction", "directions",
    "département", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "over",
    "more"})  # fmt: skip
_ABROAD = frozenset({"nationalities", "nationalités", "countries", "states", "nations", "pays",
    "membres", "multinational", "multicultural", "international"})  # fmt: skip
# a word every match of a description hint holds: a sentence without one is not tried (a
# senior one: a rank, a large unit, or a number of ten or more, in figures or in words)
_HINT_WORDS = {
    "managerial": _words_of(_LEAD) | _RANKED | {"team", "staff", "équipe", "line", "direct"},
    "senior": _RANKED | _LARGE,
    "international": _ABROAD,
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
    found = _described(post, qualifier, own)
    return f"inferred from description ('{found[0]}')" if found else None


@lru_cache(maxsize=4096)
def _sentences(description: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """A description's sentences with their lowercase words, once for every qualifier."""
    return tuple(
        (sentence, frozenset(_WORD.findall(sentence.lower())))
        for sentence in _SENTENCE.split(description)
    )


def _described(post: Post, qualifier: str, own: Callable[[str], str]) -> tuple[str, str] | None:
    """The words of a post's description that show a qualifier, and their sentence."""
    described = DESCRIPTION_HINTS.get(qualifier)
    if described is None or not post.description:
        return None
    for sentence, words in _sentences(own(post.description)):  # a denial holds its own
        found = None
        if not _HINT_WORDS[qualifier].isdisjoint(words) or (
            qualifier == "senior" and _TENS.search(sentence)
        ):
            found = described.search(sentence)
        if found is None and qualifier == "international" and _LIST.search(sentence):
            found = _PLACES.search(sentence)
        if found and not _DENIED.search(sentence):
            return found[0], sentence
    return None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january janvier jan", "february février fevrier feb", "march mars mar",
            "april avril apr", "may mai", "june juin jun", "july juillet jul",
            "august août aout aug", "september septembre sep sept", "october octobre oct",
            "november novembre nov", "december décembre decembre dec",
        ),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
_SINCE = re.compile(
    r"\b(?:since|as of|from|starting in|depuis|à partir de|dès)\s+(?:(?:le\s+)?(?:1er\s+)?"
    rf"({'|'.join(sorted(_MONTHS, key=len, reverse=True))})\.?\s+)?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def qualifier_since(
    post: Post, qualifier: str, own: Callable[[str], str] = lambda text: text
) -> dt.date | None:
    """When a qualifier that only the description shows began, if its sentence says so
    ("Since April 2024 I have supervised two officers"): the post has it from then on."""
    found = _described(post, qualifier, own)
    since = _SINCE.search(found[1]) if found else None
    if since is None:
        return None
    month = _MONTHS[since[1].lower()] if since[1] else 1
    return dt.date(int(since[2]), month, 1)


def years_text(years: float) -> str:
    """Years to one decimal, rounded down so that 9.96 never reads as 10."""
    # 1e-9: a sum of fractions of years may land a hair under a whole tenth
    return f"{int(years * 10 + 1e-9) / 10:g}"
