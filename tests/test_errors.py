"""errors.py: every exception class defined there, one Problem type, and the one error
handler (jobscreen.entry.handle) that turns any exception into a line and an exit code."""

from __future__ import annotations

import dataclasses
import errno
import importlib
import inspect
import pkgutil

import pytest
import typer

import jobscreen
import jobscreen.schemas
from jobscreen import errors
from jobscreen.entry import handle, write_version
from jobscreen.errors import (
    DocumentErrors,
    InputError,
    InternalError,
    JobscreenError,
    LineError,
    Location,
    Problem,
    SchemaError,
    UsageError,
)
from jobscreen.lint import CODES
from tests.conftest import invoke


def _modules() -> list[str]:
    found = pkgutil.walk_packages(jobscreen.__path__, "jobscreen.")
    return sorted(m.name for m in found if m.name not in ("jobscreen.__main__",))


def test_every_exception_class_is_defined_in_errors() -> None:
    outside = []
    for name in _modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == name
                and name != errors.__name__
            ):
                outside.append(f"{name}.{value.__qualname__}")
    assert outside == []


def test_the_walk_sees_the_package() -> None:
    modules = _modules()
    assert "jobscreen.errors" in modules
    assert "jobscreen.cli.app" in modules
    assert len(modules) > 40


# --- the Problem type ------------------------------------------------------------------------


def test_a_problem_is_frozen_with_its_fields_and_defaults() -> None:
    where = Location("cv.yaml", 3, 7)
    problem = Problem(where, "bad date")
    assert (problem.location, problem.message, problem.severity, problem.code) == (
        where,
        "bad date",
        "error",
        "input",
    )
    assert (problem.trace, problem.candidate) == ("", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.message = "other"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Problem)] == [
        "location",
        "message",
        "severity",
        "code",
        "trace",
        "candidate",
    ]


def test_a_problem_reads_as_its_exception_does() -> None:
    where = Location("cv.yaml", 3, 7)
    assert str(Problem(where, "bad date")) == str(InputError("bad date", where))
    assert str(Problem(None, "no place")) == "no place"
    assert Problem(Location("cv.yaml"), "m").where == "cv.yaml"
    assert Problem(Location("a\x1bb.yaml", 2, 4), "m").where == "a\\x1bb.yaml:2:4"
    assert Problem(None, "m").where == ""


def test_a_problem_in_a_screening_keeps_its_json_keys_and_hides_its_place_when_blind() -> None:
    problem = Problem(Location("cvs/x.yaml", 4, 2), "bad", candidate="x-1")
    assert problem.to_dict() == {
        "source": "cvs/x.yaml",
        "line": 4,
        "column": 2,
        "message": "bad",
        "candidate": "x-1",
    }
    assert problem.to_dict(blind=True) == {
        "source": None,
        "line": None,
        "column": None,
        "message": "bad",
    }
    assert problem.shown_where(blind=True, number=3) == "input 3"
    assert problem.shown_where(blind=False, number=3) == "cvs/x.yaml:4:2"


# --- every exception gives its Problem -------------------------------------------------------

HERE = Location("v.yaml", 5, 9)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (JobscreenError("plain", HERE), "input"),
        (InputError("unreadable", HERE), "input"),
        (LineError("bad record", HERE), "input"),
        (SchemaError("unknown key 'x'", HERE), "schema"),
        (UsageError("--top must be at least 1"), "usage"),
        (InternalError(HERE, "Traceback ...\n"), "internal"),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else v,
)
def test_every_exception_s_problem_keeps_its_location_and_message(
    error: JobscreenError, code: str
) -> None:
    problem = error.problem()
    assert (problem.location, problem.message) == (error.location, error.message)
    assert (problem.severity, problem.code, problem.trace) == ("error", code, error.trace)
    assert error.problems() == [problem]
    assert str(problem) == str(error)


def test_the_internal_error_s_problem_keeps_its_trace() -> None:
    assert InternalError(HERE, "Traceback (most recent call last)\n").problem().trace == (
        "Traceback (most recent call last)\n"
    )


def test_a_problem_without_a_place_is_placed_at_its_source_with_its_candidate() -> None:
    problem = InputError("no CV found").problem("cvs/a.yaml", "a-1")
    assert (problem.location, problem.candidate) == (Location("cvs/a.yaml"), "a-1")
    assert InputError("x", HERE).problem("elsewhere.yaml").location == HERE


def test_document_errors_give_one_problem_each() -> None:
    first, second = SchemaError("one", HERE), InputError("two", Location("v.yaml", 8, 1))
    errors = DocumentErrors([first, second])
    assert errors.problems() == [first.problem(), second.problem()]
    assert [(p.location, p.message) for p in errors.problems()] == [
        (HERE, "one"),
        (Location("v.yaml", 8, 1), "two"),
    ]
    assert errors.problem() == Problem(HERE, "one")


def test_the_codes_of_a_kind_are_the_documented_ones() -> None:
    assert {"input", "schema", "usage", "internal"} == errors.KINDS
    assert not errors.KINDS & set(CODES)  # a lint code never reads as a kind


# --- the one error handler -------------------------------------------------------------------


def _handled(exc: BaseException, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = handle(exc)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("debug", [None, "", "0", "false", "No"])
def test_an_unexpected_exception_is_an_internal_error_exit_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, debug: str | None
) -> None:
    """JOBSCREEN_DEBUG unset, empty, 0, false or no is off, as CI=false is."""
    if debug is None:
        monkeypatch.delenv("JOBSCREEN_DEBUG", raising=False)
    else:
        monkeypatch.setenv("JOBSCREEN_DEBUG", debug)
    assert _handled(RuntimeError("boom"), capsys) == (
        3,
        "jobscreen: internal error: RuntimeError: boom (a bug; set JOBSCREEN_DEBUG=1 for the "
        "trace and please report it)\n",
    )


def test_an_unexpected_exception_is_raised_as_it_is_with_jobscreen_debug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOBSCREEN_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        handle(RuntimeError("boom"))


@pytest.mark.parametrize(
    ("exc", "code", "err"),
    [
        (UsageError("--top must be at least 1"), 2, "jobscreen: error: --top must be at least 1\n"),
        (
            DocumentErrors([SchemaError("one", HERE), InputError("two", Location("v.yaml"))]),
            1,
            "v.yaml:5:9: error: one\nv.yaml: error: two\njobscreen: 2 problems; stopped\n",
        ),
        (
            InputError("no such file", HERE),
            1,
            "v.yaml:5:9: error: no such file\njobscreen: 1 problem; stopped\n",
        ),
        (KeyboardInterrupt(), 130, "jobscreen: interrupted\n"),
        (typer.Abort(), 130, "jobscreen: interrupted\n"),
        (
            OSError(errno.ENOSPC, "No space left on device"),
            1,
            "jobscreen: error: cannot write the output: No space left on device\n",
        ),
        (
            typer.BadParameter("is empty"),
            2,
            "jobscreen: error: Invalid value: is empty (see --help)\n",
        ),
    ],
    ids=["usage", "several", "one", "ctrl-c", "abort", "disk-full", "bad-parameter"],
)
def test_the_handler_gives_each_exception_its_line_and_exit_code(
    exc: BaseException, code: int, err: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _handled(exc, capsys) == (code, err)


def test_a_bug_in_a_command_reaches_the_handler_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's main() hands what a command raises to the same handler."""
    monkeypatch.delenv("JOBSCREEN_DEBUG", raising=False)

    def broken(which: str) -> str:
        raise RuntimeError("schema broke")

    monkeypatch.setattr(jobscreen.schemas, "schema_text", broken)
    code, out, err = invoke("schema", "vacancy")
    assert (code, out) == (3, "")
    assert err == (
        "jobscreen: internal error: RuntimeError: schema broke (a bug; set JOBSCREEN_DEBUG=1 "
        "for the trace and please report it)\n"
    )


def test_the_version_is_written_by_one_function_for_both_ways_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_version()
    line = capsys.readouterr().out
    assert line == f"jobscreen {jobscreen.__version__}\n"
    code, out, err = invoke("--version")
    assert (code, out, err) == (0, line, "")
