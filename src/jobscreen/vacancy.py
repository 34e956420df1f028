"""Pydantic models of a vacancy: metadata plus a list of requirements of six kinds.

Strict: unknown keys are errors. Every field carries a description, which becomes the
editor's hover text in the exported JSON Schema. Checks that span several rules (unique ids,
in-lieu references) live in :func:`semantic_problems`, so each can name its own location.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator

from jobscreen.levels import SKILLS, EducationLevel, known_language, vacancy_level
from jobscreen.limits import FIRST_YEAR, LAST_YEAR
from jobscreen.model import Float, Int, Line, Model, one_line
from jobscreen.vocabulary import Vocabulary, vocabulary

LevelName = Literal["secondary", "post_secondary", "short_cycle", "bachelor", "master", "doctorate"]
Qualifier = Literal["managerial", "international", "senior", "multilateral"]
Skill = Literal["read", "write", "speak", "understand"]
RULE_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
# Bounds no real notice comes near (its weights are 1-3, its minimums at most 15 years): no
# sum of weights can overflow, so no score is inf or NaN, and no minimum is absurd. Infinity
# and NaN (and 1e400, which a float reads as infinity) are refused outright.
MIN_WEIGHT, MAX_WEIGHT = 0.001, 1000  # below 0.001, weight x credit may underflow to 0
MAX_YEARS = 100
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _has_word(phrase: str) -> str:
    if not _LETTER_OR_DIGIT.search(phrase):
        raise ValueError(f"phrase {phrase!r} has no letter or digit, so no word to match")
    return phrase


# Phrases are matched word by word; one without a word would be dropped, and a list of only
# such phrases would then accept anything (any post for domains, any degree for fields).
# The schema's pattern only refuses blank phrases: JSON Schema's \w is ASCII, and a pattern
# of letters would refuse "法律".
PhraseText = Annotated[
    str,
    AfterValidator(one_line),
    AfterValidator(_has_word),
    Field(json_schema_extra={"pattern": r"\S"}),
]


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _iso_day(value: object) -> object:
    """YYYY-MM-DD only: pydantic would read 1782777600 as a Unix time, a day in 2026."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _DAY.fullmatch(value)):
        return value
    raise ValueError(f"{value!r} is not a date YYYY-MM-DD")


def in_range(value: dt.date) -> dt.date:
    """A closing date within the years any date is read in: experience is counted to it,
    and 9999-12-31 has no day after it to count to."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"{value} is out of range ({FIRST_YEAR}-{LAST_YEAR})")
    return value


ClosingDate = Annotated[dt.date, BeforeValidator(_iso_day), AfterValidator(in_range)]


ConceptId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
QuestionId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]  # a screening question
EmployerKindId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]  # organisations.yaml
_CONCEPTS_HELP = (
    "Concepts of the thesaurus whose words count, in English and French, narrower concepts "
    "included, false friends excluded (`jobscreen concepts` lists them)."
)


class Source(Model):
    """The notice a vacancy file encodes."""

    file: str | None = Field(None, description="File name of the notice's text, if kept.")
    url: str | None = Field(None, description="Where the notice was published.")
    reference: str | None = Field(None, description="The notice's own reference number.")
    note: str | None = Field(None, description="How the notice was read or what it left out.")


class RuleBase(Model):
    """Fields every requirement has."""

    id: str = Field(pattern=RULE_ID, description="Unique id of the rule within the file.")
    required: bool = Field(
        True,
        description="true: mandatory (knock-out); false: desirable. "
        "Stated on every top-level rule; nested rules take their group's.",
    )
    weight: Float = Field(
        1.0,
        ge=MIN_WEIGHT,
        le=MAX_WEIGHT,
        allow_inf_nan=False,
        description=f"Relative weight in the score, from {MIN_WEIGHT} to {MAX_WEIGHT}.",
    )
    text: Line | None = Field(None, description="The notice's own words this rule encodes.")
    note: str | None = Field(None, description="Why the rule is encoded this way.")


class InLieu(Model):
    """A lower degree accepted together with more experience (the UN's 'in lieu' clause)."""

    level: LevelName = Field(description="The lower level accepted instead, e.g. bachelor.")
    extra_years: Float = Field(
        gt=0,
        le=MAX_YEARS,
        allow_inf_nan=False,
        description="Additional years of qualifying experience; with the experience rule's "
        f"min_years, at most {MAX_YEARS}.",
    )
    experience: str = Field(
        pattern=RULE_ID,
        description="Id of the experience rule whose minimum rises by extra_years.",
    )


class EducationRule(RuleBase):
    """A minimum degree level, in one of the accepted fields."""

    kind: Literal["education"]
    min_level: LevelName = Field(description="Lowest accepted level on the ISCED-based ladder.")
    fields: list[PhraseText] = Field(
        default_factory=list, description="Accepted fields of study; empty: any field."
    )
    related_fields: bool = Field(
        False, description="A related / another relevant field is accepted (needs review)."
    )
    in_lieu: list[InLieu] = Field(
        default_factory=list, description="Lower degrees accepted with additional experience."
    )


class ExperienceRule(RuleBase):
    """Minimum years of professional experience, optionally in domains and with qualifiers."""

    kind: Literal["experience"]
    min_years: Float = Field(
        ge=0,
        le=MAX_YEARS,
        allow_inf_nan=False,
        description=f"Minimum years of experience, at most {MAX_YEARS}.",
    )
    domains: list[PhraseText] = Field(
        default_factory=list,
        description="Phrases naming the domains; any one counts. Empty, with no concepts: "
        "any professional work.",
    )
    concepts: list[ConceptId] = Field(default_factory=list, description=_CONCEPTS_HELP)
    qualifiers: list[Qualifier] = Field(
        default_factory=list, description="Only posts with all of these qualities count."
    )
    topics: list[ConceptId] = Field(
        default_factory=list,
        description="Concepts the work must be about: a post counts only if it also names one "
        "(research, yes, but on preventive diplomacy).",
    )


class LanguageRule(RuleBase):
    """A language at a minimum level, optionally for given skills only."""

    kind: Literal["language"]
    language: str = Field(description="Language name or ISO 639 code (English, en, eng).")
    level: Line = Field(
        description="CEFR A1-C2; native, fluent, working knowledge, knowledge, basic; "
        "NATO levels I-VI."
    )
    skills: list[Skill] | None = Field(
        None, description="Skills the level applies to; default all four."
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return known_language(value)

    @field_validator("level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if vacancy_level(value) is None:
            raise ValueError(f"unknown language level {value!r}")
        return value

    def spec_skills(self) -> tuple[str, ...]:
        return tuple(self.skills) if self.skills else SKILLS


class CompetencyRule(RuleBase):
    """A named competency, evidenced by phrases found in the CV."""

    kind: Literal["competency"]
    name: PhraseText = Field(description="The competency's name as the notice gives it.")
    description: str | None = Field(None, description="The notice's description of it.")
    evidence: list[PhraseText] = Field(
        default_factory=list, description="Phrases that count as evidence (matched fuzzily)."
    )
    concepts: list[ConceptId] = Field(default_factory=list, description=_CONCEPTS_HELP)


class ReviewRule(RuleBase):
    """A condition a person checks, never decided automatically; needs `text`, or a group's."""

    kind: Literal["review"]
    applies_to: list[EmployerKindId] = Field(
        default_factory=list,
        description="Kinds of employer (organisations.yaml) the condition concerns: only a "
        "candidate whose current post is with one of them needs the check; for anyone else "
        "it does not apply and is met. Empty: every candidate is checked.",
    )
    declaration: QuestionId | None = Field(
        None,
        description="The id of the application form's question whose answer settles this "
        "rule: a CV's `declarations` answer 'yes' meets it, 'no' does not. Shown as declared "
        "by the candidate, never as verified; a panel's decision wins over it. Top-level "
        "rules only.",
    )


class GroupRule(RuleBase):
    """any_of: one nested rule suffices; all_of: every nested rule is needed."""

    kind: Literal["any_of", "all_of"]
    rules: list[Requirement] = Field(min_length=1, description="The nested rules.")


class AtLeastRule(RuleBase):
    """At least n of the nested rules."""

    kind: Literal["at_least"]
    n: Int = Field(ge=1, description="How many nested rules must be met.")
    rules: list[Requirement] = Field(min_length=1, description="The nested rules.")


Requirement = Annotated[
    EducationRule
    | ExperienceRule
    | LanguageRule
    | CompetencyRule
    | ReviewRule
    | GroupRule
    | AtLeastRule,
    Field(discriminator="kind"),
]
GroupRule.model_rebuild()
AtLeastRule.model_rebuild()


class Vacancy(Model):
    """A vacancy notice encoded as rules."""

    id: str = Field(pattern=RULE_ID, description="Stable id, usually the file's stem.")
    title: Line = Field(description="The post's title as the notice gives it.")
    organisation: Line = Field(description="The hiring organisation.")
    grade: Line | None = Field(None, description="Grade or level of the post (P-5, E, ASG).")
    duty_station: Line | None = Field(None, description="Where the post is based.")
    closing_date: ClosingDate | None = Field(None, description="Closing date, YYYY-MM-DD.")
    source: Source | None = Field(None, description="The notice this file encodes.")
    notes: str | None = Field(None, description="How the notice was encoded.")
    lint_ignore: list[Annotated[str, Field(pattern=r"^JS1\d\d$")]] = Field(
        default_factory=list,
        description="Lint codes this file accepts on purpose, e.g. JS104 for a historical "
        "notice whose closing date has passed. Say why in a comment.",
    )
    requirements: list[Requirement] = Field(min_length=1, description="The rules.")

    def walk(self) -> Iterator[tuple[tuple[str | int, ...], Requirement]]:
        """Every rule with its location, nested rules included, in file order."""
        yield from _walk(self.requirements, ("requirements",))

    def notice_texts(self) -> dict[tuple[str | int, ...], str | None]:
        """Each rule's notice words, by location: its own `text`, else its nearest group's."""
        found: dict[tuple[str | int, ...], str | None] = {}
        for loc, rule in self.walk():  # a group comes before its rules, at loc[:-2]
            found[loc] = rule.text if (rule.text or "").strip() else found.get(loc[:-2])
        return found

    def competency_phrases(self) -> tuple[str, ...]:
        """Every competency's name and evidence phrases, for reading plain-text CVs."""
        found: list[str] = []
        for _, rule in self.walk():
            if isinstance(rule, CompetencyRule):
                found += [rule.name, *rule.evidence]
        return tuple(dict.fromkeys(found))

    def rule_by_id(self, rule_id: str) -> Requirement | None:
        return next((rule for _, rule in self.walk() if rule.id == rule_id), None)

    def declarations(self) -> dict[str, str]:
        """Rule id -> the screening question whose declared answer settles that rule."""
        return {
            rule.id: rule.declaration
            for rule in self.requirements
            if isinstance(rule, ReviewRule) and rule.declaration
        }


def _walk(
    rules: list[Requirement], prefix: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Requirement]]:
    for index, rule in enumerate(rules):
        loc = (*prefix, index)
        yield loc, rule
        if isinstance(rule, GroupRule | AtLeastRule):
            yield from _walk(rule.rules, (*loc, "rules"))


Problem = tuple[tuple[str | int, ...], str]
_NO_REVIEW_TEXT = "a review rule needs the notice's text: it is all a reviewer sees"
_NO_NESTED_REVIEW_TEXT = (
    "a review rule needs the notice's text, its own or an enclosing group's: "
    "it is all a reviewer sees"
)

_NESTED_DECLARATION = (
    "a declaration settles a top-level review rule only: move it to a rule of its own"
)


def semantic_problems(vacancy: Vacancy, vocab: Vocabulary | None = None) -> list[Problem]:
    """Checks beyond types: unique ids, at_least bounds, in-lieu levels, references, years,
    and the concepts and employers named (in ``vocab``; default: the package's)."""
    vocab = vocab or vocabulary()
    problems: list[Problem] = []
    seen: dict[str, tuple[str | int, ...]] = {}
    texts = vacancy.notice_texts()
    for loc, rule in vacancy.walk():
        if len(loc) == 2 and "required" not in rule.model_fields_set:
            problems.append((loc, "state 'required: true' (mandatory) or 'false' (desirable)"))
        if rule.id in seen:
            problems.append(((*loc, "id"), f"duplicate rule id {rule.id!r}"))
        seen.setdefault(rule.id, loc)
        if isinstance(rule, ReviewRule) and not texts[loc]:
            problems.append((loc, _NO_REVIEW_TEXT if len(loc) == 2 else _NO_NESTED_REVIEW_TEXT))
        if isinstance(rule, ReviewRule) and rule.declaration and len(loc) > 2:
            problems.append(((*loc, "declaration"), _NESTED_DECLARATION))
        problems.extend(_rule_problems(vacancy, loc, rule))
        problems.extend(_concept_problems(loc, rule, vocab))
    return problems


def _concept_problems(
    loc: tuple[str | int, ...], rule: Requirement, vocab: Vocabulary
) -> list[Problem]:
    if isinstance(rule, ReviewRule):
        kinds = vocab.employers
        return [
            ((*loc, "applies_to", index), f"unknown kind of employer {name!r}")
            for index, name in enumerate(rule.applies_to)
            if name not in kinds
        ]
    if not isinstance(rule, ExperienceRule | CompetencyRule):
        return []
    known = vocab.concepts
    named = [("concepts", rule.concepts)]
    if isinstance(rule, ExperienceRule):
        named.append(("topics", rule.topics))
    return [
        ((*loc, key, index), f"unknown concept {name!r} (see jobscreen concepts)")
        for key, names in named
        for index, name in enumerate(names)
        if name not in known
    ]


def _rule_problems(
    vacancy: Vacancy, loc: tuple[str | int, ...], rule: Requirement
) -> list[Problem]:
    if isinstance(rule, AtLeastRule) and rule.n > len(rule.rules):
        return [((*loc, "n"), f"at_least n={rule.n} but only {len(rule.rules)} rules follow")]
    if not isinstance(rule, EducationRule):
        return []
    problems: list[Problem] = []
    minimum = EducationLevel[rule.min_level]
    for index, alt in enumerate(rule.in_lieu):
        where = (*loc, "in_lieu", index)
        if EducationLevel[alt.level] >= minimum:
            problems.append(
                ((*where, "level"), f"in-lieu level {alt.level!r} is not below {rule.min_level!r}")
            )
        experience = vacancy.rule_by_id(alt.experience)
        if not isinstance(experience, ExperienceRule):
            problems.append(
                ((*where, "experience"), f"{alt.experience!r} is not the id of an experience rule")
            )
        elif experience.min_years + alt.extra_years > MAX_YEARS:
            raised = f"{experience.min_years:g} + {alt.extra_years:g} years"
            message = f"in lieu, {experience.id!r} would ask for {raised}, over {MAX_YEARS}"
            problems.append(((*where, "extra_years"), message))
    return problems
