"""Energy spectra, arrival-direction and mass-composition distributions.

All energies are in GeV. Power laws are sampled by inverting their cumulative
distribution, so one uniform number makes one energy (fast and exact).
"""
from __future__ import annotations

import numpy as np

KNEE_GEV = 4.0e6
INDEX_BELOW_KNEE = 2.7
INDEX_ABOVE_KNEE = 3.1

#: Mass groups (p, He, CNO, Mg-Si, Fe) as ln A.
LN_A = np.log([1.0, 4.0, 14.0, 28.0, 56.0])


def power_law(rng: np.random.Generator, n: int, index: float, e_min: float, e_max: float) -> np.ndarray:
    """Energies with dN/dE proportional to E**-index between e_min and e_max."""
    if not 0 < e_min < e_max:
        raise ValueError(f"power law needs 0 < e_min < e_max, got {e_min}, {e_max}")
    u = rng.random(n)
    if np.isclose(index, 1.0):
        return e_min * (e_max / e_min) ** u
    a = 1.0 - index
    low, high = e_min**a, e_max**a
    return (low + u * (high - low)) ** (1.0 / a)


def _integral(index: float, e_min: float, e_max: float) -> float:
    """Integral of (E / e_min)**-index dE from e_min to e_max, times e_min**-1."""
    a = 1.0 - index
    return ((e_max / e_min) ** a - 1.0) / a


def broken_power_law(
    rng: np.random.Generator,
    n: int,
    e_min: float,
    e_max: float,
    e_break: float = KNEE_GEV,
    index_below: float = INDEX_BELOW_KNEE,
    index_above: float = INDEX_ABOVE_KNEE,
) -> np.ndarray:
    """Energies from a spectrum continuous at e_break that steepens there (the cosmic-ray knee)."""
    if e_break <= e_min:
        return power_law(rng, n, index_above, e_min, e_max)
    if e_break >= e_max:
        return power_law(rng, n, index_below, e_min, e_max)
    below = e_min * _integral(index_below, e_min, e_break)
    above = e_min * (e_break / e_min) ** -index_below * (e_break / e_min) * _integral(index_above, e_break, e_max)
    from_below = rng.random(n) < below / (below + above)
    energy = np.empty(n)
    energy[from_below] = power_law(rng, int(from_below.sum()), index_below, e_min, e_break)
    energy[~from_below] = power_law(rng, int((~from_below).sum()), index_above, e_break, e_max)
    return energy


def flat_array_zenith(rng: np.random.Generator, n: int, max_zenith_deg: float) -> np.ndarray:
    """Zenith angles (deg) of an isotropic flux on a horizontal array: dN/dcos(z) ~ cos(z)."""
    c_min = np.cos(np.radians(max_zenith_deg))
    cos_z = np.sqrt(c_min**2 + rng.random(n) * (1.0 - c_min**2))
    return np.degrees(np.arccos(cos_z))


def uniform_azimuth(rng: np.random.Generator, n: int) -> np.ndarray:
    """Azimuths (deg) uniform in [0, 360)."""
    return rng.uniform(0.0, 360.0, n)


def mass_composition(rng: np.random.Generator, energy_gev: np.ndarray) -> np.ndarray:
    """ln A per event: light below the knee, heavier above it (a rigidity-like trend).

    The light share (p + He) falls from 60 % below 3 PeV to 25 % at 300 PeV; the
    rest is split 3:2:5 among CNO, Mg-Si and Fe.
    """
    decade = np.clip((np.log10(energy_gev) - 6.5) / 2.0, 0.0, 1.0)
    light = 0.60 - 0.35 * decade
    heavy = 1.0 - light
    probabilities = np.stack([light * 0.55, light * 0.45, heavy * 0.3, heavy * 0.2, heavy * 0.5], axis=1)
    cumulative = np.cumsum(probabilities, axis=1)
    group = (rng.random(len(energy_gev))[:, None] > cumulative).sum(axis=1)
    return LN_A[np.minimum(group, len(LN_A) - 1)]


def lognormal_factor(rng: np.random.Generator, n: int, sigma_dex: float) -> np.ndarray:
    """Multiplicative scatter with a Gaussian spread of sigma_dex in log10."""
    return 10.0 ** rng.normal(0.0, sigma_dex, n)
