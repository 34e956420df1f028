"""JSON Schemas of the vacancy and CV formats and of an organisation's vocabulary file, in
draft-07 (what yaml-language-server supports)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

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


SCHEMAS = {
    "vacancy": "jobscreen vacancy",
    "cv": "jobscreen CV summary",
    "vocabulary": "jobscreen organisation's vocabulary (jobscreen-vocabulary.yaml)",
}


def _model(which: str) -> type[BaseModel]:
    if which == "vacancy":
        from jobscreen.vacancy import Vacancy

        return Vacancy
    if which == "vocabulary":
        from jobscreen.orgvocab import OrganisationVocabulary

        return OrganisationVocabulary
    from jobscreen.cv import CVFile

    return CVFile


def build_schema(which: str) -> dict[str, Any]:
    """The JSON Schema of 'vacancy', 'cv' or 'vocabulary' (an organisation's file)."""
    raw = _model(which).model_json_schema(mode="validation", by_alias=True)
    schema = {"$schema": DRAFT_07, "$id": f"{BASE_ID}/{which}.schema.json", **_draft07(raw)}
    schema["title"] = SCHEMAS[which]
    return schema


def schema_text(which: str) -> str:
    return json.dumps(build_schema(which), indent=2, ensure_ascii=False) + "\n"
