"""Bytes to documents: encodings, empty and binary files, JSON and JSON Lines, locations."""

from __future__ import annotations

import json
import os
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscreen.errors import InputError, LineError, Location
from jobscreen.inputs import CV_SUFFIXES, FOLDER_DEPTH, NOT_REGULAR, scan
from jobscreen.loading import (
    Document,
    decode,
    documents_from_text,
    iter_jsonl,
    json_limit_problem,
    parse_json,
    read_bytes,
)
from jobscreen.sources import Failed, load_candidates, load_vacancy
from jobscreen.validation import check_paths
from jobscreen.yamlsafe import Limits, Positions


def test_bom_is_accepted() -> None:
    assert decode("\ufeffid: x".encode(), "f") == "id: x"


def test_invalid_utf8_names_line_and_column() -> None:
    with pytest.raises(InputError) as info:
        decode(b"a: 1\nb: caf\xe9\n", "f.yaml")
    assert str(info.value) == "f.yaml:2:7: invalid UTF-8 (byte 0xe9): save the file as UTF-8"


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "photo.yaml")


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    with pytest.raises(InputError, match="empty file"):
        documents_from_text(text, "f.yaml", "yaml", Limits())


def test_json_syntax_error_is_located() -> None:
    with pytest.raises(InputError) as info:
        documents_from_text('{\n  "a": 1,\n}', "f.json", "json", Limits())
    assert str(info.value).startswith("f.json:3:1: JSON syntax error")


def test_json_duplicate_key_is_located() -> None:
    with pytest.raises(InputError) as info:
        documents_from_text('{"a": 1,\n "a": 2}', "f.json", "json", Limits())
    assert str(info.value) == "f.json:2:2: duplicate key 'a'"


DIGITS = "9" * (sys.get_int_max_str_digits() + 1)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('{"a": NaN}', "1:7", "NaN is not a JSON number"),
        ('{"a": "NaN",\n "b": [1, Infinity]}', "2:11", "Infinity is not a JSON number"),
        ('{"a": "x \\" NaN",\n\n  "b": -Infinity}', "3:8", "-Infinity is not a JSON number"),
        ('{"a": ["-Infinity"], "b": -NaN}', "1:27", "JSON syntax error: Expecting value"),
        (f'{{"n": "{DIGITS}",\n "m": -{DIGITS}}}', "2:7", "a number of more than 4300 digits"),
        (f'{{"f": 0.{DIGITS},\n "g": 1e{DIGITS[:3]}, "h": NaN}}', "2:19", "NaN is not a JSON"),
    ],
)
def test_json_values_python_refuses_are_located(text: str, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        documents_from_text(text, "f.json", "json", Limits(max_nodes=10**6, max_items=10**6))
    assert str(info.value).startswith(f"f.json:{where}: {message}")
    assert "sys." not in str(info.value)


def test_a_refused_json_value_is_located_on_its_line_of_a_json_lines_file() -> None:
    docs = list(iter_jsonl([b'{"id": "a"}', b'{"id": "b", "x": [NaN]}'], "in.jsonl", Limits()))
    problem = docs[1]
    assert isinstance(problem, LineError)
    assert str(problem) == "in.jsonl:2:19: NaN is not a JSON number"


def test_jsonl_bad_line_does_not_stop_the_stream() -> None:
    lines = [b'{"id": "a"}', b"{broken", b"", b'{"id": "c"}', b"\xff"]
    docs = list(iter_jsonl(lines, "in.jsonl", Limits()))
    assert [d.data["id"] for d in docs if isinstance(d, Document)] == ["a", "c"]
    errors = [d for d in docs if not isinstance(d, Document)]
    assert all(isinstance(e, LineError) for e in errors)
    assert [str(e).split(": ", 1)[0] for e in errors] == ["in.jsonl:2:2", "in.jsonl:5:1"]


@pytest.mark.parametrize(
    ("text", "indexes"),
    [
        ("id: a\n---\n", [0]),
        ("---\nid: a\n---\n", [0]),
        ("id: a\n---\n---\nid: c\n", [0, 2]),
        ("--- null\n---\nid: b\n", [1]),
    ],
)
def test_empty_yaml_documents_are_skipped_and_the_others_keep_their_place(
    text: str, indexes: list[int]
) -> None:
    docs = documents_from_text(text, "f.yaml", "yaml", Limits())
    assert [d.index for d in docs] == indexes
    assert all(isinstance(d.data, dict) for d in docs)
    last = docs[-1]
    assert (
        str(last.locate(("id",)))
        == f"f.yaml:{text.splitlines().index('id: ' + last.data['id']) + 1}:5"
    )


def test_utf16_is_named_only_where_a_file_starts() -> None:
    lines = [b"\xff\xfe{", b'{"id": "b"}', b'\xff\xfe{"id": "c"}']
    errors = list(iter_jsonl(lines, "in.jsonl", Limits()))
    assert isinstance(errors[1], Document)
    assert str(errors[0]) == "in.jsonl:1:1: UTF-16 text: save the file as UTF-8"
    assert str(errors[2]) == "in.jsonl:3:1: invalid UTF-8 (byte 0xff): save the file as UTF-8"


def test_locate_skips_union_tags_and_points_at_parent_for_missing_keys() -> None:
    doc = documents_from_text("a:\n  - b: 1\n    c: 2\n", "f", "yaml", Limits())[0]
    assert str(doc.locate(("a", 0, "experience", "c"))) == "f:3:8"
    assert str(doc.locate(("a", 0, "missing"))) == "f:2:5"
    assert str(doc.locate(("a", 0, "c"), at_key=True)) == "f:3:5"


class _Unlistable(dict[Any, Any]):
    """Positions that answer whether they hold a path, but refuse to list every path."""

    def keys(self) -> Any:
        raise AssertionError("locate listed every path of the document")

    def __iter__(self) -> Any:
        raise AssertionError("locate listed every path of the document")


def test_locate_costs_nothing_like_the_document_s_size() -> None:
    """locate once made a set of every path of the document for each error: a vacancy of
    10,000 review rules without text took 145 s to validate, and `show` as long."""
    doc = documents_from_text("a:\n  - b: 1\n    c: 2\n", "f", "yaml", Limits())[0]
    found = doc.positions()
    unlistable = Positions(_Unlistable(found.values), _Unlistable(found.keys))
    assert unlistable.find(("a", 0, "experience", "c")) == (3, 8)
    assert unlistable.find(("a", 0, "missing")) == (2, 5)
    assert unlistable.find(("a", 0, "c"), at_key=True) == (3, 5)


def _folder(path: Path) -> None:
    path.mkdir()


def _link_to_folder(path: Path) -> None:
    (path.parent / "target").mkdir()
    path.symlink_to(path.parent / "target")


def _broken_link(path: Path) -> None:
    path.symlink_to(path.parent / "gone.yaml")


def _nothing(path: Path) -> None:
    pass


def _too_big(path: Path) -> None:
    path.write_text("x" * 11)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_folder, "is a directory"),
        (_link_to_folder, "is a directory"),
        (_broken_link, "broken symbolic link"),
        (_nothing, "no such file"),
        (_too_big, "file is 11 bytes, over the 10-byte limit (see --max-bytes)"),
    ],
)
def test_read_bytes_refuses_with_one_located_line(
    tmp_path: Path, make: Callable[[Path], None], message: str
) -> None:
    path = tmp_path / "cv.yaml"
    make(path)
    with pytest.raises(InputError) as info:
        read_bytes(path, 10)
    assert str(info.value) == f"{path}:1:1: {message}"


def test_read_bytes_reads_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"x" * 10)
    assert read_bytes(path, 10) == b"x" * 10


def _files(name: str) -> list[str]:
    """The files scan finds for a name, checking it found nothing to report."""
    found = list(scan(name, CV_SUFFIXES))
    assert all(isinstance(item, str) for item in found), found
    return [item for item in found if isinstance(item, str)]


def test_directories_expand_as_a_recursive_glob_would(tmp_path: Path) -> None:
    """The walk finds what rglob('*') filtered for data files found, hidden parts left out."""
    top = tmp_path / "cvs"
    names = ["a.yaml", "b/c.yml", "b/d/e.json", ".hidden.yaml", ".git/x.yaml", "b/.h/y.yaml"]
    names += ["cv.", "CV.YAML", "a.tar.yaml", "noext", "b/f.txt", "other/z.yaml", "x.yaml.bak"]
    for name in names:
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text("a: 1\n")
    (top / "dir.yaml").mkdir()
    (top / "dir.yaml" / "in.yaml").write_text("a: 1\n")
    (top / "link-to-other").symlink_to(top / "other")  # not entered: other/ is listed once
    (top / "link.yaml").symlink_to(top / "a.yaml")
    (top / "broken.yaml").symlink_to(top / "gone.yaml")  # listed: reading it says why not
    (top / "loop").symlink_to(top)
    by_glob = sorted(
        str(p)
        for p in top.rglob("*")
        if p.suffix.lower() in CV_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(top).parts)
        and not p.is_dir()
    )
    found = _files(f"{top}/")
    assert found == by_glob
    assert [p[len(str(top)) + 1 :] for p in found] == [
        "CV.YAML", "a.tar.yaml", "a.yaml", "b/c.yml", "b/d/e.json", "b/f.txt",
        "broken.yaml", "dir.yaml/in.yaml", "link.yaml", "other/z.yaml",
    ]  # fmt: skip


_json_trees = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(
    tree=_json_trees,
    compact=st.booleans(),
    limits=st.builds(
        Limits,
        max_depth=st.integers(0, 6),
        max_nodes=st.integers(0, 60),
        max_items=st.integers(0, 6),
    ),
)
def test_json_limits_hold_whether_or_not_the_walk_is_skipped(
    tree: object, compact: bool, limits: Limits
) -> None:
    """parse_json skips the limit walk for short texts; the answer is the walk's all the same."""
    text = json.dumps(tree, separators=(",", ":") if compact else None)
    expected = json_limit_problem(json.loads(text), limits)
    try:
        assert parse_json(text, "t.json", limits) == tree
        problem = None
    except InputError as exc:  # located by the YAML reader, which may word it its own way
        problem = exc.message
    assert (problem is None) == (expected is None), (problem, expected)
    assert problem is None or "(see --max-" in problem or "; see --max-" in problem


def test_duplicate_json_keys_are_named() -> None:
    with pytest.raises(InputError, match="duplicate key 'b'"):
        parse_json('{"a": 1, "b": {"c": 2, "d": 3}, "b": 4, "a": 5}', "t.json", Limits())
    with pytest.raises(InputError, match="duplicate key 'c'"):
        parse_json('[{"c": 1, "c": 1}]', "t.json", Limits())
    assert parse_json('{"a": {"a": {"a": 1}}}', "t.json", Limits()) == {"a": {"a": {"a": 1}}}


@pytest.mark.parametrize("text", ["[[[[]]]]", '{"":{"":{"":[]}}}', "[[],[],[[]]]", '[0,"",{}]'])
def test_json_node_limit_is_exact_for_texts_as_dense_as_they_come(text: str) -> None:
    """Texts where nearly every character is a value: the skip must not let one through."""

    def limits(nodes: int) -> Limits:
        return Limits(max_depth=10, max_nodes=nodes, max_items=100)

    data = json.loads(text)
    least = next(n for n in range(100) if json_limit_problem(data, limits(n)) is None)
    assert least <= len(text)  # the bound the skip rests on: no more values than characters
    assert parse_json(text, "t.json", limits(least)) == data
    with pytest.raises(InputError, match=r"more than \d+ values"):
        parse_json(text, "t.json", limits(least - 1))


ARGUMENTS = [".", "./", "cvs", "./cvs/", "cvs//", "cvs/sub/..", "link", ".hid"]


@pytest.mark.parametrize("given", ARGUMENTS)
def test_directory_names_come_out_as_pathlib_joins_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    """'.' gives 'cvs/a.yaml', not './cvs/a.yaml': report names stay what they were."""
    for folder in ("cvs", "cvs/sub", ".hid"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.yaml").write_text("a: 1\n")
    (tmp_path / "link").symlink_to(tmp_path / "cvs")
    monkeypatch.chdir(tmp_path)
    top = Path(given)
    by_glob = sorted(
        str(p)
        for p in top.rglob("*")
        if p.suffix in CV_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(top).parts)
        and not p.is_dir()
    )
    found = _files(given)
    assert found == by_glob
    assert all(not name.startswith("./") for name in found)


@pytest.fixture
def locked_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """cvs/a.yaml, and cvs/locked/b.yaml in a folder that cannot be listed (as chmod 000
    would make it: the tests run as root, who may list anything)."""
    (tmp_path / "cvs" / "locked").mkdir(parents=True)
    cv = "experience: []\n"
    (tmp_path / "cvs" / "a.yaml").write_text(cv)
    (tmp_path / "cvs" / "locked" / "b.yaml").write_text(cv)
    scandir = os.scandir

    def guarded(path: Any = ".") -> Any:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.usefixtures("locked_folder")
def test_a_folder_that_cannot_be_listed_is_named_not_dropped() -> None:
    assert list(scan("cvs", CV_SUFFIXES)) == ["cvs/a.yaml", "cvs/locked"]
    assert list(scan("cvs/locked", CV_SUFFIXES)) == ["cvs/locked"]
    checks = {c.source: [str(e) for e in c.errors] for c in check_paths(["cvs"], kind="cv")}
    assert checks == {
        "cvs/a.yaml": [],
        "cvs/locked": ["cvs/locked:1:1: folder cannot be read: permission denied"],
    }
    found = list(load_candidates(["cvs"]))
    assert [type(f).__name__ for f in found] == ["Candidate", "Failed"]
    failed = found[1]
    assert isinstance(failed, Failed)
    assert [str(e) for e in failed.errors] == [
        "cvs/locked:1:1: folder cannot be read: permission denied"
    ]


def test_a_folder_deeper_than_the_limit_is_named_and_the_walk_does_not_recurse(
    tmp_path: Path, nested: Callable[[Path, int], Path]
) -> None:
    """1,100 levels once ended in a RecursionError (os.walk, rglob); now the folder past
    FOLDER_DEPTH is reported and what lies above it is still found."""
    (tmp_path / "cvs").mkdir()
    deepest = nested(tmp_path / "cvs", 1_100)
    (deepest / "bottom.yaml").write_text("id: bottom\n")
    last_read = tmp_path / "cvs" / Path(*["d"] * FOLDER_DEPTH)
    (last_read / "kept.yaml").write_text("id: kept\n")
    found = list(scan(str(tmp_path / "cvs"), CV_SUFFIXES))
    assert [x for x in found if isinstance(x, str)] == [str(last_read / "kept.yaml")]
    errors = [str(x) for x in found if isinstance(x, InputError)]
    too_deep = last_read / "d"
    assert errors == [
        f"{too_deep}:1:1: folder nested more than {FOLDER_DEPTH} levels deep: not searched"
    ]


def test_link_loops_end_the_walk_and_are_reported_when_read(tmp_path: Path) -> None:
    top = tmp_path / "cvs"
    top.mkdir()
    (top / "a.yaml").write_text("id: a\n")
    (top / "up").symlink_to(top)  # a folder link: never followed
    (top / "self.yaml").symlink_to(top / "self.yaml")  # a file link to itself
    assert _files(str(top)) == [str(top / "a.yaml"), str(top / "self.yaml")]
    found = list(load_candidates([str(top)]))
    assert isinstance(found[1], Failed)
    assert [str(e) for e in found[1].errors] == [
        f"{top / 'self.yaml'}:1:1: cannot read: Too many levels of symbolic links"
    ]


def test_a_fifo_or_device_in_a_folder_is_reported_never_opened(tmp_path: Path) -> None:
    """scan looks at each name (no open: a FIFO without a writer would block); what is not a
    regular file is reported, a link to one too."""
    top = tmp_path / "cvs"
    top.mkdir()
    (top / "a.yaml").write_text("id: a\n")
    os.mkfifo(top / "pipe.yaml")
    (top / "zero.yaml").symlink_to("/dev/zero")
    (top / "pipe-link.yml").symlink_to(top / "pipe.yaml")
    found = [x if isinstance(x, str) else str(x) for x in scan(str(top), CV_SUFFIXES)]
    assert found == [
        str(top / "a.yaml"),
        *(f"{top / n}:1:1: {NOT_REGULAR}" for n in ("pipe-link.yml", "pipe.yaml", "zero.yaml")),
    ]


def test_a_stream_of_unknown_size_is_read_within_the_limit_in_small_steps() -> None:
    """/dev/zero ends at the limit; a pipe of 6 bytes under a 2 GiB limit sets no 2 GiB aside."""
    with pytest.raises(InputError) as info:
        read_bytes(Path("/dev/zero"), 100)
    assert str(info.value) == "/dev/zero:1:1: file is over the 100-byte limit (see --max-bytes)"
    reader, writer = os.pipe()
    try:
        os.write(writer, b"id: x\n")
        os.close(writer)
        tracemalloc.start()
        try:
            assert read_bytes(Path(f"/dev/fd/{reader}"), 1 << 31) == b"id: x\n"
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        os.close(reader)
    assert peak < 1 << 20


def test_a_broken_json_lines_record_is_its_error_where_a_document_is_needed(
    tmp_path: Path,
) -> None:
    """A bad record is its LineError, never a document holding it: a vacancy read from JSON
    Lines names the record's own problem, not 'found a single value'."""
    with pytest.raises(LineError) as caught:
        documents_from_text("{broken\n", "v.jsonl", "jsonl", Limits())
    assert str(caught.value).startswith("v.jsonl:1:2: JSON syntax error: ")
    (tmp_path / "v.jsonl").write_text("{broken\n")
    with pytest.raises(LineError) as read:
        load_vacancy(tmp_path / "v.jsonl")
    assert str(read.value) == str(caught.value).replace("v.jsonl", str(tmp_path / "v.jsonl"))


@pytest.mark.parametrize("text", ["", "\n  \n"])
def test_a_vacancy_jsonl_of_blank_lines_is_an_empty_file(tmp_path: Path, text: str) -> None:
    """It once met a bug (an IndexError: no document to take the vacancy from)."""
    path = tmp_path / "v.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="empty file") as raised:
        load_vacancy(path)
    assert raised.value.location == Location(str(path), 1, 1)
