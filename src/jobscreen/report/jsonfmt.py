"""JSON and JSON Lines: the contract scripts rely on; a dump of the result objects.

A result's text is prepared apart from its rank, with ``RANK`` (a NUL, which json.dumps
never writes raw: it escapes every C0 control character) where the rank goes. In a batch the
workers prepare it (:func:`preparer`), so that the main process only writes it out; the
reporters use it only when it was prepared for their own format and blind mode, and prepare
it with the same function otherwise, so the output is the same either way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from jobscreen.report.base import Reporter
from jobscreen.report.data import result_head, result_tail, screening_parts
from jobscreen.results import (
    JSON_TEXT,
    Assessment,
    Matching,
    Prepare,
    Ranked,
    Screening,
    digest_bytes,
)

RANK = "\0"
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


def prepare_json(blind: bool, assessment: Assessment) -> str:
    """A result as the JSON document holds it, indented to its depth, with RANK for its rank."""
    head, tail = dumps(result_head(assessment, blind)), dumps(result_tail(assessment))
    text = f'{head[:-2]},\n  "rank": {RANK},\n{tail[2:]}'  # '{\n  "k": v,\n  ...\n}' each
    return DEPTH + text.replace("\n", "\n" + DEPTH)  # JSON text has no raw newline in strings


def prepare_jsonl(blind: bool, assessment: Assessment) -> str:
    """A result's JSON Lines object without its "vacancy" key, with RANK for its rank."""
    head, tail = compact(result_head(assessment, blind)), compact(result_tail(assessment))
    return f'{head[:-1]},"rank":{RANK},{tail[1:]}'  # '{"k":v,...}' each


_PREPARE = {"json": prepare_json, "jsonl": prepare_jsonl}


@dataclass(frozen=True)
class Preparer:
    """Renders results for one JSON format and blind mode (picklable: the workers use it).

    Equal preparers render the same text, so a reporter can tell whether a result's prepared
    text is what it would write itself.
    """

    fmt: str
    blind: bool

    def __call__(self, assessment: Assessment) -> str:
        return _PREPARE[self.fmt](self.blind, assessment)


def preparer(fmt: str, blind: bool) -> Prepare | None:
    """What renders a result for format ``fmt`` ahead of ranking, or None for other formats."""
    return Preparer(fmt, blind) if fmt in _PREPARE else None


class _Sink(Protocol):
    def write(self, text: str, /) -> object: ...


def _write(out: _Sink, ranked: Ranked, prepare: Preparer, skip: int = 0) -> None:
    """Write a result's prepared text (made here unless prepared the same way), rank filled in."""
    text = ranked.prepared if ranked.prepared_by == prepare else None  # both set, or neither
    if text is None:
        text = prepare(ranked.assessment)
    before, found, after = text.partition(RANK)
    if not found:
        raise ValueError(f"result {ranked.rank}: prepared text has no place for the rank")
    out.write(before[skip:])
    out.write(str(ranked.rank))
    out.write(after)


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
        prepare = Preparer("json", bool(screening.options.get("blind")))
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
                _write(out, ranked, prepare)
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
        prepare = Preparer("jsonl", bool(screening.options.get("blind")))
        vacancy = '{"vacancy":' + compact(screening.vacancy_id) + ","
        for ranked in screening.results:
            self.out.write(vacancy)
            _write(self.out, ranked, prepare, skip=1)  # its "{" is written above
            self.out.write("\n")
        blind = bool(screening.options.get("blind"))
        for error in screening.errors:
            self.line({"vacancy": screening.vacancy_id, "error": True, **error.to_dict(blind)})
        self.line({"vacancy": screening.vacancy_id, "summary": screening.counts.to_dict()})

    def matching(self, matching: Matching) -> None:
        data = matching_dict(matching)
        for match in data["matches"]:
            self.line({"candidate": matching.candidate, **match})
        self.line({"candidate": matching.candidate, "summary": data["summary"]})
