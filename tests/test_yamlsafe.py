"""The bounded YAML reader: YAML 1.1 traps, tags, aliases, limits and positions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jobscreen import yamlsafe
from jobscreen.errors import InputError
from jobscreen.yamlsafe import Limits, parse_yaml, yaml_positions


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


# --- the one builder against PyYAML's own composer, and its limits exactly ---------------

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


def _plain(node: yaml.Node) -> object:
    """A node of PyYAML's composer as the builder's plain data: a null is None (as a key,
    the empty string), any other scalar the text written; aliases are their anchor's value."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == "tag:yaml.org,2002:null" else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    mapping: dict[object, object] = {}
    for key, value in node.value:
        name = _plain(key)
        mapping["" if name is None else name] = _plain(value)
    return mapping


def _composed(text: str) -> list[object]:
    """The reference: every document as PyYAML's composer reads it, made plain."""
    return [_plain(node) for node in yaml.compose_all(text, Loader=yaml.SafeLoader)]


def _within(document: object, limits: Limits) -> bool:
    """Whether a document of plain data fits the limits, counted as the limits are defined:
    every value and every key is a node; each list or mapping opens a level; a list holds
    at most max_items."""
    nodes, deepest, longest = 0, 0, 0
    todo: list[tuple[object, int]] = [(document, 0)]
    while todo:
        value, depth = todo.pop()
        nodes += 1
        if isinstance(value, list):
            deepest, longest = max(deepest, depth + 1), max(longest, len(value))
            todo += [(item, depth + 1) for item in value]
        elif isinstance(value, dict):
            deepest, nodes = max(deepest, depth + 1), nodes + len(value)
            todo += [(item, depth + 1) for item in value.values()]
    return nodes <= limits.max_nodes and deepest <= limits.max_depth and longest <= limits.max_items


LIMIT_ERRORS = ("nesting deeper than", "document expands to more than", "list longer than")


@settings(deadline=None)  # the suite profile's examples (conftest)
@given(
    docs=st.lists(_trees, min_size=1, max_size=3),
    flow=st.sampled_from([False, True, None]),
    limits=st.one_of(st.just(Limits()), _limits),
)
def test_documents_are_the_composers_within_the_limits_and_a_located_error_beyond(
    docs: list[object], flow: bool | None, limits: Limits
) -> None:
    text = yaml.safe_dump_all(docs, default_flow_style=flow, allow_unicode=True)
    expected = _composed(text)
    outcome = _outcome(lambda: parse_yaml(text, "t.yaml", limits))
    if all(_within(doc, limits) for doc in expected):
        assert outcome == expected
    else:
        assert isinstance(outcome, str)
        assert outcome.startswith("t.yaml:")
        assert any(error in outcome for error in LIMIT_ERRORS), outcome


def _count(value: object, keys: bool) -> int:
    """How many values a plain value holds, itself included, and its keys when ``keys``."""
    if isinstance(value, list):
        return 1 + sum(_count(item, keys) for item in value)
    if isinstance(value, dict):
        inner = sum(_count(item, keys) for item in value.values())
        return 1 + inner + (len(value) if keys else 0)
    return 1


@settings(deadline=None)  # the suite profile's examples (conftest)
@given(
    shared=st.lists(_trees, max_size=4) | st.dictionaries(st.text(max_size=6), _trees, max_size=4),
    copies=st.integers(1, 4),
)
def test_aliases_give_their_anchors_value_and_count_its_values_again(
    shared: object, copies: int
) -> None:
    """An alias counts as many nodes as its anchor's values (its keys are not counted again)."""
    written = yaml.safe_dump(shared, default_flow_style=True, width=10**6, allow_unicode=True)
    text = f"a: &x {written.strip()}\nb: [{', '.join(['*x'] * copies)}]\n"
    expected = _composed(text)
    assert parse_yaml(text, "t.yaml") == expected
    anchor = expected[0]["a"]  # type: ignore[index]
    nodes = 1 + 2 + _count(anchor, keys=True) + 1 + copies * _count(anchor, keys=False)
    assert parse_yaml(text, "t.yaml", Limits(max_nodes=nodes)) == expected
    with pytest.raises(InputError, match=f"expands to more than {nodes - 1} values"):
        parse_yaml(text, "t.yaml", Limits(max_nodes=nodes - 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x [1, 2]\nb: *x\n", [{"a": ["1", "2"], "b": ["1", "2"]}]),
        ("a: &x 1\nb: *x\n", [{"a": "1", "b": "1"}]),
        ("&k a: 1\nb: *k\n", "t.yaml:2:4: alias *k has no anchor"),  # a key's anchor: none
        ("--- &a [1]\n--- *a\n", "t.yaml:2:5: alias *a has no anchor"),  # per document
        ("a: &x [&x [1], *x]\n", [{"a": [["1"], ["1"]]}]),  # *x: the last &x closed
        (
            "x: !!python/object/apply:os.system [echo]\n",
            "t.yaml:1:4: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        ("x: !custom 1\n", "t.yaml:1:4: YAML tag '!custom' is not allowed"),
        ("? [a, b]\n: c\n", "t.yaml:1:3: mapping keys must be plain text"),
        ("? {a: b}\n: c\n", "t.yaml:1:3: mapping keys must be plain text"),
        ("a: &x 1\n? *x\n: 2\n", "t.yaml:2:3: mapping keys must be plain text"),
        ("a: 1\na: 2\n", "t.yaml:2:1: duplicate key 'a'"),
        ("a: [1, 2, 3, 4]\n", "t.yaml:1:14: list longer than 3 items (see --max-items)"),
        ("a: [[1], [2], [3], [4]]\n", "t.yaml:1:20: list longer than 3 items (see --max-items)"),
        ("a: {b: {c: {d: 1}}}\n", "t.yaml:1:12: nesting deeper than 3 levels (see --max-depth)"),
        (
            "a: [1, 2, 3]\nb: {c: 4, d: 5, e: 6}\n",
            "t.yaml:2:17: document expands to more than 12 values (alias expansion or size "
            "limit; see --max-nodes)",
        ),
        (
            "a: &x [1, 2]\nb: [*x, *x]\n",  # 1 + 2 keys + 3 + (1 + 3 + 3)
            "t.yaml:2:9: document expands to more than 12 values (alias expansion or size "
            "limit; see --max-nodes)",
        ),
    ],
)
def test_anchors_tags_keys_and_limits_give_their_value_or_located_error(
    text: str, expected: object
) -> None:
    limits = Limits(max_depth=3, max_nodes=12, max_items=3)
    assert _outcome(lambda: parse_yaml(text, "t.yaml", limits)) == expected


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
]


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_yaml_reads_as_the_composer_reads_it(text: str) -> None:
    assert parse_yaml(text, "t.yaml") == _composed(text)


def test_nulls_tags_and_styles() -> None:
    text = "a: ~\nb: 'null'\nc: !!null x\nd: !!str 3\n? \n: f\n---\n- null\n-\n"
    assert parse_yaml(text, "t.yaml") == [
        {"a": None, "b": "null", "c": None, "d": "3", "": "f"},
        [None, None],
    ]


def test_the_first_problem_met_is_the_one_reported() -> None:
    text = "a: [1, 2, 3, 4, 5]\nb: 2\nb: 3\n"  # over a limit, then a duplicate key
    limits = Limits(max_depth=2, max_nodes=6, max_items=2)
    assert _outcome(lambda: parse_yaml(text, "t.yaml", limits)) == (
        "t.yaml:1:11: list longer than 2 items (see --max-items)"
    )
    assert _outcome(lambda: parse_yaml(text, "t.yaml")) == "t.yaml:3:1: duplicate key 'b'"


def test_positions_of_aliases_lists_and_documents() -> None:
    text = "a: &x [1, {b: 2}]\nc: *x\n---\n- q\n- {r: s}\n"
    first, second = yaml_positions(text, "t")
    assert first.values == {
        (): (1, 1),
        ("a",): (1, 4),
        ("a", 0): (1, 8),
        ("a", 1): (1, 11),
        ("a", 1, "b"): (1, 15),
        ("c",): (2, 4),
    }
    assert first.keys == {("a",): (1, 1), ("a", 1, "b"): (1, 12), ("c",): (2, 1)}
    assert second.values == {(): (4, 1), (0,): (4, 3), (1,): (5, 3), (1, "r"): (5, 7)}
    assert second.keys == {(1, "r"): (5, 4)}
