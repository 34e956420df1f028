"""jobscreen: screen structured CV summaries against vacancy rules, every score explained."""

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
