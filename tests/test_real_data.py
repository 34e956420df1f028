"""JSON Resume's sample: the copy under tests/data/real is the shared one, and broken copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobscreen.jsonresume import from_jsonresume
from tests.conftest import JSONRESUME_SAMPLE, REAL, VACANCIES, invoke


def test_the_vendored_sample_is_the_shared_one() -> None:
    shared = REAL / JSONRESUME_SAMPLE.name
    if not shared.exists():
        pytest.skip("../shared is not beside this clone")
    assert JSONRESUME_SAMPLE.read_bytes() == shared.read_bytes()


# --- a JSON Resume whose parts have the wrong shape is an error, not a thinner CV -----------

BROKEN_SHAPES = [
    ("work", "none", "work: expected a list, found text"),
    ("work", [None], "work: each entry is a mapping of keys; found null"),
    ("work", {"name": "UN"}, "work: expected a list, found a mapping"),
    ("education", ["BA"], "education: each entry is a mapping of keys; found text"),
    ("languages", 3, "languages: expected a list, found a number"),
    ("skills", [True], "skills: each entry is a mapping of keys; found true or false"),
    ("basics", "x", "basics: expected a mapping of keys, found text"),
]


@pytest.mark.parametrize(
    ("section", "key", "value", "words"),
    [
        ("work", "highlights", "led mediation talks", ["led mediation talks"]),
        ("work", "highlights", ["ok", 7, None], ["ok"]),
        ("skills", "keywords", "conflict resolution", ["conflict resolution"]),
        ("skills", "keywords", 5, []),
    ],
)
def test_words_for_matching_given_as_text_are_read_not_dropped(
    section: str, key: str, value: object, words: list[str]
) -> None:
    # highlights and keywords are lists of text; one written as text is a list of one (its
    # words are matched), and what is not text holds no words: read as it is, not refused
    data = json.loads(JSONRESUME_SAMPLE.read_text(encoding="utf-8"))
    data[section] = [{"name": "X", "position": "Officer", "startDate": "2010-01", key: value}]
    cv, _ = from_jsonresume(data)
    if section == "skills":
        assert cv["competencies"] == ["X", *words]
    else:
        assert cv["experience"][0].get("description") == (" ".join(words) or None)


def _sample_with(key: str, value: object, tmp_path: Path) -> Path:
    data = json.loads(JSONRESUME_SAMPLE.read_text(encoding="utf-8"))
    data[key] = value
    path = tmp_path / "changed.resume.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(("key", "value", "message"), BROKEN_SHAPES)
def test_a_part_of_the_wrong_shape_is_a_located_error(
    key: str, value: object, message: str, tmp_path: Path
) -> None:
    path = _sample_with(key, value, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if f'"{key}"' in text)
    line += isinstance(value, list)  # a bad entry is placed on its own line, under the key
    code, out, _ = invoke("validate", "--kind", "cv", str(path))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:{line}:")
    assert out.splitlines()[0].endswith(f"error: {message}")
    # score lists it and still scores the other CVs
    vacancy = str(VACANCIES / "un-aro-senior-pmo.yaml")
    code, out, err = invoke("score", vacancy, str(path), str(JSONRESUME_SAMPLE), "-f", "jsonl")
    assert code == 1
    assert message in err
    assert [json.loads(r)["candidate"] for r in out.splitlines() if '"rank"' in r] == [
        "jsonresume-sample"
    ]


@pytest.mark.parametrize("key", ["work", "basics", "skills"])
def test_a_part_given_as_null_is_absent(key: str, tmp_path: Path) -> None:
    path = _sample_with(key, None, tmp_path)
    assert invoke("validate", "--kind", "cv", str(path))[0] == 0
