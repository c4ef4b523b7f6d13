"""Find place names in spaCy docs and resolve them against the gazetteer.

Detection (:mod:`outposts.places.spans`) gives spans of three strengths:
NER places (GPE/LOC/FAC), NER ORG/PERSON spans that match the gazetteer
strongly (the small model tags "al-Bukamal" as ORG), and capitalised n-grams
found in the gazetteer. Resolution scores each span's candidates by prior
(population, feature class), the document's country focus (country names and
demonyms, plus the caller's countries), proximity to the other places of the
document and admin1 names mentioned, in two passes.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Sequence

from ..records import Place, PlaceMention
from .countries import alias_country, demonym_country
from .gazetteer import Gazetteer
from .normalize import name_key
from .spans import Span, detect_spans

__all__ = ["Geoparser", "haversine_km"]

CALLER_BONUS = 3.0
NEAR_ANCHOR_KM = 60.0
MIN_SCORE = 2.5  # below this the best candidate is a guess: leave the mention unresolved


def haversine_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _is_area(p: Place) -> bool:
    return (p.feature_code or "").startswith(("PCL", "ADM"))


class Geoparser:
    """Place mentions of a document (its segments share one context)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    # -- public -------------------------------------------------------------------
    def parse(self, segments: Sequence[tuple[int, int | None, object]],
              countries: Iterable[str] = ()) -> list[PlaceMention]:
        """Mentions of ``segments`` (``(offset, comment, doc)`` triples); offsets in
        the result are ``offset`` + the character offset in ``doc``."""
        caller = {c.upper() for c in countries if c}
        focus: Counter = Counter()
        spans: list[tuple[int, int | None, Span]] = []
        for seg, (offset, comment, doc) in enumerate(segments):
            self._demonym_focus(doc, focus)
            for sp in detect_spans(doc, self.gazetteer):
                sp.seg = seg
                spans.append((offset, comment, sp))
        for _, _, sp in spans:  # countries named
            if sp.places and sp.exact and sp.places[0].feature_code == "PCLI":
                focus[sp.places[0].country_code] += 2
        for cc in caller:
            focus[cc] += 0  # present, bonus added separately
        keep = [self._keep(sp, focus, caller) for _, _, sp in spans]
        anchors = [max(sp.places, key=lambda p: self._score(sp, p, focus, caller))
                   for (_, _, sp), k in zip(spans, keep) if k and sp.places]
        anchors = [a for a in anchors if not _is_area(a)]
        for i, (_, _, sp) in enumerate(spans):
            # An ORG/PERSON-tagged name whose place lies next to a sure place of the
            # document ("east of Maarat al-Numan" after "Saraqib") is a place too.
            if not keep[i] and sp.strength == "weak" and sp.places and len(sp.key) >= 5:
                keep[i] = any(haversine_km(p, a) <= NEAR_ANCHOR_KM for p in sp.places[:5]
                              if not _is_area(p) for a in anchors)
        kept = [t for t, k in zip(spans, keep) if k]
        self._focus_fallback([sp for _, _, sp in kept], focus, caller)
        choice = self._resolve([sp for _, _, sp in kept], focus, caller)
        out = []
        for (offset, comment, sp), (place, score) in zip(kept, choice):
            place, precision = self._precision(sp, place)
            out.append(PlaceMention(text=sp.text, start=offset + sp.start, end=offset + sp.end,
                                    place=place, geo_precision=precision, score=round(score, 3),
                                    comment=comment))
        return out

    # -- context --------------------------------------------------------------------
    @staticmethod
    def _demonym_focus(doc, focus: Counter) -> None:
        for ent in doc.ents:
            if ent.label_ != "NORP":
                continue
            for part in ent.text.replace("/", "-").split("-"):
                cc = demonym_country(part)
                if cc:
                    focus[cc] += 1

    def _focus_bonus(self, cc: str | None, focus: Counter, caller: set[str]) -> float:
        if not cc:
            return 0.0
        bonus = CALLER_BONUS if cc in caller else 0.0
        n = focus.get(cc, 0)
        if n:
            top = max(focus.values()) or 1
            bonus += 1.0 + 1.5 * n / top
        return bonus

    def _keep(self, sp: Span, focus: Counter, caller: set[str]) -> bool:
        """NER places are always kept; other spans only on a strong gazetteer hit."""
        if sp.strength == "ner":
            return True
        if not sp.places:
            return False
        for p in sp.places[:5]:
            in_focus = p.country_code in caller or focus.get(p.country_code, 0) > 0
            if not sp.exact and not (in_focus and p.population >= 20000 and len(sp.key) >= 7):
                continue
            if _is_area(p) or p.geonameid is not None and p.geonameid < 0 and \
                    p.feature_code not in ("ADM1",) and in_focus:
                return True
            if p.population >= 50000 or (in_focus and p.population >= 2000):
                return True
        return False

    def _focus_fallback(self, spans: list[Span], focus: Counter, caller: set[str]) -> None:
        """NER places whose exact hits all lie outside the document's countries
        also get the loose-key hits inside them ("Darra" -> Daraa, Syria)."""
        top = max(focus.values(), default=0)
        area = set(caller) | {cc for cc, n in focus.items() if n > 0 and n >= 0.25 * top}
        if not area:
            return
        for sp in spans:
            if sp.strength != "ner" or any(p.country_code in area for p in sp.places):
                continue
            extra = [p for p in self.gazetteer.fuzzy_lookup(sp.text, countries=area, limit=10)
                     if p.population >= 10000 or _is_area(p)]
            if extra:
                sp.places = list(sp.places) + extra
                sp.fuzzy_ids = {p.geonameid for p in extra}

    # -- resolution -------------------------------------------------------------------
    def _score(self, sp: Span, p: Place, focus: Counter, caller: set[str]) -> float:
        s = math.log10(max(p.population, 0) + 1)
        code = p.feature_code or ""
        if code.startswith("PCL"):
            s += 1.0
        elif code == "ADM1":
            s += 1.0 if sp.admin_cue else -1.5
        elif p.feature_class not in ("P", "A"):
            s -= 0.5
        if p.geonameid is not None and p.geonameid < 0 and code not in ("ADM1",):
            s = max(s, 4.0)  # user site
        s += self._focus_bonus(p.country_code, focus, caller)
        if not sp.exact or p.geonameid in sp.fuzzy_ids:
            s -= 1.0
        return s

    def _resolve(self, spans: list[Span], focus: Counter, caller: set[str]):
        base = [[(self._score(sp, p, focus, caller), p) for p in sp.places] for sp in spans]
        first = [max(c, key=lambda t: t[0]) if c else None for c in base]
        # Anchors: confidently resolved towns/sites; their admin1 names.
        anchors: list[tuple[str, Place]] = []
        admin_keys: set[str] = set()
        for sp, scored, best in zip(spans, base, first):
            if best is None:
                continue
            margin = best[0] - sorted((t[0] for t in scored), reverse=True)[1] \
                if len(scored) > 1 else 9.0
            if margin >= 1.0:
                if (best[1].feature_code or "") == "ADM1" and best[1].admin1:
                    admin_keys.add(name_key(best[1].admin1))
                elif not _is_area(best[1]):
                    anchors.append((sp.key, best[1]))
        # "Paris, Texas": a place followed by ", <area>" lies inside that area.
        within: dict[int, Place] = {}
        for i in range(len(spans) - 1):
            a, b = spans[i], spans[i + 1]
            if a.seg == b.seg and b.start - a.end <= 2 and b.comma_before and first[i + 1] \
                    and _is_area(first[i + 1][1]):
                within[i] = first[i + 1][1]
        result = []
        for i, (sp, scored) in enumerate(zip(spans, base)):
            if not scored:
                result.append((None, 0.0))
                continue
            rescored = []
            for s, p in scored:
                if not _is_area(p):
                    near = [haversine_km(p, a) for k, a in anchors if k != sp.key]
                    if near:
                        d = min(near)
                        s += 2.0 if d < 50 else 1.5 if d < 150 else 0.75 if d < 400 else 0.0
                    if p.admin1 and name_key(p.admin1) in admin_keys:
                        s += 1.5
                    area = within.get(i)
                    if area is not None and p.country_code == area.country_code and (
                            area.feature_code != "ADM1" or p.admin1 == area.admin1):
                        s += 4.0
                rescored.append((s, p))
            rescored.sort(key=lambda t: -t[0])
            best_s, best = rescored[0]
            if best_s < MIN_SCORE:
                result.append((None, 0.0))
                continue
            margin = best_s - rescored[1][0] if len(rescored) > 1 else 3.0
            conf = 1.0 / (1.0 + math.exp(-(margin + 0.5)))
            if not sp.exact:
                conf *= 0.7
            if sp.strength != "ner":
                conf *= 0.85
            result.append((best, conf))
        return result

    def _precision(self, sp: Span, place: Place | None) -> tuple[Place | None, int]:
        if place is None:
            return None, 1
        code = place.feature_code or ""
        if code.startswith("PCL") or code == "ADM1":
            return place, 3
        if sp.admin_cue and place.country_code:
            admin = self.gazetteer.admin1(place.country_code, sp.text)
            if admin is not None:
                return admin, 3
            return place, 2  # "<town> countryside": around the town
        return place, 2 if sp.near_cue else 1


def country_code_of(text: str, gazetteer: Gazetteer) -> str | None:
    """ISO2 of a country name, alias or demonym ("Syria", "U.S.", "Iraqi")."""
    cc = alias_country(text) or demonym_country(text)
    if cc:
        return cc
    p = gazetteer.country(text)
    return p.country_code if p else None
