"""The terminal as a recruiter meets it: 80 columns, ids whole, the counts in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from jobscreen.cli import screening as screening_cli
from jobscreen.engine.screen import rank_key
from jobscreen.results import Assessment, RuleResult, Status
from tests.conftest import CANDIDATES, ROOT, VACANCIES, invoke, jsonl_records

AS_OF = ("--as-of", "2026-06-30")
VACANCY_FILES = sorted(str(p) for p in VACANCIES.glob("*.yaml"))
# a line of a table, its cells split at the borders
BORDERS = re.compile("[│┃]")


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def _json(*args: str) -> dict[str, Any]:
    code, out, err = invoke(*args, "-f", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def _words(out: str) -> set[str]:
    """Every word of every cell and line, as a person reads it."""
    return {w for line in out.splitlines() for cell in BORDERS.split(line) for w in cell.split()}


def _rule_ids(result: dict[str, list[str]]) -> list[str]:
    return [*result["unmet"], *result["review"]]


def _widest(out: str) -> int:
    return max(len(line) for line in out.splitlines())


@pytest.mark.parametrize("vacancy", VACANCY_FILES)
@pytest.mark.parametrize("blind", [False, True])
def test_at_80_columns_every_id_and_rule_is_whole(vacancy: str, blind: bool) -> None:
    args = ["score", vacancy, str(CANDIDATES), *AS_OF, *(["--blind"] if blind else [])]
    data = _json(*args)
    code, out, err = invoke(*args)
    assert code == 0, err
    assert _widest(out) <= 80, out
    words = _words(out)
    results = data["results"]
    assert isinstance(results, list)
    for result in results:
        assert result["candidate"] in words, (result["candidate"], out)
        for rule_id in _rule_ids(result):  # in its cell, or in the legend below the table
            assert rule_id in words, (rule_id, out)
    assert "…" not in "".join(w for w in words if w.startswith(("cand-", "[")))


def test_a_long_rule_id_goes_to_a_legend_numbered_as_the_table_shows_it() -> None:
    vacancy = str(VACANCIES / "un-aro-senior-pmo.yaml")
    code, out, _ = invoke("score", vacancy, str(CANDIDATES), *AS_OF, "--top", "3")
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert "[1] review-lateral-move" in lines
    assert "[2] review-young-professionals" in lines
    first = next(i for i, line in enumerate(lines) if line.startswith("│ 1 "))
    assert lines[first].endswith("│ [1]       │"), out
    assert lines[first + 1].endswith("│ [2]       │"), out


def test_a_wide_terminal_shows_rule_ids_in_their_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    vacancy = str(VACANCIES / "un-aro-senior-pmo.yaml")
    code, out, _ = invoke("score", vacancy, str(CANDIDATES), *AS_OF, "--top", "3")
    assert code == 0
    assert "[1]" not in out
    row = next(line for line in out.splitlines() if line.startswith("│ 1 "))
    assert "review-lateral-move" in row, out


def test_match_at_80_columns_shows_every_vacancy_id_whole() -> None:
    cv = str(CANDIDATES / "daniel-okafor.yaml")
    data = _json("match", cv, str(VACANCIES), *AS_OF)
    code, out, _ = invoke("match", cv, str(VACANCIES), *AS_OF)
    assert code == 0
    assert _widest(out) <= 80, out
    words = _words(out)
    matches = data["matches"]
    assert isinstance(matches, list)
    for match in matches:
        assert match["vacancy"]["id"] in words, out
        for rule_id in _rule_ids(match):
            assert rule_id in words, (rule_id, out)
    summary = data["summary"]
    assert summary == {
        "screened": len(matches),
        "eligible": sum(1 for m in matches if m["eligible"] and not m["review"]),
        "to_review": 0,
        "not_eligible": sum(1 for m in matches if not m["eligible"]),
        "unreadable": 0,
    }
    assert f"{len(matches)} vacancies ranked · {summary['eligible']} eligible" in out


def test_match_counts_a_vacancy_it_could_not_read(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    cv = str(CANDIDATES / "daniel-okafor.yaml")
    vacancy = str(VACANCIES / "un-aro-senior-pmo.yaml")
    code, out, _ = invoke("match", cv, vacancy, str(broken), *AS_OF, "-f", "jsonl")
    records, summary = jsonl_records(out)
    assert code == 1
    assert (len(records), summary["screened"], summary["unreadable"]) == (1, 1, 1)


def test_explain_names_the_failed_knock_outs_and_shows_no_credit_for_review() -> None:
    vacancy = str(VACANCIES / "comsec-head-good-offices.yaml")
    everyone = _json("score", vacancy, str(CANDIDATES), *AS_OF)["results"]
    assert isinstance(everyone, list)
    # a candidate with both a failed knock-out and a rule left to review, whoever it is
    both = next(r for r in everyone if r["unmet"] and r["review"])
    cv = str(ROOT / both["source"])
    result = _json("explain", vacancy, cv, *AS_OF)["results"]
    assert isinstance(result, list)
    unmet, review = result[0]["unmet"], result[0]["review"]
    assert (unmet, review) == (both["unmet"], both["review"])
    for fmt in ("table", "markdown"):
        code, out, _ = invoke("explain", vacancy, cv, *AS_OF, "-f", fmt)
        assert code == 0
        header = " ".join(out.split("\n", 3)[:3])
        assert f"not met: {', '.join(unmet)}" in " ".join(header.split()), header
        for rule_id in review:
            row = next(line for line in out.splitlines() if line.lstrip("│| ").startswith(rule_id))
            cells = [c.strip() for c in re.split("[│|]", row)]
            assert "-" in cells, row
            assert "0.00" not in cells, row


def test_explain_at_80_columns_shows_every_rule_id_whole() -> None:
    vacancy = str(VACANCIES / "nato-asg-pasp.yaml")
    cv = str(CANDIDATES / "henrik-aasland.yaml")
    result = _json("explain", vacancy, cv, *AS_OF)["results"]
    assert isinstance(result, list)
    code, out, _ = invoke("explain", vacancy, cv, *AS_OF)
    assert code == 0
    words = _words(out)
    assert all(rule["id"] in words for rule in result[0]["rules"]), out


def _assessment(key: str, score: float, status: Status) -> Assessment:
    rule = RuleResult("r", "review", True, 1.0, status, 1.0, "")
    return Assessment(key, f"{key}.yaml", (rule,), score, sha256=key * 12)


def test_at_equal_scores_yes_ranks_above_review() -> None:
    pending = _assessment("a", 70.0, Status.needs_review)  # "a" would come first by id
    clear = _assessment("b", 70.0, Status.met)
    better = _assessment("c", 70.1, Status.needs_review)
    ranked = [a.candidate for a in sorted([pending, clear, better], key=rank_key)]
    assert ranked == ["c", "b", "a"]


def test_csv_counts_go_to_stderr_only_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for tty in (True, False):
        monkeypatch.setattr("sys.stderr.isatty", lambda tty=tty: tty)
        screening_cli.summary_aside("csv", "3 screened")
        screening_cli.summary_aside("json", "3 screened")
        assert capsys.readouterr().err == ("jobscreen: 3 screened\n" if tty else "")


def test_jsonl_ends_with_the_counts_of_everything_screened(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: [\n", encoding="utf-8")
    for name in ("daniel-okafor.yaml", "priya-raman.yaml", "nomvula-dlamini.yaml"):
        (tmp_path / name).write_bytes((CANDIDATES / name).read_bytes())
    vacancy = str(VACANCIES / "un-aro-senior-pmo.yaml")
    args = ("score", vacancy, str(tmp_path), *AS_OF, "-f", "jsonl", "--top", "1")
    code, out, _ = invoke(*args)
    records, summary = jsonl_records(out)
    assert code == 1
    assert [r.get("candidate") for r in records] == ["nomvula-dlamini", None]
    assert summary == {
        "screened": 3,
        "eligible": 1,
        "to_review": 1,
        "not_eligible": 1,
        "unreadable": 1,
    }


# --- arguments and inputs as a recruiter gives them -----------------------------------------

OKAFOR = str(CANDIDATES / "daniel-okafor.yaml")
UN = str(VACANCIES / "un-aro-senior-pmo.yaml")
TEXT_CV = str(CANDIDATES / "txt-jonas-berg.txt")
A_CV, A_VACANCY = "looks like a CV: usage is", "looks like a vacancy: usage is"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["score", OKAFOR, UN],
            f"{OKAFOR} looks like a CV: usage is `jobscreen score VACANCY CV...`",
        ),
        (["score", TEXT_CV, UN], f"{TEXT_CV} looks like a CV: usage is `jobscreen score"),
        (
            ["explain", OKAFOR, UN],
            f"{OKAFOR} looks like a CV: usage is `jobscreen explain VACANCY CV`",
        ),
        (
            ["match", UN, OKAFOR],
            f"{UN} looks like a vacancy: usage is `jobscreen match CV VACANCY...`",
        ),
        (["match", UN, str(VACANCIES)], f"{UN} looks like a vacancy: usage is"),
    ],
)
def test_swapped_arguments_are_named_as_such(args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert (code, out) == (2, ""), err
    assert err.startswith(f"jobscreen: error: {message}"), err
    assert len(err.splitlines()) == 1, err


def test_a_broken_vacancy_that_is_no_cv_either_keeps_its_own_errors(tmp_path: Path) -> None:
    broken = tmp_path / "vacancy.yaml"
    broken.write_text("id: v\ntitle: [\n", encoding="utf-8")
    code, _, err = invoke("score", str(broken), OKAFOR)
    assert code == 1
    assert f"{broken}:3:1: error: YAML syntax error" in err
    assert "looks like" not in err


def test_stdin_that_is_not_json_lines_says_so_once_and_keeps_the_records_after() -> None:
    record = json.dumps({"id": "amy", "experience": []})
    yaml_cv = (CANDIDATES / "daniel-okafor.yaml").read_text(encoding="utf-8")
    code, out, err = invoke("score", UN, "-", "-f", "csv", *AS_OF, stdin=yaml_cv + record + "\n")
    lines = sum(1 for line in yaml_cv.splitlines() if line.strip())  # a blank one is no record
    assert code == 1
    assert err.splitlines() == [
        f"<stdin>:1:1: error: not JSON Lines (one CV a line, each a JSON object): {lines} "
        "lines not read; give a YAML, text, PDF or Word CV as a file"
    ]
    assert out.splitlines()[1].startswith("1,amy,")


def test_an_error_row_names_the_candidate_when_the_record_parsed(tmp_path: Path) -> None:
    (tmp_path / "zed.yaml").write_text("id: zed-77\nbogus: 1\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, _ = invoke("score", UN, str(tmp_path), *AS_OF, "-f", "jsonl")
    records, _ = jsonl_records(out)
    assert code == 1
    assert {r["source"]: r.get("candidate") for r in records} == {
        str(tmp_path / "broken.yaml"): None,
        str(tmp_path / "zed.yaml"): "zed-77",
    }
    code, out, _ = invoke("score", UN, str(tmp_path), *AS_OF, "-f", "markdown")
    assert f"- **error** {tmp_path}/zed.yaml:2:1 \\(zed-77\\): unknown key 'bogus'" in out
    for fmt in ("jsonl", "csv", "markdown"):  # blind: no id a person could recognise
        code, out, _ = invoke("score", UN, str(tmp_path), *AS_OF, "-f", fmt, "--blind")
        assert code == 1
        assert "zed-77" not in out, out


# --- explain one candidate of many ---------------------------------------------------------


@pytest.mark.parametrize("blind", [False, True])
def test_explain_picks_one_candidate_of_a_folder_by_id_or_blind_key(blind: bool) -> None:
    score = _json("score", UN, str(CANDIDATES), *AS_OF, *(["--blind"] if blind else []))
    results = score["results"]
    assert isinstance(results, list)
    fifth = results[4]
    flags = ["--blind"] if blind else []
    data = _json("explain", UN, str(CANDIDATES), *AS_OF, "--candidate", fifth["candidate"], *flags)
    [result] = data["results"]
    assert result == fifth  # its rank among all, its rules and evidence
    assert data["summary"] == score["summary"]
    assert "record" not in data  # verify re-runs whole screenings: score makes the record


def test_explain_by_the_id_of_a_blind_run_and_the_reverse() -> None:
    one = CANDIDATES / "daniel-okafor.yaml"
    key = _json("score", UN, str(one), "--blind")["results"][0]["candidate"]
    code, out, _ = invoke("explain", UN, str(CANDIDATES), "--candidate", key)
    assert code == 0
    assert out.startswith("Daniel Okafor (daniel-okafor)\n")
    code, out, _ = invoke("explain", UN, str(CANDIDATES), "-c", "daniel-okafor", "--blind")
    assert code == 0
    assert out.startswith(f"{key}\n")


def test_explain_names_a_candidate_it_cannot_find() -> None:
    code, out, err = invoke("explain", UN, str(CANDIDATES), "--candidate", "nobody")
    assert (code, out) == (2, "")
    assert err == (
        f"jobscreen: error: --candidate 'nobody' is none of the 31 candidates in {CANDIDATES}\n"
    )


def test_an_id_wider_than_the_console_leaves_folds_and_is_never_cut(tmp_path: Path) -> None:
    long_id = "an-extraordinarily-long-candidate-identifier-x"
    (tmp_path / "a.yaml").write_text(
        f"id: {long_id}\nname: Maria de los Angeles Fernandez-Castellanos y Rodriguez\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("score", str(VACANCIES / "nato-asg-pasp.yaml"), str(tmp_path), *AS_OF)
    assert code == 0
    assert _widest(out) <= 80, out
    cells = [BORDERS.split(line)[2].strip() for line in out.splitlines() if line.startswith("│")]
    assert long_id in "".join(cells), out
    assert "…" not in "".join(cells[1:]), out  # the name's line only
