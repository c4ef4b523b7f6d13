"""The local engine: the Pipeline in this process (NLP batched across reports)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from ..records import Extraction, Report

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Pipeline


def run_local(pipe: Pipeline, reports: Iterable[Report], *, published: date | None = None,
              all_places: bool = False) -> Iterator[Extraction]:
    """``pipe.run`` itself: the reference every other engine must match."""
    return pipe.run(reports, published=published, all_places=all_places)
