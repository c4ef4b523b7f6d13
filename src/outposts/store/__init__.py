"""The event store: reports, comments, coded events and place mentions.

:class:`Store` is the interface; :func:`open_store` picks the implementation
from a URL or path: SQLite (built in) or PostgreSQL (:mod:`.postgres`, the
``postgres`` extra), behind the same interface and schema.
"""

from __future__ import annotations

import math
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import StoreError
from ..records import Event, Extraction, PlaceMention, Report, TriagedComment

__all__ = ["Store", "default_location", "haversine_km", "near_box", "open_store"]


class Store(ABC):
    """Where extractions are kept. Use as a context manager or call close()."""

    @abstractmethod
    def add(self, extraction: Extraction) -> bool:
        """Store one report with its comments, events and place mentions in
        one transaction. Returns False (and adds nothing) when a report with
        the same id is already stored."""

    @abstractmethod
    def events(self, *, since: date | str | None = None, until: date | str | None = None,
               type: str | None = None, actor: str | None = None,
               near: tuple[float, float, float] | None = None,
               limit: int | None = None) -> Iterator[Event]:
        """Stored events, oldest first, filtered.

        ``since``/``until`` bound ``event_date`` (inclusive); ``type`` matches
        ``event_type`` or ``sub_event_type`` case-insensitively; ``actor`` is
        a case-insensitive substring of actor1, actor2 or the associated
        actors; ``near=(lat, lon, km)`` keeps events within ``km`` of the
        point (events without coordinates are left out).
        """

    @abstractmethod
    def report(self, report_id: str) -> Report | None:
        """The stored report with its comments, or None."""

    @abstractmethod
    def report_ids(self) -> Iterator[str]:
        """Ids of the stored reports, in the order they were stored."""

    @abstractmethod
    def place_mentions(self, report_id: str) -> list[PlaceMention]:
        """The place mentions stored with a report (offsets in the report's
        text, or in comment ``comment``'s text)."""

    @abstractmethod
    def triaged_comments(self, report_id: str | None = None, *,
                         show_abusive: bool = False) -> Iterator[TriagedComment]:
        """Stored comments with their triage (abusive ones only when asked)."""

    def event(self, event_id_cnty: str) -> Event | None:
        """The stored event with this ``event_id_cnty`` (the first stored, should
        two share it), or None. Backends override this with an indexed look-up."""
        return next((e for e in self.events() if e.event_id_cnty == event_id_cnty), None)

    def report_events(self, report_id: str) -> list[Event]:
        """The events stored with one report, in the order stored. Backends
        override this with an indexed look-up."""
        return [e for e in self.events() if e.report_id == report_id]

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """Counts: ``{"reports": n, "comments": n, "events": n, "places": n}``."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; the store is unusable afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def default_location() -> Path:
    """``$OUTPOSTS_DB`` when set, else ``outposts.db`` in the user data dir."""
    env = os.environ.get("OUTPOSTS_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("outposts")) / "outposts.db"


def open_store(url_or_path: str | Path | None = None) -> Store:
    """Open (creating and migrating as needed) the store at a URL or path.

    Accepted: ``None`` (:func:`default_location`, which may itself be a URL),
    a file path, ``sqlite:///relative/path``, ``sqlite:////absolute/path``,
    ``sqlite://`` or ``:memory:`` (in memory), and ``postgresql://…`` (also
    ``postgres://`` and ``postgresql+psycopg://``; needs the ``postgres``
    extra: psycopg 3).
    """
    target: str | Path = default_location() if url_or_path is None else url_or_path
    text = str(target)
    if text.startswith(("postgresql://", "postgres://", "postgresql+")):
        from .postgres import PostgresStore

        return PostgresStore(text)
    if text.startswith("sqlite://"):
        rest = text[len("sqlite://"):]
        if rest in ("", "/", "/:memory:"):
            path = ":memory:"
        elif rest.startswith("/"):
            path = rest[1:]
        else:
            raise StoreError(f"cannot read the SQLite URL {text!r}: use sqlite:///PATH")
    elif "://" in text:
        raise StoreError(f"unknown store URL scheme {text.split('://')[0]!r}")
    else:
        path = text
    from .sqlite import SQLiteStore

    return SQLiteStore(path)


def near_box(lat: float, lon: float, km: float) -> tuple[float, float, float | None, float | None]:
    """A latitude/longitude box holding every point within ``km`` of (lat, lon):
    ``(lat_lo, lat_hi, lon_lo, lon_hi)``, the longitude bounds None where the box
    would reach a pole or wrap the antimeridian (then only latitude bounds it)."""
    dlat = km / 111.0 + 0.01
    coslat = math.cos(math.radians(min(89.9, abs(lat) + dlat)))
    dlon = km / (111.0 * coslat) + 0.01 if coslat > 0.01 else 360.0
    if abs(lat) + dlat < 89.9 and lon - dlon > -180 and lon + dlon < 180:
        return lat - dlat, lat + dlat, lon - dlon, lon + dlon
    return lat - dlat, lat + dlat, None, None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
