"""The PostgreSQL implementation of :class:`~outposts.store.Store`.

Same tables, columns and behaviour as the SQLite store (the schema is the
same migration list, see :mod:`.schema`), for teams and for many writers at
once: each report is added in one transaction whose first statement is
``INSERT INTO reports ... ON CONFLICT (id) DO NOTHING``, so two workers adding
the same report store it once (the second waits on the first's key, then
adds nothing). Migrations run under a transaction-scoped advisory lock, so
workers opening a new database together migrate it once.

Distance queries (``events(near=...)``) go through PostGIS when the extension
is installed in the database (``CREATE EXTENSION postgis``; a GiST index on
the events' points is then made on open), else through a latitude/longitude
box and the haversine formula in plain SQL. Either way the last word is the
same haversine check the SQLite store makes, so both answer alike.

Case-insensitive filters use PostgreSQL's ``lower()``, which folds by the
database's character type (a UTF-8 locale folds all of Unicode; SQLite's store
uses Python's ``str.casefold``: they differ on a few letters such as ß).

All SQL is parameterised; column names come from the schema, never input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from ..errors import StoreError
from ..records import Comment, Event, Extraction, Place, PlaceMention, Report, TriagedComment
from . import Store, haversine_km, near_box
from .schema import EVENT_COLUMNS, SCHEMA_VERSION, statements
from .sqlite import _event_from_row, _event_row, _iso

# pg_advisory_xact_lock key of schema changes ("outposts" in ASCII).
_LOCK_KEY = 0x6F7574706F737473
_EARTH_KM = 6371.0088


def redact(url: str) -> str:
    """The URL without its password (for messages)."""
    return re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", url)


def _connect_url(url: str) -> str:
    # SQLAlchemy-style driver suffixes (postgresql+psycopg://) mean the same server.
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


def migrate_postgres(conn) -> int:
    """Bring the database to :data:`SCHEMA_VERSION` (``conn`` in autocommit)."""
    for number in range(1, SCHEMA_VERSION + 1):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
            if row is None:
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
                version = 0
            else:
                version = row["version"]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the database has schema version {version}, newer than this outposts "
                    f"knows ({SCHEMA_VERSION}); upgrade outposts")
            if version >= number:
                continue
            for statement in statements(number, "postgresql"):
                conn.execute(statement)
            conn.execute("UPDATE schema_version SET version = %s", (number,))
    return SCHEMA_VERSION


class _AlreadyStored(Exception):
    pass


class PostgresStore(Store):
    """A store in a PostgreSQL database, given by a ``postgresql://`` URL."""

    def __init__(self, url: str):
        self.url = url
        self.path = redact(url)  # what messages and `outposts info` show
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise StoreError("PostgreSQL stores need psycopg 3: pip install 'outposts[postgres]'"
                             ) from None
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(_connect_url(url), autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {_first_line(exc)}") from None
        try:
            migrate_postgres(self._conn)
            self.postgis = self._conn.execute(
                "SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is not None
            if self.postgis:
                with self._conn.transaction():
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                    self._conn.execute(
                        "CREATE INDEX IF NOT EXISTS events_geog ON events USING gist"
                        " ((ST_MakePoint(longitude, latitude)::geography))")
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot open the store {self.path}: {_first_line(exc)}") from None
        except BaseException:
            self._conn.close()
            raise

    # -- writing -----------------------------------------------------------

    def add(self, extraction: Extraction) -> bool:
        """See :meth:`Store.add`: one transaction; any failure rolls it back
        entirely and is raised (database errors as StoreError)."""
        report = extraction.report
        try:
            with self._conn.transaction():
                if not self._insert_report(report):
                    raise _AlreadyStored
                self._insert_comments(report)
                self._insert_events(extraction.events)
                self._insert_places(extraction)
                self._insert_triage(extraction)
            return True
        except _AlreadyStored:
            return False
        except self._psycopg.Error as exc:
            raise StoreError(f"cannot store report {report.id}: {_first_line(exc)}") from None

    def _insert_report(self, r: Report) -> bool:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        row = self._conn.execute(
            "INSERT INTO reports (id, url, title, published, outlet, text, origin, ingested_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING RETURNING id",
            (r.id, r.url, r.title, _iso(r.published), r.outlet, r.text, r.origin, now),
        ).fetchone()
        return row is not None

    def _many(self, sql: str, rows: list) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(sql, rows)

    def _insert_comments(self, r: Report) -> None:
        self._many(
            "INSERT INTO comments (report_id, idx, parent, author, text)"
            " VALUES (%s, %s, %s, %s, %s)",
            [(r.id, c.index, c.parent, c.author, c.text) for c in r.comments])

    def _insert_events(self, events: tuple[Event, ...]) -> None:
        cols = ", ".join(EVENT_COLUMNS)
        marks = ", ".join(["%s"] * len(EVENT_COLUMNS))
        self._many(f"INSERT INTO events ({cols}) VALUES ({marks})", [_event_row(e) for e in events])

    def _insert_places(self, extraction: Extraction) -> None:
        rid = extraction.report.id
        rows = []
        for m in extraction.places:
            p = m.place
            rows.append((rid, m.comment, m.start, m.end, m.text,
                         p.geonameid if p else None, p.name if p else None,
                         p.latitude if p else None, p.longitude if p else None,
                         m.geo_precision))
        self._many(
            'INSERT INTO place_mentions (report_id, comment, "start", "end", text, geonameid,'
            " name, lat, lon, geo_precision) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows)

    def _insert_triage(self, extraction: Extraction) -> None:
        import json

        rid = extraction.report.id
        stored = {c.index for c in extraction.report.comments}
        self._many(
            "INSERT INTO comment_triage (report_id, idx, labels, abusive, toxicity, stance,"
            " target, target_start, target_end, figure)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [(rid, t.index, json.dumps(list(t.labels)), int(t.abusive), t.toxicity, t.stance,
              t.target, t.target_start, t.target_end, t.figure)
             for t in extraction.comments if t.index in stored])

    # -- reading -----------------------------------------------------------

    def _query(self, sql: str, args=(), what: str = "read the store"):
        try:
            return self._conn.execute(sql, args)
        except self._psycopg.Error as exc:
            raise StoreError(f"cannot {what}: {_first_line(exc)}") from None

    def triaged_comments(self, report_id: str | None = None, *,
                         show_abusive: bool = False) -> Iterator[TriagedComment]:
        """See :meth:`Store.triaged_comments`."""
        import json

        sql = ("SELECT c.report_id, c.idx, c.parent, c.author, c.text, t.labels, t.toxicity,"
               " t.stance, t.target, t.target_start, t.target_end, t.figure, t.abusive"
               " FROM comments c JOIN comment_triage t ON t.report_id = c.report_id"
               " AND t.idx = c.idx")
        args: list[Any] = []
        where = []
        if report_id is not None:
            where.append("c.report_id = %s")
            args.append(report_id)
        if not show_abusive:
            where.append("t.abusive = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        for r in self._query(sql + " ORDER BY c.report_id, c.idx", args, "read comments"):
            yield TriagedComment(r["report_id"], r["idx"], r["text"], tuple(json.loads(r["labels"])),
                                 r["toxicity"], r["stance"], r["target"], r["target_start"],
                                 r["target_end"], r["figure"], r["author"], r["parent"])

    def events(self, *, since=None, until=None, type=None, actor=None, near=None,
               limit=None) -> Iterator[Event]:
        """See :meth:`Store.events`."""
        where: list[str] = []
        args: list[Any] = []
        if since is not None:
            where.append("event_date >= %s")
            args.append(_iso(since))
        if until is not None:
            where.append("event_date <= %s")
            args.append(_iso(until))
        if type:
            where.append("(lower(event_type) = %s OR lower(sub_event_type) = %s)")
            args += [type.strip().casefold()] * 2
        if actor:
            where.append("(" + " OR ".join(
                f"strpos(lower({c}), %s) > 0"
                for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")) + ")")
            args += [actor.strip().casefold()] * 4
        if near is not None:
            lat, lon, km = (float(x) for x in near)
            # A slightly wider net than the radius; the haversine check below decides.
            reach = km * 1.001 + 0.01
            if self.postgis:
                where.append("ST_DWithin(ST_MakePoint(longitude, latitude)::geography,"
                             " ST_MakePoint(%s, %s)::geography, %s, false)")
                args += [lon, lat, reach * 1000.0]
            else:
                lat_lo, lat_hi, lon_lo, lon_hi = near_box(lat, lon, km)
                where.append("latitude BETWEEN %s AND %s")
                args += [lat_lo, lat_hi]
                if lon_lo is not None:
                    where.append("longitude BETWEEN %s AND %s")
                    args += [lon_lo, lon_hi]
                where.append(
                    f"2 * {_EARTH_KM} * asin(least(1.0, sqrt("
                    "power(sin(radians(latitude - %s) / 2), 2) + cos(radians(%s))"
                    " * cos(radians(latitude)) * power(sin(radians(longitude - %s) / 2), 2))))"
                    " <= %s")
                args += [lat, lat, lon, reach]
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date, event_id"
        if limit is not None and near is None:
            sql += " LIMIT %s"
            args.append(int(limit))
        cursor = self._query(sql, args, "read events")
        count = 0
        for row in cursor:
            if limit is not None and count >= limit:
                break
            if near is not None and haversine_km(lat, lon, row["latitude"],
                                                 row["longitude"]) > km:
                continue
            count += 1
            yield _event_from_row(row)

    def event(self, event_id_cnty: str) -> Event | None:
        """See :meth:`Store.event` (index ``events_event_id_cnty``)."""
        row = self._query("SELECT * FROM events WHERE event_id_cnty = %s ORDER BY event_id"
                          " LIMIT 1", (event_id_cnty,), "read events").fetchone()
        return None if row is None else _event_from_row(row)

    def report_events(self, report_id: str) -> list[Event]:
        """See :meth:`Store.report_events` (index ``events_report``)."""
        return [_event_from_row(r) for r in self._query(
            "SELECT * FROM events WHERE report_id = %s ORDER BY event_id", (report_id,),
            "read events")]

    def report(self, report_id: str) -> Report | None:
        """See :meth:`Store.report`."""
        row = self._query("SELECT * FROM reports WHERE id = %s", (report_id,)).fetchone()
        if row is None:
            return None
        comments = tuple(
            Comment(index=c["idx"], text=c["text"], author=c["author"], parent=c["parent"])
            for c in self._query("SELECT * FROM comments WHERE report_id = %s ORDER BY idx",
                                 (report_id,)))
        return Report(
            id=row["id"], text=row["text"], title=row["title"], url=row["url"],
            published=date.fromisoformat(row["published"]) if row["published"] else None,
            outlet=row["outlet"], comments=comments, origin=row["origin"],
        )

    def report_ids(self) -> Iterator[str]:
        """See :meth:`Store.report_ids`."""
        for row in self._query("SELECT id FROM reports ORDER BY rowid"):
            yield row["id"]

    def place_mentions(self, report_id: str) -> list[PlaceMention]:
        """See :meth:`Store.place_mentions`."""
        out = []
        for r in self._query(
                'SELECT comment, "start", "end", text, geonameid, name, lat, lon, geo_precision'
                " FROM place_mentions WHERE report_id = %s ORDER BY rowid", (report_id,)):
            place = None
            if r["lat"] is not None and r["lon"] is not None:
                place = Place(r["geonameid"], r["name"] or r["text"], None, r["lat"], r["lon"])
            out.append(PlaceMention(r["text"], r["start"], r["end"], place,
                                    r["geo_precision"] or 1, comment=r["comment"]))
        return out

    def stats(self) -> dict[str, int]:
        """See :meth:`Store.stats`."""
        out = {}
        for key, table in (("reports", "reports"), ("comments", "comments"),
                           ("events", "events"), ("places", "place_mentions")):
            out[key] = self._query(f"SELECT count(*) AS n FROM {table}").fetchone()["n"]
        return out

    def close(self) -> None:
        """See :meth:`Store.close`."""
        self._conn.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
