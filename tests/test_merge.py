"""Merging events across reports: the same incident told by several outlets is one event."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date
from pathlib import Path

import pytest

from outposts.merge import compatible, evidence_places, merge_events
from outposts.records import Event, Place, PlaceMention

FIXTURES = Path(__file__).parent / "fixtures" / "posture"


def ev(report_id: str, **kw) -> Event:
    base = dict(event_id_cnty=f"SYR-{report_id}", event_date=date(2021, 3, 9), time_precision=1,
                event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                actor1="Military Forces of Russia (2000-)", report_id=report_id,
                evidence=f"evidence of {report_id}", evidence_start=0, evidence_end=10,
                confidence=0.8, location="Ma'arrat an Nu'man", latitude=35.6483,
                longitude=36.67693, geo_precision=1, country="Syria", source="SOHR")
    base.update(kw)
    return Event(**base)


PLACES = {"Kansafra": 1, "Bara": 2, "Jabal al-Zawiya": 3, "Idleb": 4}


def mentions(e: Event) -> list[PlaceMention]:
    """The place mentions a geoparser would store for ``e``'s evidence (offsets in the report)."""
    out = []
    for name, gid in PLACES.items():
        at = e.evidence.find(name)
        if at >= 0:
            out.append(PlaceMention(name, e.evidence_start + at, e.evidence_start + at + len(name),
                                    Place(gid, "Idlib" if name == "Idleb" else name, None, 35.0,
                                          36.0), 3 if name == "Idleb" else 1))
    return out


def told(a: Event, b: Event) -> tuple:
    """``a``, ``b`` and the places their evidence names (structured, from mentions)."""
    a = dataclasses.replace(a, evidence_end=a.evidence_start + len(a.evidence))
    b = dataclasses.replace(b, evidence_end=b.evidence_start + len(b.evidence))
    return a, b, evidence_places(a, mentions(a)), evidence_places(b, mentions(b))


FOUR = [ev("r1", fatalities=4, source="SOHR"),
        ev("r2", fatalities=6, source="Reuters", actor2="Civilians (Syria)"),
        ev("r3", fatalities=5, source="Syrian Civil Defence", latitude=35.65, longitude=36.68,
           location="Maarat al-Numan"),
        ev("r4", fatalities=7, fatalities_max=9, source="Step News",
           event_date=date(2021, 3, 10), time_precision=2)]


def test_four_outlets_one_event_lowest_toll_with_range():
    merged = merge_events(FOUR)
    assert len(merged) == 1
    m = merged[0]
    assert m.source_count == 4
    assert set(m.sources) == {"SOHR", "Reuters", "Syrian Civil Defence", "Step News"}
    assert m.event.fatalities == 4 and m.event.fatalities_max == 9
    assert m.event.actor2 == "Civilians (Syria)"  # the most specific actors
    assert m.event.event_date == date(2021, 3, 9)
    row = m.as_row()
    assert row["fatalities_reported"] == [4, 5, 6, 7]
    assert [x["evidence"] for x in row["members"]] == [f"evidence of r{i}" for i in (1, 2, 3)] + \
        ["evidence of r4"]


def test_merge_is_order_independent():
    shuffled = FOUR[:]
    random.Random(5).shuffle(shuffled)
    assert merge_events(shuffled) == merge_events(FOUR)


def test_two_strikes_the_same_day_80_km_apart_stay_two():
    far = ev("r5", latitude=36.37051, longitude=37.5157, location="Al Bab")  # ~110 km
    near_far = [ev("r1"), dataclasses.replace(far), ev("r6", latitude=36.3, longitude=37.2,
                                                       location="Somewhere")]  # ~85 km
    assert len(merge_events(near_far)) == 3


def test_what_keeps_events_apart():
    a = ev("r1")
    assert compatible(a, ev("r2"))
    assert not compatible(a, ev("r1"))  # the same report: never merged
    assert not compatible(a, ev("r2", sub_event_type="Shelling/artillery/missile attack"))
    assert not compatible(a, ev("r2", event_date=date(2021, 3, 10)))  # day-precise: same day
    assert compatible(a, ev("r2", event_date=date(2021, 3, 10), time_precision=2))
    assert not compatible(a, ev("r2", geo_precision=3))  # a region: too vague
    shelled = "On 9 March 2021, regime forces shelled {} in Jabal al-Zawiya in Idleb."
    assert not compatible(*told(ev("r1", evidence=shelled.format("Kansafra"), admin1="Idlib"),
                                ev("r2", evidence=shelled.format("Bara"), admin1="Idlib")))
    assert compatible(*told(ev("r1", evidence=shelled.format("Kansafra"), admin1="Idlib"),
                            ev("r2", evidence="Regime shells hit Kansafra on Tuesday.",
                               admin1="Idlib")))
    assert compatible(a, ev("r2", event_date=date(2021, 3, 12), time_precision=2))  # a week
    assert not compatible(a, ev("r2", actor1="Military Forces of Turkey (2016-)"))
    assert compatible(a, ev("r2", actor1="Unidentified Military Forces"))
    assert not compatible(a, ev("r2", latitude=35.8, longitude=36.67693))  # ~17 km at precision 1
    assert compatible(a, ev("r2", latitude=35.8, longitude=36.67693, geo_precision=2))


def test_clash_sides_may_be_swapped():
    a = ev("r1", sub_event_type="Armed clash", actor1="Military Forces of Syria (2000-)",
           actor2="HTS: Hayat Tahrir al Sham")
    b = ev("r2", sub_event_type="Armed clash", actor2="Military Forces of Syria (2000-)",
           actor1="HTS: Hayat Tahrir al Sham")
    assert compatible(a, b)
    assert len(merge_events([a, b])) == 1


def test_no_chaining():
    # a-b 9 km, b-c 9 km, a-c 18 km: complete linkage keeps c out of a's group
    a = ev("r1", latitude=35.60, longitude=36.67)
    b = ev("r2", latitude=35.68, longitude=36.67)
    c = ev("r3", latitude=35.76, longitude=36.67)
    groups = merge_events([a, b, c])
    assert sorted(g.source_count for g in groups) == [1, 2]


@pytest.mark.usefixtures("gazetteer")
def test_stored_reports_merge_in_events_command(tmp_db):
    from click.testing import CliRunner

    from outposts.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(FIXTURES / "strikes.jsonl"), "--db", str(tmp_db)])
    assert result.exit_code == 0, result.output
    merged = [json.loads(line) for line in runner.invoke(
        cli, ["events", "--db", str(tmp_db), "--format", "jsonl"]).stdout.splitlines()]
    rows = [json.loads(line) for line in runner.invoke(
        cli, ["events", "--db", str(tmp_db), "--format", "jsonl", "--unmerged"]).stdout.splitlines()]
    maarat = [m for m in merged if m["source_count"] == 4]
    assert len(maarat) == 1, merged
    m = maarat[0]
    assert m["fatalities"] == 4 and m["fatalities_max"] == 7
    assert {x["report_id"] for x in m["members"]} == {"strike-sohr", "strike-whitehelmets",
                                                      "strike-activists", "strike-reuters"}
    bab = [x for x in merged if x["location"] == "Al Bab"]
    assert len(bab) == 1 and bab[0]["source_count"] == 1
    assert len(rows) == len(merged) + 3
    table = runner.invoke(cli, ["events", "--db", str(tmp_db)]).stdout
    assert "(4 reports)" in table


# -- merged at ingest (issue 18): the stored incidents are a function of the reports ---------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from outposts.records import Extraction, Report  # noqa: E402
from outposts.store import open_store  # noqa: E402

_SPOTS = [(35.6483, 36.67693), (35.70, 36.70), (35.60, 36.60), (36.37, 37.51)]
_ACTORS = ["Military Forces of Russia (2000-)", "Military Forces of Syria (2000-)",
           "Unidentified Military Forces", "HTS: Hayat Tahrir al Sham"]
_VILLAGES = ["Kansafra", "Bara", "Kafr Nabl"]


def _make_report(num, pick, rid: str) -> Extraction:
    """One report of 1-3 strikes; ``num(lo, hi)`` and ``pick(seq)`` draw."""
    events, mentions, text = [], [], ""
    for k in range(num(1, 3)):
        village = pick([None] + _VILLAGES)
        sentence = f"Strike number {k} hit {village or 'the area'} today. "
        start = len(text)
        text += sentence
        if village:
            at = start + sentence.index(village)
            mentions.append(PlaceMention(village, at, at + len(village),
                                         Place(1000 + _VILLAGES.index(village), village, "SY",
                                               35.6, 36.6), 1))
        lat, lon = pick(_SPOTS)
        events.append(Event(
            event_id_cnty=f"SYR-{rid}-{k}",
            event_date=date(2021, 3, 1 + num(0, 4)),
            time_precision=pick([1, 1, 2, 3]),
            event_type="Explosions/Remote violence",
            sub_event_type=pick(["Air/drone strike", "Shelling/artillery/missile attack"]),
            actor1=pick(_ACTORS), report_id=rid, evidence=sentence.strip(),
            evidence_start=start, evidence_end=start + len(sentence.strip()),
            confidence=pick([0.5, 0.8]), location="Somewhere", latitude=lat,
            longitude=lon, geo_precision=pick([1, 1, 2, 3]), country="Syria",
            source=f"Outlet {rid}", fatalities=num(0, 5)))
    return Extraction(Report(id=rid, text=text), tuple(events), places=tuple(mentions))


@st.composite
def _report(draw, rid: str) -> Extraction:
    return _make_report(lambda lo, hi: draw(st.integers(lo, hi)),
                        lambda seq: draw(st.sampled_from(seq)), rid)


def _random_report(rnd: random.Random, rid: str) -> Extraction:
    return _make_report(rnd.randint, rnd.choice, rid)


@st.composite
def _reports(draw) -> list[Extraction]:
    n = draw(st.integers(1, 7))
    return [draw(_report(f"r{i}")) for i in range(n)]


def _stored_incidents(store) -> list:
    page, _ = store.incident_page(limit=10_000)
    return [(m.as_row(), [x.event_id_cnty for x in m.members]) for m in page]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports(), st.randoms(use_true_random=False), st.integers(1, 3))
def test_incidents_do_not_depend_on_ingest_order(reports, rng, batch):
    """Any ingest order (and batching) stores the same incidents, and they are what
    merging all the events at once gives; the same report again changes nothing."""
    from outposts.store.incidents import place_keys

    keys = {}
    for ex in reports:
        for e, k in zip(ex.events, place_keys(ex)):
            keys[(e.report_id, e.event_id_cnty)] = k
    expected = [(m.as_row(), [x.event_id_cnty for x in m.members]) for m in merge_events(
        [e for ex in reports for e in ex.events],
        places=lambda e: keys[(e.report_id, e.event_id_cnty)])]
    snapshots = []
    for attempt in range(2):
        order = reports[:]
        rng.shuffle(order)
        with open_store(":memory:") as store:
            if attempt == 0:
                for ex in order:
                    assert store.add(ex)
            else:
                for i in range(0, len(order), batch):
                    assert store.add_many(order[i:i + batch]) == len(order[i:i + batch])
            got = _stored_incidents(store)
            version = store.version()
            assert not store.add(order[0])  # the same report again: nothing changes
            assert store.add_many(order[:2]) == 0
            assert _stored_incidents(store) == got and store.version() == version
        snapshots.append(got)
    assert snapshots[0] == snapshots[1]
    key = lambda r: (r[0]["event_date"], r[1])  # noqa: E731
    assert sorted(snapshots[0], key=key) == sorted(expected, key=key)


@pytest.mark.parametrize("batch", [1, 5])
def test_incidents_on_every_store_match_the_pure_merge(store_url, batch):
    """SQLite, PostgreSQL (COPY) and PostGIS store the same incidents for the same
    reports in a shuffled order, in single adds or batches."""
    rng = random.Random(7)
    reports = [_random_report(random.Random(i), f"r{i}") for i in range(24)]
    order = reports[:]
    rng.shuffle(order)
    with open_store(store_url) as store:
        for i in range(0, len(order), batch):
            store.add_many(order[i:i + batch])
        got = _stored_incidents(store)
        assert store.add_many(order[:3]) == 0
    with open_store(":memory:") as ref:
        for ex in reports:
            ref.add(ex)
        want = _stored_incidents(ref)
    key = lambda r: (r[0]["event_date"], r[1])  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)
    assert any(len(m) > 1 for _, m in got)
