#!/usr/bin/env python
"""Make the README screenshots (docs/map.png, docs/report.png) from the bundled
examples, with Debian's headless chromium driven by playwright's client.

    .venv/bin/python scripts/screenshots.py [--out docs] [--chromium /usr/bin/chromium]

It codes examples/ into a temporary store, serves it on a free loopback port,
opens the map, clicks an incident and opens a report page. Needs the gazetteer
(`outposts gazetteer build`) and the spaCy model, as `make demo` does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def build_store(db: Path, inputs: list[Path]) -> None:
    outposts = Path(sys.executable).with_name("outposts")
    cmd = [str(outposts) if outposts.exists() else sys.executable, *(
        [] if outposts.exists() else ["-m", "outposts"]), "ingest", *map(str, inputs),
        "--db", str(db)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def pick_report(base: str, page) -> str:
    """A report with an event near others and a thread worth showing."""
    data = page.request.get(f"{base}/api/events?limit=1000").json()
    best, best_n = None, -1
    for ev in data["events"]:
        rep = page.request.get(f"{base}/api/reports/{ev['report_id']}?show_abusive=true").json()
        n = len(rep["comments"]) + 3 * sum(1 for c in rep["comments"] if c["abusive"])
        n += 2 * sum(1 for c in rep["comments"] if c["stance"] != "none")
        if n > best_n:
            best, best_n = ev["report_id"], n
    return best


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--examples", type=Path, default=ROOT / "examples")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from outposts.web import WebConfig
    from outposts.web.server import running

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "examples.db"
        build_store(db, [args.examples])
        with running(WebConfig(db=str(db), port=0)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(base + "/")
            page.wait_for_selector("#map[data-state=ready]")
            page.check("#posture")
            page.wait_for_selector("path.site-marker")
            # the incident told by the most reports, else the first one
            events = page.request.get(f"{base}/api/events?limit=1000").json()["events"]
            chosen = max(events, key=lambda e: (e["source_count"], len(e["disputed_by"]),
                                                len(e["supported_by"])))
            page.evaluate("() => window.outposts.getMap().setView([34.8, 40.2], 6)")
            page.evaluate("id => window.outposts.showEvent(id)", chosen["id"])
            page.wait_for_selector("#panel mark.evidence")
            page.wait_for_timeout(400)
            page.screenshot(path=str(args.out / "map.png"))
            report_id = pick_report(base, page)
            page.set_viewport_size({"width": 1100, "height": 1300})
            page.goto(f"{base}/reports/{report_id}")
            page.wait_for_selector("#thread")
            page.screenshot(path=str(args.out / "report.png"), full_page=False)
            browser.close()
    print(f"wrote {args.out / 'map.png'} and {args.out / 'report.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
