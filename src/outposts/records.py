"""Records that flow between the pipeline stages.

All records are frozen dataclasses: a stage takes records in and gives new
records out, never mutating what it was handed. This module imports nothing
of the project but its error family, so every room can depend on it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from .errors import InputError

SourceKind = Literal["article", "comment"]


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment under a report.

    ``index`` is the comment's position in the thread (0-based); ``parent``
    the index of the comment it answers, when known.
    """

    index: int
    text: str
    author: str | None = None
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """One report: an article and its comment thread.

    ``text`` is the article as given (for plain-text files: the title line and
    the article paragraphs, exactly as in the file), so character offsets into
    it are offsets into the input. ``origin`` names where it was read from
    (``FILE`` or ``FILE:LINE``) for error messages.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    comments: tuple[Comment, ...] = ()
    origin: str | None = None
    warnings: tuple[str, ...] = ()  # what the reader changed (comments dropped), one line each

    def __post_init__(self) -> None:
        """Values a caller may get wrong fail here, as :class:`InputError`: ``text``
        must be a string; ``published`` a date or an ISO ``YYYY-MM-DD`` string
        (turned into a date); ``comments`` any iterable of :class:`Comment`."""
        where = self.origin or str(self.id)
        if not isinstance(self.text, str):
            raise InputError(f"Report.text must be a string, not {type(self.text).__name__}", where)
        published = self.published
        if isinstance(published, str):
            import re

            m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", published.strip())
            try:
                if not m:
                    raise ValueError("expected YYYY-MM-DD")
                object.__setattr__(self, "published", date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError as exc:
                raise InputError(f"Report.published: invalid date {published[:40]!r}: {exc}",
                                 where) from None
        elif published is not None and not isinstance(published, date):
            raise InputError("Report.published must be a date or YYYY-MM-DD, "
                             f"not {type(published).__name__}", where)
        if not isinstance(self.comments, tuple):
            object.__setattr__(self, "comments", tuple(self.comments))

    def with_published(self, published: date | None) -> "Report":
        return dataclasses.replace(self, published=published)


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph of the article (or the title), or one comment.

    ``start``/``end`` are character offsets into ``Report.text`` for article
    segments, and into the comment's own text for comments (``comment`` is
    then the comment's index).
    """

    report_id: str
    kind: Literal["title", "paragraph", "caption", "furniture", "comment"]
    index: int
    start: int
    end: int
    text: str
    comment: int | None = None

    @property
    def source_kind(self) -> SourceKind:
        return "comment" if self.kind == "comment" else "article"


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry (GeoNames id when it comes from GeoNames)."""

    geonameid: int | None
    name: str
    country_code: str | None
    latitude: float
    longitude: float
    feature_class: str = "P"
    feature_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a segment, resolved against the gazetteer.

    ``start``/``end`` are offsets in the same frame as the segment's
    (report text, or the comment's text). ``place`` is None when the name
    could not be resolved. ``geo_precision`` follows ACLED: 1 the named
    spot, 2 near it / part of a district, 3 a larger region. ``role`` is ""
    for a place of the text, "metonym" for a capital standing for its
    government ("Washington considers"), "name" for a place inside a group's
    name ("Moro National Liberation Front"): toponyms, but nowhere anything
    happened.
    """

    text: str
    start: int
    end: int
    place: Place | None
    geo_precision: int = 1
    score: float = 0.0
    comment: int | None = None
    role: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """An entry of the actor dictionary, resolved to an ACLED-style name."""

    name: str
    inter: int
    country: str | None = None
    patrons: tuple[str, ...] = ()
    parent: str | None = None  # the force this is a unit of ("Military Forces of Syria")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in text: ``actor`` resolved, ``patrons`` as stated
    in the text ("Russian-backed ...")."""

    text: str
    start: int
    end: int
    actor: Actor
    patrons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved against the report date.

    ``time_precision`` follows ACLED: 1 day, 2 a few days / a week, 3 a month.
    ``earliest``/``latest`` bound the window; ``value`` is the coded date.
    """

    text: str
    start: int
    end: int
    value: date
    time_precision: int
    earliest: date
    latest: date


# ACLED's columns, in ACLED's order (the ones outposts fills).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# outposts' own columns, after ACLED's.
EXTRA_COLUMNS: tuple[str, ...] = (
    "report_id",
    "source_kind",
    "comment_index",
    "evidence",
    "evidence_start",
    "evidence_end",
    "confidence",
    "patrons1",
    "patrons2",
    "fatalities_max",
    "geonameid",
    "supported_by",
    "disputed_by",
)


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: ACLED's columns plus where the words came from.

    ``evidence_start``/``evidence_end`` are offsets of the evidence sentence
    in ``Report.text`` (``source_kind == "article"``) or in the text of
    comment ``comment_index``.
    """

    event_id_cnty: str
    event_date: date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    report_id: str
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float
    disorder_type: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: str = ""
    iso: int | None = None
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    timestamp: int = 0
    source_kind: SourceKind = "article"
    comment_index: int | None = None
    patrons1: tuple[str, ...] = ()
    patrons2: tuple[str, ...] = ()
    fatalities_max: int | None = None
    geonameid: int | None = None
    supported_by: tuple[int, ...] = ()  # indexes of comments that support this (article) event
    disputed_by: tuple[int, ...] = ()  # ... and of those that dispute it

    @property
    def year(self) -> int:
        return self.event_date.year

    def as_row(self) -> dict[str, Any]:
        """ACLED columns then outposts' columns, JSON-ready values."""
        row: dict[str, Any] = {}
        for name in ACLED_COLUMNS + EXTRA_COLUMNS:
            value = self.year if name == "year" else getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            row[name] = value
        return row


COMMENT_LABELS: tuple[str, ...] = ("abusive", "hypothetical", "opinion", "claim", "eyewitness")
Stance = Literal["support", "dispute", "none"]
# The other side of a stance that takes one.
OTHER_SIDE: dict[str, str] = {"support": "dispute", "dispute": "support"}


@dataclass(frozen=True, slots=True)
class TriagedComment:
    """A reader comment with what triage made of it.

    ``labels`` is a subset of :data:`COMMENT_LABELS` (several may apply);
    ``toxicity`` a score in [0, 1]. ``stance`` is the comment's stance towards
    the article sentence ``target`` (None when it targets none), whose offsets
    in ``Report.text`` are ``target_start``/``target_end``; ``figure`` is the
    figure of that sentence (a count, a duration, a date) the comment disputes.
    """

    report_id: str
    index: int
    text: str
    labels: tuple[str, ...] = ()
    toxicity: float = 0.0
    stance: Stance = "none"
    target: str | None = None
    target_start: int | None = None
    target_end: int | None = None
    figure: str | None = None
    author: str | None = None
    parent: int | None = None

    @property
    def abusive(self) -> bool:
        return "abusive" in self.labels

    @property
    def codable(self) -> bool:
        """May events be coded from this comment? Never from abusive or hypothetical ones."""
        return "abusive" not in self.labels and "hypothetical" not in self.labels

    def as_row(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "index": self.index, "parent": self.parent,
                "author": self.author, "text": self.text, "labels": list(self.labels),
                "toxicity": self.toxicity, "stance": self.stance, "target": self.target,
                "figure": self.figure}


@dataclass(frozen=True, slots=True)
class ParsedSegment:
    """A segment with the language model's analysis of its text (a spaCy
    ``Doc`` for the built-in stages; records never look inside it)."""

    segment: Segment
    parse: Any


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """Everything a coder reads of one report, and nothing more.

    ``parsed``: the segments the coder asked to have parsed (see
    :meth:`outposts.contracts.Coder.wants`), article first, in text order;
    ``unparsed``: the article text it did not ask for (the title, sentences
    that cannot hold an event), for the actors it names. ``places`` are the
    resolved place mentions of the whole report, ``comments`` the triaged
    thread; ``report_date`` is what relative dates resolve against;
    ``dateline`` the offsets of the dateline's place words (where the report was
    filed), if it has one.
    """

    report: Report
    report_date: date
    parsed: tuple[ParsedSegment, ...] = ()
    unparsed: tuple[Segment, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    comments: tuple[TriagedComment, ...] = ()
    focus_country: str | None = None
    dateline: tuple[int, int] | None = None

    @property
    def locating_places(self) -> tuple[PlaceMention, ...]:
        """The place mentions that may locate an event or a site: all but metonyms and
        names inside a group's name (see :attr:`PlaceMention.role`)."""
        return tuple(m for m in self.places if not m.role)

    @property
    def skip_comments(self) -> frozenset[int]:
        """Indexes of comments that must never be a source of events."""
        return frozenset(c.index for c in self.comments if not c.codable)


@dataclass(frozen=True, slots=True)
class Coding:
    """What a coder made of one article: events and control assertions."""

    events: tuple[Event, ...] = ()
    controls: tuple["Control", ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the pipeline made of one report."""

    report: Report
    events: tuple[Event, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    comments: tuple[TriagedComment, ...] = ()  # the thread, triaged
    controls: tuple["Control", ...] = ()  # who holds which site, as this report says


# -- merged events, sites and control (issue 5) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One incident told by one or more reports.

    ``event`` is the merged view (most specific actors and place, most precise
    date, lowest fatalities with ``fatalities_max`` the highest reported,
    ``source`` every attributed source joined with "; " as ACLED does);
    ``members`` are the stored events it was made from, each with its own
    evidence span, oldest report first. Members never share a report.
    """

    event: Event
    members: tuple[Event, ...]

    @property
    def source_count(self) -> int:
        """How many reports tell this incident."""
        return len({m.report_id for m in self.members})

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.source for m in self.members if m.source))

    def as_row(self) -> dict[str, Any]:
        row = self.event.as_row()
        row["source_count"] = self.source_count
        row["sources"] = list(self.sources)
        row["fatalities_reported"] = sorted({m.fatalities for m in self.members})
        row["members"] = [{"report_id": m.report_id, "event_id_cnty": m.event_id_cnty,
                           "source": m.source, "fatalities": m.fatalities,
                           "evidence": m.evidence, "evidence_start": m.evidence_start,
                           "evidence_end": m.evidence_end, "source_kind": m.source_kind,
                           "comment_index": m.comment_index} for m in self.members]
        return row


@dataclass(frozen=True, slots=True)
class Site:
    """A place whose control is tracked: a post, crossing, base, airport or town.

    ``origin`` is ``"gazetteer"`` (a gazetteer place: bundled or user site
    files, or a town) or ``"report"`` (created from a report's words, e.g.
    "several border posts near al-Bukamal": anchored to the nearest resolved
    place, ``anchor``, with a radius in km).
    """

    id: str
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    radius_km: float = 0.0
    origin: Literal["gazetteer", "report"] = "gazetteer"
    anchor: str | None = None
    geonameid: int | None = None

    def as_row(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "latitude": self.latitude,
                "longitude": self.longitude, "radius_km": self.radius_km, "origin": self.origin,
                "anchor": self.anchor, "geonameid": self.geonameid}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words an assertion rests on: a sentence of a report (or a comment)."""

    report_id: str
    text: str
    start: int
    end: int
    source: str = ""
    source_kind: SourceKind = "article"
    comment_index: int | None = None

    def as_row(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "text": self.text, "start": self.start,
                "end": self.end, "source": self.source, "source_kind": self.source_kind,
                "comment_index": self.comment_index}


@dataclass(frozen=True, slots=True)
class Dispute:
    """A reader comment that disputes the sentence an assertion rests on."""

    report_id: str
    comment: int
    text: str
    target: str | None = None
    figure: str | None = None

    def as_row(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "comment": self.comment, "text": self.text,
                "target": self.target, "figure": self.figure}


ControlAction = Literal["gain", "loss", "confirm"]


@dataclass(frozen=True, slots=True)
class Control:
    """One assertion that ``holder`` (backed by ``patrons``) held ``site``
    from ``valid_from`` to ``valid_to`` (None: unknown / still open).

    ``action`` is what the words said: ``gain`` (deployed to, took over,
    captured, regained, established, entered, was handed), ``loss`` (withdrew
    from, handed over) or ``confirm`` (still holds, has been operating in).
    ``verb`` is the control phrase; ``status`` is ``contested`` when another
    report has a different holder for the same period.
    """

    site: Site
    holder: str
    valid_from: date | None
    valid_to: date | None = None
    patrons: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()
    source_kind: SourceKind = "article"
    confidence: float = 0.5
    action: ControlAction = "gain"
    verb: str = ""
    time_precision: int = 1
    report_ids: tuple[str, ...] = ()
    disputed_by: tuple[Dispute, ...] = ()
    status: Literal["held", "contested"] = "held"
    associated: tuple[str, ...] = ()  # groups named with the holder ("including ...")

    def as_row(self) -> dict[str, Any]:
        return {"site": self.site.name, "site_id": self.site.id, "holder": self.holder,
                "patrons": list(self.patrons), "associated": list(self.associated),
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_to": self.valid_to.isoformat() if self.valid_to else None,
                "action": self.action, "verb": self.verb, "status": self.status,
                "sources": list(self.sources), "source_kind": self.source_kind,
                "confidence": self.confidence, "report_ids": list(self.report_ids),
                "evidence": [e.as_row() for e in self.evidence],
                "disputed_by": [d.as_row() for d in self.disputed_by]}
