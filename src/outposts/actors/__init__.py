"""Actors: the ACLED-style actor dictionary and its matcher.

    d = ActorDictionary.load()
    [m.actor.name for m in d.match("Russian forces and ISIS fighters", on=date(2020, 12, 18))]
    # -> ['Military Forces of Russia (2000-)', 'Islamic State ({country})']
    fill_country(actor, "Syria")   # "Islamic State ({country})" -> "Islamic State (Syria)"
    inter_for(actor, "SY")         # 8 for a foreign state force, 1 at home
    # generic state forces carry the match date; the country picks the entry:
    # "government forces" -> "Military Forces of {country} ({tenure:2020-12-18})"
    fill_country(actor, "Syria")   # -> "Military Forces of Syria (2000-)", country "SY"
    fill_country(actor, "Iraq", on=date(2019, 1, 1))  # -> "Military Forces of Iraq (2018-)"
    is_associated(actor)           # True for "Teachers ({country})"-style identity tags
"""

from outposts.actors.dictionary import (
    ActorDictionary,
    Entry,
    fill_country,
    inter_for,
    is_associated,
)
from outposts.actors.names import actors_compatible, same_force
from outposts.actors.rules import COUNTRIES, country_iso2, country_name

__all__ = [
    "COUNTRIES",
    "ActorDictionary",
    "Entry",
    "actors_compatible",
    "country_iso2",
    "country_name",
    "fill_country",
    "inter_for",
    "is_associated",
    "same_force",
]
