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
import lzma
import os
import re
import struct
import time
import zipfile
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import GazetteerError, InputError
from .priors import prior_of, synthetic_id
from .normalize import name_keys

__all__ = ["MAX_DECOMPRESSED", "import_file", "import_into"]

MAX_DECOMPRESSED = 3 * 1024**3  # allCountries.txt is ~1.6 GB
_BATCH = 20000
_GEONAMES_COLUMNS = 19
_MAX_INT = 2**63 - 1  # SQLite INTEGER
# What a corrupt, truncated or unsupported archive raises while it is read
# (gzip.BadGzipFile and bz2's "Invalid data stream" are OSErrors).
_ARCHIVE_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError,
                   NotImplementedError)
# What zipfile raises on a hostile central directory, besides those: an empty
# member name (IndexError in ZipInfo.is_dir), short or overflowing fields,
# undecodable names; RuntimeError is an encrypted member.
_ZIP_ERRORS = (*_ARCHIVE_ERRORS, RuntimeError, ValueError, IndexError, KeyError, OverflowError,
               struct.error)
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Capped(io.RawIOBase):
    """A binary stream that raises GazetteerError past ``limit`` bytes."""

    def __init__(self, raw, limit: int, source: str):
        self._raw, self._limit, self._source, self._n = raw, limit, source, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        try:
            data = self._raw.read(len(buf))
        except _ARCHIVE_ERRORS as exc:
            raise InputError(f"cannot read or decompress: {type(exc).__name__}: "
                             f"{str(exc)[:100]}", source=self._source) from None
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
        try:
            zf = zipfile.ZipFile(path)
            members = [i for i in zf.infolist() if i.filename and not i.is_dir()
                       and not i.filename.lower().endswith(("readme.txt", ".md"))]
            if not members:
                raise InputError("the zip archive holds no data file", source=src)
            member = max(members, key=lambda i: i.file_size)
            if member.file_size > limit:
                raise GazetteerError(f"{src}: {member.filename} is {member.file_size} bytes "
                                     f"decompressed, over the {limit}-byte limit")
            # (the declared size may lie: _Capped below counts what really comes out)
            raw, inner = zf.open(member), member.filename
        except _ZIP_ERRORS as exc:
            raise InputError(f"unreadable zip archive: {type(exc).__name__}: {str(exc)[:100]}",
                             source=src) from None
    elif _magic(path) == b"\x1f\x8b":
        raw, inner = gzip.open(path, "rb"), path.name.removesuffix(".gz")
    else:
        raw, inner = path.open("rb"), path.name
    capped = io.BufferedReader(_Capped(raw, limit, src), buffer_size=1 << 20)
    return io.TextIOWrapper(capped, encoding="utf-8", errors="strict", newline=""), inner


def _float(value: str, what: str, lo: float, hi: float, src: str, line: int) -> float:
    try:
        if isinstance(value, bool):
            raise TypeError
        f = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"{what} {value!r} is not a number", source=src, line=line) from None
    if not lo <= f <= hi:
        raise InputError(f"{what} {f} is out of range", source=src, line=line)
    return f


def _int(value, what: str, lo: int, src: str, line: int | None) -> int:
    """An integer field within ``lo``..2**63-1 (what SQLite stores), else InputError."""
    try:
        if isinstance(value, (bool, float)):
            raise TypeError
        n = int(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} {str(value)[:40]!r} is not an integer",
                         source=src, line=line) from None
    if not lo <= n <= _MAX_INT:
        raise InputError(f"{what} {str(n)[:40]} is out of range", source=src, line=line)
    return n


def _str(value, what: str, src: str, line: int | None) -> str | None:
    """An optional text field: a string (lone surrogates made U+FFFD) or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{what} must be a string", source=src, line=line)
    return _SURROGATE.sub("\ufffd", value)


def _feature_class(code: str) -> str:
    if code.startswith(("PPL", "STLM")):
        return "P"
    if code.startswith(("ADM", "PCL", "TERR", "ZN")):
        return "A"
    return "S"


def _site(src: str, line: int, name: str, lat, lon, aliases: Iterable[str], cc: str | None,
          fcode: str | None, admin1: str | None, gid=None, population: int = 0,
          source: str = "user") -> tuple:
    name = (_str(name, "name", src, line) or "").strip()
    if not name:
        raise InputError("a place has no name", source=src, line=line)
    lat = _float(lat, "latitude", -90, 90, src, line)
    lon = _float(lon, "longitude", -180, 180, src, line)
    cc = (_str(cc, "country_code", src, line) or "").strip().upper() or None
    fcode = (_str(fcode, "feature_code", src, line) or "").strip().upper() or "SITE"
    admin1 = _str(admin1, "admin1", src, line)
    fclass = _feature_class(fcode)
    if gid is None:
        gid = synthetic_id("user", name, cc, round(lat, 4), round(lon, 4))
    aliases = [_str(a, "an alias", src, line) for a in aliases]
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
        gid = _int(cols[0], "geonameid", 1, src, line_no)
        population = _int(cols[14] or 0, "population", 0, src, line_no)
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

    try:
        yield from _csv_records(csv.reader(lines()), at, src, source)
    except csv.Error as exc:
        raise InputError(f"bad CSV: {exc}", source=src, line=at[0] or 1) from None


def _csv_records(reader, at: list[int], src: str, source: str) -> Iterator[tuple]:
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
    except (ValueError, RecursionError) as exc:  # huge numbers, deep nesting
        msg = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:100]
        raise InputError(f"not valid JSON: {msg}", source=src) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("GeoJSON must be a FeatureCollection", source=src)
    features = data.get("features") or []
    if not isinstance(features, list):
        raise InputError("GeoJSON 'features' must be a list", source=src)
    for i, feat in enumerate(features):
        if not isinstance(feat, dict):
            raise InputError(f"feature {i} is not an object", source=src)
        geom = feat.get("geometry") or {}
        props = feat.get("properties") or {}
        if not isinstance(geom, dict) or not isinstance(props, dict):
            raise InputError(f"feature {i}: geometry and properties must be objects", source=src)
        coords = geom.get("coordinates")
        if geom.get("type") != "Point" or not isinstance(coords, list) or len(coords) < 2:
            raise InputError(f"feature {i} is not a Point", source=src)
        aliases = props.get("aliases") or []
        if isinstance(aliases, str):
            aliases = aliases.split(";")
        if not isinstance(aliases, list):
            raise InputError(f"feature {i}: aliases must be a list or a string", source=src)
        gid = props.get("geonameid")
        yield _site(src, None, props.get("name", ""), coords[1], coords[0], aliases,
                    props.get("country_code"), props.get("feature_code"), props.get("admin1"),
                    gid=_int(gid, f"feature {i}: geonameid", 1, src, None) if gid else None,
                    population=_int(props.get("population") or 0, f"feature {i}: population",
                                    0, src, None),
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
