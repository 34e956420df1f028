"""Decision records: what JSON output carries, and `verify` catching every kind of change."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jobscreen.options import ScreenOptions
from jobscreen.record import read_record
from jobscreen.runs import screen_files
from tests.conftest import CANDIDATES, VACANCIES, invoke

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


def test_the_record_score_writes_is_the_model_verify_reads(batch: Path) -> None:
    """One model: the run's record (built as a RunRecord) reads back, through read_record,
    as the same RunRecord plus its digest."""
    options = ScreenOptions(as_of=dt.date(2026, 1, 1))
    with screen_files("vacancy.yaml", ["cvs"], options, dt.date(2026, 1, 1)) as run:
        written = run.screening.record
    read = read_record(str(batch / "rec.json")).record.record
    assert written is not None
    assert read.digest is not None
    assert read.model_copy(update={"digest": None}) == written


def test_verify_reproduces_an_untouched_record(batch: Path) -> None:
    code, out, _ = invoke("verify", "rec.json")
    assert code == 0
    assert "identical" in out


def test_verify_detects_an_edited_cv(batch: Path) -> None:
    cv = batch / "cvs" / "a.yaml"
    cv.write_text(cv.read_text(encoding="utf-8").replace("2010-01", "2012-01"), encoding="utf-8")
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert "results[a].sha256 (the CV changed): " in out
    assert "results[b]" not in out


def test_verify_detects_an_edited_vacancy(batch: Path) -> None:
    vacancy = batch / "vacancy.yaml"
    vacancy.write_text(
        vacancy.read_text(encoding="utf-8").replace("min_years: 10", "min_years: 20"),
        encoding="utf-8",
    )
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert "record.vacancy.sha256 (the vacancy file changed): " in out
    assert "results[a]." in out


def test_verify_detects_a_different_option(batch: Path) -> None:
    data = json.loads((batch / "rec.json").read_text(encoding="utf-8"))
    data["options"]["as_of"] = "2013-01-01"  # as if the run had used another --as-of
    (batch / "rec.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert 'as_of: "2026-01-01" → "2013-01-01"' in out


def test_verify_refuses_a_file_that_is_not_a_record(batch: Path) -> None:
    (batch / "other.json").write_text("[1, 2]", encoding="utf-8")
    code, _, err = invoke("verify", "other.json")
    assert code == 1
    assert "other.json:1:1: error: not a jobscreen decision record" in err


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

    from jobscreen import ScreenOptions, screen
    from jobscreen.sources import load_candidates, load_vacancy

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
    vacancy = load_vacancy(vacancy_path)
    items = list(load_candidates([str(folder)]))
    blind = screen(vacancy, items, ScreenOptions(dt.date(2026, 1, 1), blind=True))
    seen = screen(vacancy, items, ScreenOptions(dt.date(2026, 1, 1)))
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


# --- real records, edited: every malformed one a located error, every edit a difference ---

ARO = VACANCIES / "un-aro-senior-pmo.yaml"
LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.+)$")

Edit = Callable[[str], str]


@pytest.fixture(scope="module")
def example_record(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The text of a real record: score -f json of the bundled examples."""
    path = tmp_path_factory.mktemp("record") / "rec.json"
    args = ["-f", "json", "--as-of", "2026-06-30", "-o", str(path)]
    code, _, err = invoke("score", str(ARO), str(CANDIDATES), *args)
    assert code == 0, err
    return path.read_text(encoding="utf-8")


def on_data(change: Callable[[dict[str, Any]], object]) -> Edit:
    """An edit of a record's data, written back as JSON."""

    def edit(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data, indent=2)

    return edit


def once(old: str, new: str) -> Edit:
    """An edit of a record's text: the first ``old`` becomes ``new``."""
    return lambda text: text.replace(old, new, 1)


def an_error(**fields: object) -> dict[str, object]:
    return {"source": "cvs/x.yaml", "line": 3, "column": 1, "message": "m", **fields}


DEEP = "[" * 100_000 + "]" * 100_000
AN_OBJECT = "options: expected an object (a mapping of keys)"
TOP_TEXT = "options.top: expected an integer"
# What a record's reader should never be shown: pydantic's wording, Python's class names
PYTHON_WORDS = re.compile(
    r"instance of|valid dictionary|input should be a valid|type=|\b\w+(Out|Ref|Record|Options)\b"
)

MALFORMED: list[tuple[str, Edit, str, str | None]] = [
    # (case, edit, what the message says, what the line it points at holds)
    ("big-integer", once('"rank": 1,', '"rank": 1' + "0" * 4400 + ","), "4300 digits", '"rank"'),
    ("deep-nesting", once('"errors": []', f'"errors": {DEEP}'), "deeper than", '"errors"'),
    ("score-nan", once('"score": 73.9', '"score": NaN'), "NaN is not a JSON number", "NaN"),
    ("score-infinity", once('"score": 73.9', '"score": -Infinity'), "Infinity is not", "Inf"),
    ("score-10**400", on_data(lambda d: d["results"][0].update(score=10**400)), "score", "score"),
    ("score-over-100", on_data(lambda d: d["results"][0].update(score=100.5)), "100", "score"),
    (
        "nul-in-cwd",
        on_data(lambda d: d["record"].update(cwd=d["record"]["cwd"] + "\0")),
        "cwd: a file name cannot hold a NUL character",
        '"cwd"',
    ),
    (
        "nul-in-source",
        on_data(lambda d: d["results"][0].update(source="cvs/a\0.yaml")),
        "source: a file name cannot hold a NUL character",
        '"source"',
    ),
    (
        "nul-in-vacancy-path",
        on_data(lambda d: d["record"]["vacancy"].update(path="v\0.yaml")),
        "path: a file name cannot hold a NUL character",
        '"path"',
    ),
    (
        "nul-in-an-input",
        on_data(lambda d: d["record"].update(inputs=["cvs\0"])),
        "a file name cannot hold a NUL character",
        "cvs",
    ),
    (
        "error-lines-of-mixed-types",
        on_data(lambda d: d.update(errors=[an_error(), an_error(line="x")])),
        "errors[1].line: expected an integer",
        '"line": "x"',
    ),
    (
        "source-a-number",
        on_data(lambda d: d["results"][0].update(source=7)),
        "results[0].source: expected a string",
        '"source": 7',
    ),
    (
        "error-source-a-list",
        on_data(lambda d: d.update(errors=[an_error(source=["a"])])),
        "errors[0].source: expected a string",
        '"source"',
    ),
    ("options-null", on_data(lambda d: d.update(options=None)), AN_OBJECT, '"options": null'),
    ("options-a-list", on_data(lambda d: d.update(options=[])), AN_OBJECT, '"options": []'),
    (
        "inputs-a-string",
        on_data(lambda d: d["record"].update(inputs="examples/candidates/")),
        "record.inputs: expected a list",
        '"inputs"',
    ),
    ("results-null", on_data(lambda d: d.update(results=None)), "results: ", '"results": null'),
    ("errors-text", on_data(lambda d: d.update(errors="x")), "errors: ", '"errors": "x"'),
    (
        "no-candidate",
        on_data(lambda d: d["results"][0].pop("candidate")),
        "missing required key 'results[0].candidate'",
        None,
    ),
    (
        "unknown-key",
        on_data(lambda d: d["results"][0].update(extra=1)),
        "unknown key 'results[0].extra'",
        '"extra"',
    ),
    ("top-text", on_data(lambda d: d["options"].update(top="x")), TOP_TEXT, '"top"'),
    ("top-negative", on_data(lambda d: d["options"].update(top=-1)), "top: ", '"top"'),
    (
        "limit-text",
        on_data(lambda d: d["options"]["limits"].update(max_bytes="big")),
        "options.limits.max_bytes: expected an integer",
        '"max_bytes"',
    ),
    (
        "limit-huge",
        on_data(lambda d: d["options"]["limits"].update(max_bytes=10**30)),
        "max_bytes: ",
        '"max_bytes"',
    ),
    (
        "as-of-forging-a-line",
        on_data(lambda d: d.update(as_of="X\nfake line")),
        "as_of: not a date YYYY-MM-DD",
        '"as_of"',
    ),
    (
        "eligibility-unknown",
        on_data(lambda d: d["results"][0].update(eligibility="maybe")),
        "eligibility: ",
        '"eligibility"',
    ),
    (
        "digest-not-a-hash",
        on_data(lambda d: d["record"].update(digest="x")),
        "digest: ",
        '"digest"',
    ),
    ("a-list", lambda _: "[1, 2]", "not a jobscreen decision record", None),
    ("empty", lambda _: " \n", "empty file", None),
]


@pytest.mark.parametrize("command", ["verify", "audit"])
@pytest.mark.parametrize(
    ("edit", "message", "holds"),
    [pytest.param(*case[1:], id=case[0]) for case in MALFORMED],
)
def test_a_malformed_record_is_a_located_error(
    example_record: str,
    tmp_path: Path,
    command: str,
    edit: Edit,
    message: str,
    holds: str | None,
) -> None:
    record = tmp_path / "rec.json"
    text = edit(example_record)
    record.write_text(text, encoding="utf-8")
    (tmp_path / "g.csv").write_text("candidate,group\n", encoding="utf-8")
    extra = ["--groups", str(tmp_path / "g.csv")] if command == "audit" else []
    code, out, err = invoke(command, str(record), *extra)
    assert code == 1, err
    assert out == ""
    first, *rest = err.splitlines()
    found = LOCATED.match(first)
    assert found, err
    assert found["path"] == str(record)
    assert message in found["message"], err
    assert not PYTHON_WORDS.search(err), err  # no class name, no pydantic phrase
    if holds is not None:
        assert holds in text.splitlines()[int(found["line"]) - 1], first
    assert rest[-1].startswith("jobscreen: "), err
    assert all(LOCATED.match(line) for line in rest[:-1]), err
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", err)  # one line each, no escapes


def _verify(record: Path, text: str) -> tuple[int, str]:
    record.write_text(text, encoding="utf-8")
    code, out, err = invoke("verify", str(record))
    assert err == ""
    return code, out


def signed(text: str) -> str:
    """A record whose digest is made to match its (edited) content, as a forger would."""
    from jobscreen.results import content_digest

    data = json.loads(text)
    data["record"]["digest"] = content_digest(data)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _swap_names(data: dict[str, Any]) -> None:
    first, second = data["results"][0], data["results"][1]
    first["name"], second["name"] = second["name"], first["name"]


def _first_ineligible(data: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in data["results"] if not r["eligible"])


def _say_eligible(data: dict[str, Any]) -> None:
    _first_ineligible(data).update(eligibility="yes", unmet=[])


def _fake_entry_first(data: dict[str, Any]) -> None:
    """A faked entry at the top, and the true one moved after all the others."""
    true = _first_ineligible(data)
    fake = {**true, "score": 99.9, "eligible": True, "eligibility": "yes", "unmet": []}
    data["results"] = [fake, *(r for r in data["results"] if r is not true), true]


EDITED: list[tuple[str, Callable[[dict[str, Any]], None], list[str]]] = [
    # (case, edit, what verify's report must name; {a} and {b}: the first two candidates,
    # {x}: the first ineligible one)
    ("names-swapped", _swap_names, ["results[{a}].name: ", "results[{b}].name: "]),
    ("said-eligible", _say_eligible, ['results[{x}].eligibility: "yes" → "no"', "unmet[0]"]),
    (
        "another-source",
        lambda d: d["results"][0].update(source="elsewhere/cv.yaml"),
        ["results[{a}].source: "],
    ),
    (
        "another-vacancy",
        lambda d: d["vacancy"].update(id="other-post", title="Other post"),
        ['vacancy.id: "other-post" → "un-aro-senior-pmo"', 'vacancy.title: "Other post" → '],
    ),
    (
        "faked-entry-first",
        _fake_entry_first,
        [
            "results[{x}]: the candidate is listed 2 times",
            "results[{x}].score: 99.9 → ",
            "results[{x}].eligible: true → false",
        ],
    ),
    ("another-version", lambda d: d.update(jobscreen_version="9.9"), ["jobscreen_version ("]),
    ("as-of-given", lambda d: d["options"].update(as_of_given=False), []),  # describes the run
]


@pytest.mark.parametrize(
    ("change", "named"), [pytest.param(*case[1:], id=case[0]) for case in EDITED]
)
def test_verify_names_every_edited_field(
    example_record: str,
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    named: list[str],
) -> None:
    data = json.loads(example_record)
    ids = {"a": data["results"][0]["candidate"], "b": data["results"][1]["candidate"]}
    ids["x"] = _first_ineligible(data)["candidate"]
    change(data)
    code, out = _verify(tmp_path / "rec.json", signed(json.dumps(data)))
    assert "edited after it was written" not in out  # only the comparison can see these
    for each in named:
        assert each.format(**ids) in out, out
    assert code == (1 if named else 0), out


def test_verify_says_first_that_a_record_was_edited(example_record: str, tmp_path: Path) -> None:
    data = json.loads(example_record)
    _swap_names(data)
    code, out = _verify(tmp_path / "rec.json", json.dumps(data))
    assert code == 1
    assert out.splitlines()[1] == (
        "  the record was edited after it was written (record.digest does not match)"
    )


def test_a_record_without_a_digest_still_verifies_with_a_note(
    example_record: str, tmp_path: Path
) -> None:
    data = json.loads(example_record)
    del data["record"]["digest"]
    code, out = _verify(tmp_path / "rec.json", json.dumps(data))
    assert code == 0, out
    assert "identical" in out
    assert "  note: no digest: written by an older jobscreen" in out.splitlines()


def test_a_record_reformatted_keeps_its_digest(example_record: str, tmp_path: Path) -> None:
    data = json.loads(example_record)
    code, out = _verify(tmp_path / "rec.json", json.dumps(data, separators=(",", ":")))
    assert code == 0, out


def test_verify_lists_the_first_20_differences_then_a_count(
    example_record: str, tmp_path: Path
) -> None:
    data = json.loads(example_record)
    for result in data["results"]:
        result["score"] = 0.0
    code, out = _verify(tmp_path / "rec.json", signed(json.dumps(data)))
    changed = sum(1 for r in json.loads(example_record)["results"] if r["score"] != 0.0)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].endswith(f": {changed} differences")
    assert len(lines) == 1 + 20 + 1
    assert lines[-1] == f"  and {changed - 20} more"


def test_verify_shows_a_records_control_characters_as_codes(
    example_record: str, tmp_path: Path
) -> None:
    data = json.loads(example_record)
    data["jobscreen_version"] = "\x1b]0;owned\x07"  # OSC: sets the window title
    data["results"][0]["candidate"] = "\x1b[2Jwiped"  # clears the screen
    data["results"][1]["name"] = "X\nfake line"
    data["results"][2]["candidate"] = "a\x9bb"  # a C1 control: CSI on its own
    code, out = _verify(tmp_path / "rec\x1b[1m.json", signed(json.dumps(data)))
    assert code == 1
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out)
    assert all(line.startswith(("  ", str(tmp_path))) for line in out.splitlines())
    assert "rec\\x1b[1m.json: " in out
    assert "jobscreen_version (another jobscreen version): " in out
    assert "results[\\x1b[2Jwiped]: " in out
    assert "results[a\\x9bb]: " in out


def test_score_json_is_byte_identical_run_to_run(tmp_path: Path) -> None:
    outputs = []
    for name in ("one.json", "two.json"):
        args = ["-f", "json", "--as-of", "2026-06-30", "-o", str(tmp_path / name)]
        assert invoke("score", str(ARO), str(CANDIDATES), *args)[0] == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["record"]["digest"]) == 64


def test_the_digest_is_that_of_the_records_content(example_record: str) -> None:
    from jobscreen.results import content_digest

    data = json.loads(example_record)
    assert data["record"]["digest"] == content_digest(data)
    assert list(data["record"]) == ["vacancy", "vocabulary", "inputs", "cwd", "digest"]


def test_verify_names_a_changed_vocabulary_as_the_cause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_record: str
) -> None:
    from jobscreen.results import content_digest

    data = json.loads(example_record)
    data["record"]["vocabulary"]["sha256"] = "0" * 64  # as if written with another thesaurus
    data["record"]["digest"] = content_digest(data)
    record = tmp_path / "record.json"
    record.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = invoke("verify", str(record))
    assert code == 1, out
    assert "record.vocabulary.sha256" in out
    assert "the vocabulary changed" in out


@pytest.mark.parametrize(
    "args",
    [
        [str(VACANCIES / "nato-asg-pasp.yaml"), str(CANDIDATES)],  # rules nested in groups
        [str(ARO), str(CANDIDATES), "--blind"],
        [str(ARO), str(CANDIDATES), "--top", "3"],
        [str(ARO), str(CANDIDATES / "daniel-okafor.yaml"), "bad.yaml", "missing.yaml"],
    ],
    ids=["nested", "blind", "top", "with-errors"],
)
def test_verify_reproduces_records_of_every_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("education: 3\n", encoding="utf-8")
    code, _, err = invoke("score", *args, "-f", "json", "--as-of", "2026-06-30", "-o", "r.json")
    assert code in (0, 1), err
    code, out, err = invoke("verify", "r.json")
    assert (code, err) == (0, ""), out
    assert out == "r.json: identical: every result reproduced\n"


def test_a_record_broken_throughout_is_reported_by_its_first_problems(
    example_record: str, tmp_path: Path
) -> None:
    data = json.loads(example_record)
    for result in data["results"]:
        result["score"] = "high"
    (tmp_path / "rec.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    code, _, err = invoke("verify", str(tmp_path / "rec.json"))
    lines = err.splitlines()
    assert code == 1
    assert len(lines) == 20 + 2
    assert all(LOCATED.match(line) for line in lines[:20])
    assert (
        lines[20]
        == f"{tmp_path / 'rec.json'}: error: and {len(data['results']) - 20} more problems"
    )
