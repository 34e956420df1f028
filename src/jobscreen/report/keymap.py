"""The key map of a blind run: opaque key to candidate, written apart from the results."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from jobscreen.report.data import SafeWriter
from jobscreen.results import Ranked


def write_key_map(results: Iterable[Ranked], out: TextIO) -> None:
    """CSV: key, candidate id, name, source, one row per scored candidate, in rank order."""
    writer = SafeWriter(out)
    writer.writerow(("key", "candidate", "name", "source"))
    for ranked in results:
        a = ranked.assessment
        writer.writerow((a.opaque_key, a.candidate, a.name or "", a.source))
