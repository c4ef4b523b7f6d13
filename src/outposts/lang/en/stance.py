"""English cues of a comment's stance towards the article (used by
:mod:`outposts.comments.stance`): contradiction, agreement and outright
endorsement, negation and its reach, sarcasm, corrections, discrediting the
source, blame, figures, counts and their units, dates, replies and answers.
"""

import re

from .words import NUMBER_WORDS

# Contradiction and negation cues.
DISPUTE = re.compile(
    r"\b(?:not true|untrue|false|wrong|nonsense|lies?|lying|fake|propaganda|exact opposite|opposite"
    r"|contrary|actually|in fact|in reality|disagree|doubt|hardly|no way|never|nobody|no one|none"
    r"|nothing|not|n't|haven'?t|hasn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t"
    r"|dont|didnt|isnt|wasnt|havent|rather|instead|only|more like|closer to|at most|at least"
    r"|exaggerat\w*|inflated|made up|fabricat\w*|debunk\w*|misleading|spot the)\b",
    re.IGNORECASE,
)
# Denial of what was reported, anywhere in the comment: counted against AGREEMENT.
DENIAL = re.compile(
    r"\b(?:not true|untrue|false|lie|lies|lying|liars?|propaganda|fake|false flag|bs|bullshit|nonsense"
    r"|doubt\w*|questionable|(?:no|without any|without|zero) (?:real |hard |absolute |solid )?(?:evidence|proof)"
    r"|staged|hoax|myth|misleading|so-called|alleged(?:ly)?"
    r"|(?:don'?t|do not|didn'?t|never) (?:believe|buy)|doesn'?t make (?:any )?sense|yeah right|rubbish"
    r"|ridiculous|absurd|exaggerat\w*|made up|fabricat\w*|debunk\w*|the (?:exact )?opposite|on the contrary"
    r"|that'?s (?:not|wrong)|wrong|actually|in fact|in reality|instead"
    r"|(?:i'?ll|i will|i'?d) believe (?:it |that |this )?(?:when|once|if)|believe it when i see it"
    r"|corrections?(?= from| to|:)|(?:let me|allow me to|i must|i have to) correct)\b",
    re.IGNORECASE,
)
# Agreement with what was reported, or feeling for it: counted against DENIAL ("right" as a
# verdict, not "right now", "right-wing", "the right to").
AGREEMENT = re.compile(
    r"\b(?:true|truth|exactly|agree\w*|indeed|of course|well said|thank you|thanks|good news|great news"
    r"|excellent|finally|proves?|confirm\w*|correct|right(?![ -](?:now|away|there|here|after|before|wing|to|of)\b)"
    r"|yes|sadly|unfortunately|tragic|horrible"
    r"|terrible|shame|disgrace|congrat\w*|well done|bravo|glad)\b",
    re.IGNORECASE,
)
# A negation just before a cue turns it round ("not true", "I don't agree", "no doubt",
# "not wrong"): matched on the few characters before the cue, an adverb at most between ("not
# entirely true"), no punctuation ("No, they're right" answers someone and agrees).
NEGATED = re.compile(r"(?:\b(?:not|never|no|hardly|nor|dont|didnt|doesnt|isnt|wasnt|arent|werent|cant|wont"
                     r"|havent|hasnt)|n[’']t)[ \t]+(?:(?:really|entirely|quite|fully|completely|totally|exactly"
                     r"|necessarily|so|that|very|all|always|much|even)[ \t]+)?$", re.IGNORECASE)
NEGATION_REACH = 30  # characters before a cue where NEGATED is looked for
# A negated word of agreement denies only as a verdict, where its clause ends or says what
# about ("not true.", "I don't agree with that"); "not exactly a meme", "not right now" hedge.
VERDICT_END = re.compile(r"\s*(?:[.,;:!?…)\"”]|$|(?:with|about|on|that|at all|either|here|there)\b)",
                         re.IGNORECASE)
# Denials too weak to make a dispute of a comment that touches the report only loosely.
WEAK_DENIAL = re.compile(r"actually|in fact|in reality|instead", re.IGNORECASE)
# Sarcasm: praise that means the opposite ("Oh sure, they only hit military targets /s").
SARCASM = re.compile(
    r"(?:^|\W)/s\b|\b(?:yeah,? (?:sure|right)|oh,? (?:sure|yes|great|wonderful|right)|sure,? sure|suuu+re"
    r"|what a (?:surprise|coincidence)|how convenient|totally legit|riiight|because that always works)\b"
    r"|\U0001F644", re.IGNORECASE)
# A rhetorical challenge: a question that asks only to deny ("Why would he gas the town he had
# just taken?", "Since when do they care about civilians?"). Up to its question mark, within
# the sentence.
RHETORICAL = re.compile(
    r"(?:^|[.!?…]\s*)\W*(?:(?:but|so|and|then|seriously|honestly),?\s+)?(?:why (?:on earth |the hell |else )?would"
    r"|how (?:on earth )?(?:could|would|can) (?:anyone|anybody|they|he|she|it|the \w+)|since when"
    r"|who (?:in their right mind|would believe|believes|buys)|do (?:you|they|people) (?:really|honestly|seriously)"
    r" (?:think|believe|expect)|does anyone (?:really |seriously |honestly )?(?:think|believe|buy)"
    r"|how (?:are|do|would|can|could) (?:we|you|they|i) (?:to |even |possibly |ever )?know"
    r"|(?:do|does|did) (?:you|they|he|she|anyone) have any (?:real |hard |actual )?(?:evidence|proof))"
    r"\b[^.!?]{0,200}\?",
    re.IGNORECASE)
# Outright endorsement of what was said or reported: enough for a comment that touches the
# report only loosely ("Excellent news.", "Well said, this is what we need"). Thanks are
# politeness, not agreement.
ENDORSEMENT = re.compile(
    r"\b(?:well (?:\w+ )?said|as you (?:said|say|wrote|put it|point out)|like you said|so true|very true"
    r"|sadly true|(?:a |the )?sad truth|(?:the )?(?:absolute|simple|plain|honest)"
    r" truth|exactly(?: right|(?=\s*[.!,…]))|spot on|(?:i )?(?:totally |completely |fully |strongly )?agree(?:d)?"
    r"|couldn'?t agree more|(?:excellent|good|great|wonderful)"
    r" news|well done|bravo|about time|(?:this|that) is (?:exactly )?what we need|hear,? hear|true that"
    r"|that'?s (?:so )?(?:right|true|correct))\b",
    re.IGNORECASE)
# Plain negation, compared between the comment's sentences on the target and the target.
NEGATION = re.compile(
    r"\b(?:not|no|never|nobody|no one|none|nothing|n't|haven'?t|hasn'?t|didn'?t|isn'?t|aren'?t|wasn'?t"
    r"|weren'?t|don'?t|doesn'?t|dont|didnt|isnt|wasnt|havent)\b|n't\b",
    re.IGNORECASE,
)
# A web address: its words are a link's, not the comment's.
URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# A negation and its reach: the words after it up to a stop, three at most ("fifty people, not
# hundreds", "a school, not a market", "it didn't hit the market").
NEGATION_SCOPE = re.compile(
    r"(?:\b(?:not|no|never|nor|neither|dont|didnt|doesnt|isnt|wasnt|werent|arent|wont|cant)|n[’']t)[ \t]+"
    r"([^\s,.;:!?]+(?:[ \t]+[^\s,.;:!?]+){0,2})", re.IGNORECASE)
# A contrastive correction: what the comment puts instead of the report's words ("fifty people,
# not hundreds", "not Friday but Thursday", "a contractor rather than the SDF"); group "said"
# holds the words corrected.
_CORRECTED = r"[^\s,.;:!?]+(?:[ \t]+[^\s,.;:!?]+){0,2}"  # up to three words, within a clause
CORRECTION = re.compile(
    r"\bnot (?:(?<=[,;–—]not )|(?<=[,;–—] not )|(?<=[,;–—] and not )|(?<=[,;–—] but not )|(?<= - not ))"
    r"(?:in |on |at |by |from |the |a |an )*(?P<said>" + _CORRECTED + ")"
    r"|\bnot (?:in |on |at |by |from |the |a |an )*(?P<said2>" + _CORRECTED + r"),? but\b"
    r"|\b(?:rather than|instead of) (?:the |a |an )?(?P<said3>" + _CORRECTED + ")",
    re.IGNORECASE)
# A short quotation (scare quotes): "the city was “liberated”".
SCARE_QUOTE = re.compile(r"[\"“‘']([^\"”’'\n]{2,30})[\"”’']")
# A comment that opens by answering another reader ("@name", "you ...", "your comment").
# ("Thank you, ..." thanks the writer). The first comment of a flat thread has no reader
# before it to answer: only a mention (MENTION) makes it a reply.
REPLY = re.compile(r"^\W*(?:@|(?!thanks?\b|thank you\b)(?:\w+\W+){0,3}?(?:you|your|you're|u)\b)", re.IGNORECASE)
# A comment that opens by answering yes or no, or by agreeing with what was just said ("That's
# right.", "Exactly."): after another comment, it answers that one unless it restates the report,
# and takes the side of the comment it answers (DISAGREEING: the other side).
ANSWER = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|no|nope|nah)\s*[,.!…]"
    r"|(?:that'?s|thats|this is|so) (?:so |very |absolutely |exactly |the )?(?:absolute |simple |honest )?"
    r"(?:right|true|truth|correct)\b|(?:exactly|agreed|well said|true that|this)\s*[,.!…])", re.IGNORECASE)
DISAGREEING = re.compile(r"^\W*(?:no|nope|nah|wrong|not really|not quite)\s*[,.!…]", re.IGNORECASE)
MENTION = re.compile(r"^\W*@")
# Wishes and hopes: no word on what happened.
# Only a wish that heads its sentence ("I hope ...", "And we pray ..."); one inside it ("the
# footage I wish I'd never seen showed ...") leaves the sentence's assertion standing.
WISH = re.compile(r"^\W*(?:(?:and|but|so|honestly|truly|still|now|well|all|oh)\W+){0,2}"
                  r"(?:(?:i|we) (?:\w+ )?(?:hope|wish|pray)\b|let'?s (?:hope|pray)\b|hopefully\b)"
                  r"|\b(?:condolences|rip|god bless|peace be)\b", re.IGNORECASE)
# The report's source or writer called a liar, mad or biased ("This man is a liar", "the writer
# is going crazy"): a dispute of what they report, whatever the claim's own polarity.
DISCREDIT = re.compile(
    r"\b(?:the|this|that|these|such) (?:writer|author|reporter|journalist|blogger|article|piece|man|woman|guy"
    r"|channel|outlet|paper|source|spokesman|spokesperson|ministry|government)s? (?:is|are|was|'s) (?:just |clearly "
    r"|obviously |a |an |total |complete |such a |going |so )*(?:liars?|lying|crazy|insane|mad|clueless|delusional"
    r"|biased|shills?|propagandists?|dishonest|ignorant|bullshitting|full of (?:it|shit))\b",
    re.IGNORECASE)
# Whom a sentence holds responsible: "Hamas is responsible", "blame the government", "the
# real culprit, which is Hamas". Group "who" (either alternative) is the one held to account.
BLAME = re.compile(
    r"\b(?P<who>[a-z]\w+)(?:'s| is| are| was| were)(?: \w+)? (?:(?:solely|fully|really|the one|the ones) )?"
    r"(?:responsible|to blame|at fault|the (?:real )?culprits?)\b"
    r"|\b(?:blame|fault of|caused by|the work of|real culprit,? (?:which|who) is)(?: the)? (?P<who2>[a-z]\w+)",
    re.IGNORECASE)
# Where a clause ends: the claim's words of responsibility speak of the names in their clause.
CLAUSE_BREAK = re.compile(r"[,;:()“”\"–—]|\s-\s")
# Words of responsibility in the claim itself.
RESPONSIBLE = re.compile(r"\b(?:responsib\w+|to blame|blamed?|fault|culprits?|caused by)\b", re.IGNORECASE)
# A count of a thing ("one state", "two-state solution", "3 brigades"): group 1 the number,
# group 2 the thing counted.
COUNTED = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")[- ]([a-z]{3,})\b", re.IGNORECASE)
# Cues that dispute on their own.
STRONG = re.compile(r"\b(?:exact opposite|not true|untrue|that'?s (?:a )?(?:lie|false|wrong)|never happened"
                     r"|did not happen|didn'?t happen|made up|fake news)\b", re.IGNORECASE)
# A figure with its unit: "almost three years", "20 civilians"; group 1 the number,
# group 3 the unit. A second figure with "and a half" adds one half.
FIGURE = re.compile(
    r"(?:(?:almost|nearly|about|around|over|more than|less than|at least|some|only|roughly)\s+)?"
    r"\b(\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")(?:\s+and\s+(?:a\s+)?half)?"
    r"\s+((?:\w+\s+){0,2}?)(years?|months?|weeks?|days?|km|kilomet(?:er|re)s?|miles?|people|civilians"
    r"|soldiers|fighters|troops|dead|killed|deaths|bodies|casualties|wounded|injured|tonnes|tons"
    r"|posts|militants|children|men|women|times|percent|%)\b",
    re.IGNORECASE,
)
HALF = "half"
# The plural ending of a unit ("years" is "year").
PLURAL_ENDING = "s"
# Units that all count the dead or the hurt.
CASUALTY = {"people", "civilians", "soldiers", "fighters", "troops", "dead", "killed", "deaths",
             "bodies", "casualties", "militants", "children", "men", "women"}

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# A date, as comments and articles write it.
DATE = re.compile(r"\b(?:(?:" + _MONTHS + r")\.? \d{1,2}|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + _MONTHS
                   + r")|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week)\b",
                   re.IGNORECASE)
