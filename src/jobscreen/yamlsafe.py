"""Safe, bounded YAML reading: events in, plain data out, positions on demand.

The tree is built from the parser's event stream rather than with ``yaml.load`` so that
nesting depth, alias expansion and list lengths are bounded before any structure exists
(libyaml's own composer recurses and can crash the process on deep input), so that no tag
can construct an object, and so that YAML 1.1 surprises never reach the models: every plain
scalar stays the string it was written as (``no`` is Norwegian, ``3.10`` is not ``3.1``,
``0777`` is not octal), except the empty value and ``null``/``~``, which are None. The models
convert strings to numbers, booleans and dates where they expect them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from jobscreen.errors import InputError, Location
from jobscreen.limits import Limits

__all__ = ["Limits", "Positions", "parse_yaml", "yaml_positions"]

try:  # the C parser when libyaml is present, else the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
ALLOWED_TAGS = frozenset(
    {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
        "!",
    }
)

Key = str | int
Path = tuple[Key, ...]


@dataclass
class Positions:
    """Where each value (and each mapping key) starts, by path, 1-based."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    is_map: bool
    path: Path
    anchor: str | None
    start: Any  # the opening event, for its position
    size: int = 1
    key: str | None = None


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


NULL_TAG = "tag:yaml.org,2002:null"


class _Builder:
    """Turns one event stream into documents, enforcing the limits as it goes.

    Positions are recorded only when asked for (``yaml_positions``, to locate an error);
    otherwise an event's position is taken only to report a problem with it.
    """

    def __init__(self, path: str, limits: Limits, positions: list[Positions] | None) -> None:
        self.path = path
        self.limits = limits
        self.positions = positions
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.documents: list[Any] = []
        self.root: Any = None

    def fail(self, message: str, event: Any) -> InputError:
        line, column = _mark(event)
        return InputError(message, Location(self.path, line, column))

    def run(self, text: str) -> list[Any]:
        handlers = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.open,
            yaml.SequenceStartEvent: self.open,
            yaml.MappingEndEvent: self.close,
            yaml.SequenceEndEvent: self.close,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.start_document,
            yaml.DocumentEndEvent: self.end_document,
        }
        parser = _Loader(text)
        try:  # both parsers give None after the stream's end
            while (event := parser.get_event()) is not None:
                handler = handlers.get(type(event))
                if handler is not None:
                    handler(event)
        finally:
            parser.dispose()
        return self.documents

    def start_document(self, _: Any) -> None:
        self.anchors.clear()
        self.nodes = 0
        if self.positions is not None:
            self.positions.append(Positions())

    def end_document(self, _: Any) -> None:
        self.documents.append(self.root)
        self.root = None

    def check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag not in ALLOWED_TAGS:
            raise self.fail(f"YAML tag {tag!r} is not allowed", event)

    def scalar(self, event: Any) -> None:
        self.check_tag(event)
        value = event.value
        if (event.implicit[0] and not event.style and value in NULLS) or event.tag == NULL_TAG:
            value = None
        self.add(value, event, 1)

    def count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            cause = "alias expansion or size limit"
            raise self.fail(
                f"document expands to more than {self.limits.max_nodes} values"
                + self.limits.hint("max-nodes", cause),
                event,
            )

    def open(self, event: Any) -> None:
        self.check_tag(event)
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(
                f"nesting deeper than {self.limits.max_depth} levels"
                + self.limits.hint("max-depth"),
                event,
            )
        is_map = type(event) is yaml.MappingStartEvent
        container: dict[str, Any] | list[Any] = {} if is_map else []
        path = self.child_path(event)
        frame = _Frame(container, is_map, path, event.anchor, event)
        self.count(1, event)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.record_value(path, event)
        self.stack.append(frame)

    def close(self, _: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self.attach(frame.container, frame.size, frame.start)

    def alias(self, event: Any) -> None:
        name = event.anchor
        if name in self.open_anchors:
            raise self.fail(f"alias *{name} refers to itself (recursive structure)", event)
        if name not in self.anchors:
            raise self.fail(f"alias *{name} has no anchor", event)
        value, size = self.anchors[name]
        self.count(size, event)
        self.add(value, event, size, counted=True)

    def add(self, value: Any, event: Any, size: int, counted: bool = False) -> None:
        if not counted:
            self.count(size, event)
        stack = self.stack
        if stack and stack[-1].is_map and stack[-1].key is None:
            self.set_key(value, event)
            return
        if event.anchor and type(event) is yaml.ScalarEvent:
            self.anchors[event.anchor] = (value, 1)
        if self.positions is not None:
            self.record_value(self.child_path(event), event)
        self.attach(value, size, event)

    def set_key(self, value: Any, event: Any) -> None:
        frame = self.stack[-1]
        if type(event) is not yaml.ScalarEvent:
            raise self.fail("mapping keys must be plain text", event)
        key = "" if value is None else str(value)
        assert isinstance(frame.container, dict)
        if key in frame.container:
            raise self.fail(f"duplicate key {key!r}", event)
        frame.key = key
        if self.positions is not None:
            self.positions[-1].keys[(*frame.path, key)] = _mark(event)

    def child_path(self, event: Any) -> Path:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.is_map and frame.key is None:
            raise self.fail("mapping keys must be plain text", event)
        if self.positions is None:  # paths cost O(depth) each: build them only when recorded
            return ()
        key = frame.key if frame.is_map else len(frame.container)
        assert key is not None
        return (*frame.path, key)

    def record_value(self, path: Path, event: Any) -> None:
        if self.positions is not None:
            self.positions[-1].values[path] = _mark(event)

    def attach(self, value: Any, size: int, event: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        container = frame.container
        if frame.is_map:
            assert isinstance(container, dict)
            assert frame.key is not None
            container[frame.key] = value
            frame.key = None
            return
        assert isinstance(container, list)
        if len(container) >= self.limits.max_items:
            raise self.fail(
                f"list longer than {self.limits.max_items} items" + self.limits.hint("max-items"),
                event,
            )
        container.append(value)


def _syntax_error(path: str, exc: yaml.YAMLError) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    if mark is None:
        return InputError(message, Location(path, 1, 1))
    return InputError(message, Location(path, mark.line + 1, mark.column + 1))


class _Unusual(Exception):
    """The one-loop reader met something only ``_Builder`` handles: an anchor, an alias, a
    tag that is not allowed, a key that is not a scalar, a duplicate key, or a limit crossed."""


_NO_KEY: Any = object()  # a mapping waiting for its next key


def _fast_documents(text: str, limits: Limits) -> list[Any]:
    """``_Builder``'s documents for the usual CV, in one loop with no method calls.

    Plain mappings, lists and scalars only, within the limits: for anything else it raises
    ``_Unusual`` and the caller starts again with ``_Builder``, which builds the unusual
    document or gives its located error. tests/test_yamlsafe.py holds the two equal.
    """
    max_nodes, max_depth, max_items = limits.max_nodes, limits.max_depth, limits.max_items
    scalar_event, mapping_start = yaml.ScalarEvent, yaml.MappingStartEvent
    openers = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    closers = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    documents: list[Any] = []
    stack: list[Any] = []  # open containers, innermost last
    keys: list[Any] = []  # for each open mapping, its pending key (lists: unused)
    root: Any = None  # the document's top value
    nodes = 0
    parser = _Loader(text)
    get_event: Callable[[], Any] = parser.get_event
    try:
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar_event or kind in openers:
                if event.anchor is not None or (
                    event.tag is not None and event.tag not in ALLOWED_TAGS
                ):
                    raise _Unusual
                nodes += 1
                if nodes > max_nodes:
                    raise _Unusual
                wants_key = bool(stack) and type(stack[-1]) is dict and keys[-1] is _NO_KEY
                if kind is not scalar_event:  # a mapping or list opens
                    if wants_key or len(stack) >= max_depth:  # as a key, or too deep
                        raise _Unusual
                    stack.append({} if kind is mapping_start else [])
                    keys.append(_NO_KEY)
                    continue
                value = event.value
                if (event.implicit[0] and not event.style and value in NULLS) or (
                    event.tag == NULL_TAG
                ):
                    value = None
                if wants_key:
                    key = "" if value is None else value
                    if key in stack[-1]:
                        raise _Unusual
                    keys[-1] = key
                    continue
            elif kind in closers:
                value = stack.pop()
                keys.pop()
            elif kind is yaml.DocumentStartEvent:
                nodes = 0
                continue
            elif kind is yaml.DocumentEndEvent:
                documents.append(root)
                root = None
                continue
            elif kind is yaml.AliasEvent:
                raise _Unusual
            else:
                continue
            if not stack:
                root = value
            elif type(container := stack[-1]) is dict:
                container[keys[-1]] = value
                keys[-1] = _NO_KEY
            elif len(container) >= max_items:
                raise _Unusual
            else:
                container.append(value)
    finally:
        parser.dispose()
    return documents


PARSER_DEPTH_PROBLEM = "exceeded maximum nesting depth"  # libyaml 0.2.6's own limit


def _parser_depth_error(text: str, path: str, limits: Limits, exc: yaml.YAMLError) -> InputError:
    """The error for a text that libyaml refused for its own nesting limit (1,000 levels).

    libyaml looks ahead for a possible key across up to 1,024 characters of a line, so it can
    meet its limit before jobscreen's builder has seen the level that crosses ``max_depth``.
    Built again from the text before libyaml's mark, the builder finds that level itself, so
    the message and place are jobscreen's whichever libyaml is underneath; only a limit raised
    above libyaml's gets libyaml's refusal, located and said in jobscreen's words.
    """
    mark = exc.problem_mark  # type: ignore[attr-defined]
    line_start = 0
    for _ in range(mark.line):
        line_start = text.index("\n", line_start) + 1
    try:
        _Builder(path, limits, None).run(text[: line_start + mark.column])
    except InputError as own:
        return own
    except yaml.YAMLError:
        pass  # the cut text ends mid-structure: libyaml's refusal stands
    return InputError(
        "nesting deeper than the YAML parser itself allows (about 1000 levels), "
        "whatever --max-depth says",
        Location(path, mark.line + 1, mark.column + 1),
    )


def _is_parser_depth_limit(exc: yaml.YAMLError) -> bool:
    return PARSER_DEPTH_PROBLEM in str(getattr(exc, "problem", "") or "") and (
        getattr(exc, "problem_mark", None) is not None
    )


def parse_yaml(text: str, path: str, limits: Limits | None = None) -> list[Any]:
    """Every document of a YAML text as plain data (dicts, lists, strings, None)."""
    limits = limits or Limits()
    try:
        try:
            return _fast_documents(text, limits)
        except _Unusual:
            return _Builder(path, limits, None).run(text)
    except yaml.YAMLError as exc:
        if _is_parser_depth_limit(exc):
            raise _parser_depth_error(text, path, limits, exc) from None
        raise _syntax_error(path, exc) from None


def yaml_positions(text: str, path: str, limits: Limits | None = None) -> list[Positions]:
    """The positions of every value and key, per document (the slow path, for errors)."""
    positions: list[Positions] = []
    builder = _Builder(path, limits or Limits(), positions)
    with contextlib.suppress(yaml.YAMLError, InputError):
        builder.run(text)
    return positions
