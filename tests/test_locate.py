"""Where an event is placed (code/locate.py): countries and place adjectives only when no
smaller place is named; an unknown village keeps its name at the nearest known unit."""

from __future__ import annotations

from outposts.code.locate import choose
from outposts.records import Place, PlaceMention, Segment

US = Place(6252001, "United States", "US", 39.76, -98.5, "A", "PCLI")
JO = Place(248816, "Jordan", "JO", 31.0, 36.0, "A", "PCLI")
SY = Place(163843, "Syria", "SY", 35.0, 38.0, "A", "PCLI")
TANF = Place(-5, "al-Tanf garrison", "SY", 33.5, 38.65, "S", "MILB", "Homs")
SINJAR = Place(94298, "Sinjār", "IQ", 36.32, 41.88, "P", "PPL", "Nineveh")
DARAA = Place(-7, "Daraa", "SY", 32.83, 36.19, "A", "ADM1", "Daraa")
DEIR = Place(170794, "Deir ez-Zor", "SY", 35.34, 40.14, "P", "PPL", "Deir ez-Zor")


def _m(text: str, body: str, place, precision=1, nth=0) -> PlaceMention:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return PlaceMention(text=text, start=start, end=start + len(text), place=place,
                        geo_precision=precision, score=0.9)


def _seg(body: str) -> Segment:
    return Segment("r", "paragraph", 0, 0, len(body), body)


def test_nationality_is_no_event_place_when_a_site_was_named():
    body = ("US forces are stationed at the al-Tanf base. "
            "A drone approached and was shot down by US forces.")
    places = [_m("US", body, US, 3), _m("al-Tanf base", body, TANF, 1),
              _m("US", body, US, 3, nth=1)]
    s2 = body.index("A drone")
    got, inherited = choose(_seg(body), s2, len(body), body.index("shot", s2), places)
    assert got.place is TANF and inherited


def test_border_adjective_loses_to_the_province():
    body = "Gunmen attacked a checkpoint near the Jordanian border in Daraa province."
    places = [_m("Jordanian", body, JO, 3), _m("Daraa", body, DARAA, 3)]
    got, _ = choose(_seg(body), 0, len(body), body.index("attacked"), places)
    assert got.place is DARAA


def test_a_country_when_nothing_smaller_is_named():
    body = "Jordan said its jets struck smugglers on Sunday."
    places = [_m("Jordan", body, JO, 3)]
    got, inherited = choose(_seg(body), 0, len(body), body.index("struck"), places)
    assert got.place is JO and got.geo_precision == 3 and not inherited


def test_unknown_village_keeps_its_name_at_the_enclosing_town():
    body = "A Turkish drone struck a car in the Bare village in Sinjar on Sunday."
    places = [_m("Bare", body, None), _m("Sinjar", body, SINJAR)]
    got, inherited = choose(_seg(body), 0, len(body), body.index("struck"), places)
    assert not inherited and got.text == "Bare" and got.geo_precision == 2
    assert got.place.name == "Bare" and got.place.geonameid is None
    assert (got.place.latitude, got.place.longitude, got.place.country_code) == (36.32, 41.88, "IQ")
    assert got.place.admin1 == "Nineveh"


def test_unknown_village_with_a_province_only_is_precision_3():
    body = "Shelling hit Kansafra in Daraa province."
    places = [_m("Kansafra", body, None), _m("Daraa", body, DARAA, 3)]
    got, _ = choose(_seg(body), 0, len(body), body.index("Shelling"), places)
    assert got.place.name == "Kansafra" and got.geo_precision == 3
    assert (got.place.latitude, got.place.admin1) == (32.83, "Daraa")


def test_unknown_village_takes_the_closest_town_of_the_article():
    body = "Clashes broke out in Deir ez-Zor. Later, gunmen attacked Shuhayl at dawn."
    places = [_m("Deir ez-Zor", body, DEIR), _m("Shuhayl", body, None)]
    s2 = body.index("Later")
    got, _ = choose(_seg(body), s2, len(body), body.index("attacked"), places)
    assert got.place.name == "Shuhayl" and got.geo_precision == 2
    assert got.place.latitude == DEIR.latitude


def test_unknown_name_alone_with_a_country_stays_out():
    body = "Militants attacked Seytenga, Syria said."
    places = [_m("Seytenga", body, None), _m("Syria", body, SY, 3)]
    got, _ = choose(_seg(body), 0, len(body), body.index("attacked"), places)
    assert got.place is SY  # no smaller known unit: the country, never a namesake


def test_the_dateline_is_no_event_place():
    kabul = Place(1138958, "Kabul", "AF", 34.53, 69.17, "P", "PPLC", "Kabul")
    af = Place(1149361, "Afghanistan", "AF", 33.0, 66.0, "A", "PCLI")
    farah = Place(1142264, "Farah", "AF", 32.37, 62.11, "P", "PPLA", "Farah")
    body = ("KABUL, Afghanistan (AP) — Taliban insurgents attacked a checkpoint in western "
            "Afghanistan on Sunday. The attack in Farah province killed nine soldiers.")
    places = [_m("KABUL", body, kabul), _m("Afghanistan", body, af, 3),
              _m("Afghanistan", body, af, 3, nth=1), _m("Farah", body, farah)]
    s1_end = body.index("The attack")
    got, inherited = choose(_seg(body), 0, s1_end, body.index("attacked"), places)
    assert got.place is farah and inherited  # the report's own place, not the dateline
    alone = "KABUL (AP) — A bomb exploded at a mosque during Friday prayers."
    got, _ = choose(_seg(alone), 0, len(alone), alone.index("exploded"),
                    [_m("KABUL", alone, kabul)])
    assert got.place is kabul  # nothing else named: the dateline's town


def test_a_sentence_without_a_place_takes_one_of_the_reports_countries():
    co = Place(3686110, "Colombia", "CO", 4.0, -72.0, "A", "PCLI")
    cucuta = Place(3685533, "Cúcuta", "CO", 7.89, -72.5, "P", "PPLA", "Norte de Santander")
    caracas = Place(3646738, "Caracas", "VE", 10.49, -66.88, "P", "PPLC", "Capital")
    body = ("Rebels attacked an army post near Cucuta, Colombia, on Monday. Colombia and the "
            "rebels had held talks in Caracas last year. Troops later arrested three suspects.")
    places = [_m("Cucuta", body, cucuta), _m("Colombia", body, co, 3),
              _m("Colombia", body, co, 3, nth=1), _m("Caracas", body, caracas)]
    s3 = body.index("Troops")
    got, inherited = choose(_seg(body), s3, len(body), body.index("arrested"), places)
    assert got.place is cucuta and inherited  # not the venue of talks abroad
