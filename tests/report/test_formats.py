"""The one registry of output formats: every format has a reporter, every --format choice
is a format, and a name that is none is refused as it always was."""

from __future__ import annotations

import io

import pytest

from jobscreen.report.audit import AUDIT_WRITERS, AuditFormat
from jobscreen.report.base import (
    EXPLAIN_FORMATS,
    MATCH_FORMATS,
    REPORTERS,
    SCORE_FORMATS,
    Format,
    Reporter,
    Target,
    reporter_for,
)
from jobscreen.report.concepts import ConceptFormat
from jobscreen.report.vacancy import VACANCY_WRITERS, VacancyFormat
from jobscreen.report.validation import VALIDATE_FORMATS, ValidateFormat
from jobscreen.sources import load_vacancy
from tests.conftest import CANDIDATES, VACANCIES, invoke

VACANCY = str(VACANCIES / "un-aro-senior-pmo.yaml")
CV = str(CANDIDATES / "aisha-rahman-cole.yaml")


def reporter(fmt: Format) -> Reporter:
    out = io.BytesIO() if fmt.binary else io.StringIO()
    return REPORTERS[fmt](Target(out, vacancy=load_vacancy(VACANCY)))


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_a_reporter_named_for_it(fmt: Format) -> None:
    assert reporter(fmt).name == fmt


@pytest.mark.parametrize("fmt", MATCH_FORMATS)
def test_every_match_format_has_a_reporter_that_shows_a_matching(fmt: Format) -> None:
    assert type(reporter(fmt)).matching is not Reporter.matching


COMMANDS = {
    "score": (["score", VACANCY, CV], SCORE_FORMATS, Format),
    "explain": (["explain", VACANCY, CV], EXPLAIN_FORMATS, Format),
    "match": (["match", CV, VACANCY], MATCH_FORMATS, Format),
    "validate": (["validate", VACANCY], VALIDATE_FORMATS, ValidateFormat),
    "show": (["show", VACANCY], tuple(VacancyFormat), VacancyFormat),
    "audit": (["audit", "record.json", "--groups", "groups.csv"], tuple(AuditFormat), AuditFormat),
    "concepts": (["concepts"], tuple(ConceptFormat), ConceptFormat),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_format_choice_is_a_format_and_an_unknown_one_is_refused(command: str) -> None:
    args, choices, family = COMMANDS[command]
    code, out, err = invoke(*args, "--format", "yaml")
    assert (code, out) == (2, "")
    listed = ", ".join(choices)
    assert err == f"jobscreen: error: --format must be one of {listed}; got 'yaml'\n"
    assert all(family(name) is name for name in choices)


def test_every_show_and_audit_format_has_a_writer() -> None:
    assert list(VACANCY_WRITERS) == list(VacancyFormat)
    assert list(AUDIT_WRITERS) == list(AuditFormat)


def test_the_choices_are_those_of_before() -> None:
    """The lists each command's --format gave before the registry, in the same order."""
    assert SCORE_FORMATS == ("table", "json", "jsonl", "csv", "markdown", "xlsx", "html")
    assert EXPLAIN_FORMATS == ("table", "json", "markdown", "html")
    assert MATCH_FORMATS == ("table", "json", "jsonl", "csv", "markdown")
    assert VALIDATE_FORMATS == ("text", "json", "github", "junit")
    assert tuple(VacancyFormat) == ("table", "json")
    assert tuple(AuditFormat) == ("table", "json", "html")
    assert tuple(ConceptFormat) == ("text", "json")


def test_reporter_for_an_unknown_name_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        reporter_for("yaml", Target(io.StringIO()))
