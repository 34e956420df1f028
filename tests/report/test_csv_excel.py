"""CSV for Excel (--excel, --delimiter), and the "extracted from" marker in CSV and Markdown."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.conftest import CANDIDATES, UN_CV, invoke, un_screening

AS_OF = ("--as-of", "2026-06-30")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A vacancy, a native CV with a name Excel could misread, and a plain-text CV."""
    un_screening(tmp_path, monkeypatch, [("zoe", "Zoë; =1+2", "UNDP", "2010-01")])
    shutil.copy(CANDIDATES / "txt-amina-diallo.txt", tmp_path / "cvs" / "txt-amina-diallo.txt")
    return tmp_path


def _csv(*args: str) -> str:
    code, out, err = invoke("score", "vacancy.yaml", "cvs", *AS_OF, "-f", "csv", *args)
    assert code == 0, err
    return out


def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_plain_csv_has_no_byte_order_mark_and_marks_extracted_cvs(folder: Path) -> None:
    out = _csv()
    assert out.startswith("rank,candidate,")
    rows = {row["candidate"]: row for row in _rows(out)}
    assert rows["zoe"]["extracted from"] == ""
    assert rows["txt-amina-diallo"]["extracted from"] == "text"
    assert rows["zoe"]["name"] == "Zoë; =1+2"  # a name that is no formula stays as it is
    assert "." in rows["zoe"]["score"]


def test_excel_starts_with_a_byte_order_mark(folder: Path) -> None:
    out = _csv("--excel", "-o", "excel.csv")
    assert out == ""
    data = (folder / "excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfrank,candidate,")
    assert data.count(b"\xef\xbb\xbf") == 1
    rows = _rows(data.decode("utf-8-sig"))
    assert "Zoë; =1+2" in {row["name"] for row in rows}


def test_semicolons_with_a_decimal_comma(folder: Path) -> None:
    out = _csv("--excel", "--delimiter", ";")
    assert out.startswith("\ufeffrank;candidate;name;")
    rows = {row["candidate"]: row for row in _rows(out.removeprefix("\ufeff"), ";")}
    assert rows["zoe"]["name"] == "Zoë; =1+2"  # quoted: its ';' does not split the cell
    assert "," in rows["zoe"]["score"]
    assert float(rows["zoe"]["score"].replace(",", ".")) > 0
    assert rows["txt-amina-diallo"]["extracted from"] == "text"


def test_a_formula_stays_text_whatever_the_delimiter(folder: Path) -> None:
    text = UN_CV.format(id="zoe", name="=1+2;3", employer="UNDP", start="2010-01")
    (folder / "cvs" / "zoe.yaml").write_text(text, encoding="utf-8")
    for delimiter, split in ((",", ","), (";", ";"), ("tab", "\t")):
        rows = _rows(_csv("--delimiter", delimiter), split)
        assert "'=1+2;3" in {row["name"] for row in rows}


def test_tab_separated(folder: Path) -> None:
    out = _csv("--delimiter", "tab")
    assert out.splitlines()[0].split("\t")[:3] == ["rank", "candidate", "name"]


def test_match_csv_takes_the_same_options(folder: Path) -> None:
    code, out, err = invoke(
        "match", "cvs/zoe.yaml", "vacancy.yaml", *AS_OF, "-f", "csv", "--excel", "--delimiter", ";"
    )
    assert code == 0, err
    assert out.startswith("\ufeffrank;vacancy;title;eligible;score;unmet;review\n")
    row = _rows(out.removeprefix("\ufeff"), ";")[0]
    assert "," in row["score"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--excel"], "--excel goes with --format csv"),
        (["-f", "json", "--delimiter", ";"], "--delimiter goes with --format csv"),
        (["-f", "csv", "--delimiter", "|"], "--delimiter must be ',', ';' or 'tab'; got '|'"),
    ],
)
def test_csv_options_are_usage_errors_elsewhere(
    folder: Path, args: list[str], message: str
) -> None:
    code, out, err = invoke("score", "vacancy.yaml", "cvs", *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_markdown_marks_extracted_cvs(folder: Path) -> None:
    code, out, _ = invoke("score", "vacancy.yaml", "cvs", *AS_OF, "-f", "markdown")
    assert code == 0
    amina = next(line for line in out.splitlines() if "txt-amina-diallo" in line)
    assert "*\\(extracted from text\\)*" in amina
    zoe = next(line for line in out.splitlines() if "(zoe)" in line)
    assert "extracted" not in zoe


def test_blind_csv_keeps_the_marker_and_hides_the_rest(folder: Path) -> None:
    rows = _rows(_csv("--blind"))
    assert sorted(row["extracted from"] for row in rows) == ["", "text"]
    assert all(row["name"] == "" and row["source"] == "" for row in rows)
