"""How English text names armed forces and their patrons (used by
:mod:`outposts.actors.rules` and the actor dictionary): generic force nouns,
"<demonym> <noun>" aliases, "X-backed", "pro-X", "backed by X",
", including A and B". Country names and demonyms are facts of
:mod:`outposts.actors.rules`; a pattern here holds ``<NAMES>`` where their
alternation goes.
"""

import re

MILITARY_NOUNS = (
    "forces", "troops", "army", "soldiers", "soldier", "warplanes", "warplane", "jets", "fighter jets",
    "aircraft", "drones", "drone", "military", "navy", "air force", "armed forces", "military forces",
    "government forces", "security forces", "regime forces", "helicopters", "artillery", "units",
    "special forces", "commandos", "occupation forces", "servicemen", "military personnel",
    "army units", "military units", "naval forces", "tanks", "officer", "officers", "reservist",
    "reservists", "conscripts",
    "government troops", "government soldiers", "government army", "government artillery", "government warplanes",
    "government aircraft", "government helicopters", "government jets", "regime troops", "regime soldiers",
    "regime army", "regime artillery", "regime warplanes", "regime aircraft", "regime helicopters", "regime jets",
    "army troops", "army soldiers",
    # what a force moves with: "a Russian patrol", "a Turkish column", "US military convoy"
    "patrol", "patrols", "joint patrol", "military patrol", "column", "military column", "convoy",
    "military convoy", "reinforcements", "military reinforcements", "military vehicles", "armoured vehicles",
    "armored vehicles",
)
POLICE_NOUNS = (
    "police", "police forces", "police force", "policemen", "policeman", "police officers",
    "police officer", "riot police", "federal police", "police patrol", "police patrols",
    "security police", "traffic police",
)

# Word pairs that look like a generic force but are not an actor ("the military
# police" has no country; "military sources said"): a match ending on the first
# word is dropped when the second follows, and the pair itself yields nothing.
NOT_ACTORS = (
    "military police", "military council", "military court", "military courts", "military operation",
    "military operations", "military airport", "military academy", "military campaign", "military offensive",
    "military escalation", "military situation", "military wing", "military source", "military sources",
    "military expert", "military experts", "military analyst", "military analysts", "military college",
    "army source", "army sources", "police source", "police sources",
)
# Words before a capitalised generic noun that do not make it part of a proper
# name ("The Army said" is the army; "Mahdi Army" is not).
NAME_STARTERS = frozenset({"the", "a", "an", "and", "but", "then", "when", "while", "as", "after", "before",
                           "on", "in", "at", "by", "of", "for", "with", "from", "local", "state", "national"})


# How a qualifier ties a force to its country: "Syrian troops", "Syria's army".
COUNTRY_POSSESSIVE = "{country}'s"
# "military forces of Armenia", "the army of the Netherlands": a state noun with its country after it.
NOUN_OF_COUNTRY = ("{noun} of {country}", "{noun} of the {country}")
# The state nouns that take their country after them (a subset of the nouns above).
OF_COUNTRY_NOUNS = (
    "forces", "troops", "army", "military", "armed forces", "military forces", "security forces",
    "soldiers", "navy", "air force", "police", "police forces", "police force", "police officers",
)
# "military forces of India and Pakistan": the joining word of a second country.
COUNTRY_AND_RE = re.compile(r"[ \t]*(?:and|&)[ \t]+(?:the[ \t]+)?")
# "Turkish and Russian forces": a demonym joined before another country's forces.
AND_COUNTRY_BEFORE_RE = re.compile(r"(?P<c>[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*)?)[ \t]+(?:and|&)[ \t]+\Z")
QUALIFIED_NOUN = "{qualifier} {noun}"
# "Government" words of a patron phrase: "pro-government forces" are the state's.
GOVERNMENT_WORDS = frozenset({"government", "regime", "assad", "damascus"})
# The nouns of a state's own forces at the end of a patron phrase.
STATE_NOUN_RE = re.compile(r"(?i:forces|troops|units|soldiers)\Z")

GROUP_NOUNS = (r"(?:militias|militia|militiamen|forces|fighters|groups|group|factions|faction|rebels"
               r"|militants|gunmen|troops|paramilitaries|proxies|mercenaries|units|brigades|elements"
               r"|opposition)")
GROUP = (r"(?:(?:armed|Shiite|Shia|Shi'ite|local|foreign|Iraqi|Syrian|Afghan|Pakistani|Palestinian"
         r"|Lebanese|allied|loyalist|paramilitary)\s+)?" + GROUP_NOUNS + r"\b")
FOLLOWERS = (r"(?:troops|forces|fighters|militants|militiamen|members|units|personnel|elements|gunmen"
             r"|operatives|sleeper\s+cells|cells|jihadists|terrorists|mercenaries|soldiers|officers"
             r"|warplanes|jets|aircraft|drones|helicopters|patrols?|convoys?|commanders?|combatants)")
BACKING = r"(?:backed|supported|funded|sponsored|aligned|affiliated|linked|allied|financed)"

# "Iranian-backed ", "U.S.-backed the " ...: the patron phrase before a mention.
BACKED = (r"(?<![\w-])(?P<c><NAMES>)(?:\s*-\s*|\s+)(?i:" + BACKING
          + r")\s+(?i:the\s+)?")
# A group noun right after a backing phrase or "pro-X": "militias", "Iraqi militias".
GROUP_RE = re.compile("(?i:" + GROUP + ")")
# "pro-Iranian militias", "pro-government gunmen".
PRO = (r"(?<![\w-])(?i:pro)\s?-?\s?(?P<c>(?i:government|regime|Assad)|<NAMES>"
       + r")\s+(?P<g>(?i:" + GROUP + "))")
# ", which is directly backed by Russia (and Iran)" right after a mention.
BACKED_BY = (
    r"(?i:\s*\(\s*|\s*,\s*|\s+)(?i:(?:which|who|that)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+"
    r"|being\s+)?(?i:[a-z]+ly\s+)?(?i:" + BACKING + r"|armed|trained)\s+(?i:[a-z]+ly\s+)?(?i:by)\s+"
    r"(?i:the\s+)?(?P<c><NAMES>)(?:\s*(?:,|(?i:and))\s*(?i:the\s+)?(?P<c2><NAMES>))?"
)
# Words a text must have for PRO or BACKED to match (the patterns are long alternations).
PRO_CUE = re.compile(r"(?i:pro)")
BACKING_CUE = re.compile("(?i:" + BACKING + ")")
# A group noun that continues a named actor: "5th Corps troops", "ISIS militants".
FOLLOWER_RE = re.compile(r"[ \t]*-?[ \t]*(?i:" + FOLLOWERS + r")\b")
FOLLOWER_TAIL_RE = re.compile(r"(?i:" + FOLLOWERS + "|" + GROUP_NOUNS + r"|army|military|police)\Z")
# "soldiers of the 4th Division", "militants from the Islamic State": a generic noun
# followed by the named actor it belongs to.
OF_RE = re.compile(r"[ \t]+(?i:of|from|belonging\s+to|affiliated\s+with|loyal\s+to)[ \t]+(?i:the[ \t]+)?")
# "<force> 5th Corps" / "<force>'s 5th Corps".
UNIT_JOIN_RE = re.compile(r"(?:['’]s)?[ \t]+")
# ", including A, the B and C".
INCLUDING_RE = re.compile(r"(?i:,?\s*(?:including|such\s+as|among\s+them|namely|notably)\s+(?:the\s+)?)")
LIST_SEP_RE = re.compile(r"(?i:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?)")
