"""`validate` output formats: JUnit XML, GitHub escaping, colour only where wanted."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jobscreen.cli.check import color_wanted
from jobscreen.errors import JobscreenError, Location, Problem
from jobscreen.report.validation import (
    VALIDATE_FORMATS,
    WRITERS,
    annotation,
    entries,
    escape_data,
    escape_property,
    write_junit,
    write_text,
)
from jobscreen.validation import FileCheck
from tests.conftest import DATA, VACANCIES, invoke

INVALID = DATA / "invalid-vacancies"
GOOD = FileCheck("good.yaml", "vacancy")
BAD = FileCheck(
    "bad.yaml",
    "vacancy",
    (
        JobscreenError("missing required key 'min_years'", Location("bad.yaml", 5, 5)).problem(),
        JobscreenError('weight: <less> & "more"', Location("bad.yaml", 8, 13)).problem(),
    ),
)
WARNED = FileCheck(
    "warned.yaml",
    "vacancy",
    warnings=(Problem(Location("warned.yaml", 4, 15), "closing date is past", "warning", "JS104"),),
)


def junit(checks: tuple[FileCheck, ...]) -> ET.Element:
    out = io.StringIO()
    write_junit(checks, out)
    return ET.fromstring(out.getvalue().encode("utf-8"))


def test_every_format_has_a_writer() -> None:
    assert set(VALIDATE_FORMATS) == set(WRITERS)


def test_junit_has_one_test_case_per_file_and_one_failure_per_problem() -> None:
    root = junit((GOOD, BAD, WARNED))
    suite = root.find("testsuite")
    assert suite is not None
    assert (root.get("tests"), root.get("failures")) == ("3", "1")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["good.yaml", "bad.yaml", "warned.yaml"]
    assert list(cases[0]) == []
    failures = cases[1].findall("failure")
    assert [f.get("message") for f in failures] == [
        "missing required key 'min_years'",
        'weight: <less> & "more"',
    ]
    assert failures[1].text == 'bad.yaml:8:13: error: weight: <less> & "more"'


def test_junit_puts_warnings_in_the_output_not_in_failures() -> None:
    case = junit((WARNED,)).find("testsuite/testcase")
    assert case is not None
    assert case.findall("failure") == []
    assert case.findtext("system-out") == "warned.yaml:4:15: warning: JS104 closing date is past"


def test_junit_from_the_command_line_parses(tmp_path: Path) -> None:
    report = tmp_path / "report.xml"
    broken = INVALID / "zero-weight.yaml"
    code, _, _ = invoke("validate", "-f", "junit", "-o", str(report), str(VACANCIES), str(broken))
    root = ET.parse(report).getroot()
    names = [c.get("name") for c in root.iter("testcase")]
    assert code == 1
    assert len(names) == len(list(VACANCIES.glob("*.yaml"))) + 1
    failed = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == [str(broken)]


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("100% sure", "100%25 sure"),
        ("line one\nline two", "line one%0Aline two"),
        ("cr\r\nlf", "cr%0D%0Alf"),
        ("%0A is literal", "%250A is literal"),
        ("a: b, c", "a: b, c"),
    ],
)
def test_escape_data(raw: str, escaped: str) -> None:
    assert escape_data(raw) == escaped


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("vacancies/a,b.yaml", "vacancies/a%2Cb.yaml"),
        ("C:\\x.yaml", "C%3A\\x.yaml"),
        ("50%\n", "50%25%0A"),
        ("plain/path.yaml", "plain/path.yaml"),
    ],
)
def test_escape_property(raw: str, escaped: str) -> None:
    assert escape_property(raw) == escaped


def test_annotation_escapes_each_part_by_its_own_rules() -> None:
    error = JobscreenError("bad: 100%,\nsee", Location("dir,1/f:x.yaml", 3, 7))
    entry = next(entries(FileCheck("dir,1/f:x.yaml", "vacancy", (error.problem(),))))
    assert annotation(entry) == (
        "::error file=dir%2C1/f%3Ax.yaml,line=3,col=7,title=jobscreen::bad: 100%25,%0Asee"
    )


def test_text_colour_marks_errors_red_and_warnings_yellow() -> None:
    out = io.StringIO()
    write_text((BAD, WARNED), out, color=True)
    lines = out.getvalue().splitlines()
    assert (
        lines[0]
        == "\x1b[1mbad.yaml:5:5\x1b[0m: \x1b[31merror\x1b[0m: missing required key 'min_years'"
    )
    assert "\x1b[33mwarning\x1b[0m: JS104" in lines[2]
    assert "\x1b" not in lines[-1]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("out", "no_color", "wanted"),
    [
        (FakeTerminal(), None, True),
        (FakeTerminal(), "1", False),
        (FakeTerminal(), "", True),  # NO_COLOR counts only when not empty
        (io.StringIO(), None, False),
    ],
    ids=["terminal", "no-color", "empty-no-color", "not-a-terminal"],
)
def test_colour_only_on_a_terminal_without_no_color(
    out: io.StringIO, no_color: str | None, wanted: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert color_wanted(out) is wanted


def test_command_line_output_off_a_terminal_has_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    code, out, _ = invoke("validate", str(INVALID / "zero-weight.yaml"))
    assert code == 1
    assert "error: weight" in out
    assert "\x1b[" not in out
