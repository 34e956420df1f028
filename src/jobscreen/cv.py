"""Pydantic models of a CV summary, split into identity (never scored) and profile (scored).

The file format is flat (``name`` beside ``education``); :meth:`CVFile.split` separates the
identity and contact fields from the :class:`Profile`, the only thing the engine accepts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any, NamedTuple

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from jobscreen.levels import degree_of, known_language, parse_level, skill_name
from jobscreen.limits import FIRST_YEAR, LAST_YEAR
from jobscreen.model import Line, Model, not_a_flag
from jobscreen.vacancy import LevelName, QuestionId

PRESENT = frozenset({"present", "current", "now", "ongoing", "today", "to date", "till date"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$", re.ASCII)
# A date and time as JSON Resume and exports write them (2013-12-01T10:00:00Z), read to its day
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"T(\d{2}(?::\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?)(?:Z|[+-]\d{2}(?::?\d{2})?)?$",
    re.ASCII,
)
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """calendar.monthrange's day count, without working out the weekday it also gives."""
    return 29 if month == 2 and calendar.isleap(year) else _DAYS[month - 1]


class PartialDate(NamedTuple):
    """A date given to the year, month or day, as CVs give them."""

    year: int
    month: int | None = None
    day: int | None = None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        day = self.day or days_in_month(self.year, month)
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)


def parse_partial_date(value: Any) -> PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD (a date object too), checked for range and validity."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("a date must be YYYY, YYYY-MM or YYYY-MM-DD")  # noqa: TRY004 - pydantic
    text = str(value).strip()
    # CVs of one batch share most of their dates; only short texts are kept (a date with a
    # time is read to its first ten characters, and a long one must not stay in memory)
    return known_date(text) if len(text) <= 10 else read_date(text)


def read_date(text: str) -> PartialDate:
    match = _DATE.match(text) or _DATE_TIME.match(text)
    if not match:
        raise ValueError(f"{_quoted(text)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups()[:3])
    assert year is not None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} is out of range ({FIRST_YEAR}-{LAST_YEAR})")
    try:  # month 0 and day 0 are no month and no day: not "the whole year"
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
        if match.re is _DATE_TIME:
            dt.time.fromisoformat(match.group(4))
    except ValueError as exc:
        raise ValueError(f"{_quoted(text)} is not a valid date ({exc})") from None
    return PartialDate(year, month, day)


def _quoted(text: str, most: int = 40) -> str:
    """A CV's text quoted in a message: its start only, when it is long."""
    return repr(text if len(text) <= most else text[:most] + "…")


known_date = lru_cache(maxsize=4096)(read_date)


def _month_day(pad: str) -> str:
    """A pattern of MM-DD (``pad`` "?": M-D too) with a day the month has, 29 February apart."""
    day = f"(0{pad}[1-9]|1[0-9]|2[0-8]"
    return f"((0{pad}[13578]|1[02])-{day}|29|30|31)|(0{pad}[469]|11)-{day}|29|30)|0{pad}2-{day}))"


# The dates parse_partial_date accepts, as a JSON Schema pattern (ECMA 262 and Python alike):
# a year from FIRST_YEAR to LAST_YEAR, a month from 1 to 12 and a day the month has (29 February
# in leap years only), no month 0 or day 0; or a date and time as _DATE_TIME reads one.
_YEAR = "(19[0-9]{2}|20[0-9]{2}|2100)"
_LEAP_YEAR = "(19(0[48]|[2468][048]|[13579][26])|20(0[048]|[2468][048]|[13579][26]))"
_TIME = (
    "T([01][0-9]|2[0-3])(:[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?"
)
DATE_PATTERN = (
    f"^\\s*({_YEAR}(-(0?[1-9]|1[0-2]))?"
    f"|{_YEAR}-{_month_day('?')}|{_LEAP_YEAR}-0?2-29"
    f"|({_YEAR}-{_month_day('')}|{_LEAP_YEAR}-02-29){_TIME})\\s*$"
)
_DATE_SCHEMA = [
    {"type": "string", "pattern": DATE_PATTERN},
    {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
]
DateField = Annotated[
    PartialDate,
    BeforeValidator(parse_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"anyOf": _DATE_SCHEMA}),
]
# An end may also say the post is current; JSON Schema (draft-07) patterns have no
# case-insensitive flag, so the words are listed as they are usually written.
END_WORDS = sorted({w for p in PRESENT for w in (p, p.capitalize(), p.upper())})
EndField = Annotated[
    DateField | None,
    WithJsonSchema(
        {
            "anyOf": [
                *_DATE_SCHEMA,
                {"enum": END_WORDS},
                {"type": "null"},
            ]
        }
    ),
]


class Education(Model):
    """One degree."""

    degree: Line | None = Field(None, description="Degree name: BA, LLM, MSc, PhD, Licence ...")
    level: LevelName | None = Field(None, description="Ladder level, when the name is unclear.")
    field: Line | None = Field(None, description="Field of study.")
    institution: Line | None = Field(None, description="Awarding institution (not scored).")
    year: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR), BeforeValidator(not_a_flag)] | None = (
        Field(None, description="Year awarded (or expected).")
    )


class Post(Model):
    """One post held, with dates."""

    title: Line | None = Field(None, description="Job title.")
    organisation: Line | None = Field(None, description="Employer.")
    start: DateField = Field(description="Start: YYYY, YYYY-MM or YYYY-MM-DD.")
    end: EndField = Field(None, description="End: a date, or present / omitted for a current post.")
    domains: list[Line] = Field(default_factory=list, description="Domain tags.")
    managerial: bool | None = Field(None, description="Managed people or a unit.")
    international: bool | None = Field(None, description="International post or organisation.")
    senior: bool | None = Field(None, description="Senior-level post.")
    multilateral: bool | None = Field(None, description="Multilateral setting.")
    volunteer: bool = Field(False, description="Volunteer work (counted, and shown as such).")
    description: str | None = Field(None, description="What the post involved.")

    @field_validator("start")
    @classmethod
    def _not_in_future(cls, value: PartialDate, info: ValidationInfo) -> PartialDate:
        today = (info.context or {}).get("today")
        if today is not None and value.first_day() > today:
            raise ValueError(f"{value} is in the future (today is {today})")
        return value

    @field_validator("end", mode="before")
    @classmethod
    def _present(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in PRESENT:
            return None
        return value

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, value: PartialDate | None, info: ValidationInfo) -> Any:
        start = info.data.get("start")
        if value is not None and start is not None and value.last_day() < start.first_day():
            raise ValueError(f"{value} is before the start, {start}")
        return value


LevelValue = Line | int
SkillLevels = dict[str, LevelValue]


class LanguageEntry(Model):
    """A language and its level: one level, or one per skill."""

    language: str = Field(description="Language name or ISO 639 code.")
    level: LevelValue | SkillLevels | None = Field(
        None,
        description="CEFR, phrase, LinkedIn, STANAG 6001 level or SLP profile, or a mapping "
        "from skill (read, write, speak, understand; Europass names too) to such a level.",
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return known_language(value, keep_unknown=True)

    @field_validator("level", mode="before")
    @classmethod
    def _not_a_flag(cls, value: Any) -> Any:
        """JSON's true is no level: pydantic would read it as the number 1."""
        levels = value.values() if isinstance(value, dict) else [value]
        if any(isinstance(level, bool) for level in levels):
            raise ValueError("a level is a CEFR level, a phrase or a number, not true or false")
        return value

    @field_validator("level")
    @classmethod
    def _known_skills(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for key in value:
                if skill_name(key) is None:
                    raise ValueError(f"unknown skill {key!r} (read, write, speak, understand)")
        return value


class Profile(Model):
    """What rules may read: education, experience, languages, competencies, summary."""

    education: list[Education] = Field(default_factory=list, description="Degrees.")
    experience: list[Post] = Field(default_factory=list, description="Posts held.")
    languages: list[LanguageEntry] = Field(default_factory=list, description="Languages.")
    competencies: list[str] = Field(default_factory=list, description="Competencies, skills.")
    summary: str | None = Field(None, description="Free-text summary.")


def _answer(value: Any) -> Any:
    """A bare answer (yes, no, true, false) as a declaration's mapping."""
    if isinstance(value, bool | str):
        return {"answer": value}
    return value


def _yes_no(value: Any) -> Any:
    """yes/no, true/false (YAML reads a bare yes as true): True or False."""
    if isinstance(value, bool):
        return value
    word = value.strip().lower() if isinstance(value, str) else None
    if word in ("yes", "no", "true", "false"):
        return word in ("yes", "true")
    raise ValueError("expected yes or no")


# yes and no as YAML 1.2 (editors) reads them: strings, which the model reads as YAML 1.1 does
ANSWER_SCHEMA = {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no", "Yes", "No"]}]}
Answer = Annotated[bool, BeforeValidator(_yes_no), WithJsonSchema(ANSWER_SCHEMA)]


class Declaration(Model):
    """The candidate's answer to a screening question of the application form: never
    verified by jobscreen, shown as declared."""

    answer: Answer = Field(description="yes or no.")
    text: Line | None = Field(None, description="The answer's words, if the form asked for any.")


# a declaration is its answer alone, or a mapping with the answer's words
DECLARATION_SCHEMA = {"anyOf": [ANSWER_SCHEMA, Declaration.model_json_schema()]}
Declared = Annotated[Declaration, BeforeValidator(_answer), WithJsonSchema(DECLARATION_SCHEMA)]


class Identity(Model):
    """Identity and contact fields: shown to recruiters, never passed to scoring."""

    name: Line | None = Field(None, description="Shown to recruiters; never scored.")
    email: Line | None = Field(None, description="Contact; never scored.")
    phone: Line | None = Field(None, description="Contact; never scored.")
    address: Line | None = Field(None, description="Contact; never scored.")
    date_of_birth: Line | None = Field(None, description="Protected; never scored.")
    age: Line | None = Field(None, description="Protected; never scored.")
    gender: Line | None = Field(None, description="Protected; never scored.")
    nationality: Line | None = Field(None, description="Protected; never scored.")
    photo: Line | None = Field(None, description="Protected; never scored.")
    marital_status: Line | None = Field(None, description="Protected; never scored.")

    @field_validator("*", mode="before")
    @classmethod
    def _text(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name not in IDENTITY_FIELDS or value is None or isinstance(value, str):
            return value
        return str(value)  # a phone number or an age written as a number


IDENTITY_FIELDS = tuple(Identity.model_fields)


class CVFile(Profile, Identity):
    """A CV summary file: an optional id, the identity fields, and the profile."""

    id: Line | None = Field(None, description="Candidate id; defaults to the file's stem.")
    declarations: dict[QuestionId, Declared] = Field(
        default_factory=dict,
        description="Answers to the application form's screening questions, by question id: "
        "yes or no, or {answer: yes, text: ...}. A review rule naming the question is settled "
        "by the answer, shown as declared by the candidate (not verified). Never scored.",
    )

    def split(self) -> tuple[Identity, Profile]:
        """The identity and the profile: fields already validated, so not validated again."""
        identity = Identity.model_construct(**{n: getattr(self, n) for n in Identity.model_fields})
        profile = Profile.model_construct(**{n: getattr(self, n) for n in Profile.model_fields})
        return identity, profile


def education_level(entry: Education) -> tuple[int | None, bool, str]:
    """The ladder level of a degree, whether a person must confirm it, and why."""
    if entry.level is not None:
        level = parse_level(entry.level)
        return (int(level) if level is not None else None), False, ""
    if not entry.degree:
        return None, True, "no degree name given"
    degree = degree_of(entry.degree)
    return (int(degree.level) if degree.level is not None else None), degree.uncertain, degree.note
