"""Posts: a dated unit becomes a post, with its role and the lines under it as its description."""

from __future__ import annotations

import dataclasses
import re

from jobscreen.cv import parse_partial_date
from jobscreen.extract.careers import promotion
from jobscreen.extract.dates import _EITHER, _all_dates, _dated_pieces, _Dates, _ordered
from jobscreen.extract.roles import (
    _FIELD,
    _NO_ROLE,
    _ORG_WORDS,
    _TITLE_WORDS,
    _dates_only,
    _field,
    _is_place,
    _remark,
    _rest,
    _role,
)
from jobscreen.extract.sections import _Unit
from jobscreen.extract.state import _Entry, _named, _quote, _State, _tidy
from jobscreen.extract.words import _PROSE

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
    """Up to two short lines right above a dates-only line: the post's title and employer;
    none where the post before had them below its dates (Europass): the lines above are
    that post's."""
    if state.experience and state.experience[-1].stacked:
        return []
    taken: list[_Unit] = []
    while state.pending and len(taken) < 2:
        candidate = state.units[state.pending[-1]]
        if state.pending[-1] != index - 1 - len(taken):
            break
        if not (_header_like(candidate, unit.block) or (not taken and _listed_post(candidate))):
            break
        taken.insert(0, candidate)
        state.pending.pop()
    return taken


def _listed_post(unit: _Unit) -> bool:
    """A list item right above a dates-only line that names a post ('1. Senior Officer,
    African Union'), not a duty: a title's word, no sentence."""
    plain = dataclasses.replace(unit, bullet=False)
    return unit.bullet and _header_like(plain, unit.block) and bool(_TITLE_WORDS.search(unit.text))


_FORM_PART = re.compile(r"[A-Z][.)]\s+[^a-z]+$")
_TITLE_DASH = re.compile(r"\s[-\u2013\u2014|]\s")


def _header_like(unit: _Unit, block: int) -> bool:
    words = len(unit.text.split())
    # a Markdown heading names a post at any length; 'title — employer' at a longer one
    most = 30 if unit.heading else 24 if _TITLE_DASH.search(unit.text) else 14
    shaped = unit.block == block and not unit.bullet and 0 < words <= most
    form_part = _FORM_PART.match(unit.text)  # 'A. PRESENT POST' (a P.11 form's sub-heading)
    # a part of a sentence cut at ';' is a duty's, never a title's or an employer's
    ended = unit.text[-1] == "." or bool(unit.tail)
    return shaped and not ended and _named(unit.text) and not form_part


def _within(post: _Entry, dates: _Dates) -> bool:
    """Whether a period lies inside a post's own ('Since 2023 I have ...' in a post held
    since 2022), or is one bracketed year ('the Vilnius summit (2023)')."""
    if dates.note.startswith("a single date"):
        return True
    start, end = post.fields.get("start"), post.fields.get("end")
    if start is None or end is None:
        return False
    # at the coarser precision: '(2019-2021)' lies inside a post held since March 2019
    inside = parse_partial_date(dates.start).last_day() >= parse_partial_date(start).first_day()
    if end == "present" or not inside:
        return inside
    return dates.end != "present" and _ordered(dates.end, end)


def _mentioned(state: _State, unit: _Unit, found: list[_Dates]) -> bool:
    """Dates that a post's description mentions, which date no post of their own: a later
    sentence of a paragraph, or a bullet, under a post, inside its period."""
    post = state.post
    if post is None or post.bullet:
        return False
    # a duty written as a sentence of its own ('Led the project (2014-2017 phase).')
    duty = unit.text.endswith(".") and not _PROSE.search(unit.text)
    if not (unit.bullet or not unit.first or duty):
        return False
    return all(_within(post, dates) for dates in found)


def _post(state: _State, index: int, unit: _Unit, roleless: bool = True) -> bool:
    """One post per dated period of the unit; False if it dates none. Without ``roleless``,
    a sentence that names no title or employer is no post: its dates are another thing's
    ('Swahili, which I have been learning since 2014')."""
    found = _all_dates(unit.text, unit.section == "experience")
    if found and _mentioned(state, unit, found):
        return False
    if found and _promoted(state, index, unit):
        return True
    pieces = _dated_pieces(unit.text, found) if found else []
    employer, added = None, False
    for text, periods in pieces:
        part = unit if len(pieces) == 1 else dataclasses.replace(unit, text=text)
        role = _piece_role(state, index, part, periods)
        employer = _same_employer(role, employer)
        if role.told and not (roleless or _has_role(role)):
            continue
        for dates in periods:
            _add_post(state, part, role, dates)
        added = True
    return added


def _same_employer(role: _Entry, employer: str | None) -> str | None:
    """A sentence's later post with a title only ('..., puis comme premier secrétaire de 2008
    à 2011') is at the employer the sentence named before; the employer for the next one."""
    if "organisation" in role.fields:
        return str(role.fields["organisation"])
    if employer and role.told and "title" in role.fields:
        role.set("organisation", employer, "the employer named earlier in the sentence")
    return employer


def _promoted(state: _State, index: int, unit: _Unit) -> bool:
    """Two posts at one employer told in one sentence, a promotion between them."""
    told = promotion(unit.text) if _PROSE.search(unit.text) else None
    if told is None:
        return False
    _flush(state)
    for post in told:
        entry = _Entry(unit.text, index, unit.block, unit.bullet, unit.indent, told=True)
        for key in ("title", "organisation", "start"):
            entry.set(key, getattr(post, key), post.note)
        entry.set("end", post.end, "still in post" if post.end == "present" else post.note)
        entry.doubt = post.doubt
        state.experience.append(entry)
    state.post = state.experience[-1]
    return True


def _piece_role(state: _State, index: int, unit: _Unit, periods: list[_Dates]) -> _Entry:
    """The title and employer a dated piece names, or the lines above it when it is dates only."""
    rest = _rest(unit.text, periods)
    header = _take_header(state, index, unit) if _dates_only(unit.text, periods[0], rest) else None
    above = _title_above(state, index, unit, rest) if header is None else None
    _flush(state)  # what the header left belongs to the post before
    source = " / ".join([u.text for u in header or ()] + [unit.text])
    role = _Entry(source, index, unit.block, unit.bullet, unit.indent)
    after = unit.text[periods[-1].span[1] :]
    if above is not None:  # 'Officer' / 'Employer | City | 2019 - present'
        role.source = f"{above.text} / {unit.text}"
        _set_role(role, [above.text, _CELL.split(rest)[0]], "from the title line above")
        return role
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


_CELL = re.compile(r"\s[|\u00b7]\s")


def _title_above(state: _State, index: int, unit: _Unit, rest: str) -> _Unit | None:
    """A title alone on the line right above a dated line that names only the employer and
    places ('World Food Programme | Panama City | 2019 - present'): that post's title."""
    cells = [c for c in _CELL.split(rest) if _tidy(c)]
    if not cells or _PROSE.search(rest):
        return None
    if not all(_is_place(c) for c in cells[1:]) or not state.pending:
        return None
    if state.pending[-1] != index - 1 or (state.experience and state.experience[-1].stacked):
        return None
    above = state.units[index - 1]
    if _TITLE_WORDS.search(cells[0]) and not _employer_under_heading(above, cells[0]):
        return None
    if not _header_like(above, unit.block) or _TITLE_DASH.search(above.text):
        return None
    if not _TITLE_WORDS.search(above.text):
        return None
    state.pending.pop()
    return above


def _employer_under_heading(above: _Unit, cell: str) -> bool:
    """'### Senior Adviser' over 'Office of the Special Envoy, Dakar — since 2018': under a
    post's Markdown heading, an employer's name may hold a title's word ('Envoy')."""
    return above.heading and _ORG_WORDS.search(cell) is not None


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
    elif not _header_like(unit, post.block if _has_role(post) else unit.block):
        done = False
    elif "title" not in post.fields and "organisation" not in post.fields:
        post.stacked = True
        _set_role(post, [unit.text], _BELOW_DATES)
        done = True
    elif "organisation" not in post.fields and (post.stacked or _ORG_WORDS.search(unit.text)):
        post.set("organisation", _tidy(unit.text), "from the line below the title")
        done = True
    else:
        done = _employer_below(post, unit)
    if done:
        post.block = unit.block  # the post's lines go on from here
        post.source = f"{post.source} / {unit.text}"
        post.doubt = "" if post.doubt == _NO_ROLE and _has_role(post) else post.doubt
    return done


_BELOW_DATES = "from the line below the dates"


def _split_below(post: _Entry) -> bool:
    """Whether a post's title and employer were split from one line below its dates."""
    return post.stacked and post.notes.get("organisation") == _BELOW_DATES


def _employer_below(post: _Entry, unit: _Unit) -> bool:
    """'DEPUTY HEAD, ELECTIONS DEPARTMENT' / 'OSCE Office for ...': the line under a title
    read as 'title, employer' names the employer, so that whole line was the title."""
    if not (_split_below(post) and "title" in post.fields and _ORG_WORDS.search(unit.text)):
        return False  # (a line below the dates read as an employer alone has no title to widen)
    if _TITLE_WORDS.search(unit.text) and not _ORG_WORDS.search(unit.text[:30]):
        return False
    title = f"{post.fields['title']}, {post.fields['organisation']}"
    post.set("title", title, "the line below the dates, whose next line names the employer")
    post.set("organisation", _tidy(unit.text), "from the line below the title")
    return True


def _has_role(post: _Entry) -> bool:
    return "title" in post.fields or "organisation" in post.fields


def _text(state: _State, index: int, unit: _Unit) -> None:
    """A line nothing else read: what a post still lacks, or held for a description."""
    post, state.awaiting = state.awaiting, None
    # a post read from its dates alone takes its title from the next line, after a blank
    # line too (Europass: '01/09/2019 - CURRENT  Warsaw, Poland', then the title in bold)
    follows = post is not None and post.index == index - 1
    follows = follows and post is not None and (unit.block == post.block or not _has_role(post))
    if follows and post is not None and _completes(post, unit):
        post.index = index
        lacking = "title" not in post.fields or "organisation" not in post.fields
        lacking = lacking or _split_below(post)
        state.awaiting = post if lacking or _FIELD.match(unit.text) else None
    elif follows and post is not None and _employer_after_duties(post, unit):
        post.index = index  # a table row flattened: title, its duties, then the employer
        state.awaiting = post
        state.pending.append(index)
    else:
        state.pending.append(index)


def _employer_after_duties(post: _Entry, unit: _Unit) -> bool:
    """Whether a duty sentence stands between a stacked post's title and its employer, as
    a table's cell does ('Title' / 'Duties ...; more duties.' / 'Employer'): wait on."""
    waiting = post.stacked and "title" in post.fields and "organisation" not in post.fields
    return waiting and unit.block == post.block and not _header_like(unit, post.block)
