"""Control assertions of one article: from its coded events and its sentences.

Events that change or confirm control (non-violent transfers, territory
regained or overtaken, headquarters or bases established) give a ``gain``
for actor1 and, when actor2 is named, a ``loss`` that closes actor2's
interval. Article sentences the coder did not code as events are read for
control phrases (deployed to, took over, handed over, withdrew from,
captured, regained, established a base, entered under an agreement, has
been operating in ... for N years), with actors from the actor dictionary,
places from the stored place mentions and dates from the date resolver;
hedged sentences ("may", "could", "claim", "if") are skipped.

A sentence naming no resolvable place joins the assertion of the same report
whose holder (or closed-out previous holder) is the same force: "the 5th Corps
was deployed on the Syrian-Iraqi border" is the same deployment as "... were
deployed in a number of border posts near al-Bukamal".

This is the one place where control of a site is decided: the coder gives
these assertions with its events, the store keeps them, and posture
(:mod:`outposts.posture`) only orders stored assertions into timelines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..actors import fill_country, same_force
from ..places.countries import country_info
from ..records import (Control, Dispute, Event, Evidence, ParsedArticle, PlaceMention, Report, Site,
                       TriagedComment)
from ..lang import load as load_lang
from ..segment import sentence_spans, split_spans
from .dates import find_dates

__all__ = ["CONTROL_TYPES", "control_assertions", "site_for"]

CONTROL_TYPES = ("Non-violent transfer of territory", "Government regains territory",
                 "Non-state actor overtakes territory", "Headquarters or base established")
SITE_CODES = {"MILB": "base", "AIRB": "air base", "AIRP": "airport", "PSTB": "crossing",
              "DAM": "dam", "AIRF": "airport", "INSM": "base"}
RADIUS_KM = {1: 2.0, 2: 10.0, 3: 25.0}

_NEWLINE = re.compile(r"\n")


@dataclass
class _Draft:
    """An assertion being put together (mutable until frozen into Control)."""

    site: Site | None
    holder: str
    action: str
    verb: str
    valid_from: date | None
    time_precision: int
    patrons: list[str] = field(default_factory=list)
    associated: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    source_kind: str = "article"
    confidence: float = 0.5
    disputed_idx: set[int] = field(default_factory=set)
    geo_precision: int = 1


def _same_force(a: str, b: str) -> bool:
    return same_force(a, b)


def _kind_of(noun: str, words) -> str:
    for rx, kind in words.SITE_KINDS:
        if rx.search(noun):
            return kind
    return "posts"


def site_for(place_name: str, geonameid: int | None, lat: float | None, lon: float | None,
             feature_code: str | None, sentence: str, geo_precision: int, words=None) -> Site | None:
    """The site a control sentence is about: a gazetteer site named in it, a
    report-created site ("border posts near X") when it names posts, bases,
    headquarters ... next to a town, else the town itself. ``words`` is the
    ``control`` section of a language pack (English when not given)."""
    if lat is None or lon is None:
        return None
    if feature_code in SITE_CODES:
        return Site(f"gn:{geonameid}", place_name, SITE_CODES[feature_code], lat, lon,
                    RADIUS_KM[1], "gazetteer", None, geonameid)
    words = words or load_lang().control
    m = words.SITE_NOUN.search(sentence)
    anchor_key = f"gn:{geonameid}" if geonameid is not None else f"pt:{lat:.3f},{lon:.3f}"
    if m:
        kind = _kind_of(m.group("noun"), words)
        label = ("border " if m.group("border") and kind == "posts" else "") + kind
        prep = "in" if geo_precision <= 1 else "near"
        return Site(f"{kind}@{anchor_key}", f"{label} {prep} {place_name}", kind, lat, lon,
                    RADIUS_KM.get(geo_precision, 25.0), "report", place_name, geonameid)
    kind = "region" if geo_precision >= 3 else "town"
    return Site(anchor_key, place_name, kind, lat, lon,
                RADIUS_KM.get(geo_precision, 25.0) if kind == "region" else 0.0,
                "gazetteer", None, geonameid)


def site_precision(site: Site | None) -> int:
    if site is None:
        return 3
    return next((k for k, v in RADIUS_KM.items() if v >= site.radius_km), 3)


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _sentences(text: str, lang) -> list[tuple[int, int, str]]:
    """(start, end, text) of the sentences of each line of ``text``, split by
    the pack's sentence rules (:func:`outposts.segment.sentence_spans`)."""
    out = []
    for line_start, line_end in split_spans(text, 0, len(text), _NEWLINE):
        line = text[line_start:line_end]
        for a, b in sentence_spans(line, lang.segment):
            chunk = line[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            sent = chunk.strip()
            if sent:
                out.append((line_start + a + lead, line_start + a + lead + len(sent), sent))
    return out


def _duration_start(sentence: str, published: date, words) -> tuple[date, int] | None:
    m = words.DURATION.search(sentence)
    if not m:
        return None
    raw = m.group("n").casefold()
    n = int(raw) if raw.isdigit() else words.NUMBER_WORDS.get(raw)
    unit = m.group("unit").casefold()
    per = words.UNIT_DAYS.get(unit) or words.UNIT_DAYS.get(unit.rstrip("s"))
    if not n or per is None:
        return None
    days, precision = per
    return published - timedelta(days=days * n), precision


class _Context:
    """What a report's sentences share: the gazetteer, actors, sources."""

    def __init__(self, actors, sources, gazetteer=None, lang=None):
        self.lang = lang or load_lang()
        self.words = self.lang.control
        self.gaz = gazetteer
        self.actors = actors
        self.sources = sources
        self._codes: dict[int, tuple[str | None, str | None]] = {}

    def place_info(self, geonameid: int | None) -> tuple[str | None, str | None]:
        """(feature_code, country_code) of a gazetteer place."""
        if geonameid is None or self.gaz is None:
            return None, None
        if geonameid not in self._codes:
            p = self.gaz.get(geonameid)
            self._codes[geonameid] = (p.feature_code, p.country_code) if p else (None, None)
        return self._codes[geonameid]


def _event_site(ev: Event, ctx: _Context) -> Site | None:
    fcode, _ = ctx.place_info(ev.geonameid)
    name = ev.location or ""
    return site_for(name, ev.geonameid, ev.latitude, ev.longitude, fcode, ev.evidence,
                    ev.geo_precision, ctx.words)


def _from_events(report: Report, events: list[Event], ctx: _Context) -> list[_Draft]:
    drafts = []
    for ev in events:
        if ev.sub_event_type not in CONTROL_TYPES:
            continue
        site = _event_site(ev, ctx)
        if site is None:
            continue
        if ev.sub_event_type == "Headquarters or base established" and site.kind == "town":
            # a base established in a town the report names no site of
            prep = "in" if ev.geo_precision <= 1 else "near"
            site = Site(f"base@{site.id}", f"base {prep} {site.name}", "base", site.latitude,
                        site.longitude, RADIUS_KM.get(ev.geo_precision, 25.0), "report",
                        site.name, site.geonameid)
        ev_evidence = Evidence(report.id, ev.evidence, ev.evidence_start, ev.evidence_end,
                               ev.source, ev.source_kind, ev.comment_index)
        source = ev.source or report.outlet or ""
        verb = ctx.words.EVENT_VERBS[ev.sub_event_type]
        def common(ev=ev, site=site, evidence=ev_evidence, source=source) -> dict:
            # fresh lists per draft: the gain and the loss grow independently
            return {"site": site, "valid_from": ev.event_date,
                    "time_precision": ev.time_precision, "evidence": [evidence],
                    "sources": [source] if source else [], "source_kind": ev.source_kind,
                    "confidence": ev.confidence, "disputed_idx": set(ev.disputed_by),
                    "geo_precision": ev.geo_precision}

        drafts.append(_Draft(holder=ev.actor1, action="gain", verb=verb,
                             patrons=list(ev.patrons1),
                             associated=[a.strip() for a in ev.assoc_actor_1.split(";")
                                         if a.strip()], **common()))
        if ev.actor2 and ev.sub_event_type != "Headquarters or base established":
            drafts.append(_Draft(holder=ev.actor2, action="loss", verb=ctx.words.HANDED_OVER
                                 if ev.sub_event_type == CONTROL_TYPES[0] else ctx.words.LOST,
                                 patrons=list(ev.patrons2),
                                 associated=[a.strip() for a in ev.assoc_actor_2.split(";")
                                             if a.strip()], **common()))
    return drafts


def _country_name(iso2: str | None) -> str | None:
    if not iso2:
        return None
    info = country_info(iso2)
    return info.name if info else None


def _from_sentences(report: Report, events: list[Event], places: list[PlaceMention],
                    ctx: _Context, focus: str | None = None) -> tuple[list[_Draft], list[_Draft]]:
    """(drafts with a site, drafts without one) from the article's sentences;
    ``focus`` (ISO2) is the article's country where a sentence names none."""
    published = report.published or (min(e.event_date for e in events) if events else None)
    if published is None:
        return [], []
    taken = [(e.evidence_start, e.evidence_end) for e in events if e.source_kind == "article"]
    article_places = [m for m in places if m.comment is None]
    sited, loose = [], []
    last_date: tuple[date, int] | None = None
    last_source = ""
    for start, end, sent in _sentences(report.text, ctx.lang):
        dates = find_dates(sent, published, ctx.lang.dates)
        if dates:
            last_date = (dates[0].value, dates[0].time_precision)
        named = ctx.sources.first_in(sent)
        if named:
            last_source = named
        if any(_overlaps(start, end, a, b) for a, b in taken):
            continue
        hit = next(((rx.search(sent), action, verb) for rx, action, verb in ctx.words.PHRASES
                    if rx.search(sent)), None)
        if hit is None or ctx.words.HEDGE.search(sent):
            continue
        m, action, verb = hit
        mentions = [a for a in ctx.actors.match(sent, on=published)]
        if not mentions:
            continue
        in_sent = [p for p in article_places if start <= p.start and p.end <= end
                   and p.place is not None]
        iso2 = None
        for p in in_sent:
            iso2 = iso2 or ctx.place_info(p.place.geonameid)[1]
        country = _country_name(iso2 or focus)
        before = [a for a in mentions if a.start < m.start()]
        after = [a for a in mentions if a.start >= m.end()]
        subject = (before or mentions)[0]
        holder = fill_country(subject.actor, country, published)
        patrons = list(dict.fromkeys(subject.patrons + holder.patrons))
        when, precision = last_date or (published, 3)
        if action == "confirm":
            began = _duration_start(sent, published, ctx.words)
            if began:
                when, precision = began
        ev = Evidence(report.id, sent, start, end, named or last_source or report.outlet or "")
        source = named or last_source or report.outlet or ""
        drafts = []
        if action == "handover":
            # "X handed over P to Y": Y gains, X loses.
            if after:
                recv = fill_country(after[-1].actor, country, published)
                drafts.append(("gain", recv.name, list(after[-1].patrons + recv.patrons)))
            drafts.append(("loss", holder.name, patrons))
        else:
            drafts.append((action, holder.name, patrons))
        site = None
        usable = [p for p in in_sent if ctx.place_info(p.place.geonameid)[0] != "PCLI"]
        if usable:
            best = min(usable, key=lambda p: (0 if ctx.place_info(p.place.geonameid)[0]
                                              in SITE_CODES else 1, p.geo_precision, p.start))
            fcode, _ = ctx.place_info(best.place.geonameid)
            site = site_for(best.place.name, best.place.geonameid, best.place.latitude,
                            best.place.longitude, fcode, sent,
                            3 if fcode == "ADM1" else best.geo_precision, ctx.words)
        for act, name, pats in drafts:
            d = _Draft(site=site, holder=name, action=act, verb=verb, valid_from=when,
                       time_precision=precision, patrons=pats, evidence=[ev],
                       sources=[source] if source else [], confidence=0.5,
                       geo_precision=site_precision(site))
            (sited if site is not None else loose).append(d)
    return sited, loose


def _absorb(into: _Draft, d: _Draft) -> None:
    for e in d.evidence:
        if e not in into.evidence:
            into.evidence.append(e)
    into.patrons = list(dict.fromkeys(into.patrons + d.patrons))
    into.associated = list(dict.fromkeys(into.associated + d.associated))
    into.sources = list(dict.fromkeys(into.sources + d.sources))
    into.disputed_idx |= d.disputed_idx
    into.confidence = max(into.confidence, d.confidence)


def _label(site: Site, drafts: list[_Draft], words) -> Site:
    """Name a report-created site from all its sentences ("border posts" when
    any calls them so)."""
    if site.origin != "report":
        return site
    text = " ".join(e.text for d in drafts for e in d.evidence)
    border = site.kind == "posts" and words.BORDER_SITE.search(text)
    prep = "in" if min(d.geo_precision for d in drafts) <= 1 else "near"
    label = ("border " if border else "") + site.kind
    radius = max(RADIUS_KM.get(d.geo_precision, 25.0) for d in drafts)
    return replace(site, name=f"{label} {prep} {site.anchor}", radius_km=radius)


def control_assertions(article: ParsedArticle, events: list[Event], actors, sources,
                       gazetteer=None, lang=None) -> list[Control]:
    """The control assertions an article makes, given the events coded from it
    (see the module doc), in the words of ``lang``'s ``control`` section
    (English when not given)."""
    report, comments = article.report, list(article.comments)
    places = list(article.locating_places)
    ctx = _Context(actors, sources, gazetteer, lang)
    drafts = _from_events(report, events, ctx)
    sited, loose = _from_sentences(report, events, places, ctx, article.focus_country)
    # Same site, same force, same action: one assertion with all its sentences.
    merged: list[_Draft] = []
    for d in drafts + sited:
        same = next((m for m in merged if m.site.id == d.site.id and m.action == d.action
                     and _same_force(m.holder, d.holder)), None)
        if same is None:
            merged.append(d)
        else:
            if len(d.holder) > len(same.holder):
                same.holder = d.holder
            _absorb(same, d)
    for d in loose:  # no place: the same force's assertion in this report, if any
        same = next((m for m in merged if _same_force(m.holder, d.holder)
                     and (m.action == d.action or d.action == "gain")), None)
        if same is not None:
            _absorb(same, d)
    by_site: dict[str, list[_Draft]] = {}
    for d in merged:
        by_site.setdefault(d.site.id, []).append(d)
    disputes = {c.index: c for c in comments if c.stance == "dispute"}
    out = []
    for d in merged:
        site = _label(d.site, by_site[d.site.id], ctx.words)
        idx = set(d.disputed_idx)
        for c in disputes.values():
            if c.target_start is None or c.target_end is None:
                continue
            if any(e.source_kind == "article" and _overlaps(e.start, e.end, c.target_start,
                                                             c.target_end) for e in d.evidence):
                idx.add(c.index)
        disputed = tuple(Dispute(report.id, i, disputes[i].text if i in disputes else "",
                                 disputes[i].target if i in disputes else None,
                                 disputes[i].figure if i in disputes else None)
                         for i in sorted(idx))
        out.append(Control(
            site=site, holder=d.holder,
            valid_from=d.valid_from if d.action != "loss" else None,
            valid_to=d.valid_from if d.action == "loss" else None,
            patrons=tuple(d.patrons), evidence=tuple(d.evidence), sources=tuple(d.sources),
            source_kind=d.source_kind, confidence=round(d.confidence, 3), action=d.action,
            verb=d.verb, time_precision=d.time_precision, report_ids=(report.id,),
            disputed_by=disputed, associated=tuple(d.associated)))
    return out
