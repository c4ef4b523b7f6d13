"""Exact, faster stand-ins for two rule-based spaCy components.

spaCy's ``attribute_ruler`` runs a Matcher with every pattern of the tag map
(179 in ``en_core_web_sm``) over every token, and its rule ``lemmatizer``
walks the tokens in Python; together they cost a quarter of the trained
pipeline's time. The stand-ins give the same annotations for less:

- :class:`FastAttributeRuler`: a pattern of one token that tests TAG, LOWER,
  DEP or IS_SPACE (equality, IN, NOT_IN, REGEX: all but a handful) is
  decided once per distinct (TAG, LOWER, DEP, IS_SPACE) and memoised; the few
  patterns of several tokens stay in a small Matcher. Rules apply in the
  order they were added, later ones winning, as in spaCy.
- :class:`FastLemmatizer`: lemmas are memoised on (ORTH, POS, MORPH), the key
  spaCy's own cache uses, read and written as arrays.

``tests/test_nlp.py`` holds them to token-for-token equality with the stock
components. :func:`speed_up` swaps them into a loaded pipeline; nothing else
about the pipeline changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what one-token rules may test


class _PerDoc:
    """``pipe`` for a component that works one doc at a time."""

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


class FastAttributeRuler(_PerDoc):
    """Applies the patterns of a loaded spaCy AttributeRuler."""

    def __init__(self, ruler):
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.name = getattr(ruler, "name", "attribute_ruler")
        self._attrs = list(ruler.attrs)
        self.patterns = ruler.patterns
        self._indices = list(ruler.indices)
        self._matcher = Matcher(self.vocab, validate=False)
        self._rules: list[tuple[int, list]] = []  # one-token rules: (order, checks)
        self._memo: dict[tuple, tuple[tuple[int, ...], dict]] = {}
        for i, entry in enumerate(ruler.patterns):
            checks = _one_token_checks(entry["patterns"])
            if checks is None:
                self._matcher.add(str(i), entry["patterns"])
            else:
                self._rules.append((i, checks))

    def _lookup(self, key: tuple, strings) -> tuple[tuple[int, ...], dict]:
        values = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
        found = [i for i, checks in self._rules if any(all(ok(values[f]) for f, ok in alt) for alt in checks)]
        merged: dict = {}
        for i in found:
            merged.update(self._attrs[i])
        hit = (tuple(found), merged)
        self._memo[key] = hit
        return hit

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        extra: dict[int, list[int]] = {}
        if len(self._matcher):
            for match_id, start, end in self._matcher(doc, allow_missing=True, as_spans=False):
                i = int(doc.vocab.strings[match_id])
                at = self._indices[i]
                pos = (start if at >= 0 else end) + at
                if not start <= pos < end:
                    raise ValueError(f"attribute rule {i}: index {at} outside its match")
                extra.setdefault(pos, []).append(i)
        memo = self._memo
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        for t, row in enumerate(rows):
            key = (row[0], row[1], row[2], row[3])
            found, merged = memo.get(key) or self._lookup(key, doc.vocab.strings)
            if t in extra:
                for i in sorted(found + tuple(extra[t])):
                    set_token_attrs(doc[t], self._attrs[i])
            elif merged:
                set_token_attrs(doc[t], merged)
        return doc



def _one_token_checks(patterns: list) -> list | None:
    """Predicates of one-token patterns over TAG/LOWER/DEP/IS_SPACE, one list
    per alternative pattern; None where the Matcher must do it."""
    import re

    alternatives = []
    for pattern in patterns:
        if len(pattern) != 1:
            return None
        checks = []
        for key, spec in pattern[0].items():
            if key not in _FIELDS:
                return None
            field = _FIELDS.index(key)
            if isinstance(spec, (str, bool)):
                checks.append((field, spec.__eq__))
            elif isinstance(spec, dict) and len(spec) == 1:
                (op, arg), = spec.items()
                if op == "IN":
                    checks.append((field, frozenset(arg).__contains__))
                elif op == "NOT_IN":
                    checks.append((field, lambda v, s=frozenset(arg): v not in s))
                elif op == "REGEX":
                    checks.append((field, lambda v, r=re.compile(arg): r.search(v) is not None))
                else:
                    return None
            else:
                return None
        alternatives.append(checks)
    return alternatives


class FastLemmatizer(_PerDoc):
    """Fills lemmas like a loaded spaCy rule Lemmatizer (``overwrite`` off)."""

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer
        self.name = getattr(lemmatizer, "name", "lemmatizer")
        self.vocab = lemmatizer.vocab
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: "Doc") -> "Doc":
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows = arr.tolist()
        lemmas = arr[:, 3].copy()
        memo, changed = self._memo, False
        for t, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[t])[0])
            lemmas[t] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], numpy.ascontiguousarray(lemmas, dtype="uint64"))
        return doc



def speed_up(nlp: "Language") -> "Language":
    """Swap the stand-ins into ``nlp`` in place (where the stock components are)."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            _swap(nlp, name, FastAttributeRuler(component))
        elif isinstance(component, Lemmatizer) and component.mode == "rule" and not component.overwrite:
            _swap(nlp, name, FastLemmatizer(component))
    return nlp


def _swap(nlp: "Language", name: str, component) -> None:
    """Replace a component object, keeping its name, place and config."""
    components = getattr(nlp, "_components", None)  # spaCy's (name, object) pairs
    if not isinstance(components, list):
        return  # another spaCy layout: keep the stock component
    for i, (existing, _) in enumerate(components):
        if existing == name:
            components[i] = (name, component)
            return
