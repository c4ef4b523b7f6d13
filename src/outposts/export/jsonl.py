"""JSON Lines export: one ``Event.as_row()`` object per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..records import Event


def write_jsonl(events: Iterable[Event], fh: TextIO) -> int:
    """Write one JSON object per event (UTF-8 as is, ``ensure_ascii=False``).

    Returns the number of events written.
    """
    n = 0
    for event in events:
        fh.write(json.dumps(event.as_row(), ensure_ascii=False, allow_nan=False))
        fh.write("\n")
        n += 1
    return n
