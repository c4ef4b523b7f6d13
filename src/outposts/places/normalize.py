"""Name keys under which the gazetteer files places, so spelling variants meet.

Two keys per spelling:

* :func:`name_key` -- the *exact* key: casefolded, diacritics and
  apostrophe-like marks (ʿ ’ ' ` ‘ ʼ) stripped, spaces/hyphens/punctuation
  removed, a leading Arabic article ("al-", "ar-", "ash ", "el-"...) dropped.
  ``"al-Qa’im"``, ``"Al Qaim"`` and ``"Al Qā’im"`` all give ``"qaim"``.
  Letters of every script are kept (``"Дейр-эз-Зор"`` gives ``"деирэззор"``,
  ``"دير الزور"`` gives ``"ديرالزور"``); only ASCII digits are kept among digits.
* :func:`skeleton_key` -- a looser key, used only as a weaker fallback: articles
  inside the name dropped too ("Maarat al-Numan" meets "Ma'arrat an Nu'man"),
  vowels (and y/w) fold to one class, doubled letters
  collapse, k/q/c/g-like and digraph consonants merge, a final "h" after a
  vowel drops. ``"al-Bakumal"`` (a typo) and ``"al-Bukamal"`` share
  ``"bakamal"``; ``"Deir Ezzor"`` and ``"Dayr az Zawr"`` share ``"darzar"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "skeleton_key", "name_keys", "is_latin", "strip_article"]

# Marks that transliterations use for ayn/hamza; dropped outright.
_APOSTROPHES = "ʿʾʻʼ’‘`'´ʹʽ′"
_APOS_TABLE = str.maketrans("", "", _APOSTROPHES)
# Letters NFKD does not decompose.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i",
                          "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h", "ŀ": "l"})
_ARTICLES = ("al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "ed",
             "er", "es", "esh", "et", "ez", "en", "ul", "il")
_ARTICLE_RE = re.compile(r"^(?:%s)[\s\-‐‑–]+(?=\w\w)" % "|".join(_ARTICLES), re.IGNORECASE)
# What a key drops: all but letters (of any script) and the digits 0-9 (the
# rest of the digits and numbers go in _key_of_folded, off the ASCII fast path).
_NON_KEY = re.compile(r"[\W_]+")
# Articles inside a name ("Maarat al-Numan" / "Ma'arrat an Nu'man"), for the loose key.
_INNER_ARTICLE_RE = re.compile(r"(?<![a-z0-9])(?:%s)[\s\-‐‑–]+(?=\w\w)" % "|".join(_ARTICLES))


def _fold(text: str) -> str:
    text = text.translate(_APOS_TABLE).casefold().translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_NON_LATIN = re.compile(r"[^\W\d_a-z]")  # a letter outside a-z


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin once diacritics are gone
    (the gazetteer indexes only such names: see :func:`name_keys`)."""
    return _NON_LATIN.search(_fold(name)) is None


def strip_article(text: str) -> str:
    """Drop a leading Arabic definite article: ``"al-Bukamal"`` -> ``"Bukamal"``."""
    return _ARTICLE_RE.sub("", text.strip(), count=1)


def _key_of_folded(folded: str) -> str:
    key = _NON_KEY.sub("", _ARTICLE_RE.sub("", folded.strip(), count=1))
    if not key.isascii():
        key = "".join(c for c in key if c.isalpha() or "0" <= c <= "9")
    return key


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The exact lookup key of a name, in whatever script it is written ("" when
    it has no letter or digit)."""
    return _key_of_folded(_fold(name))


_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"),
             ("ph", "f"), ("dj", "j"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
_LETTER_TABLE = str.maketrans({"q": "k", "c": "k", "g": "k", "e": "a", "i": "a", "o": "a",
                               "u": "a", "y": "a", "w": "a", "v": "f", "p": "b"})
_FIRST_TABLE = str.maketrans({"q": "k", "c": "k", "g": "k", "v": "f", "p": "b"})
_RUNS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    """The loose key of a name (see module doc)."""
    folded = _fold(name)
    return _skeleton(_key_of_folded(_INNER_ARTICLE_RE.sub("", folded)))


def _skeleton(key: str) -> str:
    s = key
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    if len(s) > 2 and s.endswith("h") and s[-2] in "aeiouy":
        s = s[:-1]
    s = s[:1].translate(_FIRST_TABLE) + s[1:].translate(_LETTER_TABLE)
    return _RUNS.sub(r"\1", s)


def name_keys(name: str) -> tuple[str, str] | None:
    """(exact key, skeleton key) of a name, or None when it is not indexable.

    The bundled gazetteer indexes names in Latin script only (GeoNames lists
    its places under their Latin names; other scripts would multiply its size):
    a name with a letter of another script is not indexed, though its keys
    (:func:`name_key`, :func:`skeleton_key`) are well defined."""
    if not name:
        return None
    folded = _fold(name) if not name.isascii() else name.casefold().translate(_APOS_TABLE)
    if _NON_LATIN.search(folded):
        return None
    key = _key_of_folded(folded)
    if not key:
        return None
    return key, _skeleton(_key_of_folded(_INNER_ARTICLE_RE.sub("", folded)))
