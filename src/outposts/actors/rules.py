"""Countries, demonyms and the phrase patterns the actor matcher uses.

The country table below holds ACLED country names, demonyms and the other
names (short forms, capitals used as metonyms: "Moscow", "Tehran") of the
countries the dictionary knows best. It is extended with the demonym and
alias maps of :mod:`outposts.places.countries` (the places room's), so a
patron like "Emirati-backed" or "Saudi-led" resolves too. Patterns are
compiled once at import; each is anchored on literal words, so matching
stays linear in the text length.
"""

from __future__ import annotations

import re

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


MILITARY_NOUNS = (
    "forces", "troops", "army", "soldiers", "soldier", "warplanes", "warplane", "jets", "fighter jets",
    "aircraft", "drones", "drone", "military", "navy", "air force", "armed forces", "military forces",
    "government forces", "security forces", "regime forces", "helicopters", "artillery", "units",
    "special forces", "commandos", "occupation forces", "servicemen", "military personnel",
    "army units", "military units", "naval forces", "tanks",
    "government troops", "government soldiers", "government army", "government artillery", "government warplanes",
    "government aircraft", "government helicopters", "government jets", "regime troops", "regime soldiers",
    "regime army", "regime artillery", "regime warplanes", "regime aircraft", "regime helicopters", "regime jets",
    "army troops", "army soldiers",
    # what a force moves with: "a Russian patrol", "a Turkish column", "US military convoy"
    "patrol", "patrols", "joint patrol", "military patrol", "column", "military column", "convoy",
    "military convoy", "reinforcements", "military reinforcements", "military vehicles", "armoured vehicles",
    "armored vehicles",
)
POLICE_NOUNS = (
    "police", "police forces", "police force", "policemen", "policeman", "police officers",
    "police officer", "riot police", "federal police", "police patrol", "police patrols",
    "security police", "traffic police",
)

# Word pairs that look like a generic force but are not an actor ("the military
# police" has no country; "military sources said"): a match ending on the first
# word is dropped when the second follows, and the pair itself yields nothing.
NOT_ACTORS = (
    "military police", "military council", "military court", "military courts", "military operation",
    "military operations", "military airport", "military academy", "military campaign", "military offensive",
    "military escalation", "military situation", "military wing", "military source", "military sources",
    "military expert", "military experts", "military analyst", "military analysts", "military college",
    "army source", "army sources", "police source", "police sources",
)
# Words before a capitalised generic noun that do not make it part of a proper
# name ("The Army said" is the army; "Mahdi Army" is not).
NAME_STARTERS = frozenset({"the", "a", "an", "and", "but", "then", "when", "while", "as", "after", "before",
                           "on", "in", "at", "by", "of", "for", "with", "from", "local", "state", "national"})


def noun_aliases(iso2: str, nouns: str) -> list[str]:
    """Generated aliases "<demonym> <noun>" / "<Country>'s <noun>" for a state force."""
    words = POLICE_NOUNS if nouns == "police" else MILITARY_NOUNS
    quals = [*_DEMONYMS.get(iso2, ()), f"{country_name(iso2)}'s"]
    return [f"{q} {w}" for q in quals for w in words]


def qualifiers(iso2: str) -> list[str]:
    """Words that tie a unit to its country: demonyms and "<Country>'s"."""
    return [*_DEMONYMS.get(iso2, ()), f"{country_name(iso2)}'s"]


def _alternation(strings: set[str]) -> str:
    ci = sorted((s for s in strings if not s.replace(".", "").isupper()), key=len, reverse=True)
    cs = sorted((s for s in strings if s.replace(".", "").isupper()), key=len, reverse=True)
    parts = ["(?i:" + "|".join(re.escape(s) for s in ci) + ")"] + [re.escape(s) for s in cs]
    return "(?:" + "|".join(parts) + ")"


_NAMES = _alternation(_NAMES_SEEN)
_NOUNS = (r"(?:militias|militia|militiamen|forces|fighters|groups|group|factions|faction|rebels"
          r"|militants|gunmen|troops|paramilitaries|proxies|mercenaries|units|brigades|elements"
          r"|opposition)")
_GROUP = (r"(?:(?:armed|Shiite|Shia|Shi'ite|local|foreign|Iraqi|Syrian|Afghan|Pakistani|Palestinian"
          r"|Lebanese|allied|loyalist|paramilitary)\s+)?" + _NOUNS + r"\b")
_FOLLOW = (r"(?:troops|forces|fighters|militants|militiamen|members|units|personnel|elements|gunmen"
           r"|operatives|sleeper\s+cells|cells|jihadists|terrorists|mercenaries|soldiers|officers"
           r"|warplanes|jets|aircraft|drones|helicopters|patrols?|convoys?|commanders?|combatants)")
_BACKING = r"(?:backed|supported|funded|sponsored|aligned|affiliated|linked|allied|financed)"

# "Iranian-backed ", "U.S.-backed the " ...: the patron phrase before a mention.
BACKED_RE = re.compile(r"(?<![\w-])(?P<c>" + _NAMES + r")(?:\s*-\s*|\s+)(?i:" + _BACKING
                       + r")\s+(?i:the\s+)?")
# A group noun right after a backing phrase or "pro-X": "militias", "Iraqi militias".
GROUP_RE = re.compile("(?i:" + _GROUP + ")")
# "pro-Iranian militias", "pro-government gunmen".
PRO_RE = re.compile(r"(?<![\w-])(?i:pro)\s?-?\s?(?P<c>(?i:government|regime|Assad)|" + _NAMES
                    + r")\s+(?P<g>(?i:" + _GROUP + "))")
# ", which is directly backed by Russia (and Iran)" right after a mention.
BACKED_BY_RE = re.compile(
    r"(?i:\s*\(\s*|\s*,\s*|\s+)(?i:(?:which|who|that)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+"
    r"|being\s+)?(?i:[a-z]+ly\s+)?(?i:" + _BACKING + r"|armed|trained)\s+(?i:[a-z]+ly\s+)?(?i:by)\s+"
    r"(?i:the\s+)?(?P<c>" + _NAMES + r")(?:\s*(?:,|(?i:and))\s*(?i:the\s+)?(?P<c2>" + _NAMES + "))?"
)
# A group noun that continues a named actor: "5th Corps troops", "ISIS militants".
FOLLOWER_RE = re.compile(r"[ \t]*-?[ \t]*(?i:" + _FOLLOW + r")\b")
FOLLOWER_TAIL_RE = re.compile(r"(?i:" + _FOLLOW + "|" + _NOUNS + r"|army|military|police)\Z")
# "soldiers of the 4th Division", "militants from the Islamic State": a generic noun
# followed by the named actor it belongs to.
OF_RE = re.compile(r"[ \t]+(?i:of|from|belonging\s+to|affiliated\s+with|loyal\s+to)[ \t]+(?i:the[ \t]+)?")
# "(SAA)" after a full name; "<force> 5th Corps" / "<force>'s 5th Corps".
OPEN_PAREN_RE = re.compile(r"[ \t]*\([ \t]*")
CLOSE_PAREN_RE = re.compile(r"[ \t]*\)")
UNIT_JOIN_RE = re.compile(r"(?:['’]s)?[ \t]+")
# ", including A, the B and C".
INCLUDING_RE = re.compile(r"(?i:,?\s*(?:including|such\s+as|among\s+them|namely|notably)\s+(?:the\s+)?)")
LIST_SEP_RE = re.compile(r"(?i:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?)")
