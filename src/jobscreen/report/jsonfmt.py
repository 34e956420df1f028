"""JSON and JSON Lines: the contract scripts rely on; a dump of the result objects."""

from __future__ import annotations

import json
from typing import Any

from jobscreen.report.base import Reporter
from jobscreen.report.data import result_dict, screening_dict
from jobscreen.results import Matching, Screening


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def matching_dict(matching: Matching) -> dict[str, Any]:
    return {
        "candidate": matching.candidate,
        "as_of": matching.as_of.isoformat() if matching.as_of else None,
        "jobscreen_version": matching.version,
        "matches": [
            {
                "rank": m.rank,
                "vacancy": {"id": m.vacancy_id, "title": m.vacancy_title},
                "as_of": m.as_of.isoformat() if m.as_of else None,
                "eligible": m.assessment.eligible,
                "score": m.assessment.score,
                "unmet": [r.id for r in m.assessment.unmet_mandatory],
                "review": [r.id for r in m.assessment.review],
                "rules": [r.to_dict() for r in m.assessment.rules],
            }
            for m in matching.matches
        ],
    }


class JsonReporter(Reporter):
    name = "json"

    def screening(self, screening: Screening) -> None:
        self.out.write(dumps(screening_dict(screening)) + "\n")

    def matching(self, matching: Matching) -> None:
        self.out.write(dumps(matching_dict(matching)) + "\n")


class JsonLinesReporter(Reporter):
    """One compact object per line: each result, then each input error (``"error": true``)."""

    name = "jsonl"

    def line(self, data: dict[str, Any]) -> None:
        self.out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")

    def screening(self, screening: Screening) -> None:
        blind = bool(screening.options.get("blind"))
        for ranked in screening.results:
            self.line({"vacancy": screening.vacancy_id, **result_dict(ranked, blind)})
        for error in screening.errors:
            self.line({"vacancy": screening.vacancy_id, "error": True, **error.to_dict()})

    def matching(self, matching: Matching) -> None:
        for match in matching_dict(matching)["matches"]:
            self.line({"candidate": matching.candidate, **match})
