"""jobscreen: screen structured CV summaries against vacancy rules, every score explained.

The public API is what this module exports (``__all__``): load a vacancy and candidates,
screen them with :class:`ScreenOptions`, read the results. Everything else is internal.

Where inputs are read: every command and the batch runner turn the names they are given
(files, folders, '-') into inputs in one place, :mod:`jobscreen.inputs` (``resolve(names,
accept)``: a data file, a JSON Lines stream, a text document, or a refusal with its
reason). To add an input kind (PDF, Word), add it in inputs.py, nowhere else. Below it,
:mod:`jobscreen.loading` turns bytes into parsed documents (limits, encodings, YAML, JSON,
JSON Lines records, error positions); above it, :mod:`jobscreen.sources` turns documents
into vacancies and candidates, :mod:`jobscreen.validation` checks them, and
:mod:`jobscreen.batch` scores them in chunks, in this process or in workers.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing slows `jobscreen --version`

__version__ = "0.1.0"

# Each public name and the module it lives in: imported on first use, so that
# `jobscreen --version` does not import pydantic and the engine.
_PUBLIC = {
    "load_vacancy": "jobscreen.sources",
    "read_vacancy_file": "jobscreen.sources",
    "VacancyFile": "jobscreen.sources",
    "load_cv": "jobscreen.sources",
    "load_candidates": "jobscreen.sources",
    "screen": "jobscreen.api",
    "ScreenOptions": "jobscreen.options",
    "Limits": "jobscreen.limits",
    "Screening": "jobscreen.results",
    "Ranked": "jobscreen.results",
    "Assessment": "jobscreen.results",
    "RuleResult": "jobscreen.results",
    "Evidence": "jobscreen.results",
    "Status": "jobscreen.results",
    "Problem": "jobscreen.errors",
    "Summary": "jobscreen.results",
    "Candidate": "jobscreen.sources",
    "Failed": "jobscreen.sources",
    "Vacancy": "jobscreen.vacancy",
    "JobscreenError": "jobscreen.errors",
}

__all__ = [  # the names of _PUBLIC, spelled out for type checkers
    "Assessment",
    "Candidate",
    "Evidence",
    "Failed",
    "JobscreenError",
    "Limits",
    "Problem",
    "Ranked",
    "RuleResult",
    "ScreenOptions",
    "Screening",
    "Status",
    "Summary",
    "Vacancy",
    "VacancyFile",
    "__version__",
    "load_candidates",
    "load_cv",
    "load_vacancy",
    "read_vacancy_file",
    "screen",
]

if TYPE_CHECKING:
    from jobscreen.api import screen
    from jobscreen.errors import JobscreenError, Problem
    from jobscreen.limits import Limits
    from jobscreen.options import ScreenOptions
    from jobscreen.results import (
        Assessment,
        Evidence,
        Ranked,
        RuleResult,
        Screening,
        Status,
        Summary,
    )
    from jobscreen.sources import (
        Candidate,
        Failed,
        VacancyFile,
        load_candidates,
        load_cv,
        load_vacancy,
        read_vacancy_file,
    )
    from jobscreen.vacancy import Vacancy


def __getattr__(name: str) -> object:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'jobscreen' has no attribute {name!r}")
    return getattr(importlib.import_module(_PUBLIC[name]), name)


def __dir__() -> list[str]:
    """The public names, as dir() and help() list a module's."""
    return sorted({*globals(), *__all__})
