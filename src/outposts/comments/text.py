"""Plain-text helpers for comment triage: sentences, words, content stems.

No NLP model: comments are short, many, and often badly spelt, so triage
works on regular expressions and a light stemmer, fast enough to run on
every comment of every thread.
"""

from __future__ import annotations

import re

from ..places.normalize import skeleton_key
from ..segment import comment_sentence_spans
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+(?:[.,]\d+)?")

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200,
}

STOPWORDS = frozenset(["a", "an", "the", "and", "or", "but", "nor", "so", "yet", "for", "of", "in", "on", "at", "to", "from", "by", "with", "without", "about", "above", "below", "over", "under", "into", "onto", "out", "up", "down", "off", "than", "then", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing", "have", "has", "had", "having", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "not", "only", "own", "same", "too", "very", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "just", "also", "even", "still", "again", "ever", "never", "now", "already", "yet", "s", "t", "d", "ll", "m", "re", "ve", "said", "says", "say", "according", "reported", "report", "reports", "while", "because", "since", "until", "after", "before", "during", "one", "ones", "thing", "things", "much", "many", "lot", "lots", "way", "well", "really", "actually"])


def sentences(text: str, rules=None) -> list[tuple[int, int, str]]:
    """(start, end, sentence) spans of ``text``, split at end punctuation and line
    breaks (:func:`outposts.segment.comment_sentence_spans`, by the pack's ``segment``
    ``rules``; English when not given)."""
    return [(a, b, text[a:b]) for a, b in comment_sentence_spans(text, rules)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stem(word: str) -> str:
    """A crude stem: casefolded, possessive and common suffixes dropped."""
    w = word.casefold().replace("’", "'")
    w = w.removesuffix("'s")
    w = w.strip("'")
    if w in NUMBER_WORDS:
        return str(NUMBER_WORDS[w])
    for suffix in ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s", "e"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def content_stems(text: str) -> set[str]:
    """Stems of the content words of ``text``, plus joined neighbours so that
    spelling variants of names meet ("Deir ez Zor" holds "ezzor" like "Deir Ezzor")."""
    toks = [t for t in words(text)]
    out: set[str] = set()
    folded = [t.casefold().replace("’", "").replace("'", "") for t in toks]
    for t, f in zip(toks, folded):
        if f not in STOPWORDS and len(f) > 1:
            out.add(stem(t))
    for a, b in zip(folded, folded[1:]):
        if a.isalpha() and b.isalpha() and (len(a) <= 3 or len(b) <= 3) and not (
                a in STOPWORDS or b in STOPWORDS):
            out.add(a + b)  # "ez zor" -> "ezzor", "al bukamal" -> "albukamal"
    for t in list(out):
        if t.startswith("al") and len(t) > 5:
            out.add(t[2:])  # "albukamal" meets "bukamal"
    for m in _NAME_RUN.finditer(text):
        # place names: the gazetteer's loose key, a leading article or "Abu"
        # syllable dropped, so "Abu Kamal", "al-Bukamal" and "al-Bakumal" meet
        key = skeleton_key(m.group(0))
        if len(key) >= 4:
            out.add("~" + re.sub(r"^al?", "", key))
    for t in list(out):
        if t in _SAME:
            out.add(_SAME[t])
    return out


_NAME_RUN = re.compile(r"(?:(?:al|el|an|ar|as|ash|ad|ez|az)[- ])?[A-Z][a-z’']+(?:[- ](?:(?:al|el|ez|az|as)[- ])?[A-Z][a-z’']+)*")
# Words that name the same thing in comments and articles.
_SAME = {stem(w): cls for cls, group in {
    "@troop": "troops troop soldiers soldier soldoers forces force fighters fighter units unit men",
    "@deploy": "deployed deploy deploys deployment stationed station sent send moved move arrived",
    "@kill": "killed kill dead deaths died death bodies casualties",
}.items() for w in group.split()}
