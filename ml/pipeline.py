"""Entry points the ``apo ml`` command line calls: simulate, train, evaluate, classify.

The blind sample is fixed when a dataset is simulated.  ``train`` works on
the rest only (it checks that no blind event id reaches a trainer) and
tunes everything that is tuned (cut values, thresholds) on training data;
each model card records the hash of the blind sample it was kept away
from, and ``evaluate`` refuses models whose card does not match the
dataset's blind sample.
"""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ml import baseline, cuts
from ml import dataset as datasets
from ml.dataset import Dataset
from ml.evaluate import metrics, threshold_for_efficiency
from ml.models import CutsModel, Model, ModelCard, SklearnModel, check_images, load_model, save_model
from ml.report import write_report
from ml.showers import Knobs

MODEL_VERSION = "1.0"
TARGET_EFFICIENCY = 0.55


def torch_available() -> bool:
    return importlib.util.find_spec("torch") is not None


def default_methods() -> tuple[str, ...]:
    """All three methods when torch is installed, else the two that need no torch."""
    return ("cuts", "sklearn", "cnn") if torch_available() else ("cuts", "sklearn")


@dataclass(frozen=True)
class TrainConfig:
    """What to train and how; the default is the documented ≤ 15 min CPU configuration."""

    methods: tuple[str, ...] = field(default_factory=default_methods)
    validation_fraction: float = 0.15
    target_efficiency: float = TARGET_EFFICIENCY
    sklearn: dict = field(default_factory=dict)
    cnn: dict = field(default_factory=dict)
    seed: int = 0
    progress: bool = True


@dataclass
class TrainedModels:
    """Trained models by method name, and the directory they are saved in."""

    directory: Path
    models: dict[str, Model]

    def __getitem__(self, method: str) -> Model:
        return self.models[method]


def simulate_dataset(n_gamma: int, n_proton: int, seed: int, out_dir: Path, *, knobs: Knobs | None = None,
                     blind_fraction: float = 0.3, progress: bool = True) -> Path:
    """Simulate pre-selected events and write ``out_dir/iact_seed<seed>.npz``."""
    data = datasets.simulate(n_gamma, n_proton, seed, knobs=knobs, blind_fraction=blind_fraction, progress=progress)
    return datasets.save(data, Path(out_dir) / f"iact_seed{seed}.npz")


def blind_hash(data: Dataset) -> str:
    """SHA-256 of the blind sample's event ids."""
    return hashlib.sha256(np.ascontiguousarray(data.event_id[data.blind]).tobytes()).hexdigest()


def _load(data: Dataset | Path | str) -> Dataset:
    return data if isinstance(data, Dataset) else datasets.load(Path(data))


def training_split(data: Dataset, validation_fraction: float, seed: int) -> tuple[Dataset, Dataset]:
    """Fit and validation parts of the non-blind events; raises if a blind event would leak in."""
    if not data.blind.any():
        raise ValueError("the dataset has no blind sample; simulate it with a blind_fraction > 0")
    pool = data.training_part()
    if np.intersect1d(pool.event_id, data.event_id[data.blind]).size:
        raise RuntimeError("blind events found in the training pool")
    validation = np.random.default_rng([seed, 11]).random(len(pool)) < validation_fraction
    return pool.subset(~validation), pool.subset(validation)


def _card(method: str, hyper: dict, trained_on: Dataset, data: Dataset, threshold: float,
          validation_metrics: dict) -> ModelCard:
    labels = trained_on.is_gamma
    training_hash = datasets.digest(trained_on.event_id, trained_on.images, labels)
    return ModelCard(
        method=method,
        version=f"{method}-{MODEL_VERSION}-{training_hash[:10]}",
        hyperparameters=hyper,
        training_data_hash=training_hash,
        blind_sample_hash=blind_hash(data),
        threshold=float(threshold),
        n_train={"gamma": int(labels.sum()), "proton": int((~labels).sum())},
        dataset={"seed": data.meta["seed"], "knobs": data.meta["knobs"], "blind_seed": data.meta["blind_seed"]},
        metrics={"validation": validation_metrics},
    )


def _train_cuts(fit: Dataset, validation: Dataset, data: Dataset, config: TrainConfig) -> CutsModel:
    """Cut values set on the fit part alone, so the validation metrics are measured on unseen events."""
    fitted = cuts.fit_cuts(fit.hillas, fit.is_gamma, total_efficiency=config.target_efficiency)
    score = cuts.cut_score(validation.hillas, fitted)
    hyper = {"scale": fitted.scale, "alpha_max": fitted.alpha_max, "shape_efficiency": cuts.SHAPE_EFFICIENCY,
             "total_efficiency": config.target_efficiency}
    valid = metrics(score, validation.is_gamma, threshold=fitted.threshold, n_bootstrap=50)
    return CutsModel(card=_card("cuts", hyper, fit, data, fitted.threshold, valid), cuts=fitted)


def _train_sklearn(fit: Dataset, validation: Dataset, data: Dataset, config: TrainConfig) -> SklearnModel:
    hyper = {**baseline.DEFAULT_PARAMS, **config.sklearn}
    estimator = baseline.train_baseline(fit.hillas, fit.is_gamma, hyper, seed=config.seed)
    score = baseline.gammaness(estimator, validation.hillas)
    threshold = threshold_for_efficiency(score[validation.is_gamma], config.target_efficiency)
    valid = metrics(score, validation.is_gamma, threshold=threshold, n_bootstrap=50)
    return SklearnModel(card=_card("sklearn", hyper, fit, data, threshold, valid), estimator=estimator)


def _train_cnn(fit: Dataset, validation: Dataset, data: Dataset, config: TrainConfig) -> Model:
    from ml.camera import taiga_camera
    from ml.cnn import CnnConfig, network_input, predict, train_cnn
    from ml.cnn_model import CnnModel

    settings = {**config.cnn}
    if "channels" in settings:
        settings["channels"] = tuple(settings["channels"])
    cnn_config = CnnConfig(**{"seed": config.seed, **settings})
    camera = taiga_camera()
    net, facts = train_cnn(network_input(fit.images, camera), fit.is_gamma, camera, cnn_config,
                           progress=config.progress)
    score = predict(net, network_input(validation.images, camera), camera)
    threshold = threshold_for_efficiency(score[validation.is_gamma], config.target_efficiency)
    valid = metrics(score, validation.is_gamma, threshold=threshold, n_bootstrap=50)
    card = _card("cnn", {**cnn_config.as_dict(), **facts}, fit, data, threshold, valid)
    return CnnModel(card=card, net=net, config=cnn_config)


TRAINERS = {"cuts": _train_cuts, "sklearn": _train_sklearn, "cnn": _train_cnn}


def train(dataset: Dataset | Path | str, out_dir: Path, *, config: TrainConfig | None = None) -> TrainedModels:
    """Train the configured methods on the non-blind events and save them under ``out_dir/<method>``."""
    config = config or TrainConfig()
    unknown = set(config.methods) - set(TRAINERS)
    if unknown:
        raise ValueError(f"unknown methods {sorted(unknown)}; choose from {sorted(TRAINERS)}")
    if "cnn" in config.methods and not torch_available():
        raise RuntimeError("the CNN needs torch, which is not installed (pip install '.[ml]'), "
                           "or train methods=('cuts', 'sklearn')")
    data = _load(dataset)
    fit, validation = training_split(data, config.validation_fraction, config.seed)
    out_dir = Path(out_dir)
    models = {}
    for method in tqdm(config.methods, desc="train", unit="method", disable=not config.progress):
        models[method] = TRAINERS[method](fit, validation, data, config)
        save_model(models[method], out_dir / method)
    return TrainedModels(directory=out_dir, models=models)


def load_models(directory: Path, methods: tuple[str, ...] | None = None) -> TrainedModels:
    """Load the models saved by :func:`train` (all method subdirectories found, or ``methods``)."""
    directory = Path(directory)
    found = methods or tuple(m for m in TRAINERS if (directory / m / "card.json").is_file())
    if not found:
        raise FileNotFoundError(f"no trained models under {directory}")
    return TrainedModels(directory=directory, models={m: load_model(directory / m) for m in found})


def blind_scores(dataset: Dataset | Path | str, models: TrainedModels) -> tuple[Dataset, dict[str, np.ndarray]]:
    """The blind sample and each model's gammaness on it, after checking the models never saw it."""
    data = _load(dataset)
    expected = blind_hash(data)
    for method, model in models.models.items():
        if model.card.blind_sample_hash != expected:
            raise ValueError(f"the {method} model was trained with a different blind sample than this dataset's")
    blind = data.blind_part()
    return blind, {m: model.gammaness(blind.images.astype(np.float32), blind.hillas)
                   for m, model in models.models.items()}


def _metrics_by_method(blind: Dataset, scores: dict[str, np.ndarray], models: TrainedModels) -> dict:
    return {
        method: metrics(score, blind.is_gamma, threshold=models[method].card.threshold)
        for method, score in tqdm(scores.items(), desc="evaluate", unit="method")
    }


def evaluate(dataset: Dataset | Path | str, models: TrainedModels) -> dict:
    """Blind-sample metrics keyed by method: the JSON object of ``apo ml evaluate --json``."""
    blind, scores = blind_scores(dataset, models)
    return _metrics_by_method(blind, scores, models)


def report(dataset: Dataset | Path | str, models: TrainedModels, out_dir: Path) -> tuple[dict, Path]:
    """Evaluate on the blind sample and write the Markdown report (and plots when possible)."""
    data = _load(dataset)
    blind, scores = blind_scores(data, models)
    result = _metrics_by_method(blind, scores, models)
    published = cuts.passes(blind.hillas, cuts.TAIGA_PUBLISHED)
    provenance = {
        "published TAIGA cuts (window scale 1, alpha < 12 deg) on this sample": (
            f"gamma efficiency {published[blind.is_gamma].mean():.2f}, "
            f"suppression x{1.0 / max(published[~blind.is_gamma].mean(), 1.0 / (~blind.is_gamma).sum()):.1f}"
        ),
        "dataset seed": data.meta["seed"], "blind seed": data.meta["blind_seed"], "knobs": data.meta["knobs"],
        "selection": data.meta["selection"], "showers thrown": data.meta["n_thrown"],
        **{f"{m} model": f"{models[m].card.version} (training data sha256 {models[m].card.training_data_hash[:16]}…)"
           for m in result},
    }
    return result, write_report(result, scores, blind.is_gamma, out_dir, provenance=provenance)


def record_metrics(models: TrainedModels, result: dict) -> None:
    """Store blind-sample metrics in the model cards on disk."""
    for method, values in result.items():
        model = models[method]
        model.card.metrics["blind"] = values
        save_model(model, models.directory / method)


def classify(images: np.ndarray, model: Model) -> tuple[np.ndarray, np.ndarray]:
    """Gammaness and the is-gamma decision (at the model's trained threshold) for raw images."""
    array = check_images(images)
    score = np.asarray(model.gammaness(array), dtype=np.float64)
    return score, score >= model.card.threshold
