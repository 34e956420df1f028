"""`jobscreen validate`: the bundled files, and each deliberately broken vacancy."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.conftest import DATA, EXAMPLES, VACANCIES, cli, invoke

INVALID = DATA / "invalid-vacancies"
EXPECTED = (INVALID / "expected.txt").read_text(encoding="utf-8").splitlines()


def expected_for(path: Path) -> list[str]:
    return [line for line in EXPECTED if line.startswith(f"{path.name}:")]


def test_bundled_vacancies_and_examples_are_valid() -> None:
    code, out, _ = invoke("validate", str(VACANCIES), str(EXAMPLES))
    assert code == 0, out
    assert "files valid" in out.splitlines()[-1], out


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yaml")), ids=lambda p: p.stem)
def test_broken_vacancy_gets_exact_location_and_message(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    code, out, _ = invoke("validate", path.name)
    lines = out.splitlines()
    assert code == 1, out
    assert lines[:-1] == expected_for(path), out
    assert "problem" in lines[-1]


def test_every_broken_file_has_an_expectation() -> None:
    names = {line.split(":", 1)[0] for line in EXPECTED}
    assert names == {p.name for p in INVALID.glob("*.yaml")}


def test_exit_codes_and_streams_in_a_real_process() -> None:
    good = cli("validate", "vacancies/")
    assert good.returncode == 0
    assert good.stderr == b""
    bad = cli("validate", str(INVALID / "zero-weight.yaml"))
    assert bad.returncode == 1
    message = b"zero-weight.yaml:8:13: error: weight: input should be greater than or equal to"
    assert message in bad.stdout
    usage = cli("validate", "--format", "yaml", "vacancies/")
    assert usage.returncode == 2
    assert b"--format must be one of" in usage.stderr


def test_json_format_lists_every_file() -> None:
    code, out, _ = invoke("validate", "--format", "json", str(INVALID / "unknown-rule-key.yaml"))
    data = json.loads(out)
    assert code == 1
    assert data["valid"] is False
    messages = [e["message"] for e in data["files"][0]["errors"]]
    assert messages == ["missing required key 'min_years'", "unknown key 'min_year'"]


def test_github_format_escapes_and_repeats_text_report() -> None:
    code, out, _ = invoke("validate", "--format", "github", str(INVALID / "unknown-kind.yaml"))
    first = out.splitlines()[0]
    assert code == 1
    assert first.startswith("::error file=")
    assert ",line=5,col=5," in first
    assert "%2C" not in first.split("::")[2]  # commas in the message are not escaped
    assert any(": error: unknown kind 'skill'" in line for line in out.splitlines()[1:])


def test_stdin_is_read_with_dash() -> None:
    text = (VACANCIES / "un-aro-senior-pmo.yaml").read_text(encoding="utf-8")
    code, out, _ = invoke("validate", "-", stdin=text)
    assert code == 0, out
    code, out, _ = invoke("validate", "-", stdin="id: [\n")
    assert code == 1
    assert out.startswith("<stdin>:")


def test_directory_without_data_files_is_an_error(tmp_path: Path) -> None:
    code, out, _ = invoke("validate", str(tmp_path))
    assert code == 1
    assert "directory holds no data files" in out


def test_missing_file_is_an_error_not_a_crash() -> None:
    code, out, _ = invoke("validate", "no/such/file.yaml")
    assert code == 1
    assert "no/such/file.yaml:1:1: error: no such file" in out


def test_json_resume_errors_name_and_place_the_files_own_keys(tmp_path: Path) -> None:
    cv = tmp_path / "x.resume.json"
    cv.write_text(
        '{"basics": {"name": "X"},\n "work": [{"name": "A", "startDate": "2019-13-01"}]}',
        encoding="utf-8",
    )
    code, out, _ = invoke("validate", str(cv))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{cv}:2:38: error: startDate: '2019-13-01' is not a valid date (month must be in 1..12)"
    )


def test_json_lines_are_validated_record_by_record(tmp_path: Path) -> None:
    cv = tmp_path / "batch.jsonl"
    record = '{"id": "b", "languages": [{"language": "English", "level": true}]}'
    cv.write_text('{"id": "a"}\n' + record + "\n", "utf-8")
    code, out, _ = invoke("validate", str(cv))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{cv}:2:60: error: level: a level is a CEFR level")


def test_json_lines_bytes_are_checked_record_by_record(tmp_path: Path) -> None:
    cv = tmp_path / "batch.jsonl"
    cv.write_bytes(b'{"id": "a"}\n{"id": "b\xff"}\n{"id": "c"}\n{"id": "d\xfe"}\n')
    code, out, _ = invoke("validate", str(cv))
    assert code == 1
    assert out.splitlines() == [
        f"{cv}:2:10: error: invalid UTF-8 (byte 0xff): save the file as UTF-8",
        f"{cv}:4:10: error: invalid UTF-8 (byte 0xfe): save the file as UTF-8",
        "2 problems in 1 of 1 files",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cv.pdf", ".pdf files are not read: validate reads YAML and JSON files"),
        ("cv.DOCX", ".docx files are not read: validate reads YAML and JSON files"),
        ("cv.txt", "plain-text CVs are not validated: `jobscreen extract` shows what is read"),
        ("cv.md", "plain-text CVs are not validated: `jobscreen extract` shows what is read"),
    ],
)
def test_validate_says_which_files_it_does_not_read(
    name: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text("id: looks-like-yaml\n", encoding="utf-8")  # the content is not the point
    code, out, _ = invoke("validate", str(path))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:1:1: error: {message}")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cv.doc", ".doc files are not read"),  # the old binary Word format
        ("cv.pdf", "not a PDF file (no %PDF header)"),  # a text file misnamed .pdf
    ],
)
def test_extract_refuses_what_score_refuses(name: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text("Jane Doe\nMA in Law, 2001\n", encoding="utf-8")
    done = cli("extract", str(path))
    assert done.returncode == 1
    assert done.stdout == b""
    assert f"{path}:1:1: error: {message}".encode() in done.stderr
    code, out, err = invoke("score", str(VACANCIES / "un-aro-senior-pmo.yaml"), str(path))
    assert code != 0
    assert message in " ".join((out + err).split())


# --- numbers: finite and bounded, so that no score can overflow ------------------------------

NUMBERS = """\
id: numbers
title: Numbers
organisation: jobscreen tests
requirements:
  - id: edu
    kind: education
    required: true
    text: A Master's, or a Bachelor's and two more years.
    min_level: master
    in_lieu: [{level: bachelor, extra_years: 2, experience: exp}]
  - {id: exp, kind: experience, required: true, text: Five years., weight: 1, min_years: 5}
"""
DEFAULTS = {"weight": "1", "min_years": "5", "extra_years": "2"}


def with_number(tmp_path: Path, key: str, value: str) -> tuple[Path, str]:
    """NUMBERS with one number replaced, written out; and where the value stands (line:col)."""
    text = NUMBERS.replace(f"{key}: {DEFAULTS[key]}", f"{key}: {value}")
    path = tmp_path / "numbers.yaml"
    path.write_text(text, encoding="utf-8")
    line, found = next(
        (n, row) for n, row in enumerate(text.splitlines(), 1) if f"{key}: {value}" in row
    )
    return path, f"{line}:{found.index(f'{key}: {value}') + len(key) + 3}"


def first_error_is(path: Path, where_and_message: str) -> None:
    """validate fails on the file, and its first line starts 'path:line:col: error: ...'."""
    code, out, _ = invoke("validate", str(path))
    assert code == 1, out
    assert out.splitlines()[0].startswith(f"{path}:{where_and_message}"), out


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("weight", "1e308"),  # three of them made the score NaN, the table crash
        ("weight", "1000.5"),
        ("weight", "5e-324"),  # weight x credit would underflow to 0: a rule counted as absent
        ("weight", "inf"),
        ("weight", "nan"),
        ("min_years", "1e400"),  # read as infinity: "3.8 of inf years"
        ("min_years", "100.5"),
        ("min_years", "nan"),
        ("extra_years", "1e400"),
        ("extra_years", "101"),
    ],
)
def test_a_number_not_finite_or_out_of_bounds_is_an_error_at_its_value(
    tmp_path: Path, key: str, value: str
) -> None:
    path, where = with_number(tmp_path, key, value)
    first_error_is(path, f"{where}: error: {key}: ")


@pytest.mark.parametrize(
    ("key", "value"), [("weight", "1000"), ("weight", "0.001"), ("min_years", "98")]
)
def test_numbers_at_their_bounds_are_valid(tmp_path: Path, key: str, value: str) -> None:
    path, _ = with_number(tmp_path, key, value)  # 98 + 2 in lieu: a minimum of 100 years
    code, out, _ = invoke("validate", str(path))
    assert code == 0, out


@pytest.mark.parametrize("text", ['""', '"   "'])
def test_a_review_rule_with_blank_text_is_an_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "blank.yaml"
    rule = f"  - {{id: rev, kind: review, required: true, text: {text}}}"
    path.write_text(f"id: v\ntitle: T\norganisation: O\nrequirements:\n{rule}\n", "utf-8")
    code, out, _ = invoke("validate", str(path))
    assert code == 1, out
    assert out.splitlines()[0] == (
        f"{path}:5:5: error: a review rule needs the notice's text: it is all a reviewer sees"
    )


# --- phrases: each needs a word, or the engine drops it and an empty list accepts anything --

PHRASES = """\
id: phrases
title: Phrases
organisation: jobscreen tests
requirements:
  - id: edu
    kind: education
    required: true
    min_level: bachelor
    fields:
      - law
  - id: exp
    kind: experience
    required: true
    min_years: 1
    domains:
      - human rights
  - id: comp
    kind: competency
    required: false
    name: Teamwork
    evidence:
      - works collaboratively
"""
FIRST_PHRASE = {"fields": "law", "domains": "human rights", "evidence": "works collaboratively"}


def with_phrase(tmp_path: Path, key: str, phrase: str) -> tuple[Path, str]:
    """PHRASES with a second item in one list, written out; and where that item stands."""
    first = f"      - {FIRST_PHRASE[key]}\n"
    added = f"      - {phrase}\n"
    text = PHRASES.replace(f"    {key}:\n{first}", f"    {key}:\n{first}{added}")
    path = tmp_path / "phrases.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(added.rstrip("\n")) + 1
    return path, f"{line}:{added.index('-') + 3}"


@pytest.mark.parametrize("key", sorted(FIRST_PHRASE))
@pytest.mark.parametrize("phrase", ['""', '"   "', '"!!!"', '"—"', '"__"'])
def test_a_phrase_without_a_letter_or_digit_is_an_error_at_its_item(
    tmp_path: Path, key: str, phrase: str
) -> None:
    path, where = with_phrase(tmp_path, key, phrase)
    first_error_is(path, f"{where}: error: {key}: phrase ")


@pytest.mark.parametrize("phrase", ["M&E", "法律", "ESG 2030", "Ελληνικά"])
def test_a_phrase_with_a_letter_or_digit_in_any_script_is_valid(
    tmp_path: Path, phrase: str
) -> None:
    path, _ = with_phrase(tmp_path, "domains", phrase)
    code, out, _ = invoke("validate", str(path))
    assert code == 0, out


def test_a_competency_name_without_a_letter_or_digit_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "name.yaml"
    text = PHRASES.replace("name: Teamwork", 'name: "..."')
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('    name: "..."') + 1
    code, out, _ = invoke("validate", str(path))
    assert code == 1, out
    assert out.splitlines()[0].startswith(f"{path}:{line}:11: error: name: phrase '...'"), out


def test_a_vacancy_file_ending_in_a_document_marker_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_text((VACANCIES / "un-aro-senior-pmo.yaml").read_text() + "---\n", "utf-8")
    code, out, _ = invoke("validate", str(path))
    assert code == 0, out
    path.write_text((VACANCIES / "un-aro-senior-pmo.yaml").read_text() + "---\nid: x\n", "utf-8")
    code, out, _ = invoke("validate", str(path))
    assert code == 1
    assert "a vacancy file holds one document, found 2" in out


def test_junit_shows_what_xml_cannot_hold_as_codes(tmp_path: Path) -> None:
    # U+FFFE, U+FFFF, C0 controls and lone surrogates (a name's undecodable bytes) are not
    # XML 1.0 characters, not even as references: a report holding one would not parse
    stems = {"bad\uffff": "bad\\uffff", "bad\ufffe": "bad\\ufffe", "bad\x01": "bad\\x01"}
    stems[os.fsdecode(b"bad\xff")] = "bad\\udcff"
    for stem in stems:
        (tmp_path / f"{stem}.yaml").write_text("id: [\n", encoding="utf-8")
    (tmp_path / "message.json").write_text(
        '{"experience": [{"start": "2010-13\\uffff"}]}', encoding="utf-8"
    )
    done = cli("validate", "--kind", "cv", "-f", "junit", str(tmp_path))
    assert done.returncode == 1
    root = ElementTree.fromstring(done.stdout)
    names = {case.attrib["name"] for case in root.iter("testcase")}
    shown = {f"{tmp_path}/{code}.yaml" for code in stems.values()}
    assert names == {*shown, f"{tmp_path}/message.json"}
    messages = {failure.attrib["message"] for failure in root.iter("failure")}
    assert "start: '2010-13\\uffff' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" in messages


def _numeric_fields() -> set[str]:
    """Every int or float field of the CV and vacancy models (bool apart)."""
    import typing

    import jobscreen.cv
    import jobscreen.vacancy
    from jobscreen.model import Model

    def numeric(annotation: Any) -> bool:
        if annotation in (int, float):
            return True
        return any(numeric(arg) for arg in typing.get_args(annotation))

    found = set()
    for module in (jobscreen.cv, jobscreen.vacancy):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Model):
                found |= {n for n, f in value.model_fields.items() if numeric(f.annotation)}
    return found


def _flagged(field: str) -> tuple[str, str, dict[str, Any]]:
    """A document ('cv' or 'vacancy') that is valid but for ``field``, which is true."""
    if field in ("year", "level"):
        cv: dict[str, Any] = {
            "education": [{"degree": "MA", "year": 2001}],
            "languages": [{"language": "English", "level": "C1"}],
        }
        cv["education" if field == "year" else "languages"][0][field] = True
        return "cv.json", "cv", cv
    rules: list[dict[str, Any]] = [
        {"id": "edu", "kind": "education", "required": True, "min_level": "master",
         "in_lieu": [{"level": "bachelor", "extra_years": 2, "experience": "exp"}]},
        {"id": "exp", "kind": "experience", "required": True, "min_years": 5, "weight": 2},
        {"id": "grp", "kind": "at_least", "required": False, "n": 1,
         "rules": [{"id": "c", "kind": "competency", "name": "budget planning"}]},
    ]  # fmt: skip
    target = {"weight": rules[1], "min_years": rules[1], "n": rules[2]}.get(field)
    if target is None:  # extra_years
        target = rules[0]["in_lieu"][0]
    target[field] = True
    return "vacancy.json", "vacancy", {"id": "v", "title": "T", "organisation": "O",
                                       "requirements": rules}  # fmt: skip


def test_every_numeric_field_has_a_case() -> None:
    assert _numeric_fields() == {"year", "level", "weight", "min_years", "extra_years", "n"}


@pytest.mark.parametrize("field", sorted(_numeric_fields()))
def test_true_or_false_in_a_numeric_field_is_an_error_at_its_value(
    tmp_path: Path, field: str
) -> None:
    """JSON's true was read as the number 1 (pydantic's lax mode): weight 1, n 1, year 1."""
    name, kind, data = _flagged(field)
    path = tmp_path / name
    text = json.dumps(data, indent=1)
    path.write_text(text, encoding="utf-8")
    line, row = next((n, r) for n, r in enumerate(text.splitlines(), 1) if f'"{field}": true' in r)
    column = row.index(f'"{field}": true') + len(field) + 5
    code, out, _ = invoke("validate", "--kind", kind, str(path))
    assert code == 1, out
    assert out.splitlines()[0].startswith(f"{path}:{line}:{column}: error: {field}: "), out
    assert "true or false" in out.splitlines()[0]
    path.write_text(text.replace(f'"{field}": true', f'"{field}": false'), encoding="utf-8")
    assert invoke("validate", "--kind", kind, str(path))[0] == 1


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_closing_date_out_of_range_is_an_error_not_a_crash(tmp_path: Path, day: str) -> None:
    """closing_date 9999-12-31 was valid, and then every CV scored against it was an internal
    error (no day after it to count experience to)."""
    path = tmp_path / "far.yaml"
    text = (VACANCIES / "un-aro-senior-pmo.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("\norganisation:", f"\nclosing_date: {day}\norganisation:", 1))
    line = path.read_text(encoding="utf-8").splitlines().index(f"closing_date: {day}") + 1
    first_error_is(path, f"{line}:15: error: closing_date: {day} is out of range (1900-2100)")
    code, _, err = invoke("score", str(path), str(EXAMPLES / "candidates" / "daniel-okafor.yaml"))
    assert code == 1
    assert (
        err.splitlines()[0]
        == f"{path}:{line}:15: error: closing_date: {day} is out of range (1900-2100)"
    )
