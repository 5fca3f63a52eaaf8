"""Simulate -> train -> evaluate -> classify on a small dataset (cuts and scikit-learn; no torch)."""

import json
import subprocess
import sys

import numpy as np
import pytest

from ml import dataset as datasets
from ml.camera import taiga_camera
from ml.cuts import fit_cuts, preselect
from ml.hillas import hillas
from ml.models import load_model
from ml.pipeline import (
    TrainConfig,
    blind_hash,
    classify,
    evaluate,
    load_models,
    record_metrics,
    report,
    simulate_dataset,
    train,
    training_split,
)
from ml.showers import GAMMA, PROTON

NO_TORCH = TrainConfig(methods=("cuts", "sklearn"), progress=False)


@pytest.fixture(scope="module")
def trained(small_dataset, tmp_path_factory):
    return train(small_dataset, tmp_path_factory.mktemp("models"), config=NO_TORCH)


def test_dataset_is_deterministic_and_round_trips(small_dataset, tmp_path):
    again = datasets.load(simulate_dataset(300, 300, seed=11, out_dir=tmp_path, progress=False))
    first = datasets.load(small_dataset)
    assert np.array_equal(first.images, again.images)
    assert np.array_equal(first.blind, again.blind)
    assert first.meta == again.meta
    other = datasets.simulate(20, 20, seed=12, progress=False)
    assert not np.array_equal(other.images, first.images[:40])


def test_dataset_holds_preselected_events_with_truth(small_dataset):
    data = datasets.load(small_dataset)
    assert len(data) == 600 and data.is_gamma.sum() == 300
    assert np.unique(data.event_id).size == 600
    assert preselect(data.hillas).all()
    recomputed = hillas(data.images.astype(np.float32), taiga_camera())
    for name in ("size", "width", "alpha"):
        assert np.allclose(recomputed[name], data.hillas[name], rtol=1e-6)
    assert 0.2 < data.blind.mean() < 0.4
    assert data.meta["n_thrown"]["proton"] > data.meta["n_thrown"]["gamma"]


def test_training_never_sees_the_blind_sample(small_dataset, trained):
    data = datasets.load(small_dataset)
    fit, validation = training_split(data, 0.15, 0)
    blind_ids = set(data.event_id[data.blind])
    assert not blind_ids & set(fit.event_id) and not blind_ids & set(validation.event_id)
    assert len(fit) + len(validation) + len(blind_ids) == len(data)
    for model in trained.models.values():
        assert model.card.blind_sample_hash == blind_hash(data)
        assert model.card.n_train["gamma"] + model.card.n_train["proton"] <= (~data.blind).sum()


def test_evaluate_refuses_models_trained_with_another_blind_sample(small_dataset, trained):
    data = datasets.load(small_dataset)
    shifted = datasets.Dataset(data.event_id, data.images, data.truth, data.hillas, np.roll(data.blind, 1), data.meta)
    with pytest.raises(ValueError, match="different blind sample"):
        evaluate(shifted, trained)


def test_training_refuses_a_dataset_without_blind_sample(small_dataset, tmp_path):
    data = datasets.load(small_dataset)
    no_blind = np.zeros(len(data), bool)
    unblinded = datasets.Dataset(data.event_id, data.images, data.truth, data.hillas, no_blind, data.meta)
    with pytest.raises(ValueError, match="no blind sample"):
        train(unblinded, tmp_path, config=NO_TORCH)


def test_evaluate_gives_the_cli_json(small_dataset, trained):
    result = evaluate(small_dataset, trained)
    assert set(result) == {"cuts", "sklearn"}
    for values in result.values():
        for key in ("suppression_at_055", "q_factor", "roc_auc"):
            assert np.isfinite(values[key]) and values[f"{key}_err"] >= 0
        assert values["n_gamma"] + values["n_proton"] == datasets.load(small_dataset).blind.sum()
    assert result["sklearn"]["roc_auc"] > 0.8
    json.dumps(result)


def test_models_reload_with_cards_and_give_the_same_scores(small_dataset, trained):
    data = datasets.load(small_dataset)
    reloaded = load_models(trained.directory)
    images = data.images[:50].astype(np.float32)
    for method, model in trained.models.items():
        again = reloaded[method]
        assert again.card.version == model.card.version and again.card.version.startswith(method)
        assert len(again.card.training_data_hash) == 64
        assert again.card.hyperparameters and again.card.metrics["validation"]["roc_auc"] > 0.5
        assert np.allclose(classify(images, again)[0], classify(images, model)[0])
    record_metrics(reloaded, evaluate(data, reloaded))
    assert "blind" in load_model(trained.directory / "sklearn").card.metrics


def test_classify_decides_at_the_trained_threshold(small_dataset, trained):
    data = datasets.load(small_dataset)
    model = trained["sklearn"]
    gammaness, is_gamma = classify(data.images.astype(np.float32), model)
    assert gammaness.shape == is_gamma.shape == (len(data),)
    assert np.array_equal(is_gamma, gammaness >= model.card.threshold)
    assert is_gamma[data.is_gamma].mean() > is_gamma[~data.is_gamma].mean()


def test_bad_input_gets_clear_errors(tmp_path, trained):
    with pytest.raises(ValueError, match="shape"):
        classify(np.zeros((3, 10)), trained["cuts"])
    with pytest.raises(ValueError, match="NaN"):
        classify(np.full((1, 559), np.nan), trained["cuts"])
    with pytest.raises(FileNotFoundError):
        datasets.load(tmp_path / "missing.npz")
    (tmp_path / "junk.npz").write_bytes(b"not a dataset")
    with pytest.raises(ValueError, match="not an ml dataset"):
        datasets.load(tmp_path / "junk.npz")
    with pytest.raises(FileNotFoundError):
        load_models(tmp_path)
    with pytest.raises(ValueError, match="seed"):
        simulate_dataset(10, 10, seed=-1, out_dir=tmp_path, progress=False)
    with pytest.raises(ValueError, match="at least one"):
        simulate_dataset(0, 10, seed=1, out_dir=tmp_path, progress=False)
    with pytest.raises(ValueError, match="unknown methods"):
        train(tmp_path / "missing.npz", tmp_path, config=TrainConfig(methods=("svm",)))


def test_hillas_and_sklearn_path_never_imports_torch():
    code = "import sys, ml.pipeline, ml.hillas, ml.models, ml.report, ml.baseline; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_report_writes_markdown_with_provenance(small_dataset, trained, tmp_path):
    result, path = report(small_dataset, trained, tmp_path)
    text = path.read_text()
    assert set(result) == {"cuts", "sklearn"}
    assert "| sklearn |" in text and "published TAIGA cuts" in text
    assert trained["cuts"].card.version in text


def test_cuts_are_fitted_without_the_validation_events(small_dataset, tmp_path):
    """Relabelling every validation event leaves the cuts as they were, and they are those of the fit part."""
    config = TrainConfig(methods=("cuts",), progress=False)
    data = datasets.load(small_dataset)
    fit, validation = training_split(data, config.validation_fraction, config.seed)
    in_validation = np.isin(data.event_id, validation.event_id)
    particle = data.truth["particle"]
    relabelled = np.where(in_validation & (particle == GAMMA), PROTON, np.where(in_validation, GAMMA, particle))
    swapped = datasets.Dataset(data.event_id, data.images, {**data.truth, "particle": relabelled}, data.hillas,
                               data.blind, data.meta)
    original = train(data, tmp_path / "original", config=config)["cuts"]
    changed = train(swapped, tmp_path / "swapped", config=config)["cuts"]
    fit_only = fit_cuts(fit.hillas, fit.is_gamma, total_efficiency=config.target_efficiency)
    assert original.cuts == changed.cuts == fit_only
    assert original.card.training_data_hash == changed.card.training_data_hash
    assert original.card.n_train == {"gamma": int(fit.is_gamma.sum()), "proton": int((~fit.is_gamma).sum())}
    assert original.card.metrics["validation"] != changed.card.metrics["validation"]
