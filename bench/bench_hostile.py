"""Worst case of the coding budget (issue 17): one huge paragraph. Prints numbers,
asserts nothing.

    .venv/bin/python bench/bench_hostile.py [--chars 200000 1000000]

For each size, in a fresh process: a report whose article is one paragraph of that
many characters (varied conflict-report sentences, no paragraph break) is coded by
Pipeline.run directly (no reader limits: --max-words would refuse the largest);
prints words/s (wall clock and per CPU second) and the peak memory (max RSS) of that process. Long paragraphs are
parsed in pieces of at most Settings.max_segment_chars, so words/s should stay
near the small-report figure of bench_pipeline.py and memory flat.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SENTENCES = [
    "Syrian government artillery shelled residential streets in the town of Ariha on Friday, "
    "killing three civilians, rescuers said.",
    "The Observatory said the strikes hit positions near Deir ez-Zor and al-Bukamal.",
    "Residents said the market was closed and many families had left for the camps in the north.",
    "A spokesman for the group denied the claim in a statement posted online.",
    "Fighters of the Syrian Democratic Forces clashed with Islamic State cells east of Hajin.",
]


def paragraph(chars: int) -> str:
    out, n, i = [], 0, 0
    while n < chars:
        out.append(SENTENCES[i % len(SENTENCES)])
        n += len(out[-1]) + 1
        i += 1
    return " ".join(out)[:chars]


def one(chars: int) -> dict:
    import outposts
    from outposts.records import Report

    pipe = outposts.default_pipeline().warm()
    text = "One long paragraph\n\n" + paragraph(chars)
    words = len(text.split())
    t0, c0 = time.perf_counter(), time.process_time()
    ex = next(pipe.run([Report(id=f"long-{chars}", text=text, title="One long paragraph")]))
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"chars": chars, "words": words, "seconds": round(secs, 1), "cpu_seconds": round(cpu, 1),
            "words_per_s": round(words / secs), "words_per_cpu_s": round(words / cpu),
            "peak_rss_mb": round(rss), "events": len(ex.events)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, nargs="+", default=[200_000, 1_000_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    for chars in args.chars:
        out = subprocess.run([sys.executable, __file__, "--one", str(chars)], capture_output=True,
                             text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"one paragraph of {r['chars']:>9,} chars ({r['words']:,} words): "
              f"{r['seconds']:>6.1f} s, {r['words_per_s']:,} words/s; CPU {r['cpu_seconds']:.1f} s, "
              f"{r['words_per_cpu_s']:,} words per CPU second (steadier on a shared machine); "
              f"peak RSS {r['peak_rss_mb']:,} MB, {r['events']} events")


if __name__ == "__main__":
    main()
