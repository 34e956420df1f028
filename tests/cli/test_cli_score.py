"""`jobscreen score`, `explain` and `match`: every format, the JSON contract, the options, exit
codes and streams, in-process (conftest's ``cli``: the entry point's main(), stdout and stderr
apart); tests/test_process.py has the few that need a real process.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from jobscreen import __version__
from tests.conftest import (
    CANDIDATES,
    JSONRESUME_SAMPLE,
    ROOT,
    VACANCIES,
    cli,
    invoke,
    jsonl_records,
)

VACANCY = """\
id: cli-vacancy
title: CLI Test Vacancy
organisation: Org
closing_date: 2024-01-01
requirements:
  - id: exp
    kind: experience
    required: true
    min_years: 2
  - id: lang
    kind: language
    required: false
    language: en
    level: B2
  - id: rev
    kind: review
    required: true
    text: A person checks the references.
"""
# As of the closing date, 2024-01-01; the review rule is left out of every score:
# amy: 4 years (met), English C1 (met): 100.0, eligible pending review
# cat: 2 years (met), English B1 = 3 of B2 = 4 (0.75): 100 * (1 + 0.75) / 2 = 87.5, eligible
# bob: 1 year of 2 (0.5), no English (0): 100 * 0.5 / 2 = 25.0, not eligible
CVS = {
    "amy": """\
id: amy
name: Amy Example
experience:
  - {title: Officer, start: 2020-01, end: 2023-12}
languages:
  - {language: English, level: C1}
""",
    "bob": """\
id: bob
experience:
  - {title: Clerk, start: 2023-01, end: 2023-12}
""",
    "cat": """\
id: cat
experience:
  - {title: Analyst, start: 2022-01, end: 2023-12}
languages:
  - {language: eng, level: B1}
""",
}
RANKED = ["amy", "cat", "bob"]
SCORES = [100.0, 87.5, 25.0]
BAD_CV = """\
id: bad
experience:
  - start: 2020-13
"""
BAD_AT = (3, 12)  # line 3, the value after "  - start: "

Json = dict[str, Any]


@dataclass(frozen=True)
class Inputs:
    vacancy: str
    cvs: list[str]
    bad: str
    directory: Path


@pytest.fixture
def inputs(tmp_path: Path) -> Inputs:
    (tmp_path / "vacancy.yaml").write_text(VACANCY, encoding="utf-8")
    for key, text in CVS.items():
        (tmp_path / f"{key}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD_CV, encoding="utf-8")
    return Inputs(
        str(tmp_path / "vacancy.yaml"),
        [str(tmp_path / f"{key}.yaml") for key in CVS],
        str(tmp_path / "bad.yaml"),
        tmp_path,
    )


def score_json(inputs: Inputs, *options: str) -> Json:
    code, out, err = invoke("score", inputs.vacancy, *inputs.cvs, "-f", "json", *options)
    assert code == 0, err
    data: Json = json.loads(out)
    return data


def candidates(data: Json) -> list[str]:
    return [r["candidate"] for r in data["results"]]


# --- every format parses -----------------------------------------------------------------


def from_json(out: str) -> list[str]:
    return candidates(json.loads(out))


def from_jsonl(out: str) -> list[str]:
    records, summary = jsonl_records(out)
    assert summary["screened"] == len(records), summary
    return [record["candidate"] for record in records]


def from_csv(out: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["rank"] for row in rows] == ["1", "2", "3"]
    return [row["candidate"] for row in rows]


def from_markdown(out: str) -> list[str]:
    rows = [line for line in out.splitlines() if line.startswith("| ") and line[2].isdigit()]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    return [cell[1].split("(")[-1].rstrip(")") for cell in cells]  # "Amy Example (amy)"


def from_html(out: str) -> list[str]:
    ranking = out[out.index("<h2>Ranking</h2>") :]
    ranking = ranking[: ranking.index("</table>")]
    assert re.findall(r'href="#candidate-(\d+)"', ranking) == ["1", "2", "3"]
    return re.findall(r'<span class="id">([^<]*)</span>', ranking)


def from_table(out: str) -> list[str]:
    # each id appears once, in a row of its own: their order is the ranking
    return sorted(RANKED, key=lambda key: out.index(f" {key} "))


PARSERS: dict[str, Callable[[str], list[str]]] = {
    "json": from_json,
    "jsonl": from_jsonl,
    "csv": from_csv,
    "markdown": from_markdown,
    "html": from_html,
    "table": from_table,
}


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_every_format_parses_and_keeps_the_ranking(inputs: Inputs, fmt: str) -> None:
    code, out, err = invoke("score", inputs.vacancy, *inputs.cvs, "-f", fmt)
    assert code == 0, err
    assert PARSERS[fmt](out) == RANKED, out


def test_json_contract(inputs: Inputs) -> None:
    data = score_json(inputs)
    assert {"vacancy", "as_of", "jobscreen_version", "results", "errors"} <= data.keys()
    assert data["vacancy"] == {"id": "cli-vacancy", "title": "CLI Test Vacancy"}
    assert data["as_of"] == "2024-01-01"  # the closing date
    assert data["jobscreen_version"] == __version__
    assert data["errors"] == []
    results = data["results"]
    keys = {"candidate", "source", "rank", "eligible", "score", "rules"}
    assert all(keys <= r.keys() for r in results)
    assert [(r["rank"], r["candidate"], r["score"]) for r in results] == list(
        zip([1, 2, 3], RANKED, SCORES, strict=True)
    )
    assert [r["eligible"] for r in results] == [True, True, False]
    assert [Path(r["source"]).name for r in results] == ["amy.yaml", "cat.yaml", "bob.yaml"]
    rule_keys = {"id", "kind", "required", "status", "credit", "reason", "evidence"}
    first = results[0]["rules"]
    assert all(rule_keys <= r.keys() for r in first)
    assert [(r["id"], r["kind"], r["required"], r["status"]) for r in first] == [
        ("exp", "experience", True, "met"),
        ("lang", "language", False, "met"),
        ("rev", "review", True, "needs_review"),
    ]
    assert first[0]["reason"] == "4 of 2 years; post 1"
    assert first[0]["evidence"][0]["where"].startswith("post 1 (Officer")


def test_jsonl_has_one_result_object_per_line(inputs: Inputs) -> None:
    code, out, _ = invoke("score", inputs.vacancy, *inputs.cvs, "-f", "jsonl")
    lines, summary = jsonl_records(out)
    whole = score_json(inputs)
    assert code == 0
    assert summary == whole["summary"]
    whole = whole["results"]
    assert len(lines) == len(whole)
    for line, result in zip(lines, whole, strict=True):
        assert {k: line[k] for k in result} == result


# --- options ---------------------------------------------------------------------------


@pytest.mark.parametrize("top", [1, 2, 5])
def test_top_keeps_the_first_n(inputs: Inputs, top: int) -> None:
    full = score_json(inputs)["results"]
    assert score_json(inputs, "--top", str(top))["results"] == full[:top]


def test_eligible_only_keeps_candidates_whose_open_items_need_review(inputs: Inputs) -> None:
    data = score_json(inputs, "--eligible-only")
    assert candidates(data) == ["amy", "cat"]
    assert {r["eligibility"] for r in data["results"]} == {"review"}  # rule rev is open


def test_as_of_overrides_the_closing_date(inputs: Inputs) -> None:
    data = score_json(inputs, "--as-of", "2022-01-01")
    by_id = {r["candidate"]: r["rules"][0] for r in data["results"]}
    assert data["as_of"] == "2022-01-01"
    assert by_id["amy"]["reason"] == "2 of 2 years; post 1"  # 2020-01-01 .. 2021-12-31
    assert by_id["bob"]["status"] == "not_met"  # his post starts in 2023
    assert by_id["bob"]["reason"] == "0 of 2 years; no post counts"


def test_as_of_defaults_to_today_without_a_closing_date(inputs: Inputs) -> None:
    Path(inputs.vacancy).write_text(VACANCY.replace("closing_date: 2024-01-01\n", ""), "utf-8")
    before = dt.date.today().isoformat()
    data = score_json(inputs)
    assert data["as_of"] in {before, dt.date.today().isoformat()}


def test_output_file_is_written_atomically(inputs: Inputs) -> None:
    target = inputs.directory / "out" / "results.json"
    target.parent.mkdir()
    target.write_text("previous run", encoding="utf-8")
    code, out, err = invoke("score", inputs.vacancy, *inputs.cvs, "-f", "json", "-o", str(target))
    assert (code, out) == (0, ""), err
    assert json.loads(target.read_text(encoding="utf-8")) == score_json(inputs)
    assert [p.name for p in target.parent.iterdir()] == ["results.json"]  # no temporary left


def test_output_to_a_missing_directory_is_a_usage_error(inputs: Inputs) -> None:
    missing = inputs.directory / "nowhere" / "out.csv"
    done = cli("score", inputs.vacancy, *inputs.cvs, "-o", str(missing))
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"--output" in done.stderr
    assert not missing.parent.exists()


# --- failures, exit codes and streams ------------------------------------------------------


def test_invalid_cv_is_an_error_entry_and_the_others_are_scored_unchanged(
    inputs: Inputs,
) -> None:
    good = cli("score", inputs.vacancy, *inputs.cvs, "-f", "json")
    mixed = cli("score", inputs.vacancy, inputs.cvs[0], inputs.bad, *inputs.cvs[1:], "-f", "json")
    assert (good.returncode, mixed.returncode) == (0, 1)
    clean, data = json.loads(good.stdout), json.loads(mixed.stdout)  # stdout: only the JSON
    assert data["results"] == clean["results"]
    [error] = data["errors"]
    assert (error["source"], error["line"], error["column"]) == (inputs.bad, *BAD_AT)
    assert "2020-13" in error["message"]
    line, column = BAD_AT
    assert mixed.stderr.decode().splitlines() == [
        f"{inputs.bad}:{line}:{column}: error: {error['message']}"
    ]


def test_invalid_cv_in_jsonl_and_csv(inputs: Inputs) -> None:
    line, column = BAD_AT
    jsonl = cli("score", inputs.vacancy, inputs.bad, *inputs.cvs, "-f", "jsonl")
    objects, summary = jsonl_records(jsonl.stdout.decode())
    assert summary["unreadable"] == 1
    assert jsonl.returncode == 1
    assert [o.get("candidate") for o in objects] == [*RANKED, "bad"]  # its id, as given
    assert (objects[-1]["error"], objects[-1]["line"], objects[-1]["column"]) == (
        True,
        line,
        column,
    )
    table = cli("score", inputs.vacancy, inputs.bad, *inputs.cvs, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(table.stdout.decode())))
    assert table.returncode == 1
    assert [r["candidate"] for r in rows] == [*RANKED, "bad"]
    assert rows[-1]["source"] == f"{inputs.bad}:{line}:{column}"


USAGE = [
    (["score", "{v}", "{cv}", "-f", "yaml"], "--format must be one of"),
    (["score", "{v}", "{cv}", "--top", "0"], "--top must be at least 1"),
    (["score", "{v}", "{cv}", "--top", "x"], "--top"),
    (["score", "{v}", "{cv}", "--as-of", "2024-13-01"], "--as-of must be a date"),
    (["score", "{v}", "{cv}", "--as-of", "tomorrow"], "--as-of must be a date"),
    # ISO 8601 forms date.fromisoformat reads, but not the YYYY-MM-DD the option names
    (["score", "{v}", "{cv}", "--as-of", "2026-W26-2"], "--as-of must be a date YYYY-MM-DD"),
    (["score", "{v}", "{cv}", "--as-of", "20260630"], "--as-of must be a date YYYY-MM-DD"),
    (["explain", "{v}", "{cv}", "--as-of", "2026-W26"], "--as-of must be a date YYYY-MM-DD"),
    (["score", "{v}", "{cv}", "--bogus"], "--bogus"),
    (["score", "{v}"], "Missing argument"),
    (["explain", "{v}", "{cv}", "-f", "csv"], "--format must be one of table, json, markdown"),
    (["explain", "{v}", "{cv}", "{cv}"], "unexpected extra argument"),
    (["match", "{cv}", "{v}", "-f", "nope"], "--format must be one of"),
    (["match", "{cv}", "{v}", "--as-of", "2024/01/01"], "--as-of must be a date"),
]


@pytest.mark.parametrize(("args", "message"), USAGE, ids=lambda a: " ".join(a)[:40])
def test_usage_errors_exit_2_with_one_line_on_stderr(
    inputs: Inputs, args: list[str], message: str
) -> None:
    argv = [a.format(v=inputs.vacancy, cv=inputs.cvs[0]) for a in args]
    done = cli(*argv)
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2, lines
    assert done.stdout == b""
    assert len(lines) == 1, lines
    assert lines[0].startswith("jobscreen: error:")
    assert message in lines[0]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown", "table"])
def test_stdout_holds_the_result_and_nothing_else(inputs: Inputs, fmt: str) -> None:
    done = cli("score", inputs.vacancy, *inputs.cvs, "-f", fmt)
    assert (done.returncode, done.stderr) == (0, b"")
    assert PARSERS[fmt](done.stdout.decode()) == RANKED


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_weight_that_would_overflow_the_score_is_an_error_not_a_crash(
    inputs: Inputs, fmt: str
) -> None:
    # two rules of weight 1e308 sum to infinity: the score was NaN, the table exited 3
    key, heavy = "    weight: ", "    weight: 1e308"
    text = VACANCY.replace("min_years: 2", f"min_years: 2\n{heavy}")
    text = text.replace("level: B2", f"level: B2\n{heavy}")
    path = inputs.directory / "heavy.yaml"
    path.write_text(text, encoding="utf-8")
    line, column = text.splitlines().index(heavy) + 1, len(key) + 1
    done = cli("score", str(path), *inputs.cvs, "-f", fmt)
    assert done.returncode == 1, done.stderr
    assert done.stdout == b""
    assert f"{path}:{line}:{column}: error: weight: " in done.stderr.decode()


def test_same_inputs_give_byte_identical_output(inputs: Inputs) -> None:
    args = ("score", inputs.vacancy, "-f", "json", "--as-of", "2023-06-30")
    first = cli(*args, *inputs.cvs)
    again = cli(*args, *inputs.cvs)
    reverse = cli(*args, *reversed(inputs.cvs))
    assert first.returncode == 0
    assert first.stdout == again.stdout
    # the run's record lists the inputs as given; the ranking does not depend on their order
    results = json.loads(first.stdout)["results"]
    assert json.loads(reverse.stdout)["results"] == results


def test_cvs_from_stdin_as_json_lines(inputs: Inputs) -> None:
    lines = [
        {"id": "x", "experience": [{"start": "2010-01", "end": "2019-12"}]},
        {"id": "y", "experience": []},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    done = cli("score", inputs.vacancy, "-", "-f", "json", stdin=stdin)
    data = json.loads(done.stdout)
    assert done.returncode == 0, done.stderr
    assert [(r["candidate"], r["eligible"]) for r in data["results"]] == [
        ("x", True),
        ("y", False),
    ]


def test_norwegian_code_no_stays_a_language_in_yaml(inputs: Inputs) -> None:
    vacancy = VACANCY.replace("language: en", "language: no")
    Path(inputs.vacancy).write_text(vacancy, encoding="utf-8")
    cv = inputs.directory / "nora.yaml"
    cv.write_text("id: nora\nlanguages:\n  - {language: no, level: B2}\n", encoding="utf-8")
    data = score_json(Inputs(inputs.vacancy, [str(cv)], inputs.bad, inputs.directory))
    lang = data["results"][0]["rules"][1]
    assert (lang["id"], lang["status"]) == ("lang", "met")
    assert lang["reason"].startswith("Norwegian")


# --- explain -------------------------------------------------------------------------------


def test_explain_json_gives_every_rule_with_reason_and_evidence(inputs: Inputs) -> None:
    code, out, err = invoke("explain", inputs.vacancy, inputs.cvs[2], "-f", "json")
    [result] = json.loads(out)["results"]
    assert code == 0, err
    assert result["candidate"] == "cat"
    assert [(r["id"], r["status"], r["credit"]) for r in result["rules"]] == [
        ("exp", "met", 1.0),
        ("lang", "partial", 0.75),  # B1 (3) of B2 (4)
        ("rev", "needs_review", 0.0),
    ]
    assert result["rules"][1]["evidence"] == [
        {"where": "language 1", "quote": "English: B1", "strength": "stated"}
    ]


def test_explain_refuses_a_directory_instead_of_explaining_one_of_its_cvs() -> None:
    code, out, err = invoke("explain", str(VACANCIES / "nato-asg-pasp.yaml"), str(CANDIDATES))
    assert (code, out) == (2, "")
    assert f"explain takes one CV file, and {CANDIDATES} is a directory" in err


def test_explain_refuses_a_file_of_many_cvs(tmp_path: Path) -> None:
    many = tmp_path / "two.jsonl"
    many.write_text('{"id": "a"}\n{"id": "b"}\n', encoding="utf-8")
    code, out, err = invoke("explain", str(VACANCIES / "nato-asg-pasp.yaml"), str(many))
    assert (code, out) == (2, "")
    assert f"explain takes one CV, and {many} holds 2" in err


def test_explain_markdown_has_a_row_per_rule(inputs: Inputs) -> None:
    code, out, _ = invoke("explain", inputs.vacancy, inputs.cvs[1], "-f", "markdown")
    rows = [line.split(" | ") for line in out.splitlines() if line.startswith("| ")]
    assert code == 0
    assert [row[0].lstrip("| ") for row in rows[1:]] == ["exp", "lang", "rev"]
    assert "1 of 2 years; post 1" in out


def test_explain_table_shows_reasons_and_evidence(inputs: Inputs) -> None:
    code, out, _ = invoke("explain", inputs.vacancy, inputs.cvs[0])
    assert code == 0
    for text in ("4 of 2 years; post 1", "post 1 (Officer", "English: C1", "references"):
        assert text in out


def test_explain_shows_people_ten_evidence_lines_a_rule_and_json_all(inputs: Inputs) -> None:
    # 10,000 posts took rich seconds to lay out, a line or more each, in every rule's cell:
    # people see the first ten and a count of the rest; JSON keeps every one
    posts = "".join(
        f"  - {{title: Officer {i}, start: {1960 + i}-01, end: {1960 + i}-06}}\n" for i in range(25)
    )
    cv = inputs.directory / "many.yaml"
    cv.write_text(f"id: many\nexperience:\n{posts}", encoding="utf-8")
    code, out, _ = invoke("explain", inputs.vacancy, str(cv), "-f", "json")
    [rule] = [r for r in json.loads(out)["results"][0]["rules"] if r["id"] == "exp"]
    assert code == 0
    assert [e["where"].split(" (")[0] for e in rule["evidence"]] == [
        f"post {i + 1}" for i in range(25)
    ]
    assert rule["reason"].endswith("; posts 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 15 more")
    for fmt in ("table", "markdown"):
        code, out, _ = invoke("explain", inputs.vacancy, str(cv), "-f", fmt)
        shown = re.findall(r"· post (\d+) \\?\(Officer", out)  # Markdown escapes "("
        assert code == 0
        assert shown == [str(i + 1) for i in range(10)], out
        assert re.search(r"… and 15 more posts \\?\(-f json lists them all", out), out


def test_explain_an_invalid_cv_exits_1(inputs: Inputs) -> None:
    done = cli("explain", inputs.vacancy, inputs.bad, "-f", "json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["results"] == []
    assert f"{inputs.bad}:3:12: error:" in done.stderr.decode()


# --- match ---------------------------------------------------------------------------------


@pytest.fixture
def harder(inputs: Inputs) -> str:
    """The same vacancy asking ten years: amy's four fall short."""
    path = inputs.directory / "harder.yaml"
    text = VACANCY.replace("id: cli-vacancy", "id: harder").replace("min_years: 2", "min_years: 10")
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_match_ranks_vacancies_for_one_candidate(inputs: Inputs, harder: str) -> None:
    code, out, err = invoke("match", inputs.cvs[0], harder, inputs.vacancy, "-f", "json")
    data = json.loads(out)
    assert code == 0, err
    assert data["candidate"] == "amy"
    # cli-vacancy: 100; harder: 4 of 10 years (0.4) and English (1): 100 * 1.4 / 2 = 70
    assert [
        (m["rank"], m["vacancy"]["id"], m["eligible"], m["score"]) for m in data["matches"]
    ] == [
        (1, "cli-vacancy", True, 100.0),
        (2, "harder", False, 70.0),
    ]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "markdown", "table"])
def test_match_formats_parse(inputs: Inputs, harder: str, fmt: str) -> None:
    code, out, _ = invoke("match", inputs.cvs[0], harder, inputs.vacancy, "-f", fmt)
    assert code == 0
    if fmt == "csv":
        ids = [row["vacancy"] for row in csv.DictReader(io.StringIO(out))]
    elif fmt == "jsonl":
        records, summary = jsonl_records(out)
        assert summary["screened"] == len(records)
        ids = [record["vacancy"]["id"] for record in records]
    else:
        ids = sorted(["cli-vacancy", "harder"], key=out.index)
    assert ids == ["cli-vacancy", "harder"]


def test_match_as_of_applies_to_every_vacancy(inputs: Inputs, harder: str) -> None:
    args = ("match", inputs.cvs[0], harder, inputs.vacancy, "-f", "json", "--as-of", "2021-01-01")
    code, out, _ = invoke(*args)
    data = json.loads(out)
    assert code == 0
    assert data["as_of"] == "2021-01-01"
    reasons = {m["vacancy"]["id"]: m["rules"][0]["reason"] for m in data["matches"]}
    # 2020-01-01 .. 2021-01-01: a year and a day, shown rounded down
    assert reasons == {"cli-vacancy": "1 of 2 years; post 1", "harder": "1 of 10 years; post 1"}


# --- the real JSON Resume sample against the bundled vacancies ------------------------------


def test_json_resume_sample_matches_every_bundled_vacancy_and_none_it_fails() -> None:
    paths = sorted(VACANCIES.glob("*.yaml"))
    done = cli("match", str(JSONRESUME_SAMPLE), *map(str, paths), "-f", "json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    matches = json.loads(done.stdout)["matches"]
    assert sorted(m["vacancy"]["id"] for m in matches) == sorted(p.stem for p in paths)
    for match in matches:
        mandatory = [r for r in match["rules"] if r["required"] and r["kind"] != "review"]
        if mandatory:
            assert not match["eligible"], match["vacancy"]["id"]
            assert match["unmet"], match["vacancy"]["id"]


def test_match_ranks_the_vacancies_it_can_read_and_names_the_others(
    inputs: Inputs, harder: str
) -> None:
    broken = inputs.directory / "broken.yaml"
    broken.write_text("id: broken\nbogus: 1\n", encoding="utf-8")
    binary = inputs.directory / "binary.yaml"
    binary.write_bytes(b"\x00\x01")
    args = ["match", inputs.cvs[0], harder, str(broken), inputs.vacancy, str(binary)]
    done = cli(*args, "-f", "json")
    err = done.stderr.decode()
    assert done.returncode == 1
    ids = [m["vacancy"]["id"] for m in json.loads(done.stdout)["matches"]]
    assert ids == ["cli-vacancy", "harder"]
    assert f"{broken}:2:1: error: unknown key 'bogus'" in err
    assert f"{binary}:1:1: error: binary file" in err
    assert "Traceback" not in err


def test_match_with_no_readable_vacancy_stops_with_no_output(inputs: Inputs) -> None:
    broken = inputs.directory / "broken.yaml"
    broken.write_text("id: broken\n", encoding="utf-8")
    done = cli("match", inputs.cvs[0], str(broken), "-f", "json")
    assert done.returncode == 1
    assert done.stdout == b""
    assert "no vacancy could be read; stopped" in done.stderr.decode()


def test_match_lists_an_empty_folder_and_ranks_the_other_vacancies(
    inputs: Inputs, harder: str
) -> None:
    empty = inputs.directory / "empty"
    empty.mkdir()
    done = cli("match", inputs.cvs[0], str(empty), harder, "-f", "json")
    assert done.returncode == 1
    assert f"{empty}:1:1: error: directory holds no data files" in done.stderr.decode()
    assert [m["vacancy"]["id"] for m in json.loads(done.stdout)["matches"]] == ["harder"]


def test_match_counts_every_problem_when_the_cv_is_bad_too(inputs: Inputs, harder: str) -> None:
    broken = inputs.directory / "broken.yaml"
    broken.write_text("id: broken\n", encoding="utf-8")
    done = cli("match", inputs.bad, str(broken), harder)
    err = done.stderr.decode()
    assert done.returncode == 1
    assert done.stdout == b""
    assert f"{inputs.bad}:3:12: error:" in err
    assert err.splitlines()[-1] == f"jobscreen: {len(err.splitlines()) - 1} problems; stopped"


@pytest.mark.parametrize("command", ["explain", "match"])
def test_commands_without_limit_options_name_none(
    inputs: Inputs, command: str, tmp_path: Path
) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("summary: " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    args = [inputs.vacancy, str(big)] if command == "explain" else [str(big), inputs.vacancy]
    done = cli(command, *args)
    err = done.stderr.decode()
    assert done.returncode == 1
    assert f"{big}:1:1: error: file is " in err
    assert "--max" not in err


def _exec_here(code: str) -> str:
    """Run Python code as `python -c` would from the repository, in-process; what it printed."""
    printed = io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(printed):
        exec(compile(code, "<README>", "exec"), {"__name__": "__main__"})
    return printed.getvalue()


@pytest.mark.parametrize("vacancy", sorted(p.name for p in VACANCIES.glob("*.yaml")))
def test_the_readme_library_example_runs_and_agrees_with_score(vacancy: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using the library", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert re.findall(r"^(?:from|import) (\S+)", code, re.MULTILINE) == ["datetime", "jobscreen"]
    code = code.replace("vacancies/un-aro-senior-pmo.yaml", f"vacancies/{vacancy}")
    printed = [line.split() for line in _exec_here(code).splitlines()]
    assert printed, "the example printed no ranked candidate"
    args = ["score", f"vacancies/{vacancy}", "examples/candidates/", "--as-of", "2026-06-30"]
    rows = list(csv.DictReader(io.StringIO(cli(*args, "-f", "csv").stdout.decode())))
    assert [(p[0], p[1], p[3]) for p in printed] == [
        (r["rank"], r["candidate"], r["score"]) for r in rows if r["rank"]
    ]


@pytest.mark.parametrize("option", ["--output", "--key-map"])
@pytest.mark.parametrize("name", ["amina.pdf", "cv.docx", "nested/old.doc"])
def test_an_output_naming_a_word_or_pdf_cv_in_a_scanned_folder_is_refused(
    inputs: Inputs, option: str, name: str
) -> None:
    """score reports the PDF and Word CVs it finds in a folder: they are its inputs, and
    --output must not replace them (it once wrote the CSV over amina.pdf)."""
    cv = inputs.directory / name
    cv.parent.mkdir(exist_ok=True)
    cv.write_bytes(b"%PDF-1.4 a CV\n")
    blind = ["--blind"] if option == "--key-map" else []
    args = [inputs.vacancy, str(inputs.directory), "-f", "csv", *blind, option, str(cv)]
    code, out, err = invoke("score", *args)
    assert code == 2, err
    assert f"{option} {str(cv)!r} is an input file" in err
    assert out == ""
    assert cv.read_bytes() == b"%PDF-1.4 a CV\n"


def test_explain_refuses_an_output_naming_its_pdf_cv(inputs: Inputs) -> None:
    cv = inputs.directory / "amina.pdf"
    cv.write_bytes(b"%PDF-1.4 a CV\n")
    code, _, err = invoke("explain", inputs.vacancy, str(cv), "-o", str(cv))
    assert code == 2, err
    assert cv.read_bytes() == b"%PDF-1.4 a CV\n"
