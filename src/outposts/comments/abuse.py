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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import sentences

_HATE = (
    # antisemitic and conspiracy code words
    r"zio(?!n\b|nism|nist)\w*", r"zionazi", r"zog\b", r"kikes?\b", r"goyim", r"shabbos goy",
    r"khazar", r"rothschild", r"jew world order", r"synagogue of satan", r"\(\(\(",
    r"jewish (?:lobby|media|bankers|control)", r"globalist (?:cabal|jews?|elite)",
    r"(?<!as )(?<!by )(?<!call them )\bthe jews\b(?! (?:of|in|who|that|living|were persecuted))",
    r"by the jews\b", r"hasbara\w*",
    # slurs, conflict slang for peoples and armies
    r"sand ?n[i1*]g\w*", r"n[i1*]gg\w*", r"ragheads?", r"towelheads?", r"camel ?jockeys?",
    r"muzzies?", r"mudslimes?", r"sand ?monkeys?", r"goat ?f\w*ers?", r"ukrops?\b", r"khokhols?\b",
    r"katsaps?\b", r"vatniks?\b", r"rashists?\b", r"orcs\b", r"amerikans?\b", r"amerikkk\w*",
    r"kameltoe", r"libtards?", r"retards?\b", r"faggots?", r"trann(?:y|ies)", r"gypp?os?\b",
    # dehumanising, threats
    r"vermin", r"subhumans?", r"untermensch", r"cockroaches", r"parasites\b", r"savages\b",
    r"(?:nuke|gas|exterminate|wipe out|kill) (?:them|you|those \w+) all\b",
    r"killed all of (?:you|ya)\b", r"(?:deserve|ought) to (?:die|be (?:killed|shot|gassed))",
    r"should (?:all )?be (?:killed|shot|gassed|exterminated|hanged)",
    # harassment of other commenters
    r"your (?:\w+ )?(?:girlfriend|boyfriend|mother|mom|mum|momma) ", r"parrot school",
    r"(?:needs?|get) (?:a )?better dealer", r"(?:lsd|meds|drugs) (?:is |are )?too strong",
    r"take your meds", r"go back to (?:your|school|kindergarten|the)", r"shut up", r"stfu",
    r"(?:you|ya|u) (?:are|r) (?:nothing|worthless|pathetic|garbage|trash)",
    r"ypu are nothing", r"lives in idiocracy",
)
_INSULTS = (
    r"idiot\w*", r"idiocra\w*", r"moron\w*", r"imbecil\w*", r"cretin\w*", r"scum\w*", r"stupid\w*",
    r"dumb\w*", r"dim[ -]?wit\w*", r"dim\b", r"dull[ -]?witted", r"half[ -]?wit\w*", r"nit[ -]?wit\w*",
    r"chumps?\b", r"clowns?\b", r"losers?\b", r"trolls?\b", r"(?:paid )?shills?\b",
    r"bastards?\b", r"jackass\w*", r"a[rs]sehole\w*", r"assholes?", r"whores?\b", r"sluts?\b",
    r"bitch\w*", r"fools?\b", r"nut ?jobs?\b", r"brainwashed", r"bootlicke\w*", r"sheeple", r"(?:you|ya) (?:\w+ )?nazis?\b", r"(?:you|ya) (?:\w+ )?racists?\b",
    r"useful idiot\w*", r"pigs?\b", r"dogs? of\b", r"rats\b",
    r"animals\b",
)
_PROFANITY = (r"f+u+c+k\w*", r"f\*+k\w*", r"shit\w*", r"crap\w*", r"damn\w*", r"piss\w*", r"wtf\b")

HATE = re.compile(r"(?<![\w])(?:" + "|".join(_HATE) + ")", re.IGNORECASE)
INSULT = re.compile(r"(?<![\w])(?:" + "|".join(_INSULTS) + ")", re.IGNORECASE)
PROFANITY = re.compile(r"(?<![\w])(?:" + "|".join(_PROFANITY) + ")", re.IGNORECASE)

# "called me an idiot", "used the word", "accused of being": the term is reported.
_REPORTED = re.compile(
    r"\b(?:call(?:ed|s|ing)?|nam(?:ed|ing)|label+(?:ed|ing)?|brand(?:ed|ing)?|dismiss(?:ed|ing)"
    r"|accus(?:ed|ing)|insult(?:ed|ing)?|said|says|wrote|writes|tweeted|posted|shout(?:ed|ing)"
    r"|yell(?:ed|ing)|scream(?:ed|ing)|chant(?:ed|ing)|slur|word|term|words|phrase"
    r"|report(?:ed|ing)?|flag(?:ged)?)\b[^.!?]{0,40}$",
    re.IGNORECASE,
)
_QUOTED_BEFORE = re.compile(r"[\"“‘'«]\s*[\w ]{0,30}$")
# The writer themself: "I was an idiot", "call me stupid but".
_SELF = re.compile(r"\b(?:I|I'm|I am|I was|I felt|I feel|call me|makes? me|made me)\b(?: \w+){0,3} (?:an? )?$",
                   re.IGNORECASE)
# Insult adjectives that describe a thing, not a person: "a stupid war", "dumb luck".
_THING = re.compile(
    r"^\w+ (?:war|idea|plan|move|decision|policy|question|luck|mistake|deal|show|strategy|"
    r"thing|things|article|argument|excuse|law|rule|game|propaganda|claim|farm|farms|account|accounts)\b",
    re.IGNORECASE,
)
# Profanity aimed at someone.
_DIRECTED_PROFANITY = re.compile(
    r"\b(?:f+u+c+k|screw|damn) (?:you|u|ya|off|yourself|them all)\b|@\s*\w*(?:shit|fuck|crap)\w*"
    r"|\b(?:you|ya|u)(?: \w+)? (?:piece of shit|shit ?head|dipshit|shit for brains)|\bstfu\b",
    re.IGNORECASE,
)


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


def _reported(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 60):start]
    if _QUOTED_BEFORE.search(before) and re.search(r"[\"”’'»]", sentence[start:start + 40]):
        return True  # a quoted term: mentioned, not used
    return bool(_REPORTED.search(before))


def scan(text: str) -> AbuseHits:
    """Count the lexicon hits of ``text``, telling used terms from reported ones."""
    hate = insults = profanity = reported = 0
    for _, _, sent in sentences(text) or [(0, 0, text)]:
        for m in HATE.finditer(sent):
            if _reported(sent, m.start()):
                reported += 1
            else:
                hate += 1
        for m in INSULT.finditer(sent):
            before = sent[max(0, m.start() - 40):m.start()]
            if _reported(sent, m.start()):
                reported += 1
            elif _SELF.search(before) or _THING.match(sent[m.start():]):
                continue
            else:
                insults += 1
        for m in PROFANITY.finditer(sent):
            if _reported(sent, m.start()):
                reported += 1
            else:
                profanity += 1
    directed = len(_DIRECTED_PROFANITY.findall(text))
    return AbuseHits(hate, insults, profanity, directed, reported)


def is_abusive(text: str) -> bool:
    """True when the comment insults, slurs, dehumanises or harasses (lexicon match)."""
    return scan(text).abusive
