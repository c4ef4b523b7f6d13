"""GeoJSON export (RFC 7946): a FeatureCollection of Point features."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..records import Event


def feature(event: Event) -> dict:
    """One Feature: ``[longitude, latitude]`` Point (or ``null`` geometry when
    the event has no coordinates), the event row as properties."""
    if event.latitude is None or event.longitude is None:
        geometry = None
    else:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    return {"type": "Feature", "id": event.event_id_cnty, "geometry": geometry,
            "properties": event.as_row()}


def write_geojson(events: Iterable[Event], fh: TextIO) -> int:
    """Write a FeatureCollection, streaming one feature per line; returns the
    number of events."""
    fh.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for event in events:
        fh.write(",\n" if n else "\n")
        fh.write(json.dumps(feature(event), ensure_ascii=False, allow_nan=False))
        n += 1
    fh.write("\n]}\n")
    return n
