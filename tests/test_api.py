"""The library face: ``outposts.__all__``, ``extract`` on short reports written for these
tests (plain-text convention: title line, blank line, paragraphs), ``geoparse``, hedges.

Places are checked against the real towns' coordinates; reports are dated 2021-03-12
(a Friday), so "on Tuesday" is 2021-03-09.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pytest

import outposts

pytestmark = pytest.mark.usefixtures("gazetteer")

PUBLISHED = "2021-03-12"

PUBLIC_NAMES = [
    "ACLED_COLUMNS", "Actor", "ActorMention", "Comment", "ConfigError", "Control", "DateMention",
    "Dispute", "Event", "Evidence", "Extraction", "GazetteerError", "InputError", "MergedEvent",
    "OutpostsError", "OutpostsWarning", "Pipeline", "Place", "PlaceMention", "Report", "Segment",
    "Settings", "Site", "StoreError", "TriagedComment", "__version__",
    "default_pipeline", "extract", "extract_reports", "geoparse", "triage",
]

AIR_STRIKE = (
    "Russian jets strike Maarat al-Numan\n"
    "\n"
    "Russian warplanes carried out air strikes on the town of Maarat al-Numan in Idlib province "
    "on Tuesday, killing at least four people, the Syrian Observatory for Human Rights said.\n"
)
ARRESTS = (
    "Regime launches arrest campaign in Daraa countryside\n"
    "\n"
    "Syrian government forces arrested at least 15 young men in the town of Jasim in the Daraa "
    "countryside on Sunday as part of a campaign of arrests, local activists said.\n"
)
PROTEST = (
    "Demonstrators rally in Sweida\n"
    "\n"
    "Hundreds of people protested peacefully in the city of Sweida on Thursday against the "
    "deteriorating living conditions and the Syrian government, local media reported.\n"
)
BASE = (
    "Turkish army sets up new base in Aleppo countryside\n"
    "\n"
    "Turkish forces established a new military base near the town of al-Atarib in the western "
    "Aleppo countryside, northern Syria, on Wednesday, the Syrian Observatory for Human Rights "
    "reported.\n"
)
HEDGED = [
    "The army could retake the town of Saraqib if the rebels withdraw from the surrounding hills.",
    "Government forces may launch an offensive on Saraqib next week, military sources said.",
    "If the army crossed the Euphrates, it would clash with the SDF near Deir ez-Zor.",
    "Turkish forces are expected to attack Manbij in the coming days.",
]

MAARAT_AL_NUMAN = (35.648, 36.677)
JASIM = (32.991, 36.061)
SWEIDA = (32.709, 36.570)
ATARIB = (36.139, 36.825)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def only_event(text: str) -> outposts.Event:
    events = outposts.extract(text, published=PUBLISHED)
    assert len(events) == 1, [(e.sub_event_type, e.evidence) for e in events]
    (ev,) = events
    assert isinstance(ev, outposts.Event)
    assert text[ev.evidence_start:ev.evidence_end] == ev.evidence
    assert ev.source_kind == "article"
    return ev


def distance(ev: outposts.Event, at: tuple[float, float]) -> float:
    assert ev.latitude is not None and ev.longitude is not None, f"{ev.location!r} has no point"
    return km(ev.latitude, ev.longitude, *at)


# -- the public names ----------------------------------------------------------------------

def test_all_is_pinned():
    assert sorted(outposts.__all__) == PUBLIC_NAMES


def test_every_public_name_imports():
    namespace: dict = {}
    exec("from outposts import *", namespace)  # noqa: S102
    for name in PUBLIC_NAMES:
        assert getattr(outposts, name) is not None
        assert name in namespace
    assert issubclass(outposts.InputError, outposts.OutpostsError)
    assert issubclass(outposts.StoreError, outposts.OutpostsError)


# -- extract -------------------------------------------------------------------------------

def test_air_strike():
    ev = only_event(AIR_STRIKE)
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.sub_event_type == "Air/drone strike"
    assert "Russia" in ev.actor1
    assert ev.fatalities == 4  # "at least four"
    assert ev.event_date == date(2021, 3, 9)  # "on Tuesday"
    assert ev.time_precision == 1
    assert ev.source == "SOHR"
    assert ev.country == "Syria"
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.fatalities = 5  # type: ignore[misc]


def test_air_strike_location_is_the_named_town():
    ev = only_event(AIR_STRIKE)
    assert distance(ev, MAARAT_AL_NUMAN) <= 10
    assert ev.geo_precision == 1


def test_arrest_campaign():
    ev = only_event(ARRESTS)
    assert ev.event_type == "Strategic developments"
    assert ev.sub_event_type == "Arrests"
    assert "Syria" in ev.actor1
    assert distance(ev, JASIM) <= 10
    assert ev.event_date == date(2021, 3, 7)  # "on Sunday"
    assert ev.time_precision == 1
    assert ev.fatalities == 0


def test_protest():
    ev = only_event(PROTEST)
    assert ev.event_type == "Protests"
    assert ev.sub_event_type == "Peaceful protest"
    assert ev.actor1 == "Protesters (Syria)"
    assert distance(ev, SWEIDA) <= 10
    assert ev.event_date == date(2021, 3, 11)  # "on Thursday"
    assert ev.time_precision == 1
    assert ev.fatalities == 0


def test_base_established():
    ev = only_event(BASE)
    assert ev.event_type == "Strategic developments"
    assert ev.sub_event_type == "Headquarters or base established"
    assert "Turkey" in ev.actor1 or "Türkiye" in ev.actor1
    assert distance(ev, ATARIB) <= 15  # "near the town of al-Atarib"
    assert ev.event_date == date(2021, 3, 10)  # "on Wednesday"
    assert ev.source == "SOHR"


def test_published_as_date_or_string():
    as_str = outposts.extract(PROTEST, published=PUBLISHED)
    as_date = outposts.extract(PROTEST, published=date(2021, 3, 12))
    assert as_str == as_date


@pytest.mark.parametrize("sentence", HEDGED)
def test_hedged_statement_is_not_an_event(sentence):
    text = f"Outlook\n\n{sentence}\n"
    assert outposts.extract(text, published=PUBLISHED) == []


# -- geoparse ------------------------------------------------------------------------------

def test_geoparse_offsets_and_places():
    text = ("Clashes near Deir ez-Zor\n\nClashes broke out near Deir ez-Zor and al-Bukamal, "
            "and Syrian government forces shelled the town of Jasim in Daraa.\n")
    mentions = outposts.geoparse(text)
    assert mentions and all(isinstance(m, outposts.PlaceMention) for m in mentions)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    resolved = {m.text: m.place for m in mentions if m.place is not None}
    assert resolved["Deir ez-Zor"].country_code == "SY"
    assert km(resolved["al-Bukamal"].latitude, resolved["al-Bukamal"].longitude, 34.45, 40.92) <= 10
    assert km(resolved["Jasim"].latitude, resolved["Jasim"].longitude, *JASIM) <= 10


def test_homonym_resolved_by_document_country():
    """Ariha (Idlib, population 0 in GeoNames) is also Arabic for Jericho (West Bank)."""
    text = ("Air strikes hit Ariha\n\nRussian warplanes struck the town of Ariha in southern "
            "Idlib, Syria, on Tuesday, killing at least four people, the Syrian Observatory for "
            "Human Rights said.\n")
    ev = only_event(text)
    assert ev.country == "Syria"
    assert distance(ev, (35.814, 36.610)) <= 10
