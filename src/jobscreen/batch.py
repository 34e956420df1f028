"""Scoring a batch: files, directories, JSON Lines or stdin, in this process or in workers.

Inputs are cut into chunks in input order; each chunk is loaded and scored where it lands
(in this process for small batches, in a pool of worker processes otherwise), and its
outcomes come back in input order. Every scored CV is spilled to a temporary file with only
its rank key kept in memory, so that 100,000 CVs rank in bounded memory; the ranked results
are then read back one at a time. What is spilled is the pickled assessment. Output is the
same whatever --jobs is.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from jobscreen.api import assess
from jobscreen.decide import Panel, Use, decisions_for, uses_of
from jobscreen.engine.context import CompiledVacancy
from jobscreen.engine.screen import RankKey, rank_key
from jobscreen.errors import (
    INTERNAL_CODE,
    WORKER_DIED,
    InputError,
    InternalError,
    JobscreenError,
    Location,
    Problem,
    guard,
)
from jobscreen.inputs import CVS, Input, JsonLines, Refusal, Seen, read, resolve
from jobscreen.loading import STDIN, Document, jsonl_record
from jobscreen.results import Ranked, Summary, eligibility_label, settled_by
from jobscreen.sources import Candidate, Failed, to_candidate
from jobscreen.vacancy import Vacancy
from jobscreen.vocabulary import Vocabulary
from jobscreen.yamlsafe import Limits

FILES_PER_CHUNK = 32
LINES_PER_CHUNK = 128
PARALLEL_FROM = 64  # CVs; below this a pool costs more than it saves
SPILL_IN_MEMORY = 64 * 1024 * 1024


@dataclass(frozen=True)
class Job:
    """What every worker needs: the vacancy, the as-of date, limits, blind mode and the
    vocabulary the vacancy is matched with (workers never read it from a file)."""

    vacancy: Vacancy
    as_of: Any
    limits: Limits
    blind: bool = False
    today: Any = None
    vocabulary: Vocabulary | None = None  # the vacancy's (None: the package's)
    panel: Panel | None = None  # a panel's decisions, applied after the engine


# rank key, the result, and its tally: its eligibility label, then how each decision applied
# to it settled its rule (Summary.of counts them)
Scored = tuple[RankKey, bytes, tuple[str, ...], tuple[Use, ...]]  # and the panel's rows met
Outcome = Scored | list[Problem]  # a scored CV, or the problems of one unreadable input


class Scorer:
    """Loads and scores chunks of input for one job: in this process, or in each worker."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.compiled = CompiledVacancy.build(job.vacancy, job.vocabulary)
        self.decisions = decisions_for(job.vacancy, job.panel)
        self.phrases = job.vacancy.competency_phrases()

    def outcome(self, item: Document | JobscreenError) -> Outcome:
        """A document's rank key and result, or its problems; a bug met reading or scoring
        it is its problem, never the batch's end."""
        loaded = to_candidate(item, self.job.today)
        return self.candidate(loaded, item.start if isinstance(item, Document) else None)

    def candidate(self, loaded: Candidate | Failed, where: Location | None = None) -> Outcome:
        """A loaded candidate's rank key and result, or its problems; a bug met scoring it
        (located at ``where``, else its source) is its problem."""
        if isinstance(loaded, Failed):
            return list(loaded.errors)
        try:
            with guard(where or Location(loaded.source)):
                return self._scored(loaded)
        except InternalError as exc:
            return exc.problems(loaded.source)

    def loaded(self, items: list[Candidate | Failed]) -> list[Outcome]:
        """Score candidates already loaded (a script's), in order."""
        return [self.candidate(item) for item in items]

    def _scored(self, candidate: Candidate) -> Scored:
        assessment = assess(self.compiled, candidate, self.job.as_of, self.decisions)
        key, label = rank_key(assessment, self.job.blind), eligibility_label(assessment)
        tally = (label, *settled_by(assessment))
        uses = uses_of(assessment, self.decisions)
        return key, pickle.dumps(assessment, pickle.HIGHEST_PROTOCOL), tally, uses

    def files(self, inputs: list[Input]) -> list[Outcome]:
        """Load and score inputs (every document in each), in order."""
        limits, phrases = self.job.limits, self.phrases
        return [self.outcome(doc) for item in inputs for doc in read(item, limits, phrases)]

    def lines(self, source: str, lines: list[tuple[int, bytes]]) -> list[Outcome]:
        """Parse and score JSON Lines records given with their 0-based line numbers."""
        return [self.outcome(jsonl_record(n, raw, source, self.job.limits)) for n, raw in lines]

    def given(self, problems: list[Problem]) -> list[Outcome]:
        """Problems found while listing inputs (one an input), passed through the stream to
        keep their order."""
        return [[problem] for problem in problems]


_WORKER: list[Scorer] = []  # this worker process's scorer, set by the pool's initializer


def init_worker(job: Job) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _WORKER[:] = [Scorer(job)]


def _in_worker(method: str, args: tuple[Any, ...]) -> list[Outcome]:
    result: list[Outcome] = getattr(_WORKER[0], method)(*args)
    return result


Task = tuple[str, tuple[Any, ...], int]  # a Scorer method, its arguments, how many CVs


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def loaded_tasks(items: Iterable[Candidate | Failed]) -> Iterator[Task]:
    """Work for candidates already loaded: chunks of them, in order."""
    for chunk in _chunks(items, FILES_PER_CHUNK):
        yield "loaded", (chunk,), len(chunk)


Resolved = tuple[str, list[Input], Iterator[Input]]  # a name, its first inputs, the rest


def _resolved(names: Iterable[str]) -> list[Resolved]:
    """What each name stands for, its first PARALLEL_FROM inputs resolved (a folder listed)
    to guess the batch's size with, the rest to come."""
    found: list[Resolved] = []
    seen: Seen = set()
    for name in names:
        inputs = resolve([name], CVS, seen)
        found.append((name, list(itertools.islice(inputs, PARALLEL_FROM)), inputs))
    return found


def _tasks(resolved: Iterable[Resolved], limit: int) -> Iterator[Task]:
    """Work in input order: chunks of inputs, chunks of lines of a JSON Lines stream, and in
    their place the problems found listing them (a PDF CV, a FIFO, a folder too deep)."""
    for name, first, rest in resolved:
        inputs = itertools.chain(first, rest)
        for how, items in itertools.groupby(inputs, key=functools.partial(_how, name)):
            if how == "given":
                errors = [i.error.problem(name) for i in items if isinstance(i, Refusal)]
                yield "given", (errors,), len(errors)
            elif how == "lines":
                for item in items:
                    yield from _line_tasks(item, limit) if isinstance(item, JsonLines) else ()
            else:
                for chunk in _chunks(items, FILES_PER_CHUNK):
                    yield "files", (chunk,), len(chunk)


def _how(name: str, item: Input) -> str:
    """'lines' for a JSON Lines stream named itself (stdin, a file): read here, its lines
    shared out; 'given' for a refusal; 'files' for the rest, read where they land."""
    if isinstance(item, Refusal):
        return "given"
    if isinstance(item, JsonLines) and item.name in (STDIN, name) and _is_file(item.name):
        return "lines"
    return "files"


def _is_file(name: str) -> bool:
    return name == STDIN or Path(name).is_file()


def _line_tasks(stream: JsonLines, limit: int) -> Iterator[Task]:
    try:
        skipped, lines = stream.records(limit)
        if skipped is not None:  # a YAML or text CV piped in: said once, not once a line
            yield "given", (skipped.problems(),), 1
        for chunk in _chunks(lines, LINES_PER_CHUNK):
            yield "lines", (stream.source, chunk), len(chunk)
    except InputError as exc:  # it cannot be opened: a problem with it as a whole, at 1:1
        yield "given", ([Problem(Location(stream.name, 1, 1), exc.message, code=exc.code)],), 1


def estimate(resolved: Iterable[Resolved]) -> int:
    """A cheap guess at the batch size, to choose between serial and parallel: a folder's
    entries (as many as were resolved), a JSON Lines file by its size, stdin as many."""
    total = 0
    for name, first, _ in resolved:
        if len(first) == 1 and isinstance(first[0], JsonLines) and first[0].name == name:
            total += PARALLEL_FROM if name == STDIN else _jsonl_size(Path(name))
        else:
            total += len(first)
    return total


def _jsonl_size(path: Path) -> int:
    try:
        return path.stat().st_size // 1024  # about a kilobyte a CV
    except OSError:
        return 0


class ResultStore:
    """Ranked results kept on disk (in memory while small): only rank keys stay in memory.

    Each holds a pickled assessment.
    """

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=SPILL_IN_MEMORY)  # noqa: SIM115
        self._index: list[tuple[RankKey, int, int, int]] = []

    def add(self, key: RankKey, blob: bytes) -> None:
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(blob)
        self._index.append((key, len(self._index), offset, len(blob)))

    def close(self) -> None:
        """Release the spill file; reading a result afterwards is an error that says so."""
        self._file.close()

    def finish(self) -> ResultStore:
        self._index.sort()
        return self

    def __len__(self) -> int:
        return len(self._index)

    def ranked(self, position: int) -> Ranked:
        """The result at a 0-based place in the ranking, read back from the spill file."""
        if self._file.closed:
            raise RuntimeError("the run is closed: read its results inside `with` (Run.close)")
        _, _, offset, length = self._index[position]
        self._file.seek(offset)
        return Ranked(position + 1, pickle.loads(self._file.read(length)))

    def everyone(self) -> Sequence[Ranked]:
        """Every ranked result, in rank order."""
        return _View(self, range(len(self)))

    def selected(self, top: int | None, eligible_only: bool) -> Sequence[Ranked]:
        """The ranked results a --top / --eligible-only selection keeps, keeping global ranks."""
        chosen = range(len(self))
        if eligible_only:
            chosen = range(sum(1 for key, *_ in self._index if not key[0]))  # eligible sort first
        if top is not None:
            chosen = chosen[:top]
        return _View(self, chosen)


class _View(Sequence[Ranked]):
    """Some of a store's ranked results, by place in the ranking, read on demand."""

    def __init__(self, store: ResultStore, positions: range) -> None:
        self._store, self._positions = store, positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, i: int) -> Ranked: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Ranked]: ...
    def __getitem__(self, i: int | slice) -> Ranked | Sequence[Ranked]:
        if isinstance(i, slice):
            return _View(self._store, self._positions[i])
        return self._store.ranked(self._positions[i])


@dataclass
class BatchOutcome:
    """The store of ranked results, every input problem in input order, and the counts."""

    results: ResultStore
    errors: list[Problem]
    summary: Summary
    uses: list[Use] = field(default_factory=list)  # the panel's rows the CVs met


Chunks = Iterator[tuple[list[Outcome], int]]  # each task's outcomes, and how many CVs it held
Executor = Callable[[Job, Iterator[Task]], Chunks]  # runs the tasks: here, or in workers


def serial(job: Job, tasks: Iterator[Task]) -> Chunks:
    """Run the tasks in this process, in order."""
    scorer = Scorer(job)
    for method, args, size in tasks:
        yield getattr(scorer, method)(*args), size


def new_pool(job: Job, jobs: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(jobs, context, initializer=init_worker, initargs=(job,))


def _stop(pool: ProcessPoolExecutor, finished: bool) -> None:
    """Shut a pool down: at once, its workers killed, unless every task is done."""
    if not finished:
        # a private mapping, the only way to its processes; None once shut down
        for process in list((pool._processes or {}).values()):
            process.terminate()
    pool.shutdown(wait=finished, cancel_futures=True)


Pending = deque[tuple["Future[list[Outcome]]", Task]]


def pool(jobs: int) -> Executor:
    """Run the tasks in a pool of ``jobs`` worker processes, their outcomes in input order."""
    return functools.partial(parallel, jobs=jobs)


def parallel(job: Job, tasks: Iterator[Task], jobs: int) -> Chunks:
    """Tasks run in a pool of worker processes, their outcomes in input order.

    A worker that dies (killed for its memory, a crash in an extension) breaks the pool and
    every task in flight: the first is run again alone, and the others in a new pool; a
    task that still kills its worker alone is run input by input, and an input that does is
    its error (WORKER_DIED). Nothing waits for a result that will never come.
    """
    pool, finished = new_pool(job, jobs), False
    pending: Pending = deque()
    try:
        for task in tasks:
            pending.append((_submit(pool, task), task))
            if len(pending) >= 2 * jobs:  # bounded: never read far ahead of the workers
                outcomes, pool = _next(job, jobs, pool, pending)
                yield outcomes
        while pending:
            outcomes, pool = _next(job, jobs, pool, pending)
            yield outcomes
        finished = True
    finally:
        _stop(pool, finished)


def _next(
    job: Job, jobs: int, pool: ProcessPoolExecutor, pending: Pending
) -> tuple[tuple[list[Outcome], int], ProcessPoolExecutor]:
    """The first pending task's outcomes, and the pool to go on with."""
    future, task = pending.popleft()
    try:
        return (future.result(), task[2]), pool
    except BrokenProcessPool:
        pass
    _stop(pool, finished=False)
    outcomes = _alone(job, task)
    pool = new_pool(job, jobs)
    for index, (_, waiting) in enumerate(pending):
        pending[index] = (_submit(pool, waiting), waiting)
    return (outcomes, task[2]), pool


def _submit(pool: ProcessPoolExecutor, task: Task) -> Future[list[Outcome]]:
    """The task's future in the pool. A worker can die between two submissions: a pool
    already broken refuses the task, which then fails as the tasks in flight did, and
    :func:`_next` runs it again as it runs them."""
    try:
        return pool.submit(_in_worker, task[0], task[1])
    except BrokenProcessPool as exc:
        failed: Future[list[Outcome]] = Future()
        failed.set_exception(exc)
        return failed


def _alone(job: Job, task: Task, split: bool = True) -> list[Outcome]:
    """A task's outcomes from a worker of its own; if that worker dies too, each input's
    from a worker of its own (``split``), and an input whose worker dies is its error."""
    method, args, _ = task
    pool = new_pool(job, 1)
    try:
        outcomes: list[Outcome] = pool.submit(_in_worker, method, args).result()
    except BrokenProcessPool:
        _stop(pool, finished=False)
        if not split:
            return [[_worker_died(method, args)]]
        return [outcome for one in _inputs(task) for outcome in _alone(job, one, split=False)]
    pool.shutdown()
    return outcomes


def _inputs(task: Task) -> list[Task]:
    """A task as one task per input: a file, or a JSON Lines record."""
    method, args, _ = task
    if method == "files":
        return [("files", ([name],), 1) for name in args[0]]
    if method == "lines":
        return [("lines", (args[0], [line]), 1) for line in args[1]]
    if method == "loaded":
        return [("loaded", ([item],), 1) for item in args[0]]
    return [task]


def _worker_died(method: str, args: tuple[Any, ...]) -> Problem:
    """The error of the one input a task of _inputs holds, whose worker died."""
    where = None  # a "given" task: it runs nothing, and no worker dies on it
    if method == "lines":
        source, [(number, _)] = args
        where = Location(source, number + 1, 1)
    elif method in {"files", "loaded"}:
        where = Location(args[0][0].source, 1, 1)
    return Problem(where, WORKER_DIED, code=INTERNAL_CODE)


def _duplicate(key: RankKey, seen: dict[str, str]) -> list[Problem]:
    """A problem when a candidate id (or, blind, the same content) comes twice; both stay."""
    who, source = key[-2], key[-1]
    if who not in seen:
        seen[who] = source
        return []
    first = f" (first in {seen[who]})" if seen[who] else ""
    message = f"candidate {who!r} appears twice{first}: ids must be unique; both are scored"
    return [Problem(Location(source or who), message)]


def file_tasks(
    names: Sequence[str], limits: Limits, jobs: int = 1
) -> tuple[Iterator[Task], Executor]:
    """The work of loading and scoring every CV under ``names``, and where to run it: in a
    pool of ``jobs`` workers when the batch looks big enough to pay for one, else here."""
    resolved = _resolved(names)
    tasks = _tasks(resolved, limits.max_bytes)
    in_pool = jobs > 1 and estimate(resolved) >= PARALLEL_FROM
    return tasks, pool(jobs) if in_pool else serial


def run_batch(
    job: Job,
    tasks: Iterator[Task],
    executor: Executor = serial,
    progress: Callable[[int], None] | None = None,
) -> BatchOutcome:
    """Score and rank every CV the tasks hold, run by ``executor``; failures become
    problems, never lost."""
    problems: list[Problem] = []
    labels: Counter[str] = Counter()
    settled: Counter[str] = Counter()
    store = ResultStore()
    uses: list[Use] = []
    chunks = executor(job, tasks)
    try:
        unreadable = _collect(chunks, store, (problems, uses), (labels, settled), progress)
    except BaseException:
        store.close()  # an interrupted run leaves no spill file behind
        raise
    summary = Summary.of(labels.elements(), unreadable, settled.elements())
    return BatchOutcome(store.finish(), problems, summary, uses)


def _collect(
    chunks: Chunks,
    store: ResultStore,
    found: tuple[list[Problem], list[Use]],
    tallies: tuple[Counter[str], Counter[str]],
    progress: Callable[[int], None] | None,
) -> int:
    """Store every result and gather every problem and every panel's row met (``found``);
    count each label and each way a decision settled a rule (``tallies``); return how many
    inputs could not be read."""
    problems, uses = found
    seen: dict[str, str] = {}
    unreadable = 0
    for outcomes, size in chunks:
        for outcome in outcomes:
            if isinstance(outcome, list):
                problems.extend(outcome)
                unreadable += 1
                continue
            key, blob, (label, *settled), met = outcome
            uses.extend(met)
            store.add(key, blob)
            tallies[0][label] += 1
            tallies[1].update(settled)
            problems.extend(_duplicate(key, seen))
        if progress is not None:
            progress(size)
    return unreadable


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
