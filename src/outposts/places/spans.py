"""Candidate place spans of a spaCy doc (detection half of the geoparser)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


__all__ = ["Span", "detect_spans", "person_keys", "ACTOR_WORDS"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
WEAK_LABELS = {"ORG", "PERSON"}
EMBEDDING_LABELS = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}  # "the Dubai World Cup"
EMBEDDED_MIN_POPULATION = 100_000  # a town inside an organisation's name: only a large one
# Generic words of place names ("Wadi", "Valley", "al-Sham" of group names): inside a
# longer name they are no place of their own.
GENERIC_WORDS = {name_key(w) for w in """
wadi tell tal tall jabal jebel jabel jbel valley mount mountain mountains lake river beach
canal bay capital delta union commonwealth independence media island islands sea ocean
desert plain plains hill hills park village town city kabir kebir saghir sharqi gharbi
shamali janubi jadid jadida sham bilad nahr ain ein bir deir kafr tal qasr
republic kingdom federation democratic federal islamic people peoples united principality
emirate sultanate
""".split()}
# Feature codes of the bundled seas, rivers and regions (see build.REGION_CLASSES).
REGION_CODES = ("OCN", "SEA", "GULF", "STRT", "CNL", "STM", "DLTA", "PEN", "DSRT", "RGN")
# "Republic of Armenia", "the Kingdom of Saudi Arabia": the state's long form.
_STATE_FORM = re.compile(
    r"^(?:(?:Islamic|Democratic|People'?s|Federal|Socialist|Arab|United|Federative|"
    r"Plurinational|Bolivarian|Hashemite|Co-operative)\s+)*"
    r"(?:Republic|Kingdom|Federation|State|Commonwealth|Principality|Sultanate|Emirate|"
    r"Grand Duchy)\s+of\s+(?:the\s+)?(?P<rest>[A-Z].*)$")
EMBEDDED_LOOSE_MIN_POPULATION = 1000  # a town inside an unknown place name
_WORD = re.compile(r"[^\W\d_][\w'’‘]*\.?")
DEMONYM_LABELS = {"NORP", "GPE", "LOC", "LANGUAGE", "ORG", "PERSON"}
ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et", "ez",
            "adh", "ath", "esh"}
CONNECTORS = ARTICLES | {"de", "del", "la", "le", "bin", "ibn", "bani", "of"}
# Actor names and common capitalised words that happen to be places somewhere.
ACTOR_WORDS = {name_key(w) for w in """
Hezbollah Hizbollah ISIS ISIL Daesh IS SOHR SAA SDF YPG YPJ PKK HTS PMF PMU NDF CIA FSA SNA
Corps Army Police Military Movement Coalition Government Ministry Observatory News Reuters SANA
Taliban Hamas Qaeda al-Qaeda Nusra al-Nusra Jabhat Wagner Houthi Houthis Ansar Brigade Brigades
Division Regiment Battalion Forces Force Guard Guards Council Front State Party Command
Putin Biden Trump Obama Erdogan Assad Assads Bashar Merkel Macron Netanyahu Khamenei Lavrov
Soleimani Shoigu Zelensky Bridges Jenny God Allah Islam Muslim Christian Jews Sunni Shia
Minister President Prime General Colonel Commander Spokesman Governor Mayor Sheikh Emir
""".split()}
# Bare compass/region words ("Southern Idlib", "West of Kirkuk") are no places of their
# own, though GeoNames has first-level subdivisions called "South", "West", "Southern"...
DIRECTION_WORDS = {name_key(w) for w in """
North South East West Northern Southern Eastern Western Central Northeast Northwest Southeast
Southwest Northeastern Northwestern Southeastern Southwestern Upper Lower Middle Inner Outer
""".split()}
# A facility named after its town ("Baghdad International Airport"): when the whole
# name is unknown, the town inside it locates the mention (precision 2, in/near it).
FACILITY_WORDS = {name_key(w) for w in """
airport airbase airfield base market bazaar souk square bridge hospital university prison
jail camp stadium mosque church station port harbour harbor dam crossing checkpoint street
road highway refinery oilfield compound palace hotel school neighbourhood neighborhood
quarter district roundabout garrison barracks academy
""".split()}
_FILLER_WORDS = DIRECTION_WORDS | FACILITY_WORDS | {name_key(w) for w in (
    "international", "military", "civil", "main", "grand", "old", "city", "the", "of")}
_TRIM_HEAD = re.compile(r"^(?:the|The|THE)\s+")
_ADMIN_TAIL = re.compile(r"\s+(countryside|province|governorate|region|district|area|"
                         r"city|town|village|border|crossing|desert)$", re.IGNORECASE)
_ADMIN_CUE = re.compile(r"^\W{0,2}\s*(countryside|province|governorate|region|gov\.)\b", re.I)
_NEAR_CUE = re.compile(
    r"(?:\bnear(?:by)?|\bclose to|\boutskirts of|\baround|\bvicinity of|\boutside(?: of)?|"
    r"\b(?:km|kms|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:from|of)|\bcountryside of|"
    r"\benvirons of|\bsurroundings of|\bperiphery of|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:outskirts\s+)?of)"
    r"(?:\s+(?:the\s+)?(?:town|city|village|area|outskirts|vicinity)\s+of)?\s+(?:the\s+)?$",
    re.IGNORECASE)
_REGION_CUE = re.compile(r"\b(?:southern|northern|eastern|western|central|rural|"
                         r"(?:north|south)-?(?:east|west)ern)\s+$", re.IGNORECASE)
_TAIL_NEAR = re.compile(r"^\W{0,2}\s*(outskirts|environs|vicinity|area)\b", re.I)
# "<name> air base", "<name> border crossing": a site filed under the longer name.
_SITE_TAIL = re.compile(
    r"[ \t]+(?:international[ \t]+)?(?:military[ \t]+)?"
    r"(?:air[ \t]*base|air[ \t]*field|airport|airstrip|base|garrison|camp|dam|"
    r"(?:border[ \t]+)?(?:crossing|gate|post)|(?:oil|gas)[ \t]*field)\b", re.IGNORECASE)
_SPEAKER = re.compile(r"^[’']?s?\s+(?:said|says|told|tweeted|wrote|added|explained|argued|"
                      r"insisted|recalled|noted|replied|stated|continued|concluded)\b")
_LIST_SEP = re.compile(r",?\s+(?:and|or|&)\s+$|,\s*$")
_STATE_ABBR = re.compile(r"^[A-Z][a-z]{1,4}\.$")
_ADJECTIVAL = re.compile(r"^-(?:led|backed|based|born|funded|sponsored|supported|made|allied|"
                         r"aligned|linked|affiliated|run|held|controlled|trained|armed)\b", re.I)


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
    fuzzy_ids: set = field(default_factory=set)  # candidates added by a loose-key match
    seg: int = 0  # index of the segment (set by the geoparser)
    comma_before: bool = False  # preceded by ", " ("Paris, Texas")
    inner: bool = False  # places of a town named inside a facility's name
    person: bool = False  # named like a person of the document ("Barr" after "Roseanne Barr")
    speaker: bool = False  # followed by a speech verb ("Malinao said")
    list_next: bool = False  # the next span follows after ", ", " or ", " and " (a list)
    alt_penalty: bool = False  # some candidate bears the name as its main name (geoparser)
    main_keys: set = field(default_factory=set)


def _trim(text: str, start: int, gaz: Gazetteer | None = None) -> tuple[str, int, bool]:
    """Drop a leading "the", a possessive and a trailing admin word (kept where the whole
    name is a known one: "Kansas City", "Mexico City")."""
    admin = False
    m = _TRIM_HEAD.match(text)
    if m:
        text, start = text[m.end():], start + m.end()
    for poss in ("'s", "’s"):
        if text.endswith(poss):
            text = text[: -len(poss)]
    m = _ADMIN_TAIL.search(text)
    if m and m.start() > 0 and gaz is not None and gaz.candidates(text, fuzzy=False)[0]:
        m = None
    if m and m.start() > 0:
        admin = m.group(1).lower() in ("countryside", "province", "governorate", "region")
        text = text[: m.start()]
    return text, start, admin


def _site_name(doc, gaz: Gazetteer, start: int, text: str) -> tuple[str, list[Place]] | None:
    """The longer name of a site the gazetteer files as such ("Balad" + " air base",
    "al-Qa'im" + " border crossing"), with its places, when the text goes on so."""
    m = _SITE_TAIL.match(_text(doc), start + len(text))
    if not m:
        return None
    longer = _text(doc)[start:m.end()]
    places, exact = gaz.candidates(longer, limit=20, fuzzy=False)
    places = [p for p in places if p.feature_class not in ("P", "A")]
    return (longer, places) if exact and places else None


def _make(doc, gaz: Gazetteer, start: int, text: str, strength: str, admin: bool,
          fuzzy: bool) -> Span | None:
    key = name_key(text)
    if not key or key in ACTOR_WORDS or key in DIRECTION_WORDS:
        return None
    site = _site_name(doc, gaz, start, text)
    if site is not None:
        text, places = site
        return Span(start=start, end=start + len(text), text=text, strength=strength,
                    key=name_key(text), places=places, exact=True,
                    comma_before=_text(doc)[max(0, start - 2):start].endswith((", ", ",")),
                    near_cue=bool(_NEAR_CUE.search(_text(doc)[max(0, start - 60):start])))
    end = start + len(text)
    places, exact = gaz.candidates(text, limit=20, fuzzy=fuzzy)
    if not (places and exact):
        m = _STATE_FORM.match(text)
        if m:  # "Republic of Armenia": the country named at the end
            state = [p for p in gaz.candidates(m.group("rest"), limit=20, fuzzy=False)[0]
                     if (p.feature_code or "").startswith("PCL")]
            if state:
                places, exact = state, True
    before = _text(doc)[max(0, start - 60):start]
    after = _text(doc)[end:end + 30]
    return Span(start=start, end=end, text=text, strength=strength, key=key, places=places,
                comma_before=before.endswith((", ", ",")), speaker=bool(_SPEAKER.match(after)),
                exact=exact, near_cue=bool(_NEAR_CUE.search(before) or _TAIL_NEAR.match(after)),
                admin_cue=admin or bool(_ADMIN_CUE.match(after) or _REGION_CUE.search(before)))


def _country_ok(text: str) -> bool:
    """All-caps short tokens ("RT", "SF") only as known country abbreviations."""
    if len(text) <= 4 and text.replace(".", "").isupper():
        return alias_country(text) is not None or text in AREA_ABBREVIATIONS
    return True


def _demonym(doc, gaz: Gazetteer, start: int, text: str) -> Span | None:
    """A singular place adjective ("Syrian", "European") as a mention of the country
    or area it stands for; plurals ("Syrians") name people, not places."""
    d = demonym_place(text)
    if d is None:
        return None
    place = gaz.area(*d)
    if place is None or _ADJECTIVAL.match(_text(doc)[start + len(text):start + len(text) + 16]):
        return None
    return Span(start=start, end=start + len(text), text=text, strength="demonym",
                key=name_key(text), places=[place])


def detect_spans(doc, gaz: Gazetteer) -> list[Span]:
    spans: list[Span] = []
    covered = [False] * len(doc)
    for ent in doc.ents:
        label = ent.label_
        for i in range(ent.start, ent.end):
            covered[i] = True
        if label in DEMONYM_LABELS:
            text, start, _ = _trim(ent.text, ent.start_char)
            sp = _demonym(doc, gaz, start, text) if text else None
            if sp is not None:
                spans.append(sp)
                continue
        if label not in PLACE_LABELS and label not in WEAK_LABELS:
            # "Hmeimim air base", "the T4 airbase" (tagged NORP/PRODUCT...): a known site.
            text, start, _ = _trim(ent.text, ent.start_char)
            site = _site_name(doc, gaz, start, text) if text else None
            if site is not None:
                sp = _make(doc, gaz, start, text, "ner", False, fuzzy=False)
                if sp is not None:
                    spans.append(sp)
            elif label in EMBEDDING_LABELS and text:
                if " " not in text and _country_ok(text):
                    # the small model calls "Manbij" PRODUCT: a weak span, kept on a strong hit
                    sp = _make(doc, gaz, start, text, "weak", False, fuzzy=False)
                    if sp is not None:
                        spans.append(sp)
                else:
                    spans.extend(_embedded(doc, gaz, start, text, strict=True))
            elif label == "NORP" and text and not is_demonym(text) and _country_ok(text):
                # the small model calls "Aleppo" NORP: a weak span, kept only on a strong hit
                sp = _make(doc, gaz, start, text, "weak", False, fuzzy=False)
                if sp is not None:
                    spans.append(sp)
            continue
        if _ADJECTIVAL.match(_text(doc)[ent.end_char:ent.end_char + 16]):
            continue  # "U.S.-led", "London-based"
        text, start, admin = _trim(ent.text, ent.start_char, gaz)
        if not text or not _country_ok(text) or (is_demonym(text) and not alias_country(text)):
            continue
        strength = "ner" if label in PLACE_LABELS else "weak"
        sp = _make(doc, gaz, start, text, strength, admin, fuzzy=True)
        if sp is not None:
            if strength == "ner" and (not sp.places or not sp.exact):
                _inner_town(sp, gaz)
            if label != "PERSON" and (not sp.places or (strength == "weak" and not sp.exact)):
                inner = _embedded(doc, gaz, sp.start, sp.text, strict=strength != "ner")
                if inner:
                    spans.extend(inner)
                    continue
            spans.append(sp)
        elif label == "ORG" and text:
            spans.extend(_embedded(doc, gaz, start, text, strict=True))
    spans.extend(_ngrams(doc, gaz, covered))
    spans.sort(key=lambda s: s.start)
    text = _text(doc)
    for a, b in zip(spans, spans[1:]):
        if 0 < b.start - a.end <= 6:
            a.list_next = _LIST_SEP.match(text, a.end, b.start) is not None
    return spans


def _embedded(doc, gaz: Gazetteer, start: int, text: str, strict: bool) -> list[Span]:
    """Places named inside a longer name that is none ("Mississippi State",
    "Republic of Armenia", "the Russian Embassy", "north west London"): the
    longest known names, left to right. ``strict`` (organisations, events):
    only countries, continents, first-level areas and towns of
    EMBEDDED_MIN_POPULATION, and no place adjectives."""
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
            sub = text[a:b].rstrip(".") if j - i > 1 or not _STATE_ABBR.match(last) else text[a:b]
            key = name_key(sub)
            if not key or key in ACTOR_WORDS or key in _FILLER_WORDS or key in GENERIC_WORDS \
                    or not _country_ok(sub) \
                    or (len(key) < 4 and not alias_country(sub)):
                continue
            # Not in organisations' names: "the Syrian Observatory" says nothing of where.
            d = None if strict else _demonym(doc, gaz, start + a, sub)
            if d is not None:
                found = d
                break
            if is_demonym(sub):
                continue
            places, exact = gaz.candidates(sub, limit=20, fuzzy=False)
            places = [p for p in places if (p.feature_code or "").startswith(
                ("PCL", "ADM", "CONT") + REGION_CODES)
                      or (p.feature_class == "P" and p.population >= (
                          EMBEDDED_MIN_POPULATION if strict else EMBEDDED_LOOSE_MIN_POPULATION))]
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


def person_keys(doc) -> set[str]:
    """Keys of the words of the document's multi-word PERSON entities ("Roseanne
    Barr" -> "roseanne", "barr"): a lone "Barr" later is that person, not a town."""
    keys: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words = [t.text for t in ent if t.is_alpha and t.text[:1].isupper()
                     and t.lower_ not in CONNECTORS]
            if len(words) > 1:
                keys.update(name_key(w) for w in words)
    return keys


def _inner_town(sp: Span, gaz: Gazetteer) -> None:
    """"Baghdad International Airport" (unknown as a whole) -> the places called
    "Baghdad", as a spot in or near the town."""
    words = re.findall(r"[^\W\d_][\w'’‘-]*", sp.text)
    keys = [name_key(w) for w in words]
    if len(words) < 2 or not any(k in FACILITY_WORDS for k in keys):
        return
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            if all(k in _FILLER_WORDS or k in ACTOR_WORDS for k in keys[i:i + size]):
                continue
            places, exact = gaz.candidates(" ".join(words[i:i + size]), limit=20, fuzzy=False)
            places = [p for p in places if p.feature_class in ("P", "A")]
            if exact and places:
                sp.places, sp.exact, sp.near_cue, sp.fuzzy_ids = places, True, True, set()
                sp.inner = True
                return


def _is_word(tok) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and tok.pos_ == "PROPN" and not tok.is_stop


def _ngrams(doc, gaz: Gazetteer, covered: list[bool]) -> list[Span]:
    """Capitalised n-grams (up to 4 words, "al-X", "Deir ez-Zor") outside entities."""
    out: list[Span] = []
    n, i = len(doc), 0
    while i < n:
        tok = doc[i]
        if not covered[i] and tok.is_title and tok.is_alpha:
            sp = _demonym(doc, gaz, tok.idx, tok.text)
            if sp is not None:
                out.append(sp)
                i += 1
                continue
        starts = not covered[i] and (
            _is_word(tok)
            or (tok.lower_ in ARTICLES and i + 2 < n and doc[i + 1].text == "-"
                and _is_word(doc[i + 2]) and not covered[i + 2])
            or (tok.lower_ == "abu" and i + 1 < n and _is_word(doc[i + 1])))
        if not starts:
            i += 1
            continue
        ends, words, j = [], 0, i
        while j < n and not covered[j] and words < 4:
            t = doc[j]
            if _is_word(t) or t.lower_ == "abu":
                words += 1
                ends.append(j)
            elif not (t.text == "-" or t.lower_ in CONNECTORS) or t.whitespace_ and t.text == "-":
                break
            j += 1
        found = None
        for e in reversed(ends):
            text = doc[i:e + 1].text
            if is_demonym(text):
                continue
            if name_key(text) in FACILITY_WORDS or not _country_ok(text):
                continue  # "Base" of "Samarra Air Base" is no place of its own; "AMLO"
            sp = _make(doc, gaz, doc[i].idx, text, "ngram", False, fuzzy=False)
            if sp is not None and sp.places:
                found, i = sp, e + 1
                break
        if found is not None:
            out.append(found)
        else:
            i += 1
    return out
