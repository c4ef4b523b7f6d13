"""English date expressions, for :mod:`outposts.code.dates`: the patterns
that find them and the words that say which window each one denotes.

Every pattern is built once at import. They are written so that no two
quantified parts can match the same characters (no nested or adjacent
overlapping repeats), which keeps matching linear on any input. The kinds of
``PATTERNS`` and the window codes of the word maps below are those
:mod:`outposts.code.dates` knows (see its docstring).
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "several": 3,
}

_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR = [m for m in MONTHS if m not in _FULL]
# Full names take no full stop (it ends the sentence); abbreviations may ("Dec. 17").
_MON = ("(?P<mon>" + "|".join(sorted(_FULL, key=len, reverse=True)) + "|(?:"
        + "|".join(sorted(_ABBR, key=len, reverse=True)) + r")\.?)")
_WD = r"(?:(?P<wd>" + "|".join(WEEKDAYS) + r"),?\s)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = r"(?P<num>\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_PART = r"(?:\s(?P<part>morning|afternoon|evening|night))?"

# Each entry: (kind, pattern). Kinds are handled in dates.py. Order does not
# matter: overlapping candidates are resolved longest-first.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(p.replace(r"\s", r"\s+"), re.IGNORECASE))
    for kind, p in [
        ("iso", r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<day>[0-3]?\d)(?![\d-])"),
        ("numeric", r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)(?![\d/.])"),
        ("dmy", r"\b" + _WD + r"(?:the\s)?" + _DAY + r"\s(?:of\s)?" + _MON + r",?\s" + _YEAR + r"\b"),
        ("mdy", r"\b" + _WD + _MON + r"\s" + _DAY + r",?\s" + _YEAR + r"\b"),
        ("dm", r"\b" + _WD + r"(?:the\s)?" + _DAY + r"\s(?:of\s)?" + _MON + r"(?![\w])"),
        ("md", r"\b" + _WD + _MON + r"\s" + _DAY + r"(?![\w:])"),
        ("my", r"\b(?:(?P<phase>early|mid|late|end of|beginning of)[\s-](?:of\s)?)?" + _MON + r",?\s" + _YEAR + r"\b"),
        ("phase", r"\b(?P<phase>early|mid|late)[\s-]" + _MON + r"(?![\w])(?!,?\s(?:19|20)\d\d)"),
        # a month alone: "in January", "a March massacre" (the last such month up to the report)
        ("phase", r"\b(?:in|a|an|last|during|of)\s" + _MON + r"(?![\w])(?!\s[0-3]?\d)(?!,?\s(?:19|20)\d\d)"),
        ("weekday", r"\b(?P<rel>last\s|this\s(?:past\s)?|past\s)?(?P<wd>" + "|".join(WEEKDAYS) + r")" + _PART + r"\b"),
        ("word", (r"\b(?P<w>the\sday\sbefore\syesterday|yesterday|today|tonight|overnight|last\snight"
                  r"|earlier\stoday|this\s(?:morning|afternoon|evening))\b")),
        ("week", (r"\b(?P<w>last\sweek|earlier\sthis\sweek|this\sweek|(?:over|during|in)\sthe\s(?:past|last)\sweek"
                  r"|(?:over|during|in)\sthe\s(?:past|last)\sfew\sdays|in\srecent\sdays|(?:last|past)\sweekend)\b")),
        ("month", (r"\b(?P<w>last\smonth|earlier\sthis\smonth|this\smonth|early\sthis\smonth"
                   r"|late\slast\smonth|early\slast\smonth)\b")),
        ("ago", r"\b" + _NUM + r"\s(?P<unit>day|week|month)s?\s(?:ago|earlier|before)\b"),
    ]
]

def _plain(pattern: str) -> str:
    """The pattern with its named groups made anonymous (for reuse)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_M, _D, _W = _plain(_MON), _plain(_DAY), _plain(_WD)
# Durations and spans that are not event dates; they block date candidates
# inside them ("since 2017", "for almost three years", "in the past two years").
DURATION = re.compile(
    r"\b(?:(?:for|over|during|in|within)\s(?:almost\s|nearly\s|about\s|around\s|more\sthan\s|over\s|the\s)?"
    r"(?:(?:past|last|next|coming)\s)?(?:\d+(?:\.\d+)?|[a-z]+)(?:\sand\s(?:a\s)?half)?\s(?:years?|months?|decades?)"
    r"|(?:since|until|till)\s(?:" + _W + r"(?:the\s)?" + _D + r"\s(?:of\s)?" + _M + r"(?:,?\s(?:19|20)\d\d)?"
    r"|" + _M + r"(?:\s[0-3]?\d(?!\d))?(?:,?\s(?:19|20)\d\d)?|(?:19|20)\d\d|last\s[a-z]+|then|[a-z]+day))",
    re.IGNORECASE,
)
DURATION = re.compile(DURATION.pattern.replace(r"\s", r"\s+"), re.IGNORECASE)

# -- what the words of a match mean (keys: the matched words, lower case,
# single-spaced) ---------------------------------------------------------------

# Month names are capitalised: a lower-case one is another word ("may", "march").
MONTHS_CAPITALISED = True
# "early/beginning of May" the first third of the month, "mid" the second, "late"/"end of" the last.
MONTH_THIRDS: dict[str, int] = {"early": 1, "beginning of": 1, "mid": 2, "late": 3, "end of": 3}
# "last <weekday>" on that very weekday is a week before (not the report day).
STRICT_WEEKDAY = frozenset({"last"})
# Day words: (days before the report of the window's first day, of its last day);
# any other day word ("today", "tonight", "this morning") is the report day.
DAY_WORDS: dict[str, tuple[int, int]] = {
    "yesterday": (1, 1), "the day before yesterday": (2, 2), "last night": (1, 0), "overnight": (1, 0),
}
# Week words, by window code; any other ("the past week", "the past few days", "in recent days")
# is the seven days up to the report.
WEEK_WORDS: dict[str, str] = {
    "last week": "last-week", "this week": "this-week", "earlier this week": "earlier-this-week",
    "last weekend": "weekend", "past weekend": "weekend",
}
# Month words, by window code; any other ("this month", "earlier this month") is the
# month so far.
MONTH_WORDS: dict[str, str] = {
    "last month": "last-month", "early last month": "early-last-month",
    "late last month": "late-last-month", "early this month": "early-this-month",
}
# The units of "N <unit>s ago".
AGO_UNITS: dict[str, str] = {"day": "day", "week": "week", "month": "month"}

# Words a kind of date cannot be written without: a text that lacks them all
# is not scanned with that kind's pattern (most sentences have no weekday, no
# "ago"...), which saves most of the regex work and changes no result.
CUES: dict[str, re.Pattern[str]] = {name: re.compile(p, re.IGNORECASE) for name, p in {
    "digit": r"\d", "month": r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", "day": "day",
    "part": "night|morning|afternoon|evening", "week": "week", "monthword": "month",
    "ago": "ago|earlier|before"}.items()}
# kind -> alternatives, each a set of cues that must all show
CUE_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "iso": (("digit",),), "numeric": (("digit",),), "dmy": (("digit", "month"),),
    "mdy": (("digit", "month"),), "dm": (("digit", "month"),), "md": (("digit", "month"),),
    "my": (("digit", "month"),), "phase": (("month",),), "weekday": (("day",),),
    "word": (("day",), ("part",)), "week": (("week",), ("day",)), "month": (("monthword",),),
    "ago": (("ago",),),
}
