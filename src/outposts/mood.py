"""The mood of a sentence from its raw text: asked, supposed, an opinion, a habit.

The one owner of raw-text mood cues, in the words of a language pack's
``mood`` section. Two readers, two strictnesses:

* the event coder (:mod:`outposts.code.hedges`) asks :meth:`Mood.statement`
  and :meth:`Mood.background` of article sentences; the parse already scopes
  an embedded "if" or a modal to its clause (that job is
  :func:`outposts.code.hedges.irrealis`'s alone), so only a sentence-initial
  supposition, first-person cognition or a habit needs the raw text;
* comment triage (:mod:`outposts.comments.labels`) has no parse and asks
  :meth:`Mood.hypothetical`, :meth:`Mood.opinion` and :meth:`Mood.prescriptive`,
  a broader net for chatty text.
"""

from __future__ import annotations

import functools
import re
from types import ModuleType


class Folded:
    """A case-blind pattern run as a case-sensitive one on lower-cased text: the same
    matches (its letters are lower case), in about half the time. A pattern that names
    capitals (``[A-Z]``, ``(?-i:...)``) is run as it is."""

    __slots__ = ("pattern", "_fold")

    def __init__(self, pattern: re.Pattern):
        bare = re.sub(r"\\.", "", pattern.pattern)
        self._fold = bool(pattern.flags & re.IGNORECASE) and not re.search(r"[A-Z]|\(\?-i", bare)
        self.pattern = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE) if self._fold else pattern

    def search(self, text: str):
        return self.pattern.search(text.lower() if self._fold else text)

    def findall(self, text: str) -> list:
        return self.pattern.findall(text.lower() if self._fold else text)

    def finditer(self, text: str):
        """The matches, on the lower-cased text when folded (``match.string`` is the text searched)."""
        return self.pattern.finditer(text.lower() if self._fold else text)

    def sub(self, repl: str, text: str) -> str:
        """``repl`` for each match (the text comes back lower-cased when folded)."""
        return self.pattern.sub(repl, text.lower() if self._fold else text)


class Mood:
    """Raw-text mood tests bound to one pack's ``mood`` section."""

    def __init__(self, words: ModuleType):
        self.words = words
        self._question = tuple(words.QUESTION_MARKS)
        self._opening = words.STATEMENT_HYPOTHETICAL
        self._first_person = words.STATEMENT_OPINION
        self._background = words.BACKGROUND
        self._conditional = Folded(words.CONDITIONAL)
        self._not_conditional = Folded(words.NOT_CONDITIONAL)
        self._inverted = words.INVERTED
        self._opinion = Folded(words.OPINION)
        self._prescriptive = Folded(words.PRESCRIPTIVE)
        self._supposing = Folded(words.SUPPOSING)
        self._counterfactual = Folded(words.COUNTERFACTUAL)
        self._not_supposed = Folded(words.NOT_SUPPOSED)
        self._goes_on = Folded(words.SUPPOSITION_GOES_ON)
        self._speculation = Folded(words.SPECULATION)
        self._indirect = Folded(words.INDIRECT_QUESTION)
        self._speculative_modal = Folded(words.SPECULATIVE_MODAL)
        # asked once per sentence, not per trigger
        self.statement = functools.lru_cache(maxsize=64)(self._statement)
        self.background = functools.lru_cache(maxsize=64)(self._is_background)

    # -- article sentences (the event coder) -------------------------------------
    def _statement(self, text: str) -> str | None:
        """What a whole article sentence says it is: "question", "hypothetical",
        "opinion", or None for a plain statement."""
        if self.question(text):
            return "question"
        if self._opening.match(text):
            return "hypothetical"
        if self._first_person.search(text):
            return "opinion"
        return None

    def _is_background(self, text: str) -> bool:
        """The words tell a habit or a long state of affairs, not an event."""
        return self._background.search(text) is not None

    # -- reader comments (triage) -----------------------------------------------
    def question(self, sent: str) -> bool:
        return sent.rstrip().endswith(self._question)

    def hypothetical(self, sent: str) -> bool:
        """A supposition: a conditional (not an indirect question, a comparison, nor a
        rhetorical question: "If they couldn't in 20 years, what makes you think ...?", nor
        one that supposes nothing: a generic rule, an inference from a fact), an inverted
        conditional, a counterfactual without "if" ("would have been easier"), or a guess
        with a modal or asked ("maybe they ran out of batteries?")."""
        asked = self.question(sent)
        if self._supposing.search(sent):
            return True
        if self._speculation.search(sent) and self._speculative_modal.search(sent):
            return True  # a guess, asked or not
        if not asked and self._counterfactual.search(sent) and not self._indirect.search(sent):
            return True
        if asked:
            return False  # a conditional asked is rhetorical
        cleaned = self._not_conditional.sub(" ", sent)
        if self._inverted.search(sent):
            return True
        return bool(self._conditional.search(cleaned)) and not self._not_supposed.search(sent)

    def continues_supposition(self, sent: str) -> bool:
        """A sentence in the conditional mood, carrying on the supposition before it."""
        return not self.question(sent) and self._goes_on.search(sent) is not None

    def opinion(self, sent: str) -> bool:
        """Cognition, evaluation, prescription, sarcasm, a question or exclamation."""
        return self._opinion.search(sent) is not None

    def prescriptive(self, sent: str) -> bool:
        return self._prescriptive.search(sent) is not None


@functools.lru_cache(maxsize=8)
def mood(words: ModuleType | None = None) -> Mood:
    """The :class:`Mood` of a pack's ``mood`` section (English when not given), built once."""
    if words is None:
        from .lang import load

        words = load("en").mood
    return Mood(words)
