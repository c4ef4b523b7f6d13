"""Candidate place spans of a spaCy doc (detection half of the geoparser).

The words around and inside place names are the language pack's ``places``
section, keyed once in :class:`SpanWords` (``sw`` below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType

from spacy.tokens import Span as SpacySpan

from ..records import Place
from .countries import AREA_ABBREVIATIONS, alias_country, demonym_place, is_demonym
from .gazetteer import Gazetteer
from .normalize import name_key


def _text(doc) -> str:
    """The doc's text, built once (spaCy joins every token on each ``doc.text``)."""
    cached = doc.user_data.get("outposts.text")
    if cached is None:
        cached = doc.user_data["outposts.text"] = doc.text
    return cached


__all__ = ["Span", "SpanWords", "detect_spans", "person_keys", "span_words"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
WEAK_LABELS = {"ORG", "PERSON"}
EMBEDDING_LABELS = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}  # "the Dubai World Cup"
EMBEDDED_MIN_POPULATION = 100_000  # a town inside an organisation's name: only a large one
# Feature codes of the bundled seas, rivers and regions (see build.REGION_CLASSES).
REGION_CODES = ("OCN", "SEA", "GULF", "STRT", "CNL", "STM", "DLTA", "PEN", "DSRT", "RGN")
EMBEDDED_LOOSE_MIN_POPULATION = 1000  # a town inside an unknown place name
_WORD = re.compile(r"[^\W\d_][\w'’‘]*\.?")
DEMONYM_LABELS = {"NORP", "GPE", "LOC", "LANGUAGE", "ORG", "PERSON"}
_STATE_ABBR = re.compile(r"^[A-Z][a-z]{1,4}\.$")


class SpanWords:
    """A language pack's ``places`` section, its word lists keyed by
    :func:`~outposts.places.normalize.name_key` once."""

    def __init__(self, w: ModuleType):
        self.w = w

        def keys(words) -> set[str]:
            return {name_key(x) for x in words}

        self.generic = keys(w.GENERIC_WORDS)  # "Wadi", "Valley": no place of their own inside a name
        self.actor = keys(w.ACTOR_WORDS)  # actor names and capitalised words that are places somewhere
        self.direction = keys(w.DIRECTION_WORDS)  # "Southern", "West"
        self.facility = keys(w.FACILITY_WORDS)  # "airport", "market"
        self.filler = self.direction | self.facility | keys(w.FILLER_EXTRA)
        self.articles: frozenset[str] = w.ARTICLES
        self.connectors: frozenset[str] = w.CONNECTORS
        self.name_starters: frozenset[str] = w.NAME_STARTERS
        self.titles = keys(w.PLACE_NAME_TITLES)  # "Sheikh" of "Al-Sheikh Issa"


@lru_cache(maxsize=8)
def span_words(w: ModuleType | None = None) -> SpanWords:
    """The :class:`SpanWords` of a pack's ``places`` section (English when not given), built once."""
    if w is None:
        from ..lang import load

        w = load("en").places
    return SpanWords(w)


@dataclass
class Span:
    start: int  # char offsets in the doc
    end: int
    text: str
    strength: str  # "ner" | "weak" (ORG/PERSON) | "ngram" | "demonym" ("Syrian" -> Syria)
    #   | "embedded" (a known name inside an unknown longer one)
    key: str
    places: list[Place] = field(default_factory=list)
    exact: bool = True
    near_cue: bool = False
    admin_cue: bool = False
    region_word: str = ""  # "southern" of "southern Lebanon"
    fuzzy_ids: set = field(default_factory=set)  # candidates added by a loose-key match
    seg: int = 0  # index of the segment (set by the geoparser)
    comma_before: bool = False  # preceded by ", " ("Paris, Texas")
    inner: bool = False  # places of a town named inside a facility's name
    person: bool = False  # named like a person of the document ("Barr" after "Roseanne Barr")
    speaker: bool = False  # followed by a speech verb ("Malinao said")
    role: str = ""  # "metonym" ("Moscow has warned"), "name" (inside a group's name): see PlaceMention
    list_next: bool = False  # the next span follows after ", ", " or ", " and " (a list)
    listed: bool = False  # an unknown name listed with places ("Al-Fterah, Kansafra and Sfuhen")
    place_cue: bool = False  # "the village of X", "in X", "X countryside": words that make it a place
    alt_penalty: bool = False  # some candidate bears the name as its main name (geoparser)
    main_keys: set = field(default_factory=set)


def _trim(text: str, start: int, sw: SpanWords, gaz: Gazetteer | None = None) -> tuple[str, int, bool]:
    """Drop a leading "the", a possessive and a trailing admin word (kept where the whole
    name is a known one: "Kansas City", "Mexico City")."""
    w = sw.w
    admin = False
    m = w.TRIM_HEAD.match(text)
    if m:
        text, start = text[m.end():], start + m.end()
    for poss in w.POSSESSIVES:
        if text.endswith(poss):
            text = text[: -len(poss)]
    m = w.ADMIN_TAIL.search(text)
    if m and m.start() > 0 and gaz is not None and gaz.candidates(text, fuzzy=False)[0]:
        m = None
    if m and m.start() > 0:
        admin = m.group(1).lower() in w.ADMIN_AREA_WORDS
        text = text[: m.start()]
    return text, start, admin


def _site_name(doc, gaz: Gazetteer, start: int, text: str, sw: SpanWords) -> tuple[str, list[Place]] | None:
    """The longer name of a site the gazetteer files as such ("Balad" + " air base",
    "al-Qa'im" + " border crossing"), with its places, when the text goes on so."""
    m = sw.w.SITE_TAIL.match(_text(doc), start + len(text))
    if not m:
        return None
    longer = _text(doc)[start:m.end()]
    places, exact = gaz.candidates(longer, limit=20, fuzzy=False)
    places = [p for p in places if p.feature_class not in ("P", "A")]
    return (longer, places) if exact and places else None


def _make(doc, gaz: Gazetteer, start: int, text: str, strength: str, admin: bool,
          fuzzy: bool, sw: SpanWords) -> Span | None:
    w = sw.w
    key = name_key(text)
    if not key or key in sw.actor or key in sw.direction:
        return None
    site = _site_name(doc, gaz, start, text, sw)
    if site is not None:
        text, places = site
        return Span(start=start, end=start + len(text), text=text, strength=strength,
                    key=name_key(text), places=places, exact=True,
                    comma_before=_text(doc)[max(0, start - 2):start].endswith((", ", ",")),
                    near_cue=bool(w.NEAR_CUE.search(_text(doc)[max(0, start - 60):start])))
    end = start + len(text)
    places, exact = gaz.candidates(text, limit=20, fuzzy=fuzzy)
    if not (places and exact):
        m = w.STATE_FORM.match(text)
        if m:  # "Republic of Armenia": the country named at the end
            state = [p for p in gaz.candidates(m.group("rest"), limit=20, fuzzy=False)[0]
                     if (p.feature_code or "").startswith("PCL")]
            if state:
                places, exact = state, True
    before = _text(doc)[max(0, start - 60):start]
    after = _text(doc)[end:end + 30]
    region = w.REGION_CUE.search(before)
    return Span(start=start, end=end, text=text, strength=strength, key=key, places=places,
                comma_before=before.endswith((", ", ",")), speaker=bool(w.SPEAKER.match(after)),
                exact=exact, near_cue=bool(w.NEAR_CUE.search(before) or w.TAIL_NEAR.match(after)),
                place_cue=bool(w.PLACE_BEFORE.search(before) or w.PLACE_AFTER.match(after)),
                admin_cue=admin or bool(w.ADMIN_CUE.match(after) or region),
                region_word=region.group(0).strip().casefold() if region else "")


def _country_ok(text: str, sw: SpanWords) -> bool:
    """All-caps short tokens ("RT", "SF") only as known country abbreviations."""
    if len(text) <= 4 and text.replace(".", "").isupper():
        return alias_country(text, sw.w) is not None or text in AREA_ABBREVIATIONS
    return True


def _demonym(doc, gaz: Gazetteer, start: int, text: str, sw: SpanWords) -> Span | None:
    """A singular place adjective ("Syrian", "European") as a mention of the country
    or area it stands for; plurals ("Syrians") name people, not places."""
    d = demonym_place(text)
    if d is None:
        return None
    place = gaz.area(*d)
    if place is None or sw.w.ADJECTIVAL.match(_text(doc)[start + len(text):start + len(text) + 16]):
        return None
    return Span(start=start, end=start + len(text), text=text, strength="demonym",
                key=name_key(text), places=[place])


def _entities(doc, w) -> list:
    """The recogniser's entities, each cut at a possessive inside it ("Hakkari's
    Şemdinli", tagged one ORG, is a province and its district): the pieces keep
    the entity's label."""
    out = []
    for ent in doc.ents:
        cuts = [t.i for t in ent[1:-1] if t.text in w.POSSESSIVES] if len(ent) > 2 else []
        if not cuts:
            out.append(ent)
            continue
        start = ent.start
        for k in cuts + [ent.end]:
            if k > start:
                out.append(SpacySpan(doc, start, k, label=ent.label_))
            start = k + 1
    return out


def detect_spans(doc, gaz: Gazetteer, sw: SpanWords | None = None) -> list[Span]:
    """Candidate place spans of ``doc``, by the words of ``sw`` (English when not given)."""
    sw = sw or span_words()
    w = sw.w
    spans: list[Span] = []
    covered = [False] * len(doc)
    for ent in _entities(doc, w):
        label = ent.label_
        for i in range(ent.start, ent.end):
            covered[i] = True
        if label in DEMONYM_LABELS and w.LANGUAGE_AFTER.match(_text(doc)[ent.end_char:ent.end_char + 12]):
            continue  # "the two English-speaking regions": a language, no country
        if label in DEMONYM_LABELS:
            text, start, _ = _trim(ent.text, ent.start_char, sw)
            sp = _demonym(doc, gaz, start, text, sw) if text else None
            if sp is not None:
                spans.append(sp)
                continue
        if label not in PLACE_LABELS and label not in WEAK_LABELS:
            # "Hmeimim air base", "the T4 airbase" (tagged NORP/PRODUCT...): a known site.
            text, start, _ = _trim(ent.text, ent.start_char, sw)
            site = _site_name(doc, gaz, start, text, sw) if text else None
            if site is not None:
                sp = _make(doc, gaz, start, text, "ner", False, False, sw)
                if sp is not None:
                    spans.append(sp)
            elif label in EMBEDDING_LABELS and text:
                if " " not in text and _country_ok(text, sw):
                    # the small model calls "Manbij" PRODUCT: a weak span, kept on a strong hit
                    sp = _make(doc, gaz, start, text, "weak", False, False, sw)
                    if sp is not None:
                        spans.append(sp)
                else:
                    spans.extend(_embedded(doc, gaz, start, text, True, sw))
            elif label in ("NORP", "LANGUAGE") and text and not is_demonym(text, w) and _country_ok(text, sw):
                # the small model calls "Aleppo" NORP or LANGUAGE: a weak span, kept only on a strong hit
                sp = _make(doc, gaz, start, text, "weak", False, False, sw)
                if sp is not None:
                    spans.append(sp)
            continue
        if w.ADJECTIVAL.match(_text(doc)[ent.end_char:ent.end_char + 16]):
            continue  # "U.S.-led", "London-based"
        text, start, admin = _trim(ent.text, ent.start_char, sw, gaz)
        if not text or not _country_ok(text, sw) or (is_demonym(text, w) and not alias_country(text, w)):
            continue
        strength = "ner" if label in PLACE_LABELS else "weak"
        group = label == "ORG" and text.split()[-1].lower() in w.GROUP_HEADS
        sp = _make(doc, gaz, start, text, strength, admin, True, sw)
        found: list[Span] = []
        if sp is not None:
            if strength == "ner" and (not sp.places or not sp.exact):
                _inner_town(sp, gaz, sw)
            inner = _embedded(doc, gaz, sp.start, sp.text, strength != "ner", sw,
                              headed=label == "FAC") \
                if label != "PERSON" and (not sp.places or (strength == "weak" and not sp.exact)) else []
            found = inner or [sp]
        elif label == "ORG" and text:
            found = _embedded(doc, gaz, start, text, True, sw)
        for one in found:
            if group:  # "Moro National Liberation Front": a group's name, no place of the text
                one.role = "name"
            spans.append(one)
    spans.extend(_ngrams(doc, gaz, covered, sw))
    spans.sort(key=lambda s: s.start)
    text = _text(doc)
    for a, b in zip(spans, spans[1:]):
        if 0 < b.start - a.end <= 6:
            a.list_next = w.LIST_SEP.match(text, a.end, b.start) is not None
    spans = _listed_villages(doc, spans, gaz, sw)
    for sp in spans:
        if sp.strength == "weak" and not sp.listed and (
                w.VILLAGE_BEFORE.search(text, max(0, sp.start - 40), sp.start)
                or w.VILLAGE_AFTER.match(text, sp.end)) and _listable(doc, sp.start, sp.end, sw):
            sp.listed = True  # "the village of Al-Tawilah"
            if not sp.exact:
                sp.places, sp.fuzzy_ids = [], set()
    return spans


LISTED_MAX_WORDS = 2  # a village's name in a list: "Kansafra", "Tal Rifaat", "Al-Bara"


def _listed_villages(doc, spans: list[Span], gaz: Gazetteer, sw: SpanWords) -> list[Span]:
    """Names listed with places are places too, even where the recogniser called them a
    person or an organisation or missed them ("rockets on Al-Fterah, Kansafra, Sfuhen,
    Al-Bara, Arnabah in Jabal al-Zawiya"): such unknown names are marked ``listed``
    (villages the gazetteer may lack), and the list is followed on to the names after its
    last recognised one. A run counts as a list of places when one of its names is a
    recognised place (or the run is followed by the area it lies in) and it holds a
    conjunction or at least three names."""
    if not spans:
        return spans
    w, text = sw.w, _text(doc)
    taken = [(e.start_char, e.end_char) for e in doc.ents] + [(sp.start, sp.end) for sp in spans]
    runs: list[list[Span]] = [[spans[0]]]
    for a, b in zip(spans, spans[1:]):
        if a.list_next:
            runs[-1].append(b)
        else:
            runs.append([b])
    added: list[Span] = []
    for i, run in enumerate(runs):
        nxt = runs[i + 1][0] if i + 1 < len(runs) else None
        items = list(run)
        end = run[-1].end
        while len(items) < 40:
            m = w.LIST_ITEM_NEXT.match(text, end)
            if m is None:
                break
            a, b = m.span("name")
            if any(s < b and a < e for s, e in taken) or not _listable(doc, a, b, sw):
                break
            sp = _make(doc, gaz, a, m.group("name"), "weak", False, False, sw)
            if sp is None:
                break
            items.append(sp)
            end = b
        if len(items) < 2:
            continue
        placed = any(sp.strength == "ner" or (sp.places and sp.exact and sp.strength == "ngram")
                     for sp in items) or (
            nxt is not None and bool(nxt.places) and w.LIST_AREA_GAP.match(text[end:nxt.start]) is not None)
        joined = len(items) >= 3 or w.LIST_MORE.match(text, end) is not None or any(
            text[a.end:b.start].strip(" \t,") for a, b in zip(items, items[1:]))
        if not (placed and joined):
            continue
        for sp in items[len(run):]:
            sp.listed = True
            added.append(sp)
        for a, b in zip(items, items[1:]):
            a.list_next = True
        for sp in run:
            if sp.strength == "weak" and _listable(doc, sp.start, sp.end, sw):
                sp.listed = True
                if not sp.exact:
                    sp.places, sp.fuzzy_ids = [], set()  # a look-alike elsewhere: no place of its own
    if not added:
        return spans
    return sorted(spans + added, key=lambda s: s.start)


def _listable(doc, start: int, end: int, sw: SpanWords) -> bool:
    """A short proper name that can be a village: one or two words, none of them an
    actor's, facility's or compass word, not all capitals, recognised as a proper noun."""
    name = _text(doc)[start:end]
    words = [x for x in re.split(r"[ \t-]+", name) if x]
    if not words or len(words) > LISTED_MAX_WORDS + 1 or name.isupper():
        return False
    keys = {name_key(x) for x in words} - sw.titles
    if keys & (sw.actor | sw.facility | sw.direction):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ == "PROPN" for t in span)


def _embedded(doc, gaz: Gazetteer, start: int, text: str, strict: bool, sw: SpanWords,
              headed: bool = False) -> list[Span]:
    """Places named inside a longer name that is none ("Mississippi State",
    "Republic of Armenia", "the Russian Embassy", "north west London"): the
    longest known names, left to right. ``strict`` (organisations, events):
    only countries, continents, first-level areas and towns of
    EMBEDDED_MIN_POPULATION, and no place adjectives. ``headed`` (facilities): the
    last word after other capitalised words is the name's head noun ("Resolute
    Support Mission"), no town; after "of" or "Camp" it is one."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    if len(words) < 2 or len(words) > 8:
        return []
    out: list[Span] = []
    i, n = 0, len(words)
    while i < n:
        found = None
        for j in range(min(n, i + 4), i, -1):
            if j - i == n:
                continue  # the whole name was looked up already
            a, b = words[i][0], words[j - 1][1]
            first, last = words[i][2], words[j - 1][2]
            if not (first[:1].isupper() and last[:1].isupper()):
                continue
            if headed and j == n and i > 0 and words[i - 1][2][:1].isupper() \
                    and name_key(words[i - 1][2]) not in sw.connectors | sw.filler | sw.titles:
                continue  # "Resolute Support Mission": the head noun of a name, no town
            sub = text[a:b].rstrip(".") if j - i > 1 or not _STATE_ABBR.match(last) else text[a:b]
            key = name_key(sub)
            if not key or key in sw.actor or key in sw.filler or key in sw.generic \
                    or not _country_ok(sub, sw) \
                    or (len(key) < 4 and not alias_country(sub, sw.w)):
                continue
            # Not in organisations' names: "the Syrian Observatory" says nothing of where.
            d = None if strict else _demonym(doc, gaz, start + a, sub, sw)
            if d is not None:
                found = d
                break
            if is_demonym(sub, sw.w):
                continue
            places, exact = gaz.candidates(sub, limit=20, fuzzy=False)
            places = [p for p in places if (p.feature_code or "").startswith(
                ("PCL", "ADM", "CONT") + REGION_CODES)
                      or (p.feature_class == "P" and p.population >= (
                          EMBEDDED_MIN_POPULATION if strict else EMBEDDED_LOOSE_MIN_POPULATION))
                      # a town of unknown size (GeoNames' 0: "Nineveh's Tal Afar")
                      or (not strict and p.feature_class == "P" and p.population == 0)]
            if exact and places:
                found = Span(start=start + a, end=start + a + len(sub), text=sub, strength="embedded",
                             key=key, places=places)
                break
        if found is not None:
            out.append(found)
            i = next((k for k in range(i, n) if start + words[k][0] >= found.end), n)
        else:
            i += 1
    return out


def person_keys(doc, sw: SpanWords | None = None) -> set[str]:
    """Keys of the words of the document's multi-word PERSON entities ("Roseanne
    Barr" -> "roseanne", "barr"): a lone "Barr" later is that person, not a town."""
    connectors = (sw or span_words()).connectors
    keys: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words = [t.text for t in ent if t.is_alpha and t.text[:1].isupper()
                     and t.lower_ not in connectors]
            if len(words) > 1:
                keys.update(name_key(w) for w in words)
    return keys


def _inner_town(sp: Span, gaz: Gazetteer, sw: SpanWords) -> None:
    """"Baghdad International Airport" (unknown as a whole) -> the places called
    "Baghdad", as a spot in or near the town."""
    words = re.findall(r"[^\W\d_][\w'’‘-]*", sp.text)
    keys = [name_key(w) for w in words]
    if len(words) < 2 or not any(k in sw.facility for k in keys):
        return
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            if all(k in sw.filler or k in sw.actor for k in keys[i:i + size]):
                continue
            places, exact = gaz.candidates(" ".join(words[i:i + size]), limit=20, fuzzy=False)
            places = [p for p in places if p.feature_class in ("P", "A")]
            if exact and places:
                sp.places, sp.exact, sp.near_cue, sp.fuzzy_ids = places, True, True, set()
                sp.inner = True
                return


def _is_word(tok, before: frozenset = frozenset()) -> bool:
    """A capitalised proper noun. In a doc parsed for entities only (no tags: the
    pipeline's context sentences), a title-case word after one of ``before`` ("the
    township of X", "in X"); with ``before`` None, any title-case word (the next words
    of a name already begun)."""
    if not (tok.text[:1].isupper() and tok.is_alpha) or tok.is_stop:
        return False
    if tok.pos_:
        return tok.pos_ == "PROPN"
    if not tok.is_title:
        return False  # not "EU"
    return before is None or (tok.i > 0 and tok.doc[tok.i - 1].lower_ in before)


def _ngrams(doc, gaz: Gazetteer, covered: list[bool], sw: SpanWords) -> list[Span]:
    """Capitalised n-grams (up to 4 words, "al-X", "Deir ez-Zor") outside entities."""
    articles, connectors, starters = sw.articles, sw.connectors, sw.name_starters
    untagged = sw.w.UNTAGGED_PLACE_BEFORE
    out: list[Span] = []
    n, i = len(doc), 0
    while i < n:
        tok = doc[i]
        if not covered[i] and tok.is_title and tok.is_alpha:
            sp = _demonym(doc, gaz, tok.idx, tok.text, sw)
            if sp is not None:
                out.append(sp)
                i += 1
                continue
        starts = not covered[i] and (
            _is_word(tok, untagged)
            or (tok.lower_ in articles and i + 2 < n and doc[i + 1].text == "-"
                and _is_word(doc[i + 2], None) and not covered[i + 2])
            or (tok.lower_ in starters and i + 1 < n and _is_word(doc[i + 1], None)))
        if not starts:
            i += 1
            continue
        ends, words, j = [], 0, i
        while j < n and not covered[j] and words < 4:
            t = doc[j]
            if _is_word(t, None) or t.lower_ in starters:
                words += 1
                ends.append(j)
            elif not (t.text == "-" or t.lower_ in connectors) or t.whitespace_ and t.text == "-":
                break
            j += 1
        found = None
        for e in reversed(ends):
            text = doc[i:e + 1].text
            if is_demonym(text, sw.w):
                continue
            if name_key(text) in sw.facility or not _country_ok(text, sw):
                continue  # "Base" of "Samarra Air Base" is no place of its own; "AMLO"
            sp = _make(doc, gaz, doc[i].idx, text, "ngram", False, False, sw)
            if sp is not None and sp.places:
                found, i = sp, e + 1
                break
        if found is not None:
            out.append(found)
        else:
            i += 1
    return out
