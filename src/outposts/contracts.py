"""The contracts between stages: what each takes and gives, in records.

A stage is any object with these methods; it is built by a factory that the
registry finds by name (:mod:`outposts.registry`) and handed its resources
(language pack, gazetteer, actor dictionary, language model) when built. The
:class:`~outposts.pipeline.Pipeline` only ever talks to stages through these
methods, so a replacement needs nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from .records import (ActorMention, Coding, ParsedArticle, ParsedSegment, PlaceMention, Report,
                      Segment, TriagedComment)

__all__ = ["ActorResolver", "Coder", "CommentTriager", "PlaceResolver", "Segmenter"]


@runtime_checkable
class Segmenter(Protocol):
    """Report -> title, paragraph and comment segments; text -> sentence spans.
    A segmenter may also find the report's dateline, ``dateline(report,
    segments) -> (start, end) | None`` (offsets of its place words); one without
    that method gives reports no dateline."""

    def segment(self, report: Report) -> list[Segment]: ...

    def sentences(self, text: str) -> list[tuple[int, int]]: ...


@runtime_checkable
class PlaceResolver(Protocol):
    """Parsed segments -> resolved place mentions (offsets in each segment's frame).
    ``filed`` is the report's dateline (offsets of its place words in the report
    text): where the report was filed, no evidence of where it is about."""

    def resolve(self, segments: Sequence[ParsedSegment], *,
                countries: Sequence[str] = (), filed: tuple[int, int] | None = None) -> list[PlaceMention]: ...


@runtime_checkable
class ActorResolver(Protocol):
    """Text -> actor mentions, resolved to ACLED-style names as of ``on``."""

    def match(self, text: str, *, on: date | None = None) -> list[ActorMention]: ...


@runtime_checkable
class CommentTriager(Protocol):
    """A report's thread -> one triaged comment per comment, in thread order."""

    def triage(self, report: Report) -> list[TriagedComment]: ...


@runtime_checkable
class Coder(Protocol):
    """A parsed article -> events and control assertions.

    ``wants(text)`` tells the pipeline whether a stretch of article text (a
    sentence run) may hold something the coder codes: only those get the full
    parse; the rest get entities only and reach the coder as ``unparsed``.
    A coder that wants everything returns True.
    """

    def wants(self, text: str) -> bool: ...

    def code(self, article: ParsedArticle) -> Coding: ...
