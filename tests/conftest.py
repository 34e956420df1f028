"""Shared paths and helpers: the CLI in-process (CliRunner) and as a real subprocess."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

import jobscreen.batch
from jobscreen.cli import main

ROOT = Path(__file__).resolve().parent.parent
VACANCIES = ROOT / "vacancies"
EXAMPLES = ROOT / "examples"
CANDIDATES = EXAMPLES / "candidates"
DATA = Path(__file__).resolve().parent / "data"
# JSON Resume's own sample, kept verbatim: a copy of ../shared/real (test_real_data checks
# it is still identical there), so that the tests also run in a clone without ../shared.
REAL = ROOT.parent / "shared" / "real"
JSONRESUME_SAMPLE = DATA / "real" / "jsonresume-sample.resume.json"


# Every property test's example count, from one profile: "suite" for each run (enough to
# exercise each property; a new random draw every run), "thorough" for a deliberate deep
# search: `pytest --hypothesis-profile=thorough`. No deadline: the machine may be loaded.
# Loaded here, before the test modules build their settings, which take the count from it.
settings.register_profile("suite", max_examples=50, deadline=None, database=None)
settings.register_profile("thorough", max_examples=1_000, deadline=None, database=None)
settings.load_profile("suite")


_HYPOTHESIS_HOME: list[Path] = []  # this run's, made when pytest starts (not on import)


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its caches in a temporary directory, made here rather than when this
    module is imported (`python tests/test_golden.py` imports it and never unconfigures), and
    removed when the run ends: tests leave no files behind. Each xdist worker has its own."""
    import hypothesis.configuration

    _HYPOTHESIS_HOME.append(Path(tempfile.mkdtemp(prefix="jobscreen-hypothesis-")))
    hypothesis.configuration.set_hypothesis_home_dir(_HYPOTHESIS_HOME[-1])


def pytest_unconfigure(config: pytest.Config) -> None:
    while _HYPOTHESIS_HOME:
        shutil.rmtree(_HYPOTHESIS_HOME.pop(), ignore_errors=True)


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich output at a fixed width, without colour, whatever the terminal."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture
def parallel_spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records the worker count each time the batch runs in a pool."""
    calls: list[int] = []
    real = jobscreen.batch.parallel

    def spy(job: Any, tasks: Any, jobs: int) -> Iterator[Any]:
        calls.append(jobs)
        return real(job, tasks, jobs)

    monkeypatch.setattr(jobscreen.batch, "parallel", spy)
    return calls


@pytest.fixture
def nested() -> Iterator[Callable[[Path, int], Path]]:
    """Makes top/d/d/.../d, ``levels`` folders below top, and returns the deepest.

    Removed afterwards from the top down, each level moved up in its turn: pathlib's
    mkdir(parents=True), os.makedirs and shutil.rmtree (pytest's own clean-up) recurse once a
    level and fail past ~1,000, and a walk down long paths is slow.
    """
    tops: list[Path] = []

    def make(top: Path, levels: int) -> Path:
        tops.append(top)
        folder = top
        for _ in range(levels):
            folder = folder / "d"
            folder.mkdir()
        return folder

    yield make
    for top in tops:
        _remove_chain(top / "d", top / "d-next")


def _remove_chain(head: Path, spare: Path) -> None:
    """Remove head/d/d/...: empty head of all but its 'd', move that up, and so on."""
    while head.is_dir():
        for entry in head.iterdir():
            if entry.name != "d":
                shutil.rmtree(
                    entry
                ) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        if (head / "d").is_dir():
            (head / "d").rename(spare)
            head.rmdir()
            spare.rename(head)
        else:
            head.rmdir()


# A CV for the UN anti-racism vacancy: who, with whom (UN Secretariat staff need review
# rules checked) and since when (ten years of programme management are mandatory)
UN_CV = """\
id: {id}
name: "{name}"
education: [{{degree: MA, field: Political Science}}]
experience:
  - {{title: Programme Manager, organisation: {employer}, start: {start}, end: present,
     managerial: true, description: human rights advocacy and anti-racism programme}}
languages: [{{language: English, level: C2}}]
"""


def un_screening(
    folder: Path, monkeypatch: pytest.MonkeyPatch, people: list[tuple[str, str, str, str]]
) -> Path:
    """``folder`` as the working directory, the UN anti-racism vacancy in it as vacancy.yaml,
    and in cvs/ a CV for each (id, name, employer, start)."""
    monkeypatch.chdir(folder)
    shutil.copy(VACANCIES / "un-aro-senior-pmo.yaml", folder / "vacancy.yaml")
    (folder / "cvs").mkdir()
    for key, name, employer, start in people:
        text = UN_CV.format(id=key, name=name, employer=employer, start=start)
        (folder / "cvs" / f"{key}.yaml").write_text(text, encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Done:
    """What a run of the CLI gave, as subprocess.CompletedProcess names it: bytes apart."""

    returncode: int
    stdout: bytes
    stderr: bytes


def cli(*args: str, stdin: str | bytes | None = None, cwd: Path | None = ROOT) -> Done:
    """Run `jobscreen` in-process, as `run` does in a real process: the console entry point's
    main() (its error handling, one-line usage errors, exit codes 1, 2, 3 and 130), stdout and
    stderr captured apart, byte for byte. ``cwd`` (default: the repository, as `run`; None:
    stay where the test is) is the working directory for the call."""
    runner = CliRunner()
    with contextlib.ExitStack() as stack:
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        out, err, _ = stack.enter_context(runner.isolation(input=stdin))
        try:
            main(list(args))
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
        else:  # main() always exits; a return would be a bug in it
            pytest.fail("jobscreen.cli.main returned instead of exiting")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return Done(code, out.getvalue(), err.getvalue())


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run the app in-process where the test is; return exit code, stdout and stderr (text)."""
    done = cli(*args, stdin=stdin, cwd=None)
    return done.returncode, _text(done.stdout), _text(done.stderr)


def _text(data: bytes) -> str:
    """Bytes as typer's CliRunner decodes them (CSV's CRLF as newlines)."""
    return data.decode("utf-8", "replace").replace("\r\n", "\n")


def run(
    *args: str | bytes,
    stdin: str | bytes | None = None,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m jobscreen` as a real process, as scripts and CI do: only for what needs
    one (see the `process` marker); ``cli`` runs the same in-process. ``env`` adds variables;
    an argument given as bytes reaches the process as those bytes (a name that is not UTF-8)."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "jobscreen", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def run_or_fail_on_hang(
    command: list[str],
    cwd: Path,
    timeout: float,
    hang: str,
    stdin: Any = None,
    env: dict[str, str] | None = None,
) -> tuple[int, bytes, bytes]:
    """Run a command in a session of its own; past ``timeout`` seconds, kill it and every
    process it started (a pool's workers, a browser's helpers) and fail the test with
    ``hang``."""
    with subprocess.Popen(
        command,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        start_new_session=True,
    ) as child:
        try:
            out, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            pytest.fail(hang)
    return child.returncode, out, err


def jsonl_records(out: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """JSON Lines output's records (results, then errors) and the summary its last line holds."""
    *records, last = [json.loads(line) for line in out.splitlines()]
    assert "summary" in last, last
    assert not any("summary" in record for record in records), records
    return records, last["summary"]
