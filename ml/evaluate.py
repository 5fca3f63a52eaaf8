"""Figures of merit for gamma/hadron scores, with bootstrap uncertainties.

All efficiencies are fractions of the evaluated (pre-selected, blind)
events.  "Suppression at 55%" is 1/eps_p at the score threshold that keeps
55% of the gammas; Q = eps_g / sqrt(eps_p) at that threshold.  When no
proton survives, the suppression is reported as the number of protons and
flagged as a lower limit.  Uncertainties are the standard deviation of the
statistic over bootstrap resamples drawn separately within each class.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score

N_BOOTSTRAP = 200


def threshold_for_efficiency(gamma_scores: np.ndarray, efficiency: float) -> float:
    """Lowest threshold ``t`` such that ``score >= t`` keeps at least ``efficiency`` of the gammas."""
    if not 0.0 < efficiency <= 1.0:
        raise ValueError(f"efficiency must be in (0, 1], got {efficiency}")
    ordered = np.sort(gamma_scores)[::-1]
    return float(ordered[max(int(np.ceil(efficiency * ordered.size - 1e-9)), 1) - 1])


def _rates(gamma_scores: np.ndarray, proton_scores: np.ndarray, efficiency: float) -> tuple[float, float, int]:
    threshold = threshold_for_efficiency(gamma_scores, efficiency)
    passed = int(np.count_nonzero(proton_scores >= threshold))
    return float(np.mean(gamma_scores >= threshold)), passed / proton_scores.size, passed


def point_metrics(gamma_scores: np.ndarray, proton_scores: np.ndarray, efficiency: float = 0.55) -> dict[str, float]:
    """Suppression and Q-factor at a gamma efficiency, plus ROC AUC (no uncertainties)."""
    eps_g, eps_p, passed = _rates(gamma_scores, proton_scores, efficiency)
    floor = 1.0 / proton_scores.size
    labels = np.r_[np.ones(gamma_scores.size), np.zeros(proton_scores.size)]
    return {
        "suppression": 1.0 / max(eps_p, floor),
        "q_factor": eps_g / np.sqrt(max(eps_p, floor)),
        "roc_auc": float(roc_auc_score(labels, np.r_[gamma_scores, proton_scores])),
        "gamma_efficiency": eps_g,
        "protons_passing": passed,
    }


def gamma_efficiency_at_suppression(gamma_scores: np.ndarray, proton_scores: np.ndarray, suppression: float) -> float:
    """Fraction of gammas kept by the threshold that lets through 1/suppression of the protons."""
    allowed = int(np.floor(proton_scores.size / suppression))
    ordered = np.sort(proton_scores)[::-1]
    threshold = ordered[allowed] if allowed < ordered.size else -np.inf
    return float(np.mean(gamma_scores > threshold))


def metrics(score: np.ndarray, is_gamma: np.ndarray, *, threshold: float | None = None, seed: int = 0,
            n_bootstrap: int = N_BOOTSTRAP) -> dict:
    """The blind-sample summary for one method: values, ``_err`` (bootstrap std) and ``_ci95``."""
    score, is_gamma = np.asarray(score, dtype=np.float64), np.asarray(is_gamma, dtype=bool)
    gammas, protons = score[is_gamma], score[~is_gamma]
    if gammas.size == 0 or protons.size == 0:
        raise ValueError("evaluation needs both gammas and protons")
    central = point_metrics(gammas, protons)
    rng = np.random.default_rng(seed)
    samples = [
        point_metrics(rng.choice(gammas, gammas.size), rng.choice(protons, protons.size))
        for _ in range(n_bootstrap)
    ]
    result: dict = {"n_gamma": int(gammas.size), "n_proton": int(protons.size)}
    for key, name in (("suppression", "suppression_at_055"), ("q_factor", "q_factor"), ("roc_auc", "roc_auc")):
        values = np.array([s[key] for s in samples])
        result[name] = central[key]
        result[f"{name}_err"] = float(values.std(ddof=1))
        result[f"{name}_ci95"] = [float(v) for v in np.percentile(values, [2.5, 97.5])]
    result["suppression_at_055_is_lower_limit"] = central["protons_passing"] == 0
    result["protons_passing_at_055"] = central["protons_passing"]
    for efficiency in (0.5, 0.7):
        eps_g, eps_p, _ = _rates(gammas, protons, efficiency)
        result[f"suppression_at_{int(efficiency * 100):03d}"] = 1.0 / max(eps_p, 1.0 / protons.size)
    for factor in (8, 30):
        result[f"gamma_efficiency_at_suppression_{factor}"] = gamma_efficiency_at_suppression(gammas, protons, factor)
    if threshold is not None:
        eps_g, eps_p = float(np.mean(gammas >= threshold)), float(np.mean(protons >= threshold))
        result["operating_point"] = {
            "threshold": float(threshold), "gamma_efficiency": eps_g, "proton_efficiency": eps_p,
            "suppression": 1.0 / max(eps_p, 1.0 / protons.size),
        }
    return result
