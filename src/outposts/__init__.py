"""outposts: offline coding of conflict reports into sourced, geolocated
ACLED-style events.

The public API: :func:`extract`, :func:`geoparse`, :class:`Pipeline`,
:class:`Settings`, the records and the error family.
"""

from __future__ import annotations

from .api import default_pipeline, extract, extract_reports, geoparse, triage
from .config import Settings
from .errors import ConfigError, GazetteerError, InputError, OutpostsError, OutpostsWarning, StoreError
from .pipeline import Pipeline
from .records import (
    ACLED_COLUMNS,
    Actor,
    ActorMention,
    Comment,
    Control,
    DateMention,
    Dispute,
    Event,
    Evidence,
    Extraction,
    MergedEvent,
    Place,
    PlaceMention,
    Report,
    Segment,
    Site,
    TriagedComment,
)

__version__ = "0.1.0"

__all__ = [
    "ACLED_COLUMNS",
    "Actor",
    "ActorMention",
    "Comment",
    "ConfigError",
    "Control",
    "DateMention",
    "Dispute",
    "Event",
    "Evidence",
    "Extraction",
    "GazetteerError",
    "InputError",
    "MergedEvent",
    "OutpostsError",
    "OutpostsWarning",
    "Pipeline",
    "Place",
    "PlaceMention",
    "Report",
    "Segment",
    "Settings",
    "Site",
    "StoreError",
    "TriagedComment",
    "__version__",
    "default_pipeline",
    "extract",
    "extract_reports",
    "geoparse",
    "triage",
]
