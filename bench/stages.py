"""CPU per CV by stage, in one process: where `jobscreen score`'s time goes.

    python bench/stages.py                      # bench/data/yaml-1000, every vacancy
    python bench/stages.py --cvs DIR --runs 5

Each figure is the best of --runs rounds (each round times every stage once) of
`time.process_time` over every CV in the directory, divided by their number: reading and
parsing (jobscreen's own YAML reader), validation, assessment against each vacancy, the
round trip of each assessment through pickle (a worker's dumps, the main process's loads,
as `score` keeps results in its spill file) and the JSON Lines reporter's text of every
result (`-f jsonl`), set against PyYAML's bare C loader on the same files. Run
`python bench/generate.py --n 1000 --out bench/data/yaml-1000` first.

With a JSON Lines file of the same CVs (`--jsonl`, default bench/data/cvs-1000.jsonl when it
exists), reading and validating its records is timed the same way against bare `json.loads`
of each line, with the CPU a CV that the JSON Lines goal (2.0x the bare parse, on every core
this process may use) leaves for all of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import json
import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from jobscreen.api import assess
from jobscreen.cv import known_date
from jobscreen.engine.context import CompiledVacancy
from jobscreen.engine.matching import normalise
from jobscreen.limits import DEFAULT_LIMITS
from jobscreen.loading import jsonl_record, load_documents
from jobscreen.report.jsonfmt import JsonLinesReporter
from jobscreen.results import Assessment, Ranked, Screening
from jobscreen.sources import Candidate, load_vacancy, to_candidate

AS_OF, TODAY = dt.date(2026, 1, 1), dt.date(2026, 11, 23)


class Fastest:
    """The fastest of several timings of each stage, in µs of CPU per item.

    The stages are timed in rounds, each round timing every stage once, so that a change in
    the machine's speed (this one's drifts by a third within an hour) reaches every stage
    alike instead of whichever was measured last.
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self.times: dict[str, float] = {}
        self.results: dict[str, Any] = {}

    def time(self, name: str, work: Callable[[], Any]) -> Any:
        start = time.process_time()
        result = self.results[name] = work()
        spent = (time.process_time() - start) / self.count * 1e6
        self.times[name] = min(self.times.get(name, spent), spent)
        return result


def _validate_all(docs: list[Any]) -> list[Any]:
    # Dates are parsed through a cache too: cleared, so that each run pays for them as the
    # first did (a real batch repeats months, but not as often as a replay of itself).
    known_date.cache_clear()
    return [to_candidate(d, TODAY) for d in docs]


def _assess_all(compiled: CompiledVacancy, cands: list[Candidate]) -> list[Assessment]:
    # Whole texts are normalised through a cache: a batch rarely sees a text twice, but every
    # run after the first here would, so each run starts with it empty. (Word caches stay
    # warm, as they are in a batch of thousands.)
    normalise.cache_clear()
    return [assess(compiled, c, AS_OF) for c in cands]


def _pickle_all(done: list[Assessment]) -> list[Assessment]:
    blobs = [pickle.dumps(a, pickle.HIGHEST_PROTOCOL) for a in done]
    return [pickle.loads(blob) for blob in blobs]


def _render_all(done: list[Assessment]) -> str:
    results = [Ranked(rank, a) for rank, a in enumerate(done, 1)]
    out = io.StringIO()
    JsonLinesReporter(out).screening(Screening("v", "t", AS_OF, "0", results))
    return out.getvalue()


def _jsonl(path: Path, runs: int) -> None:
    """The JSON Lines side: bare json.loads, jobscreen's read and validation, and the goal's
    budget of CPU a CV on this machine's cores."""
    lines = path.read_bytes().splitlines()
    fastest = Fastest(len(lines))
    for _ in range(runs):
        fastest.time("bare", lambda: [json.loads(line) for line in lines])
        docs = fastest.time(
            "read",
            lambda: [
                jsonl_record(n, line, str(path), DEFAULT_LIMITS) for n, line in enumerate(lines)
            ],
        )
        fastest.time("validate", functools.partial(_validate_all, docs))
    t = fastest.times
    floor, read, check = t["bare"], t["read"], t["validate"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    budget = 2.0 * (cores or 1) * floor
    print(f"{len(lines)} JSON Lines records; bare json.loads {floor:.0f} µs a line")
    print(f"read         {read:6.0f} µs  {read / floor:.2f}x")
    print(f"validate     {check:6.0f} µs  {check / floor:.2f}x")
    print(
        f"the 2.0x goal on {cores} cores leaves {budget:.0f} µs of CPU a CV for everything; "
        f"read and validate take {read + check:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cvs", type=Path, default=Path("bench/data/yaml-1000"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jsonl", type=Path, default=Path("bench/data/cvs-1000.jsonl"))
    args = parser.parse_args()
    files = sorted(p for p in args.cvs.iterdir() if p.suffix in {".yaml", ".yml"})
    if not files:
        raise SystemExit(f"no YAML files in {args.cvs}: run bench/generate.py first")
    n, runs = len(files), args.runs

    def bare() -> None:
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    def read() -> list[Any]:
        return [doc for path in files for doc in load_documents(path, DEFAULT_LIMITS)]

    compiled = {
        path.stem: CompiledVacancy.build(load_vacancy(path))
        for path in sorted(Path("vacancies").glob("*.yaml"))
    }
    fastest = Fastest(n)
    for _ in range(runs):
        fastest.time("bare", bare)
        docs = fastest.time("parse", read)
        items = fastest.time("validate", functools.partial(_validate_all, docs))
        cands = [c for c in items if isinstance(c, Candidate)]
        for name, vacancy in compiled.items():
            done = fastest.time(name, functools.partial(_assess_all, vacancy, cands))
            fastest.time(f"{name} pickle", functools.partial(_pickle_all, done))
            fastest.time(f"{name} render", functools.partial(_render_all, done))
    t = fastest.times
    floor, parse, check = t["bare"], t["parse"], t["validate"]
    print(f"{n} files; bare CSafeLoader {floor:.0f} µs a file")
    print(f"read + parse {parse:6.0f} µs  {parse / floor:.2f}x")
    print(f"validate     {check:6.0f} µs  {check / floor:.2f}x")
    for name in compiled:
        cost, kept, text = t[name], t[f"{name} pickle"], t[f"{name} render"]
        total = parse + check + cost + kept + text
        print(
            f"{name:26s} assess {cost:6.0f} µs  pickle {kept:4.0f} µs  render {text:4.0f} µs  "
            f"total {total:6.0f} µs = {total / floor:.2f}x the bare parse"
        )
    if args.jsonl.is_file():
        _jsonl(args.jsonl, runs)


if __name__ == "__main__":
    main()
