"""Named, replaceable stages and resources (spaCy's registry idea, Datasette's plugin hook).

Every choice in :class:`~outposts.config.Settings` is a name looked up here:
the language pack, the event coder, the geoparser, the comment triager and the
store. Names come from Python entry points, so a plugin package adds a coder
by declaring one in its own ``pyproject.toml``::

    [project.entry-points."outposts.coders"]
    my-coder = "my_package.coder:make_coder"

The built-in stages are registered the same way, in outposts' own
``pyproject.toml`` (:data:`BUILTINS` repeats them for a source tree that was
never installed, and a test keeps the two equal), so built-ins get no private
shortcut. :func:`register` adds a name in-process (tests, notebooks); a name
registered so wins over an entry point of the same name.

What a name resolves to, by kind:

``coder``      ``factory(resources) -> Coder`` (:class:`~outposts.contracts.Coder`)
``geoparser``  ``factory(resources) -> PlaceResolver``
``triager``    ``factory(resources) -> CommentTriager``
``language``   ``factory() -> LanguagePack``
``store``      ``factory(location: str) -> Store``

``resources`` is the :class:`~outposts.pipeline.Pipeline` being built: its
``nlp``, ``gazetteer``, ``actors``, ``lang`` and ``settings`` attributes.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Callable

from .errors import ConfigError

#: kind -> entry-point group
GROUPS: dict[str, str] = {
    "coder": "outposts.coders",
    "geoparser": "outposts.geoparsers",
    "triager": "outposts.triagers",
    "language": "outposts.languages",
    "store": "outposts.stores",
}

#: The built-ins, exactly as ``pyproject.toml`` declares them as entry points.
BUILTINS: dict[str, dict[str, str]] = {
    "outposts.coders": {"rules": "outposts.code.rules:make_coder"},
    "outposts.geoparsers": {"gazetteer": "outposts.places.geoparse:make_geoparser"},
    "outposts.triagers": {"rules": "outposts.comments.triage:make_triager"},
    "outposts.languages": {"en": "outposts.lang.en:make_pack"},
    "outposts.stores": {"sqlite": "outposts.store.sqlite:make_store",
                        "postgresql": "outposts.store.postgres:make_store"},
}

_REGISTERED: dict[str, dict[str, Callable]] = {kind: {} for kind in GROUPS}
_LOADED: dict[tuple[str, str], Callable] = {}


def _group(kind: str) -> str:
    try:
        return GROUPS[kind]
    except KeyError:
        raise ConfigError(f"no stage kind {kind!r} (known: {', '.join(sorted(GROUPS))})") from None


def register(kind: str, name: str) -> Callable[[Callable], Callable]:
    """Decorator: register ``factory`` as ``name`` of ``kind`` in this process."""
    _group(kind)

    def deco(factory: Callable) -> Callable:
        _REGISTERED[kind][name] = factory
        return factory

    return deco


def unregister(kind: str, name: str) -> None:
    """Forget a name registered with :func:`register` (tests)."""
    _REGISTERED.get(kind, {}).pop(name, None)


def _entry_points(kind: str) -> dict[str, str]:
    """name -> "module:attr" of the installed entry points, built-ins first."""
    group = _group(kind)
    found = dict(BUILTINS.get(group, {}))
    for ep in entry_points(group=group):
        found[ep.name] = ep.value
    return found


def _load(value: str, kind: str, name: str) -> Callable:
    module, _, attr = value.partition(":")
    try:
        obj = import_module(module)
        for part in attr.split(".") if attr else ():
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"the {kind} {name!r} ({value}) cannot be loaded: {exc}") from None
    if not callable(obj):
        raise ConfigError(f"the {kind} {name!r} ({value}) is not callable")
    return obj


def get(kind: str, name: str) -> Callable:
    """The factory registered as ``name`` of ``kind``."""
    _group(kind)
    if name in _REGISTERED[kind]:
        return _REGISTERED[kind][name]
    key = (kind, name)
    if key not in _LOADED:
        value = _entry_points(kind).get(name)
        if value is None:
            raise ConfigError(f"no {kind} named {name!r} (known: {', '.join(names(kind)) or 'none'})")
        _LOADED[key] = _load(value, kind, name)
    return _LOADED[key]


def names(kind: str) -> list[str]:
    """Every name of ``kind``: entry points and names registered in-process."""
    return sorted(set(_entry_points(kind)) | set(_REGISTERED[kind]))
