#!/usr/bin/env python
"""An archive served at scale (issue 18): SQLite and PostgreSQL, at two sizes, in one run.

    python bench/bench_archive.py [--sizes 100000,1000000] [--stores sqlite,postgresql]
                                  [--requests 300] [--pg URL]

For each store and size: a fresh store filled with the synthetic archive
(:mod:`synthetic`: ten years, 2,000 places, a third of the events retold by
later reports, control assertions on 300 sites) through the bulk path
(``add_many``: batched transactions on SQLite, COPY on PostgreSQL), incidents
merged at ingest; then, over loopback against a real uvicorn server:

* the first ``/api/posture`` after the server starts (it waits for the control
  timelines the server builds as it starts);
* ``/api/events`` filtered page of 100 (sub-event type and one year): the first
  page of each of the 80 filter sets (with its count), then keyset pages after;
* ``/api/events/{id}``;
* ``/api/posture`` while another process ingests (batches of 10 reports);
* ``events --near`` (the store's incidents within 10 km of a town, as the CLI reads them:
  the first ``NEAR_LIMIT``, and their number when there are more);
* store ingest of coded events (events/s, no NLP).

Prints p50/p99 per size and the growth of p99 from the smaller size to the larger.
Without ``--pg`` a throwaway PostgreSQL server is started (as the tests do).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import TOWNS, TYPES, YEARS, extractions  # noqa: E402

from outposts.cli.store import NEAR_LIMIT  # noqa: E402
from outposts.store import open_store  # noqa: E402

BATCH = 500  # reports per add_many


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def fill(url: str, n: int) -> dict[str, float]:
    """Fill a new store with ``n`` synthetic events (batches of :data:`BATCH` reports,
    made as they go: a million events do not sit in memory); time the writes only."""
    made = took = 0.0
    with open_store(url) as store:
        stream = extractions(n)
        while True:
            t = time.perf_counter()
            batch = list(itertools.islice(stream, BATCH))
            made += time.perf_counter() - t
            if not batch:
                break
            t = time.perf_counter()
            store.add_many(batch)
            took += time.perf_counter() - t
        incidents = store.incident_count()
    return {"generated_s": made, "ingest_s": took, "events_per_s": n / took,
            "incidents": incidents}


_WRITER = """
import sys, time
sys.path.insert(0, {bench!r})
from synthetic import extractions
from outposts.store import open_store
live = list(extractions(200_000, per_report=10, seed=9, prefix="live"))
with open_store(sys.argv[1]) as store:
    print("ready", flush=True)
    for i in range(0, len(live), 10):
        store.add_many(live[i:i + 10])
"""


def measure(url: str, requests: int, seed: int = 2) -> dict[str, list[float]]:
    import httpx

    from outposts.web import WebConfig
    from outposts.web.server import running

    rng = random.Random(seed)
    out: dict[str, list[float]] = {k: [] for k in (
        "events page (all)", "events first page", "events keyset page", "event detail",
        "posture during ingest", "events --near")}
    combos = [(sub, year) for _, sub in TYPES for year in YEARS]
    ids: list[str] = []
    with running(WebConfig(db=url, port=0)) as base, httpx.Client(base_url=base,
                                                                   timeout=60) as client:
        # the server builds the control timelines as it starts (in a thread); the first
        # /api/posture waits for that build: timed on its own, before the rest
        t = time.perf_counter()
        client.get("/api/posture", params={"at": "2020-01-01"}).raise_for_status()
        out["posture, first request (builds)"] = [(time.perf_counter() - t) * 1000]
        cursors: dict[tuple, str | None] = {}
        for i in range(requests):
            combo = combos[i] if i < len(combos) else rng.choice(combos)
            sub, year = combo
            params = {"type": sub, "since": f"{year}-01-01", "until": f"{year}-12-31",
                      "limit": 100}
            first = combo not in cursors or cursors[combo] is None
            if not first:
                params["after"] = cursors[combo]
            t = time.perf_counter()
            r = client.get("/api/events", params=params)
            took = (time.perf_counter() - t) * 1000
            r.raise_for_status()
            body = r.json()
            out["events page (all)"].append(took)
            out["events first page" if first else "events keyset page"].append(took)
            cursors[combo] = body["next"]
            ids += [e["id"] for e in body["events"][:3]]
        for _ in range(min(requests, 300)):
            t = time.perf_counter()
            client.get(f"/api/events/{rng.choice(ids)}").raise_for_status()
            out["event detail"].append((time.perf_counter() - t) * 1000)
        # /api/posture while another process writes
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER.format(bench=str(ROOT / "bench")), url],
            stdout=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        try:
            assert writer.stdout.readline().strip() == "ready"
            time.sleep(1.0)
            for _ in range(min(requests, 200)):
                at = f"{rng.choice(YEARS)}-{rng.randint(1, 12):02d}-15"
                t = time.perf_counter()
                client.get("/api/posture", params={"at": at}).raise_for_status()
                out["posture during ingest"].append((time.perf_counter() - t) * 1000)
            still = writer.poll() is None
        finally:
            writer.kill()
            writer.wait()
        if not still:
            print("  (the writer ended before the posture requests did)")
    with open_store(url) as store:
        for _ in range(max(20, min(requests, 100) // 2)):
            _, lat, lon = rng.choice(TOWNS)
            t = time.perf_counter()
            if len(list(store.incidents(near=(lat, lon, 10.0), limit=NEAR_LIMIT + 1))) \
                    > NEAR_LIMIT:
                store.incident_count(near=(lat, lon, 10.0))
            out["events --near"].append((time.perf_counter() - t) * 1000)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--pg", help="A PostgreSQL URL whose user may CREATE DATABASE.")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    stores = args.stores.split(",")
    server = None
    results: dict[tuple, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        try:
            admin = args.pg
            dbs = None
            if "postgresql" in stores:
                sys.path.insert(0, str(ROOT / "tests"))
                from conftest import PGDatabases, _PGServer

                if admin is None:
                    try:
                        server = _PGServer()
                        admin = server.url
                    except RuntimeError as exc:  # no PostgreSQL binaries here
                        print(f"(PostgreSQL skipped: {exc})")
                        stores = [k for k in stores if k != "postgresql"]
                if admin is not None:
                    dbs = PGDatabases(admin)
            for kind in stores:
                for n in sizes:
                    if kind == "sqlite":
                        url = str(Path(tmp) / f"archive-{n}.db")
                    else:
                        url = dbs.new(postgis=dbs.postgis)
                    print(f"== {kind}, {n:,} events: filling ...", flush=True)
                    info = fill(url, n)
                    if kind == "postgresql":
                        import psycopg

                        with psycopg.connect(url, autocommit=True) as con:
                            con.execute("ANALYZE")
                    print(f"   generated in {info['generated_s']:.0f} s, stored in "
                          f"{info['ingest_s']:.0f} s: {info['events_per_s']:,.0f} events/s, "
                          f"{info['incidents']:,} incidents", flush=True)
                    lat = measure(url, args.requests)
                    results[(kind, n)] = {"info": info, "lat": lat}
                    for name, ms in lat.items():
                        if not ms:
                            continue
                        print(f"   {name:24s} n={len(ms):4d} p50 {statistics.median(ms):7.1f} ms"
                              f"  p99 {_pct(ms, 99):7.1f} ms", flush=True)
                    if kind == "sqlite":
                        os.remove(url)
        finally:
            if server is not None:
                server.stop()
    print()
    lo, hi = sizes[0], sizes[-1]
    print(f"| store | measure | p50 @{lo:,} | p99 @{lo:,} | p50 @{hi:,} | p99 @{hi:,} |"
          f" p99 growth |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for kind in stores:
        a, b = results[(kind, lo)], results[(kind, hi)]
        for name in a["lat"]:
            x, y = a["lat"][name], b["lat"][name]
            if not x or not y:
                continue
            print(f"| {kind} | {name} | {statistics.median(x):.1f} ms | {_pct(x, 99):.1f} ms |"
                  f" {statistics.median(y):.1f} ms | {_pct(y, 99):.1f} ms |"
                  f" {_pct(y, 99) / max(_pct(x, 99), 1e-9):.2f}x |")
        print(f"| {kind} | ingest (events/s) | {a['info']['events_per_s']:,.0f} | |"
              f" {b['info']['events_per_s']:,.0f} | | |")
    print(f"command: python bench/bench_archive.py --sizes {args.sizes} --stores {args.stores}"
          f" --requests {args.requests}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
