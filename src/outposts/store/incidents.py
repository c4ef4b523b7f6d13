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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..geo import near_box
from ..merge import DAYS_BY_TIME_PRECISION, PlaceKeys, _order, compatible, evidence_places, \
    merge_events
from ..records import Event, Extraction, MergedEvent
from .rows import event_from_row, event_row
from .schema import EVENT_COLUMNS

# The widest distance two mergeable events may be apart (geo precision 3 never merges).
REACH_KM = 25.0
EVENT_INSERT_COLUMNS = EVENT_COLUMNS + ("place_keys",)
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


def keys_json(keys: PlaceKeys) -> str:
    return json.dumps([list(k) for k in keys], ensure_ascii=False)


def keys_from(text: str | None) -> PlaceKeys:
    if not text:
        return ()
    return tuple((k[0], k[1]) for k in json.loads(text))


def place_keys(extraction: Extraction) -> list[PlaceKeys]:
    """The places each event's evidence names, from the extraction's place mentions."""
    by_frame: dict[int | None, list] = {}
    for m in extraction.places:
        by_frame.setdefault(m.comment, []).append(m)
    out = []
    for e in extraction.events:
        frame = e.comment_index if e.source_kind == "comment" else None
        out.append(evidence_places(e, by_frame.get(frame, ())))
    return out


def event_rows(extraction: Extraction) -> list[list[Any]]:
    """The events table rows of an extraction (with their place keys)."""
    return [event_row(e) + [keys_json(k)]
            for e, k in zip(extraction.events, place_keys(extraction), strict=True)]


def incident_id(first: Event) -> str:
    """The id of an incident: its first member's merge key (order-independent)."""
    return "|".join((first.event_date.isoformat(), first.report_id,
                     f"{first.evidence_start:09d}", first.sub_event_type, first.event_id_cnty))


def incident_row(m: MergedEvent, iid: str) -> list[Any]:
    return [iid, m.source_count] + event_row(m.event)


def merged_from(incident: Mapping[str, Any], members: Iterable[Mapping[str, Any]]) -> MergedEvent:
    """A stored incident and its stored members as a :class:`MergedEvent`."""
    events = sorted((event_from_row(r) for r in members), key=_order)
    return MergedEvent(event_from_row(incident), tuple(events))


@dataclass
class New:
    """A just-inserted event waiting for its incident."""

    event_id: int
    event: Event
    keys: PlaceKeys


class Linker:
    """Links new events to incidents; ``db`` is the backend (see :meth:`link`)."""

    def __init__(self, db):
        self.db = db

    def link(self, new: Sequence[New]) -> None:
        """Link ``new`` (inserted in this transaction, not linked yet) and re-merge the
        clusters they join. ``db`` provides ``_candidates(event)`` (rows),
        ``_rows(sql, args)``, ``_exec_many(sql, rows)``, ``_put_incidents(rows)``,
        ``_drop_incidents(ids)``, ``_bump(incidents_delta)`` and ``_in(n)`` (marks)."""
        if not new:
            return
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
        seen: dict[int, tuple[Event, PlaceKeys]] = {n.event_id: (n.event, n.keys) for n in new}
        for n in new:
            node = ("n", n.event_id)
            find(node)
            if n.event.geo_precision >= 3:
                continue  # a region or a country: never merged
            for row in db._candidates(n.event):
                eid = row["event_id"]
                if eid == n.event_id:
                    continue
                if eid not in seen:
                    seen[eid] = (event_from_row(row), keys_from(row["place_keys"]))
                other, keys = seen[eid]
                if compatible(n.event, other, n.keys, keys):
                    union(node, ("n", eid) if eid in new_ids else ("c", row["cluster"]))
        components: dict[tuple, list[tuple]] = {}
        for node in list(parent):
            components.setdefault(find(node), []).append(node)
        dropped: set[str] = set()
        incidents: list[list[Any]] = []
        links: list[tuple] = []
        for nodes in components.values():
            members: list[tuple[int, Event, PlaceKeys, str | None]] = []
            clusters = [c for kind, c in nodes if kind == "c"]
            for kind, ref in nodes:
                if kind == "n":
                    n = new_ids[ref]
                    members.append((n.event_id, n.event, n.keys, None))
            if clusters:
                for row in db._rows(f"SELECT * FROM events WHERE cluster IN ({db._in(len(clusters))})",
                                    clusters):
                    members.append((row["event_id"], event_from_row(row),
                                    keys_from(row["place_keys"]), row["incident_id"]))
            cluster = min(m[0] for m in members)
            dropped.update(m[3] for m in members if m[3] is not None)
            if len(members) == 1:
                eid, ev, _, _ = members[0]
                m = MergedEvent(ev, (ev,))
                iid = incident_id(ev)
                incidents.append(incident_row(m, iid))
                links.append((cluster, iid, eid))
                continue
            keys = {id(ev): k for _, ev, k, _ in members}
            ids = {id(ev): eid for eid, ev, _, _ in members}
            for m in merge_events([ev for _, ev, _, _ in members], places=lambda e: keys[id(e)]):
                iid = incident_id(m.members[0])
                incidents.append(incident_row(m, iid))
                links.extend((cluster, iid, ids[id(x)]) for x in m.members)
        if dropped:
            db._drop_incidents(sorted(dropped))
        db._put_incidents(incidents)
        db._exec_many("UPDATE events SET cluster = {0}, incident_id = {0} WHERE event_id = {0}"
                      .format(db._mark), links)
        db._bump(len(incidents) - len(dropped))


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
