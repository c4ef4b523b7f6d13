"""Where English sentences end (used by :mod:`outposts.segment`)."""

import re

# Article prose, cautiously: a sentence ends at . ! or ? (and closing quotes or
# brackets) before white space and a capital, digit or opening quote; group 1
# holds the closing marks. A full stop after a word of ABBREVIATIONS (or an
# initial, "U.S.", an acronym) is no end: the splitter checks that itself.
SENTENCE_END = re.compile(r"""(?<=[.!?])(["'\u201d\u2019)\]]*)\s+(?=["'\u201c\u2018(\[]?[A-Z0-9])""")
# Words written with a full stop that need not end a sentence ("Gen.", "Dec.").
ABBREVIATIONS = frozenset("""mr mrs ms dr gen lt col maj capt sgt cpl pvt adm brig cmdr gov sen rep pres prof
    st jr sr no nos vs etc approx est dept govt inc co corp ltd mt ft km jan feb mar apr jun jul aug sep
    sept oct nov dec al fig op vol""".split())

# Reader comments, loosely: end punctuation before a capital, digit or "@", a
# line break, a dash between lower-case words ("no way — they left"), and run-ons:
# an ellipsis before any word ("so sad… they left"), a full stop after a word of three
# lower-case letters or more before a lower-case one ("it fell. nobody came").
COMMENT_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9@])|\n+|(?<=[a-z])[—–]\s*(?=[a-z])"
    r"|(?:(?<=\.\.\.)|(?<=…))\s*(?=[\"“‘(\[]?\w)|(?<=[a-z]{3}\.)\s+(?=[a-z])")

# A dateline opens the first paragraph: "ERBIL (Kurdistan 24) –", "KABUL, Afghanistan (AP) —",
# "SULAIMANI —", "Beirut, May 3 (Reuters) -", "Peshawar, Aug 14 (PTI) At least ...". Its place
# is where the report was filed; its date the day of filing.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'’.-]+(?:[ -][A-Z][A-Za-z'’.-]+){0,3})"
    r"(?:\s*,\s*[A-Z][\w'’. -]{1,40}?)?"
    r"(?:\s*,\s*\w+\.? \d{1,2}(?:,? \d{4})?)?"
    r"(?:\s*(?:\([^()\n]{1,40}\))?\s*(?:[—–-]{1,2}|:)\s|\s*\([A-Z][^()\n]{0,38}\)\s+(?=[A-Z0-9]))")

# How a paragraph of prose ends (page furniture such as "Updated: 3 June 2021" does not).
SENTENCE_CLOSE = re.compile(r"[.!?][\"'”’)]*\s*$")

# A photo caption carries a credit ("Photograph: Tyler Hicks/The New York Times",
# "(AP Photo/Hussein Malla)", "REUTERS/Name", "AFP via Getty Images"): it shows, it does not report.
CAPTION_CREDIT = re.compile(
    r"\b(?:Photograph|Photo|Picture|Image|Photo credit|Credit)s?\s*:\s*\S|"
    r"\((?:AP|AFP|Reuters|EPA|Xinhua)?\s*Photo\b|\bPhoto by\s+[A-Z]|\bGetty Images\b|"
    r"\bREUTERS/[A-Z]|\b(?:AFP|AP|EPA)/[A-Z]")
CAPTION_MAX_WORDS = 60  # a longer paragraph with a credit in it is prose
# Page furniture that is no prose: a subheading in capitals ("RENEWED ATTACKS", up to this many
# words) and a line of hashtags ("#Attack #ELN #Colombia"; this share of its words or more).
SUBHEAD_MAX_WORDS = 8
HASHTAG_SHARE = 0.5
# A list of other stories' headlines ("- Brazil leader's trial enters final stretch"): this many
# or more paragraphs in a row, each one line opened by a bullet and ended without a full stop.
LINK_BULLET = re.compile(r"^\s*[-–•*▪►]\s+\S")
LINK_END = re.compile(r"[.!?:;\"”’)]\s*$")
LINK_RUN = 3
