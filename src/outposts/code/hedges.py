"""Which statements are not events: hedged, hypothetical, predicted,
counterfactual, negated, habitual background, questions and opinions.

``irrealis(head, sent)`` looks at the trigger's clause in the dependency
parse (modal auxiliaries, an "if" clause, a verb of intention or fear above
it, a "possible"/"planned" modifier) and at a few sentence-level cues; it
returns the reason a trigger must not be coded, or None.

This module owns the parse-based clause scope; the sentence-level cues read
on raw text (a question, a sentence-initial supposition, first-person
opinion, a habit) are :mod:`outposts.mood`'s, shared with comment triage.
The words are the language pack's ``hedges`` and ``mood`` sections:
:class:`Hedges` binds them once; the module functions speak English.
"""

from __future__ import annotations

import functools
import re
from types import ModuleType
from typing import TYPE_CHECKING

from ..mood import Mood, mood

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from ..lang import LanguagePack


class Hedges:
    """The clause-scope tests of one language pack (its ``hedges`` words and
    its ``mood`` cues)."""

    def __init__(self, words: ModuleType, cues: Mood):
        self.words = words
        self.mood = cues
        self._modals: frozenset[str] = words.MODALS
        self._conditional: frozenset[str] = words.CONDITIONAL_MARKS
        self._temporal: frozenset[str] = words.TEMPORAL_MARKS
        self._verbs: frozenset[str] = words.IRREALIS_VERBS
        self._modifiers: frozenset[str] = words.IRREALIS_MODIFIERS
        self._negations: frozenset[str] = words.NEGATIONS
        self._speech_acts: frozenset[str] = words.SPEECH_ACTS
        self._anaphoric: frozenset[str] = words.ANAPHORIC_DETS
        self._possessors: frozenset[str] = words.ANAPHORIC_POSSESSORS
        self._occurrence: frozenset[tuple[str, str]] = words.OCCURRENCE_VERBS
        self._irregular_past: frozenset[str] = words.IRREGULAR_PAST
        self._past_endings = tuple(words.PAST_ENDINGS)
        self._not_past_endings = tuple(words.NOT_PAST_ENDINGS)
        self._copula: frozenset[str] = words.COPULA
        self._infinitive: frozenset[str] = words.INFINITIVE_MARKS
        self._quote_openers: tuple[str, ...] = tuple(words.QUOTE_OPENERS)
        self._completion: frozenset[str] = words.COMPLETION_VERBS

    @classmethod
    def of(cls, lang: "LanguagePack") -> "Hedges":
        return cls(lang.hedges, mood(lang.mood))

    def irrealis(self, head: "Token", sent: "Span", *, headline: bool = False,
                 protest: bool = False) -> str | None:
        """Why the trigger ``head`` in ``sent`` is not a real, past event (or None).

        Outside headlines (which use the present for past events), a trigger verb
        in the simple present or present progressive states a habit or a state.
        """
        if not headline and self._present(head):
            return "present tense"
        text = sent.text
        reason = self.mood.statement(text)
        if reason is not None:
            return reason
        # a crowd's grievance often tells of a long state of affairs ("unpaid for three
        # years"): for a protest only the words up to the trigger can make it background
        if self.mood.background(text if not protest else text[:head.idx + len(head) - sent.start_char]):
            return "background"
        if not head.doc.has_annotation("DEP"):
            return self._surface(head, sent)
        if sent.text.lstrip().startswith(self._quote_openers) and head.pos_ == "VERB" and head.tag_ == "VB" \
                and any(c.dep_ == "aux" and c.lower_ in self._infinitive for c in head.children) \
                and head.head.lemma_.lower() not in self._completion:
            return "purpose"  # "“We stand united to liberate our country”": what one means to do
        modals, conditional, temporal = self._modals, self._conditional, self._temporal
        negations, modifiers, verbs = self._negations, self._modifiers, self._verbs
        for tok in [head, *head.ancestors]:
            if not sent.start <= tok.i < sent.end:
                break
            for child in tok.children:
                low = child.lower_
                if child.dep_ in ("aux", "auxpass") and low in modals and not _in_name(child):
                    return f"modal '{child.text}'"
                if child.dep_ == "mark" and low in conditional:
                    return f"conditional '{child.text}'"
                if child.dep_ == "mark" and low in temporal and tok.dep_ == "advcl":
                    return f"circumstance '{child.text}'"
                if child.dep_ == "neg" and low in negations:
                    return "negated"
                if child.dep_ in ("amod", "advmod", "det", "acomp") and child.lemma_.lower() in modifiers \
                        and not _in_name(child):
                    return f"modifier '{child.text}'"
            if tok is not head and tok.pos_ in ("VERB", "NOUN") and tok.lemma_.lower() in verbs \
                    and not (protest and tok.lemma_.lower() in self._speech_acts):
                return f"under '{tok.text}'"
        return None

    def anaphoric(self, head: "Token", trigger_heads: set) -> bool:
        """A definite noun trigger ("the attack") that is not the subject and whose
        verb is not itself a trigger refers back to an event already told; one owned
        by a day ("Sunday's attack also wounded 36") does so as a subject too."""
        if head.pos_ not in ("NOUN", "PROPN") or not head.doc.has_annotation("DEP"):
            return False
        dated = any(c.dep_ == "poss" and c.lower_ in self._possessors for c in head.children)
        if not dated and not any(c.dep_ in ("det", "poss") and c.lower_ in self._anaphoric
                                 for c in head.children):
            return False
        if head.dep_ in ("nsubj", "nsubjpass") and not dated and not self._occurs(head.head):
            return False
        governor = head.head
        while governor.dep_ == "prep" and governor.head is not governor:
            governor = governor.head
        return governor not in trigger_heads

    def _occurs(self, verb: "Token") -> bool:
        """The verb only says something happened ("took place", "occurred")."""
        lemma = verb.lemma_.lower()
        objects = {c.lower_ for c in verb.children if c.dep_ in ("dobj", "prt")} | {""}
        return any((lemma, o) in self._occurrence for o in objects)

    def _present(self, head: "Token") -> bool:
        if head.pos_ != "VERB" or not head.tag_:
            return False
        if head.tag_ in ("VBP", "VBZ"):
            # the tagger calls rare past forms present ("retook", "shelled" in a list)
            low = head.lower_
            return not ((low.endswith(self._past_endings) and not low.endswith(self._not_past_endings))
                        or low in self._irregular_past)
        if head.tag_ in ("VBN", "VBG"):
            auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
            return bool(auxes) and all(a.tag_ in ("VBP", "VBZ") and a.lemma_ in self._copula for a in auxes)
        return False

    def _surface(self, head: "Token", sent: "Span") -> str | None:
        """Fallback without a parse: modals or conditional marks in the words before the trigger."""
        before = sent.doc[sent.start : head.i]
        for tok in before:
            if tok.lower_ in self._modals or tok.lower_ in self._conditional:
                return f"hedge '{tok.text}'"
        return None


def _in_name(tok) -> bool:
    """A capitalised word inside a sentence is part of a name ("Fridays for
    Future"), not a word that makes the event hypothetical."""
    return tok.i > tok.sent.start and tok.text[:1].isupper() and tok.text[1:2].islower()


PAST_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def past_year(sent_text: str, report_year: int) -> bool:
    """The sentence names a year before the report's: background, not news."""
    return any(int(y) < report_year for y in PAST_YEAR.findall(sent_text))


@functools.lru_cache(maxsize=1)
def _english() -> Hedges:
    from ..lang import load

    return Hedges.of(load("en"))


def irrealis(head: "Token", sent: "Span", *, headline: bool = False, protest: bool = False) -> str | None:
    """:meth:`Hedges.irrealis` in English."""
    return _english().irrealis(head, sent, headline=headline, protest=protest)


def anaphoric(head: "Token", trigger_heads: set) -> bool:
    """:meth:`Hedges.anaphoric` in English."""
    return _english().anaphoric(head, trigger_heads)
