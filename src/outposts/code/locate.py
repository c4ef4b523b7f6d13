"""Where an event happened: the place mention that best fits its sentence.

In the sentence itself, a town named after the trigger is preferred, then
one before it, then a district, province or country. Failing that, the
place the story was last about (earlier in the article, at least "near"
precision), then the first place named later in the same paragraph.
Comment events only look inside their own comment.
"""

from __future__ import annotations

from ..records import PlaceMention, Segment

CLASS_ORDER = {"P": 0, "S": 0, "L": 1, "T": 1, "H": 2, "A": 3}


def _rank(m: PlaceMention, trigger_at: int) -> tuple:
    place = m.place
    cls = 3
    if place is not None:
        cls = CLASS_ORDER.get(place.feature_class, 2)
        if place.feature_code and place.feature_code.startswith("PCL"):
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
    the segment's frame. ``places`` must be resolved mentions of the report."""
    frame = [m for m in places if m.place is not None and m.comment == seg.comment]
    inside = _one_country([m for m in frame if sent_start <= m.start < sent_end])
    if inside:
        return min(inside, key=lambda m: _rank(m, trigger_at)), False
    if seg.comment is not None:
        return None, False
    before = [m for m in frame if m.end <= sent_start and not _is_region(m)]
    if before:
        return max(before, key=lambda m: m.start), True
    later = [m for m in frame if seg.start <= m.start < seg.end and m.start >= sent_end]
    if later:
        return min(later, key=lambda m: m.start), True
    return None, False


def _is_region(m: PlaceMention) -> bool:
    code = (m.place.feature_code or "") if m.place else ""
    return code.startswith("PCL")


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
