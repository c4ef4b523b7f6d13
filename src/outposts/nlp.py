"""The nlp stage: one spaCy pipeline per process, chosen by configuration."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


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
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; run 'make install' or "
            f"pip install 'outposts[model]', or set OUTPOSTS_SPACY_MODEL (detail: {exc})"
        ) from None
    return nlp
