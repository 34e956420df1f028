"""The bounds every input is read within; a module of its own so the CLI's option defaults
come from one place without importing the YAML reader."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds on one input file; each is configurable from the command line."""

    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 200_000
    max_items: int = 10_000


DEFAULT_LIMITS = Limits()
