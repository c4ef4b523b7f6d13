"""English cues of a sentence's mood in raw text (used by :mod:`outposts.mood`):
is it asked, supposed, an opinion, a habit? Two readers use them: the event
coder on article sentences (``STATEMENT_*``: edited prose, where the parse
finds an embedded "if" and only a sentence-initial one or first-person
cognition needs the raw text) and comment triage (the rest: chatty text, no
parse, a broad net).
"""

import re

# Marks that end a question.
QUESTION_MARKS = ("?",)

# -- article sentences ------------------------------------------------------------
# A sentence that opens as a supposition.
STATEMENT_HYPOTHETICAL = re.compile(r"^\W*(?:if|unless|should|were|what if|imagine|suppose)\b", re.IGNORECASE)
# First-person cognition: the writer's opinion, no report.
STATEMENT_OPINION = re.compile(
    r"\b(?:i think|i believe|i guess|i doubt|in my (?:view|opinion)|i wonder|i bet|"
    r"i hope|i expect|i'm expecting|let's see|we will see|who knows)\b|\b(?-i:imo|IMO)\b",
    re.IGNORECASE,
)
# Habits and long states of affairs, not events.
BACKGROUND = re.compile(
    r"\b(?:originally|have been \w+ing|has been \w+ing|for (?:almost |nearly |over |more than |about )?"
    r"(?:\w+ )?(?:years|decades|months)|in the past (?:\w+ )?years|used to|traditionally|historically|"
    r"(?:has|have|had)\b[^.;]*\bsince|many times|several times|repeatedly|regularly|frequently|"
    r"more frequent|increasingly|"
    r"often|usually|routinely|every (?:day|week|month|year|night))\b",
    re.IGNORECASE,
)

# -- reader comments ---------------------------------------------------------------
# Conditionals anywhere ("if ... would", "imagine", "what if") ...
CONDITIONAL = re.compile(r"\b(?:if|unless|supposing|suppose|imagine|assuming|what if|in case|hypothetically"
                         r"|in theory|were (?:they|it|the \w+) to|had (?:they|we|the \w+) (?:not )?\w+ed)\b",
                         re.IGNORECASE)
# ... but not an indirect question or a comparison ("I wonder if", "as if").
# A conditional someone else said ("he joked that if the line drops, ...") is not the writer's.
NOT_CONDITIONAL = re.compile(r"\b(?:wonder(?:ing)?|sure|know|ask(?:ed|ing)?|see|doubt|check|unclear|whether"
                             r"|as|even|clue|idea|tell)\s+(?:\w+\s+)?if\b"
                             r"|\b(?:said|says|joked|jokes|claimed|claims|told|tells|warned|warns|argued|argues"
                             r"|explained|wrote|writes)\b[^.?!]{0,80}?\bthat if\b", re.IGNORECASE)
# Conditionals that suppose nothing: a rule told to a generic "you" ("If you sit by the river
# long enough, you'll see ..."), a premise that is what is ("If this is what winning looks like,
# ..."), an aside ("in case the writer never noticed"), one on what the reader thinks or asks
# ("you miss my point if you think ..."), or an inference from what is so ("If he needs their
# troops, it shows how weak he is").
NOT_SUPPOSED = re.compile(
    r"^\W*if you\b[^.?!]{0,200}?,\s*you\b"
    r"|\bif (?:this|that) (?:is|was|'s|’s) (?:what|how|the)\b"  # "If this is what winning looks like"
    r"|\bin case (?:\w+ ){1,5}?(?:didn'?t|did not|never|forgot|missed|wonder\w*|was wondering)\b"
    r"|\bif you (?:really |honestly |seriously )?(?:think|believe|ask|want to know|must know|look at|read|mean)\b"
    r"|\bif\b[^.?!]{0,200}?,\s*(?:it|that|this)\s+(?:just |only |really |clearly )?(?:shows?|means?|proves?"
    r"|tells? (?:you|us|me)|says? (?:a lot|everything)|speaks volumes)\b",
    re.IGNORECASE)
# Inverted conditionals ("Had they known, ...", "Were it to fall, ..."): a hypothesis
# only when not asked ("Should the army withdraw?" is a question).
INVERTED = re.compile(r"^\W*(?:should|were|had) (?:the|they|we|he|she|it|a|an|[A-Z]\w+) ", re.IGNORECASE)
# Suppositions that ask for nothing but are hypotheses even as questions ("What if they stay?").
SUPPOSING = re.compile(r"\b(?:what if|suppose|supposing|imagine if|hypothetically|in theory|how would you feel"
                       r"|what would you do)\b", re.IGNORECASE)
# Speculation: a guess at what is or will be ("maybe they ran out of batteries?", "I fear
# Gaza could turn into ...", "let me guess, ISIS will probably ..."), with a modal or asked.
# ("maybe I'm misremembering" hedges the writer, not the world).
# "Wondering if we'll hear ..." guesses at what is to come (with a modal; "I wonder if they knew" asks).
SPECULATION = re.compile(r"\b(?:(?:maybe|perhaps|possibly|probably)(?! i\b| i'm\b| i am\b| i’m\b)|let me guess"
                         r"|i (?:fear|suspect|bet)|chances are|my guess|wonder(?:ing)? (?:if|whether))\b",
                         re.IGNORECASE)
# An indirect question ("I wonder what they might have done") asks, it does not suppose.
INDIRECT_QUESTION = re.compile(r"\b(?:wonder(?:ing)?|ask(?:ed|ing)?|curious)\s+(?:what|how|why|who|whether|where)\b",
                               re.IGNORECASE)
SPECULATIVE_MODAL = re.compile(r"\b(?:could|might|may|will|would)\b|\b[’']ll\b|\b[’']d\b|\?", re.IGNORECASE)
# The conditional mood that carries a supposition into the next sentence.
SUPPOSITION_GOES_ON = re.compile(r"\b(?:would|could|might|'d)\b", re.IGNORECASE)
# Counterfactuals without "if": "would have been easier", "could've held", "otherwise ... would".
COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might)(?:n'?t| not)? (?:have|'ve|of) (?:\w+ )?(?:been|bn|\w+ed|\w+en|had|done|won|lost"
    r"|held|fallen|stopped|gone)\b|\botherwise\b(?:[^.?!]{0,200}\b(?:would|could|will|might)\b"
    # or no modal, after a comma or "because": "because otherwise, they are all at risk"
    r"|(?<=[,;:] otherwise)|(?<=[,;:]otherwise)|(?<=because otherwise))"
    r"|\bbut for\b|\bhad it not been\b|\bwere it not for\b",
    re.IGNORECASE)
# First-person cognition, prescriptive modals, evaluative words, sarcasm marks, questions.
OPINION = re.compile(
    r"\b(?:i|we) (?:(?:really|do|don'?t|dont|do not|just|still|also|personally|honestly|strongly) )?"
    r"(?:think|believe|guess|suppose|feel|reckon|doubt|agree|disagree|suspect|expect|hope|wonder"
    r"|bet|see (?:how|why|no)|fear|trust|prefer|like|love|hate)\b"
    r"|\bi'?d (?:have to )?say\b|\bi'm (?:not )?(?:sure|expecting|afraid|convinced)\b"
    r"|\bin my (?:view|opinion|experience)\b|\bimo\b|\bimho\b|\bpersonally\b|\bto me\b"
    r"|\bseems? (?:to me|like)\b|\b(?:should(?:n'?t)?|must|ought to|need(?:s)? to|has to|have to)\b"
    r"|\b(?:good|bad|great|terrible|awful|ridiculous|nonsense|absurd|shame(?:ful)?|disgrace\w*"
    r"|pathetic|obvious(?:ly)?|clearly|of course|exactly|indeed|agreed?|right|true|wrong|correct"
    r"|lesson|deserve\w*|hypocri\w*|joke|funny|sad|sadly|lol|haha|lmao|illegal|legitimate"
    r"|aggression|speaks for itself|no love lost|alas|bad luck|news to me|typical|brilliant"
    r"|stupid|fake|propaganda|lies|bluff|enemy|machiavel\w*|unholy|ideal|doubtful|pointless"
    r"|useless|surely|sure thing|yeah right|as expected|another|best|worst|better|worse"
    r"|supposedly|so-called|allegedly|nice|wow|hope|hopefully|unfortunately|fortunately"
    r"|terrifying|war crimes?|disgusting|riveting|lowest|respect to|to be honest|who (?:even )?cares"
    r"|nobody asked|seriously|overreaction|the problem|ignore|like you|yeah sure|oh wonderful)\b"
    r"|\b[a-z]{2,}e{3,}\b|\?|!",
    re.IGNORECASE,
)
# Prescriptions ("should", "must", "let's"): no claim of fact.
PRESCRIPTIVE = re.compile(r"\b(?:should(?:n'?t)?|must|ought to|need(?:s)? to|let'?s)\b", re.IGNORECASE)
