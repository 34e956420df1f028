"""JSON output prepared by the workers is byte-identical to JSON made from the assessments.

`score -f json/jsonl` has each result's text rendered where it is scored (rank left out); the
reporters render it themselves when a result comes with only its assessment. Both must give
exactly what json.dumps of the whole screening gave, whatever --jobs, --blind, --top or
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
from jobscreen.report.base import reporter_for
from jobscreen.report.data import result_dict, screening_dict
from jobscreen.report.jsonfmt import RANK, Preparer, dumps, preparer
from jobscreen.results import Assessment, Ranked, Screening
from jobscreen.runs import RunOptions, screen_files
from jobscreen.sources import iter_candidates, read_vacancy
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
    """What the JSON reporters wrote before results could be prepared: one json.dumps each."""
    if fmt == "json":
        return dumps(screening_dict(screening)) + "\n"
    blind = bool(screening.options.get("blind"))
    lines = [{"vacancy": screening.vacancy_id, **result_dict(r, blind)} for r in screening.results]
    lines += [
        {"vacancy": screening.vacancy_id, "error": True, **e.to_dict(blind)}
        for e in screening.errors
    ]
    lines.append({"vacancy": screening.vacancy_id, "summary": screening.counts.to_dict()})
    return "".join(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n" for d in lines)


def reported(screening: Screening, fmt: str) -> str:
    out = io.StringIO()
    reporter_for(fmt, out).screening(screening)
    return out.getvalue()


def prepared(screening: Screening, fmt: str) -> Screening:
    """The same screening with every result held only as its prepared text."""
    prepare = preparer(fmt, bool(screening.options.get("blind")))
    assert prepare is not None
    results = tuple(
        Ranked(r.rank, prepared=prepare(r.assessment), prepared_by=prepare)
        for r in screening.results
    )
    return dataclasses.replace(screening, results=results)


def api_screening(cvs: Path, blind: bool) -> Screening:
    vacancy, _ = read_vacancy(VACANCY)
    items = iter_candidates([str(cvs)], today=TODAY, phrases=vacancy.competency_phrases())
    options = {"blind": blind, "note": "Ünïcode ✓"}
    return screen(vacancy, items, dt.date.fromisoformat(AS_OF), options)


# --- the reporters: prepared text, or the assessments, give the old output ---------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("blind", [False, True])
def test_prepared_and_unprepared_results_report_as_one_json_dumps_did(
    cvs: Path, fmt: str, blind: bool
) -> None:
    screening = api_screening(cvs, blind)
    expected = old_output(screening, fmt)
    assert screening.errors  # the broken file and the PDF
    assert any(r.assessment.name and "Zoë" in r.assessment.name for r in screening.results)
    assert reported(screening, fmt) == expected
    assert reported(prepared(screening, fmt), fmt) == expected


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


def test_a_prepared_result_has_one_place_for_its_rank_and_no_vacancy(cvs: Path) -> None:
    assessment = api_screening(cvs, False).results[0].assessment
    for fmt in FORMATS:
        prepare = preparer(fmt, False)
        assert prepare is not None
        text = prepare(assessment)
        assert text.count(RANK) == 1
        assert '"vacancy"' not in text
    assert preparer("csv", False) is None
    assert preparer("table", True) is None


# --- the CLI: workers prepare; the same as reporting the assessments ----------------------


def cli_output(tmp_path: Path, fmt: str, *args: str) -> bytes:
    target = tmp_path / f"out.{fmt}"
    code, _, err = invoke("score", VACANCY, *args, "--as-of", AS_OF, "-f", fmt, "-o", str(target))
    assert code == 1, err  # the broken file and the PDF
    return target.read_bytes()


def unprepared_output(fmt: str, names: list[str], options: RunOptions, jobs: int = 1) -> bytes:
    """The run's results as assessments (pickled, loaded on demand), then reported."""
    with screen_files(VACANCY, names, options, dt.date.today(), jobs) as run:
        assert all(r.prepared is None for r in run.screening.results)
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
def test_score_output_is_the_same_prepared_or_not(
    cvs: Path, tmp_path: Path, fmt: str, args: list[str], kwargs: dict[str, Any]
) -> None:
    options = RunOptions(as_of=dt.date.fromisoformat(AS_OF), limits=Limits(), **kwargs)
    expected = unprepared_output(fmt, [str(cvs)], options)
    assert cli_output(tmp_path, fmt, str(cvs), "-j", "1", *args) == expected


def test_eligible_only_can_leave_no_results(cvs: Path, tmp_path: Path) -> None:
    for name in cvs.iterdir():
        if name.name not in {"broken.yaml", "scan.pdf", "txt-panel-notes-p4.txt"}:
            name.unlink()
    out = cli_output(tmp_path, "json", str(cvs), "--eligible-only")
    assert json.loads(out)["results"] == []
    assert b'\n  "results": [],\n' in out
    options = RunOptions(as_of=dt.date.fromisoformat(AS_OF), eligible_only=True)
    assert out == unprepared_output("json", [str(cvs)], options)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("blind", [False, True])
def test_serial_and_parallel_prepared_output_are_byte_identical(
    many: Path, tmp_path: Path, parallel_spy: list[int], fmt: str, blind: bool
) -> None:
    args = ["--blind"] if blind else []
    serial = cli_output(tmp_path, fmt, str(many), "-j", "1", *args)
    assert parallel_spy == []
    parallel = cli_output(tmp_path, fmt, str(many), "-j", "2", *args)
    assert parallel_spy == [2]
    assert parallel == serial
    options = RunOptions(as_of=dt.date.fromisoformat(AS_OF), blind=blind)
    assert parallel == unprepared_output(fmt, [str(many)], options, jobs=2)
    assert ("Nørgaard 李雷".encode() in parallel) is not blind  # names, unescaped; none blind
    assert "…".encode() in parallel  # reasons are kept unescaped too


def test_a_key_map_keeps_the_assessments_and_the_same_output(cvs: Path, tmp_path: Path) -> None:
    key_map = tmp_path / "keys.csv"
    plain = cli_output(tmp_path, "jsonl", str(cvs), "--blind")
    mapped = cli_output(tmp_path, "jsonl", str(cvs), "--blind", "--key-map", str(key_map))
    assert mapped == plain
    assert "zoë-ångström" in key_map.read_text(encoding="utf-8")


def test_workers_started_by_spawn_prepare_the_same_output(
    many: Path, monkeypatch: pytest.MonkeyPatch, parallel_spy: list[int]
) -> None:
    """Spawned workers get the job, prepare function included, by pickle."""
    real, asked = multiprocessing.get_context, []

    def spawn(method: str | None = None) -> Any:
        asked.append(method)
        return real("spawn")

    monkeypatch.setattr(multiprocessing, "get_context", spawn)
    options = RunOptions(as_of=dt.date.fromisoformat(AS_OF))
    names, today = [str(many)], dt.date.today()
    with screen_files(VACANCY, names, options, today, 2, prepare=preparer("jsonl", False)) as run:
        assert run.screening.results[0].prepared is not None
        spawned = reported(run.screening, "jsonl").encode()
    assert parallel_spy == [2]
    assert len(asked) == 1
    assert spawned == unprepared_output("jsonl", names, options)


def test_a_job_with_a_prepare_function_survives_pickling() -> None:
    vacancy, _ = read_vacancy(VACANCY)
    job = Job(vacancy, dt.date(2026, 6, 30), Limits(), True, TODAY, preparer("json", True))
    again = pickle.loads(pickle.dumps(job))
    assert again == job
    assert again.prepare == Preparer("json", True)


# --- Ranked: lazy, or prepared only ------------------------------------------------------


def test_reading_the_assessment_of_a_prepared_only_result_says_why(cvs: Path) -> None:
    made_by = Preparer("jsonl", False)
    with pytest.raises(RuntimeError, match="kept only as output text prepared by Preparer"):
        _ = Ranked(3, prepared='{"candidate":"x","rank":\0}', prepared_by=made_by).assessment
    options = RunOptions(as_of=dt.date.fromisoformat(AS_OF))
    with screen_files(VACANCY, [str(cvs)], options, TODAY, prepare=preparer("json", False)) as run:
        first = run.screening.results[0]
        assert first.prepared is not None
        assert not first.has_assessment
        with pytest.raises(RuntimeError, match="result 1 was kept only as output text"):
            _ = first.assessment


@pytest.mark.parametrize(
    ("made_for", "written_as"),
    [
        (("json", False), ("json", True)),  # never a name in a blind report
        (("json", True), ("json", False)),
        (("json", False), ("jsonl", False)),
        (("jsonl", False), ("json", False)),
    ],
)
def test_text_prepared_another_way_is_never_written(
    cvs: Path, made_for: tuple[str, bool], written_as: tuple[str, bool]
) -> None:
    fmt, blind = written_as
    options = RunOptions(as_of=dt.date.fromisoformat(AS_OF), blind=blind)
    with screen_files(VACANCY, [str(cvs)], options, TODAY, prepare=preparer(*made_for)) as run:
        assert run.screening.results[0].prepared is not None
        with pytest.raises(RuntimeError, match="kept only as output text prepared by"):
            reported(run.screening, fmt)


def test_a_ranked_result_is_immutable(cvs: Path) -> None:
    ranked = api_screening(cvs, False).results[0]
    with pytest.raises(AttributeError, match="immutable"):
        ranked.rank = 5
    with pytest.raises(TypeError, match="goes with the prepared_by"):
        Ranked(1, prepared="a")


def test_a_lazy_result_loads_its_assessment_once_and_compares_by_it(cvs: Path) -> None:
    assessment = api_screening(cvs, False).results[0].assessment
    loads: list[Assessment] = []

    def load() -> Assessment:
        loads.append(assessment)
        return assessment

    lazy = Ranked(1, load=load)
    assert repr(lazy) == "Ranked(rank=1, assessment=<not loaded yet>)"
    assert loads == []
    assert lazy == Ranked(1, assessment)
    assert lazy.assessment is assessment
    assert lazy.assessment is assessment
    assert len(loads) == 1
    assert repr(lazy) == f"Ranked(rank=1, assessment={assessment!r})"
    assert lazy != Ranked(2, assessment)
    assert hash(lazy) == hash(Ranked(1, assessment))
    by, other = Preparer("json", False), Preparer("json", True)
    assert Ranked(1, prepared="a", prepared_by=by) == Ranked(1, prepared="a", prepared_by=by)
    assert Ranked(1, prepared="a", prepared_by=by) != Ranked(1, prepared="b", prepared_by=by)
    assert Ranked(1, prepared="a", prepared_by=by) != Ranked(1, prepared="a", prepared_by=other)
    assert Ranked(1, prepared="a", prepared_by=by) != Ranked(1, assessment)
    assert repr(Ranked(4, prepared="a", prepared_by=by)) == "Ranked(rank=4, prepared='a')"
    with pytest.raises(TypeError, match="needs an assessment"):
        Ranked(1)


@pytest.mark.parametrize(
    ("fmt", "args", "prepares"),
    [
        ("json", [], True),
        ("jsonl", ["--blind", "--top", "2"], True),
        ("jsonl", ["--blind", "--key-map", "KEYS"], False),  # the key map reads assessments
        ("csv", [], False),
        ("markdown", [], False),
    ],
)
def test_only_score_to_json_without_a_key_map_has_results_prepared(
    cvs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    args: list[str],
    prepares: bool,
) -> None:
    import jobscreen.runs

    real, given = jobscreen.runs.screen_files, []

    def spy(*args: Any, **kwargs: Any) -> Any:
        given.append(kwargs.get("prepare"))
        return real(*args, **kwargs)

    monkeypatch.setattr(jobscreen.runs, "screen_files", spy)
    args = [str(tmp_path / "keys.csv") if a == "KEYS" else a for a in args]
    cli_output(tmp_path, fmt, str(cvs), "-j", "1", *args)
    assert len(given) == 1
    assert (given[0] is not None) is prepares
