"""Merging: the same incident told by several reports becomes one event.

Deterministic and computed on read from the stored events (no derived table
to go stale when the coding rules change): the same events in, in any order,
give the same groups out.

Two events may belong to one incident when they come from different reports
and have the same sub-event type, the same date when both are day-precise,
else within a day widened by their time precision (a week-precise date may
be three days off, a month-precise one fifteen), locations within a distance set by the coarser geo precision
(:data:`KM_BY_GEO_PRECISION`) and compatible actors (the same, one a unit of
the other, or one unnamed/unidentified; sides may be swapped for symmetric
types such as armed clashes), and evidence that does not name two different
villages (two events both coded to "Idlib" from "shelled Kansafra" and
"shelled Kafr Nabl" stay apart). Region- or country-level events never merge. Groups are complete-linkage: every pair in a
group is compatible, so a chain of near neighbours never drags two distant
strikes together.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import lru_cache

from ..actors.names import actors_compatible, vague as _vague
from ..records import Event, MergedEvent
from ..geo import haversine_km

__all__ = [
    "DAYS_BY_TIME_PRECISION",
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


_WORD = re.compile(r"(?<![\w'’])([A-Z][\w'’-]{2,})")
_NOT_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday", "on", "the", "in", "at", "according",
              "last", "earlier", "yesterday", "today", "province", "governorate", "countryside",
              "district", "city", "town", "village", "army", "forces", "regime", "government"}


@lru_cache(maxsize=1)
def _source_words() -> frozenset[str]:
    from ..code.sources import Sources

    words: set[str] = set()
    for alias in Sources.load()._alias:
        words.update(alias.split())
    return frozenset(words)


@lru_cache(maxsize=65536)
def _names(evidence: str, fields: tuple[str, ...], location: str = "") -> tuple[str, ...]:
    """Loose keys of the names an evidence sentence holds beyond its event's
    actors, admin areas, country and attributed sources: the villages, posts
    and districts it speaks of (the coded location among them)."""
    from ..places.normalize import skeleton_key

    keep = {skeleton_key(w) for w in re.findall(r"[\w'’]+", location)} | {skeleton_key(location)}
    skip = set(_NOT_NAMES) | _source_words()
    skip_keys = set()
    for f in fields:
        skip_keys.add(skeleton_key(f))
        for w in re.findall(r"[\w'’]+", f):
            skip.add(w.casefold())
            skip_keys.add(skeleton_key(w))
    out: dict[str, None] = {}
    for m in _WORD.finditer(evidence):
        word = m.group(1).rstrip("'’-")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        low = word.casefold()
        if m.start(1) == len(evidence) - len(evidence.lstrip("“\"'‘ ")) or word.isupper():
            continue  # the sentence's first word; acronyms (actors, "IED")
        key = skeleton_key(word)
        if key not in keep and (low in skip or low.endswith(("ian", "ish", "ese", "ians", "ist", "ists"))):
            continue
        if key in keep and len(key) >= 3 or len(key) >= 3 and key not in skip_keys:
            out[key] = None
    return tuple(out)


def _fields(e: Event) -> tuple[str, ...]:
    return (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2, e.admin1, e.admin2, e.country,
            e.source)


def compatible(a: Event, b: Event) -> bool:
    """May ``a`` and ``b`` be the same incident told by two reports?"""
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
    # The places the two sentences name must meet: the same first (most
    # specific: "shelled Kansafra in Jabal al-Zawiya") name, or none at all. Else they are two incidents coded to one town
    # ("shelled Kansafra" / "shelled Bara", both "Idlib"), or one names a
    # village the other does not know of.
    na = _names(a.evidence, _fields(a), a.location)
    nb = _names(b.evidence, _fields(b), b.location)
    if not na and not nb:
        return True
    return bool(na and nb and na[0] == nb[0])


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


def merge_events(events: Iterable[Event]) -> list[MergedEvent]:
    """Group ``events`` into incidents; oldest first. Deterministic: the
    result does not depend on the order of ``events``."""
    ordered = sorted(events, key=_order)
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
                    if all(compatible(ev, m) for m in members):
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
    if fmt == "jsonl":
        return merged, fmt
    if fmt == "table":
        return [dataclasses.replace(m.event, source=f"{m.event.source} ({m.source_count} reports)")
                if m.source_count > 1 else m.event for m in merged], fmt
    return [m.event for m in merged], fmt
