"""Comment threads: telling signal from noise and abuse (first cut).

The event coder asks :func:`is_abusive` before coding a comment; comments
that insult, slur or dehumanise are never a source of events.
"""

from .abuse import is_abusive

__all__ = ["is_abusive"]
