"""Degrees: names from the degree vocabulary, with their field, institution and year."""

from __future__ import annotations

import re

from jobscreen.extract.dates import _DATE, _PRESENT, _YEARS, YEAR
from jobscreen.extract.degree_names import _HONOURS, Found, degree_names
from jobscreen.extract.roles import _is_place
from jobscreen.extract.sections import _Unit
from jobscreen.extract.state import _Entry, _quote, _State, _tidy
from jobscreen.extract.words import _alternation, _listed
from jobscreen.levels import EducationLevel, country_in, degree_field, degree_of

_DEGREE_VERB = re.compile(
    r"\b(?:holds?|holding|held|obtained|earned|completed|received|awarded|graduated|pursuing"
    r"|completing|gained|has|have|had|with|is|am|doing|studying|enrolled)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"an?|the|and\s+an?")
_LOCAL_BEFORE = re.compile(
    rf"(?<!\w)(?:{_alternation([w for w in _listed('degree_before') if len(w) > 4])})\s*$",
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
    rf"\bsince\s+{YEAR}|{YEAR}\s*[-\u2013\u2014]\s*(?:present|ongoing|now)\b", re.IGNORECASE
)
_INSTITUTION = re.compile(
    r"\b(?:Universi\w*|Coll[eè]ge|Colegio|Institut\w*|School|Academy|Acad[ée]mie|Hochschule|Polytechnic"
    r"|Escuela|Escola|Scuola"
    r"|Politecnico|Sciences Po|SOAS|LSE|[ÉE]cole|Faculty|Facult[ée]|Conservatoire)\b"
)
_ACRONYM = re.compile(r"[A-Z]{3,}")  # 'MBA, INSEAD 2007': a lone acronym names the school
_PART = r",|\s[|\u2013\u2014-]\s"
_TRAILING_AND = re.compile(
    r"[\s,;]*\b(?:and|&|et)\s*(?:an?|the|her|his|my|their|d['\u2019]une?|une?)?\s*$"
)
# where the institution begins: 'from the', 'at', or French 'de l'' before one's name
_FROM = re.compile(
    r"\s(?:from|at)\s+(?:the\s+)?"
    r"|\s(?:de|du|d['\u2019])\s*(?:l['\u2019]|la\s+)?(?=Universit|Institut|[ÉE]cole|Coll)"
)


def _progress(text: str, found: Found, rest: str) -> str:
    """Why a degree is in progress ('PhD candidate', 'pursuing a PhD'), else ''."""
    after = _PROGRESS_AFTER.match(rest)
    before = _PROGRESS_BEFORE.search(text[max(0, found.start - 50) : found.start])
    named = re.search(r"candidate|student", text[found.start : found.end], re.IGNORECASE)
    dated = _PROGRESS_DATES.search(rest)
    why = after or before or named or dated
    return why[0].strip(" ()") if why else ""


# a clause after the institution's name ('..., with a thesis on ...'): the sentence goes on
_CLAUSE = re.compile(r"(?:with|where|which|who|under|supervised|writing|after|then)\b")


def _before_clause(places: list[str]) -> list[str]:
    """The institution's parts up to a clause that goes on with the sentence."""
    cut = next((n for n, p in enumerate(places) if _CLAUSE.match(p)), len(places))
    return places[:cut]


def _degree_parts(rest: str) -> tuple[str | None, str | None]:
    """Field and institution from what follows a degree name."""
    rest = _TRAILING_AND.sub("", _HONOURS.sub(" ", rest).strip(" .;"))
    inside = [p.strip() for group in re.findall(r"\(([^()]*)\)", rest) for p in group.split(",")]
    outside = re.sub(r"\([^()]*\)", " ", rest)
    main, *place = _FROM.split(f" {outside}", maxsplit=1)
    chunks = [c for c in (_chunk(c) for c in re.split(_PART, _CAPS_FIELD.sub(r"\1, ", main))) if c]
    named = chunks and (
        _INSTITUTION.search(chunks[0]) or (len(chunks) == 1 and _ACRONYM.fullmatch(chunks[0]))
    )
    field_ = None if not chunks or named else chunks.pop(0)
    places = _before_clause([c for c in (_chunk(c) for c in re.split(_PART, ",".join(place))) if c])
    places += chunks
    places += [p for p in inside if _INSTITUTION.search(p)]
    if field_ is None:
        field_ = next((p for p in inside if p and not _YEARS.search(p) and p not in places), None)
    return field_, ", ".join(places) or None


# 'IN INTERNATIONAL STUDIES Charles University': a subject in capitals, then the institution
_CAPS_FIELD = re.compile(r"^(\s*(?:[^\W\d_a-z]{2,}\s+){1,}?[^\W\d_a-z]{2,})\s+(?=[A-Z][a-z])")
# 'EQF level 7' (Europass) or 'NQF level 8' beside a degree: its level, not its subject
_FRAMEWORK_LEVEL = re.compile(r"\b(?:EQF|NQF|ISCED)\s+level\s+\d\b", re.IGNORECASE)


def _chunk(text: str) -> str:
    """A comma-separated part of a degree line without connectors and bare years."""
    text = _YEARS.sub(" ", _FRAMEWORK_LEVEL.sub(" ", text)).strip(" -\u2013\u2014:")
    text = re.sub(r"^\s*(?:in|of|en|em|on|de)\s+", "", text, flags=re.IGNORECASE)
    text = _tidy(re.sub(r"\s+(?:in|on|of|en|de|since)\s*$", "", text.strip()))
    alone = text.lower() in {"in", "on", "of", "en", "de", "since", "and", "et"}
    return "" if alone or not re.search(r"[^\W\d_]", text) else text


_BRACKETED_YEAR = re.compile(rf"\(\s*{YEAR}\s*\)(?=\s*,\s*[a-z])")


def _degree_year(rest: str, before: str, progress: str) -> int | None:
    if progress:
        expected = re.search(rf"expected\D{{0,10}}({YEAR})", rest, re.IGNORECASE)
        return int(expected[1]) if expected else None
    years = _first_years(rest) or _YEARS.findall(before)
    return int(years[-1]) if years else None


_RANGE_JOIN = re.compile(r"\s*(?:[-\u2013\u2014/]|to|à)\s*")


def _first_years(text: str) -> list[str]:
    """The first year, or range of years, given with a degree: 'Hamburg (2009), with a thesis
    published (2011)' -> ['2009']; '2005 - 2009' -> ['2005', '2009']."""
    found = list(_YEARS.finditer(text))
    group = found[:1]
    for match in found[1:]:
        if not _RANGE_JOIN.fullmatch(text[group[-1].end() : match.start()]):
            break
        group.append(match)
    return [m[0] for m in group]


def _degree_entry(index: int, unit: _Unit, found: Found, end: int, alone: bool) -> _Entry:
    rest = unit.text[found.end : end]
    # '... from the University of Ghana (2006), she has worked ...': the year in brackets
    # ends the degree's words in a sentence
    closed = _BRACKETED_YEAR.search(rest)
    rest = rest[: closed.end()] if closed else rest
    progress = _progress(unit.text, found, rest)
    name = found.name
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
    if field_ is None and (studied := _studied(unit.text[: found.start])):
        field_ = studied["field"]
        institution = institution or _tidy(studied["at"])
        entry.notes["field"] = f"the subject told before the degree: {_quote(studied[0])}"
    if field_ and len(field_.split()) > 8:
        field_, entry.doubt = None, "no clear field of study"
    entry.set("field", field_)
    entry.set("institution", institution)
    before = unit.text[: found.start] if alone else ""
    entry.set("year", _degree_year(rest, before, progress))
    return entry


# 'I read international relations at the University of Dhaka: a B.S.S. ... and an M.S.S.':
# the subject and the institution told in the sentence before the degrees' names
_STUDIED = re.compile(
    r"\b(?:read|studied|majored\s+in)\s+(?P<field>[a-z][^,.:;()]{2,60}?)\s+at\s+(?:the\s+)?"
    r"(?P<at>[A-Z][^.:;()]{2,80}?)\s*[:;,(]?\s*$"
)


def _studied(before: str) -> re.Match[str] | None:
    """The subject and institution told before a degree in its sentence, if any."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])", before)[-1]
    cut = re.search(r"\b(?:a|an|the)\s*$|\band\s+(?:a|an)\s*$", sentence)
    head = sentence[: cut.start()] if cut else sentence
    head = re.split(r"[:;]\s*(?=[^:;]*$)", head)[0] if ":" in head or ";" in head else head
    return _STUDIED.search(head.rstrip(" ,:;"))


def _told(text: str, found: Found) -> bool:
    """Whether a degree's name follows 'holds', 'obtained', 'titulaire d'une' ..."""
    before = text[max(0, found.start - 60) : found.start]
    return bool(_DEGREE_VERB.search(before) or _LOCAL_BEFORE.search(before))


def _degree_context(text: str, start: int) -> bool:
    """A degree heads its line (after dates, a label or an article: 'a Cand.mag. in ...') or
    follows 'holds', 'obtained', 'titulaire d'une' ..."""
    before = text[:start]
    if not re.search(r"[^\W\d_]", before) or _ARTICLE.fullmatch(before.strip().lower()):
        return True
    return _told(text, Found(start, start, ""))


def _degrees(state: _State, index: int, unit: _Unit, anywhere: bool) -> bool:
    matches = degree_names(unit.text)
    if not matches or not (anywhere or _degree_context(unit.text, matches[0].start)):
        return False
    if unit.section == "experience" and matches[0].national and not _told(unit.text, matches[0]):
        return False  # 'Maîtrise des armements' in a post's bullets: arms control
    ends = [m.start for m in matches[1:]] + [len(unit.text)]
    entries = [
        _degree_entry(index, unit, m, end, len(matches) == 1)
        for m, end in zip(matches, ends, strict=True)
    ]
    if state.degree_year == index - 1 and "year" not in entries[0].fields:
        line = state.units[index - 1].text
        entries[0].set("year", int(_YEARS.findall(line)[-1]), f"from the line above: {line}")
        state.degree_year = None
    state.degree_end = index
    if state.institution == index - 1 and "institution" not in entries[0].fields:
        line = state.units[state.institution].text
        entries[0].set("institution", _tidy(_YEARS.sub("", line)), "from the line above")
        state.institution = None
    state.education += entries
    return True


def _only_dates(text: str) -> bool:
    """Whether a line holds dates alone, or dates and then a place ('2006 - 2008 Prague,
    Czech Republic', as Europass writes them)."""
    found = _LEADING_DATES.match(text)
    if found and text[found.end() :].strip() and _is_place(text[found.end() :]):
        text = found[0]
    return _dates_alone(text)


_LEADING_DATES = re.compile(rf"\s*{_DATE}(?:\s*[-\u2013\u2014]\s*(?:{_DATE}|{_PRESENT}))?(?=\s)")


def _dates_alone(text: str) -> bool:
    leftover = re.sub(
        rf"{_DATE}|{_PRESENT}|\b(?:to|until|since|from|expected)\b", " ", text, flags=re.I
    )
    return bool(_YEARS.search(text)) and not re.search(r"[^\W\d_]", leftover)


def _degree_dates(state: _State, index: int, unit: _Unit) -> bool:
    """A line of dates under a degree: its year (the last one), or 'present': in progress."""
    if not _only_dates(unit.text):
        return False
    last = state.education[-1] if state.education else None
    if last is None or state.degree_end != index - 1 or "year" in last.fields:
        state.degree_year = index  # a date column: the dates stand above their degree
        return True
    if re.search(_PRESENT, unit.text, re.IGNORECASE) and "candidate" not in last.fields["degree"]:
        name = f"{last.fields['degree']} candidate"
        last.set("degree", name, f"in progress (dates {_quote(unit.text)}): recorded as {name!r}")
        last.doubt = ""
    else:
        last.set("year", int(_YEARS.findall(unit.text)[-1]), f"from the line below: {unit.text}")
    return True


def _wrapped_field(state: _State, index: int, unit: _Unit) -> bool:
    """A few capitalised words under a degree whose line stopped inside its subject, as a
    narrow column wraps it ('Magister (MA) in International' / 'Relations')."""
    last = state.education[-1] if state.education else None
    if last is None or last.index != index - 1 or "field" not in last.fields:
        return False
    if {"year", "institution"} & last.fields.keys() or unit.block != last.block:
        return False
    if not (_closes_bracket(last.fields["field"], unit.text) or _capitalised_words(unit.text)):
        return False
    if _INSTITUTION.search(unit.text) or degree_names(unit.text):
        return False
    # the connector the line above ended on ('philosophie et'), which the subject dropped
    cut = re.search(r"\s(and|of|et|de|des|du|&)\s*$", state.units[last.index].text)
    joiner = f" {cut[1]}" if cut and not last.fields["field"].endswith(cut[1]) else ""
    field_ = f"{last.fields['field']}{joiner} {unit.text.strip()}"
    last.set("field", field_, "wrapped onto the next line")
    last.index = state.degree_end = index
    return True


def _capitalised_words(text: str) -> bool:
    """One to three capitalised words ('Relations', 'Public Policy and Law')."""
    words = [w for w in text.split() if w.lower() not in {"and", "of", "et", "de", "&"}]
    return 0 < len(words) <= 3 and all(w[0].isupper() and w.isalpha() for w in words)


def _closes_bracket(field_: str, text: str) -> bool:
    """'ès lettres (histoire et science' / 'politique)': a line that closes the bracket a
    narrow column left open in the subject above."""
    opened = field_.count("(") > field_.count(")")
    return opened and len(text.split()) <= 6 and text.strip().endswith(")")


def _institution(state: _State, index: int, unit: _Unit) -> bool:
    """An institution on its own line: for the degree above, or the one below."""
    if not _INSTITUTION.search(unit.text) or len(unit.text.split()) > 12:
        return False
    last = state.education[-1] if state.education else None
    if last is not None and last.index == index - 1 and "institution" not in last.fields:
        last.set("institution", _tidy(_YEARS.sub("", unit.text)), "from the line below")
        state.degree_end = index
        years = _YEARS.findall(unit.text)
        if years and "year" not in last.fields and "candidate" not in last.fields["degree"]:
            last.set("year", int(years[-1]), "from the line below")
        return True
    state.institution = index
    return True


def _wrapped_institution(state: _State, index: int, unit: _Unit) -> bool:
    """'Institut universitaire de hautes études' / 'internationales (HEI), Genève, 2009': a
    line going on in lower case under the institution just read for a degree."""
    last = state.education[-1] if state.education else None
    if last is None or state.degree_end != index - 1 or not unit.text[:1].islower():
        return False
    if last.notes.get("institution") != "from the line below" or len(unit.text.split()) > 10:
        return False
    rest = _tidy(_YEARS.sub("", unit.text))
    last.set("institution", f"{last.fields['institution']} {rest}", "from the lines below")
    years = _YEARS.findall(unit.text)
    if years and "year" not in last.fields and "candidate" not in last.fields["degree"]:
        last.set("year", int(years[-1]), "from the lines below")
    state.degree_end = index
    return True


def _expire_institution(state: _State, index: int) -> None:
    """An institution or a line of dates that no degree took is unplaced."""
    if state.institution is not None and state.institution < index - 1:
        state.unplaced.append(state.units[state.institution].text)
        state.institution = None
    if state.degree_year is not None and state.degree_year < index - 1:
        state.unplaced.append(state.units[state.degree_year].text)
        state.degree_year = None


def _implied_fields(state: _State) -> None:
    """The field a degree's name says by itself, where the CV names none (an LL.B. is in law)."""
    for entry in state.education:
        implied = None if "field" in entry.fields else degree_field(entry.fields["degree"])
        entry.set("field", implied and implied.capitalize(), "the field the degree's name says")


def _awarded(state: _State) -> None:
    """Where the awarding country decides what a name is (a Swiss Licence is a master's, a
    Mexican Diplomado a course), that level; a school-leaving or a course's certificate is
    no degree and leaves the list."""
    kept = []
    for entry in state.education:
        name = entry.fields["degree"]
        degree = degree_of(name)
        country = _country(state, entry)
        level = degree.in_country(country)
        if level is not None:
            entry.set("level", level.name, f"a {name!r} awarded in {country}")
            entry.doubt = ""
        elif degree.course or (
            degree.level is not None
            and not degree.uncertain
            and degree.level < EducationLevel.short_cycle
        ):
            state.unplaced.append(entry.source)
            continue
        kept.append(entry)
    state.education = kept


def _country(state: _State, entry: _Entry) -> str | None:
    """The awarding country a degree's institution, its line or an institution's line
    below names."""
    below = state.units[entry.index + 1].text if entry.index + 1 < len(state.units) else ""
    texts = [str(entry.fields.get("institution", "")), entry.source]
    texts += [below] if _INSTITUTION.search(below) else []
    return next((c for c in map(country_in, texts) if c), None)
