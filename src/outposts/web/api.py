"""The JSON API (documented in :mod:`.openapi`, served at ``/openapi.json``).

Every handler is a plain function run in Starlette's thread pool: it reads
and validates its parameters, asks the :class:`~.service.Catalog` and answers
JSON. Errors are ``{"error": "..."}`` with 400 (bad parameter), 401 (token),
404, 413 (body), 415 (not JSON) or 422 (a report that does not validate).
"""

from __future__ import annotations

import hmac
import re
import threading
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import GazetteerError, InputError, OutpostsError
from .guard import BodyTooLarge
from .service import MAX_PAGE, BadCursor, EventFilter, NotFound

_ingest_lock = threading.Lock()
_pipeline = None


class BadParameter(ValueError):
    pass


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def error(status: int, message: str) -> JSONResponse:
    return _json({"error": message}, status)


_INT = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _raw(params, name: str) -> str | None:
    """A parameter's text; None when absent. Given but empty ("?until=") is an error:
    no date, number or boolean is empty (the schema says so too)."""
    raw = params.get(name)
    if raw is not None and not raw.strip():
        raise BadParameter(f"{name} is empty: give a value or leave it out")
    return raw


def _date(params, name: str) -> date | None:
    raw = _raw(params, name)
    if raw is None:
        return None
    from ..code.dates import parse_iso_date

    try:
        return parse_iso_date(raw)  # YYYY-MM-DD only, as the schema's format: date
    except ValueError:
        raise BadParameter(f"{name} must be a date YYYY-MM-DD") from None


def _int(params, name: str, default: int, lo: int, hi: int) -> int:
    raw = _raw(params, name)
    if raw is None:
        return default
    if not _INT.fullmatch(raw):
        raise BadParameter(f"{name} must be an integer")
    value = int(raw)
    if not lo <= value <= hi:
        raise BadParameter(f"{name} must be between {lo} and {hi}")
    return value


def _float(params, name: str, default: float, lo: float, hi: float) -> float:
    raw = _raw(params, name)
    if raw is None:
        return default
    if not _NUMBER.fullmatch(raw):
        raise BadParameter(f"{name} must be a number")
    value = float(raw)
    if not lo <= value <= hi:
        raise BadParameter(f"{name} must be between {lo:g} and {hi:g}")
    return value


def _bool(params, name: str) -> bool:
    raw = (_raw(params, name) or "false").lower()
    if raw in ("0", "false", "no"):
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
    km = _float(params, "km", 25.0, 0.0, 20000.0)  # checked with or without near
    place = _text(params, "near")
    if place is None:
        return None
    at = request.app.state.catalog.place(place)
    if at is None:
        raise BadParameter(f"no place called {place!r} in the gazetteer")
    return (at[0], at[1], km)


def event_filter(request: Request) -> EventFilter:
    """The filters shared by the map and ``/api/events``, validated."""
    p = request.query_params
    kind = _raw(p, "source_kind") and _text(p, "source_kind")
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
    after = _text(p, "after")
    try:
        return _json(request.app.state.catalog.events_page(f, offset, limit,
                                                           _bool(p, "unmerged"), after))
    except BadCursor as exc:
        raise BadParameter(str(exc)) from None


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
    body = request.app.state.catalog.posture_json(at, near=_near(request),
                                                  actor=_text(p, "actor"))
    return Response(body, media_type="application/json")


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
        # "<scheme> <token>", one space, the token exact; the scheme is case-insensitive
        # (RFC 9110 11.1): "Bearer", "bearer", "BEARER"
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        ok = hmac.compare_digest(given.encode(), config.token.encode())
        return ok and scheme.lower() == "bearer"
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
    from ..read.limits import Limits, check_words

    config = request.app.state.config
    limits = Limits(max_bytes=config.max_body)
    if _null_id(body):
        raise InputError("'id' is null: give a string or an integer, or leave it out",
                         "POST /api/reports")
    report = check_words(parse_json(body, "POST /api/reports", limits=limits), limits)
    catalog = request.app.state.catalog
    with _ingest_lock:
        from ..api import run_timestamp, stamped

        extraction = stamped(next(iter(_ingest_pipeline().run([report]))), run_timestamp())
        added = catalog.store().add(extraction)
    return _json({"id": report.id, "added": added,
                  "events": [e.event_id_cnty for e in extraction.events] if added else [],
                  "warnings": list(extraction.warnings)}, 201 if added else 200)


def _null_id(body: bytes) -> bool:
    """Does the body hold ``"id": null``? (Files may say null for absent; the API's
    schema says a string or an integer, and an id that vanishes is a surprise.)"""
    if b"null" not in body:
        return False
    import json

    try:
        obj = json.loads(body)
    except (ValueError, RecursionError):
        return False  # parse_json names what is wrong
    return isinstance(obj, dict) and "id" in obj and obj["id"] is None


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
