"""The nlp stage: one spaCy pipeline per process, chosen by configuration."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable

from .errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


@functools.lru_cache(maxsize=4)
def load_nlp(name: str, fast: bool = True) -> "Language":
    """Load spaCy pipeline ``name`` once per process (cached).

    ``blank:en`` builds a blank English pipeline with a rule-based sentencizer,
    for machines without a trained model. With ``fast`` (the default) the
    rule-based attribute ruler and lemmatizer are swapped for stand-ins that
    give the same annotations in a fraction of the time (:mod:`.fastpipes`).
    """
    import spacy

    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1] or "en")
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; run 'make install' or "
            f"pip install 'outposts[model]', or set OUTPOSTS_SPACY_MODEL (detail: {exc})"
        ) from None
    if fast:
        from .fastpipes import speed_up

        speed_up(nlp)
    return nlp


def word_forms(nlp: "Language") -> Callable[[str], set[str]]:
    """The forms a lemma can take in text, as this pipeline lemmatises: the
    inverse of its lemma rules ("knife" -> "knives") and exceptions ("take"
    -> "took"), and the lemmas its attribute ruler sets ("get" -> "got")."""
    rules: set[tuple[str, str]] = set()
    extra: dict[str, set[str]] = {}
    for _, component in nlp.pipeline:
        component = getattr(component, "lemmatizer", component)  # fastpipes wraps it
        lookups = getattr(component, "lookups", None)
        if lookups is not None and lookups.has_table("lemma_rules"):
            for table in lookups.get_table("lemma_rules").values():
                rules.update((old, new) for old, new in table if old.isalpha())
            if lookups.has_table("lemma_exc"):
                for table in lookups.get_table("lemma_exc").values():
                    for form, lemmas in table.items():
                        for lemma in lemmas:
                            extra.setdefault(lemma, set()).add(form)
        for pattern in getattr(component, "patterns", None) or ():
            lemma = (pattern.get("attrs") or {}).get("LEMMA")
            if not isinstance(lemma, str):
                continue
            for alternative in pattern.get("patterns") or ():
                for token in alternative:
                    lower = token.get("LOWER")
                    found = lower if isinstance(lower, str) else (lower or {}).get("IN", ())
                    extra.setdefault(lemma, set()).update([found] if isinstance(found, str) else found)

    def forms_of(word: str) -> set[str]:
        out = set(extra.get(word, ()))
        for old, new in rules:
            if word.endswith(new):
                out.add(word[: len(word) - len(new)] + old)
        return out

    return forms_of
