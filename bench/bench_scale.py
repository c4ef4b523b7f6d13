"""Benchmark of the engines: prints numbers, asserts nothing.

    .venv/bin/python bench/bench_scale.py [--words 100000] [--json FILE] [--profile]

On a corpus of at least --words words (the bench_pipeline corpus: the bundled
examples, the seed report and, when ../shared/eval is present, ACLED notes
read at run time; repeated with fresh ids until large enough), measures:
- the floor: bare ``nlp.pipe`` of the same spaCy pipeline (loaded stock) over
  the same texts, in the same run, one process;
- end-to-end words/s of one process (Pipeline.run), of ``--jobs`` 1 and 2
  worker processes, and of a Dask LocalCluster of 1 and 2 workers, with
  outposts' ratio to the floor and the scaling from 1 to 2 workers;
- peak memory (VmHWM from /proc) of each process that ran the pipeline.

Workers are started and their Pipeline built before the clock starts (start-up
is reported apart): the figures are the steady rate a long ingest runs at.
Writes a PNG plot of throughput vs workers to bench/results/scale.png.
``--profile`` also prints the top entries of cProfile over one-process
Pipeline.run on the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

PUBLISHED = date(2021, 1, 1)


def vm_hwm_mb(pid: int | str = "self") -> float | None:
    """Peak resident memory of a process (VmHWM, reset at exec), in MB."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except OSError:
        return None
    return None


def _corpus(words: int):
    from bench_pipeline import corpus, texts_of

    reports, n = corpus(words)
    return reports, n, texts_of(reports)


def one_process(words: int) -> dict:
    """Floor (the stock spaCy pipeline, as bench_pipeline.py) and end-to-end in
    this (fresh) process."""
    import spacy

    from outposts import Pipeline, Settings

    reports, n, texts = _corpus(words)
    t0 = time.perf_counter()
    pipe = Pipeline(Settings())
    _ = pipe.nlp, pipe.gazetteer, pipe.actors, pipe.coder, pipe.geoparser
    start = time.perf_counter() - t0
    list(pipe.run(reports[:20], published=PUBLISHED))  # warm caches
    stock = spacy.load(pipe.settings.spacy_model)
    t0 = time.perf_counter()
    for _ in stock.pipe(texts, batch_size=64):
        pass
    floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    events = sum(len(ex.events) for ex in pipe.run(reports, published=PUBLISHED))
    e2e = time.perf_counter() - t0
    return {"reports": len(reports), "words": n, "events": events, "startup_s": round(start, 1),
            "floor_words_per_s": round(n / floor), "words_per_s": round(n / e2e),
            "peak_mb": [vm_hwm_mb()]}


def procs(words: int, jobs: int) -> dict:
    """``--jobs N``: a process pool, warmed, then the corpus streamed through it."""
    from outposts import Settings
    from outposts.engines.procs import new_pool, run_procs, warm_pool

    reports, n, _ = _corpus(words)
    settings = Settings()
    t0 = time.perf_counter()
    pool = new_pool(jobs)
    pids = warm_pool(pool, settings, jobs)
    start = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        events = sum(len(ex.events) for ex in run_procs(settings, reports, jobs=jobs, pool=pool,
                                                         published=PUBLISHED))
        took = time.perf_counter() - t0
        peaks = [vm_hwm_mb(pid) for pid in sorted(pids)]
    finally:
        pool.shutdown()
    return {"words": n, "events": events, "startup_s": round(start, 1),
            "words_per_s": round(n / took), "peak_mb": peaks, "client_peak_mb": vm_hwm_mb()}


def dask(words: int, workers: int) -> dict:
    """A Dask LocalCluster of ``workers`` single-threaded worker processes."""
    from distributed import Client

    from outposts import Settings
    from outposts.engines.dask import PipelinePlugin, local_cluster, run_dask

    reports, n, _ = _corpus(words)
    settings = Settings()
    t0 = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        client.register_plugin(PipelinePlugin(settings))
        pids = client.run(os.getpid)
        start = time.perf_counter() - t0
        t0 = time.perf_counter()
        events = sum(len(ex.events) for ex in run_dask(settings, reports, client=client,
                                                        published=PUBLISHED))
        took = time.perf_counter() - t0
        peaks = [vm_hwm_mb(pid) for pid in sorted(pids.values())]
    return {"words": n, "events": events, "startup_s": round(start, 1),
            "words_per_s": round(n / took), "peak_mb": peaks, "client_peak_mb": vm_hwm_mb()}


def profile(words: int, top: int = 25) -> str:
    """cProfile of one-process Pipeline.run over the corpus: the top entries by
    own time and by cumulative time."""
    import cProfile
    import io
    import pstats

    from outposts import Pipeline, Settings

    reports, _, _ = _corpus(words)
    pipe = Pipeline(Settings())
    list(pipe.run(reports[:20], published=PUBLISHED))
    prof = cProfile.Profile()
    prof.enable()
    for _ in pipe.run(reports, published=PUBLISHED):
        pass
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def _burn(n: int) -> float:
    t0 = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - t0


def machine_ceiling(n: int = 40_000_000) -> float:
    """How much faster two CPU-bound processes get through work than one, on
    this machine (2.0 on two free cores): the ceiling of any 1 -> 2 scaling."""
    import multiprocessing

    one = _burn(n)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        t0 = time.perf_counter()
        pool.map(_burn, [n, n])
        two = time.perf_counter() - t0
    return round(2 * one / two, 2)


def _child(kind: str, words: int, n: int = 1) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--n", str(n),
                           "--words", str(words)], check=True, capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def plot(figures: dict, path: Path) -> Path | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    fig, ax = plt.subplots(figsize=(6, 4))
    one = figures["one_process"]["words_per_s"]
    floor = figures["one_process"]["floor_words_per_s"]
    for key, label in (("procs", "--jobs N (processes)"), ("dask", "Dask LocalCluster")):
        xs = sorted(int(k) for k in figures[key])
        ax.plot(xs, [figures[key][str(x)]["words_per_s"] for x in xs], marker="o", label=label)
    xs = [1, 2]
    ax.plot(xs, [one * x for x in xs], ls=":", color="grey", label="1 process x N (ideal)")
    ax.plot(xs, [floor * x for x in xs], ls="--", color="black", label="nlp.pipe floor x N")
    ax.scatter([1], [one], color="red", zorder=5, label="one process, no engine")
    ax.set_xlabel("workers")
    ax.set_ylabel("words / s")
    ax.set_xticks(xs)
    ax.set_ylim(bottom=0)
    ax.set_title(f"outposts throughput, {figures['one_process']['words']} words, "
                 f"{os.cpu_count()} cores")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one process")
    ap.add_argument("--child", choices=["one", "procs", "dask", "profile"], help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "profile":
        print(profile(args.words))
        return
    if args.child:
        run = {"one": lambda: one_process(args.words), "procs": lambda: procs(args.words, args.n),
               "dask": lambda: dask(args.words, args.n)}[args.child]
        print(json.dumps(run()))
        return

    figures: dict = {"cpu_count": os.cpu_count(), "machine_scaling_ceiling": machine_ceiling()}
    figures["one_process"] = _child("one", args.words)
    figures["procs"] = {str(n): _child("procs", args.words, n) for n in (1, 2)}
    try:
        import distributed  # noqa: F401
    except ImportError:
        figures["dask"] = {}
    else:
        figures["dask"] = {str(n): _child("dask", args.words, n) for n in (1, 2)}
    one = figures["one_process"]
    floor = one["floor_words_per_s"]
    summary = {
        "words": one["words"], "reports": one["reports"], "events": one["events"],
        "floor_words_per_s (1 process)": floor,
        "one_process_words_per_s": one["words_per_s"],
        "ratio_to_floor (1 process)": round(one["words_per_s"] / floor, 3),
    }
    for key in ("procs", "dask"):
        for n, fig in figures[key].items():
            summary[f"{key}_{n}_words_per_s"] = fig["words_per_s"]
            summary[f"{key}_{n}_startup_s"] = fig["startup_s"]
            summary[f"{key}_{n}_worker_peak_mb"] = fig["peak_mb"]
            assert fig["events"] == one["events"], f"{key} {n} coded other events"
        if "2" in figures[key]:
            summary[f"{key}_2_ratio_to_floor"] = round(figures[key]["2"]["words_per_s"] / floor, 3)
            summary[f"{key}_scaling_1_to_2 (vs one process)"] = round(
                figures[key]["2"]["words_per_s"] / one["words_per_s"], 2)
            summary[f"{key}_scaling_1_to_2 (vs 1 worker)"] = round(
                figures[key]["2"]["words_per_s"] / figures[key]["1"]["words_per_s"], 2)
    summary["one_process_peak_mb"] = one["peak_mb"][0]
    summary["machine_scaling_ceiling (pure-Python burn, 1 -> 2 processes)"] = \
        figures["machine_scaling_ceiling"]
    print("outposts engines benchmark  (reproduce: make bench, or bench/bench_scale.py)")
    for key, value in summary.items():
        print(f"  {key:42} {value}")
    for key in ("procs", "dask"):
        if "2" in figures[key]:
            # the measure: 2 workers against 1 worker of the same engine
            got = summary[f"{key}_scaling_1_to_2 (vs 1 worker)"]
            plain = summary[f"{key}_scaling_1_to_2 (vs one process)"]
            print(f"  target {key} scaling 1 -> 2 workers >= 1.7: {'met' if got >= 1.7 else 'NOT met'}"
                  f" ({got}x on {os.cpu_count()} cores, {plain}x against one process without an"
                  f" engine; this machine's own ceiling {figures['machine_scaling_ceiling']}x)")
    ratio = summary["ratio_to_floor (1 process)"]
    print(f"  target ratio_to_floor >= 1.0: {'met' if ratio >= 1.0 else 'NOT met'} ({ratio})")
    png = plot(figures, RESULTS / "scale.png")
    if png:
        print(f"  plot: {png.relative_to(ROOT)}")
    figures["summary"] = summary
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    if args.profile:
        proc = subprocess.run([sys.executable, __file__, "--child", "profile", "--words",
                               str(args.words)], check=True, capture_output=True, text=True)
        print(proc.stdout)


if __name__ == "__main__":
    main()
