"""Evaluation harness: score outposts against human-made gold standards.

``outposts eval SET FILE [--split dev|test] [--report DIR]`` runs one set and
writes a Markdown report and a JSON file (figures, confusion matrix, the 30
worst errors with their text) into DIR. Baselines run in the same call, on
the same rows: a majority class, population-only place resolution, a
bag-of-words classifier trained on the dev split at run time (scikit-learn,
never saved) and, for geoparsing, an existing offline geoparser (geotext).

The gold files are not part of the repository (their terms forbid it): the
harness reads them where they are (``../shared/eval/`` in a checkout) and
the reports stay in the git-ignored ``eval-reports/``.

Sets: ``acled`` (:mod:`.acled`), ``case2021`` (:mod:`.case2021`),
``geoparse`` (:mod:`.geoparse`, GeoWebNews or TR-News XML).
"""

SETS = ("acled", "case2021", "geoparse")
