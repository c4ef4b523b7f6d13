"""Hostile input: property-based tests of every reader, the segmenter, the date
resolver and the gazetteer importer (issue 8).

The invariants, for any input at all:

* the only exception is the project's own: :class:`InputError` from readers
  (yielded, for ``iter_reports``/``iter_jsonl``/``read_stream``), and
  :class:`InputError` or :class:`GazetteerError` from the importer; the date
  resolver and the segmenter never raise;
* bounded time per input: every property carries a generous per-example
  ``deadline`` (a hang or a regex blow-up fails it), not a throughput test;
* bounded memory: what comes out respects :class:`Limits` (comments per
  report, characters per comment, bytes per report, HTML depth).

How many examples each property runs is the Hypothesis profile's business
(``tests/conftest.py``: 200, derandomized when ``$CI`` is set). The long,
coverage-guided runs are the atheris harnesses in ``fuzz/`` (``make fuzz``).
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import tempfile
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from outposts.code.dates import find_dateline, find_dates
from outposts.errors import GazetteerError, InputError
from outposts.read import Limits, iter_jsonl, parse_html, parse_json, parse_text, read_stream
from outposts.read.jsonio import report_from_obj
from outposts.records import Report
from outposts.segment import segment

SMALL = Limits(max_bytes=4000, max_comments=3, max_comment_chars=40, max_html_depth=30)
FAST = timedelta(seconds=2)  # per example; real cost is milliseconds
SLOW = timedelta(seconds=10)  # per example for HTML (trafilatura) and imports (sqlite)

# Characters that stress the readers: every kind of line break and blank,
# controls, BOM, bidi and zero-width marks, surrogate-free astral text.
_ODD = "\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\xa0\u2028\u2029\u200b\u202e\ufeff\x00\x7f \"'{}[],:<>/&;#"
_WORDS = ["On", "8", "May", "2020", "Thursday", "last", "week", "yesterday", "December", "17",
          "Dec.", "2021-03-09", "09/03/2021", "3", "days", "ago", "since", "early", "mid", "late",
          "the", "of", "DEIR", "EZZOR,", "—", "comment", "killed", "-", "for", "almost", "years"]
text_chars = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(_ODD), max_size=600)
wordy = st.lists(st.sampled_from(_WORDS) | st.sampled_from(_ODD) | st.text(max_size=4),
                 max_size=80).map(lambda ws: " ".join(ws))
any_text = text_chars | wordy


def _ok_report(report: Report, limits: Limits) -> None:
    assert isinstance(report, Report)
    assert report.text.strip()
    assert len(report.comments) <= limits.max_comments
    for c in report.comments:
        assert len(c.text) <= limits.max_comment_chars
    # Everything that reaches a store or an export must be encodable.
    for s in (report.id, report.text, report.title or "", report.url or "", report.outlet or "",
              *(c.text for c in report.comments), *(c.author or "" for c in report.comments)):
        s.encode("utf-8")


def _segments_ok(report: Report) -> None:
    segs = segment(report)
    for n, s in enumerate(segs):
        assert s.index == n
        source = report.text if s.comment is None else report.comments[
            [c.index for c in report.comments].index(s.comment)].text
        assert source[s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()


# --- plain text ---------------------------------------------------------------------------


@settings(deadline=FAST)
@given(any_text)
@example("\x1c\n\n\nx")
@example("\n \n\t\n")
def test_parse_text_never_crashes_and_respects_limits(text):
    try:
        report = parse_text(text, "t.txt", limits=SMALL)
    except InputError:
        return
    _ok_report(report, SMALL)
    _segments_ok(report)


@settings(deadline=FAST)
@given(st.binary(max_size=5000))
def test_read_stream_any_bytes(data):
    items = list(read_stream(io.BytesIO(data), "-", limits=SMALL))
    assert items
    for item in items:
        if isinstance(item, InputError):
            continue
        _ok_report(item, SMALL)
        _segments_ok(item)
    if len(data) > SMALL.max_bytes and not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        assert all(isinstance(i, InputError) for i in items)


# --- JSON / JSONL -------------------------------------------------------------------------

json_scalars = (st.none() | st.booleans() | st.integers() | st.floats() | any_text
                | st.sampled_from(["2020-12-18", "2020-02-30", "0000-01-01", "\ud800", "x\udfff"]))
json_values = st.recursive(json_scalars, lambda kids: st.lists(kids, max_size=4)
                           | st.dictionaries(st.text(max_size=8), kids, max_size=4), max_leaves=20)
comment_obj = st.fixed_dictionaries({}, optional={"text": json_values | any_text,
                                                  "author": json_values, "parent": json_values})
report_obj = st.fixed_dictionaries({}, optional={
    "id": json_values, "url": json_values, "title": json_values | any_text,
    "published": json_values, "outlet": json_values, "text": any_text | json_values,
    "comments": st.lists(comment_obj | any_text | json_values, max_size=6) | json_values,
})


@settings(deadline=FAST)
@given(report_obj | json_values)
def test_report_from_any_json_value(obj):
    try:
        report = report_from_obj(obj, "r.json", limits=SMALL)
    except InputError:
        return
    _ok_report(report, SMALL)
    _segments_ok(report)


@settings(deadline=FAST)
@given(report_obj.map(lambda o: json.dumps(o).encode()) | st.binary(max_size=3000)
       | st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n)
       | st.sampled_from([b'{"text": "\\ud800"}', b'{"text": "a", "id": "\\udfff"}',
                          b'{"text": "a", "comments": ["\\ud83d"]}', b'{"text": NaN}']))
def test_parse_json_any_bytes(data):
    try:
        report = parse_json(data, "r.json", limits=SMALL)
    except InputError:
        return
    _ok_report(report, SMALL)


@settings(deadline=FAST)
@given(st.lists(report_obj.map(lambda o: json.dumps(o).encode()) | st.binary(max_size=300)
                | st.just(b"x" * 5000), max_size=8))
def test_iter_jsonl_any_lines(lines):
    data = b"\n".join(lines)
    n_lines = data.count(b"\n") + 1
    items = list(iter_jsonl(io.BytesIO(data), "r.jsonl", limits=SMALL))
    assert len(items) <= n_lines
    for item in items:
        if isinstance(item, InputError):
            assert item.line is not None and 1 <= item.line <= n_lines
        else:
            _ok_report(item, SMALL)


# --- HTML ---------------------------------------------------------------------------------

_CLASSES = ["comment", "comments", "comment-content", "comment-body", "comment-author", "fn",
            "says", "reply", "comment-respond", "comments-closed", "entry-content", "article",
            "li-comment-3", "comment-12", ""]
_TAGS = ["div", "p", "li", "ul", "article", "section", "span", "b", "br", "script", "form",
         "blockquote", "h1", "time", "meta", "table", "tr", "td", "svg", "template"]
_CHARSETS = ["utf-8", "utf-16", "utf-7", "latin-1", "cp1252", "idna", "punycode", "rot13",
             "hex", "base64", "zlib", "raw_unicode_escape", "unicode_escape", "uu", "bogus",
             "mbcs", "utf-32", "shift_jis", "quopri", "bz2"]


def _element(children_and_text):
    tag, cls, ident, kids = children_and_text
    attrs = (f' class="{cls}"' if cls else "") + (f' id="{ident}"' if ident else "")
    inner = "".join(kids)
    return f"<{tag}{attrs}>{inner}</{tag}>"


html_text = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(_ODD), max_size=40)
html_tree = st.recursive(
    html_text,
    lambda kids: st.tuples(st.sampled_from(_TAGS), st.sampled_from(_CLASSES),
                           st.sampled_from(_CLASSES), st.lists(kids, max_size=4)).map(_element),
    max_leaves=30,
)


def _page(body: str, charset: str | None, ld: str | None) -> bytes:
    head = (f'<meta charset="{charset}">' if charset else "") + (
        f'<script type="application/ld+json">{ld}</script>' if ld is not None else "")
    return f"<html><head>{head}<title>T</title></head><body>{body}</body></html>".encode(
        "utf-8", "surrogatepass")


html_pages = (
    st.builds(_page, html_tree, st.none() | st.sampled_from(_CHARSETS),
              st.none() | st.sampled_from(['{"datePublished": "2020-13-45"}', "[" * 5000,
                                           '[{"datePublished": 7}]', "{bad"]))
    | st.binary(max_size=2000)
    | st.builds(lambda cs, raw: f'<meta charset="{cs}">'.encode() + raw,
                st.sampled_from(_CHARSETS), st.binary(max_size=400))
    | st.integers(1, 400).map(lambda n: b"<div>" * n + b"deep" + b"</div>" * n)
)


@pytest.fixture(scope="module", autouse=False)
def _trafilatura_loaded():
    import trafilatura  # noqa: F401  (its import is slow: keep it out of the deadline)

    parse_html(b"<html><body><p>warm up</p></body></html>", "warm.html")


@settings(deadline=SLOW, suppress_health_check=[HealthCheck.too_slow])
@given(html_pages)
@example(b'<meta charset="idna"><p>' + b"a" * 70 + b".</p>")
@example(b'<meta charset="raw_unicode_escape"><p>\\ud800 x</p>\xff')
def test_parse_html_any_page(_trafilatura_loaded, data):
    try:
        report = parse_html(data, "p.html", limits=SMALL)
    except InputError:
        return
    _ok_report(report, SMALL)
    _segments_ok(report)


def test_html_depth_limit_is_enforced_and_deep_pages_do_not_recurse():
    deep = b"<html><body>" + b"<div>" * 3000 + b"<p>deep text</p>" + b"</div>" * 3000
    with pytest.raises(InputError, match="nested deeper"):
        parse_html(deep, "deep.html")
    # A user who raises the limit gets a report or an InputError, never a
    # RecursionError (libxml2 itself stops nesting at 256 levels).
    try:
        report = parse_html(b"<p>Top text.</p>" + deep + b'<div class="comments">'
                            b'<div class="comment">' + b"<b>" * 2000 + b"hi" + b"</b>" * 2000
                            + b"</div></div>", "deep.html", limits=Limits(max_html_depth=10_000))
    except InputError:
        return
    _ok_report(report, Limits())


# --- segmenter ----------------------------------------------------------------------------


@settings(deadline=FAST)
@given(any_text.filter(str.strip), st.none() | any_text,
       st.lists(any_text, max_size=5))
def test_segment_any_report(text, title, comments):
    from outposts.records import Comment

    report = Report(id="r-1", text=text, title=title,
                    comments=tuple(Comment(i, c) for i, c in enumerate(comments)))
    _segments_ok(report)


# --- dates --------------------------------------------------------------------------------

report_dates = st.none() | st.dates() | st.sampled_from([date.min, date.max, date(1, 1, 7),
                                                          date(9999, 12, 25)])


@settings(deadline=FAST)
@given(any_text, report_dates)
@example("29 February", date(1, 3, 1))
@example("last month, 3 months ago, earlier this week", date.min)
@example("next Sunday, last weekend, tomorrow", date.max)
def test_find_dates_never_raises(text, report_date):
    found = find_dates(text, report_date)
    end = 0
    for m in found:
        assert 0 <= end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.earliest <= m.value <= m.latest
        assert m.time_precision in (1, 2, 3)
        end = m.end
    assert find_dateline(text) is None or isinstance(find_dateline(text), date)


@settings(deadline=FAST)
@given(st.integers(1000, 60_000), st.sampled_from(["9 ", "May ", "last ", "- ", "2020-", "1/",
                                                   "since ", "the ", "  "]))
def test_find_dates_is_linear_on_repetitive_text(n, unit):
    # Regex blow-ups show on long runs of one near-match; the deadline catches them.
    find_dates(unit * (n // len(unit)), date(2020, 12, 18))
    find_dateline(unit * (n // len(unit)))


# --- gazetteer importer -------------------------------------------------------------------


def _import(data: bytes, suffix: str, limit: int = 200_000):
    from outposts.places.build import SCHEMA
    from outposts.places.importer import import_into

    con = sqlite3.connect(":memory:")
    con.executescript(SCHEMA)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"places{suffix}"
        path.write_bytes(data)
        try:
            n = import_into(con, path, max_bytes=limit, record=False)
        except (InputError, GazetteerError):
            return None
        finally:
            rows = con.execute("SELECT count(*) FROM places").fetchone()[0]
            con.close()
    assert rows <= n  # all or nothing; INSERT OR REPLACE may merge ids
    return n


_num = (st.floats(allow_nan=True, allow_infinity=True).map(repr) | st.integers().map(str)
        | st.sampled_from(["", "1e400", "-0", "nan", "33.5", " 12 ", "1_000", "٣٣"]))
_cell = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(_ODD), max_size=12)
csv_rows = st.lists(st.lists(_cell | _num, min_size=0, max_size=9), max_size=6)


def _csv(header: list[str], rows) -> bytes:
    buf = io.StringIO()
    import csv as _csv_mod

    w = _csv_mod.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8", "surrogatepass")


@settings(deadline=SLOW, suppress_health_check=[HealthCheck.too_slow])
@given(st.builds(_csv, st.just(["name", "latitude", "longitude", "aliases", "country_code",
                                "feature_code", "admin1"]), csv_rows)
       | st.binary(max_size=2000) | st.just(b"name,latitude,longitude\n" + b'"' + b"x" * 200_000),
       st.sampled_from([".csv", ".txt", ".dat"]))
def test_import_any_csv(data, suffix):
    _import(data, suffix)


geo_feature = st.fixed_dictionaries({}, optional={
    "type": st.just("Feature") | json_values,
    "geometry": st.fixed_dictionaries({"type": st.just("Point") | json_values},
                                      optional={"coordinates": st.lists(
                                          st.floats() | st.integers() | json_values, max_size=3)
                                          | json_values}) | json_values,
    "properties": st.fixed_dictionaries({}, optional={
        k: json_values | any_text for k in ("name", "aliases", "country_code", "feature_code",
                                             "admin1", "geonameid", "population")}) | json_values,
}) | json_values
geojson_docs = st.builds(lambda feats: {"type": "FeatureCollection", "features": feats},
                         st.lists(geo_feature, max_size=4) | json_values) | json_values


@settings(deadline=SLOW, suppress_health_check=[HealthCheck.too_slow])
@given(geojson_docs.map(lambda d: json.dumps(d).encode("utf-8", "surrogatepass"))
       | st.integers(1, 5000).map(lambda n: b'{"type": ' + b"[" * n + b"]" * n + b"}"),
       st.sampled_from([".geojson", ".json"]))
def test_import_any_geojson(data, suffix):
    _import(data, suffix)


geonames_line = st.lists(_cell | _num, min_size=17, max_size=21).map("\t".join)


@settings(deadline=SLOW, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(geonames_line | st.just(
    "99000002\tAl Hamimah\tAl Hamimah\tHamimah\t34.65\t39.1\tP\tPPL\tSY\t\t11\t\t\t\t1200\t\t420"
    "\tAsia/Damascus\t2024-01-01") | st.just(
    "9" * 30 + "\tBig\tBig\t\t1\t1\tP\tPPL\tSY\t\t11\t\t\t\t" + "9" * 30 + "\t\t1\tX\t2024-01-01"),
    max_size=5).map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")))
def test_import_any_geonames_dump(data):
    _import(data, ".txt")


def _zip(members: list[tuple[str, bytes]], method: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in members:
            zf.writestr(name or "x", data)
    return buf.getvalue()


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    b = bytearray(data)
    for at, value in edits:
        if b:
            b[at % len(b)] = value
    return bytes(b[:cut] if cut is not None else b)


_member = st.tuples(st.sampled_from(["SY.txt", "sites.csv", "x.geojson", "readme.txt", "a/", ""]),
                    st.binary(max_size=300) | st.builds(
                        _csv, st.just(["name", "latitude", "longitude"]), csv_rows))
archives = (
    st.builds(_mutate, st.builds(_zip, st.lists(_member, max_size=3, unique_by=lambda m: m[0]),
                                 st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                                  zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])),
              st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=4),
              st.none() | st.integers(0, 400))
    | st.builds(_mutate, st.binary(max_size=2000).map(gzip.compress),
                st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=4),
                st.none() | st.integers(0, 400))
)


@settings(deadline=SLOW, suppress_health_check=[HealthCheck.too_slow])
@given(archives, st.sampled_from([".zip", ".gz", ".txt"]))
def test_import_any_archive(data, suffix):
    _import(data, suffix, limit=2000)


def test_import_decompression_bomb_stops_at_the_limit():
    bomb = _zip([("SY.txt", b"\n" * 50_000_000)], zipfile.ZIP_DEFLATED)
    assert len(bomb) < 100_000
    with pytest.raises(GazetteerError, match="limit|decompressed"):
        _import_raising(bomb, ".zip", 1_000_000)
    # The declared size can lie (edited header): the stream is still capped.
    lying = bomb.replace((50_000_000).to_bytes(4, "little"), (10).to_bytes(4, "little"))
    with pytest.raises((GazetteerError, InputError)):
        _import_raising(lying, ".zip", 1_000_000)
    with pytest.raises(GazetteerError, match="decompressed"):
        _import_raising(gzip.compress(b"\n" * 5_000_000), ".gz", 1_000_000)


def _import_raising(data: bytes, suffix: str, limit: int) -> int:
    from outposts.places.build import SCHEMA
    from outposts.places.importer import import_into

    con = sqlite3.connect(":memory:")
    con.executescript(SCHEMA)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bomb{suffix}"
        path.write_bytes(data)
        try:
            return import_into(con, path, max_bytes=limit, record=False)
        finally:
            con.close()


# --- limits on the command line -----------------------------------------------------------


def _cli(args, input=None):
    from click.testing import CliRunner

    from outposts.cli import cli

    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def test_limit_flags_reach_the_readers(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text("Title\n\nBody text here.\n\n\nFirst comment is long.\n\nSecond.\n\nThird.\n",
                   encoding="utf-8")
    res = _cli(["comments", str(src), "--max-comments", "2", "--max-comment-chars", "5"])
    rows = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert [r["text"] for r in rows] == ["First", "Secon"]
    res = _cli(["comments", str(src), "--max-bytes", "10"])
    assert res.exit_code == 1 and "too large" in res.output
    html = tmp_path / "p.html"
    html.write_bytes(b"<html><body>" + b"<div>" * 20 + b"<p>x</p>" + b"</div>" * 20)
    res = _cli(["comments", str(html), "--max-html-depth", "10"])
    assert res.exit_code == 1 and "nested deeper than 10" in res.output
    for cmd in ("extract", "ingest", "geoparse", "comments"):
        help_text = _cli([cmd, "--help"]).output
        for flag in ("--max-bytes", "--max-comments", "--max-comment-chars", "--max-html-depth"):
            assert flag in help_text, (cmd, flag)
    res = _cli(["comments", str(src), "--max-comments", "0"])
    assert res.exit_code == 2


def test_gazetteer_import_max_decompressed_flag(tmp_path, gazetteer):
    import shutil

    from click.testing import CliRunner

    from outposts.cli import cli

    gaz = tmp_path / "g.sqlite"
    shutil.copy(gazetteer, gaz)
    gz = tmp_path / "SY.txt.gz"
    gz.write_bytes(gzip.compress(b"\n" * 100_000))
    args = ["gazetteer", "import", "--path", str(gaz), str(gz)]
    res = CliRunner().invoke(cli, args + ["--max-decompressed", "1000"])
    assert isinstance(res.exception, GazetteerError), res.output
    assert "over the 1000-byte limit" in str(res.exception) or "1000 bytes" in str(res.exception)
    res = CliRunner().invoke(cli, args)  # the default limit lets it through (no places in it)
    assert res.exit_code == 0, res.output
    assert "0 places imported" in res.output


# --- fuzz corpus replay -------------------------------------------------------------------

FUZZ = Path(__file__).parents[1] / "fuzz"


def _fuzz_inputs():
    for kind in ("seeds", "regressions"):
        for path in sorted((FUZZ / kind).glob("*/*")):
            yield pytest.param(path.parent.name, path, id=f"{kind}/{path.parent.name}/{path.name}")


@pytest.mark.parametrize(("target", "path"), list(_fuzz_inputs()))
def test_fuzz_seeds_and_regressions_replay(target, path):
    """Every seed, and every crash the fuzzers found (fixed since), through the
    same target function the atheris harness runs (no atheris needed)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("outposts_fuzz_targets", FUZZ / "targets.py")
    targets = sys.modules.get(spec.name)
    if targets is None:
        targets = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = targets
        spec.loader.exec_module(targets)
    targets.TARGETS[target](path.read_bytes())


# --- the crashes found, one by one (each fixed in the product code) -----------------------


def test_text_title_line_of_unusual_whitespace_is_blank():
    # Found by hypothesis: a first line of U+001C (whitespace to str.strip, not to the
    # reader's old [ \t\f\v] test) made an empty article with the real text as a comment.
    report = parse_text("\x1c\n\n\nBody line.\n", "t.txt")
    assert report.title == "Body line." and report.text.strip() and not report.comments
    report = parse_text("Title\n\nBody.\n\u2028\n\x85\nComment one.\n", "t.txt")
    assert [c.text for c in report.comments] == ["Comment one."]


def test_json_lone_surrogates_become_replacement_characters():
    # Found by hypothesis: "\ud800" is valid JSON but no UTF-8 encoder takes it
    # (UnicodeEncodeError in content_id, and later in SQLite and every export).
    data = (b'{"text": "Body \\ud800.", "title": "\\udfff", "comments": ["\\ud83d x",'
            b' {"text": "ok", "author": "\\udc00"}], "\\ud800": 1}')
    report = parse_json(data, "r.json")
    assert report.text == "Body \ufffd." and report.comments[0].text == "\ufffd x"
    assert report.comments[1].author == "\ufffd"
    assert "\ud83d\ude00" not in report.text  # (a real pair is decoded by json itself)
    assert parse_json(b'{"text": "\\ud83d\\ude00"}', "r.json").text == "\U0001F600"
    report = parse_json(b'{"id": "\\ud800", "text": "x"}', "r.json")
    assert report.id == "\ufffd"
    items = list(iter_jsonl(io.BytesIO(b'{"text": "\\udfff"}\n'), "r.jsonl"))
    assert items[0].text == "\ufffd"


def test_json_nul_escapes_become_replacement_characters():
    # Found by the web attack tests (issue 8): "\u0000" is valid JSON, SQLite stored it,
    # PostgreSQL refused the report ("text fields cannot contain NUL").
    data = b'{"id": "a\\u0000", "text": "Body\\u0000.", "comments": [{"text": "\\u0000"}]}'
    report = parse_json(data, "r.json")
    assert report.text == "Body\ufffd." and report.comments[0].text == "\ufffd"
    assert report.id == "a\ufffd"
    assert next(iter_jsonl(io.BytesIO(data + b"\n"), "r.jsonl")).text == "Body\ufffd."


@pytest.mark.usefixtures("_trafilatura_loaded")
@pytest.mark.parametrize("page", [
    # Found by hypothesis: a C0 control in the page reached lxml's text setter
    # (ValueError: All strings must be XML compatible) when comment sections were cut.
    b'<html><body><p>Article text.</p><div class="fn">\x1f<a class="comment"></a>0</div>',
    # Declared charsets that are not text encodings, or that raise UnicodeError.
    b'<meta charset="idna"><p>' + b"a" * 70 + b".\xff</p>",
    b'<meta charset="rot13"><p>Article\xff</p>',
    b'<meta charset="raw_unicode_escape"><p>\\ud800 text\xff</p>',
])
def test_html_control_characters_and_odd_charsets(page):
    try:
        report = parse_html(page, "p.html")
    except InputError:
        return
    _ok_report(report, Limits())


_POINT = (b'{"type": "FeatureCollection", "features": [{"geometry": {"type": "Point", '
          b'"coordinates": [1, 2]}, ')


@pytest.mark.parametrize(("data", "suffix"), [
    # Found by hypothesis (GeoJSON): wrong types anywhere were AttributeError/TypeError.
    (b'{"type": "FeatureCollection", "features": ["x"]}', ".geojson"),
    (b'{"type": "FeatureCollection", "features": true}', ".geojson"),
    (b'{"type": "FeatureCollection", "features": [{"geometry": [], "properties": 1}]}',
     ".geojson"),
    (_POINT + b'"properties": {"name": 7}}]}', ".geojson"),
    (_POINT + b'"properties": {"name": "a", "aliases": [1]}}]}', ".geojson"),
    (_POINT + b'"properties": {"name": "a", "geonameid": "x"}}]}', ".geojson"),
    (b'{"type": "FeatureCollection", "features": [{"geometry": {"type": "Point", '
     b'"coordinates": [1, ' + b"9" * 400 + b']}, "properties": {"name": "a"}}]}', ".geojson"),
    (b'{"type": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", ".geojson"),  # RecursionError
    # Found by hypothesis (GeoNames): ids past SQLite's INTEGER were OverflowError.
    (b"9" * 30 + b"\tBig\tBig\t\t1\t1\tP\tPPL\tSY\t\t11\t\t\t\t0\t\t1\tX\t2024-01-01", ".txt"),
    (b"1\tBig\tBig\t\t1\t1\tP\tPPL\tSY\t\t11\t\t\t\t" + b"9" * 30 + b"\t\t1\tX\t2024-01-01",
     ".txt"),
    # A CSV field past the csv module's limit was csv.Error.
    (b'name,latitude,longitude\n"' + b"x" * 200_000, ".csv"),
])
def test_importer_rejects_hostile_files_with_input_error(data, suffix):
    with pytest.raises(InputError):
        _import_raising(data, suffix, 10_000_000)


def _zip_bytes(**flags) -> bytes:
    data = bytearray(_zip([("SY.txt", b"x" * 300)], zipfile.ZIP_DEFLATED))
    if "flag_bit" in flags:  # general-purpose flag of the central directory entry
        cd = data.rfind(b"PK\x01\x02")
        data[cd + 8] |= flags["flag_bit"]
    if "method" in flags:
        cd = data.rfind(b"PK\x01\x02")
        data[cd + 10] = flags["method"]
    return bytes(data)


@pytest.mark.parametrize("data", [
    # Found by hypothesis: corrupt, encrypted or unsupported archives raised
    # RuntimeError, NotImplementedError, BadZipFile, zlib.error, EOFError, OSError.
    _zip_bytes(flag_bit=0x01),   # encrypted
    _zip_bytes(flag_bit=0x40),   # strong encryption
    _zip_bytes(flag_bit=0x20),   # compressed patched data
    _zip_bytes(method=99),       # unknown compression method
    _zip_bytes()[:60] + _zip_bytes()[-60:],  # truncated member
    # Found by atheris: an empty member name (IndexError in ZipInfo.is_dir).
    (FUZZ / "regressions" / "importer" / "zip-empty-member-name").read_bytes()[1:],
])
def test_importer_rejects_broken_zips_with_input_error(data):
    with pytest.raises((InputError, GazetteerError)):
        _import_raising(data, ".zip", 10_000_000)


def test_importer_rejects_broken_gzip_with_input_error():
    good = gzip.compress(b"x" * 3000)
    for bad in (good[:20], good[:10] + b"\0" * 10 + good[20:], b"\x1f\x8b" + b"\xff" * 30):
        with pytest.raises(InputError):
            _import_raising(bad, ".gz", 10_000_000)


@pytest.mark.usefixtures("_trafilatura_loaded")
def test_html_external_entities_and_resources_are_never_fetched():
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        server.settimeout(0.3)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/x"
        page = (f'<?xml version="1.0"?><!DOCTYPE html SYSTEM "{url}/dtd" '
                f'[<!ENTITY ext SYSTEM "{url}/ent">]><html><head>'
                f'<link rel="stylesheet" href="{url}/css"><base href="{url}/"></head><body>'
                f'<p>Article text &ext; here.</p><img src="{url}/img">'
                f'<iframe src="{url}/frame"></iframe></body></html>').encode()
        try:
            parse_html(page, "p.html")
        except InputError:
            pass
        with pytest.raises(socket.timeout):
            server.accept()
