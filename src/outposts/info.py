"""Facts about this installation, for ``outposts info``."""

from __future__ import annotations

import os

from . import __version__
from .config import Settings


def collect() -> dict:
    """Version, spaCy pipeline, gazetteer path/size, store path. Loads nothing heavy
    except what it reports on (the gazetteer is opened, not built)."""
    from .places.gazetteer import default_path
    from .store import default_location as default_store_path

    settings = Settings()
    facts: dict = {"version": __version__, "spacy_model": settings.spacy_model}
    try:
        import spacy.util

        facts["spacy_model_installed"] = spacy.util.is_package(settings.spacy_model) or os.path.isdir(settings.spacy_model)
        import spacy

        facts["spacy_version"] = spacy.__version__
    except ImportError:  # pragma: no cover - spacy is a dependency
        facts["spacy_model_installed"] = False
    path = default_path()
    facts["gazetteer"] = str(path)
    facts["gazetteer_bytes"] = path.stat().st_size if path.exists() else 0
    if path.exists():
        from .places import Gazetteer

        with Gazetteer.open(path, build=False) as gaz:
            facts["gazetteer_places"] = gaz.size()
    else:
        facts["gazetteer_places"] = 0
    facts["store"] = str(default_store_path())
    facts["attribution"] = "Place data: GeoNames (geonames.org), CC-BY 4.0"
    return facts
