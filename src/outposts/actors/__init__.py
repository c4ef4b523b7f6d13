"""Actors: the ACLED-style actor dictionary and its matcher.

    d = ActorDictionary.load()
    [m.actor.name for m in d.match("Russian forces and ISIS fighters", on=date(2020, 12, 18))]
    # -> ['Military Forces of Russia (2000-)', 'Islamic State ({country})']
    fill_country(actor, "Syria")   # "Islamic State ({country})" -> "Islamic State (Syria)"
    inter_for(actor, "SY")         # 8 for a foreign state force, 1 at home
"""

from outposts.actors.dictionary import ActorDictionary, Entry, fill_country, inter_for
from outposts.actors.rules import COUNTRIES, country_iso2, country_name

__all__ = [
    "COUNTRIES",
    "ActorDictionary",
    "Entry",
    "country_iso2",
    "country_name",
    "fill_country",
    "inter_for",
]
