"""How English reports count the dead (used by :mod:`outposts.code.fatalities`).

Vague words follow a fixed convention (ACLED-like): several/a number -> 3,
a dozen -> 12, dozens -> 12, scores/many -> 10, hundreds -> 100.
"""

import re

UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "several": 3, "a number of": 3, "a few": 3, "a dozen": 12, "dozens": 12, "dozens of": 12,
    "scores": 10, "scores of": 10, "many": 10, "hundreds": 100, "hundreds of": 100, "a couple of": 2,
}
_NUM = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|\d{1,5}(?:,\d{3})?|" + "|".join(
    sorted((re.escape(k) for k in UNITS if k not in ("no", "a", "an")), key=len, reverse=True)
) + r")"
# a word between a count and its verb: anything but another count ("10-year-old" is a word)
_WORD = rf"(?!(?:{_NUM})(?![\w'’\-]))[\w'’\-]+"
_DEATH = (r"(?:killed|dead|died|slain|perished|executed|shot\s+dead|shot\s+and\s+killed|"
          r"lost\s+their\s+lives|martyred|beheaded|decapitated|murdered)")
_LEAD = r"(?:(?:at\s+least|as\s+many\s+as|up\s+to|more\s+than|over|nearly|almost|about|around|some|a\s+total\s+of)\s+)?"
PATTERNS = [
    # "at least five people were killed", "5 fighters of the X Brigade died", "12 dead"
    re.compile(
        rf"(?<![Nn]o\s)\b{_LEAD}(?P<n>{_NUM})\s+(?:{_WORD},?\s+){{0,7}}?(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)?"
        rf"(?:{_WORD}\s+)?{_DEATH}\b",
        re.IGNORECASE,
    ),
    # "killing five civilians", "killed at least 3 people", "claimed the lives of 4"
    re.compile(
        rf"\b(?:killing|killed|kills|kill|leaving|left|claiming\s+the\s+lives\s+of|claimed\s+the\s+lives\s+of|"
        rf"shot\s+dead|shooting\s+dead|shoot\s+dead|gunned\s+down|gunning\s+down|beheaded|murdered|"
        rf"executed|executing)\s+{_LEAD}(?P<n>{_NUM})\b(?!\s+(?:wounded|injured|hurt))",
        re.IGNORECASE,
    ),
    # "the death toll rose to 20", "death toll of 7"
    re.compile(rf"\bdeath\s+toll\s+(?:\w+\s+){{0,3}}(?:to|of|at|reached|stands\s+at)\s+{_LEAD}(?P<n>{_NUM})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<n>{_NUM})\s+(?:deaths|fatalities|casualties\s+dead)\b", re.IGNORECASE),
    # "resulted in the deaths of at least nine Palestinians", "11 bodies of soldiers found"
    re.compile(rf"\b(?:deaths|killings|lives)\s+of\s+{_LEAD}(?P<n>{_NUM})\b(?!\s+(?:wounded|injured|hurt))",
               re.IGNORECASE),
    re.compile(rf"\b{_LEAD}(?P<n>{_NUM})\s+(?:bodies|corpses)\b", re.IGNORECASE),
]
_NOT_WOUNDED = r"(?!\s+(?:[\w'’\-]+\s+){0,2}(?:wounded|injured|hurt))"
# Two counts of one toll, summed: "two soldiers and one of the attackers were killed",
# "killing five soldiers and three militants", "two dead on the army's side and five dead
# on the attackers' side".
PAIRS = [
    re.compile(
        rf"\b{_LEAD}(?P<a>{_NUM})\s+(?:(?!\d)[\w'’\-]+\s+){{0,3}}?and\s+(?P<b>{_NUM})\s+"
        rf"(?:(?!\d)[\w'’\-]+\s+){{0,4}}?(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:killed|slain|executed)\b",
        re.IGNORECASE),
    re.compile(
        rf"\b(?:killing|killed|kills)\s+{_LEAD}(?P<a>{_NUM})\s+(?:{_WORD}\s+){{1,3}}?and\s+{_LEAD}(?P<b>{_NUM})"
        rf"\s+(?!(?:others\s+)?(?:wounded|injured|hurt)\b)[\w'’\-]+(?![\w'’\-]){_NOT_WOUNDED}",
        re.IGNORECASE),
    re.compile(
        rf"\b(?P<a>{_NUM})\s+(?:dead|killed)\s+(?:on|among|from)\b[^.;\d]{{0,60}}?\band\s+(?P<b>{_NUM})\s+"
        rf"(?:dead|killed)\s+(?:on|among|from)\b",
        re.IGNORECASE),
]
# One death, read only where the sentence gives no count: "the constable was shot and
# killed", "killing a civilian", "a child lost their life".
SINGLE = [
    re.compile(rf"\b(?:was|has\s+been|had\s+been)\s+(?:(?!not\b|almost\b|nearly\b|narrowly\b)\w+\s+)?"
               rf"(?:killed|shot\s+dead|shot\s+and\s+killed|martyred|slain|beheaded|decapitated|murdered|"
               rf"executed|gunned\s+down|stabbed\s+to\s+death|beaten\s+to\s+death)\b", re.IGNORECASE),
    re.compile(r"\b(?:killing|killed|kills|shot\s+dead|shooting\s+dead|gunned\s+down|beheaded|murdered|"
               r"executed|executing)\s+(?:a|an)\s+(?!(?:number|few|dozen|couple|total|score)\b)\w",
               re.IGNORECASE),
    re.compile(r"\blost\s+(?:his|her|their)\s+life\b|\b(?:he|she)\s+(?:later\s+)?died\b", re.IGNORECASE),
]
NO_DEATHS = re.compile(r"\b(?:no\s+(?:one|casualties|deaths|fatalities|injuries)|nobody)\b\s*(?:was|were)?", re.IGNORECASE)
# Every count pattern above needs one of these words: a sentence without them
# is not scanned (the patterns are long alternations of number words).
DEATH_CUE = re.compile(r"kill|dead|died|slain|perish|execut|lives|leav|left|claim|shoot|shot|gun|"
                        r"behead|decapitat|martyr|murder|toll|death|fatalit|casualt|bodies|corpses|life|"
                        r"stabbed|beaten", re.IGNORECASE)
WOUNDED_AFTER = re.compile(r"^\s*(?:\w+\s+){0,3}(?:wounded|injured|hurt)\b", re.IGNORECASE)


# A count that the match itself calls killed stays a death count even when
# "wounded" follows it.
KILLED = "killed"
