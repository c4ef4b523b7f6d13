"""Labels of one comment: ``abusive``, ``hypothetical``, ``opinion``,
``claim``, ``eyewitness`` (several may apply, or none: "News to me.").

Cue patterns per sentence, no model:

* **hypothetical** -- conditionals ("if ... would"), "imagine", "what if",
  counterfactuals without "if" ("would have been easier", "because
  otherwise ..."), guesses at what is to come ("wondering if we'll hear"),
  and the modal sentences that carry a supposition on; not a conditional
  asked rhetorically, nor one someone else said, nor one that supposes
  nothing (a rule told to a generic "you", an inference from a fact: "if he
  needs their troops, it shows ...", one on what the reader thinks);
  not "I wonder if" without a modal (an indirect question) nor "as if". A
  comment is hypothetical when at least half of its sentences are, or when
  its suppositions hold at least half of its words.
* **opinion** -- first-person cognition ("I think", "I'd say", "I agree"),
  prescriptive modals ("should", "need to"), evaluative words, sarcasm marks,
  rhetorical questions.
* **claim** -- an asserted (not conditional, not asked, not prescribed)
  sentence naming an actor, place or figure with a finite verb.
* **eyewitness** -- first person with a verb of presence or perception
  ("we haven't seen", "I live in", "here in Deir ez Zor"), unless what was
  seen was on a screen or in print ("I watched the video", "I read").

The cues of hypotheticals and opinions are :mod:`outposts.mood`'s (the
pack's ``mood`` section), those of claims and eyewitnesses the pack's
``labels`` section; words and sentences as :mod:`.text` reads them.
"""

from __future__ import annotations

import functools
import re
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING

from ..mood import Folded, Mood, mood
from .text import sentences, words

if TYPE_CHECKING:  # pragma: no cover
    from ..lang import LanguagePack

_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")


@functools.lru_cache(maxsize=8)
def _folded(w: ModuleType) -> SimpleNamespace:
    """The section's long word lists, run case-blind on lower-cased text (:class:`~outposts.mood.Folded`)."""
    return SimpleNamespace(**{name: Folded(getattr(w, name)) for name in ("ACTOR_NOUN", "FINITE", "MEDIA")})


def _mentions_entity(sent: str, w: ModuleType, tw: ModuleType) -> bool:
    toks = words(sent, tw)
    for i, t in enumerate(toks):
        if t in w.NOT_NAMES or not t[0].isupper():
            continue
        if i == 0 and t.casefold() in w.COMMON_START:
            continue
        if t.isupper() and len(t) >= 2 or t[0].isupper():
            return True
    return bool(_NUMBER.search(sent) or _folded(w).ACTOR_NOUN.search(sent))


def _is_claim(sent: str, w: ModuleType, tw: ModuleType, cues: Mood) -> bool:
    text = sent.strip()
    if cues.question(text) or len(words(text, tw)) < 4:
        return False
    if cues.prescriptive(text):
        return False  # (hypothetical sentences are not asked)
    return _mentions_entity(text, w, tw) and bool(_folded(w).FINITE.search(text))


def _is_eyewitness(sent: str, w: ModuleType) -> bool:
    if not w.EYEWITNESS.search(sent):
        return False  # the common case, told by one search
    if w.SECOND_HAND.search(sent) and not w.FIRST_HAND.search(sent):
        return False
    cleaned = w.NOT_EYE.sub(" ", w.QUOTED.sub(" ", sent))
    if not w.EYEWITNESS.search(cleaned):
        return False
    # what was seen on a screen or in print is not seen first-hand
    return not _folded(w).MEDIA.search(sent) or bool(w.LIVES_THERE.search(sent))


def content_labels(text: str, lang: "LanguagePack | None" = None) -> set[str]:
    """The non-abuse labels of a comment's text (in the language of ``lang``;
    English when not given)."""
    if lang is None:
        from ..lang import load

        lang = load("en")
    w, tw, cues = lang.labels, lang.words, mood(lang.mood)
    sents = [s for _, _, s in sentences(text, lang.segment) if words(s, tw)]
    if not sents:
        return set()
    labels: set[str] = set()
    hyp: list[str] = []
    for s in sents:
        # a supposition goes on in the modal of the sentences after it ("If he had not
        # helped, the war would be over. The rebels would win.")
        if cues.hypothetical(s) or (hyp and hyp[-1] is prev and cues.continues_supposition(s)):
            hyp.append(s)
        prev = s
    # by sentences or by words: a long supposition outweighs short asides around it
    if hyp and (len(hyp) * 2 >= len(sents) or sum(len(words(s, tw)) for s in hyp) * 2 >= sum(
            len(words(s, tw)) for s in sents)):
        labels.add("hypothetical")
    if any(cues.opinion(s) for s in sents):
        labels.add("opinion")
    real = [s for s in sents if s not in hyp]
    if any(_is_claim(s, w, tw, cues) for s in real):
        labels.add("claim")
    if any(_is_eyewitness(s, w) for s in real):
        labels.add("eyewitness")
        labels.add("claim")
    return labels
