"""Merging: the same incident told by several reports becomes one event.

A pure function of the records (:func:`merge_events`): the same events in, in
any order, give the same groups out. The store runs it at ingest on the
neighbourhood a new report touches and keeps the incidents (see
:mod:`outposts.store.incidents`); reads never merge.

Two events may belong to one incident when they come from different reports
and have the same sub-event type, the same date when both are day-precise,
else within a day widened by their time precision (a week-precise date may
be three days off, a month-precise one fifteen), locations within a distance set by the coarser geo precision
(:data:`KM_BY_GEO_PRECISION`) and compatible actors (the same, one a unit of
the other, or one unnamed/unidentified; sides may be swapped for symmetric
types such as armed clashes), and evidence that does not name two different
villages (by the place mentions stored inside each evidence span: two events
both coded to "Idlib" from "shelled Kansafra" and "shelled Kafr Nabl" stay apart). Region- or country-level events never merge. Groups are complete-linkage: every pair in a
group is compatible, so a chain of near neighbours never drags two distant
strikes together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from functools import lru_cache

from ..actors.names import actors_compatible, vague as _vague
from ..records import Event, MergedEvent
from ..geo import haversine_km

__all__ = [
    "DAYS_BY_TIME_PRECISION",
    "PlaceKeys",
    "evidence_places",
    "incident_output",
    "KM_BY_GEO_PRECISION",
    "compatible",
    "merge_events",
    "merged_output",
]

KM_BY_GEO_PRECISION = {1: 10.0, 2: 25.0, 3: 60.0}
DAYS_BY_TIME_PRECISION = {1: 0, 2: 3, 3: 15}
# A lower bound of the great-circle km per degree of latitude (haversine_km's radius).
_KM_PER_DEGREE_LAT = 111.19
_SYMMETRIC = {"Armed clash", "Mob violence", "Violent demonstration"}


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _days_apart(a: Event, b: Event) -> int:
    return abs((a.event_date - b.event_date).days)


def _max_km(a: Event, b: Event) -> float:
    return KM_BY_GEO_PRECISION.get(max(a.geo_precision, b.geo_precision), 60.0)


def _distance(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


PlaceKeys = tuple[tuple["int | None", str], ...]
"""The places an event's evidence names, in text order: ``(geonameid, name key)`` pairs
(see :func:`evidence_places`)."""


@lru_cache(maxsize=65536)
def _place_key(name: str) -> str:
    from ..places.normalize import skeleton_key

    return skeleton_key(name)


def _areas(e: Event) -> set[str]:
    return {_place_key(x) for x in (e.admin1, e.admin2, e.admin3, e.country) if x}


def evidence_places(event: Event, mentions: Iterable) -> PlaceKeys:
    """The places ``event``'s evidence names, from the place mentions stored with its
    report (:class:`~outposts.records.PlaceMention`, offsets in the report's text or in
    comment ``comment``'s): those inside the evidence span, in text order, less the
    event's own admin areas and country and regions (geo precision 3). Each is
    ``(geonameid, name key)``; reads records only, never text."""
    return places_named(event, mention_keys(mentions))


def mention_keys(mentions: Iterable) -> list[tuple]:
    """Place mentions prepared for :func:`places_named` (in text order): (comment,
    start, end, key, the keys of its words)."""
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.geo_precision >= 3:
            continue
        place = m.place
        name = place.name if place and place.name else m.text
        key = (place.geonameid if place else None, _place_key(name))
        if key[1]:
            out.append((m.comment, m.start, m.end, key,
                        frozenset({_place_key(m.text), _place_key(name)})))
    return out


def places_named(event: Event, prepared: list[tuple]) -> PlaceKeys:
    """:func:`evidence_places` from :func:`mention_keys` (one report's, done once)."""
    frame = event.comment_index if event.source_kind == "comment" else None
    lo, hi = event.evidence_start, event.evidence_end
    out: list[tuple[int | None, str]] = []
    areas = None
    for comment, start, end, key, names in prepared:
        if comment != frame or start < lo or end > hi:
            continue
        if areas is None:
            areas = _areas(event)
        if names & areas or key in out:
            continue
        out.append(key)
    return tuple(out)


def _same_place(a: tuple, b: tuple) -> bool:
    if a[0] is not None and b[0] is not None:
        return a[0] == b[0]
    return a[1] == b[1]


def compatible(a: Event, b: Event, places_a: PlaceKeys = (), places_b: PlaceKeys = ()) -> bool:
    """May ``a`` and ``b`` be the same incident told by two reports? ``places_a`` and
    ``places_b`` are the places their evidence names (:func:`evidence_places`)."""
    if a.report_id == b.report_id or a.sub_event_type != b.sub_event_type:
        return False
    if max(a.geo_precision, b.geo_precision) >= 3:
        return False  # a region or a country: too vague to say two accounts meet
    # Two day-precise dates must agree: a day apart they are, far more often,
    # the same village shelled again the next day (ACLED codes each day) than
    # one incident misdated. Coarser dates get a day plus their slack.
    if a.time_precision == 1 and b.time_precision == 1:
        slack = 0
    else:
        slack = 1 + DAYS_BY_TIME_PRECISION.get(a.time_precision, 15) \
            + DAYS_BY_TIME_PRECISION.get(b.time_precision, 15)
    if _days_apart(a, b) > slack:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.latitude is not None and b.latitude is not None and a.longitude is not None \
            and b.longitude is not None \
            and abs(a.latitude - b.latitude) * _KM_PER_DEGREE_LAT > _max_km(a, b):
        return False  # farther apart north-south alone than allowed (no haversine needed)
    km = _distance(a, b)
    if km is None:
        if a.geonameid is None or a.geonameid != b.geonameid:
            if _key(a.location) != _key(b.location):
                return False
    elif km > _max_km(a, b):
        return False
    same = actors_compatible(a.actor1, b.actor1) and actors_compatible(a.actor2, b.actor2)
    if not same and a.sub_event_type in _SYMMETRIC:
        same = actors_compatible(a.actor1, b.actor2) and actors_compatible(a.actor2, b.actor1)
    if not same:
        return False
    # The places the two accounts' evidence names (their stored place mentions) must
    # meet: the same first (most specific: "shelled Kansafra in Jabal al-Zawiya")
    # place, or none at all. Else they are two incidents coded to one town
    # ("shelled Kansafra" / "shelled Bara", both "Idlib"), or one names a
    # village the other does not know of.
    if not places_a and not places_b:
        return True
    return bool(places_a and places_b and _same_place(places_a[0], places_b[0]))


def _order(e: Event) -> tuple:
    return (e.event_date, e.report_id, e.evidence_start, e.event_id_cnty)


def _specific(names: Iterable[str]) -> str:
    """The most specific of compatible names: named over unidentified, unit over force."""
    best = ""
    for name in names:
        if not name:
            continue
        if not best or (_vague(best) and not _vague(name)) or (
                _vague(best) == _vague(name) and len(name) > len(best)):
            best = name
    return best


def _joined(values: Iterable[str]) -> str:
    parts: dict[str, None] = {}
    for value in values:
        for part in (value or "").split(";"):
            if part.strip():
                parts[part.strip()] = None
    return "; ".join(parts)


def _union(tuples: Iterable[tuple]) -> tuple:
    out: dict = {}
    for t in tuples:
        for item in t:
            out[item] = None
    return tuple(out)


def _merge(members: list[Event]) -> MergedEvent:
    members = sorted(members, key=_order)
    if len(members) == 1:
        return MergedEvent(members[0], tuple(members))
    # The base: the best-placed, best-dated, most confident account.
    base = min(members, key=lambda e: (e.geo_precision, e.time_precision, -e.confidence,
                                       _order(e)))
    dated = min(members, key=lambda e: (e.time_precision, e.event_date, _order(e)))
    lows = [m.fatalities for m in members]
    highs = [m.fatalities_max if m.fatalities_max is not None else m.fatalities for m in members]
    fat_max = max(highs) if max(highs) != min(lows) else base.fatalities_max
    swap = lambda m: (m.sub_event_type in _SYMMETRIC
                      and not (actors_compatible(m.actor1, base.actor1)
                               and actors_compatible(m.actor2, base.actor2)))
    sides = [(m.actor2, m.actor1) if swap(m) else (m.actor1, m.actor2) for m in members]
    actor1 = _specific(s[0] for s in sides)
    actor2 = _specific(s[1] for s in sides)
    side_of = {m.actor1: (m.inter1, m.patrons1) for m in members}
    side_of.update({m.actor2: (m.inter2, m.patrons2) for m in members})
    event = dataclasses.replace(
        base,
        event_date=dated.event_date, time_precision=dated.time_precision,
        actor1=actor1, actor2=actor2,
        inter1=side_of.get(actor1, (base.inter1,))[0],
        inter2=side_of.get(actor2, (base.inter2,))[0] if actor2 else 0,
        assoc_actor_1=_joined(m.assoc_actor_1 for m in members),
        assoc_actor_2=_joined(m.assoc_actor_2 for m in members),
        patrons1=_union(m.patrons1 for m in members),
        patrons2=_union(m.patrons2 for m in members),
        fatalities=min(lows), fatalities_max=fat_max,
        source=_joined(m.source for m in members),
        confidence=round(1 - _prod(1 - m.confidence for m in members), 3),
    )
    return MergedEvent(event, tuple(members))


def _prod(values: Iterable[float]) -> float:
    out = 1.0
    for v in values:
        out *= max(0.0, min(1.0, v))
    return out


def _slack(tp_a: int, tp_b: int) -> int:
    """The most days two events of these time precisions may be apart (as in :func:`compatible`)."""
    if tp_a == 1 and tp_b == 1:
        return 0
    return 1 + DAYS_BY_TIME_PRECISION.get(tp_a, 15) + DAYS_BY_TIME_PRECISION.get(tp_b, 15)


def merge_events(events: Iterable[Event],
                 places: Callable[[Event], PlaceKeys] | None = None) -> list[MergedEvent]:
    """Group ``events`` into incidents; oldest first. Deterministic: the
    result does not depend on the order of ``events``. ``places`` gives the
    places an event's evidence names (:func:`evidence_places`; none when not
    given). Reads the records only.

    Groups never cross a connected component of the :func:`compatible` graph, so
    merging each component on its own gives the same incidents as merging all
    (what the store does at ingest)."""
    ordered = sorted(events, key=_order)
    keys = {id(e): places(e) for e in ordered} if places is not None else {}
    def fits(a: Event, b: Event) -> bool:
        return compatible(a, b, keys.get(id(a), ()), keys.get(id(b), ()))

    groups: list[list[Event]] = []
    # Groups by (sub-event type, time precision, date) of their first member: an event
    # can only join a group whose first member is within its date slack, so only those
    # few buckets are looked at (the same candidates as scanning every open group).
    by_first: dict[tuple, list[int]] = {}
    precisions: dict[str, set[int]] = {}
    for ev in ordered:
        best: tuple | None = None
        for tp in precisions.get(ev.sub_event_type, ()):
            slack = _slack(ev.time_precision, tp)
            for back in range(slack + 1):
                key = (ev.sub_event_type, tp, ev.event_date.toordinal() - back)
                for g in by_first.get(key, ()):
                    members = groups[g]
                    if any(m.report_id == ev.report_id for m in members):
                        continue
                    if all(fits(ev, m) for m in members):
                        dist = _distance(ev, members[0])
                        rank = (dist if dist is not None else 0.0, _days_apart(ev, members[0]), g)
                        if best is None or rank < best:
                            best = rank
        if best is None:
            groups.append([ev])
            key = (ev.sub_event_type, ev.time_precision, ev.event_date.toordinal())
            by_first.setdefault(key, []).append(len(groups) - 1)
            precisions.setdefault(ev.sub_event_type, set()).add(ev.time_precision)
        else:
            groups[best[2]].append(ev)
    merged = [_merge(g) for g in groups]
    merged.sort(key=lambda m: (m.event.event_date, _order(m.members[0])))
    return merged


def merged_output(events: list[Event], fmt: str, limit: int | None = None) -> tuple[list, str]:
    """What ``outposts events`` writes by default: one row per incident.

    JSONL rows are :class:`MergedEvent` (``as_row`` adds ``source_count``,
    ``sources``, ``fatalities_reported`` and every member's evidence); the
    table shows the source count next to the sources; the other formats get
    the merged :class:`Event` (sources joined with "; ", as ACLED does).
    """
    merged = merge_events(events)
    if limit is not None:
        merged = merged[:limit]
    return incident_output(merged, fmt)


def incident_output(merged: list[MergedEvent], fmt: str) -> tuple[list, str]:
    """:func:`merged_output` of incidents already merged (as the store keeps them)."""
    if fmt == "jsonl":
        return merged, fmt
    if fmt == "table":
        return [dataclasses.replace(m.event, source=f"{m.event.source} ({m.source_count} reports)")
                if m.source_count > 1 else m.event for m in merged], fmt
    return [m.event for m in merged], fmt
