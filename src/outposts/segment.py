"""Split a report into segments: title, article paragraphs, comments.

Offsets of title and paragraph segments index ``Report.text``; those of a
comment segment index that comment's text, so ``source[start:end] ==
segment.text`` always holds (segments are stripped of surrounding
whitespace, and empty ones are left out).
"""

from __future__ import annotations

import re

from .records import Report, Segment

_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
_NEWLINE = re.compile(r"\n")


def split_spans(text: str, start: int, end: int, splitter: re.Pattern) -> list[tuple[int, int]]:
    """Stripped, non-empty spans of ``text[start:end]`` between splitter matches."""
    spans: list[tuple[int, int]] = []
    pos = start
    bounds = [(m.start(), m.end()) for m in splitter.finditer(text, start, end)] + [(end, end)]
    for cut_start, cut_end in bounds:
        a, b = pos, cut_start
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        pos = cut_end
    return spans


def _title_span(report: Report) -> tuple[int, int] | None:
    """The title's span in ``report.text`` when the text opens with it."""
    if not report.title:
        return None
    text = report.text
    a = len(text) - len(text.lstrip())
    nl = text.find("\n", a)
    b = len(text) if nl < 0 else nl
    line = text[a:b].strip()
    if line and " ".join(line.split()) == " ".join(report.title.split()):
        return a, a + len(text[a:b].rstrip())
    return None


def segment(report: Report) -> list[Segment]:
    """The report's segments in reading order.

    The title (kind ``"title"``) when ``Report.text`` opens with the title
    line (plain-text and HTML reports; a JSON report whose ``text`` does not
    repeat its title has no title segment), then each article paragraph
    (kind ``"paragraph"``; paragraphs are separated by blank lines, or by
    single newlines when the article body has no blank line at all), then
    one segment per non-empty comment (kind ``"comment"``, ``comment`` = the
    comment's index). ``Segment.index`` is the position in the returned list.
    """
    text = report.text
    out: list[Segment] = []

    def add(kind, start, end, source, comment=None):
        out.append(Segment(report_id=report.id, kind=kind, index=len(out), start=start,
                           end=end, text=source[start:end], comment=comment))

    body_start = 0
    title = _title_span(report)
    if title is not None:
        add("title", title[0], title[1], text)
        body_start = title[1]
    splitter = _BLANK_LINE if _BLANK_LINE.search(text, body_start) else _NEWLINE
    for a, b in split_spans(text, body_start, len(text), splitter):
        add("paragraph", a, b, text)
    for c in report.comments:
        for a, b in split_spans(c.text, 0, len(c.text), re.compile(r"(?!)")):
            add("comment", a, b, c.text, comment=c.index)
    return out
