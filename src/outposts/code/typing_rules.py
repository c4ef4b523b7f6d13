"""Boundary rules of the taxonomy that need the actors, not just the verb.

- Violence against civilians needs civilian victims: a "kill"/"attack" whose
  other side is an armed group is a battle (Armed clash).
- An armed "attack" on civilians is an Attack, not a clash.
- Territory taken by fighting: state forces regain, anyone else overtakes;
  "captured" with people rather than a place as object is an arrest.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .roles import Sides
from .triggers import Hit

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

ARMED = frozenset({1, 2, 3, 4, 8})
PEOPLE_NOUNS = frozenset({
    "member", "militant", "fighter", "suspect", "soldier", "officer", "leader", "commander",
    "operative", "man", "men", "person", "people", "civilian", "gunman", "jihadist", "cell",
    "smuggler", "terrorist", "insurgent", "recruit", "emir", "official", "worker", "journalist",
    "activist", "student", "teacher", "doctor", "child", "woman", "resident", "shepherd", "farmer",
    "villager", "youth", "relative", "defector", "deserter", "soldier", "policeman", "guard",
})


def normalize_sides(sub_type: str, sides: Sides) -> Sides:
    """Civilians are never the side that acts: they move to the other side."""
    a1, a2 = sides.actor1, sides.actor2
    if a1 is not None and a1.actor.inter == 7:
        if a2 is None:
            return Sides(None, a1, [], sides.assoc1)
        return Sides(a2, a1, sides.assoc2, sides.assoc1)
    return sides


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


def _armed_victim(hit: Hit) -> bool:
    """The words naming who was attacked describe a combatant or a military target."""
    return any(w.lemma_.lower() in ARMED_VICTIM_WORDS or w.lower_ in ARMED_VICTIM_WORDS
               for t in _targets(hit) for w in t.subtree)


OFF_DUTY = re.compile(r"\boff[- ]duty\b", re.I)
OUT_OF_SERVICE = frozenset({"former", "retired", "ex"})


def _off_duty(hit: Hit, sent: "Span") -> bool:
    """Security personnel off duty or out of service are civilians when attacked:
    "killed an off-duty policeman", "a retired officer was shot"."""
    if OFF_DUTY.search(sent.text):
        return True
    return any(w.lower_ in OUT_OF_SERVICE for t in _targets(hit) for w in t.subtree
               if w.dep_ in ("amod", "compound", "advmod"))


def _targets(hit: Hit) -> list:
    """The noun phrases naming who or what the trigger was aimed at; verbs joined
    by "and" share them: "were shot and killed", "shot and killed a guard"."""
    verbs = [hit.head]
    if hit.head.dep_ == "conj" and hit.head.head.pos_ in ("VERB", "AUX"):
        verbs.append(hit.head.head)
    verbs.extend(c for c in hit.head.children if c.dep_ == "conj" and c.pos_ == "VERB")
    out = []
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("on", "at", "against", "targeting"):
                # "on 6 May", "at night": when, not whom
                out.extend(c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME"))
    return out


def _unarmed_target(hit: Hit) -> bool:
    """An attack aimed at people or places with no word of a combatant or a
    military target: "attacked two men", "an attack on the village"."""
    targets = _targets(hit)
    if not targets:
        return False
    return not any(w.lemma_.lower() in ARMED_WORDS or w.lower_ in ARMED_WORDS
                   for t in targets for w in t.subtree)


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


def _crowd_words(tok) -> bool:
    """A noun phrase (by its head) that names a crowd: "villagers", "a group of
    residents", "angry locals"; never one that names arms."""
    head = tok
    if head.lemma_.lower() in ("group", "gang", "band", "number", "dozen", "hundred", "crowd"):
        inner = [c for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                 for c in p.children if c.dep_ == "pobj"]
        if inner:
            head = inner[0]
    words = {w.lemma_.lower() for w in tok.subtree} | {w.lower_ for w in tok.subtree}
    if words & CROWD_ARMED or words & ARMED_WORDS:
        return False
    return head.lemma_.lower() in CROWD_NOUNS or head.lower_ in CROWD_NOUNS


def _agents(hit: Hit) -> list:
    """Heads of the noun phrases that did the act: the subject (or the "by"
    phrase of a passive), "clashes between X and Y", subjects shared through
    "and"; a verb with no subject of its own takes that of the verb it hangs from."""
    verb = hit.head
    for _ in range(3):
        found = []
        for c in verb.children:
            if c.dep_ == "nsubj":
                found.append(c)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("between", "among")):
                found.extend(g for g in c.children if g.dep_ == "pobj")
        if found:
            return found + [g for f in found for g in f.conjuncts]
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    return []


def _crowd_agent(hit: Hit) -> bool:
    agents = _agents(hit)
    return bool(agents) and _crowd_words(agents[0])


SMALL_ARMS = frozenset({"firearm", "kalashnikov", "pistol", "handgun"})  # and "small arms", "assault rifles"


def phrase_head(tok):
    """"grenade launchers": the noun the modifiers hang from."""
    for _ in range(3):
        if tok.dep_ not in ("compound", "amod", "nummod") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def with_small_arms(weapon) -> bool:
    """The weapon is listed with guns or small arms ("mortars and small arms")."""
    for other in phrase_head(weapon).conjuncts:
        low = other.lemma_.lower()
        mods = {c.lower_ for c in other.children}
        if low in SMALL_ARMS or (low in ("arm", "arms") and "small" in mods) or (
                low == "rifle" and mods & {"assault", "automatic", "sniper"}):
            return True
    return False


# Words that put arms or an armed group into a fight.
ARMS_WORDS = frozenset({
    "gun", "gunman", "gunfire", "gunshot", "shoot", "shot", "shooting", "fire", "firing", "firefight",
    "armed", "weapon", "rifle", "bullet", "ammunition", "mortar", "rpg", "grenade", "explosive",
    "militant", "militia", "militiaman", "bandit", "insurgent", "jihadist", "terrorist", "rebel",
    "assailant", "attacker", "fighter", "gang", "cult", "cultist", "kill", "dead", "killed",
    "faction", "clan", "criminal", "rocket", "machete", "firearm", "battle", "cartel", "exchange",
})


def _armed_sentence(sent) -> bool:
    """The sentence names arms, armed men or a death toll (the marks of a battle)."""
    doc = sent.doc
    after = doc[sent.end:min(len(doc), sent.end + ARMS_LOOKAHEAD)]  # "The two sides exchanged fire."
    for toks in (sent, after):
        for t in toks:
            low, lemma = t.lower_, t.lemma_.lower()
            if low in ARMS_WORDS or lemma in ARMS_WORDS or low in ARMED_WORDS or lemma in ARMED_WORDS \
                    or low.rstrip("s") in ARMS_WORDS or low.rstrip("s") in ARMED_WORDS:
                return True
            if len(t.text) > 1 and t.text.isupper() and t.is_alpha:
                return True  # an acronym: most often a group the dictionary lacks
    return False


ARMS_LOOKAHEAD = 40  # tokens after the sentence read for the arms of its fight


def _armed_mover(hit: Hit) -> bool:
    """The one that moves is named as troops or armed men ("soldiers", "tribal
    fighters", "gendarmerie forces"), never as attackers of another event."""
    agents = _agents(hit)
    if not agents and hit.head.pos_ in ("NOUN", "PROPN") and hit.head.head.i != hit.head.i:
        agents = [c for c in hit.head.head.children if c.dep_ == "nsubj"]  # "deployed reinforcements"
    for agent in agents:
        words = {w.lemma_.lower() for w in agent.subtree} | {w.lower_ for w in agent.subtree}
        if words & ARMED_WORDS and not words & {"attacker", "assailant", "gunman", "unknown", "unidentified"}:
            return True
    return False


# Changes a group makes to itself, never a step of another event: the one that
# makes them is a group even where the dictionary lacks it.
ORGANISATIONAL = frozenset({
    "end affiliation", "end its affiliation", "leave operation room", "withdraw from operation room",
    "join operation room", "pledge allegiance", "merge", "split from", "announce formation",
    "announce its formation", "announce their formation",
})


STOPPING_VERBS = frozenset({"kill", "arrest", "capture", "detain", "neutralize", "neutralise", "shoot",
                            "apprehend", "intercept", "thwart", "foil", "stop"})


def _bomber_stopped(hit: Hit) -> bool:
    """The bomber is the one killed or caught ("killed one of the suicide
    bombers"), not the one who blew himself up."""
    tok = hit.head
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    start = hit.tokens[0].i
    before = tok.doc[max(tok.sent.start, start - 4):start]
    if any(t.tag_.startswith("VB") and t.lemma_.lower() in STOPPING_VERBS for t in before):
        return True  # "killed two IS suicide bombers", whatever the parse made of it
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        dep, tok = tok.dep_, tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return dep in ("dobj", "nsubjpass", "pobj") and tok.lemma_.lower() in STOPPING_VERBS
    return False


RAIDS = frozenset({"raid", "operation", "crackdown", "sting"})
STATE_WORDS = frozenset({"police", "military", "army", "security", "anti-drug", "drug", "buy-bust", "government"})


def _killed_in_a_raid(hit: Hit) -> bool:
    """A passive kill with no agent, inside a raid by state forces: the raided
    one is the victim, and the forces the ones who killed."""
    head = hit.head
    victims = [c for c in head.children if c.dep_ == "nsubjpass"]
    if _agents(hit) or not victims or any(
            w.lemma_.lower() in ARMED_VICTIM_WORDS or w.lower_ in ARMED_VICTIM_WORDS for v in victims for w in v.subtree):
        return False
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("during", "in"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in RAIDS and any(
                        c.lower_ in STATE_WORDS for c in obj.children if c.dep_ in ("compound", "amod")):
                    return True
    return False


def _inter(side) -> int:
    return side.actor.inter if side is not None else 0


def refine(hit: Hit, sides: Sides, sent: "Span") -> str | None:
    sub = hit.trigger.type
    frame = hit.trigger.frame
    other = _inter(sides.actor2)
    if sub in ("Armed clash", "Attack") and any(c.lower_ == "arson" for c in hit.head.children) \
            and not _armed_sentence_deaths(sent):
        return "Looting/property destruction"  # "an arson attack targeting a factory": property set on fire
    if sub == "Suicide bomb" and _bomber_stopped(hit):
        return None  # "troops killed two suicide bombers": no bomb went off; the fight is the event
    if sub in ("Shelling/artillery/missile attack", "Grenade") and with_small_arms(hit.head):
        return "Armed clash"  # "fired mortars, machine guns and small arms at": direct fire, a fight
    if sub in ("Attack", "Armed clash") and frame in ("attack", "clash") and _crowd_agent(hit):
        return "Mob violence"  # "villagers beat a suspected thief", "students fought with police"
    if sub == "Armed clash" and frame == "clash" and sides.actor1 is None and other in (0, 5, 6, 7) \
            and hit.head.lemma_.lower() not in ("attack", "assault", "ambush") and not _armed_sentence(sent):
        return "Mob violence"  # "members of two parties clashed", "a farmer and herders fought": no arms, no armed group
    if sub == "Attack" and _killed_in_a_raid(hit):
        return sub  # "a drug suspect was killed during a police raid": the forces raided, the suspect died
    if sub == "Attack" and hit.head.lemma_.lower() in ("execute", "execution"):
        return sub  # an execution kills a captive: violence against civilians whoever he fought for
    if sub in ("Attack", "Abduction/forced disappearance") and (
            other in ARMED or (other == 0 and _armed_victim(hit))) and not _off_duty(hit, sent):
        return "Armed clash"  # violence against civilians needs civilian victims
    if sub == "Armed clash" and frame == "clash" and hit.head.lemma_.lower() in ("attack", "assault", "ambush") and (
            other == 7 or (other == 0 and _unarmed_target(hit)) or (other in (0, 1) and _off_duty(hit, sent))):
        return "Attack"  # "gunmen attacked two men", "raiders attacked a cattle camp"
    if sub == "Arrests" and sides.actor1 is not None and _inter(sides.actor1) not in (1, 8):
        return "Abduction/forced disappearance"  # non-state "arrests" are abductions in ACLED's terms
    if sub == "Change to group/activity":
        mover = sides.actor1.actor.name if sides.actor1 is not None else ""
        if not mover or mover.startswith(("Unidentified", "Civilians", "Protesters")):
            if not mover.startswith(("Civilians", "Protesters")) and (
                    _armed_mover(hit) or hit.phrase in ORGANISATIONAL):
                return sub  # "tribal fighters deployed reinforcements": an armed group the dictionary lacks
            return None  # "the attackers arrived": a step of another event, not a group's move
    if frame == "capture":
        if _seizes_goods(hit):
            return "Looting/property destruction"  # "seized livestock", "seized three tons of marijuana"
        if _captures_people(hit, sides):
            return "Arrests" if _inter(sides.actor1) in (1, 8) else "Abduction/forced disappearance"
        actor = _inter(sides.actor1)
        if actor == 1:
            return "Government regains territory"
        if actor:
            return "Non-state actor overtakes territory"
    return sub


def _captures_people(hit: Hit, sides: Sides) -> bool:
    """ "captured three IS members" / "seized two aid workers": people, not a place."""
    head = hit.head
    if head.lemma_.lower() not in ("capture", "seize"):
        return False
    other = sides.actor2
    if other is not None and (other.actor.inter == 7 or any(
            w.lower().rstrip("s") in PEOPLE_NOUNS or w.lower() in PEOPLE_NOUNS for w in other.text.split())):
        return True
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            if child.ent_type_ in ("GPE", "LOC", "FAC"):
                return False
            if child.ent_type_ == "PERSON" or child.like_num or child.lemma_.lower() in PEOPLE_NOUNS:
                return True
    return False


# Things, not places: seizing them is looting (or, by the state, a seizure of property).
GOODS = frozenset({
    "livestock", "cattle", "cow", "goat", "sheep", "camel", "animal", "vehicle", "car", "truck", "tanker",
    "motorcycle", "phone", "money", "cash", "property", "goods", "crop", "harvest", "plantation",
    "marijuana", "cocaine", "heroin", "drug", "ton", "tonne", "kilogram", "kilo", "food", "fuel", "diesel",
    "equipment", "belonging", "valuables", "shipment", "cargo",
})


def _seizes_goods(hit: Hit) -> bool:
    """ "seized a number of diesel tankers": the object of the seizure is goods."""
    head = hit.head
    if head.lemma_.lower() not in ("seize", "capture", "confiscate", "take"):
        return False
    for child in head.children:
        if child.dep_ != "dobj":
            continue
        obj = child
        if obj.lemma_.lower() in ("number", "quantity", "amount", "lot", "dozen", "hundred") or obj.like_num:
            inner = [c for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                     for c in p.children if c.dep_ == "pobj"]
            obj = inner[0] if inner else obj
        if obj.lemma_.lower() in GOODS or obj.lower_ in GOODS:
            return True
    return False


def _armed_sentence_deaths(sent) -> bool:
    """The sentence tells of people killed or wounded."""
    return any(t.lemma_.lower() in ("kill", "die", "dead", "wound", "injure", "injured") for t in sent)
