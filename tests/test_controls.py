"""Control characters never survive validation, whichever way a file writes them.

Every text of every model is checked (one search each), whatever the source text looks like;
these tests write the characters raw and through every JSON and YAML escape, and through
whatever the JSON and YAML writers produce.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jobscreen.limits import DEFAULT_LIMITS
from jobscreen.loading import documents_from_text
from jobscreen.report.markdown import md
from jobscreen.sources import Candidate, to_candidate
from tests.conftest import cli

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# bidirectional controls and zero-width characters: they reorder or hide text
INVISIBLE = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
INVISIBLE += "\u2060\u2066\u2067\u2068\u2069\ufeff"
UNSAFE = re.compile(f"{CONTROL.pattern[:-1]}{INVISIBLE}]")
TODAY = dt.date(2026, 1, 1)


def _texts(candidate: Candidate) -> list[str]:
    profile = candidate.profile
    found = [*profile.competencies, profile.summary or "", candidate.identity.name or ""]
    for post in profile.experience:
        found += [post.title or "", post.description or "", *post.domains]
    return found


def _load(text: str, kind: str) -> Candidate:
    [doc] = documents_from_text(text, f"cv.{kind}", kind, DEFAULT_LIMITS)
    candidate = to_candidate(doc, TODAY)
    assert isinstance(candidate, Candidate), candidate
    return candidate


YAML_ESCAPES = ["\\e", "\\x1b", "\\u001b", "\\U0000001b", "\\0", "\\a", "\\b", "\\v", "\\f"]
YAML_ESCAPES += ["\\r", "\\N", "\\x85", "\\x9b"]
JSON_ESCAPES = ["\\u001b", "\\u001B", "\\b", "\\f", "\\r", "\\u0000", "\\u007f", "\\u0085"]


@pytest.mark.parametrize("escape", YAML_ESCAPES)
def test_yaml_escapes_are_cleaned(escape: str) -> None:
    text = f'name: "a{escape}b"\ncompetencies: ["x{escape}y"]\nsummary: "s{escape}t"\n'
    candidate = _load(text, "yaml")
    assert not any(CONTROL.search(t) for t in _texts(candidate))
    assert list(candidate.profile.competencies) == ["xy"]


@pytest.mark.parametrize("escape", JSON_ESCAPES)
def test_json_escapes_are_cleaned(escape: str) -> None:
    text = f'{{"name": "a{escape}b", "competencies": ["x{escape}y"]}}'
    candidate = _load(text, "json")
    assert list(candidate.profile.competencies) == ["xy"]


def test_text_without_escapes_or_controls_is_left_alone() -> None:
    text = 'name: "Zoë \\"Z\\" Ng"\ncompetencies: ["a\\tb", "line\\nbreak"]\n'
    assert list(_load(text, "yaml").profile.competencies) == ["a\tb", "line\nbreak"]


ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)


@given(ANY_TEXT, st.booleans())
def test_no_writer_output_slips_a_control_past_validation(value: str, ascii_only: bool) -> None:
    data = {"summary": value, "name": value, "competencies": [value]}
    for text, kind in (
        (json.dumps(data, ensure_ascii=ascii_only), "json"),
        (yaml.safe_dump(data, allow_unicode=not ascii_only), "yaml"),
    ):
        [doc] = documents_from_text(text, f"cv.{kind}", kind, DEFAULT_LIMITS)
        loaded = to_candidate(doc, TODAY)
        assert isinstance(loaded, Candidate), loaded
        assert not any(UNSAFE.search(t) for t in _texts(loaded)), text


# --- characters that reorder or hide text, and line breaks in one-line fields ---------------


@pytest.mark.parametrize("char", INVISIBLE)
@pytest.mark.parametrize("kind", ["yaml", "json"])
@pytest.mark.parametrize("escaped", [True, False])
def test_bidi_and_zero_width_characters_are_dropped(char: str, kind: str, escaped: bool) -> None:
    written = f"\\u{ord(char):04x}" if escaped else char
    text = (
        f'{{"id": "a{written}b", "name": "N{written}", "competencies": ["x{written}y"]}}'
        if kind == "json"
        else f'id: "a{written}b"\nname: "N{written}"\ncompetencies: ["x{written}y"]\n'
    )
    candidate = _load(text, kind)
    assert (candidate.key, candidate.identity.name) == ("ab", "N")
    assert list(candidate.profile.competencies) == ["xy"]


ONE_LINE_CV = """\
id: "i\\nj"
name: |
  A
  B
experience:
  - title: "a\\n\\n  b"
    organisation: "o\\u2028p\\tq   r "
    description: "d\\ne"
    start: 2010
"""


def test_one_line_fields_hold_no_line_break_and_free_text_keeps_its_own() -> None:
    candidate = _load(ONE_LINE_CV, "yaml")
    post = candidate.profile.experience[0]
    assert (candidate.key, candidate.identity.name) == ("i j", "A B")
    assert (post.title, post.organisation) == ("a b", "o p q r")
    assert post.description == "d\ne"  # a description is free text: its lines are kept


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_a_file_name_shows_bidi_and_zero_width_characters_as_codes(
    tmp_path: Path, fmt: str
) -> None:
    (tmp_path / "lay\u202eyaml.exe\u200b.yaml").write_text("id: [\n", encoding="utf-8")
    done = cli("validate", "--kind", "cv", "-f", fmt, str(tmp_path))
    out = done.stdout.decode()
    assert done.returncode == 1
    assert not UNSAFE.search(out), repr(out)
    assert "lay\\u202eyaml.exe\\u200b.yaml" in out


# --- text UTF-8 cannot write: lone surrogates ----------------------------------------------

VACANCY = "vacancies/ccm-isu-director.yaml"


def test_a_lone_surrogate_in_a_cv_becomes_the_replacement_character() -> None:
    text = '{"id": "x\\ud800y", "name": "A\\udfffB", "competencies": ["p\\ud83dq"]}'
    candidate = _load(text, "json")
    assert candidate.key == "x\ufffdy"
    assert candidate.identity.name == "A\ufffdB"
    assert list(candidate.profile.competencies) == ["p\ufffdq"]


def test_lone_surrogates_never_fail_a_batch(tmp_path: Path) -> None:
    cv = tmp_path / "cvs.jsonl"
    cv.write_text('{"id": "a\\ud800"}\n{"id": "b"}\n', encoding="utf-8")
    for fmt in ("jsonl", "json", "csv", "table"):
        done = cli("score", VACANCY, str(cv), "-f", fmt, "-j", "1")
        assert (done.returncode, done.stderr) == (0, b""), fmt
        assert "a\ufffd" in done.stdout.decode("utf-8"), fmt


def test_a_file_name_that_is_not_utf8_is_written_escaped_and_found_again(tmp_path: Path) -> None:
    folder = tmp_path / "cvs"
    folder.mkdir()
    name = os.fsdecode(b"x\xff.yaml")  # the undecodable byte is kept as a lone surrogate
    (folder / name).write_text("id: x\n", encoding="utf-8")
    for fmt in ("jsonl", "json", "csv", "markdown", "table", "html"):
        done = cli("score", VACANCY, str(folder), "-f", fmt, "-j", "1")
        assert (done.returncode, done.stderr) == (0, b""), fmt
    done = cli("score", VACANCY, str(folder), "-f", "json")
    source = json.loads(done.stdout)["results"][0]["source"]
    assert b'x\\udcff.yaml"' in done.stdout  # written as JSON's own escape
    assert Path(source) == folder / name  # read back, the same file: a script can open it


def test_an_id_from_a_name_that_is_not_utf8_is_shown_as_written(tmp_path: Path) -> None:
    # the id is the stem as the terminal shows it, so a table measures what it prints
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / os.fsdecode(b"x\xff.yaml")).write_text("summary: s\n", encoding="utf-8")
    done = cli("score", VACANCY, str(folder), "-f", "json", "-j", "1")
    assert json.loads(done.stdout)["results"][0]["candidate"] == "x\\udcff"
    table = cli("score", VACANCY, str(folder), "-j", "1").stdout.decode("utf-8")
    rows = [line for line in table.splitlines() if line.startswith(("┃", "│", "┏", "└"))]
    assert len({len(line) for line in rows}) == 1, table


# --- control characters in file names --------------------------------------------------

NAMES = {"newline": "nl\nx", "escape": "esc\x1b[31mred", "tab": "t\tb", "c1": "c1\x9bx"}
VACANCY = str(Path(__file__).parent.parent / "vacancies" / "un-aro-senior-pmo.yaml")


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    """A folder of CVs whose names hold control characters: broken ones and good ones."""
    for stem in NAMES.values():
        (tmp_path / f"{stem}.yaml").write_text("id: [\n", encoding="utf-8")  # a syntax error
        (tmp_path / f"{stem}-good.yaml").write_text("competencies: [Drafting]\n", "utf-8")
    return tmp_path


def _no_raw_controls(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), repr(text)


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_validate_shows_each_odd_name_on_one_line_as_codes(odd_names: Path, fmt: str) -> None:
    done = cli("validate", "--kind", "cv", "-f", fmt, str(odd_names))
    out = done.stdout.decode()
    assert done.returncode == 1
    _no_raw_controls(out)
    for stem in NAMES.values():
        shown = re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", stem)
        if fmt == "text":
            line = f"{odd_names}/{shown}.yaml:2:1: error: YAML syntax error"
            assert any(row.startswith(line) for row in out.splitlines())
        else:
            assert f"{shown}.yaml" in out
    if fmt == "junit":  # XML 1.0 holds no control character, even escaped
        cases = ElementTree.fromstring(out).iter("testcase")
        assert {case.attrib["name"] for case in cases} >= {f"{odd_names}/nl\\x0ax.yaml"}


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_score_shows_odd_names_and_ids_from_them_as_codes(odd_names: Path, fmt: str) -> None:
    done = cli("score", VACANCY, str(odd_names), "-f", fmt, "--as-of", "2026-06-30")
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1
    _no_raw_controls(out)
    _no_raw_controls(err)
    assert len(err.splitlines()) == len(NAMES)  # one error line a broken file
    shown = "esc\\x1b[31mred-good"  # the id taken from the file name
    assert (md(shown) if fmt == "markdown" else shown) in out  # as Markdown shows it literally


def test_machine_formats_keep_the_name_itself(odd_names: Path) -> None:
    # JSON escapes the characters and CSV quotes them: a script reads back the file's name
    done = cli("score", VACANCY, str(odd_names), "-f", "jsonl", "--as-of", "2026-06-30")
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    sources = {r["source"] for r in records if r.get("error")}
    assert sources == {f"{odd_names}/{stem}.yaml" for stem in NAMES.values()}
    assert all(Path(source).is_file() for source in sources)
    done = cli("score", VACANCY, str(odd_names), "-f", "csv", "--as-of", "2026-06-30")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode(), newline="")))
    scored = {row["source"] for row in rows if row["rank"]}
    assert scored == {f"{odd_names}/{stem}-good.yaml" for stem in NAMES.values()}
