"""scikit-learn baseline: gradient boosting on the Hillas parameters."""

from __future__ import annotations

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from ml.hillas import CLASSIFIER_FEATURES

DEFAULT_PARAMS = {"max_iter": 300, "learning_rate": 0.1, "max_leaf_nodes": 31, "class_weight": "balanced"}


def feature_matrix(params: dict[str, np.ndarray]) -> np.ndarray:
    """Columns of :data:`CLASSIFIER_FEATURES` (NaN allowed: the model handles missing values)."""
    return np.column_stack([np.asarray(params[name], dtype=np.float64) for name in CLASSIFIER_FEATURES])


def train_baseline(params: dict[str, np.ndarray], is_gamma: np.ndarray, hyperparameters: dict | None = None,
                   seed: int = 0) -> HistGradientBoostingClassifier:
    """Fit the gradient-boosting classifier (label 1 = gamma)."""
    settings = {**DEFAULT_PARAMS, **(hyperparameters or {})}
    model = HistGradientBoostingClassifier(random_state=seed, **settings)
    return model.fit(feature_matrix(params), np.asarray(is_gamma, dtype=int))


def gammaness(model: HistGradientBoostingClassifier, params: dict[str, np.ndarray]) -> np.ndarray:
    """Probability of being a gamma according to the fitted model."""
    return model.predict_proba(feature_matrix(params))[:, list(model.classes_).index(1)]
