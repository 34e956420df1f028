"""The reading loop: each unit to the handler of its section, then the result with its notes."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from jobscreen.engine.matching import Phrase, PhraseIndex, compile_exact, exact_keys
from jobscreen.extract.dates import _all_dates, _day_first
from jobscreen.extract.degrees import (
    _awarded,
    _degree_dates,
    _degrees,
    _expire_institution,
    _implied_fields,
    _institution,
    _wrapped_field,
    _wrapped_institution,
)
from jobscreen.extract.identity import _CLAIM, _claims, _identity
from jobscreen.extract.languages import _expire_level, _languages, _late_level, _read_languages
from jobscreen.extract.narrative import _narrative_role
from jobscreen.extract.posts import _flush, _post, _promoted, _text
from jobscreen.extract.roles import _rest
from jobscreen.extract.sections import _clean, _split_outside, _Unit, _units
from jobscreen.extract.state import Extraction, Note, _Entry, _quote, _State, _tidy
from jobscreen.extract.tables import join_table_rows
from jobscreen.extract.words import _PROSE

MAX_ENTRIES = 200  # per list: no CV has more degrees, posts or languages; the rest is noted


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


def _summary(state: _State, index: int, unit: _Unit) -> bool:
    if unit.heading:  # a sub-heading of the summary is its structure, not its text
        return True
    if _told_post(state, index, unit):
        return True
    state.summary.append(unit.text + unit.tail)
    _claims(state, unit)
    _languages(state, index, unit, listed=False)
    _degrees(state, index, unit, anywhere=False)  # 'Economist with an MSc in ... (2009)'
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
        or _wrapped_field(state, index, unit)
        or _wrapped_institution(state, index, unit)
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
    # a claim ('six years with UN Women') beside a promotion does not hide its two posts
    posts = _promoted(state, index, unit) or (
        not claims and _post(state, index, unit, roleless=not languages)
    )
    return posts or claims or languages


_BARE_LABEL = re.compile(r"[^\W\d_][\w ()/'\u2019-]{0,40}:")  # 'Other language(s):', a sub-heading
_HANDLERS: dict[str, Callable[[_State, int, _Unit], bool]] = {
    "summary": _summary,
    "skills": _skills,
    "languages": _language_section,
    "education": _education,
    "other": _other,
    "personal": _other,
}


def _sub_heading(unit: _Unit) -> bool:
    """'Other language(s):' names a part of its section; 'Anglais :' at the end of a line
    under languages names a language, its level on the line below ('courant (C1).')."""
    if not _BARE_LABEL.fullmatch(unit.text):
        return False
    return unit.section != "languages" or not _read_languages(unit.text, True)


def _place(state: _State, index: int, unit: _Unit) -> None:
    if unit.section != state.section:
        _flush(state)
        _expire_institution(state, len(state.units) + 1)
        _expire_level(state, len(state.units) + 1)
        state.post = state.awaiting = None
        state.section = unit.section
    _expire_institution(state, index)
    _expire_level(state, index)
    if _identity(state, index, unit) or _sub_heading(unit):
        return
    if not _HANDLERS.get(unit.section or "", _free)(state, index, unit):
        _text(state, index, unit)


_FIELDS = {
    "education": ("degree", "field", "institution", "year", "level"),
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
    cleaned = join_table_rows(cleaned)
    state = _State(_units(cleaned), day_first=_day_first(cleaned))
    for index, unit in enumerate(state.units):
        _place(state, index, unit)
    _flush(state)
    _expire_institution(state, len(state.units) + 1)
    _expire_level(state, len(state.units) + 1)
    _phrases(state, cleaned, competency_phrases)
    _implied_fields(state)
    _awarded(state)
    return _result(state, document_notes + _cap(state))
