"""Places: an offline gazetteer (SQLite, built from packaged GeoNames data) and a
document-level geoparser that resolves place names in spaCy docs.

>>> gaz = Gazetteer.open()                 # builds the cache file on first use
>>> gaz.lookup("al-Bukamal")[0].name
'Ālbū Kamāl'
>>> Geoparser(gaz).parse([(0, None, nlp(text))], countries=["SY"])
"""

from .countries import (CountryInfo, alias_country, country_info, demonym_country,
                        is_demonym)
from .gazetteer import Gazetteer, default_path
from .geoparse import Geoparser, country_code_of
from .importer import import_file
from .normalize import name_key, skeleton_key

__all__ = [
    "CountryInfo", "Gazetteer", "Geoparser", "alias_country", "country_code_of", "country_info",
    "default_path", "demonym_country", "import_file", "is_demonym", "name_key",
    "skeleton_key",
]
