"""Words around place names that change what the name stands for (geoparser).

``STREET_WORDS``: a name followed by one of these ("Alameda avenue", "Hamra Street") is a
street or square of some town, not the town the gazetteer files under that name; the
geoparser leaves it unresolved (the event then takes the report's town).
"""

from __future__ import annotations

STREET_WORDS = frozenset("""
avenue ave avenida street st road rd boulevard blvd lane highway motorway expressway
square plaza roundabout alley
""".split())
