"""How English reports attribute what they tell.

The outlets themselves are ``sources.json`` (names are facts, read by
:class:`outposts.code.sources.Sources`); this section holds the phrasing of
an attribution.
"""

import re

# Verbs whose subject is the source: "the Observatory said", "SANA reported".
REPORT_VERBS = frozenset({
    "say", "report", "tell", "claim", "state", "announce", "confirm", "document", "add",
    "write", "publish", "post", "note", "accuse", "allege", "reveal", "indicate", "read",
    "mention", "cite", "quote", "broadcast", "show", "deny",
})
# "according to X": the two words, in order; X runs to the next punctuation.
ACCORDING_TO = ("according", "to")
# Subjects of a reporting verb that name no source ("it said", "the report said").
NOT_SOURCES = frozenset({"it", "report"})
# The verb whose subject is the text a source wrote ("the SOHR's report reads").
READS = "read"
# An article before an organisation's name, dropped from the source's name.
LEADING_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
