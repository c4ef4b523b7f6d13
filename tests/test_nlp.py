"""The fast stand-ins for spaCy's attribute ruler and lemmatizer give the
stock components' annotations, token for token, on real reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from outposts.config import DEFAULT_SPACY_MODEL
from outposts.fastpipes import FastAttributeRuler, FastLemmatizer, speed_up
from outposts.read import iter_reports
from outposts.records import Report

spacy = pytest.importorskip("spacy")
ROOT = Path(__file__).resolve().parents[1]

# sentences that exercise the ruler's rarer rules: contractions, several-token
# patterns, DEP-conditioned and set-valued ones, whitespace tokens
TRICKY = [
    "They ain't gonna stop; we gotta leave, y'all. Let's go, c'mon!",
    "There is a checkpoint and there were two more. I did it, and it did not help them.",
    "Which one did they shell? That which was left  \n  burned.  Nothin' remained.",
    "She's got the keys, he gets the car; they've had enough and we're done.",
]


def _texts() -> list[str]:
    texts = list(TRICKY)
    for report in iter_reports([str(ROOT / "examples")]):
        if isinstance(report, Report):
            texts.append(report.text)
            texts.extend(c.text for c in report.comments)
    return texts


def _annotations(doc):
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    try:
        stock = spacy.load(DEFAULT_SPACY_MODEL)
        fast = speed_up(spacy.load(DEFAULT_SPACY_MODEL))
    except OSError:
        pytest.skip(f"spaCy model {DEFAULT_SPACY_MODEL} is not installed (make install)")
    return stock, fast


def test_stand_ins_are_swapped_in(pipelines):
    _, fast = pipelines
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)
    assert fast.pipe_names == spacy.load(DEFAULT_SPACY_MODEL).pipe_names


def test_same_annotations_as_stock_pipeline(pipelines):
    stock, fast = pipelines
    texts = _texts()
    assert len(texts) > 20
    tokens = 0
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert _annotations(a) == _annotations(b)
        assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]
        tokens += len(a)
    assert tokens > 5000


def test_rare_rules_fire(pipelines):
    _, fast = pipelines
    doc = fast("They ain't gonna stop. There is a checkpoint.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["ai"] == "be" and lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert [t.pos_ for t in doc if t.text == "is"] == ["VERB"]  # "there is": expl + be


def test_select_pipes_still_works(pipelines):
    _, fast = pipelines
    with fast.select_pipes(enable=["ner"]):
        doc = fast("Turkish forces shelled Tal Rifaat near Aleppo.")
    assert not doc.has_annotation("DEP")
    assert any(e.label_ == "GPE" for e in doc.ents)


# -- what is parsed: the raw-text trigger test ---------------------------------

IRREGULAR = [
    "Rebels took control of the village after a day of fighting.",
    "Two soldiers were shot dead at the checkpoint.",
    "Gunmen fought with police near the market for an hour.",
    "The militia seized three trucks and stole their fuel.",
    "Protesters gathered outside the governor's office.",
]


@pytest.fixture(scope="module")
def pipeline():
    from outposts import Pipeline, Settings

    try:
        return Pipeline(Settings())
    except Exception as exc:  # pragma: no cover - no model
        pytest.skip(f"no pipeline: {exc}")


def test_raw_text_test_never_drops_a_sentence_with_a_trigger(pipeline):
    lexicon, nlp = pipeline.coder.lexicon, pipeline.nlp
    texts = IRREGULAR + _texts()
    with_hits = without = rejected = 0
    for doc in nlp.pipe(texts):
        for sent in doc.sents:
            if lexicon.hits(sent):
                with_hits += 1
                assert lexicon.may_hold_event(sent.text), sent.text
            else:
                without += 1
                rejected += not lexicon.may_hold_event(sent.text)
    assert with_hits > 50
    assert rejected > without / 4  # and it does turn work away


def test_irregular_forms_come_from_the_model(pipeline):
    from outposts.code.triggers import Lexicon

    bare = Lexicon.load()  # knows no lemma forms: "took" is not "take" to it
    taught = pipeline.coder.lexicon
    sentence = "They took over the town."
    assert taught.may_hold_event(sentence)
    assert taught.may_hold_event(IRREGULAR[0]) and not taught.may_hold_event("The weather was mild.")
    assert bare.may_hold_event("They take over the town.")


def test_only_sentences_that_may_hold_an_event_are_parsed(pipeline):
    report = Report(id="split", text=(
        "Heavy rain fell on the city all week. Turkish drones struck a truck near Qamishli on Monday, "
        "killing two fighters. The weather is expected to improve."))
    plan = pipeline._plan(report, all_places=False)
    assert [s.text for s in plan.full] == [
        "Turkish drones struck a truck near Qamishli on Monday, killing two fighters."]
    assert [s.text for s in plan.cheap] == ["Heavy rain fell on the city all week.",
                                            "The weather is expected to improve."]
    for piece in plan.full + plan.cheap:
        assert report.text[piece.start:piece.end] == piece.text
    events = pipeline.extract(report, published=date(2021, 3, 3)).events
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert "Qamishli" in events[0].location
