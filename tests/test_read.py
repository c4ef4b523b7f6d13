"""Readers: plain text, JSON, JSONL, HTML, stdin, directories, bad input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from outposts.errors import InputError
from outposts.read import Limits, iter_reports, read_stream
from outposts.records import Report

FIX = Path(__file__).parent / "fixtures" / "read"


def reports(*inputs, **kw):
    return list(iter_reports([str(i) for i in inputs], **kw))


def one(*inputs, **kw):
    out = reports(*inputs, **kw)
    assert len(out) == 1, out
    return out[0]


# -- plain text ------------------------------------------------------------

def test_text_title_article_and_comments():
    r = one(FIX / "report-raqqa.txt")
    assert isinstance(r, Report)
    raw = (FIX / "report-raqqa.txt").read_text(encoding="utf-8")
    assert r.title == "ISIS Cells Attack SDF Checkpoint Near Raqqa"
    assert raw.startswith(r.text)  # offsets into text are offsets into the file
    assert r.text.endswith("after the clashes ended.")
    assert r.text.count("\n\n") == 3  # title + 3 paragraphs
    assert [c.index for c in r.comments] == [0, 1, 2]
    assert r.comments[0].text == "The coalition only shows up after the fighting is over, as usual."
    assert r.comments[1].text == (
        "They were killed near the old bridge, not at the checkpoint.\nMy cousin lives there.")
    assert r.comments[2].text == "Fake news. Nothing happened in al-Karama."
    assert r.origin == str(FIX / "report-raqqa.txt")
    assert r.published is None  # never guessed from the text


def test_text_crlf_is_normalised(tmp_path):
    raw = (FIX / "report-raqqa.txt").read_text(encoding="utf-8")
    p = tmp_path / "crlf.txt"
    p.write_bytes(raw.replace("\n", "\r\n").encode("utf-8"))
    r = one(p)
    assert "\r" not in r.text
    assert r.text == one(FIX / "report-raqqa.txt").text
    assert len(r.comments) == 3


def test_text_without_comments(tmp_path):
    p = tmp_path / "short.txt"
    p.write_text("Title here\n\nOne paragraph.\n\nTwo paragraph.\n", encoding="utf-8")
    r = one(p)
    assert r.text == "Title here\n\nOne paragraph.\n\nTwo paragraph."
    assert r.comments == ()


# -- ids ---------------------------------------------------------------------

def test_content_id_stable_and_content_sensitive(tmp_path):
    a = one(FIX / "report-raqqa.txt")
    b = one(FIX / "report-raqqa.txt")
    assert a.id == b.id and a.id.startswith("r-") and len(a.id) == 18
    p = tmp_path / "copy.txt"
    p.write_text((FIX / "report-raqqa.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert one(p).id == a.id  # the id depends on content, not on the path
    p.write_text((FIX / "report-raqqa.txt").read_text(encoding="utf-8") + "\n\nOne more comment.",
                 encoding="utf-8")
    assert one(p).id != a.id


def test_given_id_is_sanitised_and_bounded(tmp_path):
    p = tmp_path / "r.json"
    p.write_text(json.dumps({"id": "ab\x1b[31mc\n" + "x" * 500, "text": "Some text."}))
    r = one(p)
    assert r.id.startswith("ab[31mc") and "\x1b" not in r.id and len(r.id) == 128


# -- JSON / JSONL ------------------------------------------------------------

def test_json_report():
    r = one(FIX / "report-daraa.json")
    assert r.id == "sf-2021-0117"
    assert r.published == date(2021, 1, 17)
    assert r.outlet == "Example Front" and r.url.startswith("https://")
    assert [c.parent for c in r.comments] == [None, 0, None]
    assert r.comments[0].author == "observer"
    assert r.comments[2].text.startswith("Russia should leave")


def test_jsonl_bad_line_names_file_and_line_and_others_go_on():
    out = reports(FIX / "reports.jsonl")
    assert [type(x).__name__ for x in out] == ["Report", "InputError", "Report"]
    err = out[1]
    assert err.source == str(FIX / "reports.jsonl") and err.line == 2
    assert "published" in str(err) and str(err).startswith(f"{FIX / 'reports.jsonl'}:2: ")
    assert out[0].id == "101" and out[2].origin == f"{FIX / 'reports.jsonl'}:3"


@pytest.mark.parametrize("obj, needle", [
    ({"id": "x"}, "text"),
    ({"text": "   "}, "text"),
    ({"text": 5}, "text"),
    ({"text": "ok", "title": ["a"]}, "title"),
    ({"text": "ok", "published": "17/01/2021"}, "published"),
    ({"text": "ok", "comments": "nope"}, "comments"),
    ({"text": "ok", "comments": [{"author": "a"}]}, "comment 0"),
    ({"text": "ok", "comments": [{"text": "a", "parent": 3}]}, "parent"),
    ({"text": "ok", "id": {"a": 1}}, "id"),
    ([1, 2], "object"),
])
def test_jsonl_schema_errors(tmp_path, obj, needle):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": "fine"}\n' + json.dumps(obj) + "\n", encoding="utf-8")
    out = reports(p)
    assert isinstance(out[0], Report)
    assert isinstance(out[1], InputError) and out[1].line == 2 and needle in str(out[1])


def test_jsonl_malformed_json_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": "one"}\n{"text": \n{"text": "three"}\n', encoding="utf-8")
    out = reports(p)
    assert [type(x).__name__ for x in out] == ["Report", "InputError", "Report"]
    assert out[1].line == 2 and "invalid JSON" in str(out[1])


def test_deeply_nested_json_is_an_input_error(tmp_path):
    p = tmp_path / "deep.json"
    p.write_text('{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert isinstance(one(p), InputError)


# -- HTML --------------------------------------------------------------------

def test_html_article_metadata_and_threaded_comments():
    r = one(FIX / "report-idlib.html")
    assert isinstance(r, Report), r
    assert r.title == "Turkish Forces Shell Kurdish Positions North Of Aleppo"
    assert r.published == date(2021, 3, 5)
    assert r.outlet == "Example Front"
    assert r.text.startswith(r.title + "\n\nTurkish forces and their proxies")
    assert "Maranaz is shelled" not in r.text  # comments kept out of the article
    assert "Home" not in r.text and "Copyright" not in r.text
    assert [(c.index, c.parent) for c in r.comments] == [(0, None), (1, 0), (2, None)]
    assert r.comments[0].author == "Hasan"
    assert r.comments[0].text == "Maranaz is shelled every week. Nobody reports it."
    assert r.comments[1].text == "Because the SDF fires first from Tell Rifaat.\nCheck the videos."
    assert r.comments[1].author == "<script>alert(1)</script>"  # kept as text, escaped on export
    assert "Reply" not in " ".join(c.text for c in r.comments)


def test_html_unmarked_comment_section_and_declared_charset(tmp_path):
    p = tmp_path / "plain.html"
    p.write_bytes(
        '<html><head><meta charset="iso-8859-1"><title>Drone strike</title></head><body>'
        "<article><h1>Drone strike</h1><p>A drone struck a car near the caf\xe9 in Sarmada, "
        "killing two men, local activists said on Monday.</p></article>"
        '<section id="comments"><h3>2 Comments</h3><div class="x">first!</div>'
        '<div class="x">Sarmada again?</div></section></body></html>'.encode("latin-1"))
    r = one(p)
    assert isinstance(r, Report), r
    assert "caf\xe9" in r.text and r.published is None
    assert [c.text for c in r.comments] == ["first!", "Sarmada again?"]


def test_html_too_deep(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 50 + "<p>Text here.</p>" + "</div>" * 50
                 + "</body></html>")
    err = one(p, limits=Limits(max_html_depth=20))
    assert isinstance(err, InputError) and "deeper" in str(err)


def test_html_without_text(tmp_path):
    p = tmp_path / "empty.htm"
    p.write_text("<html><body><nav></nav></body></html>")
    err = one(p)
    assert isinstance(err, InputError) and "no article text" in str(err)


# -- bad input classes -------------------------------------------------------

@pytest.mark.parametrize("name, data, needle", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \n", "empty"),
    ("binary.txt", b"Title\n\nabc\x00def", "NUL byte at offset 10"),
    ("latin1.txt", b"Title\n\nCaf\xe9 bombed", "invalid UTF-8 at byte 10"),
    ("empty.json", b"", "empty"),
    ("binary.html", b"<html>\x00</html>", "NUL"),
    ("bad.json", b'{"text": "a",}', "invalid JSON"),
    ("report.docx", b"PK\x03\x04", "unknown extension"),
    ("noext", b"Title\n\ntext", "unknown extension"),
])
def test_bad_input_yields_input_error_naming_file(tmp_path, name, data, needle):
    p = tmp_path / name
    p.write_bytes(data)
    err = one(p)
    assert isinstance(err, InputError)
    assert err.source == str(p) and needle in str(err)
    assert "\n" not in str(err)


def test_invalid_utf8_names_the_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"Title\n\nline two\nCaf\xe9\n")
    err = one(p)
    assert err.line == 4 and "byte 19" in str(err)


def test_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("Title\n\n" + "x" * 200)
    err = one(p, limits=Limits(max_bytes=100))
    assert isinstance(err, InputError) and "too large" in str(err)
    big = tmp_path / "big.jsonl"
    big.write_text('{"text": "' + "x" * 200 + '"}\n{"text": "small"}\n')
    out = reports(big, limits=Limits(max_bytes=100))
    assert isinstance(out[0], InputError) and out[0].line == 1
    assert isinstance(out[1], Report) and out[1].origin.endswith(":2")


def test_missing_file_and_going_on():
    out = reports("/nonexistent/report.txt", FIX / "report-raqqa.txt")
    assert isinstance(out[0], InputError) and "no such file" in str(out[0])
    assert isinstance(out[1], Report)


def test_comment_limits(tmp_path):
    p = tmp_path / "many.json"
    comments = [{"text": "c" * 50} for _ in range(10)]
    p.write_text(json.dumps({"text": "body", "comments": comments}))
    r = one(p, limits=Limits(max_comments=3, max_comment_chars=20))
    assert len(r.comments) == 3 and all(len(c.text) == 20 for c in r.comments)


# -- directories and stdin ---------------------------------------------------

def test_directory_recursive_sorted_skips_hidden_and_unknown():
    out = reports(FIX / "tree")
    origins = [r.origin for r in out]
    tree = FIX / "tree"
    assert origins == [str(tree / "a.txt"), str(tree / "sub" / "b.json"),
                       f"{tree / 'sub' / 'deeper' / 'c.jsonl'}:1"]


def test_empty_directory(tmp_path):
    err = one(tmp_path)
    assert isinstance(err, InputError) and "no .txt" in str(err)


def test_stdin_plain_text():
    data = (FIX / "report-raqqa.txt").read_bytes()
    r = one("-", stdin=io.BytesIO(data))
    assert r.origin == "-" and len(r.comments) == 3
    assert r.id == one(FIX / "report-raqqa.txt").id


def test_stdin_json_object_and_jsonl():
    data = (FIX / "report-daraa.json").read_bytes()
    r = one("-", stdin=io.BytesIO(data))
    assert r.id == "sf-2021-0117" and r.origin == "-"
    out = list(read_stream(io.BytesIO((FIX / "reports.jsonl").read_bytes())))
    assert [type(x).__name__ for x in out] == ["Report", "InputError", "Report"]
    assert out[1].source == "-" and out[1].line == 2


def test_stdin_jsonl_larger_than_limit_is_streamed():
    lines = b"".join(b'{"text": "report number %d"}\n' % i for i in range(50))
    out = list(read_stream(io.BytesIO(lines), limits=Limits(max_bytes=200)))
    assert len(out) == 50 and all(isinstance(x, Report) for x in out)
    assert out[-1].origin == "-:50"


def test_stdin_text_too_large():
    err = one("-", stdin=io.BytesIO(b"Title\n\n" + b"x" * 300), limits=Limits(max_bytes=100))
    assert isinstance(err, InputError) and "too large" in str(err)


def test_stdin_binary():
    err = one("-", stdin=io.BytesIO(b"\x00\x01\x02"))
    assert isinstance(err, InputError) and err.source == "-"
