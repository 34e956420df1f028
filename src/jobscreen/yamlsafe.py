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
from collections.abc import Iterator
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


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    anchor: str | None
    start: tuple[int, int]
    size: int = 1
    key: str | None = None
    key_mark: tuple[int, int] | None = None


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns one event stream into documents, enforcing the limits as it goes."""

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

    def fail(self, message: str, mark: tuple[int, int]) -> InputError:
        return InputError(message, Location(self.path, mark[0], mark[1]))

    def run(self, events: Iterator[Any]) -> list[Any]:
        for event in events:
            self.feed(event)
        return self.documents

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self.check_tag(event)
            self.add(self.scalar(event), event, 1)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.open(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.close()
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.anchors.clear()
            self.nodes = 0
            if self.positions is not None:
                self.positions.append(Positions())
        elif isinstance(event, yaml.DocumentEndEvent):
            self.documents.append(self.root)
            self.root = None

    def check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag not in ALLOWED_TAGS:
            raise self.fail(f"YAML tag {tag!r} is not allowed", _mark(event))

    @staticmethod
    def scalar(event: Any) -> Any:
        plain = event.implicit[0] and not event.style
        if plain and event.value in NULLS:
            return None
        if event.tag == "tag:yaml.org,2002:null":
            return None
        return event.value

    def count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise self.fail(
                f"document expands to more than {self.limits.max_nodes} values "
                "(alias expansion or size limit; see --max-nodes)",
                _mark(event),
            )

    def open(self, event: Any) -> None:
        self.check_tag(event)
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(
                f"nesting deeper than {self.limits.max_depth} levels (see --max-depth)",
                _mark(event),
            )
        is_map = isinstance(event, yaml.MappingStartEvent)
        container: dict[str, Any] | list[Any] = {} if is_map else []
        path = self.child_path(event)
        frame = _Frame(container, path, event.anchor, _mark(event))
        self.count(1, event)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.record_value(path, _mark(event))
        self.stack.append(frame)

    def close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self.attach(frame.container, frame.size, frame.start)

    def alias(self, event: Any) -> None:
        name = event.anchor
        if name in self.open_anchors:
            raise self.fail(f"alias *{name} refers to itself (recursive structure)", _mark(event))
        if name not in self.anchors:
            raise self.fail(f"alias *{name} has no anchor", _mark(event))
        value, size = self.anchors[name]
        self.count(size, event)
        self.add(value, event, size, counted=True)

    def add(self, value: Any, event: Any, size: int, counted: bool = False) -> None:
        if not counted:
            self.count(size, event)
        if self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None:
            self.set_key(value, event)
            return
        if isinstance(event, yaml.ScalarEvent) and event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.record_value(self.child_path(event), _mark(event))
        self.attach(value, size, _mark(event))

    def set_key(self, value: Any, event: Any) -> None:
        frame = self.stack[-1]
        mark = _mark(event)
        if not isinstance(event, yaml.ScalarEvent):
            raise self.fail("mapping keys must be plain text", mark)
        key = "" if value is None else str(value)
        assert isinstance(frame.container, dict)
        if key in frame.container:
            raise self.fail(f"duplicate key {key!r}", mark)
        frame.key = key
        frame.key_mark = mark
        if self.positions is not None:
            self.positions[-1].keys[(*frame.path, key)] = mark

    def child_path(self, event: Any) -> Path:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict) and frame.key is None:
            raise self.fail("mapping keys must be plain text", _mark(event))
        if self.positions is None:  # paths cost O(depth) each: build them only when recorded
            return ()
        key = frame.key if isinstance(frame.container, dict) else len(frame.container)
        assert key is not None
        return (*frame.path, key)

    def record_value(self, path: Path, mark: tuple[int, int]) -> None:
        if self.positions is not None:
            self.positions[-1].values[path] = mark

    def attach(self, value: Any, size: int, mark: tuple[int, int]) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, dict):
            assert frame.key is not None
            frame.container[frame.key] = value
            frame.key = None
            return
        if len(frame.container) >= self.limits.max_items:
            raise self.fail(
                f"list longer than {self.limits.max_items} items (see --max-items)", mark
            )
        frame.container.append(value)


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


def parse_yaml(text: str, path: str, limits: Limits | None = None) -> list[Any]:
    """Every document of a YAML text as plain data (dicts, lists, strings, None)."""
    builder = _Builder(path, limits or Limits(), None)
    try:
        return builder.run(yaml.parse(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        raise _syntax_error(path, exc) from None


def yaml_positions(text: str, path: str, limits: Limits | None = None) -> list[Positions]:
    """The positions of every value and key, per document (the slow path, for errors)."""
    positions: list[Positions] = []
    builder = _Builder(path, limits or Limits(), positions)
    with contextlib.suppress(yaml.YAMLError, InputError):
        builder.run(yaml.parse(text, Loader=_Loader))
    return positions
