"""Decision records: what JSON output carries, and `verify` catching every kind of change."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import VACANCIES, invoke

CV = """\
id: {id}
name: {name}
education: [{{degree: MA, field: Political Science}}]
experience:
  - {{title: Programme Manager, organisation: UNDP, start: 2010-01, end: present,
     managerial: true, description: human rights advocacy and anti-racism programme}}
languages: [{{language: English, level: C2}}]
"""


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A vacancy and two CVs in a temporary directory, scored into rec.json."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(VACANCIES / "un-aro-senior-pmo.yaml", tmp_path / "vacancy.yaml")
    (tmp_path / "cvs").mkdir()
    for key, name in (("a", "Ana"), ("b", "Ben")):
        (tmp_path / "cvs" / f"{key}.yaml").write_text(
            CV.format(id=key, name=name), encoding="utf-8"
        )
    code, _, err = invoke(
        "score", "vacancy.yaml", "cvs", "-f", "json", "--as-of", "2026-01-01", "-o", "rec.json"
    )
    assert code == 0, err
    return tmp_path


def test_record_carries_version_hashes_as_of_and_options(batch: Path) -> None:
    data = json.loads((batch / "rec.json").read_text(encoding="utf-8"))
    assert data["jobscreen_version"]
    assert len(data["record"]["vacancy"]["sha256"]) == 64
    assert data["record"]["inputs"] == ["cvs"]
    assert all(len(r["sha256"]) == 64 for r in data["results"])
    assert data["options"]["as_of"] == "2026-01-01"
    assert data["options"]["as_of_given"] is True
    assert set(data["options"]) >= {"top", "eligible_only", "blind", "limits"}


def test_verify_reproduces_an_untouched_record(batch: Path) -> None:
    code, out, _ = invoke("verify", "rec.json")
    assert code == 0
    assert "identical" in out


def test_verify_detects_an_edited_cv(batch: Path) -> None:
    cv = batch / "cvs" / "a.yaml"
    cv.write_text(cv.read_text(encoding="utf-8").replace("2010-01", "2012-01"), encoding="utf-8")
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert "candidate a: CV changed" in out
    assert "candidate b" not in out


def test_verify_detects_an_edited_vacancy(batch: Path) -> None:
    vacancy = batch / "vacancy.yaml"
    vacancy.write_text(
        vacancy.read_text(encoding="utf-8").replace("min_years: 10", "min_years: 20"),
        encoding="utf-8",
    )
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert "vacancy file changed" in out
    assert "candidate a: " in out


def test_verify_detects_a_different_option(batch: Path) -> None:
    data = json.loads((batch / "rec.json").read_text(encoding="utf-8"))
    data["options"]["as_of"] = "2013-01-01"  # as if the run had used another --as-of
    (batch / "rec.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert "as-of date 2026-01-01 → 2013-01-01" in out


def test_verify_refuses_a_file_that_is_not_a_record(batch: Path) -> None:
    (batch / "other.json").write_text("[1, 2]", encoding="utf-8")
    code, _, err = invoke("verify", "other.json")
    assert code == 1
    assert "not a jobscreen decision record" in err


def test_blind_output_shows_content_keys_and_key_map_unblinds(batch: Path) -> None:
    code, out, _ = invoke(
        "score", "vacancy.yaml", "cvs", "-f", "csv", "--blind", "--key-map", "keys.csv"
    )
    assert code == 0
    assert "Ana" not in out
    assert "a.yaml" not in out
    keys = (batch / "keys.csv").read_text(encoding="utf-8").splitlines()
    assert keys[0] == "key,candidate,name,source"
    shown = {line.split(",")[1] for line in out.splitlines()[1:]}
    mapped = {line.split(",")[0]: line.split(",")[2] for line in keys[1:]}
    assert shown == set(mapped)
    assert sorted(mapped.values()) == ["Ana", "Ben"]


def test_blind_key_is_stable_and_follows_content_not_file_name(batch: Path) -> None:
    def keys() -> set[str]:
        _, out, _ = invoke("score", "vacancy.yaml", "cvs", "-f", "csv", "--blind")
        return {line.split(",")[1] for line in out.splitlines()[1:]}

    before = keys()
    (batch / "cvs" / "a.yaml").rename(batch / "cvs" / "renamed.yaml")
    assert keys() == before


def test_key_map_needs_blind(batch: Path) -> None:
    code, _, err = invoke("score", "vacancy.yaml", "cvs", "--key-map", "k.csv")
    assert code == 2
    assert "--key-map goes with --blind" in err


@pytest.mark.parametrize(
    ("key_map", "output"),
    [("keys.csv", "keys.csv"), ("keys.csv", "./sub/../keys.csv"), ("-", None), ("-", "-")],
)
def test_key_map_and_results_cannot_share_a_destination(
    batch: Path, key_map: str, output: str | None
) -> None:
    (batch / "sub").mkdir()
    (batch / "keys.csv").write_text("before\n", encoding="utf-8")
    args = ["score", "vacancy.yaml", "cvs", "-f", "csv", "--blind", "--key-map", key_map]
    code, out, err = invoke(*args, *(["-o", output] if output else []))
    assert code == 2
    assert "--key-map and --output name the same file" in err
    assert out == ""
    assert (batch / "keys.csv").read_text(encoding="utf-8") == "before\n"


def test_key_map_may_go_to_stdout_when_the_results_go_to_a_file(batch: Path) -> None:
    args = ["score", "vacancy.yaml", "cvs", "-f", "csv", "--blind", "--key-map", "-"]
    code, out, _ = invoke(*args, "-o", "results.csv")
    assert code == 0
    assert out.splitlines()[0] == "key,candidate,name,source"
    assert (batch / "results.csv").read_text(encoding="utf-8").startswith("rank,")


def test_an_empty_output_name_is_a_usage_error(batch: Path) -> None:
    code, _, err = invoke("score", "vacancy.yaml", "cvs", "-o", "")
    assert code == 2
    assert "is empty" in err
    assert "directory" not in err


def test_api_screen_in_blind_mode_ranks_ties_as_score_blind_does(tmp_path: Path) -> None:
    import datetime as dt

    from jobscreen.api import screen
    from jobscreen.sources import iter_candidates, read_vacancy

    folder = tmp_path / "cvs"
    folder.mkdir()
    for key in "abcdef":  # the same CV six times over: tied on eligibility and score
        cv = CV.format(id=key, name=f"Name {key}")
        (folder / f"{key}.yaml").write_text(cv, encoding="utf-8")
    vacancy_path = str(VACANCIES / "un-aro-senior-pmo.yaml")
    code, out, _ = invoke(
        "score", vacancy_path, str(folder), "-f", "json", "--as-of", "2026-01-01", "--blind"
    )
    assert code == 0
    from_cli = [r["candidate"] for r in json.loads(out)["results"]]
    vacancy, _ = read_vacancy(vacancy_path)
    items = list(iter_candidates([str(folder)]))
    blind = screen(vacancy, items, dt.date(2026, 1, 1), {"blind": True})
    seen = screen(vacancy, items, dt.date(2026, 1, 1))
    assert [r.assessment.opaque_key for r in blind.results] == from_cli == sorted(from_cli)
    assert [r.assessment.candidate for r in seen.results] == list("abcdef")
    assert [r.assessment.candidate for r in blind.results] != list("abcdef")  # keys, not ids


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "vacancy.yaml", "-o", "vacancy.yaml"],
        ["validate", "cvs", "vacancy.yaml", "-o", "./vacancy.yaml"],
        ["score", "vacancy.yaml", "cvs/a.yaml", "-o", "cvs/a.yaml"],
        ["score", "vacancy.yaml", "cvs", "-o", "vacancy.yaml"],
        ["score", "vacancy.yaml", "cvs/a.yaml", "--blind", "--key-map", "cvs/a.yaml"],
        ["explain", "vacancy.yaml", "cvs/a.yaml", "-o", "cvs/../cvs/a.yaml"],
        ["match", "cvs/a.yaml", "vacancy.yaml", "-o", "vacancy.yaml"],
        ["extract", "notes.txt", "-o", "notes.txt"],
        ["new", "vacancy", "--from-notice", "notes.txt", "-o", "notes.txt", "--force"],
        ["audit", "rec.json", "--groups", "groups.csv", "-o", "groups.csv"],
        ["score", "vacancy.yaml", "cvs/a.yaml", "-o", "link.yaml"],  # a link to the input
        ["score", "vacancy.yaml", "cvs", "-f", "json", "-o", "cvs/b.yaml"],  # found in a folder
        ["score", "vacancy.yaml", ".", "-o", "notes.txt"],  # score reads plain-text CVs too
        ["validate", ".", "-o", "cvs/a.yaml"],
        ["match", "cvs/a.yaml", ".", "-o", "vacancy.yaml"],
    ],
)
def test_an_output_that_is_an_input_file_is_refused(batch: Path, args: list[str]) -> None:
    (batch / "notes.txt").write_text("Jane Doe\nMA in Law, 2001\n", encoding="utf-8")
    (batch / "groups.csv").write_text("candidate,group\na,X\nb,Y\n", encoding="utf-8")
    (batch / "link.yaml").symlink_to(batch / "cvs" / "a.yaml")
    before = {p: p.read_bytes() for p in batch.rglob("*") if p.is_file()}
    code, out, err = invoke(*args)
    assert code == 2, err
    assert "is an input file" in err
    assert "it would be replaced" in err
    assert out == ""
    assert {p: p.read_bytes() for p in batch.rglob("*") if p.is_file()} == before


def test_an_output_beside_the_inputs_or_a_device_is_written(batch: Path) -> None:
    code, _, _ = invoke("validate", "vacancy.yaml", "-o", "report.txt")
    assert code == 0
    assert (batch / "report.txt").read_text(encoding="utf-8").startswith("1 file valid")
    (batch / "cvs" / "notes.txt").write_text("not read by validate\n", encoding="utf-8")
    assert invoke("validate", "cvs", "-o", "cvs/notes.txt")[0] == 0  # not among its inputs
    assert invoke("validate", "vacancy.yaml", "-o", "/dev/null")[0] == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["options"]["limits"].update(max_bytes="big"),
        lambda d: d["options"]["limits"].update(max_bytes=10**30),
        lambda d: d["options"].update(top="x"),
        lambda d: d["options"].update(top=-1),
        lambda d: d.update(results=None),
        lambda d: d["results"][0].pop("candidate"),
        lambda d: d.update(errors="x"),
    ],
    ids=["limit-text", "limit-huge", "top-text", "top-negative", "results-null", "no-id", "errors"],
)
def test_verify_calls_a_record_of_the_wrong_shape_invalid(
    batch: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    data = json.loads((batch / "rec.json").read_text(encoding="utf-8"))
    change(data)
    (batch / "rec.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = invoke("verify", "rec.json")
    assert code == 1, err
    assert "rec.json: error: not a valid jobscreen" in err
