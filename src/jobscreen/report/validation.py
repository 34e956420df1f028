"""Formats for `jobscreen validate`: text, json, github annotations, junit XML.

Every format reports errors and lint warnings; warnings never make a file invalid (--strict
has already turned them into errors when asked).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import StrEnum
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from jobscreen.errors import KINDS, Location, Problem, char_code, printable_name
from jobscreen.validation import FileCheck

COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m"}
BOLD, RESET = "\x1b[1m", "\x1b[0m"


def entries(check: FileCheck) -> Iterator[Problem]:
    """A file's errors, then its warnings, each placed at path:line:col (its file's 1:1
    when it has no place of its own)."""
    for problem in (*check.errors, *check.warnings):
        yield replace(problem, location=_place(problem.location, check.source))


def _place(location: Location | None, source: str) -> Location:
    if location is None:
        return Location(source, 1, 1)
    return Location(location.path, location.line or 1, location.column or 1)


def _spot(entry: Problem) -> tuple[str, int, int]:
    """An entry's path, line and column (entries are placed)."""
    loc = entry.location or Location("")
    return loc.path, loc.line or 1, loc.column or 1


def _code(entry: Problem) -> str:
    """Its lint code (JS1xx); the codes of a kind of problem are not shown here."""
    return "" if entry.code in KINDS else entry.code


def _text(entry: Problem) -> str:
    """The message with its lint code in front, if it has one."""
    code = _code(entry)
    return f"{code} {entry.message}" if code else entry.message


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def summary(checks: tuple[FileCheck, ...]) -> str:
    """One line: '5 files valid, 2 warnings' or '3 problems in 1 of 5 files'."""
    bad = [c for c in checks if not c.ok]
    problems = sum(len(c.errors) for c in checks)
    warnings = sum(len(c.warnings) for c in checks)
    tail = f", {_count(warnings, 'warning')}" if warnings else ""
    if not bad:
        return f"{_count(len(checks), 'file')} valid{tail}"
    return f"{_count(problems, 'problem')} in {len(bad)} of {len(checks)} files{tail}"


def text_lines(checks: tuple[FileCheck, ...], color: bool = False) -> list[str]:
    """'path:line:col: error: message' and 'path:line:col: warning: JS1xx message' lines."""
    return [_text_line(entry, color) for check in checks for entry in entries(check)]


def _text_line(entry: Problem, color: bool) -> str:
    if not color:
        return f"{entry.location}: {entry.severity}: {_text(entry)}"
    severity = f"{COLORS[entry.severity]}{entry.severity}{RESET}"
    return f"{BOLD}{entry.location}{RESET}: {severity}: {_text(entry)}"


def write_text(checks: tuple[FileCheck, ...], out: TextIO, color: bool = False) -> None:
    for line in text_lines(checks, color):
        out.write(line + "\n")
    out.write(summary(checks) + "\n")


def _json_entry(entry: Problem) -> dict[str, object]:
    path, line, column = _spot(entry)
    data: dict[str, object] = {"path": path, "line": line, "column": column}
    if code := _code(entry):
        data["code"] = code
    return {**data, "message": entry.message}


def _json_file(check: FileCheck) -> dict[str, object]:
    found = list(entries(check))
    return {
        "path": check.source,
        "kind": check.kind,
        "valid": check.ok,
        "errors": [_json_entry(e) for e in found if e.severity == "error"],
        "warnings": [_json_entry(e) for e in found if e.severity == "warning"],
    }


def write_json(checks: tuple[FileCheck, ...], out: TextIO, color: bool = False) -> None:
    data = {
        "valid": all(c.ok for c in checks),
        "summary": summary(checks),
        "warnings": sum(len(c.warnings) for c in checks),
        "files": [_json_file(c) for c in checks],
    }
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def escape_data(text: str) -> str:
    """GitHub workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub workflow-command escaping of a property value (file=..., title=...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(entry: Problem) -> str:
    """One workflow command: '::error file=...,line=N,col=M,title=jobscreen JS1xx::message'."""
    title = f"jobscreen {_code(entry)}".strip()
    path, line, column = _spot(entry)
    props = (
        f"file={escape_property(printable_name(path))},line={line},col={column},"
        f"title={escape_property(title)}"
    )
    return f"::{entry.severity} {props}::{escape_data(entry.message)}"


def write_github(checks: tuple[FileCheck, ...], out: TextIO, color: bool = False) -> None:
    """Annotations first (GitHub shows ten per step), then the full text report."""
    for check in checks:
        for entry in entries(check):
            out.write(annotation(entry) + "\n")
    write_text(checks, out)


def write_junit(checks: tuple[FileCheck, ...], out: TextIO, color: bool = False) -> None:
    """JUnit XML: one test case per file, one failure per problem; warnings as its output."""
    failures = sum(1 for c in checks if not c.ok)
    counts = f'tests="{len(checks)}" failures="{failures}" errors="0"'
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="jobscreen validate" {counts}>\n')
    out.write(f'  <testsuite name="jobscreen validate" {counts}>\n')
    for check in checks:
        out.write(_junit_case(check))
    out.write("  </testsuite>\n</testsuites>\n")


# What XML 1.0 cannot hold, even as a character reference: C0 controls but tab, newline and
# carriage return, lone surrogates (a file name's undecodable bytes), U+FFFE and U+FFFF
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Text as XML 1.0 content, each character it cannot hold shown as a code."""
    return escape(_NOT_XML.sub(char_code, text))


def _xml_attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub(char_code, text))


def _junit_case(check: FileCheck) -> str:
    name = _xml_attr(printable_name(check.source))
    head = f'    <testcase classname="jobscreen.validate" name={name} file={name}'
    found = list(entries(check))
    if not found:
        return head + "/>\n"
    body = [
        f"      <failure message={_xml_attr(_text(e))}>{_xml(_text_line(e, False))}</failure>\n"
        for e in found
        if e.severity == "error"
    ]
    warned = [_text_line(e, False) for e in found if e.severity == "warning"]
    if warned:
        body.append(f"      <system-out>{_xml(chr(10).join(warned))}</system-out>\n")
    return head + ">\n" + "".join(body) + "    </testcase>\n"


class ValidateFormat(StrEnum):
    """Every output format of validate, in the order --format lists them."""

    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


VALIDATE_FORMATS = tuple(ValidateFormat)  # validate's --format choices
WRITERS: dict[ValidateFormat, Callable[[tuple[FileCheck, ...], TextIO, bool], None]] = {
    ValidateFormat.text: write_text,
    ValidateFormat.json: write_json,
    ValidateFormat.github: write_github,
    ValidateFormat.junit: write_junit,
}
