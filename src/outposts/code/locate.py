"""Where an event happened: the place mention that best fits its sentence.

In the sentence itself, a town named after the trigger is preferred, then
one before it, then a district or province. Failing that, the place the story
was last about (earlier in the article, at least "near" precision), then the
first place named later in the same paragraph. Comment events only look inside
their own comment.

Countries and place adjectives ("US forces", "near the Jordanian border") are
an actor's nationality or a direction far more often than the event's place:
one is the location only when neither the sentence nor the article names any
smaller place, and then with geo_precision 3 (the geoparser's precision for a
country).

A village the gazetteer does not know ("the Bare village in Sinjar") keeps its
name: the event takes the point of the nearest known unit the report names
(a town or district in the same sentence, else the closest one in the article)
with geo_precision 2 (3 when that unit is a province), never a namesake
somewhere else.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import PlaceMention, Segment

# What follows a dateline's place at the head of a paragraph: "KABUL, Afghanistan (AP) —",
# "Bamako, Mali —", "Cairo:", "TEHRAN (FNA)-" (a wire code in brackets, then a dash or colon).
_DATELINE_TAIL = re.compile(r"(?:,[^\S\n]*[^\W\d_][^,:—–(\n]{0,30})?[^\S\n]*(?:\([^()\n]{1,20}\)[^\S\n]*)?"
                            r"(?:[—–:]|-{1,2}(?!\w))")

CLASS_ORDER = {"P": 0, "S": 0, "L": 1, "T": 1, "H": 2, "A": 3}
# Areas a village cannot take the point of with "near" precision (a mountain area or a
# plain, "Kansafra in Jabal al-Zawiya", it can).
_WIDE_CODES = ("ADM1", "CONT", "RGN", "OCN", "SEA", "GULF", "DSRT", "PEN", "DLTA")


def _rank(m: PlaceMention, trigger_at: int) -> tuple:
    place = m.place
    cls = 0  # an unresolved name in the sentence: a village
    if place is not None:
        cls = CLASS_ORDER.get(place.feature_class, 2)
        if _is_country(m):
            cls = 5
        elif place.feature_code == "ADM1":
            cls = 4
    after = 0 if m.start >= trigger_at else 1
    return (cls, m.geo_precision, after, abs(m.start - trigger_at))


def choose(
    seg: Segment,
    sent_start: int,
    sent_end: int,
    trigger_at: int,
    places: list[PlaceMention],
) -> tuple[PlaceMention | None, bool]:
    """(best mention, inherited?) for a sentence spanning [sent_start, sent_end) in
    the segment's frame. ``places``: the report's mentions; unresolved ones (``place``
    None) count as villages the gazetteer lacks."""
    mine = [m for m in places if m.comment == seg.comment]
    # the dateline says where the report was filed, not where the event was: it is the
    # place only when the report names no other
    lines = [m for m in mine if _dateline(m, seg)]
    if lines and len(lines) < len(mine):
        mine = [m for m in mine if m not in lines]
    frame = [m for m in mine if m.place is not None]
    villages = [m for m in mine if m.place is None and _village_like(m)]
    inside = _one_country([m for m in frame if sent_start <= m.start < sent_end])
    smaller = [m for m in inside if not _is_country(m)]
    unknown = [m for m in villages if sent_start <= m.start < sent_end]
    if smaller or unknown:
        best = min(smaller + unknown, key=lambda m: _rank(m, trigger_at))
        if best.place is None:
            honest = _honest(best, frame, sent_start, sent_end)
            if honest is not None:
                return honest, False
            if smaller:
                return min(smaller, key=lambda m: _rank(m, trigger_at)), False
        else:
            return best, False
    if seg.comment is not None:
        if inside:
            return min(inside, key=lambda m: _rank(m, trigger_at)), False
        return None, False
    home = _home(frame)
    before = [m for m in frame + villages if m.end <= sent_start and (m.place is None or not _is_country(m))]
    if any(_at_home(m, home) for m in before):
        # a place taken from another sentence lies in the countries the report is about,
        # not at the venue of talks abroad ("peace talks in Quito" in a report on Colombia)
        before = [m for m in before if _at_home(m, home)]
    if before:
        last = max(before, key=lambda m: m.start)
        if last.place is None:  # "the town" after "a building in Abu Rasin": that village
            last = _honest(last, frame, last.start, last.end)
        if last is not None:
            return last, True
    later = [m for m in frame if seg.start <= m.start < seg.end and m.start >= sent_end
             and not _is_country(m)]
    if later:
        return min(later, key=lambda m: m.start), True
    if any(not _is_country(m) for m in frame):
        # the article names a smaller place only beyond this paragraph: the nearest one
        others = [m for m in frame if not _is_country(m)]
        others = [m for m in others if _at_home(m, home)] or others
        return min(others, key=lambda m: abs(m.start - trigger_at)), True
    if inside:  # only countries anywhere: the country, precision 3
        return min(inside, key=lambda m: _rank(m, trigger_at)), False
    later = [m for m in frame if seg.start <= m.start < seg.end and m.start >= sent_end]
    if later:
        return min(later, key=lambda m: m.start), True
    return None, False


def _home(frame: list[PlaceMention]) -> set[str]:
    """The countries a report is about: those its resolved place mentions (countries and
    adjectives included) name at least half as often as the most named one."""
    n: dict[str, int] = {}
    for m in frame:
        cc = m.place.country_code
        if cc:
            n[cc] = n.get(cc, 0) + 1
    top = max(n.values(), default=0)
    return {cc for cc, k in n.items() if 2 * k >= top}


def _at_home(m: PlaceMention, home: set[str]) -> bool:
    """An unknown village, or a place in one of the ``home`` countries."""
    return m.place is None or not home or m.place.country_code in home


def _dateline(m: PlaceMention, seg: Segment) -> bool:
    """A place at the very head of an article paragraph followed by a dateline's
    punctuation ("KABUL, Afghanistan (AP) —")."""
    if seg.comment is not None or not seg.start <= m.start <= seg.start + 1 or seg.index > 3:
        return False
    rest = seg.text[m.end - seg.start:m.end - seg.start + 60]
    return _DATELINE_TAIL.match(rest) is not None


def _is_country(m: PlaceMention) -> bool:
    """A country, continent or a place adjective standing for one."""
    code = (m.place.feature_code or "") if m.place else ""
    return code.startswith("PCL") or code == "CONT"


def anchored(village: PlaceMention, known: list[PlaceMention], sent_start: int,
             sent_end: int) -> PlaceMention | None:
    """``village`` (a name the gazetteer lacks) at the point of the nearest known unit
    the report names (see :func:`choose`); None when only countries are known."""
    return _honest(village, known, sent_start, sent_end)


def village_like(m: PlaceMention) -> bool:
    """An unresolved name that can stand for a village (see :func:`choose`)."""
    return m.place is None and _village_like(m)


def _village_like(m: PlaceMention) -> bool:
    """An unresolved name that can stand for a village: capitalised, not an acronym."""
    text = m.text.strip()
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3 or text.isupper():
        return False
    words = [w for w in text.replace("-", " ").split() if w[:1].isalpha()]
    return any(w[:1].isupper() for w in words)


def _honest(village: PlaceMention, frame: list[PlaceMention], sent_start: int,
            sent_end: int) -> PlaceMention | None:
    """The unknown village at the point of the nearest known unit the report names:
    in the sentence, the closest one (one after the name first: "Bare village in
    Sinjar"); else the closest in the article; in the countries the sentence names,
    if it names any. None when only countries are known."""
    units = [m for m in frame if not _is_country(m)]
    named = {m.place.country_code for m in frame if _is_country(m) and sent_start <= m.start < sent_end
             and m.text.casefold() in m.place.name.casefold()}  # a country named, not an adjective
    if named:  # "attacks on southern Lebanon ... in the village of Bafliyeh": a unit of Lebanon
        units = [m for m in units if m.place.country_code in named]
    if not units:
        return None
    same = [m for m in units if sent_start <= m.start < sent_end]
    pool = same or units
    anchor = min(pool, key=lambda m: (0 if m.start >= village.end else 1,
                                      abs(m.start - village.start)) if same
                 else abs(m.start - village.start))
    p = anchor.place
    wide = (p.feature_code or "") in _WIDE_CODES or p.feature_class == "H"
    place = replace(p, geonameid=None, name=village.text, feature_class="P",
                    feature_code="PPL", population=0,
                    admin1=p.admin1 if (p.feature_code or "") != "ADM1" else p.admin1 or p.name)
    return PlaceMention(text=village.text, start=village.start, end=village.end, place=place,
                        geo_precision=3 if wide else 2, score=village.score,
                        comment=village.comment)


def _one_country(inside: list[PlaceMention]) -> list[PlaceMention]:
    """"Basira in Deir-ez-Zor": when the provinces a sentence names all lie in one
    country, a town resolved to another country is a homonym. Countries do not
    count: "Al Qaim, near the Syrian border" is a town in Iraq."""
    regions = {m.place.country_code for m in inside
               if (m.place.feature_code or "").startswith("ADM") and m.place.country_code}
    if len(regions) != 1:
        return inside
    country = next(iter(regions))
    same = [m for m in inside if m.place.country_code == country]
    return same or inside
