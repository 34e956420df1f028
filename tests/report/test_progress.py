"""The progress bar: on stderr at a terminal only, never on stdout, in pipes or in CI."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jobscreen.report import progress
from tests.conftest import ROOT, VACANCIES, cli

VACANCY = str(VACANCIES / "un-aro-senior-pmo.yaml")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("ci", "shown"),
    [(None, True), ("", True), ("0", True), ("false", True), ("true", False), ("1", False)],
)
def test_shown_at_a_terminal_unless_in_ci(
    ci: str | None, shown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stderr", _Terminal())
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with progress.progress_bar("scoring") as advance:
        assert (advance is not None) is shown
        if advance is not None:
            advance(3)


def test_not_shown_when_stderr_is_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress.progress_bar("scoring") as advance:
        assert advance is None


def _score_with_stderr_on_a_terminal(
    args: list[str], env: dict[str, str]
) -> tuple[bytes, bytes, int]:
    """Run score with stdout piped and stderr on a pseudo-terminal: (stdout, terminal, code).

    The terminal is read in a thread while stdout is read here: read one after the other,
    a full terminal buffer (bar frames, more of them the slower the machine) and a full pipe
    would each wait for the other for ever."""
    leader, follower = pty.openpty()
    seen: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(leader, seen))
    with subprocess.Popen(
        [sys.executable, "-m", "jobscreen", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        cwd=ROOT,
        env=env,
    ) as proc:
        os.close(follower)
        reader.start()
        assert proc.stdout is not None
        out = proc.stdout.read()
        code = proc.wait(timeout=120)
        reader.join(timeout=120)
    os.close(leader)
    return out, b"".join(seen), code


def _drain(leader: int, seen: list[bytes]) -> None:
    """Read a pseudo-terminal until the other end is closed."""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed its end
            return
        if not chunk:
            return
        seen.append(chunk)


@pytest.mark.process
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")
@pytest.mark.parametrize("ci", [None, "true"])
def test_the_bar_goes_to_the_terminal_and_never_into_the_results(
    ci: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Process: stderr is a real pseudo-terminal (the piped run beside it is in-process)."""
    for i in range(300):
        post = f"{{title: Programme Manager, start: 20{i % 20:02d}-01, managerial: true}}"
        (tmp_path / f"cv-{i:03d}.yaml").write_text(
            f"id: cv-{i:03d}\nexperience:\n  - {post}\n", encoding="utf-8"
        )
    args = ["score", VACANCY, str(tmp_path), "-f", "jsonl", "--as-of", "2026-06-30", "-j", "1"]
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")  # the tests' own, "dumb", makes rich draw no bar at all
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    out, terminal, code = _score_with_stderr_on_a_terminal(args, dict(os.environ))
    piped = cli(*args)  # the same environment; stderr is no terminal
    assert code == 0
    assert piped.stderr == b""  # no terminal: no bar
    assert out == piped.stdout  # the bar never reaches the results
    assert [json.loads(line)["rank"] for line in out.splitlines()[:3]] == [1, 2, 3]
    assert (b"scoring" in terminal) is (ci is None)
