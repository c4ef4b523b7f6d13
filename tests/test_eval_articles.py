"""The real-report scorer (outposts.eval.articles): the matching rules on
hand-made output rows (no NLP), and one end-to-end run on invented fixtures
(tests/fixtures/eval/articles_*)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outposts.eval import articles, report
from outposts.records import Report

FIX = Path(__file__).parent / "fixtures" / "eval"

SHELL = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"


def out(sub=SHELL, lat=35.0, lon=36.0, day="2021-03-01", actor1="Military Forces of Syria (2000-)",
        **kw):
    row = {"event_type": articles.SUB_TO_TYPE.get(sub, ""), "sub_event_type": sub, "latitude": lat,
           "longitude": lon, "event_date": day, "actor1": actor1, "assoc_actor_1": "", "actor2": "",
           "assoc_actor_2": "", "fatalities": 0, "source_kind": "article", "evidence": "", "confidence": 0.5}
    row.update(kw)
    return row


def exp(sub=SHELL, lat=35.0, lon=36.0, km=10, frm="2021-03-01", to="2021-03-01", **kw):
    e = {"lat": lat, "lon": lon, "km": km, "from": frm, "to": to}
    if sub:
        e["sub_event_type"] = sub
    e.update(kw)
    return e


# -- the criteria -------------------------------------------------------------------------


def test_type_sub_any_and_event_type():
    assert articles.type_ok(out(), exp())
    assert not articles.type_ok(out(AIR), exp())
    assert articles.type_ok(out(AIR), exp(sub=None, sub_any=[SHELL, AIR]))
    assert not articles.type_ok(out("Armed clash"), exp(sub=None, sub_any=[SHELL, AIR]))
    only_type = exp(sub=None, event_type="Explosions/Remote violence")
    assert articles.type_ok(out(AIR), only_type) and articles.type_ok(out(SHELL), only_type)
    assert not articles.type_ok(out("Armed clash"), only_type)
    both = exp(sub=None, event_type="Battles", sub_any=["Armed clash", AIR])
    assert articles.type_ok(out("Armed clash"), both)
    assert not articles.type_ok(out(AIR), both)  # in sub_any, but not of the event type given


def test_place_within_km_alt_locs_and_missing_coordinates():
    e = exp(km=10)
    assert articles.place_ok(out(lat=35.05, lon=36.0), e)  # ~5.6 km
    assert not articles.place_ok(out(lat=35.2, lon=36.0), e)  # ~22 km
    alt = exp(km=10, alt_locs=[[35.2, 36.0, 5]])
    assert articles.place_ok(out(lat=35.2, lon=36.0), alt)
    assert articles.distance(out(lat=35.2, lon=36.0), alt) == pytest.approx(0.0)
    assert not articles.place_ok(out(lat=None, lon=None), e)
    assert articles.distance(out(lat="", lon=""), e) is None
    assert articles.place_ok(out(lat=None, lon=None), {"sub_event_type": SHELL})  # names no place


def test_date_window_is_inclusive():
    e = exp(frm="2021-03-01", to="2021-03-03")
    assert articles.date_ok(out(day="2021-03-01"), e) and articles.date_ok(out(day="2021-03-03"), e)
    assert not articles.date_ok(out(day="2021-02-28"), e)
    assert not articles.date_ok(out(day="2021-03-04"), e)


def test_actor_keywords_are_padded_and_lowercased():
    e = exp(actor1_any=[" is ", "islamic state"])
    assert articles.actor1_ok(out(actor1="IS"), e)
    assert articles.actor1_ok(out(actor1="Islamic State (Syria)"), e)
    assert not articles.actor1_ok(out(actor1="Police Forces of Syria; this unit"), exp(actor1_any=[" is "]))
    assert articles.actor1_ok(out(actor1="Unidentified Armed Group (Syria)", assoc_actor_1="Islamic State"), e)
    # actor2 does not count for actor1_any, but does for other_any
    assert not articles.actor1_ok(out(actor1="Military Forces of Syria", actor2="Islamic State"), e)
    o = exp(other_any=["sdf", "syrian democratic"])
    assert articles.other_ok(out(actor2="Syrian Democratic Forces"), o)
    assert articles.other_ok(out(actor1="SDF"), o)
    assert not articles.other_ok(out(actor2="Islamic State"), o)
    assert articles.actor1_ok(out(actor1="anyone"), exp())  # no keywords: no test


def test_fatalities_minimum():
    e = exp(fatalities_min=3)
    assert articles.deaths_ok(out(fatalities=3), e) and articles.deaths_ok(out(fatalities=5), e)
    assert not articles.deaths_ok(out(fatalities=2), e)
    assert not articles.deaths_ok(out(fatalities=None), e)
    assert articles.deaths_ok(out(fatalities=0), exp())
    assert articles.failed(out(fatalities=1, day="2021-03-02"), e) == ["date", "fatalities"]


# -- the matching ------------------------------------------------------------------------------


def test_one_output_serves_one_expectation():
    outs = [out()]
    m = articles.max_matching(outs, [exp(), exp()])
    assert len(m) == 1


def test_matching_is_maximum_not_greedy():
    # output 0 (nearest) fits both expectations; output 1 only the first: both must be served
    e1 = exp(km=30)
    e2 = exp(km=10)
    outs = [out(lat=35.0, lon=36.0), out(lat=35.2, lon=36.0)]
    m = articles.max_matching(outs, [e1, e2])
    assert m == {0: 1, 1: 0}


def test_matching_prefers_the_nearest_output():
    e = exp(km=30)
    outs = [out(lat=35.2, lon=36.0), out(lat=35.01, lon=36.0)]
    assert articles.max_matching(outs, [e]) == {0: 1}
    assert articles.max_matching(outs, [e], taken=[1]) == {0: 0}


def test_score_case_precision_optional_and_spurious_classes():
    case = {
        "expect": [exp(actor1_any=["syria"], fatalities_min=2)],
        "optional": [exp(sub="Armed clash", lat=36.0, lon=37.0, km=20)],
        "forbid_subs": ["Peaceful protest"],
    }
    outs = [
        out(fatalities=2),  # 0 matches the expectation
        out(lat=35.1, lon=36.05, fatalities=2),  # 1 same incident again: duplicate
        out("Armed clash", lat=36.0, lon=37.0),  # 2 serves the optional entry
        out("Armed clash", lat=36.02, lon=37.0),  # 3 a second output on the optional one: duplicate
        out(AIR, lat=35.0, lon=36.0),  # 4 place + date of the expectation, wrong type
        out(actor1="Unidentified Armed Group (Syria)", fatalities=2, lat=35.0, lon=36.08, day="2021-03-01",
            sub=SHELL, source_kind="comment"),  # 5 from a comment
        out("Peaceful protest", lat=30.0, lon=40.0, evidence="The death toll rose to 40 since January."),
        out("Attack", lat=30.0, lon=40.0, evidence="Rebels threatened to attack the town if talks fail."),
        out("Attack", lat=31.0, lon=41.0, evidence="Gunmen killed a shepherd."),
        out(SHELL, lat=35.0, lon=36.0, actor1="Opposition Rebels", fatalities=2, day="2021-03-01"),  # 9
    ]
    s = articles.score_case("c", case, outs)
    assert s.matched == {0: 0}
    assert s.optional_matched == {0: 2}
    assert s.spurious[1] == "duplicate"
    assert s.spurious[3] == "duplicate"
    assert s.spurious[4] == "wrong type for a real event"
    assert s.spurious[5] == "from a comment"
    assert s.spurious[6] == "background/tally"
    assert s.spurious[7] == "hypothetical/threat/denial"
    assert s.spurious[8] == "other"
    # 9 is within 50 km and a day of a matched output of its sub-type: the brief's duplicate rule wins
    assert s.spurious[9] == "duplicate"
    assert s.forbidden == [6]
    assert s.recall == 1.0
    assert s.precision == pytest.approx(2 / 10)


def test_spurious_near_misses_when_nothing_was_matched():
    case = {"expect": [exp(actor1_any=["islamic state"], km=10)], "optional": []}
    outs = [out(actor1="Military Forces of Syria"),  # right type, place, date; wrong actor
            out(lat=35.0, lon=36.2),  # ~18 km: wrong place, within 3 x km
            out(day="2021-03-20")]  # right place, 19 days off
    s = articles.score_case("c", case, outs)
    assert not s.matched
    assert s.spurious == {0: "real event, wrong actor or fatalities",
                          1: "real event, wrong place or date", 2: "real event, wrong place or date"}


def test_field_measures_use_pairs_that_agree_on_the_rest():
    e = exp(km=25, actor1_any=["islamic state"], fatalities=4, fatalities_min=4, frm="2021-03-01",
            to="2021-03-02")
    outs = [
        out(AIR, lat=35.0, lon=36.01, fatalities=4),  # place + date: nearest, wrong sub-type
        out(SHELL, lat=35.1, lon=36.0, fatalities=3, actor1="Islamic State"),  # type + place + date
        out(SHELL, lat=35.0, lon=36.0, day="2021-03-05"),  # type + place, 3 days after the window
    ]
    f = articles.field_measures(outs, [e])
    assert f["event_type"] == [True] and f["sub_event_type"] == [False]
    assert f["location_km"] == [pytest.approx(11.1, abs=0.2)]
    assert f["date"] == [True]  # the in-window output is nearest in time
    assert f["actor1"] == [True]
    assert f["fatalities"] == [False] and f["fatalities_min"] == [False]
    f2 = articles.field_measures([outs[2]], [e])
    assert f2["date"] == [False] and f2["date_off"] == [3]
    assert "event_type" not in f2  # no output on place + date


def test_aggregate_recall_precision_f1():
    c1 = articles.score_case("a", {"expect": [exp(), exp(lat=36.0)]}, [out(), out(lat=30.0)])
    c2 = articles.score_case("b", {"expect": []}, [out()])
    f = articles.aggregate([c1, c2])
    assert f["expected"] == 2 and f["matched"] == 1 and f["outputs"] == 3 and f["spurious"] == 2
    assert f["recall"] == pytest.approx(0.5)
    assert f["precision"] == pytest.approx(1 / 3)
    assert f["f1"] == pytest.approx(2 * 0.5 / 3 / (0.5 + 1 / 3))
    assert f["recall_by_expected_sub"][SHELL] == {"expected": 2, "matched": 1}


def test_location_sanity_with_a_small_geo():
    geo = articles.Geo(
        centroids={"SY": (35.0, 38.0), "IQ": (33.0, 44.0)},
        places=[(36.2, 37.15, "SY"), (34.45, 40.9, "SY"), (34.4, 41.05, "IQ"), (36.34, 43.13, "IQ")],
        names={"Syria": "SY", "Iraq": "IQ"}.get)
    case = {"country": "Syria", "expect": [exp(lat=36.2, lon=37.15, km=15)]}
    outs = [out(lat=35.0, lon=38.01),  # at Syria's point while the case names a town
            out(lat=36.3, lon=43.1),  # Mosul: abroad
            out(lat=34.41, lon=41.0),  # Iraqi side of the border, 10 km from a Syrian town: forgiven
            out(lat=None, lon=None)]
    s = articles.score_case("c", case, outs, geo)
    assert s.sanity["centroid"] == [0]
    assert s.sanity["abroad"] == [1]
    assert s.sanity["no_coords"] == [3]
    assert s.sanity["countries"] == ["SY"]
    # no named place, no centroid complaint
    s2 = articles.score_case("d", {"country": "Syria", "expect": []}, outs[:1], geo)
    assert s2.sanity["centroid"] == []


def test_lede_keeps_title_and_first_real_paragraph():
    text = "A title\n\nBy a reporter\n\n1868 views\n\n" + "Word " * 12 + "here.\n\nSecond paragraph."
    r = Report(id="r", text=text, title="A title")
    cut = articles.lede(r)
    assert cut.text == "A title\n\n" + ("Word " * 12 + "here.")
    assert cut.id == "r#lede" and cut.comments == ()


def test_read_cases_rejects_other_files(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"threads": {}}', encoding="utf-8")
    with pytest.raises(ValueError):
        articles.read_cases(bad)


# -- end to end (spaCy pipeline and gazetteer) --------------------------------------------


@pytest.mark.slow
def test_evaluate_on_invented_reports(gazetteer, tmp_path):
    r = articles.evaluate(FIX / "articles_cases.json", FIX / "invented_case_texts")
    assert r.set == "articles" and r.n == 3
    assert "cases without text: 1 (a4-no-text)" in r.notes
    assert set(r.figures["per_case"]) == {"a1-town-shelling", "a2-basra-protest", "a3-talks-analysis"}
    assert set(r.summary) == {"outposts", "lede (title + lead, top event)"}
    ours = r.figures["outposts"]
    assert ours["expected"] == 2 and 0 <= ours["recall"] <= 1
    assert ours["matched"] >= 1  # Monday's shelling of Maarat al-Numan at least
    assert ours["spurious"] == sum(ours["spurious_classes"].values())
    assert r.figures["lede"]["outputs"] <= 3  # one event per case at most
    paths = report.write(r, tmp_path)
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["summary"]["outposts"]["recall"] == ours["recall"]
    md = paths["markdown"].read_text(encoding="utf-8")
    assert "## Per case" in md and "a1-town-shelling" in md
    r2 = articles.evaluate(FIX / "articles_cases.json", FIX / "invented_case_texts", limit=1)
    assert r2.n == 1
    with pytest.raises(ValueError):
        articles.evaluate(FIX / "articles_cases.json", tmp_path)  # no text at all


# -- why an expectation was missed (eval/causes.py) ------------------------------------------------

from outposts.actors import ActorDictionary, Entry  # noqa: E402
from outposts.eval import causes  # noqa: E402
from outposts.records import Place  # noqa: E402


class _Gazetteer:
    """Names -> places, all the place causes ask of a gazetteer."""

    def __init__(self, names):
        self.names = names

    def lookup(self, name, limit=20):
        return self.names.get(name, [])[:limit]


FAR_KORO = Place(1, "Koro", "NG", 9.0, 8.0)
NEAR_KORO = Place(2, "Koro", "NG", 12.50, 6.20)
BASSA = Place(3, "Bassa", "NG", 12.55, 6.25)
JOS = Place(4, "Jos", "NG", 9.9, 8.9)
WHERE = [(12.5, 6.2, 10.0)]


def test_text_names_are_runs_of_capitalised_words():
    names = causes.text_names("Gunmen attacked al-Bukamal and Deir ez-Zor Province on Monday.")
    assert {"al-Bukamal", "Deir ez-Zor", "Deir ez-Zor Province", "Gunmen"} <= names
    assert "attacked" not in names and "and Deir" not in names


@pytest.mark.parametrize("names, gid, location, note, has_coords, cause", [
    # the text names a place near the point, and the output took another mention's point
    ({"Bassa": [BASSA], "Jos": [JOS]}, 4, "Jos", "Koro village, Bassa area", True, "wrong mention"),
    # the right words, a namesake elsewhere
    ({"Koro": [FAR_KORO, NEAR_KORO]}, 1, "Koro", "Koro village", True, "wrong candidate"),
    # the coder's mention is the note's village, which no gazetteer entry near the point carries
    ({"Koro": [FAR_KORO], "Bassa": [BASSA]}, 1, "Koro", "Koro village, Bassa area", True, "no data"),
    # nothing the text names lies near the point
    ({"Koro": [FAR_KORO], "Jos": [JOS]}, 4, "Jos", "a village near Koro", True, "no data"),
    ({"Bassa": [BASSA]}, None, "", "", False, "no coordinates"),
])
def test_place_miss_causes(names, gid, location, note, has_coords, cause):
    judge = causes.PlaceCauses(_Gazetteer(names), "Gunmen raided Koro in Bassa, police in Jos said.")
    got = judge.cause({"geonameid": gid, "location": location}, WHERE, has_coords, note)
    assert got == cause


def _actors():
    return ActorDictionary([
        Entry.from_json({"id": "shabaab", "name": "Al Shabaab", "inter": 2, "kind": "rebel",
                         "aliases": ["al-Shabaab"], "countries": ["SO", "KE"]}, "test"),
        Entry.from_json({"id": "mil", "name": "Military Forces of {country}", "inter": 1, "kind": "state",
                         "state": "military", "aliases": ["soldiers"]}, "test"),
    ])


@pytest.mark.parametrize("row, keywords, cause", [
    ({"actor1": "Military Forces of Kenya", "actor2": "Al Shabaab"}, ["shabaab"], "sides swapped"),
    ({"actor1": "Unidentified Armed Group (Kenya)"}, ["shabaab"], "left unidentified"),
    ({"actor1": "Military Forces of Kenya"}, ["shabaab"], "wrong alias"),
    ({"actor1": "Military Forces of Kenya"}, ["ambazonia"], "unknown group"),
])
def test_actor1_miss_causes(row, keywords, cause):
    row = {"actor2": "", "assoc_actor_2": "", **row}
    assert causes.ActorCauses(_actors()).cause(row, keywords, articles._padded) == cause


def test_miss_causes_judge_only_the_misses_they_explain():
    case = {"expect": [exp(lat=12.5, lon=6.2, actor1_any=["shabaab"]),  # missed on place
                       exp(frm="2021-03-05", to="2021-03-05", actor1_any=["shabaab"]),  # on actor1
                       exp(frm="2021-04-01", to="2021-04-01")]}  # nothing of its date: no cause
    outputs = [out(lat=9.9, lon=8.9, actor1="Al Shabaab", geonameid=4, location="Jos"),
               out(day="2021-03-05", actor1="Unidentified Armed Group (Kenya)")]
    s = articles.score_case("c", case, outputs)
    found = articles.miss_causes(s, "Gunmen raided Bassa, police in Jos said.",
                                 _Gazetteer({"Bassa": [BASSA], "Jos": [JOS]}), causes.ActorCauses(_actors()))
    assert found == {"place": {0: "wrong mention"}, "actor1": {1: "left unidentified"}}
