"""The bulk path (:meth:`Store.add_many`: batched transactions on SQLite, COPY on
PostgreSQL) keeps the ingest's promises: SIGKILL mid-run loses nothing committed,
stores only whole batches, and a re-run adds the rest once; the incidents then
equal an uninterrupted ingest's."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
N_EVENTS = 6000
BATCH = 50  # reports per add_many (10 events each)

_WRITER = f"""
import sys
sys.path.insert(0, {str(ROOT / "bench")!r})
from synthetic import extractions
from outposts.store import open_store

batch = list(extractions({N_EVENTS}, per_report=10))
with open_store(sys.argv[1]) as store:
    for i in range(0, len(batch), {BATCH}):
        added = store.add_many(batch[i:i + {BATCH}])
        print("batch", i, added, flush=True)
print("done", flush=True)
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _state(url: str) -> tuple[int, list, int, int]:
    """(reports, incidents (id, source count, members), unlinked events, store_meta incidents)."""
    from outposts.store import open_store

    with open_store(url) as store:
        reports = store.stats()["reports"]
        page, _ = store.incident_page(limit=100_000)
        incidents = sorted((m.event.event_date.isoformat(), m.source_count,
                            tuple(sorted(x.event_id_cnty for x in m.members))) for m in page)
        unlinked = sum(1 for e in store.events()) - sum(len(m[2]) for m in incidents)
        return reports, incidents, unlinked, store.incident_count()


def _kill_then_rerun(url: str, tmp_path: Path, env) -> tuple:
    script = tmp_path / "bulk_writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), url], stdout=subprocess.PIPE, text=True,
                            env=env)
    try:
        batches = 0
        for line in iter(proc.stdout.readline, ""):
            if line.startswith("batch"):
                batches += 1
                if batches == 4:
                    time.sleep(0.05)  # inside the next batch's transaction, most likely
                    proc.send_signal(signal.SIGKILL)
                    break
        else:
            pytest.fail("the writer ended before it could be killed")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
        proc.stdout.close()
    reports, incidents, unlinked, count = _state(url)
    assert reports % BATCH == 0 and BATCH * 4 <= reports < N_EVENTS // 10, reports
    assert unlinked == 0 and count == len(incidents)
    rerun = subprocess.run([sys.executable, str(script), url], capture_output=True, text=True,
                           timeout=600, env=env, check=False)
    assert rerun.returncode == 0, rerun.stderr
    added = sum(int(line.split()[2]) for line in rerun.stdout.splitlines()
                if line.startswith("batch"))
    assert added == N_EVENTS // 10 - reports  # the rest, once
    return _state(url)


def _reference(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import extractions

    from outposts.store import open_store

    ref = tmp_path / "reference.db"
    with open_store(ref) as store:
        batch = list(extractions(N_EVENTS, per_report=10))
        store.add_many(batch)
    return _state(str(ref))


def _env():
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_sqlite_bulk_ingest_killed_then_rerun(tmp_path):
    final = _kill_then_rerun(str(tmp_path / "bulk.db"), tmp_path, _env())
    assert final == _reference(tmp_path)


def test_postgres_bulk_ingest_killed_then_rerun(pg_url, tmp_path):
    final = _kill_then_rerun(pg_url, tmp_path, _env())
    assert final == _reference(tmp_path)
