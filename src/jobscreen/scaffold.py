"""New vacancy files: a commented skeleton, optionally pre-filled from a notice's plain text.

Pure: text in, text out. The notice reader finds the sentences that state education,
experience and language requirements and drafts one rule per sentence, quoting it in `text`
and marking every guess with a `# REVIEW:` comment; a person finishes the encoding.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from jobscreen.levels import CEFR, LANGUAGE_NAMES, PHRASES
from jobscreen.mentions import concepts_named, fields_named
from jobscreen.vocabulary import vocabulary

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/vacancy.schema.json"
WIDTH = 92

_LABELS = {
    "title": r"position|job title|post title|title of post|title",
    "grade": r"grade",
    "duty_station": r"duty station|location",
}
# 'Label: value' on one line. The spaces around the label never run past the line's end
# (with \s, each line start of a run of blank lines read the whole run: quadratic).
_FIELDS = {
    name: re.compile(rf"^[^\S\n]*(?:{labels})[^\S\n]*:[ \t]*(\S[^\n]*)$", re.I | re.M)
    for name, labels in _LABELS.items()
}
_EDUCATION = re.compile(
    r"\b(degree|master(?:['\u2019]?s)?\b|bachelor\w*|university|doctoral|doctorate|phd|ph\.d|"
    r"post ?graduate|"
    r"undergraduate|diploma)\b",
    re.IGNORECASE,
)
_EXPERIENCE = re.compile(r"\b(experience|track record)\b", re.IGNORECASE)
_EXPERIENCE_CUES = re.compile(
    r"\b(years?|minimum|at least|required|essential|desirable|preferred|proven|considerable|"
    r"significant|extensive|substantial|asset|advantage)\b",
    re.IGNORECASE,
)
_DESIRABLE = re.compile(
    r"\b(desirable|an asset|advantage|advantageous|preferred|preferably|a plus)\b", re.IGNORECASE
)
_REQUIRED = re.compile(r"\b(required|essential|must|minimum|mandatory)\b", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]*\)")
_BULLET = re.compile(r"^\s*(?:[-•*·]|\d+\.)\s+")
_LEVELS = (
    ("doctorate", re.compile(r"\b(doctor\w*|phd|ph\.d)", re.IGNORECASE)),
    (
        "master",
        re.compile(
            r"\b(master(?:['\u2019]?s)?\b|advanced (university )?degree|advanced qualification|"
            r"post ?graduate|"
            r"graduate degree)",
            re.IGNORECASE,
        ),
    ),
    ("bachelor", re.compile(r"\b(bachelor\w*|first[- ]level|undergraduate|degree)", re.IGNORECASE)),
)
_NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
_NUMBERS = {word: value for value, word in enumerate(_NUMBER_WORDS)}
_YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(_NUMBERS) + r")\b(?:\s*\(\d{1,2}\))?\+?"
    r"(?:\s*(?:-|\u2013|to)\s*\d{1,2})?\s+(?:additional\s+)?years?\b",
    re.IGNORECASE,
)
_LANGUAGE_NAMES = frozenset(LANGUAGE_NAMES.values())
# Every level term in one pattern, the longest first: one search finds the first term of a
# sentence (the longest of those starting there), where a search per term took 60 passes.
_LEVEL_TERMS = sorted({*PHRASES, *CEFR}, key=lambda term: (-len(term), term))
_LEVEL_TERM = re.compile(
    r"\b(?:" + "|".join(f"(?P<t{n}>{re.escape(t)})" for n, t in enumerate(_LEVEL_TERMS)) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a notice that states a requirement of one kind."""

    kind: str
    text: str


@dataclass(frozen=True)
class Notice:
    """What the notice reader found: labelled fields and requirement sentences."""

    fields: dict[str, str] = field(default_factory=dict)
    sentences: tuple[Sentence, ...] = ()


# --- reading a notice ----------------------------------------------------------------------


def sentences_of(text: str) -> Iterator[str]:
    """The sentences of plain text: lines (and bullets) split at sentence ends."""
    for line in _lines(text):
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(“\"])", line):
            if len(sentence.split()) >= 3:
                yield sentence


def _lines(text: str) -> Iterator[str]:
    """Logical lines: a line going on in lower case after no full stop continues the last."""
    return (" ".join(parts) for parts in logical_lines(text))


def logical_lines(text: str) -> Iterator[list[str]]:
    """The physical lines of each logical line, to be joined once: building the line as it
    grows copied it once a line, so a run of lines going on took quadratic time."""
    parts: list[str] = []
    for raw in text.splitlines():
        line = " ".join(_BULLET.sub("", raw).split())
        going_on = line[:1].islower() and not _BULLET.match(raw)
        if parts and parts[0] and going_on and parts[-1][-1] not in ".!?;:":
            parts.append(line)
            continue
        if parts and parts[0]:
            yield parts
        parts = [line]
    if parts and parts[0]:
        yield parts


def kind_of_sentence(sentence: str) -> str | None:
    """'education', 'language' or 'experience' for a requirement sentence, else None."""
    if _EDUCATION.search(sentence) and _level_in(sentence):
        return "education"
    if _languages_in(sentence) and (level_term(sentence) or _cue(sentence)):
        return "language"
    starts = sentence.lower().startswith("experience")
    if _EXPERIENCE.search(sentence) and (starts or _EXPERIENCE_CUES.search(sentence)):
        return "experience"
    return None


def _cue(sentence: str) -> bool:
    return bool(_REQUIRED.search(sentence) or _DESIRABLE.search(sentence))


def read_notice(text: str) -> Notice:
    """Labelled fields (title, grade, duty station) and the requirement sentences of a notice.

    An in-lieu clause belongs to the education rule before it, if there is one.
    """
    found: list[tuple[str, list[str]]] = []  # kind, sentences: joined once, at the end
    education: list[str] | None = None  # the sentences of the last education rule
    for sentence in sentences_of(text):
        kind = kind_of_sentence(sentence)
        if kind == "education" and "in lieu" in sentence.lower() and education is not None:
            education.append(sentence)
        elif kind is not None:
            found.append((kind, [sentence]))
            education = found[-1][1] if kind == "education" else education
    sentences = tuple(Sentence(kind, " ".join(texts)) for kind, texts in found)
    fields = _labelled_fields(text)
    if "title" not in fields and (title := _title_of(text)):
        fields["title"] = title
    return Notice(fields, sentences)


# "the Senior Programme Management Officer will be responsible for": the post named in a duty
_ROLE = re.compile(
    r"\b[Tt]he ((?:[A-Z][\w\u2019'-]*,? )+?)(?:will|shall) (?:be responsible|contribute|lead|"
    r"head|manage|serve|report|provide|support|work)\b"
)
_NOT_A_TITLE = re.compile(r"https?:|www\.|\.(?:com|net|org|int)\b|[.:;]$")


def _title_of(text: str) -> str | None:
    """A notice's title without a label: its first line, when that reads as a post's title
    (not an organisation, a heading in capitals or a web address), else the post a duty
    sentence names ("the X will be responsible for")."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    first = next((line for line in lines if line), "")
    role_match = _ROLE.search(text)
    role = role_match.group(1).strip(" ,") if role_match else None
    if _title_like(first) and (role is None or first.startswith(role)):
        return first
    return role


def _title_like(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 14 or line.isupper() or _NOT_A_TITLE.search(line):
        return False
    lowered = line.lower()
    employers = vocabulary().employers.values()
    return not any(name in lowered for kind in employers for name in kind.names)


def _labelled_fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name, pattern in _FIELDS.items():
        match = pattern.search(text)
        if match:
            fields[name] = " ".join(match.group(1).split())
    return fields


def _level_in(sentence: str) -> str | None:
    """The degree level a sentence asks for, read outside parentheses first."""
    for text in (_PARENTHESES.sub("", sentence), sentence):
        for level, pattern in _LEVELS:
            if pattern.search(text):
                return level
    return None


def _languages_in(sentence: str) -> list[str]:
    """Languages named in a sentence by their capitalised English name, in order."""
    words = re.findall(r"[A-Z][a-z]+", sentence)
    return list(dict.fromkeys(w for w in words if w in _LANGUAGE_NAMES))


def level_term(sentence: str) -> str | None:
    """The first language-level term in a sentence ('fluency', 'working knowledge', 'C1')."""
    match = _LEVEL_TERM.search(sentence)
    return _LEVEL_TERMS[int(match.lastgroup[1:])] if match and match.lastgroup else None


def _years_in(sentence: str) -> int | None:
    match = _YEARS.search(sentence)
    if match is None:
        return None
    number = match.group(1).lower()
    return int(number) if number.isdigit() else _NUMBERS[number]


def _required(sentence: str) -> tuple[bool, str]:
    """Whether a sentence reads as mandatory, and why, ignoring remarks in parentheses."""
    plain = _PARENTHESES.sub("", sentence)
    desirable, required = _DESIRABLE.search(plain), _REQUIRED.search(plain)
    if desirable and required:
        return True, f"says both {required.group(0)!r} and {desirable.group(0)!r}: split it?"
    if desirable:
        return False, f"desirable: the notice says {desirable.group(0)!r}"
    return True, "mandatory unless the notice lists it as desirable"


# --- writing YAML --------------------------------------------------------------------------


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def folded(key: str, text: str, indent: int = 4) -> list[str]:
    """``key: >-`` and the text wrapped below it; YAML folds it back into one line."""
    pad = " " * (indent + 2)
    body = textwrap.wrap(" ".join(text.split()), WIDTH - len(pad), break_on_hyphens=False)
    return [f"{' ' * indent}{key}: >-", *(pad + line for line in body)]


def _rule_head(rule_id: str, kind: str, sentence: str) -> list[str]:
    required, why = _required(sentence)
    return [
        f"  - id: {rule_id}  # REVIEW: drafted from the notice; check each value against text",
        f"    kind: {kind}",
        f"    required: {'true' if required else 'false'}  # REVIEW: {why}",
        *folded("text", sentence),
    ]


def education_rule(rule_id: str, sentence: str) -> list[str]:
    """A drafted education rule: the level guessed from the sentence, and the fields of study
    it names."""
    level = _level_in(sentence) or "bachelor"
    fields = fields_named(sentence)
    related = bool(_RELATED.search(sentence))
    lines = [
        *_rule_head(rule_id, "education", sentence),
        f"    min_level: {level}  # REVIEW: guessed from the degree named",
        f"    fields: {_flow(fields)}  # REVIEW: "
        + ("the fields of study the sentence names" if fields else _NO_FIELDS),
        f"    related_fields: {'true' if related else 'false'}  # REVIEW: "
        + ("the sentence accepts related fields" if related else _NO_RELATED),
    ]
    if "in lieu" in sentence.lower():
        lines.append(
            "    # REVIEW: an in-lieu clause: add in_lieu: [{level: bachelor, extra_years: N, "
            "experience: <id of the experience rule>}]"
        )
    return lines


def experience_rule(rule_id: str, sentence: str) -> list[str]:
    """A drafted experience rule: the years found in the sentence, and the thesaurus concepts
    it names (`jobscreen concepts ID` shows what each accepts)."""
    years = _years_in(sentence)
    found = "from the sentence" if years is not None else "no number found: 0 is 'some'"
    concepts = concepts_named(sentence)
    named = "the thesaurus concepts the sentence names" if concepts else _NO_CONCEPTS
    return [
        *_rule_head(rule_id, "experience", sentence),
        f"    min_years: {years or 0}  # REVIEW: {found}",
        f"    concepts: {_flow(concepts)}  # REVIEW: {named}",
        "    domains: []  # REVIEW: phrases for what no concept covers; none of both: any work",
        "    qualifiers: []  # REVIEW: managerial, international, senior, multilateral",
    ]


_NO_FIELDS = "none found: list the accepted fields of study; empty means any field"
_NO_RELATED = "true if 'or a related field' is accepted"
_NO_CONCEPTS = "none found (jobscreen concepts lists them); empty means any"
_RELATED = re.compile(r"\brelated (field|discipline|area|subject)s?\b|\bor equivalent field", re.I)


def _flow(items: Sequence[str]) -> str:
    """A YAML flow list of plain words: [a, b]."""
    plain = re.compile(r"[a-z0-9][\w' -]*")
    return "[" + ", ".join(i if plain.fullmatch(i) else quote(i) for i in items) + "]"


def language_rule(rule_id: str, sentence: str) -> list[str]:
    """A drafted language rule: the first language and level term the sentence names."""
    languages = _languages_in(sentence)
    term = level_term(sentence)
    lines = [
        *_rule_head(rule_id, "language", sentence),
        f"    language: {languages[0]}",
        f"    level: {quote(term or 'fluent')}  # REVIEW: "
        + ("the level the sentence names" if term else "no level named; 'fluent' is a guess"),
    ]
    if len(languages) > 1:
        others = ", ".join(languages[1:])
        lines.append(f"    # REVIEW: the sentence also names {others}: one rule each, or any_of")
    return lines


DRAFTERS = {"education": education_rule, "experience": experience_rule, "language": language_rule}
PREFIXES = {"education": "edu", "experience": "exp", "language": "lang"}


def _rule_ids(sentences: Sequence[Sentence]) -> Iterator[str]:
    counts: dict[str, int] = {}
    for sentence in sentences:
        base = PREFIXES[sentence.kind]
        if sentence.kind == "language":
            base = f"lang-{_languages_in(sentence.text)[0].lower().replace(' ', '-')}"
        counts[base] = counts.get(base, 0) + 1
        yield f"{base}-{counts[base]}"


def drafted_rules(notice: Notice) -> list[str]:
    """YAML lines of one drafted rule per requirement sentence, blank lines between."""
    lines: list[str] = []
    for rule_id, sentence in zip(_rule_ids(notice.sentences), notice.sentences, strict=True):
        lines.extend([*DRAFTERS[sentence.kind](rule_id, sentence.text), ""])
    return lines


# --- the skeleton --------------------------------------------------------------------------

HEADER = f"""\
{SCHEMA_LINE}
# A new jobscreen vacancy file. Values marked EXAMPLE show the format: replace them with the
# notice's, delete the rules it does not state, then run: jobscreen validate <this file>
# The line above gives completion and checks in editors (yaml-language-server); write the
# schema it points to with: jobscreen schema vacancy --output schemas/vacancy.schema.json
"""

EXAMPLES = {
    "education": """\
  # education: a minimum degree level, in one of the accepted fields.
  - id: edu-degree
    kind: education
    required: true  # true: mandatory (knock-out); false: desirable
    weight: 3  # relative weight in the score; default 1
    text: "EXAMPLE: Advanced university degree (Master's degree or equivalent) in law."
    min_level: master  # secondary, post_secondary, short_cycle, bachelor, master, doctorate
    fields: [law]  # accepted fields of study; empty: any field
    related_fields: true  # 'or a related field': such degrees need a person's review
    # in_lieu: [{level: bachelor, extra_years: 2, experience: exp-years}]
""",
    "experience": """\
  # experience: minimum years, optionally in domains and in posts with qualifiers.
  - id: exp-years
    kind: experience
    required: true
    weight: 3
    text: "EXAMPLE: A minimum of seven years of experience in programme management."
    min_years: 7  # 0 means 'some experience in ...'
    domains: [programme management, project management]  # any one counts; empty: any work
    qualifiers: []  # only posts that are managerial, international, senior or multilateral
""",
    "language": """\
  # language: a language at a minimum level (CEFR A1-C2, 'fluent', 'knowledge', NATO I-VI).
  - id: lang-english
    kind: language
    required: true
    weight: 2
    text: "EXAMPLE: Fluency in English is required."
    language: English  # a name or ISO 639 code: English, en, eng
    level: fluent
    # skills: [read, write, speak, understand]  # default: all four
""",
    "competency": """\
  # competency: evidenced by phrases found in the CV (matched fuzzily).
  - id: comp-communication
    kind: competency
    required: false
    text: "EXAMPLE: Communication: speaks and writes clearly and effectively."
    name: Communication
    evidence: [communication, public speaking, drafting]
""",
    "review": """\
  # review: a condition a person checks; never decided automatically.
  - id: review-eligibility
    kind: review
    required: true
    text: "EXAMPLE: Staff members must fulfil the lateral move requirements."
""",
    "group": """\
  # any_of: one nested rule suffices; all_of: each is needed; at_least: n of them (add n: 2).
  # Nested rules take their group's required and text.
  - id: lang-second
    kind: any_of
    required: false
    text: "EXAMPLE: Knowledge of French or Spanish is desirable."
    rules:
      - {id: lang-second-french, kind: language, language: French, level: knowledge}
      - {id: lang-second-spanish, kind: language, language: Spanish, level: knowledge}
""",
}


OTHER_KINDS = (
    "  # Other kinds (competency, review, any_of, all_of, at_least): `jobscreen new vacancy`\n"
    "  # writes an example of each."
)


def _metadata(vacancy_id: str, notice: Notice | None, source_file: str | None) -> list[str]:
    fields = notice.fields if notice else {}
    lines = [f"id: {vacancy_id}"]
    for key, example in (("title", "the post's title"), ("organisation", "the organisation")):
        value = fields.get(key)
        placeholder = f'{key}: "EXAMPLE: {example}"'
        lines.append(f"{key}: {quote(value)}  # REVIEW" if value else placeholder)
    for key, example in (("grade", "P-5"), ("duty_station", "Geneva")):
        value = fields.get(key)
        lines.append(f"{key}: {quote(value)}  # REVIEW" if value else f"# {key}: {example}")
    lines.append("# closing_date: 2025-01-31  # YYYY-MM-DD; validate warns once it is past (JS104)")
    if source_file:
        lines.extend(["source:", f"  file: {quote(source_file)}"])
    return lines


def vacancy_skeleton(
    vacancy_id: str = "new-vacancy", notice: Notice | None = None, source_file: str | None = None
) -> str:
    """A commented vacancy file that validates: one rule of each kind, or drafted ones.

    With a notice, the rules drafted from its sentences replace the examples of their kinds.
    """
    drafted = drafted_rules(notice) if notice else []
    examples = [] if drafted else list(EXAMPLES.values())
    if drafted:  # a draft holds the notice's rules only: no example is left to delete
        drafted[-1:] = [OTHER_KINDS]
    lines = [
        *HEADER.splitlines(),
        *_metadata(vacancy_id, notice, source_file),
        "requirements:",
        *drafted,
        "\n".join(examples).rstrip("\n"),
    ]
    return "\n".join(lines) + "\n"


CV_SKELETON = """\
# yaml-language-server: $schema=../schemas/cv.schema.json
# A new jobscreen CV summary. Values marked EXAMPLE show the format: replace them with the
# candidate's, delete what does not apply, then run: jobscreen validate <this file>
# Only education, experience, languages, competencies and summary are scored; name, contact
# details and protected data (date of birth, gender, nationality, photo, marital status) are
# never read by scoring.
id: {cv_id}  # the candidate's id in every output (default: the file's name)
name: "EXAMPLE: the candidate's name"  # shown to recruiters, never scored (hidden by --blind)
education:
  # degree names are read for their level (BA, MSc, LLM, PhD, Licence ...); field on ISCED-F
  - degree: MA
    field: international relations
    institution: "EXAMPLE: University of Geneva"  # not scored
    year: 2012
    # level: master  # only when the degree's name does not tell it
experience:
  # one entry a post; start and end as YYYY, YYYY-MM or YYYY-MM-DD; no end: a current post
  - title: "EXAMPLE: Programme Officer"
    organisation: "EXAMPLE: United Nations Development Programme, New York"
    start: 2018-03
    # end: 2022-06
    description: >-
      EXAMPLE: What the post involved, in the candidate's words: the work and its subjects
      are matched against the vacancy's domains and concepts.
    domains: []  # optional tags: [programme management, human rights]
    # managerial: true  # international, senior, multilateral: stated, or inferred if absent
    # volunteer: true
languages:
  # CEFR A1-C2, a phrase (native, fluent, working knowledge) or per skill:
  # {{read: C1, write: B2, speak: C1, understand: C1}}
  - {{language: English, level: C1}}
competencies: []  # [communication, teamwork]: matched with the vacancy's competencies
# summary: >-
#   A free-text summary, read for competencies.
"""


def cv_skeleton(cv_id: str = "new-cv") -> str:
    """A commented CV summary to fill in: one entry of each section, marked EXAMPLE."""
    return CV_SKELETON.format(cv_id=cv_id)
