"""The xlsx shortlist: what a hiring panel opens, read back with openpyxl cell by cell."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import ROOT, cli, invoke, un_screening

AS_OF = ("--as-of", "2026-06-30")
MANDATORY = [
    "edu-advanced-degree",
    "exp-programme-management",
    "exp-anti-racism",
    "exp-managerial",
    "lang-english",
    "review-lateral-move",
    "review-young-professionals",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The UN anti-racism vacancy and three CVs (one named like a formula, one broken)."""
    un_screening(
        tmp_path,
        monkeypatch,
        [
            ("ana", "Ana Lima", "UNDP", "2010-01"),
            ("ben", '=HYPERLINK(\\"http://x.test\\",\\"Ben\\")', "UNDP", "2020-01"),
            ("cy", "Cy Osei", "United Nations Secretariat", "2012-01"),
        ],
    )
    (tmp_path / "cvs" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    return tmp_path


def _score(*extra: str, output: str = "out.xlsx") -> tuple[int, str]:
    args = ["score", "vacancy.yaml", "cvs", *AS_OF, "-f", "xlsx", "-o", output, *extra]
    code, _, err = invoke(*args)
    return code, err


def _rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_the_shortlist_has_a_column_per_mandatory_rule_and_empty_panel_columns(
    folder: Path,
) -> None:
    code, err = _score()
    assert code == 1  # broken.yaml could not be read; the others are in the workbook
    assert "broken.yaml" in err
    book = openpyxl.load_workbook(folder / "out.xlsx")
    assert book.sheetnames == ["shortlist", "vacancy"]
    sheet = book["shortlist"]
    header, *rows = _rows(sheet)
    assert list(header) == [
        *("rank", "candidate", "name", "source", "eligible", "score"),
        *MANDATORY,
        *("review", "unmet", "panel decision", "notes"),
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:Q{len(rows) + 1}"
    assert len(rows) == 3
    by_id = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    ana = by_id["ana"]
    assert ana["rank"] == 1
    assert ana["name"] == "Ana Lima"
    assert ana["source"] == str(Path("cvs") / "ana.yaml")
    assert ana["eligible"] == "yes"
    assert isinstance(ana["score"], float | int)
    assert ana["exp-programme-management"] == "met"
    assert ana["review-lateral-move"] == "met"  # not UN Secretariat staff: nothing to check
    assert ana["review"] is None
    assert ana["unmet"] is None  # nothing unmet: an empty cell
    assert ana["panel decision"] is None
    assert ana["notes"] is None
    ben = by_id["ben"]
    assert ben["eligible"] == "no"
    assert ben["exp-programme-management"] == "partial"  # 6 of 10 years
    assert "exp-programme-management" in str(ben["unmet"])
    cy = by_id["cy"]
    assert cy["eligible"] == "review"
    assert cy["review-lateral-move"] == "review"
    assert cy["review"] == "review-lateral-move, review-young-professionals"


def test_text_that_looks_like_a_formula_is_stored_as_text(folder: Path) -> None:
    _score()
    sheet = openpyxl.load_workbook(folder / "out.xlsx")["shortlist"]
    names = [row[2].value for row in sheet.iter_rows(min_row=2)]
    formula = '=HYPERLINK("http://x.test","Ben")'
    assert formula in names
    cell = next(row[2] for row in sheet.iter_rows(min_row=2) if row[2].value == formula)
    assert cell.data_type == "s"
    with zipfile.ZipFile(folder / "out.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert "HYPERLINK" in xml


def test_the_vacancy_sheet_names_the_run_and_lists_every_rule_with_the_notice(
    folder: Path,
) -> None:
    _score()
    rows = _rows(openpyxl.load_workbook(folder / "out.xlsx")["vacancy"])
    facts = {row[0]: row[1] for row in rows if row[0] and row[2] is None}
    assert facts["vacancy"] == "un-aro-senior-pmo"
    assert facts["as of"] == "2026-06-30"
    assert facts["jobscreen version"] == __import__("jobscreen").__version__
    assert "broken.yaml" in str(facts["not screened"])
    assert (facts["screened"], facts["eligible"], facts["to review"]) == (3, 1, 1)
    assert (facts["not eligible"], facts["unreadable"]) == (1, 1)
    start = next(i for i, row in enumerate(rows) if row[0] == "rule")
    assert rows[start] == ("rule", "kind", "group", "mandatory", "what it asks", "notice")
    rules = {row[0]: row for row in rows[start + 1 :]}
    assert rules["lang-english"][1:4] == ("language", None, "mandatory")
    assert rules["lang-french"][3] == "desirable"
    assert rules["lang-other-un-ar"][2] == "lang-other-un"  # nested: its group named
    assert "English" in str(rules["lang-english"][5])  # the notice's own words
    assert rules["review-lateral-move"][5]


def test_blind_leaves_name_and_source_empty(folder: Path) -> None:
    _score("--blind", "--key-map", "keys.csv")
    sheet = openpyxl.load_workbook(folder / "out.xlsx")["shortlist"]
    _, *rows = _rows(sheet)
    for row in rows:
        assert str(row[1]).startswith("cand-")
        assert row[2] is None
        assert row[3] is None
    keys = (folder / "keys.csv").read_text(encoding="utf-8")
    assert all(str(row[1]) in keys for row in rows)
    with zipfile.ZipFile(folder / "out.xlsx") as archive:
        for name in archive.namelist():
            assert b"Ana Lima" not in archive.read(name)
            assert b"ana.yaml" not in archive.read(name)


def test_the_same_screening_gives_the_same_bytes(folder: Path) -> None:
    _score(output="one.xlsx")
    os.utime(folder / "vacancy.yaml")  # a later time: nothing in the workbook depends on it
    _score(output="two.xlsx")
    assert (folder / "one.xlsx").read_bytes() == (folder / "two.xlsx").read_bytes()
    with zipfile.ZipFile(folder / "one.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-06-30T00:00:00Z" in core
    book = openpyxl.load_workbook(folder / "one.xlsx")
    assert book.properties.created == book.properties.modified


def test_xlsx_needs_an_output_file(folder: Path) -> None:
    code, out, err = invoke("score", "vacancy.yaml", "cvs", "-f", "xlsx")
    assert code == 2
    assert out == ""
    assert err.strip().count("\n") == 0
    assert "--format xlsx writes a binary file: give --output FILE" in err
    assert not list(folder.glob("*.xlsx"))


@pytest.mark.process
def test_xlsx_is_never_written_to_a_terminal(folder: Path) -> None:
    """Process: stdout is a real pseudo-terminal."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "jobscreen",
                *("score", "vacancy.yaml", "cvs", "-f", "xlsx", "-o", "-"),
            ],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=folder,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert b"--format xlsx writes a binary file" in done.stderr


def test_xlsx_to_a_pipe_with_output_dash(folder: Path) -> None:
    done = cli("score", "vacancy.yaml", "cvs", *AS_OF, "-f", "xlsx", "-o", "-", cwd=folder)
    assert done.returncode == 1, done.stderr  # broken.yaml
    assert done.stdout.startswith(b"PK\x03\x04")
    _score(output="file.xlsx")
    assert done.stdout == (folder / "file.xlsx").read_bytes()


def test_match_and_explain_do_not_take_xlsx(folder: Path) -> None:
    code, _, err = invoke("match", "cvs/ana.yaml", "vacancy.yaml", "-f", "xlsx", "-o", "m.xlsx")
    assert code == 2
    assert "--format must be one of" in err
    code, _, err = invoke("explain", "vacancy.yaml", "cvs/ana.yaml", "-f", "xlsx", "-o", "e.xlsx")
    assert code == 2


def _blind_shortlist(folder: Path) -> None:
    code, err = _score("--blind", "--key-map", "keys.csv", output="blind.xlsx")
    assert code == 1, err  # broken.yaml


def test_unblind_fills_names_back_in_and_keeps_the_panel_s_columns(folder: Path) -> None:
    _blind_shortlist(folder)
    book = openpyxl.load_workbook(folder / "blind.xlsx")  # the panel fills in a decision
    sheet = book["shortlist"]
    sheet.cell(row=2, column=16, value="invite")
    sheet.cell(row=2, column=17, value="strong on advocacy")
    book.save(folder / "blind.xlsx")
    code, out, err = invoke("unblind", "blind.xlsx", "--key-map", "keys.csv", "-o", "named.xlsx")
    assert code == 0, err
    assert out == ""
    assert "3 names filled in" in err
    named = openpyxl.load_workbook(folder / "named.xlsx")
    sheet = named["shortlist"]
    header, *rows = _rows(sheet)
    by_name = {row[2]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_name) == {"Ana Lima", "Cy Osei", '=HYPERLINK("http://x.test","Ben")'}
    assert all(str(row["candidate"]).startswith("cand-") for row in by_name.values())
    assert by_name["Ana Lima"]["source"] == str(Path("cvs") / "ana.yaml")
    assert rows[0][15:17] == ("invite", "strong on advocacy")
    formula = next(c for c in sheet["C"] if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Q4"
    facts = {row[0]: row[1] for row in _rows(named["vacancy"]) if row[0]}
    assert str(facts["blind"]).startswith("unblinded")
    invoke("unblind", "blind.xlsx", "--key-map", "keys.csv", "-o", "again.xlsx")
    assert (folder / "again.xlsx").read_bytes() == (folder / "named.xlsx").read_bytes()


def test_unblind_names_the_keys_the_key_map_lacks(folder: Path) -> None:
    _blind_shortlist(folder)
    lines = (folder / "keys.csv").read_text(encoding="utf-8").splitlines()
    (folder / "keys.csv").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    missing = lines[-1].split(",")[0]
    code, _, err = invoke("unblind", "blind.xlsx", "--key-map", "keys.csv", "-o", "named.xlsx")
    assert code == 1
    assert f"blind.xlsx: error: {missing} is not in keys.csv: its name is left empty" in err
    assert "2 names filled in" in err


def _damaged_workbook() -> bytes:
    """A zip whose XML no parser reads: openpyxl raises its parser's own error."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x")
    return data.getvalue()


_DAMAGED = _damaged_workbook()


@pytest.mark.parametrize(
    ("shortlist", "keys", "message"),
    [
        (b"not a zip", "key,candidate,name,source\n", "blind.xlsx:1:1: error: not a jobscreen"),
        (None, "id,name\n", "keys.csv:1:1: error: not a key map"),
        (None, "key,candidate,name,source\na,b\n", "keys.csv:2:1: error: expected 4 cells"),
        (_DAMAGED, "key,candidate,name,source\n", "blind.xlsx:1:1: error: not a jobscreen"),
        (
            None,
            "key,candidate,name,source\nk1,a,A,a.yaml\nk1,b,B,b.yaml\n",
            "keys.csv:3:1: error: key 'k1' listed twice",
        ),
    ],
)
def test_unblind_refuses_what_it_cannot_read(
    folder: Path, shortlist: bytes | None, keys: str, message: str
) -> None:
    _blind_shortlist(folder)
    if shortlist is not None:
        (folder / "blind.xlsx").write_bytes(shortlist)
    (folder / "keys.csv").write_text(keys, encoding="utf-8")
    code, _, err = invoke("unblind", "blind.xlsx", "--key-map", "keys.csv", "-o", "named.xlsx")
    assert code == 1
    assert message in err
    assert not (folder / "named.xlsx").exists()
    assert not list(folder.glob(".named.xlsx.*"))  # no temporary file left behind


def test_unblind_needs_an_output_other_than_its_inputs(folder: Path) -> None:
    _blind_shortlist(folder)
    code, _, err = invoke("unblind", "blind.xlsx", "--key-map", "keys.csv")
    assert code == 2
    assert "give --output FILE" in err
    code, _, err = invoke("unblind", "blind.xlsx", "--key-map", "keys.csv", "-o", "blind.xlsx")
    assert code == 2
