"""A compact human-readable table of events, for terminals."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from typing import TextIO

from ..records import Event

_HEADERS = ("date", "sub_event_type", "actor1", "actor2", "location", "fat", "source")
_MIN = (10, 8, 8, 6, 6, 3, 6)
_WEIGHTS = (0, 3, 4, 3, 3, 0, 2)
# Terminal control: C0/C1 controls (ESC sequences) and bidi overrides.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _clean(value: object) -> str:
    return " ".join(_UNSAFE.sub(" ", "" if value is None else str(value)).split())


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _row(e: Event) -> tuple[str, ...]:
    source = "comment" if e.source_kind == "comment" else (e.source or "article")
    if e.source_kind == "comment" and e.comment_index is not None:
        source = f"comment #{e.comment_index}"
    return tuple(_clean(v) for v in (e.event_date.isoformat(), e.sub_event_type, e.actor1,
                                     e.actor2, e.location, e.fatalities, source))


def write_table(events: Iterable[Event], fh: TextIO, width: int | None = None) -> int:
    """Write an aligned table fitted to ``width`` columns (default: the
    terminal's width). Control characters in the data are blanked. Returns the
    number of events."""
    rows = [_row(e) for e in events]
    if width is None:
        # fit a terminal; a file or a pipe gets every cell whole
        width = shutil.get_terminal_size((100, 24)).columns if fh.isatty() else 10_000
    natural = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(_HEADERS)]
    widths = [min(n, m) if w else n for n, m, w in zip(natural, _MIN, _WEIGHTS, strict=True)]
    budget = width - 2 * (len(_HEADERS) - 1) - sum(widths)
    # Hand the remaining width out by weight, no column wider than it needs.
    while budget > 0:
        grew = False
        for i, weight in enumerate(_WEIGHTS):
            step = min(weight, budget, natural[i] - widths[i])
            if step > 0:
                widths[i] += step
                budget -= step
                grew = True
        if not grew:
            break
    for cells in [_HEADERS] + rows:
        fitted = [_fit(c, w) for c, w in zip(cells, widths, strict=True)]
        line = "  ".join(c.rjust(w) if i == 5 else c.ljust(w)
                         for i, (c, w) in enumerate(zip(fitted, widths, strict=True)))
        fh.write(line.rstrip() + "\n")
    if not rows:
        fh.write("(no events)\n")
    return len(rows)
