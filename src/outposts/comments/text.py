"""Plain-text helpers for comment triage: sentences, words, content stems.

No NLP model: comments are short, many, and often badly spelt, so triage
works on regular expressions and a light stemmer, fast enough to run on
every comment of every thread. The words are the language pack's ``words``
section (``w`` below); sentences are split by :mod:`outposts.segment`.
"""

from __future__ import annotations

import functools
from types import ModuleType

from ..places.normalize import skeleton_key
from ..segment import comment_sentence_spans


def sentences(text: str, rules: ModuleType | None = None) -> list[tuple[int, int, str]]:
    """(start, end, sentence) spans of ``text``, split at end punctuation and line
    breaks (:func:`outposts.segment.comment_sentence_spans`, by the pack's ``segment``
    ``rules``; English when not given)."""
    return [(a, b, text[a:b]) for a, b in comment_sentence_spans(text, rules)]


def words(text: str, w: ModuleType) -> list[str]:
    return w.WORD.findall(text)


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str, w: ModuleType) -> str:
    """A crude stem: casefolded, possessive and common suffixes dropped."""
    word = word.casefold().replace("’", "'")
    word = word.removesuffix(w.POSSESSIVE)
    word = word.strip("'")
    if word in w.NUMBER_WORDS:
        return str(w.NUMBER_WORDS[word])
    for suffix in w.SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=8)
def _same(w: ModuleType) -> dict[str, str]:
    """Stem -> class of the words that name the same thing (``w.SAME``)."""
    return {stem(word, w): cls for cls, group in w.SAME.items() for word in group.split()}


_APOSTROPHES = str.maketrans("", "", "’'")


@functools.lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    return word.casefold().translate(_APOSTROPHES)


@functools.lru_cache(maxsize=8)
def _stop(w: ModuleType) -> frozenset[str]:
    """Words that are no content: stop words and chatter (``w.CHATTER``, where the pack has it)."""
    return frozenset(w.STOPWORDS) | frozenset(getattr(w, "CHATTER", ()))


@functools.lru_cache(maxsize=4096)
def content_stems(text: str, w: ModuleType) -> frozenset[str]:
    """Stems of the content words of ``text``, plus joined neighbours so that
    spelling variants of names meet ("Deir ez Zor" holds "ezzor" like "Deir Ezzor").
    Kept for texts asked again (a sentence is stemmed once per thread)."""
    stop, article = _stop(w), w.ARTICLE_PREFIX
    toks = words(text, w)
    out: set[str] = set()
    folded = [_fold(t) for t in toks]
    for t, f in zip(toks, folded):
        if len(f) > 1 and f not in stop:
            out.add(stem(t, w))
    for a, b in zip(folded, folded[1:]):
        if a.isalpha() and b.isalpha() and (len(a) <= 3 or len(b) <= 3) and not (
                a in stop or b in stop):
            out.add(a + b)  # "ez zor" -> "ezzor", "al bukamal" -> "albukamal"
    for t in list(out):
        if t.startswith(article) and len(t) > 5:
            out.add(t[len(article):])  # "albukamal" meets "bukamal"
    for m in w.NAME_RUN.finditer(text):
        # place names: the gazetteer's loose key, a leading article or "Abu"
        # syllable dropped, so "Abu Kamal", "al-Bukamal" and "al-Bakumal" meet
        key = skeleton_key(m.group(0))
        if len(key) >= 4:
            out.add("~" + w.NAME_KEY_ARTICLE.sub("", key))
    same = _same(w)
    for t in list(out):
        if t in same:
            out.add(same[t])
    return frozenset(out)
