"""A pytest plugin that counts the processes the tests start, per test file.

    PYTHONPATH=bench .venv/bin/python -m pytest -q -p no:cacheprovider \\
        --basetemp=/tmp/pt-NAME --durations=15 -p suite_processes

subprocess.Popen is seen through its audit event; multiprocessing's spawned workers through
a wrapper of the function that starts them. Forked pool workers are not counted (a fork
starts no interpreter). The counts are printed after the test summary.
"""

from __future__ import annotations

import collections
import multiprocessing.util
import sys
from typing import Any

import pytest

COUNTS: collections.Counter[tuple[str, str]] = collections.Counter()
_CURRENT = ["?"]


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "subprocess.Popen":
        COUNTS["subprocess", _CURRENT[0]] += 1


sys.addaudithook(_audit)
_spawn = multiprocessing.util.spawnv_passfds


def _counted_spawn(*args: Any, **kwargs: Any) -> Any:
    COUNTS["mp-spawn", _CURRENT[0]] += 1
    return _spawn(*args, **kwargs)


multiprocessing.util.spawnv_passfds = _counted_spawn


def pytest_runtest_setup(item: pytest.Item) -> None:
    _CURRENT[0] = item.nodeid.split("::")[0]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    write = terminalreporter.write_line
    write("== processes started by tests ==")
    totals: collections.Counter[str] = collections.Counter()
    for (kind, path), count in COUNTS.most_common():
        write(f"{count:5d} {kind:10s} {path}")
        totals[kind] += count
    write(f"total: {dict(totals)}")
