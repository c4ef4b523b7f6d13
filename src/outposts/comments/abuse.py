"""A first, lexicon-based abuse detector for reader comments.

Stems of insults, slurs and conspiracy code words common in conflict
comment threads, matched at word starts. It errs towards flagging: a flagged
comment is kept in the store, it only stops being a source of events.
"""

from __future__ import annotations

import re

_STEMS = (
    r"idiot", r"idiocra", r"moron", r"imbecil", r"cretin", r"scum", r"stupid", r"dumb", r"dim[ -]?wit",
    r"dull[ -]?witted", r"chump", r"retard", r"fuck", r"shit", r"bastard", r"clown", r"loser",
    r"troll", r"hasbara", r"zio(?!n\b)", r"zionazi", r"zog\b", r"kike", r"goyim", r"sand ?n", r"raghead",
    r"towelhead", r"camel ?jockey", r"kameltoe", r"libtard", r"cuck", r"vermin", r"subhuman",
    r"cockroach", r"animals\b", r"rats\b", r"pig(?:s)?\b", r"dog(?:s)?\b(?= of)", r"whore", r"slut",
    r"bitch", r"asshole", r"arsehole", r"jackass", r"dimwit", r"halfwit", r"nitwit", r"ukrops?\b",
    r"amerikans?\b", r"racist\b", r"your (?:\w+ )?girlfriend", r"parrot school", r"better dealer",
    r"nazi", r"shut up", r"go back to", r"you people", r"brainwashed", r"paid shill", r"shill",
)
ABUSE = re.compile(r"(?<![\w])(?:" + "|".join(_STEMS) + ")", re.IGNORECASE)


def is_abusive(text: str) -> bool:
    """True when the comment insults, slurs or dehumanises (lexicon match)."""
    return ABUSE.search(text) is not None
