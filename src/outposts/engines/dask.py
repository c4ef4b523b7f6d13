"""The Dask engine: chunks of reports run on the workers of a Dask cluster.

``scheduler`` is the address of a running scheduler (``tcp://host:8786``);
without one a ``LocalCluster`` of ``jobs`` single-threaded worker processes is
started here and closed at the end. A worker plugin builds the Pipeline on
each worker once when it joins (workers need outposts, the spaCy model and
the gazetteer installed, the same versions as here); tasks reuse it. Results
come back to this process, which writes them (store or stdout) in input
order, exactly as the local engine does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date

from ..config import Settings
from ..errors import ConfigError
from ..records import Extraction, Report
from .common import check_gazetteer, chunks, ordered
from .worker import run_chunk, warm

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - the `dask` extra is not installed
    WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Builds the worker's Pipeline when the worker starts (or joins)."""

    name = "outposts-pipeline"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker) -> None:
        try:
            warm(self.settings)
        except Exception:
            logging.getLogger(__name__).exception("outposts: could not build the pipeline")


def _client(scheduler: str | None, jobs: int, processes: bool = True):
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("--engine dask needs dask and distributed: "
                          "pip install 'outposts[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    cluster = local_cluster(jobs, processes)
    return Client(cluster), cluster


# Dask defaults that cost a CPU-bound pipeline (measured, bench/bench_scale.py): the nanny's
# MALLOC_TRIM_THRESHOLD_ (fixing it turns off glibc's adaptive mmap threshold, and spaCy's
# arrays then come and go through mmap: ~18% slower), the worker's stack sampler, and the
# event loop's frequent wake-ups (system monitor every 0.5 s, tick every 20 ms, memory monitor
# every 0.1 s), each of which takes the GIL from the task thread: ~5% on one worker.
# A cluster started elsewhere takes these from its own configuration.
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "2s",
}


def local_cluster(workers: int, processes: bool = True):
    """A ``LocalCluster`` of ``workers`` single-threaded workers, set up for the pipeline."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                            dashboard_address=None, silence_logs=logging.ERROR)


def run_dask(settings: Settings, reports: Iterable[Report], *, jobs: int = 2,
             scheduler: str | None = None, published: date | None = None,
             all_places: bool = False, chunk: int = 32, chunk_words: int | None = 4000,
             window: int | None = None,
             client=None, processes: bool = True) -> Iterator[Extraction]:
    """Extractions in input order, computed on a Dask cluster.

    ``client``: use this connected ``distributed.Client`` (left open) instead
    of connecting to ``scheduler`` or starting a LocalCluster of ``jobs``
    workers. A task is a chunk of up to ``chunk`` reports or ``chunk_words``
    words (well under a second of work, so that the last tasks leave no
    worker idle for long). At most ``window`` chunks (default 2 per
    worker thread) are in flight, so neither the workers nor this process
    hold more than that.
    """
    own = client is None
    cluster = None
    if not scheduler:
        check_gazetteer(settings)
    if own:
        client, cluster = _client(scheduler, jobs, processes)
    from distributed import wait

    try:
        client.register_plugin(PipelinePlugin(settings))
        threads = sum(client.nthreads().values()) or jobs
        window = window or 2 * threads

        def submit(block):
            return client.submit(run_chunk, settings, block, published, all_places, pure=False)

        def wait_some(futures):
            return wait(futures, return_when="FIRST_COMPLETED").done

        for block in ordered(chunks(reports, chunk, chunk_words), submit, wait_some, window):
            yield from block
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
