"""The JSON API (documented in :mod:`.openapi`, served at ``/openapi.json``).

Every handler is a plain function run in Starlette's thread pool: it reads
and validates its parameters, asks the :class:`~.service.Catalog` and answers
JSON. Errors are ``{"error": "..."}`` with 400 (bad parameter), 401 (token),
404, 413 (body), 415 (not JSON) or 422 (a report that does not validate).
"""

from __future__ import annotations

import hmac
import threading
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..errors import GazetteerError, InputError, OutpostsError
from .guard import BodyTooLarge
from .service import MAX_PAGE, EventFilter, NotFound

_ingest_lock = threading.Lock()
_pipeline = None


class BadParameter(ValueError):
    pass


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def error(status: int, message: str) -> JSONResponse:
    return _json({"error": message}, status)


def _date(params, name: str) -> date | None:
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(f"{name} must be a date YYYY-MM-DD") from None


def _int(params, name: str, default: int, lo: int, hi: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(f"{name} must be an integer") from None
    if not lo <= value <= hi:
        raise BadParameter(f"{name} must be between {lo} and {hi}")
    return value


def _float(params, name: str, default: float, lo: float, hi: float) -> float:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(f"{name} must be a number") from None
    if not lo <= value <= hi:
        raise BadParameter(f"{name} must be between {lo:g} and {hi:g}")
    return value


def _bool(params, name: str) -> bool:
    raw = (params.get(name) or "").lower()
    if raw in ("", "0", "false", "no"):
        return False
    if raw in ("1", "true", "yes"):
        return True
    raise BadParameter(f"{name} must be true or false")


def _text(params, name: str) -> str | None:
    raw = params.get(name)
    if raw is None or not raw.strip():
        return None
    if len(raw) > 200:
        raise BadParameter(f"{name} is longer than 200 characters")
    return raw.strip()


def _near(request: Request) -> tuple[float, float, float] | None:
    params = request.query_params
    place = _text(params, "near")
    if place is None:
        return None
    km = _float(params, "km", 25.0, 0.0, 20000.0)
    at = request.app.state.catalog.place(place)
    if at is None:
        raise BadParameter(f"no place called {place!r} in the gazetteer")
    return (at[0], at[1], km)


def event_filter(request: Request) -> EventFilter:
    """The filters shared by the map and ``/api/events``, validated."""
    p = request.query_params
    kind = _text(p, "source_kind")
    if kind not in (None, "article", "comment"):
        raise BadParameter("source_kind must be article or comment")
    return EventFilter(since=_date(p, "since"), until=_date(p, "until"), type=_text(p, "type"),
                       actor=_text(p, "actor"), patron=_text(p, "patron"), source_kind=kind,
                       near=_near(request))


def _handled(fn):
    """Turn the library's errors into JSON answers."""
    def wrapper(request: Request, *args):
        try:
            return fn(request, *args)
        except BadParameter as exc:
            return error(400, str(exc))
        except NotFound as exc:
            return error(404, str(exc))
        except GazetteerError as exc:
            return error(503, str(exc))
        except InputError as exc:
            return error(422, str(exc))
        except OutpostsError as exc:
            return error(500, str(exc))
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


@_handled
def list_events(request: Request):
    """Incidents matching the filters, a page at a time."""
    p = request.query_params
    f = event_filter(request)
    limit = _int(p, "limit", 100, 1, MAX_PAGE)
    offset = _int(p, "offset", 0, 0, 10**9)
    return _json(request.app.state.catalog.events_page(f, offset, limit, _bool(p, "unmerged")))


@_handled
def get_event(request: Request):
    return _json(request.app.state.catalog.event_detail(request.path_params["event_id"]))


@_handled
def get_report(request: Request):
    show = _bool(request.query_params, "show_abusive")
    return _json(request.app.state.catalog.report_detail(request.path_params["report_id"], show))


@_handled
def get_posture(request: Request):
    p = request.query_params
    at = _date(p, "at") or date.today()
    rows = request.app.state.catalog.posture(at, near=_near(request), actor=_text(p, "actor"))
    return _json({"at": at.isoformat(), "sites": rows})


@_handled
def get_timeline(request: Request):
    return _json(request.app.state.catalog.timeline(request.path_params["site_id"]))


@_handled
def get_meta(request: Request):
    return _json(request.app.state.catalog.meta())


def authorised(request: Request) -> bool:
    """May this request write? With a token configured, only with that token
    (``Authorization: Bearer TOKEN``); without one, only on a loopback bind."""
    config = request.app.state.config
    if config.token:
        given = request.headers.get("authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {config.token}".encode())
    return config.loopback


def _ingest_pipeline():
    global _pipeline
    if _pipeline is None:
        from ..api import default_pipeline

        _pipeline = default_pipeline()
    return _pipeline


async def post_report(request: Request):
    """Code one report (JSON report schema) and store it."""
    from starlette.concurrency import run_in_threadpool

    config = request.app.state.config
    if not authorised(request):
        why = ("a valid token is required (Authorization: Bearer TOKEN)" if config.token else
               "writing is disabled: the server is bound beyond loopback without a token")
        return error(401, why)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        return error(415, "send the report as application/json")
    try:
        body = await request.body()
    except BodyTooLarge:
        return error(413, f"request body over {config.max_body} bytes")
    return await run_in_threadpool(_ingest, request, body)


@_handled
def _ingest(request: Request, body: bytes):
    from ..read.jsonio import parse_json
    from ..read.limits import Limits

    config = request.app.state.config
    report = parse_json(body, "POST /api/reports", limits=Limits(max_bytes=config.max_body))
    catalog = request.app.state.catalog
    with _ingest_lock:
        extraction = next(iter(_ingest_pipeline().run([report])))
        added = catalog.store().add(extraction)
    return _json({"id": report.id, "added": added,
                  "events": [e.event_id_cnty for e in extraction.events] if added else [],
                  "warnings": list(extraction.warnings)}, 201 if added else 200)


def openapi(request: Request):
    from .openapi import spec

    return _json(spec())


def routes() -> list[Route]:
    return [
        Route("/api/events", list_events, methods=["GET"]),
        Route("/api/events/{event_id}", get_event, methods=["GET"]),
        Route("/api/reports", post_report, methods=["POST"]),
        Route("/api/reports/{report_id}", get_report, methods=["GET"]),
        Route("/api/posture", get_posture, methods=["GET"]),
        Route("/api/sites/{site_id}/timeline", get_timeline, methods=["GET"]),
        Route("/api/meta", get_meta, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
