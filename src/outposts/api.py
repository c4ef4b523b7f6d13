"""The library face: what the CLI does, as plain calls.

>>> import outposts
>>> events = outposts.extract(open("report.txt").read(), published="2020-12-18")
>>> places = outposts.geoparse("Clashes near Deir ez-Zor and al-Bukamal.")
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Union

from .code.dates import parse_iso_date
from .config import Settings
from .errors import InputError, OutpostsWarning
from .pipeline import Pipeline
from .read import iter_reports
from .read.text import parse_text
from .records import Event, Extraction, PlaceMention, Report, TriagedComment

Source = Union[Report, str, bytes, Path]


def default_pipeline() -> Pipeline:
    """The process-wide pipeline with default settings (built on first use)."""
    return Pipeline.shared(Settings())


def _as_date(value: date | str | None) -> date | None:
    """A ``published`` argument as a date (InputError when it is no date)."""
    if value is None or (isinstance(value, date) and not isinstance(value, bool)):
        return value
    if not isinstance(value, str):
        raise InputError(f"published must be a date or YYYY-MM-DD, not {type(value).__name__}")
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise InputError(f"published: {exc}") from None


def _reports(sources: Iterable[Source]) -> Iterator[Report]:
    from .read.limits import DEFAULT_LIMITS, check_bytes, decode_utf8

    for src in sources:
        if isinstance(src, Report):
            yield src
        elif isinstance(src, Path):
            for item in iter_reports([str(src)]):
                if isinstance(item, InputError):
                    raise item
                yield item
        elif isinstance(src, str):
            yield parse_text(src, origin="<text>")
        elif isinstance(src, (bytes, bytearray)):
            # the bytes of a plain-text report, as a file would hold them
            check_bytes(bytes(src), "<bytes>", DEFAULT_LIMITS)
            yield parse_text(decode_utf8(bytes(src), "<bytes>"), origin="<bytes>")
        else:
            raise InputError(f"cannot read a report from {type(src).__name__} "
                             "(give a Report, a str, bytes or a Path)")


def _warned(extractions: Iterator[Extraction]) -> Iterator[Extraction]:
    """Each extraction's warnings (a report date guessed as today) also through
    :func:`warnings.warn`, so a caller that keeps only the events still hears them."""
    for ex in extractions:
        for message in ex.warnings:
            warnings.warn(message, OutpostsWarning, stacklevel=4)
        yield ex


def extract_reports(
    sources: Iterable[Source], *, published: date | str | None = None, pipeline: Pipeline | None = None
) -> Iterator[Extraction]:
    """One :class:`Extraction` (report, events, places, warnings) per source.

    Every error is an :class:`~outposts.OutpostsError` (a bad source or date:
    :class:`~outposts.InputError`). A report with no date of its own (no
    ``published``, no dateline) is coded against today: the extraction's
    ``warnings`` say so, and so does an :class:`~outposts.errors.OutpostsWarning`.
    """
    pipe = pipeline or default_pipeline()
    when = _as_date(published)
    yield from _warned(pipe.run(_reports(sources), published=when))


def extract(
    *sources: Source, published: date | str | None = None, pipeline: Pipeline | None = None
) -> list[Event]:
    """Events coded from reports: each source is a :class:`Report`, a
    :class:`~pathlib.Path` (file or directory), or a string (or UTF-8 bytes)
    holding the text of a report in the plain-text convention (title line,
    paragraphs, two blank lines, comments). ``published`` is a date or
    ``YYYY-MM-DD``; without it (and without the report's own date or dateline)
    dates resolve against today, with an :class:`~outposts.errors.OutpostsWarning`."""
    return [ev for ex in extract_reports(sources, published=published, pipeline=pipeline) for ev in ex.events]


def geoparse(
    *sources: Source, published: date | str | None = None, pipeline: Pipeline | None = None
) -> list[PlaceMention]:
    """Place mentions, resolved against the gazetteer, in article and comments."""
    pipe = pipeline or default_pipeline()
    out: list[PlaceMention] = []
    when = _as_date(published)
    for ex in pipe.run(_reports(sources), published=when, all_places=True):
        out.extend(ex.places)
    return out


def triage(*sources: Source, show_abusive: bool = True) -> list[TriagedComment]:
    """The reader comments of reports, each labelled (``abusive``, ``hypothetical``,
    ``opinion``, ``claim``, ``eyewitness``), scored for toxicity and placed against
    the article (``stance`` support/dispute/none, ``target`` sentence). No NLP
    model is needed. ``show_abusive=False`` leaves abusive comments out."""
    from .comments import triage_report

    return [t for r in _reports(sources) for t in triage_report(r) if show_abusive or not t.abusive]


def run_timestamp() -> int:
    """ACLED's ``timestamp`` for the events of this run: when the row entered the
    data set, here the Unix time the command started (``$SOURCE_DATE_EPOCH`` when
    set, for reproducible output)."""
    import os
    import time

    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(fixed) if fixed.isdigit() else int(time.time())


def stamped(extraction: Extraction, timestamp: int) -> Extraction:
    """The extraction with ``timestamp`` on every event that has none (the CLI's
    ``extract`` and ``ingest`` and ``POST /api/reports`` stamp with
    :func:`run_timestamp`; the library leaves 0, ACLED's "not set")."""
    from dataclasses import replace

    if all(e.timestamp for e in extraction.events):
        return extraction
    return replace(extraction, events=tuple(e if e.timestamp else replace(e, timestamp=timestamp)
                                            for e in extraction.events))
