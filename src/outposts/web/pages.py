"""The HTML pages: the map (``/``) and a report with its thread (``/reports/{id}``).

Templates are rendered server-side by Jinja2 with autoescaping on for every
template, so report and comment text, titles, authors and URLs always reach
the page as text. The pages load only same-origin scripts (``static/``); the
map builds its DOM in JavaScript with ``textContent``, never ``innerHTML``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from .service import NotFound


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("outposts.web", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env().get_template(name).render(**context), status_code=status)


def map_page(request: Request):
    return render("map.html")


def safe_url(url: str | None) -> str | None:
    """A report's URL when it is a plain web address (never ``javascript:`` …)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _pieces(text: str, start: int, spans: list[tuple[int, int, str]]) -> list[dict]:
    """A paragraph cut into plain and evidence pieces (``spans``: report offsets)."""
    out, pos = [], 0
    for s, e, event_id in sorted(spans):
        s, e = max(s - start, pos), min(e - start, len(text))
        if s >= e:
            continue
        if s > pos:
            out.append({"text": text[pos:s], "event": None})
        out.append({"text": text[s:e], "event": event_id})
        pos = e
    if pos < len(text):
        out.append({"text": text[pos:], "event": None})
    return out


def _depths(comments: list[dict]) -> None:
    depth: dict[int, int] = {}
    for c in comments:
        parent = c.get("parent")
        c["depth"] = min(depth.get(parent, -1) + 1, 6) if parent is not None else 0
        depth[c["index"]] = c["depth"]


def report_page(request: Request):
    catalog = request.app.state.catalog
    try:
        report = catalog.report_detail(request.path_params["report_id"], show_abusive=True)
    except NotFound:
        return render("error.html", 404, title="Report not found",
                      message="There is no report with this id in the store.")
    spans = [(e["evidence_start"], e["evidence_end"], e["id"]) for e in report["events"]
             if e["source_kind"] == "article"]
    for p in report["paragraphs"]:
        p["pieces"] = _pieces(p["text"], p["start"],
                              [s for s in spans if s[0] < p["end"] and s[1] > p["start"]])
    paras = report["paragraphs"]
    if paras and report["title"] and paras[0]["text"] == report["title"] and not any(
            piece["event"] for piece in paras[0]["pieces"]):
        report["paragraphs"] = paras[1:]  # the title line of a plain-text report
    _depths(report["comments"])
    return render("report.html", report=report, url=safe_url(report["url"]),
                  abusive=sum(1 for c in report["comments"] if c["abusive"]))


async def _not_found(request: Request, exc: HTTPException):
    # exc.headers: a 405 carries the Allow header (RFC 9110) that Starlette set
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": exc.detail or "not found"}, status_code=exc.status_code,
                            headers=exc.headers)
    if exc.status_code == 404:
        return render("error.html", 404, title="Not found", message="There is no such page.")
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _server_error(request: Request, exc: Exception):
    """A bug is still answered in JSON (Starlette logs the traceback), never plain text."""
    return JSONResponse({"error": "internal error (see the server log)"}, status_code=500)


def exception_handlers() -> dict:
    return {HTTPException: _not_found, Exception: _server_error}


def routes() -> list[Route]:
    return [
        Route("/", map_page, methods=["GET"]),
        Route("/reports/{report_id}", report_page, methods=["GET"]),
    ]
