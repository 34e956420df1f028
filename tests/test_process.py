"""Smoke tests of `jobscreen` as a real process: what the in-process runner (conftest's
``cli``, the same main()) cannot show. Each says why it needs a process. The other real-process
tests sit beside the features they test, marked ``process`` (`pytest -m process` lists them).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jobscreen import __version__
from tests.conftest import CANDIDATES, VACANCIES, run

pytestmark = pytest.mark.process

VACANCY = str(VACANCIES / "un-aro-senior-pmo.yaml")
AS_OF = ("--as-of", "2026-06-30")


def test_exit_codes_and_streams_of_the_console_entry_point(tmp_path: Path) -> None:
    """Process: the exit status and the two streams as a shell sees them, through entry.py's
    main (the in-process tests start at jobscreen.cli.main): 0, 1 and 2, results on stdout
    only, each problem on one line of stderr."""
    good = run("score", VACANCY, str(CANDIDATES), "-f", "json", *AS_OF)
    assert (good.returncode, good.stderr) == (0, b"")
    assert json.loads(good.stdout)["results"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nexperience:\n  - start: 2020-13\n", encoding="utf-8")
    mixed = run("score", VACANCY, str(CANDIDATES), str(bad), "-f", "json", *AS_OF)
    assert mixed.returncode == 1
    assert json.loads(mixed.stdout)["results"] == json.loads(good.stdout)["results"]
    [line] = mixed.stderr.decode().splitlines()
    assert line.startswith(f"{bad}:3:12: error: ")
    usage = run("score", VACANCY, str(CANDIDATES), "--top", "0")
    assert (usage.returncode, usage.stdout) == (2, b"")
    assert usage.stderr.decode().splitlines() == ["jobscreen: error: --top must be at least 1"]


def test_version_fast_path() -> None:
    """Process: `--version` is answered by entry.py before the CLI is imported."""
    done = run("--version")
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"jobscreen {__version__}\n".encode(),
        b"",
    )


def test_output_is_byte_identical_across_processes_whatever_the_hash_seed() -> None:
    """Process: string hashing, and with it the order of sets, differs between processes
    (PYTHONHASHSEED); one process cannot show that the output does not depend on it."""
    args = ("score", VACANCY, str(CANDIDATES), "-f", "json", *AS_OF)
    first = run(*args, env={"PYTHONHASHSEED": "1"})
    again = run(*args, env={"PYTHONHASHSEED": "2"})
    assert (first.returncode, first.stderr) == (0, b"")
    assert first.stdout == again.stdout


def test_a_file_name_that_is_not_utf8_as_the_os_passes_it(tmp_path: Path) -> None:
    """Process: argv arrives as bytes the OS passes and Python decodes with surrogateescape;
    the real stdout and stderr must write the name escaped, never fail on it."""
    name = b"x\xff.yaml"
    (tmp_path / os.fsdecode(name)).write_text("id: [\n", encoding="utf-8")
    done = run("validate", "--kind", "cv", bytes(tmp_path) + b"/" + name)
    assert done.returncode == 1, done.stderr
    assert done.stdout.decode("utf-8").startswith(f"{tmp_path}/x\\udcff.yaml:2:1: error: ")
    assert b"Traceback" not in done.stderr
