"""Scores shared by the evaluation sets: classification (accuracy, F1s,
confusion), spans (overlap matching, P/R/F1) and geographic error
(accuracy within k km, median/mean error, AUC of the log-error curve).

Pure Python (no numpy), so the readers and scores are testable on their own.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from statistics import mean, median
from typing import Hashable, Iterable, Sequence

from ..geo import haversine_km

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (:func:`outposts.geo.haversine_km`)."""
    return haversine_km(lat1, lon1, lat2, lon2)


# -- classification -------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def classification(gold: Sequence[Hashable], pred: Sequence[Hashable], *,
                   negative: Hashable | None = None) -> dict:
    """Accuracy, macro-F1 (over the classes present in gold), micro-F1 and
    per-class P/R/F1.

    ``negative`` names a "nothing here" class (e.g. no event): micro-F1 then
    counts only the other classes (a negative prediction is a miss, a
    negative gold an absence), so it differs from accuracy. Without it,
    micro-F1 equals accuracy.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred))
    labels = sorted({*gold, *pred}, key=str)
    per_class = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        per_class[str(lab)] = {**prf(tp, fp, fn), "support": tp + fn}
    in_gold = [str(lab) for lab in labels if any(g == lab for g in gold)]
    macro = mean(per_class[lab]["f1"] for lab in in_gold) if in_gold else 0.0
    pos = [str(lab) for lab in labels if lab != negative]
    tp = sum(per_class[lab]["tp"] for lab in pos)
    fp = sum(per_class[lab]["fp"] for lab in pos)
    fn = sum(per_class[lab]["fn"] for lab in pos)
    return {
        "n": n,
        "accuracy": correct / n if n else 0.0,
        "macro_f1": macro,
        "micro_f1": prf(tp, fp, fn)["f1"],
        "per_class": per_class,
    }


def confusion(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict:
    """``{"labels": [...], "matrix": rows=gold, cols=pred}``; labels sorted by gold frequency."""
    counts = Counter(gold)
    labels = sorted({*gold, *pred}, key=lambda lab: (-counts.get(lab, 0), str(lab)))
    index = {lab: i for i, lab in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        matrix[index[g]][index[p]] += 1
    return {"labels": [str(lab) for lab in labels], "matrix": matrix}


def top_confusions(gold: Sequence[Hashable], pred: Sequence[Hashable], k: int = 10) -> list[tuple[str, str, int]]:
    """The k most frequent (gold, predicted) pairs where they differ."""
    c = Counter((str(g), str(p)) for g, p in zip(gold, pred) if g != p)
    return [(g, p, n) for (g, p), n in c.most_common(k)]


# -- spans --------------------------------------------------------------------


@dataclass(frozen=True)
class SpanMatch:
    """Pairs of (gold index, predicted index) matched by overlap, and the leftovers."""

    pairs: list[tuple[int, int]]
    missed: list[int]  # gold indices
    spurious: list[int]  # predicted indices (not overlapping any gold, nor an ignored span)
    ignored: list[int]  # predicted indices overlapping only an ignored span


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]],
                ignore: Iterable[tuple[int, int]] = ()) -> SpanMatch:
    """One-to-one overlap matching, best overlap first.

    A predicted span overlapping no gold span but an ``ignore`` span (e.g. a
    demonym the gold marks as neither place nor error) counts neither way.
    """
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if overlaps(g, p):
                ov = min(g[1], p[1]) - max(g[0], p[0])
                exact = g == p
                cands.append((-int(exact), -ov, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    ignore = list(ignore)
    spurious, ignored = [], []
    for pi, p in enumerate(pred):
        if pi in used_p:
            continue
        if any(overlaps(g, p) for g in gold):
            spurious.append(pi)  # a second prediction on an already matched gold span
        elif any(overlaps(s, p) for s in ignore):
            ignored.append(pi)
        else:
            spurious.append(pi)
    missed = [gi for gi in range(len(gold)) if gi not in used_g]
    return SpanMatch(sorted(pairs), missed, spurious, ignored)


# -- geographic error ---------------------------------------------------------------


def auc_log_error(errors: Sequence[float]) -> float:
    """Gritta et al.'s AUC: errors sorted, ln(err + 1), trapezoid area over
    ln(20039) * (n - 1). 0 is perfect, 1 is every error maximal; lower is better."""
    if not errors:
        return float("nan")
    ys = [math.log(min(max(e, 0.0), MAX_ERROR_KM) + 1.0) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:]))
    return area / (math.log(MAX_ERROR_KM) * (len(ys) - 1))


def geo_errors(errors: Sequence[float], ks: Sequence[float] = (161.0,)) -> dict:
    """n, accuracy within each k km, median and mean error, AUC."""
    out: dict = {"n": len(errors)}
    for k in ks:
        out[f"acc@{k:g}"] = sum(e <= k for e in errors) / len(errors) if errors else 0.0
    out["median_km"] = median(errors) if errors else float("nan")
    out["mean_km"] = mean(errors) if errors else float("nan")
    out["auc"] = auc_log_error(errors)
    return out
