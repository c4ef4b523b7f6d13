"""The SQLite implementation of :class:`~outposts.store.Store`.

WAL journal, 30 s busy timeout, foreign keys on, schema migrated on open.
All SQL is parameterised; column names come from the schema, never input.
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
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
    day,
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
from .schema import migrate

_BUSY_TIMEOUT_S = 30.0
_MARK = "?"


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _km(lat1, lon1, lat2, lon2):
    """SQL ``km(lat, lon, lat, lon)``: the haversine distance (NULL without a point)."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (and extended codes)
    return "locked" in str(exc) or "busy" in str(exc)


def _enable_wal(conn: sqlite3.Connection, timeout: float = _BUSY_TIMEOUT_S) -> str:
    """``PRAGMA journal_mode = WAL``, retried while the database is busy.

    Switching a new database to WAL needs an exclusive lock, and SQLite
    answers SQLITE_BUSY at once there instead of calling the busy handler:
    two processes opening a fresh store together would otherwise fail with
    "database is locked". Once the file is in WAL mode (persistent), the
    pragma takes no lock and succeeds at once.
    """
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            return conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


_CAND = ", ".join(CANDIDATE_COLUMNS)
_MEMBER = ", ".join(MEMBER_COLUMNS)
_CAND_E = ", ".join("e." + c for c in CANDIDATE_COLUMNS)


class SQLiteStore(Store):
    """A store in one SQLite file (or ``":memory:"``)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            # Unicode-aware case folding (SQLite's lower() only folds ASCII).
            self._conn.create_function("fold", 1, _fold, deterministic=True)
            self._conn.create_function("km", 4, _km, deterministic=True)
            self._conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            _enable_wal(self._conn)
            self._conn.execute("PRAGMA synchronous = NORMAL")
            # 32 MiB of page cache per connection (SQLite's default is 2 MiB): index
            # pages of a large archive stay in memory between requests
            self._conn.execute("PRAGMA cache_size = -32768")
            # a checkpoint (and its fsync) per 64 MiB of WAL, not per 4 MiB: a bulk ingest
            # rewrites the same index pages again and again, and checkpoints wrote them each time
            self._conn.execute("PRAGMA wal_autocheckpoint = 16384")
            self._conn.execute("PRAGMA journal_size_limit = 67108864")
            migrate(self._conn)
            self._linker = Linker(self)
            self._link_unlinked()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc.strerror or exc}") from None

    # -- writing -----------------------------------------------------------

    def add(self, extraction: Extraction) -> bool:
        """See :meth:`Store.add`. Runs in one ``BEGIN IMMEDIATE`` transaction;
        any failure rolls it back entirely and is raised (sqlite errors as
        StoreError). The new events are linked to their incidents in it."""
        return self.add_many([extraction]) == 1

    def add_many(self, extractions: Iterable[Extraction]) -> int:
        """See :meth:`Store.add_many`: the batch in one ``BEGIN IMMEDIATE``
        transaction (all of it or nothing)."""
        batch = list(extractions)
        if not batch:
            return 0
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from None
        report = batch[0].report
        try:
            todo: list[Extraction] = []
            ids = list(dict.fromkeys(ex.report.id for ex in batch))
            taken: set[str] = set()
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                taken.update(r[0] for r in conn.execute(
                    f"SELECT id FROM reports WHERE id IN ({self._in(len(part))})", part))
            for extraction in batch:
                report = extraction.report
                if report.id in taken:
                    continue
                taken.add(report.id)
                todo.append(extraction)
            if not todo:
                conn.execute("ROLLBACK")
                return 0
            row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
            new = pending(todo, itertools.count((row[0] if row else 0) + 1))
            links = self._linker.link(new)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            conn.executemany(insert_sql("reports", REPORT_COLUMNS, _MARK),
                             [report_row(ex.report, now) for ex in todo])
            for ex in todo:
                self._insert_comments(ex.report)
            self._insert_events(new, links)
            conn.executemany(insert_sql("place_mentions", PLACE_COLUMNS, _MARK),
                             [r for ex in todo for r in place_rows(ex)])
            conn.executemany(insert_sql("comment_triage", TRIAGE_COLUMNS, _MARK),
                             [r for ex in todo for r in triage_rows(ex)])
            conn.executemany(insert_sql("controls", CONTROL_COLUMNS, _MARK),
                             [r for ex in todo for r in control_rows(ex)])
            self._apply(links)
            self._count(todo, new)
            conn.execute("COMMIT")
            return len(todo)
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot store report {report.id}: {exc}") from None
            raise

    def _link_unlinked(self) -> None:
        """Link the events a store migrated from schema 4 holds (once)."""
        conn = self._conn
        if not conn.execute("SELECT 1 FROM events WHERE cluster IS NULL LIMIT 1").fetchone():
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            rows = conn.execute("SELECT * FROM events WHERE cluster IS NULL"
                                " ORDER BY event_id").fetchall()
            if rows:
                self._apply(self._linker.link(unlinked(self, rows)), relinked=True)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _insert_comments(self, r: Report) -> None:
        self._conn.executemany(insert_sql("comments", COMMENT_COLUMNS, _MARK), comment_rows(r))

    def _insert_events(self, new: list[New], links: Links) -> None:
        conn = self._conn
        conn.executemany(insert_sql("events", EVENT_INSERT_COLUMNS, _MARK), event_rows(new, links))
        conn.executemany(
            "INSERT INTO events_rtree VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(n.event_id, n.event.latitude, n.event.latitude, n.event.longitude,
              n.event.longitude, day(n.event.event_date), day(n.event.event_date))
             for n in new if n.event.latitude is not None and n.event.longitude is not None])
        conn.executemany("INSERT INTO event_types (event_type, sub_event_type) VALUES (?, ?)"
                         " ON CONFLICT DO NOTHING",
                         sorted({(n.event.event_type, n.event.sub_event_type) for n in new}))

    def _count(self, todo: list[Extraction], new: list[New]) -> None:
        """Keep the counts :meth:`stats` answers."""
        self._exec_many("UPDATE store_meta SET value = value + ? WHERE key = ?", [
            (len(todo), "reports"), (sum(len(ex.report.comments) for ex in todo), "comments"),
            (len(new), "events"), (sum(len(ex.places) for ex in todo), "places")])

    def _apply(self, links: Links, relinked: bool = False) -> None:
        """Store what the linker decided (and bump the version)."""
        conn = self._conn
        if relinked:
            conn.executemany("UPDATE events SET cluster = ?, incident_id = ? WHERE event_id = ?",
                             [(c, i, e) for e, (c, i) in links.assign.items()])
        conn.executemany("UPDATE events SET cluster = ?, incident_id = ? WHERE event_id = ?",
                         links.updates)
        dropped = []
        if links.drop:
            for i in range(0, len(links.drop), 500):
                part = links.drop[i:i + 500]
                dropped += conn.execute(
                    f"SELECT {', '.join(DAY_KEY_COLUMNS)} FROM incidents"
                    f" WHERE incident_id IN ({self._in(len(part))})", part).fetchall()
            self._drop_incidents(links.drop)
        self._put_incidents(links.put)
        conn.executemany(day_upsert_sql(_MARK), day_deltas(links.put, dropped))
        conn.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'version'")
        if links.delta:
            conn.execute("UPDATE store_meta SET value = value + ? WHERE key = 'incidents'",
                         (links.delta,))

    # -- the linker's view of the database (see incidents.Linker.link) -------

    _mark = _MARK

    @staticmethod
    def _in(n: int) -> str:
        return ", ".join("?" * n)

    def _rows(self, sql: str, args=()) -> list:
        return self._conn.execute(sql, args).fetchall()

    def _exec_many(self, sql: str, rows) -> None:
        self._conn.executemany(sql, rows)

    def _candidates(self, e: Event) -> list:
        box = candidate_box(e)
        if box is None:
            lo, hi = date_window(e)
            return [r for r in self._conn.execute(
                f"SELECT {_CAND} FROM events WHERE sub_event_type = ? COLLATE NOCASE"
                " AND event_date BETWEEN ? AND ?", (e.sub_event_type, lo, hi))
                if r["sub_event_type"] == e.sub_event_type]
        lat_lo, lat_hi, lon_lo, lon_hi, d_lo, d_hi = box
        lo, hi = date_window(e)
        rows = self._conn.execute(
            f"SELECT {_CAND_E} FROM events_rtree r JOIN events e ON e.event_id = r.id"
            " WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ?"
            " AND r.min_day <= ? AND r.max_day >= ? AND e.sub_event_type = ?",
            (lat_hi, lat_lo, lon_hi, lon_lo, d_hi, d_lo, e.sub_event_type)).fetchall()
        rows += self._conn.execute(
            f"SELECT {_CAND} FROM events WHERE sub_event_type = ? AND event_date BETWEEN ? AND ?"
            " AND (latitude IS NULL OR longitude IS NULL)", (e.sub_event_type, lo, hi)).fetchall()
        return rows

    def _window(self, day_lo: int, day_hi: int, types: list[str]) -> list:
        """Stored events of these sub-event types between two day numbers."""
        lo, hi = date.fromordinal(day_lo).isoformat(), date.fromordinal(day_hi).isoformat()
        return self._conn.execute(
            f"SELECT {_CAND} FROM events WHERE event_date BETWEEN ? AND ?"
            f" AND sub_event_type IN ({self._in(len(types))})", [lo, hi, *types]).fetchall()

    def _drop_incidents(self, ids: list[str]) -> None:
        conn = self._conn
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            marks = self._in(len(part))
            conn.execute(f"DELETE FROM incidents_near_rtree WHERE id IN (SELECT rowid FROM incidents"
                         f" WHERE incident_id IN ({marks}))", part)
            conn.execute(f"DELETE FROM incidents WHERE incident_id IN ({marks})", part)

    def _put_incidents(self, rows: list[list]) -> None:
        """Insert incidents (rowids allotted here: the R*Tree is keyed by them)."""
        if not rows:
            return
        conn = self._conn
        first = (conn.execute("SELECT max(rowid) FROM incidents").fetchone()[0] or 0) + 1
        at = {c: i for i, c in enumerate(INCIDENT_COLUMNS)}
        lat_at, lon_at = at["latitude"], at["longitude"]
        conn.executemany(insert_sql("incidents", ("rowid",) + INCIDENT_COLUMNS, _MARK),
                         [[first + k] + row for k, row in enumerate(rows)])
        conn.executemany("INSERT INTO incidents_near_rtree VALUES (?, ?, ?, ?, ?)", [
            (first + k, row[lat_at], row[lat_at], row[lon_at], row[lon_at])
            for k, row in enumerate(rows) if row[lat_at] is not None and row[lon_at] is not None])

    # -- reading -----------------------------------------------------------

    def triaged_comments(self, report_id: str | None = None, *,
                         show_abusive: bool = False) -> Iterator[TriagedComment]:
        """Stored comments with their triage (abusive ones only when asked)."""
        sql = TRIAGED_SELECT
        args: list[Any] = []
        where = []
        if report_id is not None:
            where.append("c.report_id = ?")
            args.append(report_id)
        if not show_abusive:
            where.append("t.abusive = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        for r in self._conn.execute(sql + " ORDER BY c.report_id, c.idx", args):
            yield triaged_from_row(r)

    def _type_columns(self, needle: str) -> list[str]:
        """Which columns a type filter reads: the event types and sub-event types
        stored (table ``event_types``) name it, so one index serves it."""
        return type_columns(self._conn.execute(
            "SELECT event_type, sub_event_type FROM event_types").fetchall(), needle)

    def _filters(self, since, until, type, actor, near, patron=None, source_kind=None,
                 table: str = "events") -> tuple[str, list[str], list[Any]]:
        """(FROM clause, WHERE terms, args) of the filters on ``table`` (events or incidents)."""
        where: list[str] = []
        args: list[Any] = []
        source = table
        if since is not None:
            where.append(f"{table}.event_date >= ?")
            args.append(iso(since))
        if until is not None:
            where.append(f"{table}.event_date <= ?")
            args.append(iso(until))
        if type:
            needle = type.strip().casefold()
            terms = []
            for col in self._type_columns(needle):
                if needle.isascii():  # the taxonomy's names: by index (migration 3, 5)
                    terms.append(f"{table}.{col} = ? COLLATE NOCASE")
                else:
                    terms.append(f"fold({table}.{col}) = ?")
                args.append(needle)
            where.append("(" + " OR ".join(terms) + ")")
        if actor:
            where.append("(" + " OR ".join(
                f"instr(fold({table}.{c}), ?) > 0"
                for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")) + ")")
            args += [actor.strip().casefold()] * 4
        if patron:
            where.append(f"instr(fold({table}.patrons1 || ' ' || {table}.patrons2), ?) > 0")
            args.append(patron.strip().casefold())
        if source_kind:
            where.append(f"{table}.source_kind = ?")
            args.append(source_kind)
        if near is not None:
            lat, lon, km = (float(x) for x in near)
            lat_lo, lat_hi, lon_lo, lon_hi = near_box(lat, lon, km)
            if lon_lo is None:
                lon_lo, lon_hi = -180.0, 180.0
            key = "event_id" if table == "events" else "rowid"
            rtree = "events_rtree" if table == "events" else "incidents_near_rtree"
            source = f"{rtree} r JOIN {table} ON {table}.{key} = r.id"
            where.append("r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ?")
            args += [lat_hi, lat_lo, lon_hi, lon_lo]
            where.append(f"km({table}.latitude, {table}.longitude, ?, ?) <= ?")
            args += [lat, lon, reach_km(km)]
        return source, where, args

    def events(self, *, since=None, until=None, type=None, actor=None, near=None,
               limit=None, after: tuple[str, int] | None = None) -> Iterator[Event]:
        """See :meth:`Store.events`."""
        source, where, args = self._filters(since, until, type, actor, near)
        if after is not None:
            where.append("(events.event_date, events.event_id) > (?, ?)")
            args += [after[0], int(after[1])]
        sql = f"SELECT events.* FROM {source}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY events.event_date, events.event_id"
        if limit is not None and near is None:
            sql += " LIMIT ?"
            args.append(int(limit))
        try:
            cursor = self._conn.execute(sql, args)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read events: {exc}") from None
        count = 0
        for row in cursor:
            if limit is not None and count >= limit:
                break
            if near is not None and haversine_km(near[0], near[1], row["latitude"],
                                                 row["longitude"]) > near[2]:
                continue
            count += 1
            yield event_from_row(row)

    def event_page(self, *, since=None, until=None, type=None, actor=None, near=None,
                   patron=None, source_kind=None, after=None, limit: int = 100
                   ) -> tuple[list[Event], tuple[str, int] | None]:
        """See :meth:`Store.event_page`."""
        source, where, args = self._filters(since, until, type, actor, near, patron,
                                            source_kind)
        return page_of(self._keyset(f"SELECT events.* FROM {source}", where, args,
                                    ("events.event_date", "events.event_id"),
                                    None if after is None else (after[0], int(after[1])),
                                    near, limit, key=lambda r: (r["event_date"], r["event_id"])),
                       near, limit, lambda r: (r["event_date"], r["event_id"]), event_from_row)

    def _keyset(self, select: str, where: list, args: list, order: tuple[str, str], after,
                near, limit: int, key, dicts: bool = False):
        """The rows of a page query after the keyset ``after``: ``limit + 1`` of them,
        or (``near``: the haversine check may drop a few) as many chunks of that as
        the page needs."""
        def fetch(after, n):
            terms, values = list(where), list(args)
            if after is not None:
                terms.append(f"({order[0]}, {order[1]}) > (?, ?)")
                values += [after[0], after[1]]
            sql = select + (" WHERE " + " AND ".join(terms) if terms else "")
            sql += f" ORDER BY {order[0]}, {order[1]} LIMIT ?"
            try:
                if dicts:
                    return self._dicts(sql, values + [n])
                return self._conn.execute(sql, values + [n]).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read the store: {exc}") from None

        if near is None:
            return fetch(after, limit + 1)
        return keyset_chunks(fetch, after, limit, key)

    def _dicts(self, sql: str, args) -> list[dict]:
        cur = self._conn.cursor()
        cur.row_factory = None
        cur.execute(sql, args)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur]

    def incident_page(self, *, since=None, until=None, type=None, actor=None, near=None,
                      patron=None, source_kind=None, after=None, limit: int = 100,
                      rows: bool = False
                      ) -> tuple[list[MergedEvent], tuple[str, str] | None]:
        """See :meth:`Store.incident_page`."""
        source, where, args = self._filters(since, until, type, actor, near, patron,
                                            source_kind, "incidents")
        order = lambda r: (r["event_date"], r["incident_id"])  # noqa: E731
        found, key = page_of(self._keyset(f"SELECT incidents.* FROM {source}", where, args,
                                          ("incidents.event_date", "incidents.incident_id"),
                                          after, near, limit, order, dicts=rows),
                             near, limit, order, lambda r: r)
        return (self._as_dicts(found) if rows else self._with_members(found)), key

    def _as_dicts(self, found: list) -> list[dict]:
        members: dict[str, list] = {}
        ids = [r["incident_id"] for r in found]
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for m in self._dicts(f"SELECT {_MEMBER} FROM events WHERE incident_id IN"
                                 f" ({self._in(len(part))})", part):
                members.setdefault(m["incident_id"], []).append(m)
        return [incident_dict(r, members.get(r["incident_id"], ())) for r in found]

    def _with_members(self, rows: list) -> list[MergedEvent]:
        if not rows:
            return []
        ids = [r["incident_id"] for r in rows]
        members: dict[str, list] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for m in self._conn.execute(
                    f"SELECT * FROM events WHERE incident_id IN ({self._in(len(part))})", part):
                members.setdefault(m["incident_id"], []).append(m)
        return [merged_from(r, members.get(r["incident_id"], ())) for r in rows]

    def incident_count(self, *, since=None, until=None, type=None, actor=None, near=None,
                       patron=None, source_kind=None) -> int:
        """See :meth:`Store.incident_count`."""
        if not any((since, until, type, actor, near, patron, source_kind)):
            return self._conn.execute(
                "SELECT value FROM store_meta WHERE key = 'incidents'").fetchone()[0]
        if countable(since, until, type, actor, near, patron, source_kind):
            # summed from the per-day counts kept at ingest (at most a row per day and type)
            _, where, args = self._filters(since, until, type, None, None, None, source_kind,
                                           "incident_days")
            return self._conn.execute(
                "SELECT coalesce(sum(n), 0) FROM incident_days"
                + (" WHERE " + " AND ".join(where) if where else ""), args).fetchone()[0]
        source, where, args = self._filters(since, until, type, actor, near, patron,
                                            source_kind, "incidents")
        if near is not None:
            return sum(1 for r in self._conn.execute(
                f"SELECT incidents.latitude, incidents.longitude FROM {source} WHERE "
                + " AND ".join(where), args)
                if haversine_km(near[0], near[1], r[0], r[1]) <= near[2])
        sql = f"SELECT count(*) FROM {source}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._conn.execute(sql, args).fetchone()[0]

    def incident(self, event_id_cnty: str) -> MergedEvent | None:
        """See :meth:`Store.incident`."""
        row = self._conn.execute(
            "SELECT i.* FROM events e JOIN incidents i ON i.incident_id = e.incident_id"
            " WHERE e.event_id_cnty = ? ORDER BY e.event_id LIMIT 1", (event_id_cnty,)).fetchone()
        return None if row is None else self._with_members([row])[0]

    def version(self) -> int:
        """See :meth:`Store.version`."""
        return self._conn.execute("SELECT value FROM store_meta WHERE key = 'version'").fetchone()[0]

    def explain(self, sql: str, args=()) -> list[str]:
        """SQLite's query plan of ``sql`` (the lines of EXPLAIN QUERY PLAN)."""
        return [r["detail"] for r in self._conn.execute("EXPLAIN QUERY PLAN " + sql, args)]

    def event(self, event_id_cnty: str) -> Event | None:
        """See :meth:`Store.event` (index ``events_event_id_cnty``)."""
        row = self._conn.execute("SELECT * FROM events WHERE event_id_cnty = ? ORDER BY event_id"
                                 " LIMIT 1", (event_id_cnty,)).fetchone()
        return None if row is None else event_from_row(row)

    def report_events(self, report_id: str) -> list[Event]:
        """See :meth:`Store.report_events` (index ``events_report``)."""
        return [event_from_row(r) for r in self._conn.execute(
            "SELECT * FROM events WHERE report_id = ? ORDER BY event_id", (report_id,))]

    def report(self, report_id: str) -> Report | None:
        """See :meth:`Store.report`."""
        row = self._conn.execute("SELECT * FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            return None
        return report_from_rows(row, self._conn.execute(
            "SELECT * FROM comments WHERE report_id = ? ORDER BY idx", (report_id,)))

    def report_ids(self) -> Iterator[str]:
        """See :meth:`Store.report_ids`."""
        for row in self._conn.execute("SELECT id FROM reports ORDER BY rowid"):
            yield row[0]

    def place_mentions(self, report_id: str) -> list[PlaceMention]:
        """See :meth:`Store.place_mentions`."""
        return [mention_from_row(r) for r in self._conn.execute(
            'SELECT comment, "start", "end", text, geonameid, name, lat, lon, geo_precision'
            " FROM place_mentions WHERE report_id = ? ORDER BY rowid", (report_id,))]

    def controls(self, report_id: str | None = None, *,
                 site_id: str | None = None) -> Iterator[Control]:
        """See :meth:`Store.controls`."""
        where, args = [], []
        if report_id is not None:
            where.append("c.report_id = ?")
            args.append(report_id)
        if site_id is not None:
            where.append("c.site_id = ?")
            args.append(site_id)
        sql = ("SELECT c.data FROM controls c JOIN reports r ON r.id = c.report_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY r.rowid, c.idx")
        for row in self._conn.execute(sql, args):
            yield control_from_row(row)

    def controls_after(self, mark: int | None) -> tuple[list[Control], int | None]:
        """See :meth:`Store.controls_after` (the mark is the controls' rowid: one
        writer at a time, so rowids grow in commit order)."""
        rows = self._conn.execute("SELECT rowid, data FROM controls WHERE rowid > ?"
                                  " ORDER BY rowid", (mark or 0,)).fetchall()
        return [control_from_row(r) for r in rows], (rows[-1][0] if rows else mark)

    def date_range(self) -> tuple[date | None, date | None]:
        """See :meth:`Store.date_range` (index ``events_date``)."""
        lo = self._conn.execute("SELECT min(event_date) FROM events").fetchone()[0]
        hi = self._conn.execute("SELECT max(event_date) FROM events").fetchone()[0]
        return (date.fromisoformat(lo) if lo else None, date.fromisoformat(hi) if hi else None)

    def event_types(self) -> list[tuple[str, str]]:
        """See :meth:`Store.event_types` (table ``event_types``, kept at ingest)."""
        return [tuple(r) for r in self._conn.execute(
            "SELECT event_type, sub_event_type FROM event_types ORDER BY 1, 2")]

    def stats(self) -> dict[str, int]:
        """See :meth:`Store.stats` (counts kept in ``store_meta`` by every write)."""
        rows = {r["key"]: r["value"] for r in self._rows(
            "SELECT key, value FROM store_meta WHERE key IN"
            " ('reports', 'comments', 'events', 'places')")}
        return {k: rows[k] for k in ("reports", "comments", "events", "places")}

    def journal_mode(self) -> str:
        """The SQLite journal mode in force (``"wal"`` for file stores)."""
        return self._conn.execute("PRAGMA journal_mode").fetchone()[0]

    def close(self) -> None:
        """See :meth:`Store.close`."""
        self._conn.close()


def make_store(location: str) -> SQLiteStore:
    """The ``sqlite`` store (registry factory): a path, ``:memory:`` or a
    ``sqlite://`` URL (``sqlite:///relative``, ``sqlite:////absolute``,
    ``sqlite://`` in memory)."""
    if location.startswith("sqlite://"):
        rest = location[len("sqlite://"):]
        if rest in ("", "/", "/:memory:"):
            location = ":memory:"
        elif rest.startswith("/"):
            location = rest[1:]
        else:
            raise StoreError(f"cannot read the SQLite URL {location!r}: use sqlite:///PATH")
    return SQLiteStore(location)
