"""The actor dictionary: ACLED-style actor names found in plain text.

Aliases are indexed by their normalised word tokens (a dict keyed on token
n-grams), so matching is one pass over the text's tokens whatever the size
of the dictionary. Tokens of two to five capitals ("SAA", "IS", "PMF") are
kept case-sensitive; everything else is compared case-folded, accents
stripped. Acronyms of four or more letters also match in lower or title
case ("Isis"). Between the tokens of an alias the text may have spaces, a
hyphen, an apostrophe or a full stop ("al-Nujabaa' Movement", "U.S.-led").

Entries come from ``data/actors.json`` (schema in the README of the
assignment: id, name, inter, country, kind, aliases, patrons, units,
tenures, plus optional ``demonym_nouns`` = "military"/"police",
``proxy_of`` and ``generic``). Names containing ``{country}`` are
templates the caller fills with :func:`fill_country`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from outposts.actors.rules import (
    BACKED_BY_RE,
    BACKED_RE,
    COUNTRIES,
    FOLLOWER_RE,
    INCLUDING_RE,
    LIST_SEP_RE,
    PAREN_ACRONYM_RE,
    PRO_RE,
    UNIT_JOIN_RE,
    country_iso2,
    country_name,
    noun_aliases,
)
from outposts.errors import ConfigError
from outposts.records import Actor, ActorMention

KINDS = {"state", "rebel", "militia", "identity", "civilian", "protester", "rioter", "external"}
_TOKEN_RE = re.compile(r"[^\W_]+")
_GAP_RE = re.compile(r"[ \t\u00a0]{0,2}\n?[.'’‘`]?[-‐‑–]?[ \t\u00a0]{0,2}")
_GOV_WORDS = {"government", "regime", "assad", "damascus"}


def _norm(token: str) -> str:
    token = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    return token if token.isupper() and len(token) <= 5 else token.lower()


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

    @classmethod
    def from_json(cls, raw: Any, origin: str) -> "Entry":
        try:
            inter, kind = int(raw["inter"]), raw.get("kind", "militia")
            if not 1 <= inter <= 8 or kind not in KINDS:
                raise ValueError(f"inter must be 1-8 and kind one of {sorted(KINDS)}")
            tenures = tuple(sorted((date.fromisoformat(t["from"]), str(t["label"]))
                                   for t in raw.get("tenures", [])))
            units = tuple({"name": str(u["name"]), "aliases": [str(a) for a in u.get("aliases", [])],
                           "qualified": bool(u.get("qualified", False))} for u in raw.get("units", []))
            return cls(str(raw["id"]), str(raw["name"]), inter, raw.get("country"), kind,
                       tuple(str(a) for a in raw.get("aliases", [])),
                       tuple(str(p) for p in raw.get("patrons", [])), units, tenures,
                       raw.get("demonym_nouns"), tuple(raw.get("proxy_of", [])),
                       bool(raw.get("generic", False)))
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


def fill_country(actor: Actor, country_name: str) -> Actor:
    """``Civilians ({country})`` -> ``Civilians (Syria)``; other actors unchanged."""
    if "{country}" not in actor.name:
        return actor
    return replace(actor, name=actor.name.replace("{country}", country_name))


def inter_for(actor: Actor, event_country: str | None) -> int:
    """ACLED inter code for ``actor`` in an event in ``event_country``
    (ISO2 or name): state forces acting outside their home country are 8."""
    if actor.inter != 1 or not actor.country or not event_country:
        return actor.inter
    return 1 if country_iso2(event_country) == actor.country else 8


class ActorDictionary:
    """Entries plus an n-gram index of their aliases."""

    def __init__(self, entries: Iterable[Entry]):
        by_id: dict[str, Entry] = {}
        for entry in entries:  # a later entry with the same id replaces the earlier one
            by_id.pop(entry.id, None)
            by_id[entry.id] = entry
        self.entries: tuple[Entry, ...] = tuple(by_id.values())
        self._ids = {e.id: i for i, e in enumerate(self.entries)}
        self._index: dict[tuple[str, ...], tuple[int, int | None]] = {}
        self._proxy: dict[str, int] = {}
        self._build()

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> "ActorDictionary":
        """The packaged dictionary, extended/overridden by user JSON files."""
        raw = resources.files("outposts.actors").joinpath("data/actors.json").read_text("utf-8")
        entries = [Entry.from_json(e, "actors.json") for e in json.loads(raw)]
        for path in extra:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"{path}: cannot read actor file: {exc}") from None
            if not isinstance(data, list):
                raise ConfigError(f"{path}: an actor file must hold a JSON list of entries")
            entries.extend(Entry.from_json(e, str(path)) for e in data)
        return cls(entries)

    def _add(self, alias: str, target: tuple[int, int | None]) -> None:
        key = alias_key(alias)
        if key:
            self._index[key] = target
            if len(key) == 1 and key[0].isupper() and len(key[0]) >= 4:
                self._index[(key[0].lower(),)] = target

    def _build(self) -> None:
        for i, e in enumerate(self.entries):  # generated "<demonym> <noun>" first: explicit wins
            if e.country and e.demonym_nouns:
                for alias in noun_aliases(e.country, e.demonym_nouns):
                    self._add(alias, (i, None))
        for i, e in enumerate(self.entries):
            for p in e.proxy_of:
                self._proxy[country_iso2(p) or p] = i
            for alias in e.aliases:
                self._add(alias, (i, None))
            for u, unit in enumerate(e.units):
                for alias in unit["aliases"]:
                    if not unit["qualified"]:
                        self._add(alias, (i, u))
                    if e.country:
                        for q in COUNTRIES.get(e.country, ((), (), ()))[1] + (
                                country_name(e.country) + "'s",):
                            self._add(f"{q} {alias}", (i, u))
        self._maxlen = max((len(k) for k in self._index), default=1)
        self._first = {k[0] for k in self._index}

    def get(self, entry_id: str) -> Entry:
        return self.entries[self._ids[entry_id]]

    def actor(self, entry_id: str, on: date | None = None, unit: str | None = None) -> Actor:
        """The resolved :class:`Actor` of an entry (optionally one of its units)."""
        i = self._ids[entry_id]
        names = [u["name"] for u in self.entries[i].units]
        return self._resolve(i, names.index(unit) if unit else None, on)

    def _resolve(self, i: int, unit: int | None, on: date | None) -> Actor:
        e = self.entries[i]
        base = e.label(on)
        if unit is None:
            return Actor(base, e.inter, e.country, e.patrons)
        return Actor(f"{base} {e.units[unit]['name']}", e.inter, e.country, e.patrons, parent=base)

    # -- matching --------------------------------------------------------------

    def _scan(self, text: str) -> list[_Cand]:
        toks = [(m.start(), m.end(), _norm(m.group())) for m in _TOKEN_RE.finditer(text)]
        n, out, i = len(toks), [], 0
        ok = [_GAP_RE.fullmatch(text, toks[j][1], toks[j + 1][0]) is not None for j in range(n - 1)]
        while i < n:
            if toks[i][2] not in self._first:
                i += 1
                continue
            reach = i
            while reach + 1 < n and reach - i + 1 < self._maxlen and ok[reach]:
                reach += 1
            for j in range(reach, i - 1, -1):
                target = self._index.get(tuple(t[2] for t in toks[i:j + 1]))
                if target is None or (j == i and self._shouted(toks, i)):
                    continue
                out.append(_Cand(toks[i][0], toks[j][1], target[0], target[1]))
                i = j
                break
            i += 1
        return out

    @staticmethod
    def _shouted(toks: list[tuple[int, int, str]], i: int) -> bool:
        """A two-letter acronym inside an all-capitals headline ("WHAT IS ...")."""
        word = toks[i][2]
        if len(word) > 2 or not word.isupper():
            return False
        near = [toks[k][2] for k in (i - 1, i + 1) if 0 <= k < len(toks)]
        return any(w.isupper() and w.isalpha() and len(w) >= 3 for w in near)

    def _patterned(self, text: str) -> list[_Cand]:
        out: list[_Cand] = []
        for m in PRO_RE.finditer(text):
            c = m.group("c").lower()
            if c in _GOV_WORDS:
                i = self._ids.get("pro-gov")
                patrons: tuple[str, ...] = ()
            else:
                iso = country_iso2(m.group("c"))
                i = self._proxy.get(iso or "", self._ids.get("uag"))
                patrons = (country_name(iso),) if iso else ()
            if i is not None:
                out.append(_Cand(m.start(), m.end(), i, None, patrons, prio=2))
        return out

    def match(self, text: str, *, on: date | None = None) -> list[ActorMention]:
        """All actor mentions in ``text`` (longest wins, no overlaps, text order)."""
        if not isinstance(text, str) or not text:
            return []
        cands = sorted(self._scan(text) + self._patterned(text),
                       key=lambda c: (c.start, -c.end, -c.prio))
        chosen: list[_Cand] = []
        for c in cands:
            if not chosen or c.start >= chosen[-1].end:
                chosen.append(c)
        chosen = self._merge(text, chosen)
        chosen = self._backing(text, chosen)
        return [ActorMention(text[c.start:c.end], c.start, c.end,
                             self._resolve(c.entry, c.unit, on), c.patrons) for c in chosen]

    def _merge(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """Join "Syrian Arab Army (SAA)" and "<force> 5th Corps"; absorb "troops"."""
        out: list[_Cand] = []
        for c in cands:
            if out:
                p = out[-1]
                same = self.entries[p.entry].id == self.entries[c.entry].id
                if same and p.unit == c.unit and PAREN_ACRONYM_RE.fullmatch(text, p.end, c.end):
                    out[-1] = replace(p, end=c.end)
                    continue
                if same and p.unit is None and c.unit is not None and \
                        UNIT_JOIN_RE.fullmatch(text, p.end, c.start):
                    out[-1] = replace(c, start=p.start)
                    continue
            out.append(c)
        for k, c in enumerate(out):
            if self.entries[c.entry].kind in ("civilian", "protester", "rioter"):
                continue
            m = FOLLOWER_RE.match(text, c.end)
            limit = out[k + 1].start if k + 1 < len(out) else len(text)
            if m and m.end() <= limit and not FOLLOWER_RE.fullmatch(" " + text[c.start:c.end]):
                out[k] = replace(c, end=m.end())
        return out

    def _backing(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """Patrons stated around a mention: "Russian-backed X", "X, which is backed
        by Russia", "<demonym>-backed militias" and "..., including A, B and C"."""
        starts = {c.start: k for k, c in enumerate(cands)}
        out = list(cands)
        for m in BACKED_RE.finditer(text):
            iso = country_iso2(m.group("c"))
            patron = (country_name(iso),) if iso else ()
            k = starts.get(m.end())
            if k is not None and out[k].start == m.end():
                out[k] = replace(out[k], start=m.start(), patrons=out[k].patrons + patron)
                continue
            g = FOLLOWER_RE.match(text, m.end() - 1) if m.end() > 0 else None
            if g and iso and not any(c.start < g.end() and m.start() < c.end for c in out):
                i = self._proxy.get(iso, self._ids.get("uag"))
                if i is not None:
                    out.append(_Cand(m.start(), g.end(), i, None, patron, prio=2))
        out.sort(key=lambda c: c.start)
        for k, c in enumerate(out):
            m = BACKED_BY_RE.match(text, c.end)
            if m:
                names = tuple(country_name(country_iso2(x) or "") for x in
                              (m.group("c"), m.group("c2")) if x and country_iso2(x))
                out[k] = c = replace(c, patrons=c.patrons + tuple(x for x in names if x not in c.patrons))
            if c.patrons and INCLUDING_RE.match(text, c.end + (m.end() - c.end if m else 0)):
                prev = c
                for j in range(k + 1, len(out)):
                    gap = text[prev.end:out[j].start]
                    if not (INCLUDING_RE.fullmatch(gap) or LIST_SEP_RE.fullmatch(gap)) and j != k + 1:
                        break
                    if not out[j].patrons:
                        out[j] = replace(out[j], patrons=c.patrons)
                    prev = out[j]
        return out
