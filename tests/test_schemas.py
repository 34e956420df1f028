"""The committed JSON Schemas: in step with the models, draft-07 only, and true to the files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator  # type: ignore[import-untyped,unused-ignore]
from pydantic import ValidationError

from jobscreen.schemas import build_schema
from jobscreen.vacancy import Vacancy
from tests.conftest import CANDIDATES, ROOT, VACANCIES, invoke

SCHEMAS = ROOT / "schemas"
WHICH = ("vacancy", "cv", "vocabulary")
DRAFT_07_KEYWORDS = frozenset(Draft7Validator.META_SCHEMA["properties"])
# Keywords whose value maps names (not keywords) to schemas.
NAMED_SCHEMAS = frozenset(
    {"properties", "definitions", "patternProperties", "dependencies", "$defs"}
)
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/vacancy.schema.json"


def committed(which: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (SCHEMAS / f"{which}.schema.json").read_text(encoding="utf-8")
    )
    return data


def keywords(schema: Any) -> Iterator[str]:
    """Every keyword used anywhere in a schema, skipping property and definition names."""
    if isinstance(schema, list):
        for item in schema:
            yield from keywords(item)
        return
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        yield key
        if key in NAMED_SCHEMAS and isinstance(value, dict):
            for sub in value.values():
                yield from keywords(sub)
        elif key not in {"enum", "const", "default", "examples"}:
            yield from keywords(value)


def plain(data: Any) -> Any:
    """YAML data as JSON would carry it: dates become ISO strings."""
    if isinstance(data, dict):
        return {key: plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def validator(which: str) -> Draft7Validator:
    return Draft7Validator(committed(which), format_checker=Draft7Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("which", WHICH)
def test_committed_schema_matches_the_models(which: str) -> None:
    fresh = f"jobscreen schema {which} --output schemas/{which}.schema.json"
    assert committed(which) == build_schema(which), f"schemas/ drifted from the models: {fresh}"


@pytest.mark.parametrize("which", WHICH)
def test_committed_schema_is_what_the_command_prints(which: str) -> None:
    code, out, _ = invoke("schema", which)
    assert code == 0
    assert out == (SCHEMAS / f"{which}.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("which", WHICH)
def test_schema_declares_draft_07_and_a_stable_id(which: str) -> None:
    schema = committed(which)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] == f"https://jobscreen.invalid/schemas/{which}.schema.json"
    Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("which", WHICH)
def test_schema_uses_only_draft_07_keywords(which: str) -> None:
    used = set(keywords(committed(which)))
    assert used - DRAFT_07_KEYWORDS == set()
    assert {"definitions", "$ref", "properties"} <= used


def test_keyword_walk_finds_later_draft_keywords() -> None:
    later = {"$defs": {"A": {"type": "string"}}, "properties": {"x": {"prefixItems": []}}}
    assert set(keywords(later)) - DRAFT_07_KEYWORDS == {"$defs", "prefixItems"}


@pytest.mark.parametrize("path", sorted(VACANCIES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_vacancy_fits_the_schema(path: Path) -> None:
    data = plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator("vacancy").iter_errors(data)
    ]
    assert errors == []


@pytest.mark.parametrize("path", sorted(VACANCIES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_vacancy_starts_with_the_schema_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_LINE
    assert (path.parent / first.split("=", 1)[1]).resolve() == SCHEMAS / "vacancy.schema.json"


def example_cvs() -> list[Path]:
    found = [*CANDIDATES.glob("*.yaml"), *CANDIDATES.glob("*.yml"), *CANDIDATES.glob("*.json")]
    return sorted(found)


@pytest.mark.parametrize("path", example_cvs(), ids=lambda p: p.name)
def test_example_cv_fits_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    docs = [json.loads(text)] if path.suffix == ".json" else list(yaml.safe_load_all(text))
    check = validator("cv")
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for doc in docs
        if "basics" not in doc  # a JSON Resume: mapped on loading, not written in this format
        for e in check.iter_errors(plain(doc))
    ]
    assert errors == []


def test_schema_rejects_what_the_model_rejects() -> None:
    bad = {"id": "v", "title": "T", "organisation": "O", "requirements": [{"id": "r"}]}
    assert not validator("vacancy").is_valid(bad)
    unknown = {"id": "v", "title": "T", "organisation": "O", "closing": "x", "requirements": []}
    assert not validator("vacancy").is_valid(unknown)


@pytest.mark.parametrize(
    ("field", "value"),
    [("weight", 1e308), ("weight", 1000.5), ("min_years", 100.5), ("extra_years", 101)],
)
def test_schema_bounds_numbers_as_the_model_does(field: str, value: float) -> None:
    rule: dict[str, Any] = {"id": "e", "kind": "experience", "required": True, "min_years": 5}
    edu: dict[str, Any] = {"id": "d", "kind": "education", "required": True, "min_level": "master"}
    edu["in_lieu"] = [{"level": "bachelor", "extra_years": 2, "experience": "e"}]
    vacancy = {"id": "v", "title": "T", "organisation": "O", "requirements": [edu, rule]}
    assert validator("vacancy").is_valid(vacancy)
    target = edu["in_lieu"][0] if field == "extra_years" else rule
    target[field] = value
    assert not validator("vacancy").is_valid(vacancy)
    with pytest.raises(ValidationError, match=field):
        Vacancy.model_validate(vacancy)


@pytest.mark.parametrize(("phrase", "valid"), [("", False), ("  ", False), ("法律", True)])
def test_schema_refuses_blank_phrases_and_keeps_any_script(phrase: str, valid: bool) -> None:
    rule = {"id": "e", "kind": "experience", "required": True, "min_years": 1}
    vacancy = {"id": "v", "title": "T", "organisation": "O", "requirements": [rule]}
    rule["domains"] = ["human rights", phrase]
    assert validator("vacancy").is_valid(vacancy) is valid


# Dates as a CV may give them: the loader and the exported schema must agree on every one.
DATES: list[Any] = [
    "2010", "2010-1", "2010-01", "2010-12", "2010-1-5", "2010-01-05", "2010-12-31",
    "1900", "2100", "2100-12-31", " 2010-03 ", "2010-01-01T10:00:00Z",
    "2013-12-01T10:00", "2013-12-01T23:59:59.123456+02:00", "2012-02-29", "2000-02-29",
    "2010-02-28", "2010-04-30", 2010, 1900, 2100,
    # refused
    "2010-00", "2010-0", "2019-00-00", "2010-01-00", "2010-1-0", "2010-13", "2010-02-29",
    "1900-02-29", "2100-02-29", "2010-04-31", "2010-06-31", "2010-01-32", "1899", "2101",
    "2010-01-01Tgarbage", "2010-01-01T24:00", "2010-01-01T10:60", "2010-1-01T10:00",
    "201", "20100", "2010-001", "2010/01", "-2010", "\uff12\uff10\uff11\uff10", "2010-01-05T",
    "", 1899, 2101, -2010, True, 2010.5,
]  # fmt: skip


def _loader_accepts(post: dict[str, Any]) -> bool:
    from jobscreen.cv import CVFile

    try:
        CVFile.model_validate({"experience": [post]})
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("value", DATES, ids=repr)
def test_schema_and_loader_agree_on_every_date(value: Any) -> None:
    """The schema's date pattern once took month 00 and day 00, which the loader refuses."""
    validator = Draft7Validator(committed("cv"))
    for where in ("start", "end"):
        post = {"start": "1900", where: value}
        schema_ok = validator.is_valid({"experience": [post]})
        assert schema_ok == _loader_accepts(post), (where, value)
