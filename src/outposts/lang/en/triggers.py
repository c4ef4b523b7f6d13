"""How English trigger phrases meet the words of a sentence.

The phrases themselves are ``triggers.json`` (read by
:class:`outposts.code.triggers.Lexicon`); this section holds the word rules
the matcher applies around them.
"""

# Words a phrase is matched without ("established a new headquarters" meets
# "establish headquarters").
ARTICLES = frozenset({"a", "an", "the"})

# Crude stems, as (ending of a word form, ending of its lemma): a capitalised
# word the model may not lemmatise ("Shelled" in a headline) is matched by
# these too, and the raw-text prefilter expects these forms of a lemma.
CRUDE_STEMS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""))

# What a crowd protests about is not what happens to it: "against the arrest of",
# "demanding the release of detained ..." name a grievance, not an intervention.
GRIEVANCE_HEADS = frozenset({"against", "demand", "denounce", "condemn", "protest", "oppose",
                             "release", "reject", "over", "decry", "for"})
