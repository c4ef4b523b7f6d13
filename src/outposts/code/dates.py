"""Date expressions in plain text, resolved against the report date.

Conventions (ACLED ``time_precision``: 1 day, 2 a few days / a week, 3 a month):

* A weekday ("on Thursday", "Thursday night", "last Thursday") is the most
  recent such day on or before the report date; when the report date is
  that weekday it is the report date itself ("last <weekday>" then means a
  week earlier). Precision 1.
* "yesterday" = report date - 1; "today", "this morning", "tonight",
  "earlier today" = report date; "last night" and "overnight" = the night
  before the report, coded on report date - 1 with window
  [report - 1, report]. Precision 1.
* Weeks run Monday-Sunday. "last week" = the previous Monday-Sunday,
  "this week" = this Monday up to the report date, "earlier this week" =
  this Monday up to the day before the report (the report day when it is a
  Monday), "the past week"/"the past few days" = the 7 days up to the
  report date. Precision 2.
* Months: "last month" = the whole previous month, "this month"/"earlier
  this month" = the 1st up to the report date, "in May 2020" = that month,
  "early/mid/late May" = days 1-10 / 11-20 / 21-end (precision 2). Month
  windows are precision 3.
* Every window is clipped to end no later than the report date; the coded
  ``value`` is the middle day of the window (earliest + (latest-earliest)//2),
  so "last week" on Friday 2020-12-18 is 2020-12-10 in 2020-12-07..13.
* "N days ago" = report - N (precision 1); "N weeks ago" = report - 7N with a
  +-3 day window (precision 2); "N months ago" = that calendar month
  (precision 3).
* A day and month without a year take the year that puts the date no later
  than the report date + 1 day. All-numeric dates are used only when
  unambiguous (ISO, or one of day/month above 12).
* Durations ("for almost three years", "in the past two years", "since
  2017", "since October 2017") are not event dates: nothing is returned
  for them, nor for any date inside them.

The words are the language pack's ``dates`` section (English above): its
``PATTERNS`` are (kind, pattern) pairs of these kinds, with these groups:
``iso`` (year, m, day), ``numeric`` (a, b, year), ``dmy``/``mdy`` (day, mon,
year), ``dm``/``md`` (day, mon), ``my`` (phase?, mon, year), ``phase``
(phase, mon), ``weekday`` (rel?, wd), ``word``/``week``/``month`` (w), ``ago``
(num, unit); ``MONTHS``, ``WEEKDAYS``, ``NUMBERS``, ``MONTH_THIRDS``,
``STRICT_WEEKDAY``, ``DAY_WORDS``, ``WEEK_WORDS``, ``MONTH_WORDS`` and
``AGO_UNITS`` say what matched words mean (window codes: ``last-week``,
``this-week``, ``earlier-this-week``, ``weekend``; ``last-month``,
``early-last-month``, ``late-last-month``, ``early-this-month``; units ``day``,
``week``, ``month``); ``DURATION`` blocks durations; ``CUES``/``CUE_NEEDS``
let a text skip patterns it cannot match. :class:`DateFinder` binds one pack's
section; :func:`find_dates` and :func:`find_dateline` default to English.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta
from types import ModuleType

from outposts.records import DateMention

_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY = timedelta(days=1)
_ABSOLUTE_KINDS = ("iso", "numeric", "dmy", "mdy")
DATELINE_SCAN_CHARS = 300  # a dateline or opening sentence: an explicit date with a year near the start
Window = tuple[date, date, int]  # earliest, latest, precision


def parse_iso_date(s: str) -> date:
    """``YYYY-MM-DD`` to a date; ValueError with a plain message otherwise."""
    m = _ISO_RE.fullmatch(s.strip()) if isinstance(s, str) else None
    if not m:
        raise ValueError(f"invalid date {s!r}: expected YYYY-MM-DD, e.g. 2020-12-18")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValueError(f"invalid date {s!r}: {exc}") from None


def _month_window(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _infer_year(month: int, day: int, report: date) -> date:
    d = date(report.year, month, day) if (month, day) != (2, 29) else None
    if d is None or d > report + _DAY:
        for year in range(report.year - 1, report.year - 9, -1):
            if (month, day) != (2, 29) or calendar.isleap(year):
                return date(year, month, day)
    return d  # type: ignore[return-value]


def _last_weekday(report: date, weekday: int, strict: bool = False) -> date:
    back = (report.weekday() - weekday) % 7
    return report - timedelta(days=back or (7 if strict else 0))


def _window(kind: str, g: dict[str, str | None], report: date, w: ModuleType) -> Window | None:
    """The window a matched expression denotes, by the words of ``w`` (a pack's
    ``dates`` section); raises ValueError on bad dates."""
    mon = w.MONTHS.get((g.get("mon") or "").lower().rstrip("."))
    if mon and g["mon"] and w.MONTHS_CAPITALISED and not g["mon"][0].isupper():  # "may", "march" as verbs
        return None
    if kind == "iso":
        d = date(int(g["year"]), int(g["m"]), int(g["day"]))
        return d, d, 1
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        if (a > 12) == (b > 12):
            return None  # ambiguous (or impossible) day/month order
        day, month = (a, b) if a > 12 else (b, a)
        d = date(int(g["year"]), month, day)
        return d, d, 1
    if kind in ("dmy", "mdy"):
        d = date(int(g["year"]), mon, int(g["day"]))
        return d, d, 1
    if kind in ("dm", "md"):
        d = _infer_year(mon, int(g["day"]), report)
        return d, d, 1
    if kind in ("my", "phase"):
        year = int(g["year"]) if g.get("year") else _infer_year(mon, 1, report).year
        first, last = _month_window(year, mon)
        third = w.MONTH_THIRDS.get((g.get("phase") or "").lower())
        if third == 1:
            return first, first + timedelta(days=9), 2
        if third == 2:
            return first + timedelta(days=10), first + timedelta(days=19), 2
        if third == 3:
            return first + timedelta(days=20), last, 2
        return first, last, 3
    if kind == "weekday":
        rel = (g.get("rel") or "").strip().lower()
        d = _last_weekday(report, w.WEEKDAYS[g["wd"].lower()], strict=rel in w.STRICT_WEEKDAY)
        return d, d, 1
    words = " ".join((g.get("w") or "").lower().split())
    if kind == "word":
        first_back, last_back = w.DAY_WORDS.get(words, (0, 0))
        return report - first_back * _DAY, report - last_back * _DAY, 1
    monday = report - timedelta(days=report.weekday())
    if kind == "week":
        code = w.WEEK_WORDS.get(words)
        if code == "last-week":
            return monday - timedelta(days=7), monday - _DAY, 2
        if code == "this-week":
            return monday, report, 2
        if code == "earlier-this-week":
            return monday, max(monday, report - _DAY), 2
        if code == "weekend":
            sat = _last_weekday(report, 5, strict=report.weekday() in (5, 6))
            return sat, sat + _DAY, 2
        return report - timedelta(days=6), report, 2
    if kind == "month":
        prev = report.replace(day=1) - _DAY
        code = w.MONTH_WORDS.get(words)
        if code == "last-month":
            return (*_month_window(prev.year, prev.month), 3)
        if code == "early-last-month":
            return prev.replace(day=1), prev.replace(day=10), 2
        if code == "late-last-month":
            return prev.replace(day=21), prev, 2
        if code == "early-this-month":
            return report.replace(day=1), report.replace(day=min(10, report.day)), 2
        return report.replace(day=1), report, 3
    if kind == "ago":
        raw = " ".join(g["num"].lower().split())
        n = int(raw) if raw.isdigit() else w.NUMBERS[raw]
        unit = w.AGO_UNITS[g["unit"].lower()]
        if unit == "day":
            d = report - timedelta(days=n)
            return d, d, 1
        if unit == "week":
            d = report - timedelta(days=7 * n)
            return d - timedelta(days=3), d + timedelta(days=3), 2
        y, m = divmod(report.year * 12 + report.month - 1 - n, 12)
        return (*_month_window(y, m + 1), 3)
    return None


def _mention(text: str, start: int, end: int, win: Window, report: date | None) -> DateMention:
    earliest, latest, precision = win
    if report is not None and latest > report and earliest <= report and precision > 1:
        latest = report
    value = earliest + (latest - earliest) // 2 if precision > 1 else earliest
    return DateMention(text[start:end], start, end, value, precision, earliest, latest)


def _case_blind(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` without IGNORECASE, for lower-cased ASCII text (twice as
    fast, the same matches); None if it has capital letters of its own."""
    literal = re.sub(r"\\.|\(\?P<\w+>", "", pattern.pattern)
    return None if re.search(r"[A-Z]", literal) else re.compile(pattern.pattern)


def _groups(m: re.Match, text: str) -> dict[str, str | None]:
    """The match's groups read from ``text`` (case kept: "May" vs "may")."""
    return {name: (text[m.start(name):m.end(name)] if m.start(name) >= 0 else None)
            for name in m.re.groupindex}


class DateFinder:
    """Date expressions in the words of one language pack's ``dates`` section,
    its patterns prepared once."""

    def __init__(self, words: ModuleType):
        self.words = words
        self._patterns: list[tuple[str, re.Pattern[str]]] = list(words.PATTERNS)
        self._fast = {kind: _case_blind(p) for kind, p in self._patterns}
        self._duration: re.Pattern[str] = words.DURATION
        self._fast_duration = _case_blind(words.DURATION)
        self._cues: dict[str, re.Pattern[str]] = words.CUES
        self._needs: dict[str, tuple[tuple[str, ...], ...]] = words.CUE_NEEDS

    def _candidates(self, text: str, kinds: tuple[str, ...] | None = None):
        fast = text.isascii()
        scan = text.lower() if fast else text
        cues: dict[str, bool] = {}
        cue_patterns = self._cues

        def has(name: str) -> bool:
            if name not in cues:
                cues[name] = cue_patterns[name].search(scan) is not None
            return cues[name]

        for kind, pattern in self._patterns:
            if kinds is not None and kind not in kinds:
                continue
            if not any(all(has(c) for c in need) for need in self._needs[kind]):
                continue
            if fast and self._fast[kind] is not None:
                pattern = self._fast[kind]
            for m in pattern.finditer(scan):
                yield m.start(), m.end(), kind, m

    def _durations(self, text: str) -> list[tuple[int, int]]:
        if text.isascii() and self._fast_duration is not None:
            return [(m.start(), m.end()) for m in self._fast_duration.finditer(text.lower())]
        return [(m.start(), m.end()) for m in self._duration.finditer(text)]

    def find(self, text: str, report_date: date) -> list[DateMention]:
        """All event-date expressions in ``text``, resolved against ``report_date``.

        Non-overlapping, in text order; the longest candidate wins an overlap.
        Never raises on odd text: unresolvable candidates are dropped.
        """
        if not isinstance(text, str) or not text:
            return []
        found = sorted(self._candidates(text), key=lambda c: (c[0], -(c[1] - c[0])))
        if not found:
            return []
        blocked = self._durations(text)
        out: list[DateMention] = []
        taken_until, b = 0, 0
        for start, end, kind, m in found:
            if start < taken_until:
                continue
            while b < len(blocked) and blocked[b][1] <= start:
                b += 1
            if b < len(blocked) and blocked[b][0] < end:
                continue  # inside (or overlapping) a duration
            if kind not in _ABSOLUTE_KINDS and report_date is None:
                continue
            try:
                win = _window(kind, _groups(m, text), report_date, self.words)
            except (ValueError, KeyError, OverflowError, TypeError):
                win = None
            if win is None:
                continue
            out.append(_mention(text, start, end, win, report_date))
            taken_until = end
        return out

    def dateline(self, text: str) -> date | None:
        """The report date from a dateline or opening sentence, if one is given.

        Looks for the first full date (with a year) in the first
        ~300 characters: "On 8 May 2020, ...", "BEIRUT, May 8, 2020 -",
        "8 May 2020 -", "As reported on 4 May 2020,", "2020-05-08".
        """
        if not isinstance(text, str):
            return None
        head = text[:DATELINE_SCAN_CHARS]
        best: tuple[int, date] | None = None
        for start, _end, kind, m in self._candidates(head, _ABSOLUTE_KINDS):
            try:
                win = _window(kind, _groups(m, head), date.today(), self.words)
            except (ValueError, KeyError, OverflowError, TypeError):
                continue
            if win is not None and (best is None or start < best[0]):
                best = (start, win[0])
        return best[1] if best else None


@functools.lru_cache(maxsize=8)
def finder(words: ModuleType | None = None) -> DateFinder:
    """The :class:`DateFinder` of a pack's ``dates`` section (English when not
    given), built once."""
    if words is None:
        from ..lang import load

        words = load("en").dates
    return DateFinder(words)


def find_dates(text: str, report_date: date, words: ModuleType | None = None) -> list[DateMention]:
    """All event-date expressions in ``text``, resolved against ``report_date``
    (in the words of a pack's ``dates`` section; English when not given).

    Non-overlapping, in text order; the longest candidate wins an overlap.
    Never raises on odd text: unresolvable candidates are dropped.
    """
    return finder(words).find(text, report_date)


def find_dateline(text: str, words: ModuleType | None = None) -> date | None:
    """The report date from a dateline or opening sentence, if one is given
    (see :meth:`DateFinder.dateline`; English when no ``dates`` section is given)."""
    return finder(words).dateline(text)
