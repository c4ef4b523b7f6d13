"""The comment-triage scorer (outposts.eval.comments): the measures on hand-made
pairs, and a run on an invented thread (tests/fixtures/eval/comments_*). Triage
needs no language model, so none of this is slow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outposts.eval import comments, report
from outposts.eval.comments import Pair

FIX = Path(__file__).parent / "fixtures" / "eval"


def pair(gold=(), pred=(), gs="none", ps="none", gt=None, pt=None, i=0):
    return Pair("t", i, "text", frozenset(gold), frozenset(pred), gs, ps, gt, pt)


def test_per_label_scores_and_civil_false_flags():
    pairs = [
        pair(["abusive"], ["abusive"]),
        pair(["abusive", "opinion"], ["opinion"]),
        pair(["opinion"], ["abusive", "opinion"]),  # a civil comment flagged
        pair(["claim"], ["claim", "eyewitness"]),
        pair([], []),
    ]
    f = comments.measure(pairs)
    ab = f["per_label"]["abusive"]
    assert (ab["tp"], ab["fp"], ab["fn"]) == (1, 1, 1)
    assert ab["precision"] == pytest.approx(0.5) and ab["recall"] == pytest.approx(0.5)
    assert f["per_label"]["opinion"]["f1"] == pytest.approx(1.0)
    ey = f["per_label"]["eyewitness"]
    assert (ey["tp"], ey["fp"], ey["fn"], ey["f1"]) == (0, 1, 0, 0.0)
    assert f["per_label"]["hypothetical"]["support"] == 0
    assert f["civil_comments"] == 3 and f["civil_flagged_abusive"] == 1
    assert f["civil_false_flag_rate"] == pytest.approx(1 / 3)
    # pooled: tp 1+2+1 = 4, fp 1+1 = 2, fn 1
    assert f["labels_micro_f1"] == pytest.approx(2 * 4 / (2 * 4 + 2 + 1))
    assert f["exact_label_sets"] == pytest.approx(2 / 5)


def test_stance_accuracy_macro_f1_and_targets():
    pairs = [pair(gs="support", ps="support", gt="two soldiers ... killed", pt="Gunmen killed two soldiers."),
             pair(gs="dispute", ps="none"),
             pair(gs="none", ps="none"),
             pair(gs="none", ps="dispute")]
    f = comments.measure(pairs)
    assert f["stance_accuracy"] == pytest.approx(0.5)
    # F1: support 1, dispute 0 (tp 0), none 2*0.5*0.5/1 = 0.5
    assert f["stance_macro_f1"] == pytest.approx((1 + 0 + 0.5) / 3)
    assert f["target_pairs"] == 1 and f["target_agreement"] == 1.0


def test_same_target():
    assert comments.same_target("killing two soldiers", "Gunmen killed... killing two soldiers, it said.")
    assert comments.same_target("the army ... lies", "The army said it lies.")
    assert not comments.same_target("killing two soldiers", "The attackers fled.")
    assert not comments.same_target(None, "anything")


def test_evaluate_on_an_invented_thread(tmp_path):
    r = comments.evaluate(FIX / "comments_labels.json", FIX / "comments_texts")
    assert r.set == "comments" and r.n == 5
    assert "threads without text: 1 (t2-no-text)" in r.notes
    assert set(r.summary) == {"outposts", "majority (no labels, stance none)"}
    maj = r.figures["majority"]
    assert maj["stance_accuracy"] == pytest.approx(3 / 5)  # three comments of stance none
    assert maj["labels_micro_f1"] == 0.0 and maj["civil_false_flag_rate"] == 0.0
    ours = r.figures["outposts"]
    assert ours["per_label"]["abusive"]["support"] == 1
    assert ours["civil_comments"] == 4
    assert 0 <= ours["civil_false_flag_rate"] <= 1
    assert ours["per_label"]["abusive"]["recall"] == 1.0  # "shut up, you stupid idiot"
    paths = report.write(r, tmp_path)
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["n"] == 5 and data["summary"]["outposts"]["stance acc"] == ours["stance_accuracy"]


def test_uneven_threads_are_scored_on_common_comments(tmp_path):
    labels = json.loads((FIX / "comments_labels.json").read_text(encoding="utf-8"))
    thread = labels["threads"]["t1-checkpoint-attack"]
    thread["comments"]["9"] = {"labels": ["opinion"], "stance": "none", "target": None}
    del thread["comments"]["4"]
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(labels), encoding="utf-8")
    r = comments.evaluate(path, FIX / "comments_texts")
    assert r.n == 4
    assert any("5 labelled, 5 in the text" in n for n in r.notes)
    with pytest.raises(ValueError):
        comments.evaluate(path, tmp_path)  # no text at all
