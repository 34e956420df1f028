"""JSON Schemas of the vacancy and CV formats, in draft-07 (what yaml-language-server supports)."""

from __future__ import annotations

import json
from typing import Any

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
BASE_ID = "https://jobscreen.invalid/schemas"
DROPPED_KEYWORDS = frozenset({"discriminator"})  # OpenAPI, not JSON Schema


def _draft07(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 output: $defs -> definitions, drop non-draft-07 keywords."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in DROPPED_KEYWORDS:
                continue
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out["definitions" if key == "$defs" else key] = _draft07(value)
        return out
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def build_schema(which: str) -> dict[str, Any]:
    """The JSON Schema of 'vacancy' or 'cv'."""
    if which == "vacancy":
        from jobscreen.vacancy import Vacancy as model
    else:
        from jobscreen.cv import CVFile as model  # type: ignore[assignment]
    raw = model.model_json_schema(mode="validation")
    schema = {"$schema": DRAFT_07, "$id": f"{BASE_ID}/{which}.schema.json", **_draft07(raw)}
    schema["title"] = "jobscreen vacancy" if which == "vacancy" else "jobscreen CV summary"
    return schema


def schema_text(which: str) -> str:
    return json.dumps(build_schema(which), indent=2, ensure_ascii=False) + "\n"
