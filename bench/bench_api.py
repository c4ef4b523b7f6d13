#!/usr/bin/env python
"""`/api/events` latency over loopback with a real uvicorn server, on a store of
synthetic events (written straight through the store API, no NLP).

    python bench/bench_api.py [--events 100000] [--requests 500] [--db PATH]

Prints p50/p90/p99/max in ms for: a filtered page of 100 (sub-event type and one
year, random page: the first request of each of the 40 filter sets merges from the
store, the rest page through the cached merge), the same filters with `unmerged=true`,
and one incident's detail (`/api/events/{id}`). Target: p99 <= 200 ms for the
filtered page.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outposts.records import Event, Extraction, Report
from outposts.store import open_store

TYPES = [("Battles", "Armed clash"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"),
         ("Riots", "Violent demonstration"),
         ("Strategic developments", "Non-violent transfer of territory")]
ACTORS = ["Military Forces of Syria (2000-)", "Islamic State (Syria)",
          "QSD: Syrian Democratic Forces", "Military Forces of Russia (2000-)",
          "Militia (Pro-Iran)", "Protesters (Syria)", "Unidentified Armed Group (Syria)",
          "HTS: Hayat Tahrir al Sham"]
TOWNS = [("Deir ez-Zor", 35.336, 40.145), ("Albu Kamal", 34.453, 40.918),
         ("Al Mayadin", 35.019, 40.452), ("Ar Raqqah", 35.950, 39.010),
         ("Idlib", 35.930, 36.634), ("Daraa", 32.625, 36.106), ("Aleppo", 36.202, 37.134),
         ("Homs", 34.727, 36.723), ("Al Hasakah", 36.502, 40.747), ("Qamishli", 37.052, 41.231)]
YEARS = range(2018, 2023)
PER_REPORT = 100


def build(path: Path, n: int, seed: int = 1) -> float:
    """``n`` events over five years, ``PER_REPORT`` per report; returns seconds taken."""
    rng = random.Random(seed)
    start = time.perf_counter()
    first = date(YEARS[0], 1, 1)
    sentence = "Clashes were reported."
    with open_store(path) as store:
        k = 0
        for r in range((n + PER_REPORT - 1) // PER_REPORT):
            rid = f"synthetic-{r:06d}"
            text = f"Synthetic report {r}\n\n{sentence}"
            events = []
            for _ in range(min(PER_REPORT, n - k)):
                event_type, sub = TYPES[rng.randrange(len(TYPES))]
                town, lat, lon = TOWNS[rng.randrange(len(TOWNS))]
                events.append(Event(
                    event_id_cnty=f"SYR-s{k:07d}", event_type=event_type, sub_event_type=sub,
                    event_date=first + timedelta(days=rng.randrange(365 * len(YEARS))),
                    time_precision=rng.choice((1, 1, 1, 2)), actor1=rng.choice(ACTORS),
                    actor2=rng.choice(ACTORS), report_id=rid, evidence=sentence,
                    evidence_start=len(text) - len(sentence), evidence_end=len(text),
                    confidence=0.7, country="Syria", iso=760, location=town,
                    latitude=lat + rng.uniform(-.2, .2), longitude=lon + rng.uniform(-.2, .2),
                    geo_precision=1, source="SOHR", patrons1=rng.choice(((), ("Russia",)))))
                k += 1
            store.add(Extraction(Report(id=rid, text=text, title=f"Synthetic report {r}"),
                                 tuple(events)))
    return time.perf_counter() - start


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def _row(name: str, ms: list[float]) -> str:
    return (f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {_pct(ms, 90):.1f} | "
            f"{_pct(ms, 99):.1f} | {max(ms):.1f} |")


def run(base: str, requests: int, seed: int = 2) -> list[str]:
    import httpx

    rng = random.Random(seed)
    combos = [(sub, year) for _, sub in TYPES for year in YEARS]
    totals: dict[tuple, int] = {}
    results: dict[str, list[float]] = {"filtered page of 100": [],
                                       "  first page of a filter set (merged from the store)": [],
                                       "  later pages (merge cached)": [],
                                       "same, unmerged=true": [],
                                       "one incident (/api/events/{id})": []}
    ids: list[str] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in range(requests):
            sub, year = combos[i % len(combos)] if i < len(combos) else rng.choice(combos)
            params = {"type": sub, "since": f"{year}-01-01", "until": f"{year}-12-31",
                      "limit": 100}
            total = totals.get((sub, year))
            params["offset"] = rng.randrange(max(1, total - 100)) if total else 0
            t = time.perf_counter()
            r = client.get("/api/events", params=params)
            took = (time.perf_counter() - t) * 1000
            results["filtered page of 100"].append(took)
            results["  first page of a filter set (merged from the store)" if total is None
                    else "  later pages (merge cached)"].append(took)
            r.raise_for_status()
            body = r.json()
            totals[(sub, year)] = body["total"]
            if len(body["events"]) != 100:
                raise SystemExit(f"expected a full page, got {len(body['events'])}")
            ids.extend(e["id"] for e in body["events"][:2])
        for i in range(requests):
            sub, year = rng.choice(combos)
            params = {"type": sub, "since": f"{year}-01-01", "until": f"{year}-12-31",
                      "limit": 100, "offset": rng.randrange(1500), "unmerged": "true"}
            t = time.perf_counter()
            client.get("/api/events", params=params).raise_for_status()
            results["same, unmerged=true"].append((time.perf_counter() - t) * 1000)
        for i in range(min(requests, 200)):
            t = time.perf_counter()
            client.get(f"/api/events/{rng.choice(ids)}").raise_for_status()
            results["one incident (/api/events/{id})"].append((time.perf_counter() - t) * 1000)
    lines = ["| request | n | p50 ms | p90 ms | p99 ms | max ms |", "| --- | --- | --- | --- | --- | --- |"]
    lines += [_row(name, ms) for name, ms in results.items()]
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--db", type=Path, help="Reuse (or create) the store here.")
    args = parser.parse_args(argv)
    from outposts.web import WebConfig
    from outposts.web.server import running

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench-api.db"
        if not db.exists():
            took = build(db, args.events)
            print(f"built a store of {args.events:,} synthetic events in {took:.1f} s")
        with open_store(db) as store:
            counts = store.stats()
        print(f"store: {counts['events']:,} events, {counts['reports']:,} reports ({db})")
        with running(WebConfig(db=str(db), port=0)) as base:
            print(f"server: uvicorn on {base}, {args.requests} requests per kind, one client "
                  "with keep-alive")
            for line in run(base, args.requests):
                print(line)
    print(f"command: python bench/bench_api.py --events {args.events} "
          f"--requests {args.requests}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
