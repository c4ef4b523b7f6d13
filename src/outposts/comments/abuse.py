"""Lexicon-based abuse detection for reader comments.

Three tiers of terms, matched at word starts:

* **hate** -- slurs (including conflict slang for peoples and armies),
  antisemitic and other conspiracy code words, dehumanising terms and threats:
  abusive wherever they are used;
* **insults** -- abusive when aimed at someone (a commenter, a named person,
  a group), not when they describe a thing ("a stupid war") or the writer
  themself ("I was an idiot to believe them");
* **profanity** -- abusive only when aimed at someone ("f*** you",
  "@shit-for-brains"); otherwise it only raises the toxicity score.

Any term that is *reported* rather than used ("he called me an idiot",
"they use the word 'ukrop'") does not count. A flagged comment is kept in the
store; it only stops being a source of events and is hidden by default.

The lexicons are the language pack's ``abuse`` section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from .text import sentences

if TYPE_CHECKING:  # pragma: no cover
    from ..lang import LanguagePack


@dataclass(frozen=True, slots=True)
class AbuseHits:
    """What the lexicons found in one comment."""

    hate: int = 0  # slurs, code words, dehumanising terms, harassment used
    insults: int = 0  # insults aimed at someone
    profanity: int = 0  # profane words, aimed or not
    directed_profanity: int = 0
    reported: int = 0  # terms reported or mentioned, not used

    @property
    def abusive(self) -> bool:
        return bool(self.hate or self.insults or self.directed_profanity)


def _reported(sentence: str, start: int, w: ModuleType) -> bool:
    before = sentence[max(0, start - 60):start]
    if w.QUOTED_BEFORE.search(before) and re.search(r"[\"”’'»]", sentence[start:start + 40]):
        return True  # a quoted term: mentioned, not used
    return bool(w.REPORTED.search(before))


def scan(text: str, lang: "LanguagePack | None" = None) -> AbuseHits:
    """Count the lexicon hits of ``text``, telling used terms from reported ones
    (in the language of ``lang``; English when not given)."""
    if lang is None:
        from ..lang import load

        lang = load("en")
    w = lang.abuse
    hate = insults = profanity = reported = 0
    for _, _, sent in sentences(text, lang.segment) or [(0, 0, text)]:
        for m in w.HATE.finditer(sent):
            if _reported(sent, m.start(), w):
                reported += 1
            else:
                hate += 1
        for m in w.INSULT.finditer(sent):
            before = sent[max(0, m.start() - 40):m.start()]
            if _reported(sent, m.start(), w):
                reported += 1
            elif w.SELF.search(before) or w.THING.match(sent[m.start():]):
                continue
            else:
                insults += 1
        for m in w.PROFANITY.finditer(sent):
            if _reported(sent, m.start(), w):
                reported += 1
            else:
                profanity += 1
    directed = len(w.DIRECTED_PROFANITY.findall(text))
    return AbuseHits(hate, insults, profanity, directed, reported)


def is_abusive(text: str, lang: "LanguagePack | None" = None) -> bool:
    """True when the comment insults, slurs, dehumanises or harasses (lexicon match)."""
    return scan(text, lang).abusive
