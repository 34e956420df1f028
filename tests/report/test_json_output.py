"""`score -f json/jsonl` writes exactly what one json.dumps of the screening gives.

The reporters write a result at a time; the output must equal the whole screening dumped at
once (the record's digest is defined by it), whatever --jobs, --blind, --top or
--eligible-only, with input errors, duplicates and non-ASCII text mixed in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import multiprocessing
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

import jobscreen.batch
from jobscreen.api import screen
from jobscreen.batch import Job
from jobscreen.options import ScreenOptions
from jobscreen.report.base import Target, reporter_for
from jobscreen.report.data import result_dict, screening_dict
from jobscreen.report.jsonfmt import dumps
from jobscreen.results import Ranked, Screening
from jobscreen.runs import screen_files
from jobscreen.sources import load_candidates, load_vacancy
from jobscreen.yamlsafe import Limits
from tests.conftest import CANDIDATES, VACANCIES, invoke

VACANCY = str(VACANCIES / "un-aro-senior-pmo.yaml")
AS_OF = "2026-06-30"
TODAY = dt.date(2026, 1, 1)
FORMATS = ("json", "jsonl")
NON_ASCII = """\
id: zoë-ångström
name: "Zoë Ångström-Nørgaard 李雷 \\u00e9\\t\\"quoted\\" \\\\ back"
summary: Programme manager — «portfolio» office, Genève; emoji 🚀
experience:
  - {title: Chef de programme, organisation: Société Générale, start: 2010-01, end: 2025-12,
     description: "PMO, gestion de portefeuille, planification stratégique"}
languages:
  - {language: French, level: C2}
  - {language: English, level: C1}
"""


@pytest.fixture
def cvs(tmp_path: Path) -> Path:
    """Every example CV, a non-ASCII one, a duplicate, a broken file and a PDF."""
    folder = tmp_path / "cvs"
    shutil.copytree(CANDIDATES, folder)
    (folder / "zoe.yaml").write_text(NON_ASCII, encoding="utf-8")
    shutil.copy(CANDIDATES / "priya-raman.yaml", folder / "twice.yaml")
    (folder / "broken.yaml").write_text("id: broken\nexperience: [\n", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    return folder


@pytest.fixture
def many(cvs: Path) -> Path:
    """Enough CVs to score in a pool of workers, with the mixed corpus among them."""
    for i in range(jobscreen.batch.PARALLEL_FROM + 6):
        text = NON_ASCII.replace("id: zoë-ångström", f"id: copy-{i:03d}-ø")
        (cvs / f"copy-{i:03d}.yaml").write_text(text, encoding="utf-8")
    return cvs


def old_output(screening: Screening, fmt: str) -> str:
    """The screening dumped at once: one json.dumps (JSON Lines: one per line)."""
    if fmt == "json":
        return dumps(screening_dict(screening)) + "\n"
    blind = screening.options.blind
    lines = [{"vacancy": screening.vacancy_id, **result_dict(r, blind)} for r in screening.results]
    lines += [
        {"vacancy": screening.vacancy_id, "error": True, **e.to_dict(blind)}
        for e in screening.errors
    ]
    lines.append({"vacancy": screening.vacancy_id, "summary": screening.counts.to_dict()})
    return "".join(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n" for d in lines)


def reported(screening: Screening, fmt: str) -> str:
    out = io.StringIO()
    reporter_for(fmt, Target(out)).screening(screening)
    return out.getvalue()


def api_screening(cvs: Path, blind: bool) -> Screening:
    vacancy = load_vacancy(VACANCY)
    items = load_candidates([str(cvs)], today=TODAY, phrases=vacancy.competency_phrases())
    return screen(vacancy, items, ScreenOptions(dt.date.fromisoformat(AS_OF), blind=blind))


# --- the reporters: a result at a time, as one json.dumps of the screening ----------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("blind", [False, True])
def test_results_report_as_one_json_dumps_of_the_screening(
    cvs: Path, fmt: str, blind: bool
) -> None:
    screening = api_screening(cvs, blind)
    expected = old_output(screening, fmt)
    assert screening.errors  # the broken file and the PDF
    assert any(r.assessment.name and "Zoë" in r.assessment.name for r in screening.results)
    assert reported(screening, fmt) == expected


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("with_errors", [False, True])
def test_no_results_report_as_before(cvs: Path, fmt: str, with_errors: bool) -> None:
    screening = dataclasses.replace(api_screening(cvs, False), results=())
    if not with_errors:
        screening = dataclasses.replace(screening, errors=())
    out = reported(screening, fmt)
    assert out == old_output(screening, fmt)
    if fmt == "json":
        assert '\n  "results": [],\n' in out


# --- the CLI: the same as the library's run, reported -------------------------------------


def cli_output(tmp_path: Path, fmt: str, *args: str) -> bytes:
    target = tmp_path / f"out.{fmt}"
    code, _, err = invoke("score", VACANCY, *args, "--as-of", AS_OF, "-f", fmt, "-o", str(target))
    assert code == 1, err  # the broken file and the PDF
    return target.read_bytes()


def library_output(fmt: str, names: list[str], options: ScreenOptions, jobs: int = 1) -> bytes:
    """The library's run of the same screening, reported."""
    with screen_files(VACANCY, names, options, dt.date.today(), jobs) as run:
        text = reported(run.screening, fmt)
        assert text == old_output(run.screening, fmt)
    return text.encode()


OPTIONS: list[tuple[list[str], dict[str, Any]]] = [
    ([], {}),
    (["--blind"], {"blind": True}),
    (["--top", "3"], {"top": 3}),
    (["--eligible-only"], {"eligible_only": True}),
    (
        ["--blind", "--top", "2", "--eligible-only"],
        {"blind": True, "top": 2, "eligible_only": True},
    ),
    (["--top", "1000"], {"top": 1000}),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("args", "kwargs"), OPTIONS)
def test_score_output_is_the_librarys_run_reported(
    cvs: Path, tmp_path: Path, fmt: str, args: list[str], kwargs: dict[str, Any]
) -> None:
    options = ScreenOptions(as_of=dt.date.fromisoformat(AS_OF), limits=Limits(), **kwargs)
    expected = library_output(fmt, [str(cvs)], options)
    assert cli_output(tmp_path, fmt, str(cvs), "-j", "1", *args) == expected


def test_eligible_only_can_leave_no_results(cvs: Path, tmp_path: Path) -> None:
    for name in cvs.iterdir():
        if name.name not in {"broken.yaml", "scan.pdf", "txt-panel-notes-p4.txt"}:
            name.unlink()
    out = cli_output(tmp_path, "json", str(cvs), "--eligible-only")
    assert json.loads(out)["results"] == []
    assert b'\n  "results": [],\n' in out
    options = ScreenOptions(as_of=dt.date.fromisoformat(AS_OF), eligible_only=True)
    assert out == library_output("json", [str(cvs)], options)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("blind", [False, True])
def test_serial_and_parallel_output_are_byte_identical(
    many: Path, tmp_path: Path, parallel_spy: list[int], fmt: str, blind: bool
) -> None:
    args = ["--blind"] if blind else []
    serial = cli_output(tmp_path, fmt, str(many), "-j", "1", *args)
    assert parallel_spy == []
    parallel = cli_output(tmp_path, fmt, str(many), "-j", "2", *args)
    assert parallel_spy == [2]
    assert parallel == serial
    options = ScreenOptions(as_of=dt.date.fromisoformat(AS_OF), blind=blind)
    assert parallel == library_output(fmt, [str(many)], options, jobs=2)
    assert ("Nørgaard 李雷".encode() in parallel) is not blind  # names, unescaped; none blind
    assert "…".encode() in parallel  # reasons are kept unescaped too


def test_a_key_map_keeps_the_assessments_and_the_same_output(cvs: Path, tmp_path: Path) -> None:
    key_map = tmp_path / "keys.csv"
    plain = cli_output(tmp_path, "jsonl", str(cvs), "--blind")
    mapped = cli_output(tmp_path, "jsonl", str(cvs), "--blind", "--key-map", str(key_map))
    assert mapped == plain
    assert "zoë-ångström" in key_map.read_text(encoding="utf-8")


def test_workers_started_by_spawn_give_the_same_output(
    many: Path, monkeypatch: pytest.MonkeyPatch, parallel_spy: list[int]
) -> None:
    """Spawned workers get the job by pickle."""
    real, asked = multiprocessing.get_context, []

    def spawn(method: str | None = None) -> Any:
        asked.append(method)
        return real("spawn")

    options = ScreenOptions(as_of=dt.date.fromisoformat(AS_OF))
    names = [str(many)]
    expected = library_output("jsonl", names, options)
    monkeypatch.setattr(multiprocessing, "get_context", spawn)
    assert library_output("jsonl", names, options, jobs=2) == expected
    assert parallel_spy == [2]
    assert len(asked) == 1


def test_a_job_survives_pickling() -> None:
    vacancy = load_vacancy(VACANCY)
    job = Job(vacancy, dt.date(2026, 6, 30), Limits(), True, TODAY)
    assert pickle.loads(pickle.dumps(job)) == job


# --- Ranked: plain, frozen data --------------------------------------------------------------


def test_a_ranked_result_is_plain_frozen_data(cvs: Path) -> None:
    ranked = api_screening(cvs, False).results[0]
    assert isinstance(ranked, Ranked)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ranked.rank = 5  # type: ignore[misc]
    assert ranked == Ranked(ranked.rank, ranked.assessment)
    assert ranked != Ranked(ranked.rank + 1, ranked.assessment)
    assert pickle.loads(pickle.dumps(ranked, pickle.HIGHEST_PROTOCOL)) == ranked
    assert repr(ranked).startswith(f"Ranked(rank={ranked.rank}, assessment=Assessment(")
