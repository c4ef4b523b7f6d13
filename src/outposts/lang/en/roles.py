"""English prepositions that tell an actor's side of an event (used by
:mod:`outposts.code.roles`)."""

# The one the act is aimed at: "on"/"against" phrases.
PATIENT_PREPS = frozenset({"on", "against", "at", "targeting", "upon", "into"})
# The other side of a clash: "with", "between ... and".
PARTY_PREPS = frozenset({"with", "between", "among", "alongside"})
# "militias, including X and Y": members share the side of the group they belong to.
MEMBER_PREPS = frozenset({"including", "like", "among", "such", "incl"})
# Who acts in a passive ("by"), who receives ("to"), who held a place before ("from").
AGENT_PREP = "by"
RECIPIENT_PREP = "to"
SOURCE_PREP = "from"
# Who says, not who did: the subject of one of these verbs is the source of what follows
# ("The military reported that Kryvyi Rih was hit"), never a side by default.
SPEECH_VERBS = frozenset({"say", "report", "tell", "announce", "state", "confirm", "add", "claim",
                          "write", "tweet", "post", "note", "explain", "warn", "accuse", "allege"})
# Verbs whose subject fends off the attack that is their object ("security forces repelled
# attacks on the station"): that subject is the side attacked, not the attacker.
REPEL_VERBS = frozenset({"repel", "repulse", "resist", "fend", "beat"})
