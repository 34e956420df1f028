"""A screening run from files, as the CLI and scripts start one, and its decision record.

The record in every JSON output names the jobscreen version, the SHA-256 of the vacancy
file and of each CV document (per result), the as-of date and every option that affects
results, so that :func:`verify` can re-run the screening and say whether anything changed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jobscreen import __version__
from jobscreen.api import default_as_of
from jobscreen.batch import Job, ResultStore, run_batch
from jobscreen.errors import InputError, Location
from jobscreen.limits import MAX_LIMIT
from jobscreen.loading import read_text
from jobscreen.results import Prepare, Ranked, Screening, screening_dict
from jobscreen.sources import read_vacancy
from jobscreen.yamlsafe import Limits


@dataclass(frozen=True)
class RunOptions:
    """Every option that affects results (not --jobs, --format or --output: they do not)."""

    as_of: dt.date | None = None
    top: int | None = None
    eligible_only: bool = False
    blind: bool = False
    limits: Limits = field(default_factory=Limits)

    def to_dict(self, effective_as_of: dt.date) -> dict[str, Any]:
        return {
            "as_of": effective_as_of.isoformat(),
            "as_of_given": self.as_of is not None,
            "top": self.top,
            "eligible_only": self.eligible_only,
            "blind": self.blind,
            "limits": {
                "max_bytes": self.limits.max_bytes,
                "max_depth": self.limits.max_depth,
                "max_nodes": self.limits.max_nodes,
                "max_items": self.limits.max_items,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunOptions:
        """The options a record holds; ValueError or TypeError if they are not as written."""
        as_of = dt.date.fromisoformat(data["as_of"]) if data.get("as_of_given") else None
        limits = Limits(**data.get("limits", {}))
        numbers = (limits.max_bytes, limits.max_depth, limits.max_nodes, limits.max_items)
        if not all(type(n) is int and 1 <= n <= MAX_LIMIT for n in numbers):
            raise ValueError(f"limits out of range: {data.get('limits')}")
        top = data.get("top")
        if top is not None and (type(top) is not int or top < 1):
            raise ValueError(f"top must be a positive whole number, not {top!r}")
        return cls(as_of, top, bool(data.get("eligible_only")), bool(data.get("blind")), limits)


@dataclass(frozen=True)
class Run:
    """A screening as shown (after --top/--eligible-only) and every ranked result.

    Results are read from a spill file: use the run as a context manager (or call close).
    """

    screening: Screening
    everyone: Sequence[Ranked]
    store: ResultStore

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def screen_files(
    vacancy_path: str,
    names: Sequence[str],
    options: RunOptions,
    today: dt.date,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    prepare: Prepare | None = None,
) -> Run:
    """Load a vacancy, score every CV under ``names`` and rank them, with a decision record.

    With ``prepare`` (:func:`jobscreen.report.jsonfmt.preparer`), results hold only the text
    it renders, made by the workers: their assessments cannot be read, and only a reporter
    of the same format and blind mode can write them.
    """
    vacancy, vacancy_sha256 = read_vacancy(vacancy_path)
    when = options.as_of or default_as_of(vacancy, today)
    job = Job(vacancy, when, options.limits, options.blind, today, prepare)
    outcome = run_batch(job, names, jobs, progress)
    record = {
        "vacancy": {"path": vacancy_path, "sha256": vacancy_sha256},
        "inputs": list(names),
        "cwd": str(Path.cwd()),
    }
    shown = outcome.results.selected(options.top, options.eligible_only)
    screening = Screening(
        vacancy.id,
        vacancy.title,
        when,
        __version__,
        shown,
        tuple(outcome.errors),
        options.to_dict(when),
        record,
    )
    return Run(screening, outcome.results.everyone(), outcome.results)


# --- verify ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """Whether a re-run reproduces a record, and every difference found."""

    record: str
    differences: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return not self.differences


RECORD_LIMIT = 1024 * 1024 * 1024  # a record of 100,000 explained results is a few hundred MB


def read_record(
    path: str, needs: tuple[str, ...] = ("record", "options", "results")
) -> dict[str, Any]:
    """A decision record (score's JSON output) holding the keys ``needs``, or an InputError."""
    try:
        data = json.loads(read_text(path, RECORD_LIMIT, hint=""))
    except json.JSONDecodeError as exc:
        where = Location(path, exc.lineno, exc.colno)
        raise InputError(f"not a JSON record: {exc.msg}", where) from None
    if not isinstance(data, dict) or any(key not in data for key in needs):
        what = "not a jobscreen decision record (make one with score --format json)"
        raise InputError(what, Location(path))
    return data


def _resolve(name: str, cwd: str) -> str:
    if name == "-" or Path(name).is_absolute():
        return name
    return str(Path(cwd) / name)


@dataclass(frozen=True)
class _Recorded:
    """What a record says to re-run: vacancy, its hash, inputs, options, directory."""

    vacancy_path: str
    vacancy_sha256: str
    names: list[str]
    options: RunOptions
    cwd: str


def _recorded(data: dict[str, Any], path: str) -> _Recorded:
    """The re-run a record asks for, or an InputError naming what is missing or malformed."""
    try:
        record, cwd = data["record"], str(data["record"].get("cwd", "."))
        options = RunOptions.from_dict(data["options"])
        as_of = dt.date.fromisoformat(data["options"]["as_of"])  # the date the run used
        recorded = _Recorded(
            _resolve(str(record["vacancy"]["path"]), cwd),
            str(record["vacancy"]["sha256"]),
            [_resolve(str(n), cwd) for n in record["inputs"]],
            replace(options, as_of=as_of),
            cwd,
        )
        _check_compared(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(
            f"not a valid jobscreen record ({type(exc).__name__}: {exc})", Location(path)
        ) from None
    if "-" in recorded.names:
        raise InputError("the record was made from stdin: it cannot be re-run", Location(path))
    return recorded


def _check_compared(data: dict[str, Any]) -> None:
    """The results and errors ``compare`` reads have the shape score writes; else TypeError
    (or KeyError) for _recorded to report."""
    results, errors = data.get("results", []), data["errors"]
    if not isinstance(results, list) or not isinstance(errors, list):
        raise TypeError("results and errors must be lists")
    for result in results:
        if not isinstance(result, dict) or not isinstance(result["candidate"], str):
            raise TypeError(f"a result is not a candidate's: {result!r:.60}")
    for error in errors:
        if not isinstance(error, dict) or {"source", "line", "column", "message"} - error.keys():
            raise TypeError(f"an error is not one score writes: {error!r:.60}")


def verify(record_path: str, today: dt.date, jobs: int = 1) -> Verification:
    """Re-run the screening a JSON record describes and compare every result and error."""
    data = read_record(record_path)
    run = _recorded(data, record_path)
    differences = []
    if data.get("jobscreen_version") != __version__:
        differences.append(f"jobscreen version {data.get('jobscreen_version')} → {__version__}")
    # the vacancy's digest is taken as it is read, within its byte limit (/dev/zero ends)
    with screen_files(run.vacancy_path, run.names, run.options, today, jobs) as rerun:
        if rerun.screening.record["vacancy"]["sha256"] != run.vacancy_sha256:
            differences.append(f"vacancy file changed: {run.vacancy_path}")
        differences += compare(data, rerun.screening, run.cwd)
    return Verification(record_path, tuple(differences))


def compare(recorded: dict[str, Any], screening: Screening, cwd: str) -> list[str]:
    """Differences between recorded and re-computed results, candidate by candidate."""
    now = screening_dict(screening)
    before = {r["candidate"]: r for r in recorded.get("results", [])}
    after = {r["candidate"]: r for r in now["results"]}
    gone, new = before.keys() - after.keys(), after.keys() - before.keys()
    found = [f"candidate {c}: no longer in the results" for c in sorted(gone)]
    found += [f"candidate {c}: new in the results" for c in sorted(new)]
    for key in sorted(before.keys() & after.keys()):
        found += _differ(key, before[key], after[key])
    if _errors(recorded["errors"], cwd) != _errors(now["errors"], cwd):
        found.append("input errors differ")
    if recorded.get("as_of") != now["as_of"]:
        found.append(f"as-of date {recorded.get('as_of')} → {now['as_of']}")
    return found


def _differ(key: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    if old.get("sha256") != new.get("sha256"):
        return [f"candidate {key}: CV changed (SHA-256 differs)"]
    changes = [
        f"{name} {old.get(name)} → {new.get(name)}"
        for name in ("rank", "eligible", "score")
        if old.get(name) != new.get(name)
    ]
    if old.get("rules") != new.get("rules") and not changes:
        changes.append("rule results differ")
    return [f"candidate {key}: " + ", ".join(changes)] if changes else []


def _errors(errors: list[dict[str, Any]], cwd: str) -> list[tuple[str, Any, Any, str]]:
    return sorted(
        (
            os.path.relpath(_resolve(e["source"], cwd), cwd) if e["source"] else "",
            e["line"],
            e["column"],
            e["message"],
        )
        for e in errors
    )
