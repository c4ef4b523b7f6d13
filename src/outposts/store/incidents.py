"""Incidents merged at ingest, for every backend (issue 18).

When a report is stored, each of its new events is linked to its incident:

1. candidates come from an index (SQLite: an R*Tree on latitude, longitude and
   day; PostgreSQL: a B-tree on sub-event type, date and position) within the
   widest date slack and distance :func:`outposts.merge.compatible` allows;
2. the new events and the *clusters* of the candidates they are compatible with
   are joined: a cluster is a connected component of the ``compatible`` graph,
   kept in ``events.cluster``;
3. the whole joined cluster is merged again with :func:`outposts.merge.merge_events`
   (the pure function: it reads the records and the places their evidence
   names, never text), its old incidents are dropped and the new ones stored.

``merge_events`` never puts two events of different components in one group, so
merging each component on its own gives exactly what merging the whole store
would: the incidents are a function of the stored events, not of the order they
came in. An incident's id is a function of its members (the key of its first
member in merge order), so ingest order changes no id either.

Reads never merge: they read ``incidents`` and the members linked to them.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..geo import near_box
from ..merge import (DAYS_BY_TIME_PRECISION, KM_BY_GEO_PRECISION, PlaceKeys, _order, _slack,
                     compatible, evidence_places, mention_keys, merge_events, places_named)
from ..records import Event, Extraction, MergedEvent
from .rows import event_dict, event_from_row, event_row
from .schema import EVENT_COLUMNS

# The widest distance two mergeable events may be apart (geo precision 3 never merges).
REACH_KM = 25.0
EVENT_INSERT_COLUMNS = ("event_id",) + EVENT_COLUMNS + ("place_keys", "cluster", "incident_id")
INCIDENT_COLUMNS = ("incident_id", "source_count") + EVENT_COLUMNS
# The six ACLED event types: a `type` filter naming one reads event_type, else sub_event_type.
EVENT_TYPES = frozenset({"battles", "explosions/remote violence", "violence against civilians",
                         "protests", "riots", "strategic developments"})


def day(d: date) -> int:
    """A date as the day number the R*Trees hold (``date.toordinal``)."""
    return d.toordinal()


def max_slack(time_precision: int) -> int:
    """The most days an event of this time precision may be from any it merges with."""
    return 1 + DAYS_BY_TIME_PRECISION.get(time_precision, 15) + max(DAYS_BY_TIME_PRECISION.values())


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def keys_json(keys: PlaceKeys) -> str:
    return _ENCODE([list(k) for k in keys]) if keys else "[]"


def keys_from(text: str | None) -> PlaceKeys:
    if not text:
        return ()
    return tuple((k[0], k[1]) for k in json.loads(text))


def place_keys(extraction: Extraction) -> list[PlaceKeys]:
    """The places each event's evidence names, from the extraction's place mentions."""
    if not extraction.places:
        return [()] * len(extraction.events)
    prepared = mention_keys(extraction.places)
    return [places_named(e, prepared) for e in extraction.events]


def pending(extractions: Iterable[Extraction], ids: Iterable[int]) -> list[New]:
    """The events of ``extractions`` with the ids allotted them, in order."""
    out = []
    it = iter(ids)
    for ex in extractions:
        for e, k in zip(ex.events, place_keys(ex), strict=True):
            out.append(New(next(it), e, k))
    return out


def event_rows(new: Iterable[New], links: Links) -> list[list[Any]]:
    """The events table rows (:data:`EVENT_INSERT_COLUMNS`) of linked new events."""
    return [[n.event_id] + event_row(n.event) + [keys_json(n.keys), *links.assign[n.event_id]]
            for n in new]


def incident_id(first: Event) -> str:
    """The id of an incident: its first member's merge key (order-independent)."""
    return "|".join((first.event_date.isoformat(), first.report_id,
                     f"{first.evidence_start:09d}", first.sub_event_type, first.event_id_cnty))


def incident_row(m: MergedEvent, iid: str) -> list[Any]:
    return [iid, m.source_count] + event_row(m.event)


# What an incident's row in the API shows of each member (MergedEvent.as_row's members).
MEMBER_COLUMNS = ("incident_id", "event_date", "report_id", "event_id_cnty", "source",
                  "fatalities", "evidence", "evidence_start", "evidence_end", "source_kind",
                  "comment_index")


def incident_dict(incident: Mapping[str, Any], members: Iterable[Mapping[str, Any]]
                  ) -> dict[str, Any]:
    """``merged_from(incident, members).as_row()`` straight from the rows (members
    need only :data:`MEMBER_COLUMNS`): what ``/api/events`` serves."""
    row = event_dict(incident)
    ms = sorted(members, key=lambda m: (m["event_date"], m["report_id"], m["evidence_start"],
                                        m["event_id_cnty"]))
    row["source_count"] = len({m["report_id"] for m in ms})
    row["sources"] = list(dict.fromkeys(m["source"] for m in ms if m["source"]))
    row["fatalities_reported"] = sorted({m["fatalities"] or 0 for m in ms})
    row["members"] = [{"report_id": m["report_id"], "event_id_cnty": m["event_id_cnty"],
                       "source": m["source"] or "", "fatalities": m["fatalities"] or 0,
                       "evidence": m["evidence"], "evidence_start": m["evidence_start"],
                       "evidence_end": m["evidence_end"], "source_kind": m["source_kind"],
                       "comment_index": m["comment_index"]} for m in ms]
    return row


def merged_from(incident: Mapping[str, Any], members: Iterable[Mapping[str, Any]]) -> MergedEvent:
    """A stored incident and its stored members as a :class:`MergedEvent`."""
    events = sorted((event_from_row(r) for r in members), key=_order)
    return MergedEvent(event_from_row(incident), tuple(events))


@dataclass
class New:
    """An event waiting for its incident: its id (allotted), record and place keys."""

    event_id: int
    event: Event
    keys: PlaceKeys


@dataclass
class Links:
    """What :meth:`Linker.link` decided: ``assign`` (cluster, incident id) per new
    event id; ``updates`` (cluster, incident id, event id) of stored events whose
    links change; incidents to ``drop`` (ids) and to ``put`` (rows); ``delta`` in
    the number of incidents."""

    assign: dict[int, tuple[int, str]]
    updates: list[tuple[int, str, int]]
    drop: list[str]
    put: list[list[Any]]
    delta: int


_CELL = 0.25  # degrees: a grid cell is wider than REACH_KM in latitude
# A chunk of new events close in time gets one window read of the stored events
# around it (an archive imported in date order); scattered events one read each.
_WINDOW_MIN = 32
_WINDOW_DAYS = 62


# What the linker reads of a stored candidate (all that compatible() looks at).
CANDIDATE_COLUMNS = ("event_id", "cluster", "place_keys", "event_id_cnty", "event_date",
                     "time_precision", "event_type", "sub_event_type", "report_id", "actor1",
                     "actor2", "geo_precision", "country", "latitude", "longitude", "geonameid",
                     "location")


def light_event(row: Mapping[str, Any]) -> Event:
    """A candidate row (:data:`CANDIDATE_COLUMNS`) as an Event fit for ``compatible``."""
    return Event(event_id_cnty=row["event_id_cnty"],
                 event_date=date.fromisoformat(row["event_date"]),
                 time_precision=row["time_precision"], event_type=row["event_type"],
                 sub_event_type=row["sub_event_type"], actor1=row["actor1"] or "",
                 report_id=row["report_id"], evidence="", evidence_start=0, evidence_end=0,
                 confidence=0.0, actor2=row["actor2"] or "", geo_precision=row["geo_precision"],
                 country=row["country"] or "", latitude=row["latitude"],
                 longitude=row["longitude"], geonameid=row["geonameid"],
                 location=row["location"] or "")


class _Grid:
    """Events by (sub-event type, 0.25-degree cell), each with its day, time
    precision, point and geo precision: the candidates of one event are nine look-ups,
    a date check and a box check. Stored rows become Events only when they pass those
    checks."""

    def __init__(self):
        self.cells: dict[tuple, list] = {}
        self.nowhere: dict[str, list] = {}  # events without a point, by sub-event type
        self.days: dict[tuple, list[int]] = {}  # each cell's days, sorted (see freeze)
        self.precisions: set[int] = set()

    def add(self, node: tuple, sub: str, day_: int, tp: int, lat, lon, report: str,
            payload, gp: int) -> None:
        """``payload``: (Event, keys), or a stored row (converted on demand)."""
        item = [node, day_, tp, payload, report, lat, lon, gp]
        self.precisions.add(tp)
        if lat is None or lon is None:
            self.nowhere.setdefault(sub, []).append(item)
        else:
            self.cells.setdefault((sub, int(lat // _CELL), int(lon // _CELL)), []).append(item)

    def freeze(self) -> None:
        """Sort each cell by day (after the last add, before the first :meth:`near`):
        a look-up then reads only the days within the widest date slack, by bisection,
        not every item of the nine cells (a cell holds about two months of events)."""
        for key, items in self.cells.items():
            items.sort(key=_day_of)
            self.days[key] = [item[1] for item in items]

    @staticmethod
    def _payload(item: list) -> tuple:
        p = item[3]
        if not isinstance(p, tuple):
            p = item[3] = (light_event(p), keys_from(p["place_keys"]))
        return p

    def near(self, e: Event):
        """The items that may merge with ``e``: same sub-event type, a neighbouring cell
        (or no point), another report, within the date slack of both precisions, below
        geo precision 3 and, both with a point, inside the box around ``e`` holding every
        point the distance :func:`~outposts.merge.compatible` allows them may reach (the
        cells span about 80 km, that distance is 10 or 25 km: most items of the cells
        are never made Events nor compared)."""
        d = e.event_date.toordinal()
        sub, tp_e = e.sub_event_type, e.time_precision
        slack = _SLACKS.get(tp_e)
        if slack is None:
            slack = _SLACKS[tp_e] = {tp: _slack(tp_e, tp) for tp in (1, 2, 3)}
        cells = self.cells
        lists = [self.nowhere.get(sub, ())]
        if e.latitude is not None and e.longitude is not None:
            widest = max(slack.get(tp) if tp in slack else _slack(tp_e, tp)
                         for tp in self.precisions)
            ci, cj = int(e.latitude // _CELL), int(e.longitude // _CELL)
            for i in (ci - 1, ci, ci + 1):
                for j in (cj - 1, cj, cj + 1):
                    items = cells.get((sub, i, j))
                    if items:
                        days = self.days[sub, i, j]
                        lo = bisect_left(days, d - widest)
                        hi = bisect_right(days, d + widest, lo)
                        if hi > lo:
                            lists.append(items[lo:hi])
        else:
            lists += [v for k, v in cells.items() if k[0] == sub]
        report = e.report_id
        payload = self._payload
        lat, lon, gp_e = e.latitude, e.longitude, e.geo_precision
        boxes: dict[int, tuple] = {}
        for items in lists:
            for item in items:
                if item[4] != report and item[7] < 3:
                    s = slack.get(item[2])
                    if s is None:
                        s = _slack(tp_e, item[2])
                    if not -s <= item[1] - d <= s:
                        continue
                    if lat is not None and lon is not None and item[5] is not None:
                        box = boxes.get(item[7])
                        if box is None:
                            box = boxes[item[7]] = near_box(lat, lon, KM_BY_GEO_PRECISION.get(
                                max(gp_e, item[7]), 60.0))
                        if not box[0] <= item[5] <= box[1] or (
                                box[2] is not None and not box[2] <= item[6] <= box[3]):
                            continue
                    yield item[0], *payload(item)


def _day_of(item: list) -> int:
    return item[1]


# _slack(tp_a, tp_b) by tp_a, then tp_b (filled as precisions are met)
_SLACKS: dict[int, dict[int, int]] = {}


class Linker:
    """Links events to incidents; ``db`` is the backend: ``_candidates(event)``,
    ``_window(day_lo, day_hi, types)`` and ``_rows(sql, args)`` return event rows,
    ``_in(n)`` placeholders."""

    def __init__(self, db):
        self.db = db

    def _stored(self, new: Sequence[New]):
        """The stored events the new ones may merge with (rows)."""
        db = self.db
        todo = sorted((n for n in new if n.event.geo_precision < 3),
                      key=lambda n: n.event.event_date)
        i = 0
        while i < len(todo):
            j = i
            lo = todo[i].event.event_date.toordinal()
            while j < len(todo) and todo[j].event.event_date.toordinal() - lo <= _WINDOW_DAYS:
                j += 1
            chunk = todo[i:j]
            if len(chunk) >= _WINDOW_MIN:
                reach = max(max_slack(n.event.time_precision) for n in chunk)
                yield from db._window(lo - reach,
                                      chunk[-1].event.event_date.toordinal() + reach,
                                      sorted({n.event.sub_event_type for n in chunk}))
            else:
                for n in chunk:
                    yield from db._candidates(n.event)
            i = j

    def link(self, new: Sequence[New]) -> Links:
        """Link ``new`` (not stored yet, or stored without links) and re-merge the
        clusters they join."""
        links = Links({}, [], [], [], 0)
        if not new:
            return links
        db = self.db
        parent: dict[tuple, tuple] = {}

        def find(x: tuple) -> tuple:
            root = x
            while parent.setdefault(root, root) != root:
                root = parent[root]
            while parent[x] != root:
                parent[x], x = root, parent[x]
            return root

        def union(a: tuple, b: tuple) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        new_ids = {n.event_id: n for n in new}
        grid = _Grid()
        for n in new:
            e = n.event
            grid.add(("n", n.event_id), e.sub_event_type, e.event_date.toordinal(),
                     e.time_precision, e.latitude, e.longitude, e.report_id, (e, n.keys),
                     e.geo_precision)
        seen: set[int] = set()
        for row in self._stored(new):
            eid = row["event_id"]
            if eid in new_ids or eid in seen or row["cluster"] is None:
                continue
            seen.add(eid)
            grid.add(("c", row["cluster"]), row["sub_event_type"],
                     date.fromisoformat(row["event_date"]).toordinal(), row["time_precision"],
                     row["latitude"], row["longitude"], row["report_id"], row,
                     row["geo_precision"])
        grid.freeze()
        for n in new:
            node = ("n", n.event_id)
            find(node)
            if n.event.geo_precision >= 3:
                continue  # a region or a country: never merged
            for other_node, other, keys in grid.near(n.event):
                if other_node != node and other.geo_precision < 3 and find(other_node) != \
                        find(node) and compatible(n.event, other, n.keys, keys):
                    union(node, other_node)
        components: dict[tuple, list[tuple]] = {}
        for node in list(parent):
            components.setdefault(find(node), []).append(node)
        dropped: set[str] = set()
        # the stored members of every cluster the new events join, read at once
        joined = sorted({ref for nodes in components.values() for kind, ref in nodes
                         if kind == "c"})
        stored: dict[int, list] = {}
        for i in range(0, len(joined), 500):
            part = joined[i:i + 500]
            for row in db._rows(f"SELECT * FROM events WHERE cluster IN ({db._in(len(part))})",
                                part):
                stored.setdefault(row["cluster"], []).append(
                    (row["event_id"], event_from_row(row), keys_from(row["place_keys"]),
                     row["incident_id"]))
        for nodes in components.values():
            members: list[tuple[int, Event, PlaceKeys, str | None]] = []
            for kind, ref in nodes:
                if kind == "n":
                    n = new_ids[ref]
                    members.append((n.event_id, n.event, n.keys, None))
                else:
                    members += stored.get(ref, ())
            cluster = min(m[0] for m in members)
            dropped.update(m[3] for m in members if m[3] is not None)
            if len(members) == 1:
                eid, ev, _, _ = members[0]
                iid = incident_id(ev)
                links.put.append(incident_row(MergedEvent(ev, (ev,)), iid))
                links.assign[eid] = (cluster, iid)
                continue
            keys = {id(ev): k for _, ev, k, _ in members}
            ids = {id(ev): eid for eid, ev, _, _ in members}
            for m in merge_events([ev for _, ev, _, _ in members], places=lambda e: keys[id(e)]):
                iid = incident_id(m.members[0])
                links.put.append(incident_row(m, iid))
                for x in m.members:
                    eid = ids[id(x)]
                    if eid in new_ids:
                        links.assign[eid] = (cluster, iid)
                    else:
                        links.updates.append((cluster, iid, eid))
        links.drop = sorted(dropped)
        links.delta = len(links.put) - len(dropped)
        return links


_DAY_AT = tuple(INCIDENT_COLUMNS.index(c) for c in ("event_date", "event_type",
                                                     "sub_event_type", "source_kind"))
# What incident_days keeps per (day, type, sub-event type, source kind); upsert of a delta.
DAY_KEY_COLUMNS = ("event_date", "event_type", "sub_event_type", "source_kind")


def day_key(values: Sequence[Any]) -> tuple[str, str, str, str]:
    d = values[0]
    return (d.isoformat() if isinstance(d, date) else d, values[1] or "", values[2] or "",
            values[3] or "")


def day_deltas(put: Iterable[Sequence[Any]], dropped: Iterable[Sequence[Any]]
               ) -> list[tuple[str, str, str, str, int]]:
    """The changes to ``incident_days`` of putting incident rows (:data:`INCIDENT_COLUMNS`)
    and dropping incidents (rows of :data:`DAY_KEY_COLUMNS`), zeros left out."""
    delta: dict[tuple, int] = {}
    for row in put:
        k = day_key([row[i] for i in _DAY_AT])
        delta[k] = delta.get(k, 0) + 1
    for row in dropped:
        k = day_key(tuple(row))
        delta[k] = delta.get(k, 0) - 1
    return sorted((*k, n) for k, n in delta.items() if n)


def day_upsert_sql(mark: str) -> str:
    return ("INSERT INTO incident_days (event_date, event_type, sub_event_type, source_kind, n)"
            f" VALUES ({', '.join([mark] * 5)}) ON CONFLICT (event_date, event_type,"
            " sub_event_type, source_kind) DO UPDATE SET n = incident_days.n + excluded.n")


def countable(since, until, type, actor, near, patron, source_kind) -> bool:
    """Can ``incident_days`` count this filter set (dates, type and source kind only)?"""
    return not (actor or near is not None or patron)


def candidate_box(e: Event) -> tuple[float, float, float, float, int, int] | None:
    """(lat_lo, lat_hi, lon_lo, lon_hi, day_lo, day_hi) of the events ``e`` may merge
    with; None when ``e`` has no point."""
    d, slack = day(e.event_date), max_slack(e.time_precision)
    if e.latitude is None or e.longitude is None:
        return None
    lat_lo, lat_hi, lon_lo, lon_hi = near_box(e.latitude, e.longitude, REACH_KM)
    if lon_lo is None:
        lon_lo, lon_hi = -180.0, 180.0
    return lat_lo, lat_hi, lon_lo, lon_hi, d - slack, d + slack


def date_window(e: Event) -> tuple[str, str]:
    d, slack = day(e.event_date), max_slack(e.time_precision)
    return date.fromordinal(d - slack).isoformat(), date.fromordinal(d + slack).isoformat()


def type_column(needle: str) -> str:
    """The column a ``type`` filter reads: event_type for the six ACLED types."""
    return "event_type" if needle in EVENT_TYPES else "sub_event_type"


def encode_cursor(event_date: str, iid: str) -> str:
    import base64

    return base64.urlsafe_b64encode(f"{event_date}\n{iid}".encode()).decode().rstrip("=")


def decode_cursor(text: str) -> tuple[str, str]:
    """The (event_date, key) a cursor holds; ValueError when it is not one of ours."""
    import base64
    import binascii

    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise ValueError("not a cursor") from None
    first, sep, rest = raw.partition("\n")
    if not sep:
        raise ValueError("not a cursor")
    date.fromisoformat(first)
    return first, rest


def unlinked(db, rows: Iterable[Mapping[str, Any]]) -> list[New]:
    """Events stored before incidents were kept (a store migrated to version 5): their
    place keys from the stored place mentions (written back), ready to link."""
    out: list[New] = []
    mentions: dict[str, list] = {}
    updates = []
    for row in rows:
        rid = row["report_id"]
        if rid not in mentions:
            mentions[rid] = db.place_mentions(rid)
        ev = event_from_row(row)
        keys = evidence_places(ev, mentions[rid])
        updates.append((keys_json(keys), row["event_id"]))
        out.append(New(row["event_id"], ev, keys))
    db._exec_many("UPDATE events SET place_keys = {0} WHERE event_id = {0}".format(db._mark),
                  updates)
    return out


def type_columns(known: Iterable[Sequence[str]], needle: str) -> list[str]:
    """The columns a ``type`` filter must read, given the (event_type, sub_event_type)
    pairs stored: event_type when ``needle`` names one, sub_event_type when it names
    one of those (both in the odd case it names both; sub_event_type when neither)."""
    types = {t.casefold() for t, _ in known}
    subs = {s.casefold() for _, s in known}
    cols = [c for c, names in (("event_type", types), ("sub_event_type", subs)) if needle in names]
    return cols or ["sub_event_type"]


def keyset_chunks(fetch, after, limit: int, key):
    """The rows of a ``near`` page query, ``limit + 1`` at a time: ``fetch(after, n)``
    reads the next ``n`` after the keyset ``after``. The SQL's distance test is a
    slightly wider net than the haversine check :func:`page_of` makes, so a page
    reads about ``limit`` rows, not every row around the place."""
    n = limit + 1
    while True:
        rows = fetch(after, n)
        yield from rows
        if len(rows) < n:
            return
        after = key(rows[-1])


def reach_km(km: float) -> float:
    """The radius the SQL's distance test uses for ``near`` (the haversine check decides)."""
    return km * 1.001 + 0.01


def page_of(rows: Iterable[Mapping[str, Any]], near, limit: int, key, convert):
    """The first ``limit`` of ``rows`` (those within ``near``'s circle when given) and
    the key to continue after (None when nothing is left)."""
    from ..geo import haversine_km

    out = []
    last = None
    for row in rows:
        if near is not None and haversine_km(near[0], near[1], row["latitude"],
                                             row["longitude"]) > near[2]:
            continue
        if len(out) == limit:
            return out, last
        out.append(convert(row))
        last = key(row)
    return out, None
