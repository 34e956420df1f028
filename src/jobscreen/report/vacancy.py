"""show's formats: a vacancy's requirements as a rich table a recruiter can read, or JSON."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TextIO

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from jobscreen.levels import EducationLevel
from jobscreen.report.table import console_for
from jobscreen.vacancy import (
    AtLeastRule,
    CompetencyRule,
    EducationRule,
    ExperienceRule,
    GroupRule,
    LanguageRule,
    Requirement,
    ReviewRule,
    Vacancy,
)


def _some(items: list[str], most: int = 4) -> str:
    return ", ".join(items[:most]) + (f" (+{len(items) - most} more)" if len(items) > most else "")


def describe(rule: Requirement) -> str:
    """What a rule asks, in a line."""
    if isinstance(rule, EducationRule):
        text = EducationLevel[rule.min_level].label + (
            f" in {_some(rule.fields)}" if rule.fields else ""
        )
        if rule.related_fields:
            text += (
                " or a related field"
                if rule.fields
                else " in a relevant field (judged by a person)"
            )
        for alt in rule.in_lieu:
            lower = EducationLevel[alt.level].label
            text += f"; or {lower} + {alt.extra_years:g} years ({alt.experience})"
        return text
    if isinstance(rule, ExperienceRule):
        quals = " ".join(rule.qualifiers)
        named = [*rule.domains, *(f"[{c}]" for c in rule.concepts)]  # [concept id]
        scope = f" in {_some(named)}" if named else ""
        amount = f"{rule.min_years:g}+ years" if rule.min_years else "some experience"
        return f"{amount}{' ' + quals if quals else ''}{scope}"
    if isinstance(rule, LanguageRule):
        skills = f" ({', '.join(rule.skills)})" if rule.skills else ""
        return f"{rule.language} at '{rule.level}'{skills}"
    if isinstance(rule, CompetencyRule):
        return f"{rule.name}: {_some(rule.evidence)}" if rule.evidence else rule.name
    if isinstance(rule, ReviewRule):
        return "checked by a person" + (
            f" (staff of: {', '.join(rule.applies_to)})" if rule.applies_to else ""
        )
    if isinstance(rule, AtLeastRule):
        return f"at least {rule.n} of {len(rule.rules)}"
    assert isinstance(rule, GroupRule)
    return ("any one of " if rule.kind == "any_of" else "all of ") + str(len(rule.rules))


def _rows(table: Table, rules: list[Requirement], depth: int) -> None:
    for rule in rules:
        need = ("mandatory" if rule.required else "desirable") if depth == 0 else ""
        style = "bold" if rule.required and depth == 0 else ""
        quote = Text(describe(rule))
        if rule.text:
            quote.append(f"\n“{rule.text}”", style="dim italic")
        table.add_row(
            "  " * depth + rule.id, rule.kind, Text(need, style), f"{rule.weight:g}", quote
        )
        if isinstance(rule, GroupRule | AtLeastRule):
            _rows(table, rule.rules, depth + 1)


def print_vacancy(vacancy: Vacancy, out: TextIO) -> None:
    meta = [vacancy.organisation, vacancy.grade, vacancy.duty_station]
    closing = f"closing {vacancy.closing_date}" if vacancy.closing_date else "no closing date"
    table = Table(
        title=escape(f"{vacancy.title} ({vacancy.id})"),
        caption=escape(" · ".join([m for m in meta if m] + [closing])),
        show_lines=True,
    )
    for column in ("Rule", "Kind", "Need", "Weight", "What it asks (and the notice's words)"):
        table.add_column(column)
    _rows(table, vacancy.requirements, 0)
    console_for(out).print(table)


def write_vacancy_json(vacancy: Vacancy, out: TextIO) -> None:
    """The vacancy as its model dumps it, without the keys left out."""
    out.write(vacancy.model_dump_json(indent=2, exclude_none=True) + "\n")


class VacancyFormat(StrEnum):
    """Every output format of show, in the order --format lists them."""

    table = "table"
    json = "json"


VACANCY_WRITERS: dict[VacancyFormat, Callable[[Vacancy, TextIO], None]] = {
    VacancyFormat.table: print_vacancy,
    VacancyFormat.json: write_vacancy_json,
}
