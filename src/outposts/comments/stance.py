"""Stance of a comment towards the article: ``support``, ``dispute`` or ``none``,
and the article sentence it targets.

The target is the article sentence the comment covers best (share of that
sentence's content words, rarer words weighing more, that the comment
repeats), or the sentence a preceding quote-only comment, or a quotation
inside the comment, points at. Stance then comes from cues in the
comment's sentences that touch the target: contradiction and negation
cues ("the exact opposite", "that's not true", "haven't seen") or a
different figure in the same unit (a death toll, a duration, a distance,
a date) make a dispute, the disputed figure recorded; agreement cues or a
plain restatement make support.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .text import NUMBER_WORDS, content_stems, sentences, words

MIN_COVER = 0.25  # cosine of weighted content stems the comment must reach with its target
MIN_SHARED = 2
QUOTE_COVER = 0.7

_DISPUTE = re.compile(
    r"\b(?:not true|untrue|false|wrong|nonsense|lies?|lying|fake|propaganda|exact opposite|opposite"
    r"|contrary|actually|in fact|in reality|disagree|doubt|hardly|no way|never|nobody|no one|none"
    r"|nothing|not|n't|haven'?t|hasn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t"
    r"|dont|didnt|isnt|wasnt|havent|rather|instead|only|more like|closer to|at most|at least"
    r"|exaggerat\w*|inflated|made up|fabricat\w*|debunk\w*|misleading|spot the)\b",
    re.IGNORECASE,
)
_STRONG = re.compile(r"\b(?:exact opposite|not true|untrue|that'?s (?:a )?(?:lie|false|wrong)|never happened"
                     r"|did not happen|didn'?t happen|made up|fake news)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“‘«]([^\"”’»]{20,})[\"”’»]")
_FIGURE = re.compile(
    r"(?:(?:almost|nearly|about|around|over|more than|less than|at least|some|only|roughly)\s+)?"
    r"\b(\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")(?:\s+and\s+(?:a\s+)?half)?"
    r"\s+((?:\w+\s+){0,2}?)(years?|months?|weeks?|days?|km|kilomet(?:er|re)s?|miles?|people|civilians"
    r"|soldiers|fighters|troops|dead|killed|deaths|bodies|casualties|wounded|injured|tonnes|tons"
    r"|posts|militants|children|men|women|times|percent|%)\b",
    re.IGNORECASE,
)
_CASUALTY = {"people", "civilians", "soldiers", "fighters", "troops", "dead", "killed", "deaths",
             "bodies", "casualties", "militants", "children", "men", "women"}
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE = re.compile(r"\b(?:(?:" + _MONTHS + r")\.? \d{1,2}|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + _MONTHS
                   + r")|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week)\b",
                   re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArticleSentence:
    start: int
    end: int
    text: str
    stems: frozenset[str]


@dataclass(frozen=True, slots=True)
class Stance:
    stance: str = "none"
    target: ArticleSentence | None = None
    figure: str | None = None


def article_sentences(text: str, skip_title: bool = True) -> list[ArticleSentence]:
    """The article's sentences with offsets into ``text`` (the title line left out)."""
    out = []
    spans = sentences(text)
    if skip_title and spans and "\n" in text[spans[0][1]:spans[0][1] + 2]:
        spans = spans[1:]  # the first line is the title
    for a, b, s in spans:
        stems = content_stems(s)
        if len(stems) >= 3:
            out.append(ArticleSentence(a, b, s, frozenset(stems)))
    return out


def _weights(article: list[ArticleSentence]) -> dict[str, float]:
    df: dict[str, int] = {}
    for s in article:
        for t in s.stems:
            df[t] = df.get(t, 0) + 1
    n = len(article) + 1
    return {t: math.log(n / c) + 0.5 for t, c in df.items()}


def _cover(stems: set[str], sent: ArticleSentence, weights: dict[str, float]) -> tuple[float, int]:
    """(cosine of the weighted stem sets, number of shared stems)."""
    shared = stems & sent.stems
    theirs = sum(weights[t] ** 2 for t in sent.stems)
    ours = sum(weights.get(t, 1.0) ** 2 for t in stems)
    if not theirs or not ours:
        return 0.0, 0
    return sum(weights[t] ** 2 for t in shared) / math.sqrt(theirs * ours), len(shared)


def quoted_sentence(text: str, article: list[ArticleSentence]) -> ArticleSentence | None:
    """The article sentence ``text`` quotes (a quotation mark span, or the whole
    text when it is nothing but the quote), if any."""
    weights = _weights(article)
    spans = [m.group(1) for m in _QUOTE.finditer(text)]
    for span in spans:
        stems = content_stems(span)
        best = max(article, key=lambda s: _cover(stems, s, weights)[0], default=None)
        if best is not None and _cover(stems, best, weights)[0] >= QUOTE_COVER:
            return best
    return None


def is_quote_only(text: str, article: list[ArticleSentence]) -> bool:
    """Is the comment nothing but a quotation of an article sentence?"""
    bare = _QUOTE.sub("", text).strip(" \t\n.,:;-–—")
    return not words(bare) and quoted_sentence(text, article) is not None


def _figures(text: str) -> list[tuple[float, str, str]]:
    out = []
    for m in _FIGURE.finditer(text):
        raw = m.group(1).casefold()
        value = float(NUMBER_WORDS.get(raw, 0)) if raw in NUMBER_WORDS else float(raw.replace(",", ""))
        if "half" in m.group(0).casefold():
            value += 0.5
        unit = m.group(3).casefold().rstrip("s")
        unit = "casualties" if unit + "s" in _CASUALTY or unit in _CASUALTY else unit
        out.append((value, unit, m.group(0).strip()))
    return out


def _figure_dispute(target: str, comment: str) -> str | None:
    """The target's figure that the comment gives differently, if any."""
    theirs = _figures(target)
    ours = _figures(comment)
    for value, unit, shown in theirs:
        same_unit = [v for v, u, _ in ours if u == unit]
        differs = any(abs(v - value) > 1e-9 for v in same_unit)
        if differs and (len(same_unit) > 1 and _DISPUTE.search(comment) or all(
                abs(v - value) > 1e-9 for v in same_unit)):
            return shown
    their_dates = {m.group(0).casefold() for m in _DATE.finditer(target)}
    our_dates = {m.group(0).casefold() for m in _DATE.finditer(comment)}
    if their_dates and our_dates and not their_dates & our_dates:
        return next(m.group(0) for m in _DATE.finditer(target))
    return None


def stance_of(text: str, article: list[ArticleSentence], *, context: ArticleSentence | None = None) -> Stance:
    """The comment's stance towards the article. ``context`` is a sentence the
    thread already points at (a preceding quote-only comment)."""
    if not article:
        return Stance()
    weights = _weights(article)
    target = quoted_sentence(text, article) or context
    own = [(s, content_stems(s)) for _, _, s in sentences(_QUOTE.sub(" ", text)) if words(s)]
    stems = set().union(*(st for _, st in own)) if own else set()
    if target is None:
        scored = [(_cover(stems, s, weights), s) for s in article]
        (cover, shared), best = max(scored, key=lambda x: x[0][0])
        if cover < MIN_COVER or shared < MIN_SHARED:
            return Stance()
        target = best
    # the comment's sentences that speak to the target
    ranked = sorted(own, key=lambda x: -len(x[1] & target.stems))
    near = [s for s, st in ranked[:2] if st & target.stems] or [s for s, _ in own]
    # short exclamations ("Nonsense.", "Not true!") carry the stance of the sentences around them
    near += [s for s, _ in own if len(words(s)) <= 4 and s not in near]
    body = " ".join(near)
    figure = _figure_dispute(target.text, " ".join(s for s, _ in own))
    if figure is not None:
        return Stance("dispute", target, figure)
    if len(_DISPUTE.findall(body)) > len(_DISPUTE.findall(target.text)) or _STRONG.search(body):
        return Stance("dispute", target)
    return Stance("support", target)
