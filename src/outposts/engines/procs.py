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
from . import check_gazetteer, chunks, ordered
from .worker import one_thread_each, run_chunk


def _wait_some(futures):
    return cf.wait(futures, return_when=cf.FIRST_COMPLETED).done


def run_procs(settings: Settings, reports: Iterable[Report], *, jobs: int,
              published: date | None = None, all_places: bool = False, chunk: int = 32,
              window: int | None = None) -> Iterator[Extraction]:
    """Extractions in input order, computed by ``jobs`` worker processes;
    at most ``window`` (default 2 x jobs) chunks in flight."""
    check_gazetteer(settings)
    # spawn: a clean interpreter per worker, whatever threads this process has.
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                                initializer=one_thread_each) as pool:
        work = partial(run_chunk, settings, published=published, all_places=all_places)
        for block in ordered(chunks(reports, chunk), lambda b: pool.submit(work, b),
                             _wait_some, window or 2 * jobs):
            yield from block


def warm_pool(pool: cf.ProcessPoolExecutor, settings: Settings, jobs: int) -> set[int]:
    """Build the Pipeline in every worker of ``pool`` (for benchmarks): returns their pids."""
    from .worker import warm

    pids: set[int] = set()
    while len(pids) < jobs:
        pids |= set(pool.map(warm, [settings] * jobs * 2))
    return pids
