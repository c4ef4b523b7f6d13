"""English cues of a comment's claims and first-hand accounts (used by
:mod:`outposts.comments.labels`; hypotheticals and opinions are
:mod:`outposts.mood`'s, section ``mood``).
"""

import re

from .words import STOPWORDS

# Capitalised words that name nothing: "I".
NOT_NAMES = frozenset({"I"})
# Words a sentence may start with in capitals without naming anything ("Well, ...").
COMMON_START = STOPWORDS | {"thats", "that's", "well", "yes", "yeah", "no", "exactly", "indeed",
                            "meanwhile", "alas", "so", "if", "and", "but", "or", "news", "respect",
                            "it's", "its", "i'm", "i've", "i'd", "you're", "they're", "we're",
                            "there's", "what's", "let's", "don't", "dont", "sure", "lol", "ok", "okay"}
# Nouns of actors, places, weapons and figures: a sentence that names one may be a claim.
ACTOR_NOUN = re.compile(
    r"\b(?:army|armies|troops?|forces?|militias?|militiamen|soldiers?|soldoers|rebels?|fighters?|police"
    r"|jets?|warplanes?|planes?|drones?|helicopters?|regime|government|militants?|jihadists?|civilians?"
    r"|people|convoys?|tanks?|artillery|airstrikes?|strikes?|shelling|checkpoints?|posts?|bases?"
    r"|units?|corps|battalions?|brigades?|division|gunmen|snipers?|patrols?|refugees?|residents?"
    r"|locals|villagers|protesters?|demonstrators?|clashes|attacks?|offensive|border|village|town"
    r"|city|province|countryside|desert|river|oil ?fields?|aid|tonnes|km|kilometers?|miles)\b",
    re.IGNORECASE,
)
# A finite verb: an assertion.
FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|do|does|did|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|haven'?t"
    r"|hadn'?t|didn'?t|doesn'?t|don'?t|'s|'re|'ve|controls?|operates?|occupie[sd]|moved?|moves"
    r"|fight|fights|came|come|left|took|takes|hold|holds|run|runs|went|goes|attack|attacks|shell"
    r"|shells|speak|speaks|hate|like|recruit|recruits|fund|funds|equip|equips|deploy|deploys|"
    r"arrive|arrives|withdraw|withdraws|kill|kills|patrol|patrols|use|uses|found|sit|sits|stay|stays"
    r"|live|lives|\w{3,}ed)\b",
    re.IGNORECASE,
)
# First person with a verb of presence or perception ("we haven't seen", "I live in"). A
# verb of presence alone ("we went out of Gaza", "we've been in Afghanistan 20 years") is
# often a nation's "we": only "I" is present by it, "we" only in a place of its own.
_FIRST_ADVERBS = (r"(?:'ve|'d|'m|'re| have| had| just| also| all| still| personally| actually| never"
                  r"| haven'?t| hadn'?t| didn'?t| did| could| can| could not| couldn'?t| can'?t| have not| did not"
                  r"| myself| ourselves| mostly| often| clearly| really| once| twice| even| recently| myself,|,){0,3} ")
_PERCEPTION = (r"(?:saw|see|seen|seeing|watched|watching|witnessed|heard|hear|hearing|noticed|counted"
               r"|spotted|met|talked to|spoke to|were woken|woke|buried|was queueing|was queuing|felt)")
_PRESENCE = (r"(?:live|lived|living|stay|stayed|was there|were there|was (?:at|in|near)|were at|am in|drove"
             r"|walked|passed|went (?:to|there)|grew up|visited|worked|served|been (?:to|in|at|there)"
             r"|was born|travel+ed)")
EYEWITNESS = re.compile(
    r"\b(?:i|we)" + _FIRST_ADVERBS + _PERCEPTION + r"\b"
    r"|\bi" + _FIRST_ADVERBS + _PRESENCE + r"\b"
    r"|\bwe" + _FIRST_ADVERBS + r"(?:live|lived|were at|were there|stayed)\b"
    r"|\bhaving (?:been|lived|worked|served|stayed|travel+ed|grown up|visited) (?:to|in|at|there|with)\b"
    r"|\b(?:greetings|hello|writing|reporting|posting) from (?-i:[A-Z])"
    r"|\bhere in (?:(?-i:[A-Z])|(?:the|our|this) (?:village|town|city|camp|area|district|country))"
    r"|\b(?:here at|where i live|from my (?:window|roof|balcony|house|street|shop)|outside my"
    r"|in (?:my|our) (?:village|town|city|neighbou?rhood|street|area|district|camp|building)"
    r"|our (?:whole )?(?:village|town|city|neighbou?rhood|street|area|district|camp)|i'?m from|i am from"
    r"|i was there|we were there|on the ground here)\b",
    re.IGNORECASE,
)
# Quoted words are someone else's: their first person is not the writer's.
QUOTED = re.compile(r"[\"“«][^\"“”«»]*[\"”»]")
# ... not "we'll see", "I hear you", "heard that".
NOT_EYE = re.compile(
    r"\b(?:we(?:'ll| will| shall) see|wait and see|let'?s see|see (?:how|why|what|your|the point|it|that"
    r"|a reason|any reason|no reason)|(?:i|we) (?:have|had|'ve) (?:to|two|no|a \w+ (?:view|opinion))"
    r"|i hear you|heard (?:that|it|of|from|rumou?rs?|reports?|on|about (?:it )?on)\b|(?:saw|seen|see) (?:on|in) (?:the )?(?:news|tv|twitter|telegram)"
    r"|(?:i|we)(?:'ve| have)? (?:heard|read|seen) (?:people|reports|claims|stories|rumou?rs)\b)",
    re.IGNORECASE,
)
# What was seen on a screen or in print is not seen first-hand ...
MEDIA = re.compile(
    r"\b(?:video|videos|footage|tv|television|rt|cnn|bbc|fox|al ?jazeera|sky news|twitter|tweets?"
    r"|telegram|youtube|channel|interview|article|news|photos?|pictures?|clips?|documentary|podcast"
    r"|online|internet|website|read|reading|radio|newspaper|livestream|stream|movie|film)\b",
    re.IGNORECASE,
)
# ... unless the writer is there.
LIVES_THERE = re.compile(r"\b(?:here in|i live|we live|where i live)\b", re.IGNORECASE)
# A relative's account is second-hand ...
SECOND_HAND = re.compile(r"\b(?:my|our) (?:cousin|brother|sister|friend|uncle|aunt|father|mother"
                          r"|relatives?|family|friends|neighbou?rs?) (?:\w+ )?(?:says?|said|told|tells|saw|heard)",
                          re.IGNORECASE)
# ... unless the writer saw, heard or lives there too.
FIRST_HAND = re.compile(r"\b(?:i|we) (?:saw|see|heard|live)", re.IGNORECASE)
