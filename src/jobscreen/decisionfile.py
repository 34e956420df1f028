"""A panel's decisions file, read and checked against a vacancy.

CSV with the header ``candidate,rule,decision,by,date,note`` (an ``evidence`` column, as
`review` writes it, is read past), or YAML: a list of mappings with the same keys. A row whose
decision is empty is an item still open, and is skipped. Every problem is one located error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jobscreen.csvinput import column_of, read_csv
from jobscreen.decide import Panel, PanelDecision
from jobscreen.errors import CONTROL, InputError, Location
from jobscreen.limits import FIRST_YEAR, LAST_YEAR, MAX_LIMIT, Limits
from jobscreen.loading import decode, read_bytes
from jobscreen.model import one_line
from jobscreen.vacancy import Vacancy
from jobscreen.yamlsafe import parse_yaml, yaml_positions

COLUMNS = ("candidate", "rule", "decision", "by", "date", "note", "vacancy", "sha256")
NEEDED = ("candidate", "rule", "decision", "by", "date")
EVIDENCE = "evidence"  # written by `review` for the reader; not read back
FORMULA_QUOTED = ("'=", "'+", "'-", "'@")  # how `review` keeps a spreadsheet from running it
DECISION_WORDS = {"met": True, "not met": False, "not_met": False}
YAML_SUFFIXES = (".yaml", ".yml")
# A panel's file for a batch of 100,000 CVs holds a few hundred thousand rows
DECISIONS_LIMITS = Limits(256 * 1024 * 1024, 8, MAX_LIMIT, MAX_LIMIT, adjustable=False)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@dataclass(frozen=True)
class Row:
    """One row of a decisions file: its cells, and where each one is."""

    cells: dict[str, str]
    places: dict[str, Location]
    start: Location

    def at(self, key: str) -> Location:
        return self.places.get(key, self.start)


@dataclass(frozen=True)
class DecisionsFile:
    """A decisions file as read: its path, its SHA-256 and the panel's decisions it holds."""

    path: str
    sha256: str
    panel: Panel


def read_decisions(path: str, vacancies: Sequence[Vacancy]) -> DecisionsFile:
    """The decisions in a file, each on a top-level rule of one of the vacancies; a located
    InputError for the first problem."""
    raw = read_bytes(Path(path), DECISIONS_LIMITS.max_bytes, hint="")
    text = decode(raw, path)
    rows = _yaml_rows(text, path) if is_yaml(path) else _csv_rows(text, path)
    return DecisionsFile(path, hashlib.sha256(raw).hexdigest(), _panel(rows, vacancies))


def read_all(
    paths: Sequence[str], vacancies: Sequence[Vacancy]
) -> tuple[Panel, list[DecisionsFile]]:
    """Every file's decisions, merged in order, and each file as read; a decision in a later
    file that differs from an earlier one on the same candidate, rule, vacancy and CV is a
    located error at the later one."""
    files = [read_decisions(path, vacancies) for path in paths]
    merged: dict[tuple[str, str], tuple[PanelDecision, ...]] = {}
    for file in files:
        for key, made in file.panel.items():
            merged[key] = (*merged.get(key, ()), *_new(merged.get(key, ()), made))
    return merged, files


def _new(before: tuple[PanelDecision, ...], made: tuple[PanelDecision, ...]) -> list[PanelDecision]:
    """The decisions of a later file not already made; one made differently is an error."""
    added = []
    for decision in made:
        same = next((d for d in before if _on(d) == _on(decision)), None)
        if same is None:
            added.append(decision)
        elif same != decision:
            why = f"decided differently in {same.where or 'an earlier file'}: keep one"
            raise InputError(why, decision.where)
    return added


def _on(decision: PanelDecision) -> tuple[str, str]:
    return decision.vacancy, decision.sha256


def _csv_rows(text: str, path: str) -> list[Row]:
    table = read_csv(text, path)
    fields = table.columns(COLUMNS)
    header = {
        name.strip().lower(): Location(path, 1, column_of(table.names, index))
        for index, name in enumerate(table.names)
    }
    _columns_known(fields, Location(path, 1, 1), header)
    rows = []
    for line, row in table.rows:
        cells = {key: _cell(row.get(name, "")) for key, name in fields.items()}
        places = {
            key: Location(path, line, table.column(row, name)) for key, name in fields.items()
        }
        rows.append(Row(cells, places, Location(path, line, 1)))
    return rows


def _cell(text: str) -> str:
    """A cell as shown in reports: one line, no control or invisible characters, and without
    the quote `review` puts before a cell that starts like a spreadsheet formula."""
    cell = one_line(CONTROL.sub("", text))
    return cell[1:] if cell.startswith(FORMULA_QUOTED) else cell


def _columns_known(keys: Iterable[str], where: Location, places: dict[str, Location]) -> None:
    """Every needed column present; none unknown (a misspelt column must not be ignored)."""
    for key in keys:
        if key not in (*COLUMNS, EVIDENCE):
            expected = ", ".join(COLUMNS)
            raise InputError(
                f"unknown column {key!r} (expected {expected})", places.get(key, where)
            )
    missing = [key for key in NEEDED if key not in keys]
    if missing:
        raise InputError(f"missing column {missing[0]!r} (expected {', '.join(COLUMNS)})", where)


def _yaml_rows(text: str, path: str) -> list[Row]:
    documents = parse_yaml(text, path, DECISIONS_LIMITS)
    data = documents[0] if len(documents) == 1 else None
    if not isinstance(data, list):
        what = "a decisions file in YAML is one list of mappings (candidate, rule, decision, ...)"
        raise InputError(what, Location(path, 1, 1))
    found = yaml_positions(text, path, DECISIONS_LIMITS)
    positions = found[0].values if found else {}
    keys = found[0].keys if found else {}
    return [_yaml_row(item, index, path, positions, keys) for index, item in enumerate(data)]


def _yaml_row(
    item: object,
    index: int,
    path: str,
    positions: dict[tuple[str | int, ...], tuple[int, int]],
    keys: dict[tuple[str | int, ...], tuple[int, int]],
) -> Row:
    start = Location(path, *positions.get((index,), (1, 1)))
    if not isinstance(item, dict):
        raise InputError("expected a mapping of candidate, rule, decision, by, date, note", start)
    places = {k: Location(path, *positions.get((index, k), start_of(start))) for k in item}
    for key, value in item.items():
        if not isinstance(value, str | None):
            raise InputError(f"{key} must be text (quote it)", places[key])
    key_places = {k: Location(path, *keys.get((index, k), start_of(start))) for k in item}
    _columns_known(item, start, key_places)
    cells = {k: _cell(v or "") for k, v in item.items()}
    return Row(cells, places, start)


def is_yaml(path: str) -> bool:
    return Path(path).suffix.lower() in YAML_SUFFIXES


def start_of(where: Location) -> tuple[int, int]:
    return (where.line or 1, where.column or 1)


Key = tuple[str, str, str, str]  # candidate, rule, vacancy, sha256


def _panel(rows: list[Row], vacancies: Sequence[Vacancy]) -> Panel:
    """Each filled row's decision by (candidate, rule), for its vacancy and CV if named; a
    rule decided twice one way and the other is an error at the second. A row for a vacancy
    not given here is skipped."""
    ids = {v.id for v in vacancies}
    found: dict[Key, PanelDecision] = {}
    for row in rows:
        if not row.cells.get("decision") or row.cells.get("vacancy", "") not in {"", *ids}:
            continue  # an item still open, or one for another vacancy
        key, decision = _decision(row, vacancies)
        if key in found and found[key] != decision:
            who, rule, *_ = key
            why = f"{who!r} is decided twice on {rule!r}, differently: keep one row"
            raise InputError(why, row.start)
        found.setdefault(key, decision)
    panel: dict[tuple[str, str], tuple[PanelDecision, ...]] = {}
    for (who, rule, *_), decision in found.items():
        panel[who, rule] = (*panel.get((who, rule), ()), decision)
    return panel


def _decision(row: Row, vacancies: Sequence[Vacancy]) -> tuple[Key, PanelDecision]:
    cells = row.cells
    word = cells["decision"].lower()
    if word not in DECISION_WORDS:
        why = f"decision must be 'met' or 'not met', not {cells['decision'][:40]!r}"
        raise InputError(why, row.at("decision"))
    for key in ("candidate", "rule", "by", "date"):
        if not cells.get(key):
            raise InputError(f"a decision needs its {key!r}", row.at(key))
    vacancy, sha256 = cells.get("vacancy", ""), cells.get("sha256", "").lower()
    named = [v for v in vacancies if v.id == vacancy] if vacancy else vacancies
    _rule_known(cells["rule"], named, row.at("rule"))
    _one_vacancy(cells["rule"], named, row.at("vacancy"))
    date = _date(cells["date"], row.at("date"))
    met, note = DECISION_WORDS[word], cells.get("note", "")
    decision = PanelDecision(met, cells["by"], date, note, vacancy, sha256, row.start)
    return (cells["candidate"], cells["rule"], vacancy, sha256), decision


def _one_vacancy(rule_id: str, vacancies: Sequence[Vacancy], where: Location) -> None:
    """A decision on a rule that several vacancies have must name the one it was made for."""
    having = [v.id for v in vacancies if any(rule.id == rule_id for rule in v.requirements)]
    if len(having) > 1:
        named = " or ".join(having[:3]) + (" or ..." if len(having) > 3 else "")
        why = f"{len(having)} vacancies have rule {rule_id!r}: name the vacancy: {named}"
        raise InputError(why, where)


def _date(text: str, where: Location) -> dt.date:
    """An ISO date written YYYY-MM-DD (not 20261204, nor a week date), in the years dates
    are read in."""
    try:
        date = dt.date.fromisoformat(text) if ISO_DATE.match(text) else None
    except ValueError:
        date = None
    if date is None:
        raise InputError(f"date must be an ISO date YYYY-MM-DD, not {text[:40]!r}", where)
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        why = f"date must be between {FIRST_YEAR} and {LAST_YEAR}, not {text!r}"
        raise InputError(why, where)
    return date


def _rule_known(rule_id: str, vacancies: Sequence[Vacancy], where: Location) -> None:
    """A top-level rule of a vacancy: a typo must not silently decide nothing."""
    if any(rule.id == rule_id for v in vacancies for rule in v.requirements):
        return
    for vacancy in vacancies:
        loc = next((loc for loc, rule in vacancy.walk() if rule.id == rule_id), None)
        if loc is not None:
            group = vacancy.requirements[int(loc[1])].id
            why = f"{rule_id!r} is a rule inside {group!r}: decide on {group!r}"
            raise InputError(why, where)
    named = " or ".join(repr(v.id) for v in vacancies)
    raise InputError(f"vacancy {named} has no rule {rule_id!r}", where)
