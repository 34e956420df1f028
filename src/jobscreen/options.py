"""The options of a screening: every one that affects its results, typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jobscreen.limits import Limits

if TYPE_CHECKING:
    from jobscreen.record import RecordOptions


@dataclass(frozen=True)
class ScreenOptions:
    """Every option that affects results (not --jobs, --format or --output: they do not).

    ``as_of``: the date experience is counted to (None: the vacancy's closing date, else
    today); ``top`` and ``eligible_only`` select what is shown, ranks kept; ``blind`` breaks
    ties by each CV's opaque key and the reporters show only that key.
    """

    as_of: dt.date | None = None
    top: int | None = None
    eligible_only: bool = False
    blind: bool = False
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        """A script's options are checked as the command line's are: a wrong value is this
        error, never blamed on the CVs later."""
        if self.as_of is not None and (
            not isinstance(self.as_of, dt.date) or isinstance(self.as_of, dt.datetime)
        ):
            raise TypeError(f"as_of must be a datetime.date or None, got {self.as_of!r}")
        if self.top is not None and (type(self.top) is not int or self.top < 1):
            raise ValueError(f"top must be a whole number of at least 1, or None; got {self.top!r}")
        for name in ("eligible_only", "blind"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        if not isinstance(self.limits, Limits):
            raise TypeError(f"limits must be a jobscreen.Limits, got {self.limits!r}")

    def to_dict(self, effective_as_of: dt.date) -> dict[str, Any]:
        """The options as a record writes them, with the as-of date the run used."""
        return {
            "as_of": effective_as_of.isoformat(),
            "as_of_given": self.as_of is not None,
            "top": self.top,
            "eligible_only": self.eligible_only,
            "blind": self.blind,
            "limits": {
                "max_bytes": self.limits.max_bytes,
                "max_depth": self.limits.max_depth,
                "max_nodes": self.limits.max_nodes,
                "max_items": self.limits.max_items,
            },
        }

    @classmethod
    def recorded(cls, options: RecordOptions) -> ScreenOptions:
        """The options of a recorded run, its as-of date pinned to the date the run used."""
        bounds = options.limits
        limits = Limits(bounds.max_bytes, bounds.max_depth, bounds.max_nodes, bounds.max_items)
        return cls(options.as_of, options.top, options.eligible_only, options.blind, limits)
