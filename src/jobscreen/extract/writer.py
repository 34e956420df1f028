"""The extraction as YAML, with its notes as comments."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from jobscreen.extract.state import Extraction

_NOT_IN_COMMENT = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


# plain scalars that YAML 1.2 readers, unlike PyYAML, would take for numbers or booleans
_PLAIN_12 = re.compile(
    r"[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|0o[0-7]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|true|false|True|False|TRUE|FALSE|null|Null|NULL|~"
)


def _scalar(value: Any) -> str:
    """One value as YAML that loads back as itself: '2016', 'no' and '12' stay strings."""
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    options: dict[str, Any] = {"allow_unicode": True, "width": 1 << 30}
    text = str(yaml.safe_dump(value, **options)).removesuffix("\n").removesuffix("\n...")
    if re.search("[\n\r\x85\u2028\u2029]", text):
        text = yaml.safe_dump(value, default_style='"', **options).removesuffix("\n")
    elif isinstance(value, str) and text == value and _PLAIN_12.fullmatch(value):
        text = yaml.safe_dump(value, default_style="'", **options).removesuffix("\n")
    return text


def _comment_text(message: str) -> str:
    return " ".join(_NOT_IN_COMMENT.sub(" ", message).split())


def _comment(notes: dict[tuple[str | int, ...], list[str]], path: tuple[str | int, ...]) -> str:
    messages = notes.get(path)
    return f"  # {_comment_text('; '.join(messages))}" if messages else ""


Notes = dict[tuple[str | int, ...], list[str]]


def _mapping_lines(
    data: dict[str, Any], path: tuple[str | int, ...], notes: Notes, indent: str
) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        lines += _item_lines(f"{indent}{_scalar(key)}:", value, (*path, key), notes, indent)
    return lines


def _item_lines(
    lead: str, value: Any, path: tuple[str | int, ...], notes: Notes, indent: str
) -> list[str]:
    if isinstance(value, dict) and value:
        return [lead + _comment(notes, path), *_mapping_lines(value, path, notes, indent + "  ")]
    if isinstance(value, list) and value:
        return [lead + _comment(notes, path), *_sequence_lines(value, path, notes, indent + "  ")]
    return [f"{lead} {_scalar(value)}{_comment(notes, path)}"]


def _sequence_lines(
    items: list[Any], path: tuple[str | int, ...], notes: Notes, indent: str
) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(items):
        here = (*path, number)
        if isinstance(item, dict) and item:
            lines += [f"{indent}# {_comment_text(m)}" for m in notes.get(here, [])]
            body = _mapping_lines(item, here, notes, indent + "  ")
            lines += [f"{indent}- {body[0].lstrip()}", *body[1:]]
        else:
            lines += _item_lines(f"{indent}-", item, here, notes, indent)
    return lines


def _comment_block(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return []
    return ["", f"# {title}:", *(f"#   - {_comment_text(item)}" for item in items)]


def to_yaml(extraction: Extraction) -> str:
    """Native YAML for ``extraction.data``, a comment on every inferred value, then comment
    blocks listing the unplaced sentences and the claims; it loads back to ``data``."""
    notes: Notes = {}
    for note in extraction.notes:
        notes.setdefault(note.path, []).append(note.message)
    lines = [f"# {_comment_text(m)}" for m in notes.get((), [])]
    lines += _mapping_lines(extraction.data, (), notes, "") or ["{}"]
    lines += _comment_block(
        "Unplaced (not read into any field; check by hand)", extraction.unplaced
    )
    lines += _comment_block("Claims (stated totals, not counted as posts)", extraction.claims)
    return "\n".join(lines) + "\n"
