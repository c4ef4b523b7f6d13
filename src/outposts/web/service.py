"""What the web face serves, as plain calls over the library (store, merge,
posture, triage). No HTTP here: :mod:`.api` and :mod:`.pages` turn these
dicts into responses.

One :class:`Catalog` per app. Endpoints run in a thread pool, so each thread
opens its own store connection (SQLite connections stay in their thread).
Incidents are merged at ingest and read from the store a keyset page at a
time (nothing is merged here). Control timelines are kept per site and brought
up to date from the assertions stored since they were built (only the sites a
new report touches are recomputed); other derived answers sit in a small
cache keyed by the store's version, which every write bumps, so nothing stale
is ever served.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import GazetteerError
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
        self._posture_lock = threading.Lock()
        self._lines: dict = {}
        self._lines_mark: int | None = None
        self._lines_version: int | None = None
        self._site_controls: dict[str, list] = {}

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

    def _version(self) -> int:
        return self.store().version()

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

    def _filters(self, f: EventFilter) -> dict[str, Any]:
        return dict(since=f.since, until=f.until, type=f.type, actor=f.actor, near=f.near,
                    patron=f.patron, source_kind=f.source_kind)

    def merged(self, f: EventFilter) -> list[MergedEvent]:
        """Every incident matching ``f`` (stored merged at ingest), oldest first."""
        out, after = [], None
        while True:
            page, after = self.store().incident_page(after=after, limit=MAX_PAGE,
                                                     **self._filters(f))
            out += page
            if after is None:
                return out

    def events_page(self, f: EventFilter, offset: int, limit: int,
                    unmerged: bool = False, after: str | None = None) -> dict[str, Any]:
        """A page of incidents (or, ``unmerged``, of stored events) after the
        keyset cursor ``after`` (the ``next`` of the page before); ``offset``
        skips more (kept for old clients: it reads what it skips)."""
        store = self.store()
        key = _cursor(after, unmerged)
        if unmerged:
            got, nxt = store.event_page(after=key, limit=offset + limit, **self._filters(f))
            rows = [MergedEvent(e, (e,)) for e in got[offset:]]
        else:
            found, nxt = store.incident_page(after=key, limit=offset + limit, rows=True,
                                             **self._filters(f))
            rows = found[offset:]
        page = [_event_row(m) if isinstance(m, MergedEvent) else dict(m, id=m["event_id_cnty"])
                for m in rows]
        total = None
        if not unmerged and (not (f.actor or f.patron) or f.since or f.until or f.type
                             or f.near or f.source_kind or (nxt is None and not offset
                                                            and not after)):
            # counted by index; a substring filter alone would read every incident:
            # then total is known only when this first page is the last
            total = len(rows) if nxt is None and not offset and not after else self._cached(
                ("count", f), lambda: store.incident_count(**self._filters(f)))
        return {"total": total, "offset": offset, "limit": limit, "more": nxt is not None,
                "next": _encode(nxt, unmerged) if nxt is not None else None, "events": page}

    def event_detail(self, event_id: str) -> dict[str, Any]:
        """One incident (found by the id of any of its stored events) with, per
        account, its report, the paragraph around the evidence and the comments
        that support or dispute it."""
        store = self.store()
        incident = store.incident(event_id)
        if incident is None:
            raise NotFound(f"no event {event_id!r}")
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

    def _timelines(self) -> dict:
        """Control timelines per site, brought up to date with the assertions
        stored since the last call: only the sites they name are rebuilt (from
        that site's stored assertions; a timeline depends on its site's alone)."""
        from ..posture import prepare, timelines

        store = self.store()
        version = store.version()
        with self._posture_lock:
            if self._lines_version == version:
                return self._lines
            first = self._lines_mark is None
            new, mark = store.controls_after(self._lines_mark)
            if new:
                # each site's assertions are kept here in storage order: a site a new
                # report names is rebuilt from them, not read and decoded again
                by_site = self._site_controls
                for c in new:
                    by_site.setdefault(c.site.id, []).append(c)
                lines = {} if first else dict(self._lines)
                for sid in dict.fromkeys(c.site.id for c in new):
                    rebuilt = timelines(by_site[sid])
                    prepare(rebuilt)
                    lines.update(rebuilt)
                self._lines = lines
            self._lines_mark, self._lines_version = mark, version
            return self._lines

    def warm(self) -> None:
        """Build the control timelines ahead of the first request (the server calls
        this in a thread as it starts): the map asks for ``/api/posture`` first, and
        building every site's timeline from the stored assertions takes seconds at a
        million events. The thread's own connection is closed when it is done."""
        try:
            self._timelines()
        except Exception as exc:  # noqa: BLE001 - a request meets it again and says why
            logging.getLogger(__name__).debug("posture not built ahead: %s", exc)
        finally:
            store = getattr(self._local, "store", None)
            if store is not None:
                self._local.store = None
                with self._lock:
                    self._stores.remove(store)
                store.close()

    def posture(self, at: date, near=None, actor: str | None = None) -> list[dict[str, Any]]:
        from ..posture import posture_from

        return posture_from(self._timelines(), at, near=near, actor=actor)

    def posture_json(self, at: date, near=None, actor: str | None = None) -> str:
        """``/api/posture``'s body, rows encoded once per interval and date class."""
        from ..posture import posture_json

        return posture_json(self._timelines(), at, near=near, actor=actor)

    def timeline(self, site_id: str) -> dict[str, Any]:
        lines = self._timelines()
        if site_id not in lines:
            raise NotFound(f"no site {site_id!r}")
        intervals = lines[site_id]
        return {"site": intervals[0].site.as_row(), "intervals": [iv.as_row() for iv in intervals]}

    def meta(self) -> dict[str, Any]:
        """What the map needs to build its controls: date range and event types."""
        def compute():
            store = self.store()
            lo, hi = store.date_range()
            types: dict[str, set[str]] = {}
            for event_type, sub in store.event_types():
                types.setdefault(event_type, set()).add(sub)
            return {"first_date": lo.isoformat() if lo else None,
                    "last_date": hi.isoformat() if hi else None,
                    "event_types": {k: sorted(v) for k, v in sorted(types.items())},
                    "counts": store.stats()}
        return self._cached(("meta",), compute)


class BadCursor(ValueError):
    """An ``after`` cursor this server did not give out."""


def _encode(key: tuple, unmerged: bool) -> str:
    from ..store.incidents import encode_cursor

    return encode_cursor(key[0], str(key[1]))


def _cursor(text: str | None, unmerged: bool) -> tuple | None:
    if not text:
        return None
    from ..store.incidents import decode_cursor

    try:
        first, rest = decode_cursor(text)
        return (first, int(rest)) if unmerged else (first, rest)
    except ValueError:
        raise BadCursor("after is not a cursor this server gave (use the page's next)") from None


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

