"""Boundary rules of the taxonomy that need the actors, not just the verb.

- Violence against civilians needs civilian victims: a "kill"/"attack" whose
  other side is an armed group is a battle (Armed clash).
- An armed "attack" on civilians is an Attack, not a clash.
- Territory taken by fighting: state forces regain, anyone else overtakes;
  "captured" with people rather than a place as object is an arrest.
"""

from __future__ import annotations

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


def _armed_victim(hit: Hit) -> bool:
    """The words naming who was attacked describe a combatant or a military target."""
    head = hit.head
    for child in head.children:
        targets = []
        if child.dep_ in ("dobj", "nsubjpass"):
            targets = [child]
        elif child.dep_ == "prep" and child.lower_ in ("on", "at", "against", "targeting"):
            targets = [c for c in child.children if c.dep_ == "pobj"]
        for t in targets:
            if any(w.lemma_.lower() in ARMED_WORDS or w.lower_ in ARMED_WORDS for w in t.subtree):
                return True
    return False


def _inter(side) -> int:
    return side.actor.inter if side is not None else 0


def refine(hit: Hit, sides: Sides, sent: "Span") -> str | None:
    sub = hit.trigger.type
    frame = hit.trigger.frame
    other = _inter(sides.actor2)
    if sub in ("Attack", "Abduction/forced disappearance") and (
            other in ARMED or (other == 0 and _armed_victim(hit))):
        return "Armed clash"  # violence against civilians needs civilian victims
    if sub == "Armed clash" and frame == "clash" and other == 7 and hit.head.lemma_.lower() in ("attack", "assault", "ambush"):
        return "Attack"
    if sub == "Arrests" and sides.actor1 is not None and _inter(sides.actor1) not in (1, 8):
        return "Abduction/forced disappearance"  # non-state "arrests" are abductions in ACLED's terms
    if sub == "Change to group/activity":
        mover = sides.actor1.actor.name if sides.actor1 is not None else ""
        if not mover or mover.startswith(("Unidentified", "Civilians", "Protesters")):
            return None  # "the attackers arrived": a step of another event, not a group's move
    if frame == "capture":
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
