"""The bounded YAML reader: YAML 1.1 traps, tags, aliases, limits and positions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jobscreen import yamlsafe
from jobscreen.errors import InputError
from jobscreen.yamlsafe import (
    Limits,
    _Builder,
    _fast_documents,
    _Unusual,
    parse_yaml,
    yaml_positions,
)


def one(text: str, limits: Limits | None = None) -> object:
    return parse_yaml(text, "t.yaml", limits)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("language: no", {"language": "no"}),
        ("flag: on", {"flag": "on"}),
        ("answer: yes", {"answer": "yes"}),
        ("version: 3.10", {"version": "3.10"}),
        ("mode: 0777", {"mode": "0777"}),
        ("date: 2012-03-01", {"date": "2012-03-01"}),
        ("empty:", {"empty": None}),
        ("tilde: ~", {"tilde": None}),
        ("quoted: 'null'", {"quoted": "null"}),
    ],
)
def test_plain_scalars_stay_as_written(text: str, expected: dict[str, object]) -> None:
    assert one(text) == expected


def test_duplicate_key_is_located() -> None:
    with pytest.raises(InputError) as info:
        one("a: 1\nb: 2\na: 3\n")
    assert str(info.value) == "t.yaml:3:1: duplicate key 'a'"


def test_python_tag_is_refused_not_constructed() -> None:
    with pytest.raises(InputError, match=r"tag .* is not allowed"):
        one("x: !!python/object/apply:os.system [echo hacked]")


def test_self_referential_alias_is_refused() -> None:
    with pytest.raises(InputError, match="refers to itself"):
        one("a: &x [1, *x]")


def test_aliases_expand_when_bounded() -> None:
    assert one("a: &x [1, 2]\nb: *x") == {"a": ["1", "2"], "b": ["1", "2"]}


def test_billion_laughs_is_rejected_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(InputError, match="expands to more than 200000 values"):
        one("\n".join(lines))


@pytest.mark.parametrize("depth", [65, 50_000])
def test_deep_nesting_is_rejected_before_any_structure(depth: int) -> None:
    with pytest.raises(InputError, match="nesting deeper than 64 levels"):
        one("[" * depth + "]" * depth)


@pytest.mark.parametrize("loader", ["C", "pure Python"])
@pytest.mark.parametrize(
    ("prefix", "place"), [("", "1:65"), ("a: 1\nb: ", "2:67"), ("x: {y: ", "1:70")]
)
def test_the_depth_error_is_jobscreens_whichever_parser(
    loader: str, prefix: str, place: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml 0.2.6 stops at 1,000 levels while looking ahead: the place is still ours,
    at the bracket that opens level 65."""
    if loader == "pure Python":
        monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    with pytest.raises(InputError) as info:
        one(prefix + "[" * 2_000 + "]" * 2_000)
    assert str(info.value) == f"t.yaml:{place}: nesting deeper than 64 levels (see --max-depth)"


def _libyaml_limits_depth() -> bool:
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return False
    try:
        for _ in yaml.parse("[" * 1_500 + "]" * 1_500, Loader=loader):
            pass
    except yaml.YAMLError:
        return True
    return False


@pytest.mark.skipif(not _libyaml_limits_depth(), reason="this libyaml has no depth limit")
def test_a_limit_above_the_parsers_own_is_refused_in_our_words() -> None:
    text = "a: 1\nb: " + "[" * 3_000 + "]" * 3_000
    with pytest.raises(InputError, match="deeper than the YAML parser itself allows") as info:
        one(text, Limits(max_depth=10_000))
    assert str(info.value).startswith("t.yaml:2:")


def test_depth_limit_is_configurable() -> None:
    assert one("[[[x]]]", Limits(max_depth=3)) == [[["x"]]]
    with pytest.raises(InputError, match="deeper than 2"):
        one("[[[x]]]", Limits(max_depth=2))


def test_long_lists_are_capped() -> None:
    with pytest.raises(InputError, match="list longer than 3 items"):
        one("[1, 2, 3, 4]", Limits(max_items=3))


def test_multiple_documents_are_returned_in_order() -> None:
    assert parse_yaml("a: 1\n---\na: 2\n", "t") == [{"a": "1"}, {"a": "2"}]


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(InputError) as info:
        one("a: [1, 2\nb: 3\n")
    assert info.value.location is not None
    assert info.value.message.startswith("YAML syntax error:")
    assert info.value.location.line is not None


def test_positions_of_keys_and_values() -> None:
    positions = yaml_positions("a: 1\nb:\n  - c: x\n", "t")[0]
    assert positions.keys[("a",)] == (1, 1)
    assert positions.values[("a",)] == (1, 4)
    assert positions.keys[("b", 0, "c")] == (3, 5)
    assert positions.values[("b", 0, "c")] == (3, 8)


# --- the fast reader and the general one give the same documents and errors ---------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
)
_trees = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=25,
)
_limits = st.builds(
    Limits,
    max_depth=st.integers(1, 6),
    max_nodes=st.integers(1, 60),
    max_items=st.integers(1, 5),
)


def _outcome(read: Callable[[], list[object]]) -> object:
    """What reading gives: the documents, or the located error's text."""
    try:
        return read()
    except InputError as exc:
        return str(exc)


@given(
    docs=st.lists(_trees, min_size=1, max_size=3),
    flow=st.sampled_from([False, True, None]),
    limits=st.one_of(st.just(Limits()), _limits),
)
def test_fast_reader_agrees_with_the_general_one(
    docs: list[object], flow: bool | None, limits: Limits
) -> None:
    text = yaml.safe_dump_all(docs, default_flow_style=flow, allow_unicode=True)
    general = _outcome(lambda: _Builder("t.yaml", limits, None).run(text))
    try:
        fast: object = _fast_documents(text, limits)
    except _Unusual:  # the general reader then decides, and parse_yaml gives its answer
        fast = general
    assert fast == general
    assert _outcome(lambda: parse_yaml(text, "t.yaml", limits)) == general


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # anchor and alias
        "a: &x 1\n",  # anchor on a scalar
        "x: !!python/object/apply:os.system [echo]\n",  # a tag that is refused
        "x: !custom 1\n",
        "? [a, b]\n: c\n",  # a list as a key
        "? {a: b}\n: c\n",
        "a: 1\na: 2\n",  # duplicate key
        "a: [1, 2, 3, 4]\n",  # over max_items below
        "a: {b: {c: {d: 1}}}\n",  # over max_depth below
        "a: [1, 2, 3]\nb: [4, 5, 6]\nc: 7\n",  # over max_nodes below
    ],
)
def test_unusual_input_goes_to_the_general_reader(text: str) -> None:
    limits = Limits(max_depth=3, max_nodes=8, max_items=3)
    with pytest.raises(_Unusual):
        _fast_documents(text, limits)
    # parse_yaml catches the give-up (it never escapes) and answers as the general reader
    assert _outcome(lambda: parse_yaml(text, "t.yaml", limits)) == _outcome(
        lambda: _Builder("t.yaml", limits, None).run(text)
    )


# What safe_dump never writes: null and empty keys, tags on scalars and containers, document
# markers, directives, block scalars, flow pairs, a scalar root, empty and comment-only streams.
CRAFTED = [
    "",
    "# only a comment\n",
    "---\n...\n---\n",
    "--- a\n--- [b]\n--- {c: d}\n",
    "~: a\n",
    "null: a\n",
    "? \n: a\n",
    "'': a\nb: ''\n",
    "a: !!null x\nb: ! null\nc: !!str\nd: !!int 07\ne: !!bool no\n",
    "!!map {a: b}\n",
    "!!seq [a, ~, null, '']\n",
    "!!str {a: b}\n",
    "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n--- a\n",
    "a: !<!> b\n",
    "[a: b, c: d]\n",
    "{a, b}\n",
    "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n",
    "a: [[[[]]]]\nb: {c: {d: {}}}\n",
    "- [1, 2]\n- [3, 4]\n- 5\n",
    "just a scalar\n",
    "a: 1\nb: [2\n",  # a syntax error
    "a: [1, 2, 3, 4, 5]\nb: 2\nb: 3\n",  # over a limit, then a duplicate key
]


@pytest.mark.parametrize("text", CRAFTED)
@pytest.mark.parametrize(
    "limits",
    [Limits(), Limits(max_depth=2, max_nodes=6, max_items=2), Limits(0, 0, 0, 0)],
    ids=["default", "small", "zero"],
)
def test_fast_reader_agrees_on_crafted_yaml(text: str, limits: Limits) -> None:
    def general() -> list[object]:
        try:
            return _Builder("t.yaml", limits, None).run(text)
        except yaml.YAMLError as exc:
            return [f"syntax error at {getattr(exc, 'problem_mark', None)}"]

    try:
        fast: object = _fast_documents(text, limits)
    except _Unusual:  # the general reader decides; the test above checks parse_yaml lets it
        # within the default limits, only the duplicate key needs the general reader
        assert limits != Limits() or text == CRAFTED[-1]
        return
    except yaml.YAMLError as exc:
        fast = [f"syntax error at {getattr(exc, 'problem_mark', None)}"]
    assert fast == _outcome(general)


def test_fast_reader_keeps_nulls_tags_and_styles_as_the_general_one() -> None:
    text = "a: ~\nb: 'null'\nc: !!null x\nd: !!str 3\n? \n: f\n---\n- null\n-\n"
    assert _fast_documents(text, Limits()) == _Builder("t.yaml", Limits(), None).run(text)
    assert _fast_documents(text, Limits()) == [
        {"a": None, "b": "null", "c": None, "d": "3", "": "f"},
        [None, None],
    ]
