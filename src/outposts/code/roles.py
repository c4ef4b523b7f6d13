"""Who did what to whom: actor roles from the dependency parse.

Each actor mention in an event sentence gets a relation to the trigger: the
agent (subject, "by" phrase, or modifier of a noun trigger such as "Russian
warplanes"), the patient (object, passive subject, "on"/"against" phrase),
the recipient ("to") or the previous holder ("from"), or the other side of a
clash ("with", "between ... and"). Frames of the lexicon turn relations into
actor1/actor2; the rest of each side are its associated actors. Without a
parse, position decides: the nearest actor before the trigger acts. The
prepositions are the language pack's ``roles`` section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

from ..records import ActorMention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

AGENT_DEPS = frozenset({"nsubj", "agent", "csubj"})
NOUN_MOD_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod", "nummod"})


@dataclass(slots=True)
class Sides:
    """actor1/actor2 mentions with their associated actors."""

    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = field(default_factory=list)
    assoc2: list[ActorMention] = field(default_factory=list)


@dataclass(slots=True)
class _Placed:
    mention: ActorMention
    root: "Token"
    rel: str | None
    prep: str | None
    depth: int


def _root(span: "Span") -> "Token":
    return span.root


def _relation(root: "Token", anchors: set, w: ModuleType) -> tuple[str | None, str | None, int]:
    """(dependency of the path's last step, topmost preposition, depth) to an anchor;
    the preposition of a passive's agent is ``w.AGENT_PREP`` whatever its word."""
    tok, prep, depth = root, None, 0
    members = w.MEMBER_PREPS
    while tok not in anchors:
        if tok.head is tok or depth > 12:
            return None, None, 99
        if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent") and tok.head.lower_ not in members:
            prep = tok.head.lower_
        if tok.dep_ == "agent":
            prep = w.AGENT_PREP
        child, tok, depth = tok, tok.head, depth + 1
        if tok in anchors:
            return child.dep_, prep, depth
    return "self", None, 0


def _anchors(head: "Token") -> set:
    anchors = {head}
    tok = head
    # A noun trigger ("airstrikes", "headquarters") acts through its verb.
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "conj", "appos", "prep", "compound") and tok.head is not tok:
        tok = tok.head
        anchors.add(tok)
    # A verb with no subject of its own ("launched an operation, deploying troops",
    # "clashed and killed") shares the subject of the verb it hangs from.
    while (tok.dep_ in ("advcl", "xcomp", "conj") and tok.head is not tok
           and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        tok = tok.head
        anchors.add(tok)
    return anchors


def assign(hit_head: "Token", frame: str, sent: "Span", mentions: list[tuple[ActorMention, "Span"]],
           w: ModuleType) -> Sides:
    """Give each actor mention of ``sent`` its side for the trigger ``hit_head``,
    by the prepositions of ``w`` (a pack's ``roles`` section)."""
    sides = Sides()
    if not mentions:
        return sides
    if frame == "protest":
        return _protest_sides(mentions)
    parsed = hit_head.doc.has_annotation("DEP")
    anchors = _anchors(hit_head) if parsed else {hit_head}
    placed = []
    for mention, span in mentions:
        if parsed:
            rel, prep, depth = _relation(_root(span), anchors, w)
        else:
            rel, prep, depth = None, None, 99
        placed.append(_Placed(mention, _root(span), rel, prep, depth))

    agents, patients, recipients, sources, parties = [], [], [], [], []
    noun_trigger = hit_head.pos_ not in ("VERB", "AUX")
    for p in placed:
        if p.prep == w.AGENT_PREP or (p.rel in AGENT_DEPS and p.prep is None):
            agents.append(p)
        elif p.prep == w.RECIPIENT_PREP:
            recipients.append(p)
        elif p.prep == w.SOURCE_PREP:
            sources.append(p)
        elif p.prep in w.PARTY_PREPS:
            parties.append(p)
        elif p.prep in w.PATIENT_PREPS or p.rel in ("dobj", "nsubjpass", "iobj", "attr"):
            (agents if (p.rel == "nsubjpass" and frame in ("deploy", "establish")) else patients).append(p)
        elif noun_trigger and p.rel in NOUN_MOD_DEPS and p.prep is None:
            agents.append(p)
        elif p.rel == "self":
            agents.append(p)

    repelled = frame in ("clash", "attack") and (hit_head.lemma_.lower() in w.REPEL_VERBS or (
        noun_trigger and hit_head.dep_ == "dobj" and hit_head.head.lemma_.lower() in w.REPEL_VERBS))
    if repelled:
        # "security forces repelled attacks on the station": who repels was attacked, and
        # the attackers are whoever the text names as such (unnamed: unidentified)
        defenders = [p for p in agents if p.prep is None]
        inside = [p for p in patients if p.rel == "dobj" and p.depth >= 2 and p.prep is None]  # "an ISIS attack"
        agents = [p for p in agents if p.prep is not None] + inside
        patients = defenders + [p for p in patients if p not in inside]
    if frame == "transfer" and recipients:
        first, second = recipients, agents or sources or patients
    elif frame == "transfer":
        first, second = agents or patients, sources
    elif frame == "clash" and not patients and len(parties) >= 2 and not agents:
        first, second = parties[:1], parties[1:]
    elif frame == "clash" and not agents and parties and patients:
        # "two soldiers were killed in clashes with militants": the soldiers' side
        # clashed with the militants
        first, second = patients[:1], parties + patients[1:]
    elif frame == "clash":
        first, second = agents, patients + parties
    else:
        first, second = agents, patients

    used = {id(p) for p in first + second}
    rest = [p for p in placed if id(p) not in used]
    if not first and frame in ("deploy", "establish"):
        # "reinforcements from the Iraqi army arrived": whoever is named moves
        # (but not where they move to)
        first = (sources + [p for p in rest if p.root.i < hit_head.i] + patients)[:1]
        rest = [p for p in rest if p not in first]
    if not first and not repelled:
        # the speaker is no side ("the military reported that X was hit"), unless the
        # clause's subject is the speaker again ("Ukraine said it has liberated X")
        told_by_itself = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON"
                             for a in anchors for c in a.children)
        first = [p for p in rest if p.root.i < hit_head.i
                 and (told_by_itself or not _speaker(p.root, w))][-1:]
        rest = [p for p in rest if p not in first]
    if not second and frame != "deploy":
        second = [p for p in rest if p.root.i > hit_head.i and not _speaker(p.root, w)][:1]

    _fill(sides, first, second)
    return sides


def _speaker(root: "Token", w: ModuleType) -> bool:
    """The mention is the subject of a verb of speech: a source, not a side."""
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in w.SPEECH_VERBS


def _protest_sides(mentions: list[tuple[ActorMention, "Span"]]) -> Sides:
    """Demonstrators act (actor1); an armed force in the sentence is the one
    that intervenes (actor2); other groups in the crowd are associated."""
    sides = Sides()
    crowd = [m for m, _ in mentions if m.actor.inter in (5, 6)]
    forces = [m for m, _ in mentions if m.actor.inter in (1, 2, 3, 4, 8)]
    others = [m for m, _ in mentions if m.actor.inter not in (1, 2, 3, 4, 5, 6, 8)]
    sides.actor1 = crowd[0] if crowd else None
    sides.assoc1 = _unique([*crowd[1:], *others], sides.actor1)
    sides.actor2 = forces[0] if forces else None
    sides.assoc2 = _unique(forces[1:], sides.actor2)
    return sides


def _unique(mentions: list[ActorMention], lead: ActorMention | None) -> list[ActorMention]:
    seen, out = {lead.actor.name} if lead else set(), []
    for m in mentions:
        if m.actor.name not in seen:
            seen.add(m.actor.name)
            out.append(m)
    return out


def _fill(sides: Sides, first: list[_Placed], second: list[_Placed]) -> None:
    first = _joint_first(sorted(first, key=lambda p: (p.depth, p.root.i)))
    second = _joint_first(sorted(second, key=lambda p: (p.depth, p.root.i)))
    if first:
        sides.actor1 = first[0].mention
        sides.assoc1 = _others(first[1:], first[0].mention)
    if second:
        lead = second[0].mention
        if sides.actor1 is not None and lead.actor.name == sides.actor1.actor.name:
            second = second[1:]
            lead = second[0].mention if second else None
        if lead is not None:
            sides.actor2 = lead
            sides.assoc2 = _others(second[1:], lead)


def _joint_first(side: list[_Placed]) -> list[_Placed]:
    """"Turkish and Russian forces": the force named first leads the joint side
    (its demonym modifies the head noun of the other, joined to it by a conjunction)."""
    if len(side) < 2:
        return side
    lead = side[0]
    for k, p in enumerate(side[1:], 1):
        r = p.root
        if (r.i < lead.root.i and r.head.i == lead.root.i and r.dep_ in ("amod", "compound", "nmod")
                and any(c.dep_ == "conj" for c in r.children)):
            return [p, lead] + side[1:k] + side[k + 1:]
    return side


def _others(rest: list[_Placed], lead: ActorMention) -> list[ActorMention]:
    return _unique([p.mention for p in rest], lead)
