"""Benchmark of the core pipeline: prints numbers, asserts nothing.

    .venv/bin/python bench/bench_pipeline.py [--words 50000] [--json FILE]

Measures, on a corpus of at least --words words (the bundled examples, the
seed report and, when ../shared/eval is present, ACLED notes read at run
time; repeated with fresh ids until large enough):
- first gazetteer build time (into a temporary file),
- cold start: a fresh `outposts extract` process on one small report,
- end-to-end words/s of Pipeline.run, and in the same run the floor: bare
  `nlp.pipe` of the same spaCy pipeline, loaded stock, over the same texts,
- peak memory (max RSS) of the end-to-end run, in its own process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def corpus(min_words: int) -> list:
    from outposts.read import iter_reports
    from outposts.records import Report

    base: list[Report] = [r for r in iter_reports([str(ROOT / "examples")]) if isinstance(r, Report)]
    seed = SHARED / "examples" / "seed-report-5th-corps.txt"
    if seed.exists():
        base += [r for r in iter_reports([str(seed)]) if isinstance(r, Report)]
    notes = SHARED / "eval" / "acled" / "acled_syria_iraq_combined.csv"
    if notes.exists():
        with open(notes, encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                base.append(Report(id=f"acled-{i}", text=row["notes"], title=None))
    reports, words, round_ = [], 0, 0
    while words < min_words:
        for r in base:
            reports.append(Report(id=f"{r.id}-{round_}", text=r.text, title=r.title, comments=r.comments,
                                  published=r.published))
            words += len(r.text.split()) + sum(len(c.text.split()) for c in r.comments)
        round_ += 1
    return reports, words


def texts_of(reports) -> list[str]:
    out = []
    for r in reports:
        out.append(r.text)
        out.extend(c.text for c in r.comments)
    return out


def run_e2e(min_words: int, rounds: int = 2) -> dict:
    """Runs in its own process so max RSS is this run's alone.

    The floor is the stock spaCy pipeline (``spacy.load``, every component as
    shipped) over the same texts; outposts runs its own copy of that pipeline,
    with the exact stand-ins of :mod:`outposts.fastpipes`. Floor and end to
    end alternate ``rounds`` times and the best of each counts, so a busy
    neighbour on the machine skews both alike.
    """
    from datetime import date

    import spacy

    from outposts import Pipeline, Settings

    reports, words = corpus(min_words)
    settings = Settings()
    pipe = Pipeline(settings)
    stock = spacy.load(settings.spacy_model)
    _ = pipe.nlp, pipe.gazetteer, pipe.actors, pipe.coder, pipe.geoparser
    list(pipe.run(reports[:20], published=date(2021, 1, 1)))  # warm caches
    texts = texts_of(reports)
    floors, runs, floor_cpu, e2e_cpu = [], [], [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in stock.pipe(texts, batch_size=64):
            pass
        floors.append(time.perf_counter() - t0)
        floor_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        n_events = sum(len(ex.events) for ex in pipe.run(reports, published=date(2021, 1, 1)))
        runs.append(time.perf_counter() - t0)
        e2e_cpu.append(time.process_time() - c0)
    floor, e2e = min(floors), min(runs)
    rss_mb = peak_rss_mb()  # before the split below holds every doc at once
    split = time_split(pipe, reports)
    return {"reports": len(reports), "words": words, "events": n_events,
            "floor_words_per_s": round(words / floor), "e2e_words_per_s": round(words / e2e),
            "ratio_to_floor": round(floor / e2e, 3),
            # the same ratio in CPU seconds: steady when the machine is shared
            "ratio_to_floor_cpu": round(min(floor_cpu) / min(e2e_cpu), 3),
            **split, "peak_rss_mb": round(rss_mb)}


def time_split(pipe, reports) -> dict:
    """Where one process's CPU time goes: planning (triage, sentence test), the
    spaCy parse of trigger sentences, entities for the rest, geoparsing, coding."""
    from datetime import date

    from outposts.records import ParsedArticle, ParsedSegment

    when = date(2021, 1, 1)
    cpu = time.process_time
    t = cpu()
    plans = [pipe._plan(r, False) for r in reports]
    plan_s = cpu() - t
    full = [s for p in plans for s in p.full]
    cheap = [s for p in plans for s in p.cheap]
    t = cpu()
    docs = {id(s): d for s, d in zip(full, pipe.nlp.pipe([s.text for s in full], batch_size=64))}
    parse_s = cpu() - t
    t = cpu()
    with pipe.nlp.select_pipes(enable=pipe._entity_pipes):
        docs.update({id(s): d for s, d in zip(cheap, pipe.nlp.pipe([s.text for s in cheap], batch_size=64))})
    entities_s = cpu() - t
    geo_s = code_s = 0.0
    for p in plans:
        ordered = sorted(p.full + p.cheap, key=lambda s: (s.comment is not None, s.comment or 0, s.start))
        t = cpu()
        places = pipe.geoparser.resolve([ParsedSegment(s, docs[id(s)]) for s in ordered])
        geo_s += cpu() - t
        t = cpu()
        full_ids = {id(s) for s in p.full}
        pipe.coder.code(ParsedArticle(
            p.report, when, tuple(ParsedSegment(s, docs[id(s)]) for s in ordered if id(s) in full_ids),
            tuple(s for s in p.cheap if s.kind != "comment"), tuple(places), p.triaged))
        code_s += cpu() - t
    total = plan_s + parse_s + entities_s + geo_s + code_s
    words = lambda segs: sum(len(s.text.split()) for s in segs)  # noqa: E731
    return {"words_parsed_share": round(words(full) / max(1, words(full) + words(cheap)), 3),
            "cpu_share": {k: round(v / total, 3) for k, v in (
                ("plan", plan_s), ("parse", parse_s), ("entities_only", entities_s),
                ("geoparse", geo_s), ("code", code_s))}}


def peak_rss_mb() -> float:
    """This process's peak resident memory. /proc's VmHWM starts afresh at exec,
    while ru_maxrss would carry the parent's peak over into a child."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def gazetteer_build() -> dict:
    """Runs in its own process: first build time and that build's peak memory."""
    from outposts.places.build import build_gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        build_gazetteer(Path(tmp) / "gaz.sqlite")
        took = time.perf_counter() - t0
    return {"gazetteer_first_build_s": round(took, 1), "gazetteer_build_peak_rss_mb": round(peak_rss_mb())}


def cold_start_seconds() -> float:
    exe = Path(sys.executable).parent / "outposts"
    sample = ROOT / "examples" / "2021-10-12-kirkuk-roadside-bomb.txt"
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([str(exe), "extract", str(sample)], check=True, capture_output=True)
        took = time.perf_counter() - t0
        best = took if best is None else min(best, took)
    return round(best, 2)


def _child(kind: str, words: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--words", str(words)],
                          check=True, capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=50_000)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--child", choices=["e2e", "build"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_e2e(args.words) if args.child == "e2e" else gazetteer_build()))
        return
    figures = _child("build", args.words)
    figures["cold_start_s"] = cold_start_seconds()
    figures.update(_child("e2e", args.words))
    figures["cpu_count"] = os.cpu_count()
    print("outposts core pipeline benchmark  (reproduce: make bench)")
    for key, value in figures.items():
        print(f"  {key:26} {value}")
    targets = {"ratio_to_floor": (">=", 0.7), "cold_start_s": ("<=", 2.0),
               "gazetteer_first_build_s": ("<=", 60.0), "peak_rss_mb": ("<=", 1024),
               "gazetteer_build_peak_rss_mb": ("<=", 1024)}
    for key, (op, bound) in targets.items():
        ok = figures[key] >= bound if op == ">=" else figures[key] <= bound
        print(f"  target {key} {op} {bound}: {'met' if ok else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
