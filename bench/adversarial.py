"""Hostile text against the text readers: is each command linear in its input?

    python bench/adversarial.py                   # every pattern, 100 KB, 200 KB and 2 MB
    python bench/adversarial.py --markdown        # the tables as Markdown
    python bench/adversarial.py --pattern 'open-brackets (2)' --command extract --runs 1

For each pattern (a run of '[', 40,000 blank lines, thousands of date ranges ...), a file of
the pattern is made at each size and each command is timed on it: `extract --vacancy`,
`score` on the text CV, `score` on a JSON CV holding the same text (summary and one post's
description), and `new vacancy --from-notice`. A command is run in-process through
jobscreen's own entry point (jobscreen.cli.main, output to /dev/null), in a child process
forked for each run from a parent that has imported everything and run each command once on
a tiny input: start-up is not timed, and every run starts with jobscreen's caches as a new
process has them. The figure is the best of --runs runs of time.perf_counter around the
command. The ratio is the time at 200 KB over the time at 100 KB: about 2 when a command is
linear, about 4 when quadratic; x10 is the time at 2 MB over the time at 200 KB (about 10
when linear; less where a command reads only the first 200,000 characters). Goals: every
ratio <= 2.5, every 2 MB input under 5 s, no crash (exit 2 or more). A second table times a
199 KB text CV against vacancies of 5,000 and 10,000 competency rules, and of one rule with
5,000 and 10,000 evidence phrases. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from run import Table, progress, render, sizes

from jobscreen.cli import main as jobscreen

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
KB = 1000
SMALL, LARGE, HUGE = 100 * KB, 200 * KB, 2_000_000  # 2 MB: just under the 2 MiB --max-bytes
GOAL_RATIO = 2.5
GOAL_HUGE_S = 5.0
EXIT_FAILED = 2  # usage (2), internal error (3), interrupted (130)
JUDGED_FROM_S = 0.05  # a ratio of two times under 50 ms is noise, not growth
COMMANDS = ("extract", "score", "score-json", "new-notice")


# --- patterns -------------------------------------------------------------------------------


def repeat(unit: str) -> Callable[[int], str]:
    """A text of ``unit`` repeated to n characters."""
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def between(first: str, filler: str, last: str) -> Callable[[int], str]:
    """``first``, then ``filler`` repeated, then ``last``: n characters at most."""
    return lambda n: first + filler * max(0, (n - len(first) - len(last)) // len(filler)) + last


def _words(n: int, alphabet: str, seed: int, spaced: bool) -> str:
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    size = 0
    while size < n:
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(4, 9)))
        if word not in seen:
            seen.add(word)
            out.append(word)
            size += len(word) + 1
    separator = " " if spaced else "\n"
    return separator.join(out)[:n]


def distinct_words(n: int) -> str:
    """About 230,000 distinct words in 2 MB (issue 14, item 16b)."""
    return _words(n, string.ascii_lowercase, 16, spaced=True)


def lines_without_spaces(n: int) -> str:
    rng = random.Random(5)
    line = "".join(rng.choice(string.ascii_letters + string.digits + ".,-/") for _ in range(80))
    return repeat(line + "\n")(n)


PATTERNS: dict[str, Callable[[int], str]] = {
    # issue 14, items 1-3
    "punctuation-and-dates (1)": repeat(", - ,\n2010 - 2015\n"),
    "open-brackets (2)": repeat("["),
    "link-openings (2)": repeat("[a]("),
    "blank-lines (3)": between("Title: a", "\n", "b"),
    # runs of one punctuation character
    **{f"run of {c!r}": repeat(c) for c in "-.(*_|#:,/'`>=~+"},
    "run of spaces": between("a", " ", "b"),
    "run of tabs": between("a", "\t", "b"),
    # lines and words
    "lines-without-spaces": lines_without_spaces,
    "one-long-word": repeat("x"),
    "huge-single-line": repeat(
        "Programme Officer, UNDP, Geneva: led human rights advocacy and mediation; "
    ),
    "distinct-words (16b)": distinct_words,
    "many-short-lines": repeat("x\n"),
    # dates, posts and degrees
    "date-range-lines": repeat("2010-2015 Programme Officer, UNDP\n"),
    "date-ranges-one-line": repeat("2010-2015 "),
    "full-dates": repeat("03/04/2012 - 05/06/2014; "),
    "years": repeat("2010 "),
    "degrees": repeat("MA "),
    "degree-lines": repeat("MA in International Relations (SOAS, 2006)\n"),
    "narrative": repeat("as A at B "),
    "stacked-posts": repeat("Officer\nUNDP\n2010 - 2015\n"),
    "description-lines": between("Experience\n2010-2015 Officer, UNDP\n", "- Led mediation\n", ""),
    "labelled-lines": repeat("Title: x\n"),
    # Markdown
    "nested-emphasis": repeat("***__**_`x`_**__***"),
    "nested-emphasis-deep": lambda n: "*" * (n // 2) + "x" + "*" * (n - n // 2 - 1),
    "bullets-one-line": repeat("- "),
    "bullet-lines": repeat("- Led mediation support\n"),
    "headings": repeat("## Experience\n"),
    "heading-marks": repeat("#"),
    "table-rows": repeat("| 2010 | x |\n|---|---|\n"),
    "links": repeat("[OSCE](https://www.osce.org) "),
    # sentences, languages, contacts
    "abbreviations": repeat("a. "),
    "sentence-ends": repeat("A. B. "),
    "semicolons": repeat("x;"),
    "languages-list": lambda n: "Languages: " + repeat("English, ")(n - 11),
    "language-levels": repeat("English (C2), French (fluent), Arabic: B1; "),
    "emails": repeat("a.b@c.d "),
    "dotted-words": repeat("a.b.c.d."),
    "claims": repeat("over 12 years of experience in "),
    # notices
    "requirement-sentences": repeat(
        "A minimum of ten (10) years of experience in programme management is required. "
    ),
    "language-sentences": repeat("Fluency in English and French is required. "),
    "education-sentences": repeat("Advanced university degree (Master's or equivalent) in law. "),
    "lower-case-lines": repeat("and experience in\n"),
    "in-lieu-clauses": between(
        "Advanced university degree is required.\n",
        "A first-level degree may be accepted in lieu of the advanced degree.\n"
        "Experience in law is desirable.\n",
        "",
    ),
}


# --- files -----------------------------------------------------------------------------------


def text_file(folder: Path, text: str) -> Path:
    path = folder / "cv.txt"
    path.write_text(text, encoding="utf-8")
    return path


def json_cv(folder: Path, text: str, size: int) -> Path:
    """A JSON CV of at most ``size`` bytes, the text split between summary and a post."""
    path = folder / "cv.json"
    for _ in range(20):
        half = len(text) // 2
        post = {"title": "Officer", "organisation": "UNDP", "start": "2010", "end": "2015"}
        doc = {
            "id": "cv",
            "summary": text[:half],
            "experience": [post | {"description": text[half:]}],
        }
        data = json.dumps(doc, ensure_ascii=False).encode()
        if len(data) <= size:
            path.write_bytes(data)
            return path
        text = text[: int(len(text) * size / len(data)) - 16]  # escapes made it longer
    raise ValueError("could not fit the text into the JSON CV")


def arguments(command: str, folder: Path, text: str, size: int, vacancy: Path) -> list[str]:
    """The command line of one measurement; its input is written into ``folder``."""
    out = ["-o", os.devnull]
    if command == "extract":
        return ["extract", str(text_file(folder, text)), "--vacancy", str(vacancy), *out]
    if command == "score":
        return ["score", str(vacancy), str(text_file(folder, text)), "-f", "json", "-j", "1", *out]
    if command == "score-json":
        cv = json_cv(folder, text, size)
        return ["score", str(vacancy), str(cv), "-f", "json", "-j", "1", *out]
    notice = text_file(folder, text)
    return ["new", "vacancy", "--from-notice", str(notice), "--force", *out]


# --- timing ----------------------------------------------------------------------------------


@dataclass
class Timing:
    seconds: float
    exit_codes: list[int]
    message: str  # the first line of stderr, if any


def _child(argv: list[str], pipe: Connection) -> None:
    err = io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err):
        start = time.perf_counter()
        try:
            jobscreen(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        spent = time.perf_counter() - start
    pipe.send((spent, code, err.getvalue().strip().split("\n")[0]))


def time_once(argv: list[str]) -> tuple[float, int, str]:
    """One run of a command in a forked child: (seconds, exit code, first line of stderr)."""
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(argv, theirs))
    child.start()
    result: tuple[float, int, str] = ours.recv()
    child.join()
    return result


def time_runs(argv: list[str], runs: int) -> Timing:
    """The best of several runs: the others were slowed by something else on the machine."""
    found = [time_once(argv) for _ in range(runs)]
    return Timing(min(t for t, _, _ in found), [c for _, c, _ in found], found[-1][2])


def warm_up(vacancy: Path) -> None:
    """Each command once on a tiny input: every module the commands import lazily is loaded
    before the children are forked."""
    with tempfile.TemporaryDirectory() as tmp:
        for command in COMMANDS:
            argv = arguments(
                command, Path(tmp), "Experience\n2010-2015 Officer, UNDP\n", 10**5, vacancy
            )
            with contextlib.redirect_stderr(io.StringIO()), contextlib.suppress(SystemExit):
                jobscreen(argv)


# --- the tables ------------------------------------------------------------------------------


def ratio_cell(small: Timing, large: Timing) -> tuple[str, bool]:
    ratio = large.seconds / small.seconds if small.seconds else float("inf")
    judged = large.seconds >= JUDGED_FROM_S
    return f"{ratio:.2f}" + ("" if judged else " (not judged)"), not judged or ratio <= GOAL_RATIO


def exits(*timings: Timing) -> str:
    """The exit codes at each size, '0 0 1' (several runs of one size: '0,1')."""
    return " ".join(",".join(str(c) for c in sorted(set(t.exit_codes))) for t in timings)


def crashed(*timings: Timing) -> bool:
    return any(c >= EXIT_FAILED for t in timings for c in t.exit_codes)


def measure_sizes(
    args: argparse.Namespace, command: str, make: Callable[[int], str]
) -> list[Timing]:
    """One command on a pattern at each of the three sizes."""
    found = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            argv = arguments(command, Path(tmp), make(size), size, args.vacancy)
            runs = args.runs if size != args.sizes[-1] else args.runs_huge
            timing = time_runs(argv, max(1, runs))
            timing.message = timing.message.replace(f"{tmp}/", "")
        found.append(timing)
    return found


def pattern_rows(args: argparse.Namespace) -> Iterator[tuple[str, ...]]:
    for name in args.pattern or PATTERNS:
        for command in args.command or COMMANDS:
            small, large, huge = found = measure_sizes(args, command, PATTERNS[name])
            ratio, linear = ratio_cell(small, large)
            fast = huge.seconds < GOAL_HUGE_S
            verdict = "PASS" if linear and fast and not crashed(*found) else "MISS"
            tenfold = f"{huge.seconds / large.seconds:.1f}" if large.seconds else "-"
            seconds = [f"{t.seconds:.3f}" for t in found]
            note = next((t.message for t in found if t.message), "")[:60]
            row = (name, command, *seconds, ratio, tenfold, exits(*found), verdict, note)
            progress(" | ".join(row))
            yield row


def many_rules(n: int) -> str:
    """A vacancy of n competency rules, two phrases each, from a vocabulary of 3,000 words."""
    rng = random.Random(4)
    words = vocabulary()
    lines = ["id: many-rules", "title: Many rules", "organisation: Bench", "requirements:"]
    for i in range(n):
        lines += [
            f"  - id: comp-{i}",
            "    kind: competency",
            "    required: false",
            f"    text: competency {i}",
            f"    name: {rng.choice(words)} {rng.choice(words)} {i}",
            f"    evidence: [{rng.choice(words)} {rng.choice(words)}]",
        ]
    return "\n".join(lines) + "\n"


def many_phrases(n: int) -> str:
    """A vacancy of one competency rule with n evidence phrases."""
    rng = random.Random(4)
    words = vocabulary()
    evidence = ", ".join(f"{rng.choice(words)} {rng.choice(words)}" for _ in range(n))
    head = ["id: many-phrases", "title: Many phrases", "organisation: Bench", "requirements:"]
    rule = ["  - id: comp", "    kind: competency", "    required: false", "    text: x"]
    return "\n".join([*head, *rule, "    name: skill", f"    evidence: [{evidence}]"]) + "\n"


def vocabulary() -> list[str]:
    return _words(3000 * 8, string.ascii_lowercase, 7, spaced=True).split()[:3000]


def prose(n: int) -> str:
    """A text CV of the vacancies' words, 12 to a line."""
    rng = random.Random(3)
    words = vocabulary()
    lines = (" ".join(rng.choice(words) for _ in range(12)) + ".\n" for _ in range(n))
    out, size = [], 0
    for line in lines:
        out.append(line)
        size += len(line)
        if size >= n:
            break
    return "".join(out)[:n]


def vacancy_rows(args: argparse.Namespace) -> Iterator[tuple[str, ...]]:
    kinds = {"competency rules": many_rules, "evidence phrases of one rule": many_phrases}
    cv_size = 199 * KB
    for name, make in kinds.items():
        for command in ("extract", "score"):
            found: dict[int, Timing] = {}
            for count in (5000, 10000):
                with tempfile.TemporaryDirectory() as tmp:
                    vacancy = Path(tmp) / "vacancy.yaml"
                    vacancy.write_text(make(count), encoding="utf-8")
                    argv = arguments(command, Path(tmp), prose(cv_size), cv_size, vacancy)
                    found[count] = time_runs(argv, args.runs)
            ratio, linear = ratio_cell(found[5000], found[10000])
            fast = found[10000].seconds < GOAL_HUGE_S
            row = (
                name,
                command,
                f"{found[5000].seconds:.3f}",
                f"{found[10000].seconds:.3f}",
                ratio,
                exits(*found.values()),
                "PASS" if linear and fast and not crashed(*found.values()) else "MISS",
            )
            progress(" | ".join(row))
            yield row


PATTERN_HEADERS = (
    *("pattern", "command", "100 KB s", "200 KB s", "2 MB s"),
    *("ratio", "x10", "exit", "result", "message"),
)
VACANCY_HEADERS = ("vacancy of", "command", "5,000 s", "10,000 s", "ratio", "exit", "result")


# --- main ------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="See bench/README.md for the results."
    )
    add = parser.add_argument
    add("--runs", type=int, default=5, help="runs per figure at 100 and 200 KB (best; 5)")
    add("--runs-huge", type=int, default=1, help="runs per figure at 2 MB (default 1)")
    add("--markdown", action="store_true", help="print the tables as Markdown")
    add("--sizes", type=sizes, default=[SMALL, LARGE, HUGE], help="three sizes in bytes")
    add("--vacancy", type=Path, default=ROOT / "vacancies" / "un-aro-senior-pmo.yaml")
    add("--pattern", action="append", choices=sorted(PATTERNS), help="only these (repeatable)")
    add("--command", action="append", choices=COMMANDS, help="only these (repeatable)")
    tables = ("patterns", "vacancies")
    add("--table", action="append", choices=tables, help="only this table (default both)")
    args = parser.parse_args(argv)
    if len(args.sizes) != 3:
        parser.error("--sizes takes three sizes: the ratio's two, then the large one")
    return args


def commit() -> str:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    warm_up(args.vacancy)
    when = f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit()}"
    chosen = args.table or ["patterns", "vacancies"]
    tables = []
    if "patterns" in chosen:
        rows = list(pattern_rows(args))
        tables.append(Table(f"patterns ({when})", rows, PATTERN_HEADERS))
    if "vacancies" in chosen:
        rows = list(vacancy_rows(args))
        tables.append(Table(f"vacancy size, 199 KB text CV ({when})", rows, VACANCY_HEADERS))
    for table in tables:
        print(render(table, args.markdown), flush=True)
    missed = [r for t in tables for r in t.rows if "MISS" in r]
    progress(f"{len(missed)} of {sum(len(t.rows) for t in tables)} rows missed a goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
