"""English abuse lexicons of reader comments (used by :mod:`outposts.comments.abuse`).

Three tiers of terms, matched at word starts: **hate** (slurs, conflict slang
for peoples and armies, conspiracy code words, dehumanising terms, threats,
harassment), **insults** (abusive when aimed at someone) and **profanity**;
and the phrasing that tells a term *reported* rather than used.
"""

import re

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
REPORTED = re.compile(
    r"\b(?:call(?:ed|s|ing)?|nam(?:ed|ing)|label+(?:ed|ing)?|brand(?:ed|ing)?|dismiss(?:ed|ing)"
    r"|accus(?:ed|ing)|insult(?:ed|ing)?|said|says|wrote|writes|tweeted|posted|shout(?:ed|ing)"
    r"|yell(?:ed|ing)|scream(?:ed|ing)|chant(?:ed|ing)|slur|word|term|words|phrase"
    r"|report(?:ed|ing)?|flag(?:ged)?)\b[^.!?]{0,40}$",
    re.IGNORECASE,
)
QUOTED_BEFORE = re.compile(r"[\"“‘'«]\s*[\w ]{0,30}$")
# The writer themself: "I was an idiot", "call me stupid but".
SELF = re.compile(r"\b(?:I|I'm|I am|I was|I felt|I feel|call me|makes? me|made me)\b(?: \w+){0,3} (?:an? )?$",
                   re.IGNORECASE)
# Insult adjectives that describe a thing, not a person: "a stupid war", "dumb luck".
THING = re.compile(
    r"^\w+ (?:war|idea|plan|move|decision|policy|question|luck|mistake|deal|show|strategy|"
    r"thing|things|article|argument|excuse|law|rule|game|propaganda|claim|farm|farms|account|accounts)\b",
    re.IGNORECASE,
)
# Profanity aimed at someone.
DIRECTED_PROFANITY = re.compile(
    r"\b(?:f+u+c+k|screw|damn) (?:you|u|ya|off|yourself|them all)\b|@\s*\w*(?:shit|fuck|crap)\w*"
    r"|\b(?:you|ya|u)(?: \w+)? (?:piece of shit|shit ?head|dipshit|shit for brains)|\bstfu\b",
    re.IGNORECASE,
)
