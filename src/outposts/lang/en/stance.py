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
