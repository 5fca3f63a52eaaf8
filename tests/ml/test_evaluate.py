"""Figures of merit on score distributions with known answers."""

import numpy as np
import pytest

from ml.evaluate import gamma_efficiency_at_suppression, metrics, threshold_for_efficiency


def test_threshold_keeps_the_requested_fraction():
    scores = np.arange(100, dtype=float)
    threshold = threshold_for_efficiency(scores, 0.55)
    assert np.mean(scores >= threshold) == pytest.approx(0.55)
    with pytest.raises(ValueError):
        threshold_for_efficiency(scores, 0.0)


def test_known_suppression_and_q_factor():
    gammas = np.linspace(0.0, 1.0, 1000)
    protons = np.r_[np.full(3900, -1.0), np.full(100, 0.9)]
    result = metrics(np.r_[gammas, protons], np.r_[np.ones(1000, bool), np.zeros(4000, bool)], threshold=0.5)
    assert result["suppression_at_055"] == pytest.approx(40.0)
    assert result["q_factor"] == pytest.approx(0.55 * np.sqrt(40.0), rel=1e-3)
    assert 0.5 < result["roc_auc"] < 1.0
    assert result["suppression_at_055_err"] > 0
    low, high = result["suppression_at_055_ci95"]
    assert low < 40.0 < high
    assert result["operating_point"]["gamma_efficiency"] == pytest.approx(0.5, abs=0.002)
    assert result["operating_point"]["proton_efficiency"] == pytest.approx(0.025)
    assert not result["suppression_at_055_is_lower_limit"]


def test_perfect_separation_is_a_lower_limit():
    result = metrics(np.r_[np.ones(50), np.zeros(300)], np.r_[np.ones(50, bool), np.zeros(300, bool)], n_bootstrap=20)
    assert result["roc_auc"] == 1.0
    assert result["suppression_at_055_is_lower_limit"]
    assert result["suppression_at_055"] == 300


def test_gamma_efficiency_at_fixed_suppression():
    gammas = np.linspace(0, 1, 1001)
    protons = np.linspace(0, 1, 3000)
    assert gamma_efficiency_at_suppression(gammas, protons, 10) == pytest.approx(0.1, abs=0.002)


def test_needs_both_classes():
    with pytest.raises(ValueError, match="both"):
        metrics(np.ones(5), np.ones(5, dtype=bool))
