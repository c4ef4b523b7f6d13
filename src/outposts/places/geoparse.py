"""Find place names in spaCy docs and resolve them against the gazetteer.

Detection (:mod:`outposts.places.spans`) gives spans of three strengths:
NER places (GPE/LOC/FAC), NER ORG/PERSON spans that match the gazetteer
strongly (the small model tags "al-Bukamal" as ORG), and capitalised n-grams
found in the gazetteer. Resolution scores each span's candidates by prior
(population, feature class), the document's country focus (see below), proximity to the other places of the document and the admin1
names it mentions, in two passes.

The document focus weighs countries named, demonyms ("Syrian") and exact names
that point at one country (an admin1 such as "Idlib" or "Kirkuk" counts double;
names found in several countries count nothing); reader comments count for a
quarter of the article. A candidate in a focus country gets a large bonus, one
elsewhere must be about 10^5 times as populous to win; loose-key (skeleton)
matches are only considered inside the focus countries and lose to exact ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from ..geo import haversine_km
from ..records import ParsedSegment, Place, PlaceMention
from .countries import ACLED_REGIONS, alias_country, demonym_country
from .gazetteer import Gazetteer
from .normalize import name_key, skeleton_key, sound_key, strip_article
from .spans import REGION_CODES, Span, SpanWords, detect_spans, person_keys, span_words

if TYPE_CHECKING:  # pragma: no cover
    from ..lang import LanguagePack

__all__ = ["Geoparser"]

CALLER_BONUS = 3.0
NEAR_ANCHOR_KM = 60.0
MIN_SCORE = 2.5  # below this the best candidate is a guess: leave the mention unresolved
# Document focus: evidence weights, and what being in a focus country is worth.
COUNTRY_WEIGHT = 2.0  # a country named ("Syria")
DEMONYM_WEIGHT = 1.0  # "Syrian", "Iraqi"
ADMIN1_WEIGHT = 2.0  # an admin1 of one country named ("Idlib", "Deir Ezzor", "Kirkuk")
PLACE_WEIGHT = 1.0  # a place name that is (nearly) all in one country ("Damascus")
COMMENT_WEIGHT = 0.25  # reader comments count for this much of the article's evidence
FOCUS_SHARE = 0.35  # a focus country has at least this share of the top country's weight
FOCUS_BONUS = 5.0  # score bonus of a candidate in the top focus country (a 10^5 population)
WEAK_BONUS = 1.0  # a country with some evidence, below FOCUS_SHARE
ADMIN_BONUS = 2.0  # a candidate inside an admin1 the document names
FUZZY_SIM = 2.0  # loose-key (skeleton) hits: weight of the name similarity...
FUZZY_PENALTY = 2.0  # ...and the flat penalty; their population counts half
FUZZY_KEEP_SIM = 0.75  # a small loose-key hit is considered only when this similar
FUZZY_MIN_SIM = 0.5  # loose-key hits less like the name than this are dropped
NEAR_EXACT_SIM = 0.85  # a loose-key hit this alike is a spelling variant ("Maarat al-Numan")
KEEP_POPULATION = 2000  # a town in the focus this size (or of unknown size) may be kept
# GeoNames lists towns without a census figure with population 0 (cities500 holds them as
# seats or for other reasons): unknown, not tiny. They are scored as this many people.
UNKNOWN_POPULATION = 500


# A town that bears the name only as one of its alternate names ("Manchester" for a
# Richmond, "Washington" for a Watervliet) loses this much to one whose main name it is.
ALT_NAME_PENALTY = 2.0
FOREIGN_MIN_POPULATION = 100_000  # smaller towns outside the focus countries are not trusted
WORLD_CITY = 500_000  # a city this size, 20 times the size of an unsupported small namesake, wins
LIST_BONUS = 3.0  # an admin1 candidate listed next to first-level areas of its country
NEIGHBOUR_CHARS = 150  # places named this close to a mention are its neighbours...
FAR_KM = 400.0  # ...and a town abroad this far from all of them is a stray namesake
LOOSE_NEAR_KM = 150.0  # a loose-key match this far from all the document's sure places is a guess


def _place_id(p: Place) -> tuple:
    """What tells two gazetteer entries apart (a user site may have no geonameid)."""
    return (p.geonameid, p.name, p.latitude, p.longitude)


# A name used as an outlet's ("Saba news agency", "Fars news agency", "according to Al
# Mayadeen"): a source, never a place. Any name before "news agency"; a known outlet's
# name (the coder's sources table) before any outlet word or after "according to".
def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


def _place_id(p: Place) -> tuple:
    """What tells two gazetteer entries apart (a user site may have no geonameid)."""
    return (p.geonameid, p.name, p.latitude, p.longitude)


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


# A sea, river or region of the bundled list beats the towns named after it ("Atlantic",
# "Pacific"): it scores as a town of 10^REGION_SCORE people would.
REGION_SCORE = 10.5
DATELINE_MIN_POPULATION = 50_000  # a dateline names a city: smaller namesakes say nothing
_DATELINE_CUT = re.compile(r"[,(\-–—/]")  # the dateline's town ends at its first comma, bracket or dash


def _is_area(p: Place) -> bool:
    return (p.feature_code or "").startswith(("PCL", "ADM", "CONT") + REGION_CODES)


def _is_region(p: Place) -> bool:
    return (p.feature_code or "") in REGION_CODES


def _is_local(p: Place) -> bool:
    """A town, site or county: near the document's other places when it is right."""
    return not _is_area(p) or p.feature_code == "ADM2"


def _population(p: Place) -> int:
    """A place's population for scoring: a town's 0 means unknown (see UNKNOWN_POPULATION);
    areas and sites (negative ids) keep theirs."""
    if p.population > 0:
        return p.population
    if p.feature_class == "P" and (p.geonameid is None or p.geonameid >= 0):
        return UNKNOWN_POPULATION
    return 0


@lru_cache(maxsize=65536)
def _main_key(name: str) -> str:
    return _loose_key(name_key(name))


def _loose_key(key: str) -> str:
    return key[:-1] if key.endswith("h") and len(key) > 4 else key


def _similarity(key: str, p: Place) -> float:
    """How alike a mention's key and a place's main name are (0..1); loose keys of
    short names are loose indeed, so those must be spelled closer."""
    other = name_key(p.name)
    r = max(SequenceMatcher(None, key, other).ratio(),
            SequenceMatcher(None, sound_key(key), sound_key(other)).ratio())
    return r if len(skeleton_key(key)) >= 5 or r >= FUZZY_KEEP_SIM + 0.05 else 0.0


def _lowercase(text: str) -> bool:
    """A name written lower-case ("bush", "the south"), an article ("al-", "el-") aside."""
    bare = strip_article(text)
    return bare[:1].islower()


def _region(country_code: str | None) -> str | None:
    """The world region (ACLED's) a country lies in, or the code itself."""
    return ACLED_REGIONS.get(country_code or "", country_code)


def _outside_named_admin(p: Place, focus: "_Focus") -> bool:
    """A village or small town of a country whose admin1s the document names, but
    in none of them."""
    if p.population >= KEEP_POPULATION * 10 or _is_area(p) or not p.admin1:
        return False
    named = {k for cc, k in focus.admins if cc == p.country_code}
    return bool(named) and name_key(p.admin1) not in named


class _Focus:
    """The countries (and admin1s) a document is about, from its own words."""

    def __init__(self, weights: Counter, caller: set[str], admins: set[tuple[str, str]],
                 own: dict[str, Counter] | None = None, direct: Counter | None = None):
        self.weights = weights
        # evidence of countries named, place adjectives and admin1s (not of town names)
        self.direct = direct if direct is not None else Counter()
        self.own = own or {}  # name key -> the evidence that name gave itself
        self.caller = caller
        self.top = max(weights.values(), default=0.0)
        self.placed: set[str] = set()  # countries that place names (or the caller) point at
        self.forces: set[str] = set()  # countries named as the nationality of forces only
        self.countries = {cc for cc, w in weights.items()
                          if w > 0 and w >= FOCUS_SHARE * self.top} | caller
        # admin1s named in the document, in its focus countries: (country, admin1 key)
        self.admins = {(cc, k) for cc, k in admins if cc in self.countries}

    def __contains__(self, cc) -> bool:
        return cc in self.countries

    def holds(self, cc: str | None, key: str) -> bool:
        """``cc`` is a focus country without the evidence the name ``key`` gave itself
        (a lone "Bare" found only in India does not put India in the focus)."""
        if cc in self.caller:
            return True
        w = self.weights.get(cc, 0) - self.own.get(key, {}).get(cc, 0)
        return w > 1e-9 and w >= FOCUS_SHARE * self.top

    def __bool__(self) -> bool:
        return bool(self.countries)

    def bonus(self, cc: str | None, key: str = "") -> float:
        """Bonus of a candidate in ``cc`` for the name ``key``: a name gets no credit
        for the evidence it gave itself ("Gulf" alone does not make a Gulf Province)."""
        if not cc:
            return 0.0
        bonus = CALLER_BONUS if cc in self.caller else 0.0
        w = self.weights.get(cc, 0) - self.own.get(key, {}).get(cc, 0)
        if w > 1e-9 and w >= FOCUS_SHARE * self.top:
            bonus += FOCUS_BONUS * (0.5 + 0.5 * w / self.top)
        elif w > 1e-9:
            bonus += WEAK_BONUS
        return bonus


class Geoparser:
    """Place mentions of a document (its segments share one context), read with
    the words of ``lang`` (a language pack's ``places`` section; English when not given)."""

    def __init__(self, gazetteer: Gazetteer, lang: "LanguagePack | None" = None,
                 outlets: Iterable[str] = ()):
        if lang is None:
            from ..lang import load

            lang = load("en")
        self.gazetteer = gazetteer
        self.words: SpanWords = span_words(lang.places)
        self._street_words = frozenset(w.casefold() for w in lang.toponyms.STREET_WORDS)
        self._outlet_cues = lang.places
        # names of known outlets and agencies, folded ("saba", "fars", "al mayadeen")
        self.outlets = frozenset(_fold(o) for o in outlets) - {""}

    def _outlet(self, text: str, sp: Span) -> bool:
        """Is this span the name of a news outlet where it stands ("Saba news agency")?"""
        cues = self._outlet_cues
        after, before = text[sp.end:sp.end + 40], text[max(0, sp.start - 30):sp.start]
        if cues.AGENCY_AFTER.match(after):
            return True
        if _fold(sp.text) not in self.outlets:
            return False
        return bool(cues.OUTLET_AFTER.match(after) or cues.ACCORDING_BEFORE.search(before))

    def _metonym(self, text: str, sp: Span) -> bool:
        """A capital city standing for its government ("Moscow has warned"): the
        name is a capital's and a verb of speech or policy follows."""
        if sp.strength == "demonym" or not sp.exact or not sp.places:
            return False
        w = self.words.w
        return any(p.feature_code == "PPLC" for p in sp.places[:3]) and \
            bool(w.METONYM_AFTER.match(text[sp.end:sp.end + 50])) and \
            not w.METONYM_NOT_BEFORE.search(text[max(0, sp.start - 20):sp.start])

    # -- public -------------------------------------------------------------------
    def resolve(self, segments: Sequence[ParsedSegment], *,
                countries: Iterable[str] = (), filed: tuple[int, int] | None = None) -> list[PlaceMention]:
        """:class:`~outposts.contracts.PlaceResolver`: mentions of parsed segments,
        offsets in each segment's frame (report text, or its comment's text)."""
        return self.parse([(p.segment.start, p.segment.comment, p.parse) for p in segments],
                          countries=countries, filed=filed)

    def parse(self, segments: Sequence[tuple[int, int | None, object]],
              countries: Iterable[str] = (), filed: tuple[int, int] | None = None) -> list[PlaceMention]:
        """Mentions of ``segments`` (``(offset, comment, doc)`` triples); offsets in
        the result are ``offset`` + the character offset in ``doc``. Places of the
        dateline (``filed``, offsets in the report text) are resolved but say
        nothing of the countries the report is about."""
        caller = {c.upper() for c in countries if c}
        article, comments, direct = Counter(), Counter(), Counter()
        admins: set[tuple[str, str]] = set()
        spans: list[tuple[int, int | None, Span]] = []
        given: list[tuple[str, str, float, bool]] = []  # (key, country, weight, comment)
        persons: set[str] = set()
        forces: set[str] = set()  # countries named only as the nationality of forces
        filed_in = Counter()  # what the dateline's places say: heard only if nothing else speaks
        for seg, (offset, comment, doc) in enumerate(segments):
            evidence = article if comment is None else comments
            norp = self._demonym_focus(doc, evidence, direct, self.words, forces)
            persons |= person_keys(doc, self.words)
            text = getattr(doc, "text", "")
            for sp in detect_spans(doc, self.gazetteer, self.words):
                if sp.strength != "demonym" and self._outlet(text, sp):
                    continue  # a source, not a place
                sp.seg = seg
                if self._street(text, sp):
                    continue  # "Alameda avenue": a street of some town, not a town
                spans.append((offset, comment, sp))
                if filed and comment is None and filed[0] <= offset + sp.start < filed[1]:
                    for cc, w in self._place_evidence(sp, set()):
                        filed_in[cc] += w
                    continue  # "TEHRAN (FNA) -": where it was filed, not what it is about
                if self._metonym(text, sp):
                    sp.role = "metonym"  # "Washington considers": a government, no evidence of where
                if sp.role:
                    continue
                if sp.strength == "demonym" and sp.places and sp.places[0].country_code \
                        and not any(a <= sp.start < b for a, b in norp):
                    # "the Chilean capital": an adjective the recognizer did not tag
                    cc = sp.places[0].country_code
                    if self.words.w.FORCE_AFTER.match(text, sp.end) is not None:
                        forces.add(cc)  # "Turkish and Russian forces": whose, not where
                    else:
                        evidence[cc] += DEMONYM_WEIGHT
                        direct[cc] += DEMONYM_WEIGHT
                for cc, w in self._place_evidence(sp, admins):
                    evidence[cc] += w
                    if w != PLACE_WEIGHT:  # a country or an admin1 named, not a town
                        direct[cc] += w
                    given.append((sp.key, cc, w, comment is not None))
        if not direct and not caller and filed:
            # "JOS, June 2 - Gunmen attacked Kwall in Bassa": where the text names no country,
            # no province and no nationality, the dateline's town is evidence like any town's
            article.update(filed_in or self._dateline_town(segments, filed))
        for _, _, sp in spans:
            sp.person = sp.key in persons
            if sp.exact and len(sp.places) > 1:
                # Penalise alternate-name hits only where some candidate bears the name.
                sp.main_keys = {_loose_key(sp.key)}
                sp.alt_penalty = any(_main_key(p.name) in sp.main_keys for p in sp.places
                                     if p.feature_class == "P" or p.feature_code == "ADM1")
        scale = COMMENT_WEIGHT if article else 1.0
        weights = Counter(article)
        for cc, w in comments.items():
            weights[cc] += w * scale
        own: dict[str, Counter] = {}
        for key, cc, w, in_comment in given:
            own.setdefault(key, Counter())[cc] += w * (scale if in_comment else 1.0)
        focus = _Focus(weights, caller, admins, own, direct)
        focus.forces = forces
        # countries the document's own place names point at (not only its demonyms)
        focus.placed = {cc for _, cc, _, _ in given} | caller
        had = [bool(sp.places) for _, _, sp in spans]
        for _, _, sp in spans:
            self._focus_candidates(sp, focus)
        keep = [self._keep(sp, focus) for _, _, sp in spans]
        if focus:
            # One name, one place in a document: a name whose candidates were all refused
            # where it stood, as namesakes abroad or outside the provinces the document
            # names ("the town of al-Saveh in eastern Deir Ezzor", "the villages of A, B
            # and C" in one state), takes none of those where it stands alone either.
            refused = {sp.key for (_, _, sp), h in zip(spans, had) if h and not sp.places
                       and sp.strength != "demonym"}
            for _, _, sp in spans:
                if sp.key in refused and sp.places:
                    sp.places = [p for p in sp.places if p.country_code in focus
                                 and not _outside_named_admin(p, focus)]
        anchors = [max(sp.places, key=lambda p: self._score(sp, p, focus))
                   for (_, _, sp), k in zip(spans, keep) if k and sp.places]
        # one of each: a long text names the same places again and again (linear cost)
        anchors = list({_place_id(a): a for a in anchors if not _is_area(a)}.values())
        for i, (_, _, sp) in enumerate(spans):
            # An ORG/PERSON-tagged name whose place lies next to a sure place of the
            # document ("east of Maarat al-Numan" after "Saraqib") is a place too.
            if not keep[i] and sp.strength == "weak" and sp.places and len(sp.key) >= 5:
                keep[i] = any(_km(p, a) <= NEAR_ANCHOR_KM for p in sp.places[:5]
                              if not _is_area(p) for a in anchors)
        kept = [t for t, k in zip(spans, keep) if k]
        choice = self._resolve([sp for _, _, sp in kept], focus)
        out = []
        for (offset, comment, sp), (place, score) in zip(kept, choice):
            if place is None and (sp.strength != "ner" and not sp.listed or self._not_a_village(sp.text)):
                continue  # a capitalised word that only looked like a place ("Human" Rights)
            place, precision = self._precision(sp, place)
            out.append(PlaceMention(text=sp.text, start=offset + sp.start, end=offset + sp.end,
                                    place=place, geo_precision=precision, score=round(score, 3),
                                    comment=comment, role=sp.role))
        return out

    # -- context --------------------------------------------------------------------
    @staticmethod
    def _demonym_focus(doc, focus: Counter, direct: Counter, sw: SpanWords,
                       forces: set[str]) -> list[tuple[int, int]]:
        """Count the NORP entities' countries; returns their character ranges. The
        nationality of forces ("Turkish and Russian forces") is not counted, only
        noted in ``forces``."""
        ranges = []
        for ent in doc.ents:
            if ent.label_ != "NORP":
                continue
            of_forces = sw.w.FORCE_AFTER.match(doc.text, ent.end_char) is not None
            for part in ent.text.replace("/", "-").split("-"):
                cc = demonym_country(part, sw.w)
                if cc:
                    if not of_forces:  # "Turkish and Russian forces": whose, not where
                        focus[cc] += DEMONYM_WEIGHT
                        direct[cc] += DEMONYM_WEIGHT
                    else:
                        forces.add(cc)
                    ranges.append((ent.start_char, ent.end_char))
        return ranges

    def _not_a_village(self, text: str) -> bool:
        """An unknown name that cannot be a village the gazetteer lacks: a long phrase
        ("Following al-Shabab Hotel Attack") or one holding an actor's, a facility's or a
        compass word ("Tahman Thar Police", "West Coast")."""
        words = [w for w in text.replace("-", " ").split() if w]
        if len(words) > 3:
            return True
        keys = {name_key(w) for w in words} - self.words.titles  # "Al-Sheikh Issa" may be a village
        return bool(keys & (self.words.actor | self.words.facility | self.words.direction))

    def _street(self, text: str, sp: Span) -> bool:
        """A name followed by a street word ("Alameda avenue") names a street."""
        if sp.strength == "demonym":
            return False
        nxt = text[sp.end:sp.end + 20].split(None, 1)
        return bool(nxt) and text[sp.end:sp.end + 1] == " " and \
            nxt[0].rstrip(".,;:").casefold() in self._street_words

    def _dateline_town(self, segments, filed: tuple[int, int]) -> Counter:
        """The country of a dateline's town the recogniser passed over ("JOS, June 2 -":
        capitals of three letters): a city of :data:`DATELINE_MIN_POPULATION` or more."""
        for offset, comment, doc in segments:
            text = getattr(doc, "text", "")
            if comment is None and offset <= filed[0] < offset + len(text):
                head = text[filed[0] - offset:filed[1] - offset]
                name = _DATELINE_CUT.split(head, 1)[0].strip()
                places = self.gazetteer.lookup(name.title(), fuzzy=False, limit=5) if name else []
                top = max(places, key=lambda p: p.population, default=None)
                if top is not None and top.country_code and top.population >= DATELINE_MIN_POPULATION:
                    return Counter({top.country_code: PLACE_WEIGHT})
                break
        return Counter()

    @staticmethod
    def _place_evidence(sp: Span, admins: set[tuple[str, str]]) -> list[tuple[str, float]]:
        """What an exact name says about the document's country: a country named,
        an admin1 of a single country, or a name (nearly) only found in one country.
        Names found in several countries say nothing."""
        if not sp.exact or not sp.places or sp.strength == "demonym":
            return []  # demonyms count through their NORP entities (_demonym_focus)
        first = sp.places[0]
        if (first.feature_code or "").startswith("PCL"):
            if any((p.feature_code or "").startswith("PCL") and p.country_code != first.country_code
                   for p in sp.places[1:]):
                return []  # "Congo": a name two countries share says neither
            return [(first.country_code, COUNTRY_WEIGHT)]
        best: dict[str, float] = {}  # country -> log10 population of its best candidate
        for p in sp.places:
            if p.country_code:
                lp = math.log10(max(p.population, 0) + 1)
                best[p.country_code] = max(best.get(p.country_code, 0.0), lp)
        if not best or any(_is_region(p) and not p.country_code for p in sp.places):
            return []  # "Kurdistan": a region across countries, not Iran's province
        ranked = sorted(best.items(), key=lambda t: -t[1])
        cc, lp = ranked[0]
        adm = {(p.country_code, name_key(p.admin1 or p.name))
               for p in sp.places if p.feature_code == "ADM1" and p.country_code}
        if adm:
            # An admin1 of one country, unless a sizeable town elsewhere shares the
            # name ("Tripoli" is an admin1 of Libya and a large town in Lebanon).
            countries = {c for c, _ in adm}
            if len(countries) == 1 and cc in countries and \
                    (len(ranked) == 1 or lp >= ranked[1][1] + 2):
                admins.update(adm)
                return [(cc, ADMIN1_WEIGHT)]
            return []
        if len(ranked) == 1:
            if not any(_main_key(p.name) == _loose_key(sp.key) for p in sp.places):
                return []  # only another name of a town abroad ("Kashmir" of Cashmere, WA)
            if sp.strength == "ner" or lp >= 4:
                return [(cc, PLACE_WEIGHT)]
        elif lp >= 5 and lp >= ranked[1][1] + 2:
            return [(cc, PLACE_WEIGHT)]
        return []

    def _focus_candidates(self, sp: Span, focus: _Focus) -> None:
        """Loose-key (skeleton) hits count only inside the focus countries: those
        outside are dropped, and names with no exact hit in them get the focus
        countries' loose-key hits ("Darra" -> Daraa, "Shaddadi" -> Ash Shaddadah)."""
        if sp.strength == "demonym":
            return
        if _lowercase(sp.text):
            # "fled into a nearby bush": a common word is a place only as the main name
            # of a place in the document's countries
            sp.places = [p for p in sp.places if sp.exact and p.country_code in focus
                         and (_is_area(p) or _main_key(p.name) == _loose_key(sp.key))]
            return
        if not sp.exact and not focus:
            # a loose-key match with nothing saying where the document is: a guess
            # ("Seytenga" -> Setagaya); left unresolved
            sp.places = []
            return
        if sp.inner:  # the town inside a facility name: only in the focus countries
            sp.places = [p for p in sp.places if not focus or p.country_code in focus]
            return
        if not focus or sp.strength == "ngram":
            return
        if not sp.exact:
            sp.places = [p for p in sp.places if p.country_code in focus
                         and _similarity(sp.key, p) >= FUZZY_MIN_SIM]
        if sp.exact and any(p.country_code in focus for p in sp.places):
            return
        if sp.exact and sp.places and sp.strength != "ner":
            return
        seen = {p.geonameid for p in sp.places}
        extra = [p for p in self.gazetteer.fuzzy_lookup(sp.text, countries=focus.countries,
                                                        limit=20)
                 if p.geonameid not in seen and _similarity(sp.key, p) >= FUZZY_MIN_SIM and (
                     p.population >= 10000 or _is_area(p)
                     or _similarity(sp.key, p) >= FUZZY_KEEP_SIM)]
        if extra:
            sp.places = list(sp.places) + extra
            sp.fuzzy_ids = set(sp.fuzzy_ids) | {p.geonameid for p in extra}

    def _keep(self, sp: Span, focus: _Focus) -> bool:
        """NER places are kept (unknown ones unless lower-case or named like a person);
        other spans only on a strong gazetteer hit."""
        if sp.strength == "ner":
            # unless unknown and lower-case ("red states") or a person of the document
            return bool(sp.places) or (sp.text[:1].isupper() and not sp.person and not sp.speaker)
        if sp.strength in ("demonym", "embedded"):
            return bool(sp.places)
        if sp.listed and sp.places and focus and not any(p.country_code in focus for p in sp.places):
            sp.places = []  # "the village of Al-Tawilah" in Syria: not its namesake in Yemen
        if sp.listed and sp.places and focus.admins:
            # "Sakkada, Gyadadde, Sabon Gari ..." in Zamfara: not a namesake of another state
            sp.places = [p for p in sp.places if not _outside_named_admin(p, focus)]
        if not sp.places:
            return sp.listed and not sp.person and not sp.speaker  # a village listed with places
        if (sp.person or sp.speaker) and not any(_is_area(p) for p in sp.places[:1]):
            return False  # "Barr" of "Roseanne Barr", "Malinao said": a person
        for p in sp.places[:5]:
            in_focus = p.country_code in focus
            fuzzy = not sp.exact or p.geonameid in sp.fuzzy_ids
            if fuzzy and not (in_focus and p.population >= 20000 and len(sp.key) >= 7):
                if self._variant_in_named_admin(sp, p, focus):
                    return True
                continue
            if _is_area(p):
                # "Southern" is an admin1 somewhere: only areas of the focus count.
                if in_focus or not focus and (not focus.forces or p.country_code in focus.forces) \
                        or not p.country_code and (
                        _is_region(p) or p.feature_code == "CONT") or (p.feature_code or "").startswith("PCL"):
                    return True
                continue
            if p.geonameid is not None and p.geonameid < 0 and (in_focus or not focus):
                return True  # user or bundled site
            if p.population >= 50000 or (in_focus and p.population >= KEEP_POPULATION):
                return True
            if in_focus and not fuzzy and p.feature_class in ("P", "S") and (sp.place_cue or sp.near_cue
                                                                           or sp.admin_cue or sp.listed):
                return True  # "Syria's Tal Tamr countryside": a small town of the focus, said to be a place
        return sp.listed and not sp.person and not sp.speaker  # a village listed with places

    @staticmethod
    def _variant_in_named_admin(sp: Span, p: Place, focus: _Focus) -> bool:
        """A loose-key hit that is nearly the same name ("Maarat al-Numan" for
        "Ma'arrat an Nu'man"), a town inside an admin1 the document names ("in Idlib
        province"), of unknown (0) or not tiny population. (Near a sure place of the
        document, the anchor rescue in :meth:`parse` keeps such names.)"""
        return (p.country_code in focus and not _is_area(p) and len(sp.key) >= 7
                and bool(p.admin1) and (p.country_code, name_key(p.admin1)) in focus.admins
                and (p.population == 0 or p.population >= KEEP_POPULATION)
                and _similarity(sp.key, p) >= NEAR_EXACT_SIM)

    # -- resolution -------------------------------------------------------------------
    def _score(self, sp: Span, p: Place, focus: _Focus) -> float:
        s = math.log10(_population(p) + 1)
        code = p.feature_code or ""
        if sp.strength == "demonym" or code == "CONT":
            return 9.0  # the one area a place adjective stands for; a continent
        if code in REGION_CODES:
            return REGION_SCORE + (focus.bonus(p.country_code, sp.key) if p.country_code else 0.0)
        if code.startswith("PCL"):
            # A country's name nearly always means the country, whatever the focus.
            s += 1.0 + max(0.0, 0.6 * FOCUS_BONUS - focus.bonus(p.country_code, sp.key))
        elif code == "ADM1":
            s += 1.0 if sp.admin_cue else -1.5
        elif p.feature_class not in ("P", "A"):
            s -= 0.5
        if p.geonameid is not None and p.geonameid < 0 and code not in ("ADM1",):
            s = max(s, 4.0)  # user site
        if sp.alt_penalty and p.feature_class == "P" and _main_key(p.name) not in sp.main_keys:
            s -= ALT_NAME_PENALTY
        if not sp.exact or p.geonameid in sp.fuzzy_ids:
            # A loose-key hit: how alike the names are matters more than size.
            s = 0.5 * s + FUZZY_SIM * _similarity(sp.key, p) - FUZZY_PENALTY
        return s + focus.bonus(p.country_code, sp.key)

    def _resolve(self, spans: list[Span], focus: _Focus):
        base = [[(self._score(sp, p, focus), p) for p in sp.places] for sp in spans]
        first = [max(c, key=lambda t: t[0]) if c else None for c in base]
        # Anchors: confidently resolved towns/sites; admin1s named in the document.
        anchors: list[tuple[str, Place]] = []
        admin_keys: set[tuple[str | None, str]] = set(focus.admins)
        for sp, scored, best in zip(spans, base, first):
            if best is None:
                continue
            margin = best[0] - sorted((t[0] for t in scored), reverse=True)[1] \
                if len(scored) > 1 else 9.0
            if margin >= 1.0:
                if (best[1].feature_code or "") == "ADM1" and best[1].admin1:
                    admin_keys.add((best[1].country_code, name_key(best[1].admin1)))
                elif not _is_area(best[1]):
                    anchors.append((sp.key, best[1]))
        # "Paris, Texas": a place followed by ", <area>" lies inside that area.
        within: dict[int, Place] = {}
        for i in range(len(spans) - 1):
            a, b = spans[i], spans[i + 1]
            if a.seg == b.seg and b.start - a.end <= 2 and b.comma_before and first[i + 1] \
                    and _is_area(first[i + 1][1]) and not (
                        first[i] and (first[i][1].feature_code or "").startswith("PCL")):
                within[i] = first[i + 1][1]  # (not "Iraq, Iran": a list of countries)
        # "Utah, Colorado, and Idaho", "California or Washington": a name listed next to
        # first-level areas of one country is one of them.
        listed: dict[int, str] = {}
        for i in range(len(spans) - 1):
            a, b = spans[i], spans[i + 1]
            if a.seg != b.seg or not a.list_next:
                continue
            for x, y in ((i, i + 1), (i + 1, i)):
                if first[y] and first[y][1].feature_code == "ADM1" and first[y][1].country_code:
                    listed[x] = first[y][1].country_code
        # one of each (key, place): the distance loop below is spans x anchors
        anchors = list({(k, _place_id(a)): (k, a) for k, a in anchors}.values())
        anchor_admins = {(a.country_code, name_key(a.admin1)) for _, a in anchors if a.admin1}
        refused: set[tuple[str, tuple]] = set()  # (name key, place) refused as a namesake abroad
        result = []
        for i, (sp, scored) in enumerate(zip(spans, base)):
            if not scored:
                result.append((None, 0.0))
                continue
            rescored = []
            support: dict[int, float] = {}
            for s, p in scored:
                if p.feature_code == "ADM1":
                    if listed.get(i) == p.country_code:
                        s += LIST_BONUS
                    if (p.country_code, name_key(p.name)) in anchor_admins:
                        s += ADMIN_BONUS  # "Wales" in a text of Welsh towns
                if _is_local(p):
                    near = [_km(p, a) for k, a in anchors if k != sp.key]
                    if near:
                        d = min(near)
                        s += 2.0 if d < 50 else 1.5 if d < 150 else 0.75 if d < 400 else 0.0
                    if p.admin1 and (p.country_code, name_key(p.admin1)) in admin_keys:
                        s += ADMIN_BONUS
                    area = within.get(i)
                    if area is not None and p.country_code == area.country_code and (
                            area.feature_code != "ADM1" or p.admin1 == area.admin1):
                        s += 4.0
                rescored.append((s, p))
                support[id(p)] = s
            rescored.sort(key=lambda t: -t[0])
            best_s, best = rescored[0]
            base_s = dict((id(p), s0) for s0, p in scored)
            if best.feature_class == "P" and _population(best) < 100_000 \
                    and best.country_code not in focus.caller \
                    and support[id(best)] - base_s[id(best)] <= 0:
                # A small town that nothing else in the text points at, against a world
                # city of the name ("London", "Toronto" in an American text): the city
                # (unless the caller said the text is about the town's country).
                big = [(s, p) for s, p in rescored if p.feature_class == "P"
                       and p.population >= WORLD_CITY and p.population >= 20 * _population(best)
                       and (not sp.alt_penalty or _main_key(p.name) in sp.main_keys)]
                if big:
                    best_s, best = big[0][0] + (rescored[0][0] - big[0][0]), big[0][1]
            if best_s < MIN_SCORE or self._stray(best, focus) or self._self_made(sp, best, focus) \
                    or self._loose_and_far(i, spans, first, best) \
                    or self._far_from_neighbours(i, spans, first, best, focus) \
                    or self._abroad_by_alias(sp, best, focus) or self._far_area(sp, best, focus):
                if focus and best.country_code not in focus:
                    refused.add((sp.key, _place_id(best)))
                result.append((None, 0.0))
                continue
            margin = best_s - rescored[1][0] if len(rescored) > 1 else 3.0
            conf = 1.0 / (1.0 + math.exp(-(margin + 0.5)))
            if not sp.exact or best.geonameid in sp.fuzzy_ids:
                conf *= 0.7
            if sp.strength != "ner":
                conf *= 0.85
            result.append((best, conf))
        # One name, one place in a document: where the context of one mention showed a
        # candidate abroad to be a namesake ("al-Saveh in eastern Deir Ezzor" is no Saveh,
        # Iran), the other mentions of the name do not take it either.
        return [(None, 0.0) if p is not None and (sp.key, _place_id(p)) in refused else (p, c)
                for sp, (p, c) in zip(spans, result)]

    @staticmethod
    def _abroad_by_alias(sp: Span, p: Place, focus: _Focus) -> bool:
        """"al-Hamdan" in a report on eastern Syria is not Handan, China, though
        GeoNames lists "Hamdan" among its names: a town of another world region
        than the document's (not a capital), found only under another of its
        names, is left unresolved; so is any town, a capital too, found only under
        another of its names in a country nothing else in the document points at."""
        if not focus or p.country_code in focus or p.feature_class != "P" \
                or (p.geonameid is not None and p.geonameid < 0) \
                or _main_key(p.name) == _loose_key(sp.key):
            return False
        other = focus.weights.get(p.country_code, 0) - focus.own.get(sp.key, {}).get(p.country_code, 0)
        if other <= 1e-9:
            return True  # not even a capital: "Otawa" in a Nigerian report is no Ottawa
        if p.feature_code in ("PPLC", "PPLA"):
            return False
        return _region(p.country_code) not in {_region(cc) for cc in focus.countries}

    @staticmethod
    def _far_area(sp: Span, p: Place, focus: _Focus) -> bool:
        """A province or district in another world region than the document's
        countries ("Saba" -> Sabah, Malaysia, in a report on Yemen) needs strong
        evidence: its country named elsewhere in the text (its name, a demonym, other
        places of it), or the caller's word. Otherwise it is left unresolved. Only
        where the document's focus rests on place names: "Russian drones" over a
        "Hama" that names no country alone is no reason to doubt Hama."""
        code = p.feature_code or ""
        if not focus or p.country_code in focus or code not in ("ADM1", "ADM2") \
                or not focus.placed & focus.countries:
            return False
        if _region(p.country_code) in {_region(cc) for cc in focus.countries}:
            return False
        return focus.bonus(p.country_code, sp.key) <= 0.0

    @staticmethod
    def _stray(p: Place, focus: _Focus) -> bool:
        """A small town abroad, in a document whose countries are known, is more
        likely a village missing from the gazetteer than a jump across continents:
        leave the name unresolved (the event then falls back to a wider area)."""
        return (bool(focus) and p.country_code not in focus and not _is_area(p)
                and not (p.geonameid is not None and p.geonameid < 0)
                and _population(p) < FOREIGN_MIN_POPULATION)

    @staticmethod
    def _loose_and_far(i: int, spans: list[Span], first, p: Place) -> bool:
        """A loose-key match must lie near the document's other places, where it has
        any ("Qotrani" in a report on south Lebanon is no Cetronia, Pennsylvania)."""
        sp = spans[i]
        if sp.exact and p.geonameid not in sp.fuzzy_ids or _is_area(p):
            return False
        local = [first[j][1] for j in range(len(spans)) if j != i and first[j] is not None
                 and spans[j].key != sp.key and _is_local(first[j][1])
                 and (spans[j].exact and first[j][1].geonameid not in spans[j].fuzzy_ids)]
        return bool(local) and all(_km(p, q) > LOOSE_NEAR_KM for q in local)

    @staticmethod
    def _self_made(sp: Span, p: Place, focus: _Focus) -> bool:
        """A first-level area abroad, found inside a longer name or as a bare
        capitalised word, whose country only the name itself points at, in a document
        that names other countries ("Afar" of "Nineveh's Tal Afar" is no region of
        Ethiopia): unresolved. A recognized place name ("Texas") is left alone."""
        if focus and (p.feature_code or "") in REGION_CODES and p.country_code \
                and not focus.holds(p.country_code, sp.key) and not focus.direct.get(p.country_code):
            return True  # a region of one country the document never names ("West Coast")
        if p.feature_code != "ADM1" or not p.country_code or sp.admin_cue \
                or sp.strength in ("ner", "demonym"):
            return False
        others = {cc for cc, w in focus.direct.items() if w > 0 and cc != p.country_code}
        own = focus.own.get(sp.key, {}).get(p.country_code, 0)
        return bool(others) and focus.weights.get(p.country_code, 0) - own <= 1e-9

    @staticmethod
    def _far_from_neighbours(i: int, spans: list[Span], first, p: Place, focus: _Focus) -> bool:
        """A town (no capital, no world city) of a country the document never names,
        in words or by adjective or province, named beside places of countries it
        does name and far from all of them ("near al-Fardis, in the countryside of Tal
        Tamr" is no Fardis, Iran; "Bare village in Sinjar" no Bare, India): a village
        the gazetteer lacks. Towns alone in their country's evidence still count
        elsewhere ("Salisbury" in a report on Russia)."""
        if not focus or _is_area(p) or p.feature_code == "PPLC" or focus.direct.get(p.country_code) \
                or (p.geonameid is not None and p.geonameid < 0) or _population(p) >= WORLD_CITY:
            return False
        sp = spans[i]
        local = [(j, first[j][1]) for j in range(len(spans)) if j != i and first[j] is not None
                 and _is_local(first[j][1]) and first[j][1].country_code != p.country_code
                 and focus.direct.get(first[j][1].country_code)]
        near = [q for j, q in local if spans[j].seg == sp.seg
                and abs(spans[j].start - sp.start) <= NEIGHBOUR_CHARS]
        other = focus.weights.get(p.country_code, 0) - focus.own.get(sp.key, {}).get(p.country_code, 0)
        if not near and _population(p) < FOREIGN_MIN_POPULATION * 2 and other <= 1e-9:
            # no neighbour in its paragraph, and nothing else in the document points at its
            # country: the document's places of its named countries ("Kaya" in a report on
            # Hakkari is no Kaya, Burkina Faso; "Harrow" beside other London names stays)
            near = [q for _, q in local]
        return bool(near) and all(_km(p, q) > FAR_KM for q in near)

    def _precision(self, sp: Span, place: Place | None) -> tuple[Place | None, int]:
        if place is None:
            return None, 1
        code = place.feature_code or ""
        if code.startswith("PCL") and sp.region_word and place.country_code:
            # "southern Lebanon": the country's area of that name (South Governorate)
            for name in getattr(self.words.w, "DIRECTION_AREAS", {}).get(sp.region_word, ()):
                area = next((p for p in self.gazetteer.lookup(name, countries=[place.country_code],
                                                              fuzzy=False)
                             if p.feature_code == "ADM1"), None)
                if area is not None:
                    return area, 3
        if code.startswith("PCL") or code in ("ADM1", "CONT") or code in REGION_CODES:
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


def make_geoparser(resources) -> Geoparser:
    """The ``gazetteer`` geoparser (registry factory): the pipeline's gazetteer, read
    in the pipeline's language (its places and toponyms sections), with the outlet
    names of its language pack's sources table (never taken as places)."""
    import json

    table = json.loads(resources.lang.read_text("sources.json"))["sources"]
    outlets = [alias for name, aliases in table.items() for alias in (name, *aliases)]
    return Geoparser(resources.gazetteer, resources.lang, outlets)
