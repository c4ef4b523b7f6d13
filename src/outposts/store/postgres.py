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
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError
from ..records import Control, Event, Extraction, PlaceMention, Report, TriagedComment
from ..geo import haversine_km, near_box
from .base import Store
from .rows import (
    COMMENT_COLUMNS,
    CONTROL_COLUMNS,
    PLACE_COLUMNS,
    REPORT_COLUMNS,
    TRIAGE_COLUMNS,
    TRIAGED_SELECT,
    comment_rows,
    control_from_row,
    control_rows,
    event_from_row,
    event_row,
    insert_sql,
    iso,
    mention_from_row,
    place_rows,
    report_from_rows,
    report_row,
    triage_rows,
    triaged_from_row,
)
from .schema import EVENT_COLUMNS, SCHEMA_VERSION, statements

# pg_advisory_xact_lock key of schema changes ("outposts" in ASCII).
_LOCK_KEY = 0x6F7574706F737473
_EARTH_KM = 6371.0088


_MARK = "%s"


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
                self._insert_controls(extraction)
            return True
        except _AlreadyStored:
            return False
        except self._psycopg.Error as exc:
            raise StoreError(f"cannot store report {report.id}: {_first_line(exc)}") from None

    def _insert_report(self, r: Report) -> bool:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        row = self._conn.execute(
            insert_sql("reports", REPORT_COLUMNS, _MARK) + " ON CONFLICT (id) DO NOTHING RETURNING id",
            report_row(r, now),
        ).fetchone()
        return row is not None

    def _many(self, sql: str, rows: list) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(sql, rows)

    def _insert_comments(self, r: Report) -> None:
        self._many(insert_sql("comments", COMMENT_COLUMNS, _MARK), comment_rows(r))

    def _insert_events(self, events: tuple[Event, ...]) -> None:
        self._many(insert_sql("events", EVENT_COLUMNS, _MARK), [event_row(e) for e in events])

    def _insert_places(self, extraction: Extraction) -> None:
        self._many(insert_sql("place_mentions", PLACE_COLUMNS, _MARK), place_rows(extraction))

    def _insert_triage(self, extraction: Extraction) -> None:
        self._many(insert_sql("comment_triage", TRIAGE_COLUMNS, _MARK), triage_rows(extraction))

    def _insert_controls(self, extraction: Extraction) -> None:
        self._many(insert_sql("controls", CONTROL_COLUMNS, _MARK), control_rows(extraction))

    # -- reading -----------------------------------------------------------

    def _query(self, sql: str, args=(), what: str = "read the store"):
        try:
            return self._conn.execute(sql, args)
        except self._psycopg.Error as exc:
            raise StoreError(f"cannot {what}: {_first_line(exc)}") from None

    def triaged_comments(self, report_id: str | None = None, *,
                         show_abusive: bool = False) -> Iterator[TriagedComment]:
        """See :meth:`Store.triaged_comments`."""
        sql = TRIAGED_SELECT
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
            yield triaged_from_row(r)

    def events(self, *, since=None, until=None, type=None, actor=None, near=None,
               limit=None) -> Iterator[Event]:
        """See :meth:`Store.events`."""
        where: list[str] = []
        args: list[Any] = []
        if since is not None:
            where.append("event_date >= %s")
            args.append(iso(since))
        if until is not None:
            where.append("event_date <= %s")
            args.append(iso(until))
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
            yield event_from_row(row)

    def event(self, event_id_cnty: str) -> Event | None:
        """See :meth:`Store.event` (index ``events_event_id_cnty``)."""
        row = self._query("SELECT * FROM events WHERE event_id_cnty = %s ORDER BY event_id"
                          " LIMIT 1", (event_id_cnty,), "read events").fetchone()
        return None if row is None else event_from_row(row)

    def report_events(self, report_id: str) -> list[Event]:
        """See :meth:`Store.report_events` (index ``events_report``)."""
        return [event_from_row(r) for r in self._query(
            "SELECT * FROM events WHERE report_id = %s ORDER BY event_id", (report_id,),
            "read events")]

    def report(self, report_id: str) -> Report | None:
        """See :meth:`Store.report`."""
        row = self._query("SELECT * FROM reports WHERE id = %s", (report_id,)).fetchone()
        if row is None:
            return None
        return report_from_rows(row, self._query(
            "SELECT * FROM comments WHERE report_id = %s ORDER BY idx", (report_id,)))

    def report_ids(self) -> Iterator[str]:
        """See :meth:`Store.report_ids`."""
        for row in self._query("SELECT id FROM reports ORDER BY rowid"):
            yield row["id"]

    def place_mentions(self, report_id: str) -> list[PlaceMention]:
        """See :meth:`Store.place_mentions`."""
        return [mention_from_row(r) for r in self._query(
            'SELECT comment, "start", "end", text, geonameid, name, lat, lon, geo_precision'
            " FROM place_mentions WHERE report_id = %s ORDER BY rowid", (report_id,))]

    def controls(self, report_id: str | None = None) -> Iterator[Control]:
        """See :meth:`Store.controls`."""
        sql = ("SELECT c.data FROM controls c JOIN reports r ON r.id = c.report_id"
               + (" WHERE c.report_id = %s" if report_id is not None else "")
               + " ORDER BY r.rowid, c.idx")
        for row in self._query(sql, (report_id,) if report_id is not None else ()):
            yield control_from_row(row)

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


def make_store(location: str) -> "PostgresStore":
    """The ``postgresql`` store (registry factory): a ``postgresql://`` URL."""
    return PostgresStore(location)
