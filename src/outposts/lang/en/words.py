"""English words of reader comments as triage reads them (used by
:mod:`outposts.comments.text`): word shapes, number and stop words, a crude
stemmer's suffixes, and the words comments and articles use for the same thing.
"""

import re

# A word of comment text (letters, apostrophes) or a figure.
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+(?:[.,]\d+)?")

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200,
}

STOPWORDS = frozenset(["a", "an", "the", "and", "or", "but", "nor", "so", "yet", "for", "of", "in", "on", "at", "to", "from", "by", "with", "without", "about", "above", "below", "over", "under", "into", "onto", "out", "up", "down", "off", "than", "then", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing", "have", "has", "had", "having", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "not", "only", "own", "same", "too", "very", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "just", "also", "even", "still", "again", "ever", "never", "now", "already", "yet", "s", "t", "d", "ll", "m", "re", "ve", "said", "says", "say", "according", "reported", "report", "reports", "while", "because", "since", "until", "after", "before", "during", "one", "ones", "thing", "things", "much", "many", "lot", "lots", "way", "well", "really", "actually"])

# Chatty words that say nothing of what a report tells (contractions as folded, without the
# apostrophe; fillers; the thread's own furniture): left out of content stems like STOPWORDS,
# so that "I'm not sure it's like that" shares no word with an article sentence.
CHATTER = frozenset("""
im ive id dont doesnt didnt isnt arent wasnt werent cant cannot wont wouldnt couldnt shouldnt
havent hasnt hadnt aint thats whats theres heres its lets youre theyre weve theyve youve hes shes
get gets got getting going gonna wanna gotta like know knew think thought seem seems seemed
if unless whether though although however yes yeah yep nope oh ok okay please sure anyway
something anything everything nothing someone anyone everyone nobody somebody lol haha
post posts comment comments thread reply replies upvote downvote edit op
""".split())

# The crude stemmer: a possessive ending dropped, then the first of these suffixes
# (on words long enough).
POSSESSIVE = "'s"
SUFFIXES = ("ations", "ation", "ated", "ates", "ating", "ings", "ing", "ied", "ies", "ed", "es", "s", "e")

# Runs of capitalised words (place names), with the Arabic articles and joiners
# English transliterations write ("Deir ez-Zor", "al-Bukamal").
NAME_RUN = re.compile(r"(?:(?:al|el|an|ar|as|ash|ad|ez|az)[- ])?[A-Z][a-z’']+(?:[- ](?:(?:al|el|ez|az|as)[- ])?[A-Z][a-z’']+)*")
# A joined stem starting with the article also meets the name without it
# ("albukamal" meets "bukamal"); a name key loses it too.
ARTICLE_PREFIX = "al"
NAME_KEY_ARTICLE = re.compile(r"^al?")
# Words that name the same thing in comments and articles (class -> its words).
SAME = {
    "@troop": "troops troop soldiers soldier soldoers forces force fighters fighter units unit men",
    "@deploy": "deployed deploy deploys deployment stationed station sent send moved move arrived",
    "@kill": "killed kill dead deaths died death bodies casualties",
}
