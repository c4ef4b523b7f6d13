"""Merging events across reports: the same incident told by several outlets is one event."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date
from pathlib import Path

import pytest

from outposts.merge import compatible, merge_events
from outposts.records import Event

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
    assert not compatible(ev("r1", evidence=shelled.format("Kansafra"), admin1="Idlib"),
                          ev("r2", evidence=shelled.format("Bara"), admin1="Idlib"))
    assert compatible(ev("r1", evidence=shelled.format("Kansafra"), admin1="Idlib"),
                      ev("r2", evidence="Regime shells hit Kansafra on Tuesday.", admin1="Idlib"))
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
