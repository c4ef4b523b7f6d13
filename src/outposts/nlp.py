"""The nlp stage: one spaCy pipeline per process, chosen by configuration."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

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
