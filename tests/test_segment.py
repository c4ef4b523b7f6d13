"""Segmenter: title, paragraphs, comments, exact offsets."""

from __future__ import annotations

from pathlib import Path

from outposts.read import iter_reports
from outposts.records import Comment, Report
import pytest

from outposts.segment import segment, sentence_spans

FIX = Path(__file__).parent / "fixtures" / "read"


def _read(name):
    (r,) = list(iter_reports([str(FIX / name)]))
    return r


def test_plain_text_segments_and_offsets():
    r = _read("report-raqqa.txt")
    segs = segment(r)
    assert [s.kind for s in segs] == ["title"] + ["paragraph"] * 3 + ["comment"] * 3
    assert [s.index for s in segs] == list(range(7))
    raw = (FIX / "report-raqqa.txt").read_text(encoding="utf-8")
    for s in segs:
        assert s.report_id == r.id
        if s.kind == "comment":
            assert r.comments[s.comment].text[s.start:s.end] == s.text
        else:
            assert r.text[s.start:s.end] == s.text == raw[s.start:s.end]
            assert s.comment is None
            assert s.text == s.text.strip() and s.text
    assert segs[0].text == r.title
    assert segs[2].text.startswith("According to the sources")
    assert [s.comment for s in segs if s.kind == "comment"] == [0, 1, 2]
    assert segs[5].source_kind == "comment" and segs[1].source_kind == "article"


def test_json_single_newlines_split_and_no_title_segment():
    r = _read("report-daraa.json")
    segs = segment(r)
    # The JSON text does not repeat the title, so there is no title segment.
    assert [s.kind for s in segs] == ["paragraph"] * 3 + ["comment"] * 3
    assert segs[1].text == (
        "One soldier was killed, according to the Syrian Observatory for Human Rights.")
    for s in segs[:3]:
        assert r.text[s.start:s.end] == s.text


def test_blank_lines_win_over_single_newlines():
    text = "Head\n\nfirst line\nstill first\n\n  second  \n"
    r = Report(id="x", text=text, title="Head")
    segs = segment(r)
    assert [s.text for s in segs] == ["Head", "first line\nstill first", "second"]
    assert all(text[s.start:s.end] == s.text for s in segs)


def test_empty_comments_are_skipped_and_offsets_strip():
    r = Report(id="x", text="Body text.", comments=(
        Comment(0, "  padded  "), Comment(1, "   "), Comment(2, "last")))
    segs = segment(r)
    assert [(s.kind, s.comment, s.start, s.end, s.text) for s in segs] == [
        ("paragraph", None, 0, 10, "Body text."),
        ("comment", 0, 2, 8, "padded"),
        ("comment", 2, 0, 4, "last"),
    ]


def test_html_report_segments():
    r = _read("report-idlib.html")
    segs = segment(r)
    assert [s.kind for s in segs] == ["title"] + ["paragraph"] * 3 + ["comment"] * 3
    assert all(r.text[s.start:s.end] == s.text for s in segs if s.kind != "comment")


@pytest.mark.parametrize("text, expected", [
    ("Militants shelled Kafr Nabl. No one was hurt.", ["Militants shelled Kafr Nabl.", "No one was hurt."]),
    # abbreviations, initials and acronyms before a full stop are no sentence end
    ("U.S. forces left. Gen. Smith said the U.S. Army withdrew.",
     ["U.S. forces left.", "Gen. Smith said the U.S. Army withdrew."]),
    ("Fighters of the SDF. Later that day more came.", ["Fighters of the SDF. Later that day more came."]),
    ('He said: "They fled." Then the convoy left!  Why? 3 died.',
     ['He said: "They fled."', "Then the convoy left!", "Why?", "3 died."]),
    ("no capital after. the stop stays put", ["no capital after. the stop stays put"]),
    ("", []),
])
def test_sentence_spans_are_cautious(text, expected):
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == expected
    # in order, not overlapping, and only white space left between them
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert b <= c and text[b:c].strip() == ""


def test_subheads_and_hashtag_lines_are_furniture():
    from outposts.records import Report
    from outposts.segment import segment

    report = Report(id="f", title="Attacks", text=(
        "Attacks\n\nRENEWED ATTACKS\n\n#Attack #ELN #soldiers #Colombia 2024-09-03\n\n"
        "Gunmen attacked a police post on Friday, killing two officers.\n"))
    kinds = [s.kind for s in segment(report)]
    assert kinds == ["title", "furniture", "furniture", "paragraph"]


def test_a_list_of_other_stories_headlines_is_furniture():
    from outposts.records import Report
    from outposts.segment import segment

    text = ("Clashes near the dam\n\nFighters clashed near the dam on Sunday, officials said.\n\n"
            "- Floods cut the coastal road for a second week\n\n"
            "- Two killed as bus overturns on mountain pass\n\n"
            "- Festival draws record crowds to the old city\n\n"
            "- A list item that is prose ends with a full stop.\n")
    kinds = [s.kind for s in segment(Report(id="r", title="Clashes near the dam", text=text))]
    assert kinds == ["title", "paragraph", "furniture", "furniture", "furniture", "paragraph"]
    two = text.replace("- Festival draws record crowds to the old city\n\n", "")
    assert "furniture" not in [s.kind for s in segment(Report(id="r", title="Clashes near the dam", text=two))]
