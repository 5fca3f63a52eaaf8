"""Trained classifiers with their model cards, and saving/loading them.

Every model directory holds ``card.json`` (method, version, hyper-parameters,
metrics, the SHA-256 of the training data and of the blind sample it was
kept away from, the operating threshold) next to the method's payload.
Loading a CNN imports torch; the other methods never do.  Pickled
scikit-learn payloads must only be loaded from trusted directories.
"""

from __future__ import annotations

import importlib
import json
import pickle
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from ml import baseline, cuts
from ml.camera import taiga_camera
from ml.hillas import hillas

MODEL_FORMAT = 1
METHODS = ("cuts", "sklearn", "cnn")


@dataclass
class ModelCard:
    """What a model is, how it was trained and how well it did."""

    method: str
    version: str
    hyperparameters: dict
    training_data_hash: str
    blind_sample_hash: str
    threshold: float
    n_train: dict
    dataset: dict
    metrics: dict = field(default_factory=dict)
    format: int = MODEL_FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)


class Model(Protocol):
    card: ModelCard

    def gammaness(self, images: np.ndarray, params: dict[str, np.ndarray] | None = None) -> np.ndarray: ...

    def save_payload(self, directory: Path) -> None: ...


def check_images(images: np.ndarray) -> np.ndarray:
    """Images as float32 ``(n_events, n_pixels)``, or a ValueError saying what is wrong."""
    array = np.asarray(images, dtype=np.float32)
    n_pixels = taiga_camera().n_pixels
    if array.ndim != 2 or array.shape[1] != n_pixels:
        raise ValueError(f"images must have shape (n_events, {n_pixels}), got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError("images contain NaN or infinite pixel values")
    return array


def _params(images: np.ndarray, params: dict[str, np.ndarray] | None) -> dict[str, np.ndarray]:
    return params if params is not None else hillas(images, taiga_camera())


@dataclass
class CutsModel:
    """Two consecutive cuts; gammaness is the cut score (see :mod:`ml.cuts`)."""

    card: ModelCard
    cuts: cuts.Cuts

    def gammaness(self, images: np.ndarray, params: dict[str, np.ndarray] | None = None) -> np.ndarray:
        return cuts.cut_score(_params(images, params), self.cuts)

    def save_payload(self, directory: Path) -> None:
        (directory / "cuts.json").write_text(json.dumps(asdict(self.cuts)))


@dataclass
class SklearnModel:
    """Gradient boosting on Hillas parameters."""

    card: ModelCard
    estimator: object

    def gammaness(self, images: np.ndarray, params: dict[str, np.ndarray] | None = None) -> np.ndarray:
        return baseline.gammaness(self.estimator, _params(images, params))

    def save_payload(self, directory: Path) -> None:
        with open(directory / "model.pkl", "wb") as handle:
            pickle.dump(self.estimator, handle)


def save_model(model: Model, directory: Path) -> Path:
    """Write the card and payload of ``model`` into ``directory`` (created if needed)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    model.save_payload(directory)
    (directory / "card.json").write_text(model.card.to_json())
    return directory


def load_model(directory: Path) -> Model:
    """Read a model saved by :func:`save_model`."""
    directory = Path(directory)
    card_path = directory / "card.json"
    if not card_path.is_file():
        raise FileNotFoundError(f"no model card at {card_path}")
    card = ModelCard(**json.loads(card_path.read_text()))
    if card.format != MODEL_FORMAT:
        raise ValueError(f"{card_path}: model format {card.format}, expected {MODEL_FORMAT}")
    if card.method == "cuts":
        return CutsModel(card=card, cuts=cuts.Cuts(**json.loads((directory / "cuts.json").read_text())))
    if card.method == "sklearn":
        with open(directory / "model.pkl", "rb") as handle:
            return SklearnModel(card=card, estimator=pickle.load(handle))
    if card.method == "cnn":
        try:
            cnn_model = importlib.import_module("ml.cnn_model")
        except ImportError as error:
            raise RuntimeError(f"the CNN model in {directory} needs torch (pip install '.[ml]'): {error}") from error
        return cnn_model.load_payload(card, directory)
    raise ValueError(f"{card_path}: unknown method {card.method!r}, expected one of {METHODS}")
