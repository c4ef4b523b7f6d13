"""The event store: reports, comments, coded events and place mentions.

:class:`Store` is the interface (:mod:`.base`); :func:`open_store` picks the
backend by name from the registry (:mod:`outposts.registry`, entry points
``outposts.stores``): the URL's scheme names it (``postgresql://…`` ->
``postgresql``), a plain path is ``sqlite``. SQLite is built in; PostgreSQL
(:mod:`.postgres`) needs the ``postgres`` extra. Both keep the same schema.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import registry
from ..errors import ConfigError, StoreError
from ..geo import haversine_km, near_box
from .base import Store

__all__ = ["Store", "default_location", "haversine_km", "near_box", "open_store"]

#: URL schemes that name another store than themselves
SCHEME_ALIASES = {"postgres": "postgresql", "postgresql+psycopg": "postgresql"}


def default_location() -> Path:
    """``$OUTPOSTS_DB`` when set, else ``outposts.db`` in the user data dir."""
    env = os.environ.get("OUTPOSTS_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("outposts")) / "outposts.db"


def store_name(url_or_path: str | Path) -> str:
    """The registry name of the store a URL or path asks for: its scheme
    (aliases folded), ``sqlite`` for a plain path."""
    text = str(url_or_path)
    if "://" not in text:
        return "sqlite"
    scheme = text.split("://", 1)[0].lower()
    return SCHEME_ALIASES.get(scheme, scheme)


def open_store(url_or_path: str | Path | None = None, *, name: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at a URL or path.

    Accepted: ``None`` (:func:`default_location`, which may itself be a URL),
    a file path, ``sqlite:///relative/path``, ``sqlite:////absolute/path``,
    ``sqlite://`` or ``:memory:`` (in memory), and ``postgresql://…`` (also
    ``postgres://`` and ``postgresql+psycopg://``; needs the ``postgres``
    extra: psycopg 3). ``name`` picks the store by its registry name instead
    of the URL's scheme (a store a plugin registers).
    """
    target: str | Path = default_location() if url_or_path is None else url_or_path
    chosen = name or store_name(target)
    try:
        factory = registry.get("store", chosen)
    except ConfigError:
        if name is not None:
            raise
        raise StoreError(f"unknown store URL scheme {chosen!r}") from None
    return factory(str(target))
