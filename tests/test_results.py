"""Result objects: frozen dataclasses that compare, copy and pickle as data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import pytest

from jobscreen.results import Decision, Evidence, RuleResult, Settled, Status

EVIDENCE = Evidence("post 1 (Chief, UN, 2010 to present)", "matched 'mediation'", ("x", 0))
CHILD = RuleResult("c", "review", False, 1.0, Status.needs_review, 0.0, "check")
# one value for each field, none of them its default
VALUES = (
    "r",
    "experience",
    True,
    2.0,
    Status.partial,
    0.5,
    "why",
    (EVIDENCE,),
    (CHILD,),
    "t",
    True,
    Decision(Status.needs_review, 0.0, Settled.review, "A. Officer", dt.date(2026, 12, 4), "ok"),
)


def _sample() -> RuleResult:
    return RuleResult(*VALUES)


def test_every_field_is_set_and_the_object_stays_frozen() -> None:
    result = _sample()
    assert tuple(getattr(result, f.name) for f in dataclasses.fields(result)) == VALUES
    assert result.evidence[0].ref == ("x", 0)
    assert Evidence("a", "b").ref is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.reason = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.evidence[0].quote = "changed"  # type: ignore[misc]


def test_equality_hash_replace_and_pickle_behave_as_for_a_dataclass() -> None:
    result = _sample()
    assert result == _sample()
    assert hash(result) == hash(_sample())
    assert result != dataclasses.replace(result, credit=0.25)
    changed = dataclasses.replace(result, status=Status.met, credit=1.0)
    assert (changed.status, changed.credit, changed.reason) == (Status.met, 1.0, "why")
    assert pickle.loads(pickle.dumps(result, pickle.HIGHEST_PROTOCOL)) == result
    assert RuleResult(**dataclasses.asdict(_sample().children[0])) == result.children[0]
