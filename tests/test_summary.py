"""The summary of a screening: every candidate scored counted by eligibility, and every input
that could not be read, whatever --top or --eligible-only kept; in the table's footer, in
Markdown and as a `summary` object in JSON that verify checks."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from jobscreen.api import screen
from jobscreen.options import ScreenOptions
from jobscreen.results import Summary, content_digest
from jobscreen.sources import load_cv, load_vacancy
from tests.conftest import UN_CV, VACANCIES, invoke, un_screening

PEOPLE = [  # 2 eligible, 1 to review, 2 not eligible
    ("ana", "ana", "UNDP", "2010-01"),
    ("bea", "bea", "UNICEF", "2011-01"),
    ("cy", "cy", "United Nations Secretariat", "2012-01"),
    ("dan", "dan", "UNDP", "2020-01"),
    ("eve", "eve", "UNDP", "2022-01"),
]
LINE = "5 screened · 2 eligible · 1 to review · 2 not eligible · 2 unreadable"
AS_OF = ("--as-of", "2026-06-30")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Five CVs, a broken one (several errors, one input) and a .doc file (refused)."""
    cvs = un_screening(tmp_path, monkeypatch, PEOPLE) / "cvs"
    broken = "id: x\neducation: 4\nexperience: 5\nlanguages: 6\n"  # three errors, one input
    (cvs / "broken.yaml").write_text(broken, encoding="utf-8")
    (cvs / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    return tmp_path


def _score(*args: str) -> tuple[int, str, str]:
    return invoke("score", "vacancy.yaml", "cvs", *AS_OF, *args)


@pytest.mark.parametrize("selection", [[], ["--top", "1"], ["--eligible-only"]])
def test_json_counts_what_was_screened_not_what_was_kept(
    folder: Path, selection: list[str]
) -> None:
    code, out, _ = _score("-f", "json", *selection)
    assert code == 1  # two inputs unreadable
    data = json.loads(out)
    assert data["summary"] == {
        "screened": 5,
        "eligible": 2,
        "to_review": 1,
        "not_eligible": 2,
        "unreadable": 2,
    }
    assert len(data["results"]) == {0: 5, 2: 1}.get(len(selection), 3)
    assert list(data)[:5] == ["vacancy", "as_of", "jobscreen_version", "options", "summary"]


def test_the_table_footer_has_the_summary_and_how_many_are_shown(folder: Path) -> None:
    _, out, err = _score("--top", "2")
    assert "broken.yaml" in err  # the errors go to stderr, above; the footer counts them
    assert f"{LINE} · 2 shown" in " ".join(out.split())
    _, out, _ = _score()
    assert LINE in " ".join(out.split())
    assert "shown" not in out


def test_markdown_has_the_summary_line(folder: Path) -> None:
    _, out, _ = _score("-f", "markdown", "--eligible-only")
    assert f"\n{LINE} · 3 shown\n" in out


def test_a_duplicate_candidate_is_scored_twice_and_not_unreadable(folder: Path) -> None:
    shutil.copy(folder / "cvs" / "ana.yaml", folder / "cvs" / "ana-again.yaml")
    _, out, _ = _score("-f", "json")
    data = json.loads(out)
    assert any("appears twice" in e["message"] for e in data["errors"])
    assert data["summary"]["screened"] == 6
    assert data["summary"]["eligible"] == 3
    assert data["summary"]["unreadable"] == 2


def test_json_lines_on_stdin_count_each_unreadable_record(folder: Path) -> None:
    lines = [
        json.dumps({"id": "ok", "education": [], "experience": [], "languages": []}),
        "{not json",
        json.dumps({"id": "bad", "education": "x"}),
    ]
    code, out, _ = invoke(
        "score", "vacancy.yaml", "-", *AS_OF, "-f", "json", stdin="\n".join(lines)
    )
    assert code == 1
    summary = json.loads(out)["summary"]
    assert (summary["screened"], summary["unreadable"]) == (1, 2)
    assert summary["not_eligible"] == 1


def test_workers_count_as_one_process_does(folder: Path) -> None:
    for index in range(70):  # enough for a pool of workers
        key, _, employer, start = PEOPLE[index % len(PEOPLE)]
        text = UN_CV.format(id=f"{key}-{index}", name=key, employer=employer, start=start)
        (folder / "cvs" / f"{key}-{index}.yaml").write_text(text, encoding="utf-8")
    serial = json.loads(_score("-f", "json", "--jobs", "1")[1])["summary"]
    parallel = json.loads(_score("-f", "json", "--jobs", "2")[1])["summary"]
    assert serial == parallel
    assert serial["screened"] == 75
    assert serial["eligible"] == 2 + 28


def _record(folder: Path) -> dict[str, object]:
    code, _, err = _score("-f", "json", "-o", "rec.json")
    assert code == 1, err
    data: dict[str, object] = json.loads((folder / "rec.json").read_text(encoding="utf-8"))
    return data


def _rewrite(folder: Path, data: dict[str, object]) -> None:
    """The record as if written so: its digest recomputed."""
    record = data["record"]
    assert isinstance(record, dict)
    record["digest"] = content_digest(data)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    (folder / "rec.json").write_text(text, encoding="utf-8")


def test_verify_reproduces_the_summary(folder: Path) -> None:
    _record(folder)
    code, out, _ = invoke("verify", "rec.json")
    assert code == 0, out


def test_verify_reports_a_summary_that_differs(folder: Path) -> None:
    data = _record(folder)
    summary = data["summary"]
    assert isinstance(summary, dict)
    summary["eligible"] = 4
    _rewrite(folder, data)
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert "summary.eligible: 4 → 2" in out


def test_verify_accepts_an_older_record_without_a_summary(folder: Path) -> None:
    data = _record(folder)
    del data["summary"]
    _rewrite(folder, data)
    code, out, _ = invoke("verify", "rec.json")
    assert code == 0, out
    assert "identical" in out


def test_a_summary_with_an_unknown_key_is_not_a_record(folder: Path) -> None:
    data = _record(folder)
    data["summary"] = {"screened": 5}
    _rewrite(folder, data)
    code, _, err = invoke("verify", "rec.json")
    assert code == 1
    assert "missing required key 'summary.eligible'" in err


def test_the_library_counts_the_same() -> None:
    vacancy = load_vacancy(str(VACANCIES / "un-aro-senior-pmo.yaml"))
    today = dt.date(2026, 6, 30)
    candidate = load_cv(
        str(Path(__file__).parent.parent / "examples/candidates/daniel-okafor.yaml"), today=today
    )
    screening = screen(vacancy, [candidate], ScreenOptions(today))
    assert screening.summary == Summary(1, 1, 0, 0, 0)
    assert screening.counts.line() == (
        "1 screened · 1 eligible · 0 to review · 0 not eligible · 0 unreadable"
    )
