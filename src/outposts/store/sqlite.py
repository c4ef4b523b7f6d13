"""The SQLite implementation of :class:`~outposts.store.Store`.

WAL journal, 30 s busy timeout, foreign keys on, schema migrated on open.
All SQL is parameterised; column names come from the schema, never input.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..records import Comment, Event, Extraction, Place, PlaceMention, Report, TriagedComment
from . import Store, haversine_km, near_box
from .schema import EVENT_COLUMNS, migrate

_EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}
_BUSY_TIMEOUT_S = 30.0
_PATRONS = ("patrons1", "patrons2")
_INDEXES = ("supported_by", "disputed_by")  # comment indexes, stored as JSON lists


def _event_row(event: Event) -> list[Any]:
    row = []
    for name in EVENT_COLUMNS:
        value = event.year if name == "year" else getattr(event, name)
        if name in _PATRONS or name in _INDEXES:
            value = json.dumps(list(value), ensure_ascii=False)
        elif isinstance(value, date):
            value = value.isoformat()
        row.append(value)
    return row


_ROW_FIELDS = tuple(n for n in EVENT_COLUMNS if n in _EVENT_FIELDS)  # not derived (year)
_LISTS = frozenset(_PATRONS + _INDEXES)
_NULLABLE = frozenset({"iso", "latitude", "longitude", "comment_index", "fatalities_max",
                       "geonameid"})


def _event_from_row(row: sqlite3.Row) -> Event:
    kwargs: dict[str, Any] = {}
    for name in _ROW_FIELDS:
        value = row[name]
        if name in _LISTS:
            value = tuple(json.loads(value)) if value and value != "[]" else ()
        elif name == "event_date":
            value = date.fromisoformat(value)
        elif value is None and name not in _NULLABLE:
            continue  # the record's default
        kwargs[name] = value
    return Event(**kwargs)


def _iso(value: date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else date.fromisoformat(value).isoformat()


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
        self._conn.execute(
            "INSERT INTO reports (id, url, title, published, outlet, text, origin, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (r.id, r.url, r.title, _iso(r.published), r.outlet, r.text, r.origin, now),
        )

    def _insert_comments(self, r: Report) -> None:
        self._conn.executemany(
            "INSERT INTO comments (report_id, idx, parent, author, text) VALUES (?, ?, ?, ?, ?)",
            [(r.id, c.index, c.parent, c.author, c.text) for c in r.comments],
        )

    def _insert_events(self, events: tuple[Event, ...]) -> None:
        cols = ", ".join(EVENT_COLUMNS)
        marks = ", ".join("?" * len(EVENT_COLUMNS))
        self._conn.executemany(
            f"INSERT INTO events ({cols}) VALUES ({marks})", [_event_row(e) for e in events]
        )

    def _insert_places(self, extraction: Extraction) -> None:
        rid = extraction.report.id
        rows = []
        for m in extraction.places:
            p = m.place
            rows.append((rid, m.comment, m.start, m.end, m.text,
                         p.geonameid if p else None, p.name if p else None,
                         p.latitude if p else None, p.longitude if p else None,
                         m.geo_precision))
        self._conn.executemany(
            'INSERT INTO place_mentions (report_id, comment, "start", "end", text, geonameid,'
            " name, lat, lon, geo_precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _insert_triage(self, extraction: Extraction) -> None:
        rid = extraction.report.id
        stored = {c.index for c in extraction.report.comments}
        self._conn.executemany(
            "INSERT INTO comment_triage (report_id, idx, labels, abusive, toxicity, stance, target,"
            " target_start, target_end, figure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rid, t.index, json.dumps(list(t.labels)), int(t.abusive), t.toxicity, t.stance,
              t.target, t.target_start, t.target_end, t.figure)
             for t in extraction.comments if t.index in stored],
        )

    # -- reading -----------------------------------------------------------

    def triaged_comments(self, report_id: str | None = None, *,
                         show_abusive: bool = False) -> Iterator[TriagedComment]:
        """Stored comments with their triage (abusive ones only when asked)."""
        sql = ("SELECT c.report_id, c.idx, c.parent, c.author, c.text, t.labels, t.toxicity,"
               " t.stance, t.target, t.target_start, t.target_end, t.figure, t.abusive"
               " FROM comments c JOIN comment_triage t ON t.report_id = c.report_id AND t.idx = c.idx")
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
            yield TriagedComment(r["report_id"], r["idx"], r["text"], tuple(json.loads(r["labels"])),
                                 r["toxicity"], r["stance"], r["target"], r["target_start"],
                                 r["target_end"], r["figure"], r["author"], r["parent"])

    def events(self, *, since=None, until=None, type=None, actor=None, near=None,
               limit=None) -> Iterator[Event]:
        """See :meth:`Store.events`."""
        where: list[str] = []
        args: list[Any] = []
        if since is not None:
            where.append("event_date >= ?")
            args.append(_iso(since))
        if until is not None:
            where.append("event_date <= ?")
            args.append(_iso(until))
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
            yield _event_from_row(row)

    def event(self, event_id_cnty: str) -> Event | None:
        """See :meth:`Store.event` (index ``events_event_id_cnty``)."""
        row = self._conn.execute("SELECT * FROM events WHERE event_id_cnty = ? ORDER BY event_id"
                                 " LIMIT 1", (event_id_cnty,)).fetchone()
        return None if row is None else _event_from_row(row)

    def report_events(self, report_id: str) -> list[Event]:
        """See :meth:`Store.report_events` (index ``events_report``)."""
        return [_event_from_row(r) for r in self._conn.execute(
            "SELECT * FROM events WHERE report_id = ? ORDER BY event_id", (report_id,))]

    def report(self, report_id: str) -> Report | None:
        """See :meth:`Store.report`."""
        row = self._conn.execute("SELECT * FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            return None
        comments = tuple(
            Comment(index=c["idx"], text=c["text"], author=c["author"], parent=c["parent"])
            for c in self._conn.execute(
                "SELECT * FROM comments WHERE report_id = ? ORDER BY idx", (report_id,))
        )
        return Report(
            id=row["id"], text=row["text"], title=row["title"], url=row["url"],
            published=date.fromisoformat(row["published"]) if row["published"] else None,
            outlet=row["outlet"], comments=comments, origin=row["origin"],
        )

    def report_ids(self) -> Iterator[str]:
        """See :meth:`Store.report_ids`."""
        for row in self._conn.execute("SELECT id FROM reports ORDER BY rowid"):
            yield row[0]

    def place_mentions(self, report_id: str) -> list[PlaceMention]:
        """See :meth:`Store.place_mentions`. The stored place keeps its name,
        id, point and (via the gazetteer) nothing more."""
        out = []
        for r in self._conn.execute(
                'SELECT comment, "start", "end", text, geonameid, name, lat, lon, geo_precision'
                " FROM place_mentions WHERE report_id = ? ORDER BY rowid", (report_id,)):
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
            out[key] = self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    def journal_mode(self) -> str:
        """The SQLite journal mode in force (``"wal"`` for file stores)."""
        return self._conn.execute("PRAGMA journal_mode").fetchone()[0]

    def close(self) -> None:
        """See :meth:`Store.close`."""
        self._conn.close()
