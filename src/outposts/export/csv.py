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
              excel_safe: bool = True) -> int:
    """Write a header and one row per event; returns the number of events.

    ``fh`` is a text stream (open it with ``newline=""``). A UTF-8 BOM
    (``"\\ufeff"``) is written first so spreadsheet programs read UTF-8.
    With ``excel_safe`` (the default, as OWASP advises for files meant for
    spreadsheets: CSV injection), a text cell (a string, or a list joined)
    starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading ``'`` so a spreadsheet shows it as text instead of running it as a
    formula; numbers (a negative longitude) are never changed. ``excel_safe=False``
    writes the text exactly as coded.
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
            if excel_safe and isinstance(row[name], (str, list)) and text.startswith(_FORMULA_START):
                text = "'" + text
            cells.append(text)
        writer.writerow(cells)
        n += 1
    return n
