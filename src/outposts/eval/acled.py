"""ACLED rows: each row's ``notes`` (label prefix stripped) is coded with the
row's ``event_date`` as the report date; the first (highest-confidence)
event is compared with the row. A note with no event is wrong on every field.

Fields: event_type, sub_event_type, actor1 (exact, and normalised: tenure
bracket, unit suffix and acronym dropped, so "Military Forces of Syria
(2000-) 4th Armored Division" ~ "Military Forces of Syria (2000-)"),
location within 10 and 50 km (geo_precision 1 rows, and all rows),
event_date and fatalities exactly.

Splits: dev = rows dated 2020, test = rows dated 2022.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from . import baselines
from .common import NO_EVENT, Result, pipeline, top_event
from .metrics import classification, confusion, haversine, top_confusions

SPLIT_YEARS = {"dev": "2020", "test": "2022"}
SPLITS = ("dev", "test")
_PREFIX = re.compile(r"^([A-Z][A-Za-z/ -]{2,60}):\s+")
_STATE = re.compile(r"^((?:military|police) forces of [^()]+?)\s*\(\d{4}-\d{0,4}\)(.*)$", re.I)
_YEARS = re.compile(r"\s*\(\d{4}-\d{0,4}\)")
_ACRONYM = re.compile(r"^[A-Za-z0-9'-]{2,12}:\s+(.+)$")


def strip_prefix(note: str) -> str:
    """The note without a leading label such as "Movement of forces:"."""
    return _PREFIX.sub("", note.strip(), count=1)


def normalize_actor(name: str) -> str:
    """Actor name for the loose comparison: no tenure bracket, no unit after
    it, no "ACRONYM:" head, case and punctuation folded."""
    s = (name or "").strip()
    m = _STATE.match(s)
    if m:
        s = m.group(1)
    s = _YEARS.sub("", s)
    m = _ACRONYM.match(s)
    if m:
        s = m.group(1)
    return " ".join(re.sub(r"[^\w]+", " ", s.casefold()).split())


def _iso_date(value: str) -> str:
    """ACLED exports write dates as ISO (2020-05-09) or as 9-May-20 / 09 May 2020."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value


def read_rows(path: str | Path, split: str | None = None) -> list[dict]:
    """Rows of an ACLED CSV (ISO or ``9-May-20`` ``event_date``, normalised to
    ISO), those of the split's year when ``split`` is given."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if "notes" not in r or "event_date" not in r:
            raise ValueError(f"{path}: not an ACLED CSV (needs notes and event_date columns)")
        r["event_date"] = _iso_date(r["event_date"])
    if split is not None:
        year = SPLIT_YEARS[split]
        rows = [r for r in rows if r["event_date"].startswith(year)]
    return rows


def _int(value, default=0) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def code_rows(rows: list[dict]) -> list[dict]:
    """outposts' top event for each row (None when it found none), and the
    places it recognised in the note."""
    from ..records import Report

    reports = [
        Report(id=r.get("event_id_cnty") or f"row{i}", text=strip_prefix(r["notes"]),
               published=date.fromisoformat(r["event_date"]))
        for i, r in enumerate(rows)
    ]
    out = []
    for ex in pipeline().run(reports, all_places=True):
        out.append({"event": top_event(ex.events), "n_events": len(ex.events),
                    "places": [m for m in ex.places if m.comment is None]})
    return out


def _loc_scores(dists: list[float | None], prec: list[int]) -> dict[str, float]:
    out = {}
    for km in (10, 50):
        for name, keep in (("gp1", lambda p: p == 1), ("all", lambda p: True)):
            sel = [d for d, p in zip(dists, prec) if keep(p)]
            out[f"loc@{km}km ({name})"] = sum(d is not None and d <= km for d in sel) / len(sel) if sel else 0.0
    return out


COLUMNS = ["event_type", "sub_event_type", "sub macro-F1", "actor1 exact", "actor1 norm",
           "loc@10km (gp1)", "loc@50km (gp1)", "loc@10km (all)", "loc@50km (all)",
           "event_date", "fatalities", "no event"]


def evaluate(path: str | Path, split: str = "dev", limit: int | None = None) -> Result:
    all_rows = read_rows(path)
    rows = [r for r in all_rows if r["event_date"].startswith(SPLIT_YEARS[split])][:limit]
    if not rows:
        raise ValueError(f"{path}: no rows in the {split} split (event_date in {SPLIT_YEARS[split]})")
    dev_rows = [r for r in all_rows if r["event_date"].startswith(SPLIT_YEARS["dev"])]
    coded = code_rows(rows)
    n = len(rows)
    g_type = [r["event_type"] for r in rows]
    g_sub = [r["sub_event_type"] for r in rows]
    g_act = [r["actor1"] for r in rows]
    prec = [_int(r.get("geo_precision"), 3) for r in rows]
    glat = [_float(r.get("latitude")) for r in rows]
    glon = [_float(r.get("longitude")) for r in rows]
    sub_to_type = {r["sub_event_type"]: r["event_type"] for r in all_rows}

    def dist_to(lat, lon, i):
        if lat is None or lon is None or glat[i] is None or glon[i] is None:
            return None
        return haversine(lat, lon, glat[i], glon[i])

    summary: dict[str, dict] = {}
    figures: dict = {"split": split, "n": n}

    # -- outposts
    evs = [c["event"] for c in coded]
    p_type = [e.event_type if e else NO_EVENT for e in evs]
    p_sub = [e.sub_event_type if e else NO_EVENT for e in evs]
    p_act = [e.actor1 if e else "" for e in evs]
    p_dist = [dist_to(e.latitude, e.longitude, i) if e else None for i, e in enumerate(evs)]
    date_ok = [e is not None and e.event_date.isoformat() == r["event_date"] for e, r in zip(evs, rows)]
    fat_ok = [e is not None and e.fatalities == _int(r.get("fatalities")) for e, r in zip(evs, rows)]
    act_exact = [e is not None and e.actor1 == g for e, g in zip(evs, g_act)]
    act_norm = [e is not None and normalize_actor(e.actor1) == normalize_actor(g) for e, g in zip(evs, g_act)]
    sub_cls = classification(g_sub, p_sub, negative=NO_EVENT)
    ours = {
        "event_type": sum(a == b for a, b in zip(g_type, p_type)) / n,
        "sub_event_type": sub_cls["accuracy"],
        "sub macro-F1": sub_cls["macro_f1"],
        "actor1 exact": sum(act_exact) / n,
        "actor1 norm": sum(act_norm) / n,
        **_loc_scores(p_dist, prec),
        "event_date": sum(date_ok) / n,
        "fatalities": sum(fat_ok) / n,
        "no event": sum(e is None for e in evs) / n,
    }
    summary["outposts"] = ours
    figures["outposts"] = {**ours, "sub_event_type_classification": sub_cls,
                           "event_type_classification": classification(g_type, p_type, negative=NO_EVENT)}

    # -- majority class (of the dev rows)
    maj_sub = baselines.majority([r["sub_event_type"] for r in dev_rows])
    maj_act = baselines.majority([r["actor1"] for r in dev_rows])
    maj_fat = _int(baselines.majority([r.get("fatalities", "0") for r in dev_rows]))
    maj_sub_cls = classification(g_sub, [maj_sub] * n)
    summary["majority (dev)"] = {
        "event_type": sum(t == sub_to_type.get(maj_sub) for t in g_type) / n,
        "sub_event_type": maj_sub_cls["accuracy"], "sub macro-F1": maj_sub_cls["macro_f1"],
        "actor1 exact": sum(a == maj_act for a in g_act) / n,
        "actor1 norm": sum(normalize_actor(a) == normalize_actor(maj_act) for a in g_act) / n,
        "fatalities": sum(_int(r.get("fatalities")) == maj_fat for r in rows) / n,
    }
    figures["majority"] = {"sub_event_type": maj_sub, "actor1": maj_act, "fatalities": maj_fat,
                           **summary["majority (dev)"]}
    # the report date is the gold date here: the trivial ceiling for event_date
    summary["report date"] = {"event_date": 1.0}

    # -- bag of words (trained on dev; cross-validated when scoring dev)
    notes: list[str] = []
    reason = baselines.sklearn_missing()
    if reason is None:
        texts = [strip_prefix(r["notes"]) for r in rows]
        if split == "dev":
            bow = baselines.bow_cross_val(texts, g_sub)
            how = "5-fold cross-validated on dev"
        else:
            bow = baselines.bow_predict([strip_prefix(r["notes"]) for r in dev_rows],
                                        [r["sub_event_type"] for r in dev_rows], texts)
            how = f"trained on the {len(dev_rows)} dev rows"
        bow_cls = classification(g_sub, bow)
        summary["bag-of-words"] = {
            "event_type": sum(t == sub_to_type.get(b) for t, b in zip(g_type, bow)) / n,
            "sub_event_type": bow_cls["accuracy"], "sub macro-F1": bow_cls["macro_f1"],
        }
        figures["bag_of_words"] = {"how": how, "sub_event_type_classification": bow_cls}
        notes.append(f"Bag-of-words (TF-IDF 1-2 grams + logistic regression): {how}; never saved.")
    else:
        notes.append(f"Bag-of-words baseline skipped: {reason}.")

    # -- population-only place resolution
    gaz = pipeline().gazetteer
    pop = baselines.PopulationResolver(gaz)
    d_gold = [baselines.distance(pop.resolve(r["location"]), glat[i], glon[i])
              if glat[i] is not None else None for i, r in enumerate(rows)]
    summary["population-only (gold name)"] = _loc_scores(d_gold, prec)
    d_rec = []
    for i, c in enumerate(coded):
        first = next((m for m in c["places"] if pop.resolve(m.text) is not None), None)
        d_rec.append(baselines.distance(pop.resolve(first.text), glat[i], glon[i])
                     if first is not None and glat[i] is not None else None)
    summary["population-only (1st recognised)"] = _loc_scores(d_rec, prec)
    figures["population_only"] = {"gold_name": summary["population-only (gold name)"],
                                  "first_recognised": summary["population-only (1st recognised)"]}

    # -- errors
    figures["location_miss_classes_gp1"] = _location_classes(evs, p_dist, prec, d_gold)
    sub_conf = confusion(g_sub, p_sub)
    figures["confusion_sub_event_type"] = sub_conf
    figures["top_sub_event_confusions"] = top_confusions(g_sub, p_sub, 15)
    act_pairs = Counter((g, p or NO_EVENT) for g, p, ok in zip(g_act, p_act, act_norm) if not ok)
    figures["top_actor1_confusions"] = [(g, p, k) for (g, p), k in act_pairs.most_common(15)]
    figures["actor1_miss_causes"] = _actor_classes(evs, g_act, act_norm, pipeline().actors)
    worst = []
    for i, (r, e) in enumerate(zip(rows, evs)):
        wrong = [name for name, ok in (
            ("sub_event_type", g_sub[i] == p_sub[i]), ("actor1", act_norm[i]),
            ("location", p_dist[i] is not None and p_dist[i] <= 50), ("event_date", date_ok[i]),
            ("fatalities", fat_ok[i])) if not ok]
        if not wrong:
            continue
        worst.append({
            "id": r.get("event_id_cnty", str(i)), "wrong": wrong,
            "confidence": e.confidence if e else 0.0,
            "gold": {"sub_event_type": g_sub[i], "actor1": g_act[i], "location": r.get("location"),
                     "event_date": r["event_date"], "fatalities": _int(r.get("fatalities"))},
            "pred": None if e is None else {
                "sub_event_type": e.sub_event_type, "actor1": e.actor1, "location": e.location,
                "event_date": e.event_date.isoformat(), "fatalities": e.fatalities,
                "km": None if p_dist[i] is None else round(p_dist[i], 1)},
            "text": strip_prefix(r["notes"]),
        })
    worst.sort(key=lambda w: (-len(w["wrong"]), -w["confidence"]))

    sections = [
        ("Most frequent sub-event confusions (gold → ours)",
         _pairs_table(figures["top_sub_event_confusions"], "gold", "ours")),
        ("Most frequent actor1 misses (normalised comparison; gold → ours)",
         _pairs_table(figures["top_actor1_confusions"], "gold actor1", "our actor1")),
        ("Actor1 misses by cause (normalised comparison)",
         _count_table(figures["actor1_miss_causes"], "cause")),
        ("Why locations miss 10 km (geo_precision 1 rows)",
         _count_table(figures["location_miss_classes_gp1"], "class")),
        ("Per-class F1, sub_event_type (ours)", _per_class_table(sub_cls)),
    ]
    notes += [
        "Input: each row's notes with the label prefix (e.g. 'Movement of forces:') stripped; "
        "report date = the row's event_date; the first (highest-confidence) event is scored; "
        "'no event' is wrong on every field.",
        "actor1 norm drops the tenure bracket and any unit after it, an 'ACRONYM:' head, case and "
        "punctuation (so a unit of Syria's military matches the military).",
        "loc@K: our event's coordinates within K km of the row's; gp1 = rows with geo_precision 1.",
        "Majority = the most frequent dev value; 'report date' shows that event_date is trivial "
        "here because the gold date is given as the report date.",
        "Population-only: the gazetteer's top candidate for the row's gold location name, or for "
        "the first place outposts recognised in the note.",
    ]
    return Result(set="acled", split=split, source=str(path), n=n, columns=COLUMNS,
                  summary=summary, sections=sections, figures=figures,
                  confusion={"title": f"ACLED {split}: sub_event_type (rows gold, columns ours)", **sub_conf},
                  worst=worst[:30], notes=notes)


def _location_classes(evs, p_dist, prec, d_gold) -> dict[str, int]:
    """Rows of geo_precision 1 whose location we miss by more than 10 km, by cause:
    whether the gazetteer knows the gold place at all (its name resolves within
    10 km of the gold point) tells a data gap from a choice the coder got wrong."""
    classes: Counter = Counter()
    for e, dist, p, gold in zip(evs, p_dist, prec, d_gold):
        if p != 1 or (dist is not None and dist <= 10):
            continue
        if e is None:
            classes["no event"] += 1
        elif gold is None or gold > 10:
            classes["gold place not in the gazetteer under its name (or > 10 km off)"] += 1
        elif (e.geo_precision or 1) > 1:
            classes["gold place known, event coded at district/province level"] += 1
        else:
            classes["gold place known, another place chosen"] += 1
    return dict(classes.most_common())


_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # a trailing "(Syria)"


def _actor_classes(evs, g_act, act_norm, actors) -> dict[str, int]:
    """Rows whose actor1 we miss (normalised comparison), by cause: no event; sides
    swapped (the gold actor1 is our actor2); country qualifier (the same name once the
    "(Country)" after it is dropped: missing, or another country's); left unidentified
    (ours is an Unidentified group, the gold is not); unknown group (the actor dictionary has no entry of the
    gold name); wrong alias (it has one, and the coder named another actor)."""
    def bare(name: str) -> str:
        return normalize_actor(_QUALIFIER.sub("", name))

    known = {bare(e.name.replace("({country})", "")) for e in actors.entries}
    classes: Counter = Counter()
    for e, gold, ok in zip(evs, g_act, act_norm):
        if ok:
            continue
        g = normalize_actor(gold)
        if e is None:
            classes["no event"] += 1
        elif g and g == normalize_actor(e.actor2):
            classes["sides swapped"] += 1
        elif bare(gold) == bare(e.actor1):
            classes["country qualifier missing or wrong"] += 1
        elif "unidentified" in e.actor1.lower() and "unidentified" not in gold.lower():
            classes["left unidentified"] += 1
        elif actors.entry_for(gold) is None and bare(gold) not in known:
            classes["unknown group"] += 1
        else:
            classes["wrong alias"] += 1
    return dict(classes.most_common())


def _count_table(counts: dict[str, int], label: str) -> str:
    if not counts:
        return "(none)"
    return "\n".join([f"| {label} | n |", "| --- | ---: |"] + [f"| {k} | {v} |" for k, v in counts.items()])


def _pairs_table(pairs, a: str, b: str) -> str:
    if not pairs:
        return "(none)"
    lines = [f"| {a} | {b} | n |", "| --- | --- | ---: |"]
    lines += [f"| {g} | {p} | {k} |" for g, p, k in pairs]
    return "\n".join(lines)


def _per_class_table(cls: dict) -> str:
    lines = ["| class | support | P | R | F1 |", "| --- | ---: | ---: | ---: | ---: |"]
    for lab, s in sorted(cls["per_class"].items(), key=lambda kv: -kv[1]["support"]):
        lines.append(f"| {lab} | {s['support']} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} |")
    return "\n".join(lines)
