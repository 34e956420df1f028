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
from collections.abc import Callable, Iterable
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

    def known(self, path: Path) -> bool:
        """Whether the file holds this path; asked one path at a time, never by listing
        every path (a vacancy of 10,000 rules once took 145 s to validate that way)."""
        return path in self.values or path in self.keys

    def find(self, loc: Iterable[Key], at_key: bool = False) -> tuple[int, int]:
        """The 1-based (line, column) of a pydantic ``loc``: the deepest part in the file.

        Parts that are not in the file (a union's tag, a missing key) are skipped, so a missing
        key points at its parent mapping; ``at_key`` points at a key rather than its value.
        """
        parts = list(loc)
        path: Path = ()
        for index, part in enumerate(parts):
            candidate = (*path, part)
            following = parts[index + 1 : index + 2]
            # a union's tag can also be a key ("language" is a kind and a field): it is the
            # tag when the next part sits beside it rather than below it
            if (
                following
                and self.known((*path, *following))
                and not self.known((*candidate, *following))
            ):
                continue
            if self.known(candidate):
                path = candidate
        spot = self.keys.get(path) if at_key else None
        return spot or self.values.get(path) or self.keys.get(path) or (1, 1)


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


NULL_TAG = "tag:yaml.org,2002:null"
_NO_KEY: Any = object()  # an open mapping waiting for its next key
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAP_START, _SEQ_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DOC_START, _DOC_END = yaml.DocumentStartEvent, yaml.DocumentEndEvent


class _Builder:
    """Turns one event stream into documents, enforcing the limits as it goes.

    It reads every CV, so the usual event (a plain scalar, a mapping or a list opening or
    closing) is handled in one loop with its state in local variables, no method called;
    anchors, aliases, errors and positions call out. Positions are recorded only when asked
    for (``yaml_positions``, to locate an error); otherwise an event's position is taken only
    to report a problem with it.
    """

    def __init__(self, path: str, limits: Limits, positions: list[Positions] | None) -> None:
        self.path = path
        self.limits = limits
        self.positions = positions
        self.paths: list[Path] = []  # with positions: each open container's path
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()

    def fail(self, message: str, event: Any) -> InputError:
        line, column = _mark(event)
        return InputError(message, Location(self.path, line, column))

    def run(self, text: str) -> list[Any]:
        parser = _Loader(text)
        try:  # both parsers give None after the stream's end
            return self.documents(parser.get_event)
        finally:
            parser.dispose()

    def documents(self, get_event: Callable[[], Any]) -> list[Any]:
        """Every document of the stream; the one loop (see the class)."""
        max_nodes, max_items = self.limits.max_nodes, self.limits.max_items
        record, anchors, open_anchors = self.positions is not None, self.anchors, self.open_anchors
        documents: list[Any] = []
        stack: list[Any] = []  # open containers, innermost last
        keys: list[Any] = []  # for each: a mapping's pending key or _NO_KEY; None for a list
        starts: list[Any] = []  # for each: its opening event
        sizes: list[tuple[int, int]] = []  # each open anchored container: values, keys before
        root: Any = None
        nodes = keys_seen = 0  # values and keys counted in this document; keys alone
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is _SCALAR:
                tag = event.tag
                if tag is not None and tag not in ALLOWED_TAGS:
                    raise self.bad_tag(event)
                value = event.value
                if (event.implicit[0] and not event.style and value in NULLS) or tag == NULL_TAG:
                    value = None
                nodes += 1
                if nodes > max_nodes:
                    raise self.too_many(event)
                if stack and keys[-1] is _NO_KEY:
                    keys[-1] = self.key(value, stack[-1], event)
                    keys_seen += 1
                    continue
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                if record:
                    self.record_value(stack, keys, event)
            elif kind is _MAP_START or kind is _SEQ_START:
                self.check_open(event, stack, keys)
                nodes += 1
                if nodes > max_nodes:
                    raise self.too_many(event)
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                    sizes.append((nodes - 1, keys_seen))
                if record:
                    self.paths.append(self.record_value(stack, keys, event))
                is_map = kind is _MAP_START
                stack.append({} if is_map else [])
                keys.append(_NO_KEY if is_map else None)
                starts.append(event)
                continue
            elif kind is _MAP_END or kind is _SEQ_END:
                value, event = stack.pop(), starts.pop()  # a problem attaching it is at its start
                keys.pop()
                if record:
                    self.paths.pop()
                if event.anchor is not None:
                    before, keys_before = sizes.pop()
                    self.close_anchor(
                        event.anchor, value, nodes - before - (keys_seen - keys_before)
                    )
            elif kind is _ALIAS:
                value, size = self.alias(event)
                nodes += size
                if nodes > max_nodes:
                    raise self.too_many(event)
                if stack and keys[-1] is _NO_KEY:
                    raise self.fail("mapping keys must be plain text", event)
                if record:
                    self.record_value(stack, keys, event)
            elif kind is _DOC_START:
                anchors.clear()
                nodes = 0
                if self.positions is not None:
                    self.positions.append(Positions())
                continue
            elif kind is _DOC_END:
                documents.append(root)
                root = None
                continue
            else:
                continue
            if not stack:
                root = value
            elif (key := keys[-1]) is not None:
                stack[-1][key] = value
                keys[-1] = _NO_KEY
            elif len(container := stack[-1]) >= max_items:
                raise self.fail(
                    f"list longer than {max_items} items" + self.limits.hint("max-items"), event
                )
            else:
                container.append(value)
        return documents

    def bad_tag(self, event: Any) -> InputError:
        return self.fail(f"YAML tag {event.tag!r} is not allowed", event)

    def too_many(self, event: Any) -> InputError:
        cause = "alias expansion or size limit"
        return self.fail(
            f"document expands to more than {self.limits.max_nodes} values"
            + self.limits.hint("max-nodes", cause),
            event,
        )

    def check_open(self, event: Any, stack: list[Any], keys: list[Any]) -> None:
        """A mapping or list may open here: its tag allowed, not too deep, not as a key."""
        if event.tag is not None and event.tag not in ALLOWED_TAGS:
            raise self.bad_tag(event)
        if len(stack) >= self.limits.max_depth:
            raise self.fail(
                f"nesting deeper than {self.limits.max_depth} levels"
                + self.limits.hint("max-depth"),
                event,
            )
        if stack and keys[-1] is _NO_KEY:
            raise self.fail("mapping keys must be plain text", event)

    def key(self, value: str | None, mapping: dict[str, Any], event: Any) -> str:
        """A mapping's next key: not one it holds already; its position, when recorded."""
        key = "" if value is None else value
        if key in mapping:
            raise self.fail(f"duplicate key {key!r}", event)
        if self.positions is not None:
            self.positions[-1].keys[(*self.paths[-1], key)] = _mark(event)
        return key

    def alias(self, event: Any) -> tuple[Any, int]:
        """The value an alias repeats, and how many values it counts for."""
        name = event.anchor
        if name in self.open_anchors:
            raise self.fail(f"alias *{name} refers to itself (recursive structure)", event)
        if name not in self.anchors:
            raise self.fail(f"alias *{name} has no anchor", event)
        return self.anchors[name]

    def close_anchor(self, name: str, value: Any, size: int) -> None:
        self.open_anchors.discard(name)
        self.anchors[name] = (value, size)

    def child_path(self, stack: list[Any], keys: list[Any]) -> Path:
        """The path of the value about to be added to the innermost open container."""
        if not stack:
            return ()
        key = keys[-1] if keys[-1] is not None else len(stack[-1])
        return (*self.paths[-1], key)

    def record_value(self, stack: list[Any], keys: list[Any], event: Any) -> Path:
        """Record where the value about to be added starts; its path."""
        assert self.positions is not None
        path = self.child_path(stack, keys)
        self.positions[-1].values[path] = _mark(event)
        return path


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
