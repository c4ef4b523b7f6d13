"""`outposts serve` reading while `outposts ingest` writes the same SQLite store (issue 8):
real processes on loopback, bounded request counts, no timing assertions.

- concurrency: the server is hammered on /api/events and /api/meta (the store's counts)
  while an ingest writes 256 reports, with the server started first (it creates the store)
  and with the ingest started first (the server opens a store being written): no 5xx, no
  "database is locked" or traceback on either side, the report count a client sees never
  goes down, and at the end every report is stored once and the store is sound;
- load: the bench's request mix (bench/bench_load.py, `make bench` runs the big one) with
  8 clients, bounded: no 5xx, no transport error, nothing lost.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install 'outposts[web]')")

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))

from bench_load import problems, serve_during_ingest
from test_kill import assert_sound, make_reports

pytestmark = pytest.mark.usefixtures("gazetteer")

N = 256


@pytest.mark.parametrize("ingest_first", [False, True], ids=["serve-first", "ingest-first"])
def test_serve_reads_while_ingest_writes(tmp_path, ingest_first):
    hammer = [("events", "/api/events?limit=100"), ("meta", "/api/meta"),
              ("events-unmerged", "/api/events?unmerged=true&limit=1000"), ("meta", "/api/meta"),
              ("events-filtered", "/api/events?type=Armed%20clash&actor=army")]
    run = serve_during_ingest(tmp_path, make_reports(N), workers=4, max_requests=20_000,
                              max_seconds=300, env=dict(os.environ), ingest_first=ingest_first,
                              paths=hammer)
    result = run["result"]
    assert problems(run, N) == []
    assert result.requests > 0 and result.server_errors == 0
    assert set(result.statuses) == {200}
    # the load overlapped the writes: some answers saw a partly written store
    assert result.mid_ingest() > 0, result.counts_seen[-20:]
    assert_sound(run["db"])
    assert len(run["events_served"]["events"]) == run["summary"][1]


def test_bounded_load_during_ingest_loses_nothing(tmp_path):
    run = serve_during_ingest(tmp_path, make_reports(N), workers=8, max_requests=3000,
                              max_seconds=300, env=dict(os.environ), from_first_write=True)
    assert problems(run, N) == []
    assert run["result"].mid_ingest() > 0
    summary = run["result"].summary()
    assert summary["requests"] > 0 and all(s in (200, 404) for s in summary["statuses"])
    print(f"load: {summary['requests']} requests, {summary['req_per_s']} req/s, "
          f"p50 {summary['overall']['p50_ms']} ms, p99 {summary['overall']['p99_ms']} ms")
