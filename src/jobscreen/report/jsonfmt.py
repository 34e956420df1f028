"""JSON and JSON Lines: the contract scripts rely on; a dump of the result objects."""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from jobscreen.report.base import Reporter
from jobscreen.report.data import result_dict, screening_parts
from jobscreen.results import JSON_TEXT, Matching, Screening, digest_bytes

DEPTH = "    "  # each result's indent in the JSON document: top object, then the results list


# Made once: json.dumps with options builds an encoder per call. Reports are trees of fresh
# dicts and lists, never circular, so the encoder need not track what it has visited. The
# indented one is the one a record's digest is defined by.
_INDENTED = JSON_TEXT
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def dumps(data: Any) -> str:
    return _INDENTED.encode(data)


def compact(data: Any) -> str:
    return _COMPACT.encode(data)


def _indented(data: Any) -> str:
    """A result as the JSON document holds it: indented to its depth in the results list."""
    return DEPTH + dumps(data).replace("\n", "\n" + DEPTH)  # JSON text has no raw newline


def matching_dict(matching: Matching) -> dict[str, Any]:
    return {
        "candidate": matching.candidate,
        "as_of": matching.as_of.isoformat() if matching.as_of else None,
        "jobscreen_version": matching.version,
        "summary": matching.counts.to_dict(),
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


class _Digesting:
    """Writes text through, and hashes it as a record's digest reads it."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.hash = out, hashlib.sha256()

    def write(self, text: str) -> None:
        self.out.write(text)
        self.hash.update(digest_bytes(text))


class JsonReporter(Reporter):
    name = "json"

    def screening(self, screening: Screening) -> None:
        """json.dumps of the whole screening_dict, written a result at a time.

        A decision record's digest (:func:`jobscreen.results.content_digest`) is the hash of
        the text written, with the tail as it would be without the digest.
        """
        blind = screening.options.blind
        head, tail = screening_parts(screening)
        out = _Digesting(self.out)
        out.write(dumps(head)[:-2] + ',\n  "results": ')  # up to the closing "\n}"
        if not screening.results:
            out.write("[]")
        else:
            out.write("[\n")
            for i, ranked in enumerate(screening.results):
                if i:
                    out.write(",\n")
                out.write(_indented(result_dict(ranked, blind)))
            out.write("\n  ]")
        ending = ",\n" + dumps(tail)[2:] + "\n"  # after the opening "{\n"
        if "record" in tail:
            out.hash.update(digest_bytes(ending))
            digest = out.hash.hexdigest()
            ending = ",\n" + dumps({**tail, "record": {**tail["record"], "digest": digest}})[2:]
            ending += "\n"
        self.out.write(ending)

    def matching(self, matching: Matching) -> None:
        self.out.write(dumps(matching_dict(matching)) + "\n")


class JsonLinesReporter(Reporter):
    """One compact object per line: each result, then each input error (``"error": true``),
    then the counts (``"summary"``), as -f json holds them: the last line."""

    name = "jsonl"

    def line(self, data: dict[str, Any]) -> None:
        self.out.write(compact(data) + "\n")

    def screening(self, screening: Screening) -> None:
        blind = screening.options.blind
        for ranked in screening.results:
            self.line({"vacancy": screening.vacancy_id, **result_dict(ranked, blind)})
        for error in screening.errors:
            self.line({"vacancy": screening.vacancy_id, "error": True, **error.to_dict(blind)})
        self.line({"vacancy": screening.vacancy_id, "summary": screening.counts.to_dict()})

    def matching(self, matching: Matching) -> None:
        data = matching_dict(matching)
        for match in data["matches"]:
            self.line({"candidate": matching.candidate, **match})
        self.line({"candidate": matching.candidate, "summary": data["summary"]})
