"""Partial dates as CVs write them, and the cache that reads each one once per batch."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscreen.cv import PartialDate, known_date, parse_partial_date, read_date


def _outcome(value: object) -> object:
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        return str(exc)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2012", PartialDate(2012)),
        (" 2012-03 ", PartialDate(2012, 3)),
        ("2012-3-9", PartialDate(2012, 3, 9)),
        (2012, PartialDate(2012)),
        ("2012-03-09T10:00:00Z", PartialDate(2012, 3, 9)),
        (dt.date(2012, 3, 9), PartialDate(2012, 3, 9)),
        ("2019-13-45", "'2019-13-45' is not a valid date (month must be in 1..12)"),
        ("2019-02-29", "'2019-02-29' is not a valid date (day is out of range for month)"),
        ("1850", "year 1850 is out of range (1900-2100)"),
        ("March 2012", "'March 2012' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        (True, "a date must be YYYY, YYYY-MM or YYYY-MM-DD"),
        # month 0 and day 0 are no month and no day, not "the whole year" or month
        ("2010-00", "'2010-00' is not a valid date (month must be in 1..12)"),
        ("2019-00-00", "'2019-00-00' is not a valid date (month must be in 1..12)"),
        ("2019-05-0", "'2019-05-0' is not a valid date (day is out of range for month)"),
        # a time is read only as JSON Resume and exports write one, and must be a time
        ("2012-03-09T10:00", PartialDate(2012, 3, 9)),
        ("2012-03-09T10:00:00.123+02:00", PartialDate(2012, 3, 9)),
        ("2010-01-01Tgarbage", "'2010-01-01Tgarbage' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2010-01-01T", "'2010-01-01T' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2010-1-1T10:00", "'2010-1-1T10:00' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2010-01-01T25:00Z", "'2010-01-01T25:00Z' is not a valid date (hour must be in 0..23)"),
    ],
)
def test_partial_dates(value: object, expected: object) -> None:
    assert _outcome(value) == expected
    assert _outcome(value) == expected  # the second reading comes from the cache


@given(st.from_regex(r"\A ?[0-9]{4}(-[0-9]{1,2}){0,2}(T[0-9:]{0,8})? ?\Z") | st.text(max_size=14))
def test_the_cache_changes_no_answer(text: str) -> None:
    try:
        expected: object = read_date(text.strip())
    except ValueError as exc:
        expected = str(exc)
    assert _outcome(text) == expected
    assert _outcome(text) == expected


def test_long_texts_are_read_but_not_kept() -> None:
    """A date with a time (read to its day), or a long text, stays out of the cache."""
    known_date.cache_clear()
    assert parse_partial_date("2020-01-01T10:00:00.000000+01:00") == PartialDate(2020, 1, 1)
    with pytest.raises(ValueError, match=r"^'2020-01-01Txxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is not"):
        parse_partial_date("2020-01-01T" + "x" * 100_000)  # quoted in the message by its start
    assert known_date.cache_info().currsize == 0
    assert parse_partial_date("2020-01-01") == PartialDate(2020, 1, 1)
    assert known_date.cache_info().currsize == 1
