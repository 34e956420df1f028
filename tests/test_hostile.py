"""Hostile and broken CV files: one located line each, and a batch that loses nothing.

The corpus is tests/data/hostile-cvs/ (one file per case) plus the cases that cannot be
committed (an unreadable file, a broken symbolic link, a directory without CVs, a file over
the size limit, a list over the length limit), made in tmp_path. expected.txt holds the exact
line `jobscreen validate --kind cv` prints for each bad case; valid cases have no line.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

import jobscreen.api
import jobscreen.batch
import jobscreen.errors
import jobscreen.sources
import jobscreen.yamlsafe
from jobscreen.cli import main
from jobscreen.errors import INTERNAL, InputError
from jobscreen.inputs import NOT_REGULAR
from jobscreen.loading import read_bytes
from jobscreen.report.jsonfmt import JsonLinesReporter
from jobscreen.sources import Candidate, load_candidates, load_cv
from jobscreen.yamlsafe import Limits, parse_yaml
from tests.conftest import (
    CANDIDATES,
    DATA,
    ROOT,
    VACANCIES,
    cli,
    invoke,
    jsonl_records,
    run_or_fail_on_hang,
)

HOSTILE = DATA / "hostile-cvs"
EXPECTED = (HOSTILE / "expected.txt").read_text(encoding="utf-8").splitlines()
VACANCY = str(VACANCIES / "un-aro-senior-pmo.yaml")
AS_OF = "2026-06-30"
MAX_BYTES = 2 * 1024 * 1024

GENERATED = ("broken-symlink.yaml", "no-cvs", "oversized.yaml", "too-many-posts.yaml")
UNREADABLE = "unreadable.yaml"
COMMITTED = tuple(sorted(p.name for p in HOSTILE.iterdir() if p.name != "expected.txt"))
CASES = tuple(sorted((*COMMITTED, *GENERATED, UNREADABLE)))
VALID = frozenset(
    {
        "bom.yaml",
        "forged-lines.yaml",
        "jsonresume-odd-keywords.json",
        "norwegian-no.yaml",
        "several-documents.yaml",
        "unknown-language.yaml",  # a name no table knows is kept, never refuses a CV
        "unknown-level.yaml",
        "yaml11-traps.yaml",
    }
)
# Candidates the valid hostile files (and the good parts of bad ones) must yield in a batch.
VALID_KEYS = {
    "0777",
    "bom",
    "forgedlines",
    "jsonl-good-1",
    "jsonl-good-2",
    "jsonresume-odd-keywords",
    "norwegian-no",
    "one-bad-first",
    "several-a",
    "several-b",
    "unknown-language",
    "unknown-level",
}
VALIDATE_BUGS: dict[str, str] = {}

GOOD = {
    "good-amina.yaml": """\
id: good-amina
name: Amina Diallo
education:
  - {degree: LLM, field: Law, institution: University of Ghana, year: 2008}
experience:
  - title: Programme Manager, Anti-Racism and Human Rights
    organisation: UN Office of the High Commissioner for Human Rights
    start: 2010-01
    end: 2017-12
    managerial: true
    domains: [programme management, racial discrimination, human rights]
    description: Led a team of six on racial discrimination programmes; advocacy and partnerships.
  - title: Chief, Anti-Racism Programme Coordination
    organisation: UN Secretariat
    start: 2018-01
    end: present
    managerial: true
    domains: [programme coordination, anti-racism]
    description: Change management and accountability framework for racial equity; communication.
languages:
  - {language: English, level: C2}
  - {language: French, level: B2}
competencies: [Teamwork, Leadership, Communication]
""",
    "good-bruno.yaml": """\
id: good-bruno
name: Bruno Costa
education:
  - {degree: MA, field: Sociology, year: 2011}
experience:
  - title: Human Rights Officer
    organisation: Council of Europe
    start: 2012-06
    end: 2019-05
    domains: [human rights, racism]
    description: Monitoring of racism and racial discrimination; policy analysis.
  - title: Head of Section, Anti-Racism Policy
    organisation: European Commission
    start: 2019-06
    managerial: true
    domains: [policy development, anti-racism]
languages:
  - {language: English, level: fluent}
  - {language: Spanish, level: B1}
""",
    "good-chen.json": """\
{"id": "good-chen", "name": "Chen Wei",
 "education": [{"degree": "MSc", "field": "Psychology", "year": 2015}],
 "experience": [{"title": "Project Manager", "organisation": "UNDP", "start": "2015-09",
                 "end": "2021-08", "domains": ["project management"], "managerial": true}],
 "languages": [{"language": "English", "level": "C1"}, {"language": "Chinese", "level": "C2"}],
 "competencies": ["Problem solving"]}
""",
}


def expected(name: str) -> list[str]:
    """The exact lines for one case; the future-date message names today's date."""
    today = dt.date.today().isoformat()
    return [line.replace("{today}", today) for line in EXPECTED if line.startswith(f"{name}:")]


def materialise(name: str, directory: Path) -> Path:
    """Put one case into ``directory``: a copy of a committed file, or made on the spot."""
    target = directory / name
    if name in COMMITTED:
        shutil.copyfile(HOSTILE / name, target)
    elif name == "broken-symlink.yaml":
        target.symlink_to(directory / "nowhere.yaml")
    elif name == "no-cvs":
        target.mkdir()
        (target / "photo.png").write_bytes((HOSTILE / "binary.yaml").read_bytes())
    elif name == "oversized.yaml":
        head = "id: oversized\nsummary: "
        target.write_text(head + "x" * (MAX_BYTES + 1 - len(head)), encoding="utf-8")
    elif name == "too-many-posts.yaml":
        posts = "".join(f"  - {{title: Post {i}, start: 2010}}\n" for i in range(10_001))
        target.write_text(f"id: too-many-posts\nexperience:\n{posts}", encoding="utf-8")
    else:  # unreadable: a valid CV that the guard below refuses to open
        target.write_text(GOOD["good-bruno.yaml"], encoding="utf-8")
    return target


@pytest.fixture
def deny_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening unreadable.yaml fails as chmod 000 would (tests run as root, who may read it)."""
    real_open = Path.open

    def guarded(self: Path, *args: Any, **kwargs: Any) -> Any:
        mode = args[0] if args else kwargs.get("mode", "r")
        if self.name == UNREADABLE and "r" in mode:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)


def test_every_case_has_an_expectation_or_is_valid() -> None:
    named = {line.split(":", 1)[0] for line in EXPECTED}
    assert named.isdisjoint(VALID)
    assert named | VALID == set(CASES)
    assert all(len(expected(name)) == 1 for name in named)


def _case(name: str) -> Any:
    if name in VALIDATE_BUGS:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=VALIDATE_BUGS[name]))
    return name


@pytest.mark.usefixtures("deny_unreadable")
@pytest.mark.parametrize("name", [_case(name) for name in CASES])
def test_validate_reports_each_hostile_file_on_one_located_line(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    materialise(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("validate", "--kind", "cv", name)
    lines = out.splitlines()
    if name in VALID:
        assert (code, lines) == (0, ["1 file valid"]), out
        return
    assert code == 1, out
    assert lines == [*expected(name), "1 problem in 1 of 1 files"]


def _loaded(name: str) -> list[Candidate]:
    found = list(load_candidates([str(HOSTILE / name)]))
    assert all(isinstance(c, Candidate) for c in found), found
    return [c for c in found if isinstance(c, Candidate)]


def test_valid_hostile_files_mean_what_they_say() -> None:
    """No YAML 1.1 surprises: 'no' is Norwegian, 0777 and 3.10 stay as written."""
    languages = load_cv(HOSTILE / "norwegian-no.yaml").profile.languages
    assert [(e.language, e.level) for e in languages] == [("Norwegian", "C2"), ("English", "on")]
    traps = load_cv(HOSTILE / "yaml11-traps.yaml")
    assert traps.key == "0777"
    assert traps.profile.summary == "3.10"
    assert traps.profile.competencies == ["yes", "no", "on", "off", "1_000", "0x1F", ".inf"]
    assert traps.profile.experience[0].managerial is True  # the model reads 'yes' as a flag
    assert load_cv(HOSTILE / "bom.yaml").key == "bom"  # the BOM is not part of the first key
    assert [c.key for c in _loaded("several-documents.yaml")] == ["several-a", "several-b"]
    odd = load_cv(HOSTILE / "jsonresume-odd-keywords.json")
    # keywords of 5 and true hold no words; one written as text is read as a list of one
    assert odd.profile.competencies == [
        "Negotiation",
        "Mediation",
        "conflict resolution",
        "Drafting",
    ]
    assert load_cv(HOSTILE / "unknown-level.yaml").profile.languages[0].level == "can order coffee"


@pytest.mark.parametrize("command", ["validate", "score"])
def test_a_python_tag_runs_nothing(command: str, tmp_path: Path) -> None:
    """yaml-tag.yaml asks for os.system('touch pwned'): refused, and no file appears."""
    materialise("yaml-tag.yaml", tmp_path)
    args = ["--kind", "cv"] if command == "validate" else [VACANCY, "--jobs", "1"]
    proc = cli(command, *args, "yaml-tag.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert b"YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in (
        proc.stdout + proc.stderr
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["yaml-tag.yaml"]


# --- forged-lines.yaml: text that passes for another candidate's, or carries markup ---------

FORGED = HOSTILE / "forged-lines.yaml"
FORGED_NAME = "Nobody Special daniel-okafor (extracted from text) Daniel Okafor (daniel-okafor)"
# What the CV's line breaks would have put on lines of their own: another candidate's id line,
# the marker of an extracted CV, another candidate's explain header, an evidence line
FORGED_LINES = ("daniel-okafor", "(extracted from text)", "Daniel Okafor (", "· language 2")
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
HUMAN = [("score", "table"), ("score", "markdown"), ("explain", "table"), ("explain", "markdown")]
MACHINE = [("score", "csv"), ("score", "json"), ("score", "jsonl"), ("explain", "json")]


def _forged(command: str, fmt: str) -> str:
    code, out, err = invoke(command, VACANCY, str(FORGED), "-f", fmt, "--as-of", AS_OF)
    assert (code, err) == (0, ""), err
    assert not INVISIBLE.search(out), repr(out)
    return out


def _cells(out: str) -> list[str]:
    """Each line of each table cell, and each line outside tables, as a person reads it."""
    return [cell.strip(" #") for line in out.splitlines() for cell in re.split("[│┃|]", line)]


@pytest.mark.parametrize(("command", "fmt"), HUMAN)
def test_no_field_of_a_cv_makes_a_line_of_its_own(command: str, fmt: str) -> None:
    cells = _cells(_forged(command, fmt))
    forged = [c for c in cells if c.startswith(FORGED_LINES)]
    assert forged == [], forged
    assert any(c.startswith("Nobody Special daniel-okafor") for c in cells)


def test_markdown_shows_a_cvs_html_images_and_links_as_text() -> None:
    for command in ("score", "explain"):
        out = _forged(command, "markdown")
        assert not re.search(r"<img|<script|!\[|\]\(", out), out
        html = MarkdownIt("commonmark").enable("table").render(out)
        assert not re.search(r"<img|<script|<a ", html), html
        assert f"{FORGED_NAME} (forgedlines)" in html
        if command == "explain":  # shown as text, and the pipe is no cell's end
            assert "Manager &lt;img src=x onerror=alert(1)&gt; ![t](https://evil" in html
            assert "Evil | Org &lt;script&gt;" in html


def test_a_vacancy_title_is_one_escaped_line_in_every_heading(tmp_path: Path) -> None:
    title = "Senior Officer\\n## Daniel Okafor (daniel-okafor): yes <img src=x> ![t](https://e.x/p)"
    text = (VACANCIES / "un-aro-senior-pmo.yaml").read_text(encoding="utf-8")
    vacancy = tmp_path / "vacancy.yaml"
    vacancy.write_text(re.sub(r"(?m)^title: .*$", f'title: "{title}"', text), encoding="utf-8")
    for command in ("score", "explain"):
        code, out, err = invoke(command, str(vacancy), str(FORGED), "-f", "markdown")
        assert (code, err) == (0, ""), err
        assert not [line for line in out.splitlines() if line.startswith("## Daniel")], out
        html = MarkdownIt("commonmark").enable("table").render(out)
        assert not re.search(r"<img|<a ", html), html
        assert "Senior Officer ## Daniel Okafor (daniel-okafor): yes &lt;img src=x&gt;" in html


@pytest.mark.parametrize("command", ["score", "explain"])
def test_a_narrow_table_never_wraps_a_name_onto_a_line_of_its_own(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")  # the name is longer: wrapped, a part would be a line
    cells = _cells(_forged(command, "table"))
    forged = [c for c in cells if c.startswith(FORGED_LINES)]
    assert forged == [], forged
    # the name on one line, cut: at 60 columns the id (folded, whole) and the rule ids take
    # the room first
    assert any(c.startswith("Nobody") and c.endswith("…") for c in cells), cells


@pytest.mark.parametrize(("command", "fmt"), MACHINE)
def test_machine_formats_keep_the_text_on_one_line(command: str, fmt: str) -> None:
    out = _forged(command, fmt)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert [r["name"] for r in rows] == [FORGED_NAME]
        assert len(out.splitlines()) == 2  # the header and one record: no quoted line break
        return
    records = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else None
    result = records[0] if records else json.loads(out)["results"][0]
    assert (result["candidate"], result["name"]) == ("forgedlines", FORGED_NAME)
    where = next(
        e["where"] for r in result["rules"] for e in r["evidence"] if "post 1" in e["where"]
    )
    assert "<img src=x onerror=alert(1)>" in where  # JSON keeps the text itself, as data


def _two_vacancies(directory: Path) -> Path:
    path = directory / "two.yaml"
    first = (VACANCIES / "un-aro-senior-pmo.yaml").read_text(encoding="utf-8")
    second = (VACANCIES / "nato-asg-pasp.yaml").read_text(encoding="utf-8")
    path.write_text(f"{first}---\n{second}", encoding="utf-8")
    return path


def test_several_documents_in_a_vacancy_file_stop_the_score(tmp_path: Path) -> None:
    """Several CVs in a file are a batch; several vacancies in one are an error."""
    vacancy = _two_vacancies(tmp_path)
    cv = tmp_path / "good-bruno.yaml"
    cv.write_text(GOOD["good-bruno.yaml"], encoding="utf-8")
    proc = cli("score", str(vacancy), str(cv), "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert proc.stderr.decode().splitlines() == [
        f"{vacancy}:1:1: error: a vacancy file holds one YAML document, found 2",
        "jobscreen: 1 problem; stopped",
    ]


def test_several_documents_in_a_vacancy_file_are_one_validate_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_vacancies(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("validate", "two.yaml")
    assert code == 1
    assert out.splitlines() == [
        "two.yaml:1:1: error: a vacancy file holds one document, found 2",
        "1 problem in 1 of 1 files",
    ]


# --- one batch: bad files are listed, good results are unchanged -------------------------------


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deny_unreadable: None) -> Path:
    """tmp_path/cvs with every case and the good CVs; the current directory is tmp_path."""
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    for name in CASES:
        materialise(name, cvs)
    for name, text in GOOD.items():
        (cvs / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return cvs


def score_json(*inputs: str, jobs: int = 1) -> tuple[int, str, dict[str, Any]]:
    args = ["--as-of", AS_OF, "-f", "json", "--jobs", str(jobs)]
    code, out, _ = invoke("score", VACANCY, *inputs, *args)
    return code, out, json.loads(out)


def error_line(error: dict[str, Any]) -> str:
    name = Path(error["source"]).name
    return f"{name}:{error['line']}:{error['column']}: error: {error['message']}"


BAD = [name for name in CASES if name not in VALID and name != "no-cvs"]


@pytest.mark.usefixtures("corpus")
def test_bad_files_never_change_or_drop_the_good_results() -> None:
    good = [f"cvs/{name}" for name in GOOD]
    alone_code, _, alone = score_json(*good)
    code, _, batch = score_json("cvs", "cvs/no-cvs")
    assert alone_code == 0
    assert code == 1
    assert [r["candidate"] for r in alone["results"]] == ["good-amina", "good-bruno", "good-chen"]
    assert batch["results"][:3] == alone["results"]  # whole dicts: rank, score, rules, evidence
    assert {r["candidate"] for r in batch["results"][3:]} == VALID_KEYS
    file_errors = [e for e in batch["errors"] if Path(e["source"]).name != "no-cvs"]
    assert [error_line(e) for e in file_errors] == [line for n in BAD for line in expected(n)]
    assert batch["errors"][-1]["source"] == "cvs/no-cvs"
    assert batch["errors"][-1]["message"] == "directory holds no data files"


@pytest.mark.usefixtures("corpus")
def test_a_directory_without_cvs_is_located_in_the_batch_errors() -> None:
    _, _, batch = score_json("cvs/no-cvs", "cvs/good-amina.yaml")
    assert [error_line(e) for e in batch["errors"]] == expected("no-cvs")


def test_serial_and_parallel_batches_are_byte_identical(
    corpus: Path, parallel_spy: list[int]
) -> None:
    copies = corpus.parent / "copies"
    copies.mkdir()
    for i in range(jobscreen.batch.PARALLEL_FROM + 6):
        text = GOOD["good-amina.yaml"].replace("id: good-amina", f"id: copy-{i:03d}")
        (copies / f"copy-{i:03d}.yaml").write_text(text, encoding="utf-8")
    serial_code, serial, data = score_json("cvs", "cvs/no-cvs", "copies", jobs=1)
    assert parallel_spy == []
    parallel_code, parallel, _ = score_json("cvs", "cvs/no-cvs", "copies", jobs=2)
    assert parallel_spy == [2]
    assert (serial_code, parallel_code) == (1, 1)
    assert parallel == serial
    assert len(data["results"]) == len(GOOD) + len(VALID_KEYS) + jobscreen.batch.PARALLEL_FROM + 6
    assert len(data["errors"]) == len(BAD) + 1


# --- bombs in a real process ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["billion-laughs.yaml", "deep-nesting.yaml"])
def test_bombs_are_refused_without_a_crash(name: str) -> None:
    """Exit 1 with the message, from validate and from score."""
    checked = cli("validate", "--kind", "cv", name, cwd=HOSTILE)
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.decode().splitlines()[:-1] == expected(name)
    scored = cli("score", VACANCY, name, "--as-of", AS_OF, "-f", "json", "--jobs", "1", cwd=HOSTILE)
    assert scored.returncode == 1, scored.stderr
    assert [error_line(e) for e in json.loads(scored.stdout)["errors"]] == expected(name)


def test_deep_nesting_is_refused_by_the_pure_python_parser_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jobscreen.yamlsafe, "_Loader", yaml.SafeLoader)
    text = (HOSTILE / "deep-nesting.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError) as info:
        parse_yaml(text, "deep-nesting.yaml")
    assert (
        f"{info.value}" == "deep-nesting.yaml:2:78: nesting deeper than 64 levels (see --max-depth)"
    )


def test_a_raised_depth_limit_keeps_memory_linear_in_depth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Paths are built only for error positions: 5,000 levels once cost 100 MB (quadratic in
    depth), now little. Doubling the depth must no more than about double the peak; a
    quadratic cost would quadruple it. (The pure-Python parser: libyaml 0.2.6 refuses more
    than 1,000 levels of its own accord. Kept to 1,000 levels: the pure parser's time is
    itself quadratic in depth, and a memory property needs no more.)"""
    monkeypatch.setattr(jobscreen.yamlsafe, "_Loader", yaml.SafeLoader)

    def peak(depth: int) -> int:
        text = "[" * depth + "]" * depth
        tracemalloc.start()
        try:
            parse_yaml(text, "deep.yaml", Limits(max_depth=10_000))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(500), peak(1_000)
    assert large < 2.5 * small
    assert large < 4 * 1024 * 1024


# --- --output, head, Ctrl-C ----------------------------------------------------------------


def _fail_half_way(failure: type[BaseException]) -> Callable[[JsonLinesReporter, Any], None]:
    def screening(self: JsonLinesReporter, _: Any) -> None:
        self.out.write('{"candidate": "good-amina", "rank": 1, "sco')
        raise failure("stopped half-way")

    return screening


@pytest.mark.parametrize(("failure", "code"), [(KeyboardInterrupt, 130), (RuntimeError, 3)])
def test_a_failed_run_leaves_the_previous_output_intact(
    failure: type[BaseException], code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cv = tmp_path / "good-amina.yaml"
    cv.write_text(GOOD["good-amina.yaml"], encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "results.jsonl"
    target.write_text("previous results\n", encoding="utf-8")
    monkeypatch.setattr(JsonLinesReporter, "screening", _fail_half_way(failure))
    args = ["score", VACANCY, str(cv), "-f", "jsonl", "--as-of", AS_OF, "--jobs", "1"]
    with pytest.raises(SystemExit) as info:
        main([*args, "--output", str(target)])
    assert info.value.code == code
    assert target.read_text(encoding="utf-8") == "previous results\n"
    assert [p.name for p in out_dir.iterdir()] == ["results.jsonl"]  # no temporary file left


def test_a_successful_run_replaces_the_output_whole(tmp_path: Path) -> None:
    cv = tmp_path / "good-amina.yaml"
    cv.write_text(GOOD["good-amina.yaml"], encoding="utf-8")
    target = tmp_path / "results.jsonl"
    target.write_text("previous results\n", encoding="utf-8")
    args = ["score", VACANCY, str(cv), "-f", "jsonl", "--as-of", AS_OF, "--jobs", "1"]
    code, _, _ = invoke(*args, "--output", str(target))
    records, _ = jsonl_records(target.read_text(encoding="utf-8"))
    assert code == 0
    assert [record["candidate"] for record in records] == ["good-amina"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good-amina.yaml", "results.jsonl"]


def _popen(*args: str, stdin: int | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "jobscreen", *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.process
def test_piping_into_head_ends_quietly(tmp_path: Path) -> None:
    """Process: a reader that closes the pipe (`| head -1`) is EPIPE on a real file
    descriptor, and the flush at the interpreter's exit must not fail."""
    for i in range(200):
        post = f"{{title: Programme Manager, start: 20{i % 20:02d}-01, managerial: true}}"
        (tmp_path / f"cv-{i:03d}.yaml").write_text(
            f"id: cv-{i:03d}\nexperience:\n  - {post}\n", encoding="utf-8"
        )
    proc = _popen("score", VACANCY, str(tmp_path), "-f", "jsonl", "--as-of", AS_OF)
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = json.loads(proc.stdout.readline())
    proc.stdout.close()  # as `head -1` does once it has its line
    err = proc.stderr.read()
    proc.stderr.close()
    code = proc.wait(timeout=120)
    assert first["rank"] == 1
    assert err == b""  # no BrokenPipeError, no Traceback
    assert code == 0, code  # the reader had what it wanted: not a failure (pipefail-safe)


@pytest.mark.parametrize(
    "args",
    [
        ["score", VACANCY, str(CANDIDATES)],
        ["explain", VACANCY, str(CANDIDATES / "daniel-okafor.yaml")],
        ["explain", VACANCY, str(CANDIDATES / "daniel-okafor.yaml"), "-f", "markdown"],
        ["match", str(CANDIDATES / "daniel-okafor.yaml"), str(VACANCIES)],
    ],
    ids=["score-table", "explain-table", "explain-markdown", "match-table"],
)
@pytest.mark.process
def test_a_reader_gone_before_any_output_is_not_a_failure(args: list[str]) -> None:
    """Process: a broken pipe on a real stdout, for each writer (rich's own console exits 1
    on one); every format must end as JSON does."""
    proc = _popen(*args, "--as-of", AS_OF)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first write: EPIPE for certain
    err = proc.stderr.read()
    proc.stderr.close()
    assert err == b""
    assert proc.wait(timeout=120) == 0


def _wait_until_reading_stdin(proc: subprocess.Popen[bytes]) -> None:
    """Until the process blocks reading its stdin pipe (Linux), else a generous pause."""
    wchan = Path(f"/proc/{proc.pid}/wchan")
    if not wchan.exists():
        time.sleep(2)
        return
    deadline = time.monotonic() + 60
    while "pipe" not in wchan.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture(scope="module")
def interrupted() -> tuple[int, bytes]:
    """One real process interrupted while it reads stdin: its exit code and stderr. (The
    two tests below read the same run.)"""
    proc = _popen("score", VACANCY, "-", stdin=subprocess.PIPE)
    try:
        _wait_until_reading_stdin(proc)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, err


@pytest.mark.process
def test_ctrl_c_exits_130(interrupted: tuple[int, bytes]) -> None:
    """Process: SIGINT is delivered by the OS to a running process."""
    code, err = interrupted
    assert code == 130
    assert b"Traceback" not in err


@pytest.mark.process
def test_ctrl_c_says_interrupted_on_one_line(interrupted: tuple[int, bytes]) -> None:
    """Process: SIGINT is delivered by the OS to a running process."""
    code, err = interrupted
    assert (code, err.decode()) == (130, "jobscreen: interrupted\n")


# --- every limit option changes the outcome ------------------------------------------------

SMALL_CV = {
    "id": "small",
    "languages": [{"language": "French", "level": {"read": "C1", "speak": "B2"}}],
    "competencies": ["Teamwork", "Drafting", "Negotiation"],
}
LIMIT_CASES = [
    ("--max-bytes", "100", "file is {size} bytes, over the 100-byte limit (see --max-bytes)"),
    ("--max-depth", "3", "nesting deeper than 3 levels (see --max-depth)"),
    ("--max-nodes", "10", "document expands to more than 10 values"),
    ("--max-items", "2", "list longer than 2 items (see --max-items)"),
]


def _small_cv(directory: Path, suffix: str) -> Path:
    path = directory / f"small{suffix}"
    text = json.dumps(SMALL_CV) if suffix == ".json" else yaml.safe_dump(SMALL_CV)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize(("option", "value", "message"), LIMIT_CASES)
def test_each_limit_option_rejects_a_file_the_default_accepts(
    option: str, value: str, message: str, suffix: str, tmp_path: Path
) -> None:
    path = _small_cv(tmp_path, suffix)
    wanted = message.format(size=path.stat().st_size)
    assert invoke("validate", "--kind", "cv", str(path))[0] == 0
    code, out, _ = invoke("validate", "--kind", "cv", option, value, str(path))
    assert code == 1
    assert wanted in out.splitlines()[0]
    code, out, _ = invoke("score", VACANCY, str(path), option, value, "-f", "json", "--jobs", "1")
    assert code == 1
    assert json.loads(out)["errors"][0]["message"].startswith(wanted)


@pytest.mark.parametrize(
    ("name", "option", "value"),
    [
        ("oversized.yaml", "--max-bytes", str(MAX_BYTES + 1)),
        ("too-many-posts.yaml", "--max-items", "10001"),
        ("deep-nesting.json", "--max-depth", "128"),
    ],
)
def test_raising_a_limit_lets_a_refused_file_through(
    name: str, option: str, value: str, tmp_path: Path
) -> None:
    path = materialise(name, tmp_path)
    assert invoke("validate", "--kind", "cv", str(path))[0] == 1
    code, out, _ = invoke("validate", "--kind", "cv", option, value, str(path))
    if name == "deep-nesting.json":  # read now, so the model says what is wrong with it
        assert out.splitlines()[0].endswith(
            ":1:46: error: competencies: input should be a valid string"
        )
        return
    assert (code, out.splitlines()) == (0, ["1 file valid"])


@pytest.mark.process
def test_a_full_disk_is_a_one_line_error_not_a_crash() -> None:
    """Process: stdout is the device /dev/full, so the error comes from the real stream's
    flush, at the end of the run."""
    with Path("/dev/full").open("wb") as full:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "jobscreen",
                "score",
                str(VACANCIES / "ccm-isu-director.yaml"),
                str(CANDIDATES / "priya-raman.yaml"),
                "-f",
                "json",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 1
    assert (
        proc.stderr.decode().strip()
        == "jobscreen: error: cannot write the output: No space left on device"
    )


def test_a_limit_error_names_an_option_only_where_one_raises_the_limit(tmp_path: Path) -> None:
    # a vacancy read by score has fixed bounds; validate reads it within --max-* options
    big = tmp_path / "big.yaml"
    text = Path(VACANCY).read_text(encoding="utf-8")
    big.write_text(text + "#" * (MAX_BYTES + 1 - len(text.encode())) + "\n", encoding="utf-8")
    size = big.stat().st_size
    over = f"{big}:1:1: error: file is {size} bytes, over the {MAX_BYTES}-byte limit"
    code, _, err = invoke("score", str(big), str(CANDIDATES), "--max-bytes", str(2 * MAX_BYTES))
    assert code == 1
    assert f"{over}\n" in err  # no "(see --max-bytes)": that option does not help here
    code, out, _ = invoke("validate", str(big))
    assert code == 1
    assert f"{over} (see --max-bytes)" in out
    assert invoke("validate", "--max-bytes", str(2 * MAX_BYTES), str(big))[0] == 0


def test_limits_without_an_option_give_the_cause_alone() -> None:
    fixed = Limits(max_nodes=5, adjustable=False)
    assert fixed.hint("max-nodes") == ""
    assert fixed.hint("max-nodes", "alias expansion") == " (alias expansion)"
    assert Limits().hint("max-nodes", "alias expansion") == " (alias expansion; see --max-nodes)"
    with pytest.raises(InputError) as info:
        parse_yaml("a: [1, 2, 3, 4, 5, 6]\n", "v.yaml", fixed)
    assert str(info.value).endswith("more than 5 values (alias expansion or size limit)")


def _closed_stdout() -> None:
    os.close(1)  # in the child, before Python starts: sys.stdout is None


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["validate", VACANCY],
        ["score", VACANCY, str(CANDIDATES), "--as-of", AS_OF],
        ["score", VACANCY, str(CANDIDATES), "-f", "json", "--as-of", AS_OF],
        ["explain", VACANCY, str(CANDIDATES / "daniel-okafor.yaml"), "--as-of", AS_OF],
    ],
    ids=["version", "help", "validate", "score-table", "score-json", "explain"],
)
@pytest.mark.process
def test_a_closed_stdout_is_one_line_and_exit_1(args: list[str]) -> None:
    """Process: a stdout closed before Python starts (`>&-`) is the entry point's to handle
    (sys.stdout is None), for --version's fast path, click's help and each writer."""
    done = subprocess.run(
        [sys.executable, "-m", "jobscreen", *args],
        stderr=subprocess.PIPE,
        preexec_fn=_closed_stdout,
        cwd=ROOT,
        timeout=120,
    )
    assert done.stderr == b"jobscreen: error: cannot write the output: standard output is closed\n"
    assert done.returncode == 1


@pytest.mark.process
def test_with_stdout_closed_output_to_a_file_still_works(tmp_path: Path) -> None:
    """Process: a stdout closed before Python starts, as above."""
    target = tmp_path / "report.txt"
    done = subprocess.run(
        [sys.executable, "-m", "jobscreen", "validate", VACANCY, "-o", str(target)],
        stderr=subprocess.PIPE,
        preexec_fn=_closed_stdout,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == "1 file valid\n"


@pytest.mark.process
def test_version_to_a_reader_gone_is_quiet() -> None:
    """Process: the entry point's --version fast path meets a broken pipe on a real stdout."""
    proc = _popen("--version")
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert err == b""
    assert proc.wait(timeout=60) == 0


def test_a_plain_text_cv_too_long_to_read_whole_is_an_error_not_a_partial_verdict(
    tmp_path: Path,
) -> None:
    cv = tmp_path / "long.txt"
    lines = ["Jane Doe", "Master of Laws, 2005", *(f"Publication {i}." for i in range(20_000))]
    cv.write_text("\n".join([*lines, "LANGUAGES", "English (native)"]) + "\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text("id: good\ncompetencies: [Drafting]\n", encoding="utf-8")
    code, out, err = invoke("score", VACANCY, str(cv), str(good), "-f", "csv", "--jobs", "1")
    assert code == 1
    assert f"{cv}:1:1: error: plain-text CV too long to read whole (only the first" in err
    assert [row.split(",")[1] for row in out.splitlines()[1:] if row[0].isdigit()] == ["good"]


def _closed_stdin() -> None:
    os.close(0)


@pytest.mark.process
def test_a_closed_stdin_reads_as_empty_and_loses_no_other_result() -> None:
    """Process: a stdin closed before Python starts (`<&-`) is the entry point's to handle."""
    cv = str(CANDIDATES / "daniel-okafor.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "jobscreen", "score", VACANCY, cv, "-", "-f", "csv"],
        capture_output=True,
        preexec_fn=_closed_stdin,
        cwd=ROOT,
        timeout=120,
    )
    assert b"Traceback" not in done.stderr
    assert b"internal error" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[1].startswith("1,daniel-okafor,")


@pytest.mark.parametrize("value", ["9223372036854775807", str((1 << 31) + 1), "0"])
def test_a_limit_past_its_range_is_a_usage_error(value: str) -> None:
    code, _, err = invoke(
        "score", VACANCY, str(CANDIDATES / "daniel-okafor.yaml"), "--max-bytes", value
    )
    assert code == 2
    assert "--max-bytes must be from 1 to 2147483648" in err


def test_the_largest_byte_limit_reads_a_small_file_without_setting_it_aside(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_text("id: x\n", encoding="utf-8")
    tracemalloc.start()
    try:
        assert read_bytes(path, 1 << 31) == b"id: x\n"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # a read of 2 GiB would set 2 GiB aside first


# --- FIFOs and devices: never a hang --------------------------------------------------------


def _bounded(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """A real process that may block (a FIFO without a writer): killed at the timeout, so a
    regression fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "jobscreen", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "160", "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )


@pytest.mark.process
def test_a_fifo_in_a_folder_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    """Process: a real FIFO without a writer; a regression would block for ever, so the
    process's timeout is the guard (in-process it would hang the test run)."""
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    (cvs / "good-amina.yaml").write_text(GOOD["good-amina.yaml"], encoding="utf-8")
    os.mkfifo(cvs / "p.yaml")  # no writer ever: opening it would block for good
    refused = f"cvs/p.yaml:1:1: error: {NOT_REGULAR}"
    scored = _bounded("score", VACANCY, "cvs", "-f", "csv", "--as-of", AS_OF, cwd=tmp_path)
    assert scored.returncode == 1, scored.stderr
    assert scored.stderr.decode().splitlines() == [refused]
    rows = scored.stdout.decode().splitlines()[1:]
    assert [row.split(",")[1] for row in rows if row[0].isdigit()] == ["good-amina"]
    checked = _bounded("validate", "--kind", "cv", "cvs", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.decode().splitlines() == [refused, "1 problem in 1 of 2 files"]


@pytest.mark.process
def test_verify_reads_a_device_vacancy_within_the_limit(tmp_path: Path) -> None:
    """The vacancy's digest was taken from the whole file before any limit: /dev/zero never
    ended. Now it is taken as the vacancy is read. Process: a regression reads for ever, and
    the process's timeout is the guard."""
    cv = tmp_path / "good-amina.yaml"
    cv.write_text(GOOD["good-amina.yaml"], encoding="utf-8")
    code, out, _ = invoke("score", VACANCY, str(cv), "-f", "json", "--as-of", AS_OF)
    record = json.loads(out)
    assert code == 0
    record["record"]["vacancy"]["path"] = "/dev/zero"
    (tmp_path / "rec.json").write_text(json.dumps(record), encoding="utf-8")
    done = _bounded("verify", "rec.json", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        f"/dev/zero:1:1: error: file is over the {MAX_BYTES}-byte limit",
        "jobscreen: 1 problem; stopped",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["score", "/dev/zero", str(CANDIDATES / "priya-raman.yaml")],
        ["score", VACANCY, "/dev/zero", "-f", "csv"],
        ["validate", "/dev/zero"],
        ["extract", "/dev/zero"],
    ],
    ids=["vacancy", "cv", "validate", "extract"],
)
@pytest.mark.process
def test_a_named_device_is_read_within_the_byte_limit(args: list[str]) -> None:
    """Process: /dev/zero never ends; a regression reads for ever (or until memory runs
    out), and the process's timeout is the guard."""
    done = _bounded(*args, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert (
        f"/dev/zero:1:1: error: file is over the {MAX_BYTES}-byte limit"
        in (done.stdout + done.stderr).decode()
    )


def test_a_named_pipe_is_read_as_stdin_is(tmp_path: Path) -> None:
    """`score <(cat vacancy.yaml) cv.yaml`: the pipe the shell names /dev/fd/N is read whole."""
    cv = tmp_path / "good-amina.yaml"
    cv.write_text(GOOD["good-amina.yaml"], encoding="utf-8")
    reader, writer = os.pipe()
    try:
        os.write(writer, Path(VACANCY).read_bytes())  # well under a pipe's 64 KiB
        os.close(writer)
        done = cli("score", f"/dev/fd/{reader}", str(cv), "-f", "csv", "--as-of", AS_OF)
    finally:
        os.close(reader)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[1].startswith("1,good-amina,")


# --- a bug met on one input is that input's error, never the batch's end ---------------------

BUG = f"error: {INTERNAL}"


def _raise_for(name: str, real: Callable[..., Any], pick: Callable[..., str]) -> Callable[..., Any]:
    """``real``, but an IndexError (a bug) when ``pick(*args)`` names the input ``name``."""

    def patched(*args: Any, **kwargs: Any) -> Any:
        if name in pick(*args):
            raise IndexError("list index out of range")
        return real(*args, **kwargs)

    return patched


# Where a bug can strike, and the function that stands for it there: (module, function, how
# its arguments name the input). Workers are forked, so a patch reaches them too.
STAGES = {
    "reading": ("jobscreen.inputs", "load_documents", lambda path, *_: str(path)),
    "extracting": ("jobscreen.extract", "extract", lambda text, *_: text),
    "validating": ("jobscreen.sources", "candidate_from_document", lambda doc, *_: doc.source),
    "scoring": ("jobscreen.batch", "assess", lambda _, candidate, *__: candidate.source),
    "a-record": ("jobscreen.loading", "parse_json", lambda text, *_: text),
}
BOOM = {  # the file each stage fails on, and the place its error row names
    "reading": ("boom.yaml", GOOD["good-bruno.yaml"].replace("good-bruno", "boom"), 1),
    "extracting": ("boom.txt", "Jane boom\nMA in Law, 2001\n", 1),
    "validating": ("boom.yaml", GOOD["good-bruno.yaml"].replace("good-bruno", "boom"), 1),
    "scoring": ("boom.yaml", GOOD["good-bruno.yaml"].replace("good-bruno", "boom"), 1),
    "a-record": ("records.jsonl", '{"id": "rec-1"}\n{"id": "boom"}\n{"id": "rec-3"}\n', 2),
}


def _inject(
    monkeypatch: pytest.MonkeyPatch, stage: str, name: str, where: str | None = None
) -> None:
    """Make the stage's function fail on ``name`` (in module ``where``, which imported it)."""
    module, function, pick = STAGES[stage]
    target = importlib.import_module(where or module)
    monkeypatch.setattr(target, function, _raise_for(name, getattr(target, function), pick))


def _many(directory: Path, count: int) -> list[str]:
    """``count`` good CVs, copy-000 ... in ``directory``: enough for a pool of workers."""
    directory.mkdir()
    for i in range(count):
        text = GOOD["good-amina.yaml"].replace("id: good-amina", f"id: copy-{i:03d}")
        (directory / f"copy-{i:03d}.yaml").write_text(text, encoding="utf-8")
    return [f"copy-{i:03d}" for i in range(count)]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_bug_met_on_one_input_is_its_error_row_and_every_other_result_stays(
    stage: str,
    jobs: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    parallel_spy: list[int],
) -> None:
    """One tiny text CV once crashed the extractor and ended the whole batch (exit 3, no
    result); the same for any bug met reading, extracting, validating or scoring one input."""
    cvs = tmp_path / "cvs"
    keys = _many(cvs, jobscreen.batch.PARALLEL_FROM + 2)
    name, text, line = BOOM[stage]
    (cvs / name).write_text(text, encoding="utf-8")
    _inject(monkeypatch, stage, "boom")
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("score", VACANCY, "cvs", "-f", "json", "--jobs", str(jobs))
    data = json.loads(out)
    assert parallel_spy == ([2] if jobs == 2 else [])
    assert code == 1, err
    assert err.splitlines() == [f"cvs/{name}:{line}:1: {BUG}"]
    assert [error_line(e) for e in data["errors"]] == [f"{name}:{line}:1: {BUG}"]
    found = sorted(r["candidate"] for r in data["results"])
    assert found == sorted(keys + (["rec-1", "rec-3"] if stage == "a-record" else []))


def test_a_bug_met_on_a_record_from_stdin_is_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    _inject(monkeypatch, "a-record", "boom")
    records = '{"id": "rec-1"}\n{"id": "boom"}\n'
    code, out, err = invoke("score", VACANCY, "-", "-f", "csv", stdin=records)
    assert code == 1
    assert err.splitlines() == [f"<stdin>:2:1: {BUG}"]
    assert [row.split(",")[1] for row in out.splitlines()[1:] if row[0].isdigit()] == ["rec-1"]


def test_the_trace_of_a_bug_met_on_one_input_is_shown_with_jobscreen_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "boom.yaml").write_text(GOOD["good-bruno.yaml"], encoding="utf-8")
    _inject(monkeypatch, "reading", "boom")
    monkeypatch.setenv("JOBSCREEN_DEBUG", "1")
    code, _, err = invoke("score", VACANCY, str(tmp_path / "boom.yaml"), "-f", "csv")
    assert code == 1
    assert err.startswith(f"{tmp_path / 'boom.yaml'}:1:1: {BUG}\nTraceback (most recent call")
    assert err.endswith("IndexError: list index out of range\n")


def test_validate_reports_a_bug_met_on_one_file_and_checks_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.yaml", "boom.yaml", "c.yaml"):
        (tmp_path / name).write_text(GOOD["good-bruno.yaml"], encoding="utf-8")
    _inject(monkeypatch, "validating", "boom", "jobscreen.validation")  # validate's own name
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("validate", "--kind", "cv", ".")
    assert code == 1
    assert out.splitlines() == [f"boom.yaml:1:1: {BUG}", "1 problem in 1 of 3 files"]


def test_match_reports_a_bug_met_on_one_vacancy_and_ranks_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(VACANCY, tmp_path / "boom.yaml")
    shutil.copy(VACANCIES / "nato-asg-pasp.yaml", tmp_path / "nato.yaml")
    monkeypatch.setattr(
        jobscreen.sources,
        "vacancy_from_document",
        _raise_for("boom", jobscreen.sources.vacancy_from_document, lambda doc: doc.source),
    )
    cv = CANDIDATES / "daniel-okafor.yaml"
    code, out, err = invoke("match", str(cv), str(tmp_path), "-f", "json")
    assert code == 1
    assert err.splitlines() == [f"{tmp_path / 'boom.yaml'}:1:1: {BUG}"]
    assert [m["vacancy"]["id"] for m in json.loads(out)["matches"]] == ["nato-asg-pasp"]


@pytest.mark.parametrize("fmt", ["json", "table", "csv"])
def test_match_reports_a_bug_met_scoring_one_vacancy_and_ranks_the_others(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met scoring the CV against one vacancy once ended match (exit 3, nothing
    ranked): it is that vacancy's error row, and the others are still ranked."""
    shutil.copy(VACANCY, tmp_path / "boom.yaml")
    shutil.copy(VACANCIES / "nato-asg-pasp.yaml", tmp_path / "nato.yaml")
    pick = lambda compiled, *_: compiled.vacancy.id  # noqa: E731
    real = jobscreen.api.assess
    monkeypatch.setattr(jobscreen.api, "assess", _raise_for("aro", real, pick))
    cv = CANDIDATES / "daniel-okafor.yaml"
    code, out, err = invoke("match", str(cv), str(tmp_path), "-f", fmt)
    assert code == 1
    assert err.splitlines() == [f"{tmp_path / 'boom.yaml'}:1:1: {BUG}"]
    assert "nato-asg-pasp" in out
    assert "un-aro" not in out
    if fmt == "json":
        assert [m["vacancy"]["id"] for m in json.loads(out)["matches"]] == ["nato-asg-pasp"]


def test_extract_reports_a_bug_in_the_extractor_as_the_file_s_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text("boom\n", encoding="utf-8")
    _inject(monkeypatch, "extracting", "boom")
    code, out, err = invoke("extract", str(cv))
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{cv}:1:1: {BUG}", "jobscreen: 1 problem; stopped"]


# Run as a real process: a worker of the pool that reads a name holding "die" (a file, or a
# JSON Lines record) ends at once, as one killed by the kernel for its memory would.
_DYING_WORKER = """
import os, sys
import jobscreen.batch as batch
from jobscreen.cli import main

parent = os.getpid()
files, lines = batch.Scorer.files, batch.Scorer.lines

def dying_files(self, inputs):
    if os.getpid() != parent and any("die" in item.name for item in inputs):
        os._exit(1)
    return files(self, inputs)

def dying_lines(self, source, numbered):
    if os.getpid() != parent and any(b"die" in raw for _, raw in numbered):
        os._exit(1)
    return lines(self, source, numbered)

batch.Scorer.files, batch.Scorer.lines = dying_files, dying_lines
batch.FILES_PER_CHUNK = 4  # the dead chunk is split into one worker per file: 4, not 32
main(sys.argv[1:])
"""


@pytest.mark.process
def test_a_worker_process_that_dies_is_its_inputs_error_never_a_hang(tmp_path: Path) -> None:
    """A worker gone mid-chunk (os._exit, SIGKILL, the kernel's OOM killer) once left the
    pool waiting for its result for ever. Its inputs are now errors, every other result stays.
    Process: a worker pool whose workers die, and the subprocess timeout is the hang guard."""
    cvs = tmp_path / "cvs"
    keys = _many(cvs, jobscreen.batch.PARALLEL_FROM + 2)
    (cvs / "copy-010-die.yaml").write_text(GOOD["good-bruno.yaml"], encoding="utf-8")
    records = '{"id": "rec-1"}\n{"id": "die"}\n{"id": "rec-3"}\n'
    (tmp_path / "recs.jsonl").write_text(records, encoding="utf-8")
    args = ["score", VACANCY, "cvs", "recs.jsonl", "-f", "json", "--jobs", "2"]
    command = [sys.executable, "-c", _DYING_WORKER, *args]
    code, out, err = run_or_fail_on_hang(  # the workers are killed too
        command, tmp_path, 90, "the batch hung when a worker process died"
    )
    assert code == 1, err
    assert err.decode().splitlines() == [
        f"cvs/copy-010-die.yaml:1:1: error: {jobscreen.errors.WORKER_DIED}",
        f"recs.jsonl:2:1: error: {jobscreen.errors.WORKER_DIED}",
    ]
    data = json.loads(out)
    assert sorted(r["candidate"] for r in data["results"]) == sorted([*keys, "rec-1", "rec-3"])
    assert [error_line(e) for e in data["errors"]] == [
        f"copy-010-die.yaml:1:1: error: {jobscreen.errors.WORKER_DIED}",
        f"recs.jsonl:2:1: error: {jobscreen.errors.WORKER_DIED}",
    ]


def test_the_reported_cv_never_ends_a_parallel_batch(tmp_path: Path) -> None:
    """The CV of issue 14 (it crashed the extractor with an IndexError) among enough CVs for
    worker processes: whether the extractor reads it or meets a bug, every other result is
    written and the exit code is not 3."""
    cvs = tmp_path / "cvs"
    keys = _many(cvs, jobscreen.batch.PARALLEL_FROM + 2)
    (cvs / "tiny.txt").write_text(", - ,\n2010 - 2015\n", encoding="utf-8")
    done = cli("score", VACANCY, "cvs", "-f", "json", "--jobs", "2", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    assert set(keys) <= {r["candidate"] for r in data["results"]}
    assert {e["source"] for e in data["errors"]} <= {"cvs/tiny.txt"}
    assert all(e["message"] != INTERNAL or e["line"] == 1 for e in data["errors"])


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_vocabulary_file_that_is_no_file_is_named_with_its_reason(
    kind: str, tmp_path: Path
) -> None:
    """A FIFO named jobscreen-vocabulary.yaml beside a vacancy blocked score and validate
    for good (it was opened, with no writer); a folder of that name made validate say the
    vacancy was not checked without ever saying why."""
    from jobscreen.inputs import VOCABULARY_FILE

    (tmp_path / "vac").mkdir()
    shutil.copy(VACANCY, tmp_path / "vac" / "post.yaml")
    (tmp_path / "ann.yaml").write_text(GOOD["good-amina.yaml"], encoding="utf-8")
    beside = tmp_path / "vac" / VOCABULARY_FILE
    os.mkfifo(beside) if kind == "fifo" else beside.mkdir()
    reason = NOT_REGULAR if kind == "fifo" else "is a directory"
    where = f"vac/{VOCABULARY_FILE}:1:1"
    scored = _bounded("score", "vac/post.yaml", "ann.yaml", "--as-of", AS_OF, cwd=tmp_path)
    assert (scored.returncode, scored.stdout) == (1, b""), scored.stderr
    assert f"{where}: error: {reason}" in scored.stderr.decode().splitlines()
    checked = _bounded("validate", "vac", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    because = f"vac/post.yaml:1:1: error: not checked: the vocabulary beside it, {where}: {reason}"
    assert because in checked.stdout.decode().splitlines(), checked.stdout


@pytest.mark.parametrize("command", ["score", "explain", "match"])
def test_output_never_replaces_the_vocabulary_file_it_read(command: str, tmp_path: Path) -> None:
    """`-o vac/jobscreen-vocabulary.yaml` replaced the organisation's vocabulary with the
    report it had just been read for: it is an input too, named by no argument."""
    from jobscreen.inputs import VOCABULARY_FILE

    (tmp_path / "vac").mkdir()
    shutil.copy(VACANCY, tmp_path / "vac" / "post.yaml")
    vocab = tmp_path / "vac" / VOCABULARY_FILE
    vocab.write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "cvs").mkdir()
    (tmp_path / "cvs" / "ann.yaml").write_text(GOOD["good-amina.yaml"], encoding="utf-8")
    args = {
        "score": ("vac/post.yaml", "cvs"),
        "explain": ("vac/post.yaml", "cvs/ann.yaml"),
        "match": ("cvs/ann.yaml", "vac/post.yaml"),
    }[command]
    with_output = [command, *args, "--as-of", AS_OF, "-f", "json", "-o", str(vocab)]
    done = _bounded(*with_output, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "is an input file" in done.stderr.decode(), done.stderr
    assert vocab.read_text("utf-8") == "version: 1\n"


def test_an_output_that_is_a_loop_of_links_is_refused_before_any_work(tmp_path: Path) -> None:
    """It once scored the whole batch, then ended with exit 3 (RuntimeError: Symlink loop)."""
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    code, out, err = invoke("score", VACANCY, str(CANDIDATES), "-o", str(tmp_path / "loop.yaml"))
    assert (code, out) == (2, "")
    assert "is a loop of symbolic links" in err
    assert len(err.splitlines()) == 1


def test_a_name_too_long_is_that_inputs_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    """A name longer than the file system allows once ended every command with 'cannot write
    the output' and no result; as an input it is that input's error, as --output a usage
    error."""
    long = str(tmp_path / ("a" * 300 + ".yaml"))
    code, out, err = invoke("score", VACANCY, str(CANDIDATES), long, "-f", "json")
    data = json.loads(out)
    assert code == 1
    assert len(data["results"]) == len(list(CANDIDATES.glob("*.*")))
    assert [e["message"] for e in data["errors"]] == ["cannot read: File name too long"]
    assert err.endswith(": error: cannot read: File name too long\n")
    code, out, err = invoke("score", VACANCY, str(CANDIDATES), "-o", long)
    assert (code, out) == (2, "")
    assert "cannot be written: File name too long" in err
    for args in (["explain", VACANCY, long], ["concepts", "diplomacy", "--vacancies", long]):
        code, _, err = invoke(*args)  # asking whether it is a folder once said 'the output'
        assert code == 1, args
        assert err.startswith(f"{long}:1:1: error: cannot read: File name too long\n"), args
