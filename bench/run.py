"""Benchmark jobscreen: throughput of score, its cost over bare parsing, start-up, validate.

    /work/venv/bin/python bench/run.py                 # the full run (long: see bench/README.md)
    /work/venv/bin/python bench/run.py --quick         # N = 1,000 only, one run each
    /work/venv/bin/python bench/run.py --markdown      # the tables as Markdown

Run it with the Python of the environment jobscreen is installed in: the jobscreen and
check-jsonschema commands are taken from beside that interpreter first, then from PATH.
Synthetic CVs are generated into bench/data/ (git-ignored) when missing; the tables are also
written to bench/out/results.md and results.json. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path

import yaml
from generate import SEED, write_jsonl, write_yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
AS_OF = "2026-01-01"  # fixed, so that the work done does not drift with the calendar
PAGE = os.sysconf("SC_PAGE_SIZE")
PYCACHE = BENCH / "out" / "pycache"
MB = 1024 * 1024

EXIT_FAILED = 2  # jobscreen's usage (2), internal (3) and interrupted (130) codes
GOAL_YAML_RATIO = 1.0
GOAL_JSONL_RATIO = 2.0
GOAL_JSONL_RSS_MB = 400.0
GOAL_VERSION_RATIO = 8.0
GOAL_HELP_RATIO = 12.0


@dataclass
class Measure:
    """The median wall time of a command over its runs, and its peak memory."""

    label: str
    seconds: float
    runs: int
    rss_mb: float | None = None
    exit_codes: list[int] = field(default_factory=list)
    load: float = 0.0  # the 1-minute load average after the last run: others' work shows here
    paired: list[float] = field(default_factory=list)  # a reference timed before each run


@dataclass
class Row:
    """One line of a results table."""

    figure: str
    value: str
    goal: str = ""
    verdict: str = ""


@dataclass
class Case:
    """One score measurement: an input set against one vacancy with one set of options."""

    kind: str
    n: int
    vacancy: str
    options: tuple[str, ...]
    measure: Measure
    floor: float

    @property
    def ratio(self) -> float:
        return self.measure.seconds / self.floor

    @property
    def rate(self) -> float:
        return self.n / self.measure.seconds


# --- running commands ---------------------------------------------------------------------


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def tool(name: str) -> str | None:
    """A command from beside this interpreter (the venv), else from PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def child_env() -> dict[str, str]:
    """Bytecode cached as a user's Python caches it, in bench/out/ (not beside the sources).

    With PYTHONDONTWRITEBYTECODE set (as on this project's machines) a module edited since its
    .pyc was written is compiled again at every start, which is not what users see.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, read from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
        stack += _children(current)
    return total


class TreeSampler(threading.Thread):
    """Samples the resident memory of a process tree every 50 ms (worker processes too)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, _tree_rss(self.pid))


def run_once(cmd: Sequence[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MB (the larger of wait4's and the sampled tree), exit code."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env=child_env()
        )
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-600:].decode("utf-8", "replace")
    rss = max(usage.ru_maxrss * 1024, sampler.peak) / MB  # ru_maxrss is in KiB on Linux
    return seconds, rss, code, tail


def measure(
    label: str,
    cmd: Sequence[str],
    runs: int,
    long_after: float,
    paired: Callable[[], float] | None = None,
) -> Measure:
    """The median over ``runs`` runs; a command slower than ``long_after`` s runs once.

    A run that exits with 2 or more (a crash) is left out of the median and shown as such.
    Exit 1 (some input was invalid) still counts: the inputs were read and scored. With
    ``paired``, it is timed just before each run (the parse floor of the same inputs).
    """
    times: list[float] = []
    result = Measure(label, float("nan"), 0, 0.0)
    for _ in range(runs):
        reference = paired() if paired is not None else None
        seconds, rss, code, tail = run_once(cmd)
        result.exit_codes.append(code)
        if code >= EXIT_FAILED:
            progress(f"  exit {code}: {' '.join(cmd)}\n{tail}")
            continue
        times.append(seconds)
        if reference is not None:  # kept with its run: a crashed run's floor is left out too
            result.paired.append(reference)
        result.rss_mb = max(result.rss_mb or 0.0, rss)
        if seconds > long_after:
            break
    if times:
        result.seconds, result.runs = statistics.median(times), len(times)
    result.load = os.getloadavg()[0]
    return result


def median_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed(work: Callable[[], object]) -> Callable[[], float]:
    """A function that runs ``work`` once and returns its wall time."""
    return lambda: median_time(work, 1)


# --- data and floors ----------------------------------------------------------------------


def yaml_dir(data: Path, n: int) -> Path:
    """bench/data/yaml-N with N generated CV files (generated when missing)."""
    path = data / f"yaml-{n}"
    if not path.is_dir() or sum(1 for _ in path.glob("*.yaml")) != n:
        progress(f"generating {n:,} YAML CVs into {path}")
        shutil.rmtree(path, ignore_errors=True)
        tmp = data / f".yaml-{n}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        write_yaml(SEED, n, tmp)
        tmp.rename(path)
    return path


def jsonl_file(data: Path, n: int) -> Path:
    """bench/data/cvs-N.jsonl with N generated CVs (generated when missing)."""
    path = data / f"cvs-{n}.jsonl"
    if not path.is_file():
        progress(f"generating {n:,} JSON Lines CVs into {path}")
        tmp = data / f".cvs-{n}.jsonl.tmp"
        write_jsonl(SEED, n, tmp)
        tmp.rename(path)
    return path


def yaml_floor(path: Path) -> Callable[[], None]:
    """The bare parse of a YAML directory: read every file, parse it with the C loader."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(path.glob("*.yaml"))

    def parse_all() -> None:
        for name in files:
            yaml.load(name.read_bytes(), Loader=loader)

    return parse_all


def jsonl_floor(path: Path) -> Callable[[], None]:
    """The bare parse of a JSON Lines file: read it and json.loads every line."""

    def parse_all() -> None:
        with path.open("rb") as handle:
            for line in handle:
                json.loads(line)

    return parse_all


# --- the sections -------------------------------------------------------------------------


def jobs_options(jobscreen: str, jobs: list[int] | None) -> list[tuple[str, ...]]:
    """[()] when score has no --jobs; else one option set per --jobs value."""
    help_text = subprocess.run(
        [jobscreen, "score", "--help"], capture_output=True, text=True, check=False, env=child_env()
    ).stdout
    if "--jobs" not in help_text:
        return [()]
    values = jobs or sorted({1, os.cpu_count() or 1})
    return [("--jobs", str(v)) for v in values]


def score_cases(args: argparse.Namespace, jobscreen: str, vacancies: list[Path]) -> list[Case]:
    """Every (input set, vacancy, options) case, each timed against its parse floor."""
    options = jobs_options(jobscreen, args.jobs)
    inputs = [("yaml", n, yaml_dir(args.data, n)) for n in args.yaml_sizes]
    inputs += [("jsonl", n, jsonl_file(args.data, n)) for n in args.jsonl_sizes]
    cases: list[Case] = []
    for kind, n, path in inputs:
        floor = timed((yaml_floor if kind == "yaml" else jsonl_floor)(path))
        floor()  # once unmeasured: the files into the page cache, the loader warm
        for vacancy in vacancies:
            for opts in options:
                cases.append(score_case(args, jobscreen, (kind, n, path), vacancy, opts, floor))
    return cases


def score_case(
    args: argparse.Namespace,
    jobscreen: str,
    given: tuple[str, int, Path],
    vacancy: Path,
    opts: tuple[str, ...],
    floor: Callable[[], float],
) -> Case:
    """One case, its parse floor timed just before each of its runs: this machine's speed
    drifts by a third within the hour, and a floor taken minutes earlier would drift apart."""
    kind, n, path = given
    cmd = [jobscreen, "score", str(vacancy), str(path), "-f", "jsonl", "--as-of", AS_OF, *opts]
    label = f"score {kind} {n:,} {vacancy.stem} {' '.join(opts)}".strip()
    result = measure(label, cmd, args.runs, args.long, paired=floor)
    floor_s = statistics.median(result.paired) if result.paired else float("nan")  # all crashed
    case = Case(kind, n, vacancy.stem, opts, result, floor_s)
    progress(
        f"{label}: {result.seconds:.2f} s against a {case.floor:.2f} s floor "
        f"({case.rate:,.0f} CVs/s, {case.ratio:.1f}x floor)"
    )
    return case


def startup(args: argparse.Namespace, jobscreen: str, vacancy: Path) -> dict[str, Measure]:
    """python -c pass, jobscreen --version, --help and validate on one file; warmed up once."""
    runs = max(10, args.runs)
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "jobscreen --version": [jobscreen, "--version"],
        "jobscreen --help": [jobscreen, "--help"],
        f"jobscreen validate {vacancy.name}": [jobscreen, "validate", str(vacancy)],
    }
    found = {}
    for label, cmd in commands.items():
        run_once(cmd)
        found[label] = measure(label, cmd, runs, float("inf"))
        progress(f"{label}: {found[label].seconds * 1000:.0f} ms")
    return found


def schema_file(jobscreen: str) -> Path:
    """schemas/vacancy.schema.json, or the schema jobscreen exports, in bench/out/."""
    shipped = ROOT / "schemas" / "vacancy.schema.json"
    if shipped.is_file():
        return shipped
    exported = BENCH / "out" / "vacancy.schema.json"
    exported.parent.mkdir(parents=True, exist_ok=True)
    text = subprocess.run(
        [jobscreen, "schema", "vacancy"], capture_output=True, text=True, check=True
    ).stdout
    exported.write_text(text, encoding="utf-8")
    return exported


def validate_vs(
    args: argparse.Namespace, jobscreen: str, vacancies: list[Path]
) -> tuple[Measure, Measure | None]:
    """jobscreen validate on the vacancy files, and check-jsonschema on the same files."""
    runs = max(5, args.runs)
    files = [str(v) for v in vacancies]
    ours = measure("jobscreen validate", [jobscreen, "validate", *files], runs, 1e9)
    checker = tool("check-jsonschema")
    if checker is None:
        progress("check-jsonschema not found: pip install check-jsonschema")
        return ours, None
    schema = schema_file(jobscreen)
    cmd = [checker, "--schemafile", str(schema), *files]
    run_once(cmd)
    theirs = measure(f"check-jsonschema --schemafile {schema.relative_to(ROOT)}", cmd, runs, 1e9)
    return ours, theirs


# --- the tables ---------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def fmt_exit(m: Measure) -> str:
    bad = sorted({c for c in m.exit_codes if c != 0})
    return f" (exit {','.join(map(str, bad))})" if bad else ""


SCORE_HEADERS = (
    "input", "N", "vacancy", "options", "CVs/s", "median s", "floor s", "x floor",
    "peak RSS MB", "runs", "load", "exit codes",
)  # fmt: skip


def score_rows(cases: list[Case]) -> list[tuple[str, ...]]:
    """One row per case: throughput, the ratio to the parse floor, memory, noise."""
    rows: list[tuple[str, ...]] = []
    for c in cases:
        m, ok = c.measure, bool(c.measure.runs)
        rows.append(
            (
                c.kind, f"{c.n:,}", c.vacancy, " ".join(c.options) or "-",
                f"{c.rate:,.0f}" if ok else "failed", f"{m.seconds:.2f}" if ok else "-",
                f"{c.floor:.2f}", f"{c.ratio:.1f}x" if ok else "-", f"{m.rss_mb or 0:.0f}",
                str(m.runs), f"{m.load:.1f}", ",".join(map(str, m.exit_codes)),
            )
        )  # fmt: skip
    return rows


def best_per_vacancy(cases: list[Case]) -> list[Case]:
    """The fastest option set of each vacancy."""
    best: dict[str, Case] = {}
    for c in cases:
        if c.vacancy not in best or c.ratio < best[c.vacancy].ratio:
            best[c.vacancy] = c
    return list(best.values())


def score_goals(cases: list[Case]) -> list[Row]:
    """The goals on the largest N measured of each kind (10,000 YAML, 100,000 JSONL)."""
    rows = goal_rows([c for c in cases if c.kind == "yaml"], 10_000, GOAL_YAML_RATIO)
    return rows + goal_rows([c for c in cases if c.kind == "jsonl"], 100_000, GOAL_JSONL_RATIO)


def goal_rows(of_kind: list[Case], target: int, limit: float) -> list[Row]:
    """The worst vacancy's ratio (each at its fastest --jobs), and for JSONL its peak RSS."""
    if not of_kind:
        return []
    kind, n = of_kind[0].kind, max(c.n for c in of_kind)
    note = "" if n == target else f" (goal is for {target:,}; largest measured)"
    figure, goal = f"score {kind} {n:,}: worst vacancy / bare parse{note}", f"≤ {limit:.1f}x"
    best = best_per_vacancy([c for c in of_kind if c.n == n and c.measure.runs])
    failed = sorted({c.vacancy for c in of_kind if c.n == n} - {c.vacancy for c in best})
    if failed or not best:
        return [Row(figure, f"failed on {', '.join(failed)}", goal, "MISS")]
    worst = max(best, key=lambda c: c.ratio)
    value = f"{worst.ratio:.1f}x ({' '.join([worst.vacancy, *worst.options])})"
    rows = [Row(figure, value, goal, verdict(worst.ratio <= limit))]
    if kind == "jsonl":
        rss = max(c.measure.rss_mb or 0.0 for c in best)
        goal = f"< {GOAL_JSONL_RSS_MB:.0f} MB"
        rows.append(
            Row(
                f"score jsonl {n:,}: peak RSS{note}",
                f"{rss:.0f} MB",
                goal,
                verdict(rss < GOAL_JSONL_RSS_MB),
            )
        )
    return rows


def startup_rows(found: dict[str, Measure]) -> list[Row]:
    base = found["python -c pass"].seconds
    goals = {"jobscreen --version": GOAL_VERSION_RATIO, "jobscreen --help": GOAL_HELP_RATIO}
    rows = []
    for label, m in found.items():
        ratio = m.seconds / base
        value = f"{m.seconds * 1000:.0f} ms" + ("" if m.seconds == base else f" = {ratio:.1f}x")
        limit = goals.get(label)
        goal = f"≤ {limit:.0f}x python -c pass" if limit else ""
        rows.append(Row(label, value + fmt_exit(m), goal, verdict(ratio <= limit) if limit else ""))
    return rows


def validate_rows(ours: Measure, theirs: Measure | None, count: int) -> list[Row]:
    rows = [
        Row(
            f"jobscreen validate ({count} vacanc{'y' if count == 1 else 'ies'})",
            f"{ours.seconds * 1000:.0f} ms",
        )
    ]
    if theirs is None:
        rows.append(Row("check-jsonschema", "not installed", "", "SKIP"))
        return rows
    ok = ours.seconds < theirs.seconds
    value = f"{theirs.seconds * 1000:.0f} ms{fmt_exit(theirs)}"
    ratio = f"jobscreen is {theirs.seconds / ours.seconds:.2f}x as fast"
    rows.append(Row(f"{theirs.label}, same files", value, ratio))
    rows.append(Row("validate faster than check-jsonschema", "", "faster", verdict(ok)))
    return rows


@dataclass
class Table:
    """A titled table: figure tables (figure, value, goal, result) or the score cases."""

    title: str
    rows: list[tuple[str, ...]]
    headers: tuple[str, ...] = ("figure", "value", "goal", "result")


def figures(title: str, rows: list[Row]) -> Table:
    return Table(title, [astuple(r) for r in rows])


def render(table: Table, markdown: bool) -> str:
    if markdown:
        lines = [f"### {table.title}", "", "| " + " | ".join(table.headers) + " |"]
        lines.append("|" + " --- |" * len(table.headers))
        lines += ["| " + " | ".join(row) + " |" for row in table.rows]
        return "\n".join(lines) + "\n"
    every = [table.headers, *table.rows]
    widths = [max(len(row[i]) for row in every) for i in range(len(table.headers))]
    out = [table.title, "=" * len(table.title)]
    out += [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in every
    ]
    return "\n".join(out) + "\n"


def machine() -> list[Row]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    return [
        Row("date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        Row("CPU", f"{cpu}; nproc {os.cpu_count()}"),
        Row("memory", f"{os.sysconf('SC_PHYS_PAGES') * PAGE / MB / 1024:.0f} GB"),
        Row("Python", f"{platform.python_version()} ({sys.executable})"),
        Row("PyYAML", f"{yaml.__version__}, C loader {'yes' if yaml.__with_libyaml__ else 'no'}"),
        Row("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        Row("bytecode cache", f"PYTHONPYCACHEPREFIX={PYCACHE.relative_to(ROOT)}"),
    ]


# --- main ---------------------------------------------------------------------------------


def sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="See bench/README.md for each figure."
    )
    add = parser.add_argument
    add("--runs", type=int, default=3, help="runs per figure; the median is shown (default 3)")
    add("--quick", action="store_true", help="N = 1,000 only, one run each")
    add("--markdown", action="store_true", help="print the tables as Markdown")
    add("--yaml-sizes", type=sizes, default=[1_000, 10_000], help="default 1000,10000")
    add(
        "--jsonl-sizes",
        type=sizes,
        default=[1_000, 10_000, 100_000],
        help="default 1000,10000,100000",
    )
    add("--vacancy", type=Path, action="append", help="only these vacancies (repeatable)")
    add("--jobs", type=sizes, help="--jobs values for score, when it has the option (1,NPROC)")
    add("--long", type=float, default=300.0, help="a case slower than this (s) runs once (300)")
    skips = ("score", "startup", "validate")
    add("--skip", action="append", default=[], choices=skips, help="leave a section out")
    add("--data", type=Path, default=BENCH / "data", help="where generated CVs go")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.yaml_sizes, args.jsonl_sizes = 1, [1_000], [1_000]
    return args


def sections(args: argparse.Namespace, jobscreen: str) -> Iterator[Table]:
    vacancies = args.vacancy or sorted((ROOT / "vacancies").glob("*.yaml"))
    yield figures("Machine", machine())
    if "score" not in args.skip:
        cases = score_cases(args, jobscreen, vacancies)
        yield Table(
            "score: throughput and cost over bare parsing", score_rows(cases), SCORE_HEADERS
        )
        yield figures("score: goals", score_goals(cases))
    if "startup" not in args.skip:
        found = startup(args, jobscreen, vacancies[0])
        yield figures("start-up (median wall time)", startup_rows(found))
    if "validate" not in args.skip:
        ours, theirs = validate_vs(args, jobscreen, vacancies)
        yield figures("validate vs check-jsonschema", validate_rows(ours, theirs, len(vacancies)))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    jobscreen = tool("jobscreen")
    if jobscreen is None:
        print("jobscreen not found: run with the venv's python, or pip install -e .")
        return 2
    args.data.mkdir(parents=True, exist_ok=True)
    done: list[Table] = []
    for table in sections(args, jobscreen):
        done.append(table)
        print(render(table, args.markdown), flush=True)
    save(done)
    return 0


def save(done: list[Table]) -> None:
    out = BENCH / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text("\n".join(render(t, True) for t in done), "utf-8")
    data = {t.title: [dict(zip(t.headers, row, strict=True)) for row in t.rows] for t in done}
    (out / "results.json").write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    progress(f"wrote {out / 'results.md'}; the benchmark itself peaked at {peak:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
