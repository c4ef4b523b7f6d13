"""Labels of one comment: ``abusive``, ``hypothetical``, ``opinion``,
``claim``, ``eyewitness`` (several may apply, or none: "News to me.").

Cue patterns per sentence, no model:

* **hypothetical** -- conditionals ("if ... would"), "imagine", "what if";
  not "I wonder if" (an indirect question) nor "as if". A comment is
  hypothetical when at least half of its sentences are.
* **opinion** -- first-person cognition ("I think", "I'd say", "I agree"),
  prescriptive modals ("should", "need to"), evaluative words, sarcasm marks,
  rhetorical questions.
* **claim** -- an asserted (not conditional, not asked, not prescribed)
  sentence naming an actor, place or figure with a finite verb.
* **eyewitness** -- first person with a verb of presence or perception
  ("we haven't seen", "I live in", "here in Deir ez Zor"), unless what was
  seen was on a screen or in print ("I watched the video", "I read").
"""

from __future__ import annotations

import re

from ..mood import mood
from .text import STOPWORDS, sentences, words

_ACTOR_NOUN = re.compile(
    r"\b(?:army|armies|troops?|forces?|militias?|militiamen|soldiers?|soldoers|rebels?|fighters?|police"
    r"|jets?|warplanes?|planes?|drones?|helicopters?|regime|government|militants?|jihadists?|civilians?"
    r"|people|convoys?|tanks?|artillery|airstrikes?|strikes?|shelling|checkpoints?|posts?|bases?"
    r"|units?|corps|battalions?|brigades?|division|gunmen|snipers?|patrols?|refugees?|residents?"
    r"|locals|villagers|protesters?|demonstrators?|clashes|attacks?|offensive|border|village|town"
    r"|city|province|countryside|desert|river|oil ?fields?|aid|tonnes|km|kilometers?|miles)\b",
    re.IGNORECASE,
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|do|does|did|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|haven'?t"
    r"|hadn'?t|didn'?t|doesn'?t|don'?t|'s|'re|'ve|controls?|operates?|occupie[sd]|moved?|moves"
    r"|fight|fights|came|come|left|took|takes|hold|holds|run|runs|went|goes|attack|attacks|shell"
    r"|shells|speak|speaks|hate|like|recruit|recruits|fund|funds|equip|equips|deploy|deploys|"
    r"arrive|arrives|withdraw|withdraws|kill|kills|patrol|patrols|use|uses|found|sit|sits|stay|stays"
    r"|live|lives|\w{3,}ed)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_EYE_VERB = (r"(?:saw|see|seen|seeing|watched|watching|witnessed|heard|hear|hearing|noticed|counted"
             r"|spotted|met|talked to|spoke to|live|lived|living|stay|stayed|was there|were there"
             r"|was (?:at|in|near)|were (?:at|in|near)|am in|drove|walked|passed|had|'ve had|have had"
             r"|got|get|were woken|woke|buried|went out)")
_EYEWITNESS = re.compile(
    r"\b(?:i|we)(?:'ve|'d|'m|'re| have| had| just| also| all| still| personally| actually| never"
    r"| haven'?t| hadn'?t| didn'?t| did| could| can| could not| couldn'?t| can'?t| have not| did not"
    r"| myself| ourselves| mostly| often| clearly| really|,){0,3} " + _EYE_VERB + r"\b"
    r"|\b(?:here in|here at|where i live|from my (?:window|roof|balcony|house|street)|outside my"
    r"|in (?:my|our) (?:village|town|city|neighbou?rhood|street|area|district|camp|building)"
    r"|our (?:whole )?(?:village|town|city|neighbou?rhood|street|area|district|camp)|i'?m from|i am from"
    r"|i was there|we were there|i live|we live|on the ground here)\b",
    re.IGNORECASE,
)
_NOT_EYE = re.compile(
    r"\b(?:we(?:'ll| will| shall) see|wait and see|let'?s see|see (?:how|why|what|your|the point|it|that"
    r"|a reason|any reason|no reason)|(?:i|we) (?:have|had|'ve) (?:to|two|no|a \w+ (?:view|opinion))"
    r"|i hear you|heard (?:that|it|of)\b)",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"\b(?:video|videos|footage|tv|television|rt|cnn|bbc|fox|al ?jazeera|sky news|twitter|tweets?"
    r"|telegram|youtube|channel|interview|article|news|photos?|pictures?|clips?|documentary|podcast"
    r"|online|internet|website|read|reading|radio|newspaper|livestream|stream|movie|film)\b",
    re.IGNORECASE,
)
_SECOND_HAND = re.compile(r"\b(?:my|our) (?:cousin|brother|sister|friend|uncle|aunt|father|mother"
                          r"|relatives?|family|friends|neighbou?rs?) (?:\w+ )?(?:says?|said|told|tells|saw|heard)",
                          re.IGNORECASE)
_COMMON_START = STOPWORDS | {"thats", "that's", "well", "yes", "yeah", "no", "exactly", "indeed",
                             "meanwhile", "alas", "so", "if", "and", "but", "or", "news", "respect",
                             "it's", "its", "i'm", "i've", "i'd", "you're", "they're", "we're",
                             "there's", "what's", "let's", "don't", "dont", "sure", "lol", "ok", "okay"}


def _is_hypothetical(sent: str) -> bool:
    return mood().hypothetical(sent)


def _mentions_entity(sent: str) -> bool:
    toks = words(sent)
    for i, t in enumerate(toks):
        if t == "I" or not t[0].isupper():
            continue
        if i == 0 and t.casefold() in _COMMON_START:
            continue
        if t.isupper() and len(t) >= 2 or t[0].isupper():
            return True
    return bool(_ACTOR_NOUN.search(sent) or _NUMBER.search(sent))


def _is_claim(sent: str) -> bool:
    text = sent.strip()
    if text.endswith("?") or len(words(text)) < 4:
        return False
    if _is_hypothetical(text) or mood().prescriptive(text):
        return False
    return _mentions_entity(text) and bool(_FINITE.search(text))


def _is_eyewitness(sent: str) -> bool:
    if _SECOND_HAND.search(sent) and not re.search(r"\b(?:i|we) (?:saw|see|heard|live)", sent, re.IGNORECASE):
        return False
    cleaned = _NOT_EYE.sub(" ", sent)
    if not _EYEWITNESS.search(cleaned):
        return False
    # what was seen on a screen or in print is not seen first-hand
    return not _MEDIA.search(sent) or bool(re.search(r"\b(?:here in|i live|we live|where i live)\b", sent, re.IGNORECASE))


def content_labels(text: str) -> set[str]:
    """The non-abuse labels of a comment's text."""
    sents = [s for _, _, s in sentences(text) if words(s)]
    if not sents:
        return set()
    labels: set[str] = set()
    hyp = [s for s in sents if _is_hypothetical(s)]
    if len(hyp) * 2 >= len(sents):
        labels.add("hypothetical")
    if any(mood().opinion(s) for s in sents):
        labels.add("opinion")
    real = [s for s in sents if s not in hyp]
    if any(_is_claim(s) for s in real):
        labels.add("claim")
    if any(_is_eyewitness(s) for s in real):
        labels.add("eyewitness")
        labels.add("claim")
    return labels
