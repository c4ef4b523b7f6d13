"""The SQLite implementation of :class:`~outposts.store.Store`.

WAL journal, 30 s busy timeout, foreign keys on, schema migrated on open.
All SQL is parameterised; column names come from the schema, never input.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
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
from .schema import EVENT_COLUMNS, migrate

_BUSY_TIMEOUT_S = 30.0
_MARK = "?"


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


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
            self._conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            _enable_wal(self._conn)
            self._conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self._conn)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc.strerror or exc}") from None

    # -- writing -----------------------------------------------------------

    def add(self, extraction: Extraction) -> bool:
        """See :meth:`Store.add`. Runs in one ``BEGIN IMMEDIATE`` transaction;
        any failure rolls it back entirely and is raised (sqlite errors as
        StoreError)."""
        report = extraction.report
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from None
        try:
            if conn.execute("SELECT 1 FROM reports WHERE id = ?", (report.id,)).fetchone():
                conn.execute("ROLLBACK")
                return False
            self._insert_report(report)
            self._insert_comments(report)
            self._insert_events(extraction.events)
            self._insert_places(extraction)
            self._insert_triage(extraction)
            self._insert_controls(extraction)
            conn.execute("COMMIT")
            return True
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot store report {report.id}: {exc}") from None
            raise

    def _insert_report(self, r: Report) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._conn.execute(insert_sql("reports", REPORT_COLUMNS, _MARK), report_row(r, now))

    def _insert_comments(self, r: Report) -> None:
        self._conn.executemany(insert_sql("comments", COMMENT_COLUMNS, _MARK), comment_rows(r))

    def _insert_events(self, events: tuple[Event, ...]) -> None:
        self._conn.executemany(insert_sql("events", EVENT_COLUMNS, _MARK),
                               [event_row(e) for e in events])

    def _insert_places(self, extraction: Extraction) -> None:
        self._conn.executemany(insert_sql("place_mentions", PLACE_COLUMNS, _MARK),
                               place_rows(extraction))

    def _insert_triage(self, extraction: Extraction) -> None:
        self._conn.executemany(insert_sql("comment_triage", TRIAGE_COLUMNS, _MARK),
                               triage_rows(extraction))

    def _insert_controls(self, extraction: Extraction) -> None:
        self._conn.executemany(insert_sql("controls", CONTROL_COLUMNS, _MARK),
                               control_rows(extraction))

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

    def events(self, *, since=None, until=None, type=None, actor=None, near=None,
               limit=None) -> Iterator[Event]:
        """See :meth:`Store.events`."""
        where: list[str] = []
        args: list[Any] = []
        if since is not None:
            where.append("event_date >= ?")
            args.append(iso(since))
        if until is not None:
            where.append("event_date <= ?")
            args.append(iso(until))
        if type:
            needle = type.strip().casefold()
            if needle.isascii():  # the taxonomy's names: by index (migration 3)
                where.append("(event_type = ? COLLATE NOCASE OR sub_event_type = ? COLLATE NOCASE)")
            else:
                where.append("(fold(event_type) = ? OR fold(sub_event_type) = ?)")
            args += [needle] * 2
        if actor:
            where.append("(" + " OR ".join(
                f"instr(fold({c}), ?) > 0"
                for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")) + ")")
            args += [actor.strip().casefold()] * 4
        if near is not None:
            lat, lon, km = (float(x) for x in near)
            lat_lo, lat_hi, lon_lo, lon_hi = near_box(lat, lon, km)
            where.append("latitude BETWEEN ? AND ?")
            args += [lat_lo, lat_hi]
            if lon_lo is not None:
                where.append("longitude BETWEEN ? AND ?")
                args += [lon_lo, lon_hi]
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date, event_id"
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
            if near is not None and haversine_km(lat, lon, row["latitude"],
                                                 row["longitude"]) > km:
                continue
            count += 1
            yield event_from_row(row)

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

    def controls(self, report_id: str | None = None) -> Iterator[Control]:
        """See :meth:`Store.controls`."""
        sql = ("SELECT c.data FROM controls c JOIN reports r ON r.id = c.report_id"
               + (" WHERE c.report_id = ?" if report_id is not None else "")
               + " ORDER BY r.rowid, c.idx")
        for row in self._conn.execute(sql, (report_id,) if report_id is not None else ()):
            yield control_from_row(row)

    def stats(self) -> dict[str, int]:
        """See :meth:`Store.stats`."""
        out = {}
        for key, table in (("reports", "reports"), ("comments", "comments"),
                           ("events", "events"), ("places", "place_mentions")):
            out[key] = self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

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
