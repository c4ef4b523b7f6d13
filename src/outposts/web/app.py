"""The ASGI application: routes, security headers, request limits, static files.

:func:`create_app` builds a plain Starlette app over one store. Everything a
page shows comes from the library through :class:`~.service.Catalog`; this
module adds only what HTTP needs:

- a Content-Security-Policy that allows scripts, styles and data only from the
  server itself (no inline script, no inline handler, nothing from elsewhere);
- bounded request bodies (413 past ``max_body`` bytes, counted as they arrive);
- no NUL in a path or query (400: nothing stored holds one, PostgreSQL cannot);
- a Host check when bound to loopback, so a web page elsewhere cannot reach the
  server through a DNS name that points at 127.0.0.1 (DNS rebinding);
- static files from the package directory only (Starlette refuses paths that
  leave it).

As it starts, the app builds the control timelines in a thread
(:meth:`~.service.Catalog.warm`), so the map's first request does not.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.resources import files

from .guard import CSP, Guard, is_loopback
from .service import Catalog

DEFAULT_MAX_BODY = 5_000_000


@dataclass(frozen=True)
class WebConfig:
    """How the server was started: where it listens decides the token rule."""

    db: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def static_dir() -> str:
    return str(files("outposts.web") / "static")


def create_app(config: WebConfig | None = None, *, catalog: Catalog | None = None):
    """The ASGI app for ``outposts serve`` (needs the ``web`` extra: Starlette)."""
    try:
        from starlette.applications import Starlette
        from starlette.routing import Mount
        from starlette.staticfiles import StaticFiles
    except ImportError:
        from ..errors import ConfigError

        raise ConfigError("the web map needs Starlette and uvicorn: "
                          "pip install 'outposts[web]'") from None
    from contextlib import asynccontextmanager

    from . import api, pages

    config = config or WebConfig()
    catalog = catalog or Catalog(config.db)

    @asynccontextmanager
    async def lifespan(app):
        warm = threading.Thread(target=catalog.warm, name="outposts-posture", daemon=True)
        warm.start()
        yield
        warm.join()
        catalog.close()

    routes = api.routes() + pages.routes() + [
        Mount("/static", app=StaticFiles(directory=static_dir()), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers=pages.exception_handlers())
    app.state.config = config
    app.state.catalog = catalog
    return Guard(app, config)
