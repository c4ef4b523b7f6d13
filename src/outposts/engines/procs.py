"""Several processes on one machine (``--jobs N``): a process pool whose
workers each build the Pipeline once (on their first chunk) and reuse it."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections.abc import Iterable, Iterator
from datetime import date
from functools import partial

from ..config import Settings
from ..records import Extraction, Report
from .common import check_gazetteer, chunks, ordered
from .worker import one_thread_each, run_chunk


def _wait_some(futures):
    return cf.wait(futures, return_when=cf.FIRST_COMPLETED).done


def run_procs(settings: Settings, reports: Iterable[Report], *, jobs: int,
              published: date | None = None, all_places: bool = False, chunk: int = 32,
              chunk_words: int | None = 4000, window: int | None = None,
              pool: cf.ProcessPoolExecutor | None = None) -> Iterator[Extraction]:
    """Extractions in input order, computed by ``jobs`` worker processes;
    chunks of up to ``chunk`` reports or ``chunk_words`` words, at most
    ``window`` (default 2 x jobs) in flight. ``pool``: use this
    pool (from :func:`new_pool`, left open) instead of starting one."""
    check_gazetteer(settings)
    own = pool is None
    if own:
        pool = new_pool(jobs)
    try:
        work = partial(run_chunk, settings, published=published, all_places=all_places)
        for block in ordered(chunks(reports, chunk, chunk_words), lambda b: pool.submit(work, b),
                             _wait_some, window or 2 * jobs):
            yield from block
    finally:
        if own:
            pool.shutdown(cancel_futures=True)


def new_pool(jobs: int) -> cf.ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes (spawned: a clean interpreter each,
    whatever threads this process has), numeric libraries single-threaded."""
    return cf.ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                  initializer=one_thread_each)


def warm_pool(pool: cf.ProcessPoolExecutor, settings: Settings, jobs: int) -> set[int]:
    """Build the Pipeline in every worker of ``pool`` (for benchmarks): returns their pids."""
    from .worker import warm

    pids: set[int] = set()
    while len(pids) < jobs:
        pids |= set(pool.map(partial(warm, hold=0.3), [settings] * jobs))
    return pids
