"""CSV export in ACLED's column order (then outposts' own columns)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from ..records import ACLED_COLUMNS, EXTRA_COLUMNS, Event

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A row value as CSV text: None empty, lists joined with ``"; "``."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def write_csv(events: Iterable[Event], fh: TextIO, *, bom: bool = True,
              excel_safe: bool = False) -> int:
    """Write a header and one row per event; returns the number of events.

    ``fh`` is a text stream (open it with ``newline=""``). A UTF-8 BOM
    (``"\\ufeff"``) is written first so spreadsheet programs read UTF-8.
    With ``excel_safe``, text cells starting with ``= + - @`` get a leading
    ``'`` so a spreadsheet does not run them as formulas (off by default:
    it alters the data).
    """
    if bom:
        fh.write("\ufeff")
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    n = 0
    for event in events:
        row = event.as_row()
        cells = []
        for name in COLUMNS:
            text = cell(row[name])
            if excel_safe and isinstance(row[name], str) and text.startswith(_FORMULA_START):
                text = "'" + text
            cells.append(text)
        writer.writerow(cells)
        n += 1
    return n
