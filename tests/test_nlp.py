"""The fast stand-ins for spaCy's attribute ruler and lemmatizer give the
stock components' annotations, token for token, on real reports."""

from __future__ import annotations

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
