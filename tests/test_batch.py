"""Batch behaviour: duplicate ids, per-document blind keys, in-lieu alternatives, escapes."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

import pytest

import jobscreen.batch as batch
from jobscreen.api import assess
from jobscreen.cv import CVFile
from jobscreen.engine.context import CompiledVacancy
from jobscreen.inputs import FOLDER_DEPTH
from jobscreen.results import Status
from jobscreen.sources import Candidate
from jobscreen.vacancy import Vacancy
from tests.conftest import CANDIDATES, VACANCIES, invoke, run_or_fail_on_hang

CCM = str(VACANCIES / "ccm-isu-director.yaml")
T = TypeVar("T")


def test_a_file_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder given twice, and a file of it given by another spelling of its name, are
    each CV once: no 'appears twice' error for what is one file."""
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(
            (CANDIDATES / "priya-raman.yaml").read_text("utf-8").replace("priya-raman", name[0]),
            "utf-8",
        )
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("score", CCM, ".", str(tmp_path), "./a.yaml", "-f", "json")
    data = json.loads(out)
    assert (code, err, data["errors"]) == (0, "", [])
    assert sorted(r["candidate"] for r in data["results"]) == ["a", "b"]
    code, out, _ = invoke("validate", ".", "a.yaml", str(tmp_path / "b.yaml"))
    assert (code, out.splitlines()[-1]) == (0, "2 files valid"), out
    (tmp_path / "link").mkdir()
    (tmp_path / "link" / "to-a.yaml").symlink_to(tmp_path / "a.yaml")  # the same file
    code, out, err = invoke("score", CCM, "a.yaml", "link", "-f", "json")
    assert (code, [r["candidate"] for r in json.loads(out)["results"]]) == (0, ["a"]), err
    text = (tmp_path / "a.yaml").read_text("utf-8")
    code, out, err = invoke("validate", "-", "-", stdin=text)  # stdin is read once
    assert (code, out.splitlines()[-1]) == (0, "1 file valid"), err


def test_a_duplicate_id_is_reported_and_both_results_are_kept(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((CANDIDATES / "priya-raman.yaml").read_text("utf-8"), "utf-8")
    code, out, _ = invoke("score", CCM, str(tmp_path), "-f", "json")
    data = json.loads(out)
    assert code == 1
    assert [r["source"] for r in data["results"]] == [
        str(tmp_path / "a.yaml"),
        str(tmp_path / "b.yaml"),
    ]
    assert "candidate 'priya-raman' appears twice" in data["errors"][0]["message"]


def test_each_document_of_a_file_gets_its_own_blind_key(tmp_path: Path) -> None:
    cvs = tmp_path / "two.yaml"
    cvs.write_text("id: x\nsummary: a\n---\nid: y\nsummary: b\n", encoding="utf-8")
    code, out, _ = invoke("score", CCM, str(cvs), "-f", "json", "--blind")
    keys = [r["candidate"] for r in json.loads(out)["results"]]
    assert code == 0
    assert len(set(keys)) == 2


def test_the_best_in_lieu_alternative_counts_not_the_first() -> None:
    vacancy = Vacancy.model_validate(
        {
            "id": "v",
            "title": "T",
            "organisation": "O",
            "requirements": [
                {
                    "id": "edu",
                    "kind": "education",
                    "required": True,
                    "min_level": "master",
                    "in_lieu": [
                        {"level": "bachelor", "extra_years": 2, "experience": "exp-a"},
                        {"level": "bachelor", "extra_years": 2, "experience": "exp-b"},
                    ],
                },
                {
                    "id": "exp-a",
                    "kind": "experience",
                    "required": False,
                    "min_years": 5,
                    "domains": ["audit"],
                },
                {"id": "exp-b", "kind": "experience", "required": False, "min_years": 1},
            ],
        }
    )
    identity, profile = CVFile.model_validate(
        {
            "education": [{"degree": "BA"}],
            "experience": [{"title": "Clerk", "start": "2010", "end": "2019"}],
        }
    ).split()
    candidate = Candidate("c", "c.yaml", identity, profile, "0" * 64)
    result = assess(CompiledVacancy.build(vacancy), candidate, dt.date(2020, 1, 1)).rules[0]
    # exp-a: 0 of 7 years (no audit post); exp-b: 10 of 3 years: met in lieu through exp-b
    assert result.status is Status.met
    assert "under 'exp-b'" in result.reason


def test_control_characters_in_a_cv_never_reach_the_output(tmp_path: Path) -> None:
    cv = tmp_path / "esc.json"
    cv.write_text('{"name": "Evil \\u001b[2J", "competencies": ["\\u001b]8;;x\\u0007y"]}', "utf-8")
    for fmt in ("table", "markdown", "csv", "json"):
        code, out, _ = invoke("score", CCM, str(cv), "-f", fmt)
        assert code == 0
        assert "\x1b" not in out, fmt
        assert "\\u001b" not in out, fmt


def test_csv_cells_that_look_like_formulas_are_quoted(tmp_path: Path) -> None:
    cv = tmp_path / "f.yaml"
    cv.write_text("id: '=HYPERLINK(\"http://x\")'\nname: '+cmd'\n", encoding="utf-8")
    code, out, _ = invoke("score", CCM, str(cv), "-f", "csv")
    row = out.splitlines()[1]
    assert code == 0
    assert "'=HYPERLINK" in row
    assert ",'+cmd," in row


def test_output_to_a_device_writes_to_it_and_never_replaces_it(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = invoke(
        "score", CCM, str(CANDIDATES / "priya-raman.yaml"), "-f", "csv", "-o", str(fifo)
    )
    reader.join(timeout=30)
    assert code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].startswith(b"rank,candidate")


def test_a_pdf_cv_in_a_folder_is_reported_not_dropped(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text((CANDIDATES / "priya-raman.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4\n")
    code, out, _ = invoke("score", CCM, str(tmp_path), "-f", "json")
    data = json.loads(out)
    assert code == 1
    assert [r["candidate"] for r in data["results"]] == ["priya-raman"]
    assert data["errors"][0]["message"].startswith("cannot read this PDF (damaged")


def test_output_through_a_symlink_writes_the_file_it_points_to(tmp_path: Path) -> None:
    target = tmp_path / "target.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, _ = invoke(
        "score", CCM, str(CANDIDATES / "priya-raman.yaml"), "-f", "csv", "-o", str(link)
    )
    assert code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("rank,candidate")


def test_match_refuses_a_file_of_several_cvs(tmp_path: Path) -> None:
    cvs = tmp_path / "two.yaml"
    cvs.write_text("id: x\nsummary: a\n---\nid: y\nsummary: b\n", encoding="utf-8")
    code, _, err = invoke("match", str(cvs), CCM)
    assert code == 1
    assert "holds several CVs; give one CV" in err


def test_extract_refuses_a_structured_cv() -> None:
    code, _, err = invoke("extract", str(CANDIDATES / "priya-raman.yaml"))
    assert code == 2
    assert "already a structured CV" in err


def test_utf16_gets_a_hint(tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_bytes("id: x\n".encode("utf-16"))
    code, out, _ = invoke("validate", str(cv))
    assert code == 1
    assert out.startswith(f"{cv}:1:1: error: UTF-16 text: save the file as UTF-8")


def test_a_post_after_the_as_of_date_is_no_competency_evidence() -> None:
    vacancy = Vacancy.model_validate(
        {
            "id": "v",
            "title": "T",
            "organisation": "O",
            "requirements": [
                {"id": "c", "kind": "competency", "required": False, "name": "Mediation"},
            ],
        }
    )
    identity, profile = CVFile.model_validate(
        {"experience": [{"title": "Mediator", "start": "2024-01", "description": "mediation"}]}
    ).split()
    candidate = Candidate("c", "c.yaml", identity, profile, "0" * 64)
    compiled = CompiledVacancy.build(vacancy)
    before = assess(compiled, candidate, dt.date(2020, 1, 1)).rules[0]
    after = assess(compiled, candidate, dt.date(2025, 1, 1)).rules[0]
    assert before.status is Status.not_met
    assert after.status is Status.met


def test_stdin_over_the_limit_is_refused_not_cut_short() -> None:
    code, out, _ = invoke(
        "validate", "-", "--max-bytes", "10", stdin="id: x\nsummary: longer than ten bytes\n"
    )
    assert code == 1
    assert out.startswith("<stdin>:1:1: error: input is over the 10-byte limit")


def test_reading_results_after_the_run_is_closed_says_why() -> None:
    import pytest

    from jobscreen.options import ScreenOptions
    from jobscreen.runs import screen_files

    cv = str(CANDIDATES / "priya-raman.yaml")
    with screen_files(CCM, [cv], ScreenOptions(), dt.date(2026, 1, 1)) as run:
        assert run.screening.results[0].assessment.candidate == "priya-raman"
    with pytest.raises(RuntimeError, match="the run is closed"):
        run.screening.results[0]


def _deep_batch(top: Path, nested: Callable[[Path, int], Path]) -> Path:
    """top/cvs with one good CV, and a CV at the bottom of 1,100 nested folders; the folder
    past the depth limit, which score and validate name."""
    cvs = top / "cvs"
    cvs.mkdir()
    (cvs / "priya.yaml").write_text((CANDIDATES / "priya-raman.yaml").read_text("utf-8"), "utf-8")
    (nested(cvs, 1_100) / "bottom.yaml").write_text("id: bottom\n", encoding="utf-8")
    return cvs / Path(*["d"] * (FOLDER_DEPTH + 1))


@pytest.mark.parametrize("jobs", ["1", "2"])  # with 2, the batch's size is estimated first
def test_a_deep_folder_is_one_error_and_the_batch_goes_on(
    tmp_path: Path, nested: Callable[[Path, int], Path], jobs: str
) -> None:
    too_deep = _deep_batch(tmp_path, nested)
    code, out, err = invoke("score", CCM, str(tmp_path / "cvs"), "-f", "json", "--jobs", jobs)
    data = json.loads(out)
    assert code == 1, err
    assert [r["candidate"] for r in data["results"]] == ["priya-raman"]
    assert data["errors"] == [
        {
            "source": str(too_deep),
            "line": 1,
            "column": 1,
            "message": f"folder nested more than {FOLDER_DEPTH} levels deep: not searched",
        }
    ]


def test_validate_names_a_deep_folder(tmp_path: Path, nested: Callable[[Path, int], Path]) -> None:
    too_deep = _deep_batch(tmp_path, nested)
    code, out, _ = invoke("validate", "--kind", "cv", str(tmp_path / "cvs"))
    assert code == 1
    assert out.splitlines() == [
        f"{too_deep}:1:1: error: folder nested more than {FOLDER_DEPTH} levels deep: not searched",
        "1 problem in 1 of 2 files",
    ]


@pytest.mark.process
def test_an_endless_json_lines_record_on_stdin_is_refused_at_the_byte_limit(
    tmp_path: Path,
) -> None:
    """A record that never ends (/dev/zero on stdin) was skipped for ever, looking for its
    newline: it is now refused at the limit, and the rest of the stream is not read.
    Process: a regression reads for ever, and the process's timeout is the guard."""
    command = [sys.executable, "-m", "jobscreen", "score", CCM, "-", "-f", "csv"]
    with Path("/dev/zero").open("rb") as zero:
        code, out, err = run_or_fail_on_hang(
            [*command, "--max-bytes", "1000"],
            tmp_path,
            60,
            "an endless record on stdin was read for ever",
            stdin=zero,
        )
    assert code == 1
    assert err.decode().splitlines() == [f"<stdin>:1:1: error: {ENDLESS.format(1000)}"]
    assert out.decode().splitlines()[1:] == [f",,,<stdin>:1:1,,,,,{ENDLESS.format(1000)},,"]


ENDLESS = "record over the {}-byte limit (see --max-bytes); the rest of this input is not read"


def test_a_record_over_the_limit_in_a_json_lines_file_ends_its_reading(tmp_path: Path) -> None:
    """One 3 MB line with no newline: refused at the limit, never read whole; the records
    before it are scored."""
    path = tmp_path / "cvs.jsonl"
    with path.open("wb") as out:
        out.write(b'{"id": "first"}\n')
        out.write(b"x" * (3 << 20))
    code, out_text, err = invoke("score", CCM, str(path), "-f", "csv")
    assert code == 1
    assert err.splitlines() == [f"{path}:2:1: error: {ENDLESS.format(2 << 20)}"]
    assert [row.split(",")[1] for row in out_text.splitlines()[1:] if row[0].isdigit()] == ["first"]


def test_a_pool_broken_between_two_submissions_loses_no_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker can die while tasks are still being handed out: the broken pool then
    refuses the next task. That task is run again like those in flight, never an internal
    error (it once ended the batch with exit 3 'BrokenProcessPool' on a loaded machine)."""
    refused: list[int] = []

    class Breaking(ProcessPoolExecutor):
        def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
            if not refused:  # the first submission meets a pool already broken, once
                refused.append(1)
                raise BrokenProcessPool("a child process terminated abruptly")
            return super().submit(fn, *args, **kwargs)

    def breaking(job: batch.Job, jobs: int) -> Breaking:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        return Breaking(jobs, context, initializer=batch.init_worker, initargs=(job,))

    monkeypatch.setattr(batch, "new_pool", breaking)
    text = (CANDIDATES / "priya-raman.yaml").read_text("utf-8")
    for i in range(batch.PARALLEL_FROM + 4):
        (tmp_path / f"cv-{i:03d}.yaml").write_text(text.replace("priya-raman", f"cv-{i:03d}"))
    serial = invoke("score", CCM, str(tmp_path), "-f", "json", "--as-of", "2026-01-01")
    code, out, err = invoke(
        "score", CCM, str(tmp_path), "-f", "json", "--as-of", "2026-01-01", "--jobs", "2"
    )
    assert refused == [1]
    assert (code, out, err) == serial
