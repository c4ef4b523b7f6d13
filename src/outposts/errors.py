"""The one exception family of outposts.

Every error the library raises on purpose is an :class:`OutpostsError`; faces
(CLI, web) turn them into one plain sentence. This module imports nothing of
the project.
"""

from __future__ import annotations


class OutpostsError(Exception):
    """Base class of every error outposts raises on purpose."""


class InputError(OutpostsError, ValueError):
    """A report could not be read: empty, binary, malformed, too large... or a
    value handed to the library is not what it takes (a date that does not
    exist, bytes that are not UTF-8). Also a ValueError, for callers that
    caught that before.

    ``source`` names the file (``-`` for stdin) and ``line`` the line when
    known, so the message reads ``FILE:LINE: what is wrong``.
    """

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.reason = message
        self.source = source
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}" if where else self.reason


class OutpostsWarning(UserWarning):
    """What the library warns about through :mod:`warnings` (a report date guessed)."""


class ConfigError(OutpostsError):
    """A setting, model name or resource path is wrong or missing."""


class GazetteerError(OutpostsError):
    """The gazetteer could not be built, opened or imported."""


class StoreError(OutpostsError):
    """The event store could not be opened, migrated or written."""
