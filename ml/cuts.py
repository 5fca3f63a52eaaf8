"""Pre-selection and the conventional analysis: two consecutive Hillas cuts.

Cut 1 is the size-dependent width/length window used on TAIGA-IACT data
(``bbchkee/taiga-jinr``: 0.024 < width < 0.068 lg(size) - 0.047 and
length < 0.145 lg(size), degrees), with both upper limits multiplied by a
common ``scale``; cut 2 is ``alpha < alpha_max``.  The published values
(scale 1, alpha < 12 deg) keep only about a third of the toy's gammas, whose
images sit close to the 120 phe threshold, so the cuts are set the way the
"dynamic" TAIGA variant does: from the training gammas, with efficiencies
fixed in advance (cut 1 keeps 75% of them, cut 2 brings the total to 55%).

For ROC curves the two cuts are also expressed as a score: 0 outside the
shape window, ``1 - alpha/90`` inside, so that ``score >= 1 - alpha_max/90``
is exactly the two cuts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PRECUT_SIZE_PHE = 120.0
PRECUT_DIST_DEG = (0.36, 1.44)
SHAPE_EFFICIENCY = 0.75
TOTAL_EFFICIENCY = 0.55


@dataclass(frozen=True)
class Cuts:
    """The two consecutive cuts: shape-window scale and alpha limit (degrees)."""

    scale: float = 1.0
    alpha_max: float = 12.0

    @property
    def threshold(self) -> float:
        """Score threshold equivalent to ``alpha < alpha_max`` inside the window."""
        return 1.0 - self.alpha_max / 90.0


TAIGA_PUBLISHED = Cuts(scale=1.0, alpha_max=12.0)


def preselect(params: dict[str, np.ndarray]) -> np.ndarray:
    """Events every method is judged on: size > 120 phe and 0.36 deg < dist < 1.44 deg."""
    size, dist = params["size"], params["dist"]
    with np.errstate(invalid="ignore"):
        return (size > PRECUT_SIZE_PHE) & (dist > PRECUT_DIST_DEG[0]) & (dist < PRECUT_DIST_DEG[1])


def window_ratio(params: dict[str, np.ndarray]) -> np.ndarray:
    """How far an image fills the TAIGA window: the larger of width/limit and length/limit."""
    with np.errstate(invalid="ignore", divide="ignore"):
        lg = np.log10(params["size"])
        ratio = np.maximum(params["width"] / (0.068 * lg - 0.047), params["length"] / (0.145 * lg))
    return np.where(params["width"] > 0.024, ratio, np.inf)


def shape_window(params: dict[str, np.ndarray], cuts: Cuts) -> np.ndarray:
    """Cut 1: the TAIGA width/length window with its upper limits scaled."""
    with np.errstate(invalid="ignore"):
        return window_ratio(params) < cuts.scale


def passes(params: dict[str, np.ndarray], cuts: Cuts) -> np.ndarray:
    """Both cuts in sequence."""
    with np.errstate(invalid="ignore"):
        return shape_window(params, cuts) & (params["alpha"] < cuts.alpha_max)


def cut_score(params: dict[str, np.ndarray], cuts: Cuts) -> np.ndarray:
    """Gammaness of the conventional analysis: 0 outside the shape window, else 1 - alpha/90."""
    alpha = np.clip(np.nan_to_num(params["alpha"], nan=90.0), 0.0, 90.0)
    return np.where(shape_window(params, cuts), 1.0 - alpha / 90.0, 0.0)


def fit_cuts(params: dict[str, np.ndarray], is_gamma: np.ndarray, shape_efficiency: float = SHAPE_EFFICIENCY,
             total_efficiency: float = TOTAL_EFFICIENCY) -> Cuts:
    """Set both cuts from training gammas so they keep the requested fractions."""
    if not 0.0 < total_efficiency <= shape_efficiency <= 1.0:
        raise ValueError("need 0 < total_efficiency <= shape_efficiency <= 1")
    ratio = window_ratio({k: v[is_gamma] for k, v in params.items()})
    if ratio.size == 0:
        raise ValueError("no gammas to set the cuts on")
    scale = float(np.nextafter(np.quantile(ratio, shape_efficiency, method="higher"), np.inf))
    alpha = np.sort(params["alpha"][is_gamma][ratio < scale])
    needed = max(int(np.ceil(total_efficiency * ratio.size - 1e-9)), 1)
    alpha_max = float(np.nextafter(alpha[min(needed, alpha.size) - 1], np.inf))
    return Cuts(scale=scale, alpha_max=alpha_max)
