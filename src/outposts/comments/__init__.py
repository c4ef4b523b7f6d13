"""Comment threads: telling signal from noise and abuse.

:func:`triage_report` labels every comment (``abusive``, ``hypothetical``,
``opinion``, ``claim``, ``eyewitness``), scores its toxicity and finds its
stance towards the article sentence it targets. The event coder codes no
comment that :func:`excluded` names (abusive or hypothetical ones); article
events gain the comments that support or dispute them (:func:`attach`).
"""

from .abuse import is_abusive, scan
from .triage import attach, excluded, triage_report

__all__ = ["attach", "excluded", "is_abusive", "scan", "triage_report"]
