"""Snapshot of what outposts makes of fixed inputs, to prove a refactor keeps behaviour.

    python scripts/snapshot.py OUT.json [--eval-data ../shared/eval] [--quick]
    python scripts/snapshot.py --diff A.json B.json

Covers: every bundled example (events, place mentions, comment triage, control
assertions when the pipeline gives them), the ACLED Syria/Iraq dev notes (every
event of each note) and the GeoWebNews dev articles (place mentions). The
snapshot quotes the eval data, so write it outside the repository or under a
git-ignored folder (bench/results/ is one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _events(ex) -> list[dict]:
    return [e.as_row() for e in ex.events]


def _places(ex) -> list[list]:
    return [[m.text, m.start, m.end, m.comment, m.geo_precision,
             m.place.geonameid if m.place else None] for m in ex.places]


def _controls(ex) -> list[dict]:
    return [c.as_row() for c in getattr(ex, "controls", ())]


def _posture(reports) -> dict:
    """Control assertions of the examples as the store gives them, and the timelines."""
    import tempfile

    from outposts import posture
    from outposts.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        import outposts

        pipe = outposts.Pipeline(outposts.Settings())
        with open_store(Path(tmp) / "s.db") as store:
            for ex in pipe.run(reports):
                store.add(ex)
            items = posture.assertions(store)
            lines = posture.timelines(items)
            return {"assertions": {"all": sorted((json.dumps(c.as_row(), sort_keys=True, default=str)
                                                  for c in items))},
                    "timelines": {k: [iv.as_row() for iv in v] for k, v in sorted(lines.items())}}


def snapshot(eval_data: Path, quick: bool) -> dict:
    import outposts
    from outposts.eval.acled import read_rows, strip_prefix
    from outposts.eval.geoparse import read_gwn
    from outposts.read import iter_reports

    pipe = outposts.Pipeline(outposts.Settings())
    out: dict = {"examples": {}, "acled_dev": {}, "gwn_dev": {}}
    reports = [r for r in iter_reports([str(ROOT / "examples")]) if isinstance(r, outposts.Report)]
    for ex in pipe.run(reports, all_places=True):
        out["examples"][ex.report.id] = {
            "events": _events(ex), "places": _places(ex), "controls": _controls(ex),
            "comments": [c.as_row() for c in ex.comments]}
    out["posture"] = _posture(reports)
    acled = eval_data / "acled" / "acled_syria_iraq_combined.csv"
    if acled.exists():
        rows = read_rows(acled, "dev")[: 60 if quick else None]
        reps = [outposts.Report(id=f"row{i}", text=strip_prefix(r["notes"]),
                                published=dt.date.fromisoformat(r["event_date"]))
                for i, r in enumerate(rows)]
        for ex in pipe.run(reps, all_places=True):
            out["acled_dev"][ex.report.id] = {"events": _events(ex), "places": _places(ex)}
    gwn = eval_data / "geoparse" / "geowebnews" / "GWN.xml"
    if gwn.exists():
        arts = read_gwn(gwn, "dev")[: 10 if quick else None]
        reps = [outposts.Report(id=f"a{a.id}", text=a.text) for a in arts]
        for ex in pipe.run(reps, published=dt.date(2000, 1, 1), all_places=True):
            out["gwn_dev"][ex.report.id] = {"places": _places(ex)}
    return out


def diff(a: dict, b: dict) -> int:
    n = 0
    for part in sorted(set(a) | set(b)):
        pa, pb = a.get(part, {}), b.get(part, {})
        for key in sorted(set(pa) | set(pb)):
            if pa.get(key) != pb.get(key):
                n += 1
                if n <= 20:
                    print(f"{part}/{key}:")
                    for field in sorted(set(pa.get(key) or {}) | set(pb.get(key) or {})):
                        va, vb = (pa.get(key) or {}).get(field), (pb.get(key) or {}).get(field)
                        if va != vb:
                            print(f"  {field}:\n    - {json.dumps(va)[:600]}\n    + {json.dumps(vb)[:600]}")
    print(f"{n} differing items" if n else "identical")
    return 1 if n else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?")
    ap.add_argument("--eval-data", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--quick", action="store_true", help="60 ACLED notes and 10 GWN articles only")
    ap.add_argument("--diff", nargs=2, metavar=("A", "B"))
    args = ap.parse_args()
    if args.diff:
        return diff(*(json.loads(Path(p).read_text()) for p in args.diff))
    if not args.out:
        ap.error("OUT is required")
    data = snapshot(args.eval_data, args.quick)
    Path(args.out).write_text(json.dumps(data, sort_keys=True, default=str), encoding="utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{k} {len(v)}" for k, v in data.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
