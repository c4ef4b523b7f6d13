"""The bundled example reports against their hand coding (tests/data/examples_expected.json).

The labels were written by the developers as a careful ACLED coder would code the
articles. Field agreement is measured over all examples with floors set a little
under what the coder reaches today, so a regression in any stage shows up; every
sentence labelled as not an event (hedged, hypothetical, background, opinion) must
yield nothing, without exception.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from outposts.read import iter_reports
from outposts.records import Report

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = json.loads((ROOT / "tests" / "data" / "examples_expected.json").read_text("utf-8"))


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def pipeline():
    import outposts

    return outposts.default_pipeline()


@pytest.fixture(scope="module")
def coded(pipeline):
    """(expected item, extraction) for every labelled example."""
    out = []
    for item in EXPECTED:
        reports = [r for r in iter_reports([str(ROOT / item["file"])]) if isinstance(r, Report)]
        if "line" in item:
            reports = [reports[item["line"] - 1]]
        assert len(reports) == 1, item["file"]
        out.append((item, next(pipeline.run(reports))))
    return out


def _pairs(coded):
    """Each labelled event with the coded event of its sub-type nearest to it (each coded
    event serves one label: "rockets on A, B and C" is three events, each at its place)."""
    for item, ex in coded:
        used: set[int] = set()
        for want in item["events"]:
            got = [e for e in ex.events if e.sub_event_type == want["sub_event_type"] and id(e) not in used]
            best = min(got, key=lambda e: _km(want["latitude"], want["longitude"], e.latitude, e.longitude)
                       if e.latitude is not None else math.inf, default=None)
            if best is not None:
                used.add(id(best))
            yield item, want, best


def _date_ok(want, got) -> bool:
    lo, hi = want.get("date_window", [want["event_date"], want["event_date"]])
    return date.fromisoformat(lo) <= got.event_date <= date.fromisoformat(hi)


def test_examples_agreement(coded):
    pairs = list(_pairs(coded))
    found = [(w, g) for _, w, g in pairs if g is not None]
    recall = len(found) / len(pairs)
    located = sum(1 for w, g in found if g.latitude is not None
                  and _km(w["latitude"], w["longitude"], g.latitude, g.longitude) <= 25) / len(found)
    actor1 = sum(1 for w, g in found if g.actor1 == w["actor1"]) / len(found)
    dated = sum(1 for w, g in found if _date_ok(w, g)) / len(found)
    dead = sum(1 for w, g in found if g.fatalities == w["fatalities"]) / len(found)
    extra = sum(len(ex.events) for _, ex in coded if ex) - len(found)
    summary = (f"recall {recall:.2f}, location<=25km {located:.2f}, actor1 {actor1:.2f}, "
               f"date {dated:.2f}, fatalities {dead:.2f}, unlabelled events {extra}")
    print(summary)
    assert recall >= 0.95, summary
    assert located >= 0.85, summary
    assert actor1 >= 0.85, summary
    assert dated >= 0.90, summary
    assert dead >= 0.85, summary
    assert extra <= 3, summary


def test_not_events_yield_nothing(coded):
    offenders = []
    for item, ex in coded:
        for words in item.get("not_events", []):
            offenders += [(item["file"], words, e.sub_event_type) for e in ex.events if words in e.evidence]
    assert offenders == []


def test_evidence_offsets_point_into_the_report(coded):
    for _, ex in coded:
        for ev in ex.events:
            if ev.source_kind == "article":
                assert ex.report.text[ev.evidence_start:ev.evidence_end] == ev.evidence
            else:
                text = ex.report.comments[ev.comment_index].text
                assert text[ev.evidence_start:ev.evidence_end] == ev.evidence
            assert 0 < ev.confidence < 1


def test_acled_codes_are_consistent(coded, pipeline):
    for _, ex in coded:
        for ev in ex.events:
            event_type, disorder = pipeline.coder.lexicon.event_types(ev.sub_event_type)
            assert ev.event_type == event_type and ev.disorder_type == disorder
            codes = sorted(c for c in (ev.inter1, ev.inter2) if c)
            expected = codes[0] * 10 + codes[1] if len(codes) == 2 else codes[0] * 10
            assert ev.interaction == expected
            assert ev.time_precision in (1, 2, 3) and ev.geo_precision in (1, 2, 3)
            assert ev.event_date <= ex.report.published
