"""One home per vocabulary (issue 15 item 5): the extractor and the models read the same
year bounds, 'present' words, level words, CEFR pattern and unsafe characters."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jobscreen import cv, errors, limits, vacancy
from jobscreen.cli.app import parse_as_of
from jobscreen.errors import UsageError
from jobscreen.extract import extract
from jobscreen.extract.dates import FIRST_TEXT_YEAR, LAST_TEXT_YEAR, YEAR, years_pattern
from jobscreen.extract.languages import NOT_IN_TEXT
from jobscreen.levels import CEFR, PHRASES, level_value


@pytest.mark.parametrize(
    ("first", "last"), [(1950, 2049), (1900, 2100), (1995, 2003), (2000, 2000)]
)
def test_years_pattern_matches_exactly_its_years(first: int, last: int) -> None:
    pattern = re.compile(years_pattern(first, last))
    matched = [year for year in range(1800, 2200) if pattern.fullmatch(str(year))]
    assert matched == list(range(first, last + 1))


def test_the_text_years_are_the_pattern_of_their_bounds_inside_the_cv_bounds() -> None:
    assert years_pattern(FIRST_TEXT_YEAR, LAST_TEXT_YEAR) == YEAR
    assert limits.FIRST_YEAR <= FIRST_TEXT_YEAR <= LAST_TEXT_YEAR <= limits.LAST_YEAR


def test_cv_vacancy_and_as_of_take_their_year_bounds_from_limits() -> None:
    assert vacancy.in_range(dt.date(limits.LAST_YEAR, 12, 31)).year == limits.LAST_YEAR
    with pytest.raises(ValueError, match=f"{limits.FIRST_YEAR}-{limits.LAST_YEAR}"):
        vacancy.in_range(dt.date(limits.LAST_YEAR + 1, 1, 1))
    assert cv.parse_partial_date(str(limits.LAST_YEAR)).year == limits.LAST_YEAR
    with pytest.raises(ValueError, match="out of range"):
        cv.parse_partial_date(limits.FIRST_YEAR - 1)
    schema_year = re.compile(cv.DATE_PATTERN)
    assert schema_year.match(str(limits.FIRST_YEAR))
    assert not schema_year.match(str(limits.LAST_YEAR + 1))
    with pytest.raises(UsageError, match=f"{limits.FIRST_YEAR} and {limits.LAST_YEAR}"):
        parse_as_of(f"{limits.LAST_YEAR + 1}-01-01")


@pytest.mark.parametrize("word", sorted(cv.PRESENT))
def test_every_present_word_of_the_cv_model_ends_an_extracted_post(word: str) -> None:
    posts = extract(f"EXPERIENCE\nPolicy Officer, UNDP, 2019 - {word}\n").data["experience"]
    assert posts == [
        {"title": "Policy Officer", "organisation": "UNDP", "start": "2019", "end": "present"}
    ]


@pytest.mark.parametrize("phrase", sorted(set(PHRASES) - NOT_IN_TEXT))
def test_every_level_phrase_is_read_with_the_value_levels_gives_it(phrase: str) -> None:
    languages = extract(f"LANGUAGES\nPortuguese: {phrase}\n").data["languages"]
    assert languages == [{"language": "Portuguese", "level": languages[0]["level"]}]
    assert level_value(languages[0]["level"]) == PHRASES[phrase]


@pytest.mark.parametrize("level", sorted(CEFR))
def test_a_cefr_level_in_either_case_is_read(level: str) -> None:
    languages = extract(f"LANGUAGES\nPortuguese ({level})\n").data["languages"]
    assert languages == [{"language": "Portuguese", "level": level.upper()}]


def test_none_and_a_bare_proficiency_are_no_level_in_running_text() -> None:
    languages = extract("LANGUAGES\nPortuguese: none\n").data.get("languages", [])
    assert all(entry.get("level") is None for entry in languages)


def test_the_extractor_drops_every_character_the_models_drop() -> None:
    unsafe = [chr(c) for c in range(0x3000) if errors.CONTROL.fullmatch(chr(c))]
    assert "\u202e" in unsafe
    for character in unsafe:
        text = extract(f"Jane{character}Doe\nEXPERIENCE\nAnalyst, UNDP, 2019 - 2020\n")
        assert not errors.CONTROL.search(str(text.data)), repr(character)
