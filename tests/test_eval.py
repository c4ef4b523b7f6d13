"""The evaluation harness: scores, readers and reports on tiny invented
fixtures (tests/fixtures/eval), plus a smoke run on the real gold files that
skips when ../shared/eval is absent."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from outposts.eval import acled, baselines, case2021, geoparse, metrics, report
from outposts.geo import EARTH_RADIUS_KM
from outposts.eval.common import NO_EVENT, Result

FIX = Path(__file__).parent / "fixtures" / "eval"
EVAL_DATA = Path(__file__).parents[1].parent / "shared" / "eval"


# -- metrics ------------------------------------------------------------------------


def test_prf():
    s = metrics.prf(tp=3, fp=1, fn=2)
    assert s["precision"] == pytest.approx(0.75)
    assert s["recall"] == pytest.approx(0.6)
    assert s["f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert metrics.prf(0, 0, 0)["f1"] == 0.0


def test_classification_with_negative_class():
    gold = ["A", "A", "B", "NONE"]
    pred = ["A", "B", "B", "NONE"]
    c = metrics.classification(gold, pred, negative="NONE")
    assert c["accuracy"] == pytest.approx(0.75)
    # positives: A tp1 fn1; B tp1 fp1 -> P = 2/3, R = 2/3
    assert c["micro_f1"] == pytest.approx(2 / 3)
    assert c["per_class"]["A"]["f1"] == pytest.approx(2 / 3)
    assert c["per_class"]["B"]["f1"] == pytest.approx(2 / 3)
    assert c["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1.0) / 3)
    plain = metrics.classification(gold, pred)
    assert plain["micro_f1"] == pytest.approx(plain["accuracy"])


def test_classification_macro_only_over_gold_classes():
    c = metrics.classification(["A", "A"], ["A", "Z"])
    assert c["macro_f1"] == pytest.approx(metrics.prf(1, 0, 1)["f1"])


def test_confusion_and_top_confusions():
    gold = ["A", "A", "A", "B"]
    pred = ["A", "B", "B", "C"]
    conf = metrics.confusion(gold, pred)
    assert conf["labels"][0] == "A"
    i = {lab: k for k, lab in enumerate(conf["labels"])}
    assert conf["matrix"][i["A"]][i["B"]] == 2
    assert conf["matrix"][i["B"]][i["C"]] == 1
    assert sum(map(sum, conf["matrix"])) == 4
    assert metrics.top_confusions(gold, pred)[0] == ("A", "B", 2)


def test_match_spans_overlap_one_to_one_and_ignored():
    gold = [(0, 5), (10, 20)]
    pred = [(1, 4), (12, 15), (14, 25), (30, 35), (40, 45)]
    m = metrics.match_spans(gold, pred, ignore=[(40, 50)])
    assert m.pairs == [(0, 0), (1, 1)] or m.pairs == [(0, 0), (1, 2)]
    assert m.missed == []
    assert 3 in m.spurious and 4 not in m.spurious and m.ignored == [4]
    assert len(m.spurious) == 2  # the second span on gold 1 is a false alarm too
    exact = metrics.match_spans([(0, 5)], [(0, 3), (0, 5)])
    assert exact.pairs == [(0, 1)]


def test_auc_and_geo_errors():
    assert metrics.auc_log_error([0, 0, 0]) == 0.0
    assert metrics.auc_log_error([metrics.MAX_ERROR_KM] * 4) == pytest.approx(
        math.log(metrics.MAX_ERROR_KM + 1) / math.log(metrics.MAX_ERROR_KM))
    mid = metrics.auc_log_error([0, 100])
    assert mid == pytest.approx(math.log(101) / 2 / math.log(metrics.MAX_ERROR_KM))
    g = metrics.geo_errors([0, 50, 200, 1000])
    assert g["acc@161"] == 0.5 and g["median_km"] == 125 and g["mean_km"] == 312.5
    assert math.isnan(metrics.geo_errors([])["median_km"])


def test_haversine():
    # Al-Bukamal to Al Mayadin: about 67 km
    assert metrics.haversine(34.4546, 40.9116, 35.0203, 40.4519) == pytest.approx(76, abs=10)
    assert metrics.haversine(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM, rel=1e-9)


# -- ACLED ------------------------------------------------------------------------------


def test_strip_prefix():
    assert acled.strip_prefix("Movement of forces: On 5 March 2020, a convoy left.") == "On 5 March 2020, a convoy left."
    assert acled.strip_prefix("Looting: On 1 May 2020, ...") == "On 1 May 2020, ..."
    assert acled.strip_prefix("On 2 March 2020, clashes.") == "On 2 March 2020, clashes."


@pytest.mark.parametrize("a,b", [
    ("Military Forces of Syria (2000-) 4th Armored Division", "Military Forces of Syria (2000-)"),
    ("Military Forces of Iraq (2018-2020)", "Military Forces of Iraq (2020-)"),
    ("QSD: Syrian Democratic Forces", "Syrian Democratic Forces"),
    ("Police Forces of Iraq (2020-) Rapid Reaction Force", "police forces of iraq"),
])
def test_normalize_actor_matches(a, b):
    assert acled.normalize_actor(a) == acled.normalize_actor(b)


def test_normalize_actor_keeps_country_qualifier():
    assert acled.normalize_actor("Islamic State (Syria)") != acled.normalize_actor("Islamic State (Iraq)")
    assert acled.normalize_actor("Military Forces of Syria (2000-)") != acled.normalize_actor("Military Forces of Russia (2000-)")


def test_read_acled_rows_and_splits():
    assert len(acled.read_rows(FIX / "acled_tiny.csv")) == 3
    assert [r["event_id_cnty"] for r in acled.read_rows(FIX / "acled_tiny.csv", "dev")] == ["TST1", "TST2"]
    assert [r["event_id_cnty"] for r in acled.read_rows(FIX / "acled_tiny.csv", "test")] == ["TST3"]


def test_read_acled_rejects_other_csv(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError):
        acled.read_rows(p)


# -- CASE 2021 -------------------------------------------------------------------------


def test_read_snippets_without_quoting():
    rows = case2021.read_snippets(FIX / "case_tiny.tsv")
    assert len(rows) == 3
    assert rows[0]["text"].startswith('The rebels said "we will not leave"')
    assert [case2021.gold_class(r["label"]) for r in rows] == ["ART_MISS_ATTACK", case2021.NO_ACLED, "PEACE_PROTEST"]


def test_label_names_and_mapping():
    assert case2021.read_label_names(FIX / "case_types.txt") == ["ART_MISS_ATTACK", "PEACE_PROTEST", "NATURAL_DISASTER"]
    assert len(case2021.CODE_TO_SUB) == 25 and len(set(case2021.CODE_TO_SUB.values())) == 25
    assert case2021.SUB_TO_CODE["Looting/property destruction"] == "PROPERTY_DISTRUCT"


@pytest.mark.skipif(not (EVAL_DATA / "acled").is_dir(), reason=f"eval data absent at {EVAL_DATA}")
def test_label_file_matches_mapping():
    names = case2021.read_label_names(EVAL_DATA / "acled" / "case2021_task2_event_types.txt")
    assert set(case2021.CODE_TO_SUB) | set(case2021.NON_ACLED_LABELS) == set(names)


# -- geoparsing -------------------------------------------------------------------------


def test_read_gwn_types_and_splits():
    assert geoparse.corpus_kind(FIX / "gwn_tiny.xml") == "gwn"
    arts = geoparse.read_gwn(FIX / "gwn_tiny.xml", "dev")
    assert [a.id for a in arts] == ["0", "1"]
    a0 = arts[0]
    assert [t.text for t in a0.toponyms] == ["Raqqa", "Idlib"]
    assert all(t.resolvable and t.geonameid for t in a0.toponyms)
    assert a0.text[a0.neutral[0][0]:a0.neutral[0][1]] == "Turkish"
    spring = arts[1].toponyms[0]
    assert spring.text == "Springfield" and not spring.resolvable  # coordinates but no GeoNames id
    assert geoparse.read_gwn(FIX / "gwn_tiny.xml", "test") == []


def test_read_trnews_realigns_shifted_offsets():
    assert geoparse.corpus_kind(FIX / "trnews_tiny.xml") == "trnews"
    (art,) = geoparse.read_trnews(FIX / "trnews_tiny.xml")
    assert [t.text for t in art.toponyms] == ["Aleppo", "Jordan", "Aleppo"]
    assert art.toponyms[2].start == art.text.rindex("Aleppo")
    assert geoparse.realign("abc Homs def", "Homs", 6, 10) == (4, 8)
    assert geoparse.realign("abc Homs def", "Hama", 4, 8) == (4, 8)


def test_score_system_on_fixed_predictions():
    arts = geoparse.read_gwn(FIX / "gwn_tiny.xml", "dev")
    a0 = arts[0]
    raqqa, idlib = a0.toponyms
    preds = [[
        {"start": raqqa.start, "end": raqqa.end, "text": "Raqqa", "lat": 35.95, "lon": 39.01, "geonameid": 163915},
        {"start": idlib.start, "end": idlib.end, "text": "Idlib", "lat": 40.0, "lon": 36.63, "geonameid": 169389},
        {"start": a0.neutral[0][0], "end": a0.neutral[0][1], "text": "Turkish", "lat": None, "lon": None},
        {"start": 0, "end": 8, "text": "Fighters", "lat": None, "lon": None},
    ], []]
    s, _ = geoparse.score_system(arts, preds)
    assert (s["recognition"]["tp"], s["recognition"]["fp"], s["recognition"]["fn"]) == (2, 1, 1)
    assert s["resolution_recognised"]["n"] == 2
    assert s["resolution_recognised"]["acc@161"] == 0.5  # Idlib put ~450 km north
    assert s["resolution_recognised_id_aware"]["acc@161"] == 1.0  # but with the right GeoNames id
    assert s["resolution_end_to_end"]["n"] == 2  # Springfield has no GeoNames id: not scored
    assert s["exact_geonameid_recognised"] == 1.0


# -- baselines ----------------------------------------------------------------------------


def test_majority():
    assert baselines.majority(["a", "b", "b", "c"]) == "b"


def test_bag_of_words():
    pytest.importorskip("sklearn")
    texts = ["warplanes bombed the town", "jets struck the village from the air",
             "drone strike hit a car", "protesters marched peacefully",
             "crowds demonstrated in the square", "people rallied against prices"] * 2
    labels = ["air", "air", "air", "protest", "protest", "protest"] * 2
    assert baselines.bow_predict(texts, labels, ["warplanes struck a town", "crowds marched"]) == ["air", "protest"]
    cv = baselines.bow_cross_val(texts, labels, folds=3)
    assert len(cv) == len(texts) and set(cv) <= {"air", "protest"}
    assert baselines.bow_predict(["x", "y"], ["only", "only"], ["z"]) == ["only"]


class _Country:
    def __init__(self, lat, lon, gid):
        self.latitude, self.longitude, self.geonameid = lat, lon, gid


class _StubGazetteer:
    def country(self, name):
        return _Country(35.0, 38.0, 163843) if name == "Syria" else None

    def lookup(self, name, limit=1, fuzzy=False):
        return [_Country(36.2, 37.16, 170063)] if name == "Aleppo" else []


def test_geotext_baseline():
    pytest.importorskip("geotext")
    gt = baselines.GeoText(_StubGazetteer())
    text = "Shells fell on Aleppo and Damascus, Syria said; Aleppo was calm later."
    found = gt.parse(text)
    names = [(m["text"], text[m["start"]:m["end"]]) for m in found]
    assert ("Aleppo", "Aleppo") in names and ("Syria", "Syria") in names
    assert sum(1 for n, _ in names if n == "Aleppo") == 2
    damascus = next(m for m in found if m["text"] == "Damascus")
    assert metrics.haversine(damascus["lat"], damascus["lon"], 33.51, 36.29) < 20
    syria = next(m for m in found if m["text"] == "Syria")
    assert syria["geonameid"] == 163843


def test_population_resolver():
    pop = baselines.PopulationResolver(_StubGazetteer())
    assert pop.resolve("Aleppo").geonameid == 170063
    assert pop.resolve("Nowhere") is None


# -- report -------------------------------------------------------------------------------


def _result() -> Result:
    return Result(set="toy", split="dev", source="toy.csv", n=2, columns=["accuracy", "km"],
                  summary={"outposts": {"accuracy": 0.5, "km": float("nan")}, "majority": {"accuracy": 0.25}},
                  sections=[("Extra", "text")], figures={"x": float("nan"), "pairs": [("a", "b", 1)]},
                  confusion={"title": "toy", "labels": ["A", NO_EVENT], "matrix": [[1, 1], [0, 0]]},
                  worst=[{"id": "1", "gold": "A", "pred": NO_EVENT, "text": "An invented sentence."}])


def test_report_writes_markdown_json_and_plot(tmp_path):
    paths = report.write(_result(), tmp_path / "r")
    md = paths["markdown"].read_text(encoding="utf-8")
    assert "| outposts | 0.500 | n/a |" in md and "| majority | 0.250 | n/a |" in md
    assert "An invented sentence." in md and "## Confusion matrix" in md
    data = json.loads(paths["json"].read_text(encoding="utf-8"))  # strict: no NaN
    assert data["summary"]["outposts"]["km"] is None and data["figures"]["x"] is None
    assert data["worst"][0]["text"] == "An invented sentence."
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "plot" not in paths and report.MATPLOTLIB_HINT in md
    else:
        assert paths["plot"].read_bytes()[:4] == b"\x89PNG"


def test_report_without_matplotlib(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def fake(name, *a, **k):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(name)
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", fake)
    paths = report.write(_result(), tmp_path)
    assert "plot" not in paths
    assert report.MATPLOTLIB_HINT in paths["markdown"].read_text(encoding="utf-8")


# -- end to end (spaCy pipeline and gazetteer) ----------------------------------------------


@pytest.mark.slow
def test_cli_eval_on_tiny_fixtures(gazetteer, tmp_path):
    from outposts.cli import cli

    runner = CliRunner()
    res = runner.invoke(cli, ["eval", "acled", str(FIX / "acled_tiny.csv"), "--split", "dev",
                              "--report", str(tmp_path / "a")])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    assert data["n"] == 2 and "outposts" in data["summary"] and "majority (dev)" in data["summary"]
    res = runner.invoke(cli, ["eval", "case2021", str(FIX / "case_tiny.tsv"), "--report", str(tmp_path / "c")])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "c" / "report.json").read_text(encoding="utf-8"))["n"] == 3
    res = runner.invoke(cli, ["eval", "geoparse", str(FIX / "trnews_tiny.xml"), "--report", str(tmp_path / "g")])
    assert res.exit_code == 0, res.output
    g = json.loads((tmp_path / "g" / "report.json").read_text(encoding="utf-8"))
    assert g["figures"]["gold_toponyms"] == 3
    assert g["summary"]["outposts"]["R"] > 0  # Aleppo at least
    res = runner.invoke(cli, ["eval", "geoparse", str(FIX / "trnews_tiny.xml"), "--split", "dev"])
    assert res.exit_code == 2 and "only a test split" in res.output
    res = runner.invoke(cli, ["eval", "case2021", str(FIX / "acled_tiny.csv")])
    assert res.exit_code == 2


@pytest.mark.slow
def test_smoke_on_real_gold_files(gazetteer, tmp_path):
    if not EVAL_DATA.is_dir():
        pytest.skip(f"the gold sets are not here ({EVAL_DATA} is absent): smoke run skipped")
    from outposts.cli import cli

    runner = CliRunner()
    runs = [
        ("acled", EVAL_DATA / "acled" / "acled_syria_iraq_combined.csv", ["--split", "dev", "--limit", "15"]),
        ("case2021", EVAL_DATA / "acled" / "case2021_task2_test_with_labels.tsv", ["--limit", "15"]),
        ("geoparse", EVAL_DATA / "geoparse" / "geowebnews" / "GWN.xml", ["--split", "dev", "--limit", "2"]),
        ("geoparse", EVAL_DATA / "geoparse" / "tr-news" / "TR-News.xml", ["--limit", "2"]),
    ]
    for i, (name, path, extra) in enumerate(runs):
        if not path.is_file():
            pytest.skip(f"{path} is absent")
        res = runner.invoke(cli, ["eval", name, str(path), "--report", str(tmp_path / str(i)), *extra])
        assert res.exit_code == 0, res.output
        data = json.loads((tmp_path / str(i) / "report.json").read_text(encoding="utf-8"))
        assert data["summary"]["outposts"]


def test_location_misses_are_classed_by_cause():
    from types import SimpleNamespace as E

    town, district = E(geo_precision=1), E(geo_precision=2)
    evs = [town, town, district, None, town, town]
    ours_km = [3.0, 40.0, 25.0, None, 80.0, 60.0]   # our event's distance to the gold point
    prec = [1, 1, 1, 1, 1, 2]                      # the last row is not a gp1 row
    gold_km = [0.5, 0.2, 1.0, 0.0, None, 0.0]        # the gazetteer's point for the gold name
    classes = acled._location_classes(evs, ours_km, prec, gold_km)
    assert classes == {
        "gold place known, another place chosen": 1,
        "gold place known, event coded at district/province level": 1,
        "no event": 1,
        "gold place not in the gazetteer under its name (or > 10 km off)": 1,
    }


def test_actor1_misses_are_classed_by_cause():
    from types import SimpleNamespace as E

    from outposts.actors import ActorDictionary, Entry

    actors = ActorDictionary([
        Entry.from_json({"id": "is", "name": "Islamic State ({country})", "inter": 2, "kind": "rebel",
                         "aliases": ["ISIS"]}, "test"),
        Entry.from_json({"id": "mil", "name": "Military Forces of {country}", "inter": 1, "kind": "state",
                         "state": "military", "aliases": ["army"]}, "test"),
    ])
    ours = [
        E(actor1="Military Forces of Syria (2000-)", actor2=""),  # right: not counted
        None,
        E(actor1="Military Forces of Syria (2000-)", actor2="Islamic State (Syria)"),
        E(actor1="Islamic State", actor2=""),
        E(actor1="Unidentified Armed Group (Syria)", actor2=""),
        E(actor1="Military Forces of Syria (2000-)", actor2=""),
        E(actor1="Military Forces of Syria (2000-)", actor2=""),
    ]
    gold = ["Military Forces of Syria (2000-)", "Islamic State (Syria)", "Islamic State (Syria)",
            "Islamic State (Iraq)", "Islamic State (Syria)", "Islamic State (Syria)",
            "Hurras al-Din (Syria)"]
    ok = [acled.normalize_actor(g) == acled.normalize_actor(e.actor1) if e else False
          for g, e in zip(gold, ours)]
    assert acled._actor_classes(ours, gold, ok, actors) == {
        "no event": 1, "sides swapped": 1, "country qualifier missing or wrong": 1,
        "left unidentified": 1, "wrong alias": 1, "unknown group": 1}
