"""KML 2.2 export: one Placemark per event (Google Earth, QGIS...)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape as _escape

from ..records import Event

# Characters XML 1.0 cannot carry at all, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: object) -> str:
    """Text safe inside an XML element or attribute: escaped, with the
    characters XML forbids removed."""
    text = "" if value is None else str(value)
    return _escape(_INVALID_XML.sub("", text), {'"': "&quot;", "'": "&apos;"})


def _description(event: Event) -> str:
    lines = [
        f"{event.event_type} / {event.sub_event_type}",
        f"Actor 1: {event.actor1}" + (f" (with {event.assoc_actor_1})" if event.assoc_actor_1
                                      else ""),
    ]
    if event.actor2:
        lines.append(f"Actor 2: {event.actor2}")
    lines.append(f"Fatalities: {event.fatalities}")
    if event.source:
        lines.append(f"Source: {event.source}")
    lines.append(f"Evidence ({event.source_kind}): {event.evidence}")
    if event.notes:
        lines.append(f"Notes: {event.notes}")
    return "\n".join(lines)


def write_kml(events: Iterable[Event], fh: TextIO, *, name: str = "outposts events") -> int:
    """Write a KML document; events without coordinates are left out (KML
    needs a point). Each placemark carries every column in ``<ExtendedData>``.
    Returns the number of placemarks written."""
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n'
             f"<name>{xml_text(name)}</name>\n")
    n = 0
    for e in events:
        if e.latitude is None or e.longitude is None:
            continue
        title = f"{e.sub_event_type} – {e.location}" if e.location else e.sub_event_type
        fh.write(
            f'<Placemark id="{xml_text(_id(e.event_id_cnty))}">\n'
            f"  <name>{xml_text(title)}</name>\n"
            f"  <description>{xml_text(_description(e))}</description>\n"
            f"  <TimeStamp><when>{e.event_date.isoformat()}</when></TimeStamp>\n"
            f"{_extended_data(e)}"
            f"  <Point><coordinates>{float(e.longitude)!r},{float(e.latitude)!r}"
            "</coordinates></Point>\n"
            "</Placemark>\n"
        )
        n += 1
    fh.write("</Document>\n</kml>\n")
    return n


def _extended_data(event: Event) -> str:
    """Every column (ACLED's, then outposts'), one ``<Data>`` each, so QGIS and
    Google Earth show them as fields; lists joined with ``"; "`` as in the CSV."""
    cells = []
    for key, value in event.as_row().items():
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        cells.append(f'    <Data name="{key}"><value>{xml_text(value)}</value></Data>\n')
    return "  <ExtendedData>\n" + "".join(cells) + "  </ExtendedData>\n"


def _id(value: str) -> str:
    """An XML ID: letters, digits, ``_ - .`` only, not starting with a digit."""
    clean = re.sub(r"[^A-Za-z0-9_.-]", "_", value or "event")
    return clean if clean[:1].isalpha() or clean[:1] == "_" else "e" + clean
