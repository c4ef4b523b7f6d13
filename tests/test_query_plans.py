"""Every query the JSON API runs, EXPLAINed on both stores (issue 18): none may scan
the events or incidents table whole.

SQLite: ``EXPLAIN QUERY PLAN`` of each statement the API ran (caught with the
connection's trace callback) may not say ``SCAN events`` or ``SCAN incidents``,
except an ordered walk of the date index under a ``LIMIT`` (the keyset page: it
reads the page and stops). PostgreSQL: after ANALYZE, no ``Seq Scan`` on events or
incidents in any plan.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from synthetic import extractions  # noqa: E402
from test_web_api import _extractions, call  # noqa: E402

from outposts.store import open_store  # noqa: E402
from outposts.web import WebConfig, create_app  # noqa: E402

pytestmark = pytest.mark.usefixtures("gazetteer")

N_EVENTS = 6000
_ORDERED_WALK = re.compile(r"^SCAN (events|incidents) USING (COVERING )?INDEX "
                           r"(events_date|incidents_date|incidents_kind)\b")


def _fill(url: str) -> None:
    with open_store(url) as store:
        batch = list(extractions(N_EVENTS, per_report=10))
        for i in range(0, len(batch), 200):
            store.add_many(batch[i:i + 200])
        store.add_many(_extractions())


def _exercise(app) -> None:
    """Every read the API serves, with every filter."""
    def get(url):
        r = call(app, "GET", url)
        assert r.status_code == 200, (url, r.text)
        return r.json()

    first = get("/api/events?limit=50")
    page = get(f"/api/events?limit=50&after={first['next']}")
    assert page["events"] and page["events"][0]["id"] != first["events"][0]["id"]
    for query in ("type=Air/drone strike&since=2015-01-01&until=2015-12-31",
                  "type=Battles&since=2016-01-01&until=2016-03-31",
                  "since=2020-01-01", "until=2014-01-31", "source_kind=comment",
                  "near=Mayadin&km=10", "near=Mayadin&km=10&since=2019-01-01",
                  "actor=pro-iran", "patron=russia",
                  "unmerged=true", "unmerged=true&type=Armed clash&since=2018-01-01",
                  "unmerged=true&near=Mayadin&km=5"):
        body = get("/api/events?" + query)
        if body["next"]:
            get(f"/api/events?{query}&after={body['next']}")
    event_id = first["events"][0]["id"]
    get(f"/api/events/{event_id}")
    get("/api/events/SYR-web-b")
    get("/api/reports/web-a")
    get("/api/reports/synthetic-0000003")
    posture = get("/api/posture?at=2020-06-01")
    get("/api/posture?at=2021-03-10&near=Saraqib&km=30")
    for site in posture["sites"][:2]:
        get(f"/api/sites/{site['site_id']}/timeline")
    get("/api/meta")


def test_sqlite_api_queries_use_indexes(tmp_path, monkeypatch):
    import sqlite3

    from outposts.store import sqlite as backend

    db = tmp_path / "plans.db"
    _fill(str(db))
    statements: list[str] = []
    init = backend.SQLiteStore.__init__

    def traced(self, path):
        init(self, path)
        self._conn.set_trace_callback(statements.append)

    monkeypatch.setattr(backend.SQLiteStore, "__init__", traced)
    _exercise(create_app(WebConfig(db=str(db))))
    con = sqlite3.connect(db)
    con.create_function("fold", 1, backend._fold, deterministic=True)
    con.create_function("km", 4, backend._km, deterministic=True)
    checked = 0
    bad = []
    for sql in dict.fromkeys(s.strip() for s in statements):
        if not re.match(r"(?is)^(SELECT|WITH)\b", sql):
            continue
        if not re.search(r"\b(events|incidents)\b", sql):
            continue
        checked += 1
        plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql)]
        for line in plan:
            if re.match(r"^SCAN (events|incidents)\b", line) and not (
                    _ORDERED_WALK.match(line) and re.search(r"(?i)\bLIMIT\b", sql)):
                bad.append((sql, plan))
    con.close()
    assert checked > 20
    assert not bad, "\n\n".join(f"{sql}\n  -> {plan}" for sql, plan in bad)


def test_postgres_api_queries_use_indexes(pg_databases, monkeypatch):
    import psycopg

    from outposts.store import postgres as backend

    url = pg_databases.new(postgis=True)
    _fill(url)
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("ANALYZE")
    seen: list[tuple[str, tuple]] = []
    query = backend.PostgresStore._query

    def traced(self, sql, args=(), what="read the store"):
        seen.append((sql, tuple(args)))
        return query(self, sql, args, what)

    monkeypatch.setattr(backend.PostgresStore, "_query", traced)
    _exercise(create_app(WebConfig(db=url)))
    bad = []
    checked = 0
    with psycopg.connect(url, autocommit=True) as con:
        for sql, args in {(sql, repr(args)): (sql, args) for sql, args in seen}.values():
            if not re.search(r"\b(events|incidents)\b", sql):
                continue
            checked += 1
            plan = [r[0] for r in con.execute("EXPLAIN " + sql, args)]
            if any(re.search(r"Seq Scan on (events|incidents)\b", line) for line in plan):
                bad.append((sql, args, plan))
    assert checked > 20
    assert not bad, "\n\n".join(f"{sql} {args}\n" + "\n".join(plan) for sql, args, plan in bad)
