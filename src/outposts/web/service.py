"""What the web face serves, as plain calls over the library (store, merge,
posture, triage). No HTTP here: :mod:`.api` and :mod:`.pages` turn these
dicts into responses.

One :class:`Catalog` per app. Endpoints run in a thread pool, so each thread
opens its own store connection (SQLite connections stay in their thread).
Merged events and control assertions are computed on read, like the CLI
does, and kept in a small cache keyed by the store's counts: adding a report
changes the counts, so nothing stale is ever served.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Any

from ..errors import GazetteerError
from ..merge import merge_events
from ..records import Event, MergedEvent, Report, TriagedComment

MAX_PAGE = 1000
_CACHE_SIZE = 64


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``/api/events`` and of the map (all optional)."""

    since: date | None = None
    until: date | None = None
    type: str | None = None
    actor: str | None = None
    patron: str | None = None
    source_kind: str | None = None
    near: tuple[float, float, float] | None = None  # (lat, lon, km)

    def keep(self, e: Event) -> bool:
        """The filters the store does not apply itself."""
        if self.source_kind and e.source_kind != self.source_kind:
            return False
        if self.patron:
            needle = self.patron.casefold().strip()
            if not any(needle in p.casefold() for p in e.patrons1 + e.patrons2):
                return False
        return True


class NotFound(LookupError):
    """The asked-for thing is not in the store."""


class Catalog:
    """The store at ``db`` seen through the library, for the web face."""

    def __init__(self, db: str | None, gazetteer=None):
        self.db = db
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._gazetteer = gazetteer
        self._gazetteer_tried = gazetteer is not None
        self._stores: list = []

    # -- resources ---------------------------------------------------------

    def store(self):
        store = getattr(self._local, "store", None)
        if store is None:
            from ..store import open_store

            store = open_store(self.db)
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    def gazetteer(self):
        """The gazetteer when one is built (never built here: that takes a while)."""
        with self._lock:
            if not self._gazetteer_tried:
                self._gazetteer_tried = True
                from ..places import Gazetteer

                try:
                    self._gazetteer = Gazetteer.open(build=False)
                except GazetteerError:
                    self._gazetteer = None
            return self._gazetteer

    def close(self) -> None:
        with self._lock:
            for store in self._stores:
                try:
                    store.close()
                except Exception as exc:  # noqa: BLE001 - a connection of another thread
                    logging.getLogger(__name__).debug("store left to the process exit: %s", exc)
            self._stores.clear()
            if self._gazetteer is not None:
                self._gazetteer.close()
                self._gazetteer, self._gazetteer_tried = None, False

    def place(self, name: str) -> tuple[float, float] | None:
        """Coordinates of a gazetteer place by name, or None."""
        gaz = self.gazetteer()
        if gaz is None:
            raise GazetteerError("no gazetteer is built: run `outposts gazetteer build`")
        with self._lock:
            found = gaz.lookup(name, limit=1)
        return (found[0].latitude, found[0].longitude) if found else None

    def _version(self) -> tuple:
        return tuple(sorted(self.store().stats().items()))

    def _cached(self, key: tuple, compute):
        key = (self._version(), *key)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    # -- events ------------------------------------------------------------

    def _stored(self, f: EventFilter, limit: int | None = None):
        rows = self.store().events(since=f.since, until=f.until, type=f.type, actor=f.actor,
                                   near=f.near)
        rows = (e for e in rows if f.keep(e))
        return list(rows if limit is None else islice(rows, limit))

    def merged(self, f: EventFilter) -> list[MergedEvent]:
        """Incidents matching ``f`` (filters first, then merging, as ``outposts events``)."""
        return self._cached(("merged", f), lambda: merge_events(self._stored(f)))

    def events_page(self, f: EventFilter, offset: int, limit: int,
                    unmerged: bool = False) -> dict[str, Any]:
        if unmerged:
            rows = self._stored(f, offset + limit + 1)
            page = [_event_row(MergedEvent(e, (e,))) for e in rows[offset:offset + limit]]
            total = None if len(rows) > offset + limit else len(rows)
            more = len(rows) > offset + limit
        else:
            merged = self.merged(f)
            page = [_event_row(m) for m in merged[offset:offset + limit]]
            total = len(merged)
            more = offset + limit < total
        return {"total": total, "offset": offset, "limit": limit, "more": more, "events": page}

    def event_detail(self, event_id: str) -> dict[str, Any]:
        """One incident (found by the id of any of its stored events) with, per
        account, its report, the paragraph around the evidence and the comments
        that support or dispute it."""
        store = self.store()
        found = store.event(event_id)
        if found is None:
            raise NotFound(f"no event {event_id!r}")
        window = timedelta(days=62)  # twice the widest merge slack
        f = EventFilter(since=found.event_date - window, until=found.event_date + window,
                        type=found.sub_event_type)
        incident = next((m for m in self.merged(f)
                         if any(x.event_id_cnty == event_id for x in m.members)),
                        MergedEvent(found, (found,)))
        row = _event_row(incident)
        reports: dict[str, Report | None] = {}
        comments: dict[str, dict[int, TriagedComment]] = {}
        accounts = []
        for m in incident.members:
            if m.report_id not in reports:
                reports[m.report_id] = store.report(m.report_id)
                comments[m.report_id] = {c.index: c for c in store.triaged_comments(
                    m.report_id, show_abusive=True)}
            accounts.append(_account(m, reports[m.report_id], comments[m.report_id]))
        row["accounts"] = accounts
        return row

    # -- reports -----------------------------------------------------------

    def report_detail(self, report_id: str, show_abusive: bool = False) -> dict[str, Any]:
        store = self.store()
        report = store.report(report_id)
        if report is None:
            raise NotFound(f"no report {report_id!r}")
        triaged = {c.index: c for c in store.triaged_comments(report_id, show_abusive=True)}
        thread = []
        hidden = 0
        for c in report.comments:
            t = triaged.get(c.index)
            row = (t.as_row() if t is not None else
                   TriagedComment(report_id, c.index, c.text, author=c.author,
                                  parent=c.parent).as_row())
            row["abusive"] = bool(t and t.abusive)
            if row["abusive"] and not show_abusive:
                hidden += 1
                continue
            thread.append(row)
        events = store.report_events(report_id)
        return {
            "id": report.id, "title": report.title, "url": report.url,
            "published": report.published.isoformat() if report.published else None,
            "outlet": report.outlet, "text": report.text,
            "paragraphs": paragraphs(report.text),
            "comments": thread, "abusive_hidden": hidden,
            "events": [_event_row(MergedEvent(e, (e,))) for e in events],
        }

    # -- posture -----------------------------------------------------------

    def assertions(self):
        from ..posture import assertions

        return self._cached(("assertions",), lambda: assertions(self.store()))

    def posture(self, at: date, near=None, actor: str | None = None) -> list[dict[str, Any]]:
        from ..posture import posture

        return posture(self.assertions(), at, near=near, actor=actor)

    def timeline(self, site_id: str) -> dict[str, Any]:
        from ..posture import timelines

        lines = self._cached(("timelines",), lambda: timelines(self.assertions()))
        if site_id not in lines:
            raise NotFound(f"no site {site_id!r}")
        intervals = lines[site_id]
        return {"site": intervals[0].site.as_row(), "intervals": [iv.as_row() for iv in intervals]}

    def meta(self) -> dict[str, Any]:
        """What the map needs to build its controls: date range and event types."""
        def compute():
            lo = hi = None
            types: dict[str, set[str]] = {}
            for e in self.store().events():
                lo = e.event_date if lo is None or e.event_date < lo else lo
                hi = e.event_date if hi is None or e.event_date > hi else hi
                types.setdefault(e.event_type, set()).add(e.sub_event_type)
            return {"first_date": lo.isoformat() if lo else None,
                    "last_date": hi.isoformat() if hi else None,
                    "event_types": {k: sorted(v) for k, v in sorted(types.items())},
                    "counts": self.store().stats()}
        return self._cached(("meta",), compute)


def _event_row(m: MergedEvent) -> dict[str, Any]:
    row = m.as_row()
    row["id"] = m.event.event_id_cnty
    return row


def paragraphs(text: str) -> list[dict[str, Any]]:
    """The blank-line separated paragraphs of a report's text, with offsets."""
    out = []
    start = 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            lead = len(block) - len(block.lstrip())
            out.append({"start": start + lead, "end": start + lead + len(stripped),
                        "text": stripped})
        start += len(block) + 2
    return out


def _account(e: Event, report: Report | None, comments: dict[int, TriagedComment]) -> dict:
    """One stored event as told by its report: the paragraph holding the
    evidence (offsets of the evidence inside it) and the comments about it."""
    context, start, end = "", 0, 0
    if e.source_kind == "comment" and e.comment_index is not None:
        c = comments.get(e.comment_index)
        if c is not None:
            context, start, end = c.text, e.evidence_start, e.evidence_end
    elif report is not None:
        para = next((p for p in paragraphs(report.text)
                     if p["start"] <= e.evidence_start < p["end"] + 1), None)
        if para is not None:
            context = para["text"]
            start, end = e.evidence_start - para["start"], e.evidence_end - para["start"]
    if not (0 <= start <= end <= len(context)) or context[start:end] != e.evidence[:end - start]:
        # offsets that do not match the stored text: show the evidence on its own
        context, start, end = e.evidence, 0, len(e.evidence)

    def rows(indexes):
        return [dict(comments[i].as_row(), abusive=comments[i].abusive)
                for i in indexes if i in comments]

    return {
        "event_id": e.event_id_cnty, "report_id": e.report_id,
        "report_title": report.title if report else None,
        "published": report.published.isoformat() if report and report.published else None,
        "outlet": report.outlet if report else None,
        "source": e.source, "source_kind": e.source_kind, "comment_index": e.comment_index,
        "evidence": e.evidence, "context": context,
        "evidence_start": start, "evidence_end": end,
        "fatalities": e.fatalities, "confidence": e.confidence,
        "supported_by": rows(e.supported_by), "disputed_by": rows(e.disputed_by),
    }

