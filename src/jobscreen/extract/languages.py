"""Languages and their levels: lists, CEFR levels, level words, Europass grids."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from jobscreen.extract.sections import _Unit
from jobscreen.extract.state import _Entry, _quote, _State
from jobscreen.extract.words import _LOCAL_LEVELS, _alternation, _listed, _words
from jobscreen.levels import (
    CEFR_NAMES,
    CEFR_PATTERN,
    LANGUAGE_NAMES,
    PHRASES,
    language_of,
    level_value,
    one_language,
    skill_name,
    slp_profile,
)

# a STANAG 6001 profile, each skill's level ('SLP 3333'), stated as a language's level
_SLP_PROFILE = r"(?:STANAG\s+6001\s+)?SLP\s+[0-5]\+?(?:\s*[0-5]\+?){3}(?!\d)"
# The level words are levels.PHRASES (the one home of English level words, with their values)
# and each wording file's; the extractor adds only grammar: a qualifier before ('very good',
# 'basic working knowledge'), a noun after ('native speaker', 'elementary proficiency').
# 'none' and a bare 'proficiency' say no level in running text ('English proficiency').
_LOCAL_WORDS = _alternation(sorted(_LOCAL_LEVELS, key=lambda w: (-len(w), w)))
NOT_IN_TEXT = frozenset({"none", "proficiency"})
_PHRASES_IN_TEXT = sorted(
    {p.replace("-", " ") for p in PHRASES} - NOT_IN_TEXT, key=lambda p: (-len(p), p)
)
_LEVEL = (
    rf"(?:{_LOCAL_WORDS}"
    r"|mother[- ]tongues?(?:\(s\))?|fluently"
    r"|(?:(?:very|some|basic|limited)\s+)?(?:"
    + "|".join(re.escape(p).replace(r"\ ", r"[-\s]+") for p in _PHRASES_IN_TEXT)
    + r")(?:\s+(?:working\s+)?(?:proficiency|speaker|language|knowledge))?"
    rf"|limited|{CEFR_PATTERN}\+?|ILR\s*(?:level\s*)?[0-5]\+?|{_SLP_PROFILE})"
)
_SLP_RE = re.compile(_SLP_PROFILE, re.IGNORECASE)
_LEVEL_RE = re.compile(rf"(?<!\w){_LEVEL}(?!\w)", re.IGNORECASE)
# a level alone on its line, or a form's question ('What is your mother tongue?')
# ... with a remark in brackets ('Fluent (IELTS Academic 8.0)', 'Basic (reading only)')
_LEVEL_LINE = re.compile(
    rf"\s*(?:what\s+is\s+your\s+)?{_LEVEL}\s*(?:\([^()]{{1,60}}\))?\s*[.?]?\s*", re.IGNORECASE
)
_BEFORE = re.compile(
    rf"(?<!\w)(?P<level>{_LEVEL})\s*(?:(?:in|(?:level\s+|command\s+)?of|de|en)\s+|d['\u2019]\s*"
    r"|[:\u2013\u2014-]\s*|(?:(?:est|is)\s+)?(?:le\s+|la\s+|les\s+|l['\u2019]\s*))?$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"\s*(?:\s+(?:is|are|est|sont)\s+(?:both\s+)?"
    rf"(?:his|her|their|my|the|{_alternation(_listed('possessives'))})\s+(?:deux\s+)?"
    r"(?P<is>mother[- ]tongues?|native\s+languages?|first\s+languages?"
    r"|langues?\s+maternelles?)(?!\w)"
    r"|\((?P<paren>[^()]{0,80})\)"
    r"|[:\u2013\u2014|-]\s*(?P<dash>"
    rf"(?:{_LOCAL_WORDS})[^,;|/()]{{0,40}}(?:\([^()]{{0,60}}\))?"
    r"|[^,;|/()]{0,80}(?:\([^()]{0,40}\))?)"
    r"|(?P<bare>(?:mother[- ]tongue|native(?:\s+speaker)?|fluent(?:ly)?|first\s+language"
    rf"|bilingual|{CEFR_PATTERN}\+?|{_LOCAL_WORDS}|{_SLP_PROFILE}|ILR\s*(?:level\s*)?[0-5]\+?)"
    r"(?!\w)(?:\s*\([^()]{0,40}\))?)|,\s*(?P<comma>[^,;|]{0,60}?)\s*$)",
    re.IGNORECASE,
)
_CEFR_IN = re.compile(rf"(?<!\w){CEFR_PATTERN}(?!\w)")
_TOLD = re.compile(
    r"\s+is\s+(?:his|her|their|my|the)\s+[^,;.()]{0,40}?\((?P<stated>[^()]{0,40})\)"
    r"|\s+(?:is\s+)?(?:certified|rated|tested|assessed)\s+(?:at\s+)?"
    r"(?:(?P<slp>(?:STANAG\s+6001\s+)?SLP\s+[0-5]\+?(?:\s*[0-5]\+?){3})"
    r"|(?P<ilr>ILR\s*(?:level\s*)?[0-5]\+?))(?!\d)"
    rf"|\s+is\s+at\s+(?:(?:CEFR\s+)?level\s+)?(?P<at>{CEFR_PATTERN})(?!\w)"  # 'is at level A2'
    rf"|\s+is\s+(?P<level>{_LEVEL})(?!\w)(?:\s*\((?P<remark>[^()]{{0,40}})\))?",  # 'is good (B2)'
    re.IGNORECASE,
)
# 'fluent — working language at UNMAS': a level first, then a remark after a dash or comma
_LEADING = re.compile(rf"\s*(?P<level>{_LEVEL})\s*(?:[\u2013\u2014,;:]|-\s|$)", re.IGNORECASE)
_SPEAK = re.compile(r"\b(?:speaks?|speaking)\s+$", re.IGNORECASE)
_LIST_SEP = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|/|&|\band\b|\bor\b"
    # 'français et l'anglais', 'français-anglais'
    rf"|(?:{_alternation(_listed('and'))})(?:\s+(?:le|la|les)\b|\s+l['\u2019])?|-)\s*",
    re.IGNORECASE,
)
# '(all fluent)', '(both C1)': one level after a list with commas is every member's
_ALL = re.compile(
    rf"\s*[(:\u2013\u2014-]?\s*(?P<all>(?:all|both|each|{_alternation(_listed('all'))})(?!\w)\s*)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_MULTIWORD = re.compile(
    r"\b(?:"
    + "|".join(re.escape(k) for k in sorted(LANGUAGE_NAMES, key=len, reverse=True) if " " in k)
    + r")\b",
    re.IGNORECASE,
)
# "sign" (sign language is named in full); NATO's levels I-VI are never the codes of Ido,
# Inuktitut or Vietnamese ("English — NATO Level VI", "SLP 3333, level IV")
_NOT_LANGUAGES = frozenset({"sign", "ii", "iii", "iv", "vi"})
_FOLLOWERS = _words(
    "and or as at is are was to with plus but level levels proficiency skills speaker speakers "
    "language mother tongue first native natively fluent fluently bilingual basic good very "
    "intermediate upper advanced working knowledge conversational proficient excellent "
    "elementary beginner limited full professional written spoken reading writing speaking "
    "oral stanag slp ilr " + " ".join(_listed("followers"))
)
_CEFR = re.compile(rf"{CEFR_PATTERN}\+?", re.IGNORECASE)
_SKILL_WORDS = re.compile(
    r"\b(?:level|proficiency|skills?|written|spoken|oral|reading|writing|speaking|listening"
    r"|understanding|interaction|production|and|very|both|in|cefr|language|speaker"
    rf"|{_alternation(_listed('followers'))})(?!\w)",
    re.IGNORECASE,
)
_FIVE = re.compile(  # five levels apart, or in a table's cells ('| C1 | C1 | B2 |')
    r"\s*[:\u2013|-]?\s*" + r"[\s|]+".join([f"({CEFR_PATTERN})"] * 5) + r"[\s|]*$",
    re.IGNORECASE,
)
_GRID_SKILLS = ("understand", "read", "speak", "speak", "write")
_SKILL_LEVEL = re.compile(
    r"(listening|reading|spoken\s+interaction|spoken\s+production|speaking|writing|understanding)"
    rf"\s*:?\s*({CEFR_PATTERN})",
    re.IGNORECASE,
)
Level = str | dict[str, str] | None


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int
    end: int


def _language_word(word: str, listed: bool) -> str | None:
    """The language a word names; codes only under a languages heading, in capitals."""
    key = word.lower()
    if key not in LANGUAGE_NAMES and listed and len(key) > 3 and word[0].isupper():
        return language_of(word)  # under a languages heading, any language ISO 639 names
    if key not in LANGUAGE_NAMES or key in _NOT_LANGUAGES:
        return None
    if len(key) <= 3:
        return LANGUAGE_NAMES[key] if listed and word.isupper() else None
    return LANGUAGE_NAMES[key] if listed or word[0].isupper() else None


def _adjectival(text: str, end: int) -> bool:
    """'Russian politics', 'Latin America': the name qualifies a word, not a language."""
    following = re.match(r"\s+([^\s,;:()/&.]+)", text[end:])
    if following is None:
        return False
    word = following[1].lower()
    return not (word in _FOLLOWERS or _CEFR.fullmatch(word) or word in LANGUAGE_NAMES)


# French names a language in lower case after an article ('le français', 'l'anglais',
# 'notions d'espagnol'), and joins two with a hyphen ('bilingue français-anglais')
_ARTICLE = re.compile(
    rf"(?<!\w)(?:{_alternation(_listed('language_articles'))})\s*$", re.IGNORECASE
)
_ELIDED = re.compile(r"(?<!\w)[dl]['\u2019]", re.IGNORECASE)


def _word_mentions(text: str, match: re.Match[str], listed: bool) -> list[_Mention]:
    """The languages one word names: itself, after an elided article, or each half of a
    hyphenated pair; a lower-case name outside a list only after an article."""
    start, word = match.start(), match[0]
    elided = _ELIDED.match(word)
    if elided:
        start, word = start + elided.end(), word[elided.end() :]
    parts = word.split("-") if "-" in word else [word]
    names = [_language_word(part, listed or bool(elided)) for part in parts]
    if not all(names) and not elided and _ARTICLE.search(text[: match.start()]):
        names = [_language_word(part, True) for part in parts]
    if len(parts) > 1 and not all(names):
        name = _language_word(word, listed)
        return [_Mention(name, start, match.end())] if name else []
    found, offset = [], start
    for part, name in zip(parts, names, strict=True):
        if name:
            found.append(_Mention(name, offset, offset + len(part)))
        offset += len(part) + 1
    return found


def _mentions(text: str, listed: bool) -> list[_Mention]:
    found = [_Mention(LANGUAGE_NAMES[m[0].lower()], *m.span()) for m in _MULTIWORD.finditer(text)]
    taken = {i for m in found for i in range(m.start, m.end)}
    for match in _WORD.finditer(text):
        if match.start() not in taken:
            found += _word_mentions(text, match, listed)
    found.sort(key=lambda m: m.start)
    found = _joined(text, [m for m in found if listed or not _adjectival(text, m.end)])
    # 'Burmese (Myanmar language)': the name again in brackets is the same mention
    return [
        m
        for number, m in enumerate(found)
        if not number
        or found[number - 1].name != m.name
        or not re.fullmatch(r"\s*\(\s*", text[found[number - 1].end : m.start])
    ]


def _joined(text: str, found: list[_Mention]) -> list[_Mention]:
    """'BOSNIAN/CROATIAN/SERBIAN': varieties of one language joined by slashes are one
    mention, named as written."""
    merged: list[_Mention] = []
    for mention in found:
        run = [*merged[-1:], mention]
        names = [*merged[-1].name.split("/"), mention.name] if merged else []
        if merged and text[run[0].end : mention.start].strip() == "/" and one_language(names):
            written = "/".join(
                n.capitalize() for n in re.split(r"\s*/\s*", text[run[0].start : mention.end])
            )
            merged[-1] = _Mention(written, run[0].start, mention.end)
            continue
        merged.append(mention)
    return merged


def _level_text(raw: str) -> str:
    """A level as the YAML gives it: CEFR in capitals, phrases in lower case."""
    text = " ".join(raw.lower().replace("-", " ").replace("(s)", "").split())
    text = "mother tongue" if text == "mother tongues" else text
    if _CEFR.fullmatch(text) or re.fullmatch(r"ilr .*", text):
        return text.upper()
    if text in _LOCAL_LEVELS:
        return _LOCAL_LEVELS[text]
    replaced = {"fluently": "fluent", "fluency": "fluent", "native speaker": "native"}
    return replaced.get(text, "native" if text == "native language" else text)


def _level_in(text: str) -> str | None:
    """The level named in a text, a CEFR level first ('fluent (C1)' -> 'C1')."""
    found = [m[0] for m in _LEVEL_RE.finditer(text)]
    cefr = [f for f in found if _CEFR.fullmatch(f)]
    return _level_text((cefr or found)[0]) if found else None


# a P.11 form's grid ('Read Write Speak Understand: Easily / Not easily') tells no level;
# the words at the end of the row do ('English  Easily  Easily ...  (fluent, C1)')
_EASILY = re.compile(
    rf"^(?:\s+(?:(?:not\s+)?easily|{_alternation(_listed('easily'))})(?!\w))+", re.IGNORECASE
)


def _level_after(gap: str, listed: bool) -> Level:
    match = _AFTER.match(_EASILY.sub("", gap))
    if match is None:
        return _level_told(gap)
    comma = match["comma"] if listed else None
    text = match["is"] or match["paren"] or match["dash"] or match["bare"] or comma
    if text and (profile := _SLP_RE.search(text)) and not _CEFR_IN.search(text):
        return _slp_levels(profile[0])
    if text and _only_levels(text):
        return _level_in(text)
    stated = _stated_cefr(match["paren"] or match["dash"]) or _level_told(gap)
    if stated is None and (leading := _LEADING.match(match["dash"] or "")):
        return _level_text(leading["level"])
    if stated is None and match["paren"] is not None:  # 'Burmese (Myanmar language): B1'
        return _level_after(gap[match.end() :], listed)
    return stated


def _stated_cefr(text: str | None) -> str | None:
    """A CEFR level stated beside other words wins over them: 'near-native (C2)',
    '(C1 - fluent, daily working language)'."""
    codes = {c.upper() for c in _CEFR_IN.findall(text or "")}
    return codes.pop() if len(codes) == 1 else None


def _level_told(gap: str) -> Level:
    """A level told in a sentence: 'English is my daily working language (C1)', 'my
    English is certified at STANAG 6001 SLP 4444' (each skill's level, as CEFR)."""
    match = _TOLD.match(gap)
    if match is None:
        return None
    if match["slp"]:
        return _slp_levels(match["slp"])
    if match["ilr"]:
        return _level_text(match["ilr"])
    if match["level"]:
        return _stated_cefr(match["remark"]) or _level_text(match["level"])
    return match["at"].upper() if match["at"] else _stated_cefr(match["stated"])


def _slp_levels(text: str) -> Level:
    """A STANAG 6001 profile ('SLP 3321') as each skill's CEFR level; one level when every
    skill has it ('SLP 3333' is C1)."""
    profile = slp_profile(re.sub(r"(?i)^stanag\s+6001\s+", "", text)) or {}
    levels = {CEFR_NAMES[value] for value in profile.values()}
    if len(levels) == 1:
        return levels.pop()
    return {skill: CEFR_NAMES[value] for skill, value in profile.items()} or None


def _only_levels(text: str) -> bool:
    """'fluent (C1)', 'C1 reading, B2 speaking', 'a working command': levels alone, not
    'advanced course'."""
    rest = _SKILL_WORDS.sub(" ", _LEVEL_RE.sub(" ", re.sub(r"^\s*(?:an?|the)\s+", "", text)))
    if _LEVEL_RE.search(text):  # 'ILR 2 (Levantine)': a bracket qualifies the level
        rest = re.sub(r"\([^()]*\)", " ", rest)
    return not re.search(r"[^\W\d_]", rest)


def _level_before(gap: str) -> str | None:
    match = _BEFORE.search(gap[-80:].replace("(s)", ""))  # 'Langue(s) maternelle(s) :'
    return _level_text(match["level"]) if match else None


def _groups(text: str, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions joined by ',', 'and', '/' or '&' form a list that can share one level."""
    groups: list[list[_Mention]] = []
    for mention in mentions:
        if groups and _LIST_SEP.fullmatch(text[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _grid(gap: str) -> Level:
    """Europass self-assessment: five CEFR levels in its column order, or skills named; one
    level when every skill has it."""
    five = _FIVE.match(gap)
    pairs: list[tuple[str | None, str]]
    if five:
        pairs = list(zip(_GRID_SKILLS, five.groups(), strict=True))
    else:
        pairs = [(skill_name(" ".join(m[1].split())), m[2]) for m in _SKILL_LEVEL.finditer(gap)]
    levels: dict[str, str] = {}
    for skill, level in pairs:
        if skill and (skill not in levels or level.upper() < levels[skill]):
            levels[skill] = level.upper()  # the lower of spoken interaction and production
    if len(levels) == len(set(_GRID_SKILLS)) and len(set(levels.values())) == 1:
        return next(iter(levels.values()))
    return levels if len(levels) >= 2 else None


def _group_levels(
    text: str, group: list[_Mention], bounds: tuple[int, int], listed: bool
) -> list[Level]:
    """Each member's level: one before the list for all; one after it for the last member,
    or for all when the list is joined by 'and' or '/' rather than commas."""
    grid = _grid(text[group[-1].end : bounds[1]]) if listed and len(group) == 1 else None
    if grid is not None:
        return [grid]
    before = _level_before(text[bounds[0] : group[0].start])
    gap = text[group[-1].end : bounds[1]]
    every = _ALL.match(gap)
    if every:  # '(all fluent)': the level without 'all'
        gap = gap[: every.start("all")] + gap[every.end() :]
    after = _level_after(gap, listed)
    joins = [text[a.end : b.start] for a, b in itertools.pairwise(group)]
    shared = not any("," in j for j in joins) or every is not None
    levels: list[Level] = []
    for position, _ in enumerate(group):
        mine = after if shared or position == len(group) - 1 else None
        cefr = [v for v in (mine, before) if isinstance(v, dict) or (v and _CEFR.fullmatch(v))]
        levels.append(cefr[0] if cefr else mine or before)
    return levels


def _read_languages(text: str, listed: bool) -> list[tuple[str, Level]]:
    """(language, level) pairs; outside a languages section only with a level or 'speaks'."""
    mentions = _mentions(text, listed)
    found: list[tuple[str, Level]] = []
    groups = _groups(text, mentions)
    for number, group in enumerate(groups):
        start = groups[number - 1][-1].end if number else 0
        end = groups[number + 1][0].start if number + 1 < len(groups) else len(text)
        levels = _group_levels(text, group, (start, end), listed)
        speaks = bool(_SPEAK.search(text[start : group[0].start]))
        if listed or speaks or any(levels):
            found += [(m.name, level) for m, level in zip(group, levels, strict=True)]
    return found


def _level_doubt(level: Level) -> str:
    if isinstance(level, str) and level_value(level) is None:
        return f"level {level!r} is not on any known scale"
    return ""


def _add_language(state: _State, index: int, unit: _Unit, name: str, level: Level) -> None:
    known = next((e for e in state.languages if e.fields["language"] == name), None)
    if known is not None:
        if "level" not in known.fields and level:
            known.set("level", level, f"stated again in {_quote(unit.text)}")
            known.doubt = _level_doubt(level)
        return
    entry = _Entry(unit.text, index, unit.block)
    entry.set("language", name)
    entry.set("level", level, "CEFR self-assessment grid" if isinstance(level, dict) else "")
    entry.doubt = _level_doubt(level)
    state.languages.append(entry)


def _languages(state: _State, index: int, unit: _Unit, listed: bool) -> bool:
    found = _read_languages(unit.text, listed)
    above = state.level_above if listed else None
    for name, level in found:
        stated = level or (above[1] if above and above[0] == index - 1 else None)
        _add_language(state, index, unit, name, stated)
    if found:
        state.grid = []
        state.level_above = None
    return bool(found)


def _late_level(state: _State, index: int, unit: _Unit) -> bool:
    """A level alone on the line under its language, as LinkedIn pastes them; a column of
    five CEFR levels under it (a Europass grid read from a PDF); or a level over the
    languages below it (Europass's 'Mother tongue(s)')."""
    last = state.languages[-1] if state.languages else None
    if not (_LEVEL_LINE.fullmatch(unit.text) or _level_cell(state, last, index, unit.text)):
        return False
    if last is not None and _grid_row(state, last, index, unit.text):
        return True
    if last is None or last.index != index - 1 or "level" in last.fields:
        state.level_above = (index, _level_in(unit.text) or "")
        return True
    last.set("level", _level_in(unit.text), f"from the line below: {_quote(unit.text)}")
    return True


def _level_cell(state: _State, last: _Entry | None, index: int, text: str) -> bool:
    """A short line of words with a level in it ('excellente maîtrise (C2)', 'very good -
    B2 (IELTS 7.0)') right under a language named alone, as a table's next cell."""
    if last is None or last.index != index - 1 or "level" in last.fields:
        return False
    if last.source.strip() != state.units[last.index].text.strip() or len(text.split()) > 8:
        return False
    return _level_in(text) is not None and not _read_languages(text, True)


def _expire_level(state: _State, index: int) -> None:
    """A level over no language is unplaced."""
    if state.level_above is not None and state.level_above[0] < index - 1:
        state.unplaced.append(state.units[state.level_above[0]].text)
        state.level_above = None


def _grid_row(state: _State, last: _Entry, index: int, text: str) -> bool:
    """One level of a Europass grid's column: the grid's five skills, in its order."""
    row = len(state.grid)
    if not _CEFR.fullmatch(text.strip()) or last.index != index - row - 1 or row >= 5:
        return False
    if row == 0 and "level" in last.fields:
        return False
    state.grid.append(text.strip())
    if row == 0:
        last.set("level", _level_in(text), f"from the line below: {_quote(text)}")
    elif row == 4:
        last.set("level", _grid(" ".join(state.grid)), "CEFR self-assessment grid")
    return True
