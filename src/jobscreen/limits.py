"""The bounds every input is read within; a module of its own so the CLI's option defaults
come from one place without importing the YAML reader."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds on one input file.

    ``adjustable``: the command line sets these bounds, so an error says which option
    raises one. A vacancy read by `score` is read within fixed bounds: no option to name.
    """

    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 200_000
    max_items: int = 10_000
    adjustable: bool = True

    def hint(self, option: str, cause: str = "") -> str:
        """The parenthesis closing a limit's error: its cause, and the option that raises it."""
        parts = [p for p in (cause, f"see --{option}" if self.adjustable else "") if p]
        return f" ({'; '.join(parts)})" if parts else ""


# the years a date may fall in, in a CV, a vacancy and --as-of
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_LIMIT = 1 << 31  # the largest any bound may be set to: 2 GiB of one file, 2 billion values
DEFAULT_LIMITS = Limits()
FIXED_LIMITS = Limits(adjustable=False)  # the same bounds, where no option changes them
BYTES_HINT = DEFAULT_LIMITS.hint("max-bytes")
