"""Hand-coded real reports: whole published articles against the events a
careful ACLED coder found in them (the schema of ``shared/eval/real/``:
``{"cases": {ID: {"published", "expect": [...], "optional": [...],
"forbid_subs", "country"?, ...}}}``; our own ``devsets/real/`` use it too).

Each case's text is ``TEXTS_DIR/<case id>.txt`` in the plain-text convention
(title line, blank line, paragraphs; two blank lines start the comments). A
case without its text is skipped and counted, never an error. The pipeline
codes every text with the case's ``published`` date, and:

**Matching.** An expected event matches an output when the output's
``sub_event_type`` equals the expectation's (or is one of ``sub_any``;
``event_type`` equal where it is given), the output's point lies within
``km`` of ``lat``/``lon`` (or within the km of an ``alt_locs`` entry
``[lat, lon, km]``), ``from <= event_date <= to``, a keyword of
``actor1_any`` occurs in ``" " + actor1 + " " + assoc_actor_1 + " "``
lower-cased (so a keyword such as ``" is "`` works), a keyword of
``other_any`` occurs in the same padding of all four actor fields, and
``fatalities >= fatalities_min`` where that is given. One output serves one
expectation: a maximum bipartite matching (augmenting paths), each
expectation trying its nearest outputs first. ``optional`` entries are then
matched the same way on the outputs left. An output matched to neither is
spurious (a second output on an already served expectation too: it is
classed a duplicate).

**Measures.** recall = expected events matched / expected; precision =
outputs matched (expect or optional) / (matched + spurious); F1. Field
accuracies are taken on pairs that agree on everything except the field (see
:func:`field_measures`); location sanity on every output (see
:class:`Geo`); spurious outputs are sorted into classes by
:func:`spurious_class`, whose cue words are this module's configuration
(evaluation code: nothing of the product reads them).

**Baseline.** "lede": the same pipeline on the title and first paragraph
only, keeping its single most confident event: what a coder reading only
the headline and the lead would get. Scored by the same rules, same run.

Nothing here prints; :func:`evaluate` returns a :class:`~.common.Result`
for :mod:`.report`.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from statistics import median
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..lang import load as load_lang
from .causes import ACTOR_CAUSES, PLACE_CAUSES, ActorCauses, PlaceCauses
from .common import Result, top_event
from .metrics import haversine

# -- scorer configuration ------------------------------------------------------------------

#: ACLED's taxonomy: sub-event type -> event type (the codebook's, not the product's lexicon).
SUB_TO_TYPE: dict[str, str] = {
    **dict.fromkeys(("Armed clash", "Government regains territory",
                     "Non-state actor overtakes territory"), "Battles"),
    **dict.fromkeys(("Air/drone strike", "Shelling/artillery/missile attack",
                     "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                     "Chemical weapon"), "Explosions/Remote violence"),
    **dict.fromkeys(("Attack", "Abduction/forced disappearance", "Sexual violence"),
                    "Violence against civilians"),
    **dict.fromkeys(("Peaceful protest", "Protest with intervention",
                     "Excessive force against protesters"), "Protests"),
    **dict.fromkeys(("Violent demonstration", "Mob violence"), "Riots"),
    **dict.fromkeys(("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                     "Headquarters or base established", "Looting/property destruction",
                     "Non-violent transfer of territory", "Other"), "Strategic developments"),
}

CENTROID_KM = 5.0  # an output this close to a country's point sits "at the centroid"
BORDER_KM = 25.0  # an output this close to a town of the case's countries is not abroad
SMALL_PLACE_KM = 100.0  # an entry with a tolerance up to this names a place smaller than a country
DUPLICATE_KM = 50.0  # a spurious output of a matched output's sub-type this close ...
DUPLICATE_DAYS = 3  # ... and this many days apart is a duplicate of its incident
DATE_WINDOW_DAYS = 60  # the date accuracy pairs: type + place, date within this of the window
LOC_KS = (10.0, 25.0)  # location error shares reported

#: Evidence cues of a recap or tally, and of what did not (yet) happen: the
#: ``evaluation`` section of the language pack (``RECAP_CUES``, ``TALLY_CUES``,
#: ``HYPOTHETICAL_CUES``).
_CUES = load_lang("en").evaluation

SPURIOUS_CLASSES = (
    "from a comment", "duplicate", "wrong type for a real event",
    "real event, wrong actor or fatalities", "background/tally", "hypothetical/threat/denial",
    "real event, wrong place or date", "other",
)


def _cue_pattern(cues: Iterable[str]) -> re.Pattern:
    words = sorted(set(cues), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


_RECAP_OR_TALLY = _cue_pattern(_CUES.RECAP_CUES + _CUES.TALLY_CUES)
_HYPOTHETICAL = _cue_pattern(_CUES.HYPOTHETICAL_CUES)


# -- reading outputs and expectations ------------------------------------------------------

Output = Mapping[str, Any]  # an event as a row (Event.as_row()): hand-made ones in the tests
Expect = Mapping[str, Any]  # an entry of a case's expect/optional list


def coords(out: Output) -> tuple[float, float] | None:
    try:
        lat, lon = float(out.get("latitude")), float(out.get("longitude"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return (lat, lon) if math.isfinite(lat) and math.isfinite(lon) else None


def out_date(out: Output) -> str:
    value = out.get("event_date")
    return value.isoformat() if isinstance(value, date) else str(value or "")[:10]


def out_type(out: Output) -> str | None:
    return out.get("event_type") or SUB_TO_TYPE.get(out.get("sub_event_type") or "")


def spots(exp: Expect) -> list[tuple[float, float, float]]:
    """The expectation's acceptable points: (lat, lon, km), alt_locs included."""
    if "lat" not in exp or "lon" not in exp:
        return []
    found = [(float(exp["lat"]), float(exp["lon"]), float(exp.get("km", 0)))]
    for alt in exp.get("alt_locs") or ():
        found.append((float(alt[0]), float(alt[1]), float(alt[2])))
    return found


def distance(out: Output, exp: Expect) -> float | None:
    """km from the output's point to the nearest of the expectation's points."""
    c, where = coords(out), spots(exp)
    if c is None or not where:
        return None
    return min(haversine(c[0], c[1], la, lo) for la, lo, _ in where)


def allowed_subs(exp: Expect) -> set[str]:
    subs = set(exp.get("sub_any") or ())
    if exp.get("sub_event_type"):
        subs.add(exp["sub_event_type"])
    return subs


def expected_types(exp: Expect) -> set[str]:
    """Event types an expectation allows: its event_type, else its sub-types' types."""
    if exp.get("event_type"):
        return {exp["event_type"]}
    return {SUB_TO_TYPE[s] for s in allowed_subs(exp) if s in SUB_TO_TYPE}


def label(exp: Expect) -> str:
    subs = [exp["sub_event_type"]] if exp.get("sub_event_type") else list(exp.get("sub_any") or ())
    return " | ".join(subs) or exp.get("event_type") or "?"


def _padded(out: Output, keys: Sequence[str]) -> str:
    parts = []
    for k in keys:
        v = out.get(k) or ""
        parts.append("; ".join(v) if isinstance(v, (list, tuple)) else str(v))
    return " " + " ".join(parts).lower() + " "


# -- the criteria ----------------------------------------------------------------------------


def type_ok(out: Output, exp: Expect) -> bool:
    subs = allowed_subs(exp)
    if subs and out.get("sub_event_type") not in subs:
        return False
    if exp.get("event_type") and out_type(out) != exp["event_type"]:
        return False
    return True


def place_ok(out: Output, exp: Expect) -> bool:
    where = spots(exp)
    if not where:
        return True  # the expectation names no place
    c = coords(out)
    return c is not None and any(haversine(c[0], c[1], la, lo) <= km for la, lo, km in where)


def date_ok(out: Output, exp: Expect) -> bool:
    d = out_date(out)
    return (not exp.get("from") or d >= exp["from"]) and (not exp.get("to") or d <= exp["to"])


def actor1_ok(out: Output, exp: Expect) -> bool:
    if not exp.get("actor1_any"):
        return True
    text = _padded(out, ("actor1", "assoc_actor_1"))
    return any(k.lower() in text for k in exp["actor1_any"])


def other_ok(out: Output, exp: Expect) -> bool:
    if not exp.get("other_any"):
        return True
    text = _padded(out, ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"))
    return any(k.lower() in text for k in exp["other_any"])


def deaths_ok(out: Output, exp: Expect) -> bool:
    if exp.get("fatalities_min") is None:
        return True
    try:
        return float(out.get("fatalities")) >= float(exp["fatalities_min"])  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


CRITERIA: dict[str, Callable[[Output, Expect], bool]] = {
    "type": type_ok, "place": place_ok, "date": date_ok, "actor1": actor1_ok,
    "other actor": other_ok, "fatalities": deaths_ok,
}


def matches(out: Output, exp: Expect) -> bool:
    """Every criterion of the schema holds."""
    return all(ok(out, exp) for ok in CRITERIA.values())


def failed(out: Output, exp: Expect) -> list[str]:
    """The names of the criteria the output fails for the expectation."""
    return [name for name, ok in CRITERIA.items() if not ok(out, exp)]


def _relaxed(*keep: str) -> Callable[[Output, Expect], bool]:
    return lambda out, exp: all(CRITERIA[k](out, exp) for k in keep)


#: Recall with some criteria dropped: where the misses come from.
RELAXED: dict[str, Callable[[Output, Expect], bool]] = {
    "ignoring fatalities": _relaxed("type", "place", "date", "actor1", "other actor"),
    "ignoring actors": _relaxed("type", "place", "date", "fatalities"),
    "ignoring place": _relaxed("type", "date", "actor1", "other actor", "fatalities"),
    "ignoring date": _relaxed("type", "place", "actor1", "other actor", "fatalities"),
    "ignoring type": _relaxed("place", "date", "actor1", "other actor", "fatalities"),
    "type + place + date only": _relaxed("type", "place", "date"),
}


def max_matching(outputs: Sequence[Output], expects: Sequence[Expect],
                 pred: Callable[[Output, Expect], bool] = matches,
                 taken: Iterable[int] = ()) -> dict[int, int]:
    """A maximum one-to-one matching ``{expectation index: output index}``.

    Augmenting paths (Kuhn): each expectation tries its candidate outputs
    nearest first (outputs without coordinates last), so of the maximum
    matchings the one found prefers near outputs. ``taken`` outputs are out.
    """
    taken = set(taken)
    cands: list[list[int]] = []
    for exp in expects:
        ids = [i for i, out in enumerate(outputs) if i not in taken and pred(out, exp)]
        ids.sort(key=lambda i: (d if (d := distance(outputs[i], exp)) is not None else math.inf, i))
        cands.append(ids)
    owner: dict[int, int] = {}  # output -> expectation

    def augment(j: int, seen: set[int]) -> bool:
        for i in cands[j]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = j
                return True
        return False

    for j in range(len(expects)):
        augment(j, set())
    return {j: i for i, j in owner.items()}


# -- where outputs are -----------------------------------------------------------------------


class Geo:
    """Country points and a reverse lookup, from the gazetteer, for location sanity.

    ``centroids``: ISO2 -> (lat, lon) of each country's point (the gazetteer's
    ``PCLI`` entries, GeoNames' country coordinates: where a coder that knows
    only the country puts an event). :meth:`country_at` is the country of the
    nearest populated place (feature class P) within about 330 km: a simple
    reverse geocoder, good away from borders; :meth:`abroad` forgives a point
    within :data:`BORDER_KM` of a town of the countries asked for.
    :meth:`country_named` is the gazetteer's country for a name ("Burkina
    Faso", "DRC"), None when it does not know it.
    """

    CELL = 1.0  # degrees per grid cell

    def __init__(self, centroids: Mapping[str, tuple[float, float]],
                 places: Iterable[tuple[float, float, str]] = (),
                 names: Callable[[str], str | None] | None = None):
        self.centroids = dict(centroids)
        self._names = names
        self._grid: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for lat, lon, cc in places:
            self._grid[self._cell(lat, lon)].append((lat, lon, cc))
        self._cache: dict[tuple[float, float], str | None] = {}

    @classmethod
    def from_gazetteer(cls, gazetteer) -> "Geo":
        """Read the gazetteer file (read-only) for country points and populated places."""
        con = sqlite3.connect(f"file:{Path(gazetteer.path).resolve()}?mode=ro", uri=True)
        try:
            cents = {cc: (lat, lon) for cc, lat, lon in con.execute(
                "SELECT country_code, latitude, longitude FROM places "
                "WHERE feature_code = 'PCLI' AND country_code IS NOT NULL")}
            places = [(lat, lon, cc) for lat, lon, cc in con.execute(
                "SELECT latitude, longitude, country_code FROM places "
                "WHERE feature_class = 'P' AND country_code IS NOT NULL")]
        finally:
            con.close()

        def named(name: str) -> str | None:
            p = gazetteer.country(name)
            return p.country_code if p is not None else None

        return cls(cents, places, named)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return int(math.floor(lat / self.CELL)), int(math.floor(lon / self.CELL))

    def _nearest(self, lat: float, lon: float, rings: Sequence[int],
                 only: Iterable[str] | None = None) -> tuple[float, str] | None:
        only = set(only) if only is not None else None
        cy, cx = self._cell(lat, lon)
        best: tuple[float, str] | None = None
        for ring in rings:
            for dy in range(-ring, ring + 1):
                for dx in range(-ring, ring + 1):
                    for plat, plon, cc in self._grid.get((cy + dy, cx + dx), ()):
                        if only is not None and cc not in only:
                            continue
                        d = haversine(lat, lon, plat, plon)
                        if best is None or d < best[0]:
                            best = (d, cc)
            if best is not None:
                break
        return best

    def country_at(self, lat: float, lon: float) -> str | None:
        """The country of the nearest populated place (searched within 1, else 3 cells)."""
        key = (round(lat, 4), round(lon, 4))
        if key not in self._cache:
            best = self._nearest(lat, lon, (1, 3))
            self._cache[key] = best[1] if best else None
        return self._cache[key]

    def abroad(self, lat: float, lon: float, countries: Iterable[str]) -> bool:
        """Outside ``countries``: the nearest town is in another country and no
        town of theirs lies within :data:`BORDER_KM` (points by a border pass)."""
        countries = set(countries)
        cc = self.country_at(lat, lon)
        if cc is None or cc in countries:
            return False
        near = self._nearest(lat, lon, (1,), only=countries)
        return near is None or near[0] > BORDER_KM

    def country_named(self, name: str) -> str | None:
        return self._names(name) if self._names and name else None

    def centroid_of(self, lat: float, lon: float) -> str | None:
        """The country whose point lies within :data:`CENTROID_KM`, if any."""
        for cc, (clat, clon) in self.centroids.items():
            if haversine(lat, lon, clat, clon) <= CENTROID_KM:
                return cc
        return None

    def case_countries(self, case: Mapping[str, Any]) -> set[str]:
        """The countries a case is about: its ``country`` field (when the
        gazetteer knows the name) and the countries of its expected and
        optional points (so a cross-border incident coded in the case is
        never "abroad")."""
        found = set()
        if case.get("country"):
            cc = self.country_named(case["country"])
            if cc:
                found.add(cc)
        for exp in list(case.get("expect") or ()) + list(case.get("optional") or ()):
            for la, lo, _ in spots(exp):
                cc = self.country_at(la, lo)
                if cc:
                    found.add(cc)
        return found


# -- one case ----------------------------------------------------------------------------------


@dataclass
class CaseScore:
    """What one case's outputs made of its expectations."""

    id: str
    expect: list[dict]
    optional: list[dict]
    outputs: list[dict]
    matched: dict[int, int]  # expectation -> output
    optional_matched: dict[int, int]  # optional entry -> output
    spurious: dict[int, str]  # output -> class
    forbidden: list[int]
    relaxed: dict[str, int]
    fields: dict[str, list]
    sanity: dict[str, Any] = field(default_factory=dict)

    @property
    def recall(self) -> float | None:
        return len(self.matched) / len(self.expect) if self.expect else None

    @property
    def precision(self) -> float | None:
        return 1 - len(self.spurious) / len(self.outputs) if self.outputs else None


def _days_off(out: Output, exp: Expect) -> int | None:
    """Days from the output's date to the expectation's window (0 inside)."""
    try:
        d = date.fromisoformat(out_date(out))
        lo = date.fromisoformat(exp.get("from") or exp["to"])
        hi = date.fromisoformat(exp.get("to") or exp["from"])
    except (KeyError, ValueError, TypeError):
        return None
    return 0 if lo <= d <= hi else (d - hi).days if d > hi else (d - lo).days


def field_measures(outputs: Sequence[Output], expects: Sequence[Expect]) -> dict[str, list]:
    """Per-field accuracy, each on the pairs that agree on the other criteria named:

    - ``event_type``/``sub_event_type``: the nearest output matched on place + date;
    - ``location_km``: the nearest output matched on type + date (its error in km;
      ``location_no_coords`` counts the expectations whose only such outputs lack them);
    - ``date``: the output matched on type + place nearest in time, within
      :data:`DATE_WINDOW_DAYS` of the window (``date_off``: days off when wrong);
    - ``actor1``: outputs matched on place + date + type, where ``actor1_any`` is
      given: right when one of them has an acceptable actor1;
    - ``fatalities``: outputs matched on type + place + date, where ``fatalities``
      is given: the closest count, exact (``fatalities``) and at least the
      minimum (``fatalities_min``).
    """
    res: dict[str, list] = defaultdict(list)
    for exp in expects:
        def near(o: Output) -> float:
            d = distance(o, exp)
            return d if d is not None else math.inf

        pd = [o for o in outputs if place_ok(o, exp) and date_ok(o, exp)]
        if pd:
            best = min(pd, key=near)
            res["event_type"].append(out_type(best) in expected_types(exp))
            subs = allowed_subs(exp)
            if subs:
                res["sub_event_type"].append(best.get("sub_event_type") in subs)
        td = [o for o in outputs if type_ok(o, exp) and date_ok(o, exp)]
        if td:
            ds = [d for o in td if (d := distance(o, exp)) is not None]
            if ds:
                res["location_km"].append(min(ds))
            else:
                res["location_no_coords"].append(True)
        tp = [(abs(off), o, off) for o in outputs if type_ok(o, exp) and place_ok(o, exp)
              and (off := _days_off(o, exp)) is not None and abs(off) <= DATE_WINDOW_DAYS]
        if tp:
            _, _, off = min(tp, key=lambda t: t[0])
            res["date"].append(off == 0)
            if off:
                res["date_off"].append(off)
        tpd = [o for o in outputs if type_ok(o, exp) and place_ok(o, exp) and date_ok(o, exp)]
        if exp.get("actor1_any") and tpd:
            res["actor1"].append(any(actor1_ok(o, exp) for o in tpd))
        if exp.get("fatalities") is not None and tpd:
            want = float(exp["fatalities"])
            counts = [float(o.get("fatalities") or 0) for o in tpd]
            got = min(counts, key=lambda v: abs(v - want))
            res["fatalities"].append(got == want)
            res["fatalities_min"].append(got >= float(exp.get("fatalities_min", want)))
    return dict(res)


def spurious_class(out: Output, outputs: Sequence[Output], case: Mapping[str, Any],
                   served: Iterable[int]) -> str:
    """Why an output that served no entry is there, first that holds of:

    1. ``from a comment``: coded from a reader comment (``source_kind``);
    2. ``duplicate``: same sub-type as an output that served an entry, within
       :data:`DUPLICATE_KM` and :data:`DUPLICATE_DAYS` of it (the same incident twice);
    3. ``wrong type for a real event``: place and date of an entry, not its type;
    4. ``real event, wrong actor or fatalities``: type, place and date of an
       entry, failing its actors or death count;
    5. ``background/tally``: its evidence has a recap or tally cue (``RECAP_CUES``,
       ``TALLY_CUES`` of the pack's ``evaluation`` section);
    6. ``hypothetical/threat/denial``: its evidence has a cue of ``HYPOTHETICAL_CUES`` (the same);
    7. ``real event, wrong place or date``: type and date of an entry, place within
       three times its km; or type and place, date within :data:`DATE_WINDOW_DAYS`;
    8. ``other``: none of these (an event the coder saw no trace of).

    Entries are the case's ``expect`` and ``optional`` lists together.
    """
    if out.get("source_kind") == "comment":
        return "from a comment"
    c = coords(out)
    for i in served:
        m = outputs[i]
        if m is out or m.get("sub_event_type") != out.get("sub_event_type"):
            continue
        mc = coords(m)
        if c is None or mc is None or haversine(c[0], c[1], mc[0], mc[1]) > DUPLICATE_KM:
            continue
        try:
            days = abs((date.fromisoformat(out_date(out)) - date.fromisoformat(out_date(m))).days)
        except ValueError:
            continue
        if days <= DUPLICATE_DAYS:
            return "duplicate"
    entries = list(case.get("expect") or ()) + list(case.get("optional") or ())
    if any(place_ok(out, e) and date_ok(out, e) and not type_ok(out, e) for e in entries):
        return "wrong type for a real event"
    if any(type_ok(out, e) and place_ok(out, e) and date_ok(out, e) for e in entries):
        return "real event, wrong actor or fatalities"
    evidence = str(out.get("evidence") or "")
    if _RECAP_OR_TALLY.search(evidence):
        return "background/tally"
    if _HYPOTHETICAL.search(evidence):
        return "hypothetical/threat/denial"
    for e in entries:
        if not type_ok(out, e):
            continue
        d = distance(out, e)
        if date_ok(out, e) and d is not None and d <= 3 * float(e.get("km", 0)):
            return "real event, wrong place or date"
        off = _days_off(out, e)
        if place_ok(out, e) and off is not None and abs(off) <= DATE_WINDOW_DAYS:
            return "real event, wrong place or date"
    return "other"


def _forbidden(out: Output, case: Mapping[str, Any]) -> bool:
    if out.get("sub_event_type") in (case.get("forbid_subs") or ()):
        return True
    if out_type(out) in (case.get("forbid_types") or ()):
        return True
    return any(type_ok(out, f) and place_ok(out, f) and date_ok(out, f)
               for f in case.get("forbid_events") or ())


def _sanity(outputs: Sequence[Output], case: Mapping[str, Any], geo: Geo | None) -> dict[str, Any]:
    """Per output: no coordinates; at a country's point while the case names a
    smaller place; in a country the case is not about."""
    out: dict[str, Any] = {"no_coords": [], "centroid": [], "abroad": [], "checked_abroad": 0}
    if geo is None:
        return out
    entries = list(case.get("expect") or ()) + list(case.get("optional") or ())
    names_small = any(spots(e) and float(e.get("km", math.inf)) <= SMALL_PLACE_KM for e in entries)
    countries = geo.case_countries(case)
    for i, o in enumerate(outputs):
        c = coords(o)
        if c is None:
            out["no_coords"].append(i)
            continue
        if names_small and geo.centroid_of(*c):
            out["centroid"].append(i)
        if countries:
            out["checked_abroad"] += 1
            if geo.abroad(c[0], c[1], countries):
                out["abroad"].append(i)
    out["countries"] = sorted(countries)
    return out


def score_case(case_id: str, case: Mapping[str, Any], outputs: Sequence[Output],
               geo: Geo | None = None) -> CaseScore:
    """Match one case's outputs (event rows) against its entries; no NLP here."""
    outputs = [dict(o) for o in outputs]
    expect = [dict(e) for e in case.get("expect") or ()]
    optional = [dict(e) for e in case.get("optional") or ()]
    m = max_matching(outputs, expect)
    mo = max_matching(outputs, optional, taken=m.values())
    served = set(m.values()) | set(mo.values())
    spurious = {i: spurious_class(o, outputs, case, served)
                for i, o in enumerate(outputs) if i not in served}
    return CaseScore(
        id=case_id, expect=expect, optional=optional, outputs=outputs, matched=m,
        optional_matched=mo, spurious=spurious,
        forbidden=[i for i, o in enumerate(outputs) if _forbidden(o, case)],
        relaxed={name: len(max_matching(outputs, expect, pred)) for name, pred in RELAXED.items()},
        fields=field_measures(outputs, expect), sanity=_sanity(outputs, case, geo))


def miss_causes(s: CaseScore, text: str, gazetteer, actors: ActorCauses) -> dict[str, dict[int, str]]:
    """Why each missed expectation of a case missed, on place and on actor1
    (see :mod:`.causes`): ``{"place": {j: cause}, "actor1": {j: cause}}``.

    Place: expectations missed while an output of their type and date lies
    beyond their km (the nearest such output is judged). Actor1: expectations
    with ``actor1_any`` whose outputs agreeing on type, place and date all fail it.
    """
    found: dict[str, dict[int, str]] = {"place": {}, "actor1": {}}
    places: PlaceCauses | None = None
    for j, e in enumerate(s.expect):
        if j in s.matched:
            continue
        td = [o for o in s.outputs if type_ok(o, e) and date_ok(o, e)]
        if td and spots(e) and not any(place_ok(o, e) for o in td):
            o = min(td, key=lambda o: (d if (d := distance(o, e)) is not None else math.inf))
            places = places or PlaceCauses(gazetteer, text)
            found["place"][j] = places.cause(o, spots(e), coords(o) is not None,
                                               str(e.get("note") or ""))
        tpd = [o for o in s.outputs if type_ok(o, e) and place_ok(o, e) and date_ok(o, e)]
        if e.get("actor1_any") and tpd and not any(actor1_ok(o, e) for o in tpd):
            found["actor1"][j] = actors.cause(tpd[0], e["actor1_any"], _padded)
    return found


# -- many cases ----------------------------------------------------------------------------------


def _share(xs: Sequence[bool]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def aggregate(scores: Sequence[CaseScore]) -> dict[str, Any]:
    """The set's figures from its cases' scores."""
    n_exp = sum(len(s.expect) for s in scores)
    n_hit = sum(len(s.matched) for s in scores)
    n_out = sum(len(s.outputs) for s in scores)
    n_spur = sum(len(s.spurious) for s in scores)
    recall = n_hit / n_exp if n_exp else None
    precision = (n_out - n_spur) / n_out if n_out else None
    f1 = (2 * precision * recall / (precision + recall)
          if recall is not None and precision is not None and precision + recall else 0.0)
    fields: dict[str, list] = defaultdict(list)
    for s in scores:
        for k, v in s.fields.items():
            fields[k].extend(v)
    locs = fields.get("location_km", [])
    classes = Counter(cls for s in scores for cls in s.spurious.values())
    by_sub: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in scores:
        for j, e in enumerate(s.expect):
            by_sub[label(e)][0] += 1
            by_sub[label(e)][1] += j in s.matched
    sanity = {k: sum(len(s.sanity.get(k, ())) for s in scores) for k in ("no_coords", "centroid", "abroad")}
    checked = sum(s.sanity.get("checked_abroad", 0) for s in scores)
    geo_prec = Counter(str(o.get("geo_precision")) for s in scores for o in s.outputs)
    figs: dict[str, Any] = {
        "cases": len(scores), "expected": n_exp, "matched": n_hit, "outputs": n_out,
        "spurious": n_spur, "optional_matched": sum(len(s.optional_matched) for s in scores),
        "forbidden": sum(len(s.forbidden) for s in scores),
        "recall": recall, "precision": precision, "f1": f1,
        "relaxed_recall": {k: (sum(s.relaxed[k] for s in scores) / n_exp if n_exp else None)
                           for k in RELAXED},
        "event_type": _share(fields.get("event_type", [])),
        "sub_event_type": _share(fields.get("sub_event_type", [])),
        "location_median_km": median(locs) if locs else None,
        **{f"location_within_{k:g}km": _share([d <= k for d in locs]) for k in LOC_KS},
        "location_pairs": len(locs), "location_pairs_no_coords": len(fields.get("location_no_coords", [])),
        "date": _share(fields.get("date", [])), "date_off_days": sorted(fields.get("date_off", [])),
        "actor1": _share(fields.get("actor1", [])),
        "fatalities_exact": _share(fields.get("fatalities", [])),
        "fatalities_at_least_min": _share(fields.get("fatalities_min", [])),
        "pairs": {k: len(fields.get(k, [])) for k in ("event_type", "sub_event_type", "location_km",
                                                       "date", "actor1", "fatalities")},
        "no_coords": sanity["no_coords"] / n_out if n_out else None,
        "centroid": sanity["centroid"] / n_out if n_out else None,
        "abroad": sanity["abroad"] / checked if checked else None,
        "sanity_counts": {**sanity, "outputs_checked_abroad": checked},
        "spurious_classes": dict(classes.most_common()),
        "recall_by_expected_sub": {k: {"expected": v[0], "matched": v[1]}
                                   for k, v in sorted(by_sub.items(), key=lambda kv: -kv[1][0])},
        "outputs_by_geo_precision": dict(sorted(geo_prec.items())),
    }
    return figs


COLUMNS = ["recall", "precision", "F1", "outputs", "spurious", "event_type", "sub_event_type",
           "loc median km", "loc ≤10 km", "loc ≤25 km", "date", "actor1", "fatalities exact",
           "no coords", "at centroid", "abroad", "forbidden"]


def _row(f: Mapping[str, Any]) -> dict[str, Any]:
    return {"recall": f["recall"], "precision": f["precision"], "F1": f["f1"],
            "outputs": f["outputs"], "spurious": f["spurious"], "event_type": f["event_type"],
            "sub_event_type": f["sub_event_type"], "loc median km": f["location_median_km"],
            "loc ≤10 km": f["location_within_10km"], "loc ≤25 km": f["location_within_25km"],
            "date": f["date"], "actor1": f["actor1"], "fatalities exact": f["fatalities_exact"],
            "no coords": f["no_coords"], "at centroid": f["centroid"], "abroad": f["abroad"],
            "forbidden": f["forbidden"]}


# -- running the pipeline ---------------------------------------------------------------------------


def read_cases(path: str | Path) -> dict[str, dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, dict):
        raise ValueError(f"{path}: not a cases file (needs a 'cases' object)")
    return cases


LEDE_MIN_WORDS = 12  # the lead is the first paragraph of at least this many words


def lede(report):
    """The report cut to its title and lead, comments dropped. The lead is the
    first paragraph of at least :data:`LEDE_MIN_WORDS` words (stored pages keep
    bylines, view counters and share buttons as short paragraphs before it)."""
    from dataclasses import replace

    parts = [p.strip() for p in re.split(r"\n[^\S\n]*\n", report.text) if p.strip()]
    head, body = (parts[:1], parts[1:]) if report.title else ([], parts)
    lead = next((p for p in body if len(p.split()) >= LEDE_MIN_WORDS), body[0] if body else "")
    text = "\n\n".join([*head, lead]) if lead else report.text
    return replace(report, id=report.id + "#lede", text=text, comments=())


def _out_row(ev) -> dict:
    return ev.as_row()


def evaluate(cases_path: str | Path, texts_dir: str | Path, *, published_from_case: bool = True,
             limit: int | None = None, pipeline=None) -> Result:
    """Run the pipeline on every case's text and score it (and the lede baseline)."""
    from ..read import read_path
    from ..errors import InputError
    from . import common

    cases = read_cases(cases_path)
    ids = list(cases)[:limit] if limit else list(cases)
    pipe = pipeline or common.pipeline()
    texts_dir = Path(texts_dir)
    reports, kept, missing, unreadable = [], [], [], []
    for cid in ids:
        path = texts_dir / f"{cid}.txt"
        if not path.is_file():
            missing.append(cid)
            continue
        items = list(read_path(path))
        rep = next((r for r in items if not isinstance(r, InputError)), None)
        if rep is None:
            unreadable.append(f"{cid}: {items[0] if items else 'nothing read'}")
            continue
        pub = cases[cid].get("published") if published_from_case else None
        rep = rep.with_published(date.fromisoformat(pub) if pub else None)
        reports.append(rep)
        kept.append(cid)
    if not kept:
        raise ValueError(f"{cases_path}: no case has its text in {texts_dir}")

    ours = [[_out_row(ev) for ev in ex.events] for ex in pipe.run(reports)]
    base = []
    for ex in pipe.run([lede(r) for r in reports]):
        top = top_event(ex.events)
        base.append([] if top is None else [_out_row(top)])
    geo = Geo.from_gazetteer(pipe.gazetteer)
    s_ours = [score_case(cid, cases[cid], outs, geo) for cid, outs in zip(kept, ours)]
    s_base = [score_case(cid, cases[cid], outs, geo) for cid, outs in zip(kept, base)]
    f_ours, f_base = aggregate(s_ours), aggregate(s_base)
    judge = ActorCauses(pipe.actors)
    causes = {s.id: miss_causes(s, "\n\n".join(filter(None, (r.title, r.text))), pipe.gazetteer, judge)
              for s, r in zip(s_ours, reports)}
    for what, names in (("place", PLACE_CAUSES), ("actor1", ACTOR_CAUSES)):
        counted = Counter(c for d in causes.values() for c in d[what].values())
        f_ours[f"{what}_miss_causes"] = {k: counted.get(k, 0) for k in names}

    summary = {"outposts": _row(f_ours), "lede (title + lead, top event)": _row(f_base)}
    figures = {"outposts": f_ours, "lede": f_base, "cases_total": len(ids),
               "cases_without_text": missing, "cases_unreadable": unreadable,
               "per_case": {s.id: _case_row(s, b) for s, b in zip(s_ours, s_base)},
               "spurious_outputs": [_spurious_entry(s, i) for s in s_ours for i in s.spurious],
               "missed": [_missed_entry(s, j, causes[s.id]) for s in s_ours for j in range(len(s.expect))
                          if j not in s.matched]}
    notes = [
        f"cases without text: {len(missing)}" + (f" ({', '.join(missing)})" if missing else ""),
        *([f"unreadable texts: {len(unreadable)} ({'; '.join(unreadable)})"] if unreadable else []),
        "Match: sub_event_type equal or in sub_any (event_type equal where given), point within km "
        "of lat/lon or an alt_locs entry, from <= event_date <= to, actor1_any in ' actor1 "
        "assoc_actor_1 ' and other_any in all actor fields (lower-case), fatalities >= "
        "fatalities_min; one output per expectation (maximum matching, nearest first); optional "
        "entries matched on the outputs left; the rest are spurious.",
        "precision = outputs matched (expect or optional) / all outputs; recall = expectations "
        "matched / expectations.",
        "Field accuracies on pairs agreeing on the other criteria: type and sub-type on the "
        "nearest output matched on place + date; location error on the nearest output matched on "
        "type + date; date on the output matched on type + place nearest in time (within "
        f"{DATE_WINDOW_DAYS} days); actor1 on outputs matched on place + date + type; fatalities "
        "on outputs matched on type + place + date (the closest count). Pairs per field: "
        + ", ".join(f"{k} {v}" for k, v in f_ours["pairs"].items()) + ".",
        f"Location sanity over all outputs: no coords; at centroid = within {CENTROID_KM:g} km of "
        "a country's gazetteer point while the case names a place (an entry of km <= "
        f"{SMALL_PLACE_KM:g}); abroad = the nearest gazetteer town is in a country other than the "
        "case's 'country' and the countries of its entries' points, and no town of those lies "
        f"within {BORDER_KM:g} km (share of the outputs checked).",
        "forbidden = outputs of a sub-type in forbid_subs, a type in forbid_types, or matching a "
        "forbid_events entry on type + place + date.",
        f"Baseline 'lede': the same pipeline on the title and the lead only (the first paragraph "
        f"of >= {LEDE_MIN_WORDS} words), its most confident event (none when it finds none), "
        "scored by the same rules.",
        "Dates: " + ("each case's published date." if published_from_case
                     else "the report's own (dateline, else today)."),
    ]
    sections = [
        ("Recall with criteria dropped (where misses come from)",
         _kv_table({k: f"{v:.3f}" if v is not None else "n/a" for k, v in f_ours["relaxed_recall"].items()},
                   "recall", "value")),
        ("Place misses by cause (ours)",
         "Expected events missed while an output of their type and date lies beyond their km; "
         "no data = no name in the text is a gazetteer name of a place within the km; wrong "
         "candidate = the output's place is a namesake of such a name; wrong mention = the output "
         "took another mention's point.\n\n"
         + _kv_table(f_ours["place_miss_causes"], "cause", "n")),
        ("Actor1 misses by cause (ours)",
         "Expected events with outputs of their type, place and date, none with an acceptable "
         "actor1; unknown group = the actor dictionary knows no keyword of actor1_any.\n\n"
         + _kv_table(f_ours["actor1_miss_causes"], "cause", "n")),
        ("Spurious outputs by class (ours)", _kv_table(f_ours["spurious_classes"], "class", "n")),
        ("Recall by expected sub-event type (ours)",
         _kv_table({k: f"{v['matched']}/{v['expected']}" for k, v in f_ours["recall_by_expected_sub"].items()},
                   "expected", "matched")),
        ("Per case", _per_case_table(figures["per_case"])),
    ]
    worst = ([{"kind": "missed", **_missed_entry(s, j, causes[s.id])} for s in s_ours for j in range(len(s.expect))
              if j not in s.matched][:30]
             + sorted(({"kind": "spurious", **_spurious_entry(s, i)} for s in s_ours for i in s.spurious),
                      key=lambda w: -(w.get("confidence") or 0))[:30])
    for w in worst:
        w["text"] = w.pop("note" if w["kind"] == "missed" else "evidence", "")
    return Result(set="articles", split=Path(cases_path).stem, source=str(cases_path), n=len(kept),
                  columns=COLUMNS, summary=summary, sections=sections, figures=figures,
                  worst=worst, notes=notes)


def _case_row(s: CaseScore, b: CaseScore) -> dict[str, Any]:
    return {"expected": len(s.expect), "matched": len(s.matched), "outputs": len(s.outputs),
            "spurious": len(s.spurious), "optional_matched": len(s.optional_matched),
            "forbidden": len(s.forbidden), "recall": s.recall, "precision": s.precision,
            "lede_recall": b.recall, "lede_precision": b.precision}


def _brief(o: Output) -> dict[str, Any]:
    c = coords(o)
    return {"event_date": out_date(o), "sub_event_type": o.get("sub_event_type"),
            "location": o.get("location"), "lat_lon": [round(c[0], 3), round(c[1], 3)] if c else None,
            "actor1": o.get("actor1"), "actor2": o.get("actor2"), "fatalities": o.get("fatalities")}


def _missed_entry(s: CaseScore, j: int, causes: Mapping[str, Mapping[int, str]] | None = None
                  ) -> dict[str, Any]:
    e = s.expect[j]
    entry: dict[str, Any] = {"case": s.id, "expected": label(e), "from": e.get("from"), "to": e.get("to"),
                             "note": e.get("note", "")}
    for what, found in (causes or {}).items():
        if j in found:
            entry[f"{what}_cause"] = found[j]
    best = None
    for o in s.outputs:
        d = distance(o, e)
        key = (len(failed(o, e)), d if d is not None else math.inf)
        if best is None or key < best[0]:
            best = (key, o)
    if best is None:
        entry["nearest"] = None
    else:
        o = best[1]
        d = distance(o, e)
        entry["nearest"] = {**_brief(o), "fails": failed(o, e), "km": None if d is None else round(d, 1)}
    return entry


def _spurious_entry(s: CaseScore, i: int) -> dict[str, Any]:
    o = s.outputs[i]
    return {"case": s.id, "output": i, "class": s.spurious[i], **_brief(o),
            "source_kind": o.get("source_kind"), "confidence": o.get("confidence"),
            "evidence": str(o.get("evidence") or "")}


def _kv_table(d: Mapping[str, Any], a: str, b: str) -> str:
    if not d:
        return "(none)"
    return "\n".join([f"| {a} | {b} |", "| --- | ---: |"] + [f"| {k} | {v} |" for k, v in d.items()])


def _pct(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


def _per_case_table(rows: Mapping[str, Mapping[str, Any]]) -> str:
    lines = ["| case | expected | matched | outputs | spurious | recall | precision | lede recall | lede precision |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for cid, r in rows.items():
        lines.append(f"| {cid} | {r['expected']} | {r['matched']} | {r['outputs']} | {r['spurious']} | "
                     f"{_pct(r['recall'])} | {_pct(r['precision'])} | {_pct(r['lede_recall'])} | "
                     f"{_pct(r['lede_precision'])} |")
    return "\n".join(lines)
