"""How English text names and situates places (used by :mod:`outposts.places.spans`):
words inside place names that are no place of their own, the phrasing around a
name that makes it near, an area or a speaker, and how English writes
transliterated Arabic names (articles, connectors). Word lists are keyed by
:func:`outposts.places.normalize.name_key` where they are used.
"""

import re

# Generic words of place names ("Wadi", "Valley", "al-Sham" of group names): inside a
# longer name they are no place of their own.
GENERIC_WORDS = frozenset("""
wadi tell tal tall jabal jebel jabel jbel valley mount mountain mountains lake river beach
canal bay capital delta union commonwealth independence media island islands sea ocean
desert plain plains hill hills park village town city kabir kebir saghir sharqi gharbi
shamali janubi jadid jadida sham bilad nahr ain ein bir deir kafr tal qasr
republic kingdom federation democratic federal islamic people peoples united principality
emirate sultanate
""".split())
# "Republic of Armenia", "the Kingdom of Saudi Arabia": the state's long form.
STATE_FORM = re.compile(
    r"^(?:(?:Islamic|Democratic|People'?s|Federal|Socialist|Arab|United|Federative|"
    r"Plurinational|Bolivarian|Hashemite|Co-operative)\s+)*"
    r"(?:Republic|Kingdom|Federation|State|Commonwealth|Principality|Sultanate|Emirate|"
    r"Grand Duchy)\s+of\s+(?:the\s+)?(?P<rest>[A-Z].*)$")
# Arabic articles as English text transliterates them ("al-Bukamal", "Deir ez-Zor") ...
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et", "ez",
                      "adh", "ath", "esh"})
# ... and the words that join the parts of a name ("Bani Walid", "Gulf of Aden").
CONNECTORS = ARTICLES | {"de", "del", "la", "le", "bin", "ibn", "bani", "of"}
# Actor names and common capitalised words that happen to be places somewhere.
ACTOR_WORDS = frozenset("""
Hezbollah Hizbollah ISIS ISIL Daesh IS SOHR SAA SDF YPG YPJ PKK HTS PMF PMU NDF CIA FSA SNA
Corps Army Police Military Movement Coalition Government Ministry Observatory News Reuters SANA
Taliban Hamas Qaeda al-Qaeda Nusra al-Nusra Jabhat Wagner Houthi Houthis Ansar Brigade Brigades
Division Regiment Battalion Forces Force Guard Guards Council Front State Party Command
Putin Biden Trump Obama Erdogan Assad Assads Bashar Merkel Macron Netanyahu Khamenei Lavrov
Soleimani Shoigu Zelensky Bridges Jenny God Allah Islam Muslim Christian Jews Sunni Shia
Minister President Prime General Colonel Commander Spokesman Governor Mayor Sheikh Emir
""".split())
# Bare compass/region words ("Southern Idlib", "West of Kirkuk") are no places of their
# own, though GeoNames has first-level subdivisions called "South", "West", "Southern"...
DIRECTION_WORDS = frozenset("""
North South East West Northern Southern Eastern Western Central Northeast Northwest Southeast
Southwest Northeastern Northwestern Southeastern Southwestern Upper Lower Middle Inner Outer
""".split())
# A facility named after its town ("Baghdad International Airport"): when the whole
# name is unknown, the town inside it locates the mention (precision 2, in/near it).
FACILITY_WORDS = frozenset("""
airport airbase airfield base market bazaar souk square bridge hospital university prison
jail camp stadium mosque church station port harbour harbor dam crossing checkpoint street
road highway refinery oilfield compound palace hotel school neighbourhood neighborhood
quarter district roundabout garrison barracks academy
""".split())
# Words of a facility's name around its town, besides the two lists above.
FILLER_EXTRA = ("international", "military", "civil", "main", "grand", "old", "city", "the", "of")
# A leading article dropped from a name; a possessive ending too.
TRIM_HEAD = re.compile(r"^(?:the|The|THE)\s+")
POSSESSIVES = ("'s", "’s")
# An admin word after a name ("Idlib province"); the first four make it the area itself.
ADMIN_TAIL = re.compile(r"\s+(countryside|province|governorate|region|district|area|"
                         r"city|town|village|border|crossing|desert|local government(?: area)?|"
                         r"lga|township|county|department|municipality|sub-?district|territory)$",
                        re.IGNORECASE)
ADMIN_AREA_WORDS = frozenset({"countryside", "province", "governorate", "region"})
ADMIN_CUE = re.compile(r"^\W{0,2}\s*(countryside|province|governorate|region|gov\.)\b", re.I)
# Words before a name that put the place near it, not at it.
NEAR_CUE = re.compile(
    r"(?:\bnear(?:by)?|\bclose to|\boutskirts of|\baround|\bvicinity of|\boutside(?: of)?|"
    r"\b(?:km|kms|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:from|of)|\bcountryside of|"
    r"\benvirons of|\bsurroundings of|\bperiphery of|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:outskirts\s+)?of)"
    r"(?:\s+(?:the\s+)?(?:town|city|village|area|outskirts|vicinity)\s+of)?\s+(?:the\s+)?$",
    re.IGNORECASE)
# Words before a name that make it a region of the area ("southern Idlib").
REGION_CUE = re.compile(r"\b(?:southern|northern|eastern|western|central|rural|"
                         r"(?:north|south)-?(?:east|west)ern)\s+$", re.IGNORECASE)
# "southern Lebanon": the first-level area of the country named by the direction (its
# GeoNames name without the type word: "South" Governorate), where the country has one.
DIRECTION_AREAS = {"southern": ("South", "Southern"), "northern": ("North", "Northern"),
                   "eastern": ("East", "Eastern"), "western": ("West", "Western"),
                   "central": ("Centre", "Center", "Central"),
                   "north-western": ("North-West", "Northwest"), "northwestern": ("North-West", "Northwest"),
                   "south-western": ("South-West", "Southwest"), "southwestern": ("South-West", "Southwest"),
                   "north-eastern": ("North-East", "Northeast"), "northeastern": ("North-East", "Northeast"),
                   "south-eastern": ("South-East", "Southeast"), "southeastern": ("South-East", "Southeast")}
# Words around a name that make it a place ("the village of X", "in X", "X countryside"):
# an organisation- or person-tagged name that the gazetteer knows in the document's
# countries is kept as a place on such words, whatever the town's size.
PLACE_BEFORE = re.compile(r"(?:\b(?:villages?|towns?|city|cities|areas?|outskirts|countryside|"
                          r"vicinity|district|province|neighbou?rhood)\s+of|\b(?:in|at|near|into|from|toward|"
                          r"towards)|\b(?:village|town|city)\s+(?:of\s+)?)\s+(?:the\s+)?$", re.IGNORECASE)
PLACE_AFTER = re.compile(r"^(?:['’]s)?\s+(?:village|town|city|countryside|outskirts|area|district|"
                         r"sub-?district|province|governorate|region|neighbou?rhood)\b", re.IGNORECASE)
# Titles that are actor words but also begin place names ("Al-Sheikh Issa", "Sheikh Maqsoud",
# "Sayyida Zeinab", "Nabi Yunis"): no bar to a listed name being a village.
PLACE_NAME_TITLES = frozenset({"sheikh", "shaikh", "shaykh", "sayyida", "sayyidah", "imam", "nabi", "mar"})
# What goes on after the names of a list ("Harbel, Al-Sheikh Issa and the outskirts of ..."):
# the run is a list even if its own separators are commas only.
LIST_MORE = re.compile(r"[ \t]*,?[ \t]*(?:and|or|as[ \t]+well[ \t]+as)\b", re.IGNORECASE)
# Words that say the name is a village ("the village of X", "X village"): a person- or
# organisation-tagged name the gazetteer lacks is then a village of its own.
VILLAGE_BEFORE = re.compile(r"\b(?:villages?|towns?|hamlets?)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
VILLAGE_AFTER = re.compile(r"\s+(?:village|hamlet)\b", re.IGNORECASE)
# Words after a name that put the place around it.
TAIL_NEAR = re.compile(r"^\W{0,2}\s*(outskirts|environs|vicinity|area)\b", re.I)
# "<name> air base", "<name> border crossing": a site filed under the longer name.
SITE_TAIL = re.compile(
    r"[ \t]+(?:international[ \t]+)?(?:military[ \t]+)?"
    r"(?:air[ \t]*base|air[ \t]*field|airport|airstrip|base|garrison|camp|dam|"
    r"(?:border[ \t]+)?(?:crossing|gate|post)|(?:oil|gas)[ \t]*field)\b", re.IGNORECASE)
# A name followed by a speech verb is a person speaking.
SPEAKER = re.compile(r"^[’']?s?\s+(?:said|says|told|tweeted|wrote|added|explained|argued|"
                      r"insisted|recalled|noted|replied|stated|continued|concluded)\b")
# A capital followed by a verb of speech, mind or policy stands for its government
# ("Washington considers", "Moscow has warned", "Tehran denied"): no place of the text.
METONYM_AFTER = re.compile(
    r"^[’']?\s+(?:has\s+|have\s+|had\s+|is\s+|was\s+|would\s+|will\s+)?(?:also\s+|long\s+|repeatedly\s+)?"
    r"(?:said|says|say|told|tells|considers?|considered|considering|believes?|believed|wants?|wanted|"
    r"warned|warns?|accused|accuses|announced|announces|insists?|insisted|denied|denies|deny|"
    r"condemned|condemns?|claims?|claimed|threatened|threatens|demanded|demands?|urged|urges?|"
    r"hopes?|hoped|fears?|feared|blamed|blames?|views?|viewed|rejected|rejects?|responded|"
    r"retaliated|agreed|agrees|refused|refuses|sought|seeks?|seeking|pushed|pushes|pushing|"
    r"pressed|presses|pressing|backed|backs|supports?|supported|opposes|opposed|weighs|weighing|"
    r"insisting|signalled|signaled|vowed|vows)\b")
# ... unless a preposition puts it as a place ("an official in Washington said").
METONYM_NOT_BEFORE = re.compile(r"\b(?:in|at|from|near|to|of|outside|around|inside|into)\s+$", re.IGNORECASE)
# Possessive tokens: an entity "Hakkari's Semdinli" is two names.
POSSESSIVES = frozenset({"'s", "’s"})
# What separates the names of a list.
LIST_SEP = re.compile(r",?\s+(?:and|or|&)\s+$|,\s*$")
# The next name of a list of places ("..., Sfuhen, Al-Bara, Arnabah in Jabal al-Zawiya"):
# a separator, then one or two capitalised words (an Arabic article joined by a hyphen).
LIST_ITEM_NEXT = re.compile(r"(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?:the[ \t]+)?"
                            r"(?P<name>(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)[-‐][ \t]?)?[A-Z][\w'’]+"
                            r"(?:[ \t-](?:(?:al|el)-)?[A-Z][\w'’]+)?)(?=[ \t,.;:)]|$)")
# What may follow a list of villages to name the area they lie in ("... in Jabal al-Zawiya",
# "... in the eastern countryside of Idlib"): then the list is one of places.
LIST_AREA_GAP = re.compile(r"^[ \t]+(?:villages?[ \t]+|towns?[ \t]+)?(?:in|near|of)[ \t]+(?:the[ \t]+)?"
                           r"(?:[a-z]+[ \t]+){0,3}(?:of[ \t]+)?$")
# "U.S.-led", "London-based": a place adjective, not a place.
ADJECTIVAL = re.compile(r"^-(?:led|backed|based|born|funded|sponsored|supported|made|allied|"
                         r"aligned|linked|affiliated|run|held|controlled|trained|armed)\b", re.I)
# A nationality that names the forces acting ("Turkish and Russian forces", "Israeli
# warplanes"): whose forces they are, no evidence of where the report is about.
FORCE_AFTER = re.compile(
    r"(?:[ \t]+(?:and[ \t]+|or[ \t]+)?[A-Z][\w-]+)*[ \t]+(?:(?:armed|military|special|air|naval)[ \t]+)?"
    r"(?:forces?|troops|jets?|warplanes?|aircraft|drones?|patrols?|missiles?|air[ \t]*strikes?|"
    r"helicopters?|gunships?|contingent)\b")
# (a state's own "government forces", "security forces", "army" or "police" mostly act at
# home: they stay evidence of the report's country)
# The last word of a group's name ("Moro National Liberation Front", "Sinjar Resistance
# Units"): the place names inside such a name name no place of the text.
GROUP_HEADS = frozenset({"front", "army", "movement", "party", "forces", "force", "brigade", "brigades",
                         "units", "unit", "council", "union", "league", "alliance", "coalition",
                         "militia", "militias", "battalion", "battalions", "regiment", "division", "corps",
                         "committee", "organisation", "organization", "guard", "guards", "mobilization",
                         "mobilisation", "fighters", "mujahideen", "jihad", "group"})
# "English-speaking regions", "French speakers": a language, no country.
LANGUAGE_AFTER = re.compile(r"^(?:-|\s)(?:speaking|speakers?)\b", re.I)
# The "Abu" syllable that starts Arabic names ("Abu Kamal").
NAME_STARTERS = frozenset({"abu"})
# In a sentence parsed for entities only (no part-of-speech tags), a capitalised word is
# looked up as a place only after one of these ("the township of X", "fled to X").
UNTAGGED_PLACE_BEFORE = frozenset({"of", "in", "near", "at", "from", "to", "outside", "around",
                                   "toward", "towards", "into"})

# -- country names (the tables themselves are facts, in outposts.places.countries) --
# An article a country name may carry ("the United States").
COUNTRY_ARTICLES = ("the ", "The ")
# Endings dropped to find a demonym: possessive and plurals ("Iraqi's", "Syrians").
DEMONYM_ENDINGS = ("'s", "s", "es")
# Country aliases that are also words ("us", "uk"): only as written in capitals.
ALIAS_WORDS = frozenset({"us", "uk"})

# A news outlet's name where it stands as a source, never a place: "Saba news agency",
# "the Fars agency", "according to Al Mayadeen".
AGENCY_AFTER = re.compile(r"(?:['’]s)?\s+news\s+(?:agency|network|channel|website)\b|"
                          r"^(?:[ \t-]+[A-Z][a-z]+){0,2}[ \t-]+(?:Herald|Times|Post|Tribune|Gazette|Journal|Star|Free\s+Press|"
                          r"Chronicle|Observer|Telegraph|Guardian|Courier|Standard|Inquirer|Examiner|"
                          r"Morning\s+Herald)\b")
# (the second branch: "The Sydney Morning Herald", "The Kathmandu Post": a newspaper's name,
# capitalised, case-sensitive)
OUTLET_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:news|agency|channel|tv|television|radio|newspaper|daily|broadcaster|"
    r"website|outlet|network|satellite\s+channel)\b", re.I)
ACCORDING_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)
