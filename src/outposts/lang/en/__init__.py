"""English: the language outposts was first written for.

Sections are the modules of this folder (``hedges``, ``dates``, ...) and its
JSON data files (``triggers.json``, ``sources.json``); see
:mod:`outposts.lang`.
"""

from __future__ import annotations

from .. import LanguagePack


def make_pack() -> LanguagePack:
    return LanguagePack("en", "English", __name__)
