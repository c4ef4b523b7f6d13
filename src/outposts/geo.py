"""Distances on the Earth: the one great-circle formula every room uses."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (latitude, longitude) points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def near_box(lat: float, lon: float, km: float) -> tuple[float, float, float | None, float | None]:
    """A latitude/longitude box holding every point within ``km`` of (lat, lon):
    ``(lat_lo, lat_hi, lon_lo, lon_hi)``, the longitude bounds None where the box
    would reach a pole or wrap the antimeridian (then only latitude bounds it)."""
    dlat = km / 111.0 + 0.01
    coslat = math.cos(math.radians(min(89.9, abs(lat) + dlat)))
    dlon = km / (111.0 * coslat) + 0.01 if coslat > 0.01 else 360.0
    if abs(lat) + dlat < 89.9 and lon - dlon > -180 and lon + dlon < 180:
        return lat - dlat, lat + dlat, lon - dlon, lon + dlon
    return lat - dlat, lat + dlat, None, None
