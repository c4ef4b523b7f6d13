"""English words behind the taxonomy's boundary rules (used by
:mod:`outposts.code.typing_rules`): who is armed, who is a crowd, what is
goods, which verbs stop a bomber. Keys are lemmas or lower-case forms.
"""

import re

# People, not places: "captured three IS members".
PEOPLE_NOUNS = frozenset({
    "member", "militant", "fighter", "suspect", "soldier", "officer", "leader", "commander",
    "operative", "man", "men", "person", "people", "civilian", "gunman", "jihadist", "cell",
    "smuggler", "terrorist", "insurgent", "recruit", "emir", "official", "worker", "journalist",
    "activist", "student", "teacher", "doctor", "child", "woman", "resident", "shepherd", "farmer",
    "villager", "youth", "relative", "defector", "deserter", "soldier", "policeman", "guard",
})

# Words that make a victim a combatant: "a regime's fighter", "a member of the
# state security", "a police checkpoint", "an army patrol".
ARMED_WORDS = frozenset({
    "soldier", "fighter", "officer", "lieutenant", "captain", "colonel", "general", "commander",
    "militiaman", "militant", "policeman", "police", "patrol", "checkpoint", "guard", "recruit",
    "sniper", "troop", "conscript", "personnel", "agent", "position", "post", "base", "convoy",
    "security", "intelligence", "army", "military", "militia", "brigade", "division", "battalion",
    "regiment", "forces", "force", "gendarme", "gendarmerie", "peshmerga", "serviceman", "jihadist",
    "insurgent", "rebel", "combatant", "emir", "cell",
})
# A victim named as one of these belongs to an armed group too (not a crowd word).
ARMED_VICTIM_WORDS = ARMED_WORDS | {"gang", "gangster", "trafficker", "hitman", "separatist",
                                    "guerrilla", "bodyguard"}

# Security personnel off duty or out of service are civilians when attacked.
OFF_DUTY = re.compile(r"\boff[- ]duty\b", re.I)
OUT_OF_SERVICE = frozenset({"former", "retired", "ex"})

# Unorganised people who act as a crowd: their violence outside a demonstration
# is mob violence (lynching, vigilantism, communal fights), not a battle or an
# armed group's attack.
CROWD_NOUNS = frozenset({
    "villager", "local", "resident", "people", "crowd", "mob", "youth", "student", "supporter",
    "prisoner", "inmate", "citizen", "neighbour", "neighbor", "passerby", "bystander", "vigilante",
    "trader", "vendor", "villagers", "locals", "residents", "mourner", "worshipper", "fan",
    "community", "inhabitant", "townspeople", "townsfolk",
})
CROWD_ARMED = frozenset({"armed", "gunman", "militant", "militia", "militiaman", "assailant"})
# Nouns of a number of people ("a group of residents"): the crowd is the "of" phrase.
GROUP_NOUNS = frozenset({"group", "gang", "band", "number", "dozen", "hundred", "crowd"})
# Nouns of a quantity of things ("a number of diesel tankers"): the goods are the "of" phrase.
QUANTITY_NOUNS = frozenset({"number", "quantity", "amount", "lot", "dozen", "hundred"})
# The preposition of such a phrase.
OF = "of"

# Guns and small arms: listed with a remote weapon, they make the fire direct.
SMALL_ARMS = frozenset({"firearm", "kalashnikov", "pistol", "handgun"})  # and "small arms", "assault rifles"
# Lemmas that are small arms with one of these modifiers: "small arms", "assault rifles".
SMALL_ARMS_MODIFIED: dict[str, frozenset[str]] = {
    "arm": frozenset({"small"}), "arms": frozenset({"small"}),
    "rifle": frozenset({"assault", "automatic", "sniper"}),
}

# Words that put arms or an armed group into a fight.
ARMS_WORDS = frozenset({
    "gun", "gunman", "gunfire", "gunshot", "shoot", "shot", "shooting", "fire", "firing", "firefight",
    "armed", "weapon", "rifle", "bullet", "ammunition", "mortar", "rpg", "grenade", "explosive",
    "militant", "militia", "militiaman", "bandit", "insurgent", "jihadist", "terrorist", "rebel",
    "assailant", "attacker", "fighter", "gang", "cult", "cultist", "kill", "dead", "killed",
    "faction", "clan", "criminal", "rocket", "machete", "firearm", "battle", "cartel", "exchange",
})
# A plural ending stripped before looking a word up in the lists above.
PLURAL_ENDING = "s"
# Words of an agent that make it the attacker of another event, not a force that moves.
NOT_MOVERS = frozenset({"attacker", "assailant", "gunman", "unknown", "unidentified"})

# Changes a group makes to itself, never a step of another event: the one that
# makes them is a group even where the dictionary lacks it.
ORGANISATIONAL = frozenset({
    "end affiliation", "end its affiliation", "leave operation room", "withdraw from operation room",
    "join operation room", "pledge allegiance", "merge", "split from", "announce formation",
    "announce its formation", "announce their formation",
})

STOPPING_VERBS = frozenset({"kill", "arrest", "capture", "detain", "neutralize", "neutralise", "shoot",
                            "apprehend", "intercept", "thwart", "foil", "stop"})

RAIDS = frozenset({"raid", "operation", "crackdown", "sting"})
STATE_WORDS = frozenset({"police", "military", "army", "security", "anti-drug", "drug", "buy-bust", "government"})
# "killed during/in a raid"
RAID_PREPS = frozenset({"during", "in"})

# Things, not places: seizing them is looting (or, by the state, a seizure of property).
GOODS = frozenset({
    "livestock", "cattle", "cow", "goat", "sheep", "camel", "animal", "vehicle", "car", "truck", "tanker",
    "motorcycle", "phone", "money", "cash", "property", "goods", "crop", "harvest", "plantation",
    "marijuana", "cocaine", "heroin", "drug", "ton", "tonne", "kilogram", "kilo", "food", "fuel", "diesel",
    "equipment", "belonging", "valuables", "shipment", "cargo",
})

# Prepositions of what an act was aimed at ("on 6 May", "at night" are dates, not targets).
TARGET_PREPS = frozenset({"on", "at", "against", "targeting"})
# Prepositions of the two sides of a fight: "clashes between X and Y".
BETWEEN_PREPS = frozenset({"between", "among"})
# A fire set on purpose: "an arson attack".
ARSON = frozenset({"arson"})
# Trigger lemmas of an assault, which may hit armed or unarmed people.
ASSAULT_LEMMAS = frozenset({"attack", "assault", "ambush"})
# An execution kills a captive.
EXECUTION_LEMMAS = frozenset({"execute", "execution"})
# Verbs that take people or places: "captured three IS members" / "captured the town".
CAPTURE_LEMMAS = frozenset({"capture", "seize"})
# What a capture takes when it takes ground, not people ("captured a military base").
TERRITORY_NOUNS = frozenset({
    "base", "town", "village", "city", "headquarters", "hq", "position", "post", "outpost", "checkpoint",
    "area", "district", "territory", "airport", "airbase", "crossing", "hill", "camp", "garrison",
    "barracks", "stronghold", "neighbourhood", "neighborhood", "locality", "region", "province",
    "county", "township", "road", "highway", "bridge", "dam", "field", "port", "station", "compound",
})
# Verbs that take goods: "seized livestock".
SEIZE_LEMMAS = frozenset({"seize", "capture", "confiscate", "take"})
# Words of people killed or wounded.
HARM_LEMMAS = frozenset({"kill", "die", "dead", "wound", "injure", "injured"})

# Weapons from the air (lemmas): an attack, clash or shelling carried out with one of these,
# or by one ("targeting a car with a drone", "a drone attack", "warplanes hit"), is an
# air/drone strike in the codebook's terms, whoever the target. And the prepositions that
# name the instrument or the doer.
AERIAL_LEMMAS = frozenset({"drone", "airstrike", "warplane", "jet", "helicopter", "gunship", "aircraft",
                           "airplane", "plane", "bomber", "uav", "aerial"})
AERIAL_COMPOUNDS = (("air", "strike"), ("air", "force"), ("air", "raid"))
INSTRUMENT_PREPS = frozenset({"with", "by", "from"})
