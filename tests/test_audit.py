"""The adverse-impact audit against a hand-computed example, and its edge cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobscreen.audit import audit, read_groups
from jobscreen.errors import InputError
from jobscreen.record import Record
from jobscreen.results import content_digest
from tests.conftest import invoke

# 40 candidates in three self-declared groups: A (20), B (12), C (8).
# Scores are 1..40 by candidate number, so the sample median is 20.5 and candidates
# 21..40 score above it. Rank is 41 - score (the highest score ranks first).
GROUP_OF = {n: "A" if n <= 20 else ("B" if n <= 32 else "C") for n in range(1, 41)}
ELIGIBLE = set(range(1, 11)) | {21, 22, 23} | {33, 34, 35, 36}


def entry(candidate: str, score: float, rank: int, eligible: bool) -> dict[str, Any]:
    """A result as score writes it; audit reads its candidate, score, rank and eligibility."""
    return {
        "candidate": candidate,
        "name": None,
        "source": f"cvs/{candidate}.yaml",
        "rank": rank,
        "eligible": eligible,
        "eligibility": "yes" if eligible else "no",
        "origin": "native",
        "score": score,
        "unmet": [],
        "review": [],
        "sha256": "0" * 64,
        "rules": [],
    }


def record_data(*results: dict[str, Any], **options: Any) -> dict[str, Any]:
    """A whole record (the 40 candidates unless results are given), as score writes one."""
    if not results:
        results = tuple(entry(f"c{n:02d}", float(n), 41 - n, n in ELIGIBLE) for n in range(1, 41))
    limits = {"max_bytes": 2097152, "max_depth": 64, "max_nodes": 200000, "max_items": 10000}
    return {
        "vacancy": {"id": "post", "title": "A post"},
        "as_of": "2026-01-01",
        "jobscreen_version": "0.1.0",
        "options": {
            "as_of": "2026-01-01",
            "as_of_given": True,
            "top": None,
            "eligible_only": False,
            "blind": False,
            "limits": limits,
            **options,
        },
        "results": list(results),
        "errors": [],
        "record": {
            "vacancy": {"path": "post.yaml", "sha256": "1" * 64},
            "inputs": ["cvs"],
            "cwd": "/tmp",
        },
    }


def record(*results: dict[str, Any], **options: Any) -> Record:
    return Record.model_validate(record_data(*results, **options))


def groups() -> dict[str, str | None]:
    return {f"c{n:02d}": g for n, g in GROUP_OF.items()}


def test_hand_computed_rates_ratios_and_flags() -> None:
    result = audit(record(), groups(), top=10, small_group=10)
    by_group = {g.group: g for g in result.groups}
    # Eligible: A 10/20 = 0.5, B 3/12 = 0.25, C 4/8 = 0.5; highest 0.5.
    assert by_group["A"].rates["eligible"].value == pytest.approx(0.5)
    assert by_group["B"].ratios["eligible"] == pytest.approx(0.5)
    assert by_group["C"].ratios["eligible"] == pytest.approx(1.0)
    # Scoring (above median 20.5): A 0/20, B 12/12 (21..32), C 8/8; highest 1.0.
    assert result.median_score == pytest.approx(20.5)
    assert by_group["A"].ratios["scoring"] == pytest.approx(0.0)
    assert by_group["B"].ratios["scoring"] == pytest.approx(1.0)
    # Top 10 = ranks 1..10 = scores 31..40: A 0/20, B 2/12 (31, 32), C 8/8.
    assert by_group["B"].rates["top 10"].selected == 2
    assert by_group["B"].ratios["top 10"] == pytest.approx((2 / 12) / 1.0)
    assert by_group["A"].flagged == ("scoring", "top 10")
    assert by_group["B"].flagged == ("eligible", "top 10")
    assert by_group["C"].flagged == ()
    assert [g.small for g in result.groups] == [False, False, True]


def test_undeclared_group_is_reported_and_never_the_reference() -> None:
    mapping = groups()
    del mapping["c40"]  # the top scorer declares no group
    result = audit(record(), mapping, small_group=1)
    unknown = result.groups[-1]
    assert unknown.group is None
    assert unknown.count == 1
    assert unknown.flagged == ()
    # C's scoring rate is now 7/7 = 1.0, still the reference without c40.
    assert {g.group: g.ratios["scoring"] for g in result.groups}["C"] == pytest.approx(1.0)


def test_zero_over_zero_is_undefined_not_a_number() -> None:
    data = record(entry("x", 0.0, 1, False))
    result = audit(data, {"x": "A"})
    figures = result.groups[0]
    assert figures.rates["eligible"].value == 0.0
    assert figures.ratios["eligible"] is None  # the highest rate is 0: no ratio


def test_record_cut_by_top_is_refused() -> None:
    with pytest.raises(InputError, match="every candidate"):
        audit(record(top=5), groups())


def test_groups_csv_errors_are_located() -> None:
    with pytest.raises(InputError) as info:
        read_groups("candidate,group\na,X\na,Y\n", "g.csv")
    assert str(info.value) == "g.csv:3:1: candidate 'a' listed twice"
    with pytest.raises(InputError, match="'candidate' and 'group' columns"):
        read_groups("id,team\n", "g.csv")


def _audit_args(tmp_path: Path) -> list[str]:
    """`audit` of the 40-candidate record with its groups, written to tmp_path."""
    (tmp_path / "rec.json").write_text(json.dumps(record_data()), encoding="utf-8")
    lines = ["candidate,group"] + [f"c{n:02d},{g}" for n, g in GROUP_OF.items()]
    (tmp_path / "groups.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["audit", str(tmp_path / "rec.json"), "--groups", str(tmp_path / "groups.csv")]


def test_audit_command_json(tmp_path: Path) -> None:
    code, out, _ = invoke(*_audit_args(tmp_path), "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert data["four_fifths_threshold"] == 0.8
    b = next(g for g in data["groups"] if g["group"] == "B")
    assert b["impact_ratios"]["eligible"] == pytest.approx(0.5)
    assert b["flagged"] == ["eligible"]


@pytest.mark.parametrize(("value", "code"), [("-5", 2), ("-1", 2), ("0", 0), ("1", 0)])
def test_audit_min_group_is_a_size(tmp_path: Path, value: str, code: int) -> None:
    got, out, err = invoke(*_audit_args(tmp_path), "-f", "json", "--min-group", value)
    assert got == code
    if code:
        assert "--min-group must be 0 or more" in err
    else:
        assert all(not g["small"] for g in json.loads(out)["groups"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"top": 5}, "the record must hold every candidate"),
        ({"eligible_only": True}, "the record must hold every candidate"),
    ],
)
def test_a_record_audit_cannot_use_names_the_record(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    args = _audit_args(tmp_path)
    rec = tmp_path / "rec.json"
    rec.write_text(json.dumps(record_data(**change)), encoding="utf-8")
    code, _, err = invoke(*args)
    assert code == 1
    assert f"{rec}: error: {message}" in err


def test_a_group_name_with_a_terminal_escape_is_shown_as_codes() -> None:
    groups = read_groups("candidate,group\na,\x1b[31mRED\nb,B\n", "g.csv")
    assert groups == {"a": "\\x1b[31mRED", "b": "B"}


def _write(tmp_path: Path, record_text: str, groups_text: str) -> list[str]:
    (tmp_path / "rec.json").write_text(record_text, encoding="utf-8")
    (tmp_path / "g.csv").write_text(groups_text, encoding="utf-8")
    return ["audit", str(tmp_path / "rec.json"), "--groups", str(tmp_path / "g.csv")]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_a_score_that_is_not_a_number_is_a_located_error(tmp_path: Path, value: str) -> None:
    text = json.dumps(record_data(), indent=2).replace('"score": 40.0', f'"score": {value}')
    code, out, err = invoke(*_write(tmp_path, text, "candidate,group\nc01,A\n"), "-f", "json")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if value in t)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{tmp_path / 'rec.json'}:{line}:")
    assert f"{value} is not a JSON number" in err


def test_audit_json_is_strict_json(tmp_path: Path) -> None:
    code, out, _ = invoke(*_audit_args(tmp_path), "-f", "json", "--top", "3")

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in audit's JSON")

    assert code == 0
    assert json.loads(out, parse_constant=refuse)["median_score"] == 20.5


def test_a_group_named_unknown_is_declared_and_kept_apart(tmp_path: Path) -> None:
    mapping: dict[str, str | None] = {f"c{n:02d}": "unknown" for n in range(21, 41)}
    mapping.update({f"c{n:02d}": "A" for n in range(1, 11)})  # c11..c20: no group declared
    result = audit(record(), mapping, small_group=1)
    by_group = {g.group: g for g in result.groups}
    assert list(by_group) == ["A", "unknown", None]
    assert by_group["unknown"].count == 20
    assert by_group[None].count == 10
    # the declared 'unknown' scores best (21..40): it is the reference, and A is flagged
    assert by_group["unknown"].ratios["scoring"] == pytest.approx(1.0)
    assert by_group["A"].flagged == ("scoring",)
    assert by_group[None].flagged == ()


def test_undeclared_candidates_are_shown_apart_from_a_group_named_unknown(tmp_path: Path) -> None:
    groups_text = "candidate,group\nc01,unknown\nc02,\n"
    args = _write(tmp_path, json.dumps(record_data()), groups_text)
    code, out, _ = invoke(*args, "-f", "json")
    assert code == 0
    assert [(g["group"], g["count"]) for g in json.loads(out)["groups"]] == [
        ("unknown", 1),
        (None, 39),
    ]
    code, out, _ = invoke(*args)
    assert code == 0
    assert "(not declared)" in out


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('candidate,group\na,"X\nb,Y\n', "g.csv:2:3", "this quote is never closed"),
        ('candidate,group\na,"X""\nY"\nb,"Z\n', "g.csv:4:3", "this quote is never closed"),
        ('candidate,group\na,"X"Y\n', "g.csv:2:1", "not a readable CSV"),
        ("candidate,group,candidate\na,X,b\n", "g.csv:1:17", "column 'candidate' appears twice"),
        ("Group,candidate, group \na,X,Y\n", "g.csv:1:17", "column 'group' appears twice"),
        ("candidate,group\na,(not declared)\n", "g.csv:2:1", "'(not declared)' is how"),
    ],
    ids=[
        "unclosed-quote",
        "unclosed-after-a-closed-one",
        "text-after-quote",
        "two-candidate",
        "two-group",
        "reserved-name",
    ],
)
def test_groups_csv_problems_are_located(text: str, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_groups(text, "g.csv")
    assert str(info.value).startswith(f"{where}: ")
    assert message in str(info.value)


def test_groups_csv_problems_are_located_by_the_command(tmp_path: Path) -> None:
    code, _, err = invoke(*_write(tmp_path, json.dumps(record_data()), 'candidate,group\na,"X\n'))
    assert code == 1
    assert err.startswith(f"{tmp_path / 'g.csv'}:2:3: error: not a readable CSV")


def test_audit_reports_a_record_edited_after_it_was_written(tmp_path: Path) -> None:
    """verify checked a record's own digest, audit did not: an eligible flag or a score
    edited by hand moved the impact ratios silently."""
    args = _audit_args(tmp_path)
    data = record_data()
    data["record"]["digest"] = content_digest(data)
    path = tmp_path / "rec.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    code, _, err = invoke(*args, "-f", "json")
    assert (code, err) == (0, "")
    data["results"][-1]["eligible"] = not data["results"][-1]["eligible"]
    text = json.dumps(data, indent=2)
    path.write_text(text, encoding="utf-8")
    line, row = next((n, r) for n, r in enumerate(text.splitlines(), 1) if DIGEST_KEY in r)
    where = f"{path}:{line}:{row.index(DIGEST_KEY) + len(DIGEST_KEY) + 1}"
    code, out, err = invoke(*args, "-f", "json")
    assert code == 1
    assert err.splitlines() == [f"{where}: warning: {EDITED}; the figures below come from it"]
    assert json.loads(out)["groups"]  # the audit is still written, as verify still compares


DIGEST_KEY = '"digest": '
EDITED = "the record was edited after it was written (record.digest does not match)"
