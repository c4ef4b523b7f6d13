"""Boundary rules of the taxonomy that need the actors, not just the verb.

- Violence against civilians needs civilian victims: a "kill"/"attack" whose
  other side is an armed group is a battle (Armed clash).
- An armed "attack" on civilians is an Attack, not a clash.
- Territory taken by fighting: state forces regain, anyone else overtakes;
  "captured" with people rather than a place as object is an arrest.
- An abduction in which people are killed is an Attack.

The words (who is armed, who is a crowd, what is goods) are the language
pack's ``typing_rules`` section, handed in as ``w``.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from .roles import Sides
from .triggers import Hit

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

ARMED = frozenset({1, 2, 3, 4, 8})


def normalize_sides(sub_type: str, sides: Sides) -> Sides:
    """Civilians are never the side that acts: they move to the other side."""
    a1, a2 = sides.actor1, sides.actor2
    if a1 is not None and a1.actor.inter == 7:
        if a2 is None:
            return Sides(None, a1, [], sides.assoc1)
        return Sides(a2, a1, sides.assoc2, sides.assoc1)
    return sides


def _from_the_air(hit: Hit, w: ModuleType) -> bool:
    """The trigger's own words, its doer or its instrument name a weapon from the air:
    "a drone attack", "warplanes hit the house", "targeting a vehicle with a drone"."""
    head = hit.head
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and verb.dep_ in (
            "dobj", "pobj", "prep", "nsubj", "nsubjpass", "compound", "conj"):
        verb = verb.head
    words = [t for t in head.subtree if t.i <= head.i]  # "Israeli drone attack", not "... on a drone base"
    clauses = [verb] + [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"]
    for clause in clauses:  # "continued its attacks ..., targeting a vehicle with a drone"
        for child in clause.children:
            if (child.dep_ in ("nsubj", "nsubjpass", "agent") and clause is verb) or (
                    child.dep_ == "prep" and child.lower_ in w.INSTRUMENT_PREPS):
                words.extend(child.subtree)
    lemmas = [t.lemma_.lower() for t in words]
    if any(lm in w.AERIAL_LEMMAS for lm in lemmas):
        return True
    return any((a, b) == pair for a, b in zip(lemmas, lemmas[1:]) for pair in w.AERIAL_COMPOUNDS)


def _armed_victim(hit: Hit, w: ModuleType) -> bool:
    """The words naming who was attacked describe a combatant or a military target."""
    words = w.ARMED_VICTIM_WORDS
    return any(t.lemma_.lower() in words or t.lower_ in words
               for target in _targets(hit, w) for t in target.subtree)


def _off_duty(hit: Hit, sent: "Span", w: ModuleType) -> bool:
    """Security personnel off duty or out of service are civilians when attacked:
    "killed an off-duty policeman", "a retired officer was shot"."""
    if w.OFF_DUTY.search(sent.text):
        return True
    return any(t.lower_ in w.OUT_OF_SERVICE for target in _targets(hit, w) for t in target.subtree
               if t.dep_ in ("amod", "compound", "advmod"))


def _targets(hit: Hit, w: ModuleType) -> list:
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
            elif child.dep_ == "prep" and child.lower_ in w.TARGET_PREPS:
                # "on 6 May", "at night": when, not whom
                out.extend(c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME"))
    return out


def _unarmed_target(hit: Hit, w: ModuleType) -> bool:
    """An attack aimed at people or places with no word of a combatant or a
    military target: "attacked two men", "an attack on the village"."""
    targets = _targets(hit, w)
    if not targets:
        return False
    armed = w.ARMED_WORDS
    return not any(t.lemma_.lower() in armed or t.lower_ in armed
                   for target in targets for t in target.subtree)


def _of_phrase(tok, w: ModuleType):
    """The objects of the "of" phrase of ``tok`` ("a group of residents" -> "residents")."""
    return [c for p in tok.children if p.dep_ == "prep" and p.lower_ == w.OF
            for c in p.children if c.dep_ == "pobj"]


def _crowd_words(tok, w: ModuleType) -> bool:
    """A noun phrase (by its head) that names a crowd: "villagers", "a group of
    residents", "angry locals"; never one that names arms."""
    head = tok
    if head.lemma_.lower() in w.GROUP_NOUNS:
        inner = _of_phrase(head, w)
        if inner:
            head = inner[0]
    words = {t.lemma_.lower() for t in tok.subtree} | {t.lower_ for t in tok.subtree}
    if words & w.CROWD_ARMED or words & w.ARMED_WORDS:
        return False
    return head.lemma_.lower() in w.CROWD_NOUNS or head.lower_ in w.CROWD_NOUNS


def _agents(hit: Hit, w: ModuleType) -> list:
    """Heads of the noun phrases that did the act: the subject (or the "by"
    phrase of a passive), "clashes between X and Y", subjects shared through
    "and"; a verb with no subject of its own takes that of the verb it hangs from."""
    verb = hit.head
    for _ in range(3):
        found = []
        for c in verb.children:
            if c.dep_ == "nsubj":
                found.append(c)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in w.BETWEEN_PREPS):
                found.extend(g for g in c.children if g.dep_ == "pobj")
        if found:
            return found + [g for f in found for g in f.conjuncts]
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    return []


def _crowd_agent(hit: Hit, w: ModuleType) -> bool:
    agents = _agents(hit, w)
    return bool(agents) and _crowd_words(agents[0], w)


def phrase_head(tok):
    """"grenade launchers": the noun the modifiers hang from."""
    for _ in range(3):
        if tok.dep_ not in ("compound", "amod", "nummod") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def with_small_arms(weapon, w: ModuleType) -> bool:
    """The weapon is listed with guns or small arms ("mortars and small arms")."""
    for other in phrase_head(weapon).conjuncts:
        low = other.lemma_.lower()
        mods = {c.lower_ for c in other.children}
        if low in w.SMALL_ARMS or not mods.isdisjoint(w.SMALL_ARMS_MODIFIED.get(low, ())):
            return True
    return False


def _armed_sentence(sent, w: ModuleType) -> bool:
    """The sentence names arms, armed men or a death toll (the marks of a battle)."""
    doc = sent.doc
    arms, armed, plural = w.ARMS_WORDS, w.ARMED_WORDS, w.PLURAL_ENDING
    after = doc[sent.end:min(len(doc), sent.end + ARMS_LOOKAHEAD)]  # "The two sides exchanged fire."
    for toks in (sent, after):
        for t in toks:
            low, lemma = t.lower_, t.lemma_.lower()
            if low in arms or lemma in arms or low in armed or lemma in armed \
                    or low.rstrip(plural) in arms or low.rstrip(plural) in armed:
                return True
            if len(t.text) > 1 and t.text.isupper() and t.is_alpha:
                return True  # an acronym: most often a group the dictionary lacks
    return False


ARMS_LOOKAHEAD = 40  # tokens after the sentence read for the arms of its fight


def _armed_mover(hit: Hit, w: ModuleType) -> bool:
    """The one that moves is named as troops or armed men ("soldiers", "tribal
    fighters", "gendarmerie forces"), never as attackers of another event."""
    agents = _agents(hit, w)
    if not agents and hit.head.pos_ in ("NOUN", "PROPN") and hit.head.head.i != hit.head.i:
        agents = [c for c in hit.head.head.children if c.dep_ == "nsubj"]  # "deployed reinforcements"
    for agent in agents:
        words = {t.lemma_.lower() for t in agent.subtree} | {t.lower_ for t in agent.subtree}
        if words & w.ARMED_WORDS and not words & w.NOT_MOVERS:
            return True
    return False


def _bomber_stopped(hit: Hit, w: ModuleType) -> bool:
    """The bomber is the one killed or caught ("killed one of the suicide
    bombers"), not the one who blew himself up."""
    tok = hit.head
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    start = hit.tokens[0].i
    before = tok.doc[max(tok.sent.start, start - 4):start]
    if any(t.tag_.startswith("VB") and t.lemma_.lower() in w.STOPPING_VERBS for t in before):
        return True  # "killed two IS suicide bombers", whatever the parse made of it
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        dep, tok = tok.dep_, tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return dep in ("dobj", "nsubjpass", "pobj") and tok.lemma_.lower() in w.STOPPING_VERBS
    return False


def _killed_in_a_raid(hit: Hit, w: ModuleType) -> bool:
    """A passive kill with no agent, inside a raid by state forces: the raided
    one is the victim, and the forces the ones who killed."""
    head = hit.head
    victims = [c for c in head.children if c.dep_ == "nsubjpass"]
    armed = w.ARMED_VICTIM_WORDS
    if _agents(hit, w) or not victims or any(
            t.lemma_.lower() in armed or t.lower_ in armed for v in victims for t in v.subtree):
        return False
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in w.RAID_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in w.RAIDS and any(
                        c.lower_ in w.STATE_WORDS for c in obj.children if c.dep_ in ("compound", "amod")):
                    return True
    return False


def _inter(side) -> int:
    return side.actor.inter if side is not None else 0


def refine(hit: Hit, sides: Sides, sent: "Span", w: ModuleType, deaths: int = 0) -> str | None:
    """The sub-event type of ``hit`` once its sides are known (None: no event),
    by the words of ``w`` (a pack's ``typing_rules`` section); ``deaths`` is the
    lowest death count of the sentence."""
    sub = _refine(hit, sides, sent, w)
    if sub == "Abduction/forced disappearance" and deaths > 0:
        return "Attack"  # people killed as they were seized: an attack, as ACLED codes it
    return sub


def _refine(hit: Hit, sides: Sides, sent: "Span", w: ModuleType) -> str | None:
    sub = hit.trigger.type
    frame = hit.trigger.frame
    other = _inter(sides.actor2)
    lemma = hit.head.lemma_.lower()
    if sub in ("Attack", "Armed clash", "Shelling/artillery/missile attack") and _from_the_air(hit, w):
        return "Air/drone strike"  # "targeting a car with a drone", "Israeli warplanes hit a house"
    if sub in ("Armed clash", "Attack") and any(c.lower_ in w.ARSON for c in hit.head.children) \
            and not _armed_sentence_deaths(sent, w):
        return "Looting/property destruction"  # "an arson attack targeting a factory": property set on fire
    if sub == "Suicide bomb" and _bomber_stopped(hit, w):
        return None  # "troops killed two suicide bombers": no bomb went off; the fight is the event
    if sub in ("Shelling/artillery/missile attack", "Grenade") and with_small_arms(hit.head, w):
        return "Armed clash"  # "fired mortars, machine guns and small arms at": direct fire, a fight
    if sub in ("Attack", "Armed clash") and frame in ("attack", "clash") and _crowd_agent(hit, w):
        return "Mob violence"  # "villagers beat a suspected thief", "students fought with police"
    if sub == "Armed clash" and frame == "clash" and sides.actor1 is None and other in (0, 5, 6, 7) \
            and lemma not in w.ASSAULT_LEMMAS and not _armed_sentence(sent, w):
        return "Mob violence"  # "members of two parties clashed", "a farmer and herders fought": no arms, no armed group
    if sub == "Attack" and _killed_in_a_raid(hit, w):
        return sub  # "a drug suspect was killed during a police raid": the forces raided, the suspect died
    if sub == "Attack" and lemma in w.EXECUTION_LEMMAS:
        return sub  # an execution kills a captive: violence against civilians whoever he fought for
    if sub in ("Attack", "Abduction/forced disappearance") and (
            other in ARMED or (other == 0 and _armed_victim(hit, w))) and not _off_duty(hit, sent, w):
        return "Armed clash"  # violence against civilians needs civilian victims
    if sub == "Armed clash" and frame == "clash" and lemma in w.ASSAULT_LEMMAS and (
            other == 7 or (other == 0 and _unarmed_target(hit, w))
            or (other in (0, 1) and _off_duty(hit, sent, w))):
        return "Attack"  # "gunmen attacked two men", "raiders attacked a cattle camp"
    if sub == "Arrests" and sides.actor1 is not None and _inter(sides.actor1) not in (1, 8):
        return "Abduction/forced disappearance"  # non-state "arrests" are abductions in ACLED's terms
    if sub == "Change to group/activity":
        mover = sides.actor1.actor.name if sides.actor1 is not None else ""
        if not mover or mover.startswith(("Unidentified", "Civilians", "Protesters")):
            if not mover.startswith(("Civilians", "Protesters")) and (
                    _armed_mover(hit, w) or hit.phrase in w.ORGANISATIONAL):
                return sub  # "tribal fighters deployed reinforcements": an armed group the dictionary lacks
            return None  # "the attackers arrived": a step of another event, not a group's move
    if frame == "capture":
        if _seizes_goods(hit, w):
            return "Looting/property destruction"  # "seized livestock", "seized three tons of marijuana"
        if _captures_people(hit, sides, w):
            return "Arrests" if _inter(sides.actor1) in (1, 8) else "Abduction/forced disappearance"
        actor = _inter(sides.actor1)
        if actor == 1:
            return "Government regains territory"
        if actor:
            return "Non-state actor overtakes territory"
    return sub


def _captures_people(hit: Hit, sides: Sides, w: ModuleType) -> bool:
    """ "captured three IS members" / "seized two aid workers": people, not a place."""
    head = hit.head
    if head.lemma_.lower() not in w.CAPTURE_LEMMAS:
        return False
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in w.TERRITORY_NOUNS for c in head.children):
        return False  # "killed 12 soldiers and captured a military base": ground, whoever was killed
    other = sides.actor2
    people, plural = w.PEOPLE_NOUNS, w.PLURAL_ENDING
    if other is not None and (other.actor.inter == 7 or any(
            word.lower().rstrip(plural) in people or word.lower() in people for word in other.text.split())):
        return True
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            if child.ent_type_ in ("GPE", "LOC", "FAC"):
                return False
            if child.ent_type_ == "PERSON" or child.like_num or child.lemma_.lower() in people:
                return True
    return False


def _seizes_goods(hit: Hit, w: ModuleType) -> bool:
    """ "seized a number of diesel tankers", "weapons were captured", "equipment which
    was captured": the object of the seizure is goods."""
    head = hit.head
    if head.lemma_.lower() not in w.SEIZE_LEMMAS:
        return False
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if head.dep_ == "relcl" and any(c.dep_ == "nsubjpass" for c in head.children):
        objects.append(head.head)  # "equipment which was captured"
    for child in objects:
        obj = child
        if obj.lemma_.lower() in w.QUANTITY_NOUNS or obj.like_num:
            inner = _of_phrase(obj, w)
            obj = inner[0] if inner else obj
        if obj.lemma_.lower() in w.GOODS or obj.lower_ in w.GOODS:
            return True
    return False


def _armed_sentence_deaths(sent, w: ModuleType) -> bool:
    """The sentence tells of people killed or wounded."""
    return any(t.lemma_.lower() in w.HARM_LEMMAS for t in sent)
