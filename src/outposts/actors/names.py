"""Comparing coded actor names (records only, no text): may two names stand for
the same force of one incident or one site?"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["actors_compatible", "same_force", "vague"]

_VAGUE = ("unidentified", "unknown")


# Pure functions of the names, asked again and again for the same few names (the merge
# compares every candidate pair, a posture timeline every assertion with the holders).
_cached = lru_cache(maxsize=1 << 16)


@_cached
def _key(name: str) -> str:
    return " ".join(name.casefold().split())


@_cached
def vague(name: str) -> bool:
    """No actor, or an unidentified/unknown one."""
    k = _key(name)
    return not k or k.startswith(_VAGUE)


def _unit_of(a: str, b: str) -> bool:
    """Equal, or one is a unit of the other ("X" / "X 5th Assault Corps")."""
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return long_.startswith(short + " ")


@_cached
def actors_compatible(a: str, b: str) -> bool:
    """May ``a`` and ``b`` name the same actor of one incident? (An unnamed or
    unidentified side is compatible with any.)"""
    return vague(a) or vague(b) or _unit_of(a, b)


@_cached
def same_force(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` both name one known force (the same, or one a unit of the other)?"""
    return bool(a and b) and not vague(a) and not vague(b) and _unit_of(a, b)
