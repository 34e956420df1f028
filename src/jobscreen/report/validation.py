"""Formats for `jobscreen validate`: text, json, github annotations, junit XML."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from jobscreen.errors import JobscreenError
from jobscreen.validation import FileCheck

VALIDATE_FORMATS = ("text", "json", "github", "junit")


def _where(error: JobscreenError, source: str) -> tuple[str, int, int]:
    loc = error.location
    if loc is None:
        return source, 1, 1
    return loc.path, loc.line or 1, loc.column or 1


def summary(checks: tuple[FileCheck, ...]) -> str:
    bad = [c for c in checks if not c.ok]
    problems = sum(len(c.errors) for c in checks)
    if not bad:
        return f"{len(checks)} file{'s' if len(checks) != 1 else ''} valid"
    return f"{problems} problem{'s' if problems != 1 else ''} in {len(bad)} of {len(checks)} files"


def text_lines(checks: tuple[FileCheck, ...]) -> list[str]:
    lines = []
    for check in checks:
        for error in check.errors:
            path, line, column = _where(error, check.source)
            lines.append(f"{path}:{line}:{column}: error: {error.message}")
    return lines


def write_text(checks: tuple[FileCheck, ...], out: TextIO, color: bool = False) -> None:
    for line in text_lines(checks):
        if color:
            head, _, rest = line.partition(": error: ")
            line = f"\x1b[1m{head}\x1b[0m: \x1b[31merror\x1b[0m: {rest}"
        out.write(line + "\n")
    out.write(summary(checks) + "\n")


def write_json(checks: tuple[FileCheck, ...], out: TextIO, color: bool = False) -> None:
    files = []
    for check in checks:
        errors = []
        for error in check.errors:
            path, line, column = _where(error, check.source)
            errors.append({"path": path, "line": line, "column": column, "message": error.message})
        files.append(
            {"path": check.source, "kind": check.kind, "valid": check.ok, "errors": errors}
        )
    data = {"valid": all(c.ok for c in checks), "summary": summary(checks), "files": files}
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def escape_data(text: str) -> str:
    """GitHub workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub workflow-command escaping of a property value (file=..., title=...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(checks: tuple[FileCheck, ...], out: TextIO, color: bool = False) -> None:
    """Annotations first (GitHub shows ten per step), then the full text report."""
    for check in checks:
        for error in check.errors:
            path, line, column = _where(error, check.source)
            props = f"file={escape_property(path)},line={line},col={column},title=jobscreen"
            out.write(f"::error {props}::{escape_data(error.message)}\n")
    write_text(checks, out)


def write_junit(checks: tuple[FileCheck, ...], out: TextIO, color: bool = False) -> None:
    """JUnit XML: one test case per file, one failure per problem."""
    failures = sum(1 for c in checks if not c.ok)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<testsuites name="jobscreen validate" tests="{len(checks)}" failures="{failures}">\n'
        f'  <testsuite name="jobscreen validate" tests="{len(checks)}" failures="{failures}">\n'
    )
    for check in checks:
        out.write(f'    <testcase classname="jobscreen.validate" name={quoteattr(check.source)}')
        if check.ok:
            out.write("/>\n")
            continue
        out.write(">\n")
        for line in text_lines((check,)):
            message = line.split(": error: ", 1)[-1]
            out.write(f"      <failure message={quoteattr(message)}>{escape(line)}</failure>\n")
        out.write("    </testcase>\n")
    out.write("  </testsuite>\n</testsuites>\n")


WRITERS: dict[str, Callable[[tuple[FileCheck, ...], TextIO, bool], None]] = {
    "text": write_text,
    "json": write_json,
    "github": write_github,
    "junit": write_junit,
}
