"""Attributed sources: "the Syrian Observatory for Human Rights said" → SOHR.

An attribution is the subject of a reporting verb (say, report, tell, claim,
announce, ...) or the object of "according to" (the language pack's
``sources`` section). Known outlets and monitors (the pack's ``sources.json``)
map to the short names of ACLED's ``source`` column; an unknown organisation
keeps its own name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from ..lang import LanguagePack

WEAK = "Local Source"  # ACLED's name for a source it does not name


@dataclass(frozen=True, slots=True)
class Attribution:
    name: str
    start: int  # offsets into the sentence's doc text
    end: int
    weak: bool = False


_SEPARATORS = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """A source name's key: lower case, words of any script kept (accents
    dropped), everything else one space."""
    text = text.lower().replace("’", "'")
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text).strip()


class Sources:
    """Outlet aliases → short names; finds attributions in parsed sentences.

    ``words`` is the language pack's ``sources`` section (reporting verbs,
    "according to"); English when not given."""

    def __init__(self, table: dict[str, list[str]], words: ModuleType | None = None):
        if words is None:
            from ..lang import load

            words = load("en").sources
        self._verbs: frozenset[str] = words.REPORT_VERBS
        self._according, self._to = words.ACCORDING_TO
        self._not_sources: frozenset[str] = words.NOT_SOURCES
        self._reads: str = words.READS
        self._article: re.Pattern[str] = words.LEADING_ARTICLE
        self._alias: dict[str, str] = {}
        for name, aliases in table.items():
            for alias in [name, *aliases]:
                self._alias[_fold(alias)] = name
        longest = sorted(self._alias, key=len, reverse=True)
        self._regex = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in longest if a) + r")\b")

    @classmethod
    def load(cls, lang: "LanguagePack | None" = None) -> "Sources":
        """The language pack's outlets and phrasing (English when none is given)."""
        if lang is None:
            from ..lang import load

            lang = load("en")
        return cls(json.loads(lang.read_text("sources.json"))["sources"], lang.sources)

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
            if tok.lower_ == self._according and tok.i + 1 < sent.end \
                    and sent.doc[tok.i + 1].lower_ == self._to:
                # "according to X, ...": X runs to the next punctuation
                end = tok.i + 2
                while end < min(sent.end, tok.i + 14) and not sent.doc[end].is_punct:
                    end += 1
                phrase = sent.doc[tok.i + 2 : end]
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in self._verbs:
                subj = [c for c in tok.children
                        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in self._not_sources]
                if subj and subj[0].dep_ == "nsubj":
                    phrase = sent.doc[subj[0].left_edge.i : subj[0].right_edge.i + 1]
                elif tok.lemma_.lower() == self._reads:  # "the SOHR's report reads"
                    subj = [c for c in tok.children if c.dep_ == "nsubj"]
                    phrase = sent.doc[subj[0].left_edge.i : subj[0].right_edge.i + 1] if subj else None
            if phrase is None or len(phrase) == 0:
                continue
            found = self.canonical(phrase.text)
            if found:
                return Attribution(found[0], phrase.start_char, phrase.end_char, found[1])
            orgs = [e for e in phrase.ents if e.label_ in ("ORG", "NORP", "GPE", "PERSON")]
            if orgs and orgs[0].label_ == "ORG":
                name = self._article.sub("", orgs[0].text)
                return Attribution(name, orgs[0].start_char, orgs[0].end_char)
        return None

    def first_in(self, text: str) -> str | None:
        """The first known strong source named anywhere in ``text``."""
        for m in self._regex.finditer(_fold(text)):
            name = self._alias[m.group(0)]
            if name != WEAK:
                return name
        return None
