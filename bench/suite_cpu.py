"""A pytest plugin that sums each test's CPU time per test file: the run's own and that of the
processes the test started and waited for (getrusage of the process and of its children),
setup and teardown included.

    PYTHONPATH=bench .venv/bin/python -m pytest -q -p no:cacheprovider \\
        --basetemp=/tmp/pt-NAME -p suite_cpu

On a shared machine CPU seconds are steadier than wall seconds (the neighbours' load stretches
the wall time far more). The table, the most expensive files first, is printed after the test
summary; the collection's CPU is its first line. Serial runs only (no xdist).
"""

from __future__ import annotations

import collections
import resource
from collections.abc import Iterator
from typing import Any

import pytest

# per file: [in-process seconds, child-process seconds, tests]
TOTALS: collections.defaultdict[str, list[float]] = collections.defaultdict(lambda: [0, 0, 0])
_COLLECTION: list[float] = []


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def pytest_collection_finish(session: pytest.Session) -> None:
    _COLLECTION.append(_cpu()[0])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    own, children = _cpu()
    yield
    own_after, children_after = _cpu()
    total = TOTALS[item.nodeid.split("::")[0]]
    total[0] += own_after - own
    total[1] += children_after - children
    total[2] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    write = terminalreporter.write_line
    write("== CPU seconds per test file (in-process + processes started) ==")
    if _COLLECTION:
        write(f"collection and start-up: {_COLLECTION[0]:.1f}")
    for path, (own, children, count) in sorted(TOTALS.items(), key=lambda kv: -sum(kv[1][:2])):
        write(f"{own + children:7.1f} {own:7.1f} {children:7.1f} {int(count):5d}  {path}")
    own = sum(t[0] for t in TOTALS.values())
    children = sum(t[1] for t in TOTALS.values())
    write(f"total: {own + children:.1f} ({own:.1f} in-process, {children:.1f} in processes)")
