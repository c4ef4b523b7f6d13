#!/usr/bin/env python
"""Load on `outposts serve` while `outposts ingest` writes the same SQLite store.

    python bench/bench_load.py [--reports 512] [--workers 8] [--requests 20000]
                               [--seconds 120] [--json FILE]

Starts `python -m outposts serve` on 127.0.0.1 (a free port) over a new store, then an
`outposts ingest` of ``--reports`` generated reports (the kill tests' corpus) into the same
file, and from its first stored report until it ends drives the server with ``--workers`` threads (one keep-alive
httpx client each), at most ``--requests`` requests and ``--seconds`` seconds. The mix: merged
and unmerged event pages, filtered pages, /api/meta (the counts), report JSON and HTML pages
of reports that exist or will, posture, the map page. Prints requests/s and p50/p90/p99/max
latency (ms), overall and per route, and checks what `tests/test_serve_load.py` checks on a
smaller run: no 5xx, no transport error, no "database is locked" on either side, the
report count seen by each client never goes down, and at the end every report is stored
once. Only loopback addresses are ever used. Exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
PUBLISHED = "2021-03-10"
BAD_WORDS = re.compile(r"locked|busy|Traceback|Exception in ASGI|Internal Server Error", re.IGNORECASE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, log: Path, env: dict | None = None, timeout: float = 60.0):
    """`python -m outposts serve --db DB` on 127.0.0.1 and a free port, in a subprocess;
    yields the base URL once /api/meta answers. Stopped with SIGTERM at the end."""
    import httpx

    port = free_port()
    from outposts.store import open_store

    open_store(db).close()  # serve reads an existing store; an empty one is made here
    proc = subprocess.Popen([sys.executable, "-m", "outposts", "serve", "--db", str(db),
                             "--host", LOOPBACK, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=log.open("wb"), env=env,
                            cwd=db.parent)
    base = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited ({proc.returncode}): "
                                   f"{log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(base + "/api/meta", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not answer in time")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def start_ingest(src: Path, db: Path, log: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "outposts", "ingest", str(src), "--db",
                             str(db), "--published", PUBLISHED],
                            stdout=subprocess.DEVNULL, stderr=log.open("wb"), env=env,
                            cwd=db.parent)


@dataclass
class LoadResult:
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # transport errors, bad bodies
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    regressions: list[str] = field(default_factory=list)  # a report count that went down
    counts_seen: list[int] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 500)

    def mid_ingest(self) -> int:
        """/api/meta answers that saw a partly written store (0 < reports < the most seen):
        evidence that the load overlapped the writes."""
        top = max(self.counts_seen, default=0)
        return sum(1 for c in self.counts_seen if 0 < c < top)

    def all_latencies(self) -> list[float]:
        return [x for xs in self.latencies.values() for x in xs]

    def summary(self) -> dict:
        def pcts(xs: list[float]) -> dict:
            if not xs:
                return {}
            xs = sorted(xs)
            q = statistics.quantiles(xs, n=100, method="inclusive") if len(xs) > 1 else xs * 99
            return {"n": len(xs), "p50_ms": round(q[49] * 1000, 1),
                    "p90_ms": round(q[89] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
                    "max_ms": round(xs[-1] * 1000, 1)}
        return {"requests": self.requests, "seconds": round(self.elapsed, 2),
                "meta_mid_ingest": self.mid_ingest(),
                "req_per_s": round(self.requests / self.elapsed, 1) if self.elapsed else None,
                "statuses": dict(sorted(self.statuses.items())), "errors": self.errors[:10],
                "count_regressions": self.regressions[:10],
                "overall": pcts(self.all_latencies()),
                "routes": {k: pcts(v) for k, v in sorted(self.latencies.items())}}


def request_mix(report_ids: list[str]) -> list[tuple[str, str]]:
    """(route name, path) pairs the workers cycle through."""
    rid = report_ids
    return [
        ("events", "/api/events?limit=100"),
        ("events-unmerged", "/api/events?unmerged=true&limit=100&offset=20"),
        ("events-filtered", "/api/events?type=Armed%20clash&since=2021-01-01&limit=50"),
        ("meta", "/api/meta"),
        ("report", "/api/reports/{id}"),
        ("events-actor", "/api/events?actor=islamic%20state&unmerged=1"),
        ("report-page", "/reports/{id}"),
        ("meta", "/api/meta"),
        ("posture", "/api/posture?at=2021-03-10"),
        ("map", "/"),
    ] if rid else []


def load(base: str, report_ids: list[str], *, workers: int = 4, max_requests: int = 2000,
         max_seconds: float = 60.0, until: threading.Event | None = None,
         seed: int = 1, paths: list[tuple[str, str]] | None = None) -> LoadResult:
    """Drive ``base`` (a loopback URL) with ``workers`` threads until ``max_requests``
    are done, ``max_seconds`` have passed or ``until`` is set. ``paths``: the (route,
    path) pairs to cycle through (default :func:`request_mix`). Report pages ask for ids
    from ``report_ids`` (404 is expected for one not stored yet: nothing else is)."""
    import httpx

    host = httpx.URL(base).host
    if host not in (LOOPBACK, "localhost", "::1"):
        raise ValueError(f"load only against loopback, not {host}")
    mix = paths or request_mix(report_ids)
    result = LoadResult()
    lock = threading.Lock()
    issued = 0
    start = time.monotonic()
    deadline = start + max_seconds

    def take() -> bool:
        nonlocal issued
        with lock:
            if issued >= max_requests or time.monotonic() > deadline or (until and until.is_set()):
                return False
            issued += 1
            return True

    def worker(k: int) -> None:
        rng = random.Random(seed + k)
        last_count = -1
        i = k
        with httpx.Client(base_url=base, timeout=60) as client:
            while take():
                route, path = mix[i % len(mix)]
                i += 1
                if "{id}" in path:
                    path = path.format(id=rng.choice(report_ids))
                t0 = time.perf_counter()
                try:
                    r = client.get(path)
                    body = r.content
                except httpx.HTTPError as exc:
                    with lock:
                        result.errors.append(f"{route}: {type(exc).__name__}: {exc}")
                    continue
                dt = time.perf_counter() - t0
                problem = None
                if r.status_code == 404 and route.startswith("report"):
                    pass  # not stored yet
                elif r.status_code != 200:
                    problem = f"{route} {path}: {r.status_code} {body[:200]!r}"
                elif route == "meta":
                    count = json.loads(body)["counts"]["reports"]
                    if count < last_count:
                        with lock:
                            result.regressions.append(f"{last_count} -> {count}")
                    last_count = max(last_count, count)
                    with lock:
                        result.counts_seen.append(count)
                with lock:
                    result.statuses[r.status_code] += 1
                    result.latencies[route].append(dt)
                    if problem:
                        result.errors.append(problem)

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.elapsed = time.monotonic() - start
    return result


def stored_ids(db: Path) -> list[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT id FROM reports")]
    finally:
        con.close()


def _count(db: Path) -> int:
    try:
        return len(stored_ids(db))
    except sqlite3.Error:
        return 0


def serve_during_ingest(root: Path, reports: list[dict], *, workers: int, max_requests: int,
                        max_seconds: float, env: dict | None = None,
                        ingest_first: bool = False, from_first_write: bool = False,
                        paths: list[tuple[str, str]] | None = None) -> dict:
    """The whole run (see the module docstring); returns what was measured and seen.
    ``ingest_first``: the ingest creates the store and `serve` starts once it has
    stored a report (else `serve` creates it and the ingest starts when it answers).
    ``from_first_write``: the load starts once the ingest has stored a report (not while
    it is still loading its model), so that what is measured is reading during writes."""
    src = root / "reports.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    db = root / "served.db"
    serve_log, ingest_log = root / "serve.log", root / "ingest.log"
    ids = [r["id"] for r in reports if "id" in r]
    done = threading.Event()
    ingest = None
    if ingest_first:
        ingest = start_ingest(src, db, ingest_log, env)
        deadline = time.monotonic() + 300
        while _count(db) < 1 and ingest.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
    with serving(db, serve_log, env) as base:
        if ingest is None:
            ingest = start_ingest(src, db, ingest_log, env)
        waiter = threading.Thread(target=lambda: (ingest.wait(), done.set()), daemon=True)
        waiter.start()
        deadline = time.monotonic() + 300
        while (from_first_write and _count(db) < 1 and not done.is_set()
               and time.monotonic() < deadline):
            time.sleep(0.01)
        try:
            result = load(base, ids, workers=workers, max_requests=max_requests,
                          max_seconds=max_seconds, until=done, paths=paths)
        finally:
            try:
                rc = ingest.wait(timeout=max(max_seconds, 300))
            except subprocess.TimeoutExpired:
                ingest.kill()
                rc = ingest.wait()
        import httpx

        final = httpx.get(base + "/api/meta", timeout=30).json()["counts"]
        events_served = httpx.get(base + "/api/events?unmerged=1&limit=1000", timeout=60).json()
    ingest_err = ingest_log.read_text(encoding="utf-8", errors="replace")
    serve_err = serve_log.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"ingested (\d+) reports \((\d+) events\); (\d+) already stored; (\d+) errors",
                  ingest_err)
    return {"result": result, "ingest_rc": rc, "ingest_stderr": ingest_err,
            "serve_stderr": serve_err, "summary": tuple(map(int, m.groups())) if m else None,
            "final_counts": final, "stored_ids": stored_ids(db), "db": db,
            "events_served": events_served, "ids": ids, "during_ingest": not done.is_set()
            or result.requests > 0}


def problems(run: dict, n_reports: int) -> list[str]:
    """What went wrong in a :func:`serve_during_ingest` run (empty: nothing)."""
    res: LoadResult = run["result"]
    out = []
    if run["ingest_rc"] != 0:
        out.append(f"ingest exited {run['ingest_rc']}: {run['ingest_stderr'][-1000:]}")
    for name in ("ingest_stderr", "serve_stderr"):
        for line in run[name].splitlines():
            if BAD_WORDS.search(line):
                out.append(f"{name}: {line}")
    if res.server_errors:
        out.append(f"{res.server_errors} responses were 5xx")
    out += res.errors[:20]
    out += [f"report count went down: {x}" for x in res.regressions[:5]]
    if run["summary"] is None or run["summary"][0] != n_reports or run["summary"][3] != 0:
        out.append(f"ingest summary {run['summary']}, expected {n_reports} added, 0 errors")
    ids = run["stored_ids"]
    if len(ids) != n_reports or len(set(ids)) != len(ids):
        out.append(f"{len(ids)} reports stored ({len(set(ids))} distinct), expected {n_reports}")
    if not set(run["ids"]) <= set(ids):
        out.append(f"missing reports: {sorted(set(run['ids']) - set(ids))[:10]}")
    if run["final_counts"]["reports"] != n_reports:
        out.append(f"the server counts {run['final_counts']['reports']} reports at the end")
    if run["summary"] and run["final_counts"]["events"] != run["summary"][1]:
        out.append(f"the server counts {run['final_counts']['events']} events, the ingest "
                   f"stored {run['summary'][1]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=512)
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--requests", type=int, default=20_000)
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    from test_kill import make_reports

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        run = serve_during_ingest(Path(tmp), make_reports(args.reports), workers=args.workers,
                                  max_requests=args.requests, max_seconds=args.seconds,
                                  env=dict(os.environ), from_first_write=True)
    summary = run["result"].summary()
    found = problems(run, args.reports)
    print(f"serve during ingest: {args.reports} reports ingested, {args.workers} workers, "
          f"loopback, {summary['requests']} requests in {summary['seconds']} s = "
          f"{summary['req_per_s']} req/s ({summary['meta_mid_ingest']} /api/meta answers "
          "saw a partly written store)")
    o = summary["overall"]
    print(f"  latency ms: p50 {o.get('p50_ms')}  p90 {o.get('p90_ms')}  p99 {o.get('p99_ms')}  "
          f"max {o.get('max_ms')}   statuses {summary['statuses']}")
    for route, p in summary["routes"].items():
        print(f"  {route:16s} n={p['n']:6d}  p50 {p['p50_ms']:7.1f}  p99 {p['p99_ms']:7.1f}  "
              f"max {p['max_ms']:7.1f}")
    print(f"  checks: {'all passed' if not found else 'FAILED'} (no 5xx, no transport error, "
          "no 'locked', counts never go down, every report stored once)")
    for p in found:
        print("   -", p)
    if args.json:
        args.json.write_text(json.dumps({**summary, "reports": args.reports,
                                         "workers": args.workers, "problems": found},
                                        indent=2), encoding="utf-8")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
