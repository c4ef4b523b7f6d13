"""English words of control: who holds a post, base or town, and since when
(read by :mod:`outposts.code.control`).

The site kinds ("posts", "base", ...) and verb labels ("took over", ...) on the
right are the output vocabulary of control assertions, the same in every
language; the patterns on the left are how English says them.
"""

import re

# A site noun next to a town ("border posts near al-Bukamal"); group "border"
# marks a border site, group "noun" the noun itself.
SITE_NOUN = re.compile(
    r"\b(?P<border>border\s+)?(?P<noun>(?:out)?posts?|checkpoints?|positions?|headquarters|HQs?|"
    r"military\s+bases?|air\s*bases?|bases?|airports?|airfields?|crossings?|dams?)\b", re.IGNORECASE)

# The site kind a site noun names: first pattern that matches wins.
SITE_KINDS = (
    (re.compile(r"post|checkpoint|position", re.IGNORECASE), "posts"),
    (re.compile(r"headquarters|hq", re.IGNORECASE), "headquarters"),
    (re.compile(r"air\s*base|airport|airfield", re.IGNORECASE), "air base"),
    (re.compile(r"base", re.IGNORECASE), "base"),
    (re.compile(r"crossing", re.IGNORECASE), "crossing"),
    (re.compile(r"dam", re.IGNORECASE), "dam"),
)

# Sites said to be on a border, anywhere in the sentences of one assertion.
BORDER_SITE = re.compile(r"\bborder\s+(?:out)?posts?\b", re.IGNORECASE)

# Control phrases: (pattern, action, verb label); checked in order, the first hit wins.
# Actions: "gain" opens the holder's interval, "loss" closes it, "handover" is a loss
# for the subject and a gain for the receiver named after the phrase, "confirm" says
# the holder was still there.
PHRASES = (
    (re.compile(r"\bhanded\s+over\b|\bhand(?:s|ing)?\s+over\b|\bhanded\b.{0,60}?\bto\b", re.IGNORECASE),
     "handover", "handed over"),
    (re.compile(r"\bentered\b.{0,80}?\b(?:agreement|deal|settlement|accord)\b", re.IGNORECASE),
     "gain", "entered under an agreement"),
    (re.compile(r"\b(?:have|has|had)\s+been\s+(?:operating|present|stationed|deployed|based)\b",
                re.IGNORECASE), "confirm", "has been present"),
    (re.compile(r"\b(?:still|continues?\s+to|remains?)\s+(?:holds?|controls?|in\s+control)\b",
                re.IGNORECASE), "confirm", "still holds"),
    (re.compile(r"\b(?:re)?deploy(?:ed|s)?\b|\bstationed\b|\bmoved\s+into\b", re.IGNORECASE),
     "gain", "deployed to"),
    (re.compile(r"\b(?:took|taken|take|takes|taking)\s+(?:over|control)\b", re.IGNORECASE),
     "gain", "took over"),
    (re.compile(r"\b(?:captured|seized|overran|stormed|recaptured|retook|regained|liberated)\b",
                re.IGNORECASE), "gain", "captured"),
    (re.compile(r"\b(?:established|set\s+up|opened|built)\b.{0,40}?\b(?:headquarters|HQ|base|"
                r"post|outpost|checkpoint|position)s?\b", re.IGNORECASE), "gain", "established"),
    (re.compile(r"\b(?:withdrew|withdrawn|withdraws|pulled\s+out|retreated|evacuated)\b", re.IGNORECASE),
     "loss", "withdrew from"),
)

# A sentence with one of these tells no settled fact of control.
HEDGE = re.compile(r"\b(?:may|might|could|would|should|if|expected|likely|claims?|claimed|"
                   r"plans?\s+to|planning|will|rumou?rs?|allegedly)\b", re.IGNORECASE)

# "has been operating there for three years": group "n" a number (digits or a word
# of NUMBER_WORDS), group "unit" a word of UNIT_DAYS (singular or plural).
DURATION = re.compile(r"\bfor\s+(?:almost|nearly|about|around|more\s+than|over|some)?\s*"
                      r"(?P<n>\d+|[a-z]+)\s+(?P<unit>years?|months?|weeks?|days?)\b", re.IGNORECASE)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "several": 3}
# unit (singular) -> (days, time precision of a start counted back in it)
UNIT_DAYS = {"year": (365, 3), "month": (30, 3), "week": (7, 2), "day": (1, 2)}

# Verb labels of the assertions made from coded events: by sub-event type for the
# side that gains, and for the side that hands over (a non-violent transfer) or loses.
EVENT_VERBS = {"Non-violent transfer of territory": "took over",
               "Government regains territory": "regained",
               "Non-state actor overtakes territory": "captured",
               "Headquarters or base established": "established"}
HANDED_OVER = "handed over"
LOST = "lost"
