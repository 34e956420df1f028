"""jobscreen: screen structured CV summaries against vacancy rules, every score explained.

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

__version__ = "0.1.0"

__all__ = ["__version__", "load_cv", "load_vacancy", "screen"]


def __getattr__(name: str) -> object:
    # Lazy, so that `jobscreen --version` does not import pydantic and the engine.
    if name in {"load_cv", "load_vacancy"}:
        from jobscreen import sources

        return getattr(sources, name)
    if name == "screen":
        from jobscreen.api import screen

        return screen
    raise AttributeError(name)
