"""English words the rules coder reads beyond the trigger lexicon (used by
:mod:`outposts.code.coder`): territory gained, where a movement went, the
umbrella a force serves under, and how a protest's policing or rioting is
told in the sentences after it.
"""

import re

# Transfer verbs whose subject gains the place ("took over", "took control of",
# "entered"); the others ("withdrew", "handed over") tell of the side that lost it.
GAIN_WORDS = frozenset({"take", "takeover", "assume", "enter", "move"})
# Where a movement went: "withdrew ... toward the crossing".
TOWARD = frozenset({"to", "toward", "towards", "into"})
# Words before a place that make it a neighbour or the origin of fire, not where the event
# took place ("near the state border with X", "missiles launched from X").
BEYOND_BEFORE = re.compile(r"(?:\bborders?\s+with|\bbordering|\b(?:launched|fired)\b[\w\s,-]{0,40}?\bfrom)"
                           r"\s+(?:the\s+)?(?:[\w\s]{1,40}\s(?:and|or)\s+)?"
                           r"(?:(?:state|province|country)\s+of\s+)?$", re.IGNORECASE)
# "operating under Operation X": the umbrella a force serves under.
UMBRELLA_PREPS = frozenset({"under", "within"})
# "fired mortars with/using ...": the weapon of a battle verb.
INSTRUMENT_PREPS = frozenset({"with", "using", "via", "by"})
# Relative pronouns: a subject that is one does not make the clause the crowd's own act.
RELATIVE = frozenset({"who", "that", "which", "whom"})
# What people gather for ("gathered for demonstrations"): a protest word under it is the
# crowd's own act, not its grievance.
CROWD_PURPOSE = frozenset({"for"})
# Determiners of a definite noun that points back at something told ("the teacher").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Openings of an evidence sentence lower-cased after the notes' date ("On 10 December
# 2020, the ..."): compared with its first four characters.
NOTE_LOWERED = ("The ", "Last", "Thes", "This", "A ", "An ")

# -- a protest's policing and the crowd's own violence, told after it ---------------
# Lemmas of an intervention against a crowd.
POLICING_LEMMAS = frozenset({"disperse", "arrest", "detain", "beat", "baton", "gas", "cannon", "bullet"})
INTERVENE = re.compile(
    r"\b(?:dispers\w*|tear[- ]?gas\w*|water[- ]cannons?|rubber[- ](?:bullets?|coated)|baton[- ]?charg\w*|"
    r"batons?|pepper[- ]spray|stun grenades?|intervened|broke (?:it |them )?up|arrest\w*|detain\w*|"
    r"fired (?:shots )?(?:in|into) the air|warning shots|removed the protesters|forcibly (?:removed|evicted)|"
    r"suppress\w*|crack(?:ed|ing|s)? down|clamp(?:ed|ing|s)? down|broke up|break(?:ing)? up)\b",
    re.IGNORECASE)
LETHAL = re.compile(
    r"\b(?:police|forces|troops|soldiers|army|guards|gendarmes?|militia\w*|gunmen|snipers?)\b[^.;]{0,80}\b(?:killed|killing|shot dead|"
    r"live (?:ammunition|rounds|bullets|fire)|opened fire (?:on|at))\b|"
    r"\b(?:killed|shot dead) by (?:the )?(?:police|security|forces|troops|soldiers|army)\b",
    re.IGNORECASE)
# The crowd's grievance just before a word ("against the arrest of").
GRIEVANCE = re.compile(r"\b(?:against|over|demand\w*|condemn\w*|denounc\w*|releas\w*|protest(?:s|ed|ing)?\b|unjust|illegal)\W+(?:\w+\W+){0,4}$",
                        re.IGNORECASE)
# "he was arrested in connection with ...": the person the crowd speaks for
ONE_PERSON = re.compile(r"\b(?:he|she|his|her)\s+(?:was|had been|has been|is)?\s*$", re.IGNORECASE)
# The crowd's own violence told in the protest's sentence or just after it
# ("demonstrated and smashed windows", "Protesters pelted the police with
# stones"): ACLED codes the whole event a violent demonstration.
RIOT = re.compile(
    r"\b(?:pelt(?:ed|ing)?|stone[- ]pelting|(?:threw|throw|throwing|hurl\w*) (?:\w+ ){0,2}(?:stones|rocks|bricks|bottles|"
    r"projectiles|objects|molotov\w*|petrol bombs|firebombs)|set (?:\w+ ){0,4}(?:on fire|ablaze|alight)|"
    r"set fire|torch(?:ed|ing)|(?:burn\w*|burnt) (?:\w+ ){0,2}(?:tires|tyres|cars?|vehicles?|barricades|buildings?|offices?|"
    r"property|houses?|shops?)|vandali[sz]\w*|smash\w*|broke (?:\w+ ){0,2}windows|ransack\w*|"
    r"(?:and|they|protesters|demonstrators) (?:also )?(?:destroyed|damaged|looted|attacked|stormed)|rioted|rioting|rioters)\b",
    re.IGNORECASE)
# Words before a violent word that make it the crowd's cause ("against the burning of") ...
CAUSE = re.compile(r"\b(?:(?:for|after|who|that|which|against|over|demand\w*|denounc\w*|condemn\w*)\W+(?:\w+\W+){0,4}|of\W+(?:\w+\W+)?)$",
                    re.IGNORECASE)
# ... or someone else's act ("police destroyed", "damaged by").
OTHERS_ACT = re.compile(r"\b(?:police|forces|troops|soldiers|army|by)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
