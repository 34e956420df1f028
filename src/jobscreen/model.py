"""The base of every input model: strict, immutable, free of control and invisible characters."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    model_validator,
)

from jobscreen.errors import CONTROL as _CONTROL

# Tabs and newlines stay; every other C0/C1 control character (ESC among them), and every
# character that reorders or hides text (bidirectional controls, zero-width characters: see
# errors.UNSAFE), is dropped, so that no CV or vacancy text can drive the terminal that shows
# a report, or pass for another candidate's. A lone surrogate (JSON's "\ud800") is no
# character at all and cannot be written out as UTF-8: it becomes U+FFFD, the replacement
# character, as in text decoded with errors="replace".
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNCLEAN = re.compile(f"{_CONTROL.pattern[:-1]}\ud800-\udfff]")  # either, in one search


def one_line(text: str) -> str:
    """A one-line field's text (a name, an id, a title): each run of spaces, line breaks and
    tabs (any whitespace: U+2028, the line separator, too) becomes one space, and none is left
    at either end, so that no field can add a line to a report, or push its end onto the next
    line of a terminal with padding."""
    return " ".join(text.split())


# A field shown on one line: a name, an id, a title, an organisation, a rule's notice text.
Line = Annotated[str, AfterValidator(one_line)]


def not_a_flag(value: Any) -> Any:
    """Refuse JSON's and YAML's true and false where a number goes: pydantic would read them
    as 1 and 0 (a weight of 1, a year 1)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")  # noqa: TRY004 - pydantic
    return value


# Every int and float field of the input models: a number, never true or false.
Int = Annotated[int, BeforeValidator(not_a_flag)]
Float = Annotated[float, BeforeValidator(not_a_flag)]


def _clean_text(text: str) -> str:
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _clean_text(value) if _UNCLEAN.search(value) else value
    if isinstance(value, list):
        return [_clean(v) if isinstance(v, str) else v for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _clean(v) if isinstance(v, str) else v for k, v in value.items()}
    return value


def _unclean(value: Any) -> bool:
    """Whether cleaning would change a value: a text, or a text in a list or a mapping."""
    if isinstance(value, str):
        return _UNCLEAN.search(value) is not None
    if isinstance(value, list | dict):
        items = value.values() if isinstance(value, dict) else value
        return any(isinstance(v, str) and _UNCLEAN.search(v) for v in items)
    return False


class Model(BaseModel):
    """Unknown keys are errors; instances are immutable; text has no control characters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any) -> Any:
        # one search a text; a new mapping only for the rare input that needs cleaning
        if isinstance(data, dict) and any(_unclean(v) for v in data.values()):
            return {k: _clean(v) for k, v in data.items()}
        return data
