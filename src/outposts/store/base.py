"""The store interface every backend implements (:class:`Store`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from datetime import date

from ..records import (Control, Event, Extraction, MergedEvent, PlaceMention, Report,
                       TriagedComment)

__all__ = ["Store"]


class Store(ABC):
    """Where extractions are kept. Use as a context manager or call close()."""

    @abstractmethod
    def add(self, extraction: Extraction) -> bool:
        """Store one report with its comments, events and place mentions in
        one transaction. Returns False (and adds nothing) when a report with
        the same id is already stored."""

    def add_many(self, extractions: Iterable[Extraction]) -> int:
        """Store a batch of reports; returns how many were new. The built-in
        stores write a batch in one transaction (all of it or none of it);
        this default adds them one by one."""
        return sum(1 for ex in extractions if self.add(ex))

    def version(self) -> int:
        """A number that changes whenever a write commits (caches key on it)."""
        return hash(tuple(sorted(self.stats().items())))

    # -- incidents (merged at ingest by the built-in stores) -----------------

    def incident_page(self, *, since=None, until=None, type=None, actor=None, near=None,
                      patron=None, source_kind=None, after: tuple[str, str] | None = None,
                      limit: int = 100, rows: bool = False
                      ) -> tuple[list[MergedEvent], tuple[str, str] | None]:
        """Incidents matching the filters (on the merged event), ordered by
        (date, incident key), the first ``limit`` after the keyset ``after``;
        with the key to pass as ``after`` for the next page (None at the end).
        ``rows=True``: each as ``MergedEvent.as_row()`` (what the API serves, made
        straight from the stored rows). The built-in stores read the incidents
        they keep; this default merges the stored events on read."""
        from ..merge import merge_events
        from .incidents import incident_id

        as_rows = rows

        merged = merge_events(self.events(since=since, until=until, type=type, actor=actor,
                                          near=near))
        rows = []
        for m in merged:
            if source_kind and m.event.source_kind != source_kind:
                continue
            if patron and not any(patron.casefold().strip() in p.casefold()
                                  for p in m.event.patrons1 + m.event.patrons2):
                continue
            key = (m.event.event_date.isoformat(), incident_id(m.members[0]))
            if after is None or key > tuple(after):
                rows.append((key, m))
        rows.sort(key=lambda r: r[0])
        page = rows[:limit]
        out = [m.as_row() if as_rows else m for _, m in page]
        return out, (page[-1][0] if len(rows) > limit else None)

    def incident_count(self, **filters) -> int:
        """How many incidents match the filters of :meth:`incident_page`."""
        count, after = 0, None
        while True:
            page, after = self.incident_page(after=after, limit=1000, **filters)
            count += len(page)
            if after is None:
                return count

    def incidents(self, *, since=None, until=None, type=None, actor=None, near=None,
                  limit=None) -> Iterator[MergedEvent]:
        """Incidents matching the filters, oldest first (see :meth:`incident_page`)."""
        after, left = None, limit
        while left is None or left > 0:
            page, after = self.incident_page(since=since, until=until, type=type, actor=actor,
                                             near=near, after=after,
                                             limit=min(1000, left) if left else 1000)
            yield from page
            if left is not None:
                left -= len(page)
            if after is None:
                return

    def incident(self, event_id_cnty: str) -> MergedEvent | None:
        """The incident holding the stored event ``event_id_cnty``, or None."""
        found = self.event(event_id_cnty)
        if found is None:
            return None
        from datetime import timedelta

        window = timedelta(days=62)
        for m in self.incidents(since=found.event_date - window, until=found.event_date + window,
                                type=found.sub_event_type):
            if any(x.event_id_cnty == event_id_cnty for x in m.members):
                return m
        return MergedEvent(found, (found,))

    def event_page(self, *, since=None, until=None, type=None, actor=None, near=None,
                   patron=None, source_kind=None, after: tuple[str, int] | None = None,
                   limit: int = 100) -> tuple[list[Event], tuple[str, int] | None]:
        """Stored events (unmerged), a keyset page at a time: ``after`` is
        (event_date, event_id). This default reads through :meth:`events`."""
        rows = []
        for i, e in enumerate(self.events(since=since, until=until, type=type, actor=actor,
                                          near=near)):
            if source_kind and e.source_kind != source_kind:
                continue
            if patron and not any(patron.casefold().strip() in p.casefold()
                                  for p in e.patrons1 + e.patrons2):
                continue
            key = (e.event_date.isoformat(), i)
            if after is None or key > tuple(after):
                rows.append((key, e))
                if len(rows) > limit:
                    break
        page = rows[:limit]
        return [e for _, e in page], (page[-1][0] if len(rows) > limit else None)

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
    def controls(self, report_id: str | None = None, *,
                 site_id: str | None = None) -> Iterator[Control]:
        """Stored control assertions (of one report, of one site, or all), in storage order."""

    def controls_after(self, mark: int | None) -> tuple[list[Control], int | None]:
        """The control assertions stored after ``mark`` (None: all) and the mark to
        pass next time. This default reads them all again whenever they changed."""
        items = list(self.controls())
        return (items if len(items) != (mark or 0) else []), len(items)

    def date_range(self) -> tuple[date | None, date | None]:
        """The first and last event dates stored (None, None when empty)."""
        lo = hi = None
        for e in self.events():
            lo = e.event_date if lo is None or e.event_date < lo else lo
            hi = e.event_date if hi is None or e.event_date > hi else hi
        return lo, hi

    def event_types(self) -> list[tuple[str, str]]:
        """The (event type, sub-event type) pairs stored."""
        return sorted({(e.event_type, e.sub_event_type) for e in self.events()})

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
