"""The gazetteer: an indexed SQLite file of places and their name keys.

Opening is near-instant: nothing is loaded into Python; every lookup is an
indexed query. See :mod:`outposts.places.build` for what the file holds.
"""

from __future__ import annotations

import os
import sqlite3
from functools import lru_cache
from pathlib import Path

from ..errors import GazetteerError
from ..records import Place
from .build import CONTENT_VERSION, SCHEMA, SCHEMA_VERSION, build_gazetteer
from .countries import alias_country
from .normalize import name_key, skeleton_key

__all__ = ["Gazetteer", "default_path", "FILE_NAME"]

FILE_NAME = f"gazetteer-v{CONTENT_VERSION}.sqlite"  # new build content, new cache file
_COLUMNS = ("geonameid, name, country_code, latitude, longitude, feature_class, "
            "feature_code, admin1, admin2, population")
SKELETON_MIN = 5  # skeleton keys shorter than this are too loose to use


def default_path() -> Path:
    """``$OUTPOSTS_GAZETTEER``, else the per-user cache directory."""
    env = os.environ.get("OUTPOSTS_GAZETTEER")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("outposts")) / FILE_NAME


def _ta_marbuta_keys(key: str) -> tuple[str, ...]:
    """``key`` and its spelling with/without a final "h" after "a"/"e" (Arabic
    ta marbuta: "Hawija"/"Hawijah", "Busayra"/"Busayrah"): both are exact."""
    if len(key) < 4 or key.isdigit():
        return (key,)
    if key.endswith(("ah", "eh")):
        return (key, key[:-1])
    if key.endswith(("a", "e")) and not key.endswith(("aa", "ee")):
        return (key, key + "h")
    return (key,)


def _place(row) -> Place:
    return Place(geonameid=row[0], name=row[1], country_code=row[2], latitude=row[3],
                 longitude=row[4], feature_class=row[5], feature_code=row[6],
                 admin1=row[7], admin2=row[8], population=row[9] or 0)


class Gazetteer:
    """Places by name, from an indexed SQLite file (no server)."""

    def __init__(self, path: Path, con: sqlite3.Connection):
        self.path = path
        self._con = con
        self._cached_lookup = lru_cache(maxsize=4096)(self._lookup_uncached)
        self._areas: dict[tuple[str, str], Place | None] = {}

    # -- opening --------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, build: bool = True) -> "Gazetteer":
        """Open the gazetteer at ``path`` (default: :func:`default_path`),
        building it first when it is missing and ``build`` is true."""
        p = Path(path).expanduser() if path is not None else default_path()
        if not p.exists():
            if not build:
                raise GazetteerError(f"no gazetteer at {p} (build it with build=True)")
            build_gazetteer(p)
        try:
            con = sqlite3.connect(p, check_same_thread=False)
            version = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{p} is not a gazetteer file: {exc}") from exc
        if not version or version[0] != SCHEMA_VERSION:
            con.close()
            raise GazetteerError(f"{p} has gazetteer schema {version and version[0]!r}, "
                                 f"expected {SCHEMA_VERSION!r}; delete it to rebuild")
        con.executescript(SCHEMA)  # tables added since (no-op otherwise)
        return cls(p, con)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "Gazetteer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- queries ----------------------------------------------------------------
    def size(self) -> int:
        """Number of places."""
        return self._con.execute("SELECT count(*) FROM places").fetchone()[0]

    def meta(self) -> dict[str, str]:
        return dict(self._con.execute("SELECT key, value FROM meta"))

    def get(self, geonameid: int) -> Place | None:
        row = self._con.execute(f"SELECT {_COLUMNS} FROM places WHERE geonameid=?",
                                (int(geonameid),)).fetchone()
        return _place(row) if row else None

    def _query(self, table: str, key: str | tuple[str, ...], countries,
               limit: int) -> list[Place]:
        keys = (key,) if isinstance(key, str) else tuple(key)
        if len(keys) == 1:
            sql = (f"SELECT {_COLUMNS} FROM {table} n JOIN places p ON p.geonameid = n.gid "
                   "WHERE n.key = ?")
        else:  # several keys: one row per place
            sql = (f"SELECT {_COLUMNS} FROM places p WHERE p.geonameid IN "
                   f"(SELECT gid FROM {table} WHERE key IN ({','.join('?' * len(keys))}))")
        args: list = list(keys)
        if countries:
            sql += f" AND p.country_code IN ({','.join('?' * len(countries))})"
            args.extend(countries)
        sql += " ORDER BY p.prior DESC, p.population DESC, p.geonameid LIMIT ?"
        args.append(limit)
        return [_place(r) for r in self._con.execute(sql, args)]

    def _lookup_uncached(self, name: str, countries: tuple, limit: int,
                         fuzzy: bool) -> tuple[tuple[Place, ...], bool]:
        key = name_key(name)
        if not key:
            return (), True
        found = self._query("names", _ta_marbuta_keys(key), countries, limit)
        if found or not fuzzy:
            return tuple(found), True
        skel = skeleton_key(name)
        if len(skel) < SKELETON_MIN:
            return (), False
        return tuple(self._query("skeletons", skel, countries, limit)), False

    def candidates(self, name: str, *, countries=None, limit: int = 20,
                   fuzzy: bool = True) -> tuple[list[Place], bool]:
        """Like :meth:`lookup`, also telling whether the hits matched the exact
        key (True) or only the loose skeleton key (False)."""
        cc = tuple(sorted({c.upper() for c in countries})) if countries else ()
        places, exact = self._cached_lookup(name, cc, int(limit), fuzzy)
        return list(places), exact

    def lookup(self, name: str, *, countries=None, limit: int = 20,
               fuzzy: bool = True) -> list[Place]:
        """Places called ``name`` (any spelling variant, alternate names included),
        best prior first (population, feature class). Falls back to the loose
        skeleton key when nothing matches exactly and ``fuzzy`` is true."""
        return self.candidates(name, countries=countries, limit=limit, fuzzy=fuzzy)[0]

    def fuzzy_lookup(self, name: str, *, countries=None, limit: int = 20,
                     min_len: int = 4) -> list[Place]:
        """Places whose loose skeleton key equals ``name``'s (typos, odd
        transliterations); keys shorter than ``min_len`` match nothing."""
        skel = skeleton_key(name)
        if len(skel) < min_len:
            return []
        cc = tuple(sorted({c.upper() for c in countries})) if countries else ()
        return self._query("skeletons", skel, cc, limit)

    def country(self, code_or_name: str) -> Place | None:
        """The country Place for an ISO2/ISO3 code or an English name/alias."""
        text = (code_or_name or "").strip()
        if not text:
            return None
        iso = alias_country(text)
        if iso is None and len(text) in (2, 3) and text.isalpha() and text.isupper():
            iso = text if len(text) == 2 else self._iso2_of(text)
        if iso:
            row = self._con.execute(f"SELECT {_COLUMNS} FROM places WHERE feature_code='PCLI' "
                                    "AND country_code=?", (iso,)).fetchone()
            if row:
                return _place(row)
        for p in self.lookup(text, fuzzy=False):
            if p.feature_code == "PCLI":
                return p
        return None

    def area(self, kind: str, value: str) -> Place | None:
        """The country (``kind`` "country", ``value`` an ISO2 code) or the named
        continent, country or first-level subdivision (``kind`` "name"); cached."""
        k = (kind, value)
        if k not in self._areas:
            if kind == "country":
                found = self.country(value)
            else:
                found = next((p for p in self.lookup(value, fuzzy=False, limit=50)
                              if (p.feature_code or "").startswith(("PCL", "ADM1", "CONT"))), None)
            self._areas[k] = found
        return self._areas[k]

    def _iso2_of(self, iso3: str) -> str | None:
        from .countries import country_info

        info = country_info(iso3)
        return info.iso2 if info else None

    def admin1(self, country_code: str, name: str) -> Place | None:
        """The first-level subdivision of ``country_code`` called ``name``
        (any variant; "X Governorate/Province" accepted)."""
        base = name.strip()
        for suffix in (" governorate", " province", " countryside", " region"):
            if base.casefold().endswith(suffix):
                base = base[: -len(suffix)]
        for fuzzy in (False, True):
            for p in self.lookup(base, countries=[country_code], limit=50, fuzzy=fuzzy):
                if p.feature_code == "ADM1":
                    return p
        row = self._con.execute(
            f"SELECT {_COLUMNS} FROM places WHERE feature_code='ADM1' AND country_code=? "
            "AND admin1=?", (country_code.upper(), name)).fetchone()
        return _place(row) if row else None

    def admin1_name(self, country_code: str, code: str) -> str | None:
        """Name of a GeoNames admin1 code ("SY", "07" -> "Deir ez-Zor")."""
        row = self._con.execute("SELECT name FROM admin1_codes WHERE country_code=? AND code=?",
                                (country_code, code)).fetchone()
        return row[0] if row else None

    # -- writing (importer) -----------------------------------------------------
    def _writer(self) -> sqlite3.Connection:
        self._cached_lookup.cache_clear()
        self._areas.clear()
        return self._con
