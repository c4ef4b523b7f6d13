"""The store schema, as one ordered list of migrations for both backends.

Each migration is a list of SQL statements written for SQLite that also run on
PostgreSQL after :func:`to_postgres` (REAL becomes DOUBLE PRECISION, INTEGER
BIGINT, an AUTOINCREMENT key an identity column), plus what
:data:`POSTGRES_EXTRA` adds under the same number. A migration that cannot be
written that way may instead be a dict ``{"sqlite": [...], "postgresql": [...]}``
(per-backend DDL side by side); :func:`statements` reads either.

SQLite: ``PRAGMA user_version`` holds the number of migrations applied;
PostgreSQL: the one row of table ``schema_version``. Opening a store applies
the missing ones, each in its own transaction. Append new migrations at the
end, never edit one that has shipped.
"""

from __future__ import annotations

import re
import sqlite3

from ..errors import StoreError
from ..records import ACLED_COLUMNS, EXTRA_COLUMNS

# Column types of the events table (everything else is TEXT).
_INTEGER = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
            "fatalities", "timestamp", "evidence_start", "evidence_end", "comment_index",
            "fatalities_max", "geonameid"}
_REAL = {"latitude", "longitude", "confidence"}

EVENT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS
# The events columns migration 1 created (later migrations add the rest).
# Migration 1's event columns, frozen: a later field needs a migration of its own.
_V1_COLUMNS: tuple[str, ...] = (
    'event_id_cnty',
    'event_date',
    'year',
    'time_precision',
    'disorder_type',
    'event_type',
    'sub_event_type',
    'actor1',
    'assoc_actor_1',
    'inter1',
    'actor2',
    'assoc_actor_2',
    'inter2',
    'interaction',
    'civilian_targeting',
    'iso',
    'region',
    'country',
    'admin1',
    'admin2',
    'admin3',
    'location',
    'latitude',
    'longitude',
    'geo_precision',
    'source',
    'source_scale',
    'notes',
    'fatalities',
    'tags',
    'timestamp',
    'report_id',
    'source_kind',
    'comment_index',
    'evidence',
    'evidence_start',
    'evidence_end',
    'confidence',
    'patrons1',
    'patrons2',
    'fatalities_max',
    'geonameid',
)


def _event_columns_sql() -> str:
    cols = []
    for name in _V1_COLUMNS:
        if name == "report_id":
            cols.append("report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE")
        elif name == "event_id_cnty":
            cols.append("event_id_cnty TEXT NOT NULL")
        else:
            kind = "INTEGER" if name in _INTEGER else "REAL" if name in _REAL else "TEXT"
            cols.append(f"{name} {kind}")
    return ",\n    ".join(cols)


MIGRATIONS: list[list[str] | dict[str, list[str]]] = [
    # 1: the first tables.
    [
        """CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    url TEXT,
    title TEXT,
    published TEXT,
    outlet TEXT,
    text TEXT NOT NULL,
    origin TEXT,
    ingested_at TEXT NOT NULL
)""",
        """CREATE TABLE comments (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    parent INTEGER,
    author TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (report_id, idx)
)""",
        f"""CREATE TABLE events (
    event_id INTEGER PRIMARY KEY AUTOINCREMENT,
    {_event_columns_sql()}
)""",
        """CREATE TABLE place_mentions (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    comment INTEGER,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    geonameid INTEGER,
    name TEXT,
    lat REAL,
    lon REAL,
    geo_precision INTEGER
)""",
        "CREATE INDEX events_report ON events(report_id)",
        "CREATE INDEX events_event_id_cnty ON events(event_id_cnty)",
        "CREATE INDEX events_date ON events(event_date)",
        "CREATE INDEX events_sub_type ON events(sub_event_type)",
        "CREATE INDEX events_actor1 ON events(actor1)",
        "CREATE INDEX events_latlon ON events(latitude, longitude)",
        "CREATE INDEX place_mentions_report ON place_mentions(report_id)",
    ],
    # 2: comment triage (labels, toxicity, stance) and comment evidence on events.
    [
        "ALTER TABLE events ADD COLUMN supported_by TEXT",
        "ALTER TABLE events ADD COLUMN disputed_by TEXT",
        """CREATE TABLE comment_triage (
    report_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    labels TEXT NOT NULL,
    abusive INTEGER NOT NULL,
    toxicity REAL NOT NULL,
    stance TEXT NOT NULL,
    target TEXT,
    target_start INTEGER,
    target_end INTEGER,
    figure TEXT,
    PRIMARY KEY (report_id, idx),
    FOREIGN KEY (report_id, idx) REFERENCES comments(report_id, idx) ON DELETE CASCADE
)""",
    ],
    # 3: the type filter by index (`outposts serve`'s /api/events: type + date range).
    # SQLite matches ASCII names with COLLATE NOCASE; PostgreSQL's store uses lower().
    {
        "sqlite": [
            "CREATE INDEX events_type_nocase ON events(event_type COLLATE NOCASE, event_date)",
            "CREATE INDEX events_sub_type_nocase ON events(sub_event_type COLLATE NOCASE,"
            " event_date)",
        ],
        "postgresql": [
            "CREATE INDEX events_type_lower ON events(lower(event_type), event_date)",
            "CREATE INDEX events_sub_type_lower ON events(lower(sub_event_type), event_date)",
        ],
    },
    # 4: control assertions, as the coder gives them (posture reads these, never text).
    [
        """CREATE TABLE controls (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    site_id TEXT NOT NULL,
    holder TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    action TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (report_id, idx)
)""",
        "CREATE INDEX controls_site ON controls(site_id)",
    ],
]


def _incident_columns_sql() -> str:
    cols = []
    for name in EVENT_COLUMNS:
        if name == "event_id_cnty":
            cols.append("event_id_cnty TEXT NOT NULL")
        elif name == "report_id":
            cols.append("report_id TEXT NOT NULL")
        else:
            kind = "INTEGER" if name in _INTEGER else "REAL" if name in _REAL else "TEXT"
            cols.append(f"{name} {kind}")
    return ",\n    ".join(cols)


# 5: incidents merged at ingest (issue 18). ``incidents`` holds the merged event of each
# group (the same columns as events), ``events.incident_id`` links every stored event to
# its incident and ``events.cluster`` to its neighbourhood (a connected component of
# :func:`outposts.merge.compatible`, which the ingest re-merges). ``events.place_keys``:
# the places the evidence names (from the place mentions). ``store_meta``: a version
# that every write bumps (caches key on it) and the number of incidents. Indexes for
# keyset paging; SQLite gets R*Trees (latitude, longitude, day) for --near and for the
# merge's candidates; PostgreSQL B-trees, BRIN on dates and (with PostGIS) GiST.
_M5_COMMON = [
    "ALTER TABLE events ADD COLUMN incident_id TEXT",
    "ALTER TABLE events ADD COLUMN cluster INTEGER",
    "ALTER TABLE events ADD COLUMN place_keys TEXT",
    "CREATE INDEX events_incident ON events(incident_id)",
    "CREATE INDEX events_cluster ON events(cluster)",
    # superseded: the R*Tree / GiST serve --near, substring filters use no index, the
    # merge's candidates read events_nocoords and the R*Tree (SQLite) or
    # events_sub_date_geo (PostgreSQL). Fewer indexes, faster ingest.
    "DROP INDEX events_latlon",
    "DROP INDEX events_actor1",
    "DROP INDEX events_sub_type",
    "CREATE INDEX events_nocoords ON events(sub_event_type, event_date)"
    " WHERE latitude IS NULL OR longitude IS NULL",
    f"""CREATE TABLE incidents (
    incident_id TEXT PRIMARY KEY,
    source_count INTEGER NOT NULL,
    {_incident_columns_sql()}
)""",
    "CREATE INDEX incidents_date ON incidents(event_date, incident_id)",
    "CREATE INDEX incidents_kind ON incidents(source_kind, event_date, incident_id)",
    """CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
)""",
    "INSERT INTO store_meta (key, value) VALUES ('version', 0)",
    "INSERT INTO store_meta (key, value) VALUES ('incidents', 0)",
    "INSERT INTO store_meta (key, value) SELECT 'reports', count(*) FROM reports",
    "INSERT INTO store_meta (key, value) SELECT 'comments', count(*) FROM comments",
    "INSERT INTO store_meta (key, value) SELECT 'events', count(*) FROM events",
    "INSERT INTO store_meta (key, value) SELECT 'places', count(*) FROM place_mentions",
    """CREATE TABLE event_types (
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    PRIMARY KEY (event_type, sub_event_type)
)""",
    "INSERT INTO event_types (event_type, sub_event_type)"
    " SELECT DISTINCT event_type, sub_event_type FROM events",
]

MIGRATIONS.append({
    "sqlite": _M5_COMMON + [
        "CREATE INDEX incidents_type_nocase ON incidents(event_type COLLATE NOCASE, event_date,"
        " incident_id)",
        "CREATE INDEX incidents_sub_type_nocase ON incidents(sub_event_type COLLATE NOCASE,"
        " event_date, incident_id)",
        "CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon,"
        " min_day, max_day)",
        "CREATE VIRTUAL TABLE incidents_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon,"
        " min_day, max_day)",
        "INSERT INTO events_rtree SELECT event_id, latitude, latitude, longitude, longitude,"
        " julianday(event_date) - 1721424.5, julianday(event_date) - 1721424.5 FROM events"
        " WHERE latitude IS NOT NULL AND longitude IS NOT NULL",
    ],
    "postgresql": [],  # filled below, once to_postgres is defined
})

# 6: incidents counted per day, type and source kind (kept at ingest with the
# incidents): /api/events answers the total of a filter set of dates, type and source
# kind by summing at most a row per day and type, however dense the archive is.
MIGRATIONS.append([
    """CREATE TABLE incident_days (
    event_date TEXT NOT NULL,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (event_date, event_type, sub_event_type, source_kind)
)""",
    "INSERT INTO incident_days (event_date, event_type, sub_event_type, source_kind, n)"
    " SELECT event_date, coalesce(event_type, ''), coalesce(sub_event_type, ''),"
    " coalesce(source_kind, ''), count(*) FROM incidents GROUP BY 1, 2, 3, 4",
])

# 7: incidents' R*Tree for --near in two dimensions (latitude, longitude). The
# three-dimensional one (with the day) filled in date order grew leaves that each span
# the whole country for a few days, so a box with no dates read nearly every leaf: a
# --near page cost grew with the archive. (The events' R*Tree keeps its days: the
# merge's candidates are a box in space and time.)
MIGRATIONS.append({
    "sqlite": [
        "CREATE VIRTUAL TABLE incidents_near_rtree USING rtree(id, min_lat, max_lat, min_lon,"
        " max_lon)",
        "INSERT INTO incidents_near_rtree SELECT rowid, latitude, latitude, longitude, longitude"
        " FROM incidents WHERE latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY latitude",
        "DROP TABLE incidents_rtree",
    ],
    "postgresql": [],
})

SCHEMA_VERSION = len(MIGRATIONS)

# PostgreSQL has no implicit rowid: the tables read back "in the order stored"
# get an explicit one, last, so ``ORDER BY rowid`` means the same on both.
POSTGRES_EXTRA: dict[int, list[str]] = {
    1: [
        "ALTER TABLE reports ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY",
        "ALTER TABLE place_mentions ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY",
    ],
}


def to_postgres(statement: str) -> str:
    """A SQLite DDL statement as PostgreSQL runs it (same columns, same meaning)."""
    s = statement.replace("INTEGER PRIMARY KEY AUTOINCREMENT",
                          "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
    s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
    return re.sub(r"\bINTEGER\b", "BIGINT", s)


MIGRATIONS[4]["postgresql"] = [to_postgres(x) for x in _M5_COMMON] + [  # type: ignore[index]
    # keyset order of events (SQLite's events_date holds the rowid already)
    "CREATE INDEX events_date_id ON events(event_date, event_id)",
    "DROP INDEX events_date",
    "CREATE INDEX events_sub_date_geo ON events(sub_event_type, event_date, latitude, longitude)",
    "CREATE INDEX incidents_type_lower ON incidents(lower(event_type), event_date, incident_id)",
    "CREATE INDEX incidents_sub_type_lower ON incidents(lower(sub_event_type), event_date,"
    " incident_id)",
    "CREATE INDEX events_date_brin ON events USING brin (event_date)",
    "CREATE INDEX incidents_date_brin ON incidents USING brin (event_date)",
    "CREATE INDEX incidents_latlon ON incidents(latitude, longitude)",
    "CREATE INDEX reports_rowid ON reports(rowid)",
    "CREATE INDEX controls_report ON controls(report_id)",
]


def statements(number: int, dialect: str = "sqlite") -> list[str]:
    """The statements of migration ``number`` (1-based) for ``"sqlite"`` or ``"postgresql"``."""
    entry = MIGRATIONS[number - 1]
    if isinstance(entry, dict):
        return list(entry[dialect])
    if dialect == "sqlite":
        return list(entry)
    return [to_postgres(s) for s in entry] + POSTGRES_EXTRA.get(number, [])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; return the version.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {version}, newer than this outposts knows "
            f"({SCHEMA_VERSION}); upgrade outposts"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the write lock: another process may have migrated.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")
                continue
            for statement in statements(number, "sqlite"):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
