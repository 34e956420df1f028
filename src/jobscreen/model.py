"""The base of every input model: strict, immutable, and free of control characters."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

# Tabs and newlines stay; every other C0/C1 control character (ESC among them) is dropped,
# so that no CV or vacancy text can drive the terminal that shows a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _CONTROL.sub("", value) if _CONTROL.search(value) else value
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
    def _no_control_characters(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: _clean(v) for k, v in data.items()}
        return data
