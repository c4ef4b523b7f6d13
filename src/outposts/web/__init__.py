"""The web map and JSON API (``outposts serve``): a thin ASGI face over the
store, merging, posture and comment triage. Needs the ``web`` extra
(Starlette, uvicorn): ``pip install 'outposts[web]'``.

>>> from outposts.web import WebConfig, create_app
>>> app = create_app(WebConfig(db="out/demo.db"))   # any ASGI server runs it
"""

from .app import CSP, WebConfig, create_app, is_loopback
from .service import MAX_PAGE, Catalog, EventFilter

__all__ = ["CSP", "MAX_PAGE", "Catalog", "EventFilter", "WebConfig", "create_app", "is_loopback"]
