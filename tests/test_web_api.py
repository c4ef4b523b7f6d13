"""The JSON API and pages of `outposts serve`, in-process through httpx's ASGI transport:
filters, paging, 404s, token rules, body limits, security headers, the OpenAPI document."""

from __future__ import annotations

import asyncio
import json
from datetime import date

import httpx
import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install 'outposts[web]')")

from test_posture import HANDS, SYRIA

from outposts.records import Comment, Event, Extraction, Report, TriagedComment
from outposts.store import open_store
from outposts.web import CSP, MAX_PAGE, WebConfig, create_app, is_loopback

pytestmark = pytest.mark.usefixtures("gazetteer")

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
MAYADIN = dict(location="Al Mayadin", latitude=35.0208, longitude=40.4517, geo_precision=1,
               country="Syria")


def _strike(rid: str, outlet: str, sentence: str, day: date, **kw) -> Extraction:
    text = f"Strike on Mayadin\n\nA first paragraph. {sentence} More words.\n\nAnother paragraph."
    start = text.index(sentence)
    comments = kw.pop("comments", ())
    triage = kw.pop("triage", ())
    ev = Event(event_id_cnty=f"SYR-{rid}", event_date=day, time_precision=1,
               event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
               actor1="Unidentified Military Forces", actor2="Militia (Pro-Iran)",
               patrons2=("Iran",), report_id=rid, evidence=sentence, evidence_start=start,
               evidence_end=start + len(sentence), confidence=0.8, source=outlet, fatalities=5,
               **MAYADIN, **kw)
    report = Report(id=rid, text=text, title="Strike on Mayadin", outlet=outlet,
                    published=day, comments=tuple(comments))
    return Extraction(report, (ev,), comments=tuple(triage))


def _extractions():
    comments = [Comment(0, "I live there, the strike hit the silos."),
                Comment(1, "Nonsense, it hit nothing. " + HOSTILE[0]),
                Comment(2, "You idiots are all traitors " + HOSTILE[1])]
    triage = [TriagedComment("web-a", 0, comments[0].text, ("eyewitness", "claim"), 0.05, "support"),
              TriagedComment("web-a", 1, comments[1].text, ("claim",), 0.1, "dispute"),
              TriagedComment("web-a", 2, comments[2].text, ("abusive",), 0.9)]
    a = _strike("web-a", "SOHR", "Warplanes struck militia positions in al-Mayadin.",
                date(2021, 3, 8), comments=comments, triage=triage, supported_by=(0,),
                disputed_by=(1,))
    b = _strike("web-b", "Deir Ezzor 24", "Aircraft hit a militia depot in al-Mayadin.",
                date(2021, 3, 8), fatalities_max=11)
    c = _strike("web-c", "SOHR", "A drone hit a car near al-Mayadin.", date(2021, 6, 1),
                source_kind="comment")
    return [a, b, c] + list(HANDS)


@pytest.fixture
def web_db(tmp_db):
    with open_store(tmp_db) as store:
        for ex in _extractions():
            assert store.add(ex)
    return str(tmp_db)


def call(app, method: str, url: str, host: str = "127.0.0.1", **kw) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as c:
            return await c.request(method, url, **kw)
    return asyncio.run(go())


@pytest.fixture
def app(web_db):
    return create_app(WebConfig(db=web_db))


def get(app, url, **kw):
    return call(app, "GET", url, **kw)


# -- events -------------------------------------------------------------------------------


def test_events_are_merged_incidents_with_paging(app):
    body = get(app, "/api/events").json()
    # 3 strikes (two reports of one incident) + the posture scenario's 8 events, merged
    ids = [e["id"] for e in body["events"]]
    assert body["total"] == len(ids) and not body["more"]
    strike = next(e for e in body["events"] if e["sub_event_type"] == "Air/drone strike"
                  and e["source_count"] == 2)
    assert set(strike["sources"]) == {"SOHR", "Deir Ezzor 24"}
    assert strike["fatalities"] == 5 and strike["fatalities_max"] == 11
    page1 = get(app, "/api/events?limit=2").json()
    page2 = get(app, "/api/events?limit=2&offset=2").json()
    assert page1["more"] and [e["id"] for e in page1["events"] + page2["events"]] == ids[:4]
    assert get(app, f"/api/events?offset={len(ids)}").json()["events"] == []
    unmerged = get(app, "/api/events?unmerged=true&limit=1000").json()
    assert len(unmerged["events"]) == 11


@pytest.mark.parametrize("query, expected", [
    ("type=Air/drone strike", 2),
    ("type=explosions/remote violence", 2),
    ("since=2021-06-01", 1),
    ("until=2020-12-31&since=2020-01-01", None),  # the Saraqib/Kafranbel scenario
    ("actor=pro-iran", 2),
    ("patron=iran", 2),
    ("patron=russia", 1),
    ("source_kind=comment", 1),
    ("source_kind=article&type=Air/drone strike", 1),
    ("near=Saraqib&km=5", None),
    ("near=Mayadin&km=10", 2),
])
def test_event_filters(app, query, expected):
    body = get(app, "/api/events?" + query).json()
    if expected is None:
        assert body["total"] > 0
        assert all(e["location"] in ("Saraqib", "Kafranbel") for e in body["events"])
        if "near" in query:
            assert {e["location"] for e in body["events"]} == {"Saraqib"}
    else:  # total is null where only a substring filter applies and there are more pages
        assert body["total"] == expected and len(body["events"]) == expected, body


@pytest.mark.parametrize("query", ["limit=0", f"limit={MAX_PAGE + 1}", "offset=-1",
                                   "since=2021-13-01", "until=soon", "km=-1&near=Raqqa",
                                   "source_kind=tweet", "unmerged=maybe", "near=Nowhereville123",
                                   "actor=" + "x" * 201])
def test_bad_parameters_are_400(app, query):
    r = get(app, "/api/events?" + query)
    assert r.status_code == 400 and r.json()["error"]


def test_event_detail_has_accounts_evidence_and_comments(app):
    detail = get(app, "/api/events/SYR-web-b").json()  # any account finds the incident
    assert detail["source_count"] == 2
    accounts = {a["report_id"]: a for a in detail["accounts"]}
    a = accounts["web-a"]
    assert a["context"][a["evidence_start"]:a["evidence_end"]] == a["evidence"]
    assert a["context"].startswith("A first paragraph.")
    assert [c["index"] for c in a["supported_by"]] == [0]
    assert [c["text"] for c in a["disputed_by"]] == ["Nonsense, it hit nothing. " + HOSTILE[0]]


@pytest.mark.parametrize("url", ["/api/events/SYR-nope", "/api/reports/nope",
                                 "/api/sites/gn:0/timeline", "/api/nothing-here"])
def test_not_found_is_json_404(app, url):
    r = get(app, url)
    assert r.status_code == 404 and "error" in r.json()


def test_unknown_page_is_html_404(app):
    r = get(app, "/reports/nope")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]


# -- reports, posture, timelines -------------------------------------------------------------


def test_report_hides_abusive_comments_unless_asked(app):
    body = get(app, "/api/reports/web-a").json()
    assert [c["index"] for c in body["comments"]] == [0, 1] and body["abusive_hidden"] == 1
    assert body["comments"][1]["labels"] == ["claim"] and body["comments"][1]["stance"] == "dispute"
    full = get(app, "/api/reports/web-a?show_abusive=1").json()
    assert [c["abusive"] for c in full["comments"]] == [False, False, True]
    assert [e["id"] for e in full["events"]] == ["SYR-web-a"]


def test_report_page_escapes_everything(app, web_db):
    hostile = Extraction(Report(id="evil", text="<b>bold</b> claim\n\nSecond <i>para</i>.",
                                title='<img src=x onerror="alert(1)">',
                                url="javascript:alert(1)",
                                comments=(Comment(0, HOSTILE[0]), Comment(1, HOSTILE[1]))))
    with open_store(web_db) as store:
        store.add(hostile)
    html = get(app, "/reports/evil").text
    for raw in HOSTILE + ["<b>bold</b>", '<img src=x onerror="alert(1)">']:
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html
    assert "<script>" not in html.replace('<script src="', "")  # only same-origin files


def test_posture_and_timeline(app):
    body = get(app, "/api/posture?at=2020-02-28").json()
    saraqib = next(s for s in body["sites"] if s["site"] == "Saraqib")
    assert saraqib["holder"] == "National Front for Liberation" and saraqib["patrons"] == ["Turkey"]
    kafranbel = next(s for s in body["sites"] if s["site"] == "Kafranbel")
    assert kafranbel["status"] == "contested"
    timeline = get(app, f"/api/sites/{saraqib['site_id']}/timeline").json()
    assert [iv["holder"] for iv in timeline["intervals"]][:1] == [SYRIA]
    assert len(timeline["intervals"]) == 3
    assert get(app, "/api/posture?at=yesterday").status_code == 400
    assert get(app, "/api/posture?at=2019-01-01").json()["sites"] == []


# -- writing: tokens, bodies -------------------------------------------------------------------

REPORT = {"id": "posted-1", "title": "Clashes in Raqqa", "published": "2021-05-02",
          "text": "Clashes in Raqqa\n\nOn Saturday, SDF fighters clashed with Islamic State "
                  "militants in Raqqa, the Syrian Observatory for Human Rights said.",
          "comments": [{"text": HOSTILE[0]}]}


def _post(app, body=None, host="127.0.0.1", token=None, ctype="application/json", raw=None):
    headers = {"content-type": ctype}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = raw if raw is not None else json.dumps(body or REPORT).encode()
    return call(app, "POST", "/api/reports", host=host, content=data, headers=headers)


@pytest.mark.parametrize("host, expected", [("127.0.0.1", True), ("::1", True),
                                            ("localhost", True), ("127.0.0.2", True),
                                            ("0.0.0.0", False), ("192.168.1.5", False),
                                            ("::", False), ("example.org", False)])
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_post_needs_a_token_beyond_loopback(web_db):
    open_app = create_app(WebConfig(db=web_db, host="0.0.0.0"))
    r = _post(open_app, host="192.0.2.10")
    assert r.status_code == 401 and "token" in r.json()["error"]
    locked = create_app(WebConfig(db=web_db, host="0.0.0.0", token="s3cret"))
    assert _post(locked, host="192.0.2.10").status_code == 401
    assert _post(locked, host="192.0.2.10", token="wrong").status_code == 401
    # a right token gets through the gate (then the body is checked: here an invalid one)
    r = _post(locked, host="192.0.2.10", token="s3cret", raw=b'{"text": 5}')
    assert r.status_code == 422


def test_loopback_with_a_token_still_requires_it(web_db):
    app = create_app(WebConfig(db=web_db, token="s3cret"))
    assert _post(app).status_code == 401
    assert _post(app, token="s3cret", raw=b"[1, 2]").status_code == 422


def test_loopback_refuses_foreign_host_headers(app):
    # DNS rebinding: a page elsewhere reaching 127.0.0.1 through its own name
    r = call(app, "GET", "/api/events", host="attacker.example")
    assert r.status_code == 400
    assert get(app, "/api/events", host="localhost:8000").status_code == 200


def test_post_rejects_wrong_type_bad_json_and_big_bodies(web_db):
    app = create_app(WebConfig(db=web_db, max_body=2048))
    assert _post(app, ctype="text/plain").status_code == 415
    assert _post(app, raw=b"{not json").status_code == 422
    big = dict(REPORT, text="x " * 5000)
    r = _post(app, body=big)
    assert r.status_code == 413 and "2048" in r.json()["error"]

    async def chunked():  # no Content-Length: counted as the body streams in
        async def gen():
            for _ in range(10):
                yield b"x" * 1000
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.post("/api/reports", content=gen(),
                                headers={"content-type": "application/json"})
    assert asyncio.run(chunked()).status_code == 413


@pytest.mark.slow
def test_post_ingests_a_report_once(web_db):
    app = create_app(WebConfig(db=web_db))
    r = _post(app)
    assert r.status_code == 201, r.text
    assert r.json()["added"] and r.json()["events"]
    again = _post(app)
    assert again.status_code == 200 and again.json()["added"] is False
    report = get(app, "/api/reports/posted-1?show_abusive=1").json()
    assert report["comments"][0]["text"] == HOSTILE[0]
    assert any(e["location"] == "Ar Raqqah" or "Raqqa" in e["location"]
               for e in get(app, "/api/events?since=2021-05-01").json()["events"])


# -- headers, static files, OpenAPI ----------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/reports/web-a", "/api/events", "/static/map.js",
                                 "/api/nothing", "/openapi.json"])
def test_security_headers_everywhere(app, url):
    r = get(app, url)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script_or_handlers(app):
    import re

    for url in ("/", "/reports/web-a"):
        html = get(app, url).text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), url
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", html), url
        assert "GeoNames" in html and "Natural Earth" in html


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py",
                                  "/static/..%2fapp.py", "/static//etc/passwd",
                                  "/static/vendor/../../pages.py"])
def test_static_files_stay_in_the_package(app, path):
    r = get(app, path)
    assert r.status_code == 404 and "def " not in r.text


def test_vendored_files_are_served_and_small(app):
    from pathlib import Path

    from outposts.web.app import static_dir

    vendor = Path(static_dir()) / "vendor"
    for name in ("leaflet-1.9.4.js", "leaflet.markercluster-1.5.3.js",
                 "countries-50m-world-atlas-2.0.2.json", "LICENSE-leaflet-1.9.4.txt",
                 "LICENSE-natural-earth.txt"):
        assert (vendor / name).is_file(), name
    assert (vendor / "countries-50m-world-atlas-2.0.2.json").stat().st_size < 1_000_000
    assert get(app, "/static/vendor/leaflet-1.9.4.js").status_code == 200
    # nothing on the pages comes from another origin
    html = get(app, "/").text + get(app, "/static/map.js").text
    assert "//unpkg" not in html and "cdn" not in html.lower() and "tileLayer" not in html
    assert "http://" not in html.replace("http://www.w3.org", "")


def test_openapi_document_validates_and_covers_every_route(app):
    from openapi_spec_validator import validate

    spec = get(app, "/openapi.json").json()
    validate(spec)
    from outposts.web import api

    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    for route in api.routes():
        if route.path == "/openapi.json":
            continue
        for method in route.methods - {"HEAD"}:
            assert (route.path, method.lower()) in documented, route.path


# -- the command -------------------------------------------------------------------------------


def test_serve_command_is_registered_and_refuses_a_bad_store(tmp_path):
    from click.testing import CliRunner

    from outposts.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "--token" in result.output and "OUTPOSTS_TOKEN" in result.output
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = CliRunner().invoke(cli, ["serve", "--db", str(bad), "--port", "0"])
    assert result.exit_code != 0
