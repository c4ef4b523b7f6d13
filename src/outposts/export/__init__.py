"""Exports of coded events: JSONL, CSV, GeoJSON, KML, a terminal table, Parquet.

Text writers take ``(events, fh)`` and return the number of events written;
:data:`EXPORTERS` maps format names to them. Parquet needs a path (and
pyarrow), so it stands apart: :func:`write_parquet`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from ..records import Event
from .csv import write_csv
from .geojson import write_geojson
from .jsonl import write_jsonl
from .kml import write_kml
from .parquet import write_parquet
from .table import write_table

__all__ = ["EXPORTERS", "write_csv", "write_geojson", "write_jsonl", "write_kml",
           "write_parquet", "write_table"]

EXPORTERS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
    "kml": write_kml,
    "table": write_table,
}
