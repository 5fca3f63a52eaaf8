"""Parametric Hillas parameters of TAIGA-IACT images, gamma rays and protons.

The model follows the toy recipe in shared/ml/iact-simulation.md (section 6), so
the event table agrees with the camera images another part of ml/ simulates:
image size S = 60 phe x E/TeV x g(R) x y (g = 1 inside 120 m, then falling with
an 80 m scale; light yield y = 1 for gamma rays, 0.4 for protons) with 0.25 /
0.35 dex log-normal scatter; intrinsic widths and lengths as in the recipe's
table, broadened by the 0.05 degree optical PSF and the 0.095 degree pixel rms;
gamma images point back to the source (alpha spread 4 + 12/sqrt(S/100) degree),
proton images are oriented at random, and 3 % of protons take the gamma shape and
orientation (single pi0 sub-cascades). Camera coordinates are in degrees.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ml.eventsim.spectra import power_law

TRIGGER_SIZE_PHE = 60.0
OPTICAL_PSF_DEG, PIXEL_RMS_DEG, PIXEL_AREA_DEG2 = 0.05, 0.095, 0.1135
GAMMA_LIKE_PROTON_SHARE = 0.03
PROTON_COG_RADIUS_DEG = 4.3


@dataclass(frozen=True)
class Primary:
    """How one particle type makes showers: spectrum, impact range, light yield and size scatter."""

    index: float
    e_min_gev: float
    e_max_gev: float
    max_impact_m: float
    light_yield: float
    size_scatter_dex: float


GAMMA = Primary(2.6, 1.5e3, 2.0e5, 250.0, 1.0, 0.25)
PROTON = Primary(2.7, 4.0e3, 3.0e5, 350.0, 0.4, 0.35)


@dataclass(frozen=True)
class Showers:
    energy_gev: np.ndarray
    impact_m: np.ndarray
    size: np.ndarray

    @staticmethod
    def interleave(where: np.ndarray, when_true: Showers, when_false: Showers) -> Showers:
        """Showers taken in order from when_true where `where` is set, from when_false elsewhere."""
        merged = []
        for name in ("energy_gev", "impact_m", "size"):
            values = np.empty(len(where))
            values[where] = getattr(when_true, name)
            values[~where] = getattr(when_false, name)
            merged.append(values)
        return Showers(*merged)


def _light_pool(impact_m: np.ndarray) -> np.ndarray:
    return np.where(impact_m < 120.0, 1.0, np.exp(-(impact_m - 120.0) / 80.0))


def triggered_showers(rng: np.random.Generator, n: int, primary: Primary) -> Showers:
    """n showers of this primary whose image passes the trigger (size >= TRIGGER_SIZE_PHE)."""
    kept = [Showers(np.empty(0), np.empty(0), np.empty(0))]
    total = 0
    while total < n:
        m = 2 * (n - total) + 64
        energy = power_law(rng, m, primary.index, primary.e_min_gev, primary.e_max_gev)
        impact = primary.max_impact_m * np.sqrt(rng.random(m))
        size = (
            60.0 * energy / 1.0e3 * _light_pool(impact) * primary.light_yield
            * 10.0 ** rng.normal(0.0, primary.size_scatter_dex, m)
        )
        ok = size >= TRIGGER_SIZE_PHE
        kept.append(Showers(energy[ok], impact[ok], size[ok]))
        total += int(ok.sum())
    return Showers(*(np.concatenate([getattr(s, f) for s in kept])[:n] for f in ("energy_gev", "impact_m", "size")))


def _observed(intrinsic: np.ndarray) -> np.ndarray:
    return np.sqrt(np.maximum(intrinsic, 0.01) ** 2 + OPTICAL_PSF_DEG**2 + PIXEL_RMS_DEG**2)


def image_parameters(
    rng: np.random.Generator,
    showers: Showers,
    gamma_like: np.ndarray,
    source_x: np.ndarray,
    source_y: np.ndarray,
) -> dict[str, np.ndarray]:
    """Hillas parameters for showers whose image is gamma-like (or not), source at (source_x, source_y)."""
    n = len(showers.size)
    s = np.log10(showers.size / 100.0)

    def normal(sigma: float) -> np.ndarray:
        return np.exp(rng.normal(0.0, sigma, n))

    gamma_distance = np.clip(0.0072 * showers.impact_m * rng.normal(1.0, 0.15, n), 0.05, 3.0)
    phi = rng.uniform(0.0, 2.0 * np.pi, n)
    disc = PROTON_COG_RADIUS_DEG * np.sqrt(rng.random(n))
    cog_x = np.where(gamma_like, source_x + gamma_distance * np.cos(phi), disc * np.cos(phi))
    cog_y = np.where(gamma_like, source_y + gamma_distance * np.sin(phi), disc * np.sin(phi))
    to_cog = np.arctan2(cog_y - source_y, cog_x - source_x)
    alpha_spread = np.radians(4.0 + 12.0 / np.sqrt(showers.size / 100.0))
    axis = np.where(gamma_like, to_cog + rng.normal(0.0, 1.0, n) * alpha_spread, rng.uniform(0, np.pi, n))

    distance = np.hypot(cog_x - source_x, cog_y - source_y)
    width = _observed(np.where(gamma_like, (0.045 + 0.020 * s) * normal(0.15), (0.09 + 0.05 * s) * normal(0.30)))
    length = _observed(
        np.where(gamma_like, (0.12 + 0.06 * s + 0.04 * distance) * normal(0.15), (0.18 + 0.09 * s) * normal(0.25))
    )
    width, length = np.minimum(width, length), np.maximum(width, length)
    alpha = np.degrees(np.arccos(np.clip(np.abs(np.cos(axis - to_cog)), 0.0, 1.0)))
    psi = (np.degrees(axis) + 90.0) % 180.0 - 90.0
    conc = (1.0 - np.exp(-2.0 * PIXEL_AREA_DEG2 / (2.0 * np.pi * length * width))) * normal(0.1)
    return {
        "hillas_size": showers.size,
        "hillas_cog_x": cog_x,
        "hillas_cog_y": cog_y,
        "hillas_length": length,
        "hillas_width": width,
        "hillas_psi": np.where(psi == -90.0, 90.0, psi),
        "hillas_distance": distance,
        "hillas_alpha": alpha,
        "hillas_miss": distance * np.sin(np.radians(alpha)),
        "hillas_conc": np.clip(conc, 0.02, 0.95),
        "hillas_skewness": np.where(gamma_like, rng.normal(0.3, 0.2, n), rng.normal(0.0, 0.4, n)),
    }


def direction_error(size: np.ndarray) -> np.ndarray:
    """Single-telescope direction error (deg, per axis): 0.1 + 0.15 sqrt(100/S), at most 0.4."""
    return np.minimum(0.1 + 0.15 * np.sqrt(100.0 / size), 0.4)


def gamma_hypothesis_energy(size: np.ndarray) -> np.ndarray:
    """Energy (GeV) that a gamma ray at a typical impact distance needs to give this size."""
    return 1.0e3 * size / 42.0
