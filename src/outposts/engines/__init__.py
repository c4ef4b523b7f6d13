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

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..records import Extraction, Report

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Pipeline

ENGINES = ("local", "dask")
DEFAULT_CHUNK = 32  # reports per task: enough to batch the NLP, small enough to spread
CHUNK_WORDS = 4000  # ... and at most about this many words (long articles) unless --chunk says


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


def chunks(reports: Iterable[Report], size: int, words: int | None = None) -> Iterator[list[Report]]:
    """Lists of up to ``size`` reports, read lazily; with ``words``, a list also
    ends once its reports hold that many words (so a chunk of short notes is
    as much work as one of long articles)."""
    it = iter(reports)
    if words is None:
        while block := list(islice(it, size)):
            yield block
        return
    block, count = [], 0
    for report in it:
        block.append(report)
        count += _words(report)
        if len(block) >= size or count >= words:
            yield block
            block, count = [], 0
    if block:
        yield block


def _words(report) -> int:
    text = getattr(report, "text", "")
    return text.count(" ") + sum(c.text.count(" ") for c in getattr(report, "comments", ())) + 1


def ordered(blocks: Iterator[Any], submit: Callable[[Any], Any],
            wait_some: Callable[[list[Any]], Iterable[Any]], window: int) -> Iterator[Any]:
    """Results of ``submit(block)`` for each block, in block order, with at most
    ``window`` blocks submitted and not yet yielded.

    ``submit`` returns a future; ``wait_some(futures)`` blocks until at least
    one of them is done and returns the done ones (``.result()`` is read).
    """
    pending: dict[Any, int] = {}
    done: dict[int, Any] = {}
    next_in = next_out = 0
    exhausted = False
    try:
        while True:
            while not exhausted and next_in - next_out < window:
                block = next(blocks, None)
                if block is None:
                    exhausted = True
                    break
                pending[submit(block)] = next_in
                next_in += 1
            if next_out == next_in:
                return
            if next_out not in done:
                for fut in wait_some(list(pending)):
                    done[pending.pop(fut)] = fut.result()
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for fut in pending:
            fut.cancel()


def check_gazetteer(settings) -> None:
    """Build the gazetteer here, once, if it is missing (before workers race to)."""
    from ..places import Gazetteer

    Gazetteer.open(settings.gazetteer).close()
