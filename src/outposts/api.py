"""The library face: what the CLI does, as plain calls.

>>> import outposts
>>> events = outposts.extract(open("report.txt").read(), published="2020-12-18")
>>> places = outposts.geoparse("Clashes near Deir ez-Zor and al-Bukamal.")
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Union

from .code.dates import parse_iso_date
from .config import Settings
from .errors import InputError
from .pipeline import Pipeline
from .read import iter_reports
from .read.text import parse_text
from .records import Event, Extraction, PlaceMention, Report, TriagedComment

Source = Union[Report, str, Path]


def default_pipeline() -> Pipeline:
    """The process-wide pipeline with default settings (built on first use)."""
    return Pipeline.shared(Settings())


def _as_date(value: date | str | None) -> date | None:
    return parse_iso_date(value) if isinstance(value, str) else value


def _reports(sources: Iterable[Source]) -> Iterator[Report]:
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
        else:
            raise TypeError(f"cannot read a report from {type(src).__name__}")


def extract_reports(
    sources: Iterable[Source], *, published: date | str | None = None, pipeline: Pipeline | None = None
) -> Iterator[Extraction]:
    """One :class:`Extraction` (report, events, places, warnings) per source."""
    pipe = pipeline or default_pipeline()
    yield from pipe.run(_reports(sources), published=_as_date(published))


def extract(
    *sources: Source, published: date | str | None = None, pipeline: Pipeline | None = None
) -> list[Event]:
    """Events coded from reports: each source is a :class:`Report`, a
    :class:`~pathlib.Path` (file or directory) or a string holding the text
    of a report in the plain-text convention (title line, paragraphs, two
    blank lines, comments)."""
    return [ev for ex in extract_reports(sources, published=published, pipeline=pipeline) for ev in ex.events]


def geoparse(
    *sources: Source, published: date | str | None = None, pipeline: Pipeline | None = None
) -> list[PlaceMention]:
    """Place mentions, resolved against the gazetteer, in article and comments."""
    pipe = pipeline or default_pipeline()
    out: list[PlaceMention] = []
    for ex in pipe.run(_reports(sources), published=_as_date(published), all_places=True):
        out.extend(ex.places)
    return out


def triage(*sources: Source, show_abusive: bool = True) -> list[TriagedComment]:
    """The reader comments of reports, each labelled (``abusive``, ``hypothetical``,
    ``opinion``, ``claim``, ``eyewitness``), scored for toxicity and placed against
    the article (``stance`` support/dispute/none, ``target`` sentence). No NLP
    model is needed. ``show_abusive=False`` leaves abusive comments out."""
    from .comments import triage_report

    return [t for r in _reports(sources) for t in triage_report(r) if show_abusive or not t.abusive]
