"""The nlp stage: one spaCy pipeline per process, chosen by configuration."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# What the coder needs; anything else in a model is switched off.
WANTED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str) -> "Language":
    """Load spaCy pipeline ``name`` once per process (cached).

    ``blank:en`` builds a blank English pipeline with a rule-based sentencizer,
    for machines without a trained model.
    """
    import spacy

    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1] or "en")
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(name, exclude=[p for p in _pipe_names(name) if p not in WANTED])
    except (OSError, ImportError) as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; run 'make install' or "
            f"pip install 'outposts[model]', or set OUTPOSTS_SPACY_MODEL (detail: {exc})"
        ) from None
    return nlp


def _pipe_names(name: str) -> list[str]:
    try:
        import spacy.util

        return list(spacy.util.get_model_meta(spacy.util.get_package_path(name)).get("pipeline", []))
    except Exception:  # noqa: BLE001 - metadata is a hint only; spacy.load reports real errors
        return []


def has_parser(nlp: "Language") -> bool:
    return "parser" in nlp.pipe_names


def model_label(nlp: "Language") -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
