"""Attributed sources: "the Syrian Observatory for Human Rights said" → SOHR.

An attribution is the subject of a reporting verb (say, report, tell, claim,
announce, ...) or the object of "according to". Known outlets and monitors
(``data/sources.json``) map to the short names of ACLED's ``source`` column;
an unknown organisation keeps its own name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

REPORT_VERBS = frozenset({
    "say", "report", "tell", "claim", "state", "announce", "confirm", "document", "add",
    "write", "publish", "post", "note", "accuse", "allege", "reveal", "indicate", "read",
    "mention", "cite", "quote", "broadcast", "show", "deny",
})
WEAK = "Local Source"


@dataclass(frozen=True, slots=True)
class Attribution:
    name: str
    start: int  # offsets into the sentence's doc text
    end: int
    weak: bool = False


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


class Sources:
    """Outlet aliases → short names; finds attributions in parsed sentences."""

    def __init__(self, table: dict[str, list[str]]):
        self._alias: dict[str, str] = {}
        for name, aliases in table.items():
            for alias in [name, *aliases]:
                self._alias[_fold(alias)] = name
        longest = sorted(self._alias, key=len, reverse=True)
        self._regex = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in longest if a) + r")\b")

    @classmethod
    def load(cls) -> "Sources":
        text = resources.files("outposts.code").joinpath("data/sources.json").read_text("utf-8")
        return cls(json.loads(text)["sources"])

    def names(self) -> list[str]:
        """Every name and alias of a known outlet, folded ("saba", "al mayadeen")."""
        return list(self._alias)

    def canonical(self, text: str) -> tuple[str, bool] | None:
        """(short name, weak?) for a phrase naming a source, or None."""
        folded = _fold(text)
        m = self._regex.search(folded)
        if m:
            name = self._alias[m.group(0)]
            return name, name == WEAK
        return None

    def attribution(self, sent: "Span") -> Attribution | None:
        """The source a sentence is attributed to, if it says so."""
        for tok in sent:
            phrase = None
            if tok.lower_ == "according" and tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
                # "according to X, ...": X runs to the next punctuation
                end = tok.i + 2
                while end < min(sent.end, tok.i + 14) and not sent.doc[end].is_punct:
                    end += 1
                phrase = sent.doc[tok.i + 2 : end]
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in REPORT_VERBS:
                subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "report")]
                if subj and subj[0].dep_ == "nsubj":
                    phrase = sent.doc[subj[0].left_edge.i : subj[0].right_edge.i + 1]
                elif tok.lemma_.lower() == "read":  # "the SOHR's report reads"
                    subj = [c for c in tok.children if c.dep_ == "nsubj"]
                    phrase = sent.doc[subj[0].left_edge.i : subj[0].right_edge.i + 1] if subj else None
            if phrase is None or len(phrase) == 0:
                continue
            found = self.canonical(phrase.text)
            if found:
                return Attribution(found[0], phrase.start_char, phrase.end_char, found[1])
            orgs = [e for e in phrase.ents if e.label_ in ("ORG", "NORP", "GPE", "PERSON")]
            if orgs and orgs[0].label_ == "ORG":
                name = re.sub(r"^(?:the)\s+", "", orgs[0].text, flags=re.IGNORECASE)
                return Attribution(name, orgs[0].start_char, orgs[0].end_char)
        return None

    def first_in(self, text: str) -> str | None:
        """The first known strong source named anywhere in ``text``."""
        for m in self._regex.finditer(_fold(text)):
            name = self._alias[m.group(0)]
            if name != WEAK:
                return name
        return None
