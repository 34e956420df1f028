"""A progress bar on stderr while a batch runs, only when stderr is a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from jobscreen.entry import env_flag


def in_ci() -> bool:
    """Whether a CI service runs us: GitHub Actions, GitLab CI and most others set CI."""
    return env_flag("CI")


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int], None] | None]:
    """A callback advancing a bar on stderr; None (no output at all) when stderr is no
    terminal, or in CI, whose logs may be read through a terminal but keep every frame."""
    if not sys.stderr.isatty() or in_ci():
        yield None
        return
    from rich.console import Console  # imported only when a bar is shown: it costs ~100 ms
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield lambda n: progress.advance(task, n)
