"""The actor dictionary: names, units, tenures, patrons, generic actors."""

from __future__ import annotations

import json
from datetime import date

import pytest

from outposts.actors import ActorDictionary, country_iso2, fill_country, inter_for
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
        if e.kind == "state":
            assert e.tenures and e.country and e.inter == 1


def test_odd_input_never_raises(d):
    for text in ["", "(((", "-" * 1000, "pro-", "Iranian-backed", "\x00\ufffd", "SAA (", ") 5th Corps"]:
        for m in d.match(text):
            assert text[m.start:m.end] == m.text
