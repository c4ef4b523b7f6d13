"""Plain-text reports (``.txt``, and plain text on stdin).

The convention: the first non-blank line is the title; the article follows
in paragraphs separated by one blank line; the first run of two or more
blank lines ends the article, and every paragraph after it (paragraphs
separated by one or more blank lines) is one reader comment, in order.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..records import Comment, Report
from .limits import (
    DEFAULT_LIMITS,
    Limits,
    bound_comments,
    comment_warnings,
    clean_line,
    content_id,
    normalize_newlines,
)

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
# A blank line holds nothing but whitespace, by ``str.isspace`` (so also
# U+001C..U+001F, NEL, NBSP, U+2028...): the same test as the "empty input"
# check, so a report that is not empty always has a title line with text in it.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def _is_blank(line: str) -> bool:
    return not line.strip()


def parse_text(text: str, origin: str = "<text>", *,
               limits: Limits = DEFAULT_LIMITS) -> Report:
    """Split a plain-text report into article and comments.

    CRLF (and lone CR) line endings are normalised to LF first, and a leading
    BOM is expected to have been dropped by the decoder; ``Report.text`` is
    then the article portion of that normalised text exactly (title line
    included, trailing whitespace cut), so offsets into ``Report.text`` are
    offsets into the (normalised) file. ``origin`` names the source in
    errors and in ``Report.origin``.
    """
    source = origin
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError("empty input", source)
    lines = _LINE.findall(text)  # split on LF only, keeping the LF
    # Title: the first non-blank line.
    i = 0
    while _is_blank(lines[i]):
        i += 1
    title = clean_line(lines[i]) or None
    offset = sum(len(x) for x in lines[: i + 1])
    # The article ends at the first run of >= 2 blank lines after the title.
    article_end = len(text)
    j = i + 1
    pos = offset
    while j < len(lines):
        if _is_blank(lines[j]) and j + 1 < len(lines) and _is_blank(lines[j + 1]):
            article_end = pos
            break
        pos += len(lines[j])
        j += 1
    article = text[:article_end].rstrip()
    rest = text[article_end:]
    comments = [
        Comment(index=n, text=para)
        for n, para in enumerate(p.strip() for p in _PARAGRAPH_BREAK.split(rest) if p.strip())
    ]
    bounded = bound_comments(comments, limits)
    return Report(
        id=content_id(title, article, bounded),
        text=article,
        title=title,
        comments=bounded,
        origin=source,
        warnings=comment_warnings(comments, limits, source),
    )
