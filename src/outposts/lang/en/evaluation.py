"""English cues of the real-report measure (:mod:`outposts.eval.articles`): they class
an output that matches no expectation by the words of its evidence."""

#: Evidence cues of a recap (an earlier incident told again) or a tally (a count over time).
RECAP_CUES: tuple[str, ...] = (
    "last year", "last month", "last week", "earlier this year", "earlier this month",
    "earlier this week", "previously", "previous", "years ago", "months ago", "weeks ago",
    "in recent weeks", "in recent months", "in recent years", "anniversary", "had been",
    "has repeatedly", "have repeatedly", "routinely", "frequently", "regularly",
    "in 2019", "in 2020", "in 2021", "in 2022", "in 2023", "in 2024",
)
TALLY_CUES: tuple[str, ...] = (
    "death toll", "toll rose", "toll has risen", "rose to", "risen to", "raising the",
    "bringing the", "brings the", "in total", "a total of", "so far", "to date",
    "since the beginning", "since the start", "since early", "since late", "this year",
    "since january", "since february", "since march", "since april", "since may", "since june",
    "since july", "since august", "since september", "since october", "since november",
    "since december", "documented", "statistics", "cumulative", "overall", "tally",
    "over the past", "during the past", "in the past", "number of",
)
#: Evidence cues of something that did not (yet) happen: hypotheses, threats, plans, denials.
HYPOTHETICAL_CUES: tuple[str, ...] = (
    "would", "could", "might", "if", "unless", "threaten", "threatens", "threatened",
    "vow", "vows", "vowed", "warn", "warns", "warned", "plan", "plans", "planned", "planning",
    "intend", "intends", "intended", "expected to", "aims to", "aim to", "hopes to", "will",
    "feared", "fears", "possible", "possibly", "deny", "denies", "denied", "calls for",
    "called for", "urged", "urges",
)
