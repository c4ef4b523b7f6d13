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
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from ..errors import StoreError
from ..records import (Control, Event, Extraction, MergedEvent, PlaceMention, Report,
                       TriagedComment)
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
from .incidents import (
    EVENT_INSERT_COLUMNS,
    INCIDENT_COLUMNS,
    Linker,
    Links,
    New,
    candidate_box,
    date_window,
    event_rows,
    keyset_chunks,
    merged_from,
    page_of,
    pending,
    reach_km,
    type_columns,
    unlinked,
)
from .incidents import (CANDIDATE_COLUMNS, DAY_KEY_COLUMNS, MEMBER_COLUMNS, countable,
                        day_deltas, day_upsert_sql, incident_dict)
from .schema import SCHEMA_VERSION, statements

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
    if _current_version(conn) == SCHEMA_VERSION:
        return SCHEMA_VERSION  # the common case: no lock, one read
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


def _current_version(conn) -> int | None:
    if conn.execute("SELECT to_regclass('schema_version') AS t").fetchone()["t"] is None:
        return None
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return None if row is None else row["version"]


_CAND = ", ".join(CANDIDATE_COLUMNS)
_MEMBER = ", ".join(MEMBER_COLUMNS)
_CAND_E = ", ".join("e." + c for c in CANDIDATE_COLUMNS)


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
            if self.postgis and self._conn.execute(
                    "SELECT to_regclass('events_geog') IS NULL OR to_regclass('incidents_geog')"
                    " IS NULL AS missing").fetchone()["missing"]:
                # (CREATE INDEX IF NOT EXISTS locks the table first: a reader opening a
                # connection would wait for any ingest in progress)
                with self._conn.transaction():
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                    self._conn.execute(
                        "CREATE INDEX IF NOT EXISTS events_geog ON events USING gist"
                        " ((ST_MakePoint(longitude, latitude)::geography))")
                    self._conn.execute(
                        "CREATE INDEX IF NOT EXISTS incidents_geog ON incidents USING gist"
                        " ((ST_MakePoint(longitude, latitude)::geography))")
            self._linker = Linker(self)
            self._link_unlinked()
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
        return self.add_many([extraction]) == 1

    def add_many(self, extractions: Iterable[Extraction]) -> int:
        """See :meth:`Store.add_many`: the batch in one transaction, its rows
        written with COPY. Writers take the version row's lock first, so they
        link one at a time (each sees what the one before committed) and two
        adding the same report store it once."""
        batch = list(extractions)
        if not batch:
            return 0
        report = batch[0].report
        try:
            with self._conn.transaction():
                self._conn.execute("UPDATE store_meta SET value = value + 1"
                                   " WHERE key = 'version'")
                stored = {r["id"] for r in self._conn.execute(
                    "SELECT id FROM reports WHERE id = ANY(%s)",
                    ([ex.report.id for ex in batch],))}
                todo: list[Extraction] = []
                for ex in batch:
                    if ex.report.id not in stored:
                        stored.add(ex.report.id)
                        todo.append(ex)
                if not todo:
                    raise _AlreadyStored
                n = sum(len(ex.events) for ex in todo)
                ids = [r["id"] for r in self._conn.execute(
                    "SELECT nextval(pg_get_serial_sequence('events', 'event_id')) AS id"
                    " FROM generate_series(1, %s) ORDER BY 1", (n,))] if n else []
                new = pending(todo, ids)
                links = self._linker.link(new)
                now = datetime.now(UTC).isoformat(timespec="seconds")
                report = todo[-1].report
                self._copy("reports", REPORT_COLUMNS, [report_row(ex.report, now) for ex in todo])
                for ex in todo:
                    self._insert_comments(ex.report)
                self._copy("events", EVENT_INSERT_COLUMNS, event_rows(new, links))
                self._conn.cursor().executemany(
                    "INSERT INTO event_types (event_type, sub_event_type) VALUES (%s, %s)"
                    " ON CONFLICT DO NOTHING",
                    sorted({(x.event.event_type, x.event.sub_event_type) for x in new}))
                self._copy("place_mentions", PLACE_COLUMNS,
                           [r for ex in todo for r in place_rows(ex)])
                self._copy("comment_triage", TRIAGE_COLUMNS,
                           [r for ex in todo for r in triage_rows(ex)])
                self._copy("controls", CONTROL_COLUMNS,
                           [r for ex in todo for r in control_rows(ex)])
                self._apply(links)
                self._count(todo, new)
            return len(todo)
        except _AlreadyStored:
            return 0
        except self._psycopg.Error as exc:
            raise StoreError(f"cannot store report {report.id}: {_first_line(exc)}") from None

    def _copy(self, table: str, columns: tuple[str, ...], rows: list) -> None:
        if not rows:
            return
        with self._conn.cursor() as cur:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _insert_comments(self, r: Report) -> None:
        self._copy("comments", COMMENT_COLUMNS, comment_rows(r))

    def _count(self, todo: list[Extraction], new: list[New]) -> None:
        """Keep the counts :meth:`stats` answers."""
        self._exec_many("UPDATE store_meta SET value = value + %s WHERE key = %s", [
            (len(todo), "reports"), (sum(len(ex.report.comments) for ex in todo), "comments"),
            (len(new), "events"), (sum(len(ex.places) for ex in todo), "places")])

    def _apply(self, links: Links, relinked: bool = False) -> None:
        """Store what the linker decided (the version was bumped when the lock was taken)."""
        update = "UPDATE events SET cluster = %s, incident_id = %s WHERE event_id = %s"
        if relinked and links.assign:
            self._many(update, [(c, i, e) for e, (c, i) in links.assign.items()])
        self._many(update, links.updates)
        dropped = []
        if links.drop:
            dropped = [tuple(r.values()) for r in self._conn.execute(
                f"DELETE FROM incidents WHERE incident_id = ANY(%s)"
                f" RETURNING {', '.join(DAY_KEY_COLUMNS)}", (links.drop,))]
        self._copy("incidents", INCIDENT_COLUMNS, links.put)
        self._many(day_upsert_sql(_MARK), day_deltas(links.put, dropped))
        if links.delta:
            self._conn.execute("UPDATE store_meta SET value = value + %s WHERE key = 'incidents'",
                               (links.delta,))

    def _link_unlinked(self) -> None:
        """Link the events a store migrated from schema 4 holds (once)."""
        if self._conn.execute("SELECT 1 FROM events WHERE cluster IS NULL LIMIT 1").fetchone() \
                is None:
            return
        with self._conn.transaction():
            self._conn.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'version'")
            rows = self._conn.execute("SELECT * FROM events WHERE cluster IS NULL"
                                      " ORDER BY event_id").fetchall()
            if rows:
                self._apply(self._linker.link(unlinked(self, rows)), relinked=True)

    def _many(self, sql: str, rows: list) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(sql, rows)

    # -- the linker's view of the database (see incidents.Linker) ---------

    _mark = _MARK

    @staticmethod
    def _in(n: int) -> str:
        return ", ".join(["%s"] * n)

    def _rows(self, sql: str, args=()) -> list:
        return self._conn.execute(sql, args).fetchall()

    def _exec_many(self, sql: str, rows) -> None:
        self._many(sql, list(rows))

    def _candidates(self, e: Event) -> list:
        lo, hi = date_window(e)
        box = candidate_box(e)
        if box is None:
            return self._conn.execute(
                f"SELECT {_CAND} FROM events WHERE sub_event_type = %s AND event_date BETWEEN %s AND %s",
                (e.sub_event_type, lo, hi)).fetchall()
        lat_lo, lat_hi, lon_lo, lon_hi, _, _ = box
        return self._conn.execute(
            f"SELECT {_CAND} FROM events WHERE sub_event_type = %s AND event_date BETWEEN %s AND %s"
            " AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s"
            f" UNION ALL SELECT {_CAND} FROM events WHERE sub_event_type = %s"
            " AND event_date BETWEEN %s AND %s AND (latitude IS NULL OR longitude IS NULL)",
            (e.sub_event_type, lo, hi, lat_lo, lat_hi, lon_lo, lon_hi, e.sub_event_type, lo,
             hi)).fetchall()

    def _window(self, day_lo: int, day_hi: int, types: list[str]) -> list:
        lo, hi = date.fromordinal(day_lo).isoformat(), date.fromordinal(day_hi).isoformat()
        return self._conn.execute(
            f"SELECT {_CAND} FROM events WHERE sub_event_type = ANY(%s) AND event_date BETWEEN %s AND %s",
            (types, lo, hi)).fetchall()

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

    def _filters(self, since, until, type, actor, near, patron=None, source_kind=None,
                 table: str = "events") -> tuple[list[str], list[Any]]:
        """(WHERE terms, args) of the filters on ``table`` (events or incidents)."""
        where: list[str] = []
        args: list[Any] = []
        if since is not None:
            where.append("event_date >= %s")
            args.append(iso(since))
        if until is not None:
            where.append("event_date <= %s")
            args.append(iso(until))
        if type:
            needle = type.strip().casefold()
            known = [(r["event_type"], r["sub_event_type"]) for r in self._query(
                "SELECT event_type, sub_event_type FROM event_types")]
            cols = type_columns(known, needle)
            where.append("(" + " OR ".join(f"lower({c}) = %s" for c in cols) + ")")
            args += [needle] * len(cols)
        if actor:
            where.append("(" + " OR ".join(
                f"strpos(lower({c}), %s) > 0"
                for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")) + ")")
            args += [actor.strip().casefold()] * 4
        if patron:
            where.append("strpos(lower(patrons1 || ' ' || patrons2), %s) > 0")
            args.append(patron.strip().casefold())
        if source_kind:
            where.append("source_kind = %s")
            args.append(source_kind)
        if near is not None:
            lat, lon, km = (float(x) for x in near)
            # A slightly wider net than the radius; the haversine check decides.
            reach = reach_km(km)
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
        return where, args

    def events(self, *, since=None, until=None, type=None, actor=None, near=None,
               limit=None) -> Iterator[Event]:
        """See :meth:`Store.events`."""
        where, args = self._filters(since, until, type, actor, near)
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
            if near is not None and haversine_km(near[0], near[1], row["latitude"],
                                                 row["longitude"]) > near[2]:
                continue
            count += 1
            yield event_from_row(row)

    def _page(self, table: str, key: str, filters: dict, after, limit: int, convert):
        where, args = self._filters(table=table, **filters)

        def fetch(after, n):
            terms, values = list(where), list(args)
            if after is not None:
                terms.append(f"(event_date, {key}) > (%s, %s)")
                values += [after[0], after[1]]
            sql = f"SELECT * FROM {table}"
            if terms:
                sql += " WHERE " + " AND ".join(terms)
            sql += f" ORDER BY event_date, {key} LIMIT %s"
            return self._query(sql, values + [n], f"read {table}").fetchall()

        near = filters.get("near")
        order = lambda r: (r["event_date"], r[key])  # noqa: E731
        # near: limit + 1 rows at a time (the haversine check in page_of may drop a few)
        rows = fetch(after, limit + 1) if near is None else keyset_chunks(fetch, after, limit,
                                                                           order)
        return page_of(rows, near, limit, order, convert)

    def event_page(self, *, since=None, until=None, type=None, actor=None, near=None,
                   patron=None, source_kind=None, after=None, limit: int = 100):
        """See :meth:`Store.event_page`."""
        return self._page("events", "event_id", dict(
            since=since, until=until, type=type, actor=actor, near=near, patron=patron,
            source_kind=source_kind), None if after is None else (after[0], int(after[1])),
            limit, event_from_row)

    def incident_page(self, *, since=None, until=None, type=None, actor=None, near=None,
                      patron=None, source_kind=None, after=None, limit: int = 100,
                      rows: bool = False):
        """See :meth:`Store.incident_page`."""
        found, key = self._page("incidents", "incident_id", dict(
            since=since, until=until, type=type, actor=actor, near=near, patron=patron,
            source_kind=source_kind), after, limit, lambda r: r)
        return (self._as_dicts(found) if rows else self._with_members(found)), key

    def _as_dicts(self, found: list) -> list[dict]:
        members: dict[str, list] = {}
        if found:
            for m in self._query(f"SELECT {_MEMBER} FROM events WHERE incident_id = ANY(%s)",
                                 ([r["incident_id"] for r in found],), "read events"):
                members.setdefault(m["incident_id"], []).append(m)
        return [incident_dict(r, members.get(r["incident_id"], ())) for r in found]

    def _with_members(self, rows: list) -> list[MergedEvent]:
        if not rows:
            return []
        members: dict[str, list] = {}
        for m in self._query("SELECT * FROM events WHERE incident_id = ANY(%s)",
                             ([r["incident_id"] for r in rows],), "read events"):
            members.setdefault(m["incident_id"], []).append(m)
        return [merged_from(r, members.get(r["incident_id"], ())) for r in rows]

    def incident_count(self, *, since=None, until=None, type=None, actor=None, near=None,
                       patron=None, source_kind=None) -> int:
        """See :meth:`Store.incident_count`."""
        if not any((since, until, type, actor, near, patron, source_kind)):
            return self._query("SELECT value FROM store_meta WHERE key = 'incidents'"
                               ).fetchone()["value"]
        if countable(since, until, type, actor, near, patron, source_kind):
            # summed from the per-day counts kept at ingest (at most a row per day and type)
            where, args = self._filters(since, until, type, None, None, None, source_kind,
                                        "incident_days")
            return self._query("SELECT coalesce(sum(n), 0)::bigint AS n FROM incident_days"
                               + (" WHERE " + " AND ".join(where) if where else ""),
                               args).fetchone()["n"]
        where, args = self._filters(since, until, type, actor, near, patron, source_kind,
                                    "incidents")
        if near is not None:
            return sum(1 for r in self._query(
                "SELECT latitude, longitude FROM incidents WHERE " + " AND ".join(where), args)
                if haversine_km(near[0], near[1], r["latitude"], r["longitude"]) <= near[2])
        sql = "SELECT count(*) AS n FROM incidents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._query(sql, args).fetchone()["n"]

    def incident(self, event_id_cnty: str) -> MergedEvent | None:
        """See :meth:`Store.incident`."""
        row = self._query(
            "SELECT i.* FROM events e JOIN incidents i ON i.incident_id = e.incident_id"
            " WHERE e.event_id_cnty = %s ORDER BY e.event_id LIMIT 1", (event_id_cnty,)).fetchone()
        return None if row is None else self._with_members([row])[0]

    def version(self) -> int:
        """See :meth:`Store.version`."""
        return self._query("SELECT value FROM store_meta WHERE key = 'version'").fetchone()["value"]

    def explain(self, sql: str, args=()) -> list[str]:
        """PostgreSQL's plan of ``sql`` (the lines of EXPLAIN)."""
        return [next(iter(r.values())) for r in self._query("EXPLAIN " + sql, args)]

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

    def controls(self, report_id: str | None = None, *,
                 site_id: str | None = None) -> Iterator[Control]:
        """See :meth:`Store.controls`."""
        where, args = [], []
        if report_id is not None:
            where.append("c.report_id = %s")
            args.append(report_id)
        if site_id is not None:
            where.append("c.site_id = %s")
            args.append(site_id)
        sql = ("SELECT c.data FROM controls c JOIN reports r ON r.id = c.report_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY r.rowid, c.idx")
        for row in self._query(sql, args):
            yield control_from_row(row)

    def controls_after(self, mark: int | None) -> tuple[list[Control], int | None]:
        """See :meth:`Store.controls_after` (the mark is the reports' rowid: writers
        hold the version row's lock from their first statement, so rowids grow in
        commit order)."""
        rows = self._query(
            "SELECT r.rowid AS k, c.data FROM reports r JOIN controls c ON c.report_id = r.id"
            " WHERE r.rowid > %s ORDER BY r.rowid, c.idx", (mark or 0,)).fetchall()
        return [control_from_row(r) for r in rows], (rows[-1]["k"] if rows else mark)

    def date_range(self) -> tuple[date | None, date | None]:
        """See :meth:`Store.date_range`."""
        row = self._query("SELECT min(event_date) AS lo, max(event_date) AS hi FROM events"
                          ).fetchone()
        return (date.fromisoformat(row["lo"]) if row["lo"] else None,
                date.fromisoformat(row["hi"]) if row["hi"] else None)

    def event_types(self) -> list[tuple[str, str]]:
        """See :meth:`Store.event_types`."""
        return [(r["event_type"], r["sub_event_type"]) for r in self._query(
            "SELECT event_type, sub_event_type FROM event_types ORDER BY 1, 2")]

    def stats(self) -> dict[str, int]:
        """See :meth:`Store.stats` (counts kept in ``store_meta`` by every write)."""
        rows = {r["key"]: r["value"] for r in self._rows(
            "SELECT key, value FROM store_meta WHERE key IN"
            " ('reports', 'comments', 'events', 'places')")}
        return {k: rows[k] for k in ("reports", "comments", "events", "places")}

    def close(self) -> None:
        """See :meth:`Store.close`."""
        self._conn.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def make_store(location: str) -> "PostgresStore":
    """The ``postgresql`` store (registry factory): a ``postgresql://`` URL."""
    return PostgresStore(location)
