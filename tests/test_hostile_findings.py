"""Issue 17: holes an outside attack run found (long paragraphs, hostile cells, library
errors outside the family, API schema gaps, small CLI and web paper cuts). Every attack
input is generated here, never committed."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from outposts.cli import cli
from outposts.config import Settings
from outposts.lang import load
from outposts.pipeline import Pipeline, bounded_pieces
from outposts.segment import Segmenter

_SENTENCES = Segmenter(load("en")).sentences
from outposts.records import Report, Segment

pytestmark = pytest.mark.usefixtures("gazetteer")

SENTENCES = [
    "Syrian government artillery shelled residential streets in the town of Ariha on Friday, "
    "killing three civilians, rescuers said.",
    "The Observatory said the strikes hit positions near Deir ez-Zor and al-Bukamal.",
    "Residents said the market was closed and many families had left for the camps.",
]


def long_paragraph(chars: int) -> str:
    out, n, i = [], 0, 0
    while n < chars:
        out.append(SENTENCES[i % len(SENTENCES)])
        n += len(out[-1]) + 1
        i += 1
    return " ".join(out)


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False,
                              prog_name="outposts")


def call(app, method: str, url: str, host: str = "127.0.0.1", **kw) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as c:
            return await c.request(method, url, **kw)
    return asyncio.run(go())


# -- 1-2: long paragraphs are coded in bounded pieces; a word budget per report ---------------

@settings(deadline=None, max_examples=100)
@given(st.text(alphabet=st.sampled_from("ab .\n!?XY"), max_size=400), st.integers(5, 60),
       st.integers(0, 30))
def test_bounded_pieces_are_exact_slices_within_the_limit(text, limit, start):
    seg = Segment("r", "paragraph", 0, start, start + len(text), text)
    pieces = bounded_pieces(seg, limit, _SENTENCES)
    if len(text) <= limit:
        assert pieces == [seg]
        return
    last = start
    for p in pieces:
        assert len(p.text) <= limit and p.text == text[p.start - start:p.end - start]
        assert p.start >= last and p.text.strip() == p.text and p.text
        assert not text[last - start:p.start - start].strip()  # only white space left out
        last = p.end
    assert not text[last - start:].strip()


def test_a_paragraph_over_the_model_limit_is_coded_in_pieces(monkeypatch):
    pipe = Pipeline(Settings(max_segment_chars=3000))
    monkeypatch.setattr(pipe.nlp, "max_length", 3000)  # spaCy's E088 past this
    text = "Shelling in Ariha\n\n" + long_paragraph(40_000)
    ex = pipe.extract(Report(id="long", text=text, title="Shelling in Ariha"))
    assert ex.events
    for ev in ex.events:
        assert text[ev.evidence_start:ev.evidence_end] == ev.evidence
    for m in ex.places:
        assert text[m.start:m.end] == m.text


def test_ingest_over_the_word_budget_fails_that_report_only(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Shelling in Ariha\n\n" + SENTENCES[0] + "\n", "utf-8")
    big = tmp_path / "big.txt"
    big.write_text("A long one\n\n" + long_paragraph(20_000) + "\n", "utf-8")
    db = tmp_path / "h.db"
    r = invoke("ingest", good, big, "--db", db, "--max-words", "1000")
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if "big.txt" in line]
    assert len(errors) == 1 and "too long" in errors[0] and "words" in errors[0], r.stderr
    assert json.loads(invoke("stats", "--db", db, "--format", "json").stdout)["reports"] == 1


def test_post_over_the_word_budget_is_a_json_422(tmp_path):
    from outposts.web import WebConfig, create_app

    app = create_app(WebConfig(db=str(tmp_path / "w.db")))
    body = json.dumps({"text": "word " * 100_001})
    r = call(app, "POST", "/api/reports", content=body,
             headers={"content-type": "application/json"})
    assert r.status_code == 422 and "too long" in r.json()["error"]


# -- 4: a news agency's name is a source, never a place; far-away areas need evidence ------------

def test_saba_news_agency_is_the_source_not_sabah_malaysia():
    from pathlib import Path

    import outposts

    root = Path(__file__).resolve().parents[1]
    exs = list(outposts.extract_reports([root / "examples" / "2021-02-18-marib-missile.json"]))
    places = {m.text: m.place for m in exs[0].places if m.comment is None}
    assert "Saba" not in places  # "Yemen's government-run Saba news agency reported"
    events = exs[0].events
    assert events and all(e.country == "Yemen" for e in events)
    missile = next(e for e in events if e.sub_event_type.startswith("Shelling"))
    assert missile.source == "Saba" and missile.actor2 == "Civilians (Yemen)"
    assert missile.location == "Ma'rib"


@pytest.mark.parametrize("text, resolved", [
    # any name before "news agency" is an outlet; a known outlet before an outlet word
    ("Houthi forces shelled Marib in Yemen on Monday, the Sabah news agency reported.", False),
    ("Houthi forces shelled Marib in Yemen on Monday, according to Fars.", False),
    # a province of another world region, with nothing else pointing at its country
    ("Houthi forces shelled Marib in Yemen. Officials from Sabah condemned the attack.", False),
    # ... and with its country named: strong evidence
    ("Houthi forces shelled Marib in Yemen. Officials from Sabah, Malaysia condemned it.", True),
])
def test_outlets_and_far_areas(text, resolved):
    import outposts

    mentions = [m for m in outposts.geoparse(text) if m.text in ("Sabah", "Fars")]
    assert any(m.place is not None for m in mentions) == resolved, mentions
    assert any(m.text == "Marib" and m.place and m.place.country_code == "YE"
               for m in outposts.geoparse(text))


def test_no_example_event_lands_in_another_region():
    """tests/test_examples.py checks location over all examples at once (>= 85% within
    25 km), so one event in Malaysia passed among the right ones: here each labelled
    event that is found must lie within 1,000 km of where the labels put it."""
    import math
    from pathlib import Path

    import outposts
    from outposts.read import iter_reports

    root = Path(__file__).resolve().parents[1]
    expected = json.loads((root / "tests" / "data" / "examples_expected.json").read_text("utf-8"))
    far = []
    for item in expected:
        reports = [r for r in iter_reports([str(root / item["file"])]) if isinstance(r, Report)]
        report = reports[item["line"] - 1] if "line" in item else reports[0]
        events = next(outposts.default_pipeline().run([report])).events
        for want in item["events"]:
            got = next((e for e in events if e.sub_event_type == want["sub_event_type"]), None)
            if got is None or got.latitude is None:
                continue
            p1, p2 = math.radians(want["latitude"]), math.radians(got.latitude)
            a = (math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2)
                 * math.sin(math.radians(got.longitude - want["longitude"]) / 2) ** 2)
            if 2 * 6371 * math.asin(math.sqrt(a)) > 1000:
                far.append((item["file"], want["sub_event_type"], got.location, got.country))
    assert far == []


# -- 5: CSV formula injection -------------------------------------------------------------------

def test_csv_cells_that_start_a_formula_are_neutralised():
    import csv
    import io
    from datetime import date

    from outposts.export import write_csv
    from outposts.records import Event

    ev = Event(event_id_cnty="X1", event_date=date(2021, 1, 2), time_precision=1,
               event_type="Battles", sub_event_type="Armed clash", actor1="@SUM(A1:A9)",
               report_id="r", evidence="=cmd|' /C calc'!A0", evidence_start=0, evidence_end=5,
               confidence=0.5, notes="+1+2", actor2="-3", location="\tTab", admin1="\rCR",
               patrons1=("=HYPERLINK(\"http://x\")",), latitude=-3.5, longitude=-60.25)
    fh = io.StringIO(newline="")
    write_csv([ev], fh)
    header, row = list(csv.reader(io.StringIO(fh.getvalue()[1:], newline="")))
    cells = dict(zip(header, row))
    for name in ("actor1", "evidence", "notes", "actor2", "location", "admin1", "patrons1"):
        assert cells[name].startswith("'"), (name, cells[name])
    assert cells["latitude"] == "-3.5" and cells["longitude"] == "-60.25"


# -- 6: every library error is an OutpostsError; a guessed date is warned ----------------------

REPORT = ("Shelling in Ariha\n\nSyrian government artillery shelled residential streets in the "
          "town of Ariha on Friday, killing three civilians, rescuers said.\n")


@pytest.mark.parametrize("call", [
    lambda o: o.extract(REPORT, published="2021-02-30"),
    lambda o: o.extract(REPORT, published="yesterday"),
    lambda o: o.extract(REPORT, published=20210218),
    lambda o: o.extract(b"\xff\xfe not utf-8"),
    lambda o: o.extract(b"\x00binary"),
    lambda o: o.extract(42),
    lambda o: o.geoparse(REPORT, published="2021-13-01"),
    lambda o: o.Report(id="r", text="x", published="2020-12-32"),
    lambda o: o.Report(id="r", text="x", published=3.5),
    lambda o: o.Report(id="r", text=b"bytes"),
])
def test_library_errors_are_in_the_family(call):
    import outposts

    with pytest.raises(outposts.OutpostsError):
        call(outposts)


def test_library_takes_iso_strings_and_bytes():
    from datetime import date

    import outposts

    assert outposts.Report(id="r", text="x", published="2020-12-18").published == date(2020, 12, 18)
    events = outposts.extract(REPORT.encode(), published="2021-12-05")
    assert events and events[0].location == "Ariha"


def test_a_date_guessed_as_today_is_warned():
    import warnings

    import outposts

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outposts.extract(outposts.Report(id="undated", text=REPORT, published=None))
    assert any(issubclass(w.category, outposts.OutpostsWarning) and "today" in str(w.message)
               for w in caught), [str(w.message) for w in caught]


# -- 7: the API and its schema agree (schemathesis, bounded, in process) ------------------------

@pytest.fixture
def api_app(tmp_path):
    from outposts.web import WebConfig, create_app

    return create_app(WebConfig(db=str(tmp_path / "api.db")))


@pytest.mark.parametrize("method, url, status", [
    ("GET", "/api/events?until=", 400),
    ("GET", "/api/events?since=", 400),
    ("GET", "/api/events?since=2021-W01-1", 400),
    ("GET", "/api/events?limit=+5", 400),
    ("GET", "/api/events?km=nan", 400),
    ("GET", "/api/events?km=20001", 400),
    ("GET", "/api/posture?km=20001", 400),
    ("GET", "/api/posture?at=", 400),
    ("GET", "/api/events?unmerged=", 400),
    ("GET", "/api/reports/x?show_abusive=", 400),
    ("GET", "/api/events?near=Nowhereville-on-Nothing", 400),
    ("GET", "/api/posture?near=Nowhereville-on-Nothing", 400),
])
def test_api_rejects_what_its_schema_rejects(api_app, method, url, status):
    from outposts.web.openapi import spec

    r = call(api_app, method, url)
    assert r.status_code == status and "error" in r.json(), (url, r.status_code, r.text)
    path = url.split("?")[0]
    op = spec()["paths"].get(path) or spec()["paths"]["/api/reports/{report_id}"]
    assert str(status) in op[method.lower()]["responses"]


def test_post_with_a_null_id_is_refused(api_app):
    r = call(api_app, "POST", "/api/reports", json={"id": None, "text": "Words."})
    assert r.status_code == 422 and "'id'" in r.json()["error"]


@pytest.mark.parametrize("method, url, allow", [
    ("DELETE", "/api/events", "GET"), ("GET", "/api/reports", "POST"),
    ("PUT", "/api/reports/x", "GET"), ("POST", "/api/meta", "GET"),
])
def test_405_carries_allow(api_app, method, url, allow):
    r = call(api_app, method, url)
    assert r.status_code == 405 and allow in r.headers.get("allow", ""), r.headers


def _operations():
    from outposts.web.openapi import spec

    return [(path, method) for path, ops in spec()["paths"].items() for method in ops]


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize("path, method", _operations())
def test_api_against_its_schema(api_app, path, method, mode):
    """Each operation, with data the schema allows and data it forbids, under all of
    schemathesis' checks (no 5xx, statuses and bodies as documented, invalid data
    refused, Allow on 405...): a few examples each, derandomized, so it stays bounded."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck

    schema = schemathesis.openapi.from_asgi("/openapi.json", api_app,
                                            headers={"host": "127.0.0.1"})
    from hypothesis.errors import Unsatisfiable
    from schemathesis.checks import positive_data_acceptance

    operation = schema[path][method]
    strategy = operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode))

    @settings(max_examples=12 if method == "post" else 25, deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def check(case):
        response = case.call(headers={"host": "127.0.0.1"})
        # What JSON Schema cannot say is answered as documented, but is no acceptance of
        # valid data: a comment's `parent` must name an earlier comment (422), a `near`
        # place must be in the gazetteer (400), an `after` cursor must be one the server gave (400).
        unknowable = (method == "post" and response.status_code == 422) or (
            response.status_code == 400 and ("no place called" in response.text
                                             or "not a cursor this server gave" in response.text))
        case.validate_response(response, excluded_checks=[positive_data_acceptance]
                               if unknowable else [])

    try:
        check()
    except Unsatisfiable:
        assert mode == "negative"  # nothing of this operation can be made invalid (no params)


# -- 8: small ones ----------------------------------------------------------------------------

@pytest.mark.parametrize("rid", ["a/b", "../x", "..", "a\\b"])
def test_ids_with_a_slash_are_refused_at_ingest(tmp_path, rid):
    from outposts.web import WebConfig, create_app

    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps({"id": rid, "text": REPORT}) + "\n"
                   + json.dumps({"id": "fine", "text": REPORT}) + "\n", "utf-8")
    db = tmp_path / "s.db"
    r = invoke("ingest", src, "--db", db)
    assert r.exit_code == 1 and "r.jsonl:1: 'id'" in r.stderr, r.stderr
    assert json.loads(invoke("stats", "--db", db, "--format", "json").stdout)["reports"] == 1
    app = create_app(WebConfig(db=str(db)))
    resp = call(app, "POST", "/api/reports", json={"id": rid, "text": REPORT})
    assert resp.status_code == 422 and "'id'" in resp.json()["error"]


@pytest.mark.parametrize("scheme, ok", [("Bearer", True), ("bearer", True), ("BEARER", True),
                                        ("Basic", False), ("Bearerx", False)])
def test_bearer_scheme_is_case_insensitive(tmp_path, scheme, ok):
    from outposts.web import WebConfig, create_app

    app = create_app(WebConfig(db=str(tmp_path / "t.db"), token="s3cret"))
    r = call(app, "POST", "/api/reports", json={"text": "   "},
             headers={"authorization": f"{scheme} s3cret"})
    assert (r.status_code != 401) == ok, r.text


@pytest.mark.parametrize("bind, host, status", [
    ("127.0.0.2", "127.0.0.2:8000", 200), ("127.0.0.1", "127.0.0.1:8000", 200),
    ("127.0.0.1", "[::1]:8000", 200), ("::1", "[::1]:8000", 200),
    ("127.0.0.2", "evil.example:8000", 400), ("127.0.0.1", "localtest.me", 400),
])
def test_host_check_accepts_loopback_addresses(tmp_path, bind, host, status):
    from outposts.web import WebConfig, create_app

    app = create_app(WebConfig(db=str(tmp_path / "h.db"), host=bind))
    r = call(app, "GET", "/api/meta", headers={"host": host})
    assert r.status_code == status, r.text


@pytest.mark.parametrize("args", [("events",), ("stats",), ("posture",),
                                  ("timeline", "some-site"), ("serve", "--port", "0")])
def test_read_only_commands_do_not_create_a_store(tmp_path, args):
    db = tmp_path / "typo" / "deeper" / "evnets.db"
    r = CliRunner().invoke(cli, [*args, "--db", str(db)], prog_name="outposts")
    assert r.exit_code == 1 and "no store at" in r.output + (r.stderr or ""), r.output
    assert not (tmp_path / "typo").exists()


def test_more_comments_than_the_limit_print_a_warning(tmp_path):
    src = tmp_path / "thread.json"
    src.write_text(json.dumps({"text": REPORT, "comments": [f"comment {i}" for i in range(7)]}))
    r = invoke("comments", src, "--max-comments", "5")
    warnings = [line for line in r.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "more than 5 comments" in warnings[0], r.stderr
    assert len(r.stdout.splitlines()) == 5
    r = invoke("extract", src, "--max-comments", "5", "--published", "2021-12-05")
    assert any("more than 5 comments" in line for line in r.stderr.splitlines()), r.stderr
    text = tmp_path / "thread.txt"
    text.write_text("Title\n\n" + REPORT + "\n\n\n" + "\n\n".join(f"c {i}" for i in range(7)))
    r = invoke("comments", text, "--max-comments", "5")
    assert "more than 5 comments" in r.stderr


def test_strict_keeps_the_output_of_good_lines_before_the_bad_one(tmp_path):
    src = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "good", "text": REPORT, "published": "2021-12-05"})
    later = json.dumps({"id": "later", "text": REPORT, "published": "2021-12-05"})
    src.write_text(good + "\n{not json\n" + later + "\n", "utf-8")
    r = invoke("extract", "--strict", src)
    assert r.exit_code == 1 and "mixed.jsonl:2" in r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and {row["report_id"] for row in rows} == {"good"}
    db = tmp_path / "s.db"
    assert invoke("ingest", "--strict", src, "--db", db).exit_code == 1
    assert json.loads(invoke("stats", "--db", db, "--format", "json").stdout)["reports"] == 1


def test_encoding_option_reads_other_encodings(tmp_path):
    src = tmp_path / "cp1252.txt"
    src.write_bytes(("Shelling in Ariha\n\n" + REPORT.split("\n\n")[1].replace(
        "rescuers said", "rescuers said \u2013 “no warning”")).encode("cp1252"))
    r = invoke("extract", src, "--published", "2021-12-05")
    assert r.exit_code == 1 and "invalid UTF-8" in r.stderr and "--encoding" in r.stderr
    r = invoke("extract", src, "--published", "2021-12-05", "--encoding", "cp1252")
    assert r.exit_code == 0, r.stderr
    assert "“no warning”" in json.loads(r.stdout.splitlines()[0])["evidence"]
    bad = invoke("extract", src, "--encoding", "utf-16")
    assert bad.exit_code == 2 and "ASCII-compatible" in bad.stderr
    assert invoke("extract", src, "--encoding", "klingon").exit_code == 2


def _event(**kw):
    from datetime import date

    from outposts.records import Event

    base = dict(event_id_cnty="SYR-1", event_date=date(2021, 12, 3), time_precision=1,
                event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack",
                actor1="Military Forces of Syria (2000-)", report_id="r", evidence="<b>&",
                evidence_start=0, evidence_end=3, confidence=0.8, latitude=35.81,
                longitude=36.61, location="Ariha", fatalities=3, actor2="Civilians (Syria)")
    base.update(kw)
    return Event(**base)


def test_kml_carries_the_acled_fields_as_extended_data():
    import io
    import xml.etree.ElementTree as ET

    from outposts.export import write_kml
    from outposts.records import ACLED_COLUMNS

    fh = io.StringIO()
    write_kml([_event()], fh)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.fromstring(fh.getvalue())
    data = {d.get("name"): d.findtext("k:value", namespaces=ns)
            for d in root.iterfind(".//k:Placemark/k:ExtendedData/k:Data", ns)}
    assert set(ACLED_COLUMNS) <= set(data)
    assert data["actor2"] == "Civilians (Syria)" and data["fatalities"] == "3"
    assert data["evidence"] == "<b>&" and data["event_date"] == "2021-12-03"


def test_geojson_timestamp_is_when_the_events_were_coded(tmp_path, monkeypatch):
    import time

    src = tmp_path / "r.txt"
    src.write_text("Shelling in Ariha\n\n" + REPORT.split("\n\n")[1], "utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = int(time.time())
    r = invoke("extract", src, "--published", "2021-12-05", "--format", "geojson")
    stamps = {f["properties"]["timestamp"] for f in json.loads(r.stdout)["features"]}
    assert len(stamps) == 1 and before <= stamps.pop() <= int(time.time())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    db = tmp_path / "t.db"
    invoke("ingest", src, "--db", db, "--published", "2021-12-05")
    rows = [json.loads(x) for x in invoke("events", "--db", db, "--format", "jsonl",
                                          "--unmerged").stdout.splitlines()]
    assert rows and {row["timestamp"] for row in rows} == {1700000000}


def test_geoparse_offers_only_the_options_it_uses():
    text = invoke("geoparse", "--help").stdout
    assert "--no-comments" not in text and "--coder" not in text
    assert "--country" in text and "--language" in text and "--max-bytes" in text


def test_info_table_is_aligned():
    lines = invoke("info").stdout.splitlines()
    starts = {len(line) - len(line.split(maxsplit=1)[1]) for line in lines if " " in line}
    assert len(starts) == 1, lines


def test_ingest_summary_grammar(tmp_path):
    src = tmp_path / "one.txt"
    src.write_text("Shelling in Ariha\n\n" + REPORT.split("\n\n")[1], "utf-8")
    r = invoke("ingest", src, "--db", tmp_path / "g.db", "--published", "2021-12-05")
    assert "ingested 1 report (1 event); 0 already stored; 0 errors" in r.stderr, r.stderr


# -- 3: gazetteer import streams lines of bounded length ------------------------------------------

def test_gazetteer_import_of_one_huge_line_stays_in_bounded_memory(tmp_path, gazetteer):
    """A small .gz holding one 50 MB line (the attack had 2.75 GiB): the line is read
    through and skipped with a warning, the other rows imported, memory far under the
    line's size."""
    import gzip
    import tracemalloc

    import shutil

    from outposts.places import Gazetteer
    from outposts.places.importer import import_file

    src = tmp_path / "sites.csv.gz"
    with gzip.open(src, "wb", compresslevel=9) as fh:
        fh.write(b"name,latitude,longitude\n")
        chunk = b"x" * (1 << 20)
        for _ in range(50):
            fh.write(chunk)
        fh.write(b"\nHostile Test Outpost,35.5,40.25\n")
    assert src.stat().st_size < 200_000
    gaz_path = tmp_path / "g.sqlite"
    shutil.copy(gazetteer, gaz_path)  # a copy: the import writes into it
    heard: list[str] = []
    with Gazetteer.open(gaz_path) as gaz:
        tracemalloc.start()
        n = import_file(gaz, src, warn=heard.append)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert n == 1 and gaz.lookup("Hostile Test Outpost", limit=1)
    assert peak < 12 * 1024 * 1024, peak  # the line alone is 50 MB
    assert len(heard) == 1 and "skipped 1 line" in heard[0] and "line 2" in heard[0]


# -- 9: a newcomer's first minutes --------------------------------------------------------------

def test_setup_is_not_silent_and_the_first_example_is_bundled():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    make = (root / "Makefile").read_text("utf-8")
    pip_lines = [line for line in make.splitlines() if "$(PIP) install" in line]
    assert pip_lines and not any(" -q" in line for line in pip_lines), pip_lines
    readme = (root / "README.md").read_text("utf-8")
    first = next(line for line in readme.splitlines() if line.startswith("$ outposts "))
    path = first.split()[3]
    assert not path.startswith("../") and (root / path).is_file(), first
