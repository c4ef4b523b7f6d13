"""Language packs: what outposts knows of a language, as data.

As in spaCy's ``lang/`` folders, each language is a folder of data modules
(word lists, cue patterns, the trigger lexicon, source names, sentence rules)
tied together by a small :class:`LanguagePack`. Stages read the pack they are
given; they never hold a word of a language themselves. Adding a language is
adding a folder and an ``outposts.languages`` entry point (see
:mod:`outposts.registry`); a pack may name a ``parent`` whose sections it
falls back on, so a young pack can start with a few sections of its own.

A section is a module of the pack's package (``pack.hedges`` is
``outposts.lang.en.hedges``) or an object handed to the constructor;
:meth:`LanguagePack.read_text` reads a data file (JSON) of the package.
"""

from __future__ import annotations

from importlib import import_module, resources
from typing import Any

from ..errors import ConfigError

__all__ = ["LanguagePack", "load"]


class LanguagePack:
    """One language's data, by section."""

    def __init__(self, code: str, name: str, package: str | None = None, *,
                 sections: dict[str, Any] | None = None, parent: "LanguagePack | None" = None):
        self.code = code
        self.name = name
        self.package = package
        self.parent = parent
        self._sections = dict(sections or {})

    def __getattr__(self, section: str) -> Any:
        if section.startswith("_"):
            raise AttributeError(section)
        value = self._sections.get(section)
        if value is None and self.package:
            try:
                value = import_module(f"{self.package}.{section}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{self.package}.{section}":
                    raise
        if value is None and self.parent is not None:
            value = getattr(self.parent, section)
        if value is None:
            raise AttributeError(f"language pack {self.code!r} has no section {section!r}")
        setattr(self, section, value)  # found once: later reads are plain attribute reads
        return value

    def read_text(self, filename: str) -> str:
        """A data file of the pack (or of its parent, when it has none of that name)."""
        if self.package:
            path = resources.files(self.package).joinpath(filename)
            if path.is_file():
                return path.read_text(encoding="utf-8")
        if self.parent is not None:
            return self.parent.read_text(filename)
        raise ConfigError(f"language pack {self.code!r} has no data file {filename!r}")

    def __repr__(self) -> str:
        return f"LanguagePack({self.code!r}, {self.name!r})"


_PACKS: dict[str, LanguagePack] = {}


def load(code: str = "en") -> LanguagePack:
    """The language pack registered as ``code`` (built once per process)."""
    pack = _PACKS.get(code)
    if pack is None:
        from .. import registry

        pack = registry.get("language", code)()
        if not isinstance(pack, LanguagePack):
            raise ConfigError(f"the language {code!r} factory did not return a LanguagePack")
        _PACKS[code] = pack
    return pack
