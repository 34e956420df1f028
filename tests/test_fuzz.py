"""A bounded fuzz of the loader: any bytes or near-YAML in, data or a JobscreenError out.

Every other exception (TypeError, RecursionError, a YAML error escaping) is a bug, and so is
an error that does not point at a line and column inside its input, or parsed output that is
not plain data. The run is bounded by example counts, a few seconds in all; no database is
written.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobscreen.errors import JobscreenError
from jobscreen.loading import Document, decode, documents_from_text
from jobscreen.sources import candidate_from_document
from jobscreen.yamlsafe import Limits, parse_yaml

LIMITS = Limits(max_bytes=64 * 1024, max_depth=16, max_nodes=2_000, max_items=200)
TODAY = dt.date(2026, 6, 30)
FUZZ = settings(
    suppress_health_check=[HealthCheck.too_slow],
)

CV_KEYS = ["id", "name", "experience", "education", "languages", "competencies", "summary"]
POST_KEYS = ["title", "start", "end", "managerial", "domains", "language", "level", "degree"]
RESUME_KEYS = ["basics", "work", "volunteer", "education", "skills", "languages", "meta"]
ENTRY_KEYS = [
    *["name", "position", "company", "startDate", "endDate", "summary", "highlights"],
    *["keywords", "studyType", "area", "institution", "language", "fluency", "location"],
]
WORDS = ["2019-13-45", "2012-03", "present", "no", "yes", "3.10", "0777", "C1", "-2010", "9999"]
TOKENS = ["[", "]", "{", "}", ", ", ": ", "- ", "\n", "\n  ", "&a ", "*a", "&b ", "*b", "? "]
TAGS = ["!!str ", "!!int ", "!!map ", "!!seq ", "!!python/object/apply:os.system ", "!x ", "!<a> "]
SCALARS = ["'q'", '"d"', "|\n  x\n", ">\n  y\n", "~", "null", "---\n", "...\n", "%YAML 1.1\n"]


def located(exc: JobscreenError, text: str) -> None:
    """Each error ``exc`` stands for names a line and column inside ``text`` (or just past
    its end): a JobscreenError without a place, or pointing elsewhere, is a bug too."""
    for error in exc.every():
        where = error.location
        assert where is not None, error
        assert where.path, error
        assert where.line is not None, error
        assert 1 <= where.line <= text.count("\n") + 2, (error, text)
        assert where.column is None or where.column >= 1, error


PLAIN = (dict, list, str, int, float, bool, type(None))


def plain(data: Any) -> bool:
    """Data as JSON holds it: dicts with text keys, lists, text, numbers, booleans, None."""
    if isinstance(data, dict):
        return all(isinstance(k, str) and plain(v) for k, v in data.items())
    if isinstance(data, list):
        return all(plain(item) for item in data)
    return isinstance(data, PLAIN)


def loads(text: str, kind: str) -> None:
    """Parse text as a file of ``kind`` and make a candidate of every document; every error
    located, every document plain data."""
    try:
        docs = documents_from_text(text, "fuzz", kind, LIMITS)
    except JobscreenError as exc:
        located(exc, text)
        return
    for doc in docs:
        if isinstance(doc.data, JobscreenError):  # a JSON Lines record that failed
            located(doc.data, text)
        else:
            assert plain(doc.data), doc.data
            candidate(doc)


def candidate(doc: Document) -> None:
    """A candidate, or located errors."""
    try:
        candidate_from_document(doc, TODAY)
    except JobscreenError as exc:
        located(exc, doc.text)


near_yaml = st.lists(
    st.sampled_from(TOKENS + TAGS + SCALARS + CV_KEYS + POST_KEYS + WORDS), max_size=40
).map("".join)


leaf = (
    st.none()
    | st.booleans()
    | st.integers(-10_000, 10_000)
    | st.sampled_from(WORDS)
    | st.text(max_size=8)
)
value = st.recursive(
    leaf,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(POST_KEYS + ENTRY_KEYS), inner, max_size=3)
    ),
    max_leaves=12,
)


confusing = (
    st.sampled_from(
        [None, True, False, 0, 7, -1, 1.5, "", "x", "no", "2019-13-45", [], {}, [None], {"a": 1}]
    ).map(copy.deepcopy)
    | value
)


def _section(keys: list[str]) -> st.SearchStrategy[Any]:
    """A list of entries with the right keys and arbitrary values, or any value at all."""
    return st.lists(st.dictionaries(st.sampled_from(keys), value, max_size=6), max_size=3) | value


native_cv = st.fixed_dictionaries(
    {},
    optional={
        "id": value,
        "name": value,
        "experience": _section(POST_KEYS),
        "education": _section(POST_KEYS),
        "languages": _section(POST_KEYS),
        "competencies": value,
        "summary": value,
    },
)
json_resume = st.fixed_dictionaries(
    {"basics": st.dictionaries(st.sampled_from(ENTRY_KEYS), value, max_size=4) | value},
    optional={key: _section(ENTRY_KEYS) for key in RESUME_KEYS[1:]},
)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_fail_cleanly(raw: bytes) -> None:
    try:
        text = decode(raw, "fuzz")
    except JobscreenError as exc:
        located(exc, raw.decode("utf-8", "replace"))
        return
    for kind in ("yaml", "json", "jsonl"):
        loads(text, kind)


@FUZZ
@given(st.text(max_size=200))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        docs = parse_yaml(text, "fuzz", LIMITS)
    except JobscreenError as exc:
        located(exc, text)
        return
    assert plain(docs), docs


@FUZZ
@given(near_yaml)
def test_near_yaml_parses_or_fails_cleanly(text: str) -> None:
    loads(text, "yaml")


SEEDS: list[dict[str, Any]] = [
    {
        "id": "seed",
        "name": "A. Person",
        "education": [{"degree": "LLM", "field": "Law", "year": 2008}],
        "experience": [
            {
                "title": "Programme Manager",
                "organisation": "UNDP",
                "start": "2010-01",
                "end": "present",
                "domains": ["human rights"],
                "managerial": True,
                "description": "Led a team.",
            }
        ],
        "languages": [
            {"language": "English", "level": "C2"},
            {"language": "fr", "level": {"read": "C1", "speak": "B2"}},
        ],
        "competencies": ["Teamwork"],
        "summary": "Lawyer.",
    },
    {
        "basics": {"name": "B. Person", "location": {"city": "Accra"}, "summary": "Lawyer."},
        "work": [
            {
                "name": "UNDP",
                "position": "Project Manager",
                "startDate": "2015-09",
                "endDate": "2021-08",
                "highlights": ["Led a team."],
            }
        ],
        "volunteer": [{"organization": "Red Cross", "startDate": "2012"}],
        "education": [{"studyType": "Master", "area": "Law", "endDate": "2008-06-30"}],
        "skills": [{"name": "Negotiation", "keywords": ["mediation"]}],
        "languages": [{"language": "English", "fluency": "Native speaker"}],
    },
]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a tree of dicts and lists, the root excluded."""
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return []
    found = []
    for key, child in items:
        found.append((*prefix, key))
        found.extend(_paths(child, (*prefix, key)))
    return found


def _replace(tree: Any, path: tuple[Any, ...], new: Any) -> None:
    for part in path[:-1]:
        tree = tree[part]
    tree[path[-1]] = new


@FUZZ
@given(native_cv | json_resume)
def test_cv_shaped_data_becomes_a_candidate_or_located_errors(data: dict[str, Any]) -> None:
    """JSON-shaped data with a CV's or a JSON Resume's keys and arbitrary values."""
    candidate(Document(data, "fuzz.json", json.dumps(data)))


@FUZZ
@given(st.sampled_from(SEEDS), st.data())
def test_valid_cvs_with_values_swapped_fail_cleanly(
    seed: dict[str, Any], data: st.DataObject
) -> None:
    """A valid CV (native or JSON Resume) with one to six values replaced by anything."""
    tree = copy.deepcopy(seed)
    for _ in range(data.draw(st.integers(1, 6))):
        _replace(tree, data.draw(st.sampled_from(_paths(tree))), data.draw(confusing))
    candidate(Document(tree, "fuzz.json", json.dumps(tree)))
