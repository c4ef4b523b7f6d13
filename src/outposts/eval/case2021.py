"""CASE 2021 shared task 2: news snippets labelled with ACLED sub-event codes
(25 ACLED types) or one of 5 non-ACLED labels (ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO, ATTRIB).

Each snippet is coded on its own; the first (highest-confidence) event's
sub_event_type is mapped to the CASE code. The 5 non-ACLED labels all mean
"no ACLED event": our "no event" output is right on them. Only a test split
exists (all rows).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from . import baselines
from .acled import _pairs_table, _per_class_table, strip_prefix
from .common import Result, pipeline, top_event
from .metrics import classification, confusion, top_confusions

SPLITS = ("test",)
NO_ACLED = "NO_ACLED_EVENT"
NON_ACLED_LABELS = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")

# CASE 2021 code -> ACLED sub_event_type (TAXONOMY.md: one to one)
CODE_TO_SUB = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
SUB_TO_CODE = {v: k for k, v in CODE_TO_SUB.items()}


def read_label_names(path: str | Path) -> list[str]:
    """The codes listed in the task's event-type note (upper-case words on their own line)."""
    names = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s and s.replace("_", "").isalpha() and s.isupper() and s not in names:
            names.append(s)
    return names


def read_snippets(path: str | Path) -> list[dict]:
    """Rows ``{"id", "text", "label"}`` of the TSV (no quoting: quotes are text)."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if not header or [h.strip() for h in header[:3]] != ["id", "EventSnippet", "SubType"]:
            raise ValueError(f"{path}: not a CASE 2021 task 2 TSV (header id, EventSnippet, SubType)")
        return [{"id": r[0], "text": r[1], "label": r[2].strip()} for r in reader if len(r) >= 3]


def gold_class(label: str) -> str:
    return NO_ACLED if label in NON_ACLED_LABELS else label


def _training_rows(path: Path) -> tuple[list[str], list[str], str]:
    """ACLED dev notes for the bag-of-words baseline: the 2020 global extract
    (dev-designated) next to the TSV when present, else the combined file's
    2020 rows."""
    from .acled import read_rows

    folder = Path(path).parent
    glob_2020 = folder / "acled_global_2020_RPanlilio.csv"
    combined = folder / "acled_syria_iraq_combined.csv"
    if glob_2020.is_file():
        with open(glob_2020, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        src = glob_2020.name
    elif combined.is_file():
        rows = read_rows(combined, "dev")
        src = combined.name + " (2020 rows)"
    else:
        return [], [], ""
    rows = [r for r in rows if r.get("sub_event_type") in SUB_TO_CODE and r.get("notes")]
    return [strip_prefix(r["notes"]) for r in rows], [SUB_TO_CODE[r["sub_event_type"]] for r in rows], src


COLUMNS = ["accuracy", "macro-F1", "micro-F1 (ACLED classes)", "no-event share"]


def evaluate(path: str | Path, split: str = "test", limit: int | None = None) -> Result:
    from ..records import Report

    if split != "test":
        raise ValueError("case2021 has only a test split")
    rows = read_snippets(path)[:limit]
    if not rows:
        raise ValueError(f"{path}: no rows")
    n = len(rows)
    gold = [gold_class(r["label"]) for r in rows]
    today = date.today()
    reports = [Report(id=f"case-{r['id']}", text=r["text"], published=today) for r in rows]
    pred, conf_of = [], []
    for ex in pipeline().run(reports):
        ev = top_event(ex.events)
        pred.append(SUB_TO_CODE.get(ev.sub_event_type, ev.sub_event_type) if ev else NO_ACLED)
        conf_of.append(ev.confidence if ev else 0.0)

    def row(p):
        c = classification(gold, p, negative=NO_ACLED)
        return c, {"accuracy": c["accuracy"], "macro-F1": c["macro_f1"],
                   "micro-F1 (ACLED classes)": c["micro_f1"],
                   "no-event share": sum(x == NO_ACLED for x in p) / n}

    summary, figures, notes = {}, {"split": split, "n": n}, []
    label_file = Path(path).parent / "case2021_task2_event_types.txt"
    if label_file.is_file():
        known = set(read_label_names(label_file))
        unknown = sorted({r["label"] for r in rows} - known)
        if unknown:
            notes.append(f"Gold labels not in {label_file.name}: {', '.join(unknown)}.")
    ours_cls, summary["outposts"] = row(pred)
    figures["outposts"] = ours_cls
    train_x, train_y, train_src = _training_rows(Path(path))
    if train_y:
        maj = baselines.majority(train_y)
        figures["majority"], summary[f"majority ({maj})"] = row([maj] * n)
        notes.append(f"Majority = the most frequent sub-event of the ACLED dev rows in {train_src} ({maj}).")
    summary["always no event"] = row([NO_ACLED] * n)[1]
    reason = baselines.sklearn_missing()
    if reason is None and train_y:
        bow = baselines.bow_predict(train_x, train_y, [r["text"] for r in rows])
        figures["bag_of_words"], summary["bag-of-words"] = row(bow)
        notes.append(f"Bag-of-words trained at run time on {len(train_y)} ACLED dev notes "
                     f"({train_src}); it never predicts 'no ACLED event'.")
    else:
        notes.append(f"Bag-of-words baseline skipped: {reason or 'no ACLED dev rows next to the TSV'}.")

    conf = confusion(gold, pred)
    figures["confusion"] = conf
    figures["top_confusions"] = top_confusions(gold, pred, 15)
    worst = [{"id": r["id"], "gold": g, "pred": p, "confidence": c, "text": r["text"]}
             for r, g, p, c in zip(rows, gold, pred, conf_of) if g != p]
    worst.sort(key=lambda w: (-w["confidence"], w["id"]))
    notes += [
        "Gold labels ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO and ATTRIB count as "
        f"{NO_ACLED}; our 'no event' output is that class.",
        "Macro-F1 averages the classes present in gold (26 at most); micro-F1 counts only the 25 "
        f"ACLED classes ({NO_ACLED} is the negative class), so it differs from accuracy.",
        "Worst errors: wrong predictions, most confident first.",
    ]
    sections = [("Most frequent confusions (gold → ours)", _pairs_table(figures["top_confusions"], "gold", "ours")),
                ("Per-class F1 (ours)", _per_class_table(ours_cls))]
    return Result(set="case2021", split=split, source=str(path), n=n, columns=COLUMNS,
                  summary=summary, sections=sections, figures=figures,
                  confusion={"title": "CASE 2021 task 2: label (rows gold, columns ours)", **conf},
                  worst=worst[:30], notes=notes)
