"""The adverse-impact audit against a hand-computed example, and its edge cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobscreen.audit import UNKNOWN, audit, read_groups
from jobscreen.errors import InputError
from tests.conftest import invoke

# 40 candidates in three self-declared groups: A (20), B (12), C (8).
# Scores are 1..40 by candidate number, so the sample median is 20.5 and candidates
# 21..40 score above it. Rank is 41 - score (the highest score ranks first).
GROUP_OF = {n: "A" if n <= 20 else ("B" if n <= 32 else "C") for n in range(1, 41)}
ELIGIBLE = set(range(1, 11)) | {21, 22, 23} | {33, 34, 35, 36}


def record() -> dict[str, Any]:
    results = [
        {"candidate": f"c{n:02d}", "score": float(n), "rank": 41 - n, "eligible": n in ELIGIBLE}
        for n in range(1, 41)
    ]
    return {"options": {"top": None, "eligible_only": False}, "results": results}


def groups() -> dict[str, str]:
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


def test_unknown_group_is_reported_and_never_the_reference() -> None:
    mapping = groups()
    del mapping["c40"]  # the top scorer declares no group
    result = audit(record(), mapping, small_group=1)
    unknown = result.groups[-1]
    assert unknown.group == UNKNOWN
    assert unknown.count == 1
    assert unknown.flagged == ()
    # C's scoring rate is now 7/7 = 1.0, still the reference without c40.
    assert {g.group: g.ratios["scoring"] for g in result.groups}["C"] == pytest.approx(1.0)


def test_zero_over_zero_is_undefined_not_a_number() -> None:
    data = {
        "options": {},
        "results": [{"candidate": "x", "score": 0.0, "rank": 1, "eligible": False}],
    }
    result = audit(data, {"x": "A"})
    figures = result.groups[0]
    assert figures.rates["eligible"].value == 0.0
    assert figures.ratios["eligible"] is None  # the highest rate is 0: no ratio


def test_record_cut_by_top_is_refused() -> None:
    data = record()
    data["options"]["top"] = 5
    with pytest.raises(InputError, match="every candidate"):
        audit(data, groups())


def test_groups_csv_errors_are_located() -> None:
    with pytest.raises(InputError) as info:
        read_groups("candidate,group\na,X\na,Y\n", "g.csv")
    assert str(info.value) == "g.csv:3:1: candidate 'a' listed twice"
    with pytest.raises(InputError, match="'candidate' and 'group' columns"):
        read_groups("id,team\n", "g.csv")


def _audit_args(tmp_path: Path) -> list[str]:
    """`audit` of the 40-candidate record with its groups, written to tmp_path."""
    (tmp_path / "rec.json").write_text(json.dumps(record()), encoding="utf-8")
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
        ({"options": {"top": 5, "eligible_only": False}}, "the record must hold every candidate"),
        ({"options": {"top": None, "eligible_only": True}}, "the record must hold every candidate"),
    ],
)
def test_a_record_audit_cannot_use_names_the_record(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    args = _audit_args(tmp_path)
    rec = tmp_path / "rec.json"
    rec.write_text(json.dumps({**record(), **change}), encoding="utf-8")
    code, _, err = invoke(*args)
    assert code == 1
    assert f"{rec}: error: {message}" in err


def test_a_group_name_with_a_terminal_escape_is_shown_as_codes() -> None:
    groups = read_groups("candidate,group\na,\x1b[31mRED\nb,B\n", "g.csv")
    assert groups == {"a": "\\x1b[31mRED", "b": "B"}
