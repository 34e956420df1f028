"""Lint rules beyond validity: each check on its own, then as `validate` reports them."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from jobscreen.lint import CHECKS, CODES, Finding, is_scale_term, lint
from jobscreen.vacancy import Vacancy
from tests.conftest import ROOT, cli, invoke

DAY = dt.date(2025, 6, 1)


def rule(rule_id: str, kind: str, required: bool = True, **fields: Any) -> dict[str, Any]:
    return {"id": rule_id, "kind": kind, "required": required, "text": "the notice", **fields}


def vacancy(*rules: dict[str, Any], **meta: Any) -> Vacancy:
    data = {"id": "v", "title": "T", "organisation": "O", "requirements": list(rules), **meta}
    return Vacancy.model_validate(data)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


EDU_MASTER = rule("edu", "education", min_level="master", fields=["law"])
EXP_TEN = rule("exp", "experience", min_years=10, domains=["diplomacy"])
LANG_FLUENT = rule("en", "language", language="English", level="fluent")


def test_a_clean_vacancy_has_no_findings() -> None:
    assert lint(vacancy(EDU_MASTER, EXP_TEN, LANG_FLUENT), DAY) == []


def test_registry_codes_are_unique_stable_and_documented() -> None:
    listed = [check.code for check in CHECKS]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert listed == [f"JS10{n}" for n in range(1, 10)]
    assert len(CODES) == len(listed)
    for code in listed:
        assert re.search(rf"^\| {code} \|", readme, re.MULTILINE), f"{code} missing from README"


def test_js101_top_level_rule_without_text() -> None:
    bare = {k: v for k, v in EXP_TEN.items() if k != "text"}
    found = lint(vacancy(EDU_MASTER, bare), DAY)
    assert codes(found) == ["JS101"]
    assert found[0].loc == ("requirements", 1)
    assert "'exp'" in found[0].message


def test_js101_nested_rules_share_their_groups_text() -> None:
    nested = {"id": "n", "kind": "language", "language": "fr", "level": "B2"}
    group = rule("g", "any_of", rules=[nested])
    assert lint(vacancy(group), DAY) == []
    bare_group = {k: v for k, v in group.items() if k != "text"}
    assert codes(lint(vacancy(bare_group), DAY)) == ["JS101"]


@pytest.mark.parametrize(
    ("mandatory", "desirable"),
    [
        (EDU_MASTER, rule("edu-d", "education", False, min_level="doctorate", fields=["Law"])),
        (EXP_TEN, rule("exp-d", "experience", False, min_years=15, domains=["diplomacy"])),
        (LANG_FLUENT, rule("en-d", "language", False, language="en", level="C2")),
    ],
    ids=["education", "experience", "language"],
)
def test_js102_desirable_rule_asking_more_than_its_mandatory_twin(
    mandatory: dict[str, Any], desirable: dict[str, Any]
) -> None:
    found = lint(vacancy(mandatory, desirable), DAY)
    assert codes(found) == ["JS102"]
    assert found[0].loc == ("requirements", 1)
    assert f"mandatory twin {mandatory['id']!r}" in found[0].message


@pytest.mark.parametrize(
    "desirable",
    [
        rule("edu-d", "education", False, min_level="doctorate", fields=["economics"]),
        rule("exp-d", "experience", False, min_years=15, domains=["mediation"]),
        rule(
            "exp-q", "experience", False, min_years=15, domains=["diplomacy"], qualifiers=["senior"]
        ),
        rule("fr", "language", False, language="French", level="C2"),
        rule("edu-same", "education", False, min_level="master", fields=["law"]),
    ],
    ids=["other-fields", "other-domains", "other-qualifiers", "other-language", "same-minimum"],
)
def test_js102_needs_the_same_subject_and_a_larger_minimum(desirable: dict[str, Any]) -> None:
    assert lint(vacancy(EDU_MASTER, EXP_TEN, LANG_FLUENT, desirable), DAY) == []


def test_js103_competency_without_evidence() -> None:
    found = lint(vacancy(EXP_TEN, rule("c", "competency", False, name="Teamwork")), DAY)
    assert codes(found) == ["JS103"]
    assert "evidence" in found[0].message
    with_evidence = rule("c", "competency", False, name="Teamwork", evidence=["teamwork"])
    assert lint(vacancy(EXP_TEN, with_evidence), DAY) == []


def test_js103_experience_that_any_post_meets_even_when_nested() -> None:
    anything = {"id": "any", "kind": "experience", "min_years": 0}
    found = lint(vacancy(rule("g", "all_of", rules=[EXP_TEN, anything])), DAY)
    assert codes(found) == ["JS103"]
    assert found[0].loc == ("requirements", 0, "rules", 1)
    managerial = {**anything, "qualifiers": ["managerial"]}
    some_years = {**anything, "min_years": 2}
    assert lint(vacancy(rule("g", "all_of", rules=[managerial, some_years])), DAY) == []


def test_js104_closing_date_against_as_of_only() -> None:
    closed = vacancy(EXP_TEN, closing_date="2025-05-31")
    found = lint(closed, DAY)
    assert codes(found) == ["JS104"]
    assert found[0].loc == ("closing_date",)
    assert "2025-05-31" in found[0].message
    assert lint(closed, dt.date(2025, 5, 31)) == []
    assert lint(closed, None) == []


def test_a_file_can_accept_codes_on_purpose() -> None:
    closed = {"closing_date": "2025-05-31"}
    assert codes(lint(vacancy(EXP_TEN, **closed, lint_ignore=["JS104"]), DAY)) == []
    assert codes(lint(vacancy(EXP_TEN, **closed, lint_ignore=["JS101"]), DAY)) == ["JS104"]
    with pytest.raises(ValueError, match="pattern"):
        vacancy(EXP_TEN, lint_ignore=["E501"])


def test_js105_desirable_weight_above_all_mandatory_weights() -> None:
    heavy = rule("c", "competency", False, weight=5.5, name="N", evidence=["n"])
    found = lint(vacancy({**EXP_TEN, "weight": 3}, {**EDU_MASTER, "weight": 2}, heavy), DAY)
    assert codes(found) == ["JS105"]
    assert found[0].loc == ("requirements", 2, "weight")
    assert "(5)" in found[0].message
    equal = {**heavy, "weight": 5}
    assert lint(vacancy({**EXP_TEN, "weight": 3}, {**EDU_MASTER, "weight": 2}, equal), DAY) == []


def test_js105_needs_a_mandatory_rule_to_compare_with() -> None:
    only_desirable = rule("c", "competency", False, weight=9, name="N", evidence=["n"])
    assert lint(vacancy(only_desirable), DAY) == []


@pytest.mark.parametrize(
    "level", ["C1", "b2", "fluent", "working knowledge", "knowledge", "VI", "NATO IV", "3", "2+"]
)
def test_js106_accepts_every_scale_term(level: str) -> None:
    assert is_scale_term(level)
    assert lint(vacancy({**LANG_FLUENT, "level": level}), DAY) == []


def test_js106_free_text_level_is_a_warning_with_its_reading() -> None:
    found = lint(vacancy({**LANG_FLUENT, "level": "excellent command of written English"}), DAY)
    assert codes(found) == ["JS106"]
    assert found[0].loc == ("requirements", 0, "level")
    assert "level 5 of 6" in found[0].message


def test_unknown_language_stays_a_validation_error() -> None:
    with pytest.raises(ValueError, match="unknown language 'Qwertyish'"):
        vacancy({**LANG_FLUENT, "language": "Qwertyish"})


# --- through `jobscreen validate` -----------------------------------------------------------

WARNED = """\
id: warned
title: T
organisation: O
closing_date: 2020-01-31
requirements:
  - id: exp
    kind: experience
    required: true
    text: Ten years.
    min_years: 10
    domains: [diplomacy]
  - id: comp
    kind: competency
    required: false
    text: Teamwork.
    name: Teamwork
"""


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    path = tmp_path / "warned.yaml"
    path.write_text(WARNED, encoding="utf-8")
    return path


def test_warnings_are_located_and_leave_exit_code_zero(warned: Path) -> None:
    code, out, _ = invoke("validate", "--as-of", "2024-01-01", str(warned))
    assert code == 0, out
    assert out.splitlines() == [
        f"{warned}:4:15: warning: JS104 closing date 2020-01-31 is before 2024-01-01",
        f"{warned}:12:5: warning: JS103 competency 'comp' has no `evidence` phrases: "
        "only its name is matched",
        "1 file valid, 2 warnings",
    ]


def test_strict_turns_warnings_into_errors(warned: Path) -> None:
    proc = cli("validate", "--strict", "--as-of", "2024-01-01", str(warned))
    out = proc.stdout.decode()
    assert proc.returncode == 1, out
    assert f"{warned}:4:15: error: JS104 closing date" in out
    assert out.splitlines()[-1] == "2 problems in 1 of 1 files"


def test_as_of_before_closing_and_ignore_silence_warnings(warned: Path) -> None:
    code, out, _ = invoke(
        "validate", "--strict", "--as-of", "2019-12-31", "--ignore", "JS103", str(warned)
    )
    assert code == 0, out
    assert out == "1 file valid\n"


def test_as_of_defaults_to_today(warned: Path) -> None:
    code, out, _ = invoke("validate", "--ignore", "JS103", str(warned))
    assert code == 0
    assert f"is before {dt.date.today().isoformat()}" in out


def test_unknown_ignore_code_and_bad_date_are_usage_errors(warned: Path) -> None:
    bad_code = cli("validate", "--ignore", "JS999", str(warned))
    assert bad_code.returncode == 2
    assert b"--ignore must be one of JS101" in bad_code.stderr
    bad_date = cli("validate", "--as-of", "yesterday", str(warned))
    assert bad_date.returncode == 2
    assert b"--as-of must be a date" in bad_date.stderr


def test_json_lists_warnings_with_codes(warned: Path) -> None:
    code, out, _ = invoke("validate", "-f", "json", "--as-of", "2024-01-01", str(warned))
    data = json.loads(out)
    assert code == 0
    assert data["valid"] is True
    assert data["warnings"] == 2
    first = data["files"][0]["warnings"][0]
    assert first == {
        "path": str(warned),
        "line": 4,
        "column": 15,
        "code": "JS104",
        "message": "closing date 2020-01-31 is before 2024-01-01",
    }


def test_github_reports_warnings_as_warning_annotations(warned: Path) -> None:
    code, out, _ = invoke("validate", "-f", "github", "--as-of", "2024-01-01", str(warned))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("::warning file=")
    assert ",line=4,col=15,title=jobscreen JS104::closing date 2020-01-31" in lines[0]
    assert lines[-1] == "1 file valid, 2 warnings"


def test_invalid_files_are_not_linted(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(WARNED.replace("min_years: 10", "min_years: -1"), encoding="utf-8")
    code, out, _ = invoke("validate", "--as-of", "2024-01-01", str(path))
    assert code == 1
    assert "warning" not in out


def test_js107_a_value_left_as_the_skeletons_example() -> None:
    found = lint(vacancy(EDU_MASTER, title="EXAMPLE: the post's title"), DAY)
    assert [(f.code, f.loc) for f in found] == [("JS107", ("title",))]
    assert lint(vacancy(EDU_MASTER, title="An EXAMPLE officer"), DAY) == []


def test_js108_a_review_comment_left_is_found_at_the_comment() -> None:
    text = 'id: v  # REVIEW: check\ntitle: "# REVIEW is not a comment here"\n  #  REVIEW\n'
    found = [f for f in lint(vacancy(EDU_MASTER), DAY, text) if f.code == "JS108"]
    assert [f.position for f in found] == [(1, 10), (3, 6)]


def test_js109_an_empty_list_whose_text_names_what_belongs_in_it() -> None:
    said = "Advanced university degree in law or political science."
    edu = rule("edu", "education", min_level="master", text=said)
    exp = rule("exp", "experience", min_years=5, text="Five years in human rights advocacy.")
    found = lint(vacancy(edu, exp), DAY)
    assert [(f.code, f.loc[-1]) for f in found] == [("JS109", "fields"), ("JS109", "concepts")]
    assert "law, political science" in found[0].message
    assert "human-rights, advocacy" in found[1].message
    managerial = {**exp, "qualifiers": ["managerial"]}  # the text encoded otherwise
    assert lint(vacancy({**edu, "fields": ["law"]}, managerial), DAY) == []


def test_an_unedited_draft_fails_strict_validation_at_its_placeholders(tmp_path: Path) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "Title: Legal Officer\nA degree in law is required.\n"
        "Five years of experience in human rights is required.\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    code, _, err = invoke("new", "vacancy", "--from-notice", str(notice), "-o", str(draft))
    assert code == 0, err
    lines = draft.read_text(encoding="utf-8").splitlines()
    code, out, _ = invoke("validate", "--strict", str(draft))
    assert code == 1
    reported = re.findall(r":(\d+):(\d+): error: (JS10\d) ", out)
    expected = [
        (str(n), str(line.index("REVIEW") + 1), "JS108")
        for n, line in enumerate(lines, 1)
        if "# REVIEW" in line
    ]
    organisation = next(n for n, line in enumerate(lines, 1) if line.startswith("organisation:"))
    assert (str(organisation), "15", "JS107") in reported
    assert [r for r in reported if r[2] == "JS108"] == expected
    code, out, _ = invoke(
        "validate", "--strict", "--ignore", "JS107", "--ignore", "JS108", str(draft)
    )
    assert code == 0, out  # the lists are filled: no JS109
