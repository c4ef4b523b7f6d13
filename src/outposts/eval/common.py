"""What the set runners share: the pipeline they score, the result record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NO_EVENT = "no event"


def pipeline():
    """The process's outposts pipeline (default settings, the real gazetteer)."""
    from ..config import Settings
    from ..pipeline import Pipeline

    return Pipeline.shared(Settings())


def top_event(events):
    """The highest-confidence event (the first one on a tie), or None."""
    best = None
    for ev in events:
        if best is None or ev.confidence > best.confidence:
            best = ev
    return best


@dataclass
class Result:
    """What one run of one set measured, ready for :mod:`.report`."""

    set: str
    split: str
    source: str
    n: int
    columns: list[str]  # metric names of the summary table
    summary: dict[str, dict[str, Any]]  # system -> metric -> value (missing: n/a)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (heading, markdown)
    figures: dict[str, Any] = field(default_factory=dict)  # everything, for the JSON
    confusion: dict | None = None  # {"title", "labels", "matrix"}
    curves: dict[str, list[float]] | None = None  # system -> errors (km), for the plot
    worst: list[dict] = field(default_factory=list)  # the worst errors, text included
    notes: list[str] = field(default_factory=list)
