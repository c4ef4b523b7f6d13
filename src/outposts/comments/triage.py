"""Triage of a report's comment thread: labels, toxicity, stance, target.

A comment that takes no side of its own but opens by answering the one it
replies to (its parent, or the one before it in a flat thread: "Exactly.",
"No, ...") takes that comment's side and target, or the other side.

:func:`triage_report` gives one :class:`~outposts.records.TriagedComment` per
comment, in thread order; :func:`attach` adds the comments that support or
dispute an article event to it (``supported_by``/``disputed_by``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..records import COMMENT_LABELS, OTHER_SIDE, Event, Report, TriagedComment
from .abuse import scan
from .labels import content_labels
from .stance import ArticleSentence, answer_of, article_sentences, is_quote_only, quoted_sentence, stance_of
from .toxicity import combine, model_scores

if TYPE_CHECKING:  # pragma: no cover
    from ..lang import LanguagePack

# The model alone makes a comment abusive only above this, and only when the lexicon found no
# profanity (aimed at no one: the model's score is the swearing) and nothing reported, negated,
# or said of oneself or a thing.
ABUSE_MODEL_THRESHOLD = 0.9


def _order(labels: Iterable[str]) -> tuple[str, ...]:
    found = set(labels)
    return tuple(name for name in COMMENT_LABELS if name in found)


def triage_report(report: Report, lang: "LanguagePack | None" = None) -> list[TriagedComment]:
    """Every comment of ``report``, labelled, scored and placed against the article,
    in the language of ``lang`` (a language pack; English when not given)."""
    comments = list(report.comments)
    if not comments:
        return []
    if lang is None:
        from ..lang import load

        lang = load("en")
    texts = [c.text for c in comments]
    scores: Sequence[float | None] = model_scores(texts) or [None] * len(texts)
    article = article_sentences(report.text, skip_title=False, lang=lang)  # the title is a claim too
    out: list[TriagedComment] = []
    quoted: dict[int, ArticleSentence] = {}
    by_index: dict[int, TriagedComment] = {}  # the comments triaged so far, by index
    for n, (c, model) in enumerate(zip(comments, scores)):
        hits = scan(c.text, lang)
        labels = content_labels(c.text, lang)
        toxicity = combine(model, hits)
        if hits.abusive or (model is not None and model >= ABUSE_MODEL_THRESHOLD and not hits.reported
                                and not hits.profanity):
            labels.add("abusive")
        if is_quote_only(c.text, article, lang.words):
            quoted[c.index] = quoted_sentence(c.text, article, lang.words)  # type: ignore[assignment]
            labels.discard("claim")
            out.append(TriagedComment(report.id, c.index, c.text, _order(labels), toxicity,
                                      author=c.author, parent=c.parent))
            by_index[c.index] = out[-1]
            continue
        # a quote-only comment answered (its reply, or the next comment in a flat thread)
        context = quoted.get(c.parent) if c.parent is not None else (
            quoted.get(comments[n - 1].index) if n and comments[n - 1].parent is None else None)
        stance, target, figure = "none", None, None
        # every comment that speaks about the report, claims or not
        found = stance_of(c.text, article, context=context, lang=lang,
                          first=n == 0 and c.parent is None)
        if found.target is not None and ("hypothetical" not in labels or found.figure):
            # a comment that supposes asserts nothing of the report (a figure it gives aside)
            stance, target, figure = found.stance, found.target, found.figure
        span = (target.text, target.start, target.end) if target else (None, None, None)
        side = answer_of(c.text, lang) if stance == "none" and "hypothetical" not in labels else 0
        # "Exactly." or "No, ..." under a comment that takes a side: that side, or the other
        answered = by_index.get(c.parent) if c.parent is not None else (
            out[-1] if side and n and comments[n - 1].parent is None else None)
        if side and answered is not None and answered.stance != "none":
            stance = answered.stance if side > 0 else OTHER_SIDE[answered.stance]
            span = (answered.target, answered.target_start, answered.target_end)
        out.append(TriagedComment(
            report.id, c.index, c.text, _order(labels), toxicity, stance, *span, figure, c.author, c.parent))
        by_index[c.index] = out[-1]
    return out


def excluded(triaged: Iterable[TriagedComment]) -> frozenset[int]:
    """Indexes of comments that must never be a source of events."""
    return frozenset(t.index for t in triaged if not t.codable)


def attach(events: Iterable[Event], triaged: Sequence[TriagedComment]) -> list[Event]:
    """Article events with the (codable) comments that support or dispute
    their evidence sentence added as ``supported_by``/``disputed_by``."""
    out = []
    for ev in events:
        if ev.source_kind != "article":
            out.append(ev)
            continue
        sup, dis = [], []
        for t in triaged:
            if t.stance == "none" or t.target_start is None or not t.codable:
                continue
            overlap = min(ev.evidence_end, t.target_end) - max(ev.evidence_start, t.target_start)
            if overlap > 0.5 * min(ev.evidence_end - ev.evidence_start, t.target_end - t.target_start):
                (sup if t.stance == "support" else dis).append(t.index)
        if sup or dis:
            ev = dataclasses.replace(ev, supported_by=tuple(sup), disputed_by=tuple(dis))
        out.append(ev)
    return out


class RulesTriager:
    """:class:`~outposts.contracts.CommentTriager`: lexicons, the toxicity model
    and the stance rules of this package, in the words of one language pack."""

    def __init__(self, lang: "LanguagePack | None" = None):
        if lang is None:
            from ..lang import load

            lang = load("en")
        self.lang = lang

    def triage(self, report: Report) -> list[TriagedComment]:
        return triage_report(report, self.lang)


def make_triager(resources) -> RulesTriager:
    """The ``rules`` comment triager (registry factory), in the pipeline's language."""
    return RulesTriager(resources.lang)
