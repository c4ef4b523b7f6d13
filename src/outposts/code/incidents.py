"""Incidents: an article tells one incident over several sentences.

The sentence coder finds event mentions; this module makes them the events
of an *article*:

- **Dateline.** The place that opens the first paragraph ("ERBIL (Kurdistan
  24) –") is where the report was filed, not where anything happened: its
  place mentions are no event location unless the text names no other place.
- **Tallies and recaps** ("the death toll rose to 618", "has so far killed
  more than 13,000", "since the start of the year") count or sum up; they are
  never events.
- **One incident, one event.** Mentions of the same day and place that tell
  one incident — the lead ("a suicide bomber attacked"), its casualty count
  ("killed 12 people"), the fighting around it — become one event: the lead's
  type, the fullest actors, every death count folded in. Strategic details
  told of the same place and day as a battle (weapons seized, troops that
  surrender or flee), and property destroyed in any violence of that place
  and day, are part of it, not events of their own. Different
  places stay different events (ACLED codes one event per location and day).

Everything here reads records (events, place mentions) and the pack's cue
patterns; the words come from the language pack (``lang.incidents``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..geo import haversine_km
from ..records import Event, PlaceMention, Report

__all__ = ["consolidate", "drop_alias_places", "drop_dateline_places", "drop_source_places", "within_area"]

VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# Strategic developments that happen *in* a battle (weapons taken from the losers, troops
# that surrender or flee): part of it, not events of their own. After other incidents they
# stand ("a second device was found and defused", "checkpoints were set up").
DETAIL_SUBTYPES = ("Disrupted weapons use", "Looting/property destruction",
                   "Non-violent transfer of territory")
# Property destroyed in an attack, a clash or a shelling of the same place and day ("the
# attackers also set houses ablaze") is part of that violence, as ACLED codes it.
PART_OF_VIOLENCE = ("Looting/property destruction",)
SAME_PLACE_KM = 5.0
# Within one incident, the sub-type a coder keeps when sentences disagree (most specific first).
SPECIFIC = ("Suicide bomb", "Chemical weapon", "Government regains territory",
            "Non-state actor overtakes territory", "Air/drone strike",
            "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
            "Sexual violence", "Abduction/forced disappearance", "Attack", "Armed clash")


CROWD_TYPES = ("Protests", "Riots")
SPREAD_ADMIN1 = 3  # a sentence whose events lie in this many provinces is a summary


def _unless_alone(places: Sequence[PlaceMention], kept: Sequence[PlaceMention]) -> tuple[PlaceMention, ...]:
    """``kept``, unless it holds no resolved place of the article: then all ``places``
    (a place dropped as no event place is still better than none)."""
    if any(m.place is not None and m.comment is None for m in kept):
        return tuple(kept)
    return tuple(places)


def drop_dateline_places(places: Sequence[PlaceMention],
                         dateline: tuple[int, int] | None) -> tuple[PlaceMention, ...]:
    """The place mentions that may locate an event: those of the dateline (see
    :func:`outposts.segment.dateline_span`) go, unless the article names no other place."""
    if dateline is None:
        return tuple(places)
    a, b = dateline
    return _unless_alone(places, [m for m in places if m.comment is not None or not (a <= m.start < b)])


def drop_source_places(report: Report, places: Sequence[PlaceMention], cues) -> tuple[PlaceMention, ...]:
    """A place that says where the source of a statement sits ("the defence ministry in
    Paris said", "according to the government in Yaounde") locates no event, nor does one
    that names a clock ("same time in Lisbon", "3 pm Moscow time"): it goes, unless the
    article names no other place."""
    text = report.text

    def source(m: PlaceMention) -> bool:
        if m.comment is not None:
            return False
        if cues.CLOCK_BEFORE.search(text, max(0, m.start - 20), m.start) or cues.CLOCK_AFTER.match(text, m.end):
            return True
        if not cues.SOURCE_BEFORE.search(text, max(0, m.start - 40), m.start):
            return False
        return bool(cues.SOURCE_SAID.match(text, m.end) or
                    cues.SOURCE_ACCORDING.search(text, max(0, m.start - cues.SOURCE_REACH), m.start))

    return _unless_alone(places, [m for m in places if not source(m)])


def drop_alias_places(report: Report, places: Sequence[PlaceMention], cues) -> tuple[PlaceMention, ...]:
    """A name in brackets right after a place is that place's other name ("Abu Rasin
    (Zirgan in Kurdish)"): it names no place of its own, so it goes. A place that
    owns the next one ("Hakkari's Semdinli district") only says where that one
    lies: it goes too, the smaller place locates the event."""
    out: list[PlaceMention] = []
    for m in places:
        prev = out[-1] if out else None
        if prev is not None and m.comment is None and prev.comment is None:
            gap = report.text[prev.end:m.start]
            if cues.ALIAS_OPEN.fullmatch(gap) and cues.ALIAS_CLOSE.match(report.text, m.end):
                continue
            if cues.OWNER_GAP.fullmatch(gap) and m.place is not None and prev.place is not None \
                    and m.place.country_code == prev.place.country_code:
                out[-1] = m
                continue
        out.append(m)
    return tuple(out)


def _tally(event: Event, cues) -> bool:
    return event.source_kind == "article" and cues.TALLY.search(event.evidence) is not None


def _spread_sentences(events: Sequence[Event], places: Sequence[PlaceMention]) -> set[int]:
    """Article sentences (by their events' evidence start) naming places in
    SPREAD_ADMIN1 or more provinces ("78 fighters were killed in airstrikes on Homs,
    Hama, Raqqa and Aleppo"): one incident does not span provinces, so such a
    sentence sums up many. Protests and riots are apart: one day's protests in many
    cities are one event each."""
    spans = {(e.evidence_start, e.evidence_end) for e in events
             if e.source_kind == "article" and e.event_type not in CROWD_TYPES}
    out = set()
    for a, b in spans:
        provinces = {(m.place.country_code, m.place.admin1) for m in places
                     if m.comment is None and m.place is not None and m.place.admin1
                     and a <= m.start < b}
        if len(provinces) >= SPREAD_ADMIN1:
            out.add(a)
    return out


def _same_place(a: Event, b: Event) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.evidence_start == b.evidence_start and a.location != b.location:
        return False  # places one sentence lists: one event each
    if a.location.casefold() != b.location.casefold() and _named_village(a) + _named_village(b) >= 1 \
            and a.geo_precision <= 2 and b.geo_precision <= 2:
        return False  # a village the gazetteer lacks is not the town whose point it borrows
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_PLACE_KM


def _named_village(e: Event) -> int:
    """A village the gazetteer lacks, placed at a nearby town's point (precision 2)."""
    return int(e.geonameid is None and e.geo_precision == 2 and bool(e.location))


def _rank(e: Event) -> int:
    return SPECIFIC.index(e.sub_event_type) if e.sub_event_type in SPECIFIC else len(SPECIFIC)


def _fold(main: Event, other: Event) -> Event:
    """``other`` retells ``main``'s incident: keep main's words, take the fuller
    actors and the death counts."""
    actor1, inter1, assoc1 = main.actor1, main.inter1, main.assoc_actor_1
    if main.actor1.startswith(("Unidentified", "Unknown")) and other.actor1 and \
            not other.actor1.startswith(("Unidentified", "Unknown")) and other.actor1 != main.actor2:
        actor1, inter1, assoc1 = other.actor1, other.inter1, other.assoc_actor_1
    actor2, inter2 = main.actor2, main.inter2
    if not actor2 and other.actor2 and other.actor2 != actor1:
        actor2, inter2 = other.actor2, other.inter2
    low = max(main.fatalities, other.fatalities)  # counts of one incident told twice: the fuller one
    high = max(main.fatalities_max or main.fatalities, other.fatalities_max or other.fatalities)
    interaction = main.interaction
    if (actor1, actor2) != (main.actor1, main.actor2):
        lo, hi = sorted((inter1, inter2)) if actor2 else (inter1, 0)
        interaction = lo * 10 + hi if actor2 else inter1 * 10
    return dataclasses.replace(
        main, actor1=actor1, inter1=inter1, assoc_actor_1=assoc1, actor2=actor2,
        inter2=inter2 if actor2 else 0, interaction=interaction, fatalities=low,
        fatalities_max=high if high != low else None,
        confidence=max(main.confidence, other.confidence))


VAGUE_DAYS = 2  # a country-level retelling may carry the report's day, the incident an earlier one


def within_area(precise: Event, vague: Event) -> bool:
    """The precise event's place lies in the vague one's country, and in its
    province when it names one (a strike in Kryvyi Rih is no retelling of one in
    the Poltava region)."""
    if precise.country != vague.country:
        return False
    return not vague.admin1 or not precise.admin1 or precise.admin1 == vague.admin1


def _vague_target(ev: Event, events: Sequence[Event]) -> Event | None:
    """The incident a violent event placed only at a province or country retells:
    "six killed in a drone strike in Pakistan" (a headline), "the US attack left
    six guards dead" (its casualty sentence). The article's violent event at a
    named place of that country on (about) that day, the nearest told before it
    (else after it); None when there is none."""
    if ev.geo_precision < 3 or ev.event_type not in VIOLENT_TYPES or ev.source_kind != "article":
        return None
    near = [o for o in events if o is not ev and o.geo_precision < 3 and o.event_type in VIOLENT_TYPES
            and o.country == ev.country and o.source_kind == "article"
            and abs((o.event_date - ev.event_date).days) <= VAGUE_DAYS]
    if not near:
        return None
    same = [o for o in near if o.event_type == ev.event_type] or near
    before = [o for o in same if o.evidence_start < ev.evidence_start]
    return max(before, key=lambda o: o.evidence_start) if before else min(
        same, key=lambda o: o.evidence_start)


def consolidate(events: Sequence[Event], cues, places: Sequence[PlaceMention] = ()) -> list[Event]:
    """The article's events: tallies and sentences that span provinces dropped, each
    incident once (see the module doc); ``places`` are the article's place mentions."""
    spread = _spread_sentences(events, places)
    kept = [e for e in events if not _tally(e, cues)
            and not (e.source_kind == "article" and e.evidence_start in spread)]
    targets = {id(e): _vague_target(e, kept) for e in kept}
    folded: dict[int, Event] = {}
    for e in kept:
        t = targets[id(e)]
        if t is not None:
            folded[id(t)] = _fold(folded.get(id(t), t), e)
    kept = [folded.get(id(e), e) for e in kept if targets[id(e)] is None]
    article = sorted((e for e in kept if e.source_kind == "article"), key=lambda e: e.evidence_start)
    others = [e for e in kept if e.source_kind != "article"]
    incidents: list[Event] = []
    for ev in article:
        if ev.event_type in VIOLENT_TYPES:
            same = next((i for i, inc in enumerate(incidents) if inc.event_type in VIOLENT_TYPES
                         and inc.event_date == ev.event_date and _same_place(inc, ev)), None)
            if same is not None:
                inc = incidents[same]
                if _rank(ev) < _rank(inc) and inc.sub_event_type in ("Armed clash", "Attack"):
                    # "clashes" then "the army retook the town": the specific telling wins
                    incidents[same] = _fold(ev, inc)
                else:
                    incidents[same] = _fold(inc, ev)
                continue
        elif ev.sub_event_type in DETAIL_SUBTYPES and any(
                (inc.event_type == "Battles" or (inc.event_type in VIOLENT_TYPES
                                                 and ev.sub_event_type in PART_OF_VIOLENCE))
                and inc.event_date == ev.event_date and _same_place(inc, ev) for inc in incidents):
            continue  # "weapons were seized after the headquarters fell": the capture's detail
        incidents.append(ev)
    return incidents + others
