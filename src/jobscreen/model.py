"""The base of every input model: strict, immutable, free of control and invisible characters."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationInfo,
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
# The JSON and YAML escapes that can write one: \b \f \r \uXXXX; \0 \a \v \e \N \xXX \UXXXXXXXX
_ESCAPE = re.compile(r"\\[0abvfreNxuU]")
# Validation context key: the source text holds no control character and no escape that
# could make one, so the data parsed from it needs no cleaning (a text-wide search is far
# cheaper than visiting every value).
NO_CONTROLS = "no_controls"


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


def may_hold_controls(text: str) -> bool:
    """Whether data parsed from a JSON or YAML text could hold a control character (or a
    lone surrogate, which only an escape can write)."""
    return bool(_CONTROL.search(text) or _ESCAPE.search(text))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        if _CONTROL.search(value):
            value = _CONTROL.sub("", value)
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_clean(v) if isinstance(v, str) else v for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _clean(v) if isinstance(v, str) else v for k, v in value.items()}
    return value


class Model(BaseModel):
    """Unknown keys are errors; instances are immutable; text has no control characters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any, info: ValidationInfo) -> Any:
        if info.context and info.context.get(NO_CONTROLS):
            return data
        if isinstance(data, dict):
            return {k: _clean(v) for k, v in data.items()}
        return data
