"""Records to table rows and back, shared by every store backend.

Backends differ in SQL dialect and placeholders only; what a row holds, and
how it turns back into a record, is decided here once.
"""

from __future__ import annotations

import dataclasses
import json
import operator
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..records import (Comment, Control, Dispute, Event, Evidence, Extraction, Place, PlaceMention,
                       Report, Site, TriagedComment)
from .schema import EVENT_COLUMNS

_EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}
_PATRONS = ("patrons1", "patrons2")
_INDEXES = ("supported_by", "disputed_by")  # comment indexes, stored as JSON lists
_ROW_FIELDS = tuple(n for n in EVENT_COLUMNS if n in _EVENT_FIELDS)  # not derived (year)
_LISTS = frozenset(_PATRONS + _INDEXES)
_NULLABLE = frozenset({"iso", "latitude", "longitude", "comment_index", "fatalities_max",
                       "geonameid"})

# Column lists of the insert statements, in the order of the row builders below.
REPORT_COLUMNS = ("id", "url", "title", "published", "outlet", "text", "origin", "ingested_at")
COMMENT_COLUMNS = ("report_id", "idx", "parent", "author", "text")
PLACE_COLUMNS = ("report_id", "comment", '"start"', '"end"', "text", "geonameid", "name", "lat",
                 "lon", "geo_precision")
TRIAGE_COLUMNS = ("report_id", "idx", "labels", "abusive", "toxicity", "stance", "target",
                  "target_start", "target_end", "figure")
CONTROL_COLUMNS = ("report_id", "idx", "site_id", "holder", "valid_from", "valid_to", "action",
                   "data")
TRIAGED_SELECT = (
    "SELECT c.report_id, c.idx, c.parent, c.author, c.text, t.labels, t.toxicity,"
    " t.stance, t.target, t.target_start, t.target_end, t.figure, t.abusive"
    " FROM comments c JOIN comment_triage t ON t.report_id = c.report_id AND t.idx = c.idx")


def insert_sql(table: str, columns: tuple[str, ...], mark: str) -> str:
    """``INSERT INTO table (columns) VALUES (marks)`` with the backend's placeholder."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"


def iso(value: date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else date.fromisoformat(value).isoformat()


_GET = operator.attrgetter(*(("event_date" if n == "year" else n) for n in EVENT_COLUMNS))
_LIST_AT = tuple(i for i, n in enumerate(EVENT_COLUMNS) if n in _LISTS)
_YEAR_AT = EVENT_COLUMNS.index("year")
_DATE_AT = EVENT_COLUMNS.index("event_date")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _json_list(value) -> str:
    if not value:
        return "[]"
    if all(type(v) is str and v.isprintable() and '"' not in v and "\\" not in v
           for v in value):
        return '["' + '", "'.join(value) + '"]'  # what json.dumps writes, faster
    if all(type(v) is int for v in value):
        return "[" + ", ".join(map(str, value)) + "]"
    return _ENCODE(list(value))


def event_row(event: Event) -> list[Any]:
    row = list(_GET(event))
    for i in _LIST_AT:
        row[i] = _json_list(row[i])
    row[_YEAR_AT] = event.year
    d = row[_DATE_AT]
    if isinstance(d, date):  # the one date column
        row[_DATE_AT] = d.isoformat()
    return row


def event_from_row(row: Mapping[str, Any]) -> Event:
    kwargs: dict[str, Any] = {}
    for name in _ROW_FIELDS:
        value = row[name]
        if name in _LISTS:
            value = tuple(json.loads(value)) if value and value != "[]" else ()
        elif name == "event_date":
            value = date.fromisoformat(value)
        elif value is None and name not in _NULLABLE:
            continue  # the record's default
        kwargs[name] = value
    return Event(**kwargs)


_DEFAULTS = {f.name: (list(f.default) if isinstance(f.default, tuple) else f.default)
             for f in dataclasses.fields(Event) if f.default is not dataclasses.MISSING}


def event_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """``event_from_row(row).as_row()`` without making the Event (the API's rows)."""
    out: dict[str, Any] = {}
    for name in EVENT_COLUMNS:
        value = row[name]
        if name in _LISTS:
            value = json.loads(value) if value and value != "[]" else []
        elif value is None and name not in _NULLABLE and name in _DEFAULTS:
            value = _DEFAULTS[name]
        out[name] = value
    return out


def report_row(r: Report, ingested_at: str) -> tuple:
    return (r.id, r.url, r.title, iso(r.published), r.outlet, r.text, r.origin, ingested_at)


def comment_rows(r: Report) -> list[tuple]:
    return [(r.id, c.index, c.parent, c.author, c.text) for c in r.comments]


def place_rows(extraction: Extraction) -> list[tuple]:
    rid = extraction.report.id
    rows = []
    for m in extraction.places:
        p = m.place
        rows.append((rid, m.comment, m.start, m.end, m.text,
                     p.geonameid if p else None, p.name if p else None,
                     p.latitude if p else None, p.longitude if p else None, m.geo_precision))
    return rows


def triage_rows(extraction: Extraction) -> list[tuple]:
    """Triage of the comments that are stored (the reader may have dropped some)."""
    rid = extraction.report.id
    stored = {c.index for c in extraction.report.comments}
    return [(rid, t.index, json.dumps(list(t.labels)), int(t.abusive), t.toxicity, t.stance,
             t.target, t.target_start, t.target_end, t.figure)
            for t in extraction.comments if t.index in stored]


def triaged_from_row(r: Mapping[str, Any]) -> TriagedComment:
    return TriagedComment(r["report_id"], r["idx"], r["text"], tuple(json.loads(r["labels"])),
                          r["toxicity"], r["stance"], r["target"], r["target_start"],
                          r["target_end"], r["figure"], r["author"], r["parent"])


def report_from_rows(row: Mapping[str, Any], comments) -> Report:
    return Report(
        id=row["id"], text=row["text"], title=row["title"], url=row["url"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        outlet=row["outlet"], origin=row["origin"],
        comments=tuple(Comment(index=c["idx"], text=c["text"], author=c["author"],
                               parent=c["parent"]) for c in comments),
    )


def mention_from_row(r: Mapping[str, Any]) -> PlaceMention:
    """The stored place keeps its name, id and point (the gazetteer has the rest)."""
    place = None
    if r["lat"] is not None and r["lon"] is not None:
        place = Place(r["geonameid"], r["name"] or r["text"], None, r["lat"], r["lon"])
    return PlaceMention(r["text"], r["start"], r["end"], place, r["geo_precision"] or 1,
                        comment=r["comment"])


def control_rows(extraction: Extraction) -> list[tuple]:
    """One row per control assertion: the columns posture filters on, and the
    whole record as JSON (``data``)."""
    rid = extraction.report.id
    rows = []
    for i, c in enumerate(extraction.controls):
        data = c.as_row()
        data["site"] = c.site.as_row()
        data["time_precision"] = c.time_precision
        rows.append((rid, i, c.site.id, c.holder, iso(c.valid_from), iso(c.valid_to), c.action,
                     json.dumps(data, ensure_ascii=False, sort_keys=True)))
    return rows


def control_from_row(row: Mapping[str, Any]) -> Control:
    d = json.loads(row["data"])
    s = d["site"]
    site = Site(s["id"], s["name"], s["kind"], s["latitude"], s["longitude"], s["radius_km"],
                s["origin"], s["anchor"], s["geonameid"])
    return Control(
        site=site, holder=d["holder"],
        valid_from=date.fromisoformat(d["valid_from"]) if d["valid_from"] else None,
        valid_to=date.fromisoformat(d["valid_to"]) if d["valid_to"] else None,
        patrons=tuple(d["patrons"]),
        evidence=tuple(Evidence(e["report_id"], e["text"], e["start"], e["end"], e["source"],
                                e["source_kind"], e["comment_index"]) for e in d["evidence"]),
        sources=tuple(d["sources"]), source_kind=d["source_kind"], confidence=d["confidence"],
        action=d["action"], verb=d["verb"], time_precision=d["time_precision"],
        report_ids=tuple(d["report_ids"]),
        disputed_by=tuple(Dispute(x["report_id"], x["comment"], x["text"], x["target"], x["figure"])
                          for x in d["disputed_by"]),
        status=d["status"], associated=tuple(d["associated"]))
