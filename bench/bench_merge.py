#!/usr/bin/env python
"""Merge quality: pairwise precision/recall on written scenarios, and how many ACLED dev
rows get wrongly merged when every dev note is coded and merged together (ACLED rows are
distinct events, so every merge there is wrong).

    python bench/bench_merge.py [--acled FILE] [--limit N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outposts.merge import merge_events
from outposts.records import Report

FIXTURE = ROOT / "tests" / "fixtures" / "posture" / "strikes.jsonl"
# gold incidents of the fixture: report id -> incident (events elsewhere in a report are singletons)
STRIKES_GOLD = {"strike-sohr": "maarat", "strike-whitehelmets": "maarat",
                "strike-activists": "maarat", "strike-reuters": "maarat", "strike-bab": "bab"}


def _pairs(groups: list[list[str]]) -> set[frozenset]:
    return {frozenset(p) for g in groups for p in itertools.combinations(sorted(g), 2)}


def _scenario_events():
    """The written scenarios: gold label per event id."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_merge import FOUR, ev  # the unit-test scenarios

    events, gold = [], {}
    for e in FOUR:
        events.append(e); gold[e.event_id_cnty] = "maarat"
    for rid, lat, lon in (("far1", 36.37051, 37.5157), ("far2", 36.3, 37.2)):
        e = ev(rid, latitude=lat, longitude=lon, location=rid)
        events.append(e); gold[e.event_id_cnty] = rid
    for rid, a1, a2 in (("c1", "Military Forces of Syria (2000-)", "HTS: Hayat Tahrir al Sham"),
                        ("c2", "HTS: Hayat Tahrir al Sham", "Military Forces of Syria (2000-)")):
        e = ev(rid, sub_event_type="Armed clash", actor1=a1, actor2=a2, latitude=35.9,
               longitude=36.8)
        events.append(e); gold[e.event_id_cnty] = "clash"
    return events, gold


def _score(events, gold_of) -> tuple[float, float, int, int]:
    merged = merge_events(events)
    pred = _pairs([[f"{m.report_id}|{m.event_id_cnty}" for m in g.members] for g in merged])
    by_gold: dict[str, list[str]] = {}
    for e in events:
        label = gold_of(e)
        by_gold.setdefault(label, []).append(f"{e.report_id}|{e.event_id_cnty}")
    gold = _pairs(list(by_gold.values()))
    tp = len(pred & gold)
    precision = tp / len(pred) if pred else 1.0
    recall = tp / len(gold) if gold else 1.0
    return precision, recall, len(events), len(merged)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--acled", default=os.environ.get("EVAL_DATA", str(
        ROOT.parent / "shared" / "eval")) + "/acled/acled_syria_iraq_2020_RPanlilio.csv")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()

    events, gold = _scenario_events()
    p, r, n, k = _score(events, lambda e: gold[e.event_id_cnty])
    print(f"scenarios (unit)      events {n:4d} -> {k:3d} incidents  pairwise P {p:.2f}  R {r:.2f}")

    from outposts import Pipeline
    from outposts.read import iter_reports

    pipe = Pipeline()
    coded = [e for ex in pipe.run(iter_reports([str(FIXTURE)])) for e in ex.events]
    p, r, n, k = _score(coded, lambda e: STRIKES_GOLD[e.report_id]
                        if e.location != "Idlib" else f"{e.report_id}:{e.event_id_cnty}")
    print(f"scenarios (pipeline)  events {n:4d} -> {k:3d} incidents  pairwise P {p:.2f}  R {r:.2f}")

    path = Path(args.acled)
    if not path.is_file():
        print(f"ACLED dev rows: skipped ({path} not found)")
        return 0
    from outposts.eval.acled import read_rows, strip_prefix

    rows = read_rows(path, "dev")[: args.limit]
    reports = [Report(id=f"row{i}", text=strip_prefix(r["notes"]),
                      published=date.fromisoformat(r["event_date"])) for i, r in enumerate(rows)]
    events = [e for ex in pipe.run(reports) for e in ex.events]
    merged = merge_events(events)
    wrong = {m.report_id for g in merged if g.source_count > 1 for m in g.members}
    print(f"ACLED dev rows        {len(rows)} rows, {len(events)} events -> {len(merged)} "
          f"incidents; rows wrongly merged: {len(wrong)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
