"""Countries, demonyms and the phrase patterns the actor matcher uses.

The country table below holds ACLED country names, demonyms and the other
names (short forms, capitals used as metonyms: "Moscow", "Tehran") of the
countries the dictionary knows best. It is extended with the demonym and
alias maps of :mod:`outposts.places.countries` (the places room's), so a
patron like "Emirati-backed" or "Saudi-led" resolves too. The phrasing
(force nouns, "X-backed", "pro-X", "backed by X") is a language pack's
``actors`` section; :class:`Phrasing` joins it with these names and
compiles the patterns once per pack; each is anchored on literal words, so
matching stays linear in the text length.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import ModuleType

COUNTRIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "SY": ("Syria", ("Syrian",), ("Damascus", "Syrian Arab Republic")),
    "IQ": ("Iraq", ("Iraqi",), ("Baghdad",)),
    "IR": ("Iran", ("Iranian",), ("Tehran", "Teheran", "Islamic Republic of Iran")),
    "RU": ("Russia", ("Russian",), ("Moscow", "Kremlin", "Russian Federation")),
    "TR": ("Turkey", ("Turkish",), ("Türkiye", "Turkiye", "Ankara")),
    "US": ("United States", ("American", "US", "U.S.", "United States"),
           ("the United States", "USA", "U.S.A.", "America", "Washington")),
    "IL": ("Israel", ("Israeli",), ("Tel Aviv",)),
    "LB": ("Lebanon", ("Lebanese",), ("Beirut",)),
    "FR": ("France", ("French",), ("Paris",)),
    "GB": ("United Kingdom", ("British", "UK"), ("Britain", "UK", "London")),
    "JO": ("Jordan", ("Jordanian",), ("Amman",)),
    "SA": ("Saudi Arabia", ("Saudi",), ("Riyadh",)),
    "AE": ("United Arab Emirates", ("Emirati", "UAE"), ("UAE", "Abu Dhabi")),
    "QA": ("Qatar", ("Qatari",), ("Doha",)),
    "EG": ("Egypt", ("Egyptian",), ("Cairo",)),
    "UA": ("Ukraine", ("Ukrainian",), ("Kyiv", "Kiev")),
    "AF": ("Afghanistan", ("Afghan",), ("Kabul",)),
    "PK": ("Pakistan", ("Pakistani",), ("Islamabad",)),
    "YE": ("Yemen", ("Yemeni",), ("Sanaa",)),
    "CN": ("China", ("Chinese",), ("Beijing",)),
    "PS": ("Palestine", ("Palestinian",), ("Palestinian Territory", "Palestinian Territories", "State of Palestine")),
}

_LOOKUP: dict[str, str] = {}  # lower-cased name/demonym -> ISO2
_NAMES_SEEN: set[str] = set()  # every spelling, original case, for the regexes
_DEMONYMS: dict[str, list[str]] = {}
for _iso, (_name, _dems, _others) in COUNTRIES.items():
    _DEMONYMS[_iso] = list(_dems)
    for _s in (_iso, _name, *_dems, *_others):
        _LOOKUP.setdefault(_s.lower(), _iso)
        if _s != _iso:
            _NAMES_SEEN.add(_s)
try:  # the places room's maps, when present
    from outposts.places.countries import COUNTRY_ALIASES as _P_ALIASES
    from outposts.places.countries import DEMONYMS as _P_DEMONYMS
except ImportError:  # pragma: no cover - places room not installed
    _P_ALIASES, _P_DEMONYMS = {}, {}
for _s, _iso in list(_P_DEMONYMS.items()) + list(_P_ALIASES.items()):
    if _iso and re.fullmatch(r"[A-Za-z.' -]{2,40}", _s):
        _LOOKUP.setdefault(_s.lower(), _iso)
        _NAMES_SEEN.add(_s)
        if (_s, _iso) in _P_DEMONYMS.items() and _s not in _DEMONYMS.setdefault(_iso, []):
            _DEMONYMS[_iso].append(_s)


def country_iso2(s: str | None) -> str | None:
    """ISO2 code for a country name, demonym, capital or ISO2 code; None if unknown."""
    return _LOOKUP.get(s.strip().lower()) if s else None


def country_name(iso2: str) -> str:
    """ACLED's country name for an ISO2 code (the code itself if unknown)."""
    if iso2 in COUNTRIES:
        return COUNTRIES[iso2][0]
    try:
        from outposts.places.countries import country_info

        info = country_info(iso2)
    except Exception:  # noqa: BLE001 - a missing table must not break matching
        info = None
    return info.name if info else iso2


class Phrasing:
    """The actor matcher's phrasing in one language pack's words (its ``actors``
    section), joined with the country names and demonyms of this module: the
    generated "<demonym> <noun>" aliases and the patron patterns, compiled once."""

    def __init__(self, w: ModuleType):
        self.w = w
        self.MILITARY_NOUNS: tuple[str, ...] = tuple(w.MILITARY_NOUNS)
        self.POLICE_NOUNS: tuple[str, ...] = tuple(w.POLICE_NOUNS)
        self.NOT_ACTORS: tuple[str, ...] = tuple(w.NOT_ACTORS)
        self.NAME_STARTERS: frozenset[str] = w.NAME_STARTERS
        self.GOVERNMENT_WORDS: frozenset[str] = w.GOVERNMENT_WORDS
        self.STATE_NOUN_RE: re.Pattern[str] = w.STATE_NOUN_RE
        self.BACKED_RE = re.compile(w.BACKED.replace(NAMES, _NAMES))
        self.PRO_RE = re.compile(w.PRO.replace(NAMES, _NAMES))
        self.BACKED_BY_RE = re.compile(w.BACKED_BY.replace(NAMES, _NAMES))
        self.GROUP_RE: re.Pattern[str] = w.GROUP_RE
        self.PRO_CUE: re.Pattern[str] = w.PRO_CUE
        self.BACKING_CUE: re.Pattern[str] = w.BACKING_CUE
        self.FOLLOWER_RE: re.Pattern[str] = w.FOLLOWER_RE
        self.FOLLOWER_TAIL_RE: re.Pattern[str] = w.FOLLOWER_TAIL_RE
        self.OF_RE: re.Pattern[str] = w.OF_RE
        self.UNIT_JOIN_RE: re.Pattern[str] = w.UNIT_JOIN_RE
        self.INCLUDING_RE: re.Pattern[str] = w.INCLUDING_RE
        self.LIST_SEP_RE: re.Pattern[str] = w.LIST_SEP_RE
        self.NOUN_OF_COUNTRY: tuple[str, ...] = tuple(getattr(w, "NOUN_OF_COUNTRY", ()))
        self.OF_COUNTRY_NOUNS: frozenset[str] = frozenset(getattr(w, "OF_COUNTRY_NOUNS", ()))
        self.COUNTRY_AND_RE: re.Pattern[str] | None = getattr(w, "COUNTRY_AND_RE", None)
        self.AND_COUNTRY_BEFORE_RE: re.Pattern[str] | None = getattr(w, "AND_COUNTRY_BEFORE_RE", None)

    def qualifiers(self, iso2: str) -> list[str]:
        """Words that tie a unit to its country: demonyms and "<Country>'s"."""
        return [*_DEMONYMS.get(iso2, ()), self.w.COUNTRY_POSSESSIVE.format(country=country_name(iso2))]

    def noun_aliases(self, iso2: str, nouns: str) -> list[str]:
        """Generated aliases "<demonym> <noun>" / "<Country>'s <noun>" for a state force."""
        words = self.POLICE_NOUNS if nouns == "police" else self.MILITARY_NOUNS
        form = self.w.QUALIFIED_NOUN
        return [form.format(qualifier=q, noun=n) for q in self.qualifiers(iso2) for n in words]


def _alternation(strings: set[str]) -> str:
    ci = sorted((s for s in strings if not s.replace(".", "").isupper()), key=len, reverse=True)
    cs = sorted((s for s in strings if s.replace(".", "").isupper()), key=len, reverse=True)
    parts = ["(?i:" + "|".join(re.escape(s) for s in ci) + ")"] + [re.escape(s) for s in cs]
    return "(?:" + "|".join(parts) + ")"


NAMES = "<NAMES>"  # where a pack's pattern takes the alternation of country names and demonyms
_NAMES = _alternation(_NAMES_SEEN)
# "(SAA)" after a full name.
OPEN_PAREN_RE = re.compile(r"[ \t]*\([ \t]*")
CLOSE_PAREN_RE = re.compile(r"[ \t]*\)")


@lru_cache(maxsize=8)
def phrasing(w: ModuleType | None = None) -> Phrasing:
    """The :class:`Phrasing` of a pack's ``actors`` section (English when not given), built once."""
    if w is None:
        from ..lang import load

        w = load("en").actors
    return Phrasing(w)
