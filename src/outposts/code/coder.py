"""The code stage: sentences with triggers become ACLED-style events.

For every sentence that holds a trigger and is not hedged, the coder picks
the sub-event type, the actors and their sides, the place, the date, the
fatalities and the attributed source, each tied to the evidence sentence.
One event per sub-event type, location and day within a report.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from typing import TYPE_CHECKING, Iterable

from ..records import ActorMention, DateMention, Event, PlaceMention, Report, Segment
from . import hedges, locate, roles
from .dates import find_dates
from .fatalities import fatalities
from .sources import Sources
from .triggers import Hit, Lexicon
from .typing_rules import refine

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from ..actors import ActorDictionary

COMMENT_FACTOR = 0.6


@dataclasses.dataclass(slots=True)
class _Context:
    report: Report
    report_date: date
    places: list[PlaceMention]
    main_source: str
    lead_date: DateMention | None
    focus_country: str | None
    patrons: dict[str, set[str]]


class Coder:
    """Turns parsed segments of one report into events."""

    def __init__(self, lexicon: Lexicon, actors: "ActorDictionary", sources: Sources, countries):
        self.lexicon = lexicon
        self.actors = actors
        self.sources = sources
        self.countries = countries  # callable: iso2 -> CountryInfo | None

    def code(
        self,
        report: Report,
        parsed: Iterable[tuple[Segment, "Doc"]],
        places: list[PlaceMention],
        report_date: date,
        focus_country: str | None = None,
    ) -> list[Event]:
        parsed = list(parsed)
        ctx = _Context(
            report=report,
            report_date=report_date,
            places=places,
            main_source=self.sources.first_in(report.text) or report.outlet or "",
            lead_date=self._lead_date(report, report_date),
            focus_country=focus_country,
            patrons={},
        )
        mentions = {id(doc): self._actor_mentions(seg, doc, report_date, ctx) for seg, doc in parsed}
        events = []
        for seg, doc in parsed:
            for sent in doc.sents:
                event = self._code_sentence(seg, doc, sent, mentions[id(doc)], ctx)
                if event is not None:
                    events.append(event)
        return _dedupe(events)

    # -- per report -------------------------------------------------------

    def _lead_date(self, report: Report, report_date: date) -> DateMention | None:
        lead = report.text[:600]
        found = [d for d in find_dates(lead, report_date) if d.value <= report_date]
        return found[0] if found else None

    def _actor_mentions(self, seg: Segment, doc: "Doc", on: date, ctx: _Context):
        out = []
        for m in self.actors.match(seg.text, on=on):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if m.patrons:
                ctx.patrons.setdefault(m.actor.name, set()).update(m.patrons)
            out.append((m, span))
        return out

    # -- per sentence ------------------------------------------------------

    def _code_sentence(self, seg: Segment, doc: "Doc", sent: "Span", mentions, ctx: _Context) -> Event | None:
        if not self.lexicon.may_hold_event(sent.text):
            return None
        hits = self.lexicon.hits(sent)
        hit = next((h for h in hits if hedges.irrealis(h.head, sent) is None), None)
        if hit is None:
            return None
        in_sent = [(m, sp) for m, sp in mentions if sp.start >= sent.start and sp.end <= sent.end]
        sides = roles.assign(hit.head, hit.trigger.frame, sent, in_sent)
        comment = seg.comment is not None
        place, inherited_place = locate.choose(seg, sent.start_char, sent.end_char, hit.head.idx, ctx.places)
        if comment and (sides.actor1 is None or place is None):
            return None  # a comment claim needs its own actor and place
        sub_type = refine(hit, sides, sent)
        if sub_type is None:
            return None
        when, inherited_date = self._date(sent, hit, ctx, comment)
        counts = fatalities(sent.text)
        attribution = self.sources.attribution(sent)
        source = attribution.name if attribution and not attribution.weak else (ctx.main_source or (attribution.name if attribution else ""))
        return self._event(seg, sent, hit, sub_type, sides, place, when, counts, source, ctx,
                           inherited=inherited_place or inherited_date)

    def _date(self, sent: "Span", hit: Hit, ctx: _Context, comment: bool) -> tuple[DateMention | None, bool]:
        found = [d for d in find_dates(sent.text, ctx.report_date) if d.value <= ctx.report_date]
        if found:
            at = hit.head.idx - sent.start_char
            return min(found, key=lambda d: abs(d.start - at)), False
        if not comment and ctx.lead_date is not None:
            return ctx.lead_date, True
        return None, True

    def _event(self, seg, sent, hit, sub_type, sides, place, when, counts, source, ctx, inherited) -> Event | None:
        event_type, disorder = self.lexicon.event_types(sub_type)
        iso2 = (place.place.country_code if place and place.place else None) or ctx.focus_country
        info = self.countries(iso2) if iso2 else None
        country = info.name if info else ""
        actor1, assoc1, inter1, patrons1 = self._side(sides.actor1, sides.assoc1, iso2, country, ctx)
        actor2, assoc2, inter2, patrons2 = self._side(sides.actor2, sides.assoc2, iso2, country, ctx)
        actor1, inter1 = actor1 or _default_actor(sub_type, country), inter1 or _default_inter(sub_type)
        if not actor1:
            return None
        event_date = when.value if when else ctx.report_date
        precision = when.time_precision if when else (2 if seg.comment is not None else 1)
        confidence = hit.trigger.confidence * (0.85 if inherited else 1.0)
        confidence *= 1.0 if sides.actor1 else 0.8
        if seg.comment is not None:
            confidence *= COMMENT_FACTOR
        p = place.place if place else None
        low, high = counts if counts else (0, 0)
        key = f"{ctx.report.id}|{sub_type}|{p.geonameid if p else ''}|{event_date}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:10]
        offset = seg.start
        return Event(
            event_id_cnty=f"{info.iso3 if info else 'XXX'}-{digest}",
            event_date=event_date,
            time_precision=precision,
            disorder_type=disorder,
            event_type=event_type,
            sub_event_type=sub_type,
            actor1=actor1,
            assoc_actor_1="; ".join(assoc1),
            inter1=inter1,
            actor2=actor2,
            assoc_actor_2="; ".join(assoc2),
            inter2=inter2 if actor2 else 0,
            interaction=_interaction(inter1, inter2 if actor2 else 0),
            iso=info.numeric if info else None,
            region=info.region if info else "",
            country=country,
            admin1=(p.admin1 or "") if p else "",
            admin2=(p.admin2 or "") if p else "",
            location=p.name if p else "",
            latitude=p.latitude if p else None,
            longitude=p.longitude if p else None,
            geo_precision=max(place.geo_precision, 2 if inherited and place.geo_precision == 1 else 1) if place else 3,
            geonameid=p.geonameid if p else None,
            source=source,
            notes=f"On {event_date.day} {event_date:%B %Y}, " + sent.text.strip(),
            fatalities=low,
            fatalities_max=high if high != low else None,
            report_id=ctx.report.id,
            source_kind=seg.source_kind,
            comment_index=seg.comment,
            evidence=sent.text,
            evidence_start=offset + sent.start_char,
            evidence_end=offset + sent.end_char,
            confidence=round(min(confidence, 0.99), 3),
            patrons1=patrons1,
            patrons2=patrons2,
        )

    def _side(self, lead: ActorMention | None, assoc: list[ActorMention], iso2, country, ctx):
        if lead is None:
            return "", [], 0, ()
        name = self.actors.fill_country(lead.actor, country).name
        inter = self.actors.inter_for(lead.actor, iso2)
        patrons = set(lead.patrons) | set(lead.actor.patrons) | ctx.patrons.get(lead.actor.name, set())
        names = [self.actors.fill_country(m.actor, country).name for m in assoc]
        return name, names, inter, tuple(sorted(patrons))


def _default_actor(sub_type: str, country: str) -> str:
    where = f" ({country})" if country else ""
    if sub_type in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"):
        return f"Protesters{where}"
    if sub_type in ("Violent demonstration",):
        return f"Rioters{where}"
    if sub_type in ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Attack", "Abduction/forced disappearance", "Shelling/artillery/missile attack", "Armed clash"):
        return f"Unidentified Armed Group{where}"
    if sub_type == "Air/drone strike":
        return "Unidentified Military Forces"
    return ""


def _default_inter(sub_type: str) -> int:
    if sub_type in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"):
        return 6
    if sub_type == "Violent demonstration":
        return 5
    if sub_type == "Air/drone strike":
        return 8
    return 3


def _interaction(a: int, b: int) -> int:
    if not b:
        return a * 10
    lo, hi = sorted((a, b))
    return lo * 10 + hi


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per sub-event type, location and day; deployments that are the
    same move as a handover or base set-up the same day fold into it."""
    kept: dict[tuple, Event] = {}
    for ev in sorted(events, key=lambda e: -e.confidence):
        key = (ev.sub_event_type, ev.geonameid or ev.location, ev.event_date, ev.source_kind)
        if key in kept:
            kept[key] = _absorb(kept[key], ev)
        else:
            kept[key] = ev
    out = list(kept.values())
    moves = {(e.actor1, e.event_date) for e in out if e.sub_event_type in (
        "Non-violent transfer of territory", "Headquarters or base established")}
    out = [e for e in out if not (e.sub_event_type == "Change to group/activity" and (e.actor1, e.event_date) in moves)]
    return sorted(out, key=lambda e: (e.source_kind != "article", e.comment_index or 0, e.evidence_start))


def _absorb(main: Event, other: Event) -> Event:
    assoc = [a for a in main.assoc_actor_1.split("; ") if a]
    for a in other.assoc_actor_1.split("; ") + ([other.actor1] if other.actor1 != main.actor1 else []):
        if a and a not in assoc and a != main.actor1:
            assoc.append(a)
    low = min(main.fatalities or other.fatalities, other.fatalities or main.fatalities)
    high = max(main.fatalities_max or main.fatalities, other.fatalities_max or other.fatalities)
    return dataclasses.replace(main, assoc_actor_1="; ".join(assoc), fatalities=low,
                               fatalities_max=high if high != low else None)
