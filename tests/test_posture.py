"""Posture and timelines: who holds which site, since when, according to whom."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from outposts.cli import cli
from outposts.posture import assertions, posture, timelines
from outposts.records import Event, Extraction, Report
from outposts.store import open_store

pytestmark = pytest.mark.usefixtures("gazetteer")

SARAQIB = dict(location="Saraqib", latitude=35.86446, longitude=36.80672, geonameid=163270,
               geo_precision=1, country="Syria")
KAFRANBEL = dict(location="Kafranbel", latitude=35.61392, longitude=36.56306, geonameid=169304,
                 geo_precision=1, country="Syria")
SYRIA = "Military Forces of Syria (2000-)"
NFL = "National Front for Liberation"


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _report(rid: str, outlet: str, published: date, sentence: str, *events: dict) -> Extraction:
    """A stored report with these events and the control assertions the coder
    makes of them (the coder decides control; posture reads what is stored)."""
    from outposts.actors import ActorDictionary
    from outposts.code.control import control_assertions
    from outposts.code.sources import Sources
    from outposts.records import ParsedArticle

    text = f"Title\n\n{sentence}\n"
    start = text.index(sentence)
    evs = tuple(Event(event_id_cnty=f"SYR-{rid}-{i}", event_type="Battles", report_id=rid,
                      evidence=sentence, evidence_start=start, evidence_end=start + len(sentence),
                      confidence=0.8, source=outlet, **e) for i, e in enumerate(events))
    report = Report(id=rid, text=text, outlet=outlet, published=published)
    controls = control_assertions(ParsedArticle(report, published), list(evs), _actors(),
                                  Sources.load())
    return Extraction(report, evs, controls=tuple(controls))


_ACTORS = []


def _actors():
    from outposts.actors import ActorDictionary

    if not _ACTORS:
        _ACTORS.append(ActorDictionary.load())
    return _ACTORS[0]


def _gain(day: date, actor1: str, sub: str, actor2: str = "", place=SARAQIB, **kw) -> dict:
    return dict(event_date=day, time_precision=1, sub_event_type=sub, actor1=actor1,
                actor2=actor2, **place, **kw)


REGAIN, OVERTAKE = "Government regains territory", "Non-state actor overtakes territory"

# Saraqib changes hands three times across six reports from five outlets.
HANDS = [
    _report("s1", "SOHR", date(2020, 1, 29), "Government forces regained Saraqib on Tuesday.",
            _gain(date(2020, 1, 28), SYRIA, REGAIN)),
    _report("s2", "SANA", date(2020, 1, 29), "The army liberated Saraqib on Tuesday.",
            _gain(date(2020, 1, 28), SYRIA, REGAIN)),
    _report("s3", "Anadolu Agency", date(2020, 2, 28), "Rebels took Saraqib from the army.",
            _gain(date(2020, 2, 27), NFL, OVERTAKE, SYRIA, patrons1=("Turkey",))),
    _report("s4", "SOHR", date(2020, 2, 28), "The NFL captured Saraqib on Thursday.",
            _gain(date(2020, 2, 27), NFL, OVERTAKE)),
    _report("s5", "SOHR", date(2020, 3, 3), "The army recaptured Saraqib from the NFL.",
            _gain(date(2020, 3, 2), SYRIA, REGAIN, NFL, patrons1=("Russia",))),
    _report("s6", "Reuters", date(2020, 3, 3), "Syrian troops retook Saraqib on Monday.",
            _gain(date(2020, 3, 2), SYRIA, REGAIN)),
    # two reports that contradict each other about Kafranbel
    _report("k1", "SANA", date(2020, 2, 26), "The army captured Kafranbel on Tuesday.",
            _gain(date(2020, 2, 25), SYRIA, REGAIN, place=KAFRANBEL)),
    _report("k2", "Enab Baladi", date(2020, 2, 26), "HTS captured Kafranbel on Tuesday.",
            _gain(date(2020, 2, 25), "HTS: Hayat Tahrir al Sham", OVERTAKE, place=KAFRANBEL)),
]


@pytest.fixture
def hands_db(tmp_db):
    with open_store(tmp_db) as store:
        for ex in HANDS:
            assert store.add(ex)
    return tmp_db


@pytest.fixture
def hands(hands_db, gazetteer):
    from outposts.places import Gazetteer

    with open_store(hands_db) as store:
        return assertions(store)


def _at(items, day: date, site: str) -> dict | None:
    rows = [r for r in posture(items, day) if r["site"] == site]
    return rows[0] if rows else None


def test_posture_correct_at_every_date(hands):
    assert _at(hands, date(2020, 1, 20), "Saraqib") is None  # nothing known before
    jan = _at(hands, date(2020, 2, 1), "Saraqib")
    assert jan["holder"] == SYRIA and jan["since"] == "2020-01-28"
    assert set(jan["sources"]) == {"SOHR", "SANA"} and jan["status"] == "held"
    feb = _at(hands, date(2020, 2, 28), "Saraqib")
    assert feb["holder"] == NFL and feb["patrons"] == ["Turkey"] and feb["since"] == "2020-02-27"
    assert set(feb["sources"]) == {"Anadolu Agency", "SOHR"}
    assert [(p["holder"], p["from"], p["to"]) for p in feb["previous"]] == \
        [(SYRIA, "2020-01-28", "2020-02-27")]  # the handover closed the army's interval
    mar = _at(hands, date(2020, 3, 5), "Saraqib")
    assert mar["holder"] == SYRIA and mar["since"] == "2020-03-02" and mar["patrons"] == ["Russia"]
    assert set(mar["sources"]) == {"SOHR", "Reuters"}
    assert [(p["holder"], p["to"]) for p in mar["previous"]] == \
        [(SYRIA, "2020-02-27"), (NFL, "2020-03-02")]
    # the day of a change belongs to the new holder
    assert _at(hands, date(2020, 2, 27), "Saraqib")["holder"] == NFL


def test_contradicting_reports_make_a_site_contested(hands):
    row = _at(hands, date(2020, 2, 26), "Kafranbel")
    assert row["status"] == "contested"
    assert {row["holder"]} | {c["holder"] for c in row["claims"]} == \
        {SYRIA, "HTS: Hayat Tahrir al Sham"}
    assert _at(hands, date(2020, 2, 26), "Saraqib")["status"] == "held"


def test_actor_and_near_filters(hands):
    assert {r["site"] for r in posture(hands, date(2020, 3, 5), actor="front for")} == set()
    assert {r["site"] for r in posture(hands, date(2020, 2, 28), actor="front for")} == {"Saraqib"}
    assert {r["site"] for r in posture(hands, date(2020, 3, 5), actor="russia")} == {"Saraqib"}
    near = posture(hands, date(2020, 3, 5), near=(35.86, 36.80, 5))
    assert [r["site"] for r in near] == ["Saraqib"]


def test_timeline_command(hands_db):
    rows = jsonl(invoke("timeline", "Saraqib", "--db", hands_db, "--format", "jsonl"))
    assert [(r["holder"], r["valid_from"], r["valid_to"]) for r in rows] == [
        (SYRIA, "2020-01-28", "2020-02-27"), (NFL, "2020-02-27", "2020-03-02"),
        (SYRIA, "2020-03-02", None)]
    assert all(r["assertions"] and r["assertions"][0]["evidence"] for r in rows)
    table = invoke("timeline", "Saraqib", "--db", hands_db)
    assert table.splitlines()[0].split()[:4] == ["site", "from", "to", "holder"]
    assert len(table.splitlines()) == 4


def test_posture_command_at_before_and_after_a_change(hands_db):
    before = jsonl(invoke("posture", "--db", hands_db, "--at", "2020-02-20", "--format", "jsonl"))
    after = jsonl(invoke("posture", "--db", hands_db, "--at", "2020-02-28", "--format", "jsonl"))
    by = lambda rows: {r["site"]: r["holder"] for r in rows}
    assert by(before)["Saraqib"] == SYRIA and by(after)["Saraqib"] == NFL
    geo = json.loads(invoke("posture", "--db", hands_db, "--at", "2020-02-28",
                            "--format", "geojson"))
    assert geo["type"] == "FeatureCollection"
    assert {f["properties"]["site"] for f in geo["features"]} == {"Saraqib", "Kafranbel"}


def test_store_roundtrip_is_recomputable(hands_db, hands, gazetteer):
    from outposts.places import Gazetteer

    with open_store(hands_db) as store, Gazetteer.open(gazetteer) as gaz:
        again = assertions(store)
    assert again == hands
    assert timelines(again).keys() == timelines(hands).keys()


# -- the seed report --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seed_path):
    db = tmp_path_factory.mktemp("posture") / "seed.db"
    invoke("ingest", seed_path, "--db", db, "--published", "2020-12-18")
    return db


def test_seed_posture_near_abu_kamal(seed_db):
    rows = jsonl(invoke("posture", "--db", seed_db, "--at", "2020-12-20", "--near", "Abu Kamal",
                        "--km", "30", "--format", "jsonl"))
    by_kind = {r["kind"]: r for r in rows}
    posts = by_kind["posts"]
    assert "border posts" in posts["site"]
    assert posts["holder"] == "Military Forces of Syria (2000-) 5th Assault Corps"
    assert posts["patrons"] == ["Russia"]
    assert posts["since"] == "2020-12-17" and posts["status"] == "held"
    assert posts["sources"] == ["SOHR"]
    prev = posts["previous"]
    assert [p["holder"] for p in prev] == ["Militia (Pro-Iran)"]
    assert prev[0]["patrons"] == ["Iran"] and prev[0]["to"] == "2020-12-17"
    assert "Kataib Hezbollah" in prev[0]["associated"]
    hq = by_kind["headquarters"]
    assert hq["holder"] == "Military Forces of Russia (2000-) Military Police"
    assert hq["since"] == "2020-12-10" and hq["sources"] == ["SOHR"]
    for r in rows:
        assert abs(r["latitude"] - 34.45) < 0.1 and abs(r["longitude"] - 40.92) < 0.1
    # before the handover the militias hold the posts, and no HQ yet
    early = jsonl(invoke("posture", "--db", seed_db, "--at", "2020-12-05", "--near", "Abu Kamal",
                         "--km", "30", "--format", "jsonl"))
    assert [(r["kind"], r["holder"]) for r in early] == [("posts", "Militia (Pro-Iran)")]


def test_seed_comment_disputes_are_listed(seed_db):
    rows = jsonl(invoke("posture", "--db", seed_db, "--at", "2020-12-20", "--format", "jsonl"))
    russia = [r for r in rows if r["holder"] == "Military Forces of Russia (2000-)"]
    assert russia, rows
    disputes = russia[0]["disputed_by"]
    assert [d["comment"] for d in disputes] == [37]
    assert disputes[0]["figure"] == "almost three years"
    assert "three years" in disputes[0]["disputes"]["evidence"][0]
    table = invoke("posture", "--db", seed_db, "--at", "2020-12-20")
    assert "comment #37" in table


def test_seed_timeline_by_spelling_variant(seed_db):
    table = invoke("timeline", "al-Bukamal", "--db", seed_db)
    assert "5th Assault Corps" in table and "Militia (Pro-Iran)" in table
    assert "headquarters" in table


def test_posture_json_is_posture_from_encoded_with_long_histories(tmp_path):
    """The API's body (rows joined from pieces encoded once per interval, eagerly by
    prepare()) is exactly posture_from's rows as JSON, at every date, contested or not,
    and the Catalog's timelines kept site by site across ingests are those of all the
    stored assertions."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import extractions

    from outposts.posture import posture_from, posture_json, prepare
    from outposts.web.service import Catalog

    batch = list(extractions(3000, per_report=1, control_every=1))
    db = str(tmp_path / "controls.db")
    catalog = Catalog(db)
    with open_store(db) as store:
        for i in range(0, len(batch), 400):
            store.add_many(batch[i:i + 400])
            catalog.posture_json(date(2016, 1, 1))  # kept up to date as reports arrive
        lines = timelines(assertions(store))
    assert sum(len(v) > 5 for v in lines.values()) > 100
    assert any(iv.claims for v in lines.values() for iv in v)
    prepare({k: v for i, (k, v) in enumerate(lines.items()) if i % 2})  # half warmed
    for at in (date(2013, 1, 1), date(2015, 6, 15), date(2018, 2, 1), date(2022, 12, 31)):
        want = json.dumps({"at": at.isoformat(), "sites": posture_from(lines, at)},
                          ensure_ascii=False, separators=(",", ":"))
        assert posture_json(lines, at) == want
        assert posture_json(lines, at, near=(35.3, 40.1, 80.0)) == json.dumps(
            {"at": at.isoformat(), "sites": posture_from(lines, at, near=(35.3, 40.1, 80.0))},
            ensure_ascii=False, separators=(",", ":"))
        assert catalog.posture_json(at) == want
    catalog.close()


def test_posture_at_every_boundary_is_the_intervals_that_cover_it():
    """A site's answer is looked up by span (bisection over its timeline's dates): on,
    before and after every date an interval starts, ends or is contested from, the
    holder, status and previous holders are those read off the intervals themselves."""
    import sys
    from datetime import timedelta
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import extractions

    from outposts.posture import posture_from

    items = [c for ex in extractions(3000, per_report=1, control_every=1) for c in ex.controls]
    lines = timelines(items)
    days = sorted({d for v in lines.values() for iv in v
                   for d in (iv.valid_from, iv.valid_to, iv.contested_from) if d})
    for day in days[::7] + [date(1, 1, 1), date(9999, 12, 31)]:
        for at in {day - timedelta(days=1) if day.year > 1 else day, day,
                   day + timedelta(days=1) if day.year < 9999 else day}:
            want = {}
            for intervals in lines.values():
                held = [iv for iv in intervals if iv.covers(at)]
                if held:
                    iv = held[-1]
                    want[iv.site.id] = (iv.holder, bool(iv.claims and iv.contested_from
                                                         and iv.contested_from <= at),
                                        [p.holder for p in intervals if p is not iv and
                                         p.valid_to is not None and p.valid_to <= at])
            got = {r["site_id"]: (r["holder"], r["status"] == "contested",
                                  [p["holder"] for p in r["previous"]])
                   for r in posture_from(lines, at)}
            assert got == want, at
