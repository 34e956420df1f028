"""Lint rules beyond validity: a valid vacancy that is probably not what its notice says.

Pure: no I/O, no clock (the as-of date is passed in). Each check is one small function in
the explicit :data:`CHECKS` registry, under a stable code. `jobscreen validate` reports the
findings as warnings, or as errors with --strict.

An unknown language or language level is not a lint finding: the model rejects it, so
validation reports it as an error. JS106 covers what the model accepts only loosely.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from jobscreen.levels import CEFR, PHRASES, EducationLevel, vacancy_level
from jobscreen.vacancy import (
    CompetencyRule,
    EducationRule,
    ExperienceRule,
    LanguageRule,
    Requirement,
    Vacancy,
)

Loc = tuple[str | int, ...]
Hit = tuple[Loc, str]
Twin = EducationRule | ExperienceRule | LanguageRule

# A level written as one term of a scale: CEFR, a notice phrase, NATO I-VI, STANAG 0-5.
_SCALE_TERM = re.compile(
    r"^(?:(?:nato|stanag(?: 6001)?|slp|ilr)\s*)?(?:level\s*)?(?:i{1,3}|iv|vi?|[0-5]\+?)$"
)


@dataclass(frozen=True)
class Finding:
    """One lint finding: its stable code, where it points (a model loc, or for what only the
    file's text holds, such as a comment, its 1-based line and column) and what it says."""

    code: str
    loc: Loc
    message: str
    position: tuple[int, int] | None = None


@dataclass(frozen=True)
class Check:
    """A lint rule: a stable code, a one-line summary, and the function that finds it in the
    model; or ``in_text``, for what only the file's text holds (its comments)."""

    code: str
    summary: str
    find: Callable[[Vacancy, dt.date | None], Iterable[Hit]]
    in_text: Callable[[str], Iterable[tuple[int, int, str]]] | None = None


def _top_level(vacancy: Vacancy) -> Iterator[tuple[Loc, Requirement]]:
    return ((("requirements", i), rule) for i, rule in enumerate(vacancy.requirements))


def missing_text(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """A top-level rule without `text`; nested rules are covered by their group's."""
    for loc, rule in _top_level(vacancy):
        if not (rule.text or "").strip():
            yield loc, f"rule {rule.id!r} has no `text`: quote the notice's words it encodes"


def _subject(rule: Twin) -> tuple[object, ...]:
    """What a rule is about, minimum aside: rules with the same subject are twins."""
    if isinstance(rule, EducationRule):
        return ("education", frozenset(f.casefold() for f in rule.fields))
    if isinstance(rule, ExperienceRule):
        return ("experience", frozenset(d.casefold() for d in rule.domains), *rule.qualifiers)
    return ("language", rule.language, *sorted(rule.spec_skills()))


def _minimum(rule: Twin) -> tuple[float, str]:
    """A rule's minimum as a comparable number, and as the file states it."""
    if isinstance(rule, EducationRule):
        return EducationLevel[rule.min_level], rule.min_level
    if isinstance(rule, ExperienceRule):
        return rule.min_years, f"{rule.min_years:g} years"
    spec = vacancy_level(rule.level, rule.spec_skills())
    return (spec.minimum if spec else 0), rule.level


def desirable_above_twin(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """A desirable rule asking more than the mandatory rule on the same subject."""
    twins = [(loc, r) for loc, r in _top_level(vacancy) if isinstance(r, Twin)]
    mandatory = {_subject(r): r for _, r in twins if r.required}
    for loc, rule in twins:
        twin = mandatory.get(_subject(rule))
        if rule.required or twin is None:
            continue
        (high, wanted), (low, needed) = _minimum(rule), _minimum(twin)
        if high > low:
            message = (
                f"desirable rule {rule.id!r} asks for more ({wanted}) than its mandatory twin "
                f"{twin.id!r} ({needed}): check that the notice states both"
            )
            yield loc, message


def empty_phrases(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """A competency without evidence, or an experience rule that any post meets."""
    for loc, rule in vacancy.walk():
        if isinstance(rule, CompetencyRule) and not rule.evidence:
            yield loc, f"competency {rule.id!r} has no `evidence` phrases: only its name is matched"
        if isinstance(rule, ExperienceRule) and _matches_any_post(rule):
            message = (
                f"experience rule {rule.id!r} has min_years 0 and no domains or qualifiers: "
                "any post meets it"
            )
            yield loc, message


def _matches_any_post(rule: ExperienceRule) -> bool:
    return rule.min_years == 0 and not _narrowed(rule)


def _narrowed(rule: ExperienceRule) -> bool:
    """Whether only some posts count: by domain, concept or qualifier."""
    return bool(rule.domains or rule.concepts or rule.qualifiers)


# --- an unedited draft (jobscreen new vacancy [--from-notice]) ------------------------------

EXAMPLE = "EXAMPLE"
# a "# REVIEW" comment: after a space or at a line's start, as YAML comments are
_REVIEW = re.compile(r"(?:^|\s)#\s*(REVIEW)\b", re.MULTILINE)


def example_left(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """A value still holding the skeleton's EXAMPLE placeholder."""
    for loc, value in _strings(vacancy.model_dump(mode="json", exclude_none=True), ()):
        if value.lstrip().startswith(EXAMPLE):
            yield loc, f"{value[:60]!r} is the skeleton's example: write the notice's own"


def _strings(data: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))


def no_model_finding(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """For checks of the text alone: the model has nothing to find."""
    return iter(())


def review_left(text: str) -> Iterator[tuple[int, int, str]]:
    """A `# REVIEW` comment a drafted value carries: it is a guess until a person checks it."""
    for match in _REVIEW.finditer(text):
        line = text.count("\n", 0, match.start(1)) + 1
        column = match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1) + 1
        yield line, column, "a drafted value not yet reviewed: check it, then delete the comment"


def list_left_empty(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """An education rule without fields whose text names fields of study, or an experience
    rule that any post counts for (no domains, concepts or qualifiers) whose text names
    thesaurus concepts."""
    from jobscreen.mentions import concepts_named, fields_named

    for loc, rule in vacancy.walk():
        text = rule.text or ""
        if isinstance(rule, EducationRule) and not rule.fields and (named := fields_named(text)):
            yield (*loc, "fields"), _empty(rule.id, "any field", "fields", named)
        open_ended = isinstance(rule, ExperienceRule) and not _narrowed(rule)
        if open_ended and (named := concepts_named(text)):
            yield (*loc, "concepts"), _empty(rule.id, "any work", "concepts", named)


def _empty(rule_id: str, accepts: str, key: str, named: list[str]) -> str:
    return (
        f"rule {rule_id!r} accepts {accepts}, but its text names {', '.join(named)}: "
        f"list them in `{key}`, or say why not with lint_ignore"
    )


def closing_date_past(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """A closing date before the as-of date (none is checked without one)."""
    closing = vacancy.closing_date
    if as_of is not None and closing is not None and closing < as_of:
        yield ("closing_date",), f"closing date {closing} is before {as_of}"


def desirable_outweighs(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """A desirable rule whose weight exceeds that of all mandatory rules together."""
    rules = list(_top_level(vacancy))
    total = sum(rule.weight for _, rule in rules if rule.required)
    for loc, rule in rules:
        if total and not rule.required and rule.weight > total:
            message = (
                f"desirable rule {rule.id!r} weighs {rule.weight:g}, more than all mandatory "
                f"rules together ({total:g})"
            )
            yield (*loc, "weight"), message


def loose_language_level(vacancy: Vacancy, as_of: dt.date | None) -> Iterator[Hit]:
    """A language level accepted only because a known term occurs somewhere inside it."""
    for loc, rule in vacancy.walk():
        if isinstance(rule, LanguageRule) and not is_scale_term(rule.level):
            spec = vacancy_level(rule.level, rule.spec_skills())
            read = f"level {spec.minimum} of 6" if spec else "unknown"
            message = (
                f"language level {rule.level!r} is free text (read as {read}): "
                "use CEFR A1-C2, a notice phrase such as 'fluent', or NATO I-VI"
            )
            yield (*loc, "level"), message


def is_scale_term(level: str) -> bool:
    """Whether a level is exactly one term of a known scale, not a phrase containing one."""
    norm = re.sub(r"\s+", " ", level.strip().lower().replace("_", " "))
    return norm in CEFR or norm in PHRASES or bool(_SCALE_TERM.match(norm))


CHECKS: tuple[Check, ...] = (
    Check("JS101", "a top-level rule has no `text` (the notice's words)", missing_text),
    Check(
        "JS102",
        "a desirable rule asks for more than its mandatory twin (same subject)",
        desirable_above_twin,
    ),
    Check(
        "JS103",
        "a competency has no `evidence`; an experience rule has min_years 0 and no domains",
        empty_phrases,
    ),
    Check("JS104", "the closing date is before --as-of (default: today)", closing_date_past),
    Check(
        "JS105",
        "a desirable rule weighs more than all mandatory rules together",
        desirable_outweighs,
    ),
    Check("JS106", "a language level is free text, not a scale's term", loose_language_level),
    Check("JS107", "a value is still the skeleton's EXAMPLE placeholder", example_left),
    Check(
        "JS108",
        "a `# REVIEW` comment of a drafted value is left",
        no_model_finding,
        review_left,
    ),
    Check(
        "JS109",
        "an education rule has no fields, or an experience rule no domains or concepts, while "
        "its text names some",
        list_left_empty,
    ),
)
CODES = frozenset(check.code for check in CHECKS)


def lint(vacancy: Vacancy, as_of: dt.date | None, text: str = "") -> list[Finding]:
    """Every finding of every check, in registry order, then file order; ``text`` is the
    file's, for the checks of what only it holds."""
    found = [
        Finding(check.code, loc, message)
        for check in CHECKS
        if check.code not in vacancy.lint_ignore
        for loc, message in check.find(vacancy, as_of)
    ]
    found += [
        Finding(check.code, (), message, (line, column))
        for check in CHECKS
        if check.in_text is not None and check.code not in vacancy.lint_ignore
        for line, column, message in check.in_text(text)
    ]
    return found
