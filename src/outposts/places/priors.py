"""What the gazetteer builder and the importer share: stable ids for places
without a GeoNames id, and the a-priori weight that orders the candidates of a name."""

from __future__ import annotations

import math
import zlib

__all__ = ["prior_of", "synthetic_id"]


def synthetic_id(*parts: object) -> int:
    """A stable negative id for a place without a GeoNames id."""
    return -(zlib.crc32("|".join(map(str, parts)).encode("utf-8")) & 0x7FFFFFFF) - 1


def prior_of(population: int, feature_class: str, feature_code: str | None,
             source: str = "geonames") -> float:
    """The a-priori weight used to order candidates of one name."""
    p = math.log10(max(int(population or 0), 0) + 1)
    code = feature_code or ""
    if code.startswith("PCL") or code == "CONT":
        return p + 1.0
    if code == "ADM1":
        return p - 1.5  # below its eponymous seat town, above hamlets of the same name
    if code == "PPLC":
        p += 0.5
    if source.startswith("user"):
        p = max(p, 4.0)  # user sites were added on purpose
    elif feature_class not in ("P", "A"):
        p -= 0.5
    return p
