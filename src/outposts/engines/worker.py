"""What runs inside a worker process (``--jobs`` or a Dask worker): one
Pipeline per process and settings, built on first use and reused for every
chunk. The pipeline's lock makes threaded workers (a Dask worker with several
threads, or ``processes=False``) take turns on it: spaCy pipelines are not
shared across threads."""

from __future__ import annotations

import os
from datetime import date

from ..config import Settings
from ..records import Extraction, Report

_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def one_thread_each() -> None:
    """Numeric libraries get one thread per worker process (the workers are the parallelism)."""
    for var in _THREAD_VARS:
        os.environ.setdefault(var, "1")


def pipeline_for(settings: Settings):
    """This process's Pipeline for ``settings``, exactly as configured (stages by
    name from the registry), built and warmed once."""
    from ..pipeline import Pipeline

    return Pipeline.shared(settings).warm()


def run_chunk(settings: Settings, reports: list[Report], published: date | None,
              all_places: bool) -> list[Extraction]:
    """Extractions of one chunk of reports, in order."""
    pipe = pipeline_for(settings)
    with pipe.lock:
        return list(pipe.run(reports, published=published, all_places=all_places))


def warm(settings: Settings, hold: float = 0.0) -> int:
    """Build this process's Pipeline now (then wait ``hold`` seconds, so that a
    pool hands the next warm-up to another worker); returns the process id."""
    pipeline_for(settings)
    if hold:
        import time

        time.sleep(hold)
    return os.getpid()
