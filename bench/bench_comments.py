"""Comment triage against hand labels: precision/recall per label, stance accuracy.

Threads: tests/data/threads/*.jsonl (reports whose comments carry a ``gold``
object: ``labels``, ``stance``, ``target`` = a distinctive part of the target
sentence). Files named ``dev-*`` are the half the rules were tuned on,
``test-*`` the held-out half. Also scores the seed thread against
tests/data/seed_thread_labels.json when the seed report is present.

    python bench/bench_comments.py

and the speed of triage, comments per second on one core (the threads above
triaged over and over for a few seconds).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outposts.comments import triage_report
from outposts.read import iter_reports
from outposts.records import COMMENT_LABELS

THREADS = ROOT / "tests" / "data" / "threads"
SEED = ROOT.parent / "shared" / "examples" / "seed-report-5th-corps.txt"
SEED_LABELS = ROOT / "tests" / "data" / "seed_thread_labels.json"


def gold_of_threads(paths) -> list[tuple[object, dict]]:
    """(report, {comment index: gold}) for each report in the JSONL files."""
    out = []
    for path in paths:
        reports = [r for r in iter_reports([str(path)]) if not isinstance(r, Exception)]
        raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for report, obj in zip(reports, raw):
            out.append((report, {n: c["gold"] for n, c in enumerate(obj["comments"])}))
    return out


def score(pairs) -> dict:
    """Counts per label and for stance over (report, gold) pairs."""
    counts = {name: {"tp": 0, "fp": 0, "fn": 0} for name in COMMENT_LABELS}
    stance = {"n": 0, "right": 0, "target_right": 0, "with_stance": 0}
    for report, gold in pairs:
        for t in triage_report(report):
            g = gold.get(t.index)
            if g is None:
                continue
            want, got = set(g["labels"]), set(t.labels)
            for name in COMMENT_LABELS:
                if name in got and name in want:
                    counts[name]["tp"] += 1
                elif name in got:
                    counts[name]["fp"] += 1
                elif name in want:
                    counts[name]["fn"] += 1
            stance["n"] += 1
            if t.stance == g.get("stance", "none"):
                stance["right"] += 1
            if g.get("stance", "none") != "none":
                stance["with_stance"] += 1
                if t.stance == g["stance"] and t.target and g.get("target") and g["target"] in t.target:
                    stance["target_right"] += 1
    return {"labels": counts, "stance": stance}


def pr(c: dict) -> tuple[float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return p, r


def report(name: str, result: dict) -> None:
    s = result["stance"]
    print(f"== {name}: {s['n']} comments ==")
    print(f"{'label':13} {'P':>5} {'R':>5}  tp/fp/fn")
    for label, c in result["labels"].items():
        p, r = pr(c)
        print(f"{label:13} {p:5.2f} {r:5.2f}  {c['tp']}/{c['fp']}/{c['fn']}")
    acc = s["right"] / s["n"] if s["n"] else 0.0
    tgt = s["target_right"] / s["with_stance"] if s["with_stance"] else 0.0
    print(f"stance accuracy {acc:.2f}; support/dispute with the right stance and target "
          f"{s['target_right']}/{s['with_stance']} ({tgt:.2f})")


def seed_pairs():
    if not SEED.exists():
        return []
    from outposts.read.text import parse_text

    labels = json.loads(SEED_LABELS.read_text(encoding="utf-8"))
    gold = {int(k): v for k, v in labels.items() if not k.startswith("_")}
    return [(parse_text(SEED.read_text(encoding="utf-8"), origin=str(SEED)), gold)]


def _forget_texts() -> None:
    """Drop what is kept per text, so that a pass over the same threads costs what new ones
    would (word-level caches stay: real comments share their words)."""
    try:
        from outposts.comments.text import content_stems
    except ImportError:
        return
    if hasattr(content_stems, "cache_clear"):
        content_stems.cache_clear()


def speed(pairs, seconds: float = 3.0) -> float:
    """Comments triaged per second of this process's CPU time (one core; CPU time, not wall
    time, so that other work on a shared machine does not count), the model warm."""
    import time

    reports = [r for r, _ in pairs]
    n_comments = sum(len(r.comments) for r in reports)
    triage_report(reports[0])  # load the model and the lexicons once
    done, t0 = 0, time.process_time()
    while time.process_time() - t0 < seconds:
        _forget_texts()
        for r in reports:
            triage_report(r)
        done += n_comments
    return done / (time.process_time() - t0)


def main() -> None:
    dev = gold_of_threads(sorted(THREADS.glob("dev-*.jsonl")))
    test = gold_of_threads(sorted(THREADS.glob("test-*.jsonl")))
    report("dev half (rules tuned here)", score(dev))
    report("test half (held out)", score(test))
    seed = seed_pairs()
    if seed:
        report("seed thread", score(seed))
    print(f"speed: {speed(dev + test + seed):.0f} comments/s on one core (target >= 2000)")


if __name__ == "__main__":
    main()
