"""A toxicity score in [0, 1] for each comment.

The model is alt-profanity-check's (MIT licence): a calibrated linear SVM over
TF-IDF word features, trained on openly labelled comments and shipped *inside*
the package (nothing is fetched at run time). It knows general profanity and
insults; the domain lexicons of :mod:`.abuse` (conflict slang slurs,
conspiracy code words, harassment) raise the score, and a term that is only
reported lowers it. When the package cannot be loaded the lexicon score
stands alone.

Importing scikit-learn costs more than a second, so the model is converted
once into plain arrays (vocabulary, idf, the five calibrated SVMs) in the
user cache directory, and scored with numpy from then on.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

from .abuse import AbuseHits

log = logging.getLogger(__name__)
MODEL_PACKAGE = "alt-profanity-check"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _cache_path() -> Path:
    from importlib.metadata import version

    import platformdirs

    base = Path(os.environ.get("OUTPOSTS_CACHE") or platformdirs.user_cache_dir("outposts"))
    return base / f"toxicity-{MODEL_PACKAGE}-{version(MODEL_PACKAGE)}.npz"


def _convert(path: Path) -> None:
    """Read the packaged sklearn model once and write its arrays to ``path``."""
    import joblib
    import numpy as np
    import profanity_check

    data = Path(profanity_check.__file__).parent / "data"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn version notes on unpickling
        vec = joblib.load(data / "vectorizer.joblib")
        model = joblib.load(data / "model.joblib")
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    parts = model.calibrated_classifiers_
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    os.close(fd)
    with open(tmp, "wb") as fh:
        np.savez_compressed(
            fh,
            vocab=np.array(vocab),
            idf=vec.idf_,
            coef=np.vstack([p.estimator.coef_.ravel() for p in parts]),
            intercept=np.array([float(p.estimator.intercept_[0]) for p in parts]),
            a=np.array([p.calibrators[0].a_ for p in parts]),
            b=np.array([p.calibrators[0].b_ for p in parts]),
        )
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


class _Scorer:
    """TF-IDF (l2) → five linear SVMs → sigmoid calibration → mean."""

    def __init__(self, path: Path):
        import numpy as np

        with np.load(path) as z:
            self.index = {w: i for i, w in enumerate(z["vocab"].tolist())}
            self.idf, self.coef = z["idf"], z["coef"]
            self.intercept, self.a, self.b = z["intercept"], z["a"], z["b"]

    def __call__(self, texts: Sequence[str]) -> list[float]:
        import numpy as np

        out = []
        for text in texts:
            counts: dict[int, int] = {}
            for tok in _TOKEN.findall(text.lower()):
                i = self.index.get(tok)
                if i is not None:
                    counts[i] = counts.get(i, 0) + 1
            if counts:
                cols = np.fromiter(counts, dtype=np.int64)
                vals = np.fromiter(counts.values(), dtype=float) * self.idf[cols]
                vals /= np.sqrt((vals * vals).sum())
                f = self.coef[:, cols] @ vals + self.intercept
            else:
                f = self.intercept.copy()
            out.append(float((1.0 / (1.0 + np.exp(self.a * f + self.b))).mean()))
        return out


@functools.lru_cache(maxsize=1)
def _model():
    """The scorer, or None when the packaged model cannot be loaded."""
    try:
        path = _cache_path()
        if not path.exists():
            _convert(path)
        return _Scorer(path)
    except Exception as exc:  # noqa: BLE001  (not installed, or a model file that does not unpickle)
        log.warning("toxicity model unavailable (%s); lexicon scores only", exc)
        return None


def model_scores(texts: Sequence[str]) -> list[float] | None:
    """The packaged model's probabilities that each text is offensive (None if unavailable)."""
    predict = _model()
    if predict is None or not texts:
        return None if predict is None else []
    return predict(list(texts))


def combine(model: float | None, hits: AbuseHits) -> float:
    """The comment's toxicity from the model's score and the lexicon hits."""
    lexical = 0.0
    if hits.hate:
        lexical = min(0.99, 0.85 + 0.05 * (hits.hate - 1))
    elif hits.insults or hits.directed_profanity:
        lexical = min(0.95, 0.7 + 0.05 * (hits.insults + hits.directed_profanity - 1))
    elif hits.profanity:
        lexical = 0.45
    score = lexical if model is None else max(model, lexical)
    if hits.reported and not hits.abusive:
        score = min(score, 0.4)  # "he called me an idiot": reported, not directed
    return round(score, 3)
