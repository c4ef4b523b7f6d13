"""The stores: schema, idempotent atomic adds, filters.

Tests taking the ``store`` fixture run on every backend: SQLite, PostgreSQL
and PostgreSQL with PostGIS (a throwaway server, see conftest.py; they skip
with one line when none can be started).
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from outposts.errors import StoreError
from outposts.records import Comment, Event, Extraction, Place, PlaceMention, Report
from outposts.geo import haversine_km
from outposts.store import default_location, open_store
from outposts.store.base import Store
from outposts.store.schema import SCHEMA_VERSION
from outposts.store.sqlite import SQLiteStore


def make_event(n: int, **kw) -> Event:
    base = dict(
        event_id_cnty=f"SYR{n}", event_date=date(2021, 3, n), time_precision=1,
        event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Syria (2000-2024)", report_id="rep-1",
        evidence=f"Evidence {n}.", evidence_start=0, evidence_end=12, confidence=0.8,
        country="Syria", location="Tafas", latitude=32.74, longitude=35.97,
    )
    base.update(kw)
    return Event(**base)


def make_extraction(rid="rep-1", events=None) -> Extraction:
    report = Report(id=rid, text="Title\n\nBody text.", title="Title", url="https://x.org/a",
                    published=date(2021, 3, 5), outlet="Example",
                    comments=(Comment(0, "first"), Comment(1, "reply", author="bob", parent=0)),
                    origin="a.txt")
    if events is None:
        events = (make_event(1, report_id=rid),)
    place = Place(geonameid=170017, name="Tafas", country_code="SY", latitude=32.74,
                  longitude=35.97)
    return Extraction(report=report, events=tuple(events),
                      places=(PlaceMention("Tafas", 7, 12, place, 1), PlaceMention(
                          "nowhere", 0, 7, None, comment=0)))


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def test_open_creates_schema_with_wal(tmp_path):
    path = tmp_path / "deep" / "dir" / "o.db"
    with open_store(f"sqlite:///{path}") as s:
        assert isinstance(s, SQLiteStore) and s.journal_mode() == "wal"
        assert s.stats() == {"reports": 0, "comments": 0, "events": 0, "places": 0}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"events_date", "events_sub_type_nocase", "events_incident", "incidents_date"} <= indexes
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"events_rtree", "incidents_near_rtree"} <= tables  # R*Trees for --near and merging
    conn.close()
    with open_store(path) as s:  # reopening migrates nothing and keeps working
        assert s.stats()["reports"] == 0


def test_add_is_idempotent_and_round_trips(store):
    ex = make_extraction()
    assert store.add(ex) is True
    assert store.add(ex) is False
    assert store.stats() == {"reports": 1, "comments": 2, "events": 1, "places": 2}
    assert store.report("rep-1") == ex.report
    assert store.report("missing") is None
    (event,) = store.events()
    assert event == ex.events[0]


def test_event_fields_round_trip(store):
    e = make_event(2, patrons1=("Russia", "Iran"), comment_index=3, source_kind="comment",
                   fatalities_max=4, geonameid=170017, iso=760, latitude=None, longitude=None,
                   assoc_actor_1="Hezbollah; Liwa Fatemiyoun", tags="crowd size=dozens")
    store.add(make_extraction(events=[e]))
    (got,) = store.events()
    assert got == e and got.patrons1 == ("Russia", "Iran")


def test_failure_mid_add_leaves_nothing(store, monkeypatch):
    def boom(self, report):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(type(store), "_insert_comments", boom)
    with pytest.raises(RuntimeError):
        store.add(make_extraction())
    assert store.stats() == {"reports": 0, "comments": 0, "events": 0, "places": 0}
    monkeypatch.undo()
    assert store.add(make_extraction()) is True  # the store is still usable


def test_sqlite_error_mid_add_is_store_error(store):
    # An event pointing at another report violates the foreign key.
    bad = make_extraction(events=[make_event(1), make_event(2, report_id="elsewhere")])
    with pytest.raises(StoreError, match="cannot store report rep-1"):
        store.add(bad)
    assert store.stats() == {"reports": 0, "comments": 0, "events": 0, "places": 0}


def _filled(store):
    evs = [
        make_event(1, sub_event_type="Armed clash", actor1="Military Forces of Syria (2000-2024)",
                   actor2="Unidentified Armed Group (Syria)"),
        make_event(5, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                   actor1="Military Forces of Türkiye (2016-)", location="Sarmada",
                   latitude=36.19, longitude=36.72),
        make_event(9, event_type="Protests", sub_event_type="Peaceful protest",
                   actor1="Protesters (Syria)", assoc_actor_1="Druze Group (Syria)",
                   location="Suwayda", latitude=32.71, longitude=36.57),
        make_event(12, location="", latitude=None, longitude=None),
    ]
    for n, e in enumerate(evs):
        store.add(make_extraction(rid=f"rep-{n}", events=[
            Event(**{**{f: getattr(e, f) for f in e.__dataclass_fields__}, "report_id": f"rep-{n}"})
        ]))
    return evs


def test_filters(store):
    _filled(store)

    def ids(**kw):
        return [e.event_id_cnty for e in store.events(**kw)]

    assert ids() == ["SYR1", "SYR5", "SYR9", "SYR12"]
    assert ids(since=date(2021, 3, 5)) == ["SYR5", "SYR9", "SYR12"]
    assert ids(since="2021-03-02", until="2021-03-09") == ["SYR5", "SYR9"]
    assert ids(type="air/DRONE strike") == ["SYR5"]
    assert ids(type="battles") == ["SYR1", "SYR12"]
    assert ids(actor="türkiye") == ["SYR5"]
    assert ids(actor="druze") == ["SYR9"]  # associated actors count
    assert ids(actor="unidentified") == ["SYR1"]
    assert ids(actor="100%_") == []
    # Tafas to Suwayda is about 57 km; Sarmada is ~400 km north.
    assert ids(near=(32.74, 35.97, 10)) == ["SYR1"]
    assert ids(near=(32.74, 35.97, 80)) == ["SYR1", "SYR9"]
    assert ids(near=(32.74, 35.97, 80), limit=1) == ["SYR1"]
    assert ids(limit=2) == ["SYR1", "SYR5"]
    assert ids(type="Battles", since="2021-03-10") == ["SYR12"]


def test_haversine():
    assert haversine_km(32.74, 35.97, 32.71, 36.57) == pytest.approx(56.2, abs=1.0)
    assert haversine_km(0, 179.9, 0, -179.9) == pytest.approx(22.2, abs=0.5)


def test_urls_and_defaults(tmp_path, monkeypatch):
    with pytest.raises(StoreError, match="cannot open the store") as err:
        open_store("postgresql://user:s3cret@127.0.0.1:1/db?connect_timeout=5")
    assert "s3cret" not in str(err.value)
    with pytest.raises(StoreError, match="scheme"):
        open_store("mysql://x")
    with open_store("sqlite://") as s:
        assert s.stats()["events"] == 0
    monkeypatch.setenv("OUTPOSTS_DB", str(tmp_path / "env.db"))
    assert default_location() == tmp_path / "env.db"
    with open_store(None) as s:
        assert s.path == str(tmp_path / "env.db")
    monkeypatch.delenv("OUTPOSTS_DB")
    assert default_location().name == "outposts.db"


def test_not_a_database(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(p)


def test_newer_schema_refused(tmp_path):
    p = tmp_path / "future.db"
    conn = sqlite3.connect(p)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(p)


def test_two_connections_see_each_other(tmp_path):
    p = tmp_path / "shared.db"
    with open_store(p) as a, open_store(p) as b:
        assert a.add(make_extraction()) is True
        assert b.add(make_extraction()) is False
        assert b.stats()["events"] == 1


def test_events_table_matches_the_event_record_fresh_and_migrated(tmp_path):
    """Every Event column is in the events table, both in a new store and in one
    created at schema version 1 and migrated: a field added to the record needs
    a migration, not an edit of migration 1."""
    from outposts.store.schema import EVENT_COLUMNS, MIGRATIONS

    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    with open_store(fresh):
        pass
    conn = sqlite3.connect(old, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with open_store(old) as s:
        ex = make_extraction()
        assert s.add(ex) is True
        assert list(s.events()) == list(ex.events)
    for path in (fresh, old):
        conn = sqlite3.connect(path)
        cols = {r[1] for r in conn.execute("PRAGMA table_info(events)")}
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        conn.close()
        # the incident links (migration 5) are the store's, not the record's
        assert cols == {"event_id", *EVENT_COLUMNS, "incident_id", "cluster", "place_keys"}


class _BusyConn:
    """Answers "database is locked" to the first ``busy`` statements."""

    def __init__(self, busy: int, error: str = "database is locked"):
        self.busy, self.error, self.calls = busy, error, 0

    def execute(self, sql):
        self.calls += 1
        if self.calls <= self.busy:
            raise sqlite3.OperationalError(self.error)
        return self

    def fetchone(self):
        return ("wal",)


def test_switch_to_wal_retries_while_busy():
    """SQLite answers SQLITE_BUSY at once (no busy handler) when two processes
    switch a new database to WAL together; opening retries instead of failing
    with "database is locked"."""
    from outposts.store.sqlite import _enable_wal

    conn = _BusyConn(busy=3)
    assert _enable_wal(conn) == "wal" and conn.calls == 4
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _enable_wal(_BusyConn(busy=10**6), timeout=0.05)  # gives up at the timeout
    conn = _BusyConn(busy=1, error="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk"):
        _enable_wal(conn)  # other errors are not retried
    assert conn.calls == 1


# -- both backends: many writers; PostgreSQL: schema and migrations ---------------------------

def test_concurrent_writers_store_each_report_once(store_url):
    """Eight writers, each with its own connection, add overlapping reports at
    once: every report is stored exactly once, whole."""
    import threading

    rids = [f"rep-{i}" for i in range(24)]
    results: list[bool] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    with open_store(store_url):
        pass  # created and migrated before the race on rows

    def writer(k: int) -> None:
        try:
            with open_store(store_url) as s:
                for rid in rids[k % 3 * 4:] + rids[: k % 3 * 4]:
                    added = s.add(make_extraction(rid, events=[make_event(1 + k % 9,
                                                                          report_id=rid)]))
                    with lock:
                        results.append(added)
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert results.count(True) == len(rids) and len(results) == 8 * len(rids)
    with open_store(store_url) as s:
        assert s.stats() == {"reports": 24, "comments": 48, "events": 24, "places": 48}
        assert sorted(s.report_ids()) == sorted(rids)


def test_report_ids_and_place_mentions_keep_the_order_stored(store):
    for rid in ("b", "a", "c"):
        store.add(make_extraction(rid, events=[make_event(1, report_id=rid)]))
    assert list(store.report_ids()) == ["b", "a", "c"]
    assert [m.text for m in store.place_mentions("a")] == ["Tafas", "nowhere"]
    assert store.place_mentions("a")[0].place.latitude == 32.74


def _pg(url):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_postgres_schema_matches_sqlite(pg_url, tmp_path):
    """Same tables and columns, in the same order (PostgreSQL's explicit rowid
    aside), types mapped (REAL to double precision: 32.74 stays 32.74)."""
    with open_store(pg_url), open_store(tmp_path / "s.db"):
        pass
    lite = sqlite3.connect(tmp_path / "s.db")
    tables = [r[0] for r in lite.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE '%_rtree%'")]  # SQLite's R*Trees: GiST/B-tree indexes there
    with _pg(pg_url) as pg:
        pg_tables = {r[0] for r in pg.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            " AND table_type = 'BASE TABLE'")}
        assert set(tables) | {"schema_version"} <= pg_tables
        assert pg.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        kinds = {"INTEGER": "bigint", "REAL": "double precision", "TEXT": "text"}
        for table in tables:
            want = [(r[1], kinds[r[2]]) for r in lite.execute(f"PRAGMA table_info({table})")]
            got = [tuple(r) for r in pg.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_schema = 'public' AND table_name = %s AND column_name <> 'rowid'"
                " ORDER BY ordinal_position", (table,))]
            assert got == want, table
    lite.close()


def test_postgres_migrates_from_v1_and_refuses_newer(pg_databases):
    from outposts.store.schema import EVENT_COLUMNS, statements

    url = pg_databases.new()
    with _pg(url) as pg:
        for statement in statements(1, "postgresql"):
            pg.execute(statement)
        pg.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        pg.execute("INSERT INTO schema_version VALUES (1)")
    with open_store(url) as s:
        ex = make_extraction()
        assert s.add(ex) is True and list(s.events()) == list(ex.events)
    with _pg(url) as pg:
        cols = {r[0] for r in pg.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")}
        # the incident links (migration 5) are the store's, not the record's
        assert cols == {"event_id", *EVENT_COLUMNS, "incident_id", "cluster", "place_keys"}
        pg.execute("UPDATE schema_version SET version = 999")
    with pytest.raises(StoreError, match="newer"):
        open_store(url)
    pg_databases.drop(url)


def test_postgres_many_openers_migrate_a_new_database_once(pg_url):
    import threading

    errors: list[BaseException] = []

    def opener():
        try:
            with open_store(pg_url) as s:
                s.stats()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    with _pg(pg_url) as pg:
        assert pg.execute("SELECT count(*), max(version) FROM schema_version").fetchone() == (
            1, SCHEMA_VERSION)


@pytest.mark.parametrize("postgis", [False, True], ids=["plain", "postgis"])
def test_postgis_is_used_when_installed(pg_databases, postgis):
    url = pg_databases.new(postgis=postgis)
    with open_store(url) as s:
        _filled(s)
        assert s.postgis == postgis
        indexes = {r["indexname"] for r in s._conn.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'events'")}
        assert ("events_geog" in indexes) == s.postgis
        # Across the antimeridian and at a pole's edge, too.
        assert [e.event_id_cnty for e in s.events(near=(32.71, 36.57, 1))] == ["SYR9"]
        assert list(s.events(near=(89.99, 0.0, 50))) == []
    pg_databases.drop(url)


def test_postgres_bad_sql_input_is_data(store):
    """Filters are parameters: quotes and wildcards are matched as text."""
    _filled(store)
    assert list(store.events(actor="'; DROP TABLE events; --")) == []
    assert list(store.events(type="x' OR '1'='1")) == []
    assert store.stats()["events"] == 4


def test_event_and_report_events_lookups(store):
    if not hasattr(store, "report_events"):
        pytest.skip("no look-ups in this Store interface")
    evs = _filled(store)
    assert store.event("SYR5").location == "Sarmada"
    assert store.event("nope") is None
    assert [e.event_id_cnty for e in store.report_events("rep-2")] == [evs[2].event_id_cnty]
    assert store.report_events("missing") == []


def test_incident_rows_are_the_merged_events_rows(store):
    """The API's rows, made straight from the stored rows, are MergedEvent.as_row()."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import extractions

    store.add_many(list(extractions(400, per_report=5)))
    merged, key = store.incident_page(limit=150)
    rows, key2 = store.incident_page(limit=150, rows=True)
    assert key == key2 and any(m.source_count > 1 for m in merged)
    assert rows == [m.as_row() for m in merged]


def test_a_store_of_schema_4_gets_its_incidents_on_open(tmp_path):
    """Events stored before incidents were kept are linked when the store is
    migrated: the same incidents as merging them (with their place mentions)."""
    import sys
    from pathlib import Path

    from outposts.merge import merge_events
    from outposts.store.rows import (PLACE_COLUMNS, REPORT_COLUMNS, event_row, insert_sql,
                                     place_rows, report_row)
    from outposts.store.schema import EVENT_COLUMNS, statements
    from outposts.store.incidents import place_keys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import extractions

    batch = list(extractions(300, per_report=5, control_every=0))
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for number in range(1, 5):
        for statement in statements(number, "sqlite"):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    for ex in batch:
        conn.execute(insert_sql("reports", REPORT_COLUMNS, "?"), report_row(ex.report, "now"))
        conn.executemany(insert_sql("events", EVENT_COLUMNS, "?"),
                         [event_row(e) for e in ex.events])
        conn.executemany(insert_sql("place_mentions", PLACE_COLUMNS, "?"), place_rows(ex))
    conn.close()
    keys = {(e.report_id, e.event_id_cnty): k for ex in batch
            for e, k in zip(ex.events, place_keys(ex))}
    want = merge_events([e for ex in batch for e in ex.events],
                        places=lambda e: keys[(e.report_id, e.event_id_cnty)])
    with open_store(path) as store:
        got, _ = store.incident_page(limit=10_000)
        assert store.stats()["events"] == 300 and store.incident_count() == len(want)
        assert list(store.incidents(near=(35.019, 40.452, 30.0)))  # the R*Tree was filled
    assert any(m.source_count > 1 for m in want)
    assert sorted((m.event.event_date, m.as_row()["members"].__repr__()) for m in got) == \
        sorted((m.event.event_date, m.as_row()["members"].__repr__()) for m in want)


def test_incident_counts_kept_per_day_match_the_incidents(store):
    """incident_count of dates, type and source kind (summed from incident_days, kept at
    ingest as incidents are put and dropped) equals the incidents a page walk finds."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import extractions

    batch = list(extractions(1500, per_report=5, control_every=0))
    for i in range(0, len(batch), 37):  # batches cut across retold incidents
        store.add_many(batch[i:i + 37])

    sets = [dict(), dict(since="2016-01-01"), dict(until="2014-06-30"),
            dict(type="Air/drone strike", since="2015-01-01", until="2015-12-31"),
            dict(type="explosions/remote violence", since="2018-03-01"),
            dict(type="Armed clash", source_kind="article"), dict(source_kind="comment"),
            dict(type="no such type")]
    counts = [store.incident_count(**f) for f in sets]
    assert counts == [Store.incident_count(store, **f) for f in sets]  # the base class walks the pages
    assert counts[3] > 0 and counts[0] > counts[1] > 0


def test_near_pages_read_a_page_at_a_time_and_miss_nothing(store):
    """A page of incidents or events near a place is read limit + 1 rows at a time (the
    SQL's distance net, then the haversine check); walking the pages gives exactly the
    incidents within the radius, oldest first."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import extractions

    batch = list(extractions(3000, per_report=10, control_every=0))
    for i in range(0, len(batch), 100):
        store.add_many(batch[i:i + 100])
    near = (35.019, 40.452, 40.0)
    everything, _ = store.incident_page(limit=100_000)
    want = [(m.event.event_date, m.event.event_id_cnty) for m in everything
            if m.event.latitude is not None
            and haversine_km(near[0], near[1], m.event.latitude, m.event.longitude) <= near[2]]
    assert len(want) > 20
    got, after = [], None
    while True:
        page, after = store.incident_page(near=near, after=after, limit=7)
        got += [(m.event.event_date, m.event.event_id_cnty) for m in page]
        if after is None:
            break
        assert len(page) == 7
    assert got == want
    assert store.incident_count(near=near) == len(want)
    events, after = store.event_page(near=near, limit=5)
    assert len(events) == 5 and after is not None
