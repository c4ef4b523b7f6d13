"""The code stage: sentences with triggers become ACLED-style events.

For every sentence that holds a trigger and is not hedged, the coder picks
the sub-event type, the actors and their sides, the place, the date, the
fatalities and the attributed source, each tied to the evidence sentence.
One event per sub-event type, location and day within a report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, Iterable

from ..records import Actor, ActorMention, DateMention, Event, PlaceMention, Report, Segment
from . import hedges, locate, roles
from .dates import DateFinder, finder
from .fatalities import fatalities
from .incidents import within_area
from .sources import Sources
from .triggers import Hit, Lexicon, Trigger, grievance
from .roles import Sides
from .typing_rules import normalize_sides, phrase_head, refine, with_small_arms
from ..actors import fill_country, inter_for, is_associated

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from ..actors import ActorDictionary
    from ..lang import LanguagePack

COMMENT_FACTOR = 0.6
MAX_EVENT_AGE_DAYS = 62  # older events a report mentions are its background
LEAD_CHARS = 600  # a date there is the report's lead date
STATEMENT_REACH = 120  # characters before a date searched for the statement it dates
INCIDENT_DAY_REACH = 1500  # characters after a statement's sentence searched for the incident's day
ECHO_PARAGRAPHS = 3  # how far back a bare death count may reach for its event


DATELINE_DATE_REACH = 8  # characters past the dateline's end its date may reach ("Aug 14 (PTI)")


@dataclasses.dataclass(slots=True)
class _Context:
    report: Report
    report_date: date
    places: list[PlaceMention]
    main_source: str
    lead_date: DateMention | None
    focus_country: str | None
    patrons: dict[str, set[str]]
    finder: DateFinder
    skip_comments: frozenset[int] = frozenset()
    inherited: dict[int, bool] = dataclasses.field(default_factory=dict)  # event id -> place/date inherited
    dates: dict[str, list[DateMention]] = dataclasses.field(default_factory=dict)  # text -> its dates
    listed: dict[int, list[PlaceMention]] = dataclasses.field(default_factory=dict)  # event id -> other listed places
    unplaced: set[int] = dataclasses.field(default_factory=set)  # events whose sentence names no place nor day
    countries: tuple[str, ...] = ()  # the article's countries: they resolve actor aliases shared across countries
    told: list[Event] = dataclasses.field(default_factory=list)  # the article's events so far
    dateline: tuple[int, int] | None = None  # offsets of the dateline: its date is the filing day

    def filed(self, d: DateMention) -> bool:
        """The date is the dateline's ("Peshawar, Aug 14 (PTI)"): the day of filing."""
        return self.dateline is not None and self.dateline[0] <= d.start < self.dateline[1] + DATELINE_DATE_REACH

    def dates_in(self, text: str) -> list[DateMention]:
        """Date expressions of ``text`` (the report's, a comment's), found once per report."""
        found = self.dates.get(text)
        if found is None:
            found = self.dates[text] = [d for d in self.finder.find(text, self.report_date)
                                        if d.value <= self.report_date]
        return found


class Coder:
    """Turns parsed segments of one report into events, reading the words of
    ``lang`` (a language pack; English when not given)."""

    def __init__(self, lexicon: Lexicon, actors: "ActorDictionary", sources: Sources, countries,
                 lang: "LanguagePack | None" = None):
        if lang is None:
            from ..lang import load

            lang = load("en")
        self.lexicon = lexicon
        self.actors = actors
        self.sources = sources
        self.countries = countries  # callable: iso2 -> CountryInfo | None
        self.lang = lang
        self.date_finder = finder(lang.dates)
        self.fatality_words = lang.fatalities
        self.hedges = hedges.Hedges.of(lang)
        self.role_words = lang.roles
        self.typing_words = lang.typing_rules
        self.words = lang.coder

    def code(
        self,
        report: Report,
        parsed: Iterable[tuple[Segment, "Doc"]],
        places: list[PlaceMention],
        report_date: date,
        focus_country: str | None = None,
        skip_comments: frozenset[int] = frozenset(),
        unparsed: Iterable[Segment] = (),
        dateline: tuple[int, int] | None = None,
    ) -> list[Event]:
        """Events of one report. ``skip_comments``: indexes of comments that
        must not be coded (those triage labels abusive or hypothetical).
        ``unparsed``: article text that got no parse (the title, sentences with
        no trigger), read only for the actors it names (their patrons, their country).
        ``dateline``: offsets of the dateline (its date is the filing day)."""
        parsed = list(parsed)
        ctx = _Context(
            report=report,
            report_date=report_date,
            places=places,
            main_source=self.sources.first_in(report.text) or report.outlet or "",
            lead_date=None,
            focus_country=focus_country,
            patrons={},
            finder=self.date_finder,
            skip_comments=skip_comments,
            countries=_doc_countries(places, focus_country),
            dateline=dateline,
        )
        ctx.lead_date = self._lead_date(ctx)
        mentions = {id(doc): self._actor_mentions(seg, doc, report_date, ctx) for seg, doc in parsed}
        named = [m for ms in mentions.values() for m, _ in ms]
        for seg in unparsed:
            for m in self.actors.match(seg.text, on=report_date, countries=ctx.countries):
                if m.patrons:
                    ctx.patrons.setdefault(m.actor.name, set()).update(m.patrons)
                named.append(m)
        if ctx.focus_country is None:  # no place resolved: the country the actors belong to
            ctx.focus_country = _actor_country(named)
        events: list[Event] = []
        last_violent: tuple[int, int] | None = None  # (index in events, segment index)
        for seg, doc in parsed:
            if seg.kind == "title":
                continue  # headlines repeat the lede in fewer, vaguer words
            for sent in doc.sents:
                coded = self._code_sentence(seg, doc, sent, mentions[id(doc)], ctx, told=bool(events))
                if coded is None:
                    continue
                event, echo = coded
                if echo and last_violent is not None and seg.index - last_violent[1] <= ECHO_PARAGRAPHS \
                        and (echo == "any" or events[last_violent[0]].sub_event_type == event.sub_event_type):
                    i = last_violent[0]
                    events[i] = _add_count(events[i], event.fatalities, event.fatalities_max)
                    continue
                events.append(event)
                ctx.told.append(event)
                if event.disorder_type == "Political violence" and event.source_kind == "article":
                    last_violent = (len(events) - 1, seg.index)
                for other in ctx.listed.pop(id(event), ()):  # "rocket attacks on A, B and C"
                    events.append(self._at_place(event, other))
        return _dedupe(_protest_followups(events, ctx.report.text, self.words, self.lexicon.event_types))

    # -- per report -------------------------------------------------------

    def _lead_date(self, ctx: _Context) -> DateMention | None:
        found = [d for d in ctx.dates_in(ctx.report.text) if d.end <= LEAD_CHARS]
        if not found:
            return None
        filed = ctx.filed(found[0])
        if not filed and not self._statement_day(ctx.report.text, found[0]):
            return found[0]
        if filed and len(found) > 1 and not self._statement_day(ctx.report.text, found[1]):
            return found[1]  # "KABUL, May 3 (AP) - ... on Sunday": the lead's own day
        return self._incident_day_after(ctx, found[0].end, found[0].value) or found[0]

    def _actor_mentions(self, seg: Segment, doc: "Doc", on: date, ctx: _Context):
        out = []
        for m in self.actors.match(seg.text, on=on, countries=ctx.countries):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if m.patrons:
                ctx.patrons.setdefault(m.actor.name, set()).update(m.patrons)
            out.append((m, span))
        taken = {t.i for _, sp in out for t in sp}
        out.extend(self._states_acting(doc, on, taken))
        return out

    def _states_acting(self, doc: "Doc", on: date, taken: set[int]):
        """"Turkey and Russia conducted a joint patrol", "shelled by Turkey": a
        country named as the one acting stands for its state forces."""
        if not doc.has_annotation("DEP"):
            return []
        found = []
        for ent in doc.ents:
            if ent.label_ != "GPE" or any(t.i in taken for t in ent):
                continue
            root = ent.root
            role = root.dep_ if root.dep_ != "conj" else root.head.dep_
            agent = root.dep_ == "pobj" and root.head.dep_ == "agent"
            if role not in ("nsubj",) and not agent:
                continue
            iso2 = self.actors.country_code(ent.text)
            entry = self.actors.state_entry(iso2, "military") if iso2 else None
            if entry is None:
                continue
            actor = Actor(name=entry.label(on), inter=1, country=iso2)
            found.append((ActorMention(ent.text, ent.start_char, ent.end_char, actor), ent))
        return found

    # -- per sentence ------------------------------------------------------

    def _code_sentence(self, seg: Segment, doc: "Doc", sent: "Span", mentions, ctx: _Context, told: bool = True):
        """(event, echo) for a sentence, or None. ``echo`` marks a bare death
        count ("five were killed") that may belong to the event told before.
        ``told``: an event of the report was coded already; before that, a
        definite trigger ("joined the nationwide protest") has nothing to point back at."""
        if not self.lexicon.may_hold_event(sent.text):
            return None
        if seg.comment is not None and seg.comment in ctx.skip_comments:
            return None  # abusive or hypothetical comments are never a source of events
        hits = self.lexicon.hits(sent)
        if any(self.lexicon.event_types(h.trigger.type)[0] == "Battles" for h in hits):
            # territory that changes hands with fighting is a battle, never a handover:
            # "took over the town after heavy clashes" is a capture
            gains = self.words.GAIN_WORDS
            hits = [_as_capture(h) if h.trigger.type == "Non-violent transfer of territory"
                    and h.trigger.frame == "transfer" and _gains(h, gains) else h
                    for h in hits
                    if h.trigger.type != "Non-violent transfer of territory" or _gains(h, gains)]
            hits.sort(key=lambda h: (-h.trigger.rank, -len(h.tokens), h.tokens[0].i))
        elif not self.lang.incidents.PEACEFUL.search(sent.text):
            # "HTS took control of the town": taken by force unless the sentence says it was
            # handed over, left, or agreed (the codebook's overtakes/regains, not a transfer)
            taking = self.lang.incidents.TAKING
            hits = [_as_capture(h) if h.trigger.type == "Non-violent transfer of territory"
                    and h.trigger.frame == "transfer" and h.tokens[0].lemma_.lower() in taking else h
                    for h in hits]
            hits.sort(key=lambda h: (-h.trigger.rank, -len(h.tokens), h.tokens[0].i))
        hits = _main_clause_battles(hits, self.lexicon, self.words, self.typing_words)
        heads = {h.head for h in hits if not h.trigger.echo}
        back = {id(h) for h in hits if told and self.hedges.anaphoric(h.head, heads)}
        # "protested against the arrest of": the arrest is the crowd's grievance
        candidates = [h for h in hits if id(h) not in back and not _describes_noun(h)
                      and not _grievance(h, self.lexicon.grievance_heads, self.words)
                      and self.hedges.irrealis(h.head, sent, protest=h.trigger.frame == "protest") is None]
        for hit in candidates:  # the best trigger that makes a whole event
            event = self._code_hit(seg, sent, hit, mentions, ctx)
            if event is not None:
                return event, self._echo(seg, sent, hit, event, bool(back), ctx)
        return None

    def _code_hit(self, seg: Segment, sent: "Span", hit: Hit, mentions, ctx: _Context) -> Event | None:
        in_sent = [(m, sp) for m, sp in mentions if sp.start >= sent.start and sp.end <= sent.end]
        sides = roles.assign(hit.head, hit.trigger.frame, sent, in_sent, self.role_words)
        sides = normalize_sides(hit.trigger.type, sides)
        sides = _umbrella(sides, in_sent, hit.head, self.words.UMBRELLA_PREPS)
        comment = seg.comment is not None
        at = seg.start if not comment else 0
        # "shelled by Turkey": a place named as the one acting is an actor, not the location
        acting = [(at + sp.start_char, at + sp.end_char) for _, sp in in_sent]
        lo, hi = at + sent.start_char, at + sent.end_char  # acting spans lie in the sentence
        places = [m for m in ctx.places if m.comment != seg.comment or not lo <= m.start < hi
                  or not any(a <= m.start < b for a, b in acting)]
        if hit.trigger.type == "Non-violent transfer of territory":
            # "withdrew from the posts ... toward the crossing": territory changes hands
            # where the side left, not where it went
            places = [m for m in places if m.comment != seg.comment
                      or not _destination(sent, m.start - at, m.end - at, self.words.TOWARD)]
        # "near the border with X", "launched from X": a neighbour or where the fire came
        # from, not the event's place
        places = [m for m in places if m.comment != seg.comment or not lo <= m.start < hi
                  or not self.words.BEYOND_BEFORE.search(seg.text, max(0, m.start - at - 90),
                                                         m.start - at)]
        place, inherited_place = locate.choose(
            seg, at + sent.start_char, at + sent.end_char, at + hit.head.idx, places)
        if comment and not _codable_claim(sides, place, inherited_place, ctx.focus_country):
            return None
        counts = fatalities(sent.text, self.fatality_words)
        sub_type = refine(hit, sides, sent, self.typing_words, deaths=counts[0] if counts else 0)
        if sub_type is None:
            return None
        if sub_type == "Protest with intervention" and not _policing_in(sent, self.lexicon.grievance_heads,
                                                                         self.words.POLICING_LEMMAS):
            sub_type = "Peaceful protest"  # "demanding the release of activists who were detained"
        if sub_type == "Mob violence" and hit.trigger.type != "Mob violence" and (
                sides.actor1 is not None and sides.actor1.actor.inter != 5):
            # a crowd's violence: rioters act; the side the parse found acting is the other one
            sides = Sides(None, sides.actor2 or sides.actor1, [], sides.assoc2)
        crowd_fight = sub_type == "Armed clash" and any(
            x is not None and x.actor.inter in (5, 6) for x in (sides.actor1, sides.actor2))
        if crowd_fight:  # "clashes between protesters and security forces": a crowd has no arms
            if sides.actor1 is None or sides.actor1.actor.inter not in (5, 6):
                sides = Sides(sides.actor2, sides.actor1, sides.assoc2, sides.assoc1)
        when, inherited_date = self._date(seg, sent, hit, ctx, comment)
        if inherited_date and hedges.past_year(sent.text, ctx.report_date.year):
            return None  # "the settlement of 2018": background, not news
        if when is not None and (ctx.report_date - when.value).days > MAX_EVENT_AGE_DAYS:
            return None  # "retaken in August 2017": history the report recalls
        if not comment and (inherited_date or when is None) and \
                self.lang.incidents.RECAP.search(sent.text):
            return None  # "Recently, the group has conducted attacks": a recap with no date of its own
        attribution = self.sources.attribution(sent)
        source = attribution.name if attribution and not attribution.weak else (ctx.main_source or (attribution.name if attribution else ""))
        inherited = inherited_place or inherited_date
        event = self._event(seg, sent, hit, sub_type, sides, place, when, counts, source, ctx,
                            inherited=inherited)
        if event is not None and crowd_fight:
            event = _as_riot(event, self.lexicon.event_types)
        if event is not None:
            ctx.inherited[id(event)] = inherited
            if inherited_place and inherited_date:
                ctx.unplaced.add(id(event))  # names neither place nor day: likely the last incident again
            if place is not None and not inherited_place:
                listed = _listed_with(place, places, at + sent.start_char, at + sent.end_char,
                                      ctx.report.text if not comment else sent.doc.text, at if comment else 0,
                                      self.lang.incidents)
                if listed:
                    ctx.listed[id(event)] = listed
        return event

    def _echo(self, seg: Segment, sent: "Span", hit: Hit, event: Event, back: bool,
              ctx: _Context) -> str | None:
        """A bare casualty count, or a sentence that points back at "the clash",
        tells more about the event before rather than a new one."""
        unplaced = id(event) in ctx.unplaced
        ctx.unplaced.discard(id(event))  # ids are reused once an event is dropped
        if back or (hit.trigger.echo and ctx.inherited.pop(id(event), False)):
            return "any"
        if unplaced and seg.comment is None:
            return "same"  # "the bandits stormed the villages and set them ablaze": the raid told again
        if seg.comment is None and _retold(hit, seg.start + sent.start_char, ctx.report.text,
                                           self.words.DEFINITE):
            return "same"  # "they seized the teacher as he left": the abduction told again
        return None

    def _date(self, seg: Segment, sent: "Span", hit: Hit, ctx: _Context, comment: bool
              ) -> tuple[DateMention | None, bool]:
        # the dates of the report (of the comment) that lie in the sentence, offsets made the sentence's
        at = 0 if comment else seg.start
        a, b = at + sent.start_char, at + sent.end_char
        text = sent.doc.text if comment else ctx.report.text
        inside = [d for d in ctx.dates_in(text) if a <= d.start and d.end <= b]
        told = [d for d in inside if not self._statement_day(text, d) and not (not comment and ctx.filed(d))]
        if inside and not told and not comment:
            # "the ministry said Saturday": the day of the statement; the incident's own day
            # comes in the sentences after ("Friday's attack"), else the statement's it is
            later = self._incident_day_after(ctx, b, min(d.value for d in inside))
            if later is not None:
                return later, False
        found = [dataclasses.replace(d, start=d.start - a, end=d.end - a) for d in (told or inside)]
        if found:
            at = hit.head.idx - sent.start_char
            return min(found, key=lambda d: abs(d.start - at)), False
        if not comment and ctx.lead_date is not None:
            return ctx.lead_date, True
        return None, True

    def _statement_day(self, text: str, d: DateMention) -> bool:
        """The date is the day something was said ("said on Saturday")."""
        return self.lang.incidents.STATEMENT_BEFORE.search(text, max(0, d.start - STATEMENT_REACH),
                                                           d.start) is not None

    def _incident_day_after(self, ctx: _Context, after: int, stated: date) -> DateMention | None:
        """The first day-precise date told after offset ``after`` (within a few
        paragraphs) that is no statement's and falls in the week before ``stated``."""
        text = ctx.report.text
        for d in ctx.dates_in(text):
            if d.start < after:
                continue
            if d.start - after > INCIDENT_DAY_REACH:
                break
            if d.time_precision == 1 and 0 <= (stated - d.value).days <= 7 \
                    and not self._statement_day(text, d):
                return d
        return None

    def _antecedent(self, hit: Hit, sub_type: str, ctx: _Context) -> Event | None:
        """The article's last event of this sub-type told before, when the trigger points
        back at it with a definite article ("the airstrikes", "these strikes")."""
        if not any(c.dep_ == "det" and c.lower_ in self.words.DEFINITE for c in hit.head.children):
            return None
        return next((e for e in reversed(ctx.told) if e.sub_event_type == sub_type
                     and e.source_kind == "article" and not e.actor1.startswith("Unidentified")), None)

    def _event(self, seg, sent, hit, sub_type, sides, place, when, counts, source, ctx, inherited) -> Event | None:
        event_type, disorder = self.lexicon.event_types(sub_type)
        iso2 = (place.place.country_code if place and place.place else None) or ctx.focus_country
        info = self.countries(iso2) if iso2 else None
        country = info.name if info else ""
        acled = self.actors.country_label(iso2) or country  # ACLED's spelling in actor names
        crowd = "protest" if event_type == "Protests" else ""
        actor1, assoc1, inter1, patrons1 = self._side(sides.actor1, sides.assoc1, iso2, acled, ctx, crowd)
        actor2, assoc2, inter2, patrons2 = self._side(sides.actor2, sides.assoc2, iso2, acled, ctx, "")
        if actor2 and actor1 and (actor2 == actor1 or actor1.startswith(actor2 + " ")):
            actor2, assoc2, inter2, patrons2 = "", [], 0, ()  # "the army's 4th Division ... troops"
        umbrella = COALITION_FOR.get((_base_name(actor1), iso2))
        if umbrella:  # US forces in Syria are coded under the coalition they serve in
            assoc1 = [actor1] + [a for a in assoc1 if a != actor1 and a != umbrella]
            actor1, inter1 = umbrella, 8
        if not actor1 and event_type in (
                "Explosions/Remote violence", "Battles", "Violence against civilians"):
            named = self._armed_by_nationality(sent, when.value if when else ctx.report_date)
            if named is not None:
                actor1, inter1 = named.name, inter_for(named, iso2)
        if not actor1 and seg.comment is None:
            before = self._antecedent(hit, sub_type, ctx)
            if before is not None:  # "the airstrikes targeted ...": by whoever carried them out before
                actor1, inter1, patrons1 = before.actor1, before.inter1, before.patrons1
                assoc1 = [a.strip() for a in before.assoc_actor_1.split(";") if a.strip()]
        if not actor1:
            actor1, inter1 = self._default_actor(sub_type, iso2, acled, when.value if when else ctx.report_date)
        if not actor1:
            return None
        if actor2 == actor1:  # the side named by nationality or carried over is the one found as target
            actor2, assoc2, inter2, patrons2 = "", [], 0, ()
        event_date = when.value if when else ctx.report_date
        precision = when.time_precision if when else (2 if seg.comment is not None else 1)
        confidence = hit.trigger.confidence * (0.85 if inherited else 1.0)
        confidence *= 1.0 if sides.actor1 else 0.8
        if seg.comment is not None:
            confidence *= COMMENT_FACTOR
        p = place.place if place else None
        low, high = counts if counts else (0, 0)
        key = f"{ctx.report.id}|{sub_type}|{_place_key(p)}|{event_date}"
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
            location=display_name(p.name) if p else "",
            latitude=p.latitude if p else None,
            longitude=p.longitude if p else None,
            geo_precision=max(place.geo_precision, 2 if inherited and place.geo_precision == 1 else 1) if place else 3,
            geonameid=p.geonameid if p else None,
            source=source,
            notes=_notes(event_date, sent.text,
                         when if when and sent.text[when.start:when.end] == when.text else None,
                         self.words.NOTE_LOWERED),
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

    def _at_place(self, event: Event, mention: PlaceMention) -> Event:
        """The same event at another place the sentence lists with its own."""
        p = mention.place
        info = self.countries(p.country_code) if p.country_code else None
        key = f"{event.report_id}|{event.sub_event_type}|{_place_key(p)}|{event.event_date}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:10]
        return dataclasses.replace(
            event, event_id_cnty=f"{info.iso3 if info else 'XXX'}-{digest}",
            country=info.name if info else event.country, iso=info.numeric if info else event.iso,
            region=info.region if info else event.region, admin1=p.admin1 or "", admin2=p.admin2 or "",
            location=display_name(p.name), latitude=p.latitude, longitude=p.longitude,
            geo_precision=mention.geo_precision, geonameid=p.geonameid, fatalities=0,
            fatalities_max=None)

    def _armed_by_nationality(self, sent: "Span", on: date) -> Actor | None:
        """"Russian warplanes struck", "a US drone strike", "Israeli artillery shelled":
        a nationality word on a weapon or an aircraft names the state forces that used
        it (the first such weapon of the sentence)."""
        nouns = self.lang.incidents.ARMED_NOUNS
        for tok in sent:
            if tok.lemma_.lower() not in nouns or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            for mod in tok.lefts:
                if mod.dep_ not in ("amod", "compound", "nmod", "poss"):
                    continue
                iso2 = self.actors.country_code(mod.text)
                entry = self.actors.state_entry(iso2, "military") if iso2 else None
                if entry is not None:
                    return Actor(name=entry.label(on), inter=1, country=iso2)
        return None

    def _default_actor(self, sub_type: str, iso2: str | None, country: str, on: date) -> tuple[str, int]:
        name, inter = DEFAULT_ACTORS.get(sub_type, ("", 0))
        if name.startswith("state:"):
            entry = self.actors.state_entry(iso2, name[6:]) if iso2 else None
            if entry is not None:
                return entry.label(on), inter
            # a country the dictionary has no state entry for: its forces, unbracketed
            noun = "Police Forces" if name[6:] == "police" else "Military Forces"
            return (f"{noun} of {country}" if country else noun), inter
        if name in COUNTRY_QUALIFIED and country:
            name = f"{name} ({country})"
        return name, inter

    def _side(self, lead: ActorMention | None, assoc: list[ActorMention], iso2, country, ctx, crowd: str):
        """(name, associated names, inter, patrons) of one side of an event.

        Identity tags (teachers, workers) are associated actors in ACLED: the
        side itself is then the crowd (protesters) or civilians."""
        if lead is None:
            return "", [], 0, ()
        actor = fill_country(lead.actor, country)
        names = [fill_country(m.actor, country).name for m in assoc]
        if is_associated(lead.actor, self.actors):
            names.insert(0, actor.name)
            base = "Protesters" if crowd == "protest" else "Civilians"
            name, inter = (f"{base} ({country})" if country else base), (6 if crowd == "protest" else 7)
        else:
            name, inter = actor.name, inter_for(actor, iso2)
        patrons = set(lead.patrons) | set(lead.actor.patrons) | ctx.patrons.get(lead.actor.name, set())
        names = [n for i, n in enumerate(names) if n != name and n not in names[:i]]
        return name, names, inter, tuple(sorted(patrons))


_CAPTURE = Trigger("Non-state actor overtakes territory", rank=82, confidence=0.7, frame="capture")


def _destination(sent: "Span", start: int, end: int, toward: frozenset[str]) -> bool:
    """The place at [start, end) (doc offsets) is where the sentence's movement went
    (the object of a ``toward`` preposition)."""
    if not (sent.start_char <= start < sent.end_char):
        return False
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in toward


def _describes_noun(hit: Hit) -> bool:
    """A one-word trigger that is a present participle describing a noun tells what
    someone was doing, not an event: "pursuing the withdrawing gunmen", "the advancing troops"."""
    tok = hit.tokens[0]
    return len(hit.tokens) == 1 and tok.dep_ == "amod" and tok.tag_ == "VBG"


def _depth(tok) -> int:
    return sum(1 for _ in tok.ancestors)


def _main_clause_battles(hits: list[Hit], lexicon: Lexicon, w, typing_words) -> list[Hit]:
    """Two-sided fighting is a battle: "clashes took place ... amid regime shelling"
    is the clash, the shelling only its circumstance. A battle trigger higher in the
    parse than every remote-violence trigger goes first."""
    battles = [h for h in hits if lexicon.event_types(h.trigger.type)[0] == "Battles"]
    remote = [h for h in hits if lexicon.event_types(h.trigger.type)[0] == "Explosions/Remote violence"]
    if not battles or not remote:
        return hits
    top = min(battles, key=lambda h: _depth(h.head))
    fired = [h for h in remote if _weapon_of(h.head, top.head, w.INSTRUMENT_PREPS)]
    if any(h is not top and h.head.i == top.head.i and len(h.tokens) > len(top.tokens) for h in hits):
        return hits  # "seized 13 rifles, two grenades": a longer phrase on the verb says what it took
    if fired:
        if any(with_small_arms(h.head, typing_words) for h in fired):
            # "fired mortars, machine guns and small arms at positions": direct fire, a clash
            return [top] + [h for h in hits if h is not top]
        return hits  # "fired mortars at positions": the firing is the shelling
    if _depth(top.head) < min(_depth(h.head) for h in remote):
        return [top] + [h for h in hits if h is not top]
    return hits


# Heads a crowd's own protest word may hang from without being its grievance:
# "gathered for demonstrations", "protesters demanded".
_CROWD_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _grievance(hit: Hit, heads: frozenset[str], w) -> bool:
    """The trigger names what a crowd protests about ("against the arrest of").
    A protest word is the crowd's own act when it is the subject of the
    grievance verb ("protesters demanded") or what people gather "for"."""
    if not grievance(hit.tokens, heads):
        return False
    if hit.trigger.frame != "protest":
        return True
    tok = hit.tokens[0]
    for depth, anc in enumerate(tok.ancestors):
        if depth >= 4 or tok.dep_ in _CROWD_DEPS:
            return False
        low = anc.lemma_.lower()
        if low in heads or anc.lower_ in heads:
            return low not in w.CROWD_PURPOSE and anc.lower_ not in w.CROWD_PURPOSE
        if anc.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "attr") and any(
                c.dep_ == "nsubj" and c.lower_ not in w.RELATIVE for c in anc.children):
            return False  # "members staged a demonstration ..., they demanded": the crowd's own act
        tok = anc
    return False


def _weapon_of(weapon: "Token", verb: "Token", instrument_preps: frozenset[str]) -> bool:
    """The remote weapon is what the battle verb fires or uses: its object
    ("fired mortars"), or the object of its "with"/"using" phrase."""
    if weapon.head.i == verb.i and weapon.dep_ in ("dobj", "nsubjpass", "compound"):
        return True  # "fired mortars", "a mortar attack"
    weapon = phrase_head(weapon)
    if weapon.head.i == verb.i and weapon.dep_ in ("dobj", "nsubjpass"):
        return True  # "fired 120mm mortars"
    prep = weapon.head
    return weapon.dep_ == "pobj" and prep.head.i == verb.i and prep.lower_ in instrument_preps


def _policing_in(sent: "Span", heads: frozenset[str], lemmas: frozenset[str]) -> bool:
    """Some intervention word of the sentence is told as what happened to the
    crowd, not as its grievance: not under a grievance word at any depth, nor in
    a clause that describes a person ("activists who were detained", "teachers
    arrested for ...")."""
    for tok in sent:
        if tok.lemma_.lower() not in lemmas:
            continue
        if tok.dep_ in ("relcl", "acl", "amod"):
            continue
        if any(a.dep_ in ("relcl", "acl") or a.lemma_.lower() in heads or a.lower_ in heads
               for a in tok.ancestors):
            continue
        return True
    return False


def _gains(hit: Hit, gain_words: frozenset[str]) -> bool:
    return hit.tokens[0].lemma_.lower() in gain_words


def _as_capture(hit: Hit) -> Hit:
    """A gain of territory told together with fighting: state forces regain,
    others overtake (the capture frame decides which)."""
    return Hit(_CAPTURE, hit.tokens, hit.phrase)


RIOT_CHARS = 250  # how far after a protest sentence the crowd's violence may be told
FOLLOWUP_CHARS = 400  # how far after a protest sentence its policing may be told


def _crowd_word(pattern: re.Pattern, window: str, not_the_crowds) -> bool:
    """A match of ``pattern`` in ``window`` that ``not_the_crowds(before, m)`` does
    not explain away as the crowd's grievance or someone else's act."""
    for m in pattern.finditer(window):
        if not not_the_crowds(window[max(0, m.start() - 60):m.start()], m):
            return True
    return False


def _policed(window: str, w) -> bool:
    """An intervention word that is not the crowd's grievance ("against the arrest of")."""
    def excused(before: str, m: re.Match) -> bool:
        quoted = (window[:m.start()].count("'") + window[:m.start()].count('"')) % 2  # a slogan or banner
        return bool(w.GRIEVANCE.search(before) or w.ONE_PERSON.search(before) or quoted)

    return _crowd_word(w.INTERVENE, window, excused)


def _rioted(window: str, w) -> bool:
    """A word of the crowd's own violence that is not its grievance ("against the burning of")."""
    def excused(before: str, m: re.Match) -> bool:
        before = re.split(r"[.;!?]\s", before)[-1]  # this sentence's words
        # "police destroyed the tents", "damaged by": not the crowd acting
        return bool(w.GRIEVANCE.search(before) or w.CAUSE.search(before) or w.OTHERS_ACT.search(before))

    return _crowd_word(w.RIOT, window, excused)


def _as_riot(p: Event, types) -> Event:
    event_type, disorder = types("Violent demonstration")
    actor1, inter1 = p.actor1, p.inter1
    if inter1 == 6:
        actor1, inter1 = ("Rioters" + actor1[len("Protesters"):] if actor1.startswith("Protesters") else actor1), 5
    return dataclasses.replace(p, sub_event_type="Violent demonstration", event_type=event_type,
                               disorder_type=disorder, actor1=actor1, inter1=inter1,
                               interaction=_interaction(inter1, p.inter2 if p.actor2 else 0))


def _told_after(events: list[Event], sub_type: str, start: int, stop: int, on) -> list[Event]:
    """Article events of ``sub_type`` on day ``on`` whose evidence starts in [start, stop)."""
    return [e for e in events if e.sub_event_type == sub_type and e.comment_index is None
            and start <= e.evidence_start < stop and e.event_date == on]


def _protest_followups(events: list[Event], text: str, w, types=None) -> list[Event]:
    """A protest whose policing the next sentences tell ("Police dispersed the
    crowd", "12 were arrested") is a protest with intervention (with lethal
    force, excessive force); an arrest told there is that intervention, not an
    event of its own."""
    protests = [e for e in events if e.sub_event_type == "Peaceful protest" and e.comment_index is None]
    if not protests:
        return events
    out, folded = list(events), set()
    for p in protests:
        end = p.evidence_end
        window = text[end:end + FOLLOWUP_CHARS].split("\n\n", 1)[0]
        own = text[p.evidence_start:end]  # "police fired tear gas at the protesters": its own sentence
        if types is not None and _rioted(text[p.evidence_start:end] + " " + window[:RIOT_CHARS], w):
            out[out.index(p)] = _as_riot(p, types)
            # "They torched cars": the destruction told after is this riot's, not an event of its own
            folded.update(id(e) for e in _told_after(events, "Looting/property destruction",
                                                     end, end + RIOT_CHARS, p.event_date))
            continue
        arrests = [e for e in _told_after(events, "Arrests", end, end + len(window), p.event_date)
                   if _policed(e.evidence, w)]
        if w.LETHAL.search(own + " " + window):
            sub = "Excessive force against protesters"
        elif arrests or _policed(own, w) or _policed(window, w):
            sub = "Protest with intervention"
        else:
            continue
        new = dataclasses.replace(p, sub_event_type=sub)
        if sub == "Excessive force against protesters":  # the killing told after is this event
            killed = _told_after(events, "Attack", end, end + len(window), p.event_date)
            for e in killed:
                new = _add_count(new, e.fatalities, e.fatalities_max)
            arrests += killed
        folded.update(id(e) for e in arrests)
        out[out.index(p)] = new
    return [e for e in out if id(e) not in folded]


def _doc_countries(places: list[PlaceMention], focus: str | None) -> tuple[str, ...]:
    """The countries of the article's resolved places (and the focus country)."""
    found = {m.place.country_code for m in places
             if m.place is not None and m.place.country_code and m.comment is None}
    return tuple(sorted(found | ({focus} if focus else set())))


def _actor_country(mentions) -> str | None:
    """The home country of the report's local actors: armed groups first
    ("IS militants", "HTS"), else state forces; None when they disagree."""
    for inters in ((2, 3, 4), (1,)):
        found = {m.actor.country for m in mentions if m.actor.inter in inters and m.actor.country}
        if len(found) == 1:
            return next(iter(found))
        if found:
            return None
    return None


# ACLED's convention for foreign forces that operate in a country as part of a
# coalition: (state forces without tenure bracket, event country) -> actor1.
COALITION_FOR = {
    ("Military Forces of the United States", "SY"): "Global Coalition Against Daesh",
}
_BRACKET = re.compile(r" \(\d{4}-\d{0,4}\)")


def _base_name(name: str) -> str:
    """"Military Forces of X (2017-) Unit" -> "Military Forces of X"."""
    m = _BRACKET.search(name or "")
    return name[:m.start()] if m else name


def _umbrella(sides, in_sent, head, umbrella_preps: frozenset[str]):
    """"Turkish forces and allied factions, operating under Operation X, shelled":
    an armed operation or coalition the acting side serves under is actor1 (ACLED
    codes the umbrella), the forces named are its associated actors."""
    lead = sides.actor1
    if lead is None:
        return sides
    for m, span in in_sent:
        root = span.root
        under = (root.dep_ == "pobj" and root.head.lower_ in umbrella_preps) or (
            span.start > 0 and span.doc[span.start - 1].lower_ in umbrella_preps)  # parse may miss the "under"
        if not (under and m.actor.inter in (2, 3, 8)):
            continue
        # named after the acting side and before the trigger: the side's own qualifier
        if m.actor.name == lead.actor.name or not (lead.start < m.start and span.end <= head.i):
            continue
        assoc1 = [lead] + [a for a in sides.assoc1 if a is not m]
        actor2, assoc2 = sides.actor2, [a for a in sides.assoc2 if a is not m]
        if actor2 is m:
            actor2, assoc2 = (assoc2[0], assoc2[1:]) if assoc2 else (None, [])
        return Sides(m, actor2, assoc1, assoc2)
    return sides


def _retold(hit: Hit, sent_start: int, text: str, definite: frozenset[str]) -> bool:
    """The trigger's object is a definite noun the article already named
    ("the teacher", "the convoy"): the sentence retells an event."""
    head = hit.head
    if head.pos_ != "VERB":
        return False
    earlier = text[:sent_start].lower()
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in definite for c in child.children) and not any(
                c.dep_ in ("prep", "appos", "compound") and any(t.pos_ == "PROPN" for t in c.subtree)
                for c in child.children):  # "the villages of Harbel and Tal Rifaat" are new
            if re.search(rf"\b{re.escape(child.lower_)}\b", earlier) or re.search(
                    rf"\b{re.escape(child.lemma_.lower())}", earlier):
                return True
    return False


def _listed_with(place: PlaceMention, places: list[PlaceMention], sent_start: int, sent_end: int,
                 text: str, at: int, cues) -> list[PlaceMention]:
    """Towns listed together with ``place`` in its sentence ("on Al-Fterah, Kansafra,
    Sfuhen and Al-Bara"): each is a place of its own event (ACLED codes one event per
    location). Only towns and villages (not districts or provinces), in a run joined by
    commas and "and"."""
    inside = sorted((m for m in places if m.comment == place.comment
                     and (m.place is not None or locate.village_like(m))
                     and sent_start <= m.start < sent_end), key=lambda m: m.start)
    areas = [m for m in inside if m.place is not None and m.place.feature_class in ("A", "L")
             and (m.place.feature_code or "") not in ("PPLA", "PPLC")]
    if place not in areas:  # an area named after a town says where the town lies
        inside = [m for m in inside if not any(m is a for a in areas)]
    runs: list[list[PlaceMention]] = []
    joined: list[bool] = []  # does the run hold a conjunction ("A, B and C")?
    last = 0  # where the run's last item, or the area it lies in, ends
    for m in inside:
        gap = _list_gap(text, last - at, m.start - at, areas, at, cues) if runs else ""
        if runs and cues.LIST_QUALIFIER.fullmatch(gap + "\x00") and m is not place:
            last = m.end  # "Afes village in the countryside of Idlib": where Afes lies
            continue
        if runs and cues.LIST_GAP.match(gap) and not _qualifies(runs[-1][-1], m):
            runs[-1].append(m)
            joined[-1] = joined[-1] or cues.LIST_CONJ.search(gap) is not None
        else:
            runs.append([m])
            joined.append(False)
        last = m.end
    for run, conj in zip(runs, joined):
        if (conj or len(run) >= 3) and any(m is place or m.start == place.start for m in run):
            # villages the gazetteer lacks take the point of the nearest unit named
            known = [m for m in places if m.comment == place.comment and m.place is not None]
            run = [m if m.place is not None else locate.anchored(m, known, sent_start, sent_end)
                   for m in run]
            towns = [m for m in run if m is not None and m.start != place.start
                     and m.place.feature_class in ("P", "S")
                     and (m.place.geonameid is None or m.place.geonameid != place.place.geonameid)]
            return list({(m.place.geonameid or m.text.casefold()): m for m in towns}.values())
    return []


def _list_gap(text: str, a: int, b: int, areas: list[PlaceMention], at: int, cues) -> str:
    """The words between two listed towns, less the area the first one lies in ("Afes
    village in the countryside of Idlib, Al-Fterah"): what is left must join a list."""
    gap = text[a:b]
    for m in areas:
        if a <= m.start - at and m.end - at <= b:
            s, e = m.start - at - a, m.end - at - a
            gap = gap[:s] + "\x00" + gap[e:]
            q = cues.LIST_QUALIFIER.match(gap)
            return gap[q.end():] if q else gap
    return gap


def _place_key(p) -> str:
    """What tells places apart in an event id: the gazetteer id, else (a village the
    gazetteer lacks, at a known unit's point) the name."""
    if p is None:
        return ""
    return str(p.geonameid) if p.geonameid is not None else "~" + p.name.casefold()


def _qualifies(prev: PlaceMention, m: PlaceMention) -> bool:
    """"Tarmiyah, Baghdad": the second name is the first one's province, not a list item."""
    if prev.place is None or m.place is None:
        return False
    area = (prev.place.admin1 or "").casefold()
    return bool(area) and (area in m.text.casefold() or m.text.casefold() in area)


def _codable_claim(sides, place: PlaceMention | None, inherited: bool,
                   country: str | None = None) -> bool:
    """A comment claim is coded only with its own actor and a precise place, in the
    country the article is about (a reader's claim about the report's theatre)."""
    if sides.actor1 is None or place is None or inherited or place.place is None:
        return False
    if country and place.place.country_code and place.place.country_code != country:
        return False
    return place.geo_precision <= 2 and place.place.feature_class != "A"


def _notes(when: date, sentence: str, mention: DateMention | None, lowered: tuple[str, ...]) -> str:
    """ACLED-style note: "On 10 December 2020, <the evidence sentence>"."""
    text = " ".join(sentence.split())
    if mention is not None and mention.start <= 1:
        text = text[mention.end :].lstrip(" ,")
    if text[:4] in lowered:
        text = text[0].lower() + text[1:]
    return f"On {when.day} {when:%B %Y}, {text}"


def display_name(name: str) -> str:
    """A place name in plain Latin letters ("Ālbū Kamāl" -> "Albu Kamal")."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded.replace("‘", "'").replace("’", "'").replace("`", "'")


# Who acts when a report does not say (ACLED's conventions for unattributed events):
# sub-event type -> (actor, inter); "state:police" / "state:military" is the state
# force of the event's country, with the tenure bracket of the event date.
DEFAULT_ACTORS: dict[str, tuple[str, int]] = {
    "Peaceful protest": ("Protesters", 6),
    "Protest with intervention": ("Protesters", 6),
    "Excessive force against protesters": ("Protesters", 6),
    "Violent demonstration": ("Rioters", 5),
    "Mob violence": ("Rioters", 5),
    "Air/drone strike": ("Unidentified Military Forces", 8),
    "Change to group/activity": ("Unidentified Armed Group", 3),
    "Arrests": ("state:police", 1),
    "Disrupted weapons use": ("state:military", 1),
    "Government regains territory": ("state:military", 1),
    **{t: ("Unidentified Armed Group", 3) for t in (
        "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Attack", "Chemical weapon",
        "Abduction/forced disappearance", "Sexual violence", "Shelling/artillery/missile attack",
        "Armed clash", "Looting/property destruction", "Non-state actor overtakes territory",
        "Non-violent transfer of territory", "Headquarters or base established")},
}
COUNTRY_QUALIFIED = frozenset({"Protesters", "Rioters", "Unidentified Armed Group"})


def _interaction(a: int, b: int) -> int:
    if not b:
        return a * 10
    lo, hi = sorted((a, b))
    return lo * 10 + hi


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per sub-event type, location and day (a vague retelling, country
    or province only, folds into a precise event inside that area); deployments that
    are the same move as a handover or base set-up the same day fold into it."""
    kept: dict[tuple, Event] = {}
    # Precise events first, so a vaguer retelling (country or province only)
    # of the same sub-event on the same day folds into them.
    for ev in sorted(events, key=lambda e: (e.geo_precision == 3, -e.confidence)):
        if ev.geo_precision == 3:
            same = next((k for k in kept if k[0] == ev.sub_event_type and k[2] == ev.event_date
                         and k[3] == ev.source_kind and within_area(kept[k], ev)), None)
            if same is not None:
                kept[same] = _absorb(kept[same], ev)
                continue
        key = (ev.sub_event_type, ev.geonameid or ev.location, ev.event_date, ev.source_kind)
        if key in kept:
            kept[key] = _absorb(kept[key], ev)
        else:
            kept[key] = ev
    out = _one_per_family(list(kept.values()))
    moves = {(e.actor1, e.event_date) for e in out if e.sub_event_type in (
        "Non-violent transfer of territory", "Headquarters or base established")}
    out = [e for e in out if not (e.sub_event_type == "Change to group/activity" and (e.actor1, e.event_date) in moves)]
    return sorted(out, key=lambda e: (e.source_kind != "article", e.comment_index or 0, e.evidence_start))


# Within one event type, the sub-types a coder would merge into one event at a
# place and day, most specific first.
FAMILY_ORDER = {
    "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Battles": ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
}


def _one_per_family(events: list[Event]) -> list[Event]:
    """A crowd dispersed and a crowd gathering at one place on one day are one
    protest; a clash and the retaking of a town are one battle."""
    best: dict[tuple, Event] = {}
    rest = []
    for ev in events:
        order = FAMILY_ORDER.get(ev.event_type)
        if order is None or ev.sub_event_type not in order:
            rest.append(ev)
            continue
        key = (ev.event_type, ev.geonameid or ev.location, ev.event_date, ev.source_kind)
        held = best.get(key)
        if held is None or order.index(ev.sub_event_type) < order.index(held.sub_event_type):
            best[key] = ev if held is None else _absorb(ev, held)
        else:
            best[key] = _absorb(held, ev)
    return rest + list(best.values())


def _add_count(main: Event, low: int, high: int | None) -> Event:
    """Fold a death count told in a later sentence into the event."""
    high = high if high is not None else low
    if not low and not high:
        return main
    if not main.fatalities:
        return dataclasses.replace(main, fatalities=low, fatalities_max=high if high != low else None)
    lo = min(main.fatalities, low)
    hi = max(main.fatalities_max or main.fatalities, high)
    return dataclasses.replace(main, fatalities=lo, fatalities_max=hi if hi != lo else None)


def _absorb(main: Event, other: Event) -> Event:
    """Fold a retelling of ``main`` into it: the associated actors it names and
    its death count (lowest kept, highest as the range). The actors of ``main``
    stand: a retelling often names them less precisely, or not at all."""
    assoc = [a for a in main.assoc_actor_1.split("; ") if a]
    for a in other.assoc_actor_1.split("; "):
        if a and a not in assoc and a != main.actor1:
            assoc.append(a)
    low = min(main.fatalities or other.fatalities, other.fatalities or main.fatalities)
    high = max(main.fatalities_max or main.fatalities, other.fatalities_max or other.fatalities)
    return dataclasses.replace(main, assoc_actor_1="; ".join(assoc), fatalities=low,
                               fatalities_max=high if high != low else None)
