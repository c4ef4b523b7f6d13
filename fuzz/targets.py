"""The fuzz targets: one function per input class, ``target(data: bytes) -> None``.

Each feeds arbitrary bytes to one part of outposts and checks the hostile-input
invariants of issue 8 (see ``RELIABILITY.md``): the only exception that may
escape is the project's own (``InputError``; ``GazetteerError`` too for the
importer), and what comes out respects :class:`outposts.read.Limits`. Anything
else propagates, and the fuzzer records the input as a crash.

The atheris harnesses (``fuzz/fuzz_<name>.py``) wrap these; the test suite
replays the seed and regression inputs through them without atheris
(``tests/test_hostile.py``), so a crash once found stays fixed.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from outposts.code.dates import find_dateline, find_dates
from outposts.errors import GazetteerError, InputError
from outposts.places.build import SCHEMA
from outposts.places.importer import import_into
from outposts.read import Limits, iter_jsonl, parse_html, parse_json, parse_text, read_stream
from outposts.records import Comment, Report
from outposts.segment import segment

LIMITS = Limits(max_bytes=64_000, max_comments=20, max_comment_chars=500, max_html_depth=60)


def _check(report: Report) -> None:
    assert isinstance(report, Report), type(report)
    assert report.text.strip(), "empty article"
    assert len(report.comments) <= LIMITS.max_comments
    for c in report.comments:
        assert len(c.text) <= LIMITS.max_comment_chars
    for s in (report.id, report.text, report.title or "", report.url or "", report.outlet or "",
              *(c.text for c in report.comments), *(c.author or "" for c in report.comments)):
        s.encode("utf-8")  # what reaches the store and the exports must encode
    _check_segments(report)


def _check_segments(report: Report) -> None:
    by_index = {c.index: c.text for c in report.comments}
    for n, s in enumerate(segment(report)):
        assert s.index == n
        source = report.text if s.comment is None else by_index[s.comment]
        assert source[s.start:s.end] == s.text and s.text == s.text.strip() and s.text


def _split(data: bytes, parts: int) -> list[bytes]:
    """Cut ``data`` at NUL-free separators \\x1e into at most ``parts`` pieces."""
    pieces = data.split(b"\x1e", parts - 1)
    return pieces + [b""] * (parts - len(pieces))


def text(data: bytes) -> None:
    """The plain-text reader (stdin sniffing included) and the segmenter."""
    for item in read_stream(io.BytesIO(data), "-", limits=LIMITS):
        if not isinstance(item, InputError):
            _check(item)
    try:
        _check(parse_text(data.decode("utf-8", "replace"), "t.txt", limits=LIMITS))
    except InputError:
        pass


def json_(data: bytes) -> None:
    """One JSON report (``.json``)."""
    try:
        _check(parse_json(data, "r.json", limits=LIMITS))
    except InputError:
        pass


def jsonl(data: bytes) -> None:
    """A JSONL stream: every line a report or an InputError naming the line."""
    lines = data.count(b"\n") + 1
    for item in iter_jsonl(io.BytesIO(data), "r.jsonl", limits=LIMITS):
        if isinstance(item, InputError):
            assert item.line is not None and 1 <= item.line <= lines, item
        else:
            _check(item)


def html(data: bytes) -> None:
    """An HTML page: article (trafilatura) and comment section (lxml)."""
    try:
        _check(parse_html(data, "p.html", limits=LIMITS))
    except InputError:
        pass


def segment_(data: bytes) -> None:
    """The segmenter on any report: text, title and comments cut from the input."""
    body, title, *comments = _split(data, 6)
    body_s = body.decode("utf-8", "replace")
    if not body_s.strip():
        return
    report = Report(id="r-1", text=body_s, title=title.decode("utf-8", "replace") or None,
                    comments=tuple(Comment(i, c.decode("utf-8", "replace"))
                                   for i, c in enumerate(comments) if c))
    _check_segments(report)


def dates(data: bytes) -> None:
    """The date resolver: the first 3 bytes pick the report date (or none)."""
    head, rest = data[:3], data[3:].decode("utf-8", "replace")
    ordinal = int.from_bytes(head.ljust(3, b"\0"), "big") % (date.max.toordinal() + 1)
    report_date = None if ordinal == 0 else date.fromordinal(ordinal)
    end = 0
    for m in find_dates(rest, report_date):
        assert end <= m.start < m.end <= len(rest) and rest[m.start:m.end] == m.text
        assert m.earliest <= m.value <= m.latest and m.time_precision in (1, 2, 3)
        end = m.end
    found = find_dateline(rest)
    assert found is None or isinstance(found, date)


_SUFFIXES = [".csv", ".geojson", ".txt", ".zip", ".gz", ".json", ".dat", ".txt"]
_TMP = Path(tempfile.mkdtemp(prefix="outposts-fuzz-"))


def importer(data: bytes) -> None:
    """The gazetteer importer: the first byte picks the file name (and so the
    format sniffed: CSV, GeoJSON, GeoNames dump, zip, gzip); the rest is the
    file. Decompressed size capped at 1 MB."""
    if not data:
        return
    path = _TMP / f"places{_SUFFIXES[data[0] % len(_SUFFIXES)]}"
    path.write_bytes(data[1:])
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(SCHEMA)
        import_into(con, path, max_bytes=1_000_000, record=False)
    except (InputError, GazetteerError):
        pass
    finally:
        con.close()


TARGETS = {"text": text, "json": json_, "jsonl": jsonl, "html": html, "segment": segment_,
           "dates": dates, "importer": importer}
