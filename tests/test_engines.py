"""Engines (issue 7): the local engine, --jobs N processes and a real Dask cluster give
identical events, in the same order, to stdout and to the store."""

from __future__ import annotations

import concurrent.futures as cf
import json
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from outposts.engines.common import chunks, ordered

ROOT = Path(__file__).parents[1]
PUBLISHED = "2021-06-01"

pytestmark = pytest.mark.slow


def _corpus(tmp: Path) -> Path:
    """The bundled examples plus generated reports (events, event-less ones, comments)."""
    from test_kill import make_reports, write_jsonl

    src = tmp / "corpus"
    src.mkdir()
    for p in (ROOT / "examples").iterdir():
        if p.suffix in {".txt", ".json", ".jsonl", ".html"}:
            (src / p.name).write_bytes(p.read_bytes())
    write_jsonl(src / "generated.jsonl", make_reports(40))
    return src


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, gazetteer) -> Path:
    return _corpus(tmp_path_factory.mktemp("engines"))


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "outposts", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def reference(corpus) -> list[str]:
    """The local engine's events, one JSON line each (what `outposts extract` prints)."""
    out = _cli("extract", str(corpus), "--published", PUBLISHED, cwd=corpus.parent).stdout
    lines = out.splitlines()
    assert len(lines) > 60 and len({json.loads(x)["event_id_cnty"] for x in lines}) > 60
    return lines


def _sorted_rows(lines: list[str]) -> list[str]:
    return sorted(json.dumps(json.loads(x), sort_keys=True) for x in lines)


@pytest.mark.parametrize("engine", [["--jobs", "2"], ["--engine", "dask", "--jobs", "2"]],
                         ids=["jobs2", "dask"])
def test_cli_engines_print_what_the_local_engine_prints(corpus, reference, engine):
    out = _cli("extract", str(corpus), "--published", PUBLISHED, "--chunk", "5", *engine,
               cwd=corpus.parent).stdout.splitlines()
    assert _sorted_rows(out) == _sorted_rows(reference)
    assert out == reference  # and in the same order, line for line


def test_dask_ingest_into_postgres_equals_local_ingest_into_sqlite(corpus, pg_url, tmp_path):
    """A Dask ingest into PostgreSQL stores the events a local ingest stores in SQLite."""
    db = tmp_path / "local.db"
    _cli("ingest", str(corpus), "--db", str(db), "--published", PUBLISHED, cwd=tmp_path)
    err = _cli("ingest", str(corpus), "--db", pg_url, "--published", PUBLISHED, "--engine",
               "dask", "--jobs", "2", "--chunk", "7", cwd=tmp_path).stderr
    assert "0 already stored; 0 errors" in err
    again = _cli("ingest", str(corpus), "--db", pg_url, "--published", PUBLISHED, "--jobs", "2",
                 cwd=tmp_path).stderr
    assert "ingested 0 reports (0 events)" in again
    a = _cli("events", "--db", str(db), "--unmerged", "--format", "jsonl", cwd=tmp_path).stdout
    b = _cli("events", "--db", pg_url, "--unmerged", "--format", "jsonl", cwd=tmp_path).stdout
    assert a.splitlines() and _sorted_rows(a.splitlines()) == _sorted_rows(b.splitlines())
    sa = _cli("stats", "--db", str(db), "--format", "json", cwd=tmp_path).stdout
    sb = _cli("stats", "--db", pg_url, "--format", "json", cwd=tmp_path).stdout
    assert json.loads(sa) == json.loads(sb)


def test_in_process_dask_cluster_with_threaded_workers(corpus, reference):
    """A LocalCluster of two worker threads in this process (processes=False): the
    workers share one Pipeline, taking turns; the result is still the reference."""
    distributed = pytest.importorskip("distributed")
    from outposts.config import Settings
    from outposts.engines.dask import run_dask
    from outposts.export import EXPORTERS
    from outposts.read import iter_reports

    reports = [r for r in iter_reports([str(corpus)]) if not isinstance(r, Exception)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        extractions = list(run_dask(Settings(), reports, client=client, chunk=4, window=3,
                                    published=date.fromisoformat(PUBLISHED)))
    import io

    buf = io.StringIO()
    EXPORTERS["jsonl"]([e for ex in extractions for e in ex.events], buf)
    assert buf.getvalue().splitlines() == reference
    assert [ex.report.id for ex in extractions] == [r.id for r in reports]


class _Fut:
    def __init__(self, value, delay):
        self.value, self.ready = value, threading.Event()
        threading.Timer(delay, self.ready.set).start()

    def result(self):
        return self.value

    def cancel(self):
        pass


def test_ordered_keeps_input_order_and_bounds_what_is_in_flight():
    """Chunks finishing out of order come back in order; never more than
    ``window`` chunks are submitted and not yet handed out."""
    in_flight = []
    submitted = handed = 0

    def submit(block):
        nonlocal submitted
        submitted += 1
        in_flight.append(submitted - handed)
        # Later chunks finish first, within each window.
        return _Fut([x * 10 for x in block], delay=0.02 * (3 - block[0] % 3))

    def wait_some(futs):
        while True:
            done = [f for f in futs if f.ready.is_set()]
            if done:
                return done
            time.sleep(0.001)

    out = []
    for block in ordered(chunks(range(30), 2), submit, wait_some, window=3):
        handed += 1
        out.extend(block)
    assert out == [x * 10 for x in range(30)]
    assert max(in_flight) <= 3 and submitted == 15


def test_procs_engine_propagates_a_worker_error(tmp_path):
    """A worker that cannot build its pipeline reports the error; nothing hangs."""
    from outposts.config import Settings
    from outposts.engines.procs import run_procs
    from outposts.errors import ConfigError
    from outposts.records import Report

    settings = Settings(spacy_model="no_such_model_installed")
    with pytest.raises(ConfigError, match="no_such_model_installed"):
        list(run_procs(settings, [Report(id="x", text="Clashes in Idlib.")], jobs=2))


def test_engine_usage_errors(corpus):
    proc = subprocess.run([sys.executable, "-m", "outposts", "extract", str(corpus),
                           "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2 and "--engine dask" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "outposts", "extract", str(corpus), "--jobs",
                           "0"], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2


def test_process_pool_wait_some_returns_done_futures():
    from outposts.engines.procs import _wait_some

    with cf.ThreadPoolExecutor(2) as pool:
        futs = [pool.submit(time.sleep, 0.01), pool.submit(time.sleep, 0.3)]
        done = _wait_some(futs)
        assert futs[0] in done and futs[1] not in done


def test_chunks_end_at_a_count_or_a_word_budget():
    from outposts.engines.common import chunks
    from outposts.records import Report

    reports = [Report(id=str(i), text=" ".join(["word"] * (100 if i % 5 == 0 else 10)))
               for i in range(23)]
    by_count = list(chunks(reports, 10))
    assert [len(b) for b in by_count] == [10, 10, 3]
    by_words = list(chunks(reports, 10, words=150))
    assert [r.id for b in by_words for r in b] == [r.id for r in reports]  # all, in order
    for block in by_words[:-1]:
        words = sum(len(r.text.split()) for r in block)
        assert len(block) == 10 or words >= 150
        assert sum(len(r.text.split()) for r in block[:-1]) < 150  # it ended as soon as it could
