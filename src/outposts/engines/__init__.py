"""Engines: where the Pipeline runs.

- ``local`` (:mod:`.local`): in this process, the NLP batched across reports.
- ``local`` with ``jobs > 1`` (:mod:`.procs`): several processes on this
  machine, each building its Pipeline once.
- ``dask`` (:mod:`.dask`): the workers of a Dask cluster (a ``LocalCluster``
  when no scheduler address is given), each building its Pipeline once.

Every engine yields the same :class:`~outposts.records.Extraction` records in
the order of the input reports, whatever order the workers finish in: the
reports go out in chunks, at most ``window`` chunks in flight, and results are
put back in order as they come (so memory is bounded by the window, not by the
corpus). The caller (CLI ``extract``/``ingest``) writes them exactly as it
writes the local engine's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..records import Extraction, Report
from .common import CHUNK_WORDS, DEFAULT_CHUNK

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Pipeline

ENGINES = ("local", "dask")


def run_engine(pipe: Pipeline, reports: Iterable[Report], *, engine: str = "local",
               jobs: int = 1, scheduler: str | None = None, published: date | None = None,
               all_places: bool = False, chunk: int | None = None) -> Iterator[Extraction]:
    """Extractions of ``reports``, in input order, on the chosen engine.

    ``pipe`` runs them itself for the local engine with one job; the other
    engines build a Pipeline from ``pipe.settings`` once in each worker.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if jobs < 1:
        raise ConfigError("jobs must be at least 1")
    if engine == "local" and scheduler:
        raise ConfigError("--scheduler needs --engine dask")
    if engine == "local" and jobs == 1:
        from .local import run_local

        return run_local(pipe, reports, published=published, all_places=all_places)
    if engine == "local":
        from .procs import run_procs

        return run_procs(pipe.settings, reports, jobs=jobs, published=published, all_places=all_places,
                         chunk=chunk or DEFAULT_CHUNK, chunk_words=None if chunk else CHUNK_WORDS)
    from .dask import run_dask

    return run_dask(pipe.settings, reports, jobs=jobs, scheduler=scheduler, published=published,
                    all_places=all_places, chunk=chunk or DEFAULT_CHUNK,
                    chunk_words=None if chunk else CHUNK_WORDS)
