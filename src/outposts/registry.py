"""Named, replaceable stages (spaCy's registry idea, kept small).

A stage factory is registered under a kind and a name; configuration picks
it by name, so a user or a plugin can swap the event coder or the geocoder
without editing the core::

    from outposts.registry import register

    @register("coder", "my-coder")
    def make_coder(resources): ...
"""

from __future__ import annotations

from typing import Callable

from .errors import ConfigError

_REGISTRY: dict[str, dict[str, Callable]] = {"coder": {}, "geoparser": {}}


def register(kind: str, name: str) -> Callable[[Callable], Callable]:
    def deco(factory: Callable) -> Callable:
        _REGISTRY.setdefault(kind, {})[name] = factory
        return factory

    return deco


def get(kind: str, name: str) -> Callable:
    try:
        return _REGISTRY[kind][name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY.get(kind, {}))) or "none"
        raise ConfigError(f"no {kind} named {name!r} (known: {known})") from None


def names(kind: str) -> list[str]:
    return sorted(_REGISTRY.get(kind, {}))
