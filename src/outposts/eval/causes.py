"""Why an expected event was missed on its place or on its actor1: the
cause tables of the real-report measure (issues 14 and 15).

The gold entries give a point and a tolerance, not a name, so the causes
are read off the gazetteer, the article text and the actor dictionary:

**Place** (an expectation missed while an output of its type and date sits
beyond its km; the nearest such output is the one judged):

- ``no coordinates``: that output has no point;
- ``no data``: no name in the text (a run of capitalised words, up to four)
  is a gazetteer name of a place within the expectation's km, so no reading
  of the text could have put the point there with the shipped place data
  (the village is missing, or spelled in a way no key meets); also when the
  output's place name is in the entry's note (the coder read the right
  words) and none of that name's candidates lies within the km;
- ``wrong candidate``: such a name is in the text, and the output's place is
  one of that name's candidates: the right words, a namesake elsewhere;
- ``wrong mention``: such a name is in the text, but the output took its
  point from another mention (or never saw that one).

**Actor1** (an expectation with ``actor1_any`` where outputs agree on type,
place and date, and none has an acceptable actor1; the first is judged):

- ``sides swapped``: a keyword of ``actor1_any`` is in the output's actor2
  or assoc_actor_2;
- ``left unidentified``: the output's actor1 is an Unidentified group;
- ``unknown group``: no keyword of ``actor1_any`` is known to the actor
  dictionary (an entry's name, tenure label or alias contains it, or the
  matcher reads it as a named actor);
- ``wrong alias``: the dictionary knows the group; the coder named another.

These are evaluation code: nothing of the product reads them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable, Mapping, Sequence

from .metrics import haversine

PLACE_CAUSES = ("no data", "wrong candidate", "wrong mention", "no coordinates")
ACTOR_CAUSES = ("unknown group", "wrong alias", "left unidentified", "sides swapped")

MAX_NGRAM = 4  # words in a candidate place name read off the text
CANDIDATES = 50  # gazetteer candidates looked at per name

# A capitalised word, with an Arabic-style article glued on ("al-Bukamal", "el-Fasher").
_WORD = r"(?:[a-z]{1,3}[-‐])?[A-Z][\w'’‐-]*"
_RUN = re.compile(rf"{_WORD}(?:[ \t]+{_WORD})*")


def text_names(text: str) -> set[str]:
    """Every run of up to :data:`MAX_NGRAM` capitalised words inside a longer run."""
    found: set[str] = set()
    for m in _RUN.finditer(text or ""):
        words = m.group(0).split()
        for i in range(len(words)):
            for n in range(1, MAX_NGRAM + 1):
                if i + n <= len(words):
                    found.add(" ".join(words[i:i + n]))
    return found


def _fold(text: str) -> str:
    """Lower case, accents off, words split by single spaces, padded: for "is in" tests."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " " + " ".join(re.findall(r"[a-z0-9]+", plain)) + " "


class PlaceCauses:
    """Place-miss causes for one case's text, looking names up as needed."""

    def __init__(self, gazetteer, text: str):
        self.gazetteer = gazetteer
        self.names = sorted(text_names(text))
        self._cands: dict[str, list] = {}

    def _candidates(self, name: str) -> list:
        if name not in self._cands:
            self._cands[name] = self.gazetteer.lookup(name, limit=CANDIDATES)
        return self._cands[name]

    def named_near(self, where: Sequence[tuple[float, float, float]]) -> dict[str, set[int]]:
        """Names of the text with a candidate within a spot's km: name -> all its candidates' ids."""
        out: dict[str, set[int]] = {}
        for name in self.names:
            cands = self._candidates(name)
            if any(haversine(p.latitude, p.longitude, la, lo) <= km
                   for p in cands for la, lo, km in where):
                out[name] = {p.geonameid for p in cands}
        return out

    def cause(self, out: Mapping[str, Any], where: Sequence[tuple[float, float, float]],
              has_coords: bool, note: str = "") -> str:
        if not has_coords:
            return "no coordinates"
        near = self.named_near(where)
        gid = out.get("geonameid")
        if gid is not None and any(int(gid) in ids for ids in near.values()):
            return "wrong candidate"
        location = _fold(str(out.get("location") or ""))
        if not near or (location.strip() and location in _fold(note)):
            return "no data"
        return "wrong mention"


class ActorCauses:
    """Actor1-miss causes against one actor dictionary."""

    def __init__(self, actors):
        self.actors = actors
        strings: list[str] = []
        for e in getattr(actors, "entries", ()):
            strings.append(e.name)
            strings.extend(label for _, label in e.tenures)
            strings.extend(e.aliases)
            strings.extend(e.local_aliases)
            for u in e.units:
                strings.append(u["name"])
                strings.extend(u["aliases"])
        self._strings = [s.lower() for s in strings]
        self._known: dict[str, bool] = {}

    def known(self, keyword: str) -> bool:
        k = keyword.strip().lower()
        if not k:
            return False
        if k not in self._known:
            hit = any(k in s for s in self._strings)
            if not hit:
                hit = any("unidentified" not in m.actor.name.lower()
                          for m in self.actors.match(keyword.strip()))
            self._known[k] = hit
        return self._known[k]

    def cause(self, out: Mapping[str, Any], keywords: Iterable[str], padded) -> str:
        keywords = [k for k in keywords if k and k.strip()]
        other = padded(out, ("actor2", "assoc_actor_2"))
        if any(k.lower() in other for k in keywords):
            return "sides swapped"
        if "unidentified" in str(out.get("actor1") or "").lower():
            return "left unidentified"
        if not any(self.known(k) for k in keywords):
            return "unknown group"
        return "wrong alias"
