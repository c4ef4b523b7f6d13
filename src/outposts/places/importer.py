"""Import extra places into a gazetteer: GeoNames dumps, CSV site lists, GeoJSON.

``import_file(gazetteer, path)`` picks the format from the file:

* a GeoNames dump (``allCountries.txt``, ``SY.txt``; plain, ``.zip`` or ``.gz``):
  19 tab-separated columns, streamed (bounded memory, decompressed size capped);
* a CSV of user sites with a header ``name,latitude,longitude`` and optional
  ``aliases`` (``;``-separated), ``country_code``, ``feature_code``, ``admin1``;
  lines starting with ``#`` (a licence or provenance note) are comments;
* a GeoJSON FeatureCollection of Point features (properties ``name``,
  ``aliases`` (list or ``;``-string), ``country_code``, ``feature_code``, ``admin1``).

Places are written into the gazetteer's SQLite file, so later runs see them.
User sites without a GeoNames id get a stable negative id. The build loads the
bundled sites (``outposts/places/data/sites.csv``) with this same code. Bad input raises
:class:`~outposts.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import time
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import GazetteerError, InputError
from .build import prior_of, synthetic_id
from .normalize import name_keys

__all__ = ["MAX_DECOMPRESSED", "import_file", "import_into"]

MAX_DECOMPRESSED = 3 * 1024**3  # allCountries.txt is ~1.6 GB
_BATCH = 20000
_GEONAMES_COLUMNS = 19


class _Capped(io.RawIOBase):
    """A binary stream that raises GazetteerError past ``limit`` bytes."""

    def __init__(self, raw, limit: int, source: str):
        self._raw, self._limit, self._source, self._n = raw, limit, source, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        data = self._raw.read(len(buf))
        self._n += len(data)
        if self._n > self._limit:
            raise GazetteerError(f"{self._source}: more than {self._limit} bytes once "
                                 "decompressed; refusing to import it")
        buf[: len(data)] = data
        return len(data)


def _magic(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(2)


def _open_text(path: Path, limit: int) -> tuple[io.TextIOBase, str]:
    """Text stream of the (possibly compressed) file and the inner file name."""
    src = str(path)
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        members = [i for i in zf.infolist() if not i.is_dir()
                   and not i.filename.lower().endswith(("readme.txt", ".md"))]
        if not members:
            raise InputError("the zip archive holds no data file", source=src)
        member = max(members, key=lambda i: i.file_size)
        if member.file_size > limit:
            raise GazetteerError(f"{src}: {member.filename} is {member.file_size} bytes "
                                 f"decompressed, over the {limit}-byte limit")
        raw, inner = zf.open(member), member.filename
    elif _magic(path) == b"\x1f\x8b":
        raw, inner = gzip.open(path, "rb"), path.name.removesuffix(".gz")
    else:
        raw, inner = path.open("rb"), path.name
    capped = io.BufferedReader(_Capped(raw, limit, src), buffer_size=1 << 20)
    return io.TextIOWrapper(capped, encoding="utf-8", errors="strict", newline=""), inner


def _float(value: str, what: str, lo: float, hi: float, src: str, line: int) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} {value!r} is not a number", source=src, line=line) from None
    if not lo <= f <= hi:
        raise InputError(f"{what} {f} is out of range", source=src, line=line)
    return f


def _feature_class(code: str) -> str:
    if code.startswith(("PPL", "STLM")):
        return "P"
    if code.startswith(("ADM", "PCL", "TERR", "ZN")):
        return "A"
    return "S"


def _site(src: str, line: int, name: str, lat, lon, aliases: Iterable[str], cc: str | None,
          fcode: str | None, admin1: str | None, gid=None, population: int = 0,
          source: str = "user") -> tuple:
    name = (name or "").strip()
    if not name:
        raise InputError("a place has no name", source=src, line=line)
    lat = _float(lat, "latitude", -90, 90, src, line)
    lon = _float(lon, "longitude", -180, 180, src, line)
    cc = (cc or "").strip().upper() or None
    fcode = (fcode or "").strip().upper() or "SITE"
    fclass = _feature_class(fcode)
    if gid is None:
        gid = synthetic_id("user", name, cc, round(lat, 4), round(lon, 4))
    names = [name, *(a.strip() for a in aliases if a and a.strip())]
    return ((gid, name, cc, lat, lon, fclass, fcode, (admin1 or "").strip() or None, None,
             population, prior_of(population, fclass, fcode, "user"), source), names)


def _geonames_rows(text: io.TextIOBase, src: str, admin1_name) -> Iterator[tuple]:
    admin1_cache: dict[tuple[str, str], str | None] = {}
    for line_no, line in enumerate(text, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) != _GEONAMES_COLUMNS:
            raise InputError(f"expected {_GEONAMES_COLUMNS} tab-separated GeoNames columns, "
                             f"found {len(cols)}", source=src, line=line_no)
        try:
            gid = int(cols[0])
            population = int(cols[14] or 0)
        except ValueError:
            raise InputError("geonameid/population is not an integer",
                             source=src, line=line_no) from None
        lat = _float(cols[4], "latitude", -90, 90, src, line_no)
        lon = _float(cols[5], "longitude", -180, 180, src, line_no)
        fclass, fcode, cc = cols[6] or "S", cols[7] or None, cols[8] or None
        key = (cc or "", cols[10])
        if key not in admin1_cache:
            admin1_cache[key] = admin1_name(*key) if cols[10] else None
        if fcode == "ADM1":
            admin1 = cols[1]
        else:
            admin1 = admin1_cache[key]
        alts = [a for a in cols[3].split(",") if a and not (len(a) <= 4 and a.isupper())]
        yield ((gid, cols[1], cc, lat, lon, fclass, fcode, admin1, None, population,
                prior_of(population, fclass, fcode), "geonames-import"),
               [cols[1], cols[2], *alts])


def _csv_rows(text: io.TextIOBase, src: str, source: str = "user") -> Iterator[tuple]:
    at = [0]  # file line number of the last line handed to the csv reader

    def lines() -> Iterator[str]:
        for n, line in enumerate(text, 1):
            if line.lstrip().startswith("#"):
                continue  # a comment line
            at[0] = n
            yield line

    reader = csv.reader(lines())
    header = next(reader, None)
    cols = [h.strip().lower() for h in header or ()]
    if not {"name", "latitude", "longitude"} <= set(cols):
        raise InputError("a site CSV needs a header with name,latitude,longitude",
                         source=src, line=at[0] or 1)
    for row in reader:
        line = at[0]
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(cols):
            raise InputError(f"{len(row)} fields for {len(cols)} columns", source=src, line=line)
        rec = dict(zip(cols, row))
        yield _site(src, line, rec.get("name", ""), rec.get("latitude"), rec.get("longitude"),
                    (rec.get("aliases") or "").split(";"), rec.get("country_code"),
                    rec.get("feature_code"), rec.get("admin1"), source=source)


def _geojson_rows(text: io.TextIOBase, src: str, source: str = "user") -> Iterator[tuple]:
    try:
        data = json.load(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", source=src, line=exc.lineno) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("GeoJSON must be a FeatureCollection", source=src)
    for i, feat in enumerate(data.get("features") or ()):
        geom = (feat or {}).get("geometry") or {}
        props = (feat or {}).get("properties") or {}
        coords = geom.get("coordinates")
        if geom.get("type") != "Point" or not isinstance(coords, list) or len(coords) < 2:
            raise InputError(f"feature {i} is not a Point", source=src)
        aliases = props.get("aliases") or []
        if isinstance(aliases, str):
            aliases = aliases.split(";")
        gid = props.get("geonameid")
        yield _site(src, None, props.get("name", ""), coords[1], coords[0], aliases,
                    props.get("country_code"), props.get("feature_code"), props.get("admin1"),
                    gid=int(gid) if gid else None, population=int(props.get("population") or 0),
                    source=source)


def _sniff(inner: str, first: str) -> str:
    low = inner.lower()
    if low.endswith((".geojson", ".json")) or first.lstrip().startswith("{"):
        return "geojson"
    if low.endswith(".csv") or first.lower().startswith(("name", "# ")):
        return "csv"  # GeoNames dumps have no "# " lines before their rows
    return "geonames"


def import_file(gazetteer, path: str | os.PathLike, *, max_bytes: int = MAX_DECOMPRESSED) -> int:
    """Import the places of ``path`` into ``gazetteer``; returns how many."""
    con = gazetteer._writer()
    try:
        return import_into(con, path, max_bytes=max_bytes, admin1_name=gazetteer.admin1_name)
    finally:
        gazetteer._writer()  # drop cached lookups


def import_into(con, path: str | os.PathLike, *, max_bytes: int = MAX_DECOMPRESSED,
                admin1_name=None, source: str = "user", record: bool = True) -> int:
    """Import ``path`` through the open gazetteer connection ``con`` (one
    transaction: all or nothing); ``source`` tags the site rows ("user", or
    "bundled" for the build's own site list); ``record`` lists the file in
    ``imports``. ``admin1_name(cc, code)`` names GeoNames admin1 codes."""
    p = Path(path)
    src = str(p)
    if not p.is_file():
        raise InputError("no such file", source=src)
    text, inner = _open_text(p, max_bytes)
    with text:
        try:
            first = text.readline()
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text", source=src, line=1) from None
        kind = _sniff(inner, first)
        body = _chain(first, text)
        if kind == "geonames":
            names = admin1_name or (lambda cc, code: None)
            rows = _geonames_rows(body, src, names)
        else:
            rows = (_geojson_rows(body, src, source) if kind == "geojson" else
                    _csv_rows(body, src, source))
        count = 0
        with con:
            batch: list[tuple] = []
            for rec in _decode_guard(rows, src):
                batch.append(rec)
                if len(batch) >= _BATCH:
                    count += _write(con, batch)
                    batch = []
            count += _write(con, batch)
            if record:
                con.execute("INSERT OR REPLACE INTO imports VALUES (?,?,?,?)",
                            (str(p.resolve()), kind, count, time.strftime("%Y-%m-%dT%H:%M:%S")))
    return count


class _chain(io.TextIOBase):
    """The first line already read, then the rest of the stream."""

    def __init__(self, first: str, rest: io.TextIOBase):
        self._first, self._rest = first, rest

    def __iter__(self):
        if self._first:
            yield self._first
        yield from self._rest

    def read(self, size: int = -1) -> str:
        head, self._first = self._first, ""
        return head + self._rest.read()

    def readline(self, size: int = -1) -> str:
        if self._first:
            head, self._first = self._first, ""
            return head
        return self._rest.readline()


def _decode_guard(rows: Iterator[tuple], src: str) -> Iterator[tuple]:
    try:
        yield from rows
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", source=src) from None


def _write(con, batch: list[tuple]) -> int:
    if not batch:
        return 0
    con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [rec for rec, _ in batch])
    keys, skels = [], []
    for rec, names in batch:
        seen = set()
        for n in names:
            k = name_keys(n)
            if k and k not in seen:
                seen.add(k)
                keys.append((k[0], rec[0]))
                skels.append((k[1], rec[0]))
    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", keys)
    con.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?)", skels)
    return len(batch)
