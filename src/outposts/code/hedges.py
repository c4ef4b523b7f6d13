"""Which statements are not events: hedged, hypothetical, predicted,
counterfactual, negated, habitual background, questions and opinions.

``irrealis(head, sent)`` looks at the trigger's clause in the dependency
parse (modal auxiliaries, an "if" clause, a verb of intention or fear above
it, a "possible"/"planned" modifier) and at a few sentence-level cues; it
returns the reason a trigger must not be coded, or None.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

MODALS = frozenset({"could", "may", "might", "would", "should", "will", "shall", "can", "must", "ought", "'d", "'ll", "wo", "ca"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# A clause opened by these tells the circumstance of the main clause's action.
TEMPORAL_MARKS = frozenset({"once", "before", "after", "until", "till"})
# Verbs that put what they govern in the future, the mind or the mouth of a critic.
IRREALIS_VERBS = frozenset({
    "threaten", "plan", "intend", "expect", "warn", "fear", "aim", "hope", "seek", "want",
    "vow", "propose", "consider", "prepare", "need", "wish", "urge", "call", "demand",
    "predict", "suggest", "imagine", "deny", "refuse", "fail", "avoid", "prevent", "rumour",
    "rumor", "speculate", "doubt", "wonder", "risk", "mean", "try", "attempt", "like", "would",
})
IRREALIS_MODIFIERS = frozenset({
    "possible", "potential", "planned", "expected", "imminent", "nearing", "future",
    "upcoming", "likely", "alleged", "rumoured", "rumored", "hypothetical", "feared",
    "looming", "prospective", "any", "proposed", "previous", "past", "prior", "former",
    "unlikely", "probable", "threatened", "intended", "new-style",
})
# Words that mark a noun trigger as pointing back at an event already told.
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "without"})
OPINION = re.compile(
    r"\b(?:i think|i believe|i guess|i doubt|in my (?:view|opinion)|i wonder|i bet|"
    r"i hope|i expect|i'm expecting|let's see|we will see|who knows)\b|\b(?-i:imo|IMO)\b",
    re.IGNORECASE,
)
BACKGROUND = re.compile(
    r"\b(?:originally|have been \w+ing|has been \w+ing|for (?:almost |nearly |over |more than |about )?"
    r"(?:\w+ )?(?:years|decades|months)|in the past (?:\w+ )?years|used to|traditionally|historically|"
    r"(?:has|have|had)\b[^.;]*\bsince|many times|several times|repeatedly|regularly|frequently|"
    r"more frequent|increasingly|"
    r"often|usually|routinely|every (?:day|week|month|year|night))\b",
    re.IGNORECASE,
)
# Past forms of trigger verbs a tagger may mistake for the present.
IRREGULAR_PAST = frozenset({"retook", "overran", "took", "shot", "fought", "stole", "overtook", "undertook",
                            "withdrew", "blew", "threw", "struck", "beat", "froze", "hid", "tore", "slew"})
SENTENCE_HYPOTHETICAL = re.compile(r"^\W*(?:if|unless|should|were|what if|imagine|suppose)\b", re.IGNORECASE)


# What crowds do: "protesters demanded ...", "called for ..." is the protest itself.
SPEECH_ACTS = frozenset({"demand", "call", "urge", "reject", "refuse"})


def irrealis(head: "Token", sent: "Span", *, headline: bool = False, protest: bool = False) -> str | None:
    """Why the trigger ``head`` in ``sent`` is not a real, past event (or None).

    Outside headlines (which use the present for past events), a trigger verb
    in the simple present or present progressive states a habit or a state.
    """
    if not headline and _present(head):
        return "present tense"
    text = sent.text
    reason = _sentence_mood(text)
    if reason is not None:
        return reason
    # a crowd's grievance often tells of a long state of affairs ("unpaid for three
    # years"): for a protest only the words up to the trigger can make it background
    if _background(text if not protest else text[:head.idx + len(head) - sent.start_char]):
        return "background"
    if not head.doc.has_annotation("DEP"):
        return _surface(head, sent)
    for tok in [head, *head.ancestors]:
        if not sent.start <= tok.i < sent.end:
            break
        for child in tok.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass") and low in MODALS and not _in_name(child):
                return f"modal '{child.text}'"
            if child.dep_ == "mark" and low in CONDITIONAL_MARKS:
                return f"conditional '{child.text}'"
            if child.dep_ == "mark" and low in TEMPORAL_MARKS and tok.dep_ == "advcl":
                return f"circumstance '{child.text}'"
            if child.dep_ == "neg" and low in NEGATIONS:
                return "negated"
            if child.dep_ in ("amod", "advmod", "det", "acomp") and child.lemma_.lower() in IRREALIS_MODIFIERS \
                    and not _in_name(child):
                return f"modifier '{child.text}'"
        if tok is not head and tok.pos_ in ("VERB", "NOUN") and tok.lemma_.lower() in IRREALIS_VERBS \
                and not (protest and tok.lemma_.lower() in SPEECH_ACTS):
            return f"under '{tok.text}'"
    return None


def _in_name(tok) -> bool:
    """A capitalised word inside a sentence is part of a name ("Fridays for
    Future"), not a word that makes the event hypothetical."""
    return tok.i > tok.sent.start and tok.text[:1].isupper() and tok.text[1:2].islower()


@functools.lru_cache(maxsize=64)
def _sentence_mood(text: str) -> str | None:
    """What the whole sentence says it is: a question, a hypothetical, an opinion
    (asked once per sentence, not per trigger)."""
    if text.rstrip().endswith("?"):
        return "question"
    if SENTENCE_HYPOTHETICAL.match(text):
        return "hypothetical"
    if OPINION.search(text):
        return "opinion"
    return None


@functools.lru_cache(maxsize=64)
def _background(text: str) -> bool:
    return BACKGROUND.search(text) is not None


PAST_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def past_year(sent_text: str, report_year: int) -> bool:
    """The sentence names a year before the report's: background, not news."""
    return any(int(y) < report_year for y in PAST_YEAR.findall(sent_text))


def anaphoric(head: "Token", trigger_heads: set) -> bool:
    """A definite noun trigger ("the attack") that is not the subject and whose
    verb is not itself a trigger refers back to an event already told."""
    if head.pos_ not in ("NOUN", "PROPN") or not head.doc.has_annotation("DEP"):
        return False
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETS for c in head.children):
        return False
    if head.dep_ in ("nsubj", "nsubjpass"):
        return False
    governor = head.head
    while governor.dep_ == "prep" and governor.head is not governor:
        governor = governor.head
    return governor not in trigger_heads


def _present(head: "Token") -> bool:
    if head.pos_ != "VERB" or not head.tag_:
        return False
    if head.tag_ in ("VBP", "VBZ"):
        # the tagger calls rare past forms present ("retook", "shelled" in a list)
        low = head.lower_
        return not ((low.endswith("ed") and not low.endswith("eed")) or low in IRREGULAR_PAST)
    if head.tag_ in ("VBN", "VBG"):
        auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        return bool(auxes) and all(a.tag_ in ("VBP", "VBZ") and a.lemma_ == "be" for a in auxes)
    return False


def _surface(head: "Token", sent: "Span") -> str | None:
    """Fallback without a parse: modals or 'if' in the words before the trigger."""
    before = sent.doc[sent.start : head.i]
    for tok in before:
        if tok.lower_ in MODALS or tok.lower_ in CONDITIONAL_MARKS:
            return f"hedge '{tok.text}'"
    return None
