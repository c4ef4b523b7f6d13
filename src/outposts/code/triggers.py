"""Event triggers: words that name an ACLED sub-event, found by lemma.

The lexicon (the language pack's ``triggers.json``) is data, written from the
codebook's definitions; users can hand in their own file. Matching works on the
lemma or lower-case form of each token, ignores hyphens and the pack's articles
(its ``triggers`` section), and allows a few
words between the words of a phrase ("established a new headquarters" matches
"establish headquarters"), never across punctuation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Callable, Iterable

from ..errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from ..lang import LanguagePack

MAX_GAP = 3


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    rank: int
    confidence: float
    frame: str = "default"
    needs: str | None = None
    needs_also: str | None = None
    echo: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger found in a sentence: ``tokens`` are the matched tokens."""

    trigger: Trigger
    tokens: tuple["Token", ...]
    phrase: str

    @property
    def head(self) -> "Token":
        """The matched token that is highest in the parse (else the first)."""
        best = self.tokens[0]
        for tok in self.tokens:
            if tok in best.ancestors:
                best = tok
        return best


@dataclass(frozen=True, slots=True)
class _Phrase:
    words: tuple[str, ...]
    verb_only: tuple[bool, ...]
    trigger: Trigger | None
    text: str


def _parse_phrase(text: str, trigger: Trigger | None, articles: frozenset[str]) -> _Phrase | None:
    words, verb_only = [], []
    for raw in re.split(r"[\s\-]+", text.lower()):
        if not raw or raw in articles:
            continue
        verb_only.append(raw.endswith(":v"))
        words.append(raw[:-2] if raw.endswith(":v") else raw)
    if not words:
        return None
    return _Phrase(tuple(words), tuple(verb_only), trigger, text)


class PhraseIndex:
    """Phrases keyed by their first word, matched against token keys."""

    def __init__(self, phrases: Iterable[_Phrase], stems: tuple[tuple[str, str], ...] = ()):
        self._stems = stems
        self._by_first: dict[str, list[_Phrase]] = {}
        for phrase in phrases:
            self._by_first.setdefault(phrase.words[0], []).append(phrase)
        for group in self._by_first.values():
            group.sort(key=lambda p: -len(p.words))
        self.words = frozenset(w for group in self._by_first.values() for p in group for w in p.words)

    def find(self, tokens: list["Token"], keys: list[tuple[str, ...]] | None = None
             ) -> list[tuple[_Phrase, tuple["Token", ...]]]:
        """All phrase matches in ``tokens`` (hyphens and articles already dropped);
        ``keys`` are the tokens' match keys when the caller has them already."""
        keys = keys if keys is not None else [_keys(t, self._stems) for t in tokens]
        found = []
        for i, tok_keys in enumerate(keys):
            for first in tok_keys:
                for phrase in self._by_first.get(first, ()):
                    match = _match_at(phrase, tokens, keys, i)
                    if match:
                        found.append((phrase, match))
        return found


_ALPHA_RE = re.compile(r"[^\W\d_]+")


def _needs(word: str, forms_of: "Callable[[str], Iterable[str]]",
           stems: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """What must show in a text for a token there to match ``word``: one of its
    forms as a whole word, or (for a form that is not all letters) a word
    beginning like it, written "<start>*"."""
    forms = {word, *forms_of(word)}
    forms.update(word[: len(word) - len(key)] + end for end, key in stems if word.endswith(key))
    out = set()
    for form in forms:
        form = form.lower()
        if form.isalpha():
            out.add(form)
        else:
            start = _ALPHA_RE.match(form)
            out.add((start.group()[:4] if start else "") + "*")
    return frozenset(out)


class _Prefilter:
    """Which trigger phrases could match a text, from the words it has."""

    def __init__(self, phrases: Iterable[_Phrase], forms_of: "Callable[[str], Iterable[str]]",
                 stems: tuple[tuple[str, str], ...]):
        self._by_need: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for phrase in phrases:
            needs = tuple(_needs(w, forms_of, stems) for w in phrase.words)
            for need in needs[0]:
                self._by_need.setdefault(need, []).append(needs[1:])
        # the lengths of the "<start>*" needs: only those starts are worth listing
        self._starts = sorted({len(n) - 1 for needs in self._by_need.values() for rest in needs
                               for group in rest for n in group if n.endswith("*")}
                              | {len(n) - 1 for n in self._by_need if n.endswith("*")})

    def __call__(self, text: str) -> bool:
        if not isinstance(text, str):
            return False
        present = set(_ALPHA_RE.findall(text.lower()))
        if self._starts:
            present.update([w[:k] + "*" for w in present for k in self._starts if k <= len(w)])
        for need in present & self._by_need.keys():
            for rest in self._by_need[need]:
                if all(not n.isdisjoint(present) for n in rest):
                    return True
        return False


def _keys(tok: "Token", stems: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The forms a token matches by: lower case, lemma, and (for capitalised
    words the model may not lemmatise, as in headlines) crude ``stems``."""
    lower = tok.lower_
    keys = {lower, tok.lemma_.lower() if tok.lemma_ else lower}
    if tok.is_title or tok.is_upper or tok.pos_ == "PROPN":
        for suffix, repl in stems:
            if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
                keys.add(lower[: -len(suffix)] + repl)
    return tuple(keys)


def _is_verb(tok: "Token") -> bool:
    return not tok.tag_ or tok.pos_ in ("VERB", "AUX")


def _match_at(phrase: _Phrase, tokens, keys, i) -> tuple | None:
    if phrase.verb_only[0] and not _is_verb(tokens[i]):
        return None
    matched = [tokens[i]]
    pos = i
    for word, verb_only in zip(phrase.words[1:], phrase.verb_only[1:]):
        for j in range(pos + 1, min(pos + 2 + MAX_GAP, len(tokens))):
            if tokens[j].is_punct:
                return None
            if word in keys[j] and (not verb_only or _is_verb(tokens[j])):
                matched.append(tokens[j])
                pos = j
                break
        else:
            return None
    return tuple(matched)


def grievance(tokens: tuple["Token", ...], heads: frozenset[str]) -> bool:
    """A cue inside the object of a protest ("against the arrest", "demanding arrest"):
    a token under one of the grievance ``heads`` (the pack's ``GRIEVANCE_HEADS``)."""
    tok = tokens[0]
    if len(tokens) == 1 and tok.dep_ == "amod" and tok.tag_ == "VBN":  # "detained activists"
        return True
    for depth, anc in enumerate(tok.ancestors):
        if depth >= 4:
            break
        if anc.lemma_.lower() in heads or anc.lower_ in heads:
            return True
    return False


def content_tokens(span, articles: frozenset[str]) -> list["Token"]:
    """Tokens of ``span`` without hyphens and articles (what phrases are matched on)."""
    return [t for t in span if t.text not in ("-", "–") and t.lower_ not in articles]


class Lexicon:
    """Triggers, the sub-event → event/disorder type table, and cue lists.

    ``words`` is the language pack's ``triggers`` section (articles, crude
    stems, grievance heads); English when not given."""

    def __init__(self, data: dict, words: ModuleType | None = None):
        if words is None:
            from ..lang import load

            words = load("en").triggers
        self.words = words
        self.articles: frozenset[str] = words.ARTICLES
        self.grievance_heads: frozenset[str] = words.GRIEVANCE_HEADS
        self._stems: tuple[tuple[str, str], ...] = tuple(words.CRUDE_STEMS)
        try:
            self.types: dict[str, tuple[str, str]] = {k: tuple(v) for k, v in data["types"].items()}
            triggers = []
            for entry in data["triggers"]:
                trig = Trigger(
                    type=entry["type"],
                    rank=int(entry.get("rank", 50)),
                    confidence=float(entry.get("confidence", 0.7)),
                    frame=entry.get("frame", "default"),
                    needs=entry.get("needs"),
                    needs_also=entry.get("needs_also"),
                    echo=bool(entry.get("echo", False)),
                )
                if trig.type not in self.types:
                    raise ConfigError(f"lexicon: unknown sub-event type {trig.type!r}")
                for text in entry["phrases"]:
                    phrase = _parse_phrase(text, trig, self.articles)
                    if phrase:
                        triggers.append(phrase)
            self.triggers = PhraseIndex(triggers, self._stems)
            self.cues = {
                name: PhraseIndex(
                    (p for p in (_parse_phrase(t, None, self.articles) for t in cue_words) if p), self._stems)
                for name, cue_words in data.get("cues", {}).items()
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"lexicon is malformed: {exc}") from None
        self._phrases = [p for group in self.triggers._by_first.values() for p in group]
        self.learn_forms(lambda word: ())

    @classmethod
    def load(cls, path: Path | str | None = None, lang: "LanguagePack | None" = None) -> "Lexicon":
        """The lexicon of ``path``, else the language pack's ``triggers.json``
        (English when no pack is given); matched by the pack's word rules."""
        if lang is None:
            from ..lang import load

            lang = load("en")
        text = lang.read_text("triggers.json") if path is None else Path(path).read_text("utf-8")
        return cls(json.loads(text), lang.triggers)

    def learn_forms(self, forms_of: "Callable[[str], Iterable[str]]") -> None:
        """Teach the raw-text test the forms a lemma takes in text ("took" for
        "take", "knives" for "knife"): the spaCy pipeline's own lemma rules
        and exceptions (:func:`outposts.nlp.word_forms`). Needed wherever the
        pipeline lemmatises; without it the test knows only crude stems."""
        self._prefilter = _Prefilter(self._phrases, forms_of, self._stems)

    def may_hold_event(self, text: str) -> bool:
        """Cheap test on raw text: can any trigger phrase match in it at all?

        A necessary condition: every word of some phrase must show in the
        text as a word that begins like it or like one of its learnt forms.
        Text that fails it is never parsed."""
        return self._prefilter(text)

    def hits(self, sent: "Span") -> list[Hit]:
        """Triggers in a sentence whose cue conditions hold, best first."""
        tokens = content_tokens(sent, self.articles)
        stems = self._stems
        keys = [_keys(t, stems) for t in tokens]  # once per sentence, for every index below
        cues: dict[str, bool] = {}

        def cue(name: str) -> bool:  # looked for only when a trigger needs it
            if name not in cues:
                index = self.cues.get(name)
                cues[name] = index is not None and any(not grievance(m, self.grievance_heads)
                                                       for _, m in index.find(tokens, keys))
            return cues[name]

        hits = []
        for phrase, toks in self.triggers.find(tokens, keys):
            trig = phrase.trigger
            if trig.needs and not cue(trig.needs):
                continue
            if trig.needs_also and not cue(trig.needs_also):
                continue
            hits.append(Hit(trig, toks, phrase.text))
        hits.sort(key=lambda h: (-h.trigger.rank, -len(h.tokens), h.tokens[0].i))
        return hits

    def event_types(self, sub_event_type: str) -> tuple[str, str]:
        return self.types[sub_event_type]
