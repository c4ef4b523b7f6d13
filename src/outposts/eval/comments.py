"""Hand-labelled reader comments: outposts' comment triage against people's labels.

Gold (``devsets/comments/labels.json``)::

    {"threads": {"<id>": {"url", "title", "topic",
                          "comments": {"0": {"labels": [...], "stance": "support|dispute|none",
                                             "target": str | null, "note"?: str}, ...}}}}

Each thread's text is ``TEXTS_DIR/<thread id>.txt`` in the plain-text
convention (title, paragraphs, two blank lines, then one comment per
paragraph, numbered from 0). A thread whose text is missing is skipped and
counted. The pipeline's triager labels every comment of the report read from
the text (abusive ones included); comment ``k`` of the text is scored
against gold comment ``"k"``; a comment on one side only is counted, not
scored.

Measures: per-label precision, recall and F1 (``abusive``, ``hypothetical``,
``opinion``, ``claim``, ``eyewitness``; several labels may apply), their
micro and macro averages; the civil false-flag rate (the share of comments
people did not label abusive that the tool flags abusive); stance accuracy
and macro-F1 over support/dispute/none (mean F1 of the stances present in
gold); the target found where people and tool both see a stance. Baseline,
side by side: the majority (always "none", no labels).

Nothing here prints; :func:`evaluate` returns a :class:`~.common.Result`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any, Mapping, Sequence

from ..records import COMMENT_LABELS
from .common import Result
from .metrics import classification, prf

STANCES = ("support", "dispute", "none")


@dataclass(frozen=True)
class Pair:
    """One comment: what people said of it, and what the tool did."""

    thread: str
    index: int
    text: str
    gold_labels: frozenset[str]
    pred_labels: frozenset[str]
    gold_stance: str
    pred_stance: str
    gold_target: str | None = None
    pred_target: str | None = None
    note: str = ""


def read_labels(path: str | Path) -> dict[str, dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    threads = data.get("threads") if isinstance(data, dict) else None
    if not isinstance(threads, dict):
        raise ValueError(f"{path}: not a labels file (needs a 'threads' object)")
    return threads


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").casefold()).split())


def same_target(gold: str | None, pred: str | None) -> bool:
    """The tool's target sentence holds the words people quoted (folded; "..."
    gaps allowed), or the other way round."""
    g, p = _norm(gold), _norm(pred)
    if not g or not p:
        return False
    pieces = [_norm(x) for x in re.split(r"\.\.\.|…", gold or "") if _norm(x)]
    return all(x in p for x in pieces) or p in g


def measure(pairs: Sequence[Pair]) -> dict[str, Any]:
    """Label, false-flag, stance and target figures of the scored comments."""
    per_label = {}
    for lab in COMMENT_LABELS:
        tp = sum(lab in p.gold_labels and lab in p.pred_labels for p in pairs)
        fp = sum(lab not in p.gold_labels and lab in p.pred_labels for p in pairs)
        fn = sum(lab in p.gold_labels and lab not in p.pred_labels for p in pairs)
        per_label[lab] = {**prf(tp, fp, fn), "support": tp + fn}
    tp, fp, fn = (sum(per_label[lab][k] for lab in COMMENT_LABELS) for k in ("tp", "fp", "fn"))
    civil = [p for p in pairs if "abusive" not in p.gold_labels]
    flagged = [p for p in civil if "abusive" in p.pred_labels]
    stance = classification([p.gold_stance for p in pairs], [p.pred_stance for p in pairs]) if pairs else None
    both = [p for p in pairs if p.gold_stance != "none" and p.pred_stance == p.gold_stance and p.gold_target]
    return {
        "comments": len(pairs),
        "per_label": per_label,
        "labels_micro_f1": prf(tp, fp, fn)["f1"],
        "labels_macro_f1": mean(per_label[lab]["f1"] for lab in COMMENT_LABELS),
        "exact_label_sets": sum(p.gold_labels == p.pred_labels for p in pairs) / len(pairs) if pairs else None,
        "civil_comments": len(civil),
        "civil_flagged_abusive": len(flagged),
        "civil_false_flag_rate": len(flagged) / len(civil) if civil else None,
        "stance_accuracy": stance["accuracy"] if stance else None,
        "stance_macro_f1": stance["macro_f1"] if stance else None,
        "stance": stance,
        "target_pairs": len(both),
        "target_agreement": sum(same_target(p.gold_target, p.pred_target) for p in both) / len(both)
        if both else None,
    }


COLUMNS = [*(f"{lab} F1" for lab in COMMENT_LABELS), "labels micro-F1", "labels macro-F1",
           "civil false-flag", "stance acc", "stance macro-F1"]


def _row(f: Mapping[str, Any]) -> dict[str, Any]:
    return {**{f"{lab} F1": f["per_label"][lab]["f1"] for lab in COMMENT_LABELS},
            "labels micro-F1": f["labels_micro_f1"], "labels macro-F1": f["labels_macro_f1"],
            "civil false-flag": f["civil_false_flag_rate"], "stance acc": f["stance_accuracy"],
            "stance macro-F1": f["stance_macro_f1"]}


def evaluate(labels_path: str | Path, texts_dir: str | Path, *, limit: int | None = None,
             pipeline=None) -> Result:
    """Triage every labelled thread's text and score it; the majority baseline alongside."""
    from ..errors import InputError
    from ..read import read_path
    from . import common

    threads = read_labels(labels_path)
    ids = list(threads)[:limit] if limit else list(threads)
    pipe = pipeline or common.pipeline()
    texts_dir = Path(texts_dir)
    pairs: list[Pair] = []
    missing, unreadable, uneven = [], [], []
    for tid in ids:
        path = texts_dir / f"{tid}.txt"
        if not path.is_file():
            missing.append(tid)
            continue
        items = list(read_path(path))
        rep = next((r for r in items if not isinstance(r, InputError)), None)
        if rep is None:
            unreadable.append(f"{tid}: {items[0] if items else 'nothing read'}")
            continue
        gold = {int(k): v for k, v in (threads[tid].get("comments") or {}).items()}
        triaged = {t.index: t for t in pipe.triage(rep)}
        if set(gold) != set(triaged):
            uneven.append(f"{tid}: {len(gold)} labelled, {len(triaged)} in the text")
        for k in sorted(set(gold) & set(triaged)):
            g, t = gold[k], triaged[k]
            pairs.append(Pair(thread=tid, index=k, text=t.text,
                              gold_labels=frozenset(g.get("labels") or ()), pred_labels=frozenset(t.labels),
                              gold_stance=g.get("stance") or "none", pred_stance=t.stance,
                              gold_target=g.get("target"), pred_target=t.target, note=g.get("note", "")))
    if not pairs:
        raise ValueError(f"{labels_path}: no labelled comment has its text in {texts_dir}")
    ours = measure(pairs)
    majority = measure([Pair(p.thread, p.index, p.text, p.gold_labels, frozenset(), p.gold_stance, "none",
                             p.gold_target, None) for p in pairs])
    summary = {"outposts": _row(ours), "majority (no labels, stance none)": _row(majority)}
    threads_scored = len({p.thread for p in pairs})
    notes = [
        f"threads without text: {len(missing)}" + (f" ({', '.join(missing)})" if missing else ""),
        *([f"unreadable texts: {len(unreadable)} ({'; '.join(unreadable)})"] if unreadable else []),
        *([f"threads whose comment count differs from the labels (only comments on both sides "
           f"scored): {'; '.join(uneven)}"] if uneven else []),
        f"{len(pairs)} comments in {threads_scored} threads, each scored on all five labels "
        "(binary per label: precision, recall, F1); micro-F1 pools the five, macro-F1 averages them.",
        "civil false-flag = comments people did not label abusive that the tool labels abusive / "
        "comments not labelled abusive.",
        "stance: accuracy and macro-F1 (mean F1 of the stances present in gold) over "
        "support/dispute/none; target agreement: where people and tool see the same stance, "
        "the tool's target sentence holds the words people quoted.",
        "Baseline: the majority, no label and stance 'none' for every comment.",
    ]
    sections = [
        ("Per label (ours)", _label_table(ours["per_label"])),
        ("Stance (ours)", _stance_table(ours)),
    ]
    worst = []
    for p in pairs:
        wrong = sorted(p.gold_labels ^ p.pred_labels)
        if not wrong and p.gold_stance == p.pred_stance:
            continue
        worst.append({"thread": p.thread, "comment": p.index, "wrong_labels": wrong,
                      "gold": sorted(p.gold_labels), "ours": sorted(p.pred_labels),
                      "stance": [p.gold_stance, p.pred_stance], "note": p.note,
                      "abuse_error": ("abusive" in p.gold_labels) != ("abusive" in p.pred_labels),
                      "text": p.text[:400]})
    worst.sort(key=lambda w: (-w["abuse_error"], -len(w["wrong_labels"]) - (w["stance"][0] != w["stance"][1])))
    figures = {"outposts": ours, "majority": majority, "threads_total": len(ids),
               "threads_scored": threads_scored, "threads_without_text": missing,
               "threads_unreadable": unreadable, "threads_uneven": uneven,
               "per_comment": [{"thread": p.thread, "comment": p.index, "gold": sorted(p.gold_labels),
                                "ours": sorted(p.pred_labels), "gold_stance": p.gold_stance,
                                "our_stance": p.pred_stance} for p in pairs]}
    return Result(set="comments", split=Path(labels_path).stem, source=str(labels_path), n=len(pairs),
                  columns=COLUMNS, summary=summary, sections=sections, figures=figures,
                  worst=worst[:30], notes=notes)


def _label_table(per_label: Mapping[str, Mapping[str, Any]]) -> str:
    lines = ["| label | support | tp | fp | fn | P | R | F1 |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for lab, s in per_label.items():
        lines.append(f"| {lab} | {s['support']} | {s['tp']} | {s['fp']} | {s['fn']} | "
                     f"{s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} |")
    return "\n".join(lines)


def _stance_table(f: Mapping[str, Any]) -> str:
    cls = f.get("stance") or {"per_class": {}}
    lines = ["| stance | support | P | R | F1 |", "| --- | ---: | ---: | ---: | ---: |"]
    for lab in STANCES:
        s = cls["per_class"].get(lab)
        if s:
            lines.append(f"| {lab} | {s['support']} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} |")
    ta = f.get("target_agreement")
    lines.append("")
    lines.append(f"Target agreement: {'n/a' if ta is None else f'{ta:.2f}'} on {f['target_pairs']} comments.")
    return "\n".join(lines)
