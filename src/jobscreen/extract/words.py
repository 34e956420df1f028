"""Words from data (src/jobscreen/wording/*.yaml) and the English words of prose."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _wording() -> list[dict[str, Any]]:
    """Each language's words the extractor reads beside English: one YAML file a language."""
    from importlib.resources import files

    folder = files("jobscreen").joinpath("wording")
    found = sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=str)
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in found]


_WORDING = _wording()


def _listed(key: str) -> list[str]:
    """Every language's words under ``key``, longest first (as a regex alternation wants)."""
    words = {str(w).lower() for data in _WORDING for w in data.get(key) or ()}
    return sorted(words, key=lambda w: (-len(w), w))


def _alternation(words: Sequence[str]) -> str:
    """Words as a regex alternation: spacing free, either apostrophe; never empty."""
    parts = [re.sub("['\u2019]", "['\u2019]", re.escape(w).replace(r"\ ", r"\s+")) for w in words]
    return "|".join(parts) or "(?!)"


_LOCAL_MONTHS = {
    str(k).lower(): int(v) for data in _WORDING for k, v in (data.get("months") or {}).items()
}
_LOCAL_LEVELS = {
    " ".join(str(k).lower().replace("-", " ").split()): str(v)
    for data in _WORDING
    for k, v in (data.get("levels") or {}).items()
}
_SINCE_WORDS = ("since", *_listed("since"))
_NARRATIVE = re.compile(
    r"\b(?:I|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|is|has|have|had|was|were|been)\b|\bas\s+(?:an?\s+)?[A-Z]"
)
# words of a sentence that tells a career, in every language the wording files name
_PROSE = re.compile(
    rf"{_NARRATIVE.pattern}|(?<!\w)(?i:{_alternation(_listed('narrative'))})(?!\w)"
    # 'puis comme premier secrétaire': a title told after 'comme'
    rf"|(?<!\w)(?:{_alternation(_listed('title_as'))})\s"
)
# words that join a post told in a sentence to the one before ('and', 'then', 'puis')
_JOINERS = re.compile(
    rf"^(?:(?:and|then|later|first|(?i:{_alternation(_listed('joiners'))}))(?!\w)[\s,]*)+"
)
