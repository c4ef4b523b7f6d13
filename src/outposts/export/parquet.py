"""Parquet export (needs the optional ``pyarrow``: ``pip install 'outposts[parquet]'``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import ConfigError
from ..records import ACLED_COLUMNS, EXTRA_COLUMNS, Event

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS
_INT64 = {"year", "inter1", "inter2", "interaction", "fatalities", "timestamp",
          "evidence_start", "evidence_end", "comment_index", "fatalities_max", "geonameid", "iso"}
_INT8 = {"time_precision", "geo_precision"}
_FLOAT = {"latitude", "longitude", "confidence"}
_LISTS = {"patrons1", "patrons2"}
_INT_LISTS = {"supported_by", "disputed_by"}


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ConfigError(
            "Parquet export needs pyarrow: pip install 'outposts[parquet]'") from None
    return pyarrow


def schema():
    """The Arrow schema: dates as date32, counts as int64, coordinates and
    confidence as float64, patrons as list<string>, the rest as string."""
    pa = _pyarrow()
    fields = []
    for name in COLUMNS:
        if name == "event_date":
            kind = pa.date32()
        elif name in _INT64:
            kind = pa.int64()
        elif name in _INT8:
            kind = pa.int8()
        elif name in _FLOAT:
            kind = pa.float64()
        elif name in _LISTS:
            kind = pa.list_(pa.string())
        elif name in _INT_LISTS:
            kind = pa.list_(pa.int64())
        else:
            kind = pa.string()
        fields.append(pa.field(name, kind, nullable=True))
    return pa.schema(fields)


def write_parquet(events: Iterable[Event], path: str | Path) -> int:
    """Write the events to a Parquet file at ``path``; returns their number."""
    pa = _pyarrow()
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    n = 0
    for event in events:
        for name in COLUMNS:
            columns[name].append(event.year if name == "year" else getattr(event, name))
        n += 1
    for name in _LISTS | _INT_LISTS:
        columns[name] = [list(v) for v in columns[name]]
    table = pa.table(columns, schema=schema())
    pa.parquet.write_table(table, str(path))
    return n
