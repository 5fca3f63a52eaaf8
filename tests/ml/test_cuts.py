"""The conventional two-cut analysis."""

import numpy as np
import pytest

from ml.cuts import TAIGA_PUBLISHED, Cuts, cut_score, fit_cuts, passes, preselect, shape_window


def sample(n, rng, width, length):
    size = 10 ** rng.uniform(2.1, 3.5, n)
    return {
        "size": size, "width": rng.normal(width, 0.02, n), "length": rng.normal(length, 0.04, n),
        "alpha": rng.uniform(0.0, 90.0, n), "dist": rng.uniform(0.2, 1.6, n),
    }


def test_taiga_window_limits_match_the_published_table():
    params = {"size": np.array([120.0, 1000.0, 3000.0]), "width": np.array([0.093, 0.156, 0.188]),
              "length": np.array([0.29, 0.43, 0.49]), "alpha": np.zeros(3)}
    assert shape_window(params, TAIGA_PUBLISHED).all()
    params["width"] = params["width"] + 0.003
    assert not shape_window(params, TAIGA_PUBLISHED).any()


def test_score_threshold_is_exactly_the_two_cuts():
    params = sample(5000, np.random.default_rng(0), 0.12, 0.3)
    cuts = Cuts(scale=1.1, alpha_max=15.0)
    assert np.array_equal(cut_score(params, cuts) >= cuts.threshold, passes(params, cuts))


def test_fitted_cuts_keep_the_requested_gamma_fractions():
    rng = np.random.default_rng(1)
    gammas = sample(20000, rng, 0.11, 0.25)
    gammas["alpha"] = np.abs(rng.normal(0, 10, 20000))
    labels = np.ones(20000, dtype=bool)
    cuts = fit_cuts(gammas, labels, shape_efficiency=0.75, total_efficiency=0.55)
    assert shape_window(gammas, cuts).mean() == pytest.approx(0.75, abs=0.002)
    assert passes(gammas, cuts).mean() == pytest.approx(0.55, abs=0.002)
    with pytest.raises(ValueError):
        fit_cuts(gammas, labels, shape_efficiency=0.5, total_efficiency=0.6)


def test_preselection_window():
    params = {"size": np.array([100.0, 200.0, 200.0, 200.0, np.nan]), "dist": np.array([1.0, 1.0, 0.2, 1.5, 1.0])}
    assert preselect(params).tolist() == [False, True, False, False, False]
