"""The input limits as command-line flags, shared by every command that reads reports.

``@limits_options`` adds ``--max-bytes``, ``--max-comments``,
``--max-comment-chars`` and ``--max-html-depth`` (defaults: those of
:class:`outposts.read.Limits`) and hands the command one ``limits`` argument,
a :class:`~outposts.read.Limits`, for :func:`outposts.read.iter_reports`.
It lives in its own module (re-exported by :mod:`outposts.cli`) so that
command modules such as :mod:`outposts.cli_comments` can import it at module
level without an import cycle through ``cli``.
"""

from __future__ import annotations

import functools

import click

from .read.limits import DEFAULT_LIMITS, Limits

_FLAGS = (
    ("--max-bytes", "max_bytes", "Reject a report (file, JSONL line or stdin) larger than this many bytes."),
    ("--max-comments", "max_comments", "Keep at most this many reader comments per report (the first ones)."),
    ("--max-comment-chars", "max_comment_chars", "Cut each reader comment to this many characters."),
    ("--max-html-depth", "max_html_depth", "Reject HTML nested deeper than this many elements."),
)


def limits_options(f):
    """Add the limit flags to a command; it receives ``limits=Limits(...)``."""

    @functools.wraps(f)
    def wrapper(*args, max_bytes, max_comments, max_comment_chars, max_html_depth, **kwargs):
        limits = Limits(max_bytes=max_bytes, max_comments=max_comments,
                        max_comment_chars=max_comment_chars, max_html_depth=max_html_depth)
        return f(*args, limits=limits, **kwargs)

    for flag, name, help_ in reversed(_FLAGS):
        wrapper = click.option(flag, name, type=click.IntRange(1), metavar="N",
                               default=getattr(DEFAULT_LIMITS, name), show_default=True,
                               help=help_)(wrapper)
    return wrapper
