"""A screening run from files, as the CLI and scripts start one, and its decision record.

The record in every JSON output names the jobscreen version, the SHA-256 of the vacancy
file and of each CV document (per result), the as-of date and every option that affects
results, so that :func:`verify` can re-run the screening and say whether anything changed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jobscreen.api import Run, Scoring, screening_run
from jobscreen.batch import file_tasks
from jobscreen.decide import Use
from jobscreen.decisionfile import read_all
from jobscreen.errors import InputError, JobscreenError, Location, printable_name
from jobscreen.options import ScreenOptions
from jobscreen.record import (
    LoadedRecord,
    Record,
    RecordedDecisions,
    read_record,
)
from jobscreen.results import screening_dict
from jobscreen.sources import read_vacancy_file
from jobscreen.vocabulary import Vocabulary


def screen_files(
    vacancy_path: str,
    names: Sequence[str],
    options: ScreenOptions,
    today: dt.date,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    decisions: Sequence[str] = (),
) -> Run:
    """Load a vacancy, score every CV under ``names`` and rank them, with a decision record:
    :func:`jobscreen.api.screening_run` with the batch runner (``jobs`` workers).

    ``decisions``: a panel's decisions files (:mod:`jobscreen.decisionfile`), merged in
    order, applied after the engine and recorded (each one's path and SHA-256) for verify.
    """
    read = read_vacancy_file(vacancy_path)
    decided, files = read_all(decisions, [read.vacancy]) if decisions else (None, [])
    record: dict[str, Any] = {
        "vacancy": {"path": vacancy_path, "sha256": read.sha256},
        "vocabulary": vocabulary_record(read.vocabulary),
    }
    if files:
        record["decisions"] = [{"path": f.path, "sha256": f.sha256} for f in files]
    record |= {"inputs": list(names), "cwd": str(Path.cwd())}
    tasks, executor = file_tasks(names, options.limits, jobs)
    how = Scoring(executor, today, read.vocabulary, decided, progress)
    run = screening_run(read.vacancy, tasks, options, how, record)
    try:
        return replace(run, warnings=decisions_met(run.uses))
    except InputError:
        run.close()
        raise


STALE = "the CV changed since the decision: decided again"


def decisions_met(uses: Sequence[Use]) -> tuple[str, ...]:
    """A warning for each decision made on another version of a CV (not applied); a located
    InputError if a decision made on no CV in particular names a candidate id that several
    CVs of the batch have."""
    shared: dict[Location | None, dict[str, str]] = {}
    for use in uses:
        if not use.stale:
            shared.setdefault(use.where, {}).setdefault(use.sha256, use.source)
    for where, cvs in shared.items():
        if len(cvs) > 1:
            named = ", ".join(printable_name(s) for s in list(cvs.values())[:3])
            why = f"{len(cvs)} CVs have this candidate id ({named}): name the CV by its sha256"
            raise InputError(why, where)
    stale = dict.fromkeys(str(u.where) for u in uses if u.stale)
    return tuple(f"{where}: warning: {STALE} (not applied)" for where in stale)


def vocabulary_record(vocab: Vocabulary) -> dict[str, Any]:
    """The digests of every vocabulary a run matched with: the package's, and the
    organisation's file, with its name, when the vacancy's folder has one."""
    found: dict[str, Any] = {"sha256": vocab.sha256}
    if vocab.organisation is not None:
        own = vocab.organisation
        found["organisation"] = {"path": own.path, "sha256": own.sha256}
    return found


# --- verify ------------------------------------------------------------------------------


class _Absent:
    """The value of a field a record or its re-run does not hold."""

    def __repr__(self) -> str:
        return "(absent)"


ABSENT: Any = _Absent()
# What describes the run itself rather than its outcome: where it ran, the record's own
# digest (checked first, apart), and whether the as-of date was given (a re-run gives it).
NOT_COMPARED = frozenset({("record", "cwd"), ("record", "digest"), ("options", "as_of_given")})
HINTS = {
    "jobscreen_version": "another jobscreen version",
    "record.vacancy.sha256": "the vacancy file changed",
    "record.vocabulary.sha256": "the vocabulary changed (concepts, contexts, employers, fields)",
    "record.vocabulary.organisation": "the organisation's vocabulary file was added or removed",
    "record.vocabulary.organisation.sha256": "the organisation's vocabulary file changed",
    "record.decisions.sha256": "the decisions file changed",
    "record.decisions": "the record and the re-run differ in their decisions file",
}


@dataclass(frozen=True)
class Difference:
    """One way a record and its re-run differ: the field's path and both values.

    Without values, ``what`` says it all (the record's own digest, a candidate twice).
    """

    what: str
    recorded: Any = ABSENT
    rerun: Any = ABSENT
    told: bool = False  # ``what`` is the whole statement: no values to show


@dataclass(frozen=True)
class Verification:
    """Whether a re-run reproduces a record, every difference found, and notes."""

    record: str
    differences: tuple[Difference, ...]
    notes: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        return not self.differences


def _resolve(name: str, cwd: str) -> str:
    if name == "-" or Path(name).is_absolute():
        return name
    return str(Path(cwd) / name)


@dataclass(frozen=True)
class _Recorded:
    """What a record says to re-run: vacancy, inputs and options, resolved from its cwd."""

    vacancy_path: str
    names: list[str]
    options: ScreenOptions
    cwd: str
    decisions: list[str] = field(default_factory=list)


def _recorded(loaded: LoadedRecord) -> _Recorded:
    """The re-run a record asks for; an InputError if it cannot be re-run."""
    run = loaded.record.record
    if "-" in run.inputs:
        where = Location(loaded.path)
        raise InputError("the record was made from stdin: it cannot be re-run", where)
    return _Recorded(
        _resolve(run.vacancy.path, run.cwd),
        [_resolve(name, run.cwd) for name in run.inputs],
        ScreenOptions.recorded(loaded.record.options),
        run.cwd,
        [_resolve(file.path, run.cwd) for file in run.decisions or ()],
    )


def verify(record_path: str, today: dt.date, jobs: int = 1) -> Verification:
    """Re-run the screening a JSON record describes and compare it with the record, field by
    field; first, whether the record still matches its own digest."""
    loaded = read_record(record_path)
    run = _recorded(loaded)
    differences, notes = _digest_check(loaded)
    rerun_of = run.vacancy_path, run.names, run.options, today, jobs
    try:
        with screen_files(*rerun_of, decisions=run.decisions) as rerun:
            again = Record.model_validate(screening_dict(rerun.screening))
    except JobscreenError as exc:
        gone = _vocabulary_gone(loaded.record, run.cwd)
        if gone is None:
            raise
        why = f"the organisation's vocabulary {gone} it was made with is gone"
        raise InputError(f"cannot re-run: {why} ({exc.every()[0]})", Location(record_path)) from exc
    differences += compare(loaded.record, again, run.cwd)
    notes += _vocabulary_cause(differences, loaded.record, again)
    if _digest_of(loaded.record.record.decisions) != _digest_of(again.record.decisions):
        notes.append(DECISIONS_CHANGED)
    return Verification(record_path, tuple(differences), tuple(notes))


DECISIONS_CHANGED = (
    "the decisions file changed since the record was written: the differences in results "
    "may follow from it"
)


def _digest_of(decisions: list[RecordedDecisions] | None) -> list[str]:
    return [file.sha256 for file in decisions or ()]


def _vocabulary_gone(recorded: Record, cwd: str) -> str | None:
    """The organisation's vocabulary file a record names, when it is no longer there."""
    own = recorded.record.vocabulary.organisation if recorded.record.vocabulary else None
    if own is None or Path(_resolve(own.path, cwd)).exists():
        return None
    return own.path


def _vocabulary_cause(differences: list[Difference], recorded: Record, rerun: Record) -> list[str]:
    """A note naming the organisation's vocabulary file as the cause, when it changed and so
    did results."""
    changed = any(d.what.startswith("record.vocabulary.organisation") for d in differences)
    results = any(d.what.startswith("results") for d in differences)
    files = [r.record.vocabulary.organisation for r in (rerun, recorded) if r.record.vocabulary]
    named = next((f.path for f in files if f is not None), None)
    if not (changed and results and named):
        return []
    return [f"the organisation's vocabulary {named} changed since the record: results differ"]


def _digest_check(loaded: LoadedRecord) -> tuple[list[Difference], list[str]]:
    if loaded.record.record.digest is None:
        return [], ["no digest: written by an older jobscreen"]
    edited = loaded.edited()
    return ([Difference(edited.message, told=True)] if edited else []), []


def compare(recorded: Record, rerun: Record, cwd: str) -> list[Difference]:
    """Every field in which a record and its re-run differ, paths resolved from ``cwd``.

    Results are compared candidate by candidate (a candidate listed twice is a difference,
    and its first entry is compared); every other part, field by field.
    """
    old, new = _comparable(recorded, cwd), _comparable(rerun, cwd)
    if old["summary"] is None:  # an older record, written before summaries: not compared
        del old["summary"], new["summary"]
    old_results, new_results = old.pop("results"), new.pop("results")
    found = _duplicates(old_results) + _order(old_results, new_results)
    _differ("", old, new, found)
    before: dict[str, Any] = {}
    for result in old_results:
        before.setdefault(result["candidate"], result)
    after = {result["candidate"]: result for result in new_results}
    for candidate in _union(before, after):
        where = f"results[{candidate}]"
        _differ(where, before.get(candidate, ABSENT), after.get(candidate, ABSENT), found)
    return found


def _union(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The keys of both, in order: the first's, then those only the second has."""
    return [*old, *(key for key in new if key not in old)]


def _comparable(record: Record, cwd: str) -> dict[str, Any]:
    """A record as JSON data, less what describes the run, every file name resolved."""
    data = record.model_dump(mode="json")
    for section, key in NOT_COMPARED:
        data[section].pop(key, None)
    run = data["record"]
    run["vacancy"]["path"] = _absolute(run["vacancy"]["path"], cwd)
    for file in run.get("decisions") or ():
        file["path"] = _absolute(file["path"], cwd)
    run["inputs"] = [_absolute(name, cwd) for name in run["inputs"]]
    own = (run.get("vocabulary") or {}).get("organisation")
    if own:
        own["path"] = _absolute(own["path"], cwd)
    for entry in (*data["results"], *data["errors"]):
        if entry["source"]:
            entry["source"] = _absolute(entry["source"], cwd)
    return data


def _absolute(name: str, cwd: str) -> str:
    return os.path.normpath(_resolve(name, cwd))


def _duplicates(results: list[dict[str, Any]]) -> list[Difference]:
    counts = Counter(r["candidate"] for r in results)
    return [
        Difference(f"results[{c}]: the candidate is listed {n} times", told=True)
        for c, n in counts.items()
        if n > 1
    ]


def _order(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Difference]:
    """The results' order, where both hold the same candidates (ranks say the rest)."""
    before = list(dict.fromkeys(r["candidate"] for r in old))
    after = [r["candidate"] for r in new]
    if sorted(before) != sorted(after) or before == after:
        return []
    return [Difference("results (order of candidates)", before, after)]


def _differ(path: str, old: Any, new: Any, found: list[Difference]) -> None:
    """Append a Difference for each leaf value in which ``old`` and ``new`` differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in _union(old, new):
            inner = f"{path}.{key}" if path else key
            _differ(inner, old.get(key, ABSENT), new.get(key, ABSENT), found)
    elif isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            _differ(f"{path}[{index}]", _item(old, index), _item(new, index), found)
    elif old != new:
        found.append(Difference(_hinted(path), old, new))


def _item(items: list[Any], index: int) -> Any:
    return items[index] if index < len(items) else ABSENT


def _hinted(path: str) -> str:
    key = re.sub(r"^record\.decisions\[\d+\]", "record.decisions", path)  # each file
    hint = HINTS.get(key) or ("the CV changed" if path.endswith(".sha256") else None)
    return f"{path} ({hint})" if hint else path
