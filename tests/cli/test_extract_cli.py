"""`jobscreen extract`, and plain-text CVs scored on the fly."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from jobscreen.cv import CVFile
from tests.conftest import CANDIDATES, VACANCIES, invoke

ARO = str(VACANCIES / "un-aro-senior-pmo.yaml")
TEXT_CV = CANDIDATES / "txt-amina-diallo.txt"


def test_extract_prints_yaml_that_validates_with_comments() -> None:
    code, out, _ = invoke("extract", str(TEXT_CV), "--vacancy", ARO)
    assert code == 0
    data = yaml.safe_load(out)
    assert CVFile.model_validate(data).name == "Amina Diallo"
    assert [d["degree"] for d in data["education"]] == ["LLM", "BA"]
    assert "# inferred from" in out


def test_extract_reads_stdin() -> None:
    text = "Languages: English (native), French (B1)\n"
    code, out, _ = invoke("extract", "-", stdin=text)
    assert code == 0
    assert yaml.safe_load(out)["languages"] == [
        {"language": "English", "level": "native"},
        {"language": "French", "level": "B1"},
    ]


def test_score_reads_text_cvs_and_marks_them_extracted(tmp_path: Path) -> None:
    code, out, _ = invoke(
        "score", ARO, str(TEXT_CV), str(CANDIDATES / "priya-raman.yaml"), "-f", "json"
    )
    results = {r["candidate"]: r for r in json.loads(out)["results"]}
    assert code == 0
    assert results["txt-amina-diallo"]["origin"] == "extracted"
    assert results["priya-raman"]["origin"] == "native"


def test_an_uncertain_extraction_turns_a_verdict_into_review(tmp_path: Path) -> None:
    # 03/04/2012: day and month cannot be told apart, so the post is uncertain
    cv = tmp_path / "cv.txt"
    cv.write_text(
        "Experience\nProgramme Manager, UNDP, 03/04/2012 - present\n"
        "Led advocacy and human rights programmes.\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("score", ARO, str(cv), "-f", "json", "--as-of", "2026-06-30")
    rules = {r["id"]: r for r in json.loads(out)["results"][0]["rules"]}
    assert code == 0
    assert rules["exp-programme-management"]["status"] == "needs_review"
    assert rules["exp-programme-management"]["reason"].startswith("uncertain extraction")


def test_extract_reads_a_cv_of_punctuation_and_dates(tmp_path: Path) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text(", - ,\n2010 - 2015\n", encoding="utf-8")  # exited 3 (issue 14)
    code, out, err = invoke("extract", str(cv))
    assert (code, err) == (0, "")
    assert yaml.safe_load(out)["experience"] == [{"start": "2010", "end": "2015"}]
    assert "#   - , - ," in out
