"""The store interface every backend implements (:class:`Store`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from datetime import date

from ..records import Control, Event, Extraction, PlaceMention, Report, TriagedComment

__all__ = ["Store"]


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
    def controls(self, report_id: str | None = None) -> Iterator[Control]:
        """Stored control assertions (of one report, or all), in storage order."""

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
