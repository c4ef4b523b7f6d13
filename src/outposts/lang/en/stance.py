"""English cues of a comment's stance towards the article (used by
:mod:`outposts.comments.stance`): contradiction and negation, figures and their
units, dates.
"""

import re

from .words import NUMBER_WORDS

# Contradiction and negation cues.
DISPUTE = re.compile(
    r"\b(?:not true|untrue|false|wrong|nonsense|lies?|lying|fake|propaganda|exact opposite|opposite"
    r"|contrary|actually|in fact|in reality|disagree|doubt|hardly|no way|never|nobody|no one|none"
    r"|nothing|not|n't|haven'?t|hasn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t"
    r"|dont|didnt|isnt|wasnt|havent|rather|instead|only|more like|closer to|at most|at least"
    r"|exaggerat\w*|inflated|made up|fabricat\w*|debunk\w*|misleading|spot the)\b",
    re.IGNORECASE,
)
# Denial of what was reported, anywhere in the comment: counted against AGREEMENT.
DENIAL = re.compile(
    r"\b(?:not true|untrue|false|lie|lies|lying|liars?|propaganda|fake|false flag|bs|bullshit|nonsense"
    r"|doubt\w*|questionable|no evidence|no proof|staged|hoax|myth|misleading|so-called|alleged(?:ly)?"
    r"|(?:don'?t|do not|didn'?t|never) (?:believe|buy)|doesn'?t make (?:any )?sense|yeah right|rubbish"
    r"|ridiculous|absurd|exaggerat\w*|made up|fabricat\w*|debunk\w*|the (?:exact )?opposite|on the contrary"
    r"|that'?s (?:not|wrong)|wrong|actually|in fact|in reality|instead)\b",
    re.IGNORECASE,
)
# Agreement with what was reported, or feeling for it: counted against DENIAL.
AGREEMENT = re.compile(
    r"\b(?:true|truth|exactly|agree\w*|indeed|of course|well said|thank you|thanks|good news|great news"
    r"|excellent|finally|proves?|confirm\w*|correct|right|yes|sadly|unfortunately|tragic|horrible"
    r"|terrible|shame|disgrace|congrat\w*|well done|bravo|glad)\b",
    re.IGNORECASE,
)
# Plain negation, compared between the comment's sentences on the target and the target.
NEGATION = re.compile(
    r"\b(?:not|no|never|nobody|no one|none|nothing|n't|haven'?t|hasn'?t|didn'?t|isn'?t|aren'?t|wasn'?t"
    r"|weren'?t|don'?t|doesn'?t|dont|didnt|isnt|wasnt|havent)\b|n't\b",
    re.IGNORECASE,
)
# A short quotation (scare quotes): "the city was “liberated”".
SCARE_QUOTE = re.compile(r"[\"“‘']([^\"”’'\n]{2,30})[\"”’']")
# A comment that opens by answering another reader ("@name", "you ...", "your comment").
REPLY = re.compile(r"^\W*(?:@|(?:\w+\W+){0,3}?(?:you|your|you're|u)\b)", re.IGNORECASE)
# Wishes and hopes: no word on what happened.
WISH = re.compile(r"\b(?:i|we) (?:\w+ )?(?:hope|wish|pray)\b|\b(?:condolences|rip|god bless|peace be)\b", re.IGNORECASE)
# Cues that dispute on their own.
STRONG = re.compile(r"\b(?:exact opposite|not true|untrue|that'?s (?:a )?(?:lie|false|wrong)|never happened"
                     r"|did not happen|didn'?t happen|made up|fake news)\b", re.IGNORECASE)
# A figure with its unit: "almost three years", "20 civilians"; group 1 the number,
# group 3 the unit. A second figure with "and a half" adds one half.
FIGURE = re.compile(
    r"(?:(?:almost|nearly|about|around|over|more than|less than|at least|some|only|roughly)\s+)?"
    r"\b(\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")(?:\s+and\s+(?:a\s+)?half)?"
    r"\s+((?:\w+\s+){0,2}?)(years?|months?|weeks?|days?|km|kilomet(?:er|re)s?|miles?|people|civilians"
    r"|soldiers|fighters|troops|dead|killed|deaths|bodies|casualties|wounded|injured|tonnes|tons"
    r"|posts|militants|children|men|women|times|percent|%)\b",
    re.IGNORECASE,
)
HALF = "half"
# The plural ending of a unit ("years" is "year").
PLURAL_ENDING = "s"
# Units that all count the dead or the hurt.
CASUALTY = {"people", "civilians", "soldiers", "fighters", "troops", "dead", "killed", "deaths",
             "bodies", "casualties", "militants", "children", "men", "women"}

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# A date, as comments and articles write it.
DATE = re.compile(r"\b(?:(?:" + _MONTHS + r")\.? \d{1,2}|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + _MONTHS
                   + r")|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week)\b",
                   re.IGNORECASE)
