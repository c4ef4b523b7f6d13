"""Attacks on the web face (issue 8), in-process through httpx's ASGI transport and, where
the HTTP server itself matters (raw paths, chunked bodies), against a real uvicorn on loopback:

- SQL injection (and wildcard, NUL, odd-Unicode, invalid-UTF-8 tricks) in every filter and
  path parameter of /api/events, /api/events/{id}, /api/posture, /api/sites/{id}/timeline,
  /api/reports/{id} and /reports/{id}, on SQLite and PostgreSQL: only 200/400/404, no row
  that was not there, and the tables intact afterwards;
- path traversal on /static (dot segments, encoded, backslashes, absolute paths, NUL bytes);
- oversized bodies on POST /api/reports (Content-Length, chunked, a lying Content-Length);
- missing and wrong tokens on the write endpoint, for loopback and non-loopback binds, and
  every other method on every API route;
- XSS payloads in every text field that reaches HTML (stored directly, and through a real
  ingest by POST), escaped; a CSP header on every HTML response; the default bind.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
from datetime import date
from html.parser import HTMLParser
from urllib.parse import quote

import httpx
import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install 'outposts[web]')")

from markupsafe import escape
from test_web_api import _extractions

from outposts.records import Comment, Event, Extraction, Report, TriagedComment
from outposts.store import open_store
from outposts.web import CSP, WebConfig, create_app

pytestmark = pytest.mark.usefixtures("gazetteer")
_DAY = date(2021, 3, 8)

# -- helpers --------------------------------------------------------------------------------


def call(app, method: str, url: str, host: str = "127.0.0.1", **kw) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as c:
            return await c.request(method, url, **kw)
    return asyncio.run(go())


def raw_asgi(app, path: str, *, method: str = "GET", query: bytes = b"",
             headers: list[tuple[bytes, bytes]] | None = None,
             body: list[bytes] | None = None) -> tuple[int, dict[bytes, bytes], bytes]:
    """One request straight into the ASGI app, the path exactly as given (no client-side
    normalisation of ``..`` or encoding): (status, headers, body)."""
    sent: list[dict] = []
    chunks = list(body or [b""])

    async def receive():
        if chunks:
            chunk = chunks.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path,
             "raw_path": path.encode("utf-8", "surrogateescape"), "query_string": query,
             "root_path": "", "headers": [(b"host", b"127.0.0.1"), *(headers or [])],
             "client": ("127.0.0.1", 40000), "server": ("127.0.0.1", 8000)}
    asyncio.run(app(scope, receive, send))
    start = sent[0]
    return (start["status"], {k.lower(): v for k, v in start["headers"]},
            b"".join(m.get("body", b"") for m in sent[1:]))


def raw_http(port: int, request: bytes, timeout: float = 10.0) -> tuple[int, bytes]:
    """Send bytes to a loopback server; (status, whole answer) of the first response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(request)
        data = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                head, _, rest = data.partition(b"\r\n\r\n")
                m = re.search(rb"content-length: *(\d+)", head, re.IGNORECASE)
                if m and len(rest) >= int(m[1]):
                    break
        except (ConnectionResetError, TimeoutError):
            pass
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def everything(store) -> tuple:
    """What is stored, for 'tables intact afterwards': counts, reports, events."""
    return (store.stats(), sorted(store.report_ids()),
            sorted(repr(e) for e in store.events()))


# -- the store under attack: the web API tests' data, on SQLite and PostgreSQL -------------


@pytest.fixture(params=["sqlite", "postgresql"])
def store_at(request, tmp_path):
    if request.param == "sqlite":
        url = str(tmp_path / "events.db")
    else:
        url = request.getfixturevalue("pg_url")
    with open_store(url) as store:
        for ex in _extractions():
            assert store.add(ex)
    return url


@pytest.fixture
def sqlite_app(tmp_db):
    with open_store(tmp_db) as store:
        for ex in _extractions():
            assert store.add(ex)
    return create_app(WebConfig(db=str(tmp_db)))


# -- injection in every parameter ----------------------------------------------------------

INJECTIONS = [
    "' OR 1=1 --", "' OR '1'='1", "\" OR \"\"=\"", "') OR ('1'='1", "1; DROP TABLE events",
    "1'; DROP TABLE reports; --", "x' UNION SELECT * FROM reports --",
    "' AND 1=(SELECT count(*) FROM sqlite_master) --", "1 OR pg_sleep(5) IS NULL",
    "%", "_", "%' --", "*", "\\", "'", "\\' OR 1=1 --", "\x00", "\x00' OR 1=1 --",
    "\uff07 OR 1=1 --",  # fullwidth apostrophe
    "\u02bc OR 1=1 --",  # modifier-letter apostrophe
    "\u2019 OR 1=1 --", "\u202e' OR 1=1 --",  # right-to-left override
    "\ufeff' OR 1=1 --", "Ａｉｒ／ｄｒｏｎｅ ｓｔｒｉｋｅ",  # BOM; fullwidth letters
    "NaN", "-1", "1e309", "9" * 40, "2021-01-01' OR 1=1 --", "x" * 201,
]
# Query strings that no client would encode: invalid UTF-8, an overlong apostrophe,
# an encoded surrogate, double encoding.
RAW_VALUES = [b"%ff%fe", b"%c0%a7%20OR%201=1", b"%ed%a0%80", b"%2527%20OR%201=1--", b"%",
              b"%%27", b"a%00b"]
EVENT_PARAMS = ["since", "until", "type", "actor", "patron", "source_kind", "near", "km",
                "limit", "offset", "unmerged"]
POSTURE_PARAMS = ["at", "actor", "near", "km"]
TEXT_FILTERS = {"type", "actor", "patron"}  # substring/equality filters: a payload matches nothing


def _check_event_answer(r: httpx.Response, baseline: set[str], param: str, value: str) -> None:
    assert r.status_code in (200, 400), (param, value, r.status_code, r.text[:300])
    body = r.json()
    if r.status_code == 400:
        assert body["error"]
        return
    ids = {e["id"] for e in body["events"]}
    assert ids <= baseline, (param, value)
    if param in TEXT_FILTERS and value.strip("'\\") and "OR" in value:
        assert ids == set(), (param, value)  # the payload as text matches no event


def test_sql_injection_in_every_parameter(store_at):
    app = create_app(WebConfig(db=store_at))
    with open_store(store_at) as store:
        before = everything(store)
    base = call(app, "GET", "/api/events?unmerged=1&limit=1000").json()
    baseline = {e["id"] for e in base["events"]}
    assert len(baseline) == 11
    posture_base = call(app, "GET", "/api/posture?at=2020-02-28").json()["sites"]
    site_ids = {s["site_id"] for s in posture_base}
    tried = 0

    async def attack():
        nonlocal tried
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            for value in INJECTIONS:
                for param in EVENT_PARAMS:
                    extra = {"near": "Mayadin"} if param == "km" else {}
                    for unmerged in ("0", "1"):
                        params = {**extra, "unmerged": unmerged, param: value}
                        r = await c.get("/api/events", params=params)
                        _check_event_answer(r, baseline, param, value)
                        tried += 1
                for param in POSTURE_PARAMS:
                    extra = {"near": "Saraqib"} if param == "km" else {}
                    params = {"at": "2020-02-28", **extra, param: value}
                    r = await c.get("/api/posture", params=params)
                    assert r.status_code in (200, 400), (param, value, r.text[:300])
                    if r.status_code == 200:
                        assert {s["site_id"] for s in r.json()["sites"]} <= site_ids
                        if param == "actor" and "OR" in value:
                            assert r.json()["sites"] == []
                    tried += 1
                segment = quote(value, safe="")
                for url in (f"/api/events/{segment}", f"/api/reports/{segment}",
                            f"/api/sites/{segment}/timeline", f"/reports/{segment}"):
                    r = await c.get(url)
                    assert r.status_code in (404, 400), (url, r.status_code, r.text[:300])
                    if url.startswith("/reports/") and r.status_code == 404:
                        assert "text/html" in r.headers["content-type"]
                        assert r.headers["content-security-policy"] == CSP
                        if value.strip() and not value.isalnum():
                            assert value not in r.text
                    else:
                        assert r.json()["error"]
                    tried += 1
                r = await c.get("/api/reports/web-a", params={"show_abusive": value})
                assert r.status_code == 400, (value, r.text[:300])
                tried += 1
            for raw in RAW_VALUES:
                for param in EVENT_PARAMS:
                    r = await c.get(f"/api/events?{param}={raw.decode()}")
                    assert r.status_code in (200, 400), (param, raw, r.text[:300])
                    if r.status_code == 200:
                        assert {e["id"] for e in r.json()["events"]} <= baseline
                    tried += 1
                for param in POSTURE_PARAMS:
                    r = await c.get(f"/api/posture?at=2020-02-28&{param}={raw.decode()}")
                    assert r.status_code in (200, 400), (param, raw, r.text[:300])
                    tried += 1
                for url in (f"/api/events/{raw.decode()}", f"/api/reports/{raw.decode()}",
                            f"/api/sites/{raw.decode()}/timeline", f"/reports/{raw.decode()}"):
                    r = await c.get(url)
                    assert r.status_code in (400, 404), (url, r.status_code, r.text[:300])
                    tried += 1

    asyncio.run(attack())
    assert tried > 1000
    with open_store(store_at) as store:
        assert everything(store) == before  # nothing dropped, added or changed
    # and the API still answers as before
    after = call(app, "GET", "/api/events?unmerged=1&limit=1000").json()
    assert {e["id"] for e in after["events"]} == baseline


def test_nul_in_a_url_is_400_on_every_backend(store_at):
    """Found here: a NUL in any filter or id reached PostgreSQL, which refuses NUL in
    text ("cannot read events: ... cannot contain NUL"), and came back as a 500."""
    app = create_app(WebConfig(db=store_at))
    for url in ("/api/events?type=%00", "/api/events?actor=a%00b", "/api/posture?actor=%00",
                "/api/events/SYR-web-a%00", "/api/reports/web-a%00", "/reports/%00",
                "/api/sites/%00/timeline", "/static/map.js%00"):
        r = call(app, "GET", url)
        assert r.status_code == 400 and "NUL" in r.json()["error"], url
        assert r.headers["content-security-policy"] == CSP


@pytest.mark.slow
def test_nul_in_a_posted_report_stores_on_every_backend(store_at):
    """Found here: a JSON report with a \\u0000 escape was stored by SQLite but refused
    by PostgreSQL ("cannot store report"); the reader now makes NUL U+FFFD, as it does
    lone surrogates, so both stores hold the same report."""
    app = create_app(WebConfig(db=store_at))
    body = (b'{"id": "nul-1", "title": "a\\u0000b", "published": "2021-05-02", "text": '
            b'"Clashes in Raqqa\\u0000 killed 3 fighters on Saturday, the Syrian Observatory'
            b' said.", "comments": [{"text": "x\\u0000y", "author": "\\u0000"}]}')
    r = call(app, "POST", "/api/reports", content=body,
             headers={"content-type": "application/json"})
    assert r.status_code == 201, r.text
    stored = call(app, "GET", "/api/reports/nul-1").json()
    assert stored["title"] == "a\ufffdb" and "\x00" not in json.dumps(stored)
    assert stored["comments"][0]["text"] == "x\ufffdy"


def test_wildcards_are_literal(sqlite_app):
    """'%' and '_' are not LIKE wildcards, and an empty needle is no filter at all."""
    for param in ("actor", "patron", "type"):
        for value in ("%", "_", "%%", "*"):
            assert call(sqlite_app, "GET", "/api/events", params={param: value}
                        ).json()["total"] == 0, (param, value)


# -- static files ---------------------------------------------------------------------------

TRAVERSALS = [
    "/static/../../etc/passwd", "/static/../app.py", "/static/../../../../../../etc/passwd",
    "/static/vendor/../../app.py", "/static/./../app.py", "/static//etc/passwd",
    "/static/%2e%2e/app.py", "/static/%2e%2e%2f%2e%2e%2fetc/passwd", "/static/..%2fapp.py",
    "/static/%252e%252e%252fapp.py", "/static/..%5capp.py", "/static/..\\app.py",
    "/static/..\\..\\etc\\passwd", "/static/C:\\Windows\\win.ini", "/static/\x00",
    "/static/map.js\x00.txt", "/static/../app.py\x00", "/static/%00", "/static/..",
    "/static/../", "/static/vendor/..", "/static/.%2e/app.py", "/static/%c0%ae%c0%ae/app.py",
    "/static/\u2025/app.py", "/static/\uff0e\uff0e/app.py", "/static/~/.bashrc",
    "/static/" + "../" * 50 + "etc/passwd", "/static/" + "a/" * 500 + "b",
]
SECRETS = (b"root:", b"def ", b"import ", b"[boot loader]", b"bash")


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_on_static_in_process(sqlite_app, path):
    status, headers, body = raw_asgi(sqlite_app, path)
    assert status in (400, 404), (path, status)
    assert not any(s in body for s in SECRETS), (path, body[:200])
    assert headers[b"content-security-policy"] == CSP.encode()


def test_path_traversal_on_static_through_uvicorn(tmp_db):
    """The same paths sent byte for byte to a real uvicorn (its own path decoding)."""
    from outposts.web.server import running

    with open_store(tmp_db) as store:
        store.add(_extractions()[0])
    with running(WebConfig(db=str(tmp_db), port=0)) as base:
        port = int(base.rsplit(":", 1)[1])
        status, _ = raw_http(port, b"GET /static/map.js HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                   b"Connection: close\r\n\r\n")
        assert status == 200
        for path in TRAVERSALS + ["/static/../../../../etc/passwd", "/../../etc/passwd",
                                  "/static/....//....//etc/passwd"]:
            target = path.encode("utf-8")
            status, data = raw_http(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    b"Connection: close\r\n\r\n")
            assert status in (400, 404), (path, data[:200])
            assert not any(s in data.partition(b"\r\n\r\n")[2] for s in SECRETS), path
        # an absolute-form request target with a file URL
        status, data = raw_http(port, b"GET file:///etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                      b"Connection: close\r\n\r\n")
        assert status in (400, 404) and b"root:" not in data


# -- bodies ---------------------------------------------------------------------------------


def _post_raw(app, body: list[bytes], headers: list[tuple[bytes, bytes]]):
    return raw_asgi(app, "/api/reports", method="POST", body=body,
                    headers=[(b"content-type", b"application/json"), *headers])


@pytest.mark.parametrize("host, token", [("127.0.0.1", None), ("0.0.0.0", "s3cret")])
def test_oversized_bodies_are_413(tmp_db, host, token):
    app = create_app(WebConfig(db=str(tmp_db), host=host, token=token, max_body=4096))
    auth = [(b"authorization", b"Bearer s3cret")] if token else []
    big = b'{"text": "' + b"x" * 10_000 + b'"}'
    # with a Content-Length: refused before any of it is read
    status, _, body = _post_raw(app, [big], [(b"content-length", str(len(big)).encode()), *auth])
    assert status == 413 and b"4096" in body
    # a huge Content-Length and no body at all
    status, _, _ = _post_raw(app, [b""], [(b"content-length", b"99999999999999999999"), *auth])
    assert status == 413
    # chunked (no Content-Length): counted as it arrives, in small and in large pieces
    for size in (100, 5000):
        pieces = [big[i:i + size] for i in range(0, len(big), size)]
        status, _, _ = _post_raw(app, pieces, auth)
        assert status == 413, size
    # a Content-Length that lies (says small, sends more)
    status, _, _ = _post_raw(app, [big[:3000], big[3000:]],
                             [(b"content-length", b"100"), *auth])
    assert status == 413
    # a Content-Length that is no number
    for bad in (b"abc", b"-1", b"1e9", b"0x10", b" 12_000"):
        status, _, _ = _post_raw(app, [b"{}"], [(b"content-length", bad), *auth])
        assert status == 400, bad
    # through httpx too (its own framing)
    headers = {"content-type": "application/json", **({"authorization": "Bearer s3cret"}
                                                        if token else {})}
    assert call(app, "POST", "/api/reports", content=big, headers=headers).status_code == 413
    with open_store(tmp_db) as store:
        assert store.stats()["reports"] == 0


def test_oversized_bodies_through_uvicorn(tmp_db):
    from outposts.web.server import running

    with running(WebConfig(db=str(tmp_db), port=0, max_body=4096)) as base:
        port = int(base.rsplit(":", 1)[1])
        head = (b"POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nConnection: close\r\n")
        # announced too large: 413 without sending the body
        status, _ = raw_http(port, head + b"Content-Length: 1000000000\r\n\r\n")
        assert status == 413
        # chunked, 64 kB in 1 kB chunks
        chunk = b"400\r\n" + b"x" * 1024 + b"\r\n"
        status, _ = raw_http(port, head + b"Transfer-Encoding: chunked\r\n\r\n" + chunk * 64
                             + b"0\r\n\r\n")
        assert status == 413
    with open_store(tmp_db) as store:
        assert store.stats()["reports"] == 0


# -- tokens and methods ---------------------------------------------------------------------

# (bind, configured token, Authorization header sent): may it write?
TOKEN_CASES = [
    ("127.0.0.1", None, None, True),
    ("127.0.0.1", None, "Bearer anything", True),
    ("127.0.0.1", "s3cret", None, False),
    ("127.0.0.1", "s3cret", "Bearer wrong", False),
    ("127.0.0.1", "s3cret", "Bearer s3cret", True),
    ("::1", "s3cret", "Bearer s3cre", False),
    ("0.0.0.0", None, None, False),
    ("0.0.0.0", None, "Bearer ", False),
    ("0.0.0.0", None, "Bearer None", False),
    ("0.0.0.0", "s3cret", None, False),
    ("0.0.0.0", "s3cret", "", False),
    ("0.0.0.0", "s3cret", "Bearer", False),
    ("0.0.0.0", "s3cret", "Bearer ", False),
    ("0.0.0.0", "s3cret", "s3cret", False),
    ("0.0.0.0", "s3cret", "bearer s3cret", True),  # schemes are case-insensitive (RFC 9110)
    ("0.0.0.0", "s3cret", "Bearer  s3cret", False),
    ("0.0.0.0", "s3cret", "Bearer s3cret ", False),
    ("0.0.0.0", "s3cret", "Bearer s3cret\x00", False),
    ("0.0.0.0", "s3cret", "Bearer S3CRET", False),
    ("0.0.0.0", "s3cret", "Bearer s3cretX", False),
    ("0.0.0.0", "s3cret", "Basic czNjcmV0", False),
    ("0.0.0.0", "s3cret", "Bearer s3cret, Bearer s3cret", False),
    ("0.0.0.0", "s3cret", "Bearer s3cret", True),
    ("192.0.2.1", "s3cret", "Bearer wrong", False),
    ("::", "s3cret", "Bearer s3cret", True),
]


@pytest.mark.parametrize("bind, token, given, allowed", TOKEN_CASES)
def test_token_rules_on_the_write_endpoint(tmp_db, bind, token, given, allowed):
    app = create_app(WebConfig(db=str(tmp_db), host=bind, token=token))
    headers = [(b"authorization", given.encode("latin-1"))] if given is not None else []
    # a body that would be stored if it got through: a valid report is not needed to
    # tell the gate from the parser (422 = parsed, so it got past the token check)
    status, _, body = _post_raw(app, [b"[1, 2]"], headers)
    if allowed:
        assert status == 422, body
    else:
        assert status in (401, 403), body
        assert b"token" in body
    # the token is never taken from the query string or a cookie
    if token and not allowed:
        status, _, _ = raw_asgi(app, "/api/reports", method="POST", query=b"token=s3cret",
                                body=[b"[1, 2]"],
                                headers=[(b"content-type", b"application/json"),
                                         (b"cookie", b"token=s3cret")])
        assert status in (401, 403)
    with open_store(tmp_db) as store:
        assert store.stats()["reports"] == 0


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("url", ["/api/events", "/api/events/SYR-web-a", "/api/reports",
                                 "/api/reports/web-a", "/api/posture",
                                 "/api/sites/x/timeline", "/api/meta", "/reports/web-a", "/",
                                 "/static/map.js", "/openapi.json"])
def test_no_other_method_writes(tmp_db, method, url):
    with open_store(tmp_db) as store:
        for ex in _extractions():
            store.add(ex)
        before = everything(store)
    app = create_app(WebConfig(db=str(tmp_db)))
    r = call(app, method, url, content=b"{}", headers={"content-type": "application/json"})
    assert r.status_code in (404, 405), (method, url, r.status_code)
    with open_store(tmp_db) as store:
        assert everything(store) == before


def test_default_bind_is_loopback(tmp_db, monkeypatch):
    """`outposts serve` with no --host binds 127.0.0.1 (help, the command, WebConfig)."""
    import uvicorn
    from click.testing import CliRunner

    from outposts.cli import cli

    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert re.search(r"--host\s+TEXT\s+Address to bind.*\[default:\s*127\.0\.0\.1\]",
                     " ".join(help_text.split()))
    assert WebConfig().host == "127.0.0.1" and WebConfig().loopback
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    from outposts.store import open_store

    with open_store(tmp_db):  # serve only reads a store: it must exist
        pass
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_db)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert "warning" not in result.output
    # beyond loopback without a token: it says writing is refused
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_db), "--host", "0.0.0.0"],
                                env={"OUTPOSTS_TOKEN": ""})
    assert result.exit_code == 0 and seen["host"] == "0.0.0.0"
    assert "without a token" in result.output


# -- XSS ------------------------------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)", "</p><iframe src=javascript:alert(1)>", "</title><script>x()</script>",
    "<a href=\"javascript:alert(1)\">x</a>", "{{ 7*7 }}{% raw %}", "<!--", "]]><![CDATA[<script>",
    "<style>@import'//evil'</style>", "\u003cscript\u003e", "<SCRIPT SRC=//evil/x.js></SCRIPT>",
]


class _Page(HTMLParser):
    """Collects what a browser would run: script tags, event-handler attributes, URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.styles = 0
        self.iframes = 0
        self._in_script = False
        self.inline = ""

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "script":
            self.scripts.append(d)
            self._in_script = True
        if tag in ("iframe", "object", "embed", "svg", "img", "style"):
            self.iframes += tag != "style"
            self.styles += tag == "style"
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append((tag, name))
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                self.urls.append(value or "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline += data


def assert_safe_html(r: httpx.Response, payloads: list[str]) -> str:
    assert "text/html" in r.headers["content-type"]
    assert r.headers["content-security-policy"] == CSP
    html = r.text
    page = _Page()
    page.feed(html)
    assert all(s.get("src", "").startswith("/static/") for s in page.scripts), page.scripts
    assert page.inline.strip() == "", page.inline[:200]
    assert page.handlers == [], page.handlers
    assert page.iframes == 0 and page.styles == 0
    for url in page.urls:
        assert not url.strip().lower().startswith(("javascript:", "data:text", "vbscript:")), url
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html, re.IGNORECASE)
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.IGNORECASE)
    for p in payloads:
        if any(ch in p for ch in "<>\"'&"):
            assert p not in html, p
    return html


def _hostile_extraction() -> Extraction:
    """Every text field of a report, its comments, triage and events set to a payload."""
    text = "Title line\n\n" + " ".join(XSS) + "\n\nWarplanes struck " + XSS[1] + " in Mayadin."
    sentence = "Warplanes struck " + XSS[1] + " in Mayadin."
    start = text.index(sentence)
    comments = tuple(Comment(i, p, author=XSS[(i + 3) % len(XSS)],
                             parent=i - 1 if i else None) for i, p in enumerate(XSS))
    triage = tuple(TriagedComment("xss-<script>", i, p, ("claim",), 0.1 + 0.8 * (i % 2),
                                  "dispute" if i % 2 else "support", target=XSS[i - 1],
                                  target_start=start, target_end=start + len(sentence),
                                  figure=XSS[(i + 5) % len(XSS)], author=XSS[(i + 3) % len(XSS)],
                                  parent=i - 1 if i else None)
                   for i, p in enumerate(XSS))
    events = tuple(Event(
        event_id_cnty=f"SYR-xss-{i}\"><script>", event_date=_DAY, time_precision=1, event_type="Battles",
        sub_event_type=XSS[i], actor1=XSS[i + 1], actor2=XSS[i + 2], assoc_actor_1=XSS[i + 3],
        assoc_actor_2=XSS[i + 4], report_id="xss-<script>", evidence=sentence,
        evidence_start=start, evidence_end=start + len(sentence), confidence=0.5,
        country=XSS[i + 5], admin1=XSS[i + 6], location=XSS[i + 7], source=XSS[i + 8],
        notes=XSS[i], patrons1=(XSS[i + 2],), latitude=35.02, longitude=40.45,
        source_kind="comment" if i == 1 else "article", comment_index=1 if i == 1 else None)
        for i in range(3))
    report = Report(id="xss-<script>", text=text, title=XSS[0] + XSS[1],
                    url="javascript:alert(document.cookie)", outlet=XSS[2], published=_DAY,
                    comments=comments)
    return Extraction(report, events, comments=triage)


def test_xss_in_every_stored_field_is_escaped(tmp_db):
    with open_store(tmp_db) as store:
        for ex in _extractions():
            store.add(ex)
        assert store.add(_hostile_extraction())
    app = create_app(WebConfig(db=str(tmp_db)))
    page = call(app, "GET", "/reports/" + quote("xss-<script>", safe=""))
    assert page.status_code == 200
    html = assert_safe_html(page, XSS)
    for p in XSS:  # each payload is there, as text
        assert str(escape(p)) in html, p
    assert 'href="javascript:' not in html and "javascript:alert(document.cookie)" in html
    # the event table: actors, location, source, sub-event type
    for field in (XSS[1], XSS[2], XSS[3], XSS[7], XSS[8]):
        assert f"<td>{escape(field)}</td>" in html, field
    # a URL with a quote in it cannot leave its attribute
    with open_store(tmp_db) as store:
        store.add(Extraction(Report(id="xss-url", text="Body.", title="t",
                                    url='https://example.org/"><script>alert(1)</script>')))
    html = assert_safe_html(call(app, "GET", "/reports/xss-url"), XSS)
    assert 'href="https://example.org/&#34;&gt;&lt;script&gt;' in html
    # every other HTML page, with this store behind it
    for url in ("/", "/reports/nope", "/nothing-here", "/reports/" + quote(XSS[0], safe="")):
        assert_safe_html(call(app, "GET", url), XSS)
    # JSON answers carry the payloads as data, never as HTML
    r = call(app, "GET", "/api/events?unmerged=1&limit=1000")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert XSS[0] in json.dumps(r.json())


@pytest.mark.slow
def test_xss_through_a_real_ingest_is_escaped(tmp_db):
    """POST /api/reports with payloads in the title, outlet, URL, text, comment text and
    author: the pipeline codes it (actors, places, evidence from the hostile text) and
    every page that shows it escapes it."""
    with open_store(tmp_db) as store:
        store.add(_extractions()[0])
    app = create_app(WebConfig(db=str(tmp_db)))
    report = {
        "id": "xss-posted", "title": XSS[0], "outlet": XSS[1], "published": "2021-05-02",
        "url": 'https://example.org/"><script>alert(1)</script>',
        "text": ("Clashes in Raqqa\n\nOn Saturday, fighters of the " + XSS[0] + " Brigade "
                 "clashed with the " + XSS[2] + " Front in Raqqa, killing 3, the Syrian "
                 "Observatory for Human Rights said. Militants of Jaysh al-" + XSS[1]
                 + " attacked a checkpoint in Daraa on Sunday, killing 2 soldiers."),
        "comments": [{"text": XSS[i] + " I heard 4 people died in Raqqa yesterday.",
                      "author": XSS[(i + 1) % len(XSS)]} for i in range(len(XSS))],
    }
    r = call(app, "POST", "/api/reports", json=report)
    assert r.status_code == 201, r.text
    assert r.json()["events"], "the pipeline coded nothing: the test would prove little"
    html = assert_safe_html(call(app, "GET", "/reports/xss-posted"), XSS)
    for p in (XSS[0], XSS[1], XSS[2], report["url"]):
        assert str(escape(p)) in html, p
    events = call(app, "GET", "/api/events?unmerged=1&limit=1000&since=2021-05-01").json()
    assert any(XSS[1] in e["notes"] or XSS[1] in e["evidence"] for e in events["events"])
    for event in events["events"]:
        detail = call(app, "GET", "/api/events/" + quote(event["id"], safe=""))
        assert detail.status_code == 200
        assert detail.headers["content-type"].startswith("application/json")
    assert_safe_html(call(app, "GET", "/"), XSS)


def test_every_html_response_has_the_csp(sqlite_app):
    for method, url, kw in [("GET", "/", {}), ("GET", "/reports/web-a", {}),
                            ("GET", "/reports/nope", {}), ("GET", "/no/such/page", {}),
                            ("GET", "/static/nope.js", {}), ("HEAD", "/", {}),
                            ("POST", "/", {}), ("GET", "/reports/web-a?x=<script>", {})]:
        r = call(sqlite_app, method, url, **kw)
        assert r.headers.get("content-security-policy") == CSP, (method, url, r.status_code)
        if "text/html" in r.headers.get("content-type", ""):
            assert "<script>" not in r.text
    # the Host check answers before routing: it too carries the headers
    r = call(sqlite_app, "GET", "/", host="evil.example")
    assert r.status_code == 400 and r.headers["content-security-policy"] == CSP
