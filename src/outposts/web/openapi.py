"""The OpenAPI 3.1 description of the JSON API (served at ``/openapi.json``;
``tests/test_web_api.py`` validates it and checks every route is in it)."""

from __future__ import annotations

from typing import Any

from .. import __version__
from .service import MAX_PAGE

_ERROR = {"$ref": "#/components/schemas/Error"}


def _param(name: str, description: str, schema: dict, where: str = "query",
           required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required or where == "path",
            "description": description, "schema": schema}


def _json(ref: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def _errors(*codes: int) -> dict:
    text = {400: "A parameter is invalid: empty, not a date or number, out of range, or a "
                 "`near` place the gazetteer does not know.", 401: "No valid token.", 404: "Not in the store.",
            413: "The body is over the limit.", 415: "The body is not application/json.",
            422: "The report does not follow the JSON report schema.",
            503: "The gazetteer (for `near`) is not built."}
    return {str(c): {"description": text[c],
                     "content": {"application/json": {"schema": _ERROR}}} for c in codes}


_DATE = {"type": "string", "format": "date"}
# No NUL anywhere in a URL (the guard answers 400: nothing stored holds one).
_NO_NUL = "^[^\\u0000]*$"
_TEXT = {"type": "string", "maxLength": 200, "pattern": _NO_NUL}
_ID = {"type": "string", "pattern": _NO_NUL}
_FILTERS = [
    _param("since", "Events on or after this date.", _DATE),
    _param("until", "Events on or before this date.", _DATE),
    _param("type", "Event type or sub-event type (case-insensitive).",
           _TEXT),
    _param("actor", "Substring of actor1, actor2 or the associated actors.",
           _TEXT),
    _param("patron", "Substring of a patron (\"backed by\") of either side.",
           _TEXT),
    _param("source_kind", "Where the words came from.",
           {"type": "string", "enum": ["article", "comment"]}),
    _param("near", "A gazetteer place name: only events within `km` of it.",
           _TEXT),
    _param("km", "Radius for `near`, in km.",
           {"type": "number", "minimum": 0, "maximum": 20000, "default": 25}),
]

_EVENT = {
    "type": "object",
    "description": "ACLED's columns, then outposts' own (see the README), plus the merge's "
                   "`source_count`, `sources`, `fatalities_reported` and `members`.",
    "required": ["id", "event_id_cnty", "event_date", "event_type", "sub_event_type",
                 "actor1", "report_id", "evidence", "source_count", "members"],
    "properties": {
        "id": {"type": "string", "description": "The incident's id: the event_id_cnty of "
                                                "its base account."},
        "event_id_cnty": {"type": "string"},
        "event_date": _DATE,
        "time_precision": {"type": "integer"},
        "event_type": {"type": "string"},
        "sub_event_type": {"type": "string"},
        "actor1": {"type": "string"},
        "actor2": {"type": "string"},
        "patrons1": {"type": "array", "items": {"type": "string"}},
        "patrons2": {"type": "array", "items": {"type": "string"}},
        "location": {"type": "string"},
        "latitude": {"type": ["number", "null"]},
        "longitude": {"type": ["number", "null"]},
        "geo_precision": {"type": "integer"},
        "fatalities": {"type": "integer"},
        "fatalities_max": {"type": ["integer", "null"]},
        "source": {"type": "string"},
        "source_kind": {"type": "string", "enum": ["article", "comment"]},
        "report_id": {"type": "string"},
        "evidence": {"type": "string"},
        "evidence_start": {"type": "integer"},
        "evidence_end": {"type": "integer"},
        "confidence": {"type": "number"},
        "supported_by": {"type": "array", "items": {"type": "integer"}},
        "disputed_by": {"type": "array", "items": {"type": "integer"}},
        "source_count": {"type": "integer"},
        "sources": {"type": "array", "items": {"type": "string"}},
        "members": {"type": "array", "items": {"type": "object"}},
    },
    "additionalProperties": True,
}

_COMMENT = {
    "type": "object",
    "properties": {
        "report_id": {"type": "string"}, "index": {"type": "integer"},
        "parent": {"type": ["integer", "null"]}, "author": {"type": ["string", "null"]},
        "text": {"type": "string"},
        "labels": {"type": "array", "items": {"type": "string", "enum": [
            "abusive", "hypothetical", "opinion", "claim", "eyewitness"]}},
        "toxicity": {"type": "number"},
        "stance": {"type": "string", "enum": ["support", "dispute", "none"]},
        "target": {"type": ["string", "null"]}, "figure": {"type": ["string", "null"]},
        "abusive": {"type": "boolean"},
    },
}

_SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"],
              "properties": {"error": {"type": "string"}}},
    "Event": _EVENT,
    "EventPage": {
        "type": "object", "required": ["total", "offset", "limit", "more", "events"],
        "properties": {
            "total": {"type": ["integer", "null"],
                      "description": "Incidents matching (null with `unmerged`, and with only"
                                     " `actor`/`patron` filters past the first page: counting"
                                     " those would read every incident)."},
            "offset": {"type": "integer"}, "limit": {"type": "integer"},
            "more": {"type": "boolean"},
            "next": {"type": ["string", "null"],
                     "description": "Pass as `after` for the next page (null at the end)."},
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
        },
    },
    "Comment": _COMMENT,
    "Account": {
        "type": "object",
        "description": "One report's account of an incident: the paragraph (`context`) "
                       "holding the evidence at [evidence_start, evidence_end), and the "
                       "comments that support or dispute it.",
        "properties": {
            "event_id": {"type": "string"}, "report_id": {"type": "string"},
            "report_title": {"type": ["string", "null"]},
            "published": {"type": ["string", "null"], "format": "date"},
            "outlet": {"type": ["string", "null"]}, "source": {"type": "string"},
            "source_kind": {"type": "string"}, "comment_index": {"type": ["integer", "null"]},
            "evidence": {"type": "string"}, "context": {"type": "string"},
            "evidence_start": {"type": "integer"}, "evidence_end": {"type": "integer"},
            "fatalities": {"type": "integer"}, "confidence": {"type": "number"},
            "supported_by": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}},
            "disputed_by": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}},
        },
    },
    "EventDetail": {
        "allOf": [{"$ref": "#/components/schemas/Event"},
                  {"type": "object", "required": ["accounts"], "properties": {
                      "accounts": {"type": "array",
                                   "items": {"$ref": "#/components/schemas/Account"}}}}],
    },
    "Report": {
        "type": "object", "required": ["id", "text", "paragraphs", "comments", "events"],
        "properties": {
            "id": {"type": "string"}, "title": {"type": ["string", "null"]},
            "url": {"type": ["string", "null"]},
            "published": {"type": ["string", "null"], "format": "date"},
            "outlet": {"type": ["string", "null"]}, "text": {"type": "string"},
            "paragraphs": {"type": "array", "items": {"type": "object", "properties": {
                "start": {"type": "integer"}, "end": {"type": "integer"},
                "text": {"type": "string"}}}},
            "comments": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}},
            "abusive_hidden": {"type": "integer"},
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
        },
    },
    "ReportInput": {
        "type": "object", "required": ["text"],
        "description": "The JSON report schema of `outposts ingest`.",
        "properties": {
            "id": {"type": ["string", "integer"],
                   "description": "Without one, an id is made from the content. No `/`."},
            "url": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]},
            "published": {"type": ["string", "null"], "format": "date"},
            "outlet": {"type": ["string", "null"]},
            "text": {"type": "string", "minLength": 1, "pattern": "\\S"},
            "comments": {"type": ["array", "null"], "items": {"oneOf": [
                {"type": "string"},
                {"type": "object", "required": ["text"], "properties": {
                    "text": {"type": "string"}, "author": {"type": ["string", "null"]},
                    "parent": {"type": ["integer", "null"], "minimum": 0}}}]}},
        },
    },
    "Ingested": {
        "type": "object", "required": ["id", "added", "events"],
        "properties": {"id": {"type": "string"}, "added": {"type": "boolean"},
                       "events": {"type": "array", "items": {"type": "string"}},
                       "warnings": {"type": "array", "items": {"type": "string"}}},
    },
    "Posture": {
        "type": "object", "required": ["at", "sites"],
        "properties": {"at": _DATE, "sites": {"type": "array", "items": {
            "type": "object",
            "description": "As `outposts posture --format jsonl`: site, site_id, kind, "
                           "latitude, longitude, holder, patrons, since, previous, sources, "
                           "status (held/contested), claims, disputed_by, evidence.",
            "properties": {"site": {"type": "string"}, "site_id": {"type": "string"},
                           "holder": {"type": "string"},
                           "patrons": {"type": "array", "items": {"type": "string"}},
                           "status": {"type": "string", "enum": ["held", "contested"]}},
        }}},
    },
    "Timeline": {
        "type": "object", "required": ["site", "intervals"],
        "properties": {"site": {"type": "object"},
                       "intervals": {"type": "array", "items": {"type": "object"}}},
    },
    "Meta": {"type": "object", "properties": {
        "first_date": {"type": ["string", "null"]}, "last_date": {"type": ["string", "null"]},
        "event_types": {"type": "object"}, "counts": {"type": "object"}}},
}


def spec() -> dict[str, Any]:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "outposts",
            "version": __version__,
            "description": "Coded conflict events, incidents merged across reports, control "
                           "of sites, and the reports with their triaged comment threads. "
                           "Place data: GeoNames (CC-BY 4.0).",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": {
            "/api/events": {"get": {
                "summary": "Incidents (events merged across reports), filtered and paged",
                "operationId": "listEvents",
                "parameters": _FILTERS + [
                    _param("limit", "Page size.", {"type": "integer", "minimum": 1,
                                                   "maximum": MAX_PAGE, "default": 100}),
                    _param("after", "Keyset cursor: the `next` of the page before (pages"
                           " in constant time at any depth); any other value is a 400.",
                           {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"}),
                    _param("offset", "Incidents to skip after `after` (old clients: reads"
                           " what it skips; prefer `after`).", {"type": "integer", "minimum": 0,
                                                                "default": 0}),
                    _param("unmerged", "One row per stored event instead of per incident.",
                           {"type": "boolean", "default": False}),
                ],
                "responses": {"200": _json("EventPage", "A page of incidents, oldest first."),
                              **_errors(400, 503)},
            }},
            "/api/events/{event_id}": {"get": {
                "summary": "One incident, with every report's account of it",
                "operationId": "getEvent",
                "parameters": [_param("event_id", "The event_id_cnty of any of its accounts.",
                                      _ID, "path")],
                "responses": {"200": _json("EventDetail", "The incident."), **_errors(404)},
            }},
            "/api/reports": {"post": {
                "summary": "Code and store one report",
                "description": "Needs `Authorization: Bearer TOKEN` when the server has a "
                               "token, and is refused without one when the server is bound "
                               "beyond loopback.",
                "operationId": "postReport",
                "security": [{"bearer": []}, {}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/ReportInput"}}}},
                "responses": {"201": _json("Ingested", "Stored."),
                              "200": _json("Ingested", "Already stored (same id): nothing added."),
                              **_errors(401, 413, 415, 422)},
            }},
            "/api/reports/{report_id}": {"get": {
                "summary": "A report, its comment thread with triage, and its events",
                "operationId": "getReport",
                "parameters": [_param("report_id", "The report id.", _ID, "path"),
                               _param("show_abusive", "Include comments labelled abusive.",
                                      {"type": "boolean", "default": False})],
                "responses": {"200": _json("Report", "The report."), **_errors(400, 404)},
            }},
            "/api/posture": {"get": {
                "summary": "Who holds each site on a date",
                "operationId": "getPosture",
                "parameters": [
                    _param("at", "The date (default: today).", _DATE),
                    _param("actor", "Only sites whose holder, patrons or claims contain this.",
                           _TEXT),
                    *_FILTERS[6:8],
                ],
                "responses": {"200": _json("Posture", "One row per site."),
                              **_errors(400, 503)},
            }},
            "/api/sites/{site_id}/timeline": {"get": {
                "summary": "A site's control history, one interval per holder",
                "operationId": "getTimeline",
                "parameters": [_param("site_id", "A site id from /api/posture.",
                                      _ID, "path")],
                "responses": {"200": _json("Timeline", "The intervals, oldest first."),
                              **_errors(404)},
            }},
            "/api/meta": {"get": {
                "summary": "Date range, event types and counts of the store (for the map)",
                "operationId": "getMeta",
                "responses": {"200": _json("Meta", "What the store holds.")},
            }},
        },
        "components": {
            "schemas": _SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
