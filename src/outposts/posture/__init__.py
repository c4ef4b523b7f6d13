"""Posture: who holds which site, backed by whom, since when, says who.

:func:`assertions` reads the control assertions the coder made and the store
kept (:mod:`outposts.code.control` decides control; nothing here reads text);
:func:`timelines` orders them per site into intervals —
a gain by another force closes the previous holder's interval, a loss
(withdrew, handed over) closes the loser's, and two reports that put
different holders on a site for the same period (or a report saying the old
holder *still* holds it) make the interval ``contested`` rather than picking
one. :func:`posture` is the picture at a date. Timelines are a deterministic
function of the stored assertions.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..actors.names import same_force
from ..merge import DAYS_BY_TIME_PRECISION
from ..records import Control, Dispute, Site

__all__ = ["Interval", "assertions", "posture", "posture_from", "posture_json", "prepare",
           "timelines"]

_ACTION_ORDER = {"loss": 0, "gain": 1, "confirm": 2}


@dataclass
class Interval:
    """One holder's stay on a site, with the assertions behind it."""

    site: Site
    holder: str
    valid_from: date | None
    valid_to: date | None = None
    assertions: list[Control] = field(default_factory=list)
    claims: list[Control] = field(default_factory=list)  # contradicting assertions
    contested_from: date | None = None
    # posture rows of this interval, by date class (built on first use; a timeline
    # is rebuilt, not edited, when its site gets a new assertion)
    rows: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def status(self) -> str:
        return "contested" if self.claims else "held"

    @property
    def patrons(self) -> list[str]:
        return list(dict.fromkeys(p for a in self.assertions for p in a.patrons))

    @property
    def associated(self) -> list[str]:
        return list(dict.fromkeys(p for a in self.assertions for p in a.associated))

    @property
    def sources(self) -> list[str]:
        """Who said this holder held it (the reports of its loss only when
        nothing else tells of it)."""
        held = [a for a in self.assertions if a.action != "loss"] or self.assertions
        return list(dict.fromkeys(s for a in held for s in a.sources))

    @property
    def disputed_by(self) -> list[Dispute]:
        return list(dict.fromkeys(d for a in self.assertions + self.claims for d in a.disputed_by))

    def covers(self, at: date) -> bool:
        return (self.valid_from is None or self.valid_from <= at) and (
            self.valid_to is None or at < self.valid_to)

    def as_row(self) -> dict[str, Any]:
        return {
            "site": self.site.name, "site_id": self.site.id, "holder": self.holder,
            "patrons": self.patrons, "associated": self.associated,
            "valid_from": _iso(self.valid_from), "valid_to": _iso(self.valid_to),
            "status": self.status, "contested_from": _iso(self.contested_from),
            "sources": self.sources,
            "claims": [{"holder": c.holder, "patrons": list(c.patrons),
                        "valid_from": _iso(c.valid_from), "sources": list(c.sources),
                        "report_ids": list(c.report_ids)} for c in self.claims],
            "assertions": [a.as_row() for a in self.assertions + self.claims],
            "disputed_by": [_dispute_row(d, self) for d in self.disputed_by],
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _dispute_row(d: Dispute, iv: Interval) -> dict[str, Any]:
    row = d.as_row()
    disputed = next((a for a in iv.assertions + iv.claims if d in a.disputed_by), None)
    if disputed is not None:  # the assertion the comment disputes
        row["disputes"] = {"holder": disputed.holder, "verb": disputed.verb,
                           "valid_from": _iso(disputed.valid_from),
                           "evidence": [e.text for e in disputed.evidence]}
    return row


def assertions(store) -> list[Control]:
    """Every stored control assertion, in storage order (the coder made them at
    ingest; through the backend-neutral :class:`~outposts.store.Store` interface)."""
    return list(store.controls())


def _tolerance(a: Control, b_date: date | None, b_precision: int) -> int:
    return 1 + DAYS_BY_TIME_PRECISION.get(a.time_precision, 15) + \
        DAYS_BY_TIME_PRECISION.get(b_precision, 15)


def _same(a: str, b: str) -> bool:
    return same_force(a, b)


def _when(a: Control) -> date:
    d = a.valid_from or a.valid_to
    return d or date.min


def _sort_key(a: Control) -> tuple:
    return (_when(a), _ACTION_ORDER[a.action], a.report_ids, a.holder,
            tuple(e.start for e in a.evidence))


def _site_timeline(site: Site, items: list[Control]) -> list[Interval]:
    intervals: list[Interval] = []
    losses: dict[str, list[Control]] = {}
    for x in items:
        if x.action == "loss":
            for r in dict.fromkeys(x.report_ids):
                losses.setdefault(r, []).append(x)
    for a in sorted(items, key=_sort_key):
        cur = next((iv for iv in reversed(intervals) if iv.valid_to is None), None)
        when = _when(a)
        if a.action == "loss":
            owner = next((iv for iv in reversed(intervals) if _same(iv.holder, a.holder)
                          and (iv.valid_to is None or iv.valid_to == a.valid_to)), None)
            if owner is not None:
                owner.valid_to = owner.valid_to or a.valid_to
                owner.assertions.append(a)
            else:  # the previous holder, known only from its loss
                intervals.insert(0, Interval(site, a.holder, None, a.valid_to, [a]))
            continue
        if cur is None:
            intervals.append(Interval(site, a.holder, a.valid_from, None, [a]))
            continue
        last = max(_when(x) for x in cur.assertions)
        near = abs((when - last).days) <= _tolerance(a, last, min(
            x.time_precision for x in cur.assertions))
        if _same(cur.holder, a.holder):
            if cur.claims and cur.contested_from and \
                    (when - cur.contested_from).days > _tolerance(a, when, 1):
                cur.valid_to = when  # a later report settles the contest
                intervals.append(Interval(site, a.holder, a.valid_from, None, [a]))
            else:
                cur.assertions.append(a)
                if len(a.holder) > len(cur.holder):
                    cur.holder = a.holder
            continue
        if any(_same(c.holder, a.holder) for c in cur.claims) and cur.contested_from and \
                (when - cur.contested_from).days <= _tolerance(a, when, 1):
            cur.claims.append(a)
            continue
        reports_of_cur = {r for x in cur.assertions for r in x.report_ids}
        # Did the same report say the current holder lost it? Then it is a change.
        conflict = (a.action == "confirm"
                    or (near and not set(a.report_ids) & reports_of_cur))
        if conflict and not _loss_in_same_report(losses, a, cur.holder):
            cur.claims.append(a)
            cur.contested_from = cur.contested_from or when
            continue
        cur.valid_to = when
        intervals.append(Interval(site, a.holder, a.valid_from, None, [a]))
    intervals.sort(key=lambda iv: (iv.valid_from or date.min, iv.valid_to or date.max))
    return intervals


def _loss_in_same_report(losses: dict[str, list[Control]], a: Control, holder: str) -> bool:
    """Did a report of ``a`` also say ``holder`` lost the site? (``losses``: the site's
    loss assertions by report id.)"""
    return any(_same(x.holder, holder) for r in a.report_ids for x in losses.get(r, ()))


def timelines(items: list[Control]) -> dict[str, list[Interval]]:
    """Intervals per site id (sites in order of first mention)."""
    by_site: dict[str, list[Control]] = {}
    sites: dict[str, Site] = {}
    for a in items:
        by_site.setdefault(a.site.id, []).append(a)
        # the widest naming wins ("border posts" over "posts"), deterministically
        old = sites.get(a.site.id)
        if old is None or (len(a.site.name), a.site.name) > (len(old.name), old.name):
            sites[a.site.id] = a.site
    out = {}
    for sid, group in by_site.items():
        site = sites[sid]
        out[sid] = _site_timeline(site, [a if a.site == site else replace(a, site=site)
                                         for a in group])
        for iv in out[sid]:
            iv.site = site
    return out


def posture(items: list[Control], at: date, *, near: tuple[float, float, float] | None = None,
            actor: str | None = None) -> list[dict[str, Any]]:
    """One row per site held (or contested) at ``at``, nearest/first first."""
    return posture_from(timelines(items), at, near=near, actor=actor)


def posture_from(lines: dict[str, list[Interval]], at: date, *,
                 near: tuple[float, float, float] | None = None,
                 actor: str | None = None) -> list[dict[str, Any]]:
    """:func:`posture` from timelines already built (:func:`timelines`, or kept up
    to date site by site as assertions arrive: a site's timeline depends only on
    that site's assertions)."""
    return [dict(row) for _, row, _ in _posture_rows(lines, at, near, actor)]


def posture_json(lines: dict[str, list[Interval]], at: date, *,
                 near: tuple[float, float, float] | None = None,
                 actor: str | None = None) -> str:
    """``{"at": ..., "sites": posture_from(...)}`` as compact JSON. Each site's row
    is encoded once per interval and date class (what holds it, who held it
    before, how far): a request mostly joins encoded rows."""
    parts = [text for _, _, text in _posture_rows(lines, at, near, actor, encode=True)]
    return '{"at":' + _dumps(at.isoformat()) + ',"sites":[' + ",".join(parts) + "]}"


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _posture_rows(lines: dict[str, list[Interval]], at: date, near, actor,
                  encode: bool = False) -> list[tuple]:
    from ..geo import haversine_km

    out = []
    for intervals in lines.values():
        if not intervals:
            continue
        index = _index(intervals)
        held, contested, previous, runs = index.at(intervals, at)
        if held is None:
            continue
        iv = intervals[held]
        site = iv.site
        distance = None
        if near is not None:
            if site.latitude is None:
                continue
            distance = haversine_km(near[0], near[1], site.latitude, site.longitude)
            if distance > near[2]:
                continue
        if actor:
            needle = actor.casefold().strip()
            names = [iv.holder, *iv.patrons, *iv.associated] + [c.holder for c in iv.claims]
            if not any(needle in n.casefold() for n in names):
                continue
        km = round(distance, 1) if distance is not None else None
        order = (km if km is not None else 0.0, site.name)
        if encode:
            # the row's JSON around its "previous" list (encoded once per interval and
            # date class) joined with the previous intervals' entries (a slice or two of
            # the site's chain of them: previous holders follow one another in the
            # timeline): a request costs a few operations per site, however long the
            # site's history
            head, tail = _encoded(iv, contested, km)
            out.append((order, None, head + "[" + index.previous(intervals, runs) + "]" + tail))
            continue
        key = (contested, previous, km)
        row = iv.rows.get(key)
        if row is None:
            row = iv.rows[key] = _site_row(iv, [intervals[i] for i in previous], contested, km)
        out.append((order, row, None))
    out.sort(key=lambda r: r[0])
    return out


class _SiteIndex:
    """Where a site's answer changes. Whether an interval holds the site at a date,
    whether it is contested then and which intervals came before all turn on tests
    ``d <= at`` against the intervals' dates, so between two consecutive dates of the
    timeline the answer is the same: it is found by bisection and kept per span,
    not worked out again from every interval on every request (a site's history grows
    with the archive; the answer for one date need not cost that history)."""

    __slots__ = ("bounds", "spans", "chain", "starts", "ends")

    def __init__(self, intervals: list[Interval]):
        dates = {d for iv in intervals for d in (iv.valid_from, iv.valid_to, iv.contested_from)
                 if d is not None}
        self.bounds = sorted(dates)
        self.spans: dict[int, tuple] = {}
        self.chain: str | None = None
        self.starts: list[int] = []
        self.ends: list[int] = []

    def at(self, intervals: list[Interval], at: date) -> tuple:
        """(index of the interval that holds the site at ``at`` or None, contested?,
        indexes of the previous intervals, the same as runs of consecutive indexes
        ``(first, last)``)."""
        span = bisect_right(self.bounds, at)
        found = self.spans.get(span)
        if found is None:
            found = self.spans[span] = _answer(intervals, at)
        return found

    def previous(self, intervals: list[Interval], runs: tuple[tuple[int, int], ...]) -> str:
        """The JSON entries (comma-separated) of the previous intervals, given as runs
        of consecutive indexes: slices of the chain of every interval's entry."""
        if self.chain is None:
            starts, ends, at = [], [], 0
            parts = [_previous_json(p) for p in intervals]
            for part in parts:
                starts.append(at)
                ends.append(at + len(part))
                at += len(part) + 1
            self.chain, self.starts, self.ends = ",".join(parts), starts, ends
        chain, starts, ends = self.chain, self.starts, self.ends
        return ",".join([chain[starts[a]:ends[b]] for a, b in runs])


def _answer(intervals: list[Interval], at: date) -> tuple:
    """What :meth:`_SiteIndex.at` keeps for one span (worked out from ``at``, a date in it)."""
    held = None
    for i, x in enumerate(intervals):
        if x.covers(at):
            held = i
    if held is None:
        return None, False, (), ()
    iv = intervals[held]
    contested = bool(iv.claims and iv.contested_from and iv.contested_from <= at)
    previous = tuple(i for i, p in enumerate(intervals) if i != held and
                     p.valid_to is not None and p.valid_to <= at)
    runs: list[list[int]] = []
    for i in previous:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return held, contested, previous, tuple((a, b) for a, b in runs)


def _index(intervals: list[Interval]) -> _SiteIndex:
    """The site's :class:`_SiteIndex`, kept with its first interval (a timeline is
    rebuilt, never edited, when its site gets a new assertion, so it never goes stale)."""
    index = intervals[0].rows.get("index")
    if index is None:
        index = intervals[0].rows["index"] = _SiteIndex(intervals)
    return index


_HOLE = "\x00previous\x00"
_HOLE_JSON = None


def _encoded(iv: Interval, contested: bool, km: float | None) -> tuple[str, str]:
    """The compact JSON of ``iv``'s posture row before and after its "previous" list."""
    global _HOLE_JSON
    key = ("json", contested, km)
    parts = iv.rows.get(key)
    if parts is None:
        if _HOLE_JSON is None:
            _HOLE_JSON = _dumps(_HOLE)
        row = _site_row(iv, [], contested, km)
        row["previous"] = _HOLE
        head, _, tail = _dumps(row).partition(_HOLE_JSON)
        parts = iv.rows[key] = (head, tail)
    return parts


def prepare(lines: dict[str, list[Interval]]) -> None:
    """Encode the posture rows of these timelines now (each interval held and, when
    contested, contested; each as a previous holder), not on the first request of a
    date that needs them: a site rebuilt by an ingest costs the ingest's next request
    its own rows only."""
    for intervals in lines.values():
        for iv in intervals:
            _encoded(iv, False, None)
            if iv.claims and iv.contested_from:
                _encoded(iv, True, None)
            if iv.valid_to is not None:
                _previous_json(iv)
        if intervals:
            _index(intervals).previous(intervals, ((0, 0),))  # builds the site's chain


def _previous_json(p: Interval) -> str:
    text = p.rows.get("previous")
    if text is None:
        text = p.rows["previous"] = _dumps(_previous_row(p))
    return text


def _previous_row(p: Interval) -> dict[str, Any]:
    return {"holder": p.holder, "patrons": p.patrons, "associated": p.associated,
            "from": _iso(p.valid_from), "to": _iso(p.valid_to), "sources": p.sources}


def _site_row(iv: Interval, previous: list[Interval], contested: bool,
              km: float | None) -> dict[str, Any]:
    site = iv.site
    return {
        "site": site.name, "site_id": site.id, "kind": site.kind,
        "latitude": site.latitude, "longitude": site.longitude,
        "radius_km": site.radius_km, "origin": site.origin,
        "holder": iv.holder, "patrons": iv.patrons, "associated": iv.associated,
        "since": _iso(iv.valid_from),
        "previous": [_previous_row(p) for p in previous],
        "sources": iv.sources,
        "status": "contested" if contested else "held",
        "claims": [{"holder": c.holder, "patrons": list(c.patrons),
                    "since": _iso(c.valid_from), "sources": list(c.sources)}
                   for c in iv.claims] if contested else [],
        "disputed_by": [_dispute_row(d, iv) for d in iv.disputed_by],
        "evidence": [e.as_row() for a in iv.assertions for e in a.evidence],
        "distance_km": km,
    }
