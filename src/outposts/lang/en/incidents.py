"""English cues of the article-level coder (:mod:`outposts.code.incidents`)."""

import re

# Sentences that count, sum up or recall rather than tell one incident.
TALLY = re.compile(
    r"\b(?:death toll|toll (?:rose|has risen|climbed|stands|reached)|(?:rose|risen|rising|climbed) to\b|"
    r"raising the (?:death )?(?:toll|number)|the (?:total )?number of (?:people|civilians|fighters|"
    r"soldiers|members|attacks|victims|those)|so far (?:this|in)\b|has so far|have so far|"
    r"since the (?:start|beginning|launch|outbreak)|since (?:early |late |mid-)?(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December|\d{4})\b|"
    r"in total|a total of|in all,|cumulative|(?:has|have) (?:documented|verified|recorded)|"
    r"(?:documented|verified|recorded) the (?:killing|death|assassination)s?|"
    r"over the (?:past|last) (?:\w+ )?(?:years|months|weeks)|in recent (?:years|months|weeks)|"
    r"in the same (?:areas?|period)|"
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|\d+(?:st|nd|rd|th))\s+"
    r"(?:[\w-]+\s+){0,2}(?:attacks?|shootings?|bombings?|strikes?|raids?|ambush(?:es)?|massacres?|"
    r"incidents?|clashes)\s+(?:in|this|since|of|by|on|against|within)\b|"
    r"\b(?:was|is|marks?|marked|became)\s+the\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:by|this|since|such)\b|"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of|several|multiple|"
    r"numerous|a series of|a spate of|a wave of)\s+(?:\w+\s+){0,2}(?:attacks|ambushes|bombings|"
    r"operations|raids|assassinations|incidents|clashes|battles)\b)",
    re.IGNORECASE)

# A sentence that recalls earlier incidents ("Recently, the group has conducted attacks",
# "it had been attacked before"): coded only with a date of its own ("last week" is one).
RECAP = re.compile(
    r"\b(?:last (?:week|month|year)|earlier (?:this|last) (?:week|month|year)|this (?:month|year)|"
    r"recently|in recent days|previous(?:ly)?|(?:weeks|months|years) ago|has (?:also )?been|"
    r"have (?:also )?been|had been|used to)\b",
    re.IGNORECASE)

# Weapons and aircraft whose nationality adjective names the state that used them
# ("Russian warplanes", "US drone", "Israeli missile strike"): lemmas.
ARMED_NOUNS = frozenset({
    "aircraft", "airplane", "plane", "warplane", "jet", "fighter", "bomber", "helicopter",
    "gunship", "drone", "uav", "airstrike", "strike", "raid", "bombardment", "bombing", "missile",
    "rocket", "artillery", "shell", "shelling", "force", "troop", "soldier", "navy", "warship",
    "army", "military", "coalition", "attack"})

# Territory that changes hands by force unless the sentence tells otherwise: the verbs of
# taking ("took control of the town") and the cues that make it peaceful.
TAKING = frozenset({"take", "takeover"})
PEACEFUL = re.compile(
    r"\b(?:hand(?:ed|s|ing)? (?:\w+ ){0,4}over|handover|withdr[ae]w\w*|pull(?:ed)? out|pulled back|"
    r"evacuat\w+|vacat\w+|abandon\w*|left|leaving|surrender\w*|agreement|deal|accord|settlement|"
    r"reconciliation|truce|ceasefire|without (?:a |any )?(?:fight\w*|resistance|clashes|a shot)|"
    r"peaceful\w*|deploy\w*|replac\w+)\b", re.IGNORECASE)

# Between the towns of a list ("Al-Fterah, Kansafra, Sfuhen and Al-Bara", "the villages of A and B"),
# and the conjunction that makes a run of names a list rather than "town, province".
LIST_GAP = re.compile(r"\s*(?:villages?|towns?|areas?|(?:refugee\s+)?camps?|neighbou?rhoods?)?\s*(?:,|\band\b|, and|&|as well as)\s*"
                      r"(?:(?:in|on|at)\s+)?(?:the\s+)?(?:(?:villages?|towns?|outskirts|vicinity|surroundings|environs)\s+of\s+(?:the\s+)?)?\Z", re.IGNORECASE)
LIST_CONJ = re.compile(r"\band\b|&|as well as", re.IGNORECASE)
# The area a listed town lies in, told between two items ("Afes village in the eastern
# countryside of Idlib, Al-Fterah and Kansafra"): the area's name stands as "\x00".
LIST_QUALIFIER = re.compile(r"^\s*(?:villages?|towns?)?\s*(?:in|near|of)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}"
                            r"(?:of\s+)?\x00", re.IGNORECASE)

# Where the source of a statement sits ("the defence ministry in Paris said", "according to
# the government in Yaounde"): the place of the speaker, not of the event told.
SOURCE_BEFORE = re.compile(
    r"\b(?:ministry|ministries|government|officials?|authorities|spokes(?:man|woman|person)|"
    r"embassy|presidency|command|headquarters|office|sources?)[ \t]+(?:based[ \t]+)?in[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE)
SOURCE_SAID = re.compile(r"\W{0,3}\s*(?:said|says|told|announced|reported|stated|added|claimed|confirmed)\b")
SOURCE_ACCORDING = re.compile(r"\baccording[ \t]+to\b", re.IGNORECASE)
SOURCE_REACH = 80  # how far before the place "according to" may stand

# A place that names a clock, not where anything happened: "(same time in Lisbon)",
# "10:00 local time in Kyiv", "3 pm Moscow time".
CLOCK_BEFORE = re.compile(r"\btime[ \t]+in[ \t]+$", re.IGNORECASE)
CLOCK_AFTER = re.compile(r"[ \t]+time\b(?![ \t]+(?:of|to|when|for)\b)")

# Between a place and the smaller place it owns: "Hakkari's Semdinli district",
# "Khartoum's twin city of Omdurman", "Syria's eastern province of Deir ez-Zor".
OWNER_GAP = re.compile(r"[’']s[ \t]+(?:(?:[a-z-]+[ \t]+){1,3}of[ \t]+)?")

# A place's other name in brackets after it ("Abu Rasin (Zirgan in Kurdish)", "Ceel Cadde (El Adde)").
ALIAS_OPEN = re.compile(r"\s*\(\s*(?:also\s+(?:known\s+as|called)\s+|or\s+|aka\s+)?")
ALIAS_CLOSE = re.compile(r"(?:\s+in\s+[A-Z]\w+)?\s*\)")

# A date told as the day of a statement, not of the incident ("the ministry said Saturday",
# "officials announced on Monday", "reported on Tuesday"): the words before the date.
STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|added|stated|confirmed|claimed|declared|tweeted|wrote|"
    r"posted|revealed|disclosed|noted|explained|indicated|acknowledged|denied|warned|"
    r"(?:in|by)\s+(?:a|its|their|his|her)\s+(?:statement|report|post|tweet|briefing)|statement)"
    r"(?:\s+(?:in|on|by|to)\s+(?:a\s+|the\s+|its\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})?"
    r"[\s,]+(?:on|late|early|last|this)?[\s,]*(?:on\s+)?$", re.IGNORECASE)
