"""The map and report pages in a real browser: Debian's headless chromium, driven by
playwright's client (never `playwright install`), against `outposts serve` on a free
loopback port with the bundled examples plus a report whose comments are hostile."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("OUTPOSTS_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).parents[1]
HOSTILE_REPORT = ROOT / "tests" / "fixtures" / "web" / "hostile-report.json"
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
    pytest.skip("chromium is absent (apt-get install chromium chromium-driver)",
                allow_module_level=True)
pytest.importorskip("starlette", reason="the web extra is not installed")
pytest.importorskip("playwright", reason="playwright's client is not installed (test extra)")

from playwright.sync_api import sync_playwright

from outposts.web import WebConfig
from outposts.web.server import running

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("gazetteer")]


@pytest.fixture(scope="module")
def server(tmp_path_factory, gazetteer):
    db = tmp_path_factory.mktemp("web") / "web.db"
    subprocess.run([sys.executable, "-m", "outposts", "ingest", str(ROOT / "examples"),
                    str(HOSTILE_REPORT), "--db", str(db)], check=True, capture_output=True)
    with running(WebConfig(db=str(db), port=0)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    exe = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def _events(page, base):
    return page.request.get(f"{base}/api/events?limit=1000").json()["events"]


def _open_map(page, base):
    page.goto(base + "/")
    page.wait_for_selector("#map[data-state=ready]", timeout=20000)


def test_map_shows_one_marker_per_event(page, server):
    _open_map(page, server)
    placed = [e for e in _events(page, server) if e["latitude"] is not None]
    assert len(placed) >= 20
    assert int(page.get_attribute("#map", "data-markers")) == len(placed)
    # what is drawn: lone markers plus the counts on the clusters
    page.wait_for_function("""(expected) => {
        let n = document.querySelectorAll('path.ev-marker').length;
        document.querySelectorAll('.ev-cluster span').forEach(s => n += parseInt(s.textContent, 10));
        return n === expected; }""", arg=len(placed), timeout=10000)
    assert f"{len(placed)} of {len(placed)} incidents shown" in page.text_content("#count")
    assert page.locator("path.leaflet-interactive, path").count() > 50  # country outlines
    assert not page.errors and not page.dialogs


def test_clicking_a_marker_shows_its_evidence(page, server):
    _open_map(page, server)
    placed = [e for e in _events(page, server) if e["latitude"] is not None]
    where = [(e["latitude"], e["longitude"]) for e in placed]
    # an event alone at its point (several at one point stay a cluster at any zoom)
    ev = next(e for e, at in zip(placed, where) if where.count(at) == 1)
    page.evaluate("([lat, lon]) => window.outposts.getMap().setView([lat, lon], 12, "
                  "{animate: false})", [ev["latitude"], ev["longitude"]])
    marker = page.locator("path.ev-marker >> visible=true").first
    marker.wait_for()
    marker.click(force=True)
    mark = page.locator("#panel mark.evidence").first
    mark.wait_for()
    shown = mark.text_content()
    events = {e["id"]: e for e in _events(page, server)}
    evidences = {m["evidence"] for e in events.values() for m in e["members"]}
    assert shown in evidences
    # the evidence sits inside its paragraph
    assert len(page.text_content("#panel p.context")) > len(shown) or shown
    assert page.locator("#panel h2").text_content()
    assert not page.errors and not page.dialogs


def test_slider_filters_by_date(page, server):
    _open_map(page, server)
    placed = [e for e in _events(page, server) if e["latitude"] is not None]
    first = min(e["event_date"] for e in placed)
    slider = page.locator("#slider")
    slider.focus()
    page.keyboard.press("Home")  # the first day
    assert page.text_content("#slider-date") == first
    expected = sum(1 for e in placed if e["event_date"] <= first)
    assert int(page.get_attribute("#map", "data-markers")) == expected < len(placed)
    dates = sorted({e["event_date"] for e in placed})
    middle = dates[len(dates) // 2]
    page.evaluate("""(iso) => { const s = document.getElementById('slider');
        s.value = String(Math.floor(Date.parse(iso + 'T00:00:00Z') / 86400000));
        s.dispatchEvent(new Event('input')); }""", middle)
    expected = sum(1 for e in placed if e["event_date"] <= middle)
    assert int(page.get_attribute("#map", "data-markers")) == expected
    page.keyboard.press("End")
    assert int(page.get_attribute("#map", "data-markers")) == len(placed)


def test_hostile_comments_render_as_text(page, server):
    page.goto(f"{server}/reports/hostile-web-test")
    page.wait_for_selector("#thread")
    for details in page.locator("details").all():
        details.click()  # open any collapsed comment too
    for text in HOSTILE:
        assert page.get_by_text(text, exact=False).first.is_visible()
    assert page.get_by_text("<b onmouseover=alert(1)>mallory</b>").is_visible()
    assert "<img src=x onerror=alert(1)>" in page.text_content("#report-title")
    assert page.locator("#thread img, #thread script, #thread b, article img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    page.wait_for_timeout(300)
    assert not page.dialogs and not page.errors
    # the map's panel builds its DOM from the same hostile data
    _open_map(page, server)
    ev = next(e for e in _events(page, server) if e["report_id"] == "hostile-web-test")
    page.evaluate("id => window.outposts.showEvent(id)", ev["id"])
    page.locator("#panel h3 a").first.wait_for()
    assert "<img src=x onerror=alert(1)>" in page.text_content("#panel h3 a")
    assert page.locator("#panel img, #panel script").count() == 0
    page.wait_for_timeout(300)
    assert not page.dialogs and not page.errors


def test_posture_layer_draws_sites(page, server):
    _open_map(page, server)
    page.check("#posture")
    page.wait_for_selector("path.site-marker")
    at = page.text_content("#slider-date")
    sites = page.request.get(f"{server}/api/posture?at={at}").json()["sites"]
    assert page.locator("path.site-marker").count() == sum(
        1 for s in sites if s["latitude"] is not None)
