"""Romanization rules for Arabic, Persian, Kurdish, Pashto and Somali place names.

The same village is written Theban, Dhiban or Thiban; Tal, Tall or Tel Tamr; Ayn, Ain or
'Ayn al-Arab; Dayr or Deir; al-Hamidiyah, el-Hamidiyeh or Hamidieh. These tables are the
*rules* by which :mod:`outposts.places.normalize` makes such spellings meet, as data:
nothing here names a place. They are read when a key is made, for the gazetteer's names
and for the report's alike, so a change here needs a gazetteer rebuild (the build's
CONTENT_VERSION).

``WORD_SPELLINGS`` (exact key): the generic words that begin or make up place names
(tell = hill, dayr = monastery, ayn = spring, kafr = hamlet...), each romanization folded
to one spelling, as whole words only ("Tell Abyad" meets "Tal Abyad"; "Tellaro" does not
change).

``SUFFIX_RULES`` (exact key): word endings rewritten, in order, as regular expressions on
a word of at least ``SUFFIX_MIN_STEM`` letters before the ending: the nisba/feminine
ending -iyah / -iyeh / -ieh / -iya / -iye / -iyya meets as "-iya".

``SKELETON_DIGRAPHS`` and ``SKELETON_LETTERS`` (loose key, the weaker fallback): digraphs
and letters of one sound class, merged; vowels and the half-vowels y, w fold into one vowel class and doubled letters
collapse, so shadda written or not and long vowels (Somali "aa") meet. Interdentals dh / th
(Arabic dhal and tha, written either way in English: Dhiban / Thiban / Theban) merge.
Kurdish x for kh, Persian v for w and first-vowel folding (Erbil / Irbil) were tried and
left out: on English news they made more false matches than they found.
"""

from __future__ import annotations

# canonical spelling <- its variants (all lower-case, diacritics and apostrophes already gone)
_GENERIC = {
    "tal": "tell tel tall",  # hill, mound
    "dayr": "deir dair dier deyr",  # monastery
    "ayn": "ain ein aine",  # spring
    "kafr": "kfar kefr kafar kfr",  # hamlet
    "jabal": "jebel jabel jbel djebel jabl",  # mountain
    "bayt": "beit bait beyt",  # house
    "khirbat": "khirbet kherbet khirbit khirbeh",  # ruin
    "shaykh": "sheikh shaikh sheik shaykh shekh",  # sheikh
    "abu": "abou",  # father of
    "umm": "um omm",  # mother of
    "ras": "raas",  # head, cape
    "qasr": "kasr",  # palace
    "qalat": "qalaat qalaa qalah kalat",  # fort
    "tappeh": "tepe tappe tapeh",  # Persian/Kurdish: hill
    "dih": "deh",  # Persian: village
    "kalay": "kelay kili killi",  # Pashto: village
    "el": "ceel",  # Somali: well (Ceel Afweyn / El Afweyn; a leading "el" then drops)
}
WORD_SPELLINGS = {v: k for k, vs in _GENERIC.items() for v in vs.split()}
for _k in _GENERIC:
    WORD_SPELLINGS.setdefault(_k, _k)

SUFFIX_MIN_STEM = 3
SUFFIX_RULES = (
    (r"(?:iyyah|iyyeh|iyya|iyah|iyeh|iyya|ieh|iah|iya|iye)$", "iya"),
)

# applied in order on the key (no spaces), before the letter table
SKELETON_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"),
                     ("dh", "t"), ("ph", "f"), ("dj", "j"), ("ou", "u"), ("oo", "u"),
                     ("ee", "i"))
VOWEL_CLASS = "aeiouyw"
SKELETON_LETTERS = {"q": "k", "c": "k", "g": "k", "v": "f", "p": "b"}
# the first letter keeps its vowel (folding it too made "Easter" meet "Astor" and
# "Olaopa" meet "Alapa" on GeoWebNews), and y and w there are consonants
SKELETON_FIRST = {"q": "k", "c": "k", "g": "k", "v": "f", "p": "b"}

# For comparing two spellings letter by letter (how alike a loose-key hit is): the
# digraphs above merged, doubled letters collapsed and the vowels folded to Arabic's three
# (e is a or i, o is u).
SIMILARITY_VOWELS = {"e": "a", "o": "u"}
