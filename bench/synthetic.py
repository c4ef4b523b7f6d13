"""Synthetic coded reports for the store benchmarks and the query-plan test (no NLP).

An archive of ``n`` events over ten years (2013-2022) at 2,000 places over Syria
(ten of them named towns), reported in date order, ``per_report`` events a
report. About a third of the events retell an incident an earlier report told
(same type, day and place, jittered a few hundred metres, the named or an
unidentified actor, evidence naming the same village), so the store has
incidents of one to four accounts to merge, as a monitor's archive does.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from outposts.records import Control, Event, Evidence, Extraction, Place, PlaceMention, Report, Site

TYPES = [("Battles", "Armed clash"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"),
         ("Riots", "Violent demonstration"),
         ("Strategic developments", "Non-violent transfer of territory")]
ACTORS = ["Military Forces of Syria (2000-)", "Islamic State (Syria)",
          "QSD: Syrian Democratic Forces", "Military Forces of Russia (2000-)",
          "Militia (Pro-Iran)", "Protesters (Syria)", "Unidentified Armed Group (Syria)",
          "HTS: Hayat Tahrir al Sham"]
TOWNS = [("Deir ez-Zor", 35.336, 40.145), ("Albu Kamal", 34.453, 40.918),
         ("Al Mayadin", 35.019, 40.452), ("Ar Raqqah", 35.950, 39.010),
         ("Idlib", 35.930, 36.634), ("Daraa", 32.625, 36.106), ("Aleppo", 36.202, 37.134),
         ("Homs", 34.727, 36.723), ("Al Hasakah", 36.502, 40.747), ("Qamishli", 37.052, 41.231)]
YEARS = range(2013, 2023)
FIRST = date(YEARS[0], 1, 1)
DAYS = (date(YEARS[-1], 12, 31) - FIRST).days + 1


def places(count: int = 2000, seed: int = 3) -> list[tuple[str, float, float, int]]:
    """(name, lat, lon, geonameid): the named towns, then villages spread over Syria."""
    rng = random.Random(seed)
    out = [(name, lat, lon, 9_000_000 + i) for i, (name, lat, lon) in enumerate(TOWNS)]
    while len(out) < count:
        i = len(out)
        out.append((f"Village {i}", rng.uniform(32.4, 37.2), rng.uniform(35.8, 42.2),
                    8_000_000 + i))
    return out


def sites(count: int = 300) -> list[Site]:
    """The posts, bases and towns whose control the synthetic reports assert."""
    return [Site(f"site-{i}", f"{name} post {i}", "post", lat, lon, 1.0, "gazetteer", None, gid)
            for i, (name, lat, lon, gid) in enumerate(places()[:count])]


def extractions(n: int, per_report: int = 10, seed: int = 1,
                control_every: int = 5, prefix: str = "synthetic") -> Iterator[Extraction]:
    """``n`` events in reports of ``per_report``, oldest report first; every
    ``control_every``-th report also asserts who holds one of :func:`sites`."""
    rng = random.Random(seed)
    spots = places()
    posts = sites()
    reports = (n + per_report - 1) // per_report
    recent: list[tuple[Event, tuple]] = []  # (event, place) told lately, to retell
    k = 0
    for r in range(reports):
        rid = f"{prefix}-{r:07d}"
        day = FIRST + timedelta(days=min(DAYS - 1, r * DAYS // max(1, reports)))
        text = f"Synthetic report {r}\n\n"
        events, mentions = [], []
        for _ in range(min(per_report, n - k)):
            if recent and rng.random() < 0.33:
                base, spot = recent[rng.randrange(len(recent))]
                if base.report_id == rid:
                    base = None
            else:
                base = None
            if base is None:
                spot = spots[rng.randrange(len(spots))]
                event_type, sub = TYPES[rng.randrange(len(TYPES))]
                when = day - timedelta(days=rng.randrange(3))
                actor1, actor2 = rng.choice(ACTORS), rng.choice(ACTORS)
                tp = rng.choice((1, 1, 1, 2))
                lat, lon = spot[1] + rng.uniform(-.01, .01), spot[2] + rng.uniform(-.01, .01)
            else:
                event_type, sub, when = base.event_type, base.sub_event_type, base.event_date
                actor1 = base.actor1 if rng.random() < 0.7 else "Unidentified Armed Group (Syria)"
                actor2, tp = base.actor2, base.time_precision
                lat, lon = base.latitude + rng.uniform(-.003, .003), \
                    base.longitude + rng.uniform(-.003, .003)
            sentence = f"Event {k} hit {spot[0]} on that day."
            start = len(text)
            text += sentence + " "
            at = start + sentence.index(spot[0])
            mentions.append(PlaceMention(spot[0], at, at + len(spot[0]),
                                         Place(spot[3], spot[0], "SY", spot[1], spot[2]), 1))
            ev = Event(
                event_id_cnty=f"SYR-{prefix[0]}{k:07d}", event_type=event_type, sub_event_type=sub,
                event_date=when, time_precision=tp, actor1=actor1, actor2=actor2,
                report_id=rid, evidence=sentence, evidence_start=start,
                evidence_end=start + len(sentence), confidence=0.7, country="Syria", iso=760,
                location=spot[0], latitude=lat, longitude=lon, geo_precision=1,
                geonameid=spot[3], source=f"Outlet {r % 7}", fatalities=rng.randrange(4),
                patrons1=rng.choice(((), ("Russia",))), source_kind="article")
            events.append(ev)
            if base is None:
                recent.append((ev, spot))
            k += 1
        if len(recent) > 400:
            del recent[:len(recent) - 400]
        controls = ()
        if control_every and r % control_every == 0:
            site = posts[rng.randrange(len(posts))]
            holder = rng.choice(ACTORS[:5])
            sentence = f"{holder} took over {site.name}."
            at = len(text)
            text += sentence
            controls = (Control(site=site, holder=holder, valid_from=day,
                                evidence=(Evidence(rid, sentence, at, at + len(sentence),
                                                   f"Outlet {r % 7}"),),
                                sources=(f"Outlet {r % 7}",), confidence=0.6,
                                action=rng.choice(("gain", "gain", "confirm", "loss")),
                                verb="took over", report_ids=(rid,)),)
        yield Extraction(Report(id=rid, text=text, title=f"Synthetic report {r}"),
                         tuple(events), places=tuple(mentions), controls=controls)
