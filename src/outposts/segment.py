"""Split a report into segments: title, article paragraphs, comments; and
text into sentences.

Offsets of title and paragraph segments index ``Report.text``; those of a
comment segment index that comment's text, so ``source[start:end] ==
segment.text`` always holds (segments are stripped of surrounding
whitespace, and empty ones are left out).

This module is the one sentence splitter of outposts, with two strictnesses
whose rules come from the language pack's ``segment`` section:
:func:`sentence_spans` (article prose, cautious: it decides what gets a
parse) and :func:`comment_sentence_spans` (reader comments, loose: line
breaks and dashes end sentences too). :class:`Segmenter` binds a pack's rules.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING

from .records import Report, Segment

if TYPE_CHECKING:  # pragma: no cover
    from .lang import LanguagePack

LEAD_MIN_WORDS = 8  # a line of prose this long may be the lead (shorter ones: page furniture)

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


def _rules(rules: ModuleType | None) -> ModuleType:
    if rules is None:
        from .lang import load

        return load("en").segment
    return rules


def sentence_spans(text: str, rules: ModuleType | None = None) -> list[tuple[int, int]]:
    """Cautious sentence spans of ``text`` (offsets into it, covering it but
    for the white space between), for deciding what to parse; the parser
    still finds the sentences the coder reads.

    ``rules`` (a pack's ``segment`` section; English when not given) say where
    a sentence may end (``SENTENCE_END``, its group 1 the closing marks kept
    with the sentence); a full stop is no end after an abbreviation
    (``ABBREVIATIONS``), an initial ("J. Smith"), a dotted or all-capital word
    ("U.S.", "SDF."). Cautious on purpose: a missed boundary costs a little
    time, a false one could split an event's sentence."""
    rules = _rules(rules)
    abbreviations = rules.ABBREVIATIONS
    spans, start = [], 0
    for m in rules.SENTENCE_END.finditer(text):
        stop = m.start()  # just after the mark
        if text[stop - 1] == ".":
            before = text[max(start, stop - 40):stop - 1].split()
            last = before[-1].lstrip("(\"'\u201c\u2018") if before else ""
            if len(last) <= 1 or "." in last or last.isupper() or last.lower() in abbreviations:
                continue  # "U.S.", "J.", "Gen.", "SDF.": perhaps no sentence end
        spans.append((start, stop + len(m.group(1))))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if a < b]


def comment_sentence_spans(text: str, rules: ModuleType | None = None) -> list[tuple[int, int]]:
    """Loose sentence spans of a reader comment (stripped, non-empty): at end
    punctuation, line breaks and dashes, by ``COMMENT_SENTENCE_END`` of
    ``rules`` (a pack's ``segment`` section; English when not given)."""
    return split_spans(text, 0, len(text), _rules(rules).COMMENT_SENTENCE_END)


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


def _furniture(piece: str, words: list[str], rules: ModuleType) -> bool:
    """A subheading in capitals or a line of hashtags: page furniture, no prose."""
    if not words:
        return False
    if len(words) <= rules.SUBHEAD_MAX_WORDS and piece.isupper():
        return True
    return sum(w.startswith("#") for w in words) >= rules.HASHTAG_SHARE * len(words)


def _link_lists(out: list[Segment], rules: ModuleType) -> None:
    """Runs of ``LINK_RUN`` or more one-line bulleted paragraphs without a full stop:
    other stories' headlines ("Related", "Most read"), page furniture, in place."""
    def link(s: Segment) -> bool:
        return s.kind == "paragraph" and "\n" not in s.text.strip() and bool(
            rules.LINK_BULLET.match(s.text)) and not rules.LINK_END.search(s.text)

    i = 0
    while i < len(out):
        j = i
        while j < len(out) and link(out[j]):
            j += 1
        if j - i >= rules.LINK_RUN:
            out[i:j] = [replace(s, kind="furniture") for s in out[i:j]]
        i = max(j, i + 1)


def segment(report: Report, rules: ModuleType | None = None) -> list[Segment]:
    """The report's segments in reading order.

    The title (kind ``"title"``) when ``Report.text`` opens with the title
    line (plain-text and HTML reports; a JSON report whose ``text`` does not
    repeat its title has no title segment), then each article paragraph
    (kind ``"paragraph"``; paragraphs are separated by blank lines, or by
    single newlines when the article body has no blank line at all; a photo
    caption, known by its credit (``CAPTION_CREDIT`` of ``rules``, a pack's
    ``segment`` section), is kind ``"caption"``, and a subheading in capitals or
    a line of hashtags kind ``"furniture"``, and so is a list of other stories'
    headlines (three or more bulleted one-line paragraphs without a full stop):
    none of these is ever coded), then
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
    rules = _rules(rules)
    for a, b in split_spans(text, body_start, len(text), splitter):
        piece = text[a:b]
        words = piece.split()
        caption = len(words) <= rules.CAPTION_MAX_WORDS and rules.CAPTION_CREDIT.search(piece)
        add("caption" if caption else "furniture" if _furniture(piece, words, rules) else "paragraph",
            a, b, text)
    _link_lists(out, rules)
    for c in report.comments:
        for a, b in split_spans(c.text, 0, len(c.text), re.compile(r"(?!)")):
            add("comment", a, b, c.text, comment=c.index)
    return out


def _key(text: str) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def headline_repeats(report: Report, segments) -> set[int]:
    """Indexes of paragraph segments that repeat the headline (web pages print it
    again above the article, or in a breadcrumb): the headline is never coded."""
    title = _key(report.title or "")
    if len(title.split()) < 4:
        return set()
    return {s.index for s in segments if s.kind == "paragraph" and s.comment is None
            and title in _key(s.text) and len(_key(s.text)) <= len(title) + 80}


def dateline_span(report: Report, segments, rules: ModuleType | None = None) -> tuple[int, int] | None:
    """Offsets in ``report.text`` of the dateline's place words ("KABUL,
    Afghanistan (AP) —"): where the report was filed, report metadata rather
    than the place of what it tells.

    The dateline opens the lead, the first line of prose (``LEAD_MIN_WORDS`` or
    more, ending in a sentence mark: ``SENTENCE_CLOSE`` of ``rules``, a pack's
    ``segment`` section), or stands on a line of its own before it in capitals
    ("ISTANBUL - Hürriyet Daily News"). Page furniture before the lead is passed
    over: short lines, the headline printed again, lines without a sentence mark
    ("Updated: 3 June 2021 12:30 GMT")."""
    rules = _rules(rules)
    headline = headline_repeats(report, segments)
    for seg in segments:
        if seg.kind != "paragraph" or seg.comment is not None or seg.index in headline:
            continue
        for a, b in split_spans(seg.text, 0, len(seg.text), _NEWLINE):
            line = seg.text[a:b]
            m = rules.DATELINE.match(line)
            prose = len(line.split()) >= LEAD_MIN_WORDS and rules.SENTENCE_CLOSE.search(line)
            if m and (prose or m.group("place").isupper()):
                return seg.start + a + m.start("place"), seg.start + a + m.end()
            if prose:
                return None  # the lead, with no dateline
    return None


class Segmenter:
    """:class:`~outposts.contracts.Segmenter` with the sentence rules of one
    language pack (its ``segment`` section), bound once."""

    def __init__(self, lang: "LanguagePack"):
        self.rules: ModuleType = lang.segment

    def segment(self, report: Report) -> list[Segment]:
        return segment(report, self.rules)

    def sentences(self, text: str) -> list[tuple[int, int]]:
        return sentence_spans(text, self.rules)

    def comment_sentences(self, text: str) -> list[tuple[int, int]]:
        return comment_sentence_spans(text, self.rules)

    def dateline(self, report: Report, segments) -> tuple[int, int] | None:
        return dateline_span(report, segments, self.rules)
