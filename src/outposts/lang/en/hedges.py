"""English words that put a trigger's clause out of the real past (used by
:mod:`outposts.code.hedges` on the dependency parse)."""

MODALS = frozenset({"could", "may", "might", "would", "should", "will", "shall", "can", "must", "ought", "'d", "'ll", "wo", "ca"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# A clause opened by these tells the circumstance of the main clause's action.
TEMPORAL_MARKS = frozenset({"once", "before", "after", "until", "till"})
# Verbs that put what they govern in the future, the mind or the mouth of a critic.
IRREALIS_VERBS = frozenset({
    "threaten", "plan", "intend", "expect", "warn", "fear", "aim", "hope", "seek", "want",
    "vow", "propose", "consider", "prepare", "need", "wish", "urge", "call", "demand",
    "predict", "suggest", "imagine", "deny", "refuse", "fail", "avoid", "prevent", "rumour",
    "rumor", "speculate", "doubt", "wonder", "risk", "mean", "try", "attempt", "like", "would",
})
IRREALIS_MODIFIERS = frozenset({
    "possible", "potential", "planned", "expected", "imminent", "nearing", "future",
    "upcoming", "likely", "alleged", "rumoured", "rumored", "hypothetical", "feared",
    "looming", "prospective", "any", "proposed", "previous", "past", "prior", "former",
    "unlikely", "probable", "threatened", "intended", "new-style",
})
# Words that mark a noun trigger as pointing back at an event already told.
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such"})
# A day as the owner of a noun trigger ("Sunday's attack", "yesterday's blast") names an
# event already told, even as the subject of its sentence.
# Verbs that only say an event already told happened ("The attacks took place on Wednesday"):
# a definite trigger as their subject points back too. (lemma, particle or object; "" for none)
OCCURRENCE_VERBS = frozenset({("happen", ""), ("occur", ""), ("take", "place")})
ANAPHORIC_POSSESSORS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                  "sunday", "yesterday", "today", "tonight", "weekend"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "without"})
# Past forms of trigger verbs a tagger may mistake for the present.
IRREGULAR_PAST = frozenset({"retook", "overran", "took", "shot", "fought", "stole", "overtook", "undertook",
                            "withdrew", "blew", "threw", "struck", "beat", "froze", "hid", "tore", "slew"})
# Regular past forms a tagger may call present ("shelled" in a list): these endings,
# but not these others ("freed" yes, "feed" no).
PAST_ENDINGS = ("ed",)
NOT_PAST_ENDINGS = ("eed",)
# The auxiliary of a present progressive or passive ("is being shelled", "are attacked").
COPULA = frozenset({"be"})
# What crowds do: "protesters demanded ...", "called for ..." is the protest itself.
SPEECH_ACTS = frozenset({"demand", "call", "urge", "reject", "refuse"})
# An infinitive trigger in a quoted sentence ("“We stand united to liberate our country”")
# tells what the speaker means to do, not a deed: the infinitive marker, the marks that
# open a quotation, and the verbs under which an infinitive is a deed done ("managed to retake").
INFINITIVE_MARKS = frozenset({"to"})
QUOTE_OPENERS = ("“", '"', "‘")
COMPLETION_VERBS = frozenset({"manage", "succeed", "begin", "start", "continue", "proceed", "resume"})
