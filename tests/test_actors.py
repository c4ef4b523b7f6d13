"""The actor dictionary: names, units, tenures, patrons, generic actors."""

from __future__ import annotations

import json
from datetime import date

import pytest

from outposts.actors import ActorDictionary, country_iso2, fill_country, inter_for, is_associated
from outposts.errors import ConfigError
from outposts.records import Actor

ON = date(2020, 12, 18)


@pytest.fixture(scope="module")
def d() -> ActorDictionary:
    return ActorDictionary.load()


def names(d, text, on=ON):
    return [(m.text, m.actor.name) for m in d.match(text, on=on)]


def test_unit_with_full_name_acronym_and_stated_patron(d):
    text = "Yesterday the Syrian Arab Army (SAA) 5th Corps, which is directly backed by Russia, moved east."
    (m,) = d.match(text, on=ON)
    assert m.text == "Syrian Arab Army (SAA) 5th Corps"
    assert (m.start, m.end) == (14, 46) and text[m.start:m.end] == m.text
    assert m.actor.name == "Military Forces of Syria (2000-) 5th Assault Corps"
    assert m.actor.parent == "Military Forces of Syria (2000-)"
    assert m.actor.inter == 1 and m.actor.country == "SY"
    assert m.patrons == ("Russia",)


def test_demonym_backed_prefix_on_a_named_unit(d):
    (m,) = d.match("Russian-backed Fifth Corps units took over two posts.", on=ON)
    assert m.text == "Russian-backed Fifth Corps units"
    assert m.actor.name.endswith("5th Assault Corps") and m.patrons == ("Russia",)


def test_qualified_unit_needs_its_country(d):
    assert names(d, "Last week the Russian Military Police set up a base.") == [
        ("Russian Military Police", "Military Forces of Russia (2000-) Military Police")]
    assert names(d, "The military police closed the road.") == []


def test_iranian_backed_militias_and_their_members(d):
    text = "Several Iranian-backed militias, including al-Nujabaa’ Movement, the Iraqi Hezbollah and others, left."
    found = d.match(text, on=ON)
    assert [(m.text, m.actor.name, m.patrons) for m in found] == [
        ("Iranian-backed militias", "Militia (Pro-Iran)", ("Iran",)),
        ("al-Nujabaa’ Movement", "Harakat Hezbollah Al Nujaba", ("Iran",)),
        ("Iraqi Hezbollah", "Kataib Hezbollah", ("Iran",)),
    ]
    assert found[0].actor.patrons == ("Iran",)  # the standing backer, from the dictionary
    for m in found:
        assert text[m.start:m.end] == m.text


def test_pro_country_and_pro_government_militias(d):
    found = d.match("Pro-Iranian militias and pro-government gunmen clashed.", on=ON)
    assert [(m.actor.name, m.patrons) for m in found] == [
        ("Militia (Pro-Iran)", ("Iran",)), ("Militia (Pro-Government)", ())]


@pytest.mark.parametrize("on,label", [
    (date(2019, 6, 1), "2018-"), (date(2021, 6, 1), "2020-"), (date(2023, 2, 1), "2022-"),
])
def test_tenure_label_follows_the_date(d, on, label):
    (m,) = d.match("Iraqi forces shelled a hideout.", on=on)
    assert m.actor.name == f"Military Forces of Iraq ({label})"


def test_tenure_changes_for_syria_and_united_states(d):
    assert d.actor("mil-sy", date(2024, 12, 1)).name == "Military Forces of Syria (2000-)"
    assert d.actor("mil-sy", date(2025, 1, 5)).name == "Military Forces of Syria (2024-)"
    assert d.actor("mil-us", date(2020, 5, 1)).name == "Military Forces of the United States (2017-)"
    assert d.actor("mil-us", date(2021, 2, 1)).name == "Military Forces of the United States (2021-)"
    unit = d.actor("mil-iq", date(2021, 1, 1), unit="Popular Mobilization Forces")
    assert unit.name == "Military Forces of Iraq (2020-) Popular Mobilization Forces"


def test_acronyms_are_case_sensitive(d):
    assert names(d, "IS fighters attacked a post.") == [("IS fighters", "Islamic State ({country})")]
    assert names(d, "It is what it is. Is it?") == []
    assert names(d, "Sdf and hts are not acronyms here.") == []
    assert names(d, "ISIL, Isis and Daesh") == [
        ("ISIL", "Islamic State ({country})"), ("Isis", "Islamic State ({country})"),
        ("Daesh", "Islamic State ({country})")]


def test_demonym_forces_and_possessive(d):
    text = "Turkish drones hit a car while Syria's army and U.S. troops stayed put."
    assert names(d, text) == [
        ("Turkish drones", "Military Forces of Turkey (2016-)"),
        ("Syria's army", "Military Forces of Syria (2000-)"),
        ("U.S. troops", "Military Forces of the United States (2017-)"),
    ]
    # an officer of a named country's is its military's; a police officer its police's
    assert [n.split(" (")[0] for _, n in names(d, "An Israeli officer and two Israeli police officers were hurt.")] \
        == ["Military Forces of Israel", "Police Forces of Israel"]


def test_longest_match_wins(d):
    assert names(d, "Kataib Hezbollah and Hezbollah") == [
        ("Kataib Hezbollah", "Kataib Hezbollah"), ("Hezbollah", "Hezbollah")]
    assert names(d, "the U.S.-led coalition") == [("U.S.-led coalition", "Global Coalition Against Daesh")]


def test_generic_actors_and_fill_country(d):
    text = "Unknown gunmen shot a shepherd; protesters and rioters gathered; militants fled."
    found = d.match(text, on=ON)
    got = [(m.text, fill_country(m.actor, "Syria").name, m.actor.inter) for m in found]
    assert got == [
        ("Unknown gunmen", "Unidentified Armed Group (Syria)", 3),
        ("a shepherd", "Civilians (Syria)", 7),
        ("protesters", "Protesters (Syria)", 6),
        ("rioters", "Rioters (Syria)", 5),
        ("militants", "Unidentified Armed Group (Syria)", 3),
    ]


def test_inter_for_state_forces_abroad():
    russia = Actor("Military Forces of Russia (2000-)", 1, "RU")
    assert inter_for(russia, "SY") == 8
    assert inter_for(russia, "RU") == 1
    assert inter_for(russia, "Russia") == 1
    assert inter_for(Actor("HTS: Hayat Tahrir al Sham", 2, "SY"), "TR") == 2
    assert country_iso2("Iranian") == "IR" and country_iso2("U.S.") == "US"


def test_user_file_extends_and_overrides(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps([
        {"id": "hezbollah", "name": "Hezbollah (Lebanon)", "inter": 3, "country": "LB",
         "kind": "militia", "aliases": ["Hezbollah"]},
        {"id": "abc", "name": "ABC: Example Brigade", "inter": 3, "country": "SY",
         "kind": "militia", "aliases": ["Example Brigade"]},
    ]), encoding="utf-8")
    d = ActorDictionary.load([extra])
    assert names(d, "Hezbollah and the Example Brigade") == [
        ("Hezbollah", "Hezbollah (Lebanon)"), ("Example Brigade", "ABC: Example Brigade")]
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "x", "name": "X", "inter": 12, "aliases": []}]', encoding="utf-8")
    with pytest.raises(ConfigError):
        ActorDictionary.load([bad])


def test_packaged_entries_are_well_formed(d):
    ids = [e.id for e in d.entries]
    assert len(ids) == len(set(ids))
    for e in d.entries:
        assert 1 <= e.inter <= 8
        assert e.aliases or e.units or e.demonym_nouns, e.id
        if e.kind == "state" and e.state:  # generic: the event's country gives entry and tenure
            assert "{country}" in e.name and not e.country and e.inter == 1
        elif e.kind == "state":
            assert e.tenures and e.country and e.inter == 1


def test_odd_input_never_raises(d):
    for text in ["", "(((", "-" * 1000, "pro-", "Iranian-backed", "\x00\ufffd", "SAA (", ") 5th Corps"]:
        for m in d.match(text):
            assert text[m.start:m.end] == m.text


# -- generic and country-dependent actors --------------------------------------

def spans(d, text, on=ON, country="Syria"):
    """(text, start, end, filled name, inter) for each mention."""
    out = []
    for m in d.match(text, on=on):
        assert text[m.start:m.end] == m.text
        out.append((m.text, m.start, m.end, fill_country(m.actor, country).name, m.actor.inter))
    return out


def test_generic_state_forces_take_the_event_country(d):
    text = "Government forces and regime troops shelled the village while security forces and riot police closed the road."
    assert spans(d, text, country="Syria") == [
        ("Government forces", 0, 17, "Military Forces of Syria (2000-)", 1),
        ("regime troops", 22, 35, "Military Forces of Syria (2000-)", 1),
        ("security forces", 62, 77, "Military Forces of Syria (2000-)", 1),
        ("riot police", 82, 93, "Police Forces of Syria (2000-)", 1),
    ]
    assert [n for _, _, _, n, _ in spans(d, text, on=date(2021, 6, 1), country="Iraq")] == [
        "Military Forces of Iraq (2020-)", "Military Forces of Iraq (2020-)",
        "Military Forces of Iraq (2020-)", "Police Forces of Iraq (2020-)"]


def test_bare_army_soldiers_troops_police(d):
    text = "The army said soldiers and troops backed the police; the military denied it."
    assert spans(d, text, on=date(2023, 2, 1), country="Iraq") == [
        ("army", 4, 8, "Military Forces of Iraq (2022-)", 1),
        ("soldiers", 14, 22, "Military Forces of Iraq (2022-)", 1),
        ("troops", 27, 33, "Military Forces of Iraq (2022-)", 1),
        ("the police", 41, 51, "Police Forces of Iraq (2022-)", 1),
        ("the military", 53, 65, "Military Forces of Iraq (2022-)", 1),
    ]


@pytest.mark.parametrize("on,country,name", [
    (date(2024, 11, 30), "Syria", "Military Forces of Syria (2000-)"),
    (date(2025, 1, 10), "Syria", "Military Forces of Syria (2024-)"),
    (date(2019, 5, 1), "IQ", "Military Forces of Iraq (2018-)"),
    (date(2021, 5, 1), "Iraqi", "Military Forces of Iraq (2020-)"),
    (date(2021, 10, 1), "Lebanon", "Military Forces of Lebanon (2021-)"),
    (date(2021, 2, 1), "United States", "Military Forces of the United States (2021-)"),
    (date(2021, 2, 1), "Yemen", "Military Forces of Yemen (2012-)"),
    (date(2021, 2, 1), "Palestinian Territory", "Military Forces of Palestine (1994-)"),
])
def test_generic_state_tenure_follows_match_date_and_country(d, on, country, name):
    (m,) = d.match("Government troops entered the town.", on=on)
    filled = fill_country(m.actor, country)
    assert filled.name == name
    assert filled.inter == 1 and inter_for(filled, country) == 1 and inter_for(m.actor, country) == 1


def test_fill_country_date_override_and_fallbacks(d):
    (m,) = d.match("Security forces arrested two men.")  # no date: latest tenure
    assert m.actor.name == "Military Forces of {country} ({tenure})"
    assert fill_country(m.actor, "Iraq").name.startswith("Military Forces of Iraq (")
    assert fill_country(m.actor, "Iraq", on=date(2019, 1, 1)).name == "Military Forces of Iraq (2018-)"
    assert fill_country(m.actor, "Iraq", date(2021, 1, 1), actors=d).country == "IQ"
    assert fill_country(m.actor, "Western Sahara").name == "Military Forces of Western Sahara"  # no state entry: no bracket
    assert fill_country(m.actor, "").name == "Military Forces"
    civ = d.actor("civilians")
    assert fill_country(civ, "").name == "Civilians"
    assert fill_country(civ, "Türkiye").name == "Civilians (Turkey)"
    named = d.actor("hts")
    assert fill_country(named, "Syria") is named


def test_government_named_forms_and_pro_government(d):
    text = "Syrian government troops and pro-government forces fought beside pro-government militias."
    assert spans(d, text) == [
        ("Syrian government troops", 0, 24, "Military Forces of Syria (2000-)", 1),
        ("pro-government forces", 29, 50, "Military Forces of Syria (2000-)", 1),
        ("pro-government militias", 65, 88, "Militia (Pro-Government)", 3),
    ]
    assert names(d, "Syrian government artillery hit Ariha.") == [
        ("Syrian government artillery", "Military Forces of Syria (2000-)")]


def test_generic_nouns_do_not_swallow_names_or_adjectives(d):
    assert names(d, "The military police and military sources said nothing.") == []
    assert names(d, "Mahdi Army members met in Najaf.") == []
    assert names(d, "The Army said the road was open.") == [
        ("Army", "Military Forces of {country} ({tenure:2020-12-18})")]
    text = "Soldiers of the Syrian army's 4th Armored Division and militants from the Islamic State clashed."
    assert spans(d, text) == [
        ("Soldiers of the Syrian army's 4th Armored Division", 0, 50,
         "Military Forces of Syria (2000-) 4th Armored Division", 1),
        ("militants from the Islamic State", 55, 87, "Islamic State (Syria)", 2),
    ]


def test_islamic_state_names_and_not_the_group(d):
    text = "The Islamic State group claimed it; ISIS and Daesh fighters fled. The group said nothing."
    assert spans(d, text, country="Iraq") == [
        ("Islamic State group", 4, 23, "Islamic State (Iraq)", 2),
        ("ISIS", 36, 40, "Islamic State (Iraq)", 2),
        ("Daesh fighters", 45, 59, "Islamic State (Iraq)", 2),
    ]
    assert spans(d, "IS claimed the attack.", country="Afghanistan") == [
        ("IS", 0, 2, "Islamic State (Afghanistan)", 2)]


def test_rebels_unidentified_groups_and_tribes(d):
    text = ("Rebels and opposition fighters repelled insurgents; unknown gunmen, attackers and "
            "assailants fled, and tribesmen joined tribal fighters.")
    assert [(t, n, i) for t, _, _, n, i in spans(d, text)] == [
        ("Rebels", "Opposition Rebels (Syria)", 2),
        ("opposition fighters", "Opposition Rebels (Syria)", 2),
        ("insurgents", "Unidentified Armed Group (Syria)", 3),
        ("unknown gunmen", "Unidentified Armed Group (Syria)", 3),
        ("attackers", "Unidentified Armed Group (Syria)", 3),
        ("assailants", "Unidentified Armed Group (Syria)", 3),
        ("tribesmen", "Unidentified Tribal Militia (Syria)", 4),
        ("tribal fighters", "Unidentified Tribal Militia (Syria)", 4),
    ]
    assert spans(d, "Rebel factions withdrew.")[0][:3] == ("Rebel factions", 0, 14)


def test_civilians_protesters_rioters(d):
    text = ("Shoppers, worshippers, passers-by, displaced people, a family and shepherds were hurt; "
            "crowds of marchers and demonstrators met rioters.")
    got = [(t, n, i) for t, _, _, n, i in spans(d, text, country="Iraq")]
    assert got == [
        ("Shoppers", "Civilians (Iraq)", 7), ("worshippers", "Civilians (Iraq)", 7),
        ("passers-by", "Civilians (Iraq)", 7), ("displaced people", "Civilians (Iraq)", 7),
        ("a family", "Civilians (Iraq)", 7), ("shepherds", "Civilians (Iraq)", 7),
        ("crowds", "Protesters (Iraq)", 6), ("marchers", "Protesters (Iraq)", 6),
        ("demonstrators", "Protesters (Iraq)", 6), ("rioters", "Rioters (Iraq)", 5),
    ]
    assert spans(d, "A passer-by and two children died.")[0][:3] == ("A passer-by", 0, 11)


def test_identity_groups_are_marked_associated(d):
    text = "Teachers, students and workers joined the protesters."
    found = d.match(text, on=ON)
    got = [(m.text, fill_country(m.actor, "Iraq").name, m.actor.inter) for m in found]
    assert got == [("Teachers", "Teachers (Iraq)", 7), ("students", "Students (Iraq)", 7),
                   ("workers", "Labour Group (Iraq)", 7), ("protesters", "Protesters (Iraq)", 6)]
    assert [is_associated(m.actor) for m in found] == [True, True, True, False]
    assert is_associated(fill_country(found[2].actor, "Iraq"))  # "Labour Group (Iraq)"
    assert d.kind_of("Teachers (Iraq)") == "associated"
    assert d.kind_of("Civilians (Syria)") == "civilian"
    assert d.kind_of("Military Forces of Syria (2000-)") == "state"
    assert d.kind_of(found[3].actor) == "protester" and d.kind_of("Nobody Anywhere") is None


def test_foreign_forces_and_coalitions(d):
    text = "A Turkish drone and Israeli jets struck; the US-led coalition and coalition aircraft replied."
    got = spans(d, text, on=date(2021, 8, 10), country="Iraq")
    assert [(t, s, e, n) for t, s, e, n, _ in got] == [
        ("Turkish drone", 2, 15, "Military Forces of Turkey (2016-)"),
        ("Israeli jets", 20, 32, "Military Forces of Israel (2021-)"),
        ("US-led coalition", 45, 61, "Global Coalition Against Daesh"),
        ("coalition aircraft", 66, 84, "Global Coalition Against Daesh"),
    ]
    assert inter_for(fill_country(d.match(text, on=ON)[0].actor, "Iraq"), "IQ") == 8
    (m,) = d.match("Coalition aircraft struck Sanaa.", on=ON)
    assert fill_country(m.actor, "Yemen").name == "Operation Restoring Hope"
    assert names(d, "The Saudi-led coalition said.") == [("Saudi-led coalition", "Operation Restoring Hope")]
    assert names(d, "The Lebanese army deployed.", on=date(2020, 6, 1)) == [
        ("Lebanese army", "Military Forces of Lebanon (2020-)")]


def test_houthis_are_the_supreme_political_council_forces(d):
    text = "Houthi forces fired a missile; Ansar Allah said the Houthis would go on."
    found = d.match(text, on=date(2021, 2, 17))
    assert [(m.text, m.start, m.end) for m in found] == [
        ("Houthi forces", 0, 13), ("Ansar Allah", 31, 42), ("Houthis", 52, 59)]
    actor = found[0].actor
    assert actor.name == "Military Forces of Yemen (2016-) Supreme Political Council"
    assert actor.parent == "Military Forces of Yemen (2016-)"
    assert inter_for(actor, "Yemen") == 1 and inter_for(actor, "Saudi Arabia") == 8
    assert names(d, "Yemeni government forces advanced.", on=date(2021, 2, 17)) == [
        ("Yemeni government forces", "Military Forces of Yemen (2012-)")]


def test_matching_a_long_text_finds_every_mention(d):
    # speed is measured by bench/bench_pipeline.py, never asserted in a test
    text = ("Government forces, rebels and unknown gunmen clashed near the market; civilians, "
            "the Syrian army's 4th Division and pro-Iranian militias were there. ") * 2000
    found = d.match(text, on=ON)
    assert len(found) == 6 * 2000


def test_state_forces_named_after_their_noun_and_joined_countries(d):
    assert names(d, "military forces of Armenia fired on the army of the Netherlands") == [
        ("military forces of Armenia", "Military Forces of Armenia (2018-)"),
        ("army of the Netherlands", "Military Forces of the Netherlands (2010-2024)")]
    assert names(d, "military forces of India and Pakistan exchanged fire") == [
        ("military forces of India", "Military Forces of India (2014-)"),
        ("Pakistan", "Military Forces of Pakistan (2018-2022)")]
    assert [n for _, n in names(d, "a joint patrol by Turkish and Russian forces")] == [
        "Military Forces of Turkey (2016-)", "Military Forces of Russia (2000-)"]
    assert [n for _, n in names(d, "Syria and Russian forces")] == ["Military Forces of Russia (2000-)"]


def test_local_alias_over_a_not_actor_pair(d):
    def local(text, countries):
        return [m.actor.name for m in d.match(text, on=ON, countries=countries)]
    assert local("military police forces opened fire", ["BR"]) == ["Military Forces of Brazil (2019-2022) Military Police"]
    assert local("the military police closed the road", ["RU"]) == []


def test_a_group_that_became_the_state(d):
    def coded(on):
        return [m.actor.name for m in d.match("Taliban fighters stormed the district", on=on, countries=["AF"])]
    assert coded(date(2020, 5, 1)) == ["Taliban"]
    assert coded(date(2022, 3, 1)) == ["Military Forces of Afghanistan (2021-)"]


def test_actor_brackets_take_acleds_country_spelling(d):
    assert d.country_label("CD") == "Democratic Republic of Congo"
    assert d.country_label("PS") == "Palestine" and d.country_label("NL") == "Netherlands"
    assert d.country_label("CZ") == "Czech Republic"
