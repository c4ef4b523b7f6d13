"""English cues of the article-level coder (:mod:`outposts.code.incidents`)."""

import re

# A dateline opens the first paragraph: "ERBIL (Kurdistan 24) –", "KABUL, Afghanistan (AP) —",
# "SULAIMANI —", "Beirut, May 3 (Reuters) -". Its place is where the report was filed.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'’.-]+(?:[ -][A-Z][A-Za-z'’.-]+){0,3})"
    r"(?:\s*,\s*[A-Z][\w'’. -]{1,40}?)?"
    r"(?:\s*,\s*\w+\.? \d{1,2}(?:,? \d{4})?)?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:[—–-]{1,2}|:)\s")

# Sentences that count, sum up or recall rather than tell one incident.
TALLY = re.compile(
    r"\b(?:death toll|toll (?:rose|has risen|climbed|stands|reached)|(?:rose|risen|rising|climbed) to\b|"
    r"raising the (?:death )?(?:toll|number)|the (?:total )?number of (?:people|civilians|fighters|"
    r"soldiers|members|attacks|victims|those)|so far (?:this|in)\b|has so far|have so far|"
    r"since the (?:start|beginning|launch|outbreak)|since (?:early |late |mid-)?(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December|\d{4})\b|"
    r"in total|a total of|in all,|cumulative|(?:has|have) (?:documented|verified|recorded)|"
    r"(?:documented|verified|recorded) the (?:killing|death|assassination)s?|"
    r"over the (?:past|last) (?:\w+ )?(?:years|months|weeks)|in recent (?:years|months|weeks))",
    re.IGNORECASE)
